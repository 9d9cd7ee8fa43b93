/** Specs the cost tests share; scripts/crosscheck_torch.py builds the same ones in PyTorch. */
import type { NetworkSpec } from "../lib/models/spec";

/** Odd sizes, strides that don't divide, padded max- and avg-pooling. */
export const ODDBALL: NetworkSpec = {
  name: "oddball",
  input: [3, 37, 29],
  layers: [
    { type: "conv2d", filters: 8, kernel: 5, stride: 2, padding: 3 },
    { type: "relu" },
    { type: "maxpool2d", kernel: 3, stride: 2, padding: 1 },
    { type: "conv2d", filters: 12, kernel: 3, stride: 3 },
    { type: "sigmoid" },
    { type: "avgpool2d", kernel: 2, stride: 1, padding: 1 },
    { type: "flatten" },
    { type: "dense", units: 7 },
  ],
};

/** Average pooling with the default stride (= kernel), a 1×1 conv, dropout. */
export const AVGPOOL: NetworkSpec = {
  name: "avgpool",
  input: [2, 50, 50],
  layers: [
    { type: "conv2d", filters: 16, kernel: 7, stride: 3, padding: 2 },
    { type: "avgpool2d", kernel: 3 },
    { type: "conv2d", filters: 32, kernel: 1 },
    { type: "relu" },
    { type: "avgpool2d", kernel: 5 },
    { type: "flatten" },
    { type: "dense", units: 64 },
    { type: "relu" },
    { type: "dropout", rate: 0.3 },
    { type: "dense", units: 5 },
  ],
};
