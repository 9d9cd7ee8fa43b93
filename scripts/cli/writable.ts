/**
 * Output folders checked before anything runs (a read-only --out once cost a
 * 13-minute run), and write errors that name the file written.
 */
import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { displayPath } from "../notebook/paths";

/** The folder itself, or the nearest existing folder above it (where it would be created). */
function nearestExisting(dir: string): string {
  let current = path.resolve(dir);
  while (!existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ? `${code}: ${message.split(",")[0].replace(`${code}: `, "")}` : String(error);
}

/**
 * Throws one line naming the first folder a file cannot be written in. A probe file is written and removed,
 * which catches read-only mounts and full disks (root passes every permission check, so `access` would not).
 */
export function checkWritable(dirs: readonly string[], fix = "choose another folder"): void {
  for (const dir of new Set(dirs)) {
    const probe = path.join(nearestExisting(dir), `.d2l-write-check.${process.pid}.tmp`);
    try {
      writeFileSync(probe, "d2l");
    } catch (error) {
      throw new Error(`${displayPath(dir)}: cannot write there (${reason(error)}); ${fix}; nothing was run or written`);
    } finally {
      rmSync(probe, { force: true });
    }
  }
}

/** An error for a failed write of `target` that names it (Node's ENOSPC message names no file). */
export function writeError(target: string, error: unknown): Error {
  return new Error(`cannot write ${displayPath(target)} (${reason(error)}); free some space or choose another folder`);
}
