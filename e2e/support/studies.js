// Studies for the tests, as JSON values, and the share links for them.
// Presets are simulated centres (schema 2); the schema-1 fixtures are the
// studies that were the presets before the capacity model, and are the
// ones to use where a test needs independent journeys (a journeys field,
// a run of millions of journeys).

import { readFile } from "node:fs/promises";
import { deflateSync } from "node:zlib";

const ENGINE = new URL("../../crates/engine/", import.meta.url);

/** A share link (`#s1.` + zlib + base64url) for a study value, as the app makes them. */
export function linkFor(value) {
  return `#s1.${deflateSync(Buffer.from(JSON.stringify(value))).toString("base64url")}`;
}

/** A built-in preset: a simulated centre. */
export async function presetStudy(id = "password-reset") {
  return JSON.parse(await readFile(new URL(`presets/${id}.json`, ENGINE), "utf8"));
}

/** A schema-1 study: independent journeys. */
export async function journeysStudy(id = "password-reset") {
  return JSON.parse(await readFile(new URL(`tests/fixtures/schema1/${id}.json`, ENGINE), "utf8"));
}
