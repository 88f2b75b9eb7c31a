// No input may hang, blank or silently falsify the app: the studies that
// used to blank the page for good (a gamma's preview panicked) or spin the
// workers forever open by link and by typing to a usable page with a
// message; a saved study that no longer opens is kept and offered for
// download; after a start that never finished, the next visit opens the
// example and keeps the study; and a link with 200,000 problems lists a
// hundred and counts the rest.

import assert from "node:assert/strict";
import { test } from "node:test";
import { readFile } from "node:fs/promises";
import { ResultsPage } from "../support/results-page.js";
import { STORAGE_KEY, StudyPage, openInFreshBrowser } from "../support/study-page.js";
import { linkFor, presetStudy } from "../support/studies.js";
import { assertClean, sessionPerFile, shotPath } from "../support/test-file.js";

const setup = sessionPerFile();

/** Where the app keeps a study it could not open (src/sharing/browser.rs). */
const KEPT_KEY = "journey-simulator/kept-study/v1";
/** The boot guard's mark (src/sharing/browser.rs). */
const BOOT_KEY = "journey-simulator/starting/v1";

/** The preset with the phone's tier-1 handle time set to `handle`. */
async function withPhoneHandle(handle) {
  const study = await presetStudy();
  for (const design of study.designs) {
    design.channels.find((c) => c.name === "Phone").agent.handle_minutes = handle;
  }
  return study;
}

test("a gamma with a tiny sd opens by link, runs to results and draws its picture", { timeout: 180_000 }, async () => {
  for (const handle of [{ kind: "gamma", mean: 12, sd: 0.0002 }, { kind: "gamma", mean: 1, sd: 1e-155 }]) {
    const fresh = await openInFreshBrowser(setup.session, `/${linkFor(await withPhoneHandle(handle))}`);
    try {
      const results = new ResultsPage(fresh.study.app);
      await results.waitForResults();
      assert.equal(await fresh.study.notice().count(), 0, "the link opened as it is");
      const figure = fresh.study.channel("Phone").locator("fieldset.distribution").filter({ has: fresh.study.page.locator("legend", { hasText: "Agent handle time" }) });
      assert.match(await figure.locator("figcaption").textContent(), /Median/);
      await fresh.study.app.waitForRunState("done", 120_000);
      await assertClean(fresh.study);
    } finally {
      await fresh.close();
    }
  }
});

test("a gamma beyond what can be simulated is refused at its field, by link and by typing, and the page works on", { timeout: 180_000 }, async () => {
  const link = linkFor(await withPhoneHandle({ kind: "gamma", mean: 1e-170, sd: 1 }));
  const fresh = await openInFreshBrowser(setup.session, `/${link}`);
  try {
    const notice = fresh.study.notice();
    await notice.waitFor();
    assert.match(await notice.textContent(), /handle_minutes\.sd: .*at most 1,000 times the mean/);
    await new ResultsPage(fresh.study.app).waitForResults();
    await assertClean(fresh.study);
  } finally {
    await fresh.close();
  }

  const study = await StudyPage.open(setup.session, "/");
  await study.openExample("Password reset");
  const handle = study.channel("Phone").locator("fieldset.distribution").filter({ has: study.page.locator("legend", { hasText: "Agent handle time" }) });
  await handle.getByLabel("Shape").selectOption("gamma");
  await handle.getByLabel("Mean").fill("12");
  await handle.getByLabel("Standard deviation").fill("0.0002");
  await study.settle();
  assert.match(await handle.locator("figcaption").textContent(), /Median 12\smin/);
  await handle.getByLabel("Mean").fill("1e-170");
  await handle.getByLabel("Standard deviation").fill("1");
  await study.settle();
  assert.match(await handle.textContent(), /at most 1,000 times the mean/);
  await handle.getByLabel("Mean").fill("1");
  await handle.getByLabel("Standard deviation").fill("1e-155");
  await study.settle();
  await study.app.waitForRunState("done", 120_000);
  assert.equal(await study.title().isVisible(), true, "the page is still there");
  // Reloading opens the same study: nothing stopped.
  await study.page.reload();
  await study.ready();
  assert.equal(await study.notice().count(), 0, (await study.notice().allTextContents()).join("\n"));
  await assertClean(study);
  await study.page.close();
});

