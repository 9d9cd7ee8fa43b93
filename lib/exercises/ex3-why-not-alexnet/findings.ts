/**
 * Exercise 3's findings as markdown, every number from the counted and
 * published networks and the roofline scenarios: where AlexNet sits on the
 * accuracy/cost frontier, how much of a modern device it can use, and the
 * four reasons it stopped being a benchmark.
 */
import { countCosts } from "../../cost/count";
import { peakFor, ridgePoint, type Device } from "../../cost/devices";
import type { DType } from "../../cost/dtype";
import { trainingMemory } from "../../cost/memory";
import type { RooflineReport } from "../../cost/roofline";
import { duration, formatMarkdownTable, formatPercent, si } from "../../format";
import type { NetworkSpec } from "../../models/spec";
import type { ComparisonRow } from "./comparison";
import { operationMix, type OperationShare } from "./op-mix";
import { ALEXNET_PAPER, MLPERF } from "./published";
import { saturation, type Saturation } from "./saturation";
import { denseTimeShare } from "./saturation-table";
import type { MeasuredForward } from "./measured-forward";

/** One device, precision, batch and mode, with its roofline report. */
export interface Scenario {
  device: Device;
  dtype: DType;
  report: RooflineReport;
}

function byName(rows: ComparisonRow[], name: string): ComparisonRow {
  const row = rows.find((r) => r.name === name);
  if (!row) throw new Error(`the comparison has no row "${name}"`);
  return row;
}

const top1 = (r: ComparisonRow) => r.top1 ?? NaN;
const andList = (names: string[]) =>
  names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;

/** Each later network against torchvision's AlexNet: parameters, MACs, accuracy. */
export function frontierFindings(rows: ComparisonRow[], others: string[]): string {
  const alex = byName(rows, "AlexNet (torchvision)");
  const ratio = (a: number, b: number) => (a > b ? `${(a / b).toFixed(1)}× more` : `${(b / a).toFixed(1)}× fewer`);
  const versus = (r: ComparisonRow) =>
    `${r.name}: ${ratio(r.params, alex.params)} parameters, ${ratio(r.macs, alex.macs)} MACs, ` +
    `top-1 ${(top1(r) - top1(alex)).toFixed(1)} points higher`;
  const lines = others.map((name) => byName(rows, name));
  const later = rows.filter((r) => r.year > alex.year);
  const rated = later.filter((r) => r.top1 !== undefined);
  const unrated = later.filter((r) => r.top1 === undefined).map((r) => r.name);
  const allBetter = rated.every((r) => top1(r) > top1(alex));
  const fewerOfBoth = rated.filter((r) => top1(r) > top1(alex) && r.macs < alex.macs && r.params < alex.params);
  return [
    `Against torchvision's AlexNet (${top1(alex).toFixed(1)}% top-1, ${(alex.params / 1e6).toFixed(1)} M parameters, ` +
      `${(alex.macs / 1e9).toFixed(2)} GMACs):`,
    ...lines.map((r, i) => `- ${versus(r)}${i === lines.length - 1 ? "." : ";"}`),
    `${allBetter ? "Every" : "Not every"} later network with a published accuracy in the table ` +
      `(${rated.length} of ${later.length}${unrated.length ? `; none is quoted for ${unrated.join(", ")}` : ""}) is ` +
      `more accurate${allBetter ? "" : " than AlexNet"}` +
      (fewerOfBoth.length
        ? `, and ${andList(fewerOfBoth.map((r) => r.name))} ${fewerOfBoth.length === 1 ? "is" : "are"} more accurate *with fewer* MACs and parameters: ` +
          "AlexNet is not on the accuracy/cost frontier any more, so its speed says nothing about the cost of a model " +
          "anyone would deploy."
        : "."),
  ].join("\n");
}

const heavyLayers = (s: Saturation, prefix: string) => s.layers.filter((l) => l.name.startsWith(prefix));
const denseMax = (s: Saturation) => Math.max(...heavyLayers(s, "Linear").map((l) => l.peakFraction));

