"""Which passwords are refused: too short or long, one of the most common, or holding the username.

The common passwords are ``data/common-passwords.txt.gz``: 19,640 lower-case passwords shipped
with the package (the list Django ships as ``django/contrib/auth/common-passwords.txt.gz``, BSD
licence, built by Royce Williams from breach corpora; see docs/ARCHITECTURE.md, "Identity and
sessions"). It is read once, at the first check, into a frozenset; a password is compared
lower-cased, so ``PassWord1`` is refused like ``password1``.
"""

from __future__ import annotations

import functools
import gzip
from importlib import resources

from ..errors import InvalidInput

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
COMMON_PASSWORDS_FILE = "common-passwords.txt.gz"


@functools.cache
def common_passwords() -> frozenset[str]:
    """The shipped list of common passwords, lower-cased."""
    data = resources.files(__package__).joinpath("data", COMMON_PASSWORDS_FILE).read_bytes()
    lines = gzip.decompress(data).decode("utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def validate_password(password: str, username: str | None = None) -> str:
    """``password`` if the policy allows it for ``username``; InvalidInput saying why not."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput(f"a password may have at most {MAX_PASSWORD_LENGTH} characters")
    if password.lower() in common_passwords():
        raise InvalidInput("that password is one of the most common ones; choose a less guessable one "
                           "(a few unrelated words work well)")
    name = (username or "").strip().lower()
    if name and name in password.lower():
        raise InvalidInput("a password may not contain the username")
    return password
