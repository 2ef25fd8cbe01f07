"""A local website with realistic article pages, for the article source's tests.

Five pages as the web has them: ``/news/owls`` (boilerplate: cookie banner, header, sidebar,
footer), ``/guides/bread`` (navigation menus around the text), ``/reviews/kettle`` (ads between
paragraphs), ``/stories/lighthouse`` (teasers of other stories after the body) and ``/app/tides``
(a single-page app: the text only exists after JavaScript runs; ``RENDERED_TIDES`` is that page as a
browser shows it), and ``/essays/long`` (a long essay, for reading progress). Plus ``/hostile`` (script, ``onerror``, ``javascript:`` links, remote CSS, an SVG
with script), images under ``/img/`` (JPEGs, and ``evil.svg``), and ``/gone`` (404).

Must not: listen anywhere but 127.0.0.1, or reach the network.
"""

from __future__ import annotations

import socket
import threading

from flask import Flask, Response

from .server import TINY_JPEG, FakeServer

OWL_PHRASE = "silent velvet wingbeats"
TIDES_PHRASE = "brackish estuary moonrise"

PARAGRAPHS = {
    "owls": [
        "The great grey owl is one of the largest owls in the world by length, living in the boreal forests "
        "that stretch across the northern hemisphere from Scandinavia to Alaska.",
        "Its facial disc is enormous and works like a dish aerial, gathering sound so precisely that the owl "
        f"can hunt voles moving under half a metre of snow, carried by {OWL_PHRASE} that make no sound at all.",
        "Researchers in Finland have followed breeding pairs for decades, ringing chicks, counting prey remains "
        "and recording how the birds move south in the winters when vole numbers collapse.",
        "Their results show that the owls are nomadic rather than faithful to one territory, and that a good "
        "vole year can bring dozens of pairs into a forest that held none the year before.",
    ],
    "bread": [
        "A sourdough starter is nothing more than flour and water in which wild yeasts and lactic acid bacteria "
        "have settled into a stable, bubbling community that can raise a loaf without any packet yeast.",
        "Feed it every day at the same time with equal weights of flour and water, discard half before each "
        "feed, and keep it somewhere warm but out of direct sunlight for about a week.",
        "When it doubles reliably within six hours of a feed and smells pleasantly sour rather than of nail "
        "varnish, it is ready to bake with, and it will keep in the fridge between weekly bakes.",
    ],
    "kettle": [
        "We tested the new stainless steel kettle for a month in a busy office kitchen, boiling it dozens of "
        "times a day, and measured how long a full litre took to reach a rolling boil.",
        "It averaged two minutes and forty seconds, which is quick for its size, and the double-walled body "
        "stayed cool enough to hold even straight after boiling, a welcome change from older designs.",
        "The lid hinge is the weak point: after three weeks it began to stick, and the limescale filter is "
        "hard to remove without a fingernail, so hard water areas should look elsewhere.",
    ],
    "lighthouse": [
        "For thirty-one years Margaret Tully climbed the hundred and twelve steps of the Rathmore lighthouse "
        "every evening at dusk to light the lamp that warned ships off the reef below.",
        "She kept a logbook in a neat slanting hand, recording the weather, the ships that passed and the "
        "occasional seal that hauled itself onto the rocks at the foot of the tower.",
        "When the light was automated in 1983 she refused to leave, and the lighthouse board quietly let her "
        "stay on as a caretaker until she finally retired to the village at the age of seventy-eight.",
    ],
    "tides": [
        "Tide tables are predictions computed from the harmonic constituents of a place, the sum of dozens of "
        "regular waves driven by the moon and the sun, each with its own period and amplitude.",
        f"At a {TIDES_PHRASE} the sea can back up a river for miles, and the local constituents matter more "
        "than the astronomical ones, which is why estuary tables are often wrong by half an hour.",
        "Sailors learn to treat the printed times as a guide and to watch the water itself, the set of moored "
        "boats and the line of weed on the harbour wall, before trusting a narrow channel.",
    ],
}

COOKIE_BANNER = '<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>'
HEADER = ('<header><a href="/" class="logo">Northern Nature</a><nav><ul><li><a href="/news">News</a></li>'
          '<li><a href="/guides">Guides</a></li><li><a href="/reviews">Reviews</a></li><li><a href="/about">About us</a>'
          '</li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>')
