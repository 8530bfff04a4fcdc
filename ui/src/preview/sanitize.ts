// A second, UI-side allow-list over the preview HTML. Rust already sanitises it (ammonia);
// this one guards against a shell bug or a compromised analysis, so that nothing but
// inert, known markup reaches the document. Parsing happens in an inert <template>:
// no script runs and no image loads while we look at it.

const ALLOWED_TAGS = new Set([
  "article", "header", "footer", "section", "div", "span", "p", "br", "hr",
  "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del", "ins", "mark",
  "small", "sub", "sup", "code", "pre", "kbd", "abbr", "cite", "q", "blockquote",
  "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
  "caption", "colgroup", "col", "a", "img", "figure", "figcaption", "bdi", "bdo", "time",
]);

// Elements whose content is dropped along with them (not unwrapped).
const DROP_WITH_CONTENT = new Set(["script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math", "frame", "frameset", "applet", "link", "meta", "base", "form", "textarea", "select", "button", "input", "audio", "video", "source", "track", "canvas", "title", "head"]);

const ALLOWED_ATTRS = new Set(["dir", "lang", "class", "id", "title", "href", "rel", "alt", "colspan", "rowspan", "start", "reversed", "type", "datetime", "src"]);

function safeHref(value: string): boolean {
  const v = value.trim();
  return /^https?:\/\//iu.test(v) || /^mailto:/iu.test(v) || v.startsWith("#");
}

function cleanElement(el: Element): void {
  for (const attr of Array.from(el.attributes)) {
    const name = attr.name.toLowerCase();
    const keep =
      (ALLOWED_ATTRS.has(name) || /^data-[a-z0-9-]+$/u.test(name)) &&
      !(name === "href" && !safeHref(attr.value)) &&
      // Images only from inline data (the CSP forbids remote ones anyway).
      !(name === "src" && !(el.tagName === "IMG" && /^data:image\/(png|jpeg|gif|webp);/iu.test(attr.value.trim()))) &&
      !(name === "type" && el.tagName !== "OL");
    if (!keep) el.removeAttribute(attr.name);
  }
}

function walk(parent: ParentNode): void {
  for (const node of Array.from(parent.childNodes)) {
    if (node.nodeType === Node.ELEMENT_NODE) {
      const el = node as Element;
      const tag = el.tagName.toLowerCase();
      if (DROP_WITH_CONTENT.has(tag) || el.namespaceURI !== "http://www.w3.org/1999/xhtml") {
        el.remove();
        continue;
      }
      walk(el);
      if (!ALLOWED_TAGS.has(tag)) {
        // Unknown element: keep its (already cleaned) children, drop the element.
        el.replaceWith(...Array.from(el.childNodes));
        continue;
      }
      cleanElement(el);
      // An image without an inline source would only show a broken icon.
      if (tag === "img" && !el.hasAttribute("src")) el.remove();
    } else if (node.nodeType !== Node.TEXT_NODE) {
      node.parentNode?.removeChild(node);
    }
  }
}

/** Parses `html` inertly and returns a fragment holding only allowed elements and attributes. */
export function sanitizeHtml(html: string): DocumentFragment {
  const tpl = document.createElement("template");
  tpl.innerHTML = html;
  walk(tpl.content);
  return tpl.content;
}
