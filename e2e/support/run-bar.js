// Page object for the run bar (src/run/run_bar.rs): the simulation's status
// line, progress bar and Stop / "Finish the run" buttons, plus the
// report's fingerprint and the runner's timings it carries as data-*
// attributes. Also: the command line's fingerprint for the same study.

import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export class RunBar {
  /** @param {import("./app-page.js").AppPage} app */
  constructor(app) {
    this.app = app;
    this.page = app.page;
  }

  bar() {
    return this.page.locator("#run-bar");
  }

  statusText() {
    return this.page.locator("#run-status").textContent();
  }

  progress() {
    return this.page.getByRole("progressbar", { name: "Simulation progress" });
  }

  stopButton() {
    return this.bar().getByRole("button", { name: "Stop" });
  }

  finishButton() {
    return this.bar().getByRole("button", { name: "Finish the run" });
  }

  /** Every data-* attribute of the run bar, as strings. */
  async data() {
    return this.bar().evaluate((el) => ({ ...el.dataset }));
  }

  async fingerprint() {
    return (await this.data()).fingerprint;
  }

  /** Waits until `data-state` is one of `states`; returns the data. */
  async waitForState(states, timeout = 60_000) {
    return this.app.waitForRunState(states, timeout);
  }

  /**
   * Waits for a report of a run other than `runId` (a new run's preview or
   * later report); returns the data.
   */
  async waitForNewReport(runId, timeout = 60_000) {
    await this.page.waitForFunction(
      (runId) => {
        const d = document.querySelector("#run-bar")?.dataset;
        return d && d.runId !== runId && d.fingerprint !== "" && Number(d.journeys) > 0;
      },
      runId,
      { timeout },
    );
    return this.data();
  }
}

/**
 * The fingerprint `journey-sim run` prints for `study` (a file path, preset
 * id or share link), with the study's own journeys and seed unless `options`
 * (such as "--seed", "7") say otherwise.
 */
export async function cliFingerprint(study, ...options) {
  const { stdout } = await promisify(execFile)(
    "cargo",
    ["run", "--offline", "--quiet", "--package", "journey-sim", "--", "run", study, "--format", "json", ...options],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
  );
  return JSON.parse(stdout).fingerprint;
}
