"""Retention per podcast: keep the newest N files, delete N days after played, never a starred one."""

from __future__ import annotations

from pathlib import Path

from tests.fakes.podcasts import rss
from tests.podcasts.conftest import downloads_settled, finished

DAY = 86400.0


def _files(runtime) -> list[str]:
    folder = runtime.settings.media_dir / "Podcasts" / "Kept"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_keep_n_leaves_exactly_n_files_and_a_starred_episode_stays(podcast_runtime, host, mp3_bytes):
    episodes = [{"guid": f"k{n}", "title": f"Ep {n}", "date": 1_700_000_000 + n * DAY, "url": f"{host.url}/media/k{n}.mp3"}
                for n in range(1, 6)]
    for n in range(1, 6):
        host.media[f"k{n}.mp3"] = mp3_bytes
    host.feeds["kept.xml"] = rss("Kept", episodes)
    service = podcast_runtime.services.podcasts
    podcast = service.subscribe(f"{host.url}/feeds/kept.xml", download_mode="latest")
    service.update(podcast.id, {"download_latest": 5})
    finished(podcast_runtime, podcast_runtime.state.list_jobs(kind="podcast.refresh")[0].id)
    downloads_settled(podcast_runtime)
    assert len(_files(podcast_runtime)) == 5
    oldest = podcast_runtime.state.list_episodes(podcast.id)[-1]
    service.mark(oldest.id, starred=True)

    service.update(podcast.id, {"keep_count": 2})
    host.feeds["kept.xml"] = rss("Kept", episodes, extra_channel="<language>en</language>")
    assert service.refresh(podcast.id)["removed"] == 2
    assert _files(podcast_runtime) == ["2023-11-15 - Ep 1.mp3", "2023-11-18 - Ep 4.mp3", "2023-11-19 - Ep 5.mp3"]
    gone = [e for e in podcast_runtime.state.list_episodes(podcast.id) if e.deleted_at]
    assert [e.title for e in gone] == ["Ep 3", "Ep 2"] and not any(e.media_id for e in gone)
    host.feeds["kept.xml"] += b" "
    assert service.refresh(podcast.id)["downloads_queued"] == 0  # retention's deletions are not downloaded again


def test_played_episodes_go_n_days_after_playing(podcast_runtime, host, mp3_bytes):
    host.media["p1.mp3"] = host.media["p2.mp3"] = mp3_bytes
    host.feeds["kept.xml"] = rss("Kept", [{"guid": f"p{n}", "title": f"Played {n}", "date": 1_700_000_000 + n * DAY,
                                           "url": f"{host.url}/media/p{n}.mp3"} for n in (1, 2)])
    service = podcast_runtime.services.podcasts
    podcast = service.subscribe(f"{host.url}/feeds/kept.xml", download_mode="latest")
    finished(podcast_runtime, podcast_runtime.state.list_jobs(kind="podcast.refresh")[0].id)
    downloads_settled(podcast_runtime)
    first, second = podcast_runtime.state.list_episodes(podcast.id)
    podcast_runtime.state.update_episode(first.id, played_at=podcast_runtime.state.now() - 3 * DAY)
    podcast_runtime.state.update_episode(second.id, played_at=podcast_runtime.state.now() - 3 * DAY, starred=True)
    service.update(podcast.id, {"delete_played_days": 2})
    assert service.refresh(podcast.id)["removed"] == 1  # an unchanged feed (304) still runs retention
    assert not Path(first.file_path).exists() and Path(second.file_path).exists()
