/** What one epoch of training measured. Losses are means over examples. */
export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** Training images per second (forward + backward + update; validation excluded). */
  imagesPerSecond: number;
  /** Wall-clock seconds of the epoch, validation included. */
  seconds: number;
  /** Peak bytes of tensors alive during one training step (tfjs's own accounting, tf.profile). */
  peakTensorBytes: number;
  /** Largest resident set size of the process seen during the epoch. */
  maxRssBytes: number;
}

export interface FitResult {
  history: EpochRecord[];
  /** Set when training stopped early, e.g. "loss became NaN at epoch 2, batch 17". */
  stopped?: string;
}
