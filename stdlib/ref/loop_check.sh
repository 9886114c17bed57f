#!/bin/bash
# Cross-check of the fit loop's runtime twins: runtime/loop.c (libhxrt) and
# stdlib/ref/loop.exs (Hx.Loop.Runtime, plain Elixir). Both sides must give
#   * the same permutations (n = 10, 7, 1000, 60000 with several seeds/epochs);
#   * byte-identical checkpoint files for the same tensors, and each must load
#     the other's file to the same bits;
#   * the same load error messages for missing, foreign, truncated, corrupt
#     and mismatching files;
#   * the same plain progress lines (2000 metrics around rounding ties, NaN,
#     infinities, -0.0);
#   * byte-identical SVG charts.
# A tiny C program (below) is built against the given libhxrt.so.
#
# Usage: stdlib/ref/loop_check.sh [path/to/libhxrt.so]
#   default: build/lib/libhxrt.so under the repository root.
# Exit status: 0 all match, 1 a mismatch, 2 bad usage or a missing tool.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lib=${1:-$root/build/lib/libhxrt.so}
if [ ! -f "$lib" ]; then
  echo "loop_check.sh: no libhxrt at $lib (build the hxrt target, or pass its path)" >&2
  exit 2
fi
for tool in cc elixir cmp diff; do
  command -v "$tool" >/dev/null || { echo "loop_check.sh: $tool not found" >&2; exit 2; }
done
lib=$(cd "$(dirname "$lib")" && pwd)/$(basename "$lib")
work=$(mktemp -d /tmp/hx_loop_check_XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"

# ---- the C side ---------------------------------------------------------------
cat >twin.c <<'C'
#include "hxrt_loop.h"
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *path_arg;
static int64_t perm_args[3];
static int64_t load_args[8];
static const char *load_text;

static void perm_body(hx_context *c, void **a, void *r) {
  (void)a;
  *(hx_array **)r = hxrt_loop_permutation(c, NULL, NULL, perm_args[0], perm_args[1], perm_args[2]);
}

/* The sample tensors: f32 [2][3], f64 scalar, s64 [5], s32 [4][4][2][2]. */
static hx_array *t_w, *t_s, *t_v, *t_q;
static void make_sample(hx_context *c) {
  uint32_t nan_bits = 0x7FC00000u;
  float w[6] = {1.5f, -0.0f, 3.4028235e38f, 1e-45f, INFINITY, 0};
  memcpy(&w[5], &nan_bits, 4);
  double s = 0.1;
  int64_t v[5] = {0, -1, INT64_MAX, INT64_MIN, 42};
  t_w = hx_array_new(c, HX_KIND_F32, 6);
  t_s = hx_array_new(c, HX_KIND_F64, 1);
  t_v = hx_array_new(c, HX_KIND_I64, 5);
  t_q = hx_array_new(c, HX_KIND_I32, 64);
  memcpy(hx_array_data(t_w), w, sizeof w);
  memcpy(hx_array_data(t_s), &s, sizeof s);
  memcpy(hx_array_data(t_v), v, sizeof v);
  int32_t *q = hx_array_data(t_q);
  for (int i = 0; i < 64; i++) q[i] = (int32_t)((i * 2654435761u) ^ 0x80000000u);
}

static void save_body(hx_context *c, void **a, void *r) {
  (void)a, (void)r;
  char text[4096];
  snprintf(text, sizeof text, "%s\nw\nscale\nsteps\nq", path_arg);
  hxrt_checkpoint_save(c, NULL, text, 4, t_w, (int64_t)2, (int64_t)2, (int64_t)3, (int64_t)1, (int64_t)1, t_s,
                       (int64_t)0, (int64_t)1, (int64_t)1, (int64_t)1, (int64_t)1, t_v, (int64_t)1, (int64_t)5,
                       (int64_t)1, (int64_t)1, (int64_t)1, t_q, (int64_t)4, (int64_t)4, (int64_t)4, (int64_t)2,
                       (int64_t)2);
}

static void load_body(hx_context *c, void **a, void *r) {
  (void)a;
  int64_t *x = load_args;
  *(hx_array **)r = hxrt_checkpoint_load(c, NULL, load_text, x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]);
}

