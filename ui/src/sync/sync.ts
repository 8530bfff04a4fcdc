// The Sync control of the toolbar: a Sync button whose description is the sync state
// ("Synced 09:30", "Syncing…", "Sync failed"), a button to the conflicts when some are
// open, and one to the shared-folder dialog. Without a folder, Sync opens that dialog.

import "./sync.css";
import { clear, h } from "../dom";
import { onLangChange, t } from "../i18n";
import { openConflictsDialog } from "./conflicts";
import { openSyncDialog } from "./dialog";
import { stateOf, stateText, SyncModel, type SyncHost } from "./model";
import { ta, tx } from "../cite/l10n";

let counter = 0;

/** Builds the control in `host`; returns a function that takes it down (listeners included). */
export function mountSync(host: HTMLElement, app: SyncHost): () => void {
  clear(host);
  const model = new SyncModel(app, host);
  const stateId = `sync-state-${++counter}`;

  const button = tx("button", "sync-button", undefined, {
    type: "button",
    class: "tb-btn sync-button",
    "data-testid": "sync-now",
    "aria-describedby": stateId,
    ...ta({ title: "sync-button-hint" }),
  });
  const state = h("span", { id: stateId, class: "sync-state", "data-testid": "sync-state", "aria-live": "polite" });
  const conflicts = h("button", { type: "button", class: "tb-btn sync-conflicts-badge", "data-testid": "sync-conflicts", hidden: true });
  const settings = tx("button", "sync-settings", undefined, { type: "button", class: "tb-btn", "data-testid": "sync-settings" });
  const group = h("div", { class: "sync-control", role: "group", ...ta({ "aria-label": "sync-region-label" }) }, button, state, conflicts, settings);
  host.appendChild(group);

  const render = (): void => {
    const status = model.status();
    const current = stateOf(status);
    group.dataset.state = current;
    state.dataset.state = current;
    state.dataset.lastSync = status?.lastSyncAt ?? "";
    state.textContent = stateText(status, app.uiLang());
    state.title = status?.folder ?? "";
    button.setAttribute("aria-busy", current === "running" ? "true" : "false");
    const open = status?.openConflicts ?? 0;
    conflicts.hidden = open === 0;
    conflicts.textContent = t("sync-conflicts-button", { count: open });
  };

  button.addEventListener("click", () => {
    if (model.status()?.folder) void model.syncNow();
    else openSyncDialog(model);
  });
  conflicts.addEventListener("click", () => void openConflictsDialog(model));
  settings.addEventListener("click", () => openSyncDialog(model));

  const offs: Array<() => void> = [model.subscribe(render), onLangChange(render)];
  let stopped = false;
  void model
    .start()
    .then((off) => {
      if (stopped) off();
      else offs.push(off);
    })
    .catch(() => model.set(null));
  render();
  return () => {
    stopped = true;
    for (const off of offs.splice(0)) off();
  };
}
