// Sharing and keeping work: the study travels in the link, a fresh browser
// opening the link sees the same study, a broken link never replaces the
// person's saved study, and study files go in (checked) and out.

import assert from "node:assert/strict";
import { test } from "node:test";
import { deflateSync } from "node:zlib";
import { StudyPage, openInFreshBrowser } from "../support/study-page.js";
import { assertClean, sessionPerFile, shotPath } from "../support/test-file.js";

const setup = sessionPerFile();

/** A study link made the way the app makes them (zlib, base64url), for a study JSON text. */
function linkFor(json) {
  return `#s1.${deflateSync(Buffer.from(JSON.stringify(JSON.parse(json)))).toString("base64url")}`;
}

/** Opens an example and gives it a title of its own; returns its exported JSON. */
async function makeStudy(study, example, title) {
  await study.openExample(example);
  await study.title().fill(title);
  await study.settle();
  return (await study.exportStudy()).text;
}

test("Copy link copies the URL, and a fresh browser opening it sees the same study", { timeout: 120_000 }, async () => {
  await setup.session.browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: setup.session.server.origin });
  const study = await StudyPage.open(setup.session, "/");
  await study.openExample("Help centre still calls");
  await study.title().fill("Shared study");
  await study.tab(/Improved/).click();
  await study.channel("Help centre").getByLabel("Containment").fill("0.61");
  await study.settle();

  await study.page.getByRole("button", { name: "Copy link" }).click();
  await study.page.getByText("Link copied").waitFor();
  const href = await study.href();
  assert.equal(await study.page.evaluate(() => navigator.clipboard.readText()), href);
  const exported = await study.exportStudy();
  assert.equal(exported.name, "Shared study.json");

  const fresh = await openInFreshBrowser(setup.session, new URL(href).pathname + new URL(href).hash);
  try {
    assert.equal(await fresh.study.title().inputValue(), "Shared study");
    assert.equal(await fresh.study.notice().count(), 0, "the link opened without complaint");
    assert.equal(await fresh.study.examplesOpen(), false, "a shared study fills the screen, examples folded");
    await fresh.study.tab(/Improved/).click();
    assert.equal(await fresh.study.channel("Help centre").getByLabel("Containment").inputValue(), "0.61");
    const again = await fresh.study.exportStudy();
    assert.equal(again.text, exported.text, "the same study file, byte for byte");
    await fresh.study.settle();
    assert.equal(await fresh.study.href(), href, "the link is stable: the same study gives the same link");
    await assertClean(fresh.study);
  } finally {
    await fresh.close();
  }
  await assertClean(study);
  await study.page.close();
});

test("when the clipboard is refused, the link is shown selected for copying by hand", { timeout: 90_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  await study.page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("Write permission denied.", "NotAllowedError"));
  });
  await study.page.getByRole("button", { name: "Copy link" }).click();
  const manual = study.page.getByLabel(/Copy this link yourself/);
  await manual.waitFor();
  const href = await study.href();
  assert.equal(await manual.inputValue(), href);
  const selection = await study.page.evaluate(() => {
    const el = document.activeElement;
    return { id: el.id, start: el.selectionStart, end: el.selectionEnd, length: el.value.length };
  });
  assert.deepEqual(selection, { id: "manual-link", start: 0, end: selection.length, length: href.length });
  await study.page.setViewportSize({ width: 1280, height: 720 });
  await study.page.locator(".sharing-bar").screenshot({ path: await shotPath("sharing-copy-by-hand") });
  await assertClean(study);
  await study.page.close();
});

test("a broken, tampered, oversized or invalid link keeps the saved study, says why, and the URL is rewritten", { timeout: 150_000 }, async () => {
  const first = await StudyPage.open(setup.session, "/");
  const kept = await makeStudy(first, "Omnichannel continuity", "Kept study");
  const good = await first.fragment();
  await first.page.close();

  const invalid = JSON.parse(kept);
  invalid.designs[0].channels[0].agent.resolution = 1.5;
  const tamperAt = Math.floor(good.length / 2);
  const swapped = good[tamperAt] === "A" ? "B" : "A";
  const cases = [
    ["cut off", good.slice(0, Math.floor(good.length * 0.6)), /incomplete or damaged/],
    ["one character changed", good.slice(0, tamperAt) + swapped + good.slice(tamperAt + 1), /damaged|altered/],
    ["not base64", `${good.slice(0, 20)}!*${good.slice(22)}`, /altered|damaged/],
    ["oversized", `#s1.${"A".repeat(200_001)}`, /too large/],
    ["from a newer app", "#s9.abc", /format this version .* does not know/],
    ["an invalid study", linkFor(JSON.stringify(invalid)), /study with problems[\s\S]*designs\[0\]\.channels\[0\]\.agent\.resolution/],
  ];
  for (const [what, fragment, message] of cases) {
    const study = await StudyPage.open(setup.session, `/${fragment}`);
    const notice = study.notice();
    await notice.waitFor();
    assert.equal(await notice.getAttribute("role"), "alert", what);
    assert.match(await notice.textContent(), /This link could not be opened\. Your last study is shown instead\./, what);
    assert.match(await notice.textContent(), message, what);
    assert.equal(await study.title().inputValue(), "Kept study", `${what}: the saved study is shown`);
    await study.page.waitForFunction((bad) => location.hash !== bad && location.hash.startsWith("#s1."), fragment);
    assert.equal(await study.fragment(), good, `${what}: the URL now carries the kept study`);
    assert.equal((await study.exportStudy()).text, kept, `${what}: the study is exactly the kept one`);
    if (what === "an invalid study") {
      await study.page.setViewportSize({ width: 1280, height: 720 });
      await study.page.screenshot({ path: await shotPath("sharing-invalid-link-notice") });
    }
    await notice.getByRole("button", { name: "Dismiss" }).click();
    assert.equal(await study.notice().count(), 0, `${what}: dismissed`);
    await assertClean(study);
    await study.page.close();
  }
});

