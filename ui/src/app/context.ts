// What the brief, history, export and recovery modules need from the application shell.

import type { BriefEditor } from "../editor/editor";
import type { Lang } from "../i18n";
import type { CommandError } from "../ipc/api";
import type { AppState, SavedBrief } from "../ipc/bindings";
import type { LiveAnalysis } from "./analysis";

/** The brief open in the editor. `savedText` null: never saved in this form (recovered text). */
export type OpenDoc = { key: string; path: string | null; savedText: string | null };

export type LoadOptions = {
  path: string | null;
  text: string;
  /** Recovery key to keep using (a restored autosave); a fresh one otherwise. */
  key?: string;
  /** What is on disk, if known; null marks the text as unsaved. Defaults to `text`. */
  savedText?: string | null;
};

export interface AppContext {
  readonly editor: BriefEditor;
  readonly analysis: LiveAnalysis;
  state(): AppState;
  doc(): OpenDoc;
  uiLang(): Lang;
  isDirty(): boolean;
  /** Puts another brief in the editor (the caller has dealt with unsaved changes). */
  load(opts: LoadOptions): void;
  /** Records a successful save: path, text on disk (may carry a new `id`), recovery discarded. */
  markSaved(saved: SavedBrief): Promise<void>;
  /** Re-reads the shell's state (recent briefs, styles, recovery). */
  refreshState(): Promise<AppState>;
  /** A short message in the status line (screen readers hear it). */
  status(id: string, args?: Record<string, string | number>): void;
  /** Reports a failed command in the status line, with the shell's message. */
  fail(error: unknown): void;
}

export function errorText(error: unknown): { code: string; message: string } {
  const e = error as Partial<CommandError> | null;
  if (e && typeof e === "object" && typeof e.code === "string") return { code: e.code, message: typeof e.message === "string" ? e.message : "" };
  return { code: "internal", message: error instanceof Error ? error.message : String(error) };
}
