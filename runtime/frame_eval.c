/* \file frame_eval.c
 * The frame-recipe evaluator (hxrt_frame_eval.h has the recipe format): one
 * interpreter of Explorer's cleansing verbs that hastec runs when it compiles
 * a program and the program runs again when it starts, so both see the same
 * frame. Semantics and error texts are the reference shim's
 * (stdlib/ref/explorer.exs, modules Explorer.Series and Explorer.DataFrame).
 *
 * Error model: everything runs inside an hxrt_invoke (a nested one for
 * hx_frame_eval, the program's own for the hxrt_ entries) and errors are
 * raised, so a failure anywhere frees every array made so far. Columns are
 * immutable once built and shared freely between frames; every array made
 * is noted in a registry, and on success the ones the result does not hold
 * are freed in one sweep.
 *
 * Internally a column may have dtype DT_NULL (every value nil, Explorer's
 * :null, e.g. `mutate x: nil`): data is NULL and valid all zero. Such a
 * column cannot leave the evaluator (hx_frame has no null dtype).
 */
#define _GNU_SOURCE
#include "hxrt_frame_eval.h"
#include "hxrt_frame_inspect.h"
#include "hxrt_internal.h"
#include "hxrt_loop.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* hx_array's accessors, inlined (hxrt_internal.h has the layout): the
 * element loops below call them per row. */
static inline const void *cdata(const hx_array *a) { return a->data; }
static inline void *mdata(hx_array *a) { return a->data; }
static inline int64_t alen(const hx_array *a) { return a->len; }

enum { DT_NULL = 0 };

typedef struct vframe {
  int64_t n_rows, n_cols;
  hx_column *cols;
} vframe;

/* An expression's value: a series (n rows) or a scalar (n == 1, scalar set;
 * its dtype follows the value: nil is DT_NULL). atom: a:NAME leaves. */
typedef struct val {
  int scalar;
  int64_t n;
  hx_column c;
  const char *atom;
} val;

typedef struct E {
  hx_context *ctx;
  const hx_srcloc *loc;
  hx_array *reg; /* HX_KIND_I64: every hx_array* made, as integers */
  int64_t nreg;
  const char *where; /* the first csv path, for the tensor errors */
  int ncache;
  struct {
    const char *line;
    const vframe *f;
  } cache[64];
} E;

/* ---- errors ---------------------------------------------------------------- */

