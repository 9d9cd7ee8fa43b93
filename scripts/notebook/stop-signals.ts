/**
 * SIGINT, SIGTERM and SIGHUP stop a notebook run the same way: the handler
 * only records the signal and aborts; the run then stops its processes, removes
 * its temp folders, says what it replaced, and the CLI exits 128 + the signal's
 * number. A second signal while that cleanup runs is absorbed (it takes seconds).
 */
import { constants } from "node:os";

export const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

export class Interrupted extends Error {
  override name = "Interrupted";
  constructor(readonly signal: StopSignal) {
    super(`stopped by ${signal}`);
  }
  get exitCode(): number {
    return 128 + constants.signals[this.signal];
  }
}

let controller: AbortController | undefined;

/** One AbortSignal per process, aborted (reason: the signal's name) by the first stop signal. */
export function stopSignal(): AbortSignal {
  if (!controller) {
    const current = new AbortController();
    controller = current;
    for (const name of STOP_SIGNALS) {
      process.on(name, () => {
        if (!current.signal.aborted) current.abort(name);
      });
    }
  }
  return controller.signal;
}

/** Throws Interrupted when a stop signal has arrived. */
export function throwIfStopped(signal: AbortSignal): void {
  if (signal.aborted) throw new Interrupted(signal.reason as StopSignal);
}
