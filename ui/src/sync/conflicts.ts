// The conflicts panel: every value that lost a merge, with the value the library kept,
// who wrote each and when; "Keep other value" flips the conflict (the lost value becomes
// a new edit that the next sync sends), "Dismiss" keeps the current value. Values are
// user data: always text, direction from their own first letters.

import { openDialog } from "../dialog";
import { clear, h } from "../dom";
import { hasMessage, t } from "../i18n";
import { call } from "../ipc/api";
import { errorText } from "../app/context";
import { formatWhen } from "../briefs/recovery";
import type { SyncConflict, SyncConflictSide } from "../ipc/bindings";
import type { SyncModel } from "./model";

/** The fields that travel (mizan-sync's list); each has a `sync-field-*` message. */
export const SYNC_FIELDS = [
  "key", "type", "title", "container_title", "authors", "publisher", "issued", "url", "doi", "language", "pages",
  "accessed", "notes", "tags", "grade", "deleted", "created", "modified", "source_id", "position", "text", "locator",
] as const;

export function fieldLabel(field: string): string {
  const id = `sync-field-${field.replace(/_/gu, "-")}`;
  return hasMessage(id) ? t(id) : field;
}

function valueView(conflict: SyncConflict, side: "kept" | "lost"): HTMLElement {
  const value = conflict[side].value;
  if (conflict.kind === "delete") {
    return h("p", { class: "sync-value sync-value-note", "data-testid": `conflict-${side}-value` }, t(side === "kept" ? "sync-value-live" : "sync-value-deleted"));
  }
  if (value === null || value === "") {
    return h("p", { class: "sync-value sync-value-note", "data-testid": `conflict-${side}-value` }, t("sync-value-empty"));
  }
  return h("p", { class: "sync-value", dir: "auto", "data-testid": `conflict-${side}-value` }, value);
}

function sideView(conflict: SyncConflict, side: "kept" | "lost", lang: string): HTMLElement {
  const s: SyncConflictSide = conflict[side];
  return h(
    "div",
    { class: `sync-side sync-side-${side}`, "data-testid": `conflict-${side}` },
    h("h4", { class: "sync-side-title" }, t(side === "kept" ? "sync-conflict-kept" : "sync-conflict-lost")),
    valueView(conflict, side),
    h(
      "p",
      { class: "sync-who muted", title: t("sync-conflict-device", { device: s.device }) },
      h("span", { dir: "auto" }, s.author),
      h("span", { "aria-hidden": "true" }, " · "),
      h("span", null, formatWhen(s.at, lang)),
    ),
  );
}

function resolutionText(conflict: SyncConflict, lang: string): string {
  const when = conflict.resolvedAt ? formatWhen(conflict.resolvedAt, lang) : "";
  return t(conflict.resolution === "flipped" ? "sync-resolved-flipped" : "sync-resolved-dismissed", { when });
}

