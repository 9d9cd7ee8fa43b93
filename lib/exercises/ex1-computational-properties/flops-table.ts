/** MACs and FLOPs per image by kind of layer, forward and backward. */
import type { CostReport, LayerCost } from "../../cost/count";
import { formatMarkdownTable, formatPercent as percent, si, withCommas } from "../../format";

export function flopsByGroupTable(perImage: CostReport): string {
  const sumOf = (group: string, f: (l: LayerCost) => number) =>
    perImage.layers.filter((l) => l.group === group).reduce((a, l) => a + f(l), 0);
  const row = (label: string, group: string) => {
    const forward = sumOf(group, (l) => l.flops + l.biasFlops + l.otherFlops);
    const backward = sumOf(group, (l) => l.backward.flops + l.backward.otherFlops);
    return [
      label,
      withCommas(sumOf(group, (l) => l.macs)),
      withCommas(forward),
      percent(forward / perImage.forwardTotalFlops),
      withCommas(backward),
      si(forward + backward, "FLOP"),
    ];
  };
  const softmax = perImage.softmaxFlops;
  return formatMarkdownTable(
    [
      "Layers (per image)",
      "MACs",
      "Forward FLOPs (incl. bias, activation, pooling)",
      "Share of forward",
      "Backward FLOPs",
      "Forward + backward",
    ],
    [
      row("convolutions", "conv"),
      row("fully connected", "dense"),
      row("ReLU, pooling, dropout", "other"),
      ["softmax (in the loss)", "0", withCommas(softmax), percent(softmax / perImage.forwardTotalFlops), "–", "–"],
    ],
  );
}
