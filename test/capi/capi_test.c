/* \file capi_test.c
 * Drives libcapi_model.so (hastec build test/capi/capi_model.hx) through
 * its generated header, the way an embedding C program would.
 *
 * stdout has two kinds of lines:
 *   CALL<TAB>RESULT   an entry point called with arguments built here;
 *                     CALL is the same call as Elixir source, RESULT is
 *                     hx_inspect's text or, for an error, the first line
 *                     of hx_context_error(). run.sh checks each one
 *                     against `hastec run capi_model.hx -e CALL`.
 *   check NAME: ok|FAILED (detail)
 *                     a property of the ABI itself: ownership, error
 *                     codes and texts, argument checks, leak counts.
 * The whole output is also compared with capi_expected.txt.
 * Exit status: 0 when every check passed, 1 otherwise.
 */
#include "capi_model.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static hx_context *ctx;

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

/* ---- call text ----------------------------------------------------------- */

/* A growable string. */
typedef struct {
  char *s;
  size_t len, cap;
} str;

static void sputs(str *b, const char *t) {
  size_t n = strlen(t);
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->s = realloc(b->s, b->cap);
    if (!b->s) abort();
  }
  memcpy(b->s + b->len, t, n + 1);
  b->len += n;
}

static void sprintf_(str *b, const char *fmt, ...) {
  char tmp[128];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  sputs(b, tmp);
}

static void s_float(str *b, double v) {
  char tmp[64];
  hx_format_float(tmp, sizeof tmp, v);
  sputs(b, tmp);
}

static void s_i64s(str *b, const int64_t *v, int64_t n) {
  sputs(b, "[");
  for (int64_t i = 0; i < n; i++) sprintf_(b, "%s%lld", i ? ", " : "", (long long)v[i]);
  sputs(b, "]");
}

static void s_f64s(str *b, const double *v, int64_t n) {
  sputs(b, "[");
  for (int64_t i = 0; i < n; i++) {
    if (i) sputs(b, ", ");
    s_float(b, v[i]);
  }
  sputs(b, "]");
}

static void s_bools(str *b, const bool *v, int64_t n) {
  sputs(b, "[");
  for (int64_t i = 0; i < n; i++) sprintf_(b, "%s%s", i ? ", " : "", v[i] ? "true" : "false");
  sputs(b, "]");
}

/* ---- results ------------------------------------------------------------- */

/* hx_inspect into a heap buffer of exactly the right size. */
static char *inspect(const char *type, const void *value) {
  char small[8];
  size_t n = hx_inspect(small, sizeof small, type, value);
  char *buf = malloc(n + 1);
  if (!buf) abort();
  size_t m = hx_inspect(buf, n + 1, type, value);
  if (m != n || strlen(buf) != n) {
    failures++;
    printf("check inspect-length: FAILED (%zu vs %zu)\n", m, n);
  }
  return buf;
}

/* Prints CALL<TAB>RESULT for a finished call: the value on success, the
 * error's first line otherwise. Checks that the code and text agree. */
static void result(str *call, int rc, const char *type, const void *value) {
  if (rc == HX_OK) {
    char *text = inspect(type, value);
    printf("%s\t%s\n", call->s, text);
    free(text);
    if (hx_context_error_code(ctx) != HX_OK || hx_context_error(ctx)[0] != 0) {
      failures++;
      printf("check ok-clears-error: FAILED (%s)\n", call->s);
    }
  } else {
    const char *msg = hx_context_error(ctx);
    const char *nl = strchr(msg, '\n');
    int len = nl ? (int)(nl - msg) : (int)strlen(msg);
    printf("%s\t%.*s\n", call->s, len, msg);
    if (hx_context_error_code(ctx) != rc) {
      failures++;
      printf("check error-code: FAILED (%s: returned %d, context says %d)\n", call->s, rc,
             hx_context_error_code(ctx));
    }
  }
  free(call->s);
  memset(call, 0, sizeof *call);
}

/* ---- the calls ----------------------------------------------------------- */

