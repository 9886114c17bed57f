#!/usr/bin/env python3
"""Differential fuzzing: random programs (gen.py) under real Elixir and hastec.

    run.py --hastec PATH -n N --seed S [-j 2] [--keep-failures DIR] [options]

Program i of seed S is generated (reproducibly: `gen.py --seed S --index i`),
compiled by Elixir (one long-lived VM, elixir_server.exs) and by
`hastec build --check-overflow`, and every call is run on both sides. hastec's
calls run in one `hx-run --separator` process per program (one process start
instead of one per call; docs/cli.md); when that batch crashes, times out,
prints what does not parse, or reports device trouble (which judge() needs
per call), the program's calls run again one hx-run each, as with --no-batch,
so the results are those of single runs. The printed results must agree.

Comparison (each relaxation is an explicit option; the final report says how
often each was needed):
  * exact text first;
  * --float-rel-tol R (default 1e-9; 0 turns it off): both values are parsed
    into nested numbers/lists/tuples and compared structurally; integers,
    booleans and charlists must match exactly, floats within relative
    tolerance R. Known difference: hastec reassociates float reductions (SIMD
    lanes, parallel chunks), so sums may differ in the last bits;
  * --raise-match kind (default; `message` is strict, `any` looser): when
    both sides raise, only the exception kind, `** (Kind)`, must agree. Known
    difference: which of several raising elements is reported may differ.
    (Two fused stages that may both raise can even give another kind; the
    generator leaves such programs out, see gen.py's avoid-list.)
  * signed zeros (default on; --strict-zero turns it off): 0.0 matches -0.0.
    BEAM's JIT negates a value it knows is a float as 0.0 - x, so in Elixir
    -(x * 1.0) is 0.0 for x = 0.0 while a plain -x is -0.0; hastec always
    gives IEEE -0.0.
Skipped, and counted: programs where hastec raises `integer overflow` (Elixir
integers are unbounded), programs either side rejects at compile time (these
are generator bugs, or hastec bugs when the program is in the subset; printed
as REJECT lines, failures with --rejects-fail), time-outs, and programs
Elixir miscompiles: a failing program is compiled again by Elixir with
`@compile [:no_bool_opt, :no_ssa_opt]`; when that build gives other results,
which agree with hastec, the oracle was wrong (an Erlang compiler bug; OTP
25.2's beam_ssa_bool has one) and the program is skipped (ORACLE line).

Targets (--target): cpu (default), opencl (`hastec build --target=opencl`:
parallel loops as OpenCL kernels on HX_DEVICE's device, PoCL in CI), or both
(each program on both, each compared with Elixir; a program fails if either
does; FAIL lines and failure kinds name the target). Under OpenCL the
libraries run with HX_CL_DEBUG=1: run.py counts kernel runs from stderr, and
a call whose kernel the device would not build or launch fails even though
the CPU then gave the right answer. A library that cannot run on the device
(a float kernel on a device without fp64) is skipped as "not runnable on
opencl" (UNSUPPORTED lines). Same tolerances: OpenCL work-groups reassociate
float reductions just as the CPU's SIMD lanes and chunks do.

Output: one line per failing program (FAIL ...), REJECT/TIMEOUT lines, then
a line of skip counts and, last, exactly `N passed, M failed` (programs).
Exit status 1 when any program failed. Standard library only.
"""
import argparse
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen  # noqa: E402

OVERFLOW = "** (ArithmeticError) integer overflow"
INT64_MIN, INT64_MAX = -2 ** 63, 2 ** 63 - 1
SHOW = 300
TARGETS = ("cpu", "opencl")
# What a --target=opencl library raises when no device can run its kernels
# (docs/opencl.md): a device without fp64 for a float kernel, or no device.
UNSUPPORTED = re.compile(r"^!\*\* \(RuntimeError\) (OpenCL device .* has no 64-bit floats|no OpenCL device)")


# ---- the Elixir side ----------------------------------------------------------

class ElixirServer(object):
    """One elixir VM running elixir_server.exs."""

    def __init__(self, elixir, log_path, call_timeout_ms=10000):
        self.elixir = elixir
        self.log_path = log_path
        self.call_timeout_ms = call_timeout_ms
        self.p = None
        self.lock = threading.Lock()

    def start(self):
        env = dict(os.environ)
        env["HXFUZZ_CALL_TIMEOUT_MS"] = str(self.call_timeout_ms)
        log = open(self.log_path, "ab")
        self.p = subprocess.Popen([self.elixir, "--erl", "+S 1:1", os.path.join(HERE, "elixir_server.exs")],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env)
        log.close()

    def stop(self):
        if self.p:
            try:
                self.p.stdin.close()
                self.p.wait(timeout=10)
            except Exception:
                self.p.kill()
            self.p = None

    def request(self, path, calls, timeout):
        """('ok', [result per call]) | ('reject', message) | ('error', message)."""
        with self.lock:
            if self.p is None or self.p.poll() is not None:
                self.start()
            p = self.p
            killed = []

            def kill():
                killed.append(1)
                p.kill()
            timer = threading.Timer(timeout, kill)
            timer.start()
            try:
                p.stdin.write(("\t".join([path] + calls) + "\n").encode("utf-8"))
                p.stdin.flush()
                line = p.stdout.readline()
                while line and line != b"B\n":
                    line = p.stdout.readline()
                out = []
                while True:
                    line = p.stdout.readline()
                    if not line:
                        break
                    if line == b"E\n":
                        break
                    out.append(line.decode("utf-8", "replace").rstrip("\n"))
            except (BrokenPipeError, OSError) as e:
                line = b""
                out = ["?" + str(e)]
            finally:
                timer.cancel()
            if not line:
                self.p = None
                try:
                    p.kill()
                except Exception:
                    pass
                return ("error", "elixir timed out" if killed else "elixir died")
            if len(out) == 1 and out[0].startswith("X"):
                return ("reject", out[0][1:])
            if len(out) != len(calls):
                return ("error", "elixir gave %d results for %d calls" % (len(out), len(calls)))
            return ("ok", out)


