/**
 * The four size figures torchsummary prints under its table, computed its way:
 * "MB" is 2^20 bytes; "Forward/backward pass size" is 2 × the sum of every layer's
 * output size (each output counted once more for its gradient) — flatten and dropout
 * outputs included, and nothing for gradients of weights, optimizer state or the
 * gradient workspace. It understates training memory; see trainingMemory for that.
 * torchsummary always assumes 4-byte elements; here the report's dtype is used.
 */
import type { CostReport } from "./count";

export interface TorchsummaryFigures {
  totalParams: number;
  inputMB: number;
  forwardBackwardMB: number;
  paramsMB: number;
  totalMB: number;
}

const MB = 2 ** 20;

export function torchsummaryFigures(report: CostReport): TorchsummaryFigures {
  const outputs = report.layers.reduce((sum, l) => sum + l.outputBytes, 0);
  const inputMB = report.inputBytes / MB;
  const forwardBackwardMB = (2 * outputs) / MB;
  const paramsMB = (report.params * report.bytesPerElement) / MB;
  return {
    totalParams: report.params,
    inputMB,
    forwardBackwardMB,
    paramsMB,
    totalMB: inputMB + forwardBackwardMB + paramsMB,
  };
}
