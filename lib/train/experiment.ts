import { countCosts } from "../cost";
import { fashionMnistFrom, loadFashionMnist, type FashionMnistOptions, type RawFashionMnist } from "../data";
import { buildModel, type InitScheme } from "../models/build";
import type { NetworkSpec } from "../models/spec";
import type { EpochRecord, FitResult } from "./history";
import type { OptimizerName } from "./optimizer";
import type { ProgressReporter } from "./progress";
import { assertTrainingFits } from "./memory-check";
import { fit } from "./trainer";

export interface ExperimentOptions {
  spec: NetworkSpec;
  /** Data options; `resize` defaults to the spec's input size. */
  data?: FashionMnistOptions;
  epochs: number;
  lr: number;
  optimizer?: OptimizerName;
  init?: InitScheme;
  /** Seeds initialisation and data order. Default 0. */
  seed?: number;
  progress?: ProgressReporter;
  label?: string;
}

export interface ExperimentResult extends FitResult {
  label: string;
  spec: NetworkSpec;
  params: number;
  /** Forward FLOPs per image (2 × MACs, conv + dense), from the cost counter. */
  flopsPerImage: number;
  /** The last epoch's record, if any epoch finished. */
  final?: EpochRecord;
  /** Seconds spent in fit (training + validation), all epochs. */
  seconds: number;
  trainSize: number;
  valSize: number;
}

let rawCache: Promise<RawFashionMnist> | undefined;

/**
 * One training run, d2l style: build the model from its spec, the data at the
 * spec's resolution, fit, and return the history with the model's counted
 * costs. The raw data set is read once per process and shared by all runs.
 */
export async function runExperiment(options: ExperimentOptions): Promise<ExperimentResult> {
  const { spec, epochs, lr, optimizer, init = "xavier", seed = 0, progress } = options;
  const label = options.label ?? spec.name ?? "network";
  const [channels, height, width] = spec.input;
  if (channels !== 1) throw new Error(`${label}: Fashion-MNIST has 1 channel but the spec's input has ${channels}`);
  rawCache ??= loadFashionMnist({ log: () => {} });
  const data = fashionMnistFrom(await rawCache, { resize: [height, width], seed, ...options.data });
  assertTrainingFits(spec, { batch: data.batchSize, optimizer, label });
  const model = buildModel(spec, { init, seed });
  const started = performance.now();
  try {
    const result = await fit(model, data, { epochs, lr, label, ...(optimizer ? { optimizer } : {}), ...(progress ? { progress } : {}) });
    return {
      ...result,
      label,
      spec,
      params: model.countParams(),
      flopsPerImage: countCosts(spec).flops,
      final: result.history.at(-1),
      seconds: (performance.now() - started) / 1000,
      trainSize: data.trainSize,
      valSize: data.valSize,
    };
  } finally {
    model.dispose();
  }
}
