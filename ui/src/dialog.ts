// Modal dialogs: a native <dialog> shown modally, labelled by its title, with a focus trap,
// Esc to close and focus handed back to where it was. Bodies are built by the caller.

import { h } from "./dom";
import { t } from "./i18n";

export type DialogAction = {
  /** Message id of the button label. */
  labelId: string;
  primary?: boolean;
  /** data-testid of the button, for tests. */
  testid?: string;
  /**
   * Runs on click. The dialog then closes, unless this returns (or resolves to) `false`
   * (e.g. a form that failed validation, or an action that keeps the dialog for its result).
   */
  onClick: () => void | boolean | Promise<void | boolean>;
};

export type DialogOptions = {
  titleId: string;
  titleArgs?: Record<string, string | number>;
  body: HTMLElement;
  actions: DialogAction[];
  testid: string;
  /** Called once when the dialog closes, however it closes (Esc, an action, close()). */
  onClose?: () => void;
  /** Extra class for sizing (e.g. "dialog-wide"). */
  className?: string;
};

export type DialogHandle = { close(): void; element: HTMLDialogElement };

let counter = 0;

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), [contenteditable="true"]';

function focusables(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !el.closest("[hidden]") && !el.closest("[inert]"));
}

export function openDialog(opts: DialogOptions): DialogHandle {
  const id = `dlg-${++counter}`;
  const titleId = `${id}-title`;
  const previousFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  const buttons: HTMLButtonElement[] = [];
  const footer = h("div", { class: "dialog-actions" });
  const dialog = h(
    "dialog",
    { class: `dialog ${opts.className ?? ""}`.trim(), "aria-modal": "true", "aria-labelledby": titleId, "data-testid": opts.testid },
    h("h2", { id: titleId, class: "dialog-title" }, t(opts.titleId, opts.titleArgs)),
    h("div", { class: "dialog-body" }, opts.body),
    footer,
  );

  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    document.removeEventListener("keydown", onDocKey, true);
    if (typeof dialog.close === "function" && dialog.open) dialog.close();
    dialog.remove();
    opts.onClose?.();
    if (previousFocus && previousFocus.isConnected) previousFocus.focus();
  };

  for (const action of opts.actions) {
    const btn = h("button", { type: "button", class: action.primary ? "btn btn-primary" : "btn", "data-testid": action.testid }, t(action.labelId));
    btn.addEventListener("click", async () => {
      if (closed) return;
      for (const b of buttons) b.disabled = true;
      let keep: void | boolean = undefined;
      try {
        keep = await action.onClick();
      } finally {
        for (const b of buttons) b.disabled = false;
      }
      if (keep !== false) close();
    });
    buttons.push(btn);
    footer.appendChild(btn);
  }

  // Tab and Shift+Tab cycle inside the dialog; Esc closes it.
  const onDocKey = (ev: KeyboardEvent): void => {
    if (closed) return;
    if (!dialog.isConnected) {
      // Removed from the page some other way: stop listening, keep nothing trapped.
      close();
      return;
    }
    if (ev.key === "Escape") {
      // Let an open CodeMirror/autocomplete inside the dialog use Esc first.
      if (ev.defaultPrevented) return;
      ev.preventDefault();
      ev.stopPropagation();
      close();
      return;
    }
    if (ev.key !== "Tab") return;
    const items = focusables(dialog);
    if (items.length === 0) {
      ev.preventDefault();
      return;
    }
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = document.activeElement;
    if (ev.shiftKey && (active === first || !dialog.contains(active))) {
      ev.preventDefault();
      last.focus();
    } else if (!ev.shiftKey && (active === last || !dialog.contains(active))) {
      ev.preventDefault();
      first.focus();
    }
  };
  document.addEventListener("keydown", onDocKey, true);
  // The native Esc handling ("cancel") must go through our close() too.
  dialog.addEventListener("cancel", (ev) => {
    ev.preventDefault();
    close();
  });
  // A <form> submitted with Enter triggers the primary action, unless a form inside the
  // body handled its own submit (it called preventDefault first, as events bubble up).
  opts.body.addEventListener("submit", (ev) => {
    if (ev.defaultPrevented) return;
    ev.preventDefault();
    const primaryIndex = opts.actions.findIndex((a) => a.primary);
    const btn = buttons[primaryIndex];
    if (btn && !btn.disabled) btn.click();
  });

  document.body.appendChild(dialog);
  if (typeof dialog.showModal === "function") {
    dialog.showModal();
  } else {
    // jsdom has no showModal: the attribute keeps it visible and queryable.
    dialog.setAttribute("open", "");
  }
  const first = focusables(opts.body)[0] ?? buttons.find((_, i) => opts.actions[i]?.primary) ?? buttons[0];
  first?.focus();

  return { close, element: dialog };
}
