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
        {'authorization_endpoint': 'https://api.example.com/oauth/authorize',
            'authorization_response_iss_parameter_supported': True, 'claims_supported': ['sub', 'iss', 'aud', 'exp', 'iat',
            'nonce'], 'code_challenge_methods_supported': ['S256'], 'grant_types_supported': ['authorization_code',
            'client_credentials', 'refresh_token'], 'id_token_signing_alg_values_supported': ['RS256'],
            'introspection_endpoint': 'https://api.example.com/oauth/introspect',
            'introspection_endpoint_auth_methods_supported': ['client_secret_basic', 'client_secret_post'], 'issuer':
            'https://api.example.com/oauth', 'jwks_uri': 'https://api.example.com/oauth/jwks.json',
            'response_modes_supported': ['query'], 'response_types_supported': ['code'], 'revocation_endpoint':
            'https://api.example.com/oauth/revoke', 'revocation_endpoint_auth_methods_supported': ['client_secret_basic',
            'client_secret_post', 'none'], 'scopes_supported': ['admin', 'openid', 'users:read'], 'service_documentation':
            'https://api.example.com/oauth/docs/', 'subject_types_supported': ['public'], 'token_endpoint':
            'https://api.example.com/oauth/token', 'token_endpoint_auth_methods_supported': ['client_secret_basic',
            'client_secret_post', 'none'], 'userinfo_endpoint': 'https://api.example.com/oauth/userinfo'}

    Attributes:
        authorization_endpoint (str):
        code_challenge_methods_supported (list[str]):
        grant_types_supported (list[str]):
        id_token_signing_alg_values_supported (list[str]):
        issuer (str):
        jwks_uri (str):
        response_types_supported (list[str]):
        scopes_supported (list[str]):
        subject_types_supported (list[str]):
        token_endpoint (str):
        token_endpoint_auth_methods_supported (list[str]):
        authorization_response_iss_parameter_supported (bool | Unset):
        claims_supported (list[str] | Unset):
        introspection_endpoint (str | Unset):
        introspection_endpoint_auth_methods_supported (list[str] | Unset):
        response_modes_supported (list[str] | Unset):
        revocation_endpoint (str | Unset):
        revocation_endpoint_auth_methods_supported (list[str] | Unset):
        service_documentation (str | Unset):
        userinfo_endpoint (str | Unset):
    """

    authorization_endpoint: str
    code_challenge_methods_supported: list[str]
    grant_types_supported: list[str]
    id_token_signing_alg_values_supported: list[str]
    issuer: str
    jwks_uri: str
    response_types_supported: list[str]
    scopes_supported: list[str]
    subject_types_supported: list[str]
    token_endpoint: str
    token_endpoint_auth_methods_supported: list[str]
    authorization_response_iss_parameter_supported: bool | Unset = UNSET
    claims_supported: list[str] | Unset = UNSET
    introspection_endpoint: str | Unset = UNSET
    introspection_endpoint_auth_methods_supported: list[str] | Unset = UNSET
    response_modes_supported: list[str] | Unset = UNSET
    revocation_endpoint: str | Unset = UNSET
    revocation_endpoint_auth_methods_supported: list[str] | Unset = UNSET
    service_documentation: str | Unset = UNSET
    userinfo_endpoint: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        authorization_endpoint = self.authorization_endpoint

        code_challenge_methods_supported = self.code_challenge_methods_supported

        grant_types_supported = self.grant_types_supported

        id_token_signing_alg_values_supported = self.id_token_signing_alg_values_supported

        issuer = self.issuer

        jwks_uri = self.jwks_uri

        response_types_supported = self.response_types_supported

        scopes_supported = self.scopes_supported

        subject_types_supported = self.subject_types_supported

        token_endpoint = self.token_endpoint

        token_endpoint_auth_methods_supported = self.token_endpoint_auth_methods_supported

        authorization_response_iss_parameter_supported = self.authorization_response_iss_parameter_supported

        claims_supported: list[str] | Unset = UNSET
        if not isinstance(self.claims_supported, Unset):
            claims_supported = self.claims_supported

        introspection_endpoint = self.introspection_endpoint

        introspection_endpoint_auth_methods_supported: list[str] | Unset = UNSET
        if not isinstance(self.introspection_endpoint_auth_methods_supported, Unset):
            introspection_endpoint_auth_methods_supported = self.introspection_endpoint_auth_methods_supported

        response_modes_supported: list[str] | Unset = UNSET
        if not isinstance(self.response_modes_supported, Unset):
            response_modes_supported = self.response_modes_supported

        revocation_endpoint = self.revocation_endpoint

        revocation_endpoint_auth_methods_supported: list[str] | Unset = UNSET
        if not isinstance(self.revocation_endpoint_auth_methods_supported, Unset):
            revocation_endpoint_auth_methods_supported = self.revocation_endpoint_auth_methods_supported

        service_documentation = self.service_documentation

        userinfo_endpoint = self.userinfo_endpoint

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "authorization_endpoint": authorization_endpoint,
                "code_challenge_methods_supported": code_challenge_methods_supported,
                "grant_types_supported": grant_types_supported,
                "id_token_signing_alg_values_supported": id_token_signing_alg_values_supported,
                "issuer": issuer,
                "jwks_uri": jwks_uri,
                "response_types_supported": response_types_supported,
                "scopes_supported": scopes_supported,
                "subject_types_supported": subject_types_supported,
                "token_endpoint": token_endpoint,
                "token_endpoint_auth_methods_supported": token_endpoint_auth_methods_supported,
            }
        )
        if authorization_response_iss_parameter_supported is not UNSET:
            field_dict["authorization_response_iss_parameter_supported"] = (
                authorization_response_iss_parameter_supported
            )
        if claims_supported is not UNSET:
            field_dict["claims_supported"] = claims_supported
        if introspection_endpoint is not UNSET:
            field_dict["introspection_endpoint"] = introspection_endpoint
        if introspection_endpoint_auth_methods_supported is not UNSET:
            field_dict["introspection_endpoint_auth_methods_supported"] = introspection_endpoint_auth_methods_supported
        if response_modes_supported is not UNSET:
            field_dict["response_modes_supported"] = response_modes_supported
        if revocation_endpoint is not UNSET:
            field_dict["revocation_endpoint"] = revocation_endpoint
        if revocation_endpoint_auth_methods_supported is not UNSET:
            field_dict["revocation_endpoint_auth_methods_supported"] = revocation_endpoint_auth_methods_supported
        if service_documentation is not UNSET:
            field_dict["service_documentation"] = service_documentation
        if userinfo_endpoint is not UNSET:
            field_dict["userinfo_endpoint"] = userinfo_endpoint

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        authorization_endpoint = d.pop("authorization_endpoint")

        code_challenge_methods_supported = cast(list[str], d.pop("code_challenge_methods_supported"))

        grant_types_supported = cast(list[str], d.pop("grant_types_supported"))

        id_token_signing_alg_values_supported = cast(list[str], d.pop("id_token_signing_alg_values_supported"))

        issuer = d.pop("issuer")

        jwks_uri = d.pop("jwks_uri")

        response_types_supported = cast(list[str], d.pop("response_types_supported"))

        scopes_supported = cast(list[str], d.pop("scopes_supported"))

        subject_types_supported = cast(list[str], d.pop("subject_types_supported"))

        token_endpoint = d.pop("token_endpoint")

        token_endpoint_auth_methods_supported = cast(list[str], d.pop("token_endpoint_auth_methods_supported"))

        authorization_response_iss_parameter_supported = d.pop("authorization_response_iss_parameter_supported", UNSET)

        claims_supported = cast(list[str], d.pop("claims_supported", UNSET))

        introspection_endpoint = d.pop("introspection_endpoint", UNSET)

        introspection_endpoint_auth_methods_supported = cast(
            list[str], d.pop("introspection_endpoint_auth_methods_supported", UNSET)
        )

        response_modes_supported = cast(list[str], d.pop("response_modes_supported", UNSET))

        revocation_endpoint = d.pop("revocation_endpoint", UNSET)

        revocation_endpoint_auth_methods_supported = cast(
            list[str], d.pop("revocation_endpoint_auth_methods_supported", UNSET)
        )

        service_documentation = d.pop("service_documentation", UNSET)

        userinfo_endpoint = d.pop("userinfo_endpoint", UNSET)

        server_metadata = cls(
            authorization_endpoint=authorization_endpoint,
            code_challenge_methods_supported=code_challenge_methods_supported,
            grant_types_supported=grant_types_supported,
            id_token_signing_alg_values_supported=id_token_signing_alg_values_supported,
            issuer=issuer,
            jwks_uri=jwks_uri,
            response_types_supported=response_types_supported,
            scopes_supported=scopes_supported,
            subject_types_supported=subject_types_supported,
            token_endpoint=token_endpoint,
            token_endpoint_auth_methods_supported=token_endpoint_auth_methods_supported,
            authorization_response_iss_parameter_supported=authorization_response_iss_parameter_supported,
            claims_supported=claims_supported,
            introspection_endpoint=introspection_endpoint,
            introspection_endpoint_auth_methods_supported=introspection_endpoint_auth_methods_supported,
            response_modes_supported=response_modes_supported,
            revocation_endpoint=revocation_endpoint,
            revocation_endpoint_auth_methods_supported=revocation_endpoint_auth_methods_supported,
            service_documentation=service_documentation,
            userinfo_endpoint=userinfo_endpoint,
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
