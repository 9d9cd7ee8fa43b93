/**
 * Notebooks run side by side in lanes (`npm run notebooks -- --lanes N`),
 * the cores split between them so that nothing is oversubscribed: each
 * lane's kernel computes on cores ÷ lanes threads.
 */
import { NATIVE_THREADS_ENV } from "../../lib/backend/native/addon";
import { THREADS_ENV as WASM_THREADS_ENV } from "../../lib/backend/wasm/threads";
import { UsageError } from "../cli/args";

/** Threads per lane; more lanes than cores is refused (each lane needs a core of its own). */
export function laneThreads(cores: number, lanes: number): number {
  if (!Number.isInteger(lanes) || lanes < 1) throw new UsageError(`--lanes must be a positive integer, got ${lanes}`);
  if (lanes > cores) {
    throw new UsageError(`--lanes ${lanes}: more lanes than the ${cores} usable cores; use --lanes ${cores} or fewer`);
  }
  return Math.floor(cores / lanes);
}

/**
 * The kernel's thread settings for one lane. A user's own D2L_NATIVE_THREADS / D2L_WASM_THREADS is kept
 * when there is one lane; with several, the split wins, since the user's count was meant for the whole machine.
 */
export function laneEnv(threads: number, lanes: number, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  if (lanes === 1) return {};
  const wasm = env[WASM_THREADS_ENV] ? { [WASM_THREADS_ENV]: String(threads) } : {};
  return { [NATIVE_THREADS_ENV]: String(threads), ...wasm };
}

/** Runs `work` over `items`, at most `lanes` at a time, in order of start; resolves when all have finished. */
export async function inLanes<T>(items: readonly T[], lanes: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
}
