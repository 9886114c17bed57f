/* \file csv.c
 * Data frames (hxrt_frame.h) and their CSV reader and writer: what
 * Explorer.DataFrame.from_csv!/2 and to_csv!/2 compile to.
 *
 * Reading, in order:
 *  1. map the file (mmap, with HX_CSV_PAD zero bytes after it, so scanners
 *     stop at the NUL at the end and a load of up to 64 bytes at any
 *     position up to the end stays inside; pipes are read into memory with
 *     the same padding);
 *  2. read the header, resolve columns:/dtypes:, infer the other dtypes
 *     from the first infer_schema_length rows (Explorer's rules, below);
 *  3. cut the rest into chunks that start after a '\n'; count each chunk's
 *     '\n's and quotes in parallel (nl_scan: AVX-512, AVX2 or SSE2, picked
 *     at run time); from the quotes' parity, in chunk order, settle where
 *     each chunk's first row starts and how many rows start in it; allocate
 *     the frame's arrays once and parse every chunk straight into its slice
 *     of them, in parallel (direct_batch). A chunk is trusted when the one
 *     before it, itself trusted, ended exactly where it begins, so the
 *     result, and the first error reported, are those of a sequential parse
 *     whatever the chunking or the thread count;
 *  4. should the counts not hold (they do for every well-formed file, and
 *     the chunk holding a malformed row still reports it), parse the batch
 *     the older way instead: each chunk into its own buffers, guessing
 *     starts and re-parsing a chunk whose start was wrong, then copy the
 *     chunks into the frame. max_rows reads that way too.
 *
 * Fields: every field finds its end through a 64-byte window of special
 * bytes (a tzcnt, then a blsr to step over it), so one field's parse never
 * waits for the one before; numbers are parsed from their known text, 16
 * bytes in one go where they fit (dec16), else 8 digits at a time
 * (fast_f64/fast_s64), else by the general parsers. parse_rows is built once
 * per instruction set (parse_rows_scalar, _sse2, _avx2; HX_CSV_SIMD can ask
 * for a lower one). Floats are exact (Clinger's fast path or strtod_l).
 *
 * Strictness: every row has the header's number of fields; a quote may only
 * open a field and must close it (doubled inside); every value parses as its
 * column's dtype; strings are valid UTF-8. Errors name the file, the line
 * and the column (1-based, in characters) where the problem starts.
 *
 * Error model: the work runs inside a nested hxrt_invoke, so a raise frees
 * the arrays made so far; the temporaries (mapping, chunk buffers) live in
 * the reader and are freed by the caller of that invoke, raise or not.
 */
#define _GNU_SOURCE
#include "hxrt_frame.h"
#include "hxrt_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <locale.h>
#include <omp.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
/* SSE2 is part of x86-64: the baseline scanners use it. HX_CSV_PORTABLE
 * builds the plain C scanners alone (what other targets get). */
#if defined(__x86_64__) && !defined(HX_CSV_PORTABLE)
#include <immintrin.h>
#define HX_CSV_X86 1
#endif

#define DT_SKIP 0  /* a field that is not kept */
/* The instruction sets the scanners are built for, picked at run time. */
enum { SIMD_SCALAR = 0, SIMD_SSE2 = 1, SIMD_AVX2 = 2, SIMD_AVX512 = 3 };

/* Zero bytes after the file's last byte: scanners stop at the first, and
 * loads of up to 64 bytes (digits8, dec16, the 64-byte windows) that start
 * at or before the end never leave the mapping. */
#define HX_CSV_PAD 64
#define DT_INFER 9 /* a field whose dtype is being inferred */

/* Inference classes of one value, OR-ed per column (Polars' regexes). */
enum { C_INT = 1, C_FLOAT = 2, C_BOOL = 4, C_STR = 8 };

/* ---- frames ------------------------------------------------------------ */

/* Allocation for frames: tracked and raising inside a read (hxrt_alloc), or
 * untracked and returning NULL for the public constructors. */
typedef struct allocr {
  hx_context *ctx;
  bool tracked;
  bool failed;
} allocr;

static hx_array *arr_bytes(allocr *al, int64_t len) {
  if (al->tracked) return hxrt_bytes_alloc(al->ctx, len);
  hx_array *a = hxrt_bytes_new(al->ctx, len);
  if (!a) al->failed = true;
  return a;
}

const char *hx_dtype_name(int dtype) {
  switch (dtype) {
  case HX_DT_F64: return "f64";
  case HX_DT_S64: return "s64";
  case HX_DT_BOOL: return "boolean";
  case HX_DT_STRING: return "string";
  case HX_DT_CATEGORY: return "category";
  default: return "unknown";
  }
}

static bool dtype_ok(int dt) { return dt >= HX_DT_F64 && dt <= HX_DT_CATEGORY; }

/* The frame struct, its columns and their names in one array. Column
 * arrays are left NULL. */
static hx_frame *frame_shell(allocr *al, int64_t n_rows, int64_t ncols, const char *const *names,
                             const int *dtypes) {
  size_t bytes = sizeof(hx_frame) + (size_t)ncols * sizeof(hx_column);
  for (int64_t c = 0; c < ncols; c++) bytes += strlen(names[c]) + 1;
  hx_array *st = arr_bytes(al, (int64_t)bytes);
  if (!st) return NULL;
  char *mem = hx_array_data(st);
  memset(mem, 0, bytes);
  hx_frame *f = (hx_frame *)mem;
  f->n_rows = n_rows;
  f->n_columns = ncols;
  f->columns = (hx_column *)(mem + sizeof(hx_frame));
  f->storage = st;
  char *np = mem + sizeof(hx_frame) + (size_t)ncols * sizeof(hx_column);
  for (int64_t c = 0; c < ncols; c++) {
    size_t n = strlen(names[c]) + 1;
    memcpy(np, names[c], n);
    f->columns[c].name = np;
    f->columns[c].dtype = dtypes[c];
    np += n;
  }
  return f;
}

void hx_frame_free(hx_context *ctx, hx_frame *f) {
  if (!f) return;
  for (int64_t c = 0; c < f->n_columns; c++) {
    hx_column *col = &f->columns[c];
    hx_array_free(ctx, col->data);
    hx_array_free(ctx, col->valid);
    hx_array_free(ctx, col->bytes);
    hx_array_free(ctx, col->dict);
  }
  hx_array_free(ctx, f->storage); /* f lives in it: last */
}

hx_frame *hx_frame_new(hx_context *ctx, int64_t n_rows, int64_t n_columns, const char *const *names,
                       const int *dtypes) {
  if (n_rows < 0 || n_columns < 0 || (n_columns > 0 && (!names || !dtypes))) return NULL;
  for (int64_t c = 0; c < n_columns; c++)
    if (!names[c] || !dtype_ok(dtypes[c])) return NULL;
  allocr al = {ctx, false, false};
  hx_frame *f = frame_shell(&al, n_rows, n_columns, names, dtypes);
  if (!f) return NULL;
  for (int64_t c = 0; c < n_columns; c++) {
    hx_column *col = &f->columns[c];
    col->valid = hx_array_new(ctx, HX_KIND_BOOL, n_rows);
    if (col->valid) memset(hx_array_data(col->valid), 1, (size_t)n_rows);
    switch (col->dtype) {
    case HX_DT_F64: col->data = hx_array_new(ctx, HX_KIND_F64, n_rows); break;
    case HX_DT_S64: col->data = hx_array_new(ctx, HX_KIND_I64, n_rows); break;
    case HX_DT_BOOL: col->data = hx_array_new(ctx, HX_KIND_BOOL, n_rows); break;
    case HX_DT_STRING:
      col->data = hx_array_new(ctx, HX_KIND_I64, n_rows + 1);
      col->bytes = hxrt_bytes_new(ctx, 0);
      break;
    case HX_DT_CATEGORY:
      col->data = hx_array_new(ctx, HX_KIND_I32, n_rows); /* zero: category 0 */
      col->dict = hx_array_new(ctx, HX_KIND_I64, 2);      /* one category: "" */
      col->bytes = hxrt_bytes_new(ctx, 0);
      break;
    }
    if (!col->valid || !col->data || (col->dtype >= HX_DT_STRING && !col->bytes) ||
        (col->dtype == HX_DT_CATEGORY && !col->dict)) {
      hx_frame_free(ctx, f);
      return NULL;
    }
  }
  return f;
}

int64_t hx_frame_n_rows(const hx_frame *f) { return f ? f->n_rows : 0; }
int64_t hx_frame_n_columns(const hx_frame *f) { return f ? f->n_columns : 0; }

static const hx_column *column_at(const hx_frame *f, int64_t col) {
  return f && col >= 0 && col < f->n_columns ? &f->columns[col] : NULL;
}

int64_t hx_frame_column_index(const hx_frame *f, const char *name) {
  if (!f || !name) return -1;
  for (int64_t c = 0; c < f->n_columns; c++)
    if (strcmp(f->columns[c].name, name) == 0) return c;
  return -1;
}

const char *hx_frame_column_name(const hx_frame *f, int64_t col) {
  const hx_column *c = column_at(f, col);
  return c ? c->name : NULL;
}

int hx_frame_column_dtype(const hx_frame *f, int64_t col) {
  const hx_column *c = column_at(f, col);
  return c ? c->dtype : 0;
}

const uint8_t *hx_frame_valid(const hx_frame *f, int64_t col) {
  const hx_column *c = column_at(f, col);
  return c ? hx_array_cdata(c->valid) : NULL;
}

static const void *values_of(const hx_frame *f, int64_t col, int dt) {
  const hx_column *c = column_at(f, col);
  return c && c->dtype == dt ? hx_array_cdata(c->data) : NULL;
}

const double *hx_frame_f64(const hx_frame *f, int64_t col) { return values_of(f, col, HX_DT_F64); }
const int64_t *hx_frame_s64(const hx_frame *f, int64_t col) { return values_of(f, col, HX_DT_S64); }
const uint8_t *hx_frame_bool(const hx_frame *f, int64_t col) { return values_of(f, col, HX_DT_BOOL); }
const int32_t *hx_frame_category_codes(const hx_frame *f, int64_t col) {
  return values_of(f, col, HX_DT_CATEGORY);
}

int64_t hx_frame_n_categories(const hx_frame *f, int64_t col) {
  const hx_column *c = column_at(f, col);
  return c && c->dtype == HX_DT_CATEGORY ? hx_array_len(c->dict) - 1 : 0;
}

const char *hx_frame_category(const hx_frame *f, int64_t col, int64_t code, int64_t *len) {
  const hx_column *c = column_at(f, col);
  if (!c || c->dtype != HX_DT_CATEGORY || code < 0 || code >= hx_array_len(c->dict) - 1) return NULL;
  const int64_t *off = hx_array_cdata(c->dict);
  if (len) *len = off[code + 1] - off[code];
  return (const char *)hx_array_cdata(c->bytes) + off[code];
}

const char *hx_frame_string(const hx_frame *f, int64_t col, int64_t row, int64_t *len) {
  const hx_column *c = column_at(f, col);
  if (!c || row < 0 || row >= f->n_rows) return NULL;
  if (!((const uint8_t *)hx_array_cdata(c->valid))[row]) return NULL;
  if (c->dtype == HX_DT_CATEGORY)
    return hx_frame_category(f, col, ((const int32_t *)hx_array_cdata(c->data))[row], len);
  if (c->dtype != HX_DT_STRING) return NULL;
  const int64_t *off = hx_array_cdata(c->data);
  if (len) *len = off[row + 1] - off[row];
  return (const char *)hx_array_cdata(c->bytes) + off[row];
}

static inline uint64_t load8(const uint8_t *p) {
  uint64_t w;
  memcpy(&w, p, 8);
  return w;
}

/* ---- UTF-8 --------------------------------------------------------------- */

/* The offset of the first byte of s that does not start a valid UTF-8
 * sequence (overlong forms, surrogates and code points past U+10FFFF are
 * invalid), or -1 when all of s is valid. ASCII runs go 8 bytes at a time. */
