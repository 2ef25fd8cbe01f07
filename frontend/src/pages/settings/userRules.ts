// The users page's rules as data, so they are unit-tested (frontend/tests/userRules.test.ts). The
// server enforces the same rule (409): the last active admin can be neither disabled, demoted nor
// deleted. The page disables those controls up front and asks before an admin demotes or disables
// themself. No imports: the unit test compiles this file alone.

export interface Account {
  id: number;
  role: string;
  disabled: boolean;
}

export interface AccountChange {
  role?: string;
  disabled?: boolean;
}

export const LAST_ADMIN_HINT = "The only active admin cannot be disabled, demoted or deleted; make another user admin first.";

export function isLastActiveAdmin(account: Account, accounts: Account[]): boolean {
  const active = accounts.filter((a) => a.role === "admin" && !a.disabled);
  return active.length === 1 && active[0].id === account.id;
}

/** The question to ask before applying ``change`` to ``account``, or null when none is needed. */
export function confirmationFor(account: Account, isSelf: boolean, change: AccountChange): string | null {
  if (!isSelf || account.role !== "admin") return null;
  if (change.role !== undefined && change.role !== "admin") {
    return `Make yourself a ${change.role}? You lose the admin pages at once; only another admin can give them back.`;
  }
  if (change.disabled === true) {
    return "Disable your own account? You are logged out at once and cannot log in until another admin enables you.";
  }
  return null;
}
