import type { ExperimentResult } from "../../runs/experiment";
import { trainSecondsOf } from "../../runs/totals";

/** Validation accuracy after each epoch against the training seconds spent so far (validation time excluded). */
export function accuracyOverTime(result: ExperimentResult): { epoch: number; trainSeconds: number; valAccuracy: number }[] {
  let elapsed = 0;
  return result.history.map((r) => {
    elapsed += trainSecondsOf(result.trainSize, r.imagesPerSecond);
    return { epoch: r.epoch, trainSeconds: elapsed, valAccuracy: r.valAccuracy };
  });
}
