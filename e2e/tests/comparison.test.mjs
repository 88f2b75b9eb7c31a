// The comparison at the top of the results: every figure of every design
// in one table, each variant's change with its interval and verdict, and
// the figures a design moves most first on request.

import assert from "node:assert/strict";
import { test } from "node:test";
import { StudyPage } from "../support/study-page.js";
import { assertClean, sessionPerFile, shotPath } from "../support/test-file.js";

const setup = sessionPerFile();

test("the comparison table lists every figure and ranks the biggest changes first", { timeout: 120_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  await study.openExample("Password reset");
  await study.page.setViewportSize({ width: 1280, height: 720 });
  await study.page.locator(".run-bar[data-state='done']").waitFor({ timeout: 60_000 });
  const table = study.page.locator("table.comparison-table");
  const headers = await table.getByRole("columnheader").allTextContents();
  assert.deepEqual(headers.map((h) => h.trim()), ["Figure", "Current", "Improved", "Improved vs Current"]);
  const rows = table.locator("tbody tr");
  assert.equal(await rows.count(), 17);
  const resolution = table.locator("tr[data-kpi='resolution_rate']");
  assert.match(await resolution.textContent(), /better/);

  await study.page.getByRole("button", { name: "Biggest change first" }).click();
  const first = await rows.first().locator("td.comparison-change").textContent();
  assert.match(first, /better|worse|changed/, "a real change leads");
  const last = await rows.last().locator("td.comparison-change").textContent();
  assert.doesNotMatch(last, /better|worse/, `the last row is not a real change: ${last}`);
  await table.scrollIntoViewIfNeeded();
  await study.page.screenshot({ path: await shotPath("comparison-1280x720") });
  await assertClean(study);
  await study.page.close();
});
