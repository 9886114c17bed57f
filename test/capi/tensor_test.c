/* \file tensor_test.c
 * Drives libtensor_model.so (hastec build test/capi/tensor_model.hx)
 * through its generated header and hxrt_tensor.h: builds tensors from C
 * buffers, calls compiled defn entry points, reads results back.
 *
 * stdout has two kinds of lines, as capi_test.c's:
 *   CALL<TAB>RESULT   CALL is the same call as Elixir source (Nx.tensor
 *                     literals); RESULT is hx_tensor_inspect's or
 *                     hx_inspect's text with each newline written as the
 *                     two characters \n, or the error's first line.
 *                     tensor_run.sh checks each against `hastec run`.
 *   check NAME: ok|FAILED (detail)
 *                     results computed here in C, shape/type checks at the
 *                     entry, constructors, accessors, ownership, leaks.
 * The whole output is also compared with tensor_expected.txt.
 * Exit status: 0 when every check passed, 1 otherwise.
 */
#include "tensor_model.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static hx_context *ctx;

/* The final check: every array the calls made is freed (tuples built in a
 * body, tensors among them, now free the lists they were built from). */
static int64_t known_leaks = 0;

static void check(const char *name, int ok, const char *fmt, ...) {
  if (ok) {
    printf("check %s: ok\n", name);
    return;
  }
  failures++;
  printf("check %s: FAILED (", name);
  va_list ap;
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf(")\n");
}

/* ---- call text: Nx.tensor literals ---------------------------------------- */

typedef struct {
  char s[4096];
  size_t len;
} str;

static void sputs(str *b, const char *t) {
  size_t n = strlen(t);
  if (b->len + n + 1 > sizeof b->s) abort();
  memcpy(b->s + b->len, t, n + 1);
  b->len += n;
}

static void sfmt(str *b, const char *fmt, ...) {
  char tmp[128];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  sputs(b, tmp);
}

static void s_elem(str *b, const hx_tensor *t, int64_t i) {
  const void *d = hx_tensor_cdata(t);
  char tmp[64];
  switch (hx_tensor_type(t)) {
  case HX_TENSOR_F32: hx_format_float(tmp, sizeof tmp, ((const float *)d)[i]); break;
  case HX_TENSOR_F64: hx_format_float(tmp, sizeof tmp, ((const double *)d)[i]); break;
  case HX_TENSOR_S32: snprintf(tmp, sizeof tmp, "%d", ((const int32_t *)d)[i]); break;
  case HX_TENSOR_S64: snprintf(tmp, sizeof tmp, "%lld", (long long)((const int64_t *)d)[i]); break;
  default: snprintf(tmp, sizeof tmp, "%u", ((const uint8_t *)d)[i]); break;
  }
  sputs(b, tmp);
}

/* Nested list of axis `axis` from flat element `off`. */
static void s_axis(str *b, const hx_tensor *t, int axis, int64_t off) {
  int rank = hx_tensor_rank(t);
  if (axis == rank) {
    s_elem(b, t, off);
    return;
  }
  int64_t stride = 1;
  for (int j = axis + 1; j < rank; j++) stride *= hx_tensor_dim(t, j);
  sputs(b, "[");
  for (int64_t i = 0; i < hx_tensor_dim(t, axis); i++) {
    if (i) sputs(b, ", ");
    s_axis(b, t, axis + 1, off + i * stride);
  }
  sputs(b, "]");
}

/* Nx.tensor(..., type: :f32) for t. */
static void s_tensor(str *b, const hx_tensor *t) {
  sputs(b, "Nx.tensor(");
  s_axis(b, t, 0, 0);
  sfmt(b, ", type: :%s)", hx_tensor_type_name(hx_tensor_type(t)));
}

/* ---- results ------------------------------------------------------------- */

/* Prints text with each newline as \n. */
static void put_escaped(const char *text) {
  for (const char *p = text; *p; p++)
    if (*p == '\n') fputs("\\n", stdout);
    else putchar(*p);
}

