/**
 * Where a run's executed notebooks and markdown go. The committed notebooks/
 * and solutions/ hold COMMITTED_PRESET's results: a run on that preset updates
 * them in place (saying so up front), a run on any other preset goes to the
 * git-ignored scratch folder out/<preset>/ unless in-place is asked for, and
 * `--out DIR` puts the notebooks wherever the user says.
 *
 * An in-place run never replaces files one at a time: it executes into its
 * scratch folder and, only when every notebook succeeded, swaps all of them in
 * at once (publish.ts), so an interrupted or failed run leaves notebooks/ and
 * solutions/ exactly as they were, never a mix of presets.
 *
 * The committed results are fp32 runs: with D2L_PRECISION=bf16 a run goes to
 * the scratch folder, and asking for in-place is an error.
 */
import path from "node:path";
import { PRECISION_ENV, type Precision, requestedPrecision } from "../../lib/backend/native/addon";
import { COMMITTED_PRESET, type PresetName } from "../../lib/presets";
import { UsageError } from "../cli/args";
import { NOTEBOOKS_DIR, SOLUTIONS_DIR } from "./paths";
import { repoRoot } from "../../lib/repo-root";

/** The preset the committed notebooks/ and solutions/ were executed with; their claims cells check it (lib/runs/claims.ts). */
export { COMMITTED_PRESET };

export const SCRATCH_ROOT = path.join(repoRoot(), "out");

export interface OutputPlan {
  /** in-place: executed in `notebooksDir`, then swapped into notebooks/ and solutions/. */
  mode: "in-place" | "scratch" | "out";
  /** Where the executed notebooks are written. */
  notebooksDir: string;
  /** Where their markdown is written. */
  solutionsDir: string;
  /** For scratch: that the committed files stay as they are, and why. */
  keptBecause?: string;
}

export function scratchDir(preset: PresetName): string {
  return path.join(SCRATCH_ROOT, preset);
}

export function planOutputs(options: {
  preset: PresetName;
  inPlace?: boolean;
  scratch?: boolean;
  out?: string;
  precision?: Precision;
}): OutputPlan {
  const { preset, inPlace = false, scratch = false, out, precision = requestedPrecision() } = options;
  if (out !== undefined) return { mode: "out", notebooksDir: out, solutionsDir: path.join(out, "solutions") };
  const dir = scratchDir(preset);
  const folders = { notebooksDir: path.join(dir, "notebooks"), solutionsDir: path.join(dir, "solutions") };
  if (precision !== "fp32") {
    if (inPlace) {
      throw new UsageError(
        `--in-place: the committed notebooks are fp32 runs and ${PRECISION_ENV}=${precision} is set; unset it to replace them, or drop --in-place to write ${path.relative(process.cwd(), dir) || dir}/`,
      );
    }
    return {
      mode: "scratch",
      ...folders,
      keptBecause: `the committed results are fp32 runs and stay as they are (${PRECISION_ENV}=${precision})`,
    };
  }
  if (inPlace || (preset === COMMITTED_PRESET && !scratch)) return { mode: "in-place", ...folders };
  return {
    mode: "scratch",
    ...folders,
    keptBecause: `the committed results are from the ${COMMITTED_PRESET} preset and stay as they are (--in-place to replace them)`,
  };
}

/** Where a notebook finally lands: notebooks/ for an in-place run, else the plan's folder. */
export function finalNotebookDir(plan: OutputPlan): string {
  return plan.mode === "in-place" ? NOTEBOOKS_DIR : plan.notebooksDir;
}

export function finalSolutionsDir(plan: OutputPlan): string {
  return plan.mode === "in-place" ? SOLUTIONS_DIR : plan.solutionsDir;
}

/** Every folder a run writes: where it executes into, and for an in-place run where it swaps the results in. */
export function outputDirs(plan: OutputPlan, options: { markdown: boolean }): string[] {
  const dirs = [plan.notebooksDir, finalNotebookDir(plan)];
  if (options.markdown) dirs.push(plan.solutionsDir, finalSolutionsDir(plan));
  return dirs;
}