/* Prints the error text without its "** (ArgumentError) " prefix. */
static void print_error(hx_context *c) {
  const char *e = hx_context_error(c);
  const char *p = "** (ArgumentError) ";
  printf("%s\n", strncmp(e, p, strlen(p)) == 0 ? e + strlen(p) : e);
}

/* load PATH NAME INDEX COUNT KIND RANK D0 D1 D2 D3: the elements' bits in hex, or the error. */
static int load_cmd(hx_context *c, char **argv) {
  char text[4096];
  snprintf(text, sizeof text, "%s\n%s", argv[0], argv[1]);
  load_text = text;
  for (int i = 0; i < 8; i++) load_args[i] = strtoll(argv[2 + i], NULL, 10);
  hx_array *out = NULL;
  void *args[1] = {NULL};
  if (hxrt_invoke(c, load_body, args, &out) != HX_OK) {
    print_error(c);
    return 0;
  }
  int64_t n = hx_array_len(out);
  int size = load_args[2] == HX_KIND_I32 || load_args[2] == HX_KIND_F32 ? 4 : 8;
  const unsigned char *b = hx_array_cdata(out);
  for (int64_t i = 0; i < n; i++) {
    uint64_t bits = 0;
    memcpy(&bits, b + i * size, size);
    printf(size == 4 ? "%08llx\n" : "%016llx\n", (unsigned long long)bits);
  }
  hx_array_free(c, out);
  return 0;
}

static void chart_body(hx_context *c, void **a, void *r) {
  (void)r;
  hxrt_loop_chart(c, NULL, path_arg, a[0], *(int64_t *)a[1]);
}

/* The chart's history, as loop_check's Elixir side builds it. */
static int chart_cmd(hx_context *c, const char *path, int64_t epochs) {
  double *h = malloc(sizeof(double) * 4 * (size_t)(epochs ? epochs : 1));
  for (int64_t e = 0; e < epochs; e++) {
    double loss = 2.0 / (double)(e + 1);
    h[e * 4 + 0] = loss;
    h[e * 4 + 1] = 1.0 - loss / 4.0;
    h[e * 4 + 2] = e == 7 ? NAN : loss * 1.1 + 0.01;
    h[e * 4 + 3] = NAN;
  }
  hx_array *hist = hx_array_from_f64(c, h, epochs * 4);
  free(h);
  path_arg = path;
  void *args[2] = {hist, &epochs};
  int rc = hxrt_invoke(c, chart_body, args, NULL);
  if (rc) print_error(c);
  hx_array_free(c, hist);
  return rc;
}

static void report_cases(void) {
  const char *none = NULL;
  for (int k = 0; k <= 2000; k++) {
    double v = k * 0.00005;
    hxrt_loop_report_to(stdout, HXRT_PROGRESS_PLAIN, none, 1, k, 2000, 9, 9, v, 1.0 - v, k % 3 ? v * 3 : NAN,
                        k % 5 ? NAN : v / 7, v * 100);
  }
  double specials[] = {-0.00001, -0.0, 12345.6789, -2.5, INFINITY, -INFINITY, NAN, 1e-300, 0.99995, 0.00005};
  for (int i = 0; i < 10; i++)
    hxrt_loop_report_to(stdout, HXRT_PROGRESS_PLAIN, none, 1, i, 10, 1, 1, specials[i], specials[i], specials[i],
                        specials[i], 0.125);
  hxrt_loop_report_to(stdout, HXRT_PROGRESS_PLAIN, "val_loss", 2, 7, 20, 4, 3, 0.12345, NAN, NAN, NAN, 0);
  hxrt_loop_report_to(stdout, HXRT_PROGRESS_PLAIN, "loss", 2, 2, 20, 1, 1, NAN, NAN, NAN, NAN, 0);
  hxrt_loop_report_to(stdout, HXRT_PROGRESS_PLAIN, "runs/best.ckpt", 3, 4, 20, 0, 0, NAN, NAN, NAN, NAN, 0);
}

