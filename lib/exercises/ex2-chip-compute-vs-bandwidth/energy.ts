/**
 * Power, the part of the chip designer's question the area model leaves out.
 * Energy per operation and per DRAM byte are published figures (Horowitz, ISSCC
 * 2014, 45 nm); a workload's energy is Σ FLOPs · e_FLOP + Σ bytes · e_byte, and a
 * chip capped at P watts cannot finish it faster than energy / P. The power-capped
 * time of a split s is max(roofline time(s), energy / P).
 */
import { countCosts } from "../../cost/count";
import type { DType } from "../../cost/dtype";
import { workItems } from "../../cost/roofline";
import { duration, formatMarkdownTable, formatPercent, formatRatio } from "../../format";
import type { NetworkSpec } from "../../models/spec";
import { timeAtShare, type ChipStudyRow } from "./chip-study";

/** Picojoules per operation at 45 nm, 0.9 V. */
export const ENERGY_45NM = {
  fp32Multiply: 3.7,
  fp32Add: 0.9,
  fp16Multiply: 1.1,
  fp16Add: 0.4,
  int8Multiply: 0.2,
  int8Add: 0.03,
  /** One 32-bit word read from an 8 KB on-chip SRAM. */
  sram32bitRead: 5,
  /** One 32-bit word read from off-chip DRAM. */
  dram32bitRead: 640,
  source:
    'M. Horowitz, "Computing\'s energy problem (and what we can do about it)", ISSCC 2014, energy table for a 45 nm ' +
    "process at 0.9 V (32-bit float multiply 3.7 pJ, add 0.9 pJ; 16-bit float 1.1 / 0.4 pJ; 8-bit int 0.2 / 0.03 pJ; " +
    "32-bit read from an 8 KB SRAM 5 pJ, from DRAM 640 pJ)",
} as const;

export interface EnergyCosts {
  /** Joules per FLOP (half a multiply-add). */
  perFlop: number;
  /** Joules per byte moved to or from DRAM. */
  perDramByte: number;
}

const PJ = 1e-12;

/** Energy per FLOP and per DRAM byte for a dtype from the 45 nm table (a multiply-add is 2 FLOPs). */
export function energyCosts(dtype: Extract<DType, "fp32" | "fp16" | "int8">): EnergyCosts {
  const e = ENERGY_45NM;
  const mac = { fp32: e.fp32Multiply + e.fp32Add, fp16: e.fp16Multiply + e.fp16Add, int8: e.int8Multiply + e.int8Add }[
    dtype
  ];
  return { perFlop: (mac / 2) * PJ, perDramByte: (e.dram32bitRead / 4) * PJ };
}

export interface WorkloadEnergy {
  flopJoules: number;
  dramJoules: number;
  total: number;
}

/** Energy of one inference or training step of `spec` at `batch`, its tensors in `dtype`. */
export function workloadEnergy(
  spec: NetworkSpec,
  mode: ChipStudyRow["mode"],
  batch: number,
  dtype: Extract<DType, "fp32" | "fp16" | "int8">,
): WorkloadEnergy {
  const work = workItems(countCosts(spec, { batch, dtype }), mode);
  const costs = energyCosts(dtype);
  const flopJoules = work.reduce((a, w) => a + w.flops, 0) * costs.perFlop;
  const dramJoules = work.reduce((a, w) => a + w.bytes, 0) * costs.perDramByte;
  return { flopJoules, dramJoules, total: flopJoules + dramJoules };
}

export interface CappedChip {
  capWatts: number;
  /** energy / cap: no split finishes the workload sooner. */
  floorSeconds: number;
  /** Best time under the cap over its best uncapped time (1 when the cap does not bind). */
  slowdown: number;
  /** The compute shares whose roofline time is within the floor: under a binding cap they all tie. */
  tiedShares?: [number, number];
}

/** The power-capped variant of a study row's trade-off. */
export function cappedChip(row: ChipStudyRow, energy: WorkloadEnergy, capWatts: number): CappedChip {
  if (!(capWatts > 0)) throw new RangeError(`capWatts must be positive, got ${capWatts}`);
  const floorSeconds = energy.total / capWatts;
  const best = row.tradeoff.best.seconds;
  const slowdown = Math.max(best, floorSeconds) / best;
  if (floorSeconds <= best) return { capWatts, floorSeconds, slowdown };
  const shares = Array.from({ length: 999 }, (_, i) => (i + 1) / 1000).filter(
    (s) => timeAtShare(row, s) <= floorSeconds,
  );
  return { capWatts, floorSeconds, slowdown, tiedShares: [shares[0], shares[shares.length - 1]] };
}

const mj = (joules: number) => `${(1e3 * joules).toFixed(joules < 1e-3 ? 3 : 2)}`;

/** Energy per image in fp32 and fp16, and the power each workload draws on its best uncapped chip. */
export function energyTable(rows: ChipStudyRow[], spec: NetworkSpec): string {
  return formatMarkdownTable(
    [
      "Workload",
      "FLOP energy per image (mJ)",
      "DRAM energy per image (mJ)",
      "DRAM share",
      "Power on its best chip (W)",
      "fp16: energy per image (mJ)",
    ],
    rows.map((r) => {
      const e = workloadEnergy(spec, r.mode, r.batch, "fp32");
      const half = workloadEnergy(spec, r.mode, r.batch, "fp16");
      return [
        r.label,
        mj(e.flopJoules / r.batch),
        mj(e.dramJoules / r.batch),
        formatPercent(e.dramJoules / e.total),
        (e.total / r.tradeoff.best.seconds).toFixed(0),
        mj(half.total / r.batch),
      ];
    }),
  );
}

/** Time under each power cap, as a multiple of the uncapped best, with the splits that tie. */
export function cappedTable(rows: ChipStudyRow[], spec: NetworkSpec, caps: number[]): string {
  return formatMarkdownTable(
    ["Workload", ...caps.map((c) => `${c} W cap: time (× uncapped best) / compute shares that tie`)],
    rows.map((r) => {
      const e = workloadEnergy(spec, r.mode, r.batch, "fp32");
      return [
        r.label,
        ...caps.map((c) => {
          const capped = cappedChip(r, e, c);
          const ties = capped.tiedShares
            ? ` / ${formatPercent(capped.tiedShares[0], 0)}–${formatPercent(capped.tiedShares[1], 0)}`
            : " / only the best";
          return `${duration(Math.max(capped.floorSeconds, r.tradeoff.best.seconds))} (${formatRatio(capped.slowdown)})${ties}`;
        }),
      ];
    }),
  );
}