static void scalars(void) {
  str c = {0};
  int64_t i;
  double d;
  bool b;
  int rc;

  int64_t adds[][2] = {{2, 40}, {-5, 3}, {INT64_C(4000000000), INT64_C(5000000000)}};
  for (int k = 0; k < 3; k++) {
    sprintf_(&c, "CapiModel.add(%lld, %lld)", (long long)adds[k][0], (long long)adds[k][1]);
    rc = CapiModel_add(ctx, &i, adds[k][0], adds[k][1]);
    result(&c, rc, "i", &i);
  }

  double scales[][2] = {{1.5, -2.0}, {0.1, 3.0}, {1.0e-5, 1.0e-5}, {1.0e15, 10.0}};
  for (int k = 0; k < 4; k++) {
    sputs(&c, "CapiModel.scale(");
    s_float(&c, scales[k][0]);
    sputs(&c, ", ");
    s_float(&c, scales[k][1]);
    sputs(&c, ")");
    rc = CapiModel_scale(ctx, &d, scales[k][0], scales[k][1]);
    result(&c, rc, "f", &d);
  }

  for (int neg = 1; neg >= 0; neg--) {
    sprintf_(&c, "CapiModel.mix(3, 0.5, %s)", neg ? "true" : "false");
    rc = CapiModel_mix(ctx, &d, 3, 0.5, neg);
    result(&c, rc, "f", &d);
  }

  sputs(&c, "CapiModel.flip(false)");
  rc = CapiModel_flip(ctx, &b, false);
  result(&c, rc, "b", &b);
  check("bool-result-is-0-or-1", rc == HX_OK && (*(unsigned char *)&b == 1), "%d", (int)*(unsigned char *)&b);

  int64_t pos[] = {0, 7, -7};
  for (int k = 0; k < 3; k++) {
    sprintf_(&c, "CapiModel.positive(%lld)", (long long)pos[k]);
    rc = CapiModel_positive(ctx, &b, pos[k]);
    result(&c, rc, "b", &b);
  }

  int64_t facts[] = {0, 5, 20, -1};
  for (int k = 0; k < 4; k++) {
    sprintf_(&c, "CapiModel.fact(%lld)", (long long)facts[k]);
    rc = CapiModel_fact(ctx, &i, facts[k]);
    result(&c, rc, "i", &i);
  }

  int64_t divs[][2] = {{7, -2}, {-7, 2}, {1, 0}, {0, 0}};
  for (int k = 0; k < 4; k++) {
    sprintf_(&c, "CapiModel.safe_div(%lld, %lld)", (long long)divs[k][0], (long long)divs[k][1]);
    rc = CapiModel_safe_div(ctx, &i, divs[k][0], divs[k][1]);
    result(&c, rc, "i", &i);
  }

  double fdivs[][2] = {{1.0, 4.0}, {1.0, 0.0}, {0.0, 0.0}, {-1.0, 3.0}};
  for (int k = 0; k < 4; k++) {
    sputs(&c, "CapiModel.fdiv(");
    s_float(&c, fdivs[k][0]);
    sputs(&c, ", ");
    s_float(&c, fdivs[k][1]);
    sputs(&c, ")");
    rc = CapiModel_fdiv(ctx, &d, fdivs[k][0], fdivs[k][1]);
    result(&c, rc, "f", &d);
  }
}

