/** What one epoch of training measured. Losses are means over examples. */
export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** Training images processed in the epoch (forward + backward + update). */
  trainImages: number;
  /** Seconds of the epoch's training steps (validation excluded). */
  trainSeconds: number;
  /** Wall-clock seconds of the epoch, validation included. */
  seconds: number;
  /** Peak bytes of tensors alive during one training step (tfjs's own accounting, tf.profile). */
  peakTensorBytes: number;
  /** Largest resident set size of the process seen during the epoch. */
  maxRssBytes: number;
}

/** What training left behind: its epochs and, if it stopped early, why. */
export interface TrainingCurves {
  history: EpochRecord[];
  /** Set when training stopped early, e.g. "loss became NaN at epoch 2, batch 17". */
  stopped?: string;
}

export interface FitResult extends TrainingCurves {
  /** Wall-clock seconds fit ran: training, validation, a stopped epoch's part. */
  seconds: number;
}

/**
 * Training throughput, the library's one definition of images/s: training
 * images processed / training seconds (validation excluded). For an epoch pass
 * its record; for a run, its training totals.
 */
export function imagesPerSecond({ trainImages, trainSeconds }: { trainImages: number; trainSeconds: number }): number {
  return trainSeconds > 0 ? trainImages / trainSeconds : NaN;
}

/** What a run's finished epochs add up to: images and seconds of training, and the throughput they give. */
export interface TrainingTotals {
  epochs: number;
  trainImages: number;
  trainSeconds: number;
  imagesPerSecond: number;
}

export function trainingTotals(history: readonly EpochRecord[]): TrainingTotals {
  const trainImages = history.reduce((sum, r) => sum + r.trainImages, 0);
  const trainSeconds = history.reduce((sum, r) => sum + r.trainSeconds, 0);
  return {
    epochs: history.length,
    trainImages,
    trainSeconds,
    imagesPerSecond: imagesPerSecond({ trainImages, trainSeconds }),
  };
}
