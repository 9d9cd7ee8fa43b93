import { inferShapes, type NetworkSpec, type Shape } from "../../models/spec";

function shapesAt(specAt: (size: number) => NetworkSpec, size: number): Shape[] | Error {
  try {
    return inferShapes(specAt(size));
  } catch (error) {
    return error as Error;
  }
}

/**
 * The smallest square input a network accepts, found with the spec's own
 * shape inference (every layer's output non-empty), and why one pixel less
 * fails. Searches upwards from 1 to `upTo`.
 */
export function smallestInput(specAt: (size: number) => NetworkSpec, upTo = 512): { size: number; belowFails: string } {
  let failure = "";
  for (let size = 1; size <= upTo; size++) {
    const shapes = shapesAt(specAt, size);
    if (!(shapes instanceof Error)) return { size, belowFails: failure };
    // "layer 12 (maxpool2d): kernel 3 is larger than its padded input 2×2 (input …); use …" → its first clause.
    failure = shapes.message.split(";")[0].replace(/ \(input \[.*$/, "");
  }
  throw new Error(`smallestInput: no input up to ${upTo}×${upTo} fits the network`);
}

/** Whether every layer has the same output shape at both input sizes (so the counted cost is the same too). */
export function sameLayerShapes(specAt: (size: number) => NetworkSpec, a: number, b: number): boolean {
  const [x, y] = [shapesAt(specAt, a), shapesAt(specAt, b)];
  if (x instanceof Error || y instanceof Error) return false;
  return JSON.stringify(x) === JSON.stringify(y);
}
