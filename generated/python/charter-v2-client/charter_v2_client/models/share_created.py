from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.share_permissions import SharePermissions
from ..models.share_status import ShareStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="ShareCreated")


@_attrs_define
class ShareCreated:
    """
    Attributes:
        created_at (datetime.datetime):  Example: 2024-01-15T11:00:00Z.
        email (str):  Example: recipient@example.com.
        expires_at (datetime.datetime | None):  Example: 2030-02-15T00:00:00Z.
        file_id (str):  Example: file_abc123.
        id (str):  Example: shr_4KfA9cLq2TnV7wXy.
        password_protected (bool):  Example: True.
        permissions (SharePermissions):  Example: view.
        status (ShareStatus):  Example: active.
        url (str): The link; shown only here. Example:
            https://api.example.com/v2/shares/Qm9vZ1NoYXJlVG9rZW5FeGFtcGxlMDEyMzQ1Njc4OQ.
        password (str | Unset): Password-protected shares only; shown only here. Example: 8nT2kQwLx5Vb9mRa.
    """

    created_at: datetime.datetime
    email: str
    expires_at: datetime.datetime | None
    file_id: str
    id: str
    password_protected: bool
    permissions: SharePermissions
    status: ShareStatus
    url: str
    password: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        email = self.email

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        file_id = self.file_id

        id = self.id

        password_protected = self.password_protected

        permissions = self.permissions.value

        status = self.status.value

        url = self.url

        password = self.password

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "email": email,
                "expires_at": expires_at,
                "file_id": file_id,
                "id": id,
                "password_protected": password_protected,
                "permissions": permissions,
                "status": status,
                "url": url,
            }
        )
        if password is not UNSET:
            field_dict["password"] = password

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        file_id = d.pop("file_id")

        id = d.pop("id")

        password_protected = d.pop("password_protected")

        permissions = SharePermissions(d.pop("permissions"))

        status = ShareStatus(d.pop("status"))

        url = d.pop("url")

        password = d.pop("password", UNSET)

        share_created = cls(
            created_at=created_at,
            email=email,
            expires_at=expires_at,
            file_id=file_id,
            id=id,
            password_protected=password_protected,
            permissions=permissions,
            status=status,
            url=url,
            password=password,
        )

        share_created.additional_properties = d
        return share_created

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
