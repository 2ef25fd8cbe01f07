"""The jobs dashboard: list (keyset pages), one job, queue, cancel, retry.

Queueing parses the payload as the kind's dataclass (``JobService.enqueue``): a malformed one is
a 400 naming the field and nothing is queued. Cancel goes through ``JobService.cancel``, the one
way to cancel."""

from __future__ import annotations

from flask import jsonify, request

from ...errors import InvalidInput
from ...models.jobs import JOB_STATUSES
from ..auth import current_user, services
from ..openapi import ApiBlueprint, obj
from ..schemas import page, ref, shape
from ..security import query_number, read_json

bp = ApiBlueprint("jobs", __name__, url_prefix="/api/jobs", token_area=True)
JOB = ref("Job")


def _int_arg(name: str, default: int | None, low: int, high: int) -> int | None:
    return query_number(name, default, low, high)


@bp.endpoint_spec("", "GET", "List jobs, newest first, paged by before_id",
                  query={"status": "queued|running|done|failed|cancelled|interrupted", "kind": "job kind",
                         "before_id": "next_before_id of the previous page", "limit": "1-500, default 50"},
                  response=page(JOB, "next_before_id", int))
def list_jobs():
    status = request.args.get("status") or None
    if status is not None and status not in JOB_STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(JOB_STATUSES)}")
    limit = _int_arg("limit", 50, 1, 500)
    items = services().state.list_jobs(status=status, kind=request.args.get("kind") or None,
                                  before_id=_int_arg("before_id", None, 1, 2**62), limit=limit)
    next_id = items[-1].id if len(items) == limit else None
    return jsonify({"items": [j.to_public() for j in items], "next_before_id": next_id})


@bp.endpoint_spec("/kinds", "GET", "Job kinds this server can run", response=shape(kinds=list[str]))
def job_kinds():
    return jsonify({"kinds": sorted(services().jobs.known_kinds())})


@bp.endpoint_spec("/<int:job_id>", "GET", "One job", response=JOB)
def get_job(job_id: int):
    return jsonify(services().state.get_job(job_id).to_public())


@bp.endpoint_spec("", "POST", "Queue a job", auth="admin", status=201,
                  request=obj(("kind",), kind="string", payload="object"), response=JOB)
def create_job():
    body = read_json(required=("kind",), allowed=("payload",))
    job, _ = services().jobs.enqueue(str(body["kind"]), body.get("payload"), created_by=current_user().id)
    return jsonify(job.to_public()), 201


@bp.endpoint_spec("/<int:job_id>/cancel", "POST", "Cancel a job (a running one stops soon)", auth="manager", response=JOB)
def cancel_job(job_id: int):
    return jsonify(services().jobs.cancel(job_id).to_public())


@bp.endpoint_spec("/<int:job_id>/retry", "POST", "Run a failed, cancelled or interrupted job again", auth="manager",
                  response=JOB)
def retry_job(job_id: int):
    return jsonify(services().jobs.retry(job_id).to_public())
