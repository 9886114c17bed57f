/* \file hx-run.c
 * hx-run: loads a compiled pipeline (a .so made by hastec) and calls one
 * entry point with arguments given as text, printing the result the way
 * Elixir's IO.inspect would. `hastec run` and the differential tests use
 * it so that compiled code runs in a process that links only libhxrt.
 *
 *   hx-run LIB.so SYMBOL RET_TYPE [ARG_TYPE ARG_VALUE]...
 *   hx-run --separator TEXT LIB.so SYMBOL RET_TYPE [ARG_TYPE ARG_VALUE]...
 *          [-- SYMBOL RET_TYPE [ARG_TYPE ARG_VALUE]...]...
 *
 * Types are hxrt.h descriptors (i f b i32 f32 [T] {T,T}). Values: decimal
 * integers, floats as C hex floats (%a, exact) or decimal, true/false,
 * lists [v,v], tuples {v,v}; @FILE reads the value's text from FILE (for
 * inputs beyond the kernel's per-argument limit).
 * With --separator, the calls run in order in this one process, each in a
 * context of its own; after each call's output comes the line TEXT. A call
 * that raises prints the line "TEXT raised" and Elixir's error text on
 * stdout instead of a result, and the next call still runs.
 * Exit status: 0 printed the result(s), 3 a call raised (without a
 * separator Elixir's error text is on stderr), 2 bad usage or the library
 * could not be loaded.
 */
#include "hxrt.h"
#include "hxrt_cl.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*entry_fn)(hx_context *ctx, void **args, void *ret);

static void usage_error(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static void usage_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("hx-run: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(2);
}

static void *xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p) usage_error("out of memory");
  return p;
}

/* ---- type descriptors -------------------------------------------------- */
/* The same grammar and C layout as inspect.c's parser; kept separate
 * because hx-run may only use libhxrt's public API. */

typedef enum { T_I64, T_F64, T_BOOL, T_I32, T_F32, T_LIST, T_TUPLE } tkind;

typedef struct type {
  tkind kind;
  size_t size, align;
  struct type *elem;     /* T_LIST */
  struct type **members; /* T_TUPLE */
  size_t *offsets;
  int count;
  const char *atom; /* T_TUPLE with no members: an atom ":name" (its name, atomlen characters) */
  size_t atomlen;
} type;

static type *new_type(tkind k, size_t size, size_t align) {
  type *t = xmalloc(sizeof *t);
  memset(t, 0, sizeof *t);
  t->kind = k;
  t->size = size;
  t->align = align;
  return t;
}

static const char *skip_ws(const char *s) {
  while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
  return s;
}

