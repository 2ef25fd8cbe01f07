"""OPDS as an e-reader app sees it: the real daemon (``main.py --mode server``) and the real ``curl``
speaking HTTP Basic with an API token of scope ``books`` as the password (what KOReader and Moon+
Reader send), any user name. The feed's XML is parsed, every acquisition link followed with the
same credentials and the downloaded bytes compared with the uploaded files."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import requests
from defusedxml import ElementTree

from tests.browser.conftest import run_server
from tests.fakes.books import make_cbz, make_epub, make_pdf

ATOM = "{http://www.w3.org/2005/Atom}"
ACQUISITION = "http://opds-spec.org/acquisition"
CURL_TIMEOUT_S = 30


@pytest.fixture
def daemon(tmp_path):
    with run_server(tmp_path / "server", "opds", {"ML_SCHEDULER__ENABLED": "false",
                                                  "ML_DATABASE__BACKUP_BEFORE_MIGRATE": "false"}) as srv:
        yield srv


@pytest.fixture
def curl() -> str:
    found = shutil.which("curl")
    if found is None:
        pytest.fail("curl is missing: install Debian's curl package (scripts/setup.sh lists it)")
    return found


def _admin(daemon) -> requests.Session:
    http = requests.Session()
    made = http.post(f"{daemon.base_url}/api/setup", timeout=10,
                     json={"username": "reader", "password": "correct horse battery", "setup_code": daemon.setup_code})
    assert made.status_code == 201, made.text
    http.headers["X-CSRF-Token"] = made.json()["csrf_token"]
    return http


def _run_curl(curl: str, url: str, *, user: str | None, out: Path) -> tuple[int, dict[str, str]]:
    """``curl`` (argv, no shell) with ``--user`` read from a config on stdin, so the token is never
    in the process list; the HTTP status and the response headers."""
    headers = out.with_suffix(".headers")
    argv = [curl, "--silent", "--show-error", "--max-time", str(CURL_TIMEOUT_S), "--output", str(out),
            "--dump-header", str(headers), "--write-out", "%{http_code}", "--config", "-", url]
    config = f'user = "{user}"\n' if user else ""
    done = subprocess.run(argv, input=config, capture_output=True, text=True, timeout=CURL_TIMEOUT_S + 5, check=False)
    assert done.returncode == 0, done.stderr
    lines = headers.read_text(encoding="latin-1").splitlines()[1:]
    return int(done.stdout), {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines) if v}


def test_curl_lists_and_downloads_every_book_over_basic_with_a_books_token(daemon, curl, tmp_path):
    http = _admin(daemon)
    files = {"The Salt Road": make_epub(tmp_path / "salt.epub"), "Field Notes on Moss": make_pdf(tmp_path / "moss.pdf"),
             "The Night Tram": make_cbz(tmp_path / "tram.cbz")}
    for path in files.values():
        with open(path, "rb") as fh:
            added = http.post(f"{daemon.base_url}/api/books", files={"file": (path.name, fh)}, timeout=60)
        assert added.status_code == 201, added.text
    token = http.post(f"{daemon.base_url}/api/tokens", json={"name": "KOReader", "scope": "books"}, timeout=10).json()["secret"]
    catalog = f"{daemon.base_url}/api/books/opds"

    status, headers = _run_curl(curl, catalog, user=None, out=tmp_path / "anonymous.xml")
    assert status == 401 and headers["www-authenticate"].startswith("Basic realm=")
    status, _ = _run_curl(curl, catalog, user="reader:correct horse battery", out=tmp_path / "password.xml")
    assert status == 401  # the account password is not a token
    status, _ = _run_curl(curl, f"{catalog}?token={token}", user=None, out=tmp_path / "in-url.xml")
    assert status == 400  # never a credential in a URL

    status, headers = _run_curl(curl, catalog, user=f"koreader:{token}", out=tmp_path / "feed.xml")
    assert status == 200 and "profile=opds-catalog" in headers["content-type"]
    entries = ElementTree.fromstring((tmp_path / "feed.xml").read_bytes()).findall(f"{ATOM}entry")
    assert sorted(e.findtext(f"{ATOM}title") for e in entries) == sorted(files)
    for n, entry in enumerate(entries):
        link = next(lk for lk in entry.findall(f"{ATOM}link") if lk.get("rel") == ACQUISITION)
        assert token not in link.get("href") and link.get("href").startswith(daemon.base_url)
        got = tmp_path / f"download-{n}"
        status, _ = _run_curl(curl, link.get("href"), user=f"reader:{token}", out=got)
        expected = files[entry.findtext(f"{ATOM}title")].read_bytes()
        assert status == 200 and got.read_bytes() == expected and int(link.get("length")) == len(expected)
