from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OAuthClientEventData")


@_attrs_define
class OAuthClientEventData:
    """
    Example:
        {'client_id': 'cli_4eC39HqLyjWDarjt', 'client_type': 'confidential', 'name': 'Reporting dashboard', 'scopes':
            ['openid', 'users:read']}

    Attributes:
        client_id (str):  Example: cli_4eC39HqLyjWDarjt.
        client_type (str):  Example: confidential.
        name (str):  Example: Reporting dashboard.
        scopes (list[str]):  Example: ['openid', 'users:read'].
    """

    client_id: str
    client_type: str
    name: str
    scopes: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_id = self.client_id

        client_type = self.client_type

        name = self.name

        scopes = self.scopes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_id": client_id,
                "client_type": client_type,
                "name": name,
                "scopes": scopes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        client_id = d.pop("client_id")

        client_type = d.pop("client_type")

        name = d.pop("name")

        scopes = cast(list[str], d.pop("scopes"))

        o_auth_client_event_data = cls(
            client_id=client_id,
            client_type=client_type,
            name=name,
            scopes=scopes,
        )

        o_auth_client_event_data.additional_properties = d
        return o_auth_client_event_data

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
