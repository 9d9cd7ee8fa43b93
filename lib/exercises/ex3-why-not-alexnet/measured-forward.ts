/** AlexNet's whole forward pass timed on the active backend, to set against the roofline's prediction. */
import { buildModel, toChannelsLast } from "../../models/build";
import type { NetworkSpec } from "../../models/spec";
import { bestSeconds } from "../../profile/best-seconds";
import { tf } from "../../tf";

export interface MeasuredForward {
  batch: number;
  /** Best of the repeats, after a warm-up; the result read back so the backend has finished. */
  seconds: number;
}

/** Requires a backend (initBackend) to be loaded. */
export function measureForward(spec: NetworkSpec, { batch = 1, repeats = 5 } = {}): MeasuredForward {
  const model = buildModel(spec);
  const x = tf.randomUniform([batch, ...toChannelsLast(spec.input)], 0, 1, "float32", 1);
  try {
    const run = () => tf.tidy(() => void (model.predict(x) as tf.Tensor).dataSync());
    run();
    return { batch, seconds: bestSeconds(repeats, run) };
  } finally {
    x.dispose();
    model.dispose();
  }
}
