/**
 * Exercise 2's findings as markdown, every number read off the chip studies:
 * where the best split of area between compute and bandwidth lands for each
 * workload, why (the layers' arithmetic intensities), how much a chip built for
 * one workload loses on another, and what carries over to other chip models.
 */
import { countCosts } from "../../cost/count";
import type { Device } from "../../cost/devices";
import { ridgePoint } from "../../cost/devices";
import { OPTIMIZER_UPDATE, workItems } from "../../cost/roofline";
import { formatPercent } from "../../format";
import type { NetworkSpec } from "../../models/spec";
import { designMismatch, type ChipStudyRow } from "./chip-study";

/** Intensities print with 2 decimals below 10 FLOP/B, 1 above. */
const fmt = (x: number) => x.toFixed(x < 10 ? 2 : 1);
const range = (values: number[]) => `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;

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

/** AlexNet's four workloads, the rows every finding cites. */
function alexnetRows(study: ChipStudyRow[]) {
  return {
    a1: studyRow(study, "AlexNet", "inference", 1),
    a128: studyRow(study, "AlexNet", "inference", 128),
    t1: studyRow(study, "AlexNet", "training", 1),
    t128: studyRow(study, "AlexNet", "training", 128),
  };
}

/** Batch 1, batch 128, training vs inference: where AlexNet's optimum lands and which layer puts it there. */
export function alexnetSplitFindings(study: ChipStudyRow[], spec: NetworkSpec, reference: Device): string {
  const { a1, a128, t1, t128 } = alexnetRows(study);
  const [b1, b128] = [layerIntensities(spec, 1), layerIntensities(spec, 128)];
  const dense1 = b1.filter((l) => l.name.startsWith("Linear")).map((l) => l.intensity);
  const conv1 = b1.filter((l) => l.name.startsWith("Conv2d")).map((l) => l.intensity);
  // The two 4096-unit dense layers of d2l's AlexNet.
  const big = /^Linear-(15|18)\b/;
  const big128 = b128.filter((l) => big.test(l.name));
  const bigWork = a128.work.filter((w) => big.test(w.name));
  const share = (f: (w: ChipStudyRow["work"][number]) => number) =>
    bigWork.reduce((a, w) => a + f(w), 0) / a128.work.reduce((a, w) => a + f(w), 0);
  const sgd = OPTIMIZER_UPDATE.sgd;
  const sgdBytes = 4 * sgd.tensorsMoved;
  const compute = (r: ChipStudyRow) => formatPercent(r.tradeoff.best.computeShare);
  return [
    `- **Batch 1.** AlexNet's dense layers use each weight once per image: ${range(dense1)} FLOP/B ` +
      `(2 FLOPs per 4-byte weight). Its convolutions reuse every weight at each output position: ${range(conv1)} FLOP/B. ` +
      `Nothing lies in between, so the optimum is the time balance of case 1: ${compute(a1)} of the area on compute, ` +
      `ridge ${fmt(a1.bestRidge)} FLOP/B — below the V100's own ${fmt(ridgePoint(reference))}, i.e. more bandwidth than NVIDIA chose.`,
    `- **Batch 128.** Each dense weight is now used 128 times per read: the two 4096-wide dense layers rise to ` +
      `${big128.map((l) => `${fmt(l.intensity)} (${l.name})`).join(" and ")} FLOP/B and the whole workload from ` +
      `${fmt(a1.intensity)} to ${fmt(a128.intensity)}. The optimum moves to ${compute(a128)} compute and sits *on* ` +
      `${a128.ridgeBracket.below?.name}'s intensity, ${fmt(a128.bestRidge)} FLOP/B (case 2). Below that ridge compute is short ` +
      "for everything but the small memory-bound items (pooling, activations, the 10-unit output layer); above it the two " +
      `big dense layers, ${formatPercent(share((w) => w.flops))} of the FLOPs but ${formatPercent(share((w) => w.bytes))} ` +
      "of the bytes, would turn memory-bound and stream their weights at bandwidth speed.",
    `- **Training vs inference.** At batch 1 training wants *more* bandwidth than inference (${compute(t1)} vs ` +
      `${compute(a1)} compute, ridge ${fmt(t1.bestRidge)} vs ${fmt(a1.bestRidge)}): the dense layers' backward passes read ` +
      `the weights again and write their gradients (${fmt(t1.ridgeBracket.below?.intensity ?? NaN)} FLOP/B for ` +
      `${t1.ridgeBracket.below?.name}), and the SGD update moves ${sgdBytes} bytes per parameter for ${sgd.flops} FLOPs ` +
      `(${fmt(sgd.flops / sgdBytes)} FLOP/B) — memory-bound at any batch size. At batch 128 the two agree ` +
      `(${compute(t128)} and ${compute(a128)}): the update is paid once per 128 images, and the same dense layer sits at the ridge.`,
  ].join("\n");
}