static type *parse_type(const char **sp) {
  const char *s = skip_ws(*sp);
  type *t = NULL;
  if (*s == '#' && (s[1] == 'u' || s[1] == 's')) { /* "#u8{...}": a narrow integer tensor, laid out as any tensor */
    s += 2;
    while (*s >= '0' && *s <= '9') s++;
  } else if (*s == '#' || *s == '%') s++; /* a tensor or a map: laid out as the tuple that follows */
  if (!strncmp(s, "i32", 3)) {
    t = new_type(T_I32, 4, 4);
    s += 3;
  } else if (!strncmp(s, "f32", 3)) {
    t = new_type(T_F32, 4, 4);
    s += 3;
  } else if (*s == 'i') {
    t = new_type(T_I64, 8, 8);
    s++;
  } else if (*s == 'f') {
    t = new_type(T_F64, 8, 8);
    s++;
  } else if (*s == 'b') {
    t = new_type(T_BOOL, sizeof(bool), _Alignof(bool));
    s++;
  } else if (*s == '[') {
    s++;
    type *e = parse_type(&s);
    if (!e) return NULL;
    s = skip_ws(s);
    if (*s != ']') return NULL;
    s++;
    t = new_type(T_LIST, sizeof(hx_array *), _Alignof(hx_array *));
    t->elem = e;
  } else if (*s == ':') { /* ":name": an atom, a zero-size member (inspect.c prints it) */
    s++;
    const char *e = s;
    while ((*e >= 'a' && *e <= 'z') || (*e >= 'A' && *e <= 'Z') || (*e >= '0' && *e <= '9') || *e == '_' ||
           *e == '@' || *e == '?' || *e == '!')
      e++;
    if (e == s) return NULL;
    t = new_type(T_TUPLE, 0, 1);
    t->atom = s;
    t->atomlen = (size_t)(e - s);
    s = e;
  } else if (*s == '{') {
    s = skip_ws(s + 1);
    t = new_type(T_TUPLE, 0, 1);
    int cap = 0;
    if (*s != '}') {
      for (;;) {
        /* a map's member: key:T */
        const char *k = skip_ws(s);
        while ((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9') || *k == '_' ||
               *k == '?' || *k == '!')
          k++;
        if (*k == ':' && k != skip_ws(s)) s = k + 1;
        type *m = parse_type(&s);
        if (!m) return NULL;
        if (t->count == cap) {
          cap = cap ? 2 * cap : 4;
          t->members = realloc(t->members, (size_t)cap * sizeof *t->members);
          t->offsets = realloc(t->offsets, (size_t)cap * sizeof *t->offsets);
          if (!t->members || !t->offsets) usage_error("out of memory");
        }
        /* natural C struct layout, as compiled code declares the tuple */
        size_t off = (t->size + m->align - 1) / m->align * m->align;
        t->members[t->count] = m;
        t->offsets[t->count++] = off;
        t->size = off + m->size;
        if (m->align > t->align) t->align = m->align;
        s = skip_ws(s);
        if (*s != ',') break;
        s++;
      }
    }
    if (*s != '}') return NULL;
    s++;
    t->size = (t->size + t->align - 1) / t->align * t->align;
  } else {
    return NULL;
  }
  *sp = s;
  return t;
}

static void free_type(type *t) {
  if (!t) return;
  free_type(t->elem);
  for (int i = 0; i < t->count; i++) free_type(t->members[i]);
  free(t->members);
  free(t->offsets);
  free(t);
}

static type *parse_type_arg(const char *text) {
  const char *s = text;
  type *t = parse_type(&s);
  if (!t || *skip_ws(s) != '\0') usage_error("bad type descriptor '%s'", text);
  return t;
}

/* ---- values ------------------------------------------------------------ */

typedef struct {
  const char *text; /* the whole value, for messages */
  const char *s;
  hx_context *ctx;
} vparser;

static void value_error(vparser *p, const char *what) __attribute__((noreturn));
static void value_error(vparser *p, const char *what) {
  size_t at = (size_t)(p->s - p->text);
  usage_error("bad value at offset %zu of '%.60s%s': %s", at, p->text,
              strlen(p->text) > 60 ? "..." : "", what);
}

static void parse_value(vparser *p, const type *t, void *out);

static void parse_int(vparser *p, const type *t, void *out) {
  p->s = skip_ws(p->s);
  const char *start = p->s;
  if (*start != '-' && *start != '+' && (*start < '0' || *start > '9'))
    value_error(p, "expected an integer");
  char *end;
  errno = 0;
  long long v = strtoll(start, &end, 10);
  if (errno == ERANGE) value_error(p, "integer out of range");
  p->s = end;
  if (t->kind == T_I32) {
    if (v < INT32_MIN || v > INT32_MAX) value_error(p, "integer out of i32 range");
    *(int32_t *)out = (int32_t)v;
  } else {
    *(int64_t *)out = (int64_t)v;
  }
}

static void parse_float(vparser *p, const type *t, void *out) {
  p->s = skip_ws(p->s);
  char *end;
  /* strtod reads C hex floats (%a) exactly and decimals correctly rounded */
  double v = strtod(p->s, &end);
  if (end == p->s) value_error(p, "expected a float");
  p->s = end;
  if (t->kind == T_F32)
    *(float *)out = (float)v;
  else
    *(double *)out = v;
}

static void parse_bool(vparser *p, void *out) {
  p->s = skip_ws(p->s);
  if (!strncmp(p->s, "true", 4)) {
    *(bool *)out = true;
    p->s += 4;
  } else if (!strncmp(p->s, "false", 5)) {
    *(bool *)out = false;
    p->s += 5;
  } else {
    value_error(p, "expected true or false");
  }
}

static int array_kind(const type *e) {
  switch (e->kind) {
  case T_I64: return HX_KIND_I64;
  case T_F64: return HX_KIND_F64;
  case T_BOOL: return HX_KIND_BOOL;
  case T_I32: return HX_KIND_I32;
  case T_F32: return HX_KIND_F32;
  case T_LIST: return HX_KIND_ARRAY;
  case T_TUPLE: return HX_KIND_TUPLE;
  }
  return 0;
}

/* A tuple type's leaves in column order (nested tuples flattened), with
 * their offsets in the tuple value's C struct: a list of tuples stores leaf
 * j of every element in column j (hxrt.h, "lists of tuples"). */
typedef struct {
  int n;
  size_t *offset;
  const type **type;
  int32_t *kind;
} leaves;

static void add_leaves(leaves *l, const type *t, size_t base) {
  if (t->kind == T_TUPLE) {
    for (int i = 0; i < t->count; i++) add_leaves(l, t->members[i], base + t->offsets[i]);
    return;
  }
  l->offset = realloc(l->offset, (size_t)(l->n + 1) * sizeof *l->offset);
  l->type = realloc(l->type, (size_t)(l->n + 1) * sizeof *l->type);
  l->kind = realloc(l->kind, (size_t)(l->n + 1) * sizeof *l->kind);
  if (!l->offset || !l->type || !l->kind) usage_error("out of memory");
  l->offset[l->n] = base;
  l->type[l->n] = t;
  l->kind[l->n] = array_kind(t);
  l->n++;
}

static void free_leaves(leaves *l) {
  free(l->offset);
  free(l->type);
  free(l->kind);
}

/* A list of n tuples of type e from their C structs (esize bytes apart). */
static hx_array *tuples_from_structs(hx_context *ctx, const type *e, const char *buf, size_t esize, size_t n) {
  leaves l = {0};
  add_leaves(&l, e, 0);
  hx_array *a = hx_array_new_tuples(ctx, l.n, l.kind, (int64_t)n);
  if (!a) usage_error("cannot allocate a list of %zu elements", n);
  for (int j = 0; j < l.n; j++) {
    char *col = hx_array_column(a, j);
    size_t sz = l.type[j]->size;
    for (size_t i = 0; i < n; i++) memcpy(col + i * sz, buf + i * esize + l.offset[j], sz);
  }
  free_leaves(&l);
  return a;
}

static void parse_list(vparser *p, const type *t, void *out) {
  p->s = skip_ws(p->s);
  if (*p->s != '[') value_error(p, "expected '['");
  p->s = skip_ws(p->s + 1);
  const type *e = t->elem;
  size_t esize = e->size ? e->size : 1;
  size_t n = 0, cap = 0;
  char *buf = NULL;
  if (*p->s != ']') {
    for (;;) {
      if (n == cap) {
        cap = cap ? 2 * cap : 64;
        buf = realloc(buf, cap * esize);
        if (!buf) usage_error("out of memory");
      }
      memset(buf + n * esize, 0, esize);
      parse_value(p, e, buf + n * esize);
      n++;
      p->s = skip_ws(p->s);
      if (*p->s != ',') break;
      p->s++;
    }
  }
  if (*p->s != ']') value_error(p, "expected ',' or ']'");
  p->s++;
  hx_array *a;
  if (e->kind == T_TUPLE) {
    a = tuples_from_structs(p->ctx, e, buf, esize, n);
  } else {
    a = hx_array_new(p->ctx, array_kind(e), (int64_t)n);
    if (!a) usage_error("cannot allocate a list of %zu elements", n);
    if (n) memcpy(hx_array_data(a), buf, n * esize);
  }
  free(buf);
  *(hx_array **)out = a;
}

static void parse_value(vparser *p, const type *t, void *out) {
  switch (t->kind) {
  case T_I64:
  case T_I32: parse_int(p, t, out); break;
  case T_F64:
  case T_F32: parse_float(p, t, out); break;
  case T_BOOL: parse_bool(p, out); break;
  case T_LIST: parse_list(p, t, out); break;
  case T_TUPLE:
    p->s = skip_ws(p->s);
    if (t->atom) { /* the atom itself: nothing to store */
      if (*p->s != ':' || strncmp(p->s + 1, t->atom, t->atomlen) != 0) value_error(p, "expected the atom of the type");
      p->s += 1 + t->atomlen;
      break;
    }
    if (*p->s != '{') value_error(p, "expected '{'");
    p->s++;
    for (int i = 0; i < t->count; i++) {
      if (i) {
        p->s = skip_ws(p->s);
        if (*p->s != ',') value_error(p, "expected ','");
        p->s++;
      }
      parse_value(p, t->members[i], (char *)out + t->offsets[i]);
    }
    p->s = skip_ws(p->s);
    if (*p->s != '}') value_error(p, "expected '}'");
    p->s++;
    break;
  }
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) usage_error("cannot open %s: %s", path, strerror(errno));
  size_t n = 0, cap = 1 << 16;
  char *buf = xmalloc(cap);
  for (size_t got; (got = fread(buf + n, 1, cap - n - 1, f)) > 0;) {
    n += got;
    if (cap - n - 1 == 0) {
      cap *= 2;
      buf = realloc(buf, cap);
      if (!buf) usage_error("out of memory");
    }
  }
  fclose(f);
  buf[n] = '\0';
  return buf;
}

