/**
 * The optimizers the Trainer offers. In the base layer, tfjs-free, so the cost
 * counters (which sit above train/ only to size optimizer state) need not import train/.
 */
export const OPTIMIZER_NAMES = ["sgd", "momentum", "adam"] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];