/** How much of each device's peak AlexNet can use, for the scenarios the notebook plots. */
export function saturationFindings(
  spec: NetworkSpec,
  s: { a100Batch1: Scenario; bf16Batch1: Scenario; bf16Batch128: Scenario; cpuBatch1: Scenario },
  cpuMeasured: MeasuredForward,
): string {
  const sat = (x: Scenario) => saturation(x.report, x.device);
  const [gpu1, bf1, bf128, cpu1] = [sat(s.a100Batch1), sat(s.bf16Batch1), sat(s.bf16Batch128), sat(s.cpuBatch1)];
  const counted = countCosts(spec);
  const denseMacShare = counted.byGroup.dense.macs / counted.macs;
  const convAtPeak = heavyLayers(gpu1, "Conv2d").filter((l) => l.bound === "compute").length;
  const bf16ComputeBound = bf1.layers.filter((l) => l.bound === "compute").map((l) => l.name.replace(" forward", ""));
  const a100 = s.a100Batch1.device;
  const measuredFlops = countCosts(spec, { batch: cpuMeasured.batch }).forwardTotalFlops / cpuMeasured.seconds;
  return [
    `- **A100, fp32, batch 1:** ${convAtPeak} of the five convolutions reach the peak, the three dense layers at most ` +
      `${formatPercent(denseMax(gpu1))} of it (intensity ≈ 0.5 FLOP/B against a ridge of ${ridgePoint(a100).toFixed(1)}). ` +
      `They hold ${formatPercent(denseMacShare)} of the MACs but take ${formatPercent(denseTimeShare(s.a100Batch1.report))} ` +
      `of the time, and the network attains ${formatPercent(gpu1.overallPeakFraction)} of peak: ` +
      `${duration(s.a100Batch1.report.seconds)} per image.`,
    `- **A100, bf16 tensor cores:** the ridge moves to ${ridgePoint(a100, "bf16").toFixed(0)} FLOP/B; at batch 1 only ` +
      `${bf16ComputeBound.join(" and ") || "no layer"} of the eight conv/dense layers ` +
      `${bf16ComputeBound.length === 1 ? "is" : "are"} above it. At batch 1 the network uses ` +
      `${formatPercent(bf1.overallPeakFraction)} of peak; even at batch 128 the dense layers reach ` +
      `${formatPercent(denseMax(bf128))} and the whole network ${formatPercent(bf128.overallPeakFraction)}.`,
    `- **This CPU** (ridge ${ridgePoint(s.cpuBatch1.device).toFixed(2)} FLOP/B) is the opposite case: the roofline ` +
      `predicts AlexNet at ${formatPercent(cpu1.overallPeakFraction)} of the probed peak already at batch 1. Measured, ` +
      `a batch-${cpuMeasured.batch} forward pass took ${duration(cpuMeasured.seconds)}, ` +
      `${si(measuredFlops, "FLOP/s")}: ${formatPercent(measuredFlops / peakFor(s.cpuBatch1.device))} of that peak ` +
      `(the roofline predicted ${duration(s.cpuBatch1.report.seconds)}). ` +
      (measuredFlops > peakFor(s.cpuBatch1.device)
        ? "The measurement beats the probed peak, so that peak (a 1024² matmul) under-estimates this CPU's convolution " +
          "kernels (exercise 1 sets them against the core's FMA peak); either way a slow device is nearly saturated by " +
          "AlexNet, while a fast one is mostly waiting for memory unless the batch is large."
        : measuredFlops / peakFor(s.cpuBatch1.device) > 0.5
          ? "A slow device is nearly saturated by AlexNet; a fast one is mostly waiting for memory unless the batch is large."
          : "Even a slow device is far from its peak in practice, from costs the roofline leaves out, while a fast one is " +
            "mostly waiting for memory unless the batch is large."),
  ].join("\n");
}

