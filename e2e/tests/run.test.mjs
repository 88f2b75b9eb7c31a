// Running in the browser: the example (a simulated centre) runs on
// opening with the command line's figures, on one, two or three workers;
// an edit shows a new preview at once and only the latest study's figures
// ever show; a shared link reopens the same figures in a fresh browser; a
// 10,000,000-journey run can be stopped and the page keeps working; a
// stopped run finishes where it stopped, with the figures of a plain run,
// for independent journeys and for a centre's replications.
//
// Fingerprints hash every figure of a report, so equal fingerprints mean
// equal reports. The command line's come from `journey-sim run <link>`.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Session } from "../support/app-page.js";
import { RunBar, cliFingerprint } from "../support/run-bar.js";
import { journeysStudy, linkFor, presetStudy } from "../support/studies.js";
import { StudyPage, openInFreshBrowser } from "../support/study-page.js";

let session;
before(async () => {
  session = await Session.start();
});
after(async () => {
  await session?.close();
});

/** Opens the app on `path`; returns the study editor and the run bar. */
async function open(path = "/", options = {}) {
  const study = await StudyPage.open(session, path, options);
  return { study, run: new RunBar(study.app), page: study.page };
}

/** The path that opens a schema-1 study of independent journeys. */
async function journeysPath(changes = {}) {
  return `/${linkFor({ ...(await journeysStudy()), ...changes })}`;
}

const journeysField = (page) => page.getByRole("textbox", { name: /^Journeys per design/ });
const seedField = (page) => page.getByRole("textbox", { name: /^Random seed/ });

/** The page's URL once it carries the current study (the editor writes it after a pause). */
async function sharedLink(page, fingerprintShown) {
  await page.waitForFunction(() => location.hash.startsWith("#s1."));
  // The URL follows the valid study 400 ms after the last edit.
  await page.waitForTimeout(900);
  const href = await page.evaluate(() => location.href);
  assert.equal(await new RunBar({ page }).fingerprint(), fingerprintShown, "the figures changed while waiting for the URL");
  return href;
}

async function assertClean(app) {
  assert.deepEqual(await app.cspViolations(), [], "CSP violations");
  assert.deepEqual(app.errors, [], "console errors");
  assert.deepEqual(app.foreignRequests, [], "requests leaving the local server");
}

test("the example, a simulated centre, has the command line's figures on one, two and three workers", { timeout: 600_000 }, async () => {
  const fingerprints = [];
  let href;
  for (const workers of [1, 2, 3]) {
    const { study, run, page } = await open("/", { workers });
    const done = await run.waitForState("done", 120_000);
    assert.equal(done.workers, String(workers));
    assert.match(done.fingerprint, /^[0-9a-f]{16}$/);
    assert.match(await run.statusText(), /^Done: 20 replications \([\d,]+ customers per design\) in [\d.]+ s$/);
    assert.equal(await run.progress().getAttribute("aria-valuenow"), "100");
    assert.equal(await run.stopButton().count(), 0, "no Stop button once done");
    fingerprints.push(done.fingerprint);
    href ??= await sharedLink(page, done.fingerprint);
    await assertClean(study.app);
    await page.close();
  }
  assert.deepEqual(fingerprints, Array(3).fill(fingerprints[0]), "one, two and three workers");
  assert.equal(await cliFingerprint(href), fingerprints[0], `browser and command line differ for ${href}`);
});

test("independent journeys have the command line's figures too", { timeout: 600_000 }, async () => {
  const { study, run, page } = await open(await journeysPath());
  const done = await run.waitForState("done");
  assert.equal(done.journeys, "20000");
  assert.match(await run.statusText(), /^Done: 20,000 journeys per design in [\d.]+ s$/);
  const href = await sharedLink(page, done.fingerprint);
  assert.equal(await cliFingerprint(href), done.fingerprint, `browser and command line differ for ${href}`);
  await assertClean(study.app);
  await page.close();
});

test("an edit shows a new preview, and the shared link reopens the same figures elsewhere", { timeout: 600_000 }, async () => {
  const { study, run, page } = await open("/");
  const first = await run.waitForState("done");

  await seedField(page).fill("7");
  const preview = await run.waitForNewReport(first.runId, 30_000);
  assert.notEqual(preview.fingerprint, first.fingerprint, "a new seed gives new figures");
  const done = await run.waitForState("done");

  const href = await sharedLink(page, done.fingerprint);
  const url = new URL(href);
  const fresh = await openInFreshBrowser(session, `${url.pathname}${url.hash}`);
  try {
    const elsewhere = await new RunBar(fresh.study.app).waitForState("done");
    assert.equal(elsewhere.fingerprint, done.fingerprint, "the shared link opens the same figures");
    await assertClean(fresh.study.app);
  } finally {
    await fresh.close();
  }
  assert.equal(await cliFingerprint(href), done.fingerprint, `browser and command line differ for ${href}`);
  await assertClean(study.app);
  await page.close();
});

