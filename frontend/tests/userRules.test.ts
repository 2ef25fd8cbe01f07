// The users page's rules (issue 11, item 12): the last active admin's controls are off, and an
// admin demoting or disabling themself is asked first.
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { confirmationFor, isLastActiveAdmin } from "../src/pages/settings/userRules.js";

const root = { id: 1, role: "admin", disabled: false };
const bob = { id: 2, role: "viewer", disabled: false };

test("the only active admin is the last one, and only they", () => {
  assert.equal(isLastActiveAdmin(root, [root, bob]), true);
  assert.equal(isLastActiveAdmin(bob, [root, bob]), false);
});

test("a second active admin lifts the limit; a disabled one does not", () => {
  const ann = { id: 3, role: "admin", disabled: false };
  assert.equal(isLastActiveAdmin(root, [root, ann]), false);
  assert.equal(isLastActiveAdmin(root, [root, { ...ann, disabled: true }]), true);
});

test("an admin demoting or disabling themself is asked first", () => {
  assert.match(confirmationFor(root, true, { role: "manager" }) ?? "", /Make yourself a manager\?/);
  assert.match(confirmationFor(root, true, { disabled: true }) ?? "", /Disable your own account/);
});

test("changes to others, promotions and enabling need no question", () => {
  assert.equal(confirmationFor(root, false, { role: "viewer" }), null);
  assert.equal(confirmationFor(bob, true, { role: "admin" }), null);
  assert.equal(confirmationFor(root, true, { role: "admin" }), null);
  assert.equal(confirmationFor(root, true, { disabled: false }), null);
});
