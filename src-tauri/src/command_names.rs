// Every IPC command, in one list read by build.rs (to generate one permission per
// command for the capability file) and by the crate (a test checks it against the
// command table). Keep sorted by area, not alphabetically: the order is the docs' order.
pub const COMMAND_NAMES: &[&str] = &[
    "app_state",
    "set_ui_lang",
    "sources_search",
    "source_get",
    "source_add",
    "source_update",
    "source_grade",
    "source_remove",
    "source_add_excerpt",
    "sources_import",
    "sources_export",
    "brief_templates",
    "brief_new",
    "brief_analyze",
    "brief_open",
    "brief_open_recent",
    "brief_save",
    "brief_save_as",
    "brief_revisions",
    "brief_revision_diff",
    "recovery_store",
    "recovery_discard",
    "export_pdf",
    "open_url",
];
