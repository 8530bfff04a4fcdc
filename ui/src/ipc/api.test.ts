import { afterEach, describe, expect, it } from "vitest";
import { CommandError, call, on, setTransport } from "./api";

let restore: (() => void) | undefined;
afterEach(() => restore?.());

describe("call", () => {
  it("wraps the request under `req` and returns the result", async () => {
    const seen: Array<[string, Record<string, unknown>]> = [];
    restore = setTransport({
      invoke: async (command, args) => {
        seen.push([command, args]);
        return [];
      },
      listen: async () => () => {},
    });
    const hits = await call("sources_search", { text: "بماكو", kinds: [], language: null, grades: [], years: null, tag: null, limit: 5 });
    expect(hits).toEqual([]);
    expect(seen).toEqual([["sources_search", { req: { text: "بماكو", kinds: [], language: null, grades: [], years: null, tag: null, limit: 5 } }]]);
    await call("app_state");
    expect(seen[1]).toEqual(["app_state", { req: null }]);
  });

  it("turns typed failures into CommandError with their code", async () => {
    restore = setTransport({
      invoke: async () => {
        throw { code: "key_taken", message: "a source with key `x` already exists", field: "key" };
      },
      listen: async () => () => {},
    });
    const error = await call("source_get", { key: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandError);
    expect(error).toMatchObject({ code: "key_taken", field: "key", command: "source_get" });
  });

  it("treats untyped failures as internal", async () => {
    restore = setTransport({
      invoke: async () => {
        throw "webview went away";
      },
      listen: async () => () => {},
    });
    await expect(call("app_state")).rejects.toMatchObject({ code: "internal", message: "webview went away" });
  });
});

describe("on", () => {
  it("delivers event payloads", async () => {
    let handler: ((payload: unknown) => void) | undefined;
    restore = setTransport({
      invoke: async () => null,
      listen: async (_event, h) => {
        handler = h;
        return () => {};
      },
    });
    const got: number[] = [];
    await on("import-progress", (p) => got.push(p.done));
    handler?.({ done: 3, total: 10 });
    expect(got).toEqual([3]);
  });
});
