/**
 * The formulas a student applies by hand to one convolution (parameters, MACs,
 * output bytes), evaluated from the layer's shapes and checked against the
 * cost counter's row for the same layer.
 */
import type { CostReport } from "../../cost/count";
import { formatMarkdownTable, withCommas } from "../../format";
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

/** The worked example as a table: each formula, the layer's numbers put in, its value and the counter's. */
export function handCountTable(h: HandCount, report: CostReport): string {
  const row = report.layers.find((l) => l.name === h.layer);
  if (!row) throw new Error(`handCountTable: no layer "${h.layer}" in the report`);
  const { inChannels: ci, outChannels: co, kernel: k, outHeight: ho, outWidth: wo } = h;
  const b = report.bytesPerElement;
  return formatMarkdownTable(
    ["Quantity", "Formula", `${h.layer}'s numbers`, "By hand", "Cost counter"],
    [
      ["parameters", "c_i·c_o·k² + c_o", `${ci}·${co}·${k}² + ${co}`, withCommas(h.params), withCommas(row.params)],
      ["MACs", "c_i·c_o·k²·h_o·w_o", `${ci}·${co}·${k}²·${ho}·${wo}`, withCommas(h.macs), withCommas(row.macs)],
      ["FLOPs", "2 × MACs", `2·${withCommas(h.macs)}`, withCommas(2 * h.macs), withCommas(row.flops)],
      [
        "output bytes, 1 image",
        `${b}·c_o·h_o·w_o`,
        `${b}·${co}·${ho}·${wo}`,
        withCommas(h.outputBytes),
        withCommas(row.outputBytes),
      ],
    ],
  );
}
