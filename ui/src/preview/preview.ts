// The live preview: the article the Rust renderer made, claims tinted by kind (only the
// ids the analysis lists), links that never navigate the webview, citation cards, and
// scroll positions exchanged with the editor through `data-line`.

import { getSourceCached, sourceCard } from "../cite/card";
import { h } from "../dom";
import { t } from "../i18n";
import { call } from "../ipc/api";
import type { Analysis } from "../ipc/bindings";
import { sanitizeHtml } from "./sanitize";

export type PreviewHooks = {
  /** The preview scrolled by the user: `line` (1-based) plus `fraction` of the way to the next block. */
  onScroll?(line: number, fraction: number): void;
  /** A block was double-clicked: show its line in the editor. */
  onLineActivate?(line: number): void;
};

const CLAIM_KINDS = new Set(["fact", "judgment", "assumption"]);

export class Preview {
  private readonly root: HTMLElement;
  private readonly hooks: PreviewHooks;
  private programmaticScroll = 0;
  private popover: HTMLElement | null = null;
  private lines: Array<{ line: number; el: HTMLElement }> = [];

  constructor(root: HTMLElement, hooks: PreviewHooks) {
    this.root = root;
    this.hooks = hooks;
    root.setAttribute("tabindex", "0");
    root.addEventListener("click", (ev) => this.onClick(ev));
    root.addEventListener("auxclick", (ev) => {
      if ((ev.target as Element | null)?.closest?.("a")) ev.preventDefault();
    });
    root.addEventListener("dblclick", (ev) => {
      const block = (ev.target as Element | null)?.closest?.("[data-line]");
      const line = Number(block?.getAttribute("data-line"));
      if (Number.isFinite(line) && line > 0) this.hooks.onLineActivate?.(line);
    });
    root.addEventListener("scroll", () => {
      this.closePopover();
      if (Date.now() < this.programmaticScroll) return;
      const pos = this.topLine();
      if (pos) this.hooks.onScroll?.(pos.line, pos.fraction);
    });
  }

