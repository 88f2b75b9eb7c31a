// The results view, driven the way a person uses it: pick an example, the
// results appear (KPI cards with numbers and verdicts, plots that are
// elements with their data, customer stories), switch the distributions
// between histogram and CDF, download the CSV and a plot as SVG and PNG,
// and print the report (the answer, paths, experience, appendix). Screenshots at 1280×720 (and one full page)
// go to e2e/screenshots/ for a person to look at.

import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { SCREENSHOTS, Session } from "../support/app-page.js";
import { ResultsPage } from "../support/results-page.js";

const VERDICTS = ["better", "worse", "no detectable difference", "negligible", "not applicable"];
/** Redraw budget for one plot after new results [ms]. */
const DRAW_BUDGET_MS = 50;

let session;
let results;
before(async () => {
  session = await Session.start();
  const app = await session.open("/");
  await app.page.setViewportSize({ width: 1280, height: 720 });
  results = new ResultsPage(app);
  await results.openExample("Pro photographer");
  await results.waitForResults();
  await results.waitForFinalResults();
});
after(async () => {
  await session?.close();
});

async function shot(name, options = {}) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await results.page.screenshot({ path, ...options });
  return path;
}

test("KPI cards show every design's figure with its interval, and each variant's change with a verdict", async () => {
  const cards = results.cards();
  assert.equal(await cards.count(), 18, "one card per KPI (and repeat contacts)");
  for (const key of ["resolution_rate", "cost_per_journey", "satisfaction", "containment"]) {
    const card = results.card(key);
    const lines = card.locator(".kpi-line");
    assert.equal(await lines.count(), 2, `${key}: Current and Improved`);
    assert.match(await lines.nth(0).locator(".kpi-value").textContent(), /\d/);
    assert.match(await lines.nth(0).locator(".kpi-interval").textContent(), /95% CI .*\d.* to .*\d/);
    const verdict = await lines.nth(1).locator(".verdict").getAttribute("data-verdict");
    assert.ok(VERDICTS.includes(verdict), `${key}: ${verdict}`);
    assert.match(await lines.nth(1).locator(".kpi-change-value").textContent(), /\d/);
  }
  assert.match(await results.card("resolution_rate").locator(".kpi-value").first().textContent(), /^\d+\.\d%$/);
  assert.match(await results.card("resolution_rate").locator(".kpi-change-value").textContent(), /pp$/);
  assert.match(await results.card("cost_per_journey").locator(".kpi-value").first().textContent(), /^\$\d/);
  // Colour is never the only cue: every verdict has an icon and words.
  const badges = await results.section().locator(".kpi-card .verdict").allTextContents();
  assert.ok(badges.length >= 16);
  for (const text of badges) assert.match(text, /^[✓✗=≈–] (better|worse|no detectable difference|negligible|not applicable)$/);

  await results.section().scrollIntoViewIfNeeded();
  await results.page.locator("#kpi-heading").evaluate((el) => el.scrollIntoView());
  await shot("results-1280x720-kpis");
});