static void fail(E *e, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
static void fail(E *e, const char *fmt, ...) {
  char text[4096];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  hxrt_raise(e->ctx, HX_ERR_ARGUMENT, text, e->loc);
}

#define malformed(e, ...) fail_malformed((e), __VA_ARGS__)
static void fail_malformed(E *e, const char *fmt, ...) __attribute__((noreturn, format(printf, 2, 3)));
static void fail_malformed(E *e, const char *fmt, ...) {
  char text[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(text, sizeof text, fmt, ap);
  va_end(ap);
  fail(e, "internal error: malformed frame recipe: %s", text);
}

/* ---- memory ---------------------------------------------------------------- */

static void reg_add(E *e, hx_array *a) {
  if (e->nreg == alen(e->reg)) {
    hx_array *bigger = hxrt_alloc(e->ctx, HX_KIND_I64, 2 * e->nreg + 64);
    memcpy(mdata(bigger), mdata(e->reg), (size_t)e->nreg * sizeof(int64_t));
    hxrt_release(e->ctx, e->reg);
    e->reg = bigger;
  }
  ((int64_t *)mdata(e->reg))[e->nreg++] = (int64_t)(intptr_t)a;
}

static hx_array *ralloc(E *e, int kind, int64_t len) {
  hx_array *a = hxrt_alloc(e->ctx, kind, len < 0 ? 0 : len);
  reg_add(e, a);
  return a;
}

/* n bytes of scratch or string storage (an array of 1-byte tuples). */
static hx_array *rbytes_arr(E *e, int64_t n) {
  hx_array *a = hxrt_bytes_alloc(e->ctx, n < 1 ? 1 : n);
  reg_add(e, a);
  return a;
}
static void *rbytes(E *e, int64_t n) { return mdata(rbytes_arr(e, n)); }

/* Frees scratch made last (searched from the end of the registry). */
static void rfree(E *e, void *data) {
  int64_t *r = mdata(e->reg);
  for (int64_t k = e->nreg - 1; k >= 0; k--) {
    hx_array *a = (hx_array *)(intptr_t)r[k];
    if (mdata(a) == data) {
      r[k] = r[--e->nreg];
      hxrt_release(e->ctx, a);
      return;
    }
  }
}

static char *rstrdup(E *e, const char *s, size_t n) {
  char *p = rbytes(e, (int64_t)n + 1);
  memcpy(p, s, n);
  p[n] = 0;
  return p;
}

static void e_init(E *e, hx_context *ctx, const hx_srcloc *loc) {
  memset(e, 0, sizeof *e);
  e->ctx = ctx;
  e->loc = loc;
  e->reg = hxrt_alloc(ctx, HX_KIND_I64, 64);
}

/* Frees every registered array not in keep[0..nkeep), then the registry. */
static int cmp_ptr(const void *a, const void *b) {
  uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;
  return x < y ? -1 : x > y;
}
static void e_release(E *e, hx_array **keep, int64_t nkeep) {
  if (nkeep > 0) qsort(keep, (size_t)nkeep, sizeof *keep, cmp_ptr);
  int64_t *r = mdata(e->reg);
  for (int64_t k = 0; k < e->nreg; k++) {
    hx_array *a = (hx_array *)(intptr_t)r[k];
    if (nkeep > 0 && bsearch(&a, keep, (size_t)nkeep, sizeof *keep, cmp_ptr)) continue;
    hxrt_release(e->ctx, a);
  }
  hxrt_release(e->ctx, e->reg);
  e->reg = NULL;
  e->nreg = 0;
}

/* ---- columns --------------------------------------------------------------- */

static const uint8_t *VALID(const hx_column *c) { return cdata(c->valid); }
static const double *F64(const hx_column *c) { return cdata(c->data); }
static const int64_t *S64(const hx_column *c) { return cdata(c->data); }
static const uint8_t *BOOLS(const hx_column *c) { return cdata(c->data); }
static const int32_t *CODES(const hx_column *c) { return cdata(c->data); }

static bool numeric(int dt) { return dt == HX_DT_F64 || dt == HX_DT_S64; }
static bool numeric_or_null(int dt) { return numeric(dt) || dt == DT_NULL; }
static bool textual(int dt) { return dt == HX_DT_STRING || dt == HX_DT_CATEGORY; }

/* A column of n rows, arrays allocated, nothing initialised (strings: the
 * offsets only; the caller allocates bytes). */
static hx_column col_alloc(E *e, const char *name, int dt, int64_t n) {
  hx_column c;
  memset(&c, 0, sizeof c);
  c.name = name;
  c.dtype = dt;
  c.valid = ralloc(e, HX_KIND_BOOL, n);
  switch (dt) {
  case HX_DT_F64: c.data = ralloc(e, HX_KIND_F64, n); break;
  case HX_DT_S64: c.data = ralloc(e, HX_KIND_I64, n); break;
  case HX_DT_BOOL: c.data = ralloc(e, HX_KIND_BOOL, n); break;
  case HX_DT_STRING: c.data = ralloc(e, HX_KIND_I64, n + 1); break;
  case HX_DT_CATEGORY: c.data = ralloc(e, HX_KIND_I32, n); break;
  default: break;
  }
  return c;
}

static hx_column col_null(E *e, const char *name, int64_t n) {
  hx_column c = col_alloc(e, name, DT_NULL, n);
  memset(mdata(c.valid), 0, (size_t)n);
  return c;
}

/* Row i of a string or category column (NULL when nil). */
static const char *text_at(const hx_column *c, int64_t i, int64_t *len) {
  if (!VALID(c)[i]) return NULL;
  if (c->dtype == HX_DT_CATEGORY) {
    int32_t code = CODES(c)[i];
    const int64_t *off = cdata(c->dict);
    *len = off[code + 1] - off[code];
    return (const char *)cdata(c->bytes) + off[code];
  }
  const int64_t *off = cdata(c->data);
  *len = off[i + 1] - off[i];
  return (const char *)cdata(c->bytes) + off[i];
}

static uint64_t hash_bytes(const char *p, int64_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (int64_t i = 0; i < n; i++) h = (h ^ (uint8_t)p[i]) * 0x100000001b3ull;
  return h;
}

/* A string or category column from row texts (p[i] NULL: nil). Categories
 * are numbered in order of first appearance (the shim's categorise/1). */
static hx_column col_from_texts(E *e, const char *name, int dt, int64_t n, const char *const *p,
                                const int64_t *len) {
  hx_column c = col_alloc(e, name, dt, n);
  uint8_t *valid = mdata(c.valid);
  if (dt == HX_DT_STRING) {
    int64_t total = 0;
    for (int64_t i = 0; i < n; i++)
      if (p[i]) total += len[i];
    c.bytes = rbytes_arr(e, total);
    char *b = mdata(c.bytes);
    int64_t *off = mdata(c.data), at = 0;
    for (int64_t i = 0; i < n; i++) {
      off[i] = at;
      valid[i] = p[i] != NULL;
      if (p[i]) {
        memcpy(b + at, p[i], (size_t)len[i]);
        at += len[i];
      }
    }
    off[n] = at;
    return c;
  }
  /* Categories: open addressing over the distinct texts. */
  int64_t cap = 16;
  while (cap < 2 * n + 2) cap *= 2;
  int64_t *table = rbytes(e, cap * (int64_t)sizeof(int64_t)); /* first row + 1, 0 = empty */
  memset(table, 0, (size_t)cap * sizeof(int64_t));
  int64_t *first = rbytes(e, (n + 1) * (int64_t)sizeof(int64_t)); /* category -> its first row */
  int32_t *codes = mdata(c.data);
  int64_t ncat = 0, total = 0;
  for (int64_t i = 0; i < n; i++) {
    valid[i] = p[i] != NULL;
    if (!p[i]) {
      codes[i] = -1;
      continue;
    }
    uint64_t h = hash_bytes(p[i], len[i]);
    int64_t slot = (int64_t)(h & (uint64_t)(cap - 1));
    for (;;) {
      if (table[slot] == 0) {
        if (ncat >= INT32_MAX) fail(e, "too many categories in column \"%s\"", name);
        table[slot] = i + 1;
        first[ncat] = i;
        total += len[i];
        codes[i] = (int32_t)ncat++;
        break;
      }
      int64_t r = table[slot] - 1;
      if (len[r] == len[i] && memcmp(p[r], p[i], (size_t)len[i]) == 0) {
        codes[i] = codes[r];
        break;
      }
      slot = (slot + 1) & (cap - 1);
    }
  }
  c.dict = ralloc(e, HX_KIND_I64, ncat + 1);
  c.bytes = rbytes_arr(e, total);
  int64_t *off = mdata(c.dict), at = 0;
  char *b = mdata(c.bytes);
  for (int64_t k = 0; k < ncat; k++) {
    off[k] = at;
    memcpy(b + at, p[first[k]], (size_t)len[first[k]]);
    at += len[first[k]];
  }
  off[ncat] = at;
  rfree(e, first);
  rfree(e, table);
  return c;
}

/* Rows idx[0..m) of c (idx -1: a nil row). Categories keep their dictionary. */
static bool all_rows(const int64_t *idx, int64_t m) {
  bool dense = true;
  for (int64_t i = 0; i < m; i++) dense &= idx[i] >= 0;
  return dense;
}

/* dense: no -1 in idx, the common case, gathered without a test per row. */
static hx_column col_take_d(E *e, const hx_column *c, int64_t m, const int64_t *idx, bool dense) {
  hx_column r = col_alloc(e, c->name, c->dtype, m);
  uint8_t *valid = mdata(r.valid);
  const uint8_t *v = VALID(c);
  if (dense)
    for (int64_t i = 0; i < m; i++) valid[i] = v[idx[i]];
  else
    for (int64_t i = 0; i < m; i++) valid[i] = idx[i] >= 0 && v[idx[i]];
#define GATHER(T, src, zero)                                                                                 \
  do {                                                                                                       \
    T *d = mdata(r.data);                                                                                    \
    const T *sv = (src);                                                                                     \
    if (dense)                                                                                               \
      for (int64_t i = 0; i < m; i++) d[i] = sv[idx[i]];                                                     \
    else                                                                                                     \
      for (int64_t i = 0; i < m; i++) d[i] = idx[i] >= 0 ? sv[idx[i]] : (zero);                             \
  } while (0)
  switch (c->dtype) {
  case HX_DT_F64: GATHER(double, F64(c), 0.0); break;
  case HX_DT_S64: GATHER(int64_t, S64(c), 0); break;
  case HX_DT_BOOL: GATHER(uint8_t, BOOLS(c), 0); break;
  case HX_DT_CATEGORY: {
    int32_t *d = mdata(r.data);
    for (int64_t i = 0; i < m; i++) d[i] = valid[i] ? CODES(c)[idx[i]] : -1;
    r.dict = c->dict;
    r.bytes = c->bytes;
    break;
  }
  case HX_DT_STRING: {
    const int64_t *so = cdata(c->data);
    int64_t total = 0;
    for (int64_t i = 0; i < m; i++)
      if (valid[i]) total += so[idx[i] + 1] - so[idx[i]];
    r.bytes = rbytes_arr(e, total);
    int64_t *off = mdata(r.data), at = 0;
    char *b = mdata(r.bytes);
    const char *sb = cdata(c->bytes);
    for (int64_t i = 0; i < m; i++) {
      off[i] = at;
      if (valid[i]) {
        int64_t l = so[idx[i] + 1] - so[idx[i]];
        memcpy(b + at, sb + so[idx[i]], (size_t)l);
        at += l;
      }
    }
    off[m] = at;
    break;
  }
  default: break;
  }
#undef GATHER
  return r;
}

static hx_column col_take(E *e, const hx_column *c, int64_t m, const int64_t *idx) {
  return col_take_d(e, c, m, idx, all_rows(idx, m));
}

static vframe *frame_new(E *e, int64_t n_rows, int64_t n_cols) {
  vframe *f = rbytes(e, (int64_t)sizeof(vframe) + (n_cols + 1) * (int64_t)sizeof(hx_column));
  f->n_rows = n_rows;
  f->n_cols = n_cols;
  f->cols = (hx_column *)(f + 1);
  return f;
}

static const vframe *frame_take(E *e, const vframe *f, int64_t m, const int64_t *idx) {
  vframe *r = frame_new(e, m, f->n_cols);
  bool dense = all_rows(idx, m);
  for (int64_t j = 0; j < f->n_cols; j++) r->cols[j] = col_take_d(e, &f->cols[j], m, idx, dense);
  return r;
}

/* ---- text of values ---------------------------------------------------------- */

static const char *dtype_inspect(int dt) {
  switch (dt) {
  case HX_DT_F64: return "{:f, 64}";
  case HX_DT_S64: return "{:s, 64}";
  case HX_DT_BOOL: return ":boolean";
  case HX_DT_STRING: return ":string";
  case HX_DT_CATEGORY: return ":category";
  default: return ":null";
  }
}

static const char *dtype_text(int dt) { return dt == DT_NULL ? "null" : hx_dtype_name(dt); }

/* Elixir's inspect of a binary, into buf. */
static void inspect_string(char *buf, size_t cap, const char *s, int64_t n) {
  size_t at = 0;
  if (cap < 8) return;
  buf[at++] = '"';
  for (int64_t i = 0; i < n && at + 6 < cap; i++) {
    char ch = s[i];
    const char *esc = ch == '"' ? "\\\"" : ch == '\\' ? "\\\\" : ch == '\n' ? "\\n" : ch == '\t' ? "\\t"
                      : ch == '\r' ? "\\r" : NULL;
    if (esc) {
      memcpy(buf + at, esc, 2);
      at += 2;
    } else {
      buf[at++] = ch;
    }
  }
  buf[at++] = '"';
  buf[at] = 0;
}

static void inspect_name(char *buf, size_t cap, const char *name) {
  inspect_string(buf, cap, name, (int64_t)strlen(name));
}

/* Elixir's inspect of a float: shortest round trip ("1.0", "1.0e-5"); the
 * shim holds non-finite floats as the atoms :nan, :infinity, :neg_infinity. */
static void inspect_float(char *buf, size_t cap, double x) {
  if (isnan(x)) snprintf(buf, cap, ":nan");
  else if (isinf(x)) snprintf(buf, cap, x > 0 ? ":infinity" : ":neg_infinity");
  else hx_format_float(buf, cap, x);
}

/* inspect/1 of row i of a value (nil, numbers, booleans, strings, atoms). */
static void inspect_elem(char *buf, size_t cap, const val *v, int64_t i) {
  const hx_column *c = &v->c;
  if (v->atom) {
    snprintf(buf, cap, ":%s", v->atom);
    return;
  }
  if (c->dtype == DT_NULL || !VALID(c)[i]) {
    snprintf(buf, cap, "nil");
    return;
  }
  switch (c->dtype) {
  case HX_DT_F64: inspect_float(buf, cap, F64(c)[i]); return;
  case HX_DT_S64: snprintf(buf, cap, "%" PRId64, S64(c)[i]); return;
  case HX_DT_BOOL: snprintf(buf, cap, BOOLS(c)[i] ? "true" : "false"); return;
  default: {
    int64_t len = 0;
    const char *s = text_at(c, i, &len);
    inspect_string(buf, cap, s, len);
  }
  }
}

static void inspect_val(char *buf, size_t cap, const val *v) {
  if (v->scalar || v->atom) inspect_elem(buf, cap, v, 0);
  else snprintf(buf, cap, "#Explorer.Series<%s[%" PRId64 "]>", dtype_text(v->c.dtype), v->n);
}

/* Polars' float text (Rust's ryu, as the shim's csv_float/1): the shortest
 * round-trip digits, plain for 1e-5 <= |x| < 1e16, else "1e16", "1.5e-7". */
static void polars_float(char *out, size_t cap, double x) {
  if (isnan(x)) {
    snprintf(out, cap, "NaN");
    return;
  }
  if (isinf(x)) {
    snprintf(out, cap, x > 0 ? "inf" : "-inf");
    return;
  }
  if (x == 0) {
    snprintf(out, cap, signbit(x) ? "-0.0" : "0.0");
    return;
  }
  char tmp[40];
  for (int prec = 0; prec < 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*e", prec, x);
    if (strtod(tmp, NULL) == x) break;
  }
  /* tmp = [-]d[.ddd]e[+-]XX */
  const char *sign = x < 0 ? "-" : "";
  const char *p = tmp + (x < 0);
  char digits[24];
  int n = 0;
  for (; *p && *p != 'e'; p++)
    if (*p >= '0' && *p <= '9') digits[n++] = *p;
  while (n > 1 && digits[n - 1] == '0') n--;
  digits[n] = 0;
  int exp = atoi(p + 1) + 1; /* x = 0.DIGITS * 10^exp */
  if (exp > 16 || exp < -4) {
    if (n == 1) snprintf(out, cap, "%s%se%d", sign, digits, exp - 1);
    else snprintf(out, cap, "%s%c.%se%d", sign, digits[0], digits + 1, exp - 1);
  } else if (exp <= 0) {
    snprintf(out, cap, "%s0.%0*d%s", sign, -exp, 0, digits);
    if (exp == 0) snprintf(out, cap, "%s0.%s", sign, digits);
  } else if (exp >= n) {
    snprintf(out, cap, "%s%s%0*d.0", sign, digits, exp - n, 0);
    if (exp == n) snprintf(out, cap, "%s%s.0", sign, digits);
  } else {
    snprintf(out, cap, "%s%.*s.%s", sign, exp, digits, digits + exp);
  }
}

/* Every row of c as text, as the shim's cast_string/1 writes it (strings as
 * they are, integers in digits, floats as Polars, booleans true/false):
 * *pp and *pl are n-element scratch (pointer NULL: nil). */
static void col_texts(E *e, const hx_column *c, int64_t n, const char ***pp, int64_t **pl) {
  const char **p = rbytes(e, (n + 1) * (int64_t)sizeof(char *));
  int64_t *l = rbytes(e, (n + 1) * (int64_t)sizeof(int64_t));
  char *buf = NULL;
  if (c->dtype == HX_DT_F64 || c->dtype == HX_DT_S64) buf = rbytes(e, n * 32 + 1);
  const uint8_t *v = VALID(c);
  for (int64_t i = 0; i < n; i++) {
    p[i] = NULL;
    l[i] = 0;
    if (c->dtype == DT_NULL || !v[i]) continue;
    switch (c->dtype) {
    case HX_DT_F64:
      polars_float(buf + 32 * i, 32, F64(c)[i]);
      p[i] = buf + 32 * i;
      l[i] = (int64_t)strlen(p[i]);
      break;
    case HX_DT_S64:
      l[i] = snprintf(buf + 32 * i, 32, "%" PRId64, S64(c)[i]);
      p[i] = buf + 32 * i;
      break;
    case HX_DT_BOOL:
      p[i] = BOOLS(c)[i] ? "true" : "false";
      l[i] = BOOLS(c)[i] ? 4 : 5;
      break;
    default: p[i] = text_at(c, i, &l[i]); break;
    }
  }
  *pp = p;
  *pl = l;
}

/* ---- column lookup ------------------------------------------------------------ */

/* Elixir's String.jaro_distance/2 (on bytes). */
static double jaro(const char *a, const char *b) {
  int la = (int)strlen(a), lb = (int)strlen(b);
  if (la == 0 && lb == 0) return 1.0;
  if (la == 0 || lb == 0 || la > 256 || lb > 256) return 0.0;
  int window = (la > lb ? la : lb) / 2 - 1;
  if (window < 0) window = 0;
  bool ma[256] = {0}, mb[256] = {0};
  int m = 0;
  for (int i = 0; i < la; i++) {
    int lo = i - window < 0 ? 0 : i - window, hi = i + window + 1 < lb ? i + window + 1 : lb;
    for (int j = lo; j < hi; j++)
      if (!mb[j] && a[i] == b[j]) {
        ma[i] = mb[j] = true;
        m++;
        break;
      }
  }
  if (m == 0) return 0.0;
  int t = 0, k = 0;
  for (int i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a[i] != b[k]) t++;
    k++;
  }
  return ((double)m / la + (double)m / lb + (double)(m - t / 2) / m) / 3.0;
}

static int64_t col_index(E *e, const vframe *f, const char *name) {
  for (int64_t j = 0; j < f->n_cols; j++)
    if (strcmp(f->cols[j].name, name) == 0) return j;
  const char *best = NULL;
  double best_d = 0.77;
  for (int64_t j = 0; j < f->n_cols; j++) {
    double d = jaro(name, f->cols[j].name);
    if (d >= best_d) best_d = d, best = f->cols[j].name;
  }
  char q[512], s[512];
  inspect_name(q, sizeof q, name);
  if (best) {
    inspect_name(s, sizeof s, best);
    fail(e, "the data frame has no column %s (did you mean %s?)", q, s);
  }
  fail(e, "the data frame has no column %s", q);
}

/* ---- scalars ------------------------------------------------------------------- */

static val scalar_of(E *e, int dt) {
  val v;
  memset(&v, 0, sizeof v);
  v.scalar = 1;
  v.n = 1;
  v.c = col_alloc(e, "", dt, 1);
  ((uint8_t *)mdata(v.c.valid))[0] = dt != DT_NULL;
  return v;
}
static val s_int(E *e, int64_t x) {
  val v = scalar_of(e, HX_DT_S64);
  ((int64_t *)mdata(v.c.data))[0] = x;
  return v;
}
static val s_f64(E *e, double x) {
  val v = scalar_of(e, HX_DT_F64);
  ((double *)mdata(v.c.data))[0] = x;
  return v;
}
static val s_bool(E *e, bool x) {
  val v = scalar_of(e, HX_DT_BOOL);
  ((uint8_t *)mdata(v.c.data))[0] = x;
  return v;
}
static val s_nil(E *e) { return scalar_of(e, DT_NULL); }
static val s_str(E *e, const char *s, int64_t n) {
  const char *p[1] = {s};
  int64_t l[1] = {n};
  val v;
  memset(&v, 0, sizeof v);
  v.scalar = 1;
  v.n = 1;
  v.c = col_from_texts(e, "", HX_DT_STRING, 1, p, l);
  return v;
}
/* Row i of a series as a scalar (categories give strings). */
static val s_elem(E *e, const hx_column *c, int64_t i) {
  if (c->dtype == DT_NULL || !VALID(c)[i]) return s_nil(e);
  switch (c->dtype) {
  case HX_DT_F64: return s_f64(e, F64(c)[i]);
  case HX_DT_S64: return s_int(e, S64(c)[i]);
  case HX_DT_BOOL: return s_bool(e, BOOLS(c)[i]);
  default: {
    int64_t len = 0;
    const char *s = text_at(c, i, &len);
    return s_str(e, s, len);
  }
  }
}

static val series_of(hx_column c, int64_t n) {
  val v;
  memset(&v, 0, sizeof v);
  v.n = n;
  v.c = c;
  return v;
}

static val result_of(E *e, int dt, int64_t n, bool scalar) {
  val v;
  memset(&v, 0, sizeof v);
  v.scalar = scalar;
  v.n = n;
  v.c = col_alloc(e, "", dt, n);
  return v;
}

/* A scalar result is a plain value in the shim (__binop__ takes hd of a
 * one-row series), so a nil one has dtype null whatever the operation. */
static val scalar_norm(E *e, val v) {
  if (v.scalar && !((const uint8_t *)cdata(v.c.valid))[0]) return s_nil(e);
  return v;
}

static bool is_valid(const val *v, int64_t i) { return v->c.dtype != DT_NULL && VALID(&v->c)[i]; }
static double fnum(const hx_column *c, int64_t i) {
  switch (c->dtype) {
  case HX_DT_F64: return F64(c)[i];
  case HX_DT_S64: return (double)S64(c)[i];
  case HX_DT_BOOL: return BOOLS(c)[i];
  default: return 0.0;
  }
}

static void need_series(E *e, const char *fun, int arity, const val *v) {
  if (v->scalar || v->atom) {
    char b[256];
    inspect_val(b, sizeof b, v);
    fail(e, "Explorer.Series.%s/%d expects a series, got: %s", fun, arity, b);
  }
}

/* ---- element-wise operations ---------------------------------------------------- */

/* The shim's zip2: scalars and one-row series broadcast. */
static int64_t zip_len(E *e, const char *op, const val *a, const val *b) {
  int64_t la = a->scalar ? -1 : a->n, lb = b->scalar ? -1 : b->n;
  if (la < 0 && lb < 0) return 1;
  if (la < 0) return lb;
  if (lb < 0) return la;
  if (la == 1) return lb;
  if (lb == 1) return la;
  if (la == lb) return la;
  fail(e, "Explorer.Series.%s/2 expects series of the same size, got %" PRId64 " && %" PRId64, op, la, lb);
}
static inline int64_t at(const val *v, int64_t i) { return v->n == 1 ? 0 : i; }

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_POW };
static const char *const kArithName[] = {"add", "subtract", "multiply", "divide", "pow"};