static int64_t utf8_invalid_at(const uint8_t *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    while (i + 8 <= n) {
      uint64_t w;
      memcpy(&w, s + i, 8);
      if (w & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    uint8_t c = s[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    size_t len;
    uint32_t cp, min;
    if ((c & 0xE0) == 0xC0) len = 2, cp = c & 0x1F, min = 0x80;
    else if ((c & 0xF0) == 0xE0) len = 3, cp = c & 0x0F, min = 0x800;
    else if ((c & 0xF8) == 0xF0) len = 4, cp = c & 0x07, min = 0x10000;
    else return (int64_t)i;
    if (i + len > n) return (int64_t)i;
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return (int64_t)i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return (int64_t)i;
    i += len;
  }
  return -1;
}

/* A short field of plain ASCII, the common case, told without a loop:
 * n <= 16 and 16 bytes readable at s (fields in the file are: HX_CSV_PAD
 * zero bytes follow it). false only means "ask utf8_invalid_at". */
static inline bool ascii_short(const uint8_t *s, size_t n) {
  if (n > 16) return false;
  uint64_t a = load8(s), b = load8(s + 8);
  uint64_t ma = n >= 8 ? ~0ull : (1ull << (8 * n)) - 1;
  uint64_t mb = n >= 16 ? ~0ull : n <= 8 ? 0 : (1ull << (8 * (n - 8))) - 1;
  return (((a & ma) | (b & mb)) & 0x8080808080808080ull) == 0;
}

int hx_frame_set_strings(hx_context *ctx, hx_frame *f, int64_t col, const char *const *values) {
  hx_column *c = (hx_column *)column_at(f, col);
  if (!c || (c->dtype != HX_DT_STRING && c->dtype != HX_DT_CATEGORY) || (f->n_rows > 0 && !values))
    return HX_ERR_ARGUMENT;
  int64_t n = f->n_rows, total = 0;
  for (int64_t i = 0; i < n; i++) {
    if (!values[i]) continue;
    size_t len = strlen(values[i]);
    if (utf8_invalid_at((const uint8_t *)values[i], len) >= 0) return HX_ERR_ARGUMENT;
    total += (int64_t)len;
  }
  uint8_t *valid = hx_array_data(c->valid);
  if (c->dtype == HX_DT_STRING) {
    hx_array *bytes = hxrt_bytes_new(ctx, total);
    if (!bytes) return HX_ERR_OUT_OF_MEMORY;
    int64_t *off = hx_array_data(c->data);
    char *b = hx_array_data(bytes);
    int64_t at = 0;
    for (int64_t i = 0; i < n; i++) {
      off[i] = at;
      valid[i] = values[i] != NULL;
      if (values[i]) {
        size_t len = strlen(values[i]);
        memcpy(b + at, values[i], len);
        at += (int64_t)len;
      }
    }
    off[n] = at;
    hx_array_free(ctx, c->bytes);
    c->bytes = bytes;
    return HX_OK;
  }
  /* Categories in order of first appearance; quadratic-free via a probe table. */
  int64_t cap = 16;
  while (cap < 2 * n + 2) cap *= 2;
  int32_t *slots = malloc((size_t)cap * sizeof(int32_t));
  int32_t *first = malloc((size_t)(n + 1) * sizeof(int32_t)); /* category -> a row that has it */
  hx_array *bytes = hxrt_bytes_new(ctx, total);
  if (!slots || !first || !bytes) {
    free(slots), free(first), hx_array_free(ctx, bytes);
    return HX_ERR_OUT_OF_MEMORY;
  }
  memset(slots, 0xff, (size_t)cap * sizeof(int32_t));
  int32_t *codes = hx_array_data(c->data);
  int32_t ncat = 0;
  for (int64_t i = 0; i < n; i++) {
    valid[i] = values[i] != NULL;
    if (!values[i]) {
      codes[i] = -1;
      continue;
    }
    uint64_t h = 1469598103934665603ull;
    for (const char *s = values[i]; *s; s++) h = (h ^ (uint8_t)*s) * 1099511628211ull;
    int64_t slot = (int64_t)(h & (uint64_t)(cap - 1));
    for (;;) {
      int32_t k = slots[slot];
      if (k < 0) {
        slots[slot] = ncat;
        first[ncat] = (int32_t)i;
        codes[i] = ncat++;
        break;
      }
      if (strcmp(values[first[k]], values[i]) == 0) {
        codes[i] = k;
        break;
      }
      slot = (slot + 1) & (cap - 1);
    }
  }
  hx_array *dict = hx_array_new(ctx, HX_KIND_I64, ncat + 1);
  if (!dict) {
    free(slots), free(first), hx_array_free(ctx, bytes);
    return HX_ERR_OUT_OF_MEMORY;
  }
  int64_t *off = hx_array_data(dict);
  char *b = hx_array_data(bytes);
  int64_t at = 0;
  for (int32_t k = 0; k < ncat; k++) {
    off[k] = at;
    size_t len = strlen(values[first[k]]);
    memcpy(b + at, values[first[k]], len);
    at += (int64_t)len;
  }
  off[ncat] = at;
  free(slots), free(first);
  hx_array_free(ctx, c->bytes);
  hx_array_free(ctx, c->dict);
  c->bytes = bytes;
  c->dict = dict;
  return HX_OK;
}

/* ---- numbers ------------------------------------------------------------- */

static const double pow10_exact[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                       1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static void make_c_locale(void) { c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0); }

static inline bool is_digit(uint8_t c) { return (unsigned)(c - '0') < 10; }

static bool ieq(const uint8_t *s, size_t n, const char *lit) {
  if (strlen(lit) != n) return false;
  for (size_t i = 0; i < n; i++) {
    uint8_t c = s[i];
    if (c >= 'A' && c <= 'Z') c += 32;
    if (c != (uint8_t)lit[i]) return false;
  }
  return true;
}

/* Clinger's fast path: m * 10^e is exact and correctly rounded when m fits
 * 53 bits and |e| <= 22 (one IEEE operation on two exact operands). That is
 * what strtod returns, bit for bit. */
static inline bool clinger(uint64_t m, int nsig, int64_t e, bool neg, double *out) {
  if (nsig > 19 || m > (1ull << 53) || e < -22 || e > 22) return false;
  double v = (double)m;
  v = e < 0 ? v / pow10_exact[-e] : v * pow10_exact[e];
  /* The sign without a branch: signs are as random as the data. */
  uint64_t bits;
  memcpy(&bits, &v, 8);
  bits ^= (uint64_t)neg << 63;
  memcpy(out, &bits, 8);
  return true;
}

static const uint64_t pow10_u64[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

/* The number of ASCII digits that start the 8 bytes at p (0..8), and their
 * value, without a loop: a byte is a digit when (b ^ '0') <= 9; the first
 * non-digit is found with one add (carries only move up, past it), the
 * digits are left-aligned with zeros and summed pairwise by multiplies
 * (the well-known SWAR eight-digit conversion). Reads 8 bytes: the
 * mapping has zero bytes after the file for that. */
static inline int digits8(const uint8_t *p, uint64_t *val) {
  uint64_t x = load8(p) ^ 0x3030303030303030ull;
  uint64_t bad = ((x + 0x7676767676767676ull) | x) & 0x8080808080808080ull;
  /* Branch-free: bad's bit 63 stands in for "all eight are digits", told
   * apart by bad == 0. */
  int n = (__builtin_ctzll(bad | (1ull << 63)) >> 3) + (bad == 0);
  if (n == 0) {
    *val = 0;
    return 0;
  }
  x <<= 8 * (8 - n);
  x = x * 10 + (x >> 8);
  x = (((x & 0x000000FF000000FFull) * 0x000F424000000064ull) +
       (((x >> 16) & 0x000000FF000000FFull) * 0x0000271000000001ull)) >> 32;
  *val = x;
  return n;
}

/* The commonest numbers in one go: the n bytes at s (1 <= n <= 16, the
 * field's text after its sign, whose end the row's window already found)
 * are digits[.digits] (the dot when dot_ok; "12." and ".5" too), at most
 * 16 digits. One compare finds the non-digits; one shuffle drops the dot
 * and right-aligns the digits; three multiply-adds make two 8-digit
 * halves. No loop, no branch on the digits, and nothing here feeds the
 * next field's start, so the fields of a row parse in parallel. Returns
 * false (not this shape: the callers' other paths decide) or sets *mant
 * and *nfrac (digits after the dot). 16 bytes must be readable at s (the
 * padding covers a field at the end). Needs SSSE3 and SSE4.1, so it is
 * built for the AVX2 parser. */
/* dec16's constants, made once per parse (numk_make) and kept in
 * registers: the compiler would otherwise build each broadcast again in
 * every field (three instructions each). */
#ifdef HX_CSV_X86
typedef struct numk {
  __m128i zero, ten; /* '0' and 10 in every byte */
} numk;
static inline __attribute__((always_inline)) numk numk_make(void) {
  numk k = {_mm_set1_epi8('0'), _mm_set1_epi8(10)};
  __asm__("" : "+x"(k.zero), "+x"(k.ten)); /* opaque: made here, not where used */
  return k;
}
#else
typedef struct numk {
  int unused;
} numk;
static inline numk numk_make(void) { return (numk){0}; }
#endif

#ifdef HX_CSV_X86
/* dec16's tables: dec16_iota + t holds i + t - 16 in byte i; dec16_past1
 * + 16 - m holds 1 in the bytes i >= m. */
static const int8_t dec16_iota[32] = {-16, -15, -14, -13, -12, -11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1,
                                      0,   1,   2,   3,   4,   5,   6,   7,  8,  9,  10, 11, 12, 13, 14, 15};
static const int8_t dec16_past1[32] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                       1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

__attribute__((target("avx2,bmi"))) static inline bool dec16_avx2(const uint8_t *s, size_t n, bool dot_ok,
                                                                   const numk *kk, uint64_t *mant, int *nfrac) {
  __m128i v = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)s), kk->zero);
  /* v >= 10 as unsigned bytes: not a digit; only the field's n bytes count. */
  unsigned nondig = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, kk->ten), v)) & ((1u << n) - 1);
  unsigned a = (unsigned)n, t = (unsigned)n; /* a: digits before the dot; t: digits */
  if (nondig) {
    /* One non-digit, a dot, and a digit beside it. */
    a = (unsigned)__builtin_ctz(nondig), t = (unsigned)n - 1;
    if (!dot_ok || (nondig & (nondig - 1)) || s[a] != '.' || t == 0) return false;
  }
  /* Output byte i takes digit k = i - (16 - t) (none when k < 0), which
   * lies at k, or k + 1 past the dot: k >= a, that is i >= m = a + 16 - t
   * (m = 16, no byte, without a dot). */
  __m128i k = _mm_loadu_si128((const __m128i *)(dec16_iota + t));
  __m128i src = _mm_add_epi8(k, _mm_loadu_si128((const __m128i *)(dec16_past1 + t - a)));
  __m128i d = _mm_shuffle_epi8(v, src);
  __m128i d2 = _mm_maddubs_epi16(d, _mm_setr_epi8(10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1));
  __m128i d4 = _mm_madd_epi16(d2, _mm_setr_epi16(100, 1, 100, 1, 100, 1, 100, 1));
  __m128i d8 = _mm_madd_epi16(_mm_packus_epi32(d4, d4), _mm_setr_epi16(10000, 1, 10000, 1, 10000, 1, 10000, 1));
  *mant = (uint64_t)(uint32_t)_mm_cvtsi128_si32(d8) * 100000000u + (uint32_t)_mm_extract_epi32(d8, 1);
  *nfrac = (int)(t - a);
  return true;
}
#endif

/* The hot path of f64 columns: [-]digits[.digits][(e|E)[+-]digits] with
 * at most 19 digits. Returns the end of the number, or NULL when the text
 * needs parse_f64 (anything else, or strtod). */
static inline __attribute__((always_inline)) const uint8_t *fast_f64(const uint8_t *p, double *out) {
  bool neg = *p == '-';
  p += neg;
  uint64_t m, v;
  int n = digits8(p, &m), nd = n;
  p += n;
  while (n == 8) {
    n = digits8(p, &v);
    if (nd + n > 19) return NULL;
    m = m * pow10_u64[n] + v, nd += n, p += n;
  }
  int64_t e = 0;
  if (*p == '.') {
    p++;
    do {
      n = digits8(p, &v);
      if (nd + n > 19) return NULL;
      m = m * pow10_u64[n] + v, nd += n, e -= n, p += n;
    } while (n == 8);
  }
  if (nd == 0) return NULL;
  if ((*p | 0x20) == 'e') {
    p++;
    bool eneg = *p == '-';
    p += (*p == '-' || *p == '+');
    if (!is_digit(*p)) return NULL;
    int64_t x = 0;
    for (int k = 0; is_digit(*p); k++, p++) {
      if (k > 6) return NULL;
      x = x * 10 + (*p - '0');
    }
    e += eneg ? -x : x;
  }
  return clinger(m, nd, e, neg, out) ? p : NULL;
}

/* A full f64 field: [+-](digits[.digits]|.digits)[(e|E)[+-]digits], or
 * inf/infinity/nan in any case, with an optional sign. Exact: Clinger's
 * path, else strtod_l in the C locale on a NUL-terminated copy. */
static bool parse_f64(const uint8_t *s, size_t n, double *out) {
  size_t i = 0;
  bool neg = false;
  if (n > 0 && (s[0] == '-' || s[0] == '+')) neg = s[0] == '-', i = 1;
  if (ieq(s + i, n - i, "inf") || ieq(s + i, n - i, "infinity")) {
    *out = neg ? -__builtin_inf() : __builtin_inf();
    return true;
  }
  if (ieq(s + i, n - i, "nan")) {
    *out = neg ? -__builtin_nan("") : __builtin_nan("");
    return true;
  }
  uint64_t m = 0;
  int nsig = 0, nd = 0;
  int64_t e = 0;
  /* Past 19 significant digits m would overflow; nsig > 19 sends the
   * text to strtod, so m's value no longer matters. */
  for (; i < n && is_digit(s[i]); i++, nd++) {
    if (nsig <= 19) m = m * 10 + (uint64_t)(s[i] - '0'), nsig += m != 0;
    else nsig++;
  }
  if (i < n && s[i] == '.') {
    for (i++; i < n && is_digit(s[i]); i++, nd++, e--) {
      if (nsig <= 19) m = m * 10 + (uint64_t)(s[i] - '0'), nsig += m != 0;
      else nsig++;
    }
  }
  if (nd == 0) return false;
  if (i < n && (s[i] | 0x20) == 'e') {
    i++;
    bool eneg = false;
    if (i < n && (s[i] == '-' || s[i] == '+')) eneg = s[i] == '-', i++;
    if (i >= n || !is_digit(s[i])) return false;
    int64_t x = 0;
    for (; i < n && is_digit(s[i]); i++)
      if (x < 100000000) x = x * 10 + (s[i] - '0');
    e += eneg ? -x : x;
  }
  if (i != n) return false;
  if (clinger(m, nsig, e, neg, out)) return true;
  pthread_once(&c_locale_once, make_c_locale);
  char stackbuf[128];
  char *buf = n < sizeof stackbuf ? stackbuf : malloc(n + 1);
  if (!buf) return false;
  memcpy(buf, s, n);
  buf[n] = 0;
  *out = c_locale ? strtod_l(buf, NULL, c_locale) : strtod(buf, NULL);
  if (buf != stackbuf) free(buf);
  return true;
}

