/**
 * The one place lib imports TensorFlow.js from. Notebooks load lib's CommonJS
 * build with plain `require`, where tfjs-core's chained ops (`x.sum()`) are not
 * registered: lib calls the functional API (`tf.sum(x)`) only. Gradients are
 * registered by tfjs-layers' own bundle.
 */
import * as tf from "@tensorflow/tfjs-core";
import * as tfl from "@tensorflow/tfjs-layers";

export { tf, tfl };
