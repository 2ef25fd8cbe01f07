// The player's keyboard shortcuts, as YouTube and Jellyfin have them. Keys typed into a field or a
// picker are left alone.
import { useEffect, useRef } from "react";

export const SHORTCUTS: [string, string][] = [
  ["Space / K", "play or pause"], ["← / J", "back 10 s"], ["→ / L", "forward 10 s"],
  ["F", "full screen"], ["M", "mute"], ["C", "subtitles on or off"], ["N", "next episode"],
];

export interface ShortcutActions {
  media: () => HTMLMediaElement | null;
  toggleSubtitles: () => void;
  next: () => void;
}

export function usePlayerShortcuts(actions: ShortcutActions): void {
  const current = useRef(actions);
  current.current = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey || target?.closest("input, select, textarea, button")) return;
      const media = current.current.media();
      if (!media) return;
      const handled = press(event.key.toLowerCase(), media, current.current);
      if (handled) event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

function press(key: string, media: HTMLMediaElement, actions: ShortcutActions): boolean {
  switch (key) {
    case " ": case "k": if (media.paused) void media.play().catch(() => undefined); else media.pause(); return true;
    case "arrowleft": case "j": media.currentTime = Math.max(0, media.currentTime - 10); return true;
    case "arrowright": case "l": media.currentTime = Math.min(media.duration || Infinity, media.currentTime + 10); return true;
    case "f": if (document.fullscreenElement) void document.exitFullscreen(); else void media.requestFullscreen?.().catch(() => undefined); return true;
    case "m": media.muted = !media.muted; return true;
    case "c": actions.toggleSubtitles(); return true;
    case "n": actions.next(); return true;
    default: return false;
  }
}
