/**
 * d2l's FashionMNIST(batch_size, resize) data module for tfjs. Raw 8-bit images
 * stay in memory; each batch is assembled, resized, scaled to [0, 1],
 * augmented and normalised only when the iterator reaches it, so a 224×224
 * epoch never exists as a whole (60,000 images at 224² would be 12 GB).
 *
 * Ownership: every batch's `x` and `y` are new tensors owned by whoever took
 * them from the iterator, who disposes them (the Trainer does). Nothing is
 * created before a batch is requested, so stopping an iteration early leaks nothing.
 */
import { tf } from "../tf";
import type { Batch, TrainingData } from "./training-data";
import type { Augmentation } from "./augment";
import { IMAGE_SIZE, type Split } from "./files";
import { FASHION_MNIST_CLASSES, NUM_CLASSES, textLabels } from "./labels";
import { loadFashionMnist, type LoadOptions, type RawFashionMnist } from "./load";
import { createRng, deriveSeed, shuffleInPlace } from "./random";
import { resizeLikeTorchvision, type ImageSize } from "./resize";
import { subsetIndices, type Subset } from "./subset";

export interface FashionMnistOptions extends LoadOptions {
  /** Images per batch; the last batch of a split may be smaller. Default 64, like d2l. */
  batchSize?: number;
  /** Side length in pixels, or [height, width]; at least 28. Default 28 (no resizing). */
  resize?: number | ImageSize;
  /** Applied after scaling to [0, 1]: (x − mean) / std. d2l uses none. */
  normalize?: { mean: number; std: number };
  /** Applied to training batches only, see augment.ts. */
  augment?: Augmentation;
  /** Seeds shuffling, random subsets (unless they carry their own seed) and augmentation. Default 0. */
  seed?: number;
  /** Reshuffle the training set every epoch (default true, like d2l's training loader). */
  shuffle?: boolean;
  trainSubset?: Subset;
  valSubset?: Subset;
}

/** What a run used, to print at the top of a notebook and save beside results. */
export interface FashionMnistInfo {
  dir: string;
  origin: RawFashionMnist["origin"];
  trainSize: number;
  valSize: number;
  imageSize: ImageSize;
  batchSize: number;
  seed: number;
  shuffle: boolean;
  normalize?: { mean: number; std: number };
  augmented: boolean;
  trainSubset?: Subset;
  valSubset?: Subset;
}

export interface FashionMnist extends TrainingData {
  readonly classNames: readonly string[];
  /** [height, width] of the images in batches. */
  readonly imageSize: ImageSize;
  readonly info: FashionMnistInfo;
  /** Batches of one split: training batches shuffled for `epoch` (1-based), validation batches in file order. */
  batches(split: Split, options?: { epoch?: number }): Generator<Batch>;
  trainBatches(epoch?: number): Generator<Batch>;
  valBatches(): Generator<Batch>;
  /** The file indices a split's subset uses, ascending. */
  indices(split: Split): Int32Array;
  /** The file indices in the order `batches(split, { epoch })` yields them. */
  order(split: Split, epoch?: number): Int32Array;
  textLabels(labels: ArrayLike<number> | tf.Tensor): string[];
  describe(): string;
}

function imageSizeOf(resize: FashionMnistOptions["resize"]): ImageSize {
  const size: ImageSize =
    resize === undefined ? [IMAGE_SIZE, IMAGE_SIZE] : typeof resize === "number" ? [resize, resize] : resize;
  for (const side of size) {
    if (!Number.isInteger(side) || side < IMAGE_SIZE) {
      throw new Error(
        `resize ${side} is not supported: use whole numbers ≥ ${IMAGE_SIZE} (shrinking would need torchvision's antialiasing)`,
      );
    }
  }
  return size;
}

function checkOptions(options: FashionMnistOptions): void {
  const { batchSize = 64, normalize } = options;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new Error(`batchSize must be a positive whole number, got ${batchSize}`);
  if (normalize && !(normalize.std > 0 && Number.isFinite(normalize.mean))) {
    throw new Error(`normalize needs a finite mean and a std > 0, got mean ${normalize.mean}, std ${normalize.std}`);
  }
}

/** The options that say where the files are read from (load.ts), as opposed to those shaping the batches. */
export const LOAD_OPTION_KEYS = ["dir", "env", "repoDataDir", "debianDir", "download", "log"] as const;
export type DataLoadOptions = Pick<LoadOptions, (typeof LOAD_OPTION_KEYS)[number]>;

export function splitLoadOptions<T extends LoadOptions>(
  options: T,
): { load: DataLoadOptions; rest: Omit<T, keyof LoadOptions> } {
  const load: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if ((LOAD_OPTION_KEYS as readonly string[]).includes(key)) load[key] = value;
    else rest[key] = value;
  }
  return { load: load as DataLoadOptions, rest: rest as Omit<T, keyof LoadOptions> };
}

