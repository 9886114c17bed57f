#!/usr/bin/env bash
# \file ab.sh
# Before/after timing of hxrt_csv_read: the same file, read in turn by
# csv_bench linked against each build given (interleaved, so that a
# neighbour's load falls on all of them alike), at each thread count.
# Prints one line per run, then per build and thread count the best and the
# median MB/s (wall) and MB per CPU-second, with the machine and its load.
#
#   bench/csv/ab.sh FILE.csv ROUNDS "THREADS..." NAME=DIR [NAME=DIR ...]
#
# DIR holds csv_bench and the libhxrt.so it runs with, e.g. for a build
# folder B: cp B/lib/libhxrt.so DIR/ && cc -O2 -Iruntime/include -o
# DIR/csv_bench bench/csv/csv_bench.c -LDIR -lhxrt -Wl,-rpath,'$ORIGIN'
# (bench/csv/prebuilt/ is git-ignored; such folders run on another machine
# as they are). Each run is one read (csv_bench FILE 1), so a round costs a
# read per build and thread count.
set -euo pipefail
FILE="$1" ROUNDS="$2" THREADS="$3"
shift 3
LOG="$(mktemp)"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg) before"
for round in $(seq "$ROUNDS"); do
  for t in $THREADS; do
    for b in "$@"; do
      name="${b%%=*}" dir="${b#*=}"
      out="$(HX_NUM_THREADS=$t "$dir/csv_bench" "$FILE" 1)"
      echo "$name $t $out" | tee -a "$LOG"
    done
  done
done
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) after"
echo
echo "| build | threads | best MB/s | median MB/s | best MB per CPU-s | median MB per CPU-s | runs |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for t in $THREADS; do
  for b in "$@"; do
    name="${b%%=*}"
    awk -v n="$name" -v t="$t" '$1 == n && $2 == t {
        for (i = 3; i < NF; i++) { if ($i == "MB/s") w[++k] = $(i + 1); if ($i == "MB/cpu_s") c[k] = $(i + 1) }
      }
      function med(a, m,   s, i, j, x) { for (i = 1; i <= m; i++) s[i] = a[i]
        for (i = 2; i <= m; i++) { x = s[i]; for (j = i - 1; j >= 1 && s[j] > x; j--) s[j + 1] = s[j]; s[j + 1] = x }
        return m % 2 ? s[(m + 1) / 2] : (s[m / 2] + s[m / 2 + 1]) / 2 }
      END { bw = 0; bc = 0; for (i = 1; i <= k; i++) { if (w[i] > bw) bw = w[i]; if (c[i] > bc) bc = c[i] }
        printf "| %s | %s | %.0f | %.0f | %.0f | %.0f | %d |\n", n, t, bw, med(w, k), bc, med(c, k), k }' "$LOG"
  done
done
rm -f "$LOG"
