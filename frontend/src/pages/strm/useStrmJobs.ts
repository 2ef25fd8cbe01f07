// The latest strm.export jobs, kept live by the same Socket.IO events and reducer as the Jobs page.
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { api, messageOf, type Job } from "../../lib/api";
import type { JobProgress } from "../../lib/events.gen";
import { useServerEvent, useSocket } from "../../lib/socket";
import { initialJobList, jobListReducer } from "../jobs/jobList";

export const STRM_KIND = "strm.export";
const SHOWN = 3;

/** ``onFinished`` runs when one of them ends (to reload the last run's report). */
export function useStrmJobs(onFinished: (job: Job) => void) {
  const { connected } = useSocket();
  const [state, dispatch] = useReducer(jobListReducer, initialJobList);
  const [error, setError] = useState<string | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  // Reload after every (re)connect so that events missed while disconnected are not missed here.
  useEffect(() => {
    api.listJobs({ kind: STRM_KIND, limit: SHOWN }).then(
      (page) => {
        dispatch({ type: "page", jobs: page.items, nextBeforeId: null, append: false });
        setError(null);
      },
      (e: unknown) => setError(messageOf(e)),
    );
  }, [connected]);

  const track = useCallback((job: Job) => {
    if (job.kind !== STRM_KIND) return;
    dispatch({ type: "updated", job });
    if (job.status === "done" || job.status === "failed") finished.current(job);
  }, []);
  const onProgress = useCallback((p: JobProgress) => {
    if (p.kind === STRM_KIND) dispatch({ type: "progress", progress: p });
  }, []);
  useServerEvent("job_updated", track);
  useServerEvent("job_progress", onProgress);

  return { jobs: state.jobs.slice(0, SHOWN), track, error };
}