static void lists_in(void) {
  str c = {0};
  int64_t i;
  double d;
  int rc;

  int64_t xs[] = {1, 2, 3, 4};
  hx_array *a = hx_array_from_i64(ctx, xs, 4);
  sputs(&c, "CapiModel.sum_list(");
  s_i64s(&c, xs, 4);
  sputs(&c, ")");
  rc = CapiModel_sum_list(ctx, &i, a);
  result(&c, rc, "i", &i);
  check("input-borrowed", hx_array_len(a) == 4 && ((int64_t *)hx_array_data(a))[3] == 4, "input changed");
  hx_array_free(ctx, a);

  hx_array *empty = hx_array_new(ctx, HX_KIND_I64, 0);
  sputs(&c, "CapiModel.sum_list([])");
  rc = CapiModel_sum_list(ctx, &i, empty);
  result(&c, rc, "i", &i);
  hx_array_free(ctx, empty);

  /* A big list filled through hx_array_data. */
  int64_t n = 100000, want = 0;
  hx_array *big = hx_array_new(ctx, HX_KIND_I64, n);
  int64_t *bd = hx_array_data(big);
  for (int64_t k = 0; k < n; k++) {
    bd[k] = k * k % 1000 - 500;
    want += bd[k];
  }
  rc = CapiModel_sum_list(ctx, &i, big);
  check("sum-100000", rc == HX_OK && i == want, "rc %d, got %lld, want %lld", rc, (long long)i, (long long)want);
  check("array-aligned", ((uintptr_t)hx_array_cdata(big) & 63) == 0, "%p", hx_array_cdata(big));
  hx_array_free(ctx, big);

  double fs[] = {1.0, 2.0, 4.0};
  hx_array *fa = hx_array_from_f64(ctx, fs, 3);
  sputs(&c, "CapiModel.mean(");
  s_f64s(&c, fs, 3);
  sputs(&c, ")");
  rc = CapiModel_mean(ctx, &d, fa);
  result(&c, rc, "f", &d);
  hx_array_free(ctx, fa);

  hx_array *fe = hx_array_new(ctx, HX_KIND_F64, 0);
  sputs(&c, "CapiModel.mean([])");
  rc = CapiModel_mean(ctx, &d, fe);
  result(&c, rc, "f", &d);
  hx_array_free(ctx, fe);

  bool bs[] = {true, false, true, true};
  hx_array *ba = hx_array_from_bool(ctx, bs, 4);
  sputs(&c, "CapiModel.count_true(");
  s_bools(&c, bs, 4);
  sputs(&c, ")");
  rc = CapiModel_count_true(ctx, &i, ba);
  result(&c, rc, "i", &i);
  hx_array_free(ctx, ba);

  /* A bool list built byte by byte. */
  hx_array *bb = hx_array_new(ctx, HX_KIND_BOOL, 5);
  unsigned char *bbd = hx_array_data(bb);
  bool bbv[5];
  for (int k = 0; k < 5; k++) bbd[k] = (unsigned char)(bbv[k] = (k % 2 == 0));
  sputs(&c, "CapiModel.count_true(");
  s_bools(&c, bbv, 5);
  sputs(&c, ")");
  rc = CapiModel_count_true(ctx, &i, bb);
  result(&c, rc, "i", &i);
  hx_array_free(ctx, bb);
}