/* [+-]digits in int64 range. */
static bool parse_s64(const uint8_t *s, size_t n, int64_t *out) {
  size_t i = 0;
  bool neg = false;
  if (n > 0 && (s[0] == '-' || s[0] == '+')) neg = s[0] == '-', i = 1;
  if (i >= n) return false;
  uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
  for (; i < n; i++) {
    if (!is_digit(s[i])) return false;
    uint64_t d = (uint64_t)(s[i] - '0');
    if (v > (lim - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = neg ? (int64_t)(0 - v) : (int64_t)v;
  return true;
}

/* The hot path of s64 columns: [-]digits, at most 18 of them (longer
 * ones go to parse_s64, which checks the range). */
static inline __attribute__((always_inline)) const uint8_t *fast_s64(const uint8_t *p, int64_t *out) {
  bool neg = *p == '-';
  p += neg;
  uint64_t m, v;
  int n = digits8(p, &m), nd = n;
  p += n;
  while (n == 8) {
    n = digits8(p, &v);
    if (nd + n > 18) return NULL;
    m = m * pow10_u64[n] + v, nd += n, p += n;
  }
  if (nd == 0) return NULL;
  *out = (int64_t)((m ^ (0 - (uint64_t)neg)) + neg); /* -m when neg, without a branch */
  return p;
}

static bool parse_bool(const uint8_t *s, size_t n, uint8_t *out) {
  if (ieq(s, n, "true")) return *out = 1, true;
  if (ieq(s, n, "false")) return *out = 0, true;
  return false;
}

/* Which of Polars' inference regexes s matches (no leading blanks):
 *   boolean  (?i)^(true|false)$
 *   integer  ^-?\d+$                      (out of int64 range: a float)
 *   float    ^[-+]?(\d*\.\d+([eE][-+]?\d+)?|inf|NaN|\d+[eE][-+]?\d+|\d+\.)$
 * anything else is a string. */
static int classify(const uint8_t *s, size_t n) {
  if (ieq(s, n, "true") || ieq(s, n, "false")) return C_BOOL;
  size_t i = 0;
  if (n > 0 && s[0] == '-') i = 1;
  size_t j = i;
  while (j < n && is_digit(s[j])) j++;
  if (j == n && j > i) {
    int64_t v;
    return parse_s64(s, n, &v) ? C_INT : C_FLOAT;
  }
  i = n > 0 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if ((n - i == 3 && memcmp(s + i, "inf", 3) == 0) || (n - i == 3 && memcmp(s + i, "NaN", 3) == 0)) return C_FLOAT;
  size_t d1 = 0, d2 = 0;
  while (i < n && is_digit(s[i])) i++, d1++;
  bool dot = i < n && s[i] == '.';
  if (dot) {
    i++;
    while (i < n && is_digit(s[i])) i++, d2++;
    if (d2 == 0) return d1 > 0 && i == n ? C_FLOAT : C_STR; /* "12." */
  } else if (d1 == 0) {
    return C_STR;
  }
  if (i == n) return dot ? C_FLOAT : C_STR; /* "+12" is not an integer to Polars */
  if ((s[i] | 0x20) != 'e') return C_STR;
  i++;
  if (i < n && (s[i] == '-' || s[i] == '+')) i++;
  size_t d3 = 0;
  while (i < n && is_digit(s[i])) i++, d3++;
  return d3 > 0 && i == n ? C_FLOAT : C_STR;
}

/* ---- the reader's state ------------------------------------------------- */

typedef struct nilv {
  const uint8_t *s;
  size_t n;
} nilv;

/* What every chunk reads by: the mapping and the per-field plan. */
typedef struct plan {
  const char *path;
  const uint8_t *base; /* the file; base[size] == 0 */
  const uint8_t *end;  /* base + size */
  uint8_t delim;
  int nfields;
  int8_t *fdt;         /* per field: HX_DT_*, DT_SKIP */
  int *fcol;           /* per field: output column, -1 when skipped */
  int ncols;
  int *cfield;         /* per output column: its field */
  int *cdt;            /* per output column: dtype */
  char **cname;        /* per output column: name (heap) */
  uint8_t *cinferred;  /* per output column: 1 when its dtype was inferred */
  int64_t sample_rows; /* rows the inference looked at */
  nilv *nil;
  int n_nil;
  uint8_t nil_first[256]; /* first bytes of the nil values */
  uint8_t special[256];   /* bytes that stop an unquoted field */
  uint8_t maybe_nil[256]; /* first bytes of a plain field that may be missing: nil_first, the delimiter, line ends */
  int simd;               /* the instruction set of nl_scan and parse_rows: SIMD_* */
} plan;

/* One column of one chunk. */
typedef struct colbuf {
  void *vals;          /* f64/s64: 8 bytes a row; bool: 1; string: int64 offsets (cap+1); category: int32 codes */
  uint8_t *valid;
  uint8_t *bytes;      /* strings, or the chunk's category texts */
  int64_t nbytes, bytes_cap;
  int64_t *dict;       /* category: offsets of the chunk's categories into bytes, ndict + 1 */
  int32_t ndict, dict_cap;
  int32_t *slots;      /* category: open-addressing table of codes, slot_cap (a power of 2) */
  int64_t slot_cap;
  int32_t *remap;      /* category: chunk code -> frame code */
  int64_t base;        /* string: where the chunk's bytes start in the frame's */
} colbuf;

typedef struct chunk {
  const uint8_t *start, *stop; /* rows that start in [start, stop) */
  const uint8_t *end;          /* where the last row ended: a row start */
  int64_t nrows, cap;
  colbuf *cols;
  uint8_t *scratch;            /* unescaped quoted fields */
  size_t scratch_cap;
  int64_t row_base;            /* first row's index in the batch */
  bool fixed;                  /* cols' vals/valid are slices of the frame's arrays (cap rows), not ours */
  bool overflow;               /* a fixed chunk met more rows than cap: its count was wrong */
  /* The first error: where, and what (without the location). */
  int err;                     /* HX_OK or an hx_error */
  const uint8_t *err_at;
  char err_msg[320];
} chunk;

struct hxrt_csv_reader {
  plan pl;
  void *map;          /* mmap'd region (map_len bytes), or NULL */
  size_t map_len;
  uint8_t *heap;      /* or the file read into memory */
  const uint8_t *pos; /* where the next batch starts: a row start */
  int64_t rows_left;
  int threads;
  int64_t chunk_bytes;
  double row_bytes;   /* average row length seen by inference */
  chunk *chunks;      /* the current batch's chunks (temporaries) */
  int nchunks;
  colbuf gdict;       /* a category column's frame-wide dictionary, being built */
  uint8_t *infer;     /* per field: C_* classes seen */
};

static void chunk_release(chunk *ck, int ncols) {
  if (ck->cols)
    for (int c = 0; c < ncols; c++) {
      colbuf *b = &ck->cols[c];
      if (!ck->fixed) free(b->vals), free(b->valid);
      free(b->bytes), free(b->dict), free(b->slots), free(b->remap);
    }
  free(ck->cols);
  free(ck->scratch);
  memset(ck, 0, sizeof *ck);
}

static void batch_release(hxrt_csv_reader *r) {
  for (int k = 0; k < r->nchunks; k++) chunk_release(&r->chunks[k], r->pl.ncols);
  free(r->chunks);
  r->chunks = NULL;
  r->nchunks = 0;
  free(r->gdict.bytes), free(r->gdict.dict), free(r->gdict.slots);
  memset(&r->gdict, 0, sizeof r->gdict);
}

void hx_csv_close(hxrt_csv_reader *r) {
  if (!r) return;
  batch_release(r);
  plan *pl = &r->pl;
  if (pl->cname)
    for (int c = 0; c < pl->ncols; c++) free(pl->cname[c]);
  free(pl->cname), free(pl->cinferred), free(pl->fdt), free(pl->fcol), free(pl->cfield), free(pl->cdt), free(pl->nil);
  free(r->infer);
  if (r->map) munmap(r->map, r->map_len);
  free(r->heap);
  free(r);
}

/* ---- errors -------------------------------------------------------------- */

/* Raises "path:LINE:COL: msg" for the byte at. LINE counts '\n' before it;
 * COL counts characters (UTF-8 lead bytes) from the line start, BOM aside. */
static void __attribute__((noreturn)) raise_at(hx_context *ctx, const plan *pl, const uint8_t *at, int code,
                                                 const char *msg) {
  if (at > pl->end) at = pl->end;
  int64_t line = 1;
  const uint8_t *ls = pl->base;
  for (const uint8_t *p = pl->base; p < at; p++) {
    p = memchr(p, '\n', (size_t)(at - p));
    if (!p) break;
    line++;
    ls = p + 1;
  }
  if (ls == pl->base && pl->end - pl->base >= 3 && memcmp(ls, "\xEF\xBB\xBF", 3) == 0 && at >= ls + 3) ls += 3;
  int64_t col = 1;
  for (const uint8_t *p = ls; p < at; p++) col += (*p & 0xC0) != 0x80;
  char text[512];
  snprintf(text, sizeof text, "%s:%" PRId64 ":%" PRId64 ": %s", pl->path, line, col, msg);
  hxrt_raise(ctx, code, text, NULL);
}

#define raisef(ctx, code, ...) hxrt_raisef((ctx), (code), NULL, __VA_ARGS__)

/* A value quoted for a message: at most 40 bytes, cut on a UTF-8 boundary. */
static void quote_value(char *out, size_t cap, const uint8_t *s, size_t n) {
  size_t k = n > 40 ? 40 : n;
  while (k < n && k > 0 && (s[k] & 0xC0) == 0x80) k--;
  snprintf(out, cap, "\"%.*s\"%s", (int)k, (const char *)s, k < n ? "..." : "");
}

static const uint8_t *chunk_fail(chunk *ck, const uint8_t *at, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static const uint8_t *chunk_fail(chunk *ck, const uint8_t *at, int code, const char *fmt, ...) {
  ck->err = code;
  ck->err_at = at;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(ck->err_msg, sizeof ck->err_msg, fmt, ap);
  va_end(ap);
  return NULL;
}

/* ---- scanning ------------------------------------------------------------ */

/* Is q at the end of a field: the delimiter, a line end ("\n", "\r\n", or a
 * last "\r"), or the end of the file? */
static inline bool at_term(const plan *pl, const uint8_t *q) {
  uint8_t c = *q;
  if (c == pl->delim || c == '\n') return true;
  if (c == 0) return q >= pl->end;
  if (c == '\r') return q[1] == '\n' || q + 1 >= pl->end;
  return false;
}

/* One field's text: s[0..n), quoted or not; esc when it held "" pairs. */
typedef struct fld {
  const uint8_t *s;
  size_t n;
  bool quoted, esc;
} fld;

/* The first byte at or after q that may end an unquoted field
 * (pl->special), 16 bytes at a time with SSE2 (every x86-64 has it). A
 * load may reach 15 bytes past that byte: a NUL stops the scan at the
 * file's end at the latest, and HX_CSV_PAD zero bytes follow it. */
static inline const uint8_t *skip_plain(const plan *pl, const uint8_t *q) {
#ifdef HX_CSV_X86
  const __m128i d = _mm_set1_epi8((char)pl->delim), nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  const __m128i qu = _mm_set1_epi8('"'), z = _mm_setzero_si128();
  for (;;) {
    __m128i v = _mm_loadu_si128((const __m128i *)q);
    __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, nl)),
                             _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, qu)),
                                          _mm_cmpeq_epi8(v, z)));
    unsigned bits = (unsigned)_mm_movemask_epi8(m);
    if (bits) return q + __builtin_ctz(bits);
    q += 16;
  }
#else
  while (!pl->special[*q]) q++;
  return q;
#endif
}

/* Reads the field at p into *f; returns its terminator's position, or NULL
 * after recording the error in ck. */
static inline const uint8_t *get_field(const plan *pl, chunk *ck, const uint8_t *p, fld *f) {
  if (*p != '"') {
    const uint8_t *q = p;
    for (;;) {
      q = skip_plain(pl, q);
      uint8_t c = *q;
      if (c == pl->delim || c == '\n') break;
      if (c == 0) {
        if (q >= pl->end) break;
        q++;
        continue;
      }
      if (c == '\r') {
        if (q[1] == '\n' || q + 1 >= pl->end) break;
        q++;
        continue;
      }
      return chunk_fail(ck, q, HX_ERR_ARGUMENT, "unexpected quote in an unquoted field (quote the whole field)");
    }
    f->s = p, f->n = (size_t)(q - p), f->quoted = false, f->esc = false;
    return q;
  }
  const uint8_t *q = p + 1;
  bool esc = false;
  for (;;) {
    const uint8_t *qq = memchr(q, '"', (size_t)(pl->end - q));
    if (!qq) return chunk_fail(ck, p, HX_ERR_ARGUMENT, "unterminated quoted field");
    if (qq + 1 < pl->end && qq[1] == '"') {
      esc = true;
      q = qq + 2;
      continue;
    }
    f->s = p + 1, f->n = (size_t)(qq - p - 1), f->quoted = true, f->esc = esc;
    q = qq + 1;
    if (!at_term(pl, q))
      return chunk_fail(ck, q, HX_ERR_ARGUMENT, "unexpected character after a closing quote");
    return q;
  }
}

/* Replaces the "" pairs of a quoted field by single quotes (in ck's scratch). */
static bool unescape(chunk *ck, fld *f) {
  if (!f->esc) return true;
  if (ck->scratch_cap < f->n) {
    size_t cap = f->n < 256 ? 256 : f->n * 2;
    uint8_t *s = realloc(ck->scratch, cap);
    if (!s) return false;
    ck->scratch = s, ck->scratch_cap = cap;
  }
  size_t k = 0;
  for (size_t i = 0; i < f->n; i++) {
    ck->scratch[k++] = f->s[i];
    if (f->s[i] == '"') i++; /* skip the pair's second quote */
  }
  f->s = ck->scratch, f->n = k, f->esc = false;
  return true;
}

/* Missing: an unquoted empty field, or one of the nil values (quoted or
 * not). A quoted empty field "" is an empty string, missing for numbers. */
static inline bool is_nil(const plan *pl, const fld *f) {
  if (f->n == 0) return !f->quoted;
  if (!pl->n_nil || !pl->nil_first[f->s[0]]) return false;
  for (int i = 0; i < pl->n_nil; i++)
    if (pl->nil[i].n == f->n && memcmp(pl->nil[i].s, f->s, f->n) == 0) return true;
  return false;
}

/* ---- chunk buffers ------------------------------------------------------- */

/* Big buffers are faulted in 2 MiB at a time where the kernel allows it
 * (transparent huge pages in "madvise" mode): page faults on fresh memory
 * are a fifth of the time of a parse otherwise. */
static void advise_huge(void *p, size_t n) {
#ifdef MADV_HUGEPAGE
  const uintptr_t huge = (uintptr_t)2 << 20;
  if (n < 2 * huge) return;
  uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1), e = ((uintptr_t)p + n) & ~(huge - 1);
  if (e > a) madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
  (void)p, (void)n;
#endif
}

static size_t val_size(int dt) {
  switch (dt) {
  case HX_DT_F64:
  case HX_DT_S64:
  case HX_DT_STRING: return 8;
  case HX_DT_CATEGORY: return 4;
  default: return 1;
  }
}

static bool chunk_reserve(const plan *pl, chunk *ck, int64_t need) {
  if (need <= ck->cap) return true;
  int64_t cap = ck->cap + ck->cap / 2 + 64;
  if (cap < need) cap = need;
  if (!ck->cols) {
    ck->cols = calloc((size_t)(pl->ncols ? pl->ncols : 1), sizeof(colbuf));
    if (!ck->cols) return false;
  }
  for (int c = 0; c < pl->ncols; c++) {
    colbuf *b = &ck->cols[c];
    int dt = pl->cdt[c];
    size_t extra = dt == HX_DT_STRING; /* offsets have one more */
    void *v = realloc(b->vals, ((size_t)cap + extra) * val_size(dt));
    if (!v) return false;
    b->vals = v;
    advise_huge(v, ((size_t)cap + extra) * val_size(dt));
    if (dt == HX_DT_STRING && ck->cap == 0) ((int64_t *)v)[0] = 0;
    uint8_t *va = realloc(b->valid, (size_t)cap);
    if (!va) return false;
    b->valid = va;
    advise_huge(va, (size_t)cap);
  }
  ck->cap = cap;
  return true;
}

static bool bytes_reserve(colbuf *b, size_t more) {
  if ((size_t)(b->bytes_cap - b->nbytes) >= more) return true;
  size_t cap = (size_t)b->bytes_cap * 2 + 1024;
  if (cap < (size_t)b->nbytes + more) cap = (size_t)b->nbytes + more;
  uint8_t *nb = realloc(b->bytes, cap);
  if (!nb) return false;
  b->bytes = nb, b->bytes_cap = (int64_t)cap;
  return true;
}

/* Short keys (categories) hashed a word at a time. Up to 8 bytes, one
 * load masked to n bytes: 8 bytes must be readable at s (dict_code's
 * contract); longer keys are read word by word, never past s + n. */
static inline uint64_t hash_bytes(const uint8_t *s, size_t n) {
  uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ull, w;
  if (n <= 8) {
    w = n == 8 ? load8(s) : load8(s) & ((1ull << (8 * n)) - 1);
    h = (h ^ w) * 0x94d049bb133111ebull;
    return h ^ (h >> 32);
  }
  size_t i = 0;
  for (; i + 8 <= n; i += 8) h = (h ^ load8(s + i)) * 0xbf58476d1ce4e5b9ull;
  if (i < n) {
    size_t t = n - i;
    if (n >= 8) {
      w = load8(s + n - 8);
    } else if (t >= 4) {
      uint32_t lo, hi;
      memcpy(&lo, s, 4), memcpy(&hi, s + n - 4, 4);
      w = lo | (uint64_t)hi << 32;
    } else {
      w = s[0] | (uint64_t)s[t / 2] << 8 | (uint64_t)s[t - 1] << 16;
    }
    h = (h ^ w) * 0x94d049bb133111ebull;
  }
  return h ^ (h >> 32);
}

/* Whether a[0..n) == b[0..n), n <= 8, with one load each: 8 bytes must be
 * readable at a and b (the file has its padding, dictionaries and the
 * scratch buffer have slack). */
static inline bool eq_short(const uint8_t *a, const uint8_t *b, size_t n) {
  uint64_t x = load8(a) ^ load8(b);
  return n == 0 || (x << (64 - 8 * n)) == 0;
}

/* The chunk-local code of category text s[0..n), added when new; -1 when
 * out of memory. s has 8 readable bytes (eq_short). */
static int32_t dict_code(colbuf *b, const uint8_t *s, size_t n) {
  if (2 * ((int64_t)b->ndict + 1) > b->slot_cap) {
    int64_t cap = b->slot_cap ? b->slot_cap * 2 : 64;
    int32_t *slots = malloc((size_t)cap * sizeof(int32_t));
    if (!slots) return -1;
    memset(slots, 0xff, (size_t)cap * sizeof(int32_t));
    for (int32_t k = 0; k < b->ndict; k++) {
      const uint8_t *t = b->bytes + b->dict[k];
      int64_t slot = (int64_t)(hash_bytes(t, (size_t)(b->dict[k + 1] - b->dict[k])) & (uint64_t)(cap - 1));
      while (slots[slot] >= 0) slot = (slot + 1) & (cap - 1);
      slots[slot] = k;
    }
    free(b->slots);
    b->slots = slots, b->slot_cap = cap;
  }
  int64_t slot = (int64_t)(hash_bytes(s, n) & (uint64_t)(b->slot_cap - 1));
  for (;;) {
    int32_t k = b->slots[slot];
    if (k < 0) break;
    if ((size_t)(b->dict[k + 1] - b->dict[k]) == n && (n <= 8 ? eq_short(b->bytes + b->dict[k], s, n)
                                                             : memcmp(b->bytes + b->dict[k], s, n) == 0))
      return k;
    slot = (slot + 1) & (b->slot_cap - 1);
  }
  if (b->ndict + 2 > b->dict_cap) {
    int32_t cap = b->dict_cap ? b->dict_cap * 2 : 64;
    int64_t *d = realloc(b->dict, (size_t)cap * sizeof(int64_t));
    if (!d) return -1;
    if (!b->dict) d[0] = 0;
    b->dict = d, b->dict_cap = cap;
  }
  if (!bytes_reserve(b, n + 8)) return -1; /* + 8: eq_short reads 8 bytes */
  memcpy(b->bytes + b->nbytes, s, n);
  b->nbytes += (int64_t)n;
  b->dict[b->ndict + 1] = b->nbytes;
  b->slots[slot] = b->ndict;
  return b->ndict++;
}

