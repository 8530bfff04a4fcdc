import { afterEach, describe, expect, it } from "vitest";
import type { ImportSummary, SearchRequest, SourceDetail } from "../ipc/bindings";
import { invalidateSource } from "../cite/card";
import { setLang } from "../i18n";
import { normalizeYears, mountSourcesPanel } from "./panel";
import { byTestId, choose, fakeShell, hitOf, sampleDetail, settle, type, type FakeShell } from "./testing";

let shell: FakeShell | undefined;
afterEach(() => {
  shell?.restore();
  shell = undefined;
  invalidateSource();
  document.body.replaceChildren();
  setLang("en");
});

const rfi = sampleDetail();
const jazeera = sampleDetail({
  id: "7d0f3c1e-0000-4000-8000-000000000002",
  key: "aljazeera-hisar-bamako-2025",
  title: "حصار باماكو يدخل شهره الثالث",
  authors: [{ literal: "الجزيرة نت" }],
  language: "ar",
  grade: "C",
  excerpts: [],
});

function mount(extra: Parameters<typeof fakeShell>[0] = {}, inserted: string[] = []): HTMLElement {
  shell = fakeShell({
    sources_search: (req) => (req.text.includes("باماكو") || req.text === "" ? [hitOf(jazeera), hitOf(rfi)] : []),
    source_get: ({ key }) => {
      const d = [rfi, jazeera].find((x) => x.key === key);
      if (!d) throw { code: "not_found", message: `no source ${key}`, field: "key" };
      return d;
    },
    ...extra,
  });
  const root = document.body.appendChild(document.createElement("div"));
  mountSourcesPanel(root, { onInsertCitation: (text) => inserted.push(text) });
  return root;
}

const rows = (root: ParentNode): HTMLElement[] => Array.from(root.querySelectorAll<HTMLElement>("[data-testid=source-row]"));

describe("search", () => {
  it("searches as the user types, with the filters, and renders one row per hit", async () => {
    const root = mount();
    await settle();
    expect(shell!.callsOf("sources_search")[0]).toEqual({ text: "", kinds: [], language: null, grades: [], years: null, tag: null, limit: 200 } satisfies SearchRequest);

    choose(root.querySelector("select[name=filter-kind]"), "news-article");
    choose(root.querySelector('input[name=filter-grade][value="B"]'));
    choose(root.querySelector('input[name=filter-grade][value="C"]'));
    type(root.querySelector("input[name=filter-years]"), "2020..2025");
    type(root.querySelector("input[name=filter-language]"), "ar");
    type(root.querySelector("input[name=filter-tag]"), "mali");
    type(byTestId("source-search", root), "حصار باماكو");
    await settle();
    const last = shell!.callsOf("sources_search").at(-1);
    expect(last).toEqual({ text: "حصار باماكو", kinds: ["news-article"], language: "ar", grades: ["B", "C"], years: "2020..2025", tag: "mali", limit: 200 });
    expect(rows(root).map((r) => r.dataset.key)).toEqual(["aljazeera-hisar-bamako-2025", "rfi-blocus-bamako-2025"]);
    expect(rows(root)[0]!.textContent).toContain("حصار باماكو يدخل شهره الثالث");
    expect(rows(root)[0]!.querySelector("[data-grade=C]")).not.toBeNull();
    expect(byTestId("source-status", root).textContent).toBe("2 sources");

    type(byTestId("source-search", root), "introuvable");
    await settle();
    expect(rows(root)).toHaveLength(0);
    expect(byTestId("source-status", root).textContent).toBe("No source matches.");
  });

  it("shows a bad year range next to its field and does not search with it", async () => {
    const root = mount();
    await settle();
    const before = shell!.callsOf("sources_search").length;
    type(root.querySelector("input[name=filter-years]"), "2025..2020");
    await settle();
    expect(shell!.callsOf("sources_search")).toHaveLength(before);
    const error = root.querySelector<HTMLElement>('[data-error-for="filter-years"]')!;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toContain("2025..2020");
    expect(root.querySelector("input[name=filter-years]")!.getAttribute("aria-invalid")).toBe("true");
    type(root.querySelector("input[name=filter-years]"), "٢٠٢٣..");
    await settle();
    expect(shell!.callsOf("sources_search").at(-1)?.years).toBe("2023..");
    expect(error.hidden).toBe(true);
    expect(normalizeYears("2025")).toBe("2025");
    expect(normalizeYears("..2020")).toBe("..2020");
    expect(normalizeYears("2020 – 2024")).toBe("2020..2024");
    expect(normalizeYears("20")).toBeNull();
  });

  it("moves through results with the arrow keys and opens one with Enter", async () => {
    const root = mount();
    await settle();
    const list = byTestId("source-results", root);
    byTestId("source-search", root).dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    expect(document.activeElement).toBe(rows(root)[0]);
    list.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true }));
    expect(document.activeElement).toBe(rows(root)[1]);
    expect(rows(root)[1]!.getAttribute("aria-selected")).toBe("true");
    list.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    await settle();
    expect(shell!.callsOf("source_get")).toEqual([{ key: "rfi-blocus-bamako-2025" }]);
    const detail = byTestId("source-detail", root);
    expect(detail.querySelector("[data-testid=source-card]")?.getAttribute("data-key")).toBe("rfi-blocus-bamako-2025");
    expect(detail.textContent).toContain("Graded B by Amina Diallo");
    expect(detail.querySelectorAll(".src-excerpt")).toHaveLength(2);
  });
});

