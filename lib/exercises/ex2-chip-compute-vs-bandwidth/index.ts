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
export {
  cappedChip,
  cappedTable,
  ENERGY_45NM,
  energyCosts,
  energyTable,
  powerFindings,
  workloadEnergy,
  workloadList,
  type CappedChip,
  type EnergyCosts,
  type WorkloadEnergy,
} from "./energy";
export { chipDesignAnswer } from "./answer";
