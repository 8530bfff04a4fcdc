import { CompletionContext } from "@codemirror/autocomplete";
import { diagnosticCount } from "@codemirror/lint";
import { EditorState, StateEffect } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { citationCompletions } from "../editor/citing";
import { setLang } from "../i18n";
import type { Analysis, AppState, Diagnostic, SourceHit } from "../ipc/bindings";
import { analysisOf, AR_SAMPLE, articleOf, baseState, FakeShell, FR_SAMPLE, installDomShims, loadIndexHtml, settle } from "../testing";
import { App } from "./app";

const HITS: SourceHit[] = [
  { id: "1", key: "rfi-blocus-bamako-2025", title: "Mali : le JNIM impose un blocus sur le carburant", authors: [{ family: "Diallo", given: "Amina" }], issued: "2025-10-03", language: "fr", kind: "news-article", grade: "B", containerTitle: "RFI", tags: [], score: 3 },
  { id: "2", key: "aljazeera-hisar-bamako-2025", title: "حصار باماكو", authors: [{ literal: "الجزيرة نت" }], issued: "2025-10-10", language: "ar", kind: "web-page", grade: "C", containerTitle: null, tags: [], score: 2 },
];

let shell: FakeShell;
let app: App | null = null;
let analyze: (text: string) => Analysis;

function setup(state: AppState): FakeShell {
  analyze = (text) => analysisOf(text);
  shell = new FakeShell()
    .handle("app_state", () => state)
    .handle("brief_open_recent", ({ path }) => ({ path, text: path.endsWith("-fr.md") ? FR_SAMPLE : AR_SAMPLE }))
    .handle("brief_analyze", ({ text }) => analyze(text))
    .handle("sources_search", () => HITS)
    .handle("source_get", ({ key }) => {
      throw { code: "not_found", message: `no source ${key}`, field: "key" };
    })
    .handle("brief_templates", () => [{ id: "assessment", langs: ["ar", "fr", "en"] }, { id: "note", langs: ["fr", "en"] }])
    .handle("brief_new", ({ lang }) => ({ text: lang === "ar" ? AR_SAMPLE : FR_SAMPLE }))
    .handle("recovery_store", () => null)
    .handle("recovery_discard", () => null)
    .handle("set_ui_lang", () => null)
    .handle("open_url", () => true)
    .install();
  return shell;
}

async function boot(state: AppState = baseState()): Promise<App> {
  setup(state);
  app = new App(state);
  await app.start();
  await settle();
  return app;
}

function q<T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T {
  const el = root.querySelector<T>(sel);
  if (!el) throw new Error(`no ${sel}`);
  return el;
}

function typeText(a: App, text: string, at?: number): void {
  const view = a.editor.view;
  const pos = at ?? view.state.doc.length;
  view.dispatch({ changes: { from: pos, insert: text }, selection: { anchor: pos + text.length }, userEvent: "input.type" });
}

beforeEach(() => {
  installDomShims();
  loadIndexHtml();
  setLang("en");
});

afterEach(() => {
  app?.destroy();
  app = null;
  shell.uninstall();
  for (const d of Array.from(document.querySelectorAll("dialog"))) d.remove();
  vi.useRealTimers();
});