static int64_t ipow_wrap(uint64_t x, int64_t y) {
  uint64_t r = 1;
  while (y > 0) {
    if (y & 1) r *= x;
    x *= x;
    y >>= 1;
  }
  return (int64_t)r;
}

/* The shim's fpow/2: NaN for a non-finite operand or a negative base with a
 * fractional exponent; +infinity where :math.pow raises (any overflow). */
static double shim_pow(double x, double y) {
  if (!isfinite(x) || !isfinite(y)) return NAN;
  if (x < 0 && y != round(y)) return NAN;
  double r = pow(x, y);
  return isfinite(r) ? r : INFINITY;
}

static void mismatched(E *e, const char *fun, int da, int db) __attribute__((noreturn));
static void mismatched(E *e, const char *fun, int da, int db) {
  fail(e, "cannot invoke Explorer.Series.%s/2 with mismatched dtypes: %s and %s", fun, dtype_inspect(da),
       dtype_inspect(db));
}

/* An operand of a float operation as doubles (integers converted into
 * scratch), with its stride: 0 for a one-row value, which broadcasts. */
static const double *as_f64(E *e, const val *v, int64_t *stride) {
  *stride = v->n == 1 ? 0 : 1;
  if (v->c.dtype == HX_DT_F64) return F64(&v->c);
  double *d = rbytes(e, (v->n + 1) * 8);
  if (v->c.dtype == HX_DT_S64)
    for (int64_t i = 0; i < v->n; i++) d[i] = (double)S64(&v->c)[i];
  else
    memset(d, 0, (size_t)v->n * 8); /* null: every row is nil */
  return d;
}

static val arith(E *e, int op, const val *a, const val *b) {
  int da = a->c.dtype, db = b->c.dtype;
  if (!numeric_or_null(da) || !numeric_or_null(db)) mismatched(e, kArithName[op], da, db);
  int64_t n = zip_len(e, kArithName[op], a, b);
  int out = op == OP_DIV || da == HX_DT_F64 || db == HX_DT_F64 ? HX_DT_F64 : HX_DT_S64;
  val r = result_of(e, out, n, a->scalar && b->scalar);
  uint8_t *valid = mdata(r.c.valid);
  if (da == DT_NULL || db == DT_NULL) {
    memset(valid, 0, (size_t)n);
  } else {
    const uint8_t *va = VALID(&a->c), *vb = VALID(&b->c);
    int64_t ka = a->n == 1 ? 0 : 1, kb = b->n == 1 ? 0 : 1;
    for (int64_t i = 0; i < n; i++) valid[i] = va[i * ka] & vb[i * kb];
  }
  if (out == HX_DT_S64) {
    int64_t *d = mdata(r.c.data);
    for (int64_t i = 0; i < n; i++) {
      if (!valid[i]) {
        d[i] = 0;
        continue;
      }
      uint64_t x = (uint64_t)S64(&a->c)[at(a, i)], y = (uint64_t)S64(&b->c)[at(b, i)];
      switch (op) {
      case OP_ADD: d[i] = (int64_t)(x + y); break;
      case OP_SUB: d[i] = (int64_t)(x - y); break;
      case OP_MUL: d[i] = (int64_t)(x * y); break;
      default:
        if ((int64_t)y < 0) fail(e, "negative exponent with an integer base");
        d[i] = ipow_wrap(x, (int64_t)y);
      }
    }
    return scalar_norm(e, r);
  }
  int64_t sa, sb;
  const double *x = as_f64(e, a, &sa), *y = as_f64(e, b, &sb);
  double *d = mdata(r.c.data);
  /* Nil rows compute from the 0.0 they hold; their value is never read. */
  switch (op) {
  case OP_ADD:
    for (int64_t i = 0; i < n; i++) d[i] = x[i * sa] + y[i * sb];
    break;
  case OP_SUB:
    for (int64_t i = 0; i < n; i++) d[i] = x[i * sa] - y[i * sb];
    break;
  case OP_MUL:
    for (int64_t i = 0; i < n; i++) d[i] = x[i * sa] * y[i * sb];
    break;
  case OP_DIV:
    for (int64_t i = 0; i < n; i++) d[i] = x[i * sa] / y[i * sb];
    break;
  default:
    for (int64_t i = 0; i < n; i++) d[i] = shim_pow(x[i * sa], y[i * sb]);
  }
  for (int64_t i = 0; i < n; i++)
    if (!valid[i]) d[i] = 0.0;
  return scalar_norm(e, r);
}

/* The shim's order (Polars' total order): numbers, NaN above every number
 * and equal to itself; booleans false < true; text by bytes. Both present. */
static int elem_cmp(const hx_column *ca, int64_t i, const hx_column *cb, int64_t j) {
  if (ca->dtype == HX_DT_S64 && cb->dtype == HX_DT_S64) {
    int64_t x = S64(ca)[i], y = S64(cb)[j];
    return x < y ? -1 : x > y;
  }
  if (numeric(ca->dtype) || ca->dtype == HX_DT_BOOL) {
    double x = fnum(ca, i), y = fnum(cb, j);
    bool xn = isnan(x), yn = isnan(y);
    if (xn || yn) return xn && yn ? 0 : xn ? 1 : -1;
    return x < y ? -1 : x > y;
  }
  int64_t la = 0, lb = 0;
  const char *x = text_at(ca, i, &la), *y = text_at(cb, j, &lb);
  int c = memcmp(x, y, (size_t)(la < lb ? la : lb));
  if (c) return c < 0 ? -1 : 1;
  return la < lb ? -1 : la > lb;
}

enum { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE };
static const char *const kCmpName[] = {"equal", "not_equal", "less", "less_equal", "greater", "greater_equal"};

