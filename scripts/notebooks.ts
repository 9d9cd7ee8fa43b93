import { counted } from "../lib/format";
/**
 * `npm run notebooks [-- NAMES... | --stale] [--timeout SECONDS] [--out DIR | --in-place | --scratch]`:
 * executes notebooks/ headless on the tslab kernel (real `jupyter nbconvert
 * --execute`) with the run preset from D2L_PRESET (smoke | cpu | full; default
 * cpu). Where the results go is output-plan.ts's rule: in place for the
 * committed preset (all notebooks swapped in together once every one
 * succeeded), out/<preset>/notebooks/ for the others, or --out DIR. --stale
 * runs only the notebooks whose printed library source differs from lib now.
 * SIGINT, SIGTERM and SIGHUP stop the run, its kernel and its temp folders.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { usableCores } from "../lib/backend/cores";
import { activePreset, PRESET_ENV, type Preset } from "../lib/presets";
import { parseFlags, positiveInt, runCli, UsageError } from "./cli/args";
import { outFolder } from "./cli/folders";
import { executeNotebook } from "./notebook/execute";
import { estimateLine } from "./notebook/estimate";
import { staleNotebooks } from "./notebook/freshness";
import { inLanes, laneEnv, laneThreads } from "./notebook/lanes";
import { COMMITTED_PRESET, finalNotebookDir, planOutputs, type OutputPlan } from "./notebook/output-plan";
import { displayPath, selectNotebooks } from "./notebook/paths";
import { checkJupyter, checkRunInputs } from "./notebook/preflight";
import { describePublished, publishInPlace } from "./notebook/publish";
import { readNotebook } from "./notebook/read-notebook";
import { stopSignal, throwIfStopped, type StopSignal } from "./notebook/stop-signals";
import { buildLib } from "./setup";

/** Long enough for the cpu preset's longest training cell on 2 cores; smoke cells take seconds. */
export const DEFAULT_CELL_TIMEOUT_SECONDS = 1800;

export interface RunNotebooksOptions {
  names?: string[];
  /** The folder the names are looked up in (default notebooks/). */
  dir?: string;
  timeoutSeconds?: number;
  /** Where the executed notebooks go; default: planOutputs for the active preset. */
  plan?: OutputPlan;
  /** npm start: the in-place swap waits for the markdown, so runNotebooks leaves it to the caller. */
  publish?: boolean;
  log?: (line: string) => void;
  abort?: AbortSignal;
  /** Notebooks run side by side, the cores split between them (lanes.ts); default 1. */
  lanes?: number;
}

export interface RunNotebooksResult {
  plan: OutputPlan;
  preset: Preset;
  /** Executed notebooks, where they were written (for in-place: the staging folder until published). */
  executed: string[];
  failures: string[];
  /** The signal that stopped the run, if one did. */
  stoppedBy?: StopSignal;
}

const shown = displayPath;

/** Executes the notebooks one after another; in place, swaps them in when all succeeded (unless publish is false). */
export async function runNotebooks(options: RunNotebooksOptions = {}): Promise<RunNotebooksResult> {
  const {
    names = [],
    timeoutSeconds = DEFAULT_CELL_TIMEOUT_SECONDS,
    log = (line: string) => console.log(line),
    abort,
    publish = true,
    lanes = 1,
  } = options;
  const preset = activePreset();
  const plan = options.plan ?? planOutputs({ preset: preset.name });
  const notebooks = selectNotebooks(names, options.dir);
  checkRunInputs(notebooks, plan, { markdown: false });
  const threads = laneThreads(usableCores(), lanes);
  checkJupyter({ execute: true });
  log(
    `notebooks: preset ${preset.name} (${PRESET_ENV}), cell timeout ${timeoutSeconds} s, ${counted(notebooks.length, "notebook")}` +
      (lanes > 1 ? `, ${lanes} at a time on ${counted(threads, "thread")} each` : ""),
  );
  if (plan.mode === "in-place") {
    log(
      `notebooks: in place: will replace ${notebooks.map(shown).join(", ")} once all of them succeed (executed into ${shown(plan.notebooksDir)}/ first)`,
    );
    log(`notebooks: ${estimateLine(notebooks, preset.name)}`);
  } else {
    const why = plan.keptBecause ? `; ${plan.keptBecause}` : "";
    log(`notebooks: writing to ${shown(plan.notebooksDir)}/${why}`);
  }
  mkdirSync(plan.notebooksDir, { recursive: true });
  const executed: string[] = [];
  const failures: string[] = [];
  const started = performance.now();
  const executedAt = new Map<number, string>();
  await inLanes(notebooks, lanes, async (notebook, i) => {
    if (abort?.aborted) return;
    const output = path.join(plan.notebooksDir, path.basename(notebook));
    // Side by side, each line says which notebook it is about.
    const tag = lanes > 1 ? `[${path.basename(notebook, ".ipynb")}] ` : "";
    const laneLog = (line: string) => log(`${tag}${line}`);
    log(`${tag}[${i + 1}/${notebooks.length}] ${shown(notebook)}`);
    const result = await executeNotebook(notebook, {
      timeoutSeconds,
      output,
      log: laneLog,
      preset: preset.name,
      abort,
      env: laneEnv(threads, lanes),
    });
    if (result.interrupted) return;
    if (result.ok) {
      executedAt.set(i, output);
      laneLog(`  done in ${result.seconds.toFixed(0)} s -> ${shown(output)}`);
    } else {
      laneLog(`  FAILED after ${result.seconds.toFixed(0)} s; ${shown(output)} not written`);
      failures.push(result.failure!);
    }
  });
  executed.push(...[...executedAt.entries()].sort(([a], [b]) => a - b).map(([, output]) => output));
  const minutes = ((performance.now() - started) / 60_000).toFixed(1);
  const stoppedBy = abort?.aborted ? (abort.reason as StopSignal) : undefined;
  const done: RunNotebooksResult = { plan, preset, executed, failures, stoppedBy };
  log(
    `notebooks: ${executed.length} executed, ${failures.length} failed${stoppedBy ? `, stopped by ${stoppedBy}` : ""}, ${minutes} min`,
  );
  for (const failure of failures) log(failure);
  if (plan.mode === "in-place" && (stoppedBy || failures.length > 0)) {
    log(
      `notebooks: nothing replaced; notebooks/ is as it was${executed.length ? ` (the executed copies are in ${shown(plan.notebooksDir)}/)` : ""}`,
    );
  } else if (stoppedBy) {
    const written = new Set(executed.map((f) => path.basename(f)));
    const missing = notebooks.map((f) => path.basename(f)).filter((f) => !written.has(f));
    log(
      `notebooks: written to ${shown(finalNotebookDir(plan))}/: ${[...written].join(", ") || "none"}; not written: ${missing.join(", ") || "none"}`,
    );
  }
  if (plan.mode === "in-place" && publish && !stoppedBy && failures.length === 0) {
    for (const line of describePublished(publishInPlace(executed, undefined))) log(`notebooks: ${line}`);
  }
  return done;
}