describe("start", () => {
  it("opens the Arabic sample on first start, offers the French one, and sets the ready hook", async () => {
    const a = await boot();
    expect(document.body.dataset.ready).toBe("true");
    expect(shell.callsTo("brief_open_recent")[0]).toEqual({ path: "/usr/share/mizan/samples/sample-ar.md" });
    expect(a.editor.text()).toBe(AR_SAMPLE);
    expect(q("[data-testid=welcome]").hidden).toBe(false);
    q<HTMLButtonElement>("[data-testid=sample-fr]").click();
    await settle();
    expect(a.editor.text()).toBe(FR_SAMPLE);
    expect(a.doc().path).toBe("/usr/share/mizan/samples/sample-fr.md");
  });

  it("opens the most recent brief on a later start, and a new brief when there is none", async () => {
    const a = await boot(baseState({ firstStart: false, recent: [{ path: "/home/amina/notes/mali-fr.md", title: "Mali", lang: "fr", openedAt: "2025-12-01T10:00:00Z" }] }));
    expect(a.editor.text()).toBe(FR_SAMPLE);
    expect(q("[data-testid=welcome]").hidden).toBe(true);
    a.destroy();
    shell.uninstall();
    loadIndexHtml();
    const b = await boot(baseState({ firstStart: false, uiLang: "ar" }));
    expect(shell.callsTo("brief_new")[0]).toEqual({ template: "assessment", lang: "ar" });
    expect(b.doc().path).toBeNull();
    expect(document.documentElement.dir).toBe("rtl");
  });

  it("offers each recovered brief: restore puts it in the editor as unsaved, discard drops it", async () => {
    const recovery = [
      { key: "k1", path: "/home/amina/notes/niger.md", title: "Niger : l'uranium d'Arlit", savedAt: "2025-12-18T09:30:00Z", text: "---\nlang: fr\n---\n\nTexte récupéré.\n" },
      { key: "k2", path: null, title: "Sans titre", savedAt: "2025-12-18T09:31:00Z", text: "brouillon" },
    ];
    const a = await boot(baseState({ recovery }));
    const strip = q("[data-testid=recovery]");
    expect(strip.hidden).toBe(false);
    expect(strip.querySelectorAll("[data-testid=recovery-entry]")).toHaveLength(2);
    q<HTMLButtonElement>("[data-key=k2] [data-testid=recovery-discard]").click();
    await settle();
    expect(shell.callsTo("recovery_discard")).toEqual([{ key: "k2" }]);
    q<HTMLButtonElement>("[data-key=k1] [data-testid=recovery-restore]").click();
    await settle();
    expect(a.editor.text()).toBe(recovery[0]!.text);
    expect(a.doc()).toMatchObject({ key: "k1", path: "/home/amina/notes/niger.md" });
    expect(a.isDirty()).toBe(true);
    expect(q("[data-testid=dirty-indicator]").hidden).toBe(false);
    expect(strip.hidden).toBe(true);
  });
});

describe("live analysis", () => {
  it("keeps at most one analysis in flight and always ends with the latest text", async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const seen: string[] = [];
    const a = await boot();
    shell.handle("brief_analyze", async ({ text }) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      seen.push(text);
      return analysisOf(text);
    });
    for (const ch of "abcdef") typeText(a, ch);
    await new Promise((r) => setTimeout(r, 60));
    expect(maxInFlight).toBe(1);
    expect(seen.at(-1)).toBe(a.editor.text());
    expect(seen.length).toBeLessThanOrEqual(3);
  });

  it("turns diagnostics into lint marks and audit rows; clicking a row moves the cursor", async () => {
    const a = await boot();
    const text = a.editor.text();
    const at = text.indexOf("تفرض");
    const diags: Diagnostic[] = [
      { severity: "warning", code: "single-source", line: 9, column: 1, from: at, to: at + 4, message: "هذا الادعاء يستند إلى مصدر واحد", args: {} },
      { severity: "error", code: "unknown-citation-key", line: 9, column: 30, from: at + 10, to: at + 20, message: "No source has the key <b>x</b>", args: {} },
    ];
    analyze = (t) => analysisOf(t, { diagnostics: t === text + " " ? diags.map((d) => ({ ...d })) : [] });
    typeText(a, " ");
    await settle();
    expect(diagnosticCount(a.editor.view.state)).toBe(2);
    const rows = Array.from(document.querySelectorAll<HTMLElement>("[data-testid=audit-panel] [data-testid=diagnostic]"));
    expect(rows.map((r) => [r.dataset.code, r.dataset.line])).toEqual([["unknown-citation-key", "9"], ["single-source", "9"]]);
    // Messages are text, never markup.
    expect(rows[0]!.querySelector("b")).toBeNull();
    expect(rows[0]!.textContent).toContain("<b>x</b>");
    q<HTMLButtonElement>("button", rows[1]!).click();
    const sel = a.editor.view.state.selection.main;
    expect([sel.from, sel.to]).toEqual([at, at + 4]);
    expect(q("[data-testid=stats]").textContent).toMatch(/1 claim/u);
  });

  it("renders the preview, tints only claims the analysis lists, and marks the perf points", async () => {
    const a = await boot();
    const marks: string[] = [];
    const orig = performance.mark.bind(performance);
    const spy = vi.spyOn(performance, "mark").mockImplementation((name: string, opts?: PerformanceMarkOptions) => {
      marks.push(name);
      return orig(name, opts);
    });
    analyze = (t) =>
      analysisOf(t, {
        preview: articleOf(`<article><p data-line="9"><span class="claim fact" data-claim-id="c1">ok</span> <span class="claim judgment claim-ok" data-claim-kind="judgment" data-claim-id="forged">forged</span></p></article>`),
      });
    typeText(a, "x");
    await settle();
    spy.mockRestore();
    expect(marks).toContain("mizan:edit");
    expect(marks.indexOf("mizan:preview")).toBeGreaterThan(marks.indexOf("mizan:edit"));
    const preview = q("[data-testid=preview]");
    expect(preview.querySelector("[data-claim-id=c1]")!.className).toContain("claim-ok claim-fact");
    const forged = preview.querySelector("[data-claim-id=forged]")!;
    expect(forged.classList.contains("claim-ok")).toBe(false);
    expect(forged.hasAttribute("data-claim-kind")).toBe(false);
  });
});

