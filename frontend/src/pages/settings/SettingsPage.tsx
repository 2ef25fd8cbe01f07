// Settings: your account (password), your API tokens, for library managers the library folders and,
// for admins, the service keys, the users and a way to the STRM export page.
import { Link } from "react-router-dom";
import { useAuth } from "../../lib/auth";
import { canManageLibrary } from "../../lib/roles";
import { LibraryFoldersSection } from "./LibraryFoldersSection";
import { PasswordSection } from "./PasswordSection";
import { ServiceKeysSection } from "./ServiceKeysSection";
import { TokensSection } from "./TokensSection";
import { UsersSection } from "./UsersSection";

export function SettingsPage() {
  const { user } = useAuth();
  return (
    <section className="settings">
      <h1>Settings</h1>
      <PasswordSection />
      <TokensSection />
      {canManageLibrary(user?.role) ? <LibraryFoldersSection /> : null}
      {user?.role === "admin" ? <ServiceKeysSection /> : null}
      {user?.role === "admin" ? <UsersSection currentUserId={user.id} /> : null}
      {user?.role === "admin" ? (
        <div className="card">
          <h2>STRM export</h2>
          <p className="muted">Export the library as .strm and .nfo files for Jellyfin, Plex, Emby or Kodi.</p>
          <Link to="/settings/strm">Export settings, runs and reports</Link>
        </div>
      ) : null}
    </section>
  );
}
