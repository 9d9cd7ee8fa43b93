/**
 * What the browser tests share: the headless Debian Chromium (never a
 * downloaded one), pages that may load nothing from off the loopback server,
 * notebook copies Jupyter sees as trusted and untrusted, and counting figures.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { CHROMIUM_ARGS, chromiumEnv, chromiumPath } from "../lib/plot/chromium";
import { PLOTLY_MIME } from "../lib/plot/figure-bundle";

export interface NotebookFile {
  metadata: Record<string, unknown>;
  cells: { outputs?: { output_type: string; data?: Record<string, unknown> }[] }[];
}

export function readNotebook(file: string): NotebookFile {
  return JSON.parse(readFileSync(file, "utf8")) as NotebookFile;
}

/** How many outputs of the notebook (or of its cell `cellIndex`) hold a plotly figure. */
export function savedFigureCount(notebook: string | NotebookFile, cellIndex?: number): number {
  const { cells } = typeof notebook === "string" ? readNotebook(notebook) : notebook;
  const chosen = cellIndex === undefined ? cells : [cells[cellIndex]];
  return chosen.flatMap((c) => c.outputs ?? []).filter((o) => o.data?.[PLOTLY_MIME] !== undefined).length;
}

/**
 * Copies `notebook` into `root` twice: trusted.ipynb (to be signed by the test's
 * server) and untrusted.ipynb. Jupyter trusts by content digest, so the untrusted
 * copy differs in its metadata: an identical copy would count as trusted too.
 */
export function trustedAndUntrustedCopies(notebook: string, root: string): void {
  copyFileSync(notebook, path.join(root, "trusted.ipynb"));
  const copy = readNotebook(notebook);
  copy.metadata.d2l_browser_test = "untrusted copy";
  writeFileSync(path.join(root, "untrusted.ipynb"), JSON.stringify(copy));
}

/** Chromium with its config and cache folders in a temp folder, removed when the browser closes. */
export async function launchChromium(): Promise<Browser> {
  const scratch = mkdtempSync(path.join(tmpdir(), "d2l-test-chromium-"));
  const remove = () => rmSync(scratch, { recursive: true, force: true });
  try {
    const browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: [...CHROMIUM_ARGS],
      env: chromiumEnv(scratch),
    });
    browser.on("disconnected", remove);
    return browser;
  } catch (error) {
    remove();
    throw error;
  }
}

/** A page that aborts every request off `serverUrl` and records it in `offLoopback`. */
export async function loopbackPage(
  browser: Browser,
  serverUrl: string,
  offLoopback: string[],
  timeoutMs: number,
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(timeoutMs);
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(serverUrl) || url.startsWith("data:")) return route.continue();
    offLoopback.push(url);
    return route.abort();
  });
  return page;
}

/** Per drawn plotly chart under `scope`: how many data marks (lines, points, bars) its SVG holds. */
export function marksPerChart(scope: Page | Locator): Promise<number[]> {
  return scope
    .locator(".d2l-figure.js-plotly-plot")
    .evaluateAll((charts) =>
      charts.map(
        (chart) =>
          chart.querySelectorAll(".scatterlayer path.js-line, .scatterlayer path.point, .barlayer path").length,
      ),
    );
}
