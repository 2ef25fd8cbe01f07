"""The MusicBrainz disc id of a CD, computed from its table of contents.

The algorithm (musicbrainz.org/doc/Disc_ID_Calculation): SHA-1 over the upper-case hex text of
the first track number (2 digits), the last track number (2 digits) and 100 frame offsets
(8 digits each: the lead-out, then tracks 1–99, zero for absent ones), base64-encoded with
``+ / =`` replaced by ``. _ -``. Pure functions only.
"""

from __future__ import annotations

import base64
import hashlib


def disc_id(first: int, last: int, leadout: int, offsets: list[int] | tuple[int, ...]) -> str:
    if not (1 <= first <= last <= 99) or len(offsets) != last - first + 1:
        raise ValueError("a TOC needs 1 <= first <= last <= 99 and one offset per track")
    frames = [leadout] + [0] * 99
    for number, offset in zip(range(first, last + 1), offsets, strict=True):
        frames[number] = offset
    text = f"{first:02X}{last:02X}" + "".join(f"{f:08X}" for f in frames)
    digest = base64.b64encode(hashlib.sha1(text.encode("ascii")).digest()).decode("ascii")  # noqa: S324 - the id is defined as SHA-1
    return digest.replace("+", ".").replace("/", "_").replace("=", "-")


def toc_string(first: int, last: int, leadout: int, offsets: list[int] | tuple[int, ...]) -> str:
    """The ``toc`` parameter of MusicBrainz' discid lookup: ``first last leadout offset…``."""
    return " ".join(str(v) for v in (first, last, leadout, *offsets))