int main(int argc, char **argv) {
  hx_context *c = hx_context_new();
  int rc = 0;
  if (argc == 5 && strcmp(argv[1], "perm") == 0) {
    for (int i = 0; i < 3; i++) perm_args[i] = strtoll(argv[2 + i], NULL, 10);
    hx_array *p = NULL;
    void *args[1] = {NULL};
    if (hxrt_invoke(c, perm_body, args, &p) != HX_OK) {
      print_error(c);
    } else {
      const int64_t *x = hx_array_cdata(p);
      for (int64_t i = 0; i < hx_array_len(p); i++) printf("%lld\n", (long long)x[i]);
      hx_array_free(c, p);
    }
  } else if (argc == 3 && strcmp(argv[1], "save") == 0) {
    make_sample(c);
    path_arg = argv[2];
    void *args[1] = {NULL};
    if ((rc = hxrt_invoke(c, save_body, args, NULL)) != HX_OK) print_error(c);
  } else if (argc == 12 && strcmp(argv[1], "load") == 0) {
    rc = load_cmd(c, argv + 2);
  } else if (argc == 4 && strcmp(argv[1], "chart") == 0) {
    rc = chart_cmd(c, argv[2], strtoll(argv[3], NULL, 10));
  } else if (argc == 2 && strcmp(argv[1], "report") == 0) {
    report_cases();
  } else {
    fprintf(stderr, "usage: twin perm N SEED EPOCH | save PATH | load PATH NAME INDEX COUNT KIND RANK D0 D1 D2 D3"
                    " | chart PATH EPOCHS | report\n");
    rc = 2;
  }
  hx_context_free(c);
  return rc;
}
C
cc -std=c11 -O1 -Wall -I"$root/runtime/include" -o twin twin.c "$lib" -Wl,-rpath,"$(dirname "$lib")" -lm

# The load cases: NAME INDEX COUNT KIND RANK D0..D3 (kinds: 1 s64, 2 f64, 4 s32, 5 f32).
loads=(
  "w 0 4 5 2 2 3 1 1" "scale 1 4 2 0 1 1 1 1" "steps 2 4 1 1 5 1 1 1" "q 3 4 4 4 4 4 2 2"
  "w 0 5 5 2 2 3 1 1" "w 0 4 5 2 3 2 1 1" "w1 0 4 5 2 2 3 1 1" "w 0 4 2 2 2 3 1 1" "scale 1 4 5 0 1 1 1 1"
  "q 3 4 4 4 4 4 2 1"
)
perms=("10 42 1" "7 0 3" "1000 42 7" "1000 -5 3" "60000 1 2" "0 1 1" "1 1 1" "-1 0 0")

./twin save c.ckpt
# Damaged copies for the error messages.
head -c 5 c.ckpt >cut5.ckpt
head -c 100 c.ckpt >cut100.ckpt
cp c.ckpt flip.ckpt && printf '\x55' | dd of=flip.ckpt bs=1 seek=60 conv=notrunc status=none
printf 'PK\003\004 not a checkpoint at all' >foreign.ckpt
files=(c.ckpt cut5.ckpt cut100.ckpt flip.ckpt foreign.ckpt missing.ckpt)

{
  for p in "${perms[@]}"; do echo "perm $p"; ./twin perm $p; done
  for f in "${files[@]}"; do
    for l in "${loads[@]}"; do echo "load $f $l"; ./twin load "$f" $l; done
  done
} >c_out.txt
./twin report >c_report.txt
./twin chart c20.svg 20 >/dev/null
./twin chart c1.svg 1 >/dev/null

# ---- the Elixir side ----------------------------------------------------------
cat >twin.exs <<'EXS'
alias Hx.Loop.Runtime, as: R
[perms, loads, files] = System.argv() |> Enum.map(&String.split(&1, ";", trim: true))
import Bitwise
types = %{1 => {:s, 64}, 2 => {:f, 64}, 4 => {:s, 32}, 5 => {:f, 32}}

