import { FASHION_MNIST_DIR_ENV, loadFashionMnist, type DataLoadOptions, type RawFashionMnist } from "../data";

const loads = new Map<string, Promise<RawFashionMnist>>();

/**
 * Fashion-MNIST read once per process and per place it is read from, shared by
 * every run. A failed load is forgotten, so the next run tries again (after the
 * user has put the files where the error said).
 */
export function sharedFashionMnist(options: DataLoadOptions = {}): Promise<RawFashionMnist> {
  const key = JSON.stringify([
    options.dir,
    options.repoDataDir,
    options.debianDir,
    options.download,
    (options.env ?? process.env)[FASHION_MNIST_DIR_ENV],
  ]);
  let load = loads.get(key);
  if (!load) {
    load = loadFashionMnist({ ...options, log: () => {} });
    loads.set(key, load);
    load.catch(() => loads.delete(key));
  }
  return load;
}
