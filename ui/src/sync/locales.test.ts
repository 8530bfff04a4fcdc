import { FluentBundle, FluentResource } from "@fluent/bundle";
import { describe, expect, it } from "vitest";
import { ftlFiles, type Lang } from "../i18n";
import { SYNC_FIELDS } from "./conflicts";

const LANGS: Lang[] = ["ar", "fr", "en"];
const CODE = import.meta.glob(["./*.ts", "!./*.test.ts"], { query: "?raw", import: "default", eager: true }) as Record<string, string>;

function ids(text: string): string[] {
  return Array.from(text.matchAll(/^([a-z][a-z0-9-]*)\s*=/gmu), (m) => m[1]!);
}

function bundle(lang: Lang): FluentBundle {
  const b = new FluentBundle(lang, { useIsolating: false });
  for (const text of Object.values(ftlFiles(lang))) b.addResource(new FluentResource(text));
  return b;
}

/** Every message id the sync code asks for: the literals, and the families built from data. */
function usedIds(): string[] {
  const out = new Set<string>();
  for (const text of Object.values(CODE)) {
    for (const m of text.matchAll(/"(sync-[a-z0-9-]*[a-z0-9])"/gu)) {
      // Class names and test ids share the prefix; messages are what t(), tx(), ta() and
      // the dialog's labelId/titleId take (also as both arms of a ternary inside t()).
      const id = m[1]!;
      const asMessage = [`t("${id}"`, `tx("`, `labelId: "${id}"`, `titleId: "${id}"`, `? "${id}" :`, `: "${id}")`, `"aria-label": "${id}"`, `title: "${id}"`];
      if (asMessage.some((p) => (p === `tx("` ? new RegExp(`tx\\("[a-z0-9]+", "${id}"`, "u").test(text) : text.includes(p)))) out.add(id);
    }
  }
  for (const s of ["unknown", "off", "never", "running", "ok", "error"]) out.add(`sync-state-${s}`);
  for (const k of ["field", "delete", "key"]) out.add(`sync-conflict-kind-${k}`);
  for (const f of SYNC_FIELDS) out.add(`sync-field-${f.replace(/_/gu, "-")}`);
  for (const c of ["no-sync-folder", "sync-folder", "cannot-flip"]) out.add(`ui-error-${c}`);
  return [...out];
}

const ARGS = { count: 3, when: "20/11/2025", sent: 2, received: 5, field: "Title", device: "dev-1" };

describe("ui-sync.ftl", () => {
  it("has the same messages in ar, fr and en", () => {
    const en = ids(ftlFiles("en")["ui-sync.ftl"] ?? "").sort();
    expect(en.length).toBeGreaterThan(60);
    for (const lang of ["ar", "fr"] as const) expect(ids(ftlFiles(lang)["ui-sync.ftl"] ?? "").sort(), lang).toEqual(en);
  });

  it("has every message the code uses, formatting without errors in each language", () => {
    const used = usedIds();
    expect(used.length).toBeGreaterThan(60);
    for (const lang of LANGS) {
      const b = bundle(lang);
      for (const id of used) {
        const msg = b.getMessage(id);
        expect(msg?.value, `${lang}: ${id}`).toBeTruthy();
        for (const count of [0, 1, 2, 3, 11, 100]) {
          const errors: Error[] = [];
          const text = b.formatPattern(msg!.value!, { ...ARGS, count }, errors);
          expect(errors, `${lang}: ${id}`).toEqual([]);
          expect(text.trim(), `${lang}: ${id}`).not.toBe("");
        }
      }
    }
  });

  it("uses French typography: no-break spaces before ; : ? ! and inside « »", () => {
    for (const line of (ftlFiles("fr")["ui-sync.ftl"] ?? "").split("\n")) {
      if (line.startsWith("#")) continue;
      const m = /^[a-z][a-z0-9-]* =(.*)$/u.exec(line) ?? /^\s+\*?\[[^\]]+\](.*)$/u.exec(line);
      if (!m) continue;
      const value = m[1]!.trim();
      expect(value, line).not.toMatch(/ [;:?!]/u);
      expect(value, line).not.toMatch(/« | »/u);
      expect(value, line).not.toMatch(/[^\s\u00a0\u202f][;:?!]/u);
    }
  });
});
