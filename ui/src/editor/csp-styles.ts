// CodeMirror writes its base theme into a <style> element it creates at run time. The app's
// CSP (`style-src 'self'`, no 'unsafe-inline') blocks such elements, which would leave the
// editor unstyled. CSSOM is not subject to style-src, so the same rules are mirrored into a
// constructed stylesheet (inside a cascade layer, so the app's own stylesheet still wins
// over CodeMirror's defaults) and kept in sync as CodeMirror adds rules.

const MIRRORED = new WeakSet<HTMLStyleElement>();

function isCodeMirrorStyle(el: HTMLStyleElement): boolean {
  // style-mod scopes its classes with the "ͼ" prefix.
  return (el.textContent ?? "").includes("ͼ");
}

/** Mirrors CodeMirror's runtime <style> into an adopted stylesheet (once per document). */
export function mirrorCodeMirrorStyles(doc: Document = document): void {
  const Sheet = doc.defaultView?.CSSStyleSheet;
  if (!Sheet || !("adoptedStyleSheets" in doc) || typeof Sheet.prototype.replaceSync !== "function") return;
  for (const el of Array.from(doc.head.querySelectorAll("style"))) {
    if (MIRRORED.has(el) || !isCodeMirrorStyle(el)) continue;
    MIRRORED.add(el);
    const sheet = new Sheet();
    const sync = (): void => {
      try {
        sheet.replaceSync(`@layer codemirror {\n${el.textContent ?? ""}\n}`);
      } catch {
        // A rule the engine cannot parse: keep the previous copy.
      }
    };
    sync();
    doc.adoptedStyleSheets = [sheet, ...doc.adoptedStyleSheets];
    // Where the CSP does let the element apply, it must not apply twice with a different cascade.
    el.media = "not all";
    new MutationObserver(sync).observe(el, { childList: true, characterData: true, subtree: true });
  }
}
