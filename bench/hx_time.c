/* \file hx_time.c
 * Times one entry point of a hastec-built shared object in-process.
 *
 *   hx_time [--bench NAME] [--impl NAME] LIB.so SYMBOL ARG...
 *
 * dlopens LIB.so (built by `hastec build`), reads its hx_manifest to learn
 * SYMBOL's C signature (the one the generated header declares), builds the
 * arguments, then calls the typed entry point several times and prints one
 * JSON line: the result, min and median wall time (CLOCK_MONOTONIC, around
 * the call only) and the number of calls (policy: bench/c/bench_common.h).
 * A list result is freed after each call with hx_array_free, outside the
 * timed region; its length and element sum are reported.
 *
 * ARG is a number for integer()/float()/f32 parameters, or `ramp:N` for a
 * list parameter: N elements x[i] = (i mod 1024) / 1024 (the shared bench
 * input), written in parallel (HX_NUM_THREADS or all CPUs) so pages are
 * first touched the way a static split of the work will read them.
 *
 * The runtime's functions (hx_context_new, hx_array_new ...) are looked up
 * through the library's handle, so this program links neither libhxrt nor
 * LLVM and runs from a copied tree next to prebuilt .so files.
 * Exit status: 0 ok, 2 usage / load error, 3 the call returned an error.
 */
#include "c/bench_common.h"
#include "hxrt.h"

#include <dlfcn.h>
#include <pthread.h>
#include <unistd.h>

static void die(int code, const char *fmt, const char *a, const char *b) {
  fprintf(stderr, "hx_time: ");
  fprintf(stderr, fmt, a, b);
  fputc('\n', stderr);
  exit(code);
}

/* ---- the runtime, through the library's handle ------------------------- */
static hx_context *(*rt_context_new)(void);
static void (*rt_context_free)(hx_context *);
static const char *(*rt_context_error)(const hx_context *);
static hx_array *(*rt_array_new)(hx_context *, int, int64_t);
static void *(*rt_array_data)(hx_array *);
static int64_t (*rt_array_len)(const hx_array *);
static int (*rt_array_kind)(const hx_array *);
static void (*rt_array_free)(hx_context *, hx_array *);

static void *need(void *h, const char *name) {
  void *p = dlsym(h, name);
  if (!p) die(2, "symbol %s not found: %s", name, dlerror());
  return p;
}

/* ---- parallel input fill ------------------------------------------------ */
typedef struct fill_job {
  void *data;
  int kind;
  int64_t lo, hi;
} fill_job;

static void *fill_part(void *arg) {
  fill_job *j = arg;
  if (j->kind == HX_KIND_F64) {
    double *d = j->data;
    for (int64_t i = j->lo; i < j->hi; i++) d[i] = bench_input(i);
  } else if (j->kind == HX_KIND_F32) {
    float *d = j->data;
    for (int64_t i = j->lo; i < j->hi; i++) d[i] = (float)bench_input(i);
  } else {
    int64_t *d = j->data;
    for (int64_t i = j->lo; i < j->hi; i++) d[i] = i + 1;
  }
  return NULL;
}

static hx_array *make_input(hx_context *ctx, const char *elem, int64_t n) {
  int kind = !strcmp(elem, "f") ? HX_KIND_F64 : !strcmp(elem, "f32") ? HX_KIND_F32 : !strcmp(elem, "i") ? HX_KIND_I64 : 0;
  if (!kind) die(2, "ramp: lists of %s are not supported%s", elem, "");
  hx_array *a = rt_array_new(ctx, kind, n);
  if (!a) die(2, "out of memory for the input%s%s", "", "");
  int nt = bench_env_int("HX_NUM_THREADS", (int)sysconf(_SC_NPROCESSORS_ONLN));
  if (nt < 1) nt = 1;
  if (nt > 256) nt = 256;
  pthread_t th[256];
  fill_job jobs[256];
  for (int t = 0; t < nt; t++) {
    jobs[t] = (fill_job){rt_array_data(a), kind, n * t / nt, n * (t + 1) / nt};
    pthread_create(&th[t], NULL, fill_part, &jobs[t]);
  }
  for (int t = 0; t < nt; t++) pthread_join(th[t], NULL);
  return a;
}

/* ---- arguments ----------------------------------------------------------- */
typedef union arg {
  int64_t i;
  double f;
  float f32;
  hx_array *list;
} arg;

/* The typed signatures this driver can call: "RESULT|ARG,ARG,..." as
 * hx_manifest writes them. Add a line here (and a case below) for others. */
