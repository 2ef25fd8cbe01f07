"""``media-library``: the entry point. Each command group lives in its own module here and
registers its sub-parser; ``main`` loads the settings and dispatches.

Exit status: 0 on success, 1 on a handled error (its message printed), 2 on bad configuration
or usage (one line naming the key or flag and the fix), 141 (128 + SIGPIPE, as a shell shows for
``ls | head``) without a word when the reader of our output went away.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from pathlib import Path

from ..errors import ConfigError, MediaLibraryError
from ..sources import load_settings

COMMAND_MODULES = ("serve", "admin", "strm", "identify", "ytdlp", "monitor")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="media-library", description="Media Library: one tidy library for every way media enters a home.")
    parser.add_argument("--config", help="config.json to read (default: ./config.json when it exists)")
    parser.add_argument("--data-dir", help="folder for the database, logs and caches (paths.data_dir)")
    parser.add_argument("--log-level", choices=["DEBUG", "INFO", "WARNING", "ERROR"], help="log level (log.level)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}").add_parser(commands)
    return parser


def settings_from_args(args: argparse.Namespace, extra: dict | None = None):
    config = args.config
    if config is None and Path("config.json").is_file():
        config = "config.json"
    overrides = {"paths.data_dir": args.data_dir, "log.level": args.log_level, **(extra or {})}
    return load_settings(config, overrides=overrides)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = int(args.handler(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
        return status
    except BrokenPipeError:
        return _reader_went_away()
    except ConfigError as exc:
        print(f"media-library: configuration error: {exc.message}", file=sys.stderr)
        return 2
    except MediaLibraryError as exc:
        print(f"media-library: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _reader_went_away() -> int:
    """``media-library jobs list | head``: stop quietly; stdout goes to /dev/null so Python's
    final flush cannot raise again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 128 + signal.SIGPIPE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
