import assert from "node:assert/strict";
import { test } from "node:test";
import { capabilitiesOf, methodLabel } from "../src/components/capabilities.js";

test("a browser without HEVC or AC-3 reports what it plays", () => {
  const plays = new Set(["video/mp4", "video/webm", 'video/mp4; codecs="avc1.640028"', 'audio/mp4; codecs="mp4a.40.2"', "audio/mpeg"]);
  const caps = capabilitiesOf({ canPlay: (type) => plays.has(type) });
  assert.deepEqual(caps.containers, ["mp4", "webm", "mp3"]);
  assert.deepEqual(caps.video, ["h264"]);
  assert.deepEqual(caps.audio, ["aac", "mp3"]);
});

test("the method is named for people", () => {
  assert.equal(methodLabel("audio"), "Audio transcode");
  assert.equal(methodLabel("direct"), "Direct play");
});
