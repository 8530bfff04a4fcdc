// With a pseudo-locale in which every message renders as ⟦id⟧, the sources panel and every
// dialog of sources/ and cite/ must show only markers, source data from the fake shell, and
// brief-language syntax (elements marked with the brief's `lang`: the citation and marker
// previews, the brief's own terms). Anything else would be a hard-coded string.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setPseudoLocale } from "../i18n";
import type { ImportSummary } from "../ipc/bindings";
import { invalidateSource } from "../cite/card";
import { openJudgmentMarker } from "../cite/judgment";
import { openLinkToSource } from "../cite/link-dialog";
import { formatWhen } from "./detail";
import { mountSourcesPanel } from "./panel";
import { byTestId, choose, fakeShell, hitOf, sampleDetail, settle, type FakeShell } from "./testing";

const MARKER = /⟦[a-z0-9-]+⟧/gu;
const SELECTION = "Le blocus de Bamako a commencé en septembre.";

const DETAIL = sampleDetail({
  citedBy: [{ briefId: "b1", briefTitle: "Mali : le blocus", briefPath: "/home/amina/notes/mali-fr.md", claimId: "c1", kind: "fact", text: "Le blocus a commencé.", line: 4, locator: "p. 3", credibility: 2 }],
});
const SUMMARY: ImportSummary = {
  path: "/home/amina/zotero.json", read: 3, added: 1, skipped: 1, merged: 0, renamed: 1,
  renames: [{ from: "acled-2025", to: "acled-2025-2" }], rejected: [], duplicates: [{ incoming: "rfi-2025", existing: "rfi-blocus-bamako-2025", reason: "same DOI", outcome: "skipped" }],
};

function corpus(): string[] {
  const d = DETAIL;
  const dates = [d.createdAt, d.modifiedAt, d.grading!.gradedAt].map(formatWhen);
  return [JSON.stringify(d), JSON.stringify(SUMMARY), `@${d.key}`, ...dates, "Diallo, Amina; Rédaction Afrique", "mali, carburant", "/home/amina/sources.ris", SELECTION];
}

function problems(root: ParentNode): string[] {
  const data = corpus();
  const isData = (s: string): boolean => data.some((c) => c.includes(s));
  const bad: string[] = [];
  const check = (value: string, where: string): void => {
    const rest = value.replace(MARKER, " ").trim();
    if (rest === "" || !/\p{L}/u.test(rest)) return;
    // Derived data (names joined with "; ", an excerpt with its locator in parentheses) is
    // checked piece by piece; Admiralty letters are codes.
    for (const piece of rest.split(/\s{2,}|; |\s\(|\)$|…$/u).map((p) => p.trim()).filter(Boolean)) {
      if (/^[A-F]$/u.test(piece) || !/\p{L}/u.test(piece)) continue;
      if (!isData(piece)) bad.push(`${where}: «${piece}»`);
    }
  };
  // Brief-language content (citation and marker syntax, the brief's terms) carries its lang.
  const briefContent = (el: Element): boolean => !!el.closest("[lang]:not(html)");
  const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || parent.closest("[hidden], option:not([value])") || briefContent(parent)) continue;
    check(n.textContent ?? "", `<${parent.tagName.toLowerCase()} class="${parent.className}">`);
  }
  for (const el of Array.from(root.querySelectorAll("*"))) {
    for (const attr of ["aria-label", "title", "placeholder", "alt"]) {
      const v = el.getAttribute(attr);
      if (v) check(v, `${attr} of <${el.tagName.toLowerCase()}>`);
    }
  }
  return bad;
}

let shell: FakeShell;
beforeEach(() => {
  shell = fakeShell({
    sources_search: () => [hitOf(DETAIL)],
    source_get: () => DETAIL,
    sources_import: () => SUMMARY,
    sources_export: () => "/home/amina/sources.ris",
  });
  setPseudoLocale((id) => `⟦${id}⟧`);
});
afterEach(() => {
  setPseudoLocale(null);
  shell.restore();
  invalidateSource();
  document.body.replaceChildren();
});

async function dialog(testid: string, act?: (d: HTMLElement) => Promise<void> | void): Promise<string[]> {
  await settle();
  const d = byTestId(testid);
  if (act) await act(d);
  await settle();
  const found = problems(d);
  d.remove();
  return found;
}

describe("pseudo-locale", () => {
  it("the panel, its detail view and its dialogs show only messages and data", async () => {
    const root = document.body.appendChild(document.createElement("div"));
    mountSourcesPanel(root, { onInsertCitation: () => {} });
    await settle();
    byTestId("source-row", root).click();
    await settle();
    const found = problems(root);
    byTestId<HTMLButtonElement>("source-add", root).click();
    found.push(...(await dialog("source-form-dialog")));
    byTestId<HTMLButtonElement>("source-edit", root).click();
    found.push(...(await dialog("source-form-dialog")));
    byTestId<HTMLButtonElement>("source-delete", root).click();
    found.push(...(await dialog("source-delete-dialog")));
    byTestId<HTMLButtonElement>("source-import", root).click();
    found.push(...(await dialog("import-dialog", () => byTestId<HTMLButtonElement>("import-start").click())));
    byTestId<HTMLButtonElement>("source-export", root).click();
    found.push(...(await dialog("source-export-dialog", () => byTestId<HTMLButtonElement>("source-export-confirm").click())));
    expect(found).toEqual([]);
  });

  it("the link dialog and the marker picker show only messages, data and brief syntax", async () => {
    void openLinkToSource({ selectedText: SELECTION, briefLang: "fr" });
    const found = await dialog("link-dialog", async (d) => {
      await settle();
      d.querySelector<HTMLElement>("[data-testid=source-row]")!.click();
      await settle();
      byTestId<HTMLButtonElement>("link-new-source").click();
      choose(d.querySelector("select[name=locator-kind]"), "page");
    });
    void openJudgmentMarker({ briefLang: "ar", kind: "judgment" });
    found.push(...(await dialog("judgment-dialog", (d) => choose(d.querySelector('input[data-name="likelihood"][value="likely"]')))));
    expect(found).toEqual([]);
  });
});
