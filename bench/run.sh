#!/usr/bin/env bash
# \file run.sh
# hastec's benchmarks, side by side with hand-written C, NumPy, Numba and
# Elixir, in one run. Prints a markdown table and writes it to
# bench/results-latest.md. bench/README.md says what each row measures.
#
#   bench/run.sh                      build what is needed, run everything (~5 min on 2 cores)
#   bench/run.sh --quick              small n, few repetitions: a smoke test (~1 min)
#   bench/run.sh --scaling            the logistic map at 1,2,4,8,16 threads (HX_NUM_THREADS)
#   bench/run.sh --make-prebuilt DIR  build .so files (--cpu=x86-64-v3 and -v4), C peers and the
#                                     timing driver into DIR, to take to another machine
#   bench/run.sh --scaling --prebuilt DIR   run from DIR without building anything
#
# Options: --threads "1 2 4 8 16"  --n-lm N  --n-chain N  --n-small N  --no-install
#          --wait-quiet S (wait up to S seconds for the load average to fall below the CPU count)
#          --out DIR (work folder, default bench/out)  --results FILE (default bench/results-latest.md)
# Environment: HASTEC=path (use this compiler, don't build one); HX_BENCH_BUILD=dir (the build
# folder, default build-bench); HX_CPU (passed as --cpu to hastec build); BENCH_PYTHON; BENCH_REPS,
# BENCH_MIN_REPS, BENCH_BUDGET_S, BENCH_MAX_S (repetitions, see bench/c/bench_common.h); CC.
set -uo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
CMDLINE="bench/run.sh${*:+ $*}"

MODE=full
PREBUILT=""
MAKE_PREBUILT=""
QUICK=0
INSTALL=1
THREADS="1 2 4 8 16"
N_LM=$((1 << 25))
N_CHAIN=$((1 << 26))
N_SMALL=$((1 << 16))
OUT="${BENCH_OUT:-$BENCH/out}"
RESULTS_MD="$BENCH/results-latest.md"
N_LM_SET=0 N_CHAIN_SET=0
WAIT_QUIET=0

die() { echo "bench/run.sh: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --scaling) MODE=scaling ;;
    --quick) QUICK=1 ;;
    --no-install) INSTALL=0 ;;
    --wait-quiet) WAIT_QUIET="${2:?--wait-quiet SECONDS}"; shift ;;
    --prebuilt) PREBUILT="${2:?--prebuilt DIR}"; shift ;;
    --make-prebuilt) MAKE_PREBUILT="${2:?--make-prebuilt DIR}"; shift ;;
    --threads) THREADS="${2:?--threads LIST}"; shift ;;
    --n-lm) N_LM="$2"; N_LM_SET=1; shift ;;
    --n-chain) N_CHAIN="$2"; N_CHAIN_SET=1; shift ;;
    --n-small) N_SMALL="$2"; shift ;;
    --out) OUT="$2"; shift ;;
    --results) RESULTS_MD="$2"; shift ;;
    -h|--help) sed -n '2,/^set -uo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
  shift
done

P=6700417
A=2.0 B=0.5 T=1.25
if [ $QUICK = 1 ]; then
  [ $N_LM_SET = 1 ] || N_LM=$((1 << 20))
  [ $N_CHAIN_SET = 1 ] || N_CHAIN=$((1 << 22))
  export BENCH_REPS="${BENCH_REPS:-3}" BENCH_MIN_REPS="${BENCH_MIN_REPS:-2}" BENCH_BUDGET_S="${BENCH_BUDGET_S:-1}"
fi
export BENCH_REPS="${BENCH_REPS:-5}" BENCH_MIN_REPS="${BENCH_MIN_REPS:-3}" BENCH_BUDGET_S="${BENCH_BUDGET_S:-4}"
export BENCH_MAX_S="${BENCH_MAX_S:-10}"
TIMEOUT="${BENCH_TIMEOUT:-600}"

