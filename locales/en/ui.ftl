# The desktop app's interface (helper A: shell, editor, preview, briefs).
# Every id starts with `ui-`; the same ids exist in ar/ and fr/.

ui-app-title = Mizan
ui-window-title = { $title } — Mizan
ui-window-title-dirty = • { $title } — Mizan
ui-skip-to-editor = Skip to the editor
ui-untitled = Untitled brief
ui-not-saved-yet = Not saved yet
ui-dirty = Unsaved changes
ui-loading = Loading…
ui-close = Close
ui-cancel = Cancel
ui-fatal-title = Mizan could not start
ui-fatal-text = The application could not read its state. Restart it; if this happens again, report the message below.

## Toolbar
ui-toolbar-label = Brief commands
ui-action-new = New
ui-action-open = Open
ui-action-recent = Recent
ui-action-save = Save
ui-action-save-as = Save as
ui-action-history = History
ui-action-cite = Link to source
ui-action-judgment = Judgment
ui-action-assumption = Assumption
ui-action-direction = Direction
ui-action-export = Export PDF
ui-action-new-hint = New brief from a template
ui-action-open-hint = Open a brief (.md)
ui-action-recent-hint = Recent briefs and samples
ui-action-save-hint = Save the brief
ui-action-save-as-hint = Save the brief under another name
ui-action-history-hint = Saved revisions of this brief
ui-action-cite-hint = Link the selected text to a source
ui-action-judgment-hint = Mark the paragraph as a judgment
ui-action-assumption-hint = Mark the paragraph as an assumption
ui-action-direction-hint = Switch the paragraph between right-to-left and left-to-right
ui-action-export-hint = Export the brief as PDF
ui-tooltip-shortcut = { $label } ({ $keys })
ui-lang-label = Interface language
ui-lang-self-ar = العربية
ui-lang-self-fr = Français
ui-lang-self-en = English
ui-lang-ar = Arabic
ui-lang-fr = French
ui-lang-en = English

## Welcome and recovery
ui-welcome-label = Welcome
ui-welcome-text = Welcome to Mizan. This sample brief shows how sourced facts, judgments and assumptions are written; the preview and the audit follow as you type.
ui-welcome-dismiss = Dismiss
ui-sample-open = Open the { $lang } sample
ui-samples-heading = Sample briefs
ui-recovery-label = Recovered briefs
ui-recovery-intro = { $count ->
    [one] A brief was not saved when Mizan last closed. Restore it or discard it.
   *[other] { $count } briefs were not saved when Mizan last closed. Restore or discard each one.
}
ui-recovery-restore = Restore
ui-recovery-discard = Discard
ui-recovery-saved-at = autosaved { $when }

