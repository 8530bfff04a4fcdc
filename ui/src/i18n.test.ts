import { parse } from "@fluent/syntax";
import { afterEach, describe, expect, it } from "vitest";
import { currentLang, ftlFiles, LANGS, localize, onLangChange, setLang, t, termVariants } from "./i18n";

afterEach(() => setLang("en"));

type Parsed = { ids: Map<string, string>; junk: string[] };

/** Message ids (with the file they are in) and syntax errors of one language. */
function parseLang(lang: (typeof LANGS)[number]): Parsed {
  const ids = new Map<string, string>();
  const junk: string[] = [];
  for (const [file, text] of Object.entries(ftlFiles(lang))) {
    const resource = parse(text, { withSpans: true });
    for (const entry of resource.body) {
      if (entry.type === "Junk") {
        const first = entry.annotations[0];
        junk.push(`${lang}/${file}: ${first ? `${first.code} ${first.message}` : "syntax error"} near «${entry.content.slice(0, 60)}»`);
      } else if (entry.type === "Message" || entry.type === "Term") {
        const id = entry.type === "Term" ? `-${entry.id.name}` : entry.id.name;
        const previous = ids.get(id);
        if (previous) junk.push(`${lang}: id ${id} defined in both ${previous} and ${file}`);
        ids.set(id, file);
      }
    }
  }
  return { ids, junk };
}

describe("locale files", () => {
  it("exist for the three languages, with ui.ftl among them", () => {
    for (const lang of LANGS) expect(Object.keys(ftlFiles(lang))).toContain("ui.ftl");
  });

  it("have no syntax error and no id defined twice in a language", () => {
    const problems = LANGS.flatMap((l) => parseLang(l).junk);
    expect(problems).toEqual([]);
  });

  it("have the same message ids in ar, fr and en, file by file", () => {
    const en = parseLang("en").ids;
    for (const lang of ["ar", "fr"] as const) {
      const other = parseLang(lang).ids;
      const missing = [...en.keys()].filter((id) => !other.has(id)).map((id) => `${lang} lacks ${id} (${en.get(id)})`);
      const extra = [...other.keys()].filter((id) => !en.has(id)).map((id) => `${lang} has ${id} (${other.get(id)}) that en lacks`);
      const moved = [...en.keys()].filter((id) => other.has(id) && other.get(id) !== en.get(id)).map((id) => `${id}: en/${en.get(id)} vs ${lang}/${other.get(id)}`);
      expect([...missing, ...extra, ...moved]).toEqual([]);
    }
  });

  it("prefix this UI's messages with ui- in ui.ftl", () => {
    for (const lang of LANGS) {
      const { ids } = parseLang(lang);
      const wrong = [...ids].filter(([id, file]) => file === "ui.ftl" && !id.startsWith("ui-"));
      expect(wrong).toEqual([]);
    }
  });

  it("use French spacing before high punctuation in fr/ui.ftl", () => {
    const text = ftlFiles("fr")["ui.ftl"] ?? "";
    const bad = text
      .split("\n")
      .filter((l) => !l.startsWith("#"))
      .map((l) => l.replace(/^\S+ = /u, ""))
      .filter((l) => / [:;!?»]|« /u.test(l));
    expect(bad).toEqual([]);
  });
});

describe("t and setLang", () => {
  it("formats in the current language with arguments", () => {
    setLang("fr");
    expect(t("ui-history-revision", { number: 3 })).toBe("Révision 3");
    setLang("ar");
    expect(t("ui-history-revision", { number: 3 })).toBe("المراجعة 3");
  });

  it("counts zero in French as zero (French plural `one` covers 0 and 1)", () => {
    setLang("fr");
    const counts = t("ui-audit-counts", { errors: 0, warnings: 1, notes: 29 });
    expect(counts.replace(/[\u2068\u2069]/gu, "")).toBe("0 erreur, 1 avertissement, 29 remarques");
  });

  it("falls back to English, then to the id", () => {
    setLang("fr");
    expect(t("ui-does-not-exist")).toBe("ui-does-not-exist");
    expect(t("lang-ar")).not.toBe("lang-ar");
  });

  it("mirrors the document in Arabic and tells listeners", () => {
    const seen: string[] = [];
    const off = onLangChange((l) => seen.push(l));
    setLang("ar");
    expect(document.documentElement.dir).toBe("rtl");
    expect(document.documentElement.lang).toBe("ar");
    setLang("fr");
    expect(document.documentElement.dir).toBe("ltr");
    off();
    setLang("en");
    expect(seen).toEqual(["ar", "fr"]);
    expect(currentLang()).toBe("en");
  });

  it("localises data-i18n text and data-i18n-attr attributes", () => {
    const root = document.createElement("div");
    root.innerHTML = `<button data-i18n="ui-action-save" data-i18n-attr="title:ui-action-save-hint;aria-label:ui-action-save-hint"></button><span data-i18n="ui-history-revision" data-i18n-args='{"number":7}'></span>`;
    setLang("fr");
    localize(root);
    const btn = root.querySelector("button")!;
    expect(btn.textContent).toBe("Enregistrer");
    expect(btn.getAttribute("title")).toBe("Enregistrer la note");
    expect(btn.getAttribute("aria-label")).toBe("Enregistrer la note");
    expect(root.querySelector("span")!.textContent).toBe("Révision 7");
  });

  it("reads the claim labels of all languages from common.ftl", () => {
    const labels = termVariants("label-judgment");
    expect(labels).toEqual(expect.arrayContaining(["Judgment", "Jugement", "تقدير"]));
  });
});
