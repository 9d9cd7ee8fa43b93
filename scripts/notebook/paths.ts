import { readdirSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../../lib/repo-root";

/** A path as the user should see it: relative inside the repository, absolute outside. */
export function displayPath(file: string): string {
  const relative = path.relative(repoRoot(), file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}

export const NOTEBOOKS_DIR = path.join(repoRoot(), "notebooks");
export const SOLUTIONS_DIR = path.join(repoRoot(), "solutions");

/**
 * The notebooks in `dir` named by `names` (file name with or without .ipynb, or
 * a unique prefix such as "1"); all of them, sorted, when `names` is empty.
 */
export function selectNotebooks(names: string[], dir = NOTEBOOKS_DIR): string[] {
  const all = readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb") && !f.startsWith("."))
    .sort();
  if (names.length === 0) return all.map((f) => path.join(dir, f));
  return names.map((name) => {
    const wanted = name.replace(/\.ipynb$/, "");
    const exact = all.find((f) => f === `${wanted}.ipynb`);
    const prefixed = all.filter((f) => f.startsWith(wanted));
    const match = exact ?? (prefixed.length === 1 ? prefixed[0] : undefined);
    if (!match) {
      const why = prefixed.length > 1 ? `matches ${prefixed.join(", ")}` : "matches no notebook";
      throw new Error(
        `"${name}" ${why} in ${path.relative(repoRoot(), dir) || "."}/; available: ${all.join(", ") || "none"}`,
      );
    }
    return path.join(dir, match);
  });
}
