// The study editor, driven the way a person uses it: a fresh visit shows an
// example, examples can be picked, edits follow into the URL, invalid
// values are reported at their field without touching the valid study,
// names are text, and the page holds together at 1280×720 and 150% zoom.

import assert from "node:assert/strict";
import { test } from "node:test";
import { STORAGE_KEY, StudyPage, openZoomed } from "../support/study-page.js";
import { assertClean, sessionPerFile, shotPath } from "../support/test-file.js";

const setup = sessionPerFile();

test("a fresh visit opens the first example, with both designs, and puts it in the URL", { timeout: 90_000 }, async () => {
  // This file's browser profile is new: no link, nothing saved.
  const study = await StudyPage.open(setup.session, "/");
  assert.equal(await study.title().inputValue(), "Password reset");
  assert.equal(await study.examplesOpen(), true, "the examples are unfolded for a first visit");
  assert.equal(await study.tab(/Current/).getAttribute("aria-selected"), "true");
  assert.equal(await study.tab(/Improved/).count(), 1);
  assert.equal(await study.page.locator("section.card.persona").count(), 3);
  assert.equal(await study.page.locator("section.card.channel").count(), 3);
  // Every distribution has a picture with its median and 90th percentile.
  const pictures = study.page.locator("figure.density");
  assert.ok((await pictures.count()) > 5);
  assert.match(await pictures.first().textContent(), /Median [\d.]+\smin.*90th percentile [\d.]+\smin/);

  await study.page.waitForFunction(() => location.hash.startsWith("#s1."));
  assert.ok((await study.saved()).includes('"title":"Password reset"'), "the study is saved in this browser");

  await study.page.setViewportSize({ width: 1280, height: 720 });
  await study.page.screenshot({ path: await shotPath("editor-1280x720-first-visit") });

  // Coming back, the person's study opens with the examples folded away.
  const back = await StudyPage.open(setup.session, "/");
  assert.equal(await back.examplesOpen(), false);
  await back.page.setViewportSize({ width: 1280, height: 720 });
  await back.page.screenshot({ path: await shotPath("editor-1280x720-return-visit") });
  await assertClean(study);
  await assertClean(back);
  await back.page.close();
  await study.page.close();
});

test("picking another example opens it, and Undo brings the previous study back", { timeout: 90_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  const before = await study.href();
  await study.openExample("Pro photographer");
  assert.equal(await study.title().inputValue(), "Pro photographer");
  assert.match(await study.notice().textContent(), /Opened the example .Pro photographer./);
  const after = await study.waitForUrlChange(before);
  assert.notEqual(after, before);

  await study.notice().getByRole("button", { name: "Undo" }).click();
  assert.equal(await study.title().inputValue(), "Password reset");
  assert.equal(await study.notice().count(), 0, "the notice goes once used");
  await assertClean(study);
  await study.page.close();
});

test("editing a containment changes the URL and the changes from Current; an invalid value stays at its field", { timeout: 90_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  await study.openExample("Password reset");
  await study.settle();
  await study.tab(/Improved/).click();
  const containment = study.channel("Phone").getByLabel("Containment");
  assert.equal(await containment.inputValue(), "0.35");

  const before = await study.href();
  await containment.fill("0.45");
  const edited = await study.waitForUrlChange(before);
  const changes = await study.changes().allTextContents();
  assert.ok(changes.includes("Phone \u203a IVR \u203a containment: 0.03 \u2192 0.45"), changes.join("\n"));
  assert.equal(await study.channel("Phone").getByText("= 45%").count(), 1, "the percentage beside the field");
  const savedValid = await study.saved();
  assert.ok(savedValid.includes('"containment":0.45'));

  // Not a number: the text stays, the field says so, the valid study stays.
  await containment.fill("0.4x");
  await study.settle();
  assert.equal(await containment.inputValue(), "0.4x");
  assert.equal(await containment.getAttribute("aria-invalid"), "true");
  const problemId = (await containment.getAttribute("aria-describedby")).split(" ").find((id) => id.endsWith("-problem"));
  const problem = study.page.locator(`[id="${problemId}"]`);
  assert.match(await problem.textContent(), /must be a number/);
  assert.equal(await study.href(), edited, "the URL keeps the last valid study");
  assert.equal(await study.saved(), savedValid, "the saved copy keeps the last valid study");
  assert.match(await study.problemSummary().textContent(), /Improved › Phone › self service › containment: must be a number/);
  assert.match(await study.page.locator(".sharing-note").textContent(), /hold the last valid version/);
  assert.match(await study.page.locator("#results .results-status").textContent(), /Not updated: a field in the editor is invalid/);
  await study.page.setViewportSize({ width: 1280, height: 720 });
  await containment.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await study.page.screenshot({ path: await shotPath("editor-invalid-field") });

  // Out of range: the validator's own words, at the same field.
  await containment.fill("1.2");
  await study.settle();
  assert.match(await problem.textContent(), /not a probability/);
  assert.equal(await study.href(), edited);

  // The summary takes the person to the field, opening its design's tab.
  await study.tab(/Current/).click();
  await study.problemSummary().getByRole("button", { name: /containment/ }).click();
  await study.page.waitForFunction(() => document.activeElement?.tagName === "INPUT");
  assert.equal(await study.tab(/Improved/).getAttribute("aria-selected"), "true");
  assert.equal(await study.page.evaluate(() => document.activeElement.value), "1.2");

  // Fixing it makes the URL follow again.
  await study.page.keyboard.press("Control+A");
  await study.page.keyboard.type("0.5");
  const fixed = await study.waitForUrlChange(edited);
  assert.notEqual(fixed, edited);
  assert.equal(await study.problemSummary().count(), 0);
  assert.equal(await containment.getAttribute("aria-invalid"), null);
  assert.equal(await study.page.locator(".sharing-note").count(), 0);
  await assertClean(study);
  await study.page.close();
});

