/**
 * Reading the project's environment variables. A bad value is an EnvError
 * naming the variable and what it accepts: callers never fall back to
 * another setting (or another backend) because of one.
 */
export class EnvError extends Error {
  override name = "EnvError";
}

/** The trimmed value, or undefined when unset or empty. */
export function envValue(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** An integer in [min, max]; `fallback` when unset. */
export function envInteger(
  name: string,
  { min, max, fallback }: { min: number; max: number; fallback: number },
  env: NodeJS.ProcessEnv = process.env,
): number {
  const raw = envValue(name, env);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^[+]?\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new EnvError(`${name}="${raw}" must be an integer from ${min} to ${max}; set it so or unset it`);
  }
  return n;
}

/** One of `choices`; undefined when unset. */
export function envChoice<T extends string>(
  name: string,
  choices: readonly T[],
  env: NodeJS.ProcessEnv = process.env,
): T | undefined {
  const raw = envValue(name, env);
  if (raw === undefined) return undefined;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new EnvError(`${name}="${raw}" is not one of ${choices.join(", ")}; use one of them or unset it`);
  }
  return raw as T;
}
