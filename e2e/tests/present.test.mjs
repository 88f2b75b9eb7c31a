// The Present view, as a trainer uses it in a room: opened from a prepared
// link (?present before the study's #), walked with the keys a clicker
// sends: the question, the paths, the feelings, one customer's journey
// revealed step by step, the same customer in the variant, a day in the
// centre animated, the headline figures, and the levers the room moves;
// large type; Escape leaves. A second test prepares a workshop: its
// choices travel in the link, and hand-outs print one slide a page.

import assert from "node:assert/strict";
import { test } from "node:test";
import { StudyPage } from "../support/study-page.js";
import { assertClean, sessionPerFile, shotPath } from "../support/test-file.js";
import { axeViolations } from "../support/axe.js";

const setup = sessionPerFile();

/** The fragment of a preset's link (`#s2.…`). */
async function presetFragment(name) {
  const study = await StudyPage.open(setup.session, "/");
  await study.openExample(name);
  await study.settle();
  const fragment = await study.fragment();
  await study.page.close();
  return fragment;
}

/** The current slide's class, naming which slide it is. */
const slideClass = (present) => present.locator(".present-slide").first().getAttribute("class");

test("a prepared link opens the Present view; the keys walk every slide; the ripple runs and pauses; a lever moves the figures", { timeout: 180_000 }, async () => {
  const fragment = await presetFragment("Password reset");
  const room = await StudyPage.open(setup.session, `/?present${fragment}`);
  const page = room.page;
  await page.setViewportSize({ width: 1280, height: 720 });
  const present = page.getByRole("dialog", { name: "Present" });
  await present.getByRole("heading", { name: "Password reset" }).waitFor({ timeout: 60_000 });
  const bodySize = await present.locator(".present-lead").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(bodySize >= 28, `large type: ${bodySize}px`);
  assert.match(await present.textContent(), /containment: 0\.03 → 0\.35/);
  const counter = present.locator(".present-counter");
  const total = Number((await counter.textContent()).split("/")[1]);
  assert.ok(total >= 9, `question, paths, feelings, steps, both designs, ripple, reveal, room: ${total}`);

  // A clicker's "next" is PageDown.
  await page.keyboard.press("PageDown");
  await present.locator("figure[data-chart=sankey][data-rows]").waitFor();
  assert.match(await present.textContent(), /Where customers go today, in Current/);
  assert.deepEqual(await axeViolations(page), [], "the paths");
  await page.keyboard.press("ArrowRight");
  await present.locator("figure[data-chart=emotion-curve]").waitFor();
  assert.equal(await present.locator("figure[data-chart=emotion-curve]").getAttribute("data-series"), "Current", "only the baseline before the reveal");
  // The journey shows one more step each time.
  await page.keyboard.press("ArrowRight");
  assert.equal(await present.locator(".present-step").count(), 1);
  await page.keyboard.press("ArrowRight");
  assert.equal(await present.locator(".present-step").count(), 2);
  assert.equal(await present.getByRole("meter", { name: "Satisfaction" }).count(), 1);
  await page.screenshot({ path: await shotPath("present-1280x720-journey") });
  await page.keyboard.press("PageUp");
  assert.equal(await present.locator(".present-step").count(), 1);

  // Through the story to both designs side by side, then the ripple.
  while (!(await slideClass(present)).includes("present-side-by-side")) await page.keyboard.press("PageDown");
  assert.equal(await present.locator(".present-side").count(), 2, "both designs side by side");
  await page.keyboard.press("PageDown");
  const canvas = present.locator("canvas.ripple-canvas");
  await canvas.waitFor();
  const clock = present.locator(".ripple-clock");
  // Laid out by workers ("--:--" until then), then the clock runs.
  await page.waitForFunction(() => /\d\d:\d\d/.test(document.querySelector(".ripple-clock").textContent), null, { timeout: 20_000 });
  const first = await clock.textContent();
  await page.waitForFunction((c) => document.querySelector(".ripple-clock").textContent !== c, first, { timeout: 10_000 });
  await page.waitForFunction(() => Number(document.querySelector(".ripple-canvas").dataset.frames) >= 30, null, { timeout: 10_000 });
  const frames = Number(await canvas.getAttribute("data-frames"));
  assert.ok(frames >= 30, `frames drawn: ${frames}`);
  assert.match(await present.getByTestId("ripple-status").textContent(), /Current: \d+ in the queue.*Improved: \d+ in the queue/);
  await present.getByRole("button", { name: /Pause/ }).click();
  const paused = await clock.textContent();
  await page.waitForTimeout(1_000);
  assert.equal(await clock.textContent(), paused, "paused: the clock stands still");
  await page.screenshot({ path: await shotPath("present-1280x720-ripple") });
  assert.deepEqual(await axeViolations(page), [], "the ripple");
  await present.getByRole("button", { name: /Play/ }).click();
  await page.waitForFunction((c) => document.querySelector(".ripple-clock").textContent !== c, paused, { timeout: 10_000 });

  await page.keyboard.press("PageDown");
  const figures = present.locator(".present-figure");
  assert.equal(await figures.count(), 5);
  assert.match(await figures.first().textContent(), /Resolution.*→.*better.*95% CI/);
  await page.screenshot({ path: await shotPath("present-1280x720-reveal") });
  assert.deepEqual(await axeViolations(page), [], "the reveal");

  // Ask the room: moving the containment lever changes the headline figures.
  await page.keyboard.press("End");
  assert.equal(await counter.textContent(), `${total} / ${total}`);
  const containment = present.getByRole("slider", { name: /Help centre: self-service containment/ });
  const agents = present.getByRole("slider", { name: /Phone: agents on duty/ });
  assert.equal(await containment.inputValue(), "70");
  assert.equal(await agents.getAttribute("aria-valuetext"), "as planned");
  const before = await present.locator(".room-figures").textContent();
  await containment.fill("30");
  await page.waitForFunction(
    (b) => document.querySelector(".room-figures")?.textContent !== b,
    before,
    { timeout: 30_000 },
  );
  assert.match(await present.locator(".room-lever-value").first().textContent(), /30%/);
  await page.screenshot({ path: await shotPath("present-1280x720-room") });
  assert.deepEqual(await axeViolations(page), [], "ask the room");
  await present.getByRole("button", { name: "Put back" }).first().click();
  await page.waitForFunction(() => document.querySelector(".room-lever input")?.value === "70");

  await page.keyboard.press("Escape");
  await present.waitFor({ state: "hidden" });
  assert.equal(new URL(page.url()).search, "", "leaving drops ?present from the address");
  await page.getByRole("button", { name: "Present" }).click();
  await present.waitFor();
  await present.getByRole("button", { name: "Exit (Esc)" }).click();
  await present.waitFor({ state: "hidden" });
  await assertClean(room);
  await page.close();
});

