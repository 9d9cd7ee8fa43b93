// Exercise 1: memory and compute of AlexNet's convolutional vs dense part; time per layer.
export { timeForwardPasses, type ForwardTimes, type LayerTime } from "./layer-timing";
export {
  computeFindings,
  flopsByGroupTable,
  forwardTimeTable,
  partsTable,
  partTotals,
  rooflineItem,
  trainingVsInferenceFindings,
  weightsVsActivationsFindings,
  type RooflineFacts,
  type TimedRun,
} from "./findings";