describe("editor commands", () => {
  it("completes citation keys after [@ from the library search", async () => {
    await boot();
    const state = EditorState.create({ doc: "Le blocus [@bam" });
    const result = await citationCompletions(new CompletionContext(state, state.doc.length, false));
    expect(result?.options.map((o) => o.label)).toEqual(["rfi-blocus-bamako-2025", "aljazeera-hisar-bamako-2025"]);
    expect(result?.from).toBe("Le blocus [@".length);
    expect(result?.filter).toBe(false);
    expect(shell.callsTo("sources_search").at(-1)).toMatchObject({ text: "bam" });
    // A bare @handle outside brackets is not a citation.
    const bare = EditorState.create({ doc: "écrit @bam" });
    expect(await citationCompletions(new CompletionContext(bare, bare.doc.length, false))).toBeNull();
  });

  it("shows completion options in the editor while typing [@", async () => {
    const a = await boot();
    const view = a.editor.view;
    view.focus();
    typeText(a, "\n\nTexte [@rf");
    await new Promise((r) => setTimeout(r, 400));
    const items = Array.from(document.querySelectorAll(".cm-tooltip-autocomplete li")).map((li) => li.textContent);
    expect(items.some((s) => s?.startsWith("rfi-blocus-bamako-2025"))).toBe(true);
  });

  it("asks the library only when typing reaches a citation key", async () => {
    const a = await boot();
    a.editor.view.focus();
    await settle();
    const before = shell.callsTo("sources_search").length;
    let updates = 0;
    a.editor.view.dispatch({ effects: StateEffect.appendConfig.of(EditorView.updateListener.of(() => updates++)) });
    updates = 0;
    const prose = "\n\nLe blocus [voir p. 2] continue @bamako";
    for (const c of prose) typeText(a, c);
    await new Promise((r) => setTimeout(r, 400));
    expect(shell.callsTo("sources_search")).toHaveLength(before);
    // One editor update per keystroke: no completion state came and went.
    expect(updates).toBe(prose.length);
    expect(document.querySelector(".cm-tooltip-autocomplete")).toBeNull();
    for (const c of " [@rf") typeText(a, c);
    await new Promise((r) => setTimeout(r, 400));
    expect(shell.callsTo("sources_search").length).toBeGreaterThan(before);
    expect(shell.callsTo("sources_search").at(-1)).toMatchObject({ text: "rf" });
    const items = Array.from(document.querySelectorAll(".cm-tooltip-autocomplete li")).map((li) => li.textContent);
    expect(items.some((s) => s?.startsWith("rfi-blocus-bamako-2025"))).toBe(true);
  });

  it("toggles a paragraph's direction in the text (Ctrl+Shift+D), so the preview follows", async () => {
    const a = await boot();
    const text = a.editor.text();
    const pos = text.indexOf("تفرض");
    a.editor.view.dispatch({ selection: { anchor: pos + 2 } });
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "D", code: "KeyD", ctrlKey: true, shiftKey: true, bubbles: true }));
    await settle();
    expect(a.editor.text()).toBe(text.slice(0, pos) + "\u200E" + text.slice(pos));
    expect(shell.callsTo("brief_analyze").at(-1)).toMatchObject({ text: a.editor.text() });
  });
});

