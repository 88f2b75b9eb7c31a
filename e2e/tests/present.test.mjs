// The Present view, as a trainer uses it in a room: opened from a prepared
// link (?present before the study's #), walked with the keys a clicker
// sends, one customer's journey revealed step by step, the same customer
// in the variant, then the headline figures; large type; Escape leaves.

import assert from "node:assert/strict";
import { test } from "node:test";
import { StudyPage } from "../support/study-page.js";
import { assertClean, sessionPerFile, shotPath } from "../support/test-file.js";
import { axeViolations } from "../support/axe.js";

const setup = sessionPerFile();

test("a prepared link opens the Present view; the keys walk question, journey, both designs and the reveal", { timeout: 120_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  await study.openExample("Password reset");
  await study.settle();
  const fragment = await study.fragment();
  await study.page.close();

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
  assert.ok(total >= 5, `question, steps, both designs, reveal: ${total}`);

  // A clicker's "next" is PageDown; the journey shows one more step each time.
  await page.keyboard.press("PageDown");
  assert.equal(await present.locator(".present-step").count(), 1);
  await page.keyboard.press("ArrowRight");
  assert.equal(await present.locator(".present-step").count(), 2);
  assert.equal(await present.getByRole("meter", { name: "Satisfaction" }).count(), 1);
  await page.screenshot({ path: await shotPath("present-1280x720-journey") });
  await page.keyboard.press("PageUp");
  assert.equal(await present.locator(".present-step").count(), 1);

  await page.keyboard.press("End");
  assert.equal(await counter.textContent(), `${total} / ${total}`);
  const figures = present.locator(".present-figure");
  assert.equal(await figures.count(), 5);
  assert.match(await figures.first().textContent(), /Resolution.*→.*better.*95% CI/);
  await page.screenshot({ path: await shotPath("present-1280x720-reveal") });
  await page.keyboard.press("ArrowLeft");
  assert.equal(await present.locator(".present-side").count(), 2, "both designs side by side");
  assert.deepEqual(await axeViolations(page), [], "the Present view");

  await page.keyboard.press("Escape");
  await present.waitFor({ state: "hidden" });
  await page.getByRole("button", { name: "Present" }).click();
  await present.waitFor();
  await present.getByRole("button", { name: "Exit (Esc)" }).click();
  await present.waitFor({ state: "hidden" });
  await assertClean(room);
  await page.close();
});