/* dict_code's common case inline: a text of at most 8 bytes found in its
 * first slot. -1: ask dict_code (new, a collision, longer, no table yet). */
static inline __attribute__((always_inline)) int32_t dict_hit(const colbuf *b, const uint8_t *s, size_t n) {
  if (n > 8 || !b->slot_cap) return -1;
  int32_t k = b->slots[hash_bytes(s, n) & (uint64_t)(b->slot_cap - 1)];
  if (k >= 0 && (size_t)(b->dict[k + 1] - b->dict[k]) == n && eq_short(b->bytes + b->dict[k], s, n)) return k;
  return -1;
}

/* ---- rows ---------------------------------------------------------------- */

static const uint8_t *bad_value(const plan *pl, chunk *ck, const uint8_t *at, const fld *f, int field,
                                const char *what) {
  char v[64];
  quote_value(v, sizeof v, f->s, f->n);
  int c = pl->fcol[field];
  const char *name = c >= 0 ? pl->cname[c] : "";
  if (c >= 0 && pl->cinferred[c])
    return chunk_fail(ck, at, HX_ERR_ARGUMENT,
                      "%s is not a valid %s (column \"%s\", dtype inferred from the first %" PRId64 " rows)", v,
                      what, name, pl->sample_rows);
  return chunk_fail(ck, at, HX_ERR_ARGUMENT, "%s is not a valid %s (column \"%s\")", v, what, name);
}

/* Too many fields: counts them (quotes respected) for the message. */
static const uint8_t *too_many(const plan *pl, chunk *ck, const uint8_t *q) {
  const uint8_t *extra = q + 1;
  int64_t n = pl->nfields;
  chunk probe = {0};
  while (q < pl->end && *q == pl->delim) {
    fld f;
    const uint8_t *nq = get_field(pl, &probe, q + 1, &f);
    n++;
    if (!nq) break;
    q = nq;
  }
  free(probe.scratch);
  return chunk_fail(ck, extra, HX_ERR_ARGUMENT, "expected %d fields, found %" PRId64 "%s", pl->nfields, n,
                    probe.err ? " or more" : "");
}

/* Bit i: byte p[i] may end an unquoted field (pl->special: the
 * delimiter, '\n', '\r', a quote, NUL), for the 64 bytes at p. p <= end,
 * and HX_CSV_PAD zero bytes follow the file, so the loads stay inside.
 * One version per instruction set; parse_rows has a copy built for each,
 * which inlines its own. */
static inline uint64_t special_mask64_scalar(const plan *pl, const uint8_t *p) {
  uint64_t m = 0;
  for (int i = 0; i < 64; i++) m |= (uint64_t)pl->special[p[i]] << i;
  return m;
}

#ifdef HX_CSV_X86
static inline uint64_t special_mask64_sse2(const plan *pl, const uint8_t *p) {
  const __m128i d = _mm_set1_epi8((char)pl->delim), nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
  const __m128i qu = _mm_set1_epi8('"'), z = _mm_setzero_si128();
  uint64_t m = 0;
  for (int i = 0; i < 4; i++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * i));
    __m128i x = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, d), _mm_cmpeq_epi8(v, nl)),
                             _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, qu)),
                                          _mm_cmpeq_epi8(v, z)));
    m |= (uint64_t)(uint16_t)_mm_movemask_epi8(x) << (16 * i);
  }
  return m;
}

__attribute__((target("avx2"))) static inline uint64_t special_mask64_avx2(const plan *pl, const uint8_t *p) {
  const __m256i d = _mm256_set1_epi8((char)pl->delim), nl = _mm256_set1_epi8('\n'), cr = _mm256_set1_epi8('\r');
  const __m256i qu = _mm256_set1_epi8('"'), z = _mm256_setzero_si256();
  uint64_t m = 0;
  for (int i = 0; i < 2; i++) {
    __m256i v = _mm256_loadu_si256((const __m256i *)(p + 32 * i));
    __m256i x = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, d), _mm256_cmpeq_epi8(v, nl)),
                                _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, cr), _mm256_cmpeq_epi8(v, qu)),
                                                _mm256_cmpeq_epi8(v, z)));
    m |= (uint64_t)(uint32_t)_mm256_movemask_epi8(x) << (32 * i);
  }
  return m;
}
#endif

static inline __attribute__((always_inline)) uint64_t special_mask64(const plan *pl, const uint8_t *p, int simd) {
#ifdef HX_CSV_X86
  if (simd >= SIMD_AVX2) return special_mask64_avx2(pl, p);
  if (simd == SIMD_SSE2) return special_mask64_sse2(pl, p);
#endif
  (void)simd;
  return special_mask64_scalar(pl, p);
}

/* The special bytes of the file from the parse's position p on, 64 bytes
 * at a time. A field's end is the lowest bit (a tzcnt), and stepping over
 * a delimiter clears that bit (blsr): the chain from one field's start to
 * the next is a cycle or two, and the fields' parsers, which do not feed
 * it, overlap. Invariant: rest holds the special bytes of [at, at + 64)
 * at or after p, and when it is 0 there is none in [p, at + 64). */
typedef struct window {
  const uint8_t *at;
  uint64_t mask; /* every special byte of [at, at + 64) */
  uint64_t rest; /* those at or after p */
} window;

/* Starts the window at p (p <= end: the padding covers the load). */
static inline __attribute__((always_inline)) void win_load(const plan *pl, window *w, const uint8_t *p,
                                                           int simd) {
  w->at = p;
  w->mask = w->rest = special_mask64(pl, p, simd);
}

/* Moves p to a later position (after a quoted field, a CR, a blank line). */
static inline __attribute__((always_inline)) void win_sync(const plan *pl, window *w, const uint8_t *p,
                                                           int simd) {
  size_t off = (size_t)(p - w->at);
  if (off < 64) w->rest = w->mask & (~0ull << off);
  else win_load(pl, w, p, simd);
}

/* The first special byte at or after p (there is one: the NUL at the end,
 * so at + 64 <= end whenever rest is 0 and the next load stays inside). */
static inline __attribute__((always_inline)) const uint8_t *win_next(const plan *pl, window *w, int simd) {
  while (!w->rest) {
    w->at += 64;
    w->mask = w->rest = special_mask64(pl, w->at, simd);
  }
  return w->at + __builtin_ctzll(w->rest);
}

/* p moves past the special byte win_next returned (or win_sync moved to). */
static inline __attribute__((always_inline)) void win_step(window *w) { w->rest &= w->rest - 1; }

/* Where one field of a row goes: its column's arrays, looked up once per
 * parse (and after each reallocation), not once per field. */
typedef struct fslot {
  void *vals;
  uint8_t *valid;
  colbuf *b;
  int dt;
  uint8_t term; /* what ends the field in a plain row: the delimiter, '\n' after the last */
} fslot;

static void fill_slots(const plan *pl, const int8_t *fdt, const chunk *ck, fslot *fs) {
  for (int f = 0; f < pl->nfields; f++) {
    int dt = fdt[f];
    colbuf *b = dt != DT_SKIP && dt != DT_INFER && ck->cols ? &ck->cols[pl->fcol[f]] : NULL;
    fs[f].dt = dt;
    fs[f].term = f + 1 < pl->nfields ? pl->delim : '\n';
    fs[f].b = b;
    fs[f].vals = b ? b->vals : NULL;
    fs[f].valid = b ? b->valid : NULL;
  }
}

/* A plain field's text [p, p + n) as a number of the common shapes:
 * [-]digits[.digits] of at most 16 digits in one go (dec16), else up to
 * 19 digits with an exponent (fast_f64 / fast_s64), ending exactly at the
 * field's end. false: anything else (parse_f64 / parse_s64 decide). */
static inline __attribute__((always_inline)) bool plain_f64(const uint8_t *p, size_t n, const numk *kk, double *out,
                                                            int simd) {
#ifdef HX_CSV_X86
  if (simd >= SIMD_AVX2) {
    const bool neg = *p == '-';
    const size_t k = n - neg;
    uint64_t m;
    int nfrac;
    if (k - 1 < 16 && dec16_avx2(p + neg, k, true, kk, &m, &nfrac) && m <= (1ull << 53)) {
      /* Clinger's fast path, its other conditions met by dec16's shape
       * (nfrac <= 15): exact. */
      static const double sign[2] = {1.0, -1.0}; /* a multiply, not a branch: exact */
      *out = (double)m / pow10_exact[nfrac] * sign[neg];
      return true;
    }
  }
#endif
  (void)simd, (void)kk;
  return fast_f64(p, out) == p + n;
}

static inline __attribute__((always_inline)) bool plain_s64(const uint8_t *p, size_t n, const numk *kk, int64_t *out,
                                                            int simd) {
#ifdef HX_CSV_X86
  if (simd >= SIMD_AVX2) {
    const bool neg = *p == '-';
    const size_t k = n - neg;
    uint64_t m;
    int nfrac;
    if (k - 1 < 16 && dec16_avx2(p + neg, k, false, kk, &m, &nfrac)) {
      *out = (int64_t)((m ^ (0 - (uint64_t)neg)) + neg); /* -m when neg, without a branch */
      return true;
    }
  }
#endif
  (void)simd, (void)kk;
  return fast_s64(p, out) == p + n;
}

/* Whether the plain field [p, p + n) is missing: empty, or a nil value.
 * One table lookup in the common case (pl->maybe_nil: an empty field
 * starts at its terminator). */
static inline __attribute__((always_inline)) bool plain_nil(const plan *pl, const uint8_t *p, size_t n) {
  if (!pl->maybe_nil[*p]) return false;
  if (n == 0) return true;
  fld fl = {p, n, false, false};
  return is_nil(pl, &fl);
}

/* The fast loop of parse_rows: whole rows of plain fields (each ends at a
 * delimiter, the last at "\n" or "\r\n") whose values take the common
 * paths: numbers of the shapes above, nil values, valid UTF-8 text,
 * booleans. Little state, most of it in registers. Stops at stop, at row
 * rmax, or before the first row it cannot finish, which the general loop
 * then parses from its start: *pp and *wp are left at that row's start,
 * and the text it appended to string columns is taken back. What it
 * wrote for the row's other fields the general loop writes again, and the
 * category texts it added are the ones the general loop adds first.
 * Returns the row count. */
static inline __attribute__((always_inline)) int64_t fast_rows(const plan *pl, const fslot *fs, window *wp,
                                                              const uint8_t **pp, int64_t r, int64_t rmax,
                                                              const uint8_t *stop, int simd) {
  const int nf = pl->nfields;
  const uint8_t *p = *pp;
  window w = *wp;
  const numk kk = numk_make();
  while (r < rmax && p < stop) {
    const uint8_t *const row = p;
    const window wrow = w;
    const fslot *sl = fs;
    for (; sl < fs + nf; sl++) {
      const uint8_t *q = win_next(pl, &w, simd);
      const uint8_t c = *q;
      /* A delimiter between fields, a line end after the last. */
      if (__builtin_expect(c != sl->term, 0) && !(sl->term == '\n' && c == '\r' && q[1] == '\n')) goto bail;
      const size_t n = (size_t)(q - p);
      const int dt = sl->dt;
      if (dt == HX_DT_F64) {
        double v = 0;
        bool ok = !plain_nil(pl, p, n);
        if (ok && !plain_f64(p, n, &kk, &v, simd)) goto bail;
        ((double *)sl->vals)[r] = v;
        sl->valid[r] = ok;
      } else if (dt == HX_DT_S64) {
        int64_t v = 0;
        bool ok = !plain_nil(pl, p, n);
        if (ok && !plain_s64(p, n, &kk, &v, simd)) goto bail;
        ((int64_t *)sl->vals)[r] = v;
        sl->valid[r] = ok;
      } else if (dt == HX_DT_CATEGORY) {
        int32_t code = -1;
        bool ok = !plain_nil(pl, p, n);
        if (ok && ((!ascii_short(p, n) && utf8_invalid_at(p, n) >= 0) ||
                   ((code = dict_hit(sl->b, p, n)) < 0 && (code = dict_code(sl->b, p, n)) < 0)))
          goto bail;
        ((int32_t *)sl->vals)[r] = code;
        sl->valid[r] = ok;
      } else if (dt == HX_DT_STRING) {
        colbuf *b = sl->b;
        bool ok = !plain_nil(pl, p, n);
        if (ok) {
          if ((!ascii_short(p, n) && utf8_invalid_at(p, n) >= 0) || !bytes_reserve(b, n)) goto bail;
          memcpy(b->bytes + b->nbytes, p, n);
          b->nbytes += (int64_t)n;
        }
        ((int64_t *)sl->vals)[r + 1] = b->nbytes;
        sl->valid[r] = ok;
      } else if (dt == HX_DT_BOOL) {
        uint8_t v = 0;
        bool ok = !plain_nil(pl, p, n);
        if (ok && !parse_bool(p, n, &v)) goto bail;
        ((uint8_t *)sl->vals)[r] = v;
        sl->valid[r] = ok;
      } else if (dt != DT_SKIP) {
        goto bail; /* DT_INFER: the general loop classifies */
      }
      p = q + 1;
      win_step(&w);
      if (__builtin_expect(c == '\r', 0)) { /* and the '\n' after it */
        win_next(pl, &w, simd);
        win_step(&w);
        p++;
      }
    }
    r++;
    continue;
  bail:
    /* Row r's text starts where row r - 1's ends (offset r); a chunk's
     * first row at 0 (a chunk's offsets count from its own text, and a
     * slice of the frame's offsets holds the chunk before's at 0). */
    for (const fslot *g = fs; g < sl; g++)
      if (g->dt == HX_DT_STRING) g->b->nbytes = r > 0 ? ((const int64_t *)g->vals)[r] : 0;
    p = row;
    w = wrow;
    break;
  }
  *pp = p;
  *wp = w;
  return r;
}

/* fast_rows built once per instruction set, on its own: a small function
 * keeps its state in registers, which the general loop around it would
 * take. */
#define FAST_ROWS_ARGS                                                                                        \
  const plan *pl, const fslot *fs, window *wp, const uint8_t **pp, int64_t r, int64_t rmax, const uint8_t *stop
static __attribute__((noinline)) int64_t fast_rows_scalar(FAST_ROWS_ARGS) {
  return fast_rows(pl, fs, wp, pp, r, rmax, stop, SIMD_SCALAR);
}
#ifdef HX_CSV_X86
static __attribute__((noinline)) int64_t fast_rows_sse2(FAST_ROWS_ARGS) {
  return fast_rows(pl, fs, wp, pp, r, rmax, stop, SIMD_SSE2);
}
__attribute__((target("avx2,bmi,bmi2,popcnt"), noinline)) static int64_t fast_rows_avx2(FAST_ROWS_ARGS) {
  return fast_rows(pl, fs, wp, pp, r, rmax, stop, SIMD_AVX2);
}
#endif

/* Parses the rows that start in [p, stop) (a row may end past stop), at
 * most max_rows of them, appending to ck. fdt gives each field's dtype
 * (DT_INFER: classify into infer[field] instead of storing). Returns false
 * on an error (recorded in ck). ck->end is where parsing stopped. A fixed
 * chunk (ck->fixed) never grows: a row past ck->cap sets ck->overflow and
 * stops there.
 *
 * Every field first finds its end through the window: a plain field (the
 * first special byte after it is a delimiter or a line end) is the text
 * before it, and numbers of the common shapes parse from that text with
 * its length known (dec16, else fast_f64/fast_s64); anything else (quotes,
 * a CR alone, a NUL, the end of the file) takes get_field, the general
 * path. A field that may be a nil value (pl->nil_first) is checked for
 * one before any number is parsed from it. */
