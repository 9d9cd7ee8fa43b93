/** Small helpers around node's util.parseArgs: flag values checked with one-line errors naming the flag. */
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {
  override name = "UsageError";
}

/** util.parseArgs (strict) whose errors (unknown option, missing value) become one-line UsageErrors. */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error instanceof Error ? error.message : String(error)).split("\n")[0]);
  }
}

export function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${flag} must be a positive integer, got "${value}"`);
  return n;
}

export function nonNegativeInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${flag} must be a non-negative integer, got "${value}"`);
  return n;
}

export function positiveNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} must be a positive number, got "${value}"`);
  return n;
}

export function oneOf<T extends string>(flag: string, value: string | undefined, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${choices.join(", ")}, got "${value}"`);
  }
  return value as T;
}

/**
 * Runs a CLI's main: usage errors and other failures print one line and exit non-zero.
 * Exits explicitly once stdout has drained: the threaded wasm backend's workers would
 * otherwise keep the process alive.
 */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.stdout.write("", () => process.exit(0)),
    (error: unknown) => {
      const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      console.error(error instanceof UsageError ? `${message} (see --help)` : message);
      process.stdout.write("", () => process.exit(error instanceof UsageError ? 2 : 1));
    },
  );
}
