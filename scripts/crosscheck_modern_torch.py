#!/usr/bin/python3
"""Independent check of lib/models/modern.ts with PyTorch (Debian's python3-torch 1.13).

Builds d2l's VGG-11 and NiN (chapter_convolutional-modern, vgg.md / nin.md) and
torchvision's AlexNet architecture directly in PyTorch, written the way those sources
write them (not from our layer specs), and prints one JSON line per network and input:
parameters, MACs of conv/linear layers (forward hooks) and the output shape.
test/modern-models.test.ts hard-codes what this printed, so the tests need no PyTorch.

    /usr/bin/python3 scripts/crosscheck_modern_torch.py
"""
import json

import torch
from torch import nn


def vgg_block(num_convs, in_channels, out_channels):
    layers = []
    for _ in range(num_convs):
        layers += [nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1), nn.ReLU()]
        in_channels = out_channels
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


def vgg11(in_channels, num_classes):
    blocks, channels = [], in_channels
    for num_convs, out_channels in ((1, 64), (1, 128), (2, 256), (2, 512), (2, 512)):
        blocks.append(vgg_block(num_convs, channels, out_channels))
        channels = out_channels
    return nn.Sequential(
        *blocks, nn.Flatten(),
        nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
        nn.LazyLinear(4096), nn.ReLU(), nn.Dropout(0.5),
        nn.LazyLinear(num_classes))


def nin_block(out_channels, kernel_size, strides, padding):
    return nn.Sequential(
        nn.LazyConv2d(out_channels, kernel_size, strides, padding), nn.ReLU(),
        nn.LazyConv2d(out_channels, kernel_size=1), nn.ReLU(),
        nn.LazyConv2d(out_channels, kernel_size=1), nn.ReLU())


def nin(num_classes):
    return nn.Sequential(
        nin_block(96, kernel_size=11, strides=4, padding=0), nn.MaxPool2d(3, stride=2),
        nin_block(256, kernel_size=5, strides=1, padding=2), nn.MaxPool2d(3, stride=2),
        nin_block(384, kernel_size=3, strides=1, padding=1), nn.MaxPool2d(3, stride=2),
        nn.Dropout(0.5),
        nin_block(num_classes, kernel_size=3, strides=1, padding=1),
        nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())


def torchvision_alexnet(num_classes):
    return nn.Sequential(
        nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2), nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(64, 192, kernel_size=5, padding=2), nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(192, 384, kernel_size=3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, kernel_size=3, padding=1), nn.ReLU(),
        nn.Conv2d(256, 256, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(kernel_size=3, stride=2),
        nn.AdaptiveAvgPool2d((6, 6)), nn.Flatten(),
        nn.Dropout(0.5), nn.Linear(256 * 6 * 6, 4096), nn.ReLU(),
        nn.Dropout(0.5), nn.Linear(4096, 4096), nn.ReLU(),
        nn.Linear(4096, num_classes))


def count(name, net, channels, size):
    macs = []

    def hook(module, inputs, output):
        if isinstance(module, nn.Conv2d):
            k = module.kernel_size[0] * module.kernel_size[1]
            macs.append(output.numel() * k * module.in_channels // module.groups)
        elif isinstance(module, nn.Linear):
            macs.append(output.numel() * module.in_features)

    net.eval()
    with torch.no_grad():
        net(torch.zeros(1, channels, size, size))  # materialise lazy layers
        for m in net.modules():
            m.register_forward_hook(hook)
        out = net(torch.zeros(1, channels, size, size))
    params = sum(p.numel() for p in net.parameters())
    print(json.dumps({"name": name, "input": [channels, size, size], "params": params, "macs": sum(macs), "output": list(out.shape[1:])}))


if __name__ == "__main__":
    torch.manual_seed(0)
    count("vgg11", vgg11(3, 1000), 3, 224)
    count("vgg11", vgg11(1, 10), 1, 224)
    count("nin", nin(1000), 3, 224)
    count("nin", nin(10), 1, 224)
    count("torchvision-alexnet", torchvision_alexnet(1000), 3, 224)