typedef int (*sig_i_i)(hx_context *, int64_t *, int64_t);
typedef int (*sig_i_ii)(hx_context *, int64_t *, int64_t, int64_t);
typedef int (*sig_L_i)(hx_context *, hx_array **, int64_t);
typedef int (*sig_L_ii)(hx_context *, hx_array **, int64_t, int64_t);
typedef int (*sig_f_Lfff)(hx_context *, double *, const hx_array *, double, double, double);
typedef int (*sig_s_Lsss)(hx_context *, float *, const hx_array *, float, float, float);
typedef int (*sig_f_L)(hx_context *, double *, const hx_array *);
typedef int (*sig_s_L)(hx_context *, float *, const hx_array *);
typedef int (*sig_i_L)(hx_context *, int64_t *, const hx_array *);

typedef union result {
  int64_t i;
  double f;
  float f32;
  hx_array *list;
} result;

static int call(void *fn, const char *sig, hx_context *ctx, result *out, const arg *a) {
  if (!strcmp(sig, "i|i")) return ((sig_i_i)fn)(ctx, &out->i, a[0].i);
  if (!strcmp(sig, "i|i,i")) return ((sig_i_ii)fn)(ctx, &out->i, a[0].i, a[1].i);
  if (!strcmp(sig, "[i]|i")) return ((sig_L_i)fn)(ctx, &out->list, a[0].i);
  if (!strcmp(sig, "[i]|i,i")) return ((sig_L_ii)fn)(ctx, &out->list, a[0].i, a[1].i);
  if (!strcmp(sig, "f|[f],f,f,f")) return ((sig_f_Lfff)fn)(ctx, &out->f, a[0].list, a[1].f, a[2].f, a[3].f);
  if (!strcmp(sig, "f32|[f32],f32,f32,f32"))
    return ((sig_s_Lsss)fn)(ctx, &out->f32, a[0].list, a[1].f32, a[2].f32, a[3].f32);
  if (!strcmp(sig, "f|[f]")) return ((sig_f_L)fn)(ctx, &out->f, a[0].list);
  if (!strcmp(sig, "f32|[f32]")) return ((sig_s_L)fn)(ctx, &out->f32, a[0].list);
  if (!strcmp(sig, "i|[i]")) return ((sig_i_L)fn)(ctx, &out->i, a[0].list);
  die(2, "signature %s is not in hx_time.c's table%s", sig, "");
  return -1;
}

/* Splits "a,b,c" (no nesting needed for the signatures above). */
static int split(char *s, char **parts, int max) {
  int n = 0;
  if (!*s) return 0;
  for (char *p = strtok(s, ","); p && n < max; p = strtok(NULL, ",")) parts[n++] = p;
  return n;
}

