/**
 * Exercise 5's findings and answer as markdown, every number taken from the
 * runs: what each simplification saved in counted FLOPs and measured speed,
 * whether its accuracy dropped by the tolerance rule over the seeds, which one
 * is kept, and how the 28×28 designs compare with it over training time.
 */
import { counted, formatRatio, withCommas } from "../../format";
import { percentSpread, type SeededComparison } from "../../runs/seeds";
import { lateRise, meanCurve } from "./mean-curve";
import { compareToBaseline, pickSimplified, variantByLabel, type BaselineComparison } from "./verdict";

const pct = (fraction: number): string => `${(100 * fraction).toFixed(1)}%`;
const points = (fraction: number): string => `${Math.abs(100 * fraction).toFixed(1)}`;

const accuracy = percentSpread;
/** Training seconds: whole seconds, one decimal below 10. */
const secs = (seconds: number): string => `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;

/** 3 → "three seeds". */
function seedCount(n: number): string {
  const words = ["no", "one", "two", "three", "four", "five", "six"];
  return `${words[n] ?? n} seed${n === 1 ? "" : "s"}`;
}

export interface VariantBudget {
  preset: string;
  /** 0 = the whole split. */
  trainImages: number;
  valImages: number;
  batchSize: number;
  epochs: number;
  lr: number;
  seeds: number[];
  size: number;
}

/** The budget every network trains with, in two sentences. */
export function variantBudget(budget: VariantBudget): string {
  const train = budget.trainImages > 0 ? budget.trainImages : 60000;
  const steps = budget.epochs * Math.ceil(train / budget.batchSize);
  const images = (n: number, what: string, all: string) =>
    n > 0 ? `the same ${withCommas(n)} ${what} (a fixed random subset)` : `all ${all}`;
  return (
    `Preset **${budget.preset}**: every network trains on ${images(budget.trainImages, "training images", "60,000 training images")} ` +
    `and is validated on ${images(budget.valImages, "test images", "10,000 test images")}, which no run trains on; ` +
    `Adam with learning rate ${budget.lr}, batch ${budget.batchSize}, ${counted(budget.epochs, "epoch")} ` +
    `(${withCommas(steps)} steps), once per seed for ${seedCount(budget.seeds.length)} (${budget.seeds.join(", ")}; a seed fixes ` +
    `the initial weights, the order of the images and the dropout masks). AlexNet sees ${budget.size}×${budget.size} images and starts ` +
    "from PyTorch's default initialisation, which is what d2l's AlexNet effectively trains with."
  );
}

/** How a comparison against `other` reads, by the tolerance rule. */
function versus(c: BaselineComparison, other: string, tolerance: number): string {
  const d = points(c.difference);
  switch (c.verdict) {
    case "unresolved":
      return `within ${other}'s spread (${d} points ${c.difference > 0 ? "higher" : "lower"}, unresolved by these seeds)`;
    case "higher":
      return `above ${other}'s by ${d} points (resolved: the seeds' ranges do not overlap)`;
    case "lower, within tolerance":
      return `below ${other}'s by ${d} points (resolved, but within the ${points(tolerance)}-point tolerance)`;
    case "lower":
      return `below ${other}'s by ${d} points (resolved, and more than the ${points(tolerance)}-point tolerance)`;
  }
}

/** "its last epoch" or "its last 3 epochs". */
function lastEpochs(n: number): string {
  return n === 1 ? "its last epoch" : `its last ${n} epochs`;
}

/** How the mean curve ended: still rising, nearly flat, or falling, by more or less than `stillRising`. */
function trend(rise: number, stillRising: number): "rising" | "flat" | "falling" {
  return rise > stillRising ? "rising" : rise < -stillRising ? "falling" : "flat";
}

/** Whether the baseline had (nearly) stopped improving: its mean rise over the last epochs against `stillRising`. */
export function plateauSentence(baseline: SeededComparison, stillRising = 0.01): string {
  const r = lateRise(baseline);
  if (r.over < 1)
    return `${baseline.label} finished ${counted(r.epochs, "epoch")}: too few to tell whether it had stopped improving.`;
  const verdict = {
    rising: "was still rising, so the comparison below is about this budget, not about a fully trained AlexNet",
    flat: "had nearly stopped rising",
    falling: "had stopped rising and fell back",
  }[trend(r.rise, stillRising)];
  return (
    `${baseline.label}'s mean validation accuracy went from ${pct(r.from)} to ${pct(r.final)} over ${lastEpochs(r.over)} ` +
    `(${r.rise >= 0 ? "+" : "−"}${points(r.rise)} points): it ${verdict}. ` +
    `The seeds' best epochs average ${pct(r.best)}, against ${pct(r.final)} at the end.`
  );
}

/** "4.0× fewer FLOPs per image", "2.0× more …", or "about the same FLOPs per image". */
function flopsVersus(otherFlops: number, flops: number): string {
  const ratio = otherFlops / flops;
  if (ratio >= 1.05) return `${formatRatio(ratio, 1)} fewer FLOPs per image`;
  if (ratio <= 1 / 1.05) return `${formatRatio(1 / ratio, 1)} more FLOPs per image`;
  return "about the same FLOPs per image";
}

