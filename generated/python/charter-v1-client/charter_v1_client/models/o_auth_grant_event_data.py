from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="OAuthGrantEventData")


@_attrs_define
class OAuthGrantEventData:
    """
    Example:
        {'client_id': 'cli_4eC39HqLyjWDarjt', 'scopes': ['openid', 'users:read'], 'user_id': 'usr_2Jx8KfA9cLq2TnV7'}

    Attributes:
        client_id (str):  Example: cli_4eC39HqLyjWDarjt.
        user_id (str):  Example: usr_2Jx8KfA9cLq2TnV7.
        scopes (list[str] | Unset):  Example: ['openid', 'users:read'].
    """

    client_id: str
    user_id: str
    scopes: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        user_id = self.user_id

        scopes: list[str] | Unset = UNSET
        if not isinstance(self.scopes, Unset):
            scopes = self.scopes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "user_id": user_id,
            }
        )
        if scopes is not UNSET:
            field_dict["scopes"] = scopes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        user_id = d.pop("user_id")

        scopes = cast(list[str], d.pop("scopes", UNSET))

        o_auth_grant_event_data = cls(
            client_id=client_id,
            user_id=user_id,
            scopes=scopes,
        )

        o_auth_grant_event_data.additional_properties = d
        return o_auth_grant_event_data

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