describe("interface language", () => {
  it("re-translates the panel and the open source when the language changes", async () => {
    const root = mount();
    await settle();
    rows(root)[1]!.click();
    await settle();
    setLang("fr");
    expect(byTestId("source-status", root).textContent).toBe("2 sources");
    expect(rows(root)[1]!.textContent).toContain("Article de presse");
    const detail = byTestId("source-detail", root);
    expect(detail.textContent).toContain("Cotée B par Amina Diallo");
    expect(detail.querySelector("select[name=grade-set] option[value=B]")!.textContent).toBe("B — habituellement fiable");
    expect(byTestId<HTMLInputElement>("source-search", root).placeholder).toBe("Titre, auteur, étiquette, mots d'un extrait…");
    setLang("ar");
    expect(document.documentElement.dir).toBe("rtl");
    expect(detail.textContent).toContain("موثوق عادةً");
    expect(byTestId<HTMLButtonElement>("source-cite", root).textContent).toBe("الإحالة إليه في الموجز");
  });
});

describe("detail actions", () => {
  it("inserts a citation, grades, and adds an excerpt", async () => {
    const inserted: string[] = [];
    let current: SourceDetail = rfi;
    const root = mount(
      {
        source_get: () => current,
        source_grade: ({ reliability }) => (current = { ...current, grade: reliability, grading: { reliability, gradedBy: "Karim Benali", gradedAt: "2025-11-21T10:00:00Z" } }),
        source_add_excerpt: ({ text, locator }) => {
          const e = { id: "e3", text, locator };
          current = { ...current, excerpts: [...current.excerpts, e] };
          return e;
        },
      },
      inserted,
    );
    const changes: Array<string | null> = [];
    document.addEventListener("mizan:sources-changed", (ev) => changes.push((ev as CustomEvent<{ key: string | null }>).detail.key));
    await settle();
    rows(root)[1]!.click();
    await settle();
    byTestId<HTMLButtonElement>("source-cite", root).click();
    expect(inserted).toEqual(["[@rfi-blocus-bamako-2025]"]);
    expect(changes).toEqual([]);

    choose(root.querySelector("select[name=grade-set]"), "A");
    byTestId<HTMLButtonElement>("source-grade", root).click();
    await settle();
    expect(shell!.callsOf("source_grade")).toEqual([{ key: "rfi-blocus-bamako-2025", reliability: "A" }]);
    expect(byTestId("source-grade-status", root).textContent).toContain("Graded A by Karim Benali");

    const form = byTestId("excerpt-form", root);
    byTestId<HTMLButtonElement>("source-add-excerpt", root).click();
    await settle();
    expect(form.querySelector<HTMLElement>('[data-error-for="excerpt-text"]')!.hidden).toBe(false);
    expect(shell!.callsOf("source_add_excerpt")).toEqual([]);
    type(root.querySelector("textarea[name=excerpt-text]"), "Le prix du litre a doublé à Bamako.");
    type(root.querySelector("input[name=excerpt-locator]"), "p. 3");
    byTestId<HTMLButtonElement>("source-add-excerpt", root).click();
    await settle();
    expect(shell!.callsOf("source_add_excerpt")).toEqual([{ key: "rfi-blocus-bamako-2025", text: "Le prix du litre a doublé à Bamako.", locator: "p. 3" }]);
    expect(root.querySelectorAll(".src-excerpt")).toHaveLength(3);
    // The app is told twice (grade, excerpt) so the audit and the cards follow.
    expect(changes).toEqual(["rfi-blocus-bamako-2025", "rfi-blocus-bamako-2025"]);
  });
});

