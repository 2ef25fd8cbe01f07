// The frame of every signed-in page: a header with the app name and the account, and the main
// navigation (a top bar on wide screens, a bottom tab bar on phones). Feature issues add their
// pages as routes and, when they need one, an entry in NAV_ITEMS.
import { NavLink, Outlet } from "react-router-dom";
import { useAuth } from "../lib/auth";
import { SocketProvider, useSocket } from "../lib/socket";
import { DiskBanner } from "./DiskBanner";

interface NavItem {
  to: string;
  label: string;
  icon: string;
}

const NAV_ITEMS: NavItem[] = [
  { to: "/home", label: "Home", icon: "⌂" },
  { to: "/library", label: "Library", icon: "▦" },
  { to: "/search", label: "Search", icon: "⌕" },
  { to: "/collections", label: "Collections", icon: "☰" },
  { to: "/podcasts", label: "Podcasts", icon: "◉" },
  { to: "/articles", label: "Articles", icon: "¶" },
  { to: "/jobs", label: "Jobs", icon: "▶" },
  { to: "/downloads", label: "Downloads", icon: "⇩" },
  { to: "/settings", label: "Settings", icon: "⚙" },
  { to: "/iptv", label: "IPTV", icon: "▣" },
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
  return (
    <nav className="main-nav" aria-label="Main">
      {NAV_ITEMS.map((item) => (
        <NavLink key={item.to} to={item.to} className={({ isActive }) => (isActive ? "nav-link active" : "nav-link")}>
          <span className="nav-icon" aria-hidden="true">{item.icon}</span>
          <span className="nav-label">{item.label}</span>
        </NavLink>
      ))}
    </nav>
  );
}

export function Layout() {
  const { user, logout, sessionEpoch } = useAuth();
  return (
    <SocketProvider sessionEpoch={sessionEpoch}>
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
          <Outlet />
        </main>
      </div>
    </SocketProvider>
  );
}
