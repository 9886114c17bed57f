/* \file inspect.c
 * libhxrt's printer: hx_inspect and hx_format_float reproduce, byte for
 * byte, what Elixir 1.14 prints for IO.inspect(v, limit: :infinity,
 * width: :infinity). Differential tests compare compiled programs against
 * real Elixir through this text, so every quirk here is deliberate:
 *
 * - Floats: shortest digits that round-trip (closest to the value when
 *   several are equally short), laid out in decimal when the decimal
 *   exponent E (value = d.ddd * 10^E) is in [-3, 15], or is -4 with a
 *   single digit (0.0001 but 1.23e-4: decimal only while not longer);
 *   otherwise d.ddde[-]E, with ".0" for a single digit (1.0e16, 1.0e-5).
 *   Measured against Elixir 1.14 on OTP 25; test/diff/
 *   float_format_check.sh keeps checking it.
 * - Integer lists print as charlists ('AB') when their first 4096 elements
 *   (Inspect.Opts printable_limit, which limit: :infinity leaves alone) are
 *   all in ?\s..?~ or \a \b \t \n \v \f \r \e; only 4096 characters are
 *   then shown, followed by ` ++ ...` if more remain.
 * - Lists of 2-tuples whose first member is a boolean are keyword lists:
 *   [true: 1].
 */
#include "hxrt_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Inspect.Opts' printable_limit default in Elixir 1.14. */
#define PRINTABLE_LIMIT 4096

/* ---- output ------------------------------------------------------------ */

/* snprintf-style sink: counts everything, stores what fits. */
typedef struct {
  char *buf;
  size_t cap; /* bytes we may store, excluding the NUL */
  size_t len; /* bytes produced so far, stored or not */
} writer;

static inline void put(writer *w, const char *s, size_t n) {
  if (w->len < w->cap) {
    size_t room = w->cap - w->len;
    memcpy(w->buf + w->len, s, n < room ? n : room);
  }
  w->len += n;
}

static inline void put_ch(writer *w, char c) {
  if (w->len < w->cap) w->buf[w->len] = c;
  w->len++;
}

static inline void put_str(writer *w, const char *s) { put(w, s, strlen(s)); }

static size_t finish(writer *w, char *buf, size_t cap) {
  if (cap > 0) buf[w->len < cap ? w->len : cap - 1] = '\0';
  return w->len;
}

/* Writes v in decimal into end-relative storage; returns the start. */
static char *format_i64(char *end, int64_t v) {
  uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
  char *p = end;
  static const char pairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  while (u >= 100) {
    unsigned r = (unsigned)(u % 100);
    u /= 100;
    p -= 2;
    memcpy(p, pairs + 2 * r, 2);
  }
  if (u >= 10) {
    p -= 2;
    memcpy(p, pairs + 2 * u, 2);
  } else {
    *--p = (char)('0' + u);
  }
  if (v < 0) *--p = '-';
  return p;
}

static inline void put_i64(writer *w, int64_t v) {
  char tmp[24];
  char *start = format_i64(tmp + sizeof tmp, v);
  put(w, start, (size_t)(tmp + sizeof tmp - start));
}

/* ---- floats ------------------------------------------------------------ */

/* Shortest round-trip digits by Ryu (Ulf Adams, PLDI 2018), which OTP 24+
 * uses for float_to_list(F, [short]): it yields the shortest
 * decimal inside the interval of reals that read back as v, the closest to
 * v among those (ties to even digit). A printf/strtod search gives the same
 * digits (test_runtime compares the two on ~120k values) but costs ~2 us
 * per float against ~0.1 us; results with tens of millions of floats need
 * this.
 *
 * The two tables hold 125-bit approximations of 5^i and 2^j / 5^i. Rather
 * than ship 10 KiB of constants they are derived exactly at load time with
 * a small bignum (well under a millisecond). */

#define POW5_INV_BITCOUNT 125
#define POW5_BITCOUNT 125
#define POW5_INV_TABLE_SIZE 342
#define POW5_TABLE_SIZE 326

typedef unsigned __int128 u128;

static uint64_t pow5_inv_split[POW5_INV_TABLE_SIZE][2]; /* [low, high] */
static uint64_t pow5_split[POW5_TABLE_SIZE][2];

/* Bit length of 5^e (1 for e == 0), valid for 0 <= e <= 3528. */
static inline int32_t pow5bits(int32_t e) {
  return (int32_t)(((uint32_t)e * 1217359) >> 19) + 1;
}
static inline uint32_t log10_pow2(int32_t e) { return ((uint32_t)e * 78913) >> 18; }
static inline uint32_t log10_pow5(int32_t e) { return ((uint32_t)e * 732923) >> 20; }

/* Little-endian 32-bit limbs; 1024 bits bound every quantity below. */
#define BIG_LIMBS 40
typedef struct {
  uint32_t w[BIG_LIMBS];
} big;

/* Bits [lo, lo+128) of x as a u128 (bits below 0 read as zero). */
static u128 big_bits(const big *x, int lo) {
  u128 r = 0;
  for (int b = 127; b >= 0; b--) {
    int bit = lo + b;
    r <<= 1;
    if (bit >= 0 && bit < BIG_LIMBS * 32) r |= (x->w[bit / 32] >> (bit % 32)) & 1;
  }
  return r;
}

