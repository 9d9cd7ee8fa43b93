/**
 * Published ImageNet-1k figures of networks the layer-spec format cannot express
 * (residual adds, batch norm, depthwise convolutions, attention), for exercise 3.
 * Every row names where its numbers come from. All at 224×224, single crop.
 *
 * torchvision's "GFLOPS" column (its weights' `_ops` metadata) counts one multiply-add
 * as one operation: counting torchvision's AlexNet and VGG-11 architectures with our
 * counter gives 0.714 G and 7.609 G multiply-accumulates, its exact `_ops` values
 * (test/modern-models.test.ts). So `macs` here is that column as is, and FLOPs = 2 × macs.
 */

export interface PublishedModel {
  name: string;
  /** Year the architecture was published. */
  year: number;
  params: number;
  /** Multiply-accumulates for one 224×224 image, forward. */
  macs: number;
  /** ImageNet-1k validation top-1 accuracy, %. */
  top1: number;
  source: string;
}

const TORCHVISION = "torchvision.models";

export const PUBLISHED_MODELS: readonly PublishedModel[] = [
  {
    name: "AlexNet (torchvision)",
    year: 2012,
    params: 61_100_840,
    macs: 0.714e9,
    top1: 56.522,
    source: `${TORCHVISION} AlexNet_Weights.IMAGENET1K_V1 metadata: num_params 61100840, _ops 0.714, acc@1 56.522 (the 2014 "one weird trick" single-tower variant)`,
  },
  {
    name: "VGG-11",
    year: 2014,
    params: 132_863_336,
    macs: 7.609e9,
    top1: 69.02,
    source: `${TORCHVISION} VGG11_Weights.IMAGENET1K_V1 metadata: num_params 132863336, _ops 7.609, acc@1 69.020`,
  },
  {
    name: "ResNet-50",
    year: 2015,
    params: 25_557_032,
    macs: 4.089e9,
    top1: 76.13,
    source: `${TORCHVISION} ResNet50_Weights.IMAGENET1K_V1 metadata: num_params 25557032, _ops 4.089, acc@1 76.130 (IMAGENET1K_V2, torchvision's 2022 recipe: 80.858)`,
  },
  {
    name: "MobileNet v1",
    year: 2017,
    params: 4.2e6,
    macs: 569e6,
    top1: 70.6,
    source:
      "Howard et al., MobileNets (arXiv:1704.04861), 1.0 MobileNet-224: 70.6% ImageNet accuracy, 569 million mult-adds, 4.2 million parameters",
  },
  {
    name: "MobileNet v2",
    year: 2018,
    params: 3_504_872,
    macs: 0.301e9,
    top1: 71.878,
    source: `${TORCHVISION} MobileNet_V2_Weights.IMAGENET1K_V1 metadata: num_params 3504872, _ops 0.301, acc@1 71.878`,
  },
  {
    name: "EfficientNet-B0",
    year: 2019,
    params: 5_288_548,
    macs: 0.386e9,
    top1: 77.692,
    source: `${TORCHVISION} EfficientNet_B0_Weights.IMAGENET1K_V1 metadata: num_params 5288548, _ops 0.386, acc@1 77.692`,
  },
  {
    name: "ViT-B/16",
    year: 2020,
    params: 86_567_656,
    macs: 17.564e9,
    top1: 81.072,
    source: `${TORCHVISION} ViT_B_16_Weights.IMAGENET1K_V1 metadata: num_params 86567656, _ops 17.564, acc@1 81.072`,
  },
];

/** AlexNet as its paper describes the original two-GPU network and its training run. */
export const ALEXNET_PAPER = {
  params: 60e6,
  epochs: 90,
  trainingImages: 1.2e6,
  trainingDays: [5, 6] as const,
  hardware: "two NVIDIA GTX 580 3GB GPUs",
  source:
    "Krizhevsky, Sutskever & Hinton, ImageNet Classification with Deep Convolutional Neural Networks (NIPS 2012): " +
    "60 million parameters; roughly 90 cycles through the 1.2 million training images, five to six days on two NVIDIA GTX 580 3GB GPUs",
} as const;

export function findPublished(name: string): PublishedModel {
  const model = PUBLISHED_MODELS.find((m) => m.name === name);
  if (!model)
    throw new Error(`no published figures for "${name}"; known: ${PUBLISHED_MODELS.map((m) => m.name).join(", ")}`);
  return model;
}
