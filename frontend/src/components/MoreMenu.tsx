// The main navigation's "More" menu: a disclosure button (aria-expanded) opening the list of the
// pages that are not primary. Keyboard: Enter/Space opens it and focuses the first link, the arrow
// keys move between links, Escape closes it and gives focus back to the button; it also closes on
// a pick, a click outside or focus leaving it. On phones it opens upwards from the bottom bar.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { NavLink, useLocation } from "react-router-dom";
import { activeInMore, type NavItem } from "../lib/nav";

function links(panel: HTMLElement | null): HTMLAnchorElement[] {
  return panel ? Array.from(panel.querySelectorAll<HTMLAnchorElement>("a")) : [];
}

function moveFocus(panel: HTMLElement | null, step: number): void {
  const all = links(panel);
  const at = all.indexOf(document.activeElement as HTMLAnchorElement);
  all[(at + step + all.length) % all.length]?.focus();
}

export function MoreMenu({ items }: { items: NavItem[] }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLUListElement>(null);
  const panelId = useId();
  const { pathname } = useLocation();
  const current = activeInMore(pathname, items);

  useEffect(() => setOpen(false), [pathname]);
  useEffect(() => {
    if (!open) return undefined;
    links(panel.current)[0]?.focus();
    const outside = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", outside);
    return () => document.removeEventListener("mousedown", outside);
  }, [open]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
      button.current?.focus();
    } else if (open && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      moveFocus(panel.current, e.key === "ArrowDown" ? 1 : -1);
    }
  };
  if (!items.length) return null;
  return (
    <div className="nav-more" ref={root} onKeyDown={onKeyDown}
      onBlur={(e) => { if (!root.current?.contains(e.relatedTarget as Node | null)) setOpen(false); }}>
      <button type="button" ref={button} className={current ? "nav-link nav-more-button active" : "nav-link nav-more-button"}
        aria-expanded={open} aria-controls={panelId} title={current ? `More (now: ${current.label})` : undefined} onClick={() => setOpen((o) => !o)}>
        <span className="nav-icon" aria-hidden="true">⋯</span>
        <span className="nav-label">More</span>
      </button>
      <ul id={panelId} ref={panel} className="nav-more-panel" hidden={!open} aria-label="More pages">
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} className={({ isActive }) => (isActive ? "nav-more-link active" : "nav-more-link")}
              onClick={() => setOpen(false)}>
              <span className="nav-icon" aria-hidden="true">{item.icon}</span>
              <span>{item.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </div>
  );
}
