// The sources panel: search the library as you type (the shell folds Arabic and Latin
// text, so the query goes as typed), filter, open a source, and add, edit, grade, delete,
// import and export. Source data is always shown as text.

import "./sources.css";
import { openDialog } from "../dialog";
import { clear, h } from "../dom";
import { onLangChange, t } from "../i18n";
import { call, CommandError } from "../ipc/api";
import type { Grade, SearchRequest, SourceDetail } from "../ipc/bindings";
import { GRADES, SOURCE_KINDS, invalidateSource, isGrade, isSourceKind, notifySourcesChanged, rememberSource } from "../cite/card";
import { formatCitation } from "../cite/citation";
import { field, setFieldError, ta, tx } from "../cite/l10n";
import { renderDetail } from "./detail";
import { openSourceForm } from "./form";
import { LiveSearch, resultList } from "./results";
import { openExportDialog, openImportDialog } from "./transfer";

export const SEARCH_LIMIT = 200;

let panelCounter = 0;

// A root mounted again drops the language listener of its previous panel.
const unmounts = new WeakMap<HTMLElement, () => void>();

/** A year range "2020..2025", "2020..", "..2024" or "2025" (Arabic-Indic digits accepted), normalised; null if not one. */
export function normalizeYears(text: string): string | null {
  const v = text
    .trim()
    .replace(/[\u0660-\u0669]/gu, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/\s*(?:\.\.|–|—)\s*/u, "..");
  const m = /^(\d{4})?(\.\.)?(\d{4})?$/u.exec(v);
  if (!m || (m[1] === undefined && m[3] === undefined)) return null;
  if (m[2] === undefined) return m[3] === undefined ? (m[1] ?? null) : null;
  if (m[1] !== undefined && m[3] !== undefined && Number(m[1]) > Number(m[3])) return null;
  return `${m[1] ?? ""}..${m[3] ?? ""}`;
}

export type SourcesPanel = { refresh(): void; focusSearch(): void };

