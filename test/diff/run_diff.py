#!/usr/bin/env python3
"""Differential tests: real Elixir against hastec, byte for byte.

Usage:
  run_diff.py --hastec PATH --work DIR [--elixir elixir] [-j N]
              [--filter SUBSTR] [--no-cache] [--no-batch] [--require FILE]... [-v]
              [--float-rel-tol X] [--float-abs-tol X] PATHS...

PATHS are .hx files or directories (searched recursively for *.hx). The
calls to check are listed in the program as comment lines

    # CALL: Mod.fun(args)

or, for files that must stay untouched (samples/), in a sidecar text file
FILE.calls next to FILE.hx (FILE.hx -> FILE.hx.calls or FILE.calls), one
call per line, blank lines and lines starting with '#' ignored. A file
with neither is skipped.

For every file, Elixir runs ONCE with all its calls: a generated .exs
requires the program and prints, for each call, a marker line and then
IO.inspect(CALL, limit: :infinity, width: :infinity) or, when the call
raises, `** (Kind) message`. Each call then runs as
`hastec run FILE -e CALL`; the result is its stdout on exit 0 and the first
line of its stderr on exit 3 (a runtime error). Elixir's stderr (warnings)
is ignored. To save a compile and a process start per call, all calls of a
file first run in one `hastec run FILE -e CALL1 -e CALL2 ... --separator S`
(docs/cli.md), whose per-call outputs are exactly those of the single runs;
when that batch fails as a whole (a compile or usage error in any call, a
crash, a timeout), the file's calls run one by one as above, and so does a
call that raised in a batch that also wrote to stderr (a single run would
report stderr's first line, maybe a warning). --no-batch: always one by
one. Each --require FILE is loaded first, e.g. the Nx reference shim
stdlib/ref/nx.exs for tensor programs: compiled once per run (elixirc, into
WORK/shims) and loaded as .beam files (`elixir -pa`), or, when that fails
and with --no-batch, compiled for every program (`elixir -r FILE`).

Outputs that differ as text are compared as terms: integers, atoms and
structure exactly, floats within a relative bound, --float-rel-tol X
(default 1e-9, for f64 sums that hastec reassociates; f32 tensor programs
need ~1e-5: 2.4e-7 per f32 operation, more for reassociated f32 sums),
or within an absolute bound, --float-abs-tol X (default 0: none; for sums
that cancel, e.g. gradients that are 0.0 in the shim's f64 sums and ~1e-9
in hastec's f32 sums).

A directory may list its known, intended differences in a file
known_differences.txt (format below, at KNOWN_FORMAT); the listed calls
count as "known", not as passed or failed, as long as they still differ
in the listed way. A listed call that now matches ("XPASS") or differs in
another way, and an entry that names no call of a file in the run, fail.

Files are checked in parallel (-j, default 2); --filter keeps only the
calls whose file path or call text contains SUBSTR. One line is printed
per mismatch (-v: per call); the last line is exactly `N passed, M failed`
(counted per call), preceded by `K known differences` when K > 0. Exit
status: 0 all passed, 1 a call failed or no call was found, 2 bad usage.

hastec's compile cache goes under WORK/cache/<id of the hastec binary> so
that a rebuilt compiler never reuses a stale .so (--no-cache: none at all).
Standard library only; runs with /usr/bin/python3 (3.7+).
"""
import argparse
import concurrent.futures
import hashlib
import os
import re
import shutil
import subprocess
import sys

CALL_RE = re.compile(r"^\s*#\s*CALL:\s*(.+?)\s*$")
MARK = "<<hxdiff:mark:9f1c>>"
END = "<<hxdiff:end:9f1c>>"
ELIXIR_TIMEOUT = 300
HASTEC_TIMEOUT = 120
BATCH_TIMEOUT_PER_CALL = 10  # a batched run may take HASTEC_TIMEOUT plus this per call
SHOW = 400  # characters of expected/got shown per mismatch


