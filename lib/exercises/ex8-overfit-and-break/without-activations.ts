import type { NetworkSpec } from "../../models/spec";
import { mapLayers } from "../../models/zoo";

/** All nonlinearities removed. */
export function withoutActivations(spec: NetworkSpec): NetworkSpec {
  return mapLayers(spec, (l) => (l.type === "relu" || l.type === "sigmoid" ? [] : [l]));
}