const USAGE = `usage: npm run notebooks -- [NAME... | --stale] [--timeout SECONDS] [--lanes N] [--out DIR | --in-place | --scratch]
  NAME           notebook file name, with or without .ipynb, or a unique prefix ("1"); default: all
  --stale        only the notebooks whose printed library source differs from lib now
                 (test/notebooks-fresh.test.ts's check); none stale: says so and runs nothing
  --timeout S    per-cell limit in seconds (default ${DEFAULT_CELL_TIMEOUT_SECONDS})
  --lanes N      run N notebooks side by side, the cores split between them (default 1: one at a
                 time on every core; ${usableCores()} cores here)
  --out DIR      write the executed notebooks into DIR
  --in-place     replace notebooks/ (all together, once every notebook succeeded); the default for
                 the ${COMMITTED_PRESET} preset, which the committed notebooks come from
  --scratch      write to out/<preset>/notebooks/; the default for every other preset
  D2L_PRESET     run preset: smoke | cpu (default) | full`;

export const PLACEMENT_OPTIONS = {
  out: { type: "string" },
  "in-place": { type: "boolean" },
  scratch: { type: "boolean" },
} as const;

/** The output plan from --out / --in-place / --scratch, checked before anything is built or run. */
export function placementFlags(
  values: { out?: string; "in-place"?: boolean; scratch?: boolean },
  preset: Preset,
): OutputPlan {
  const given = [
    values.out !== undefined && "--out",
    values["in-place"] && "--in-place",
    values.scratch && "--scratch",
  ].filter(Boolean);
  if (given.length > 1) throw new UsageError(`use one of --out, --in-place, --scratch, not ${given.join(" and ")}`);
  return planOutputs({
    preset: preset.name,
    inPlace: values["in-place"],
    scratch: values.scratch,
    out: outFolder("out", values.out),
  });
}

/** The committed notebooks test/notebooks-fresh.test.ts would call stale, each named with why. */
function staleNames(): string[] {
  const stale = staleNotebooks(selectNotebooks([]), readNotebook);
  if (stale.length === 0) console.log("notebooks: --stale: every notebook's library source is current; nothing to run");
  for (const { why } of stale) console.log(`notebooks: --stale: ${why}`);
  return stale.map(({ file }) => path.basename(file));
}

if (require.main === module) {
  const abort = stopSignal();
  runCli(async () => {
    const { values, positionals } = parseFlags({
      options: {
        timeout: { type: "string" },
        lanes: { type: "string" },
        stale: { type: "boolean" },
        help: { type: "boolean" },
        ...PLACEMENT_OPTIONS,
      },
      allowPositionals: true,
    });
    if (values.help) {
      console.log(USAGE);
      return;
    }
    // Every flag, the preset and the names are checked before the lib build (seconds).
    const timeoutSeconds = positiveInt("timeout", values.timeout, DEFAULT_CELL_TIMEOUT_SECONDS);
    const lanes = positiveInt("lanes", values.lanes, 1);
    laneThreads(usableCores(), lanes);
    const plan = placementFlags(values, activePreset());
    if (values.stale && positionals.length > 0) {
      throw new UsageError(`--stale picks the notebooks itself; drop it or the names (${positionals.join(" ")})`);
    }
    const names = values.stale ? staleNames() : positionals;
    if (values.stale && names.length === 0) return;
    checkRunInputs(selectNotebooks(names), plan, { markdown: false });
    buildLib();
    throwIfStopped(abort);
    const { failures } = await runNotebooks({ names, timeoutSeconds, plan, abort, lanes });
    throwIfStopped(abort);
    if (failures.length > 0) throw new Error(`notebooks: ${failures.length} of the notebooks failed (reports above)`);
  });
}
