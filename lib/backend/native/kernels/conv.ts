/**
 * Conv2D, FusedConv2D (bias and activation as oneDNN post-ops) and both
 * convolution gradients on the oneDNN addon, in place on the wasm heap.
 */
import { tf } from "../../../tf";
import { ACTIVATION_CODES, type NativeActivation } from "../addon";
import { convGeometry, type ConvAttrs } from "./conv-geometry";
import { anyEmpty, emptySum } from "../../wasm/empty-sum";
import { allFloat32, callReplaced, heapView, native, size, type KernelArgs, wasmKernel } from "./heap";

type Info = tf.TensorInfo;
interface FusedAttrs extends ConvAttrs {
  activation?: string;
  leakyreluAlpha?: number;
}

/** The activation's addon code, or undefined when the addon has none (prelu). */
function activationCode(name = "linear"): number | undefined {
  return name in ACTIVATION_CODES ? ACTIVATION_CODES[name as NativeActivation] : undefined;
}

function forward(
  kernelName: string,
  x: Info,
  filter: Info,
  bias: Info | undefined,
  attrs: FusedAttrs,
  backend: KernelArgs<unknown, unknown>["backend"],
): Info {
  const g = convGeometry(kernelName, x.shape, filter.shape, attrs);
  const shape = [g.n, g.oh, g.ow, g.oc];
  if (anyEmpty(x, filter, bias)) {
    const empty = emptySum(backend, shape, { bias, activation: attrs.activation, alpha: attrs.leakyreluAlpha });
    if (empty) return empty;
  }
  const out = backend.makeOutput(shape, "float32");
  native().conv2dForward(
    heapView(backend, x),
    heapView(backend, filter),
    bias ? heapView(backend, bias) : null,
    heapView(backend, out),
    g,
    activationCode(attrs.activation) ?? 0,
    attrs.leakyreluAlpha ?? 0.2,
  );
  return out;
}

function conv2D(args: KernelArgs<{ x: Info; filter: Info }, ConvAttrs>): Info | Info[] {
  const { inputs, attrs, backend } = args;
  if (!allFloat32(inputs.x, inputs.filter) && !anyEmpty(inputs.x, inputs.filter)) return callReplaced("Conv2D", args);
  return forward("Conv2D", inputs.x, inputs.filter, undefined, attrs, backend);
}

function fusedConv2D(
  args: KernelArgs<{ x: Info; filter: Info; bias?: Info; preluActivationWeights?: Info }, FusedAttrs>,
): Info | Info[] {
  const { inputs, attrs, backend } = args;
  const { x, filter, bias } = inputs;
  const biasPerChannel = !bias || size(bias.shape) === filter.shape[3];
  const float32 = allFloat32(x, filter, bias) || anyEmpty(x, filter, bias);
  if (!float32 || !biasPerChannel || activationCode(attrs.activation) === undefined) {
    return callReplaced("FusedConv2D", args);
  }
  return forward("FusedConv2D", x, filter, bias, attrs, backend);
}

function conv2DBackpropInput(
  args: KernelArgs<{ dy: Info; filter: Info }, ConvAttrs & { inputShape: number[] }>,
): Info | Info[] {
  const { inputs, attrs, backend } = args;
  if (anyEmpty(inputs.dy, inputs.filter)) return emptySum(backend, attrs.inputShape)!;
  if (!allFloat32(inputs.dy, inputs.filter)) return callReplaced("Conv2DBackpropInput", args);
  const g = convGeometry("Conv2DBackpropInput", attrs.inputShape, inputs.filter.shape, attrs);
  const out = backend.makeOutput(attrs.inputShape, "float32");
  native().conv2dBackwardData(
    heapView(backend, inputs.dy),
    heapView(backend, inputs.filter),
    heapView(backend, out),
    g,
  );
  return out;
}

function conv2DBackpropFilter(
  args: KernelArgs<{ x: Info; dy: Info }, ConvAttrs & { filterShape: number[] }>,
): Info | Info[] {
  const { inputs, attrs, backend } = args;
  if (anyEmpty(inputs.x, inputs.dy)) return emptySum(backend, attrs.filterShape)!;
  if (!allFloat32(inputs.x, inputs.dy)) return callReplaced("Conv2DBackpropFilter", args);
  const g = convGeometry("Conv2DBackpropFilter", inputs.x.shape, attrs.filterShape, attrs);
  const out = backend.makeOutput(attrs.filterShape, "float32");
  native().conv2dBackwardWeights(
    heapView(backend, inputs.x),
    heapView(backend, inputs.dy),
    heapView(backend, out),
    null,
    g,
  );
  return out;
}

export const CONV_KERNELS: readonly tf.KernelConfig[] = [
  wasmKernel("Conv2D", conv2D),
  wasmKernel("FusedConv2D", fusedConv2D),
  wasmKernel("Conv2DBackpropInput", conv2DBackpropInput),
  wasmKernel("Conv2DBackpropFilter", conv2DBackpropFilter),
];
