// UI localisation through Fluent. Messages come from the repository's `locales/` files,
// bundled at build time, so the desktop app never fetches anything and the Rust side and
// the UI read the very same wording. English is the fallback for a missing message.

import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";

export type Lang = "ar" | "fr" | "en";

export const LANGS: readonly Lang[] = ["ar", "fr", "en"];

// Every .ftl file of every language, as text. Ids are unique across a language's files.
const SOURCES = import.meta.glob("../../locales/*/*.ftl", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

/** The .ftl texts of one language, keyed by file name (exported for the parity test). */
export function ftlFiles(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, text] of Object.entries(SOURCES)) {
    const m = /locales\/([a-z]+)\/([^/]+\.ftl)$/.exec(path);
    if (m && m[1] === lang && m[2] !== undefined) out[m[2]] = text;
  }
  return out;
}

function buildBundle(lang: Lang): FluentBundle {
  // Isolation marks around placeables would leak into aria-labels and titles; the UI
  // puts data in its own elements, so plain interpolation is what we want.
  const bundle = new FluentBundle(lang, { useIsolating: false });
  for (const text of Object.values(ftlFiles(lang))) {
    // A malformed entry is skipped by Fluent; the parity test reports it.
    bundle.addResource(new FluentResource(text), { allowOverrides: false });
  }
  return bundle;
}

const bundles = new Map<Lang, FluentBundle>();
function bundleFor(lang: Lang): FluentBundle {
  let b = bundles.get(lang);
  if (!b) {
    b = buildBundle(lang);
    bundles.set(lang, b);
  }
  return b;
}

let lang: Lang = "en";
let pseudo: ((id: string) => string) | null = null;
const listeners = new Set<(lang: Lang) => void>();

function format(bundle: FluentBundle, id: string, args?: Record<string, string | number>): string | null {
  const msg = bundle.getMessage(id);
  if (!msg?.value) return null;
  const errors: Error[] = [];
  const out = bundle.formatPattern(msg.value, args as Record<string, FluentVariable> | undefined, errors);
  return out;
}

/** The message `id` in the current UI language (English if missing there; the id itself if missing everywhere). */
export function t(id: string, args?: Record<string, string | number>): string {
  if (pseudo) return pseudo(id);
  return format(bundleFor(lang), id, args) ?? format(bundleFor("en"), id, args) ?? id;
}

/** Whether a message exists (in the current language or the English fallback). */
export function hasMessage(id: string): boolean {
  return bundleFor(lang).hasMessage(id) || bundleFor("en").hasMessage(id);
}

export function currentLang(): Lang {
  return lang;
}

export function isLang(value: unknown): value is Lang {
  return value === "ar" || value === "fr" || value === "en";
}

export function dirOf(l: Lang): "rtl" | "ltr" {
  return l === "ar" ? "rtl" : "ltr";
}

/** Switches the UI language: sets `<html lang dir>`, re-localises the document, tells listeners. */
export function setLang(next: Lang): void {
  lang = next;
  const html = document.documentElement;
  html.lang = next;
  html.dir = dirOf(next);
  localize(document);
  for (const cb of [...listeners]) cb(next);
}

export function onLangChange(cb: (lang: Lang) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/**
 * Fills `[data-i18n]` text and `[data-i18n-attr="aria-label:key;title:key2"]` attributes
 * under `root` (the root included when it is an element). `data-i18n-args` may hold JSON args.
 */
export function localize(root: ParentNode): void {
  const els: Element[] = [];
  if (root instanceof Element) els.push(root);
  els.push(...Array.from(root.querySelectorAll("[data-i18n], [data-i18n-attr]")));
  for (const el of els) {
    const args = readArgs(el);
    const id = el.getAttribute("data-i18n");
    if (id) el.textContent = t(id, args);
    const spec = el.getAttribute("data-i18n-attr");
    if (spec) {
      for (const pair of spec.split(";")) {
        const i = pair.indexOf(":");
        if (i <= 0) continue;
        const attr = pair.slice(0, i).trim();
        const key = pair.slice(i + 1).trim();
        if (attr && key) el.setAttribute(attr, t(key, args));
      }
    }
  }
}

function readArgs(el: Element): Record<string, string | number> | undefined {
  const raw = el.getAttribute("data-i18n-args");
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const out: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof v === "string" || typeof v === "number") out[k] = v;
    }
    return out;
  } catch {
    return undefined;
  }
}

/** Tests only: every message renders as `marker(id)` (the pseudo-locale); null restores. */
export function setPseudoLocale(marker: ((id: string) => string) | null): void {
  pseudo = marker;
  localize(document);
  for (const cb of [...listeners]) cb(lang);
}

/**
 * The value and `.accept` variants of a message in every language (e.g. the claim labels
 * `label-judgment` that the brief parser accepts), for recognising the brief's syntax.
 */
export function termVariants(id: string): string[] {
  const out = new Set<string>();
  for (const l of LANGS) {
    const bundle = bundleFor(l);
    const msg = bundle.getMessage(id);
    if (!msg) continue;
    if (msg.value) out.add(bundle.formatPattern(msg.value, undefined, []));
    const accept = msg.attributes["accept"];
    if (accept) {
      for (const v of bundle.formatPattern(accept, undefined, []).split("|")) {
        const trimmed = v.trim();
        if (trimmed) out.add(trimmed);
      }
    }
  }
  return [...out];
}
