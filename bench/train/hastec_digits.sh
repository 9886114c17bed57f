#!/usr/bin/env bash
# \file hastec_digits.sh
# hastec's row of the digits training benchmark (issue 7): times a compiled
# fit-loop program (Hx.Loop.run) epoch by epoch and prints a few lines for
# people and one `JSON {...}` line for bench/train/run.sh / report.py (the
# fields of torch_digits.py's line).
#
#   bench/train/hastec_digits.sh [--epochs N] [--program FILE.hx --call 'Mod.fun()']
#                                [--hastec PATH] [--timing stamped|printed]
#
# Program: samples/digits_mlp.hx / DigitsMlp.train() when it exists, else the
# stand-in bench/train/digits_fit_synth.hx / DigitsFitSynth.train() (same
# model, optimizer and batch on synthetic tensors of the digits shapes; the
# JSON's "note" and "synthetic" say which ran). The call must print the test
# accuracy (a number on stdout).
# hastec: --hastec, else $HASTEC, else build/bin/hastec, else hastec on PATH.
# Threads: HX_NUM_THREADS, as for the peers (unset: all CPUs).
# --epochs N: run a copy of the program (in a temporary folder) with its one
# `epochs: K` literal (or `@epochs K` attribute; with several, the one inside
# the called function's `def`) replaced by N; without it, or when there is no
# such single literal, the program's own count runs
# (the JSON's "epochs" is always the count that ran).
#
# What is measured: the program is compiled (and run once, silent) first, so
# the compile cache serves the timed run. The timed run has HX_PROGRESS=plain:
# the loop writes (and flushes) `Epoch k/N: loss ... (S s)` on stderr at the
# end of each epoch, S being the epoch's wall time measured inside the program
# (permutation, the steps, the accuracy pass over the training rows),
# printed with 2 decimals, i.e. 10 ms steps. Each line is also stamped as it
# arrives (perf_counter, with the process's CPU time from /proc/PID/stat):
#   ms/epoch (median, min) = over epochs 2..N of the time between the lines of
#     epochs k-1 and k, clamped to S +- 5 ms (--timing stamped, the default:
#     sub-ms resolution where the reader was not delayed, never off by more
#     than the rounding), or of the printed S (--timing printed); all three
#     sets are in the JSON;
#   CPU ms/epoch = process CPU time (all threads, user + system) from the line
#     of epoch 1 to the line of epoch N, divided by N - 1 (a mean: the clock
#     ticks are 10 ms); the whole run's CPU time (wait4's rusage, what
#     /usr/bin/time reports: start-up, data, test accuracy included) / N is in
#     "cpu_ms_per_epoch_whole_run".
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="${BENCH_PYTHON:-/usr/bin/python3}"
EPOCHS="" PROGRAM="" CALL="" HX="${HASTEC:-}" TIMING=stamped
usage() { awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) EPOCHS="${2:?--epochs needs a number}"; shift 2 ;;
    --program) PROGRAM="${2:?--program needs a file}"; shift 2 ;;
    --call) CALL="${2:?--call needs an expression}"; shift 2 ;;
    --hastec) HX="${2:?--hastec needs a path}"; shift 2 ;;
    --timing) TIMING="${2:?--timing needs stamped or printed}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "hastec_digits.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$TIMING" in stamped|printed) ;; *) echo "hastec_digits.sh: --timing is stamped or printed, not $TIMING" >&2; exit 2 ;; esac
if [ -n "$EPOCHS" ] && ! [[ "$EPOCHS" =~ ^[0-9]+$ && "$EPOCHS" -ge 2 ]]; then
  echo "hastec_digits.sh: --epochs must be a whole number of at least 2 (epoch 1 is left out of the median), not $EPOCHS" >&2; exit 2
fi
if [ -z "$PROGRAM" ]; then
  [ -z "$CALL" ] || { echo "hastec_digits.sh: --call needs --program" >&2; exit 2; }
  if [ -f "$ROOT/samples/digits_mlp.hx" ]; then
    PROGRAM="$ROOT/samples/digits_mlp.hx" CALL="DigitsMlp.train()"
  else
    PROGRAM="$HERE/digits_fit_synth.hx" CALL="DigitsFitSynth.train()"
  fi
elif [ -z "$CALL" ]; then
  echo "hastec_digits.sh: --program needs --call 'Module.fun()'" >&2; exit 2
fi
[ -f "$PROGRAM" ] || { echo "hastec_digits.sh: no such program: $PROGRAM" >&2; exit 1; }
if [ -z "$HX" ]; then
  if [ -x "$ROOT/build/bin/hastec" ]; then HX="$ROOT/build/bin/hastec"
  else HX="$(command -v hastec || true)"; fi
fi
if [ -z "$HX" ] || ! [ -x "$HX" ]; then
  echo "hastec_digits.sh: no hastec compiler (${HX:-none found}): build it (tools/demo.sh builds build/bin/hastec) or pass --hastec PATH / set HASTEC" >&2
  exit 1
