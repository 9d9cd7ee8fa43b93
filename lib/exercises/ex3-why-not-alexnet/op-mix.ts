/** Where a network's multiply-accumulates and parameters sit, by kind of layer ("conv 3×3", "dense"). */
import { countCosts } from "../../cost/count";
import type { NetworkSpec } from "../../models/spec";

export interface OperationShare {
  operation: string;
  macs: number;
  params: number;
  macsShare: number;
  paramsShare: number;
}

export function operationMix(spec: NetworkSpec): OperationShare[] {
  const report = countCosts(spec);
  const byOperation = new Map<string, { macs: number; params: number }>();
  for (const l of report.layers) {
    const layer = spec.layers[l.index];
    const operation =
      layer.type === "conv2d" ? `conv ${layer.kernel}×${layer.kernel}` : layer.type === "dense" ? "dense" : undefined;
    if (!operation) continue;
    const entry = byOperation.get(operation) ?? { macs: 0, params: 0 };
    entry.macs += l.macs;
    entry.params += l.params;
    byOperation.set(operation, entry);
  }
  return [...byOperation].map(([operation, { macs, params }]) => ({
    operation,
    macs,
    params,
    macsShare: macs / report.macs,
    paramsShare: params / report.params,
  }));
}
