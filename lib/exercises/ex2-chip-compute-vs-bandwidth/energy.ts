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

/** "inference at batch 1 and training at batch 1"; "all four workloads" when every row is listed. */
export function workloadList(listed: ChipStudyRow[], of: number): string {
  if (listed.length === of && of > 2) return `all ${of === 4 ? "four" : of} workloads`;
  const names = listed.map((r) => `${r.mode} at batch ${r.batch}`);
  return names.length < 2 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
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

/** What power adds to the answer, from the tables' numbers. */
export function powerFindings(rows: ChipStudyRow[], spec: NetworkSpec, caps: number[]): string {
  const e = ENERGY_45NM;
  const perByte = energyCosts("fp32").perDramByte;
  const perFlop = energyCosts("fp32").perFlop;
  const energies = rows.map((r) => ({ r, e: workloadEnergy(spec, r.mode, r.batch, "fp32") }));
  const dramShares = energies.map(({ e: w }) => w.dramJoules / w.total);
  const hungriest = energies.reduce((a, x) =>
    x.e.total / x.r.tradeoff.best.seconds > a.e.total / a.r.tradeoff.best.seconds ? x : a,
  );
  const fp16Saving = rows.map(
    (r) => workloadEnergy(spec, r.mode, r.batch, "fp32").total / workloadEnergy(spec, r.mode, r.batch, "fp16").total,
  );
  const tightest = Math.min(...caps);
  const bound = energies.filter(({ r, e: w }) => cappedChip(r, w, tightest).tiedShares);
  return [
    `- **A DRAM byte costs far more energy than a FLOP.** In Horowitz's 45 nm figures a 32-bit DRAM read is ` +
      `${e.dram32bitRead} pJ, ${(perByte / PJ).toFixed(0)} pJ per byte, against ${(perFlop / PJ).toFixed(2)} pJ per fp32 ` +
      `FLOP (a ${e.fp32Multiply} pJ multiply plus a ${e.fp32Add} pJ add per two FLOPs): one byte from DRAM costs as much ` +
      `as ${(perByte / perFlop).toFixed(0)} FLOPs, and a read from a small on-chip SRAM (${e.sram32bitRead} pJ per ` +
      `32 bits) ${(e.dram32bitRead / e.sram32bitRead).toFixed(0)}× less than from DRAM. Absolute figures shrink at ` +
      "newer process nodes; Horowitz's own conclusion is that moving data, not computing on it, dominates.",
    `- **AlexNet's energy goes to DRAM traffic unless the batch is large**: DRAM takes ` +
      `${formatPercent(Math.min(...dramShares))}–${formatPercent(Math.max(...dramShares))} of each workload's energy ` +
      `(table). The hungriest is ${hungriest.r.mode} at batch ${hungriest.r.batch}, which would draw ` +
      `${(hungriest.e.total / hungriest.r.tradeoff.best.seconds).toFixed(0)} W on its best chip. Bandwidth is paid ` +
      "twice: in area for the pins and in power for every byte.",
    `- **Under a power cap the split stops mattering.** No chip finishes a workload faster than its energy over the cap. ` +
      (bound.length
        ? `At ${tightest} W that floor binds ${workloadList(
            bound.map(({ r }) => r),
            rows.length,
          )}: every split whose roofline ` +
          "time is under the floor ties, so area beyond what the power can feed is wasted, and the designer gains " +
          "speed only by spending less energy per operation."
        : `Even at ${tightest} W the floor stays under every workload's best roofline time here, so with these ` +
          "figures area, not power, limits the design."),
    `- **Reduced precision cuts both bytes and energy.** fp16 halves the bytes and cuts a multiply-add from ` +
      `${(e.fp32Multiply + e.fp32Add).toFixed(1)} to ${(e.fp16Multiply + e.fp16Add).toFixed(1)} pJ: AlexNet's energy ` +
      `per image falls ${formatRatio(Math.min(...fp16Saving))}–${formatRatio(Math.max(...fp16Saving))}, and int8 ` +
      `multiply-adds cost ${(e.int8Multiply + e.int8Add).toFixed(2)} pJ.`,
    "- **Where the bytes come from** sets their price (reasoning, with the figures above as the scale): on-chip SRAM " +
      "is the cheapest per byte but small; HBM stacks DRAM beside the chip on an interposer, with short, wide, slow " +
      "wires, so more bandwidth per watt and per pin than GDDR, whose chips sit on the board behind long, fast " +
      "traces; GDDR is cheaper per gigabyte. A designer facing AlexNet at batch 1 would keep the dense weights in " +
      "SRAM or HBM, not add GDDR pins.",
  ].join("\n");
}
