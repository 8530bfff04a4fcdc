import { afterEach, describe, expect, it } from "vitest";
import { openDialog } from "./dialog";
import { h } from "./dom";
import { setLang } from "./i18n";

afterEach(() => {
  for (const d of Array.from(document.querySelectorAll("dialog"))) d.remove();
  document.body.replaceChildren();
});

function tab(shift = false): void {
  document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key: "Tab", shiftKey: shift, bubbles: true, cancelable: true }));
}

describe("openDialog", () => {
  it("is a labelled modal that traps focus, closes on Esc and gives focus back", () => {
    setLang("fr");
    const opener = h("button", { type: "button" }, "x");
    document.body.appendChild(opener);
    opener.focus();
    let closed = 0;
    const input = h("input", { name: "a" });
    openDialog({ titleId: "ui-new-title", testid: "t-dialog", body: h("form", null, input), actions: [{ labelId: "ui-cancel", onClick: () => undefined }, { labelId: "ui-new-create", primary: true, onClick: () => false }], onClose: () => closed++ });
    const dialog = document.querySelector<HTMLElement>("[data-testid=t-dialog]")!;
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(document.getElementById(dialog.getAttribute("aria-labelledby")!)!.textContent).toBe("Nouvelle note");
    expect(document.activeElement).toBe(input);
    const buttons = dialog.querySelectorAll("button");
    tab(true);
    expect(document.activeElement).toBe(buttons[1]);
    tab();
    expect(document.activeElement).toBe(input);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
    expect(document.querySelector("[data-testid=t-dialog]")).toBeNull();
    expect(closed).toBe(1);
    expect(document.activeElement).toBe(opener);
  });

  it("stays open when an action returns false, closes otherwise; Enter in the form runs the primary action", async () => {
    const ran: string[] = [];
    const form = h("form", null, h("input", { name: "a" }));
    const handle = openDialog({ titleId: "ui-new-title", testid: "t2", body: form, actions: [{ labelId: "ui-cancel", onClick: () => void ran.push("cancel") }, { labelId: "ui-new-create", primary: true, onClick: () => (ran.push("create"), false) }] });
    form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual(["create"]);
    expect(document.querySelector("[data-testid=t2]")).not.toBeNull();
    handle.element.querySelectorAll("button")[0]!.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(ran).toEqual(["create", "cancel"]);
    expect(document.querySelector("[data-testid=t2]")).toBeNull();
  });
});