/** LeNet's rows: low intensity everywhere, and weights small enough for on-chip SRAM. */
export function lenetFindings(study: ChipStudyRow[], lenet: NetworkSpec): string {
  const rows = study.filter((r) => r.network === "LeNet");
  const weightsKiB = (countCosts(lenet).params * 4) / 1024;
  return (
    `- **LeNet** is less intense everywhere (${rows.map((r) => `${fmt(r.intensity)} FLOP/B for ${r.label}`).join("; ")}): ` +
    "its convolutions have 6 and 16 output channels, so each input value is reused by few filters, and its dense layers " +
    "are tiny. The best split is bandwidth-heavy for every workload " +
    `(${rows.map((r) => formatPercent(r.tradeoff.best.computeShare)).join(", ")} compute). But LeNet's weights and ` +
    `activations are a few hundred kilobytes (${weightsKiB.toFixed(0)} KiB of fp32 weights): on any real chip they would ` +
    'stay in on-chip SRAM, which this DRAM-only model does not have. For a network this small the honest answer is "spend ' +
    'the area on SRAM", not on pins.'
  );
}

/** How much slower the training chip serves and the serving chip trains. */
export function mismatchFinding(study: ChipStudyRow[]): string {
  const rows = study.filter((r) => r.network === "AlexNet");
  const { a1, a128, t128 } = alexnetRows(study);
  const slowdown = designMismatch(rows);
  const at = (built: ChipStudyRow, run: ChipStudyRow) =>
    `×${slowdown[rows.indexOf(built)][rows.indexOf(run)].toFixed(2)}`;
  return (
    `The training chip (batch 128) serves single requests ${at(t128, a1)} slower than a chip built for them; the serving ` +
    `chip trains ${at(a1, t128)} slower. Within each regime the choice hardly matters (training vs inference at batch 128: ` +
    `${at(t128, a128)}): **batch size, not training vs inference, is what splits the design.**`
  );
}

/**
 * The same study under other chip models (`studies[k]` row-aligned with `study`):
 * how far the percentages move, whether the ordering of workloads holds, and
 * whether AlexNet's batch-128 ridge stays put under the first two models.
 */
