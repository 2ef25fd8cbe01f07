"""Secrets never reach a log line or an error body; crafted text cannot forge log lines."""

from __future__ import annotations

import io
import logging
import sys

import pytest

from media_library.logs import REDACTED, Redactor, setup_logging

from ..conftest import fill, make_settings

pytestmark = pytest.mark.usefixtures("isolated_logging")  # setup_logging changes the root logger of the run

CANARIES = {
    "tmdb.api_key": "canary-tmdb-6f1d2a9e",
    "acoustid.api_key": "canary-acoustid-77aa",
    "auth.setup_code": "canary-setup-3141",
}


def test_redactor_patterns():
    redact = Redactor(["s3cr3t-value"])
    assert "s3cr3t-value" not in redact("key is s3cr3t-value")
    for text in ("password=hunter22", "api_key=abcd1234", "X-Plex-Token=abcdef123", "Authorization: Bearer abc.def.ghi",
                 '{"password": "hunter22"}', "http://h/p?apikey=zz99zz&x=1", "token: abcdefgh"):
        out = redact(text)
        assert REDACTED in out, text
        assert not any(secret in out for secret in ("hunter22", "abcd1234", "abcdef123", "abc.def.ghi", "zz99zz", "abcdefgh"))


def test_canary_secrets_never_reach_the_log_file(tmp_path):
    settings = make_settings(tmp_path, **CANARIES)
    setup_logging(settings.logs_dir, secrets=settings.secret_values(), console=False)
    log = logging.getLogger("media_library.test")
    for key, value in CANARIES.items():
        log.info("calling with %s", value)
        log.warning("url http://127.0.0.1/x?api_key=%s", value)
        try:
            raise RuntimeError(f"boom {value}")
        except RuntimeError:
            log.exception("failed for %s", key)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = "".join(p.read_text() for p in settings.logs_dir.glob("*.log*"))
    assert text and "calling with" in text
    for value in CANARIES.values():
        assert value not in text


def test_newlines_and_escape_codes_cannot_forge_lines(tmp_path):
    setup_logging(tmp_path, console=False)
    logging.getLogger("media_library.test").warning("title %s", "x\n2026-01-01 INFO admin logged in\x1b[2J")
    for handler in logging.getLogger().handlers:
        handler.flush()
    lines = [line for line in (tmp_path / "media-library.log").read_text().splitlines() if "title x" in line]
    assert len(lines) == 1 and "\x1b" not in lines[0]
    assert not any(line.startswith("2026-01-01 INFO admin") for line in (tmp_path / "media-library.log").read_text().splitlines())


def _our_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if getattr(h, "_media_library", False)]


def test_logging_goes_on_to_stderr_when_the_log_disk_is_full(small_disk, capsys):
    setup_logging(small_disk / "logs", console=False)
    log = logging.getLogger("media_library.test")
    log.warning("before the disk filled")
    filler = fill(small_disk)
    log.warning("while the disk is full %s", "x" * 20000)  # more than any buffer: the write reaches the disk
    log.warning("still full")
    err = capsys.readouterr().err
    assert "cannot write the log file" in err and "No space left on device" in err
    assert "while the disk is full" in err and "still full" in err
    assert "Logging error" not in err and "Traceback" not in err
    filler.unlink()
    log.warning("space again")
    for handler in _our_handlers():
        handler.flush()
    assert "writing the log file" in capsys.readouterr().err
    assert "space again" in (small_disk / "logs" / "media-library.log").read_text()


def test_a_log_folder_that_cannot_be_made_means_stderr_only(tmp_path, capsys):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    setup_logging(blocker / "logs", console=False)
    logging.getLogger("media_library.test").warning("heard anyway")
    err = capsys.readouterr().err
    assert "cannot create the log folder" in err and "heard anyway" in err


def test_the_console_follows_stderr_and_never_writes_to_a_closed_stream(tmp_path, monkeypatch):
    """A stderr swapped out and closed after set-up (a test's captured stream at its teardown) is
    never written to: a record from another thread later reaches the stderr of that moment."""
    import threading

    first, second = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", first)
    setup_logging(tmp_path, console=True)
    logging.getLogger("media_library.test").warning("to the first")
    monkeypatch.setattr(sys, "stderr", second)
    first.close()
    thread = threading.Thread(target=lambda: logging.getLogger("media_library.activity").warning("activity from a thread"))
    thread.start()
    thread.join()
    assert "activity from a thread" in second.getvalue() and "Logging error" not in second.getvalue()