def find_files(paths):
    out = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith(".hx"):
                        out.append(os.path.join(root, f))
        elif os.path.isfile(p):
            out.append(p)
        else:
            sys.stderr.write("run_diff: no such file or directory: %s\n" % p)
            sys.exit(2)
    seen = set()
    uniq = []
    for f in out:
        key = os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            uniq.append(f)
    return uniq


def read_calls(path):
    calls = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = CALL_RE.match(line)
            if m:
                calls.append(m.group(1))
    for side in (path + ".calls", os.path.splitext(path)[0] + ".calls"):
        if os.path.isfile(side):
            with open(side, encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if line and not line.startswith("#"):
                        calls.append(line)
            break
    return calls


def ex_string(s):
    """An Elixir string literal for s."""
    out = ['"']
    for ch in s:
        if ch in '"\\#':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 32 or ord(ch) == 127:
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def elixir_script(path, calls):
    lines = ["Code.require_file(%s)" % ex_string(os.path.abspath(path))]
    for c in calls:
        lines.append("IO.puts(%s)" % ex_string(MARK))
        lines.append("try do")
        lines.append("  IO.inspect((%s), limit: :infinity, width: :infinity)" % c)
        lines.append("rescue")
        lines.append('  e -> IO.puts("** (" <> inspect(e.__struct__) <> ") " <> Exception.message(e))')
        lines.append("end")
    lines.append("IO.puts(%s)" % ex_string(END))
    return "\n".join(lines) + "\n"


def short(s):
    r = repr(s)
    if len(r) > SHOW:
        r = r[:SHOW] + "...(%d chars)" % len(s)
    return r


def first_lines(s, n=3):
    ls = [l for l in s.splitlines() if l.strip()]
    return " | ".join(ls[:n])


def compile_shims(args):
    """The --require files compiled once (elixirc) into WORK/shims/HASH.

    Elixir then loads their .beam files (elixir -pa DIR) instead of compiling
    the .exs files again for every program: the Nx shim alone costs about
    2 s of CPU per program. Returns the directory, or None when there is
    nothing to compile or elixirc fails (then each run loads the files with
    -r, the same modules compiled the same way).
    """
    if not args.require:
        return None
    h = hashlib.sha1()
    for f in args.require:
        h.update(os.path.abspath(f).encode() + b"\0")
        with open(f, "rb") as fh:
            h.update(fh.read() + b"\0")
    elixir = shutil.which(args.elixir) or args.elixir
    h.update(os.path.realpath(elixir).encode())
    root = os.path.join(args.work, "shims")
    out = os.path.join(root, h.hexdigest()[:16])
    if os.path.isfile(os.path.join(out, "ok")):
        return out
    shutil.rmtree(root, ignore_errors=True)  # shims of other sources are never used again
    tmp = "%s.tmp%d" % (out, os.getpid())
    os.makedirs(tmp)
    elixirc = os.path.join(os.path.dirname(os.path.realpath(elixir)), "elixirc")
    try:
        p = subprocess.run([elixirc, "-o", tmp] + [os.path.abspath(f) for f in args.require],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=ELIXIR_TIMEOUT)
        ok = p.returncode == 0 and any(f.endswith(".beam") for f in os.listdir(tmp))
    except (OSError, subprocess.TimeoutExpired):
        ok = False
    if not ok:
        shutil.rmtree(tmp, ignore_errors=True)
        return None
    open(os.path.join(tmp, "ok"), "w").close()
    os.rename(tmp, out)
    return out


def run_elixir(args, path, calls, script_path):
    """Returns (list of expected outputs or None, error text)."""
    with open(script_path, "w", encoding="utf-8") as f:
        f.write(elixir_script(path, calls))
    try:
        if args.shims:
            required = ["-pa", args.shims]
        else:
            required = [a for f in args.require for a in ("-r", os.path.abspath(f))]
        p = subprocess.run([args.elixir] + required + [script_path], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=ELIXIR_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, "elixir timed out after %ds" % ELIXIR_TIMEOUT
    except OSError as e:
        return None, "cannot run elixir: %s" % e
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    if END not in out:
        return None, "elixir failed (exit %d): %s" % (p.returncode, first_lines(err, 4) or first_lines(out, 4))
    out = out[:out.index(END)]
    parts = out.split(MARK + "\n")
    if len(parts) != len(calls) + 1:
        return None, "elixir output has %d results for %d calls" % (len(parts) - 1, len(calls))
    return parts[1:], ""


def run_hastec(args, env, path, call):
    cmd = [args.hastec, "run", path, "-e", call] + list(args.hastec_flag)
    if args.no_cache:
        cmd.append("--no-cache")
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=HASTEC_TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return "<hastec timed out after %ds>" % HASTEC_TIMEOUT
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode == 0:
        return out
    if p.returncode == 3:
        return (err.split("\n", 1)[0]) + "\n"
    if p.returncode < 0:
        return "<hastec killed by signal %d> %s" % (-p.returncode, first_lines(err))
    return "<hastec exit %d> %s" % (p.returncode, first_lines(err))


BATCH_SEP = "<<hxdiff:sep:5b2e>>"
BATCH_RAISED = BATCH_SEP + " raised\n"


def run_hastec_batch(args, env, path, calls):
    """All of a file's calls in one `hastec run` (one compile, one process).

    Returns (outputs, why): one output per call as run_hastec would give
    it, None for a call that must run on its own; or (None, why) when the
    batch cannot stand for the single runs: a compile or usage error
    anywhere (exit 1 or 2), a crash, a timeout or output that does not parse.
    """
    cmd = [args.hastec, "run", path, "--separator", BATCH_SEP] + list(args.hastec_flag)
    for c in calls:
        cmd += ["-e", c]
    if args.no_cache:
        cmd.append("--no-cache")
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=HASTEC_TIMEOUT + BATCH_TIMEOUT_PER_CALL * len(calls), env=env)
    except subprocess.TimeoutExpired:
        return None, "timed out"
    if p.returncode not in (0, 3):
        return None, "exit %d: %s" % (p.returncode, first_lines(p.stderr.decode("utf-8", "replace"), 1))
    out = p.stdout.decode("utf-8", "replace")
    sections = out.split(BATCH_SEP + "\n")
    if len(sections) != len(calls) + 1 or sections[-1] != "":
        return None, "%d outputs for %d calls" % (len(sections) - 1, len(calls))
    got = []
    for sec in sections[:-1]:
        at = sec.rfind(BATCH_RAISED)  # after whatever the call printed before it raised
        if at < 0:
            got.append(sec)
        elif p.stderr.strip():
            # A single run reports the first line of its stderr, which may
            # be a warning printed before the error (OpenCL's fallback to the
            # CPU, once per process): run this call alone to see the same.
            got.append(None)
        else:
            got.append(sec[at + len(BATCH_RAISED):].split("\n", 1)[0] + "\n")
    return got, ""


def check_file(args, env, index, path, calls):
    """Returns a list of (call, ok, expected, got)."""
    base = re.sub(r"[^A-Za-z0-9_.-]", "_", os.path.relpath(path))
    script = os.path.join(args.work, "elixir", "%03d_%s.exs" % (index, base))
    expected, why = run_elixir(args, path, calls, script)
    batched = None
    if args.batch and len(calls) > 1:
        batched, why_not = run_hastec_batch(args, env, path, calls)
        if batched is None and args.verbose:
            sys.stderr.write("run_diff: %s: one run per call (the batched run failed: %s)\n" % (path, why_not))
    if batched is None:
        batched = [None] * len(calls)
    results = []
    for i, call in enumerate(calls):
        got = batched[i] if batched[i] is not None else run_hastec(args, env, path, call)
        if expected is None:
            results.append((call, False, "<%s>" % why, got))
        else:
            ok = same_within_tolerance(expected[i], got, args.float_rel_tol, args.float_abs_tol)
            results.append((call, ok, expected[i], got))
    return results


# Floats that come out of reductions may differ from Elixir's left-to-right
# sums in the last bits: hastec reassociates them (SIMD lanes, parallel
# chunks; see docs/language.md, "Differences from Elixir"). Outputs that
# differ as text are compared as terms: integers, atoms and structure
# exactly, floats within this relative bound.
FLOAT_REL_TOL = 1e-9
_TOKEN = re.compile(r"-?\d+\.\d+(?:e[+-]?\d+)?|-?\d+|[^\s\d-]+|-")


def _is_float(t):
    return "." in t and t[0] in "-0123456789"


def same_within_tolerance(expected, got, rel_tol=None, abs_tol=0.0):
    """True when the two printed terms match, floats within rel_tol (default FLOAT_REL_TOL) or abs_tol."""
    if rel_tol is None:
        rel_tol = FLOAT_REL_TOL
    if expected == got:
        return True
    if expected.startswith("**") or got.startswith("**"):
        return False
    a, b = _TOKEN.findall(expected), _TOKEN.findall(got)
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        if not (_is_float(x) and _is_float(y)):
            return False
        fx, fy = float(x), float(y)
        if abs(fx - fy) > max(rel_tol * max(abs(fx), abs(fy)), abs_tol):
            return False
    return True


KNOWN_FILE = "known_differences.txt"
KNOWN_FORMAT = """\
known_differences.txt, next to the .hx files it names: '#' comments, blank
lines, and entries; an entry is a line `FILE.hx: CALL` (FILE relative to
the directory, CALL exactly as in its `# CALL:` line) followed by indented
`key: value` lines:
    reason: why the outputs differ on purpose (required; repeatable, joined)
    hastec: text hastec's output must contain (optional, repeatable)
    elixir: text Elixir's output must contain (optional, repeatable)
The hastec:/elixir: texts pin the difference down: when hastec changes its
output, the entry fails instead of hiding a new difference.
"""


class KnownError(Exception):
    pass


class Known(object):
    def __init__(self, where, path, call):
        self.where, self.path, self.call = where, path, call
        self.reason, self.hastec, self.elixir = [], [], []


def read_known(directory):
    """The entries of DIRECTORY/known_differences.txt, {(realpath, call): Known}; {} without one."""
    kpath = os.path.join(directory, KNOWN_FILE)
    if not os.path.isfile(kpath):
        return {}
    entries = {}
    cur = None
    with open(kpath, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            where = "%s:%d" % (kpath, n)
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line[0] in " \t":
                key, sep, value = line.strip().partition(":")
                if cur is None or not sep or key not in ("reason", "hastec", "elixir") or not value.strip():
                    raise KnownError("%s: expected an indented `reason: TEXT`, `hastec: TEXT` or `elixir: TEXT` "
                                     "line after an entry `FILE.hx: CALL`" % where)
                getattr(cur, key).append(value.strip())
                continue
            fname, sep, call = line.partition(": ")
            if not sep or not fname.endswith(".hx") or not call.strip():
                raise KnownError("%s: expected an entry `FILE.hx: CALL`, got %r" % (where, line))
            cur = Known(where, os.path.join(directory, fname), call.strip())
            key = (os.path.realpath(cur.path), cur.call)
            if key in entries:
                raise KnownError("%s: %s: %s is already listed at %s" % (where, fname, cur.call, entries[key].where))
            entries[key] = cur
    for k in entries.values():
        if not k.reason:
            raise KnownError("%s: the entry for %s has no `reason:` line" % (k.where, k.call))
    return entries


def tokens_within_tolerance(a, b, rel_tol, abs_tol):
    """Token lists equal, floats within rel_tol or abs_tol."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        if not (_is_float(x) and _is_float(y)):
            return False
        fx, fy = float(x), float(y)
        if abs(fx - fy) > max(rel_tol * max(abs(fx), abs(fy)), abs_tol):
            return False
    return True


def contains_within_tolerance(text, pin, rel_tol, abs_tol):
    """pin occurs in text, or a run of text's tokens matches pin's with floats within the bounds
    (an OpenCL driver's libm may print a pinned sin(1.0) one ulp away)."""
    if pin in text:
        return True
    p, t = _TOKEN.findall(pin), _TOKEN.findall(text)
    return any(tokens_within_tolerance(p, t[s:s + len(p)], rel_tol, abs_tol) for s in range(len(t) - len(p) + 1))


def classify_known(k, ok, expected, got, rel_tol=None, abs_tol=0.0):
    """For a listed call: (None, known) or (why it fails, None)."""
    if rel_tol is None:
        rel_tol = FLOAT_REL_TOL
    if ok:
        return ("XPASS: listed as a known difference at %s but now matches; remove the entry" % k.where), None
    lacks = ["hastec's output lacks %r" % t for t in k.hastec if not contains_within_tolerance(got, t, rel_tol, abs_tol)]
    lacks += ["Elixir's output lacks %r" % t for t in k.elixir if t not in expected]
    if lacks:
        return ("the known difference at %s changed (%s)" % (k.where, "; ".join(lacks))), None
    return None, k


def compiler_id(hastec):
    h = hashlib.sha1()
    d = os.path.dirname(os.path.realpath(hastec))
    for f in (os.path.realpath(hastec), os.path.join(d, "hx-run")):
        try:
            st = os.stat(f)
            h.update(("%s %d %d\n" % (f, st.st_size, st.st_mtime_ns)).encode())
        except OSError:
            h.update(("%s missing\n" % f).encode())
    return h.hexdigest()[:16]


def main():
    ap = argparse.ArgumentParser(description="Differential tests: Elixir vs hastec.")
    ap.add_argument("--hastec", required=True, help="the hastec binary")
    ap.add_argument("--work", required=True, help="a scratch directory (scripts, cache)")
    ap.add_argument("--elixir", default="elixir", help="the elixir binary (default: elixir)")
    ap.add_argument("-j", type=int, default=2, help="files checked in parallel (default 2)")
    ap.add_argument("--filter", default=None,
                    help="only calls whose file path or call text contains SUBSTR")
    ap.add_argument("--no-cache", action="store_true", help="pass --no-cache to hastec run")
    ap.add_argument("--hastec-flag", action="append", default=[],
                    help="an extra flag for hastec run, e.g. --hastec-flag=--target=opencl (repeatable)")
    ap.add_argument("--require", action="append", default=[], metavar="FILE",
                    help="an .exs file Elixir loads before each program (elixir -r FILE; repeatable)")
    ap.add_argument("--float-rel-tol", type=float, default=FLOAT_REL_TOL, metavar="X",
                    help="relative bound for floats that differ as text (default %g; f32 tensor "
                         "programs need about 1e-5)" % FLOAT_REL_TOL)
    ap.add_argument("--float-abs-tol", type=float, default=0.0, metavar="X",
                    help="floats that differ by at most X also match (default 0: none; for sums that "
                         "cancel to 0.0 in Elixir's f64 and to ~1e-9 in hastec's f32)")
    ap.add_argument("--no-batch", dest="batch", action="store_false",
                    help="run every call in a `hastec run` of its own (default: one run per file with all its "
                         "calls, falling back to one per call when that fails), and have Elixir compile the "
                         "--require files for every program (default: compiled once, elixirc)")
    ap.add_argument("-v", "--verbose", action="store_true", help="also print passing calls")
    ap.add_argument("paths", nargs="+", metavar="PATHS")
    args = ap.parse_args()

    if not (args.float_rel_tol >= 0 and args.float_rel_tol < 1):
        sys.stderr.write("run_diff: --float-rel-tol must be in [0, 1), got %g\n" % args.float_rel_tol)
        return 2
    if not args.float_abs_tol >= 0:
        sys.stderr.write("run_diff: --float-abs-tol must be >= 0, got %g\n" % args.float_abs_tol)
        return 2
    if not os.access(args.hastec, os.X_OK):
        sys.stderr.write("run_diff: hastec is not executable: %s\n" % args.hastec)
        return 2
    args.hastec = os.path.abspath(args.hastec)
    os.makedirs(os.path.join(args.work, "elixir"), exist_ok=True)
    env = dict(os.environ)
    if not args.no_cache:
        root = os.path.join(os.path.abspath(args.work), "cache")
        cid = compiler_id(args.hastec)
        if os.path.isdir(root):  # entries of older compilers are never used again
            for old in os.listdir(root):
                if old != cid:
                    shutil.rmtree(os.path.join(root, old), ignore_errors=True)
        os.makedirs(os.path.join(root, cid), exist_ok=True)
        env["HX_CACHE_DIR"] = os.path.join(root, cid)

    jobs = []
    for path in find_files(args.paths):
        calls = read_calls(path)
        if args.filter is not None and args.filter not in path:
            calls = [c for c in calls if args.filter in c]
        if calls:
            jobs.append((path, calls))
        elif args.verbose:
            print("skip %s (no calls)" % path)

    args.shims = compile_shims(args) if args.batch else None
    if args.verbose and args.require:
        sys.stderr.write("run_diff: elixir loads the --require files %s\n" %
                         ("compiled in " + args.shims if args.shims else "with -r"))

    known = {}
    try:
        for d in sorted(set(os.path.dirname(os.path.abspath(p)) for p, _ in jobs)):
            known.update(read_known(d))
    except (KnownError, OSError, UnicodeDecodeError) as e:
        sys.stderr.write("run_diff: %s\n" % e)
        return 2

    passed = failed = nknown = 0
    seen = set()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.j)) as pool:
        futs = [pool.submit(check_file, args, env, i, path, calls) for i, (path, calls) in enumerate(jobs)]
        for (path, _), fut in zip(jobs, futs):
            for call, ok, exp, got in fut.result():
                k = known.get((os.path.realpath(path), call))
                if k is not None:
                    seen.add((os.path.realpath(path), call))
                    why, k = classify_known(k, ok, exp, got, args.float_rel_tol, args.float_abs_tol)
                    if k is not None:
                        nknown += 1
                        if args.verbose:
                            print("known %s: %s: %s" % (path, call, " ".join(k.reason)))
                    else:
                        failed += 1
                        print("FAIL %s: %s: %s: expected %s got %s" % (path, call, why, short(exp), short(got)))
                elif ok:
                    passed += 1
                    if args.verbose:
                        print("ok   %s: %s" % (path, call))
                else:
                    failed += 1
                    print("FAIL %s: %s: expected %s got %s" % (path, call, short(exp), short(got)))
                sys.stdout.flush()
    # An entry for a file of the run that names none of its calls is stale
    # (the call was renamed or removed); entries of files not run are not.
    run_files = set(os.path.realpath(p) for p, _ in jobs)
    for key, k in sorted(known.items(), key=lambda kv: kv[1].where):
        if key in seen or args.filter is not None:
            continue
        if not os.path.isfile(k.path):
            failed += 1
            print("FAIL %s: known difference for a file that does not exist: %s" % (k.where, k.path))
        elif key[0] in run_files:
            failed += 1
            print("FAIL %s: known difference for a call that %s does not make: %s" % (k.where, k.path, k.call))
    if nknown:
        print("%d known difference%s" % (nknown, "" if nknown == 1 else "s"))
    if passed + failed == 0:
        sys.stderr.write("run_diff: no calls to check (no # CALL: lines or .calls files matched)\n")
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
