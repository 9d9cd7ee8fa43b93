/** Small helpers around node's util.parseArgs: flag values checked with one-line errors naming the flag. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { EnvError } from "../../lib/env";

export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * util.parseArgs (strict) whose errors (unknown option, missing value) become one-line UsageErrors.
 * A negative number after a string option (`--epochs -1`) is taken as its value, so the flag's own
 * check can say what it accepts instead of parseArgs calling it ambiguous.
 */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const args = joinNegativeValues(config.args ?? process.argv.slice(2), config.options ?? {});
  try {
    // Only `args` differs from `config`, so the result has the type parseArgs<T> gives.
    return parseArgs({ ...config, args }) as ReturnType<typeof parseArgs<T>>;
  } catch (error) {
    throw new UsageError((error instanceof Error ? error.message : String(error)).split("\n").join(" "));
  }
}

const NEGATIVE_NUMBER = /^-(\d|\.\d|Infinity)/;

function joinNegativeValues(args: readonly string[], options: NonNullable<ParseArgsConfig["options"]>): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith("--") ? args[i].slice(2) : undefined;
    const next = args[i + 1];
    if (name !== undefined && options[name]?.type === "string" && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      joined.push(`${args[i]}=${next}`);
      i++;
    } else {
      joined.push(args[i]);
    }
  }
  return joined;
}

export function positiveInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${flag} must be a positive integer, got "${value}"`);
  return n;
}

/** Decimal digits only, up to 2^53 − 1: Number() also takes "0x10" and "1e20", and rounds above 2^53 (a seed of …993 became …992). */
export function nonNegativeInt(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
    throw new UsageError(
      `--${flag} must be a decimal integer from 0 to ${Number.MAX_SAFE_INTEGER}, got "${value}"; pass one in that range`,
    );
  }
  return n;
}

export function positiveNumber(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${flag} must be a positive number, got "${value}"`);
  return n;
}

export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`--${flag} must be one of ${choices.join(", ")}, got "${value}"`);
  }
  return value as T;
}

/**
 * Runs a CLI's main: usage errors (flags, environment: status 2) and other failures (1) print one line.
 * Exits explicitly once stdout has drained: the threaded wasm backend's workers would
 * otherwise keep the process alive.
 */
export function runCli(main: () => Promise<void>): void {
  main().then(
    () => process.stdout.write("", () => process.exit(0)),
    (error: unknown) => {
      const message = (error instanceof Error ? error.message : String(error)).split("\n")[0];
      console.error(error instanceof UsageError ? `${message} (see --help)` : message);
      // A bad flag or environment variable is a usage error (status 2), as in most Unix tools.
      const usage = error instanceof UsageError || error instanceof EnvError;
      // A run stopped by a signal exits as the signal asks (128 + its number).
      const own = (error as { exitCode?: unknown } | undefined)?.exitCode;
      process.stdout.write("", () => process.exit(typeof own === "number" ? own : usage ? 2 : 1));
    },
  );
}
