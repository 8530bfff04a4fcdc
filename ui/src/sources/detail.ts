// The detail view of one source in the panel: its card, every other field, the grading
// (who graded it, when), its excerpts with a form to add one, and the claims of briefs that
// cite it. All of it as text. The actions are the panel's (it owns refresh and dialogs).

import { h } from "../dom";
import { currentLang, t } from "../i18n";
import type { CitingClaim, Grade, SourceDetail } from "../ipc/bindings";
import { GRADES, isGrade, sourceCard } from "../cite/card";
import { field, setFieldError, ta, tx } from "../cite/l10n";

export type DetailActions = {
  cite(detail: SourceDetail): void;
  edit(detail: SourceDetail): void;
  remove(detail: SourceDetail): void;
  grade(detail: SourceDetail, reliability: Grade): Promise<void>;
  addExcerpt(detail: SourceDetail, text: string, locator: string | null): Promise<void>;
  openUrl(url: string): void;
};

/** A timestamp from the shell (RFC 3339 or milliseconds) in the interface language; as written if unreadable. */
export function formatWhen(value: string): string {
  const ms = /^\d+$/u.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) return value;
  try {
    return new Intl.DateTimeFormat(currentLang(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(ms));
  } catch {
    return value;
  }
}

/** Only web addresses get an "open" button (the shell still confirms before opening). */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/iu.test(url.trim());
}

function extra(labelId: string, value: string | null): HTMLElement | null {
  if (!value) return null;
  return h("div", { class: "src-card-row" }, tx("dt", labelId), h("dd", { dir: "auto" }, value));
}

function citedBy(claims: readonly CitingClaim[]): HTMLElement {
  const section = h("section", { class: "src-cited-by", "data-testid": "source-cited-by" }, tx("h3", "src-cited-by-title", { count: claims.length }));
  if (claims.length === 0) {
    section.appendChild(tx("p", "src-cited-by-none", undefined, { class: "muted" }));
    return section;
  }
  // One group per brief, in the order the shell gave.
  const groups = new Map<string, CitingClaim[]>();
  for (const c of claims) {
    const list = groups.get(c.briefId) ?? [];
    list.push(c);
    groups.set(c.briefId, list);
  }
  for (const list of groups.values()) {
    const first = list[0]!;
    const items = list.map((c) =>
      h(
        "li",
        { class: `src-claim src-claim-${c.kind}`, "data-testid": "citing-claim", "data-claim": c.claimId },
        h(
          "span",
          { class: "src-claim-meta" },
          tx("span", `src-claim-kind-${["fact", "judgment", "assumption"].includes(c.kind) ? c.kind : "other"}`, undefined, { class: "src-claim-kind" }),
          tx("span", "src-claim-line", { line: c.line }),
          c.locator ? h("span", { class: "src-claim-locator", dir: "auto" }, c.locator) : null,
          c.credibility !== null ? tx("span", "src-claim-credibility", { value: c.credibility, meaning: t(`credibility-${c.credibility}`) }) : null,
        ),
        h("span", { class: "src-claim-text", dir: "auto" }, c.text),
      ),
    );
    section.appendChild(
      h(
        "div",
        { class: "src-brief", "data-testid": "citing-brief", "data-brief": first.briefId },
        h("h4", { class: "src-brief-title", dir: "auto" }, first.briefTitle || first.briefPath || first.briefId),
        first.briefPath ? h("p", { class: "src-brief-path", dir: "ltr" }, first.briefPath) : null,
        h("ul", { class: "src-claims" }, ...items),
      ),
    );
  }
  return section;
}

