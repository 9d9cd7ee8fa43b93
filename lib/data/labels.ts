import { tf } from "../tf";

/** The ten classes in label order, spelled as d2l's `text_labels` spells them. */
export const FASHION_MNIST_CLASSES: readonly string[] = [
  "t-shirt",
  "trouser",
  "pullover",
  "dress",
  "coat",
  "sandal",
  "shirt",
  "sneaker",
  "bag",
  "ankle boot",
];

export const NUM_CLASSES = FASHION_MNIST_CLASSES.length;

/** d2l's text_labels: class names for label indices (a tensor's values or plain numbers). */
export function textLabels(labels: ArrayLike<number> | tf.Tensor): string[] {
  const values = labels instanceof tf.Tensor ? labels.dataSync() : labels;
  return Array.from(values, (label) => {
    const name = FASHION_MNIST_CLASSES[label];
    if (name === undefined) throw new Error(`${label} is not a Fashion-MNIST class index (0..${NUM_CLASSES - 1})`);
    return name;
  });
}

/** Labels [B] (int32) as float32 one-hot rows [B, classes], for losses such as tf.losses.softmaxCrossEntropy. The caller disposes the result. */
export function oneHot(labels: tf.Tensor1D, numClasses = NUM_CLASSES): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.oneHot(tf.cast(labels, "int32"), numClasses), "float32") as tf.Tensor2D);
}