static void print_ok(str *call, const char *text) {
  printf("%s\t", call->s);
  put_escaped(text);
  putchar('\n');
  if (hx_context_error_code(ctx) != HX_OK || hx_context_error(ctx)[0] != 0) {
    failures++;
    printf("check ok-clears-error: FAILED (%s)\n", call->s);
  }
  call->len = 0;
  call->s[0] = 0;
}

static void print_error(str *call, int rc) {
  const char *msg = hx_context_error(ctx);
  const char *nl = strchr(msg, '\n');
  int len = nl ? (int)(nl - msg) : (int)strlen(msg);
  printf("%s\t%.*s\n", call->s, len, msg);
  if (hx_context_error_code(ctx) != rc) {
    failures++;
    printf("check error-code: FAILED (%s: returned %d, context says %d)\n", call->s, rc, hx_context_error_code(ctx));
  }
  call->len = 0;
  call->s[0] = 0;
}

/* A tensor result: CALL<TAB>inspect, or the error. */
static void tensor_result(str *call, int rc, const hx_tensor *t) {
  if (rc != HX_OK) {
    print_error(call, rc);
    return;
  }
  char buf[4096];
  size_t n = hx_tensor_inspect(buf, sizeof buf, t);
  if (n >= sizeof buf) abort();
  print_ok(call, buf);
}

/* A scalar result through hx_inspect (type "i", "f"). */
static void scalar_result(str *call, int rc, const char *type, const void *v) {
  if (rc != HX_OK) {
    print_error(call, rc);
    return;
  }
  char buf[128];
  hx_inspect(buf, sizeof buf, type, v);
  print_ok(call, buf);
}

static int close_rel(double got, double want, double rel) {
  return fabs(got - want) <= rel * fmax(1.0, fabs(want));
}

/* ---- the calls ----------------------------------------------------------- */