static inline __attribute__((always_inline)) bool parse_rows_body(const plan *pl, const int8_t *fdt, chunk *ck,
                                                                   const uint8_t *p, const uint8_t *stop,
                                                                   int64_t max_rows, uint8_t *infer, int simd) {
  const int nf = pl->nfields;
  const uint8_t delim = pl->delim;
  const uint8_t *const end = pl->end;
  int64_t r = ck->nrows;
  ck->end = p;
  fslot stack_slots[32];
  fslot *fs = nf <= 32 ? stack_slots : malloc((size_t)nf * sizeof(fslot));
  if (!fs) {
    chunk_fail(ck, p, HX_ERR_OUT_OF_MEMORY, "out of memory");
    return false;
  }
  fill_slots(pl, fdt, ck, fs);
  window win;
  win_load(pl, &win, p, simd);
  const numk kk = numk_make();
  bool ok = false;
  while (p < stop && r < max_rows) {
    if (!infer) {
      const int64_t rmax = max_rows < ck->cap ? max_rows : ck->cap;
#ifdef HX_CSV_X86
      if (simd >= SIMD_AVX2) r = fast_rows_avx2(pl, fs, &win, &p, r, rmax, stop);
      else if (simd == SIMD_SSE2) r = fast_rows_sse2(pl, fs, &win, &p, r, rmax, stop);
      else
#endif
        r = fast_rows_scalar(pl, fs, &win, &p, r, rmax, stop);
      ck->nrows = r;
      ck->end = p;
      if (!(p < stop && r < max_rows)) break;
    }
    /* From here, one row (or blank line) the general way. A blank line is
     * no row when rows have several fields; with one field it is one
     * missing value (as the writer writes it). */
    if (nf > 1) {
      if (*p == '\n') {
        p++;
        win_sync(pl, &win, p, simd);
        continue;
      }
      if (*p == '\r' && (p[1] == '\n' || p + 1 >= end)) {
        p += 1 + (p[1] == '\n');
        win_sync(pl, &win, p, simd);
        continue;
      }
    }
    if (r >= ck->cap && !infer) {
      if (ck->fixed) {
        ck->overflow = true;
        break;
      }
      if (!chunk_reserve(pl, ck, r + 1)) {
        chunk_fail(ck, p, HX_ERR_OUT_OF_MEMORY, "out of memory");
        goto out;
      }
      fill_slots(pl, fdt, ck, fs);
    }
    for (int f = 0; f < nf; f++) {
      const fslot *sl = &fs[f];
      colbuf *b = sl->b;
      const uint8_t *q = win_next(pl, &win, simd);
      const uint8_t c = *q;
      const bool plain = c == delim || c == '\n' || (c == '\r' && q[1] == '\n');
      fld fl = {p, (size_t)(q - p), false, false};
      if (!plain) {
        if (!(q = get_field(pl, ck, p, &fl))) goto out;
        win_sync(pl, &win, q, simd);
      }
      /* From here, q is at the field's terminator and fl is its text. */
      switch (sl->dt) {
      case HX_DT_F64: {
        double v;
        if (plain && !pl->nil_first[*p] && plain_f64(p, fl.n, &kk, &v, simd)) {
          ((double *)sl->vals)[r] = v;
          sl->valid[r] = 1;
          break;
        }
        if (is_nil(pl, &fl) || fl.n == 0) {
          ((double *)sl->vals)[r] = 0;
          sl->valid[r] = 0;
          break;
        }
        if (!unescape(ck, &fl)) {
          chunk_fail(ck, p, HX_ERR_OUT_OF_MEMORY, "out of memory");
          goto out;
        }
        if (!parse_f64(fl.s, fl.n, &v)) {
          bad_value(pl, ck, p, &fl, f, "f64");
          goto out;
        }
        ((double *)sl->vals)[r] = v;
        sl->valid[r] = 1;
        break;
      }
      case HX_DT_S64: {
        int64_t v;
        if (plain && !pl->nil_first[*p] && plain_s64(p, fl.n, &kk, &v, simd)) {
          ((int64_t *)sl->vals)[r] = v;
          sl->valid[r] = 1;
          break;
        }
        if (is_nil(pl, &fl) || fl.n == 0) {
          ((int64_t *)sl->vals)[r] = 0;
          sl->valid[r] = 0;
          break;
        }
        if (!unescape(ck, &fl)) {
          chunk_fail(ck, p, HX_ERR_OUT_OF_MEMORY, "out of memory");
          goto out;
        }
        if (!parse_s64(fl.s, fl.n, &v)) {
          bad_value(pl, ck, p, &fl, f, "s64");
          goto out;
        }
        ((int64_t *)sl->vals)[r] = v;
        sl->valid[r] = 1;
        break;
      }
      case HX_DT_BOOL: {
        uint8_t v = 0;
        if (is_nil(pl, &fl) || fl.n == 0) {
          ((uint8_t *)sl->vals)[r] = 0;
          sl->valid[r] = 0;
          break;
        }
        if (!unescape(ck, &fl)) {
          chunk_fail(ck, p, HX_ERR_OUT_OF_MEMORY, "out of memory");
          goto out;
        }
        if (!parse_bool(fl.s, fl.n, &v)) {
          bad_value(pl, ck, p, &fl, f, "boolean");
          goto out;
        }
        ((uint8_t *)sl->vals)[r] = v;
        sl->valid[r] = 1;
        break;
      }
      case HX_DT_STRING:
      case HX_DT_CATEGORY: {
        bool missing = is_nil(pl, &fl);
        if (!missing) {
          int64_t bad = ascii_short(fl.s, fl.n) ? -1 : utf8_invalid_at(fl.s, fl.n);
          if (bad >= 0) {
            chunk_fail(ck, fl.s + bad, HX_ERR_ARGUMENT, "invalid UTF-8");
            goto out;
          }
          if (!unescape(ck, &fl)) {
            chunk_fail(ck, p, HX_ERR_OUT_OF_MEMORY, "out of memory");
            goto out;
          }
        }
        sl->valid[r] = !missing;
        if (sl->dt == HX_DT_STRING) {
          if (!missing) {
            if (!bytes_reserve(b, fl.n)) {
              chunk_fail(ck, p, HX_ERR_OUT_OF_MEMORY, "out of memory");
              goto out;
            }
            memcpy(b->bytes + b->nbytes, fl.s, fl.n);
            b->nbytes += (int64_t)fl.n;
          }
          ((int64_t *)sl->vals)[r + 1] = b->nbytes;
        } else {
          int32_t code = -1;
          if (!missing && (code = dict_code(b, fl.s, fl.n)) < 0) {
            chunk_fail(ck, p, HX_ERR_OUT_OF_MEMORY, "out of memory");
            goto out;
          }
          ((int32_t *)sl->vals)[r] = code;
        }
        break;
      }
      case DT_INFER: {
        if (is_nil(pl, &fl) || fl.n == 0) break;
        if (!unescape(ck, &fl)) {
          chunk_fail(ck, p, HX_ERR_OUT_OF_MEMORY, "out of memory");
          goto out;
        }
        infer[f] |= (uint8_t)classify(fl.s, fl.n);
        break;
      }
      default: /* DT_SKIP */
        break;
      }
      /* q is at the field's terminator, the window's lowest bit. */
      if (f + 1 < nf) {
        if (*q == delim) { /* never at end, where a NUL lies */
          p = q + 1;
          win_step(&win);
          continue;
        }
        chunk_fail(ck, q, HX_ERR_ARGUMENT, "expected %d fields, found %d", nf, f + 1);
        goto out;
      }
      if (q >= end) {
        p = q;
      } else if (*q == '\n') {
        p = q + 1;
        win_step(&win);
      } else if (*q == '\r') {
        p = q + 1 + (q[1] == '\n');
        win_sync(pl, &win, p, simd);
      } else {
        too_many(pl, ck, q);
        goto out;
      }
    }
    r++;
    ck->nrows = r;
    ck->end = p;
  }
  ck->end = p;
  ok = true;
out:
  if (fs != stack_slots) free(fs);
  return ok;
}

/* parse_rows built once per instruction set: the body inlines that set's
 * special_mask64 and dec16, and the compiler may use the set's scalar
 * instructions too (tzcnt, say). There is no AVX-512 build: one measured
 * 10-25% slower than the AVX2 build on an AVX-512 Xeon (its 512-bit
 * compares cost more than they save in a loop that mostly parses
 * numbers), so AVX-512 CPUs parse with the AVX2 build and count rows
 * (nl_scan) with AVX-512. */
#define PARSE_ROWS_ARGS                                                                                  \
  const plan *pl, const int8_t *fdt, chunk *ck, const uint8_t *p, const uint8_t *stop, int64_t max_rows, \
      uint8_t *infer
static bool parse_rows_scalar(PARSE_ROWS_ARGS) {
  return parse_rows_body(pl, fdt, ck, p, stop, max_rows, infer, SIMD_SCALAR);
}
#ifdef HX_CSV_X86
static bool parse_rows_sse2(PARSE_ROWS_ARGS) {
  return parse_rows_body(pl, fdt, ck, p, stop, max_rows, infer, SIMD_SSE2);
}
__attribute__((target("avx2,bmi,bmi2,popcnt"))) static bool parse_rows_avx2(PARSE_ROWS_ARGS) {
  return parse_rows_body(pl, fdt, ck, p, stop, max_rows, infer, SIMD_AVX2);
}
#endif

static bool parse_rows(PARSE_ROWS_ARGS) {
  switch (pl->simd) {
#ifdef HX_CSV_X86
  case SIMD_AVX512:
  case SIMD_AVX2: return parse_rows_avx2(pl, fdt, ck, p, stop, max_rows, infer);
  case SIMD_SSE2: return parse_rows_sse2(pl, fdt, ck, p, stop, max_rows, infer);
#endif
  default: return parse_rows_scalar(pl, fdt, ck, p, stop, max_rows, infer);
  }
}

/* ---- the first pass: newlines and quotes ---------------------------------- */

/* A chunk's rows are counted before it is parsed, so that it can be parsed
 * straight into its slice of the frame's arrays. In a well-formed file a
 * '\n' ends a row exactly when it lies outside quotes, and a byte lies
 * inside quotes exactly when an odd number of quotes precede it (doubled
 * quotes flip twice; a quote outside a quoted field is an error). The
 * scan of a chunk does not know whether the chunk starts inside quotes,
 * so it counts for a start outside; a start inside flips every byte. */
typedef struct nlscan {
  int64_t nl_out;          /* '\n' outside quotes, for a start outside */
  int64_t nl_all;          /* all '\n' */
  uint64_t parity;         /* number of quotes, mod 2 */
  const uint8_t *first_in; /* the first '\n' inside quotes (for a start outside), or NULL */
} nlscan;

static const char *const simd_names[] = {"scalar", "sse2", "avx2", "avx512"};

/* Bit i set: byte i lies inside quotes (the opening quote counts inside,
 * the closing one outside: neither is a '\n'). *inq is all ones when the
 * block starts inside. */
static inline __attribute__((always_inline)) void nl_block(nlscan *s, uint64_t *inq, uint64_t quotes,
                                                            uint64_t nls, const uint8_t *at) {
  uint64_t in = *inq; /* no quote in the block: as it starts */
  if (quotes) {
    uint64_t x = quotes;
    x ^= x << 1, x ^= x << 2, x ^= x << 4, x ^= x << 8, x ^= x << 16, x ^= x << 32;
    in ^= x;
  }
  *inq = (uint64_t)((int64_t)in >> 63);
  s->nl_all += __builtin_popcountll(nls);
  s->nl_out += __builtin_popcountll(nls & ~in);
  if (!s->first_in && (nls & in)) s->first_in = at + __builtin_ctzll(nls & in);
}

static inline __attribute__((always_inline)) void nl_masks_scalar(const uint8_t *p, uint64_t *q, uint64_t *n) {
  uint64_t qq = 0, nn = 0;
  for (int i = 0; i < 64; i++) qq |= (uint64_t)(p[i] == '"') << i, nn |= (uint64_t)(p[i] == '\n') << i;
  *q = qq, *n = nn;
}

/* One scanner per instruction set; the body is the same. The last partial
 * block is copied into a zeroed one (a NUL is neither a quote nor a '\n'). */
#define NL_SCAN_BODY(MASKS)                                                   \
  memset(out, 0, sizeof *out);                                                \
  uint64_t inq = 0, q, n;                                                     \
  for (; e - s >= 64; s += 64) {                                              \
    MASKS(s, &q, &n);                                                         \
    nl_block(out, &inq, q, n, s);                                             \
  }                                                                           \
  if (s < e) {                                                                \
    uint8_t last[64] __attribute__((aligned(64)));                            \
    memset(last, 0, sizeof last);                                             \
    memcpy(last, s, (size_t)(e - s));                                         \
    MASKS(last, &q, &n);                                                      \
    nl_block(out, &inq, q, n, s);                                             \
  }                                                                           \
  out->parity = inq & 1;

static void nl_scan_scalar(const uint8_t *s, const uint8_t *e, nlscan *out) { NL_SCAN_BODY(nl_masks_scalar) }

#ifdef HX_CSV_X86
static inline __attribute__((always_inline)) void nl_masks_sse2(const uint8_t *p, uint64_t *q, uint64_t *n) {
  const __m128i vq = _mm_set1_epi8('"'), vn = _mm_set1_epi8('\n');
  uint64_t qq = 0, nn = 0;
  for (int i = 0; i < 4; i++) {
    __m128i v = _mm_loadu_si128((const __m128i *)(p + 16 * i));
    qq |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vq)) << (16 * i);
    nn |= (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vn)) << (16 * i);
  }
  *q = qq, *n = nn;
}
static void nl_scan_sse2(const uint8_t *s, const uint8_t *e, nlscan *out) { NL_SCAN_BODY(nl_masks_sse2) }

__attribute__((target("avx2,popcnt,bmi"))) static inline void nl_masks_avx2(const uint8_t *p, uint64_t *q,
                                                                             uint64_t *n) {
  const __m256i vq = _mm256_set1_epi8('"'), vn = _mm256_set1_epi8('\n');
  __m256i a = _mm256_loadu_si256((const __m256i *)p), b = _mm256_loadu_si256((const __m256i *)(p + 32));
  *q = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, vq)) |
       (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, vq)) << 32;
  *n = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, vn)) |
       (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, vn)) << 32;
}
__attribute__((target("avx2,popcnt,bmi"))) static void nl_scan_avx2(const uint8_t *s, const uint8_t *e,
                                                                     nlscan *out) {
  NL_SCAN_BODY(nl_masks_avx2)
}

__attribute__((target("avx512f,avx512bw,popcnt,bmi"))) static inline void nl_masks_avx512(const uint8_t *p,
                                                                                         uint64_t *q, uint64_t *n) {
  __m512i v = _mm512_loadu_si512((const void *)p);
  *q = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"'));
  *n = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'));
}
__attribute__((target("avx512f,avx512bw,popcnt,bmi"))) static void nl_scan_avx512(const uint8_t *s,
                                                                                   const uint8_t *e, nlscan *out) {
  NL_SCAN_BODY(nl_masks_avx512)
}
#endif

/* The best scanner this CPU runs, or the one HX_CSV_SIMD names
 * (scalar|sse2|avx2|avx512, for tests and measurements; never above what
 * the CPU has). */
static int simd_level(void) {
  int best = SIMD_SCALAR;
#ifdef HX_CSV_X86
  __builtin_cpu_init();
  best = SIMD_SSE2;
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi") &&
      __builtin_cpu_supports("bmi2"))
    best = SIMD_AVX2;
  if (best == SIMD_AVX2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw"))
    best = SIMD_AVX512;
#endif
  const char *want = getenv("HX_CSV_SIMD");
  if (want)
    for (int l = SIMD_SCALAR; l < best; l++)
      if (strcmp(want, simd_names[l]) == 0) return l;
  return best;
}

static void nl_scan(int simd, const uint8_t *s, const uint8_t *e, nlscan *out) {
  switch (simd) {
#ifdef HX_CSV_X86
  case SIMD_AVX512: nl_scan_avx512(s, e, out); return;
  case SIMD_AVX2: nl_scan_avx2(s, e, out); return;
  case SIMD_SSE2: nl_scan_sse2(s, e, out); return;
#endif
  default: nl_scan_scalar(s, e, out); return;
  }
}

/* ---- opening: mapping, header, plan, inference --------------------------- */

/* Reads all of fd into the heap (r->heap), then HX_CSV_PAD zero bytes;
 * closes fd. zlib's gzread inflates a gzip-compressed file (its first
 * bytes are 1f 8b: `digits.csv.gz`) and passes anything else through as it
 * is: a pipe, or a file mmap refused. cap: the first buffer size. */