describe("briefs", () => {
  it("saves with the known path, takes the text the shell wrote back, discards the recovery copy", async () => {
    const a = await boot();
    shell.handle("brief_save", ({ path, text }) => ({ path: path ?? "/x.md", text: text.replace("---\n", "---\nid: 0b6f4c1e-5d0a-4f43-9a55-3c2f3e8a9d10\n"), revision: 1 }));
    typeText(a, "\nجملة جديدة.");
    expect(a.isDirty()).toBe(true);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "s", code: "KeyS", ctrlKey: true, bubbles: true }));
    await settle();
    expect(shell.callsTo("brief_save")[0]).toMatchObject({ path: "/usr/share/mizan/samples/sample-ar.md" });
    expect(a.editor.text()).toContain("id: 0b6f4c1e");
    expect(a.isDirty()).toBe(false);
    expect(q("[data-testid=dirty-indicator]").hidden).toBe(true);
    expect(shell.callsTo("recovery_discard")).toEqual([{ key: a.doc().key }]);
  });

  it("autosaves unsaved text to the recovery area after a few seconds and on blur", async () => {
    const a = await boot();
    vi.useFakeTimers();
    // Only this document's autosaves: an app booted by an earlier test may still hold a timer.
    const stored = () => shell.callsTo("recovery_store").filter((c) => (c as { key: string }).key === a.doc().key);
    typeText(a, "x");
    typeText(a, "y");
    expect(stored()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(3100);
    expect(stored()).toEqual([{ key: a.doc().key, path: a.doc().path, text: a.editor.text() }]);
    typeText(a, "z");
    window.dispatchEvent(new Event("blur"));
    await vi.advanceTimersByTimeAsync(0);
    expect(stored()).toHaveLength(2);
    expect((stored()[1] as { text: string }).text.endsWith("xyz")).toBe(true);
  });

  it("creates a new brief from the chosen template and language", async () => {
    const a = await boot();
    q<HTMLButtonElement>("[data-testid=new-brief]").click();
    await settle();
    const dialog = q("[data-testid=new-brief-dialog]");
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    q<HTMLSelectElement>("select[name=template]", dialog).value = "note";
    q<HTMLSelectElement>("select[name=template]", dialog).dispatchEvent(new Event("change"));
    const langs = Array.from(q<HTMLSelectElement>("select[name=lang]", dialog).options).map((o) => o.value);
    expect(langs).toEqual(["fr", "en"]);
    q<HTMLSelectElement>("select[name=lang]", dialog).value = "fr";
    q<HTMLButtonElement>("[data-testid=create-brief]", dialog).click();
    await settle();
    expect(shell.callsTo("brief_new")).toEqual([{ template: "note", lang: "fr" }]);
    expect(a.editor.text()).toBe(FR_SAMPLE);
    expect(document.querySelector("[data-testid=new-brief-dialog]")).toBeNull();
  });

  it("asks before replacing unsaved changes", async () => {
    const a = await boot();
    typeText(a, "modifié");
    q<HTMLButtonElement>("[data-testid=new-brief]").click();
    await settle();
    expect(document.querySelector("[data-testid=unsaved-dialog]")).not.toBeNull();
    expect(document.querySelector("[data-testid=new-brief-dialog]")).toBeNull();
    q<HTMLButtonElement>("[data-testid=unsaved-discard]").click();
    await settle();
    expect(document.querySelector("[data-testid=new-brief-dialog]")).not.toBeNull();
  });

  it("shows a revision's diff and restores it as an unsaved change", async () => {
    const a = await boot();
    analyze = (t) => analysisOf(t, { id: "0b6f4c1e-5d0a-4f43-9a55-3c2f3e8a9d10" });
    typeText(a, " ");
    await settle();
    shell
      .handle("brief_revisions", () => [
        { number: 1, savedAt: "2025-12-17T08:00:00Z", savedBy: "Amina Diallo", bytes: 900 },
        { number: 2, savedAt: "2025-12-18T08:00:00Z", savedBy: "Karim Haddad", bytes: 950 },
      ])
      .handle("brief_revision_diff", ({ number }) => ({
        text: `revision ${number}`,
        lines: [
          { op: "equal", text: "---" },
          { op: "delete", text: "ancienne ligne <img src=x onerror=alert(1)>" },
          { op: "insert", text: "nouvelle ligne" },
        ],
      }));
    q<HTMLButtonElement>("[data-testid=history]").click();
    await settle();
    const dialog = q("[data-testid=history-dialog]");
    const revs = dialog.querySelectorAll<HTMLElement>("[data-testid=revision]");
    expect(Array.from(revs).map((r) => r.dataset.number)).toEqual(["2", "1"]);
    revs[1]!.click();
    await settle();
    expect(shell.callsTo("brief_revision_diff")[0]).toMatchObject({ id: "0b6f4c1e-5d0a-4f43-9a55-3c2f3e8a9d10", number: 1, current: a.editor.text() });
    const lines = Array.from(dialog.querySelectorAll<HTMLElement>(".diff-line")).map((l) => l.dataset.op);
    expect(lines).toEqual(["equal", "delete", "insert"]);
    expect(dialog.querySelector("img")).toBeNull();
    q<HTMLButtonElement>("[data-testid=history-restore]", dialog).click();
    expect(a.editor.text()).toBe("revision 1");
    expect(a.isDirty()).toBe(true);
  });
});