# ---- the hastec side --------------------------------------------------------------

CL_PREFIX = "hastec: OpenCL: "
CL_LAUNCH = re.compile(r"^hastec: OpenCL: kernel \S+: n=\d+, \d+ groups of \d+(: raised|;)")
# PoCL's kernel compiler counts the warnings of a kernel it builds on stderr
# (e.g. `x != x` in a generated filter): noise, not an error message
CL_WARNINGS = re.compile(r"^\d+ warnings? generated\.$")
CL_TROUBLE = re.compile(r"^hastec: (OpenCL: .*failed.*running on the CPU instead|warning: .*running (it )?on the CPU)")


def split_cl_stderr(se):
    """hx-run's stderr under HX_CL_DEBUG=1 -> (other lines, launches, raised, device trouble).

    launches: kernels that ran to the end on the device; raised: kernels that
    set the error flag (the CPU then reran the loop); trouble: a kernel the
    device would not build or launch, or a warning that the CPU ran instead
    (first line of each message)."""
    rest, trouble = [], []
    launches = raised = 0
    skipping_log = False
    for l in se.splitlines():
        m = CL_LAUNCH.match(l)
        if m:
            if m.group(1) == ";":
                launches += 1
            else:
                raised += 1
            skipping_log = False
            continue
        if CL_TROUBLE.match(l):
            trouble.append(l)
            skipping_log = "Build log:" in l  # the driver's log follows, up to the next message
            continue
        if l.startswith(CL_PREFIX) or CL_WARNINGS.match(l):
            skipping_log = False
            continue
        if skipping_log and not l.startswith("** ("):
            continue
        skipping_log = False
        rest.append(l)
    return rest, launches, raised, trouble


def hxrun_argv(prog, c, libdir, k):
    """hx-run's SYMBOL RET [TYPE VALUE]... for call c (the k-th); a value over
    4000 characters goes into a file in libdir, passed as @FILE."""
    a = prog.hxrun_args(c)
    argv = list(a[:2])
    for j in range(2, len(a), 2):
        t, v = a[j], a[j + 1]
        if len(v) > 4000:
            fp = os.path.join(libdir, "arg%d_%d.txt" % (k, j))
            with open(fp, "w") as f:
                f.write(v)
            v = "@" + fp
        argv += [t, v]
    return argv


def call_result(rc, so_out, se):
    """One call's result from hx-run's exit status, stdout and stderr lines
    (HX_CL_DEBUG lines already removed): '=TEXT', '!FIRST ERROR LINE', 'C...'."""
    if rc == 0:
        return "=" + so_out.rstrip("\n")
    if rc == 3:
        lines = [l for l in se if l.startswith("** (")] or [l for l in se if l.strip()]
        return "!" + (lines[0] if lines else "(no message)")
    return "Cexit %d: %s" % (rc, " | ".join(se[-2:]))


# The line hx-run --separator prints after each call of a batch (no printed
# value contains it), and the line that starts a raised call's error text.
BATCH_SEP = "<<hxfuzz:sep:7d41>>"
BATCH_RAISED = BATCH_SEP + " raised"
BATCH_TIMEOUT_PER_CALL = 10  # a batch may take --timeout plus this per call


