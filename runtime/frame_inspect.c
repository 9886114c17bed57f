/* \file frame_inspect.c
 * Explorer.DataFrame.describe/1 and IO.inspect of frames and series, exactly
 * as the reference shim (stdlib/ref/explorer.exs) computes and prints them
 * under Elixir 1.14 / OTP 25.
 *
 * Printing goes through a small port of Elixir 1.14's Inspect.Algebra: the
 * shim builds its output from container_doc, nest, line, force_unfit and
 * concat, and the line breaks come out of the algebra's fitting rules, not
 * from anything simpler (a value list wraps where its next element plus the
 * text up to the following break would pass column 80, measured in bytes).
 * The documents are built here with the shim's calls, node for node, and
 * laid out with the same `format`/`fits?` clauses (decompiled from the
 * Elixir 1.14 beam, so the corner cases - a group's breaks not counting
 * after the group, a group fitting on its own content only - are the
 * real ones). Only the node kinds these documents use are ported:
 * no colors (IO.inspect's default has none), cursor nesting, collapse,
 * optimistic groups or doc_fits.
 *
 * Values print as Explorer.Shared.to_doc/2 in the shim: nil, NaN, Inf,
 * -Inf, integers, true/false, floats by Float.to_string (2.7e3 but 3550.0:
 * hxrt_float_to_string, not inspect's 2700.0), and strings by
 * Kernel.inspect/1: quoted with Code.Identifier's escapes when
 * String.printable?/2 holds for the first 4096 characters (cut there with
 * ` <> ...`), else as a bitstring <<1, 2, ...>> of at most 50 bytes.
 *
 * describe/1 follows the shim's Series functions clause for clause: nils
 * are skipped; the mean sums in row order from 0.0; the variance (ddof 1)
 * sums squared deviations in row order; NaN sorts above everything
 * (Polars' total order) and min/max keep the first of equal values;
 * quantiles take the element at round_half_away((n - 1) * q) of a stable
 * sort, found by selection rather than by sorting. s64 values are converted
 * to f64 first, which picks the same doubles as comparing the integers would.
 */
#include "hxrt_frame_inspect.h"

#include "hxrt_internal.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Inspect.Opts defaults in Elixir 1.14. */
#define INSPECT_WIDTH 80
#define INSPECT_LIMIT 50
#define PRINTABLE_LIMIT 4096
/* Explorer.Backend.DataFrame.inspect/5 shows 5 values per column. */
#define FRAME_LIMIT 5

/* ---- growable byte buffer ---------------------------------------------- */

typedef struct {
  char *p;
  size_t len, cap;
  bool oom;
} sbuf;

static bool sb_reserve(sbuf *b, size_t more) {
  if (b->oom) return false;
  if (b->len + more + 1 <= b->cap) return true;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + more + 1) cap *= 2;
  char *p = realloc(b->p, cap);
  if (!p) {
    b->oom = true;
    return false;
  }
  b->p = p;
  b->cap = cap;
  return true;
}

static void sb_put(sbuf *b, const char *s, size_t n) {
  if (!sb_reserve(b, n)) return;
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static void sb_ch(sbuf *b, char c) { sb_put(b, &c, 1); }

static void sb_spaces(sbuf *b, int n) {
  if (!sb_reserve(b, (size_t)n)) return;
  memset(b->p + b->len, ' ', (size_t)n);
  b->len += (size_t)n;
  b->p[b->len] = '\0';
}

static void sb_i64(sbuf *b, int64_t v) {
  char t[24];
  sb_put(b, t, (size_t)snprintf(t, sizeof t, "%" PRId64, v));
}

/* ---- Kernel.inspect/1 of a binary ---------------------------------------- */

/* One UTF-8 character as Erlang's <<c::utf8>> matches it (no overlong forms,
 * no surrogates, at most U+10FFFF): its length, or 0 when s does not start
 * with one. */
static int utf8_char(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned char c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  int len;
  uint32_t v, min;
  if ((c & 0xE0) == 0xC0) len = 2, v = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0) len = 3, v = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0) len = 4, v = c & 0x07, min = 0x10000;
  else return 0;
  if ((size_t)len > n) return 0;
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    v = v << 6 | (s[i] & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return len;
}

