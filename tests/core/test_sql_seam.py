"""All SQL in src/ is SQLAlchemy Core, except behind the one seam for SQLite (``db/sqlite.py``) and in
the migrations (the schema's history, written per dialect): no SQL text, no ``text()``, no
``exec_driver_sql``, no ``sqlite3``, no dialect-specific constructs anywhere else. A second database
is then a new backend module, not a hunt through the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "media_library"
SEAM = {"db/sqlite.py"}
MIGRATIONS = "db/migrations/"

RAW_SQL_BUILDERS = {"text", "literal_column"}  # sqlalchemy's ways to write SQL text
DRIVER_LEVEL = {"exec_driver_sql", "driver_connection", "executescript"}
BANNED_MODULES = ("sqlite3", "sqlalchemy.dialects", "pysqlite2", "apsw")
SQL_TEXT = re.compile(
    r"\b(SELECT\s[\s\S]*\bFROM\b|INSERT\s+(OR\s+\w+\s+)?INTO\b|UPDATE\s+\w+\s+SET\b|DELETE\s+FROM\b"
    r"|CREATE\s+(UNIQUE\s+)?(TABLE|INDEX|TRIGGER|VIRTUAL|VIEW)\b|DROP\s+(TABLE|INDEX|TRIGGER|VIEW)\b"
    r"|PRAGMA\s|VACUUM\b|BEGIN\s+(IMMEDIATE|EXCLUSIVE|DEFERRED)\b|ON\s+CONFLICT\b|\w+\s+MATCH\s)"
)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def raw_sql_in(source: str) -> list[str]:
    """What in ``source`` talks SQL other than through SQLAlchemy Core: one line per finding."""
    tree = ast.parse(source)
    docstrings, findings = _docstrings(tree), []
    aliases = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
               if a.name.startswith("sqlalchemy")}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            findings += [f"line {node.lineno}: import {a.name}" for a in node.names if a.name.startswith(BANNED_MODULES)]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.startswith(BANNED_MODULES):
                findings.append(f"line {node.lineno}: from {module} import …")
            elif module.startswith("sqlalchemy"):
                findings += [f"line {node.lineno}: from {module} import {a.name}" for a in node.names if a.name in RAW_SQL_BUILDERS]
        elif isinstance(node, ast.Attribute) and (node.attr in DRIVER_LEVEL or node.attr in RAW_SQL_BUILDERS
                                                  and isinstance(node.value, ast.Name) and node.value.id in aliases):
            findings.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            if SQL_TEXT.search(node.value):
                findings.append(f"line {node.lineno}: SQL text {node.value[:60]!r}")
    return findings


def test_no_raw_sql_outside_the_seam():
    offenders = {}
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        if name in SEAM or name.startswith(MIGRATIONS):
            continue
        findings = raw_sql_in(path.read_text(encoding="utf-8"))
        if findings:
            offenders[name] = findings
    assert offenders == {}, "raw SQL outside db/sqlite.py (move it behind the Backend in db/): " + repr(offenders)


def test_the_seam_is_where_sqlite_lives():
    # The scan is not vacuous: the seam itself has everything the scan refuses elsewhere.
    findings = " ".join(raw_sql_in((SRC / "db" / "sqlite.py").read_text(encoding="utf-8")))
    for expected in ("import sqlite3", "sqlalchemy.dialects", "exec_driver_sql", "PRAGMA", "BEGIN IMMEDIATE"):
        assert expected in findings


@pytest.mark.parametrize("source", [
    "import sqlite3",
    "from sqlalchemy import select, text",
    "import sqlalchemy as sa\nq = sa.text('x')",
    "from sqlalchemy.dialects.sqlite import insert",
    "conn.exec_driver_sql('PRAGMA foreign_keys')",
    "conn.execute(query, 'SELECT id FROM media WHERE 1')",
    "q = f\"INSERT OR IGNORE INTO jobs(kind) VALUES ({k})\"",
    "q = 'UPDATE media SET title = ?'",
    "q = 'DELETE FROM media'",
    "q = 'CREATE VIRTUAL TABLE t USING fts5(a)'",
    "q = 'media_search MATCH :q'",
    "conn.connection.driver_connection.execute('x')",
])
def test_the_scan_finds_raw_sql(source):
    assert raw_sql_in(source)


@pytest.mark.parametrize("source", [
    '"""Claiming is one UPDATE … RETURNING; SELECT x FROM y in a docstring is prose."""',
    "path.read_text()",
    "name = clean_text(value)",
    "methods = {'GET', 'DELETE'}",
    "message = 'Select a file from the list'",
    "from sqlalchemy import select, update, func",
    "title = element.text or root.findtext('title')",
])
def test_the_scan_leaves_plain_code_alone(source):
    assert raw_sql_in(source) == []
