import { memoryByBatch, type TrainingMemory } from "../../cost";
import { alexnetSpec } from "../../models/zoo";

/** d2l's setting: AlexNet at 224×224, trained with plain SGD (and batch 128). */
export const D2L_SIZE = 224;
export const D2L_BATCH = 128;

export interface D2lMemoryPoint {
  batch: number;
  /** d2l's optimizer: plain SGD keeps no state. */
  sgd: TrainingMemory;
  /** This notebook's optimizer: two moment tensors per weight. */
  adam: TrainingMemory;
}

/** The cost counter's (exercise 1's) predicted training memory of d2l's AlexNet at 224×224, float32. */
export function d2lTrainingMemory(batches: number[]): D2lMemoryPoint[] {
  const spec = alexnetSpec({ size: D2L_SIZE });
  const sgd = memoryByBatch(spec, batches, { optimizer: "sgd" });
  const adam = memoryByBatch(spec, batches, { optimizer: "adam" });
  return sgd.map((p, i) => ({ batch: p.batch, sgd: p.training, adam: adam[i].training }));
}
