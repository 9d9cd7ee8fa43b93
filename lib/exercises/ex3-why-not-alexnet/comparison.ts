/**
 * Exercise 3's table: networks counted from their layer specs next to published figures,
 * in the same units. "Weight reuse" = MACs per parameter: how often each weight is used
 * per image, which sets the arithmetic intensity of reading the weights at batch 1.
 */
import { countCosts } from "../../cost/count";
import type { PublishedModel } from "./published";
import type { NetworkSpec } from "../../models/spec";

export interface ComparisonRow {
  name: string;
  year: number;
  params: number;
  macs: number;
  /** 2 × macs. */
  flops: number;
  /** ImageNet-1k top-1 %, when published for this exact architecture. */
  top1?: number;
  /** macs / params. */
  weightReuse: number;
  /** FLOPs per byte of weights read once, fp32, batch 1: 2·macs / (4·params). */
  weightIntensity: number;
  origin: "counted" | "published";
  source: string;
}

function row(fields: Omit<ComparisonRow, "flops" | "weightReuse" | "weightIntensity">): ComparisonRow {
  return {
    ...fields,
    flops: 2 * fields.macs,
    weightReuse: fields.macs / fields.params,
    weightIntensity: (2 * fields.macs) / (4 * fields.params),
  };
}

/** A network counted by countCosts (batch 1); `top1`/`source` say where an accuracy comes from, if any. */
export function countedRow(
  spec: NetworkSpec,
  { year, top1, source }: { year: number; top1?: number; source: string },
): ComparisonRow {
  const r = countCosts(spec);
  return row({ name: spec.name ?? "network", year, params: r.params, macs: r.macs, top1, origin: "counted", source });
}

export function publishedRow(model: PublishedModel): ComparisonRow {
  const { name, year, params, macs, top1, source } = model;
  return row({ name, year, params, macs, top1, origin: "published", source });
}

/** A row of the comparison by its network's name. */
export function comparisonRow(rows: ComparisonRow[], name: string): ComparisonRow {
  const row = rows.find((r) => r.name === name);
  if (!row) throw new Error(`the comparison has no row "${name}"`);
  return row;
}
