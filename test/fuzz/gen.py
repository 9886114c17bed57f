#!/usr/bin/env python3
"""Random, well-typed hastec programs (strict Elixir subset) for differential
testing against real Elixir.

    gen.py --seed S [--index I] [--count N] [-o DIR]

prints program I of seed S (or writes N programs p<I>.hx into DIR), each
followed by `# CALL:` lines (the format test/diff/run_diff.py reads).

As a library (run.py, minimize.py):

    prog = generate(seed, index)         # a Program: AST + entries + calls
    src = render(prog)                   # the .hx text
    prog.elixir_call(c), prog.hxrun_args(c)
    Program.from_json(prog.to_json())

A program is one module (sometimes two: the helpers then live in a second
module, called as Lib.h1(x)): a few public entry functions with @spec (the
only thing hastec exports), private helpers (multi-clause, guards,
tail-recursive loops, non-tail recursion), module attributes and sometimes
`import Bitwise`. Bodies are blocks of bindings, tuple matches and pipelines of the
supported Enum/Flow functions over random lambdas (multi-clause fns,
captures, closures), if/unless/cond/case, arithmetic, :math and Float.

Type discipline (what hastec requires and Elixir would not check): lists hold
one element type, every branch/clause has one type (floats are written
1.0), min/max take two operands of one type, no lists of lists, no nil.

Determinism and reassociation: hastec may sum floats in another order
(SIMD lanes, parallel chunks), so a float Enum.sum/product is "tainted": its
value may differ in the last bits. Tainted values only reach printing and
arithmetic, never comparisons, guards, trunc/round/floor/ceil, divisors,
:math domains or helper arguments, so a last-bit difference can never
change control flow; the comparator then compares floats with a relative
tolerance. Every other float operation runs in Elixir's order.

Things the generator deliberately avoids (documented differences, or open
bugs; see README.md): a range as a result value (hastec rejects it),
Enum.sum/product of a possibly empty float list unnormalised (Elixir's
integer 0/1), 64-bit overflow where it is cheap to avoid (an estimate of
every integer's magnitude steers the choices; what still overflows is
skipped by the runner), and the features named in AVOID_DEFAULT.

Standard library only; /usr/bin/python3 (3.7+).
"""
import argparse
import json
import os
import random
import sys

I, F, B = "i", "f", "b"
INT_LIMIT = 2 ** 62  # magnitude estimates above this are steered away from
FLOAT_LIMIT = 1e150

# Features the generator can leave out: documented differences, and hastec
# bugs (so that a run finds new bugs, not the same ones again). Each bug has a
# test in test/lit/regress/ (XFAIL while open). AVOID_DEFAULT is what is left
# out by default; `--allow NAME` / `--avoid NAME` (gen.py, run.py) change it.
AVOID_NAMES = {
    # documented differences (docs/language.md)
    "attr-neg": "`@k -6` is rejected; written `@k(-6)` instead",
    "fused-error-order": "two fused stages that may both raise: which error comes first differs",
    # open hastec bugs
    "init-order": "reduce/scan's init evaluated before a fused raising list (fuzz_reduce_init_order.hx)",
    # fixed hastec bugs: generated again (avoid them to fuzz an older hastec)
    "parallel-alloc": "a list built in a lambda of a parallel loop: racy hxrt_alloc (fuzz_parallel_alloc_race.hx)",
    "nested-leaf": "a list source whose leaf runs another Enum loop (fuzz_nested_leaf_*.hx)",
    "filter-indexed": "take/drop/reverse/zip/with_index of a filter (fuzz_filter_then_take.hx)",
    "scan-fusion": "a scan's result consumed by another list function (fuzz_scan_*.hx)",
    "lazy-raise": "take/drop/zip/any?/all? skip a raising map's elements (fuzz_lazy_take_skips_raise.hx)",
    "indexed-simd": "reverse/drop/take(-k) of numbers beyond the SIMD width (fuzz_drop_simd.hx)",
    "tuple-eq-pattern": "^t or g(x, x) on tuples: invalid LLVM IR (fuzz_pin_tuple.hx)",
    "guard-const-raise": "div(0, 0) in a guard raised instead of failing (fuzz_guard_constant_raise.hx)",
    "guard-short-circuit": "`true or <raises>` in a guard failed (fuzz_guard_short_circuit.hx)",
    "guard-raise": "a raising guard raised instead of failing (test/diff/corpus/regress_guard_raise.hx)",
    "bnot-op": "the ~~~ operator was not lexed",
}
AVOID_DEFAULT = {"attr-neg", "fused-error-order"}
# provenance flag -> the avoid name that forbids it where a list is consumed
FLAG_AVOID = {"scan": "scan-fusion", "filt": "filter-indexed", "raise": "lazy-raise"}
# flags each kind of consumer must not see (src mode -> flags)
SRC_FORBID = {True: {"scan"}, "list": {"scan"}, "indexed": {"scan", "filt"}, "lazy": {"scan", "filt", "raise"},
              "short": {"scan", "raise"}, "arg": {"scan", "filt", "raise"}}
# list functions hastec opens as an indexable chain (no array in between)
CHAIN = {"Enum.map", "Enum.zip", "Enum.with_index", "Enum.reverse", "Enum.take", "Enum.drop", "Enum.zip_with",
         "Flow.from_enumerable", "Flow.map", "Enum.to_list"}
NO_RAISE_MATH = {":math.sin", ":math.cos", ":math.atan", ":math.tanh", ":math.pi", ":math.tan", ":math.atan2"}


# ---- types (hx-run descriptors: i f b [t] {t,u}) ----------------------------

def is_list(t):
    return t[0] == "["


def is_tup(t):
    return t[0] == "{"


def elem_t(t):
    return t[1:-1]


def members(t):
    return t[1:-1].split(",")  # tuple members are scalars


def lst(t):
    return "[" + t + "]"


def tup(*ms):
    return "{" + ",".join(ms) + "}"


def is_num(t):
    return t in (I, F)


def spec(t):
    if t == I:
        return "integer()"
    if t == F:
        return "float()"
    if t == B:
        return "boolean()"
    if is_list(t):
        return "[" + spec(elem_t(t)) + "]"
    return "{" + ", ".join(spec(m) for m in members(t)) + "}"


# ---- values ----------------------------------------------------------------

def ex_float(x):
    """Elixir source text of a finite float (Python repr -> Elixir syntax)."""
    r = repr(float(x))
    if "e" in r:
        m, e = r.split("e")
        if "." not in m:
            m += ".0"
        return m + "e" + str(int(e))
    return r


def ex_value(t, v):
    if t == I:
        return str(v)
    if t == F:
        return ex_float(v)
    if t == B:
        return "true" if v else "false"
    if is_list(t):
        return "[" + ", ".join(ex_value(elem_t(t), x) for x in v) + "]"
    return "{" + ", ".join(ex_value(m, x) for m, x in zip(members(t), v)) + "}"


def hx_value(t, v):
    """hx-run's text for a value: floats as exact C hex floats."""
    if t == I:
        return str(v)
    if t == F:
        return float(v).hex()
    if t == B:
        return "true" if v else "false"
    if is_list(t):
        return "[" + ",".join(hx_value(elem_t(t), x) for x in v) + "]"
    return "{" + ",".join(hx_value(m, x) for m, x in zip(members(t), v)) + "}"


# ---- AST -------------------------------------------------------------------
# Expressions:  int flt bool var attr list tup bin un call elem range if cond
#               case fn cap capf carg block
# Statements:   let (a=name) mlet (pattern, expr) eff (_ = expr)
# Patterns:     pv (var) pw (_) pl (literal) pt (tuple)
# Clauses:      cc (cond: test, block)  pc (patterns node 'pats', guard, block)
# Top:          mod, def (clauses 'pc')

class N(object):
    __slots__ = ("k", "t", "c", "a", "taint", "mag", "n", "acc", "fl", "bodymag")

    def __init__(self, k, t=None, c=None, a=None, taint=False, mag=0.0, n=0, acc=False):
        self.k = k
        self.t = t
        self.c = c if c is not None else []
        self.a = a
        self.taint = taint
        self.mag = mag
        self.n = n
        self.acc = acc
        self.fl = frozenset()  # list provenance: 'filt' (a filter in its chain), 'scan'

    def to_json(self):
        return {"k": self.k, "t": self.t, "a": self.a,
                "c": [x.to_json() if x is not None else None for x in self.c]}

    @staticmethod
    def from_json(d):
        return N(d["k"], d["t"], [N.from_json(x) if x is not None else None for x in d["c"]], d["a"])

    def copy(self):
        n = N(self.k, self.t, [x.copy() if x is not None else None for x in self.c],
              json.loads(json.dumps(self.a)) if isinstance(self.a, (dict, list)) else self.a)
        return n

    def walk(self):
        yield self
        for x in self.c:
            if x is not None:
                for y in x.walk():
                    yield y


class Var(object):
    __slots__ = ("name", "t", "taint", "mag", "n", "acc", "fl")

    def __init__(self, name, t, taint=False, mag=100.0, n=20, acc=False, fl=frozenset()):
        self.name, self.t, self.taint, self.mag, self.n, self.acc, self.fl = name, t, taint, mag, n, acc, fl


class Program(object):
    """A module AST, its entry points and the calls to make."""

    def __init__(self, module, entries, calls, seed=None, index=None):
        self.module = module      # N('mod')
        self.entries = entries    # name -> (arg types, result type)
        self.calls = calls        # [(entry name, [values])]
        self.seed, self.index = seed, index

    @property
    def name(self):
        return self.module.a["name"]

    def elixir_call(self, c):
        f, vals = c
        ts = self.entries[f][0]
        return "%s.%s(%s)" % (self.name, f, ", ".join(ex_value(t, v) for t, v in zip(ts, vals)))

    def hxrun_args(self, c):
        """[symbol, ret type, (arg type, arg text)...] for hx-run."""
        f, vals = c
        ts, ret = self.entries[f]
        out = ["hxe_%s_%s" % (self.name, f.replace("?", "_p").replace("!", "_x")), ret]
        for t, v in zip(ts, vals):
            out += [t, hx_value(t, v)]
        return out

    def to_json(self):
        return {"module": self.module.to_json(),
                "entries": {k: [list(v[0]), v[1]] for k, v in self.entries.items()},
                "calls": [[f, vals] for f, vals in self.calls], "seed": self.seed, "index": self.index}

    @staticmethod
    def from_json(d):
        entries = {k: (list(v[0]), v[1]) for k, v in d["entries"].items()}
        calls = [(f, fix_values(entries[f][0], vals)) for f, vals in d["calls"]]
        return Program(N.from_json(d["module"]), entries, calls, d.get("seed"), d.get("index"))

    def copy(self):
        return Program.from_json(json.loads(json.dumps(self.to_json())))


def fix_values(ts, vals):
    """JSON turns tuples into lists and may turn 2.0 into 2; restore."""
    def fix(t, v):
        if t == F:
            return float(v)
        if t == I:
            return int(v)
        if t == B:
            return bool(v)
        if is_list(t):
            return [fix(elem_t(t), x) for x in v]
        return [fix(m, x) for m, x in zip(members(t), v)]
    return [fix(t, v) for t, v in zip(ts, vals)]


