// Editor decorations: each line's direction (as the parser lays out its block), citations,
// judgment/assumption openers, and a visible glyph for the invisible direction marks.

import type { Range, Text } from "@codemirror/state";
import { Decoration, type DecorationSet, EditorView, ViewPlugin, type ViewUpdate, WidgetType } from "@codemirror/view";
import { t } from "../i18n";
import { CITATION_RE, citationKeys, type Dir, findMarker, frontMatterLang, type LineSource, lineDirections } from "./syntax";

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

function build(view: EditorView, dirs: Dir[]): DecorationSet {
  const ranges: Array<Range<Decoration>> = [];
  const doc = view.state.doc;
  for (const { from, to } of view.visibleRanges) {
    let pos = from;
    while (pos <= to) {
      const line = doc.lineAt(pos);
      ranges.push(lineDeco[dirs[line.number - 1] ?? "ltr"].range(line.from));
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
      pos = line.to + 1;
    }
  }
  // `sort`: the set orders line, mark and replace decorations by their own rules.
  return Decoration.set(ranges, true);
}

/** Line directions and syntax marks, recomputed for the visible part of the document. */
export const briefDecorations = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    dirs: Dir[];
    constructor(view: EditorView) {
      this.dirs = lineDirections(docLines(view.state.doc), briefDir(view.state.doc));
      this.decorations = build(view, this.dirs);
    }
    update(u: ViewUpdate): void {
      if (u.docChanged) this.dirs = lineDirections(docLines(u.state.doc), briefDir(u.state.doc));
      if (u.docChanged || u.viewportChanged) this.decorations = build(u.view, this.dirs);
    }
  },
  { decorations: (v) => v.decorations },
);
