"""Uploads against the real server (uvicorn): a chunked body with no Content-Length that grows
past ``server.max_upload_mb`` is refused with 413 while it streams in, and nothing is left behind;
a body within the limit lands. The Content-Length case is in test_live_server."""

from __future__ import annotations

import socket

import pytest
import requests

from tests.media import make_video

from .conftest import ADMIN, SETUP_CODE, start_server

BOUNDARY = "----media-library-test"


@pytest.fixture(scope="module")
def small_limit(tmp_path_factory):
    server = start_server(tmp_path_factory.mktemp("upload"), extra_env={"ML_SERVER__MAX_UPLOAD_MB": "1"})
    session = requests.Session()
    setup = session.post(server.url + "/api/setup", json={**ADMIN, "setup_code": SETUP_CODE}, timeout=30)
    assert setup.status_code == 201, setup.text
    yield server, session.cookies.get_dict(), setup.json()["csrf_token"]
    server.stop()


def _chunked_upload(port: int, cookies: dict, csrf: str, payload_bytes: int, content: bytes | None = None) -> tuple[int, bytes]:
    """POST a multipart upload with Transfer-Encoding: chunked, 64 KiB per chunk."""
    head = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.mkv\"\r\n"
            "Content-Type: video/x-matroska\r\n\r\n").encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
    request = (f"POST /api/upload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\n"
               f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nCookie: {cookie}\r\n"
               f"X-CSRF-Token: {csrf}\r\nOrigin: http://127.0.0.1:{port}\r\nConnection: close\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(request)
        try:
            for piece in ([head, content, tail] if content is not None else _pieces(head, payload_bytes, tail)):
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
            sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before the body ended: that is the point
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status = int(answer.split(b" ", 2)[1])
    return status, answer


def _pieces(head: bytes, payload_bytes: int, tail: bytes):
    yield head
    block = b"\x1a\x45\xdf\xa3" + b"\0" * (65536 - 4)  # starts like Matroska; the rest is padding
    sent = 0
    while sent < payload_bytes:
        piece = block[: min(len(block), payload_bytes - sent)]
        sent += len(piece)
        yield piece
    yield tail


def _leftovers(server) -> list:
    uploads = server.data_dir / "uploads"
    return [p for p in uploads.rglob("*") if p.is_file()] if uploads.exists() else []


def test_chunked_upload_over_the_limit_gets_413_and_leaves_nothing(small_limit):
    server, cookies, csrf = small_limit
    before = _leftovers(server)
    status, answer = _chunked_upload(server.port, cookies, csrf, 2 * 1024 * 1024)
    assert status == 413, answer[:500]
    assert b'"PayloadTooLarge"' in answer
    assert _leftovers(server) == before


def test_chunked_upload_within_the_limit_lands(small_limit, tmp_path):
    server, cookies, csrf = small_limit
    video = make_video(tmp_path / "small.mkv", 1.0, size="64x48")
    before = len(_leftovers(server))
    status, answer = _chunked_upload(server.port, cookies, csrf, 0, content=video.read_bytes())
    assert status == 201, answer[:500]
    assert len(_leftovers(server)) == before + 1