  /** Replaces the preview with the analysis' article (sanitised again here), then marks the preview perf point. */
  render(analysis: Analysis): void {
    const scroll = this.root.scrollTop;
    const fragment = sanitizeHtml(analysis.html);
    const known = new Map(analysis.claims.map((c) => [c.id, c.kind]));
    for (const el of Array.from(fragment.querySelectorAll<HTMLElement>(".claim, [data-claim-id], [data-claim-kind], .claim-ok"))) {
      el.classList.remove("claim-ok", "claim-fact", "claim-judgment", "claim-assumption");
      const id = el.getAttribute("data-claim-id");
      const kind = id ? known.get(id) : undefined;
      if (kind && CLAIM_KINDS.has(kind)) {
        // The analysis vouches for this claim: tint it by the kind it has on record.
        el.classList.add("claim-ok", `claim-${kind}`);
        el.setAttribute("data-claim-kind", kind);
      } else {
        el.removeAttribute("data-claim-kind");
        el.classList.remove("claim");
      }
    }
    for (const a of Array.from(fragment.querySelectorAll<HTMLAnchorElement>("a[href]"))) {
      const href = a.getAttribute("href") ?? "";
      if (/^https?:\/\//iu.test(href)) a.setAttribute("title", t("ui-preview-link-title", { url: href }));
    }
    this.closePopover();
    this.root.replaceChildren(fragment);
    this.root.setAttribute("dir", analysis.dir);
    this.root.setAttribute("lang", analysis.lang);
    this.lines = Array.from(this.root.querySelectorAll<HTMLElement>("[data-line]"))
      .map((el) => ({ line: Number(el.getAttribute("data-line")), el }))
      .filter((x) => Number.isFinite(x.line) && x.line > 0);
    this.programmaticScroll = Date.now() + 60;
    this.root.scrollTop = scroll;
    performance.mark("mizan:preview");
  }

  /** Shows an empty state (no brief, or the analysis failed). */
  showMessage(text: string): void {
    this.root.replaceChildren(h("p", { class: "preview-empty" }, text));
    this.lines = [];
  }

  private onClick(ev: MouseEvent): void {
    const target = ev.target as Element | null;
    const anchor = target?.closest?.("a");
    const cite = target?.closest?.(".cite[data-key]");
    // Whatever it is, the webview never follows a link out of the preview.
    if (anchor) ev.preventDefault();
    if (cite) {
      ev.preventDefault();
      const key = cite.getAttribute("data-key");
      if (key) void this.showSource(key, cite as HTMLElement);
      return;
    }
    if (!anchor) return;
    const href = (anchor.getAttribute("href") ?? "").trim();
    if (/^https?:\/\//iu.test(href)) {
      void call("open_url", { url: href }).catch(() => undefined);
    } else if (href.startsWith("#fn-")) {
      const id = decodeURIComponent(href.slice(1));
      const el = Array.from(this.root.querySelectorAll<HTMLElement>("[id]")).find((e) => e.id === id);
      el?.scrollIntoView({ block: "center" });
    }
  }

  /** The source card of a cited key, in a small popover next to the citation. */
  async showSource(key: string, near: HTMLElement): Promise<void> {
    this.closePopover();
    const close = h("button", { type: "button", class: "popover-close", "aria-label": t("ui-close"), title: t("ui-close") });
    const body = h("div", { class: "popover-body" }, h("p", { class: "muted" }, t("ui-loading")));
    const pop = h("div", { class: "source-popover", role: "dialog", "aria-label": t("ui-source-card-label", { key }), "data-testid": "source-popover", tabindex: "-1" }, close, body);
    close.addEventListener("click", () => this.closePopover(near));
    pop.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        this.closePopover(near);
      }
    });
    this.popover = pop;
    this.root.appendChild(pop);
    // Position below the citation, inside the preview's scroll box.
    const r = near.getBoundingClientRect();
    const box = this.root.getBoundingClientRect();
    pop.style.top = `${r.bottom - box.top + this.root.scrollTop + 4}px`;
    pop.style.insetInlineStart = `${Math.max(8, (this.root.dir === "rtl" ? box.right - r.right : r.left - box.left))}px`;
    pop.focus();
    try {
      const detail = await getSourceCached(key);
      if (this.popover !== pop) return;
      body.replaceChildren(detail ? sourceCard(detail) : h("p", { class: "muted" }, t("ui-cite-unknown-key", { key })));
    } catch {
      if (this.popover === pop) body.replaceChildren(h("p", { class: "error" }, t("ui-cite-load-failed")));
    }
  }

  closePopover(returnFocus?: HTMLElement): void {
    if (!this.popover) return;
    this.popover.remove();
    this.popover = null;
    returnFocus?.focus();
  }

  /** The block at the top of the preview, and how far into it the view is. */
  topLine(): { line: number; fraction: number } | null {
    if (this.lines.length === 0) return null;
    const top = this.root.getBoundingClientRect().top;
    let best: { line: number; el: HTMLElement } | null = null;
    for (const entry of this.lines) {
      const r = entry.el.getBoundingClientRect();
      if (r.top - top <= 1) best = entry;
      else break;
    }
    const chosen = best ?? this.lines[0]!;
    const r = chosen.el.getBoundingClientRect();
    const fraction = r.height > 0 ? Math.min(1, Math.max(0, (top - r.top) / r.height)) : 0;
    return { line: chosen.line, fraction };
  }

  /** Scrolls so the block for `line` (the last block starting at or before it) is at the top. */
  scrollToLine(line: number, fraction = 0): void {
    let chosen: { line: number; el: HTMLElement } | null = null;
    let next: { line: number; el: HTMLElement } | null = null;
    for (const entry of this.lines) {
      if (entry.line <= line) chosen = entry;
      else {
        next = entry;
        break;
      }
    }
    if (!chosen) {
      this.programmaticScroll = Date.now() + 120;
      this.root.scrollTop = 0;
      return;
    }
    const box = this.root.getBoundingClientRect();
    const r = chosen.el.getBoundingClientRect();
    // Between two blocks, interpolate by the editor's position between their lines.
    let offset = r.height * fraction;
    if (next && fraction === 0 && next.line > chosen.line) {
      const nr = next.el.getBoundingClientRect();
      offset = ((line - chosen.line) / (next.line - chosen.line)) * (nr.top - r.top);
    }
    this.programmaticScroll = Date.now() + 120;
    this.root.scrollTop += r.top - box.top + offset;
  }

  /** Highlights the block of `line` briefly (after a jump from the editor). */
  flashLine(line: number): void {
    const entry = [...this.lines].reverse().find((e) => e.line <= line);
    if (!entry) return;
    entry.el.classList.add("flash");
    setTimeout(() => entry.el.classList.remove("flash"), 900);
  }
}
