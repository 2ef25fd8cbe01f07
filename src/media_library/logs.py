"""Logging: a rotating file under the data folder plus the console, with secrets redacted.

The redactor removes every secret setting's value and anything that looks like a credential
(``password=…``, ``api_key=…``, ``token=…``, ``X-Plex-Token``, ``Authorization: Bearer …``) from
every record, arguments and tracebacks included. Newlines and terminal escape codes inside a
message are escaped, so a crafted title cannot forge a log line (ASVS 16.4.1).
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from collections.abc import Iterable
from pathlib import Path

REDACTED = "[REDACTED]"
_PATTERNS = [
    re.compile(r"(?i)((?:password|passwd|pass|api[_-]?key|apikey|token|secret|setup_code|x-plex-token|access_token|client)\s*[=:]\s*\"?)([^\s&\"',;}]+)"),
    re.compile(r"(?i)(\"(?:password|api_key|apikey|token|secret|setup_code|access_token)\"\s*:\s*\")([^\"]+)"),
    re.compile(r"(?i)(authorization:\s*(?:bearer|basic|mediabrowser)\s+)(\S+)"),
    re.compile(r"(?i)(bearer\s+)([A-Za-z0-9._~+/=-]{8,})"),
]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]|\x1b\[[0-9;]*[A-Za-z]")


class Redactor:
    """Scrubs known secret values and credential-looking fragments from text."""

    def __init__(self, secrets: Iterable[str] = ()):
        self.secrets = sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True)

    def add(self, secret: str) -> None:
        if secret and len(secret) >= 4 and secret not in self.secrets:
            self.secrets = sorted([*self.secrets, secret], key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        for pattern in _PATTERNS:
            text = pattern.sub(lambda m: m.group(1) + REDACTED, text)
        return text


class SafeFormatter(logging.Formatter):
    def __init__(self, redactor: Redactor, fmt: str):
        super().__init__(fmt)
        self.redactor = redactor

    def format(self, record: logging.LogRecord) -> str:
        record.msg = _escape(record.getMessage())
        record.args = None
        text = super().format(record)
        return self.redactor(text)


def _escape(message: str) -> str:
    message = message.replace("\r", "\\r").replace("\n", "\\n")
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), message)


FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"


def setup_logging(logs_dir: Path, *, level: str = "INFO", max_mb: int = 10, backups: int = 5,
                  secrets: Iterable[str] = (), console: bool = True) -> Redactor:
    """Configure the root logger once; returns the redactor so new secrets can be added later."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    redactor = Redactor(secrets)
    formatter = SafeFormatter(redactor, FORMAT)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_media_library", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = [logging.handlers.RotatingFileHandler(
        logs_dir / "media-library.log", maxBytes=max_mb * 1024 * 1024, backupCount=backups, encoding="utf-8")]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._media_library = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level.upper())
    for noisy in ("urllib3", "werkzeug", "engineio", "socketio", "alembic", "rebulk", "guessit"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return redactor
