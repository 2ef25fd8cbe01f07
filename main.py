"""Thin entry point: ``python main.py --mode full|server|monitor|worker [options]``.

Same as ``media-library serve``; every option is documented in ``media-library serve --help``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from media_library.cli.main import main  # noqa: E402


def _argv(argv: list[str]) -> list[str]:
    """Put the global flags before ``serve`` and the serve flags after it."""
    global_flags = {"--config", "--data-dir", "--log-level"}
    before, after, i = [], [], 0
    while i < len(argv):
        flag = argv[i].split("=", 1)[0]
        target = before if flag in global_flags else after
        target.append(argv[i])
        if "=" not in argv[i] and flag.startswith("--") and flag not in ("--help",) and i + 1 < len(argv):
            target.append(argv[i + 1])
            i += 1
        i += 1
    return [*before, "serve", *after]


if __name__ == "__main__":
    sys.exit(main(_argv(sys.argv[1:])))