/* Storage for a value of t, 64-byte aligned and zeroed, at least 256 bytes
 * so that a callee writing a slightly different layout cannot overrun. */
static void *value_storage(const type *t) {
  size_t size = t->size > 256 ? (t->size + 63) / 64 * 64 : 256;
  void *p = aligned_alloc(64, size);
  if (!p) usage_error("out of memory");
  memset(p, 0, size);
  return p;
}

/* ---- freeing ----------------------------------------------------------- */
/* Every list reachable from the arguments and the result, each once: the
 * result may legitimately hold the same list twice. */

typedef struct {
  hx_array **items;
  size_t n, cap;
} array_set;

static void collect(array_set *set, const type *t, const void *v) {
  if (t->kind == T_TUPLE) {
    for (int i = 0; i < t->count; i++)
      collect(set, t->members[i], (const char *)v + t->offsets[i]);
    return;
  }
  if (t->kind != T_LIST) return;
  hx_array *a = *(hx_array *const *)v;
  if (!a) return;
  if (set->n == set->cap) {
    set->cap = set->cap ? 2 * set->cap : 64;
    set->items = realloc(set->items, set->cap * sizeof *set->items);
    if (!set->items) usage_error("out of memory");
  }
  set->items[set->n++] = a;
  const type *e = t->elem;
  if (e->kind == T_TUPLE) {
    /* the lists held in a list of tuples: its columns of kind HX_KIND_ARRAY */
    leaves l = {0};
    add_leaves(&l, e, 0);
    for (int j = 0; j < l.n && j < hx_array_columns(a); j++) {
      if (l.type[j]->kind != T_LIST) continue;
      const char *col = hx_array_ccolumn(a, j);
      for (int64_t i = 0; i < hx_array_len(a); i++) collect(set, l.type[j], col + (size_t)i * sizeof(hx_array *));
    }
    free_leaves(&l);
    return;
  }
  if (e->kind != T_LIST) return;
  const char *data = hx_array_cdata(a);
  for (int64_t i = 0; i < hx_array_len(a); i++) collect(set, e, data + (size_t)i * e->size);
}

