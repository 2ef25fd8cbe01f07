"""Content-Disposition: one helper, RFC 6266 ``filename*=UTF-8''…`` with a safe ASCII fallback,
used by every download route."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from flask import Response

from media_library.web.disposition import as_download, content_disposition

SRC = Path(__file__).resolve().parents[2] / "src" / "media_library"
HEADER_VALUE = re.compile(r'^(attachment|inline); filename="([A-Za-z0-9 ._()-]+)"; filename\*=UTF-8\'\'([A-Za-z0-9!#$&+\-.^_`|~%]+)$')


def parts(value: str) -> tuple[str, str, str]:
    match = HEADER_VALUE.match(value)
    assert match, value
    return match.group(1), match.group(2), unquote(match.group(3))


def test_plain_ascii():
    assert content_disposition("report.csv") == "attachment; filename=\"report.csv\"; filename*=UTF-8''report.csv"


def test_quotes_cr_lf_and_non_ascii():
    kind, fallback, real = parts(content_disposition('Amélie "Le fabuleux"\r\nSet-Cookie: x=1;\\.epub'))
    assert kind == "attachment"
    assert real == 'Amélie "Le fabuleux"Set-Cookie: x=1;.epub'  # CR, LF and the backslash dropped
    assert fallback == "Amelie _Le fabuleux_Set-Cookie_ x_1_.epub"
    assert "\r" not in fallback + real and "\n" not in fallback + real


def test_names_with_no_ascii_at_all_and_path_parts():
    kind, fallback, real = parts(content_disposition("東京物語.m3u8", inline=True))
    assert (kind, real) == ("inline", "東京物語.m3u8") and fallback == ".m3u8"
    assert parts(content_disposition("../../etc/passwd"))[2] == "....etcpasswd"
    assert parts(content_disposition("\r\n"))[1:] == ("download", "download")


def test_flask_keeps_the_header_as_built():
    response = as_download(Response("x"), 'a "b"\nc.txt')
    assert response.headers["Content-Disposition"] == content_disposition('a "b"\nc.txt')
    assert "\n" not in response.headers["Content-Disposition"]


def test_a_download_route_uses_it(admin_client):
    response = admin_client.get("/api/podcasts/opml")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=\"podcasts.opml\"; filename*=UTF-8''podcasts.opml"


def test_no_route_builds_the_header_by_hand():
    hand_made = [f"{path.relative_to(SRC)}:{n}" for path in (SRC / "web").rglob("*.py") if path.name != "disposition.py"
                 for n, line in enumerate(path.read_text().splitlines(), 1)
                 if "Content-Disposition" in line or "as_attachment" in line or "download_name" in line]
    assert hand_made == []
