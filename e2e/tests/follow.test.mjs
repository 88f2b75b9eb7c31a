// Designs that follow their baseline, the way a strategist calibrates:
// an edit of Current reaches Improved where Improved had the same value,
// Improved's own values stay, Undo takes a whole edit back in every
// design, designs can be reordered and any one made the baseline, the
// editing bar names the design being edited and jumps to the same field
// in another; and axe-core finds no accessibility violation in the
// main states of the app.

import assert from "node:assert/strict";
import { test } from "node:test";
import { StudyPage, openZoomed } from "../support/study-page.js";
import { assertClean, sessionPerFile, shotPath } from "../support/test-file.js";
import { axeViolations } from "../support/axe.js";

const setup = sessionPerFile();

async function passwordReset() {
  const study = await StudyPage.open(setup.session, "/");
  await study.openExample("Password reset");
  await study.settle();
  return study;
}

const resolution = (study, channel) => study.channel(channel).getByLabel(/^Resolution/);

test("an edit of Current reaches Improved where it had the same value, and Improved's own values stay", { timeout: 120_000 }, async () => {
  const study = await passwordReset();
  await study.tab(/Improved/).click();
  const changesBefore = await study.changes().allTextContents();
  await resolution(study, "Phone").fill("0.9"); // Improved's own value
  await study.tab(/Current/).click();
  assert.match(await study.page.locator(".editing-bar").textContent(), /Editing Current/);
  await resolution(study, "Chat").fill("0.7");
  await resolution(study, "Chat").press("Tab");
  await resolution(study, "Phone").fill("0.8");
  await resolution(study, "Phone").press("Tab");

  await study.tab(/Improved/).click();
  assert.equal(await resolution(study, "Chat").inputValue(), "0.7", "Improved follows Current");
  assert.equal(await resolution(study, "Phone").inputValue(), "0.9", "Improved keeps the value it set");
  const bar = await study.page.locator(".editing-bar").textContent();
  assert.match(bar, /Editing Improved/);
  assert.match(bar, new RegExp(`${changesBefore.length + 1} changes from Current`));
  const changes = await study.changes().allTextContents();
  assert.deepEqual(
    changes.filter((c) => !c.startsWith("Phone \u203a Agent \u203a resolution")),
    changesBefore,
    "the changes list is what it was, but for Improved's own new change",
  );
  assert.ok(changes.includes("Phone \u203a Agent \u203a resolution: 0.8 \u2192 0.9"), changes.join("\n"));

  // Undo (the button, then the keyboard) takes each edit back in both designs.
  await study.page.getByRole("button", { name: "Undo the last edit" }).click();
  assert.equal(await resolution(study, "Phone").inputValue(), "0.9");
  assert.ok((await study.changes().allTextContents()).includes("Phone \u203a Agent \u203a resolution: 0.85 \u2192 0.9"));
  await study.page.keyboard.press("Control+z");
  assert.equal(await resolution(study, "Chat").inputValue(), "0.8", "Undo takes Current's edit back in Improved too");
  await study.page.keyboard.press("Control+Shift+z");
  assert.equal(await resolution(study, "Chat").inputValue(), "0.7");

  await study.page.setViewportSize({ width: 1280, height: 720 });
  await study.page.screenshot({ path: await shotPath("follow-1280x720-improved") });
  await assertClean(study);
  await study.page.close();
});

test("designs can be reordered and any one made the baseline", { timeout: 120_000 }, async () => {
  const study = await passwordReset();
  await study.tab(/Improved/).click();
  await study.page.getByRole("button", { name: "Make baseline" }).click();
  const tabs = await study.page.getByRole("tab").allTextContents();
  assert.match(tabs[0], /^Improved/);
  assert.match(tabs[0], /baseline/);
  assert.match(tabs[1], /^Current/);
  assert.equal(await study.tab(/Improved/).getAttribute("aria-selected"), "true", "the moved design stays open");

  await study.tab(/Current/).click();
  assert.equal(await study.page.locator("#changes-heading").textContent(), "Changes from Improved");
  assert.ok((await study.changes().allTextContents()).includes("Phone \u203a IVR \u203a containment: 0.35 \u2192 0.03"));

  // Moving back restores the order; the link keeps a valid study all along.
  await study.page.getByRole("button", { name: "Move design left" }).click();
  assert.match((await study.page.getByRole("tab").allTextContents())[0], /^Current/);
  await study.settle();
  assert.equal(await study.page.locator(".problem-summary").count(), 0);
  await assertClean(study);
  await study.page.close();
});

