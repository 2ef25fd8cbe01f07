"""The planner keeps each item's names and fingerprints from the previous plan (keyed by the
entry and the options), so a re-run skips naming and hashing, and plans exactly what a fresh
planner would, collisions included."""

from __future__ import annotations

import dataclasses

import pytest

from media_library.services.strm import plan as plan_module
from media_library.services.strm.plan import Planner

from .entries import movie, sample


@pytest.fixture(autouse=True)
def fresh_memo(monkeypatch):
    monkeypatch.setattr(plan_module, "_MEMO", plan_module._Memo())


def planned(entries, style="jellyfin", **options):
    return [(p.rel, p.item_key, p.source_hash, p.url, p.render()) for p in Planner(style, **options).plan(entries)]


def fresh(entries, style="jellyfin", **options):
    plan_module._MEMO = plan_module._Memo()
    return planned(entries, style, **options)


def test_a_re_plan_reuses_the_memo_and_plans_the_same(monkeypatch):
    first = planned(sample())
    calls, real = [], plan_module.fingerprint
    monkeypatch.setattr(plan_module, "fingerprint", lambda *a: calls.append(a) or real(*a))
    again = planned(sample())  # equal entries, new objects
    assert again == first
    assert all(a[0] in ("tvshow", "season") for a in calls)  # no movie, episode or .strm was fingerprinted again


def test_a_changed_entry_is_planned_again():
    entries = sample()
    planned(entries)
    entries[0] = dataclasses.replace(entries[0], plot="A new plot.")
    assert planned(entries) == fresh(entries)


def test_a_new_collision_still_disambiguates_like_a_fresh_plan():
    later = movie("zz-later", "Twin", 2001, (("tmdb", "5"),))
    earlier = movie("aa-earlier", "Twin", 2001, (("tmdb", "5"),))
    alone = planned([later])
    assert alone[0][0] == "Movies/Twin (2001) [tmdbid-5]/Twin (2001) [tmdbid-5].strm"
    both = planned([later, earlier])  # the memo says "plain name" for later: its claim now fails
    assert both == fresh([later, earlier])
    assert any("[ml-" in rel and key == later.key for rel, key, *_ in both)


def test_other_options_do_not_reuse_the_memo():
    planned(sample())
    assert planned(sample(), "plex") == fresh(sample(), "plex")
    assert planned(sample(), write_nfo=False) == fresh(sample(), write_nfo=False)
