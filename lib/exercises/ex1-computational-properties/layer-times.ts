/**
 * The timed forward passes against the roofline: per layer, per kind of layer,
 * and each layer's measured time over its predicted one.
 */
import { countCosts, type LayerCost } from "../../cost/count";
import { duration, formatMarkdownTable, formatPercent as percent, formatRatio } from "../../format";
import type { NetworkSpec } from "../../models/spec";
import { rooflineItem, type TimedRun } from "./timed-run";

/** The layers worth a row of their own: those with weights, and the max-pools. */
function timedLayers(spec: NetworkSpec): LayerCost[] {
  return countCosts(spec).layers.filter((l) => l.params > 0 || l.type === "maxpool2d");
}

/** Per-layer forward time, predicted and measured, for each timed run. */
export function forwardTimeTable(spec: NetworkSpec, runs: TimedRun[]): string {
  const cells = (predicted: number, measured: number) => [
    duration(predicted),
    duration(measured),
    formatRatio(measured / predicted, 1),
  ];
  return formatMarkdownTable(
    [
      "Layer",
      ...runs.flatMap((r) => [`roofline, batch ${r.batch}`, `measured, batch ${r.batch}`, "measured / roofline"]),
    ],
    [
      ...timedLayers(spec).map((l) => [
        l.name,
        ...runs.flatMap((r) =>
          cells(rooflineItem(r.predicted, `${l.name} forward`).seconds, r.times.layers[l.index].seconds),
        ),
      ]),
      ["whole forward pass", ...runs.flatMap((r) => cells(r.predicted.seconds, r.times.modelSeconds))],
    ],
  );
}

export type LayerKind = "convolutions" | "max-pooling" | "dense layers" | "ReLU, dropout, flatten";
export const LAYER_KINDS: readonly LayerKind[] = [
  "convolutions",
  "max-pooling",
  "dense layers",
  "ReLU, dropout, flatten",
];

function kindOf(l: LayerCost): LayerKind {
  if (l.type === "conv2d") return "convolutions";
  if (l.type === "maxpool2d") return "max-pooling";
  if (l.type === "dense") return "dense layers";
  return "ReLU, dropout, flatten";
}

export interface KindTime {
  kind: LayerKind;
  /** Roofline seconds of the kind's forward items. */
  predicted: number;
  /** Σ measured seconds of the kind's layers, each run alone. */
  measured: number;
}

export interface PartTimes {
  batch: number;
  kinds: KindTime[];
  /** Σ over every layer, predicted (the roofline's whole time) and measured (each layer run alone). */
  predicted: number;
  measured: number;
  /** The whole model's forward pass (model.predict). */
  model: number;
}

/** Forward time by kind of layer: where the roofline puts it and where the measurement does. */
export function timeByKind(spec: NetworkSpec, run: TimedRun): PartTimes {
  const layers = countCosts(spec).layers;
  const predictedOf = (l: LayerCost) => run.predicted.items.find((i) => i.name === `${l.name} forward`)?.seconds ?? 0; // views (flatten) have no item
  const kinds = LAYER_KINDS.map((kind) => {
    const ofKind = layers.filter((l) => kindOf(l) === kind);
    return {
      kind,
      predicted: ofKind.reduce((a, l) => a + predictedOf(l), 0),
      measured: ofKind.reduce((a, l) => a + run.times.layers[l.index].seconds, 0),
    };
  });
  return {
    batch: run.batch,
    kinds,
    predicted: kinds.reduce((a, k) => a + k.predicted, 0),
    measured: kinds.reduce((a, k) => a + k.measured, 0),
    model: run.times.modelSeconds,
  };
}

/** Share of the forward time per kind of layer, roofline against measured, one column pair per run. */
export function timeByKindTable(parts: PartTimes[]): string {
  return formatMarkdownTable(
    ["Layers", ...parts.flatMap((p) => [`roofline, batch ${p.batch}`, `measured, batch ${p.batch}`])],
    [
      ...LAYER_KINDS.map((kind, k) => [
        kind,
        ...parts.flatMap((p) => [
          `${duration(p.kinds[k].predicted)} (${percent(p.kinds[k].predicted / p.predicted)})`,
          `${duration(p.kinds[k].measured)} (${percent(p.kinds[k].measured / p.measured)})`,
        ]),
      ]),
      ["all layers, each run alone", ...parts.flatMap((p) => [duration(p.predicted), duration(p.measured)])],
      ["whole model (predict)", ...parts.flatMap((p) => ["", duration(p.model)])],
    ],
  );
}

export interface LayerRatio {
  name: string;
  batch: number;
  /** Roofline time of the layer's forward pass, seconds. */
  predicted: number;
  measured: number;
  /** Forward FLOPs / measured seconds. */
  attainedFlops: number;
}

/** Measured over roofline time for every timed conv, dense and pooling layer of each run. */
export function layerRatios(spec: NetworkSpec, runs: TimedRun[]): LayerRatio[] {
  return runs.flatMap((run) =>
    timedLayers(spec).map((l) => {
      const item = rooflineItem(run.predicted, `${l.name} forward`);
      const measured = run.times.layers[l.index].seconds;
      return {
        name: l.name,
        batch: run.batch,
        predicted: item.seconds,
        measured,
        attainedFlops: item.flops / measured,
      };
    }),
  );
}

/** Work below this much roofline time counts as a small layer: a few µs of DRAM traffic or arithmetic. */
export const SMALL_LAYER_SECONDS = 100e-6;
