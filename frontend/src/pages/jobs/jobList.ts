// The jobs shown on the dashboard, newest first, kept current by Socket.IO events.
import type { Job } from "../../lib/api";
import type { JobProgress } from "../../lib/events.gen";

export interface JobListState {
  jobs: Job[];
  nextBeforeId: number | null;
  statusFilter: string;
}

export type JobListAction =
  | { type: "page"; jobs: Job[]; nextBeforeId: number | null; append: boolean }
  | { type: "filter"; status: string }
  | { type: "updated"; job: Job }
  | { type: "progress"; progress: JobProgress };

export const initialJobList: JobListState = { jobs: [], nextBeforeId: null, statusFilter: "" };

function matches(state: JobListState, job: Job): boolean {
  return !state.statusFilter || job.status === state.statusFilter;
}

function isOlder(incoming: Job, current: Job): boolean {
  return incoming.updated_at !== undefined && current.updated_at !== undefined && incoming.updated_at < current.updated_at;
}

function upsert(state: JobListState, job: Job): Job[] {
  const index = state.jobs.findIndex((j) => j.id === job.id);
  if (index >= 0) {
    // A reply to cancel/retry can arrive after a newer Socket.IO update of the same job.
    if (isOlder(job, state.jobs[index]!)) return state.jobs;
    if (!matches(state, job)) return state.jobs.filter((j) => j.id !== job.id);
    const next = state.jobs.slice();
    next[index] = job;
    return next;
  }
  if (!matches(state, job)) return state.jobs;
  // A job we have not seen: new ones go on top; older ones belong to pages not loaded yet.
  const oldestLoaded = state.jobs.length ? state.jobs[state.jobs.length - 1]!.id : -Infinity;
  if (state.nextBeforeId !== null && job.id < oldestLoaded) return state.jobs;
  return [...state.jobs, job].sort((a, b) => b.id - a.id);
}

export function jobListReducer(state: JobListState, action: JobListAction): JobListState {
  switch (action.type) {
    case "page": {
      const jobs = action.append ? [...state.jobs, ...action.jobs.filter((j) => !state.jobs.some((s) => s.id === j.id))] : action.jobs;
      return { ...state, jobs, nextBeforeId: action.nextBeforeId };
    }
    case "filter":
      return { ...state, statusFilter: action.status, jobs: [], nextBeforeId: null };
    case "updated":
      return { ...state, jobs: upsert(state, action.job) };
    case "progress": {
      const { id, progress, message } = action.progress;
      const jobs = state.jobs.map((j) =>
        // Progress that arrives after the job finished must not move its bar back.
        j.id === id && j.status === "running" ? { ...j, progress, message: message ?? j.message } : j,
      );
      return { ...state, jobs };
    }
  }
}

export const ACTIVE_STATUSES = new Set(["queued", "running"]);
export const RETRYABLE_STATUSES = new Set(["failed", "cancelled", "interrupted"]);