static void lists_out(void) {
  str c = {0};
  hx_array *out = NULL;
  int rc;

  int64_t sq[] = {5, 0, -2, 1};
  for (int k = 0; k < 4; k++) {
    sprintf_(&c, "CapiModel.squares(%lld)", (long long)sq[k]);
    out = NULL;
    rc = CapiModel_squares(ctx, &out, sq[k]);
    result(&c, rc, "[i]", &out);
    if (k == 0)
      check("list-result-shape",
            rc == HX_OK && out && hx_array_len(out) == 5 && hx_array_kind(out) == HX_KIND_I64 &&
                ((const int64_t *)hx_array_cdata(out))[4] == 25,
            "rc %d", rc);
    hx_array_free(ctx, out);
  }

  int64_t ev[] = {1, 2, 3, 4, 6};
  int64_t odd[] = {1, 3};
  const int64_t *evl[] = {ev, odd};
  int64_t evn[] = {5, 2};
  for (int k = 0; k < 2; k++) {
    hx_array *in = hx_array_from_i64(ctx, evl[k], evn[k]);
    sputs(&c, "CapiModel.evens(");
    s_i64s(&c, evl[k], evn[k]);
    sputs(&c, ")");
    out = NULL;
    rc = CapiModel_evens(ctx, &out, in);
    result(&c, rc, "[i]", &out);
    hx_array_free(ctx, out);
    hx_array_free(ctx, in);
  }

  double fs[] = {1.0, 2.5, -0.1};
  hx_array *fa = hx_array_from_f64(ctx, fs, 3);
  sputs(&c, "CapiModel.fscale(");
  s_f64s(&c, fs, 3);
  sputs(&c, ", 2.0)");
  out = NULL;
  rc = CapiModel_fscale(ctx, &out, fa, 2.0);
  result(&c, rc, "[f]", &out);
  check("f64-result-kind", rc == HX_OK && hx_array_kind(out) == HX_KIND_F64, "rc %d", rc);
  hx_array_free(ctx, out);
  hx_array_free(ctx, fa);

  int64_t fl[] = {1, 2, 3, 4};
  hx_array *fla = hx_array_from_i64(ctx, fl, 4);
  sputs(&c, "CapiModel.flags(");
  s_i64s(&c, fl, 4);
  sputs(&c, ")");
  out = NULL;
  rc = CapiModel_flags(ctx, &out, fla);
  result(&c, rc, "[b]", &out);
  check("bool-result-kind", rc == HX_OK && hx_array_kind(out) == HX_KIND_BOOL, "rc %d", rc);
  hx_array_free(ctx, out);
  hx_array_free(ctx, fla);

  bool bs[] = {true, false};
  hx_array *ba = hx_array_from_bool(ctx, bs, 2);
  sputs(&c, "CapiModel.negate_all(");
  s_bools(&c, bs, 2);
  sputs(&c, ")");
  out = NULL;
  rc = CapiModel_negate_all(ctx, &out, ba);
  result(&c, rc, "[b]", &out);
  hx_array_free(ctx, out);
  hx_array_free(ctx, ba);

  /* echo returns its argument: the caller must still get its own copy. */
  int64_t e1[] = {7, 8, 9};
  int64_t e2[] = {72, 105};
  const int64_t *el[] = {e1, e2};
  int64_t en[] = {3, 2};
  for (int k = 0; k < 2; k++) {
    hx_array *in = hx_array_from_i64(ctx, el[k], en[k]);
    sputs(&c, "CapiModel.echo(");
    s_i64s(&c, el[k], en[k]);
    sputs(&c, ")");
    out = NULL;
    rc = CapiModel_echo(ctx, &out, in);
    result(&c, rc, "[i]", &out);
    check("echo-returns-a-copy", rc == HX_OK && out && out != in, "same pointer");
    hx_array_free(ctx, out);
    hx_array_free(ctx, in);
  }

  /* Errors in the middle of building a list. */
  int64_t inv1[] = {5, 8};
  int64_t inv2[] = {5, 0, 2};
  const int64_t *il[] = {inv1, inv2};
  int64_t in_n[] = {2, 3};
  for (int k = 0; k < 2; k++) {
    hx_array *in = hx_array_from_i64(ctx, il[k], in_n[k]);
    sputs(&c, "CapiModel.inverses(");
    s_i64s(&c, il[k], in_n[k]);
    sputs(&c, ")");
    out = NULL;
    rc = CapiModel_inverses(ctx, &out, in);
    result(&c, rc, "[i]", &out);
    if (rc == HX_OK) hx_array_free(ctx, out);
    hx_array_free(ctx, in);
  }

  int64_t be1[] = {4, 10, 3};
  int64_t be2[] = {1, 3};
  const int64_t *bl[] = {be1, be2};
  int64_t bn[] = {3, 2};
  for (int k = 0; k < 2; k++) {
    int64_t i = 0;
    hx_array *in = hx_array_from_i64(ctx, bl[k], bn[k]);
    sputs(&c, "CapiModel.biggest_even(");
    s_i64s(&c, bl[k], bn[k]);
    sputs(&c, ")");
    rc = CapiModel_biggest_even(ctx, &i, in);
    result(&c, rc, "i", &i);
    hx_array_free(ctx, in);
  }
}

/* ---- ABI properties -------------------------------------------------------- */

static int starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

