// Accessibility check with axe-core (npm): the page's violations of
// WCAG 2.1 A and AA rules and axe's best practices, as readable lines.

import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";

const require = createRequire(import.meta.url);
let source;

/**
 * Every axe-core violation on `page` (empty when there is none), one line
 * each: rule, impact, help and the first elements it found.
 */
export async function axeViolations(page) {
  source ??= await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  // Evaluated through the DevTools protocol, so the page's Content
  // Security Policy (no inline scripts) does not block it.
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary?.split("\n").slice(1).join(" ")}`),
    }));
  });
  // axe-core 4.x no longer reports duplicate ids; the issue asks for none.
  const duplicates = await page.evaluate(() => {
    const seen = new Map();
    for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `duplicate id "${id}" (${n} elements)`);
  });
  return [...violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join("\n    ")}`), ...duplicates];
}
