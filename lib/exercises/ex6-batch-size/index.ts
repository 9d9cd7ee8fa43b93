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
export { d2lTrainingMemory, D2L_BATCH, D2L_SIZE, type D2lMemoryPoint } from "./d2l-memory";