static void elementwise_and_dot(void) {
  str c = {{0}, 0};
  int rc;

  /* affine: x * 2.0 + b, b broadcast along the rows (f32). */
  float xv[] = {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.5f};
  float bv[] = {0.5f, -1.0f, 2.25f};
  int64_t s23[] = {2, 3}, s3[] = {3};
  hx_tensor *x = hx_tensor_from_f32(ctx, xv, 2, s23);
  hx_tensor *b = hx_tensor_from_f32(ctx, bv, 1, s3);
  hx_tensor *y = NULL;
  sputs(&c, "TensorModel.affine(");
  s_tensor(&c, x);
  sputs(&c, ", ");
  s_tensor(&c, b);
  sputs(&c, ")");
  rc = TensorModel_affine(ctx, &y, x, b);
  tensor_result(&c, rc, y);
  int ok = rc == HX_OK && hx_tensor_type(y) == HX_TENSOR_F32 && hx_tensor_rank(y) == 2 &&
           hx_tensor_dim(y, 0) == 2 && hx_tensor_dim(y, 1) == 3 && hx_tensor_size(y) == 6;
  for (int i = 0; ok && i < 6; i++) ok = ((const float *)hx_tensor_cdata(y))[i] == xv[i] * 2.0f + bv[i % 3];
  check("affine-values", ok, "rc %d", rc);
  hx_tensor_free(ctx, y);

  /* the same handles again: arguments are borrowed, never consumed */
  y = NULL;
  rc = TensorModel_affine(ctx, &y, x, b);
  check("arguments-borrowed", rc == HX_OK && ((const float *)hx_tensor_cdata(x))[5] == 6.5f &&
                                  ((const float *)hx_tensor_cdata(y))[5] == 6.5f * 2.0f + 2.25f,
        "rc %d", rc);
  hx_tensor_free(ctx, y);
  hx_tensor_free(ctx, x);
  hx_tensor_free(ctx, b);

  /* matmul: {2,3} . {3,2} through the runtime's GEMM (f64). */
  double av[] = {1, 2, 3, 4, 5, 6}, bm[] = {0.5, -1, 2, 0, -3, 1.5};
  int64_t s32[] = {3, 2};
  hx_tensor *A = hx_tensor_from_f64(ctx, av, 2, s23);
  hx_tensor *B = hx_tensor_from_f64(ctx, bm, 2, s32);
  hx_tensor *C = NULL;
  sputs(&c, "TensorModel.matmul(");
  s_tensor(&c, A);
  sputs(&c, ", ");
  s_tensor(&c, B);
  sputs(&c, ")");
  rc = TensorModel_matmul(ctx, &C, A, B);
  tensor_result(&c, rc, C);
  ok = rc == HX_OK && hx_tensor_rank(C) == 2 && hx_tensor_dim(C, 0) == 2 && hx_tensor_dim(C, 1) == 2;
  for (int i = 0; ok && i < 2; i++)
    for (int j = 0; ok && j < 2; j++) {
      double want = 0;
      for (int k = 0; k < 3; k++) want += av[i * 3 + k] * bm[k * 2 + j];
      ok = ((const double *)hx_tensor_cdata(C))[i * 2 + j] == want;
    }
  check("matmul-values", ok, "rc %d", rc);
  hx_tensor_free(ctx, A);
  hx_tensor_free(ctx, B);
  hx_tensor_free(ctx, C);

  /* vdot: vector . vector is a rank-0 tensor. */
  float u[] = {1.5f, -2.0f, 3.0f, 0.25f}, v[] = {2.0f, 4.0f, -1.0f, 8.0f};
  int64_t s4[] = {4};
  hx_tensor *tu = hx_tensor_from_f32(ctx, u, 1, s4), *tv = hx_tensor_from_f32(ctx, v, 1, s4), *d = NULL;
  sputs(&c, "TensorModel.vdot(");
  s_tensor(&c, tu);
  sputs(&c, ", ");
  s_tensor(&c, tv);
  sputs(&c, ")");
  rc = TensorModel_vdot(ctx, &d, tu, tv);
  tensor_result(&c, rc, d);
  check("vdot-rank0", rc == HX_OK && hx_tensor_rank(d) == 0 && hx_tensor_size(d) == 1 &&
                          *(const float *)hx_tensor_cdata(d) == 3.0f - 8.0f - 3.0f + 2.0f,
        "rc %d", rc);
  hx_tensor_free(ctx, d);

  /* softmax: exp, a full sum, a broadcast divide. */
  hx_tensor *sm = NULL;
  sputs(&c, "TensorModel.softmax(");
  s_tensor(&c, tu);
  sputs(&c, ")");
  rc = TensorModel_softmax(ctx, &sm, tu);
  tensor_result(&c, rc, sm);
  double z = 0;
  for (int i = 0; i < 4; i++) z += exp(u[i]);
  ok = rc == HX_OK && hx_tensor_size(sm) == 4;
  for (int i = 0; ok && i < 4; i++) ok = close_rel(((const float *)hx_tensor_cdata(sm))[i], exp(u[i]) / z, 1e-6);
  check("softmax-values", ok, "rc %d", rc);
  hx_tensor_free(ctx, sm);
  hx_tensor_free(ctx, tu);
  hx_tensor_free(ctx, tv);
}

