// "Which input matters most": a strategist picks a design and a figure,
// tries every input (in the workers, with the same customers), reads the
// ranked bars with their intervals, and makes a variant from a bar.

import assert from "node:assert/strict";
import { test } from "node:test";
import { StudyPage } from "../support/study-page.js";
import { assertClean, sessionPerFile, shotPath } from "../support/test-file.js";

const setup = sessionPerFile();

test("trying every input ranks them with paired intervals, and a bar makes a variant", { timeout: 180_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  const page = study.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  await study.openExample("Password reset");
  // Two replications keep the tries quick; the method is the same.
  await page.locator('input[data-path="demand.replications"]').fill("2");
  await study.settle();
  const section = page.locator("section.sensitivity");
  await section.getByRole("combobox", { name: "Design" }).selectOption({ label: "Improved" });
  await section.getByRole("combobox", { name: "Figure" }).selectOption("cost_per_journey");
  // A search can be stopped while it runs.
  await section.getByRole("button", { name: "Try every input" }).click();
  await section.getByRole("button", { name: "Stop" }).click();
  await section.getByText("Stopped: try again for the ranking.").waitFor();
  // Quick: fewer customers a try, and the status says so.
  await section.getByRole("checkbox", { name: /^Quick: 4 replications a try/ }).check();
  await section.getByRole("button", { name: "Try every input" }).click();
  await section.locator(".tornado-row").first().waitFor({ timeout: 120_000 });
  assert.match(await section.getByRole("status").first().textContent(), /\d+ inputs tried on Improved, quickly: fewer customers a try/);
  const rows = section.locator(".tornado-row");
  assert.ok((await rows.count()) >= 5, "the inputs that move the cost");
  assert.match(await section.locator(".tornado-caption").textContent(), /Cost per journey of Improved is \$\d/);
  // Every bar names its input, its step and the change with its interval.
  const first = rows.first().locator(".tornado-bar").first();
  assert.match(await first.getAttribute("aria-label"), /Improved › .*: .*\(.* to .*\)\. Make a variant with this change/);
  await section.locator(".tornado").scrollIntoViewIfNeeded();
  await page.screenshot({ path: await shotPath("sensitivity-1440x900") });

  // Reach a target: the value of an input at which the cost falls to a
  // number, with its interval, and a variant at that value.
  const reach = section.getByRole("group", { name: "Reach a target" });
  await reach.getByRole("combobox", { name: "Input" }).selectOption({ label: "Improved › Phone › self service › containment" });
  await reach.getByRole("textbox", { name: /Target for Cost per journey/ }).fill("0.55");
  await reach.getByRole("button", { name: "Find the value" }).click();
  await reach.getByText(/Cost per journey reaches the target when Improved › Phone › self service › containment is 0\.\d+ \(95% CI 0\.\d+ to 0\.\d+\); it is 0\.35 now/).waitFor({ timeout: 120_000 });
  await reach.getByRole("button", { name: /Make a variant at 0\.\d+/ }).waitFor();
  await reach.scrollIntoViewIfNeeded();
  await page.screenshot({ path: await shotPath("break-even-1440x900") });

  const tabs = page.getByRole("tab");
  const before = await tabs.count();
  await first.click();
  await page.waitForFunction((n) => document.querySelectorAll("[role=tab]").length === n + 1, before);
  assert.match(await tabs.last().textContent(), /Improved, .* (up|down)/);
  // The study changed: the tornado says its figures are of the study before.
  await section.getByText(/The study has changed since/).waitFor();
  await assertClean(study);
  await page.close();
});
