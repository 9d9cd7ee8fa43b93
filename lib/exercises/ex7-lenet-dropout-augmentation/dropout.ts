import type { LayerSpec, NetworkSpec } from "../../models/spec";
import { withoutDropout } from "../../models/zoo";

/** Dropout of `rate` after every activation that follows a hidden dense layer (existing dropout rates set to `rate`). */
export function withDropout(spec: NetworkSpec, rate: number): NetworkSpec {
  const plain = withoutDropout(spec);
  const layers: LayerSpec[] = [];
  plain.layers.forEach((layer, i) => {
    layers.push(layer);
    const previous = plain.layers[i - 1];
    const isActivation = layer.type === "relu" || layer.type === "sigmoid";
    if (isActivation && previous?.type === "dense") layers.push({ type: "dropout", rate });
  });
  return { ...plain, layers };
}
