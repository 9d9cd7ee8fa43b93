/**
 * The exercise 1 notebook in a real classic Jupyter Notebook, in headless
 * Chromium: trusted, its saved plotly figures are drawn as SVG with marks;
 * untrusted (as a fresh clone is), their PNGs show instead; a cell run from the
 * page shows its text and a live figure. Screenshots: tmp/browser-test/.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import {
  launchChromium,
  loopbackPage,
  marksPerChart,
  savedFigureCount,
  trustedAndUntrustedCopies,
} from "./browser-helpers";
import { startNotebookServer, type NotebookServer } from "./notebook-server";
import { repoRoot } from "../lib/repo-root";

// The page-side callbacks run in the browser; these describe the little of the DOM they touch
// (module-scoped: Node code in this repo stays without DOM types).
interface JupyterNotebook {
  _fully_loaded?: boolean;
  insert_cell_at_bottom(type: "code"): { set_text(text: string): void };
  ncells(): number;
}
declare const window: { Jupyter?: { notebook?: JupyterNotebook } };
declare const document: { querySelectorAll(selector: string): { length: number } };
type ImageElement = { naturalWidth: number };

const NOTEBOOK = path.join(repoRoot(), "notebooks", "1-computational-properties.ipynb");
const SCREENSHOTS = path.join(repoRoot(), "tmp", "browser-test");
const TIMEOUT_MS = 60_000;

let root: string;
let server: NotebookServer;
let browser: Browser;
const offLoopback: string[] = [];

before(async () => {
  // Inside the repo, so the kernel (working directory = the notebook's folder) resolves "d2l-alexnet".
  mkdirSync(path.join(repoRoot(), "tmp"), { recursive: true });
  root = mkdtempSync(path.join(repoRoot(), "tmp", "browser-"));
  trustedAndUntrustedCopies(NOTEBOOK, root);
  server = await startNotebookServer(root, path.join(root, ".jupyter-state"));
  // What the Notebook's "Trust Notebook" menu does: the server signs the notebook.
  const trusted = await server.api("POST", "/api/contents/trusted.ipynb/trust");
  assert.ok(trusted.ok, `trusting the notebook failed: HTTP ${trusted.status}`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function openNotebook(name: string): Promise<Page> {
  const page = await loopbackPage(browser, server.url, offLoopback, TIMEOUT_MS);
  await page.goto(`${server.url}/notebooks/${name}?token=${server.token}`);
  await page.waitForFunction(() => window.Jupyter?.notebook?._fully_loaded === true);
  return page;
}

test("trusted: every saved figure is drawn by plotly.js (served locally) as an SVG with marks", {
  timeout: 120_000,
}, async () => {
  const expected = savedFigureCount(NOTEBOOK);
  assert.ok(expected >= 2, `${path.basename(NOTEBOOK)} should hold figures; found ${expected}`);
  const page = await openNotebook("trusted.ipynb");
  await page.waitForFunction((n) => document.querySelectorAll(".d2l-figure.js-plotly-plot").length >= n, expected);
  const marks = await marksPerChart(page);
  assert.equal(marks.length, expected);
  assert.ok(
    marks.every((n) => n > 0),
    `charts without marks: ${JSON.stringify(marks)}`,
  );
  assert.equal(await page.locator(".d2l-figure img").count(), 0, "the PNG fallbacks were replaced");
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.locator(".d2l-figure.js-plotly-plot").first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, "trusted-figure.png") });
  await page.close();
});

test("untrusted (a fresh clone): scripts are stripped and each figure shows its saved PNG", {
  timeout: 120_000,
}, async () => {
  const expected = savedFigureCount(NOTEBOOK);
  const page = await openNotebook("untrusted.ipynb");
  const images = page.locator(".d2l-figure img");
  await images.first().waitFor({ state: "visible" });
  assert.equal(await images.count(), expected);
  const widths = await images.evaluateAll((imgs) => imgs.map((img) => (img as unknown as ImageElement).naturalWidth));
  assert.ok(
    widths.every((w) => w > 0),
    `PNGs that did not decode: ${JSON.stringify(widths)}`,
  );
  assert.equal(await page.locator(".js-plotly-plot").count(), 0, "no script ran");
  await images.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, "untrusted-figure.png") });
  await page.close();
});

test("a cell run from the page prints its text and draws a live figure", { timeout: 150_000 }, async () => {
  const page = await openNotebook("trusted.ipynb");
  const index = await page.evaluate(() => {
    const notebook = window.Jupyter!.notebook!;
    const cell = notebook.insert_cell_at_bottom("code");
    cell.set_text(
      'import { showFigure, lineFigure } from "d2l-alexnet";\n' +
        'console.log("from the browser:", 6 * 7);\n' +
        'showFigure(lineFigure({ title: "live", series: [{ name: "y", x: [0, 1, 2], y: [2, 0, 1] }] }));',
    );
    return notebook.ncells() - 1;
  });
  const cell = page.locator(".cell").nth(index);
  await cell.locator(".CodeMirror").click();
  await page.keyboard.press("Shift+Enter");
  await cell.locator(".output_text", { hasText: "from the browser: 42" }).waitFor({ timeout: 90_000 });
  await cell.locator(".d2l-figure.js-plotly-plot svg.main-svg").first().waitFor({ timeout: 90_000 });
  const marks = await cell.locator(".d2l-figure.js-plotly-plot .scatterlayer path.js-line").count();
  assert.ok(marks > 0, "the live figure has a line");
  await cell.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, "ran-cell.png") });
  await page.close();
});

test("the page loaded nothing from outside the loopback server", () => {
  assert.deepEqual(offLoopback, []);
});
