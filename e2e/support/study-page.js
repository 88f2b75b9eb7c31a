// Page object for the study editor and its sharing controls, on top of
// AppPage (app-page.js). Tests find things the way a person does: by
// label, heading, role and visible text.

import { readFile } from "node:fs/promises";
import { chromium } from "playwright-core";
import { AppPage } from "./app-page.js";
import { CHROMIUM, launchBrowser } from "./browser.js";

/** Where the app keeps the last study (see src/sharing/browser.rs). */
export const STORAGE_KEY = "journey-simulator/study/v1";
/** Longer than the URL's debounce (400 ms) after an edit. */
export const SETTLE_MS = 900;

export class StudyPage {
  /** @param {AppPage} app */
  constructor(app) {
    this.app = app;
    this.page = app.page;
  }

  /** Opens `path` in a new tab of `session` and waits for the editor (`options` as for `Session.open`). */
  static async open(session, path = "/", options = {}) {
    const study = new StudyPage(await session.open(path, options));
    await study.ready();
    return study;
  }

  async ready() {
    await this.title().waitFor({ timeout: 60_000 });
  }

  title() {
    return this.page.getByLabel("Title", { exact: true });
  }

  tab(name) {
    return this.page.getByRole("tab", { name });
  }

  /** A channel's card in the open design, by the channel's name. */
  channel(name) {
    return this.page
      .locator("section.card.channel")
      .filter({ has: this.page.getByRole("heading", { level: 4, name, exact: true }) });
  }

  /** The `index`-th persona card of the open design. */
  persona(index) {
    return this.page.locator("section.card.persona").nth(index);
  }

  notice() {
    return this.page.locator("#notice");
  }

  problemSummary() {
    return this.page.locator(".problem-summary");
  }

  changes() {
    return this.page.locator(".changes-list li");
  }

  async href() {
    return this.page.evaluate(() => location.href);
  }

  async fragment() {
    return this.page.evaluate(() => location.hash);
  }

  async saved() {
    return this.page.evaluate((key) => localStorage.getItem(key), STORAGE_KEY);
  }

  /** Waits until the URL differs from `from`; returns the new one. */
  async waitForUrlChange(from, timeout = 5_000) {
    await this.page.waitForFunction((from) => location.href !== from, from, { timeout });
    return this.href();
  }

  /** Waits out the URL's debounce. */
  async settle() {
    await this.page.waitForTimeout(SETTLE_MS);
  }

  /** The examples' fold-out (open on a first visit only). */
  examples() {
    return this.page.locator("details.presets");
  }

  async examplesOpen() {
    return this.examples().evaluate((details) => details.open);
  }

  async openExample(name) {
    if (!(await this.examplesOpen())) await this.examples().locator("summary").click();
    await this.page.getByRole("button", { name: new RegExp(`^${name}`) }).click();
  }

  /** Clicks "Export study file"; returns the download's name and text. */
  async exportStudy() {
    const [download] = await Promise.all([
      this.page.waitForEvent("download"),
      this.page.getByRole("button", { name: "Export study file" }).click(),
    ]);
    return { name: download.suggestedFilename(), text: await readFile(await download.path(), "utf8") };
  }

  /** Chooses a file for "Import study file". */
  async importStudy(name, text) {
    await this.page.getByLabel("Import study file").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
  }
}

/**
 * Opens `path` on the session's server in a separate Chromium with a new,
 * empty profile: nothing saved, nothing shared with the session's browser.
 */
export async function openInFreshBrowser(session, path) {
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  const app = new AppPage(page, session.server.origin);
  await app.attachWatchers();
  await app.goto(path);
  const study = new StudyPage(app);
  await study.ready();
  return { study, close: () => browser.close() };
}

/**
 * A browser context that renders like a 1280×720 screen at 150% zoom: the
 * page lays out in 853×480 CSS pixels, drawn at 1.5 device pixels each.
 */
export async function openZoomed(session, path, zoom = 1.5) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({
    viewport: { width: Math.round(1280 / zoom), height: Math.round(720 / zoom) },
    deviceScaleFactor: zoom,
  });
  const page = await context.newPage();
  const app = new AppPage(page, session.server.origin);
  await app.attachWatchers();
  await app.goto(path);
  const study = new StudyPage(app);
  await study.ready();
  return { study, close: () => browser.close() };
}