test("a persona named like HTML is shown as text: no element, no script", { timeout: 90_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  const dialogs = [];
  study.page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const evil = "<img src=x onerror=alert(1)>";
  const persona = study.persona(0);
  const before = await study.href();
  await persona.getByLabel("Name", { exact: true }).fill(evil);
  // The link follows the edit after its debounce, later when a run keeps the page busy.
  const link = await study.waitForUrlChange(before, 15_000);

  assert.equal(await persona.getByRole("heading", { level: 4 }).textContent(), evil);
  // Wherever the name appears (the card, and the results by persona), it is text.
  assert.ok((await study.page.getByText(evil, { exact: true }).count()) >= 1);
  assert.equal(await study.page.locator("img").count(), 0, "no <img> element was created");

  // The same after the study comes back from its link.
  const again = await StudyPage.open(setup.session, `/${new URL(link).hash}`);
  again.page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  assert.equal(await again.persona(0).getByRole("heading", { level: 4 }).textContent(), evil);
  await again.page.waitForTimeout(300);
  assert.equal(await again.page.locator("img").count(), 0);
  assert.deepEqual(dialogs, [], "no dialog fired");
  await assertClean(study);
  await assertClean(again);
  await again.page.close();
  await study.page.close();
});

test("changing a distribution's kind proposes values from its mean and redraws it", { timeout: 90_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  await study.openExample("Password reset");
  const patience = study.persona(0).locator("fieldset.distribution").first();
  assert.match(await patience.locator("legend").textContent(), /Patience/);
  await patience.getByLabel("Shape").selectOption("gamma");
  // Lognormal median 6, p90 18 has mean ≈ 8.66; the gamma keeps it.
  assert.equal(await patience.getByLabel("Mean").inputValue(), "8.66");
  assert.equal(await patience.getByLabel("Standard deviation").inputValue(), "4.33");
  assert.match(await patience.locator("figcaption").textContent(), /Median [\d.]+\smin/);

  await patience.getByLabel("Shape").selectOption("empirical");
  const values = patience.getByLabel("Observed values");
  assert.equal(await values.inputValue(), "4.33, 8.66, 13");
  await values.fill("2, 3, 5, 30");
  await study.settle();
  assert.match(await patience.locator("figcaption").textContent(), /Median 3\smin.*90th percentile 30\smin/s);
  await values.fill("2, three");
  await study.settle();
  assert.match(await patience.textContent(), /must be a list of numbers/);
  assert.match(await patience.textContent(), /The picture returns when the values are valid/);
  await assertClean(study);
  await study.page.close();
});

test("renaming a channel carries its weights to every persona, even through a name that is taken", { timeout: 90_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  await study.openExample("Password reset");
  await study.settle();
  const weight = (persona, channel) => study.persona(persona).getByLabel(new RegExp(`^${channel} \\(weight\\)`));
  assert.equal(await weight(0, "Chat").inputValue(), "0.2");
  assert.equal(await weight(1, "Chat").inputValue(), "0.15");

  const name = study.channel("Chat").getByLabel("Name", { exact: true });
  const before = await study.href();
  await name.fill("Web chat");
  await name.press("Tab");
  await study.waitForUrlChange(before);
  assert.equal(await weight(0, "Web chat").inputValue(), "0.2");
  assert.equal(await weight(1, "Web chat").inputValue(), "0.15");
  assert.equal(await weight(0, "Chat").count(), 0);
  assert.equal(await study.problemSummary().count(), 0);

  // Through a name another channel has: reported, and Phone keeps its own weights.
  const renamed = study.channel("Web chat").getByLabel("Name", { exact: true });
  await renamed.fill("Phone");
  await renamed.press("Tab");
  await study.settle();
  assert.match(await study.problemSummary().textContent(), /another channel is already called "Phone"/);
  const again = study.page.locator("section.card.channel").nth(2).getByLabel("Name", { exact: true });
  await again.fill("Messaging");
  await again.press("Tab");
  await study.settle();
  assert.equal(await study.problemSummary().count(), 0);
  assert.equal(await weight(0, "Phone").inputValue(), "0.25");
  assert.equal(await weight(0, "Messaging").inputValue(), "0.2");

  // Removing the channel removes its weights.
  await study.channel("Messaging").getByRole("button", { name: "Remove channel Messaging" }).click();
  assert.equal(await study.page.locator("section.card.channel").count(), 2);
  assert.equal(await weight(0, "Messaging").count(), 0);
  await study.settle();
  assert.equal(await study.problemSummary().count(), 0);
  assert.doesNotMatch(await study.saved(), /Messaging/);
  await assertClean(study);
  await study.page.close();
});

