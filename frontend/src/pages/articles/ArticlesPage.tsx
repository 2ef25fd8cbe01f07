// Saved articles: a paste box (URL and tags), the list with status and reading time, filters
// (unread / archived / favourites / one tag), and the bookmarklet for pages that need JavaScript.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router-dom";
import { Field } from "../../components/Field";
import { EmptyState, ErrorNotice, InfoNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { canManageLibrary, VIEWER_HINT } from "../../lib/roles";
import { articlesApi, bookmarkletCode, parseTags, type ArticleDetail, type ArticleFilter } from "../../lib/articlesApi";
import { useServerEvent } from "../../lib/socket";
import "./articles.css";

const VIEWS: { key: string; label: string; filter: ArticleFilter; keep?: (a: ArticleDetail) => boolean }[] = [
  { key: "unread", label: "Unread", filter: { archived: "0" } },
  { key: "favourites", label: "Favourites", filter: {}, keep: (a) => a.reading.favourite },
  { key: "archived", label: "Archived", filter: { archived: "1" } },
  { key: "all", label: "All", filter: {} },
];

function ArticleRow({ article }: { article: ArticleDetail }) {
  const percent = Math.round(article.reading.progress * 100);
  return (
    <li className="card article-row">
      <div className="row-main">
        {article.status === "saved" && article.media_id ? (
          <Link className="article-title" to={`/read/${article.media_id}`}>{article.title}</Link>
        ) : (
          <span className="article-title">{article.title}</span>
        )}
        <p className="muted article-meta">
          {[article.site, article.author, article.reading_minutes ? `${article.reading_minutes} min read` : null]
            .filter(Boolean).join(" · ")}
          {article.status === "saved" && percent > 0 ? ` · ${percent}% read` : ""}
          {article.reading.favourite ? " · ★" : ""}
        </p>
        {article.status === "queued" ? <p className="muted">Saving…</p> : null}
        {article.status === "failed" ? <p className="inline-error">Failed: {article.error}</p> : null}
        {article.tags.length ? <p className="article-tags">{article.tags.map((t) => <span key={t} className="tag">{t}</span>)}</p> : null}
      </div>
    </li>
  );
}

export function ArticlesPage() {
  const { user } = useAuth();
  const manager = canManageLibrary(user?.role);
  const [view, setView] = useState(VIEWS[0].key);
  const [tag, setTag] = useState("");
  const [items, setItems] = useState<ArticleDetail[] | null>(null);
  const [url, setUrl] = useState("");
  const [tags, setTags] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const current = VIEWS.find((v) => v.key === view) ?? VIEWS[0];

  const load = useCallback(() => {
    articlesApi.list({ ...current.filter, tag: tag || undefined })
      .then((found) => setItems(current.keep ? found.items.filter(current.keep) : found.items))
      .catch((e) => setError(messageOf(e)));
  }, [current, tag]);
  useEffect(load, [load]);
  const onJob = useCallback((job: { kind: string; status: string }) => {
    if (job.kind === "article.save" && job.status !== "running") load();
  }, [load]);
  useServerEvent("job_updated", onJob);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const saved = await articlesApi.save(url.trim(), parseTags(tags));
      setUrl("");
      setError(null);
      setInfo(`Saving ${saved.url}…`);
      load();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const result = await articlesApi.importExport(await file.text());
      setError(null);
      setInfo(`Queued ${result.queued} articles${result.skipped.length ? `; skipped ${result.skipped.length} (not web pages)` : ""}.`);
      load();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <section>
      <h1>Articles</h1>
      <p className="muted">Books have their own shelf: <Link to="/books">Books</Link>.</p>
      {manager ? <form className="card form-row" aria-label="Save an article" onSubmit={(e) => void save(e)}>
        <Field label="Article URL" type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" required className="field-grow" />
        <Field label="Tags (comma separated)" value={tags} onChange={(e) => setTags(e.target.value)} />
        <button type="submit" className="button-primary">Save</button>
      </form> : <p className="muted">{VIEWER_HINT}</p>}
      <ErrorNotice message={error} />
      <InfoNotice message={info} />
      <div className="article-views" role="tablist" aria-label="Which articles">
        {VIEWS.map((v) => (
          <button key={v.key} type="button" role="tab" aria-selected={v.key === view}
            className={v.key === view ? "button-primary" : ""} onClick={() => setView(v.key)}>{v.label}</button>
        ))}
        <Field label="Tag" value={tag} onChange={(e) => setTag(e.target.value.trim().toLowerCase())} />
      </div>
      {items && items.length === 0 ? <EmptyState title="No articles here">Paste a link above, or use the bookmarklet.</EmptyState> : null}
      <ul className="article-list" aria-label="Articles">
        {(items ?? []).map((a) => <ArticleRow key={a.id} article={a} />)}
      </ul>
      {manager ? <div className="card bookmarklet">
        <label htmlFor="article-import">Import a Pocket (CSV or HTML), Wallabag or Omnivore (JSON), Readwise Reader (CSV) or browser bookmarks export</label>
        <input id="article-import" type="file" accept=".csv,.html,.htm,.json,text/csv,text/html,application/json"
          onChange={(e) => void importFile(e.target.files?.[0])} />
      </div> : null}
      {manager ? <details className="card bookmarklet">
        <summary>Bookmarklet (for pages that need JavaScript or a login)</summary>
        <p>Make a new bookmark and paste this as its address; on any page, open the bookmark to save the page as your
          browser shows it (you confirm in the window that opens).</p>
        <textarea className="bookmarklet-code" readOnly rows={3} aria-label="Bookmarklet code" value={bookmarkletCode(window.location.origin)}
          onFocus={(e) => e.currentTarget.select()} />
      </details> : null}
    </section>
  );
}
