"""generated/ is exactly what `make generate` writes from openapi/: a test fails when stale; and
the Python SDKs are installed packages, not directories on sys.path."""

from __future__ import annotations

import fnmatch
import importlib
import importlib.metadata
import json
import tomllib
from pathlib import Path

import pytest

from charter.platform.spec import SURFACES
from charter.tools import generate, typescript_client

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


def test_typescript_package_is_fresh():
    for name, content in typescript_client.expected_files().items():
        assert (GENERATED / "typescript" / name).read_text() == content, f"{name}: make generate"


def test_typescript_client_has_a_factory_per_surface():
    client_ts = (GENERATED / "typescript" / "client.ts").read_text()
    for surface, mount in SURFACES.items():
        assert f'from "./{surface}"' in client_ts
        assert f'baseUrl: base(origin, "{mount}")' in client_ts
    assert set(json.loads((GENERATED / "typescript" / "package.json").read_text())) >= {
        "dependencies",
        "devDependencies",
    }


def _files(root: Path) -> dict[str, bytes]:
    """Every file the generator writes, without what Python and pip leave behind."""
    found = {}
    for path in root.rglob("*"):
        parts = path.relative_to(root).parts
        if any(fnmatch.fnmatch(p, pattern) for p in parts for pattern in generate.LOCAL_ARTIFACTS):
            continue
        if path.is_file():
            found["/".join(parts)] = path.read_bytes()
    return found


@pytest.mark.parametrize("surface", list(SURFACES))
def test_python_sdk_is_fresh(tmp_path, surface):
    spec_path = GENERATED / "openapi" / f"{surface}.json"
    fresh = tmp_path / "sdk"
    generate.generate_python_sdk(spec_path, surface, fresh)
    committed, expected = _files(generate.python_project_dir(surface)), _files(fresh)
    assert sorted(committed) == sorted(expected), "run `make generate`"
    stale = [name for name in expected if committed[name] != expected[name]]
    assert stale == [], "run `make generate`"


def test_only_current_surfaces_have_python_projects():
    projects = {p.name for p in (GENERATED / "python").iterdir() if p.is_dir()}
    assert projects == {generate.project_name(s) for s in SURFACES}


@pytest.mark.parametrize("surface", list(SURFACES))
def test_python_sdk_is_an_installable_project(surface):
    project = generate.python_project_dir(surface)
    meta = tomllib.loads((project / "pyproject.toml").read_text())
    assert meta["build-system"]["build-backend"] == "setuptools.build_meta"
    assert meta["project"]["name"] == generate.project_name(surface)
    assert (project / meta["project"]["readme"]).is_file()
    assert (project / generate.package_name(surface) / "py.typed").is_file()


@pytest.mark.parametrize("surface", list(SURFACES))
def test_python_sdk_is_imported_from_its_installed_distribution(surface):
    """`make install` installs each SDK with pip (editable), as a user would: no sys.path tricks."""
    distribution = importlib.metadata.distribution(generate.project_name(surface))
    assert (
        distribution.version
        == json.loads((GENERATED / "openapi" / f"{surface}.json").read_text())["info"]["version"]
    )
    package = importlib.import_module(generate.package_name(surface))
    project = generate.python_project_dir(surface).resolve()
    assert Path(package.__file__).resolve().is_relative_to(project)
    assert {"ApiError", "AuthenticatedClient", "Client"} <= set(package.__all__)
