"""generated/ is exactly what `make generate` writes from openapi/: a test fails when stale."""

from __future__ import annotations

import filecmp
import json

import pytest

from charter.platform.spec import SURFACES
from charter.tools import generate

GENERATED = generate.GENERATED


@pytest.mark.parametrize("surface", list(SURFACES))
def test_generated_spec_is_what_the_server_serves(client, surface):
    served = client.get(f"{SURFACES[surface]}/openapi.json").json()
    committed = json.loads((GENERATED / "openapi" / f"{surface}.json").read_text())
    assert committed == served, "run `make generate`"


@pytest.mark.parametrize("surface", list(SURFACES))
def test_typescript_types_come_from_the_current_spec(surface):
    spec = (GENERATED / "openapi" / f"{surface}.json").read_text()
    header = (GENERATED / "typescript" / f"{surface}.d.ts").read_text().splitlines()[0]
    assert header == generate.typescript_header(spec).rstrip("\n"), "run `make generate`"


def _diff(left, right) -> list[str]:
    comparison = filecmp.dircmp(left, right, ignore=["__pycache__"])
    problems = [f"only in {left}: {n}" for n in comparison.left_only]
    problems += [f"only in {right}: {n}" for n in comparison.right_only]
    problems += [f"differs: {n}" for n in comparison.diff_files]
    for sub in comparison.common_dirs:
        problems += _diff(left / sub, right / sub)
    return problems


@pytest.mark.parametrize("surface", list(SURFACES))
def test_python_sdk_is_fresh(tmp_path, surface):
    spec_path = GENERATED / "openapi" / f"{surface}.json"
    fresh = tmp_path / "sdk"
    generate.generate_python_sdk(spec_path, surface, fresh)
    committed = GENERATED / "python" / generate.package_name(surface)
    assert _diff(committed, fresh) == [], "run `make generate`"