static void read_to_heap(hx_context *ctx, hxrt_csv_reader *r, const char *path, int fd, size_t cap) {
  gzFile g = gzdopen(fd, "rb"); /* owns fd from here */
  if (!g) {
    close(fd);
    raisef(ctx, HX_ERR_OUT_OF_MEMORY, "%s: out of memory", path);
  }
  enum { kStep = 1 << 16 };
  size_t n = 0;
  uint8_t *buf = malloc(cap);
  for (;;) {
    if (!buf) {
      gzclose(g);
      raisef(ctx, HX_ERR_OUT_OF_MEMORY, "%s: out of memory", path);
    }
    r->heap = buf;
    if (n + HX_CSV_PAD + kStep >= cap) {
      cap *= 2;
      buf = realloc(buf, cap);
      if (buf) r->heap = buf;
      continue;
    }
    int got = gzread(g, buf + n, kStep);
    if (got < 0) {
      int e;
      const char *what = gzerror(g, &e);
      char msg[256];
      snprintf(msg, sizeof msg, "%s", e == Z_ERRNO ? strerror(errno) : what ? what : "read error");
      gzclose(g);
      raisef(ctx, HX_ERR_ARGUMENT, "%s: cannot read: %s", path, msg);
    }
    if (got == 0) break;
    n += (size_t)got;
  }
  gzclose(g);
  memset(buf + n, 0, HX_CSV_PAD);
  r->pl.base = buf, r->pl.end = buf + n;
}

static void map_file(hx_context *ctx, hxrt_csv_reader *r, const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) raisef(ctx, HX_ERR_ARGUMENT, "%s: cannot open: %s", path, strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    raisef(ctx, HX_ERR_ARGUMENT, "%s: cannot read: %s", path, strerror(e));
  }
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    raisef(ctx, HX_ERR_ARGUMENT, "%s: is a directory", path);
  }
  size_t size = (size_t)st.st_size;
  unsigned char magic[2];
  if (S_ISREG(st.st_mode) && pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
    read_to_heap(ctx, r, path, fd, (size_t)1 << 20);
    return;
  }
  if (S_ISREG(st.st_mode)) {
    /* The file, then zero pages: base[size .. size + HX_CSV_PAD) reads as
     * zeros (the kernel zero-fills the file's last page past its end). */
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    size_t len = (size + HX_CSV_PAD + pg - 1) / pg * pg;
    void *region = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region != MAP_FAILED &&
        (size == 0 || mmap(region, size, PROT_READ, MAP_PRIVATE | MAP_FIXED, fd, 0) != MAP_FAILED)) {
      close(fd);
      r->map = region, r->map_len = len;
      r->pl.base = region, r->pl.end = (const uint8_t *)region + size;
      return;
    }
    if (region != MAP_FAILED) munmap(region, len);
  }
  /* A pipe, or mmap refused: read it all. */
  read_to_heap(ctx, r, path, fd, size + HX_CSV_PAD + (1 << 17));
}

static int thread_count(int requested) {
  if (requested > 0) return requested;
  const char *s = getenv("HX_NUM_THREADS");
  int n = s ? atoi(s) : 0;
  return n > 0 ? n : omp_get_max_threads();
}

/* Skips blank lines before the header / first row. */
static const uint8_t *skip_blank(const plan *pl, const uint8_t *p) {
  for (;;) {
    if (p < pl->end && *p == '\n') p++;
    else if (p < pl->end && *p == '\r' && (p[1] == '\n' || p + 1 >= pl->end)) p += 1 + (p[1] == '\n');
    else return p;
  }
}

/* Reads the first row as text fields. Returns its end; fills names (heap
 * strings, or NULL when !keep) and the count. */
static const uint8_t *first_row(hx_context *ctx, hxrt_csv_reader *r, const uint8_t *p, char ***names, int *count,
                                bool keep) {
  plan *pl = &r->pl;
  chunk ck = {0};
  int n = 0, cap = 0;
  char **v = NULL;
  for (;;) {
    fld f;
    const uint8_t *q = get_field(pl, &ck, p, &f);
    const char *err = NULL;
    const uint8_t *err_at = ck.err_at;
    int64_t bad = q ? utf8_invalid_at(f.s, f.n) : -1;
    if (bad >= 0) err = "invalid UTF-8", err_at = f.s + bad;
    if (q && !err && !unescape(&ck, &f)) err = "out of memory", err_at = p;
    if (q && !err && n == cap) {
      cap = cap ? cap * 2 : 16;
      char **nv = realloc(v, (size_t)cap * sizeof *v);
      if (!nv) err = "out of memory", err_at = p;
      else v = nv;
    }
    char *name = NULL;
    if (q && !err && keep && !(name = strndup((const char *)f.s, f.n))) err = "out of memory", err_at = p;
    if (!q || err) {
      char msg[320];
      snprintf(msg, sizeof msg, "%s", q ? err : ck.err_msg);
      for (int i = 0; i < n; i++) free(v[i]);
      free(v), free(ck.scratch);
      raise_at(ctx, pl, err_at, HX_ERR_ARGUMENT, msg);
    }
    v[n++] = name;
    if (q < pl->end && *q == pl->delim) {
      p = q + 1;
      continue;
    }
    p = q >= pl->end ? q : q + 1 + (*q == '\r' && q[1] == '\n');
    break;
  }
  free(ck.scratch);
  *names = v;
  *count = n;
  return p;
}

static void open_body(hx_context *ctx, void **args, void *ret) {
  (void)ret;
  hxrt_csv_reader *r = args[0];
  const char *path = args[1];
  hxrt_csv_options o;
  if (args[2]) o = *(const hxrt_csv_options *)args[2];
  else hxrt_csv_options_init(&o);
  plan *pl = &r->pl;
  pl->path = path;

  uint8_t d = (uint8_t)(o.delimiter ? o.delimiter : ',');
  if (d == '"' || d == '\n' || d == '\r')
    raisef(ctx, HX_ERR_ARGUMENT, "%s: the delimiter cannot be a quote or a line end", path);
  if (o.n_columns > 0 && o.n_column_indices > 0)
    raisef(ctx, HX_ERR_ARGUMENT, "%s: columns: give names or indices, not both", path);
  for (int64_t i = 0; i < o.n_dtypes; i++)
    if (!dtype_ok(o.dtypes[i].dtype))
      raisef(ctx, HX_ERR_ARGUMENT, "%s: dtypes: invalid dtype %d", path, o.dtypes[i].dtype);
  pl->delim = d;
  memset(pl->special, 0, sizeof pl->special);
  pl->special[d] = pl->special['\n'] = pl->special['\r'] = pl->special['"'] = pl->special[0] = 1;
  memset(pl->maybe_nil, 0, sizeof pl->maybe_nil);
  pl->maybe_nil[d] = pl->maybe_nil['\n'] = pl->maybe_nil['\r'] = 1; /* an empty field */
  if (o.n_nil_values > 0) {
    pl->nil = calloc((size_t)o.n_nil_values, sizeof(nilv));
    if (!pl->nil) raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
    for (int64_t i = 0; i < o.n_nil_values; i++) {
      if (!o.nil_values[i]) continue;
      nilv v = {(const uint8_t *)o.nil_values[i], strlen(o.nil_values[i])};
      if (v.n == 0) continue; /* empty fields are missing anyway */
      pl->nil[pl->n_nil++] = v;
      pl->nil_first[v.s[0]] = pl->maybe_nil[v.s[0]] = 1;
    }
  }
  r->threads = thread_count(o.threads);
  pl->simd = simd_level();
  r->chunk_bytes = o.chunk_bytes;
  r->rows_left = o.max_rows < 0 ? INT64_MAX : o.max_rows;

  map_file(ctx, r, path);
  const uint8_t *p = pl->base;
  if (pl->end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
  p = skip_blank(pl, p);

  /* Field names: the header's, deduplicated as Polars does (a repeated
   * name gets "_duplicated_K"), or column_1 .. column_N. */
  char **names = NULL;
  int nf = 0;
  if (p < pl->end) {
    const uint8_t *after = first_row(ctx, r, p, &names, &nf, o.header);
    if (o.header) p = after;
  }
  /* names belongs to this frame until it moves into the plan. */
  pl->nfields = nf;
  pl->fdt = calloc((size_t)nf + 1, 1);
  pl->fcol = malloc(((size_t)nf + 1) * sizeof(int));
  r->infer = calloc((size_t)nf + 1, 1);
  char **fname = calloc((size_t)nf + 1, sizeof(char *));
  if (!pl->fdt || !pl->fcol || !r->infer || !fname) {
    if (names)
      for (int i = 0; i < nf; i++) free(names[i]);
    free(names), free(fname);
    raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
  }
  for (int i = 0; i < nf; i++) {
    char gen[32];
    if (!o.header) snprintf(gen, sizeof gen, "column_%d", i + 1);
    fname[i] = o.header ? names[i] : strdup(gen);
  }
  free(names);
  bool oom = false;
  for (int i = 0; i < nf; i++) oom |= !fname[i];
  for (int i = 0; i < nf && !oom; i++) {
    int dup = 0;
    for (int j = 0; j < i; j++)
      if (strcmp(fname[i], fname[j]) == 0) dup = 1;
    for (int k = 0; dup; k++) {
      char buf[64];
      size_t len = strlen(fname[i]) + sizeof buf;
      char *nn = malloc(len);
      if (!nn) {
        oom = true;
        break;
      }
      snprintf(nn, len, "%s_duplicated_%d", fname[i], k);
      dup = 0;
      for (int j = 0; j < nf; j++)
        if (j != i && strcmp(nn, fname[j]) == 0) dup = 1;
      if (!dup) free(fname[i]), fname[i] = nn;
      else free(nn);
    }
  }

  /* The kept columns, in the order asked for. */
  int ncols = 0;
  pl->cfield = malloc(((size_t)nf + 1) * sizeof(int));
  pl->cdt = calloc((size_t)nf + 1, sizeof(int));
  pl->cname = calloc((size_t)nf + 1, sizeof(char *));
  const char *err = oom || !pl->cfield || !pl->cdt || !pl->cname ? "out of memory" : NULL;
  char msg[400];
  for (int i = 0; i < nf; i++) pl->fcol[i] = -1;
  if (!err && o.n_columns > 0) {
    for (int64_t i = 0; i < o.n_columns && !err; i++) {
      int f = -1;
      for (int j = 0; j < nf && o.columns[i]; j++)
        if (strcmp(o.columns[i], fname[j]) == 0) f = j;
      if (f < 0) snprintf(msg, sizeof msg, "%s: columns: no column named \"%s\"", path,
                          o.columns[i] ? o.columns[i] : "(null)"), err = msg;
      else if (pl->fcol[f] >= 0) snprintf(msg, sizeof msg, "%s: columns: \"%s\" given twice", path, fname[f]), err = msg;
      else pl->cfield[ncols] = f, pl->fcol[f] = ncols++;
    }
  } else if (!err && o.n_column_indices > 0) {
    for (int64_t i = 0; i < o.n_column_indices && !err; i++) {
      int64_t f = o.column_indices[i];
      if (f < 0 || f >= nf) snprintf(msg, sizeof msg, "%s: columns: no column at index %" PRId64 " (the file has %d)",
                                     path, f, nf), err = msg;
      else if (pl->fcol[f] >= 0) snprintf(msg, sizeof msg, "%s: columns: index %" PRId64 " given twice", path, f), err = msg;
      else pl->cfield[ncols] = (int)f, pl->fcol[f] = ncols++;
    }
  } else if (!err) {
    for (int f = 0; f < nf; f++) pl->cfield[ncols] = f, pl->fcol[f] = ncols++;
  }
  pl->ncols = ncols;
  /* Forced dtypes; the rest are inferred. */
  for (int c = 0; c < ncols && !err; c++) pl->fdt[pl->cfield[c]] = DT_INFER;
  for (int64_t i = 0; i < o.n_dtypes && !err; i++) {
    const hxrt_csv_dtype *dt = &o.dtypes[i];
    int f = -1;
    if (dt->name) {
      for (int j = 0; j < nf; j++)
        if (strcmp(dt->name, fname[j]) == 0) f = j;
      if (f < 0) snprintf(msg, sizeof msg, "%s: dtypes: no column named \"%s\"", path, dt->name), err = msg;
    } else if (dt->index < 0 || dt->index >= nf) {
      snprintf(msg, sizeof msg, "%s: dtypes: no column at index %" PRId64 " (the file has %d)", path, dt->index, nf);
      err = msg;
    } else {
      f = (int)dt->index;
    }
    if (f >= 0 && pl->fcol[f] >= 0) pl->fdt[f] = (int8_t)dt->dtype;
  }
  for (int f = 0; f < nf; f++) {
    int c = pl->fcol[f];
    if (c >= 0) pl->cname[c] = fname[f], fname[f] = NULL;
    free(fname[f]);
  }
  free(fname);
  if (err) raisef(ctx, strcmp(err, "out of memory") ? HX_ERR_ARGUMENT : HX_ERR_OUT_OF_MEMORY, "%s", err);

  /* Inference over the first infer_schema_length rows (all when <= 0),
   * sequential: the same rows a sequential parse would see first. */
  /* Only the inferred fields are looked at (the others as DT_SKIP). A
   * malformed row ends the sample without an error: the parse proper
   * reports the first error of the file, which may lie in a forced column
   * on an earlier row. The sample also sizes the chunks' first buffers. */
  const uint8_t *data = p;
  bool need = false;
  for (int f = 0; f < nf; f++) need |= pl->fdt[f] == DT_INFER;
  int64_t sample = o.infer_schema_length > 0 ? o.infer_schema_length : INT64_MAX;
  if (!need && sample > 1000) sample = 1000;
  if (sample > r->rows_left) sample = r->rows_left;
  if (nf > 0 && sample > 0) {
    int8_t *ifdt = calloc((size_t)nf, 1);
    if (!ifdt) raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
    for (int f = 0; f < nf; f++) ifdt[f] = pl->fdt[f] == DT_INFER ? DT_INFER : DT_SKIP;
    chunk ck = {0};
    parse_rows(pl, ifdt, &ck, data, pl->end, sample, r->infer);
    free(ck.scratch);
    free(ifdt);
    if (ck.nrows > 0) r->row_bytes = (double)(ck.end - data) / (double)ck.nrows;
    pl->sample_rows = ck.nrows;
  }
  pl->cinferred = calloc((size_t)ncols + 1, 1);
  if (!pl->cinferred) raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
  for (int c = 0; c < ncols; c++) pl->cinferred[c] = pl->fdt[pl->cfield[c]] == DT_INFER;
  for (int f = 0; f < nf; f++) {
    if (pl->fdt[f] != DT_INFER) continue;
    uint8_t s = r->infer[f];
    int dt;
    if (s & C_STR || ((s & C_BOOL) && (s & (C_INT | C_FLOAT)))) dt = HX_DT_STRING;
    else if (s & C_BOOL) dt = HX_DT_BOOL;
    else if (s & C_FLOAT) dt = HX_DT_F64;
    else if (s & C_INT) dt = HX_DT_S64;
    else dt = HX_DT_STRING; /* only missing values seen: Polars' choice too */
    pl->fdt[f] = (int8_t)dt;
  }
  for (int c = 0; c < ncols; c++) pl->cdt[c] = pl->fdt[pl->cfield[c]];
  r->pos = data;
}

/* ---- batches: parallel parse, then the frame ------------------------------ */

/* The nominal starts of the chunks of [from, stop): after a '\n' each, at
 * least min_bytes apart. */
static int plan_chunks(hxrt_csv_reader *r, const uint8_t *from, const uint8_t *stop, const uint8_t ***starts_out) {
  int64_t len = stop - from;
  int64_t per = r->chunk_bytes;
  if (per <= 0) {
    /* At least 8 chunks a thread, 1 to 16 MiB each: the last chunks
     * leave few threads idle, and a chunk's tables stay small. */
    per = len / ((int64_t)r->threads * 8);
    if (per < (1 << 20)) per = 1 << 20;
    if (per > (16 << 20)) per = 16 << 20;
  }
  int64_t k = (len + per - 1) / per;
  if (k < 1) k = 1;
  if (k > 65536) k = 65536, per = (len + k - 1) / k;
  const uint8_t **s = malloc((size_t)(k + 1) * sizeof *s);
  if (!s) return -1;
  int n = 0;
  s[n++] = from;
  for (int64_t i = 1; i < k; i++) {
    const uint8_t *guess = from + i * per;
    if (guess <= s[n - 1]) continue;
    const uint8_t *nl = memchr(guess - 1, '\n', (size_t)(stop - (guess - 1)));
    if (!nl || nl + 1 >= stop) break;
    if (nl + 1 > s[n - 1]) s[n++] = nl + 1;
  }
  s[n] = stop;
  *starts_out = s;
  return n;
}

static void frame_from_chunks(hx_context *ctx, hxrt_csv_reader *r, hx_frame **out) {
  plan *pl = &r->pl;
  int K = r->nchunks;
  chunk *cks = r->chunks;
  int64_t total = 0;
  for (int k = 0; k < K; k++) cks[k].row_base = total, total += cks[k].nrows;
  allocr al = {ctx, true, false};
  hx_frame *f = frame_shell(&al, total, pl->ncols, (const char *const *)pl->cname, pl->cdt);
  for (int c = 0; c < pl->ncols; c++) {
    hx_column *col = &f->columns[c];
    col->valid = hxrt_alloc(ctx, HX_KIND_BOOL, total);
    switch (col->dtype) {
    case HX_DT_F64: col->data = hxrt_alloc(ctx, HX_KIND_F64, total); break;
    case HX_DT_S64: col->data = hxrt_alloc(ctx, HX_KIND_I64, total); break;
    case HX_DT_BOOL: col->data = hxrt_alloc(ctx, HX_KIND_BOOL, total); break;
    case HX_DT_STRING: {
      int64_t nb = 0;
      for (int k = 0; k < K; k++) nb += cks[k].cols ? cks[k].cols[c].nbytes : 0;
      col->data = hxrt_alloc(ctx, HX_KIND_I64, total + 1);
      col->bytes = hxrt_bytes_alloc(ctx, nb);
      ((int64_t *)hx_array_data(col->data))[0] = 0;
      break;
    }
    case HX_DT_CATEGORY: {
      /* The frame's categories: the chunks' in chunk order, so codes follow
       * first appearance in the file. g lives in the reader, which frees it
       * whether or not an allocation below raises. */
      colbuf *g = &r->gdict;
      free(g->bytes), free(g->dict), free(g->slots);
      memset(g, 0, sizeof *g);
      for (int k = 0; k < K; k++) {
        colbuf *b = cks[k].cols ? &cks[k].cols[c] : NULL;
        if (!b || b->ndict == 0) continue;
        b->remap = malloc((size_t)b->ndict * sizeof(int32_t));
        if (!b->remap) raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
        for (int32_t i = 0; i < b->ndict; i++) {
          int32_t code = dict_code(g, b->bytes + b->dict[i], (size_t)(b->dict[i + 1] - b->dict[i]));
          if (code < 0) raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
          b->remap[i] = code;
        }
      }
      col->data = hxrt_alloc(ctx, HX_KIND_I32, total);
      col->dict = hxrt_alloc(ctx, HX_KIND_I64, (int64_t)g->ndict + 1);
      col->bytes = hxrt_bytes_alloc(ctx, g->nbytes);
      int64_t *off = hx_array_data(col->dict);
      off[0] = 0;
      if (g->ndict) memcpy(off, g->dict, ((size_t)g->ndict + 1) * sizeof(int64_t));
      if (g->nbytes) memcpy(hx_array_data(col->bytes), g->bytes, (size_t)g->nbytes);
      break;
    }
    }
  }
  for (int c = 0; c < pl->ncols; c++) {
    hx_column *col = &f->columns[c];
    advise_huge(hx_array_data(col->valid), (size_t)total);
    advise_huge(hx_array_data(col->data), (size_t)hx_array_len(col->data) * (size_t)val_size(col->dtype));
  }
  /* Copy the chunks in, in parallel: each chunk knows its row offset. */
  int64_t *byte_base = calloc((size_t)K * (size_t)(pl->ncols ? pl->ncols : 1), sizeof(int64_t));
  if (!byte_base) raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
  for (int c = 0; c < pl->ncols; c++) {
    int64_t at = 0;
    for (int k = 0; k < K; k++) {
      byte_base[(size_t)k * (size_t)pl->ncols + (size_t)c] = at;
      if (pl->cdt[c] == HX_DT_STRING && cks[k].cols) at += cks[k].cols[c].nbytes;
    }
  }
  int threads = r->threads < K ? r->threads : K;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads > 0 ? threads : 1)
  for (int k = 0; k < K; k++) {
    chunk *ck = &cks[k];
    if (ck->nrows == 0) continue;
    int64_t r0 = ck->row_base, n = ck->nrows;
    for (int c = 0; c < pl->ncols; c++) {
      hx_column *col = &f->columns[c];
      colbuf *b = &ck->cols[c];
      memcpy((uint8_t *)hx_array_data(col->valid) + r0, b->valid, (size_t)n);
      switch (col->dtype) {
      case HX_DT_F64:
      case HX_DT_S64: memcpy((int64_t *)hx_array_data(col->data) + r0, b->vals, (size_t)n * 8); break;
      case HX_DT_BOOL: memcpy((uint8_t *)hx_array_data(col->data) + r0, b->vals, (size_t)n); break;
      case HX_DT_STRING: {
        int64_t base = byte_base[(size_t)k * (size_t)pl->ncols + (size_t)c];
        int64_t *off = (int64_t *)hx_array_data(col->data) + r0 + 1;
        const int64_t *src = (const int64_t *)b->vals + 1;
        for (int64_t i = 0; i < n; i++) off[i] = src[i] + base;
        if (b->nbytes) memcpy((uint8_t *)hx_array_data(col->bytes) + base, b->bytes, (size_t)b->nbytes);
        break;
      }
      case HX_DT_CATEGORY: {
        int32_t *codes = (int32_t *)hx_array_data(col->data) + r0;
        const int32_t *src = b->vals;
        for (int64_t i = 0; i < n; i++) codes[i] = src[i] < 0 ? -1 : b->remap[src[i]];
        break;
      }
      }
    }
  }
  free(byte_base);
  *out = f;
}

