// Where the bookmarklet sends a page: it opens this page and posts {type, url, html} to it. The
// person sees which page it is and confirms; then it is sent with their session like any save.
import { useEffect, useState } from "react";
import { Link } from "react-router-dom";
import { ErrorNotice, InfoNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { articlesApi } from "../../lib/articlesApi";

interface Received {
  url: string;
  html: string;
}

function asReceived(data: unknown): Received | null {
  const d = data as { type?: unknown; url?: unknown; html?: unknown } | null;
  if (!d || d.type !== "ml-save" || typeof d.url !== "string" || typeof d.html !== "string") return null;
  return { url: d.url, html: d.html };
}

export function ReceivePage() {
  const [page, setPage] = useState<Received | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const got = asReceived(e.data);
      if (got) setPage(got);
    };
    window.addEventListener("message", onMessage);
    window.opener?.postMessage("ml-ready", "*");
    return () => window.removeEventListener("message", onMessage);
  }, []);

  const save = async () => {
    if (!page) return;
    try {
      await articlesApi.saveRendered(page.url, page.html);
      setDone(`Saving ${page.url}. You can close this window.`);
      setPage(null);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section>
      <h1>Save this page</h1>
      <ErrorNotice message={error} />
      <InfoNotice message={done} />
      {page ? (
        <div className="card">
          <p>Save <strong>{page.url}</strong> as your browser shows it ({Math.ceil(page.html.length / 1024)} KiB)?</p>
          <button type="button" className="button-primary" onClick={() => void save()}>Save article</button>
        </div>
      ) : done ? null : <p className="muted">Waiting for the page from the bookmarklet…</p>}
      <p><Link to="/articles">Your articles</Link></p>
    </section>
  );
}