/** Each network's share of MACs and parameters per kind of operation, one column per network. */
export function operationMixTable(specs: NetworkSpec[]): string {
  const mixes = specs.map((spec) => ({ name: spec.name ?? "network", mix: operationMix(spec) }));
  const operations = [...new Set(mixes.flatMap((m) => m.mix.map((o) => o.operation)))];
  const cell = (o: OperationShare | undefined) =>
    o ? `${formatPercent(o.macsShare)} / ${formatPercent(o.paramsShare)}` : "–";
  return formatMarkdownTable(
    ["Operation", ...mixes.map((m) => `${m.name}: MACs / params`)],
    operations.map((op) => [op, ...mixes.map((m) => cell(m.mix.find((o) => o.operation === op)))]),
  );
}

/** The facts the five reasons cite. */
export interface WhyNotFacts {
  /** d2l's AlexNet at 3×224² for 1000 classes. */
  spec: NetworkSpec;
  /** The networks its operations are compared with (NiN, VGG-11). */
  nin: NetworkSpec;
  vgg: NetworkSpec;
  rows: ComparisonRow[];
  a100Batch1: Scenario;
  trainingFp32: Scenario;
  trainingBf16: Scenario;
  /** Memory of the device the A100 scenarios model, bytes (40 GB). */
  a100MemoryBytes: number;
}

export function whyNotAlexnet(f: WhyNotFacts): string {
  const alex = byName(f.rows, "AlexNet (torchvision)");
  const resnet = byName(f.rows, "ResNet-50");
  const mnv2 = byName(f.rows, "MobileNet v2");
  const { epochs, trainingImages, trainingDays, hardware } = ALEXNET_PAPER;
  const hoursFor = (s: Scenario) => (epochs * trainingImages) / s.report.imagesPerSecond / 3600;
  const mix = (spec: NetworkSpec) => operationMix(spec);
  const share = (spec: NetworkSpec, ops: string[]) =>
    mix(spec)
      .filter((o) => ops.includes(o.operation))
      .reduce((a, o) => a + o.macsShare, 0);
  const denseParams = mix(f.spec).find((o) => o.operation === "dense")?.paramsShare ?? NaN;
  const counted = countCosts(f.spec);
  const denseMacShare = counted.byGroup.dense.macs / counted.macs;
  const trainingBytes = trainingMemory(countCosts(f.spec, { batch: 128 })).total;
  const gpu1 = f.a100Batch1.report;
  const ridge = ridgePoint(f.a100Batch1.device);
  return [
    "1. **It is too small and too fast to load a modern accelerator.** By the roofline a single A100 runs one AlexNet " +
      `image in ${duration(gpu1.seconds)} (fp32, batch 1) and trains at ${si(f.trainingBf16.report.imagesPerSecond)} ` +
      `images/s in bf16. The paper's run — about ${epochs} epochs over ${(trainingImages / 1e6).toFixed(1)} M images, ` +
      `${trainingDays.join("–")} days on ${hardware} — would take at least ${hoursFor(f.trainingFp32).toFixed(1)} h in ` +
      `fp32 and ${(60 * hoursFor(f.trainingBf16)).toFixed(0)} min in bf16, and its whole fp32 training state at batch ` +
      `128 (weights, gradients, kept activations: ${(trainingBytes / 1e9).toFixed(2)} GB) fills ` +
      `${formatPercent(trainingBytes / f.a100MemoryBytes)} of the card's memory. That batch-1 inference is ` +
      `${duration(gpu1.seconds / gpu1.items.length)} per work item on average (${gpu1.items.length} items): per-layer ` +
      "fixed costs the roofline leaves out (kernel launches, synchronisation) are no longer negligible at that scale, so a " +
      "measured AlexNet time says as much about the software stack as about the chip.",
    `2. **Its time goes to streaming dense-layer weights.** ${formatPercent(denseParams)} of its parameters sit in three ` +
      `dense layers; at batch 1 on an A100 they take ${formatPercent(denseTimeShare(gpu1))} of the time for ` +
      `${formatPercent(denseMacShare)} of the MACs. Each weight is used ${alex.weightReuse.toFixed(0)} times per image ` +
      `(torchvision's AlexNet) against ${resnet.weightReuse.toFixed(0)} for ResNet-50: streaming AlexNet's weights runs at ` +
      `${alex.weightIntensity.toFixed(1)} FLOP/B, below the A100's fp32 ridge of ${ridge.toFixed(1)}, while ResNet-50's ` +
      `${resnet.weightIntensity.toFixed(0)} FLOP/B is above it. A small-batch AlexNet number measures memory bandwidth, ` +
      "not the compute later networks need.",
    "3. **Its operations are not the ones later networks are made of.** " +
      `${formatPercent(share(f.spec, ["conv 11×11", "conv 5×5"]))} of AlexNet's MACs are in 11×11 and 5×5 convolutions ` +
      `and none in 1×1 convolutions; NiN already put ${formatPercent(share(f.nin, ["conv 1×1"]))} of its MACs in 1×1 ` +
      `convolutions and VGG-11 ${formatPercent(share(f.vgg, ["conv 3×3"]))} in 3×3 ones. ResNet, MobileNet and ` +
      "EfficientNet are built from 1×1, 3×3 and depthwise convolutions with batch normalisation and residual additions, " +
      "ViT from attention and dense layers over tokens. Of that list AlexNet has the 3×3 convolutions and dense layers, " +
      `and its dense layers (${formatPercent(denseParams)} of its parameters, ${formatPercent(denseMacShare)} of its ` +
      "MACs) are matrix-vector products at batch 1, where ViT's run over all its tokens at once; it has no 1×1 or " +
      "depthwise convolutions, normalisation, residual additions or attention, and spends half its arithmetic in large " +
      "kernels the later networks avoid: tuning a compiler or a chip for AlexNet optimises the wrong kernels.",
    `4. **Nobody deploys it.** At ${top1(alex).toFixed(1)}% top-1 it is ${(top1(mnv2) - top1(alex)).toFixed(1)} points ` +
      `behind MobileNet v2, which needs ${(alex.macs / mnv2.macs).toFixed(1)}× fewer MACs and ` +
      `${(alex.params / mnv2.params).toFixed(0)}× fewer parameters. A benchmark is useful when its workload resembles what ` +
      `users run; since about 2015 (ResNet-50, ${top1(resnet).toFixed(1)}% top-1) AlexNet has not.`,
    `5. **Industry benchmarks run other networks.** ${MLPERF.summary} (${MLPERF.source}). Their image-classification ` +
      `task is ResNet-50, whose ${resnet.weightIntensity.toFixed(0)} FLOP/B of weight reuse and ` +
      `${top1(resnet).toFixed(1)}% top-1 (table above) make it the representative convolutional workload AlexNet no ` +
      "longer is; a vendor who quotes AlexNet quotes a number no buyer can compare.",
  ].join("\n");
}

