/**
 * Optimizer updates on the oneDNN addon: one pass over each variable, in
 * place on the wasm heap (src/optimizer.cc). lib/train's optimizers get them
 * from nativeOptimizerUpdates() (index.ts) when the native backend is active.
 */
import { tf } from "../../tf";
import type { AdamStep } from "./addon";
import { heapView, native, type WasmBackend } from "./kernels/heap";

export interface NativeOptimizerUpdates {
  /** value = (−lr)·gradient + value. */
  sgd(value: tf.Variable, gradient: tf.Tensor, lr: number): void;
  /** tfjs's Adam step over value and its moments m, v (variables of value's shape). */
  adam(value: tf.Variable, gradient: tf.Tensor, m: tf.Variable, v: tf.Variable, step: Omit<AdamStep, "size">): void;
}

function checked(tensors: tf.Tensor[]): void {
  const [first] = tensors;
  for (const t of tensors) {
    if (t.dtype !== "float32" || t.size !== first.size) {
      throw new Error(
        `native optimizer update: expected float32 tensors of ${first.size} values, got ${t.dtype} [${t.shape}]`,
      );
    }
  }
}

/**
 * tfjs never writes into a tensor, so a buffer may be shared (the native Identity shares by reference count):
 * a variable whose buffer is shared first gets a copy of its own.
 */
function ownBuffer(backend: WasmBackend, variable: tf.Variable): void {
  if (backend.refCount(variable.dataId) <= 1) return;
  const copy = tf.tidy(() => tf.mul(variable, tf.scalar(1)));
  variable.assign(copy);
  copy.dispose();
}

export function optimizerUpdates(backend: WasmBackend): NativeOptimizerUpdates {
  return {
    sgd(value, gradient, lr) {
      checked([value, gradient]);
      if (value.size === 0) return;
      ownBuffer(backend, value);
      native().sgdUpdate(heapView(backend, value), heapView(backend, gradient), { size: value.size, lr });
    },
    adam(value, gradient, m, v, step) {
      checked([value, gradient, m, v]);
      if (value.size === 0) return;
      for (const variable of [value, m, v]) ownBuffer(backend, variable);
      const views = [value, gradient, m, v].map((t) => heapView(backend, t));
      native().adamUpdate(views[0], views[1], views[2], views[3], { size: value.size, ...step });
    },
  };
}
