/**
 * The cost CLI: parameters, MACs/FLOPs, memory and (optionally) a roofline for a zoo
 * model or a layer-spec JSON file. `npm run cost -- --help` for usage.
 * With --json the last line printed is one JSON object; errors are one line, exit code
 * 2 for bad flags and 1 for a bad spec or file.
 */
import { readFileSync } from "node:fs";
import {
  activationCrossoverBatch,
  chipTradeoff,
  countCosts,
  DEVICE_NAMES,
  DEVICES,
  describeDevice,
  DTYPES,
  formatChipTradeoff,
  formatCostTable,
  formatMemory,
  formatRooflineSummary,
  formatRooflineTable,
  inferenceMemory,
  isDeviceName,
  OPTIMIZER_STATE_SLOTS,
  rooflineReport,
  torchsummaryFigures,
  trainingMemory,
  workItems,
  type Device,
  type DType,
  type RooflineMode,
} from "../lib/cost";
import { parseSpec, type NetworkSpec } from "../lib/models/spec";
import { probeDevice } from "../lib/profile/probe";
import type { OptimizerName } from "../lib/optimizer-names";
import { MODEL_NAMES, specByName } from "../lib/models/zoo";
import { oneOf, parseFlags, positiveInt, runCli, UsageError } from "./cli/args";

const OPTIMIZERS = Object.keys(OPTIMIZER_STATE_SLOTS) as OptimizerName[];

const HELP = `Usage: npm run cost -- [--model NAME | --spec FILE.json] [options]

Counts parameters, multiply-accumulates, FLOPs, bytes moved and memory per layer
of a network, from the same layer spec the model builder uses.

  --model NAME      ${MODEL_NAMES.join(" | ")} (default alexnet)
  --spec FILE.json  a layer spec: {"name"?, "input": [C, H, W], "layers": [{"type": ...}, ...]}
                    layer types: conv2d {filters, kernel, stride?, padding?},
                    maxpool2d / avgpool2d {kernel, stride? (= kernel), padding?},
                    relu, sigmoid, dropout {rate}, flatten, dense {units}
  --input C,H,W     network input, channels first (default: the model's or the file's)
  --batch N         batch size every count is for (default 1)
  --dtype T         ${DTYPES.join(" | ")} (default fp32): bytes per element of every tensor
  --optimizer O     ${OPTIMIZERS.join(" | ")} (default sgd): optimizer state in training memory
  --device NAME     add a roofline on ${DEVICE_NAMES.join(", ")}
  --probe           measure this machine (tfjs matmul FLOP/s, copy bandwidth) and use it for the roofline
  --chip            exercise 2: the compute/memory-interface area split that minimises time,
                    calibrated on the roofline device (default v100)
  --json            print one JSON object as the last line
  -h, --help        this text

Conventions: "flops" = 2 × MACs of conv and dense layers, no bias (the PyTorch
profiler's); bias adds and activation/pooling/dropout work are counted apart.
MiB = 2^20 bytes.`;

