#!/usr/bin/env python3
"""Shrinks a failing fuzz program and writes it as a lit regression test.

    minimize.py --hastec PATH (FAILDIR/p<i>.json | --seed S --index I)
                [--target cpu|opencl] [--call K] [--name NAME] [--out DIR] [--no-xfail] [-j 2]

The program comes from run.py --keep-failures (p<i>.json) or is regenerated
from its seed and index. Its first failure is its signature: a hastec crash
or rejection at build time, or a call whose results differ (value against
value, raise against value, two exception kinds, a run-time crash). The
minimiser then repeatedly tries smaller programs and keeps any that still
fails with the same signature while Elixir still compiles it:

  drop other calls and entries, drop helpers, clauses, statements, guards,
  case/cond/fn clauses; replace an expression by a same-typed child or by a
  literal; drop list elements and simplify numbers in the call's arguments
  and in literals; drop module attributes and `import Bitwise`.

Then it writes test/lit/regress/NAME.hx (default: fuzz_s<S>_p<I>.hx):

    # RUN: %hastec run %s --check-overflow -e 'Mod.f(args)' 2>&1 | FileCheck %s
    # XFAIL: *
    ... the program ...
    # CHECK: {{^}}<what Elixir prints>{{$}}

`# XFAIL: *` stays until hastec is fixed (lit then reports XPASS: drop the
line). --check-overflow is kept only when the failure needs it. The test
is finally run through lit to confirm that it fails today.

--target opencl shrinks a failure of `hastec build --target=opencl` (the
default when run.py's p<i>.json says the program failed on OpenCL only) and
writes `--target=opencl` into the RUN line. When the CPU target does not fail
the program that way, no smaller candidate may either (--no-cpu-check turns
this off), so shrinking cannot drift into a CPU bug with the same signature. A call whose
kernel the device would not build or launch (the CPU then gave the answer) is
a failure of its own signature.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402
import run  # noqa: E402
from gen import N, I, F, B, is_list, is_tup, elem_t, members  # noqa: E402

REPO = os.path.dirname(os.path.dirname(HERE))
LIT = "/usr/lib/llvm-15/build/utils/lit/lit.py"
LLVM_BIN = "/usr/lib/llvm-15/bin"

EXPR_KINDS = {"int", "flt", "bool", "var", "attr", "list", "tup", "bin", "un", "call", "elem", "range", "if",
              "cond", "case", "block", "carg"}


norm_msg = run.norm_msg


class Tester(object):
    def __init__(self, opts):
        self.opts = opts
        self.hastec = os.path.abspath(opts.hastec)
        self.hxrun = os.path.join(os.path.dirname(self.hastec), "hx-run")
        self.work = tempfile.mkdtemp(prefix="hxmin-")
        self.servers = [run.ElixirServer(opts.elixir, os.path.join(self.work, "elixir%d.log" % k))
                        for k in range(max(1, opts.j))]
        self.free = list(self.servers)
        self.lock = threading.Lock()
        self.cache = {}
        self.n = 0
        self.extra = (["--target=opencl"] if opts.target == "opencl" else []) + list(opts.hastec_flag)
        self.flags = ["--check-overflow"] + self.extra
        self.env = dict(os.environ)
        if opts.target == "opencl":
            self.env["HX_CL_DEBUG"] = "1"  # run.run_hastec reads launches and device failures from it
            self.env.setdefault("POCL_CACHE_DIR", os.path.join(self.work, "pocl-cache"))
            self.env.setdefault("HX_CACHE_DIR", os.path.join(self.work, "hx-cache"))
        self.ropts = argparse.Namespace(float_rel_tol=opts.float_rel_tol, raise_match="kind", rejects_fail=True,
                                       signed_zero=True)

    def close(self):
        for s in self.servers:
            s.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    def signatures(self, prog, flags=None):
        """The failure signatures of prog: a list of (sig, call index or None, elixir, hastec).
        flags: hastec's build flags (default self.flags)."""
        flags = self.flags if flags is None else flags
        try:
            src = gen.render(prog)
        except Exception:
            return None
        key = src + "\n" + " ".join(flags)
        with self.lock:
            if key in self.cache:
                return self.cache[key]
            self.n += 1
            k = self.n
            server = self.free.pop()
        try:
            d = os.path.join(self.work, "c%d" % k)
            os.makedirs(d)
            path = os.path.join(d, "%s.hx" % prog.name.lower())
            with open(path, "w") as f:
                f.write(src)
            calls = [prog.elixir_call(c) for c in prog.calls]
            # Elixir's side without the Erlang compiler's boolean/SSA passes,
            # so that shrinking cannot drift into an Erlang compiler bug
            eres = run.elixir_unoptimised(server, prog, path)
            if eres[0] != "ok":
                res = None  # Elixir must accept every candidate
            else:
                st = {}
                hres = run.run_hastec(self.hastec, self.hxrun, path, d, prog, flags, 60, self.env, st)
                res = []
                if hres[0] in ("crash", "reject"):
                    res.append(((hres[0], norm_msg(hres[1])), None, "", hres[1]))
                elif hres[0] == "ok":
                    for ci, (e, h) in enumerate(zip(eres[1], hres[1])):
                        v, note = run.compare(e, h, self.ropts)
                        if v == "mismatch":
                            res.append((("call", call_category(e, h)), ci, e, h))
                        elif v in ("same", "tolerated") and ci < len(st["cl_trouble"]) and st["cl_trouble"][ci]:
                            # the right answer, from the CPU: the device failed hastec's kernel
                            tr = st["cl_trouble"][ci][0]
                            res.append((("device", norm_msg(tr)), ci, e, h + " (" + tr + ")"))
            shutil.rmtree(d, ignore_errors=True)
        finally:
            with self.lock:
                self.free.append(server)
        with self.lock:
            self.cache[key] = res
        return res


