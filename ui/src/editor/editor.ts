// The brief editor: CodeMirror 6 with Markdown, per-line direction, the brief's syntax
// marked, citation completion and hover, audit diagnostics as lint marks, and the commands
// that cite, mark claims and flip a block's direction.

import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";
import { HighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic as CmDiagnostic, forEachDiagnostic, lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { Compartment, EditorSelection, EditorState, type Extension, type Text } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLine, highlightSpecialChars, keymap, placeholder } from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { openJudgmentMarker } from "../cite/judgment";
import { openLinkToSource } from "../cite/link-dialog";
import { type Lang, t } from "../i18n";
import type { Diagnostic } from "../ipc/bindings";
import { citationCompletions, citationHover, citeOnTyping } from "./citing";
import { mirrorCodeMirrorStyles } from "./csp-styles";
import { briefDecorations, briefDir, docLines } from "./decorations";
import { editorPhrases } from "./phrases";
import { blockStart, BLOCK_PREFIX_RE, findMarker, frontMatterLang, toggleDirectionChange } from "./syntax";

export type EditorHooks = {
  /** After every document change (also programmatic ones). */
  onChange(text: string): void;
  /** The editor lost focus (autosave). */
  onBlur?(): void;
  /** The editor scrolled by the user; `line` is the first visible line. */
  onScroll?(line: number): void;
};

const markdownStyle = HighlightStyle.define([
  { tag: tags.heading, class: "cm-md-heading" },
  { tag: tags.strong, class: "cm-md-strong" },
  { tag: tags.emphasis, class: "cm-md-em" },
  { tag: tags.strikethrough, class: "cm-md-strike" },
  { tag: tags.link, class: "cm-md-link" },
  { tag: tags.url, class: "cm-md-url" },
  { tag: tags.monospace, class: "cm-md-code" },
  { tag: tags.quote, class: "cm-md-quote" },
  { tag: tags.processingInstruction, class: "cm-md-mark" },
  { tag: tags.meta, class: "cm-md-meta" },
  { tag: tags.contentSeparator, class: "cm-md-meta" },
]);

// CodeMirror's default set of special characters, less the direction marks, which the
// brief uses on purpose and which get their own glyph (see decorations.ts).
const SPECIALS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u00ad\u061c\u200b\u2028\u2029\u202d\u202e\u2066\u2067\u2069\ufeff\ufff9-\ufffc]/gu;

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function markOrder(a: CmDiagnostic, b: CmDiagnostic): number {
  return a.from - b.from || a.to - b.to || cmp(a.source ?? "", b.source ?? "") || cmp(a.severity, b.severity) || cmp(a.message, b.message);
}

