/**
 * The library's public surface: what notebooks import as "d2l-alexnet", by
 * name and grouped as docs/architecture.md describes the layers. Internals
 * (backend candidates, file locating, IDX encoding, the Chromium path) stay
 * out; scripts and tests import those by path.
 */
import { checkTfjsVersions } from "./versions";

// Fails loudly at import when tfjs is not the version lib's wasm hooks were written for (docs/architecture.md).
checkTfjsVersions();

// Set-up: tensors, the compute backend, run presets, what produced a notebook's numbers.
export { tf, tfl } from "./tf";
export {
  initBackend,
  describeBackend,
  BACKEND_NAMES,
  BACKEND_ENV,
  type BackendInfo,
  type BackendName,
} from "./backend";
export {
  activePreset,
  presetByName,
  PRESET_NAMES,
  PRESET_ENV,
  COMMITTED_PRESET,
  type Preset,
  type PresetName,
} from "./presets";
export { runInfo, formatRunInfo, formatWallTime, type RunInfo, type RunInfoOptions } from "./run-info";

// Models: layer-list specs, the zoo, variants, and the tfjs model built from a spec.
export {
  inferShapes,
  outputShape,
  parseSpec,
  SpecError,
  LAYER_TYPES,
  type LayerSpec,
  type LayerType,
  type NetworkSpec,
  type Shape,
} from "./models/spec";
export {
  alexnetSpec,
  lenetSpec,
  specByName,
  mapLayers,
  withActivation,
  withPooling,
  withoutActivations,
  withoutDropout,
  withDropout,
  scaleWidth,
  MODEL_NAMES,
  type ImageInput,
  type ModelName,
} from "./models/zoo";
export { vggSpec, ninSpec, torchvisionAlexnetSpec, VGG11_ARCHITECTURE, type VggArchitecture } from "./models/modern";
export { buildModel, toChannelsLast, type BuildOptions, type InitScheme } from "./models/build";

// Data: Fashion-MNIST as d2l's data module, its loading, subsets and augmentations.
export {
  fashionMnist,
  fashionMnistFrom,
  loadFashionMnist,
  FASHION_MNIST_CLASSES,
  NUM_CLASSES,
  textLabels,
  randomCrop,
  randomHorizontalFlip,
  composeAugmentations,
  type Augmentation,
  type Batch,
  type FashionMnist,
  type FashionMnistOptions,
  type RawFashionMnist,
  type Subset,
  type TrainingData,
} from "./data";
export { pixelMeanStd } from "./data/pixel-statistics";

// Training: d2l's fit with its live board, progress reporters, the epoch record and images/s.
export { fit, evaluate, type FitOptions } from "./train/trainer";
export { trainingBoard, type TrainingBoardOptions } from "./train/board";
export { lineProgress, barProgress, silentProgress, type ProgressReporter, type TrainingPlan } from "./train/progress";
export {
  imagesPerSecond,
  trainingTotals,
  type EpochRecord,
  type FitResult,
  type TrainingCurves,
  type TrainingTotals,
} from "./train/history";
export { OPTIMIZER_NAMES, type OptimizerName } from "./optimizer-names";
export { crossEntropy, correctCount } from "./train/metrics";

// Runs: one training run as a record, its derived figures, tables and figures.
export { trainRun, runRecord, initOf, type Run, type RunSetup, type TestResult } from "./runs/run";
export { summarizeRun, CHANCE_ACCURACY, type RunSummary, type SummaryOptions } from "./runs/summary";
export { trainingOutcome, describeOutcome, type TrainingOutcome } from "./runs/outcome";
export { setupTable, resultsTable } from "./runs/table";
export { expectClaims, checkClaims, type Claims, type ClaimsReport } from "./runs/claims";
export { compareRunsFigure, seedCurvesFigure, type CurveMetric, type SeededRuns } from "./runs/figures";
export {
  trainSeeds,
  seededComparisonTable,
  formatAccuracySpread,
  spreadOf,
  seededComparison,
  type SeededComparison,
  type Spread,
  type TrainSeedsOptions,
} from "./runs/seeds";
export {
  resolvedApart,
  resolvedAbove,
  resolvedBelow,
  unresolved,
  difference,
  riseOverLast,
  endpoints,
  trendOf,
  type Difference,
  type EndpointOptions,
  type Endpoints,
  type Trend,
} from "./runs/compare";
export { endpointsTable } from "./runs/endpoints-table";

// Costs: parameters, FLOPs, memory and roofline of a spec, and this machine measured.
export { countCosts, type CostReport, type CountOptions, type LayerCost } from "./cost/count";
export { formatCostTable, formatMemory } from "./cost/table";
export {
  trainingMemory,
  inferenceMemory,
  memoryByBatch,
  activationCrossoverBatch,
  type InferenceMemory,
  type TrainingMemory,
} from "./cost/memory";
export { DEVICES, DEVICE_NAMES, peakFor, ridgePoint, type Device, type DeviceName } from "./cost/devices";
export { DTYPES, type DType } from "./cost/dtype";
export {
  rooflineReport,
  rooflineTime,
  workItems,
  OPTIMIZER_UPDATE,
  type RooflineMode,
  type RooflineReport,
  type Work,
} from "./cost/roofline";
export { describeDevice, formatRooflineSummary, formatRooflineTable, formatChipTradeoff } from "./cost/roofline-table";
export { chipTradeoff, chipDevice, type ChipModel, type ChipTradeoff } from "./cost/chip";
export { saturation, type LayerSaturation, type Saturation } from "./cost/saturation";
export { denseTimeShare, runtimeTable } from "./cost/saturation-table";
export { probeDevice, type ProbeOptions, type ProbeResult } from "./profile/probe";
export { fmaPeakFlops, loadLatency, type LoadLatency } from "./profile/machine-probes";
export { timeForwardPasses, type ForwardTimes, type LayerTime } from "./profile/forward-time";

// Figures: plotly figures shown as one output with a PNG inside.
export { lineFigure, barFigure, logTicks, tickLabel, type Axis } from "./plot/charts";
export { rooflineFigure, type RooflinePoint, type RooflineSeries } from "./plot/roofline-figure";
export { showFigure, figureOutput } from "./plot/show";
export {
  displayBundle,
  updatableDisplay,
  inTslabKernel,
  type MimeBundle,
  type UpdatableDisplay,
} from "./plot/kernel-display";
export type { Figure } from "./plot/figure";

// Formatting: numbers and markdown tables, one convention each.
export {
  counted,
  duration,
  formatMarkdownTable,
  formatPercent,
  formatRatio,
  formatValue,
  scientific,
  inMiB,
  mib,
  si,
  signedPoints,
  withCommas,
} from "./format";
