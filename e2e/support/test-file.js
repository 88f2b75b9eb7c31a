// What a test file of the study editor and sharing sets up before its
// tests: one Session (static server + Chromium) for the whole file, the
// check that a page stayed clean, and where its screenshots go.

import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { after, before } from "node:test";
import { SCREENSHOTS, Session } from "./app-page.js";

/**
 * Starts one Session before the calling file's tests and closes it after
 * them. Call it at the top of a test file; inside a test, the session is
 * `.session` of what it returns (`const setup = sessionPerFile()`, then
 * `setup.session`).
 */
export function sessionPerFile() {
  const file = { session: undefined };
  before(async () => {
    file.session = await Session.start();
  });
  after(async () => {
    await file.session?.close();
  });
  return file;
}

/** Fails the test on console errors, CSP violations or foreign requests. */
export async function assertClean(study) {
  assert.deepEqual(await study.app.cspViolations(), [], "CSP violations");
  assert.deepEqual(study.app.errors, [], "console errors");
  assert.deepEqual(study.app.foreignRequests, [], "requests leaving the local server");
}

/** Where a viewport screenshot called `name` goes (e2e/screenshots/). */
export async function shotPath(name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, `${name}.png`);
}
