/**
 * Counts are printed as exact integers, which JavaScript numbers are only up to
 * 2^53 − 1. A spec whose parameters, FLOPs or bytes go past that (huge layers,
 * huge inputs or batches) is refused instead of printed as ∞, NaN or a rounded
 * number that looks exact.
 */
import { SpecError } from "../models/spec";

const LIMIT = Number.MAX_SAFE_INTEGER;

/** Throws SpecError naming the first count in `counts` that is not a finite number up to 2^53 − 1. */
export function requireExactCounts(counts: Record<string, number>, what: string): void {
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isFinite(value) || Math.abs(value) > LIMIT) {
      const shown = Number.isFinite(value) ? value.toExponential(3) : String(value);
      throw new SpecError(
        `${what}: ${name} is ${shown}, past ${LIMIT.toLocaleString("en-US")} (2^53 − 1) where counts stop being exact; use smaller layers, input or batch`,
      );
    }
  }
}
