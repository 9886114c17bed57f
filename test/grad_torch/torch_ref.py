#!/usr/bin/python3
"""PyTorch's side of the whole-model gradient test (test/grad_torch/).

Each model of test/grad_torch/*.hx is written here a second time in torch,
on the same weights and batch: both sides build them from the same integer
hashes of the element index (`noise` below and in the .hx files), whose
values k / 2^15 - 1, times powers of two, are exact in f32 and f64, so the
two programs start from identical bits without exchanging files. torch's
autograd then gives the loss and the gradient of every parameter, always
computed in float64 (for the f32 models too: the reference is then the f64
truth on the f32 model's exact inputs, which hastec's f32 results must meet
at gradcheck's tolerances).

Usage (Debian's python3-torch, so /usr/bin/python3, not a pyenv python):
  torch_ref.py            recompute and compare with expected/*.json
  torch_ref.py --regen    recompute and rewrite expected/<model>.json
  torch_ref.py --out DIR  recompute and write DIR/<model>.json (check.py's live run)
  [--model NAME]...       only these models

Each model also asserts that its inputs keep away from ties and kinks by
a margin (ReLU at 0, clip's bounds, reduce_max between two values), where
Nx's and torch's conventions may differ or f32 rounding could change the
branch: a new seed that lands near one fails here, not as a puzzling
mismatch in check.py.

The table MODELS (names, .hx files, calls, parameter order, tolerances) is
importable without torch: check.py reads it.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXPECTED = os.path.join(HERE, "expected")

# Tolerances, as torch.autograd.gradcheck applies them: |got - want| <= atol + rtol * |want|.
# f32: gradcheck's defaults. f64: hastec and torch sum in different orders
# (GEMM blocking, SIMD lanes), which costs a few ulps of the largest terms.
TOL = {"f32": (1e-3, 1e-5), "f64": (1e-10, 1e-13)}


class Model(object):
    def __init__(self, name, hx, call, dtype, container, names, build):
        self.name, self.hx, self.call, self.dtype = name, hx, call, dtype
        self.container = container  # "map": printed as %{name: grad}; "tuple": {g0, g1, ...} in names' order
        self.names = names
        self.build = build  # () -> (OrderedDict of f64 leaf tensors, loss function of that dict)


MARGIN = 1e-4  # distance kept from every kink in the models that also run in f32 (see the module comment)


def noise(torch, shape, seed):
    """The .hx files' `noise(Nx.iota(shape), seed)`: uniform in [-1, 1), a multiple of 2^-15."""
    n = 1
    for d in shape:
        n *= d
    i = torch.arange(n, dtype=torch.int64)
    h = (i * i * 3 + i * 7919 + seed) % 65536
    return (h.to(torch.float64) / 32768.0 - 1.0).reshape(shape)


def away(name, t, at, margin=MARGIN):
    d = (t - at).abs().min().item()
    if d <= margin:
        raise SystemExit("torch_ref: %s comes within %g of %g (a kink): change the model's seeds" % (name, d, at))


def digits_mlp():
    import torch
    p = {"w1": noise(torch, (64, 128), 1) * 0.125, "b1": noise(torch, (128,), 2) * 0.125,
         "w2": noise(torch, (128, 10), 3) * 0.0625, "b2": noise(torch, (10,), 4) * 0.0625}
    i = torch.arange(32 * 64, dtype=torch.int64)
    x = ((i * i * 5 + i * 31 + 7) % 17).to(torch.float64).reshape(32, 64) / 16.0
    j = torch.arange(32, dtype=torch.int64)
    y = (j * j * 3 + j * 7 + 1) % 10
    onehot = torch.nn.functional.one_hot(y, 10).to(torch.float64)

    def loss(p):
        pre = x @ p["w1"] + p["b1"]
        away("digits_mlp: a ReLU input", pre.detach(), 0.0, 1e-9)  # f64 only: no exact ties
        z = torch.maximum(pre, torch.zeros_like(pre)) @ p["w2"] + p["b2"]
        return (torch.logsumexp(z, 1) - (onehot * z).sum(1)).mean()
    return p, loss