/** One line per variant against the baseline, then which one is kept and why. */
export function simplificationFindings(
  comparisons: SeededComparison[],
  { baseline, tolerance }: { baseline: string; tolerance: number },
): string {
  const base = variantByLabel(comparisons, baseline, "simplificationFindings");
  const { comparison: kept, withinTolerance } = pickSimplified(comparisons, baseline, tolerance);
  const lines = comparisons
    .filter((c) => c !== base)
    .map((c) => {
      const v = compareToBaseline(c, base, tolerance);
      return (
        `- **${c.label}**: ${flopsVersus(base.runs[0].flopsPerImage, c.runs[0].flopsPerImage)}, ` +
        `${formatRatio(v.speedUp, 1)} ${baseline}'s training throughput; final validation accuracy ${accuracy(c.valAccuracy)}, ` +
        `${versus(v, baseline, tolerance)}.`
      );
    });
  const k = compareToBaseline(kept, base, tolerance);
  const choice = withinTolerance
    ? `**Kept as the simplified AlexNet: ${kept.label}**, the fastest variant without a resolved drop of more than ` +
      `${points(tolerance)} points below ${baseline}`
    : `**No variant passes the rule (each is below ${baseline} by a resolved ${points(tolerance)} points or more); ` +
      `kept the most accurate as the simplified AlexNet: ${kept.label}**`;
  return [
    plateauSentence(base),
    "",
    ...lines,
    "",
    `${choice}: ${withCommas(kept.runs[0].params)} parameters instead of ${withCommas(base.runs[0].params)}, ` +
      `${formatRatio(k.speedUp, 1)} the throughput.`,
  ].join("\n");
}

/** The first mean-curve time at which `comparison` reached `target` accuracy, if it did. */
function secondsToReach(comparison: SeededComparison, target: number): number | undefined {
  return meanCurve(comparison).find((p) => p.valAccuracy >= target)?.trainSeconds;
}

/**
 * Each 28×28 design against the simplified AlexNet: final accuracy over the
 * seeds by the tolerance rule, throughput and counted FLOPs as ratios, and
 * when its mean curve first reached the simplified AlexNet's final mean.
 */
export function designFindings(simplified: SeededComparison, designs: SeededComparison[], tolerance: number): string {
  const alexCurve = meanCurve(simplified);
  const alexEnd = alexCurve.at(-1);
  if (!alexEnd) return `- ${simplified.label} finished no epoch: nothing to compare with.`;
  return designs
    .map((d) => {
      const v = compareToBaseline(d, simplified, tolerance);
      const end = meanCurve(d).at(-1);
      const reached = secondsToReach(d, simplified.valAccuracy.mean);
      const when =
        reached === undefined
          ? `its mean curve never reached the simplified AlexNet's final ${pct(simplified.valAccuracy.mean)}`
          : `its mean curve reached the simplified AlexNet's final ${pct(simplified.valAccuracy.mean)} after ${secs(reached)} of training ` +
            `(the simplified AlexNet needed ${secs(alexEnd.trainSeconds)} for all its epochs)`;
      return (
        `- **${d.label}**: final validation accuracy ${accuracy(d.valAccuracy)} after ${secs(end?.trainSeconds ?? NaN)} of training, ` +
        `${versus(v, "the simplified AlexNet", tolerance)}; ${formatRatio(v.speedUp, 1)} its throughput with ` +
        `${flopsVersus(simplified.runs[0].flopsPerImage, d.runs[0].flopsPerImage)}; ${when}.`
      );
    })
    .join("\n");
}

/** The Answer section: one sentence per sub-question, each with its numbers. */
export function simplifyAnswer({
  variants,
  baseline,
  tolerance,
  simplified,
  designs,
}: {
  variants: SeededComparison[];
  baseline: string;
  tolerance: number;
  simplified: SeededComparison;
  designs: SeededComparison[];
}): string {
  const base = variantByLabel(variants, baseline, "simplifyAnswer");
  const { comparison: kept, withinTolerance } = pickSimplified(variants, baseline, tolerance);
  const k = compareToBaseline(kept, base, tolerance);
  const rise = lateRise(base);
  const change = `${rise.rise >= 0 ? "+" : "−"}${points(rise.rise)} points over ${lastEpochs(rise.over)}`;
  const trained = {
    rising: `while ${baseline}'s own accuracy was still rising (${change}), so this holds for the budget only`,
    flat: `after ${counted(rise.epochs, "epoch")}, when ${baseline}'s accuracy had nearly stopped rising (${change})`,
    falling: `after ${counted(rise.epochs, "epoch")}, when ${baseline}'s accuracy had stopped rising (${change})`,
  }[trend(rise.rise, 0.01)];
  const first = withinTolerance
    ? `**5.1** ${kept.label} trains ${formatRatio(k.speedUp, 1)} as fast as ${baseline} with ` +
      `${flopsVersus(base.runs[0].flopsPerImage, kept.runs[0].flopsPerImage)}, and its final validation accuracy ` +
      `over ${seedCount(kept.runs.length)}, ${accuracy(kept.valAccuracy)}, is ${versus(k, baseline, tolerance)}, ${trained}.`
    : `**5.1** No simplification kept ${baseline}'s accuracy: the most accurate, ${kept.label}, trains ${formatRatio(k.speedUp, 1)} as fast ` +
      `but its final validation accuracy, ${accuracy(kept.valAccuracy)}, is ${versus(k, baseline, tolerance)}, ${trained}.`;
  if (designs.length === 0) return first;
  const best = designs.reduce((a, d) => (d.valAccuracy.mean > a.valAccuracy.mean ? d : a));
  const v = compareToBaseline(best, simplified, tolerance);
  const second =
    `**5.2** The more accurate design for 28×28, the ${best.label}, reaches ${accuracy(best.valAccuracy)} over ` +
    `${seedCount(best.runs.length)}, against ${accuracy(simplified.valAccuracy)} for the simplified AlexNet: ` +
    `${versus(v, "the simplified AlexNet", tolerance)}, at ${formatRatio(v.speedUp, 1)} its training throughput with ` +
    `${flopsVersus(simplified.runs[0].flopsPerImage, best.runs[0].flopsPerImage)}.`;
  return `${first}\n\n${second}`;
}