const OPTIONS = {
  model: { type: "string" },
  spec: { type: "string" },
  input: { type: "string" },
  batch: { type: "string" },
  dtype: { type: "string" },
  optimizer: { type: "string" },
  device: { type: "string" },
  probe: { type: "boolean" },
  chip: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function parseInput(text: string): [number, number, number] {
  const parts = text.split(",").map((p) => Number(p.trim()));
  if (parts.length !== 3 || !parts.every((n) => Number.isInteger(n) && n > 0)) {
    throw new UsageError(`--input must be C,H,W (three positive integers), got "${text}"`);
  }
  return parts as [number, number, number];
}

function readSpecFile(file: string): NetworkSpec {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseSpec(json);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
}

function loadSpec(values: { model?: string; spec?: string; input?: string }): NetworkSpec {
  if (values.model !== undefined && values.spec !== undefined) throw new UsageError("use --model or --spec, not both");
  const input = values.input === undefined ? undefined : parseInput(values.input);
  const spec =
    values.spec !== undefined
      ? readSpecFile(values.spec)
      : specByName(oneOf("model", values.model, MODEL_NAMES, "alexnet"));
  if (!input) return spec;
  const resized = { ...spec, input };
  try {
    return parseSpec(resized);
  } catch (error) {
    throw new Error(`--input ${input.join(",")}: ${(error as Error).message}`);
  }
}

async function rooflineDevice(
  values: { device?: string; probe?: boolean; chip?: boolean },
  log: (line: string) => void,
): Promise<Device | undefined> {
  if (values.device !== undefined && values.probe) throw new UsageError("use --device or --probe, not both");
  if (values.probe) {
    const measured = await probeDevice({ log });
    log(`probe: ${measured.source}`);
    return measured;
  }
  if (values.device !== undefined) {
    if (!isDeviceName(values.device))
      throw new UsageError(`--device must be one of ${DEVICE_NAMES.join(", ")}, got "${values.device}"`);
    return DEVICES[values.device];
  }
  return values.chip ? DEVICES.v100 : undefined;
}

/** Inference at batch 1 and 128 and training at 128, plus both at --batch when it is neither. */
function rooflineCases(batch: number): { mode: RooflineMode; batch: number }[] {
  const batches = [...new Set([1, 128, batch])].sort((a, b) => a - b);
  return [
    ...batches.map((b) => ({ mode: "inference" as const, batch: b })),
    ...batches.filter((b) => b !== 1 || batch === 1).map((b) => ({ mode: "training" as const, batch: b })),
  ];
}

/** Prefixes a counting error (counts past 2^53) with the spec file or model it came from. */
function withSource<T>(source: string, count: () => T): T {
  try {
    return count();
  } catch (error) {
    throw new Error(`${source}: ${(error as Error).message}`);
  }
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseFlags({ args: argv, options: OPTIONS, allowPositionals: false, strict: true });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const batch = positiveInt("batch", values.batch, 1);
  const dtype: DType = oneOf("dtype", values.dtype, DTYPES, "fp32");
  const optimizer: OptimizerName = oneOf("optimizer", values.optimizer, OPTIMIZERS, "sgd");
  const spec = loadSpec(values);
  const device = await rooflineDevice(values, (line) => console.log(line));

  const source = values.spec ?? `--model ${values.model ?? "alexnet"}`;
  const { report, training } = withSource(source, () => {
    const report = countCosts(spec, { batch, dtype });
    return { report, training: trainingMemory(report, optimizer) };
  });
  const inference = inferenceMemory(report);
  const crossover = activationCrossoverBatch(spec, { dtype, optimizer });
  const rooflines = device
    ? rooflineCases(batch).map((c) =>
        rooflineReport(countCosts(spec, { batch: c.batch, dtype }), device, { mode: c.mode, optimizer }),
      )
    : [];
  const chips =
    values.chip && device
      ? rooflines.map((r) => ({
          name: `${r.mode}, batch ${r.batch}`,
          tradeoff: chipTradeoff(workItems(countCosts(spec, { batch: r.batch, dtype }), r.mode, optimizer), {
            reference: device,
            dtype,
          }),
        }))
      : [];

  if (values.json) {
    console.log(
      JSON.stringify({
        ...report,
        memory: { training, inference, activationCrossoverBatch: crossover },
        torchsummary: torchsummaryFigures(report),
        ...(device ? { roofline: { device, reports: rooflines } } : {}),
        ...(chips.length ? { chip: chips } : {}),
      }),
    );
    return;
  }
  const lines = [formatCostTable(report), formatMemory(training, inference, report)];
  lines.push(`  training activations outweigh weights + gradients + optimizer state from batch ${crossover} on`);
  if (device) {
    lines.push("", `Roofline on ${describeDevice(device, dtype)}`, formatRooflineSummary(rooflines));
    const atBatch = rooflines.find((r) => r.mode === "inference" && r.batch === batch);
    if (atBatch) lines.push("", formatRooflineTable(atBatch));
  }
  if (chips.length) {
    lines.push(
      "",
      `Chip trade-off (exercise 2): area split compute vs memory interface, resources linear in area, calibrated on ${device!.name} at 50/50:`,
    );
    lines.push(...chips.map((c) => formatChipTradeoff(c.name, c.tradeoff)));
  }
  console.log(lines.join("\n"));
}

runCli(() => main(process.argv.slice(2)));
