"""A local MusicBrainz ws/2 that answers in XML, the way musicbrainzngs asks and parses.

Entities are kept as ElementTree elements: the recorded releases, disc ids and search hits in
fixtures/musicbrainz/ws2-xml are loaded as they are (so their answers are the recordings, byte
for byte in content), every track's recording is indexed from them, and a test adds its own with
``add_recording``, ``add_release``, ``add_disc`` and ``merge`` (an old id that now answers with the
canonical entity, as MusicBrainz does after a merge).

Like the real server it honours ``inc`` (what is not included is left out), answers 400 for an
invalid MBID or include, 404 with the ws/2 error body for an unknown entity, 403 without a proper
User-Agent, and searches with the Lucene field syntax musicbrainzngs builds
(``recording:(…) artist:(…) release:(…)``). Stricter than MusicBrainz: XML only (no ``fmt=json``).

Must not: reach the network.
"""

from __future__ import annotations

import copy
import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from flask import Flask, Response, request

from .server import FakeServer, fixture_path, normalize

NS = "http://musicbrainz.org/ns/mmd-2.0#"
EXT_NS = "http://musicbrainz.org/ns/ext#-2.0"
XML_DIR = ("musicbrainz", "ws2-xml")
RELEASE_FIXTURES = ("musicbrainzngs_release__fbe4490e-e366-4da2-a37a-82162d2f41a9-recordings+artist-credits.xml",
                    "musicbrainzngs_release__212895ca-ee36-439a-a824-d2620cd10461-recordings.xml")
DISCID_FIXTURES = ("musicbrainzngs_discid__xp5tz6rE4OHrBafj0bLfDRMGK48-.xml",
                   "musicbrainzngs_discid__f7agNZK1HMQ2WUWq9bwDymw9aHA-.xml")
SEARCH_FIXTURE = "musicbrainzngs_search-recording.xml"
RECORDING_FIXTURE = "musicbrainzngs_recording__f606f733-c1eb-43f3-93c1-71994ea611e3-artist-rels.xml"
MBID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
INCLUDES = {
    "recording": {"artists", "releases", "discids", "media", "artist-credits", "isrcs", "aliases",
                  "annotation", "tags", "ratings", "artist-rels", "work-level-rels", "url-rels"},
    "release": {"artists", "labels", "recordings", "release-groups", "media", "artist-credits", "discids",
                "isrcs", "recording-level-rels", "work-level-rels", "annotation", "aliases", "url-rels"},
}
INCLUDES["discid"] = INCLUDES["release"]
_FIELD = re.compile(r"(\w+):\(((?:\\.|[^\\)])*)\)")


