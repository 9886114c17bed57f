/* \file bench_gemm.c
 * Times libhxrt's hxrt_gemm_f32/f64 on square n x n products, and, when an
 * OpenBLAS (or any CBLAS) shared library is named with --cblas, the same
 * products through its cblas_sgemm/cblas_dgemm (loaded with dlopen, so
 * neither this driver nor libhxrt depends on it).
 *
 *   bench_gemm [--sizes 256,512,1024,2048] [--types f32,f64] [--cblas LIB]
 *              [--min-time 1.0] [--isa avx512|avx2|generic]
 *
 * One line per measurement on stdout, tab-separated:
 *   impl type n threads best_s median_s gflops max_rel_err cpu_s
 * GFLOP/s counts 2*n^3 flops and uses the best (minimum) wall time. cpu_s is
 * the least process CPU time (all threads) of one call: on a shared machine
 * 2*n^3 / (cpu_s / threads) tells what the code does when it has the cores. Each product
 * is checked: 256 random elements of C against a double-precision sum, and
 * max_rel_err is the largest |c - ref| / sum_p |a||b| seen (the relative
 * error bound of a float dot product is about k * 2^-24 for f32).
 */
#define _POSIX_C_SOURCE 200809L
#include "hxrt_gemm.h"

#include <dlfcn.h>
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { CblasRowMajor = 101, CblasNoTrans = 111 };
typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float, float *,
                         int);
typedef void (*dgemm_fn)(int, int, int, int, int, int, double, const double *, int, const double *, int, double,
                         double *, int);

static double clock_s(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}
static double now(void) { return clock_s(CLOCK_MONOTONIC); }

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static double urand(void) { /* xorshift64*, in [-1, 1) */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return (double)((rng * 2685821657736338717ull) >> 11) / 4503599627370496.0 - 1.0;
}

static int cmp_double(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

typedef struct {
  const char *impl, *type;
  int64_t n;
  int is_f64;
  void *a, *b, *c;
  sgemm_fn sgemm;
  dgemm_fn dgemm;
} job;

static void run_once(const job *j) {
  int64_t n = j->n;
  if (!strcmp(j->impl, "hastec")) {
    int rc = j->is_f64 ? hxrt_gemm_f64(n, n, n, j->a, n, 0, j->b, n, 0, j->c, n)
                       : hxrt_gemm_f32(n, n, n, j->a, n, 0, j->b, n, 0, j->c, n);
    if (rc != 0) {
      fprintf(stderr, "bench_gemm: hxrt_gemm returned %d\n", rc);
      exit(1);
    }
  } else if (j->is_f64) {
    j->dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)n, (int)n, 1.0, j->a, (int)n, j->b, (int)n, 0.0,
             j->c, (int)n);
  } else {
    j->sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, (int)n, (int)n, (int)n, 1.0f, j->a, (int)n, j->b, (int)n,
             0.0f, j->c, (int)n);
  }
}

static double check(const job *j) {
  int64_t n = j->n;
  double worst = 0;
  for (int s = 0; s < 256; s++) {
    int64_t i = (int64_t)((urand() + 1) * 0.5 * (double)n), q = (int64_t)((urand() + 1) * 0.5 * (double)n);
    double ref = 0, mag = 0, got;
    for (int64_t p = 0; p < n; p++) {
      double x = j->is_f64 ? ((double *)j->a)[i * n + p] : ((float *)j->a)[i * n + p];
      double y = j->is_f64 ? ((double *)j->b)[p * n + q] : ((float *)j->b)[p * n + q];
      ref += x * y;
      mag += fabs(x * y);
    }
    got = j->is_f64 ? ((double *)j->c)[i * n + q] : ((float *)j->c)[i * n + q];
    double e = fabs(got - ref) / (mag > 0 ? mag : 1);
    if (!(e <= worst)) worst = e; /* NaN sticks */
  }
  return worst;
}

