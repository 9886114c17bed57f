#!/usr/bin/env bash
# \file run.sh
# CSV -> typed columns: libhxrt's hxrt_csv_read against pandas.read_csv on a
# synthetic CSV (gen_csv.c: 11 columns, ~1% "NA"), kept in /tmp, never in git.
# Prints a markdown table (wall MB/s, MB per CPU-second, ratio) naming the
# machine (lscpu) and its load average: on a shared machine the wall clock
# measures the neighbours too, MB per CPU-second much less so.
#
#   bench/csv/run.sh [MEGABYTES] [--reps N] [--no-install]
#
# MEGABYTES defaults to 1000 (the issue's 1 GB). Environment: HX_CSV_BUILD
# (a build folder with lib/libhxrt.so; default build-csv, configured and
# built here if missing), HX_NUM_THREADS (the reader's thread count: the
# table then has 1 and that many; default 1 and 2), HX_CSV_THREADS (an
# explicit list, e.g. "1 2 4 16"), CC.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/../.." && pwd)"
SIZE=1000 REPS=3 INSTALL=1
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) REPS="$2"; shift 2 ;;
    --no-install) INSTALL=0; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) SIZE="$1"; shift ;;
  esac
done
BUILD="${HX_CSV_BUILD:-$ROOT/build-csv}"
if [ -n "${HX_CSV_THREADS:-}" ]; then
  THREADS="$HX_CSV_THREADS"
elif [ -n "${HX_NUM_THREADS:-}" ] && [ "$HX_NUM_THREADS" != 1 ]; then
  THREADS="1 $HX_NUM_THREADS"
else
  THREADS="1 2"
fi
CC="${CC:-cc}"
WORK=/tmp/hx_csv_bench
FILE="$WORK/bench_${SIZE}MB.csv"
mkdir -p "$WORK"

if [ ! -f "$BUILD/lib/libhxrt.so" ]; then
  [ -f "$BUILD/build.ninja" ] || cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  nice -n 10 ninja -C "$BUILD" -j1 hxrt >/dev/null
fi
"$CC" -O2 -o "$WORK/gen_csv" "$BENCH/gen_csv.c"
"$CC" -O2 -I"$ROOT/runtime/include" -o "$WORK/csv_bench" "$BENCH/csv_bench.c" \
  -L"$BUILD/lib" -lhxrt -Wl,-rpath,"$BUILD/lib"
[ -f "$FILE" ] || { echo "generating $FILE ..." >&2; "$WORK/gen_csv" "$FILE" "$SIZE"; }

PY=/usr/bin/python3
if ! "$PY" -c 'import pandas' 2>/dev/null; then
  if [ "$INSTALL" = 1 ] && [ "$(id -u)" = 0 ]; then
    apt-get install -y python3-pandas >/dev/null
  else
    echo "pandas missing (apt-get install -y python3-pandas); its row is skipped" >&2
  fi
fi

field() { sed -n "s|.*$1 \([^ ]*\).*|\1|p" <<<"$2"; }
cat /proc/loadavg >/dev/null
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
declare -a ROWS
for t in $THREADS; do
  out="$(HX_NUM_THREADS=$t "$WORK/csv_bench" "$FILE" "$REPS")"
  echo "hastec ($t thread(s)): $out" >&2
  ROWS+=("hastec hxrt_csv_read, $t thread(s)|$(field MB/s "$out")|$(field MB/cpu_s "$out")|$(field rows "$out")|$(field missing "$out")")
done
PANDAS_MBS="" PANDAS_CPU=""
if "$PY" -c 'import pandas' 2>/dev/null; then
  out="$("$PY" "$BENCH/pandas_bench.py" "$FILE" 1)"
  echo "pandas: $out" >&2
  PANDAS_MBS="$(field MB/s "$out")" PANDAS_CPU="$(field MB/cpu_s "$out")"
  ROWS+=("pandas $("$PY" -c 'import pandas; print(pandas.__version__)') read_csv|$PANDAS_MBS|$PANDAS_CPU|$(field rows "$out")|$(field missing "$out")")
fi
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "CSV -> columns, $(du -m "$FILE" | cut -f1) MB ($FILE), best of $REPS (pandas: 1)"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load average $LOAD_BEFORE before, $LOAD_AFTER after"
echo "threads: $THREADS (HX_NUM_THREADS for each hastec row; pandas' reader is single-threaded)"
echo
echo "| reader | MB/s (wall) | MB per CPU-second | vs pandas (wall) | rows | missing |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for r in "${ROWS[@]}"; do
  IFS='|' read -r name mbs cpu rows miss <<<"$r"
  ratio="-"
  [ -n "$PANDAS_MBS" ] && ratio="$(awk -v a="$mbs" -v b="$PANDAS_MBS" 'BEGIN{printf "%.1fx", a/b}')"
  echo "| $name | $mbs | $cpu | $ratio | $rows | $miss |"
done
