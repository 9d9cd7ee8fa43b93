/** The optimizers the Trainer offers; tfjs-free so the cost counters can size their state. */
export const OPTIMIZER_NAMES = ["sgd", "momentum", "adam"] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];
