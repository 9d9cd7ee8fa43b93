/**
 * `npm run bench`'s JSON from its measurements: the default backend at its
 * default threads against PyTorch at its defaults (`vs_torch`, the headline),
 * both on one thread beside it (`vs_torch_1_thread`), and how each scales
 * from 1 thread to every core (`scaling`: images/s per thread count, and the
 * gain over 1 thread). With bf16 measurements: ours in D2L_PRECISION=bf16
 * per thread count (`bf16`), and at the default threads against fp32 and
 * PyTorch's defaults (`bf16_vs_fp32`, `bf16_vs_torch`).
 */
export type Rates = Record<string, number>;

export interface BenchMeasurements {
  backend: string;
  /** Our images/s per case, per thread count ("1", "2", …). */
  ours: Record<string, Rates>;
  /** The thread count our default uses. */
  defaultThreads: number;
  /** PyTorch's images/s per case: "default" (its own thread choice, no OMP variables), and per thread count. */
  torch?: Record<string, Rates>;
  /** One core's fp32 FMA peak, GFLOP/s. */
  fmaGflops?: number;
  /** Our images/s with bf16 convolutions, per thread count, like `ours`. */
  bf16?: Record<string, Rates>;
  /** Training FLOPs of one image per case. */
  flopsPerImage: Rates;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function ratios(numerator: Rates | undefined, denominator: Rates | undefined): Rates {
  const out: Rates = {};
  for (const [key, value] of Object.entries(numerator ?? {})) {
    const base = denominator?.[key];
    if (base && base > 0) out[key] = round(value / base, 3);
  }
  return out;
}

/** Per case: images/s at each thread count and the gain of the most threads over 1. */
function scalingOf(byThreads: Record<string, Rates>): Record<string, Record<string, number>> {
  const counts = Object.keys(byThreads).sort((a, b) => Number(a) - Number(b));
  const cases = [...new Set(counts.flatMap((t) => Object.keys(byThreads[t])))];
  return Object.fromEntries(
    cases.map((key) => {
      const row: Record<string, number> = {};
      for (const t of counts) if (byThreads[t][key] !== undefined) row[t] = byThreads[t][key];
      const most = counts.filter((t) => row[t] !== undefined).pop();
      if (row["1"] && most && most !== "1") row.gain = round(row[most] / row["1"], 2);
      return [key, row];
    }),
  );
}

type Scaling = Record<string, Record<string, number>>;

export interface BenchReport {
  backend: string;
  threads: number;
  gflops: Rates;
  fma_gflops?: number;
  of_fma_peak?: Rates;
  scaling: { ours: Scaling; torch?: Scaling };
  torch?: Record<string, Rates>;
  vs_torch?: Rates;
  vs_torch_1_thread?: Rates;
  bf16?: Record<string, Rates>;
  bf16_vs_fp32?: Rates;
  bf16_vs_torch?: Rates;
  /** The thread count PyTorch chose by itself. */
  torch_default_threads?: number;
  /** Each case's images/s at the default threads, by its key. */
  [key: string]: unknown;
}

export function benchReport(m: BenchMeasurements): BenchReport {
  const ours = m.ours[String(m.defaultThreads)] ?? {};
  const report: BenchReport = {
    backend: m.backend,
    threads: m.defaultThreads,
    ...ours,
    gflops: {},
    scaling: { ours: {} },
  };
  const gflops: Rates = Object.fromEntries(
    Object.entries(ours).map(([key, rate]) => [key, round((rate * m.flopsPerImage[key]) / 1e9, 1)]),
  );
  report.gflops = gflops;
  if (m.fmaGflops) {
    report.fma_gflops = m.fmaGflops;
    const allCores = m.fmaGflops * m.defaultThreads;
    report.of_fma_peak = Object.fromEntries(
      Object.entries(gflops).map(([key, value]) => [key, round(value / allCores, 3)]),
    );
  }
  const torchByThreads = Object.fromEntries(Object.entries(m.torch ?? {}).filter(([t]) => t !== "default"));
  report.scaling = { ours: scalingOf(m.ours), ...(m.torch ? { torch: scalingOf(torchByThreads) } : {}) };
  if (m.torch) {
    report.torch = m.torch;
    report.vs_torch = ratios(ours, m.torch.default);
    report.vs_torch_1_thread = ratios(m.ours["1"], m.torch["1"]);
  }
  if (m.bf16) {
    const half = m.bf16[String(m.defaultThreads)];
    report.bf16 = m.bf16;
    report.bf16_vs_fp32 = ratios(half, ours);
    if (m.torch) report.bf16_vs_torch = ratios(half, m.torch.default);
  }
  return report;
}
