/**
 * `npm run bench`'s report: the headline ratio is ours at the default
 * threads over PyTorch at its defaults, the 1-thread ratio stands beside it,
 * scaling lists every thread count with its gain, and the step's share of
 * the cores' FMA peak uses every thread's peak. Also the lane split of
 * `npm run notebooks -- --lanes N`, and PyTorch's environment at its defaults
 * and pinned.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { torchEnvironment } from "../scripts/bench-torch";
import { benchReport } from "../scripts/bench/report";
import { headlineTable, precisionTable, scalingTable } from "../scripts/bench/tables";
import { laneEnv, laneThreads, inLanes } from "../scripts/notebook/lanes";

const measurements = {
  backend: "native",
  defaultThreads: 2,
  ours: { "1": { lenet: 12000, alexnet: 30 }, "2": { lenet: 13200, alexnet: 57 } },
  torch: {
    default: { lenet: 9000, alexnet: 25 },
    "1": { lenet: 6000, alexnet: 15 },
    "2": { lenet: 9100, alexnet: 26 },
  },
  fmaGflops: 200,
  flopsPerImage: { lenet: 2e6, alexnet: 5.6e9 },
};

describe("bench report", () => {
  const report = benchReport(measurements);

  it("heads with ours at the default threads against PyTorch at its defaults", () => {
    assert.equal(report.threads, 2);
    assert.equal(report.alexnet, 57);
    assert.deepEqual(report.vs_torch, { lenet: 1.467, alexnet: 2.28 });
  });

  it("puts both at one thread beside it", () => {
    assert.deepEqual(report.vs_torch_1_thread, { lenet: 2, alexnet: 2 });
  });

  it("lists scaling from 1 thread to every core, with the gain, for both", () => {
    assert.deepEqual(report.scaling.ours.alexnet, { "1": 30, "2": 57, gain: 1.9 });
    assert.deepEqual(report.scaling.torch?.lenet, { "1": 6000, "2": 9100, gain: 1.52 });
    assert.equal(report.scaling.torch?.default, undefined, "PyTorch's default is not a thread count");
  });

  it("judges the whole step against every thread's FMA peak", () => {
    assert.equal(report.gflops.alexnet, 319.2);
    assert.equal(report.of_fma_peak?.alexnet, 0.798);
  });

  it("leaves the PyTorch fields out without --torch", () => {
    const alone = benchReport({ ...measurements, torch: undefined });
    assert.equal(alone.vs_torch, undefined);
    assert.deepEqual(Object.keys(alone.scaling), ["ours"]);
  });

  it("sets bf16 at the default threads against fp32 and PyTorch's defaults, and only with --bf16", () => {
    const bf16 = { "1": { lenet: 12600, alexnet: 45 }, "2": { lenet: 13200, alexnet: 85.5 } };
    const halved = benchReport({ ...measurements, bf16 });
    assert.deepEqual(halved.bf16_vs_fp32, { lenet: 1, alexnet: 1.5 });
    assert.deepEqual(halved.bf16_vs_torch, { lenet: 1.467, alexnet: 3.42 });
    assert.equal(report.bf16, undefined);
    assert.equal(report.bf16_vs_fp32, undefined);
    const lines = precisionTable(halved).split("\n");
    assert.match(lines[0], /\| fp32, 1 thread \| bf16, 1 thread \| bf16 \/ fp32 \| fp32, 2 threads \|/);
    assert.match(lines[0], /\| bf16 \(2 threads\) \/ PyTorch, default \|$/);
    assert.equal(lines[3], "| alexnet | 30.0 | 45.0 | 1.50× | 57.0 | 85.5 | 1.50× | 3.42× |");
  });
});

describe("bench tables", () => {
  const report = { ...benchReport(measurements), torch_default_threads: 1 };

  it("head with ours and PyTorch at their defaults, then at equal thread counts", () => {
    const lines = headlineTable(report).split("\n");
    assert.match(lines[0], /\| ours, default \(2 threads\) \| PyTorch, default \(1 thread\) \| ours \/ PyTorch \|/);
    assert.match(lines[0], /\| ours \/ PyTorch, 1 thread each \| ours \/ PyTorch, 2 threads each \|$/);
    assert.equal(lines[2], "| lenet | 13,200 | 9,000 | 1.47× | 2.00× | 1.45× |");
  });

  it("list every thread count and the gain, ours then PyTorch's", () => {
    const lines = scalingTable(report).split("\n");
    assert.match(lines[0], /ours 1 thread \| ours 2 threads \| ours gain \| PyTorch 1 thread/);
    assert.equal(lines[3], "| alexnet | 30.0 | 57.0 | 1.90× | 15.0 | 26.0 | 1.73× |");
  });
});

describe("notebook lanes", () => {
  it("split the cores between lanes", () => {
    assert.equal(laneThreads(2, 1), 2);
    assert.equal(laneThreads(2, 2), 1);
    assert.equal(laneThreads(8, 3), 2);
    assert.deepEqual(laneEnv(1, 2, {}), { D2L_NATIVE_THREADS: "1" });
    assert.deepEqual(laneEnv(2, 1, {}), {}, "one lane leaves the user's settings alone");
  });

  it("refuse more lanes than cores, or a lane count that is not a positive integer", () => {
    assert.throws(
      () => laneThreads(2, 3),
      /^UsageError: --lanes 3: more lanes than the 2 usable cores; use --lanes 2 or fewer$/,
    );
    assert.throws(() => laneThreads(2, 0), /--lanes must be a positive integer/);
  });

  it("run at most N at a time and every item once", async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await inLanes([1, 2, 3, 4, 5], 2, async (item) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5 * item));
      done.push(item);
      running--;
    });
    assert.equal(most, 2);
    assert.deepEqual([...done].sort(), [1, 2, 3, 4, 5]);
  });
});

describe("PyTorch's environment", () => {
  it("is the user's, untouched, at its defaults", () => {
    const user = { PATH: "/usr/bin", OMP_WAIT_POLICY: "ACTIVE" };
    assert.equal(torchEnvironment(undefined, user), user);
  });

  it("caps its own threads and its BLAS pool at a pinned count", () => {
    assert.deepEqual(torchEnvironment(1, { PATH: "/usr/bin", OPENBLAS_NUM_THREADS: "8" }), {
      PATH: "/usr/bin",
      OMP_NUM_THREADS: "1",
      OPENBLAS_NUM_THREADS: "1",
    });
  });
});
