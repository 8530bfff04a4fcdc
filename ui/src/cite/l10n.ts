// Localised elements that follow the interface language: they carry `data-i18n` /
// `data-i18n-attr` (and their arguments), so `localize()` re-translates them in place when
// the language changes, and they start out translated.

import { h, type Attrs, type Child } from "../dom";
import { t } from "../i18n";

type Args = Record<string, string | number>;

/** `<tag>` whose whole text is the message `id`. */
export function tx<K extends keyof HTMLElementTagNameMap>(tag: K, id: string, args?: Args, attrs?: Attrs): HTMLElementTagNameMap[K] {
  const el = h(tag, { ...attrs, "data-i18n": id, "data-i18n-args": args ? JSON.stringify(args) : undefined });
  el.textContent = t(id, args);
  return el;
}

/** Attributes (aria-label, title, placeholder…) given as message ids, translated now and on language change. */
export function ta(map: Record<string, string>, args?: Args): Attrs {
  const out: Attrs = {};
  const spec: string[] = [];
  for (const [attr, id] of Object.entries(map)) {
    out[attr] = t(id, args);
    spec.push(`${attr}:${id}`);
  }
  out["data-i18n-attr"] = spec.join(";");
  if (args) out["data-i18n-args"] = JSON.stringify(args);
  return out;
}

/** A labelled form field: `<label for>` with the message `labelId`, the control, and a slot for its error. */
export function field(name: string, labelId: string, control: HTMLElement, hintId?: string): HTMLElement {
  const id = control.id || `f-${name}-${++fieldCounter}`;
  control.id = id;
  const errorId = `${id}-error`;
  const describedBy = [errorId];
  let hint: HTMLElement | null = null;
  if (hintId) {
    hint = tx("p", hintId, undefined, { class: "field-hint", id: `${id}-hint` });
    describedBy.unshift(`${id}-hint`);
  }
  control.setAttribute("aria-describedby", describedBy.join(" "));
  const error: Child = h("p", { class: "field-error", id: errorId, "data-error-for": name, role: "alert", hidden: true });
  return h("div", { class: "field", dataset: { field: name } }, tx("label", labelId, undefined, { for: id }), control, hint, error);
}

let fieldCounter = 0;

/** Shows (or clears, with null) the error text next to the field `name` inside `root`. */
export function setFieldError(root: ParentNode, name: string, message: string | null): boolean {
  // Field names are ours (kebab-case), but quote them safely anyway (jsdom has no CSS.escape).
  const q = name.replace(/["\\]/gu, "\\$&");
  const slot = root.querySelector<HTMLElement>(`[data-error-for="${q}"]`);
  if (!slot) return false;
  const control = root.querySelector<HTMLElement>(`[data-field="${q}"] input, [data-field="${q}"] select, [data-field="${q}"] textarea`);
  slot.textContent = message ?? "";
  slot.hidden = message === null;
  if (control) {
    if (message === null) control.removeAttribute("aria-invalid");
    else control.setAttribute("aria-invalid", "true");
  }
  return true;
}

/** Clears every field error inside `root`. */
export function clearFieldErrors(root: ParentNode): void {
  for (const slot of Array.from(root.querySelectorAll<HTMLElement>("[data-error-for]"))) {
    slot.textContent = "";
    slot.hidden = true;
  }
  for (const c of Array.from(root.querySelectorAll("[aria-invalid]"))) c.removeAttribute("aria-invalid");
}
