/** Number formatting shared by the cost tables. */

/** 46787978 → "46,787,978". */
export function withCommas(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Bytes in MiB (2^20 bytes, what torchsummary calls "MB"), 2 decimals. */
export function mib(bytes: number, digits = 2): string {
  return (bytes / 2 ** 20).toFixed(digits);
}

/** 1.876e9 → "1.88 G"; 0 → "0". */
export function si(n: number, unit = ""): string {
  if (n === 0) return `0${unit ? " " + unit : ""}`;
  const prefixes: [number, string][] = [[1e15, "P"], [1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "k"]];
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
