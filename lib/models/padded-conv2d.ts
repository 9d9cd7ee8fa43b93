/**
 * PyTorch's Conv2d(padding=p) as one tfjs-layers layer. tfjs-layers' Conv2D
 * pads only 'same' or 'valid', so the builder used to put a ZeroPadding2D in
 * front of it; that costs a padded copy forward and a Slice backward which
 * PyTorch never makes. Here the padding goes to the convolution itself
 * (tf.fused.conv2d with explicit padding), as it does in PyTorch and oneDNN.
 *
 * With `inputGradient: false` (the first layer, which reads the images) it
 * runs as conv2d + bias add: tf.fused.conv2d's custom gradient computes the
 * input gradient eagerly, and nothing uses it there (on the native backend,
 * AlexNet@224 b32's took 0.29 s of a 1.7 s step).
 */
import { tf, tfl } from "../tf";

type Initializer = ReturnType<typeof tfl.initializers.zeros>;

export interface PaddedConv2DArgs {
  name: string;
  filters: number;
  kernelSize: number;
  strides: number;
  padding: number;
  kernelInitializer: Initializer;
  biasInitializer: Initializer;
  /** false: the input's gradient is never needed (the layer reads the data). */
  inputGradient: boolean;
}

export class PaddedConv2D extends tfl.layers.Layer {
  static className = "PaddedConv2D";
  private kernel?: tfl.LayerVariable;
  private bias?: tfl.LayerVariable;

  constructor(private readonly args: PaddedConv2DArgs) {
    super({ name: args.name });
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const channels = shape[shape.length - 1];
    if (channels == null) throw new Error(`layer ${this.name}: the input's channel count must be known`);
    const { kernelSize: k, filters } = this.args;
    this.kernel = this.addWeight("kernel", [k, k, channels, filters], "float32", this.args.kernelInitializer);
    this.bias = this.addWeight("bias", [filters], "float32", this.args.biasInitializer);
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const [batch, height, width] = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfl.Shape;
    const { kernelSize: k, strides: s, padding: p, filters } = this.args;
    const out = (size: number | null) => (size == null ? null : Math.floor((size + 2 * p - k) / s) + 1);
    return [batch, out(height), out(width), filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
      const { strides, padding: p, inputGradient } = this.args;
      const pad: tf.backend_util.ExplicitPadding = [
        [0, 0],
        [p, p],
        [p, p],
        [0, 0],
      ];
      const filter = this.kernel!.read() as tf.Tensor4D;
      const bias = this.bias!.read() as tf.Tensor1D;
      if (!inputGradient) return tf.add(tf.conv2d(x, filter, strides, p === 0 ? "valid" : pad), bias);
      return tf.fused.conv2d({ x, filter, bias, strides, pad: p === 0 ? "valid" : pad });
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { name, filters, kernelSize, strides, padding, inputGradient } = this.args;
    return { ...super.getConfig(), name, filters, kernelSize, strides, padding, inputGradient };
  }
}

tf.serialization.registerClass(PaddedConv2D);
