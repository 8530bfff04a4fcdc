// The application shell: wires the toolbar, editor, preview, audit panel, sources tab and
// the brief commands together, and owns the open document.

import { invalidateSource } from "../cite/card";
import { BriefEditor } from "../editor/editor";
import { h } from "../dom";
import { currentLang, isLang, type Lang, localize, onLangChange, setLang, t } from "../i18n";
import { call } from "../ipc/api";
import type { Analysis, AppState, SavedBrief } from "../ipc/bindings";
import { AuditPanel } from "../preview/audit";
import { Preview } from "../preview/preview";
import { mountSourcesPanel } from "../sources/panel";
import { mountSync } from "../sync/sync";
import { newBriefDialog, openBrief, openRecent, recentDialog, saveBrief } from "../briefs/briefs";
import { exportDialog } from "../briefs/export";
import { historyDialog } from "../briefs/history";
import { Autosaver, showRecovery } from "../briefs/recovery";
import { LiveAnalysis } from "./analysis";
import { type AppContext, errorText, type LoadOptions, type OpenDoc } from "./context";
import { type Action, applyTooltips, matchShortcut } from "./shortcuts";
import { setupSplitter } from "./splitter";

function need<T extends Element>(root: ParentNode, selector: string): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`index.html lacks ${selector}`);
  return el;
}

function newKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `doc-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function fileName(path: string): string {
  return path.split(/[\\/]/u).pop() ?? path;
}

export class App implements AppContext {
  readonly editor: BriefEditor;
  readonly analysis: LiveAnalysis;
  private readonly preview: Preview;
  private readonly audit: AuditPanel;
  private readonly autosaver: Autosaver;
  private appState: AppState;
  private current: OpenDoc = { key: newKey(), path: null, savedText: "" };
  private syncing: "editor" | "preview" | null = null;
  private statusTimer: ReturnType<typeof setTimeout> | null = null;
  private sources: { refresh(): void; focusSearch(): void } | null = null;
  private readonly root: Document;
  /** Removes every window/document listener and language subscription (tests, teardown). */
  private readonly aborter = new AbortController();
  private readonly unsubscribers: Array<() => void> = [];

  constructor(state: AppState, root: Document = document) {
    this.root = root;
    this.appState = state;
    setLang(isLang(state.uiLang) ? state.uiLang : "en");

    this.analysis = new LiveAnalysis({
      text: () => this.editor.text(),
      uiLang: () => currentLang(),
      knownBlocks: () => this.preview.knownBlocks(),
      onResult: (a, fresh) => this.onAnalysis(a, fresh),
      onError: (e) => {
        this.preview.showMessage(t("ui-preview-failed", { reason: e.message }));
      },
    });

    this.editor = new BriefEditor(need(root, "[data-testid=editor]"), {
      onChange: () => this.onChange(),
      onBlur: () => void this.autosaver.flush(),
      onScroll: (line) => this.syncFromEditor(line),
    });
    this.preview = new Preview(need(root, "[data-testid=preview]"), {
      onScroll: (line, fraction) => this.syncFromPreview(line, fraction),
      onLineActivate: (line) => {
        const doc = this.editor.view.state.doc;
        const pos = doc.line(Math.min(Math.max(1, line), doc.lines)).from;
        this.editor.jumpTo(pos);
      },
    });
    this.audit = new AuditPanel(need(root, "[data-testid=audit-panel]"), need(root, "[data-testid=stats]"), {
      onJump: (d) => {
        this.showTab("brief");
        this.editor.jumpTo(d.from, d.to);
        this.preview.scrollToLine(d.line);
        this.preview.flashLine(d.line);
      },
    });
    this.autosaver = new Autosaver(this);

    this.wireToolbar();
    this.wireTabs();
    this.wireWindow();
    setupSplitter(need(root, "[data-testid=split]"), need(root, ".pane-editor"), need(root, "[data-testid=splitter]"));
    this.sources = mountSourcesPanel(need(root, "[data-testid=sources-host]"), {
      onInsertCitation: (text: string) => {
        this.showTab("brief");
        const view = this.editor.view;
        const at = view.state.selection.main.to;
        view.dispatch({ changes: { from: at, insert: text }, selection: { anchor: at + text.length } });
        this.editor.focus();
      },
    });

    this.unsubscribers.push(mountSync(need(root, "[data-testid=sync-host]"), this));
    this.unsubscribers.push(onLangChange(() => this.relocalize()));
    this.relocalize();
  }

  /** Detaches the app from the window (listeners, language subscriptions, editor). */
  destroy(): void {
    this.aborter.abort();
    for (const off of this.unsubscribers.splice(0)) off();
    this.editor.view.destroy();
  }

  // ----- AppContext -----

  state(): AppState {
    return this.appState;
  }

  doc(): OpenDoc {
    return this.current;
  }

  uiLang(): Lang {
    return currentLang();
  }

  isDirty(): boolean {
    return this.current.savedText === null || this.current.savedText !== this.editor.text();
  }

  load(opts: LoadOptions): void {
    this.current = { key: opts.key ?? newKey(), path: opts.path, savedText: opts.savedText === undefined ? opts.text : opts.savedText };
    this.editor.load(opts.text);
    this.updateTitle();
  }

  async markSaved(saved: SavedBrief): Promise<void> {
    const key = this.current.key;
    const sent = this.editor.text();
    // Saving may have added the brief's `id` to the front matter: take the text on disk.
    if (saved.text !== sent) this.editor.replaceAll(saved.text);
    this.current = { key, path: saved.path, savedText: saved.text };
    this.updateTitle();
    await this.autosaver.discard(key);
    void this.refreshState().catch(() => undefined);
  }

  async refreshState(): Promise<AppState> {
    this.appState = await call("app_state");
    return this.appState;
  }

  status(id: string, args?: Record<string, string | number>): void {
    const el = need<HTMLElement>(this.root, "[data-testid=status]");
    el.textContent = t(id, args);
    el.classList.remove("status-error");
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => {
      el.textContent = "";
    }, 6000);
  }

  fail(error: unknown): void {
    const { code, message } = errorText(error);
    const el = need<HTMLElement>(this.root, "[data-testid=status]");
    el.textContent = t("ui-error-with-detail", { error: t(`ui-error-${code.replace(/_/gu, "-")}`), detail: message });
    el.classList.add("status-error");
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => {
      el.textContent = "";
      el.classList.remove("status-error");
    }, 12000);
  }

  // ----- start -----

  /** Opens the first brief: the Arabic sample on first start, else the last brief, else a new one. */
  async start(): Promise<void> {
    const s = this.appState;
    let opened = false;
    const sample = s.samples.find((x) => x.lang === "ar") ?? s.samples[0];
    if (s.firstStart && sample) {
      opened = await this.tryOpen(sample.path);
      this.showWelcome(sample.path);
    } else if (s.recent[0]) {
      opened = await this.tryOpen(s.recent[0].path);
    }
    if (!opened) {
      try {
        const templates = await call("brief_templates");
        const tpl = templates.find((x) => x.id === "assessment") ?? templates[0];
        if (tpl) {
          const lang = tpl.langs.includes(currentLang()) || tpl.langs.length === 0 ? currentLang() : (tpl.langs[0] ?? "en");
          const brief = await call("brief_new", { template: tpl.id, lang });
          this.load({ path: null, text: brief.text });
          opened = true;
        }
      } catch (e) {
        this.fail(e);
      }
    }
    if (!opened) this.load({ path: null, text: "" });
    if (s.recovery.length > 0) showRecovery(this, need(this.root, "[data-testid=recovery]"), s.recovery);
    this.root.body.dataset.ready = "true";
  }

  private async tryOpen(path: string): Promise<boolean> {
    try {
      const b = await call("brief_open_recent", { path });
      this.load({ path: b.path, text: b.text });
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  private showWelcome(openedPath: string): void {
    const strip = need<HTMLElement>(this.root, "[data-testid=welcome]");
    const host = need<HTMLElement>(this.root, "[data-testid=welcome-samples]");
    const render = (): void => {
      host.replaceChildren();
      for (const sample of this.appState.samples) {
        const btn = h("button", { type: "button", class: "btn", "data-testid": `sample-${sample.lang}`, "data-lang": sample.lang }, t("ui-sample-open", { lang: t(`ui-lang-${sample.lang}`) }));
        if (sample.path === openedPath) btn.setAttribute("aria-describedby", "welcome-current");
        btn.addEventListener("click", () => void openRecent(this, sample.path));
        host.appendChild(btn);
      }
    };
    render();
    this.unsubscribers.push(onLangChange(render));
    need<HTMLElement>(this.root, "[data-testid=welcome-close]").addEventListener("click", () => {
      strip.hidden = true;
      this.editor.focus();
    });
    strip.hidden = false;
  }

  // ----- analysis, preview, sync -----

  private onChange(): void {
    this.analysis.request();
    this.updateDirty();
    if (this.isDirty()) this.autosaver.changed();
  }

  /** False when the preview could not show `a` (see `Preview.render`). */
  private onAnalysis(a: Analysis, fresh: boolean): boolean {
    const shown = this.preview.render(a);
    if (fresh) {
      // Positions are only valid for the text that was analysed; stale ones wait for the next round.
      this.editor.setDiagnostics(a.diagnostics);
      this.audit.show(a.diagnostics, a.stats);
    }
    this.updateTitle(a.title);
    if (shown) this.syncFromEditor(this.editor.topLine());
    return shown;
  }

  private syncFromEditor(line: number): void {
    if (this.syncing === "preview") return;
    this.syncing = "editor";
    this.preview.scrollToLine(line);
    queueMicrotask(() => {
      setTimeout(() => {
        if (this.syncing === "editor") this.syncing = null;
      }, 50);
    });
  }

  private syncFromPreview(line: number, fraction: number): void {
    if (this.syncing === "editor") return;
    this.syncing = "preview";
    this.editor.scrollToLine(line, fraction);
    setTimeout(() => {
      if (this.syncing === "preview") this.syncing = null;
    }, 50);
  }

  // ----- chrome -----

  // These run after every keystroke and every analysis: they write to the DOM only when a
  // value changes, since a write to the header can make the browser lay out the whole window
  // (both panes) again before the next frame.
  private updateDirty(): void {
    const dot = need<HTMLElement>(this.root, "[data-testid=dirty-indicator]");
    const dirty = this.isDirty();
    if (dot.hidden !== !dirty) dot.hidden = !dirty;
    const flag = dirty ? "true" : "false";
    if (this.root.body.dataset.dirty !== flag) this.root.body.dataset.dirty = flag;
    this.updateWindowTitle();
  }

  private lastTitle = "";
  private updateTitle(title?: string): void {
    if (title !== undefined) this.lastTitle = title;
    const name = this.lastTitle || (this.current.path ? fileName(this.current.path) : "");
    const el = need<HTMLElement>(this.root, "[data-testid=doc-title]");
    const text = name || t("ui-untitled");
    if (el.textContent !== text) el.textContent = text;
    if (el.getAttribute("dir") !== "auto") el.setAttribute("dir", "auto");
    const hint = this.current.path ?? t("ui-not-saved-yet");
    if (el.title !== hint) el.title = hint;
    this.updateDirty();
  }

  private updateWindowTitle(): void {
    const name = this.lastTitle || (this.current.path ? fileName(this.current.path) : t("ui-untitled"));
    const title = t(this.isDirty() ? "ui-window-title-dirty" : "ui-window-title", { title: name });
    if (this.root.title !== title) this.root.title = title;
  }

  private relocalize(): void {
    localize(this.root);
    applyTooltips(this.root);
    need<HTMLSelectElement>(this.root, "[data-testid=ui-lang]").value = currentLang();
    this.editor.relocalize();
    this.audit.render();
    this.updateTitle();
  }

  async run(action: Action): Promise<void> {
    if (this.root.querySelector("dialog[open]")) return;
    switch (action) {
      case "new":
        return newBriefDialog(this);
      case "open":
        return openBrief(this);
      case "recent":
        return recentDialog(this);
      case "save":
        await saveBrief(this, false);
        return;
      case "save-as":
        await saveBrief(this, true);
        return;
      case "history":
        return historyDialog(this);
      case "export":
        return exportDialog(this);
      case "cite":
        this.showTab("brief");
        await this.editor.linkToSource();
        return;
      case "judgment":
      case "assumption":
        this.showTab("brief");
        await this.editor.markClaim(action);
        return;
      case "direction":
        this.showTab("brief");
        if (!this.editor.toggleDirection()) this.status("ui-status-direction-none");
        this.editor.focus();
        return;
    }
  }

  private wireToolbar(): void {
    for (const btn of Array.from(this.root.querySelectorAll<HTMLButtonElement>("header [data-action]"))) {
      btn.addEventListener("click", () => void this.run(btn.dataset.action as Action));
    }
    const select = need<HTMLSelectElement>(this.root, "[data-testid=ui-lang]");
    select.addEventListener("change", () => {
      const lang = select.value;
      if (!isLang(lang)) return;
      setLang(lang);
      // Diagnostic messages come in the UI language: analyse again.
      this.analysis.request();
      call("set_ui_lang", { lang }).catch((e) => this.fail(e));
    });
  }

  private showTab(which: "brief" | "sources"): void {
    const wasSources = this.root.getElementById("panel-sources")?.hidden === false;
    const tabs = { brief: need<HTMLElement>(this.root, "[data-testid=tab-brief]"), sources: need<HTMLElement>(this.root, "[data-testid=tab-sources]") };
    for (const [name, tab] of Object.entries(tabs)) {
      const on = name === which;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      const panel = this.root.getElementById(tab.getAttribute("aria-controls") ?? "");
      if (panel) panel.hidden = !on;
    }
    if (which === "sources") this.sources?.refresh();
    if (which === "brief" && wasSources) {
      // The library may have changed meanwhile: fresh cards, and audit the citations again.
      invalidateSource();
      this.analysis.request();
    }
  }

  private wireTabs(): void {
    const brief = need<HTMLElement>(this.root, "[data-testid=tab-brief]");
    const sources = need<HTMLElement>(this.root, "[data-testid=tab-sources]");
    brief.addEventListener("click", () => this.showTab("brief"));
    sources.addEventListener("click", () => {
      this.showTab("sources");
      this.sources?.focusSearch();
    });
    for (const tab of [brief, sources]) {
      tab.addEventListener("keydown", (ev) => {
        if (!["ArrowLeft", "ArrowRight", "Home", "End"].includes(ev.key)) return;
        ev.preventDefault();
        const other = tab === brief ? sources : brief;
        const target = ev.key === "Home" ? brief : ev.key === "End" ? sources : other;
        target.focus();
        target.click();
      });
    }
  }

  private wireWindow(): void {
    const signal = this.aborter.signal;
    this.root.addEventListener(
      "keydown",
      (ev) => {
        const action = matchShortcut(ev);
        if (!action) return;
        ev.preventDefault();
        ev.stopPropagation();
        void this.run(action);
      },
      { capture: true, signal },
    );
    // Autosave when the window loses focus or goes away.
    window.addEventListener("blur", () => void this.autosaver.flush(), { signal });
    window.addEventListener("beforeunload", () => void this.autosaver.flush(), { signal });
    this.root.addEventListener(
      "visibilitychange",
      () => {
        if (this.root.visibilityState === "hidden") void this.autosaver.flush();
      },
      { signal },
    );
    // The webview must never navigate: dropped files and stray links are stopped here.
    window.addEventListener("dragover", (ev) => ev.preventDefault(), { signal });
    window.addEventListener("drop", (ev) => ev.preventDefault(), { signal });
    this.root.addEventListener("click", (ev) => {
      if (ev.defaultPrevented) return;
      const a = (ev.target as Element | null)?.closest?.("a");
      if (!a) return;
      const href = (a.getAttribute("href") ?? "").trim();
      if (href.startsWith("#") && a.classList.contains("skip-link")) {
        ev.preventDefault();
        this.editor.focus();
        return;
      }
      ev.preventDefault();
      if (/^https?:\/\//iu.test(href)) void call("open_url", { url: href }).catch(() => undefined);
    }, { signal });
    // Sources edited in the library: cards and the audit must follow.
    this.root.addEventListener(
      "mizan:sources-changed",
      () => {
        invalidateSource();
        this.analysis.request();
      },
      { signal },
    );
  }
}
