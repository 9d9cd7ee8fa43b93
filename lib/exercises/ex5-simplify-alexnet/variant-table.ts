import { formatMarkdownTable, formatPercent, formatRatio, signedPoints, withCommas } from "../../format";
import type { Run } from "../../runs/run";
import { summarizeRun } from "../../runs/summary";

function byLabel(runs: Run[], label: string, caller: string): Run {
  const run = runs.find((r) => r.label === label);
  if (!run)
    throw new Error(
      `${caller}: no run labelled "${label}"; the labels are ${runs.map((r) => `"${r.label}"`).join(", ")}`,
    );
  return run;
}

/**
 * Model variants trained under one budget, one row each: counted size and cost
 * (params, forward FLOPs per image), measured training throughput, accuracy,
 * and each relative to the `baseline` run (FLOPs and img/s as ratios, accuracy
 * in points), so a counted saving can be set against a measured one.
 */
export function variantTable(runs: Run[], { baseline }: { baseline: string }): string {
  const base = byLabel(runs, baseline, "variantTable");
  const baseSummary = summarizeRun(base);
  return formatMarkdownTable(
    [
      "variant",
      "input",
      "params",
      "MFLOPs/image",
      "FLOPs saved",
      "img/s",
      "speed-up",
      "train acc",
      "val acc",
      "val vs baseline",
      "train s",
    ],
    runs.map((run) => {
      const s = summarizeRun(run);
      return [
        run.label,
        `${run.spec.input[1]}×${run.spec.input[2]}`,
        withCommas(run.params),
        (run.flopsPerImage / 1e6).toFixed(1),
        formatRatio(base.flopsPerImage / run.flopsPerImage, 1),
        s.imagesPerSecond.toFixed(0),
        formatRatio(s.imagesPerSecond / baseSummary.imagesPerSecond, 1),
        formatPercent(s.trainAccuracy),
        formatPercent(s.valAccuracy),
        run === base ? "–" : signedPoints(s.valAccuracy - baseSummary.valAccuracy),
        s.trainSeconds.toFixed(0),
      ];
    }),
  );
}

/**
 * The simplification to keep: among the runs other than `baseline`, the
 * fastest (measured img/s) whose validation accuracy is within `tolerance` (a
 * fraction, 0.02 = 2 points) of the baseline's; when none is, the most
 * accurate of them, with `withinTolerance` false.
 */
export function pickSimplified(
  runs: Run[],
  baseline: string,
  tolerance: number,
): { run: Run; withinTolerance: boolean } {
  const base = byLabel(runs, baseline, "pickSimplified");
  const others = runs.filter((r) => r !== base);
  if (others.length === 0) throw new Error("pickSimplified: no variant besides the baseline");
  const valAccuracy = (run: Run) => summarizeRun(run).valAccuracy;
  const speed = (run: Run) => summarizeRun(run).imagesPerSecond;
  const acceptable = others.filter((r) => valAccuracy(r) >= valAccuracy(base) - tolerance);
  if (acceptable.length === 0)
    return { run: others.reduce((best, r) => (valAccuracy(r) > valAccuracy(best) ? r : best)), withinTolerance: false };
  return { run: acceptable.reduce((best, r) => (speed(r) > speed(best) ? r : best)), withinTolerance: true };
}
