import { tf } from "../tf";
import { OPTIMIZER_NAMES, type OptimizerName } from "./optimizer-names";

export { OPTIMIZER_NAMES, type OptimizerName };

/** d2l trains with plain SGD (no momentum, no weight decay); the others are for comparisons. */
export function makeOptimizer(name: OptimizerName, lr: number, momentum = 0.9): tf.Optimizer {
  if (!(lr > 0) || !Number.isFinite(lr)) throw new Error(`learning rate must be a positive number, got ${lr}`);
  switch (name) {
    case "sgd":
      return tf.train.sgd(lr);
    case "momentum":
      return tf.train.momentum(lr, momentum);
    case "adam":
      return tf.train.adam(lr);
    default:
      throw new Error(`unknown optimizer "${String(name)}"; expected one of ${OPTIMIZER_NAMES.join(", ")}`);
  }
}
