// One pattern for the Plex sections: run an API call, show its error as text, then reload.
import { useCallback, useEffect, useState } from "react";
import { messageOf } from "../../lib/api";

export function useAction(reload: () => Promise<void> | void) {
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setError(null);
      try {
        await action();
      } catch (e) {
        setError(messageOf(e));
      }
      await reload();
    },
    [reload],
  );
  return { error, setError, run };
}

/** ``useAction`` that also loads once on mount and again whenever ``deps`` change. */
export function useLoadedAction(reload: () => Promise<void> | void, ...deps: unknown[]) {
  const action = useAction(reload);
  const { run } = action;
  useEffect(() => {
    void run(async () => undefined);
  }, [run, ...deps]);
  return action;
}