test("a saved study that no longer opens is kept, reported and offered for download", { timeout: 120_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  const newer = await presetStudy();
  newer.schema = 99;
  newer.title = "From the future";
  const saved = JSON.stringify(newer);
  await study.page.evaluate(([key, text]) => localStorage.setItem(key, text), [STORAGE_KEY, saved]);
  await study.page.goto(`${setup.session.server.origin}/`);
  await study.ready();
  const notice = study.notice();
  await notice.waitFor();
  assert.match(await notice.textContent(), /Your saved study could not be opened/);
  assert.match(await notice.textContent(), /newer version/);
  const [download] = await Promise.all([study.page.waitForEvent("download"), notice.getByRole("button", { name: "Download it" }).click()]);
  assert.equal(download.suggestedFilename(), "From the future.json");
  assert.equal(await readFile(await download.path(), "utf8"), saved, "the study, byte for byte");
  await study.page.setViewportSize({ width: 1280, height: 720 });
  await study.page.screenshot({ path: await shotPath("hardening-kept-study") });

  // Still kept, and still said, on the next visit; gone once discarded.
  await study.page.reload();
  await study.ready();
  await study.notice().waitFor();
  assert.match(await study.notice().textContent(), /kept in this browser/);
  assert.equal(await study.page.evaluate((key) => localStorage.getItem(key), KEPT_KEY), saved);
  await study.notice().getByRole("button", { name: "Discard it" }).click();
  assert.equal(await study.page.evaluate((key) => localStorage.getItem(key), KEPT_KEY), null);
  await study.page.reload();
  await study.ready();
  assert.equal(await study.notice().count(), 0, (await study.notice().allTextContents()).join("\n"));
  await assertClean(study);
  await study.page.close();
});

test("a page reloaded before its first results is not taken for a crash", { timeout: 120_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  // Reload at once, while the example is still running.
  await study.page.reload();
  await study.ready();
  await new ResultsPage(study.app).waitForResults();
  assert.equal(await study.notice().count(), 0, (await study.notice().allTextContents()).join("\n"));
  await assertClean(study);
  await study.page.close();
});

test("after a start that never finished, the example opens and the study is kept for download", { timeout: 120_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  await new ResultsPage(study.app).waitForResults();
  // Once results were on screen, the mark of this start is gone.
  await study.page.waitForFunction((key) => localStorage.getItem(key) === null, BOOT_KEY);
  const mine = await presetStudy();
  mine.title = "The study that stopped the app";
  // A page left normally forgets its mark, so the mark of a start that
  // stopped is left from another page of the origin (a script file, shown as text).
  await study.page.goto(`${setup.session.server.origin}/boot.js`);
  await study.page.evaluate(
    ([key, text, boot]) => {
      localStorage.setItem(key, text);
      localStorage.setItem(boot, "saved");
    },
    [STORAGE_KEY, JSON.stringify(mine), BOOT_KEY],
  );
  await study.page.goto(`${setup.session.server.origin}/`);
  await study.ready();
  const notice = study.notice();
  await notice.waitFor();
  assert.match(await notice.textContent(), /stopped while opening your last study/);
  assert.notEqual(await study.title().inputValue(), mine.title, "the study was not opened again");
  const [download] = await Promise.all([study.page.waitForEvent("download"), notice.getByRole("button", { name: "Download it" }).click()]);
  assert.equal(JSON.parse(await readFile(await download.path(), "utf8")).title, mine.title);
  await assertClean(study);
  await study.page.close();
});

test("a link whose study has 200,000 problems lists a hundred, counts the rest, and the page answers", { timeout: 120_000 }, async () => {
  const study = await presetStudy();
  const values = Array(100_000).fill("x");
  study.designs[0].channels[1].agent.handle_minutes = { kind: "empirical", values };
  study.designs[1].channels[1].agent.handle_minutes = { kind: "empirical", values };
  const link = linkFor(study);
  assert.ok(link.length < 5_000, `a small link (${link.length} characters)`);
  const fresh = await openInFreshBrowser(setup.session, `/${link}`);
  try {
    const notice = fresh.study.notice();
    await notice.waitFor();
    assert.match(await notice.textContent(), /and 199,900 more problems \(only the first 100 are listed\)/);
    assert.ok((await notice.locator("li").count()) <= 101);
    // The page answers at once: a click on a tab lands within a frame or two.
    const started = await fresh.study.page.evaluate(() => performance.now());
    await fresh.study.tab(/Improved/).click();
    const answered = await fresh.study.page.evaluate(() => performance.now());
    assert.ok(answered - started < 2_000, `the page answered in ${answered - started} ms`);
    await assertClean(fresh.study);
  } finally {
    await fresh.close();
  }
});
