"""The generated reference pages stay in step with the code."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _generator(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("generator", "page"), [("gen_config_docs", "CONFIG.md"), ("gen_schema_docs", "SCHEMA.md")])
def test_reference_page_is_current(generator, page):
    expected = _generator(generator).render()
    assert (ROOT / "docs" / page).read_text() == expected, f"run .venv/bin/python scripts/{generator}.py and commit docs/{page}"


def test_every_table_is_described():
    assert "undocumented" not in _generator("gen_schema_docs").render()


# --- docs/API.md: every route, every event, every token area --------------------------------------

API_MD = ROOT / "docs" / "API.md"
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
_ROUTE_ROW = re.compile(r"^\| *((?:GET|HEAD|POST|PUT|PATCH|DELETE)(?:, *(?:GET|HEAD|POST|PUT|PATCH|DELETE))*) *\| *`([^`]+)`",
                        re.MULTILINE)


def _normal_path(path: str) -> str:
    """``/api/jobs/<id>?status=`` and ``/api/jobs/{job_id}`` both -> ``/api/jobs/{}``."""
    return re.sub(r"<[^>]+>|\{[^}]+\}", "{}", path.split("?", 1)[0])


def documented_routes(text: str) -> set[tuple[str, str]]:
    """``(METHOD, path)`` of every row of a route table: ``| GET, HEAD | `/api/...` | ...``."""
    return {(method.strip(), _normal_path(path)) for methods, path in _ROUTE_ROW.findall(text)
            for method in methods.split(",")}


def served_routes(document: dict) -> set[tuple[str, str]]:
    return {(method.upper(), _normal_path(path)) for path, operations in document["paths"].items()
            for method in operations if method.upper() in METHODS}


def event_names() -> set[str]:
    """Every event name the server publishes: the core event types and the registered sources'."""
    from media_library import events
    from media_library.sources import event_types

    return {event_type.name for event_type in (*events.CORE_EVENTS, *event_types())}


@pytest.fixture(scope="module")
def api_document():
    return _generator("dump_openapi").document()


def test_every_served_route_is_in_api_md(api_document):
    missing = served_routes(api_document) - documented_routes(API_MD.read_text())
    assert sorted(missing) == [], "add these routes to a table in docs/API.md"


def test_every_route_in_api_md_is_served(api_document):
    stale = documented_routes(API_MD.read_text()) - served_routes(api_document)
    assert sorted(stale) == [], "docs/API.md lists routes the server does not have"


def test_the_route_parser_sees_the_tables():
    rows = documented_routes("| GET, HEAD | `/api/media/<media_id>/stream?file=<file_id>` | x |\n| POST | `/api/jobs` (admin) | |")
    assert rows == {("GET", "/api/media/{}/stream"), ("HEAD", "/api/media/{}/stream"), ("POST", "/api/jobs")}


def test_every_event_is_in_api_md():
    names = event_names()
    assert len(names) >= 5
    text = API_MD.read_text()
    assert sorted(n for n in names if f"| `{n}` |" not in text) == [], "add these events to the Socket.IO table"


def test_token_areas_in_api_md_are_the_served_ones(api_document):
    listed = re.search(r"^Areas: (.+)$", API_MD.read_text(), re.MULTILINE)
    assert listed, "docs/API.md needs its 'Areas: `a`, `b`' line"
    served = {tag for op in _operations(api_document) if op["x-token-area"] for tag in op["tags"]}
    assert set(re.findall(r"`([^`]+)`", listed.group(1))) == served


def _operations(document: dict):
    return (op for operations in document["paths"].values() for op in operations.values())


# --- docs/CONFIG.md: what an empty path setting means -----------------------------------------------

def _empty_means(settings) -> dict[str, Path]:
    """Where each path setting documented as "Empty: `<...>/...`" really points when left empty."""
    from media_library.services.backups import backup_dir
    from media_library.services.discs.service import watch_dir
    from media_library.services.library.scan import library_roots
    from media_library.services.podcasts.download import podcasts_folder
    from media_library.services.strm.service import output_dir

    roots = {f"library.{root.kind}_dir": root.path for root in library_roots(settings)}
    return {"paths.media_dir": settings.media_dir, "database.path": settings.db_path,
            "database.backup_dir": backup_dir(settings),
            "disc.watch_dir": watch_dir(settings), "strm.output_dir": output_dir(settings, settings.strm),
            "podcasts.folder": podcasts_folder(settings), **roots}


def test_documented_empty_paths_are_the_real_ones(tmp_path):
    from media_library.sources import load_settings

    settings = load_settings(None, environ={}, overrides={"paths.data_dir": str(tmp_path / "data")})
    real = _empty_means(settings)
    rows = re.findall(r"^\| `([\w.]+)` \|[^\n]*Empty: `<(data_dir|media_dir)>/([^`]+)`", (ROOT / "docs" / "CONFIG.md").read_text(),
                      re.MULTILINE)
    assert len(rows) >= 7
    roots = {"data_dir": settings.data_dir, "media_dir": settings.media_dir}
    wrong = [f"{key}: documented <{root}>/{rest}, really {real.get(key)}" for key, root, rest in rows
             if real.get(key) != roots[root] / rest]
    assert wrong == []


# --- the browser app's generated API types -------------------------------------------------------------

def test_generated_api_types_match_the_server(api_document):
    dump = _generator("dump_openapi")
    header = (ROOT / "frontend" / "src" / "lib" / "api.gen.ts").read_text().splitlines()[0]
    assert header == f"// openapi sha256: {dump.digest(dump.render(api_document))}", (
        "the API changed: run .venv/bin/python scripts/dump_openapi.py && npm --prefix frontend run gen:api, "
        "then commit frontend/src/lib/api.gen.ts")
