/**
 * Networks after AlexNet that fit the plain layer list, for exercise 3's comparison:
 * d2l's VGG (section 8.2) and NiN (section 8.3), and torchvision's AlexNet, whose
 * published ImageNet figures are the ones people quote for "AlexNet".
 * Defaults follow zoo.ts (d2l's Fashion-MNIST setting); pass
 * { channels: 3, classes: 1000 } for ImageNet-comparable counts.
 */
import { inferShapes, type LayerSpec, type NetworkSpec } from "./spec";
import type { ImageInput } from "./zoo";

/** (number of 3×3 convolutions, output channels) per VGG block. */
export type VggArchitecture = readonly (readonly [convs: number, channels: number])[];

/** d2l's conv_arch: 8 convolutions + 3 dense layers = VGG-11 (configuration "A" of Simonyan & Zisserman). */
export const VGG11_ARCHITECTURE: VggArchitecture = [
  [1, 64],
  [1, 128],
  [2, 256],
  [2, 512],
  [2, 512],
];

/** Each block: `convs` 3×3 convolutions (padding 1) with ReLU, then a 2×2 max-pool halving height and width. */
function vggBlock(convs: number, channels: number): LayerSpec[] {
  const layers: LayerSpec[] = [];
  for (let i = 0; i < convs; i++)
    layers.push({ type: "conv2d", filters: channels, kernel: 3, padding: 1 }, { type: "relu" });
  layers.push({ type: "maxpool2d", kernel: 2, stride: 2 });
  return layers;
}

/** d2l's VGG: the blocks, then AlexNet's classifier (4096, 4096 with dropout 0.5, classes). */
export function vggSpec(
  { channels = 1, size = 224, classes = 10 }: ImageInput = {},
  architecture: VggArchitecture = VGG11_ARCHITECTURE,
): NetworkSpec {
  return {
    name: architecture === VGG11_ARCHITECTURE ? "VGG-11" : "VGG",
    input: [channels, size, size],
    layers: [
      ...architecture.flatMap(([convs, filters]) => vggBlock(convs, filters)),
      { type: "flatten" },
      { type: "dense", units: 4096 },
      { type: "relu" },
      { type: "dropout", rate: 0.5 },
      { type: "dense", units: 4096 },
      { type: "relu" },
      { type: "dropout", rate: 0.5 },
      { type: "dense", units: classes },
    ],
  };
}

/** One NiN block: a k×k convolution and two 1×1 convolutions (per-pixel dense layers), each with ReLU. */
function ninBlock(filters: number, kernel: number, stride: number, padding: number): LayerSpec[] {
  return [
    { type: "conv2d", filters, kernel, stride, padding },
    { type: "relu" },
    { type: "conv2d", filters, kernel: 1 },
    { type: "relu" },
    { type: "conv2d", filters, kernel: 1 },
    { type: "relu" },
  ];
}

/**
 * d2l's NiN: no dense layers; the last block has one channel per class and a global
 * average pool turns each channel into a logit. PyTorch's AdaptiveAvgPool2d((1, 1)) is
 * written as an average pool whose kernel is the feature map's size at this input.
 */
export function ninSpec({ channels = 1, size = 224, classes = 10 }: ImageInput = {}): NetworkSpec {
  const body: LayerSpec[] = [
    ...ninBlock(96, 11, 4, 0),
    { type: "maxpool2d", kernel: 3, stride: 2 },
    ...ninBlock(256, 5, 1, 2),
    { type: "maxpool2d", kernel: 3, stride: 2 },
    ...ninBlock(384, 3, 1, 1),
    { type: "maxpool2d", kernel: 3, stride: 2 },
    { type: "dropout", rate: 0.5 },
    ...ninBlock(classes, 3, 1, 1),
  ];
  const input: [number, number, number] = [channels, size, size];
  const [, height, width] = inferShapes({ input, layers: body }).at(-1)!;
  if (height !== width) throw new Error(`ninSpec: expected a square feature map, got ${height}×${width}`);
  return { name: "NiN", input, layers: [...body, { type: "avgpool2d", kernel: height }, { type: "flatten" }] };
}

/**
 * torchvision's `alexnet` (Krizhevsky's 2014 "one weird trick" variant: 64/192/384/256/256
 * channels, one tower, no LRN). At 224×224 its AdaptiveAvgPool2d((6, 6)) receives 6×6
 * and is the identity, so it is left out. Dropout sits before the dense layers, as there.
 */
export function torchvisionAlexnetSpec({ channels = 3, size = 224, classes = 1000 }: ImageInput = {}): NetworkSpec {
  return {
    name: "AlexNet (torchvision)",
    input: [channels, size, size],
    layers: [
      { type: "conv2d", filters: 64, kernel: 11, stride: 4, padding: 2 },
      { type: "relu" },
      { type: "maxpool2d", kernel: 3, stride: 2 },
      { type: "conv2d", filters: 192, kernel: 5, padding: 2 },
      { type: "relu" },
      { type: "maxpool2d", kernel: 3, stride: 2 },
      { type: "conv2d", filters: 384, kernel: 3, padding: 1 },
      { type: "relu" },
      { type: "conv2d", filters: 256, kernel: 3, padding: 1 },
      { type: "relu" },
      { type: "conv2d", filters: 256, kernel: 3, padding: 1 },
      { type: "relu" },
      { type: "maxpool2d", kernel: 3, stride: 2 },
      { type: "flatten" },
      { type: "dropout", rate: 0.5 },
      { type: "dense", units: 4096 },
      { type: "relu" },
      { type: "dropout", rate: 0.5 },
      { type: "dense", units: 4096 },
      { type: "relu" },
      { type: "dense", units: classes },
    ],
  };
}
