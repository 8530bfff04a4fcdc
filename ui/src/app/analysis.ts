// The live analysis loop: every change sends `brief_analyze` at once when nothing is in
// flight; while one request runs, later changes only set a flag, and when it returns the
// latest text is sent again. So the preview never lags more than one analysis behind and
// the shell never queues stale work. No debounce.
//
// Each request lists the preview blocks the UI already holds (`knownBlocks`), and the
// shell leaves their markup out: after a keystroke the answer carries the one block that
// changed, not the whole article. Should the preview no longer hold a block it was
// told it has (its content was replaced meanwhile), the text is analysed again in full.

import { CommandError, call } from "../ipc/api";
import type { Analysis, Lang } from "../ipc/bindings";

export type AnalysisHooks = {
  text(): string;
  uiLang(): Lang;
  /** Keys of the preview blocks the UI holds. */
  knownBlocks(): string[];
  /**
   * `current`: the analysed text is still the editor's text (positions are valid).
   * False: the preview lacked a block left out of the answer; the analysis is run again in full.
   */
  onResult(analysis: Analysis, current: boolean): boolean;
  onError(error: CommandError): void;
};

export class LiveAnalysis {
  private inFlight = false;
  private again = false;
  /** The next request lists no known blocks. */
  private full = false;
  private readonly hooks: AnalysisHooks;
  private latest: Analysis | null = null;
  private latestText: string | null = null;
  private waiters: Array<() => void> = [];

  constructor(hooks: AnalysisHooks) {
    this.hooks = hooks;
  }

  /** The last analysis whose text equals the editor's text, if any. */
  current(): Analysis | null {
    return this.latestText === this.hooks.text() ? this.latest : null;
  }

  /** The most recent analysis, even if the text changed since. */
  last(): Analysis | null {
    return this.latest;
  }

  /** Requests an analysis of the current text. */
  request(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    void this.run();
  }

  /** Resolves once the analysis of the text as it is now has arrived (or failed). */
  settled(): Promise<void> {
    if (!this.inFlight && !this.again && this.latestText === this.hooks.text()) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      if (!this.inFlight) this.request();
    });
  }

  private async run(): Promise<void> {
    this.inFlight = true;
    this.again = false;
    const text = this.hooks.text();
    const knownBlocks = this.full ? [] : this.hooks.knownBlocks();
    this.full = false;
    try {
      const analysis = await call("brief_analyze", { text, uiLang: this.hooks.uiLang(), knownBlocks });
      // Perf point: the analysis is back (tests/e2e/bench.mjs splits the latency here).
      performance.mark("mizan:analysis");
      this.latest = analysis;
      this.latestText = text;
      if (!this.hooks.onResult(analysis, text === this.hooks.text())) {
        this.full = true;
        this.again = true;
      }
    } catch (e) {
      this.hooks.onError(e instanceof CommandError ? e : new CommandError("brief_analyze", { code: "internal", message: String(e), field: null }));
    } finally {
      this.inFlight = false;
    }
    if (this.again || this.hooks.text() !== text) {
      void this.run();
      return;
    }
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
