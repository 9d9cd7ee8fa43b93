/**
 * A fingerprint of the library source a notebook's outputs depend on, printed
 * in each notebook's first output so a test can tell when a committed notebook
 * was executed on an older library than the one it imports.
 *
 * Covered: every file under lib/ except build products (dist/, node_modules/,
 * the native addon's build/), lib/index.ts (it only re-exports; a wrong export
 * fails the import rather than changing a number) and the exercise folders of
 * other notebooks (lib/exercises/exN-… serves notebook N alone, and the
 * dependency rules forbid exercise folders to import each other).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const BUILD_PRODUCTS = new Set(["dist", "node_modules", "lib/backend/native/build"]);

/** lib/ of this checkout, whether running from lib/*.ts or lib/dist/*.js. */
export function libRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, "package.json")) || path.basename(dir) !== "lib") {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`libRoot: no lib/package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

function sourceFiles(root: string, exercise: string | undefined): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (BUILD_PRODUCTS.has(entry.name) || BUILD_PRODUCTS.has(`lib/${rel}`)) continue;
        if (relative === "exercises" && entry.name !== exercise) continue;
        walk(rel);
      } else if (rel !== "index.ts") {
        files.push(rel);
      }
    }
  };
  walk("");
  return files.sort();
}

/**
 * 12 hex digits of SHA-256 over the covered files' paths and contents.
 * `exercise` names the notebook's folder in lib/exercises (e.g. "ex4-more-epochs").
 */
export function libSourceHash(exercise?: string, root = libRoot()): string {
  if (exercise !== undefined && !existsSync(path.join(root, "exercises", exercise))) {
    throw new Error(`libSourceHash: lib/exercises/${exercise} does not exist; name the notebook's exercise folder`);
  }
  const hash = createHash("sha256");
  for (const file of sourceFiles(root, exercise)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex").slice(0, 12);
}
