"""Music tags as Picard writes them: which values (``picard_tags``), under which names per format,
and the front cover embedded in the file (``write_tags``); reading a file's own tags (``read_tags``).

Tag values are named as Picard names them internally (``musicbrainz_albumid``, ``totaltracks``,
``releasetype``…) and mapped to each format the way Picard writes them:

- Vorbis comments (FLAC, Ogg Vorbis, Opus): upper-case names (``MUSICBRAINZ_ALBUMID``,
  ``MUSICBRAINZ_TRACKID`` for the recording, ``MUSICBRAINZ_RELEASETRACKID``, ``TRACKTOTAL`` and
  ``TOTALTRACKS``, ``DISCTOTAL`` and ``TOTALDISCS``…); the cover as a FLAC picture block (FLAC) or
  ``METADATA_BLOCK_PICTURE`` (Ogg);
- ID3 (MP3) through mutagen's ``EasyID3``, whose keys are Picard's mapping (``TXXX:MusicBrainz
  Album Id``, ``UFID:http://musicbrainz.org`` for the recording, ``TSRC``, ``TSO2``, ``TPUB``,
  ``TDOR``, ``TRCK`` as ``n/total``…); the cover as an ``APIC`` front cover;
- MP4 (M4A): the iTunes atoms (``trkn``, ``disk``, ``cpil``, ``soar``, ``soaa``…) and Picard's
  ``----:com.apple.iTunes:MusicBrainz …`` free-form atoms; the cover as ``covr``.

Every write goes to a copy beside the file that then replaces it with one rename (never a torn
file). Must not: decide what a file is, or touch the database.
"""

from __future__ import annotations

import base64
import logging
import os
import secrets
import shutil
from pathlib import Path

from ...errors import ToolError
from ...models.metadata import Recording, Release, Track, credit_phrase, sort_phrase
from ..files import TEMP_PREFIX, TEMP_SUFFIX

log = logging.getLogger(__name__)
VARIOUS_ARTISTS_ID = "89ad4ac3-39f7-470e-963a-56509c546377"  # MusicBrainz's special "Various Artists"
READ_KEYS = ("title", "artist", "album", "albumartist", "tracknumber", "discnumber", "date", "genre",
             "musicbrainz_albumid", "musicbrainz_trackid", "musicbrainz_releasetrackid", "isrc")

VORBIS = {"title": "TITLE", "artist": "ARTIST", "album": "ALBUM", "albumartist": "ALBUMARTIST", "date": "DATE",
          "originaldate": "ORIGINALDATE", "originalyear": "ORIGINALYEAR", "tracknumber": "TRACKNUMBER",
          "totaltracks": ("TRACKTOTAL", "TOTALTRACKS"), "discnumber": "DISCNUMBER", "totaldiscs": ("DISCTOTAL", "TOTALDISCS"),
          "compilation": "COMPILATION", "releasetype": "RELEASETYPE", "releasestatus": "RELEASESTATUS",
          "releasecountry": "RELEASECOUNTRY", "label": "LABEL", "catalognumber": "CATALOGNUMBER", "barcode": "BARCODE",
          "isrc": "ISRC", "media": "MEDIA", "artistsort": "ARTISTSORT", "albumartistsort": "ALBUMARTISTSORT",
          "musicbrainz_artistid": "MUSICBRAINZ_ARTISTID", "musicbrainz_albumartistid": "MUSICBRAINZ_ALBUMARTISTID",
          "musicbrainz_albumid": "MUSICBRAINZ_ALBUMID", "musicbrainz_releasegroupid": "MUSICBRAINZ_RELEASEGROUPID",
          "musicbrainz_releasetrackid": "MUSICBRAINZ_RELEASETRACKID", "musicbrainz_recordingid": "MUSICBRAINZ_TRACKID",
          "acoustid_id": "ACOUSTID_ID"}
EASYID3 = {"title": "title", "artist": "artist", "album": "album", "albumartist": "albumartist", "date": "date",
           "originaldate": "originaldate", "compilation": "compilation", "releasetype": "musicbrainz_albumtype",
           "releasestatus": "musicbrainz_albumstatus", "releasecountry": "releasecountry", "label": "organization",
           "catalognumber": "catalognumber", "barcode": "barcode", "isrc": "isrc", "media": "media",
           "artistsort": "artistsort", "albumartistsort": "albumartistsort", "musicbrainz_artistid": "musicbrainz_artistid",
           "musicbrainz_albumartistid": "musicbrainz_albumartistid", "musicbrainz_albumid": "musicbrainz_albumid",
           "musicbrainz_releasegroupid": "musicbrainz_releasegroupid",
           "musicbrainz_releasetrackid": "musicbrainz_releasetrackid", "musicbrainz_recordingid": "musicbrainz_trackid",
           "acoustid_id": "acoustid_id"}
