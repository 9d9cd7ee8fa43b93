/**
 * tfjs's Dropout draws each mask from a fresh Math.random() seed unless given
 * one, and a fixed `seed` would repeat the same mask every step. This gives the
 * layer a seed that advances on every call (its call reads `this.seed` once per
 * step), so a run's masks follow from the model's seed: the same seed trains to
 * the same numbers, as test/faults-reproducible.test.ts checks.
 */
import type { tfl } from "../tf";

export function seedDropout<L extends tfl.layers.Layer>(layer: L, seed: number): L {
  let calls = 0;
  Object.defineProperty(layer, "seed", {
    get: () => seed * 1_000_003 + calls++,
    set: () => {},
    configurable: true,
  });
  return layer;
}
