// Small hooks for the library pages.
import { useCallback, useEffect, useRef, useState } from "react";

/** ``value`` once it has stopped changing for ``delayMs``. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** Calls ``onVisible`` when the returned ref's element scrolls into view (infinite scroll). */
export function useOnVisible<E extends Element>(onVisible: () => void, enabled: boolean) {
  const ref = useRef<E | null>(null);
  const callback = useRef(onVisible);
  callback.current = onVisible;
  useEffect(() => {
    const element = ref.current;
    if (!element || !enabled || typeof IntersectionObserver === "undefined") return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) callback.current();
    }, { rootMargin: "600px 0px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [enabled]);
  return ref;
}

/** Where a player is, saved: at most every ``everyMs`` while it plays (``save(false)``), at once
 * on pause, seek and end (``save(true)``), and with ``saveOnExit`` when the page goes away or the
 * player unmounts. Nothing is saved before playback really starts (``started``), so opening an
 * item does not overwrite its resume point. ``key`` names what is playing. */
export function usePositionSaver(
  key: string,
  element: React.RefObject<HTMLMediaElement | null>,
  onSave: (position: number, duration: number | null) => void,
  onExit: (position: number, duration: number | null) => void,
  everyMs = 5000,
) {
  const started = useRef(false);
  const lastSave = useRef(0);
  const handlers = useRef({ onSave, onExit });
  handlers.current = { onSave, onExit };
  const duration = () => {
    const d = element.current?.duration;
    return d && Number.isFinite(d) ? d : null;
  };
  const save = (force: boolean) => {
    const media = element.current;
    if (!media || !started.current) return;
    const now = Date.now();
    if (!force && now - lastSave.current < everyMs) return;
    lastSave.current = now;
    handlers.current.onSave(media.currentTime, duration());
  };
  useEffect(() => {
    const exit = () => {
      const media = element.current;
      if (media && started.current) handlers.current.onExit(media.currentTime, duration());
    };
    window.addEventListener("pagehide", exit);
    return () => {
      window.removeEventListener("pagehide", exit);
      exit(); // leaving the page inside the app
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { started, save };
}

/** Play ``element`` from ``at`` seconds once its metadata is there. A refusal to autoplay is not
 * an error (the person presses play); anything else goes to ``onError``. */
export function playFrom(element: HTMLMediaElement, at: number, onError: (error: unknown) => void): void {
  const go = () => {
    element.currentTime = at;
    element.play().catch((e: unknown) => {
      if (!(e instanceof DOMException && e.name === "NotAllowedError")) onError(e);
    });
  };
  if (element.readyState >= 1) go();
  else element.addEventListener("loadedmetadata", go, { once: true });
}

/** A list fetched once on mount and again on ``load()``: its items and the error of the last try
 *  (cleared by a load that works). ``fetchItems`` must be stable (a module function or a useCallback). */
export function useLoadedList<T>(fetchItems: () => Promise<{ items: T[] }>, describe: (e: unknown) => string) {
  const [items, setItems] = useState<T[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setItems((await fetchItems()).items);
      setError(null);
    } catch (e) {
      setError(describe(e));
    }
  }, [fetchItems, describe]);
  useEffect(() => {
    void load();
  }, [load]);
  return { items, error, setError, load };
}
