/** Fashion-MNIST for the notebooks: `const data = await fashionMnist({ batchSize: 128, resize: 224 })`. */
export {
  fashionMnist,
  fashionMnistFrom,
  splitLoadOptions,
  LOAD_OPTION_KEYS,
  type DataLoadOptions,
  type FashionMnist,
  type FashionMnistInfo,
  type FashionMnistOptions,
} from "./fashion-mnist";
export { FASHION_MNIST_CLASSES, NUM_CLASSES, oneHot, textLabels } from "./labels";
export { composeAugmentations, randomCrop, randomHorizontalFlip, type Augmentation } from "./augment";
export { resizeLikeTorchvision, type ImageSize } from "./resize";
export { subsetIndices, type Subset } from "./subset";
export { createRng, deriveSeed, shuffleInPlace, type Rng } from "./random";
export { loadFashionMnist, readFashionMnist, type LoadOptions, type RawFashionMnist, type RawSplit } from "./load";
export {
  DEBIAN_DIR,
  FASHION_MNIST_DIR_ENV,
  defaultRepoDataDir,
  filesIn,
  locateFashionMnist,
  type DataOrigin,
  type LocateOptions,
  type LocatedFiles,
} from "./locate";
export { downloadFashionMnist, type DownloadOptions } from "./download";
export {
  DataFileError,
  encodeIdx,
  parseIdxImages,
  parseIdxLabels,
  readIdxImages,
  readIdxLabels,
  type IdxImages,
  type IdxLabels,
} from "./idx";
export {
  FASHION_MNIST_FILES,
  FASHION_MNIST_MIRRORS,
  IMAGE_SIZE,
  type FashionMnistFile,
  type FileKey,
  type Split,
} from "./files";
export type { Batch, TrainingData } from "./training-data";
