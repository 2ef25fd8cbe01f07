"""Volume labels into titles: ``MY_MOVIE_DISC_1`` → ``My Movie``.

Pure text work. Labels are attacker-controlled (anyone can burn a disc): the result is only
ever used as text (a search query, a display string, a name passed through ``naming``), never
as a path, an option or script.
"""

from __future__ import annotations

import re
import unicodedata

MAX_LABEL = 128
# Words that say which disc of a set, what the disc is, or how it was authored; not the title.
_NOISE = re.compile(
    r"\b(?:(?:disc|disk|dvd|bd|cd|d)\s*\d+|side\s*[ab]|(?:widescreen|fullscreen|ws|fs|ntsc|pal|"
    r"region\s*\d|r\d|dvd\d*|bluray|blu\s*ray|bd\d*|uhd|4k|hd|se|special\s+edition|"
    r"collectors?\s+edition|ce|disc|disk))\b",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"^(?:i{1,3}|iv|v|vi{1,3}|ix|x)$", re.IGNORECASE)
_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to", "vs"}
_GENERIC = {"dvd", "dvd video", "dvdvolume", "bdrom", "bdmv", "video ts", "untitled", "disc", "volume", "cdrom"}


def printable(label: str) -> str:
    """The label as shown to people: control characters dropped, length bounded."""
    text = "".join(ch for ch in unicodedata.normalize("NFC", str(label or "")) if ch.isprintable())
    return text.strip()[:MAX_LABEL]


def clean_label(label: str) -> str:
    """A title to search for; empty when the label says nothing (``DVD_VIDEO``, ``BDROM``)."""
    text = printable(label).replace("_", " ").replace(".", " ")
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)  # MyMovie -> My Movie
    if re.sub(r"\s+", " ", text).strip().lower() in _GENERIC:
        return ""
    text = _NOISE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip(" -")
    if text.lower() in _GENERIC:
        return ""
    return title_case(text)


def title_case(text: str) -> str:
    words = text.split()
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if 0 < i < len(words) - 1 and lower in _SMALL_WORDS:
            out.append(lower)
        elif i > 0 and _ROMAN.match(word):
            out.append(word.upper())
        elif word.isupper() or word.islower():
            out.append(lower[:1].upper() + lower[1:])
        else:
            out.append(word)
    return " ".join(out)
