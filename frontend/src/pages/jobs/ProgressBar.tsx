// A native <progress> element: no inline styles, so it works under the strict CSP, and its value
// is readable from the DOM.
import { clampPercent } from "../../lib/format";

export function ProgressBar({ value, label, status }: { value: number; label: string; status: string }) {
  const percent = clampPercent(value);
  return (
    <div className={`progress progress-${status}`}>
      <progress max={100} value={percent} aria-label={label} />
      <span className="progress-text">{Math.floor(percent)}%</span>
    </div>
  );
}
