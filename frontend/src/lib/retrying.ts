// "Retrying" as the app shows it: a job whose attempt failed with an error the job system tries again
// (it is queued again with its attempts counted and a time for the next try) is not "failed". The
// Jobs page and the IPTV downloads list say "retrying", which attempt failed and when the next one
// starts. No imports: the unit test compiles this file alone (frontend/tests/retrying.test.ts).

export interface RetryInfo {
  attempt: number;
  max_attempts: number;
  next_try_at: number; // seconds since the epoch
}

interface JobLike {
  status: string;
  attempts: number;
  max_attempts: number;
  run_after: number;
  error?: string | null;
}

/** The retry a job waits for (null: it is not between two attempts after an error). */
export function jobRetry(job: JobLike): RetryInfo | null {
  if (job.status !== "queued" || job.attempts < 1 || !job.error) return null;
  return { attempt: job.attempts, max_attempts: job.max_attempts, next_try_at: job.run_after };
}

const clockTime = (seconds: number): string => new Date(seconds * 1000).toLocaleTimeString();

/** "attempt 1 of 3 failed · next try at 18:42:10" (`at` formats the time; the browser's clock by default). */
export function retryText(retry: RetryInfo, at: (seconds: number) => string = clockTime): string {
  return `attempt ${retry.attempt} of ${retry.max_attempts} failed · next try at ${at(retry.next_try_at)}`;
}
