"""``media-library strm export``: run the STRM/NFO export now, in this process.

Prints the counts of created, updated, unchanged and deleted files (``--json``: one JSON object
with the counts, the guard's reason if it held deletions back, and the report's path). Exit 1
when the source could not be read.
"""

from __future__ import annotations

import json
import sys

from ..runtime import Runtime
from ..services.strm.exporter import CLEANUP_MODES
from ..services.strm.service import run_export


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
    export.add_argument("--json", action="store_true", help="print one JSON object")
    export.set_defaults(handler=export_command)


def export_command(args) -> int:
    from .main import settings_from_args

    runtime = Runtime.build(settings_from_args(args, {"strm.public_base_url": args.base_url}), "worker")
    try:
        summary = run_export(
            runtime.state, runtime.settings, output=args.output, style=args.style, dry_run=args.dry_run,
            cleanup=args.cleanup, force=args.force, refresh=not args.no_refresh, label="cli",
            media_servers=runtime.services.clients.media_servers,
        )
    finally:
        runtime.stop()
    counts = summary["counts"]
    if args.json:
        print(json.dumps({**counts, "counts": counts, "dry_run": summary["dry_run"], "guard": summary["guard"],
                          "source_error": summary["source_error"], "report": summary["report"], "root": summary["root"]}))
    else:
        print(", ".join(f"{counts[k]} {k}" for k in ("created", "updated", "unchanged", "deleted")))
        if summary["guard"]:
            print(f"guard: {summary['guard']}", file=sys.stderr)
    return 1 if summary["source_error"] else 0
