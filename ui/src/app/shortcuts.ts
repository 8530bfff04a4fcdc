// Keyboard shortcuts of the whole window, shown in the buttons' tooltips and announced
// through aria-keyshortcuts.

import { t } from "../i18n";

export type Action = "new" | "open" | "recent" | "save" | "save-as" | "history" | "export" | "cite" | "judgment" | "assumption" | "direction";

type Shortcut = { action: Action; key: string; shift: boolean };

export const SHORTCUTS: readonly Shortcut[] = [
  { action: "save", key: "s", shift: false },
  { action: "save-as", key: "s", shift: true },
  { action: "export", key: "e", shift: false },
  { action: "cite", key: "c", shift: true },
  { action: "direction", key: "d", shift: true },
  { action: "judgment", key: "j", shift: true },
  { action: "new", key: "n", shift: false },
  { action: "open", key: "o", shift: false },
];

/** "Ctrl+Shift+S" style label (key names are the same on the keyboards of the three languages). */
export function shortcutLabel(action: Action): string | null {
  const s = SHORTCUTS.find((x) => x.action === action);
  if (!s) return null;
  return `Ctrl+${s.shift ? "Shift+" : ""}${s.key.toUpperCase()}`;
}

/** The aria-keyshortcuts value. */
export function ariaShortcut(action: Action): string | null {
  const s = SHORTCUTS.find((x) => x.action === action);
  if (!s) return null;
  return `Control+${s.shift ? "Shift+" : ""}${s.key.toUpperCase()}`;
}

/** The key pressed as a Latin letter: `key` on Latin layouts, the physical key on others (Arabic). */
function latinKey(ev: KeyboardEvent): string {
  const k = ev.key.toLowerCase();
  if (/^[a-z]$/u.test(k)) return k;
  const m = /^Key([A-Z])$/u.exec(ev.code);
  return m?.[1]?.toLowerCase() ?? k;
}

/** The action a key event asks for, if any (Ctrl, or Cmd on macOS). */
export function matchShortcut(ev: KeyboardEvent): Action | null {
  if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return null;
  const key = latinKey(ev);
  return SHORTCUTS.find((s) => s.key === key && s.shift === ev.shiftKey)?.action ?? null;
}

/** Sets title and aria-keyshortcuts on the buttons that carry `data-action`. */
export function applyTooltips(root: ParentNode): void {
  for (const btn of Array.from(root.querySelectorAll<HTMLElement>("[data-action]"))) {
    const action = btn.dataset.action as Action;
    const label = t(`ui-action-${action}-hint`);
    const keys = shortcutLabel(action);
    btn.title = keys ? t("ui-tooltip-shortcut", { label, keys }) : label;
    const aria = ariaShortcut(action);
    if (aria) btn.setAttribute("aria-keyshortcuts", aria);
  }
}
