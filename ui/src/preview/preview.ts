// The live preview: the article the Rust renderer made, claims tinted by kind (only the
// ids the analysis lists), links that never navigate the webview, citation cards, and
// scroll positions exchanged with the editor through `data-line`.

import { getSourceCached, sourceCard } from "../cite/card";
import { h } from "../dom";
import { currentLang, t } from "../i18n";
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
const CLAIM_SELECTOR = ".claim, [data-claim-id], [data-claim-kind], .claim-ok";
const DIGITS = /^[0-9]+$/u;
const U32_MAX = 4294967295;

type LineEntry = { line: number; el: HTMLElement };

/** One top-level block of the article on screen. */
type BlockState = {
  /** The analysis' key for its markup. */
  key: string;
  /** Its markup as the analysis sent it: line numbers counted from the block's first line. */
  html: string;
  /** What was added to those line numbers. */
  line: number;
  /** The nodes it became (usually one element; none if the sanitizer dropped it all). */
  nodes: Node[];
  /** Elements carrying `data-line`, with the value the markup gave them. */
  lineEls: Array<{ el: HTMLElement; value: string }>;
  /** Elements with a usable line, for scroll sync. */
  entries: LineEntry[];
  /** Claim ids it holds: its tint depends on their standing in the analysis. */
  claims: string[];
};

type PreviewState = {
  open: string;
  close: string;
  /** UI language of the link titles. */
  uiLang: string;
  article: Element;
  blocks: BlockState[];
  known: ReadonlyMap<string, string>;
};

/** A block of the analysis with its markup (sent, or held from an earlier analysis). */
type Piece = { key: string; line: number; html: string };

/**
 * Tints claims by the kind the analysis has on record (only ids it lists) and titles
 * outside links, under `root`; returns the claim ids seen.
 */