def run_calls_batch(hxrun, so, argvs, timeout, env):
    """All calls in one `hx-run --separator` process (docs/cli.md).

    Returns (results, launches, raised, None) with a result per call as the
    single runs give it (None for a call that must run alone: it raised while
    the batch wrote other text to stderr, which a single run might report
    instead), or (None, 0, 0, why) when the batch cannot stand for the single
    runs: a crash, a time-out, a usage error, output that does not parse, or
    device trouble on stderr (a kernel the device did not build or launch,
    a warning that the CPU ran a loop: judge() needs them per call, and the
    warnings come once per process)."""
    argv = [hxrun, "--separator", BATCH_SEP, so]
    for k, a in enumerate(argvs):
        argv += (["--"] if k else []) + a
    try:
        r = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout + BATCH_TIMEOUT_PER_CALL * len(argvs), env=env)
    except subprocess.TimeoutExpired:
        return None, 0, 0, "timed out"
    except OSError as e:
        return None, 0, 0, str(e)
    se, launches, raised, trouble = split_cl_stderr(r.stderr.decode("utf-8", "replace"))
    if r.returncode not in (0, 3):
        return None, 0, 0, "exit %d: %s" % (r.returncode, " | ".join(se[-2:]))
    if trouble:
        return None, 0, 0, "device trouble: " + trouble[0]
    sections = r.stdout.decode("utf-8", "replace").split(BATCH_SEP + "\n")
    if len(sections) != len(argvs) + 1 or sections[-1] != "":
        return None, 0, 0, "%d outputs for %d calls" % (len(sections) - 1, len(argvs))
    out = []
    other_stderr = any(l.strip() for l in se)
    for sec in sections[:-1]:
        at = sec.rfind(BATCH_RAISED + "\n")
        if at < 0:
            out.append(call_result(0, sec, []))
        elif other_stderr:
            out.append(None)
        else:
            out.append(call_result(3, "", sec[at + len(BATCH_RAISED) + 1:].splitlines()))
    return out, launches, raised, None


def run_hastec(hastec, hxrun, path, libdir, prog, flags, timeout, env=None, stats=None, batch=True):
    """('ok', [result per call]) | ('reject', message) | ('crash', message) | ('timeout', message).
    Results: '=TEXT', '!FIRST STDERR LINE', 'T' (timeout), 'C...' (crash).

    The calls run in one `hx-run --separator` process (batch=True, the
    default); when that batch crashes, times out or cannot stand for the
    single runs (run_calls_batch), every call runs in an hx-run of its own,
    as with batch=False, and stats["unbatched"] says why.

    stats, a dict, receives build_s and calls_s (seconds), and, read from
    HX_CL_DEBUG=1 lines on stderr (which never count as the error message):
    launches / raised (kernel runs that finished / set the error flag) and
    cl_trouble, per call the device's failures (a kernel that did not build or
    launch, so the CPU ran the loop)."""
    if stats is None:
        stats = {}
    stats.update(build_s=0.0, calls_s=0.0, launches=0, raised=0, cl_trouble=[], unbatched=None)
    so = os.path.join(libdir, "lib.so")
    cmd = [hastec, "build", path, "-o", so] + flags
    t0 = time.time()
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return ("timeout", "hastec build timed out")
    finally:
        stats["build_s"] = time.time() - t0
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode == 1:
        first = [l for l in err.splitlines() if l.strip()]
        if "internal error" in err or "Assertion" in err:
            return ("crash", "hastec build: " + " | ".join(first[:3]))
        return ("reject", " | ".join(first[:2]))
    if p.returncode != 0:
        return ("crash", "hastec build exit %d: %s" % (p.returncode, " | ".join(err.splitlines()[-3:])))
    t0 = time.time()
    argvs = [hxrun_argv(prog, c, libdir, k) for k, c in enumerate(prog.calls)]
    out = [None] * len(argvs)
    if batch and argvs:
        got, launches, raised, why = run_calls_batch(hxrun, so, argvs, timeout, env)
        if got is None:
            stats["unbatched"] = why
        else:
            out = got
            stats["launches"] += launches
            stats["raised"] += raised
    stats["cl_trouble"] = [[] for _ in argvs]
    for k, a in enumerate(argvs):
        if out[k] is not None:
            continue
        try:
            r = subprocess.run([hxrun, so] + a, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            out[k] = "T"
            continue
        se, launches, raised, trouble = split_cl_stderr(r.stderr.decode("utf-8", "replace"))
        stats["launches"] += launches
        stats["raised"] += raised
        stats["cl_trouble"][k] = trouble
        out[k] = call_result(r.returncode, r.stdout.decode("utf-8", "replace"), se)
    stats["calls_s"] = time.time() - t0
    return ("ok", out)


# ---- comparing printed values -------------------------------------------------------

class ParseError(Exception):
    pass


TOKEN = re.compile(r"\s*(?:(-?\d+\.\d+(?:e[-+]?\d+)?)|(-?\d+)|(true|false)|('(?:[^'\\]|\\.)*')|([\[\]{},]))")


def parse_value(s):
    """Elixir's inspect output of our types -> ('L'|'T', [...]) / int / float / bool / ('C', text)."""
    pos = [0]

    def tok():
        m = TOKEN.match(s, pos[0])
        if not m:
            raise ParseError(s[pos[0]:pos[0] + 20])
        pos[0] = m.end()
        if m.group(1):
            return ("num", float(m.group(1)))
        if m.group(2):
            return ("num", int(m.group(2)))
        if m.group(3):
            return ("num", m.group(3) == "true")
        if m.group(4):
            return ("num", ("C", m.group(4)))
        return ("p", m.group(5))

    def value(t):
        if t[0] == "num":
            return t[1]
        if t[1] in "[{":
            close = "]" if t[1] == "[" else "}"
            items = []
            t2 = tok()
            if t2 == ("p", close):
                return ("L" if close == "]" else "T", items)
            while True:
                items.append(value(t2))
                t2 = tok()
                if t2 == ("p", close):
                    return ("L" if close == "]" else "T", items)
                if t2 != ("p", ","):
                    raise ParseError("expected ,")
                t2 = tok()
        raise ParseError("unexpected " + t[1])

    v = value(tok())
    if s[pos[0]:].strip():
        raise ParseError("trailing text")
    return v


def values_match(a, b, rel, used, signed_zero=False):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, tuple) and isinstance(b, tuple):
        if a[0] != b[0]:
            return False
        if a[0] == "C":
            return a[1] == b[1]
        if len(a[1]) != len(b[1]):
            return False
        return all(values_match(x, y, rel, used, signed_zero) for x, y in zip(a[1], b[1]))
    if isinstance(a, float) and isinstance(b, float):
        if a == b:
            if str(a) == str(b):
                return True
            if signed_zero:  # 0.0 against -0.0
                used.add("signed-zero")
                return True
            return False
        if rel > 0 and abs(a - b) <= rel * max(abs(a), abs(b)):
            used.add("float-rel-tol")
            return True
        return False
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    return False


