// Test support (imported by *.test.ts only): a fake shell behind `setTransport`, the real
// index.html loaded into jsdom, and the few layout APIs jsdom lacks that CodeMirror calls.

import indexHtml from "../index.html?raw";
import { setTransport } from "./ipc/api";
import type { Analysis, AppState, Commands, Events, PreviewArticle } from "./ipc/bindings";

export function installDomShims(): void {
  const rect = { x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({}) } as DOMRect;
  const list = Object.assign([], { item: () => null }) as unknown as DOMRectList;
  if (!Range.prototype.getClientRects) Range.prototype.getClientRects = () => list;
  if (!Range.prototype.getBoundingClientRect) Range.prototype.getBoundingClientRect = () => rect;
  if (!("scrollIntoView" in Element.prototype) || typeof Element.prototype.scrollIntoView !== "function") {
    Element.prototype.scrollIntoView = () => undefined;
  }
  if (!document.elementFromPoint) document.elementFromPoint = () => null;
}

/** Puts the body of the real index.html into the document. */
export function loadIndexHtml(): void {
  const body = /<body>([\s\S]*)<\/body>/u.exec(indexHtml)?.[1] ?? "";
  document.body.innerHTML = body;
  delete document.body.dataset.ready;
}

type Handler = (req: unknown) => unknown;

/** A scriptable shell: per-command handlers, a log of calls, events on demand. */
export class FakeShell {
  readonly calls: Array<{ command: string; req: unknown }> = [];
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Set<(p: unknown) => void>>();
  private restore: (() => void) | null = null;

  handle<K extends keyof Commands>(command: K, fn: (req: Commands[K]["req"]) => Commands[K]["res"] | Promise<Commands[K]["res"]>): this {
    this.handlers.set(command, fn as Handler);
    return this;
  }

  install(): this {
    this.restore = setTransport({
      invoke: async (command, args) => {
        const req = (args as { req?: unknown }).req ?? null;
        this.calls.push({ command, req });
        const fn = this.handlers.get(command);
        if (!fn) throw { code: "internal", message: `fake shell: no handler for ${command}`, field: null };
        return fn(req);
      },
      listen: async (event, handler) => {
        const set = this.listeners.get(event) ?? new Set();
        set.add(handler);
        this.listeners.set(event, set);
        return () => set.delete(handler);
      },
    });
    return this;
  }

  uninstall(): void {
    this.restore?.();
    this.restore = null;
  }

  emit<E extends keyof Events>(event: E, payload: Events[E]): void {
    for (const h of this.listeners.get(event) ?? []) h(payload);
  }

  callsTo(command: string): unknown[] {
    return this.calls.filter((c) => c.command === command).map((c) => c.req);
  }
}

export const AR_SAMPLE = `---
title: "الوضع في باماكو"
lang: ar
template: assessment
---

## الوضع الراهن

تفرض الجماعة حصاراً على الوقود [@rfi-blocus-bamako-2025، ص. 3].

**تقدير** (مرجح؛ ثقة متوسطة): من المرجح أن يستمر الحصار.
`;

export const FR_SAMPLE = `---
title: "Mali : le blocus"
lang: fr
template: assessment
---

## Situation

Le JNIM impose un blocus sur le carburant [@rfi-blocus-bamako-2025, p. 3].
`;

export function baseState(overrides: Partial<AppState> = {}): AppState {
  return {
    version: "0.1.0",
    uiLang: "en",
    analyst: "Amina Diallo",
    libraryPath: "/home/amina/.local/share/mizan/library.sqlite",
    sourceCount: 2,
    firstStart: true,
    samples: [
      { lang: "ar", path: "/usr/share/mizan/samples/sample-ar.md", title: "الانهيار الأمني في مالي" },
      { lang: "fr", path: "/usr/share/mizan/samples/sample-fr.md", title: "Mali : l'effondrement sécuritaire" },
    ],
    recent: [],
    recovery: [],
    styles: ["default", "endnotes"],
    ...overrides,
  };
}

/**
 * `<article …>BODY</article>` as the shell sends a preview: the start tag, then BODY as
 * one block (keyed by its markup, line numbers as written).
 */
export function articleOf(html: string): PreviewArticle {
  const open = html.slice(0, html.indexOf(">") + 1);
  const body = html.slice(open.length, html.lastIndexOf("</article>"));
  return { open, close: "</article>", blocks: [{ key: body, line: 0, html: body }] };
}

/** An analysis of `text` with the given diagnostics (as the shell would send). */
export function analysisOf(text: string, extra: Partial<Analysis> = {}): Analysis {
  const rtl = /lang:\s*ar/u.test(text);
  return {
    lang: rtl ? "ar" : "fr",
    dir: rtl ? "rtl" : "ltr",
    id: null,
    title: /title:\s*"([^"]*)"/u.exec(text)?.[1] ?? "",
    preview: articleOf(`<article class="brief" dir="${rtl ? "rtl" : "ltr"}"><h2 dir="${rtl ? "rtl" : "ltr"}" data-line="7">S</h2><p data-line="9"><span class="claim fact" data-claim-kind="fact" data-claim-id="c1">x</span></p></article>`),
    diagnostics: [],
    claims: [{ id: "c1", kind: "fact", line: 9 }],
    stats: { claims: { total: 1, fact: 1, judgment: 0, assumption: 0 }, statements: 1, sourcedStatements: 1, shareSourced: 1, citedClaims: 1, singleSourceClaims: 1, shareSingleSource: 1, sourcesCited: 1, reliability: { A: 0, B: 1, C: 0, D: 0, E: 0, F: 0, ungraded: 0 }, credibility: { "1": 0, "2": 0, "3": 0, "4": 0, "5": 0, "6": 0, none: 0 } },
    ...extra,
  };
}

/** Lets pending promises and zero-delay timers run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise((r) => setTimeout(r, 0));
  }
}
