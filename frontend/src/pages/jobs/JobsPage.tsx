// The jobs dashboard: newest jobs first with live progress (Socket.IO job_updated/job_progress),
// readable names and a summary of what each finished job did, cancel and retry, a status filter,
// key-based paging, and (folded away, for admins) a form to run a job by hand.
import { useCallback, useEffect, useId, useReducer, useState } from "react";
import { EmptyState, ErrorNotice } from "../../components/Notice";
import { api, messageOf, type Job } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { canManageLibrary } from "../../lib/roles";
import type { JobProgress } from "../../lib/events.gen";
import { useServerEvent, useSocket } from "../../lib/socket";
import { initialJobList, jobListReducer } from "./jobList";
import { JobRow } from "./JobRow";
import { RunJobForm } from "./RunJobForm";

const STATUSES = ["", "queued", "running", "done", "failed", "cancelled", "interrupted"];
const PAGE_SIZE = 50;

export function JobsPage() {
  const { user } = useAuth();
  const { connected } = useSocket();
  const [state, dispatch] = useReducer(jobListReducer, initialJobList);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const filterId = useId();

  const load = useCallback(async (status: string, beforeId: number | null) => {
    setLoading(true);
    try {
      const page = await api.listJobs({ status, before_id: beforeId, limit: PAGE_SIZE });
      dispatch({ type: "page", jobs: page.items, nextBeforeId: page.next_before_id, append: beforeId !== null });
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setLoading(false);
    }
  }, []);

  // Reload the first page when the filter changes and after every (re)connect, so that events
  // missed while disconnected are not missed on screen.
  useEffect(() => {
    void load(state.statusFilter, null);
  }, [load, state.statusFilter, connected]);

  const onUpdated = useCallback((job: Job) => dispatch({ type: "updated", job }), []);
  const onProgress = useCallback((progress: JobProgress) => dispatch({ type: "progress", progress }), []);
  useServerEvent("job_updated", onUpdated);
  useServerEvent("job_progress", onProgress);

  const isAdmin = user?.role === "admin";
  const canManage = canManageLibrary(user?.role);
  return (
    <section>
      <div className="page-head">
        <h1>Jobs</h1>
        <div className="field field-inline">
          <label htmlFor={filterId}>Status</label>
          <select id={filterId} value={state.statusFilter} onChange={(e) => dispatch({ type: "filter", status: e.target.value })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{s || "all"}</option>
            ))}
          </select>
        </div>
      </div>
      <ErrorNotice message={error} />
      {state.jobs.length === 0 && !loading ? <EmptyState title="No jobs yet" /> : null}
      <ol className="job-list">
        {state.jobs.map((job) => (
          <JobRow key={job.id} job={job} canManage={canManage} onChanged={onUpdated} />
        ))}
      </ol>
      {state.nextBeforeId !== null ? (
        <button type="button" disabled={loading} onClick={() => void load(state.statusFilter, state.nextBeforeId)}>
          Load older jobs
        </button>
      ) : null}
      {isAdmin ? (
        <details className="admin-tool">
          <summary>Admin tool: run a job by hand</summary>
          <RunJobForm onStarted={onUpdated} />
        </details>
      ) : null}
    </section>
  );
}
