// Autosave to the shell's recovery area, and the offer to recover what a previous session
// left there. The recovery copy is only a safety net: saving the brief discards it.

import type { AppContext } from "../app/context";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { call } from "../ipc/api";
import type { RecoveryEntry } from "../ipc/bindings";
import { confirmUnsaved } from "./briefs";

export const AUTOSAVE_DELAY_MS = 3000;

export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastStored: { key: string; text: string } | null = null;
  private readonly app: AppContext;

  constructor(app: AppContext) {
    this.app = app;
  }

  /** A change happened: store within a few seconds (one pending timer, not one per keystroke). */
  changed(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, AUTOSAVE_DELAY_MS);
  }

  /** Stores now if the text is unsaved and differs from the last stored copy. */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.app.isDirty()) return;
    const doc = this.app.doc();
    const text = this.app.editor.text();
    if (this.lastStored && this.lastStored.key === doc.key && this.lastStored.text === text) return;
    try {
      await call("recovery_store", { key: doc.key, path: doc.path, text });
      this.lastStored = { key: doc.key, text };
    } catch {
      // A failed autosave must not disturb typing; the next change tries again.
    }
  }

  /** After a successful save: the recovery copy is no longer needed. */
  async discard(key: string): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.lastStored = null;
    try {
      await call("recovery_discard", { key });
    } catch {
      // Nothing stored for this key, or the area is unavailable: either way nothing to undo.
    }
  }
}

/** Shows the recovery strip offering each autosaved brief: restore or discard. */
export function showRecovery(app: AppContext, strip: HTMLElement, entries: readonly RecoveryEntry[]): void {
  clear(strip);
  const pending = new Set(entries.map((e) => e.key));
  const done = (key: string, row: HTMLElement): void => {
    pending.delete(key);
    row.remove();
    if (pending.size === 0) {
      strip.hidden = true;
      clear(strip);
    }
  };
  if (entries.length === 0) {
    strip.hidden = true;
    return;
  }
  strip.appendChild(h("p", { class: "recovery-intro" }, t("ui-recovery-intro", { count: entries.length })));
  const list = h("ul", { class: "recovery-list" });
  for (const entry of entries) {
    const restore = h("button", { type: "button", class: "btn btn-primary", "data-testid": "recovery-restore" }, t("ui-recovery-restore"));
    const discard = h("button", { type: "button", class: "btn", "data-testid": "recovery-discard" }, t("ui-recovery-discard"));
    const row = h(
      "li",
      { class: "recovery-entry", "data-testid": "recovery-entry", "data-key": entry.key },
      h("span", { class: "recovery-title", dir: "auto" }, entry.title || t("ui-untitled")),
      h("span", { class: "recovery-meta" }, t("ui-recovery-saved-at", { when: formatWhen(entry.savedAt, app.uiLang()) })),
      entry.path ? h("span", { class: "recovery-path", dir: "ltr" }, entry.path) : null,
      restore,
      discard,
    );
    restore.addEventListener("click", async () => {
      if (!(await confirmUnsaved(app))) return;
      // Same key: later autosaves overwrite this entry instead of adding one.
      app.load({ path: entry.path, text: entry.text, key: entry.key, savedText: null });
      app.status("ui-status-recovered");
      done(entry.key, row);
    });
    discard.addEventListener("click", async () => {
      try {
        await call("recovery_discard", { key: entry.key });
        done(entry.key, row);
      } catch (e) {
        app.fail(e);
      }
    });
    list.appendChild(row);
  }
  strip.appendChild(list);
  strip.hidden = false;
}

/** A timestamp (RFC 3339 or ms) in the UI language; the raw value if unreadable. */
export function formatWhen(value: string, lang: string): string {
  const n = /^\d+$/u.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(n)) return value;
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(n));
  } catch {
    return value;
  }
}
