"""v1 lists: `has_more`, `sort` and `order` (stable: ties broken by id), and the key filters."""

from __future__ import annotations

import pytest

from charter.platform.clock import utcnow
from tests.factories import create_key, create_user, revoke_key


@pytest.fixture
def tenant(make_tenant):
    return make_tenant(plan="enterprise", scopes=["admin"])


def _page(client, tenant, path):
    response = client.get(path, headers={"X-API-Key": tenant.key})
    assert response.status_code == 200, response.text
    return response.json()


def test_has_more_tells_whether_another_page_follows(client, tenant):
    for _ in range(3):
        create_user(tenant.organization_id)
    first = _page(client, tenant, "/v1/users?limit=3")  # three and the tenant's admin
    assert first["total"] == 4 and first["has_more"] is True
    last = _page(client, tenant, "/v1/users?limit=3&offset=3")
    assert len(last["data"]) == 1 and last["has_more"] is False


def test_users_sort_by_username_both_ways(client, tenant):
    for name in ("m-user", "a-user", "z-user"):
        create_user(tenant.organization_id, username=f"{name}-{tenant.key_id[-6:]}")
    names = [
        u["username"]
        for u in _page(client, tenant, "/v1/users?sort=username&order=asc&limit=100")["data"]
    ]
    assert names == sorted(names) and len(names) == 4
    desc = [
        u["username"] for u in _page(client, tenant, "/v1/users?sort=username&limit=100")["data"]
    ]
    assert desc == names[::-1]


def test_paging_is_stable_when_the_sort_field_ties(client, tenant):
    for _ in range(5):
        create_key(tenant.organization_id, scopes=["users:read"])  # all named "test"
    seen = []
    for offset in range(0, 6, 2):
        page = _page(client, tenant, f"/v1/keys?sort=name&order=asc&limit=2&offset={offset}")
        seen += [k["id"] for k in page["data"]]
    assert len(seen) == len(set(seen)) == 6  # five keys and the tenant's own: none twice


def test_never_used_keys_sort_last_both_ways(client, tenant):
    _, unused = create_key(tenant.organization_id, scopes=["users:read"])
    _page(client, tenant, "/v1/keys")  # the tenant's key is used now
    for order in ("asc", "desc"):
        ids = [
            k["id"]
            for k in _page(client, tenant, f"/v1/keys?sort=last_used_at&order={order}")["data"]
        ]
        assert ids[0] == tenant.key_id and ids[-1] == unused, order


def test_key_filters_status_mode_and_name(client, tenant):
    org = tenant.organization_id
    _, active = create_key(org, scopes=["users:read"])
    _, gone = create_key(org, scopes=["users:read"])
    revoke_key(gone)
    _, old = create_key(org, scopes=["users:read"], expires_at=utcnow().replace(year=2020))
    _, sandbox = create_key(org, scopes=["users:read"], livemode=False)

    def ids(query):
        return {k["id"] for k in _page(client, tenant, f"/v1/keys?limit=100&{query}")["data"]}

    assert ids("status=revoked") == {gone}
    assert ids("status=expired") == {old}
    assert {active, sandbox, tenant.key_id} <= ids("status=active")
    assert not {gone, old} & ids("status=active")
    assert ids("mode=test") == {sandbox}
    assert sandbox not in ids("mode=live")
    assert ids("name=TES") == ids("") and ids("name=nothing%") == set()


def test_organizations_and_audit_take_sort_and_order(client, tenant):
    orgs = _page(client, tenant, "/v1/organizations?sort=name&order=asc")
    assert orgs["has_more"] is False and len(orgs["data"]) == 1
    events = _page(client, tenant, "/v1/audit?sort=created_at&order=asc&limit=100")["data"]
    stamps = [e["created_at"] for e in events]
    assert stamps == sorted(stamps)


def test_an_unknown_sort_field_is_a_clear_400(client, tenant):
    response = client.get("/v1/users?sort=password_hash", headers={"X-API-Key": tenant.key})
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["field"] == "query.sort"
