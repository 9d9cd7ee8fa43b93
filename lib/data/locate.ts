/**
 * Where the Fashion-MNIST files are. Looked for in this order:
 *   1. the directory named by D2L_FASHION_MNIST_DIR (if set, it must hold all four files);
 *   2. data/fashion-mnist/ in the repository (where downloads go);
 *   3. /usr/share/datasets/fashion-mnist (Debian's package dataset-fashion-mnist).
 * Each file may be gzipped (NAME.gz) or plain (NAME).
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { repoRoot } from "../repo-root";
import { FASHION_MNIST_FILES, type FileKey } from "./files";

export const FASHION_MNIST_DIR_ENV = "D2L_FASHION_MNIST_DIR";
export const DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
export const DEBIAN_PACKAGE = "dataset-fashion-mnist";

/** How the directory was found; decides what an error advises. */
export type DataOrigin = "option" | "env" | "repo" | "debian";

export interface LocatedFiles {
  dir: string;
  origin: DataOrigin;
  paths: Record<FileKey, string>;
}

export interface LocateOptions {
  /** Use this directory and no other (like the env variable, but from code). */
  dir?: string;
  env?: NodeJS.ProcessEnv;
  /** Default: data/fashion-mnist/ in the repository. */
  repoDataDir?: string;
  /** Default: /usr/share/datasets/fashion-mnist. */
  debianDir?: string;
}

export function defaultRepoDataDir(): string {
  return join(repoRoot(), "data", "fashion-mnist");
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The four files found in `dir` (plain preferred over .gz when both exist) and those missing. */
export function filesIn(dir: string): { paths: Partial<Record<FileKey, string>>; missing: string[] } {
  const paths: Partial<Record<FileKey, string>> = {};
  const missing: string[] = [];
  for (const file of FASHION_MNIST_FILES) {
    const found = [file.name, `${file.name}.gz`].map((name) => join(dir, name)).find(isFile);
    if (found) paths[file.key] = found;
    else missing.push(`${file.name}(.gz)`);
  }
  return { paths, missing };
}

function complete(dir: string, origin: DataOrigin): LocatedFiles | undefined {
  const { paths, missing } = filesIn(dir);
  return missing.length === 0 ? { dir, origin, paths: paths as Record<FileKey, string> } : undefined;
}

function requireComplete(dir: string, origin: DataOrigin, named: string): LocatedFiles {
  const absolute = resolve(dir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new Error(
      `${named} is ${absolute}, which is not a directory; create it with the four Fashion-MNIST files or ${origin === "env" ? `unset ${FASHION_MNIST_DIR_ENV}` : "pass another dir"}`,
    );
  }
  const { missing } = filesIn(absolute);
  if (missing.length > 0) {
    throw new Error(
      `${named} is ${absolute}, which lacks ${missing.join(", ")}; put the Fashion-MNIST files there (gzipped or not) or ${origin === "env" ? `unset ${FASHION_MNIST_DIR_ENV}` : "pass another dir"}`,
    );
  }
  return complete(absolute, origin)!;
}

/**
 * The first place holding all four files, or undefined when none does (then
 * the caller may download). An explicit dir or the env variable is never
 * skipped: if it lacks files, that is an error naming it.
 */
export function locateFashionMnist(options: LocateOptions = {}): LocatedFiles | undefined {
  const { env = process.env } = options;
  if (options.dir !== undefined) return requireComplete(options.dir, "option", "the data directory passed in");
  const fromEnv = env[FASHION_MNIST_DIR_ENV]?.trim();
  if (fromEnv) return requireComplete(fromEnv, "env", FASHION_MNIST_DIR_ENV);
  return (
    complete(options.repoDataDir ?? defaultRepoDataDir(), "repo") ?? complete(options.debianDir ?? DEBIAN_DIR, "debian")
  );
}
