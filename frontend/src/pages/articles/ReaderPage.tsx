// The reader: an article's sanitised text (the server allows no script, handler, style or remote
// image; the strict CSP backs it), typography settings, progress saved per user and resumed,
// reading time, favourite / archive / tags.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { articlesApi, parseTags, type ArticleDetail, type ReadingChange } from "../../lib/articlesApi";
import { safeUrl } from "../../lib/safeUrl";
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

function useProgressSaver(article: ArticleDetail | null, body: HTMLElement | null, ready: boolean) {
  const [progress, setProgress] = useState(0);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!article || !body || !ready) return undefined;
    const onScroll = () => {
      const now = progressThrough(body);
      setProgress(now);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        void articlesApi.setReading(article.id, { progress: Math.round(now * 1000) / 1000 }).catch(() => undefined);
      }, SAVE_AFTER_MS);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      window.removeEventListener("scroll", onScroll);
      window.clearTimeout(timer.current);
    };
  }, [article, body, ready]);
  return [progress, setProgress] as const;
}

export function ReaderPage() {
  const { mediaId = "" } = useParams();
  const [article, setArticle] = useState<ArticleDetail | null>(null);
  const [html, setHtml] = useState<string | null>(null);
  const [prefs, setPrefs] = useState<ReaderPrefs>(loadPrefs);
  const [error, setError] = useState<string | null>(null);
  const [tags, setTags] = useState("");
  const [body, setBody] = useState<HTMLElement | null>(null);
  const [resumed, setResumed] = useState(false);
  const [progress, setProgress] = useProgressSaver(article, body, resumed);

  useEffect(() => {
    articlesApi.byMedia(mediaId)
      .then(async (found) => {
        setArticle(found);
        setTags(found.tags.join(", "));
        setHtml((await articlesApi.content(found.id)).html);
      })
      .catch((e) => setError(messageOf(e)));
  }, [mediaId]);

  useEffect(() => {  // resume where this user left off, once the text is laid out
    if (!article || !body || html === null || resumed) return;
    const saved = article.reading.progress;
    window.requestAnimationFrame(() => {
      if (saved > 0 && saved < 1) window.scrollTo(0, scrollTopFor(body, saved));
      setProgress(saved);
      setResumed(true);
    });
  }, [article, body, html, resumed, setProgress]);

  const changePrefs = (next: ReaderPrefs) => {
    setPrefs(next);
    savePrefs(next);
  };
  const mark = useCallback(async (change: ReadingChange) => {
    if (!article) return;
    try {
      const reading = await articlesApi.setReading(article.id, change);
      setArticle({ ...article, reading });
    } catch (e) {
      setError(messageOf(e));
    }
  }, [article]);
  const saveTags = async (e: FormEvent) => {
    e.preventDefault();
    if (!article) return;
    try {
      const saved = await articlesApi.setTags(article.id, parseTags(tags));
      setArticle({ ...article, tags: saved.tags });
      setTags(saved.tags.join(", "));
    } catch (err) {
      setError(messageOf(err));
    }
  };

  if (error) return <ErrorNotice message={error} />;
  if (!article || html === null) return <p className="loading">Loading…</p>;
  const original = safeUrl(article.url);
  const lead = article.top_image && !html.includes(article.top_image) ? safeUrl(article.top_image) : undefined;
  return (
    <article className={`reader theme-${prefs.theme} size-${prefs.size} width-${prefs.width}`}>
      <progress className="reader-progress" max={1} value={progress} aria-label="Reading progress" />
      <Settings prefs={prefs} onChange={changePrefs} />
      <header className="reader-header">
        <h1>{article.title}</h1>
        <p className="reader-meta">
          {[article.site, article.author, article.published, `${article.reading_minutes} min read`].filter(Boolean).join(" · ")}
        </p>
        <div className="reader-actions">
          <button type="button" aria-pressed={article.reading.favourite} onClick={() => void mark({ favourite: !article.reading.favourite })}>
            {article.reading.favourite ? "★ Favourite" : "☆ Favourite"}
          </button>
          <button type="button" aria-pressed={article.reading.archived} onClick={() => void mark({ archived: !article.reading.archived })}>
            {article.reading.archived ? "Archived" : "Archive"}
          </button>
          {original ? <a href={original} target="_blank" rel="noopener noreferrer">Original page</a> : null}
          <a href={`/api/articles/${article.id}/original`} download>Saved HTML</a>
          <a href={`/api/articles/${article.id}/epub`} download>EPUB</a>
        </div>
        <form className="form-row reader-tags" aria-label="Tags" onSubmit={(e) => void saveTags(e)}>
          <Field label="Tags" value={tags} onChange={(e) => setTags(e.target.value)} />
          <button type="submit">Save tags</button>
        </form>
      </header>
      {lead ? <img className="reader-lead" src={lead} alt="" /> : null}
      <div className="reader-body" ref={setBody} data-testid="reader-body" dangerouslySetInnerHTML={{ __html: html }} />
      <p className="muted reader-end">End of article.</p>
    </article>
  );
}
