import { afterEach, describe, expect, it } from "vitest";
import type { SourceDetail } from "../ipc/bindings";
import { byTestId, choose, fakeShell, hitOf, sampleDetail, settle, type, type FakeShell } from "../sources/testing";
import { invalidateSource } from "./card";
import { openLinkToSource, searchSeed } from "./link-dialog";

let shell: FakeShell | undefined;
afterEach(() => {
  shell?.restore();
  invalidateSource();
  document.body.replaceChildren();
});

const arabic: SourceDetail = sampleDetail({
  id: "7d0f3c1e-0000-4000-8000-0000000000a1",
  key: "sahil-alyawm-hisar-2025",
  title: "الحصار يخنق باماكو: صهاريج الوقود في مرمى الجماعات المسلحة",
  authors: [{ family: "الكبير", given: "سعيد" }],
  language: "ar",
  excerpts: [
    { id: "x1", text: "استهداف صهاريج الوقود على الطريق بين كايس وباماكو صار شبه يومي.", locator: "الفقرة 3" },
    { id: "x2", text: "أعلنت الجماعة مسؤوليتها عن الهجوم في بيان مقتضب.", locator: null },
  ],
});

function install(detail: SourceDetail): FakeShell {
  return fakeShell({
    sources_search: () => [hitOf(detail)],
    source_get: ({ key }) => {
      if (key !== detail.key) throw { code: "not_found", message: `no source ${key}`, field: null };
      return detail;
    },
    source_add_excerpt: (req) => ({ id: "new-excerpt", text: req.text, locator: req.locator }),
  });
}

async function pickFirstRow(): Promise<void> {
  await settle();
  byTestId("link-dialog").querySelector<HTMLElement>("[data-testid=source-row]")!.click();
  await settle();
}