describe("add and edit form", () => {
  it("sends the SourceInput with parsed authors and tags", async () => {
    const root = mount({ source_add: ({ source }) => ({ source: { ...rfi, ...source, key: source.key ?? "auto", excerpts: [], citedBy: [] } as SourceDetail, duplicate: null }) });
    await settle();
    byTestId<HTMLButtonElement>("source-add", root).click();
    const form = byTestId<HTMLFormElement>("source-form");
    for (const name of ["key", "kind", "title", "authors", "issued", "language", "container-title", "publisher", "url", "doi", "grade", "tags", "notes"]) {
      const control = form.querySelector(`[name="${name}"]`);
      expect(control, name).not.toBeNull();
      expect(form.querySelector(`label[for="${control!.id}"]`), `label of ${name}`).not.toBeNull();
    }
    type(form.querySelector("[name=key]"), "ocha-mali-2025");
    choose(form.querySelector("[name=kind]"), "report");
    type(form.querySelector("[name=title]"), "  Mali : aperçu de la situation humanitaire  ");
    type(form.querySelector("[name=authors]"), "Bureau de la coordination des affaires humanitaires\n\nTraoré, Moussa\nالكبير، سعيد\n{OCHA, bureau de Bamako}");
    type(form.querySelector("[name=issued]"), "٢٠٢٥-١١-٠٣");
    type(form.querySelector("[name=language]"), "fr");
    type(form.querySelector("[name=url]"), "https://www.unocha.org/mali");
    choose(form.querySelector("[name=grade]"), "A");
    type(form.querySelector("[name=tags]"), "mali, humanitaire، carburant, mali");
    type(form.querySelector("[name=notes]"), "Rapport mensuel.");
    byTestId<HTMLButtonElement>("source-save").click();
    await settle();
    expect(shell!.callsOf("source_add")).toEqual([
      {
        source: {
          key: "ocha-mali-2025",
          kind: "report",
          title: "Mali : aperçu de la situation humanitaire",
          authors: [
            { literal: "Bureau de la coordination des affaires humanitaires" },
            { family: "Traoré", given: "Moussa" },
            { family: "الكبير", given: "سعيد" },
            { literal: "OCHA, bureau de Bamako" },
          ],
          issued: "2025-11-03",
          language: "fr",
          containerTitle: null,
          publisher: null,
          url: "https://www.unocha.org/mali",
          doi: null,
          pages: null,
          accessed: null,
          notes: "Rapport mensuel.",
          tags: ["mali", "humanitaire", "carburant"],
          grade: "A",
        },
        onDuplicate: "skip",
      },
    ]);
    expect(document.querySelector("[data-testid=source-form-dialog]")).toBeNull();
    expect(byTestId("source-detail", root).textContent).toContain("Mali : aperçu de la situation humanitaire");
  });

  it("shows client-side problems and the shell's key_taken next to their fields", async () => {
    const root = mount({
      source_add: () => {
        throw { code: "key_taken", message: "a source with key `rfi-blocus-bamako-2025` already exists", field: "key" };
      },
    });
    await settle();
    byTestId<HTMLButtonElement>("source-add", root).click();
    const form = byTestId<HTMLFormElement>("source-form");
    type(form.querySelector("[name=issued]"), "2025-13");
    type(form.querySelector("[name=authors]"), ", Amina");
    byTestId<HTMLButtonElement>("source-save").click();
    await settle();
    expect(shell!.callsOf("source_add")).toEqual([]);
    const errorOf = (name: string): HTMLElement => form.querySelector<HTMLElement>(`[data-error-for="${name}"]`)!;
    expect(errorOf("title").hidden).toBe(false);
    expect(errorOf("issued").textContent).toContain("2025-13");
    expect(errorOf("authors").textContent).toContain("Line 1");

    type(form.querySelector("[name=title]"), "Mali : le blocus de Bamako");
    type(form.querySelector("[name=issued]"), "2025-11");
    type(form.querySelector("[name=authors]"), "Diallo, Amina");
    type(form.querySelector("[name=key]"), "rfi-blocus-bamako-2025");
    byTestId<HTMLButtonElement>("source-save").click();
    await settle();
    expect(shell!.callsOf("source_add")).toHaveLength(1);
    expect(errorOf("title").hidden).toBe(true);
    expect(errorOf("key").hidden).toBe(false);
    expect(errorOf("key").textContent).toBe("The key “rfi-blocus-bamako-2025” is already used by another source.");
    expect(form.querySelector("[name=key]")!.getAttribute("aria-invalid")).toBe("true");
    // The dialog stays open for a correction.
    expect(document.querySelector("[data-testid=source-form-dialog]")).not.toBeNull();
  });

  it("maps other field errors from the shell and edits with source_update", async () => {
    const root = mount({
      source_update: () => {
        throw { code: "invalid_input", message: "containerTitle: too long", field: "containerTitle" };
      },
    });
    await settle();
    rows(root)[1]!.click();
    await settle();
    byTestId<HTMLButtonElement>("source-edit", root).click();
    const form = byTestId<HTMLFormElement>("source-form");
    expect(form.querySelector<HTMLTextAreaElement>("[name=authors]")!.value).toBe("Diallo, Amina\nRédaction Afrique");
    expect(form.querySelector<HTMLInputElement>("[name=tags]")!.value).toBe("mali, carburant");
    byTestId<HTMLButtonElement>("source-save").click();
    await settle();
    const req = shell!.callsOf("source_update")[0]!;
    expect(req.key).toBe("rfi-blocus-bamako-2025");
    expect(req.source.authors).toEqual(rfi.authors);
    expect(req.source.accessed).toBe("2025-11-20");
    expect(form.querySelector('[data-error-for="container-title"]')!.textContent).toBe("containerTitle: too long");
  });
});