# Python for NumPy/Numba/report: BENCH_PYTHON, else Debian's /usr/bin/python3 (where python3-numba
# installs; a pyenv python3 on PATH has neither), else the first python3 on PATH that has NumPy.
PY="${BENCH_PYTHON:-}"
if [ -z "$PY" ]; then
  for cand in /usr/bin/python3 "$(command -v python3 || true)"; do
    if [ -n "$cand" ] && [ -x "$cand" ] && "$cand" -c 'import numpy' >/dev/null 2>&1; then PY="$cand"; break; fi
  done
  [ -n "$PY" ] || PY="$(command -v python3 || echo /usr/bin/python3)"
fi
CC="${CC:-cc}"
# NumPy/OpenBLAS: a forced OPENBLAS_CORETYPE slows numpy on this machine kind.
unset OPENBLAS_CORETYPE

# --wait-quiet S: on a shared machine, wait up to S seconds for the 1-minute load average to drop
# below the CPU count before timing anything.
if [ "$WAIT_QUIET" -gt 0 ] && [ -z "$MAKE_PREBUILT" ]; then
  waited=0
  while [ "$waited" -lt "$WAIT_QUIET" ] &&
        awk -v c="$(nproc)" '{exit !($1 >= c)}' /proc/loadavg; do
    [ $((waited % 60)) = 0 ] && echo "bench/run.sh: load $(cut -d' ' -f1 /proc/loadavg) on $(nproc) CPUs; waiting" >&2
    sleep 10
    waited=$((waited + 10))
  done
fi
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
RES="$OUT/results.jsonl"
LOG="$OUT/run.log"
WARNINGS=()
warn() { echo "bench/run.sh: warning: $*" >&2; WARNINGS+=("$*"); }
step() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---- JSON records -------------------------------------------------------------
json_str() {  # escape for a JSON string
  local s="${1//\\/\\\\}"
  s="${s//\"/\\\"}"
  printf '%s' "$s" | tr -d '\000-\037'
}
rec_error() {  # bench impl n message
  printf '{"bench": "%s", "impl": "%s", "n": %s, "error": "%s"}\n' "$1" "$2" "$3" "$(json_str "$4")" >>"$RES"
}
# run_rec bench impl n CMD...: runs CMD, appends its JSON lines, or an error record.
run_rec() {
  local bench="$1" impl="$2" n="$3"
  shift 3
  local err="$OUT/last.err" out
  if out="$(timeout "$TIMEOUT" "$@" 2>"$err" </dev/null)"; then
    printf '%s\n' "$out" | grep '^{' >>"$RES"
    printf '%s\n' "$out" | grep '^{' | sed 's/^/    /' >&2
  else
    local rc=$?
    local msg
    msg="$(grep -v '^\s*$' "$err" | head -n 3 | tr '\n' ' ')"
    [ $rc = 124 ] && msg="timed out after ${TIMEOUT}s"
    rec_error "$bench" "$impl" "$n" "n/a (failed, exit $rc: ${msg:-no message})"
    echo "    FAILED (exit $rc): $msg" >&2
  fi
  cat "$err" >>"$LOG" 2>/dev/null
}

# ---- the hastec compiler --------------------------------------------------------
HXRT_INC="$ROOT/runtime/include"
build_hastec() {
  if [ -n "${HASTEC:-}" ]; then
    [ -x "$HASTEC" ] || die "HASTEC=$HASTEC is not executable"
    return
  fi
  local build="${HX_BENCH_BUILD:-$ROOT/build-bench}"
  HASTEC="$build/bin/hastec"
  step "building hastec in $build (ninja hastec hx-run hxrt)"
  if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$ROOT" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >>"$LOG" 2>&1 || true
  fi
  if ! ninja -C "$build" hastec hx-run hxrt >>"$LOG" 2>&1; then
    if [ -x "$HASTEC" ]; then
      warn "rebuilding hastec failed (see $LOG); using the existing $HASTEC from $(date -r "$HASTEC" '+%F %T')"
    else
      die "cannot build hastec (see $LOG)"
    fi
  fi
}

hastec_version() {
  local rev dirty
  rev="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  dirty="$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -v ' bench/' | wc -l)"
  [ "$dirty" -gt 0 ] && rev="$rev + $dirty locally modified files"
  echo "commit $rev, compiler built $(date -r "$HASTEC" '+%F %T')"
}

