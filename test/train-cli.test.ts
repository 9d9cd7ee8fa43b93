import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, test } from "node:test";
import { repoRoot } from "../lib/repo-root";

const ROOT = repoRoot();
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

function train(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(TSX, ["scripts/train.ts", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, ...env },
    timeout: 240_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run train", () => {
  test("LeNet with ReLU and max-pooling reaches 60% on the real test set after 3 epochs on 10,000 real images", () => {
    const run = train([
      "--model",
      "lenet-relu",
      "--epochs",
      "3",
      "--lr",
      "0.1",
      "--batch",
      "128",
      "--init",
      "xavier",
      "--train-limit",
      "10000",
      "--val-limit",
      "10000",
      "--json",
    ]);
    assert.equal(run.status, 0, run.stderr.slice(-2000));
    const result = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
    assert.equal(result.data.trainSize, 10_000);
    assert.equal(result.data.valSize, 10_000);
    assert.equal(result.history.length, 3);
    const accuracy = result.history[2].valAccuracy;
    assert.ok(accuracy >= 0.6, `validation accuracy after 3 epochs: ${accuracy}`);
    assert.match(run.stderr, /epoch 3\/3: train loss/);
  });

  const bad: [string[], RegExp][] = [
    [["--epochs", "0"], /^--epochs must be a positive integer, got "0" \(see --help\)$/],
    [["--model", "resnet"], /^--model must be one of alexnet, lenet, lenet-relu, got "resnet" \(see --help\)$/],
    [["--preset", "gpu"], /^--preset must be one of smoke, cpu, full, got "gpu" \(see --help\)$/],
    [["--lr", "fast"], /^--lr must be a positive number, got "fast" \(see --help\)$/],
    [["--size", "20"], /^--size must be at least 28/],
    [["--bogus"], /Unknown option '--bogus'/],
  ];
  for (const [args, message] of bad) {
    test(`rejects ${args.join(" ")} with one line`, () => {
      const run = train(args);
      assert.notEqual(run.status, 0);
      const lines = run.stderr.trim().split("\n");
      assert.equal(lines.length, 1, run.stderr);
      assert.match(lines[0], message);
    });
  }

  test("an unknown D2L_PRESET is refused", () => {
    const run = train(["--epochs", "1"], { D2L_PRESET: "huge" });
    assert.notEqual(run.status, 0);
    assert.equal(run.status, 2);
    assert.match(run.stderr.trim(), /^D2L_PRESET="huge" is not one of smoke, cpu, full; use one of them or unset it$/);
  });

  test("--help describes every option", () => {
    const run = train(["--help"]);
    assert.equal(run.status, 0);
    for (const flag of [
      "--model",
      "--preset",
      "--epochs",
      "--lr",
      "--batch",
      "--train-limit",
      "--val-limit",
      "--size",
      "--init",
      "--optimizer",
      "--seed",
      "--json",
    ]) {
      assert.ok(run.stdout.includes(flag), flag);
    }
  });
});