describe("delete", () => {
  it("lists the citing briefs and removes only after confirming", async () => {
    const cited = sampleDetail({
      citedBy: [
        { briefId: "b1", briefTitle: "Mali : l'effondrement sécuritaire", briefPath: "/home/amina/notes/mali-fr.md", claimId: "c1", kind: "fact", text: "Le blocus a commencé en septembre.", line: 12, locator: "p. 3", credibility: 2 },
        { briefId: "b1", briefTitle: "Mali : l'effondrement sécuritaire", briefPath: "/home/amina/notes/mali-fr.md", claimId: "c2", kind: "judgment", text: "La chute de Bamako est improbable.", line: 20, locator: null, credibility: null },
        { briefId: "b2", briefTitle: "مالي: الانهيار الأمني", briefPath: null, claimId: "c3", kind: "fact", text: "بدأ الحصار في سبتمبر.", line: 9, locator: null, credibility: null },
      ],
    });
    const root = mount({ source_get: () => cited, source_remove: () => cited });
    await settle();
    rows(root)[1]!.click();
    await settle();
    byTestId<HTMLButtonElement>("source-delete", root).click();
    await settle();
    const dialog = byTestId("source-delete-dialog");
    const briefs = Array.from(dialog.querySelectorAll<HTMLElement>("[data-testid=delete-citing-brief]"));
    expect(briefs.map((b) => b.dataset.brief)).toEqual(["b1", "b2"]);
    expect(briefs[0]!.textContent).toContain("Mali : l'effondrement sécuritaire");
    expect(briefs[0]!.textContent).toContain("/home/amina/notes/mali-fr.md");
    expect(briefs[0]!.textContent).toContain("2 claims");
    expect(briefs[1]!.textContent).toContain("مالي: الانهيار الأمني");
    expect(dialog.textContent).toContain("3 claims in these 2 briefs");

    byTestId<HTMLButtonElement>("source-delete-cancel").click();
    await settle();
    expect(shell!.callsOf("source_remove")).toEqual([]);
    expect(document.querySelector("[data-testid=source-delete-dialog]")).toBeNull();

    byTestId<HTMLButtonElement>("source-delete", root).click();
    await settle();
    byTestId<HTMLButtonElement>("source-delete-confirm").click();
    await settle();
    expect(shell!.callsOf("source_remove")).toEqual([{ key: "rfi-blocus-bamako-2025" }]);
    expect(byTestId("source-detail", root).querySelector("[data-testid=source-card]")).toBeNull();
  });
});

