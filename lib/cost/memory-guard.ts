/**
 * Refusing a training run the machine cannot hold, before any tensor exists:
 * the cost counter's training memory (memory.ts) against what the backend can
 * hold. Without it a too-large run fills the machine for a minute and then dies
 * with "Invalid typed array length". Pure: the limit is passed in
 * (lib/backend/memory-limit.ts measures it); nothing here loads tfjs.
 */
import { countCosts } from "./count";
import { trainingMemory, type TrainingMemory } from "./memory";
import type { NetworkSpec } from "../models/spec";
import type { OptimizerName } from "../optimizer-names";

export interface MemoryLimit {
  bytes: number;
  /** What bounds it, for the message: "free memory", "the wasm backend's 4.0 GiB heap". */
  what: string;
}

export class MemoryError extends Error {
  override name = "MemoryError";
}

export function formatGiB(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

/** One line refusing the run when `needed.total` exceeds the limit, else undefined. */
export function memoryRefusal(
  needed: TrainingMemory,
  limit: MemoryLimit,
  run: { label: string; lower: string },
): string | undefined {
  if (needed.total <= limit.bytes) return undefined;
  return (
    `${run.label} needs ${formatGiB(needed.total)} to train at batch ${needed.batch} ` +
    `(cost counter; mostly ${needed.dominant}) but ${limit.what} holds at most ${formatGiB(limit.bytes)}: lower ${run.lower}`
  );
}

/** Throws MemoryError (one line) when training `spec` at `batch` cannot fit in `limit`. */
export function checkTrainingMemory(
  spec: NetworkSpec,
  options: { batch: number; optimizer?: OptimizerName; limit: MemoryLimit; label?: string; lower?: string },
): TrainingMemory {
  const { batch, optimizer = "sgd", limit } = options;
  const needed = trainingMemory(countCosts(spec, { batch }), optimizer);
  const [, height, width] = spec.input;
  const label = options.label ?? `${spec.name ?? "the network"} at ${height}×${width}`;
  const refusal = memoryRefusal(needed, limit, { label, lower: options.lower ?? "the input size or the batch size" });
  if (refusal) throw new MemoryError(refusal);
  return needed;
}
