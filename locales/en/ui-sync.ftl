# Sync with the team through a shared folder: the toolbar control, the shared-folder
# dialog and the conflicts panel (ui/src/sync/). Also the error codes of sync and the
# title of the shell's folder dialog.

## Toolbar

sync-button = Sync
sync-button-hint = Sync the library with the team's shared folder
sync-settings = Shared folder…
sync-region-label = Sync with the team
sync-conflicts-button = { $count ->
    [one] 1 conflict
   *[other] { $count } conflicts
}
sync-state-unknown = Sync status unavailable
sync-state-off = Sync not set up
sync-state-never = Not synced yet
sync-state-running = Syncing…
sync-state-ok = Last sync: { $when }
sync-state-error = Sync failed
sync-done = Synced. Changes received: { $received }, sent: { $sent }.
sync-forgotten = Sync stopped. The shared folder was left as it is.

## Shared-folder dialog

sync-dialog-title = Sync with the team
sync-intro = Mizan shares sources, excerpts, grades and tags with your team through a folder you all can reach: a network share, Syncthing, Nextcloud or a USB stick. Briefs and their history stay on this computer.
sync-folder-label = Shared folder
sync-folder-none = No shared folder chosen yet.
sync-choose-folder = Choose folder…
sync-change-folder = Change folder…
sync-forget-folder = Stop syncing
sync-periodic-note = While a folder is set, Mizan syncs when it starts and every five minutes.
sync-last-label = Last sync
sync-report-when = Ended { $when }
sync-summary-sent = Changes sent: { $count }
sync-summary-received = Changes received: { $count }
sync-summary-applied = Changes applied here: { $count }
sync-summary-conflicts = New conflicts: { $count }
sync-summary-waiting = Laptops whose next changes have not reached the folder yet: { $count }
sync-refused-title = Files refused
sync-refused-hint = These files from other laptops are damaged or belong to another library. Their later changes wait until the laptop that wrote them syncs again.
sync-error-title = The last sync failed.
sync-open-conflicts = { $count ->
    [0] Conflicts…
    [one] Review 1 conflict…
   *[other] Review { $count } conflicts…
}
sync-now = Sync now
sync-close = Close

## Conflicts panel

sync-conflicts-title = Sync conflicts
sync-conflicts-intro = When the same field was changed on two laptops, the later change was kept everywhere and the other value was logged here. Keep the other value, or dismiss the conflict to keep the current one.
sync-conflicts-show-all = Also show resolved conflicts
sync-conflicts-list-label = Conflicts
sync-conflicts-none = No open conflicts.
sync-conflicts-none-all = The conflict log is empty.
sync-conflict-kind-field = Changed on two laptops
sync-conflict-kind-delete = Deleted on one laptop, edited on another
sync-conflict-kind-key = Two sources had the same citation key
sync-conflict-excerpt = Excerpt
sync-conflict-source-unknown = Source no longer in the library
sync-conflict-field = Field: { $field }
sync-conflict-kept = Current value
sync-conflict-lost = Other value
sync-conflict-device = Device { $device }
sync-conflict-detected = Logged { $when }
sync-value-empty = (empty)
sync-value-live = Kept, with the edit
sync-value-deleted = Deleted
sync-flip = Keep other value
sync-flip-delete = Delete after all
sync-dismiss = Dismiss
sync-resolved-flipped = Other value kept ({ $when })
sync-resolved-dismissed = Dismissed ({ $when })

## Field names

sync-field-key = Citation key
sync-field-type = Type
sync-field-title = Title
sync-field-container-title = Published in
sync-field-authors = Authors
sync-field-publisher = Publisher
sync-field-issued = Date
sync-field-url = URL
sync-field-doi = DOI
sync-field-language = Language
sync-field-pages = Pages
sync-field-accessed = Accessed
sync-field-notes = Notes
sync-field-tags = Tags
sync-field-grade = Reliability
sync-field-deleted = Deletion
sync-field-created = Creation
sync-field-modified = Last change
sync-field-source-id = Source of the excerpt
sync-field-position = Position
sync-field-text = Excerpt text
sync-field-locator = Locator

## Errors (stable codes of the shell)

ui-error-no-sync-folder = Sync not set up
ui-error-sync-folder = Shared folder unusable
ui-error-cannot-flip = The other value cannot be restored
