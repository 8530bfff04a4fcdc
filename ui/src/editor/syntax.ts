// What the editor recognises of the brief's own syntax, mirroring crates/brief: citations
// `[@key…]`, the bold label that opens a judgment or an assumption, and each block's
// direction (its first strong character, citations skipped; U+200F/U+200E count).

import { termVariants } from "../i18n";

/** A bracketed citation: `[` … `@key` … `]` on one line, no nested brackets, not `\[`. */
export const CITATION_RE = /(?<!\\)\[[^\[\]\n]*?-?@[\p{L}\p{N}_][^\[\]\n]*\]/gu;

/** A citation key after `@`, inside a citation. */
export const KEY_RE = /-?@([\p{L}\p{N}_][\p{L}\p{N}_:.#$%&\-+?<>~/]*[\p{L}\p{N}_])|-?@([\p{L}\p{N}_])/gu;

/** Block prefixes that come before a paragraph's own text: list item, quotation, heading. */
export const BLOCK_PREFIX_RE = /^(\s{0,3}#{1,6}\s+|\s*(?:>\s?)*\s*(?:(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?)?)/u;

/** The judgment/assumption opener right after the block prefix (`**Label** (…) :` or `**Label (…) :**`). */
export const MARKER_RE = /^\*\*([^*\n]+?)\*\*(\s*\([^()\n]*\))?\s*[:：]|^\*\*([^*\n]+?)[:：]\s*\*\*/u;

const ARABIC_MARKS = /[\u064B-\u0652\u0670\u0640]/gu;

export function normaliseLabel(s: string): string {
  return s.normalize("NFC").replace(ARABIC_MARKS, "").replace(/\s+/gu, " ").trim().toLocaleLowerCase();
}

let labels: Map<string, "judgment" | "assumption"> | null = null;
function labelKinds(): Map<string, "judgment" | "assumption"> {
  if (!labels) {
    labels = new Map();
    for (const v of termVariants("label-judgment")) labels.set(normaliseLabel(v), "judgment");
    for (const v of termVariants("label-assumption")) labels.set(normaliseLabel(v), "assumption");
  }
  return labels;
}

/** The kind of claim a bold label opens, if it is one of the agreed labels. */
export function labelKind(label: string): "judgment" | "assumption" | null {
  const head = label.split("(")[0] ?? "";
  return labelKinds().get(normaliseLabel(head)) ?? null;
}

export type MarkerMatch = { from: number; to: number; kind: "judgment" | "assumption" };

/** Finds a claim marker at the start of a line's text (after any block prefix); offsets are within the line. */
export function findMarker(lineText: string): MarkerMatch | null {
  const prefix = BLOCK_PREFIX_RE.exec(lineText)?.[0] ?? "";
  let start = prefix.length;
  // A direction mark may sit before the label in a hand-edited file; skip it.
  while (lineText[start] === "\u200E" || lineText[start] === "\u200F") start++;
  const m = MARKER_RE.exec(lineText.slice(start));
  if (!m) return null;
  const label = m[1] ?? m[3] ?? "";
  const kind = labelKind(label);
  if (!kind) return null;
  return { from: start, to: start + m[0].length, kind };
}

export type Dir = "rtl" | "ltr";

const RTL_STRONG = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200F]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const LTR_STRONG = /[\p{L}\u200E]/u;

/** Direction of a text by its first strong character (citations skipped), or null if none. */
export function firstStrong(text: string): Dir | null {
  const stripped = text.replace(CITATION_RE, " ");
  for (const ch of stripped) {
    if (RTL_STRONG.test(ch)) return "rtl";
    if (LTR_STRONG.test(ch)) return "ltr";
  }
  return null;
}

/** A document as lines (1-based access), so the same code runs on a CodeMirror Text and on strings. */
export interface LineSource {
  readonly lines: number;
  line(n: number): { from: number; text: string };
}

export function stringLines(text: string): LineSource {
  const starts: number[] = [0];
  const parts = text.split("\n");
  let pos = 0;
  for (const p of parts.slice(0, -1)) {
    pos += p.length + 1;
    starts.push(pos);
  }
  return { lines: parts.length, line: (n) => ({ from: starts[n - 1] ?? 0, text: parts[n - 1] ?? "" }) };
}

/** Number of the last line of the front matter block (0 if none). */
export function frontMatterEnd(doc: LineSource): number {
  if (doc.lines < 2 || doc.line(1).text.trimEnd() !== "---") return 0;
  for (let n = 2; n <= Math.min(doc.lines, 500); n++) {
    const t = doc.line(n).text.trimEnd();
    if (t === "---" || t === "...") return n;
  }
  return 0;
}

function isBlank(s: string): boolean {
  return s.trim() === "";
}

/** A line that starts a block of its own (heading, list item, quote, table row, fence, thematic break). */
export function startsBlock(s: string): boolean {
  return /^\s{0,3}(#{1,6}\s|[-*+]\s|\d{1,9}[.)]\s|>|\||```|~~~)/u.test(s);
}

/** First line of the block containing line `n` (paragraph continuation lines go up to their start). */
export function blockStart(doc: LineSource, n: number): number {
  const fm = frontMatterEnd(doc);
  if (n <= fm || isBlank(doc.line(n).text)) return n;
  let cur = n;
  while (cur > fm + 1) {
    const text = doc.line(cur).text;
    if (startsBlock(text)) return cur;
    const prev = doc.line(cur - 1).text;
    if (isBlank(prev) || /^\s{0,3}#{1,6}\s/u.test(prev) || /^\s*\|/u.test(prev)) return cur;
    cur--;
  }
  return cur;
}

/**
 * The direction of every line (index 0 = line 1), as the brief parser lays out its blocks:
 * front matter left to right, each block by the first strong character of its text.
 */
export function lineDirections(doc: LineSource, fallback: Dir): Dir[] {
  const out: Dir[] = [];
  const fm = frontMatterEnd(doc);
  let blockDir: Dir = fallback;
  for (let n = 1; n <= doc.lines; n++) {
    const text = doc.line(n).text;
    if (n <= fm) {
      out.push("ltr");
      continue;
    }
    const start = blockStart(doc, n) === n;
    if (start) {
      // The block's direction: first strong character of its text, across its lines.
      let dir: Dir | null = null;
      for (let m = n; m <= doc.lines && dir === null; m++) {
        const t = doc.line(m).text;
        if (m > n && (isBlank(t) || startsBlock(t))) break;
        dir = firstStrong(blockText(t, m === n));
      }
      blockDir = dir ?? fallback;
    }
    out.push(isBlank(text) ? fallback : blockDir);
  }
  return out;
}

/** A line's text without its block prefix and claim marker (the part the parser reads the direction from). */
function blockText(line: string, first: boolean): string {
  return first ? blockTextOf(line) : line;
}

/** The first line of a block without its block prefix and claim marker. */
export function blockTextOf(line: string): string {
  const marker = findMarker(line);
  if (marker) return line.slice(marker.to);
  const prefix = BLOCK_PREFIX_RE.exec(line)?.[0] ?? "";
  return line.slice(prefix.length).replace(/^\|/u, "");
}

export type TextChange = { from: number; to: number; insert: string };

/**
 * Flips the direction of the block holding `pos`: puts U+200F (right to left) or U+200E
 * (left to right) where the parser reads the block's first strong character (after the
 * list/quote/heading prefix and after a judgment marker), or removes the mark when the
 * text's own first strong character already gives the wanted direction.
 */
export function toggleDirectionChange(doc: LineSource, pos: number, fallback: Dir): TextChange | null {
  let n = 1;
  for (let i = 1; i <= doc.lines; i++) {
    if (doc.line(i).from <= pos) n = i;
    else break;
  }
  if (n <= frontMatterEnd(doc)) return null;
  const startLine = blockStart(doc, n);
  const line = doc.line(startLine);
  if (isBlank(line.text)) return null;
  const marker = findMarker(line.text);
  let at = marker ? marker.to : (BLOCK_PREFIX_RE.exec(line.text)?.[0] ?? "").length;
  if (!marker && /^\s*\|/u.test(line.text)) at = line.text.indexOf("|") + 1;
  while (line.text[at] === " " && marker) at++;
  const existing = line.text[at] === "\u200E" || line.text[at] === "\u200F" ? line.text[at] : null;
  const rest = line.text.slice(at + (existing ? 1 : 0));
  let following = rest;
  for (let m = startLine + 1; m <= doc.lines; m++) {
    const t = doc.line(m).text;
    if (isBlank(t) || startsBlock(t)) break;
    following += "\n" + t;
  }
  const natural = firstStrong(following) ?? fallback;
  const current: Dir = existing === "\u200F" ? "rtl" : existing === "\u200E" ? "ltr" : natural;
  const wanted: Dir = current === "rtl" ? "ltr" : "rtl";
  const from = line.from + at;
  const to = from + (existing ? 1 : 0);
  if (wanted === natural) return existing ? { from, to, insert: "" } : null;
  return { from, to, insert: wanted === "rtl" ? "\u200F" : "\u200E" };
}

/** The brief's language from its front matter (`lang:`), if stated. */
export function frontMatterLang(text: string): "ar" | "fr" | "en" | null {
  const doc = stringLines(text.slice(0, 20000));
  const end = frontMatterEnd(doc);
  for (let n = 2; n < end; n++) {
    const m = /^lang:\s*["']?(ar|fr|en)\b/u.exec(doc.line(n).text);
    if (m) return m[1] as "ar" | "fr" | "en";
  }
  return null;
}

/** Citation keys of a citation text with their offsets (relative to the citation start). */
export function citationKeys(cite: string): Array<{ key: string; from: number; to: number }> {
  const out: Array<{ key: string; from: number; to: number }> = [];
  for (const m of cite.matchAll(KEY_RE)) {
    const key = m[1] ?? m[2];
    if (!key || m.index === undefined) continue;
    const at = m.index + m[0].indexOf("@") + 1;
    out.push({ key, from: at, to: at + key.length });
  }
  return out;
}
