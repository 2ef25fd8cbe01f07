"""Collections: manual ones with an order, and automatic ones from TMDb's belongs_to_collection,
built through the real identify pipeline against the fake TMDb and kept up to date."""

from __future__ import annotations

import pytest

from media_library.services.collections import CollectionsService
from media_library.web.app import BLUEPRINTS, create_app
from media_library.web.routes import library as library_routes
from tests.library.conftest import drain
from tests.media import make_video
from tests.web.conftest import do_setup

ALIENS = 8091


# --- manual ------------------------------------------------------------------------------------------


def test_manual_collection_add_order_remove_delete(admin_client, add):
    a, b, c = (add("movie", t).id for t in ("A", "B", "C"))
    made = admin_client.post("/api/collections", json={"name": "Friday <b>night</b>"})
    assert made.status_code == 201 and made.json["automatic"] is False
    cid = made.json["id"]
    for media_id in (a, b, c, a):
        assert admin_client.post(f"/api/collections/{cid}/items", json={"media_id": media_id}).status_code == 204
    got = admin_client.get(f"/api/collections/{cid}").json
    assert got["name"] == "Friday <b>night</b>" and [i["title"] for i in got["items"]] == ["A", "B", "C"]
    assert admin_client.put(f"/api/collections/{cid}/order", json={"media_ids": [c, a, b]}).status_code == 204
    assert [i["title"] for i in admin_client.get(f"/api/collections/{cid}").json["items"]] == ["C", "A", "B"]
    assert admin_client.put(f"/api/collections/{cid}/order", json={"media_ids": [c, a]}).status_code == 400
    assert admin_client.delete(f"/api/collections/{cid}/items/{a}").status_code == 204
    assert admin_client.get("/api/collections").json["items"][0]["item_count"] == 2
    assert admin_client.get(f"/api/media/{b}/about").json["collections"] == [cid]
    assert admin_client.delete(f"/api/collections/{cid}").status_code == 204
    assert admin_client.get(f"/api/collections/{cid}").status_code == 404


@pytest.mark.parametrize("body", [{"name": ""}, {"name": "x" * 201}, {"name": 5}, {}])
def test_bad_names_are_refused(admin_client, body):
    assert admin_client.post("/api/collections", json=body).status_code == 400


def test_adding_an_unknown_item_is_404(admin_client):
    cid = admin_client.post("/api/collections", json={"name": "x"}).json["id"]
    assert admin_client.post(f"/api/collections/{cid}/items", json={"media_id": "nope"}).status_code == 404


# --- automatic, through identification ---------------------------------------------------------------


@pytest.fixture
def web(lib_runtime, lib):
    extra = [] if library_routes.bp in BLUEPRINTS else [library_routes.bp]
    app = create_app(lib_runtime, extra_blueprints=extra)
    client = app.test_client()
    client.environ_base["HTTP_X_CSRF_TOKEN"] = do_setup(client).json["csrf_token"]
    yield client
    app.extensions["media_library_unsubscribe"]()


@pytest.fixture
def aliens(fake_tmdb, lib, tmp_path_factory):
    fake_tmdb.add_movie(910001, "Alien", year=1979, collection=(ALIENS, "Alien Collection"), poster_path="/alien.jpg")
    fake_tmdb.add_movie(910002, "Aliens", year=1986, collection=(ALIENS, "Alien Collection"))
    fake_tmdb.add_movie(910003, "Heat", year=1995)
    for name in ("Aliens.1986.mkv", "Alien.1979.mkv", "Heat.1995.mkv"):
        make_video(lib.roots["movies"] / name, 2, size="32x32", fps=1, audio=False, cache=tmp_path_factory)
    return fake_tmdb


def _identify_all(web, lib_runtime):
    assert web.post("/api/library/scan").status_code == 202
    drain(lib_runtime)


def test_automatic_collection_from_tmdb_ordered_by_year(web, lib_runtime, aliens):
    _identify_all(web, lib_runtime)
    (auto,) = web.get("/api/collections").json["items"]
    assert (auto["name"], auto["automatic"], auto["item_count"]) == ("Alien Collection", True, 2)
    assert auto["tmdb_collection_id"] == str(ALIENS) and auto["cover"].endswith("/artwork/poster")
    items = web.get(f"/api/collections/{auto['id']}").json["items"]
    assert [(i["title"], i["year"]) for i in items] == [("Alien", 1979), ("Aliens", 1986)]
    assert web.post(f"/api/collections/{auto['id']}/items", json={"media_id": items[0]["id"]}).status_code == 409
    assert web.delete(f"/api/collections/{auto['id']}").status_code == 409


def test_automatic_collection_follows_a_changed_tmdb_answer(web, lib_runtime, aliens):
    _identify_all(web, lib_runtime)
    aliens.movies[910002]["belongs_to_collection"] = {"id": 4242, "name": "Cameron Films", "poster_path": None,
                                                      "backdrop_path": None}
    web.get("/api/collections")
    aliens_id = next(i["id"] for i in web.get("/api/search?q=aliens").json["items"] if i["title"] == "Aliens")
    assert web.post(f"/api/media/{aliens_id}/identify").status_code == 202
    drain(lib_runtime)
    by_name = {c["name"]: c for c in web.get("/api/collections").json["items"]}
    assert by_name["Alien Collection"]["item_count"] == 1 and by_name["Cameron Films"]["item_count"] == 1


def test_follow_reconciles_when_identification_is_published(lib_runtime, lib, aliens):
    service = CollectionsService(lib_runtime.state)
    unsubscribe = service.follow(lib_runtime.bus)
    try:
        lib.scanner.scan(lambda: False)
        drain(lib_runtime)
        assert lib_runtime.bus.wait_idle()  # reconciling runs off the publishing thread
    finally:
        unsubscribe()
    (auto,) = lib_runtime.state.list_collection_summaries()
    assert auto.name == "Alien Collection" and auto.item_count == 2
