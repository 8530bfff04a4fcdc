// The sync state the UI shows: the shell's last `SyncStatus`, kept fresh by the
// `sync-status` event (sent when a sync starts and ends, periodic ones included, and when
// the folder changes), and the commands that change it.

import { notifySourcesChanged } from "../cite/card";
import { formatWhen } from "../briefs/recovery";
import { t } from "../i18n";
import { call, on } from "../ipc/api";
import type { SyncReport, SyncStatus } from "../ipc/bindings";

/** What the sync UI needs from the application shell. */
export interface SyncHost {
  /** A short message in the status line. */
  status(id: string, args?: Record<string, string | number>): void;
  /** A failed command, reported in the status line with the shell's message. */
  fail(error: unknown): void;
  uiLang(): string;
}

/** The state shown next to the Sync button. */
export type SyncState = "unknown" | "off" | "never" | "running" | "ok" | "error";

export function stateOf(status: SyncStatus | null): SyncState {
  if (!status) return "unknown";
  if (!status.folder) return "off";
  if (status.running) return "running";
  if (status.lastError) return "error";
  return status.lastSyncAt ? "ok" : "never";
}

/** A time as short as it can be: the time alone today, else the date and time. */
export function shortWhen(value: string, lang: string, now: Date = new Date()): string {
  const at = new Date(Date.parse(value));
  if (!Number.isFinite(at.getTime())) return value;
  const today = at.toDateString() === now.toDateString();
  try {
    return new Intl.DateTimeFormat(lang, today ? { timeStyle: "short" } : { dateStyle: "short", timeStyle: "short" }).format(at);
  } catch {
    return formatWhen(value, lang);
  }
}

/** The state as words, e.g. "Last sync: 09:30". */
export function stateText(status: SyncStatus | null, lang: string): string {
  const state = stateOf(status);
  if (state === "ok" && status?.lastSyncAt) return t("sync-state-ok", { when: shortWhen(status.lastSyncAt, lang) });
  return t(`sync-state-${state}`);
}

export class SyncModel {
  private current: SyncStatus | null = null;
  private readonly listeners = new Set<() => void>();
  private requested = false;
  private lastApplied: string | null = null;

  constructor(
    readonly host: SyncHost,
    /** Where `mizan:sources-changed` is dispatched when a sync changed the library. */
    private readonly eventTarget: EventTarget,
  ) {}

  status(): SyncStatus | null {
    return this.current;
  }

  /** A sync asked for from this window is in flight. */
  busy(): boolean {
    return this.requested;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Listens to the shell's events and reads the status once; resolves to the unsubscribe function. */
  async start(): Promise<() => void> {
    const off = await on("sync-status", (status) => this.set(status));
    await this.refresh();
    return off;
  }

  async refresh(): Promise<void> {
    try {
      this.set(await call("sync_status"));
    } catch {
      // The toolbar says "status unavailable"; commands report their own errors.
      this.set(null);
    }
  }

  set(status: SyncStatus | null): void {
    this.current = status;
    const report = status?.lastReport ?? null;
    if (report && report.applied > 0 && report.finishedAt !== this.lastApplied) {
      this.lastApplied = report.finishedAt;
      // Other laptops' changes arrived: source cards and the audit must follow.
      notifySourcesChanged(this.eventTarget, null);
    }
    for (const fn of [...this.listeners]) fn();
  }

  /** Syncs now; null when it failed (already reported in the status line). */
  async syncNow(): Promise<SyncReport | null> {
    if (this.requested) return null;
    this.requested = true;
    this.set(this.current ? { ...this.current, running: true } : this.current);
    try {
      const report = await call("sync_now");
      this.host.status("sync-done", { sent: report.sent, received: report.received });
      return report;
    } catch (e) {
      this.host.fail(e);
      return null;
    } finally {
      this.requested = false;
      await this.refresh();
    }
  }

  /** Asks the shell for a folder dialog; true when a folder was chosen. */
  async chooseFolder(): Promise<boolean> {
    try {
      const status = await call("sync_choose_folder");
      if (!status) return false;
      this.set(status);
      return true;
    } catch (e) {
      this.host.fail(e);
      return false;
    }
  }

  async forgetFolder(): Promise<void> {
    try {
      this.set(await call("sync_forget_folder"));
      this.host.status("sync-forgotten");
    } catch (e) {
      this.host.fail(e);
    }
  }

  /** After a conflict was flipped: the library changed here. */
  libraryChanged(): void {
    notifySourcesChanged(this.eventTarget, null);
    void this.refresh();
  }
}
