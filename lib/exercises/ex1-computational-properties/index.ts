// Exercise 1: memory and compute of AlexNet's convolutional vs dense part; time per layer.
// Notebook 1 imports it as "d2l-alexnet/ex1".
export { partTotals, partsTable, type PartTotals } from "./parts";
export { flopsByGroupTable } from "./flops-table";
export { handCount, handCountTable, type HandCount } from "./hand-formulas";
export { rooflineItem, type TimedRun } from "./timed-run";
export {
  forwardTimeTable,
  layerRatios,
  LAYER_KINDS,
  SMALL_LAYER_SECONDS,
  timeByKind,
  timeByKindTable,
  type KindTime,
  type LayerKind,
  type LayerRatio,
  type PartTimes,
} from "./layer-times";
