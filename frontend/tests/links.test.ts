// The share target finds the link whether the sharing app sends it as url or inside text.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { sharedUrl } from "../src/pages/articles/links.js";

test("takes url, else the first web address in text, else nothing", () => {
  assert.equal(sharedUrl(new URLSearchParams({ url: "https://news.example/a" })), "https://news.example/a");
  assert.equal(sharedUrl(new URLSearchParams({ text: "Look at this https://blog.example/post?id=2 wow" })),
    "https://blog.example/post?id=2");
  assert.equal(sharedUrl(new URLSearchParams({ url: "javascript:alert(1)", text: "no link here" })), null);
  assert.equal(sharedUrl(new URLSearchParams({})), null);
});
