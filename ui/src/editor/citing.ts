// Citing from the editor: `[@` opens completion over the library (the search is ranked and
// Arabic-normalised on the Rust side, so CodeMirror does not filter again), and hovering a
// citation key shows that source's card.

import { type Completion, type CompletionContext, type CompletionResult, completionStatus, startCompletion } from "@codemirror/autocomplete";
import { EditorView, hoverTooltip, type Tooltip } from "@codemirror/view";
import { getSourceCached, sourceCard } from "../cite/card";
import { h } from "../dom";
import { t } from "../i18n";
import { call } from "../ipc/api";
import type { Person, SourceHit } from "../ipc/bindings";
import { CITATION_RE, citationKeys } from "./syntax";

export function personName(p: Person): string {
  return "literal" in p ? p.literal : p.given ? `${p.family}, ${p.given}` : p.family;
}

function hitInfo(hit: SourceHit): () => Node {
  return () => {
    const authors = hit.authors.map(personName).join("; ");
    return h(
      "div",
      { class: "cite-info", dir: "auto" },
      h("div", { class: "cite-info-title", dir: "auto" }, hit.title),
      authors ? h("div", { class: "cite-info-authors", dir: "auto" }, authors) : null,
      h(
        "div",
        { class: "cite-info-meta" },
        hit.issued ? h("span", null, hit.issued) : null,
        hit.grade ? h("span", { class: "grade-badge" }, t("ui-cite-grade", { grade: hit.grade })) : null,
      ),
    );
  };
}

/** Is `pos` inside an unclosed `[` on its line (a citation being written)? */
function insideBracket(lineText: string, offset: number): boolean {
  const before = lineText.slice(0, offset);
  const open = before.lastIndexOf("[");
  if (open < 0 || before.lastIndexOf("]") > open) return false;
  return open === 0 || before[open - 1] !== "\\";
}

/** A citation key being typed: `@`, maybe negated, and the key's characters so far. */
const KEY_BEFORE = /-?@[\p{L}\p{N}_:.#$%&\-+?<>~/]*$/u;

/**
 * Opens the completion when typing reaches a citation key (`@` inside brackets). The
 * completion is not activated by typing in general: that would query its source, and
 * redraw the editor, after every keystroke of ordinary prose.
 */
export const citeOnTyping = EditorView.updateListener.of((u) => {
  if (!u.docChanged || !u.transactions.some((tr) => tr.isUserEvent("input.type")) || completionStatus(u.state) !== null) return;
  const pos = u.state.selection.main.head;
  const line = u.state.doc.lineAt(pos);
  const offset = pos - line.from;
  if (!KEY_BEFORE.test(line.text.slice(Math.max(0, offset - 200), offset)) || !insideBracket(line.text, offset)) return;
  const view = u.view;
  // Not inside this update: open it as soon as the update is done.
  queueMicrotask(() => startCompletion(view));
});

/** Completion of citation keys after `@` inside brackets. */
export async function citationCompletions(ctx: CompletionContext): Promise<CompletionResult | null> {
  const word = ctx.matchBefore(KEY_BEFORE);
  if (!word) return null;
  const line = ctx.state.doc.lineAt(ctx.pos);
  if (!insideBracket(line.text, ctx.pos - line.from)) return null;
  const at = word.text.indexOf("@");
  const query = word.text.slice(at + 1);
  let hits: SourceHit[];
  try {
    hits = await call("sources_search", { text: query, kinds: [], language: null, grades: [], years: null, tag: null, limit: 30 });
  } catch {
    return null;
  }
  if (ctx.aborted) return null;
  const options: Completion[] = hits.map((hit, i) => ({
    label: hit.key,
    detail: hit.title,
    info: hitInfo(hit),
    type: "text",
    boost: -i, // keep the library's ranking
  }));
  return { from: word.from + at + 1, options, filter: false };
}

/** The citation key under `pos` (or the first key of the citation when over its brackets). */
export function keyAt(lineText: string, offset: number): { key: string; from: number; to: number } | null {
  for (const m of lineText.matchAll(CITATION_RE)) {
    if (m.index === undefined) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (offset < start || offset > end) continue;
    const keys = citationKeys(m[0]);
    const hit = keys.find((k) => offset >= start + k.from - 1 && offset <= start + k.to) ?? keys[0];
    if (!hit) return null;
    return { key: hit.key, from: start, to: end };
  }
  return null;
}

/** Hovering a citation shows the source card (helper B's), or says the key is not in the library. */
export const citationHover = hoverTooltip(
  (view, pos): Tooltip | null => {
    const line = view.state.doc.lineAt(pos);
    const found = keyAt(line.text, pos - line.from);
    if (!found) return null;
    return {
      pos: line.from + found.from,
      end: line.from + found.to,
      above: true,
      create: () => {
        const dom = h("div", { class: "cite-hover", "data-testid": "cite-hover", role: "tooltip" }, h("p", { class: "muted" }, t("ui-loading")));
        getSourceCached(found.key)
          .then((detail) => {
            dom.replaceChildren(detail ? sourceCard(detail) : h("p", { class: "muted" }, t("ui-cite-unknown-key", { key: found.key })));
          })
          .catch(() => dom.replaceChildren(h("p", { class: "error" }, t("ui-cite-load-failed"))));
        return { dom };
      },
    };
  },
  { hoverTime: 350 },
);
