// Guards the signed-in part of the app: waits for the auth check, then sends people to /setup or
// /login when needed.
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useAuth } from "../lib/auth";
import { ErrorNotice } from "./Notice";

export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, reload } = useAuth();
  const location = useLocation();
  switch (state.phase) {
    case "loading":
      return <p className="loading" aria-busy="true">Loading…</p>;
    case "needs_setup":
      return <Navigate to="/setup" replace />;
    case "anonymous":
      // a session that ended by itself returns to this page after login; a logout starts at Home
      return <Navigate to="/login" replace state={state.loggedOut ? null : { from: location.pathname }} />;
    case "unreachable":
      return (
        <main className="auth-page">
          <ErrorNotice message={state.message} />
          <button type="button" onClick={() => void reload()}>Try again</button>
        </main>
      );
    case "signed_in":
      return <>{children}</>;
  }
}
