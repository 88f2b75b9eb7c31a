// Benchmarks of the simulation in the browser (not a test: it measures and
// prints; docs/performance.md records the figures and how they were taken).
//
//   node e2e/bench.mjs            # against dist/ (trunk build --release --offline)
//   DIST_DIR=/tmp/dist node e2e/bench.mjs
//
// 1. One worker: 1,000,000 journeys of the Password reset preset, sent
//    straight to a simulation worker as one work item (the protocol's Run
//    request), timed from postMessage to the answer. Beside it, the native
//    `journey-sim bench --threads 1` on the same study.
// 2. The app: time from an edit to the preview on screen, the preview's own
//    time (run start to first report), a 10,000,000-journey run on the whole
//    pool, the main thread's merge and report times during it, and the
//    longest stall of the page's event loop while it runs.

import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Session } from "./support/app-page.js";

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
const presetJson = cli("preset", "password-reset");
const nativeRuns = [];
const number = (text) => Number(text.replaceAll(",", ""));
for (let i = 0; i < 3; i++) {
  const out = cli("bench", "--journeys", "1000000", "--threads", "1", "--runs", "1");
  const simulated = out.match(/= ([\d,]+) simulated journeys per run/);
  const m = out.match(/1 thread:\s+([\d,]+) journeys\/s median/);
  if (simulated && m) nativeRuns.push({ seconds: number(simulated[1]) / number(m[1]), rate: number(m[1]) });
}
results.native = { seconds: median(nativeRuns.map((r) => r.seconds)), runs: nativeRuns.map((r) => r.seconds) };

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

  // --- 1. one worker, 1,000,000 journeys -----------------------------------
  const study = JSON.parse(presetJson);
  study.journeys = 1_000_000;
  const chunks = Math.ceil(study.journeys / 4096);
  const oneWorker = await app.page.evaluate(
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
    { studyJson: JSON.stringify(study), chunks, repeat: REPEAT },
  );
  results.oneWorker = {
    loadMs: oneWorker.load,
    runsMs: oneWorker.times,
    medianMs: median(oneWorker.times),
    bestMs: Math.min(...oneWorker.times),
    answerBytes: oneWorker.bytes,
  };

  if (process.env.ONLY === "worker") return;

  // --- 2. the app: preview after an edit, a 10M run --------------------------
  const bar = app.runBar();
  const journeys = app.page.getByRole("textbox", { name: /^Journeys per design/ });

  // Watches the run bar from inside the page: when the input event fired,
  // when the first report of the new run showed, how long the event loop
  // stalled at worst while the run went on.
  async function measureEdit(fill) {
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

  results.previews = [];
  for (let seed = 1; seed <= REPEAT; seed++) {
    results.previews.push(await measureEdit(() => app.page.getByRole("textbox", { name: /^Random seed/ }).fill(String(seed))));
  }
  results.tenMillion = await measureEdit(() => journeys.fill("10000000"));
  results.tenMillionSeconds = results.tenMillion.seconds;

  // An edit while a big run is going: busy workers are replaced.
  await measureEdit(() => journeys.fill("1000000"));
  await app.page.getByRole("textbox", { name: /^Random seed/ }).fill("100");
  await app.waitForRunState("running");
  await app.page.waitForTimeout(300);
  results.previewDuringRun = await measureEdit(() => app.page.getByRole("textbox", { name: /^Random seed/ }).fill("101"));
}

const one = results.oneWorker;
const nativeMs = results.native.seconds * 1000;
console.log(JSON.stringify(results, null, 2));
console.log(`
Password reset, 1,000,000 journeys × 2 designs
  native, 1 thread (journey-sim bench):  ${fmt(nativeMs, 0)} ms (median of ${results.native.runs.length})
  browser, 1 worker (one work item):     ${fmt(one.medianMs, 0)} ms median, ${fmt(one.bestMs, 0)} ms best of ${one.runsMs.length}; ${fmt(nativeMs / one.medianMs, 2)}× native speed
  worker load (spawn to Ready):          ${fmt(one.loadMs, 0)} ms; answer ${one.answerBytes} bytes`);
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
