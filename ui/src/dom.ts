// A tiny element builder: the UI has no framework. Strings given as children always become
// text nodes, so data can never turn into markup by accident.

export type Child = Node | string | number | null | undefined | false;

export type Attrs = {
  dataset?: Record<string, string>;
  [name: string]: string | number | boolean | null | undefined | Record<string, string> | ((ev: never) => unknown);
};

/**
 * Creates `<tag>` with attributes (strings/numbers via setAttribute, `true` as an empty
 * attribute, false/null/undefined skipped), `on*` functions as event listeners, `dataset`
 * entries, and children (strings become text nodes).
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "dataset" && typeof value === "object") {
        for (const [k, v] of Object.entries(value)) el.dataset[k] = v;
      } else if (typeof value === "function" && name.startsWith("on") && name.length > 2) {
        el.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
      } else if (value === true) {
        el.setAttribute(name, "");
      } else if (typeof value === "string" || typeof value === "number") {
        el.setAttribute(name, String(value));
      }
    }
  }
  append(el, ...children);
  return el;
}

/** Appends children (strings as text nodes). */
export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** Removes every child of `el`. */
export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}
