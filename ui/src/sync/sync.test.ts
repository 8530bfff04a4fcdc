import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setLang, setPseudoLocale } from "../i18n";
import type { SyncConflict, SyncReport, SyncStatus } from "../ipc/bindings";
import { FakeShell, settle } from "../testing";
import { mountSync } from "./sync";
import { shortWhen, type SyncHost } from "./model";

const FOLDER = "/mnt/équipe/partage";

const REPORT: SyncReport = {
  folder: FOLDER,
  finishedAt: "2025-11-20T09:30:00.000Z",
  durationMs: 40,
  sent: 12,
  received: 30,
  applied: 28,
  conflicts: 1,
  refused: [{ name: "mizan-sync/dev-karim/0000000004.changes", path: `${FOLDER}/mizan-sync/dev-karim/0000000004.changes`, reason: "checksum does not match: the file was altered" }],
  waiting: 0,
};

function status(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return { folder: FOLDER, running: false, lastSyncAt: null, lastReport: null, lastError: null, openConflicts: 0, ...overrides };
}

const CONFLICTS: SyncConflict[] = [
  {
    id: 7,
    kind: "field",
    entity: "source",
    sourceKey: "rfi-blocus-bamako-2025",
    sourceTitle: "Mali : le blocus du carburant",
    field: "title",
    kept: { value: "Le blocus de Bamako", at: "2025-11-20T09:00:00.000Z", author: "Amina Diallo", device: "dev-amina" },
    lost: { value: "الحصار المفروض على باماكو", at: "2025-11-20T08:00:00.000Z", author: "Karim Benali", device: "dev-karim" },
    detectedAt: "2025-11-20T09:30:00.000Z",
    resolution: null,
    resolvedAt: null,
  },
  {
    id: 5,
    kind: "delete",
    entity: "source",
    sourceKey: "acled-sahel-2025",
    sourceTitle: "Sahel: political violence",
    field: "deleted",
    kept: { value: null, at: "2025-11-19T09:00:00.000Z", author: "Amina Diallo", device: "dev-amina" },
    lost: { value: null, at: "2025-11-19T08:00:00.000Z", author: "Karim Benali", device: "dev-karim" },
    detectedAt: "2025-11-19T09:30:00.000Z",
    resolution: null,
    resolvedAt: null,
  },
];

let shell: FakeShell;
let host: HTMLElement;
let unmount: (() => void) | null = null;
let statusMessages: string[];
let failures: unknown[];
let current: SyncStatus;

const app: SyncHost = {
  status: (id) => statusMessages.push(id),
  fail: (e) => failures.push(e),
  uiLang: () => "en",
};

const q = <T extends HTMLElement = HTMLElement>(sel: string, root: ParentNode = document): T | null => root.querySelector<T>(sel);
const need = <T extends HTMLElement = HTMLElement>(sel: string, root: ParentNode = document): T => {
  const el = q<T>(sel, root);
  if (!el) throw new Error(`no ${sel}`);
  return el;
};

async function mount(initial: SyncStatus): Promise<void> {
  current = initial;
  unmount = mountSync(host, app);
  await settle();
}

beforeEach(() => {
  setLang("en");
  document.body.innerHTML = `<header><div data-testid="sync-host"></div></header>`;
  host = need("[data-testid=sync-host]");
  statusMessages = [];
  failures = [];
  current = status();
  shell = new FakeShell().handle("sync_status", () => current).install();
});

afterEach(() => {
  unmount?.();
  unmount = null;
  shell.uninstall();
  setPseudoLocale(null);
  for (const d of Array.from(document.querySelectorAll("dialog"))) d.remove();
});

