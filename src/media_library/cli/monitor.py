"""``media-library monitor install|uninstall``: the disc monitor as a macOS launchd agent.

The monitor runs natively on the Mac with the drive (Docker on macOS cannot reach an optical
drive) and talks to the server over HTTP. ``install`` writes a per-user launch agent,
``~/Library/LaunchAgents/org.medialibrary.monitor.plist`` (built with ``plistlib``), that starts
``media-library serve --mode monitor`` at login and starts it again whenever it stops, logging to
``~/Library/Logs/MediaLibrary/``; ``uninstall`` unloads and removes it. The agent reads the API
token from the owner-only file given with ``--token-file`` (``disc.api_token_file``), so the token
is on no command line, in no plist and in no process listing. On a machine without ``launchctl``
(Linux, CI) the plist is written and the command to load it is printed instead.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import sys
from pathlib import Path

from ..config import read_secret_file
from ..errors import InvalidInput
from ..tools import proc

LABEL = "org.medialibrary.monitor"
# launchd starts agents with PATH=/usr/bin:/bin:/usr/sbin:/sbin; HandBrakeCLI, ffmpeg, MediaInfo
# and fpcalc come from Homebrew (/opt/homebrew on Apple silicon, /usr/local on Intel).
AGENT_PATH = "/opt/homebrew/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
LAUNCHCTL_TIMEOUT_S = 30


def add_parser(commands) -> None:
    group = commands.add_parser("monitor", help="run the disc monitor at login on macOS (a launchd agent)")
    actions = group.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    install = actions.add_parser("install", help="write and load the launch agent")
    install.add_argument("--server", required=True, help="the server's base URL, e.g. http://192.168.1.20:8420")
    install.add_argument("--token-file", required=True, help="file (mode 0600) holding an API token of scope 'monitor'")
    install.add_argument("--media-dir", required=True, help="the library folder the server uses (the host folder mounted as /media)")
    _add_location_args(install)
    install.set_defaults(handler=install_command)
    uninstall = actions.add_parser("uninstall", help="unload and remove the launch agent")
    _add_location_args(uninstall)
    uninstall.set_defaults(handler=uninstall_command)


def _add_location_args(parser) -> None:
    parser.add_argument("--agents-dir", default="~/Library/LaunchAgents", help="where the plist goes (default: %(default)s)")
    parser.add_argument("--logs-dir", default="~/Library/Logs/MediaLibrary", help="where the monitor logs (default: %(default)s)")


def launch_agent(server_url: str, token_file: Path, media_dir: Path, logs_dir: Path, data_dir: Path | None = None) -> dict:
    """The agent's property list: this interpreter running the monitor, kept alive by launchd.
    Rips are staged in the shared media folder, where the server picks them up."""
    environment = {"PATH": AGENT_PATH, "ML_DISC__SERVER_URL": server_url, "ML_DISC__API_TOKEN_FILE": str(token_file),
                   "ML_PATHS__MEDIA_DIR": str(media_dir)}
    if data_dir is not None:
        environment["ML_PATHS__DATA_DIR"] = str(data_dir)
    return {
        "Label": LABEL,
        "ProgramArguments": [sys.executable, "-m", "media_library.cli.main", "serve", "--mode", "monitor"],
        "EnvironmentVariables": environment,
        "RunAtLoad": True,
        "KeepAlive": True,
        "ThrottleInterval": 10,
        "ProcessType": "Interactive",
        "StandardOutPath": str(logs_dir / "monitor.log"),
        "StandardErrorPath": str(logs_dir / "monitor.err.log"),
    }


def install_command(args) -> int:
    server = _checked_server_url(args.server)
    token_file = Path(args.token_file).expanduser().resolve()
    read_secret_file(token_file, "--token-file")  # refuses a missing, empty or group-readable file now, not at login
    media_dir = Path(args.media_dir).expanduser().resolve()
    if not media_dir.is_dir():
        raise InvalidInput(f"--media-dir {media_dir} is not a folder; give the folder the server's /media is mounted from")
    agents_dir, logs_dir = Path(args.agents_dir).expanduser(), Path(args.logs_dir).expanduser()
    agents_dir.mkdir(parents=True, exist_ok=True)
    logs_dir.mkdir(parents=True, exist_ok=True)
    data_dir = Path(args.data_dir).expanduser().resolve() if args.data_dir else None
    plist = agents_dir / f"{LABEL}.plist"
    _write_whole(plist, plistlib.dumps(launch_agent(server, token_file, media_dir, logs_dir, data_dir)))
    print(f"wrote {plist}")
    _launchctl(["bootout", f"{_domain()}/{LABEL}"], quiet=True)  # a reinstall replaces the running agent
    _launchctl(["bootstrap", _domain(), str(plist)])
    return 0


def uninstall_command(args) -> int:
    plist = Path(args.agents_dir).expanduser() / f"{LABEL}.plist"
    _launchctl(["bootout", f"{_domain()}/{LABEL}"], quiet=True)
    if plist.exists():
        plist.unlink()
        print(f"removed {plist}")
    else:
        print(f"nothing to remove: {plist} does not exist")
    return 0


def _checked_server_url(url: str) -> str:
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise InvalidInput(f"--server must be an http:// or https:// URL, not {url!r}")
    if "@" in url.split("//", 1)[1].split("/", 1)[0]:
        raise InvalidInput("--server must not carry credentials; the token goes in --token-file")
    return url


def _write_whole(path: Path, data: bytes) -> None:
    """Written beside, then renamed: a half-written plist never reaches launchd."""
    part = path.with_name(f".{path.name}.part")
    part.write_bytes(data)
    os.chmod(part, 0o644)
    os.replace(part, path)


def _domain() -> str:
    return f"gui/{os.getuid()}"


def _launchctl(argv: list[str], *, quiet: bool = False) -> None:
    launchctl = shutil.which("launchctl")
    if launchctl is None:
        if not quiet:
            print(f"launchctl not found (not macOS?); load the agent later with: launchctl {' '.join(argv)}")
        return
    result = proc.run([launchctl, *argv], timeout=LAUNCHCTL_TIMEOUT_S, check=False)
    if result.returncode != 0 and not quiet:
        raise InvalidInput(f"launchctl {argv[0]} failed (exit {result.returncode}): {result.stderr_tail.strip()}")
