"""PyTorch CPU reference for `npm run bench -- --torch`: training images/s of
d2l's LeNet and AlexNet (1 input channel), SGD on random data, median over
timed steps after warm-up. Progress goes to stderr; the last stdout line is
one JSON object {"torch": version, "threads": n, "<case>": img/s, ...}.
Also `--peak`: fp32 GFLOP/s of a large sgemm (the machine's practical peak)."""
import argparse
import json
import statistics
import sys
import time

import torch
from torch import nn


def lenet():
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.Sigmoid(), nn.AvgPool2d(2, 2),
        nn.Conv2d(6, 16, 5), nn.Sigmoid(), nn.AvgPool2d(2, 2), nn.Flatten(),
        nn.Linear(400, 120), nn.Sigmoid(), nn.Linear(120, 84), nn.Sigmoid(), nn.Linear(84, 10))


def alexnet(size):
    features = nn.Sequential(
        nn.Conv2d(1, 96, 11, stride=4, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(96, 256, 5, padding=2), nn.ReLU(), nn.MaxPool2d(3, 2),
        nn.Conv2d(256, 384, 3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 384, 3, padding=1), nn.ReLU(),
        nn.Conv2d(384, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2), nn.Flatten())
    flat = features(torch.zeros(1, 1, size, size)).shape[1]
    return nn.Sequential(
        features, nn.Linear(flat, 4096), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4096, 10))


# key: (model factory, input size, batch, lr) — the same cases as scripts/bench-step.ts
CASES = {
    "lenet28_b256": (lenet, 28, 256, 0.1),
    "alexnet224_b32": (lambda: alexnet(224), 224, 32, 0.01),
    "alexnet96_b64": (lambda: alexnet(96), 96, 64, 0.01),
    "alexnet68_b128": (lambda: alexnet(68), 68, 128, 0.01),
}


def images_per_second(key, min_steps, seconds, warm_up_seconds):
    factory, size, batch, lr = CASES[key]
    torch.manual_seed(0)
    model = factory()
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    x = torch.rand(batch, 1, size, size)
    y = torch.randint(0, 10, (batch,))

    def step():
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        return loss.item()

    # Warm up as the TypeScript bench does (WARM_UP_SECONDS in scripts/bench-step.ts passes warm_up_seconds).
    warm_started = time.perf_counter()
    step()
    while time.perf_counter() - warm_started < warm_up_seconds:
        step()
    times = []
    started = time.perf_counter()
    while len(times) < min_steps or (time.perf_counter() - started < seconds and len(times) < 50):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    rate = batch / statistics.median(times)
    print(f"torch {key}: {rate:.1f} img/s (median of {len(times)} steps)", file=sys.stderr, flush=True)
    return rate


def sgemm_peak(n=2048, repeats=10):
    a, b = torch.rand(n, n), torch.rand(n, n)
    torch.mm(a, b)
    best = min(timed(lambda: torch.mm(a, b)) for _ in range(repeats))
    return 2 * n ** 3 / best / 1e9


def timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=0, help="0: PyTorch's own choice (all cores)")
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--steps", type=int, default=5, help="timed steps at least")
    parser.add_argument("--seconds", type=float, default=10, help="time per case, beyond --steps")
    parser.add_argument("--peak", action="store_true")
    parser.add_argument("--warm-up-seconds", type=float, required=True,
                        help="steps before timing starts (scripts/bench-torch.ts passes the TypeScript bench's)")
    args = parser.parse_args()
    if args.threads > 0:
        torch.set_num_threads(args.threads)
    result = {"torch": torch.__version__, "threads": torch.get_num_threads()}
    if args.peak:
        result["sgemm_gflops"] = round(sgemm_peak(), 1)
        print(f"torch sgemm 2048³: {result['sgemm_gflops']} GFLOP/s", file=sys.stderr, flush=True)
    for key in filter(None, args.cases.split(",")):
        result[key] = round(images_per_second(key, args.steps, args.seconds, args.warm_up_seconds), 2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
