/**
 * docs/bench.md's tables from one `npm run bench -- --torch --json` report:
 * the headline (ours at the default threads against PyTorch at its
 * defaults, with both at one thread beside it), the scaling table, and
 * (from a --bf16 run) fp32 against bf16 convolutions.
 *   npx tsx scripts/bench/tables.ts < report.json   (or the file with the report on its last line)
 */
import { readFileSync } from "node:fs";
import { formatMarkdownTable } from "../../lib/format/markdown-table";
import { counted, withCommas } from "../../lib/format/numbers";
import type { BenchReport, Rates } from "./report";

const rate = (x: number | undefined) => (x === undefined ? "–" : x >= 1000 ? withCommas(Math.round(x)) : x.toFixed(1));
const ratio = (x: number | undefined) => (x === undefined ? "–" : `${x.toFixed(2)}×`);

export function headlineTable(report: BenchReport): string {
  const torch = report.torch ?? {};
  const cases = Object.keys(report.gflops);
  const torchThreads = report.torch_default_threads;
  // Beside the defaults: both at each thread count that was measured for both.
  const counts = Object.keys(torch)
    .filter((t) => t !== "default" && Object.values(report.scaling.ours).some((row) => row[t] !== undefined))
    .sort((a, b) => Number(a) - Number(b));
  return formatMarkdownTable(
    [
      "case",
      `ours, default (${report.threads} threads)`,
      `PyTorch, default${torchThreads === undefined ? "" : ` (${torchThreads} thread${torchThreads === 1 ? "" : "s"})`}`,
      "ours / PyTorch",
      ...counts.map((t) => `ours / PyTorch, ${t} thread${t === "1" ? "" : "s"} each`),
    ],
    cases.map((key) => [
      key,
      rate(report[key] as number),
      rate(torch.default?.[key]),
      ratio(report.vs_torch?.[key]),
      ...counts.map((t) => {
        const [ours, theirs] = [report.scaling.ours[key]?.[t], torch[t]?.[key]];
        return ratio(ours && theirs ? ours / theirs : undefined);
      }),
    ]),
  );
}

export function scalingTable(report: BenchReport): string {
  const cases = Object.keys(report.gflops);
  const counts = [...new Set(Object.values(report.scaling.ours).flatMap((row) => Object.keys(row)))]
    .filter((k) => k !== "gain")
    .sort((a, b) => Number(a) - Number(b));
  const cells = (row: Rates | undefined) => [...counts.map((t) => rate(row?.[t])), ratio(row?.gain)];
  const header = [...counts.map((t) => `${t} thread${t === "1" ? "" : "s"}`), "gain"];
  return formatMarkdownTable(
    ["case", ...header.map((h) => `ours ${h}`), ...(report.scaling.torch ? header.map((h) => `PyTorch ${h}`) : [])],
    cases.map((key) => [
      key,
      ...cells(report.scaling.ours[key]),
      ...(report.scaling.torch ? cells(report.scaling.torch[key]) : []),
    ]),
  );
}

/** Ours in fp32 and with bf16 convolutions at each measured thread count, and bf16 against PyTorch's defaults. */
export function precisionTable(report: BenchReport): string {
  const bf16 = report.bf16 ?? {};
  const counts = Object.keys(bf16).sort((a, b) => Number(a) - Number(b));
  return formatMarkdownTable(
    [
      "case",
      ...counts.flatMap((t) => [
        `fp32, ${counted(Number(t), "thread")}`,
        `bf16, ${counted(Number(t), "thread")}`,
        "bf16 / fp32",
      ]),
      ...(report.bf16_vs_torch ? [`bf16 (${report.threads} threads) / PyTorch, default`] : []),
    ],
    Object.keys(report.gflops).map((key) => [
      key,
      ...counts.flatMap((t) => {
        const [full, half] = [report.scaling.ours[key]?.[t], bf16[t]?.[key]];
        return [rate(full), rate(half), ratio(full && half ? half / full : undefined)];
      }),
      ...(report.bf16_vs_torch ? [ratio(report.bf16_vs_torch[key])] : []),
    ]),
  );
}

if (require.main === module) {
  const text = readFileSync(process.argv[2] ?? 0, "utf8");
  const report = JSON.parse(text.trim().split("\n").pop() ?? "{}") as BenchReport;
  console.log(headlineTable(report));
  console.log();
  console.log(scalingTable(report));
  if (report.bf16) {
    console.log();
    console.log(precisionTable(report));
  }
  if (report.of_fma_peak) {
    console.log();
    console.log(
      `Whole training step against ${report.threads} cores' FMA peak (${report.threads} × ${report.fma_gflops} GFLOP/s): ` +
        Object.entries(report.of_fma_peak)
          .map(([key, share]) => `${key} ${(100 * share).toFixed(0)} % (${report.gflops[key]} GFLOP/s)`)
          .join(", "),
    );
  }
}
