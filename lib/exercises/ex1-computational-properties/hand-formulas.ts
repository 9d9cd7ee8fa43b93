/**
 * The formulas a student applies by hand to one convolution (parameters, MACs,
 * output bytes), evaluated from the layer's shapes and checked against the
 * cost counter's row for the same layer.
 */
import type { CostReport } from "../../cost/count";
import { withCommas } from "../../format";
import type { NetworkSpec } from "../../models/spec";

export interface HandCount {
  layer: string;
  inChannels: number;
  outChannels: number;
  kernel: number;
  outHeight: number;
  outWidth: number;
  params: number;
  macs: number;
  outputBytes: number;
  /** The counter's row gives the same three numbers. */
  matchesCounter: boolean;
}

/** params = c_i·c_o·k² + c_o, MACs = c_i·c_o·k²·h_o·w_o, output bytes = b·c_o·h_o·w_o for the convolution named `name`. */
export function handCount(spec: NetworkSpec, report: CostReport, name: string): HandCount {
  const row = report.layers.find((l) => l.name === name);
  const layer = row && spec.layers[row.index];
  if (!row || layer?.type !== "conv2d") throw new Error(`handCount: "${name}" is not a convolution of ${spec.name}`);
  const [inChannels] = row.inputShape;
  const [outChannels, outHeight, outWidth] = row.outputShape;
  const k = layer.kernel;
  const params = inChannels * outChannels * k * k + outChannels;
  const macs = inChannels * outChannels * k * k * outHeight * outWidth;
  const outputBytes = report.bytesPerElement * outChannels * outHeight * outWidth;
  return {
    layer: name,
    inChannels,
    outChannels,
    kernel: k,
    outHeight,
    outWidth,
    params,
    macs,
    outputBytes,
    matchesCounter: params === row.params && macs === row.macs && outputBytes === row.outputBytes,
  };
}

/** The worked example as markdown: each formula with the layer's numbers put in. */
export function handCountMarkdown(h: HandCount, bytesPerElement: number): string {
  const { inChannels: ci, outChannels: co, kernel: k, outHeight: ho, outWidth: wo } = h;
  return [
    `${h.layer} reads ${ci} channels and writes ${co} channels of ${ho}×${wo} with a ${k}×${k} kernel:`,
    "",
    `- parameters = c_i·c_o·k² + c_o = ${ci}·${co}·${k}² + ${co} = **${withCommas(h.params)}**`,
    `- MACs = c_i·c_o·k²·h_o·w_o = ${ci}·${co}·${k}²·${ho}·${wo} = **${withCommas(h.macs)}** ` +
      `(FLOPs = 2 × MACs = ${withCommas(2 * h.macs)})`,
    `- output bytes = ${bytesPerElement}·c_o·h_o·w_o = ${bytesPerElement}·${co}·${ho}·${wo} = ` +
      `**${withCommas(h.outputBytes)}** per image`,
    "",
    h.matchesCounter
      ? "The cost counter's row for this layer gives the same three numbers."
      : "The cost counter's row for this layer gives different numbers: one of the two is wrong.",
  ].join("\n");
}
