import assert from "node:assert/strict";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  DataFileError,
  FASHION_MNIST_DIR_ENV,
  defaultRepoDataDir,
  loadFashionMnist,
  locateFashionMnist,
} from "../lib/data";
import { libRoot, repoRoot } from "../lib/repo-root";
import {
  FIRST_TRAIN_LABELS,
  FIXTURE_DIR,
  FIXTURE_TRAIN,
  FIXTURE_VAL,
  copyFixture,
  fixtureBytes,
  tempDir,
  writeGz,
} from "./data-helpers";

const quiet = () => {};
const nowhere = "/nonexistent/d2l-data-test";

test("the repository's data directory is data/fashion-mnist at the repo root", () => {
  assert.equal(defaultRepoDataDir(), join(__dirname, "..", "data", "fashion-mnist"));
  assert.equal(repoRoot(), join(__dirname, ".."));
  assert.equal(libRoot(), join(__dirname, "..", "lib"));
  assert.equal(libRoot(join(__dirname, "..", "lib", "dist", "data")), join(__dirname, "..", "lib"));
});

test("the env variable's directory comes first and is used as is", async () => {
  const env = { [FASHION_MNIST_DIR_ENV]: FIXTURE_DIR };
  const located = locateFashionMnist({ env, repoDataDir: nowhere });
  assert.equal(located?.origin, "env");
  assert.equal(located?.paths.trainImages, join(FIXTURE_DIR, "train-images-idx3-ubyte.gz"));
  const data = await loadFashionMnist({ env, log: quiet });
  assert.equal(data.train.count, FIXTURE_TRAIN);
  assert.equal(data.val.count, FIXTURE_VAL);
  assert.deepEqual(Array.from(data.train.labels.subarray(0, 20)), FIRST_TRAIN_LABELS);
});

test("an env variable naming a missing directory, or one lacking files, is an error naming it", (t) => {
  assert.throws(
    () => locateFashionMnist({ env: { [FASHION_MNIST_DIR_ENV]: nowhere } }),
    new RegExp(
      `^Error: ${FASHION_MNIST_DIR_ENV} is ${nowhere}, which is not a directory; .*unset ${FASHION_MNIST_DIR_ENV}$`,
    ),
  );
  const dir = tempDir(t);
  copyFixture(dir);
  rmSync(join(dir, "t10k-labels-idx1-ubyte.gz"));
  assert.throws(
    () => locateFashionMnist({ env: { [FASHION_MNIST_DIR_ENV]: dir } }),
    new RegExp(
      `^Error: ${FASHION_MNIST_DIR_ENV} is ${dir}, which lacks t10k-labels-idx1-ubyte\\(\\.gz\\); put the Fashion-MNIST files there`,
    ),
  );
});

test("then data/fashion-mnist, then Debian's directory; plain files count too", (t) => {
  const repo = tempDir(t);
  const debian = tempDir(t);
  copyFixture(debian);
  assert.equal(locateFashionMnist({ env: {}, repoDataDir: repo, debianDir: debian })?.origin, "debian");
  copyFixture(repo, "plain");
  const located = locateFashionMnist({ env: {}, repoDataDir: repo, debianDir: debian });
  assert.equal(located?.origin, "repo");
  assert.equal(located?.paths.valLabels, join(repo, "t10k-labels-idx1-ubyte"));
  assert.equal(locateFashionMnist({ env: {}, repoDataDir: nowhere, debianDir: nowhere }), undefined);
});

test("Debian's package layout is what this machine has, when installed", {
  skip: !existsSync("/usr/share/datasets/fashion-mnist") && "dataset-fashion-mnist not installed",
}, () => {
  const located = locateFashionMnist({ env: {}, repoDataDir: nowhere });
  assert.equal(located?.origin, "debian");
  assert.equal(located?.paths.trainImages, "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
});

test("images and labels of different lengths are an error naming both files and what to do", async (t) => {
  const dir = tempDir(t);
  copyFixture(dir);
  const labels = fixtureBytes("train-labels-idx1-ubyte");
  labels.writeUInt32BE(FIXTURE_TRAIN - 1, 4);
  writeGz(dir, "train-labels-idx1-ubyte", labels.subarray(0, labels.length - 1));
  await assert.rejects(loadFashionMnist({ dir, log: quiet }), (error: unknown) => {
    assert.ok(error instanceof DataFileError);
    assert.equal(
      error.message,
      `${join(dir, "train-images-idx3-ubyte.gz")}: holds 2000 images but ${join(dir, "train-labels-idx1-ubyte.gz")} holds 1999 labels; ` +
        "the two files do not belong together; replace it with an intact copy or pass another directory",
    );
    return true;
  });
});

test("a broken file in data/fashion-mnist says to delete it; in Debian's directory, to reinstall the package", async (t) => {
  for (const [where, advice] of [
    ["repo", /; delete it and run `npm run setup`/],
    ["debian", /; reinstall Debian's package \(apt-get install --reinstall dataset-fashion-mnist\)$/],
  ] as const) {
    const dir = tempDir(t);
    copyFixture(dir);
    writeFileSync(join(dir, "t10k-images-idx3-ubyte.gz"), "not a data set");
    const options =
      where === "repo" ? { repoDataDir: dir, debianDir: nowhere } : { repoDataDir: nowhere, debianDir: dir };
    await assert.rejects(loadFashionMnist({ ...options, env: {}, download: false, log: quiet }), advice);
  }
});

test("nothing found and downloading off: says where to put the files", async () => {
  await assert.rejects(
    loadFashionMnist({ env: {}, repoDataDir: nowhere, debianDir: nowhere, download: false, log: quiet }),
    /^Error: Fashion-MNIST is in neither .* and downloading is off: put the four files in \/nonexistent\/d2l-data-test, set D2L_FASHION_MNIST_DIR/,
  );
});

test("a data set smaller than the published one loads, with a one-line note saying so", async (t) => {
  const dir = tempDir(t);
  copyFixture(dir);
  const lines: string[] = [];
  await loadFashionMnist({ dir, log: (line) => lines.push(line) });
  assert.deepEqual(lines, [`note: ${dir} holds 2000 training and 1000 test images, not the published 60000 and 10000`]);
});
