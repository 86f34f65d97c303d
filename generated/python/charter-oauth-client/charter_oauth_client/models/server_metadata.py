from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ServerMetadata")


@_attrs_define
class ServerMetadata:
    """
    Example:
        {'grant_types_supported': [], 'issuer': 'http://localhost:8000/oauth', 'response_types_supported': [],
            'scopes_supported': ['admin', 'users:read'], 'token_endpoint_auth_methods_supported': []}

    Attributes:
        grant_types_supported (list[str]):
        issuer (str):  Example: http://localhost:8000/oauth.
        response_types_supported (list[str]):
        scopes_supported (list[str]):
        token_endpoint_auth_methods_supported (list[str] | Unset):
    """

    grant_types_supported: list[str]
    issuer: str
    response_types_supported: list[str]
    scopes_supported: list[str]
    token_endpoint_auth_methods_supported: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        grant_types_supported = self.grant_types_supported

        issuer = self.issuer

        response_types_supported = self.response_types_supported

        scopes_supported = self.scopes_supported

        token_endpoint_auth_methods_supported: list[str] | Unset = UNSET
        if not isinstance(self.token_endpoint_auth_methods_supported, Unset):
            token_endpoint_auth_methods_supported = self.token_endpoint_auth_methods_supported

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "grant_types_supported": grant_types_supported,
                "issuer": issuer,
                "response_types_supported": response_types_supported,
                "scopes_supported": scopes_supported,
            }
        )
        if token_endpoint_auth_methods_supported is not UNSET:
            field_dict["token_endpoint_auth_methods_supported"] = token_endpoint_auth_methods_supported

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        grant_types_supported = cast(list[str], d.pop("grant_types_supported"))

        issuer = d.pop("issuer")

        response_types_supported = cast(list[str], d.pop("response_types_supported"))

        scopes_supported = cast(list[str], d.pop("scopes_supported"))

        token_endpoint_auth_methods_supported = cast(list[str], d.pop("token_endpoint_auth_methods_supported", UNSET))

        server_metadata = cls(
            grant_types_supported=grant_types_supported,
            issuer=issuer,
            response_types_supported=response_types_supported,
            scopes_supported=scopes_supported,
            token_endpoint_auth_methods_supported=token_endpoint_auth_methods_supported,
        )

        server_metadata.additional_properties = d
        return server_metadata

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
