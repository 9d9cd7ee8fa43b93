import { MultiBar, type SingleBar } from "cli-progress";
import { counted, formatPercent } from "../format";
import { imagesPerSecond, type EpochRecord, type TrainingCurves } from "./history";

export interface TrainingPlan {
  label: string;
  epochs: number;
  batchesPerEpoch: number;
}

/** Receives the Trainer's progress. Notebooks get a live board (lib/plot); terminals a bar. */
export interface ProgressReporter {
  start(plan: TrainingPlan): void;
  batch(state: { epoch: number; batch: number; loss: number }): void;
  epoch(record: EpochRecord): void;
  end(result: TrainingCurves): void;
}

export function formatEpoch(record: EpochRecord, epochs: number): string {
  return (
    `epoch ${record.epoch}/${epochs}: train loss ${record.trainLoss.toFixed(4)}, ` +
    `val loss ${record.valLoss.toFixed(4)}, val acc ${formatPercent(record.valAccuracy)}, ` +
    `${imagesPerSecond(record).toFixed(0)} img/s, ${record.seconds.toFixed(1)} s`
  );
}

/** One line per epoch (and the stop reason) written by `write`; for logs and CI. */
export function lineProgress(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): ProgressReporter {
  let plan: TrainingPlan = { label: "", epochs: 0, batchesPerEpoch: 0 };
  return {
    start(p) {
      plan = p;
      write(`${p.label}: ${counted(p.epochs, "epoch")} of ${p.batchesPerEpoch} batches`);
    },
    batch() {},
    epoch(record) {
      write(`${plan.label} ${formatEpoch(record, plan.epochs)}`);
    },
    end(result) {
      if (result.stopped) write(`${plan.label}: ${result.stopped}`);
    },
  };
}

/** A progress bar with ETA over all batches of all epochs, on stderr; epoch lines print above it. */
export function barProgress(): ProgressReporter {
  const bars = new MultiBar({
    format: "{label} |{bar}| epoch {epoch}/{epochs} | loss {loss} | {percentage}% | ETA {eta_formatted}",
    stream: process.stderr,
    hideCursor: true,
    etaBuffer: 50,
  });
  let plan: TrainingPlan;
  let bar: SingleBar;
  return {
    start(p) {
      plan = p;
      bar = bars.create(p.epochs * p.batchesPerEpoch, 0, { label: p.label, epoch: 1, epochs: p.epochs, loss: "-" });
    },
    batch({ epoch, batch, loss }) {
      bar.update((epoch - 1) * plan.batchesPerEpoch + batch, { epoch, loss: loss.toFixed(4) });
    },
    epoch(record) {
      bars.log(`${plan.label} ${formatEpoch(record, plan.epochs)}\n`);
    },
    end(result) {
      if (result.stopped) bars.log(`${plan.label}: ${result.stopped}\n`);
      bars.stop();
    },
  };
}

export const silentProgress: ProgressReporter = { start() {}, batch() {}, epoch() {}, end() {} };
