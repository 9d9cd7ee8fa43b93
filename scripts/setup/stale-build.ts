import { readdirSync, rmSync, existsSync, rmdirSync } from "node:fs";
import path from "node:path";

const OUTPUT = /\.(js|d\.ts|js\.map)$/;

/**
 * Removes compiled files whose source is gone: tsc writes lib/dist but never
 * deletes, and a stale dist/x.js shadows a source that became the folder x/
 * (require("./x") finds the file first). Returns the removed paths, relative to `dist`.
 */
export function pruneStaleOutputs(dist: string, sources: string): string[] {
  const removed: string[] = [];
  const walk = (relative: string): void => {
    const dir = path.join(dist, relative);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = path.join(relative, entry.name);
      if (entry.isDirectory()) {
        walk(rel);
        if (readdirSync(path.join(dist, rel)).length === 0) rmdirSync(path.join(dist, rel));
      } else if (OUTPUT.test(entry.name) && !existsSync(path.join(sources, rel.replace(OUTPUT, ".ts")))) {
        rmSync(path.join(dist, rel));
        removed.push(rel);
      }
    }
  };
  if (existsSync(dist)) walk("");
  return removed;
}
