/**
 * Notebooks in the JupyterLab `npm run lab` serves on a machine without a real
 * one (lab/, assembled from npm's @jupyterlab packages, served by Debian's
 * jupyterlab-server), in headless Debian Chromium:
 * - a committed notebook opened untrusted shows its PNGs, without script errors;
 * - trusted, its figures are drawn by plotly.js and react to a zoom;
 * - a short training notebook run from the page (smoke preset) keeps ONE live
 *   board output that redraws in place, saves, and re-opens with its outputs;
 *   its figure shown as HTML alone (what a JupyterLab without a plotly renderer
 *   picks) draws with the plotly.js set-up copies to JupyterLab's extensions folder.
 * Screenshots: tmp/browser-lab-test/; a failure names the step that broke
 * (and leaves failed-STEP.png there).
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { Browser, ConsoleMessage, Page } from "playwright-core";
import { ensureAssembledLab } from "../scripts/lab/assembled";
import {
  launchChromium,
  loopbackPage,
  marksPerChart,
  savedFigureCount,
  trustedAndUntrustedCopies,
  type NotebookFile,
} from "./browser-helpers";
import { startNotebookServer, type NotebookServer } from "./notebook-server";
import { repoRoot } from "../lib/repo-root";

// Page-side callbacks run in the browser; these describe the little they touch
// (module-scoped: Node code in this repo stays without DOM types).
interface LabApp {
  restored: Promise<void>;
  commands: { execute(id: string, args?: unknown): Promise<unknown> };
  shell: {
    currentWidget: {
      sessionContext?: { session?: { kernel?: { status: string; connectionStatus: string } | null } | null };
    } | null;
  };
}
interface PlotElement {
  _fullLayout?: { xaxis: { range: [number, number] } };
}
interface BoardWatch {
  titles: string[];
  most: number;
}
interface DomNode {
  querySelectorAll(selector: string): DomNode[] & { length: number };
  querySelector(selector: string): DomNode | null;
  textContent: string | null;
}
declare const window: { jupyterapp?: LabApp; d2lBoardWatch?: BoardWatch };
declare const MutationObserver: new (
  callback: () => void,
) => {
  observe(target: DomNode, options: { childList: boolean; subtree: boolean; characterData: boolean }): void;
};

const NOTEBOOK = path.join(repoRoot(), "notebooks", "1-computational-properties.ipynb");
const SCREENSHOTS = path.join(repoRoot(), "tmp", "browser-lab-test");
const TIMEOUT_MS = 90_000;
/** The training notebook's cells; the board is cell BOARD_CELL's only figure. */
const TRAINING_CELLS = [
  'import { activePreset, displayBundle, figureOutput, formatRunInfo, lenetSpec, lineFigure, runInfo, trainRun } from "d2l-alexnet";\n' +
    "console.log(formatRunInfo(await runInfo()));\n" +
    'console.log("preset:", activePreset().name);',
  'const line = lineFigure({ title: "html only", series: [{ name: "y", x: [0, 1, 2], y: [2, 0, 1] }] });\n' +
    'displayBundle({ "text/html": figureOutput(line).data["text/html"] });',
  "const run = await trainRun({\n" +
    '  spec: lenetSpec(), epochs: 2, lr: 0.1, label: "LeNet in JupyterLab",\n' +
    "  data: { batchSize: 32, trainSubset: { random: 256, seed: 1 }, valSubset: { random: 64, seed: 1 } },\n" +
    "});",
  'console.log("trained epochs:", run.history.length);',
];
const HTML_CELL = 1;
const BOARD_CELL = 2;
/**
 * Console errors that are not script errors: JupyterLab 3.6 asks jupyter-server 2's
 * identity API, which Debian's jupyter-server 1.x lacks, and goes on anonymously.
 */
const EXPECTED_CONSOLE_ERRORS = [/\/api\/me\b/];

let root: string;
let server: NotebookServer;
let browser: Browser;
const offLoopback: string[] = [];
let workspaces = 0;

