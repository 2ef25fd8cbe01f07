"""The process-group guard: the first process of every external program's group.

``tools/proc.py`` starts ``python -I -S groupguard.py <daemon pid> -- <tool argv…>`` in a new
session; this script then starts the tool in the same process group and waits for it. It exists
because Linux's parent-death signal (``PR_SET_PDEATHSIG``) reaches only a direct child: a daemon
killed with SIGKILL would take HandBrakeCLI down, but not the ffmpeg or helper a tool spawned
itself. The guard asks for ``SIGUSR1`` when the daemon thread that started it dies, and answers it
by killing its whole process group — the tool, the tool's children and itself.

Everything else stays as before for the caller: the group id is the guard's pid (so
``kill_group`` ends everything), stdin/stdout/stderr pass straight through to the tool, and the
guard exits with the tool's status (re-raising the tool's fatal signal on itself). A SIGTERM
from ``kill_group`` reaches the tool too; the guard keeps waiting so the tool gets its grace.

Standard library only, and run with ``-I -S`` (no site packages): it must start fast, since
every program run pays for it (about 15 ms on an idle machine).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
DEATH_SIGNAL = signal.SIGUSR1
PASSED_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
EXEC_FAILED = 127


def _end_group(*_args) -> None:
    """The daemon is gone: kill every process of this group, this one included."""
    os.killpg(0, signal.SIGKILL)


def _ask_for_death_signal() -> None:
    """``PR_SET_PDEATHSIG`` (Linux); elsewhere cancel and shutdown still end the group."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(DEATH_SIGNAL), 0, 0, 0)
    except (OSError, AttributeError):
        return


def _exit_like(status: int) -> int:
    """Leave the way the tool left: its exit code, or the signal that ended it."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
        return 128 + sig
    return os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1


def main(argv: list[str]) -> int:
    daemon_pid, separator, tool = int(argv[1]), argv[2], argv[3:]
    if separator != "--" or not tool:
        print("usage: groupguard.py DAEMON_PID -- PROGRAM [ARGS…]", file=sys.stderr)
        return 2
    signal.signal(DEATH_SIGNAL, _end_group)
    _ask_for_death_signal()
    if os.getppid() != daemon_pid:  # the daemon died before the death signal was armed
        _end_group()
    for sig in PASSED_SIGNALS:  # the tool gets these from the group signal; we wait for it
        signal.signal(sig, lambda *_: None)
    try:
        child = os.posix_spawnp(tool[0], tool, os.environ, setsigdef=(DEATH_SIGNAL, *PASSED_SIGNALS))
    except OSError as exc:
        print(f"{tool[0]}: {exc.strerror}", file=sys.stderr)
        return EXEC_FAILED
    _pid, status = os.waitpid(child, 0)
    return _exit_like(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
