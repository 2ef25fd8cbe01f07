// Run with `npm test`: finding a highlight's passage again from its plain-text anchor.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { anchorOf, findAnchor } from "../src/pages/articles/highlightText.js";

const TEXT = "The owl hunts by ear. Under deep snow the owl hunts by ear again, and waits.";

test("an anchor keeps the quote and some text around it", () => {
  const anchor = anchorOf(TEXT, 4, 20);
  assert.equal(anchor.quote, "owl hunts by ear");
  assert.equal(anchor.prefix, "The ");
  assert.equal(anchor.suffix, ". Under deep snow the owl hunts ");
});

test("the passage is found at its offsets, or by its context when they drifted", () => {
  const second = anchorOf(TEXT, 42, 58);
  assert.equal(second.quote, "owl hunts by ear");
  assert.deepEqual(findAnchor(TEXT, second), [42, 58]);
  const drifted = "Preface. " + TEXT;
  assert.deepEqual(findAnchor(drifted, second), [51, 67]);
});

test("without its context the nearest occurrence wins, and a vanished quote is null", () => {
  const lone = { start: 46, end: 62, quote: "owl hunts by ear", prefix: "zzz", suffix: "" };
  assert.deepEqual(findAnchor(TEXT, lone), [42, 58]);
  assert.equal(findAnchor(TEXT, { ...lone, quote: "lighthouse" }), null);
  assert.equal(findAnchor(TEXT, { ...lone, quote: "" }), null);
});
