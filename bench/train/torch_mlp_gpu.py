"""PyTorch GPU peer: MLP 784-1024-1024-10, batch 256, Adam(lr 1e-3), training steps per second.

On the GPU machine (its python3 holds PyTorch 2.x with CUDA):

    python3 bench/train/torch_mlp_gpu.py [--steps 200] [--reps 5] [--modes eager,eager-fused,compile]
    python3 bench/train/torch_mlp_gpu.py --problem hastec --modes eager,eager-fused   # hastec's step

--problem hastec is bench/train/mlp_gpu.hx's step, for the side-by-side with hastec
(bench/train/gpu/run.sh): its weights and its one fixed batch (built as the .hx builds them,
bench/train/gpu/torch_ref.py), plain gradient descent (torch.optim.SGD, lr 0.01, no momentum)
instead of Adam, and the same loss (cross-entropy of the one-hot labels, mean over the batch).
The default, --problem teacher, is the Adam problem described next.

Model: nn.Sequential(Linear(784, 1024), ReLU, Linear(1024, 1024), ReLU, Linear(1024, 10)),
CrossEntropyLoss, float32 throughout (TF32 matmuls off, PyTorch's default; --tf32 turns them
on and says so). Weights: PyTorch's default initialisation after torch.manual_seed(--seed).

Data (synthetic, seeded): --samples rows (default 256 * 64) of x ~ N(0, 1)^784 drawn on the CPU
from a torch.Generator seeded with --seed + 1, labels y = argmax(x @ T) for a fixed random
"teacher" T (784 x 10) from the same generator, so the loss can actually fall. The data are
copied to the device once; step k trains on rows [(k mod 64) * 256, +256) (a fixed cyclic order:
no per-step host work, no gather).

One step = zero_grad, forward, loss, backward, optimizer step. Modes, each timed separately
with fresh weights and optimizer:
  eager        torch.optim.Adam(lr=1e-3) with its default implementation (foreach on CUDA)
  eager-fused  torch.optim.Adam(lr=1e-3, fused=True), the fastest eager Adam
  compile      the whole step function through torch.compile (mode "default")
  compile-cudagraphs  torch.compile(mode="reduce-overhead"): CUDA graphs
A mode that fails (no torch.compile, no Triton, ...) prints "n/a: <reason>" and the others run.

Timing: --warmup steps (compilation happens there), then torch.cuda.synchronize(); time.perf_counter();
--steps steps; torch.cuda.synchronize(); time.perf_counter(): steps/s = steps / elapsed, for each of
--reps repetitions; median and best are reported. CUDA events measure the same interval as a cross-check.
--device cpu runs the same code on the CPU (for a smoke test where no GPU is present).
"""
import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "gpu"))
import benchcommon  # noqa: E402

THREADS = benchcommon.set_threads()

import torch  # noqa: E402
from torch import nn  # noqa: E402

import torch_ref  # noqa: E402  (bench/train/gpu: mlp_gpu.hx's weights and batch)

BATCH_DEFAULT = 256
N_BATCHES = 64
ALL_MODES = ("eager", "eager-fused", "compile", "compile-cudagraphs")


def make_data(n, seed, device):
    g = torch.Generator().manual_seed(seed + 1)
    x = torch.randn(n, 784, generator=g)
    teacher = torch.randn(784, 10, generator=g)
    y = (x @ teacher).argmax(1)
    return x.to(device), y.to(device)


def make_model(seed, device, problem="teacher"):
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(784, 1024), nn.ReLU(), nn.Linear(1024, 1024), nn.ReLU(),
                          nn.Linear(1024, 10)).to(device)
    if problem == "hastec":  # mlp_gpu.hx's weights; nn.Linear keeps W as (out, in): x @ W.T + b
        params, _x, _y = torch_ref.hastec_problem(device)
        with torch.no_grad():
            for lin, (w, b) in zip((model[0], model[2], model[4]), zip(params[0::2], params[1::2])):
                lin.weight.copy_(w.detach().T)
                lin.bias.copy_(b.detach())
    return model


def make_hastec_data(device):
    """mlp_gpu.hx's one batch: x (256 x 784) and the class indices of its one-hot labels."""
    _params, x, y = torch_ref.hastec_problem(device)
    return x, y.argmax(1)


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def build_step(mode, model, device, optim="adam", lr=1e-3):
    loss_fn = nn.CrossEntropyLoss()
    make = (lambda **kw: torch.optim.Adam(model.parameters(), lr=lr, **kw)) if optim == "adam" else \
        (lambda **kw: torch.optim.SGD(model.parameters(), lr=lr, momentum=0.0, **kw))
    if mode == "eager-fused":
        if device.type != "cuda":
            raise RuntimeError(f"fused {optim} is for CUDA tensors")
        opt = make(fused=True)
    else:
        opt = make()

    def step(xb, yb):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
        return loss.detach()

    if mode.startswith("compile"):
        if not hasattr(torch, "compile"):
            raise RuntimeError(f"torch.compile is not in torch {torch.__version__}")
        cmode = "reduce-overhead" if mode == "compile-cudagraphs" else "default"
        return torch.compile(step, mode=cmode), opt
    return step, opt


