import { tf, type tfl } from "../tf";
import type { Batch, TrainingData } from "../data/training-data";
import type { EpochRecord, FitResult } from "./history";
import { correctCount, crossEntropy } from "./metrics";
import type { OptimizerName } from "../optimizer-names";
import { makeOptimizer } from "./optimizer";
import { defaultProgress } from "./default-progress";
import type { ProgressReporter } from "./progress";

export interface FitOptions {
  epochs: number;
  lr: number;
  optimizer?: OptimizerName;
  /** Where progress goes; default: the live board in a notebook, a bar on a terminal, epoch lines otherwise. */
  progress?: ProgressReporter;
  /** Shown by progress reporters. */
  label?: string;
}

export interface StepResult {
  loss: number;
  correct: number;
}

/** The values of scalars in one read from the backend (each read is a sync with it); disposes them. */
function readAndDispose(...scalars: tf.Scalar[]): number[] {
  const both = tf.stack(scalars);
  const values = [...both.dataSync()];
  tf.dispose([both, ...scalars]);
  return values;
}

/** One optimizer step on a batch; the loss and the correct count come back in one read from the backend. */
export function trainStep(model: tfl.LayersModel, optimizer: tf.Optimizer, { x, y }: Batch): StepResult {
  let correct: tf.Scalar | undefined;
  const loss = optimizer.minimize(() => {
    const logits = model.apply(x, { training: true }) as tf.Tensor2D;
    correct = tf.keep(correctCount(logits, y));
    return crossEntropy(logits, y);
  }, true) as tf.Scalar;
  const [lossValue, correctValue] = readAndDispose(loss, correct!);
  return { loss: lossValue, correct: correctValue };
}

/** Mean loss and accuracy of `model` (inference mode) over `batches`, which it disposes. */
export function evaluate(model: tfl.LayersModel, batches: Iterable<Batch>): { loss: number; accuracy: number } {
  let lossSum = 0;
  let correct = 0;
  let count = 0;
  for (const batch of batches) {
    const [batchLoss, batchCorrect] = tf.tidy(() => {
      const logits = model.apply(batch.x, { training: false }) as tf.Tensor2D;
      return [crossEntropy(logits, batch.y), correctCount(logits, batch.y)];
    });
    const n = batch.y.shape[0];
    const [loss, batchCorrectCount] = readAndDispose(batchLoss, batchCorrect);
    lossSum += loss * n;
    correct += batchCorrectCount;
    count += n;
    tf.dispose([batch.x, batch.y]);
  }
  return { loss: lossSum / count, accuracy: correct / count };
}

/**
 * d2l's Trainer.fit: mini-batch training with per-epoch validation. Returns the
 * history so far; a loss that turns NaN or infinite stops training (with
 * `stopped` saying where) instead of throwing, so divergence can be shown.
 */
export async function fit(model: tfl.LayersModel, data: TrainingData, options: FitOptions): Promise<FitResult> {
  const { epochs, lr, optimizer: optimizerName = "sgd", label = model.name } = options;
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`epochs must be a positive integer, got ${epochs}`);
  const optimizer = makeOptimizer(optimizerName, lr);
  const progress = options.progress ?? defaultProgress();
  const batchesPerEpoch = Math.ceil(data.trainSize / data.batchSize);
  const history: EpochRecord[] = [];
  let stopped: string | undefined;
  const fitStarted = performance.now();
  progress.start({ label, epochs, batchesPerEpoch });
  try {
    for (let epoch = 1; epoch <= epochs && !stopped; epoch++) {
      const started = performance.now();
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      let peakTensorBytes = 0;
      let maxRssBytes = 0;
      let batchIndex = 0;
      for (const batch of data.trainBatches(epoch)) {
        batchIndex++;
        let step: StepResult;
        try {
          if (batchIndex === 1) {
            // Profiling every step would slow it down; all steps of an epoch have the same shapes.
            let profiled: StepResult | undefined;
            const info = await tf.profile(() => {
              profiled = trainStep(model, optimizer, batch);
            });
            peakTensorBytes = info.peakBytes;
            step = profiled!;
          } else {
            step = trainStep(model, optimizer, batch);
          }
        } finally {
          tf.dispose([batch.x, batch.y]);
        }
        const n = batch.y.shape[0];
        seen += n;
        lossSum += step.loss * n;
        correct += step.correct;
        maxRssBytes = Math.max(maxRssBytes, process.memoryUsage.rss());
        progress.batch({ epoch, batch: batchIndex, loss: step.loss });
        if (!Number.isFinite(step.loss)) {
          stopped = `loss became ${step.loss} at epoch ${epoch}, batch ${batchIndex} (lr ${lr}); training stopped`;
          break;
        }
      }
      if (stopped) break;
      const trainSeconds = (performance.now() - started) / 1000;
      const val = evaluate(model, data.valBatches());
      const record: EpochRecord = {
        epoch,
        trainLoss: lossSum / seen,
        trainAccuracy: correct / seen,
        valLoss: val.loss,
        valAccuracy: val.accuracy,
        trainImages: seen,
        trainSeconds,
        seconds: (performance.now() - started) / 1000,
        peakTensorBytes,
        maxRssBytes,
      };
      history.push(record);
      progress.epoch(record);
    }
  } finally {
    optimizer.dispose();
  }
  const seconds = (performance.now() - fitStarted) / 1000;
  const result: FitResult = stopped ? { history, stopped, seconds } : { history, seconds };
  progress.end(result);
  return result;
}