describe("openLinkToSource", () => {
  it("starts searching with a few words of the selection", async () => {
    expect(searchSeed("Le blocus de Bamako a commencé [@rfi-2025] en septembre")).toBe("blocus Bamako commencé");
    shell = install(arabic);
    const pending = openLinkToSource({ selectedText: "بدأ الحصار على باماكو في سبتمبر", briefLang: "ar" });
    await settle();
    expect(shell.callsOf("sources_search")[0]?.text).toBe("الحصار باماكو سبتمبر");
    expect(byTestId<HTMLInputElement>("link-search").value).toBe("الحصار باماكو سبتمبر");
    byTestId<HTMLButtonElement>("link-cancel").click();
    await expect(pending).resolves.toBeNull();
  });

  it("returns an Arabic citation with locator, an existing excerpt and credibility", async () => {
    shell = install(arabic);
    const pending = openLinkToSource({ selectedText: "تتعرض صهاريج الوقود لهجمات شبه يومية", briefLang: "ar" });
    await pickFirstRow();
    expect(byTestId("link-chosen").textContent).toContain(arabic.title);
    const dialog = byTestId("link-dialog");
    choose(dialog.querySelector("select[name=locator-kind]"), "paragraph");
    type(dialog.querySelector("input[name=locator-value]"), "3");
    choose(dialog.querySelector('input[data-name="excerpt-mode"][value="existing"]'));
    choose(dialog.querySelector("select[name=excerpt-id]"), "x1");
    choose(dialog.querySelector("select[name=credibility]"), "2");
    const expected = "[@sahil-alyawm-hisar-2025، الفقرة 3، «استهداف صهاريج الوقود على الطريق بين»، مصداقية 2]";
    expect(byTestId("link-preview").textContent).toBe(expected);
    byTestId<HTMLButtonElement>("link-insert").click();
    await expect(pending).resolves.toBe(expected);
    expect(shell.callsOf("source_add_excerpt")).toEqual([]);
  });

  it("stores the selection as a new excerpt and returns a French citation quoting it", async () => {
    const french = sampleDetail();
    shell = install(french);
    const selection = "On ne roule plus de nuit depuis les attaques de septembre.";
    const pending = openLinkToSource({ selectedText: selection, briefLang: "fr" });
    await pickFirstRow();
    const dialog = byTestId("link-dialog");
    choose(dialog.querySelector("select[name=locator-kind]"), "page");
    type(dialog.querySelector("input[name=locator-value]"), "12");
    choose(dialog.querySelector('input[data-name="excerpt-mode"][value="selection"]'));
    choose(dialog.querySelector("select[name=credibility]"), "3");
    byTestId<HTMLButtonElement>("link-insert").click();
    await expect(pending).resolves.toBe("[@rfi-blocus-bamako-2025, p. 12, « On ne roule plus de nuit », cred. 3]");
    expect(shell.callsOf("source_add_excerpt")).toEqual([{ key: "rfi-blocus-bamako-2025", text: selection, locator: "p. 12" }]);
  });

  it("refuses a locator with a comma and needs a source before inserting", async () => {
    shell = install(sampleDetail());
    let settled: string | null | undefined;
    void openLinkToSource({ selectedText: "", briefLang: "fr" }).then((v) => (settled = v));
    await settle();
    byTestId<HTMLButtonElement>("link-insert").click();
    await settle();
    expect(byTestId("link-source-error").hidden).toBe(false);
    expect(settled).toBeUndefined();
    // An empty selection cannot be quoted.
    expect(document.querySelector<HTMLInputElement>('input[data-name="excerpt-mode"][value="selection"]')!.disabled).toBe(true);

    await pickFirstRow();
    const dialog = byTestId("link-dialog");
    choose(dialog.querySelector("select[name=locator-kind]"), "page");
    type(dialog.querySelector("input[name=locator-value]"), "3, 5");
    byTestId<HTMLButtonElement>("link-insert").click();
    await settle();
    const error = dialog.querySelector<HTMLElement>('[data-error-for="locator-value"]')!;
    expect(error.hidden).toBe(false);
    expect(error.textContent).not.toBe("");
    expect(settled).toBeUndefined();
    type(dialog.querySelector("input[name=locator-value]"), "3-5");
    byTestId<HTMLButtonElement>("link-insert").click();
    await settle();
    expect(settled).toBe("[@rfi-blocus-bamako-2025, p. 3-5]");
  });

  it("creates a source inline and cites it", async () => {
    const created = sampleDetail({ key: "diallo-2025", title: "Note de terrain", excerpts: [], grade: "C" });
    shell = fakeShell({
      sources_search: () => [],
      source_add: () => ({ source: created, duplicate: null }),
    });
    const pending = openLinkToSource({ selectedText: "texte", briefLang: "en" });
    await settle();
    byTestId<HTMLButtonElement>("link-new-source").click();
    const form = byTestId("link-dialog").querySelector("form[data-testid=source-form]")!;
    type(form.querySelector("[name=title]"), "Note de terrain");
    type(form.querySelector("[name=authors]"), "Diallo, Amina\nCellule Sahel");
    type(form.querySelector("[name=issued]"), "2025-11");
    choose(form.querySelector("[name=grade]"), "C");
    byTestId<HTMLButtonElement>("link-create-source").click();
    await settle();
    expect(shell.callsOf("source_add")).toEqual([
      {
        source: {
          key: null, kind: "news-article", title: "Note de terrain",
          authors: [{ family: "Diallo", given: "Amina" }, { literal: "Cellule Sahel" }],
          issued: "2025-11", language: null, containerTitle: null, publisher: null, url: null, doi: null,
          pages: null, accessed: null, notes: null, tags: [], grade: "C",
        },
        onDuplicate: "skip",
      },
    ]);
    expect(byTestId("link-chosen").textContent).toContain("Note de terrain");
    // The inline form's Enter/submit did not insert the citation.
    expect(document.querySelector("[data-testid=link-dialog]")).not.toBeNull();
    byTestId<HTMLButtonElement>("link-insert").click();
    await expect(pending).resolves.toBe("[@diallo-2025]");
  });
});