static void measure(const job *j, double min_time) {
  double times[64], cpu_best = 1e300;
  int reps = 0;
  run_once(j); /* warm-up: page faults, thread start, dispatch */
  double start = now();
  while (reps < 64 && (reps < 3 || (now() - start < min_time && reps < 20))) {
    double t0 = now(), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    run_once(j);
    double cpu = clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0;
    times[reps++] = now() - t0;
    if (cpu < cpu_best) cpu_best = cpu;
  }
  qsort(times, (size_t)reps, sizeof times[0], cmp_double);
  double best = times[0], med = times[reps / 2];
  double gflops = 2.0 * (double)j->n * (double)j->n * (double)j->n / best * 1e-9;
  printf("%s\t%s\t%lld\t%d\t%.6f\t%.6f\t%.2f\t%.3g\t%.6f\n", j->impl, j->type, (long long)j->n, omp_get_max_threads(),
         best, med, gflops, check(j), cpu_best);
  fflush(stdout);
}

int main(int argc, char **argv) {
  const char *sizes = "256,512,1024,2048", *types = "f32,f64", *cblas = NULL, *isa = NULL;
  double min_time = 1.0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--sizes") && i + 1 < argc)
      sizes = argv[++i];
    else if (!strcmp(argv[i], "--types") && i + 1 < argc)
      types = argv[++i];
    else if (!strcmp(argv[i], "--cblas") && i + 1 < argc)
      cblas = argv[++i];
    else if (!strcmp(argv[i], "--min-time") && i + 1 < argc)
      min_time = atof(argv[++i]);
    else if (!strcmp(argv[i], "--isa") && i + 1 < argc)
      isa = argv[++i];
    else {
      fprintf(stderr, "usage: %s [--sizes 256,512] [--types f32,f64] [--cblas LIB] [--min-time S] [--isa NAME]\n",
              argv[0]);
      return 2;
    }
  }
  if (isa && hxrt_gemm_set_isa(isa) != 0) {
    fprintf(stderr, "bench_gemm: kernel family '%s' is unknown or not supported by this CPU\n", isa);
    return 2;
  }
  sgemm_fn sgemm = NULL;
  dgemm_fn dgemm = NULL;
  if (cblas) {
    void *h = dlopen(cblas, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
      fprintf(stderr, "bench_gemm: cannot load %s: %s\n", cblas, dlerror());
      return 1;
    }
    sgemm = (sgemm_fn)dlsym(h, "cblas_sgemm");
    dgemm = (dgemm_fn)dlsym(h, "cblas_dgemm");
    if (!sgemm || !dgemm) {
      fprintf(stderr, "bench_gemm: %s has no cblas_sgemm/cblas_dgemm\n", cblas);
      return 1;
    }
  }
  fprintf(stderr, "bench_gemm: kernels %s, %d threads\n", hxrt_gemm_isa(), omp_get_max_threads());

  char *sz = strdup(sizes);
  for (char *tok = strtok(sz, ","); tok; tok = strtok(NULL, ",")) {
    int64_t n = atoll(tok);
    if (n <= 0) continue;
    for (int f64 = 0; f64 < 2; f64++) {
      const char *type = f64 ? "f64" : "f32";
      if (!strstr(types, type)) continue;
      size_t es = f64 ? sizeof(double) : sizeof(float), bytes = es * (size_t)(n * n);
      void *a = malloc(bytes), *b = malloc(bytes), *c = malloc(bytes);
      if (!a || !b || !c) {
        fprintf(stderr, "bench_gemm: out of memory at n=%lld\n", (long long)n);
        return 1;
      }
      for (int64_t i = 0; i < n * n; i++) {
        double x = urand(), y = urand();
        if (f64) {
          ((double *)a)[i] = x;
          ((double *)b)[i] = y;
        } else {
          ((float *)a)[i] = (float)x;
          ((float *)b)[i] = (float)y;
        }
      }
      job j = {"hastec", type, n, f64, a, b, c, sgemm, dgemm};
      measure(&j, min_time);
      if (cblas) {
        j.impl = "openblas";
        measure(&j, min_time);
      }
      free(a);
      free(b);
      free(c);
    }
  }
  free(sz);
  return 0;
}
