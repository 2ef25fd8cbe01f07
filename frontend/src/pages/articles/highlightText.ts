// Highlights anchored as plain text (the W3C Web Annotation TextPosition + TextQuote selectors):
// offsets in the reader's text plus the quote with a little context, so a passage is found again
// even when the offsets drift (an edited EPUB text, a different whitespace count).

export const CONTEXT_CHARS = 32;

export interface TextAnchor {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
}

/** The anchor of ``text[start, end)``: the quote and up to CONTEXT_CHARS before and after it. */
export function anchorOf(text: string, start: number, end: number): TextAnchor {
  return {
    start, end, quote: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_CHARS), start), suffix: text.slice(end, end + CONTEXT_CHARS),
  };
}

/** Where ``anchor`` is in ``text`` now: its offsets when the quote is still there, else the
 * occurrence with its context, else the occurrence nearest its old place; null when it is gone. */
export function findAnchor(text: string, anchor: TextAnchor): [number, number] | null {
  const { start, quote, prefix, suffix } = anchor;
  if (!quote) return null;
  if (text.slice(start, start + quote.length) === quote) return [start, start + quote.length];
  const withContext = text.indexOf(prefix + quote + suffix);
  if (withContext >= 0) return [withContext + prefix.length, withContext + prefix.length + quote.length];
  let best = -1;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    if (best < 0 || Math.abs(at - start) < Math.abs(best - start)) best = at;
  }
  return best >= 0 ? [best, best + quote.length] : null;
}