static void store128(uint64_t out[2], u128 v) {
  out[0] = (uint64_t)v;
  out[1] = (uint64_t)(v >> 64);
}

__attribute__((constructor)) static void init_ryu_tables(void) {
  /* pow5_split[i]: 5^i scaled to exactly POW5_BITCOUNT bits (truncated). */
  big p = {{1}};
  for (int i = 0; i < POW5_TABLE_SIZE; i++) {
    int len = pow5bits(i);
    store128(pow5_split[i], big_bits(&p, len - POW5_BITCOUNT));
    uint64_t carry = 0;
    for (int k = 0; k < BIG_LIMBS; k++) {
      uint64_t t = (uint64_t)p.w[k] * 5 + carry;
      p.w[k] = (uint32_t)t;
      carry = t >> 32;
    }
  }
  /* pow5_inv_split[i] = floor(2^j / 5^i) + 1 with j = bitlen(5^i) - 1 +
   * POW5_INV_BITCOUNT. x = floor(2^1200 / 5^i) comes from repeated exact
   * division by 5 (floor(floor(a/b)/c) == floor(a/(b*c))), and shifting x
   * right by 1200 - j gives the floor wanted, for the same reason. */
  enum { TOP = 1200 };
  big x = {{0}};
  x.w[TOP / 32] = 1u << (TOP % 32);
  for (int i = 0; i < POW5_INV_TABLE_SIZE; i++) {
    int j = pow5bits(i) - 1 + POW5_INV_BITCOUNT;
    store128(pow5_inv_split[i], big_bits(&x, TOP - j) + 1);
    uint64_t rem = 0;
    for (int k = BIG_LIMBS - 1; k >= 0; k--) {
      uint64_t t = (rem << 32) | x.w[k];
      x.w[k] = (uint32_t)(t / 5);
      rem = t % 5;
    }
  }
}

static inline uint64_t mul_shift64(uint64_t m, const uint64_t *mul, int32_t j) {
  u128 b0 = (u128)m * mul[0];
  u128 b2 = (u128)m * mul[1];
  return (uint64_t)(((b0 >> 64) + b2) >> (j - 64));
}

static inline uint32_t pow5_factor(uint64_t v) {
  uint32_t count = 0;
  while (v % 5 == 0) {
    v /= 5;
    count++;
  }
  return count;
}

/* The shortest digits that read back as v (positive, finite): writes them
 * to digits (no trailing zeros), returns their count, and sets *exp10 so
 * that v ~= d.ddd * 10^exp10. */
