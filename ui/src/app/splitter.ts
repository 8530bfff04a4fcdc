// The resizable split between editor and preview: drag, or arrow keys on the separator.
// Works in both directions (the editor is on the right in an Arabic UI).

const KEY = "mizan.split";

export function setupSplitter(split: HTMLElement, editorPane: HTMLElement, handle: HTMLElement): void {
  let share = Number(localStorage.getItem(KEY) ?? "50");
  if (!Number.isFinite(share) || share < 20 || share > 80) share = 50;
  const apply = (): void => {
    editorPane.style.flexBasis = `${share}%`;
    handle.setAttribute("aria-valuenow", String(Math.round(share)));
  };
  const set = (v: number): void => {
    share = Math.min(80, Math.max(20, v));
    apply();
    localStorage.setItem(KEY, String(Math.round(share)));
  };
  apply();
  handle.addEventListener("pointerdown", (ev) => {
    ev.preventDefault();
    handle.setPointerCapture?.(ev.pointerId);
    const move = (e: PointerEvent): void => {
      const box = split.getBoundingClientRect();
      if (box.width <= 0) return;
      const rtl = getComputedStyle(split).direction === "rtl";
      const x = rtl ? box.right - e.clientX : e.clientX - box.left;
      set((x / box.width) * 100);
    };
    const up = (): void => {
      handle.removeEventListener("pointermove", move);
      handle.removeEventListener("pointerup", up);
      handle.removeEventListener("pointercancel", up);
    };
    handle.addEventListener("pointermove", move);
    handle.addEventListener("pointerup", up);
    handle.addEventListener("pointercancel", up);
  });
  handle.addEventListener("keydown", (ev) => {
    const rtl = getComputedStyle(split).direction === "rtl";
    const step = ev.shiftKey ? 10 : 2;
    if (ev.key === "ArrowLeft") set(share + (rtl ? step : -step));
    else if (ev.key === "ArrowRight") set(share + (rtl ? -step : step));
    else if (ev.key === "Home") set(20);
    else if (ev.key === "End") set(80);
    else return;
    ev.preventDefault();
  });
}
