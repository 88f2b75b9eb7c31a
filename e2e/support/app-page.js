// Page object for the Journey Simulator, plus the session that hosts it:
// the static server for dist/, a fresh Chromium, and watchers that collect
// console errors, page errors, CSP violations and requests to any host other
// than the local server (those are blocked as well as recorded).
//
// Tests talk to the app the way a person does (headings, buttons, status
// text) through AppPage; they never reach into the DOM structure directly.

import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "./browser.js";
import { startStaticServer } from "./static-server.js";

const HERE = dirname(fileURLToPath(import.meta.url));
export const DIST = resolve(process.env.DIST_DIR ?? join(HERE, "..", "..", "dist"));
export const SCREENSHOTS = join(HERE, "..", "screenshots");

/** One server + browser, shared by the tests of a file. */
export class Session {
  static async start() {
    const server = await startStaticServer(DIST);
    const browser = await launchBrowser();
    return new Session(server, browser);
  }

  constructor(server, browser) {
    this.server = server;
    this.browser = browser;
  }

  /**
   * A new tab on the app, with its watchers attached. `workers` (optional)
   * is the number of logical cores the page is told it has, so the number
   * of simulation workers it starts.
   */
  async open(path = "/", { workers } = {}) {
    const page = await this.browser.context.newPage();
    if (workers !== undefined) {
      await page.addInitScript((n) => Object.defineProperty(Navigator.prototype, "hardwareConcurrency", { get: () => n }), workers);
    }
    const app = new AppPage(page, this.server.origin);
    await app.attachWatchers();
    await app.goto(path);
    return app;
  }

  async close() {
    await this.browser.close();
    await this.server.close();
  }
}

export class AppPage {
  constructor(page, origin) {
    this.page = page;
    this.origin = origin;
    /** Console errors and uncaught exceptions, as text. */
    this.errors = [];
    /** URLs of requests to anywhere but `origin` (all of them are aborted). */
    this.foreignRequests = [];
  }

  async attachWatchers() {
    const { page, origin } = this;
    page.on("console", (msg) => {
      if (msg.type() === "error") this.errors.push(`console: ${msg.text()}`);
    });
    page.on("pageerror", (err) => this.errors.push(`pageerror: ${err.message}`));
    page.on("crash", () => this.errors.push("page crashed"));
    const isForeign = (url) => !url.startsWith(`${origin}/`);
    page.on("request", (req) => {
      if (isForeign(req.url())) this.foreignRequests.push(req.url());
    });
    await page.route(
      (url) => isForeign(url.href),
      async (route) => {
        this.foreignRequests.push(route.request().url());
        await route.abort("blockedbyclient");
      },
    );
    // CSP violations also reach the console, but recording them explicitly
    // names the directive that fired.
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => {
        window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
      });
    });
  }

  async goto(path) {
    await this.page.goto(`${this.origin}${path}`, { waitUntil: "load" });
  }

  /** The page's top-level heading. */
  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  /** The run bar: the simulation's status, progress and Stop (see run-bar.js). */
  runBar() {
    return this.page.locator("#run-bar");
  }

  /**
   * Waits until the run bar's `data-state` is one of `states` ("running",
   * "done", "cancelled", "failed"); returns the run bar's data attributes.
   */
  async waitForRunState(states, timeout = 60_000) {
    const wanted = Array.isArray(states) ? states : [states];
    await this.page.waitForFunction(
      (wanted) => wanted.includes(document.querySelector("#run-bar")?.dataset.state),
      wanted,
      { timeout },
    );
    return this.runBar().evaluate((el) => ({ ...el.dataset }));
  }

  async cspViolations() {
    return this.page.evaluate(() => window.__cspViolations ?? []);
  }

  async screenshot(name) {
    await mkdir(SCREENSHOTS, { recursive: true });
    const path = join(SCREENSHOTS, `${name}.png`);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }
}
