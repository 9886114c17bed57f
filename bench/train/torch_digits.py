"""PyTorch CPU peer: digits MLP 64-128-10, batch 32, Adam(lr 1e-3), ms per epoch.

    HX_NUM_THREADS=2 python3 bench/train/torch_digits.py [--epochs 20] [--seed 0]

The way a PyTorch user writes it, eager mode: nn.Sequential(Linear(64, 128), ReLU,
Linear(128, 10)), CrossEntropyLoss (mean over the batch), torch.optim.Adam(lr=1e-3,
betas (0.9, 0.999), eps 1e-8). The data sit in two tensors (no DataLoader); each
epoch draws a fresh permutation of the 1437 training rows (torch.randperm from a
generator seeded with --seed + 1) and walks it in batches of 32 (44 full batches and
one of 29). Weights: PyTorch's default initialisation after torch.manual_seed(--seed).
Split and scaling: bench/train/digits_data.py (MINSTD seed 42, 1437 train / 360 test,
pixels / 16).

Each epoch is timed alone (time.perf_counter, wall; time.process_time, CPU of all
threads). The reported figure is the median over epochs 2..N (epoch 1 warms up the
allocator and the BLAS); min is shown too. Test accuracy is computed after the last
epoch, outside the timings.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchcommon  # noqa: E402

THREADS = benchcommon.set_threads()

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

import digits_data  # noqa: E402

BATCH = 32
LR = 1e-3


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.epochs < 2:
        raise SystemExit("--epochs must be at least 2 (epoch 1 is left out of the median)")

    torch.set_num_threads(THREADS)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)

    xtr, ytr, xte, yte = digits_data.load_split_numpy()
    xtr, ytr = torch.from_numpy(xtr), torch.from_numpy(ytr)
    xte, yte = torch.from_numpy(xte), torch.from_numpy(yte)
    n = xtr.shape[0]

    model = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 10))
    loss_fn = nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    gen = torch.Generator().manual_seed(args.seed + 1)

    wall, cpu, losses = [], [], []
    for _epoch in range(args.epochs):
        w0, c0 = time.perf_counter(), time.process_time()
        perm = torch.randperm(n, generator=gen)
        total = torch.zeros(())
        for s in range(0, n, BATCH):
            idx = perm[s:s + BATCH]
            xb, yb = xtr[idx], ytr[idx]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            total += loss.detach() * idx.shape[0]
        w1, c1 = time.perf_counter(), time.process_time()
        wall.append(w1 - w0)
        cpu.append(c1 - c0)
        losses.append(float(total) / n)

    with torch.no_grad():
        acc = float((model(xte).argmax(1) == yte).float().mean())
        train_acc = float((model(xtr).argmax(1) == ytr).float().mean())

    timed = benchcommon.summary(wall[1:])
    cpu_med = float(np.median(cpu[1:])) * 1e3
    m = benchcommon.machine(THREADS)
    print(f"machine: {m['cpu']}, {m['cpus']} CPUs, load average {m['loadavg']}")
    print(f"torch {torch.__version__} ({torch.__file__.split('/site-packages')[0].split('/dist-packages')[0]}), "
          f"threads {torch.get_num_threads()} ({m['threads_from']})")
    print(f"digits MLP 64-128-10, batch {BATCH}, Adam lr {LR}, {args.epochs} epochs, "
          f"train {n} / test {xte.shape[0]} rows")
    print(f"ms/epoch over epochs 2..{args.epochs}: median {timed['median_ms']:.2f}, min {timed['min_ms']:.2f}, "
          f"max {timed['max_ms']:.2f} (epoch 1: {1e3 * wall[0]:.2f}); CPU ms/epoch median {cpu_med:.2f}")
    print(f"loss epoch 1 {losses[0]:.4f} -> epoch {args.epochs} {losses[-1]:.4f}; "
          f"train accuracy {100 * train_acc:.2f} %, test accuracy {100 * acc:.2f} %")
    benchcommon.emit({
        "impl": "pytorch", "version": torch.__version__, "mode": "eager CPU",
        "epochs": args.epochs, "ms_per_epoch": timed["median_ms"], "ms_per_epoch_min": timed["min_ms"],
        "cpu_ms_per_epoch": cpu_med, "first_epoch_ms": 1e3 * wall[0],
        "test_accuracy": acc, "train_accuracy": train_acc, "final_loss": losses[-1],
        "timing": f"median over epochs 2..{args.epochs}", "machine": m,
    })


if __name__ == "__main__":
    main()
