from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Introspection")


@_attrs_define
class Introspection:
    """
    Example:
        {'active': True, 'aud': 'https://api.example.com', 'client_id': 'cli_4eC39HqLyjWDarjt', 'exp': 1767226500,
            'iat': 1767225600, 'iss': 'https://api.example.com/oauth', 'scope': 'users:read', 'sub': 'usr_2Jx8KfA9cLq2TnV7',
            'token_type': 'Bearer', 'username': 'jane'}

    Attributes:
        active (bool):
        aud (str | Unset):
        client_id (str | Unset):
        exp (int | Unset):
        iat (int | Unset):
        iss (str | Unset):
        jti (None | str | Unset):
        scope (str | Unset):
        sub (str | Unset):
        token_type (str | Unset):
        username (str | Unset):
    """

    active: bool
    aud: str | Unset = UNSET
    client_id: str | Unset = UNSET
    exp: int | Unset = UNSET
    iat: int | Unset = UNSET
    iss: str | Unset = UNSET
    jti: None | str | Unset = UNSET
    scope: str | Unset = UNSET
    sub: str | Unset = UNSET
    token_type: str | Unset = UNSET
    username: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        aud = self.aud

        client_id = self.client_id

        exp = self.exp

        iat = self.iat

        iss = self.iss

        jti: None | str | Unset
        if isinstance(self.jti, Unset):
            jti = UNSET
        else:
            jti = self.jti

        scope = self.scope

        sub = self.sub

        token_type = self.token_type

        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
            }
        )
        if aud is not UNSET:
            field_dict["aud"] = aud
        if client_id is not UNSET:
            field_dict["client_id"] = client_id
        if exp is not UNSET:
            field_dict["exp"] = exp
        if iat is not UNSET:
            field_dict["iat"] = iat
        if iss is not UNSET:
            field_dict["iss"] = iss
        if jti is not UNSET:
            field_dict["jti"] = jti
        if scope is not UNSET:
            field_dict["scope"] = scope
        if sub is not UNSET:
            field_dict["sub"] = sub
        if token_type is not UNSET:
            field_dict["token_type"] = token_type
        if username is not UNSET:
            field_dict["username"] = username

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        aud = d.pop("aud", UNSET)

        client_id = d.pop("client_id", UNSET)

        exp = d.pop("exp", UNSET)

        iat = d.pop("iat", UNSET)

        iss = d.pop("iss", UNSET)

        def _parse_jti(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        jti = _parse_jti(d.pop("jti", UNSET))

        scope = d.pop("scope", UNSET)

        sub = d.pop("sub", UNSET)

        token_type = d.pop("token_type", UNSET)

        username = d.pop("username", UNSET)

        introspection = cls(
            active=active,
            aud=aud,
            client_id=client_id,
            exp=exp,
            iat=iat,
            iss=iss,
            jti=jti,
            scope=scope,
            sub=sub,
            token_type=token_type,
            username=username,
        )

        introspection.additional_properties = d
        return introspection

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
