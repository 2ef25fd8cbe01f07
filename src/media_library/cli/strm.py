"""``media-library strm export``: run the STRM/NFO export now, in this process.

Prints the counts of created, updated, unchanged and deleted files (``--json``: one JSON object
with the counts, the guard's reason if it held deletions back, and the report's path; on any
failure ``{"error", "message", "exit_code"}`` instead, so ``--json`` always prints one object).

Exit status: 0 done; 1 the source could not be read, or another error (its message printed);
2 bad configuration; 75 (``EX_TEMPFAIL``: try again later) another export holds the lock — at
once, or after ``--wait SECONDS`` if it is still running then.
"""

from __future__ import annotations

import json
import sys

from ..errors import ConfigError, MediaLibraryError
from ..runtime import Runtime
from ..services.strm.exporter import CLEANUP_MODES
from ..services.strm.service import ExportBusy, run_export

EXIT_BUSY = 75  # sysexits.h EX_TEMPFAIL: a temporary failure, the caller may try again


def add_parser(commands) -> None:
    strm = commands.add_parser("strm", help="STRM/NFO export for Jellyfin, Plex, Emby and Kodi").add_subparsers(dest="action", metavar="ACTION")
    strm.required = True
    export = strm.add_parser("export", help="export the library as .strm and .nfo files")
    export.add_argument("--output", metavar="DIR", help="output folder (default: strm.output_dir)")
    export.add_argument("--style", choices=["jellyfin", "plex", "emby", "kodi"], help="naming style (default: strm.style)")
    export.add_argument("--dry-run", action="store_true", help="decide and report, write and delete nothing")
    export.add_argument("--cleanup", choices=CLEANUP_MODES, help="stale files: off, preview or apply (default: strm.cleanup)")
    export.add_argument("--force", action="store_true", help="override the mass-deletion guard and replace files the export does not own")
    export.add_argument("--base-url", help="public base URL written into .strm files (strm.public_base_url)")
    export.add_argument("--no-refresh", action="store_true", help="do not ask media servers to rescan afterwards")
    export.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                        help="when another export is running, wait up to this long for it (default: 0, "
                             f"say it is busy and exit {EXIT_BUSY})")
    export.add_argument("--json", action="store_true", help="print one JSON object (also on errors)")
    export.set_defaults(handler=export_command)


def export_command(args) -> int:
    try:
        summary = _export(args)
    except ExportBusy as exc:
        return _failed(args, exc, EXIT_BUSY, "; try again later, or pass --wait SECONDS")
    except ConfigError as exc:
        return _failed(args, exc, 2)
    except MediaLibraryError as exc:
        return _failed(args, exc, 1)
    _print_summary(args, summary)
    return 1 if summary["source_error"] else 0


def _export(args) -> dict:
    from .main import settings_from_args

    runtime = Runtime.build(settings_from_args(args, {"strm.public_base_url": args.base_url}), "worker")
    try:
        return run_export(
            runtime.state, runtime.settings, output=args.output, style=args.style, dry_run=args.dry_run,
            cleanup=args.cleanup, force=args.force, refresh=not args.no_refresh, label="cli",
            media_servers=runtime.services.clients.media_servers, plex=getattr(runtime.services, "plex", None),
            wait_seconds=max(0.0, args.wait),
        )
    finally:
        runtime.stop()


def _failed(args, exc: MediaLibraryError, code: int, advice: str = "") -> int:
    if args.json:
        print(json.dumps({"error": type(exc).__name__, "message": exc.message, "exit_code": code}))
    else:
        print(f"media-library: {exc.message}{advice if code == EXIT_BUSY else ''}", file=sys.stderr)
    return code


def _print_summary(args, summary: dict) -> None:
    counts = summary["counts"]
    if args.json:
        print(json.dumps({**counts, "counts": counts, "dry_run": summary["dry_run"], "guard": summary["guard"],
                          "source_error": summary["source_error"], "report": summary["report"], "root": summary["root"]}))
    else:
        print(", ".join(f"{counts[k]} {k}" for k in ("created", "updated", "unchanged", "deleted")))
        if summary["guard"]:
            print(f"guard: {summary['guard']}", file=sys.stderr)