/** The answer in three sentences, each citing the tables' numbers. */
export function whyNotAlexnetAnswer(f: WhyNotFacts): string {
  const alex = byName(f.rows, "AlexNet (torchvision)");
  const resnet = byName(f.rows, "ResNet-50");
  const mnv2 = byName(f.rows, "MobileNet v2");
  const gpu1 = f.a100Batch1.report;
  return [
    `AlexNet is no longer a useful benchmark because it is no longer a network anyone deploys: at ` +
      `${top1(alex).toFixed(1)}% ImageNet top-1 it trails ResNet-50 by ${(top1(resnet) - top1(alex)).toFixed(1)} points ` +
      `and MobileNet v2 by ${(top1(mnv2) - top1(alex)).toFixed(1)}, which needs ${(alex.macs / mnv2.macs).toFixed(1)}× fewer MACs.`,
    `Its time on a modern accelerator measures the wrong thing: on an A100 at batch 1 the roofline puts ` +
      `${formatPercent(denseTimeShare(gpu1))} of it in streaming dense-layer weights, and a whole image takes ` +
      `${duration(gpu1.seconds)}, short enough for per-layer overheads the chip's speed does not decide.`,
    `Its operations (large 11×11 and 5×5 kernels, big dense layers) are not what later networks are made of, and the ` +
      `industry's benchmark, MLPerf, measures image classification with ResNet-50 instead.`,
  ].join(" ");
}
