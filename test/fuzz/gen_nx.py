#!/usr/bin/env python3
"""Random, well-typed tensor (Nx) programs for differential testing.

Usage:
  gen_nx.py --seed S --index I          print program I of seed S
  gen_nx.py --seed S -n N --out DIR     write programs 0..N-1 as DIR/nx_S_I.hx
  --depth D                             maximum expression depth (default 4)

Each program is a module of a few `def`/`defn` functions whose bodies are
random Nx expressions, followed by `# CALL:` lines (the format of
test/diff/run_diff.py) that call them with `Nx.tensor(...)` literals. The
oracle is real Elixir with the shim stdlib/ref/nx.exs (test/fuzz/nx_fuzz.sh).

Shapes are static (rank 0-3, dims 1-4, at most 24 elements), types f32, f64,
s32, s64 (mixes promote as Nx does; comparisons give u8 and are only used as
`select` predicates or through `as_type`). Values stay small: leaves are
multiples of 0.25 in [-3, 3] or integers in [-4, 4]; every node carries a
bound on its magnitude and whether it is exact (no rounding so far), so that
products stay small, and comparisons, argmax and float->int `as_type` only see
exact values (a rounding difference cannot flip them). Domains are safe:
sqrt(abs(x) + 1), log(abs(x) + 1), exp(clip(x, -3, 3)), x / (abs(y) + 1).
Things listed in test/diff/corpus_nx_hastec/known_differences.txt or
docs/tensors.md as different are not generated (division by zero, Inf/NaN,
plain-def operators, numbers meeting f64 tensors as inexact f32 literals,
u8 tensors as operands of arithmetic or reductions).

Program I of seed S is always the same program. Standard library only.
"""
import argparse
import os
import random
import sys

FLOATS = ("f32", "f64")
INTS = ("s32", "s64")
TYPES = FLOATS + INTS
MAX_SIZE = 24   # elements of any intermediate tensor (--max-size)
MAX_DIM = 4     # largest generated dimension (--max-dim)
MAX_MAG = 2000.0


