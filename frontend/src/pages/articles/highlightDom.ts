// Showing highlights in the reader's sanitised text, under the strict CSP: the passages are wrapped
// in <mark> elements made with the DOM API (never by writing HTML), styled by class only, and
// unwrapped again before the next drawing. Offsets count the characters of the text nodes, so
// wrapping never moves another highlight.
import { anchorOf, findAnchor, type TextAnchor } from "./highlightText";

export const MARK_CLASS = "reader-highlight";

function textNodes(root: Node): Text[] {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) found.push(node as Text);
  return found;
}

/** The offset within ``root``'s text of a DOM position (a node and an offset in it). */
function offsetOf(root: Node, container: Node, offset: number): number {
  const range = document.createRange();
  range.selectNodeContents(root);
  range.setEnd(container, offset);
  return range.toString().length;
}

/** The anchor of the current selection when it lies inside ``root`` and is not empty. */
export function selectionAnchor(root: HTMLElement): TextAnchor | null {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
  const start = offsetOf(root, range.startContainer, range.startOffset);
  const end = offsetOf(root, range.endContainer, range.endOffset);
  const text = root.textContent ?? "";
  if (end <= start || !text.slice(start, end).trim()) return null;
  return anchorOf(text, start, end);
}

/** Remove every mark this module made, leaving the text as it was. */
export function clearMarks(root: HTMLElement): void {
  for (const mark of Array.from(root.querySelectorAll(`mark.${MARK_CLASS}`))) {
    mark.replaceWith(...Array.from(mark.childNodes));
  }
  root.normalize();
}

/** Wrap ``[start, end)`` of ``root``'s text in marks carrying ``id`` (and the note as a tooltip). */
function wrap(root: HTMLElement, start: number, end: number, id: number, note: string | null): void {
  let at = 0;
  for (const node of textNodes(root)) {
    const length = node.data.length;
    const from = Math.max(start, at) - at;
    const to = Math.min(end, at + length) - at;
    at += length;
    if (to <= from) continue;
    const middle = from > 0 ? node.splitText(from) : node;
    if (to - from < middle.data.length) middle.splitText(to - from);
    const mark = document.createElement("mark");
    mark.className = MARK_CLASS;
    mark.dataset.highlightId = String(id);
    if (note) mark.title = note;
    middle.replaceWith(mark);
    mark.append(middle);
  }
}

/** Draw ``highlights`` in ``root`` (after clearing the previous drawing); the ids not found. */
export function drawHighlights(root: HTMLElement, highlights: (TextAnchor & { id: number; note: string | null })[]): number[] {
  clearMarks(root);
  const text = root.textContent ?? "";
  const missing: number[] = [];
  for (const h of highlights) {
    const place = findAnchor(text, h);
    if (place) wrap(root, place[0], place[1], h.id, h.note);
    else missing.push(h.id);
  }
  return missing;
}
