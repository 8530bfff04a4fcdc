// Test support: a fake shell behind `setTransport`, and sample data. Used by the Vitest
// suites of sources/ and cite/ only.

import { setTransport } from "../ipc/api";
import type { Commands, Events, SourceDetail, SourceHit } from "../ipc/bindings";

type Handlers = { [K in keyof Commands]?: (req: Commands[K]["req"]) => Commands[K]["res"] | Promise<Commands[K]["res"]> };

export type FakeShell = {
  /** Every command received, with its request, in order. */
  calls: Array<{ command: string; req: unknown }>;
  callsOf<K extends keyof Commands>(command: K): Array<Commands[K]["req"]>;
  emit<E extends keyof Events>(event: E, payload: Events[E]): void;
  restore(): void;
};

/** Installs a fake shell; a command without a handler fails as the shell would for an unknown command. */
export function fakeShell(handlers: Handlers): FakeShell {
  const calls: Array<{ command: string; req: unknown }> = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const restore = setTransport({
    invoke: async (command, args) => {
      const req = args["req"] ?? null;
      calls.push({ command, req });
      const handler = (handlers as Record<string, ((req: unknown) => unknown) | undefined>)[command];
      if (!handler) throw { code: "internal", message: `no fake for ${command}`, field: null };
      return handler(req);
    },
    listen: async (event, handler) => {
      const set = listeners.get(event) ?? new Set();
      set.add(handler);
      listeners.set(event, set);
      return () => set.delete(handler);
    },
  });
  return {
    calls,
    callsOf: <K extends keyof Commands>(command: K) => calls.filter((c) => c.command === command).map((c) => c.req as Commands[K]["req"]),
    emit: (event, payload) => {
      for (const h of listeners.get(event) ?? []) h(payload);
    },
    restore,
  };
}

/** Lets pending promises and timers settle. */
export async function settle(rounds = 6): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setTimeout(r, 0));
}

export function sampleDetail(over: Partial<SourceDetail> = {}): SourceDetail {
  return {
    id: "7d0f3c1e-0000-4000-8000-000000000001",
    key: "rfi-blocus-bamako-2025",
    kind: "news-article",
    title: "Mali : le blocus de Bamako s'installe dans la durée",
    authors: [{ family: "Diallo", given: "Amina" }, { literal: "Rédaction Afrique" }],
    issued: "2025-11-04",
    language: "fr",
    grade: "B",
    grading: { reliability: "B", gradedBy: "Amina Diallo", gradedAt: "2025-11-20T09:30:00Z" },
    containerTitle: "RFI Afrique",
    publisher: "RFI",
    url: "https://www.rfi.fr/fr/afrique/20251104-mali-blocus-bamako",
    doi: null,
    pages: null,
    accessed: "2025-11-20",
    notes: "Dépêche reprise par plusieurs médias.",
    tags: ["mali", "carburant"],
    excerpts: [
      { id: "e1", text: "Les camions-citernes n'arrivent plus à Bamako depuis début novembre.", locator: "§ 2" },
      { id: "e2", text: "Les camions-citernes venus de Dakar sont escortés par l'armée.", locator: "§ 5" },
    ],
    createdAt: "2025-11-19T18:00:00Z",
    createdBy: "Amina Diallo",
    modifiedAt: "2025-11-20T09:30:00Z",
    modifiedBy: "Amina Diallo",
    citedBy: [],
    ...over,
  };
}

export function hitOf(d: SourceDetail, score = 1): SourceHit {
  return { id: d.id, key: d.key, title: d.title, authors: d.authors, issued: d.issued, language: d.language, kind: d.kind, grade: d.grade, containerTitle: d.containerTitle, tags: d.tags, score };
}

/** Types into an input or textarea and fires `input` (what the user's keystrokes do). */
export function type(el: Element | null, value: string): void {
  if (!(el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) throw new Error("not a text field");
  el.value = value;
  el.dispatchEvent(new Event("input", { bubbles: true }));
}

/** Chooses a value in a select, or checks a checkbox/radio, and fires `change`. */
export function choose(el: Element | null, value?: string): void {
  if (el instanceof HTMLSelectElement && value !== undefined) el.value = value;
  else if (el instanceof HTMLInputElement) el.checked = true;
  else throw new Error("not a choice");
  el.dispatchEvent(new Event("change", { bubbles: true }));
}

export function byTestId<T extends Element = HTMLElement>(id: string, root: ParentNode = document): T {
  const el = root.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no [data-testid=${id}]`);
  return el;
}
