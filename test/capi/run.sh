#!/usr/bin/env bash
# \file run.sh
# The C ABI test: builds test/capi/capi_model.hx with `hastec build`,
# compiles capi_test.c against the generated header and libhxrt, runs it,
# and checks its output three ways:
#   1. the C program's own checks (exit status 0);
#   2. every `CALL<TAB>RESULT` line it prints equals what
#      `hastec run capi_model.hx -e CALL` prints (stdout on exit 0, the
#      first line of stderr on exit 3);
#   3. the whole output equals the golden capi_expected.txt.
# Then tensor_run.sh does the same for tensors (tensor_model.hx).
# Usage: run.sh HASTEC RUNTIME_INCLUDE_DIR WORKDIR
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
# A private compile cache: a rebuilt compiler never meets a stale .so.
export HX_CACHE_DIR="$WORK/cache"
rm -rf "$HX_CACHE_DIR"

passed=0
failed=0
fail() {
  echo "FAIL $*"
  failed=$((failed + 1))
}

if ! "$HASTEC" build "$HERE/capi_model.hx" -o "$WORK/libcapi_model.so"; then
  fail "hastec build capi_model.hx"
  echo "$passed passed, $failed failed"
  exit 1
fi
if [ ! -f "$WORK/capi_model.h" ]; then
  fail "hastec build did not write $WORK/capi_model.h"
  echo "$passed passed, $failed failed"
  exit 1
fi
if ! "$CC" -std=c99 -Wall -Wextra -Werror -g -I "$WORK" -I "$RTINC" "$HERE/capi_test.c" -o "$WORK/capi_test" \
    -L "$WORK" -lcapi_model -L "$HXLIB" -lhxrt -Wl,-rpath,"$WORK" -Wl,-rpath,"$HXLIB" -lm; then
  fail "cc capi_test.c"
  echo "$passed passed, $failed failed"
  exit 1
fi

"$WORK/capi_test" >"$WORK/capi_out.txt" 2>"$WORK/capi_err.txt"
rc=$?
if [ $rc -eq 0 ]; then
  passed=$((passed + 1))
else
  fail "capi_test exited $rc: $(grep 'FAILED' "$WORK/capi_out.txt" | head -5 | tr '\n' ' ') $(head -3 "$WORK/capi_err.txt" | tr '\n' ' ')"
fi

# Every call the C program made must print the same under `hastec run`.
while IFS=$'\t' read -r call want; do
  "$HASTEC" run "$HERE/capi_model.hx" -e "$call" >"$WORK/run_out.txt" 2>"$WORK/run_err.txt" </dev/null
  hrc=$?
  case $hrc in
    0) got="$(cat "$WORK/run_out.txt")" ;;
    3) got="$(head -n 1 "$WORK/run_err.txt")" ;;
    *) got="<hastec exit $hrc> $(head -n 2 "$WORK/run_err.txt" | tr '\n' ' ')" ;;
  esac
  if [ "$got" == "$want" ]; then
    passed=$((passed + 1))
  else
    fail "$call: C printed '$want', hastec run printed '$got'"
  fi
done < <(grep -P '\t' "$WORK/capi_out.txt")

if diff -u "$HERE/capi_expected.txt" "$WORK/capi_out.txt" >"$WORK/golden.diff"; then
  passed=$((passed + 1))
else
  fail "output differs from capi_expected.txt:"
  head -40 "$WORK/golden.diff"
fi

# Tensors (hxrt_tensor.h): their own model, C program and golden file.
if ! bash "$HERE/tensor_run.sh" "$HASTEC" "$RTINC" "$WORK/tensor"; then
  fail "tensor_run.sh (the tensor C ABI test; its lines are above)"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
