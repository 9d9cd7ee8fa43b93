/**
 * The one place lib imports TensorFlow.js from. Notebooks load lib's CommonJS
 * build with plain `require`, where tfjs-core's chained ops (`x.sum()`) are not
 * registered: lib calls the functional API (`tf.sum(x)`) only. Gradients are
 * registered by tfjs-layers' own bundle.
 */
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";
import { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";

// The cpu backend greets Node users on its first tensor with a banner advising tfjs-node; this
// library chooses its backend itself and says which. Its constructor sets `firstUse = true`,
// which this accessor absorbs, so the greeting never fires (other tfjs warnings still print).
Object.defineProperty(MathBackendCPU.prototype, "firstUse", { get: () => false, set: () => {}, configurable: true });

export { tf, tfl };
