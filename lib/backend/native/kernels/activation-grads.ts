/**
 * ReLU's and the sigmoid's gradients in one native pass each. tfjs defines
 * them from generic ops (ReLU: dy · cast(step(x)); sigmoid: dy · y · (1 − y)),
 * three passes over the activations; its gradient registry is global, so the
 * replacements registered here use the native kernels only where the active
 * backend has them and otherwise compute exactly tfjs's formulas.
 */
import { tf } from "../../../tf";
import { allFloat32, heapView, native, size, type KernelArgs, wasmKernel } from "./heap";

type Info = tf.TensorInfo;
const RELU_GRAD = "D2lReluGrad";
const SIGMOID_GRAD = "D2lSigmoidGrad";

function reluGrad({ inputs, backend }: KernelArgs<{ dy: Info; x: Info }, unknown>): Info {
  const out = backend.makeOutput(inputs.dy.shape, "float32");
  native().reluGrad(heapView(backend, inputs.dy), heapView(backend, inputs.x), heapView(backend, out), {
    size: size(out.shape),
  });
  return out;
}

function sigmoidGrad({ inputs, backend }: KernelArgs<{ dy: Info; y: Info }, unknown>): Info {
  const out = backend.makeOutput(inputs.dy.shape, "float32");
  native().sigmoidGrad(heapView(backend, inputs.dy), heapView(backend, inputs.y), heapView(backend, out), {
    size: size(out.shape),
  });
  return out;
}

export const ACTIVATION_GRAD_KERNELS: readonly tf.KernelConfig[] = [
  wasmKernel(RELU_GRAD, reluGrad),
  wasmKernel(SIGMOID_GRAD, sigmoidGrad),
];

/** The native kernel applies: the active backend has it, and both tensors are float32 of one shape. */
function nativeApplies(kernelName: string, a: tf.Tensor, b: tf.Tensor): boolean {
  return (
    tf.getKernel(kernelName, tf.getBackend()) !== undefined &&
    allFloat32(a, b) &&
    a.shape.length === b.shape.length &&
    a.shape.every((d, i) => d === b.shape[i])
  );
}

export const ACTIVATION_GRADIENTS: readonly tf.GradConfig[] = [
  {
    kernelName: "Relu",
    inputsToSave: ["x"],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      const single = dy as tf.Tensor;
      return {
        x: () =>
          nativeApplies(RELU_GRAD, single, x)
            ? (tf.engine().runKernel(RELU_GRAD, { dy: single, x }) as tf.Tensor)
            : tf.mul(single, tf.cast(tf.step(x), "float32")),
      };
    },
  },
  {
    kernelName: "Sigmoid",
    outputsToSave: [true],
    gradFunc: (dy, saved) => {
      const [y] = saved;
      const single = dy as tf.Tensor;
      return {
        x: () =>
          nativeApplies(SIGMOID_GRAD, single, y)
            ? (tf.engine().runKernel(SIGMOID_GRAD, { dy: single, y }) as tf.Tensor)
            : tf.mul(single, tf.mul(y, tf.sub(tf.scalar(1), y))),
      };
    },
  },
];