def call_category(e, h):
    return run.call_category(e, h)


# ---- tree surgery ------------------------------------------------------------

def node_at(prog, path):
    n = prog.module
    for i in path:
        n = n.c[i]
    return n


def paths(n, path=()):
    yield path, n
    for i, c in enumerate(n.c):
        if c is not None:
            for x in paths(c, path + (i,)):
                yield x


def literal_for(t):
    if t == I:
        return gen.mk_int(0)
    if t == F:
        return gen.mk_flt(1.0)
    if t == B:
        return gen.mk_bool(True)
    if is_list(t):
        return N("list", t, [literal_for(elem_t(t))])
    if is_tup(t):
        return N("tup", t, [literal_for(m) for m in members(t)])
    return None


def with_replaced(prog, path, new):
    p = prog.copy()
    parent = node_at(p, path[:-1])
    parent.c[path[-1]] = new
    return p


def candidates(prog, sig_call):
    """Smaller variants of prog, roughly biggest cuts first (a generator)."""
    mod = prog.module
    # 1. one call, one entry
    if len(prog.calls) > 1:
        p = prog.copy()
        p.calls = [p.calls[sig_call or 0]]
        yield p, 0
    called = set(f for f, _ in prog.calls)
    for i, d in enumerate(mod.c):
        if not d.a.get("priv") and d.a["name"] not in called:
            p = prog.copy()
            del p.module.c[i]
            del p.entries[d.a["name"]]
            yield p, None
    # a build failure: call another entry instead, dropping the called one
    if sig_call is None and prog.calls:
        cur = prog.calls[0][0]
        for i, d in enumerate(mod.c):
            if not d.a.get("priv") and d.a["name"] != cur:
                p = prog.copy()
                name = d.a["name"]
                p.calls = [(name, [simplest_value(t) for t in p.entries[name][0]])]
                for j in reversed(range(len(p.module.c))):
                    dj = p.module.c[j]
                    if not dj.a.get("priv") and dj.a["name"] != name:
                        del p.entries[dj.a["name"]]
                        del p.module.c[j]
                yield p, None
    # unused parameters of entries (Elixir rejects the candidate if it was used)
    for i, d in enumerate(mod.c):
        if not d.a.get("priv") and len(d.c) == 1:
            for k in range(len(d.c[0].c[0].c)):
                p = prog.copy()
                dd = p.module.c[i]
                name = dd.a["name"]
                del dd.c[0].c[0].c[k]
                del dd.a["spec"][0][k]
                ts = list(p.entries[name][0])
                del ts[k]
                p.entries[name] = (ts, p.entries[name][1])
                p.calls = [(f, [v for j, v in enumerate(vals) if j != k] if f == name else vals)
                           for f, vals in p.calls]
                yield p, None
    # 2. whole helpers
    for i, d in enumerate(mod.c):
        if d.a.get("priv"):
            p = prog.copy()
            del p.module.c[i]
            yield p, None
    # 3. clauses of functions
    for i, d in enumerate(mod.c):
        if len(d.c) > 1:
            for j in range(len(d.c)):
                p = prog.copy()
                del p.module.c[i].c[j]
                yield p, None
    # 4. top-down: statements, clauses, guards, subexpressions
    for path, n in list(paths(mod)):
        if n.k == "block" and len(n.c) > 1:
            for j in range(len(n.c) - 1):
                p = prog.copy()
                del node_at(p, path).c[j]
                yield p, None
        if n.k in ("case", "cond", "fn"):
            first = 1 if n.k == "case" else 0
            if len(n.c) - first > 1:
                for j in range(first, len(n.c)):
                    p = prog.copy()
                    del node_at(p, path).c[j]
                    yield p, None
        if n.k == "pc" and n.c[1] is not None:
            p = prog.copy()
            node_at(p, path).c[1] = None
            yield p, None
        if n.k in EXPR_KINDS and n.t and n.t != "fn" and path and n.k not in ("int", "flt", "bool"):
            parent = node_at(prog, path[:-1])
            if parent.k == "pl" or (n.k == "block" and parent.k in ("if", "pc", "cc")):
                continue
            # a same-typed descendant (child, or the value of a one-expression block)
            for c in n.c:
                if c is None:
                    continue
                cand = c
                if c.k == "block":
                    cand = c.c[-1]
                if cand.t == n.t and cand.k != "carg":
                    yield with_replaced(prog, path, cand.copy()), None
            lit = literal_for(n.t)
            if lit is not None and not (n.k == "list" and len(n.c) == 1):
                yield with_replaced(prog, path, lit), None
        if n.k == "list" and len(n.c) > 1:
            for j in range(len(n.c)):
                p = prog.copy()
                del node_at(p, path).c[j]
                yield p, None
    # 5. the call's arguments
    for ci, (f, vals) in enumerate(prog.calls):
        ts = prog.entries[f][0]
        for ai, (t, v) in enumerate(zip(ts, vals)):
            for nv in simpler_values(t, v):
                p = prog.copy()
                p.calls[ci][1][ai] = nv
                yield p, None
    # 6. literals in the code
    for path, n in list(paths(mod)):
        if n.k == "int":
            v = n.a["v"] if isinstance(n.a, dict) else n.a
            for nv in simpler_ints(v):
                yield with_replaced(prog, path, gen.mk_int(nv)), None
        if n.k == "flt":
            for nv in simpler_floats(n.a):
                yield with_replaced(prog, path, gen.mk_flt(nv)), None
    # 7. module attributes, import Bitwise
    for j in range(len(mod.a.get("attrs", []))):
        p = prog.copy()
        del p.module.a["attrs"][j]
        yield p, None
    if mod.a.get("bitwise"):
        p = prog.copy()
        p.module.a["bitwise"] = False
        yield p, None


