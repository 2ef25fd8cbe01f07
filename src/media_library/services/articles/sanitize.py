"""Sanitising an article's HTML before it is stored or shown, with nh3 (Rust's ammonia).

What is kept: text structure (headings, paragraphs, lists, quotes, code, tables, figures) and
links to http(s) or mailto (``rel="noopener noreferrer nofollow"``). What goes: every script,
style, ``<link>``, frame, form, SVG and MathML element, every event handler and ``style``
attribute, ``javascript:`` and ``data:`` URLs. An ``<img>`` keeps its ``src`` only when it is one
of the images we saved (``local_images`` maps the page's URL to our URL): nothing in a stored
article loads anything from another origin. The app shows it under the strict CSP as well.

Why nh3: an allow-list sanitiser built on html5ever, maintained, fast; bleach is deprecated.
"""

from __future__ import annotations

from collections.abc import Mapping

import lxml.html
import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title", "width", "height"},
              "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}, "time": {"datetime"}}
URL_SCHEMES = {"http", "https", "mailto"}
CONTROL = dict.fromkeys(range(32), " ") | {10: "\n"}  # search snippets mark matches with \x02 / \x03
DROPPED_WITH_CONTENT = {"script", "style", "svg", "math", "template", "iframe", "object", "noscript", "title"}


def image_urls(html: str) -> list[str]:
    """The ``src`` of every ``<img>`` in ``html``, in order, without repeats."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return list(dict.fromkeys(src for src in root.xpath("//img/@src") if src))


def sanitize(html: str, local_images: Mapping[str, str]) -> str:
    """``html`` with only what is listed above; images point at ``local_images`` values or nowhere."""
    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return local_images.get(value)
        return value

    return nh3.clean(html, tags=TAGS, clean_content_tags=DROPPED_WITH_CONTENT, attributes=ATTRIBUTES,
                     attribute_filter=keep, url_schemes=URL_SCHEMES, link_rel="noopener noreferrer nofollow",
                     strip_comments=True)


def plain_text(html: str) -> str:
    """The text of sanitised ``html`` (for the search index), blocks separated by new lines."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    text = "\n".join(" ".join(part.split()) for part in root.itertext() if part.strip())
    return text.translate(CONTROL)
