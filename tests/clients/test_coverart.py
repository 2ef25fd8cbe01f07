"""Cover Art Archive: the client against the fake (redirects included), the fake against the
recorded JSON, and the parser on recorded and hostile images."""

from __future__ import annotations

import pytest
import requests

from media_library.clients.coverart import CoverArtClient, parse_image
from media_library.errors import ExternalServiceError, InvalidInput
from tests.fakes.coverart import RELEASE_FIXTURES, RELEASE_GROUP_FIXTURES, image
from tests.fakes.server import load_fixture

RELEASE = "76df3287-6cda-33eb-8e9a-044b5e15ffdd"
OLD_STYLE = "2592c7ed-1412-4895-b4a6-d9270ddc23fd"
GROUP = "c31a5e2b-0bf8-32e0-8aeb-ef4ba9973932"
NEW = "0a1b2c3d-0000-4000-8000-00000000abcd"
NONE = "00000000-0000-0000-0000-000000000000"


@pytest.fixture
def caa(http, fake_coverart):
    return CoverArtClient(http, fake_coverart.url)


def as_recorded(fake, body: dict) -> dict:
    """The fake's answer with its own host put back to the archive's, to compare with a fixture."""
    text = requests.compat.json.dumps(body).replace(fake.url, "http://coverartarchive.org")
    return requests.compat.json.loads(text)


# --- the fake speaks what was recorded ----------------------------------------------------------


@pytest.mark.parametrize(("path", "fixture"), [
    (f"/release/{RELEASE}", RELEASE_FIXTURES[RELEASE]),
    (f"/release/{OLD_STYLE}", RELEASE_FIXTURES[OLD_STYLE]),
    (f"/release-group/{GROUP}", RELEASE_GROUP_FIXTURES[GROUP]),
])
def test_fake_serves_the_recorded_json_on_its_own_host(fake_coverart, path, fixture):
    answer = requests.get(fake_coverart.url + path, timeout=5)
    assert answer.status_code == 200
    assert as_recorded(fake_coverart, answer.json()) == load_fixture("coverartarchive", fixture)
    assert all(i["image"].startswith(fake_coverart.url) for i in answer.json()["images"]
               if "coverartarchive.org" in load_fixture("coverartarchive", fixture)["images"][0]["image"])


def test_fake_redirects_like_the_archive(fake_coverart):
    index = requests.get(f"{fake_coverart.url}/release/{RELEASE}", allow_redirects=False, timeout=5)
    assert index.status_code == 307 and index.headers["Location"].endswith(f"/archive/mbid-{RELEASE}/index.json")
    front = requests.get(f"{fake_coverart.url}/release/{RELEASE}/front-250", allow_redirects=False, timeout=5)
    assert front.status_code == 307 and front.headers["Location"].endswith("/829521842-250.jpg")


def test_fake_added_release_has_the_recorded_shape(fake_coverart):
    fake_coverart.add_release(NEW)
    answer = requests.get(f"{fake_coverart.url}/release/{NEW}", timeout=5).json()
    recorded = load_fixture("coverartarchive", RELEASE_FIXTURES[RELEASE])
    assert answer.keys() == recorded.keys()
    assert answer["images"][0].keys() == recorded["images"][0].keys()
    assert answer["images"][0]["thumbnails"].keys() == recorded["images"][0]["thumbnails"].keys()


def test_fake_errors(fake_coverart):
    assert requests.get(f"{fake_coverart.url}/release/not-a-uuid", timeout=5).status_code == 400
    assert requests.get(f"{fake_coverart.url}/release/{NONE}", timeout=5).status_code == 404


# --- the parser on the recorded JSON ------------------------------------------------------------


def test_parse_new_style_image():
    [front] = [parse_image(i) for i in load_fixture("coverartarchive", RELEASE_FIXTURES[RELEASE])["images"]]
    assert (front.image_id, front.front, front.approved, front.types) == ("829521842", True, True, ("Front",))
    assert front.thumbnail(500).endswith("829521842-500.jpg") and front.thumbnail(1200).endswith("-1200.jpg")


def test_parse_old_style_images_fall_back_to_small_and_large():
    images = [parse_image(i) for i in load_fixture("coverartarchive", RELEASE_FIXTURES[OLD_STYLE])["images"]]
    front = next(i for i in images if i.front)
    assert front.thumbnail(250).endswith("-250.jpg") and front.thumbnail(500).endswith("-500.jpg")
    assert front.thumbnail(1200) == front.url  # no 1200 px thumbnail in old answers: the original


