"""The disc use cases: a disc came in → identify → wait for confirmation → rip job → result.

``DiscService.on_insert`` records the disc (label, kind, fingerprint), recognises a disc ripped
before (then it asks instead of ripping again), cleans the label and asks the library's
identification for candidates, and opens the confirmation window (``disc.confirm_window_seconds``).
A disc seen again is the same disc, not a new one (``known_disc``): a disc whose record is not
``done`` (waiting, in review, ripping, interrupted, failed…) is that record, and so is a ``done``
image still lying unchanged in the watch folder after a restart; only a ``done`` disc inserted
again is recorded anew, as ``ripped_before``. A label that names no film goes to ``review``
instead of a window that would rip it under the label (``candidates.py``), and so does a rip whose
tied candidates its runtime cannot tell apart, or whose film already has a file in the library.
``confirm`` (a person) or ``expire_windows`` (the window ran out, with ``disc.auto_rip``) moves
it to ``confirmed`` exactly once and queues the job. Discs announced by a monitor-mode process
(``origin = remote``) are confirmed the same way but ripped by that process; the server only
publishes what it reports (``accept_remote_result``). Discs are a source under the ingestion
contract (``services/ingest.py``): a rip is fetched into its job's work folder and staging, then
published through the library's ``publisher.adopt`` when a library is given, so rips get the
library's names, NFO files and artwork.

Must not: import Flask, run HandBrake itself (jobs do), or read a disc label as anything but text.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ... import events
from ...errors import Conflict, InvalidInput, MediaLibraryError, NotFound, ToolError, ToolMissing
from ...models.discs import Disc
from ...models.job_payloads import DISC_AUDIO_CD, DISC_IMAGE, DISC_RIP, DiscPayload
from ...tools import ffprobe, makemkv, notify
from . import rip
from .candidates import NeedsReview, generic_label
from .events import DiscUpdated
from .labels import clean_label, printable
from .makemkv_rip import ENCRYPTED_MESSAGE
from .monitor import InsertedDisc
from .preview import RipPreview

log = logging.getLogger(__name__)
Identify = Callable[[str], list[dict[str, Any]]]
JOB_KINDS = {"movie": DISC_RIP, "tv": DISC_RIP, "audio": DISC_AUDIO_CD, "image": DISC_IMAGE}
CONFIRMABLE = ("waiting", "ripped_before", "review")


def watch_dir(settings) -> Path:
    return Path(settings.disc.watch_dir).expanduser().resolve() if settings.disc.watch_dir else settings.data_dir / "discs"


def tmdb_identify(settings, matcher) -> Identify:
    """Candidates for a cleaned label through the library's ``Matcher`` (TMDb)."""
    from ...tools.names import parse_name
    from ..library.identify import candidate_public

    def identify(title: str) -> list[dict[str, Any]]:
        if not title or not settings.tmdb.api_key:
            return []
        match = matcher.resolve(parse_name(f"{title}.mkv"), None)
        return [candidate_public(c) for c in match.candidates]

    return identify


def no_candidates(_title: str) -> list[dict[str, Any]]:
    return []


def default_choice(kind: str, guess: str, label: str, candidates: list[dict[str, Any]]) -> dict[str, Any]:
    if kind == "audio_cd":
        return {"mode": "audio"}
    if kind == "data":
        return {"mode": "image", "title": guess or label or "Data Disc"}
    if candidates:  # "auto": nobody picked it; the rip may settle a tie by runtime (candidates.settle)
        best = candidates[0]
        return {"mode": "movie", "tmdb_id": int(best["provider_id"]), "title": best["title"], "year": best["year"],
                "runtime_minutes": best.get("runtime_minutes"), "auto": True}  # fmt: skip
    return {"mode": "movie", "title": guess or None, "year": None}


def already_published(disc: Disc) -> dict[int, dict[str, Any]]:
    """The outputs of ``disc`` an earlier attempt published, by title index."""
    result = disc.result if isinstance(disc.result, dict) else {}
    return {int(o["title_index"]): o for o in result.get("published", [])}