static val compare(E *e, int op, const val *a, const val *b) {
  int da = a->c.dtype, db = b->c.dtype;
  bool ok = da == db || da == DT_NULL || db == DT_NULL || (numeric(da) && numeric(db)) ||
            (textual(da) && textual(db));
  if (!ok) mismatched(e, kCmpName[op], da, db);
  int64_t n = zip_len(e, kCmpName[op], a, b);
  val r = result_of(e, HX_DT_BOOL, n, a->scalar && b->scalar);
  uint8_t *valid = mdata(r.c.valid), *d = mdata(r.c.data);
  for (int64_t i = 0; i < n; i++) {
    int64_t ia = at(a, i), ib = at(b, i);
    valid[i] = is_valid(a, ia) && is_valid(b, ib);
    d[i] = 0;
    if (!valid[i]) continue;
    int c = elem_cmp(&a->c, ia, &b->c, ib);
    switch (op) {
    case CMP_EQ: d[i] = c == 0; break;
    case CMP_NE: d[i] = c != 0; break;
    case CMP_LT: d[i] = c < 0; break;
    case CMP_LE: d[i] = c <= 0; break;
    case CMP_GT: d[i] = c > 0; break;
    default: d[i] = c >= 0;
    }
  }
  return scalar_norm(e, r);
}

/* Kleene and/or. */
static val logic(E *e, bool is_and, const val *a, const val *b) {
  const char *name = is_and ? "and" : "or";
  int da = a->c.dtype, db = b->c.dtype;
  if ((da != HX_DT_BOOL && da != DT_NULL) || (db != HX_DT_BOOL && db != DT_NULL)) mismatched(e, name, da, db);
  int64_t n = zip_len(e, name, a, b);
  val r = result_of(e, HX_DT_BOOL, n, a->scalar && b->scalar);
  uint8_t *valid = mdata(r.c.valid), *d = mdata(r.c.data);
  for (int64_t i = 0; i < n; i++) {
    int64_t ia = at(a, i), ib = at(b, i);
    int x = is_valid(a, ia) ? BOOLS(&a->c)[ia] : -1, y = is_valid(b, ib) ? BOOLS(&b->c)[ib] : -1;
    int z = is_and ? (x == 0 || y == 0 ? 0 : x < 0 || y < 0 ? -1 : 1)
                   : (x == 1 || y == 1 ? 1 : x < 0 || y < 0 ? -1 : 0);
    valid[i] = z >= 0;
    d[i] = z == 1;
  }
  return scalar_norm(e, r);
}

static void numeric_only(E *e, const char *fun, int dt) {
  if (!numeric_or_null(dt))
    fail(e, "Explorer.Series.%s/1 not implemented for dtype %s. Valid dtypes are {:f, 64} and {:s, 64}", fun,
         dtype_inspect(dt));
}

enum { U_ABS, U_SQRT, U_EXP, U_LOG };
static const char *const kUnaryName[] = {"abs", "sqrt", "exp", "log"};

static val map_numeric(E *e, int op, const val *a) {
  need_series(e, kUnaryName[op], 1, a);
  int dt = a->c.dtype;
  numeric_only(e, kUnaryName[op], dt);
  int out = op == U_ABS ? dt : HX_DT_F64;
  int64_t n = a->n;
  if (out == DT_NULL) return series_of(col_null(e, "", n), n);
  val r = result_of(e, out, n, false);
  uint8_t *valid = mdata(r.c.valid);
  for (int64_t i = 0; i < n; i++) {
    valid[i] = is_valid(a, i);
    if (out == HX_DT_S64) {
      int64_t x = valid[i] ? S64(&a->c)[i] : 0;
      ((int64_t *)mdata(r.c.data))[i] = x < 0 ? (int64_t)(0 - (uint64_t)x) : x;
      continue;
    }
    double x = valid[i] ? fnum(&a->c, i) : 0.0, y;
    switch (op) {
    case U_ABS: y = x < 0 ? -x : x; break; /* the shim's abs keeps -0.0 */
    case U_SQRT: y = sqrt(x); break;
    case U_EXP: y = exp(x); break;
    default: y = log(x);
    }
    if (isnan(y)) y = NAN; /* one NaN, whatever the libm's sign */
    ((double *)mdata(r.c.data))[i] = valid[i] ? y : 0.0;
  }
  return r;
}

static val op_not(E *e, const val *a) {
  if (a->scalar || a->atom || a->c.dtype != HX_DT_BOOL) {
    char b[256];
    inspect_val(b, sizeof b, a);
    fail(e, "Explorer.Series.not/1 expects a boolean series, got: %s", b);
  }
  val r = result_of(e, HX_DT_BOOL, a->n, false);
  uint8_t *valid = mdata(r.c.valid), *d = mdata(r.c.data);
  for (int64_t i = 0; i < a->n; i++) {
    valid[i] = VALID(&a->c)[i];
    d[i] = valid[i] ? !BOOLS(&a->c)[i] : 0;
  }
  return r;
}

static val op_is_nil(E *e, const val *a, bool want_nil) {
  need_series(e, want_nil ? "is_nil" : "is_not_nil", 1, a);
  val r = result_of(e, HX_DT_BOOL, a->n, false);
  uint8_t *valid = mdata(r.c.valid), *d = mdata(r.c.data);
  for (int64_t i = 0; i < a->n; i++) {
    valid[i] = 1;
    d[i] = is_valid(a, i) != want_nil;
  }
  return r;
}

/* ---- aggregations ----------------------------------------------------------------- */

static int64_t present_count(const val *a) {
  int64_t k = 0;
  for (int64_t i = 0; i < a->n; i++) k += is_valid(a, i);
  return k;
}

/* The shim's mean/1 as a double (false when it is nil). */
static bool mean_of(E *e, const val *a, double *m) {
  numeric_only(e, "mean", a->c.dtype);
  int64_t k = 0;
  double s = 0.0;
  for (int64_t i = 0; i < a->n; i++)
    if (is_valid(a, i)) s += fnum(&a->c, i), k++;
  if (k == 0) return false;
  *m = s / (double)k;
  return true;
}

static bool variance_of(E *e, const val *a, double *v) {
  numeric_only(e, "variance", a->c.dtype);
  int64_t k = present_count(a);
  if (k <= 1) return false;
  double m = 0.0;
  mean_of(e, a, &m);
  double ss = 0.0;
  for (int64_t i = 0; i < a->n; i++)
    if (is_valid(a, i)) {
      double d = fnum(&a->c, i) - m;
      ss += d * d;
    }
  *v = ss / (double)(k - 1);
  return true;
}

/* min/max: the row of the extreme (-1 when every value is nil). */
static int64_t extreme_row(E *e, const val *a, bool is_min) {
  int dt = a->c.dtype;
  if (!(numeric(dt) || textual(dt) || dt == DT_NULL))
    fail(e, "Explorer.Series.%s/1 !implemented for dtype %s", is_min ? "min" : "max", dtype_inspect(dt));
  int64_t best = -1;
  for (int64_t i = 0; i < a->n; i++) {
    if (!is_valid(a, i)) continue;
    if (best < 0) best = i;
    else if (is_min ? elem_cmp(&a->c, i, &a->c, best) < 0 : elem_cmp(&a->c, best, &a->c, i) < 0) best = i;
  }
  return best;
}

static int cmp_total_f64(const void *p, const void *q) {
  double x = *(const double *)p, y = *(const double *)q;
  bool xn = isnan(x), yn = isnan(y);
  if (xn || yn) return xn && yn ? 0 : xn ? 1 : -1;
  return x < y ? -1 : x > y;
}
static int cmp_s64(const void *p, const void *q) {
  int64_t x = *(const int64_t *)p, y = *(const int64_t *)q;
  return x < y ? -1 : x > y;
}

static val median(E *e, const val *a) {
  numeric_only(e, "median", a->c.dtype);
  int64_t k = present_count(a);
  if (k == 0) return s_nil(e);
  if (a->c.dtype == HX_DT_S64) {
    int64_t *xs = rbytes(e, k * 8), m = 0;
    for (int64_t i = 0; i < a->n; i++)
      if (is_valid(a, i)) xs[m++] = S64(&a->c)[i];
    qsort(xs, (size_t)k, 8, cmp_s64);
    /* The shim adds the two integers exactly, then divides by 2.0. */
    double r = k % 2 ? (double)xs[k / 2] : (double)((__int128)xs[k / 2 - 1] + xs[k / 2]) / 2.0;
    rfree(e, xs);
    return s_f64(e, r);
  }
  double *xs = rbytes(e, k * 8);
  int64_t m = 0;
  for (int64_t i = 0; i < a->n; i++)
    if (is_valid(a, i)) xs[m++] = F64(&a->c)[i];
  qsort(xs, (size_t)k, 8, cmp_total_f64);
  double r = k % 2 ? xs[k / 2] : (xs[k / 2 - 1] + xs[k / 2]) / 2.0;
  rfree(e, xs);
  return s_f64(e, r);
}

enum { A_MEAN, A_STD, A_VAR, A_MIN, A_MAX, A_SUM, A_COUNT, A_NIL_COUNT, A_MEDIAN };
static const char *const kAggName[] = {"mean", "standard_deviation", "variance", "min", "max",
                                       "sum", "count", "nil_count", "median"};

static val aggregate(E *e, int op, const val *a) {
  need_series(e, kAggName[op], 1, a);
  double x;
  switch (op) {
  case A_MEAN: return mean_of(e, a, &x) ? s_f64(e, x) : s_nil(e);
  case A_VAR: return variance_of(e, a, &x) ? s_f64(e, x) : s_nil(e);
  case A_STD: return variance_of(e, a, &x) ? s_f64(e, sqrt(x)) : s_nil(e);
  case A_MIN:
  case A_MAX: {
    int64_t r = extreme_row(e, a, op == A_MIN);
    return r < 0 ? s_nil(e) : s_elem(e, &a->c, r);
  }
  case A_SUM: {
    numeric_only(e, "sum", a->c.dtype);
    if (a->c.dtype == HX_DT_S64) {
      uint64_t s = 0;
      for (int64_t i = 0; i < a->n; i++)
        if (is_valid(a, i)) s += (uint64_t)S64(&a->c)[i];
      return s_int(e, (int64_t)s);
    }
    double s = 0.0;
    for (int64_t i = 0; i < a->n; i++)
      if (is_valid(a, i)) s += F64(&a->c)[i];
    return s_f64(e, s);
  }
  case A_COUNT: return s_int(e, present_count(a));
  case A_NIL_COUNT: return s_int(e, a->n - present_count(a));
  default: return median(e, a);
  }
}

/* ---- fill_missing ------------------------------------------------------------------ */

/* s with its nils replaced by row r of src (a one-row scalar column of
 * the same dtype, or a row of s itself). Categories keep their dictionary
 * when the value is one of its categories (src == s). */
