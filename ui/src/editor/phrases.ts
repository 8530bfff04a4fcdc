// CodeMirror's own interface words (search panel, lint panel, screen-reader announcements),
// translated through the UI's messages so nothing in the editor stays in English.

import { EditorState, type Extension } from "@codemirror/state";
import { t } from "../i18n";

const PHRASES: Record<string, string> = {
  "Find": "ui-cm-find",
  "Replace": "ui-cm-replace",
  "next": "ui-cm-next",
  "previous": "ui-cm-previous",
  "all": "ui-cm-all",
  "match case": "ui-cm-match-case",
  "by word": "ui-cm-by-word",
  "regexp": "ui-cm-regexp",
  "replace": "ui-cm-replace-one",
  "replace all": "ui-cm-replace-all",
  "close": "ui-cm-close",
  "current match": "ui-cm-current-match",
  "replaced $ matches": "ui-cm-replaced-matches",
  "replaced match on line $": "ui-cm-replaced-on-line",
  "on line": "ui-cm-on-line",
  "Go to line": "ui-cm-go-to-line",
  "go": "ui-cm-go",
  "Diagnostics": "ui-cm-diagnostics",
  "No diagnostics": "ui-cm-no-diagnostics",
  "Completions": "ui-cm-completions",
  "Control character": "ui-cm-control-character",
  "Selection deleted": "ui-cm-selection-deleted",
  "folded code": "ui-cm-folded-code",
  "unfold": "ui-cm-unfold",
  "to": "ui-cm-to",
  "Folded lines": "ui-cm-folded-lines",
  "Unfolded lines": "ui-cm-unfolded-lines",
  "Fold line": "ui-cm-fold-line",
  "Unfold line": "ui-cm-unfold-line",
};

/** The phrases facet for the current UI language (reconfigure it on a language change). */
export function editorPhrases(): Extension {
  const out: Record<string, string> = {};
  // CodeMirror substitutes "$" itself; the messages keep a literal "$" where the number goes.
  for (const [phrase, id] of Object.entries(PHRASES)) out[phrase] = t(id);
  return EditorState.phrases.of(out);
}

export const PHRASE_IDS: readonly string[] = Object.values(PHRASES);