describe("the toolbar control", () => {
  it("shows the state as the Sync button's description, reachable from the keyboard", async () => {
    await mount(status({ folder: null }));
    const button = need<HTMLButtonElement>("[data-testid=sync-now]");
    expect(button.tagName).toBe("BUTTON");
    expect(button.textContent).toBe("Sync");
    const state = need(`#${button.getAttribute("aria-describedby")}`);
    expect(state.textContent).toBe("Sync not set up");
    expect(state.getAttribute("aria-live")).toBe("polite");
    expect(need("[data-testid=sync-conflicts]").hidden).toBe(true);
  });

  it("follows sync-status events: running, then synced with the time, and the conflicts count", async () => {
    await mount(status());
    const state = need("[data-testid=sync-state]");
    expect(state.dataset.state).toBe("never");
    expect(state.textContent).toBe("Not synced yet");
    shell.emit("sync-status", status({ running: true }));
    expect(state.dataset.state).toBe("running");
    expect(need("[data-testid=sync-now]").getAttribute("aria-busy")).toBe("true");
    shell.emit("sync-status", status({ lastSyncAt: REPORT.finishedAt, lastReport: REPORT, openConflicts: 2 }));
    expect(state.dataset.state).toBe("ok");
    expect(state.textContent).toMatch(/^Last sync: .*\b25\b/u);
    const conflicts = need("[data-testid=sync-conflicts]");
    expect(conflicts.hidden).toBe(false);
    expect(conflicts.textContent).toBe("2 conflicts");
  });

  it("tells the app once when other laptops' changes arrived", async () => {
    await mount(status());
    let changed = 0;
    document.addEventListener("mizan:sources-changed", () => changed++);
    const synced = status({ lastSyncAt: REPORT.finishedAt, lastReport: REPORT });
    shell.emit("sync-status", synced);
    shell.emit("sync-status", synced);
    expect(changed).toBe(1);
    shell.emit("sync-status", status({ lastSyncAt: "2025-11-20T09:35:00.000Z", lastReport: { ...REPORT, applied: 0, finishedAt: "2025-11-20T09:35:00.000Z" } }));
    expect(changed).toBe(1);
  });

  it("syncs on click when a folder is set, and reports the outcome", async () => {
    await mount(status());
    shell.handle("sync_now", () => {
      current = status({ lastSyncAt: REPORT.finishedAt, lastReport: REPORT });
      return REPORT;
    });
    need("[data-testid=sync-now]").click();
    await settle();
    expect(shell.callsTo("sync_now")).toHaveLength(1);
    expect(statusMessages).toEqual(["sync-done"]);
    expect(need("[data-testid=sync-state]").dataset.state).toBe("ok");
  });

  it("shows a failed sync with its code and the shell's message", async () => {
    await mount(status());
    const error = { code: "sync_folder" as const, message: `${FOLDER}: no such folder (create it, or mount the share)`, field: "folder" };
    shell.handle("sync_now", () => {
      current = status({ lastError: error });
      throw error;
    });
    need("[data-testid=sync-now]").click();
    await settle();
    expect(failures).toHaveLength(1);
    expect(need("[data-testid=sync-state]").dataset.state).toBe("error");
    expect(need("[data-testid=sync-state]").textContent).toBe("Sync failed");
    need("[data-testid=sync-settings]").click();
    const block = need("[data-testid=sync-dialog] [data-testid=sync-error]");
    expect(block.dataset.code).toBe("sync_folder");
    expect(block.textContent).toContain("Shared folder unusable");
    expect(block.textContent).toContain("no such folder");
  });

  it("without a folder, Sync opens the dialog; a folder chosen there is synced at once", async () => {
    await mount(status({ folder: null }));
    shell
      .handle("sync_choose_folder", () => {
        current = status();
        return current;
      })
      .handle("sync_now", () => {
        current = status({ lastSyncAt: REPORT.finishedAt, lastReport: REPORT });
        return REPORT;
      });
    need("[data-testid=sync-now]").click();
    const dialog = need("[data-testid=sync-dialog]");
    expect(need("[data-testid=sync-folder]", dialog).textContent).toBe("No shared folder chosen yet.");
    expect(need("[data-testid=sync-forget-folder]", dialog).hidden).toBe(true);
    need("[data-testid=sync-choose-folder]", dialog).click();
    await settle();
    expect(shell.callsTo("sync_choose_folder")).toHaveLength(1);
    expect(shell.callsTo("sync_now")).toHaveLength(1);
    expect(need("[data-testid=sync-folder]", dialog).textContent).toBe(FOLDER);
    expect(need("[data-testid=sync-dialog-state]", dialog).dataset.state).toBe("ok");
    expect(need("[data-testid=sync-sent]", dialog).dataset.count).toBe("12");
    expect(need("[data-testid=sync-received]", dialog).textContent).toBe("Changes received: 30");
    const refused = need("[data-testid=sync-refused-file]", dialog);
    expect(refused.textContent).toContain("mizan-sync/dev-karim/0000000004.changes");
    expect(refused.textContent).toContain("checksum does not match");
    expect(refused.title).toBe(REPORT.refused[0]!.path);
  });

  it("a cancelled folder dialog syncs nothing; Stop syncing forgets the folder", async () => {
    await mount(status());
    shell.handle("sync_choose_folder", () => null).handle("sync_forget_folder", () => {
      current = status({ folder: null });
      return current;
    });
    need("[data-testid=sync-settings]").click();
    const dialog = need("[data-testid=sync-dialog]");
    need("[data-testid=sync-choose-folder]", dialog).click();
    await settle();
    expect(shell.callsTo("sync_now")).toHaveLength(0);
    need("[data-testid=sync-forget-folder]", dialog).click();
    await settle();
    expect(statusMessages).toEqual(["sync-forgotten"]);
    expect(need("[data-testid=sync-state]").dataset.state).toBe("off");
    expect(need("[data-testid=sync-folder]", dialog).textContent).toBe("No shared folder chosen yet.");
  });

  it("stops listening when unmounted", async () => {
    await mount(status());
    unmount?.();
    unmount = null;
    shell.emit("sync-status", status({ running: true }));
    expect(need("[data-testid=sync-state]").dataset.state).toBe("never");
  });
});