def exceeds_int64(v):
    if isinstance(v, bool):
        return False
    if isinstance(v, int):
        return v < INT64_MIN or v > INT64_MAX
    if isinstance(v, tuple) and v[0] in "LT":
        return any(exceeds_int64(x) for x in v[1])
    return False


def kind_of(r):
    m = re.match(r"\*\* \(([\w.]+)\)", r[1:])
    return m.group(1) if m else r[1:]


def compare(e, h, opts):
    """Returns (verdict, note): verdict 'same' | 'tolerated' | 'overflow' | 'unsupported' (the OpenCL
    target cannot run it: UNSUPPORTED) | 'timeout' | 'mismatch'."""
    if h == "!" + OVERFLOW:
        return "overflow", ""
    if UNSUPPORTED.match(h):
        return "unsupported", ""
    if e == h:
        return "same", ""
    if e.startswith("=") and h.startswith("="):
        try:
            a, b = parse_value(e[1:]), parse_value(h[1:])
        except ParseError:
            return "mismatch", "value"
        used = set()
        if values_match(a, b, opts.float_rel_tol, used, opts.signed_zero):
            return "tolerated", ",".join(sorted(used))
        if exceeds_int64(a):
            return "mismatch", "elixir's result needs more than 64 bits but hastec --check-overflow did not raise"
        return "mismatch", "value"
    if e.startswith("!") and h.startswith("!"):
        if opts.raise_match == "any":
            return "tolerated", "raise-any"
        if opts.raise_match == "kind" and kind_of(e) == kind_of(h):
            return "tolerated", "raise-kind"
        return "mismatch", "raise"
    if e == "T" or h == "T":
        return "timeout", ""
    if h.startswith("C"):
        return "mismatch", "crash"
    return "mismatch", "raise-vs-value"


def norm_msg(m):
    """A message without paths, positions and numbers (to group failures)."""
    m = re.sub(r"\S+\.hx:\d+(:\d+)?:?", "", m)
    m = re.sub(r"%\w+", "%v", m)
    m = re.sub(r"\d+", "N", m)
    return m.split("|")[0].strip()


def call_category(e, h):
    def side(r):
        if r.startswith("="):
            return "value"
        if r.startswith("!"):
            return "raise " + kind_of(r)
        if r.startswith("C"):
            return "crash " + r.split(":")[0][1:]
        return r[:1]
    return "elixir %s, hastec %s" % (side(e), side(h))


def short(s):
    return s if len(s) <= SHOW else s[:SHOW] + "...(%d chars)" % len(s)


def show_result(r):
    if r.startswith("="):
        return short(r[1:])
    if r.startswith("!"):
        return short(r[1:])
    if r == "T":
        return "(timed out)"
    return short(r)


# ---- one program ------------------------------------------------------------------

class Outcome(object):
    def __init__(self, index, target=None):
        self.index = index
        self.target = target  # None: the only target is cpu (no label in the output)
        self.status = None  # pass fail overflow reject-elixir reject-hastec timeout oracle unsupported
        self.lines = []
        self.tolerated = set()
        self.detail = []
        self.sig = None  # what kind of failure, for the summary
        self.kinds = []  # Elixir's outcome per call: 'value' or the exception kind


