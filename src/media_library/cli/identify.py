"""``media-library identify FILE... [--json]`` and ``media-library library scan|organize|undo|preview``.

``identify`` runs the same pipeline as the identify job (guessit → MediaInfo → TMDb for video,
fpcalc → AcoustID → MusicBrainz for audio) without touching the database or moving anything, and
prints per file the kind, title, year, tmdb id, season/episode where they apply, the confidence
and the candidates: it composes only the library's read-only part (``matcher``, music) on the
process's clients, with no database. The ``library`` commands run scan / organize / undo in this
process on the runtime's own ``services.library``.
"""

from __future__ import annotations

import json
import os

from ..clients.external import ExternalClients
from ..errors import MediaLibraryError
from ..runtime import Runtime
from ..services.library import LibraryServices
from ..services.library.scan import AUDIO_EXTENSIONS


def add_parser(commands) -> None:
    identify = commands.add_parser("identify", help="identify media files without moving them")
    identify.add_argument("files", nargs="+", metavar="FILE")
    identify.add_argument("--json", action="store_true", help="print JSON (one object with a list of results)")
    identify.set_defaults(handler=identify_files)

    library = commands.add_parser("library", help="scan and organize the library").add_subparsers(dest="action", metavar="ACTION")
    library.required = True
    library.add_parser("scan", help="scan the library roots (new files are identified)").set_defaults(handler=library_scan)
    library.add_parser("preview", help="list every move organize would make").set_defaults(handler=library_preview)
    library.add_parser("organize", help="move identified files into the library naming").set_defaults(handler=library_organize)
    library.add_parser("undo", help="move the last organized batch back").set_defaults(handler=library_undo)


def _settings(args):
    from .main import settings_from_args

    return settings_from_args(args)


def identify_files(args) -> int:
    settings = _settings(args)
    clients = ExternalClients.from_settings(settings)
    lib = LibraryServices(settings, state=None, bus=None, jobs=None, clients=clients)
    try:
        results = [identify_one(lib, path) for path in args.files]
    finally:
        clients.close()
    if args.json:
        print(json.dumps({"results": results}, ensure_ascii=False, indent=2))
    else:
        for result in results:
            print(_line(result))
    return 0 if all("error" not in r for r in results) else 1


def identify_one(lib: LibraryServices, path: str) -> dict:
    out = {"file": path}
    try:
        if os.path.splitext(path)[1].lower() in AUDIO_EXTENSIONS:
            return {**out, **lib.music.identify_path(path).to_public()}
        return {**out, **lib.matcher.identify_path(path).to_public()}
    except MediaLibraryError as exc:
        return {**out, "error": exc.message}
    except OSError as exc:
        return {**out, "error": exc.strerror or str(exc)}


def _line(r: dict) -> str:
    if "error" in r:
        return f"{r['file']}: error: {r['error']}"
    where = f" S{r['season']:02d}E{'-E'.join(f'{e:02d}' for e in r['episodes'])}" if r.get("season") is not None and r.get("episodes") else ""
    ident = f" tmdb {r['tmdb_id']}" if r.get("tmdb_id") else ""
    return f"{r['file']}: {r['kind']} {r.get('title')!s} ({r.get('year') or '?'}){where}{ident} confidence {r['confidence']:.2f}"


def _with_runtime(args, work) -> int:
    runtime = Runtime.build(_settings(args), "worker")
    try:
        print(json.dumps(work(runtime.services.library), ensure_ascii=False, indent=2))
    finally:
        runtime.stop()
    return 0


def library_scan(args) -> int:
    return _with_runtime(args, lambda lib: lib.scanner.scan().to_dict())


def library_preview(args) -> int:
    return _with_runtime(args, lambda lib: {"items": [p.to_dict() for p in lib.organizer.plan()]})


def library_organize(args) -> int:
    return _with_runtime(args, lambda lib: lib.organizer.organize().to_dict())


def library_undo(args) -> int:
    return _with_runtime(args, lambda lib: lib.organizer.undo_last().to_dict())

