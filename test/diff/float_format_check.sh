#!/usr/bin/env bash
# \file float_format_check.sh
# Checks libhxrt's hx_format_float against real Elixir on tens of thousands
# of doubles: every power of two (the lopsided rounding intervals), powers
# of ten, the decimal/scientific thresholds, subnormals, random bit patterns
# of every magnitude and random short decimals. One elixir run prints them
# all (its startup is the expensive part). Values travel as their IEEE bit
# patterns so that neither side parses the other's text.
# Usage: test/diff/float_format_check.sh [COUNT]   (exit 0 when identical)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
COUNT="${1:-20000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cat > "$WORK/floatgen.c" <<'CEOF'
/* gen N: prints bit patterns of test doubles; fmt: formats them. */
#include "hxrt.h"
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void) { /* splitmix64: deterministic across runs */
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}
static void emit(double v) {
  if (!isfinite(v)) return;
  uint64_t b;
  memcpy(&b, &v, 8);
  printf("%llu\n", (unsigned long long)b);
  v = -v;
  memcpy(&b, &v, 8);
  printf("%llu\n", (unsigned long long)b);
}
int main(int argc, char **argv) {
  if (argc >= 3 && !strcmp(argv[1], "gen")) {
    long count = atol(argv[2]);
    emit(0.0); emit(5e-324); emit(DBL_MIN); emit(DBL_MAX); emit(DBL_EPSILON);
    emit(nextafter(DBL_MIN, 0)); emit(nextafter(DBL_MAX, 0)); emit(1e-323);
    for (int e = -1074; e <= 1023; e++) {
      double p = ldexp(1.0, e);
      emit(p); emit(nextafter(p, 0)); emit(nextafter(p, INFINITY));
    }
    for (int e = -323; e <= 308; e++) {
      char s[32];
      snprintf(s, sizeof s, "1e%d", e);
      double p = strtod(s, NULL);
      emit(p); emit(nextafter(p, 0)); emit(nextafter(p, INFINITY));
      snprintf(s, sizeof s, "1.5e%d", e); emit(strtod(s, NULL));
      snprintf(s, sizeof s, "9.999999999999999e%d", e); emit(strtod(s, NULL));
      snprintf(s, sizeof s, "1.2345678901234567e%d", e); emit(strtod(s, NULL));
    }
    for (long i = 0; i < count; i++) {
      uint64_t b = rnd() & 0x7FFFFFFFFFFFFFFFull; /* any finite magnitude */
      double v;
      memcpy(&v, &b, 8);
      emit(v);
      /* a random short decimal near the decimal/scientific boundaries */
      int digits = 1 + (int)(rnd() % 17);
      uint64_t m = rnd() % 100000000000000000ull;
      for (int k = digits; k < 17; k++) m /= 10;
      char s[48];
      snprintf(s, sizeof s, "%llue%d", (unsigned long long)m,
               (int)(rnd() % 50) - 30);
      emit(strtod(s, NULL));
      emit((double)(int64_t)(rnd() >> (rnd() % 64)));
      emit(ldexp((double)(rnd() >> 11), (int)(rnd() % 140) - 90));
    }
    return 0;
  }
  if (argc >= 2 && !strcmp(argv[1], "fmt")) {
    char line[64], buf[64];
    while (fgets(line, sizeof line, stdin)) {
      uint64_t b = strtoull(line, NULL, 10);
      double v;
      memcpy(&v, &b, 8);
      hx_format_float(buf, sizeof buf, v);
      puts(buf);
    }
    return 0;
  }
  fprintf(stderr, "usage: floatgen gen N | floatgen fmt\n");
  return 2;
}
CEOF

cc -std=c11 -O2 -I"$ROOT/runtime/include" -I"$ROOT/runtime" -o "$WORK/floatgen" \
  "$WORK/floatgen.c" "$ROOT/runtime/hxrt.c" "$ROOT/runtime/inspect.c" -lm
"$WORK/floatgen" gen "$COUNT" > "$WORK/bits.txt"
"$WORK/floatgen" fmt < "$WORK/bits.txt" > "$WORK/hastec.txt"
elixir -e '
[path] = System.argv()
path
|> File.stream!()
|> Enum.map(fn line ->
  <<f::float-64>> = <<String.to_integer(String.trim(line))::64>>
  [inspect(f, limit: :infinity, width: :infinity), ?\n]
end)
|> IO.binwrite()
' "$WORK/bits.txt" < /dev/null > "$WORK/elixir.txt"

total=$(wc -l < "$WORK/bits.txt")
if ! diff <(paste -d' ' "$WORK/bits.txt" "$WORK/elixir.txt") \
          <(paste -d' ' "$WORK/bits.txt" "$WORK/hastec.txt") > "$WORK/diff.txt"; then
  echo "float_format_check: MISMATCH (< elixir, > hastec; bit pattern first):"
  head -40 "$WORK/diff.txt"
  echo "$(grep -c '^<' "$WORK/diff.txt") of $total values differ"
  exit 1
fi
echo "float_format_check: $total values identical to elixir"
