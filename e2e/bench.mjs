// Benchmarks of the simulation in the browser (not a test: it measures and
// prints; docs/performance.md records the figures and how they were taken).
//
//   node e2e/bench.mjs            # against dist/ (trunk build --release --offline)
//   DIST_DIR=/tmp/dist node e2e/bench.mjs
//
// 1. One worker: 1,000,000 journeys of Password reset as independent
//    journeys (its schema-1 study), and the Password reset preset's whole
//    simulated centre (20 replications of 2 designs), each sent straight to
//    a simulation worker as one work item (the protocol's Run request),
//    timed from postMessage to the answer. Beside them, the native
//    `journey-sim bench --threads 1` on the same studies.
// 2. The app on the example (the Password reset centre): a whole run on the
//    pool of workers, from an edit to done.
// 3. The app on independent journeys: time from an edit to the preview on
//    screen, the preview's own time (run start to first report), a
//    10,000,000-journey run on the whole pool, the main thread's merge and
//    report times during it, and the longest stall of the page's event loop
//    while it runs.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Session } from "./support/app-page.js";
import { linkFor } from "./support/studies.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const REPEAT = Number(process.env.REPEAT ?? 5);

function cli(...args) {
  return execFileSync("cargo", ["run", "--offline", "--release", "-q", "-p", "journey-sim", "--", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x, digits = 1) => (x === undefined || x === null ? "–" : Number(x).toFixed(digits));

const results = {};

// --- native reference ------------------------------------------------------
const journeysJson = readFileSync(join(ROOT, "crates/engine/tests/fixtures/schema1/password-reset.json"), "utf8");
const centreJson = cli("preset", "password-reset");
const nativeRuns = [];
const nativeCentre = [];
const number = (text) => Number(text.replaceAll(",", ""));
for (let i = 0; i < 3; i++) {
  // The bench runs Password reset as independent journeys, then as a centre.
  const out = cli("bench", "--journeys", "1000000", "--threads", "1", "--runs", "1");
  const simulated = out.match(/= ([\d,]+) simulated journeys per run/);
  const m = out.match(/1 thread:\s+([\d,]+) journeys\/s median/);
  if (simulated && m) nativeRuns.push({ seconds: number(simulated[1]) / number(m[1]), rate: number(m[1]) });
  const centre = out.slice(out.indexOf("simulated centre"));
  const run = centre.match(/1 thread:.*; ([\d.,]+) (m?s) a run/);
  const events = centre.match(/([\d,]+) events, ([\d,]+) replications/);
  if (run && events) nativeCentre.push({ ms: number(run[1]) * (run[2] === "s" ? 1000 : 1), events: number(events[1]) });
}
results.native = { seconds: median(nativeRuns.map((r) => r.seconds)), runs: nativeRuns.map((r) => r.seconds) };
results.nativeCentre = { ms: median(nativeCentre.map((r) => r.ms)), runs: nativeCentre.map((r) => r.ms), events: nativeCentre[0]?.events };

const session = await Session.start();
try {
  await benchBrowser(session);
} finally {
  await session.close();
}

async function benchBrowser(session) {
  const app = await session.open("/");
  await app.waitForRunState("done");
  results.workers = Number(await app.runBar().getAttribute("data-workers"));

  // --- 1. one worker: 1,000,000 journeys; a centre's 20 replications ------
  async function oneWorkerRuns(studyJson, chunks) {
    return app.page.evaluate(
      async ({ studyJson, chunks, repeat }) => {
        const worker = new Worker("./journey-worker_loader.js");
        const next = () => new Promise((ok) => (worker.onmessage = (e) => ok(e.data)));
        const t0 = performance.now();
        await next(); // Ready
        const load = performance.now() - t0;
        const times = [];
        let bytes = 0;
        for (let i = 0; i < repeat; i++) {
          const request = JSON.stringify({ kind: "run", run_id: i + 1, study_json: studyJson, chunks: { start: 0, end: chunks } });
          const start = performance.now();
          worker.postMessage(request);
          const answer = await next();
          times.push(performance.now() - start);
          bytes = answer.byteLength;
        }
        worker.terminate();
        return { load, times, bytes };
      },
      { studyJson, chunks, repeat: REPEAT },
    );
  }
  const summary = (runs) => ({ loadMs: runs.load, runsMs: runs.times, medianMs: median(runs.times), bestMs: Math.min(...runs.times), answerBytes: runs.bytes });
  const study = JSON.parse(journeysJson);
  study.journeys = 1_000_000;
  results.oneWorker = summary(await oneWorkerRuns(JSON.stringify(study), Math.ceil(study.journeys / 4096)));
  const centre = JSON.parse(centreJson);
  results.oneWorkerCentre = summary(await oneWorkerRuns(JSON.stringify(centre), centre.demand.replications));

  // --- 2. the app: the example centre's whole run on the pool ---------------
  results.centreRuns = [];
  for (let seed = 1; seed <= REPEAT; seed++) {
    results.centreRuns.push(await measureEdit(app, () => app.page.getByRole("textbox", { name: /^Random seed/ }).fill(String(seed))));
  }
  await app.page.close();

  if (process.env.ONLY === "worker") return;

  // --- 3. the app on independent journeys: previews, a 10M run ---------------
  const journeysApp = await session.open(`/${linkFor(JSON.parse(journeysJson))}`);
  await journeysApp.waitForRunState("done");
  const journeys = journeysApp.page.getByRole("textbox", { name: /^Journeys per design/ });
  const seed = journeysApp.page.getByRole("textbox", { name: /^Random seed/ });

  results.previews = [];
  for (let n = 1; n <= REPEAT; n++) {
    results.previews.push(await measureEdit(journeysApp, () => seed.fill(String(n))));
  }
  results.tenMillion = await measureEdit(journeysApp, () => journeys.fill("10000000"));
  results.tenMillionSeconds = results.tenMillion.seconds;

  // An edit while a big run is going: busy workers are replaced.
  await measureEdit(journeysApp, () => journeys.fill("1000000"));
  await seed.fill("100");
  await journeysApp.waitForRunState("running");
  await journeysApp.page.waitForTimeout(300);
  results.previewDuringRun = await measureEdit(journeysApp, () => seed.fill("101"));
}

// Watches the run bar from inside the page: when the input event fired,
// when the first report of the new run showed, how long the event loop
// stalled at worst while the run went on.
async function measureEdit(app, fill) {
const bar = app.runBar();
  await app.page.evaluate(() => {
    const bar = document.querySelector("#run-bar");
    const w = (window.__bench = { input: null, preview: null, done: null, maxLag: 0, longTasks: [] });
    document.addEventListener("input", () => (w.input ??= performance.now()), { capture: true, once: true });
    const before = bar.dataset.runId;
    new MutationObserver((_, obs) => {
      if (bar.dataset.runId !== before && bar.dataset.fingerprint && w.preview === null) w.preview = performance.now();
      if (w.preview !== null && bar.dataset.state !== "running") {
        w.done = performance.now();
        obs.disconnect();
      }
    }).observe(bar, { attributes: true });
    let last = performance.now();
    w.timer = setInterval(() => {
      const now = performance.now();
      w.maxLag = Math.max(w.maxLag, now - last - 20);
      last = now;
    }, 20);
    try {
      new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: "longtask" });
    } catch {}
  });
  await fill();
  await app.page.waitForFunction(() => window.__bench.done !== null, null, { timeout: 600_000 });
  const w = await app.page.evaluate(() => {
    clearInterval(window.__bench.timer);
    const { timer, ...rest } = window.__bench;
    return rest;
  });
  const data = await bar.evaluate((el) => ({ ...el.dataset }));
  return {
    editToPreviewMs: w.preview - w.input,
    previewMs: Number(data.previewMs),
    seconds: Number(data.seconds),
    journeys: Number(data.journeys),
    maxMergeMs: Number(data.maxMergeMs),
    maxReportMs: Number(data.maxReportMs),
    reportMs: Number(data.reportMs),
    maxRenderMs: Number(data.maxRenderMs),
    reportIntervalMs: Number(data.reportIntervalMs),
    maxEventLoopLagMs: w.maxLag,
    longTasks: w.longTasks.length,
    longestTaskMs: w.longTasks.length ? Math.max(...w.longTasks) : 0,
    fingerprint: data.fingerprint,
  };
}

