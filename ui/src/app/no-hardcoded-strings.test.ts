// Proves that no user-facing string is hard-coded: with a pseudo-locale in which every
// message renders as ⟦id⟧, the whole UI (toolbar, strips, panels, every dialog, the
// sources tab) must show only markers, user data from the fake shell, digits and punctuation.

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatWhen } from "../briefs/recovery";
import { setLang, setPseudoLocale } from "../i18n";
import type { Analysis, AppState } from "../ipc/bindings";
import { analysisOf, AR_SAMPLE, baseState, FakeShell, FR_SAMPLE, installDomShims, loadIndexHtml, settle } from "../testing";
import { App } from "./app";

const MARKER = /⟦[a-z0-9-]+⟧/gu;

const STATE: AppState = baseState({
  recent: [{ path: "/home/amina/notes/mali-fr.md", title: "Mali : le blocus", lang: "fr", openedAt: "2025-12-01T10:00:00Z" }],
  recovery: [{ key: "k1", path: "/home/amina/notes/niger.md", title: "Niger : l'uranium d'Arlit", savedAt: "2025-12-18T09:30:00Z", text: "texte" }],
});

const ANALYSIS_EXTRA: Partial<Analysis> = {
  id: "0b6f4c1e-5d0a-4f43-9a55-3c2f3e8a9d10",
  diagnostics: [{ severity: "warning", code: "single-source", line: 9, column: 2, from: 60, to: 70, message: "هذا الادعاء يستند إلى مصدر واحد", args: {} }],
};

const REVISIONS = [{ number: 1, savedAt: "2025-12-17T08:00:00Z", savedBy: "Amina Diallo", bytes: 900 }];
const EXPORT_RESULT = { path: "/home/amina/mali.pdf", pages: 4, bytes: 120_000, warnings: [{ code: "font-fallback", line: 12, message: "glyph missing in Amiri" }] };

/** Everything the fake shell handed to the UI: such text may appear as it is. */
function dataCorpus(): string[] {
  const dates = [...STATE.recovery.map((r) => r.savedAt), ...REVISIONS.map((r) => r.savedAt)].map((d) => formatWhen(d, "en"));
  return [JSON.stringify(STATE), JSON.stringify(ANALYSIS_EXTRA), JSON.stringify(REVISIONS), JSON.stringify(EXPORT_RESULT), AR_SAMPLE, FR_SAMPLE, "diff line one", ...dates];
}

function problems(root: ParentNode): string[] {
  const corpus = dataCorpus();
  const isData = (s: string): boolean => corpus.some((c) => c.includes(s));
  const bad: string[] = [];
  const check = (value: string, where: string): void => {
    const rest = value.replace(MARKER, " ").trim();
    // Left after the markers: nothing but digits, punctuation and symbols, or data.
    if (rest === "" || !/\p{L}/u.test(rest)) return;
    for (const piece of rest.split(/\s{2,}|[·•]/u).map((p) => p.trim()).filter(Boolean)) {
      // Admiralty reliability letters A–F are codes, the same in every language.
      if (/^[A-F]$/u.test(piece)) continue;
      if (/\p{L}/u.test(piece) && !isData(piece)) bad.push(`${where}: «${piece}»`);
    }
  };
  const skip = (el: Element | null): boolean => !!el?.closest(".cm-content, [data-testid=preview] article, .cm-gutters");
  const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (!parent || skip(parent) || parent.closest("script, style, [hidden]")) continue;
    check(n.textContent ?? "", `text in <${parent.tagName.toLowerCase()} class="${parent.className}">`);
  }
  for (const el of Array.from((root as ParentNode).querySelectorAll("*"))) {
    if (skip(el)) continue;
    for (const attr of ["aria-label", "title", "placeholder", "alt", "aria-valuetext", "aria-roledescription"]) {
      const v = el.getAttribute(attr);
      if (v) check(v, `${attr} of <${el.tagName.toLowerCase()} class="${el.className}">`);
    }
  }
  return bad;
}

let shell: FakeShell;
let app: App | null = null;

beforeEach(() => {
  installDomShims();
  loadIndexHtml();
  setLang("en");
  shell = new FakeShell()
    .handle("app_state", () => STATE)
    .handle("brief_open_recent", ({ path }) => ({ path, text: AR_SAMPLE }))
    .handle("brief_analyze", ({ text }) => analysisOf(text, ANALYSIS_EXTRA))
    .handle("sources_search", () => [])
    .handle("source_get", () => {
      throw { code: "not_found", message: "", field: "key" };
    })
    .handle("brief_templates", () => [{ id: "assessment", langs: ["ar", "fr", "en"] }])
    .handle("brief_new", () => ({ text: FR_SAMPLE }))
    .handle("brief_revisions", () => REVISIONS)
    .handle("brief_revision_diff", () => ({ text: "x", lines: [{ op: "insert", text: "diff line one" }] }))
    .handle("export_pdf", () => EXPORT_RESULT)
    .handle("recovery_store", () => null)
    .handle("recovery_discard", () => null)
    .install();
  setPseudoLocale((id) => `⟦${id}⟧`);
});

afterEach(() => {
  setPseudoLocale(null);
  app?.destroy();
  shell.uninstall();
  for (const d of Array.from(document.querySelectorAll("dialog"))) d.remove();
});

async function openAndCheck(testid: string, open: () => void, act?: (dialog: HTMLElement) => Promise<void>): Promise<string[]> {
  open();
  await settle();
  const dialog = document.querySelector<HTMLElement>(`[data-testid=${testid}]`);
  if (!dialog) return [`dialog ${testid} did not open`];
  if (act) await act(dialog);
  const found = problems(dialog);
  dialog.remove();
  return found;
}

describe("no hard-coded user-facing strings", () => {
  it("shows only messages and data everywhere in the UI", async () => {
    app = new App(STATE);
    await app.start();
    await settle();
    const found: string[] = [];
    // The main window, with the welcome strip, the recovery strip and the audit rows.
    expect(document.querySelectorAll("[data-testid=diagnostic]").length).toBe(1);
    found.push(...problems(document.body));
    const click = (sel: string) => () => document.querySelector<HTMLElement>(sel)!.click();
    found.push(...(await openAndCheck("new-brief-dialog", click("[data-testid=new-brief]"))));
    found.push(...(await openAndCheck("recent-dialog", click("[data-testid=recent-briefs]"))));
    found.push(
      ...(await openAndCheck("history-dialog", click("[data-testid=history]"), async (d) => {
        d.querySelector<HTMLElement>("[data-testid=revision]")!.click();
        await settle();
      })),
    );
    found.push(
      ...(await openAndCheck("export-dialog", click("[data-testid=export-pdf]"), async (d) => {
        d.querySelector<HTMLElement>("[data-testid=export-confirm]")!.click();
        await settle();
        expect(d.querySelector("[data-testid=export-result]")).not.toBeNull();
      })),
    );
    app.editor.view.dispatch({ changes: { from: 0, insert: " " } });
    found.push(...(await openAndCheck("unsaved-dialog", click("[data-testid=open-brief]"))));
    // The sources tab (helper B's panel) too.
    document.querySelector<HTMLElement>("[data-testid=tab-sources]")!.click();
    await settle();
    found.push(...problems(document.querySelector("[data-testid=sources-host]")!));
    expect(found).toEqual([]);
  });
});
