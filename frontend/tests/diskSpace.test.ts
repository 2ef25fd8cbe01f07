// Run with `npm test`: the disk-space banner's wording for each state of GET /api/health's "disk".
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { diskBanner, formatBytes } from "../src/lib/diskSpace.js";

test("no banner while there is room, or before health has answered", () => {
  assert.equal(diskBanner({ state: "ok", free_bytes: 50 * 1024 ** 3 }), null);
  assert.equal(diskBanner(null), null);
  assert.equal(diskBanner(undefined), null);
});

test("a warning with the space left when it runs low", () => {
  const banner = diskBanner({ state: "low", free_bytes: 1.5 * 1024 ** 3 });
  assert.equal(banner?.level, "warning");
  assert.match(banner?.text ?? "", /running low: 1\.5 GiB left/);
});

test("an error that says what fails and what to free when it is full", () => {
  const banner = diskBanner({ state: "full", free_bytes: 0 });
  assert.equal(banner?.level, "error");
  assert.match(banner?.text ?? "", /disk is full/);
  assert.match(banner?.text ?? "", /free/);
});

test("byte counts read as a person writes them", () => {
  assert.equal(formatBytes(512), "512 bytes");
  assert.equal(formatBytes(3 * 1024 * 1024), "3.0 MiB");
});