/** The same lint marks, in any order. */
function sameMarks(a: CmDiagnostic[], b: CmDiagnostic[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort(markOrder);
  const y = [...b].sort(markOrder);
  return x.every((d, i) => {
    const e = y[i]!;
    return d.from === e.from && d.to === e.to && d.severity === e.severity && d.message === e.message && d.source === e.source;
  });
}

export class BriefEditor {
  readonly view: EditorView;
  private readonly i18n = new Compartment();
  private readonly hooks: EditorHooks;
  private programmaticScroll = 0;

  constructor(parent: HTMLElement, hooks: EditorHooks, text = "") {
    this.hooks = hooks;
    this.view = new EditorView({ parent, state: this.makeState(text) });
    mirrorCodeMirrorStyles(parent.ownerDocument);
    this.view.scrollDOM.addEventListener("scroll", () => {
      if (Date.now() < this.programmaticScroll) return;
      this.hooks.onScroll?.(this.topLine());
    });
  }

  private extensions(): Extension[] {
    return [
      history(),
      drawSelection(),
      highlightActiveLine(),
      highlightSpecialChars({ specialChars: SPECIALS }),
      highlightSelectionMatches(),
      closeBrackets(),
      search({ top: true }),
      markdown(),
      syntaxHighlighting(markdownStyle),
      EditorView.lineWrapping,
      EditorView.perLineTextDirection.of(true),
      briefDecorations,
      autocompletion({ override: [citationCompletions], activateOnTyping: false, icons: false }),
      citeOnTyping,
      citationHover,
      lintGutter(),
      this.i18n.of(this.localized()),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...searchKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
      EditorView.updateListener.of((u) => {
        if (u.docChanged) {
          performance.mark("mizan:edit");
          this.hooks.onChange(this.text());
        }
        if (u.focusChanged && !u.view.hasFocus) this.hooks.onBlur?.();
      }),
    ];
  }

  private localized(): Extension {
    return [
      editorPhrases(),
      EditorView.contentAttributes.of({ "aria-label": t("ui-editor-label"), "aria-multiline": "true" }),
      placeholder(t("ui-editor-placeholder")),
    ];
  }

  private makeState(text: string): EditorState {
    return EditorState.create({ doc: text, extensions: this.extensions() });
  }

  /** Re-applies the UI language to the editor's own words. */
  relocalize(): void {
    this.view.dispatch({ effects: this.i18n.reconfigure(this.localized()) });
  }

  /** The document as a string (cached per document version: the app asks several times per keystroke). */
  text(): string {
    const doc = this.view.state.doc;
    if (doc !== this.textDoc) {
      this.textCache = doc.toString();
      this.textDoc = doc;
    }
    return this.textCache;
  }
  private textDoc: Text | null = null;
  private textCache = "";

  /** The brief's language from its front matter (falls back to `fallback`). */
  briefLang(fallback: Lang): Lang {
    return frontMatterLang(this.view.state.doc.sliceString(0, 20000)) ?? fallback;
  }

  /** Loads another brief: new document, empty undo history, cursor at the top. */
  load(text: string): void {
    this.view.setState(this.makeState(text));
    mirrorCodeMirrorStyles(this.view.dom.ownerDocument);
    this.view.scrollDOM.scrollTop = 0;
    this.hooks.onChange(text);
  }

  /** Replaces the whole text as one undoable change (a restored revision, a saved brief's new id). */
  replaceAll(text: string): void {
    if (text === this.text()) return;
    const head = Math.min(this.view.state.selection.main.head, text.length);
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text }, selection: EditorSelection.cursor(head) });
  }

  /**
   * Shows the audit's diagnostics as lint marks (positions are UTF-16 offsets of the analysed
   * text). Nothing is dispatched when the marks on screen, as CodeMirror mapped them through
   * the edits since, are already these: the usual case while typing.
   */
  setDiagnostics(diagnostics: readonly Diagnostic[]): void {
    const len = this.view.state.doc.length;
    const marks: CmDiagnostic[] = [];
    for (const d of diagnostics) {
      const from = Math.max(0, Math.min(d.from, len));
      const to = Math.max(from, Math.min(d.to, len));
      marks.push({ from, to, severity: d.severity === "info" ? "info" : d.severity, message: d.message, source: d.code });
    }
    const shown: CmDiagnostic[] = [];
    forEachDiagnostic(this.view.state, (d, from, to) => shown.push({ ...d, from, to }));
    if (sameMarks(shown, marks)) return;
    this.view.dispatch(setDiagnostics(this.view.state, marks));
  }

  /** Selects `from..to` (clamped), scrolls it into view and focuses the editor. */
  jumpTo(from: number, to = from): void {
    const len = this.view.state.doc.length;
    const a = Math.max(0, Math.min(from, len));
    const b = Math.max(a, Math.min(to, len));
    this.view.dispatch({ selection: EditorSelection.range(a, b), effects: EditorView.scrollIntoView(a, { y: "center" }) });
    this.view.focus();
  }

  /** First line at least half visible at the top of the editor. */
  topLine(): number {
    const top = this.view.scrollDOM.scrollTop;
    const block = this.view.lineBlockAtHeight(top - this.view.documentPadding.top + 1);
    return this.view.state.doc.lineAt(block.from).number;
  }

  /** Scrolls so that `line` (plus `fraction` of the way to the next) is at the top, without echoing a scroll event. */
  scrollToLine(line: number, fraction = 0): void {
    const doc = this.view.state.doc;
    const n = Math.max(1, Math.min(line, doc.lines));
    const block = this.view.lineBlockAt(doc.line(n).from);
    this.programmaticScroll = Date.now() + 120;
    this.view.scrollDOM.scrollTop = block.top + block.height * fraction + this.view.documentPadding.top;
  }

  focus(): void {
    this.view.focus();
  }

  /** "Link to source": asks helper B's dialog, inserts the citation right after the selection. */
  async linkToSource(): Promise<boolean> {
    const sel = this.view.state.selection.main;
    const selectedText = this.view.state.sliceDoc(sel.from, sel.to);
    const citation = await openLinkToSource({ selectedText, briefLang: this.briefLang("en") });
    if (!citation) return false;
    // The selection may have moved while the dialog was open: map the original end.
    const at = Math.min(sel.to, this.view.state.doc.length);
    const before = at > 0 ? this.view.state.sliceDoc(at - 1, at) : "";
    const insert = before && !/\s/u.test(before) ? ` ${citation}` : citation;
    this.view.dispatch({ changes: { from: at, insert }, selection: EditorSelection.cursor(at + insert.length), scrollIntoView: true });
    this.view.focus();
    return true;
  }

  /** Marks the paragraph at the cursor as a judgment or an assumption (helper B's picker gives the prefix). */
  async markClaim(kind: "judgment" | "assumption"): Promise<boolean> {
    const prefix = await openJudgmentMarker({ briefLang: this.briefLang("en"), kind });
    if (!prefix) return false;
    const state = this.view.state;
    const doc = docLines(state.doc);
    const lineNo = blockStart(doc, state.doc.lineAt(state.selection.main.head).number);
    const line = state.doc.line(lineNo);
    const existing = findMarker(line.text);
    const lead = (BLOCK_PREFIX_RE.exec(line.text)?.[0] ?? "").length;
    const from = line.from + (existing ? existing.from : lead);
    let to = existing ? line.from + existing.to : from;
    // Replace an existing marker (and the space after it) rather than stacking a second one.
    if (existing) while (state.sliceDoc(to, to + 1) === " ") to++;
    // A direction mark before the label would hide the marker from the parser: keep it after.
    let dirMark = "";
    const ch = state.sliceDoc(from, from + 1);
    if (!existing && (ch === "\u200E" || ch === "\u200F")) {
      dirMark = ch;
      to = from + 1;
    }
    const insert = prefix.endsWith(" ") ? prefix + dirMark : `${prefix} ${dirMark}`;
    this.view.dispatch({ changes: { from, to, insert }, selection: EditorSelection.cursor(from + insert.length), scrollIntoView: true });
    this.view.focus();
    return true;
  }

  /** Flips the direction of the block at the cursor, in the brief text itself (the preview and PDF follow). */
  toggleDirection(): boolean {
    const state = this.view.state;
    const change = toggleDirectionChange(docLines(state.doc), state.selection.main.head, briefDir(state.doc));
    if (!change) return false;
    this.view.dispatch({ changes: change, userEvent: "input.direction" });
    return true;
  }
}
