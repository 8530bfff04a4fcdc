// Desktop app benchmark (not a test: figures, no pass/fail). Run on a quiet machine:
//   xvfb-run -a -s "-screen 0 1400x900x24" node tests/e2e/bench.mjs [runs]
// after `cargo build --release -p mizan-app` (or scripts/test). It measures, on the
// release binary under Xvfb:
//   - cold start: from asking tauri-driver for a session (which spawns the app) to the
//     sample brief being editable (body[data-ready]), and the part of it inside the
//     web view (performance.now() at ready, i.e. from navigation start);
//   - resident memory with the Arabic sample open: the app process alone, and the app
//     with its WebKit web and network processes (RSS and PSS, from /proc), and the floor
//     under it: a blank Tauri window (src-tauri/examples/blank_window.rs, if built);
//   - keystroke to updated preview on a 10,000-word brief: for single keystrokes, the
//     time from the editor's `mizan:edit` mark to the preview's `mizan:preview` mark.

import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { WebDriver } from "./webdriver.mjs";

const root = resolve(import.meta.dirname, "../..");
const application = process.env.MIZAN_APP ?? join(root, "target/release/mizan-app");
const runs = Number(process.argv[2] ?? 5);
const port = 4450;
const base = `http://127.0.0.1:${port}`;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

function startDriver(home) {
  const driver = spawn("tauri-driver", ["--port", String(port), "--native-port", String(port + 1)], {
    env: {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: join(home, "data"),
      XDG_CONFIG_HOME: join(home, "config"),
      MIZAN_E2E_DIALOGS: join(home, "dialogs"),
      LANG: "ar_MA.UTF-8",
    },
    stdio: ["ignore", "ignore", "ignore"],
  });
  return driver;
}

async function waitForDriver() {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(`${base}/status`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error("tauri-driver did not start");
}

/** kB of RSS and PSS of a process, from /proc. */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rss = Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
  let pss = 0;
  try {
    pss = Number(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+)/m)?.[1] ?? 0);
  } catch {}
  return { rss, pss };
}

function children(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function tree(pid) {
  const all = [pid];
  for (const c of children(pid)) all.push(...tree(c));
  return all;
}

function appPid() {
  const out = execFileSync("pgrep", ["-n", "-f", application], { encoding: "utf8" }).trim();
  return Number(out.split("\n").pop());
}

function commandOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "?";
  }
}