/* The frame's arrays for `rows` rows (values uninitialised: the parse
 * writes every row). String bytes and category dictionaries come later. */
static hx_frame *frame_arrays(hx_context *ctx, const plan *pl, int64_t rows) {
  allocr al = {ctx, true, false};
  hx_frame *f = frame_shell(&al, rows, pl->ncols, (const char *const *)pl->cname, pl->cdt);
  for (int c = 0; c < pl->ncols; c++) {
    hx_column *col = &f->columns[c];
    col->valid = hxrt_alloc(ctx, HX_KIND_BOOL, rows);
    switch (col->dtype) {
    case HX_DT_F64: col->data = hxrt_alloc(ctx, HX_KIND_F64, rows); break;
    case HX_DT_S64: col->data = hxrt_alloc(ctx, HX_KIND_I64, rows); break;
    case HX_DT_BOOL: col->data = hxrt_alloc(ctx, HX_KIND_BOOL, rows); break;
    case HX_DT_STRING:
      col->data = hxrt_alloc(ctx, HX_KIND_I64, rows + 1);
      ((int64_t *)hx_array_data(col->data))[0] = 0;
      break;
    case HX_DT_CATEGORY: col->data = hxrt_alloc(ctx, HX_KIND_I32, rows); break;
    }
    advise_huge(hx_array_data(col->valid), (size_t)rows);
    advise_huge(hx_array_data(col->data), (size_t)hx_array_len(col->data) * val_size(col->dtype));
  }
  return f;
}

/* The reader's parallel path, in two passes over [from, stop):
 *  1. cut it into chunks after a '\n' (plan_chunks) and count each chunk's
 *     '\n's and quotes (nl_scan, SIMD);
 *  2. in chunk order, settle whether each chunk starts inside quotes (the
 *     parity of all quotes before it), hence where its first row really
 *     starts and how many rows start in it; a prefix sum gives each chunk
 *     its first row in the frame;
 *  3. allocate the frame's arrays once, and parse every chunk straight
 *     into its slice of them, in parallel: no copy, and each thread is the
 *     first to touch (so to fault in) the pages it writes;
 *  4. check, as the guess-and-verify path does, that each chunk starts
 *     where the one before ended: then the result, and the first error,
 *     are a sequential parse's. Blank lines make a chunk hold fewer rows
 *     than counted: the slices are then moved together.
 * The counts hold for every well-formed file (and the chunk that holds a
 * malformed row still starts right and reports it). Should a chunk not
 * start where the one before ended, or overflow its slice, everything
 * made here is freed and false returned: the caller parses the batch by
 * guess and verify, which gives the sequential parse's result or first
 * error. It does the same for a batch of mostly blank lines (below). */
static bool direct_batch(hx_context *ctx, hxrt_csv_reader *r, const uint8_t *from, const uint8_t *stop, bool always,
                         hx_frame **out) {
  plan *pl = &r->pl;
  const int ncols = pl->ncols;
  const uint8_t **starts = NULL;
  int K;
  if (r->chunk_bytes <= 0 && stop - from < (1 << 20)) {
    starts = malloc(2 * sizeof *starts);
    if (!starts) raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
    starts[0] = from, starts[1] = stop;
    K = 1;
  } else if ((K = plan_chunks(r, from, stop, &starts)) < 0) {
    raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
  }
  nlscan *sc = malloc((size_t)K * sizeof *sc);
  r->chunks = calloc((size_t)K, sizeof(chunk));
  if (!sc || !r->chunks) {
    free(starts), free(sc);
    raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
  }
  int threads = r->threads < K ? r->threads : K;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads > 0 ? threads : 1)
  for (int k = 0; k < K; k++) nl_scan(pl->simd, starts[k], starts[k + 1], &sc[k]);

  /* Units: the chunks that hold a row start, from their first row start
   * to the next unit's; cap is the number of rows that start in it. */
  chunk *u = r->chunks;
  int U = 0;
  uint64_t inq = 0; /* all ones when starts[k] lies inside quotes */
  for (int k = 0; k < K; k++) {
    const nlscan *c = &sc[k];
    int64_t outside = inq ? c->nl_all - c->nl_out : c->nl_out;
    const uint8_t *e = inq ? (c->first_in ? c->first_in + 1 : NULL) : starts[k];
    if (e) {
      if (U > 0) u[U - 1].stop = e, u[U - 1].cap += inq ? 1 : 0; /* the '\n' at e - 1 ends its last row */
      u[U].start = e;
      u[U].cap = inq ? outside - 1 : outside;
      U++;
    } else {
      u[U - 1].cap += outside; /* 0: the chunk lies inside one quoted field */
    }
    if (c->parity) inq = ~inq;
  }
  u[U - 1].stop = stop;
  /* A last line without its '\n' before stop is a row too. */
  if (stop > u[U - 1].start && !(stop[-1] == '\n' && !inq)) u[U - 1].cap++;
  r->nchunks = U;
  free(starts), free(sc);
  int64_t rows = 0;
  for (int k = 0; k < U; k++) u[k].row_base = rows, rows += u[k].cap;
  /* Blank lines are counted as rows (they are, with one field). A row of
   * nf > 1 fields takes at least nf bytes, so a count far past that means
   * mostly blank lines: rather than allocate for them, parse the other
   * way, whose buffers grow with the rows actually met. */
  if (pl->nfields > 1 && rows > (stop - from) / pl->nfields + 2 + U) {
    batch_release(r);
    return false;
  }

  hx_frame *f = frame_arrays(ctx, pl, rows);
  threads = r->threads < U ? r->threads : U;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads > 0 ? threads : 1)
  for (int k = 0; k < U; k++) {
    chunk *ck = &u[k];
    ck->fixed = true;
    ck->cols = calloc((size_t)(ncols ? ncols : 1), sizeof(colbuf));
    if (!ck->cols) {
      chunk_fail(ck, ck->start, HX_ERR_OUT_OF_MEMORY, "out of memory");
      continue;
    }
    for (int c = 0; c < ncols; c++) {
      hx_column *col = &f->columns[c];
      ck->cols[c].vals = (uint8_t *)hx_array_data(col->data) + (size_t)ck->row_base * val_size(col->dtype);
      ck->cols[c].valid = (uint8_t *)hx_array_data(col->valid) + ck->row_base;
    }
    parse_rows(pl, pl->fdt, ck, ck->start, ck->stop, INT64_MAX, NULL);
  }

  const uint8_t *expect = from;
  for (int k = 0; k < U; k++) {
    chunk *ck = &u[k];
    if (ck->start != expect || ck->overflow) {
      hx_frame_free(ctx, f);
      batch_release(r);
      return false;
    }
    if (ck->err) {
      char m[sizeof ck->err_msg];
      memcpy(m, ck->err_msg, sizeof m);
      raise_at(ctx, pl, ck->err_at, ck->err, m);
    }
    expect = ck->end;
  }
  r->pos = expect;

  /* Move the slices together where blank lines left gaps. */
  int64_t total = 0;
  for (int k = 0; k < U; k++) {
    chunk *ck = &u[k];
    if (ck->row_base != total && ck->nrows > 0)
      for (int c = 0; c < ncols; c++) {
        hx_column *col = &f->columns[c];
        uint8_t *valid = hx_array_data(col->valid);
        memmove(valid + total, valid + ck->row_base, (size_t)ck->nrows);
        size_t sz = val_size(col->dtype);
        int64_t shift = col->dtype == HX_DT_STRING; /* offsets: row i ends at [i + 1] */
        uint8_t *d = hx_array_data(col->data);
        memmove(d + (size_t)(total + shift) * sz, d + (size_t)(ck->row_base + shift) * sz, (size_t)ck->nrows * sz);
      }
    ck->row_base = total;
    total += ck->nrows;
  }
  if (total == 0 && !always && r->pos >= pl->end) { /* only blank lines were left */
    hx_frame_free(ctx, f);
    return true;
  }
  f->n_rows = total;
  for (int c = 0; c < ncols; c++) {
    hx_column *col = &f->columns[c];
    col->valid->len = total;
    col->data->len = total + (col->dtype == HX_DT_STRING);
  }

  /* Strings: the chunks' bytes, one after the other, and their offsets
   * made frame-wide. Categories: the chunks' dictionaries merged in chunk
   * order (codes follow first appearance in the file), codes remapped. */
  for (int c = 0; c < ncols; c++) {
    hx_column *col = &f->columns[c];
    if (col->dtype == HX_DT_STRING) {
      int64_t at = 0;
      for (int k = 0; k < U; k++) u[k].cols[c].base = at, at += u[k].cols[c].nbytes;
      col->bytes = hxrt_bytes_alloc(ctx, at);
    } else if (col->dtype == HX_DT_CATEGORY) {
      /* g lives in the reader, which frees it whether or not this raises. */
      colbuf *g = &r->gdict;
      free(g->bytes), free(g->dict), free(g->slots);
      memset(g, 0, sizeof *g);
      for (int k = 0; k < U; k++) {
        colbuf *b = &u[k].cols[c];
        if (b->ndict == 0) continue;
        b->remap = malloc((size_t)b->ndict * sizeof(int32_t));
        if (!b->remap) raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
        for (int32_t i = 0; i < b->ndict; i++) {
          int32_t code = dict_code(g, b->bytes + b->dict[i], (size_t)(b->dict[i + 1] - b->dict[i]));
          if (code < 0) raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
          b->remap[i] = code;
        }
      }
      col->dict = hxrt_alloc(ctx, HX_KIND_I64, (int64_t)g->ndict + 1);
      col->bytes = hxrt_bytes_alloc(ctx, g->nbytes);
      int64_t *off = hx_array_data(col->dict);
      off[0] = 0;
      if (g->ndict) memcpy(off, g->dict, ((size_t)g->ndict + 1) * sizeof(int64_t));
      if (g->nbytes) memcpy(hx_array_data(col->bytes), g->bytes, (size_t)g->nbytes);
    }
  }
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads > 0 ? threads : 1)
  for (int k = 0; k < U; k++) {
    chunk *ck = &u[k];
    if (ck->nrows == 0) continue;
    for (int c = 0; c < ncols; c++) {
      hx_column *col = &f->columns[c];
      colbuf *b = &ck->cols[c];
      if (col->dtype == HX_DT_STRING) {
        int64_t *off = (int64_t *)hx_array_data(col->data) + ck->row_base + 1;
        for (int64_t i = 0; i < ck->nrows; i++) off[i] += b->base;
        if (b->nbytes) memcpy((uint8_t *)hx_array_data(col->bytes) + b->base, b->bytes, (size_t)b->nbytes);
      } else if (col->dtype == HX_DT_CATEGORY) {
        int32_t *codes = (int32_t *)hx_array_data(col->data) + ck->row_base;
        for (int64_t i = 0; i < ck->nrows; i++) codes[i] = codes[i] < 0 ? -1 : b->remap[codes[i]];
      }
    }
  }
  *out = f;
  return true;
}

