/**
 * Exercise 4 (more epochs, AlexNet vs LeNet): a table, findings and the answer,
 * every number from the runs (each configuration trained once per seed), worded
 * by what the numbers say, so the prose stays true on any preset.
 */
import { counted, formatMarkdownTable, withCommas as int } from "../../format";
import type { Run } from "../../runs/run";
import {
  formatAccuracySpread,
  percentSpread,
  type SeededComparison,
  separated,
  spreadOf,
  spreadVersus,
  type Spread,
} from "../../runs/seeds";
import { summarizeRun, type RunSummary } from "../../runs/summary";
import { describeOutcome } from "../../runs/outcome";

export interface MoreEpochsRuns {
  /** d2l's AlexNet on the budget's optimizer. */
  alexnet: SeededComparison;
  /** d2l's LeNet (sigmoid, average pooling) on the same images and optimizer as AlexNet. */
  lenet: SeededComparison;
  /** LeNet with ReLU and max-pooling, same images and optimizer: what LeNet's activations cost. */
  lenetRelu: SeededComparison;
  /** d2l's LeNet with d2l's own optimizer (SGD lr 0.1). */
  lenetD2lOptimizer: SeededComparison;
  /** d2l's AlexNet with d2l's own optimizer (SGD lr 0.01): one seed, why the budget uses another. */
  alexnetD2lOptimizer: Run;
  /** d2l's epoch count, 10: where "more epochs" starts. */
  d2lEpochs: number;
}

const summaries = (c: SeededComparison): RunSummary[] => c.runs.map((run) => summarizeRun(run));
const valAt = (run: Run, epoch: number) => run.history.find((r) => r.epoch === epoch)?.valAccuracy ?? NaN;
const spreadAt = (c: SeededComparison, epoch: number): Spread => spreadOf(c.runs.map((run) => valAt(run, epoch)));
const acc = percentSpread;
const epochs = (c: SeededComparison) => summaries(c)[0]?.epochs ?? 0;

/** "7" when every seed agrees, else "5–9". */
function epochRange(values: number[]): string {
  const [low, high] = [Math.min(...values), Math.max(...values)];
  return low === high ? `${low}` : `${low}–${high}`;
}

/** Epoch of the lowest validation loss, per seed: where overfitting starts if the loss rises after it. */
function lossBottoms(c: SeededComparison): string {
  return epochRange(summaries(c).map((s) => s.minValLossEpoch));
}

/** One row per configuration: accuracy at d2l's length and at the end, best, gap, overfitting onset, speed. */
export function moreEpochsTable(configurations: SeededComparison[], d2lEpochs: number): string {
  const seeds = Math.max(...configurations.map((c) => c.runs.length));
  const headers = [
    "run",
    `val acc % at epoch ${d2lEpochs} (mean ± std (range), ${seeds} seeds)`,
    "val acc % at the end",
    "best val acc %",
    "train acc % at the end",
    "val loss lowest at epoch",
    "img/s",
  ];
  const rows = configurations.map((c) => {
    const s = summaries(c);
    return [
      `${c.label} (${counted(epochs(c), "epoch")})`,
      longer(c, d2lEpochs) ? formatAccuracySpread(spreadAt(c, d2lEpochs)) : "–",
      formatAccuracySpread(c.valAccuracy),
      formatAccuracySpread(spreadOf(s.map((x) => x.bestValAccuracy))),
      formatAccuracySpread(c.trainAccuracy),
      lossBottoms(c),
      int(c.imagesPerSecond.mean),
    ];
  });
  return formatMarkdownTable(headers, rows);
}

const versus = spreadVersus;

/** Whether the runs go past d2l's length, so "more epochs" has something to show. */
const longer = (c: SeededComparison, d2lEpochs: number) => epochs(c) > d2lEpochs;

/**
 * The validation loss's course over the seeds: still falling at the end (still learning),
 * or lowest at some epoch and rising after it (overfitting shows in the loss).
 */
function lossCourse(c: SeededComparison): string {
  const s = summaries(c);
  const n = epochs(c);
  const rising = s.filter((x) => x.overfittingOnset !== undefined).length;
  if (s.every((x) => x.minValLossEpoch >= n - 1)) {
    return `its validation loss was still falling at the end in every seed (lowest at epoch ${lossBottoms(c)}): it was still learning, not overfitting`;
  }
  if (rising === s.length)
    return `its validation loss was lowest at epoch ${lossBottoms(c)} and rose after it in every seed: overfitting shows in the loss`;
  if (rising > 0)
    return `its validation loss was lowest at epoch ${lossBottoms(c)} and rose after it in ${rising} of ${s.length} seeds`;
  return `its validation loss was lowest at epoch ${lossBottoms(c)} and stayed near that level`;
}

function moreEpochsSentence(c: SeededComparison, d2lEpochs: number): string {
  const s = summaries(c);
  const n = epochs(c);
  const start = longer(c, d2lEpochs)
    ? `validation accuracy ${acc(spreadAt(c, d2lEpochs))} at epoch ${d2lEpochs}, `
    : "validation accuracy ";
  const best = spreadOf(s.map((x) => x.bestValAccuracy));
  return (
    `${c.label}: ${start}${acc(c.valAccuracy)} at epoch ${n} ` +
    `(best ${acc(best)} at epoch ${epochRange(s.map((x) => x.bestValAccuracyEpoch))}); ${lossCourse(c)}`
  );
}

