// The shared-folder dialog: which folder the library syncs with (chosen in the system's
// folder dialog, never typed), how the last sync went (counts, refused files, the error),
// Sync now, Stop syncing, and the way to the conflicts. It follows the model live, so a
// periodic sync that ends while it is open shows up in it.

import { openDialog } from "../dialog";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { formatWhen } from "../briefs/recovery";
import type { SyncReport, SyncStatus } from "../ipc/bindings";
import { openConflictsDialog } from "./conflicts";
import { stateOf, stateText, type SyncModel } from "./model";

function summary(report: SyncReport): HTMLElement {
  const item = (id: string, count: number, testid: string): HTMLElement =>
    h("li", { "data-testid": testid, "data-count": String(count) }, t(id, { count }));
  return h(
    "ul",
    { class: "sync-summary", "data-testid": "sync-summary" },
    item("sync-summary-sent", report.sent, "sync-sent"),
    item("sync-summary-received", report.received, "sync-received"),
    item("sync-summary-applied", report.applied, "sync-applied"),
    item("sync-summary-conflicts", report.conflicts, "sync-new-conflicts"),
    report.waiting > 0 ? item("sync-summary-waiting", report.waiting, "sync-waiting") : null,
  );
}

function refusedList(report: SyncReport): HTMLElement | null {
  if (report.refused.length === 0) return null;
  return h(
    "section",
    { class: "sync-refused", "data-testid": "sync-refused" },
    h("h3", { class: "sync-subtitle" }, t("sync-refused-title")),
    h("p", { class: "field-hint" }, t("sync-refused-hint")),
    h(
      "ul",
      null,
      ...report.refused.map((r) =>
        h(
          "li",
          { "data-testid": "sync-refused-file", title: r.path },
          h("code", { class: "sync-path", dir: "ltr" }, r.name),
          h("span", { class: "sync-reason", dir: "auto" }, r.reason),
        ),
      ),
    ),
  );
}

function errorBlock(status: SyncStatus): HTMLElement | null {
  const error = status.lastError;
  if (!error) return null;
  return h(
    "div",
    { class: "sync-error", role: "alert", "data-testid": "sync-error", "data-code": error.code },
    h("strong", null, t("sync-error-title")),
    " ",
    h("span", null, t(`ui-error-${error.code.replace(/_/gu, "-")}`)),
    h("p", { class: "sync-reason", dir: "auto" }, error.message),
  );
}

/** Opens the dialog. */
export function openSyncDialog(model: SyncModel): void {
  const lang = model.host.uiLang();
  const folderView = h("div", { class: "sync-folder", "data-testid": "sync-folder" });
  const lastView = h("div", { class: "sync-last", "aria-live": "polite" });
  const choose = h("button", { type: "button", class: "btn", "data-testid": "sync-choose-folder" });
  const forget = h("button", { type: "button", class: "btn btn-quiet", "data-testid": "sync-forget-folder" }, t("sync-forget-folder"));
  const conflicts = h("button", { type: "button", class: "btn", "data-testid": "sync-open-conflicts" });
  const body = h(
    "div",
    { class: "sync-dialog" },
    h("p", { class: "sync-intro" }, t("sync-intro")),
    h("h3", { class: "sync-subtitle" }, t("sync-folder-label")),
    folderView,
    h("div", { class: "sync-folder-actions" }, choose, forget),
    h("p", { class: "field-hint" }, t("sync-periodic-note")),
    h("h3", { class: "sync-subtitle" }, t("sync-last-label")),
    lastView,
    h("div", { class: "sync-folder-actions" }, conflicts),
  );

  const render = (): void => {
    const status = model.status();
    const folder = status?.folder ?? null;
    clear(folderView);
    folderView.appendChild(folder ? h("code", { class: "sync-path", dir: "ltr" }, folder) : h("p", { class: "muted" }, t("sync-folder-none")));
    choose.textContent = t(folder ? "sync-change-folder" : "sync-choose-folder");
    forget.hidden = !folder;
    clear(lastView);
    const state = stateOf(status);
    lastView.appendChild(h("p", { class: "sync-state", "data-testid": "sync-dialog-state", "data-state": state }, stateText(status, lang)));
    if (status) {
      const report = status.lastReport;
      if (report) {
        // The state line gives the time of a sync that went well; after a failure, say when the report is from.
        if (state !== "ok") lastView.appendChild(h("p", { class: "muted" }, t("sync-report-when", { when: formatWhen(report.finishedAt, lang) })));
        lastView.appendChild(summary(report));
        const refused = refusedList(report);
        if (refused) lastView.appendChild(refused);
      }
      const error = errorBlock(status);
      if (error) lastView.appendChild(error);
    }
    const open = status?.openConflicts ?? 0;
    conflicts.textContent = t("sync-open-conflicts", { count: open });
    conflicts.disabled = false;
  };

  choose.addEventListener("click", async () => {
    choose.disabled = true;
    try {
      // A folder just chosen is synced right away: the report says whether it works.
      if (await model.chooseFolder()) await model.syncNow();
    } finally {
      choose.disabled = false;
    }
  });
  forget.addEventListener("click", () => void model.forgetFolder());
  conflicts.addEventListener("click", () => {
    handle.close();
    void openConflictsDialog(model);
  });

  const off = model.subscribe(render);
  render();
  const handle = openDialog({
    titleId: "sync-dialog-title",
    testid: "sync-dialog",
    body,
    onClose: off,
    actions: [
      {
        labelId: "sync-now",
        primary: true,
        testid: "sync-dialog-now",
        onClick: async () => {
          if (!model.status()?.folder) {
            if (!(await model.chooseFolder())) return false;
          }
          await model.syncNow();
          return false;
        },
      },
      { labelId: "sync-close", testid: "sync-dialog-close", onClick: () => undefined },
    ],
  });
}
