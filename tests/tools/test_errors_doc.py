"""docs/ERRORS.md is what charter.tools.errors_doc writes from CODES, and it tells the truth."""

from __future__ import annotations

import json
import re

import pytest

from charter.http.rendering import CODES
from charter.platform.spec import SURFACES
from charter.tools import errors_doc


def test_errors_md_is_up_to_date():
    committed = errors_doc.ERRORS_MD.read_text()
    assert committed == errors_doc.errors_markdown(), "run `make generate`"


def _section(surface: str) -> str:
    text = errors_doc.errors_markdown()
    start = text.index(f"## `{SURFACES[surface]}`")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


@pytest.mark.parametrize("surface", list(SURFACES))
def test_every_code_of_the_surface_has_a_row(surface):
    assert set(_statuses(surface)) == set(CODES[surface].values())


def _statuses(surface: str) -> dict[str, set[int]]:
    found: dict[str, set[int]] = {}
    for code, status in re.findall(r"^\| `([^`]+)` \| (\d+) \|", _section(surface), re.M):
        found.setdefault(code, set()).add(int(status))
    return found


def test_statuses_come_from_the_renderer():
    v1 = _statuses("v1")
    assert v1["RESOURCE_NOT_FOUND"] == {404}
    assert v1["VALIDATION_ERROR"] >= {400, 414, 415, 422, 431}
    assert v1["RATE_LIMIT_EXCEEDED"] == {429}
    assert _statuses("oauth")["invalid_grant"] == {400}  # RFC 6749 5.2
    assert _statuses("oauth")["invalid_client"] == {401}


def test_the_v1_example_is_what_the_api_sends(client, admin):
    example = re.search(r"```json\n(.*?)```", _section("v1"), re.S).group(1)
    documented = json.loads(example)
    answer = client.get("/v1/users?limit=500", headers={"X-API-Key": admin.key})
    assert answer.status_code == 400
    sent = answer.json()
    assert sent["request_id"] == answer.headers["X-Request-Id"]
    assert {**sent, "request_id": errors_doc.EXAMPLE_REQUEST_ID} == documented
