// New, open, recent and save: the brief file commands, with the unsaved-changes question
// asked before anything replaces the text in the editor.

import type { AppContext } from "../app/context";
import { openDialog } from "../dialog";
import { h } from "../dom";
import { LANGS, t } from "../i18n";
import { call } from "../ipc/api";
import type { OpenedBrief } from "../ipc/bindings";

/** Resolves true when the current text may be replaced (saved, discarded, or clean). */
export function confirmUnsaved(app: AppContext): Promise<boolean> {
  if (!app.isDirty()) return Promise.resolve(true);
  return new Promise((resolve) => {
    let answered = false;
    const answer = (v: boolean): void => {
      if (!answered) {
        answered = true;
        resolve(v);
      }
    };
    openDialog({
      titleId: "ui-unsaved-title",
      testid: "unsaved-dialog",
      body: h("p", null, t("ui-unsaved-text")),
      actions: [
        { labelId: "ui-cancel", onClick: () => answer(false) },
        { labelId: "ui-unsaved-discard", testid: "unsaved-discard", onClick: () => answer(true) },
        {
          labelId: "ui-action-save",
          primary: true,
          testid: "unsaved-save",
          onClick: async () => answer(await saveBrief(app, false)),
        },
      ],
      onClose: () => answer(false),
    });
  });
}

/** Saves the brief (asks where when it has no path, or always with `as`). Resolves true when saved. */
export async function saveBrief(app: AppContext, as: boolean): Promise<boolean> {
  const text = app.editor.text();
  try {
    const saved = await call(as ? "brief_save_as" : "brief_save", { path: app.doc().path, text });
    if (!saved) return false;
    await app.markSaved(saved);
    app.status("ui-status-saved", { path: saved.path });
    return true;
  } catch (e) {
    app.fail(e);
    return false;
  }
}

export async function openBrief(app: AppContext): Promise<void> {
  if (!(await confirmUnsaved(app))) return;
  try {
    const opened = await call("brief_open");
    if (opened) loadOpened(app, opened);
  } catch (e) {
    app.fail(e);
  }
}

export async function openRecent(app: AppContext, path: string): Promise<boolean> {
  if (!(await confirmUnsaved(app))) return false;
  try {
    loadOpened(app, await call("brief_open_recent", { path }));
    return true;
  } catch (e) {
    app.fail(e);
    return false;
  }
}

function loadOpened(app: AppContext, opened: OpenedBrief): void {
  app.load({ path: opened.path, text: opened.text });
  app.status("ui-status-opened", { path: opened.path });
}

/** The new-brief dialog: template and language, then `brief_new`. */
export async function newBriefDialog(app: AppContext): Promise<void> {
  if (!(await confirmUnsaved(app))) return;
  let templates;
  try {
    templates = await call("brief_templates");
  } catch (e) {
    app.fail(e);
    return;
  }
  const templateSelect = h("select", { name: "template", id: "new-template" });
  for (const tpl of templates) {
    const id = `ui-template-${tpl.id}`;
    // A template the UI has no name for is shown by its id (data from the shell).
    const label = hasTemplateName(id) ? t(id) : tpl.id;
    templateSelect.appendChild(h("option", { value: tpl.id }, label));
  }
  const langSelect = h("select", { name: "lang", id: "new-lang" });
  const fillLangs = (): void => {
    const tpl = templates.find((x) => x.id === templateSelect.value);
    const previous = langSelect.value || app.uiLang();
    langSelect.replaceChildren();
    for (const l of LANGS) {
      if (tpl && tpl.langs.length > 0 && !tpl.langs.includes(l)) continue;
      langSelect.appendChild(h("option", { value: l, lang: l }, t(`ui-lang-${l}`)));
    }
    const values = Array.from(langSelect.options).map((o) => o.value);
    langSelect.value = values.includes(previous) ? previous : (values[0] ?? "");
  };
  templateSelect.addEventListener("change", fillLangs);
  fillLangs();
  const error = h("p", { class: "form-error", role: "alert", hidden: true });
  const form = h(
    "form",
    { class: "form-grid" },
    h("label", { for: "new-template" }, t("ui-new-template")),
    templateSelect,
    h("label", { for: "new-lang" }, t("ui-new-lang")),
    langSelect,
    error,
  );
  openDialog({
    titleId: "ui-new-title",
    testid: "new-brief-dialog",
    body: form,
    actions: [
      { labelId: "ui-cancel", onClick: () => undefined },
      {
        labelId: "ui-new-create",
        primary: true,
        testid: "create-brief",
        onClick: async () => {
          const lang = langSelect.value;
          if (!templateSelect.value || (lang !== "ar" && lang !== "fr" && lang !== "en")) return false;
          try {
            const brief = await call("brief_new", { template: templateSelect.value, lang });
            app.load({ path: null, text: brief.text });
            app.status("ui-status-new");
            return true;
          } catch (e) {
            error.hidden = false;
            error.textContent = t("ui-new-failed", { reason: (e as Error).message ?? "" });
            return false;
          }
        },
      },
    ],
  });
  templateSelect.focus();
}

const TEMPLATE_NAMES = new Set(["ui-template-assessment", "ui-template-sitrep", "ui-template-note"]);
function hasTemplateName(id: string): boolean {
  return TEMPLATE_NAMES.has(id);
}

/** The recent briefs and the bundled samples, each one click away. */
export async function recentDialog(app: AppContext): Promise<void> {
  let state = app.state();
  try {
    state = await app.refreshState();
  } catch {
    // The last known list is still worth showing.
  }
  const body = h("div", { class: "recent" });
  let handle: { close(): void } | null = null;
  const open = async (path: string): Promise<void> => {
    handle?.close();
    await openRecent(app, path);
  };
  body.appendChild(h("h3", { class: "recent-heading" }, t("ui-recent-heading")));
  const list = h("ul", { class: "recent-list", "data-testid": "recent-list" });
  if (state.recent.length === 0) list.appendChild(h("li", { class: "muted" }, t("ui-recent-empty")));
  for (const r of state.recent) {
    const btn = h(
      "button",
      { type: "button", class: "recent-item", "data-testid": "recent-item", "data-path": r.path },
      h("span", { class: "recent-title", dir: "auto" }, r.title || r.path),
      h("span", { class: "recent-path", dir: "ltr" }, r.path),
    );
    btn.addEventListener("click", () => void open(r.path));
    list.appendChild(h("li", null, btn));
  }
  body.appendChild(list);
  if (state.samples.length > 0) {
    body.appendChild(h("h3", { class: "recent-heading" }, t("ui-samples-heading")));
    const samples = h("ul", { class: "recent-list" });
    for (const s of state.samples) {
      const btn = h("button", { type: "button", class: "recent-item", "data-testid": "sample-item", "data-lang": s.lang }, h("span", { class: "recent-title", dir: "auto" }, t("ui-sample-open", { lang: t(`ui-lang-${s.lang}`) })), h("span", { class: "recent-path", dir: "auto", lang: s.lang }, s.title));
      btn.addEventListener("click", () => void open(s.path));
      samples.appendChild(h("li", null, btn));
    }
    body.appendChild(samples);
  }
  handle = openDialog({ titleId: "ui-recent-title", testid: "recent-dialog", body, actions: [{ labelId: "ui-close", onClick: () => undefined }] });
}
