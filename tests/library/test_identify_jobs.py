"""One rule decides which identify job a file gets, wherever it is queued from (scan, upload,
"Identify again", the bulk re-identify job)."""

from __future__ import annotations

from media_library.models import MediaFile
from media_library.services.library.identify_jobs import IdentifyJobs, identify_kind


def _file(path: str, **tech) -> MediaFile:
    return MediaFile(id=1, media_id=None, path=path, size=1, mtime=0.0, tech=tech)


def test_audio_by_extension_or_by_the_type_an_upload_was_sniffed_as():
    assert identify_kind(_file("/m/Music/A/B/01.FLAC")) == "music.identify"
    assert identify_kind(_file("/m/uploads/3f2a.mid", mime="audio/midi")) == "music.identify"
    assert identify_kind(_file("/m/Movies/Film (2020)/Film (2020).mkv")) == "library.identify"
    assert identify_kind(_file("/m/uploads/9c1b.mp4", mime="video/mp4")) == "library.identify"


def test_identify_again_unlocks_and_follows_the_file_not_the_item(runtime):
    state = runtime.state
    song = state.add_media("unknown", "a song nobody matched", match_locked=True)  # an upload that failed to identify
    audio = state.upsert_media_file("/m/uploads/a.mp3", media_id=song.id, size=1, mtime=0.0)
    film = state.add_media("movie", "Film")
    video = state.upsert_media_file("/m/Movies/Film.mkv", media_id=film.id, size=1, mtime=0.0)
    queue = IdentifyJobs(state, runtime.jobs)

    (job,) = queue.again(song.id, created_by=None)
    assert (job.kind, job.payload) == ("music.identify", {"file_id": audio.id, "force": True, "again": True})
    assert state.get_media(song.id).match_locked is False
    assert queue.everything([film.id]) == 1
    assert [(j.kind, j.payload) for j in state.list_jobs(kind="library.identify")] == [
        ("library.identify", {"file_id": video.id, "force": False, "again": True})]


def test_without_a_job_service_nothing_is_queued(runtime):
    assert IdentifyJobs(runtime.state).queue(_file("/m/a.mkv")) is None
