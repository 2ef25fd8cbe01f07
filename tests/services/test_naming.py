"""Names on disk: portability rules, media-server conventions and the root guard (nothing lands outside the root)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from media_library.errors import InvalidInput
from media_library.services import naming

RESERVED_CHARS = set('<>:"/\\|?*')


def assert_portable(name: str) -> None:
    assert name and name not in (".", "..")
    assert len(name.encode("utf-8")) <= 255
    assert not (RESERVED_CHARS & set(name))
    assert not any(ord(c) < 32 or ord(c) == 127 for c in name)
    assert not name.endswith((".", " ")) and not name.startswith((".", " "))
    assert name.split(".")[0].strip().upper() not in naming._RESERVED_NAMES


@pytest.mark.parametrize("text, expected", [
    ("AC/DC", "AC-DC"),
    ("Movie: Part 1/2", "Movie - Part 1-2"),
    ("..", "_"),
    (".", "_"),
    ("", "_"),
    ("CON", "CON_"),
    ("nul.txt", "nul_.txt"),
    ("Com1.tar.gz", "Com1_.tar.gz"),
    ("LPT9", "LPT9_"),
    ("CONSOLE", "CONSOLE"),
    ("trailing dot.", "trailing dot"),
    ("trailing space ", "trailing space"),
    ("line\nbreak", "linebreak"),
    ("a\x00b", "ab"),
    ('say "hi" <now>?*|', "say 'hi' (now)-"),
    ("../../etc/passwd", "-..-etc-passwd"),
    (".hidden", "hidden"),
])
def test_safe_component_examples(text, expected):
    assert naming.safe_component(text) == expected


def test_long_names_are_cut_on_character_boundaries():
    for text in ("x" * 300, "é" * 300, "🎬" * 100, "a" + "🎬" * 100):
        name = naming.safe_component(text)
        assert len(name.encode("utf-8")) <= 255
        name.encode("utf-8").decode("utf-8")  # no half characters
        assert text.startswith(name)


def test_safe_filename_keeps_the_extension_within_255_bytes():
    name = naming.safe_filename("🎬" * 200, ".strm")
    assert name.endswith(".strm") and len(name.encode("utf-8")) <= 255


@pytest.mark.parametrize("style, expected", [
    ("jellyfin", "The Matrix (1999) [tmdbid-603]"),
    ("plex", "The Matrix (1999) {tmdb-603}"),
    ("emby", "The Matrix (1999) [tmdbid=603]"),
    ("kodi", "The Matrix (1999)"),
])
def test_movie_name_per_style(style, expected):
    assert naming.movie_name("The Matrix", 1999, {"tmdb": "603", "imdb": "tt0133093"}, style) == expected


def test_year_already_in_the_title_is_not_repeated():
    assert naming.movie_name("The Matrix (1999)", 1999, {}, "kodi") == "The Matrix (1999)"
    assert naming.movie_name("Heat (1995)", None, {}, "kodi") == "Heat (1995)"
    assert naming.movie_name("Blade Runner 2049", 2017, {}, "kodi") == "Blade Runner 2049 (2017)"


def test_ids_fall_back_and_bad_ids_are_ignored():
    assert naming.movie_name("X", 2000, {"imdb": "tt0133093"}, "jellyfin") == "X (2000) [imdbid-tt0133093]"
    assert naming.movie_name("X", 2000, {"tmdb": "None", "imdb": ""}, "jellyfin") == "X (2000)"
    assert naming.movie_name("X", 2000, {"tmdb": "../1"}, "plex") == "X (2000)"
    assert naming.show_folder("Show", 2004, {"tvdb": 70851}, "plex") == "Show (2004) {tvdb-70851}"


def test_unknown_style_is_refused():
    with pytest.raises(InvalidInput):
        naming.movie_name("X", 2000, {}, "vlc")


def test_shows_seasons_and_episodes():
    assert naming.show_folder("Breaking Bad", 2008, {}, "kodi") == "Breaking Bad (2008)"
    assert naming.season_folder(1) == "Season 01"
    assert naming.season_folder(0) == "Season 00"
    assert naming.season_folder(None) == "Season 00"
    assert naming.episode_name("Breaking Bad", 2008, 1, 1) == "Breaking Bad (2008) S01E01"
    assert naming.episode_name("Stargate Atlantis", 2004, 1, 1, 4) == "Stargate Atlantis (2004) S01E01-E04"
    assert naming.episode_name("Show", None, 0, 3) == "Show S00E03"
    assert naming.episode_name("Show", None, 2, 3, 3) == "Show S02E03"


def test_versions_and_music():
    assert naming.version_stem("Film (2010)", "1080p") == "Film (2010) - 1080p"
    assert naming.version_stem("Film (2010)", None) == "Film (2010)"
    assert naming.version_stem("Film (2010)", "4K/HDR") == "Film (2010) - 4K-HDR"
    assert naming.music_parts("AC/DC", "Back in Black", 1980, 1, "Hells Bells") == ("AC-DC", "Back in Black (1980)", "01 - Hells Bells")
    assert naming.music_parts("A", "B", None, 3, "T", disc=2) == ("A", "B", "2-03 - T")


def test_disambiguate_is_stable_and_distinct():
    a = naming.disambiguate("Heat (1995)", "movie:1")
    assert a == naming.disambiguate("Heat (1995)", "movie:1")
    assert a != naming.disambiguate("Heat (1995)", "movie:2")
    assert_portable(a)


def test_join_inside_accepts_components(tmp_path):
    assert naming.join_inside(tmp_path, "Movies", "A (2000)") == tmp_path.resolve() / "Movies" / "A (2000)"


@pytest.mark.parametrize("parts", [("..",), ("a", ".."), ("/etc",), ("a/b",), ("a\\b",), ("",), ("a\x00",)])
def test_join_inside_refuses_escapes(tmp_path, parts):
    with pytest.raises(InvalidInput):
        naming.join_inside(tmp_path, *parts)


def test_join_inside_refuses_a_symlink_out(tmp_path):
    outside = tmp_path / "outside"
    root = tmp_path / "root"
    outside.mkdir()
    root.mkdir()
    os.symlink(outside, root / "link")
    with pytest.raises(InvalidInput):
        naming.join_inside(root, "link", "file.strm")


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_any_text_becomes_one_portable_component_inside_the_root(tmp_path, text):
    name = naming.safe_component(text)
    assert_portable(name)
    path = naming.join_inside(tmp_path, name)
    assert path.resolve().parent == tmp_path.resolve()


@settings(max_examples=500, deadline=None)
@given(st.text(), st.one_of(st.none(), st.integers(1800, 2100)), st.text(max_size=12), st.sampled_from(naming.STYLES))
def test_any_movie_name_is_portable(title, year, tmdb, style):
    assert_portable(naming.movie_name(title, year, {"tmdb": tmdb}, style))
    assert_portable(naming.safe_filename(naming.version_stem(naming.movie_name(title, year, {}, style), title), ".strm"))
