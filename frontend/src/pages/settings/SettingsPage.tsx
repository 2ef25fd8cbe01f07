// Settings: your account (password), your API tokens and, for admins, the users.
import { useAuth } from "../../lib/auth";
import { PasswordSection } from "./PasswordSection";
import { TokensSection } from "./TokensSection";
import { UsersSection } from "./UsersSection";

export function SettingsPage() {
  const { user } = useAuth();
  return (
    <section className="settings">
      <h1>Settings</h1>
      <PasswordSection />
      <TokensSection />
      {user?.role === "admin" ? <UsersSection currentUserId={user.id} /> : null}
    </section>
  );
}
