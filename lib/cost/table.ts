/** A torchsummary-style text table of a cost report, with totals and memory at the bottom. */
import type { CostReport, LayerCost } from "./count";
import type { InferenceMemory, TrainingMemory } from "./memory";
import { torchsummaryFigures } from "./torchsummary";
import { mib, row, si, withCommas } from "../format";

const HEADERS = [
  "Layer (type)",
  "Output Shape",
  "Param #",
  "MACs",
  "Bias FLOPs",
  "Act/pool FLOPs",
  "Out MiB",
  "R+W MiB",
  "FLOP/B",
];

function layerCells(l: LayerCost, batch: number): string[] {
  return [
    l.name,
    `[${[batch, ...l.outputShape].join(", ")}]`,
    withCommas(l.params),
    withCommas(l.macs),
    withCommas(l.biasFlops),
    withCommas(l.otherFlops),
    mib(l.outputBytes),
    mib(l.bytesRead + l.bytesWritten),
    l.isView ? "-" : l.intensity.toFixed(1),
  ];
}

const percent = (part: number, whole: number): string => `${whole > 0 ? ((100 * part) / whole).toFixed(1) : "0.0"}%`;

/** The per-layer table, the parameter/compute totals and torchsummary's four size figures. */
export function formatCostTable(report: CostReport): string {
  const rows = report.layers.map((l) => layerCells(l, report.batch));
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const width = widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  const rule = (c: string): string => c.repeat(width);
  const { conv, dense } = report.byGroup;
  const ts = torchsummaryFigures(report);
  return [
    `${report.name}: input [${report.input.join(", ")}], batch ${report.batch}, ${report.dtype} (${report.bytesPerElement} bytes per element)`,
    rule("-"),
    row(HEADERS, widths),
    rule("="),
    ...rows.map((r) => row(r, widths)),
    rule("="),
    `Total params: ${withCommas(report.params)} (conv ${withCommas(conv.params)} = ${percent(conv.params, report.params)}; dense ${withCommas(dense.params)} = ${percent(dense.params, report.params)})`,
    `Trainable params: ${withCommas(report.params)}`,
    "Non-trainable params: 0",
    rule("-"),
    `MACs: ${withCommas(report.macs)} (conv ${withCommas(conv.macs)}; dense ${withCommas(dense.macs)})`,
    `FLOPs (2 × MACs, conv + dense, no bias): ${withCommas(report.flops)} = ${si(report.flops)} (conv ${percent(conv.flops, report.flops)}, dense ${percent(dense.flops, report.flops)})`,
    `Other forward FLOPs: bias adds ${withCommas(report.biasFlops)}; activations, pooling, dropout ${withCommas(report.otherFlops)}; softmax ${withCommas(report.softmaxFlops)}`,
    `Backward FLOPs: ${withCommas(report.backwardFlops)} = ${si(report.backwardFlops)} (dW and dX of conv/dense; no dX for the first) + ${withCommas(report.backwardOtherFlops)} other`,
    `One training step (forward + backward, no update): ${si(report.trainingFlops)}FLOPs = ${(report.trainingFlops / report.forwardTotalFlops).toFixed(2)} × the forward pass`,
    rule("-"),
    'torchsummary\'s figures (MB = 2^20 bytes; "forward/backward" = 2 × Σ layer outputs, not what training keeps):',
    `Input size (MB): ${ts.inputMB.toFixed(2)}`,
    `Forward/backward pass size (MB): ${ts.forwardBackwardMB.toFixed(2)}`,
    `Params size (MB): ${ts.paramsMB.toFixed(2)}`,
    `Estimated Total Size (MB): ${ts.totalMB.toFixed(2)}`,
    rule("-"),
  ].join("\n");
}

/** Training and inference memory, component by component, with what dominates. */
export function formatMemory(training: TrainingMemory, inference: InferenceMemory, report: CostReport): string {
  const t = training;
  const pairLayer = report.layers[inference.largestPairLayer];
  return [
    `Memory at batch ${t.batch}, ${report.dtype} (MiB):`,
    `  training (${t.optimizer}): weights ${mib(t.weights)} + gradients ${mib(t.gradients)} + optimizer state ${mib(t.optimizerState)}` +
      ` + input ${mib(t.input)} + activations kept ${mib(t.activations)} + gradient workspace ${mib(t.gradientWorkspace)}` +
      ` = ${mib(t.total)} MiB; largest: ${t.dominant}`,
    `  inference: weights ${mib(inference.weights)} + largest live activation pair ${mib(inference.activations)} (in/out of ${pairLayer.name})` +
      ` = ${mib(inference.total)} MiB; largest: ${inference.dominant}`,
  ].join("\n");
}
