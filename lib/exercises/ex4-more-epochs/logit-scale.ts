import { fashionMnistFrom } from "../../data";
import { buildModel, type InitScheme } from "../../models/build";
import type { NetworkSpec } from "../../models/spec";
import { sharedFashionMnist } from "../../runs/load-data";
import { tf } from "../../tf";

/**
 * The standard deviation of a freshly initialised network's logits over one
 * batch of real images (inference mode): how far from a uniform guess its
 * first predictions are. Logits near 0 mean softmax ≈ 1/10 for every class.
 */
export async function logitScaleAtInit(spec: NetworkSpec, init: InitScheme, images = 256, seed = 0): Promise<number> {
  const data = fashionMnistFrom(await sharedFashionMnist(), {
    resize: [spec.input[1], spec.input[2]],
    batchSize: images,
    valSubset: images,
  });
  const model = buildModel(spec, { init, seed });
  try {
    const [batch] = data.valBatches();
    const std = tf.tidy(() => tf.sqrt(tf.moments(model.predict(batch.x) as tf.Tensor).variance).dataSync()[0]);
    tf.dispose([batch.x, batch.y]);
    return std;
  } finally {
    model.dispose();
  }
}