FOOTER = ('<footer><p>Copyright 2024 Northern Nature Ltd. All rights reserved.</p><ul><li><a href="/privacy">Privacy'
          '</a></li><li><a href="/terms">Terms</a></li><li><a href="/contact">Contact</a></li></ul></footer>')
SIDEBAR = ('<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a/1">Ten birds to see this winter</a></li>'
           '<li><a href="/a/2">How to build a nest box</a></li><li><a href="/a/3">The return of the osprey</a></li>'
           '</ul></aside>')
AD = '<div class="advert" id="ad-{n}"><a href="https://ads.example/click?id={n}">Buy the best kettle descaler now! 50% off</a></div>'


def _head(title: str, site: str, author: str, date: str, image: str | None = None, lang: str = "en") -> str:
    og_image = f'<meta property="og:image" content="{image}">' if image else ""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | {site}</title>'
            f'<meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">'
            f'<meta name="author" content="{author}"><meta property="article:published_time" content="{date}">'
            f'{og_image}<link rel="stylesheet" href="/static/site.css"></head>')


def _paragraphs(key: str, *, between: str = "") -> str:
    return between.join(f"<p>{p}</p>" for p in PARAGRAPHS[key])


def owls_page() -> str:
    body = (f'<article><h1>Great Grey Owls of the North</h1><p class="byline">By Jane Doe, 5 March 2024</p>'
            f'<p>{PARAGRAPHS["owls"][0]}</p><figure><img src="/img/owl.jpg" alt="A great grey owl">'
            f'<figcaption>A great grey owl in Lapland.</figcaption></figure>'
            + "".join(f"<p>{p}</p>" for p in PARAGRAPHS["owls"][1:]) + "</article>")
    return (_head("Great Grey Owls of the North", "Northern Nature", "Jane Doe", "2024-03-05", "/img/top.jpg")
            + f"<body>{COOKIE_BANNER}{HEADER}<main>{body}{SIDEBAR}</main>{FOOTER}</body></html>")


def bread_page() -> str:
    menu = "".join(f'<li><a href="/guides/{n}">Guide number {n} in our long list of kitchen guides</a></li>' for n in range(30))
    return (_head("Keeping a Sourdough Starter Alive", "Kitchen Notes", "Tom Baker", "2023-11-20")
            + f'<body>{HEADER}<nav class="mega-menu"><ul>{menu}</ul></nav><div class="breadcrumbs"><a href="/">Home</a> '
            f'&gt; <a href="/guides">Guides</a></div><article><h1>Keeping a Sourdough Starter Alive</h1>'
            f'{_paragraphs("bread")}<p><img src="/img/starter.jpg" alt="A jar of starter"></p></article>'
            f'<nav class="pager"><a href="/guides/prev">Previous guide</a> <a href="/guides/next">Next guide</a></nav>'
            f'{FOOTER}</body></html>')


def kettle_page() -> str:
    ads = [AD.format(n=n) for n in range(3)]
    paragraphs = [f"<p>{p}</p>" for p in PARAGRAPHS["kettle"]]
    body = paragraphs[0] + ads[0] + paragraphs[1] + ads[1] + '<p><img src="/img/kettle.jpg" alt="The kettle"></p>' + paragraphs[2] + ads[2]
    return (_head("Review: the Steelbrew Kettle", "Gadget Test", "Priya Shah", "2024-06-01", "/img/kettle.jpg")
            + f'<body>{HEADER}<div class="advert-banner">{AD.format(n=9)}</div><article><h1>Review: the Steelbrew '
            f'Kettle</h1>{body}</article>{SIDEBAR}{FOOTER}</body></html>')


def lighthouse_page() -> str:
    teasers = "".join(f'<div class="teaser"><a href="/stories/{n}"><img src="/img/teaser{n}.jpg"><h3>Another story '
                      f'number {n}</h3><p>A short teaser that invites you to read more.</p></a></div>' for n in range(4))
    return (_head("The Last Keeper of Rathmore Light", "Coast Stories", "Ewan Hart", "2022-09-14", "/img/light.jpg")
            + f'<body>{HEADER}<article><h1>The Last Keeper of Rathmore Light</h1>{_paragraphs("lighthouse")}</article>'
            f'<section class="related"><h2>You may also like</h2>{teasers}</section>{FOOTER}</body></html>')


