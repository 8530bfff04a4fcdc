// The audit panel (one row per diagnostic, click to jump) and the stats summary line.

import { clear, h } from "../dom";
import { t } from "../i18n";
import type { Diagnostic, Stats } from "../ipc/bindings";

export type AuditHooks = { onJump(d: Diagnostic): void };

const ORDER = { error: 0, warning: 1, info: 2 } as const;

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

  /** Shows the diagnostics of the latest analysis, errors first, then by position. */
  show(diagnostics: readonly Diagnostic[], stats: Stats | null): void {
    this.diagnostics = [...diagnostics].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.from - b.from);
    this.lastStats = stats;
    this.render();
  }

  /** Re-renders in the current UI language. */
  render(): void {
    clear(this.list);
    const n = { error: 0, warning: 0, info: 0 };
    for (const d of this.diagnostics) n[d.severity]++;
    this.counts.textContent = t("ui-audit-counts", { errors: n.error, warnings: n.warning, notes: n.info });
    if (this.diagnostics.length === 0) {
      this.list.appendChild(h("li", { class: "audit-empty" }, t("ui-audit-empty")));
    }
    for (const d of this.diagnostics) {
      const btn = h(
        "button",
        { type: "button", class: "audit-row", title: t("ui-audit-jump") },
        h("span", { class: `sev sev-${d.severity}` }, t(`severity-${d.severity}`)),
        h("span", { class: "audit-line" }, t("ui-audit-line", { line: d.line, column: d.column })),
        h("span", { class: "audit-msg", dir: "auto" }, d.message),
      );
      btn.addEventListener("click", () => this.hooks.onJump(d));
      this.list.appendChild(h("li", { "data-testid": "diagnostic", "data-code": d.code, "data-line": String(d.line), "data-severity": d.severity }, btn));
    }
    this.renderStats();
  }

  private renderStats(): void {
    const s = this.lastStats;
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