static void reductions_and_types(void) {
  str c = {{0}, 0};
  int rc;
  int64_t s22[] = {2, 2}, s23[] = {2, 3}, s32[] = {3, 2}, s4[] = {4}, s3[] = {3};

  int64_t iv[] = {INT64_C(4000000000), -7, 12, INT64_C(5000000000)};
  hx_tensor *ti = hx_tensor_from_s64(ctx, iv, 2, s22), *r = NULL;
  sputs(&c, "TensorModel.total(");
  s_tensor(&c, ti);
  sputs(&c, ")");
  rc = TensorModel_total(ctx, &r, ti);
  tensor_result(&c, rc, r);
  check("total-s64", rc == HX_OK && hx_tensor_type(r) == HX_TENSOR_S64 &&
                         *(const int64_t *)hx_tensor_cdata(r) == INT64_C(9000000005),
        "rc %d", rc);
  hx_tensor_free(ctx, r);

  /* flat: a reshape hands back the argument's own elements; the handle
   * that comes out must own a copy. */
  r = NULL;
  sputs(&c, "TensorModel.flat(");
  s_tensor(&c, ti);
  sputs(&c, ")");
  rc = TensorModel_flat(ctx, &r, ti);
  tensor_result(&c, rc, r);
  check("reshape-result-owns-a-copy",
        rc == HX_OK && hx_tensor_rank(r) == 1 && hx_tensor_dim(r, 0) == 4 &&
            hx_tensor_cdata(r) != hx_tensor_cdata(ti) && ((const int64_t *)hx_tensor_cdata(r))[3] == iv[3],
        "rc %d", rc);
  hx_tensor_free(ctx, r);
  hx_tensor_free(ctx, ti);

  int32_t sv[] = {3, -9, 7, -1, -5, -2};
  hx_tensor *ts = hx_tensor_from_s32(ctx, sv, 2, s23);
  r = NULL;
  sputs(&c, "TensorModel.row_max(");
  s_tensor(&c, ts);
  sputs(&c, ")");
  rc = TensorModel_row_max(ctx, &r, ts);
  tensor_result(&c, rc, r);
  check("row-max-s32", rc == HX_OK && hx_tensor_type(r) == HX_TENSOR_S32 &&
                           ((const int32_t *)hx_tensor_cdata(r))[0] == 7 &&
                           ((const int32_t *)hx_tensor_cdata(r))[1] == -1,
        "rc %d", rc);
  hx_tensor_free(ctx, r);
  hx_tensor_free(ctx, ts);

  double mv[] = {1, 10, 2, 20, 4, 40};
  hx_tensor *tm = hx_tensor_from_f64(ctx, mv, 2, s32);
  r = NULL;
  sputs(&c, "TensorModel.col_mean(");
  s_tensor(&c, tm);
  sputs(&c, ")");
  rc = TensorModel_col_mean(ctx, &r, tm);
  tensor_result(&c, rc, r);
  check("col-mean-f64", rc == HX_OK && hx_tensor_dim(r, 0) == 2 &&
                            close_rel(((const double *)hx_tensor_cdata(r))[0], 7.0 / 3, 1e-15) &&
                            close_rel(((const double *)hx_tensor_cdata(r))[1], 70.0 / 3, 1e-15),
        "rc %d", rc);
  hx_tensor_free(ctx, r);
  hx_tensor_free(ctx, tm);

  double pv[] = {-1.5, 0.0, 2.0, -0.0};
  hx_tensor *tp = hx_tensor_from_f64(ctx, pv, 1, s4);
  r = NULL;
  sputs(&c, "TensorModel.positive(");
  s_tensor(&c, tp);
  sputs(&c, ")");
  rc = TensorModel_positive(ctx, &r, tp);
  tensor_result(&c, rc, r);
  const uint8_t *pb = rc == HX_OK ? hx_tensor_cdata(r) : NULL;
  check("u8-result", rc == HX_OK && hx_tensor_type(r) == HX_TENSOR_U8 && hx_tensor_nbytes(r) == 4 && pb[0] == 0 &&
                         pb[1] == 0 && pb[2] == 1 && pb[3] == 0,
        "rc %d", rc);
  hx_tensor_free(ctx, r);

  /* u8 arguments and results: bytes, every value 0..255 (u8 arithmetic wraps) */
  uint8_t ub[] = {0, 100, 200, 255};
  hx_tensor *tu = hx_tensor_from_u8(ctx, ub, 1, s4);
  r = NULL;
  sputs(&c, "TensorModel.brighten(");
  s_tensor(&c, tu);
  sputs(&c, ")");
  rc = TensorModel_brighten(ctx, &r, tu);
  tensor_result(&c, rc, r);
  pb = rc == HX_OK ? hx_tensor_cdata(r) : NULL;
  check("u8-args", rc == HX_OK && hx_tensor_type(r) == HX_TENSOR_U8 && hx_tensor_nbytes(r) == 4 && pb[0] == 100 &&
                       pb[1] == 200 && pb[2] == 44 && pb[3] == 99 && ub[2] == 200,
        "rc %d", rc);
  hx_tensor_free(ctx, r);
  r = NULL;
  sputs(&c, "TensorModel.u8_mean(");
  s_tensor(&c, tu);
  sputs(&c, ")");
  rc = TensorModel_u8_mean(ctx, &r, tu);
  tensor_result(&c, rc, r);
  check("u8-mean", rc == HX_OK && *(const float *)hx_tensor_cdata(r) == 138.75f, "rc %d", rc);
  hx_tensor_free(ctx, r);
  hx_tensor_free(ctx, tu);
  int64_t s22u[] = {2, 2};
  uint8_t ub2[] = {7, 0, 255, 128};
  hx_tensor *tu2 = hx_tensor_from_u8(ctx, ub2, 2, s22u);
  r = NULL;
  sputs(&c, "TensorModel.same_u8(");
  s_tensor(&c, tu2);
  sputs(&c, ")");
  rc = TensorModel_same_u8(ctx, &r, tu2);
  tensor_result(&c, rc, r);
  pb = rc == HX_OK ? hx_tensor_cdata(r) : NULL;
  check("u8-borrowed", rc == HX_OK && r != tu2 && hx_tensor_cdata(r) != hx_tensor_cdata(tu2) && pb[0] == 7 &&
                           pb[2] == 255 && pb[3] == 128,
        "rc %d", rc);
  hx_tensor_free(ctx, r);
  hx_tensor_free(ctx, tu2);

  /* a tensor beside a number, and a number result */
  double k = -2.5;
  r = NULL;
  sputs(&c, "TensorModel.scale(");
  hx_tensor *t3 = hx_tensor_new(ctx, HX_TENSOR_F64, 1, s3, pv);
  s_tensor(&c, t3);
  sputs(&c, ", -2.5)");
  rc = TensorModel_scale(ctx, &r, t3, k);
  tensor_result(&c, rc, r);
  check("tensor-and-float", rc == HX_OK && ((const double *)hx_tensor_cdata(r))[0] == 3.75, "rc %d", rc);
  hx_tensor_free(ctx, r);

  double n2 = 0;
  sputs(&c, "TensorModel.norm2(");
  s_tensor(&c, t3);
  sputs(&c, ")");
  rc = TensorModel_norm2(ctx, &n2, t3);
  scalar_result(&c, rc, "f", &n2);
  check("float-result", rc == HX_OK && n2 == 1.5 * 1.5 + 4.0, "rc %d, %g", rc, n2);
  hx_tensor_free(ctx, t3);

  /* a list beside a tensor */
  double ths[] = {-1.0, 0.0, 0.5, 1.0};
  hx_array *ts_list = hx_array_from_f64(ctx, ths, 4);
  int64_t cnt = -1;
  sputs(&c, "TensorModel.count_over(");
  s_tensor(&c, tp);
  sputs(&c, ", [-1.0, 0.0, 0.5, 1.0])");
  rc = TensorModel_count_over(ctx, &cnt, tp, ts_list);
  scalar_result(&c, rc, "i", &cnt);
  check("tensor-and-list", rc == HX_OK && cnt == 2, "rc %d, %lld", rc, (long long)cnt);
  hx_array_free(ctx, ts_list);
  hx_tensor_free(ctx, tp);

  /* a tensor result from numbers only */
  r = NULL;
  sputs(&c, "TensorModel.weights(3)");
  rc = TensorModel_weights(ctx, &r, 3);
  tensor_result(&c, rc, r);
  check("tensor-from-numbers", rc == HX_OK && ((const float *)hx_tensor_cdata(r))[3] == 9.0f, "rc %d", rc);
  hx_tensor_free(ctx, r);

  /* identity: the result is a new handle with its own elements */
  int32_t same_v[] = {1, 2, 3};
  hx_tensor *tsame = hx_tensor_from_s32(ctx, same_v, 1, s3);
  r = NULL;
  sputs(&c, "TensorModel.same(");
  s_tensor(&c, tsame);
  sputs(&c, ")");
  rc = TensorModel_same(ctx, &r, tsame);
  tensor_result(&c, rc, r);
  check("identity-result-owns-a-copy",
        rc == HX_OK && r != tsame && hx_tensor_cdata(r) != hx_tensor_cdata(tsame) &&
            ((const int32_t *)hx_tensor_cdata(r))[2] == 3,
        "rc %d", rc);
  hx_tensor_free(ctx, r);
  hx_tensor_free(ctx, tsame);
}

