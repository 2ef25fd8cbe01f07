"""The catalogue the library tests put into the fake TMDb (ids are TMDb's where they exist)."""

from __future__ import annotations

MOVIES = [
    dict(id=335984, title="Blade Runner 2049", year=2017, runtime=164, imdb_id="tt1856101", poster_path="/br2049.jpg",
         backdrop_path="/br2049b.jpg", popularity=90.0),
    dict(id=78, title="Blade Runner", year=1982, runtime=117, imdb_id="tt0083658", popularity=80.0),
    dict(id=389, title="12 Angry Men", year=1957, runtime=97, imdb_id="tt0050083", popularity=30.0),
    dict(id=5548, title="RoboCop", year=1987, runtime=102, imdb_id="tt0093870", popularity=20.0),
    dict(id=97020, title="RoboCop", year=2014, runtime=117, imdb_id="tt1234721", popularity=25.0),
    dict(id=680, title="Pulp Fiction", year=1994, runtime=154, imdb_id="tt0110912", popularity=60.0),
    dict(id=900001, title="Movie", year=2021, runtime=90, popularity=99.0),
    # Same title and year, different runtimes: the longer one is the more popular.
    dict(id=700001, title="Twin Film", year=2019, runtime=94, popularity=5.0),
    dict(id=700002, title="Twin Film", year=2019, runtime=125, popularity=50.0),
]

SHOW = dict(id=1400, name="Show Name", year=2015, imdb_id="tt4000001", tvdb_id=300001)
EPISODES = [(1, 1, "Pilot", 42), (1, 2, "Second Chances", 43), (0, 1, "Behind the Scenes", 20), (1, 3, "Third", 41)]
EPISODE_TVDB_IDS = {(1, 2): 9000102}  # an episode's own TVDB id, as /find knows it

# A daily show named by air date: two seasons around the dates the tests use, plus specials.
DAILY = dict(id=2224, name="The Daily Show", year=1996, tvdb_id=71256)
DAILY_EPISODES = [(28, 1, "2023-01-17"), (28, 2, "2023-01-18"), (29, 1, "2024-01-08"), (29, 34, "2024-03-13"),
                  (29, 35, "2024-03-14"), (0, 3, "2024-03-14")]


def load(fake) -> None:
    for movie in MOVIES:
        fake.add_movie(**movie)
    fake.add_tv(**SHOW)
    for season, episode, name, runtime in EPISODES:
        fake.add_episode(SHOW["id"], season, episode, name, runtime=runtime, air_date=f"2015-0{episode}-0{season + 1}",
                         tvdb_id=EPISODE_TVDB_IDS.get((season, episode)))
    fake.add_tv(**DAILY)
    for season, episode, air_date in DAILY_EPISODES:
        fake.add_episode(DAILY["id"], season, episode, f"Episode of {air_date}", runtime=22, air_date=air_date)
