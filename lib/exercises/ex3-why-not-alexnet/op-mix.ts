/** Where a network's multiply-accumulates and parameters sit, by kind of layer ("conv 3×3", "dense"). */
import { countCosts } from "../../cost/count";
import { formatMarkdownTable, formatPercent } from "../../format";
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

/** The share of `spec`'s MACs in the named operations ("conv 1×1", "dense"). */
export function macsShareOf(spec: NetworkSpec, operations: string[]): number {
  return operationMix(spec)
    .filter((o) => operations.includes(o.operation))
    .reduce((a, o) => a + o.macsShare, 0);
}
