/** Exercise 2's answer: one sentence each for the area split, power, and which workload the chip is for. */
import { ridgePoint, type Device } from "../../cost/devices";
import { formatPercent, formatRatio } from "../../format";
import type { NetworkSpec } from "../../models/spec";
import { designMismatch, type ChipStudyRow } from "./chip-study";
import { cappedChip, workloadEnergy, workloadList } from "./energy";
import { studyRow } from "./findings";

export function chipDesignAnswer(
  study: ChipStudyRow[],
  spec: NetworkSpec,
  reference: Device,
  capWatts: number,
): string {
  const a1 = studyRow(study, "AlexNet", "inference", 1);
  const t128 = studyRow(study, "AlexNet", "training", 128);
  const rows = study.filter((r) => r.network === "AlexNet");
  const slowdown = designMismatch(rows);
  const e1 = workloadEnergy(spec, a1.mode, a1.batch, "fp32");
  const capped = rows.map((r) => cappedChip(r, workloadEnergy(spec, r.mode, r.batch, "fp32"), capWatts));
  const bound = rows.filter((_, i) => capped[i].tiedShares);
  return [
    `1. **Area.** Place the ridge point on the workload's intensities rather than split the area evenly: for AlexNet ` +
      `training at batch 128 the best chip spends ${formatPercent(t128.tradeoff.best.computeShare)} of its area on ` +
      `compute (ridge ${t128.bestRidge.toFixed(1)} FLOP/B), for inference at batch 1 ` +
      `${formatPercent(a1.tradeoff.best.computeShare)} (ridge ${a1.bestRidge.toFixed(1)}, below the V100's ` +
      `${ridgePoint(reference).toFixed(1)}).`,
    `2. **Power.** DRAM traffic, not arithmetic, is most of the energy at batch 1 ` +
      `(${formatPercent(e1.dramJoules / e1.total)} for one AlexNet inference with the 45 nm figures); ` +
      (bound.length
        ? `under a ${capWatts} W cap ${workloadList(bound, rows.length)} ${bound.length === 1 ? "is" : "are"} ` +
          "power-bound and a range of splits ties, "
        : `a ${capWatts} W cap binds none of the four workloads in this model, `) +
      "so the levers are fewer joules per byte and per FLOP: reduced precision, on-chip SRAM, stacked memory.",
    `3. **Workload.** Decide the batch size the chip is for: built for one batch size it runs AlexNet at the other ` +
      `up to ${formatRatio(Math.max(...slowdown.flat()))} slower.`,
  ].join("\n");
}