static val fill_with(E *e, const val *s, const hx_column *src, int64_t r) {
  int64_t n = s->n;
  int dt = s->c.dtype;
  if (dt == HX_DT_STRING || (dt == HX_DT_CATEGORY && src != &s->c)) {
    const char **p = rbytes(e, (n + 1) * (int64_t)sizeof(char *));
    int64_t *l = rbytes(e, (n + 1) * 8), fl = 0;
    const char *fill = text_at(src, r, &fl);
    for (int64_t i = 0; i < n; i++) {
      p[i] = VALID(&s->c)[i] ? text_at(&s->c, i, &l[i]) : fill;
      if (!VALID(&s->c)[i]) l[i] = fl;
    }
    val v = series_of(col_from_texts(e, "", dt, n, p, l), n);
    rfree(e, l);
    rfree(e, p);
    return v;
  }
  int64_t *idx = rbytes(e, (n + 1) * 8);
  for (int64_t i = 0; i < n; i++) idx[i] = i;
  hx_column c = col_take(e, &s->c, n, idx); /* a copy to fill in */
  rfree(e, idx);
  uint8_t *valid = mdata(c.valid);
  for (int64_t i = 0; i < n; i++) {
    if (valid[i]) continue;
    valid[i] = 1;
    switch (dt) {
    case HX_DT_F64: ((double *)mdata(c.data))[i] = fnum(src, r); break;
    case HX_DT_S64: ((int64_t *)mdata(c.data))[i] = S64(src)[r]; break;
    case HX_DT_BOOL: ((uint8_t *)mdata(c.data))[i] = BOOLS(src)[r]; break;
    default: ((int32_t *)mdata(c.data))[i] = CODES(src)[r]; break;
    }
  }
  return series_of(c, n);
}

static bool any_nil(const val *s) {
  for (int64_t i = 0; i < s->n; i++)
    if (!is_valid(s, i)) return true;
  return false;
}

static val fill_missing(E *e, const val *s, const val *v) {
  need_series(e, "fill_missing", 2, s);
  int64_t n = s->n;
  int dt = s->c.dtype;
  if (v->atom && (!strcmp(v->atom, "forward") || !strcmp(v->atom, "backward"))) {
    bool fwd = v->atom[0] == 'f';
    int64_t *idx = rbytes(e, (n + 1) * 8), last = -1;
    for (int64_t k = 0; k < n; k++) {
      int64_t i = fwd ? k : n - 1 - k;
      if (is_valid(s, i)) last = i;
      idx[i] = last;
    }
    val r = series_of(col_take(e, &s->c, n, idx), n);
    rfree(e, idx);
    return r;
  }
  if (v->atom && (!strcmp(v->atom, "min") || !strcmp(v->atom, "max"))) {
    int64_t r = extreme_row(e, s, v->atom[1] == 'i');
    return r < 0 ? *s : fill_with(e, s, &s->c, r);
  }
  if (v->atom && !strcmp(v->atom, "mean")) {
    double m;
    if (!mean_of(e, s, &m) || !any_nil(s)) return *s;
    if (dt == HX_DT_S64) {
      /* Polars casts the mean back to the column type: integers truncate. */
      if (!(m > -9223372036854775808.0 && m < 9223372036854775808.0)) {
        char b[64];
        inspect_float(b, sizeof b, m);
        fail(e, "cannot fill the nils of an s64 series with its mean %s", b);
      }
      val t = s_int(e, (int64_t)m);
      return fill_with(e, s, &t.c, 0);
    }
    val t = s_f64(e, m);
    return fill_with(e, s, &t.c, 0);
  }
  int vt = v->atom ? -1 : v->c.dtype;
  if (!v->atom && v->scalar && vt == DT_NULL) return *s;
  if (v->scalar && !v->atom) {
    if (dt == HX_DT_S64 && vt == HX_DT_S64) return fill_with(e, s, &v->c, 0);
    if (dt == HX_DT_S64 && vt == HX_DT_F64 && isfinite(F64(&v->c)[0])) {
      val f = result_of(e, HX_DT_F64, n, false);
      for (int64_t i = 0; i < n; i++) {
        ((uint8_t *)mdata(f.c.valid))[i] = VALID(&s->c)[i];
        ((double *)mdata(f.c.data))[i] = (double)S64(&s->c)[i];
      }
      return fill_with(e, &f, &v->c, 0);
    }
    if (dt == HX_DT_F64 && numeric(vt)) return any_nil(s) ? fill_with(e, s, &v->c, 0) : *s;
    if ((dt == HX_DT_BOOL && vt == HX_DT_BOOL) || (dt == HX_DT_STRING && vt == HX_DT_STRING))
      return fill_with(e, s, &v->c, 0);
    if (dt == HX_DT_CATEGORY && vt == HX_DT_STRING) return fill_with(e, s, &v->c, 0);
    if (dt == DT_NULL) {
      int64_t *idx = rbytes(e, (n + 1) * 8);
      memset(idx, 0, (size_t)(n + 1) * 8);
      val r = series_of(col_take(e, &v->c, n, idx), n);
      rfree(e, idx);
      return r;
    }
  }
  char b[512];
  inspect_val(b, sizeof b, v);
  fail(e, "cannot invoke Explorer.Series.fill_missing/2 with mismatched dtypes: %s and %s", dtype_inspect(dt), b);
}

/* ---- expressions -------------------------------------------------------------------- */

typedef struct toks {
  char **t;
  int64_t n, pos;
} toks;

static const struct {
  const char *name;
  int arity;
} kOps[] = {
    {"+", 2}, {"-", 2}, {"*", 2}, {"/", 2}, {"**", 2}, {"==", 2}, {"!=", 2}, {"<", 2}, {"<=", 2}, {">", 2},
    {">=", 2}, {"and", 2}, {"or", 2}, {"fill_missing", 2}, {"neg", 1}, {"not", 1}, {"is_nil", 1},
    {"is_not_nil", 1}, {"abs", 1}, {"sqrt", 1}, {"exp", 1}, {"log", 1}, {"mean", 1},
    {"standard_deviation", 1}, {"variance", 1}, {"min", 1}, {"max", 1}, {"sum", 1}, {"count", 1},
    {"nil_count", 1}, {"median", 1},
};

static bool parse_i64(const char *s, int64_t *out) {
  if (!*s) return false;
  char *end;
  errno = 0;
  long long v = strtoll(s, &end, 10);
  if (*end || errno) return false;
  *out = v;
  return true;
}

static val eval(E *e, const vframe *f, toks *tk) {
  if (tk->pos >= tk->n) malformed(e, "an expression ends early");
  char *t = tk->t[tk->pos++];
  if (!t[0] || t[1] != ':') malformed(e, "bad expression token \"%s\"", t);
  const char *p = t + 2;
  switch (t[0]) {
  case 'c': {
    int64_t j = col_index(e, f, p);
    return series_of(f->cols[j], f->n_rows);
  }
  case 'i': {
    int64_t x;
    if (!parse_i64(p, &x)) malformed(e, "bad integer \"%s\"", p);
    return s_int(e, x);
  }
  case 'f': {
    char *end;
    double x = strtod(p, &end);
    if (!*p || *end) malformed(e, "bad float \"%s\"", p);
    return s_f64(e, x);
  }
  case 's': return s_str(e, p, (int64_t)strlen(p));
  case 'b':
    if (strcmp(p, "0") && strcmp(p, "1")) malformed(e, "bad boolean \"%s\"", p);
    return s_bool(e, p[0] == '1');
  case 'n':
    if (*p) malformed(e, "bad nil \"%s\"", t);
    return s_nil(e);
  case 'a': {
    val v = s_nil(e);
    v.atom = p;
    return v;
  }
  case 'o': break;
  default: malformed(e, "bad expression token \"%s\"", t);
  }
  int op = -1;
  for (int k = 0; k < (int)(sizeof kOps / sizeof kOps[0]); k++)
    if (!strcmp(kOps[k].name, p)) op = k;
  if (op < 0) malformed(e, "unknown operator \"%s\"", p);
  val a = eval(e, f, tk);
  if (a.atom && op != 13) malformed(e, "an atom as an operand of %s", p);
  if (kOps[op].arity == 1) {
    switch (op) {
    case 14: { /* neg: the shim multiplies by -1 */
      val m1 = s_int(e, -1);
      return arith(e, OP_MUL, &a, &m1);
    }
    case 15: return op_not(e, &a);
    case 16: return op_is_nil(e, &a, true);
    case 17: return op_is_nil(e, &a, false);
    case 18: return map_numeric(e, U_ABS, &a);
    case 19: return map_numeric(e, U_SQRT, &a);
    case 20: return map_numeric(e, U_EXP, &a);
    case 21: return map_numeric(e, U_LOG, &a);
    default: return aggregate(e, op - 22, &a);
    }
  }
  val b = eval(e, f, tk);
  if (b.atom && op != 13) malformed(e, "an atom as an operand of %s", p);
  switch (op) {
  case 0: return arith(e, OP_ADD, &a, &b);
  case 1: return arith(e, OP_SUB, &a, &b);
  case 2: return arith(e, OP_MUL, &a, &b);
  case 3: return arith(e, OP_DIV, &a, &b);
  case 4: return arith(e, OP_POW, &a, &b);
  case 5: return compare(e, CMP_EQ, &a, &b);
  case 6: return compare(e, CMP_NE, &a, &b);
  case 7: return compare(e, CMP_LT, &a, &b);
  case 8: return compare(e, CMP_LE, &a, &b);
  case 9: return compare(e, CMP_GT, &a, &b);
  case 10: return compare(e, CMP_GE, &a, &b);
  case 11: return logic(e, true, &a, &b);
  case 12: return logic(e, false, &a, &b);
  default: return fill_missing(e, &a, &b);
  }
}

/* Splits s at sep in place; returns the count (0 for an empty s). */
static int64_t split(char *s, char sep, char **out) {
  if (!*s) return 0;
  int64_t n = 0;
  for (;;) {
    out[n++] = s;
    char *q = strchr(s, sep);
    if (!q) return n;
    *q = 0;
    s = q + 1;
  }
}
static int64_t count_char(const char *s, char c) {
  int64_t n = 0;
  for (; *s; s++) n += *s == c;
  return n;
}

static val eval_field(E *e, const vframe *f, char *field) {
  toks tk;
  tk.t = rbytes(e, (count_char(field, 0x1e) + 2) * (int64_t)sizeof(char *));
  tk.n = split(field, 0x1e, tk.t);
  tk.pos = 0;
  val v = eval(e, f, &tk);
  if (tk.pos != tk.n) malformed(e, "%" PRId64 " tokens left after an expression", tk.n - tk.pos);
  if (v.atom) malformed(e, "an atom as a value");
  return v;
}

/* A list field: the items, in place. */
static int64_t list_of(E *e, char *field, char ***items) {
  *items = rbytes(e, (count_char(field, 0x1e) + 2) * (int64_t)sizeof(char *));
  return split(field, 0x1e, *items);
}

/* ---- frame verbs ---------------------------------------------------------------------- */

/* An error a libhxrt call returned, raised again at our location ("** (Kind) "
 * is dropped from the text). */
static void reraise(E *e, int rc) {
  const char *msg = hx_context_error(e->ctx);
  const char *sp = strstr(msg, ") ");
  if (!strncmp(msg, "** (", 4) && sp) msg = sp + 2;
  char text[4096];
  snprintf(text, sizeof text, "%s", msg);
  hxrt_raise(e->ctx, rc, text, e->loc);
}

