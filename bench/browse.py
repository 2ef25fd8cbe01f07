"""Benchmark: browsing and searching a library of 50,000 items.

Fills a fresh database through the state layer in one transaction (films, shows with episodes,
music tracks, online videos; realistic titles with accents and punctuation, genres, years, dates
added), then times, through the API (Flask test client, logged in) and directly on the database
(the same state-layer query the handler runs) in the same run:
- a filtered page: movies of one genre, newest year first, the 5th page reached by its cursor;
- search while typing: exact words, a prefix, an accent-free query and a typo (fuzzy fallback).

Usage: .venv/bin/python bench/browse.py [--items 50000] [--rounds 200]
Last line: {"bench": "browse", "figures": {...}, "ratios": {"page_db_vs_api": ...}}
(database time divided by API time: the share of a request spent in the database).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from media_library.db.schema import media  # noqa: E402
from media_library.services.browse import BrowseService, exact_query, in_titles, tokens_of  # noqa: E402
from media_library.state.base import dumps  # noqa: E402
from media_library.state.media import new_media_id, sort_title  # noqa: E402
from media_library.web.app import create_app  # noqa: E402
from tests.conftest import build_runtime, make_settings  # noqa: E402
from tests.web.conftest import do_setup  # noqa: E402

WORDS = ("night dark star war love city last house blood king queen river road ghost dream fire ice summer winter "
         "secret lost empire island shadow storm heart wild little big black white red golden silent iron "
         "spider man woman girl boy father mother godfather ocean eleven matrix alien return rise fall").split()
FAMOUS = ["Spider-Man", "Spider-Man: No Way Home", "Amélie", "The Godfather", "The Godfather Part II",
          "Ocean's Eleven", "WALL·E", "Léon: The Professional", "Das Boot", "Crouching Tiger, Hidden Dragon"]
GENRES = ("Drama", "Comedy", "Action", "Horror", "Crime", "Documentary", "Animation", "Science Fiction")
SEARCHES = {"exact": "godfather", "prefix": "spider m", "accents": "amelie", "typo": "godfathr"}


def title(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(1, 4))
    text = " ".join(w.capitalize() for w in words)
    return rng.choice(["", "The "]) + text + rng.choice(["", "", ": Part II", "'s Tale", "-Man"])


def fill(state, count: int, rng: random.Random) -> None:
    kinds = ["movie"] * 6 + ["episode"] * 2 + ["track", "video"]
    rows = []
    for n in range(count):
        kind = rng.choice(kinds)
        name = FAMOUS[n] if n < len(FAMOUS) else title(rng)
        rows.append({"kind": "movie" if n < len(FAMOUS) else kind, "title": name, "year": rng.randint(1930, 2025),
                     "genres": rng.sample(GENRES, rng.randint(0, 3)), "overview": " ".join(rng.sample(WORDS, 12)),
                     "added_at": 1.6e9 + rng.random() * 1e8, "status": "identified"})
    insert_media(state, rows)


def insert_media(state, rows: list[dict]) -> None:
    """All rows in one transaction, in batches (the search index's triggers index them): 50,000
    items through ``add_media`` one by one would take minutes."""
    now, values = time.time(), []
    for row in rows:
        values.append({"id": new_media_id(), "updated_at": now, "sort_title": sort_title(row["title"]),
                       **row, "genres": dumps(row["genres"])})
    with state.db.write() as conn:
        for start in range(0, len(values), 1000):
            conn.execute(media.insert(), values[start:start + 1000])


def ms(fn, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    return round(statistics.median(ordered), 3), round(ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))], 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=50_000)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        runtime = build_runtime(make_settings(Path(tmp)))
        started = time.perf_counter()
        fill(runtime.state, args.items, rng)
        fill_s = time.perf_counter() - started
        app = create_app(runtime)
        client = app.test_client()
        client.environ_base["HTTP_X_CSRF_TOKEN"] = do_setup(client).json["csrf_token"]
        user_id = runtime.state.list_users()[0].id
        browse = BrowseService(runtime.state)

        base = "/api/library?kind=movie&genre=Drama&sort=-year&limit=60"
        cursor = None
        for _ in range(4):  # the 5th page
            cursor = client.get(base + (f"&after={cursor}" if cursor else "")).json["next"]
        page_url = f"{base}&after={cursor}"
        page_filter = browse.parse_filter(user_id, {"kind": "movie", "genre": "Drama", "sort": "-year", "limit": "60",
                                                    "after": cursor})
        assert len(client.get(page_url).json["items"]) == 60

        figures, api_page, db_page = {}, [], []
        for _ in range(args.rounds):  # interleaved, so both see the same machine
            api_page += ms(lambda: client.get(page_url), 1)
            db_page += ms(lambda: runtime.state.browse_media(page_filter), 1)
        figures["page_median_ms"], figures["page_p99_ms"] = summary(api_page)
        figures["page_db_median_ms"], figures["page_db_p99_ms"] = summary(db_page)

        api_search, db_search = [], []
        for name, q in SEARCHES.items():
            found = client.get("/api/search", query_string={"q": q}).json["items"]
            figures[f"search_{name}_hits"] = len(found)
            api = ms(lambda q=q: client.get("/api/search", query_string={"q": q}), args.rounds // 2)
            first = in_titles(exact_query(tokens_of(q)))  # the query the API runs first (and mostly only)
            db = ms(lambda first=first: runtime.state.search_media(first, user_id), args.rounds // 2)
            figures[f"search_{name}_median_ms"], figures[f"search_{name}_p99_ms"] = summary(api)
            api_search += api
            db_search += db
        figures["search_median_ms"], figures["search_p99_ms"] = summary(api_search)
        figures["search_db_median_ms"], figures["search_db_p99_ms"] = summary(db_search)
        figures["items"] = args.items
        figures["fill_s"] = round(fill_s, 2)
        app.extensions["media_library_unsubscribe"]()
        runtime.stop()
    ratios = {"page_db_vs_api": round(figures["page_db_median_ms"] / figures["page_median_ms"], 3),
              "search_db_vs_api": round(figures["search_db_median_ms"] / figures["search_median_ms"], 3)}
    for key, value in figures.items():
        print(f"{key:>28}: {value}")
    print(json.dumps({"bench": "browse", "figures": figures, "ratios": ratios}))


if __name__ == "__main__":
    main()
