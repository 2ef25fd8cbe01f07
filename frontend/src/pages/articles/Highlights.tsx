// Highlights with notes in the reader (articles and EPUB books): select text, press "Highlight",
// add a note; each person's own, listed under the text in reading order and drawn as <mark>s
// (highlightDom.ts) every time the text or the list changes.
import { useCallback, useEffect, useState } from "react";
import { ErrorNotice } from "../../components/Notice";
import { messageOf } from "../../lib/api";
import { articlesApi, type Highlight } from "../../lib/articlesApi";
import { MARK_CLASS, drawHighlights, selectionAnchor } from "./highlightDom";
import type { TextAnchor } from "./highlightText";

function shortQuote(quote: string): string {
  const flat = quote.replace(/\s+/g, " ").trim();
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat;
}

function HighlightItem({ highlight, missing, onChange, onRemove }: {
  highlight: Highlight; missing: boolean; onChange: (h: Highlight) => void; onRemove: (id: number) => void;
}) {
  const [note, setNote] = useState(highlight.note ?? "");
  const [error, setError] = useState<string | null>(null);
  const label = shortQuote(highlight.quote);
  const run = async (action: () => Promise<void>) => {
    try {
      await action();
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const goTo = () => {
    const mark = document.querySelector(`mark.${MARK_CLASS}[data-highlight-id="${highlight.id}"]`);
    mark?.scrollIntoView({ block: "center" });
  };
  return (
    <li className="reader-highlight-item" aria-label={`Highlight: ${label}`}>
      <blockquote>{highlight.quote}</blockquote>
      {missing ? <p className="muted">This passage is no longer in the text.</p> : null}
      <textarea aria-label={`Note on “${label}”`} rows={2} placeholder="Add a note" value={note} maxLength={5000}
        onChange={(e) => setNote(e.target.value)} />
      <div className="reader-actions">
        <button type="button" disabled={note === (highlight.note ?? "")}
          onClick={() => void run(async () => onChange(await articlesApi.setHighlightNote(highlight.id, note.trim() || null)))}>
          Save note
        </button>
        {missing ? null : <button type="button" onClick={goTo}>Go to</button>}
        <button type="button" onClick={() => void run(async () => {
          await articlesApi.removeHighlight(highlight.id);
          onRemove(highlight.id);
        })}>Delete</button>
      </div>
      <ErrorNotice message={error} />
    </li>
  );
}

export function Highlights({ mediaId, body, html }: { mediaId: string; body: HTMLElement | null; html: string }) {
  const [items, setItems] = useState<Highlight[]>([]);
  const [missing, setMissing] = useState<number[]>([]);
  const [selected, setSelected] = useState<TextAnchor | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    articlesApi.highlights(mediaId).then((found) => setItems(found.items)).catch((e) => setError(messageOf(e)));
  }, [mediaId]);
  useEffect(() => {
    if (body) setMissing(drawHighlights(body, items));
  }, [body, items, html]);
  useEffect(() => {
    if (!body) return undefined;
    const onSelection = () => setSelected(selectionAnchor(body));
    document.addEventListener("selectionchange", onSelection);
    return () => document.removeEventListener("selectionchange", onSelection);
  }, [body]);

  const add = useCallback(async () => {
    if (!selected) return;
    try {
      const made = await articlesApi.addHighlight({ media_id: mediaId, ...selected });
      setItems((now) => [...now, made].sort((a, b) => a.start - b.start || a.id - b.id));
      window.getSelection()?.removeAllRanges();
      setSelected(null);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [mediaId, selected]);
  const replace = (changed: Highlight) => setItems((now) => now.map((h) => (h.id === changed.id ? changed : h)));
  const remove = (id: number) => setItems((now) => now.filter((h) => h.id !== id));

  return (
    <>
      {selected ? (
        <div className="reader-selection-bar" role="toolbar" aria-label="Selection">
          {/* preventDefault keeps the selection when the button is pressed */}
          <button type="button" className="button-primary" onMouseDown={(e) => e.preventDefault()}
            onClick={() => void add()}>Highlight</button>
        </div>
      ) : null}
      <section className="reader-highlights" aria-labelledby="reader-highlights-title">
        <h2 id="reader-highlights-title">Highlights{items.length ? ` (${items.length})` : ""}</h2>
        <ErrorNotice message={error} />
        {items.length === 0 ? <p className="muted">Select some text and press Highlight to keep it here with a note.</p> : null}
        <ol className="reader-highlight-list">
          {items.map((h) => <HighlightItem key={h.id} highlight={h} missing={missing.includes(h.id)} onChange={replace} onRemove={remove} />)}
        </ol>
      </section>
    </>
  );
}