def tanh_mse():
    import torch
    p = {"w1": noise(torch, (10, 16), 11) * 0.5, "b1": noise(torch, (16,), 12) * 0.25,
         "w2": noise(torch, (16, 3), 13) * 0.5, "b2": noise(torch, (3,), 14) * 0.25}
    x = noise(torch, (24, 10), 15) * 2.0
    j = torch.arange(24, dtype=torch.int64)
    t = torch.nn.functional.one_hot((j * j * 5 + j * 3 + 2) % 3, 3).to(torch.float64)

    def loss(p):
        out = torch.tanh(x @ p["w1"] + p["b1"]) @ p["w2"] + p["b2"]
        return ((out - t) * (out - t)).mean()
    return p, loss


def vjp_mix():
    import torch
    p = {"w": noise(torch, (10, 6), 21), "b": noise(torch, (6,), 22) * 0.25, "e": noise(torch, (12, 4), 23),
         "v": noise(torch, (2,), 24) * 2.0}
    x = noise(torch, (16, 6), 25)
    j = torch.arange(16, dtype=torch.int64)
    idx = (j * 5 + 3) % 12
    t = ((j * j * 3 + j * 5 + 1) % 2).to(torch.float64)
    cols_idx = torch.tensor([3, 0, 3])

    def loss(p):
        emb = torch.index_select(p["e"], 0, idx)
        feats = torch.cat([x, emb], 1)
        pre = feats @ p["w"] + p["b"]
        for bound in (-1.0, 1.0):
            away("vjp_mix: a clip input", pre.detach(), bound)
        z = torch.clamp(pre, -1.0, 1.0)
        away("vjp_mix: a leaky ReLU input", z.detach(), 0.0)
        z = torch.maximum(z, 0.2 * z)
        r = z.t().reshape(3, 2, 16)
        clipped = (pre.detach().abs() > 1.0).t().reshape(3, 2, 16)
        gap = (r[:, 0, :] - r[:, 1, :]).detach().abs()
        live = ~(clipped[:, 0, :] & clipped[:, 1, :])  # two clipped values may tie: no gradient reaches them
        if live.any() and gap[live].min().item() <= MARGIN:
            raise SystemExit("torch_ref: vjp_mix: a reduce_max has two values within %g: change the seeds" % MARGIN)
        if not clipped.any() or clipped.all():
            raise SystemExit("torch_ref: vjp_mix: clip should cut some values and not all: change the seeds")
        m = torch.amax(r, 1)
        s = m[0:2]
        cols = torch.index_select(p["e"], 1, cols_idx).sum(1)
        logit = (p["v"][:, None] * s).sum(0) + 0.125 * cols[idx]
        q = torch.sigmoid(logit)
        return -(t * torch.log(q) + (1.0 - t) * torch.log(1.0 - q)).mean()
    return p, loss


def attention_norm():
    import torch
    p = {"wq": noise(torch, (6, 4), 31) * 0.5, "wk": noise(torch, (6, 4), 32) * 0.5,
         "wv": noise(torch, (6, 6), 33) * 0.5, "gamma": noise(torch, (6,), 34) * 0.5 + 1.0,
         "beta": noise(torch, (6,), 35) * 0.25}
    x = noise(torch, (8, 6), 36)
    tgt = noise(torch, (8, 6), 37)

    def loss(p):
        q = x @ p["wq"]
        k = x @ p["wk"]
        sc = (q @ k.t()) * 0.5
        a = torch.exp(sc - torch.amax(sc, 1, keepdim=True))
        a = a / a.sum(1, keepdim=True)
        h = a @ (x @ p["wv"])
        mu = h.mean(1, keepdim=True)
        var = h.var(1, unbiased=False, keepdim=True)
        n = (h - mu) * torch.rsqrt(var + 1e-5) * p["gamma"] + p["beta"]
        return ((n - tgt) ** 2).sum() / 8.0 + torch.sqrt(n * n + 1.0).mean()
    return p, loss


