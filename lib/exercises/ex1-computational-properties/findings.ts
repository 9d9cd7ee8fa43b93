/**
 * Exercise 1's tables and findings as markdown, every number from the cost
 * counter, the roofline and the timed forward passes: where the memory and the
 * compute of AlexNet sit (convolutional vs fully connected part), and what
 * bandwidth, latency and size mean for training against inference.
 */
import type { CostReport, LayerCost } from "../../cost/count";
import { ridgePoint } from "../../cost/devices";
import { activationCrossoverBatch, inferenceMemory, memoryByBatch, trainingMemory } from "../../cost/memory";
import { rooflineReport, type RooflineReport } from "../../cost/roofline";
import { countCosts } from "../../cost/count";
import {
  duration,
  formatMarkdownTable,
  formatPercent as percent,
  formatRatio,
  mib,
  si,
  withCommas,
} from "../../format";
import type { NetworkSpec } from "../../models/spec";
import { rooflineItem, type RooflineFacts, type TimedRun } from "./facts";
import { measuredFindings, memoryLatencyFindings } from "./measured";

interface PartTotals {
  params: number;
  /** Bytes of the part's layer outputs (views such as flatten excluded). */
  outputs: number;
}

/** Parameters and output bytes of the layers before the flatten (convolutional part) and after it (fully connected). */
export function partTotals(spec: NetworkSpec, report: CostReport): { conv: PartTotals; dense: PartTotals } {
  const flattenAt = spec.layers.findIndex((l) => l.type === "flatten");
  const sum = (inPart: (index: number) => boolean) =>
    report.layers
      .filter((l) => inPart(l.index))
      .reduce((t, l) => ({ params: t.params + l.params, outputs: t.outputs + (l.isView ? 0 : l.outputBytes) }), {
        params: 0,
        outputs: 0,
      });
  return { conv: sum((i) => i < flattenAt), dense: sum((i) => i > flattenAt) };
}

/** Parameters, weights and output memory of the two parts, per image and at `batch.batch`. */
export function partsTable(spec: NetworkSpec, perImage: CostReport, batch: CostReport): string {
  const one = partTotals(spec, perImage);
  const many = partTotals(spec, batch);
  const bytes = perImage.bytesPerElement;
  const row = (label: string, part: "conv" | "dense") => [
    label,
    withCommas(one[part].params),
    percent(one[part].params / perImage.params),
    mib(one[part].params * bytes),
    mib(one[part].outputs),
    mib(many[part].outputs),
  ];
  return formatMarkdownTable(
    [
      "Part",
      "Parameters",
      "Share of parameters",
      "Weights (MiB)",
      "Outputs, 1 image (MiB)",
      `Outputs, batch ${batch.batch} (MiB)`,
    ],
    [row("convolutional part", "conv"), row("fully connected part", "dense")],
  );
}

/** Weights sit in the dense layers, activations in the convolutions, and the batch size decides which is larger. */
export function weightsVsActivationsFindings(spec: NetworkSpec, perImage: CostReport, batch: CostReport): string {
  const { conv, dense } = partTotals(spec, perImage);
  const denseGroup = perImage.byGroup.dense;
  const bytes = perImage.bytesPerElement;
  const firstDense = perImage.layers.find((l) => l.type === "dense");
  const flatten = perImage.layers.find((l) => l.type === "flatten");
  const [t1, tBatch] = [trainingMemory(perImage), trainingMemory(batch)];
  const inference1 = inferenceMemory(perImage).total;
  const crossover = (optimizer: "sgd" | "momentum" | "adam") => activationCrossoverBatch(spec, { optimizer });
  return [
    `**Weights: the fully connected layers dominate.** They hold ${percent(denseGroup.params / perImage.params)} of the ` +
      `parameters (${withCommas(denseGroup.params)} of ${withCommas(perImage.params)}): ${mib(denseGroup.params * bytes)} of ` +
      `the ${mib(perImage.params * bytes)} MiB of weights.` +
      (firstDense && flatten
        ? ` The first of them alone (${firstDense.name}, flattening ${flatten.inputShape.join("×")} features into ` +
          `${firstDense.outputShape[0]} units) has ${withCommas(firstDense.params)} parameters, ` +
          `${percent(firstDense.params / perImage.params)} of the network.`
        : ""),
    `**Activations: the convolutional part dominates.** Its layers' outputs take ${mib(conv.outputs)} MiB per image, the ` +
      `fully connected part's ${mib(dense.outputs, 3)} MiB: ${(conv.outputs / dense.outputs).toFixed(0)}× more, because ` +
      "every convolution keeps a full feature map per image.",
    "**Overall, the batch size decides.** Weights are fixed; activations grow with the batch. The activations kept for " +
      `training outweigh the weights from batch ${Math.floor(t1.weights / t1.activations) + 1} on, and weights + gradients ` +
      `from batch ${Math.floor((t1.weights + t1.gradients) / t1.activations) + 1} (where the two curves of the figure ` +
      "cross). Counting everything that grows with the batch (activations, the input batch and the gradient workspace) " +
      "against everything that does not (weights, gradients, optimizer state), the batch-sized part is the larger from " +
      `batch ${crossover("sgd")} with SGD (${crossover("momentum")} with momentum, ${crossover("adam")} with Adam). ` +
      `At batch ${batch.batch}, training needs ${mib(tBatch.total)} MiB, of which activations ` +
      `${percent(tBatch.activations / tBatch.total)}; inference of one image needs ${mib(inference1)} MiB, ` +
      `${percent(t1.weights / inference1)} of it weights.`,
  ].join("\n\n");
}