def judge(prog, eres, hres, opts, target=None, hstats=None):
    """target: the label for FAIL lines and failure kinds (None: none, the CPU
    alone as before); hstats: run_hastec's stats (its cl_trouble: a call whose
    kernel the device did not build or launch fails even when its value is right)."""
    out = Outcome(prog.index, target)
    t = tag(prog, target)
    lab = "[%s] " % target if target else ""
    if eres[0] == "reject":
        out.status = "reject-elixir"
        out.lines.append("REJECT(elixir) %s: %s" % (tag(prog), short(eres[1])))
        return out
    if eres[0] == "error":
        out.status = "timeout"
        out.lines.append("TIMEOUT %s: %s" % (tag(prog), eres[1]))
        return out
    if hres[0] == "crash":
        out.status = "fail"
        out.sig = lab + ("run.py could not run hastec: " if hres[1].startswith("run.py:") else
                         "hastec build crashed: ") + norm_msg(hres[1])
        out.lines.append("FAIL %s: hastec crashed: %s" % (t, short(hres[1])))
        out.detail.append(hres[1])
        return out
    if hres[0] == "timeout":
        out.status = "timeout"
        out.lines.append("TIMEOUT %s: %s" % (t, hres[1]))
        return out
    if hres[0] == "reject":
        out.status = "fail" if opts.rejects_fail else "reject-hastec"
        out.sig = lab + "hastec rejected: " + norm_msg(hres[1])
        out.lines.append("REJECT(hastec) %s: %s" % (t, short(hres[1])))
        out.detail.append(hres[1])
        return out
    verdicts = []
    trouble = (hstats or {}).get("cl_trouble") or []
    for ci, (c, e, h) in enumerate(zip(prog.calls, eres[1], hres[1])):
        out.kinds.append("value" if e.startswith("=") else kind_of(e) if e.startswith("!") else "other")
        v, note = compare(e, h, opts)
        tr = trouble[ci] if ci < len(trouble) else []
        if tr and v in ("same", "tolerated"):
            # the CPU code gave the right answer, but the device failed a kernel
            # hastec made (Clang validated it): a bug, even if only a driver's
            v, note = "mismatch", "device: " + tr[0]
        verdicts.append(v)
        out.detail.append("%s\n  elixir: %s\n  hastec: %s\n  -> %s %s%s" % (
            prog.elixir_call(c), e, h, v, note, "".join("\n  device: " + x for x in tr)))
        if v == "tolerated":
            out.tolerated.update(note.split(","))
        if v == "mismatch" and out.sig is None:
            if note.startswith("device: "):
                out.sig = lab + "device failed a kernel: " + norm_msg(note[8:])
            else:
                out.sig = lab + "wrong result (%s)" % call_category(e, h)
        if v == "mismatch":
            out.lines.append("FAIL %s: %s: elixir: %s | hastec: %s%s" % (
                t, short(prog.elixir_call(c)), show_result(e), show_result(h),
                " [%s]" % short(note) if note not in ("value", "raise", "raise-vs-value") else ""))
    if "overflow" in verdicts:
        out.status = "overflow"
        out.lines = []
    elif "unsupported" in verdicts:
        out.status = "unsupported"
        out.lines = ["UNSUPPORTED %s: %s" % (t, show_result([h for h in hres[1] if UNSUPPORTED.match(h)][0]))]
    elif "mismatch" in verdicts:
        out.status = "fail"
    elif "timeout" in verdicts:
        out.status = "timeout"
        out.lines.append("TIMEOUT %s: a call timed out" % t)
    else:
        out.status = "pass"
    return out


ORACLE_OPTS = "[:no_bool_opt, :no_ssa_opt]"


def elixir_unoptimised(server, prog, path):
    """Elixir's results for prog compiled with @compile ORACLE_OPTS."""
    with open(path) as f:
        src = f.read()
    src = re.sub(r"^(defmodule \S+ do)$", r"\1\n  @compile " + ORACLE_OPTS, src, flags=re.M)
    p2 = path[:-3] + "_noopt.hx"
    with open(p2, "w") as f:
        f.write(src)
    calls = [prog.elixir_call(c) for c in prog.calls]
    return server.request(p2, calls, timeout=60 + 12 * len(calls))


def tag(prog, target=None):
    return "p%d (seed %s index %d)%s" % (prog.index, prog.seed, prog.index, " [%s]" % target if target else "")


