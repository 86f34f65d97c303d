"""Bad bodies at the form-taking OAuth endpoints: each is refused in RFC 6749's envelope with
`no-store`, never a 500, and changes nothing (the JSON corpus: tests/contract/test_malformed.py)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, inspect, select, table

from charter.platform import runtime
from tests.oauth.helpers import basic, service_client

PATHS = ["/oauth/token", "/oauth/refresh", "/oauth/revoke", "/oauth/introspect"]
FORM = "application/x-www-form-urlencoded"
CORPUS = [
    # name, content type, body, status, error
    (
        "JSON instead of a form",
        "application/json",
        b'{"grant_type": "client_credentials"}',
        415,
        "invalid_request",
    ),
    ("no content type", None, b"grant_type=client_credentials", 415, "invalid_request"),
    ("multipart", "multipart/form-data; boundary=x", b"--x--\r\n", 415, "invalid_request"),
    ("empty form", FORM, b"", 400, "invalid_request"),
    # Percent-escaped bytes that are not UTF-8 are read as U+FFFD (Starlette's form parser):
    # an unknown grant type or token, answered as such.
    ("invalid UTF-8", FORM, b"token=%ff%fe&grant_type=%ff", None, None),
    ("oversized", FORM, b"token=" + b"a" * (1024 * 1024 + 10), 413, "invalid_request"),
    ("NUL", FORM, b"token=a%00b&grant_type=client_credentials&refresh_token=a%00", None, None),
    # RFC 6749 3.2: a parameter sent twice is refused (Connexion would join the values).
    (
        "repeated parameter",
        FORM,
        b"grant_type=client_credentials&grant_type=refresh_token&token=a&token=b",
        400,
        "invalid_request",
    ),
]


def _row_counts() -> dict[str, int]:
    with runtime.current().db.sync_transaction() as session:
        connection = session.connection()
        count = select(func.count()).select_from
        names = inspect(connection).get_table_names()
        return {n: connection.execute(count(table(n))).scalar_one() for n in names}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(
    ("name", "content_type", "body", "status", "error"), CORPUS, ids=[c[0] for c in CORPUS]
)
def test_bad_forms_are_refused_in_the_oauth_envelope(
    client, admin, path, name, content_type, body, status, error
):
    reg = service_client(client, admin.key)
    headers = basic(reg["client_id"], reg["client_secret"])
    if content_type:
        headers["Content-Type"] = content_type
    before = _row_counts()
    answer = client.post(path, content=body, headers=headers)
    assert answer.status_code < 500, (name, answer.text)
    if status is not None:
        assert answer.status_code == status, (name, answer.text)
        assert answer.json()["error"] == error
    if answer.status_code >= 400:
        assert set(answer.json()) <= {"error", "error_description", "retry_after"}
        assert answer.headers["cache-control"] == "no-store"
    changed = {k for k, v in _row_counts().items() if v != before[k] and k != "audit_events"}
    # The first signing key is made on the first token request, whatever its body.
    assert not changed - {"oauth_signing_keys"} or answer.status_code < 400


@pytest.mark.parametrize("path", PATHS)
def test_a_nul_in_a_posted_client_id_is_refused_before_any_lookup(client, path):
    # PostgreSQL cannot look a NUL up: this was a 500 there (client_secret_post).
    body = {"grant_type": "client_credentials", "client_id": "cli_a\x00", "client_secret": "s"}
    answer = client.post(path, data={**body, "token": "t", "refresh_token": "r"})
    assert answer.status_code == 400, answer.text  # RFC 6749 5.2: invalid_request is 400
    assert (
        answer.json()["error"] == "invalid_request" and "NUL" in answer.json()["error_description"]
    )
    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", ["/oauth/token", "/oauth/revoke", "/oauth/introspect"])
@pytest.mark.parametrize("control", ["\x00", "\x1f"])
def test_a_control_character_in_basic_credentials_is_invalid_client(client, path, control):
    body = {"grant_type": "client_credentials", "token": "t"}
    answer = client.post(path, data=body, headers=basic(f"cli_a{control}", "secret"))
    assert answer.status_code == 401, answer.text
    assert answer.json() == {
        "error": "invalid_client",
        "error_description": "Malformed Basic credentials",
    }
    assert answer.headers["www-authenticate"].startswith("Basic")


@pytest.mark.parametrize("control", ["\x01", "\n", "\x7f"])
def test_a_control_character_in_the_resource_is_invalid_target(client, admin, control):
    reg = service_client(client, admin.key)
    body = {"grant_type": "client_credentials", "resource": f"http://testserver/v1{control}"}
    answer = client.post(
        "/oauth/token", data=body, headers=basic(reg["client_id"], reg["client_secret"])
    )
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"] == "invalid_target"


@pytest.mark.parametrize("path", ["/oauth/token", "/oauth/revoke", "/oauth/introspect"])
@pytest.mark.parametrize(
    ("authorization", "challenge"),
    [
        (None, None),  # client_secret_post, or no authentication at all
        ("Bearer abc", None),  # no client authentication scheme of this server
        ("Digest abc", None),
        ("basic", 'Basic realm="charter"'),  # RFC 6749 5.2: the scheme the client used
    ],
)
def test_the_client_authentication_challenge_names_only_basic_when_basic_was_tried(
    client, admin, path, authorization, challenge
):
    reg = service_client(client, admin.key)
    body = {"grant_type": "client_credentials", "token": "t"}
    headers = {}
    if authorization == "basic":
        headers = basic(reg["client_id"], "wrong")
    elif authorization is not None:
        headers = {"Authorization": authorization}
    for form in ({}, {"client_id": reg["client_id"], "client_secret": "wrong"}):
        if form and authorization == "basic":
            continue
        answer = client.post(path, data={**body, **form}, headers=headers)
        assert answer.status_code == 401 and answer.json()["error"] == "invalid_client"
        assert answer.headers.get("www-authenticate") == challenge, answer.headers


def test_a_bad_bearer_at_userinfo_still_gets_the_bearer_challenge(client):
    answer = client.get("/oauth/userinfo", headers={"Authorization": "Bearer abc"})
    assert answer.status_code == 401 and answer.json()["error"] == "invalid_token"
    assert answer.headers["www-authenticate"].startswith("Bearer")


def test_an_error_description_says_each_problem_once(client):
    empty = client.post("/oauth/token")
    assert empty.status_code == 400
    description = empty.json()["error_description"]
    assert description == "Request failed validation: body: RequestBody is required"
    nul = client.post(
        "/oauth/token",
        content=b"grant_type=client_credentials&scope=a%00",
        headers={"Content-Type": FORM},
    )
    assert nul.json()["error_description"] == "NUL characters are not allowed: body"