static int cmp_ptr(const void *a, const void *b) {
  const char *x = *(const char *const *)a, *y = *(const char *const *)b;
  return x < y ? -1 : x > y;
}

static void free_all(hx_context *ctx, array_set *set) {
  if (set->n == 0) return;
  qsort(set->items, set->n, sizeof *set->items, cmp_ptr);
  for (size_t i = 0; i < set->n; i++)
    if (i == 0 || set->items[i] != set->items[i - 1]) hxrt_release(ctx, set->items[i]);
  free(set->items);
}

/* ---- one call ---------------------------------------------------------- */

typedef struct {
  const char *symbol;
  entry_fn fn;
  const char *ret_desc;
  type *ret_type;
  int nargs;
  type **arg_types;
  char **arg_texts; /* the value texts (or @FILE) */
} call_spec;

/* Resolves and checks one call's symbol and descriptors (argv: SYMBOL
 * RET_TYPE [ARG_TYPE ARG_VALUE]...). Bad usage exits before any call runs. */
static void prepare_call(void *handle, const char *lib, char **argv, int argc, call_spec *c) {
  if (argc < 2 || argc % 2 != 0) usage_error("a call needs SYMBOL RET_TYPE [ARG_TYPE ARG_VALUE]...");
  c->symbol = argv[0];
  dlerror();
  /* POSIX's way to turn dlsym's void * into a function pointer. */
  *(void **)&c->fn = dlsym(handle, c->symbol);
  const char *err = dlerror();
  if (err || !c->fn) usage_error("cannot find %s in %s: %s", c->symbol, lib, err ? err : "null symbol");
  c->ret_desc = argv[1];
  c->ret_type = parse_type_arg(argv[1]);
  c->nargs = (argc - 2) / 2;
  c->arg_types = xmalloc((size_t)c->nargs * sizeof *c->arg_types);
  c->arg_texts = xmalloc((size_t)c->nargs * sizeof *c->arg_texts);
  for (int i = 0; i < c->nargs; i++) {
    c->arg_types[i] = parse_type_arg(argv[2 + 2 * i]);
    c->arg_texts[i] = argv[3 + 2 * i];
  }
}

