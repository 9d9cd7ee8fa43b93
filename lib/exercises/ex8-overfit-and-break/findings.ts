/**
 * Exercise 8 (make AlexNet overfit; what breaks training): findings and the
 * answer, built from the runs' numbers (the overfitting comparison over seeds),
 * worded by what each run did, so the prose stays true on any preset.
 */
import { counted, formatPercent as pct, formatValue, withCommas } from "../../format";
import { describeOutcome, trainingOutcome, type TrainingOutcome } from "../../runs/outcome";
import type { Run } from "../../runs/run";
import { percentSpread, type SeededComparison, separated, spreadOf, spreadVersus } from "../../runs/seeds";
import { summarizeRun } from "../../runs/summary";

const summaries = (c: SeededComparison) => c.runs.map((run) => summarizeRun(run));
const MEMORISED = 0.95;

/** "7" when every seed agrees, else "5–9". */
function range(values: number[], digits = 0): string {
  const [low, high] = [Math.min(...values), Math.max(...values)].map((v) => v.toFixed(digits));
  return low === high ? low : `${low}–${high}`;
}

export interface OverfitRuns {
  /** AlexNet without dropout on a small training set. */
  withoutDropout: SeededComparison;
  /** d2l's AlexNet (dropout 0.5) on the same images: the control. */
  withDropout: SeededComparison;
}

function memorisation(c: SeededComparison): string {
  const s = summaries(c);
  const memorised = s.filter((x) => x.trainAccuracy >= MEMORISED).length;
  const gap = spreadOf(s.map((x) => x.accuracyGap));
  const onsets = s.filter((x) => x.overfittingOnset !== undefined).length;
  const rise = spreadOf(s.map((x) => x.valLoss / x.minValLoss));
  return (
    `**${c.label}**: training accuracy ${percentSpread(c.trainAccuracy)} at the end (at least ${pct(MEMORISED, 0)} in ${memorised} of ${s.length} seeds), ` +
    `validation ${percentSpread(c.valAccuracy)}, a gap of ${(100 * gap.mean).toFixed(1)} points; ` +
    (onsets > 0
      ? `validation loss was lowest at epoch ${range(s.map((x) => x.minValLossEpoch))} and ended ${range(rise.values, 1)} times that minimum (rising in ${onsets} of ${s.length} seeds)`
      : `validation loss was still near its lowest at the end (epoch ${range(s.map((x) => x.minValLossEpoch))})`)
  );
}

/** How far AlexNet got towards memorising its training set without dropout, and what dropout changed on the same images. */
export function overfitFindings({ withoutDropout, withDropout }: OverfitRuns): string {
  const gap = (c: SeededComparison) => spreadOf(summaries(c).map((x) => x.accuracyGap));
  const run = withoutDropout.runs[0];
  return [
    `- Both trained for ${counted(summarizeRun(run).epochs, "epoch")} on the same ${withCommas(run.trainSize)} training images, validated on ${withCommas(run.valSize)} others, ${counted(withoutDropout.runs.length, "seed")} each.`,
    `- ${memorisation(withoutDropout)}.`,
    `- ${memorisation(withDropout)}.`,
    `- Without dropout the training accuracy is ${spreadVersus(withoutDropout.trainAccuracy, withDropout.trainAccuracy, "the dropout network")}; ` +
      `the train − validation gap is ${spreadVersus(gap(withoutDropout), gap(withDropout), "the dropout network")}; ` +
      `validation accuracy is ${spreadVersus(withoutDropout.valAccuracy, withDropout.valAccuracy, "the dropout network")}. ` +
      `The dropout network's training accuracy is measured with dropout active.`,
  ].join("\n");
}

export interface BreakingRuns {
  /** The reference: AlexNet without dropout (the overfitting runs). */
  reference: SeededComparison;
  /** The reference with every ReLU removed, over the same seeds and epochs. */
  withoutRelu: SeededComparison;
  /** One change each, one seed each: learning rates and initialisations. */
  changes: Run[];
}

