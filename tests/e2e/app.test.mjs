// End-to-end: the real release app under Xvfb, driven through tauri-driver and
// WebKitWebDriver. Run by scripts/test (`xvfb-run -a node --test tests/e2e/`).
//
// Each run starts from empty data and config folders, so the app does its first start:
// sample library, Arabic sample brief open. Native file dialogs are scripted with
// MIZAN_E2E_DIALOGS (see src-tauri/src/dialogs.rs).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { WebDriver, Keys } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const application = process.env.MIZAN_APP ?? join(root, "target/release/mizan-app");
const port = 4444;
const base = `http://127.0.0.1:${port}`;
const home = mkdtempSync(join(tmpdir(), "mizan-e2e-"));
const dialogs = join(home, "dialogs");
const artifacts = join(root, "target/e2e");
mkdirSync(dialogs, { recursive: true });
mkdirSync(artifacts, { recursive: true });

let driver;
let wd;

async function waitForDriver() {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    try {
      await fetch(`${base}/status`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("tauri-driver did not start listening");
}

before(async () => {
  assert.ok(existsSync(application), `${application} is missing: build the app first (cargo build --release -p mizan-app)`);
  driver = spawn("tauri-driver", ["--port", String(port)], {
    env: {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: join(home, "data"),
      XDG_CONFIG_HOME: join(home, "config"),
      MIZAN_E2E_DIALOGS: dialogs,
      MIZAN_ANALYST: "E2E Analyst",
      LANG: "ar_MA.UTF-8",
      LC_ALL: "",
      LC_MESSAGES: "",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForDriver();
  wd = await WebDriver.start(base, application);
});

after(async () => {
  try {
    if (wd) writeFileSync(join(artifacts, "last.png"), await wd.screenshot());
  } catch {}
  try {
    if (wd) await wd.quit();
  } catch {}
  driver?.kill();
});

const sel = (css) => `document.querySelector(${JSON.stringify(css)})`;
const q = (css) => `return ${sel(css)}`;

async function clickOn(css) {
  await wd.waitFor(`${q(css)} !== null`, css);
  await wd.clickWhere(q(css), css);
}

test("first start opens the Arabic sample with the UI in Arabic", async () => {
  await wd.waitFor(`return document.body.dataset.ready === "true"`, "the app to be ready", 30000);
  const root = await wd.execute(`return [document.documentElement.lang, document.documentElement.dir]`);
  assert.deepEqual(root, ["ar", "rtl"]);
  await wd.waitFor(`return document.querySelector('[data-testid=preview] article[lang=ar]') !== null`, "the Arabic sample in the preview");
  // The French sample is one click away.
  await wd.waitFor(`return document.querySelector('[data-testid=welcome] [data-testid=sample-fr], [data-testid=sample-fr]') !== null`, "the French sample link");
});

test("a new Arabic brief from a template, a paragraph, a citation through autocomplete", async () => {
  await clickOn("[data-testid=new-brief]");
  await wd.waitFor(`${q("[data-testid=new-brief-dialog]")} !== null`, "the new-brief dialog");
  await wd.execute(`
    const d = document.querySelector('[data-testid=new-brief-dialog]');
    const set = (name, value) => { const s = d.querySelector('select[name=' + name + ']'); s.value = value; s.dispatchEvent(new Event('change', {bubbles: true})); };
    set('template', 'assessment'); set('lang', 'ar');`);
  await clickOn("[data-testid=create-brief]");
  // An unsaved-changes prompt may come first if the sample was touched: discard.
  await wd.waitFor(
    `const u = document.querySelector('[data-testid=unsaved-discard]'); if (u) u.click();
     return [...document.querySelectorAll('.cm-line')].some(l => l.textContent.includes('الوقائع الثابتة'))`,
    "the template in the editor",
  );
  // Click the comment under « الوضع الراهن » (a section whose statements need sources) and
  // write a paragraph after it.
  await wd.clickWhere(
    `return [...document.querySelectorAll('.cm-line')].find(l => l.textContent.includes('الوقائع الثابتة')) ?? null`,
    "the comment line of the facts section",
  );
  const content = await wd.find(".cm-content");
  const sentence = "فرضت الجماعة المسلحة حصارا على شاحنات الوقود المتجهة إلى باماكو منذ سبتمبر 2025";
  await wd.type(content, Keys.end + Keys.enter + Keys.enter + sentence + ".");
  // Unsourced in a section that requires sources: the audit says so.
  const diagnosticFor = `return [...document.querySelectorAll('[data-testid=audit-panel] [data-testid=diagnostic][data-code=unsourced-statement]')]
      .some(d => (d.textContent || '').length > 0 && Number(d.dataset.line) > 0 && document.querySelector('.cm-content').textContent.includes(${JSON.stringify(sentence)}))`;
  await wd.waitFor(diagnosticFor, "an unsourced-statement diagnostic");
  const before = await wd.execute(`return document.querySelectorAll('[data-testid=diagnostic][data-code=unsourced-statement]').length`);

  // Cite: remove the full stop, type [@ and a few letters, accept the first suggestion.
  await wd.type(content, Keys.backspace + " [@rfi");
  await wd.waitFor(`return document.querySelectorAll('.cm-tooltip-autocomplete li').length > 0`, "autocomplete options");
  const options = await wd.execute(`return [...document.querySelectorAll('.cm-tooltip-autocomplete li')].map(li => li.textContent)`);
  assert.ok(options.some((o) => o.includes("rfi-blocus-bamako-2025")), JSON.stringify(options));
  // Pick the suggestion with the mouse, as a user would.
  await wd.clickWhere(
    `return [...document.querySelectorAll('.cm-tooltip-autocomplete li')].find(li => li.textContent.includes('rfi-blocus-bamako-2025')) ?? null`,
    "the rfi-blocus-bamako-2025 suggestion",
  );
  await wd.waitFor(`return document.querySelector('.cm-content').textContent.includes('[@rfi-blocus-bamako-2025')`, "the citation in the text");
  // Close the citation if the editor did not, then end the sentence.
  const text = await wd.execute(`return document.querySelector('.cm-content').textContent`);
  const closed = text.includes("[@rfi-blocus-bamako-2025]");
  await wd.type(content, (closed ? Keys.end : "]") + ".");

  // The claim shows in the preview, cited, and the diagnostic is gone.
  await wd.waitFor(
    `return [...document.querySelectorAll('[data-testid=preview] .claim.fact')].some(c => c.textContent.includes('شاحنات الوقود') && c.querySelector('[data-key="rfi-blocus-bamako-2025"]'))`,
    "the cited fact in the preview",
  );
  await wd.waitFor(
    `return document.querySelectorAll('[data-testid=diagnostic][data-code=unsourced-statement]').length === ${before} - 1`,
    "the unsourced-statement diagnostic to disappear",
  );
});

test("a source added in the Sources tab is found by search", async () => {
  await clickOn("[data-testid=tab-sources]");
  await clickOn("[data-testid=source-add]");
  await wd.waitFor(`${q("[data-testid=source-form]")} !== null`, "the source form");
  await wd.execute(`
    const f = document.querySelector('[data-testid=source-form]');
    const set = (name, value) => { const el = f.querySelector('[name="' + name + '"]'); el.value = value; el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true})); };
    set('key', 'ledjely-convois-2025');
    set('kind', 'news-article');
    set('title', 'Les convois de citernes escortés jusqu’à Kayes');
    set('authors', 'Ledjely, Mariam');
    set('issued', '2025-10-14');
    set('language', 'fr');
    set('grade', 'C');`);
  await clickOn("[data-testid=source-save]");
  await wd.waitFor(`return ${sel("[data-testid=source-form]")} === null`, "the form to close");
  const search = await wd.find("[data-testid=source-search]");
  await wd.type(search, "citernes");
  await wd.waitFor(`return document.querySelector('[data-testid=source-row][data-key="ledjely-convois-2025"]') !== null`, "the new source in the results");
  await clickOn("[data-testid=tab-brief]");
});

test("exporting the brief writes a PDF whose text holds the paragraph", async () => {
  await clickOn("[data-testid=export-pdf]");
  await wd.waitFor(`${q("[data-testid=export-dialog]")} !== null`, "the export dialog");
  // The template still has placeholder sections: export as a draft.
  await wd.execute(`const d = document.querySelector('[data-testid=export-dialog] [name=draft]'); if (!d.checked) d.click();`);
  await clickOn("[data-testid=export-confirm]");
  const path = await wd.waitFor(`const r = document.querySelector('[data-testid=export-result]'); return r && r.dataset.path`, "the export result", 30000);
  assert.ok(path.startsWith(dialogs), path);
  const text = execFileSync("pdftotext", ["-enc", "UTF-8", path, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  for (const word of ["الجماعة", "المسلحة", "شاحنات", "الوقود", "باماكو", "سبتمبر"]) {
    assert.ok(text.includes(word), `${word} not in the PDF text: ${text.slice(0, 400)}`);
  }
  // Esc closes the dialog.
  await wd.type(await wd.find("[data-testid=export-dialog]"), Keys.escape);
  await wd.waitFor(`return ${sel("[data-testid=export-dialog]")} === null || !${sel("[data-testid=export-dialog]")}.open`, "the export dialog to close");
});

test("hostile content in a brief and a source never executes", async () => {
  const hostile = join(dialogs, "hostile.md");
  writeFileSync(
    hostile,
    [
      "---",
      "title: Test",
      "lang: fr",
      "---",
      "",
      "Texte <script>window.__pwned = 1</script> et <img src=x onerror=\"window.__pwned = 2\"> encore.",
      "",
      "[un lien](javascript:window.__pwned=3) et <a href=\"javascript:window.__pwned=4\">un autre</a>.",
      "",
      "<iframe src=\"javascript:window.__pwned=5\"></iframe><svg onload=\"window.__pwned=6\"></svg>",
      "",
    ].join("\n"),
  );
  writeFileSync(join(dialogs, "open-next"), hostile);
  await clickOn("[data-testid=open-brief]");
  await wd.waitFor(
    `const u = document.querySelector('[data-testid=unsaved-discard]'); if (u) u.click();
     return document.querySelector('[data-testid=preview] article[lang=fr]') !== null`,
    "the hostile brief in the preview",
  );
  // Click every link the preview kept.
  await wd.execute(`document.querySelectorAll('[data-testid=preview] a').forEach(a => a.click())`);
  const found = await wd.execute(`
    const p = document.querySelector('[data-testid=preview]');
    return { pwned: window.__pwned ?? null, scripts: p.querySelectorAll('script, iframe, svg, img[onerror]').length,
             handlers: [...p.querySelectorAll('*')].flatMap(e => [...e.attributes].map(a => a.name)).filter(n => n.startsWith('on')).length,
             jsLinks: [...p.querySelectorAll('a')].filter(a => (a.getAttribute('href') || '').toLowerCase().startsWith('javascript')).length }`);
  assert.deepEqual(found, { pwned: null, scripts: 0, handlers: 0, jsLinks: 0 });

  // A source whose fields are markup shows them as text.
  await clickOn("[data-testid=tab-sources]");
  await clickOn("[data-testid=source-add]");
  await wd.waitFor(`${q("[data-testid=source-form]")} !== null`, "the source form");
  await wd.execute(`
    const f = document.querySelector('[data-testid=source-form]');
    const set = (name, value) => { const el = f.querySelector('[name="' + name + '"]'); el.value = value; el.dispatchEvent(new Event('input', {bubbles: true})); };
    set('key', 'hostile-2025');
    set('title', '<img src=x onerror="window.__pwned=7"><script>window.__pwned=8</script>');
    set('notes', '<svg onload="window.__pwned=9"></svg>');
    set('url', 'javascript:window.__pwned=10');`);
  await clickOn("[data-testid=source-save]");
  const search = await wd.find("[data-testid=source-search]");
  await wd.execute(`const s = document.querySelector('[data-testid=source-search]'); s.value = ''; s.dispatchEvent(new Event('input', {bubbles: true}));`);
  await wd.type(search, "onerror");
  await wd.waitFor(`return document.querySelector('[data-testid=source-row][data-key="hostile-2025"]') !== null`, "the hostile source in the list");
  await clickOn('[data-testid=source-row][data-key="hostile-2025"]');
  await new Promise((r) => setTimeout(r, 500));
  const afterSource = await wd.execute(`
    return { pwned: window.__pwned ?? null, imgs: document.querySelectorAll('img[onerror], script:not([src]), svg[onload]').length,
             shown: document.body.textContent.includes('<img src=x onerror=') }`);
  assert.deepEqual(afterSource, { pwned: null, imgs: 0, shown: true });
  await clickOn("[data-testid=tab-brief]");
});

test("switching the UI to French changes the labels and the direction", async () => {
  const arabic = await wd.execute(`return document.querySelector('[data-testid=tab-sources]').textContent`);
  await wd.execute(`const s = document.querySelector('[data-testid=ui-lang]'); s.value = 'fr'; s.dispatchEvent(new Event('change', {bubbles: true}));`);
  await wd.waitFor(`return document.documentElement.lang === 'fr' && document.documentElement.dir === 'ltr'`, "the French UI");
  const french = await wd.execute(`return document.querySelector('[data-testid=tab-sources]').textContent`);
  const expected = readFileSync(join(root, "locales/fr/ui.ftl"), "utf8").match(/^ui-tab-sources = (.*)$/m)?.[1];
  assert.equal(french.trim(), expected?.trim());
  assert.notEqual(french, arabic);
});

test("sync: a shared folder chosen in the (scripted) folder dialog, then the last-sync state", async () => {
  const shared = join(home, "shared-folder");
  mkdirSync(shared, { recursive: true });
  const state = (what) => `const s = document.querySelector('[data-testid=sync-state]'); return s && ${what}`;
  await wd.waitFor(state(`s.dataset.state === 'off'`), "sync not set up yet");
  // Without a folder, Sync opens the shared-folder dialog; the folder dialog is scripted.
  await clickOn("[data-testid=sync-now]");
  await wd.waitFor(`${q("[data-testid=sync-dialog]")} !== null`, "the sync dialog");
  writeFileSync(join(dialogs, "folder-next"), shared);
  await clickOn("[data-testid=sync-choose-folder]");
  // A folder just chosen is synced at once.
  const first = await wd.waitFor(state(`s.dataset.state === 'ok' && s.dataset.lastSync`), "the first sync", 30000);
  const sent = await wd.execute(`return Number(document.querySelector('[data-testid=sync-dialog] [data-testid=sync-sent]')?.dataset.count ?? -1)`);
  assert.ok(sent > 0, `changes sent: ${sent}`);
  // This laptop wrote its own folder in the share, with a changeset.
  const devices = readdirSync(join(shared, "mizan-sync"));
  assert.equal(devices.length, 1, devices.join(", "));
  assert.ok(readdirSync(join(shared, "mizan-sync", devices[0])).some((f) => f.endsWith(".changes")));
  await wd.type(await wd.find("[data-testid=sync-dialog]"), Keys.escape);
  await wd.waitFor(`return ${sel("[data-testid=sync-dialog]")} === null`, "the sync dialog to close");
  // Sync again from the toolbar: the last-sync time moves on.
  await new Promise((r) => setTimeout(r, 20));
  await clickOn("[data-testid=sync-now]");
  await wd.waitFor(state(`s.dataset.state === 'ok' && s.dataset.lastSync > ${JSON.stringify(first)}`), "a second sync", 30000);
  const label = await wd.execute(`return document.querySelector('[data-testid=sync-now]').getAttribute('aria-describedby')`);
  assert.equal(await wd.execute(`return document.getElementById(${JSON.stringify(label)}).dataset.testid`), "sync-state");
});
