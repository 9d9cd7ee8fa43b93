/**
 * Exercise 2 over several workloads at once: for each network × (mode, batch), the chip
 * trade-off of chip.ts plus what explains its optimum — the workload's arithmetic
 * intensity, the best chip's ridge point, and how its time splits between the roofs.
 */
import { chipDevice, chipTradeoff, type ChipModel, type ChipTradeoff } from "../../cost/chip";
import { countCosts } from "../../cost/count";
import { rooflineTime, workItems, type RooflineMode, type Work } from "../../cost/roofline";
import type { NetworkSpec } from "../../models/spec";

export interface Workload {
  mode: RooflineMode;
  batch: number;
}

export interface ChipStudyRow extends Workload {
  network: string;
  /** "inference, batch 1" */
  label: string;
  work: (Work & { name: string })[];
  model: ChipModel;
  tradeoff: ChipTradeoff;
  /** Σ FLOPs / Σ bytes of the workload, FLOP per byte. */
  intensity: number;
  /** Least and greatest intensity among its work items. */
  intensityRange: [number, number];
  /** Peak / bandwidth of the best chip, FLOP per byte. */
  bestRidge: number;
  /** Share of the best chip's time spent in compute-bound work items. */
  computeBoundShare: number;
  /**
   * The work items whose intensities bracket the best ridge: `below` is the most intense
   * memory-bound item, `above` the least intense compute-bound one. When the optimum sits
   * on an item's own intensity (a kink of the time curve) that item is both.
   */
  ridgeBracket: { below?: NamedIntensity; above?: NamedIntensity };
}

export interface NamedIntensity {
  name: string;
  intensity: number;
}

const KINK_TOLERANCE = 0.005;

function ridgeBracket(work: (Work & { name: string })[], ridge: number): ChipStudyRow["ridgeBracket"] {
  const items = work.map((w) => ({ name: w.name, intensity: w.flops / w.bytes }));
  const below = items
    .filter((i) => i.intensity <= ridge * (1 + KINK_TOLERANCE))
    .reduce<NamedIntensity | undefined>((a, i) => (!a || i.intensity > a.intensity ? i : a), undefined);
  const above = items
    .filter((i) => i.intensity >= ridge * (1 - KINK_TOLERANCE))
    .reduce<NamedIntensity | undefined>((a, i) => (!a || i.intensity < a.intensity ? i : a), undefined);
  return { below, above };
}

export function chipStudy(specs: NetworkSpec[], workloads: Workload[], model: ChipModel): ChipStudyRow[] {
  return specs.flatMap((spec) =>
    workloads.map(({ mode, batch }) => {
      const work = workItems(countCosts(spec, { batch, dtype: model.dtype }), mode);
      const tradeoff = chipTradeoff(work, model);
      const flops = work.reduce((a, w) => a + w.flops, 0);
      const bytes = work.reduce((a, w) => a + w.bytes, 0);
      const intensities = work.map((w) => w.flops / w.bytes);
      const { best } = tradeoff;
      const bestRidge = best.peakFlops / best.bandwidth;
      return {
        network: spec.name ?? "network",
        mode,
        batch,
        label: `${mode}, batch ${batch}`,
        work,
        model,
        tradeoff,
        intensity: flops / bytes,
        intensityRange: [Math.min(...intensities), Math.max(...intensities)] as [number, number],
        bestRidge,
        computeBoundShare: 1 - best.memoryBoundSeconds / best.seconds,
        ridgeBracket: ridgeBracket(work, bestRidge),
      };
    }),
  );
}

/** Roofline time of a row's workload on the chip that gives `computeShare` of its area to compute. */
export function timeAtShare(row: ChipStudyRow, computeShare: number): number {
  const device = chipDevice(row.model, computeShare);
  return row.work.reduce((a, w) => a + rooflineTime(w, device).seconds, 0);
}

/**
 * slowdown[d][r]: time of workload r on the chip best for workload d, over r's own best
 * time (1 on the diagonal): what building one chip for another workload costs.
 */
export function designMismatch(rows: ChipStudyRow[]): number[][] {
  return rows.map((design) =>
    rows.map((run) => timeAtShare(run, design.tradeoff.best.computeShare) / run.tradeoff.best.seconds),
  );
}
