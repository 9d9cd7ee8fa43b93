#!/usr/bin/python3
"""Independent check of lib/cost's counts with PyTorch (Debian's python3-torch 1.13).

Builds each network below in PyTorch from the same JSON layer-spec format the
cost CLI reads, and prints, per network: the parameter count, every layer's
output shape (C,H,W), MACs from forward hooks, and FLOPs from torch.profiler
(with_flops=True) in eval and in train mode. test/cost-crosscheck.test.ts
hard-codes what this printed, so the tests need no PyTorch.

    /usr/bin/python3 scripts/crosscheck_torch.py            # all networks, JSON lines
    /usr/bin/python3 scripts/crosscheck_torch.py spec.json  # a spec file of your own
"""
import json
import sys

import torch
from torch import nn
from torch.profiler import ProfilerActivity, profile


def alexnet(channels):
    return {
        "name": f"alexnet-{channels}ch",
        "input": [channels, 224, 224],
        "layers": [
            {"type": "conv2d", "filters": 96, "kernel": 11, "stride": 4, "padding": 1}, {"type": "relu"},
            {"type": "maxpool2d", "kernel": 3, "stride": 2},
            {"type": "conv2d", "filters": 256, "kernel": 5, "padding": 2}, {"type": "relu"},
            {"type": "maxpool2d", "kernel": 3, "stride": 2},
            {"type": "conv2d", "filters": 384, "kernel": 3, "padding": 1}, {"type": "relu"},
            {"type": "conv2d", "filters": 384, "kernel": 3, "padding": 1}, {"type": "relu"},
            {"type": "conv2d", "filters": 256, "kernel": 3, "padding": 1}, {"type": "relu"},
            {"type": "maxpool2d", "kernel": 3, "stride": 2}, {"type": "flatten"},
            {"type": "dense", "units": 4096}, {"type": "relu"}, {"type": "dropout", "rate": 0.5},
            {"type": "dense", "units": 4096}, {"type": "relu"}, {"type": "dropout", "rate": 0.5},
            {"type": "dense", "units": 10},
        ],
    }


LENET = {
    "name": "lenet",
    "input": [1, 28, 28],
    "layers": [
        {"type": "conv2d", "filters": 6, "kernel": 5, "padding": 2}, {"type": "sigmoid"},
        {"type": "avgpool2d", "kernel": 2, "stride": 2},
        {"type": "conv2d", "filters": 16, "kernel": 5}, {"type": "sigmoid"},
        {"type": "avgpool2d", "kernel": 2, "stride": 2}, {"type": "flatten"},
        {"type": "dense", "units": 120}, {"type": "sigmoid"},
        {"type": "dense", "units": 84}, {"type": "sigmoid"},
        {"type": "dense", "units": 10},
    ],
}

# Odd sizes, strides that don't divide, padded max- and avg-pooling.
ODDBALL = {
    "name": "oddball",
    "input": [3, 37, 29],
    "layers": [
        {"type": "conv2d", "filters": 8, "kernel": 5, "stride": 2, "padding": 3}, {"type": "relu"},
        {"type": "maxpool2d", "kernel": 3, "stride": 2, "padding": 1},
        {"type": "conv2d", "filters": 12, "kernel": 3, "stride": 3}, {"type": "sigmoid"},
        {"type": "avgpool2d", "kernel": 2, "stride": 1, "padding": 1}, {"type": "flatten"},
        {"type": "dense", "units": 7},
    ],
}

# Average pooling with the default stride (= kernel), a 1×1 conv, dropout.
AVGPOOL = {
    "name": "avgpool",
    "input": [2, 50, 50],
    "layers": [
        {"type": "conv2d", "filters": 16, "kernel": 7, "stride": 3, "padding": 2},
        {"type": "avgpool2d", "kernel": 3},
        {"type": "conv2d", "filters": 32, "kernel": 1}, {"type": "relu"},
        {"type": "avgpool2d", "kernel": 5}, {"type": "flatten"},
        {"type": "dense", "units": 64}, {"type": "relu"}, {"type": "dropout", "rate": 0.3},
        {"type": "dense", "units": 5},
    ],
}


def torch_layer(layer, channels, features):
    kind = layer["type"]
    if kind == "conv2d":
        return nn.Conv2d(channels, layer["filters"], layer["kernel"], layer.get("stride", 1), layer.get("padding", 0))
    if kind in ("maxpool2d", "avgpool2d"):
        cls = nn.MaxPool2d if kind == "maxpool2d" else nn.AvgPool2d
        return cls(layer["kernel"], layer.get("stride", layer["kernel"]), layer.get("padding", 0))
    if kind == "dense":
        return nn.Linear(features, layer["units"])
    return {"relu": nn.ReLU, "sigmoid": nn.Sigmoid, "flatten": nn.Flatten}.get(kind, lambda: nn.Dropout(layer.get("rate", 0.5)))()


def build(spec):
    """nn.Sequential from a spec, tracking channels/features with a dry run per layer."""
    x = torch.zeros(1, *spec["input"])
    modules = []
    for layer in spec["layers"]:
        channels = x.shape[1]
        features = x.shape[-1]
        module = torch_layer(layer, channels, features)
        with torch.no_grad():
            x = module.eval()(x)
        modules.append(module)
    return nn.Sequential(*modules)


def profiler_flops(model, x, mode):
    getattr(model, mode)()
    with torch.no_grad(), profile(activities=[ProfilerActivity.CPU], with_flops=True) as prof:
        model(x)
    return sum(event.flops for event in prof.key_averages() if event.flops)


def check(spec):
    torch.manual_seed(0)
    model = build(spec)
    x = torch.randn(1, *spec["input"])
    shapes, macs = [], []

    def hook(module, inputs, output):
        shapes.append(list(output.shape[1:]))
        if isinstance(module, nn.Conv2d):
            kh, kw = module.kernel_size
            macs.append(output.numel() * module.in_channels // module.groups * kh * kw)
        elif isinstance(module, nn.Linear):
            macs.append(output.numel() * module.in_features)
        else:
            macs.append(0)

    handles = [m.register_forward_hook(hook) for m in model]
    model.eval()
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    return {
        "name": spec["name"],
        "params": sum(p.numel() for p in model.parameters()),
        "macs": sum(macs),
        "layerMacs": macs,
        "shapes": shapes,
        "profilerFlopsEval": profiler_flops(model, x, "eval"),
        "profilerFlopsTrain": profiler_flops(model, x, "train"),
        "torch": torch.__version__,
    }


if __name__ == "__main__":
    specs = [json.load(open(path)) for path in sys.argv[1:]] or [alexnet(1), alexnet(3), LENET, ODDBALL, AVGPOOL]
    for spec in specs:
        print(json.dumps(check(spec)))
