// Import and export of sources. The shell opens the native file pickers inside the
// commands; the UI chooses the duplicate policy or the format, shows the progress the shell
// reports with `import-progress`, and the report afterwards (counts and duplicates).

import { openDialog } from "../dialog";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { call, on } from "../ipc/api";
import type { DuplicatePolicy, ImportSummary, SourceFormat } from "../ipc/bindings";
import { ta, tx } from "../cite/l10n";

const POLICIES: readonly DuplicatePolicy[] = ["skip", "merge", "keep-both"];
const FORMATS: readonly SourceFormat[] = ["csl-json", "bibtex", "ris"];

let counter = 0;

function radios<T extends string>(legendId: string, name: string, values: readonly T[], labelPrefix: string, hintPrefix?: string): HTMLFieldSetElement {
  const set = h("fieldset", { class: "src-choice" }, tx("legend", legendId));
  const n = ++counter;
  values.forEach((value, i) => {
    const id = `${name}-${n}-${i}`;
    const hintId = hintPrefix ? `${id}-hint` : undefined;
    set.appendChild(
      h(
        "div",
        { class: "src-choice-option" },
        h("input", { type: "radio", name, value, id, checked: i === 0, "aria-describedby": hintId }),
        tx("label", `${labelPrefix}${value}`, undefined, { for: id }),
        hintPrefix ? tx("p", `${hintPrefix}${value}`, undefined, { class: "field-hint", id: hintId }) : null,
      ),
    );
  });
  return set;
}

function chosen(root: HTMLElement, name: string): string | null {
  return root.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? null;
}

/** The report shown after an import: counts, renamed keys, and the duplicates table. */
export function importReport(summary: ImportSummary): HTMLElement {
  const counts = h(
    "dl",
    { class: "import-counts", "data-testid": "import-counts" },
    ...(["read", "added", "skipped", "merged", "renamed"] as const).map((k) =>
      h("div", { class: "import-count", "data-count": k }, tx("dt", `src-import-count-${k}`), h("dd", null, String(summary[k]))),
    ),
  );
  const report = h("section", { class: "import-report", "data-testid": "import-report", "aria-live": "polite" }, tx("h3", "src-import-done"), h("p", { class: "import-path", dir: "ltr" }, summary.path), counts);
  if (summary.duplicates.length === 0) {
    report.appendChild(tx("p", "src-import-no-duplicates", undefined, { class: "muted" }));
    return report;
  }
  const rows = summary.duplicates.map((d) =>
    h(
      "tr",
      { "data-testid": "import-duplicate", "data-outcome": d.outcome },
      h("td", { dir: "auto" }, d.incoming),
      h("td", { dir: "auto" }, d.existing),
      h("td", { dir: "auto" }, d.reason),
      tx("td", `src-import-outcome-${d.outcome}`),
    ),
  );
  report.appendChild(
    h(
      "table",
      { class: "import-duplicates", "data-testid": "import-duplicates" },
      tx("caption", "src-import-duplicates", { count: summary.duplicates.length }),
      h(
        "thead",
        null,
        h("tr", null, tx("th", "src-import-col-incoming", undefined, { scope: "col" }), tx("th", "src-import-col-existing", undefined, { scope: "col" }), tx("th", "src-import-col-reason", undefined, { scope: "col" }), tx("th", "src-import-col-outcome", undefined, { scope: "col" })),
      ),
      h("tbody", null, ...rows),
    ),
  );
  return report;
}

