// Exercise 1: memory and compute of AlexNet's convolutional vs dense part; time per layer.
export { timeForwardPasses, type ForwardTimes, type LayerTime } from "./layer-timing";
export {
  computeFindings,
  flopsByGroupTable,
  forwardTimeTable,
  partsTable,
  partTotals,
  trainingVsInferenceFindings,
  weightsVsActivationsFindings,
  bookFlopsRemark,
} from "./findings";
export { rooflineItem, type RooflineFacts, type TimedRun } from "./facts";
export { handCount, handCountMarkdown, type HandCount } from "./hand-formulas";
export { fmaPeakFlops, loadLatency, type LoadLatency } from "./machine-probes";
export { layerRatios, measuredFindings, memoryLatencyFindings, type LayerRatio } from "./measured";
export { computationalPropertiesAnswer } from "./answer";
