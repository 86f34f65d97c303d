from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JsonWebKeySetKeysItem")


@_attrs_define
class JsonWebKeySetKeysItem:
    """
    Attributes:
        kid (str):
        kty (str):
        alg (str | Unset):
        e (str | Unset):
        n (str | Unset):
        use (str | Unset):
    """

    kid: str
    kty: str
    alg: str | Unset = UNSET
    e: str | Unset = UNSET
    n: str | Unset = UNSET
    use: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kid = self.kid

        kty = self.kty

        alg = self.alg

        e = self.e

        n = self.n

        use = self.use

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kid": kid,
                "kty": kty,
            }
        )
        if alg is not UNSET:
            field_dict["alg"] = alg
        if e is not UNSET:
            field_dict["e"] = e
        if n is not UNSET:
            field_dict["n"] = n
        if use is not UNSET:
            field_dict["use"] = use

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kid = d.pop("kid")

        kty = d.pop("kty")

        alg = d.pop("alg", UNSET)

        e = d.pop("e", UNSET)

        n = d.pop("n", UNSET)

        use = d.pop("use", UNSET)

        json_web_key_set_keys_item = cls(
            kid=kid,
            kty=kty,
            alg=alg,
            e=e,
            n=n,
            use=use,
        )

        json_web_key_set_keys_item.additional_properties = d
        return json_web_key_set_keys_item

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
