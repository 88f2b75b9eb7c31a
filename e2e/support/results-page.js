// Page object for the results view (src/results/), on top of AppPage
// (app-page.js). Tests find things the way a person does where they can
// (buttons by name, headings); the charts' numbers are read from their
// figures' data attributes and visually hidden tables, which is what a
// screen reader reads too.

import { readFile } from "node:fs/promises";

export class ResultsPage {
  /** @param {import("./app-page.js").AppPage} app */
  constructor(app) {
    this.app = app;
    this.page = app.page;
  }

  section() {
    return this.page.locator("#results");
  }

  /** Opens a built-in example by its name (unfolding the examples first). */
  async openExample(name) {
    const folded = this.page.locator("details.presets:not([open]) > summary");
    if (await folded.count()) await folded.click();
    await this.page.getByRole("button", { name: new RegExp(`^${name}`) }).first().click();
  }

  /** Waits until results of a study titled `title` are on screen. */
  async waitForResults(timeout = 60_000) {
    await this.page.locator("#results .kpi-card").first().waitFor({ timeout });
  }

  /** Waits until the run has simulated every journey (or stopped). */
  async waitForFinalResults(timeout = 120_000) {
    await this.page.waitForFunction(
      () => {
        const status = document.querySelector("#results .results-status");
        return status && /status-(done|cancelled)/.test(status.className);
      },
      null,
      { timeout },
    );
  }

  statusText() {
    return this.section().locator(".results-status").textContent();
  }

  cards() {
    return this.section().locator(".kpi-card");
  }

  card(key) {
    return this.section().locator(`.kpi-card[data-kpi="${key}"]`);
  }

  figures(kind) {
    return this.section().locator(kind ? `figure.chart[data-chart="${kind}"]` : "figure.chart");
  }

  /** Every chart's data attributes, hidden-table size, and how many of its
   * canvas pixels are not white. */
  async chartFacts() {
    return this.page.evaluate(() =>
      [...document.querySelectorAll("#results figure.chart")].map((figure) => {
        const canvas = figure.querySelector("canvas");
        let inked = 0;
        if (canvas && canvas.width > 0 && canvas.height > 0) {
          const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
          for (let i = 0; i < data.length; i += 4 * 7) {
            if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) inked++;
          }
        }
        const table = figure.querySelector("table.chart-data");
        return {
          kind: figure.dataset.chart,
          series: (figure.dataset.series ?? "").split("|").filter(Boolean),
          rows: Number(figure.dataset.rows),
          drawMs: figure.dataset.drawMs === undefined ? null : Number(figure.dataset.drawMs),
          tableRows: table ? table.querySelectorAll("tbody tr").length : 0,
          caption: table?.querySelector("caption")?.textContent ?? "",
          label: document.getElementById(canvas?.getAttribute("aria-labelledby") ?? "")?.textContent ?? "",
          description: document.getElementById(canvas?.getAttribute("aria-describedby") ?? "")?.textContent ?? "",
          canvas: canvas ? { width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth } : null,
          inked,
        };
      }),
    );
  }

  async showDistributionsAs(label) {
    await this.section().getByRole("button", { name: label }).click();
  }

  /** Clicks `button` and returns the download's name and bytes. */
  async download(button) {
    const [download] = await Promise.all([this.page.waitForEvent("download"), button.click()]);
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
  }

  storyPair() {
    return this.section().locator(".story-pair");
  }

  storyChoices() {
    return this.section().locator(".story-choice");
  }
}