# The benchmark programs: stem, source, and the entry point of each bench.
PROGRAMS=("logistic_map:$ROOT/samples/logistic_map.hx"
          "chain:$BENCH/programs/chain.hx"
          "chain_f32:$BENCH/programs/chain_f32.hx"
          "chain_nosqrt:$BENCH/programs/chain_nosqrt.hx")
declare -A HXERR=()
# compile_programs DIR [hastec build options...]
compile_programs() {
  local dir="$1"
  shift
  mkdir -p "$dir"
  local pr stem src errf="$OUT/hastec-build.err"
  for pr in "${PROGRAMS[@]}"; do
    stem="${pr%%:*}"
    src="${pr#*:}"
    # writes lib$stem.so and its header $stem.h into $dir
    if ! "$HASTEC" build "$src" -o "$dir/lib$stem.so" "$@" >"$errf" 2>&1; then
      local line
      line="$(grep -m1 'error' "$errf" || head -n1 "$errf")"
      line="${line#"$(dirname "$src")/"}"
      HXERR[$stem]="$line"
      rm -f "$dir/lib$stem.so"
      step "hastec cannot compile $stem.hx yet: $line"
    fi
  done
}

# bench -> "stem symbol args" (args use N for the bench's n)
hx_entry() {
  case "$1" in
    map_sum) echo "logistic_map LogisticMap_map_sum N $P" ;;
    sum) echo "logistic_map LogisticMap_sum N" ;;
    map_list) echo "logistic_map LogisticMap_map_list N $P" ;;
    f64_sqrt) echo "chain Chain_sqrt_sum ramp:N $A $B $T" ;;
    f32_sqrt) echo "chain_f32 ChainF32_sqrt_sum ramp:N $A $B $T" ;;
    f64_affine) echo "chain_nosqrt ChainNoSqrt_affine_sum ramp:N $A $B $T" ;;
  esac
}

# run_hastec bench n: times hastec's entry point for bench with hx_time.
run_hastec() {
  local bench="$1" n="$2" stem sym args
  read -r stem sym args <<<"$(hx_entry "$bench")"
  args="${args//N/$n}"
  if [ -n "${HXERR[$stem]:-}" ]; then
    rec_error "$bench" hastec "$n" "n/a (unsupported: ${HXERR[$stem]})"
    return
  fi
  local lib="$HXDIR/lib$stem.so"
  if [ ! -f "$lib" ]; then
    rec_error "$bench" hastec "$n" "n/a (no $lib)"
    return
  fi
  step "hastec $bench n=$n"
  # shellcheck disable=SC2086
  run_rec "$bench" hastec "$n" "$HX_TIME" --bench "$bench" --impl hastec "$lib" "$sym" $args
}

# ---- peers -----------------------------------------------------------------------
compile_c() {  # DIR MARCH [extra ldflags]
  local dir="$1" march="$2"
  shift 2
  mkdir -p "$dir"
  "$CC" -O3 -march="$march" -fopenmp "$BENCH/c/logistic.c" -o "$dir/logistic" "$@" &&
    "$CC" -O3 -march="$march" -fopenmp -fno-math-errno "$BENCH/c/chain.c" -o "$dir/chain" -lm "$@" &&
    "$CC" -O3 -march="$march" -fopenmp "$BENCH/c/stream.c" -o "$dir/stream" "$@"
}

compile_hx_time() {  # OUTFILE
  "$CC" -O2 -std=gnu11 -Wall -Wextra -I "$HXRT_INC" -I "$BENCH" "$BENCH/hx_time.c" -o "$1" -ldl -lpthread
}

have_numba() { [ -n "$PY" ] && "$PY" -c 'import numba' >/dev/null 2>&1; }
have_numpy() { [ -n "$PY" ] && "$PY" -c 'import numpy' >/dev/null 2>&1; }