MP4_ATOMS = {"title": "\xa9nam", "artist": "\xa9ART", "album": "\xa9alb", "albumartist": "aART", "date": "\xa9day",
             "artistsort": "soar", "albumartistsort": "soaa"}
MP4_FREEFORM = {"musicbrainz_recordingid": "MusicBrainz Track Id", "musicbrainz_releasetrackid": "MusicBrainz Release Track Id",
                "musicbrainz_albumid": "MusicBrainz Album Id", "musicbrainz_artistid": "MusicBrainz Artist Id",
                "musicbrainz_albumartistid": "MusicBrainz Album Artist Id",
                "musicbrainz_releasegroupid": "MusicBrainz Release Group Id", "releasetype": "MusicBrainz Album Type",
                "releasestatus": "MusicBrainz Album Status", "releasecountry": "MusicBrainz Album Release Country",
                "label": "LABEL", "catalognumber": "CATALOGNUMBER", "barcode": "BARCODE", "isrc": "ISRC", "media": "MEDIA",
                "originaldate": "ORIGINALDATE", "acoustid_id": "Acoustid Id"}


# --- what to write ------------------------------------------------------------------------------


def picard_tags(recording: Recording, release: Release | None, track: Track | None,
                acoustid_id: str | None = None) -> dict[str, str]:
    """The tags Picard writes for ``recording`` as ``track`` of ``release``, by Picard's internal names;
    totaltracks counts the tracks of the track's own disc (disc 1 of 2 with one track is ``1/1``)."""
    credit = track.artists if track is not None and track.artists else recording.artists
    tags = {"title": (track.title if track is not None and track.title else recording.title),
            "artist": credit_phrase(credit) or recording.artist, "artistsort": sort_phrase(credit),
            "musicbrainz_artistid": next((a.mbid for a in credit if a.mbid), None),
            "musicbrainz_recordingid": recording.mbid, "acoustid_id": acoustid_id}
    if release is not None:
        tags.update(_release_tags(release))
    if release is not None and track is not None:
        tags.update(_track_tags(release, track))
    return {key: str(value) for key, value in tags.items() if value not in (None, "")}


def _release_tags(release: Release) -> dict:
    album_artist_id = next((a.mbid for a in release.artists if a.mbid), None)
    compilation = album_artist_id == VARIOUS_ARTISTS_ID or release.artist.casefold() == "various artists"
    original = release.original_date or release.date
    return {"album": release.title, "albumartist": release.artist, "albumartistsort": sort_phrase(release.artists),
            "musicbrainz_albumartistid": album_artist_id, "musicbrainz_albumid": release.mbid,
            "musicbrainz_releasegroupid": release.release_group_id, "date": release.date or release.year,
            "originaldate": original, "originalyear": original[:4] if original else None,
            "releasetype": (release.release_group_type or "").lower(), "releasestatus": release.status.lower(),
            "releasecountry": release.country, "label": release.label, "catalognumber": release.catalog_number,
            "barcode": release.barcode, "compilation": "1" if compilation else None,
            "totaldiscs": release.medium_count}


def _track_tags(release: Release, track: Track) -> dict:
    disc = track.disc or 1
    media = release.formats[disc - 1] if 0 < disc <= len(release.formats) else None
    return {"tracknumber": track.position, "totaltracks": release.tracks_on_disc(disc), "discnumber": disc,
            "media": media, "isrc": track.isrcs[0] if track.isrcs else None,
            "musicbrainz_releasetrackid": track.track_id}


# --- reading ------------------------------------------------------------------------------------


def read_tags(path: str) -> dict:
    """The file's own tags (title, artist, album, album artist, track and disc numbers, date, ids)
    by lower-case name; empty when it has none or cannot be read."""
    import mutagen

    try:
        audio = mutagen.File(path, easy=True)
    except Exception:  # mutagen raises many types on odd files; tags are only a hint
        return {}
    if audio is None or audio.tags is None:
        return {}
    found = {}
    for key in READ_KEYS:
        try:
            values = audio.tags.get(key)
        except (KeyError, ValueError):
            values = None
        if values:
            found[key] = str(values[0] if isinstance(values, list) else values)
    return found


def duration_of(path: str) -> float | None:
    """The file's length in seconds from its own headers (mutagen), None when unreadable."""
    import mutagen

    try:
        audio = mutagen.File(path)
    except Exception:  # an unreadable file simply has no known length
        return None
    length = getattr(getattr(audio, "info", None), "length", None)
    return float(length) if length else None


# --- writing ------------------------------------------------------------------------------------