/** Each change against the reference: did it learn, get stuck, blow up or diverge, with its numbers. */
export function breakingFindings({ reference, withoutRelu, changes }: BreakingRuns): string {
  const lines = [
    `- **${withoutRelu.label}** (${counted(withoutRelu.runs.length, "seed")}): ${describeOutcome(withoutRelu.runs[0])} for seed ${withoutRelu.runs[0].setup.seed ?? 0}; ` +
      `over the seeds validation accuracy ${percentSpread(withoutRelu.valAccuracy)} is ${spreadVersus(withoutRelu.valAccuracy, reference.valAccuracy, "the reference")}, ` +
      `training accuracy ${percentSpread(withoutRelu.trainAccuracy)} is ${spreadVersus(withoutRelu.trainAccuracy, reference.trainAccuracy, "the reference")}.`,
  ];
  for (const run of changes) lines.push(`- **${run.label}**: ${describeOutcome(run)}.`);
  return lines.join("\n");
}

const BROKEN: TrainingOutcome[] = ["diverged", "exploded", "stuck"];

/** What removing every ReLU did, judged by the no-ReLU runs' outcomes and their accuracy against the reference's. */
function reluVerdict({ reference, withoutRelu }: BreakingRuns): string {
  const stuck = withoutRelu.runs.filter((run) => BROKEN.includes(trainingOutcome(run))).length;
  const [a, b] = [withoutRelu.valAccuracy, reference.valAccuracy];
  if (stuck === withoutRelu.runs.length)
    return `broke training too: no seed left chance (validation accuracy ${percentSpread(a)})`;
  if (stuck > 0) return `broke training in ${stuck} of ${withoutRelu.runs.length} seeds`;
  if (!separated(a, b))
    return `did not break training: its validation accuracy, ${percentSpread(a)}, is within the reference's spread`;
  return a.mean < b.mean
    ? `did not stop training but cost validation accuracy: ${percentSpread(a)} against the reference's ${percentSpread(b)}`
    : `did not break training; it even ended above the reference: ${percentSpread(a)} against ${percentSpread(b)}`;
}

/** The answer: one sentence per sub-question, each citing its numbers. */
export function overfitAndBreakAnswer(overfit: OverfitRuns, breaking: BreakingRuns): string {
  const { withoutDropout, withDropout } = overfit;
  const s = summaries(withoutDropout);
  const memorised = s.filter((x) => x.trainAccuracy >= MEMORISED).length;
  const gaps = (c: SeededComparison) => spreadOf(summaries(c).map((x) => x.accuracyGap));
  const overfits = s.every((x) => x.overfittingOnset !== undefined) || memorised === s.length;
  const broken = breaking.changes.filter((run) => BROKEN.includes(trainingOutcome(run)));
  const learned = breaking.changes.filter((run) => !BROKEN.includes(trainingOutcome(run)));
  const brokenText = broken
    .map((run) => {
      const final = run.history.at(-1);
      const outcome = trainingOutcome(run);
      if (outcome === "diverged") return `${run.label} (${run.stopped?.replace(/; training stopped$/, "")})`;
      if (outcome === "stuck")
        return `${run.label} (stuck at chance: best validation accuracy ${pct(summarizeRun(run).bestValAccuracy)}, loss ${formatValue(final?.trainLoss)})`;
      return `${run.label} (training loss ${formatValue(final?.trainLoss)} against ln 10 = 2.303 for a uniform guess, validation accuracy ${pct(final?.valAccuracy ?? Number.NaN)})`;
    })
    .join("; ");
  const reluBreaks = reluVerdict(breaking);
  const referenceLearns = breaking.reference.runs.every((run) => trainingOutcome(run) === "learns");
  return [
    `- **Can AlexNet overfit?** ${overfits ? "Yes." : "Not clearly in this budget."} Without dropout, on ${withCommas(withoutDropout.runs[0].trainSize)} training images, its training accuracy reached ${percentSpread(withoutDropout.trainAccuracy)} ` +
      `while validation accuracy stayed at ${percentSpread(withoutDropout.valAccuracy)}, a gap of ${(100 * gaps(withoutDropout).mean).toFixed(1)} points; ` +
      `with d2l's dropout on the same images the gap is ${(100 * gaps(withDropout).mean).toFixed(1)} points, so the gap without dropout is ${spreadVersus(gaps(withoutDropout), gaps(withDropout), "the dropout network")}.`,
    referenceLearns
      ? `- **What breaks training?** ${broken.length > 0 ? `These changes did: ${brokenText}.` : "None of the changes tried broke training."}` +
        (learned.length > 0 ? ` These did not: ${learned.map((run) => run.label).join(", ")}.` : "") +
        ` Removing every ReLU ${reluBreaks}.`
      : `- **What breaks training?** The reference itself did not leave chance in every seed in this budget, so these runs cannot tell a broken change from a slow start.`,
  ].join("\n");
}
