import type { Subset } from "../data";
import type { InitScheme } from "../models/build";
import { describeOutcome, formatValue } from "./outcome";
import type { Run } from "./run";
import { summarizeRun } from "./summary";

function initName(init: InitScheme | undefined): string {
  if (init === undefined) return "xavier";
  return typeof init === "string" ? init : `normal(std ${init.normal})`;
}

function subsetName(subset: Subset | undefined, size: number): string {
  if (subset === undefined) return `all ${size.toLocaleString("en-US")}`;
  if (typeof subset === "object" && "random" in subset) return `${size.toLocaleString("en-US")} random`;
  return `first ${size.toLocaleString("en-US")}`;
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const fixed = formatValue;

/** What each run was: network, input, data, batch, optimiser settings, planned epochs. */
export function setupTable(runs: Run[]): string {
  return markdownTable(
    ["run", "input", "train images", "val images", "batch", "optimizer", "lr", "init", "epochs", "params"],
    runs.map(({ setup, result }) => [
      result.label,
      `${result.spec.input[1]}×${result.spec.input[2]}`,
      subsetName(setup.data?.trainSubset, result.trainSize),
      subsetName(setup.data?.valSubset, result.valSize),
      String(setup.data?.batchSize ?? 64),
      setup.optimizer ?? "sgd",
      String(setup.lr),
      initName(setup.init),
      String(setup.epochs),
      result.params.toLocaleString("en-US"),
    ]),
  );
}

/** What each run produced: final losses and accuracies, the train–val gap, how it ended, time. */
export function resultsTable(runs: Run[]): string {
  return markdownTable(
    ["run", "epochs done", "train loss", "val loss", "train acc", "val acc", "best val acc (epoch)", "acc gap", "img/s", "seconds", "outcome"],
    runs.map(({ result }) => {
      const s = summarizeRun(result);
      return [
        result.label,
        String(s.epochs),
        fixed(s.final?.trainLoss),
        fixed(s.final?.valLoss),
        fixed(s.final?.trainAccuracy),
        fixed(s.final?.valAccuracy),
        s.epochs ? `${fixed(s.bestValAccuracy)} (${s.bestValAccuracyEpoch})` : "–",
        fixed(s.accuracyGap),
        fixed(s.imagesPerSecond, 0),
        result.seconds.toFixed(0),
        describeOutcome(result).split(":")[0],
      ];
    }),
  );
}
