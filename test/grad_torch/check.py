#!/usr/bin/env python3
"""Whole-model gradients: hastec against PyTorch on the same weights and batch.

Usage:
  check.py --hastec PATH [--target cpu|opencl] [--work DIR] [--live auto|off|require]
           [--torch-python /usr/bin/python3] [--model NAME]... [-v]

For every model of torch_ref.MODELS (test/grad_torch/*.hx), runs
`hastec run FILE -e CALL` (one run per file, `--separator` between its calls;
`--target=opencl` with --target opencl), parses the printed
{loss, gradients} (Nx's inspect form: tensors inside tuples and maps) and
compares the loss and every element of every parameter's gradient with
expected/<model>.json, torch's autograd results stored by
`torch_ref.py --regen`: |hastec - torch| <= atol + rtol * |torch|, with
torch.autograd.gradcheck's defaults for f32 models (rtol 1e-3, atol 1e-5) and
rtol 1e-10, atol 1e-13 for f64 models (torch_ref.TOL). The gradients'
types (f32/f64), shapes and parameter names must match too.

The stored files are the reference on machines without torch (CI). When
--torch-python (default /usr/bin/python3, Debian's python3-torch) can import
torch, torch_ref.py also recomputes every model live (--live auto, the
default; `require` fails without torch, `off` skips it): the stored file
must agree with the live values (rtol 1e-12, so a changed model or seed
cannot leave a stale file behind) and hastec is compared with both.

One line per model (`ok` or `FAIL` with the first mismatches: model,
parameter, index, both values, the bound); the last line is exactly
`N passed, M failed`. Exit status: 0 all passed, 1 a model failed, 2 bad
usage. Standard library only.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "diff"))
import torch_ref  # noqa: E402  (the model table; imports torch only when computing)
from run_diff import compiler_id  # noqa: E402

SEP = "<<grad-torch:sep>>"
HASTEC_TIMEOUT = 300  # seconds per call (a cold PoCL builds ~100 kernels of a model in 1-2 minutes)
LIVE_TOL = (1e-12, 1e-15)  # stored vs live torch: the same f64 program, maybe another BLAS
SHOW = 5  # mismatches printed per parameter


# --- Nx's inspect output ------------------------------------------------------

class Tensor(object):
    def __init__(self, type_, shape, values):
        self.type, self.shape, self.values = type_, shape, values


class ParseError(Exception):
    pass


_TOK = re.compile(r"""\s*(?:
    (?P<tensor>\#Nx\.Tensor<)
  | (?P<map>%\{)
  | (?P<punct>[{}\[\],>])
  | (?P<key>[a-z_][A-Za-z0-9_]*[?!]?):(?=\s)
  | (?P<ttype>(?:[suf](?:8|16|32|64)|bf16|c64|c128))(?P<dims>(?:\[\d+\])*)(?=\s)
  | (?P<num>-?(?:\d+\.\d+(?:e[+-]?\d+)?|\d+|Inf)|NaN)
  | (?P<atom>:[A-Za-z_][A-Za-z0-9_?!]*|true|false|nil)
)""", re.X)


def tokenize(text):
    toks, pos = [], 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOK.match(text, pos)
        if not m:
            raise ParseError("unexpected text at %d: %r" % (pos, text[pos:pos + 40]))
        kind = m.lastgroup if m.lastgroup != "dims" else "ttype"
        if kind == "ttype":
            toks.append(("ttype", (m.group("ttype"), [int(d) for d in re.findall(r"\d+", m.group("dims"))])))
        else:
            toks.append((kind, m.group(kind)))
        pos = m.end()
    return toks


def number(s):
    if s in ("Inf", "-Inf", "NaN"):
        return float(s.lower())
    return float(s) if ("." in s) else int(s)


def parse_term(text):
    """An Elixir term as hastec prints it: tuples (lists), maps (dicts), lists, numbers, atoms, Tensors."""
    toks = tokenize(text)
    pos = [0]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else ("eof", None)

    def take(kind, val=None):
        t = peek()
        if t[0] != kind or (val is not None and t[1] != val):
            raise ParseError("expected %s, got %s %r" % (val or kind, t[0], t[1]))
        pos[0] += 1
        return t[1]

    def seq(close, item):
        out = []
        if peek() == ("punct", close):
            pos[0] += 1
            return out
        while True:
            out.append(item())
            if peek() == ("punct", ","):
                pos[0] += 1
                continue
            take("punct", close)
            return out

    def nested():  # a tensor's nested lists, flattened
        if peek()[0] == "num":
            return [number(take("num"))]
        take("punct", "[")
        flat = []
        for part in seq("]", nested):
            flat.extend(part)
        return flat

    def value():
        kind, v = peek()
        if kind == "tensor":
            pos[0] += 1
            type_, shape = take("ttype")
            values = nested()
            take("punct", ">")
            n = 1
            for d in shape:
                n *= d
            if len(values) != n:
                raise ParseError("tensor %s%s has %d values" % (type_, shape, len(values)))
            return Tensor(type_, shape, values)
        if kind == "map":
            pos[0] += 1

            def entry():
                k = take("key")
                return (k, value())
            return dict(seq("}", entry))
        if (kind, v) == ("punct", "{"):
            pos[0] += 1
            return tuple(seq("}", value))
        if (kind, v) == ("punct", "["):
            pos[0] += 1
            return seq("]", value)
        if kind == "num":
            pos[0] += 1
            return number(v)
        if kind == "atom":
            pos[0] += 1
            return v
        raise ParseError("unexpected %s %r" % (kind, v))

    t = value()
    if pos[0] != len(toks):
        raise ParseError("text after the term: %r" % (toks[pos[0]],))
    return t


# --- comparison ---------------------------------------------------------------

def index_of(flat, shape):
    idx = []
    for d in reversed(shape):
        idx.append(flat % d)
        flat //= d
    return "".join("[%d]" % i for i in reversed(idx))


def close(got, want, rtol, atol):
    if math.isnan(got) or math.isnan(want):
        return math.isnan(got) and math.isnan(want)
    if math.isinf(got) or math.isinf(want):
        return got == want
    return abs(got - want) <= atol + rtol * abs(want)


def compare(model, got, ref, rtol, atol, what):
    """Problems (strings) between hastec's parsed result and a reference dict; [] when it matches.
    Also returns the worst |diff| / bound seen."""
    probs, worst = [], 0.0
    if not (isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], Tensor)):
        return ["hastec printed no {loss, gradients} pair"], worst
    loss, grads = got
    if model.container == "map":
        if not isinstance(grads, dict):
            return ["the gradients are not a map"], worst
    else:
        if not isinstance(grads, tuple) or len(grads) != len(model.names):
            return ["the gradients are not a tuple of %d" % len(model.names)], worst
        grads = dict(zip(model.names, grads))
    if sorted(grads) != sorted(ref["grads"]):
        return ["parameters %s, %s has %s" % (sorted(grads), what, sorted(ref["grads"]))], worst

    def bound(w):
        return atol + rtol * abs(w)

    if loss.type != model.dtype or loss.shape != []:
        probs.append("loss: hastec's is %s%s, expected a scalar %s" % (loss.type, loss.shape, model.dtype))
    elif not close(loss.values[0], ref["loss"], rtol, atol):
        probs.append("loss: hastec %r, %s %r (|diff| %.3g > %.3g)" % (
            loss.values[0], what, ref["loss"], abs(loss.values[0] - ref["loss"]), bound(ref["loss"])))
    else:
        worst = max(worst, abs(loss.values[0] - ref["loss"]) / bound(ref["loss"]))
    for name in model.names:
        g, r = grads[name], ref["grads"][name]
        if not isinstance(g, Tensor):
            probs.append("%s: hastec printed no tensor" % name)
            continue
        if g.type != model.dtype:
            probs.append("%s: hastec's gradient is %s, expected %s" % (name, g.type, model.dtype))
        if g.shape != r["shape"]:
            probs.append("%s: hastec's gradient has shape %s, %s %s" % (name, g.shape, what, r["shape"]))
            continue
        bad = []
        for i, (a, b) in enumerate(zip(g.values, r["values"])):
            if close(a, b, rtol, atol):
                if not (math.isnan(b) or math.isinf(b)):
                    worst = max(worst, abs(a - b) / bound(b))
            else:
                bad.append(i)
        for i in bad[:SHOW]:
            a, b = g.values[i], r["values"][i]
            probs.append("%s%s: hastec %r, %s %r (|diff| %.3g > %.3g)" % (
                name, index_of(i, g.shape), a, what, b, abs(a - b), bound(b)))
        if len(bad) > SHOW:
            probs.append("%s: %d more of its %d values differ" % (name, len(bad) - SHOW, len(g.values)))
    return probs, worst


def compare_refs(model, live, stored):
    """Stored expected file against torch's live values."""
    rtol, atol = LIVE_TOL
    probs = []
    if not close(live["loss"], stored["loss"], rtol, atol):
        probs.append("loss: live torch %r, stored %r" % (live["loss"], stored["loss"]))
    for name in model.names:
        a, b = live["grads"].get(name), stored["grads"].get(name)
        if a is None or b is None or a["shape"] != b["shape"]:
            probs.append("%s: live torch and the stored file disagree on the parameter or its shape" % name)
            continue
        bad = [i for i, (x, y) in enumerate(zip(a["values"], b["values"])) if not close(x, y, rtol, atol)]
        for i in bad[:SHOW]:
            probs.append("%s%s: live torch %r, stored %r" % (name, index_of(i, a["shape"]), a["values"][i],
                                                            b["values"][i]))
    return probs


# --- running ------------------------------------------------------------------

def run_hastec(args, env, hx, calls):
    """[(output text or None, why)] per call, from one `hastec run`."""
    cmd = [args.hastec, "run", os.path.join(HERE, hx), "--separator", SEP]
    if args.target == "opencl":
        cmd.append("--target=opencl")
    for c in calls:
        cmd += ["-e", c]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=HASTEC_TIMEOUT * len(calls), env=env)
    except subprocess.TimeoutExpired:
        return [(None, "hastec timed out after %d s" % (HASTEC_TIMEOUT * len(calls)))] * len(calls)
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    if p.returncode != 0:
        why = "hastec exit %d: %s" % (p.returncode, " | ".join(err.strip().splitlines()[:3]))
        return [(None, why)] * len(calls)
    parts = out.split(SEP + "\n")
    if len(parts) != len(calls) + 1 or parts[-1] != "":
        return [(None, "hastec printed %d results for %d calls" % (len(parts) - 1, len(calls)))] * len(calls)
    return [(t, "") for t in parts[:-1]]


def live_torch(args):
    """{model name: reference} computed now by torch_ref.py, or (None, why)."""
    if args.live == "off":
        return None, "--live off"
    py = args.torch_python
    try:
        ok = subprocess.run([py, "-c", "import torch"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            timeout=120).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    if not ok:
        return None, "%s cannot import torch" % py
    out = os.path.join(args.work, "live")
    cmd = [py, os.path.join(HERE, "torch_ref.py"), "--out", out]
    for n in args.model:
        cmd += ["--model", n]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    if p.returncode != 0:
        return None, "torch_ref.py failed: %s" % p.stdout.decode("utf-8", "replace").strip()
    refs = {}
    for m in torch_ref.MODELS:
        f = os.path.join(out, m.name + ".json")
        if os.path.exists(f):
            with open(f) as fh:
                refs[m.name] = json.load(fh)
    return refs, ""


def main():
    global SHOW
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hastec", required=True, help="the hastec binary")
    ap.add_argument("--target", choices=["cpu", "opencl"], default="cpu")
    ap.add_argument("--work", default=None, help="scratch directory (compile cache, live torch files)")
    ap.add_argument("--live", choices=["auto", "off", "require"], default="auto",
                    help="recompute torch's side live: when torch imports (auto), never, or fail without it")
    ap.add_argument("--torch-python", default="/usr/bin/python3", help="a python that imports torch")
    ap.add_argument("--model", action="append", default=[], help="only this model (repeatable)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every mismatch, not the first %d" % SHOW)
    args = ap.parse_args()
    if args.verbose:
        SHOW = 10 ** 9
    if not os.access(args.hastec, os.X_OK):
        sys.stderr.write("check.py: hastec is not executable: %s\n" % args.hastec)
        return 2
    args.hastec = os.path.abspath(args.hastec)
    names = [m.name for m in torch_ref.MODELS]
    for n in args.model:
        if n not in names:
            sys.stderr.write("check.py: no model %r (models: %s)\n" % (n, ", ".join(names)))
            return 2
    models = [m for m in torch_ref.MODELS if not args.model or m.name in args.model]
    if args.work is None:
        args.work = os.path.join("/tmp", "grad-torch-%d" % os.getuid())
    args.work = os.path.abspath(args.work)
    os.makedirs(args.work, exist_ok=True)
    env = dict(os.environ)
    env["HX_CACHE_DIR"] = os.path.join(args.work, "cache", compiler_id(args.hastec))

    live, why_not = live_torch(args)
    if live is None:
        if args.live == "require":
            print("grad-torch: FAIL: --live require, but %s" % why_not)
            return 1
        print("grad-torch: live torch check skipped (%s); comparing with the stored expected/*.json" % why_not)

    outputs = {}
    for hx in sorted(set(m.hx for m in models)):
        mine = [m for m in models if m.hx == hx]
        for m, res in zip(mine, run_hastec(args, env, hx, [m.call for m in mine])):
            outputs[m.name] = res

    passed = failed = 0
    for m in models:
        rtol, atol = torch_ref.TOL[m.dtype]
        tag = "%s (%s, %s)" % (m.name, m.dtype, args.target)
        probs = []
        path = os.path.join(torch_ref.EXPECTED, m.name + ".json")
        try:
            with open(path) as f:
                stored = json.load(f)
        except (OSError, ValueError) as e:
            stored = None
            probs.append("cannot read %s (%s): run /usr/bin/python3 test/grad_torch/torch_ref.py --regen" % (path, e))
        if stored is not None and (stored.get("call"), stored.get("dtype")) != (m.call, m.dtype):
            probs.append("%s holds %s %s, the model is %s %s: regenerate it (torch_ref.py --regen)" % (
                path, stored.get("call"), stored.get("dtype"), m.call, m.dtype))
            stored = None
        text, why = outputs[m.name]
        got = None
        if text is None:
            probs.append(why)
        else:
            try:
                got = parse_term(text)
            except ParseError as e:
                probs.append("cannot parse hastec's output (%s): %s" % (e, text[:200]))
        worst = 0.0
        if got is not None and stored is not None:
            p, worst = compare(m, got, stored, rtol, atol, "torch")
            probs += p
        if live is not None:
            ref = live.get(m.name)
            if ref is None:
                probs.append("torch_ref.py wrote no live result")
            else:
                if stored is not None:
                    probs += ["expected/%s.json is stale (regenerate: /usr/bin/python3 test/grad_torch/torch_ref.py "
                              "--regen): %s" % (m.name, q) for q in compare_refs(m, ref, stored)]
                if got is not None:
                    p, w = compare(m, got, ref, rtol, atol, "live torch")
                    probs += p
                    worst = max(worst, w)
        if probs:
            failed += 1
            print("grad-torch: FAIL %s, |hastec - torch| <= %g + %g * |torch|:" % (tag, atol, rtol))
            for p in probs:
                print("  %s" % p)
        else:
            passed += 1
            n = sum(len(g["values"]) for g in stored["grads"].values())
            print("grad-torch: ok %s: loss %r and %d gradient values%s; worst |diff| is %.2g of the bound" % (
                tag, got[0].values[0], n, " (stored and live torch)" if live is not None else "", worst))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