## Workspace
ui-tabs-label = Views
ui-tab-brief = Brief
ui-tab-sources = Sources
ui-editor-label = Brief text
ui-editor-placeholder = Write the brief in Markdown. Type [@ to cite a source.
ui-splitter-label = Resize editor and preview
ui-splitter-hint = Drag, or use the arrow keys, to resize
ui-preview-label = Preview
ui-preview-failed = The preview could not be produced: { $reason }
ui-preview-link-title = Open { $url } in the browser
ui-legend-label = Kinds of claim
ui-legend-fact = Sourced fact
ui-legend-judgment = Judgment
ui-legend-assumption = Assumption
ui-dirmark-rtl = Right-to-left mark
ui-dirmark-ltr = Left-to-right mark
ui-source-card-label = Source { $key }
ui-cite-grade = Reliability { $grade }
ui-cite-unknown-key = No source in the library has the key “{ $key }”.
ui-cite-load-failed = The source could not be loaded.

## Audit
ui-audit-label = Sourcing audit
ui-audit-title = Audit
ui-audit-counts = { $errors ->
    [one] 1 error
   *[other] { $errors } errors
}, { $warnings ->
    [one] 1 warning
   *[other] { $warnings } warnings
}, { $notes ->
    [one] 1 note
   *[other] { $notes } notes
}
ui-audit-empty = No problems found.
ui-audit-jump = Show in the editor
ui-audit-line = line { $line }
ui-stats-claims = { $count ->
    [one] 1 claim
   *[other] { $count } claims
} ({ $facts } facts, { $judgments } judgments, { $assumptions } assumptions)
ui-stats-sourced = { $percent } % of statements sourced ({ $sourced }/{ $statements })
ui-stats-no-statements = no factual statements yet
ui-stats-sources = { $count ->
    [one] 1 source cited
   *[other] { $count } sources cited
}

## Briefs
ui-unsaved-title = Unsaved changes
ui-unsaved-text = The brief has changes that are not saved. Save them first?
ui-unsaved-discard = Discard changes
ui-new-title = New brief
ui-new-template = Template
ui-new-lang = Language of the brief
ui-new-create = Create
ui-new-failed = The brief could not be created: { $reason }
ui-template-assessment = Assessment
ui-template-sitrep = Situation report
ui-template-note = Note
ui-recent-title = Recent briefs
ui-recent-heading = Recently opened
ui-recent-empty = No brief opened yet.
ui-history-title = Revision history
ui-history-list-label = Saved revisions
ui-history-no-id = This brief has no history yet: its revisions are kept from its first save.
ui-history-none = No revision saved yet.
ui-history-revision = Revision { $number }
ui-history-restore = Restore this revision
ui-history-diff-failed = The comparison could not be made.
ui-diff-identical = This revision is identical to the current text.
ui-diff-changes = { $count ->
    [one] 1 line differs from the current text.
   *[other] { $count } lines differ from the current text.
}
ui-diff-inserted = added:
ui-diff-deleted = removed:

## Export
ui-export-title = Export as PDF
ui-export-style = Style
ui-export-paper = Paper
ui-paper-a4 = A4
ui-paper-letter = US Letter
ui-style-default = Standard (footnotes)
ui-style-endnotes = Endnotes
ui-export-draft = Draft (marked as such on every page)
ui-export-has-errors = { $count ->
    [one] The audit reports 1 error: a final PDF needs it fixed, so “Draft” is ticked.
   *[other] The audit reports { $count } errors: a final PDF needs them fixed, so “Draft” is ticked.
}
ui-export-confirm = Export
ui-export-stage-start = Starting…
ui-export-stage-analyse = Checking the brief…
ui-export-stage-compose = Laying out the pages…
ui-export-stage-write = Writing the PDF…
ui-export-stage-done = Done.
ui-export-cancelled = Export cancelled.
ui-export-done = { $pages ->
    [one] 1 page
   *[other] { $pages } pages
}, { $kb } KB. The PDF opens in your viewer.
ui-export-warnings = { $count ->
    [one] 1 warning:
   *[other] { $count } warnings:
}
ui-export-audit-errors = A final PDF cannot be made while the audit reports errors. Fix them (see the audit panel), or tick “Draft” and export again.
ui-export-failed = The PDF could not be made.

## Status line
ui-status-saved = Saved to { $path }
ui-status-opened = Opened { $path }
ui-status-new = New brief created.
ui-status-recovered = Autosaved text restored; it is not saved yet.
ui-status-restored = Revision restored in the editor; save to keep it.
ui-status-exported = PDF written to { $path }
ui-status-direction-none = No paragraph here to change direction.
ui-error-with-detail = { $error }: { $detail }
ui-error-not-found = Not found
ui-error-key-taken = Key already used
ui-error-duplicate = Duplicate
ui-error-invalid-input = Invalid input
ui-error-io = File error
ui-error-library = Library error
ui-error-newer-schema = Library made by a newer Mizan
ui-error-not-a-library = Not a Mizan library
ui-error-audit-errors = The audit reports errors
ui-error-export-failed = Export failed
ui-error-not-permitted = Not permitted
ui-error-internal = Internal error

## CodeMirror's own words
ui-cm-find = Find
ui-cm-replace = Replace
ui-cm-next = next
ui-cm-previous = previous
ui-cm-all = all
ui-cm-match-case = match case
ui-cm-by-word = by word
ui-cm-regexp = regexp
ui-cm-replace-one = replace
ui-cm-replace-all = replace all
ui-cm-close = close
ui-cm-current-match = current match
ui-cm-replaced-matches = replaced $ matches
ui-cm-replaced-on-line = replaced match on line $
ui-cm-on-line = on line
ui-cm-go-to-line = Go to line
ui-cm-go = go
ui-cm-diagnostics = Diagnostics
ui-cm-no-diagnostics = No diagnostics
ui-cm-completions = Completions
ui-cm-control-character = Control character
ui-cm-selection-deleted = Selection deleted
ui-cm-folded-code = folded code
ui-cm-unfold = unfold
ui-cm-to = to
ui-cm-folded-lines = Folded lines
ui-cm-unfolded-lines = Unfolded lines
ui-cm-fold-line = Fold line
ui-cm-unfold-line = Unfold line
