// The one door to the Rust shell. Every command goes through `call`, typed by the
// generated `Commands` table, and every failure arrives as a `CommandError` carrying the
// stable `code` the shell gave it (the UI never matches message text).

import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { Commands, ErrorCode, Events, IpcError } from "./bindings";

/** How commands and events travel: Tauri in the app, a fake in unit tests. */
export interface Transport {
  invoke(command: string, args: Record<string, unknown>): Promise<unknown>;
  listen(event: string, handler: (payload: unknown) => void): Promise<() => void>;
}

const tauriTransport: Transport = {
  invoke: (command, args) => invoke(command, args),
  listen: async (event, handler) => listen(event, (e) => handler(e.payload)),
};

let transport: Transport = tauriTransport;

/** Replaces the transport (unit tests); returns a function that restores the previous one. */
export function setTransport(next: Transport): () => void {
  const previous = transport;
  transport = next;
  return () => {
    transport = previous;
  };
}

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  "not_found", "key_taken", "duplicate", "invalid_input", "io", "already_exists", "library", "newer_schema",
  "not_a_library", "audit_errors", "export_failed", "not_permitted", "no_sync_folder", "sync_folder",
  "cannot_flip", "internal",
]);

/** A command that failed. `code` is stable; `message` is for people (already names the file, line or field). */
export class CommandError extends Error implements IpcError {
  readonly code: ErrorCode;
  readonly field: string | null;
  readonly command: string;

  constructor(command: string, error: IpcError) {
    super(error.message);
    this.name = "CommandError";
    this.command = command;
    this.code = error.code;
    this.field = error.field;
  }
}

function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === "string" && ERROR_CODES.has(v.code) && typeof v.message === "string";
}

function toCommandError(command: string, raw: unknown): CommandError {
  if (isIpcError(raw)) return new CommandError(command, { code: raw.code, message: raw.message, field: raw.field ?? null });
  // Anything else (a panic turned into a string, a transport failure) is an internal error.
  const message = raw instanceof Error ? raw.message : typeof raw === "string" ? raw : JSON.stringify(raw);
  return new CommandError(command, { code: "internal", message, field: null });
}

type Args<K extends keyof Commands> = Commands[K]["req"] extends null ? [] : [Commands[K]["req"]];

/** Runs a shell command. Rejects with `CommandError`. */
export async function call<K extends keyof Commands>(command: K, ...args: Args<K>): Promise<Commands[K]["res"]> {
  // Every command takes one argument named `req`; those without a request take null.
  const payload: Record<string, unknown> = { req: args.length > 0 ? args[0] : null };
  try {
    return (await transport.invoke(command, payload)) as Commands[K]["res"];
  } catch (raw) {
    throw toCommandError(command, raw);
  }
}

/** Subscribes to a shell event; resolves to the unsubscribe function. */
export function on<E extends keyof Events>(event: E, handler: (payload: Events[E]) => void): Promise<() => void> {
  return transport.listen(event, (payload) => handler(payload as Events[E]));
}