test("plots are canvases with their data beside them, drawn within the redraw budget", async () => {
  const facts = await results.chartFacts();
  const kinds = facts.map((f) => f.kind);
  assert.equal(kinds.filter((k) => k === "distribution").length, 4, "hours, contacts, cost, satisfaction");
  assert.equal(kinds.filter((k) => k === "sankey").length, 2, "a journey-path diagram per design");
  for (const kind of ["emotion-curve", "pain-points", "convergence"]) assert.ok(kinds.includes(kind), kind);
  for (const f of facts) {
    assert.ok(f.rows > 0, `${f.kind}: data rows`);
    assert.equal(f.tableRows, f.rows, `${f.kind}: the hidden table has every row`);
    assert.ok(f.series.length >= 1, `${f.kind}: series named`);
    assert.ok(f.label.length > 10, `${f.kind}: the canvas is named by its title`);
    assert.ok(f.description.length > 40, `${f.kind}: the canvas is described by a summary for screen readers`);
    assert.ok(f.inked > 200, `${f.kind}: the canvas was drawn on (${f.inked} inked samples)`);
    assert.ok(f.canvas.width >= f.canvas.cssWidth, `${f.kind}: drawn at the device's pixel ratio`);
    assert.ok(f.drawMs !== null && f.drawMs < DRAW_BUDGET_MS, `${f.kind}: drawn in ${f.drawMs} ms`);
  }
  // A Sankey is one design's; a day chart the designs that staff its pool.
  for (const f of facts.filter((f) => f.kind !== "sankey" && f.kind !== "day")) {
    assert.ok(f.series.includes("Current") && f.series.includes("Improved"), `${f.kind}: ${f.series}`);
  }
  const times = facts.map((f) => `${f.kind} ${f.drawMs} ms`).join(", ");
  const total = facts.reduce((sum, f) => sum + f.drawMs, 0);
  console.log(`plot redraw times: ${times}; all ${facts.length} plots ${total.toFixed(1)} ms`);

  await results.page.locator("#distributions-heading").evaluate((el) => el.scrollIntoView());
  await shot("results-1280x720-distributions");
  await results.page.locator("#paths-heading").evaluate((el) => el.scrollIntoView());
  await shot("results-1280x720-paths");
  await results.page.locator("#experience-heading").evaluate((el) => el.scrollIntoView());
  await shot("results-1280x720-experience");
  await results.page.locator("#groups-heading").evaluate((el) => el.scrollIntoView());
  await shot("results-1280x720-groups");
});

test("a simulated centre shows a card per staffed pool, the day at a glance and the year's business case", async () => {
  const cards = results.page.locator(".capacity-card");
  const pools = await cards.count();
  assert.ok(pools >= 2, `${pools} pool cards`);
  const serviceLevel = cards.first().locator('tr[data-figure="service_level"]');
  assert.match(await serviceLevel.locator("th").textContent(), /Answered within 20\s?s/);
  const cells = serviceLevel.locator("td");
  assert.equal(await cells.count(), 2, "Current and Improved");
  assert.match(await cells.nth(0).locator(".capacity-value").textContent(), /^\d+\.\d%$/);
  assert.match(await cells.nth(0).locator(".capacity-interval").textContent(), /95% CI/);
  assert.match(await cells.nth(1).locator(".capacity-change").textContent(), /pp/);
  assert.equal(await cells.nth(1).locator(".verdict").count(), 1);
  assert.match(await cards.first().locator(".capacity-definition").textContent(), /Service level: contacts answered within/);

  const facts = await results.chartFacts();
  assert.equal(facts.filter((f) => f.kind === "day").length, pools, "a day chart per pool");

  const year = results.page.locator(".business-case");
  assert.equal(await year.locator(".business-case-table tbody tr").count(), 2);
  assert.match(await year.locator(".business-case-savings li").first().textContent(), /^Improved (saves \$[\d,]+ a year|costs \$[\d,]+ more a year|makes no detectable difference) .*95% CI/);
  assert.match(await year.locator(".section-note").textContent(), /customers a year/);

  await results.page.locator("#capacity-heading").evaluate((el) => el.scrollIntoView());
  await shot("results-1280x720-capacity");
  await results.page.locator(".capacity-day-heading").evaluate((el) => el.scrollIntoView());
  await shot("results-1280x720-day");
  await results.page.locator("#business-case-heading").evaluate((el) => el.scrollIntoView());
  await shot("results-1280x720-business-case");
});

