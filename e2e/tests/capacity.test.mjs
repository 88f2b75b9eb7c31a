// Volume and staffing in the editor, driven the way a strategist uses them:
// the example is a simulated centre; its volume is typed, drawn and shaped;
// a channel's agents are changed and the queue answers; staffing taken out
// and put back loses nothing; a schema 1 study becomes a centre by turning
// the volume on.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ResultsPage } from "../support/results-page.js";
import { StudyPage } from "../support/study-page.js";
import { journeysStudy, linkFor } from "../support/studies.js";
import { assertClean, sessionPerFile, shotPath } from "../support/test-file.js";

const setup = sessionPerFile();

/** The Current design's phone service level on its capacity card, as a number. */
async function phoneServiceLevel(page) {
  const cell = page.locator('.capacity-card[data-pool="Phone"] tr[data-figure="service_level"] td').first();
  return Number((await cell.locator(".capacity-value").textContent()).replace("%", ""));
}

test("the volume is typed, drawn and shaped, and every change reaches the link", { timeout: 120_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  const volume = study.page.locator("section.volume");
  assert.equal(await volume.getByLabel(/Simulate the centre/).isChecked(), true, "the example is a centre");
  const perDay = volume.getByLabel(/Customers a day/);
  assert.match(await perDay.inputValue(), /^\d+$/);

  let href = await study.href();
  await perDay.fill("3000");
  href = await study.waitForUrlChange(href, 15_000);

  // A shape fills the hourly profile; its bars show it.
  await volume.getByRole("button", { name: "Evening peak" }).click();
  href = await study.waitForUrlChange(href, 15_000);
  const hourly = volume.getByLabel(/Hourly profile/);
  assert.match(await hourly.inputValue(), /^0, 0, 0, 0, 0, 0, 1, 2/);
  const bars = volume.locator("figure.profile-bars").first();
  assert.equal(await bars.locator("rect.profile-bar").count(), 24);
  assert.match(await bars.locator("svg").getAttribute("aria-label"), /busiest 19/);

  // Dragging over the bars draws: a press near the top of the 03:00 bar.
  const box = await bars.locator("svg").boundingBox();
  await study.page.mouse.move(box.x + box.width * (3.5 / 24), box.y + 4);
  await study.page.mouse.down();
  await study.page.mouse.move(box.x + box.width * (4.5 / 24), box.y + 6);
  await study.page.mouse.up();
  const drawn = (await hourly.inputValue()).split(",").map((s) => Number(s.trim()));
  assert.ok(drawn[3] > 0 && drawn[4] > 0, `03:00 and 04:00 now have arrivals: ${drawn}`);
  href = await study.waitForUrlChange(href, 15_000);

  // A bad value stays at its field with the engine's words; the link keeps the last valid study.
  await volume.getByLabel(/Replications/).fill("1");
  await study.settle();
  assert.match(await volume.locator(".field-invalid .field-problem").first().textContent(), /2 to 1,?000/);
  assert.equal(await study.href(), href);
  await volume.getByLabel(/Replications/).fill("10");
  await study.waitForUrlChange(href, 15_000);

  await study.page.setViewportSize({ width: 1280, height: 720 });
  await volume.evaluate((el) => el.scrollIntoView());
  await study.page.screenshot({ path: await shotPath("capacity-1280x720-volume") });
  await assertClean(study);
  await study.page.close();
});

test("more agents on the phones lift the phone's service level; staffing out and back in loses nothing", { timeout: 180_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  const results = new ResultsPage(study.app);
  await results.waitForResults();
  await results.waitForFinalResults();
  const before = await phoneServiceLevel(study.page);

  const phone = study.channel("Phone");
  const agents = phone.getByLabel(/Agents on duty/).first();
  const roster = await agents.inputValue();
  assert.match(roster, /\d/);
  // Twice the agents in every hour.
  const doubled = roster.split(",").map((s) => Number(s.trim()) * 2).join(", ");
  await agents.fill(doubled);
  await results.page.waitForFunction(() => !/status-done/.test(document.querySelector("#results .results-status")?.className ?? ""));
  await results.waitForFinalResults();
  const after = await phoneServiceLevel(study.page);
  assert.ok(after > before + 10, `service level ${before}% → ${after}%`);

  // Out and back in: the roster is kept.
  const toggle = phone.getByLabel(/Staffed: agents on duty/).first();
  const rosters = await phone.getByLabel(/Agents on duty/).count();
  await toggle.uncheck();
  assert.equal(await phone.getByLabel(/Agents on duty/).count(), rosters - 1, "tier 1's roster is gone; tier 2's stays");
  await toggle.check();
  assert.equal(await phone.getByLabel(/Agents on duty/).first().inputValue(), doubled);

  await phone.evaluate((el) => el.scrollIntoView());
  await study.page.setViewportSize({ width: 1280, height: 720 });
  await study.page.screenshot({ path: await shotPath("capacity-1280x720-staffing") });
  await assertClean(study);
  await study.page.close();
});

test("a schema 1 study becomes a simulated centre when its volume is turned on", { timeout: 120_000 }, async () => {
  const study = await StudyPage.open(setup.session, `/${linkFor(await journeysStudy())}`);
  const results = new ResultsPage(study.app);
  await results.waitForResults();
  assert.equal(await study.page.locator(".capacity-card").count(), 0, "independent journeys have no pools");
  await study.page.locator("section.volume").getByLabel(/Simulate the centre/).check();
  const phone = study.channel("Phone");
  await phone.getByLabel(/Staffed: agents on duty/).first().check();
  await results.page.waitForFunction(() => document.querySelectorAll(".capacity-card").length > 0, null, { timeout: 60_000 });
  await results.waitForFinalResults();
  assert.match(await results.statusText(), /replications/);
  await assertClean(study);
  await study.page.close();
});
