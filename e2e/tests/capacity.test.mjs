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

  // Dragging over the bars draws: a press near the top of the 03:00 bar,
  // in the middle of the pane, clear of the editing bar at its top.
  await bars.locator("svg").evaluate((el) => el.scrollIntoView({ block: "center" }));
  const box = await bars.locator("svg").boundingBox();
  await study.page.mouse.move(box.x + box.width * (3.5 / 24), box.y + 4);
  await study.page.mouse.down();
  await study.page.mouse.move(box.x + box.width * (4.5 / 24), box.y + 6);
  await study.page.mouse.up();
  const drawn = (await hourly.inputValue()).split(",").map((s) => Number(s.trim()));
  assert.ok(drawn[3] > 0 && drawn[4] > 0, `03:00 and 04:00 now have arrivals: ${drawn}`);
  // A drag is several edits: wait until the link has followed the last.
  await study.page.waitForFunction((h) => location.href !== h, href, { timeout: 15_000 });
  await study.page.waitForFunction((drawn) => {
    const now = location.href;
    return new Promise((resolve) => setTimeout(() => resolve(location.href === now), 1_500));
  }, drawn, { timeout: 15_000 });
  href = await study.href();

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
  const agents = phone.getByLabel(/Agents on duty \(/).first();
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
  const rosters = await phone.getByLabel(/Agents on duty \(/).count();
  await toggle.uncheck();
  assert.equal(await phone.getByLabel(/Agents on duty \(/).count(), rosters - 1, "tier 1's roster is gone; tier 2's stays");
  await toggle.check();
  assert.equal(await phone.getByLabel(/Agents on duty \(/).first().inputValue(), doubled);

  // The compact grid: by hour of week, a row per day; a cell edits one hour.
  await phone.getByRole("button", { name: "By hour of week" }).first().click();
  const grid = phone.locator("table.roster-grid").first();
  assert.equal(await grid.locator("tbody tr").count(), 7);
  await grid.getByLabel("Agents on duty, Tue 10:00").fill("99");
  await grid.getByLabel("Agents on duty, Tue 10:00").press("Tab");
  const week = (await phone.getByLabel(/Agents on duty \(/).first().inputValue()).split(",").map((x) => Number(x.trim()));
  assert.equal(week.length, 168);
  assert.equal(week[24 + 10], 99, "Tuesday 10:00");
  assert.equal(week[10], Number(doubled.split(",")[10]), "Monday 10:00 kept the day's roster");

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

/** A small centre: one phone line open 9:00–13:00; Improved contains 30% in an IVR. */
function smallCentre() {
  const hourly = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 13 ? 1 : 0));
  const roster = Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 13 ? 3 : 0));
  const design = (name, ivr) => ({
    name,
    context_carryover: true,
    personas: [{ name: "Caller", share: 1, channel_mix: { Phone: 1 }, patience: { kind: "exponential", mean: 4 }, max_contacts: 1 }],
    channels: [
      {
        name: "Phone",
        kind: "phone",
        ...(ivr ? { self_service: { name: "IVR", containment: 0.3, abandonment: 0, minutes: { kind: "fixed", value: 1 }, live_fallback: true } } : {}),
        agent: { handle_minutes: { kind: "exponential", mean: 4 }, resolution: 1, staffing: { agents: roster } },
      },
    ],
  });
  return {
    schema: 2,
    title: "Small line",
    seed: 5,
    demand: { customers_per_day: 400, hourly_profile: hourly, days: 1, warmup_days: 0, replications: 4 },
    designs: [design("Current", false), design("Improved", true)],
  };
}

test("agents needed are found per design, the variant frees hours, and Apply writes the roster", { timeout: 180_000 }, async () => {
  const study = await StudyPage.open(setup.session, `/${linkFor(smallCentre())}`);
  const results = new ResultsPage(study.app);
  await results.waitForResults();
  const panel = study.page.locator("section.agents-needed");
  await panel.getByRole("button", { name: "Find the agents needed" }).click();
  await panel.locator(".agents-design").nth(1).waitFor({ timeout: 150_000 });
  assert.match(await panel.locator(".agents-frees li").first().textContent(), /^Improved (frees|needs) [\d,]+ (more )?agent hours a week against Current/);
  const needs = panel.locator('.agents-design[data-design="Improved"] tr.agents-needs td');
  assert.equal(await needs.count(), 25, "24 hours and the week");
  const needed = (await needs.allTextContents()).slice(0, 24).map(Number);
  assert.ok(needed[10] > 0 && needed[3] === 0, `${needed}`);

  let href = await study.href();
  await panel.getByRole("button", { name: "Apply to Improved" }).click();
  href = await study.waitForUrlChange(href, 15_000);
  await study.tab(/Improved/).click();
  const roster = await study.channel("Phone").getByLabel(/Agents on duty \(/).first().inputValue();
  assert.deepEqual(roster.split(",").map((s) => Number(s.trim())), needed);
  assert.match(await panel.locator(".agents-status").textContent(), /changed since this search/);

  await panel.evaluate((el) => el.scrollIntoView());
  await study.page.setViewportSize({ width: 1440, height: 900 });
  const overflow = await study.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, "the roster tables scroll inside their pane, not the page");
  await study.page.screenshot({ path: await shotPath("capacity-1440x900-agents-needed") });
  await assertClean(study);
  await study.page.close();
});

test("more IVR containment in Improved takes calls off the phones and shortens Improved's phone wait", { timeout: 180_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  const results = new ResultsPage(study.app);
  // Its Improved design still queues on the phones: room for the IVR to help.
  await results.openExample("Help centre still calls");
  await results.waitForResults();
  await results.waitForFinalResults();
  const asa = async () => {
    const cell = study.page.locator('.capacity-card[data-pool="Phone"] tr[data-figure="asa_minutes"] td').nth(1);
    const text = await cell.locator(".capacity-value").textContent();
    const [value, unit] = text.replace("\u00a0", " ").split(" ");
    return Number(value) * (unit === "h" ? 60 : unit === "s" ? 1 / 60 : 1);
  };
  const before = await asa();
  await study.tab(/Improved/).click();
  const containment = study.channel("Phone").getByLabel("Containment");
  const was = Number(await containment.inputValue());
  await containment.fill(String(Math.min(0.95, was + 0.3)));
  await results.page.waitForFunction(() => !/status-done/.test(document.querySelector("#results .results-status")?.className ?? ""));
  await results.waitForFinalResults();
  const after = await asa();
  assert.ok(after < before, `Improved's phone ASA ${before} → ${after} min`);

  // What making Improved real costs once, and how soon its saving pays it back.
  await study.page.getByLabel(/One-off investment to make this design real/).fill("50000");
  const payback = results.page.locator(".business-case-savings li").filter({ hasText: /a one-off \$50,000 pays back in [\d.]+ months \(95% CI [\d.]+ to [\d.]+\)/ });
  await payback.waitFor({ timeout: 90_000 });
  assert.match(await study.fragment(), /^#s1\./);

  // The views a strategist takes to their boss, at 1440×900.
  await study.page.setViewportSize({ width: 1440, height: 900 });
  for (const [selector, name] of [
    ["section.volume", "volume"],
    ["#capacity-heading", "capacity"],
    [".capacity-day-heading", "day"],
    ["#business-case-heading", "business-case"],
  ]) {
    await study.page.locator(selector).first().evaluate((el) => el.scrollIntoView());
    await study.page.screenshot({ path: await shotPath(`capacity-1440x900-${name}`) });
  }
  await study.channel("Phone").getByLabel(/Agents on duty \(/).first().evaluate((el) => el.scrollIntoView({ block: "center" }));
  await study.page.screenshot({ path: await shotPath("capacity-1440x900-staffing") });
  await assertClean(study);
  await study.page.close();
});