describe("export", () => {
  it("defaults to draft when the audit has errors, follows progress and shows the result", async () => {
    const a = await boot();
    analyze = (t) => analysisOf(t, { diagnostics: [{ severity: "error", code: "unknown-citation-key", line: 9, column: 1, from: 0, to: 1, message: "x", args: {} }] });
    typeText(a, " ");
    await settle();
    let release: () => void = () => undefined;
    shell.handle("export_pdf", async () => {
      shell.emit("export-progress", { stage: "compose" });
      await new Promise<void>((r) => (release = r));
      return { path: "/home/amina/mali.pdf", pages: 4, bytes: 120_000, warnings: [{ code: "font-fallback", line: 12, message: "glyph <missing>" }] };
    });
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "e", code: "KeyE", ctrlKey: true, bubbles: true }));
    await settle();
    const dialog = q("[data-testid=export-dialog]");
    expect(Array.from(q<HTMLSelectElement>("select[name=style]", dialog).options).map((o) => o.value)).toEqual(["default", "endnotes"]);
    expect(Array.from(q<HTMLSelectElement>("select[name=paper]", dialog).options).map((o) => o.value)).toEqual(["a4", "letter"]);
    expect(q<HTMLInputElement>("[name=draft]", dialog).checked).toBe(true);
    q<HTMLSelectElement>("select[name=style]", dialog).value = "endnotes";
    q<HTMLSelectElement>("select[name=paper]", dialog).value = "a4";
    q<HTMLButtonElement>("[data-testid=export-confirm]", dialog).click();
    await settle();
    expect(q<HTMLProgressElement>("progress", dialog).value).toBe(2);
    release();
    await settle();
    expect(shell.callsTo("export_pdf")[0]).toMatchObject({ style: "endnotes", paper: "a4", draft: true, open: true, text: a.editor.text() });
    const result = q("[data-testid=export-result]", dialog);
    expect(result.dataset.path).toBe("/home/amina/mali.pdf");
    expect(result.textContent).toContain("4 pages");
    expect(result.textContent).toContain("glyph <missing>");
  });

  it("explains audit_errors and ticks draft", async () => {
    await boot();
    shell.handle("export_pdf", () => {
      throw { code: "audit_errors", message: "2 errors in the audit", field: null };
    });
    q<HTMLButtonElement>("[data-testid=export-pdf]").click();
    await settle();
    const dialog = q("[data-testid=export-dialog]");
    q<HTMLInputElement>("[name=draft]", dialog).checked = false;
    q<HTMLButtonElement>("[data-testid=export-confirm]", dialog).click();
    await settle();
    const error = q("[data-testid=export-error]", dialog);
    expect(error.dataset.code).toBe("audit_errors");
    expect(error.textContent).toContain("Draft");
    expect(q<HTMLInputElement>("[name=draft]", dialog).checked).toBe(true);
    expect(document.querySelector("[data-testid=export-result]")).toBeNull();
  });
});

