import assert from "node:assert/strict";
import { test } from "node:test";
import { jobName, jobSummary } from "../src/pages/jobs/jobNames.js";

test("kinds have names people read", () => {
  assert.equal(jobName("library.identify"), "Identify a video");
  assert.equal(jobName("iptv.sync"), "Iptv sync");
});

test("a finished job says what it did", () => {
  assert.equal(jobSummary({ media_id: "a1", status: "identified", title: "Heat", year: 1995 }), "identified: Heat (1995)");
  assert.equal(jobSummary({ counts: { created: 3, updated: 1, unchanged: 0 } }), "3 created, 1 updated");
  assert.equal(jobSummary({ added: 2, missing: 1, files: 10 }), "2 added, 1 missing, 10 files");
  assert.equal(jobSummary({ found: 4, removed: 1, new: 3, changed: 0, moved: 0, unchanged: 1 }), "4 found, 1 unchanged, 1 removed, 3 new");
  assert.equal(jobSummary(null), null);
});