/** MACs and FLOPs per image by kind of layer, forward and backward. */
export function flopsByGroupTable(perImage: CostReport): string {
  const sumOf = (group: string, f: (l: LayerCost) => number) =>
    perImage.layers.filter((l) => l.group === group).reduce((a, l) => a + f(l), 0);
  const row = (label: string, group: string) => {
    const forward = sumOf(group, (l) => l.flops + l.biasFlops + l.otherFlops);
    const backward = sumOf(group, (l) => l.backward.flops + l.backward.otherFlops);
    return [
      label,
      withCommas(sumOf(group, (l) => l.macs)),
      withCommas(forward),
      percent(forward / perImage.forwardTotalFlops),
      withCommas(backward),
      si(forward + backward, "FLOP"),
    ];
  };
  const softmax = perImage.softmaxFlops;
  return formatMarkdownTable(
    [
      "Layers (per image)",
      "MACs",
      "Forward FLOPs (incl. bias, activation, pooling)",
      "Share of forward",
      "Backward FLOPs",
      "Forward + backward",
    ],
    [
      row("convolutions", "conv"),
      row("fully connected", "dense"),
      row("ReLU, pooling, dropout", "other"),
      ["softmax (in the loss)", "0", withCommas(softmax), percent(softmax / perImage.forwardTotalFlops), "–", "–"],
    ],
  );
}

/** The convolutions dominate compute; training's cost per image; the book's "164 MB and 81 MFLOPs" checked. */
export function computeFindings(perImage: CostReport, batch: CostReport): string {
  const { conv, dense } = perImage.byGroup;
  const small = perImage.biasFlops + perImage.otherFlops + perImage.softmaxFlops;
  const bothDense = perImage.layers.filter((l) => l.type === "dense" && l.outputShape[0] === 4096);
  const weights = bothDense.reduce((a, l) => a + l.weights, 0);
  const macs = bothDense.reduce((a, l) => a + l.macs, 0);
  const bytes = weights * perImage.bytesPerElement;
  return [
    `**The convolutions dominate the compute**: ${si(conv.flops, "FLOP")} of the ${si(perImage.flops, "FLOP")} ` +
      `(${percent(conv.flops / perImage.flops)}) of a forward pass counted as 2 × MACs, against ${si(dense.flops, "FLOP")} ` +
      `for the dense layers, which hold ${percent(dense.params / perImage.params)} of the parameters. Bias adds ` +
      `(${withCommas(perImage.biasFlops)}), ReLU/pooling/dropout (${withCommas(perImage.otherFlops)}) and softmax ` +
      `(${withCommas(perImage.softmaxFlops)}) together are ${percent(small / perImage.forwardTotalFlops, 2)} of the forward work.`,
    `**Training costs ${(perImage.trainingFlops / perImage.forwardTotalFlops).toFixed(2)}× the forward pass per image** ` +
      `(${si(perImage.trainingFlops, "FLOP")}): a batch of ${batch.batch} is ${si(batch.trainingFlops, "FLOP")} per step.`,
    `The book's discussion puts the two 4096-unit layers at "164 MB of memory and 81 MFLOPs". Counting: ` +
      `${withCommas(weights)} weights = ${mib(bytes)} MiB in fp32 (so MiB, not MB: ${(bytes / 1e6).toFixed(0)} MB), and ` +
      `${withCommas(macs)} MACs = ${si(2 * macs, "FLOP")}. ${bookFlopsRemark(macs)}`,
  ].join("\n\n");
}

/** The book's 81 MFLOPs set against the counts it could stand for. */
export function bookFlopsRemark(macs: number, book = 81e6): string {
  const readings: [string, number][] = [
    ["the MACs", macs],
    ["2 × MACs", 2 * macs],
    ["2 × MACs in units of 2²⁰", (2 * macs * 1e6) / 2 ** 20],
  ];
  const match = readings.find(([, value]) => Math.abs(value - book) / book < 0.005);
  if (match) return `The book's figure is ${match[0]}.`;
  return (
    `None of the usual readings gives ${book / 1e6}: the MACs are ${(macs / 1e6).toFixed(1)} M, 2 × MACs ` +
    `${((2 * macs) / 1e6).toFixed(1)} M, and 2 × MACs counted in units of 2²⁰ ${((2 * macs) / 2 ** 20).toFixed(1)} Mi. ` +
    "The memory figure is MiB read as MB; what the 81 counts is unexplained, and 2 × MACs is the figure to use."
  );
}

