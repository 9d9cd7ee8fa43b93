// Exercise 3: why AlexNet is no longer a benchmark.
export { ALEXNET_PAPER, MLPERF, PUBLISHED_MODELS, findPublished, type PublishedModel } from "./published";
export { countedRow, publishedRow, type ComparisonRow } from "./comparison";
export { comparisonTable } from "./comparison-table";
export { operationMix, type OperationShare } from "./op-mix";
export { saturation, type LayerSaturation, type Saturation } from "./saturation";
export { denseTimeShare, runtimeTable } from "./saturation-table";
export {
  frontierFindings,
  operationMixTable,
  whyNotAlexnetAnswer,
  saturationFindings,
  whyNotAlexnet,
  type Scenario,
  type WhyNotFacts,
} from "./findings";
export { measureForward, type MeasuredForward } from "./measured-forward";
