/** scripts/cost.ts run as a child process, the way `npm run cost` runs it. */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { lenetSpec } from "../lib/models/zoo";
import { repoRoot } from "../lib/repo-root";

const ROOT = repoRoot();
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cost(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(TSX, ["scripts/cost.ts", ...args], { cwd: ROOT, maxBuffer: 64 * 2 ** 20 }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON, whose shape the assertions check
const lastJson = (run: Run): Record<string, any> => JSON.parse(run.stdout.trimEnd().split("\n").at(-1)!);

const dir = mkdtempSync(join(tmpdir(), "cost-cli-"));
const goodSpec = join(dir, "lenet.json");
const badSpec = join(dir, "bad.json");
const badInit = join(dir, "bad-init.json");
const runs: Record<string, Run> = {};

before(async () => {
  writeFileSync(goodSpec, JSON.stringify(lenetSpec()));
  const bad = lenetSpec() as unknown as { layers: Record<string, unknown>[] };
  bad.layers[3] = { type: "conv2d", filters: 16, kernel: 5, strides: 2 };
  writeFileSync(badSpec, JSON.stringify(bad));
  writeFileSync(badInit, JSON.stringify({ ...lenetSpec(), init: "he" }));
  const cases: Record<string, string[]> = {
    alexnet: ["--model", "alexnet", "--input", "3,224,224", "--device", "v100", "--json"],
    table: ["--model", "alexnet"],
    spec: ["--spec", goodSpec, "--batch", "2", "--dtype", "fp16", "--json"],
    badSpec: ["--spec", badSpec],
    badInit: ["--spec", badInit],
    missing: ["--spec", join(dir, "nope.json")],
    badBatch: ["--batch", "0"],
    unknownFlag: ["--model", "lenet", "--bogus"],
    tooSmall: ["--model", "alexnet", "--input", "1,64,64"],
    help: ["--help"],
  };
  // Concurrently: each run is mostly tsx starting up.
  await Promise.all(Object.entries(cases).map(async ([name, args]) => (runs[name] = await cost(args))));
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe("cost CLI", () => {
  test("--json: the last line is one object with the counts (3×224² AlexNet)", () => {
    const run = runs.alexnet;
    assert.equal(run.code, 0, run.stderr);
    const json = lastJson(run);
    assert.equal(json.params, 46_787_978);
    assert.equal(json.flops, 2_011_781_376);
    assert.equal(json.macs, 1_005_890_688);
    assert.equal(json.layers.length, 21);
    assert.deepEqual(json.layers[0].outputShape, [96, 54, 54]);
    assert.deepEqual(Object.keys(json.layers[0]).slice(0, 4), ["index", "type", "name", "group"]);
    for (const key of [
      "params",
      "macs",
      "flops",
      "biasFlops",
      "otherFlops",
      "bytesRead",
      "bytesWritten",
      "intensity",
      "backward",
    ]) {
      assert.ok(key in json.layers[0], key);
    }
    assert.equal(json.torchsummary.forwardBackwardMB.toFixed(2), "10.22");
    assert.equal(json.memory.training.dominant, "weights");
    assert.equal(json.roofline.device.name, "NVIDIA Tesla V100 SXM2");
    assert.deepEqual(
      json.roofline.reports.map((r: { mode: string; batch: number }) => `${r.mode}@${r.batch}`),
      ["inference@1", "inference@128", "training@1", "training@128"],
    );
  });

  test("the default output is the table with torchsummary's footer", () => {
    const run = runs.table;
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^AlexNet: input \[1, 224, 224\], batch 1, fp32/);
    assert.match(run.stdout, /\nTotal params: 46,764,746 /);
    assert.match(run.stdout, /\nEstimated Total Size \(MB\): \d+\.\d\d\n/);
    assert.match(run.stdout, /training activations outweigh .* from batch \d+ on/);
  });

  test("--spec FILE.json with --batch and --dtype", () => {
    const run = runs.spec;
    assert.equal(run.code, 0, run.stderr);
    const json = lastJson(run);
    assert.equal(json.params, 61_706);
    assert.equal(json.batch, 2);
    assert.equal(json.flops, 2 * 833_040);
    assert.equal(json.bytesPerElement, 2);
  });

  test("a spec file's init is read (a zoo spec written as JSON reads back) and a bad one is named", () => {
    const run = runs.badInit;
    assert.equal(run.code, 1);
    assert.equal(run.stderr.trim(), `${badInit}: spec "init" must be "xavier" or "torch", got "he"`);
  });

  test("a malformed spec: one line naming the file, layer index and field; exit 1", () => {
    const run = runs.badSpec;
    assert.equal(run.code, 1);
    assert.equal(run.stdout, "");
    assert.equal(
      run.stderr.trimEnd(),
      `${badSpec}: layer 3 (conv2d): unknown field "strides"; expected type, filters, kernel, stride, padding`,
    );
    assert.equal(runs.missing.code, 1);
    assert.equal(runs.missing.stderr.trimEnd(), `${join(dir, "nope.json")}: cannot read it (ENOENT)`);
  });

  test("an input too small for the model names the flag and the layer", () => {
    assert.equal(runs.tooSmall.code, 1);
    assert.match(
      runs.tooSmall.stderr.trimEnd(),
      /^--input 1,64,64: layer 12 \(maxpool2d\): kernel 3 is larger than its padded input 2×2[^\n]*$/,
    );
  });

  test("bad flags: one line naming the flag, exit 2", () => {
    assert.equal(runs.badBatch.code, 2);
    assert.equal(runs.badBatch.stderr.trimEnd(), '--batch must be a positive integer, got "0" (see --help)');
    assert.equal(runs.unknownFlag.code, 2);
    assert.match(runs.unknownFlag.stderr.trimEnd(), /^Unknown option '--bogus'[^\n]*\(see --help\)$/);
  });

  test("--help", () => {
    assert.equal(runs.help.code, 0);
    assert.match(runs.help.stdout, /^Usage: npm run cost -- \[--model NAME \| --spec FILE\.json\]/);
    assert.match(runs.help.stdout, /--probe/);
  });
});