/** The import dialog. `onImported` runs after a successful import (to refresh the library views). */
export function openImportDialog(onImported: (summary: ImportSummary) => void): void {
  const progress = h("progress", { class: "import-progress", "data-testid": "import-progress", max: 1, ...ta({ "aria-label": "src-import-progress" }) });
  const progressText = h("p", { class: "import-progress-text", "data-testid": "import-progress-text", "aria-live": "polite" });
  const progressBox = h("div", { class: "import-progress-box", hidden: true }, progress, progressText);
  const error = h("p", { class: "form-error", role: "alert", "data-testid": "import-error", hidden: true });
  const reportSlot = h("div", { class: "import-report-slot" });
  const policy = radios("src-import-policy", "on-duplicate", POLICIES, "src-import-policy-", "src-import-policy-hint-");
  const body = h("form", { class: "import-form", "data-testid": "import-form" }, tx("p", "src-import-intro", undefined, { class: "field-hint" }), policy, progressBox, error, reportSlot);

  let running = false;
  const handle = openDialog({
    titleId: "src-import-title",
    body,
    testid: "import-dialog",
    className: "dialog-wide",
    actions: [
      { labelId: "src-close", testid: "import-close", onClick: () => (running ? false : undefined) },
      {
        labelId: "src-import-start",
        primary: true,
        testid: "import-start",
        onClick: async () => {
          if (running) return false;
          const onDuplicate = (chosen(body, "on-duplicate") ?? "skip") as DuplicatePolicy;
          running = true;
          error.hidden = true;
          clear(reportSlot);
          progress.removeAttribute("value"); // indeterminate until the shell counts entries
          progressText.textContent = "";
          progressBox.hidden = false;
          const stop = await on("import-progress", (p) => {
            const total = Math.max(p.total, 0);
            progress.max = Math.max(total, 1);
            progress.value = Math.min(p.done, progress.max);
            progressText.textContent = t("src-import-progress-count", { done: p.done, total });
          });
          try {
            const summary = await call("sources_import", { onDuplicate, format: null, skipInvalid: true });
            if (summary === null) {
              progressBox.hidden = true; // the user cancelled the file picker
              return false;
            }
            progress.max = Math.max(summary.read, 1);
            progress.value = progress.max;
            progressText.textContent = t("src-import-progress-count", { done: summary.read, total: summary.read });
            reportSlot.appendChild(importReport(summary));
            policy.disabled = true;
            handle.element.querySelector<HTMLButtonElement>("[data-testid=import-start]")?.setAttribute("hidden", "");
            onImported(summary);
          } catch (e) {
            progressBox.hidden = true;
            error.textContent = e instanceof Error ? e.message : String(e);
            error.hidden = false;
          } finally {
            stop();
            running = false;
          }
          return false;
        },
      },
    ],
  });
}

/** The export dialog: a format and what to export (everything, or the sources listed). */
export function openExportDialog(listedKeys: readonly string[]): void {
  const format = radios("src-export-format", "format", FORMATS, "src-export-format-");
  const scope = h("fieldset", { class: "src-choice" }, tx("legend", "src-export-scope"));
  const n = ++counter;
  const scopes: Array<["all" | "listed", string, Record<string, number> | undefined]> = [
    ["all", "src-export-scope-all", undefined],
    ["listed", "src-export-scope-listed", { count: listedKeys.length }],
  ];
  scopes.forEach(([value, labelId, args], i) => {
    const id = `scope-${n}-${i}`;
    scope.appendChild(
      h("div", { class: "src-choice-option" }, h("input", { type: "radio", name: "scope", value, id, checked: i === 0, disabled: value === "listed" && listedKeys.length === 0 }), tx("label", labelId, args, { for: id })),
    );
  });
  const error = h("p", { class: "form-error", role: "alert", "data-testid": "source-export-error", hidden: true });
  const result = h("p", { class: "export-result", "data-testid": "source-export-result", "aria-live": "polite", hidden: true });
  const body = h("form", { class: "export-form", "data-testid": "source-export-form" }, format, scope, error, result);
  const handle = openDialog({
    titleId: "src-export-title",
    body,
    testid: "source-export-dialog",
    actions: [
      { labelId: "src-close", testid: "source-export-close", onClick: () => {} },
      {
        labelId: "src-export-start",
        primary: true,
        testid: "source-export-confirm",
        onClick: async () => {
          error.hidden = true;
          const fmt = (chosen(body, "format") ?? "csl-json") as SourceFormat;
          const keys = chosen(body, "scope") === "listed" ? [...listedKeys] : null;
          try {
            const path = await call("sources_export", { format: fmt, keys });
            if (path === null) return false; // the user cancelled the save dialog
            clear(result);
            result.append(tx("span", "src-export-done"), " ", h("span", { class: "export-path", dir: "ltr" }, path));
            result.dataset.path = path;
            result.hidden = false;
            handle.element.querySelector<HTMLButtonElement>("[data-testid=source-export-confirm]")?.setAttribute("hidden", "");
          } catch (e) {
            error.textContent = e instanceof Error ? e.message : String(e);
            error.hidden = false;
          }
          return false;
        },
      },
    ],
  });
}
