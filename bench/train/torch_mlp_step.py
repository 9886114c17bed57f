#!/usr/bin/python3
"""The peer of bench/train/mlp_step.hx: the digits MLP's training step
(64-128-10, batch 32, ReLU, softmax cross-entropy, plain gradient descent,
lr 0.1) on one fixed synthetic batch, N steps. Prints ms per step (wall and
process CPU) and ms per 45-step epoch. Threads: HX_NUM_THREADS (default 1)."""
import math, os, sys, time
import torch

args = [a for a in sys.argv[1:] if not a.startswith("--")]
adam = "--adam" in sys.argv  # Adam (lr 1e-3, torch.optim.Adam) instead of GD
if "--ftz" in sys.argv:  # subnormals flushed to zero, as hastec --flush-denormals
    torch.set_flush_denormal(True)
n = int(args[0]) if args else 2000
torch.set_num_threads(int(os.environ.get("HX_NUM_THREADS", "1")))
i64 = torch.arange(64 * 128, dtype=torch.float32).reshape(64, 128)
w1 = (torch.sin(i64 * 0.37) * 0.1).requires_grad_()
w2 = (torch.cos(torch.arange(128 * 10, dtype=torch.float32).reshape(128, 10) * 0.11) * 0.1).requires_grad_()
b1 = torch.zeros(128, requires_grad=True)
b2 = torch.zeros(10, requires_grad=True)
x = torch.abs(torch.sin(torch.arange(32 * 64, dtype=torch.float32).reshape(32, 64) * 0.013))
e = torch.eye(10)
y = torch.cat([e, e, e, e[:2]])
params = [w1, b1, w2, b2]

opt = torch.optim.Adam(params, lr=1e-3) if adam else None

def step():
    h = torch.relu(x @ w1 + b1)
    logits = h @ w2 + b2
    loss = (torch.logsumexp(logits, 1) - (logits * y).sum(1)).mean()
    for p in params:
        p.grad = None
    loss.backward()
    if opt:
        opt.step()
    else:
        with torch.no_grad():
            for p in params:
                p -= 0.1 * p.grad
    return loss

for _ in range(50):
    step()
t0, c0 = time.perf_counter(), time.process_time()
for _ in range(n):
    l = step()
t1, c1 = time.perf_counter(), time.process_time()
wall, cpu = (t1 - t0) / n * 1e3, (c1 - c0) / n * 1e3
print(f"torch {torch.__version__} {'adam' if adam else 'gd'} threads={torch.get_num_threads()} steps={n} loss={l.item():.6f} "
      f"ms/step wall={wall:.4f} cpu={cpu:.4f} ms/epoch(45) wall={45*wall:.2f} cpu={45*cpu:.2f}")