test("distributions switch between histogram and cumulative share, and back", async () => {
  const captions = async () => (await results.chartFacts()).filter((f) => f.kind === "distribution").map((f) => f.caption);
  assert.ok((await captions()).every((c) => /by design: share of/.test(c)));
  // From the click to the next painted frame: new charts computed, the
  // tables and canvases updated, and the frame drawn.
  const switchMs = await results.page.evaluate(async () => {
    const button = [...document.querySelectorAll("#results .toggle-option")].find((b) => b.dataset.mode === "cdf");
    const started = performance.now();
    button.click();
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return performance.now() - started;
  });
  console.log(`histogram → CDF, click to painted frame: ${switchMs.toFixed(1)} ms`);
  await results.page.waitForFunction(() =>
    [...document.querySelectorAll('#results figure[data-chart="distribution"] caption')].every((c) => /by design, cumulative: cumulative share/.test(c.textContent)),
  );
  const facts = (await results.chartFacts()).filter((f) => f.kind === "distribution");
  for (const f of facts) assert.ok(f.drawMs < DRAW_BUDGET_MS, `CDF redraw took ${f.drawMs} ms`);
  console.log(`CDF redraw times: ${facts.map((f) => f.drawMs).join(", ")} ms`);
  // A cumulative share ends at 100% for every design.
  const lastRow = await results.page.evaluate(() => {
    const table = document.querySelector('#results figure[data-chart="distribution"] table.chart-data');
    const rows = table.querySelectorAll("tbody tr");
    return [...rows[rows.length - 1].querySelectorAll("td")].map((td) => td.textContent);
  });
  assert.deepEqual(lastRow, lastRow.map(() => "100.0%"));
  assert.equal(await results.section().getByRole("button", { name: "Cumulative (CDF)" }).getAttribute("aria-pressed"), "true");
  await results.page.locator("#distributions-heading").evaluate((el) => el.scrollIntoView());
  await shot("results-1280x720-distributions-cdf");
  await results.showDistributionsAs("Histogram");
  await results.page.waitForFunction(() =>
    [...document.querySelectorAll('#results figure[data-chart="distribution"] caption')].every((c) => /by design: share of/.test(c.textContent)),
  );
});

test("customer stories show the same customer in Current and Improved, step by step", async () => {
  assert.equal(await results.storyChoices().count(), 5);
  const pair = results.storyPair();
  await pair.waitFor();
  const sides = pair.locator(".story-side");
  assert.equal(await sides.count(), 2);
  assert.deepEqual(await sides.evaluateAll((els) => els.map((e) => e.dataset.design)), ["Current", "Improved"]);
  for (let i = 0; i < 2; i++) {
    const steps = sides.nth(i).locator(".story-step");
    assert.ok((await steps.count()) >= 2);
    assert.match(await steps.first().textContent(), /Contacts us by/);
    assert.match(await sides.nth(i).locator(".story-outcome").textContent(), /(Resolved|Gave up) after \d+ contacts?/);
    assert.match(await sides.nth(i).locator(".score-chip.big").textContent(), /^\d+ \/ 100$/);
  }
  // Another customer.
  const journey = await pair.getAttribute("data-journey");
  await results.storyChoices().nth(1).click();
  await results.page.waitForFunction((j) => document.querySelector(".story-pair")?.dataset.journey !== j, journey);
  assert.equal(await results.storyChoices().nth(1).getAttribute("aria-pressed"), "true");
  await results.page.locator("#stories-heading").evaluate((el) => el.scrollIntoView());
  await shot("results-1280x720-stories");
});

test("exports: one CSV of every figure, and a plot as SVG and PNG", async () => {
  const csv = await results.download(results.section().getByRole("button", { name: "Download CSV" }));
  assert.match(csv.name, /^pro-photographer-results\.csv$/);
  const lines = csv.bytes.toString("utf8").split("\r\n").filter(Boolean);
  assert.match(lines[0], /^study,journeys,design,role,kpi,label,unit,estimate,ci95_low,ci95_high,difference,/);
  assert.equal(lines.length, 1 + 2 * 20, "a row per design and KPI (17 with intervals, repeat contacts, median and 90th percentile)");
  assert.ok(lines.some((l) => /,Improved,variant,resolution_rate,.*,(better|worse|no_detectable_difference|negligible)$/.test(l)));

  const figure = results.figures("distribution").first();
  const svg = await results.download(figure.getByRole("button", { name: /as SVG$/ }));
  assert.match(svg.name, /^pro-photographer-hours-to-resolution-histogram\.svg$/);
  const text = svg.bytes.toString("utf8");
  assert.match(text, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /Hours to resolution by design/);
  assert.match(text, /Improved/);

  const png = await results.download(figure.getByRole("button", { name: /as PNG$/ }));
  assert.match(png.name, /\.png$/);
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // For slides: twice the width on screen, and 1920 pixels wide (the PNG
  // header's width, big-endian at byte 16).
  const shown = await figure.locator("canvas").evaluate((c) => c.clientWidth);
  assert.ok(png.bytes.readUInt32BE(16) >= 2 * shown - 1, `${png.bytes.readUInt32BE(16)} px for ${shown} on screen`);
  const wide = await results.download(figure.getByRole("button", { name: /as PNG, 1920 pixels wide$/ }));
  assert.match(wide.name, /-1920\.png$/);
  assert.equal(wide.bytes.readUInt32BE(16), 1920);
  await mkdir(SCREENSHOTS, { recursive: true });
  await writeFile(join(SCREENSHOTS, "results-export.svg"), text);
});

