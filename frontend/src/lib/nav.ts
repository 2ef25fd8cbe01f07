// The main navigation's items and how they split into the few always shown ("primary") and the
// rest, which live in the "More" menu. NAV_ITEMS in components/Layout.tsx stays one flat list so a
// new page is one appended line; `primary: true` puts it in the bar instead of the menu, and
// `role` hides it from the roles that cannot use the page (the server answers them 403).

/** The least role a page needs: a manager (library manager or admin) or an admin. */
export type NavRole = "manager" | "admin";

export interface NavItem {
  to: string;
  label: string;
  icon: string;
  primary?: boolean;
  role?: NavRole;
}

const RANK: Record<string, number> = { viewer: 0, manager: 1, admin: 2 };

/** Whether a user of `role` may use the page of `item` (unknown roles only get pages for everyone). */
export function mayOpen(item: NavItem, role: string | null | undefined): boolean {
  return !item.role || (RANK[role ?? ""] ?? -1) >= RANK[item.role];
}

/** The items a user of `role` sees. */
export function navFor(items: readonly NavItem[], role: string | null | undefined): NavItem[] {
  return items.filter((item) => mayOpen(item, role));
}

export interface NavSplit {
  primary: NavItem[];
  more: NavItem[];
}

/** The items shown in the bar (in list order) and those in the "More" menu (in list order). */
export function splitNav(items: readonly NavItem[]): NavSplit {
  return { primary: items.filter((i) => i.primary), more: items.filter((i) => !i.primary) };
}

/** Whether `pathname` is the page of `item` or one below it (`/podcasts/3` is under `/podcasts`). */
export function isUnder(pathname: string, item: NavItem): boolean {
  return pathname === item.to || pathname.startsWith(`${item.to}/`);
}

/** The "More" item the current page belongs to, if any (the menu button then shows as active). */
export function activeInMore(pathname: string, more: readonly NavItem[]): NavItem | undefined {
  return more.find((item) => isUnder(pathname, item));
}
