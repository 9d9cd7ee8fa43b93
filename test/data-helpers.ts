/** Shared by the test/data-*.test.ts files: the committed real fixture and temp dirs of (deliberately broken) files. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { FASHION_MNIST_FILES } from "../lib/data";

export const FIXTURE_DIR = join(__dirname, "fixtures", "fashion-mnist-small");
export const FIXTURE_TRAIN = 2000;
export const FIXTURE_VAL = 1000;

/** The first 20 labels of the real files, read with `zcat FILE | xxd -s 8 -l 20` from Debian's dataset-fashion-mnist. */
export const FIRST_TRAIN_LABELS = [9, 0, 0, 3, 0, 2, 7, 2, 5, 5, 0, 9, 5, 5, 7, 9, 1, 0, 6, 4];
export const FIRST_VAL_LABELS = [9, 2, 1, 1, 6, 1, 4, 6, 5, 7, 4, 5, 7, 3, 4, 1, 2, 4, 8, 0];

export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "d2l-data-test-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The decompressed IDX bytes of a fixture file, e.g. fixtureBytes("train-labels-idx1-ubyte"). */
export function fixtureBytes(name: string): Buffer {
  return gunzipSync(readFileSync(join(FIXTURE_DIR, `${name}.gz`)));
}

/** Copies the four fixture files into `dir`, gzipped or plain. */
export function copyFixture(dir: string, form: "gz" | "plain" = "gz"): void {
  for (const file of FASHION_MNIST_FILES) {
    if (form === "gz") copyFileSync(join(FIXTURE_DIR, `${file.name}.gz`), join(dir, `${file.name}.gz`));
    else writeFileSync(join(dir, file.name), fixtureBytes(file.name));
  }
}

/** Writes bytes as a gzipped file and returns its path. */
export function writeGz(dir: string, name: string, bytes: Buffer): string {
  const path = join(dir, `${name}.gz`);
  writeFileSync(path, gzipSync(bytes));
  return path;
}
