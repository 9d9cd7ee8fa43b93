/**
 * The Chromium that renders figures to PNG: Debian's /usr/bin/chromium (set-up
 * installs it) or CHROMIUM_PATH. Never downloaded: playwright-core only drives
 * an installed browser.
 */
import { existsSync } from "node:fs";
import path from "node:path";

export const CHROMIUM_ENV = "CHROMIUM_PATH";
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/**
 * Headless, no sandbox (containers, root), no GPU, nothing that talks to the network on its own, and no
 * crash reporter (it kept a database in ~/.config/chromium/Crash Reports whatever the profile folder).
 */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-crash-reporter",
  "--disable-breakpad",
] as const;

/**
 * The environment to start Chromium in: its per-user config and cache folders (crash reports, dconf's
 * cache, which it writes under ~/.config and ~/.cache otherwise) inside `scratch`, a folder the caller removes.
 */
export function chromiumEnv(scratch: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const base = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return { ...base, XDG_CONFIG_HOME: path.join(scratch, "config"), XDG_CACHE_HOME: path.join(scratch, "cache") };
}

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env[CHROMIUM_ENV]?.trim() || DEFAULT_CHROMIUM;
}

/** A one-line explanation with the fix when the browser is missing, else undefined. */
export function chromiumProblem(executable = chromiumPath()): string | undefined {
  if (existsSync(executable)) return undefined;
  return `Chromium not found at ${executable}: run \`npm run setup\` (apt-get install chromium) or set ${CHROMIUM_ENV}`;
}