const one = results.oneWorker;
const nativeMs = results.native.seconds * 1000;
console.log(JSON.stringify(results, null, 2));
console.log(`
Password reset, 1,000,000 journeys × 2 designs
  native, 1 thread (journey-sim bench):  ${fmt(nativeMs, 0)} ms (median of ${results.native.runs.length})
  browser, 1 worker (one work item):     ${fmt(one.medianMs, 0)} ms median, ${fmt(one.bestMs, 0)} ms best of ${one.runsMs.length}; ${fmt(nativeMs / one.medianMs, 2)}× native speed
  worker load (spawn to Ready):          ${fmt(one.loadMs, 0)} ms; answer ${one.answerBytes} bytes`);
const centreOne = results.oneWorkerCentre;
const events = results.nativeCentre.events;
console.log(`Password reset, the simulated centre: 20 replications × 2 designs (${events?.toLocaleString("en")} events)
  native, 1 thread (journey-sim bench):  ${fmt(results.nativeCentre.ms, 0)} ms (median of ${results.nativeCentre.runs.length})
  browser, 1 worker (one work item):     ${fmt(centreOne.medianMs, 0)} ms median, ${fmt(centreOne.bestMs, 0)} ms best; ${fmt(results.nativeCentre.ms / centreOne.medianMs, 2)}× native speed; ${fmt(events / centreOne.medianMs / 1000, 2)} M events/s
  the app, ${results.workers} workers, edit to done:   ${results.centreRuns.map((r) => fmt(r.seconds, 2)).join(", ")} s (the run bar's time); preview ${results.centreRuns.map((r) => fmt(r.previewMs, 0)).join(", ")} ms`);
if (results.tenMillion) console.log(`Preview after an edit (seed changed, ${results.previews.length} times; study of 20,000 journeys):
  edit to preview on screen:             ${results.previews.map((p) => fmt(p.editToPreviewMs, 0)).join(", ")} ms (60 ms of it is the debounce)
  run start to first report:             ${results.previews.map((p) => fmt(p.previewMs, 0)).join(", ")} ms
10,000,000 journeys on ${results.workers} workers:
  edit to preview:                       ${fmt(results.tenMillion.editToPreviewMs, 0)} ms
  whole run:                             ${fmt(results.tenMillion.seconds, 2)} s
  main thread: decode+merge ≤ ${fmt(results.tenMillion.maxMergeMs, 2)} ms, report ≤ ${fmt(results.tenMillion.maxReportMs, 2)} ms (last ${fmt(results.tenMillion.reportMs, 2)} ms)
  page drawing a report:                 ≤ ${fmt(results.tenMillion.maxRenderMs, 0)} ms; reports spaced ${fmt(results.tenMillion.reportIntervalMs, 0)} ms apart at the end
  longest event-loop stall:              ${fmt(results.tenMillion.maxEventLoopLagMs, 0)} ms; long tasks (> 50 ms): ${results.tenMillion.longTasks}, longest ${fmt(results.tenMillion.longestTaskMs, 0)} ms
Edit while a 1,000,000-journey run is going: edit to preview ${fmt(results.previewDuringRun.editToPreviewMs, 0)} ms
`);