test("the printed report: the answer on page 1, then paths, experience with one customer's story, and the appendix", async () => {
  const pdf = await results.page.pdf({ format: "A4", printBackground: true });
  await mkdir(SCREENSHOTS, { recursive: true });
  await writeFile(join(SCREENSHOTS, "results-print.pdf"), pdf);
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? []).length;
  // Two designs: the answer, the two paths, the experience and a story, the appendix.
  assert.equal(pages, 4, "four pages");
  await results.page.emulateMedia({ media: "print" });
  try {
    const page = results.page;
    assert.equal(await page.locator(".print-report").isVisible(), true);
    assert.equal(await page.locator(".print-kpis tbody tr[data-kpi]").count(), 18);
    // It leads with the answer: what each variant changes, and its biggest effects in words.
    assert.match(await page.locator(".print-changes").textContent(), /changes: .*→/);
    assert.match(await page.locator(".print-headlines li").first().textContent(), /goes from .* to .*95% CI/);
    // No jargon on the first page: the seed and fingerprint wait for the appendix.
    assert.doesNotMatch(await page.locator(".print-report").textContent(), /fingerprint|seed|KPI/i);
    // Each later part starts a page of its own.
    const breaks = await page.evaluate(() =>
      [".print-report", ".results-section.paths", ".results-section.experience", ".print-appendix"].map((s) => {
        const style = getComputedStyle(document.querySelector(s));
        return [s, style.breakBefore, style.breakAfter];
      }),
    );
    assert.deepEqual(breaks, [
      [".print-report", "auto", "page"],
      [".results-section.paths", "page", "auto"],
      [".results-section.experience", "page", "auto"],
      [".print-appendix", "page", "auto"],
    ]);
    assert.equal(await page.locator(".results-section.paths canvas").count(), 2, "a path diagram per design");
    assert.equal(await page.locator(".results-section.experience canvas").count(), 2, "emotion curve and pain points");
    // One customer, in both designs, step by step.
    assert.equal(await page.locator(".print-story-side").count(), 2);
    assert.match(await page.locator(".print-story-side").first().textContent(), /(Resolved|Gave up) after \d+ contacts?/);
    const appendix = await page.locator(".print-appendix").textContent();
    assert.match(appendix, /What the study assumes.*How the figures were made.*The same numbers again/s);
    assert.match(appendix, /fingerprint [0-9a-f]{16}/);
    assert.match(await page.locator(".print-link a").getAttribute("href"), /#s1\./);
    assert.equal(await page.locator(".app-main > :not(#results)").first().isVisible(), false, "the editor is not printed");
    assert.equal(await results.section().getByRole("button", { name: "Download CSV" }).isVisible(), false);
  } finally {
    await results.page.emulateMedia({ media: "screen" });
  }
});

test("the whole page, and nothing went wrong on the way", async () => {
  await results.page.locator("#results-heading").evaluate((el) => el.scrollIntoView());
  await shot("results-1280x720-top");
  // On a wide screen the study and the results scroll in panes of their
  // own; unroll them (through the CSSOM, which the CSP allows) so one
  // picture holds the whole page.
  await results.page.evaluate(() => {
    Object.assign(document.body.style, { height: "auto", overflow: "visible", display: "block" });
    for (const pane of document.querySelectorAll(".study-pane, .results-pane")) {
      pane.style.maxHeight = "none";
      pane.style.overflow = "visible";
      pane.style.position = "static";
    }
  });
  await shot("results-full-page", { fullPage: true });
  assert.deepEqual(await results.app.cspViolations(), [], "CSP violations");
  assert.deepEqual(results.app.errors, [], "console errors");
  assert.deepEqual(results.app.foreignRequests, [], "requests leaving the local server");
});
