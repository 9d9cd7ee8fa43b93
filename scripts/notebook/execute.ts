/**
 * Executes one notebook with the real `jupyter nbconvert --to notebook
 * --execute` on the tslab kernel, printing a line per cell, and writes the
 * result atomically: a failed run leaves the target file as it was.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { activePreset } from "../../lib/presets";
import { writeError } from "../cli/writable";
import { jupyterEnv, KERNEL_NAME } from "../setup/kernel";
import { stripAnsi } from "./clean-outputs";
import { joinText, type Notebook } from "./notebook-json";
import { readNotebook } from "./read-notebook";
import { TrainingProgress } from "./training-progress";
import { newRunId, RUN_ID_ENV, stopRunProcesses } from "./run-processes";
import { repoRoot } from "../../lib/repo-root";

const HOOKS = path.join(repoRoot(), "scripts", "nbconvert", "execute_hooks.py");
const HOOK_PREFIX = "D2L-CELL ";
const MAX_LINE = 300;
const REPORT_LINES = 15;

export interface ExecuteOptions {
  /** nbclient's per-cell timeout. */
  timeoutSeconds: number;
  /** Where the executed notebook goes (may be the input itself). */
  output: string;
  log: (line: string) => void;
  /** Recorded in the executed notebook's metadata (d2l.preset) with the run's seconds; default D2L_PRESET's. */
  preset?: string;
  /** When aborted (a stop signal), the run's processes are stopped and its temp folder removed. */
  abort?: AbortSignal;
  /** Added to the kernel's environment (a lane's thread count). */
  env?: NodeJS.ProcessEnv;
  /** Least time between two training-progress lines (default MIN_GAP_MS). */
  progressGapMs?: number;
}

export interface ExecuteResult {
  ok: boolean;
  seconds: number;
  /** Stopped by `abort` (nothing was written). */
  interrupted?: boolean;
  /** Multi-line report naming the notebook and cell, when not ok. */
  failure?: string;
}

type CellEvent =
  | { event: "start"; index: number; source: string }
  | { event: "executed"; index: number; status: string; seconds: number; text?: string };

/** A live display's new title while a cell runs (execute_hooks.py): the training board's progress. */
interface DisplayEvent {
  event: "display";
  index: number;
  title: string;
}

// Stack frames inside the kernel's machinery say nothing about the notebook.
const KERNEL_FRAME = /^\s+at .*(node:vm|node:internal|[\\/]tslab[\\/]dist[\\/]|sigintHandlersWrap)/;

function shortLines(text: string, count: number): string[] {
  return stripAnsi(text)
    .split("\n")
    .filter((line) => line.trim() && !KERNEL_FRAME.test(line))
    .slice(-count)
    .map((line) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line));
}

/** "In [3] (cell index 5)": the prompt a fresh run gives the cell, and its 0-based position among all cells. */
function cellName(codeCells: number[], index: number): string {
  return `In [${codeCells.indexOf(index) + 1}] (cell index ${index})`;
}

/**
 * tslab sends no execute_input message, which is where nbclient takes execution
 * counts from, so every prompt would stay "In [ ]". A headless run executes the
 * code cells in order: number them as Jupyter would have. The run's preset and
 * time go into the metadata, where `npm start` reads its time estimate from.
 */
function finishExecuted(file: string, codeCells: number[], run: RunRecord): string {
  const notebook = readNotebook(file);
  for (const [i, index] of codeCells.entries()) notebook.cells[index].execution_count = i + 1;
  notebook.metadata.d2l = run;
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/** What `metadata.d2l` of an executed notebook holds. */
export interface RunRecord {
  preset: string;
  seconds: number;
}

export function runRecord(notebook: Notebook): RunRecord | undefined {
  const record = notebook.metadata.d2l as Partial<RunRecord> | undefined;
  return typeof record?.preset === "string" && typeof record.seconds === "number" ? (record as RunRecord) : undefined;
}

/** Temp file then rename; on any failure (a full disk) the temp file is removed and the error names the target. */
function writeAtomically(text: string, target: string): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw writeError(target, error);
  }
}

