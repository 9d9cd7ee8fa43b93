import { separated, type Spread } from "../../runs/seeds";

/**
 * Two measurements differ only when their ranges (over seeds or repeats) do
 * not overlap (lib/runs `separated`); a single measurement has no spread, so nothing it differs from is resolved.
 */
export function resolved(a: Spread, b: Spread): boolean {
  if (a.values.length < 2 || b.values.length < 2) return false;
  return separated(a, b);
}

export type StepVerdict = "rose" | "fell" | "unresolved";

/** What happened from each batch size to the next: a resolved rise, a resolved fall, or a change inside the spread. */
export function stepVerdicts(spreads: Spread[]): StepVerdict[] {
  return spreads.slice(1).map((next, i) => {
    const previous = spreads[i];
    if (!resolved(previous, next)) return "unresolved";
    return next.mean > previous.mean ? "rose" : "fell";
  });
}

/** Whether the means go both up and down along the sweep. */
export function monotonic(spreads: Spread[]): boolean {
  const signs = spreads
    .slice(1)
    .map((next, i) => Math.sign(next.mean - spreads[i].mean))
    .filter((s) => s !== 0);
  return signs.every((s) => s === signs[0]);
}

/**
 * The shape of a measured curve along the batch sizes in words, e.g. "rose from
 * batch 16 to 64, then changed by less than the spread (unresolved) from 64 to 256".
 */
export function describeTrend(batches: number[], spreads: Spread[]): string {
  if (batches.length !== spreads.length) throw new Error("describeTrend: one spread per batch size");
  if (batches.length < 2) return "was measured at one batch size only";
  if (spreads.some((s) => s.values.length < 2)) {
    return "was measured once per batch size, so no change between batch sizes can be told from noise";
  }
  const verdicts = stepVerdicts(spreads);
  if (verdicts.every((v) => v === verdicts[0])) {
    return verdicts[0] === "unresolved"
      ? "changed by less than the spread between every two neighbouring batch sizes (unresolved)"
      : `${verdicts[0]} with every step in batch size, beyond the spread`;
  }
  const segments: { verdict: StepVerdict; from: number; to: number }[] = [];
  verdicts.forEach((verdict, i) => {
    const last = segments.at(-1);
    if (last && last.verdict === verdict) last.to = batches[i + 1];
    else segments.push({ verdict, from: batches[i], to: batches[i + 1] });
  });
  const phrase = ({ verdict, from, to }: (typeof segments)[number]): string =>
    verdict === "unresolved"
      ? `changed by less than the spread from batch ${from} to ${to} (unresolved)`
      : `${verdict} from batch ${from} to ${to}`;
  const phrases = segments.map(phrase);
  return `${phrases.slice(0, -1).join(", ")}, then ${phrases.at(-1)}`;
}
