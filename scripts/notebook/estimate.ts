import path from "node:path";
import { runRecord } from "./execute";
import { readNotebook } from "./read-notebook";

/**
 * "about N min (the last recorded run of each)": the time an in-place run will
 * take, from the seconds each notebook's previous run on this preset recorded in
 * its metadata (execute.ts writes them).
 */
export function estimateLine(notebooks: string[], preset: string): string {
  let seconds = 0;
  const unknown: string[] = [];
  for (const file of notebooks) {
    const record = runRecord(readNotebook(file));
    if (record?.preset === preset) seconds += record.seconds;
    else unknown.push(path.basename(file));
  }
  const known = notebooks.length - unknown.length;
  const total =
    known > 0
      ? `about ${(seconds / 60).toFixed(0)} min for ${known === 1 ? "the notebook" : `the ${known} notebooks`} whose last ${preset} run recorded its time`
      : "";
  const missing = unknown.length > 0 ? `no recorded ${preset} time yet for ${unknown.join(", ")}` : "";
  return `expected time: ${[total, missing].filter(Boolean).join("; ")}`;
}
