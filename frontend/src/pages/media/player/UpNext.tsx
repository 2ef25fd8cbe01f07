// "Up next": near the end of an episode, the next one is offered; when it ends, it starts after a
// short countdown unless the viewer cancels.
import { useEffect, useState } from "react";
import type { PlayPlan } from "../../../lib/playerApi";

const COUNTDOWN_S = 8;

export function episodeName(next: NonNullable<PlayPlan["next"]>): string {
  const number = next.season_number != null && next.episode_number != null
    ? `S${String(next.season_number).padStart(2, "0")}E${String(next.episode_number).padStart(2, "0")} · ` : "";
  return `${number}${next.title}`;
}

export function UpNext({ next, ended, onPlay, onCancel }: {
  next: NonNullable<PlayPlan["next"]>; ended: boolean; onPlay: () => void; onCancel: () => void;
}) {
  const [left, setLeft] = useState(COUNTDOWN_S);
  useEffect(() => {
    if (!ended) return undefined;
    setLeft(COUNTDOWN_S);
    const timer = window.setInterval(() => setLeft((s) => s - 1), 1000);
    return () => window.clearInterval(timer);
  }, [ended]);
  useEffect(() => {
    if (ended && left <= 0) onPlay();
  }, [ended, left, onPlay]);
  return (
    <div className="up-next card" role="status" data-testid="up-next">
      <span>Up next: <strong>{episodeName(next)}</strong>{ended ? ` in ${Math.max(left, 0)} s` : ""}</span>
      <button type="button" className="button-primary" onClick={onPlay}>Play now</button>
      <button type="button" onClick={onCancel}>Cancel</button>
    </div>
  );
}
