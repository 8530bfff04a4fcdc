import { FluentBundle, FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { ftlFiles, type Lang } from "../i18n";
import { SOURCE_KINDS } from "../cite/card";
import { LOCATOR_KINDS } from "../cite/citation";
import { CONFIDENCES, LIKELIHOODS } from "../cite/judgment";

const LANGS: Lang[] = ["ar", "fr", "en"];
const CODE = import.meta.glob(["./*.ts", "../cite/*.ts", "!./*.test.ts", "!../cite/*.test.ts", "!./testing.ts"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

function ids(text: string): string[] {
  return Array.from(text.matchAll(/^(src-[a-z0-9-]+)\s*=/gmu), (m) => m[1]!);
}

function bundle(lang: Lang): FluentBundle {
  const b = new FluentBundle(lang, { useIsolating: false });
  for (const text of Object.values(ftlFiles(lang))) b.addResource(new FluentResource(text));
  return b;
}

/** Every message id the code asks for: the literals, and the families built from data. */
function usedIds(): string[] {
  const out = new Set<string>();
  for (const text of Object.values(CODE)) {
    for (const m of text.matchAll(/(?<!class: )(?<!classList\.add\()"(src-[a-z0-9-]+[a-z0-9])"/gu)) out.add(m[1]!);
  }
  for (const k of SOURCE_KINDS) out.add(`src-type-${k}`);
  for (const k of LOCATOR_KINDS) out.add(`src-locator-${k}`);
  for (const k of ["empty", "separator", "quote"]) out.add(`src-error-locator-${k}`);
  for (const k of ["fact", "judgment", "assumption", "other"]) out.add(`src-claim-kind-${k}`);
  for (const k of ["read", "added", "skipped", "merged", "renamed"]) out.add(`src-import-count-${k}`);
  for (const k of ["skipped", "merged", "kept-both"]) out.add(`src-import-outcome-${k}`);
  for (const k of ["skip", "merge", "keep-both"]) out.add(`src-import-policy-${k}`).add(`src-import-policy-hint-${k}`);
  for (const k of ["csl-json", "bibtex", "ris"]) out.add(`src-export-format-${k}`);
  // Shared vocabulary from common.ftl that the cards and pickers show.
  for (const g of "abcdef") out.add(`reliability-${g}`);
  for (let c = 1; c <= 6; c++) out.add(`credibility-${c}`);
  for (const l of LIKELIHOODS) out.add(`likelihood-${l.id}`);
  for (const c of CONFIDENCES) out.add(`confidence-${c}`);
  return [...out];
}

const ARGS = { count: 3, key: "k", title: "T", value: "v", line: 4, grade: "B", who: "W", when: "D", meaning: "M", detail: "x", briefs: 2, claims: 3, done: 1, total: 2, from: "05", to: "20", name: "N", label: "p." };

describe("ui-sources.ftl", () => {
  it("has the same messages in ar, fr and en", () => {
    const en = ids(ftlFiles("en")["ui-sources.ftl"] ?? "").sort();
    expect(en.length).toBeGreaterThan(150);
    for (const lang of ["ar", "fr"] as const) expect(ids(ftlFiles(lang)["ui-sources.ftl"] ?? "").sort(), lang).toEqual(en);
  });

  it("has every message the code uses, formatting without errors in each language", () => {
    const used = usedIds();
    expect(used.length).toBeGreaterThan(150);
    for (const lang of LANGS) {
      const b = bundle(lang);
      for (const id of used) {
        const msg = b.getMessage(id);
        expect(msg?.value, `${lang}: ${id}`).toBeTruthy();
        const errors: Error[] = [];
        const text = b.formatPattern(msg!.value!, ARGS, errors);
        expect(errors, `${lang}: ${id}`).toEqual([]);
        expect(text.trim(), `${lang}: ${id}`).not.toBe("");
      }
    }
  });

  it("uses French typography: no-break spaces before ; : ? ! and inside « »", () => {
    const fr = ftlFiles("fr")["ui-sources.ftl"] ?? "";
    for (const line of fr.split("\n")) {
      if (line.startsWith("#")) continue;
      const m = /^src-[a-z0-9-]+ =(.*)$/u.exec(line) ?? /^\s+\*?\[[^\]]+\](.*)$/u.exec(line);
      if (!m) continue;
      const value = m[1]!.trim();
      // The key-character lists name ":" and "?" as characters, not as punctuation.
      if (/^src-(hint-key|error-key-chars)\b/u.test(line)) continue;
      expect(value, line).not.toMatch(/ [;:?!]/u);
      expect(value, line).not.toMatch(/« | »/u);
      expect(value, line).not.toMatch(/[^\s\u00a0\u202f][;?!]/u);
    }
  });
});
