from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.token_response_token_type import TokenResponseTokenType

if TYPE_CHECKING:
    from ..models.token_user import TokenUser


T = TypeVar("T", bound="TokenResponse")


@_attrs_define
class TokenResponse:
    """
    Example:
        {'access_token': 'eyJhbGciOiJIUzI1NiIs...', 'expires_in': 900, 'refresh_token': 'rt_dGhpcyBpcyBhIHJlZnJl',
            'token_type': 'Bearer', 'user': {'email': 'john@example.com', 'id': 'usr_abc123', 'roles': ['user', 'editor'],
            'username': 'john.doe'}}

    Attributes:
        access_token (str): HS256 JWT with `sub`, `org`, `roles`, `scope`, `sid`, `jti`, `amr`, `livemode`, `iat`,
            `exp` and a `kid` header. Send it as `Authorization: Bearer`.
        expires_in (int): Access token lifetime in seconds.
        refresh_token (str):
        token_type (TokenResponseTokenType):
        user (TokenUser):
    """

    access_token: str
    expires_in: int
    refresh_token: str
    token_type: TokenResponseTokenType
    user: TokenUser
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_token = self.access_token

        expires_in = self.expires_in

        refresh_token = self.refresh_token

        token_type = self.token_type.value

        user = self.user.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_token": access_token,
                "expires_in": expires_in,
                "refresh_token": refresh_token,
                "token_type": token_type,
                "user": user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.token_user import TokenUser  # noqa: PLC0415

        d = dict(src_dict)
        access_token = d.pop("access_token")

        expires_in = d.pop("expires_in")

        refresh_token = d.pop("refresh_token")

        token_type = TokenResponseTokenType(d.pop("token_type"))

        user = TokenUser.from_dict(d.pop("user"))

        token_response = cls(
            access_token=access_token,
            expires_in=expires_in,
            refresh_token=refresh_token,
            token_type=token_type,
            user=user,
        )

        token_response.additional_properties = d
        return token_response

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