static int shortest_digits(double v, char *digits, int *exp10) {
  uint64_t bits;
  memcpy(&bits, &v, sizeof bits);
  uint64_t ieee_m = bits & ((1ull << 52) - 1);
  uint32_t ieee_e = (uint32_t)(bits >> 52) & 0x7FF;

  int32_t e2;
  uint64_t m2;
  if (ieee_e == 0) {
    e2 = 1 - 1023 - 52 - 2;
    m2 = ieee_m;
  } else {
    e2 = (int32_t)ieee_e - 1023 - 52 - 2;
    m2 = (1ull << 52) | ieee_m;
  }
  bool accept_bounds = (m2 & 1) == 0; /* strtod rounds ties to even */

  /* The interval of reals reading back as v is (mm, mp) around mv, in units
   * of 2^e2; it is lopsided when v is a power of two (mm_shift == 0). */
  uint64_t mv = 4 * m2;
  uint32_t mm_shift = ieee_m != 0 || ieee_e <= 1;

  uint64_t vr, vp, vm;
  int32_t e10;
  bool vm_trailing_zeros = false, vr_trailing_zeros = false;
  if (e2 >= 0) {
    uint32_t q = log10_pow2(e2) - (e2 > 3);
    e10 = (int32_t)q;
    int32_t k = POW5_INV_BITCOUNT + pow5bits((int32_t)q) - 1;
    int32_t i = -e2 + (int32_t)q + k;
    vr = mul_shift64(4 * m2, pow5_inv_split[q], i);
    vp = mul_shift64(4 * m2 + 2, pow5_inv_split[q], i);
    vm = mul_shift64(4 * m2 - 1 - mm_shift, pow5_inv_split[q], i);
    if (q <= 21) {
      /* Only here can the exact products end in zeros we would lose. */
      if (mv % 5 == 0)
        vr_trailing_zeros = pow5_factor(mv) >= q;
      else if (accept_bounds)
        vm_trailing_zeros = pow5_factor(mv - 1 - mm_shift) >= q;
      else
        vp -= pow5_factor(mv + 2) >= q;
    }
  } else {
    uint32_t q = log10_pow5(-e2) - (-e2 > 1);
    e10 = (int32_t)q + e2;
    int32_t i = -e2 - (int32_t)q;
    int32_t k = pow5bits(i) - POW5_BITCOUNT;
    int32_t j = (int32_t)q - k;
    vr = mul_shift64(4 * m2, pow5_split[i], j);
    vp = mul_shift64(4 * m2 + 2, pow5_split[i], j);
    vm = mul_shift64(4 * m2 - 1 - mm_shift, pow5_split[i], j);
    if (q <= 1) {
      vr_trailing_zeros = true;
      if (accept_bounds)
        vm_trailing_zeros = mm_shift == 1;
      else
        --vp;
    } else if (q < 63) {
      vr_trailing_zeros = (mv & ((1ull << q) - 1)) == 0;
    }
  }

  /* Drop digits while the interval still holds a shorter number. */
  int32_t removed = 0;
  uint8_t last_removed = 0;
  uint64_t output;
  if (vm_trailing_zeros || vr_trailing_zeros) {
    /* Exact-boundary bookkeeping: rare (<1%). */
    for (;;) {
      uint64_t vp10 = vp / 10, vm10 = vm / 10;
      if (vp10 <= vm10) break;
      uint32_t vm_mod = (uint32_t)(vm - 10 * vm10);
      uint64_t vr10 = vr / 10;
      uint32_t vr_mod = (uint32_t)(vr - 10 * vr10);
      vm_trailing_zeros &= vm_mod == 0;
      vr_trailing_zeros &= last_removed == 0;
      last_removed = (uint8_t)vr_mod;
      vr = vr10; vp = vp10; vm = vm10;
      ++removed;
    }
    if (vm_trailing_zeros) {
      for (;;) {
        uint64_t vm10 = vm / 10;
        uint32_t vm_mod = (uint32_t)(vm - 10 * vm10);
        if (vm_mod != 0) break;
        uint64_t vp10 = vp / 10, vr10 = vr / 10;
        uint32_t vr_mod = (uint32_t)(vr - 10 * vr10);
        vr_trailing_zeros &= last_removed == 0;
        last_removed = (uint8_t)vr_mod;
        vr = vr10; vp = vp10; vm = vm10;
        ++removed;
      }
    }
    if (vr_trailing_zeros && last_removed == 5 && vr % 2 == 0)
      last_removed = 4; /* exactly ...50..0: round half to even */
    output = vr + ((vr == vm && (!accept_bounds || !vm_trailing_zeros)) ||
                   last_removed >= 5);
  } else {
    bool round_up = false;
    uint64_t vp100 = vp / 100, vm100 = vm / 100;
    if (vp100 > vm100) {
      uint64_t vr100 = vr / 100;
      round_up = vr - 100 * vr100 >= 50;
      vr = vr100; vp = vp100; vm = vm100;
      removed += 2;
    }
    for (;;) {
      uint64_t vp10 = vp / 10, vm10 = vm / 10;
      if (vp10 <= vm10) break;
      uint64_t vr10 = vr / 10;
      round_up = vr - 10 * vr10 >= 5;
      vr = vr10; vp = vp10; vm = vm10;
      ++removed;
    }
    output = vr + (vr == vm || round_up);
  }
  int32_t exp = e10 + removed;
  while (output >= 10 && output % 10 == 0) {
    output /= 10;
    exp++;
  }

  char tmp[24];
  int n = 0;
  for (uint64_t o = output; o; o /= 10) tmp[n++] = (char)('0' + o % 10);
  for (int i = 0; i < n; i++) digits[i] = tmp[n - 1 - i];
  *exp10 = exp + n - 1;
  return n;
}

/* Lays out the digits as OTP does (see the file comment). */
/* d[0].d[1..]e<e>: scientific notation. */
static size_t layout_sci(char *out, bool neg, const char *d, int n, int e) {
  char *p = out;
  if (neg) *p++ = '-';
  {
    *p++ = d[0];
    *p++ = '.';
    if (n == 1) {
      *p++ = '0';
    } else {
      memcpy(p, d + 1, (size_t)(n - 1));
      p += n - 1;
    }
    *p++ = 'e';
    char tmp[8];
    char *s = format_i64(tmp + sizeof tmp, e);
    memcpy(p, s, (size_t)(tmp + sizeof tmp - s));
    p += tmp + sizeof tmp - s;
  }
  *p = '\0';
  return (size_t)(p - out);
}

/* Positional notation: 123.45, 100.0, 0.00012. */
static size_t layout_dec(char *out, bool neg, const char *d, int n, int e) {
  char *p = out;
  if (neg) *p++ = '-';
  if (e >= 0) {
    int ints = e + 1; /* digits before the point */
    if (n <= ints) {
      memcpy(p, d, (size_t)n);
      p += n;
      memset(p, '0', (size_t)(ints - n));
      p += ints - n;
      *p++ = '.';
      *p++ = '0';
    } else {
      memcpy(p, d, (size_t)ints);
      p += ints;
      *p++ = '.';
      memcpy(p, d + ints, (size_t)(n - ints));
      p += n - ints;
    }
  } else {
    *p++ = '0';
    *p++ = '.';
    memset(p, '0', (size_t)(-e - 1));
    p += -e - 1;
    memcpy(p, d, (size_t)n);
    p += n;
  }
  *p = '\0';
  return (size_t)(p - out);
}

/* Elixir's inspect of a float: positional for exponents -4..15 (and -4
 * only with one digit), scientific otherwise. */
