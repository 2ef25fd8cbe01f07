"""A local AcoustID v2 ``/v2/lookup`` (POST form, gzip-encoded form or GET), built from fixtures.

Fingerprints map to stored results: an exact fingerprint, a prefix (``"AQAB*"``), or ``"any"``,
checked in that order (``add_match``). It starts with the recorded answers: fpcalc's TEST_1A
fingerprint gives Picard's full lookup (3 recordings, one id-only) and ``META2_FINGERPRINT`` the
acoustid-server test's result (old ``tracks`` shape). Unknown fingerprints get ``results: []``.

Like the server it validates ``format``, ``client`` (code 4 with the recorded 400 body),
``duration`` and ``fingerprint``, and trims each answer to the ``meta`` asked for: no meta gives
``{id, score}``, ``recordingids`` id-only recordings, ``recordings`` their metadata, and
``releasegroups``, ``releases``, ``tracks``, ``sources`` add those levels.

Must not: reach the network.
"""

from __future__ import annotations

import gzip
import re
from urllib.parse import parse_qs

from flask import Flask, request

from .server import FakeServer, fixture_path, json_response, load_fixture

META2_FINGERPRINT = "AQAAMETA2-acoustid-server-test"
ERROR_INVALID_KEY = load_fixture("acoustid", "acoustid-server-test_error_400_invalid_api_key.json")
META_ALIASES = {"1": {"recordingids"}, "2": {"recordings", "tracks"}}
RECORDING_META_KEYS = {"title": "recordings", "duration": "recordings", "artists": "recordings",
                       "releasegroups": "releasegroups", "tracks": "tracks", "sources": "sources"}
_FINGERPRINT = re.compile(r"[A-Za-z0-9_\-]+={0,2}")


def fpcalc_test_1a() -> tuple[int, str]:
    """(duration, fingerprint) from the recorded fpcalc output."""
    values = dict(line.split("=", 1) for line in
                  fixture_path("acoustid", "acoustid-server-test_fpcalc_output_TEST_1A.txt").read_text().split())
    return int(values["DURATION"]), values["FINGERPRINT"]


class FakeAcoustId(FakeServer):
    name = "acoustid"

    def __init__(self, api_key: str = "fake-acoustid-key") -> None:
        self.api_key = api_key
        self.matches: dict[str, list[dict]] = {}
        super().__init__()
        self.add_match(fpcalc_test_1a()[1], load_fixture("acoustid", "picard_acoustid_no_metadata.json")["results"])
        self.add_match(META2_FINGERPRINT,
                       load_fixture("acoustid", "acoustid-server-test_lookup_meta2_recordings_tracks.json")["results"])

    def add_match(self, fingerprint: str, results: list[dict]) -> None:
        """``fingerprint`` exact, ``"PREFIX*"``, or ``"any"``; ``results`` as AcoustID sends them."""
        with self._lock:
            self.matches[fingerprint] = results

    def routes(self, app: Flask) -> None:
        app.route("/v2/lookup", methods=["GET", "POST"])(self._lookup)

    def _lookup(self):
        params = self._params()
        problem = self._validate(params)
        if problem:
            return problem
        meta = set()
        for word in params.get("meta", "").split():
            meta |= META_ALIASES.get(word, {word})
        results = [trim_result(result, meta) for result in self._results_for(params["fingerprint"])]
        return json_response({"status": "ok", "results": results})

    def _params(self) -> dict[str, str]:
        if request.headers.get("Content-Encoding") == "gzip":
            form = parse_qs(gzip.decompress(request.get_data()).decode())
            return {key: values[0] for key, values in form.items()} | request.args.to_dict()
        return request.values.to_dict()

    def _validate(self, params: dict[str, str]):
        if params.get("format", "json") != "json":
            return error(1, "unknown format")
        for name in ("client", "duration", "fingerprint"):
            if not params.get(name):
                return error(2, f'missing required parameter "{name}"')
        if params["client"] != self.api_key:
            return json_response(ERROR_INVALID_KEY, 400)
        if not params["duration"].isdigit():
            return error(8, "invalid duration")
        if not _FINGERPRINT.fullmatch(params["fingerprint"]):
            return error(3, "invalid fingerprint")
        return None

    def _results_for(self, fingerprint: str) -> list[dict]:
        with self._lock:
            if fingerprint in self.matches:
                return self.matches[fingerprint]
            prefixes = [key for key in self.matches if key.endswith("*") and fingerprint.startswith(key[:-1])]
            if prefixes:
                return self.matches[max(prefixes, key=len)]
            return self.matches.get("any", [])


def error(code: int, message: str, status: int = 400):
    return json_response({"status": "error", "error": {"code": code, "message": message}}, status)


def trim_result(result: dict, meta: set[str]) -> dict:
    trimmed = {key: result[key] for key in ("id", "score") if key in result}
    if "recordings" in result and meta & {"recordings", "recordingids"}:
        trimmed["recordings"] = [trim_recording(recording, meta) for recording in result["recordings"]]
    return trimmed


def trim_recording(recording: dict, meta: set[str]) -> dict:
    if "recordings" not in meta:
        return {"id": recording["id"]}
    trimmed = {key: value for key, value in recording.items()
               if key == "id" or RECORDING_META_KEYS.get(key) in meta}
    if "releasegroups" in trimmed:
        trimmed["releasegroups"] = [trim_group(group, meta) for group in trimmed["releasegroups"]]
    return trimmed


def trim_group(group: dict, meta: set[str]) -> dict:
    trimmed = {key: value for key, value in group.items() if key != "releases" or "releases" in meta}
    if "releases" in trimmed and "tracks" not in meta:
        trimmed["releases"] = [{k: v for k, v in release.items() if k != "mediums"} for release in trimmed["releases"]]
    return trimmed
