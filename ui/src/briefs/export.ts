// The PDF export dialog: style, paper, draft (checked when the audit has errors), progress
// from the shell's `export-progress` events, then the result (pages, warnings) or why not.

import type { AppContext } from "../app/context";
import { errorText } from "../app/context";
import { openDialog } from "../dialog";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { call, on } from "../ipc/api";
import type { ExportProgress, Paper } from "../ipc/bindings";

const STAGES: ExportProgress["stage"][] = ["analyse", "compose", "write", "done"];
const STYLE_NAMES = new Set(["default", "endnotes"]);

export async function exportDialog(app: AppContext): Promise<void> {
  await app.analysis.settled();
  const analysis = app.analysis.current();
  const errors = analysis ? analysis.diagnostics.filter((d) => d.severity === "error").length : 0;
  const styles = app.state().styles.length > 0 ? app.state().styles : ["default"];

  const style = h("select", { name: "style", id: "export-style" });
  for (const s of styles) style.appendChild(h("option", { value: s }, STYLE_NAMES.has(s) ? t(`ui-style-${s}`) : s));
  const paper = h("select", { name: "paper", id: "export-paper" });
  for (const p of ["a4", "letter"] as const) paper.appendChild(h("option", { value: p }, t(`ui-paper-${p}`)));
  paper.value = app.uiLang() === "en" && navigator.language.toLowerCase().endsWith("-us") ? "letter" : "a4";
  const draft = h("input", { type: "checkbox", name: "draft", id: "export-draft" });
  draft.checked = errors > 0;
  const progress = h("progress", { class: "export-progress", max: String(STAGES.length), value: "0", hidden: true, "aria-labelledby": "export-stage" });
  const stage = h("p", { id: "export-stage", class: "export-stage", "aria-live": "polite" });
  const outcome = h("div", { class: "export-outcome", "data-testid": "export-outcome" });

  const form = h(
    "form",
    { class: "form-grid" },
    h("label", { for: "export-style" }, t("ui-export-style")),
    style,
    h("label", { for: "export-paper" }, t("ui-export-paper")),
    paper,
    h("span", null),
    h("label", { class: "check" }, draft, h("span", null, t("ui-export-draft"))),
    errors > 0 ? h("p", { class: "export-note form-wide" }, t("ui-export-has-errors", { count: errors })) : null,
  );
  const body = h("div", { class: "export" }, form, stage, progress, outcome);

  let running = false;
  let unlisten: (() => void) | null = null;
  const stopListening = (): void => {
    unlisten?.();
    unlisten = null;
  };

  openDialog({
    titleId: "ui-export-title",
    testid: "export-dialog",
    body,
    onClose: stopListening,
    actions: [
      { labelId: "ui-close", onClick: () => undefined },
      {
        labelId: "ui-export-confirm",
        primary: true,
        testid: "export-confirm",
        onClick: async () => {
          if (running) return false;
          running = true;
          clear(outcome);
          progress.hidden = false;
          progress.value = 0;
          stage.textContent = t("ui-export-stage-start");
          try {
            unlisten = await on("export-progress", (p) => {
              const i = STAGES.indexOf(p.stage);
              if (i >= 0) {
                progress.value = i + 1;
                stage.textContent = t(`ui-export-stage-${p.stage}`);
              }
            });
          } catch {
            // Without progress events the export still runs.
          }
          try {
            const result = await call("export_pdf", {
              text: app.editor.text(),
              path: app.doc().path,
              style: style.value,
              paper: paper.value as Paper,
              draft: draft.checked,
              open: true,
            });
            if (!result) {
              stage.textContent = t("ui-export-cancelled");
              progress.hidden = true;
              return false;
            }
            progress.value = STAGES.length;
            stage.textContent = t("ui-export-stage-done");
            const warnings = h("ul", { class: "export-warnings" });
            for (const w of result.warnings) {
              warnings.appendChild(
                h(
                  "li",
                  { "data-code": w.code },
                  w.line !== null ? h("span", { class: "audit-line" }, t("ui-audit-line", { line: w.line, column: 1 })) : null,
                  h("span", { dir: "auto" }, w.message),
                ),
              );
            }
            outcome.appendChild(
              h(
                "div",
                { class: "export-result", "data-testid": "export-result", "data-path": result.path, role: "status" },
                h("p", null, t("ui-export-done", { pages: result.pages, kb: Math.max(1, Math.round(result.bytes / 1024)) })),
                h("p", { class: "export-path", dir: "ltr" }, result.path),
                result.warnings.length > 0 ? h("p", null, t("ui-export-warnings", { count: result.warnings.length })) : null,
                result.warnings.length > 0 ? warnings : null,
              ),
            );
            app.status("ui-status-exported", { path: result.path });
          } catch (e) {
            progress.hidden = true;
            const { code, message } = errorText(e);
            stage.textContent = "";
            const box = h("div", { class: "export-error", role: "alert", "data-testid": "export-error", "data-code": code });
            if (code === "audit_errors") {
              // The shell refuses a final PDF of a brief whose audit has errors: offer the draft.
              box.append(h("p", null, t("ui-export-audit-errors")), h("p", { class: "muted", dir: "auto" }, message));
              draft.checked = true;
            } else {
              box.append(h("p", null, t("ui-export-failed")), h("p", { class: "muted", dir: "auto" }, message));
            }
            outcome.appendChild(box);
          } finally {
            running = false;
            stopListening();
          }
          return false;
        },
      },
    ],
  });
}
