import { createRng, deriveSeed, shuffleInPlace } from "./random";

/**
 * Which images of a split to use: a number N or `{ first: N }` takes the first
 * N (the files' order); `{ random: N, seed }` takes N chosen at random without
 * replacement, the same N for the same seed.
 */
export type Subset = number | { first: number } | { random: number; seed?: number };

/** Indices (ascending) of the images a subset selects out of `available`. */
export function subsetIndices(subset: Subset | undefined, available: number, what: string): Int32Array {
  const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);
  if (subset === undefined) return all(available);
  const count = typeof subset === "number" ? subset : "first" in subset ? subset.first : subset.random;
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`${what} subset must be a positive whole number of images, got ${count}`);
  }
  if (count > available) {
    throw new Error(`${what} subset asks for ${count} images but the split has only ${available}`);
  }
  if (typeof subset === "number" || "first" in subset) return all(count);
  const pool = shuffleInPlace(all(available), createRng(deriveSeed(subset.seed ?? 0, "subset", what)));
  return pool.slice(0, count).sort();
}
