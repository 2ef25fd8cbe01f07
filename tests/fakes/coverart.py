"""A local Cover Art Archive: the JSON image lists, the redirects, and the image bytes.

It starts with the three recorded answers (release 76df3287…, the old-style libcoverart release
2592c7ed… and release group c31a5e2b…) and a test adds its own with ``add_release`` and
``add_release_group``. As on the real archive, ``/release/{mbid}`` answers 307 to an
archive.org-style ``index.json`` (served here too), ``/release[-group]/{mbid}/front[-250|-500|-1200]``
answers 307 to the image, an invalid MBID is 400 and a release without art 404.

Image URLs in the recorded JSON point at coverartarchive.org; answers rewrite them to this
server so following them stays on 127.0.0.1. Must not: reach the network.
"""

from __future__ import annotations

import copy
import re

from flask import Flask, Response, redirect

from .server import TINY_JPEG, FakeServer, json_response, load_fixture

RELEASE_FIXTURES = {
    "76df3287-6cda-33eb-8e9a-044b5e15ffdd": "caa-api-doc_release_76df3287.json",
    "2592c7ed-1412-4895-b4a6-d9270ddc23fd": "libcoverart_sample-json.json",
}
RELEASE_GROUP_FIXTURES = {"c31a5e2b-0bf8-32e0-8aeb-ef4ba9973932": "caa-api-doc_release-group_c31a5e2b.json"}
REAL_HOSTS = ("http://coverartarchive.org", "https://coverartarchive.org")
MBID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
FRONT = re.compile(r"front(?:-(250|500|1200))?")
IMAGE_FILE = re.compile(r"\d+(?:-(?:250|500|1200))?\.(?:jpg|png|gif)")


class FakeCoverArt(FakeServer):
    name = "coverart"

    def __init__(self) -> None:
        self.releases: dict[str, dict] = {mbid: load_fixture("coverartarchive", name)
                                          for mbid, name in RELEASE_FIXTURES.items()}
        self.release_groups: dict[str, dict] = {mbid: load_fixture("coverartarchive", name)
                                                for mbid, name in RELEASE_GROUP_FIXTURES.items()}
        super().__init__()

    def add_release(self, mbid: str, images: list[dict] | None = None) -> dict:
        """A release with these CAA image dicts; by default one approved front cover."""
        body = {"images": images if images is not None else [image(mbid, 1000 + len(self.releases))],
                "release": f"https://musicbrainz.org/release/{mbid}"}
        with self._lock:
            self.releases[mbid] = body
        return body

    def add_release_group(self, mbid: str, release_mbid: str) -> dict:
        """A release group whose art is that of ``release_mbid`` (as the archive picks one)."""
        with self._lock:
            body = copy.deepcopy(self.releases[release_mbid])
            self.release_groups[mbid] = body
        return body

    def routes(self, app: Flask) -> None:
        app.get("/release/<mbid>")(self._release)
        app.get("/archive/mbid-<mbid>/index.json")(self._archive_index)
        app.get("/release-group/<mbid>")(self._release_group)
        app.get("/release/<mbid>/<name>")(self._release_file)
        app.get("/release-group/<mbid>/<name>")(self._release_group_file)

    def _release(self, mbid: str):
        problem = self._check(self.releases, mbid)
        return problem or redirect(f"{self.url}/archive/mbid-{mbid}/index.json", code=307)

    def _archive_index(self, mbid: str):
        return self._check(self.releases, mbid) or json_response(self._localised(self.releases[mbid]))

    def _release_group(self, mbid: str):
        return self._check(self.release_groups, mbid) or json_response(self._localised(self.release_groups[mbid]))

    def _release_file(self, mbid: str, name: str):
        return self._file(self.releases, mbid, name)

    def _release_group_file(self, mbid: str, name: str):
        return self._file(self.release_groups, mbid, name)

    def _file(self, store: dict, mbid: str, name: str):
        if MBID.fullmatch(mbid) and IMAGE_FILE.fullmatch(name):  # any release's image file is this JPEG
            return Response(TINY_JPEG, mimetype="image/jpeg")
        problem = self._check(store, mbid)
        if problem:
            return problem
        match = FRONT.fullmatch(name)
        front = next((i for i in store[mbid]["images"] if i.get("front")), None)
        if not match or front is None:
            return not_found()
        url = front["thumbnails"].get(match.group(1), front["image"]) if match.group(1) else front["image"]
        return redirect(self._local(url), code=307)

    def _check(self, store: dict, mbid: str):
        if not MBID.fullmatch(mbid):
            return Response(f"{mbid} is not a valid MBID", 400, mimetype="text/plain")
        with self._lock:
            known = mbid in store
        return None if known else not_found()

    def _localised(self, body: dict) -> dict:
        body = copy.deepcopy(body)
        for item in body.get("images", []):
            item["image"] = self._local(item["image"])
            item["thumbnails"] = {key: self._local(url) for key, url in item.get("thumbnails", {}).items()}
        return body

    def _local(self, url: str) -> str:
        for host in REAL_HOSTS:
            if url.startswith(host):
                return self.url + url[len(host):]
        return url


def image(release_mbid: str, image_id: int, *, front: bool = True, types: tuple[str, ...] = ("Front",)) -> dict:
    """A new-style CAA image entry, as recorded in caa-api-doc_release_76df3287.json."""
    base = f"http://coverartarchive.org/release/{release_mbid}/{image_id}"
    return {"types": list(types), "front": front, "back": "Back" in types, "edit": 1, "image": f"{base}.jpg",
            "comment": "", "approved": True, "id": str(image_id),
            "thumbnails": {"250": f"{base}-250.jpg", "500": f"{base}-500.jpg", "1200": f"{base}-1200.jpg",
                           "small": f"{base}-250.jpg", "large": f"{base}-500.jpg"}}


def not_found() -> Response:
    return Response("Not Found", 404, mimetype="text/plain")