test("the editing bar goes to the same field in another design", { timeout: 120_000 }, async () => {
  const study = await passwordReset();
  await study.channel("Phone").getByLabel("Containment").focus();
  await study.page.getByRole("button", { name: "Same field in Improved" }).click();
  await study.page.waitForFunction(() => document.activeElement?.dataset.path === "designs[1].channels[1].self_service.containment");
  assert.equal(await study.tab(/Improved/).getAttribute("aria-selected"), "true");
  assert.equal(await study.channel("Phone").getByLabel("Containment").inputValue(), "0.35");
  await study.page.getByRole("button", { name: "Same field in Current" }).click();
  await study.page.waitForFunction(() => document.activeElement?.dataset.path === "designs[0].channels[1].self_service.containment");
  await assertClean(study);
  await study.page.close();
});

test("axe-core finds no violations: editor and results, a variant open, a capacity study, at 150% zoom", { timeout: 180_000 }, async () => {
  const study = await passwordReset();
  await study.page.setViewportSize({ width: 1280, height: 720 });
  await study.page.locator(".run-bar[data-state='done']").waitFor({ timeout: 60_000 });
  assert.deepEqual(await axeViolations(study.page), [], "Current open, results done");
  await study.tab(/Improved/).click();
  assert.deepEqual(await axeViolations(study.page), [], "Improved open");
  // The guide to the model, opened from the results.
  await study.page.getByRole("button", { name: "How it works" }).click();
  const guide = study.page.getByRole("dialog", { name: "How the simulation works" });
  await guide.waitFor();
  assert.match(await guide.textContent(), /no detectable difference/);
  assert.deepEqual(await axeViolations(study.page), [], "the guide open");
  await study.page.keyboard.press("Escape");
  await guide.waitFor({ state: "hidden" });
  // Help under every field, on request.
  await study.page.getByRole("button", { name: "Show help" }).click();
  assert.equal(await study.page.getByRole("button", { name: "Show help" }).getAttribute("aria-pressed"), "true");
  assert.match(await study.channel("Phone").locator(".field-help").first().textContent(), /\w/);
  assert.ok(await study.channel("Phone").locator(".field-help").first().isVisible());
  assert.deepEqual(await axeViolations(study.page), [], "help shown");
  await study.openExample("Pro photographer");
  await study.page.locator(".run-bar[data-state='done']").waitFor({ timeout: 60_000 });
  assert.deepEqual(await axeViolations(study.page), [], "another example");
  await study.page.close();

  const zoomed = await openZoomed(setup.session, "/");
  await zoomed.study.page.locator(".run-bar[data-state='done']").waitFor({ timeout: 60_000 });
  assert.deepEqual(await axeViolations(zoomed.study.page), [], "150% zoom");
  // Stacked, the study comes first: a link skips it, a button folds it.
  const page = zoomed.study.page;
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to results");
  await page.getByRole("button", { name: "Hide the study editor" }).click();
  assert.equal(await page.getByLabel("Title", { exact: true }).isVisible(), false, "the editor is folded away");
  const resultsTop = await page.locator("#results-heading").boundingBox();
  assert.ok(resultsTop.y < 480, `the results are in view: ${resultsTop.y}`);
  await page.getByRole("button", { name: "Show the study editor" }).click();
  assert.equal(await page.getByLabel("Title", { exact: true }).inputValue(), "Password reset", "and back, with nothing lost");
  await zoomed.study.page.screenshot({ path: await shotPath("follow-150pct-editing-bar") });
  await zoomed.close();
});