function leavingChance(c: SeededComparison): string {
  const s = summaries(c);
  const stuck = s.filter((x) => x.firstEpochAboveChance === undefined).length;
  if (stuck === s.length)
    return `${c.label} never left chance (validation accuracy below 20%) in ${counted(epochs(c), "epoch")}`;
  const first = s.flatMap((x) => (x.firstEpochAboveChance === undefined ? [] : [x.firstEpochAboveChance]));
  const when = Math.max(...first) === 1 ? "after its first epoch" : `first at epoch ${epochRange(first)}`;
  return `${c.label} was above chance ${when}${stuck > 0 ? ` in ${s.length - stuck} of ${s.length} seeds (the others never left it)` : ""}`;
}

export function moreEpochsFindings(runs: MoreEpochsRuns): string {
  const { alexnet, lenet, lenetRelu, lenetD2lOptimizer, alexnetD2lOptimizer, d2lEpochs } = runs;
  const a = alexnet.runs[0];
  const l = lenet.runs[0];
  const secondsPerEpoch = (c: SeededComparison) => c.runs[0].seconds / Math.max(1, epochs(c));
  const dropout = spreadOf(summaries(alexnet).map((s) => s.accuracyGap));
  const bullets = [
    `**More epochs.** ${[alexnet, lenet, lenetRelu, lenetD2lOptimizer].map((c) => moreEpochsSentence(c, d2lEpochs)).join(". ")}.`,
    `**AlexNet against LeNet, same images and optimizer.** At the end AlexNet's validation accuracy is ${versus(alexnet.valAccuracy, lenet.valAccuracy, "d2l's LeNet")}, and ${versus(alexnet.valAccuracy, lenetRelu.valAccuracy, "the ReLU LeNet")}.`,
    `**Fitting the training images.** Final training accuracy: AlexNet ${acc(alexnet.trainAccuracy)} (measured with dropout active), d2l's LeNet ${acc(lenet.trainAccuracy)}, the ReLU LeNet ${acc(lenetRelu.trainAccuracy)}. AlexNet's training minus validation accuracy is ${(100 * dropout.mean).toFixed(1)} points on average.`,
    `**Leaving chance.** ${[alexnet, lenet, lenetRelu, lenetD2lOptimizer].map(leavingChance).join("; ")}.`,
    `**d2l's own optimizer for AlexNet** (SGD, lr ${alexnetD2lOptimizer.setup.lr}, one seed): ${describeOutcome(alexnetD2lOptimizer)}.`,
    `**Size and cost.** AlexNet at ${a.spec.input[1]}×${a.spec.input[2]} has ${int(a.params)} parameters and ${(a.flopsPerImage / 1e6).toFixed(0)} MFLOP per image forward, LeNet ${int(l.params)} and ${(l.flopsPerImage / 1e6).toFixed(2)}: ${int(a.params / l.params)} times the parameters, ${int(a.params / a.trainSize)} per training image. An AlexNet epoch took ${secondsPerEpoch(alexnet).toFixed(1)} s, a LeNet epoch ${secondsPerEpoch(lenet).toFixed(1)} s on this machine.`,
  ];
  return bullets.map((b) => `- ${b}`).join("\n");
}

/** The answer, one sentence per sub-question, each citing its numbers. */
export function moreEpochsAnswer(runs: MoreEpochsRuns): string {
  const { alexnet, lenet, lenetRelu, d2lEpochs } = runs;
  const n = epochs(alexnet);
  const at10 = spreadAt(alexnet, d2lEpochs);
  const gain = alexnet.valAccuracy.mean - at10.mean;
  const notLonger = `- **Results of more epochs.** These runs have ${counted(n, "epoch")}, no more than d2l's ${d2lEpochs}: this preset cannot answer the question (run the \`cpu\` or \`full\` preset).`;
  const gainWord = separated(alexnet.valAccuracy, at10)
    ? `${gain > 0 ? "rose" : "fell"} by ${Math.abs(100 * gain).toFixed(1)} points`
    : `changed by ${(100 * gain).toFixed(1)} points, inside the seeds' spread`;
  const a = alexnet.runs[0];
  const l = lenet.runs[0];
  const bestEpochs = epochRange(summaries(alexnet).map((x) => x.bestValAccuracyEpoch));
  return [
    longer(alexnet, d2lEpochs)
      ? `- **Results of more epochs.** Between epoch ${d2lEpochs} (d2l's length) and epoch ${n}, AlexNet's validation accuracy ${gainWord} ` +
        `(${acc(at10)} → ${acc(alexnet.valAccuracy)}, best at epoch ${bestEpochs}); ${lossCourse(alexnet)}.`
      : notLonger,
    `- **Compared with LeNet.** On the same images with the same optimizer, AlexNet's ${acc(alexnet.valAccuracy)} is ${versus(alexnet.valAccuracy, lenet.valAccuracy, "d2l's LeNet")} ` +
      `and ${versus(alexnet.valAccuracy, lenetRelu.valAccuracy, "the ReLU LeNet")}. ` +
      `d2l's LeNet ended at ${acc(lenet.valAccuracy)}; ${lossCourse(lenet)}. The ReLU LeNet ended at ${acc(lenetRelu.valAccuracy)}; ${lossCourse(lenetRelu)}.`,
    `- **Why** (reasoning, see above). AlexNet has ${int(a.params / l.params)} times LeNet's parameters, ${int(a.params / a.trainSize)} per training image: ` +
      `enough to fit its training images one by one (final training accuracy ${acc(alexnet.trainAccuracy)} with dropout active, against ${acc(alexnet.valAccuracy)} on validation), ` +
      `which is why its validation loss turns while its accuracy can still improve; ` +
      `d2l's LeNet is held back less by its size than by its sigmoids: the same network with ReLU and max-pooling ends ${versus(lenetRelu.valAccuracy, lenet.valAccuracy, "d2l's LeNet")}.`,
  ].join("\n");
}
