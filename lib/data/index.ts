/** Fashion-MNIST for the notebooks: finding, downloading, reading and validating the four IDX files. */
export { loadFashionMnist, readFashionMnist, type LoadOptions, type RawFashionMnist, type RawSplit } from "./load";
export {
  DEBIAN_DIR,
  FASHION_MNIST_DIR_ENV,
  defaultRepoDataDir,
  repoRoot,
  filesIn,
  locateFashionMnist,
  type DataOrigin,
  type LocateOptions,
  type LocatedFiles,
} from "./locate";
export { downloadFashionMnist, type DownloadOptions } from "./download";
export { DataFileError, encodeIdx, parseIdxImages, parseIdxLabels, readIdxImages, readIdxLabels, type IdxImages, type IdxLabels } from "./idx";
export { FASHION_MNIST_FILES, FASHION_MNIST_MIRRORS, IMAGE_SIZE, type FashionMnistFile, type FileKey, type Split } from "./files";
