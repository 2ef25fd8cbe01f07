// The main navigation's items and how they split into the few always shown ("primary") and the
// rest, which live in the "More" menu. NAV_ITEMS in components/Layout.tsx stays one flat list so a
// new page is one appended line; `primary: true` puts it in the bar instead of the menu.

export interface NavItem {
  to: string;
  label: string;
  icon: string;
  primary?: boolean;
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