run_c() {  # bench n
  local bench="$1" n="$2"
  step "C $bench n=$n"
  case "$bench" in
    map_sum|map_list) run_rec "$bench" c "$n" "$CDIR/logistic" "$bench" "$n" "$P" ;;
    sum) run_rec "$bench" c "$n" "$CDIR/logistic" sum "$n" ;;
    *) run_rec "$bench" c "$n" "$CDIR/chain" "$bench" "$n" "$A" "$B" "$T" ;;
  esac
}

run_py() {  # impl bench n
  local impl="$1" bench="$2" n="$3"
  if [ "$impl" = numba ] && ! have_numba; then
    rec_error "$bench" numba "$n" "n/a (numba not installed: bench/install.sh)"
    return
  fi
  if ! have_numpy; then
    rec_error "$bench" "$impl" "$n" "n/a (numpy not installed: bench/install.sh)"
    return
  fi
  step "$impl $bench n=$n"
  case "$bench" in
    map_sum|map_list) run_rec "$bench" "$impl" "$n" "$PY" "$BENCH/py/bench_py.py" "$impl" "$bench" "$n" "$P" ;;
    sum) run_rec "$bench" "$impl" "$n" "$PY" "$BENCH/py/bench_py.py" "$impl" sum "$n" ;;
    *) run_rec "$bench" "$impl" "$n" "$PY" "$BENCH/py/bench_py.py" "$impl" "$bench" "$n" "$A" "$B" "$T" ;;
  esac
}

run_elixir() {  # n
  local n="$1"
  if ! command -v elixir >/dev/null 2>&1; then
    local b
    for b in map_sum sum map_list f64_sqrt f32_sqrt f64_affine; do
      rec_error "$b" elixir "$n" "n/a (elixir not installed: bench/install.sh)"
    done
    return
  fi
  step "Elixir, all benchmarks, n=$n"
  run_rec all elixir "$n" elixir -r "$ROOT/samples/logistic_map.hx" -r "$BENCH/programs/chain.hx" \
    -r "$BENCH/programs/chain_f32.hx" -r "$BENCH/programs/chain_nosqrt.hx" "$BENCH/elixir/bench.exs" "$n" "$A" "$B" "$T"
}

