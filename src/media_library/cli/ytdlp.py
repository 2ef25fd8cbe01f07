"""``media-library ytdlp version`` and ``media-library ytdlp update``: the download engine.

Sites break old yt-dlp versions within weeks, so ``update`` upgrades it with pip inside the app's
own environment (the interpreter running this command, the one download jobs start), then prints
the version now installed. A running server picks it up with its next download (each download
starts a fresh ``python -m yt_dlp``).
"""

from __future__ import annotations

from ..tools import proc, ytdlp


def add_parser(commands) -> None:
    group = commands.add_parser("ytdlp", help="the download engine (yt-dlp): show its version or update it")
    actions = group.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    actions.add_parser("version", help="print the installed yt-dlp version").set_defaults(handler=version_command)
    actions.add_parser("update", help="upgrade yt-dlp in this environment with pip").set_defaults(handler=update_command)


def version_command(_args) -> int:
    print(ytdlp.version())
    return 0


def update_command(_args) -> int:
    before = ytdlp.version()
    proc.run(ytdlp.update_argv(), timeout=ytdlp.UPDATE_TIMEOUT_S, line_source="both", on_line=print)
    after = ytdlp.version()
    print(f"yt-dlp {before} -> {after}" if after != before else f"yt-dlp {after} is the newest version")
    return 0
