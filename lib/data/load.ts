/**
 * Finds (or downloads) the four files, reads and validates them, and keeps the
 * raw bytes: 47 MB for the training images, 7.8 MB for the test images. The
 * result is cached per directory (and file sizes/times) so several data
 * modules in one notebook share one copy.
 */
import { statSync } from "node:fs";
import { FASHION_MNIST_FILES, type FileKey } from "./files";
import { DataFileError, readIdxImages, readIdxLabels } from "./idx";
import {
  DEBIAN_DIR,
  DEBIAN_PACKAGE,
  FASHION_MNIST_DIR_ENV,
  defaultRepoDataDir,
  filesIn,
  locateFashionMnist,
  type DataOrigin,
  type LocateOptions,
  type LocatedFiles,
} from "./locate";
import { downloadFashionMnist, type DownloadOptions } from "./download";

export interface RawSplit {
  count: number;
  /** count × 28 × 28 bytes, row-major. */
  images: Uint8Array;
  labels: Uint8Array;
}

export interface RawFashionMnist {
  train: RawSplit;
  /** d2l's validation set: the data set's 10,000 test images. */
  val: RawSplit;
  /** Where the files were read from and how that place was found. */
  dir: string;
  origin: DataOrigin | "download";
}

export interface LoadOptions extends LocateOptions {
  /** Download into data/fashion-mnist/ when no directory has the files (default true). */
  download?: boolean | DownloadOptions;
  log?: (line: string) => void;
}

function adviceFor(origin: DataOrigin | "download"): string {
  switch (origin) {
    case "debian":
      return `reinstall Debian's package (apt-get install --reinstall ${DEBIAN_PACKAGE})`;
    case "repo":
    case "download":
      return "delete it and run `npm run setup` (or load again): a missing file is downloaded afresh";
    case "env":
      return `replace it with an intact copy or point ${FASHION_MNIST_DIR_ENV} elsewhere`;
    case "option":
      return "replace it with an intact copy or pass another directory";
  }
}

function readSplit(paths: Record<FileKey, string>, split: "train" | "val", advice: string): RawSplit {
  const images = readIdxImages(paths[split === "train" ? "trainImages" : "valImages"], advice);
  const labels = readIdxLabels(paths[split === "train" ? "trainLabels" : "valLabels"], advice);
  if (images.count !== labels.count) {
    throw new DataFileError(
      images.path,
      `holds ${images.count} images but ${labels.path} holds ${labels.count} labels; the two files do not belong together`,
      advice,
    );
  }
  return { count: images.count, images: images.pixels, labels: labels.labels };
}

const cache = new Map<string, RawFashionMnist>();

function cacheKey(located: LocatedFiles): string {
  return Object.values(located.paths)
    .map((path) => {
      const stat = statSync(path);
      return `${path}:${stat.size}:${stat.mtimeMs}`;
    })
    .join("|");
}

/** Reads and validates the files already located. Throws DataFileError for any bad file. */
export function readFashionMnist(
  located: LocatedFiles,
  origin: DataOrigin | "download" = located.origin,
  log = (line: string) => console.log(line),
): RawFashionMnist {
  const key = cacheKey(located);
  const cached = cache.get(key);
  if (cached) return cached;
  const advice = adviceFor(origin);
  const data: RawFashionMnist = {
    train: readSplit(located.paths, "train", advice),
    val: readSplit(located.paths, "val", advice),
    dir: located.dir,
    origin,
  };
  const published = Object.fromEntries(FASHION_MNIST_FILES.map((f) => [f.split, f.count]));
  if (data.train.count !== published.train || data.val.count !== published.val) {
    log(
      `note: ${located.dir} holds ${data.train.count} training and ${data.val.count} test images, not the published ${published.train} and ${published.val}`,
    );
  }
  cache.set(key, data);
  return data;
}

/** Locates the files (downloading them if allowed and needed), then reads and validates them. */
export async function loadFashionMnist(options: LoadOptions = {}): Promise<RawFashionMnist> {
  const log = options.log ?? ((line: string) => console.log(line));
  const located = locateFashionMnist(options);
  if (located) return readFashionMnist(located, located.origin, log);
  const dir = options.repoDataDir ?? defaultRepoDataDir();
  if (options.download === false) {
    throw new Error(
      `Fashion-MNIST is in neither ${dir} nor ${options.debianDir ?? DEBIAN_DIR} and downloading is off: put the four files in ${dir}, set ${FASHION_MNIST_DIR_ENV}, or install Debian's ${DEBIAN_PACKAGE}`,
    );
  }
  await downloadFashionMnist(dir, { log, ...(typeof options.download === "object" ? options.download : {}) });
  const { paths, missing } = filesIn(dir);
  if (missing.length > 0) throw new Error(`download into ${dir} finished but ${missing.join(", ")} is not there`);
  return readFashionMnist({ dir, origin: "repo", paths: paths as Record<FileKey, string> }, "download", log);
}
