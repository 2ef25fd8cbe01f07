// An article in the reader: its title, site, author, reading time, favourite / archive / tags, and
// links to the original page, the saved HTML and an EPUB; the text and progress are ReaderView's.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { Field } from "../../components/Field";
import { ErrorNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { articlesApi, parseTags, type ArticleDetail, type ReadingChange } from "../../lib/articlesApi";
import { safeUrl } from "../../lib/safeUrl";
import { ReaderView } from "./ReaderView";

export function ReaderPage() {
  const { mediaId = "" } = useParams();
  const [article, setArticle] = useState<ArticleDetail | null>(null);
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tags, setTags] = useState("");

  useEffect(() => {
    articlesApi.byMedia(mediaId)
      .then(async (found) => {
        setArticle(found);
        setTags(found.tags.join(", "));
        setHtml((await articlesApi.content(found.id)).html);
      })
      .catch((e) => setError(messageOf(e)));
  }, [mediaId]);

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
  const header = (
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
  );
  return (
    <ReaderView mediaId={mediaId} html={html} savedProgress={article.reading.progress} header={header}
      lead={lead ? <img className="reader-lead" src={lead} alt="" /> : null}
      saveProgress={(progress) => articlesApi.setReading(article.id, { progress })} />
  );
}
