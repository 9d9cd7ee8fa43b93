/**
 * Our counts against a framework we did not write. Every expected number below was
 * printed by `/usr/bin/python3 scripts/crosscheck_torch.py` (PyTorch 1.13.0a0 from
 * Debian's python3-torch): parameters from model.parameters(), shapes and MACs from
 * forward hooks, FLOPs from torch.profiler with_flops=True in eval and train mode
 * (train mode adds dropout's mask multiplies). The specs here mirror the script's.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { countCosts } from "../lib/cost";
import type { NetworkSpec } from "../lib/models/spec";
import { alexnetSpec, lenetSpec } from "../lib/models/zoo";
import { AVGPOOL, ODDBALL } from "./cost-specs";

const ALEXNET_SHAPES = [
  [96, 54, 54],
  [96, 54, 54],
  [96, 26, 26],
  [256, 26, 26],
  [256, 26, 26],
  [256, 12, 12],
  [384, 12, 12],
  [384, 12, 12],
  [384, 12, 12],
  [384, 12, 12],
  [256, 12, 12],
  [256, 12, 12],
  [256, 5, 5],
  [6400],
  [4096],
  [4096],
  [4096],
  [4096],
  [4096],
  [4096],
  [10],
];
const ALEXNET_CONV_DENSE_MACS = [127401984, 0, 191102976, 0, 127401984, 0, 0, 0, 26214400, 0, 0, 16777216, 0, 0, 40960];

interface TorchFigures {
  params: number;
  macs: number;
  layerMacs: number[];
  shapes: number[][];
  profilerFlopsEval: number;
  profilerFlopsTrain: number;
}

const TORCH: [NetworkSpec, TorchFigures][] = [
  [
    alexnetSpec({ channels: 1 }),
    {
      params: 46764746,
      macs: 938146176,
      profilerFlopsEval: 1876292352,
      profilerFlopsTrain: 1876300544,
      shapes: ALEXNET_SHAPES,
      layerMacs: [33872256, 0, 0, 415334400, 0, 0, ...ALEXNET_CONV_DENSE_MACS],
    },
  ],
  [
    alexnetSpec({ channels: 3 }),
    {
      params: 46787978,
      macs: 1005890688,
      profilerFlopsEval: 2011781376,
      profilerFlopsTrain: 2011789568,
      shapes: ALEXNET_SHAPES,
      layerMacs: [101616768, 0, 0, 415334400, 0, 0, ...ALEXNET_CONV_DENSE_MACS],
    },
  ],
  [
    lenetSpec(),
    {
      params: 61706,
      macs: 416520,
      profilerFlopsEval: 833040,
      profilerFlopsTrain: 833040,
      layerMacs: [117600, 0, 0, 240000, 0, 0, 0, 48000, 0, 10080, 0, 840],
      shapes: [
        [6, 28, 28],
        [6, 28, 28],
        [6, 14, 14],
        [16, 10, 10],
        [16, 10, 10],
        [16, 5, 5],
        [400],
        [120],
        [120],
        [84],
        [84],
        [10],
      ],
    },
  ],
  [
    ODDBALL,
    {
      params: 2499,
      macs: 198192,
      profilerFlopsEval: 396384,
      profilerFlopsTrain: 396384,
      layerMacs: [192000, 0, 0, 5184, 0, 0, 0, 1008],
      shapes: [[8, 20, 16], [8, 20, 16], [8, 10, 8], [12, 3, 2], [12, 3, 2], [12, 4, 3], [144], [7]],
    },
  ],
  [
    AVGPOOL,
    {
      params: 4565,
      macs: 416576,
      profilerFlopsEval: 833152,
      profilerFlopsTrain: 833216,
      layerMacs: [401408, 0, 12800, 0, 0, 0, 2048, 0, 0, 320],
      shapes: [[16, 16, 16], [16, 5, 5], [32, 5, 5], [32, 5, 5], [32, 1, 1], [32], [64], [64], [64], [5]],
    },
  ],
];

describe("counts agree with PyTorch 1.13 (figures from scripts/crosscheck_torch.py)", () => {
  for (const [spec, torch] of TORCH) {
    test(`${spec.name} [${spec.input.join(", ")}]`, () => {
      const r = countCosts(spec);
      assert.equal(r.params, torch.params);
      assert.equal(r.macs, torch.macs);
      assert.deepEqual(
        r.layers.map((l) => l.macs),
        torch.layerMacs,
      );
      assert.deepEqual(
        r.layers.map((l) => l.outputShape),
        torch.shapes,
      );
      assert.equal(r.flops, torch.profilerFlopsEval);
      const dropoutMultiplies = r.layers.filter((l) => l.type === "dropout").reduce((a, l) => a + l.otherFlops, 0);
      assert.equal(r.flops + dropoutMultiplies, torch.profilerFlopsTrain);
    });
  }
});
