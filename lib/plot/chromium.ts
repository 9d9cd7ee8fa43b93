/**
 * The Chromium that renders figures to PNG: Debian's /usr/bin/chromium (set-up
 * installs it) or CHROMIUM_PATH. Never downloaded: playwright-core only drives
 * an installed browser.
 */
import { existsSync } from "node:fs";

export const CHROMIUM_ENV = "CHROMIUM_PATH";
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** Headless, no sandbox (containers, root), no GPU, and nothing that talks to the network on its own. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
] as const;

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env[CHROMIUM_ENV]?.trim() || DEFAULT_CHROMIUM;
}

/** A one-line explanation with the fix when the browser is missing, else undefined. */
export function chromiumProblem(executable = chromiumPath()): string | undefined {
  if (existsSync(executable)) return undefined;
  return `Chromium not found at ${executable}: run \`npm run setup\` (apt-get install chromium) or set ${CHROMIUM_ENV}`;
}
