/**
 * Augmentations for training batches (d2l exercise 7: use the images'
 * invariances). An augmentation maps a batch [B, H, W, C] with values in [0, 1]
 * to a new batch of the same shape; the data module calls it inside tf.tidy, on
 * training batches only, after resizing and before normalising, with a random
 * generator seeded from (seed, epoch, batch) so runs repeat exactly.
 *
 * The two provided here move pixels in JavaScript arrays: per-image slices,
 * pads and reversals on the wasm backend took seconds per 224×224 batch of 128
 * (measured), the loops below take milliseconds.
 */
import { tf } from "../tf";
import type { Rng } from "./random";

export type Augmentation = (images: tf.Tensor4D, rng: Rng) => tf.Tensor4D;

/** torchvision's RandomCrop(size, padding): pad each side with `padding` zeros, crop the original size at a random offset per image. */
export function randomCrop(padding: number): Augmentation {
  if (!Number.isInteger(padding) || padding < 0)
    throw new Error(`randomCrop padding must be a whole number ≥ 0, got ${padding}`);
  return (images, rng) => {
    const [batch, height, width, channels] = images.shape;
    const source = images.dataSync();
    const result = new Float32Array(source.length);
    const rowLength = width * channels;
    for (let b = 0; b < batch; b++) {
      // Offset of the crop in the padded image, as a shift of the original.
      const dy = rng.int(2 * padding + 1) - padding;
      const dx = rng.int(2 * padding + 1) - padding;
      const [fromX, toX] = [Math.max(0, -dx), Math.min(width, width - dx)];
      for (let y = Math.max(0, -dy); y < Math.min(height, height - dy); y++) {
        const sourceRow = (b * height + y + dy) * rowLength;
        const targetRow = (b * height + y) * rowLength;
        result.set(
          source.subarray(sourceRow + (fromX + dx) * channels, sourceRow + (toX + dx) * channels),
          targetRow + fromX * channels,
        );
      }
    }
    return tf.tensor4d(result, images.shape);
  };
}

/** torchvision's RandomHorizontalFlip(p): mirror each image left–right with probability p. */
export function randomHorizontalFlip(probability = 0.5): Augmentation {
  if (!(probability >= 0 && probability <= 1))
    throw new Error(`flip probability must be in [0, 1], got ${probability}`);
  return (images, rng) => {
    const [batch, height, width, channels] = images.shape;
    const source = images.dataSync();
    const result = Float32Array.from(source);
    const imageLength = height * width * channels;
    for (let b = 0; b < batch; b++) {
      if (!(rng.next() < probability)) continue;
      for (let row = b * imageLength; row < (b + 1) * imageLength; row += width * channels) {
        for (let x = 0; x < width; x++) {
          for (let c = 0; c < channels; c++)
            result[row + x * channels + c] = source[row + (width - 1 - x) * channels + c];
        }
      }
    }
    return tf.tensor4d(result, images.shape);
  };
}

/** Applies augmentations left to right. */
export function composeAugmentations(...steps: Augmentation[]): Augmentation {
  return (images, rng) => steps.reduce((batch, step) => step(batch, rng), images);
}