def simplest_value(t):
    if t == I:
        return 0
    if t == F:
        return 0.0
    if t == B:
        return True
    if is_list(t):
        return []
    return [simplest_value(m) for m in members(t)]


def simpler_ints(v):
    out = []
    for x in (0, 1, -1, v // 2 if v > 0 else -((-v) // 2), v - 1 if v > 0 else v + 1):
        if abs(x) < abs(v) or (abs(x) == abs(v) and x > v):
            if x not in out and x != v:
                out.append(x)
    return out


def simpler_floats(v):
    out = []
    for x in (0.0, 1.0, -1.0, float(round(v)), float(int(v * 2)) / 2):
        if x != v and x not in out and (abs(x) < abs(v) or len(repr(x)) < len(repr(v))):
            out.append(x)
    return out


def simpler_values(t, v):
    if t == I:
        return simpler_ints(v)
    if t == F:
        return simpler_floats(v)
    if t == B:
        return [False] if v else []
    if is_list(t):
        out = []
        n = len(v)
        if n > 1:
            out.append(v[:n // 2])
            out.append(v[n // 2:])
        for j in range(n):
            out.append(v[:j] + v[j + 1:])
        for j in range(n):
            for x in simpler_values(elem_t(t), v[j])[:2]:
                out.append(v[:j] + [x] + v[j + 1:])
        return out
    out = []
    ms = members(t)
    for j in range(len(v)):
        for x in simpler_values(ms[j], v[j])[:2]:
            out.append(v[:j] + [x] + v[j + 1:])
    return out


def size(prog):
    """Smaller is simpler: the text's length, then the magnitude of its numbers."""
    src = gen.render(prog)
    weight = sum(min(abs(float(x)), 1e6) for x in re.findall(r"\d+(?:\.\d+)?", src))
    return (len(src), weight)


def cpu_flags(flags):
    return [f for f in flags if f != "--target=opencl"]


def minimize(prog, tester, sig, sig_call, log, cpu_check=False):
    """cpu_check: a candidate counts only if the CPU target does not fail it with sig."""
    best = prog
    improved = True
    rounds = 0
    while improved:
        improved = False
        rounds += 1
        it = candidates(best, sig_call)
        with ThreadPoolExecutor(max_workers=max(1, tester.opts.j)) as ex:
            while True:
                batch = []
                for c in it:
                    batch.append(c)
                    if len(batch) >= max(1, tester.opts.j):
                        break
                if not batch:
                    break
                results = list(ex.map(lambda c: tester.signatures(c[0]), batch))
                for (cand, new_call), res in zip(batch, results):
                    if res is None:
                        continue
                    hit = [r for r in res if r[0] == sig]
                    if hit and cpu_check and size(cand) < size(best):
                        cres = tester.signatures(cand, cpu_flags(tester.flags))
                        if cres is None or any(r[0] == sig for r in cres):
                            hit = []
                    if hit and size(cand) < size(best):
                        best = cand
                        sig_call = hit[0][1]
                        improved = True
                        log("  %d chars (%d candidates tried)" % (size(best)[0], tester.n))
                        break
                if improved:
                    break
    return best, sig_call


# ---- the lit test ----------------------------------------------------------------

def filecheck_escape(s):
    """Text FileCheck matches literally ({{ and [[ start its patterns)."""
    out = []
    i = 0
    while i < len(s):
        if s.startswith("{{", i):
            out.append("{{[{][{]}}")
            i += 2
        elif s.startswith("[[", i):
            out.append("{{[[][[]}}")
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def rename(prog, name):
    p = prog.copy()
    p.module.a["name"] = name
    if p.module.a.get("lib"):
        p.module.a["lib"] = name + "Lib"
    return p


def write_test(prog, sig, eres, hres, needs_overflow_flag, path, xfail, origin, extra=(), note=None):
    call = prog.elixir_call(prog.calls[0])
    flag = "".join(" " + f for f in (["--check-overflow"] if needs_overflow_flag else []) + list(extra))
    lines = []
    expect_raise = eres.startswith("!")
    notp = "not " if expect_raise else ""
    lines.append("# RUN: %s%%hastec run %%s%s -e '%s' 2>&1 | FileCheck %%s" % (notp, flag, call))
    if xfail:
        lines.append("# XFAIL: *")
    lines.append("# Found by the differential fuzzer (%s), shrunk by test/fuzz/minimize.py." % origin)
    lines.append("# Elixir: %s" % (eres[1:] if eres else "?"))
    hshow = hres[1:] if hres[:1] in ("=", "!") else hres
    lines.append("# hastec: %s" % hshow.replace("\n", " | ")[:300])
    if note:
        lines.append("# " + note)
    lines.append("")
    src = gen.Renderer().module(prog.module)
    lines.append(src.rstrip("\n"))
    lines.append("")
    if expect_raise:
        lines.append("# CHECK: {{^}}%s" % filecheck_escape("** (%s)" % run.kind_of(eres)))
    else:
        lines.append("# CHECK: {{^}}%s{{$}}" % filecheck_escape(eres[1:]))
    lines.append("# CHECK-NOT: error")
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")


def run_lit(test_path, hastec):
    env = dict(os.environ)
    env["PATH"] = LLVM_BIN + os.pathsep + env.get("PATH", "")
    p = subprocess.run([sys.executable, LIT, "-v", test_path, "--param", "hastec=" + hastec,
                        "--param", "exec_root=" + tempfile.mkdtemp(prefix="hxmin-lit-")],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    return p.stdout.decode("utf-8", "replace")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Shrink a failing fuzz program into a lit regression test.")
    ap.add_argument("--hastec", required=True)
    ap.add_argument("json", nargs="?", help="p<i>.json written by run.py --keep-failures")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--index", type=int)
    ap.add_argument("--allow", action="append", default=[], metavar="NAME",
                    help="with --seed/--index: the run's --allow names, to regenerate the same program")
    ap.add_argument("--avoid", action="append", default=[], metavar="NAME", help="likewise for --avoid")
    ap.add_argument("--call", type=int, help="which failing call to keep (default: the first)")
    ap.add_argument("--name", help="test name (default fuzz_s<seed>_p<index>)")
    ap.add_argument("--module", help="module name in the test (default from the name)")
    ap.add_argument("--out", default=os.path.join(REPO, "test", "lit", "regress"))
    ap.add_argument("--no-xfail", action="store_true", help="do not mark the test XFAIL")
    ap.add_argument("--no-lit", action="store_true", help="do not run the finished test through lit")
    ap.add_argument("--elixir", default="elixir")
    ap.add_argument("--float-rel-tol", type=float, default=1e-9)
    ap.add_argument("--target", choices=["cpu", "opencl"],
                    help="the target to shrink on (default: opencl when p<i>.json says the program failed on "
                         "OpenCL only, else cpu); opencl puts --target=opencl in the RUN line")
    ap.add_argument("--no-cpu-check", dest="cpu_check", action="store_false",
                    help="with --target opencl: do not require candidates to pass on the CPU target")
    ap.add_argument("--hastec-flag", action="append", default=[],
                    help="extra flag for hastec (repeatable), e.g. --hastec-flag=--cpu=x86-64-v2; kept in the RUN line")
    ap.add_argument("-j", type=int, default=2)
    ap.add_argument("-q", "--quiet", action="store_true")
    opts = ap.parse_args(argv)

    failed_on = None
    if opts.json:
        with open(opts.json) as f:
            d = json.load(f)
        failed_on = d.get("failed_on")
        prog = gen.Program.from_json(d)
    elif opts.seed is not None and opts.index is not None:
        prog = gen.generate(opts.seed, opts.index, {"avoid": gen.avoid_set(opts.allow, opts.avoid)})
    else:
        ap.error("give p<i>.json or --seed and --index")
    name = opts.name or "fuzz_s%s_p%s" % (prog.seed, prog.index)
    modname = opts.module or "".join(w.capitalize() for w in re.split(r"[^A-Za-z0-9]+", name) if w)
    if not modname[:1].isalpha():
        modname = "Fuzz" + modname
    log = (lambda s: None) if opts.quiet else (lambda s: print(s, flush=True))
    if opts.target is None:
        opts.target = "opencl" if failed_on == ["opencl"] else "cpu"
        if failed_on:
            log("target: %s (run.py: failed on %s)" % (opts.target, ", ".join(failed_on)))

    tester = Tester(opts)
    try:
        prog = rename(prog, modname)
        res = tester.signatures(prog)
        if res is None:
            print("minimize: Elixir does not compile the program (a generator bug)")
            return 2
        if not res:
            print("minimize: the program does not fail")
            return 2
        pick = res[0]
        if opts.call is not None:
            pick = [r for r in res if r[1] == opts.call][0]
        sig, sig_call = pick[0], pick[1]
        log("signature: %s; %d chars" % (sig, size(prog)[0]))
        cpu_check = False
        if opts.target == "opencl" and opts.cpu_check:
            cres = tester.signatures(prog, cpu_flags(tester.flags))
            cpu_check = cres is not None and not any(r[0] == sig for r in cres)
            log("the CPU target %s: %s" % (
                "does not fail it that way" if cpu_check else "fails it too",
                "no candidate may fail there that way" if cpu_check else "an ordinary CPU bug? try --target cpu"))
        best, sig_call = minimize(prog, tester, sig, sig_call, log, cpu_check)
        if sig_call is not None:
            best.calls = [best.calls[sig_call]]
            sig_call = 0
        elif best.calls:
            best.calls = best.calls[:1]
        # is --check-overflow needed?
        tester.flags = list(tester.extra)
        res_plain = tester.signatures(best)
        needs_flag = not (res_plain and any(r[0] == sig for r in res_plain))
        tester.flags = ["--check-overflow"] + tester.extra
        res = tester.signatures(best)
        hit = [r for r in res if r[0] == sig][0]
        eres, hres = hit[2], hit[3]
        if hit[1] is None:
            # a build failure: what Elixir prints for the call
            s = tester.servers[0]
            d = tempfile.mkdtemp(prefix="hxmin-e-")
            p = os.path.join(d, "m.hx")
            with open(p, "w") as f:
                f.write(gen.render(best))
            e = s.request(p, [best.elixir_call(best.calls[0])], 120)
            eres = e[1][0] if e[0] == "ok" else "=?"
            shutil.rmtree(d, ignore_errors=True)
        os.makedirs(opts.out, exist_ok=True)
        path = os.path.join(opts.out, name + ".hx")
        origin = "run.py --seed %s, program %s" % (prog.seed, prog.index)
        note = None
        if opts.target == "opencl":
            note = ("Runs its loops as OpenCL kernels (needs a device: PoCL in CI); the CPU target %s." %
                    ("does not fail this way" if cpu_check else "fails too"))
        write_test(best, sig, eres, hres, needs_flag, path, not opts.no_xfail, origin, tester.extra, note)
        print("wrote %s (%d chars, %d candidates tried)" % (path, size(best)[0], tester.n))
        if not opts.no_lit and os.path.exists(LIT):
            out = run_lit(path, tester.hastec)
            status = [l for l in out.splitlines() if re.match(r"^(PASS|FAIL|XFAIL|XPASS|UNRESOLVED):", l)]
            print("lit: " + (status[0] if status else out[-500:]))
        return 0
    finally:
        tester.close()


if __name__ == "__main__":
    sys.exit(main())