def still_in_watch_folder(known: Disc, disc: InsertedDisc) -> bool:
    """Whether a ``done`` disc seen again is its image still lying, unchanged, where it was ripped from."""
    if disc.backend != "watch" or known.source != disc.source:
        return False
    try:
        return Path(disc.source).stat().st_mtime <= known.created_at
    except OSError:
        return False


def merge_choice(current: dict[str, Any], change: dict[str, Any]) -> dict[str, Any]:
    """``change`` over ``current``; switching the mode (a film disc said to be TV) drops the old
    mode's TMDb match, runtime and titles unless the change gives its own."""
    merged = {**current, **change}
    if change:
        merged.pop("auto", None)  # a person said what it is
    if change.get("mode") and change["mode"] != current.get("mode"):
        for key in ("tmdb_id", "runtime_minutes", "title_index", "titles"):
            if key not in change:
                merged.pop(key, None)
    return merged


def validate_choice(choice: dict[str, Any]) -> dict[str, Any]:
    """Only known fields with sane values; a TV choice needs a series, a season and a first episode."""
    allowed = {"mode", "title", "year", "tmdb_id", "runtime_minutes", "title_index", "include_extras",
               "series", "season", "first_episode", "auto", "duplicate", "titles"}  # fmt: skip
    unknown = set(choice) - allowed
    if unknown:
        raise InvalidInput(f"unknown field(s) in the disc choice: {', '.join(sorted(unknown))}")
    if choice.get("mode") not in JOB_KINDS:
        raise InvalidInput("mode must be movie, tv, audio or image")
    if choice.get("duplicate") not in (None, "keep_both", "discard"):
        raise InvalidInput("duplicate must be keep_both or discard")
    for key in ("year", "tmdb_id", "title_index", "season", "first_episode"):
        if choice.get(key) is not None and (not isinstance(choice[key], int) or isinstance(choice[key], bool) or choice[key] < 0):
            raise InvalidInput(f"{key} must be a whole number")
    titles = ticked_titles(choice.pop("titles", None))
    if titles:
        choice["titles"] = titles
    for key in ("title", "series"):
        if choice.get(key) is not None:
            choice[key] = printable(choice[key])[:200]
    if choice["mode"] == "tv" and not (choice.get("series") and choice.get("season") is not None):
        raise InvalidInput("a TV disc needs the series and the season (and the first episode, default 1)")
    return choice


def ticked_titles(titles: Any) -> list[int] | None:
    """The title numbers a person ticked, sorted and once each; None (the plan decides) for null."""
    if titles is None:
        return None
    if not isinstance(titles, list) or not all(isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in titles):
        raise InvalidInput("titles must be a list of title numbers (1, 2, …), or null to let the plan choose")
    if not titles:
        raise InvalidInput("tick at least one title to rip, or send null to let the plan choose")
    return sorted(set(titles))