class FakeMusicBrainz(FakeServer):
    name = "musicbrainz"

    def __init__(self) -> None:
        self.recordings: dict[str, ET.Element] = {}
        self.releases: dict[str, ET.Element] = {}
        self.discs: dict[str, ET.Element] = {}
        self.merged: dict[str, str] = {}
        super().__init__()
        self._load_fixtures()

    # --- data a test adds -----------------------------------------------------------------------

    def add_recording(self, mbid: str, title: str, *, length_ms: int | None = None,
                      artists: Iterable[str | tuple[str, str]] = (), releases: Iterable[str] = ()) -> ET.Element:
        """A recording by ``artists`` (names, or (mbid, name) pairs) on known ``releases`` (mbids)."""
        element = ET.Element("recording", id=mbid)
        _text(element, "title", title)
        if length_ms is not None:
            _text(element, "length", str(length_ms))
        element.append(_artist_credit(artists))
        release_list = ET.SubElement(element, "release-list")
        for release_id in releases:
            release_list.append(self._release_stub(release_id))
        with self._lock:
            self.recordings[mbid] = element
        return element

    def add_release(self, mbid: str, title: str, *, artist: str | tuple[str, str] = "Various Artists",
                    date: str = "", country: str = "", status: str = "Official",
                    release_group: tuple[str, str] | None = None, tracks: Iterable[tuple] = (),
                    media: Iterable[Iterable[tuple]] | None = None, format: str = "CD",
                    label: tuple[str, str] | None = None, barcode: str = "", first_release_date: str = "") -> ET.Element:
        """A release; ``tracks`` (one medium) or ``media`` hold ``(recording_mbid, title[, length_ms[, isrc]])``.
        ``artist`` is a name, ``(mbid, name)`` or ``(mbid, name, sort name)``; ``label`` is ``(name,
        catalog number)``. Each track's recording is created (or gets this release added) so lookups agree."""
        element = ET.Element("release", id=mbid)
        _text(element, "title", title)
        _text(element, "status", status)
        element.append(_artist_credit([artist]))
        if date:
            _text(element, "date", date)
        if country:
            _text(element, "country", country)
        if barcode:
            _text(element, "barcode", barcode)
        if label:
            info = ET.SubElement(ET.SubElement(element, "label-info-list", count="1"), "label-info")
            _text(info, "catalog-number", label[1])
            _text(ET.SubElement(info, "label", id=str(uuid.uuid5(uuid.NAMESPACE_URL, label[0]))), "name", label[0])
        if release_group:
            group = ET.SubElement(element, "release-group", id=release_group[0], type=release_group[1])
            _text(group, "title", title)
            _text(group, "first-release-date", first_release_date or date)
            _text(group, "primary-type", release_group[1])
        media = list(media) if media is not None else [list(tracks)]
        medium_list = ET.SubElement(element, "medium-list", count=str(len(media)))
        with self._lock:
            self.releases[mbid] = element
        for position, medium_tracks in enumerate(media, start=1):
            medium_list.append(self._medium(mbid, position, format, list(medium_tracks), artist))
        return element

    def add_disc(self, discid: str, release_ids: Iterable[str], *, sectors: int = 200000,
                 offsets: Iterable[int] = (150,)) -> ET.Element:
        disc = ET.Element("disc", id=discid)
        _text(disc, "sectors", str(sectors))
        offsets = list(offsets)
        offset_list = ET.SubElement(disc, "offset-list", count=str(len(offsets)))
        for position, offset in enumerate(offsets, start=1):
            _text(offset_list, "offset", str(offset), position=str(position))
        release_list = ET.SubElement(disc, "release-list")
        for release_id in release_ids:
            release_list.append(copy.deepcopy(self.releases[release_id]))
        release_list.set("count", str(len(release_list)))
        with self._lock:
            self.discs[discid] = disc
        return disc

    def merge(self, old_mbid: str, into_mbid: str) -> None:
        """After a merge MusicBrainz answers a lookup of the old id with the surviving entity."""
        with self._lock:
            self.merged[old_mbid] = into_mbid

    # --- routes ---------------------------------------------------------------------------------

    def routes(self, app: Flask) -> None:
        app.before_request(self._check_client)
        app.get("/ws/2/recording/<mbid>")(self._recording)
        app.get("/ws/2/recording/")(self._search_recordings)
        app.get("/ws/2/recording")(self._search_recordings)
        app.get("/ws/2/release/<mbid>")(self._release)
        app.get("/ws/2/release/")(self._search_releases)
        app.get("/ws/2/release")(self._search_releases)
        app.get("/ws/2/discid/<discid>")(self._discid)
        app.register_error_handler(404, lambda _exc: error_response(404, "Not Found"))

    def _check_client(self):
        agent = request.headers.get("User-Agent", "")
        if not agent or agent.startswith("Python-urllib"):
            return error_response(403, "Your requests are being blocked: set a proper User-Agent.")
        if request.args.get("fmt", "xml") != "xml":
            return error_response(400, "This fake MusicBrainz serves XML only.")
        return None

    def _recording(self, mbid: str):
        return self._lookup("recording", mbid, self.recordings, _filter_recording)

    def _release(self, mbid: str):
        return self._lookup("release", mbid, self.releases, _filter_release)

    def _lookup(self, entity, mbid, store, filter_includes):
        includes, problem = _includes(entity)
        if problem:
            return problem
        if not MBID.fullmatch(mbid):
            return error_response(400, "Invalid mbid.")
        with self._lock:
            element = store.get(self.merged.get(mbid, mbid))
            element = copy.deepcopy(element) if element is not None else None
        if element is None:
            return error_response(404, "Not Found")
        return xml_response(filter_includes(element, includes))

    def _discid(self, discid: str):
        includes, problem = _includes("discid")
        if problem:
            return problem
        with self._lock:
            disc = copy.deepcopy(self.discs.get(discid))
        if disc is None:
            if request.args.get("toc"):  # a fuzzy TOC lookup that found nothing: an empty list
                return xml_response(ET.Element("release-list", count="0"))
            return error_response(404, "Not Found")
        for release in disc.iter("release"):  # a disc's releases always show their media
            _filter_release(release, includes | {"media"})
        return xml_response(disc)

    def _search_recordings(self):
        fields = parse_lucene(request.args.get("query", ""))
        if not fields:
            return error_response(400, "Query is required.")
        limit = min(int(request.args.get("limit", "25") or 25), 100)
        offset = int(request.args.get("offset", "0") or 0)
        with self._lock:
            scored = [(score, element) for element in self.recordings.values()
                      if (score := _score(element, fields))]
        scored.sort(key=lambda pair: (-pair[0], pair[1].findtext("title") or ""))
        hits = ET.Element("recording-list", count=str(len(scored)), offset=str(offset))
        for score, element in scored[offset:offset + limit]:
            hit = copy.deepcopy(element)
            hit.set("ext:score", str(score))
            hits.append(hit)
        return xml_response(hits)

    def _search_releases(self):
        """``release:(…) artist:(…) tracks:(…)``: each release (media and track counts, no tracks), scored."""
        fields = parse_lucene(request.args.get("query", ""), default="release")
        if not fields:
            return error_response(400, "Query is required.")
        limit = min(int(request.args.get("limit", "25") or 25), 100)
        with self._lock:
            scored = [(score, element) for element in self.releases.values() if (score := _release_score(element, fields))]
        scored.sort(key=lambda pair: (-pair[0], pair[1].findtext("title") or ""))
        hits = ET.Element("release-list", count=str(len(scored)), offset="0")
        for score, element in scored[:limit]:
            hit = _filter_release(copy.deepcopy(element), {"artist-credits", "release-groups", "labels", "media"})
            for track_list in hit.iter("track-list"):
                for track in list(track_list):
                    track_list.remove(track)
            hit.set("ext:score", str(score))
            hits.append(hit)
        return xml_response(hits)

    # --- storage --------------------------------------------------------------------------------

    def _medium(self, release_id, position, format, tracks, artist) -> ET.Element:
        medium = ET.Element("medium")
        _text(medium, "position", str(position))
        _text(medium, "format", format)
        track_list = ET.SubElement(medium, "track-list", count=str(len(tracks)), offset="0")
        for number, spec in enumerate(tracks, start=1):
            recording_id, title, length, isrc = (*spec, None, None)[:4]
            track = ET.SubElement(track_list, "track", id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{release_id}/{position}/{number}")))
            _text(track, "position", str(number))
            _text(track, "number", str(number))
            if length is not None:
                _text(track, "length", str(length))
            recording = self._recording_for_track(recording_id, title, length, artist, release_id)
            track_recording = _without(copy.deepcopy(recording), "release-list")
            if isrc:
                ET.SubElement(ET.SubElement(track_recording, "isrc-list", count="1"), "isrc", id=isrc)
            track.append(track_recording)
        return medium

    def _recording_for_track(self, recording_id, title, length, artist, release_id) -> ET.Element:
        with self._lock:
            existing = self.recordings.get(recording_id)
        if existing is None:
            return self.add_recording(recording_id, title, length_ms=length, artists=[artist], releases=[release_id])
        release_list = existing.find("release-list")
        if release_list is None:
            release_list = ET.SubElement(existing, "release-list")
        release_list.append(self._release_stub(release_id))
        return existing

    def _release_stub(self, release_id: str) -> ET.Element:
        known = self.releases.get(release_id)
        stub = ET.Element("release", id=release_id)
        for tag in ("title", "status", "date", "country"):
            if known is not None and known.find(tag) is not None:
                _text(stub, tag, known.findtext(tag) or "")
        return stub

    def _load_fixtures(self) -> None:
        for name in RELEASE_FIXTURES:
            release = load_xml(name).find("release")
            self.releases[release.get("id")] = release
            self._index_track_recordings(release)
        for name in DISCID_FIXTURES:
            disc = load_xml(name).find("disc")
            self.discs[disc.get("id")] = disc
            for release in disc.iter("release"):
                self.releases.setdefault(release.get("id"), copy.deepcopy(release))
        for recording in load_xml(SEARCH_FIXTURE).find("recording-list"):
            recording.attrib.pop("ext:score", None)
            self.recordings.setdefault(recording.get("id"), recording)
        recording = load_xml(RECORDING_FIXTURE).find("recording")
        self.recordings[recording.get("id")] = recording

    def _index_track_recordings(self, release: ET.Element) -> None:
        for track_recording in release.iter("recording"):
            recording = copy.deepcopy(track_recording)
            release_list = ET.SubElement(recording, "release-list")
            release_list.append(self._release_stub(release.get("id")))
            self.recordings.setdefault(recording.get("id"), recording)


# --- XML helpers --------------------------------------------------------------------------------


def load_xml(name: str) -> ET.Element:
    """A fixture's <metadata> root with namespaces stripped (``ext:score`` kept as written)."""
    root = ET.parse(fixture_path(*XML_DIR, name)).getroot()
    for element in root.iter():
        element.tag = element.tag.split("}", 1)[-1]
        for key in [k for k in element.attrib if k.startswith("{")]:
            prefix = "ext:" if key.startswith("{" + EXT_NS) else ""
            element.attrib[prefix + key.split("}", 1)[1]] = element.attrib.pop(key)
    return root


def xml_response(element: ET.Element, status: int = 200) -> Response:
    head = f'<?xml version="1.0" encoding="UTF-8"?><metadata xmlns="{NS}" xmlns:ext="{EXT_NS}">'
    body = head.encode() + ET.tostring(element, encoding="utf-8", xml_declaration=False) + b"</metadata>"
    return Response(body, status=status, mimetype="application/xml")


def error_response(status: int, text: str) -> Response:
    body = (f'<?xml version="1.0" encoding="UTF-8"?><error><text>{text}</text>'
            "<text>For usage, please see: https://musicbrainz.org/development/mmd</text></error>")
    return Response(body, status=status, mimetype="application/xml")


def parse_lucene(query: str, default: str = "recording") -> dict[str, str]:
    """``recording:(a b) artist:(c\\-d)`` -> {"recording": "a b", "artist": "c-d"}; bare words: ``default``."""
    fields = {key: re.sub(r"\\(.)", r"\1", value) for key, value in _FIELD.findall(query)}
    rest = _FIELD.sub(" ", query).strip()
    if rest:
        fields.setdefault(default, re.sub(r"\\(.)", r"\1", rest).strip('"'))
    return {key: value for key, value in fields.items() if value.strip()}


def _score(recording: ET.Element, fields: dict[str, str]) -> int:
    title = normalize(recording.findtext("title"))
    haystacks = {
        "recording": [title],
        "artist": [normalize(name.text) for name in recording.iter("name")],
        "release": [normalize(release.findtext("title")) for release in recording.iter("release")],
    }
    for key, wanted in fields.items():
        if key in haystacks and not any(normalize(wanted) in hay for hay in haystacks[key]):
            return 0
    return 100 if normalize(fields.get("recording")) == title else 75


def _release_score(release: ET.Element, fields: dict[str, str]) -> int:
    """0 when a field does not match; 100 for an exact title, else 75 (as ``_score`` does)."""
    title = normalize(release.findtext("title"))
    artists = [normalize(name.text) for name in release.find("artist-credit").iter("name")] if release.find("artist-credit") is not None else []
    tracks = sum(int(t.get("count", "0")) for t in release.iter("track-list"))
    if "release" in fields and normalize(fields["release"]) not in title:
        return 0
    if "artist" in fields and not any(normalize(fields["artist"]) in name for name in artists):
        return 0
    if "tracks" in fields and fields["tracks"].strip().isdigit() and int(fields["tracks"]) != tracks:
        return 0
    return 100 if normalize(fields.get("release")) == title else 75


def _includes(entity: str):
    includes = set(request.args.get("inc", "").split())
    unknown = includes - INCLUDES[entity]
    if unknown:
        return includes, error_response(400, f"{sorted(unknown)[0]} is not a valid inc parameter for the {entity} resource.")
    return includes, None


def _filter_recording(recording: ET.Element, includes: set[str]) -> ET.Element:
    if "releases" not in includes:
        _without(recording, "release-list")
    if not includes & {"artists", "artist-credits"}:
        _without(recording, "artist-credit")
    return recording


def _filter_release(release: ET.Element, includes: set[str]) -> ET.Element:
    if "release-groups" not in includes:
        _without(release, "release-group")
    if "labels" not in includes:
        _without(release, "label-info-list")
    if "isrcs" not in includes:
        for recording in release.iter("recording"):
            _without(recording, "isrc-list")
    if not includes & {"artists", "artist-credits"}:
        _without(release, "artist-credit")
    if not includes & {"media", "recordings", "discids"}:
        _without(release, "medium-list")
    for track_list in release.iter("track-list"):
        if "recordings" not in includes:
            for track in list(track_list):
                track_list.remove(track)
        elif "artist-credits" not in includes:
            for element in list(track_list.iter()):
                _without(element, "artist-credit")
    return release


def _without(element: ET.Element, tag: str) -> ET.Element:
    for child in element.findall(tag):
        element.remove(child)
    return element


def _text(parent: ET.Element, tag: str, text: str, **attrib) -> ET.Element:
    child = ET.SubElement(parent, tag, attrib)
    child.text = text
    return child


def _artist_credit(artists: Iterable[str | tuple[str, ...]]) -> ET.Element:
    credit = ET.Element("artist-credit")
    artists = list(artists)
    for index, artist in enumerate(artists):
        mbid, name, sort_name = (*artist, artist[-1])[:3] if isinstance(artist, tuple) else (
            str(uuid.uuid5(uuid.NAMESPACE_URL, artist)), artist, artist)
        attrib = {"joinphrase": " & "} if index < len(artists) - 1 else {}
        name_credit = ET.SubElement(credit, "name-credit", attrib)
        element = ET.SubElement(name_credit, "artist", id=mbid)
        _text(element, "name", name)
        _text(element, "sort-name", sort_name)
    return credit
