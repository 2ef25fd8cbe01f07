import assert from "node:assert/strict";
import { test } from "node:test";
import { percentOf, speedText, statusText, type UploadEntry } from "../src/pages/library/uploadQueue.js";

const base: UploadEntry = { key: "u1", name: "film.mkv", size: 4 * 1024 * 1024, loaded: 1024 * 1024, startedAt: 0,
  bytesPerSecond: 2.5 * 1024 * 1024, status: "uploading", message: null, mediaId: null, jobId: null };

test("an upload shows its percent and speed", () => {
  assert.equal(percentOf(base), 25);
  assert.equal(statusText(base), "uploading 25% · 2.5 MiB/s");
  assert.equal(speedText(300 * 1024), "300 KiB/s");
});

test("a finished upload says what became of it", () => {
  assert.equal(statusText({ ...base, status: "identified", message: "Heat (1995)" }), "identified as Heat (1995)");
  assert.equal(statusText({ ...base, status: "failed", message: "'a.mkv' is a text file" }), "failed: 'a.mkv' is a text file");
  assert.equal(percentOf({ ...base, status: "review" }), 100);
});