/** Per-layer forward time, predicted and measured, for each timed run. */
export function forwardTimeTable(spec: NetworkSpec, runs: TimedRun[]): string {
  const layers = countCosts(spec).layers.filter((l) => l.params > 0 || l.type === "maxpool2d");
  const cells = (predicted: number, measured: number) => [
    duration(predicted),
    duration(measured),
    formatRatio(measured / predicted, 1),
  ];
  return formatMarkdownTable(
    [
      "Layer",
      ...runs.flatMap((r) => [`roofline, batch ${r.batch}`, `measured, batch ${r.batch}`, "measured / roofline"]),
    ],
    [
      ...layers.map((l) => [
        l.name,
        ...runs.flatMap((r) =>
          cells(rooflineItem(r.predicted, `${l.name} forward`).seconds, r.times.layers[l.index].seconds),
        ),
      ]),
      ["whole forward pass", ...runs.flatMap((r) => cells(r.predicted.seconds, r.times.modelSeconds))],
    ],
  );
}

export function trainingVsInferenceFindings(f: RooflineFacts): string {
  const firstDense = f.perImage.layers.find((l) => l.type === "dense");
  if (!firstDense) throw new Error("trainingVsInferenceFindings: the network has no dense layer");
  const name = firstDense.name;
  const inference128 = rooflineReport(f.batch, f.machine, { mode: "inference" });
  const onGpu1 = rooflineReport(f.perImage, f.gpu, { mode: "inference" });
  const isDense = (n: string) => n.startsWith("Linear-");
  const timeShare = (r: RooflineReport) =>
    r.items.filter((i) => isDense(i.name)).reduce((a, i) => a + i.seconds, 0) / r.seconds;
  const memoryShare = (r: RooflineReport) => percent(r.memoryBoundSeconds / r.seconds);
  const convBound = [
    ...new Set(f.inference1.items.filter((i) => i.name.startsWith("Conv2d-")).map((i) => i.bound)),
  ].join(" and ");
  const slowestMemoryBound = f.training.items
    .filter((i) => i.bound === "memory")
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 2)
    .map((i) => i.name)
    .join(" and ");
  const [dense1, forward, backward] = [
    rooflineItem(f.inference1, `${name} forward`),
    rooflineItem(f.training, `${name} forward`),
    rooflineItem(f.training, `${name} backward`),
  ];
  const bounds =
    forward.bound === backward.bound
      ? `${forward.bound}-bound both ways`
      : `${forward.bound}-bound forward, ${backward.bound}-bound backward`;
  const largestBatch = (mode: "training" | "inference") => {
    let b = 1;
    while (memoryByBatch(f.spec, [2 * b])[0][mode].total <= f.capacityBytes) b *= 2;
    return b;
  };
  const n = f.batch.batch;
  const capacity = `${(f.capacityBytes / 2 ** 30).toFixed(0)} GiB`;
  return [
    `**Bandwidth.** This machine's ridge point is ${ridgePoint(f.machine).toFixed(1)} FLOP/B. At inference batch 1 each ` +
      `dense weight is read once for a single multiply-add: ${name} runs at ${dense1.intensity.toFixed(2)} FLOP/B and is ` +
      `${dense1.bound}-bound. The dense layers do ${percent(f.perImage.byGroup.dense.flops / f.perImage.flops)} of the ` +
      `FLOPs but take ${percent(timeShare(f.inference1))} of the roofline time; ${memoryShare(f.inference1)} of the ` +
      "inference waits for memory. The convolutions, which reuse each weight at every output position, are " +
      `${convBound}-bound. On the ${f.gpu.name} (published ${si(f.gpu.peakFlops, "FLOP/s")}, ${si(f.gpu.bandwidth, "B/s")}: ` +
      `ridge ${ridgePoint(f.gpu).toFixed(1)} FLOP/B) the same inference is ${memoryShare(onGpu1)} memory-bound and the ` +
      `dense layers take ${percent(timeShare(onGpu1))} of its time.`,
    `**Training vs inference.** A batch reuses every weight once per image: at batch ${n}, ${name} reaches ` +
      `${forward.intensity.toFixed(1)} FLOP/B forward and ${backward.intensity.toFixed(1)} backward (${bounds}), and the ` +
      `memory-bound share of the time falls to ${memoryShare(f.training)} (largest memory-bound items: ` +
      `${slowestMemoryBound}). Training also writes what inference only reads: gradients for every weight and the updated ` +
      `weights. Per image, a training step takes ${formatRatio(f.training.seconds / n / f.inference1.seconds)} the roofline ` +
      `time of a batch-1 inference, for ${formatRatio(f.perImage.trainingFlops / f.perImage.forwardTotalFlops)} the FLOPs.`,
    memoryLatencyFindings(f, inference128, onGpu1),
    `**Size.** Capacity bounds the batch, and training needs much more of it: ${mib(trainingMemory(f.batch).total)} MiB ` +
      `at batch ${n} against ${mib(inferenceMemory(f.perImage).total)} MiB for one inference. In ${capacity} (a V100 or ` +
      `a T4) the largest power-of-two batch is ${largestBatch("training")} for training and ${largestBatch("inference")} ` +
      "for inference.",
    measuredFindings(f),
  ].join("\n\n");
}