test("figures on screen always belong to the study on screen, through quick successive edits", { timeout: 600_000 }, async () => {
  // Independent journeys, 20,000 a design: every report is a whole run's,
  // so each one shown can be checked against the command line.
  const { study, run, page } = await open(await journeysPath());
  const first = await run.waitForState("done");

  // Every report the run bar shows from the first edit on, with the seed in
  // the editor at that moment.
  await page.evaluate(() => {
    const bar = document.querySelector("#run-bar");
    const seed = [...document.querySelectorAll("label")].find((l) => l.textContent.startsWith("Random seed")).control;
    window.__shown = [];
    new MutationObserver(() => {
      if (bar.dataset.fingerprint) window.__shown.push({ fingerprint: bar.dataset.fingerprint, seed: seed.value });
    }).observe(bar, { attributes: true, attributeFilter: ["data-fingerprint"] });
  });
  for (const seed of ["11", "12", "13", "14"]) {
    await seedField(page).fill(seed);
  }
  await run.waitForNewReport(first.runId, 30_000);
  const done = await run.waitForState("done");
  const href = await sharedLink(page, done.fingerprint);
  const shown = await page.evaluate(() => window.__shown);
  assert.ok(shown.length >= 1 && shown.at(-1).seed === "14", JSON.stringify(shown));
  for (const { fingerprint, seed } of shown) {
    assert.equal(fingerprint, await cliFingerprint(href, "--seed", seed), `figures shown while the seed was ${seed}`);
  }
  await assertClean(study.app);
  await page.close();
});

test("a 10,000,000-journey run can be stopped, and the page keeps working", { timeout: 300_000 }, async () => {
  const { study, run, page } = await open(await journeysPath());
  const first = await run.waitForState("done");

  await journeysField(page).fill("10000000");
  const preview = await run.waitForNewReport(first.runId, 30_000);
  assert.equal(preview.state, "running", "ten million journeys take a while");
  assert.match(await run.statusText(), /^(Preview of [\d,]+ journeys per design… refining toward 10,000,000|Refining \d+%)/);
  assert.ok(Number(await run.progress().getAttribute("aria-valuenow")) < 100);

  // The page answers while the workers are busy.
  const started = Date.now();
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 0)));
  assert.ok(Date.now() - started < 2_000, `the page took ${Date.now() - started} ms to answer`);

  await run.stopButton().click();
  const stopped = await run.waitForState("cancelled", 2_000);
  assert.ok(Number(stopped.journeys) >= 20_000 && Number(stopped.journeys) < 10_000_000, `journeys ${stopped.journeys}`);
  assert.match(await run.statusText(), /^Stopped: the results show the first [\d,]+ journeys per design\.$/);
  await page.waitForTimeout(700);
  assert.equal((await run.data()).journeys, stopped.journeys, "nothing more is merged after Stop");
  assert.equal(await run.finishButton().count(), 1);

  // Still working: another edit brings a new preview.
  await seedField(page).fill("99");
  const again = await run.waitForNewReport(stopped.runId, 30_000);
  assert.notEqual(again.fingerprint, stopped.fingerprint);
  assert.equal(again.state, "running");
  await run.stopButton().click();
  await run.waitForState("cancelled", 2_000);
  await assertClean(study.app);
  await page.close();
});

test("a stopped run finishes where it stopped, with the figures of a plain run", { timeout: 600_000 }, async () => {
  const { study, run, page } = await open(await journeysPath());
  const first = await run.waitForState("done");

  await journeysField(page).fill("2000000");
  await run.waitForNewReport(first.runId, 30_000);
  await run.stopButton().click();
  const stopped = await run.waitForState("cancelled", 2_000);

  await run.finishButton().click();
  const done = await run.waitForState("done", 300_000);
  assert.equal(done.journeys, "2000000");
  assert.notEqual(done.runId, stopped.runId, "the rest of the run is a new run id");
  assert.match(await run.statusText(), /^Done: 2,000,000 journeys per design in [\d.]+ s$/);

  const href = await sharedLink(page, done.fingerprint);
  assert.equal(await cliFingerprint(href), done.fingerprint, `browser and command line differ for ${href}`);
  await assertClean(study.app);
  await page.close();
});

test("a centre's run stopped part way finishes with the figures of a plain run", { timeout: 600_000 }, async () => {
  const centre = await presetStudy();
  centre.demand.replications = 200;
  const { study, run, page } = await open(`/${linkFor(centre)}`);
  await page.waitForFunction(() => Number(document.querySelector("#run-bar")?.dataset.journeys) > 0, null, { timeout: 60_000 });
  await run.stopButton().click();
  const stopped = await run.waitForState("cancelled", 2_000);
  assert.match(await run.statusText(), /^Stopped: the results show \d+ replications? \([\d,]+ customers per design\)\.$/);
  assert.match(await page.locator("#results").textContent(), /Stopped at \d+ replications?: intervals are wider than a full run's/);

  await run.finishButton().click();
  const done = await run.waitForState("done", 300_000);
  assert.notEqual(done.runId, stopped.runId);
  assert.match(await run.statusText(), /^Done: 200 replications \([\d,]+ customers per design\) in [\d.]+ s$/);
  const href = await sharedLink(page, done.fingerprint);
  assert.equal(await cliFingerprint(href), done.fingerprint, `browser and command line differ for ${href}`);
  await assertClean(study.app);
  await page.close();
});
