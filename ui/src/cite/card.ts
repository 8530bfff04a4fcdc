// The source card (citation hover, preview popover, sources panel) and the cache of source
// details behind it. Source data is hostile until proven otherwise: every field goes into
// the DOM as text, and a URL is shown, never made into a link.

import "./cite.css";
import { h } from "../dom";
import { call, CommandError } from "../ipc/api";
import type { Grade, Person, SourceDetail, SourceType } from "../ipc/bindings";
import { tx, ta } from "./l10n";

export const GRADES: readonly Grade[] = ["A", "B", "C", "D", "E", "F"];

export function isGrade(value: unknown): value is Grade {
  return typeof value === "string" && (GRADES as readonly string[]).includes(value);
}

/** The source types the library knows (crates/source `SourceType` names), in the form's order. */
export const SOURCE_KINDS: readonly SourceType[] = [
  "article", "news-article", "report", "web-page", "dataset", "book", "chapter",
  "official-statement", "interview", "social-media-post", "thesis", "legal", "broadcast", "other",
];

export function isSourceKind(value: unknown): value is SourceType {
  return typeof value === "string" && (SOURCE_KINDS as readonly string[]).includes(value);
}

/** "Family, Given", "Family" or the literal name. */
export function personName(p: Person): string {
  if ("literal" in p) return p.literal;
  return p.given ? `${p.family}, ${p.given}` : p.family;
}

/** The localised name of a source type; an unknown type shows as written. */
export function kindLabel(kind: string): HTMLElement {
  return (SOURCE_KINDS as readonly string[]).includes(kind)
    ? tx("span", `src-type-${kind}`, undefined, { class: "src-kind" })
    : h("span", { class: "src-kind" }, kind);
}

/**
 * The Admiralty reliability badge: the letter (data) with its meaning as text beside it for
 * screen readers and on hover; `withMeaning` also shows the meaning visibly.
 */
export function gradeBadge(grade: string | null, withMeaning = false): HTMLElement {
  if (!isGrade(grade)) {
    return h("span", { class: "grade-badge grade-none", "data-grade": "" }, tx("span", "src-grade-none-short", undefined, { "aria-hidden": "true" }), tx("span", "src-grade-none", undefined, { class: "visually-hidden" }));
  }
  const meaningId = `reliability-${grade.toLowerCase()}`;
  return h(
    "span",
    { class: `grade-badge grade-${grade.toLowerCase()}`, "data-grade": grade, ...ta({ title: meaningId }) },
    h("span", { class: "grade-letter", "aria-hidden": "true" }, grade),
    tx("span", "src-grade-reliability", { grade }, { class: withMeaning ? "grade-meaning-label" : "visually-hidden" }),
    withMeaning ? tx("span", meaningId, undefined, { class: "grade-meaning" }) : tx("span", meaningId, undefined, { class: "visually-hidden" }),
  );
}

function row(labelId: string, value: Node | string): HTMLElement {
  return h("div", { class: "src-card-row" }, tx("dt", labelId), h("dd", { dir: "auto" }, value));
}

/** A compact card for a source. */
export function sourceCard(detail: SourceDetail): HTMLElement {
  const authors = detail.authors.map(personName).join("; ");
  const rows: HTMLElement[] = [row("src-field-kind", kindLabel(detail.kind))];
  if (detail.issued) rows.push(row("src-field-issued", detail.issued));
  if (detail.containerTitle) rows.push(row("src-field-container-title", detail.containerTitle));
  if (detail.url) rows.push(row("src-field-url", h("span", { class: "src-url", dir: "ltr", translate: "no" }, detail.url)));
  rows.push(row("src-field-excerpts", tx("span", "src-card-excerpts", { count: detail.excerpts.length })));
  return h(
    "article",
    { class: "src-card", "data-testid": "source-card", "data-key": detail.key },
    h(
      "header",
      { class: "src-card-head" },
      gradeBadge(detail.grade),
      h("h3", { class: "src-card-title", dir: "auto" }, detail.title),
    ),
    authors ? h("p", { class: "src-card-authors", dir: "auto" }, authors) : null,
    h("p", { class: "src-card-key" }, h("code", { dir: "ltr" }, `@${detail.key}`)),
    h("dl", { class: "src-card-fields" }, ...rows),
    isGrade(detail.grade) ? h("p", { class: "src-card-grade" }, gradeBadge(detail.grade, true)) : tx("p", "src-grade-none", undefined, { class: "src-card-grade muted" }),
  );
}

// Details by key. A pending or settled promise is shared, so hovering a citation twice makes
// one request; a failure other than "not found" is not cached (the next hover retries).
const cache = new Map<string, Promise<SourceDetail | null>>();

/** The source `key` (null when the library has no such key), from the cache when possible. */
export function getSourceCached(key: string): Promise<SourceDetail | null> {
  const hit = cache.get(key);
  if (hit) return hit;
  const pending = call("source_get", { key }).then(
    (detail) => detail,
    (error: unknown) => {
      if (error instanceof CommandError && error.code === "not_found") return null;
      if (cache.get(key) === pending) cache.delete(key);
      throw error;
    },
  );
  cache.set(key, pending);
  return pending;
}

/** Forgets `key` (or everything) after a change in the library. */
export function invalidateSource(key?: string): void {
  if (key === undefined) cache.clear();
  else cache.delete(key);
}

/** Puts a freshly returned detail in the cache (after add, edit, grade). */
export function rememberSource(detail: SourceDetail): void {
  cache.set(detail.key, Promise.resolve(detail));
}

/**
 * Tells the rest of the app (the audit, open cards) that the library changed: a bubbling
 * `mizan:sources-changed` event with the key concerned (null: many sources, e.g. an import).
 */
export function notifySourcesChanged(from: EventTarget, key: string | null): void {
  from.dispatchEvent(new CustomEvent("mizan:sources-changed", { bubbles: true, composed: true, detail: { key } }));
}
