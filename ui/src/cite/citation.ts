// Writing a citation in the brief's syntax (README, "Writing briefs"; the reference is
// crates/brief/src/citation.rs). Everything here is pure so it can be tested against the
// exact strings the Rust parser reads back.

import type { Lang } from "../i18n";

/** What a locator counts; the names follow the parser's `LocatorKind`. */
export type LocatorKind = "page" | "chapter" | "section" | "paragraph" | "volume" | "article" | "figure" | "line" | "note" | "column";

export const LOCATOR_KINDS: readonly LocatorKind[] = ["page", "chapter", "section", "paragraph", "volume", "article", "figure", "line", "note", "column"];

// One label per kind and language, each one the parser maps back to the same kind
// (LOCATOR_LABELS in citation.rs). These are brief syntax, not interface wording.
const LOCATOR_LABELS: Record<Lang, Record<LocatorKind, string>> = {
  en: { page: "p.", chapter: "ch.", section: "sec.", paragraph: "para.", volume: "vol.", article: "art.", figure: "fig.", line: "l.", note: "n.", column: "col." },
  fr: { page: "p.", chapter: "chap.", section: "§", paragraph: "paragraphe", volume: "vol.", article: "art.", figure: "fig.", line: "l.", note: "n.", column: "col." },
  ar: { page: "ص.", chapter: "الفصل", section: "القسم", paragraph: "الفقرة", volume: "ج.", article: "المادة", figure: "الشكل", line: "سطر", note: "هامش", column: "عمود" },
};

export function locatorLabel(kind: LocatorKind, lang: Lang): string {
  return LOCATOR_LABELS[lang][kind];
}

export type CitationParts = {
  key: string;
  locator?: { kind: LocatorKind; value: string } | null;
  /** A few words of a stored excerpt of the source (see `excerptQuote`). */
  excerpt?: string | null;
  /** Admiralty credibility of the information, 1–6. */
  credibility?: number | null;
};

/** Why a locator value cannot be written into a citation, or null when it can. */
export type LocatorProblem = "empty" | "separator" | "quote";

export function locatorProblem(value: string): LocatorProblem | null {
  const v = value.trim();
  if (v === "") return "empty";
  // A comma or semicolon would split the citation into parts; a quotation mark would make
  // the value read as an excerpt.
  if (/[,،;؛]/u.test(v)) return "separator";
  if (/["«»“”]/u.test(v)) return "quote";
  return null;
}

// Pandoc's key scanner stops at internal punctuation that no letter or digit follows
// (`@x.` is the key `x`); such keys must be written in braces to survive.
const KEY_PUNCT = ":.#$%&-+?<>~/";

function isWordChar(ch: string): boolean {
  return ch === "_" || /[\p{L}\p{N}]/u.test(ch);
}

/** Whether `@key` would not read back as the whole key, so it needs `@{key}`. */
export function keyNeedsBraces(key: string): boolean {
  const chars = Array.from(key);
  if (chars.length === 0) return true;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (isWordChar(ch)) continue;
    if (!KEY_PUNCT.includes(ch)) return true;
    const next = chars[i + 1];
    if (i === 0 || next === undefined || !isWordChar(next)) return true;
  }
  return false;
}

/** Backslash-escapes what Markdown would read as formatting inside a citation (as the Rust writer does). */
export function escapeFree(text: string): string {
  return text.replace(/[\\*_`[\]<]/gu, (c) => `\\${c}`);
}

const ASCII_DIGITS = (s: string): string =>
  s.replace(/[\u0660-\u0669]/gu, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06F0-\u06F9]/gu, (d) => String(d.charCodeAt(0) - 0x06f0));

/**
 * The citation text, in the form the brief's language uses:
 * fr `[@key, p. 4, « mots », cred. 2]`, en `[@key, p. 4, "words", cred. 2]`,
 * ar `[@key، ص. 4، «كلمات»، مصداقية 2]`.
 */
export function formatCitation(parts: CitationParts, lang: Lang): string {
  const comma = lang === "ar" ? "، " : ", ";
  const key = parts.key.trim();
  let out = `[@${keyNeedsBraces(key) ? `{${key}}` : key}`;
  if (parts.locator) {
    const value = parts.locator.value.trim();
    if (locatorProblem(value) === null) out += `${comma}${locatorLabel(parts.locator.kind, lang)} ${escapeFree(value)}`;
  }
  const excerpt = parts.excerpt?.trim();
  if (excerpt) {
    const quoted = lang === "en" ? `"${excerpt}"` : lang === "fr" ? `« ${excerpt} »` : `«${excerpt}»`;
    out += `${comma}${escapeFree(quoted)}`;
  }
  const cred = parts.credibility;
  if (cred !== null && cred !== undefined && Number.isInteger(cred) && cred >= 1 && cred <= 6) {
    out += `${comma}${lang === "ar" ? "مصداقية" : "cred."} ${cred}`;
  }
  return `${out}]`;
}

// Characters an excerpt quote may not carry: quotation marks would end the quote early,
// brackets the citation, and the rest is Markdown formatting. The audit ignores
// punctuation when it matches, so dropping them does not change what is found.
const UNSAFE_IN_QUOTE = /["«»“”„[\]*_`\\<>]/gu;

/** Words normalised the way the audit compares excerpts: case, accents, Arabic short vowels, tatweel and punctuation ignored. */
export function matchWords(text: string): string[] {
  return ASCII_DIGITS(text)
    .normalize("NFD")
    .replace(/[\p{M}\u0640]/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
}

function containsRun(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return true;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * The opening words of `text` to quote in a citation: at least `minWords` (or all), and more
 * until no other excerpt of the same source contains them too, so the audit finds this one.
 */
export function excerptQuote(text: string, others: readonly string[] = [], minWords = 6): string {
  const words = text
    .split(/\s+/u)
    .map((w) => w.replace(UNSAFE_IN_QUOTE, ""))
    .filter((w) => w !== "");
  if (words.length === 0) return "";
  const otherWords = others.map(matchWords);
  let n = Math.min(minWords, words.length);
  for (; n < words.length; n++) {
    const needle = matchWords(words.slice(0, n).join(" "));
    if (!otherWords.some((o) => containsRun(o, needle))) break;
  }
  // Trailing punctuation of the last word is noise in a quote ("nuit," → "nuit").
  const quote = words.slice(0, n).join(" ");
  return quote.replace(/[\s,،;؛:.!?؟…]+$/u, "");
}
