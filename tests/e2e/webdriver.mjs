// A small W3C WebDriver client over fetch: just what the end-to-end suite needs to drive
// the real app through tauri-driver (which forwards to WebKitWebDriver).

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

export const Keys = {
  enter: "\uE007",
  end: "\uE010",
  home: "\uE011",
  backspace: "\uE003",
  control: "\uE009",
  shift: "\uE008",
  escape: "\uE00C",
};

export class WebDriver {
  constructor(base, session) {
    this.base = base;
    this.session = session;
  }

  static async request(base, method, path, body) {
    const response = await fetch(base + path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json().catch(() => ({ value: { error: "bad json", message: String(response.status) } }));
    if (!response.ok || (json.value && json.value.error)) {
      const v = json.value ?? {};
      throw new Error(`WebDriver ${method} ${path}: ${v.error ?? response.status}: ${v.message ?? ""}`);
    }
    return json.value;
  }

  static async start(base, application) {
    const value = await WebDriver.request(base, "POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application } } },
    });
    return new WebDriver(base, value.sessionId);
  }

  cmd(method, path, body) {
    return WebDriver.request(this.base, method, `/session/${this.session}${path}`, body);
  }

  async quit() {
    await this.cmd("DELETE", "");
  }

  /** Runs `script` (a function body) in the page; `arguments` are `args`. */
  execute(script, ...args) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  async find(css) {
    const value = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return value[ELEMENT];
  }

  async findAll(css) {
    const value = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return value.map((v) => v[ELEMENT]);
  }

  /** Runs `script`, which returns an element or null, and gives the element's id. */
  async elementFrom(script, ...args) {
    const value = await this.execute(script, ...args);
    return value?.[ELEMENT] ?? null;
  }

  /**
   * Clicks the element `script` returns. The editor may redraw the element between
   * finding and clicking it (a stale or vanished element): then it is looked up again.
   */
  async clickWhere(script, what, attempts = 5) {
    for (let attempt = 1; ; attempt++) {
      try {
        const id = await this.elementFrom(script);
        if (id === null) throw new Error(`no such element: ${what}`);
        return await this.click(id);
      } catch (e) {
        const redrawn = /stale element|no such element/.test(String(e));
        if (!redrawn || attempt >= attempts) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  click(id) {
    return this.cmd("POST", `/element/${id}/click`, {});
  }

  type(id, text) {
    return this.cmd("POST", `/element/${id}/value`, { text });
  }

  async text(id) {
    return this.cmd("GET", `/element/${id}/text`);
  }

  /** Polls `predicate` (a script returning a truthy value when done) until it holds. */
  async waitFor(script, what, timeout = 15000, ...args) {
    const deadline = Date.now() + timeout;
    let last;
    while (Date.now() < deadline) {
      last = await this.execute(script, ...args);
      if (last) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
  }

  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }
}
