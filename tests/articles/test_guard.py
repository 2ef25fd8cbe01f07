"""Every fetch an article makes goes through the outbound guard.

A stub "public" site on 127.0.0.2 (on the allow-list here, as an admin would list a LAN host) serves
an article whose images point at a canary on 127.0.0.1 and [::1] (not on the list), directly and by
redirect, and a page that redirects inward. The article is saved without those images, the inward
page fails with the guard's reason, and the canary is never reached.
"""

from __future__ import annotations

import pytest

from tests.conftest import make_settings
from tests.fakes.articles import PARAGRAPHS
from tests.fakes.outbound import Canary, StubServer


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path, **{"http.allow_hosts": ["127.0.0.2"], "http.retries": 0})


@pytest.fixture
def canary():
    with Canary() as inside:
        yield inside


@pytest.fixture
def public(canary):
    inside = f"http://127.0.0.1:{canary.port}"
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS["owls"])
    page = (f'<html lang="en"><head><title>Owls</title><meta property="og:image" content="{inside}/top.jpg"></head>'
            f'<body><article><h1>Owls</h1>{body}<p><img src="{inside}/direct.jpg"><img src="/hop.jpg">'
            f'<img src="http://[::1]:{canary.port}/v6.jpg"></p></article></body></html>').encode()

    def answer(seen):
        if seen.path == "/article":
            return 200, {"Content-Type": "text/html"}, page
        return 302, {"Location": f"{inside}{seen.path}"}, b""

    with StubServer("127.0.0.2", answer) as stub:
        yield stub


def test_images_pointing_inside_are_left_out_and_never_fetched(save, public, canary, admin_client):
    article = save(public.url + "/article")
    assert article["status"] == "saved", article["error"]
    assert article["top_image"] is None
    assert "<img" not in admin_client.get(f"/api/articles/{article['id']}/content").json["html"].replace("<img>", "")
    assert canary.hits == 0


def test_a_page_redirecting_inside_fails_with_the_guards_reason(save, public, canary):
    article = save(public.url + "/inward")
    assert article["status"] == "failed" and "127.0.0.1" in article["error"]
    direct = save(f"http://127.0.0.1:{canary.port}/article")
    assert direct["status"] == "failed" and "loopback" in direct["error"]
    assert canary.hits == 0