static size_t layout_float(char *out, bool neg, const char *d, int n, int e) {
  if (e < -4 || e >= 16 || (e == -4 && n > 1)) return layout_sci(out, neg, d, n, e);
  return layout_dec(out, neg, d, n, e);
}

/* Writes the Elixir text of v into out (at least 32 bytes). */
static size_t float_text(char *out, double v) {
  if (isnan(v)) return (size_t)sprintf(out, "NaN");
  if (isinf(v)) return (size_t)sprintf(out, v < 0 ? "-Infinity" : "Infinity");
  if (v == 0) return (size_t)sprintf(out, signbit(v) ? "-0.0" : "0.0");
  char digits[20];
  int e;
  int n = shortest_digits(fabs(v), digits, &e);
  return layout_float(out, signbit(v) != 0, digits, n, e);
}

size_t hx_format_float(char *buf, size_t cap, double v) {
  char tmp[40];
  size_t n = float_text(tmp, v);
  if (cap > 0) {
    size_t k = n < cap - 1 ? n : cap - 1;
    memcpy(buf, tmp, k);
    buf[k] = '\0';
  }
  return n;
}

static inline void put_f64(writer *w, double v) {
  char tmp[40];
  put(w, tmp, float_text(tmp, v));
}

/* ---- type descriptors -------------------------------------------------- */

typedef enum { T_I64, T_F64, T_BOOL, T_I32, T_F32, T_LIST, T_TUPLE } tkind;

typedef struct {
  tkind kind;
  bool tensor;     /* T_TUPLE: an Nx tensor {[data], dims...} ('#' prefix) */
  char nx[4];      /* a narrow integer tensor held as i64 ("#u8{...}": "u8", "u16", "u32", "s8", "s16") */
  bool map;        /* T_TUPLE: an atom-key map %{k:T,...} ('%' prefix) */
  int size, align; /* of the value's storage */
  int elem;        /* T_LIST: node index of the element type */
  int first, count; /* T_TUPLE: members[first .. first+count) */
  const char *atom; /* T_TUPLE: an atom ":name" (no members, zero-size): its name, not NUL-terminated */
  int atomlen;
} tnode;

typedef struct {
  int node;
  int offset; /* within the tuple's C struct */
  const char *key; /* a map's key (not NUL-terminated), or NULL */
  int keylen;
} tmember;

typedef struct {
  const char *s;
  tnode *nodes;
  tmember *members;
  int nnodes, nmembers;
  bool bad;
} tparser;

static void skip_spaces(tparser *p) {
  while (*p->s == ' ') p->s++;
}

static int parse_type(tparser *p);

static int new_node(tparser *p, tkind k, int size, int align) {
  tnode *t = &p->nodes[p->nnodes];
  memset(t, 0, sizeof *t);
  t->kind = k;
  t->size = size;
  t->align = align;
  return p->nnodes++;
}

/* Members are parsed into a scratch area first because nested tuples
 * interleave their own members; they are then copied contiguously. */
static int parse_tuple(tparser *p) {
  int scratch[64];
  const char *keys[64];
  int keylens[64];
  int count = 0;
  p->s++; /* '{' */
  skip_spaces(p);
  if (*p->s != '}') {
    for (;;) {
      /* a map's member: key:T */
      const char *k = p->s, *e = p->s;
      while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9') || *e == '_' ||
             *e == '?' || *e == '!')
        e++;
      if (*e == ':' && e != k) {
        p->s = e + 1;
      } else {
        k = NULL;
      }
      if (count < 64) {
        keys[count] = k;
        keylens[count] = k ? (int)(e - k) : 0;
      }
      int m = parse_type(p);
      if (p->bad) return -1;
      if (count == (int)(sizeof scratch / sizeof scratch[0])) {
        p->bad = true;
        return -1;
      }
      scratch[count++] = m;
      skip_spaces(p);
      if (*p->s == ',') {
        p->s++;
        continue;
      }
      break;
    }
  }
  if (*p->s != '}') {
    p->bad = true;
    return -1;
  }
  p->s++;
  int t = new_node(p, T_TUPLE, 0, 1);
  tnode *node = &p->nodes[t];
  node->first = p->nmembers;
  node->count = count;
  int offset = 0, align = 1;
  for (int i = 0; i < count; i++) {
    const tnode *m = &p->nodes[scratch[i]];
    offset = (offset + m->align - 1) / m->align * m->align;
    p->members[p->nmembers++] = (tmember){scratch[i], offset, keys[i], keylens[i]};
    offset += m->size;
    if (m->align > align) align = m->align;
  }
  node->size = (offset + align - 1) / align * align;
  node->align = align;
  return t;
}

/* '#{...}' (a tensor) or '%{...}' (a map): the prefix, then a tuple. */
static int parse_prefixed_tuple(tparser *p) {
  p->s++;
  if (*p->s != '{') {
    p->bad = true;
    return -1;
  }
  int t = parse_tuple(p);
  return p->bad ? -1 : t;
}

