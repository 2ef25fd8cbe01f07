import assert from "node:assert/strict";
import { test } from "node:test";
import { byDisc, playLink, totalLength } from "../src/pages/music/albumOrder.js";

test("an album's tracks are split by disc in the order the server gives", () => {
  const tracks = [{ id: "a", disc_number: 1 }, { id: "b", disc_number: 1 }, { id: "c", disc_number: 2 }];
  assert.deepEqual(byDisc(tracks).map((d) => [d.number, d.tracks.map((t) => t.id)]), [[1, ["a", "b"]], [2, ["c"]]]);
  assert.deepEqual(byDisc([{ id: "x" }, { id: "y", disc_number: null }]).map((d) => d.tracks.length), [2]);
});

test("the total length is in minutes, or seconds under one, and empty when unknown", () => {
  assert.equal(totalLength([{ duration_s: 1500 }, { duration_s: 1020 }]), "42 min");
  assert.equal(totalLength([{ duration_s: 12.4 }]), "12 s");
  assert.equal(totalLength([{ duration_s: null }, {}]), "");
});

test("playing in order is said in the player link; ids are escaped", () => {
  assert.equal(playLink("ab/c", true), "/media/ab%2Fc/play?from=album");
  assert.equal(playLink("abc", false), "/media/abc/play");
});