/* Code points that print as themselves (Code.Identifier.escape_char/1). */
static bool prints_as_itself(uint32_t c) {
  return (c >= 32 && c <= 126) || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

/* String.printable?(s, PRINTABLE_LIMIT). */
static bool printable(const unsigned char *s, size_t n) {
  size_t i = 0;
  for (int count = 0; i < n && count < PRINTABLE_LIMIT; count++) {
    unsigned char c = s[i];
    if ((c >= 32 && c <= 126) || (c >= 7 && c <= 13) || c == 27 || c == 127) {
      i++;
      continue;
    }
    uint32_t cp;
    int len = utf8_char(s + i, n - i, &cp);
    if (len == 0 || cp < 0xA0 || !prints_as_itself(cp)) return false;
    i += (size_t)len;
  }
  return true;
}

static const char HEX[] = "0123456789ABCDEF";

/* Code.Identifier.escape/4's escape_map/1, then escape_char/1. */
static void put_escaped_char(sbuf *b, uint32_t c, const unsigned char *raw, int len) {
  const char *m = NULL;
  switch (c) {
  case 7: m = "\\a"; break;
  case 8: m = "\\b"; break;
  case 127: m = "\\d"; break;
  case 27: m = "\\e"; break;
  case 12: m = "\\f"; break;
  case 10: m = "\\n"; break;
  case 13: m = "\\r"; break;
  case 9: m = "\\t"; break;
  case 11: m = "\\v"; break;
  case 92: m = "\\\\"; break;
  case 0: m = "\\0"; break;
  case 0xFEFF: m = "\\uFEFF"; break;
  }
  if (m) {
    sb_str(b, m);
  } else if (prints_as_itself(c)) {
    sb_put(b, (const char *)raw, (size_t)len);
  } else if (c < 0x100) {
    char t[4] = {'\\', 'x', HEX[c >> 4], HEX[c & 15]};
    sb_put(b, t, 4);
  } else {
    int digits = c < 0x10000 ? 4 : 6;
    sb_str(b, "\\x{");
    for (int d = digits - 1; d >= 0; d--) sb_ch(b, HEX[(c >> (4 * d)) & 15]);
    sb_ch(b, '}');
  }
}

/* Inspect.BitString.inspect/2 with Elixir's default options, as Kernel.inspect
 * lays it out (width :infinity: one line). */
static void put_inspected_binary(sbuf *b, const char *text, size_t n) {
  const unsigned char *s = (const unsigned char *)text;
  if (!printable(s, n)) {
    sb_str(b, "<<");
    for (size_t i = 0; i < n; i++) {
      if (i) sb_str(b, ", ");
      if (i == INSPECT_LIMIT) {
        sb_str(b, "...");
        break;
      }
      sb_i64(b, s[i]);
    }
    sb_str(b, ">>");
    return;
  }
  sb_ch(b, '"');
  size_t i = 0;
  for (int count = 0; i < n && count < PRINTABLE_LIMIT; count++) {
    uint32_t cp;
    int len;
    if (s[i] == '"') {
      sb_str(b, "\\\"");
      i++;
    } else if (s[i] == '#' && i + 1 < n && s[i + 1] == '{') {
      sb_str(b, "\\#{");
      i += 2;
    } else if ((len = utf8_char(s + i, n - i, &cp)) > 0) {
      put_escaped_char(b, cp, s + i, len);
      i += (size_t)len;
    } else {
      char t[4] = {'\\', 'x', HEX[s[i] >> 4], HEX[s[i] & 15]};
      sb_put(b, t, 4);
      i++;
    }
  }
  sb_ch(b, '"');
  if (i < n) sb_str(b, " <> ...");
}

/* Explorer.Shared.to_doc/2 of row `row` of column col. */
static void put_value(sbuf *b, const hx_frame *f, int64_t col, int64_t row) {
  if (!hx_frame_valid(f, col)[row]) {
    sb_str(b, "nil");
    return;
  }
  switch (hx_frame_column_dtype(f, col)) {
  case HX_DT_F64: {
    char t[HXRT_FLOAT_TEXT_MAX];
    sb_put(b, t, hxrt_float_to_string(t, hx_frame_f64(f, col)[row]));
    return;
  }
  case HX_DT_S64: sb_i64(b, hx_frame_s64(f, col)[row]); return;
  case HX_DT_BOOL: sb_str(b, hx_frame_bool(f, col)[row] ? "true" : "false"); return;
  case HX_DT_STRING:
  case HX_DT_CATEGORY: {
    int64_t len = 0;
    const char *s = hx_frame_string(f, col, row, &len);
    put_inspected_binary(b, s ? s : "", s ? (size_t)len : 0);
    return;
  }
  default: sb_str(b, "nil"); return;
  }
}

/* ---- Inspect.Algebra ----------------------------------------------------- */

typedef enum {
  D_NIL,    /* :doc_nil */
  D_TEXT,   /* a binary */
  D_CONS,   /* {:doc_cons, a, b} */
  D_LINE,   /* :doc_line */
  D_FLEX,   /* {:doc_break, text, :flex} */
  D_STRICT, /* {:doc_break, text, :strict} */
  D_NEST,   /* {:doc_nest, a, indent, :always} */
  D_GROUP,  /* {:doc_group, a, :self} */
  D_FORCE   /* {:doc_force, a} */
} dkind;

typedef struct doc {
  dkind kind;
  int indent;       /* D_NEST */
  size_t len;       /* D_TEXT, breaks */
  const char *text; /* D_TEXT, breaks */
  const struct doc *a, *b;
} doc;

/* Nodes and their texts live in an arena freed at once. */
typedef struct block {
  struct block *next;
  size_t used, cap;
  _Alignas(16) unsigned char data[];
} block;

typedef struct {
  block *head;
  bool oom;
} arena;

static void *arena_alloc(arena *a, size_t n) {
  n = (n + 15) & ~(size_t)15;
  if (!a->head || a->head->used + n > a->head->cap) {
    size_t cap = n > 16384 ? n : 16384;
    block *bl = malloc(sizeof *bl + cap);
    if (!bl) {
      a->oom = true;
      return NULL;
    }
    bl->next = a->head;
    bl->used = 0;
    bl->cap = cap;
    a->head = bl;
  }
  void *p = a->head->data + a->head->used;
  a->head->used += n;
  return p;
}

static void arena_free(arena *a) {
  for (block *bl = a->head, *next; bl; bl = next) {
    next = bl->next;
    free(bl);
  }
  a->head = NULL;
}

static const doc *mk(arena *a, dkind kind, const doc *x, const doc *y) {
  doc *d = arena_alloc(a, sizeof *d);
  if (!d) return NULL;
  *d = (doc){kind, 0, 0, NULL, x, y};
  return d;
}

static const doc *text_n(arena *a, const char *s, size_t n) {
  char *copy = arena_alloc(a, n + 1);
  doc *d = arena_alloc(a, sizeof *d);
  if (!copy || !d) return NULL;
  memcpy(copy, s, n);
  copy[n] = '\0';
  *d = (doc){D_TEXT, 0, n, copy, NULL, NULL};
  return d;
}

static const doc *text(arena *a, const char *s) { return text_n(a, s, strlen(s)); }

/* concat/2; NULL (out of memory) anywhere makes the result NULL. */
static const doc *concat(arena *a, const doc *x, const doc *y) {
  return x && y ? mk(a, D_CONS, x, y) : NULL;
}

/* concat/1: fold_doc(docs, &concat/2), i.e. right-nested. */
static const doc *concat_list(arena *a, const doc *const *docs, size_t n) {
  if (n == 0) return mk(a, D_NIL, NULL, NULL);
  const doc *d = docs[n - 1];
  for (size_t i = n - 1; i-- > 0;) d = concat(a, docs[i], d);
  return d;
}

static const doc *nest(arena *a, const doc *x, int indent) {
  if (!x) return NULL;
  if (indent == 0) return x;
  doc *d = (doc *)mk(a, D_NEST, x, NULL);
  if (d) d->indent = indent;
  return d;
}

static const doc *wrap(arena *a, dkind kind, const doc *x) { return x ? mk(a, kind, x, NULL) : NULL; }

static const doc *line(arena *a) { return mk(a, D_LINE, NULL, NULL); }

static const doc *flex_glue(arena *a, const doc *x, const doc *y) {
  doc *br = (doc *)mk(a, D_FLEX, NULL, NULL);
  if (br) br->text = " ", br->len = 1;
  return concat(a, x, concat(a, br, y));
}

/* container_doc(left, items, right, %{limit: limit}, &to_doc/2) for items
 * that are all binaries (so `simple?`, so joined with flex breaks):
 * n_items docs of which at most `limit` are shown, then "...". */
static const doc *container_doc(arena *a, const char *left, const doc *const *items, size_t n_items,
                                size_t limit, const char *right) {
  if (n_items == 0) return concat(a, text(a, left), text(a, right));
  size_t shown = n_items < limit ? n_items : limit;
  const doc *docs = n_items > shown ? text(a, "...") : items[shown - 1];
  size_t last = n_items > shown ? shown : shown - 1;
  for (size_t i = last; i-- > 0;) docs = flex_glue(a, concat(a, items[i], text(a, ",")), docs);
  return wrap(a, D_GROUP, concat(a, concat(a, text(a, left), nest(a, docs, 1)), text(a, right)));
}

/* The layout engine: Inspect.Algebra.format/2 and fits?/4 over explicit
 * stacks (top = last). M_TAIL entries are fits?'s {:tail, b?, t}: they
 * restore the break flag when a group's content is done. */
enum { M_FLAT, M_BREAK, M_TAIL };

typedef struct {
  int indent; /* M_TAIL: the saved break flag */
  int mode;
  const doc *d;
} entry;

typedef struct {
  entry *e;
  size_t n, cap;
  bool oom;
} stack;

static void push(stack *s, int indent, int mode, const doc *d) {
  if (s->n == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 64;
    entry *e = realloc(s->e, cap * sizeof *e);
    if (!e) {
      s->oom = true;
      return;
    }
    s->e = e;
    s->cap = cap;
  }
  s->e[s->n++] = (entry){indent, mode, d};
}

/* fits?(w, k, b?, scratch ++ base[0 .. nbase) read from the top down). */
static bool fits(int64_t w, int64_t k, bool b, stack *scratch, const entry *base, size_t nbase) {
  for (;;) {
    if (k > w && b) return false;
    entry en;
    if (scratch->n) en = scratch->e[--scratch->n];
    else if (nbase) en = base[--nbase];
    else return true;
    if (en.mode == M_TAIL) {
      b = en.indent != 0;
      continue;
    }
    const doc *d = en.d;
    if (en.mode == M_BREAK) {
      if (d->kind == D_FLEX || d->kind == D_STRICT || d->kind == D_LINE) return true;
      if (d->kind == D_GROUP) {
        push(scratch, b, M_TAIL, NULL);
        push(scratch, en.indent, M_FLAT, d->a);
        continue;
      }
    }
    switch (d->kind) {
    case D_LINE: k = en.indent, b = false; break;
    case D_NIL: break;
    case D_TEXT: k += (int64_t)d->len; break;
    case D_FORCE: return false;
    case D_FLEX:
    case D_STRICT: k += (int64_t)d->len, b = true; break;
    case D_NEST: push(scratch, en.indent + d->indent, en.mode, d->a); break;
    case D_CONS:
      push(scratch, en.indent, en.mode, d->b);
      push(scratch, en.indent, en.mode, d->a);
      break;
    case D_GROUP:
      push(scratch, b, M_TAIL, NULL);
      push(scratch, en.indent, en.mode, d->a);
      break;
    }
    if (scratch->oom) return false;
  }
}

static void newline(sbuf *out, int indent) {
  sb_ch(out, '\n');
  sb_spaces(out, indent);
}

/* Inspect.Algebra.format(doc, w) into out; false when out of memory. */
static bool format(sbuf *out, const doc *root, int64_t w) {
  stack st = {0}, scratch = {0};
  int64_t k = 0;
  push(&st, 0, M_FLAT, root);
  while (st.n && !st.oom && !scratch.oom && !out->oom) {
    entry en = st.e[--st.n];
    const doc *d = en.d;
    switch (d->kind) {
    case D_NIL: break;
    case D_LINE:
      newline(out, en.indent);
      k = en.indent;
      break;
    case D_CONS:
      push(&st, en.indent, en.mode, d->b);
      push(&st, en.indent, en.mode, d->a);
      break;
    case D_TEXT:
      sb_put(out, d->text, d->len);
      k += (int64_t)d->len;
      break;
    case D_FORCE: push(&st, en.indent, en.mode, d->a); break;
    case D_FLEX:
      k += (int64_t)d->len;
      scratch.n = 0;
      if (en.mode == M_FLAT || fits(w, k, true, &scratch, st.e, st.n)) {
        sb_put(out, d->text, d->len);
      } else {
        newline(out, en.indent);
        k = en.indent;
      }
      break;
    case D_STRICT:
      if (en.mode == M_BREAK) {
        newline(out, en.indent);
        k = en.indent;
      } else {
        sb_put(out, d->text, d->len);
        k += (int64_t)d->len;
      }
      break;
    case D_NEST: push(&st, en.indent + d->indent, en.mode, d->a); break;
    case D_GROUP:
      scratch.n = 0;
      push(&scratch, en.indent, M_FLAT, d->a);
      push(&st, en.indent, fits(w, k, false, &scratch, NULL, 0) ? M_FLAT : M_BREAK, d->a);
      break;
    }
  }
  bool ok = !st.oom && !scratch.oom && !out->oom;
  free(st.e);
  free(scratch.e);
  return ok;
}

/* ---- the shim's Inspect implementations ---------------------------------- */

/* container_doc("[", Enum.take(values, limit + 1), "]", %{limit: limit},
 * &Explorer.Shared.to_doc/2) for column col. */
static const doc *values_doc(arena *a, const hx_frame *f, int64_t col, size_t limit) {
  size_t n = (size_t)f->n_rows < limit + 1 ? (size_t)f->n_rows : limit + 1;
  const doc **items = n ? malloc(n * sizeof *items) : NULL;
  if (n && !items) return NULL;
  sbuf b = {0};
  bool ok = true;
  for (size_t i = 0; i < n && ok; i++) {
    b.len = 0;
    put_value(&b, f, col, (int64_t)i);
    items[i] = b.oom ? NULL : text_n(a, b.p, b.len);
    ok = items[i] != NULL;
  }
  const doc *d = ok ? container_doc(a, "[", items, n, limit, "]") : NULL;
  free(b.p);
  free(items);
  return d;
}

/* IO.inspect's group(force_unfit(concat([open, nest(concat([line(), inner]),
 * 2), line(), ">"]))) laid out at width 80, as a malloc'ed string. */
static char *render(arena *a, const char *open, const doc *inner) {
  const doc *parts[] = {text(a, open), nest(a, concat(a, line(a), inner), 2), line(a), text(a, ">")};
  const doc *root = wrap(a, D_GROUP, wrap(a, D_FORCE, concat_list(a, parts, 4)));
  sbuf out = {0};
  bool ok = root && !a->oom && format(&out, root, INSPECT_WIDTH);
  arena_free(a);
  if (ok && !out.p) sb_put(&out, "", 0);
  if (!ok || out.oom) {
    free(out.p);
    return NULL;
  }
  return out.p;
}

char *hx_frame_inspect(const hx_frame *f) {
  if (!f) return NULL;
  arena a = {0};
  sbuf b = {0};
  sb_i64(&b, f->n_rows);
  sb_str(&b, " x ");
  sb_i64(&b, f->n_columns);
  /* concat(["Polars", "[", "R x C", "]", "" | cols]) */
  const doc *inner = text(&a, "");
  for (int64_t c = f->n_columns; c-- > 0;) {
    sbuf name = {0};
    sb_str(&name, f->columns[c].name);
    sb_ch(&name, ' ');
    const doc *col[] = {line(&a), name.oom ? NULL : text(&a, name.p),
                        text(&a, hx_dtype_name(f->columns[c].dtype)), text(&a, " "),
                        values_doc(&a, f, c, FRAME_LIMIT)};
    free(name.p);
    inner = concat(&a, concat_list(&a, col, 5), inner);
  }
  const doc *head[] = {text(&a, "Polars"), text(&a, "["), b.oom ? NULL : text(&a, b.p), text(&a, "]"), inner};
  free(b.p);
  return render(&a, "#Explorer.DataFrame<", concat_list(&a, head, 5));
}

char *hx_series_inspect(const hx_frame *f, int64_t col) {
  if (!f || col < 0 || col >= f->n_columns) return NULL;
  arena a = {0};
  sbuf n = {0}, type = {0};
  sb_i64(&n, f->n_rows);
  sb_str(&type, hx_dtype_name(f->columns[col].dtype));
  sb_ch(&type, ' ');
  /* concat(["Polars", "[", "N", "]", line(), "dtype ", data]) */
  const doc *parts[] = {text(&a, "Polars"),
                        text(&a, "["),
                        n.oom ? NULL : text(&a, n.p),
                        text(&a, "]"),
                        line(&a),
                        type.oom ? NULL : text(&a, type.p),
                        values_doc(&a, f, col, INSPECT_LIMIT)};
  free(n.p);
  free(type.p);
  return render(&a, "#Explorer.Series<", concat_list(&a, parts, 7));
}

/* ---- describe ------------------------------------------------------------ */

#define N_METRICS 9
static const char *const METRICS[N_METRICS] = {"count", "nil_count", "mean", "std", "min",
                                               "25%",   "50%",       "75%",  "max"};

/* Polars' total order as the shim's lt/2: NaN above everything. */
static bool lt(double a, double b) { return isnan(a) ? false : isnan(b) ? true : a < b; }

typedef struct {
  double v;
  int64_t at;
} ranked;

/* The order of the shim's stable sort: by value, then by row (equal values,
 * such as 0.0 and -0.0, keep their order, as in :lists.sort/2). No two
 * elements are equal under it. */
static inline bool ranked_less(const ranked *a, const ranked *b) {
  if (lt(a->v, b->v)) return true;
  if (lt(b->v, a->v)) return false;
  return a->at < b->at;
}

static int ranked_cmp(const void *pa, const void *pb) {
  const ranked *a = pa, *b = pb;
  return ranked_less(a, b) ? -1 : ranked_less(b, a) ? 1 : 0;
}

static inline void ranked_swap(ranked *xs, int64_t i, int64_t j) {
  ranked t = xs[i];
  xs[i] = xs[j];
  xs[j] = t;
}

/* Puts the element of rank k of xs[lo..hi] at xs[k], the lower-ranked ones
 * before it and the higher-ranked after (quickselect with a median-of-3
 * pivot; a full sort of what is left when it takes too many rounds). The
 * quantiles need three ranks, not a sorted copy: O(n) instead of a sort. */
static void select_rank(ranked *xs, int64_t lo, int64_t hi, int64_t k) {
  for (int rounds = 0; hi > lo; rounds++) {
    if (rounds == 100) {
      qsort(xs + lo, (size_t)(hi - lo + 1), sizeof *xs, ranked_cmp);
      return;
    }
    int64_t mid = lo + (hi - lo) / 2;
    if (ranked_less(&xs[mid], &xs[lo])) ranked_swap(xs, lo, mid);
    if (ranked_less(&xs[hi], &xs[lo])) ranked_swap(xs, lo, hi);
    if (ranked_less(&xs[hi], &xs[mid])) ranked_swap(xs, mid, hi);
    ranked pivot = xs[mid];
    int64_t i = lo, j = hi;
    while (i <= j) {
      while (ranked_less(&xs[i], &pivot)) i++;
      while (ranked_less(&pivot, &xs[j])) j--;
      if (i <= j) ranked_swap(xs, i++, j--);
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return; /* j < k < i: xs[k] is the pivot */
  }
}

/* The nine statistics of a numeric column; valid[i] = 0 for nil. Returns
 * the number of present values, or -1 when out of memory. */
static int64_t numeric_stats(const hx_frame *f, int64_t col, double *out, uint8_t *valid) {
  int64_t rows = f->n_rows, n = 0;
  const uint8_t *ok = hx_frame_valid(f, col);
  const double *fv = hx_frame_f64(f, col);
  const int64_t *iv = hx_frame_s64(f, col);
  ranked *xs = malloc((size_t)(rows ? rows : 1) * sizeof *xs);
  if (!xs) return -1;
  for (int64_t r = 0; r < rows; r++)
    if (ok[r]) {
      xs[n].v = fv ? fv[r] : (double)iv[r];
      xs[n].at = n;
      n++;
    }
  memset(valid, 0, N_METRICS);
  out[0] = (double)n, valid[0] = 1;
  out[1] = (double)(rows - n), valid[1] = 1;
  if (n > 0) {
    double sum = 0.0;
    for (int64_t i = 0; i < n; i++) sum += xs[i].v;
    double mean = sum / (double)n;
    out[2] = mean, valid[2] = 1;
    if (n > 1) {
      /* No FMA here: the shim rounds the product before the sum. The
       * runtime is built for baseline x86-64, which has none. */
      double ss = 0.0;
      for (int64_t i = 0; i < n; i++) {
        double dev = xs[i].v - mean;
        ss += dev * dev;
      }
      double var = ss / (double)(n - 1);
      out[3] = isnan(var) ? var : sqrt(var), valid[3] = 1;
    }
    double mn = xs[0].v, mx = xs[0].v;
    for (int64_t i = 1; i < n; i++) {
      if (lt(xs[i].v, mn)) mn = xs[i].v;
      if (lt(mx, xs[i].v)) mx = xs[i].v;
    }
    out[4] = mn, valid[4] = 1;
    out[8] = mx, valid[8] = 1;
    /* The element at round_half_away((n - 1) * q) of the sorted values
     * (Rust's f64::round; x >= 0). The ranks ascend: select the middle one,
     * then the others on each side of it. */
    static const double Q[3] = {0.25, 0.50, 0.75};
    int64_t at[3];
    for (int q = 0; q < 3; q++) at[q] = (int64_t)((double)(n - 1) * Q[q] + 0.5);
    select_rank(xs, 0, n - 1, at[1]);
    if (at[0] < at[1]) select_rank(xs, 0, at[1] - 1, at[0]);
    if (at[2] > at[1]) select_rank(xs, at[1] + 1, n - 1, at[2]);
    for (int q = 0; q < 3; q++) out[5 + q] = xs[at[q]].v, valid[5 + q] = 1;
  }
  free(xs);
  return n;
}

static void raise_body(hx_context *ctx, void **args, void *ret) {
  (void)ret;
  hxrt_raise(ctx, *(const int *)args[0], (const char *)args[1], NULL);
}

/* Records an error in ctx the way an entry point does, and returns its code. */
static int fail(hx_context *ctx, int code, const char *message) {
  void *args[2] = {&code, (void *)message};
  hxrt_worker *w = hxrt_tl_worker; /* a raise must land in our invoke */
  hxrt_tl_worker = NULL;
  int rc = hxrt_invoke(ctx, raise_body, args, NULL);
  hxrt_tl_worker = w;
  return rc;
}

static bool is_numeric(int dt) { return dt == HX_DT_F64 || dt == HX_DT_S64; }

int hx_frame_describe(hx_context *ctx, const hx_frame *f, hx_frame **out) {
  if (out) *out = NULL;
  if (!ctx) return HX_ERR_ARGUMENT;
  if (!f || !out) return fail(ctx, HX_ERR_ARGUMENT, "hx_frame_describe: NULL frame or result");
  if (f->n_columns == 0) return fail(ctx, HX_ERR_ARGUMENT, "cannot describe a DataFrame without any columns");
  int64_t nc = f->n_columns + 1;
  for (int64_t c = 0; c < f->n_columns; c++)
    if (strcmp(f->columns[c].name, "describe") == 0) /* DataFrame.new's check */
      return fail(ctx, HX_ERR_ARGUMENT, "duplicate column name \"describe\"");

  const char **names = malloc((size_t)nc * sizeof *names);
  int *dtypes = malloc((size_t)nc * sizeof *dtypes);
  double *stats = malloc((size_t)nc * N_METRICS * sizeof *stats);
  uint8_t *valid = malloc((size_t)nc * N_METRICS);
  hx_frame *d = NULL;
  int rc = HX_ERR_OUT_OF_MEMORY;
  if (!names || !dtypes || !stats || !valid) goto done;

  names[0] = "describe";
  dtypes[0] = HX_DT_STRING;
  for (int64_t c = 0; c < f->n_columns; c++) {
    double *s = stats + (c + 1) * N_METRICS;
    uint8_t *v = valid + (c + 1) * N_METRICS;
    names[c + 1] = f->columns[c].name;
    if (is_numeric(f->columns[c].dtype)) {
      int64_t present = numeric_stats(f, c, s, v);
      if (present < 0) goto done;
      /* Only integers and nils: the shim's from_list infers s64. */
      dtypes[c + 1] = present > 0 ? HX_DT_F64 : HX_DT_S64;
    } else {
      const uint8_t *ok = hx_frame_valid(f, c);
      int64_t n = 0;
      for (int64_t r = 0; r < f->n_rows; r++) n += ok[r];
      s[0] = (double)n, s[1] = (double)(f->n_rows - n);
      dtypes[c + 1] = HX_DT_STRING;
    }
  }

  d = hx_frame_new(ctx, N_METRICS, nc, names, dtypes);
  if (!d) goto done;
  if (hx_frame_set_strings(ctx, d, 0, METRICS) != HX_OK) goto done;
  for (int64_t c = 1; c < nc; c++) {
    const double *s = stats + c * N_METRICS;
    const uint8_t *v = valid + c * N_METRICS;
    hx_column *col = &d->columns[c];
    uint8_t *dv = hx_array_data(col->valid);
    if (dtypes[c] == HX_DT_STRING) {
      char counts[2][24];
      const char *vals[N_METRICS] = {counts[0], counts[1]};
      snprintf(counts[0], sizeof counts[0], "%" PRId64, (int64_t)s[0]);
      snprintf(counts[1], sizeof counts[1], "%" PRId64, (int64_t)s[1]);
      if (hx_frame_set_strings(ctx, d, c, vals) != HX_OK) goto done;
    } else if (dtypes[c] == HX_DT_S64) {
      int64_t *dd = hx_array_data(col->data);
      for (int i = 0; i < N_METRICS; i++) {
        dd[i] = i < 2 ? (int64_t)s[i] : 0;
        dv[i] = i < 2;
      }
    } else {
      double *dd = hx_array_data(col->data);
      for (int i = 0; i < N_METRICS; i++) {
        dd[i] = v[i] ? s[i] : 0.0;
        dv[i] = v[i];
      }
    }
  }
  *out = d;
  d = NULL;
  rc = HX_OK;

done:
  hx_frame_free(ctx, d);
  free(names);
  free(dtypes);
  free(stats);
  free(valid);
  return rc == HX_OK ? rc : fail(ctx, rc, NULL);
}
