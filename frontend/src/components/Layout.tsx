// The frame of every signed-in page: a header with the app name and the account, and the main
// navigation (a top bar on wide screens, a bottom tab bar on phones): the few `primary` items, then
// a "More" menu holding the rest. Feature issues add their pages as routes and, when they need one,
// ONE line appended to NAV_ITEMS (it lands in "More" unless it says `primary: true`; `role` hides it
// from users whose role cannot use the page).
import { useMemo } from "react";
import { NavLink, Outlet } from "react-router-dom";
import { useAuth } from "../lib/auth";
import { navFor, splitNav, type NavItem } from "../lib/nav";
import { SocketProvider, useSocket } from "../lib/socket";
import { DiscNotice } from "./DiscNotice";
import { DiskBanner } from "./DiskBanner";
import { MoreMenu } from "./MoreMenu";

const NAV_ITEMS: NavItem[] = [
  { to: "/home", label: "Home", icon: "⌂", primary: true },
  { to: "/library", label: "Library", icon: "▦", primary: true },
  { to: "/search", label: "Search", icon: "⌕", primary: true },
  { to: "/discs", label: "Discs", icon: "◎", primary: true },
  { to: "/collections", label: "Collections", icon: "☰" },
  { to: "/podcasts", label: "Podcasts", icon: "◉" },
  { to: "/articles", label: "Articles", icon: "¶" },
  { to: "/jobs", label: "Jobs", icon: "▶" },
  { to: "/downloads", label: "Downloads", icon: "⇩" },
  { to: "/settings", label: "Settings", icon: "⚙" },
  { to: "/iptv", label: "IPTV", icon: "▤" },
  { to: "/plex", label: "Plex", icon: "⊞", role: "admin" },
  { to: "/decisions", label: "Decisions", icon: "⚖" },
  { to: "/activity", label: "Activity", icon: "≡", role: "admin" },
  { to: "/devices", label: "Devices", icon: "▣" },
  { to: "/review", label: "Review queue", icon: "?" },
  { to: "/books", label: "Books", icon: "❏" },
  { to: "/music", label: "Music", icon: "♫" },
];

function LiveIndicator() {
  const { connected } = useSocket();
  return (
    <span className={connected ? "live live-on" : "live live-off"} title={connected ? "Live updates on" : "Live updates off"}>
      {connected ? "live" : "offline"}
    </span>
  );
}

function MainNav() {
  const role = useAuth().user?.role;
  const NAV = useMemo(() => splitNav(navFor(NAV_ITEMS, role)), [role]); // pages a role cannot use are not offered
  return (
    <nav className="main-nav" aria-label="Main">
      {NAV.primary.map((item) => (
        <NavLink key={item.to} to={item.to} className={({ isActive }) => (isActive ? "nav-link active" : "nav-link")}>
          <span className="nav-icon" aria-hidden="true">{item.icon}</span>
          <span className="nav-label">{item.label}</span>
        </NavLink>
      ))}
      <MoreMenu items={NAV.more} />
    </nav>
  );
}

export function Layout() {
  const { user, logout, sessionEpoch, reload } = useAuth();
  return (
    <SocketProvider sessionEpoch={sessionEpoch} onEnded={() => void reload()}>
      <div className="app-shell">
        <header className="app-header">
          <span className="brand">Media Library</span>
          <MainNav />
          <div className="account">
            <LiveIndicator />
            <span className="account-name" title={user ? `Signed in as ${user.username} (${user.role})` : undefined}>
              {user?.username}
            </span>
            <button type="button" className="button-quiet" onClick={() => void logout()}>
              Log out
            </button>
          </div>
        </header>
        <main className="app-main">
          <DiskBanner />
          <DiscNotice />
          <Outlet />
        </main>
      </div>
    </SocketProvider>
  );
}
