/** The fastest of `repeats` runs, in seconds: the least disturbed by other work on a shared machine. */
export function bestSeconds(repeats: number, run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e9);
  }
  return best;
}
