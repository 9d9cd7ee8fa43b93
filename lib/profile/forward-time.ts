/**
 * Measured forward time of every layer of a spec on the active tfjs backend,
 * to set against the roofline's prediction. Each spec layer is the tfjs layers
 * the builder made for it (a conv with padding is ZeroPadding2D + Conv2D), run
 * alone on the input it sees in the network; the time is the best of `repeats`
 * runs after a warm-up, with the result read back (dataSync) so the backend
 * has finished.
 */
import { buildModel, toChannelsLast } from "../models/build";
import type { NetworkSpec } from "../models/spec";
import { tf, type tfl } from "../tf";
import { bestSeconds } from "./best-seconds";

export interface LayerTime {
  /** Position in spec.layers. */
  index: number;
  seconds: number;
}

export interface ForwardTimes {
  batch: number;
  layers: LayerTime[];
  /** The whole model's forward pass (model.predict), timed the same way. */
  modelSeconds: number;
}

function warmBestSeconds(repeats: number, run: () => void): number {
  run(); // warm-up: kernel selection, weight packing, thread start
  return bestSeconds(repeats, run);
}

/** The tfjs layers the builder made for each spec layer, by spec index (their names start "<index>_"). */
function layersBySpecIndex(model: tfl.Sequential): Map<number, tfl.layers.Layer[]> {
  const groups = new Map<number, tfl.layers.Layer[]>();
  for (const layer of model.layers) {
    const index = Number(layer.name.split("_")[0]);
    if (!Number.isInteger(index)) continue;
    groups.set(index, [...(groups.get(index) ?? []), layer]);
  }
  return groups;
}

/** Requires a backend (initBackend) to be loaded. Inputs are uniform noise in [0, 1), like pixels. */
export function timeForwardPasses(
  spec: NetworkSpec,
  { batch = 1, repeats = 5 }: { batch?: number; repeats?: number } = {},
): ForwardTimes {
  const model = buildModel(spec);
  const groups = layersBySpecIndex(model);
  let x: tf.Tensor = tf.randomUniform([batch, ...toChannelsLast(spec.input)], 0, 1, "float32", 1);
  const input = x;
  const layers: LayerTime[] = [];
  try {
    spec.layers.forEach((_, index) => {
      const apply = (): tf.Tensor =>
        groups.get(index)!.reduce((t, layer) => layer.apply(t, { training: false }) as tf.Tensor, x);
      const seconds = warmBestSeconds(repeats, () => tf.tidy(() => void apply().dataSync()));
      const next = tf.tidy(apply);
      if (x !== input) x.dispose();
      x = next;
      layers.push({ index, seconds });
    });
    const modelSeconds = warmBestSeconds(repeats, () =>
      tf.tidy(() => void (model.predict(input) as tf.Tensor).dataSync()),
    );
    return { batch, layers, modelSeconds };
  } finally {
    if (x !== input) x.dispose();
    input.dispose();
    model.dispose();
  }
}
