#!/bin/sh
# Regression test of the reference shims (stdlib/ref/nx.exs, stdlib/ref/explorer.exs,
# stdlib/ref/polaris.exs): runs every program of test/diff/corpus_nx, test/diff/corpus_explorer
# and test/diff/corpus_grad under
# `elixir -r stdlib/ref/nx.exs -r stdlib/ref/explorer.exs -r stdlib/ref/polaris.exs` (from the
# repository root), exactly as test/diff/run_diff.py --require runs the Elixir side, and
# compares the result of each `# CALL:` with the reviewed expected output FILE.out.
# A full run (no FILES) also runs stdlib/ref/gradcheck.exs, the finite-difference check
# of every gradient rule of nx.exs.
#
# Usage: stdlib/ref/check.sh [--update] [FILES.hx...]
#   --update  rewrite the .out files instead of comparing (review the diff!)
# Exit status: 0 all programs match, 1 a mismatch or failure, 2 bad usage.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
exec /usr/bin/python3 - "$root" "$@" <<'PY'
import difflib, os, subprocess, sys, tempfile
root = sys.argv[1]
args = sys.argv[2:]
update = "--update" in args
files = [a for a in args if a != "--update"]
if any(f.startswith("-") for f in files):
    sys.stderr.write("usage: check.sh [--update] [FILES.hx...]\n")
    sys.exit(2)
sys.path.insert(0, os.path.join(root, "test", "diff"))
import run_diff  # same script generator and output splitting as the diff tests

# Explorer part: explorer.exs is required after nx.exs (Series.to_tensor needs Nx) and
# loop.exs (DF.shuffle uses its permutation), and
# corpus_explorer is checked too; programs run from the repository root, where their
# data paths (test/diff/corpus_explorer/data/...) are relative to.
shims = []
for name in ("nx.exs", "loop.exs", "explorer.exs", "polaris.exs"):
    if os.path.isfile(os.path.join(root, "stdlib", "ref", name)):
        shims += ["-r", os.path.join(root, "stdlib", "ref", name)]
gradcheck = not files and not update
if not files:
    files = run_diff.find_files([os.path.join(root, "test", "diff", d)
                                 for d in ("corpus_nx", "corpus_explorer", "corpus_grad")
                                 if os.path.isdir(os.path.join(root, "test", "diff", d))])

def render(calls, outputs):
    return "".join("# CALL: %s\n%s" % (c, o) for c, o in zip(calls, outputs))

failed = 0
with tempfile.TemporaryDirectory() as work:
    # the shims compiled once (elixirc), loaded as .beam files: compiling them
    # again for every program was most of this test's time
    class ShimArgs:
        require = [shims[k + 1] for k in range(0, len(shims), 2)]
        elixir = "elixir"
    ShimArgs.work = work
    beams = run_diff.compile_shims(ShimArgs)
    if beams:
        shims = ["-pa", beams]
    for i, path in enumerate(files):
        calls = run_diff.read_calls(path)
        script = os.path.join(work, "%03d.exs" % i)
        with open(script, "w", encoding="utf-8") as f:
            f.write(run_diff.elixir_script(path, calls))
        p = subprocess.run(["elixir"] + shims + [script], stdin=subprocess.DEVNULL, cwd=root,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
        out = p.stdout.decode("utf-8", "replace")
        if run_diff.END not in out:
            print("FAIL %s: elixir failed (exit %d): %s" % (path, p.returncode,
                  run_diff.first_lines(p.stderr.decode("utf-8", "replace"), 6)))
            failed += 1
            continue
        parts = out[:out.index(run_diff.END)].split(run_diff.MARK + "\n")
        got = render(calls, parts[1:])
        expected_path = os.path.splitext(path)[0] + ".out"
        if update:
            with open(expected_path, "w", encoding="utf-8") as f:
                f.write(got)
            print("wrote %s (%d calls)" % (os.path.relpath(expected_path, root), len(calls)))
            continue
        try:
            with open(expected_path, encoding="utf-8") as f:
                expected = f.read()
        except OSError:
            print("FAIL %s: no expected output %s" % (path, expected_path))
            failed += 1
            continue
        if got != expected:
            failed += 1
            print("FAIL %s" % path)
            sys.stdout.writelines(difflib.unified_diff(
                expected.splitlines(True), got.splitlines(True), "expected", "got", n=2))
        else:
            print("ok   %s (%d calls)" % (os.path.relpath(path, root), len(calls)))
if gradcheck:
    script = os.path.join(root, "stdlib", "ref", "gradcheck.exs")
    p = subprocess.run(["elixir", "-r", os.path.join(root, "stdlib", "ref", "nx.exs"), script],
                       stdin=subprocess.DEVNULL, cwd=root, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=600)
    out = p.stdout.decode("utf-8", "replace")
    checks = [l for l in out.splitlines() if l.startswith(("ok  ", "FAIL"))]
    bad = [l for l in checks if l.startswith("FAIL")]
    if p.returncode != 0 or bad or not checks:
        failed += 1
        print("FAIL stdlib/ref/gradcheck.exs (exit %d)" % p.returncode)
        sys.stdout.write("".join(l + "\n" for l in (bad or out.splitlines()[-20:])))
    else:
        print("ok   stdlib/ref/gradcheck.exs (%d checks)" % len(checks))
print("%d files, %d failed" % (len(files) + (1 if gradcheck else 0), failed))
sys.exit(1 if failed else 0)
PY