MODELS = [
    Model("digits_mlp", "digits_mlp.hx", "GradTorchDigits.run()", "f64", "map", ["b1", "b2", "w1", "w2"], digits_mlp),
    Model("tanh_mse", "tanh_mse.hx", "GradTorchTanh.run()", "f32", "tuple", ["w1", "b1", "w2", "b2"], tanh_mse),
    Model("vjp_mix_f64", "vjp_mix.hx", "GradTorchMix.run64()", "f64", "tuple", ["w", "b", "e", "v"], vjp_mix),
    Model("vjp_mix_f32", "vjp_mix.hx", "GradTorchMix.run32()", "f32", "tuple", ["w", "b", "e", "v"], vjp_mix),
    Model("attention_norm", "attention_norm.hx", "GradTorchAttention.run()", "f64", "map",
          ["beta", "gamma", "wk", "wq", "wv"], attention_norm),
]


def compute(model):
    """{"loss": float, "grads": {name: {"shape": [...], "values": [flat, row-major]}}} by torch autograd."""
    import torch
    torch.set_num_threads(1)
    params, loss_fn = model.build()
    leaves = {}
    for name in model.names:
        t = params[name]
        if model.dtype == "f32" and not torch.equal(t.to(torch.float32).to(torch.float64), t):
            raise SystemExit("torch_ref: %s: parameter %s is not exact in f32" % (model.name, name))
        leaves[name] = t.clone().requires_grad_(True)
    loss = loss_fn(leaves)
    loss.backward()
    grads = {}
    for name in model.names:
        g = leaves[name].grad
        grads[name] = {"shape": list(g.shape), "values": [float(v) for v in g.reshape(-1).tolist()]}
    return {"loss": float(loss.item()), "grads": grads}


def to_json(model, result):
    """One line per parameter (readable diffs); floats as repr, which round-trips f64 exactly."""
    import torch
    head = {"model": model.name, "hx": model.hx, "call": model.call, "dtype": model.dtype,
            "reference": "torch %s autograd in float64 on the model's exact inputs (test/grad_torch/torch_ref.py)"
                         % torch.__version__}
    lines = ["{"]
    for k, v in head.items():
        lines.append("  %s: %s," % (json.dumps(k), json.dumps(v)))
    lines.append('  "loss": %r,' % result["loss"])
    lines.append('  "grads": {')
    items = list(result["grads"].items())
    for n, (name, g) in enumerate(items):
        lines.append('    %s: {"shape": %s, "values": [%s]}%s' % (
            json.dumps(name), json.dumps(g["shape"]), ", ".join(repr(v) for v in g["values"]),
            "," if n + 1 < len(items) else ""))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--regen", action="store_true", help="rewrite expected/<model>.json")
    ap.add_argument("--out", help="write <model>.json into this directory instead")
    ap.add_argument("--model", action="append", default=[], help="only this model (repeatable)")
    args = ap.parse_args()
    try:
        import torch  # noqa: F401
    except ImportError:
        sys.stderr.write("torch_ref: cannot import torch with %s (Debian: apt-get install python3-torch, "
                         "then run /usr/bin/python3 %s)\n" % (sys.executable, sys.argv[0]))
        return 2
    names = [m.name for m in MODELS]
    for n in args.model:
        if n not in names:
            sys.stderr.write("torch_ref: no model %r (models: %s)\n" % (n, ", ".join(names)))
            return 2
    drift = 0
    for m in MODELS:
        if args.model and m.name not in args.model:
            continue
        text = to_json(m, compute(m))
        if args.regen or args.out:
            d = args.out or EXPECTED
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, m.name + ".json"), "w") as f:
                f.write(text)
            print("%s: wrote %s" % (m.name, os.path.join(d, m.name + ".json")))
            continue
        path = os.path.join(EXPECTED, m.name + ".json")
        try:
            with open(path) as f:
                stored = json.load(f)
        except (OSError, ValueError) as e:
            print("%s: cannot read %s (%s); run with --regen" % (m.name, path, e))
            drift += 1
            continue
        fresh = json.loads(text)
        same = fresh["loss"] == stored["loss"] and all(
            fresh["grads"][k] == stored["grads"].get(k) for k in fresh["grads"]) and \
            set(fresh["grads"]) == set(stored["grads"])
        print("%s: loss %r, %s" % (m.name, fresh["loss"], "as stored" if same else "DIFFERS from %s" % path))
        drift += 0 if same else 1
    return 1 if drift else 0


if __name__ == "__main__":
    sys.exit(main())
