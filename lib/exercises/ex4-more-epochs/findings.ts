/**
 * Exercise 4 (more epochs, AlexNet vs LeNet): the findings of the notebook's
 * runs as markdown bullets whose every number comes from the runs, and whose
 * wording follows what the numbers say (a run that never left chance is not
 * described as overfitting), so the prose stays true on any preset.
 */
import { counted, formatPercent as pct, withCommas as int } from "../../format";
import type { Run } from "../../runs/run";
import { summarizeRun, type RunSummary } from "../../runs/summary";

export interface MoreEpochsRuns {
  alexnet: Run;
  /** d2l's LeNet (sigmoid activations, average pooling, SGD lr 0.1): the capacity and time comparisons use it. */
  lenet: Run;
  /** Further LeNet runs (e.g. ReLU + max-pooling; AlexNet's optimizer), reported beside it. */
  others?: Run[];
}

const num = (x: number, digits = 3) => x.toFixed(digits);

function plateau(label: string, s: RunSummary): string {
  if (s.firstEpochAboveChance === undefined)
    return `${label} never left chance in ${counted(s.epochs, "epoch")} (best val acc ${pct(s.bestValAccuracy)})`;
  if (s.epochsNearChance === 0) return `${label} was above chance after its first epoch`;
  return `${label} stayed near chance (val acc < 20%) for ${counted(s.epochsNearChance, "epoch")}, first above it at epoch ${s.firstEpochAboveChance}`;
}

function overfitting(label: string, s: RunSummary): string {
  if (s.firstEpochAboveChance === undefined) return `${label}: nothing to overfit yet (never left chance)`;
  const gap = `final train − val accuracy gap ${(100 * s.accuracyGap).toFixed(1)} points (val loss − train loss ${num(s.lossGap)})`;
  if (s.overfittingOnset === undefined) {
    return `${label}: no overfitting onset within ${counted(s.epochs, "epoch")} — val loss was lowest at epoch ${s.minValLossEpoch} of ${s.epochs}; ${gap}`;
  }
  const final = s.final!;
  return (
    `${label}: val loss bottomed at ${num(s.minValLoss)} at epoch ${s.overfittingOnset} and rose to ${num(final.valLoss)} by epoch ${s.epochs} ` +
    `while train loss kept falling to ${num(final.trainLoss)} — overfitting from epoch ${s.overfittingOnset}; ${gap}`
  );
}

export function moreEpochsFindings({ alexnet, lenet, others = [] }: MoreEpochsRuns): string {
  const runs = [alexnet, lenet, ...others];
  const summaries = runs.map((run) => summarizeRun(run));
  const [a, l] = summaries;
  const names = runs.map((run) => run.label);
  const each = (f: (label: string, s: RunSummary) => string) => summaries.map((s, i) => f(names[i], s));
  const perEpoch = (run: Run, s: RunSummary) => run.seconds / Math.max(1, s.epochs);
  const bullets = [
    `**Capacity.** ${names[0]} at ${alexnet.spec.input[1]}×${alexnet.spec.input[2]} has ${int(alexnet.params)} parameters ` +
      `and ${(alexnet.flopsPerImage / 1e6).toFixed(1)} MFLOP per image forward; ${names[1]} has ${int(lenet.params)} and ` +
      `${(lenet.flopsPerImage / 1e6).toFixed(2)} MFLOP — ${int(alexnet.params / lenet.params)}× the parameters for ` +
      `${int(alexnet.trainSize)} training images (${int(alexnet.params / alexnet.trainSize)} parameters per image).`,
    `**Best validation accuracy.** ${each((name, s) => `${name} ${pct(s.bestValAccuracy)} (epoch ${s.bestValAccuracyEpoch} of ${s.epochs})`).join("; ")}.`,
    `**Leaving chance.** ${each(plateau).join("; ")}.`,
    `**Overfitting.** ${each(overfitting).join(". ")}.`,
    `**Dropout.** ${names[0]}'s training loss is measured with dropout active (half the hidden units off); at its last epoch ` +
      `train loss ${num(a.final?.trainLoss ?? NaN)} vs val loss ${num(a.final?.valLoss ?? NaN)}, train acc ${pct(a.final?.trainAccuracy ?? NaN)} vs val acc ${pct(a.final?.valAccuracy ?? NaN)}.`,
    `**Cost of an epoch.** ${names[0]} ${perEpoch(alexnet, a).toFixed(1)} s (${int(a.imagesPerSecond)} img/s), ` +
      `${names[1]} ${perEpoch(lenet, l).toFixed(1)} s (${int(l.imagesPerSecond)} img/s): ${int(perEpoch(alexnet, a) / perEpoch(lenet, l))}× per epoch on this machine.`,
  ];
  return bullets.map((b) => `- ${b}`).join("\n");
}
