/**
 * Writes test/fixtures/fashion-mnist-small: the first 2,000 training and the
 * first 1,000 test images and labels of the real Fashion-MNIST files, as
 * gzipped IDX files, so tests run on real data without the 30 MB download.
 *
 *   npx tsx scripts/make-fixture.ts [source-dir]
 *
 * The source is a directory with the four files (default: wherever
 * lib/data finds them). The output is byte-for-byte reproducible: gzip
 * level 9 with no timestamp or name in its header.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { encodeIdx } from "../lib/data/idx";
import { readFashionMnist, type RawSplit } from "../lib/data/load";
import { locateFashionMnist } from "../lib/data/locate";
import { repoRoot } from "../lib/repo-root";

export const FIXTURE_DIR = join(repoRoot(), "test", "fixtures", "fashion-mnist-small");
export const FIXTURE_COUNTS = { train: 2000, val: 1000 };

function firstItems(split: RawSplit, count: number): RawSplit {
  if (split.count < count) throw new Error(`the source has only ${split.count} images, the fixture takes ${count}`);
  return { count, images: split.images.subarray(0, count * 28 * 28), labels: split.labels.subarray(0, count) };
}

function main(): void {
  const located = locateFashionMnist(process.argv[2] ? { dir: process.argv[2] } : {});
  if (!located) throw new Error("no Fashion-MNIST files found; run `npm run setup` or pass their directory");
  const raw = readFashionMnist(located);
  mkdirSync(FIXTURE_DIR, { recursive: true });
  const parts: [string, RawSplit][] = [
    ["train", firstItems(raw.train, FIXTURE_COUNTS.train)],
    ["t10k", firstItems(raw.val, FIXTURE_COUNTS.val)],
  ];
  for (const [prefix, split] of parts) {
    const files: [string, Buffer][] = [
      [`${prefix}-images-idx3-ubyte.gz`, encodeIdx({ pixels: split.images, count: split.count })],
      [`${prefix}-labels-idx1-ubyte.gz`, encodeIdx({ labels: split.labels, count: split.count })],
    ];
    for (const [name, bytes] of files) {
      const gz = gzipSync(bytes, { level: 9, memLevel: 9 });
      writeFileSync(join(FIXTURE_DIR, name), gz);
      console.log(`${join(FIXTURE_DIR, name)}: ${split.count} items, ${gz.length} bytes`);
    }
  }
  console.log(`from ${located.dir}`);
}

main();
