// The reader's typography settings (text size, column width, theme), kept in this browser only.
export const SIZES = ["s", "m", "l", "xl"] as const;
export const WIDTHS = ["narrow", "wide"] as const;
export const THEMES = ["light", "dark", "sepia"] as const;

export interface ReaderPrefs {
  size: (typeof SIZES)[number];
  width: (typeof WIDTHS)[number];
  theme: (typeof THEMES)[number];
}

const KEY = "ml-reader-prefs";
export const DEFAULT_PREFS: ReaderPrefs = { size: "m", width: "narrow", theme: "light" };

function pick<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export function loadPrefs(): ReaderPrefs {
  try {
    const raw = JSON.parse(window.localStorage.getItem(KEY) ?? "{}") as Partial<ReaderPrefs>;
    return { size: pick(SIZES, raw.size, DEFAULT_PREFS.size), width: pick(WIDTHS, raw.width, DEFAULT_PREFS.width),
      theme: pick(THEMES, raw.theme, DEFAULT_PREFS.theme) };
  } catch {
    return DEFAULT_PREFS;
  }
}

export function savePrefs(prefs: ReaderPrefs): void {
  window.localStorage.setItem(KEY, JSON.stringify(prefs));
}

/** How far through ``element`` the window is scrolled, 0-1 (1 when it all fits on screen). */
export function progressThrough(element: HTMLElement): number {
  const top = element.getBoundingClientRect().top + window.scrollY;
  const span = element.offsetHeight - window.innerHeight;
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, (window.scrollY - top) / span));
}

/** The window scroll position at which ``progressThrough(element)`` is ``progress``. */
export function scrollTopFor(element: HTMLElement, progress: number): number {
  const top = element.getBoundingClientRect().top + window.scrollY;
  return top + Math.max(0, element.offsetHeight - window.innerHeight) * progress;
}
