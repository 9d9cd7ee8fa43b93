import { backendMemoryLimit } from "../backend/memory-limit";
import { nativeKernelsActive } from "../backend/native";
import { checkTrainingMemory, type MemoryLimit } from "../cost/memory-guard";
import type { TrainingMemory } from "../cost/memory";
import type { NetworkSpec } from "../models/spec";
import { tf } from "../tf";
import type { OptimizerName } from "../optimizer-names";

/**
 * Refuses (MemoryError, one line) a run whose counted training memory exceeds what the
 * active backend can hold; call it before building the model.
 */
export function assertTrainingFits(
  spec: NetworkSpec,
  options: { batch: number; optimizer?: OptimizerName; label?: string; lower?: string; limit?: MemoryLimit },
): TrainingMemory {
  const backend = tf.getBackend() === "wasm" && nativeKernelsActive() ? "native" : tf.getBackend();
  return checkTrainingMemory(spec, { ...options, limit: options.limit ?? backendMemoryLimit(backend) });
}
