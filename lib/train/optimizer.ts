import { nativeOptimizerUpdates } from "../backend/native";
import { tf } from "../tf";
import { FusedAdam, FusedSgd } from "./fused-optimizers";
import { OPTIMIZER_NAMES, type OptimizerName } from "../optimizer-names";

/**
 * d2l trains with plain SGD (no momentum, no weight decay); the others are for comparisons.
 * On the native backend SGD and Adam update each variable in one native pass (fused-optimizers.ts).
 */
export function makeOptimizer(name: OptimizerName, lr: number, momentum = 0.9): tf.Optimizer {
  if (!(lr > 0) || !Number.isFinite(lr)) throw new Error(`learning rate must be a positive number, got ${lr}`);
  switch (name) {
    case "sgd": {
      const updates = nativeOptimizerUpdates();
      return updates ? new FusedSgd(lr, updates) : tf.train.sgd(lr);
    }
    case "momentum":
      return tf.train.momentum(lr, momentum);
    case "adam": {
      const updates = nativeOptimizerUpdates();
      return updates ? new FusedAdam(lr, updates) : tf.train.adam(lr);
    }
    default:
      throw new Error(`unknown optimizer "${String(name)}"; expected one of ${OPTIMIZER_NAMES.join(", ")}`);
  }
}
