// The main navigation's split into a few primary items and a "More" menu (issue 12, item 7).
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { activeInMore, isUnder, mayOpen, navFor, splitNav, type NavItem } from "../src/lib/nav.js";

const ITEMS: NavItem[] = [
  { to: "/home", label: "Home", icon: "h", primary: true },
  { to: "/podcasts", label: "Podcasts", icon: "p" },
  { to: "/library", label: "Library", icon: "l", primary: true },
  { to: "/jobs", label: "Jobs", icon: "j" },
];

test("primary items stay in the bar and the rest go to More, each in list order", () => {
  const { primary, more } = splitNav(ITEMS);
  assert.deepEqual(primary.map((i) => i.label), ["Home", "Library"]);
  assert.deepEqual(more.map((i) => i.label), ["Podcasts", "Jobs"]);
});

test("a page below a More item marks the More menu active; a primary page does not", () => {
  const { more } = splitNav(ITEMS);
  assert.equal(activeInMore("/podcasts/3", more)?.label, "Podcasts");
  assert.equal(activeInMore("/jobs", more)?.label, "Jobs");
  assert.equal(activeInMore("/library", more), undefined);
  assert.equal(isUnder("/podcastsx", ITEMS[1]), false);
});

test("a page a role cannot use is not offered to it", () => {
  const items: NavItem[] = [...ITEMS, { to: "/activity", label: "Activity", icon: "a", role: "admin" },
    { to: "/tools", label: "Tools", icon: "t", role: "manager" }];
  assert.deepEqual(navFor(items, "viewer").map((i) => i.label), ["Home", "Podcasts", "Library", "Jobs"]);
  assert.deepEqual(navFor(items, "manager").map((i) => i.label), ["Home", "Podcasts", "Library", "Jobs", "Tools"]);
  assert.equal(navFor(items, "admin").length, 6);
  assert.equal(mayOpen(items[4], undefined), false);
  assert.equal(mayOpen(items[0], undefined), true);
});