export function robustnessFinding(study: ChipStudyRow[], studies: ChipStudyRow[][]): string {
  const computeShare = (s: ChipStudyRow[], network: string, mode: string, batch: number) =>
    studyRow(s, network, mode, batch).tradeoff.best.computeShare;
  const orderingHolds = studies.map((s) =>
    ["AlexNet", "LeNet"].every(
      (n) =>
        computeShare(s, n, "training", 1) < computeShare(s, n, "inference", 1) &&
        computeShare(s, n, "inference", 1) < computeShare(s, n, "inference", 128),
    ),
  );
  const spread = Math.max(
    ...study.map((_, i) => {
      const shares = studies.map((s) => s[i].tradeoff.best.computeShare);
      return Math.max(...shares) - Math.min(...shares);
    }),
  );
  const { t128 } = alexnetRows(study);
  const holds = orderingHolds.filter(Boolean).length;
  const ridges = studies.slice(0, 2).map((s) => fmt(studyRow(s, "AlexNet", "training", 128).bestRidge));
  return (
    `The percentages move by up to ${(100 * spread).toFixed(1)} points between models, so ` +
    `"${formatPercent(t128.tradeoff.best.computeShare)} compute" is not a law. The ordering — training at batch 1 wants ` +
    "the most bandwidth, then inference at batch 1, then batch 128 — " +
    `${holds === studies.length ? `holds in all ${studies.length} models` : `holds in ${holds} of ${studies.length} models`}, ` +
    "and with the V100 calibration AlexNet's batch-128 optimum stays on the same ridge " +
    `(${ridges.join(" and ")} FLOP/B) under both growth laws: what transfers from this model is the target **ridge point**, ` +
    "read off the workload's intensities, more than any percentage of area."
  );
}

/** The four rules a designer can take away, with AlexNet's numbers. */
export function designRules(study: ChipStudyRow[], reference: Device): string {
  const { a1, a128, t128 } = alexnetRows(study);
  const rows = study.filter((r) => r.network === "AlexNet");
  const slowdown = designMismatch(rows);
  const pairs = (sameBatch: boolean) =>
    slowdown.flatMap((row, i) => row.filter((_, j) => (rows[i].batch === rows[j].batch) === sameBatch));
  const acrossBatch = pairs(false);
  const gains = study.map((r) => r.tradeoff.speedup);
  return [
    "1. **Measure the workload, not the chip.** List the intensities of the work the chip will run, per layer and pass, " +
      "at the batch sizes it will serve (table and bar chart above). They cluster: weight-streaming dense layers at " +
      `${fmt(a1.ridgeBracket.below?.intensity ?? NaN)} FLOP/B at batch 1, convolutions from ` +
      `${fmt(a1.ridgeBracket.above?.intensity ?? NaN)} up.`,
    "2. **Place the ridge point, then size the area.** For large-batch training put the ridge on the intensity of the " +
      `layers that carry the bytes (AlexNet: ${fmt(t128.bestRidge)} FLOP/B at batch 128, ` +
      `${formatPercent(t128.tradeoff.best.computeShare)} of this model's area on compute). For batch-1 serving balance the ` +
      `two roofs' times: the best ridge drops to ${fmt(a1.bestRidge)} FLOP/B, below the V100's ` +
      `${fmt(ridgePoint(reference))} — more bandwidth, or on-chip SRAM that keeps the weights near the ALUs and removes ` +
      "the traffic that made those layers memory-bound.",
    "3. **Decide which batch size the chip is for.** A chip built for AlexNet at one batch size runs it at the other " +
      `×${Math.min(...acrossBatch).toFixed(2)}–×${Math.max(...acrossBatch).toFixed(2)} slower than the chip built for that; ` +
      "between training and inference at the same batch size the cost is at most " +
      `×${Math.max(...pairs(true)).toFixed(2)}. That is the case for building large-batch training chips and ` +
      "low-latency serving chips differently.",
    `4. **Remember the software lever.** Batching raised AlexNet's inference intensity ×${(a128.intensity / a1.intensity).toFixed(0)} ` +
      `(${fmt(a1.intensity)} → ${fmt(a128.intensity)} FLOP/B), while the best area split gains only ` +
      `×${Math.min(...gains).toFixed(2)}–×${Math.max(...gains).toFixed(2)} over the V100's even split. A chip's ` +
      "compute/bandwidth ratio is a bet on the batch sizes and layer types its users will run.",
  ].join("\n");
}

/** "compute share / ridge" of the best chip, for the table of chip models. */
export function shareAndRidge(row: ChipStudyRow): string {
  return `${formatPercent(row.tradeoff.best.computeShare)} / ${fmt(row.bestRidge)}`;
}
