"""Exchanges of one code that overlap, against a live server. On PostgreSQL the two requests'
transactions really overlap: the loser read the code before the winner committed, so what it
read is stale; the interleaving is forced (the winner holds its claim until the loser has read).
SQLite runs writing transactions one at a time, and must answer the same."""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from charter.platform import runtime
from storage.models import OAuthSession
from tests.conftest import PG_URL
from tests.factories import PASSWORD, at_once, create_user
from tests.oauth.helpers import authorize_url, basic, pkce_pair, register, sign_in_and_allow

REDIRECT = "https://app.example.com/cb"


def _loser_reads_before_the_winner_commits(monkeypatch) -> None:
    from storage.repositories import oauth as repo

    read_twice = asyncio.Event()
    reads = [0]
    original_get, original_claim = repo.get_code_by_hash, repo.claim_code

    async def get_code_by_hash(session, code_hash):
        found = await original_get(session, code_hash)
        reads[0] += 1
        if reads[0] == 2:
            read_twice.set()
        return found

    async def claim_code(session, code_id, now):
        claimed = await original_claim(session, code_id, now)
        if claimed:  # the winner keeps its lock until the loser has read the unclaimed row
            await asyncio.wait_for(read_twice.wait(), 20)
        return claimed

    monkeypatch.setattr(repo, "get_code_by_hash", get_code_by_hash)
    monkeypatch.setattr(repo, "claim_code", claim_code)


def _exchange(server, reg, code, verifier) -> httpx.Response:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
        "code_verifier": verifier,
    }
    return httpx.post(
        f"{server.url}/oauth/token",
        data=form,
        headers=basic(reg["client_id"], reg["client_secret"]),
        timeout=30,
    )


@pytest.mark.parametrize("attempt", range(2))
def test_a_code_exchanged_twice_at_once_revokes_the_winners_tokens(
    client, admin, live_server, monkeypatch, attempt
):
    reg = register(client, admin.key, redirect_uris=[REDIRECT], scopes=["openid", "users:read"])
    person = create_user(admin.organization_id)
    verifier, challenge = pkce_pair()
    url = authorize_url(reg["client_id"], REDIRECT, challenge)
    location = sign_in_and_allow(client, url, person.username, PASSWORD)
    code = parse_qs(urlsplit(location).query)["code"][0]
    if PG_URL:
        _loser_reads_before_the_winner_commits(monkeypatch)
    answers = at_once([lambda: _exchange(live_server, reg, code, verifier) for _ in range(2)])
    assert sorted(a.status_code for a in answers) == [200, 400], [a.text for a in answers]
    winner = next(a for a in answers if a.status_code == 200).json()
    loser = next(a for a in answers if a.status_code == 400).json()
    assert loser["error"] == "invalid_grant" and "revoked" in loser["error_description"]
    monkeypatch.undo()
    with runtime.current().db.sync_transaction() as session:
        issued = session.query(OAuthSession).filter_by(client_id=reg["client_id"]).one()
        assert issued.revoked_at is not None and issued.revoked_reason == "code_replay"
    bearer = {"Authorization": f"Bearer {winner['access_token']}"}
    assert httpx.get(f"{live_server.url}/oauth/userinfo", headers=bearer).status_code == 401
    refreshed = httpx.post(
        f"{live_server.url}/oauth/refresh",
        data={"refresh_token": winner["refresh_token"]},
        headers=basic(reg["client_id"], reg["client_secret"]),
    )
    assert refreshed.status_code == 400 and refreshed.json()["error"] == "invalid_grant"