static int parse_type(tparser *p) {
  skip_spaces(p);
  const char *s = p->s;
  if (s[0] == 'i' && s[1] == '3' && s[2] == '2') {
    p->s += 3;
    return new_node(p, T_I32, 4, 4);
  }
  if (s[0] == 'f' && s[1] == '3' && s[2] == '2') {
    p->s += 3;
    return new_node(p, T_F32, 4, 4);
  }
  switch (s[0]) {
  case 'i': p->s++; return new_node(p, T_I64, 8, 8);
  case 'f': p->s++; return new_node(p, T_F64, 8, 8);
  case 'b': p->s++; return new_node(p, T_BOOL, (int)sizeof(bool), (int)_Alignof(bool));
  case '[': {
    p->s++;
    int e = parse_type(p);
    if (p->bad) return -1;
    skip_spaces(p);
    if (*p->s != ']') {
      p->bad = true;
      return -1;
    }
    p->s++;
    int t = new_node(p, T_LIST, (int)sizeof(hx_array *), (int)_Alignof(hx_array *));
    p->nodes[t].elem = e;
    return t;
  }
  case '{': return parse_tuple(p);
  case ':': {
    /* ":name": an atom, a zero-size value printed as its name */
    const char *e = s + 1;
    while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9') || *e == '_' ||
           *e == '@' || *e == '?' || *e == '!')
      e++;
    if (e == s + 1) {
      p->bad = true;
      return -1;
    }
    int t = new_node(p, T_TUPLE, 0, 1);
    p->nodes[t].atom = s + 1;
    p->nodes[t].atomlen = (int)(e - s - 1);
    p->s = e;
    return t;
  }
  case '%': {
    /* %{k:T,...}: a map, laid out as the tuple of its values */
    int t = parse_prefixed_tuple(p);
    if (t < 0) return -1;
    tnode *n = &p->nodes[t];
    for (int i = 0; i < n->count; i++)
      if (!p->members[n->first + i].key) {
        p->bad = true;
        return -1;
      }
    n->map = true;
    return t;
  }
  case '#': {
    /* "#u8{...}": a narrow integer tensor (i64 storage), Nx's type name after the '#' */
    char nx[4] = {0};
    if (p->s[1] == 'u' || p->s[1] == 's') {
      int len = 1;
      while (len < 3 && p->s[1 + len] >= '0' && p->s[1 + len] <= '9') len++;
      if (len == 1 || p->s[1 + len] != '{') {
        p->bad = true;
        return -1;
      }
      memcpy(nx, p->s + 1, (size_t)len);
      p->s += len;
    }
    int t = parse_prefixed_tuple(p);
    if (t < 0) return -1;
    tnode *n = &p->nodes[t];
    /* {[elem], i, i, ...}: the data list, then the dimensions */
    if (n->count < 1 || p->nodes[p->members[n->first].node].kind != T_LIST) {
      p->bad = true;
      return -1;
    }
    for (int i = 1; i < n->count; i++)
      if (p->nodes[p->members[n->first + i].node].kind != T_I64) {
        p->bad = true;
        return -1;
      }
    if (nx[0] && p->nodes[p->nodes[p->members[n->first].node].elem].kind != T_I64) {
      p->bad = true;
      return -1;
    }
    n->tensor = true;
    memcpy(n->nx, nx, sizeof nx);
    return t;
  }
  default: p->bad = true; return -1;
  }
}

/* ---- values ------------------------------------------------------------ */

typedef struct {
  writer *w;
  const tnode *nodes;
  const tmember *members;
  int nest; /* indentation of continuation lines (tensors inside tuples) */
} printer;

static void print_value(printer *pr, int t, const void *v);

/* Elixir's charlist escapes (Code.Identifier.escape with ?'), for the
 * codepoints that do not print as themselves. */
static const char *char_escape(int64_t c) {
  switch (c) {
  case 0: return "\\0";
  case 7: return "\\a";
  case 8: return "\\b";
  case 9: return "\\t";
  case 10: return "\\n";
  case 11: return "\\v";
  case 12: return "\\f";
  case 13: return "\\r";
  case 27: return "\\e";
  case 127: return "\\d";
  case '\'': return "\\'";
  case '\\': return "\\\\";
  default: return NULL;
  }
}

/* List.ascii_printable?/1's set. */
static inline bool ascii_printable(int64_t c) {
  return (c >= 32 && c <= 126) || (c >= 7 && c <= 13) || c == 27;
}

static void put_utf8(writer *w, uint32_t c) {
  char b[4];
  size_t n;
  if (c < 0x80) { b[0] = (char)c; n = 1; }
  else if (c < 0x800) { b[0] = (char)(0xC0 | c >> 6); b[1] = (char)(0x80 | (c & 0x3F)); n = 2; }
  else if (c < 0x10000) {
    b[0] = (char)(0xE0 | c >> 12); b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    b[2] = (char)(0x80 | (c & 0x3F)); n = 3;
  } else {
    b[0] = (char)(0xF0 | c >> 18); b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    b[2] = (char)(0x80 | ((c >> 6) & 0x3F)); b[3] = (char)(0x80 | (c & 0x3F)); n = 4;
  }
  put(w, b, n);
}

/* One character of a charlist. Only the first PRINTABLE_LIMIT elements are
 * known to be ASCII; `#{` pairs let the printed part run past them, where
 * Elixir escapes like a string (bad codepoints would make Elixir itself
 * raise; they get \x{...} here). */