int main(int argc, char **argv) {
  const char *bench = "hastec", *impl = "hastec";
  int ai = 1;
  while (ai + 1 < argc && argv[ai][0] == '-' && argv[ai][1] == '-') {
    if (!strcmp(argv[ai], "--bench")) bench = argv[ai + 1];
    else if (!strcmp(argv[ai], "--impl")) impl = argv[ai + 1];
    else die(2, "unknown option %s%s", argv[ai], "");
    ai += 2;
  }
  if (argc - ai < 2) {
    fprintf(stderr, "usage: hx_time [--bench NAME] [--impl NAME] LIB.so SYMBOL ARG...\n");
    return 2;
  }
  const char *lib = argv[ai], *symbol = argv[ai + 1];
  char **args = argv + ai + 2;
  int nargs = argc - ai - 2;

  char libpath[4096];
  /* dlopen searches the library path for a bare name: make it a path. */
  snprintf(libpath, sizeof libpath, "%s%s", strchr(lib, '/') ? "" : "./", lib);
  void *h = dlopen(libpath, RTLD_NOW | RTLD_LOCAL);
  if (!h) die(2, "cannot load %s: %s", lib, dlerror());
  rt_context_new = (hx_context * (*)(void)) need(h, "hx_context_new");
  rt_context_free = (void (*)(hx_context *))need(h, "hx_context_free");
  rt_context_error = (const char *(*)(const hx_context *))need(h, "hx_context_error");
  rt_array_new = (hx_array * (*)(hx_context *, int, int64_t)) need(h, "hx_array_new");
  rt_array_data = (void *(*)(hx_array *))need(h, "hx_array_data");
  rt_array_len = (int64_t(*)(const hx_array *))need(h, "hx_array_len");
  rt_array_kind = (int (*)(const hx_array *))need(h, "hx_array_kind");
  rt_array_free = (void (*)(hx_context *, hx_array *))need(h, "hx_array_free");
  const char *manifest = need(h, "hx_manifest");
  void *fn = need(h, symbol);

  /* Find "display<TAB>symbol<TAB>result<TAB>args" for SYMBOL. */
  char sig[512] = "", params[512] = "", ret[64] = "";
  for (const char *line = manifest; *line;) {
    const char *end = strchr(line, '\n');
    if (!end) end = line + strlen(line);
    char buf[1024];
    size_t len = (size_t)(end - line) < sizeof buf - 1 ? (size_t)(end - line) : sizeof buf - 1;
    memcpy(buf, line, len);
    buf[len] = 0;
    char *f[4] = {0};
    int nf = 0;
    for (char *p = buf; nf < 4; nf++) {
      f[nf] = p;
      char *tab = strchr(p, '\t');
      if (!tab) {
        nf++;
        break;
      }
      *tab = 0;
      p = tab + 1;
    }
    if (nf >= 3 && !strcmp(f[1], symbol)) {
      snprintf(ret, sizeof ret, "%s", f[2]);
      snprintf(params, sizeof params, "%s", nf >= 4 ? f[3] : "");
      snprintf(sig, sizeof sig, "%s|%s", ret, params);
      break;
    }
    line = *end ? end + 1 : end;
  }
  if (!*sig) die(2, "%s is not an entry point of %s", symbol, lib);

  hx_context *ctx = rt_context_new();
  char *ptypes[16];
  char pcopy[512];
  snprintf(pcopy, sizeof pcopy, "%s", params);
  int np = split(pcopy, ptypes, 16);
  if (np != nargs) die(2, "%s takes %s arguments", symbol, params);
  arg a[16];
  hx_array *inputs[16];
  int ninputs = 0;
  int64_t n_report = 0, input_bytes = 0;
  for (int i = 0; i < np; i++) {
    const char *t = ptypes[i];
    if (t[0] == '[') {
      if (strncmp(args[i], "ramp:", 5)) die(2, "list argument %s must be ramp:N%s", args[i], "");
      char elem[16];
      snprintf(elem, sizeof elem, "%.*s", (int)strlen(t) - 2, t + 1);
      int64_t n = strtoll(args[i] + 5, NULL, 0);
      a[i].list = inputs[ninputs++] = make_input(ctx, elem, n);
      input_bytes += n * (!strcmp(elem, "f32") ? 4 : 8);
      if (!n_report) n_report = n;
    } else if (!strcmp(t, "f")) {
      a[i].f = strtod(args[i], NULL);
    } else if (!strcmp(t, "f32")) {
      a[i].f32 = strtof(args[i], NULL);
    } else if (!strcmp(t, "i")) {
      a[i].i = strtoll(args[i], NULL, 0);
      if (!n_report) n_report = a[i].i;
    } else {
      die(2, "parameter type %s is not supported%s", t, "");
    }
  }

  bench_reps r;
  bench_reps_init(&r);
  char value[256] = "null";
  while (bench_reps_more(&r)) {
    result out;
    memset(&out, 0, sizeof out);
    double t0 = bench_start(&r);
    int rc = call(fn, sig, ctx, &out, a);
    double t1 = bench_now();
    if (rc != HX_OK) {
      fprintf(stderr, "hx_time: %s returned %d:\n%s\n", symbol, rc, rt_context_error(ctx));
      return 3;
    }
    bench_reps_add(&r, t1 - t0);
    if (!strcmp(ret, "i")) {
      snprintf(value, sizeof value, "%lld", (long long)out.i);
    } else if (!strcmp(ret, "f")) {
      snprintf(value, sizeof value, "%.17g", out.f);
    } else if (!strcmp(ret, "f32")) {
      snprintf(value, sizeof value, "%.9g", (double)out.f32);
    } else if (ret[0] == '[') {
      int64_t len = rt_array_len(out.list);
      int kind = rt_array_kind(out.list);
      if (kind == HX_KIND_I64) {
        const int64_t *d = rt_array_data(out.list);
        int64_t s = 0;
        for (int64_t i = 0; i < len; i++) s += d[i];
        snprintf(value, sizeof value, "{\"len\": %lld, \"sum\": %lld}", (long long)len, (long long)s);
      } else if (kind == HX_KIND_F64) {
        const double *d = rt_array_data(out.list);
        double s = 0;
        for (int64_t i = 0; i < len; i++) s += d[i];
        snprintf(value, sizeof value, "{\"len\": %lld, \"sum\": %.17g}", (long long)len, s);
      } else {
        snprintf(value, sizeof value, "{\"len\": %lld}", (long long)len);
      }
      rt_array_free(ctx, out.list);
    }
  }
  char extra[160];
  /* hastec's thread count: HX_NUM_THREADS, else OpenMP's default (libhxrt's dependency). */
  char threads[64] = "default";
  int (*omp_max)(void) = (int (*)(void))dlsym(h, "omp_get_max_threads");
  if (getenv("HX_NUM_THREADS")) snprintf(threads, sizeof threads, "%s", getenv("HX_NUM_THREADS"));
  else if (omp_max) snprintf(threads, sizeof threads, "%d (default)", omp_max());
  int n_extra = snprintf(extra, sizeof extra, "\"threads\": \"%s\"", threads);
  if (input_bytes) snprintf(extra + n_extra, sizeof extra - (size_t)n_extra, ", \"bytes\": %lld", (long long)input_bytes);
  bench_emit(bench, impl, n_report, value, &r, extra);
  for (int i = 0; i < ninputs; i++) rt_array_free(ctx, inputs[i]);
  rt_context_free(ctx);
  return 0;
}