function trainingNotebook(): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 4,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: TRAINING_CELLS.map((source) => ({
      cell_type: "code",
      execution_count: null,
      metadata: {},
      outputs: [],
      source,
    })),
  });
}

before(async () => {
  // Installs and builds lab/ as `npm run lab` does, when it is not yet (minutes, once).
  ensureAssembledLab((line) => console.log(line));
  // Built from the current sources: a second call neither installs nor builds.
  const again: string[] = [];
  ensureAssembledLab((line) => again.push(line));
  assert.deepEqual(again, [], "lab/ was installed or rebuilt although nothing changed");
  mkdirSync(path.join(repoRoot(), "tmp"), { recursive: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Inside the repo, so the kernel (working directory = the notebook's folder) resolves "d2l-alexnet".
  root = mkdtempSync(path.join(repoRoot(), "tmp", "browser-lab-"));
  trustedAndUntrustedCopies(NOTEBOOK, root);
  writeFileSync(path.join(root, "training.ipynb"), trainingNotebook());
  server = await startNotebookServer(root, path.join(root, ".jupyter-state"), {
    client: "assembled",
    env: { D2L_PRESET: "smoke" },
  });
  const trusted = await server.api("POST", "/api/contents/trusted.ipynb/trust");
  assert.ok(trusted.ok, `trusting the notebook failed: HTTP ${trusted.status}`);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Runs one named step; a failure says which step broke and leaves a screenshot of it. */
async function step<T>(page: Page | undefined, name: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const shot = path.join(SCREENSHOTS, `failed-${name.replace(/[^a-z0-9]+/gi, "-")}.png`);
    await page?.screenshot({ path: shot }).catch(() => undefined);
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new Error(`step "${name}" failed: ${message}${page ? ` (screenshot ${shot})` : ""}`);
  }
}

/** Script errors on the page: uncaught exceptions, and console errors other than the expected ones. */
function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() !== "error") return;
    const where = `${message.location().url} ${message.text()}`;
    if (!EXPECTED_CONSOLE_ERRORS.some((pattern) => pattern.test(where)))
      errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  return errors;
}

/** Opens a notebook in JupyterLab and waits until its cells are on the page. */
async function openInLab(name: string): Promise<{ page: Page; errors: string[] }> {
  const page = await loopbackPage(browser, server.url, offLoopback, TIMEOUT_MS);
  const errors = collectErrors(page);
  await step(page, `open ${name} in JupyterLab`, async () => {
    // A workspace of its own: not the tabs an earlier page left open.
    await page.goto(`${server.url}/lab/workspaces/test-${++workspaces}/tree/${name}?token=${server.token}`);
    await page.waitForFunction(() => window.jupyterapp !== undefined);
    await page.evaluate(() => window.jupyterapp!.restored);
    await page.locator(".jp-NotebookPanel .jp-Cell").first().waitFor();
    assert.equal(await page.locator(".jp-NotebookPanel").count(), 1, "one notebook open");
  });
  return { page, errors };
}

test("untrusted (a fresh clone): a committed notebook shows its PNGs, and no script errors", {
  timeout: 180_000,
}, async () => {
  const expected = savedFigureCount(NOTEBOOK);
  assert.ok(expected >= 2, `${path.basename(NOTEBOOK)} should hold figures; found ${expected}`);
  const { page, errors } = await openInLab("untrusted.ipynb");
  const images = page.locator(".jp-OutputArea-output .d2l-figure img");
  await step(page, "the PNGs show", async () => {
    await images.nth(expected - 1).waitFor({ state: "attached" });
    assert.equal(await images.count(), expected, "one PNG per saved figure");
    const widths = await images.evaluateAll((imgs) =>
      imgs.map((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    );
    assert.ok(
      widths.every((w) => w > 0),
      `PNGs that did not decode: ${JSON.stringify(widths)}`,
    );
    assert.equal(await page.locator(".js-plotly-plot").count(), 0, "no figure script ran in an untrusted notebook");
  });
  await images.first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, "untrusted-pngs.png") });
  await step(page, "no script errors", async () => assert.deepEqual(errors, []));
  await page.close();
});

test("trusted: every figure is drawn by plotly.js (served locally) and zooms", { timeout: 180_000 }, async () => {
  const expected = savedFigureCount(NOTEBOOK);
  const { page, errors } = await openInLab("trusted.ipynb");
  const charts = page.locator(".jp-OutputArea-output .d2l-figure.js-plotly-plot");
  await step(page, "plotly.js draws every figure", async () => {
    await charts.nth(expected - 1).waitFor({ state: "attached" });
    const marks = await marksPerChart(page);
    assert.equal(marks.length, expected);
    assert.ok(
      marks.every((n) => n > 0),
      `charts without marks: ${JSON.stringify(marks)}`,
    );
    assert.equal(await page.locator(".d2l-figure img").count(), 0, "the PNG fallbacks were replaced");
  });
  const chart = charts.first();
  await chart.scrollIntoViewIfNeeded();
  const xRange = () => chart.evaluate((el) => (el as unknown as PlotElement)._fullLayout!.xaxis.range.slice());
  await step(page, "a drag zooms the first figure", async () => {
    const before = await xRange();
    const box = (await chart.locator(".nsewdrag").first().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.up();
    await page.waitForFunction(([el, start]) => (el as unknown as PlotElement)._fullLayout!.xaxis.range[0] !== start, [
      await chart.elementHandle(),
      before[0],
    ] as const);
    const after = await xRange();
    assert.ok(
      after[0] > before[0] && after[1] < before[1],
      `zoomed x range ${JSON.stringify(after)} inside ${JSON.stringify(before)}`,
    );
  });
  await page.screenshot({ path: path.join(SCREENSHOTS, "trusted-interactive.png") });
  await step(page, "no script errors", async () => assert.deepEqual(errors, []));
  await page.close();
});

test("a training notebook run from the page: one live board, redrawn in place, saved and re-opened intact", {
  timeout: 600_000,
}, async () => {
  const { page, errors } = await openInLab("training.ipynb");
  const boardCell = page.locator(".jp-NotebookPanel .jp-Cell").nth(BOARD_CELL);
  // The kernel's redraws of the board, as they reach the page.
  let boardUpdates = 0;
  page.on("websocket", (socket) =>
    socket.on("framereceived", ({ payload }) => {
      if (String(payload).includes('"msg_type": "update_display_data"')) boardUpdates++;
    }),
  );
  const plotlyFromLab: number[] = [];
  page.on("response", (response) => {
    if (/\/lab\/extensions\/d2l-alexnet\/static\/plotly-[\d.]+\.js$/.test(response.url()))
      plotlyFromLab.push(response.status());
  });
  await step(page, "watch the board cell", () =>
    boardCell.evaluate((cell) => {
      // Every title the board showed, and the most figures the cell ever held at once.
      const node = cell as unknown as DomNode;
      const watch: BoardWatch = { titles: [], most: 0 };
      window.d2lBoardWatch = watch;
      new MutationObserver(() => {
        watch.most = Math.max(watch.most, node.querySelectorAll(".d2l-figure").length);
        const title = node.querySelector(".d2l-figure .gtitle")?.textContent;
        if (title && title !== watch.titles.at(-1)) watch.titles.push(title);
      }).observe(node, { childList: true, subtree: true, characterData: true });
    }),
  );
  await step(page, "run all cells (smoke preset)", async () => {
    // Run only once the kernel is up (a run-all before it is dropped), with the
    // notebook focused (notebook commands act on the one last focused).
    await page.waitForFunction(() => {
      const kernel = window.jupyterapp!.shell.currentWidget?.sessionContext?.session?.kernel;
      return kernel?.status === "idle" && kernel.connectionStatus === "connected";
    });
    await page.locator(".jp-NotebookPanel .jp-Cell .jp-InputPrompt").first().click();
    await page.evaluate(() => window.jupyterapp!.commands.execute("notebook:run-all-cells"));
    const done = page.locator(".jp-OutputArea-output", { hasText: "trained epochs: 2" });
    const failed = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']");
    await done.or(failed).first().waitFor({ timeout: 480_000 });
    if (await failed.count()) throw new Error(`a cell failed: ${(await failed.first().innerText()).split("\n")[0]}`);
    await page.locator(".jp-OutputArea-output", { hasText: "preset: smoke" }).waitFor();
  });
  await step(page, "the board redrew in place and ends as one interactive figure", async () => {
    await boardCell.locator(".d2l-figure .gtitle", { hasText: "done" }).waitFor({ timeout: 60_000 });
    const watch = (await page.evaluate(() => window.d2lBoardWatch))!;
    // Two epoch ends and the end, after the first drawing: each replaces the output in place. The page
    // draws the newest state it has (smoke training can outpace the first draw), so it shows two at least.
    assert.ok(
      boardUpdates >= 3,
      `${boardUpdates} update_display_data messages; expected one per epoch and one at the end`,
    );
    assert.ok(
      watch.titles.length >= 2,
      `the board showed ${JSON.stringify(watch.titles)}; expected its first and final states at least`,
    );
    assert.match(watch.titles.at(-1)!, /done/);
    assert.equal(watch.most, 1, "the cell never held more than one board");
    assert.equal(await boardCell.locator(".d2l-figure").count(), 1);
    const marks = await marksPerChart(boardCell);
    assert.equal(marks.length, 1, "the board is drawn by plotly.js (outputs made in this session are trusted)");
    assert.ok(marks[0] > 0, "the board has curves");
  });
  await step(page, "the HTML-only figure drew with plotly.js from JupyterLab's extensions folder", async () => {
    const cell = page.locator(".jp-NotebookPanel .jp-Cell").nth(HTML_CELL);
    await cell.locator(".d2l-figure.js-plotly-plot .scatterlayer path.js-line").first().waitFor({ state: "attached" });
    assert.deepEqual(plotlyFromLab, [200], "plotly.js was fetched once, from lab/extensions/d2l-alexnet/static/");
  });
  await boardCell.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SCREENSHOTS, "trained-board.png") });
  await step(page, "save the notebook", async () => {
    await page.evaluate(() => window.jupyterapp!.commands.execute("docmanager:save"));
    await page.locator(".jp-mod-dirty").waitFor({ state: "detached" });
    const response = await server.api("GET", "/api/contents/training.ipynb");
    const saved = (await response.json()) as { content: NotebookFile };
    const boardOutputs = saved.content.cells[BOARD_CELL].outputs ?? [];
    assert.equal(savedFigureCount(saved.content, BOARD_CELL), 1, "one board figure saved, not one per update");
    assert.equal(boardOutputs.filter((o) => o.output_type === "display_data").length, 1);
    assert.ok(boardOutputs[0].data?.["image/png"], "the saved board keeps its PNG");
  });
  await step(page, "no script errors while training", async () => assert.deepEqual(errors, []));
  await page.close();

  const reopened = await openInLab("training.ipynb");
  await step(reopened.page, "re-opened: outputs intact, the board still interactive (the save signed it)", async () => {
    const cells = reopened.page.locator(".jp-NotebookPanel .jp-Cell");
    for (const index of [HTML_CELL, BOARD_CELL]) {
      await cells.nth(index).locator(".d2l-figure.js-plotly-plot").waitFor({ state: "attached" });
      assert.equal(await cells.nth(index).locator(".d2l-figure").count(), 1, `cell ${index} holds one figure`);
    }
    await reopened.page.locator(".jp-OutputArea-output", { hasText: "trained epochs: 2" }).waitFor();
    await reopened.page.locator(".jp-OutputArea-output", { hasText: "preset: smoke" }).waitFor();
  });
  await reopened.page.screenshot({ path: path.join(SCREENSHOTS, "reopened.png") });
  await reopened.page.close();
});

test("the pages loaded nothing from outside the loopback server", () => {
  assert.deepEqual(offLoopback, []);
});