hex = fn
  {:f, 32}, v ->
    bits =
      case v do
        :nan -> 0x7FC00000
        :infinity -> 0x7F800000
        :neg_infinity -> 0xFF800000
        x -> (<<b::32>> = <<x::float-32>>; b)
      end
    bits |> Integer.to_string(16) |> String.downcase() |> String.pad_leading(8, "0")
  {:f, 64}, v ->
    bits =
      case v do
        :nan -> 0x7FF8000000000000
        :infinity -> 0x7FF0000000000000
        :neg_infinity -> 0xFFF0000000000000
        x -> (<<b::64>> = <<x::float-64>>; b)
      end
    bits |> Integer.to_string(16) |> String.downcase() |> String.pad_leading(16, "0")
  {:s, 32}, v -> (v &&& 0xFFFFFFFF) |> Integer.to_string(16) |> String.downcase() |> String.pad_leading(8, "0")
  {:s, 64}, v -> (v &&& 0xFFFFFFFFFFFFFFFF) |> Integer.to_string(16) |> String.downcase() |> String.pad_leading(16, "0")
end

out =
  for p <- perms do
    [n, s, e] = p |> String.split() |> Enum.map(&String.to_integer/1)
    body =
      try do
        R.permutation(n, s, e) |> Enum.map(&"#{&1}\n")
      rescue
        e in ArgumentError -> e.message <> "\n"
      end
    ["perm #{p}\n", body]
  end ++
  for f <- files, l <- loads do
    [name, index, count, kind, rank | dims] = String.split(l)
    [index, count, kind, rank] = Enum.map([index, count, kind, rank], &String.to_integer/1)
    shape = dims |> Enum.take(rank) |> Enum.map(&String.to_integer/1) |> List.to_tuple()
    type = types[kind]
    body =
      try do
        t = R.checkpoint_load(f, index, count, name, type, shape)
        true = Nx.shape(t) == shape and Nx.type(t) == type
        Nx.to_flat_list(t) |> Enum.map(&(hex.(type, &1) <> "\n"))
      rescue
        e in ArgumentError -> e.message <> "\n"
      end
    ["load #{f} #{l}\n", body]
  end
File.write!("ex_out.txt", out)

# The sample tensors, as twin.c's make_sample.
q = for i <- 0..63, do: (<<v::signed-32>> = <<bxor(i * 2654435761, 0x80000000)::32>>; v)
tensors = [
  Nx.tensor([1.5, -0.0, 3.4028234663852886e38, 1.0e-45, :infinity, :nan], type: :f32) |> Nx.reshape({2, 3}),
  Nx.tensor(0.1, type: :f64),
  Nx.tensor([0, -1, 9_223_372_036_854_775_807, -9_223_372_036_854_775_808, 42], type: :s64),
  Nx.tensor(q, type: :s32) |> Nx.reshape({4, 4, 2, 2})
]
0 = R.checkpoint_save("ex.ckpt", ["w", "scale", "steps", "q"], tensors)

nan = :nan
report =
  for k <- 0..2000 do
    v = k * 0.00005
    R.format_report(1, k, 2000, 9, 9, v, 1.0 - v, if(rem(k, 3) != 0, do: v * 3, else: nan),
      if(rem(k, 5) != 0, do: nan, else: v / 7), v * 100, nil)
  end ++
  for {s, i} <- Enum.with_index([-0.00001, -0.0, 12345.6789, -2.5, :infinity, :neg_infinity, nil, 1.0e-300, 0.99995, 0.00005]) do
    R.format_report(1, i, 10, 1, 1, s, s, s, s, 0.125, nil)
  end ++
  [
    R.format_report(2, 7, 20, 4, 3, 0.12345, nan, nan, nan, 0, "val_loss"),
    R.format_report(2, 2, 20, 1, 1, nan, nan, nan, nan, 0, "loss"),
    R.format_report(3, 4, 20, 0, 0, nan, nan, nan, nan, 0, "runs/best.ckpt")
  ]
