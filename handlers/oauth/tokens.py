"""The token endpoint (RFC 6749), refresh (seed 001), revocation (RFC 7009), introspection
(RFC 7662) and OpenID Connect UserInfo. Bodies are URL-encoded forms."""

from charter.http.context import base_url, current_actor, header
from charter.http.responses import json
from charter.http.uow import raise_if_error, read, transaction
from charter.oauth import authorization, introspection, issuance, keys, revocation
from charter.oauth.client_auth import authenticate_client
from charter.oauth.issuer import Issuer, issuer_at

NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _issuer() -> Issuer:
    return issuer_at(base_url())


async def _client(session, body):
    return await authenticate_client(
        session,
        authorization=header("authorization"),
        client_id=body.get("client_id"),
        client_secret=body.get("client_secret"),
    )


async def request_token(body):
    # The first signing key is made in its own transaction, before this one opens.
    await keys.signing_key()
    async with transaction() as session:
        client = await _client(session, body)
        await issuance.count_request(client, current_actor().ip)
        outcome = await authorization.token(session, current_actor(), _issuer(), client, body)
    return json(raise_if_error(outcome), 200, NO_STORE)


async def refresh_token(body):
    return await request_token({**body, "grant_type": "refresh_token"})


async def revoke_token(body):
    async with transaction() as session:
        client = await _client(session, body)
        await revocation.revoke(
            session, current_actor(), client, token=body["token"], hint=body.get("token_type_hint")
        )
    return json({}, 200, NO_STORE)


async def introspect_token(body):
    async with read() as session:
        client = await _client(session, body)
        result = await introspection.introspect(
            session, _issuer(), client, token=body["token"], hint=body.get("token_type_hint")
        )
    return json(result, 200, NO_STORE)


async def get_userinfo():
    async with read() as session:
        claims = await authorization.userinfo(session, current_actor())
    return json(claims, 200, NO_STORE)  # a person's data: no cache keeps it


# OpenID Connect Core 5.3.1: UserInfo answers POST as it answers GET.
post_userinfo = get_userinfo
