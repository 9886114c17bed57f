#!/usr/bin/env bash
# \file tensor_run.sh
# The C ABI test of tensors (run by run.sh, so by the `capi` ctest): builds
# test/capi/tensor_model.hx with `hastec build`, compiles tensor_test.c
# against the generated header, hxrt_tensor.h and libhxrt, runs it, and
# checks its output three ways, as run.sh does for capi_test.c:
#   1. the C program's own checks (exit status 0);
#   2. every `CALL<TAB>RESULT` line equals what
#      `hastec run tensor_model.hx -e CALL` prints (stdout on exit 0, with
#      newlines written as \n; the first line of stderr on exit 3);
#   3. the whole output equals the golden tensor_expected.txt.
# Then: tensor_bad_spec.hx and tensor_bad_result.hx must fail to build with
# the messages they list; and, when python3 is there, tensor_ctypes.py calls
# the same library through ctypes.
# Usage: tensor_run.sh HASTEC RUNTIME_INCLUDE_DIR WORKDIR
# Prints one line per mismatch and `N passed, M failed`; exit 1 on failure.
set -u
if [ $# -ne 3 ]; then
  echo "usage: $0 HASTEC RUNTIME_INCLUDE_DIR WORKDIR" >&2
  exit 2
fi
HERE="$(cd "$(dirname "$0")" && pwd)"
HASTEC="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
RTINC="$2"
WORK="$3"
HXLIB="$(cd "$(dirname "$HASTEC")/../lib" && pwd)"
CC="${CC:-cc}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
export HX_CACHE_DIR="$WORK/cache"
rm -rf "$HX_CACHE_DIR"

passed=0
failed=0
fail() {
  echo "FAIL $*"
  failed=$((failed + 1))
}
finish() {
  echo "$passed passed, $failed failed"
  [ $failed -eq 0 ]
  exit $?
}

if ! "$HASTEC" build "$HERE/tensor_model.hx" -o "$WORK/libtensor_model.so"; then
  fail "hastec build tensor_model.hx"
  finish
fi
if ! "$CC" -std=c99 -Wall -Wextra -Werror -g -I "$WORK" -I "$RTINC" "$HERE/tensor_test.c" -o "$WORK/tensor_test" \
    -L "$WORK" -ltensor_model -L "$HXLIB" -lhxrt -Wl,-rpath,"$WORK" -Wl,-rpath,"$HXLIB" -lm; then
  fail "cc tensor_test.c"
  finish
fi

"$WORK/tensor_test" >"$WORK/tensor_out.txt" 2>"$WORK/tensor_err.txt"
rc=$?
if [ $rc -eq 0 ]; then
  passed=$((passed + 1))
else
  fail "tensor_test exited $rc: $(grep 'FAILED' "$WORK/tensor_out.txt" | head -5 | tr '\n' ' ') $(head -3 "$WORK/tensor_err.txt" | tr '\n' ' ')"
fi

while IFS=$'\t' read -r call want; do
  "$HASTEC" run "$HERE/tensor_model.hx" -e "$call" >"$WORK/run_out.txt" 2>"$WORK/run_err.txt" </dev/null
  hrc=$?
  case $hrc in
    0) got="$(awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }' "$WORK/run_out.txt")" ;;
    3) got="$(head -n 1 "$WORK/run_err.txt")" ;;
    *) got="<hastec exit $hrc> $(head -n 2 "$WORK/run_err.txt" | tr '\n' ' ')" ;;
  esac
  if [ "$got" == "$want" ]; then
    passed=$((passed + 1))
  else
    fail "$call: C printed '$want', hastec run printed '$got'"
  fi
done < <(grep -P '\t' "$WORK/tensor_out.txt")

if diff -u "$HERE/tensor_expected.txt" "$WORK/tensor_out.txt" >"$WORK/tensor_golden.diff"; then
  passed=$((passed + 1))
else
  fail "output differs from tensor_expected.txt:"
  head -40 "$WORK/tensor_golden.diff"
fi

# @specs that must be refused: the build fails and prints every `# ERROR:` line.
for bad in tensor_bad_spec tensor_bad_result; do
  (cd "$HERE" && "$HASTEC" build "$bad.hx" -o "$WORK/lib$bad.so") >"$WORK/$bad.out" 2>&1
  brc=$?
  if [ $brc -ne 1 ]; then
    fail "hastec build $bad.hx exited $brc, not 1"
    continue
  fi
  while IFS= read -r want; do
    if grep -qF -- "$want" "$WORK/$bad.out"; then
      passed=$((passed + 1))
    else
      fail "hastec build $bad.hx did not print: $want"
    fi
  done < <(sed -n 's/^# ERROR: //p' "$HERE/$bad.hx")
done

if command -v python3 >/dev/null; then
  if python3 "$HERE/tensor_ctypes.py" "$WORK/libtensor_model.so" "$HXLIB/libhxrt.so" >"$WORK/ctypes_out.txt" 2>&1; then
    passed=$((passed + 1))
  else
    fail "tensor_ctypes.py: $(tail -5 "$WORK/ctypes_out.txt" | tr '\n' ' ')"
  fi
fi
finish