static void free_call(call_spec *c) {
  for (int i = 0; i < c->nargs; i++) free_type(c->arg_types[i]);
  free(c->arg_types);
  free(c->arg_texts);
  free_type(c->ret_type);
}

/* Runs one call in a context of its own and prints its result on stdout.
 * A raise prints Elixir's error text on stderr or, with a separator (several
 * calls), on stdout after the line "SEPARATOR raised", so that every call's
 * outcome stays with its result. Returns the exit status: 0, 3 (raised) or
 * 2 (the result could not be written). */
static int run_call(const call_spec *c, const char *separator) {
  hx_context *ctx = hx_context_new();
  if (!ctx) usage_error("out of memory");
  void **args = xmalloc((size_t)(c->nargs + 1) * sizeof *args);
  for (int i = 0; i < c->nargs; i++) {
    const char *text = c->arg_texts[i];
    char *owned = text[0] == '@' ? read_file(text + 1) : NULL;
    vparser p = {owned ? owned : text, owned ? owned : text, ctx};
    args[i] = value_storage(c->arg_types[i]);
    parse_value(&p, c->arg_types[i], args[i]);
    if (*skip_ws(p.s) != '\0') value_error(&p, "trailing text");
    free(owned);
  }
  args[c->nargs] = NULL;
  void *ret = value_storage(c->ret_type);

  int rc = c->fn(ctx, args, ret);

  int status = 0;
  array_set set = {0};
  if (rc == HX_OK) {
    /* Size first, then one write: a 33M-element list is ~300 MB of text. */
    size_t len = hx_inspect(NULL, 0, c->ret_desc, ret);
    char *out = xmalloc(len + 2);
    hx_inspect(out, len + 1, c->ret_desc, ret);
    out[len] = '\n';
    if (fwrite(out, 1, len + 1, stdout) != len + 1 || fflush(stdout) != 0) {
      fprintf(stderr, "hx-run: cannot write the result: %s\n", strerror(errno));
      status = 2;
    }
    free(out);
    collect(&set, c->ret_type, ret);
  } else {
    FILE *to = stderr;
    if (separator) {
      printf("%s raised\n", separator);
      to = stdout;
    }
    const char *msg = hx_context_error(ctx);
    if (*msg)
      fprintf(to, "%s\n", msg);
    else
      fprintf(to, "hx-run: %s failed with error code %d\n", c->symbol, rc);
    fflush(to);
    status = 3;
  }
  for (int i = 0; i < c->nargs; i++) collect(&set, c->arg_types[i], args[i]);
  free_all(ctx, &set);
  /* HX_REPORT_LIVE=1: arrays still allocated once the result and the
   * arguments are freed (0 unless compiled code leaks; lit tests check it;
   * the count is process-wide, so with several calls it covers all so far). */
  const char *rl = getenv("HX_REPORT_LIVE");
  if (rl && rl[0] == '1') fprintf(stderr, "hx-run: %lld arrays live\n", (long long)hxrt_live_arrays(ctx));
  hx_context_free(ctx);
  for (int i = 0; i < c->nargs; i++) free(args[i]);
  free(args);
  free(ret);
  return status;
}

