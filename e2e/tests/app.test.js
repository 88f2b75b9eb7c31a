// The app loads from a static host, starts its simulation worker and
// answers through it, with no errors, no CSP violations and no requests
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

test("the app opens, its worker answers pings, and nothing leaves the origin", { timeout: 90_000 }, async () => {
  const app = await session.open();

  assert.equal(await app.heading().textContent(), "Journey Simulator");
  assert.equal(await app.page.title(), "Journey Simulator");

  // The page pings the worker once it reports ready; the answer carries the
  // number back, so this text proves a full round trip.
  const first = await app.waitForWorkerStatus(/answered ping 1\b/);
  assert.match(first, /^Worker \d+\.\d+\.\d+ answered ping 1\.$/);

  await app.pingWorker();
  await app.waitForWorkerStatus(/answered ping 2\b/);

  // The worker's files were fetched from the local server, by name.
  for (const file of ["/journey-worker_loader.js", "/journey-worker.js", "/journey-worker_bg.wasm"]) {
    assert.ok(session.server.requests.includes(file), `${file} was never requested: ${session.server.requests.join(", ")}`);
  }

  await app.screenshot("app");

  assert.deepEqual(await app.cspViolations(), [], "CSP violations");
  assert.deepEqual(app.errors, [], "console errors");
  assert.deepEqual(app.foreignRequests, [], "requests to hosts other than the local server");
});