static void errors(void) {
  int64_t i = 12345;
  double d;
  int rc;

  rc = CapiModel_safe_div(ctx, &i, 1, 0);
  const char *msg = hx_context_error(ctx);
  check("div0-code", rc == HX_ERR_ARITHMETIC, "rc %d", rc);
  check("div0-text", starts_with(msg, "** (ArithmeticError) bad argument in arithmetic expression\n    "),
        "%s", msg);
  check("div0-location", strstr(msg, "capi_model.hx:") && strstr(msg, "CapiModel.safe_div/2"), "%s", msg);

  rc = CapiModel_fdiv(ctx, &d, 1.0, 0.0);
  check("fdiv0-code", rc == HX_ERR_ARITHMETIC, "rc %d", rc);
  check("fdiv0-text", starts_with(hx_context_error(ctx), "** (ArithmeticError)"), "%s", hx_context_error(ctx));

  /* The context keeps the error until cleared or until the next call. */
  check("error-sticks", hx_context_error_code(ctx) == HX_ERR_ARITHMETIC, "%d", hx_context_error_code(ctx));
  hx_context_clear_error(ctx);
  check("clear-error", hx_context_error_code(ctx) == HX_OK && hx_context_error(ctx)[0] == 0, "%s",
        hx_context_error(ctx));

  rc = CapiModel_fact(ctx, &i, -3);
  check("clause-code", rc == HX_ERR_FUNCTION_CLAUSE, "rc %d", rc);
  check("clause-text",
        starts_with(hx_context_error(ctx), "** (FunctionClauseError) no function clause matching in CapiModel.fact/1"),
        "%s", hx_context_error(ctx));

  int64_t odd[] = {1, 3, 5};
  hx_array *in = hx_array_from_i64(ctx, odd, 3);
  rc = CapiModel_biggest_even(ctx, &i, in);
  check("empty-code", rc == HX_ERR_EMPTY, "rc %d", rc);
  check("empty-text", starts_with(hx_context_error(ctx), "** (Enum.EmptyError) empty error"), "%s",
        hx_context_error(ctx));

  /* A successful call after an error reports no error. */
  rc = CapiModel_add(ctx, &i, 1, 2);
  check("ok-after-error", rc == HX_OK && i == 3 && hx_context_error_code(ctx) == HX_OK, "rc %d", rc);

  /* Bad input from the caller: a list of the wrong kind, or NULL. */
  double fs[] = {1.0};
  hx_array *wrong = hx_array_from_f64(ctx, fs, 1);
  rc = CapiModel_sum_list(ctx, &i, wrong);
  check("wrong-kind-code", rc == HX_ERR_ARGUMENT, "rc %d", rc);
  check("wrong-kind-text", starts_with(hx_context_error(ctx), "** (ArgumentError)"), "%s", hx_context_error(ctx));
  hx_array_free(ctx, wrong);
  rc = CapiModel_sum_list(ctx, &i, NULL);
  check("null-list-code", rc == HX_ERR_ARGUMENT, "rc %d", rc);
  hx_array *out = (hx_array *)0x1;
  rc = CapiModel_evens(ctx, &out, NULL);
  check("null-list-code-2", rc == HX_ERR_ARGUMENT, "rc %d", rc);

  /* An error in the middle of a map frees what the call had allocated. */
  int64_t before = hxrt_live_arrays(ctx);
  int64_t zs[] = {1, 2, 0};
  hx_array *z = hx_array_from_i64(ctx, zs, 3);
  out = NULL;
  rc = CapiModel_inverses(ctx, &out, z);
  check("mid-map-error", rc == HX_ERR_ARITHMETIC, "rc %d", rc);
  hx_array_free(ctx, z);
  check("mid-map-no-leak", hxrt_live_arrays(ctx) == before, "%lld live, %lld before",
        (long long)hxrt_live_arrays(ctx), (long long)before);
  hx_array_free(ctx, in);

  /* A second context is independent of the first. */
  hx_context_clear_error(ctx);
  hx_context *c2 = hx_context_new();
  rc = CapiModel_safe_div(c2, &i, 5, 0);
  check("second-context", rc == HX_ERR_ARITHMETIC && hx_context_error_code(c2) == HX_ERR_ARITHMETIC &&
                              hx_context_error_code(ctx) == HX_OK,
        "rc %d, first context %d", rc, hx_context_error_code(ctx));
  rc = CapiModel_add(ctx, &i, 2, 2);
  check("first-context-still-works", rc == HX_OK && i == 4, "rc %d", rc);
  hx_context_free(c2);
}

static void printer(void) {
  char buf[64];
  int64_t xs[] = {100, 200, 300};
  hx_array *a = hx_array_from_i64(ctx, xs, 3);
  size_t n = hx_inspect(buf, 5, "[i]", &a);
  check("inspect-truncates", n == strlen("[100, 200, 300]") && strcmp(buf, "[100") == 0, "%zu '%s'", n, buf);
  hx_array_free(ctx, a);

  struct {
    double v;
    const char *text;
  } fl[] = {{0.1, "0.1"}, {1.0e-5, "1.0e-5"}, {1.0e16, "1.0e16"}, {123456789.0, "123456789.0"}, {-0.0, "-0.0"},
            {0.1 + 0.2, "0.30000000000000004"}};
  for (size_t k = 0; k < sizeof fl / sizeof fl[0]; k++) {
    hx_format_float(buf, sizeof buf, fl[k].v);
    check("format-float", strcmp(buf, fl[k].text) == 0, "%s vs %s", buf, fl[k].text);
  }
  int64_t v = -42;
  hx_inspect(buf, sizeof buf, "i", &v);
  check("inspect-int", strcmp(buf, "-42") == 0, "%s", buf);
  hx_array_free(ctx, NULL); /* a no-op */
}

