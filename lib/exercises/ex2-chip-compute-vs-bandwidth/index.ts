// Exercise 2: a chip designer's split between compute and memory bandwidth.
// Notebook 2 imports it as "d2l-alexnet/ex2".
export {
  chipStudy,
  designMismatch,
  timeAtShare,
  type ChipStudyRow,
  type NamedIntensity,
  type Workload,
} from "./chip-study";
export { chipStudyTable, designMismatchTable } from "./chip-study-table";
export { layerIntensities, shareAndRidge, studyRow } from "./study-lookups";
export {
  cappedChip,
  cappedTable,
  ENERGY_45NM,
  energyCosts,
  energyTable,
  workloadEnergy,
  type CappedChip,
  type EnergyCosts,
  type WorkloadEnergy,
} from "./energy";
