/** Folder flags checked up front, so a wrong path is a one-line usage error instead of a raw EEXIST or ENOENT. */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "./args";

/** An output folder: created later if missing, but never an existing file. */
export function outFolder(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const resolved = path.resolve(value);
  if (existsSync(resolved) && !statSync(resolved).isDirectory()) {
    throw new UsageError(`--${flag} ${value} is a file; give a folder (it is created if missing)`);
  }
  return resolved;
}

/** An input folder that must exist. */
export function existingFolder(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const resolved = path.resolve(value);
  if (!existsSync(resolved)) throw new UsageError(`--${flag} ${value}: no such folder`);
  if (!statSync(resolved).isDirectory())
    throw new UsageError(`--${flag} ${value} is a file; give the folder holding the notebooks`);
  return resolved;
}