File.write!("ex_report.txt", report)

history = fn epochs ->
  for e <- 0..(epochs - 1)//1 do
    loss = 2.0 / (e + 1)
    [loss, 1.0 - loss / 4.0, if(e == 7, do: :nan, else: loss * 1.1 + 0.01), nil]
  end
end
0 = R.chart("ex20.svg", history.(20))
0 = R.chart("ex1.svg", history.(1))

# The Elixir-only surface: report/11 on stderr and HX_PROGRESS, scalar
# tensors as metrics, the save and chart errors, the clock.
Application.ensure_all_started(:ex_unit)
import ExUnit.CaptureIO
rescued = fn f -> try do f.(); nil rescue e in ArgumentError -> e.message end end
"Epoch 3/20: loss 0.1234 acc 0.9375 (0.123 s)\n" =
  capture_io(:stderr, fn -> 0 = R.report(1, 3, 20, 45, 45, Nx.tensor(0.12344, type: :f32), 0.9375, nil, :nan, 0.123, nil) end)
"" = capture_io(:stderr, fn -> 0 = R.report(0, 3, 20, 4, 45, 1.0, nil, nil, nil, 0.1, nil) end)
System.put_env("HX_PROGRESS", "off")
"" = capture_io(:stderr, fn -> 0 = R.report(1, 3, 20, 45, 45, 1, 0.5, nil, nil, 0.1, nil) end)
System.put_env("HX_PROGRESS", "plain")
"unknown progress phase 7 (expected 0 to 3)" = rescued.(fn -> R.report(7, 1, 1, 1, 1, 1.0, nil, nil, nil, 0, nil) end)
"cannot write checkpoint \"u8.ckpt\": tensor 0 (a) has type u8; checkpoints hold s64, f64, s32 and f32" =
  rescued.(fn -> R.checkpoint_save("u8.ckpt", ["a"], [Nx.tensor([1, 2], type: :u8)]) end)
"could not write checkpoint \"no/dir.ckpt\": No such file or directory" =
  rescued.(fn -> R.checkpoint_save("no/dir.ckpt", ["a"], [Nx.tensor([1, 2])]) end)
false = File.exists?("no/dir.ckpt.tmp")
"could not write chart \"no/c.svg\": No such file or directory" = rescued.(fn -> R.chart("no/c.svg", []) end)
t0 = R.clock()
true = is_float(t0) and t0 >= 0 and R.clock() >= t0
EXS

join() { local IFS=';'; echo "$*"; }
elixir -r "$root/stdlib/ref/nx.exs" -r "$root/stdlib/ref/loop.exs" twin.exs \
  "$(join "${perms[@]}")" "$(join "${loads[@]}")" "$(join "${files[@]}")" </dev/null

# C loads the Elixir file: the same bits as its own (the NaN is 0x7FC00000 on both sides).
{
  for l in "${loads[@]}"; do echo "load c.ckpt $l"; ./twin load ex.ckpt $l; done
} | sed 's/"ex\.ckpt"/"c.ckpt"/' >c_loads_ex.txt

status=0
check() { # NAME COMMAND...
  if "${@:2}" >diff.txt 2>&1; then echo "ok   $1"; else echo "FAIL $1"; head -40 diff.txt; status=1; fi
}
check "permutations and checkpoint loads/errors (C vs Elixir)" diff c_out.txt ex_out.txt
check "checkpoint files byte-identical" cmp c.ckpt ex.ckpt
check "C loads the Elixir checkpoint" diff <(grep -A100000 -m1 '^load c.ckpt' c_out.txt | head -n "$(wc -l <c_loads_ex.txt)") c_loads_ex.txt
check "plain progress lines" diff c_report.txt ex_report.txt
check "SVG chart, 20 epochs" cmp c20.svg ex20.svg
check "SVG chart, 1 epoch" cmp c1.svg ex1.svg
exit $status