@pytest.mark.parametrize("bad", [None, [], {}, "", "x", 1.5, True, [None], {"1": 2}], ids=repr)
def test_each_field_of_a_recorded_image_may_be_bad(bad):
    raw = load_fixture("coverartarchive", RELEASE_FIXTURES[RELEASE])["images"][0]
    for key in raw:
        parsed = parse_image(raw | {key: bad})
        assert parsed is None if key == "image" else parsed.url == raw["image"]
    assert parse_image(raw | {"id": 829521842}).image_id == "829521842"  # id may be a number
    assert parse_image(raw | {"image": "javascript:alert(1)"}) is None


# --- the client against the fake ----------------------------------------------------------------


def test_release_art_follows_the_redirect_and_puts_fronts_first(caa, fake_coverart):
    images = caa.release_art(OLD_STYLE)
    assert len(images) == 16 and images[0].front and not any(i.front for i in images[1:])
    assert fake_coverart.requests[-1].path == f"/archive/mbid-{OLD_STYLE}/index.json"


def test_release_group_art(caa):
    [back] = caa.release_group_art(GROUP)
    assert back.back and not back.front and back.image_id == "12750224075"


def test_no_art_is_an_empty_list_or_none(caa):
    assert caa.release_art(NONE) == [] and caa.release_group_art(NONE) == []
    assert caa.front_image(NONE) is None
    assert caa.front_image(GROUP, release_group=True) is None  # its only image is a back cover


@pytest.mark.parametrize("size", [250, 500, 1200, None])
def test_front_image_bytes_through_two_redirects(caa, fake_coverart, size):
    fake_coverart.add_release(NEW)
    assert caa.front_image(NEW, size).startswith(b"\xff\xd8\xff")
    wanted = f"/release/{NEW}/front-{size}" if size else f"/release/{NEW}/front"
    assert fake_coverart.requests[0].path == wanted


def test_release_group_front_image(caa, fake_coverart):
    fake_coverart.add_release(NEW)
    fake_coverart.add_release_group("1a1b2c3d-0000-4000-8000-00000000abcd", NEW)
    assert caa.front_image("1a1b2c3d-0000-4000-8000-00000000abcd", release_group=True).startswith(b"\xff\xd8")


def test_added_images_in_any_order(caa, fake_coverart):
    fake_coverart.add_release(NEW, [image(NEW, 1, front=False, types=("Back",)), image(NEW, 2)])
    assert [i.image_id for i in caa.release_art(NEW)] == ["2", "1"]


def test_bad_arguments_send_nothing(caa, fake_coverart):
    for call in (lambda: caa.release_art("nope"), lambda: caa.front_image(RELEASE, 300),
                 lambda: caa.release_group_art(None)):
        with pytest.raises(InvalidInput):
            call()
    assert fake_coverart.requests == []


def test_html_instead_of_an_image_is_an_error(caa, fake_coverart):
    fake_coverart.script(200, "<html>maintenance</html>", headers={"Content-Type": "text/html"})
    with pytest.raises(ExternalServiceError, match="text/html"):
        caa.front_image(RELEASE)


def test_html_instead_of_json_is_an_error(caa, fake_coverart):
    fake_coverart.script(200, "<html>maintenance</html>", headers={"Content-Type": "text/html"}, times=5)
    with pytest.raises(ExternalServiceError, match="not JSON"):
        caa.release_art(RELEASE)


@pytest.mark.parametrize("body", [{"images": None}, {"images": "x"}, {}, [], {"images": [None, 1, {"image": 5}]}])
def test_garbage_json_is_no_art(caa, fake_coverart, body):
    fake_coverart.script(200, body)
    assert caa.release_art(RELEASE) == []


def test_503_is_retried_then_succeeds(caa, fake_coverart):
    fake_coverart.script(503, "rate limited", times=2)
    assert caa.release_art(RELEASE)[0].image_id == "829521842"


def test_429_retry_after_is_honoured(caa, fake_coverart, sleeps):
    fake_coverart.script(429, "slow down", headers={"Retry-After": "5"})
    assert caa.release_art(RELEASE)
    assert sleeps == [5.0]
