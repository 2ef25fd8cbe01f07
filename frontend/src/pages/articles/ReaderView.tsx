// The reading surface shared by articles and EPUB books: sanitised HTML from the server (no script,
// handler, style or remote image; the strict CSP backs it), typography settings kept in this
// browser, progress saved per user (through ``saveProgress``) and resumed once laid out, and the
// reader's highlights with notes (Highlights.tsx).
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { Highlights } from "./Highlights";
import { SIZES, THEMES, loadPrefs, progressThrough, savePrefs, scrollTopFor, type ReaderPrefs } from "./readerPrefs";
import "./articles.css";

const SAVE_AFTER_MS = 400;

function Settings({ prefs, onChange }: { prefs: ReaderPrefs; onChange: (p: ReaderPrefs) => void }) {
  const step = (delta: number) => {
    const next = SIZES[Math.min(SIZES.length - 1, Math.max(0, SIZES.indexOf(prefs.size) + delta))];
    onChange({ ...prefs, size: next });
  };
  return (
    <div className="reader-settings" role="group" aria-label="Reading settings">
      <button type="button" onClick={() => step(-1)} aria-label="Smaller text">A−</button>
      <button type="button" onClick={() => step(1)} aria-label="Larger text">A+</button>
      <button type="button" onClick={() => onChange({ ...prefs, width: prefs.width === "narrow" ? "wide" : "narrow" })}>
        {prefs.width === "narrow" ? "Wider" : "Narrower"}
      </button>
      <label className="field-inline">
        Theme
        <select value={prefs.theme} onChange={(e) => onChange({ ...prefs, theme: e.target.value as ReaderPrefs["theme"] })}>
          {THEMES.map((t) => <option key={t} value={t}>{t}</option>)}
        </select>
      </label>
    </div>
  );
}

interface ReaderViewProps {
  mediaId: string;
  html: string;
  savedProgress: number;
  saveProgress: (progress: number) => Promise<unknown>;
  header: ReactNode;
  lead?: ReactNode;
}

export function ReaderView({ mediaId, html, savedProgress, saveProgress, header, lead }: ReaderViewProps) {
  const [prefs, setPrefs] = useState<ReaderPrefs>(loadPrefs);
  const [body, setBody] = useState<HTMLElement | null>(null);
  const [resumed, setResumed] = useState(false);
  const [progress, setProgress] = useState(0);
  // One object per text: React sets innerHTML again whenever this prop's identity changes, which
  // on every scroll (progress) would wipe the highlights drawn into the text.
  const inner = useMemo(() => ({ __html: html }), [html]);
  const timer = useRef<number | undefined>(undefined);
  const save = useRef(saveProgress);
  save.current = saveProgress;

  useEffect(() => {  // resume where this user left off, once the text is laid out
    if (!body || resumed) return;
    window.requestAnimationFrame(() => {
      if (savedProgress > 0 && savedProgress < 1) window.scrollTo(0, scrollTopFor(body, savedProgress));
      setProgress(savedProgress);
      setResumed(true);
    });
  }, [body, resumed, savedProgress]);

  useEffect(() => {
    if (!body || !resumed) return undefined;
    const onScroll = () => {
      const now = progressThrough(body);
      setProgress(now);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        void save.current(Math.round(now * 1000) / 1000).catch(() => undefined);
      }, SAVE_AFTER_MS);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      window.removeEventListener("scroll", onScroll);
      window.clearTimeout(timer.current);
    };
  }, [body, resumed]);

  const changePrefs = (next: ReaderPrefs) => {
    setPrefs(next);
    savePrefs(next);
  };
  return (
    <article className={`reader theme-${prefs.theme} size-${prefs.size} width-${prefs.width}`}>
      <progress className="reader-progress" max={1} value={progress} aria-label="Reading progress" />
      <Settings prefs={prefs} onChange={changePrefs} />
      {header}
      {lead}
      <div className="reader-body" ref={setBody} data-testid="reader-body" dangerouslySetInnerHTML={inner} />
      <p className="muted reader-end">The end.</p>
      <Highlights mediaId={mediaId} body={body} html={html} />
    </article>
  );
}
