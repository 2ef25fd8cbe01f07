// Who is logged in, and the redirects that follow from it: a 401 from any call sends you to
// /login, a server without its first user sends you to /setup.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useLocation, useNavigate } from "react-router-dom";
import { api, ApiError, setAuthHandlers, setCsrfToken, type Session, type User } from "./api";

export type AuthState =
  | { phase: "loading" }
  | { phase: "needs_setup" }
  | { phase: "anonymous"; loggedOut?: boolean }  // loggedOut: by the person, so the next login starts at Home
  | { phase: "signed_in"; user: User }
  | { phase: "unreachable"; message: string };

interface AuthContextValue {
  state: AuthState;
  user: User | null;
  /** Changes whenever the server hands this browser a new session (login, setup, password change). */
  sessionEpoch: number;
  signedIn: (session: Session) => void;
  logout: () => Promise<void>;
  reload: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

async function discover(): Promise<AuthState> {
  try {
    const { needs_setup } = await api.setupStatus();
    if (needs_setup) return { phase: "needs_setup" };
    const session = await api.me();
    return { phase: "signed_in", user: session.user };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return { phase: "anonymous" };
    if (error instanceof ApiError && error.type === "SetupRequired") return { phase: "needs_setup" };
    return { phase: "unreachable", message: error instanceof Error ? error.message : String(error) };
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ phase: "loading" });
  const [sessionEpoch, setSessionEpoch] = useState(0);
  const navigate = useNavigate();
  const location = useLocation();

  const reload = useCallback(async () => setState(await discover()), []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    setAuthHandlers({
      unauthorized: () => {
        setCsrfToken(null);
        setState({ phase: "anonymous" });
        if (location.pathname !== "/login") navigate("/login", { replace: true, state: { from: location.pathname } });
      },
      setupRequired: () => {
        setState({ phase: "needs_setup" });
        navigate("/setup", { replace: true });
      },
    });
  }, [navigate, location.pathname]);

  const signedIn = useCallback((session: Session) => {
    setState({ phase: "signed_in", user: session.user });
    setSessionEpoch((n) => n + 1);
  }, []);

  const logout = useCallback(async () => {
    // Leave the signed-in pages first: once the server ends the session, their live socket drops
    // and they would reload data only to be answered 401.
    setState({ phase: "anonymous", loggedOut: true });
    navigate("/login", { replace: true });
    try {
      await api.logout();
    } catch {
      // Ending the session failed (server unreachable): the cookie may still be valid, so ask again.
      await reload();
    }
  }, [navigate, reload]);

  const value = useMemo<AuthContextValue>(
    () => ({ state, user: state.phase === "signed_in" ? state.user : null, sessionEpoch, signedIn, logout, reload }),
    [state, sessionEpoch, signedIn, logout, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside <AuthProvider>");
  return value;
}
