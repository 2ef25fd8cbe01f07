import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from media_library.errors import JobCancelled, ToolError, ToolMissing
from media_library.tools import proc

PY = sys.executable


def py(code: str, *args: str) -> list[str]:
    return [PY, "-c", code, *args]


def test_run_returns_stdout_and_exit_status():
    done = proc.run(py("print('hello')"), timeout=30)
    assert done == proc.Completed(0, "hello\n", "")


def test_non_zero_exit_raises_tool_error_with_stderr_tail():
    with pytest.raises(ToolError) as info:
        proc.run(py("import sys; sys.stderr.write('x' * 20000 + 'boom'); sys.exit(3)"), timeout=30)
    err = info.value
    assert err.returncode == 3
    assert err.tool == os.path.basename(PY)
    assert err.stderr_tail.endswith("boom")
    assert len(err.stderr_tail) <= proc.STDERR_TAIL_BYTES


def test_check_false_returns_the_failure():
    done = proc.run(py("import sys; print('out'); sys.exit(2)"), timeout=30, check=False)
    assert (done.returncode, done.stdout) == (2, "out\n")


def test_missing_program_is_tool_missing_with_hint():
    with pytest.raises(ToolMissing) as info:
        proc.which("HandBrakeCLI-not-here")
    assert info.value.status == 503
    with pytest.raises(ToolMissing):
        proc.run(["definitely-not-a-program-xyz"], timeout=5)
    assert "apt-get install handbrake-cli" in proc.INSTALL_HINTS["HandBrakeCLI"]


def test_lines_split_on_carriage_return_and_newline_from_chosen_stream():
    code = "import sys; sys.stdout.write('a 1%\\ra 2%\\rdone\\nlast'); sys.stderr.write('err\\n')"
    seen: list[str] = []
    done = proc.run(py(code), timeout=30, on_line=seen.append, line_source="stdout")
    assert seen == ["a 1%", "a 2%", "done", "last"]
    assert done.stderr_tail == "err\n"
    both: list[str] = []
    proc.run(py(code), timeout=30, on_line=both.append, line_source="both")
    assert sorted(both) == sorted(seen + ["err"])


def test_utf8_split_across_reads_is_decoded():
    splitter = proc.LineSplitter()
    data = "Amélie\n".encode()
    assert splitter.feed(data[:3]) == [] and splitter.feed(data[3:]) == ["Amélie"]
    assert splitter.feed(b"tail") == [] and splitter.close() == ["tail"]


def test_shell_metacharacters_are_plain_arguments(tmp_path):
    hostile = ["$(touch PWN)", "`touch PWN`", "a;touch PWN", "x && touch PWN", "it's", "a|b", "new\nline"]
    done = proc.run(
        py("import sys, json; print(json.dumps(sys.argv[1:]))", *hostile), timeout=30, cwd=tmp_path
    )
    assert done.stdout.strip() == __import__("json").dumps(hostile)
    assert list(tmp_path.iterdir()) == []


def test_on_start_gets_the_popen_leading_the_program_s_own_process_group():
    started = []
    done = proc.run(py("import os; print(os.getpgrp(), os.getpid())"), timeout=30, on_start=started.append)
    pgid, pid = map(int, done.stdout.split())
    assert pgid == started[0].pid != os.getpgrp()  # the group guard leads the group; the program is in it
    assert pid != started[0].pid


def test_the_program_s_exit_status_and_fatal_signal_pass_through_the_guard():
    assert proc.run(py("import sys; sys.exit(7)"), timeout=30, check=False).returncode == 7
    killed = proc.run(py("import os, signal; os.kill(os.getpid(), signal.SIGSEGV)"), timeout=30, check=False)
    assert killed.returncode == -signal.SIGSEGV


def test_low_priority_runs_niced():
    assert proc.low_priority_prefix(), "nice/ionice are part of every Debian system"
    done = proc.run(py("import os; print(os.nice(0))"), timeout=30, low_priority=True)
    assert int(done.stdout) >= 10


def _grandchild_script() -> str:
    # The child starts a grandchild, prints both pids, then both wait forever.
    return (
        "import subprocess, sys, time\n"
        f"g = subprocess.Popen([{PY!r}, '-c', 'import time; time.sleep(600)'])\n"
        "print(g.pid, flush=True)\n"
        "time.sleep(600)\n"
    )


def _dies(pid: int) -> bool:
    """True once ``pid`` has exited; waits on a pidfd (no sleep), bounded by 30 s."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([fd], [], [], 30)
        return bool(readable)
    finally:
        os.close(fd)


def test_cancel_kills_the_whole_group_and_raises():
    cancel = threading.Event()
    grandchildren: list[int] = []

    def on_line(line: str) -> None:
        grandchildren.append(int(line))
        cancel.set()

    with pytest.raises(JobCancelled):
        proc.run(py(_grandchild_script()), timeout=120, cancel=cancel, on_line=on_line, line_source="stdout")
    assert grandchildren and _dies(grandchildren[0])


def test_timeout_kills_and_raises_tool_error():
    with pytest.raises(ToolError, match="timed out"):
        proc.run(py("import time; time.sleep(600)"), timeout=0.5)


def test_kill_group_escalates_to_sigkill_for_a_child_ignoring_sigterm():
    started = []
    code = (
        "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
        "print('ready', flush=True); time.sleep(600)"
    )

    def on_line(line: str) -> None:
        proc.kill_group(started[0], grace=0.2)

    done = proc.run(
        py(code), timeout=120, on_start=started.append, on_line=on_line, line_source="stdout", check=False
    )
    assert done.returncode == -signal.SIGKILL


def test_no_shell_anywhere_in_tools():
    import ast
    import pathlib

    root = pathlib.Path(proc.__file__).parent
    for source in [*root.glob("*.py"), pathlib.Path(__file__).parents[1] / "media.py"]:
        tree = ast.parse(source.read_text())
        calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
        shells = [k for c in calls for k in c.keywords if k.arg == "shell"]
        assert not shells, source
        assert "os.system" not in ast.unparse(tree), source


def _pid_from(pid_file: Path, deadline: float) -> int:
    while not pid_file.exists() or not pid_file.read_text():
        assert time.monotonic() < deadline, f"{pid_file.name} never appeared"
        time.sleep(0.05)
    return int(pid_file.read_text())


def test_children_and_grandchildren_die_with_a_daemon_killed_hard(tmp_path):
    """kill -9 of the process that ran ``run()`` leaves neither the program nor what it started:
    a wrapper that starts the real encoder is the case that matters."""
    child_file, grandchild_file = tmp_path / "child.pid", tmp_path / "grandchild.pid"
    grandchild_code = f"import os, time; open({str(grandchild_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
    child_code = (f"import os, subprocess, sys, time; subprocess.Popen([sys.executable, '-c', {grandchild_code!r}]); "
                  f"open({str(child_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)")
    parent_script = tmp_path / "parent.py"
    parent_script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).resolve().parents[2] / 'src')!r})\n"
        "from media_library.tools.proc import run\n"
        f"run([sys.executable, '-c', {child_code!r}], timeout=None)\n"
    )
    parent = subprocess.Popen([sys.executable, str(parent_script)])
    deadline = time.monotonic() + 20
    child, grandchild = _pid_from(child_file, deadline), _pid_from(grandchild_file, deadline)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while _alive(child) or _alive(grandchild):
        assert time.monotonic() < deadline, "a child or grandchild outlived the killed parent"
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().split(") ")[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
