"""Pure planning: labels, the main feature against the TMDb runtime, TV clusters, the fake-title guard."""

from __future__ import annotations

import pytest

from media_library.errors import Conflict, InvalidInput
from media_library.services.discs import labels, rip, tv
from media_library.services.discs.service import validate_choice
from media_library.tools.handbrake import DiscScan, Title

OPTS = rip.RipOptions(min_title_seconds=120, max_outputs=4, runtime_tolerance=0.15)


def scan(durations, main=None):
    titles = [Title(index=i, duration_s=d) for i, d in enumerate(durations, 1)]
    return DiscScan(titles=titles, main_feature=main)


@pytest.mark.parametrize("label,title", [
    ("MY_MOVIE_DISC_1", "My Movie"), ("THE_LORD_OF_THE_RINGS_D2", "The Lord of the Rings"),
    ("DVD_VIDEO", ""), ("BDROM", ""), ("TOY_STORY_3", "Toy Story 3"), ("ALIEN_WS", "Alien"),
    ("STAR_WARS_EPISODE_IV", "Star Wars Episode IV"), ("BLADE_RUNNER_2049", "Blade Runner 2049"),
])
def test_clean_label(label, title):
    assert labels.clean_label(label) == title


def test_hostile_label_stays_text():
    hostile = '" & do shell script "touch /tmp/x" & "\x07\n'
    cleaned = labels.printable(hostile)
    assert "\n" not in cleaned and "\x07" not in cleaned and "do shell script" in cleaned


def test_handbrake_pick_wins_when_it_agrees_with_tmdb():
    assert rip.choose_main_title(scan([5400, 5500, 300], main=1), 92, OPTS).index == 1


def test_closest_to_tmdb_runtime_wins_when_handbrake_is_fooled():
    # A decoy title marked as main feature (a common protection trick) lasting 2 h vs a 92 min film.
    assert rip.choose_main_title(scan([7200, 5530, 300], main=1), 92, OPTS).index == 2


def test_no_runtime_uses_handbrake_pick_or_longest():
    assert rip.choose_main_title(scan([600, 5000], main=1), None, OPTS).index == 1
    assert rip.choose_main_title(scan([600, 5000], main=None), None, OPTS).index == 2


def test_only_short_titles_is_a_clear_error():
    with pytest.raises(InvalidInput, match="min_title_seconds"):
        rip.choose_main_title(scan([30, 40]), None, OPTS)


def test_guard_caps_outputs_of_a_disc_with_99_titles():
    planned = rip.plan_outputs(scan([130] * 99, main=1), {"mode": "movie", "include_extras": True}, OPTS)
    assert len(planned) == OPTS.max_outputs


def test_tv_clusters_and_skips_play_all():
    titles = scan([1320, 1300, 1350, 1290, 5260, 200, 90]).titles
    picked = tv.episode_titles(titles, min_seconds=120, max_outputs=10)
    assert [t.index for t in picked] == [1, 2, 3, 4]


def test_tv_plan_numbers_episodes_from_the_first_one():
    planned = rip.plan_outputs(scan([1320, 1300, 1350]), {"mode": "tv", "first_episode": 7}, OPTS)
    assert [p.number for p in planned] == [7, 8, 9]
    parts = rip.target_parts({"mode": "tv", "series": "Show", "year": 2001, "season": 3}, planned[0])
    assert parts == ("Shows", "Show (2001)", "Season 03", "Show (2001) S03E07.mkv")


def test_movie_target_and_hostile_title_stay_inside():
    parts = rip.target_parts({"title": "../../etc/x", "year": 2000, "tmdb_id": 5}, rip.Planned(1, 10, "main"))
    assert parts[0] == "Movies" and all("/" not in p and p not in ("..", ".") for p in parts)
    assert rip.target_parts({"title": "My Movie", "year": 2021, "tmdb_id": 4242}, rip.Planned(1, 10, "main")) == (
        "Movies", "My Movie (2021) [tmdbid-4242]", "My Movie (2021) [tmdbid-4242].mkv")


def test_choice_validation():
    with pytest.raises(InvalidInput):
        validate_choice({"mode": "tv", "series": "x"})
    with pytest.raises(InvalidInput):
        validate_choice({"mode": "movie", "path": "/etc"})
    with pytest.raises(InvalidInput):
        validate_choice({"mode": "movie", "year": "2001"})
    assert validate_choice({"mode": "tv", "series": "S", "season": 1})["series"] == "S"


def test_saying_a_film_disc_is_tv_drops_the_films_match():
    from media_library.services.discs.service import merge_choice

    film = {"mode": "movie", "tmdb_id": 4242, "title": "My Movie", "year": 2021, "runtime_minutes": 95}
    tv = merge_choice(film, {"mode": "tv", "series": "Some Show", "season": 2})
    assert "tmdb_id" not in tv and "runtime_minutes" not in tv and tv["series"] == "Some Show"
    assert merge_choice(film, {"mode": "tv", "series": "S", "season": 1, "tmdb_id": 7070})["tmdb_id"] == 7070
    assert merge_choice(film, {"title": "Other"})["tmdb_id"] == 4242  # same mode: a correction keeps the rest


