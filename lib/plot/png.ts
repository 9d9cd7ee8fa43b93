/**
 * Figures to PNG, rendered by plotly.js itself in headless Chromium.
 *
 * When: at execution time, stored in the notebook beside the interactive
 * figure. The stored PNG is what an untrusted notebook (a fresh clone), GitHub's
 * notebook view, JupyterLab without the plotly extension and the markdown
 * export show; rendering at export time instead would leave the first three
 * blank and would make `npm run markdown` need a browser and differ from run to
 * run. The cost is ~30-100 ms per figure once the browser is up (~3 s, once per
 * kernel).
 *
 * How: synchronously. The Trainer calls progress reporters synchronously
 * (`end()` returns void), and a notebook's `showFigure(fig)` must not need an
 * `await` that, if forgotten, would send the figure after the cell finished. So
 * one worker thread per process owns the browser (one browser per kernel), and
 * the calling thread blocks on Atomics.wait until the worker's reply is on a
 * MessagePort, then takes it with receiveMessageOnPort.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import { chromiumPath, chromiumProblem } from "./chromium";
import { normalizeFigure, type Figure } from "./figure";
import type { CloseRequest, PngReply, PngRequest, PngWorkerData } from "./png-worker";

/** The first render launches Chromium and parses plotly.js (~3 s idle, more on a busy machine). */
const FIRST_RENDER_TIMEOUT_MS = 90_000;
const RENDER_TIMEOUT_MS = 30_000;

let worker: Worker | undefined;
let rendered = 0;

/** lib runs compiled (png-worker.js beside this file) or from source under tsx (whose require hook workers inherit). */
function workerFile(): string {
  const js = path.join(__dirname, "png-worker.js");
  return existsSync(js) ? js : path.join(__dirname, "png-worker.ts");
}

/**
 * The worker's entry, loaded with `require` (Worker refuses a .ts file name even
 * under tsx, and tsx's hooks must be registered in the worker itself). A worker that fails to load answers every request with the reason,
 * so the waiting thread gets an error instead of a timeout.
 */
function workerSource(file: string): string {
  const loadTypeScript = file.endsWith(".ts") ? `require("tsx/cjs/api").register();\n  ` : "";
  return `const { parentPort } = require("node:worker_threads");
try {
  ${loadTypeScript}require(${JSON.stringify(file)});
} catch (error) {
  const reason = "the PNG worker did not load: " + String(error && error.message || error).split("\\n")[0];
  parentPort.on("message", ({ port, signal }) => {
    port.postMessage({ error: reason });
    Atomics.store(signal, 0, 1);
    Atomics.notify(signal, 0);
  });
}`;
}

const SCRATCH_PREFIX = "d2l-plot-chromium-";
const CLOSE_TIMEOUT_MS = 5_000;

/** On exit (a synchronous moment): ask the worker to close Chromium, wait for it, delete the folder. */
function closeBrowserAndClean(scratch: string): void {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const request: CloseRequest = { close: true, signal };
  worker?.postMessage(request);
  Atomics.wait(signal, 0, 0, CLOSE_TIMEOUT_MS);
  try {
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // Chromium still writing: the next process removes it (removeStaleScratch).
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Folders left by processes that were killed before they could clean up. */
function removeStaleScratch(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(name.startsWith(SCRATCH_PREFIX) ? name.slice(SCRATCH_PREFIX.length).split("-")[0] : NaN);
    if (Number.isInteger(pid) && pid > 0 && !processAlive(pid)) {
      rmSync(path.join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

function pngWorker(): Worker {
  if (worker) return worker;
  // Everything the browser writes (profile, playwright's artifacts, Chromium's temp files) goes
  // under one folder, removed after closing the browser when this process exits.
  removeStaleScratch();
  const scratch = mkdtempSync(path.join(tmpdir(), `${SCRATCH_PREFIX}${process.pid}-`));
  process.once("exit", () => closeBrowserAndClean(scratch));
  const data: PngWorkerData = {
    executablePath: chromiumPath(),
    profileDir: path.join(scratch, "profile"),
    plotlyPath: require.resolve("plotly.js-dist"),
  };
  worker = new Worker(workerSource(workerFile()), {
    eval: true,
    workerData: data,
    env: { ...process.env, TMPDIR: scratch },
  });
  worker.unref(); // a plain script that drew a figure still exits; Chromium exits when its pipe closes
  return worker;
}

/** Renders the figure to PNG bytes at its layout size × scale. Throws a one-line error on failure. */
export function renderPng(figure: Figure, { scale = 1 }: { scale?: number } = {}): Buffer {
  const problem = chromiumProblem();
  if (problem) throw new Error(`renderPng: ${problem}`);
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const request: PngRequest = { figure: normalizeFigure(figure), scale, port: port2, signal };
  const timeout = rendered === 0 ? FIRST_RENDER_TIMEOUT_MS : RENDER_TIMEOUT_MS;
  pngWorker().postMessage(request, [port2]);
  const waited = Atomics.wait(signal, 0, 0, timeout);
  const reply = receiveMessageOnPort(port1)?.message as PngReply | undefined;
  port1.close();
  if (waited === "timed-out" || !reply) {
    throw new Error(`renderPng: no PNG from Chromium (${chromiumPath()}) within ${timeout / 1000} s`);
  }
  if ("error" in reply) throw new Error(`renderPng: ${reply.error}`);
  rendered++;
  return Buffer.from(reply.png);
}
