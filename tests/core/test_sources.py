"""Sources: a new one is a declaration the composition collects (settings, state, handlers,
routes, events, services) without editing the shared files; discs and uploads publish through
the one ingestion step."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest
from flask import jsonify

from media_library import events
from media_library.config import setting
from media_library.jobs.base import JobHandler
from media_library.runtime import Runtime
from media_library.services.container import Services
from media_library.services.discs.events import DiscUpdated
from media_library.services.ingest import Publisher
from media_library.sources import SOURCES, Source, event_types
from media_library.web.app import create_app
from media_library.web.auth import services
from media_library.web.openapi import ApiBlueprint
from tests.conftest import fast_passwords, make_settings
from tests.web.conftest import SocketClient, do_setup, serve_in_thread, session_cookie


@dataclass(frozen=True)
class FeedFetched(events.Event, name="feed_fetched", forwarded=True):
    url: str


@dataclass(frozen=True)
class FeedSettings:
    url: str = setting("", "The feed's address.")


class FeedRepository:
    def feed_rows(self) -> int:
        return self.count_users()  # reaches the core's repositories: one AppState


class FeedFetch(JobHandler):
    kind = "feed.fetch"

    def run(self, ctx, payload):
        return {"url": self.services.settings.feed.url, "service": type(self.services.feeds).__name__}


class FeedService:
    def __init__(self, core: Services):
        self.core = core

    def fetch(self) -> None:
        self.core.bus.publish(FeedFetched(self.core.settings.feed.url))


feed_bp = ApiBlueprint("feeds", __name__, url_prefix="/api/feeds", token_area=True)


@feed_bp.endpoint_spec("", "GET", "The feed", auth="user")
def feed():
    return jsonify({"url": services().settings.feed.url, "rows": services().state.feed_rows()})


FEED = Source(name="feeds", settings=("feed", FeedSettings), state=(FeedRepository,), handlers=(FeedFetch,),
              routes=lambda: (feed_bp,), events=(FeedFetched,), services=lambda core: {"feeds": FeedService(core)})


def test_a_new_source_is_collected_from_its_declaration(tmp_path):
    sources = (*SOURCES, FEED)
    settings = make_settings(tmp_path, sources=sources, **{"feed.url": "http://127.0.0.1:9/feed.xml"})
    runtime = Runtime.build(settings, "server", passwords=fast_passwords(), sources=sources)
    try:
        assert "feed.fetch" in runtime.registry.kinds and "disc.rip" in runtime.registry.kinds
        assert runtime.state.feed_rows() == 0 and runtime.state.list_discs() == []
        assert isinstance(runtime.services.feeds, FeedService) and runtime.services.discs is not None
        app = create_app(runtime)
        client = app.test_client()
        assert do_setup(client).status_code == 201
        assert client.get("/api/feeds").json == {"url": "http://127.0.0.1:9/feed.xml", "rows": 1}
        assert "feeds" in runtime.services.tokens.scopes() and "monitor" in runtime.services.tokens.scopes()
        server = serve_in_thread(app)
        sio = SocketClient().connect(server.url, cookie=session_cookie(client))
        try:
            runtime.services.feeds.fetch()  # the bus carries the source's event; Socket.IO forwards it
            sio.wait_for(lambda: sio.named(FeedFetched.name))
            assert sio.named(FeedFetched.name) == [{"url": "http://127.0.0.1:9/feed.xml"}]
        finally:
            sio.close()
            server.stop()
        job, _ = runtime.services.jobs.enqueue("feed.fetch", {})
        assert runtime.pool.run_once()
        assert runtime.state.get_job(job.id).result == {"url": "http://127.0.0.1:9/feed.xml", "service": "FeedService"}
        app.extensions["media_library_unsubscribe"]()
    finally:
        runtime.stop()


def test_services_are_built_once_and_frozen(runtime):
    s = runtime.services
    assert isinstance(s, Services)
    assert s.library.clients is s.clients  # one set of clients per process
    assert s.library.music.musicbrainz is s.clients.musicbrainz  # one MusicBrainz rate limiter
    assert runtime.pool.services is s
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.library = None  # type: ignore[misc]
    assert runtime.bus.types == (*events.CORE_EVENTS, *event_types())  # each registered source's events
    assert DiscUpdated in runtime.bus.types  # the disc source declares its event


def test_discs_and_uploads_publish_through_the_one_publish_step(runtime):
    lib = runtime.services.library
    assert isinstance(lib.publisher, Publisher)
    assert runtime.services.discs.library.publisher is lib.publisher
    assert lib.uploads.lib.publisher is lib.publisher
