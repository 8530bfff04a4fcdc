// "Link to source": cite the selected passage. Find the source in the library (or create
// it here), say where in it (a locator in the brief's language), which excerpt supports
// the passage (an existing one, or the selection stored as a new one), and how credible the
// information is. Resolves to the citation in the brief's syntax, or null when cancelled.

import "./cite.css";
import { openDialog } from "../dialog";
import { clear, h } from "../dom";
import { t, type Lang } from "../i18n";
import { call } from "../ipc/api";
import type { Excerpt, SourceDetail } from "../ipc/bindings";
import { LiveSearch, resultList } from "../sources/results";
import { sourceForm } from "../sources/form";
import { invalidateSource, notifySourcesChanged, rememberSource, sourceCard } from "./card";
import { LOCATOR_KINDS, excerptQuote, formatCitation, locatorLabel, locatorProblem, type LocatorKind } from "./citation";
import { clearFieldErrors, field, setFieldError, ta, tx } from "./l10n";

let counter = 0;

/** A few distinctive words of the selection to start the search with (citations and markup left out). */
export function searchSeed(selection: string, maxWords = 3): string {
  const text = selection.replace(/\[[^\]]*\]/gu, " ");
  const words = text.split(/[^\p{L}\p{N}\p{M}'’-]+/u).filter((w) => Array.from(w).length >= 4);
  return words.slice(0, maxWords).join(" ");
}

function shorten(text: string, max = 90): string {
  const chars = Array.from(text.replace(/\s+/gu, " ").trim());
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

export function openLinkToSource(opts: { selectedText: string; briefLang: Lang }): Promise<string | null> {
  const lang = opts.briefLang;
  const selection = opts.selectedText.trim();
  const n = ++counter;

  // --- choosing the source ---------------------------------------------------------------
  const search = h("input", { type: "search", name: "link-search", "data-testid": "link-search", dir: "auto", autocomplete: "off", spellcheck: "false", ...ta({ placeholder: "src-search-placeholder" }) });
  search.value = searchSeed(selection);
  const heading = tx("h3", "src-link-find", undefined, { id: `link-find-${n}` });
  const status = h("p", { class: "src-status", role: "status", "aria-live": "polite", "data-testid": "link-status" });
  const list = resultList({ labelledBy: heading.id, onOpen: (hit) => void pick(hit.key) });
  const newButton = tx("button", "src-link-new-source", undefined, { type: "button", class: "btn btn-quiet", "data-testid": "link-new-source", "aria-expanded": "false" });
  const create = sourceForm("minimal");
  const createButton = tx("button", "src-link-create", undefined, { type: "submit", class: "btn", "data-testid": "link-create-source" });
  create.element.appendChild(createButton);
  const createBox = h("section", { class: "link-create", hidden: true, id: `link-create-${n}` }, tx("h4", "src-link-new-title"), create.element);
  newButton.setAttribute("aria-controls", createBox.id);
  const chosenBox = h("div", { class: "link-chosen", "data-testid": "link-chosen", "aria-live": "polite" }, tx("p", "src-link-none-chosen", undefined, { class: "muted" }));
  const sourceError = h("p", { class: "form-error", role: "alert", "data-testid": "link-source-error", hidden: true });

  // --- locator, excerpt, credibility -----------------------------------------------------
  const locatorKind = h("select", { name: "locator-kind" }, tx("option", "src-locator-none", undefined, { value: "" }));
  for (const kind of LOCATOR_KINDS) locatorKind.appendChild(tx("option", "src-locator-option", { name: t(`src-locator-${kind}`), label: locatorLabel(kind, lang) }, { value: kind }));
  const locatorValue = h("input", { type: "text", name: "locator-value", dir: "auto", size: 8, autocomplete: "off" });

  const modeName = `excerpt-mode-${n}`;
  const modeOption = (value: "none" | "existing" | "selection", labelId: string, extra?: HTMLElement | null, disabled = false): HTMLElement => {
    const id = `${modeName}-${value}`;
    return h(
      "div",
      { class: "src-choice-option" },
      h("input", { type: "radio", name: modeName, value, id, "data-name": "excerpt-mode", checked: value === "none", disabled }),
      tx("label", labelId, undefined, { for: id }),
      extra ?? null,
    );
  };
  const excerptSelect = h("select", { name: "excerpt-id", disabled: true, ...ta({ "aria-label": "src-link-excerpt-choose" }) });
  const excerptBox = h(
    "fieldset",
    { class: "src-choice", "data-field": "excerpt-mode" },
    tx("legend", "src-link-excerpt"),
    modeOption("none", "src-link-excerpt-none"),
    modeOption("existing", "src-link-excerpt-existing", excerptSelect, true),
    modeOption("selection", "src-link-excerpt-selection", selection ? h("blockquote", { class: "link-selection", dir: "auto", "data-testid": "link-selection" }, shorten(selection, 240)) : null, selection === ""),
    h("p", { class: "field-error", "data-error-for": "excerpt-mode", role: "alert", hidden: true }),
  );

  const credibility = h("select", { name: "credibility" }, tx("option", "src-credibility-none", undefined, { value: "" }));
  for (let c = 1; c <= 6; c++) credibility.appendChild(tx("option", "src-credibility-option", { value: c, meaning: t(`credibility-${c}`) }, { value: String(c) }));

  const preview = h("output", { class: "link-preview", "data-testid": "link-preview", lang, dir: lang === "ar" ? "rtl" : "ltr" });

  const body = h(
    "div",
    { class: "link-body" },
    h("section", { class: "link-find" }, heading, field("link-search", "src-search-label", search), status, list.element, newButton, createBox),
    h("section", { class: "link-source" }, tx("h3", "src-link-chosen"), chosenBox, sourceError),
    h(
      "section",
      { class: "link-details" },
      h("div", { class: "link-locator" }, field("locator-kind", "src-link-locator-kind", locatorKind), field("locator-value", "src-link-locator-value", locatorValue)),
      excerptBox,
      field("credibility", "src-link-credibility", credibility, "src-hint-credibility"),
      h("div", { class: "jm-preview-row" }, tx("span", "src-link-preview", undefined, { class: "jm-preview-label" }), preview),
    ),
  );

  let chosen: SourceDetail | null = null;

  const mode = (): "none" | "existing" | "selection" => {
    const v = body.querySelector<HTMLInputElement>(`input[name="${modeName}"]:checked`)?.value;
    return v === "existing" || v === "selection" ? v : "none";
  };
  const excerpts = (): Excerpt[] => chosen?.excerpts ?? [];

  const locator = (): { kind: LocatorKind; value: string } | null => {
    const kind = locatorKind.value as LocatorKind | "";
    return kind === "" ? null : { kind, value: locatorValue.value.trim() };
  };

  const quote = (): string | null => {
    const m = mode();
    if (m === "existing") {
      const e = excerpts().find((x) => x.id === excerptSelect.value);
      return e ? excerptQuote(e.text, excerpts().filter((x) => x.id !== e.id).map((x) => x.text)) : null;
    }
    if (m === "selection" && selection) return excerptQuote(selection, excerpts().map((x) => x.text));
    return null;
  };

  const citation = (): string | null => {
    if (!chosen) return null;
    const cred = credibility.value === "" ? null : Number(credibility.value);
    return formatCitation({ key: chosen.key, locator: locator(), excerpt: quote(), credibility: cred }, lang);
  };

  const update = (): void => {
    preview.textContent = citation() ?? "";
  };

  body.addEventListener("input", update);
  body.addEventListener("change", (ev) => {
    if ((ev.target as HTMLElement | null)?.getAttribute?.("data-name") === "excerpt-mode") excerptSelect.disabled = mode() !== "existing" || excerpts().length === 0;
    update();
  });

  async function pick(key: string): Promise<void> {
    sourceError.hidden = true;
    try {
      const d = await call("source_get", { key });
      rememberSource(d);
      choose(d);
    } catch (e) {
      sourceError.textContent = e instanceof Error ? e.message : String(e);
      sourceError.hidden = false;
    }
  }

  function choose(d: SourceDetail): void {
    chosen = d;
    clear(chosenBox);
    chosenBox.appendChild(sourceCard(d));
    clear(excerptSelect);
    for (const e of d.excerpts) {
      excerptSelect.appendChild(h("option", { value: e.id, dir: "auto" }, e.locator ? `${shorten(e.text)} (${e.locator})` : shorten(e.text)));
    }
    const existing = body.querySelector<HTMLInputElement>(`#${modeName}-existing`);
    if (existing) existing.disabled = d.excerpts.length === 0;
    if (d.excerpts.length === 0 && mode() === "existing") body.querySelector<HTMLInputElement>(`#${modeName}-none`)!.checked = true;
    excerptSelect.disabled = mode() !== "existing" || d.excerpts.length === 0;
    list.select(d.key);
    update();
  }

  // Search as you type, one request in flight.
  const live = new LiveSearch(
    (hits) => {
      list.render(hits);
      status.replaceChildren(hits.length === 0 ? tx("span", "src-status-none") : tx("span", "src-status-count", { count: hits.length }));
    },
    (e) => status.replaceChildren(tx("span", "src-status-error"), " ", h("span", { dir: "auto" }, e instanceof Error ? e.message : String(e))),
  );
  const runSearch = (): void => live.request({ text: search.value.trim(), kinds: [], language: null, grades: [], years: null, tag: null, limit: 50 });
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" && list.hits().length > 0) {
      ev.preventDefault();
      list.focusActive();
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      const hit = list.selected();
      if (hit) void pick(hit.key);
    }
  });

  newButton.addEventListener("click", () => {
    createBox.hidden = !createBox.hidden;
    newButton.setAttribute("aria-expanded", createBox.hidden ? "false" : "true");
    if (!createBox.hidden) {
      const title = create.element.querySelector<HTMLInputElement>("[name=title]");
      title?.focus();
    }
  });
  // The inline form is its own form: Enter there creates the source, not the citation.
  create.element.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    ev.stopPropagation();
    const input = create.read();
    if (!input) return;
    createButton.disabled = true;
    try {
      const d = (await call("source_add", { source: input, onDuplicate: "skip" })).source;
      rememberSource(d);
      notifySourcesChanged(document, d.key);
      createBox.hidden = true;
      newButton.setAttribute("aria-expanded", "false");
      choose(d);
      runSearch();
    } catch (e) {
      create.showError(e);
    } finally {
      createButton.disabled = false;
    }
  });

  runSearch();
  update();

  return new Promise((resolve) => {
    let result: string | null = null;
    openDialog({
      titleId: "src-link-title",
      body,
      testid: "link-dialog",
      className: "dialog-wide",
      actions: [
        { labelId: "src-cancel", testid: "link-cancel", onClick: () => {} },
        {
          labelId: "src-insert",
          primary: true,
          testid: "link-insert",
          onClick: async () => {
            clearFieldErrors(body);
            sourceError.hidden = true;
            if (!chosen) {
              sourceError.textContent = t("src-link-error-no-source");
              sourceError.hidden = false;
              search.focus();
              return false;
            }
            const loc = locator();
            if (loc) {
              const problem = locatorProblem(loc.value);
              if (problem) {
                setFieldError(body, "locator-value", t(`src-error-locator-${problem}`));
                locatorValue.focus();
                return false;
              }
            }
            if (mode() === "existing" && !excerpts().some((x) => x.id === excerptSelect.value)) {
              setFieldError(body, "excerpt-mode", t("src-link-error-no-excerpt"));
              return false;
            }
            if (mode() === "selection") {
              // Store the passage as an excerpt of the source first, so the audit finds it.
              try {
                const added = await call("source_add_excerpt", { key: chosen.key, text: selection, locator: loc ? `${locatorLabel(loc.kind, lang)} ${loc.value}` : null });
                invalidateSource(chosen.key);
                notifySourcesChanged(document, chosen.key);
                // Quote against the excerpts that existed before, so the words point at the new one.
                chosen = { ...chosen, excerpts: chosen.excerpts.filter((x) => x.id !== added.id) };
              } catch (e) {
                setFieldError(body, "excerpt-mode", e instanceof Error ? e.message : String(e));
                return false;
              }
            }
            result = citation();
            return true;
          },
        },
      ],
      onClose: () => resolve(result),
    });
    // The dialog focuses its first control; the search box is where the work starts.
    search.focus();
  });
}
