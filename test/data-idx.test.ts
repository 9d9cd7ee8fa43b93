import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DataFileError, readIdxImages, readIdxLabels } from "../lib/data";
import {
  FIRST_TRAIN_LABELS,
  FIRST_VAL_LABELS,
  FIXTURE_DIR,
  FIXTURE_TRAIN,
  FIXTURE_VAL,
  fixtureBytes,
  tempDir,
  writeGz,
} from "./data-helpers";

test("reads the real fixture, gzipped", () => {
  const images = readIdxImages(join(FIXTURE_DIR, "train-images-idx3-ubyte.gz"));
  const labels = readIdxLabels(join(FIXTURE_DIR, "train-labels-idx1-ubyte.gz"));
  assert.equal(images.count, FIXTURE_TRAIN);
  assert.equal(images.pixels.length, FIXTURE_TRAIN * 28 * 28);
  assert.equal(labels.count, FIXTURE_TRAIN);
  assert.deepEqual(Array.from(labels.labels.subarray(0, 20)), FIRST_TRAIN_LABELS);
  const valLabels = readIdxLabels(join(FIXTURE_DIR, "t10k-labels-idx1-ubyte.gz"));
  assert.equal(valLabels.count, FIXTURE_VAL);
  assert.deepEqual(Array.from(valLabels.labels.subarray(0, 20)), FIRST_VAL_LABELS);
  assert.equal(readIdxImages(join(FIXTURE_DIR, "t10k-images-idx3-ubyte.gz")).count, FIXTURE_VAL);
});

test("reads the same data from a plain (not gzipped) file, whatever its name", (t) => {
  const dir = tempDir(t);
  const plain = join(dir, "train-images-idx3-ubyte");
  writeFileSync(plain, fixtureBytes("train-images-idx3-ubyte"));
  const gz = readIdxImages(join(FIXTURE_DIR, "train-images-idx3-ubyte.gz"));
  assert.deepEqual(readIdxImages(plain).pixels, gz.pixels);
  // Detection is by content: a gzipped file without .gz still reads.
  const misnamed = join(dir, "labels");
  writeFileSync(misnamed, readFileSync(join(FIXTURE_DIR, "train-labels-idx1-ubyte.gz")));
  assert.deepEqual(Array.from(readIdxLabels(misnamed).labels.subarray(0, 20)), FIRST_TRAIN_LABELS);
});

/** Asserts a one-line DataFileError naming the file and containing `problem`. */
function assertBadFile(read: () => unknown, path: string, problem: RegExp): void {
  assert.throws(read, (error: unknown) => {
    assert.ok(error instanceof DataFileError, `expected DataFileError, got ${String(error)}`);
    assert.ok(error.message.startsWith(`${path}: `), error.message);
    assert.match(error.message, problem);
    assert.ok(!error.message.includes("\n"), "one line");
    assert.match(error.message, /; replace it/, "says what to do");
    return true;
  });
}

test("broken image files: each is a one-line error naming the file and the fault", (t) => {
  const dir = tempDir(t);
  const good = fixtureBytes("t10k-images-idx3-ubyte");
  const variant = (name: string, edit: (bytes: Buffer) => Buffer) => writeGz(dir, name, edit(Buffer.from(good)));

  const badMagic = variant("bad-magic", (b) => {
    b.writeUInt32BE(0x12345678, 0);
    return b;
  });
  assertBadFile(() => readIdxImages(badMagic), badMagic, /magic number is 0x12345678.*expected 2051/);

  const labelsAsImages = join(FIXTURE_DIR, "t10k-labels-idx1-ubyte.gz");
  assertBadFile(
    () => readIdxImages(labelsAsImages),
    labelsAsImages,
    /magic number is 2049, an IDX label file; expected 2051/,
  );

  const wrongDims = variant("wrong-dims", (b) => {
    b.writeUInt32BE(32, 8);
    return b;
  });
  assertBadFile(() => readIdxImages(wrongDims), wrongDims, /images are 32×28; Fashion-MNIST images are 28×28/);

  const truncated = variant("truncated", (b) => b.subarray(0, b.length - 100));
  assertBadFile(
    () => readIdxImages(truncated),
    truncated,
    /is truncated: its header announces 1000 images of 28×28 \(784016 bytes\) but it holds 783916 bytes/,
  );

  const trailing = variant("trailing", (b) => Buffer.concat([b, Buffer.alloc(5)]));
  assertBadFile(() => readIdxImages(trailing), trailing, /has 5 bytes after the 1000 images/);

  const tooShort = variant("too-short", (b) => b.subarray(0, 10));
  assertBadFile(() => readIdxImages(tooShort), tooShort, /too short for an IDX header/);
});

test("broken label files and broken gzip", (t) => {
  const dir = tempDir(t);
  const good = fixtureBytes("t10k-labels-idx1-ubyte");

  const badLabel = writeGz(dir, "bad-label", Buffer.from(good).fill(12, 8 + 345, 8 + 346));
  assertBadFile(() => readIdxLabels(badLabel), badLabel, /label 12 at index 345 is not a class 0\.\.9/);

  const imagesAsLabels = join(FIXTURE_DIR, "t10k-images-idx3-ubyte.gz");
  assertBadFile(
    () => readIdxLabels(imagesAsLabels),
    imagesAsLabels,
    /magic number is 2051, an IDX image file; expected 2049/,
  );

  const truncated = writeGz(dir, "truncated", good.subarray(0, 8 + 999));
  assertBadFile(() => readIdxLabels(truncated), truncated, /truncated: its header announces 1000 labels/);

  const trailing = writeGz(dir, "trailing", Buffer.concat([good, Buffer.from([1])]));
  assertBadFile(() => readIdxLabels(trailing), trailing, /has 1 bytes after the 1000 labels/);

  const cutGzip = join(dir, "cut.gz");
  const gz = readFileSync(join(FIXTURE_DIR, "t10k-images-idx3-ubyte.gz"));
  writeFileSync(cutGzip, gz.subarray(0, gz.length / 2));
  assertBadFile(() => readIdxImages(cutGzip), cutGzip, /is not a valid gzip file \(unexpected end of file\)/);

  const missing = join(dir, "nothing-here");
  assertBadFile(() => readIdxLabels(missing), missing, /file does not exist/);
});
