/**
 * Fault injection for issue 11 (items 1, 3, 4, 5, 7, 8, 9, 10): each test
 * feeds the bad input or the risky run a user could, and checks the project
 * answers with one clear line and leaves the committed results alone.
 * Signals (item 2) are in faults-signals.test.ts, reproducibility in
 * faults-reproducible.test.ts.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { backendMemoryLimit, WASM_HEAP_MAX_BYTES } from "../lib/backend/memory-limit";
import { checkTrainingMemory, MemoryError } from "../lib/cost/memory-guard";
import { alexnetSpec } from "../lib/models/zoo";
import { estimateLine } from "../scripts/notebook/estimate";
import { COMMITTED_PRESET, planOutputs, SCRATCH_ROOT } from "../scripts/notebook/output-plan";
import { NOTEBOOKS_DIR } from "../scripts/notebook/paths";
import { describePublished, publishInPlace } from "../scripts/notebook/publish";
import { checkNotebooks } from "../scripts/notebook/read-notebook";
import { runNotebooks } from "../scripts/notebooks";
import { jupyterEnv, JUPYTER_DATA_DIR, kernelSpecFile } from "../scripts/setup/kernel";
import { npmRun, tempDir } from "./fault-helpers";
import { repoRoot } from "../lib/repo-root";

function oneLine(stderr: string): string {
  const lines = stderr.trim().split("\n");
  assert.equal(lines.length, 1, `expected one line, got:\n${stderr}`);
  return lines[0];
}

const notebookJson = (sources: string[], metadata: Record<string, unknown> = {}) =>
  JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata,
    cells: sources.map((source) => ({ cell_type: "code", metadata: {}, execution_count: null, outputs: [], source })),
  });

describe("1. runs never silently replace the committed results", () => {
  test(`only the committed preset (${COMMITTED_PRESET}) runs in place by default; others go to out/<preset>/`, () => {
    assert.equal(planOutputs({ preset: COMMITTED_PRESET }).mode, "in-place");
    const smoke = planOutputs({ preset: "smoke" });
    assert.equal(smoke.mode, "scratch");
    assert.equal(smoke.notebooksDir, path.join(SCRATCH_ROOT, "smoke", "notebooks"));
    assert.equal(smoke.solutionsDir, path.join(SCRATCH_ROOT, "smoke", "solutions"));
    assert.equal(planOutputs({ preset: "smoke", inPlace: true }).mode, "in-place");
    assert.equal(planOutputs({ preset: COMMITTED_PRESET, scratch: true }).mode, "scratch");
    // out/ is git-ignored, so a scratch run changes nothing git tracks.
    assert.match(readFileSync(path.join(repoRoot(), ".gitignore"), "utf8"), /^\/out\/$/m);
  });

  test("a bf16 run never replaces the committed fp32 results", () => {
    const bf16 = planOutputs({ preset: COMMITTED_PRESET, precision: "bf16" });
    assert.equal(bf16.mode, "scratch");
    assert.equal(bf16.notebooksDir, path.join(SCRATCH_ROOT, COMMITTED_PRESET, "notebooks"));
    assert.match(bf16.keptBecause ?? "", /fp32 runs and stay as they are \(D2L_PRECISION=bf16\)$/);
    assert.throws(
      () => planOutputs({ preset: COMMITTED_PRESET, inPlace: true, precision: "bf16" }),
      /^UsageError: --in-place: the committed notebooks are fp32 runs and D2L_PRECISION=bf16 is set; unset it/,
    );
  });

  test("the README names the committed preset the code reads", () => {
    assert.match(
      readFileSync(path.join(repoRoot(), "README.md"), "utf8"),
      new RegExp(`committed outputs come from the \`${COMMITTED_PRESET}\` preset`),
    );
  });

  test("an in-place swap moves every file in, keeps the old ones, and says how to undo it", (t) => {
    const root = tempDir(t);
    const dirs = {
      root,
      notebooksDir: path.join(root, "notebooks"),
      solutionsDir: path.join(root, "solutions"),
      backupRoot: path.join(root, "out"),
    };
    const staged = path.join(root, "out", "smoke", "notebooks");
    const stagedSolutions = path.join(root, "out", "smoke", "solutions");
    for (const dir of [
      dirs.notebooksDir,
      path.join(dirs.solutionsDir, "a_files"),
      staged,
      path.join(stagedSolutions, "a_files"),
    ])
      mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dirs.notebooksDir, "a.ipynb"), "old notebook");
    writeFileSync(path.join(dirs.solutionsDir, "a.md"), "old markdown");
    writeFileSync(path.join(dirs.solutionsDir, "a_files", "old.png"), "old figure");
    writeFileSync(path.join(staged, "a.ipynb"), "new notebook");
    writeFileSync(path.join(stagedSolutions, "a.md"), "new markdown");
    writeFileSync(path.join(stagedSolutions, "a_files", "new.png"), "new figure");

    const published = publishInPlace([path.join(staged, "a.ipynb")], stagedSolutions, dirs);
    assert.equal(readFileSync(path.join(dirs.notebooksDir, "a.ipynb"), "utf8"), "new notebook");
    assert.equal(readFileSync(path.join(dirs.solutionsDir, "a.md"), "utf8"), "new markdown");
    assert.deepEqual(
      readdirSync(path.join(dirs.solutionsDir, "a_files")),
      ["new.png"],
      "no stale figure is left beside the new ones",
    );
    assert.equal(readFileSync(path.join(published.backupDir, "notebooks", "a.ipynb"), "utf8"), "old notebook");
    assert.equal(readFileSync(path.join(published.backupDir, "solutions", "a_files", "old.png"), "utf8"), "old figure");
    const said = describePublished(published).join("\n");
    assert.match(said, /git checkout -- notebooks solutions/);
    assert.match(said, /previous versions are in/);
  });

  test("an in-place run says up front how long it will take, from the times earlier runs recorded", (t) => {
    const dir = tempDir(t);
    writeFileSync(path.join(dir, "a.ipynb"), notebookJson([], { d2l: { preset: "cpu", seconds: 300 } }));
    writeFileSync(path.join(dir, "b.ipynb"), notebookJson([], { d2l: { preset: "cpu", seconds: 420 } }));
    writeFileSync(path.join(dir, "c.ipynb"), notebookJson([]));
    const line = estimateLine(
      ["a", "b", "c"].map((n) => path.join(dir, `${n}.ipynb`)),
      "cpu",
    );
    assert.match(line, /about 12 min for the 2 notebooks whose last cpu run recorded its time/);
    assert.match(line, /no recorded cpu time yet for c\.ipynb/);
  });

  test("a smoke run of npm run notebooks writes out/smoke/, not notebooks/", { timeout: 300_000 }, () => {
    const name = "3-why-not-alexnet.ipynb";
    const committed = readFileSync(path.join(NOTEBOOKS_DIR, name), "utf8");
    const run = npmRun("notebooks", ["3"], { D2L_PRESET: "smoke" }, 280_000);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /writing to out\/smoke\/notebooks\/; the committed results are from the cpu preset/);
    assert.equal(
      readFileSync(path.join(NOTEBOOKS_DIR, name), "utf8"),
      committed,
      "the committed notebook is untouched",
    );
    const executed = JSON.parse(readFileSync(path.join(SCRATCH_ROOT, "smoke", "notebooks", name), "utf8"));
    assert.equal(executed.metadata.d2l.preset, "smoke");
  });
});

describe("3. a bad D2L_WASM_THREADS is an error, never a silent fallback", () => {
  for (const value of ["0", "abc", "9", "64", "65"]) {
    test(`D2L_WASM_THREADS=${value}`, { timeout: 120_000 }, () => {
      const run = npmRun("train", ["--epochs", "1", "--train-limit", "1", "--val-limit", "1", "--batch", "1"], {
        D2L_WASM_THREADS: value,
        D2L_BACKEND: "",
      });
      assert.notEqual(run.status, 0, `exit 0; it trained on: ${/tfjs backend: .*/.exec(run.stderr)?.[0]}`);
      assert.match(oneLine(run.stderr), new RegExp(`^D2L_WASM_THREADS="${value}" must be an integer from 1 to 8`));
    });
  }
});

describe("4. the memory guard", () => {
  test("AlexNet at 2000×2000 is refused in one line before anything is allocated", { timeout: 60_000 }, () => {
    const started = Date.now();
    const run = npmRun("train", ["--model", "alexnet", "--size", "2000", "--batch", "1", "--train-limit", "8"]);
    assert.equal(run.status, 1);
    // Backend lines (which one loaded, which were skipped) come first; the refusal is the last line.
    const last = run.stderr.trim().split("\n").at(-1)!;
    assert.doesNotMatch(run.stderr, /epoch/, "no training started");
    assert.match(
      last,
      /^AlexNet at 2000×2000 needs 29\.9 GiB to train at batch 1 .* holds at most [\d.]+ GiB: lower --size or --batch$/,
    );
    assert.ok(Date.now() - started < 30_000, "refused before training started");
  });

  test("the limit is the wasm heap (4 GiB − 64 KiB in tfjs-backend-wasm's build) or the machine's memory", () => {
    for (const build of ["tfjs-backend-wasm.js", "tfjs-backend-wasm-simd.js", "tfjs-backend-wasm-threaded-simd.js"]) {
      const text = readFileSync(require.resolve(`@tensorflow/tfjs-backend-wasm/wasm-out/${build}`), "utf8");
      assert.equal(Number(/getHeapMax\(\)\{return (\d+)\}/.exec(text)?.[1]), WASM_HEAP_MAX_BYTES, build);
    }
    assert.ok(backendMemoryLimit("wasm", 64 * 2 ** 30).bytes < WASM_HEAP_MAX_BYTES);
    assert.equal(backendMemoryLimit("cpu", 3 * 2 ** 30).bytes, 3 * 2 ** 30);
    assert.equal(
      backendMemoryLimit("wasm", 2 ** 30).bytes,
      2 ** 30,
      "a machine with less free memory than the heap bounds wasm too",
    );
  });

  test("a run that fits passes; one that does not throws MemoryError naming the numbers", () => {
    const spec = alexnetSpec({ size: 224 });
    const limit = { bytes: 2 ** 30, what: "a 1 GiB test limit" };
    assert.ok(checkTrainingMemory(spec, { batch: 8, limit }).total < 2 ** 30);
    assert.throws(
      () => checkTrainingMemory(spec, { batch: 512, limit }),
      (error: Error) => {
        assert.ok(error instanceof MemoryError);
        assert.match(
          error.message,
          /^AlexNet at 224×224 needs [\d.]+ GiB to train at batch 512 .* but a 1 GiB test limit holds at most 1\.0 GiB: lower the input size or the batch size$/,
        );
        return true;
      },
    );
  });
});

describe("5. a broken notebook is named before anything is touched", () => {
  for (const [what, text, message] of [
    [
      "invalid JSON",
      '{"nbformat": 4,\n "cells": ["x',
      /broken\.ipynb: not valid JSON: Unterminated string at line 2, column 14; fix it; nothing was run or written$/,
    ],
    ["a cut-off file", '{"cells": [', /broken\.ipynb: not valid JSON: Unexpected end of JSON input/],
    ["{}", "{}", /broken\.ipynb: not a Jupyter notebook: no "nbformat" field/],
    [
      "a cell without source",
      JSON.stringify({ nbformat: 4, metadata: {}, cells: [{ cell_type: "code" }] }),
      /broken\.ipynb: not a Jupyter notebook: cell 0 has no "source" text/,
    ],
  ] as const) {
    test(`${what}: npm run markdown names the file and writes nothing`, { timeout: 60_000 }, (t) => {
      const from = tempDir(t);
      const out = path.join(from, "md");
      writeFileSync(path.join(from, "a-good.ipynb"), notebookJson(["1"]));
      writeFileSync(path.join(from, "broken.ipynb"), text);
      const run = npmRun("markdown", ["--from", from, "--out", out]);
      assert.equal(run.status, 1);
      assert.match(oneLine(run.stderr), message);
      assert.ok(!existsSync(out), "no export was written, not even the good notebook's");
    });
  }

  test("npm run notebooks checks every selected notebook before running one", async (t) => {
    const dir = tempDir(t);
    const out = path.join(dir, "executed");
    writeFileSync(path.join(dir, "1-good.ipynb"), notebookJson(["1"]));
    writeFileSync(path.join(dir, "2-broken.ipynb"), "{}");
    await assert.rejects(
      runNotebooks({ dir, plan: planOutputs({ preset: "smoke", out }), log: () => {} }),
      /2-broken\.ipynb: not a Jupyter notebook/,
    );
    assert.ok(!existsSync(out));
    // Every broken notebook is named (faults-output.test.ts, issue 18), not "(and 1 more)".
    writeFileSync(path.join(dir, "3-broken.ipynb"), "[]");
    assert.throws(
      () => checkNotebooks([path.join(dir, "2-broken.ipynb"), path.join(dir, "3-broken.ipynb")]),
      /2-broken\.ipynb: .*; .*3-broken\.ipynb: .*; nothing was run or written$/,
    );
  });
});

describe("7. the kernel spec belongs to this checkout", () => {
  test("set-up wrote it under the repo's .jupyter/, pointing at this repo's tslab, and jupyter sees it first", () => {
    const spec = JSON.parse(readFileSync(kernelSpecFile(), "utf8")) as { argv: string[] };
    assert.equal(spec.argv[0], path.join(repoRoot(), "node_modules", ".bin", "tslab"));
    assert.ok(kernelSpecFile().startsWith(JUPYTER_DATA_DIR));
    assert.equal(
      jupyterEnv({ JUPYTER_PATH: "/elsewhere" }).JUPYTER_PATH,
      `${JUPYTER_DATA_DIR}${path.delimiter}/elsewhere`,
    );
    const paths = npmRunJupyterPaths();
    assert.equal(paths[0], JUPYTER_DATA_DIR);
  });
});

function npmRunJupyterPaths(): string[] {
  const run = spawnSync("jupyter", ["--paths", "--json"], { encoding: "utf8", env: jupyterEnv() });
  assert.equal(run.status, 0, run.stderr);
  return (JSON.parse(run.stdout) as { data: string[] }).data;
}

describe("8. flags", () => {
  for (const [script, args, message] of [
    ["train", ["--epochs", "-1"], /^--epochs must be a positive integer, got "-1" \(see --help\)$/],
    ["notebooks", ["--timeout", "-5"], /^--timeout must be a positive integer, got "-5" \(see --help\)$/],
    ["train", ["--preset", "bogus"], /^--preset must be one of smoke, cpu, full, got "bogus" \(see --help\)$/],
    ["notebooks", ["--out", "README.md"], /^--out README\.md is a file; give a folder/],
    ["markdown", ["--from", "/nonexistent-d2l"], /^--from \/nonexistent-d2l: no such folder/],
  ] as const) {
    test(`npm run ${script} -- ${args.join(" ")}: usage error (status 2), before any build`, {
      timeout: 60_000,
    }, () => {
      const run = npmRun(script, [...args]);
      assert.equal(run.status, 2, run.stderr);
      assert.match(oneLine(run.stderr), message);
      assert.doesNotMatch(run.stdout, /lib built/);
    });
  }
});

describe("9. counts past 2^53", () => {
  test("units: 1e300 is refused naming the layer and field", (t) => {
    const file = path.join(tempDir(t), "huge.json");
    writeFileSync(
      file,
      JSON.stringify({ input: [1, 28, 28], layers: [{ type: "flatten" }, { type: "dense", units: 1e300 }] }),
    );
    const run = npmRun("cost", ["--spec", file]);
    assert.equal(run.status, 1);
    assert.match(
      oneLine(run.stderr),
      /huge\.json: layer 1 \(dense\): "units" must be a positive integer up to 9007199254740991, got 1e\+300$/,
    );
  });

  test("a total past 2^53 is refused, not printed as if exact", (t) => {
    const file = path.join(tempDir(t), "wide.json");
    writeFileSync(
      file,
      JSON.stringify({
        input: [1, 28, 28],
        layers: [{ type: "flatten" }, { type: "dense", units: 9_007_199_254_740 }],
      }),
    );
    const run = npmRun("cost", ["--spec", file, "--json"]);
    assert.equal(run.status, 1);
    assert.match(
      oneLine(run.stderr),
      /wide\.json: network at batch 1: training FLOPs is 2\.831e\+16, past 9,007,199,254,740,991 \(2\^53 − 1\)/,
    );
    assert.equal(run.stdout.trim(), "", "no table with Infinity or NaN");
  });
});

describe("10. noise", () => {
  test("the cpu backend does not print tfjs's 'Hi, looks like you are running TensorFlow.js in Node.js' banner", {
    timeout: 120_000,
  }, () => {
    const run = npmRun("train", ["--epochs", "1", "--train-limit", "1", "--val-limit", "1", "--batch", "1"], {
      D2L_BACKEND: "cpu",
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /tfjs backend: cpu/);
    assert.doesNotMatch(run.stdout + run.stderr, /looks like you are running TensorFlow\.js in Node\.js/);
  });
});
