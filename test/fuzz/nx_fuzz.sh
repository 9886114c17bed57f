#!/bin/sh
# Random differential testing of tensor (Nx) programs: generates N programs
# of seed SEED with gen_nx.py into WORK/programs and runs them with
# test/diff/run_diff.py under hastec and under Elixir with the Nx shim
# stdlib/ref/nx.exs. The last line is run_diff's `N passed, M failed`
# (counted per call); the exit status is run_diff's (0: all passed).
#
#   HASTEC=build/bin/hastec test/fuzz/nx_fuzz.sh SEED N [WORK] [run_diff options...]
#
# GEN_NX_DEPTH=D: deeper expressions (default 4).
# Program I of seed S alone: python3 test/fuzz/gen_nx.py --seed S --index I.
set -eu
if [ $# -lt 2 ]; then
  echo "usage: HASTEC=path/to/hastec $0 SEED N [WORK] [run_diff options...]" >&2
  exit 2
fi
seed=$1
n=$2
shift 2
work=${1:-${TMPDIR:-/tmp}/nx-fuzz-$seed}
[ $# -gt 0 ] && shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
hastec=${HASTEC:-$root/build/bin/hastec}
if [ ! -x "$hastec" ]; then
  echo "$0: no hastec binary at $hastec (set HASTEC)" >&2
  exit 2
fi
rm -rf "$work/programs"
mkdir -p "$work/programs"
python3 "$here/gen_nx.py" --seed "$seed" -n "$n" --depth "${GEN_NX_DEPTH:-4}" --out "$work/programs"
# --float-abs-tol: sums of rounded f32 values that cancel to ~0 differ by
# ~1e-7 between hastec's f32 (reassociated) and the shim's per-op rounding.
exec python3 "$root/test/diff/run_diff.py" --hastec "$hastec" --work "$work/diff" \
  --require "$root/stdlib/ref/nx.exs" --float-rel-tol 1e-5 --float-abs-tol 1e-5 \
  "$@" "$work/programs"
