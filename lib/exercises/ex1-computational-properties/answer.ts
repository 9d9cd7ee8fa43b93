/** Exercise 1's answer: one sentence per sub-question, each citing the numbers the notebook computed. */
import { inferenceMemory, trainingMemory } from "../../cost/memory";
import { formatPercent as percent, formatRatio, mib, si } from "../../format";
import type { RooflineFacts } from "./facts";
import { partTotals } from "./findings";

export function computationalPropertiesAnswer(f: RooflineFacts): string {
  const { conv, dense } = partTotals(f.spec, f.perImage);
  const bytes = f.perImage.bytesPerElement;
  const train = trainingMemory(f.batch);
  const infer = inferenceMemory(f.perImage);
  const weightsDominate = dense.params > conv.params;
  const { conv: convGroup, dense: denseGroup } = f.perImage.byGroup;
  const denseTime =
    f.inference1.items.filter((i) => i.name.startsWith("Linear-")).reduce((a, i) => a + i.seconds, 0) /
    f.inference1.seconds;
  const n = f.batch.batch;
  return [
    `1. **Memory.** The ${weightsDominate ? "fully connected" : "convolutional"} layers dominate the weights ` +
      `(${mib((weightsDominate ? dense : conv).params * bytes)} of ${mib(f.perImage.params * bytes)} MiB), the ` +
      `convolutional layers the activations (${mib(conv.outputs)} MiB per image against ${mib(dense.outputs, 3)}); ` +
      `in training at batch ${n} the activations are ${percent(train.activations / train.total)} of ` +
      `${mib(train.total)} MiB, while one inference is ${percent(infer.weights / infer.total)} weights.`,
    `2. **Compute.** A forward pass costs ${si(convGroup.flops, "FLOP")} in the convolutions ` +
      `(${percent(convGroup.flops / f.perImage.flops)}) and ${si(denseGroup.flops, "FLOP")} in the fully connected ` +
      `layers; a training step costs ${formatRatio(f.perImage.trainingFlops / f.perImage.forwardTotalFlops)} the ` +
      `forward pass, ${si(f.batch.trainingFlops, "FLOP")} per batch of ${n}.`,
    `3. **Memory's effect.** Bandwidth limits inference at batch 1, where the dense layers read each weight once: ` +
      `${percent(denseTime)} of the roofline time here for ${percent(denseGroup.flops / f.perImage.flops)} of the ` +
      `FLOPs. A DRAM access took ${Number((f.latency.dram.seconds * 1e9).toPrecision(3))} ns, ` +
      `${formatRatio(f.latency.dram.seconds / f.latency.l1.seconds, 0)} an L1 hit: streaming hides it for large ` +
      `tensors, and small layers at batch 1 pay it. Size bounds the batch: training at batch ${n} needs ` +
      `${mib(train.total)} MiB against ${mib(infer.total)} MiB for one inference. Training differs: its large batches ` +
      "reuse every weight once per image, so it is compute-bound, needs far more memory, and hides latency.",
  ].join("\n");
}