def write_tags(path: str, tags: dict[str, str], cover: tuple[bytes, str] | None = None) -> None:
    """Write ``tags`` (Picard's names) and the front ``cover`` ((bytes, MIME type)) into a copy
    beside ``path``, then put it in place with one rename."""
    import mutagen

    temp = os.path.join(os.path.dirname(path), f"{TEMP_PREFIX}{secrets.token_hex(4)}{Path(path).suffix}{TEMP_SUFFIX}")
    shutil.copy2(path, temp)
    try:
        audio = mutagen.File(temp)
        if audio is None:
            raise ToolError("mutagen", None, message=f"cannot tag {os.path.basename(path)!r}: unknown audio format")
        _writer_for(audio)(temp, audio, tags, cover)
        os.replace(temp, path)
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def _writer_for(audio):
    from mutagen.flac import FLAC
    from mutagen.mp3 import MP3
    from mutagen.mp4 import MP4
    from mutagen.oggopus import OggOpus
    from mutagen.oggvorbis import OggVorbis

    if isinstance(audio, (FLAC, OggVorbis, OggOpus)):
        return _write_vorbis
    if isinstance(audio, MP3):
        return _write_id3
    if isinstance(audio, MP4):
        return _write_mp4
    return _write_easy


def _write_vorbis(path: str, audio, tags: dict[str, str], cover) -> None:
    from mutagen.flac import FLAC, Picture

    if audio.tags is None:
        audio.add_tags()
    for key, value in tags.items():
        for name in _names(VORBIS.get(key)):
            audio[name] = [value]
    if cover is not None:
        picture = Picture()
        picture.type, picture.mime, picture.desc, picture.data = 3, cover[1], "Front Cover", cover[0]
        if isinstance(audio, FLAC):
            audio.clear_pictures()
            audio.add_picture(picture)
        else:
            audio["METADATA_BLOCK_PICTURE"] = [base64.b64encode(picture.write()).decode("ascii")]
    audio.save()


def _write_id3(path: str, audio, tags: dict[str, str], cover) -> None:
    from mutagen.easyid3 import EasyID3
    from mutagen.id3 import APIC, ID3, ID3NoHeaderError

    try:
        easy = EasyID3(path)
    except ID3NoHeaderError:
        easy = EasyID3()
    for key, value in tags.items():
        if key in EASYID3:
            easy[EASYID3[key]] = value
    for key, number, total in (("tracknumber", "tracknumber", "totaltracks"), ("discnumber", "discnumber", "totaldiscs")):
        if tags.get(number):
            easy[key] = _of(tags[number], tags.get(total))
    easy.save(path)
    if cover is not None:
        frames = ID3(path)
        frames.delall("APIC")
        frames.add(APIC(encoding=3, mime=cover[1], type=3, desc="Cover", data=cover[0]))
        frames.save(path)


def _write_mp4(path: str, audio, tags: dict[str, str], cover) -> None:
    from mutagen.mp4 import MP4Cover, MP4FreeForm

    if audio.tags is None:
        audio.add_tags()
    for key, atom in MP4_ATOMS.items():
        if tags.get(key):
            audio.tags[atom] = [tags[key]]
    for key, name in MP4_FREEFORM.items():
        if tags.get(key):
            audio.tags[f"----:com.apple.iTunes:{name}"] = [MP4FreeForm(tags[key].encode("utf-8"))]
    if tags.get("tracknumber"):
        audio.tags["trkn"] = [(int(tags["tracknumber"]), int(tags.get("totaltracks") or 0))]
    if tags.get("discnumber"):
        audio.tags["disk"] = [(int(tags["discnumber"]), int(tags.get("totaldiscs") or 0))]
    if tags.get("compilation"):
        audio.tags["cpil"] = True
    if cover is not None:
        kind = MP4Cover.FORMAT_PNG if cover[1] == "image/png" else MP4Cover.FORMAT_JPEG
        audio.tags["covr"] = [MP4Cover(cover[0], imageformat=kind)]
    audio.save()


def _write_easy(path: str, audio, tags: dict[str, str], cover) -> None:
    """Any other format mutagen knows: the common tags through its easy interface, no cover."""
    import mutagen

    easy = mutagen.File(path, easy=True)
    if easy.tags is None:
        easy.add_tags()
    for key, value in tags.items():
        try:
            easy[key] = value
        except (KeyError, ValueError):
            log.debug("%s cannot hold the tag %s", type(easy).__name__, key)
    easy.save()


def _names(mapped) -> tuple[str, ...]:
    if mapped is None:
        return ()
    return mapped if isinstance(mapped, tuple) else (mapped,)


def _of(number: str, total: str | None) -> str:
    return f"{number}/{total}" if total else str(number)
