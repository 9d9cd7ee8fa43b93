import { runExperiment, type ExperimentOptions, type ExperimentResult } from "./experiment";

/** A training run with the settings that produced it, so tables and prose can say exactly what was run. */
export interface Run {
  setup: ExperimentOptions;
  result: ExperimentResult;
}

/** runExperiment, keeping its settings beside the result. */
export async function trainRun(setup: ExperimentOptions): Promise<Run> {
  return { setup, result: await runExperiment(setup) };
}