def run_mode(mode, args, device, x, y):
    model = make_model(args.seed, device, args.problem)
    step, _opt = build_step(mode, model, device, args.optim, args.lr)
    b = args.batch
    nb = x.shape[0] // b
    k = 0

    def run(n):
        nonlocal k
        loss = None
        for _ in range(n):
            s = (k % nb) * b
            if mode == "compile-cudagraphs":
                torch.compiler.cudagraph_mark_step_begin()  # a new iteration: earlier outputs may be overwritten
            loss = step(x[s:s + b], y[s:s + b])
            k += 1
        return loss

    t0 = time.perf_counter()
    first = run(1)
    first_loss = float(first)  # synchronises
    run(args.warmup - 1)
    sync(device)
    warm_s = time.perf_counter() - t0

    rates, event_rates = [], []
    for _ in range(args.reps):
        ev = None
        if device.type == "cuda":
            ev = (torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True))
        sync(device)
        t0 = time.perf_counter()
        if ev:
            ev[0].record()
        loss = run(args.steps)
        if ev:
            ev[1].record()
        sync(device)
        dt = time.perf_counter() - t0
        rates.append(args.steps / dt)
        if ev:
            event_rates.append(args.steps / (ev[0].elapsed_time(ev[1]) / 1e3))
    last_loss = float(loss)
    with torch.no_grad():
        acc = float((model(x[:4096]).argmax(1) == y[:4096]).float().mean())
    if not (last_loss == last_loss) or last_loss >= first_loss:
        raise RuntimeError(f"training did not progress: loss {first_loss:.4f} -> {last_loss:.4f}")
    return {
        "mode": mode, "steps_per_s": statistics.median(rates), "steps_per_s_best": max(rates),
        "steps_per_s_events": statistics.median(event_rates) if event_rates else None,
        "ms_per_step": 1e3 / statistics.median(rates), "reps": args.reps, "steps": args.steps,
        "warmup_s": warm_s, "loss_first": first_loss, "loss_last": last_loss, "train_acc_4096": acc,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--batch", type=int, default=BATCH_DEFAULT)
    ap.add_argument("--samples", type=int, default=BATCH_DEFAULT * N_BATCHES)
    ap.add_argument("--steps", type=int, default=200, help="timed steps per repetition")
    ap.add_argument("--warmup", type=int, default=30)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--modes", default=",".join(ALL_MODES))
    ap.add_argument("--tf32", action="store_true", help="allow TF32 matmuls (off by default)")
    ap.add_argument("--problem", choices=("teacher", "hastec"), default="teacher",
                    help="teacher: seeded data and default init, Adam lr 1e-3; hastec: mlp_gpu.hx's weights, "
                         "batch and step (gradient descent, lr 0.01)")
    args = ap.parse_args()
    args.optim, args.lr = ("sgd", 0.01) if args.problem == "hastec" else ("adam", 1e-3)
    modes = [m for m in args.modes.split(",") if m]
    bad = [m for m in modes if m not in ALL_MODES]
    if bad:
        raise SystemExit(f"unknown mode(s) {bad}; known: {', '.join(ALL_MODES)}")
    if args.warmup < 1 or args.steps < 1 or args.reps < 1 or args.samples < args.batch:
        raise SystemExit("--warmup, --steps, --reps must be >= 1 and --samples >= --batch")

    torch.set_num_threads(THREADS)
    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise SystemExit("no CUDA device visible to PyTorch (use --device cpu for a smoke test)")
    torch.backends.cuda.matmul.allow_tf32 = args.tf32
    torch.backends.cudnn.allow_tf32 = args.tf32

    m = benchcommon.machine(THREADS)
    gpu = torch.cuda.get_device_name(device) if device.type == "cuda" else "none (CPU run)"
    print(f"machine: {m['cpu']}, {m['cpus']} CPUs, load average {m['loadavg']}; GPU: {gpu}")
    print(f"torch {torch.__version__}, CUDA {torch.version.cuda}, CPU threads {torch.get_num_threads()} "
          f"({m['threads_from']}), TF32 {'on' if args.tf32 else 'off'}")
    if args.problem == "hastec":
        args.batch = 256
        print(f"MLP 784-1024-1024-10, batch 256, gradient descent lr {args.lr}, float32; mlp_gpu.hx's weights "
              f"and its one fixed batch; {args.warmup} warm-up steps, {args.reps} x {args.steps} timed steps")
        x, y = make_hastec_data(device)
    else:
        print(f"MLP 784-1024-1024-10, batch {args.batch}, Adam lr {args.lr}, float32; {args.samples} synthetic "
              f"rows (seed {args.seed + 1}); {args.warmup} warm-up steps, {args.reps} x {args.steps} timed steps")
        x, y = make_data(args.samples, args.seed, device)
    results = []
    print("| mode | steps/s (median) | best | CUDA-event steps/s | ms/step | warm-up s | loss first -> last |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for mode in modes:
        try:
            r = run_mode(mode, args, device, x, y)
        except Exception as e:  # one mode failing must not hide the others
            msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            print(f"| {mode} | n/a: {type(e).__name__}: {msg[:160]} | | | | | |", flush=True)
            results.append({"mode": mode, "error": f"{type(e).__name__}: {msg}"})
            continue
        ev = f"{r['steps_per_s_events']:.1f}" if r["steps_per_s_events"] else "—"
        print(f"| {mode} | {r['steps_per_s']:.1f} | {r['steps_per_s_best']:.1f} | {ev} | {r['ms_per_step']:.3f} "
              f"| {r['warmup_s']:.1f} | {r['loss_first']:.3f} -> {r['loss_last']:.3f} |", flush=True)
        results.append(r)
    benchcommon.emit({"impl": "pytorch", "version": torch.__version__, "cuda": torch.version.cuda,
                      "gpu": gpu, "device": str(device), "batch": args.batch, "tf32": args.tf32,
                      "problem": args.problem, "optim": args.optim, "lr": args.lr,
                      "results": results, "machine": m})
    if not any("error" not in r for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