/** A brief of about `words` words: the French sample's body, repeated with its citations. */
function bigBrief(words) {
  const sample = readFileSync(join(root, "tests/fixtures/briefs/sample-fr.md"), "utf8");
  const end = sample.indexOf("\n---", 4);
  const front = sample.slice(0, end + 4).replace(/\nid: .*\n/, "\n");
  const body = sample.slice(end + 4);
  let text = front;
  let n = 0;
  while (text.split(/\s+/).length < words) {
    n += 1;
    text += body.replace(/^## (.*)$/gm, `## $1 (${n})`);
  }
  return { text, words: text.split(/\s+/).length, copies: n };
}

/** Types 60 single characters in the middle of a long line, each after the preview caught up. */
async function typeAndMeasure(wd) {
  await wd.clickWhere(
    `const line = [...document.querySelectorAll('.cm-line')].find(l => l.textContent.length > 80);
     line?.scrollIntoView({ block: 'center' });
     return line ?? null`,
    "a long line",
  );
  const content = await wd.find(".cm-content");
  const latencies = [];
  const roundTrips = [];
  for (let i = 0; i < 60; i++) {
    await wd.execute(`for (const m of ['mizan:edit', 'mizan:analysis', 'mizan:preview']) performance.clearMarks(m);`);
    await wd.type(content, "x");
    const [lat, trip] = await wd.waitFor(
      `const e = performance.getEntriesByName('mizan:edit')[0];
       const after = (name) => e && performance.getEntriesByName(name).find(m => m.startTime > e.startTime);
       const a = after('mizan:analysis'), p = after('mizan:preview');
       return a && p ? [p.startTime - e.startTime, a.startTime - e.startTime] : null`,
      "the preview update",
      5000,
    );
    latencies.push(lat);
    roundTrips.push(trip);
  }
  return {
    p50: pct(latencies, 50),
    p95: pct(latencies, 95),
    max: Math.max(...latencies),
    tripP50: pct(roundTrips, 50),
    tripP95: pct(roundTrips, 95),
  };
}

async function once(withTyping) {
  const home = mkdtempSync(join(tmpdir(), "mizan-bench-"));
  mkdirSync(join(home, "dialogs"), { recursive: true });
  const driver = startDriver(home);
  await waitForDriver();
  const t0 = performance.now();
  const wd = await WebDriver.start(base, application);
  await wd.waitFor(`return document.body.dataset.ready === "true"`, "ready", 30000);
  const start = performance.now() - t0;
  const inPage = await wd.execute(`return performance.now()`);
  await new Promise((r) => setTimeout(r, 1500));
  const pid = appPid();
  const app = memory(pid);
  let rss = 0;
  let pss = 0;
  const procs = [];
  for (const p of tree(pid)) {
    const m = memory(p);
    rss += m.rss;
    pss += m.pss;
    procs.push(`${commandOf(p)} ${Math.round(m.rss / 1024)} MB`);
  }
  const result = { start, inPage, appRss: app.rss / 1024, treeRss: rss / 1024, treePss: pss / 1024, procs };

  if (withTyping) {
    // The floor: the same keystrokes on the Arabic sample (a few hundred words), where the
    // analysis and the preview update are small; what remains is the editor's update, the
    // IPC and the frame (painted in software under Xvfb).
    result.small = await typeAndMeasure(wd);
    result.smallWords = await wd.execute(`return document.querySelector('[data-testid=preview]').textContent.split(/\\s+/).length`);
    const { text, words, copies } = bigBrief(10000);
    const file = join(home, "dialogs", "big.md");
    writeFileSync(file, text);
    writeFileSync(join(home, "dialogs", "open-next"), file);
    await wd.execute(`document.querySelector('[data-testid=open-brief]').click()`);
    await wd.waitFor(
      `const u = document.querySelector('[data-testid=unsaved-discard]'); if (u) u.click();
       return [...document.querySelectorAll('[data-testid=preview] h2')].some(h => h.textContent.includes('(${copies})'))`,
      "the big brief in the preview",
      30000,
    );
    result.words = words;
    result.big = await typeAndMeasure(wd);
  }
  await wd.quit().catch(() => {});
  driver.kill();
  await new Promise((r) => setTimeout(r, 300));
  return result;
}

/** RSS of a blank Tauri window (examples/blank_window.rs), if it was built: the floor under the app's figure. */
async function blankWindowRss() {
  const binary = join(root, "target/release/examples/blank_window");
  if (!existsSync(binary)) return null;
  const home = mkdtempSync(join(tmpdir(), "mizan-blank-"));
  const child = spawn(binary, [], { env: { ...process.env, HOME: home }, stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 4000));
  const rss = memory(child.pid).rss / 1024;
  child.kill();
  return rss;
}

const results = [];
for (let i = 0; i < runs; i++) results.push(await once(i === runs - 1));
const starts = results.map((r) => r.start);
console.log(`app: ${application}`);
console.log(`cold start to editable brief (${runs} runs): median ${ms(pct(starts, 50))}, worst ${ms(Math.max(...starts))}; inside the web view: median ${ms(pct(results.map((r) => r.inPage), 50))}`);
const last = results[results.length - 1];
console.log(`memory with the Arabic sample open: app process ${last.appRss.toFixed(0)} MB RSS; with WebKit processes ${last.treeRss.toFixed(0)} MB RSS, ${last.treePss.toFixed(0)} MB PSS (${last.procs.join(", ")})`);
const blank = await blankWindowRss();
console.log(
  blank === null
    ? "blank Tauri window: not built (cargo build --release -p mizan-app --example blank_window)"
    : `blank Tauri window (same Tauri and WebKitGTK, about:blank, nothing of Mizan): ${blank.toFixed(0)} MB RSS`,
);
for (const [what, words, k] of [["sample", last.smallWords, last.small], ["big", last.words, last.big]]) {
  console.log(`keystroke to updated preview, ${what} brief (${words} words): p50 ${ms(k.p50)}, p95 ${ms(k.p95)}, max ${ms(k.max)}; of which keystroke to the analysis back (IPC both ways + Rust): p50 ${ms(k.tripP50)}, p95 ${ms(k.tripP95)}`);
}