/* A frame libhxrt made (untracked) as a value of this evaluation: its
 * arrays join the registry. */
static vframe *adopt(E *e, hx_frame *hf) {
  reg_add(e, hf->storage);
  vframe *f = frame_new(e, hf->n_rows, hf->n_columns);
  for (int64_t j = 0; j < hf->n_columns; j++) {
    hx_column *c = &hf->columns[j];
    hx_array *parts[4] = {c->data, c->valid, c->bytes, c->dict};
    for (int k = 0; k < 4; k++)
      if (parts[k]) reg_add(e, parts[k]);
    f->cols[j] = *c;
  }
  return f;
}

/* f seen as an hx_frame (no storage: read only). */
static hx_frame view_of(const vframe *f) {
  hx_frame v = {f->n_rows, f->n_cols, f->cols, NULL};
  return v;
}

static void check_result(E *e, const vframe *f);

/* Explorer.DataFrame.describe/1 (runtime/frame_inspect.c). */
static const vframe *op_describe(E *e, const vframe *f) {
  check_result(e, f);
  hx_frame v = view_of(f), *out = NULL;
  int rc = hx_frame_describe(e->ctx, &v, &out);
  if (rc != HX_OK) reraise(e, rc);
  return adopt(e, out);
}

/* csv's optional COLUMNS ("s:NAME" or "i:INDEX" items) and DTYPES
 * ("NAME<GS>DTYPE" items, Explorer's dtype names) fields. */
static void csv_selection(E *e, char *cols_field, char *dtypes_field, hxrt_csv_options *o) {
  char **items;
  int64_t n = list_of(e, cols_field, &items);
  if (n > 0) {
    bool by_index = items[0][0] == 'i';
    const char **names = rbytes(e, n * (int64_t)sizeof(char *));
    int64_t *idx = rbytes(e, n * (int64_t)sizeof(int64_t));
    for (int64_t i = 0; i < n; i++) {
      if ((items[i][0] != 'i' && items[i][0] != 's') || items[i][1] != ':' || (items[i][0] == 'i') != by_index)
        malformed(e, "csv: bad column item \"%s\"", items[i]);
      if (by_index && (!parse_i64(items[i] + 2, &idx[i]) || idx[i] < 0))
        malformed(e, "csv: bad column index \"%s\"", items[i]);
      names[i] = items[i] + 2;
    }
    if (by_index) {
      o->column_indices = idx;
      o->n_column_indices = n;
    } else {
      o->columns = names;
      o->n_columns = n;
    }
  }
  n = list_of(e, dtypes_field, &items);
  if (n > 0) {
    hxrt_csv_dtype *dt = rbytes(e, n * (int64_t)sizeof(hxrt_csv_dtype));
    static const char *const kNames[] = {NULL, "f64", "s64", "boolean", "string", "category"};
    for (int64_t i = 0; i < n; i++) {
      char *gs = strchr(items[i], 0x1d);
      if (!gs) malformed(e, "csv: bad dtype item \"%s\"", items[i]);
      *gs = 0;
      dt[i].name = items[i];
      dt[i].index = 0;
      dt[i].dtype = 0;
      for (int k = 1; k <= 5; k++)
        if (!strcmp(gs + 1, kNames[k])) dt[i].dtype = k;
      if (!dt[i].dtype) malformed(e, "csv: unknown dtype \"%s\"", gs + 1);
    }
    o->dtypes = dt;
    o->n_dtypes = n;
  }
}

static const vframe *op_csv(E *e, char **fl, int64_t nf, const char *line) {
  for (int k = 0; k < e->ncache; k++)
    if (!strcmp(e->cache[k].line, line)) return e->cache[k].f;
  if (strcmp(fl[2], "0") && strcmp(fl[2], "1")) malformed(e, "csv: header must be 0 or 1, got \"%s\"", fl[2]);
  if (strlen(fl[3]) != 1) malformed(e, "csv: the delimiter must be one byte, got \"%s\"", fl[3]);
  char **nils;
  int64_t n_nils = list_of(e, fl[4], &nils);
  hxrt_csv_options o;
  hxrt_csv_options_init(&o);
  o.header = fl[2][0] == '1';
  o.delimiter = fl[3][0];
  o.nil_values = (const char *const *)nils;
  o.n_nil_values = n_nils;
  if (nf == 7) csv_selection(e, fl[5], fl[6], &o);
  hx_frame *hf = NULL;
  int rc = hx_csv_read(e->ctx, fl[1], &o, &hf);
  if (rc != HX_OK) reraise(e, rc);
  vframe *f = adopt(e, hf);
  if (!e->where) e->where = fl[1];
  if (e->ncache < (int)(sizeof e->cache / sizeof e->cache[0])) {
    e->cache[e->ncache].line = line;
    e->cache[e->ncache].f = f;
    e->ncache++;
  }
  return f;
}

static const vframe *op_select(E *e, const vframe *f, char *field, bool keep) {
  char **names;
  int64_t n = list_of(e, field, &names);
  int64_t *idx = rbytes(e, (n + 1) * 8);
  for (int64_t k = 0; k < n; k++) idx[k] = col_index(e, f, names[k]);
  vframe *r = frame_new(e, f->n_rows, keep ? n : f->n_cols);
  int64_t m = 0;
  if (keep) {
    for (int64_t k = 0; k < n; k++) {
      bool seen = false;
      for (int64_t q = 0; q < k; q++) seen |= idx[q] == idx[k];
      if (!seen) r->cols[m++] = f->cols[idx[k]];
    }
  } else {
    for (int64_t j = 0; j < f->n_cols; j++) {
      bool drop = false;
      for (int64_t k = 0; k < n; k++) drop |= idx[k] == j;
      if (!drop) r->cols[m++] = f->cols[j];
    }
  }
  r->n_cols = m;
  return r;
}

static const vframe *op_mask(E *e, const vframe *f, const uint8_t *keep) {
  int64_t m = 0;
  for (int64_t i = 0; i < f->n_rows; i++) m += keep[i];
  int64_t *idx = rbytes(e, (m + 1) * 8);
  m = 0;
  for (int64_t i = 0; i < f->n_rows; i++)
    if (keep[i]) idx[m++] = i;
  const vframe *r = frame_take(e, f, m, idx);
  rfree(e, idx);
  return r;
}

static const vframe *op_drop_nil(E *e, const vframe *f, char *field) {
  char **names;
  int64_t n = list_of(e, field, &names);
  uint8_t *keep = rbytes(e, f->n_rows + 1);
  memset(keep, 1, (size_t)f->n_rows);
  for (int64_t k = 0; k < (n ? n : f->n_cols); k++) {
    const hx_column *c = &f->cols[n ? col_index(e, f, names[k]) : k];
    for (int64_t i = 0; i < f->n_rows; i++) keep[i] &= c->dtype != DT_NULL && VALID(c)[i];
  }
  const vframe *r = op_mask(e, f, keep);
  rfree(e, keep);
  return r;
}

static const vframe *op_filter(E *e, const vframe *f, char *field) {
  val v = eval_field(e, f, field);
  uint8_t *keep = rbytes(e, f->n_rows + 1);
  if (v.scalar) {
    if (v.c.dtype != HX_DT_BOOL) {
      char b[512];
      inspect_val(b, sizeof b, &v);
      fail(e, "expecting the function to return a single or a list of boolean LazySeries, but instead it "
              "contains:\n%s", b);
    }
    memset(keep, BOOLS(&v.c)[0] ? 1 : 0, (size_t)f->n_rows);
  } else {
    if (v.c.dtype != HX_DT_BOOL)
      fail(e, "expecting the function to return a boolean LazySeries, but instead it returned a LazySeries of "
              "type %s", dtype_inspect(v.c.dtype));
    for (int64_t i = 0; i < f->n_rows; i++) {
      int64_t k = at(&v, i);
      keep[i] = VALID(&v.c)[k] && BOOLS(&v.c)[k];
    }
  }
  return op_mask(e, f, keep);
}

/* The shim's to_column/3: a series of n_rows or of one row, or a scalar,
 * as a column of n_rows. */
static hx_column to_column(E *e, const vframe *f, const char *name, const val *v) {
  int64_t n = f->n_rows;
  if (!v->scalar && v->n == n) {
    hx_column c = v->c;
    c.name = name;
    return c;
  }
  if (!v->scalar && v->n != 1)
    fail(e, "unable to add column of length %" PRId64 " to a frame of %" PRId64 " rows", v->n, n);
  int64_t *idx = rbytes(e, (n + 1) * 8);
  memset(idx, 0, (size_t)(n + 1) * 8);
  hx_column c = v->c.dtype == DT_NULL ? col_null(e, name, n) : col_take(e, &v->c, n, idx);
  c.name = name;
  rfree(e, idx);
  return c;
}

static const vframe *op_mutate(E *e, const vframe *f, char **fl, int64_t nf) {
  int64_t k = (nf - 1) / 2;
  val *vals = rbytes(e, (k + 1) * (int64_t)sizeof(val));
  for (int64_t q = 0; q < k; q++) vals[q] = eval_field(e, f, fl[2 + 2 * q]);
  vframe *r = frame_new(e, f->n_rows, f->n_cols + k);
  r->n_cols = f->n_cols;
  memcpy(r->cols, f->cols, (size_t)f->n_cols * sizeof(hx_column));
  for (int64_t q = 0; q < k; q++) {
    const char *name = fl[1 + 2 * q];
    hx_column c = to_column(e, f, name, &vals[q]);
    int64_t j = 0;
    while (j < r->n_cols && strcmp(r->cols[j].name, name)) j++;
    if (j == r->n_cols) r->n_cols++;
    r->cols[j] = c;
  }
  return r;
}

/* from_series/1's check: the first name that appears a second time. */
static void check_unique(E *e, const vframe *r) {
  for (int64_t j = 1; j < r->n_cols; j++)
    for (int64_t q = 0; q < j; q++)
      if (!strcmp(r->cols[q].name, r->cols[j].name)) {
        char b[512];
        inspect_name(b, sizeof b, r->cols[j].name);
        fail(e, "duplicate column name %s", b);
      }
}