export async function executeNotebook(input: string, options: ExecuteOptions): Promise<ExecuteResult> {
  const name = path.basename(input);
  const notebook = readNotebook(input);
  const codeCells = notebook.cells.flatMap((cell, index) =>
    cell.cell_type === "code" && joinText(cell.source).trim() ? [index] : [],
  );
  const workDir = mkdtempSync(path.join(tmpdir(), "d2l-nbexec-"));
  // The kernel's own temp files (Chromium's profile, d2l-plot-chromium-*, the wasm worker script)
  // go inside workDir, so removing workDir removes them whatever happened to the kernel.
  const kernelTmp = path.join(workDir, "tmp");
  mkdirSync(kernelTmp);
  const runId = newRunId();
  const started = performance.now();
  const other: string[] = [];
  let last: CellEvent | undefined;
  let onAbort: (() => void) | undefined;
  let flushTimer: NodeJS.Timeout | undefined;
  try {
    if (options.abort?.aborted) return { ok: false, interrupted: true, seconds: 0 };
    // The kernel's working directory is the input notebook's folder (nbconvert's default).
    const child = spawn(
      "jupyter",
      [
        "nbconvert",
        "--config",
        HOOKS,
        "--to",
        "notebook",
        "--execute",
        `--ExecutePreprocessor.kernel_name=${KERNEL_NAME}`,
        `--ExecutePreprocessor.timeout=${options.timeoutSeconds}`,
        "--ExecutePreprocessor.record_timing=False",
        "--output-dir",
        workDir,
        "--output",
        name,
        input,
      ],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: jupyterEnv({ ...process.env, ...options.env, [RUN_ID_ENV]: runId, TMPDIR: kernelTmp }),
      },
    );
    // SIGINT lets nbclient shut its kernel down. A kernel that outlives nbconvert (a SIGTERM to the
    // process group kills nbconvert at once) holds its stderr open, so it is stopped here too.
    onAbort = () => {
      child.kill("SIGINT");
      setTimeout(() => void stopRunProcesses(runId, 2000), 3000).unref();
    };
    options.abort?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (error) => other.push(`could not start jupyter: ${error.message}`));
    child.stdout.resume();
    const progress = new TrainingProgress(options.progressGapMs);
    const print = (line: string | undefined) => line !== undefined && options.log(`    ${line}`);
    flushTimer = setInterval(() => print(progress.flush(performance.now())), 1000);
    for await (const line of createInterface({ input: child.stderr })) {
      if (!line.startsWith(HOOK_PREFIX)) {
        other.push(line.slice(0, MAX_LINE));
        if (other.length > 200) other.shift();
        continue;
      }
      const event = JSON.parse(line.slice(HOOK_PREFIX.length)) as CellEvent | DisplayEvent;
      if (event.event === "display") {
        print(progress.title(event.title, performance.now()));
        continue;
      }
      last = event;
      progress.reset();
      if (last.event === "start") {
        const first = last.source.split("\n")[0].slice(0, 80);
        options.log(`  In [${codeCells.indexOf(last.index) + 1}/${codeCells.length}] ${first}`);
      } else if (last.status === "ok" && last.seconds >= 1) {
        options.log(`    ${last.seconds.toFixed(1)} s`);
      }
    }
    const code: number = await new Promise((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.on("close", (status) => resolve(status ?? 1));
    });
    const seconds = (performance.now() - started) / 1000;
    if (options.abort?.aborted) return { ok: false, interrupted: true, seconds };
    const executed = path.join(workDir, name);
    if (code === 0 && existsSync(executed) && !(last?.event === "executed" && last.status === "error")) {
      writeAtomically(
        finishExecuted(executed, codeCells, {
          preset: options.preset ?? activePreset().name,
          seconds: Math.round(seconds),
        }),
        options.output,
      );
      return { ok: true, seconds };
    }
    return {
      ok: false,
      seconds,
      failure: failureReport(name, notebook, codeCells, last, other, options.timeoutSeconds),
    };
  } finally {
    clearInterval(flushTimer);
    if (onAbort) options.abort?.removeEventListener("abort", onAbort);
    // Normally nothing is left; after a signal or a crash the kernel may be (it runs in its own session).
    const left = await stopRunProcesses(runId, options.abort?.aborted ? 5000 : 1000);
    if (left.length > 0) options.log(`  could not stop process(es) ${left.join(", ")} of this run; kill them by hand`);
    rmSync(workDir, { recursive: true, force: true });
  }
}

function failureReport(
  name: string,
  notebook: Notebook,
  codeCells: number[],
  last: CellEvent | undefined,
  other: string[],
  timeoutSeconds: number,
): string {
  const log = other.join("\n");
  if (!last) {
    if (/NoSuchKernel/.test(log)) return `${name}: no Jupyter kernel "${KERNEL_NAME}": run \`npm run setup\``;
    return [
      `${name}: nbconvert failed before any cell ran:`,
      ...shortLines(log, REPORT_LINES).map((l) => `    ${l}`),
    ].join("\n");
  }
  const cell = cellName(codeCells, last.index);
  const source = shortLines(joinText(notebook.cells[last.index].source), 3).map((l) => `    > ${l}`);
  if (last.event === "executed") {
    const text = shortLines(last.text ?? "", REPORT_LINES).map((l) => `    ${l}`);
    return [`${name}: ${cell} failed after ${last.seconds} s:`, ...source, ...text].join("\n");
  }
  if (/CellTimeoutError|timed out/.test(log)) {
    return [
      `${name}: ${cell} did not finish within ${timeoutSeconds} s (raise it with --timeout SECONDS):`,
      ...source,
    ].join("\n");
  }
  if (/DeadKernelError|Kernel died/.test(log)) {
    return [`${name}: the kernel died while running ${cell} (out of memory? a native crash?):`, ...source].join("\n");
  }
  return [
    `${name}: nbconvert stopped while running ${cell}:`,
    ...source,
    ...shortLines(log, REPORT_LINES).map((l) => `    ${l}`),
  ].join("\n");
}
