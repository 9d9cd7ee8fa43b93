/** Made-up epoch records for findings tests: the five curves that matter, the rest fixed. */
import type { EpochRecord } from "../lib/train/history";

export function epochRecord(
  epoch: number,
  trainLoss: number,
  valLoss: number,
  trainAccuracy: number,
  valAccuracy: number,
  { trainImages = 100, trainSeconds = 1, seconds = 2 } = {},
): EpochRecord {
  return {
    epoch,
    trainLoss,
    valLoss,
    trainAccuracy,
    valAccuracy,
    trainImages,
    trainSeconds,
    seconds,
    peakTensorBytes: 0,
    maxRssBytes: 0,
  };
}