/* Runtime errors inside an entry with tensors: Elixir's text, nothing kept. */
static void runtime_errors(void) {
  str c = {{0}, 0};
  int64_t v[] = {3, 4, 5}, s3[] = {3};
  hx_tensor *t = hx_tensor_from_s64(ctx, v, 1, s3);
  for (int64_t n = 4; n >= 0; n -= 4) {
    int64_t out = -1;
    sputs(&c, "TensorModel.share(");
    s_tensor(&c, t);
    sfmt(&c, ", %lld)", (long long)n);
    int rc = TensorModel_share(ctx, &out, t, n);
    scalar_result(&c, rc, "i", &out);
    if (n == 0) check("error-leaves-out-untouched", rc == HX_ERR_ARITHMETIC && out == -1, "rc %d", rc);
  }
  hx_tensor_free(ctx, t);
}

/* Tensors of the wrong type, rank or shape, and NULL: HX_ERR_ARGUMENT with a
 * message naming both, *out untouched, nothing run. */
static void entry_checks(void) {
  float f6[6] = {0};
  double d6[6] = {0};
  int64_t s23[] = {2, 3}, s32[] = {3, 2}, s6[] = {6}, s3[] = {3}, s1[] = {1};
  hx_tensor *good_b = hx_tensor_from_f32(ctx, f6, 1, s3);
  struct {
    const char *name;
    hx_tensor *x;
    const char *want;
  } cases[] = {
      {"wrong-shape", hx_tensor_from_f32(ctx, f6, 2, s32),
       "** (ArgumentError) argument 1 of TensorModel.affine/2 must be a f32[2][3] tensor, got a f32[3][2] tensor"},
      {"wrong-rank", hx_tensor_from_f32(ctx, f6, 1, s6),
       "** (ArgumentError) argument 1 of TensorModel.affine/2 must be a f32[2][3] tensor, got a f32[6] tensor"},
      {"wrong-type", hx_tensor_from_f64(ctx, d6, 2, s23),
       "** (ArgumentError) argument 1 of TensorModel.affine/2 must be a f32[2][3] tensor, got a f64[2][3] tensor"},
      {"null-tensor", NULL,
       "** (ArgumentError) argument 1 of TensorModel.affine/2 must be a f32[2][3] tensor, got NULL"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    hx_tensor *sentinel = (hx_tensor *)&cases[i], *out = sentinel;
    int rc = TensorModel_affine(ctx, &out, cases[i].x, good_b);
    check(cases[i].name, rc == HX_ERR_ARGUMENT && out == sentinel && !strcmp(hx_context_error(ctx), cases[i].want) &&
                             hx_context_error_code(ctx) == HX_ERR_ARGUMENT,
          "rc %d, '%s'", rc, hx_context_error(ctx));
    hx_tensor_free(ctx, cases[i].x);
  }
  /* the second argument is checked too; rank 1 of one element is not rank 0 */
  hx_tensor *x = hx_tensor_from_f32(ctx, f6, 2, s23), *b1 = hx_tensor_from_f32(ctx, f6, 1, s1), *out = NULL;
  int rc = TensorModel_affine(ctx, &out, x, b1);
  check("second-argument", rc == HX_ERR_ARGUMENT &&
                               !strcmp(hx_context_error(ctx), "** (ArgumentError) argument 2 of TensorModel.affine/2 "
                                                              "must be a f32[3] tensor, got a f32[1] tensor"),
        "rc %d, '%s'", rc, hx_context_error(ctx));
  hx_tensor_free(ctx, b1);
  /* a good call after a failed one clears the error */
  rc = TensorModel_affine(ctx, &out, x, good_b);
  check("recovers-after-error", rc == HX_OK && hx_context_error_code(ctx) == HX_OK, "rc %d", rc);
  hx_tensor_free(ctx, out);
  hx_tensor_free(ctx, x);
  hx_tensor_free(ctx, good_b);
}

/* Constructors and accessors. */
static void handles(void) {
  int64_t s23[] = {2, 3}, neg[] = {2, -1};
  double d[6] = {1, 2, 3, 4, 5, 6};
  hx_tensor *t = hx_tensor_new(ctx, HX_TENSOR_F64, 2, s23, d);
  d[0] = 99; /* the tensor holds a copy */
  check("accessors", t && hx_tensor_type(t) == HX_TENSOR_F64 && hx_tensor_rank(t) == 2 &&
                         hx_tensor_shape(t)[0] == 2 && hx_tensor_shape(t)[1] == 3 && hx_tensor_dim(t, 2) == -1 &&
                         hx_tensor_dim(t, -1) == -1 && hx_tensor_size(t) == 6 && hx_tensor_nbytes(t) == 48 &&
                         ((const double *)hx_tensor_cdata(t))[0] == 1 && ((uintptr_t)hx_tensor_data(t) & 63) == 0,
        "accessors disagree");
  check("type-names", !strcmp(hx_tensor_type_name(HX_TENSOR_F32), "f32") &&
                          !strcmp(hx_tensor_type_name(HX_TENSOR_U8), "u8") && !strcmp(hx_tensor_type_name(0), "?") &&
                          hx_tensor_type_size(HX_TENSOR_S32) == 4 && hx_tensor_type_size(42) == 0,
        "names or sizes");
  char buf[256];
  size_t n = hx_tensor_inspect(buf, sizeof buf, t);
  check("inspect", n == strlen(buf) && !strcmp(buf, "#Nx.Tensor<\n  f64[2][3]\n  [\n    [1.0, 2.0, 3.0],\n"
                                                    "    [4.0, 5.0, 6.0]\n  ]\n>"),
        "'%s'", buf);
  hx_tensor_free(ctx, t);
  hx_tensor_free(ctx, NULL);

  hx_tensor *z = hx_tensor_new(ctx, HX_TENSOR_S32, 0, NULL, NULL);
  check("rank0-zeros", z && hx_tensor_rank(z) == 0 && hx_tensor_size(z) == 1 && *(const int32_t *)hx_tensor_cdata(z) == 0,
        "rank 0");
  hx_tensor_free(ctx, z);

  struct {
    const char *name;
    int type, rank;
    const int64_t *shape;
    const char *want;
  } bad[] = {
      {"new-bad-type", 9, 1, s23, "** (ArgumentError) hx_tensor_new: unknown tensor type 9 (HX_TENSOR_F32 ...)"},
      {"new-bad-rank", HX_TENSOR_F32, 9, s23, "** (ArgumentError) hx_tensor_new: rank 9 is outside 0..8"},
      {"new-no-shape", HX_TENSOR_F32, 2, NULL, "** (ArgumentError) hx_tensor_new: a tensor of rank 2 needs a shape"},
      {"new-negative-dim", HX_TENSOR_F32, 2, neg, "** (ArgumentError) hx_tensor_new: dimension 1 is negative (-1)"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    hx_tensor *b = hx_tensor_new(ctx, bad[i].type, bad[i].rank, bad[i].shape, NULL);
    check(bad[i].name, !b && hx_context_error_code(ctx) == HX_ERR_ARGUMENT && !strcmp(hx_context_error(ctx), bad[i].want),
          "'%s'", hx_context_error(ctx));
  }
  int64_t huge[] = {INT64_C(1) << 40, INT64_C(1) << 40};
  hx_tensor *h = hx_tensor_new(ctx, HX_TENSOR_F64, 2, huge, NULL);
  check("new-too-big", !h && hx_context_error_code(ctx) == HX_ERR_OUT_OF_MEMORY, "'%s'", hx_context_error(ctx));
  hx_context_clear_error(ctx);
}

int main(void) {
  ctx = hx_context_new();
  int64_t live0 = hxrt_live_arrays(ctx);
  elementwise_and_dot();
  reductions_and_types();
  runtime_errors();
  entry_checks();
  handles();
  check("no-leaked-arrays", hxrt_live_arrays(ctx) == live0 + known_leaks,
        "%lld live, %lld at start, %lld known compiler leaks", (long long)hxrt_live_arrays(ctx), (long long)live0,
        (long long)known_leaks);
  hx_context_free(ctx);
  return failures ? 1 : 0;
}
