// The three roles as the server enforces them (docs/API.md "Roles"): the app hides or disables
// what a role may not do, the server refuses it anyway (403). No imports: the unit test compiles
// this file alone (frontend/tests/roles.test.ts).

export const ROLE_CHOICES = [
  { value: "viewer", label: "viewer", hint: "plays, keeps their own progress, watched marks and collections" },
  { value: "manager", label: "library manager", hint: "also uploads, matches, edits, deletes items and runs library jobs" },
  { value: "admin", label: "admin", hint: "also users, settings and STRM export: everything" },
] as const;

export type RoleName = (typeof ROLE_CHOICES)[number]["value"];

export const DEFAULT_ROLE: RoleName = "viewer";

export const VIEWER_HINT = "Only a library manager or an admin may change the library.";

/** Upload, match, re-identify, edit, cancel or retry jobs: managers and admins. */
export function canManageLibrary(role: string | undefined | null): boolean {
  return role === "manager" || role === "admin";
}

export function isAdmin(role: string | undefined | null): boolean {
  return role === "admin";
}
