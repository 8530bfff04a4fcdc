// Editor decorations: each line's direction (as the parser lays out its block), citations,
// judgment/assumption openers, and a visible glyph for the invisible direction marks.

import type { Range, Text } from "@codemirror/state";
import { Decoration, type DecorationSet, EditorView, ViewPlugin, type ViewUpdate, WidgetType } from "@codemirror/view";
import { t } from "../i18n";
import { blockTextOf, CITATION_RE, citationKeys, type Dir, findMarker, firstStrong, frontMatterEnd, frontMatterLang, type LineSource, startsBlock } from "./syntax";

export function docLines(doc: Text): LineSource {
  return { lines: doc.lines, line: (n) => doc.line(n) };
}

export function briefDir(doc: Text): Dir {
  return frontMatterLang(doc.sliceString(0, 20000)) === "ar" ? "rtl" : "ltr";
}

const lineDeco = { rtl: Decoration.line({ attributes: { dir: "rtl" } }), ltr: Decoration.line({ attributes: { dir: "ltr" } }) };
const citeDeco = Decoration.mark({ class: "cm-cite" });
const keyDeco = Decoration.mark({ class: "cm-cite-key" });
const markerDeco = { judgment: Decoration.mark({ class: "cm-claim-marker cm-claim-judgment" }), assumption: Decoration.mark({ class: "cm-claim-marker cm-claim-assumption" }) };

class DirMarkWidget extends WidgetType {
  constructor(readonly rtl: boolean) {
    super();
  }
  eq(other: DirMarkWidget): boolean {
    return other.rtl === this.rtl;
  }
  toDOM(): HTMLElement {
    const span = document.createElement("span");
    span.className = this.rtl ? "cm-dirmark cm-dirmark-rtl" : "cm-dirmark cm-dirmark-ltr";
    const label = t(this.rtl ? "ui-dirmark-rtl" : "ui-dirmark-ltr");
    span.setAttribute("title", label);
    span.setAttribute("aria-label", label);
    span.setAttribute("role", "img");
    return span;
  }
  ignoreEvent(): boolean {
    return false;
  }
}
const rtlMark = Decoration.replace({ widget: new DirMarkWidget(true) });
const ltrMark = Decoration.replace({ widget: new DirMarkWidget(false) });

/** What the front matter decides for the whole document: where it ends, and the fallback direction. */
type Head = { fm: number; fallback: Dir; /** Changes starting at or before this offset may change the head. */ reach: number };

function readHead(doc: Text): Head {
  const lines = docLines(doc);
  const fm = frontMatterEnd(lines);
  // Without front matter, one appears only if line 1 becomes `---` (and then a closing
  // line within the next 500); with it, only edits inside it change it.
  const last = fm > 0 ? fm : doc.line(1).text.trimEnd() === "---" ? Math.min(doc.lines, 501) : 1;
  return { fm, fallback: briefDir(doc), reach: doc.line(last).to };
}

/**
 * Direction of each line of `from..to` (line numbers), as `lineDirections` gives for the
 * whole document, computed from the lines around that range only: a line takes the
 * direction of its block, found by walking back to the block's first line once and then
 * following the range.
 */
export function rangeDirections(doc: LineSource, head: { fm: number; fallback: Dir }, from: number, to: number): Dir[] {
  const out: Dir[] = [];
  let start = -1;
  let dir: Dir = head.fallback;
  for (let n = from; n <= to; n++) {
    const text = doc.line(n).text;
    if (n <= head.fm) {
      out.push("ltr");
      continue;
    }
    if (isBlankLine(text)) {
      start = -1;
      out.push(head.fallback);
      continue;
    }
    const s = start >= 0 && !isBlockStart(doc, head.fm, n) ? start : blockStartIn(doc, head.fm, n);
    if (s !== start) {
      start = s;
      dir = blockDirection(doc, s, head.fallback);
    }
    out.push(dir);
  }
  return out;
}

function isBlankLine(s: string): boolean {
  return s.trim() === "";
}

/** Line `n` (not blank, after the front matter) starts its block: what `blockStart` stops at. */
function isBlockStart(doc: LineSource, fm: number, n: number): boolean {
  if (n <= fm + 1 || startsBlock(doc.line(n).text)) return true;
  const prev = doc.line(n - 1).text;
  return isBlankLine(prev) || /^\s{0,3}#{1,6}\s/u.test(prev) || /^\s*\|/u.test(prev);
}

function blockStartIn(doc: LineSource, fm: number, n: number): number {
  let cur = n;
  while (!isBlockStart(doc, fm, cur)) cur--;
  return cur;
}

/** The direction of the block starting at line `s`: its first strong character, across its lines. */
function blockDirection(doc: LineSource, s: number, fallback: Dir): Dir {
  for (let m = s; m <= doc.lines; m++) {
    const t = doc.line(m).text;
    if (m > s && (isBlankLine(t) || startsBlock(t))) break;
    const dir = firstStrong(m === s ? blockTextOf(t) : t);
    if (dir) return dir;
  }
  return fallback;
}

function build(view: EditorView, head: Head): DecorationSet {
  const ranges: Array<Range<Decoration>> = [];
  const doc = view.state.doc;
  const lines = docLines(doc);
  for (const { from, to } of view.visibleRanges) {
    const first = doc.lineAt(from).number;
    const last = doc.lineAt(to).number;
    const dirs = rangeDirections(lines, head, first, last);
    for (let n = first; n <= last; n++) {
      const line = doc.line(n);
      ranges.push(lineDeco[dirs[n - first] ?? "ltr"].range(line.from));
      const marks: Array<[number, number, Decoration]> = [];
      const marker = findMarker(line.text);
      if (marker) marks.push([line.from + marker.from, line.from + marker.to, markerDeco[marker.kind]]);
      for (const m of line.text.matchAll(CITATION_RE)) {
        if (m.index === undefined) continue;
        const start = line.from + m.index;
        marks.push([start, start + m[0].length, citeDeco]);
        for (const k of citationKeys(m[0])) marks.push([start + k.from, start + k.to, keyDeco]);
      }
      for (let i = 0; i < line.text.length; i++) {
        const c = line.text[i];
        if (c === "\u200F") marks.push([line.from + i, line.from + i + 1, rtlMark]);
        else if (c === "\u200E") marks.push([line.from + i, line.from + i + 1, ltrMark]);
      }
      for (const [a, b, d] of marks) ranges.push(d.range(a, b));
    }
  }
  // `sort`: the set orders line, mark and replace decorations by their own rules.
  return Decoration.set(ranges, true);
}

/**
 * Line directions and syntax marks for the visible part of the document only: each change
 * costs the visible lines (plus the walk back to the first visible block's start), not the
 * whole brief. The front matter is read again only when a change reaches it.
 */
export const briefDecorations = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    head: Head;
    constructor(view: EditorView) {
      this.head = readHead(view.state.doc);
      this.decorations = build(view, this.head);
    }
    update(u: ViewUpdate): void {
      if (u.docChanged) {
        let touchesHead = false;
        u.changes.iterChangedRanges((fromA) => {
          if (fromA <= this.head.reach) touchesHead = true;
        });
        if (touchesHead) this.head = readHead(u.state.doc);
      }
      if (u.docChanged || u.viewportChanged) this.decorations = build(u.view, this.head);
    }
  },
  { decorations: (v) => v.decorations },
);