static const vframe *op_dummies(E *e, const vframe *f, char *field) {
  char **names;
  int64_t n = list_of(e, field, &names), rows = f->n_rows;
  hx_column *cats = rbytes(e, (n + 1) * (int64_t)sizeof(hx_column));
  int64_t total = 0, *idx = rbytes(e, (n + 1) * 8);
  for (int64_t k = 0; k < n; k++) idx[k] = col_index(e, f, names[k]); /* every name first, as the shim */
  for (int64_t k = 0; k < n; k++) {
    const hx_column *c = &f->cols[idx[k]];
    char b[512];
    inspect_name(b, sizeof b, c->name);
    for (int64_t i = 0; i < rows; i++)
      if (c->dtype == DT_NULL || !VALID(c)[i])
        fail(e, "dummies/2: column %s has nil values; fill or drop them first (hastec's Explorer subset does "
                "not name a column after nil)", b);
    if (c->dtype == HX_DT_F64)
      fail(e, "dummies/2: column %s is f64; hastec's Explorer subset does not name columns after floats "
              "(cast it to s64 or string first)", b);
    const char **p;
    int64_t *l;
    col_texts(e, c, rows, &p, &l);
    cats[k] = col_from_texts(e, c->name, HX_DT_CATEGORY, rows, p, l);
    total += alen(cats[k].dict) - 1;
  }
  vframe *r = frame_new(e, rows, total);
  int64_t j = 0;
  for (int64_t k = 0; k < n; k++) {
    const hx_column *c = &cats[k];
    int64_t ncat = alen(c->dict) - 1;
    const int64_t *off = cdata(c->dict);
    const char *bytes = cdata(c->bytes);
    size_t ln = strlen(c->name);
    for (int64_t q = 0; q < ncat; q++) {
      int64_t tl = off[q + 1] - off[q];
      char *name = rbytes(e, (int64_t)ln + tl + 2);
      memcpy(name, c->name, ln);
      name[ln] = '_';
      memcpy(name + ln + 1, bytes + off[q], (size_t)tl);
      name[ln + 1 + tl] = 0;
      hx_column d = col_alloc(e, name, HX_DT_S64, rows);
      memset(mdata(d.valid), 1, (size_t)rows);
      int64_t *v = mdata(d.data);
      for (int64_t i = 0; i < rows; i++) v[i] = CODES(c)[i] == q;
      r->cols[j++] = d;
    }
  }
  check_unique(e, r);
  return r;
}

static const vframe *op_concat(E *e, const vframe *const *fs, int64_t n) {
  int64_t total = 0;
  for (int64_t k = 0; k < n; k++) total += fs[k]->n_cols;
  vframe *r = frame_new(e, fs[0]->n_rows, total);
  r->n_cols = 0;
  for (int64_t k = 0; k < n; k++) {
    if (fs[k]->n_rows != fs[0]->n_rows)
      fail(e, "concat_columns/1 expects frames with the same number of rows, got %" PRId64 " and %" PRId64,
           fs[0]->n_rows, fs[k]->n_rows);
    int64_t before = r->n_cols;
    for (int64_t j = 0; j < fs[k]->n_cols; j++) {
      hx_column c = fs[k]->cols[j];
      bool clash = false;
      for (int64_t q = 0; q < before && !clash; q++) clash = !strcmp(r->cols[q].name, c.name);
      if (clash && k > 0) {
        char suffix[32];
        int sl = snprintf(suffix, sizeof suffix, "_%" PRId64, k);
        size_t ln = strlen(c.name);
        char *name = rbytes(e, (int64_t)(ln + (size_t)sl + 1));
        memcpy(name, c.name, ln);
        memcpy(name + ln, suffix, (size_t)sl + 1);
        c.name = name;
      }
      r->cols[r->n_cols++] = c;
    }
  }
  check_unique(e, r);
  return r;
}

static const vframe *op_shuffle(E *e, const vframe *f, int64_t seed) {
  hx_array *perm = hxrt_loop_permutation(e->ctx, e->loc, NULL, f->n_rows, seed, 0);
  const vframe *r = frame_take(e, f, f->n_rows, cdata(perm));
  hxrt_release(e->ctx, perm);
  return r;
}

static const vframe *op_slice(E *e, const vframe *f, int64_t offset, int64_t length) {
  if (length < 0) fail(e, "slice/3: the length must be >= 0, got %" PRId64, length);
  /* Polars' slice_offsets: [offset, offset + length) clamped to [0, n). */
  int64_t n = f->n_rows;
  __int128 start = offset < 0 ? (__int128)offset + n : offset, stop = start + length;
  start = start < 0 ? 0 : start > n ? n : start;
  stop = stop < 0 ? 0 : stop > n ? n : stop;
  int64_t m = (int64_t)(stop - start);
  int64_t *idx = rbytes(e, (m + 1) * 8);
  for (int64_t i = 0; i < m; i++) idx[i] = (int64_t)start + i;
  const vframe *r = frame_take(e, f, m, idx);
  rfree(e, idx);
  return r;
}

static hx_column cast_column(E *e, const hx_column *c, int64_t n, const char *to_text) {
  int to = !strcmp(to_text, "f64") ? HX_DT_F64 : !strcmp(to_text, "s64") ? HX_DT_S64
           : !strcmp(to_text, "string") ? HX_DT_STRING : !strcmp(to_text, "category") ? HX_DT_CATEGORY
           : !strcmp(to_text, "boolean") ? HX_DT_BOOL : -1;
  if (to < 0) {
    char b[512];
    inspect_name(b, sizeof b, to_text);
    fail(e, "cast: unsupported dtype %s (expected category, string, f64 or s64)", b);
  }
  int from = c->dtype;
  if (from == to) return *c;
  if (to == HX_DT_STRING || to == HX_DT_CATEGORY) {
    const char **p;
    int64_t *l;
    col_texts(e, c, n, &p, &l);
    return col_from_texts(e, c->name, to, n, p, l);
  }
  bool ok = (to == HX_DT_F64 && (from == HX_DT_S64 || from == HX_DT_BOOL || from == DT_NULL)) ||
            (to == HX_DT_S64 && (from == HX_DT_F64 || from == HX_DT_BOOL || from == DT_NULL));
  if (!ok)
    fail(e, "cannot cast series of dtype %s to %s in the reference shim", dtype_inspect(from), dtype_inspect(to));
  hx_column r = col_alloc(e, c->name, to, n);
  uint8_t *valid = mdata(r.valid);
  for (int64_t i = 0; i < n; i++) {
    valid[i] = from != DT_NULL && VALID(c)[i];
    double x = valid[i] ? fnum(c, i) : 0.0;
    if (to == HX_DT_F64) {
      ((double *)mdata(r.data))[i] = x;
      continue;
    }
    if (valid[i] && !(x > -9223372036854775809.0 && x < 9223372036854775808.0)) {
      char b[64];
      if (isnan(x)) snprintf(b, sizeof b, "NaN");
      else if (isinf(x)) snprintf(b, sizeof b, x > 0 ? "Inf" : "-Inf");
      else hx_format_float(b, sizeof b, x);
      fail(e, "cannot cast %s to s64", b);
    }
    ((int64_t *)mdata(r.data))[i] = (int64_t)x; /* truncates, as trunc/1 */
  }
  return r;
}

static const vframe *op_cast(E *e, const vframe *f, const char *name, const char *dtype) {
  int64_t j = col_index(e, f, name);
  vframe *r = frame_new(e, f->n_rows, f->n_cols);
  memcpy(r->cols, f->cols, (size_t)f->n_cols * sizeof(hx_column));
  r->cols[j] = cast_column(e, &f->cols[j], f->n_rows, dtype);
  return r;
}

/* ---- assertions -------------------------------------------------------------------- */

static const char *where(const E *e) { return e->where ? e->where : "frame recipe"; }

/* The compiler's assertion that the data still gives the frame it saw. */
static void check_rows(E *e, const vframe *f, int64_t rows) {
  if (f->n_rows != rows)
    fail(e, "%s: the data frame has %" PRId64 " rows now but had %" PRId64 " when the program was compiled "
            "(tensors have static shapes: recompile the program)", where(e), f->n_rows, rows);
}

static void check_columns(E *e, const vframe *f, char *field) {
  char **names;
  int64_t n = list_of(e, field, &names);
  bool same = n == f->n_cols;
  for (int64_t j = 0; j < n && same; j++) same = !strcmp(names[j], f->cols[j].name);
  if (same) return;
  char now[1024] = "", then[1024] = "";
  for (int64_t j = 0; j < f->n_cols; j++)
    snprintf(now + strlen(now), sizeof now - strlen(now), "%s%s", j ? ", " : "", f->cols[j].name);
  for (int64_t j = 0; j < n; j++)
    snprintf(then + strlen(then), sizeof then - strlen(then), "%s%s", j ? ", " : "", names[j]);
  fail(e, "%s: the data frame has the columns [%s] now but had [%s] when the program was compiled (recompile the "
          "program)", where(e), now, then);
}

/* ---- the machine ---------------------------------------------------------------------- */

static const vframe *run_recipe(E *e, const char *recipe) {
  size_t len = strlen(recipe);
  char *text = rstrdup(e, recipe, len);
  char *orig = rstrdup(e, recipe, len); /* lines intact, for the csv cache */
  int64_t n_lines = count_char(text, '\n') + 1;
  char **lines = rbytes(e, (n_lines + 1) * (int64_t)sizeof(char *));
  char **orig_lines = rbytes(e, (n_lines + 1) * (int64_t)sizeof(char *));
  n_lines = split(text, '\n', lines);
  split(orig, '\n', orig_lines);
  const vframe **stack = rbytes(e, (n_lines + 1) * (int64_t)sizeof(vframe *));
  int64_t sp = 0;
  for (int64_t ln = 0; ln < n_lines; ln++) {
    char *line = lines[ln];
    if (!*line) continue;
    char **fl = rbytes(e, (count_char(line, 0x1f) + 2) * (int64_t)sizeof(char *));
    int64_t nf = split(line, 0x1f, fl);
    const char *op = fl[0];
#define NEED(k)                                                                                              \
  do {                                                                                                       \
    if (nf != (k)) malformed(e, "line %" PRId64 ": %s takes %d fields, got %" PRId64, ln + 1, op, (k) - 1,   \
                             nf - 1);                                                                        \
  } while (0)
#define POP() (sp > 0 ? stack[--sp] : (malformed(e, "line %" PRId64 ": %s: the stack is empty", ln + 1, op), NULL))
    const vframe *r;
    if (!strcmp(op, "csv")) {
      if (nf != 5 && nf != 7) malformed(e, "line %" PRId64 ": csv takes 4 or 6 fields, got %" PRId64, ln + 1, nf - 1);
      r = op_csv(e, fl, nf, orig_lines[ln]);
    } else if (!strcmp(op, "select") || !strcmp(op, "discard")) {
      NEED(2);
      r = op_select(e, POP(), fl[1], op[0] == 's');
    } else if (!strcmp(op, "drop_nil")) {
      NEED(2);
      r = op_drop_nil(e, POP(), fl[1]);
    } else if (!strcmp(op, "filter")) {
      NEED(2);
      r = op_filter(e, POP(), fl[1]);
    } else if (!strcmp(op, "mutate")) {
      if (nf % 2 != 1) malformed(e, "line %" PRId64 ": mutate takes name/expression pairs", ln + 1);
      r = op_mutate(e, POP(), fl, nf);
    } else if (!strcmp(op, "dummies")) {
      NEED(2);
      r = op_dummies(e, POP(), fl[1]);
    } else if (!strcmp(op, "concat")) {
      NEED(2);
      int64_t k;
      if (!parse_i64(fl[1], &k) || k < 1) malformed(e, "line %" PRId64 ": bad frame count \"%s\"", ln + 1, fl[1]);
      if (k > sp) malformed(e, "line %" PRId64 ": concat of %" PRId64 " frames: the stack has %" PRId64, ln + 1, k, sp);
      sp -= k;
      r = op_concat(e, stack + sp, k);
    } else if (!strcmp(op, "shuffle")) {
      NEED(2);
      int64_t seed;
      if (!strcmp(fl[1], "random")) {
        /* DF.shuffle without seed: another order on every run */
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        seed = (int64_t)ts.tv_sec * 1000000007 + ts.tv_nsec;
      } else if (!parse_i64(fl[1], &seed)) {
        malformed(e, "line %" PRId64 ": bad seed \"%s\"", ln + 1, fl[1]);
      }
      r = op_shuffle(e, POP(), seed);
    } else if (!strcmp(op, "slice")) {
      NEED(3);
      int64_t off, n;
      if (!parse_i64(fl[1], &off) || !parse_i64(fl[2], &n))
        malformed(e, "line %" PRId64 ": bad slice bounds", ln + 1);
      r = op_slice(e, POP(), off, n);
    } else if (!strcmp(op, "rows")) {
      NEED(2);
      int64_t want;
      if (!parse_i64(fl[1], &want)) malformed(e, "line %" PRId64 ": bad row count \"%s\"", ln + 1, fl[1]);
      r = POP();
      check_rows(e, r, want);
    } else if (!strcmp(op, "columns")) {
      NEED(2);
      r = POP();
      check_columns(e, r, fl[1]);
    } else if (!strcmp(op, "describe")) {
      NEED(1);
      r = op_describe(e, POP());
    } else if (!strcmp(op, "cast")) {
      NEED(3);
      r = op_cast(e, POP(), fl[1], fl[2]);
    } else {
      malformed(e, "line %" PRId64 ": unknown op \"%s\"", ln + 1, op);
    }
#undef NEED
#undef POP
    stack[sp++] = r;
  }
  if (sp != 1) malformed(e, "%" PRId64 " frames left on the stack (expected 1)", sp);
  return stack[0];
}