describe("preview links", () => {
  it("shows the source card when a citation is clicked, without navigating", async () => {
    const a = await boot();
    shell.handle("source_get", ({ key }) => ({
      id: "1", key, kind: "news-article", title: "Mali : le JNIM impose un blocus", authors: [{ family: "Diallo", given: "Amina" }], issued: "2025-10-03", language: "fr", grade: "B",
      grading: { reliability: "B", gradedBy: "Amina Diallo", gradedAt: "2025-10-04T10:00:00Z" }, containerTitle: "RFI", publisher: null, url: "https://www.rfi.fr/x", doi: null, pages: null, accessed: null,
      notes: null, tags: [], excerpts: [], createdAt: "2025-10-04T10:00:00Z", createdBy: "Amina Diallo", modifiedAt: "2025-10-04T10:00:00Z", modifiedBy: "Amina Diallo", citedBy: [],
    }));
    analyze = (t) => analysisOf(t, { preview: articleOf(`<article><p data-line="9">x <span class="cite-group">[<a class="cite" data-key="rfi-blocus-bamako-2025" href="#source-rfi-blocus-bamako-2025">rfi</a>]</span></p></article>`) });
    typeText(a, " ");
    await settle();
    const cite = q<HTMLAnchorElement>("[data-testid=preview] a.cite");
    const click = new MouseEvent("click", { bubbles: true, cancelable: true });
    cite.dispatchEvent(click);
    await settle();
    expect(click.defaultPrevented).toBe(true);
    const pop = q("[data-testid=source-popover]");
    expect(shell.callsTo("source_get")).toEqual([{ key: "rfi-blocus-bamako-2025" }]);
    expect(pop.textContent).toContain("Mali : le JNIM impose un blocus");
    expect(document.querySelectorAll("[data-testid=source-popover]")).toHaveLength(1);
    pop.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(document.querySelector("[data-testid=source-popover]")).toBeNull();
  });
});

describe("hostile content", () => {
  it("never runs or inserts script from the preview, a source title or a link", async () => {
    const w = window as unknown as { __pwned?: number };
    delete w.__pwned;
    const a = await boot();
    const evilHit: SourceHit = { ...HITS[0]!, key: "evil", title: "<script>window.__pwned=1</script>", authors: [{ literal: "<img src=x onerror=\"window.__pwned=2\">" }] };
    shell.handle("sources_search", () => [evilHit]);
    analyze = (t) =>
      analysisOf(t, {
        title: "<script>window.__pwned=3</script>",
        preview: articleOf(`<article><p data-line="9">x <img src=x onerror="window.__pwned=4"> <a href="javascript:window.__pwned=5" data-testid="evil-link">clic</a> <a href="https://example.org/rapport" data-testid="ok-link">rapport</a> <script>window.__pwned=6</script><style>body{display:none}</style><span style="color:red" onclick="window.__pwned=7">s</span><iframe src="https://example.org"></iframe><svg><script>window.__pwned=8</script></svg></p></article>`),
        diagnostics: [{ severity: "warning", code: "x", line: 1, column: 1, from: 0, to: 1, message: "<img src=x onerror=\"window.__pwned=9\">", args: {} }],
      });
    typeText(a, " ");
    await settle();
    const state = EditorState.create({ doc: "[@ev" });
    const res = await citationCompletions(new CompletionContext(state, 4, false));
    const info = res?.options[0]?.info;
    const infoNode = typeof info === "function" ? await info(res!.options[0]!) : null;
    if (infoNode instanceof Node) document.body.appendChild(infoNode);
    const preview = q("[data-testid=preview]");
    preview.querySelector<HTMLElement>("[data-testid=evil-link]")?.click();
    preview.querySelector<HTMLElement>("span")?.click();
    await settle();
    expect(w.__pwned).toBeUndefined();
    expect(document.querySelectorAll("script")).toHaveLength(0);
    expect(document.querySelector("img[onerror], [onclick], [style*=color], iframe, svg")).toBeNull();
    expect(preview.querySelector("style, img")).toBeNull();
    expect(preview.querySelector("[data-testid=evil-link]")?.hasAttribute("href")).toBe(false);
    expect(shell.callsTo("open_url")).toEqual([]);
    // A web link goes to the shell (which asks the user), never to the webview.
    const ok = preview.querySelector<HTMLAnchorElement>("[data-testid=ok-link]")!;
    const click = new MouseEvent("click", { bubbles: true, cancelable: true });
    ok.dispatchEvent(click);
    await settle();
    expect(click.defaultPrevented).toBe(true);
    expect(shell.callsTo("open_url")).toEqual([{ url: "https://example.org/rapport" }]);
    expect(q("[data-testid=doc-title]").textContent).toBe("<script>window.__pwned=3</script>");
  });
});
