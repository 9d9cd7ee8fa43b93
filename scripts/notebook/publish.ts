import { counted } from "../../lib/format";
/**
 * The last step of an in-place run: swapping the executed notebooks (and their
 * markdown) into notebooks/ and solutions/ together, after every notebook
 * succeeded. The files they replace are moved to out/replaced-<time>/ first.
 * Everything is a rename inside the repository and runs synchronously, so no
 * signal handler can run half-way through.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import path from "node:path";
import { exportedPaths } from "./export-markdown";
import { SCRATCH_ROOT } from "./output-plan";
import { NOTEBOOKS_DIR, SOLUTIONS_DIR } from "./paths";
import { repoRoot } from "../../lib/repo-root";

export interface Published {
  /** Repo-relative paths now holding the new files. */
  replaced: string[];
  /** Where the previous versions were moved. */
  backupDir: string;
}

function moveAside(target: string, backupDir: string, root: string): void {
  if (!existsSync(target)) return;
  const aside = path.join(backupDir, path.relative(root, target));
  mkdirSync(path.dirname(aside), { recursive: true });
  renameSync(target, aside);
}

export interface PublishTargets {
  root: string;
  notebooksDir: string;
  solutionsDir: string;
  backupRoot: string;
}

const REPO_TARGETS: PublishTargets = {
  root: repoRoot(),
  notebooksDir: NOTEBOOKS_DIR,
  solutionsDir: SOLUTIONS_DIR,
  backupRoot: SCRATCH_ROOT,
};

/** Moves each staged notebook (and, with `stagedSolutions`, its NAME.md and NAME_files/) into place. */
export function publishInPlace(
  stagedNotebooks: string[],
  stagedSolutions: string | undefined,
  targets = REPO_TARGETS,
  now = new Date(),
): Published {
  const backupDir = path.join(targets.backupRoot, `replaced-${now.toISOString().replace(/[:.]/g, "-")}`);
  const replaced: string[] = [];
  const swap = (from: string, to: string) => {
    moveAside(to, backupDir, targets.root);
    mkdirSync(path.dirname(to), { recursive: true });
    renameSync(from, to);
    replaced.push(path.relative(targets.root, to));
  };
  for (const staged of stagedNotebooks) {
    swap(staged, path.join(targets.notebooksDir, path.basename(staged)));
    if (!stagedSolutions) continue;
    const from = exportedPaths(staged, stagedSolutions);
    const to = exportedPaths(staged, targets.solutionsDir);
    moveAside(to.files, backupDir, targets.root);
    if (existsSync(from.files)) swap(from.files, to.files);
    swap(from.markdown, to.markdown);
  }
  return { replaced, backupDir };
}

/** Lines saying what changed (git's count of changed files and lines) and how to undo it. */
export function describePublished(published: Published): string[] {
  const backup = path.relative(repoRoot(), published.backupDir);
  const stat = spawnSync("git", ["diff", "--shortstat", "--", "notebooks", "solutions"], {
    cwd: repoRoot(),
    encoding: "utf8",
  });
  const changed =
    stat.status === 0 ? stat.stdout.trim() || "no tracked file differs from the last commit" : "(not a git checkout)";
  return [
    `replaced ${counted(published.replaced.length, "file or folder", "files and folders")}: ${published.replaced.join(", ")}`,
    `against the last commit: ${changed}`,
    `the previous versions are in ${backup}/`,
    "to undo: `git checkout -- notebooks solutions && git clean -fd -- solutions` (back to the committed files),",
    `  or move the files from ${backup}/ back into place`,
  ];
}