static void put_charlist_char(writer *w, int64_t c) {
  const char *esc = char_escape(c);
  if (esc) {
    put_str(w, esc);
  } else if ((c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF) ||
             (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) ||
             (c >= 0x10000 && c <= 0x10FFFF)) {
    put_utf8(w, (uint32_t)c);
  } else if (c == 0xFEFF) {
    put_str(w, "\\uFEFF");
  } else {
    char tmp[32];
    snprintf(tmp, sizeof tmp, c >= 0 && c < 0x100 ? "\\x%02llX" : "\\x{%llX}",
             (long long)c);
    put_str(w, tmp);
  }
}

static inline int64_t int_elem(const hx_array *a, bool wide, int64_t i) {
  return wide ? ((const int64_t *)a->data)[i] : ((const int32_t *)a->data)[i];
}

/* Prints an integer list as a charlist if Elixir would; returns whether it
 * did. */
static bool print_charlist(writer *w, const hx_array *a, bool wide) {
  int64_t len = a->len;
  int64_t check = len < PRINTABLE_LIMIT ? len : PRINTABLE_LIMIT;
  for (int64_t i = 0; i < check; i++)
    if (!ascii_printable(int_elem(a, wide, i))) return false;
  put_ch(w, '\'');
  int64_t i = 0;
  for (int steps = 0; i < len && steps < PRINTABLE_LIMIT; steps++) {
    int64_t c = int_elem(a, wide, i);
    if (c == '#' && i + 1 < len && int_elem(a, wide, i + 1) == '{') {
      put_str(w, "\\#{");
      i += 2;
    } else {
      put_charlist_char(w, c);
      i++;
    }
  }
  put_ch(w, '\'');
  if (i < len) put_str(w, " ++ ...");
  return true;
}

/* Reading a list of tuples row by row: its leaves (nested tuples
 * flattened, in column order) with their offsets in a tuple value's C
 * struct, and one row buffer. */
typedef struct {
  int n;          /* leaves = columns */
  int *offset;    /* in the C struct */
  int *size;      /* bytes */
  const char **col;
  char *row;      /* e->size bytes */
} tuple_rows;

static void tuple_rows_close(tuple_rows *r);

static int count_leaves(const printer *pr, int ti) {
  const tnode *t = &pr->nodes[ti];
  if (t->kind != T_TUPLE) return 1;
  int n = 0;
  for (int i = 0; i < t->count; i++) n += count_leaves(pr, pr->members[t->first + i].node);
  return n;
}

static void list_leaves(const printer *pr, int ti, int base, tuple_rows *r) {
  const tnode *t = &pr->nodes[ti];
  if (t->kind != T_TUPLE) {
    r->offset[r->n] = base;
    r->size[r->n] = t->size;
    r->n++;
    return;
  }
  for (int i = 0; i < t->count; i++) {
    const tmember *m = &pr->members[t->first + i];
    list_leaves(pr, m->node, base + m->offset, r);
  }
}

/* false when a's columns do not match the element type ei. */
static bool tuple_rows_open(tuple_rows *r, const printer *pr, int ei, const hx_array *a) {
  int n = count_leaves(pr, ei);
  if (hx_array_columns(a) != n) return false;
  r->offset = malloc((size_t)n * sizeof *r->offset);
  r->size = malloc((size_t)n * sizeof *r->size);
  r->col = malloc((size_t)n * sizeof *r->col);
  r->row = calloc(1, (size_t)pr->nodes[ei].size + 1);
  if (!r->offset || !r->size || !r->col || !r->row) hxrt_panic("out of memory in hx_inspect");
  r->n = 0;
  list_leaves(pr, ei, 0, r);
  for (int j = 0; j < n; j++) {
    r->col[j] = hx_array_ccolumn(a, j);
    if (hxrt_kind_size(hx_array_column_kind(a, j)) != r->size[j]) {
      tuple_rows_close(r);
      return false;
    }
  }
  return true;
}

static const char *tuple_rows_get(tuple_rows *r, int64_t i) {
  for (int j = 0; j < r->n; j++) memcpy(r->row + r->offset[j], r->col[j] + i * r->size[j], (size_t)r->size[j]);
  return r->row;
}

static void tuple_rows_close(tuple_rows *r) {
  free(r->offset);
  free(r->size);
  free(r->col);
  free(r->row);
  memset(r, 0, sizeof *r);
}

