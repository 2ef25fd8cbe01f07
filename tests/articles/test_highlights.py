"""Highlights with notes: made, listed in reading order, noted, deleted; each person's own; in
articles and books; anchored as plain text with every field checked."""

from __future__ import annotations

import io

from tests.fakes.books import make_epub


def highlight(client, media_id: str, start: int, quote: str, **extra):
    body = {"media_id": media_id, "start": start, "end": start + len(quote), "quote": quote, **extra}
    return client.post("/api/articles/highlights", json=body)


def listed(client, media_id: str) -> list[dict]:
    answer = client.get("/api/articles/highlights", query_string={"media_id": media_id})
    assert answer.status_code == 200, answer.json
    return answer.json["items"]


def test_highlights_are_kept_per_user_in_reading_order_with_notes(site, save, admin_client, user_client):
    media_id = save(site.url + "/news/owls")["media_id"]
    later = highlight(admin_client, media_id, 120, "hunts by ear", prefix="The owl ", suffix=" under snow")
    assert later.status_code == 201, later.json
    first = highlight(admin_client, media_id, 10, "Great Grey", note="look up the Latin name")
    assert first.status_code == 201
    assert [(h["start"], h["quote"], h["note"]) for h in listed(admin_client, media_id)] == [
        (10, "Great Grey", "look up the Latin name"), (120, "hunts by ear", None)]
    assert listed(admin_client, media_id)[1]["prefix"] == "The owl "

    mine = highlight(user_client, media_id, 40, "snow")  # a viewer highlights for themselves
    assert mine.status_code == 201
    assert [h["quote"] for h in listed(user_client, media_id)] == ["snow"]
    assert user_client.patch(f"/api/articles/highlights/{first.json['id']}", json={"note": "x"}).status_code == 404
    assert user_client.delete(f"/api/articles/highlights/{first.json['id']}").status_code == 404

    noted = admin_client.patch(f"/api/articles/highlights/{later.json['id']}", json={"note": "<b>owls</b>\x07 hear mice"})
    assert noted.status_code == 200 and noted.json["note"] == "<b>owls</b> hear mice"  # text, never markup
    cleared = admin_client.patch(f"/api/articles/highlights/{first.json['id']}", json={"note": ""})
    assert cleared.json["note"] is None
    assert admin_client.delete(f"/api/articles/highlights/{first.json['id']}").status_code == 204
    assert [h["quote"] for h in listed(admin_client, media_id)] == ["hunts by ear"]


def test_a_book_takes_highlights_too(admin_client, tmp_path):
    path = make_epub(tmp_path / "salt.epub")
    added = admin_client.post("/api/books", data={"file": (io.BytesIO(path.read_bytes()), "salt.epub")},
                              content_type="multipart/form-data").json
    made = highlight(admin_client, added["media_id"], 5, "caravan", note="chapter one")
    assert made.status_code == 201 and listed(admin_client, added["media_id"])[0]["note"] == "chapter one"


def test_a_highlight_is_checked_with_what_to_fix(site, save, admin_client):
    media_id = save(site.url + "/news/owls")["media_id"]
    refusals = [
        ({"media_id": media_id, "start": 5, "end": 5, "quote": "x"}, 400, "end must come after start"),
        ({"media_id": media_id, "start": -1, "end": 5, "quote": "x"}, 400, "character offset"),
        ({"media_id": media_id, "start": 0, "end": 5, "quote": "   "}, 400, "select some text"),
        ({"media_id": media_id, "start": 0, "end": 5, "quote": "x", "prefix": "p" * 65}, 400, "at most 64"),
        ({"media_id": media_id, "start": 0, "end": 5, "quote": "x", "html": "<b>"}, 400, "unknown field"),
        ({"media_id": "nope", "start": 0, "end": 5, "quote": "x"}, 404, "does not exist"),
    ]
    for body, status, message in refusals:
        answer = admin_client.post("/api/articles/highlights", json=body)
        assert answer.status_code == status and message in answer.json["message"], (body, answer.json)
    assert admin_client.get("/api/articles/highlights").status_code == 400


def test_only_articles_and_books_take_highlights(admin_client, runtime):
    movie = runtime.state.add_media("movie", "Owls: The Film")
    answer = highlight(admin_client, movie.id, 0, "Owls")
    assert answer.status_code == 404 and "no article or book" in answer.json["message"]