/** Loads the files (see load.ts for where from) and returns the data module. */
export async function fashionMnist(options: FashionMnistOptions = {}): Promise<FashionMnist> {
  checkOptions(options);
  const { load, rest } = splitLoadOptions(options);
  return fashionMnistFrom(await loadFashionMnist(load), rest);
}

/** The data module over raw data already loaded (several modules can share one load). */
export function fashionMnistFrom(raw: RawFashionMnist, options: FashionMnistOptions = {}): FashionMnist {
  checkOptions(options);
  const loadOption = Object.keys(splitLoadOptions(options).load).find(
    (key) => options[key as keyof FashionMnistOptions] !== undefined,
  );
  if (loadOption) {
    throw new Error(
      `fashionMnistFrom: "${loadOption}" says where to read the files, but they are already loaded (from ${raw.dir}); pass it to fashionMnist or loadFashionMnist`,
    );
  }
  const { batchSize = 64, normalize, augment, seed = 0, shuffle = true } = options;
  const imageSize = imageSizeOf(options.resize);
  const withSeed = (subset: Subset | undefined): Subset | undefined =>
    subset !== undefined && typeof subset === "object" && "random" in subset ? { seed, ...subset } : subset;
  const selected: Record<Split, Int32Array> = {
    train: subsetIndices(withSeed(options.trainSubset), raw.train.count, "train"),
    val: subsetIndices(withSeed(options.valSubset), raw.val.count, "val"),
  };
  const pixelsPerImage = IMAGE_SIZE * IMAGE_SIZE;
  const resizing = imageSize[0] !== IMAGE_SIZE || imageSize[1] !== IMAGE_SIZE;

  function makeBatch(split: Split, order: Int32Array, start: number, epoch: number, batchIndex: number): Batch {
    const source = raw[split];
    const count = Math.min(batchSize, order.length - start);
    const pixels = new Float32Array(count * pixelsPerImage);
    const labels = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const image = order[start + i];
      pixels.set(source.images.subarray(image * pixelsPerImage, (image + 1) * pixelsPerImage), i * pixelsPerImage);
      labels[i] = source.labels[image];
    }
    const x = tf.tidy(() => {
      let images = tf.tensor4d(pixels, [count, IMAGE_SIZE, IMAGE_SIZE, 1]);
      if (resizing) images = resizeLikeTorchvision(images, imageSize);
      images = tf.div(images, 255);
      if (augment && split === "train")
        images = augment(images, createRng(deriveSeed(seed, "augment", epoch, batchIndex)));
      if (normalize) images = tf.div(tf.sub(images, normalize.mean), normalize.std);
      return images;
    });
    return { x, y: tf.tensor1d(labels, "int32") };
  }

  function orderOf(split: Split, epoch = 1): Int32Array {
    if (!Number.isInteger(epoch)) throw new Error(`epoch must be a whole number, got ${epoch}`);
    const indices = selected[split].slice();
    return split === "train" && shuffle
      ? shuffleInPlace(indices, createRng(deriveSeed(seed, "shuffle", epoch)))
      : indices;
  }

  function* batches(split: Split, { epoch = 1 }: { epoch?: number } = {}): Generator<Batch> {
    const order = orderOf(split, epoch);
    for (let start = 0, batchIndex = 0; start < order.length; start += batchSize, batchIndex++) {
      yield makeBatch(split, order, start, epoch, batchIndex);
    }
  }

  const info: FashionMnistInfo = {
    dir: raw.dir,
    origin: raw.origin,
    trainSize: selected.train.length,
    valSize: selected.val.length,
    imageSize,
    batchSize,
    seed,
    shuffle,
    ...(normalize ? { normalize } : {}),
    augmented: augment !== undefined,
    ...(options.trainSubset !== undefined ? { trainSubset: options.trainSubset } : {}),
    ...(options.valSubset !== undefined ? { valSubset: options.valSubset } : {}),
  };

  return {
    classNames: FASHION_MNIST_CLASSES,
    imageSize,
    info,
    trainSize: info.trainSize,
    valSize: info.valSize,
    batchSize,
    numClasses: NUM_CLASSES,
    batches,
    trainBatches: (epoch = 1) => batches("train", { epoch }),
    valBatches: () => batches("val"),
    indices: (split) => selected[split].slice(),
    order: orderOf,
    textLabels,
    describe: () =>
      `Fashion-MNIST from ${raw.dir} (${raw.origin}): ${info.trainSize} training / ${info.valSize} validation images, ` +
      `${imageSize[0]}×${imageSize[1]}, batch ${batchSize}, seed ${seed}` +
      (normalize ? `, normalised (mean ${normalize.mean}, std ${normalize.std})` : "") +
      (augment ? ", augmented" : ""),
  };
}
