// What each role may do in the app (issue 11, item 4): the same ladder the server enforces.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { canManageLibrary, DEFAULT_ROLE, isAdmin, ROLE_CHOICES } from "../src/lib/roles.js";

test("viewers play, managers change the library, admins do everything", () => {
  assert.equal(canManageLibrary("viewer"), false);
  assert.equal(canManageLibrary("manager"), true);
  assert.equal(canManageLibrary("admin"), true);
  assert.equal(isAdmin("manager"), false);
  assert.equal(canManageLibrary(undefined), false);
});

test("the role choices are the server's, weakest first, and new users are viewers", () => {
  assert.deepEqual(ROLE_CHOICES.map((r) => r.value), ["viewer", "manager", "admin"]);
  assert.equal(DEFAULT_ROLE, "viewer");
});
