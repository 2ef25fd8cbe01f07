"""The export report: one row per file (path, action, item, reason), written as CSV.

Actions: ``created``, ``updated``, ``unchanged``, ``deleted``; ``stale`` (cleanup preview: would
be deleted), ``skipped`` (a file the export does not own is in the way, or the guard held a
deletion back). Reports are kept under ``<data_dir>/strm/reports``; the newest few are kept.

Must not: hold secrets: a URL is never a column, since it carries the stream token.
"""

from __future__ import annotations

import csv
import io
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..files import write_atomic

ACTIONS = ("created", "updated", "unchanged", "deleted", "stale", "skipped")
COLUMNS = ("path", "action", "item", "reason")
KEEP_REPORTS = 20


@dataclass(frozen=True)
class ReportRow:
    path: str
    action: str
    item: str
    reason: str = ""


def counts(rows: list[ReportRow]) -> dict[str, int]:
    found = Counter(row.action for row in rows)
    return {action: found.get(action, 0) for action in ACTIONS}


def to_csv(rows: list[ReportRow]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_cell(row.path), row.action, _cell(row.item), _cell(row.reason)])
    return buffer.getvalue().encode("utf-8")


def _cell(value: str) -> str:
    """Defuse spreadsheet formulas: a cell starting with = + - @ is read as text."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def save(rows: list[ReportRow], folder: Path, *, label: str = "", clock=time.time) -> Path:
    """Write the report as ``strm-report-<time>[-label].csv`` atomically; prune old ones."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(clock()))
    path = folder / f"strm-report-{stamp}{'-' + label if label else ''}.csv"
    write_atomic(path, to_csv(rows))
    for old in sorted(folder.glob("strm-report-*.csv"))[:-KEEP_REPORTS]:
        old.unlink(missing_ok=True)
    return path