export function mountSourcesPanel(root: HTMLElement, ctx: { onInsertCitation(text: string): void }): SourcesPanel {
  unmounts.get(root)?.();
  clear(root);
  root.classList.add("src-panel");

  const search = h("input", { type: "search", name: "q", class: "src-search", "data-testid": "source-search", dir: "auto", autocomplete: "off", spellcheck: "false", ...ta({ placeholder: "src-search-placeholder" }) });
  const searchField = field("q", "src-search-label", search);
  searchField.classList.add("src-search-field");

  const kind = h("select", { name: "filter-kind" }, tx("option", "src-filter-any", undefined, { value: "" }), ...SOURCE_KINDS.map((k) => tx("option", `src-type-${k}`, undefined, { value: k })));
  const language = h("input", { type: "text", name: "filter-language", dir: "ltr", size: 6, autocomplete: "off", ...ta({ placeholder: "src-filter-language-placeholder" }) });
  const years = h("input", { type: "text", name: "filter-years", dir: "ltr", size: 11, autocomplete: "off", inputmode: "numeric", ...ta({ placeholder: "src-filter-years-placeholder" }) });
  const tag = h("input", { type: "text", name: "filter-tag", dir: "auto", size: 10, autocomplete: "off" });
  const gradeBoxes = GRADES.map((g) => {
    const id = `src-filter-grade-${g}`;
    return h(
      "span",
      { class: "src-grade-check" },
      h("input", { type: "checkbox", name: "filter-grade", value: g, id, ...ta({ title: `reliability-${g.toLowerCase()}` }) }),
      h("label", { for: id, class: `grade-badge grade-${g.toLowerCase()}`, ...ta({ title: `reliability-${g.toLowerCase()}` }) }, g),
    );
  });
  const grades = h("fieldset", { class: "src-filter-grades", "data-field": "filter-grade" }, tx("legend", "src-filter-grade"), ...gradeBoxes);
  const reset = tx("button", "src-filter-reset", undefined, { type: "reset", class: "btn btn-quiet", "data-testid": "source-filter-reset" });
  const filters = h(
    "form",
    { class: "src-filters", role: "search", "data-testid": "source-filters", ...ta({ "aria-label": "src-filters-label" }) },
    field("filter-kind", "src-filter-kind", kind),
    field("filter-language", "src-filter-language", language),
    grades,
    field("filter-years", "src-filter-years", years, "src-hint-years"),
    field("filter-tag", "src-filter-tag", tag),
    reset,
  );

  const toolbar = h(
    "div",
    { class: "src-toolbar", role: "toolbar", ...ta({ "aria-label": "src-toolbar-label" }) },
    tx("button", "src-add", undefined, { type: "button", class: "btn btn-primary", "data-testid": "source-add", onClick: () => void addSource() }),
    tx("button", "src-import", undefined, { type: "button", class: "btn", "data-testid": "source-import", onClick: () => openImportDialog(() => {
      afterLibraryChange();
      notifySourcesChanged(root, null);
    }) }),
    tx("button", "src-export", undefined, { type: "button", class: "btn", "data-testid": "source-export", onClick: () => openExportDialog(list.hits().map((x) => x.key)) }),
  );

  const resultsHeading = tx("h2", "src-results-title", undefined, { class: "visually-hidden", id: `src-results-heading-${++panelCounter}` });
  const status = h("p", { class: "src-status", "data-testid": "source-status", role: "status", "aria-live": "polite" });
  const list = resultList({ labelledBy: resultsHeading.id, onOpen: (hit) => void openSource(hit.key, true) });
  const detail = h("section", { class: "src-detail", "data-testid": "source-detail", tabindex: "-1", ...ta({ "aria-label": "src-detail-label" }) }, tx("p", "src-detail-empty", undefined, { class: "muted" }));

  root.append(
    h("div", { class: "src-top" }, searchField, toolbar),
    filters,
    h("div", { class: "src-body" }, h("div", { class: "src-results-pane" }, resultsHeading, status, list.element), detail),
  );

  // --- search -------------------------------------------------------------------------
  const setStatus = (id: string, args?: Record<string, string | number>, error = false): void => {
    status.replaceChildren(tx("span", id, args));
    status.classList.toggle("error", error);
  };

  const live = new LiveSearch(
    (hits) => {
      list.render(hits);
      if (hits.length === 0) setStatus("src-status-none");
      else if (hits.length >= SEARCH_LIMIT) setStatus("src-status-limit", { count: hits.length });
      else setStatus("src-status-count", { count: hits.length });
    },
    (error) => {
      status.replaceChildren(tx("span", "src-status-error"), " ", h("span", { dir: "auto" }, error instanceof Error ? error.message : String(error)));
      status.classList.add("error");
    },
  );

  /** The request the controls describe, or null (with the error shown) when a filter cannot be read. */
  const currentRequest = (): SearchRequest | null => {
    const yearsText = years.value.trim();
    let range: string | null = null;
    setFieldError(filters, "filter-years", null);
    if (yearsText !== "") {
      range = normalizeYears(yearsText);
      if (range === null) {
        setFieldError(filters, "filter-years", t("src-error-years", { value: yearsText }));
        return null;
      }
    }
    return {
      text: search.value.trim(),
      kinds: isSourceKind(kind.value) ? [kind.value] : [],
      language: language.value.trim() || null,
      grades: gradeBoxes.map((b) => b.querySelector("input")!).filter((i) => i.checked).map((i) => i.value).filter(isGrade),
      years: range,
      tag: tag.value.trim() || null,
      limit: SEARCH_LIMIT,
    };
  };

  // Typing fires `input` and leaving a field `change`: the same request is not sent twice.
  // After a change in the library the same request must run again (`force`).
  let lastSent = "";
  const searchNow = (force: boolean): void => {
    const req = currentRequest();
    if (!req) return;
    const id = JSON.stringify(req);
    if (!force && id === lastSent) return;
    lastSent = id;
    live.request(req);
  };
  const runSearch = (): void => searchNow(true);
  const onControls = (): void => searchNow(false);

  search.addEventListener("input", onControls);
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" && list.hits().length > 0) {
      ev.preventDefault();
      list.focusActive();
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      const hit = list.selected();
      if (hit) void openSource(hit.key, true);
    }
  });
  filters.addEventListener("input", onControls);
  filters.addEventListener("change", onControls);
  filters.addEventListener("submit", (ev) => ev.preventDefault());
  // `reset` fires before the controls are cleared.
  filters.addEventListener("reset", () => setTimeout(onControls, 0));

  // --- detail -------------------------------------------------------------------------
  let shownKey: string | null = null;
  let shown: SourceDetail | null = null;

  const showDetail = (d: SourceDetail): void => {
    shownKey = d.key;
    shown = d;
    detail.replaceChildren(
      renderDetail(d, {
        cite: (s) => ctx.onInsertCitation(formatCitation({ key: s.key }, "en")),
        edit: (s) => void editSource(s),
        remove: (s) => void removeSource(s),
        grade: (s, reliability) => gradeSource(s, reliability),
        addExcerpt: (s, text, locator) => addExcerpt(s, text, locator),
        openUrl: (url) => void call("open_url", { url }).catch((e: unknown) => showDetailError(e)),
      }),
    );
  };

  const showDetailError = (error: unknown): void => {
    detail.querySelector("[data-testid=source-detail-error]")?.remove();
    const message = error instanceof CommandError && error.code === "not_found" ? t("src-error-gone") : error instanceof Error ? error.message : String(error);
    detail.prepend(h("p", { class: "form-error", role: "alert", "data-testid": "source-detail-error", dir: "auto" }, message));
  };

  async function openSource(key: string, focus: boolean): Promise<void> {
    try {
      const d = await call("source_get", { key });
      rememberSource(d);
      showDetail(d);
      list.select(d.key);
      if (focus) detail.focus();
    } catch (error) {
      if (error instanceof CommandError && error.code === "not_found") {
        invalidateSource(key);
        shownKey = null;
        detail.replaceChildren(tx("p", "src-error-gone", undefined, { class: "form-error", role: "alert" }));
        runSearch();
      } else {
        showDetailError(error);
      }
    }
  }

  const afterLibraryChange = (): void => {
    invalidateSource();
    runSearch();
    if (shownKey) void openSource(shownKey, false);
  };

  async function addSource(): Promise<void> {
    const saved = await openSourceForm(null);
    if (!saved) return;
    showDetail(saved);
    runSearch();
    notifySourcesChanged(root, saved.key);
  }

  async function editSource(s: SourceDetail): Promise<void> {
    const saved = await openSourceForm(s);
    if (!saved) return;
    if (saved.key !== s.key) invalidateSource(s.key);
    showDetail(saved);
    runSearch();
    notifySourcesChanged(root, s.key);
  }

  async function gradeSource(s: SourceDetail, reliability: Grade): Promise<void> {
    try {
      const d = await call("source_grade", { key: s.key, reliability });
      rememberSource(d);
      showDetail(d);
      runSearch();
      notifySourcesChanged(root, d.key);
    } catch (error) {
      showDetailError(error);
    }
  }

  async function addExcerpt(s: SourceDetail, text: string, locator: string | null): Promise<void> {
    await call("source_add_excerpt", { key: s.key, text, locator });
    invalidateSource(s.key);
    notifySourcesChanged(root, s.key);
    await openSource(s.key, false);
  }

  async function removeSource(s: SourceDetail): Promise<void> {
    // Ask with the briefs citing it as they are now, not as when the view was drawn.
    let fresh: SourceDetail;
    try {
      fresh = await call("source_get", { key: s.key });
    } catch (error) {
      showDetailError(error);
      return;
    }
    const briefs = new Map<string, { title: string; path: string | null; claims: number }>();
    for (const c of fresh.citedBy) {
      const b = briefs.get(c.briefId) ?? { title: c.briefTitle, path: c.briefPath, claims: 0 };
      b.claims += 1;
      briefs.set(c.briefId, b);
    }
    const error = h("p", { class: "form-error", role: "alert", "data-testid": "source-delete-error", hidden: true, dir: "auto" });
    const body = h("div", { class: "src-delete-body" }, tx("p", "src-delete-question", { title: fresh.title, key: fresh.key }));
    if (briefs.size > 0) {
      body.append(
        tx("p", "src-delete-cited", { briefs: briefs.size, claims: fresh.citedBy.length }, { class: "src-warning" }),
        h(
          "ul",
          { class: "src-delete-briefs", "data-testid": "delete-citing-briefs" },
          ...[...briefs.entries()].map(([id, b]) =>
            h(
              "li",
              { "data-testid": "delete-citing-brief", "data-brief": id },
              h("span", { class: "src-brief-title", dir: "auto" }, b.title || b.path || id),
              b.path ? h("span", { class: "src-brief-path", dir: "ltr" }, b.path) : null,
              tx("span", "src-delete-claims", { count: b.claims }, { class: "muted" }),
            ),
          ),
        ),
        tx("p", "src-delete-cited-after", undefined, { class: "field-hint" }),
      );
    } else {
      body.append(tx("p", "src-delete-uncited", undefined, { class: "field-hint" }));
    }
    body.append(error);
    openDialog({
      titleId: "src-delete-title",
      body,
      testid: "source-delete-dialog",
      actions: [
        { labelId: "src-cancel", testid: "source-delete-cancel", onClick: () => {} },
        {
          labelId: "src-delete-confirm",
          primary: true,
          testid: "source-delete-confirm",
          onClick: async () => {
            try {
              await call("source_remove", { key: fresh.key });
            } catch (e) {
              error.textContent = e instanceof Error ? e.message : String(e);
              error.hidden = false;
              return false;
            }
            invalidateSource(fresh.key);
            notifySourcesChanged(root, fresh.key);
            shownKey = null;
            detail.replaceChildren(tx("p", "src-deleted", { title: fresh.title }, { class: "muted", role: "status" }));
            runSearch();
            return true;
          },
        },
      ],
    });
  }

  // Most text follows the language through data-i18n; what mixes several messages (a grade
  // with its meaning, dates in the interface's format) is drawn again.
  const stopLang = onLangChange(() => {
    if (!root.isConnected) return;
    list.render(list.hits());
    if (shown && shownKey === shown.key) showDetail(shown);
  });
  unmounts.set(root, stopLang);

  runSearch();

  return {
    refresh: () => afterLibraryChange(),
    focusSearch: () => {
      search.focus();
      search.select();
    },
  };
}