/* ---- main -------------------------------------------------------------- */

int main(int argc, char **argv) {
  if (argc == 2 && strcmp(argv[1], "--devices") == 0) {
    /* `hastec devices`: the OpenCL listing, from this LLVM-free process. */
    int n = hxrt_cl_devices(NULL, 0);
    char *buf = malloc((size_t)n + 1);
    if (!buf) usage_error("out of memory");
    hxrt_cl_devices(buf, (size_t)n + 1);
    fputs(buf, stdout); /* never empty: without devices it says why */
    free(buf);
    return 0;
  }
  const char *separator = NULL;
  if (argc >= 3 && strcmp(argv[1], "--separator") == 0) {
    separator = argv[2];
    if (strchr(separator, '\n')) usage_error("the separator must be one line");
    argv += 2;
    argc -= 2;
  }
  if (argc < 4 || (!separator && (argc - 4) % 2 != 0))
    usage_error("usage: hx-run LIB.so SYMBOL RET_TYPE [ARG_TYPE ARG_VALUE]...\n"
                "       hx-run --separator TEXT LIB.so SYMBOL RET_TYPE [ARG_TYPE ARG_VALUE]... [-- SYMBOL ...]...");
  const char *lib = argv[1];

  void *handle = dlopen(lib, RTLD_NOW | RTLD_LOCAL);
  if (!handle) usage_error("cannot load %s: %s", lib, dlerror());

  /* The calls: argv[2..] split at "--" (no type or value is "--"). */
  int ncalls = 0;
  call_spec *calls = xmalloc((size_t)argc * sizeof *calls);
  for (int start = 2; start < argc;) {
    int end = start;
    while (end < argc && (!separator || strcmp(argv[end], "--") != 0)) end++;
    prepare_call(handle, lib, argv + start, end - start, &calls[ncalls++]);
    start = end + 1;
    if (end < argc && start == argc) usage_error("a call needs SYMBOL RET_TYPE after '--'");
  }

  int status = 0;
  for (int i = 0; i < ncalls; i++) {
    int s = run_call(&calls[i], separator);
    if (s == 2 || (s == 3 && status == 0)) status = s;
    if (separator && (printf("%s\n", separator) < 0 || fflush(stdout) != 0)) {
      fprintf(stderr, "hx-run: cannot write the result: %s\n", strerror(errno));
      status = 2;
    }
    free_call(&calls[i]);
  }
  free(calls);
  return status;
}
