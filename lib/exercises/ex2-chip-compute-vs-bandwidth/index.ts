// Exercise 2: a chip designer's split between compute and memory bandwidth.
export {
  chipStudy,
  designMismatch,
  timeAtShare,
  type ChipStudyRow,
  type NamedIntensity,
  type Workload,
} from "./chip-study";
export { chipStudyTable, designMismatchTable } from "./chip-study-table";
export {
  alexnetSplitFindings,
  designRules,
  layerIntensities,
  lenetFindings,
  mismatchFinding,
  robustnessFinding,
  shareAndRidge,
  studyRow,
} from "./findings";
