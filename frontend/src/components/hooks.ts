// Small hooks for the library pages.
import { useEffect, useRef, useState } from "react";

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
