/** Where this checkout is, found from lib itself: the one way lib, scripts and tests locate the repository. */
import { existsSync } from "node:fs";
import path from "node:path";

/** lib/ of this checkout, whether running from lib/*.ts (tsx) or lib/dist/*.js (the build). */
export function libRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, "package.json")) || path.basename(dir) !== "lib") {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`libRoot: no lib/package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** The repository: the folder that holds lib/, notebooks/ and scripts/. */
export function repoRoot(): string {
  return path.dirname(libRoot());
}
