import type { TrainingCurves } from "../../train/history";

/** Validation accuracy after each epoch against the training seconds spent so far (validation excluded). */
export function accuracyOverTime(run: TrainingCurves): { epoch: number; trainSeconds: number; valAccuracy: number }[] {
  let elapsed = 0;
  return run.history.map((r) => {
    elapsed += r.trainSeconds;
    return { epoch: r.epoch, trainSeconds: elapsed, valAccuracy: r.valAccuracy };
  });
}