def test_ticked_titles_are_exactly_what_a_film_rip_makes():
    disc = scan([5400, 300, 5500, 200], main=3)
    ticked = rip.plan_outputs(disc, {"mode": "movie", "titles": [4, 1]}, OPTS)
    assert [(p.title_index, p.role, p.number) for p in ticked] == [(1, "main", 1), (4, "extra", 1)]  # the longest ticked is the film
    assert [p.title_index for p in rip.plan_outputs(disc, {"mode": "movie", "titles": [2]}, OPTS)] == [2]  # short, but ticked
    forced = rip.plan_outputs(disc, {"mode": "movie", "titles": [1, 3], "title_index": 3}, OPTS)
    assert [(p.title_index, p.role) for p in forced] == [(3, "main"), (1, "extra")]
    assert [p.title_index for p in rip.plan_outputs(disc, {"mode": "movie"}, OPTS)] == [3]  # nothing ticked: the plan's pick
    with pytest.raises(InvalidInput, match="no title 9"):
        rip.plan_outputs(disc, {"mode": "movie", "titles": [1, 9]}, OPTS)
    with pytest.raises(InvalidInput, match="disc.max_outputs"):
        rip.plan_outputs(scan([600] * 6), {"mode": "movie", "titles": [1, 2, 3, 4, 5]}, OPTS)


def test_tv_numbering_follows_the_ticked_titles():
    disc = scan([1300, 1320, 1310, 1290, 5220])  # four episodes and a "play all"
    plan = rip.plan_outputs(disc, {"mode": "tv", "first_episode": 3, "titles": [4, 1, 2]}, OPTS)
    assert [(p.title_index, p.number) for p in plan] == [(1, 3), (2, 4), (4, 5)]
    default = rip.plan_outputs(disc, {"mode": "tv", "first_episode": 1}, OPTS)
    assert [(p.title_index, p.number) for p in default] == [(1, 1), (2, 2), (3, 3), (4, 4)]


def test_ticked_titles_are_validated_and_dropped_when_the_mode_changes():
    from media_library.services.discs.service import merge_choice

    assert validate_choice({"mode": "movie", "titles": [3, 1, 3]})["titles"] == [1, 3]
    assert "titles" not in validate_choice({"mode": "movie", "titles": None})  # null: the plan decides again
    for bad in ([], [0], ["1"], [True], "1,2"):
        with pytest.raises(InvalidInput, match="title"):
            validate_choice({"mode": "movie", "titles": bad})
    assert "titles" not in merge_choice({"mode": "movie", "titles": [1, 2]}, {"mode": "tv", "series": "S", "season": 1})


def test_rip_outputs_are_identified_by_their_intended_name():
    main = rip.Planned(1, 20.0, "main")
    episode = rip.Planned(2, 600.0, "episode", 5)
    film = {"mode": "movie", "tmdb_id": 4242, "title": "My Movie", "year": 2021}
    assert rip.adopt_name(film, main, rip.target_parts(film, main)) == "My Movie (2021) [tmdbid-4242].mkv"
    show = {"mode": "tv", "series": "Some Show", "year": 2020, "season": 2}
    assert rip.adopt_name(show, episode, rip.target_parts(show, episode)) == "Some Show (2020) S02E05.mkv"
    known = {**show, "tmdb_id": 7070}
    assert rip.adopt_name(known, episode, rip.target_parts(known, episode)) == "Some Show (2020) [tmdbid-7070] S02E05.mkv"


def test_truncated_encode_is_refused(tmp_path):
    with pytest.raises(Exception, match="truncated"):
        rip.verify_duration(tmp_path / "x.mkv", 100.0, 0.98, probe=lambda p: 60.0)
    assert rip.verify_duration(tmp_path / "x.mkv", 100.0, 0.98, probe=lambda p: 99.0) == 99.0


def test_ripped_before_asks_before_ripping_again(state, settings):
    from media_library import events
    from media_library.services.discs.service import DiscService
    from media_library.sources import event_types

    bus = events.EventBus((*events.CORE_EVENTS, *event_types()))
    queued = []
    service = DiscService(state, bus, settings, enqueue=lambda kind, payload, **kw: (queued.append(kind) or _Job(), True),
                          identify=lambda title: [], desktop=lambda *a: None)
    first = service.register("fp-1", label="MY_MOVIE", kind="dvd")
    service.confirm(first.id)
    state.update_disc(first.id, status="done")
    again = service.register("fp-1", label="MY_MOVIE", kind="dvd")
    assert again.status == "ripped_before" and again.confirm_deadline is None
    assert service.expire_windows() == []
    with pytest.raises(Conflict):
        service.confirm(again.id)
    assert service.confirm(again.id, rip_again=True).status == "confirmed"
    assert queued == ["disc.rip", "disc.rip"]


class _Job:
    id = None
