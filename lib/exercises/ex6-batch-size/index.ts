// Exercise 6: batch size against throughput, accuracy and memory.
export { batchSizeSweep, learningRateFor, type BatchSweepOptions, type BatchSweepRow } from "./batch-sweep";
export { batchMemoryTable, batchSweepTable } from "./batch-sweep-table";
export { memoryFindings, sweepBudget, throughputFindings } from "./findings";
