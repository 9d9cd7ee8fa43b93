/**
 * Why the native kernels sit on top of the wasm backend rather than the cpu
 * one: the ops a training step leaves to the host backend (the SGD update
 * of every weight, ReLU forward, the loss), timed on wasm and on the
 * pure-JS cpu backend for AlexNet@224 b32's shapes.
 *   npx tsx scripts/bench-host-ops.ts
 */
import "@tensorflow/tfjs-backend-cpu";
import { prepareWasmBackend } from "../lib/backend/wasm";
import { countCosts } from "../lib/cost";
import { alexnetSpec } from "../lib/models/zoo";
import { tf } from "../lib/tf";

function bestMs(run: () => void, repeats = 3): number {
  run();
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

async function main(): Promise<void> {
  await prepareWasmBackend();
  const report = countCosts(alexnetSpec(), { batch: 32 });
  const params = report.params;
  const activations = report.layers.filter((l) => l.type === "relu").map((l) => l.outputElements);
  const rows: string[] = [];
  for (const backend of ["wasm", "cpu"]) {
    await tf.setBackend(backend);
    const weights = tf.randomUniform([params]);
    const grads = tf.randomUniform([params]);
    const lr = tf.scalar(0.01);
    const relus = activations.map((n) => tf.randomUniform([n], -1, 1));
    // Both backends compute synchronously inside the op: no read-back needed (it would time a copy).
    const sgd = bestMs(() => tf.tidy(() => void tf.add(tf.mul(lr, grads), weights)));
    const relu = bestMs(() => tf.tidy(() => relus.forEach((x) => void tf.relu(x))));
    rows.push(`| ${backend} | ${sgd.toFixed(0)} | ${relu.toFixed(0)} |`);
    tf.dispose([weights, grads, lr, ...relus]);
  }
  console.log(
    `AlexNet@224 b32: SGD update of ${params.toLocaleString("en-US")} weights, ReLU over ${activations.length} activations`,
  );
  console.log("| host backend | SGD update, ms | ReLU forward, ms |\n|---|---|---|");
  console.log(rows.join("\n"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