static void print_list(printer *pr, const tnode *t, const hx_array *a) {
  writer *w = pr->w;
  if (!a || a->len <= 0) {
    put_str(w, "[]");
    return;
  }
  const tnode *e = &pr->nodes[t->elem];
  int64_t n = a->len;
  const char *data = a->data;

  if ((e->kind == T_I64 || e->kind == T_I32) &&
      print_charlist(w, a, e->kind == T_I64))
    return;

  put_ch(w, '[');
  /* Hot loops for the common flat lists; a 33M-element result goes here. */
  switch (e->kind) {
  case T_I64:
    for (int64_t i = 0; i < n; i++) {
      if (i) put(w, ", ", 2);
      put_i64(w, ((const int64_t *)data)[i]);
    }
    break;
  case T_I32:
    for (int64_t i = 0; i < n; i++) {
      if (i) put(w, ", ", 2);
      put_i64(w, ((const int32_t *)data)[i]);
    }
    break;
  case T_F64:
    for (int64_t i = 0; i < n; i++) {
      if (i) put(w, ", ", 2);
      put_f64(w, ((const double *)data)[i]);
    }
    break;
  default: {
    /* Keyword list: [{true, 1}] prints as [true: 1]. */
    bool keyword = e->kind == T_TUPLE && e->count == 2 &&
                   pr->nodes[pr->members[e->first].node].kind == T_BOOL;
    /* A list of tuples is stored as columns (hxrt.h): each element is
     * gathered into the C struct that print_value reads. */
    tuple_rows rows = {0};
    if (e->kind == T_TUPLE && !tuple_rows_open(&rows, pr, t->elem, a)) {
      put_str(w, "#<list of tuples with another layout>]");
      return;
    }
    for (int64_t i = 0; i < n; i++) {
      if (i) put(w, ", ", 2);
      const char *elem = e->kind == T_TUPLE ? tuple_rows_get(&rows, i) : data + i * (int64_t)e->size;
      if (keyword) {
        const tmember *m = &pr->members[e->first];
        put_str(w, *(const uint8_t *)(elem + m[0].offset) ? "true: " : "false: ");
        print_value(pr, m[1].node, elem + m[1].offset);
      } else {
        print_value(pr, t->elem, elem);
      }
    }
    tuple_rows_close(&rows);
  }
  }
  put_ch(w, ']');
}

/* ---- Nx tensors --------------------------------------------------------- */

/* Nx's text of a tensor element: NaN, Inf, -Inf, and otherwise
 * Float.to_string/1 (Erlang's float_to_binary(x, [short])): the shortest
 * digits in whichever of positional and scientific notation is shorter,
 * positional on a tie (49900.0 is 4.99e4, 100.0 stays 100.0), except that
 * values of 2^53 and more are always scientific. Explorer's
 * to_doc prints frame values the same way (frame_inspect.c). */
__attribute__((visibility("hidden"))) size_t hxrt_float_to_string(char *out, double v) {
  if (isnan(v)) return (size_t)sprintf(out, "NaN");
  if (isinf(v)) return (size_t)sprintf(out, v < 0 ? "-Inf" : "Inf");
  if (v == 0) return (size_t)sprintf(out, signbit(v) ? "-0.0" : "0.0");
  /* positional text of 1.8e308 or 5.0e-324 runs to ~330 characters */
  char digits[20], a[400], b[48];
  int e;
  int n = shortest_digits(fabs(v), digits, &e);
  size_t la = layout_dec(a, signbit(v) != 0, digits, n, e);
  size_t lb = layout_sci(b, signbit(v) != 0, digits, n, e);
  /* OTP's to_chars prints an integral value of 2^53 or more in scientific
   * notation even where positional is shorter: 9.007199254740992e15. */
  bool sci = lb < la || fabs(v) >= 9007199254740992.0;
  const char *best = sci ? b : a;
  size_t len = sci ? lb : la;
  memcpy(out, best, len + 1);
  return len;
}

static void put_nx_float(writer *w, double v) {
  char t[HXRT_FLOAT_TEXT_MAX];
  put(w, t, hxrt_float_to_string(t, v));
}

static void put_nx_elem(writer *w, tkind k, const char *data, int64_t i) {
  switch (k) {
  case T_I64: put_i64(w, ((const int64_t *)data)[i]); break;
  case T_I32: put_i64(w, ((const int32_t *)data)[i]); break;
  case T_F64: put_nx_float(w, ((const double *)data)[i]); break;
  case T_F32: put_nx_float(w, (double)((const float *)data)[i]); break;
  case T_BOOL: put_i64(w, ((const uint8_t *)data)[i] ? 1 : 0); break;
  default: break;
  }
}

static void put_indent(writer *w, int n) {
  for (int i = 0; i < n; i++) put_ch(w, ' ');
}


/* hastec run prints as IO.inspect(v, limit: :infinity): no "..." cut (Nx's
 * own inspect cuts at the inspect limit, 50 by default). */
#define NX_INSPECT_LIMIT INT64_MAX

/* One axis of a tensor, Nx's layout: the innermost axis on one line,
 * every outer axis as a bracketed block of lines. *left counts down the
 * element budget. */
static void print_axis(writer *w, tkind k, const char *data, const int64_t *dims, int rank, int axis,
                       int64_t offset, int indent, int64_t *left) {
  int64_t n = dims[axis];
  int64_t stride = 1;
  for (int j = axis + 1; j < rank; j++) stride *= dims[j];
  if (axis == rank - 1) {
    put_ch(w, '[');
    for (int64_t i = 0; i < n; i++) {
      if (i) put(w, ", ", 2);
      if (*left <= 0) {
        put_str(w, "...");
        break;
      }
      put_nx_elem(w, k, data, offset + i);
      (*left)--;
    }
    put_ch(w, ']');
    return;
  }
  put_str(w, "[\n");
  for (int64_t i = 0; i < n; i++) {
    put_indent(w, indent + 2);
    if (*left <= 0) {
      put_str(w, "...\n");
      break;
    }
    print_axis(w, k, data, dims, rank, axis + 1, offset + i * stride, indent + 2, left);
    if (i + 1 < n) put_ch(w, ',');
    put_ch(w, '\n');
  }
  put_indent(w, indent);
  put_ch(w, ']');
}