static void next_body(hx_context *ctx, void **args, void *ret) {
  hxrt_csv_reader *r = args[0];
  int64_t max_bytes = *(const int64_t *)args[1];
  bool always = *(const bool *)args[2];
  hx_frame **out = ret;
  plan *pl = &r->pl;
  *out = NULL;
  const uint8_t *from = r->pos;
  if ((from >= pl->end || r->rows_left == 0 || pl->nfields == 0) && !always) return;
  const uint8_t *stop = pl->end;
  if (max_bytes > 0 && max_bytes < stop - from) stop = from + max_bytes;
  if (r->rows_left == 0 || pl->nfields == 0) stop = from;
  /* HX_CSV_PATH (for tests and measurements): "verify" parses by guess
   * and verify only; "direct" makes direct_batch's giving up an error
   * instead of a fallback, so that tests see the counts hold. */
  const char *path_env = getenv("HX_CSV_PATH");
  bool direct = !(path_env && strcmp(path_env, "verify") == 0);
  if (direct && r->rows_left == INT64_MAX && stop > from && direct_batch(ctx, r, from, stop, always, out)) return;
  if (direct && r->rows_left == INT64_MAX && stop > from && path_env && strcmp(path_env, "direct") == 0)
    raisef(ctx, HX_ERR_ARGUMENT, "%s: the two-pass parse gave up (HX_CSV_PATH=direct)", pl->path);

  /* max_rows: one sequential chunk that stops counting rows where asked. */
  const uint8_t **starts = NULL;
  int K;
  if (r->rows_left != INT64_MAX || (r->chunk_bytes <= 0 && stop - from < (1 << 20))) {
    starts = malloc(2 * sizeof *starts);
    if (!starts) raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
    starts[0] = from, starts[1] = stop;
    K = 1;
  } else if ((K = plan_chunks(r, from, stop, &starts)) < 0) {
    raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
  }
  r->chunks = calloc((size_t)K, sizeof(chunk));
  if (!r->chunks) {
    free(starts);
    raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
  }
  r->nchunks = K;
  int64_t rows_left = r->rows_left;
  double row_bytes = r->row_bytes > 1 ? r->row_bytes : 16;
  for (int k = 0; k < K; k++) r->chunks[k].start = starts[k], r->chunks[k].stop = starts[k + 1];
  free(starts);

  int threads = r->threads < K ? r->threads : K;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads > 0 ? threads : 1)
  for (int k = 0; k < K; k++) {
    chunk *ck = &r->chunks[k];
    int64_t guess = (int64_t)((double)(ck->stop - ck->start) / row_bytes * 1.1) + 16;
    if (guess > rows_left) guess = rows_left;
    if (!chunk_reserve(pl, ck, guess)) {
      chunk_fail(ck, ck->start, HX_ERR_OUT_OF_MEMORY, "out of memory");
      continue;
    }
    parse_rows(pl, pl->fdt, ck, ck->start, ck->stop, rows_left, NULL);
  }

  /* Trust chunk k only if chunk k-1 ended where it began; else parse it
   * again from there (its first '\n' was inside a quoted field). The first
   * error of a trusted chunk is the sequential parse's first error. */
  const uint8_t *expect = from;
  for (int k = 0; k < K; k++) {
    chunk *ck = &r->chunks[k];
    if (ck->start != expect) {
      const uint8_t *kstop = ck->stop;
      chunk_release(ck, pl->ncols);
      ck->start = expect, ck->stop = kstop;
      if (chunk_reserve(pl, ck, 16)) parse_rows(pl, pl->fdt, ck, expect, kstop > expect ? kstop : expect, rows_left, NULL);
      else chunk_fail(ck, expect, HX_ERR_OUT_OF_MEMORY, "out of memory");
    }
    if (ck->err) {
      char m[sizeof ck->err_msg];
      memcpy(m, ck->err_msg, sizeof m);
      raise_at(ctx, pl, ck->err_at, ck->err, m);
    }
    expect = ck->end;
  }
  r->pos = expect;
  int64_t total = 0;
  for (int k = 0; k < K; k++) total += r->chunks[k].nrows;
  if (r->rows_left != INT64_MAX) r->rows_left -= total;
  if (total == 0 && !always && r->pos >= pl->end) return; /* only blank lines were left */
  frame_from_chunks(ctx, r, out);
}

/* ---- entry points --------------------------------------------------------- */

void hxrt_csv_options_init(hxrt_csv_options *o) {
  memset(o, 0, sizeof *o);
  o->delimiter = ',';
  o->header = true;
  o->infer_schema_length = 1000;
  o->max_rows = -1;
}

/* Runs body under a nested hxrt_invoke with any parallel-chunk trap of the
 * caller set aside (a raise must land in our invoke, not in the caller's
 * chunk). */
static int run_guarded(hx_context *ctx, hxrt_body_fn body, void **args, void *ret) {
  hxrt_worker *w = hxrt_tl_worker;
  hxrt_tl_worker = NULL;
  int rc = hxrt_invoke(ctx, body, args, ret);
  hxrt_tl_worker = w;
  return rc;
}

int hx_csv_open(hx_context *ctx, const char *path, const hxrt_csv_options *options, hxrt_csv_reader **out) {
  if (out) *out = NULL;
  if (!ctx || !path || !out) return HX_ERR_ARGUMENT;
  hxrt_csv_reader *r = calloc(1, sizeof *r);
  if (!r) return HX_ERR_OUT_OF_MEMORY;
  void *args[3] = {r, (void *)path, (void *)options};
  int rc = run_guarded(ctx, open_body, args, NULL);
  if (rc != HX_OK) {
    hx_csv_close(r);
    return rc;
  }
  *out = r;
  return HX_OK;
}

static int next_batch(hx_context *ctx, hxrt_csv_reader *r, int64_t max_bytes, bool always, hx_frame **out) {
  *out = NULL;
  void *args[3] = {r, &max_bytes, &always};
  int rc = run_guarded(ctx, next_body, args, out);
  batch_release(r);
  if (rc != HX_OK) *out = NULL;
  return rc;
}

int hx_csv_next(hx_context *ctx, hxrt_csv_reader *r, int64_t max_bytes, hx_frame **out) {
  if (out) *out = NULL;
  if (!ctx || !r || !out) return HX_ERR_ARGUMENT;
  return next_batch(ctx, r, max_bytes > 0 ? max_bytes : 1, false, out);
}

int hx_csv_read(hx_context *ctx, const char *path, const hxrt_csv_options *options, hx_frame **out) {
  if (out) *out = NULL;
  if (!out) return HX_ERR_ARGUMENT;
  hxrt_csv_reader *r = NULL;
  int rc = hx_csv_open(ctx, path, options, &r);
  if (rc != HX_OK) return rc;
  rc = next_batch(ctx, r, 0, true, out);
  hx_csv_close(r);
  return rc;
}

/* Re-raises the error an inner invoke left in ctx, in the caller's trap. */
static void __attribute__((noreturn)) reraise(hx_context *ctx, int rc) {
  char *text = strdup(hx_context_error(ctx));
  if (hxrt_tl_worker) {
    hxrt_tl_worker->code = rc;
    hxrt_tl_worker->text = text;
    longjmp(hxrt_tl_worker->trap, 1);
  }
  hxrt_raise_text(ctx, rc, text);
}

hx_frame *hxrt_csv_read(hx_context *ctx, const char *path, const hxrt_csv_options *options) {
  hx_frame *f = NULL;
  int rc = hx_csv_read(ctx, path, options, &f);
  if (rc != HX_OK) reraise(ctx, rc);
  return f;
}

/* ---- writing -------------------------------------------------------------- */

typedef struct wbuf {
  FILE *fp;
  char *buf;
  size_t n, cap;
  bool failed;
} wbuf;

static void wflush(wbuf *w) {
  if (w->n && fwrite(w->buf, 1, w->n, w->fp) != w->n) w->failed = true;
  w->n = 0;
}

static inline void wput(wbuf *w, const char *s, size_t n) {
  if (w->cap - w->n < n) {
    wflush(w);
    if (n > w->cap) {
      if (fwrite(s, 1, n, w->fp) != n) w->failed = true;
      return;
    }
  }
  memcpy(w->buf + w->n, s, n);
  w->n += n;
}

static inline void wch(wbuf *w, char c) {
  if (w->n == w->cap) wflush(w);
  w->buf[w->n++] = c;
}

static void wtext(wbuf *w, const char *s, size_t n, char delim) {
  bool quote = n == 0;
  for (size_t i = 0; i < n && !quote; i++)
    quote = s[i] == delim || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
  if (!quote) {
    wput(w, s, n);
    return;
  }
  wch(w, '"');
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"') wch(w, '"');
    wch(w, s[i]);
  }
  wch(w, '"');
}

/* A float as Polars writes it (Rust's ryu crate): the shortest digits that
 * round-trip (hx_format_float's), laid out as 1.0, 0.001, 1e16, 1.5e-7. */
static size_t polars_float(char *out, double v) {
  if (v != v) return (size_t)sprintf(out, "NaN");
  if (v == __builtin_inf()) return (size_t)sprintf(out, "inf");
  if (v == -__builtin_inf()) return (size_t)sprintf(out, "-inf");
  char t[64];
  hx_format_float(t, sizeof t, v);
  /* t is Elixir's text: [-]int.frac[e[-]exp]. Collect digits and exponent. */
  const char *s = t;
  bool neg = *s == '-';
  s += neg;
  char d[40];
  int nd = 0, point = -1;
  int64_t ex = 0;
  for (; *s && *s != 'e'; s++) {
    if (*s == '.') point = nd;
    else if (nd < 39) d[nd++] = *s;
  }
  if (point < 0) point = nd;
  if (*s == 'e') ex = strtol(s + 1, NULL, 10);
  /* value = 0.d * 10^(point + ex); drop leading and trailing zeros. */
  int lead = 0;
  while (lead < nd && d[lead] == '0') lead++;
  int len = nd;
  while (len > lead && d[len - 1] == '0') len--;
  char *o = out;
  if (neg) *o++ = '-';
  if (len == lead) return (size_t)(o - out) + (size_t)sprintf(o, "0.0");
  const char *dg = d + lead;
  int L = len - lead;
  int64_t kk = point + ex - lead; /* decimal point after kk digits */
  int64_t k = kk - L;             /* value = digits * 10^k */
  if (k >= 0 && kk <= 16) {
    memcpy(o, dg, (size_t)L), o += L;
    for (int64_t i = 0; i < k; i++) *o++ = '0';
    *o++ = '.', *o++ = '0';
  } else if (kk > 0 && kk <= 16) {
    memcpy(o, dg, (size_t)kk), o += kk;
    *o++ = '.';
    memcpy(o, dg + kk, (size_t)(L - kk)), o += L - kk;
  } else if (kk > -5 && kk <= 0) {
    *o++ = '0', *o++ = '.';
    for (int64_t i = 0; i < -kk; i++) *o++ = '0';
    memcpy(o, dg, (size_t)L), o += L;
  } else {
    *o++ = dg[0];
    if (L > 1) {
      *o++ = '.';
      memcpy(o, dg + 1, (size_t)(L - 1)), o += L - 1;
    }
    o += sprintf(o, "e%" PRId64, kk - 1);
  }
  *o = 0;
  return (size_t)(o - out);
}

typedef struct write_job {
  const hx_frame *f;
  const char *path;
  char delim;
  wbuf w;
} write_job;

static void write_body(hx_context *ctx, void **args, void *ret) {
  (void)ret;
  write_job *j = args[0];
  const hx_frame *f = j->f;
  char d = j->delim ? j->delim : ',';
  if (!f) raisef(ctx, HX_ERR_ARGUMENT, "%s: no frame to write", j->path);
  if (d == '"' || d == '\n' || d == '\r')
    raisef(ctx, HX_ERR_ARGUMENT, "%s: the delimiter cannot be a quote or a line end", j->path);
  for (int64_t c = 0; c < f->n_columns; c++)
    if (!dtype_ok(f->columns[c].dtype))
      raisef(ctx, HX_ERR_ARGUMENT, "%s: column %" PRId64 " has an invalid dtype", j->path, c);
  j->w.fp = fopen(j->path, "wb");
  if (!j->w.fp) raisef(ctx, HX_ERR_ARGUMENT, "%s: cannot open for writing: %s", j->path, strerror(errno));
  j->w.cap = 1 << 20;
  j->w.buf = malloc(j->w.cap);
  if (!j->w.buf) raisef(ctx, HX_ERR_OUT_OF_MEMORY, "out of memory");
  wbuf *w = &j->w;
  for (int64_t c = 0; c < f->n_columns; c++) {
    if (c) wch(w, d);
    wtext(w, f->columns[c].name, strlen(f->columns[c].name), d);
  }
  if (f->n_columns) wch(w, '\n');
  char num[64];
  for (int64_t i = 0; i < f->n_rows; i++) {
    for (int64_t c = 0; c < f->n_columns; c++) {
      const hx_column *col = &f->columns[c];
      if (c) wch(w, d);
      if (!((const uint8_t *)hx_array_cdata(col->valid))[i]) continue;
      switch (col->dtype) {
      case HX_DT_F64: wput(w, num, polars_float(num, ((const double *)hx_array_cdata(col->data))[i])); break;
      case HX_DT_S64:
        wput(w, num, (size_t)sprintf(num, "%" PRId64, ((const int64_t *)hx_array_cdata(col->data))[i]));
        break;
      case HX_DT_BOOL:
        if (((const uint8_t *)hx_array_cdata(col->data))[i]) wput(w, "true", 4);
        else wput(w, "false", 5);
        break;
      default: {
        int64_t len = 0;
        const char *s = hx_frame_string(f, c, i, &len);
        wtext(w, s ? s : "", s ? (size_t)len : 0, d);
        break;
      }
      }
    }
    wch(w, '\n');
  }
  wflush(w);
  if (w->failed || ferror(w->fp)) raisef(ctx, HX_ERR_ARGUMENT, "%s: write failed: %s", j->path, strerror(errno));
  FILE *fp = w->fp;
  w->fp = NULL;
  if (fclose(fp) != 0) raisef(ctx, HX_ERR_ARGUMENT, "%s: write failed: %s", j->path, strerror(errno));
}

int hx_csv_write(hx_context *ctx, const hx_frame *f, const char *path, char delimiter) {
  if (!ctx || !path) return HX_ERR_ARGUMENT;
  write_job j = {f, path, delimiter, {0}};
  void *args[1] = {&j};
  int rc = run_guarded(ctx, write_body, args, NULL);
  if (j.w.fp) fclose(j.w.fp);
  free(j.w.buf);
  return rc;
}

void hxrt_csv_write(hx_context *ctx, const hx_frame *f, const char *path, char delimiter) {
  int rc = hx_csv_write(ctx, f, path, delimiter);
  if (rc != HX_OK) reraise(ctx, rc);
}