describe("import and export", () => {
  it("shows progress from import-progress and then the report with duplicates", async () => {
    let finish: (s: ImportSummary) => void = () => {};
    const root = mount({ sources_import: () => new Promise<ImportSummary>((r) => (finish = r)) });
    await settle();
    byTestId<HTMLButtonElement>("source-import", root).click();
    const dialog = byTestId("import-dialog");
    choose(dialog.querySelector('input[name="on-duplicate"][value="merge"]'));
    byTestId<HTMLButtonElement>("import-start").click();
    await settle();
    expect(shell!.callsOf("sources_import")).toEqual([{ onDuplicate: "merge", format: null, skipInvalid: true }]);
    shell!.emit("import-progress", { done: 40, total: 120 });
    const bar = byTestId<HTMLProgressElement>("import-progress");
    expect(bar.max).toBe(120);
    expect(bar.value).toBe(40);
    expect(byTestId("import-progress-text").textContent).toBe("40 of 120 entries");
    const searchesBefore = shell!.callsOf("sources_search").length;
    finish({
      path: "/home/amina/zotero-export.json",
      read: 120,
      added: 115,
      skipped: 0,
      merged: 3,
      renamed: 2,
      renames: [{ from: "ocha-2025", to: "ocha-2025-2" }, { from: "acled-2025", to: "acled-2025-2" }],
      rejected: [], duplicates: [
        { incoming: "rfi-2025", existing: "rfi-blocus-bamako-2025", reason: "same URL", outcome: "merged" },
        { incoming: "<b>x</b>", existing: "aljazeera-hisar-bamako-2025", reason: "same title and year", outcome: "merged" },
      ],
    });
    await settle();
    const report = byTestId("import-report");
    const count = (k: string): string | null | undefined => report.querySelector(`[data-count=${k}] dd`)?.textContent;
    expect([count("read"), count("added"), count("skipped"), count("merged"), count("renamed")]).toEqual(["120", "115", "0", "3", "2"]);
    const dups = Array.from(report.querySelectorAll("[data-testid=import-duplicate]"));
    expect(dups).toHaveLength(2);
    expect(dups[0]!.textContent).toContain("rfi-blocus-bamako-2025");
    expect(dups[0]!.textContent).toContain("Merged");
    expect(report.querySelectorAll("b")).toHaveLength(0);
    expect(bar.value).toBe(120);
    // The library views refresh after an import.
    expect(shell!.callsOf("sources_search").length).toBeGreaterThan(searchesBefore);
    // Progress events after the import no longer reach the dialog.
    shell!.emit("import-progress", { done: 1, total: 5 });
    expect(bar.value).toBe(120);
  });

  it("does nothing when the file picker is cancelled and shows a refused file", async () => {
    let answer: "cancel" | "fail" = "cancel";
    const root = mount({
      sources_import: () => {
        if (answer === "cancel") return null;
        throw { code: "invalid_input", message: "sources.bib: entry `x`, line 14: field `year`: not a year", field: null };
      },
    });
    await settle();
    byTestId<HTMLButtonElement>("source-import", root).click();
    byTestId<HTMLButtonElement>("import-start").click();
    await settle();
    expect(document.querySelector("[data-testid=import-report]")).toBeNull();
    expect(byTestId("import-error").hidden).toBe(true);
    answer = "fail";
    byTestId<HTMLButtonElement>("import-start").click();
    await settle();
    expect(byTestId("import-error").textContent).toBe("sources.bib: entry `x`, line 14: field `year`: not a year");
  });

  it("exports in the chosen format and shows where", async () => {
    const root = mount({ sources_export: () => "/home/amina/sources.bib" });
    await settle();
    byTestId<HTMLButtonElement>("source-export", root).click();
    const dialog = byTestId("source-export-dialog");
    choose(dialog.querySelector('input[name="format"][value="bibtex"]'));
    choose(dialog.querySelector('input[name="scope"][value="listed"]'));
    byTestId<HTMLButtonElement>("source-export-confirm").click();
    await settle();
    expect(shell!.callsOf("sources_export")).toEqual([{ format: "bibtex", keys: ["aljazeera-hisar-bamako-2025", "rfi-blocus-bamako-2025"] }]);
    expect(byTestId("source-export-result").dataset.path).toBe("/home/amina/sources.bib");
  });
});
