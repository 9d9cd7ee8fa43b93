// Exercise 6: batch size against throughput, accuracy and memory.
export {
  batchSizeSweep,
  learningRateFor,
  type BatchSweepOptions,
  type BatchSweepRow,
  type LrScaling,
} from "./batch-sweep";
export { batchPoint, seededBatchSweep, warmRates, type BatchPoint, type SeededSweepOptions } from "./seeded-sweep";
export { batchMemoryTable, batchPointTable } from "./batch-sweep-table";
export { accuracyFindings, memoryFindings, sweepBudget, throughputFindings, type SweepArm } from "./findings";
export { batchSizeAnswer, d2lMemoryFindings, d2lTrainingMemory, type D2lMemoryPoint } from "./answer";
export { describeTrend, monotonic, resolved, stepVerdicts } from "./trend";
