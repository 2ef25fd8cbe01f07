"""``media-library identify FILE... --json`` runs the pipeline without moving anything or writing
the database; ``media-library library scan`` runs a scan in-process."""

from __future__ import annotations

import json

from media_library.cli.main import main
from tests.library import data
from tests.media import make_video


def _env(monkeypatch, tmp_path, fake_tmdb):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ML_TMDB__BASE_URL", fake_tmdb.url)
    monkeypatch.setenv("ML_TMDB__API_KEY", fake_tmdb.api_key)
    monkeypatch.setenv("ML_PATHS__MEDIA_DIR", str(tmp_path / "media"))
    return ["--data-dir", str(tmp_path / "data")]


def test_identify_json(monkeypatch, tmp_path, fake_tmdb, tmp_path_factory, capsys):
    data.load(fake_tmdb)
    base = _env(monkeypatch, tmp_path, fake_tmdb)
    film = make_video(tmp_path / "in" / "RoboCop.1987.mkv", 102 * 60, size="32x32", fps=1, audio=False, cache=tmp_path_factory)
    episode = make_video(tmp_path / "in" / "Show.Name.S01E01E02.mkv", 85 * 60, size="32x32", fps=1, audio=False,
                         cache=tmp_path_factory)
    broken = tmp_path / "in" / "broken.mkv"
    broken.write_bytes(b"")
    status = main([*base, "identify", str(film), str(episode), str(broken), "--json"])
    results = json.loads(capsys.readouterr().out)["results"]
    assert status == 1  # one file failed
    assert {k: results[0][k] for k in ("kind", "title", "year", "tmdb_id")} == {
        "kind": "movie", "title": "RoboCop", "year": 1987, "tmdb_id": 5548}
    assert results[0]["confidence"] >= 0.75 and results[0]["candidates"][0]["provider_id"] == "5548"
    assert (results[1]["kind"], results[1]["season"], results[1]["episodes"], results[1]["tmdb_id"]) == ("episode", 1, [1, 2], 1400)
    assert "not a media file" in results[2]["error"]
    assert film.exists() and episode.exists()
    assert not (tmp_path / "data" / "media-library.db").exists(), "identify writes no database"


def test_library_scan_command(monkeypatch, tmp_path, fake_tmdb, capsys):
    base = _env(monkeypatch, tmp_path, fake_tmdb)
    movies = tmp_path / "media" / "Movies"
    movies.mkdir(parents=True)
    (movies / "A (2001).mkv").write_bytes(b"\x1a\x45\xdf\xa3" + b"x" * 100)
    assert main([*base, "library", "scan"]) == 0
    assert json.loads(capsys.readouterr().out)["new"] == 1
