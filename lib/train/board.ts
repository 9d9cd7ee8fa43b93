/**
 * d2l's ProgressBoard for tslab notebooks: one output entry, redrawn in place
 * as training goes, with train loss (a few points per epoch), val loss and val
 * accuracy (one point per epoch) against epochs. Every redraw is a full figure
 * bundle with its PNG, so the entry's final state — what the saved notebook and
 * the markdown export keep — is a static image too.
 *
 *   const result = await fit(model, data, { epochs, lr, progress: trainingBoard() });
 *
 * Outside a notebook it falls back to one text line per epoch.
 */
import { counted, formatPercent } from "../format";
import { imagesPerSecond, trainingTotals, type EpochRecord, type TrainingCurves } from "./history";
import { lineProgress, type ProgressReporter, type TrainingPlan } from "./progress";
import { lineFigure } from "../plot/charts";
import type { Figure } from "../plot/figure";
import { inTslabKernel, updatableDisplay } from "../plot/kernel-display";
import { figureOutput } from "../plot/show";

export interface TrainingBoardOptions {
  /** Train-loss points per epoch (d2l plots 2). */
  trainPointsPerEpoch?: number;
  /** Redraws closer together than this are skipped, except at epoch ends and the end. */
  minSecondsBetweenRedraws?: number;
}

interface Curves {
  trainX: number[];
  trainLoss: number[];
  epochs: number[];
  valLoss: number[];
  valAccuracy: number[];
}

export function trainingBoardFigure(plan: TrainingPlan, curves: Curves, status: string): Figure {
  return lineFigure({
    title: `${plan.label}: ${status}`,
    x: { title: "epoch", range: [0, plan.epochs * 1.03] },
    y: { title: "loss / accuracy" },
    series: [
      { name: "train loss", x: curves.trainX, y: curves.trainLoss, mode: "lines" },
      { name: "val loss", x: curves.epochs, y: curves.valLoss, dash: "dash" },
      { name: "val acc", x: curves.epochs, y: curves.valAccuracy, dash: "dot" },
    ],
  });
}

function epochStatus(record: EpochRecord, epochs: number): string {
  return `epoch ${record.epoch}/${epochs}, val acc ${formatPercent(record.valAccuracy)}, ${imagesPerSecond(record).toFixed(0)} img/s`;
}

/** The finished run as the tables give it: epochs done, final val acc, images/s over all epochs. */
export function finalStatus(result: TrainingCurves): string {
  const last = result.history.at(-1);
  if (!last) return "done, no epoch finished";
  const totals = trainingTotals(result.history);
  return `done, ${counted(totals.epochs, "epoch")}, val acc ${formatPercent(last.valAccuracy)}, ${totals.imagesPerSecond.toFixed(0)} img/s`;
}

export function trainingBoard(options: TrainingBoardOptions = {}): ProgressReporter {
  if (!inTslabKernel()) return lineProgress();
  const { trainPointsPerEpoch = 2, minSecondsBetweenRedraws = 1 } = options;
  const display = updatableDisplay();
  let plan: TrainingPlan = { label: "", epochs: 1, batchesPerEpoch: 1 };
  let curves: Curves;
  let status = "";
  let lossSum = 0;
  let lossCount = 0;
  let position = 0;
  let lastRedraw = 0;

  function pushTrainPoint(): void {
    curves.trainX.push(position);
    curves.trainLoss.push(lossSum / lossCount);
    lossSum = 0;
    lossCount = 0;
  }

  function redraw(always: boolean): void {
    const now = performance.now();
    if (!always && now - lastRedraw < minSecondsBetweenRedraws * 1000) return;
    lastRedraw = now;
    const { data, metadata } = figureOutput(trainingBoardFigure(plan, curves, status));
    display.show(data, metadata);
  }

  return {
    start(p) {
      plan = p;
      curves = { trainX: [], trainLoss: [], epochs: [], valLoss: [], valAccuracy: [] };
      status = `training, ${counted(p.epochs, "epoch")} of ${p.batchesPerEpoch} batches`;
      redraw(true);
    },
    batch({ epoch, batch, loss }) {
      // A loss that is not finite stops training; it is not drawn, what came before it is (in end()).
      if (!Number.isFinite(loss)) return;
      lossSum += loss;
      lossCount++;
      position = epoch - 1 + batch / plan.batchesPerEpoch;
      // A point each time a 1/trainPointsPerEpoch share of the epoch completes (always at its end).
      const share = (b: number) => Math.floor((b * trainPointsPerEpoch) / plan.batchesPerEpoch);
      if (share(batch) === share(batch - 1)) return;
      pushTrainPoint();
      redraw(false);
    },
    epoch(record) {
      curves.epochs.push(record.epoch);
      curves.valLoss.push(record.valLoss);
      curves.valAccuracy.push(record.valAccuracy);
      status = epochStatus(record, plan.epochs);
      redraw(true);
    },
    end(result: TrainingCurves) {
      // Training that stopped mid-interval still shows the losses it reached.
      if (lossCount > 0) pushTrainPoint();
      status = result.stopped ?? finalStatus(result);
      redraw(true);
    },
  };
}
