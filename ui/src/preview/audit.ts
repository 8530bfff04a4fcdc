// The audit panel (one row per diagnostic, click to jump) and the stats summary line.

import { clear, h } from "../dom";
import { t } from "../i18n";
import type { Diagnostic, Stats } from "../ipc/bindings";

export type AuditHooks = { onJump(d: Diagnostic): void };

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Same row on screen: everything a row shows (not the offsets, which it does not). */
function sameRow(a: Diagnostic, b: Diagnostic): boolean {
  return a.severity === b.severity && a.code === b.code && a.line === b.line && a.column === b.column && a.message === b.message;
}

export class AuditPanel {
  private readonly list: HTMLElement;
  private readonly counts: HTMLElement;
  private readonly stats: HTMLElement;
  private readonly hooks: AuditHooks;
  private diagnostics: Diagnostic[] = [];
  private lastStats: Stats | null = null;

  constructor(panel: HTMLElement, stats: HTMLElement, hooks: AuditHooks) {
    this.hooks = hooks;
    this.stats = stats;
    this.list = panel.querySelector<HTMLElement>("[data-testid=audit-list]") ?? panel.appendChild(h("ul", { class: "audit-list" }));
    this.counts = panel.querySelector<HTMLElement>("[data-testid=audit-counts]") ?? panel.appendChild(h("span"));
    const toggle = panel.querySelector<HTMLButtonElement>("[data-testid=audit-toggle]");
    toggle?.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "false";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      this.list.hidden = open;
    });
  }

  /**
   * Shows the diagnostics of the latest analysis, errors first, then by position. The rows
   * are rebuilt only when what they show changed: most keystrokes only move the offsets,
   * which the rows do not show (a jump reads the latest ones).
   */
  show(diagnostics: readonly Diagnostic[], stats: Stats | null): void {
    const next = [...diagnostics].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.from - b.from);
    const sameRows = next.length === this.diagnostics.length && next.every((d, i) => sameRow(d, this.diagnostics[i]!));
    this.diagnostics = next;
    this.lastStats = stats;
    if (!sameRows || !this.rendered) this.render();
    else this.renderStats();
  }

  private rendered = false;
  private statsShown = "";

  /** Re-renders in the current UI language. */
  render(): void {
    this.rendered = true;
    // Unknown: the language may have changed, so the stats line is written again.
    this.statsShown = "\u0000";
    clear(this.list);
    const n = { error: 0, warning: 0, info: 0 };
    for (const d of this.diagnostics) n[d.severity]++;
    this.counts.textContent = t("ui-audit-counts", { errors: n.error, warnings: n.warning, notes: n.info });
    if (this.diagnostics.length === 0) {
      this.list.appendChild(h("li", { class: "audit-empty" }, t("ui-audit-empty")));
    }
    this.diagnostics.forEach((d, i) => {
      const btn = h(
        "button",
        { type: "button", class: "audit-row", title: t("ui-audit-jump") },
        h("span", { class: `sev sev-${d.severity}` }, t(`severity-${d.severity}`)),
        h("span", { class: "audit-line" }, t("ui-audit-line", { line: d.line, column: d.column })),
        h("span", { class: "audit-msg", dir: "auto" }, d.message),
      );
      // The row's diagnostic as of the latest analysis (its offsets may have moved since the row was built).
      btn.addEventListener("click", () => this.hooks.onJump(this.diagnostics[i] ?? d));
      this.list.appendChild(h("li", { "data-testid": "diagnostic", "data-code": d.code, "data-line": String(d.line), "data-severity": d.severity }, btn));
    });
    this.renderStats();
  }

  private renderStats(): void {
    const s = this.lastStats;
    // The stats line takes a few message formats: only when the figures changed.
    const shown = s ? JSON.stringify(s) : "";
    if (shown === this.statsShown) return;
    this.statsShown = shown;
    if (!s) {
      this.stats.textContent = "";
      return;
    }
    const parts = [
      t("ui-stats-claims", { count: s.claims.total, facts: s.claims.fact, judgments: s.claims.judgment, assumptions: s.claims.assumption }),
      s.shareSourced === null ? t("ui-stats-no-statements") : t("ui-stats-sourced", { percent: Math.round(s.shareSourced * 100), sourced: s.sourcedStatements, statements: s.statements }),
      t("ui-stats-sources", { count: s.sourcesCited }),
    ];
    this.stats.textContent = parts.join(" · ");
  }

  errorCount(): number {
    return this.diagnostics.filter((d) => d.severity === "error").length;
  }
}