export function tint(root: ParentNode, known: ReadonlyMap<string, string>, self?: Element): string[] {
  const ids: string[] = [];
  const claims = Array.from(root.querySelectorAll<HTMLElement>(CLAIM_SELECTOR));
  if (self?.matches(CLAIM_SELECTOR)) claims.unshift(self as HTMLElement);
  for (const el of claims) {
    el.classList.remove("claim-ok", "claim-fact", "claim-judgment", "claim-assumption");
    const id = el.getAttribute("data-claim-id");
    if (id !== null) ids.push(id);
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
  const links = Array.from(root.querySelectorAll<HTMLAnchorElement>("a[href]"));
  if (self?.matches("a[href]")) links.unshift(self as HTMLAnchorElement);
  for (const a of links) {
    const href = a.getAttribute("href") ?? "";
    if (/^https?:\/\//iu.test(href)) a.setAttribute("title", t("ui-preview-link-title", { url: href }));
  }
  return ids;
}

/**
 * A `data-line` value of a block's markup once `offset` is added, as the Rust renderer
 * does for the whole article (`Article::html`): values made only of digits that fit in a
 * u32 take the offset (saturating); anything else is left as written.
 */
export function shiftedLine(value: string, offset: number): string {
  if (offset === 0 || !DIGITS.test(value)) return value;
  const n = Number(value);
  return n > U32_MAX ? value : String(Math.min(n + offset, U32_MAX));
}

function lineEntries(els: ReadonlyArray<{ el: HTMLElement }>): LineEntry[] {
  return els.map(({ el }) => ({ line: Number(el.getAttribute("data-line")), el })).filter((x) => Number.isFinite(x.line) && x.line > 0);
}

/** Gives a block's `data-line` elements the values of its markup plus `offset`. */
function placeLines(b: BlockState, offset: number): void {
  for (const { el, value } of b.lineEls) {
    const v = shiftedLine(value, offset);
    if (el.getAttribute("data-line") !== v) el.setAttribute("data-line", v);
  }
  b.line = offset;
  b.entries = lineEntries(b.lineEls);
}

/**
 * Parses and sanitises one block in the same context as in the whole article (inside
 * its `<article>` start tag), numbers its lines, tints it, and returns its nodes in a
 * fragment.
 */
function renderBlock(open: string, piece: Piece, known: ReadonlyMap<string, string>): { fragment: DocumentFragment; state: BlockState } {
  const parsed = sanitizeHtml(`${open}${piece.html}</article>`);
  const wrapper = Array.from(parsed.children).find((e) => e.localName === "article");
  const nodes: Node[] = [];
  if (wrapper) {
    nodes.push(...Array.from(wrapper.childNodes));
    // Markup that closed the wrapper early leaves its rest after it: still sanitised, keep it.
    for (let n = wrapper.nextSibling; n; n = n.nextSibling) nodes.push(n);
  } else {
    nodes.push(...Array.from(parsed.childNodes));
  }
  const fragment = document.createDocumentFragment();
  fragment.append(...nodes);
  const claims: string[] = [];
  const lineEls: Array<{ el: HTMLElement; value: string }> = [];
  for (const node of nodes) {
    if (node.nodeType !== Node.ELEMENT_NODE) continue;
    const el = node as HTMLElement;
    claims.push(...tint(el, known, el));
    const els = el.hasAttribute("data-line") ? [el] : [];
    els.push(...Array.from(el.querySelectorAll<HTMLElement>("[data-line]")));
    for (const e of els) lineEls.push({ el: e, value: e.getAttribute("data-line") ?? "" });
  }
  const state: BlockState = { key: piece.key, html: piece.html, line: 0, nodes, lineEls, entries: [], claims };
  placeLines(state, piece.line);
  return { fragment, state };
}

export class Preview {
  private readonly root: HTMLElement;
  private readonly hooks: PreviewHooks;
  private programmaticScroll = 0;
  private popover: HTMLElement | null = null;
  private lines: LineEntry[] = [];
  /** What is on screen, block by block. */
  private state: PreviewState | null = null;

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

  /** Keys of the blocks whose markup the preview holds: the analysis need not send them again (`knownBlocks`). */
  knownBlocks(): string[] {
    return [...new Set(this.state?.blocks.map((b) => b.key) ?? [])];
  }

  /**
   * Shows the analysis' article, then marks the preview perf point. Only blocks whose
   * key is new are parsed, sanitised, tinted and inserted; blocks that only moved (lines
   * inserted or removed above them) keep their nodes and get their `data-line` values
   * renumbered. False, and nothing changes, when the analysis left out the markup of a
   * block the preview no longer holds: ask again with no `knownBlocks`.
   */
  render(analysis: Analysis): boolean {
    const held = new Map<string, string>();
    for (const b of this.state?.blocks ?? []) held.set(b.key, b.html);
    const pieces: Piece[] = [];
    for (const b of analysis.preview.blocks) {
      const html = b.html ?? held.get(b.key);
      if (html === undefined) return false;
      pieces.push({ key: b.key, line: b.line, html });
    }
    const { open, close } = analysis.preview;
    const known = new Map(analysis.claims.map((c) => [c.id, c.kind] as const));
    const lang = currentLang();
    this.closePopover();
    const st = this.state;
    if (st && st.open === open && st.close === close && st.uiLang === lang && st.article.parentNode === this.root) {
      this.update(st, pieces, known);
    } else {
      this.replaceAll(open, close, pieces, known, lang);
    }
    if (this.root.getAttribute("dir") !== analysis.dir) this.root.setAttribute("dir", analysis.dir);
    if (this.root.getAttribute("lang") !== analysis.lang) this.root.setAttribute("lang", analysis.lang);
    this.programmaticScroll = Date.now() + 60;
    performance.mark("mizan:preview");
    return true;
  }

  /** Renders the whole article from scratch (first analysis, another article start tag, UI language change). */
  private replaceAll(open: string, close: string, pieces: readonly Piece[], known: ReadonlyMap<string, string>, uiLang: string): void {
    const scroll = this.root.scrollTop;
    const shell = sanitizeHtml(open + close);
    // The shell always sends an <article>; should the sanitizer ever drop it, a bare one holds the blocks.
    const article = Array.from(shell.children).find((e) => e.localName === "article") ?? shell.appendChild(document.createElement("article"));
    tint(shell, known);
    const blocks: BlockState[] = [];
    for (const piece of pieces) {
      const block = renderBlock(open, piece, known);
      article.appendChild(block.fragment);
      blocks.push(block.state);
    }
    this.state = { open, close, uiLang, article, blocks, known };
    this.lines = blocks.flatMap((b) => b.entries);
    this.root.replaceChildren(shell);
    this.root.scrollTop = scroll;
  }

  /** Brings the article in the document from `st.blocks` to `pieces`, touching only what differs. */
  private update(st: PreviewState, pieces: readonly Piece[], known: ReadonlyMap<string, string>): void {
    const old = st.blocks;
    // Claims whose standing changed (new, gone, other kind): blocks holding them are rendered again.
    const changedClaims = new Set<string>();
    for (const [id, kind] of known) if (st.known.get(id) !== kind) changedClaims.add(id);
    for (const id of st.known.keys()) if (!known.has(id)) changedClaims.add(id);

    // Match new pieces to old blocks by key, keeping their order: the common head and
    // tail directly, the middle through a key index.
    let head = 0;
    while (head < old.length && head < pieces.length && old[head]!.key === pieces[head]!.key) head++;
    let oldEnd = old.length;
    let newEnd = pieces.length;
    while (oldEnd > head && newEnd > head && old[oldEnd - 1]!.key === pieces[newEnd - 1]!.key) {
      oldEnd--;
      newEnd--;
    }
    const match: Array<BlockState | null> = new Array<BlockState | null>(pieces.length).fill(null);
    for (let i = 0; i < head; i++) match[i] = old[i]!;
    for (let i = 0; i < pieces.length - newEnd; i++) match[newEnd + i] = old[oldEnd + i]!;
    if (head < oldEnd && head < newEnd) {
      const byKey = new Map<string, number[]>();
      for (let i = head; i < oldEnd; i++) {
        const list = byKey.get(old[i]!.key);
        if (list) list.push(i);
        else byKey.set(old[i]!.key, [i]);
      }
      let last = head - 1;
      for (let j = head; j < newEnd; j++) {
        const list = byKey.get(pieces[j]!.key);
        while (list && list.length > 0 && list[0]! <= last) list.shift();
        const i = list?.shift();
        if (i !== undefined) {
          match[j] = old[i]!;
          last = i;
        }
      }
    }

    const kept = new Set<BlockState>();
    for (let j = 0; j < pieces.length; j++) {
      const b = match[j];
      if (!b) continue;
      if (b.claims.some((id) => changedClaims.has(id))) {
        match[j] = null;
        continue;
      }
      if (b.line !== pieces[j]!.line) placeLines(b, pieces[j]!.line);
      kept.add(b);
    }
    for (const b of old) if (!kept.has(b)) for (const node of b.nodes) node.parentNode?.removeChild(node);

    const blocks: BlockState[] = [];
    let prev: Node | null = null;
    for (let j = 0; j < pieces.length; j++) {
      let b = match[j] ?? null;
      if (!b) {
        const r = renderBlock(st.open, pieces[j]!, known);
        st.article.insertBefore(r.fragment, prev ? prev.nextSibling : st.article.firstChild);
        b = r.state;
      }
      if (b.nodes.length > 0) prev = b.nodes[b.nodes.length - 1]!;
      blocks.push(b);
    }
    st.blocks = blocks;
    st.known = known;
    this.lines = blocks.flatMap((b) => b.entries);
  }

  /** Shows an empty state (no brief, or the analysis failed). */
  showMessage(text: string): void {
    this.state = null;
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
