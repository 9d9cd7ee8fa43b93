import type { tf } from "../tf";

/** One mini-batch: images NHWC float32 and integer class labels. The consumer disposes both. */
export interface Batch {
  x: tf.Tensor4D;
  y: tf.Tensor1D;
}

/** What the Trainer needs from a data module (lib/data's fashionMnist provides it). */
export interface TrainingData {
  /** Training batches for one epoch (shuffled per epoch by the data module). */
  trainBatches(epoch: number): Iterable<Batch>;
  /** Validation batches, in a fixed order. */
  valBatches(): Iterable<Batch>;
  trainSize: number;
  valSize: number;
  batchSize: number;
  numClasses: number;
}