test("designs: add a copy of Current, duplicate, delete with Undo, and move between tabs by keyboard", { timeout: 90_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  await study.openExample("Password reset");
  await study.page.getByRole("button", { name: "Add design" }).click();
  assert.equal(await study.tab(/New design/).getAttribute("aria-selected"), "true");
  assert.equal(await study.page.getByLabel("Design name").inputValue(), "New design");
  assert.match(await study.page.locator(".changes").textContent(), /None yet/);

  await study.page.getByRole("button", { name: "Duplicate design" }).click();
  assert.equal(await study.tab(/New design copy/).getAttribute("aria-selected"), "true");
  assert.equal(await study.page.getByRole("tab").count(), 4);

  await study.page.getByRole("button", { name: "Delete design" }).click();
  assert.equal(await study.page.getByRole("tab").count(), 3);
  await study.notice().getByRole("button", { name: "Undo" }).click();
  assert.equal(await study.page.getByRole("tab").count(), 4);

  await study.tab(/Current/).focus();
  await study.page.keyboard.press("ArrowRight");
  assert.equal(await study.tab(/Improved/).getAttribute("aria-selected"), "true");
  assert.equal(await study.page.evaluate(() => document.activeElement.textContent), "Improved");
  await study.page.keyboard.press("End");
  assert.equal(await study.tab(/New design copy/).getAttribute("aria-selected"), "true");

  // At most six designs.
  await study.page.getByRole("button", { name: "Add design" }).click();
  await study.page.getByRole("button", { name: "Add design" }).click();
  assert.equal(await study.page.getByRole("tab").count(), 6);
  assert.equal(await study.page.getByRole("button", { name: "Add design" }).isDisabled(), true);
  await assertClean(study);
  await study.page.close();
});

test("every input has a visible label, and the page fits 1280×720 and 150% zoom", { timeout: 120_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  await study.openExample("Pro photographer");
  const unlabelled = await study.page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea")]
      .filter((el) => !el.classList.contains("visually-hidden"))
      .filter((el) => !el.labels?.length || [...el.labels].every((l) => l.offsetParent === null))
      .map((el) => el.id || el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, [], "inputs without a visible label");

  await study.page.setViewportSize({ width: 1280, height: 720 });
  const overflow = await study.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, "no sideways scrolling at 1280×720");
  await study.app.screenshot("editor-1280x720-full");
  await study.page.close();

  const zoomed = await openZoomed(setup.session, "/");
  try {
    const page = zoomed.study.page;
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(wide, 0, "no sideways scrolling at 150% zoom");
    await page.screenshot({ path: await shotPath("editor-150pct-top") });
    await page.getByRole("tab", { name: /Improved/ }).click();
    await page.locator("section.card.channel").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: await shotPath("editor-150pct-channel") });
    await assertClean(zoomed.study);
  } finally {
    await zoomed.close();
  }
});

// Keep the storage key in one place: the app and these tests must agree.
assert.equal(STORAGE_KEY, "journey-simulator/study/v1");

test("numbers as people write them: 20% in a rate, 3 000 and 1,200 in a count", { timeout: 90_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  await study.openExample("Password reset");
  await study.tab(/Improved/).click();
  const containment = study.channel("Phone").getByLabel("Containment");
  let href = await study.href();
  await containment.fill("20%");
  href = await study.waitForUrlChange(href, 15_000);
  assert.equal(await containment.getAttribute("aria-invalid"), null);
  assert.match(await study.channel("Phone").locator(".field-hint").first().textContent(), /= 20%/);
  assert.ok((await study.saved()).includes('"containment":0.2'), "the study holds 0.2");

  const perDay = study.page.locator("section.volume").getByLabel(/Customers a day/);
  await perDay.fill("3 000");
  href = await study.waitForUrlChange(href, 15_000);
  assert.ok((await study.saved()).includes('"customers_per_day":3000'));
  await perDay.fill("1,200");
  await study.waitForUrlChange(href, 15_000);
  assert.ok((await study.saved()).includes('"customers_per_day":1200'));
  await assertClean(study);
  await study.page.close();
});
