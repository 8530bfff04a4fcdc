// Searching the library as the user types, and the list of hits: a listbox whose rows are
// reached with the arrow keys (Home/End too) and opened with Enter or a click.

import { h, clear } from "../dom";
import { call } from "../ipc/api";
import type { SearchRequest, SourceHit } from "../ipc/bindings";
import { gradeBadge, kindLabel } from "../cite/card";

/**
 * Sends searches with at most one in flight: while one runs, only the latest request waits,
 * and results are shown only for the latest request (never an older answer over a newer one).
 */
export class LiveSearch {
  private pending: SearchRequest | null = null;
  private running = false;

  constructor(
    private readonly onResults: (hits: SourceHit[], req: SearchRequest) => void,
    private readonly onError: (error: unknown, req: SearchRequest) => void,
  ) {}

  request(req: SearchRequest): void {
    this.pending = req;
    if (!this.running) void this.pump();
  }

  private async pump(): Promise<void> {
    this.running = true;
    try {
      while (this.pending) {
        const req = this.pending;
        this.pending = null;
        try {
          const hits = await call("sources_search", req);
          if (!this.pending) this.onResults(hits, req);
        } catch (error) {
          if (!this.pending) this.onError(error, req);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

export type ResultList = {
  element: HTMLUListElement;
  render(hits: readonly SourceHit[]): void;
  hits(): readonly SourceHit[];
  /** Moves the active row to the hit with `key` (if listed). */
  select(key: string | null): void;
  selected(): SourceHit | null;
  focusActive(): void;
};

let listCounter = 0;

function authorsShort(hit: SourceHit): string {
  const names = hit.authors.map((p) => ("literal" in p ? p.literal : p.family));
  return names.length > 3 ? `${names.slice(0, 3).join("; ")}…` : names.join("; ");
}

/** A listbox of hits. `onOpen` runs on Enter or click; `onSelect` when the active row changes. */
export function resultList(opts: { labelledBy: string; onOpen(hit: SourceHit): void; onSelect?(hit: SourceHit): void }): ResultList {
  const id = `src-results-${++listCounter}`;
  const list = h("ul", { class: "src-results", role: "listbox", id, "aria-labelledby": opts.labelledBy, "data-testid": "source-results", tabindex: "-1" });
  let hits: readonly SourceHit[] = [];
  let active = -1;

  const rows = (): HTMLLIElement[] => Array.from(list.querySelectorAll<HTMLLIElement>("li[role=option]"));

  const activate = (index: number, focus: boolean, notify = focus): void => {
    const all = rows();
    if (all.length === 0) {
      active = -1;
      list.removeAttribute("aria-activedescendant");
      return;
    }
    active = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((row, i) => {
      row.setAttribute("aria-selected", i === active ? "true" : "false");
      row.tabIndex = i === active ? 0 : -1;
    });
    const row = all[active]!;
    if (focus) {
      row.focus();
      row.scrollIntoView?.({ block: "nearest" });
    }
    const hit = hits[active];
    if (hit && notify) opts.onSelect?.(hit);
  };

  list.addEventListener("keydown", (ev) => {
    const n = rows().length;
    if (n === 0) return;
    let next: number | null = null;
    if (ev.key === "ArrowDown") next = active + 1;
    else if (ev.key === "ArrowUp") next = active - 1;
    else if (ev.key === "Home") next = 0;
    else if (ev.key === "End") next = n - 1;
    else if (ev.key === "PageDown") next = active + 10;
    else if (ev.key === "PageUp") next = active - 10;
    else if (ev.key === "Enter" || ev.key === " ") {
      const hit = hits[active];
      if (hit) {
        ev.preventDefault();
        opts.onOpen(hit);
      }
      return;
    }
    if (next === null) return;
    ev.preventDefault();
    activate(next, true);
  });

  const render = (next: readonly SourceHit[]): void => {
    const previousKey = hits[active]?.key ?? null;
    hits = next;
    clear(list);
    next.forEach((hit, i) => {
      const authors = authorsShort(hit);
      const row = h(
        "li",
        { role: "option", id: `${id}-${i}`, class: "src-row", "data-testid": "source-row", "data-key": hit.key, "aria-selected": "false", tabindex: "-1" },
        gradeBadge(hit.grade),
        h(
          "div",
          { class: "src-row-main" },
          h("span", { class: "src-row-title", dir: "auto" }, hit.title),
          h(
            "span",
            { class: "src-row-meta" },
            authors ? h("span", { class: "src-row-authors", dir: "auto" }, authors) : null,
            hit.issued ? h("span", { class: "src-row-date" }, hit.issued) : null,
            kindLabel(hit.kind),
            h("code", { class: "src-row-key", dir: "ltr" }, hit.key),
          ),
        ),
      );
      row.addEventListener("click", () => {
        activate(i, true);
        opts.onOpen(hit);
      });
      list.appendChild(row);
    });
    const keep = previousKey === null ? -1 : next.findIndex((x) => x.key === previousKey);
    if (next.length > 0) activate(keep >= 0 ? keep : 0, false);
    else active = -1;
  };

  return {
    element: list,
    render,
    hits: () => hits,
    select: (key) => {
      const i = key === null ? -1 : hits.findIndex((x) => x.key === key);
      if (i >= 0) activate(i, false);
    },
    selected: () => hits[active] ?? null,
    focusActive: () => {
      if (active >= 0) rows()[active]?.focus();
    },
  };
}