static const char *nx_type(tkind k) {
  switch (k) {
  case T_I64: return "s64";
  case T_I32: return "s32";
  case T_F64: return "f64";
  case T_F32: return "f32";
  case T_BOOL: return "u8";
  default: return "?";
  }
}

static void print_tensor(printer *pr, const tnode *t, const void *v) {
  writer *w = pr->w;
  const tmember *m = &pr->members[t->first];
  const hx_array *a = *(const hx_array *const *)((const char *)v + m[0].offset);
  tkind k = pr->nodes[pr->nodes[m[0].node].elem].kind;
  int rank = t->count - 1;
  int64_t dims[16];
  if (rank > 16) rank = 16;
  for (int i = 0; i < rank; i++) dims[i] = *(const int64_t *)((const char *)v + m[1 + i].offset);
  int nest = pr->nest;
  put_str(w, "#Nx.Tensor<\n");
  put_indent(w, nest + 2);
  put_str(w, t->nx[0] ? t->nx : nx_type(k));
  for (int i = 0; i < rank; i++) {
    char tmp[32];
    snprintf(tmp, sizeof tmp, "[%lld]", (long long)dims[i]);
    put_str(w, tmp);
  }
  put_ch(w, '\n');
  put_indent(w, nest + 2);
  const char *data = a ? (const char *)a->data : NULL;
  int64_t left = NX_INSPECT_LIMIT;
  if (rank == 0) {
    if (data) put_nx_elem(w, k, data, 0);
  } else if (data) {
    print_axis(w, k, data, dims, rank, 0, 0, nest + 2, &left);
  }
  put_ch(w, '\n');
  put_indent(w, nest);
  put_ch(w, '>');
}

static void print_value(printer *pr, int ti, const void *v) {
  const tnode *t = &pr->nodes[ti];
  writer *w = pr->w;
  if (t->kind == T_TUPLE && t->tensor) {
    print_tensor(pr, t, v);
    return;
  }
  switch (t->kind) {
  case T_I64: put_i64(w, *(const int64_t *)v); break;
  case T_I32: put_i64(w, *(const int32_t *)v); break;
  case T_F64: put_f64(w, *(const double *)v); break;
  case T_F32: put_f64(w, (double)*(const float *)v); break;
  /* Read as a byte: generated code may store any nonzero byte. */
  case T_BOOL: put_str(w, *(const uint8_t *)v ? "true" : "false"); break;
  case T_LIST: print_list(pr, t, *(const hx_array *const *)v); break;
  case T_TUPLE: {
    if (t->atom) {
      put_ch(w, ':');
      put(w, t->atom, (size_t)t->atomlen);
      break;
    }
    if (t->map) {
      /* %{k: v, ...} in key order; multi-line values nest two columns in */
      put(w, "%{", 2);
      pr->nest += 2;
      for (int i = 0; i < t->count; i++) {
        const tmember *m = &pr->members[t->first + i];
        if (i) put(w, ", ", 2);
        put(w, m->key, (size_t)m->keylen);
        put(w, ": ", 2);
        print_value(pr, m->node, (const char *)v + m->offset);
      }
      pr->nest -= 2;
      put_ch(w, '}');
      break;
    }
    /* As IO.inspect(v, width: :infinity) lays out a tuple: elements on one
     * line, and the lines inside a multi-line element (a tensor) nested one
     * column in. */
    put_ch(w, '{');
    pr->nest += 1;
    for (int i = 0; i < t->count; i++) {
      const tmember *m = &pr->members[t->first + i];
      if (i) put(w, ", ", 2);
      print_value(pr, m->node, (const char *)v + m->offset);
    }
    pr->nest -= 1;
    put_ch(w, '}');
    break;
  }
  }
}

size_t hx_inspect(char *buf, size_t cap, const char *type, const void *value) {
  writer w = {buf, cap > 0 ? cap - 1 : 0, 0};
  if (!type || !value) return finish(&w, buf, cap);
  /* Every node and member consumes at least one character of type. */
  size_t limit = strlen(type) + 1;
  tnode stack_nodes[32];
  tmember stack_members[32];
  tnode *nodes = limit <= 32 ? stack_nodes : malloc(limit * sizeof *nodes);
  tmember *members = limit <= 32 ? stack_members : malloc(limit * sizeof *members);
  if (!nodes || !members) hxrt_panic("out of memory in hx_inspect");
  tparser p = {type, nodes, members, 0, 0, false};
  int root = parse_type(&p);
  skip_spaces(&p);
  /* An invalid descriptor prints nothing: callers get length 0. */
  if (!p.bad && *p.s == '\0') {
    printer pr = {&w, nodes, members, 0};
    print_value(&pr, root, value);
  }
  if (nodes != stack_nodes) free(nodes);
  if (members != stack_members) free(members);
  return finish(&w, buf, cap);
}