describe("shortWhen", () => {
  it("gives the time alone today, the date too otherwise", () => {
    const now = new Date(2025, 10, 20, 18, 0);
    // (ICU puts a narrow no-break space before AM in some versions.)
    const plain = (s: string): string => s.replace(/\s/gu, " ");
    expect(plain(shortWhen(new Date(2025, 10, 20, 9, 30).toISOString(), "en", now))).toBe("9:30 AM");
    expect(plain(shortWhen(new Date(2025, 10, 19, 9, 30).toISOString(), "en", now))).toBe("11/19/25, 9:30 AM");
    expect(shortWhen("not a date", "en", now)).toBe("not a date");
  });
});

describe("the conflicts panel", () => {
  async function openPanel(list: SyncConflict[] = CONFLICTS): Promise<HTMLElement> {
    shell.handle("sync_conflicts", ({ openOnly }) => (openOnly ? list.filter((c) => !c.resolution) : list));
    await mount(status({ openConflicts: list.length }));
    need("[data-testid=sync-conflicts]").click();
    await settle();
    return need("[data-testid=conflicts-dialog]");
  }

  it("lists each conflict: source, field, both values, who and when", async () => {
    const dialog = await openPanel();
    expect(shell.callsTo("sync_conflicts")).toEqual([{ openOnly: true }]);
    const rows = Array.from(dialog.querySelectorAll<HTMLElement>("[data-testid=conflict]"));
    expect(rows.map((r) => r.dataset.id)).toEqual(["7", "5"]);
    const first = rows[0]!;
    expect(first.textContent).toContain("Mali : le blocus du carburant");
    expect(first.textContent).toContain("rfi-blocus-bamako-2025");
    expect(need("[data-testid=conflict-field]", first).textContent).toBe("Field: Title");
    expect(need("[data-testid=conflict-kept-value]", first).textContent).toBe("Le blocus de Bamako");
    const lost = need("[data-testid=conflict-lost-value]", first);
    expect(lost.textContent).toBe("الحصار المفروض على باماكو");
    expect(lost.getAttribute("dir")).toBe("auto");
    expect(need("[data-testid=conflict-kept]", first).textContent).toContain("Amina Diallo");
    expect(need("[data-testid=conflict-lost]", first).textContent).toContain("Karim Benali");
    expect(need("[data-testid=conflict-lost]", first).textContent).toMatch(/2025/u);
    expect(need("[data-testid=conflict-flip]", first).textContent).toBe("Keep other value");
    // A deletion conflict speaks of the deletion, not of values.
    const second = rows[1]!;
    expect(need("[data-testid=conflict-kept-value]", second).textContent).toBe("Kept, with the edit");
    expect(need("[data-testid=conflict-lost-value]", second).textContent).toBe("Deleted");
    expect(need("[data-testid=conflict-flip]", second).textContent).toBe("Delete after all");
  });

  it("flips and dismisses, then says when none are left", async () => {
    const dialog = await openPanel();
    let changed = 0;
    document.addEventListener("mizan:sources-changed", () => changed++);
    shell
      .handle("sync_conflict_flip", ({ id }) => ({ ...CONFLICTS.find((c) => c.id === id)!, resolution: "flipped", resolvedAt: "2025-11-20T10:00:00.000Z" }))
      .handle("sync_conflict_dismiss", ({ id }) => ({ ...CONFLICTS.find((c) => c.id === id)!, resolution: "dismissed", resolvedAt: "2025-11-20T10:01:00.000Z" }));
    need("[data-testid=conflict][data-id='7'] [data-testid=conflict-flip]", dialog).click();
    await settle();
    expect(shell.callsTo("sync_conflict_flip")).toEqual([{ id: 7 }]);
    expect(changed).toBe(1);
    expect(q("[data-testid=conflict][data-id='7']", dialog)).toBeNull();
    need("[data-testid=conflict][data-id='5'] [data-testid=conflict-dismiss]", dialog).click();
    await settle();
    expect(shell.callsTo("sync_conflict_dismiss")).toEqual([{ id: 5 }]);
    expect(need("[data-testid=conflicts-empty]", dialog).textContent).toBe("No open conflicts.");
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it("shows why a flip failed, in the row, and keeps its buttons", async () => {
    const dialog = await openPanel();
    shell.handle("sync_conflict_flip", () => {
      throw { code: "cannot_flip", message: "conflict #7 cannot be flipped: another source now has the key `rfi`", field: "id" };
    });
    const row = need("[data-testid=conflict][data-id='7']", dialog);
    need("[data-testid=conflict-flip]", row).click();
    await settle();
    const error = need("[data-testid=conflict-error]", row);
    expect(error.hidden).toBe(false);
    expect(error.textContent).toContain("The other value cannot be restored");
    expect(error.textContent).toContain("another source now has the key");
    expect(need<HTMLButtonElement>("[data-testid=conflict-flip]", row).disabled).toBe(false);
  });

  it("shows resolved conflicts too on request", async () => {
    const resolved: SyncConflict = { ...CONFLICTS[0]!, id: 3, resolution: "dismissed", resolvedAt: "2025-11-18T10:00:00.000Z" };
    const dialog = await openPanel([...CONFLICTS, resolved]);
    expect(dialog.querySelectorAll("[data-testid=conflict]")).toHaveLength(2);
    const all = need<HTMLInputElement>("[data-testid=conflicts-show-all]", dialog);
    all.click();
    await settle();
    expect(shell.callsTo("sync_conflicts").at(-1)).toEqual({ openOnly: false });
    const row = need("[data-testid=conflict][data-id='3']", dialog);
    expect(need("[data-testid=conflict-resolution]", row).dataset.resolution).toBe("dismissed");
    expect(q("[data-testid=conflict-flip]", row)).toBeNull();
  });
});

describe("localisation", () => {
  it("mirrors and speaks Arabic", async () => {
    setLang("ar");
    await mount(status({ folder: null }));
    expect(document.documentElement.dir).toBe("rtl");
    expect(need("[data-testid=sync-now]").textContent).toBe("مزامنة");
    expect(need("[data-testid=sync-state]").textContent).toBe("المزامنة غير مُعدّة");
    setLang("fr");
    expect(need("[data-testid=sync-now]").textContent).toBe("Synchroniser");
    expect(need("[data-testid=sync-state]").textContent).toBe("Synchronisation non configurée");
  });

  it("shows only messages and data (pseudo-locale)", async () => {
    setPseudoLocale((id) => `⟦${id}⟧`);
    shell.handle("sync_conflicts", () => CONFLICTS);
    await mount(status({ lastSyncAt: REPORT.finishedAt, lastReport: REPORT, openConflicts: 2, lastError: { code: "sync_folder", message: "msg", field: null } }));
    const data = JSON.stringify({ REPORT, CONFLICTS, FOLDER });
    const leftovers = (root: ParentNode): string[] => {
      const bad: string[] = [];
      const check = (text: string): void => {
        const rest = text.replace(/⟦[a-z0-9-]+⟧/gu, " ").trim();
        for (const piece of rest.split(/\s{2,}|·/u).map((p) => p.trim()).filter((p) => /\p{L}/u.test(p))) {
          if (!data.includes(piece) && piece !== "msg" && !/2025/u.test(piece)) bad.push(piece);
        }
      };
      const walker = document.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) check(n.textContent ?? "");
      for (const el of Array.from((root as ParentNode).querySelectorAll("*"))) {
        for (const attr of ["aria-label", "title", "placeholder"]) {
          const v = el.getAttribute(attr);
          if (v) check(v);
        }
      }
      return bad;
    };
    expect(leftovers(host)).toEqual([]);
    need("[data-testid=sync-settings]").click();
    expect(leftovers(need("[data-testid=sync-dialog]"))).toEqual([]);
    need("[data-testid=sync-dialog-close]").click();
    need("[data-testid=sync-conflicts]").click();
    await settle();
    expect(leftovers(need("[data-testid=conflicts-dialog]"))).toEqual([]);
  });
});
