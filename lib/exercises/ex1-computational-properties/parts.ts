/**
 * AlexNet's two parts, the convolutional one (every layer before the flatten)
 * and the fully connected one (every layer after it): their parameters and the
 * bytes their layers write, per image and per batch.
 */
import type { CostReport } from "../../cost/count";
import { formatMarkdownTable, formatPercent as percent, mib, withCommas } from "../../format";
import type { NetworkSpec } from "../../models/spec";

export interface PartTotals {
  params: number;
  /** Bytes of the part's layer outputs (views such as flatten excluded). */
  outputs: number;
}

/** Parameters and output bytes of the layers before the flatten (convolutional part) and after it (fully connected). */
export function partTotals(spec: NetworkSpec, report: CostReport): { conv: PartTotals; dense: PartTotals } {
  const flattenAt = spec.layers.findIndex((l) => l.type === "flatten");
  if (flattenAt < 0) throw new Error(`partTotals: ${spec.name ?? "the network"} has no flatten layer`);
  const sum = (inPart: (index: number) => boolean) =>
    report.layers
      .filter((l) => inPart(l.index))
      .reduce((t, l) => ({ params: t.params + l.params, outputs: t.outputs + (l.isView ? 0 : l.outputBytes) }), {
        params: 0,
        outputs: 0,
      });
  return { conv: sum((i) => i < flattenAt), dense: sum((i) => i > flattenAt) };
}

/** Parameters, weights and output memory of the two parts, per image and at `batch.batch`. */
export function partsTable(spec: NetworkSpec, perImage: CostReport, batch: CostReport): string {
  const one = partTotals(spec, perImage);
  const many = partTotals(spec, batch);
  const bytes = perImage.bytesPerElement;
  const row = (label: string, part: "conv" | "dense") => [
    label,
    withCommas(one[part].params),
    percent(one[part].params / perImage.params),
    mib(one[part].params * bytes),
    mib(one[part].outputs, 3),
    mib(many[part].outputs),
  ];
  return formatMarkdownTable(
    [
      "Part",
      "Parameters",
      "Share of parameters",
      "Weights (MiB)",
      "Outputs, 1 image (MiB)",
      `Outputs, batch ${batch.batch} (MiB)`,
    ],
    [row("convolutional part", "conv"), row("fully connected part", "dense")],
  );
}
