/**
 * Lookups over exercise 2's chip studies: the intensity of each layer, one
 * study's row, and the "compute share / ridge" cell of the chip-models table.
 */
import { countCosts } from "../../cost/count";
import { workItems } from "../../cost/roofline";
import { formatPercent } from "../../format";
import type { NetworkSpec } from "../../models/spec";
import type { ChipStudyRow } from "./chip-study";

/** Intensities print with 2 decimals below 10 FLOP/B, 1 above. */
const fmt = (x: number) => x.toFixed(x < 10 ? 2 : 1);

/** FLOP per byte of each conv and dense layer's forward pass at `batch`. */
export function layerIntensities(spec: NetworkSpec, batch: number): { name: string; intensity: number }[] {
  return workItems(countCosts(spec, { batch }), "inference")
    .filter((w) => /^(Conv2d|Linear)/.test(w.name))
    .map((w) => ({ name: w.name.replace(" forward", ""), intensity: w.flops / w.bytes }));
}

/** The study's row for one network and workload. */
export function studyRow(study: ChipStudyRow[], network: string, mode: string, batch: number): ChipStudyRow {
  const row = study.find((r) => r.network === network && r.mode === mode && r.batch === batch);
  if (!row) throw new Error(`the chip study has no row for ${network}, ${mode}, batch ${batch}`);
  return row;
}

/** "compute share / ridge" of the best chip, for the table of chip models. */
export function shareAndRidge(row: ChipStudyRow): string {
  return `${formatPercent(row.tradeoff.best.computeShare)} / ${fmt(row.bestRidge)}`;
}