def opencl_device(hxrun, env):
    """(True, the device line) when hx-run --devices marks a chosen device, else (False, why)."""
    try:
        p = subprocess.run([hxrun, "--devices"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=120, env=env)
    except (OSError, subprocess.SubprocessError) as e:
        return False, str(e)
    text = p.stdout.decode("utf-8", "replace")
    for l in text.splitlines():
        if l.startswith("* "):
            return True, " ".join(l[2:].split())
    return False, " | ".join(l.strip() for l in text.splitlines() if l.strip()) or "(nothing)"


# ---- main -----------------------------------------------------------------------------

def main(argv=None):
    ap = argparse.ArgumentParser(description="Differential fuzzing of hastec against Elixir.")
    ap.add_argument("--hastec", required=True, help="the hastec binary (hx-run must sit next to it)")
    ap.add_argument("-n", type=int, default=100, help="number of programs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0, help="first program index (default 0)")
    ap.add_argument("-j", type=int, default=2, help="parallel hastec jobs (default 2)")
    ap.add_argument("--elixir", default="elixir")
    ap.add_argument("--elixir-servers", type=int, default=1, help="Elixir VMs (default 1)")
    ap.add_argument("--work", help="work directory (default: a temporary one, removed afterwards)")
    ap.add_argument("--keep-failures", metavar="DIR",
                    help="copy each failing program (p<i>.hx, p<i>.json for minimize.py, p<i>.txt) into DIR")
    ap.add_argument("--float-rel-tol", type=float, default=1e-9,
                    help="relative tolerance for floats whose text differs (0: exact)")
    ap.add_argument("--raise-match", choices=["message", "kind", "any"], default="kind",
                    help="when both sides raise: the same first line (message), the same `** (Kind)` "
                         "(kind, default: which of several raising elements is reported may differ), or "
                         "anything (any: fused stages may meet another stage's error first, documented)")
    ap.add_argument("--strict-zero", dest="signed_zero", action="store_false",
                    help="0.0 and -0.0 must match (default: tolerated; BEAM's JIT negates a float it knows "
                         "is a float as 0.0 - x, so -(x * 1.0) is 0.0 for x = 0.0 where hastec gives -0.0)")
    ap.add_argument("--no-oracle-check", dest="oracle_check", action="store_false",
                    help="do not re-run a failing program under Elixir compiled with @compile " + ORACLE_OPTS +
                         " (which detects Erlang compiler bugs; such programs are skipped as 'oracle')")
    ap.add_argument("--rejects-fail", action="store_true",
                    help="count programs hastec rejects (and Elixir accepts) as failures")
    ap.add_argument("--hastec-flag", action="append", default=[],
                    help="extra flag for hastec build (repeatable); --check-overflow is always given")
    ap.add_argument("--target", choices=["cpu", "opencl", "both"], default="cpu",
                    help="build with --target=cpu (default), --target=opencl (parallel loops as OpenCL kernels on "
                         "HX_DEVICE's device; PoCL in CI), or both: each program on each target, each compared "
                         "with Elixir; a program fails if either does")
    ap.add_argument("--timeout", type=float, default=60, help="seconds per hastec build or call")
    ap.add_argument("--allow", action="append", default=[], metavar="NAME",
                    help="also generate a feature of gen.py's default avoid-list (open bugs, documented "
                         "differences); repeatable, 'all' for every one")
    ap.add_argument("--avoid", action="append", default=[], metavar="NAME",
                    help="leave out a feature of gen.AVOID_NAMES (e.g. a bug an older hastec has); repeatable")
    ap.add_argument("--hx-threads", type=int, default=0,
                    help="HX_NUM_THREADS for the compiled code (default: the runtime's choice)")
    ap.add_argument("--no-batch", dest="batch", action="store_false",
                    help="run every call in an hx-run of its own (default: a program's calls in one "
                         "`hx-run --separator` process, one per call when that batch crashes or times out)")
    ap.add_argument("--quiet-rejects", action="store_true", help="do not print REJECT/TIMEOUT lines")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every program's verdict")
    opts = ap.parse_args(argv)

    hastec = os.path.abspath(opts.hastec)
    hxrun = os.path.join(os.path.dirname(hastec), "hx-run")
    for p in (hastec, hxrun):
        if not os.access(p, os.X_OK):
            sys.stderr.write("run.py: cannot execute %s\n" % p)
            return 2
    if not shutil.which(opts.elixir):
        sys.stderr.write("run.py: cannot find %s\n" % opts.elixir)
        return 2
    work = opts.work or tempfile.mkdtemp(prefix="hxfuzz-")
    os.makedirs(work, exist_ok=True)
    if opts.keep_failures:
        os.makedirs(opts.keep_failures, exist_ok=True)
    gen_opts = {"avoid": gen.avoid_set(opts.allow, opts.avoid)}
    targets = list(TARGETS) if opts.target == "both" else [opts.target]
    # FAIL lines name the target unless the CPU is the only one (output as before)
    label = (lambda t: None) if targets == ["cpu"] else (lambda t: t)
    hx_env = dict(os.environ)
    if opts.hx_threads:
        hx_env["HX_NUM_THREADS"] = str(opts.hx_threads)
    flags, envs = {}, {}
    for t in targets:
        flags[t] = ["--check-overflow"] + (["--target=opencl"] if t == "opencl" else []) + opts.hastec_flag
        envs[t] = hx_env
    if "opencl" in targets:
        env = dict(hx_env)
        env["HX_CL_DEBUG"] = "1"  # launches, raised kernels and device failures, read from stderr
        # random kernels: keep the drivers' caches out of ~/.cache unless told where
        env.setdefault("POCL_CACHE_DIR", os.path.join(work, "pocl-cache"))
        env.setdefault("HX_CACHE_DIR", os.path.join(work, "hx-cache"))
        envs["opencl"] = env
        dev = opencl_device(hxrun, dict((k, v) for k, v in env.items() if k != "HX_CL_DEBUG"))
        if not dev[0]:
            sys.stderr.write("run.py: --target %s needs an OpenCL device, and hx-run --devices says: %s\n" % (
                opts.target, dev[1]))
            return 2
        print("opencl device: %s" % dev[1], flush=True)
    t0 = time.time()

    servers = [ElixirServer(opts.elixir, os.path.join(work, "elixir%d.log" % k)) for k in range(opts.elixir_servers)]
    equeue = queue.Queue()
    hqueue = queue.Queue()
    results = {}
    rlock = threading.Lock()
    done = threading.Condition(rlock)
    inflight = threading.Semaphore(64)
    outcomes = []
    counts = {}
    tol_counts = {}
    stop = []
    busy = [0.0, 0.0]  # seconds the Elixir VMs / the hastec workers were busy
    tbusy = dict((t, [0.0, 0.0]) for t in targets)  # per target: hastec build, calls
    cl_stats = {"launches": 0, "raised": 0, "programs": 0, "trouble": 0}
    tcounts = dict((t, {}) for t in targets)
    sigs = {}
    call_kinds = {}
    unbatched = []  # programs whose calls ran one hx-run each after their batch failed

    def finish_one(i):
        prog, path, eres, hall = results.pop(i)
        per = []  # one Outcome per target
        eres2 = []
        for t in targets:
            hres, hst = hall[t]
            o = judge(prog, eres, hres, opts, label(t), hst)
            if o.status == "fail" and eres[0] == "ok" and hres[0] == "ok" and opts.oracle_check:
                # Is Elixir itself wrong? Compile it again without the Erlang
                # compiler's boolean and SSA optimisations (OTP 25.2's beam_ssa_bool
                # miscompiles some case/guard combinations).
                if not eres2:
                    eres2.append(elixir_unoptimised(servers[0], prog, path))
                if eres2[0][0] == "ok" and eres2[0][1] != eres[1] and \
                        judge(prog, eres2[0], hres, opts, label(t), hst).status == "pass":
                    o.status = "oracle"
                    o.lines = ["ORACLE %s: Elixir's optimised build disagrees with its unoptimised build (which "
                               "agrees with hastec): an Erlang compiler bug" % tag(prog, label(t))]
            per.append(o)
        # the program: failed if any target failed, passed if all passed, else
        # skipped for the first target's reason
        o = per[0]
        if any(x.status == "fail" for x in per):
            o = [x for x in per if x.status == "fail"][0]
        elif any(x.status != "pass" for x in per):
            o = [x for x in per if x.status != "pass"][0]
        status = o.status
        lines = []
        for x in per:
            for l in x.lines:
                if l not in lines:  # an Elixir-side REJECT/TIMEOUT is the same for every target
                    lines.append(l)
        with done:
            outcomes.append(o)
            counts[status] = counts.get(status, 0) + 1
            for t, x in zip(targets, per):
                tcounts[t][x.status] = tcounts[t].get(x.status, 0) + 1
                if x.status == "fail" and x.sig:
                    sigs[x.sig] = sigs.get(x.sig, 0) + 1
            if status in ("pass", "fail"):
                for k in o.kinds:
                    call_kinds[k] = call_kinds.get(k, 0) + 1
            for x in per:
                for tl in x.tolerated:
                    tol_counts[tl] = tol_counts.get(tl, 0) + 1
            if "opencl" in hall:
                hst = hall["opencl"][1]
                cl_stats["launches"] += hst.get("launches", 0)
                cl_stats["raised"] += hst.get("raised", 0)
                cl_stats["programs"] += 1 if hst.get("launches", 0) + hst.get("raised", 0) else 0
                cl_stats["trouble"] += sum(1 for tr in hst.get("cl_trouble", []) if tr)
            for l in lines:
                if l.startswith("FAIL") or not opts.quiet_rejects:
                    print(l, flush=True)
            if opts.verbose:
                if targets == ["cpu"]:
                    print("p%d: %s" % (i, status), flush=True)
                else:
                    print("p%d: %s (%s)" % (i, status, ", ".join(
                        "%s %s %.2f+%.2f s%s" % (
                            t, x.status, hall[t][1].get("build_s", 0), hall[t][1].get("calls_s", 0),
                            ", %d kernel runs, %d raised" % (hall[t][1].get("launches", 0),
                                                              hall[t][1].get("raised", 0))
                            if t == "opencl" else "")
                        for t, x in zip(targets, per))), flush=True)
        if status == "fail" and opts.keep_failures:
            base = os.path.join(opts.keep_failures, "p%d" % i)
            shutil.copy(path, base + ".hx")
            with open(base + ".json", "w") as f:
                d = prog.to_json()
                # which targets failed, so that minimize.py shrinks on the right one
                d["failed_on"] = [t for t, x in zip(targets, per) if x.status == "fail"]
                json.dump(d, f)
            with open(base + ".txt", "w") as f:
                for t, x in zip(targets, per):
                    if len(targets) > 1:
                        f.write("== %s: %s\n" % (t, x.status))
                    f.write("\n".join(x.lines) + "\n\n" + "\n".join(x.detail) + "\n")
        d = os.path.dirname(path)
        if not opts.work:
            shutil.rmtree(d, ignore_errors=True)
        inflight.release()

    def record(i, side, res):
        with rlock:
            r = results[i]
            r[side] = res
            ready = r[2] is not None and r[3] is not None
        if ready:
            finish_one(i)

    def elixir_worker(server):
        while True:
            item = equeue.get()
            if item is None:
                return
            i, prog, path = item
            calls = [prog.elixir_call(c) for c in prog.calls]
            t1 = time.time()
            res = server.request(path, calls, timeout=60 + 12 * len(calls))
            busy[0] += time.time() - t1
            record(i, 2, res)

    def hastec_worker():
        while True:
            item = hqueue.get()
            if item is None:
                return
            i, prog, path = item
            res = {}
            for t in targets:
                t1 = time.time()
                libdir = os.path.dirname(path)
                if len(targets) > 1:
                    libdir = os.path.join(libdir, t)
                    os.makedirs(libdir, exist_ok=True)
                st = {}
                try:
                    r = run_hastec(hastec, hxrun, path, libdir, prog, flags[t], opts.timeout, envs[t], st,
                                   batch=opts.batch)
                except Exception as e:  # keep the run going; report it
                    r = ("crash", "run.py: %r" % e)
                busy[1] += time.time() - t1
                tbusy[t][0] += st.get("build_s", 0.0)
                tbusy[t][1] += st.get("calls_s", 0.0)
                if st.get("unbatched"):
                    unbatched.append(i)
                    if opts.verbose:
                        sys.stderr.write("run.py: p%d%s: one hx-run per call (the batch failed: %s)\n" % (
                            i, "" if targets == ["cpu"] else " [%s]" % t, st["unbatched"]))
                res[t] = (r, st)
            record(i, 3, res)

    threads = [threading.Thread(target=elixir_worker, args=(s,), daemon=True) for s in servers]
    threads += [threading.Thread(target=hastec_worker, daemon=True) for _ in range(max(1, opts.j))]
    for t in threads:
        t.start()
    try:
        for i in range(opts.start, opts.start + opts.n):
            inflight.acquire()
            prog = gen.generate(opts.seed, i, gen_opts)
            d = os.path.join(work, "p%d" % i)
            os.makedirs(d, exist_ok=True)
            path = os.path.join(d, "p%d.hx" % i)
            with open(path, "w") as f:
                f.write(gen.render(prog))
            with rlock:
                results[i] = [prog, path, None, None]
            equeue.put((i, prog, path))
            hqueue.put((i, prog, path))
        for _ in servers:
            equeue.put(None)
        for _ in range(max(1, opts.j)):
            hqueue.put(None)
        for t in threads:
            t.join()
    except KeyboardInterrupt:
        stop.append(1)
        print("interrupted", flush=True)
    finally:
        for s in servers:
            s.stop()
    elapsed = time.time() - t0
    passed = counts.get("pass", 0)
    failed = counts.get("fail", 0)
    skipped = sum(v for k, v in counts.items() if k not in ("pass", "fail"))
    tol = ", ".join("%s %d" % kv for kv in sorted(tol_counts.items())) or "none"
    for sig, k in sorted(sigs.items(), key=lambda kv: -kv[1]):
        print("failures: %d x %s" % (k, sig))
    print("%d skipped (overflow: %d, rejected by elixir: %d, rejected by hastec: %d, timeout: %d, "
          "elixir miscompiled: %d%s); tolerated differences in passing programs: %s; %.1f s" % (
              skipped, counts.get("overflow", 0), counts.get("reject-elixir", 0), counts.get("reject-hastec", 0),
              counts.get("timeout", 0), counts.get("oracle", 0),
              ", not runnable on opencl: %d" % counts.get("unsupported", 0) if "opencl" in targets else "",
              tol, elapsed))
    if "opencl" in targets:
        print("opencl: %d kernel runs in %d programs, %d raised (the CPU reran the loop), %d calls where the device "
              "failed a kernel" % (cl_stats["launches"], cl_stats["programs"], cl_stats["raised"],
                                   cl_stats["trouble"]))
    if len(targets) > 1:
        print("per target: " + "; ".join(
            "%s %d passed, %d failed, %d skipped" % (
                t, tcounts[t].get("pass", 0), tcounts[t].get("fail", 0),
                sum(v for k, v in tcounts[t].items() if k not in ("pass", "fail"))) for t in targets))
    print("%d passed, %d failed" % (passed, failed), flush=True)
    if opts.verbose:
        if targets == ["cpu"]:
            print("busy: elixir %.1f s, hastec %.1f s" % tuple(busy))
        else:
            nprog = max(1, len(outcomes))
            print("busy: elixir %.1f s, hastec %.1f s; per program: " % tuple(busy) + ", ".join(
                "%s build %.2f s + calls %.2f s" % (t, tbusy[t][0] / nprog, tbusy[t][1] / nprog) for t in targets))
        if opts.batch:
            print("batches that failed (calls rerun one per process): %d" % len(unbatched))
        print("calls compared: " + ", ".join("%s %d" % kv for kv in sorted(call_kinds.items(), key=lambda kv: -kv[1])))
    if not opts.work:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