class DiscService:
    def __init__(self, state, bus: events.EventBus, settings, *, enqueue=None, identify: Identify | None = None,
                 clock: Callable[[], float] = time.time, desktop=notify.desktop_notify, apprise=notify.apprise_notify,
                 library=None):  # fmt: skip
        self.state, self.bus, self.settings = state, bus, settings
        self.enqueue = enqueue
        self.library = library  # LibraryServices: rips published through its identification and organizer
        if identify is None:
            identify = tmdb_identify(settings, library.matcher) if library is not None else no_candidates
        self.identify = identify
        self.clock = clock
        self._desktop, self._apprise = desktop, apprise
        self.preview = RipPreview(settings, library.tmdb if library is not None else None)

    # --- a disc came in ------------------------------------------------------------------------
    def on_insert(self, disc: InsertedDisc) -> Disc:
        log.info("Disc inserted: %r (%s) in %s", disc.label, disc.kind, disc.backend)
        known = self.known_disc(disc)
        if known is not None:
            return self._seen_again(known, disc)
        if disc.kind == "bluray" and disc.encrypted and not makemkv.available():
            return self._unsupported(disc)
        return self.register(disc.fingerprint, label=disc.label, kind=disc.kind, source=disc.source, device=disc.device)

    def known_disc(self, disc: InsertedDisc) -> Disc | None:
        """The record of this disc when it is one we already have (see the module doc)."""
        latest = self.state.latest_disc(disc.fingerprint)
        if latest is None or latest.origin != "local":
            return None
        if latest.status != "done" or still_in_watch_folder(latest, disc):
            return latest
        return None

    def _seen_again(self, known: Disc, disc: InsertedDisc) -> Disc:
        log.info("Disc %r is disc %s seen again (%s); not registered again", disc.label, known.id, known.status)
        if (known.source, known.device) != (disc.source, disc.device):
            known = self.state.update_disc(known.id, source=disc.source, device=disc.device)
        self.publish(known)
        return known

    def register(self, fingerprint: str, *, label: str, kind: str, source: str = "", device: str | None = None,
                 origin: str = "local", remote_key: str | None = None) -> Disc:  # fmt: skip
        label = printable(label)
        guess = clean_label(label)
        candidates, message = self._candidates(guess, kind)
        prior = self.state.find_ripped_disc(fingerprint)
        status = "ripped_before" if prior else "waiting"
        if prior:
            message = f"ripped before on {time.strftime('%Y-%m-%d', time.localtime(prior.updated_at))}; confirm to rip it again"
        elif kind in ("dvd", "bluray") and not guess:
            status, message = "review", generic_label(label)
        record = self.state.add_disc(
            fingerprint, label=label, title_guess=guess, kind=kind, source=source, device=device, origin=origin,
            remote_key=remote_key, status=status, candidates=candidates, message=message,
            choice=prior.choice if prior else default_choice(kind, guess, label, candidates),
            confirm_deadline=None if status != "waiting" else self.clock() + self.settings.disc.confirm_window_seconds,
        )  # fmt: skip
        self.publish(record)
        self.notify("Disc waiting for a title" if not prior else "Disc ripped before", f"{label or 'A disc'}: {record.message or 'confirm or correct the title'}")
        return record

    def _candidates(self, guess: str, kind: str) -> tuple[list[dict[str, Any]], str]:
        if kind in ("audio_cd", "data"):
            return [], ""
        try:
            found = self.identify(guess)
        except MediaLibraryError as exc:
            return [], f"identification failed: {exc.message}"
        return found, "" if found else "no match found; type the title"

    def _unsupported(self, disc: InsertedDisc) -> Disc:
        record = self.state.add_disc(disc.fingerprint, label=disc.label, title_guess=clean_label(disc.label),
                                     kind=disc.kind, source=disc.source, device=disc.device, status="unsupported",
                                     error=ENCRYPTED_MESSAGE, message=ENCRYPTED_MESSAGE)  # fmt: skip
        self.publish(record)
        self.notify("Disc cannot be ripped", f"{disc.label}: {ENCRYPTED_MESSAGE}")
        return record

    # --- people and the clock ------------------------------------------------------------------
    def search(self, disc_id: int, title: str) -> Disc:
        found, message = self._candidates(printable(title)[:200], self.state.get_disc(disc_id).kind)
        record = self.state.update_disc(disc_id, candidates=found, message=message)
        self.publish(record)
        return record

    def confirm(self, disc_id: int, choice: dict[str, Any] | None = None, *, rip_again: bool = False) -> Disc:
        current = self.state.get_disc(disc_id)
        if current.status == "ripped_before" and not rip_again:
            raise Conflict("this disc was ripped before; confirm again with rip_again to rip it once more")
        if current.status not in CONFIRMABLE:
            raise Conflict(f"disc {disc_id} is {current.status}; only a waiting disc or one in review can be confirmed")
        merged = self._merged(current, choice or {})
        if not merged.get("title") and merged.get("mode") in ("movie", "image"):
            raise InvalidInput("say what the disc is first: a title or a match")
        if merged.get("duplicate") == "discard":
            return self.discard_rip(disc_id)
        record = self.state.update_disc(disc_id, only_if_status=CONFIRMABLE, status="confirmed",
                                        choice=merged, message="confirmed", confirm_deadline=None)  # fmt: skip
        if record is None:
            raise Conflict(f"disc {disc_id} was confirmed meanwhile")
        if record.origin == "local" and self.enqueue is not None:
            record = self._queue(record)
        self.publish(record)
        return record

    def _queue(self, record: Disc) -> Disc:
        kind = JOB_KINDS[record.choice["mode"]]
        job, _ = self.enqueue(kind, DiscPayload(disc_id=record.id), idempotency_key=f"disc:{record.id}")
        return self.state.update_disc(record.id, job_id=job.id, message="queued")

    def update_choice(self, disc_id: int, choice: dict[str, Any]) -> Disc:
        """Correct the title (or TV parameters) while the window is open, without starting the rip."""
        merged = self._merged(self.state.get_disc(disc_id), choice)
        record = self.state.update_disc(disc_id, only_if_status=CONFIRMABLE, choice=merged)
        if record is None:
            raise Conflict(f"disc {disc_id} is no longer waiting")
        self.publish(record)
        return record

    def _merged(self, current: Disc, change: dict[str, Any]) -> dict[str, Any]:
        """``change`` over the disc's choice, checked; no more titles ticked than one disc may give."""
        merged = validate_choice(merge_choice(current.choice, change))
        rip.check_ticked_count(len(merged.get("titles", ())), self.settings.disc.max_outputs)
        return merged

    def hold(self, disc_id: int) -> Disc:
        """A person stops the countdown: the disc waits in ``review`` until someone confirms it."""
        record = self.state.update_disc(disc_id, only_if_status=("waiting", "ripped_before"), status="review",
                                        confirm_deadline=None, message="on hold: nothing is ripped until you start it")  # fmt: skip
        if record is None:
            raise Conflict(f"disc {disc_id} is {self.state.get_disc(disc_id).status}; only a waiting disc can be put on hold")
        self.publish(record)
        return record

    def expire_windows(self) -> list[Disc]:
        """Confirm the discs whose window ended (with ``disc.auto_rip``)."""
        if not self.settings.disc.auto_rip:
            return []
        started = []
        for record in self.state.list_discs_due(self.clock()):
            try:
                started.append(self.confirm(record.id))
            except (Conflict, InvalidInput) as exc:
                log.info("Disc %s not started: %s", record.id, exc.message)
        return started

    # --- progress and outcome (jobs and monitor-mode reports) ---------------------------------
    def progress(self, disc_id: int, percent: float, message: str, status: str = "ripping") -> None:
        """A rip moved on; ``status`` is ``imaging`` or ``ejected`` while an eject-early rip copies the
        disc to an image and then encodes from it."""
        self.publish(self.state.update_disc(disc_id, status=status, progress=round(percent, 2), message=message[:300]))

    def finished(self, disc_id: int, result: dict[str, Any]) -> Disc:
        record = self.state.update_disc(disc_id, status="done", progress=100.0, result=result, message="done", error=None)
        self.publish(record)
        self.bus.publish(events.LibraryUpdated([o["media_id"] for o in result.get("outputs", []) if o.get("media_id")], "disc rip"))
        self.notify("Rip finished", f"{record.choice.get('title') or record.choice.get('series') or record.label}: {len(result.get('outputs', []))} file(s)")
        return record

    def to_review(self, disc_id: int, message: str, **fields: Any) -> Disc:
        """The rip stopped for a person to choose (tied candidates, a film already in the library)."""
        record = self.state.update_disc(disc_id, status="review", message=message[:2000], progress=0.0, **fields)
        self.publish(record)
        self.notify("Disc waits for you", f"{record.label}: {message[:200]}")
        return record

    def follow_jobs(self, bus: events.EventBus):
        """Publish a disc again when its job changes state (a killed rip is ``interrupted``, Retry
        queues it again), off the publishing thread; returns the unsubscribe function."""
        def on_event(event: events.Event) -> None:
            if isinstance(event, events.JobUpdated) and str(event.public.get("kind", "")).startswith("disc."):
                self.publish(self.state.find_disc_by_job(int(event.public["id"])))

        return bus.subscribe(on_event, background=True)

    def failed(self, disc_id: int, error: str) -> Disc:
        record = self.state.update_disc(disc_id, status="failed", error=error[:2000], message="failed")
        self.publish(record)
        self.notify("Rip failed", f"{record.label}: {error[:200]}")
        return record

    def get(self, disc_id: int) -> Disc:
        return self.state.get_disc(disc_id)

    def plan(self, disc_id: int) -> dict[str, Any]:
        """The disc's titles and what its rip would make with the current choice (``preview.py``)."""
        return self.preview.plan(self.state.get_disc(disc_id))

    # --- monitor mode: the server side -----------------------------------------------------------
    def announce(self, key: str, fingerprint: str, label: str, kind: str) -> Disc:
        """A monitor-mode process reports a disc; announcing the same key twice is harmless."""
        existing = self.state.get_disc_by_remote_key(key)
        if existing is not None:
            return existing
        return self.register(fingerprint, label=label, kind=kind, origin="remote", remote_key=key)

    def remote_disc(self, key: str) -> Disc:
        record = self.state.get_disc_by_remote_key(key)
        if record is None:
            raise NotFound(f"no disc announced as {key!r}")
        if record.status == "waiting" and record.confirm_deadline is not None and record.confirm_deadline <= self.clock():
            self.expire_windows()  # the server in Docker has no disc monitor ticking for it
            record = self.state.get_disc(record.id)
        return record

    def accept_remote_result(self, key: str, outputs: list[dict[str, Any]], choice: dict[str, Any] | None = None) -> Disc:
        """Publish files a monitor staged in the shared media folder, after checking each one."""
        record = self.remote_disc(key)
        if record.status == "done":
            return record  # a re-delivered result (outbox replay): already published
        if choice and not (record.candidates and not choice.get("tmdb_id")):
            # The monitor ripped while we were away and chose by itself; our own identification
            # (made when its announcement arrived) wins over a bare label.
            record = self.state.update_disc(record.id, choice=validate_choice(merge_choice(record.choice, choice)))
        ready = []
        opts = rip.RipOptions.from_settings(self.settings.disc)
        for item in outputs:
            staged = self._staged_path(item.get("staged"))
            try:
                planned = rip.Planned(int(item["title_index"]), float(item["duration_s"]), str(item.get("role") or "main"),
                                      int(item.get("number") or 1))  # fmt: skip
            except (KeyError, TypeError, ValueError) as exc:
                raise InvalidInput("each output needs staged, title_index and duration_s") from exc
            if planned.role not in ("main", "extra", "episode"):
                raise InvalidInput("role must be main, extra or episode")
            ready.append((planned, staged, self._verify_staged(item["staged"], staged, planned, opts)))
        try:
            published = self.publish_outputs(record, record.choice, ready)
        except NeedsReview as exc:
            return self.to_review(record.id, exc.message)
        staging = rip.staging_dir(self.settings.media_dir, f"monitor-{key}")
        rip.remove_empty(staging, staging.parent)  # published: nothing of this rip is left in .incoming
        return self.finished(record.id, {"outputs": published})

    def publish_outputs(self, disc: Disc, choice: dict[str, Any], outputs) -> list[dict[str, Any]]:
        """Verified files into the library: through the publish step (names, NFO, artwork) when we have
        one. Each published output is noted on the disc at once, so a retry never publishes it again
        (``already_published``); a film that already has a file in the library stops the rip for a
        person (``NeedsReview``) unless the choice says ``duplicate: keep_both``."""
        publisher = self.library.publisher if self.library is not None else None
        done = already_published(disc)
        outputs = [o for o in outputs if o[0].title_index not in done]
        if choice.get("duplicate") != "keep_both":
            self._refuse_duplicate(disc, choice, outputs)
        fresh = rip.publish_outputs(self.state, self.settings.media_dir, choice, outputs, publisher=publisher,
                                    film_folder=self._published_film_folder(done),
                                    on_published=lambda entry: self.state.add_published_output(disc.id, entry))
        return [*done.values(), *fresh]

    def _refuse_duplicate(self, disc: Disc, choice: dict[str, Any], outputs) -> None:
        main = next((staged for planned, staged, _ in outputs if planned.role == "main"), None)
        if main is None or choice.get("mode") != "movie" or not choice.get("tmdb_id"):
            return
        existing = self.state.library_file_of("tmdb", str(choice["tmdb_id"]), kind="movie")
        if existing is None:
            return
        waiting = rip.shown_path(main, self.settings.media_dir)
        raise NeedsReview(f"{choice.get('title')} ({choice.get('year') or '?'}) is already in the library "
                          f"({rip.shown_path(Path(existing), self.settings.media_dir)}); the new rip waits in {waiting}. "
                          "Confirm with duplicate keep_both to add it as a second version, or discard to delete it")

    def _published_film_folder(self, done: dict[int, dict[str, Any]]) -> Path | None:
        main = next((o for o in done.values() if o.get("role") == "main"), None)
        return (self.settings.media_dir / main["path"]).parent if main else None

    def discard_rip(self, disc_id: int) -> Disc:
        """A person chose to drop a rip that waits in review: its staged files go, the disc is done."""
        current = self.state.get_disc(disc_id)
        if current.status != "review":
            raise Conflict(f"disc {disc_id} is {current.status}; only a rip waiting in review can be discarded")
        rip.remove_staging(rip.staging_dir(self.settings.media_dir, f"disc-{disc_id}"))
        record = self.state.update_disc(disc_id, status="done", progress=100.0, message="discarded", error=None,
                                        result={**(current.result or {}), "outputs": [], "discarded": True})  # fmt: skip
        self.publish(record)
        return record

    def remote_failed(self, key: str, error: str) -> Disc:
        record = self.remote_disc(key)
        return record if record.status == "done" else self.failed(record.id, error)

    def remote_progress(self, key: str, percent: float, message: str) -> Disc:
        record = self.remote_disc(key)
        if record.status in ("confirmed", "ripping"):
            self.progress(record.id, max(0.0, min(100.0, percent)), message)
        return self.state.get_disc(record.id)

    def _staged_path(self, rel: Any) -> Path:
        """The staged file a monitor named (relative to the shared media folder); it must exist."""
        from .. import naming

        if not isinstance(rel, str) or not rel.startswith(f"{rip.STAGING}/"):
            raise InvalidInput("staged files must be under the media folder's .incoming/")
        path = naming.join_inside(self.settings.media_dir, *rel.split("/"))
        if not path.is_file():
            raise NotFound(f"the staged file {rel!r} is not in the server's media folder; the monitor and the server "
                           "must share one media folder (paths.media_dir on both)")
        return path

    @staticmethod
    def _verify_staged(rel: str, staged: Path, planned: rip.Planned, opts: rip.RipOptions) -> float:
        """Its duration; a file that is no video or is truncated is the sender's error, told without server paths."""

        def probe(path: Path) -> float:
            try:
                return ffprobe.duration(path)
            except ToolMissing:
                raise
            except ToolError as exc:  # ffprobe's message names the absolute path
                raise InvalidInput(f"the staged file {rel!r} is not a readable video; nothing was published") from exc

        try:
            return rip.verify_duration(staged, planned.duration_s, opts.min_duration_ratio, probe=probe, tool="the monitor")
        except ToolMissing:
            raise
        except ToolError as exc:  # truncated: the message has the durations, no path
            raise InvalidInput(f"the staged file {rel!r}: {exc.message}") from exc

    # --- events and notifications ----------------------------------------------------------------
    def publish(self, record: Disc | None) -> None:
        if record is not None:
            self.bus.publish(DiscUpdated.of(record))

    def notify(self, title: str, body: str) -> None:
        disc = self.settings.disc
        self._apprise(disc.notify_urls, title, body)
        if disc.desktop_notifications:
            self._desktop(title, body)
