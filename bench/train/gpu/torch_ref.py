#!/usr/bin/python3
"""PyTorch reference of bench/train/mlp_gpu.hx: the same weights, data and step
(784-1024-1024-10, ReLU, softmax cross-entropy, gradient descent lr 0.01, one
fixed batch of 256), built exactly as the .hx builds them.

    /usr/bin/python3 bench/train/gpu/torch_ref.py [N]       # loss of each of N steps (default 3)
    /usr/bin/python3 bench/train/gpu/torch_ref.py N --check HX_LOSS [--rtol R]

--check compares the loss after N steps with the hastec value given (what
`hastec run bench/train/mlp_gpu.hx -e 'MlpGpu.run(N)'` prints) and exits 1 if
they differ by more than R (relative, default 1e-4). make.sh runs it for N = 1, 2.
The builders are shared with torch_mlp_gpu.py (--data hastec) through
hastec_problem()."""
import argparse
import os
import sys

import torch


def iota(*shape, device="cpu"):
    n = 1
    for d in shape:
        n *= d
    return torch.arange(n, dtype=torch.float32, device=device).reshape(*shape)


def hastec_problem(device="cpu"):
    """Weights [w1, b1, w2, b2, w3, b3] (leaf tensors that require grad) and the batch (x, one-hot y),
    in float32, as MlpGpu.init/0 and MlpGpu.batch/0 build them (f32 products, then f32 sin/cos)."""
    w1 = torch.sin(iota(784, 1024, device=device) * 0.37) * 0.05
    w2 = torch.cos(iota(1024, 1024, device=device) * 0.11) * 0.04
    w3 = torch.sin(iota(1024, 10, device=device) * 0.23) * 0.04
    b1 = torch.zeros(1024, device=device)
    b2 = torch.zeros(1024, device=device)
    b3 = torch.zeros(10, device=device)
    params = [t.requires_grad_() for t in (w1, b1, w2, b2, w3, b3)]
    x = torch.sin(iota(256, 784, device=device) * 0.013)
    teacher = torch.cos(iota(784, 10, device=device) * 0.7)
    labels = (x @ teacher).argmax(1)
    y = torch.nn.functional.one_hot(labels, 10).to(torch.float32)
    return params, x, y


def loss_fn(params, x, y):
    w1, b1, w2, b2, w3, b3 = params
    h1 = torch.relu(x @ w1 + b1)
    h2 = torch.relu(h1 @ w2 + b2)
    logits = h2 @ w3 + b3
    return (torch.logsumexp(logits, 1) - (logits * y).sum(1)).mean()


def gd_step(params, x, y, lr=0.01):
    """One step of MlpGpu.step/3; returns the loss before the update (as value_and_grad does)."""
    loss = loss_fn(params, x, y)
    for p in params:
        p.grad = None
    loss.backward()
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
    return loss.detach()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=3)
    ap.add_argument("--check", type=float, help="hastec's MlpGpu.run(n)")
    ap.add_argument("--rtol", type=float, default=1e-4)
    a = ap.parse_args()
    torch.set_num_threads(int(os.environ.get("HX_NUM_THREADS", "1")))
    torch.backends.cuda.matmul.allow_tf32 = False
    params, x, y = hastec_problem()
    print("label counts:", [int(c) for c in y.sum(0)])
    loss = torch.tensor(0.0)
    for k in range(a.n):
        loss = gd_step(params, x, y)
        print(f"step {k + 1}: loss {float(loss):.9g}")
    if a.check is not None:
        rel = abs(float(loss) - a.check) / max(abs(float(loss)), 1e-30)
        ok = rel <= a.rtol
        print(f"run({a.n}): hastec {a.check!r} torch {float(loss)!r} rel diff {rel:.2e} "
              f"{'ok' if ok else 'MISMATCH'} (rtol {a.rtol:g})")
        sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