test("a workshop's choices travel in its link, and hand-outs print one slide a page", { timeout: 120_000 }, async () => {
  const fragment = await presetFragment("Password reset");
  const query = "present&customer=worst&skip=paths,feelings,ripple&lever=designs[1].channels[1].agent.staffing.agents";
  const room = await StudyPage.open(setup.session, `/?${query}${fragment}`);
  const page = room.page;
  await page.setViewportSize({ width: 1280, height: 720 });
  const present = page.getByRole("dialog", { name: "Present" });
  await present.getByRole("heading", { name: "Password reset" }).waitFor({ timeout: 60_000 });
  const counter = present.locator(".present-counter");
  const total = Number((await counter.textContent()).split("/")[1]);
  await page.keyboard.press("PageDown");
  assert.ok((await slideClass(present)).includes("present-journey"), "paths and feelings are skipped");
  assert.match(await present.textContent(), /One customer/);

  await page.keyboard.press("End");
  assert.equal(await present.getByRole("slider").count(), 1, "only the chosen lever");
  const agents = present.getByRole("slider", { name: /Phone: agents on duty/ });
  await agents.focus();
  // A focused slider keeps its arrow keys: the slide stays.
  await page.keyboard.press("ArrowRight");
  assert.equal(await counter.textContent(), `${total} / ${total}`);
  assert.equal(await agents.getAttribute("aria-valuetext"), "1 more agent every staffed hour");
  await present.getByRole("button", { name: "Put back" }).click();

  // Preparing: the customer chooser shows the link's choice; the copied
  // link carries the choices.
  await present.getByText("Prepare", { exact: true }).click();
  assert.equal(await present.getByRole("combobox", { name: /^Customer/ }).inputValue(), "worst");
  await present.getByRole("checkbox", { name: "A day in the centre" }).check();
  // The address follows the choice (and the panel redraws with it) before
  // the next click, as it does between a person's clicks.
  await page.waitForFunction(() => !location.search.includes("ripple"));
  // The clipboard is stubbed to keep what is written: a headless
  // browser's own clipboard is shared and unreliable between tests.
  await page.evaluate(() => {
    window.__copied = null;
    navigator.clipboard.writeText = async (text) => {
      window.__copied = text;
    };
  });
  await present.getByRole("button", { name: "Copy workshop link" }).click();
  await page.waitForFunction(() => /Link copied/.test(document.querySelector(".present-prepare-status")?.textContent ?? ""));
  const copied = await page.evaluate(() => window.__copied);
  const url = new URL(copied);
  assert.equal(url.search, "?present&customer=worst&skip=paths,feelings&lever=designs[1].channels[1].agent.staffing.agents");
  assert.equal(url.hash, fragment);
  assert.equal(new URL(page.url()).search, url.search, "the address follows the choices");

  // Hand-outs: window.print is stubbed; what it would print is looked at.
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => {
      window.__printed += 1;
      window.__pages = document.querySelectorAll(".present-handout .handout-page").length;
    };
  });
  await present.getByRole("button", { name: "Print hand-outs" }).click();
  await page.waitForFunction(() => window.__printed === 1);
  // Question, the story told whole, side by side, the reveal (the room's
  // slide prints as its figures; the ripple cannot be printed).
  assert.equal(await page.evaluate(() => window.__pages), 4);
  await assertClean(room);
  await page.close();
});