# ---- machine facts ------------------------------------------------------------------
write_meta() {
  local cpu cores mem load peers="" hv
  cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)"
  local cps sockets tpc
  cps="$(lscpu 2>/dev/null | sed -n 's/^Core(s) per socket: *//p' | head -n1)"
  sockets="$(lscpu 2>/dev/null | sed -n 's/^Socket(s): *//p' | head -n1)"
  tpc="$(lscpu 2>/dev/null | sed -n 's/^Thread(s) per core: *//p' | head -n1)"
  cores="$(nproc) CPUs ($((${cps:-0} * ${sockets:-1})) cores × ${tpc:-?} threads)"
  hv="$(lscpu 2>/dev/null | sed -n 's/^Hypervisor vendor: *//p' | head -n1)"
  [ -n "$hv" ] && cores="$cores, $hv VM"
  mem="$(free -g 2>/dev/null | awk '/^Mem:/ {print $2 " GiB RAM"}')"
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  peers="$("$CC" --version 2>/dev/null | head -n1)"
  if have_numpy; then peers="$peers; NumPy $("$PY" -c 'import numpy; print(numpy.__version__)')"; fi
  if have_numba; then peers="$peers; Numba $("$PY" -c 'import numba; print(numba.__version__)')"; fi
  if command -v elixir >/dev/null 2>&1; then
    peers="$peers; $(elixir --version 2>/dev/null </dev/null | grep -m1 '^Elixir')"
  fi
  local warns="[]"
  if [ ${#WARNINGS[@]} -gt 0 ]; then
    warns="[$(for w in "${WARNINGS[@]}"; do printf '"%s",' "$(json_str "$w")"; done | sed 's/,$//')]"
  fi
  cat >"$OUT/meta.json" <<EOF
{"date": "$(date '+%F %T %Z')", "cpu": "$(json_str "$cpu")", "cores": "$(json_str "$cores")",
 "mem": "$(json_str "$mem")", "load": "$LOAD_START at the start, $load at the end", "hastec": "$(json_str "$HASTEC_VERSION")",
 "peers": "$(json_str "$peers")", "command": "$(json_str "$CMDLINE")",
 "reps_policy": "$BENCH_MIN_REPS to $BENCH_REPS calls (more than $BENCH_MIN_REPS only while under ${BENCH_BUDGET_S} s in total; only 2 when 2 took ${BENCH_MAX_S} s)",
 "chain_abt": [$A, $B, $T], "n_small": $N_SMALL, "n_big": [$N_LM, $N_CHAIN], "n_lm": $N_LM,
 "prebuilt": "${PRE_LEVEL:-}", "warnings": $warns, "build_note": "$(json_str "${BUILD_NOTE:-}")"}
EOF
}

# ---- --make-prebuilt -------------------------------------------------------------------
if [ -n "$MAKE_PREBUILT" ]; then
  build_hastec
  mkdir -p "$MAKE_PREBUILT/bin"
  DIR="$(cd "$MAKE_PREBUILT" && pwd)"
  OUT_SAVED="$OUT"
  compile_hx_time "$DIR/bin/hx_time" || die "cannot compile hx_time.c"
  for lvl in v3 v4; do
    step "prebuilt x86-64-$lvl: hastec build --cpu=x86-64-$lvl, C peers -march=x86-64-$lvl"
    rm -rf "${DIR:?}/$lvl"
    compile_programs "$DIR/$lvl" --cpu="x86-64-$lvl"
    compile_c "$DIR/$lvl" "x86-64-$lvl" -Wl,-rpath,'$ORIGIN' || die "cannot compile the C peers"
    # Libraries the .so files and peers need beyond glibc travel with them ($ORIGIN is in their RUNPATH).
    for f in "$DIR/$lvl"/*.so "$DIR/$lvl"/logistic "$DIR/$lvl"/chain "$DIR/$lvl"/stream; do
      [ -f "$f" ] || continue
      ldd "$f" 2>/dev/null | awk '/=> \// {print $3}' | while read -r dep; do
        case "$(basename "$dep")" in
          libc.so*|libm.so*|libdl.so*|libpthread.so*|librt.so*|ld-linux*|libgcc_s.so*) ;;
          *) [ "$(cd "$(dirname "$dep")" && pwd -P)" = "$(cd "$DIR/$lvl" && pwd -P)" ] || cp -L "$dep" "$DIR/$lvl/" ;;
        esac
      done
    done
  done
  rm -f "$DIR/unsupported.txt"
  for stem in "${!HXERR[@]}"; do echo "$stem	${HXERR[$stem]}" >>"$DIR/unsupported.txt"; done
  [ -f "$DIR/unsupported.txt" ] && sort -u -o "$DIR/unsupported.txt" "$DIR/unsupported.txt"
  echo "$(hastec_version); built on $(lscpu | sed -n 's/^Model name: *//p') at $(date '+%F %T %Z')" >"$DIR/BUILD-INFO.txt"
  du -sh "$DIR" >&2
  step "prebuilt tree in $DIR; run it elsewhere with: bench/run.sh --scaling --prebuilt $DIR"
  exit 0
fi

# ---- set up: prebuilt or built here ------------------------------------------------------
: >"$RES"
: >"$LOG"
if [ -n "$PREBUILT" ]; then
  PRE="$(cd "$PREBUILT" && pwd)" || die "no folder $PREBUILT"
  PRE_LEVEL=x86-64-v3
  if grep -qw avx512f /proc/cpuinfo && grep -qw avx512bw /proc/cpuinfo && grep -qw avx512vl /proc/cpuinfo &&
     grep -qw avx512dq /proc/cpuinfo && grep -qw avx512cd /proc/cpuinfo; then
    PRE_LEVEL=x86-64-v4
  fi
  HXDIR="$PRE/${PRE_LEVEL#x86-64-}"
  CDIR="$HXDIR"
  HX_TIME="$PRE/bin/hx_time"
  [ -x "$HX_TIME" ] || die "$PRE has no bin/hx_time (make it with --make-prebuilt)"
  if [ -f "$PRE/unsupported.txt" ]; then
    while IFS=$'\t' read -r stem line; do HXERR[$stem]="$line"; done <"$PRE/unsupported.txt"
  fi
  HASTEC_VERSION="prebuilt ($PRE_LEVEL): $(cat "$PRE/BUILD-INFO.txt" 2>/dev/null)"
  BUILD_NOTE="not measured: a prebuilt run has no compiler"
  step "prebuilt run from $PRE ($PRE_LEVEL)"
else
  if [ $INSTALL = 1 ]; then "$BENCH/install.sh" >&2 || warn "bench/install.sh failed; missing peers show as n/a"; fi
  build_hastec
  HASTEC_VERSION="$(hastec_version)"
  HXDIR="$OUT/hx"
  CDIR="$OUT/bin"
  HX_TIME="$OUT/bin/hx_time"
  mkdir -p "$OUT/bin"
  step "compiling hx_time.c and the C peers"
  compile_hx_time "$HX_TIME" || die "cannot compile bench/hx_time.c"
  compile_c "$CDIR" native || die "cannot compile the C peers"
  step "hastec build of the benchmark programs${HX_CPU:+ (--cpu=$HX_CPU)}"
  rm -rf "$HXDIR"
  compile_programs "$HXDIR" ${HX_CPU:+--cpu="$HX_CPU"}
fi

# ---- --scaling ---------------------------------------------------------------------------------
if [ "$MODE" = scaling ]; then
  for th in $THREADS; do
    export HX_NUM_THREADS=$th OMP_NUM_THREADS=$th
    for b in map_sum sum map_list; do
      run_hastec "$b" "$N_LM"
      run_c "$b" "$N_LM"
    done
  done
  unset HX_NUM_THREADS OMP_NUM_THREADS
  write_meta
  "$PY" "$BENCH/report.py" scaling "$RES" "$OUT/meta.json" >"$OUT/scaling.md" || die "report.py failed"
  cp "$OUT/scaling.md" "$BENCH/scaling-latest.md" 2>/dev/null || true
  cat "$OUT/scaling.md"
  step "written to $OUT/scaling.md and bench/scaling-latest.md"
  exit 0
fi

# ---- full run ---------------------------------------------------------------------------------
step "memory bandwidth (n=$N_CHAIN doubles)"
for k in copy memcpy read; do run_rec "$k" c "$N_CHAIN" "$CDIR/stream" "$k" "$N_CHAIN"; done

for b in map_sum sum map_list; do
  run_hastec "$b" "$N_LM"
  run_c "$b" "$N_LM"
  run_py numpy "$b" "$N_LM"
  run_py numba "$b" "$N_LM"
done
# Bandwidth again, next to the chain rows: the table uses the best probe, so a busy moment at the
# start does not inflate the chain's "% of copy BW".
step "memory bandwidth again (copy)"
run_rec copy c "$N_CHAIN" "$CDIR/stream" copy "$N_CHAIN"
for b in f64_sqrt f32_sqrt f64_affine; do
  run_hastec "$b" "$N_CHAIN"
  run_c "$b" "$N_CHAIN"
  run_py numpy "$b" "$N_CHAIN"
  run_py numba "$b" "$N_CHAIN"
done
# Elixir at a small n, and hastec at the same n as its reference.
run_elixir "$N_SMALL"
for b in map_sum sum map_list f64_sqrt f32_sqrt f64_affine; do run_hastec "$b" "$N_SMALL"; done

step "memory bandwidth, last probe (copy)"
run_rec copy c "$N_CHAIN" "$CDIR/stream" copy "$N_CHAIN"

if [ -z "$PREBUILT" ]; then
  step "hastec build time of each sample"
  # shellcheck disable=SC2046
  "$PY" "$BENCH/py/build_time.py" "$HASTEC" "$OUT/build-time" 5 $(ls "$ROOT"/samples/*.hx) >>"$RES" ||
    warn "build_time.py failed"
fi

write_meta
"$PY" "$BENCH/report.py" full "$RES" "$OUT/meta.json" >"$OUT/results.md" || die "report.py failed (results in $RES)"
cp "$OUT/results.md" "$RESULTS_MD"
cat "$OUT/results.md"
step "written to $RESULTS_MD (raw: $RES)"
