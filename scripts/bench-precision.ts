/**
 * What D2L_PRECISION=bf16 costs in accuracy and buys in speed on the recipes
 * notebook 4 trains: AlexNet@68 and d2l's LeNet on the same 5,000 training
 * images, Adam 1e-3, batch 128, 20 epochs, validated on 2,000 test images and
 * tested on all 10,000 at the end — each seed in fp32 and then in bf16, in one
 * process on the native backend (seeded runs: the fp32 rows repeat notebook
 * 4's). Prints the endpoints table, each model's bf16 − fp32 differences with
 * their verdicts, and with --json one JSON object on the last line.
 *   npx tsx scripts/bench-precision.ts [--seeds 3] [--epochs 20] [--models alexnet68,lenet] [--json]
 */
import { initBackend } from "../lib/backend";
import { PRECISIONS, prepareNativeBackend } from "../lib/backend/native";
import { counted, formatPercent, signedPoints } from "../lib/format";
import { alexnetSpec, lenetSpec } from "../lib/models/zoo";
import type { NetworkSpec } from "../lib/models/spec";
import { difference, endpoints, endpointsTable, type Run, summarizeRun, trainRun } from "../lib/runs";
import { silentProgress } from "../lib/train/progress";
import { parseFlags, positiveInt, runCli, UsageError } from "./cli/args";

const MODELS: Record<string, () => NetworkSpec> = {
  alexnet68: () => alexnetSpec({ size: 68 }),
  lenet: () => lenetSpec(),
};

const USAGE = `usage: npx tsx scripts/bench-precision.ts [--seeds 3] [--epochs 20] [--models ${Object.keys(MODELS).join(",")}] [--json]`;

const progress = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const { values } = parseFlags({
    options: {
      seeds: { type: "string" },
      epochs: { type: "string" },
      models: { type: "string", default: Object.keys(MODELS).join(",") },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const seeds = Array.from({ length: positiveInt("seeds", values.seeds, 3) }, (_, i) => i);
  const epochs = positiveInt("epochs", values.epochs, 20);
  const models = values.models!.split(",").map((m) => m.trim());
  const unknown = models.find((m) => !(m in MODELS));
  if (unknown) throw new UsageError(`--models: "${unknown}" is not one of ${Object.keys(MODELS).join(", ")}`);

  const backend = await initBackend({ log: progress });
  if (backend.name !== "native") {
    throw new UsageError(`bf16 needs the native backend, and this run got ${backend.name} (npm run setup builds it)`);
  }
  const subset = (n: number) => ({ random: n, seed: 1 });
  const data = { batchSize: 128, trainSubset: subset(5000), valSubset: subset(2000) };
  const runs: Record<string, Run[]> = {};
  for (const seed of seeds) {
    for (const model of models) {
      for (const precision of PRECISIONS) {
        // Throws a one-line EnvError on a CPU without avx512_bf16.
        await prepareNativeBackend({ precision });
        const label = `${model} ${precision}`;
        const started = performance.now();
        const run = await trainRun({
          spec: MODELS[model](),
          data,
          epochs,
          optimizer: "adam",
          lr: 1e-3,
          seed,
          label,
          testAtEnd: true,
          progress: silentProgress,
        });
        const last = run.history.at(-1)!;
        const seconds = (performance.now() - started) / 1000;
        progress(
          `${label}, seed ${seed}: val ${formatPercent(last.valAccuracy)}, test ${formatPercent(run.test?.accuracy ?? Number.NaN)}, ` +
            `${Math.round(summarizeRun(run).imagesPerSecond)} img/s (${seconds.toFixed(0)} s)`,
        );
        runs[label] = [...(runs[label] ?? []), run];
      }
    }
  }
  await prepareNativeBackend({ precision: "fp32" });

  const ends = Object.entries(runs).map(([label, r]) => endpoints({ label, runs: r }));
  console.log(`${counted(seeds.length, "seed")}, ${counted(epochs, "epoch")}, ${backend.threads} threads`);
  console.log(endpointsTable(ends));
  const verdicts: Record<string, Record<string, number | boolean>> = {};
  for (const model of models) {
    const [full, half] = PRECISIONS.map((p) => ends.find((e) => e.label === `${model} ${p}`)!);
    const lastK = difference(half.lastK, full.lastK);
    const test = difference(half.test!, full.test!);
    const speed = half.imagesPerSecond.mean / full.imagesPerSecond.mean;
    const verdict = (d: typeof lastK) => `${signedPoints(d.delta)} (${d.resolved ? "resolved" : "unresolved"})`;
    console.log(
      `${model}: bf16 − fp32 on the last ${full.k} epochs ${verdict(lastK)}, on the test split ${verdict(test)}; ` +
        `bf16 trains at ${speed.toFixed(2)}× the fp32 images/s`,
    );
    verdicts[model] = {
      last_k_delta: lastK.delta,
      last_k_resolved: lastK.resolved,
      test_delta: test.delta,
      test_resolved: test.resolved,
      speed_ratio: Number(speed.toFixed(3)),
    };
  }
  if (values.json) {
    const spreads = Object.fromEntries(
      ends.map((e) => [
        e.label,
        { last_k: e.lastK.values, test: e.test?.values, images_per_second: e.imagesPerSecond.values },
      ]),
    );
    console.log(
      JSON.stringify({ seeds: seeds.length, epochs, threads: backend.threads, runs: spreads, bf16_vs_fp32: verdicts }),
    );
  }
}

runCli(main);