/* Lists of tuples are columns: built with hx_array_new_tuples and read
 * with hx_array_column (docs/c-abi.md, "Lists of tuples"). */
static void tuple_lists(void) {
  str c = {0};
  double d;
  int rc;
  int32_t kinds[2] = {HX_KIND_I64, HX_KIND_F64};
  hx_array *ps = hx_array_new_tuples(ctx, 2, kinds, 4);
  int64_t *k = hx_array_column(ps, 0);
  double *v = hx_array_column(ps, 1);
  for (int i = 0; i < 4; i++) k[i] = i + 1, v[i] = 0.5 + i;
  sputs(&c, "CapiModel.weigh([{1, 0.5}, {2, 1.5}, {3, 2.5}, {4, 3.5}])");
  rc = CapiModel_weigh(ctx, &d, ps);
  result(&c, rc, "f", &d);

  /* A filter's result: shortened after allocation, its columns still where
   * its capacity puts them. */
  hx_array *out = NULL;
  sputs(&c, "CapiModel.keep_big([{1, 0.5}, {2, 1.5}, {3, 2.5}, {4, 3.5}], 2)");
  rc = CapiModel_keep_big(ctx, &out, ps, 2);
  result(&c, rc, "[{i,f}]", &out);
  int ok = rc == HX_OK && hx_array_kind(out) == HX_KIND_TUPLE && hx_array_columns(out) == 2 &&
           hx_array_column_kind(out, 0) == HX_KIND_I64 && hx_array_column_kind(out, 1) == HX_KIND_F64 &&
           hx_array_len(out) == 2 && hx_array_capacity(out) >= 2;
  if (ok) {
    const int64_t *ok0 = hx_array_ccolumn(out, 0);
    const double *ok1 = hx_array_ccolumn(out, 1);
    ok = ok0[0] == 3 && ok0[1] == 4 && ok1[0] == 2.5 && ok1[1] == 3.5 && (uintptr_t)ok0 % 64 == 0 &&
         (uintptr_t)ok1 % 64 == 0;
  }
  check("tuple-result-columns", ok, "rc %d", rc);
  hx_array_free(ctx, out);

  out = NULL;
  sputs(&c, "CapiModel.halves(5)");
  rc = CapiModel_halves(ctx, &out, 5);
  result(&c, rc, "[{i,f}]", &out);
  check("tuple-result-column-1", rc == HX_OK && ((const double *)hx_array_ccolumn(out, 1))[4] == 2.5, "rc %d", rc);
  hx_array_free(ctx, out);

  /* Other columns than the @spec's are refused, as a wrong kind is. */
  int32_t ii[2] = {HX_KIND_I64, HX_KIND_I64};
  hx_array *wrong = hx_array_new_tuples(ctx, 2, ii, 1);
  rc = CapiModel_weigh(ctx, &d, wrong);
  check("tuple-wrong-columns", rc == HX_ERR_ARGUMENT, "rc %d", rc);
  check("tuple-wrong-columns-text", starts_with(hx_context_error(ctx), "** (ArgumentError)"), "%s",
        hx_context_error(ctx));
  hx_array_free(ctx, wrong);
  int64_t xs[] = {1};
  hx_array *plain = hx_array_from_i64(ctx, xs, 1);
  rc = CapiModel_weigh(ctx, &d, plain);
  check("tuple-plain-list", rc == HX_ERR_ARGUMENT, "rc %d", rc);
  hx_array_free(ctx, plain);
  hx_array_free(ctx, ps);
}

int main(void) {
  ctx = hx_context_new();
  if (!ctx) {
    printf("check context-new: FAILED (NULL)\n");
    return 1;
  }
  int64_t live0 = hxrt_live_arrays(ctx);
  scalars();
  lists_in();
  lists_out();
  errors();
  printer();
  tuple_lists();
  check("no-leaked-arrays", hxrt_live_arrays(ctx) == live0, "%lld live, %lld at start",
        (long long)hxrt_live_arrays(ctx), (long long)live0);
  hx_context_free(ctx);
  printf("%d checks failed\n", failures);
  return failures ? 1 : 0;
}
