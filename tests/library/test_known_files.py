"""A file identified before from the same inputs (name, size, mtime, a person's edits) keeps its
match without guessit, MediaInfo or TMDb; a change of the file, or a person asking, looks again."""

from __future__ import annotations

import os

import pytest

from tests.library import data
from tests.media import make_video


@pytest.fixture
def catalogue(fake_tmdb):
    data.load(fake_tmdb)
    return fake_tmdb


@pytest.fixture
def identified(lib, catalogue, tmp_path_factory):
    path = make_video(lib.roots["movies"] / "12.Angry.Men.1957.mkv", 97 * 60, size="32x32", fps=1, audio=False,
                      cache=tmp_path_factory)
    (file_id,) = lib.scanner.scan().new
    first = lib.identification.identify_file(file_id)
    assert first["status"] == "identified" and first["tmdb_id"] == 389 and "known" not in first
    return path, file_id, first


def test_a_known_file_keeps_its_match_without_asking_tmdb(lib, catalogue, identified):
    _, file_id, first = identified
    asked = len(catalogue.requests)
    again = lib.identification.identify_file(file_id)
    assert again["known"] is True and again["media_id"] == first["media_id"]
    assert (again["status"], again["tmdb_id"], again["title"]) == ("identified", 389, "12 Angry Men")
    assert len(catalogue.requests) == asked


def test_a_person_asking_or_force_looks_afresh(lib, catalogue, identified):
    _, file_id, first = identified
    for how in ({"again": True}, {"force": True}):
        asked = len(catalogue.requests)
        fresh = lib.identification.identify_file(file_id, **how)
        assert "known" not in fresh and fresh["media_id"] == first["media_id"]
        assert len(catalogue.requests) > asked


def test_a_changed_file_is_identified_again(lib, catalogue, identified):
    path, file_id, _ = identified
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert lib.scanner.scan().changed == [file_id]
    asked = len(catalogue.requests)
    result = lib.identification.identify_file(file_id)
    assert "known" not in result and result["status"] == "identified"
    assert len(catalogue.requests) > asked


def test_the_driver_level_read_gives_the_same_file_and_item_as_the_orm_reads(state):
    """``file_with_item`` (three reads straight through the driver) agrees with ``get_media_file``
    and ``get_media``, ids and JSON fields included; a file without an item has None; a missing
    file is NotFound."""
    from media_library.errors import NotFound

    item = state.add_media("movie", "Heat", year=1995, external_ids={"tmdb": "949", "imdb": "tt0113277"},
                           genres=["Crime"], extra={"edited": ["title"]}, status="identified")
    linked = state.upsert_media_file("/media/Heat (1995).mkv", media_id=item.id, size=10, audio_codecs=["ac3"],
                                     tech={"original_name": "heat.mkv"})
    loose = state.upsert_media_file("/media/loose.mkv", size=5)
    assert state.file_with_item(linked.id) == (state.get_media_file(linked.id), state.get_media(item.id))
    assert state.file_with_item(loose.id) == (state.get_media_file(loose.id), None)
    with pytest.raises(NotFound):
        state.file_with_item(10**9)
