// The comparison at the top of the results: every figure of every design
// in one table, each variant's change with its interval and verdict, and
// the figures a design moves most first on request.

import assert from "node:assert/strict";
import { test } from "node:test";
import { StudyPage } from "../support/study-page.js";
import { assertClean, sessionPerFile, shotPath } from "../support/test-file.js";
import { linkFor, presetStudy } from "../support/studies.js";

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
  assert.equal(await rows.count(), 18, "MODEL.md's 17 figures with intervals and repeat contacts");
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

test("any design can be the reference: two variants compared directly, and tiny changes called negligible", { timeout: 180_000 }, async () => {
  // Password reset with a third design: Improved with dearer agent minutes.
  const value = await presetStudy("password-reset");
  value.demand.replications = 4;
  const dearer = structuredClone(value.designs[1]);
  dearer.name = "Improved, dearer minutes";
  for (const channel of dearer.channels) {
    if (channel.agent) channel.agent.cost_per_minute *= 1.5;
  }
  value.designs.push(dearer);
  const study = await StudyPage.open(setup.session, `/${linkFor(value)}`);
  const page = study.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.locator(".run-bar[data-state='done']").waitFor({ timeout: 90_000 });
  const section = page.locator("section.comparison");
  const table = section.locator("table.comparison-table");
  const headers = async () => (await table.getByRole("columnheader").allTextContents()).map((h) => h.trim());
  assert.deepEqual((await headers()).slice(-2), ["Improved vs Current", "Improved, dearer minutes vs Current"]);
  // The verdict words are explained beside the table.
  assert.match(await section.locator(".verdict-legend").textContent(), /negligible: the whole interval lies within the smallest change that matters/);

  const reference = section.getByRole("combobox", { name: "Compare with" });
  await reference.selectOption({ label: "Improved" });
  await table.getByRole("columnheader", { name: "Improved, dearer minutes vs Improved" }).waitFor({ timeout: 90_000 });
  assert.deepEqual(await headers(), ["Figure", "Improved", "Current", "Improved, dearer minutes", "Current vs Improved", "Improved, dearer minutes vs Improved"]);
  // Dearer minutes cost more, surely, and change nothing a customer feels.
  const cost = table.locator("tr[data-kpi='cost_per_journey'] td.comparison-change").last();
  assert.match(await cost.textContent(), /worse/);
  const resolution = table.locator("tr[data-kpi='resolution_rate'] td.comparison-change").last();
  assert.match(await resolution.textContent(), /negligible/);
  assert.match(await section.locator(".headline-group h4").last().textContent(), /Improved, dearer minutes vs Improved: the biggest changes/);
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: await shotPath("comparison-against-1440x900") });

  // Back to the baseline without running anything.
  await reference.selectOption({ index: 0 });
  await table.getByRole("columnheader", { name: "Improved vs Current" }).waitFor();

  // The study's own smallest change that matters: with half the cost as
  // the smallest that matters, Improved's saving is negligible.
  const costChange = table.locator("tr[data-kpi='cost_per_journey'] td.comparison-change").first();
  assert.match(await costChange.textContent(), /better/);
  await page.locator("details.smallest-changes > summary").click();
  await page.locator('input[data-path="smallest_changes.cost_per_journey"]').fill("50%");
  await page.waitForFunction(
    () => /negligible/.test(document.querySelector("tr[data-kpi='cost_per_journey'] td.comparison-change")?.textContent ?? ""),
    null,
    { timeout: 90_000 },
  );
  assert.match(await study.fragment(), /^#s1\./, "the link carries it");
  await assertClean(study);
  await page.close();
});