def tides_page() -> str:
    return (_head("Reading Tide Tables", "Sea Sense", "Ana Ruiz", "2024-01-10")
            + '<body><div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript>'
            '<script src="/static/bundle.js"></script></body></html>')


RENDERED_TIDES = (_head("Reading Tide Tables", "Sea Sense", "Ana Ruiz", "2024-01-10")
                  + f'<body><div id="root"><article><h1>Reading Tide Tables</h1>{_paragraphs("tides")}'
                  '<p><img src="/img/tide.jpg" alt="A tide gauge"></p></article></div></body></html>')

HOSTILE = (_head("A Perfectly Normal Article", "Trap Site", "Mallory", "2024-02-02")
           + '<body><link rel="stylesheet" href="https://evil.example/steal.css"><style>@import url("https://evil.example/x.css");'
           'body{background:url("https://evil.example/bg.png")}</style><article><h1>A Perfectly Normal Article</h1>'
           "<p>This article reads like any other, with enough ordinary words to pass as the main content of the page, "
           "so that the extractor keeps it and the sanitiser has to deal with what is hidden inside.</p>"
           '<p><script>window.__pwned = 1; fetch("https://evil.example/beacon")</script>'
           '<img src="/img/missing.jpg" onerror="window.__pwned = 2">'
           '<a href="javascript:window.__pwned=3">Click me for more</a> and <a href="JaVaScRiPt:alert(1)">this</a>.</p>'
           '<p><img src="/img/evil.svg" alt="chart"> <svg onload="window.__pwned=4"><script>window.__pwned=5</script>'
           '<image href="https://evil.example/svg.png"/></svg> <img src="https://evil.example/tracker.gif"></p>'
           '<p style="background:url(https://evil.example/p.png)" onclick="window.__pwned=6">A second paragraph of '
           "plain words so that the reader has something to show, talking about the weather, the garden, and the long "
           "walk along the river that everybody in the village takes on a Sunday afternoon.</p>"
           '<iframe src="https://evil.example/frame"></iframe><form action="https://evil.example/post"><input name=q></form>'
           "</article></body></html>")

EVIL_SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            b'<script>window.__pwned = 7</script><rect width="10" height="10"/></svg>')

def long_page() -> str:
    """A long essay (every paragraph of the other pages, several times), for reading progress."""
    paragraphs = [p for key in ("owls", "bread", "kettle", "lighthouse", "tides") for p in PARAGRAPHS[key]] * 4
    body = "".join(f"<h2>Part {n + 1}</h2><p>{p}</p>" if n % 5 == 0 else f"<p>{p}</p>" for n, p in enumerate(paragraphs))
    return (_head("A Long Walk Through Everything", "Slow Reads", "Lee Long", "2021-05-05", "/img/long.jpg")
            + f"<body>{HEADER}<article><h1>A Long Walk Through Everything</h1>{body}</article>{FOOTER}</body></html>")


PAGES = {"/news/owls": owls_page, "/essays/long": long_page, "/guides/bread": bread_page, "/reviews/kettle": kettle_page,
         "/stories/lighthouse": lighthouse_page, "/app/tides": tides_page, "/hostile": lambda: HOSTILE}


class FakeSite(FakeServer):
    name = "site"

    def routes(self, app: Flask) -> None:
        for path, render in PAGES.items():
            app.add_url_rule(path, path, lambda render=render: Response(render(), mimetype="text/html"))
        app.get("/img/<name>")(self._image)

    @staticmethod
    def _image(name: str) -> Response:
        if name == "evil.svg":
            return Response(EVIL_SVG, mimetype="image/svg+xml")
        if name == "missing.jpg":
            return Response("not here", status=404)
        return Response(TINY_JPEG, mimetype="image/jpeg")


class SilentServer:
    """Accepts connections on 127.0.0.1 and never answers: a page that times out."""

    def __init__(self) -> None:
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._socket.accept()
            except OSError:
                return
            self._held.append(conn)

    def __enter__(self) -> SilentServer:
        return self

    def __exit__(self, *exc_info) -> None:
        self._socket.close()
        for conn in self._held:
            conn.close()
        self._thread.join(timeout=5)
