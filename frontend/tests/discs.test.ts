// The Discs page's pure rules (issue 12, item 1): countdown, statuses, the live list, the notice.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import {
  countdownText, discToAnnounce, isEditable, isRunning, secondsLeft, stageText, statusName, tickedTitles, toggleTitle,
  upsertDisc, type DiscLike,
} from "../src/lib/discs.js";

const disc = (id: number, status: string, deadline: number | null = null): DiscLike =>
  ({ id, status, kind: "dvd", label: `D${id}`, confirm_deadline: deadline, updated_at: 0 });

test("a waiting disc counts down to its deadline; other statuses have no countdown", () => {
  assert.equal(secondsLeft(disc(1, "waiting", 100), 58_200), 42);
  assert.equal(secondsLeft(disc(1, "waiting", 100), 200_000), 0);
  assert.equal(secondsLeft(disc(1, "review", 100), 58_200), null);
  assert.equal(countdownText(42), "The rip starts in 42 s");
  assert.equal(countdownText(75), "The rip starts in 1 min 15 s");
  assert.equal(countdownText(0), "The rip is starting…");
});

test("an event replaces its disc in place or adds it in front, newest first", () => {
  const list = [disc(2, "waiting"), disc(1, "done")];
  assert.deepEqual(upsertDisc(list, disc(1, "failed")).map((d) => [d.id, d.status]), [[2, "waiting"], [1, "failed"]]);
  assert.deepEqual(upsertDisc(list, disc(3, "waiting")).map((d) => d.id), [3, 2, 1]);
});

test("the notice names a disc that waits for a person or is being ripped, not a finished one", () => {
  assert.equal(discToAnnounce([disc(3, "done"), disc(2, "ripping"), disc(1, "waiting")])?.id, 2);
  assert.equal(discToAnnounce([disc(3, "done"), disc(2, "failed")]), undefined);
  assert.equal(isEditable("ripped_before"), true);
  assert.equal(isEditable("ripping"), false);
});

test("eject early has states of its own: copying to an image, then ejected while encoding from it", () => {
  assert.equal(statusName("imaging"), "copying to an image");
  assert.equal(statusName("ejected"), "ejected, encoding from the image");
  assert.ok(isRunning("imaging") && isRunning("ejected"));
  assert.match(stageText("ejected") ?? "", /can be taken out/);
  assert.equal(stageText("ripping"), null);
  assert.equal(discToAnnounce([disc(2, "ejected"), disc(1, "done")])?.id, 2);
});

test("the ticked titles are the person's own, else the plan's; one stays ticked", () => {
  const planned = [{ title_index: 1 }, { title_index: 2 }, { title_index: 3 }];
  assert.deepEqual(tickedTitles(null, planned), [1, 2, 3]);
  assert.deepEqual(tickedTitles([4, 1], planned), [4, 1]);
  assert.deepEqual(toggleTitle([1, 2, 3], 2, false), [1, 3]);
  assert.deepEqual(toggleTitle([3, 1], 2, true), [1, 2, 3]);
  assert.deepEqual(toggleTitle([2], 2, false), [2]);
});