# ---- rendering ---------------------------------------------------------------

SIMPLE = ("int", "flt", "bool", "var", "attr", "list", "tup", "call", "elem", "carg")


def r_lit(n):
    if n.k == "int":
        v = n.a["v"] if isinstance(n.a, dict) else n.a
        if isinstance(n.a, dict) and n.a.get("us") and abs(v) >= 1000:
            s = "{:,}".format(abs(v)).replace(",", "_")
            return ("-" if v < 0 else "") + s
        return str(v)
    if n.k == "flt":
        return ex_float(n.a)
    return "true" if n.a else "false"


class Renderer(object):
    def __init__(self):
        self.ind = "  "

    def expr(self, n, lvl):
        k = n.k
        if k in ("int", "flt", "bool"):
            s = r_lit(n)
            return "(" + s + ")" if s.startswith("-") else s
        if k == "var":
            return n.a
        if k == "attr":
            return "@" + n.a
        if k == "carg":
            return "&%d" % n.a
        if k == "list":
            return "[" + ", ".join(self.expr(x, lvl) for x in n.c) + "]"
        if k == "tup":
            return "{" + ", ".join(self.expr(x, lvl) for x in n.c) + "}"
        if k == "bin":
            return "(%s %s %s)" % (self.expr(n.c[0], lvl), n.a, self.expr(n.c[1], lvl))
        if k == "un":
            op = n.a
            if op in ("not", "~~~"):
                return "(%s %s)" % (op, self.expr(n.c[0], lvl))
            return "(%s(%s))" % (op, self.expr(n.c[0], lvl))
        if k == "range":
            return "(%s..%s)" % (self.expr(n.c[0], lvl), self.expr(n.c[1], lvl))
        if k == "elem":
            return "elem(%s, %d)" % (self.expr(n.c[0], lvl), n.a)
        if k == "call":
            return self.call(n, lvl)
        if k == "if":
            return self.r_if(n, lvl)
        if k == "cond":
            out = ["(cond do"]
            for cl in n.c:
                out.append(self.clause_line(self.expr(cl.c[0], lvl + 1), cl.c[1], lvl + 1))
            out.append(self.ind * lvl + "end)")
            return "\n".join(out)
        if k == "case":
            out = ["(case %s do" % self.expr(n.c[0], lvl)]
            for cl in n.c[1:]:
                out.append(self.clause_line(self.head(cl), cl.c[2], lvl + 1))
            out.append(self.ind * lvl + "end)")
            return "\n".join(out)
        if k == "fn":
            if len(n.c) == 1 and self.single(n.c[0].c[2]) and not n.a:
                cl = n.c[0]
                return "fn %s -> %s end" % (self.head(cl), self.expr(cl.c[2].c[0], lvl + 1))
            out = ["fn"]
            for cl in n.c:
                out.append(self.clause_line(self.head(cl), cl.c[2], lvl + 1))
            out.append(self.ind * lvl + "end")
            return "\n".join(out)
        if k == "cap":
            return "&(%s)" % self.expr(n.c[0], lvl)
        if k == "capf":
            f, arity = n.a.split("/")
            return "&%s/%s" % (self.fname(f), arity)
        if k == "block":
            return "(" + "; ".join(self.stmt(s, lvl) for s in n.c) + ")"
        raise ValueError("cannot render " + k)

    def single(self, block):
        return len(block.c) == 1 and "\n" not in self.expr(block.c[0], 0)

    def head(self, cl):
        pats = ", ".join(self.pat(p) for p in cl.c[0].c)
        if cl.c[1] is not None:
            pats += " when " + self.expr(cl.c[1], 0)
        return pats

    def clause_line(self, head, block, lvl):
        pad = self.ind * lvl
        if self.single(block):
            return pad + head + " -> " + self.expr(block.c[0], lvl + 1)
        return pad + head + " ->\n" + self.block_lines(block, lvl + 1)

    def block_lines(self, block, lvl):
        pad = self.ind * lvl
        return "\n".join(pad + self.stmt(s, lvl) for s in block.c)

    def stmt(self, s, lvl):
        if s.k == "let":
            return "%s = %s" % (s.a, self.expr(s.c[0], lvl))
        if s.k == "mlet":
            return "%s = %s" % (self.pat(s.c[0]), self.expr(s.c[1], lvl))
        if s.k == "eff":
            return "_ = %s" % self.expr(s.c[0], lvl)
        return self.expr(s, lvl)

    def pat(self, p):
        if p.k == "pv" or p.k == "pw":
            return p.a
        if p.k == "pp":
            return "^" + p.a
        if p.k == "pl":
            return r_lit(p.c[0])
        if p.k == "pt":
            return "{" + ", ".join(self.pat(x) for x in p.c) + "}"
        raise ValueError("bad pattern " + p.k)

    def r_if(self, n, lvl):
        kw = n.a.get("kw")
        word = "unless" if n.a.get("unless") else "if"
        c, a, b = n.c
        if n.a.get("unless"):
            a, b = b, a  # stored as the if it means; rendered swapped
        if kw and self.single(a) and self.single(b):
            return "%s(%s, do: %s, else: %s)" % (word, self.expr(c, lvl), self.expr(a.c[0], lvl),
                                                 self.expr(b.c[0], lvl))
        pad = self.ind * lvl
        return "(%s %s do\n%s\n%selse\n%s\n%send)" % (word, self.expr(c, lvl + 1), self.block_lines(a, lvl + 1), pad,
                                                    self.block_lines(b, lvl + 1), pad)

    def call(self, n, lvl):
        f = n.a["f"]
        args = n.c
        if n.a.get("pipe") and args:
            subj = args[0]
            if subj.k == "call" and subj.a.get("pipe"):
                s = self.call(subj, lvl)[1:-1]  # flatten a |> b |> c
            else:
                s = self.expr(subj, lvl)
                if subj.k not in SIMPLE or s.startswith("-"):
                    s = "(" + s + ")"
            rest = ", ".join(self.arg(x, lvl) for x in args[1:])
            return "(%s |> %s(%s))" % (s, self.fname(f), rest)
        return "%s(%s)" % (self.fname(f), ", ".join(self.arg(x, lvl) for x in args))

    def arg(self, x, lvl):
        if x.k == "kw":
            return x.a
        if x.k == "atom":
            return ":" + x.a
        return self.expr(x, lvl)

    def module(self, m):
        """The program's module; with a['lib'], its helpers go to a second
        module (as public functions) that the first calls as Lib.h1(...)."""
        lib = m.a.get("lib")
        if not lib or not any(d.a.get("priv") for d in m.c):
            return self.one_module(m, m.a["name"], m.c)
        helpers = [d for d in m.c if d.a.get("priv")]
        entries = [d for d in m.c if not d.a.get("priv")]
        self.qualify = (lib, set(d.a["name"] for d in helpers))
        main = self.one_module(m, m.a["name"], entries)
        self.qualify = None
        other = self.one_module(m, lib, helpers, public=True)
        return (other + "\n" + main) if m.a.get("lib_first") else (main + "\n" + other)

    def one_module(self, m, name, defs, public=False):
        out = ["defmodule %s do" % name]
        if m.a.get("bitwise"):
            out.append("  import Bitwise")
        for aname, v in m.a.get("attrs", []):
            text = ex_value(I if isinstance(v, int) else F, v)
            if text.startswith("-") and m.a.get("paren_neg_attrs", True):
                out.append("  @%s(%s)" % (aname, text))  # hastec rejects `@k -6` (documented)
            else:
                out.append("  @%s %s" % (aname, text))
        for d in defs:
            out.append("")
            out.extend(self.fundef(d, public))
        out.append("end")
        return "\n".join(out) + "\n"

    def fname(self, f):
        q = getattr(self, "qualify", None)
        if q and f in q[1]:
            return q[0] + "." + f
        return f

    def fundef(self, d, public=False):
        out = []
        kw = "defp" if d.a.get("priv") and not public else "def"
        sp = d.a.get("spec")
        if sp:
            out.append("  @spec %s(%s) :: %s" % (d.a["name"], ", ".join(spec(t) for t in sp[0]), spec(sp[1])))
        for cl in d.c:
            head = "%s(%s)" % (d.a["name"], ", ".join(self.pat(p) for p in cl.c[0].c))
            if cl.c[1] is not None:
                head += " when " + self.expr(cl.c[1], 2)
            body = cl.c[2]
            if self.single(body) and d.a.get("short", True):
                out.append("  %s %s, do: %s" % (kw, head, self.expr(body.c[0], 2)))
            else:
                out.append("  %s %s do" % (kw, head))
                out.append(self.block_lines(body, 2))
                out.append("  end")
        return out


def render(prog):
    src = Renderer().module(prog.module)
    lines = [src]
    for c in prog.calls:
        lines.append("# CALL: " + prog.elixir_call(c) + "\n")
    return "".join(lines)


# ---- generation ----------------------------------------------------------------

def mk_int(v):
    return N("int", I, a=v, mag=float(abs(v)))


def mk_flt(v):
    return N("flt", F, a=float(v), mag=abs(float(v)))


def mk_bool(v):
    return N("bool", B, a=bool(v))


def lit_of(t, v):
    if t == I:
        return mk_int(v)
    if t == F:
        return mk_flt(v)
    if t == B:
        return mk_bool(v)
    if is_list(t):
        n = N("list", t, [lit_of(elem_t(t), x) for x in v])
        n.n = len(v)
        n.mag = max([x.mag for x in n.c] + [0.0])
        return n
    n = N("tup", t, [lit_of(m, x) for m, x in zip(members(t), v)])
    n.mag = max([x.mag for x in n.c] + [0.0])
    return n


def finish(n):
    """Taint and accumulator flags flow up from the children."""
    for x in n.c:
        if x is not None:
            n.taint = n.taint or x.taint
            n.acc = n.acc or x.acc
    return n


class Fail(Exception):
    pass


def is_safe_divisor(b):
    """abs(x) + 1: never zero (the generator's guarded divisors)."""
    return (b.k == "bin" and b.a == "+" and b.c[0].k == "call" and b.c[0].a.get("f") == "abs"
            and b.c[1].k in ("int", "flt"))


def catch_all(cl):
    """A clause (pc) that matches everything: variables or _ only, no guard."""
    if cl.k != "pc":
        return True
    return cl.c[1] is None and all(irrefutable(p) for p in cl.c[0].c)


def irrefutable(p):
    return p.k in ("pv", "pw") or (p.k == "pt" and all(irrefutable(x) for x in p.c))


def all_catch_all(cl):
    return catch_all(cl)


