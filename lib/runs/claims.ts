import type { RunInfo } from "../run-info";
import { COMMITTED_PRESET } from "../presets";
import { counted } from "../format";

/**
 * The claims a notebook's prose makes, each restated as a check on its runs.
 * - `results`: counts and accuracies. They reproduce on any machine (the runs
 *   are seeded and deterministic), so one that fails stops the notebook.
 * - `speed`: timings and throughputs, which describe the machine the prose was
 *   written on (`writtenOn`, a part of the run-info line's machine, e.g. "AMD
 *   EPYC"). On that machine they are checked like results; on another one a
 *   failure is a warning, since the prose then describes a different machine.
 */
export interface Claims {
  results?: Record<string, boolean>;
  speed?: Record<string, boolean>;
  /** Required when `speed` has claims. */
  writtenOn?: string;
}

export interface ClaimsReport {
  checked: boolean;
  lines: string[];
  failed: string[];
  warned: string[];
}

/** Evaluates `claims` against the run described by `info` without printing or throwing. */
export function checkClaims(info: Pick<RunInfo, "preset" | "platform">, claims: Claims): ClaimsReport {
  const results = Object.entries(claims.results ?? {});
  const speed = Object.entries(claims.speed ?? {});
  if (speed.length > 0 && !claims.writtenOn) {
    throw new Error('expectClaims: speed claims need writtenOn, the machine the prose describes (e.g. "AMD EPYC")');
  }
  const count = results.length + speed.length;
  if (info.preset !== COMMITTED_PRESET) {
    return {
      checked: false,
      lines: [
        `claims: ${count} not checked on preset ${info.preset} (the prose describes the ${COMMITTED_PRESET} preset's runs)`,
      ],
      failed: [],
      warned: [],
    };
  }
  const sameMachine = claims.writtenOn !== undefined && info.platform.includes(claims.writtenOn);
  const lines: string[] = [];
  const failed: string[] = [];
  const warned: string[] = [];
  for (const [claim, holds] of results) {
    lines.push(`${holds ? "✓" : "✗"} ${claim}`);
    if (!holds) failed.push(claim);
  }
  for (const [claim, holds] of speed) {
    if (holds) lines.push(`✓ ${claim} (speed)`);
    else if (sameMachine) {
      lines.push(`✗ ${claim} (speed)`);
      failed.push(claim);
    } else {
      lines.push(`! ${claim} (speed: does not hold on ${info.platform}; the prose describes ${claims.writtenOn})`);
      warned.push(claim);
    }
  }
  return { checked: true, lines, failed, warned };
}

/**
 * Prints each claim with ✓, ✗ or ! and throws when a claim the prose makes
 * no longer holds on the committed preset, so a re-run that contradicts the
 * text fails loudly. On other presets nothing is checked.
 */
export function expectClaims(
  info: Pick<RunInfo, "preset" | "platform">,
  claims: Claims,
  log: (text: string) => void = console.log,
): ClaimsReport {
  const report = checkClaims(info, claims);
  log(report.lines.join("\n"));
  if (report.failed.length > 0) {
    throw new Error(
      `${counted(report.failed.length, "claim")} of the prose no longer ${report.failed.length === 1 ? "holds" : "hold"}: ${report.failed.join("; ")}. ` +
        "Rewrite the prose (and its claims cell) to what the run shows",
    );
  }
  return report;
}
