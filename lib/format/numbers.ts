/**
 * How the library writes numbers: one convention each for counts, bytes,
 * percentages (accuracies are always percentages), ratios and differences.
 */

/** 46787978 → "46,787,978". */
export function withCommas(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Bytes as a number of MiB (2^20 bytes), for plots and arithmetic. */
export function inMiB(bytes: number): number {
  return bytes / 2 ** 20;
}

/** Bytes in MiB (2^20 bytes, what torchsummary calls "MB") as text, 2 decimals unless told. */
export function mib(bytes: number, digits = 2): string {
  return inMiB(bytes).toFixed(digits);
}

/** 1.876e9 → "1.88 G"; 0 → "0". */
export function si(n: number, unit = ""): string {
  if (n === 0) return unit ? `0 ${unit}` : "0";
  const prefixes: [number, string][] = [
    [1e15, "P"],
    [1e12, "T"],
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  const [scale, prefix] = prefixes.find(([s]) => Math.abs(n) >= s) ?? [1, ""];
  const value = n / scale;
  const text = Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
  return `${text} ${prefix}${unit}`.trimEnd();
}

/** Seconds as "12.3 ms", "4.56 µs", "1.20 s". */
export function duration(seconds: number): string {
  if (seconds >= 1) return `${seconds.toFixed(2)} s`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toPrecision(3)} ms`;
  return `${(seconds * 1e6).toPrecision(3)} µs`;
}

/** Left-aligns the first column, right-aligns the rest, to the given widths. */
export function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
}

/** 0.8534 → "85.3%". */
export function formatPercent(fraction: number, digits = 1): string {
  return Number.isFinite(fraction) ? `${(100 * fraction).toFixed(digits)}%` : "–";
}

/** A ratio such as a speed-up: 3.456 → "3.46×". */
export function formatRatio(ratio: number, digits = 2): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(digits)}×` : "–";
}

/** A difference of two fractions in percentage points, signed: 0.012 → "+1.2 pt". */
export function signedPoints(fractionDifference: number, digits = 1): string {
  if (!Number.isFinite(fractionDifference)) return "–";
  const points = 100 * fractionDifference;
  return `${points >= 0 ? "+" : ""}${points.toFixed(digits)} pt`;
}

const SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** 9.49e10 → "9.49·10¹⁰": how a blown-up loss is written in prose and tables. */
export function scientific(x: number, digits = 2): string {
  const [mantissa, exponent] = x.toExponential(digits).split("e");
  const power = Number(exponent);
  const superscript = [...String(Math.abs(power))].map((d) => SUPERSCRIPT_DIGITS[Number(d)]).join("");
  return `${mantissa}·10${power < 0 ? "⁻" : ""}${superscript}`;
}

/** Fixed digits for ordinary values (losses), powers of ten for blown-up ones, "–" for none. */
export function formatValue(x: number | undefined, digits = 3): string {
  if (x === undefined || Number.isNaN(x)) return "–";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "−∞";
  return Math.abs(x) >= 1e4 ? scientific(x) : x.toFixed(digits);
}

/** A count with its noun: (1, "epoch") → "1 epoch", (3, "epoch") → "3 epochs". */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? singular : plural}`;
}