class Gen(object):
    def __init__(self, seed, index, opts=None):
        self.seed, self.index = seed, index
        self.r = random.Random("%s/%s" % (seed, index))
        self.opts = opts or {}
        self.avoid = set(self.opts.get("avoid", AVOID_DEFAULT))
        self.helpers = []      # def nodes (private)
        self.helper_sigs = []  # (name, param types, ret, ret_range)
        self.nvar = 0
        self.bitwise = self.r.random() < 0.35
        self.attrs = []
        self.name = "F%sN%s" % (seed, index)
        self.in_helper = 0
        self.in_cap = False
        self.in_guard_or = 0
        self.in_lam = 0
        self.helper_taint = {}
        self.budget = 0
        self.helper_fl = {}
        self.helper_enum = {}
        self.helper_raise = {}

    # -- small utilities
    def chance(self, p):
        return self.r.random() < p

    def pick(self, xs):
        return self.r.choice(xs)

    def wpick(self, pairs):
        tot = sum(w for w, _ in pairs if w > 0)
        x = self.r.random() * tot
        for w, v in pairs:
            if w <= 0:
                continue
            x -= w
            if x < 0:
                return v
        return [v for w, v in pairs if w > 0][-1]

    def fresh(self, prefix):
        self.nvar += 1
        return "%s%d" % (prefix, self.nvar)

    # -- literal values
    def int_val(self, wide=False):
        x = self.r.random()
        if x < 0.55:
            return self.r.randint(-10, 10)
        if x < 0.85 or not wide:
            return self.r.randint(-100, 100)
        if x < 0.97:
            return self.r.randint(-1000, 1000)
        return self.r.randint(-10 ** 6, 10 ** 6)

    def flt_val(self):
        x = self.r.random()
        if x < 0.5:
            return self.r.randint(-40, 40) / 4.0
        if x < 0.7:
            return self.r.randint(-1000, 1000) / 8.0
        if x < 0.9:
            return round(self.r.uniform(-100, 100), self.r.randint(1, 3))
        if x < 0.95:
            return 0.0
        return self.pick([1.0e-3, 2.5e-7, 1.5e10, -3.25e12, 0.1, 100.0])

    def value(self, t, big=False):
        if t == I:
            return self.int_val(wide=True)
        if t == F:
            return self.flt_val()
        if t == B:
            return self.chance(0.5)
        if is_list(t):
            x = self.r.random()
            if x < 0.1:
                n = 0
            elif x < 0.75:
                n = self.r.randint(1, 10)
            elif x < 0.96 or not big:
                n = self.r.randint(11, 40)
            elif x < 0.993 or "parallel-alloc" in self.avoid:
                n = self.r.randint(100, 400)
            else:
                n = self.r.randint(8200, 12000)  # more than one parallel chunk (grain 8192)
            e = elem_t(t)
            if e == I and self.chance(0.15):
                return [self.r.randint(32, 126) for _ in range(n)]  # charlist-printable
            return [self.value(e) for _ in range(n)]
        return [self.value(m) for m in members(t)]

    # -- types
    def scalar_t(self):
        return self.wpick([(5, I), (3, F), (1, B)])

    def tuple_t(self):
        return tup(self.wpick([(3, I), (2, F), (1, B)]), self.wpick([(3, I), (2, F), (1, B)]))

    def elem_type(self):
        return self.wpick([(6, I), (4, F), (1, B), (1, tup(I, I)), (1, tup(I, F))])

    def any_t(self):
        return self.wpick([(6, I), (4, F), (2, B), (3, lst(I)), (2, lst(F)), (1, lst(B)), (1, self.tuple_t()),
                           (1, lst(tup(I, I))), (1, lst(tup(I, F)))])

    # -- leaves
    def vars_of(self, env, t, ex):
        return [v for v in env.values() if v.t == t and not (ex and v.taint) and not v.name.startswith("_")]

    def var_node(self, v):
        n = N("var", v.t, a=v.name, taint=v.taint, mag=v.mag, n=v.n, acc=v.acc)
        n.fl = v.fl
        return n

    def leaf(self, t, env, ex, allow_var=True, forbid=frozenset()):
        vs = self.vars_of(env, t, ex) if allow_var else []
        vs = [v for v in vs if not (v.fl & forbid)]
        if vs and self.chance(0.85):
            return self.var_node(self.pick(vs))
        if t in (I, F) and self.chance(0.08):
            return self.attr(t)
        if t == I:
            n = mk_int(self.int_val())
            if self.chance(0.05):
                n.a = {"v": self.r.randint(1000, 100000) * self.pick([1, -1]), "us": True}
                n.mag = float(abs(n.a["v"]))
            return n
        if t == F:
            v = self.flt_val()
            return mk_flt(v)
        if t == B:
            return mk_bool(self.chance(0.5))
        if is_list(t):
            return lit_of(t, self.value(t)[:6] or [self.value(elem_t(t))])
        return lit_of(t, self.value(t))

    def attr(self, t):
        for name, v in self.attrs:
            if isinstance(v, int) == (t == I) and self.chance(0.5):
                n = N("attr", t, a=name, mag=abs(float(v)))
                return n
        name = "k%d" % (len(self.attrs) + 1)
        v = self.int_val() if t == I else self.flt_val()
        self.attrs.append((name, v))
        return N("attr", t, a=name, mag=abs(float(v)))

    # -- dispatcher
    def expr(self, t, env, d, ex=False, src=False, forbid=None):
        """An expression of type t. ex: its value must be exact (no tainted
        float reductions); src: the list is consumed by an Enum function
        (so a range is allowed: ranges are never printed or bound); forbid:
        provenance flags the list must not have (default: the avoided
        fusions for src, none otherwise; src='indexed' for take/drop/...)."""
        if forbid is None:
            forbid = self.forbid_for(src)
        self.budget -= 1
        if d <= 0 or self.budget <= 0:
            if is_list(t) and src in (True, "indexed", "lazy", "short") and t == lst(I) and self.chance(0.3):
                return self.p_range(t, env, 0, ex)
            return self.leaf(t, env, ex, forbid=forbid)
        if t == I:
            prods = [(4, self.p_leaf), (5, self.p_arith), (2, self.p_divrem), (1, self.p_absneg),
                     (1, self.p_minmax), (1, self.p_truncround), (2 if self.bitwise else 0, self.p_bitwise),
                     (2, self.p_if), (1, self.p_cond), (1, self.p_case), (4, self.p_fold), (1.5, self.p_helper),
                     (1, self.p_loop), (1, self.p_elem), (0.3, self.p_block)]
        elif t == F:
            prods = [(4, self.p_leaf), (5, self.p_arith), (2, self.p_fdiv), (1, self.p_absneg),
                     (1, self.p_minmax), (1, self.p_floorceil), (2, self.p_math), (1.5, self.p_tofloat),
                     (2, self.p_if), (1, self.p_cond), (1, self.p_case), (3, self.p_fold), (1.5, self.p_helper),
                     (1, self.p_loop), (1, self.p_elem), (0.3, self.p_block)]
        elif t == B:
            prods = [(2, self.p_leaf), (6, self.p_cmp), (3, self.p_logic), (1, self.p_not), (2, self.p_allany),
                     (0.7, self.p_istype), (1, self.p_if), (0.5, self.p_case), (1, self.p_helper), (1, self.p_elem)]
        elif is_list(t):
            prods = [(3, self.p_leaf),
                     (4 if src in (True, "indexed", "lazy", "short") and t == lst(I) else 0, self.p_range),
                     (6, self.p_map),
                     (3, self.p_filter), (1.5, self.p_takedrop), (1, self.p_reverse), (1.5, self.p_sort),
                     (1.5, self.p_scan), (1, self.p_flow), (1.5, self.p_zip), (1.5, self.p_with_index),
                     (1, self.p_zip_with), (1, self.p_if), (0.5, self.p_case), (1, self.p_helper),
                     (0.5, self.p_to_list)]
        else:
            prods = [(3, self.p_leaf), (4, self.p_tuplelit), (1, self.p_if), (0.5, self.p_case),
                     (1.5, self.p_minby), (1.5, self.p_reduce_tuple), (1, self.p_helper)]
        for _ in range(6):
            p = self.wpick(prods)
            try:
                if p in (self.p_range,):
                    n = p(t, env, d - 1, ex)
                elif p == self.p_leaf:
                    n = self.leaf(t, env, ex, forbid=forbid)
                else:
                    n = p(t, env, d - 1, ex)
            except Fail:
                n = None
            if n is not None and not (n.fl & forbid):
                if src and is_list(t) and "nested-leaf" in self.avoid and not self.nested_ok(n):
                    continue
                assert n.t == t, (p.__name__, n.t, t)
                return n
        return self.leaf(t, env, ex, forbid=forbid)

    def forbid_for(self, src):
        if not src:
            return frozenset()
        return frozenset(f for f in SRC_FORBID[src] if FLAG_AVOID[f] in self.avoid)

    def big(self, xs):
        """Is there a parallel-sized (> 8192) range in the list expression xs?"""
        return any(x.k == "range" and x.n >= 8192 for x in xs.walk())

    def allocates(self, fn):
        """May calling fn build a list (an array allocation)?"""
        for x in fn.walk():
            if x is fn:
                continue
            if (x.t and is_list(x.t)) or x.k == "list":
                return True
            if x.k == "call" and (x.a["f"] in self.helper_taint):  # a helper or loop
                return True
            if x.k == "capf" and x.a.split("/")[0] in self.helper_taint:
                return True
        return False

    def stage_ok(self, xs, fn):
        """A fused stage over xs with function fn: if both may raise, which
        error comes first differs from Elixir (documented)."""
        if "fused-error-order" in self.avoid and self.may_raise(fn) and (
                "raise" in xs.fl or self.may_raise_list(xs)):
            raise Fail
        if "parallel-alloc" in self.avoid and self.big(xs) and self.allocates(fn):
            raise Fail

    def init_ok(self, xs, init):
        """reduce/scan: hastec evaluates the init before a fused list."""
        if "init-order" in self.avoid and "raise" in xs.fl and self.may_raise(init):
            raise Fail

    def may_raise_list(self, xs):
        """Can producing the list xs raise per element (a raising map/filter in its chain)?"""
        return "raise" in xs.fl

    # -- facts about generated code, for the avoid-list
    def enumish(self, n):
        """Does evaluating n (not calling its lambdas) run an Enum/Flow function?"""
        if n is None or n.k in ("fn", "cap", "capf", "kw", "atom"):
            return False
        if n.k == "call":
            f = n.a["f"]
            if f.startswith("Enum.") or f.startswith("Flow.") or f == "length" or self.helper_enum.get(f):
                return True
        return any(self.enumish(c) for c in n.c)

    def nested_ok(self, n):
        """A list in a source position: its chain's leaves run no Enum loop
        of their own (hastec's parallel loops lose such leaves)."""
        if n.k == "call" and n.a["f"] in CHAIN:
            for c in n.c:
                if c is None or c.k in ("fn", "cap", "capf", "kw", "atom"):
                    continue
                if c.t and is_list(c.t):
                    if not self.nested_ok(c):
                        return False
                elif self.enumish(c):
                    return False
            return True
        if n.k == "call":
            if self.helper_enum.get(n.a["f"]):
                return False
            for c in n.c:
                if c is None or c.k in ("fn", "cap", "capf", "kw", "atom"):
                    continue
                if self.enumish(c) or (c.t and is_list(c.t) and c.k not in ("var", "list")):
                    return False  # e.g. a sort materialises its list: another loop
            return True
        if n.k in ("var",):
            return True
        return not self.enumish(n)

    def has_enum(self, n):
        for x in n.walk():
            if x.k == "call":
                f = x.a["f"]
                if f.startswith("Enum.") or f.startswith("Flow.") or f == "length":
                    return True
                if f in self.helper_enum and self.helper_enum[f]:
                    return True
            if x.k == "capf" and self.helper_enum.get(x.a.split("/")[0]):
                return True
        return False

    def may_raise(self, n):
        """Can evaluating n (a lambda: calling it) raise?"""
        for x in n.walk():
            k = x.k
            if k == "call":
                f = x.a["f"]
                if f in ("div", "rem") and not is_safe_divisor(x.c[1]):
                    return True
                if f.startswith(":math.") and f not in NO_RAISE_MATH:
                    return True
                if f in ("Enum.min", "Enum.max", "Enum.min_by", "Enum.max_by") or (f == "Enum.reduce" and
                                                                                   len(x.c) == 2):
                    return True
                if self.helper_raise.get(f):
                    return True
            elif k == "bin" and x.a == "/" and not is_safe_divisor(x.c[1]):
                return True
            elif k == "capf" and self.helper_raise.get(x.a.split("/")[0]):
                return True
            elif k in ("fn", "case") and not catch_all(x.c[-1]):
                return True
            elif k == "cond" and not (x.c[-1].c[0].k == "bool" and x.c[-1].c[0].a):
                return True
            elif k == "mlet" and any(p.k == "pl" for p in x.c[0].walk()):
                return True
        return False


    def p_leaf(self, t, env, d, ex):
        return self.leaf(t, env, ex)

    def num(self, env, d, ex=False, t=None):
        return self.expr(t or self.wpick([(3, I), (2, F)]), env, d, ex)

    # -- arithmetic
    def p_arith(self, t, env, d, ex):
        op = self.wpick([(3, "+"), (3, "-"), (2, "*")])
        if t == I:
            a, b = self.expr(I, env, d, ex), self.expr(I, env, d, ex)
        else:
            ta, tb = self.pick([(F, F), (F, I), (I, F)])
            a, b = self.expr(ta, env, d, ex), self.expr(tb, env, d, ex)
        if op == "*":
            if a.acc or b.acc:
                op = "+"
            elif a.mag * b.mag > (INT_LIMIT / 4 if t == I else FLOAT_LIMIT):
                raise Fail
        mag = a.mag * b.mag if op == "*" else a.mag + b.mag
        if t == I and mag > INT_LIMIT:
            raise Fail
        return finish(N("bin", t, [a, b], op, mag=mag))

    def p_divrem(self, t, env, d, ex):
        f = self.pick(["div", "rem"])
        a, b = self.expr(I, env, d, True), self.expr(I, env, d, True)
        if self.chance(0.4):
            b = self.safe_divisor(b, I)
        mag = a.mag if f == "div" else min(a.mag, b.mag)
        return finish(N("call", I, [a, b], {"f": f, "pipe": self.chance(0.1)}, mag=mag))

    def safe_divisor(self, b, t):
        one = mk_int(1) if t == I else mk_flt(1.0)
        ab = finish(N("call", t, [b], {"f": "abs"}, mag=b.mag))
        return finish(N("bin", t, [ab, one], "+", mag=b.mag + 1))

    def p_fdiv(self, t, env, d, ex):
        a = self.num(env, d, ex)
        b = self.num(env, d, True)
        if self.chance(0.4):
            b = self.safe_divisor(b, b.t)
        return finish(N("bin", F, [a, b], "/", mag=min(a.mag * 1e6, FLOAT_LIMIT)))

    def p_absneg(self, t, env, d, ex):
        a = self.expr(t, env, d, ex)
        if self.chance(0.5):
            return finish(N("call", t, [a], {"f": "abs", "pipe": self.chance(0.2)}, mag=a.mag))
        return finish(N("un", t, [a], "-", mag=a.mag))

    def p_minmax(self, t, env, d, ex):
        a, b = self.expr(t, env, d, ex), self.expr(t, env, d, ex)
        return finish(N("call", t, [a, b], {"f": self.pick(["min", "max"])}, mag=max(a.mag, b.mag)))

    def p_truncround(self, t, env, d, ex):
        a = self.expr(F if self.chance(0.85) else I, env, d, True)
        if a.mag > 1e15:
            raise Fail
        return finish(N("call", I, [a], {"f": self.pick(["trunc", "round"])}, mag=a.mag + 1))

    def p_floorceil(self, t, env, d, ex):
        a = self.expr(F, env, d, True)
        return finish(N("call", F, [a], {"f": self.pick(["Float.floor", "Float.ceil"]), "pipe": self.chance(0.2)},
                        mag=a.mag + 1))

    def p_tofloat(self, t, env, d, ex):
        a = self.expr(I, env, d, ex)
        form = self.r.randint(0, 2)
        if form == 0:
            return finish(N("bin", F, [a, mk_flt(1.0)], "*", mag=a.mag))
        if form == 1:
            return finish(N("bin", F, [a, mk_flt(0.0)], "+", mag=a.mag))
        return finish(N("bin", F, [a, mk_int(1)], "/", mag=a.mag))

    def p_math(self, t, env, d, ex):
        f = self.wpick([(2, "sqrt"), (1, "sin"), (1, "cos"), (1, "atan"), (1, "tanh"), (1, "exp"), (1, "log"),
                        (1, "pow"), (0.3, "pi"), (0.5, "log2"), (0.5, "log10"), (0.5, "atan2"), (0.3, "tan")])
        if f == "pi":
            return N("call", F, [], {"f": ":math.pi"}, mag=3.2)
        if f in ("sin", "cos", "atan", "tanh"):
            a = self.num(env, d, ex)
            return finish(N("call", F, [a], {"f": ":math." + f}, mag=1.6))
        if f == "tan":
            a = self.num(env, d, True)
            return finish(N("call", F, [a], {"f": ":math." + f}, mag=1e16))
        if f == "atan2":
            a, b = self.num(env, d, True), self.num(env, d, True)
            return finish(N("call", F, [a, b], {"f": ":math.atan2"}, mag=3.2))
        if f in ("sqrt", "log", "log2", "log10"):
            a = self.num(env, d, True)
            if self.chance(0.8):
                a = finish(N("call", a.t, [a], {"f": "abs"}, mag=a.mag))
                if f != "sqrt":
                    one = mk_int(1) if a.t == I else mk_flt(1.0)
                    a = finish(N("bin", a.t, [a, one], "+", mag=a.mag + 1))
            mag = a.mag ** 0.5 if f == "sqrt" else 800.0
            return finish(N("call", F, [a], {"f": ":math." + f, "pipe": self.chance(0.15)}, mag=mag))
        if f == "exp":
            a = self.num(env, d, True)
            if a.mag > 50:
                a = finish(N("call", I, [self.expr(I, env, d, True), mk_int(self.r.randint(5, 40))], {"f": "rem"},
                             mag=40.0))
            return finish(N("call", F, [a], {"f": ":math.exp"}, mag=min(2.0 ** min(a.mag * 1.5, 1000), FLOAT_LIMIT)))
        # pow: a small exponent keeps values finite
        a = self.num(env, d, True)
        b = self.pick([mk_flt(0.5), mk_int(2), mk_int(3), mk_flt(2.0), mk_flt(-1.0), mk_int(0), mk_flt(1.5)])
        mag = min(max(a.mag, 1.0) ** 3, FLOAT_LIMIT)
        return finish(N("call", F, [a, b], {"f": ":math.pow"}, mag=mag))

    def p_bitwise(self, t, env, d, ex):
        f = self.wpick([(2, "band"), (2, "bor"), (2, "bxor"), (1, "bnot"), (2, "bsl"), (2, "bsr")])
        op = self.chance(0.5)
        a = self.expr(I, env, d, True)
        if f == "bnot":
            if op and "bnot-op" not in self.avoid:
                return finish(N("un", I, [a], "~~~", mag=a.mag + 1))
            return finish(N("call", I, [a], {"f": "bnot"}, mag=a.mag + 1))
        if f in ("bsl", "bsr"):
            if self.chance(0.6):
                b = mk_int(self.r.randint(-3, 12))
            else:
                b = finish(N("call", I, [self.expr(I, env, d, True), mk_int(self.r.randint(2, 9))], {"f": "rem"},
                             mag=8.0))
            sh = b.mag if f == "bsl" else 0
            mag = a.mag * (2.0 ** sh)
            if mag > INT_LIMIT / 4 or a.acc:
                raise Fail
        else:
            b = self.expr(I, env, d, True)
            mag = 2 * max(a.mag, b.mag) + 1
        sym = {"band": "&&&", "bor": "|||", "bxor": "^^^", "bsl": "<<<", "bsr": ">>>"}[f]
        if op and f != "bxor":
            return finish(N("bin", I, [a, b], sym, mag=mag))
        return finish(N("call", I, [a, b], {"f": f, "pipe": self.chance(0.1)}, mag=mag))

    # -- booleans
    def p_cmp(self, t, env, d, ex):
        op = self.wpick([(2, "=="), (2, "!="), (3, "<"), (2, "<="), (3, ">"), (2, ">="), (0.4, "==="), (0.4, "!==")])
        if self.chance(0.1):
            a, b = self.expr(B, env, d, True), self.expr(B, env, d, True)
            op = self.pick(["==", "!="])
        else:
            ta = self.wpick([(3, I), (2, F)])
            tb = ta if self.chance(0.7) else self.wpick([(3, I), (2, F)])
            a, b = self.expr(ta, env, d, True), self.expr(tb, env, d, True)
        return finish(N("bin", B, [a, b], op))

    def p_logic(self, t, env, d, ex):
        op = self.pick(["and", "or", "&&", "||"])
        a, b = self.expr(B, env, d, True), self.expr(B, env, d, True)
        return finish(N("bin", B, [a, b], op))

    def p_not(self, t, env, d, ex):
        return finish(N("un", B, [self.expr(B, env, d, True)], self.pick(["not", "!"])))

    def p_istype(self, t, env, d, ex):
        vs = [v for v in env.values() if is_num(v.t) and not v.name.startswith("_")]
        if not vs:
            raise Fail
        v = self.pick(vs)
        return N("call", B, [self.var_node(v)], {"f": self.pick(["is_integer", "is_float", "is_number"])})

    def p_allany(self, t, env, d, ex):
        e = self.elem_type()
        xs = self.expr(lst(e), env, d, True, src="short")
        fn = self.lam([e], B, env, d, True, [xs])
        self.stage_ok(xs, fn)
        return finish(N("call", B, [xs, fn], {"f": self.pick(["Enum.all?", "Enum.any?"]), "pipe": self.chance(0.5)}))

    # -- control flow (any type)
    def block(self, t, env, d, ex, nstmts=None, rebind=True):
        """A do-block: statements, then an expression of type t. rebind=False
        for blocks in parentheses, whose bindings leak in Elixir."""
        env = dict(env)
        if nstmts is None:
            nstmts = self.wpick([(6, 0), (3, 1), (1, 2)])
        stmts = []
        for _ in range(nstmts):
            stmts.append(self.statement(env, d, rebind))
        final = self.expr(t, env, d, ex)
        stmts.append(final)
        n = finish(N("block", t, stmts, mag=final.mag, n=final.n))
        n.fl = final.fl
        return n

    def statement(self, env, d, rebind=True):
        x = self.r.random()
        if x < 0.12:
            tt = self.tuple_t()
            rhs = self.expr(tt, env, d)
            pats = []
            for i, m in enumerate(members(tt)):
                y = self.r.random()
                if y < 0.15:
                    pats.append(N("pw", m, a="_"))
                elif y < 0.22 and m != F:
                    pats.append(N("pl", m, [mk_int(self.r.randint(-1, 3)) if m == I else mk_bool(self.chance(0.5))]))
                else:
                    nm = self.fresh("v")
                    pats.append(N("pv", m, a=nm))
                    env[nm] = Var(nm, m, rhs.taint, rhs.mag, acc=rhs.acc)
            return finish(N("mlet", tt, [N("pt", tt, pats), rhs]))
        if x < 0.17:
            tt = self.pick([I, F])
            return finish(N("eff", tt, [self.expr(tt, env, d, True)]))
        tt = self.any_t()
        rhs = self.expr(tt, env, d)
        same = [v for v in env.values() if v.t == tt and not v.name.startswith("_")]
        if same and rebind and self.chance(0.2):
            nm = self.pick(same).name  # rebinding
        else:
            nm = self.fresh("v")
        env[nm] = Var(nm, tt, rhs.taint, rhs.mag, rhs.n, rhs.acc, rhs.fl)
        return finish(N("let", tt, [rhs], nm))

    def p_block(self, t, env, d, ex):
        return self.block(t, env, d, ex, nstmts=self.r.randint(1, 2), rebind=False)

    def p_if(self, t, env, d, ex):
        c = self.expr(B, env, d, True)
        a = self.block(t, env, d, ex)
        b = self.block(t, env, d, ex)
        n = finish(N("if", t, [c, a, b], {"kw": self.chance(0.3), "unless": self.chance(0.2)}))
        n.mag = max(a.mag, b.mag)
        n.n = max(a.n, b.n)
        n.fl = a.fl | b.fl
        return n

    def p_cond(self, t, env, d, ex):
        cls = []
        for _ in range(self.r.randint(1, 3)):
            cls.append(N("cc", t, [self.expr(B, env, d, True), self.block(t, env, d - 1, ex)]))
        if self.chance(0.9):
            cls.append(N("cc", t, [mk_bool(True), self.block(t, env, d - 1, ex)]))
        n = finish(N("cond", t, cls))
        for cl in cls:
            finish(cl)
        n.taint = any(cl.c[1].taint for cl in cls)
        n.acc = any(cl.c[1].acc for cl in cls)
        n.mag = max(cl.c[1].mag for cl in cls)
        n.n = max(cl.c[1].n for cl in cls)
        n.fl = frozenset().union(*[cl.c[1].fl for cl in cls])
        return n

    def p_case(self, t, env, d, ex):
        st = self.wpick([(4, I), (1, F), (1, B), (2, self.tuple_t())])
        if st == I and self.chance(0.5):
            subj = finish(N("call", I, [self.expr(I, env, d, True), mk_int(self.r.randint(2, 5))], {"f": "rem"},
                            mag=5.0))
        else:
            subj = self.expr(st, env, d, True)
        clauses = []
        k = self.r.randint(1, 3)
        for i in range(k):
            cenv = dict(env)
            pat = self.pattern(st, cenv, allow_lit=True, svar=subj, pins=list(env.values()))
            guard = self.guard(cenv) if self.chance(0.3) else None
            body = self.block(t, cenv, d - 1, ex)
            clauses.append(finish(N("pc", t, [N("pats", None, [pat]), guard, body])))
        if self.chance(0.9):
            cenv = dict(env)
            pat = self.pattern(st, cenv, allow_lit=False, svar=subj) if self.chance(0.4) else N("pw", st, a="_")
            body = self.block(t, cenv, d - 1, ex)
            clauses.append(finish(N("pc", t, [N("pats", None, [pat]), None, body])))
        n = finish(N("case", t, [subj] + clauses))
        n.mag = max(cl.c[2].mag for cl in clauses)
        n.n = max(cl.c[2].n for cl in clauses)
        n.fl = frozenset().union(*[cl.c[2].fl for cl in clauses])
        return n

    def pattern(self, t, env, allow_lit=True, svar=None, taint=False, pins=None):
        """A pattern for a value of type t; binds its variables in env.
        pins: variables bound before the clause, which ^x may match."""
        mag = svar.mag if svar is not None else 100.0
        tn = svar.taint if svar is not None else taint
        acc = svar.acc if svar is not None else False
        if is_tup(t) and self.chance(0.8):
            ps = []
            for m in members(t):
                ps.append(self.pattern(m, env, allow_lit, None, tn, pins))
                if svar is not None:
                    for p in ps[-1:]:
                        if p.k == "pv":
                            env[p.a].mag, env[p.a].acc = mag, acc
            if (allow_lit and len(ps) == 2 and ps[0].k == "pv" and ps[1].k == "pv" and ps[0].t == ps[1].t
                    and self.chance(0.25)):
                del env[ps[1].a]
                ps[1] = N("pv", ps[1].t, a=ps[0].a)  # {x, x}: both members equal
            return N("pt", t, ps)
        x = self.r.random()
        if allow_lit and pins and not tn and self.chance(0.15):
            cands = [v for v in pins if v.t == t and not v.taint and not v.name.startswith("_")
                     and not v.name.startswith("&") and not (is_tup(t) and "tuple-eq-pattern" in self.avoid)]
            if cands:
                return N("pp", t, a=self.pick(cands).name)
        if allow_lit and x < 0.35 and t in (I, B) or (allow_lit and x < 0.15 and t == F and not tn):
            if t == I:
                v = self.r.randint(-2, 4)
            elif t == F:
                v = self.pick([0.0, 1.0, 0.5, -1.5])
            else:
                v = self.chance(0.5)
            return N("pl", t, [lit_of(t, v)])
        if x < 0.5:
            return N("pw", t, a=self.pick(["_", "_" + self.fresh("u")]))
        nm = self.fresh("p")
        env[nm] = Var(nm, t, tn, mag, 20, acc)
        return N("pv", t, a=nm)

    # -- guards (only guard-safe expressions)
    def guard(self, env):
        self.budget -= 1
        x = self.r.random()
        nums = [v for v in env.values() if is_num(v.t) and not v.taint and not v.name.startswith("_")]
        if x < 0.15 and nums:
            v = self.pick(nums)
            return N("call", B, [self.var_node(v)], {"f": self.pick(["is_integer", "is_float"])})
        if x < 0.3:
            op = self.pick(["and", "or"])
            a = self.guard(env)
            self.in_guard_or += 1  # the right operand may be skipped (short-circuit)
            try:
                b = self.guard(env)
            finally:
                self.in_guard_or -= 1
            return N("bin", B, [a, b], op)
        if x < 0.35:
            return N("un", B, [self.guard(env)], "not")
        bools = [v for v in env.values() if v.t == B and not v.name.startswith("_")]
        if x < 0.4 and bools:
            return self.var_node(self.pick(bools))
        op = self.pick(["==", "!=", "<", "<=", ">", ">="])
        ta = self.wpick([(3, I), (1, F)])
        a, b = self.gexpr(ta, env, 2), self.gexpr(self.wpick([(3, I), (1, F)]) if ta == F else I, env, 1)
        return N("bin", B, [a, b], op)

    def gexpr(self, t, env, d):
        vs = [v for v in env.values() if v.t == t and not v.taint and not v.name.startswith("_")]
        x = self.r.random()
        if d <= 0 or x < 0.4:
            if vs and self.chance(0.7):
                return self.var_node(self.pick(vs))
            return mk_int(self.r.randint(-5, 10)) if t == I else mk_flt(self.r.randint(-20, 20) / 4.0)
        if t == I:
            y = self.r.random()
            if y < 0.4:
                return N("bin", I, [self.gexpr(I, env, d - 1), self.gexpr(I, env, d - 1)], self.pick(["+", "-", "*"]))
            if y < 0.75:
                return N("call", I, [self.gexpr(I, env, d - 1), self.gdivisor(I, env, d - 1)],
                         {"f": self.pick(["rem", "div"])})
            if y < 0.85:
                return N("call", I, [self.gexpr(F, env, d - 1)], {"f": self.pick(["trunc", "round"])})
            return N("call", I, [self.gexpr(I, env, d - 1)], {"f": "abs"})
        y = self.r.random()
        if y < 0.5:
            return N("bin", F, [self.gexpr(F, env, d - 1), self.gexpr(self.pick([I, F]), env, d - 1)],
                     self.pick(["+", "-", "*"]))
        if y < 0.8:
            return N("bin", F, [self.gexpr(self.pick([I, F]), env, d - 1), self.gdivisor(self.pick([I, F]), env, d - 1)],
                     "/")
        return N("call", F, [self.gexpr(F, env, d - 1)], {"f": "abs"})

    def gdivisor(self, t, env, d):
        b = self.gexpr(t, env, d)
        if ("guard-raise" in self.avoid
                or ("guard-const-raise" in self.avoid and not any(x.k == "var" for x in b.walk()))
                or ("guard-short-circuit" in self.avoid and self.in_guard_or)):
            one = mk_int(1) if t == I else mk_flt(1.0)
            b = N("bin", t, [N("call", t, [b], {"f": "abs"}), one], "+")
        return b

    # -- tuples
    def p_tuplelit(self, t, env, d, ex):
        cs = [self.expr(m, env, d, ex) for m in members(t)]
        return finish(N("tup", t, cs, mag=max(c.mag for c in cs)))

    def p_elem(self, t, env, d, ex):
        if is_list(t) or is_tup(t):
            raise Fail
        other = self.wpick([(3, I), (2, F), (1, B)])
        idx = self.r.randint(0, 1)
        tt = tup(t, other) if idx == 0 else tup(other, t)
        x = self.expr(tt, env, d, ex)
        return finish(N("elem", t, [x], idx, mag=x.mag))

    def p_minby(self, t, env, d, ex):
        xs = self.expr(lst(t), env, d, True, src=True)
        key = self.lam([t], self.pick([I, F]), env, d, True, [xs])
        self.stage_ok(xs, key)
        return finish(N("call", t, [xs, key], {"f": self.pick(["Enum.min_by", "Enum.max_by"]),
                                                "pipe": self.chance(0.5)}, mag=xs.mag))

    def p_reduce_tuple(self, t, env, d, ex):
        e = self.elem_type()
        xs = self.expr(lst(e), env, d, ex, src=True)
        init = self.p_tuplelit(t, env, d, ex)
        self.init_ok(xs, init)
        fn = self.lam([e, t], t, env, d, ex, [xs, init], acc_index=1)
        self.stage_ok(xs, fn)
        return finish(N("call", t, [xs, init, fn], {"f": "Enum.reduce", "pipe": self.chance(0.5)},
                        mag=init.mag + xs.n * xs.mag))

    # -- folds to scalars
    def p_fold(self, t, env, d, ex):
        x = self.r.random()
        if t == I:
            if x < 0.2:
                xs = self.expr(lst(I), env, d, ex, src=True)
                if xs.n * xs.mag > INT_LIMIT:
                    raise Fail
                return finish(N("call", I, [xs], {"f": "Enum.sum", "pipe": self.chance(0.6)}, mag=xs.n * xs.mag))
            if x < 0.25:
                xs = self.expr(lst(I), env, d, ex, src=True)
                if xs.n > 12 or xs.mag > 200:
                    if xs.fl & self.forbid_for("lazy"):
                        raise Fail
                    xs = finish(N("call", lst(I), [xs, mk_int(self.r.randint(1, 6))], {"f": "Enum.take"},
                                  mag=xs.mag, n=6))
                if max(xs.mag, 1.0) ** xs.n > INT_LIMIT / 16:
                    raise Fail
                return finish(N("call", I, [xs], {"f": "Enum.product", "pipe": self.chance(0.6)},
                                mag=max(xs.mag, 1.0) ** xs.n))
            if x < 0.45:
                e = self.elem_type()
                xs = self.expr(lst(e), env, d, True, src=True)
                if self.chance(0.5):
                    return finish(N("call", I, [xs], {"f": "Enum.count", "pipe": self.chance(0.5)}, mag=xs.n))
                if self.chance(0.3):
                    xs = self.expr(lst(e), env, d, True, src="list")  # length/1: a list, not a range
                    return finish(N("call", I, [xs], {"f": "length"}, mag=xs.n))
                fn = self.lam([e], B, env, d, True, [xs])
                self.stage_ok(xs, fn)
                return finish(N("call", I, [xs, fn], {"f": "Enum.count", "pipe": self.chance(0.5)}, mag=xs.n))
        if t == F and x < 0.3:
            xs = self.expr(lst(F), env, d, ex, src=True)
            if ex:
                raise Fail  # a float sum's last bits depend on the order
            f = "Enum.sum" if self.chance(0.8) else "Enum.product"
            if f == "Enum.product":
                if xs.n > 12 or xs.mag > 100:
                    if xs.fl & self.forbid_for("lazy"):
                        raise Fail
                    xs = finish(N("call", lst(F), [xs, mk_int(self.r.randint(1, 6))], {"f": "Enum.take"},
                                  mag=xs.mag, n=6))
                mag = max(xs.mag, 1.0) ** xs.n
            else:
                mag = xs.n * xs.mag
            s = finish(N("call", F, [xs], {"f": f, "pipe": self.chance(0.6)}, mag=mag))
            s.taint = True
            # Enum.sum([]) is the integer 0 in Elixir: * 1.0 makes it 0.0
            return finish(N("bin", F, [s, mk_flt(1.0)], "*", mag=mag))
        if x < 0.6:
            xs = self.expr(lst(t), env, d, ex, src=True)
            return finish(N("call", t, [xs], {"f": self.pick(["Enum.min", "Enum.max"]), "pipe": self.chance(0.6)},
                            mag=xs.mag))
        if x < 0.7:
            return self.p_minby(t, env, d, ex)
        if x < 0.8:
            xs = self.expr(lst(t), env, d, ex, src=True)
            fn = self.lam([t, t], t, env, d, ex, [xs, xs], acc_index=1)
            self.stage_ok(xs, fn)
            return finish(N("call", t, [xs, fn], {"f": "Enum.reduce", "pipe": self.chance(0.5)},
                            mag=xs.mag * (xs.n + 1)))
        e = self.elem_type()
        xs = self.expr(lst(e), env, d, ex, src=True)
        init = self.expr(t, env, d, ex)
        if init.mag > 1e6:
            init = self.leaf(t, {}, ex)
        self.init_ok(xs, init)
        fn = self.lam([e, t], t, env, d, ex, [xs, init], acc_index=1)
        self.stage_ok(xs, fn)
        n = finish(N("call", t, [xs, init, fn], {"f": "Enum.reduce", "pipe": self.chance(0.5)},
                     mag=init.mag + xs.n * 1000))
        if t == I and n.mag > INT_LIMIT:
            raise Fail
        return n

    # -- lists
    def p_range(self, t, env, d, ex):
        if t != lst(I):
            raise Fail
        if self.chance(0.12) and not self.in_helper and not self.in_lam:
            # big: exercises parallel chunks (grain 8192) and SIMD tails
            lo = mk_int(self.r.randint(-5, 5))
            hi = mk_int(self.r.randint(8000, 30000))
            n = finish(N("range", t, [lo, hi], mag=30000.0, n=30000))
            return n

        def bound():
            if self.chance(0.5):
                return mk_int(self.r.randint(-5, 25))
            b = self.expr(I, env, max(d - 1, 0), True)
            if "nested-leaf" in self.avoid and self.enumish(b):
                return mk_int(self.r.randint(-5, 25))
            if b.mag > 40:
                b = finish(N("call", I, [b, mk_int(self.r.randint(5, 30))], {"f": "rem"}, mag=30.0))
            return b
        lo, hi = bound(), bound()
        n = finish(N("range", t, [lo, hi], mag=max(lo.mag, hi.mag), n=int(lo.mag + hi.mag + 1)))
        return n

    def p_map(self, t, env, d, ex):
        e = elem_t(t)
        e2 = self.elem_type()
        xs = self.expr(lst(e2), env, d, ex, src=True)
        fn = self.lam([e2], e, env, d, ex, [xs])
        self.stage_ok(xs, fn)
        n = finish(N("call", t, [xs, fn], {"f": "Enum.map", "pipe": self.chance(0.6)}, n=xs.n))
        n.mag = getattr(fn, "bodymag", xs.mag)
        n.fl = xs.fl | ({"raise"} if self.may_raise(fn) else set())
        return n

    def p_filter(self, t, env, d, ex):
        xs = self.expr(t, env, d, ex, src=True)
        fn = self.lam([elem_t(t)], B, env, d, True, [xs])
        self.stage_ok(xs, fn)
        n = finish(N("call", t, [xs, fn], {"f": self.pick(["Enum.filter", "Enum.reject"]),
                                            "pipe": self.chance(0.6)}, mag=xs.mag, n=xs.n))
        n.fl = xs.fl | {"filt"} | ({"raise"} if self.may_raise(fn) else set())
        return n

    def p_takedrop(self, t, env, d, ex):
        f = self.pick(["Enum.take", "Enum.drop"])
        if self.chance(0.6):
            k = mk_int(self.r.randint(-4, 12))
        else:
            k = self.expr(I, env, d, True)
            if "nested-leaf" in self.avoid and self.enumish(k):
                k = mk_int(self.r.randint(-4, 12))
            if k.mag > 50:
                k = finish(N("call", I, [k, mk_int(self.r.randint(3, 15))], {"f": "rem"}, mag=15.0))
        simple_take = f == "Enum.take" and k.k == "int" and k.a >= 0
        if "indexed-simd" in self.avoid and not is_tup(elem_t(t)) and not simple_take:
            raise Fail
        xs = self.expr(t, env, d, ex, src="lazy")
        n = finish(N("call", t, [xs, k], {"f": f, "pipe": self.chance(0.6)}, mag=xs.mag, n=xs.n))
        n.fl = xs.fl
        return n

    def p_reverse(self, t, env, d, ex):
        if "indexed-simd" in self.avoid and not is_tup(elem_t(t)):
            raise Fail  # wrong for lists longer than the SIMD width (W = 2 with --cpu=x86-64-v2)
        xs = self.expr(t, env, d, ex, src="indexed")
        n = finish(N("call", t, [xs], {"f": "Enum.reverse", "pipe": self.chance(0.6)}, mag=xs.mag, n=xs.n))
        n.fl = xs.fl
        return n

    def p_to_list(self, t, env, d, ex):
        xs = self.expr(t, env, d, ex, src=True)
        n = finish(N("call", t, [xs], {"f": "Enum.to_list", "pipe": self.chance(0.6)}, mag=xs.mag, n=xs.n))
        n.fl = xs.fl
        return n

    def p_sort(self, t, env, d, ex):
        e = elem_t(t)
        if not (is_num(e) or e == B):
            raise Fail
        xs = self.expr(t, env, d, ex, src=True)
        args = [xs]
        if self.chance(0.5):
            args.append(N("atom", None, a=self.pick(["asc", "desc"])))
        n = finish(N("call", t, args, {"f": "Enum.sort", "pipe": self.chance(0.6)}, mag=xs.mag, n=xs.n))
        n.fl = xs.fl
        return n

    def p_scan(self, t, env, d, ex):
        e = elem_t(t)
        if not is_num(e) and not is_tup(e):
            raise Fail
        if self.chance(0.5) or not is_num(e):
            e2 = self.elem_type()
            xs = self.expr(lst(e2), env, d, ex, src=True)
            init = self.expr(e, env, d, ex)
            if init.mag > 1e6:
                init = self.leaf(e, {}, ex)
            self.init_ok(xs, init)
            fn = self.lam([e2, e], e, env, d, ex, [xs, init], acc_index=1)
            self.stage_ok(xs, fn)
            n = finish(N("call", t, [xs, init, fn], {"f": "Enum.scan", "pipe": self.chance(0.5)},
                         mag=init.mag + xs.n * 1000, n=xs.n))
        else:
            xs = self.expr(t, env, d, ex, src=True)
            fn = self.lam([e, e], e, env, d, ex, [xs, xs], acc_index=1)
            self.stage_ok(xs, fn)
            n = finish(N("call", t, [xs, fn], {"f": "Enum.scan", "pipe": self.chance(0.5)},
                         mag=xs.mag * (xs.n + 1), n=xs.n))
        n.fl = xs.fl | {"scan"} | ({"raise"} if self.may_raise(fn) else set())
        return n

    def p_flow(self, t, env, d, ex):
        e = elem_t(t)
        e2 = self.elem_type() if self.chance(0.6) else e
        xs = self.expr(lst(e2), env, d, ex, src=True)
        args = [xs]
        if self.chance(0.2):
            args.append(N("kw", None, a="max_demand: %d" % self.pick([1, 4, 100])))
        cur = finish(N("call", lst(e2), args, {"f": "Flow.from_enumerable", "pipe": True}, mag=xs.mag, n=xs.n))
        cur.fl = xs.fl
        steps = 0
        if e2 != e or self.chance(0.6):
            fn = self.lam([e2], e, env, d, ex, [xs])
            self.stage_ok(xs, fn)
            fl = cur.fl | ({"raise"} if self.may_raise(fn) else set())
            cur = finish(N("call", t, [cur, fn], {"f": "Flow.map", "pipe": True}, n=xs.n,
                           mag=getattr(fn, "bodymag", xs.mag)))
            cur.fl = fl
            steps += 1
        if steps == 0 or self.chance(0.5):
            fn = self.lam([e], B, env, d, True, [cur])
            self.stage_ok(cur, fn)
            fl = cur.fl | {"filt"} | ({"raise"} if self.may_raise(fn) else set())
            cur = finish(N("call", t, [cur, fn], {"f": self.pick(["Flow.filter", "Flow.reject"]), "pipe": True},
                           n=cur.n, mag=cur.mag))
            cur.fl = fl
        n = finish(N("call", t, [cur], {"f": "Enum.to_list", "pipe": True}, n=cur.n, mag=cur.mag))
        n.fl = cur.fl
        return n

    def p_zip(self, t, env, d, ex):
        e = elem_t(t)
        if not is_tup(e):
            raise Fail
        a, b = members(e)
        xs = self.expr(lst(a), env, d, ex, src="lazy")
        ys = self.expr(lst(b), env, d, ex, src="lazy")
        if "fused-error-order" in self.avoid and "raise" in xs.fl and "raise" in ys.fl:
            raise Fail
        n = finish(N("call", t, [xs, ys], {"f": "Enum.zip", "pipe": self.chance(0.4)},
                     n=min(xs.n, ys.n), mag=max(xs.mag, ys.mag)))
        n.fl = xs.fl | ys.fl
        return n

    def p_with_index(self, t, env, d, ex):
        e = elem_t(t)
        if not is_tup(e) or members(e)[1] != I:
            raise Fail
        xs = self.expr(lst(members(e)[0]), env, d, ex, src="indexed")
        args = [xs]
        if self.chance(0.4):
            args.append(mk_int(self.r.randint(-5, 10)) if self.chance(0.6) else self.leaf(I, env, True))
        n = finish(N("call", t, args, {"f": "Enum.with_index", "pipe": self.chance(0.5)}, n=xs.n,
                     mag=max(xs.mag, xs.n + 100)))
        n.fl = xs.fl
        return n

    def p_zip_with(self, t, env, d, ex):
        e = elem_t(t)
        ta, tb = self.elem_type(), self.elem_type()
        xs = self.expr(lst(ta), env, d, ex, src="lazy")
        ys = self.expr(lst(tb), env, d, ex, src="lazy")
        if "fused-error-order" in self.avoid and "raise" in xs.fl and "raise" in ys.fl:
            raise Fail
        fn = self.lam([ta, tb], e, env, d, ex, [xs, ys])
        self.stage_ok(xs, fn)
        self.stage_ok(ys, fn)
        n = finish(N("call", t, [xs, ys, fn], {"f": "Enum.zip_with", "pipe": self.chance(0.4)},
                     n=min(xs.n, ys.n)))
        n.mag = getattr(fn, "bodymag", 1000.0)
        n.fl = xs.fl | ys.fl | ({"raise"} if self.may_raise(fn) else set())
        return n

    # -- lambdas
    def lam(self, pts, rt, env, d, ex, srcs, acc_index=None):
        """fn with len(pts) parameters returning rt, closing over env. srcs:
        the nodes the parameters' values come from (taint, magnitude)."""
        d = min(d, 3)
        x = self.r.random()
        one = len(pts) == 1
        # &(expr with &1)
        ct = pts[0]
        cap_ok = one and ((is_num(ct) and (is_num(rt) or rt == B)) or (ct == B and rt == B))
        if cap_ok and srcs[0].taint and not (ct == F and rt == F):
            cap_ok = False
        if cap_ok and x < 0.12:
            cenv = {k: v for k, v in env.items()}
            cenv["&1"] = Var("&1", pts[0], srcs[0].taint, srcs[0].mag or 100.0, acc=srcs[0].acc)
            self.in_cap = True
            try:
                body = self.cap_body(rt, cenv, 2, ex)
            finally:
                self.in_cap = False
            n = finish(N("cap", "fn", [body]))
            n.bodymag = body.mag
            return n
        # &helper/1, &abs/1
        if one and x < 0.2:
            if pts[0] == rt and is_num(rt) and self.chance(0.4):
                n = N("capf", "fn", a="abs/1")
                n.bodymag = srcs[0].mag
                return n
            if self.in_helper < 2 and len(self.helpers) < 6 and not srcs[0].taint and not self.in_cap:
                name = self.helper(pts, rt, srcs)
                if ex and self.helper_taint[name]:
                    raise Fail
                n = N("capf", "fn", a=name + "/1")
                n.bodymag = 1e6 if rt == I else 0
                return n
        self.in_lam += 1
        try:
            return self.lam_fn(pts, rt, env, d, ex, srcs, acc_index)
        finally:
            self.in_lam -= 1

    def lam_fn(self, pts, rt, env, d, ex, srcs, acc_index):
        cls = []
        nclauses = 1 if self.chance(0.7) else self.r.randint(2, 3)
        bodymag = 0.0
        for ci in range(nclauses):
            cenv = dict(env)
            pats = []
            last = ci == nclauses - 1
            for pi, (pt, s) in enumerate(zip(pts, srcs)):
                if last and self.chance(0.85):
                    if is_tup(pt) and self.chance(0.5):
                        p = self.pattern(pt, cenv, allow_lit=False, svar=s)
                    else:
                        nm = self.fresh("acc" if pi == acc_index else "x")
                        cenv[nm] = Var(nm, pt, s.taint, s.mag if pi != acc_index else 1e6, 20,
                                       acc=(pi == acc_index) or s.acc)
                        p = N("pv", pt, a=nm)
                else:
                    p = self.pattern(pt, cenv, allow_lit=not last, svar=s, pins=list(env.values()))
                    if pi == acc_index:
                        for q in ([p] + p.c):
                            if q is not None and q.k == "pv":
                                cenv[q.a].acc = True
                                cenv[q.a].mag = 1e6
                pats.append(p)
            guard = self.guard(cenv) if (not last or self.chance(0.1)) and self.chance(0.7) else None
            body = self.block(rt, cenv, d, ex, nstmts=0 if self.chance(0.8) else 1)
            bodymag = max(bodymag, body.mag)
            cls.append(finish(N("pc", rt, [N("pats", None, pats), guard, body])))
        n = finish(N("fn", "fn", cls, a=0))
        n.bodymag = bodymag
        return n

    def cap_body(self, t, env, d, ex):
        """An operator/call expression over &1 (a capture body: no fns, no blocks)."""
        uses = [v for v in env.values() if v.name == "&1"]
        carg = N("carg", uses[0].t, a=1, taint=uses[0].taint, mag=uses[0].mag, acc=uses[0].acc)

        def sub(tt, dd):
            if tt == carg.t and self.chance(0.5):
                return carg
            if dd <= 0 or self.chance(0.4):
                vs = self.vars_of({k: v for k, v in env.items() if k != "&1"}, tt, ex)
                if vs and self.chance(0.5):
                    return self.var_node(self.pick(vs))
                return self.leaf(tt, {}, ex)
            return build(tt, dd - 1)

        def build(tt, dd):
            if tt == B:
                if carg.t == B and self.chance(0.3):
                    return finish(N("un", B, [carg], self.pick(["not", "!"])))
                ta = carg.t if is_num(carg.t) else I
                a = sub(ta, dd)
                b = sub(self.pick([I, F]) if is_num(ta) else ta, dd)
                if carg.taint:
                    a, b = (carg if not carg.taint else self.leaf(ta, {}, True)), self.leaf(ta, {}, True)
                return finish(N("bin", B, [a, b], self.pick(["<", ">", "==", "!=", ">=", "<="])))
            if tt == I:
                y = self.r.random()
                if y < 0.5:
                    a, b = sub(I, dd), sub(I, dd)
                    op = self.pick(["+", "-", "*"])
                    if op == "*" and (a.mag * b.mag > INT_LIMIT / 4 or a.acc or b.acc):
                        op = "+"
                    return finish(N("bin", I, [a, b], op, mag=a.mag * b.mag if op == "*" else a.mag + b.mag))
                if y < 0.8:
                    a, b = sub(I, dd), sub(I, dd)
                    if self.chance(0.5):
                        b = self.safe_divisor(b, I)
                    f = self.pick(["rem", "div"])
                    return finish(N("call", I, [a, b], {"f": f}, mag=a.mag))
                a = sub(I, dd)
                return finish(N("call", I, [a], {"f": "abs"}, mag=a.mag))
            # float
            y = self.r.random()
            if y < 0.6:
                a, b = sub(F, dd), sub(self.pick([I, F]), dd)
                op = self.pick(["+", "-", "*"])
                if op == "*" and a.mag * b.mag > FLOAT_LIMIT:
                    op = "+"
                return finish(N("bin", F, [a, b], op, mag=a.mag * b.mag if op == "*" else a.mag + b.mag))
            if y < 0.8:
                a = sub(self.pick([I, F]), dd)
                b = self.safe_divisor(self.leaf(F, {}, True), F)
                return finish(N("bin", F, [a, b], "/", mag=a.mag))
            a = sub(self.pick([I, F]), dd)
            if a.taint:
                return finish(N("bin", F, [a, mk_flt(2.0)], "*", mag=a.mag * 2))
            return finish(N("call", F, [a], {"f": ":math.sin"}, mag=1.0))

        for _ in range(10):
            n = build(t, d)
            if any(x.k == "carg" for x in n.walk()):
                return n
        if t == B and carg.t == B:
            return finish(N("un", B, [carg], "not"))
        if t == carg.t:
            return finish(N("bin", t, [carg, mk_int(0) if t == I else mk_flt(0.0)], "+", mag=carg.mag))
        if t == F and carg.t == I:
            return finish(N("bin", F, [carg, mk_flt(0.5)], "*", mag=carg.mag))
        if t == I and carg.t == F:
            return finish(N("call", I, [finish(N("bin", F, [carg, mk_int(1)], "*", mag=carg.mag))],
                            {"f": "round"}, mag=carg.mag))
        if t == B:
            return finish(N("bin", B, [carg, carg], "=="))
        return finish(N("bin", I, [mk_int(1), mk_int(1)], "+"))

    # -- helpers and loops
    def helper(self, pts, rt, srcs=None):
        """Creates a private helper taking pts and returning rt; its name."""
        name = "h%d" % (len(self.helpers) + 1)
        self.helpers.append(None)  # reserve the slot and name
        self.in_helper += 1
        saved_budget = self.budget
        self.budget = 40
        try:
            clauses = []
            nclauses = 1 if self.chance(0.55) else self.r.randint(2, 3)
            for ci in range(nclauses):
                last = ci == nclauses - 1
                env = {}
                pats = []
                for j, pt in enumerate(pts):
                    if last and self.chance(0.8):
                        nm = "a%d" % (j + 1)
                        env[nm] = Var(nm, pt, False, 1000.0, 20)
                        pats.append(N("pv", pt, a=nm))
                    else:
                        pats.append(self.pattern(pt, env, allow_lit=not last))
                guard = self.guard(env) if (not last or self.chance(0.15)) and self.chance(0.6) else None
                body = self.block(rt, env, 3, False)
                clauses.append(finish(N("pc", rt, [N("pats", None, pats), guard, body])))
            d = N("def", None, clauses, {"name": name, "priv": True, "short": self.chance(0.7)})
            if self.chance(0.2):
                d.a["spec"] = [list(pts), rt]
        finally:
            self.in_helper -= 1
            self.budget = saved_budget
        self.helpers[int(name[1:]) - 1] = d
        self.helper_sigs.append((name, list(pts), rt))
        self.helper_taint[name] = any(cl.c[2].taint for cl in clauses)
        self.helper_fl[name] = frozenset().union(*[cl.c[2].fl for cl in clauses])
        self.helper_enum[name] = self.has_enum(d)
        self.helper_raise[name] = self.may_raise(d) or not all_catch_all(clauses[-1])
        return name

    def p_helper(self, t, env, d, ex):
        if self.in_helper >= 2 or len(self.helpers) >= 6 or self.in_cap:
            raise Fail
        reuse = [s for s in self.helper_sigs if s[2] == t and not (ex and self.helper_taint[s[0]])]
        if reuse and self.chance(0.4):
            name, pts, _ = self.pick(reuse)
        else:
            pts = [self.wpick([(4, I), (3, F), (1, B), (2, lst(I)), (1, lst(F)), (1, self.tuple_t())])
                   for _ in range(self.r.randint(1, 3))]
            name = self.helper(pts, t)
            if ex and self.helper_taint[name]:
                raise Fail
        args = [self.expr(pt, env, min(d, 2), True, src="arg") for pt in pts]
        pipe = self.chance(0.25)
        n = finish(N("call", t, args, {"f": name, "pipe": pipe}, mag=1e6 if t in (I, F) else 1000.0,
                     n=40 if is_list(t) else 0))
        n.taint = self.helper_taint[name]
        n.fl = self.helper_fl[name]
        return n

    def p_loop(self, t, env, d, ex):
        """A tail-recursive loop with an accumulator, or plain recursion."""
        if self.in_helper >= 2 or len(self.helpers) >= 6 or not is_num(t) or self.in_cap:
            raise Fail
        name = "loop%d" % (len(self.helpers) + 1)
        self.helpers.append(None)
        self.in_helper += 1
        saved_budget = self.budget
        self.budget = 30
        try:
            extra_t = self.wpick([(3, None), (2, I), (1, F), (1, lst(I))])
            style = self.wpick([(3, "tail"), (1, "tail_rec_first"), (1, "rec")])
            has_acc = style != "rec"
            env2 = {"n": Var("n", I, False, 16.0)}
            if has_acc:
                env2["acc"] = Var("acc", t, False, 1e6, acc=True)
            if extra_t:
                env2["y"] = Var("y", extra_t, False, 1000.0, 20)
            step = self.block(t, env2, 2, False, nstmts=0 if self.chance(0.7) else 1, rebind=False)
            n_var = N("var", I, a="n")

            def params(first, y_used):
                ps = [first]
                if has_acc:
                    ps.append(N("pv", t, a="acc"))
                if extra_t:
                    ps.append(N("pv", extra_t, a="y") if y_used else N("pw", extra_t, a="_y"))
                return N("pats", None, ps)
            rec_args = [finish(N("bin", I, [n_var, mk_int(1)], "-"))]
            if has_acc:
                rec_args.append(step)
            if extra_t:
                rec_args.append(N("var", extra_t, a="y"))
            rec_call = finish(N("call", t, rec_args, {"f": name}))
            if has_acc:
                body, base_val = rec_call, N("var", t, a="acc")
            else:
                body = finish(N("bin", t, [step, rec_call], self.pick(["+", "-"])))
                base_val = self.leaf(t, {}, False)
            if style == "tail_rec_first":
                rec_cl = N("pc", t, [params(N("pv", I, a="n"), True), N("bin", B, [n_var, mk_int(0)], ">"),
                                     N("block", t, [body])])
                base_cl = N("pc", t, [params(N("pw", I, a="_n"), False), None, N("block", t, [base_val])])
                clauses = [rec_cl, base_cl]
            else:
                if self.chance(0.5):
                    base_cl = N("pc", t, [params(N("pl", I, [mk_int(0)]), False), None, N("block", t, [base_val])])
                else:
                    base_cl = N("pc", t, [params(N("pv", I, a="n"), False), N("bin", B, [n_var, mk_int(0)], "<="),
                                          N("block", t, [base_val])])
                rec_cl = N("pc", t, [params(N("pv", I, a="n"), True), None, N("block", t, [body])])
                clauses = [base_cl, rec_cl]
            dn = N("def", None, clauses, {"name": name, "priv": True, "short": True})
            if self.chance(0.3):
                dn.a["spec"] = [[I] + ([t] if has_acc else []) + ([extra_t] if extra_t else []), t]
        finally:
            self.in_helper -= 1
            self.budget = saved_budget
        self.helpers[int(name[4:]) - 1] = dn
        self.helper_taint[name] = step.taint
        self.helper_fl[name] = frozenset()
        self.helper_enum[name] = self.has_enum(dn)
        self.helper_raise[name] = self.may_raise(dn)
        if ex and step.taint:
            raise Fail
        # n: a small non-negative count
        x = self.r.random()
        if x < 0.4:
            cnt = mk_int(self.r.randint(0, 12))
        elif x < 0.8:
            v = self.expr(I, env, min(d, 2), True)
            cnt = finish(N("call", I, [finish(N("call", I, [v], {"f": "abs"})), mk_int(self.r.randint(5, 15))],
                           {"f": "rem"}))
        else:
            xs = self.expr(self.pick([lst(I), lst(F)]), env, min(d, 2), True, src=True)
            if xs.n > 40:
                raise Fail
            cnt = finish(N("call", I, [xs], {"f": "Enum.count"}))
        args = [cnt]
        if has_acc:
            init = self.expr(t, env, min(d, 2), True)
            if init.mag > 1e6:
                init = self.leaf(t, {}, True)
            args.append(init)
        if extra_t:
            args.append(self.expr(extra_t, env, min(d, 2), True, src="arg"))
        n = finish(N("call", t, args, {"f": name}, mag=1e7))
        n.taint = step.taint
        return n

    # -- entries and the program
    def entry(self, idx):
        nparams = self.wpick([(3, 1), (3, 2), (1, 3)])
        pts = [self.wpick([(5, I), (3, F), (1, B), (4, lst(I)), (3, lst(F)), (0.5, lst(B)), (1, self.tuple_t())])
               for _ in range(nparams)]
        rt = self.wpick([(6, I), (4, F), (2, B), (3, lst(I)), (3, lst(F)), (0.5, lst(B)), (2, self.tuple_t()),
                         (1, lst(tup(I, I))), (1, lst(tup(I, F)))])
        name = "e%d" % idx
        if self.chance(0.05):
            name += "?" if rt == B else "!"
        clauses = []
        nclauses = 1 if self.chance(0.8) else 2
        for ci in range(nclauses):
            last = ci == nclauses - 1
            env = {}
            pats = []
            for j, pt in enumerate(pts):
                if last or self.chance(0.5):
                    nm = "a%d" % (j + 1)
                    mag = 1000.0 if pt == I else 100.0
                    env[nm] = Var(nm, pt, False, mag, 40)
                    pats.append(N("pv", pt, a=nm))
                else:
                    pats.append(self.pattern(pt, env, allow_lit=True))
            guard = self.guard(env) if not last and self.chance(0.6) else None
            self.budget = 60
            body = self.block(rt, env, self.r.randint(2, 4), False, nstmts=self.wpick([(1, 0), (3, 1), (3, 2),
                                                                                         (1, 3)]))
            clauses.append(finish(N("pc", rt, [N("pats", None, pats), guard, body])))
        d = N("def", None, clauses, {"name": name, "priv": False, "spec": [pts, rt], "short": self.chance(0.5)})
        return d, name, pts, rt

    def program(self):
        entries = {}
        defs = []
        calls = []
        for i in range(self.wpick([(2, 1), (3, 2), (2, 3)])):
            d, name, pts, rt = self.entry(i + 1)
            defs.append(d)
            entries[name] = (pts, rt)
            for _ in range(self.opts.get("calls", 3)):
                calls.append((name, [self.value(t, big=True) for t in pts]))
        helpers = [h for h in self.helpers if h is not None]
        if self.chance(0.5):
            defs = helpers + defs
        else:
            defs = defs + helpers
        mod = N("mod", None, defs, {"name": self.name, "bitwise": self.bitwise, "attrs": self.attrs,
                                    "paren_neg_attrs": "attr-neg" in self.avoid})
        if helpers and self.chance(0.25):
            mod.a["lib"] = self.name + "Lib"
            mod.a["lib_first"] = self.chance(0.5)
        return Program(mod, entries, calls, self.seed, self.index)


