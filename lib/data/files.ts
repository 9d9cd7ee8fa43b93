/**
 * The four Fashion-MNIST files, where the data set's authors publish them and
 * their MD5 checksums, as listed in the "Get the Data" table of
 * zalandoresearch/fashion-mnist's README (the same values torchvision checks).
 * The checksums are of the .gz files as served there; Debian's package
 * recompresses them, so its .gz files have other checksums but the same content.
 */

export type Split = "train" | "val";
export type FileKey = "trainImages" | "trainLabels" | "valImages" | "valLabels";

export interface FashionMnistFile {
  key: FileKey;
  /** File name without ".gz"; a directory may hold it plain or gzipped. */
  name: string;
  kind: "images" | "labels";
  split: Split;
  /** MD5 of `${name}.gz` as published by the data set's authors. */
  md5: string;
  /** Item count in the published file. */
  count: number;
}

/** d2l's validation split is the data set's test set (torchvision's train=False). */
export const FASHION_MNIST_FILES: readonly FashionMnistFile[] = [
  {
    key: "trainImages",
    name: "train-images-idx3-ubyte",
    kind: "images",
    split: "train",
    md5: "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
    count: 60000,
  },
  {
    key: "trainLabels",
    name: "train-labels-idx1-ubyte",
    kind: "labels",
    split: "train",
    md5: "25c81989df183df01b3e8a0aad5dffbe",
    count: 60000,
  },
  {
    key: "valImages",
    name: "t10k-images-idx3-ubyte",
    kind: "images",
    split: "val",
    md5: "bef4ecab320f06d8554ea6380940ec79",
    count: 10000,
  },
  {
    key: "valLabels",
    name: "t10k-labels-idx1-ubyte",
    kind: "labels",
    split: "val",
    md5: "bb300cfdad3c16e7a12a480ee83cd310",
    count: 10000,
  },
];

/** Base URLs tried in order: the download links of the README, then the copy in the GitHub repository. */
export const FASHION_MNIST_MIRRORS: readonly string[] = [
  "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
  "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
];

export const IMAGE_SIZE = 28;

/** How the file names read in one line of an error message. */
export function fileNamesList(): string {
  return FASHION_MNIST_FILES.map((f) => `${f.name}.gz`).join(", ");
}