/** Opens the panel. */
export async function openConflictsDialog(model: SyncModel): Promise<void> {
  const lang = model.host.uiLang();
  const showAll = h("input", { type: "checkbox", name: "show-all", id: "sync-conflicts-all", "data-testid": "conflicts-show-all" });
  const list = h("ul", { class: "sync-conflict-list", "data-testid": "conflict-list", "aria-label": t("sync-conflicts-list-label") });
  const body = h(
    "div",
    { class: "sync-conflicts" },
    h("p", { class: "sync-intro" }, t("sync-conflicts-intro")),
    h("p", { class: "sync-show-all" }, showAll, h("label", { for: "sync-conflicts-all" }, t("sync-conflicts-show-all"))),
    list,
  );

  const row = (conflict: SyncConflict): HTMLElement => {
    const title = conflict.sourceTitle
      ? h("span", { class: "sync-source-title", dir: "auto" }, conflict.sourceTitle)
      : h("span", { class: "sync-source-title muted" }, t("sync-conflict-source-unknown"));
    const key = conflict.sourceKey ? h("code", { class: "sync-key", dir: "ltr" }, conflict.sourceKey) : null;
    const heading = h(
      "h3",
      { class: "sync-conflict-heading" },
      title,
      key ? " " : null,
      key,
    );
    const what = h(
      "p",
      { class: "sync-conflict-what" },
      h("span", { class: "sync-field", "data-testid": "conflict-field", "data-field": conflict.field }, t("sync-conflict-field", { field: fieldLabel(conflict.field) })),
      h("span", { "aria-hidden": "true" }, " · "),
      h("span", { class: "muted" }, t(`sync-conflict-kind-${conflict.kind}`)),
      conflict.entity === "excerpt" ? h("span", { class: "muted" }, " · ", t("sync-conflict-excerpt")) : null,
    );
    const error = h("p", { class: "field-error", role: "alert", "data-testid": "conflict-error", hidden: true });
    const actions = h("div", { class: "sync-conflict-actions" });
    if (conflict.resolution) {
      actions.appendChild(h("p", { class: "muted", "data-testid": "conflict-resolution", "data-resolution": conflict.resolution }, resolutionText(conflict, lang)));
    } else {
      const flip = h("button", { type: "button", class: "btn btn-primary", "data-testid": "conflict-flip" }, t(conflict.kind === "delete" ? "sync-flip-delete" : "sync-flip"));
      const dismiss = h("button", { type: "button", class: "btn", "data-testid": "conflict-dismiss" }, t("sync-dismiss"));
      const act = async (command: "sync_conflict_flip" | "sync_conflict_dismiss"): Promise<void> => {
        flip.disabled = true;
        dismiss.disabled = true;
        error.hidden = true;
        try {
          const updated = await call(command, { id: conflict.id });
          if (command === "sync_conflict_flip") model.libraryChanged();
          else void model.refresh();
          const next = showAll.checked ? row(updated) : null;
          if (next) li.replaceWith(next);
          else li.remove();
          if (!list.querySelector("[data-testid=conflict]")) render([]);
          (next?.querySelector<HTMLElement>("button") ?? list.querySelector<HTMLElement>("[data-testid=conflict-flip]") ?? showAll).focus();
        } catch (e) {
          const { code, message } = errorText(e);
          error.textContent = t("ui-error-with-detail", { error: t(`ui-error-${code.replace(/_/gu, "-")}`), detail: message });
          error.hidden = false;
          flip.disabled = false;
          dismiss.disabled = false;
        }
      };
      flip.addEventListener("click", () => void act("sync_conflict_flip"));
      dismiss.addEventListener("click", () => void act("sync_conflict_dismiss"));
      actions.append(flip, dismiss);
    }
    const li = h(
      "li",
      { class: "sync-conflict", "data-testid": "conflict", "data-id": String(conflict.id), "data-kind": conflict.kind },
      heading,
      what,
      h("div", { class: "sync-sides" }, sideView(conflict, "kept", lang), sideView(conflict, "lost", lang)),
      h("p", { class: "muted sync-detected" }, t("sync-conflict-detected", { when: formatWhen(conflict.detectedAt, lang) })),
      actions,
      error,
    );
    return li;
  };

  const render = (conflicts: SyncConflict[]): void => {
    clear(list);
    if (conflicts.length === 0) {
      list.appendChild(h("li", { class: "muted", "data-testid": "conflicts-empty" }, t(showAll.checked ? "sync-conflicts-none-all" : "sync-conflicts-none")));
      return;
    }
    for (const c of conflicts) list.appendChild(row(c));
  };

  const load = async (): Promise<boolean> => {
    try {
      render(await call("sync_conflicts", { openOnly: !showAll.checked }));
      return true;
    } catch (e) {
      model.host.fail(e);
      return false;
    }
  };
  showAll.addEventListener("change", () => void load());
  if (!(await load())) return;
  openDialog({
    titleId: "sync-conflicts-title",
    testid: "conflicts-dialog",
    className: "dialog-wide",
    body,
    actions: [{ labelId: "sync-close", testid: "conflicts-close", onClick: () => undefined }],
  });
}
