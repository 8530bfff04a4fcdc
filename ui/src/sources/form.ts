// The source form: add and edit in the panel, and the short version used to create a
// source from the "Link to source" dialog. It validates what it can before asking the
// shell, and shows the shell's field errors (key taken, bad date…) next to their field.

import { openDialog } from "../dialog";
import { h } from "../dom";
import { t } from "../i18n";
import { call, CommandError } from "../ipc/api";
import type { SourceDetail, SourceInput } from "../ipc/bindings";
import { GRADES, SOURCE_KINDS, isGrade, isSourceKind, rememberSource, invalidateSource } from "../cite/card";
import { clearFieldErrors, field, setFieldError, tx } from "../cite/l10n";
import { formatAuthors, parseAuthors } from "./authors";

export type FormMode = "full" | "minimal";

/** The form's field names (the `name` attributes; also what shell errors are mapped onto). */
export const FULL_FIELDS = ["key", "kind", "title", "authors", "issued", "language", "container-title", "publisher", "pages", "url", "doi", "accessed", "grade", "tags", "notes"] as const;
const MINIMAL_FIELDS = ["title", "kind", "authors", "issued", "url", "grade"] as const;
type FieldName = (typeof FULL_FIELDS)[number];

const LABELS: Record<FieldName, string> = {
  key: "src-field-key",
  kind: "src-field-kind",
  title: "src-field-title",
  authors: "src-field-authors",
  issued: "src-field-issued",
  language: "src-field-language",
  "container-title": "src-field-container-title",
  publisher: "src-field-publisher",
  pages: "src-field-pages",
  url: "src-field-url",
  doi: "src-field-doi",
  accessed: "src-field-accessed",
  grade: "src-field-grade",
  tags: "src-field-tags",
  notes: "src-field-notes",
};

const HINTS: Partial<Record<FieldName, string>> = {
  key: "src-hint-key",
  authors: "src-hint-authors",
  issued: "src-hint-date",
  accessed: "src-hint-date",
  language: "src-hint-language",
  tags: "src-hint-tags",
};

function toAsciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669]/gu, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/[\u06F0-\u06F9]/gu, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** A partial date "2025", "2025-11" or "2025-11-20" with a real month and day; null if not one. */
export function normalizeDate(text: string): string | null {
  const v = toAsciiDigits(text.trim());
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/u.exec(v);
  if (!m) return null;
  const [, y, mo, d] = m;
  if (mo === undefined) return y!;
  const month = Number(mo);
  if (month < 1 || month > 12) return null;
  if (d === undefined) return `${y}-${String(month).padStart(2, "0")}`;
  const day = Number(d);
  const days = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  if (day < 1 || day > days) return null;
  return `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Why a citation key is refused (the rules of crates/source `CitationKey::parse`), or null. */
export function keyProblem(key: string): string | null {
  const chars = Array.from(key);
  if (chars.length === 0) return "src-error-key-empty";
  if (chars.length > 200) return "src-error-key-long";
  const first = chars[0]!;
  if (!(first === "_" || /[\p{L}\p{N}]/u.test(first))) return "src-error-key-chars";
  for (const ch of chars.slice(1)) if (!(/[\p{L}\p{N}]/u.test(ch) || ":.#$%&-+?<>~/_".includes(ch))) return "src-error-key-chars";
  return null;
}

/** Tags written "a, b; c" (Arabic comma and semicolon too), trimmed and without repeats. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const tag of text.split(/[,،;؛\n]/u).map((s) => s.trim())) if (tag && !out.includes(tag)) out.push(tag);
  return out;
}

/** Maps a shell error's `field` ("containerTitle", "container_title", "authors[2]", "type") to a form field. */
export function formFieldOf(shellField: string | null): FieldName | null {
  if (!shellField) return null;
  const base = shellField.split(/[[.]/u)[0] ?? "";
  const kebab = base.replace(/([a-z0-9])([A-Z])/gu, "$1-$2").replace(/_/gu, "-").toLowerCase();
  const alias: Record<string, FieldName> = { type: "kind", reliability: "grade", author: "authors", container: "container-title", date: "issued", tag: "tags" };
  const name = alias[kebab] ?? kebab;
  return (FULL_FIELDS as readonly string[]).includes(name) ? (name as FieldName) : null;
}

export type SourceForm = {
  element: HTMLFormElement;
  /** The input, or null after showing what is wrong next to each field. */
  read(): SourceInput | null;
  /** Shows a failed add/update next to its field (or at the top of the form). */
  showError(error: unknown): void;
};

function control(name: FieldName, initial: SourceDetail | null): HTMLElement {
  const v = (s: string | null | undefined): string => s ?? "";
  switch (name) {
    case "kind": {
      const select = h("select", { name });
      for (const kind of SOURCE_KINDS) select.appendChild(tx("option", `src-type-${kind}`, undefined, { value: kind }));
      select.value = initial?.kind ?? "news-article";
      return select;
    }
    case "grade": {
      const select = h("select", { name });
      select.appendChild(tx("option", "src-grade-unset", undefined, { value: "" }));
      for (const g of GRADES) select.appendChild(tx("option", "src-grade-option", { grade: g, meaning: t(`reliability-${g.toLowerCase()}`) }, { value: g }));
      select.value = isGrade(initial?.grade) ? initial.grade : "";
      return select;
    }
    case "authors": {
      const area = h("textarea", { name, rows: 3, dir: "auto" });
      area.value = initial ? formatAuthors(initial.authors) : "";
      return area;
    }
    case "notes": {
      const area = h("textarea", { name, rows: 4, dir: "auto" });
      area.value = v(initial?.notes);
      return area;
    }
    default: {
      const ltr = name === "key" || name === "url" || name === "doi" || name === "issued" || name === "accessed" || name === "language";
      const input = h("input", { type: name === "url" ? "url" : "text", name, dir: ltr ? "ltr" : "auto", autocomplete: "off", spellcheck: name === "title" ? undefined : "false" });
      const values: Record<string, string> = {
        key: v(initial?.key), title: v(initial?.title), issued: v(initial?.issued), language: v(initial?.language),
        "container-title": v(initial?.containerTitle), publisher: v(initial?.publisher), pages: v(initial?.pages),
        url: v(initial?.url), doi: v(initial?.doi), accessed: v(initial?.accessed), tags: initial ? initial.tags.join(", ") : "",
      };
      input.value = values[name] ?? "";
      if (name === "title") input.required = true;
      return input;
    }
  }
}

/** Builds the form; `initial` fills it for editing (fields the minimal form lacks keep their value). */
export function sourceForm(mode: FormMode, initial: SourceDetail | null = null): SourceForm {
  const names: readonly FieldName[] = mode === "full" ? FULL_FIELDS : MINIMAL_FIELDS;
  const general = h("p", { class: "form-error", role: "alert", "data-testid": "source-form-error", hidden: true });
  const form = h("form", { class: `src-form src-form-${mode}`, "data-testid": "source-form", novalidate: true }, general);
  for (const name of names) form.appendChild(field(name, LABELS[name], control(name, initial), HINTS[name]));

  const value = (name: FieldName): string | null => {
    const el = form.elements.namedItem(name);
    return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement ? el.value : null;
  };
  const text = (name: FieldName, fallback: string | null): string | null => {
    const raw = value(name);
    if (raw === null) return fallback;
    const trimmed = raw.trim();
    return trimmed === "" ? null : trimmed;
  };

  const read = (): SourceInput | null => {
    clearFieldErrors(form);
    general.hidden = true;
    general.textContent = "";
    let ok = true;
    const fail = (name: FieldName, id: string, args?: Record<string, string | number>): void => {
      ok = false;
      setFieldError(form, name, t(id, args));
    };

    const title = text("title", null);
    if (!title) fail("title", "src-error-title-required");

    let key = text("key", initial?.key ?? null);
    if (key !== null) {
      const problem = keyProblem(key);
      if (problem) fail("key", problem);
    } else if (initial) {
      key = initial.key; // an emptied key on edit keeps the current one
    }

    const dates: Record<"issued" | "accessed", string | null> = { issued: null, accessed: null };
    for (const name of ["issued", "accessed"] as const) {
      const raw = text(name, initial?.[name] ?? null);
      if (raw === null) continue;
      const date = normalizeDate(raw);
      if (date === null) fail(name, "src-error-date", { value: raw });
      dates[name] = date;
    }

    const authorsText = value("authors");
    let authors = initial?.authors ?? [];
    if (authorsText !== null) {
      const parsed = parseAuthors(authorsText);
      if (parsed.ok) authors = parsed.authors;
      else fail("authors", "src-error-author-line", { line: parsed.line });
    }

    const language = text("language", initial?.language ?? null);
    if (language !== null && !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/u.test(language)) fail("language", "src-error-language", { value: language });

    const gradeText = text("grade", initial?.grade ?? null);
    if (gradeText !== null && !isGrade(gradeText)) fail("grade", "src-error-grade");
    const grade = isGrade(gradeText) ? gradeText : null;
    const kindText = text("kind", initial?.kind ?? "other");
    const kind = isSourceKind(kindText) ? kindText : "other";

    const tagsText = value("tags");
    const tags = tagsText === null ? (initial?.tags ?? []) : parseTags(tagsText);

    if (!ok) {
      form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return null;
    }
    return {
      key,
      kind,
      title: title ?? "",
      authors,
      issued: dates.issued,
      language,
      containerTitle: text("container-title", initial?.containerTitle ?? null),
      publisher: text("publisher", initial?.publisher ?? null),
      url: text("url", initial?.url ?? null),
      doi: text("doi", initial?.doi ?? null),
      pages: text("pages", initial?.pages ?? null),
      accessed: dates.accessed,
      notes: text("notes", initial?.notes ?? null),
      tags,
      grade,
    };
  };

  const showError = (error: unknown): void => {
    const e = error instanceof CommandError ? error : null;
    let message: string;
    if (e?.code === "key_taken") message = t("src-error-key-taken", { key: text("key", "") ?? "" });
    else if (e?.code === "duplicate") message = t("src-error-duplicate", { detail: e.message });
    else if (e) message = e.message;
    else message = t("src-error-unexpected");
    const name = e?.code === "key_taken" ? "key" : formFieldOf(e?.field ?? null);
    if (name && setFieldError(form, name, message)) {
      form.querySelector<HTMLElement>(`[data-field="${name}"] [name]`)?.focus();
      return;
    }
    general.textContent = message;
    general.hidden = false;
  };

  return { element: form, read, showError };
}

/** Opens the add (no `initial`) or edit form; resolves to the saved source, or null when cancelled. */
export function openSourceForm(initial: SourceDetail | null = null): Promise<SourceDetail | null> {
  const form = sourceForm("full", initial);
  return new Promise((resolve) => {
    let saved: SourceDetail | null = null;
    openDialog({
      titleId: initial ? "src-form-title-edit" : "src-form-title-add",
      titleArgs: initial ? { key: initial.key } : undefined,
      body: form.element,
      testid: "source-form-dialog",
      className: "dialog-wide",
      actions: [
        { labelId: "src-cancel", testid: "source-cancel", onClick: () => {} },
        {
          labelId: "src-save",
          primary: true,
          testid: "source-save",
          onClick: async () => {
            const input = form.read();
            if (!input) return false;
            try {
              saved = initial
                ? await call("source_update", { key: initial.key, source: input })
                : (await call("source_add", { source: input, onDuplicate: "skip" })).source;
            } catch (error) {
              form.showError(error);
              return false;
            }
            if (initial) invalidateSource(initial.key);
            rememberSource(saved);
            return true;
          },
        },
      ],
      onClose: () => resolve(saved),
    });
  });
}