def generate(seed, index, opts=None):
    """Program `index` of `seed`. opts: {"avoid": set of names} (default AVOID_DEFAULT)."""
    return Gen(seed, index, opts).program()


def avoid_set(allow=(), avoid=()):
    """AVOID_DEFAULT plus `avoid`, minus `allow` ("all" in either: every name)."""
    allow, avoid = set(allow or []), set(avoid or [])
    unknown = (allow | avoid) - set(AVOID_NAMES) - {"all"}
    if unknown:
        raise SystemExit("unknown feature name(s): %s; known:\n%s" % (
            ", ".join(sorted(unknown)), "\n".join("  %-20s %s" % kv for kv in sorted(AVOID_NAMES.items()))))
    out = set(AVOID_DEFAULT) | (set(AVOID_NAMES) if "all" in avoid else avoid)
    return set() if "all" in allow else out - allow


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--index", type=int, default=0)
    ap.add_argument("--count", type=int, default=1)
    ap.add_argument("-o", "--out", help="write p<I>.hx files into this directory")
    ap.add_argument("--json", action="store_true", help="print the program as JSON")
    ap.add_argument("--allow", action="append", default=[], metavar="NAME",
                    help="generate a feature of the default avoid-list (repeatable; 'all' for every one)")
    ap.add_argument("--avoid", action="append", default=[], metavar="NAME",
                    help="leave a feature out (repeatable; 'all' for every name in AVOID_NAMES)")
    args = ap.parse_args()
    opts = {"avoid": avoid_set(args.allow, args.avoid)}
    for i in range(args.index, args.index + args.count):
        p = generate(args.seed, i, opts)
        text = json.dumps(p.to_json()) + "\n" if args.json else render(p)
        if args.out:
            os.makedirs(args.out, exist_ok=True)
            with open(os.path.join(args.out, "p%d.hx" % i), "w") as f:
                f.write(text)
        else:
            sys.stdout.write(text)


if __name__ == "__main__":
    main()