/* Refuses a result holding a column hx_frame cannot represent. */
static void check_result(E *e, const vframe *f) {
  for (int64_t j = 0; j < f->n_cols; j++)
    if (f->cols[j].dtype == DT_NULL) {
      char b[512];
      inspect_name(b, sizeof b, f->cols[j].name);
      fail(e, "column %s has dtype null (every value is nil): give it a value (fill_missing) or a dtype", b);
    }
}

static hx_array *copy_array(E *e, const hx_array *a) {
  hx_array *c = hx_array_kind(a) == HX_KIND_TUPLE ? hxrt_bytes_alloc(e->ctx, alen(a))
                                                   : hxrt_alloc(e->ctx, hx_array_kind(a), alen(a));
  int64_t size = hx_array_kind(a) == HX_KIND_TUPLE ? 1 : hxrt_kind_size(hx_array_kind(a));
  memcpy(mdata(c), cdata(a), (size_t)(alen(a) * size));
  return c;
}

/* The result as an hx_frame of its own arrays; everything else is freed. */
static hx_frame *build_frame(E *e, const vframe *f) {
  int64_t k = f->n_cols;
  size_t bytes = sizeof(hx_frame) + (size_t)k * sizeof(hx_column);
  for (int64_t j = 0; j < k; j++) bytes += strlen(f->cols[j].name) + 1;
  hx_array *st = hxrt_bytes_alloc(e->ctx, (int64_t)bytes);
  char *mem = mdata(st);
  memset(mem, 0, bytes);
  hx_frame *out = (hx_frame *)mem;
  out->n_rows = f->n_rows;
  out->n_columns = k;
  out->columns = (hx_column *)(mem + sizeof(hx_frame));
  out->storage = st;
  char *np = mem + sizeof(hx_frame) + (size_t)k * sizeof(hx_column);
  /* Not registered: e_release reads it while it frees the registry. */
  hx_array *keep_arr = hxrt_alloc(e->ctx, HX_KIND_I64, 4 * k + 1);
  hx_array **keep = mdata(keep_arr);
  int64_t nkeep = 0;
  for (int64_t j = 0; j < k; j++) {
    hx_column c = f->cols[j];
    size_t n = strlen(c.name) + 1;
    memcpy(np, c.name, n);
    c.name = np;
    np += n;
    hx_array **parts[4] = {&c.data, &c.valid, &c.bytes, &c.dict};
    for (int p = 0; p < 4; p++) {
      if (!*parts[p]) continue;
      bool shared = false;
      for (int64_t q = 0; q < nkeep && !shared; q++) shared = keep[q] == *parts[p];
      if (shared) *parts[p] = copy_array(e, *parts[p]); /* hx_frame_free frees each part once */
      else keep[nkeep++] = *parts[p];
    }
    out->columns[j] = c;
  }
  e_release(e, keep, nkeep);
  hxrt_release(e->ctx, keep_arr);
  return out;
}

static void eval_body(hx_context *ctx, void **args, void *ret) {
  E e;
  e_init(&e, ctx, NULL);
  const vframe *f = run_recipe(&e, (const char *)args[0]);
  check_result(&e, f);
  *(hx_frame **)ret = build_frame(&e, f);
}

int hx_frame_eval(hx_context *ctx, const char *recipe, hx_frame **out) {
  if (out) *out = NULL;
  if (!ctx || !recipe || !out) return HX_ERR_ARGUMENT;
  void *args[1] = {(void *)recipe};
  /* A raise must land in this invoke, not in a caller's parallel chunk. */
  hxrt_worker *w = hxrt_tl_worker;
  hxrt_tl_worker = NULL;
  int rc = hxrt_invoke(ctx, eval_body, args, out);
  hxrt_tl_worker = w;
  if (rc != HX_OK) *out = NULL;
  return rc;
}

int64_t hxrt_frame_recipe_rows(hx_context *ctx, const hx_srcloc *loc, const char *text) {
  E e;
  e_init(&e, ctx, loc);
  const vframe *f = run_recipe(&e, text);
  check_result(&e, f);
  int64_t n = f->n_rows;
  e_release(&e, NULL, 0);
  return n;
}

/* The value of the result's first column in its first row (a series
 * aggregation: Series.mean(s) and friends); ArgumentError when there is no
 * such value (Explorer gives nil). */
static const hx_column *scalar_cell(E *e, const vframe *f) {
  if (f->n_cols < 1 || f->n_rows < 1 || !((const uint8_t *)cdata(f->cols[0].valid))[0])
    fail(e, "the series has no value to aggregate (Explorer gives nil, which a compiled program cannot return)");
  return &f->cols[0];
}

double hxrt_frame_recipe_f64(hx_context *ctx, const hx_srcloc *loc, const char *text) {
  E e;
  e_init(&e, ctx, loc);
  const vframe *f = run_recipe(&e, text);
  const hx_column *c = scalar_cell(&e, f);
  double v = c->dtype == HX_DT_F64 ? ((const double *)cdata(c->data))[0]
             : c->dtype == HX_DT_S64 ? (double)((const int64_t *)cdata(c->data))[0]
                                     : (malformed(&e, "scalar: not a number"), 0.0);
  e_release(&e, NULL, 0);
  return v;
}

int64_t hxrt_frame_recipe_s64(hx_context *ctx, const hx_srcloc *loc, const char *text) {
  E e;
  e_init(&e, ctx, loc);
  const vframe *f = run_recipe(&e, text);
  const hx_column *c = scalar_cell(&e, f);
  int64_t v = c->dtype == HX_DT_S64    ? ((const int64_t *)cdata(c->data))[0]
              : c->dtype == HX_DT_BOOL ? (int64_t)((const uint8_t *)cdata(c->data))[0]
                                       : (malformed(&e, "scalar: not an integer"), 0);
  e_release(&e, NULL, 0);
  return v;
}

int64_t hxrt_frame_recipe_to_csv(hx_context *ctx, const hx_srcloc *loc, const char *text) {
  E e;
  e_init(&e, ctx, loc);
  const char *nl = strchr(text, '\n');
  if (!nl) malformed(&e, "to_csv: no recipe after the path line");
  char *head = rstrdup(&e, text, nl - text);
  char **fl = rbytes(&e, 3 * (int64_t)sizeof(char *));
  if (split(head, 0x1f, fl) != 2 || strlen(fl[1]) != 1) malformed(&e, "to_csv: bad path line");
  const vframe *f = run_recipe(&e, nl + 1);
  check_result(&e, f);
  hx_frame v = view_of(f);
  hxrt_csv_write(ctx, &v, fl[0], fl[1][0]);
  e_release(&e, NULL, 0);
  return 0;
}

int64_t hxrt_frame_recipe_inspect(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t series) {
  E e;
  e_init(&e, ctx, loc);
  const vframe *f = run_recipe(&e, text);
  check_result(&e, f);
  hx_frame v = view_of(f);
  char *s = series ? hx_series_inspect(&v, 0) : hx_frame_inspect(&v);
  if (!s) hxrt_raise(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory", loc);
  fputs(s, stdout);
  fputc('\n', stdout);
  free(s);
  e_release(&e, NULL, 0);
  return 0;
}

hx_array *hxrt_frame_recipe_tensor(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t rows,
                                   int64_t kind, int64_t axis_last) {
  if (kind != HX_KIND_I64 && kind != HX_KIND_F64)
    hxrt_raisef(ctx, HX_ERR_ARGUMENT, loc, "internal error: hxrt_frame_recipe_tensor: bad kind %" PRId64, kind);
  E e;
  e_init(&e, ctx, loc);
  const vframe *f = run_recipe(&e, text);
  check_rows(&e, f, rows);
  int64_t k = f->n_cols;
  for (int64_t j = 0; j < k; j++) {
    const hx_column *c = &f->cols[j];
    char b[512];
    inspect_name(b, sizeof b, c->name);
    if (c->dtype == HX_DT_STRING || c->dtype == DT_NULL)
      fail(&e, "%s: column %s is %s: only s64, f64, boolean and category columns become tensors", where(&e), b,
           dtype_text(c->dtype));
    int64_t nils = 0;
    for (int64_t i = 0; i < rows; i++) nils += !VALID(c)[i];
    if (nils)
      fail(&e, "%s: column %s has nil values: cannot convert a series with nil values into a tensor (%" PRId64
               " of %" PRId64 " are nil)", where(&e), b, nils, rows);
  }
  hx_array *out = hxrt_alloc(ctx, (int)kind, rows * k);
  for (int64_t j = 0; j < k; j++) {
    const hx_column *c = &f->cols[j];
    for (int64_t i = 0; i < rows; i++) {
      int64_t to = axis_last ? i * k + j : j * rows + i;
      if (kind == HX_KIND_F64) {
        ((double *)mdata(out))[to] = c->dtype == HX_DT_CATEGORY ? (double)CODES(c)[i] : fnum(c, i);
      } else {
        int64_t v;
        switch (c->dtype) {
        case HX_DT_S64: v = S64(c)[i]; break;
        case HX_DT_BOOL: v = BOOLS(c)[i]; break;
        case HX_DT_CATEGORY: v = CODES(c)[i]; break;
        default: {
          double x = F64(c)[i];
          v = x > -9223372036854775809.0 && x < 9223372036854775808.0 ? (int64_t)x : 0;
        }
        }
        ((int64_t *)mdata(out))[to] = v;
      }
    }
  }
  e_release(&e, NULL, 0);
  return out;
}
