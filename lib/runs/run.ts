import { countCosts } from "../cost";
import { fashionMnistFrom, splitLoadOptions, type FashionMnistOptions, type TrainingData } from "../data";
import { buildModel, type InitScheme } from "../models/build";
import type { NetworkSpec } from "../models/spec";
import type { tfl } from "../tf";
import type { FitResult } from "../train/history";
import type { OptimizerName } from "../optimizer-names";
import type { ProgressReporter } from "../train/progress";
import { evaluate, fit } from "../train/trainer";
import { sharedFashionMnist } from "./load-data";
import { assertTrainingFits } from "./memory-check";

/** What to train: the network, its data, and how. */
export interface RunSetup {
  spec: NetworkSpec;
  /** Data options; images come at the spec's input size (a different `resize` is an error); `seed` defaults to the run's. */
  data?: FashionMnistOptions;
  epochs: number;
  lr: number;
  /** Default "sgd", like d2l. */
  optimizer?: OptimizerName;
  /** Default: the spec's own (`spec.init`, d2l's effective init), else "xavier"; see `initOf`. */
  init?: InitScheme;
  /** Seeds initialisation and data order. Default 0. */
  seed?: number;
  progress?: ProgressReporter;
  /** Default: the spec's name. */
  label?: string;
  /**
   * After the last epoch, also evaluate on the whole test split (all 10,000
   * images), whatever `data.valSubset` validated on each epoch. Default false.
   */
  testAtEnd?: boolean;
}

/** The trained network on the whole test split, after its last epoch. */
export interface TestResult {
  loss: number;
  accuracy: number;
  images: number;
}

/**
 * The library's one record of a training run: what was trained on what
 * (setup, counted size and cost, data sizes), its history, and how long fit
 * took (fit's own seconds). Tables, figures and findings derive their numbers from it
 * (summarizeRun gives the derived figures).
 */
export interface Run extends FitResult {
  setup: RunSetup;
  label: string;
  spec: NetworkSpec;
  params: number;
  /** Forward FLOPs per image (2 × MACs, conv + dense), from the cost counter. */
  flopsPerImage: number;
  trainSize: number;
  valSize: number;
  /** Set when the setup asked for `testAtEnd` and training did not stop early. */
  test?: TestResult;
}

/** The initialisation a run uses: its own, else its spec's (d2l's effective init), else "xavier". */
export function initOf(setup: Pick<RunSetup, "init" | "spec">): InitScheme {
  return setup.init ?? setup.spec.init ?? "xavier";
}

/**
 * The record of a run trained by hand, d2l style (buildModel, fashionMnist,
 * fit): what `setup` asked for, counted from the model and data that ran.
 */
export function runRecord(setup: RunSetup, model: tfl.LayersModel, data: TrainingData, result: FitResult): Run {
  return {
    ...result,
    setup: { ...setup, init: initOf(setup) },
    label: setup.label ?? setup.spec.name ?? "network",
    spec: setup.spec,
    params: model.countParams(),
    flopsPerImage: countCosts(setup.spec).flops,
    trainSize: data.trainSize,
    valSize: data.valSize,
  };
}

/**
 * One training run, d2l style, the library's one entry point for it: build
 * the model from its spec, the data at the spec's resolution, fit, and return
 * the run's record. The raw data set is read once per process and shared.
 */
export async function trainRun(setup: RunSetup): Promise<Run> {
  const { spec, epochs, lr, optimizer, seed = 0, progress } = setup;
  const init = initOf(setup);
  const label = setup.label ?? spec.name ?? "network";
  const [channels, height, width] = spec.input;
  if (channels !== 1) throw new Error(`${label}: Fashion-MNIST has 1 channel but the spec's input has ${channels}`);
  const { load, rest } = splitLoadOptions(setup.data ?? {});
  if (rest.resize !== undefined) {
    const [h, w] = typeof rest.resize === "number" ? [rest.resize, rest.resize] : rest.resize;
    if (h !== height || w !== width) {
      throw new Error(
        `${label}: data.resize ${h}×${w} does not match the spec's input ${height}×${width}; leave resize out, the spec sets it`,
      );
    }
  }
  const raw = await sharedFashionMnist(load);
  const data = fashionMnistFrom(raw, { resize: [height, width], seed, ...rest });
  assertTrainingFits(spec, { batch: data.batchSize, ...(optimizer ? { optimizer } : {}), label });
  const model = buildModel(spec, { init, seed });
  try {
    const result = await fit(model, data, {
      epochs,
      lr,
      label,
      ...(optimizer ? { optimizer } : {}),
      ...(progress ? { progress } : {}),
    });
    const run = runRecord(setup, model, data, result);
    if (setup.testAtEnd && !result.stopped) {
      const { normalize, batchSize } = data.info;
      const whole = fashionMnistFrom(raw, { resize: [height, width], batchSize, ...(normalize ? { normalize } : {}) });
      run.test = { ...evaluate(model, whole.valBatches()), images: whole.valSize };
    }
    return run;
  } finally {
    model.dispose();
  }
}
