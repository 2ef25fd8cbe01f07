"""Imports: a Pocket export of 50 links becomes 50 queued articles with their tags; a 404 and a
timeout among them fail alone. Wallabag and Omnivore JSON, Readwise Reader CSV and browser bookmarks
(Netscape HTML) are read too, with their tags."""

from __future__ import annotations

import json
import time

import pytest

from tests.conftest import make_settings
from tests.fakes.articles import SilentServer
from tests.fakes.server import fixture_path
from tests.library.conftest import drain

GOOD = ("/news/owls", "/guides/bread", "/reviews/kettle", "/stories/lighthouse")


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path, **{"articles.timeout_seconds": 1.0, "http.retries": 0, "jobs.max_attempts": 2})


@pytest.fixture
def silent():
    with SilentServer() as server:
        yield server


def pocket_csv(rows: list[tuple[str, str]]) -> str:
    lines = ["title,url,time_added,tags,status"]
    lines += [f"Link {n},{url},{1700000000 + n},{tags},unread" for n, (url, tags) in enumerate(rows)]
    return "\n".join(lines) + "\n"


def settle(runtime, state, ids: list[int], timeout_s: float = 120.0) -> dict[int, object]:
    """Run jobs until every article is saved or failed (retries wait for their backoff)."""
    deadline = time.monotonic() + timeout_s
    while True:
        drain(runtime, limit=500)
        articles = {i: state.get_article(i) for i in ids}
        if all(a.status != "queued" for a in articles.values()):
            return articles
        assert time.monotonic() < deadline, [a.error for a in articles.values() if a.status == "queued"][:3]
        time.sleep(0.05)


def test_a_pocket_export_of_50_links_queues_50_and_a_404_and_a_timeout_fail_alone(site, silent, admin_client, runtime):
    rows = [(f"{site.url}{GOOD[n % 4]}?n={n}", "nature|to read" if n % 2 else "kitchen") for n in range(48)]
    rows += [(f"{site.url}/gone", "broken"), (f"{silent.url}/slow", "slow")]
    answer = admin_client.post("/api/articles/import", json={"content": pocket_csv(rows)})
    assert answer.status_code == 202, answer.json
    assert answer.json["queued"] == 50 and answer.json["skipped"] == []
    ids = answer.json["article_ids"]
    state = runtime.state
    assert [state.get_article(i).tags for i in ids[:2]] == [["kitchen"], ["nature", "to read"]]
    articles = settle(runtime, state, ids)
    failed = {a.url: a.error for a in articles.values() if a.status == "failed"}
    assert set(failed) == {f"{site.url}/gone", f"{silent.url}/slow"}
    assert "not found" in failed[f"{site.url}/gone"]
    assert "1 s" in failed[f"{silent.url}/slow"] or "could not reach" in failed[f"{silent.url}/slow"]
    assert sum(a.status == "saved" for a in articles.values()) == 48
    assert {a.origin for a in articles.values()} == {"import"}


def test_wallabag_json_and_browser_bookmarks_are_read_with_their_tags(site, admin_client):
    wallabag = [{"url": f"{site.url}/news/owls", "tags": ["birds", "nature"], "title": "Owls", "is_archived": 0},
                {"url": f"{site.url}/guides/bread", "tags": [], "title": "Bread"}]
    answer = admin_client.post("/api/articles/import", json={"content": json.dumps(wallabag)})
    assert answer.status_code == 202 and answer.json["queued"] == 2
    bookmarks = ('<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">'
                 '<TITLE>Bookmarks</TITLE><H1>Bookmarks</H1><DL><p><DT><H3>Reading</H3><DL><p>'
                 f'<DT><A HREF="{site.url}/reviews/kettle" ADD_DATE="1700000000" TAGS="gadgets,review">Kettle</A>'
                 '<DT><A HREF="javascript:alert(1)">Not a page</A></DL><p></DL><p>')
    answer = admin_client.post("/api/articles/import", json={"content": bookmarks})
    assert answer.status_code == 202 and answer.json["queued"] == 1
    assert answer.json["skipped"] == [{"url": "javascript:alert(1)", "reason": "url must be an http:// or https:// address"}]
    listed = {a["url"]: a["tags"] for a in admin_client.get("/api/articles").json["items"]}
    assert listed[f"{site.url}/news/owls"] == ["birds", "nature"]
    assert listed[f"{site.url}/reviews/kettle"] == ["gadgets", "review"]


def sample_export(name: str, site_url: str) -> str:
    """A recorded-shape export from tests/fixtures/articles/, its links pointed at the local site."""
    return fixture_path("articles", name).read_text(encoding="utf-8").replace("https://news.example", site_url)


@pytest.mark.parametrize("name", ["omnivore-metadata_0_to_3.json", "readwise-reader-export.csv"])
def test_omnivore_and_readwise_exports_queue_their_links_with_their_tags(name, site, admin_client):
    answer = admin_client.post("/api/articles/import", json={"content": sample_export(name, site.url)})
    assert answer.status_code == 202, answer.json
    assert answer.json["queued"] == 3
    listed = {a["url"]: a["tags"] for a in admin_client.get("/api/articles").json["items"]}
    first = ["birds", "nature"] if name.startswith("omnivore") else ["birds", "to read"]
    assert listed == {f"{site.url}/news/owls": first, f"{site.url}/guides/bread": [],
                      f"{site.url}/reviews/kettle": ["gadgets", "review"]}
    if name.startswith("omnivore"):
        assert answer.json["skipped"] == [{"url": "mailto:weekly@news.example",
                                           "reason": "url must be an http:// or https:// address"}]


def test_an_unreadable_export_is_refused_with_what_to_send(admin_client):
    answer = admin_client.post("/api/articles/import", json={"content": "just some words\nno header"})
    assert answer.status_code == 400 and "title,url" in answer.json["message"]