test("a link pasted into the address bar opens too, with the same checks and Undo", { timeout: 120_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  await makeStudy(study, "Pro photographer", "Other study");
  const other = await study.fragment();
  const mine = await makeStudy(study, "Password reset", "My study");

  await study.notice().getByRole("button", { name: "Dismiss" }).click();
  await study.page.evaluate((hash) => {
    location.hash = hash;
  }, other);
  await study.page.waitForFunction(() => /Opened the study from the link/.test(document.querySelector("#notice")?.textContent ?? ""));
  assert.equal(await study.title().inputValue(), "Other study");
  assert.match(await study.notice().textContent(), /Opened the study from the link/);
  await study.notice().getByRole("button", { name: "Undo" }).click();
  assert.equal(await study.title().inputValue(), "My study");
  await study.settle();

  await study.page.evaluate(() => {
    location.hash = "#s1.thisIsNotAStudy";
  });
  await study.page.waitForFunction(() => /Your study is unchanged/.test(document.querySelector("#notice")?.textContent ?? ""));
  assert.match(await study.notice().textContent(), /could not be opened\. Your study is unchanged\./);
  assert.equal(await study.title().inputValue(), "My study");
  await study.page.waitForFunction(() => location.hash.startsWith("#s1.") && location.hash !== "#s1.thisIsNotAStudy");
  assert.equal((await study.exportStudy()).text, mine);
  await assertClean(study);
  await study.page.close();
});

test("import refuses an invalid file with its problems and changes nothing; a valid file opens", { timeout: 90_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  const mine = await makeStudy(study, "Password reset", "Before import");

  const broken = JSON.parse(mine);
  broken.designs[0].channels[0].self_service.containment = 1.5;
  broken.designs[1].personas[0].share = "lots";
  await study.importStudy("broken.json", JSON.stringify(broken, null, 2));
  await study.notice().waitFor();
  const text = await study.notice().textContent();
  assert.match(text, /“broken\.json” is not a study this app can open\. Your study is unchanged\./);
  assert.match(text, /designs\[0\]\.channels\[0\]\.self_service\.containment: 1\.5 is not a probability/);
  assert.match(text, /designs\[1\]\.personas\[0\]\.share: must be a number/);
  assert.equal(await study.page.locator("#notice li").count(), 2, "each problem on its own line");
  assert.equal(await study.title().inputValue(), "Before import");
  assert.equal((await study.exportStudy()).text, mine);

  await study.importStudy("notes.json", "{ this is not json");
  await study.page.waitForFunction(() => /notes\.json/.test(document.querySelector("#notice")?.textContent ?? ""));
  assert.match(await study.notice().textContent(), /not valid JSON/);
  assert.equal(await study.title().inputValue(), "Before import");

  const other = JSON.parse(mine);
  other.title = "Imported study";
  other.journeys = 5000;
  await study.importStudy("imported.json", JSON.stringify(other));
  await study.page.waitForFunction(() => /Opened “imported\.json”/.test(document.querySelector("#notice")?.textContent ?? ""));
  assert.equal(await study.title().inputValue(), "Imported study");
  assert.equal(await study.page.getByLabel("Journeys per design").inputValue(), "5000");
  const exported = await study.exportStudy();
  assert.equal(exported.name, "Imported study.json");
  assert.deepEqual(JSON.parse(exported.text), JSON.parse(JSON.stringify(other)), "export writes what was imported");
  await assertClean(study);
  await study.page.close();
});

test("opening a link where another study was kept says so, and Undo brings the kept one back", { timeout: 90_000 }, async () => {
  const study = await StudyPage.open(setup.session, "/");
  await makeStudy(study, "Pro photographer", "Their study");
  const theirs = await study.fragment();
  const mine = await makeStudy(study, "Password reset", "My own study");
  await study.page.close();

  const opened = await StudyPage.open(setup.session, `/${theirs}`);
  assert.equal(await opened.title().inputValue(), "Their study");
  assert.equal(await opened.notice().getAttribute("role"), "status");
  assert.match(await opened.notice().textContent(), /It replaces the study you had here; Undo brings that back/);
  await opened.notice().getByRole("button", { name: "Undo" }).click();
  assert.equal(await opened.title().inputValue(), "My own study");
  assert.equal((await opened.exportStudy()).text, mine);
  await assertClean(opened);
  await opened.page.close();
});
