// "Retrying" instead of "failed" while the job system will try again (Jobs page, IPTV downloads).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { jobRetry, retryText } from "../src/lib/retrying.js";

const job = (status: string, attempts: number, error: string | null) =>
  ({ status, attempts, max_attempts: 3, run_after: 1_700_000_100, error });

test("a job queued again after a failed attempt is retrying, with the attempt and the next try", () => {
  const retry = jobRetry(job("queued", 1, "IPTV download: the download stopped at 5 of 10 bytes"));
  assert.deepEqual(retry, { attempt: 1, max_attempts: 3, next_try_at: 1_700_000_100 });
  assert.equal(retryText(retry!, (s) => `t${s}`), "attempt 1 of 3 failed · next try at t1700000100");
});

test("a fresh job, a running one and a failed one are not retrying", () => {
  assert.equal(jobRetry(job("queued", 0, null)), null);
  assert.equal(jobRetry(job("queued", 1, null)), null); // queued again after a restart, no error
  assert.equal(jobRetry(job("running", 2, "x")), null);
  assert.equal(jobRetry(job("failed", 3, "x")), null);
});
