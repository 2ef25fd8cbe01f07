// Run with `npm test`: compiled by tsc, run by Node's own test runner (no extra dependencies).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { safeUrl } from "../src/lib/safeUrl.js";

const ORIGIN = "https://media.example";

test("keeps http(s) and same-origin URLs", () => {
  assert.equal(safeUrl("https://image.tmdb.org/t/p/w500/a.jpg", ORIGIN), "https://image.tmdb.org/t/p/w500/a.jpg");
  assert.equal(safeUrl("http://example.org/x?y=1#z", ORIGIN), "http://example.org/x?y=1#z");
  assert.equal(safeUrl("/api/media/abc/artwork?kind=poster", ORIGIN), "/api/media/abc/artwork?kind=poster");
  assert.equal(safeUrl("  https://example.org/  ", ORIGIN), "https://example.org/");
});

test("refuses script, data and other schemes however they are spelled", () => {
  for (const bad of [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
    "file:///etc/passwd", "blob:https://media.example/x", "/\\evil.example", "\u0000javascript:alert(1)",
  ]) {
    assert.equal(safeUrl(bad, ORIGIN), undefined, bad);
  }
});

test("nothing in, nothing out", () => {
  assert.equal(safeUrl(undefined, ORIGIN), undefined);
  assert.equal(safeUrl(null, ORIGIN), undefined);
  assert.equal(safeUrl("", ORIGIN), undefined);
  assert.equal(safeUrl("http://[bad", ORIGIN), undefined);
});

test("protocol-relative URLs are resolved, never left ambiguous", () => {
  assert.equal(safeUrl("//cdn.example/a.png", ORIGIN), "https://cdn.example/a.png");
});
