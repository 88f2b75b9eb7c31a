// The app loads from a static host, runs its example study in the
// simulation workers, with no errors, no CSP violations and no requests
// leaving the local server.

import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Session } from "../support/app-page.js";

let session;
before(async () => {
  session = await Session.start();
});
after(async () => {
  await session?.close();
});

test("the app opens, its workers run the example, and nothing leaves the origin", { timeout: 90_000 }, async () => {
  const app = await session.open();

  assert.equal(await app.heading().textContent(), "Journey Simulator");
  assert.equal(await app.page.title(), "Journey Simulator");

  // The example study runs in the simulation workers as soon as the page
  // opens, and the run bar says so.
  const run = await app.waitForRunState("done");
  assert.match(run.fingerprint, /^[0-9a-f]{16}$/);
  assert.ok(Number(run.workersReady) >= 1, `workers ready: ${run.workersReady}`);
  assert.match(await app.page.locator("#run-status").textContent(), /^Done: 20 replications \([\d,]+ customers per design\) in [\d.]+ s$/);

  // The worker's files were fetched from the local server, by name.
  for (const file of ["/journey-worker_loader.js", "/journey-worker.js", "/journey-worker_bg.wasm"]) {
    assert.ok(session.server.requests.includes(file), `${file} was never requested: ${session.server.requests.join(", ")}`);
  }

  await app.screenshot("app");

  assert.deepEqual(await app.cspViolations(), [], "CSP violations");
  assert.deepEqual(app.errors, [], "console errors");
  assert.deepEqual(app.foreignRequests, [], "requests to hosts other than the local server");
});
