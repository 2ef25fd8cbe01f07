// One library listing paged by the server's cursor, for the grids (Library, Music): the first page
// on mount and whenever the query or the library changes, the next one on ``more()``.
import { useCallback, useEffect, useRef, useState } from "react";
import { libraryApi, messageOf, type LibraryQuery, type MediaCard } from "../lib/api";
import { useServerEvent } from "../lib/socket";

/** Every page of a library listing, a page at a time (``more`` loads the next), reloaded when the
 * query or the library changes. */
export function useCardPages(query: LibraryQuery, pageSize = 60) {
  const key = JSON.stringify(query);
  const [items, setItems] = useState<MediaCard[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const load = useCallback(async (after: string | null) => {
    const mine = after ? generation.current : ++generation.current;
    setLoading(true);
    try {
      const page = await libraryApi.library({ ...(JSON.parse(key) as LibraryQuery), after, limit: pageSize });
      if (mine !== generation.current) return;
      setItems((old) => (after ? [...old, ...page.items] : page.items));
      setNext(page.next);
      setError(null);
    } catch (e) {
      if (mine === generation.current) setError(messageOf(e));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [key, pageSize]);
  useEffect(() => { void load(null); }, [load]);
  const reload = useCallback(() => void load(null), [load]);
  useServerEvent("library_updated", reload);
  const more = useCallback(() => { if (next && !loading) void load(next); }, [next, loading, load]);
  return { items, next, loading, error, more };
}
