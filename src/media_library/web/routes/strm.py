"""The STRM export API (admin only): settings, run now, preview, last run, last report (CSV),
rotate the stream token. Thin: everything happens in ``services/strm`` and the ``strm.export``
job. Documented in docs/STRM.md.
"""

from __future__ import annotations

from pathlib import Path

from flask import Response, jsonify

from ...errors import NotFound
from ...models.job_payloads import STRM_EXPORT
from ...services.activity import SETTINGS_CHANGED, settings_changed
from ...services.strm import service
from ...services.strm.stream_token import stream_token
from ..audit import audit
from ..auth import services
from ..disposition import as_download
from ..openapi import ApiBlueprint, obj
from ..schemas import ref, shape
from ..security import read_json

bp = ApiBlueprint("strm", __name__, url_prefix="/api/strm")
KIND = STRM_EXPORT
RUN_FIELDS = ("style", "cleanup", "force")
JOB = ref("Job")
SETTINGS = ref("StrmSettings")


@bp.endpoint_spec("/settings", "GET", "The effective STRM export settings", auth="admin", response=SETTINGS)
def get_settings():
    c = services()
    return _settings_body(service.effective_settings(c.settings, c.state))


def _settings_body(strm):
    """The settings plus ``auto_export`` (read-only): whether library changes export, and why not."""
    return jsonify({**service.public_settings(strm), "auto_export": service.auto_export_status(services().settings, strm)})


@bp.endpoint_spec("/settings", "PUT", "Change STRM export settings (any subset of the strm.* keys)", auth="admin",
                  request=ref("StrmChanges"), response=SETTINGS)
def put_settings():
    c = services()
    body = read_json(allowed=_setting_keys())
    changed = service.update_settings(c.settings, c.state, body)
    audit(SETTINGS_CHANGED, settings_changed(f"strm.{key}" for key in body))
    from ...services.strm.auto import install_schedule

    install_schedule(c.settings, c.state, c.scheduler)
    return _settings_body(changed)


def _setting_keys() -> list[str]:
    return list(service.public_settings(services().settings.strm))


def _enqueue(dry_run: bool):
    body = read_json(allowed=RUN_FIELDS)
    payload = {**{k: body[k] for k in RUN_FIELDS if k in body}, "dry_run": dry_run}
    job, created = services().jobs.enqueue(KIND, payload, idempotency_key=f"{KIND}:{'preview' if dry_run else 'manual'}")
    return jsonify(job.to_public()), 201 if created else 200


@bp.endpoint_spec("/run", "POST", "Export now (a strm.export job); body: style, cleanup, force", auth="admin",
                  request=obj(style="string", cleanup="string", force="boolean"), response=JOB, status=201, also=(200,))
def run_now():
    return _enqueue(dry_run=False)


@bp.endpoint_spec("/preview", "POST", "Dry run: decide and report, write and delete nothing (a job)", auth="admin",
                  request=obj(style="string", cleanup="string", force="boolean"), response=JOB, status=201, also=(200,))
def preview():
    return _enqueue(dry_run=True)


@bp.endpoint_spec("/last-run", "GET", "Summary of the last export (counts, guard, report)", auth="admin",
                  response=ref("StrmRun"))
def last_run():
    summary = services().state.get_app_setting(service.LAST_RUN_KEY)
    if summary is None:
        raise NotFound("no export has run yet")
    return jsonify({k: v for k, v in summary.items() if k != "report"} | {"report_url": "/api/strm/report.csv"})


@bp.endpoint_spec("/report.csv", "GET", "The last export's report as CSV (path, action, item, reason)", auth="admin",
                  media_type="text/csv")
def report_csv():
    c = services()
    summary = c.state.get_app_setting(service.LAST_RUN_KEY) or {}
    path = Path(summary.get("report") or "")
    folder = service.reports_dir(c.settings).resolve()
    if not summary.get("report") or path.resolve().parent != folder or not path.is_file():
        raise NotFound("no export report yet")
    return as_download(Response(path.read_bytes(), mimetype="text/csv"), path.name)


@bp.endpoint_spec("/token/rotate", "POST", "Revoke the export's stream token and make a new one (the next export rewrites every .strm)",
                  auth="admin", response=shape(rotated=bool))
def rotate_token():
    stream_token(services().state, rotate=True)
    return jsonify({"rotated": True})
