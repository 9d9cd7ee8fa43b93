import { existsSync, readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
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

const STAMP = ".build-stamp";
const NOT_SOURCES = new Set(["dist", "node_modules", "build"]);

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (NOT_SOURCES.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.(ts|json)$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Whether lib/dist was built after every lib source (.ts, package.json, tsconfig) last changed. */
export function libBuildIsCurrent(lib: string): boolean {
  const stamp = path.join(lib, "dist", STAMP);
  return existsSync(stamp) && statSync(stamp).mtimeMs > newestSource(lib);
}

/** Records a successful build of `lib`. */
export function markLibBuilt(lib: string): void {
  writeFileSync(path.join(lib, "dist", STAMP), `${new Date().toISOString()}\n`);
}
