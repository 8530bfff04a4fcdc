// The revision history: the saved revisions of this brief, the diff of one against the
// editor's text, and restoring it (as an unsaved change the user can still undo).

import type { AppContext } from "../app/context";
import { openDialog } from "../dialog";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { call } from "../ipc/api";
import type { Revision, RevisionDiff } from "../ipc/bindings";
import { formatWhen } from "./recovery";

export async function historyDialog(app: AppContext): Promise<void> {
  await app.analysis.settled();
  const id = app.analysis.last()?.id ?? null;
  const body = h("div", { class: "history" });
  if (!id) {
    body.appendChild(h("p", { "data-testid": "history-empty" }, t("ui-history-no-id")));
    openDialog({ titleId: "ui-history-title", testid: "history-dialog", body, actions: [{ labelId: "ui-close", onClick: () => undefined }] });
    return;
  }
  let revisions: Revision[];
  try {
    revisions = await call("brief_revisions", { id });
  } catch (e) {
    app.fail(e);
    return;
  }
  const list = h("ul", { class: "history-list", role: "listbox", "aria-label": t("ui-history-list-label"), "data-testid": "history-list" });
  const diffView = h("div", { class: "diff", "data-testid": "history-diff", "aria-live": "polite" });
  let chosen: RevisionDiff | null = null;
  const restoreBtn = h("button", { type: "button", class: "btn btn-primary", "data-testid": "history-restore", disabled: true }, t("ui-history-restore"));
  if (revisions.length === 0) list.appendChild(h("li", { class: "muted" }, t("ui-history-none")));
  const rows: HTMLElement[] = [];
  const select = async (rev: Revision, row: HTMLElement): Promise<void> => {
    for (const r of rows) r.setAttribute("aria-selected", r === row ? "true" : "false");
    clear(diffView);
    diffView.appendChild(h("p", { class: "muted" }, t("ui-loading")));
    try {
      const diff = await call("brief_revision_diff", { id, number: rev.number, current: app.editor.text() });
      chosen = diff;
      renderDiff(diffView, diff);
      restoreBtn.disabled = false;
    } catch (e) {
      chosen = null;
      restoreBtn.disabled = true;
      clear(diffView);
      diffView.appendChild(h("p", { class: "error" }, t("ui-history-diff-failed")));
      app.fail(e);
    }
  };
  for (const rev of [...revisions].sort((a, b) => b.number - a.number)) {
    const row = h(
      "li",
      { role: "option", tabindex: "0", class: "history-row", "aria-selected": "false", "data-testid": "revision", "data-number": String(rev.number) },
      h("span", { class: "history-num" }, t("ui-history-revision", { number: rev.number })),
      h("span", { class: "history-when" }, formatWhen(rev.savedAt, app.uiLang())),
      h("span", { class: "history-by", dir: "auto" }, rev.savedBy),
    );
    row.addEventListener("click", () => void select(rev, row));
    row.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        void select(rev, row);
      } else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
        ev.preventDefault();
        const i = rows.indexOf(row) + (ev.key === "ArrowDown" ? 1 : -1);
        rows[i]?.focus();
      }
    });
    rows.push(row);
    list.appendChild(row);
  }
  let handle: { close(): void } | null = null;
  restoreBtn.addEventListener("click", () => {
    if (!chosen) return;
    app.editor.replaceAll(chosen.text);
    app.status("ui-status-restored");
    handle?.close();
  });
  body.append(h("div", { class: "history-layout" }, list, diffView), h("div", { class: "history-actions" }, restoreBtn));
  handle = openDialog({ titleId: "ui-history-title", testid: "history-dialog", className: "dialog-wide", body, actions: [{ labelId: "ui-close", onClick: () => undefined }] });
}

/** One line per diff line, marked +/− for sighted readers and by a hidden word for screen readers. */
export function renderDiff(root: HTMLElement, diff: RevisionDiff): void {
  clear(root);
  const pre = h("div", { class: "diff-lines", role: "list" });
  let changes = 0;
  for (const line of diff.lines) {
    if (line.op !== "equal") changes++;
    pre.appendChild(
      h(
        "div",
        { class: `diff-line diff-${line.op}`, role: "listitem", "data-op": line.op, dir: "auto" },
        line.op === "equal" ? null : h("span", { class: "visually-hidden" }, t(line.op === "insert" ? "ui-diff-inserted" : "ui-diff-deleted")),
        line.text,
      ),
    );
  }
  root.appendChild(h("p", { class: "diff-summary" }, changes === 0 ? t("ui-diff-identical") : t("ui-diff-changes", { count: changes })));
  root.appendChild(pre);
}
