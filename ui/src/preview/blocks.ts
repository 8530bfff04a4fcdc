// Splits the analysis' article into its top-level blocks without building a DOM, so the
// preview can tell which blocks changed since the last analysis and parse only those.
//
// This scanner only decides where blocks start and end; it never decides what is safe.
// Every piece it returns still goes through the UI sanitizer before it reaches the
// document, so markup that fools the scanner can at worst make the preview re-render
// more (or, for hostile markup, differ from a whole-document parse), never let anything
// unsafe in. Markup the scanner cannot follow (unbalanced tags, no single <article>)
// gives `null`, and the caller renders the whole article instead.

/** One top-level child of the article (any text before it is included). */
export type BlockPiece = {
  /** The block's markup as received. */
  html: string;
  /** The markup with the values of every `data-line` attribute removed: equal keys mean the blocks differ at most by line numbers. */
  key: string;
  /** The `data-line` values of the block's tags, in document order. */
  lines: string[];
};

export type SplitArticle = {
  /** Up to and including the `<article …>` start tag. */
  open: string;
  /** From `</article>` to the end. */
  close: string;
  blocks: BlockPiece[];
};

// Elements without an end tag: they never open a level.
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "keygen", "frame"]);
// Elements whose content the HTML parser reads as text up to their end tag.
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"]);

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

function isAlpha(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

type Tag = { name: string; end: number; lineSpans: Array<[number, number]> };

/**
 * Reads a start or end tag whose `<` is at `at` (name starting at `nameAt`): returns its
 * lower-case name, the index just after its `>`, and the spans of `data-line` values.
 * Attribute values may be quoted with `"` or `'` or unquoted, as the HTML tokenizer
 * allows; `null` if the tag never closes.
 */
function readTag(html: string, nameAt: number): Tag | null {
  const n = html.length;
  let i = nameAt;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (isSpace(c) || c === 0x2f || c === 0x3e) break;
    i++;
  }
  const name = html.slice(nameAt, i).toLowerCase();
  const lineSpans: Array<[number, number]> = [];
  while (i < n) {
    let c = html.charCodeAt(i);
    if (c === 0x3e) return { name, end: i + 1, lineSpans };
    if (isSpace(c) || c === 0x2f) {
      i++;
      continue;
    }
    // An attribute name (a leading `=` belongs to the name, as in the tokenizer).
    const nameStart = i;
    i++;
    while (i < n) {
      c = html.charCodeAt(i);
      if (isSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d) break;
      i++;
    }
    const attrName = i - nameStart === 9 ? html.slice(nameStart, i).toLowerCase() : "";
    while (i < n && isSpace(html.charCodeAt(i))) i++;
    if (html.charCodeAt(i) !== 0x3d) continue;
    i++;
    while (i < n && isSpace(html.charCodeAt(i))) i++;
    const q = html.charCodeAt(i);
    let valueStart: number;
    let valueEnd: number;
    if (q === 0x22 || q === 0x27) {
      valueStart = i + 1;
      valueEnd = html.indexOf(q === 0x22 ? '"' : "'", valueStart);
      if (valueEnd < 0) return null;
      i = valueEnd + 1;
    } else {
      valueStart = i;
      while (i < n) {
        c = html.charCodeAt(i);
        if (isSpace(c) || c === 0x3e) break;
        i++;
      }
      valueEnd = i;
    }
    if (attrName === "data-line") lineSpans.push([valueStart, valueEnd]);
  }
  return null;
}

/** Splits `<article …>BLOCKS</article>` into its top-level blocks; `null` if the markup is not that shape. */
export function splitArticle(html: string): SplitArticle | null {
  const n = html.length;
  let i = 0;
  while (i < n && isSpace(html.charCodeAt(i))) i++;
  if (html.slice(i, i + 8).toLowerCase() !== "<article") return null;
  const openTag = readTag(html, i + 1);
  if (!openTag || openTag.name !== "article") return null;
  const open = html.slice(0, openTag.end);
  const blocks: BlockPiece[] = [];
  const stack: string[] = [];
  let blockStart = openTag.end;
  let spans: Array<[number, number]> = [];
  const finish = (end: number): void => {
    blocks.push(piece(html, blockStart, end, spans));
    blockStart = end;
    spans = [];
  };
  i = openTag.end;
  for (;;) {
    const lt = html.indexOf("<", i);
    if (lt < 0) return null;
    const c = html.charCodeAt(lt + 1);
    if (c === 0x21) {
      // Comment, or a doctype/CDATA-like bogus comment: text as far as blocks go.
      const end = html.startsWith("<!--", lt) ? html.indexOf("-->", lt + 4) : html.indexOf(">", lt);
      if (end < 0) return null;
      i = end + (html.startsWith("<!--", lt) ? 3 : 1);
      continue;
    }
    if (c === 0x2f && isAlpha(html.charCodeAt(lt + 2))) {
      const tag = readTag(html, lt + 2);
      if (!tag) return null;
      if (stack.length === 0) {
        if (tag.name !== "article" || html.slice(tag.end).trim() !== "") return null;
        if (lt > blockStart) finish(lt);
        return { open, close: html.slice(lt), blocks };
      }
      if (stack.pop() !== tag.name) return null;
      i = tag.end;
      if (stack.length === 0) finish(i);
      continue;
    }
    if (isAlpha(c)) {
      const tag = readTag(html, lt + 1);
      if (!tag) return null;
      for (const s of tag.lineSpans) spans.push(s);
      i = tag.end;
      if (RAW_TEXT.has(tag.name)) {
        // Its content is text up to its own end tag, whatever it looks like.
        const endRe = new RegExp(`</${tag.name}`, "giu");
        endRe.lastIndex = i;
        const close = endRe.exec(html)?.index ?? -1;
        if (close < 0) return null;
        const endTag = readTag(html, close + 2);
        if (!endTag) return null;
        i = endTag.end;
        if (stack.length === 0) finish(i);
      } else if (VOID.has(tag.name) || html.charCodeAt(tag.end - 2) === 0x2f) {
        // Void element, or `<x/>` which HTML treats as a start tag: only void ones are safe to count as closed.
        if (!VOID.has(tag.name)) return null;
        if (stack.length === 0) finish(i);
      } else {
        stack.push(tag.name);
      }
      continue;
    }
    // A `<` that starts no tag is text.
    i = lt + 1;
  }
}

function piece(html: string, start: number, end: number, spans: Array<[number, number]>): BlockPiece {
  const raw = html.slice(start, end);
  if (spans.length === 0) return { html: raw, key: raw, lines: [] };
  let key = "";
  let at = start;
  const lines: string[] = [];
  for (const [a, b] of spans) {
    key += html.slice(at, a);
    lines.push(html.slice(a, b));
    at = b;
  }
  key += html.slice(at, end);
  return { html: raw, key, lines };
}
