import type { Subset } from "../data";
import type { InitScheme } from "../models/build";
import { formatMarkdownTable, formatPercent, formatValue, withCommas } from "../format";
import { describeOutcome } from "./outcome";
import type { Run } from "./run";
import { summarizeRun } from "./summary";

function initName(init: InitScheme | undefined): string {
  if (init === undefined || init === "xavier") return "Xavier";
  if (init === "torch") return "PyTorch default";
  return `N(0, ${init.normal}²)`;
}

function subsetName(subset: Subset | undefined, size: number): string {
  if (subset === undefined) return `all ${withCommas(size)}`;
  if (typeof subset === "object" && "random" in subset) return `${withCommas(size)} random`;
  return `first ${withCommas(size)}`;
}

/** What each run was: network, input, data, batch, optimiser settings, planned epochs. */
export function setupTable(runs: Run[]): string {
  return formatMarkdownTable(
    ["run", "input", "train images", "val images", "batch", "optimizer", "lr", "init", "epochs", "params"],
    runs.map(({ setup, label, spec, trainSize, valSize, params }) => [
      label,
      `${spec.input[1]}×${spec.input[2]}`,
      subsetName(setup.data?.trainSubset, trainSize),
      subsetName(setup.data?.valSubset, valSize),
      String(setup.data?.batchSize ?? 64),
      setup.optimizer ?? "sgd",
      String(setup.lr),
      initName(setup.init),
      String(setup.epochs),
      withCommas(params),
    ]),
  );
}

/** What each run produced: final losses and accuracies, the train–val gap, how it ended, time. */
export function resultsTable(runs: Run[]): string {
  return formatMarkdownTable(
    [
      "run",
      "epochs done",
      "train loss",
      "val loss",
      "train acc",
      "val acc",
      "best val acc (epoch)",
      "train − val acc",
      "img/s (all epochs)",
      "seconds",
      "outcome",
    ],
    runs.map((run) => {
      const s = summarizeRun(run);
      return [
        run.label,
        String(s.epochs),
        formatValue(s.final?.trainLoss),
        formatValue(s.final?.valLoss),
        formatPercent(s.trainAccuracy),
        formatPercent(s.valAccuracy),
        s.epochs ? `${formatPercent(s.bestValAccuracy)} (${s.bestValAccuracyEpoch})` : "–",
        s.epochs ? `${(100 * s.accuracyGap).toFixed(1)} pt` : "–",
        formatValue(s.imagesPerSecond, 0),
        run.seconds.toFixed(0),
        describeOutcome(run).split(":")[0],
      ];
    }),
  );
}