export function renderDetail(detail: SourceDetail, actions: DetailActions): HTMLElement {
  const gradeSelect = h("select", { name: "grade-set" });
  for (const g of GRADES) gradeSelect.appendChild(tx("option", "src-grade-option", { grade: g, meaning: t(`reliability-${g.toLowerCase()}`) }, { value: g }));
  gradeSelect.value = isGrade(detail.grade) ? detail.grade : "F";
  const gradeButton = tx("button", "src-grade-apply", undefined, { type: "button", class: "btn", "data-testid": "source-grade" });
  const gradeStatus = h("p", { class: "src-grade-status", "data-testid": "source-grade-status", "aria-live": "polite" });
  if (detail.grading) {
    gradeStatus.appendChild(tx("span", "src-graded-by", { grade: detail.grading.reliability, who: detail.grading.gradedBy, when: formatWhen(detail.grading.gradedAt) }));
  } else {
    gradeStatus.appendChild(tx("span", "src-grade-none"));
  }
  gradeButton.addEventListener("click", async () => {
    const grade = gradeSelect.value;
    if (!isGrade(grade)) return;
    gradeButton.disabled = true;
    try {
      await actions.grade(detail, grade);
    } finally {
      gradeButton.disabled = false;
    }
  });

  const excerptText = h("textarea", { name: "excerpt-text", rows: 3, dir: "auto" });
  const excerptLocator = h("input", { type: "text", name: "excerpt-locator", dir: "auto", autocomplete: "off" });
  const excerptForm = h(
    "form",
    { class: "src-excerpt-form", "data-testid": "excerpt-form", novalidate: true },
    field("excerpt-text", "src-excerpt-text", excerptText),
    field("excerpt-locator", "src-excerpt-locator", excerptLocator, "src-hint-excerpt-locator"),
    tx("button", "src-excerpt-add", undefined, { type: "submit", class: "btn", "data-testid": "source-add-excerpt" }),
  );
  excerptForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = excerptText.value.trim();
    setFieldError(excerptForm, "excerpt-text", null);
    if (text === "") {
      setFieldError(excerptForm, "excerpt-text", t("src-error-excerpt-empty"));
      excerptText.focus();
      return;
    }
    const submit = excerptForm.querySelector("button");
    if (submit) submit.disabled = true;
    try {
      await actions.addExcerpt(detail, text, excerptLocator.value.trim() || null);
    } catch (error) {
      setFieldError(excerptForm, "excerpt-text", error instanceof Error ? error.message : String(error));
    } finally {
      if (submit) submit.disabled = false;
    }
  });

  const excerpts = h(
    "ol",
    { class: "src-excerpts", "data-testid": "source-excerpts" },
    ...detail.excerpts.map((e) =>
      h("li", { class: "src-excerpt", "data-excerpt": e.id }, h("blockquote", { dir: "auto" }, e.text), e.locator ? h("p", { class: "src-excerpt-locator", dir: "auto" }, e.locator) : null),
    ),
  );

  const url = detail.url;
  return h(
    "div",
    { class: "src-detail-inner", "data-key": detail.key },
    sourceCard(detail),
    h(
      "div",
      { class: "src-detail-actions", role: "group", ...ta({ "aria-label": "src-detail-actions" }) },
      tx("button", "src-cite", undefined, { type: "button", class: "btn btn-primary", "data-testid": "source-cite", onClick: () => actions.cite(detail) }),
      tx("button", "src-edit", undefined, { type: "button", class: "btn", "data-testid": "source-edit", onClick: () => actions.edit(detail) }),
      url && isWebUrl(url) ? tx("button", "src-open-url", undefined, { type: "button", class: "btn", "data-testid": "source-open-url", onClick: () => actions.openUrl(url) }) : null,
      tx("button", "src-delete", undefined, { type: "button", class: "btn btn-danger", "data-testid": "source-delete", onClick: () => actions.remove(detail) }),
    ),
    h(
      "section",
      { class: "src-grade" },
      tx("h3", "src-grade-title"),
      gradeStatus,
      h("div", { class: "src-grade-set" }, field("grade-set", "src-grade-choose", gradeSelect), gradeButton),
    ),
    h(
      "dl",
      { class: "src-card-fields src-detail-fields" },
      extra("src-field-publisher", detail.publisher),
      extra("src-field-pages", detail.pages),
      extra("src-field-doi", detail.doi),
      extra("src-field-language", detail.language),
      extra("src-field-accessed", detail.accessed),
      extra("src-field-tags", detail.tags.join(", ") || null),
    ),
    detail.notes ? h("section", { class: "src-notes" }, tx("h3", "src-field-notes"), h("p", { class: "src-notes-text", dir: "auto" }, detail.notes)) : null,
    h("p", { class: "src-history muted" }, tx("span", "src-created", { who: detail.createdBy, when: formatWhen(detail.createdAt) }), " ", tx("span", "src-modified", { who: detail.modifiedBy, when: formatWhen(detail.modifiedAt) })),
    h("section", { class: "src-excerpts-section" }, tx("h3", "src-excerpts-title", { count: detail.excerpts.length }), excerpts, excerptForm),
    citedBy(detail.citedBy),
  );
}