def size(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def promote(a, b):
    """Nx's type merge of two tensors (no u8 operands are generated)."""
    if a == b:
        return a
    fa, fb = a in FLOATS, b in FLOATS
    if fa and fb:
        return "f64"
    if fa:
        return a
    if fb:
        return b
    return "s64"


def floatify(t):
    return t if t in FLOATS else "f32"


def bcast(a, b):
    r = max(len(a), len(b))
    a = (1,) * (r - len(a)) + a
    b = (1,) * (r - len(b)) + b
    out = []
    for x, y in zip(a, b):
        assert x == y or x == 1 or y == 1
        out.append(max(x, y))
    return tuple(out)


def shape_lit(shape):
    if len(shape) == 1:
        return "{%d}" % shape[0]
    return "{" + ", ".join(str(d) for d in shape) + "}"


def fmt_float(v):
    s = repr(float(v))
    return s


class Node:
    __slots__ = ("code", "shape", "type", "exact", "mag")

    def __init__(self, code, shape, typ, exact, mag):
        self.code, self.shape, self.type, self.exact, self.mag = code, tuple(shape), typ, exact, mag


class Gen:
    def __init__(self, rng):
        self.r = rng

    # ---------- literals ----------
    def value(self, typ):
        if typ in FLOATS:
            return fmt_float(self.r.randint(-12, 12) / 4.0)
        return str(self.r.randint(-4, 4))

    def nested(self, shape, typ):
        if not shape:
            return self.value(typ)
        return "[" + ", ".join(self.nested(shape[1:], typ) for _ in range(shape[0])) + "]"

    def tensor_lit(self, shape, typ):
        body = self.nested(shape, typ)
        if typ in ("f32", "s32"):
            return "Nx.tensor(%s)" % body
        return "Nx.tensor(%s, type: :%s)" % (body, typ)

    # ---------- shapes ----------
    def rand_shape(self, rank=None):
        if rank is None:
            rank = self.r.choice((0, 1, 1, 2, 2, 2, 3))
        while True:
            s = tuple(self.r.randint(1, MAX_DIM) for _ in range(rank))
            if size(s) <= MAX_SIZE:
                return s

    def sub_shape(self, shape):
        """A shape that broadcasts to SHAPE."""
        s = list(shape)
        if s and self.r.random() < 0.3:
            s = s[self.r.randint(1, len(s)):]
        return tuple(1 if (d > 1 and self.r.random() < 0.25) else d for d in s)

    # ---------- expressions ----------
    def leaf(self, shape, fn):
        r = self.r
        opts = ["param", "param", "param", "iota"]
        if fn["kind"] == "def":
            opts.append("lit")
        if len(shape) == 2 and shape[0] == shape[1]:
            opts.append("eye")
        if shape and fn["kind"] == "def":
            opts.append("bcast_lit")
        k = r.choice(opts)
        if k == "param":
            for (name, pshape, ptype) in fn["params"]:
                if pshape == shape and r.random() < 0.7:
                    return Node(name, shape, ptype, True, 3.0)
            if len(fn["params"]) < 3:
                name = "x%d" % len(fn["params"])
                typ = r.choice(TYPES)
                fn["params"].append((name, shape, typ))
                return Node(name, shape, typ, True, 4.0)
            k = "iota"
        if k == "iota":
            typ = r.choice(TYPES)
            if not shape:
                return Node("Nx.tensor(%s)" % self.value("s32"), shape, "s32", True, 4.0)
            args = [shape_lit(shape)]
            if typ != "s32" or r.random() < 0.3:
                args.append("type: :%s" % typ)
            if len(shape) > 1 and r.random() < 0.5:
                args.append("axis: %d" % r.randrange(len(shape)))
                mag = max(shape)
            else:
                mag = size(shape)
            return Node("Nx.iota(%s)" % ", ".join(args), shape, typ, True, float(mag))
        if k == "eye":
            typ = r.choice(TYPES)
            if typ == "s32" and r.random() < 0.5:
                return Node("Nx.eye(%d)" % shape[0], shape, "s32", True, 1.0)
            return Node("Nx.eye(%d, type: :%s)" % (shape[0], typ), shape, typ, True, 1.0)
        if k == "bcast_lit":
            sub = self.sub_shape(shape)
            typ = r.choice(TYPES)
            return Node("Nx.broadcast(%s, %s)" % (self.tensor_lit(sub, typ), shape_lit(shape)),
                        shape, typ, True, 3.0)
        typ = r.choice(TYPES)
        return Node(self.tensor_lit(shape, typ), shape, typ, True, 3.0)

    def expr(self, shape, depth, fn):
        r = self.r
        if depth <= 0 or r.random() < 0.15:
            return self.leaf(shape, fn)
        ops = ["binary"] * 5 + ["unary"] * 3 + ["number"] * 2 + ["float_fn"] * 2 + \
              ["minmax", "select", "clip", "as_type", "cmp_as", "reduce", "reduce", "reshape",
               "transpose", "slice", "broadcast"]
        if len(shape) < 3 and size(shape) * 2 <= MAX_SIZE:
            ops += ["reduce", "argmax", "squeeze"]
        if 1 in shape:
            ops.append("new_axis")
        if any(d >= 2 for d in shape):
            ops.append("concatenate")
        if any(d in (2, 3) for d in shape):
            ops.append("stack")
        if len(shape) <= 2:
            ops += ["dot", "dot"]
        op = r.choice(ops)
        m = getattr(self, "op_" + op)(shape, depth - 1, fn)
        if m is None:
            return self.leaf(shape, fn)
        assert m.shape == tuple(shape), (op, m.shape, shape, m.code)
        return m

    # --- elementwise ---
    def two(self, shape, depth, fn):
        sa, sb = self.sub_shape(shape), self.sub_shape(shape)
        if bcast(sa, sb) != tuple(shape):
            sa = tuple(shape)
        if self.r.random() < 0.5:
            sa, sb = sb, sa
        return self.expr(sa, depth, fn), self.expr(sb, depth, fn)

    def call(self, fn, name, op, *args):
        if fn["kind"] == "defn" and op and self.r.random() < 0.5:
            if len(args) == 1:
                return "-(%s)" % args[0]
            return "(%s %s %s)" % (args[0], op, args[1])
        return "Nx.%s(%s)" % (name, ", ".join(args))

    def op_binary(self, shape, depth, fn):
        a, b = self.two(shape, depth, fn)
        typ = promote(a.type, b.type)
        name = self.r.choice(("add", "subtract", "multiply", "multiply", "divide"))
        if name == "multiply" and a.mag * b.mag > MAX_MAG:
            name = "add"
        if name == "divide":
            den = "Nx.add(Nx.abs(%s), 1)" % b.code
            code = self.call(fn, "divide", "/", a.code, den)
            return Node(code, shape, floatify(typ), False, a.mag)
        sym = {"add": "+", "subtract": "-", "multiply": "*"}[name]
        code = self.call(fn, name, sym, a.code, b.code)
        mag = a.mag * b.mag if name == "multiply" else a.mag + b.mag
        return Node(code, shape, typ, a.exact and b.exact, mag)

    def op_number(self, shape, depth, fn):
        a = self.expr(shape, depth, fn)
        r = self.r
        name = r.choice(("add", "subtract", "multiply"))
        if a.type in ("f64", "s64") or r.random() < 0.6:
            num = str(r.randint(-3, 3))
            typ = a.type
        else:
            num = r.choice(("0.5", "1.5", "-2.0", "0.25", "3.0"))
            typ = floatify(a.type)
        if name == "multiply" and a.mag * 3 > MAX_MAG:
            name = "add"
        sym = {"add": "+", "subtract": "-", "multiply": "*"}[name]
        args = (a.code, num) if r.random() < 0.7 else (num, a.code)
        code = self.call(fn, name, sym, *args)
        mag = a.mag * 3 if name == "multiply" else a.mag + 3
        return Node(code, shape, typ, a.exact, mag)

    def op_unary(self, shape, depth, fn):
        a = self.expr(shape, depth, fn)
        name = self.r.choice(("negate", "abs", "tanh", "sigmoid"))
        if name == "negate":
            return Node(self.call(fn, "negate", "-", a.code), shape, a.type, a.exact, a.mag)
        if name == "abs":
            return Node("Nx.abs(%s)" % a.code, shape, a.type, a.exact, a.mag)
        return Node("Nx.%s(%s)" % (name, a.code), shape, floatify(a.type), False, 1.0)

    def op_float_fn(self, shape, depth, fn):
        a = self.expr(shape, depth, fn)
        name = self.r.choice(("exp", "sqrt", "log"))
        if name == "exp":
            return Node("Nx.exp(Nx.clip(%s, -3, 3))" % a.code, shape, floatify(a.type), False, 21.0)
        return Node("Nx.%s(Nx.add(Nx.abs(%s), 1))" % (name, a.code), shape, floatify(a.type), False,
                    a.mag ** 0.5 + 1 if name == "sqrt" else 10.0)

    def op_minmax(self, shape, depth, fn):
        a, b = self.two(shape, depth, fn)
        name = self.r.choice(("max", "min"))
        return Node("Nx.%s(%s, %s)" % (name, a.code, b.code), shape, promote(a.type, b.type),
                    a.exact and b.exact, max(a.mag, b.mag))

    def cmp(self, shape, depth, fn):
        """An exact comparison (u8) of broadcast shape SHAPE, or None."""
        for _ in range(4):
            a, b = self.two(shape, depth, fn)
            if a.exact and b.exact:
                name = self.r.choice(("equal", "greater", "less", "greater", "less"))
                return "Nx.%s(%s, %s)" % (name, a.code, b.code)
        return None

    def op_select(self, shape, depth, fn):
        # Nx: the output shape is pred's (unless pred is a scalar) and the
        # branches must broadcast to it; hastec broadcasts all three
        # (test/lit/nx/bug_accepts_invalid_shapes.hx), so pred is SHAPE or {}.
        scalar_pred = self.r.random() < 0.2
        c = self.cmp(() if scalar_pred else shape, depth, fn)
        if c is None:
            return None
        if scalar_pred:
            a, b = self.two(shape, depth, fn)
        else:
            a, b = self.expr(self.sub_shape(shape), depth, fn), self.expr(self.sub_shape(shape), depth, fn)
        return Node("Nx.select(%s, %s, %s)" % (c, a.code, b.code), shape, promote(a.type, b.type),
                    a.exact and b.exact, max(a.mag, b.mag))

    def op_cmp_as(self, shape, depth, fn):
        c = self.cmp(shape, depth, fn)
        if c is None:
            return None
        typ = self.r.choice(TYPES)
        return Node("Nx.as_type(%s, :%s)" % (c, typ), shape, typ, True, 1.0)

    def op_clip(self, shape, depth, fn):
        a = self.expr(shape, depth, fn)
        lo = self.r.randint(-3, 1)
        hi = lo + self.r.randint(0, 4)
        return Node("Nx.clip(%s, %d, %d)" % (a.code, lo, hi), shape, a.type, a.exact,
                    float(max(abs(lo), abs(hi))))

    def op_as_type(self, shape, depth, fn):
        a = self.expr(shape, depth, fn)
        if a.exact:
            typ = self.r.choice(TYPES)
        else:
            typ = self.r.choice(FLOATS)
        exact = a.exact and not (a.type == "f64" and typ == "f32")
        return Node("Nx.as_type(%s, :%s)" % (a.code, typ), shape, typ, exact, a.mag)

    # --- reductions ---
    def bigger(self, shape, nmax=2):
        """(source shape, reduced axes) with the reduced axes inserted into SHAPE."""
        r = self.r
        src = list(shape)
        axes = []
        for _ in range(r.randint(1, nmax)):
            if len(src) >= 3:
                break
            pos = r.randint(0, len(src))
            d = r.randint(1, MAX_DIM)
            if size(src) * d > MAX_SIZE:
                break
            src.insert(pos, d)
            axes = [a + 1 if a >= pos else a for a in axes] + [pos]
        return tuple(src), sorted(axes)

    def op_reduce(self, shape, depth, fn):
        r = self.r
        keep = r.random() < 0.3
        if keep:
            ones = [i for i, d in enumerate(shape) if d == 1]
            if not ones:
                keep = False
        name = r.choice(("sum", "sum", "mean", "reduce_max", "reduce_min"))
        if keep:
            axes = r.sample(ones, r.randint(1, len(ones)))
            src = list(shape)
            for a in axes:
                src[a] = r.randint(1, 4)
            while size(src) > MAX_SIZE:
                src[r.choice(axes)] = 1
            src = tuple(src)
            axes = sorted(axes)
        else:
            src, axes = self.bigger(shape)
            if not axes:
                return None
        a = self.expr(src, depth, fn)
        if not keep and len(axes) == len(src) and r.random() < 0.5:
            opt = ""
        else:
            shown = [ax - len(src) if r.random() < 0.2 else ax for ax in axes]
            opt = ", axes: [%s]" % ", ".join(str(x) for x in shown)
            if keep:
                opt += ", keep_axes: true"
            elif r.random() < 0.15:
                opt += ", keep_axes: false"
        n = size([src[i] for i in axes])
        if name == "sum":
            return Node("Nx.sum(%s%s)" % (a.code, opt), shape, a.type, a.exact, a.mag * n)
        if name == "mean":
            return Node("Nx.mean(%s%s)" % (a.code, opt), shape, floatify(a.type), False, a.mag)
        return Node("Nx.%s(%s%s)" % (name, a.code, opt), shape, a.type, a.exact, a.mag)

    def op_argmax(self, shape, depth, fn):
        r = self.r
        keep = bool(shape) and 1 in shape and r.random() < 0.4
        if keep:
            ax = r.choice([i for i, d in enumerate(shape) if d == 1])
            src = list(shape)
            src[ax] = r.randint(2, 4)
            src = tuple(src)
        else:
            ax = r.randint(0, len(shape))
            src = tuple(shape[:ax]) + (r.randint(2, 4),) + tuple(shape[ax:])
        if size(src) > MAX_SIZE:
            return None
        for _ in range(3):
            a = self.expr(src, depth, fn)
            if a.exact:
                break
        else:
            return None
        name = r.choice(("argmax", "argmin"))
        if not shape and len(src) == 1 and r.random() < 0.5:
            return Node("Nx.%s(%s)" % (name, a.code), shape, "s32", True, 4.0)
        opt = ", axis: %d" % (ax - len(src) if r.random() < 0.2 else ax)
        if keep:
            opt += ", keep_axis: true"
        return Node("Nx.%s(%s%s)" % (name, a.code, opt), shape, "s32", True, 4.0)

    # --- shape ---
    def factor(self, n):
        r = self.r
        for _ in range(20):
            rank = r.randint(0 if n == 1 else 1, 3)
            dims, rest = [], n
            for i in range(rank - 1):
                divs = [d for d in range(1, rest + 1) if rest % d == 0 and d <= 4]
                d = r.choice(divs)
                dims.append(d)
                rest //= d
            if rank:
                dims.append(rest)
            if all(d <= 6 for d in dims) and (rank or n == 1):
                return tuple(dims)
        return (n,)

    def op_reshape(self, shape, depth, fn):
        src = self.factor(size(shape))
        a = self.expr(src, depth, fn)
        return Node("Nx.reshape(%s, %s)" % (a.code, "{}" if not shape else shape_lit(shape)),
                    shape, a.type, a.exact, a.mag)

    def op_transpose(self, shape, depth, fn):
        n = len(shape)
        if n < 2:
            return None
        perm = list(range(n))
        self.r.shuffle(perm)
        # result[i] = src[perm[i]] so src[perm[i]] = shape[i]
        src = [0] * n
        for i, p in enumerate(perm):
            src[p] = shape[i]
        a = self.expr(tuple(src), depth, fn)
        if perm == list(reversed(range(n))) and self.r.random() < 0.5:
            code = "Nx.transpose(%s)" % a.code
        else:
            code = "Nx.transpose(%s, axes: [%s])" % (a.code, ", ".join(str(p) for p in perm))
        return Node(code, shape, a.type, a.exact, a.mag)

    def op_new_axis(self, shape, depth, fn):
        ax = self.r.choice([i for i, d in enumerate(shape) if d == 1])
        src = tuple(shape[:ax]) + tuple(shape[ax + 1:])
        a = self.expr(src, depth, fn)
        return Node("Nx.new_axis(%s, %d)" % (a.code, ax), shape, a.type, a.exact, a.mag)

    def op_squeeze(self, shape, depth, fn):
        ax = self.r.randint(0, len(shape))
        src = tuple(shape[:ax]) + (1,) + tuple(shape[ax:])
        a = self.expr(src, depth, fn)
        if 1 not in shape and self.r.random() < 0.4:
            code = "Nx.squeeze(%s)" % a.code
        else:
            code = "Nx.squeeze(%s, axes: [%d])" % (a.code, ax)
        return Node(code, shape, a.type, a.exact, a.mag)

    def op_slice(self, shape, depth, fn):
        r = self.r
        if not shape:
            return None
        src = list(shape)
        for i in range(len(src)):
            if r.random() < 0.5:
                src[i] += r.randint(1, 2)
        while size(src) > MAX_SIZE:
            i = r.randrange(len(src))
            src[i] = shape[i]
        starts = [r.randint(0, s - d) for s, d in zip(src, shape)]
        a = self.expr(tuple(src), depth, fn)
        code = "Nx.slice(%s, [%s], [%s])" % (a.code, ", ".join(map(str, starts)),
                                              ", ".join(map(str, shape)))
        return Node(code, shape, a.type, a.exact, a.mag)

    def op_broadcast(self, shape, depth, fn):
        if not shape:
            return None
        src = self.sub_shape(shape)
        if src == tuple(shape):
            src = tuple(1 if i == 0 else d for i, d in enumerate(shape))
        a = self.expr(src, depth, fn)
        return Node("Nx.broadcast(%s, %s)" % (a.code, shape_lit(shape)), shape, a.type, a.exact, a.mag)

    def op_concatenate(self, shape, depth, fn):
        r = self.r
        ax = r.choice([i for i, d in enumerate(shape) if d >= 2])
        k = r.randint(1, shape[ax] - 1)
        s1 = tuple(k if i == ax else d for i, d in enumerate(shape))
        s2 = tuple(shape[ax] - k if i == ax else d for i, d in enumerate(shape))
        a, b = self.expr(s1, depth, fn), self.expr(s2, depth, fn)
        opt = "" if ax == 0 and r.random() < 0.5 else ", axis: %d" % ax
        return Node("Nx.concatenate([%s, %s]%s)" % (a.code, b.code, opt), shape,
                    promote(a.type, b.type), a.exact and b.exact, max(a.mag, b.mag))

    def op_stack(self, shape, depth, fn):
        r = self.r
        ax = r.choice([i for i, d in enumerate(shape) if d in (2, 3)])
        src = tuple(shape[:ax]) + tuple(shape[ax + 1:])
        parts = [self.expr(src, depth, fn) for _ in range(shape[ax])]
        typ = parts[0].type
        for p in parts[1:]:
            typ = promote(typ, p.type)
        opt = "" if ax == 0 and r.random() < 0.5 else ", axis: %d" % ax
        return Node("Nx.stack([%s]%s)" % (", ".join(p.code for p in parts), opt), shape, typ,
                    all(p.exact for p in parts), max(p.mag for p in parts))

    def op_dot(self, shape, depth, fn):
        r = self.r
        n = r.randint(1, MAX_DIM)
        if len(shape) == 0:
            sa, sb = (n,), (n,)
        elif len(shape) == 1:
            if r.random() < 0.5:
                sa, sb = (shape[0], n), (n,)
            else:
                sa, sb = (n,), (n, shape[0])
        else:
            sa, sb = (shape[0], n), (n, shape[1])
        a, b = self.expr(sa, depth, fn), self.expr(sb, depth, fn)
        if a.mag * b.mag * n > MAX_MAG * 4:
            return None
        return Node("Nx.dot(%s, %s)" % (a.code, b.code), shape, promote(a.type, b.type),
                    a.exact and b.exact, a.mag * b.mag * n)


def program(seed, index, max_depth=4):
    rng = random.Random("%d/%d" % (seed, index))
    g = Gen(rng)
    mod = "NxF%d_%d" % (seed, index)
    fns, calls = [], []
    uses_defn = False
    for k in range(rng.randint(1, 3)):
        kind = "defn" if rng.random() < 0.4 else "def"
        uses_defn = uses_defn or kind == "defn"
        fn = {"kind": kind, "params": []}
        depth = rng.randint(2, max_depth)
        if rng.random() < 0.2:
            a, b = g.expr(g.rand_shape(), depth, fn), g.expr(g.rand_shape(), depth, fn)
            body = "{%s, %s}" % (a.code, b.code)
        else:
            body = g.expr(g.rand_shape(), depth, fn).code
        name = "f%d" % k
        params = ", ".join(p[0] for p in fn["params"])
        fns.append("  %s %s(%s), do: %s" % (kind, name, params, body))
        for _ in range(rng.randint(1, 2) if fn["params"] else 1):
            args = ", ".join(g.tensor_lit(s, t) for (_, s, t) in fn["params"])
            calls.append("# CALL: %s.%s(%s)" % (mod, name, args))
    out = ["# gen_nx.py --seed %d --index %d" % (seed, index), "defmodule %s do" % mod]
    if uses_defn:
        out += ["  import Nx.Defn", ""]
    out += fns
    out.append("end")
    out += calls
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--index", type=int)
    ap.add_argument("-n", type=int)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--out")
    ap.add_argument("--depth", type=int, default=4, help="maximum expression depth (default 4)")
    ap.add_argument("--max-size", type=int, default=MAX_SIZE,
                    help="elements of any tensor (default %d; results print in full up to 50)" % MAX_SIZE)
    ap.add_argument("--max-dim", type=int, default=MAX_DIM, help="largest dimension (default %d)" % MAX_DIM)
    a = ap.parse_args()
    globals().update(MAX_SIZE=a.max_size, MAX_DIM=a.max_dim)
    if a.index is not None:
        sys.stdout.write(program(a.seed, a.index, a.depth))
        return 0
    if a.n is None or not a.out:
        ap.error("give --index I, or -n N and --out DIR")
    os.makedirs(a.out, exist_ok=True)
    for i in range(a.start, a.start + a.n):
        with open(os.path.join(a.out, "nx_%d_%d.hx" % (a.seed, i)), "w") as f:
            f.write(program(a.seed, i, a.depth))
    return 0


if __name__ == "__main__":
    sys.exit(main())
