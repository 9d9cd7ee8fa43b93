/**
 * The one place lib imports TensorFlow.js from. tfjs-core on its own registers
 * neither chained ops (`x.sum()`) nor gradients; the union package @tensorflow/tfjs
 * would, but also pulls in the WebGL backend, useless under Node.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops";
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import * as tfl from "@tensorflow/tfjs-layers";

export { tf, tfl };