fi

abspath() { case "$1" in /*) echo "$1" ;; */*) echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")" ;; *) echo "$1" ;; esac; }
HX="$(abspath "$HX")" PROGRAM="$(abspath "$PROGRAM")"
case "$PROGRAM" in /*) ;; *) PROGRAM="$PWD/$PROGRAM" ;; esac
cd "$ROOT"   # the program's relative paths (its data file) are relative to the repository root
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
"$PY" - "$HX" "$PROGRAM" "$CALL" "$TIMING" "${EPOCHS:-0}" "$tmp" "$ROOT" <<'PYEOF'
import os, re, subprocess, sys, time, statistics
hx, program, call, timing, want_epochs, tmp, root = sys.argv[1:]
want_epochs = int(want_epochs)
sys.path.insert(0, os.path.join(root, "bench", "train"))
import benchcommon  # noqa: E402

threads = benchcommon.set_threads()   # HX_NUM_THREADS or all CPUs (exports OMP_NUM_THREADS too)
rel = os.path.relpath(program, root)
synthetic = os.path.basename(program) == "digits_fit_synth.hx"

def die(msg, code=1):
    print(f"hastec_digits.sh: {msg}", file=sys.stderr)
    sys.exit(code)

# --epochs: a copy of the program with its one epoch count replaced
run_prog, epochs_note = program, ""
if want_epochs:
    src = open(program).read()
    pats = [r"(\bepochs:\s*)(\d+)", r"(@epochs\s+)(\d+)"]
    hits = [(p, m) for p in pats for m in re.finditer(p, src)]
    if len(hits) > 1:
        # several (e.g. train/0 and a quick/0): the one inside the called function's def, if just one
        fm = re.match(r"\s*[\w.]+\.(\w+[?!]?)\s*\(", call)
        d = re.search(r"^[ \t]*def\s+" + re.escape(fm.group(1)) + r"\b.*$", src, re.M) if fm else None
        if d:
            nxt = re.compile(r"^[ \t]*(def|defp|defn|defnp|defmacro)\s", re.M).search(src, d.end())
            end = nxt.start() if nxt else len(src)
            inside = [h for h in hits if d.start() <= h[1].start() < end]
            hits = inside if len(inside) == 1 else hits
    if len(hits) == 1:
        p, m = hits[0]
        if int(m.group(2)) != want_epochs:
            run_prog = os.path.join(tmp, os.path.basename(program))
            with open(run_prog, "w") as f:
                f.write(src[:m.start(2)] + str(want_epochs) + src[m.end(2):])
            epochs_note = f"; a copy with {m.group(1).strip()} {want_epochs} (the file says {m.group(2)})"
    else:
        epochs_note = (f"; --epochs {want_epochs} ignored ({len(hits)} epoch literals in the file and none alone in "
                       f"the called function): its own count ran")

env = dict(os.environ)
# 1. compile into hastec run's cache (and run once, silently): compile time is not measured
warm = subprocess.run([hx, "run", run_prog, "-e", call], env={**env, "HX_PROGRESS": "off"},
                      capture_output=True, text=True)
if warm.returncode != 0:
    sys.stderr.write(warm.stdout + warm.stderr)
    die(f"`hastec run {rel} -e '{call}'` failed (exit {warm.returncode}) before timing; output above")

# 2. the timed run: stderr lines stamped on arrival
tick = os.sysconf("SC_CLK_TCK")
def cpu_s(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / tick   # utime + stime, all threads
    except (OSError, IndexError, ValueError):
        return None

line_re = re.compile(r"^Epoch (\d+)/(\d+): loss (\S+)(?: acc (\S+))?.*\((\d+(?:\.\d+)?) s\)\s*$")
out_path = os.path.join(tmp, "stdout")
with open(out_path, "w") as out:
    t0 = time.perf_counter()
    proc = subprocess.Popen([hx, "run", run_prog, "-e", call], env={**env, "HX_PROGRESS": "plain"},
                            stdout=out, stderr=subprocess.PIPE)
    epochs, other = [], []   # epochs: (k, n, loss, acc, printed_s, stamp_s, cpu_s)
    for raw in proc.stderr:
        stamp, cpu = time.perf_counter() - t0, cpu_s(proc.pid)
        line = raw.decode(errors="replace").rstrip("\n")
        m = line_re.match(line)
        if m:
            epochs.append((int(m.group(1)), int(m.group(2)), float(m.group(3)),
                           float(m.group(4)) if m.group(4) else None, float(m.group(5)), stamp, cpu))
        elif line.strip():
            other.append(line)
    _, status, ru = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
wall_total = time.perf_counter() - t0
stdout = open(out_path).read()
if proc.returncode != 0:
    sys.stderr.write("\n".join(other) + "\n" + stdout)
    die(f"the timed run of {rel} exited {proc.returncode}; output above")
if len(epochs) < 2:
    die(f"{rel} printed {len(epochs)} `Epoch k/N: ... (S s)` lines on stderr with HX_PROGRESS=plain; "
        f"need at least 2 (is it a Hx.Loop.run program?)" + (f"; other stderr: {other[:3]}" if other else ""))
n = epochs[0][1]
if [e[0] for e in epochs] != list(range(1, len(epochs) + 1)):
    die(f"epoch lines out of order: {[e[0] for e in epochs]}")
stopped = len(epochs) < n
nums = re.findall(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?", stdout)
acc = float(nums[-1]) if nums else None
if acc is not None and not 0.0 <= acc <= 1.0:
    acc = None

# epochs 2..N. Line-to-line times have the reader's scheduling jitter (on a busy machine two lines can
# arrive together: one delta near 0, the one before it long); the printed S has none but is rounded to
# 10 ms, so the true epoch time lies within S +- 5 ms: each line-to-line time is clamped to that interval.
raw_stamped = [1e3 * (b[5] - a[5]) for a, b in zip(epochs, epochs[1:])]
printed = [1e3 * e[4] for e in epochs[1:]]
stamped = [min(max(d, p - 5.0, 0.0), p + 5.0) for d, p in zip(raw_stamped, printed)]
clamped = sum(1 for d, s in zip(raw_stamped, stamped) if d != s)
cpu_epochs = None
if epochs[0][6] is not None and epochs[-1][6] is not None:
    cpu_epochs = 1e3 * (epochs[-1][6] - epochs[0][6]) / (len(epochs) - 1)
cpu_whole = 1e3 * (ru.ru_utime + ru.ru_stime) / len(epochs)
sel = stamped if timing == "stamped" else printed
med, lo = statistics.median(sel), min(sel)

ver = subprocess.run([hx, "--version"], capture_output=True, text=True).stdout.strip().replace("hastec ", "") or "?"
git = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
m = benchcommon.machine(threads)
what = ("stand-in bench/train/digits_fit_synth.hx (synthetic data of the digits shapes: times comparable, "
        "accuracy not)" if synthetic else rel)
note = f"program {what}, call {call}{epochs_note}"
k = len(epochs)
print(f"machine: {m['cpu']}, {m['cpus']} CPUs, load average {m['loadavg']}")
print(f"hastec {ver} ({hx}, git {git}), threads {threads} ({m['threads_from']}); {note}")
print(f"ms/epoch over epochs 2..{k}, between stderr lines ({clamped} of {k - 1} clamped to the printed +- 5 ms): median {statistics.median(stamped):.2f}, min {min(stamped):.2f}, "
      f"max {max(stamped):.2f}; printed by the loop (10 ms steps): median {statistics.median(printed):.2f}, "
      f"min {min(printed):.2f} (epoch 1: {1e3 * epochs[0][4]:.0f})")
print(f"CPU ms/epoch over epochs 2..{k}: " + (f"{cpu_epochs:.2f}" if cpu_epochs is not None else "n/a")
      + f"; whole run {wall_total:.2f} s wall, CPU / {k} epochs = {cpu_whole:.2f} ms")
print(f"loss epoch 1 {epochs[0][2]:.4f} -> epoch {k} {epochs[-1][2]:.4f}" + (f" (early stop of {n})" if stopped else "")
      + f"; test accuracy {'n/a' if acc is None else f'{100 * acc:.2f} %'}" + (" (synthetic data)" if synthetic else ""))
if clamped > (k - 1) // 2:
    print(f"warning: {clamped} of {k - 1} line-to-line epoch times fell outside the printed seconds +- 5 ms "
          "(a very busy machine, or a loop that does more between epochs than it times)", file=sys.stderr)
benchcommon.emit({
    "impl": "hastec", "version": ver, "git": git, "mode": "Hx.Loop fit loop, CPU",
    "program": rel, "call": call, "synthetic": synthetic, "note": note,
    "epochs": k, "epochs_planned": n,
    "ms_per_epoch": med, "ms_per_epoch_min": lo, "first_epoch_ms": 1e3 * epochs[0][4],
    "cpu_ms_per_epoch": cpu_epochs if cpu_epochs is not None else cpu_whole,
    "cpu_ms_per_epoch_whole_run": cpu_whole,
    "cpu_timing": (f"process CPU (all threads) from the line of epoch 1 to that of epoch {k}, / {k - 1}"
                   if cpu_epochs is not None else f"whole run's CPU (wait4 rusage) / {k}"),
    "epoch_ms_stamped": [round(x, 3) for x in stamped], "epoch_ms_printed": printed,
    "epoch_ms_between_lines": [round(x, 3) for x in raw_stamped], "clamped": clamped,
    "test_accuracy": acc, "train_accuracy": epochs[-1][3], "final_loss": epochs[-1][2],
    "timing": f"median over epochs 2..{k}, " + ("time between the epochs' stderr lines, clamped to the printed seconds +- 5 ms" if timing == "stamped"
                                               else "the loop's printed epoch seconds (10 ms steps)"),
    "machine": m,
})
PYEOF
