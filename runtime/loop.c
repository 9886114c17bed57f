/* \file loop.c
 * The runtime side of the training fit loop (hxrt_loop.h): clock, progress
 * output, the seeded per-epoch shuffle, checkpoint files and the SVG chart.
 * stdlib/ref/loop.exs is the plain-Elixir twin of every function here; the
 * permutation, the checkpoint bytes, the plain progress lines and the SVG
 * are the same in both (stdlib/ref/loop_check.sh compares them).
 */
#include "hxrt_loop.h"
#include "hxrt_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "loop.c writes checkpoints with memcpy: a little-endian host is assumed"
#endif

/* Raises an ArgumentError with a formatted message. */
#define raisef(ctx, loc, ...) hxrt_raisef((ctx), HX_ERR_ARGUMENT, (loc), __VA_ARGS__)

/* ---- clock ------------------------------------------------------------- */

static double monotonic_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double hxrt_loop_clock(hx_context *ctx, const hx_srcloc *loc, const char *text) {
  (void)ctx, (void)loc, (void)text;
  return monotonic_seconds();
}

/* ---- progress output --------------------------------------------------- */

int hxrt_loop_progress_mode(void) {
  const char *v = getenv("HX_PROGRESS");
  if (v && (strcmp(v, "0") == 0 || strcmp(v, "off") == 0)) return HXRT_PROGRESS_OFF;
  if (v && strcmp(v, "plain") == 0) return HXRT_PROGRESS_PLAIN;
  if (v && strcmp(v, "bar") == 0) return HXRT_PROGRESS_BAR;
  return isatty(2) ? HXRT_PROGRESS_BAR : HXRT_PROGRESS_PLAIN;
}

/* The bar line currently on screen (not yet ended by a newline): its length,
 * so a shorter redraw blanks the rest, and when it was drawn. One training
 * loop runs per process at a time, so process-wide state is enough. */
static struct {
  int open;
  size_t len;
  double drawn_at;
} bar_state;

/* Appends printf-style text to a fixed line buffer (truncating). */
static void __attribute__((format(printf, 3, 4))) addf(char *buf, size_t cap, const char *fmt, ...) {
  size_t used = strlen(buf);
  if (used + 1 >= cap) return;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf + used, cap - used, fmt, ap);
  va_end(ap);
}

/* A metric as %.4f, with NaN and infinities spelled as the Elixir twin does. */
static void add_metric(char *buf, size_t cap, const char *name, double v) {
  if (isnan(v))
    addf(buf, cap, " %s nan", name);
  else if (isinf(v))
    addf(buf, cap, " %s %sinf", name, v < 0 ? "-" : "");
  else
    addf(buf, cap, " %s %.4f", name, v);
}

/* "Epoch 3/20 [#########...........] 23/45 loss 0.1234 acc 0.9375 12.3 steps/s" */
static void bar_line(char *buf, size_t cap, int64_t epoch, int64_t epochs, int64_t step, int64_t steps, double loss,
                     double acc, double seconds) {
  enum { CELLS = 20 };
  int64_t filled = steps > 0 ? step * CELLS / steps : CELLS;
  if (filled < 0) filled = 0;
  if (filled > CELLS) filled = CELLS;
  char cells[CELLS + 1];
  for (int i = 0; i < CELLS; i++) cells[i] = i < filled ? '#' : '.';
  cells[CELLS] = '\0';
  buf[0] = '\0';
  addf(buf, cap, "Epoch %" PRId64 "/%" PRId64 " [%s] %" PRId64 "/%" PRId64, epoch, epochs, cells, step, steps);
  add_metric(buf, cap, "loss", loss);
  if (!isnan(acc)) add_metric(buf, cap, "acc", acc);
  if (seconds > 0 && step > 0) addf(buf, cap, " %.1f steps/s", (double)step / seconds);
}

/* Writes "\r" + line, blanking what is left of a longer previous line. */
static void redraw(FILE *out, const char *line) {
  size_t len = strlen(line);
  fputc('\r', out);
  fputs(line, out);
  for (size_t i = len; i < bar_state.len; i++) fputc(' ', out);
  bar_state.len = len;
  bar_state.open = 1;
}

/* Ends a bar line left open by phase 0 before other output. */
static void close_bar(FILE *out) {
  if (bar_state.open) fputc('\n', out);
  bar_state.open = 0;
  bar_state.len = 0;
}

void hxrt_loop_report_to(FILE *out, int mode, const char *text, int64_t phase, int64_t epoch, int64_t epochs,
                         int64_t step, int64_t steps, double loss, double acc, double val_loss, double val_acc,
                         double seconds) {
  if (!out || mode == HXRT_PROGRESS_OFF) return;
  char line[1024];
  line[0] = '\0';
  int bar = mode == HXRT_PROGRESS_BAR;
  switch (phase) {
  case HXRT_LOOP_STEP: {
    if (!bar) return;
    double now = monotonic_seconds();
    int due = step <= 1 || step >= steps || !bar_state.open || now - bar_state.drawn_at >= 0.1;
    if (!due) return;
    bar_line(line, sizeof line, epoch, epochs, step, steps, loss, acc, seconds);
    redraw(out, line);
    bar_state.drawn_at = now;
    break;
  }
  case HXRT_LOOP_EPOCH:
    if (bar) {
      int64_t done = steps > 0 ? steps : step;
      bar_line(line, sizeof line, epoch, epochs, done, done, loss, acc, seconds);
      if (!isnan(val_loss)) add_metric(line, sizeof line, "val_loss", val_loss);
      if (!isnan(val_acc)) add_metric(line, sizeof line, "val_acc", val_acc);
      redraw(out, line);
      fputc('\n', out);
      bar_state.open = 0;
      bar_state.len = 0;
    } else {
      addf(line, sizeof line, "Epoch %" PRId64 "/%" PRId64 ":", epoch, epochs);
      add_metric(line, sizeof line, "loss", loss);
      if (!isnan(acc)) add_metric(line, sizeof line, "acc", acc);
      if (!isnan(val_loss)) add_metric(line, sizeof line, "val_loss", val_loss);
      if (!isnan(val_acc)) add_metric(line, sizeof line, "val_acc", val_acc);
      addf(line, sizeof line, " (%.3f s)\n", seconds);
      fputs(line, out);
    }
    break;
  case HXRT_LOOP_EARLY_STOP: {
    if (bar) close_bar(out);
    char best[64] = "";
    add_metric(best, sizeof best, "best", loss);
    fprintf(out,
            "Early stopping after epoch %" PRId64 ": %s did not improve for %" PRId64 " epoch%s (%s at epoch %" PRId64
            ")\n",
            epoch, text ? text : "loss", steps, steps == 1 ? "" : "s", best + 1, step);
    break;
  }
  case HXRT_LOOP_CHECKPOINT:
    if (bar) return;
    fprintf(out, "Saved checkpoint %s (epoch %" PRId64 ")\n", text ? text : "", epoch);
    break;
  default:
    return;
  }
  fflush(out);
}

int64_t hxrt_loop_report(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t phase, int64_t epoch,
                         int64_t epochs, int64_t step, int64_t steps, double loss, double acc, double val_loss,
                         double val_acc, double seconds) {
  if (phase < HXRT_LOOP_STEP || phase > HXRT_LOOP_CHECKPOINT)
    raisef(ctx, loc, "unknown progress phase %" PRId64 " (expected 0 to 3)", phase);
  hxrt_loop_report_to(stderr, hxrt_loop_progress_mode(), text, phase, epoch, epochs, step, steps, loss, acc,
                      val_loss, val_acc, seconds);
  return 0;
}

/* ---- shuffling --------------------------------------------------------- */

static uint64_t splitmix64(uint64_t *state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

hx_array *hxrt_loop_permutation(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t n, int64_t seed,
                                int64_t epoch) {
  (void)text;
  if (n < 0) raisef(ctx, loc, "cannot shuffle %" PRId64 " elements: the count must be >= 0", n);
  hx_array *a = hxrt_alloc(ctx, HX_KIND_I64, n);
  int64_t *p = a->data;
  for (int64_t i = 0; i < n; i++) p[i] = i;
  uint64_t state = (uint64_t)seed * 0x9E3779B97F4A7C15ull + (uint64_t)epoch;
  for (int64_t i = n - 1; i >= 1; i--) {
    int64_t j = (int64_t)(splitmix64(&state) % (uint64_t)(i + 1));
    int64_t t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return a;
}

/* ---- checkpoints ------------------------------------------------------- */

/* docs/training.md, "Checkpoint format". */
static const char kMagic[8] = {'H', 'X', 'C', 'K', 'P', 'T', '0', '1'};
enum { MAX_RANK = 4 };

static uint64_t fnv1a64(const uint8_t *p, size_t n) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < n; i++) {
    h ^= p[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

/* Element size of a checkpoint type code (= the hx_kind number), 0 if none. */
static int type_size(int64_t t) {
  switch (t) {
  case HX_KIND_I64:
  case HX_KIND_F64: return 8;
  case HX_KIND_I32:
  case HX_KIND_F32: return 4;
  default: return 0;
  }
}

static const char *type_name(int64_t t) {
  switch (t) {
  case HX_KIND_I64: return "s64";
  case HX_KIND_F64: return "f64";
  case HX_KIND_I32: return "s32";
  case HX_KIND_F32: return "f32";
  default: return "?";
  }
}

/* "b1 f32[64]" / "bias f32" (rank 0), shapes printed as Nx does. */
static void describe(char *buf, size_t cap, const char *name, size_t name_len, int64_t type, int64_t rank,
                     const int64_t *dims) {
  buf[0] = '\0';
  addf(buf, cap, "%.*s %s", (int)(name_len > 1000 ? 1000 : name_len), name, type_name(type));
  for (int64_t i = 0; i < rank; i++) addf(buf, cap, "[%" PRId64 "]", dims[i]);
}

/* The path and the names packed in text ("PATH\nNAME0\nNAME1..."). */
typedef struct {
  char *path;          /* heap: the whole text, split in place */
  const char **names;  /* heap: count entries */
  size_t *name_lens;
} packed_text;

static void packed_free(packed_text *pt) {
  free(pt->path);
  free(pt->names);
  free(pt->name_lens);
}

/* Splits text into a path and exactly count names; returns 0, or -1 (with
 * nothing held) when there are fewer names, or when out of memory. */
static int unpack_text(const char *text, int64_t count, packed_text *pt) {
  memset(pt, 0, sizeof *pt);
  if (!text) return -1;
  pt->path = strdup(text);
  pt->names = malloc(sizeof *pt->names * (size_t)(count > 0 ? count : 1));
  pt->name_lens = malloc(sizeof *pt->name_lens * (size_t)(count > 0 ? count : 1));
  if (!pt->path || !pt->names || !pt->name_lens) {
    packed_free(pt);
    return -1;
  }
  char *p = strchr(pt->path, '\n');
  if (p) *p++ = '\0';
  for (int64_t i = 0; i < count; i++) {
    if (!p) {
      packed_free(pt);
      return -1;
    }
    char *nl = strchr(p, '\n');
    if (nl) *nl = '\0';
    pt->names[i] = p;
    pt->name_lens[i] = strlen(p);
    p = nl ? nl + 1 : NULL;
  }
  return 0;
}

/* One tensor handed to hxrt_checkpoint_save. */
typedef struct {
  const hx_array *data;
  int64_t rank, dims[MAX_RANK];
} save_item;

static void put(uint8_t **w, const void *src, size_t n) {
  memcpy(*w, src, n);
  *w += n;
}

/* Writes size bytes to path atomically (path.tmp, fsync, rename); returns 0
 * or an errno value with nothing left behind. */
static int write_atomically(const char *path, const uint8_t *bytes, size_t size) {
  size_t plen = strlen(path);
  char *tmp = malloc(plen + 5);
  if (!tmp) return ENOMEM;
  memcpy(tmp, path, plen);
  memcpy(tmp + plen, ".tmp", 5);
  int err = 0;
  FILE *fp = fopen(tmp, "wb");
  if (!fp) {
    err = errno;
    free(tmp);
    return err;
  }
  if (fwrite(bytes, 1, size, fp) != size || fflush(fp) != 0) err = errno ? errno : EIO;
  if (!err && fsync(fileno(fp)) != 0 && errno != EINVAL && errno != EROFS) err = errno;
  if (fclose(fp) != 0 && !err) err = errno ? errno : EIO;
  if (!err && rename(tmp, path) != 0) err = errno;
  if (err) remove(tmp);
  free(tmp);
  return err;
}

int64_t hxrt_checkpoint_save(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t count, ...) {
  if (count < 0 || count > UINT32_MAX) raisef(ctx, loc, "cannot save %" PRId64 " tensors in a checkpoint", count);
  packed_text pt;
  if (unpack_text(text, count, &pt) != 0)
    raisef(ctx, loc, "checkpoint_save: expected a path and %" PRId64 " tensor names, got %s%s%s", count,
           text ? "\"" : "", text ? text : "none", text ? "\"" : "");

  /* Gather and check every tensor, and size the file, before writing. */
  save_item *items = malloc(sizeof *items * (size_t)(count > 0 ? count : 1));
  if (!items) {
    packed_free(&pt);
    hxrt_raise(ctx, HX_ERR_OUT_OF_MEMORY, "cannot allocate a checkpoint", loc);
  }
  char problem[1024] = "";
  size_t size = 8 + 4 + 4 + 8;
  va_list ap;
  va_start(ap, count);
  for (int64_t i = 0; i < count; i++) {
    save_item *it = &items[i];
    it->data = va_arg(ap, const hx_array *);
    it->rank = va_arg(ap, int64_t);
    for (int d = 0; d < MAX_RANK; d++) it->dims[d] = va_arg(ap, int64_t);
    if (problem[0]) continue;
    int kind = it->data ? hx_array_kind(it->data) : 0;
    int64_t elems = 1;
    int dims_ok = it->rank >= 0 && it->rank <= MAX_RANK;
    for (int64_t d = 0; dims_ok && d < it->rank; d++) {
      if (it->dims[d] < 0 || (it->dims[d] > 0 && elems > INT64_MAX / it->dims[d])) dims_ok = 0;
      else elems *= it->dims[d];
    }
    if (!it->data || type_size(kind) == 0)
      snprintf(problem, sizeof problem, "tensor %" PRId64 " (%s) is not an s64, f64, s32 or f32 array", i,
               pt.names[i]);
    else if (!dims_ok)
      snprintf(problem, sizeof problem, "tensor %" PRId64 " (%s) has a bad shape (rank %" PRId64 ")", i,
               pt.names[i], it->rank);
    else if (elems != hx_array_len(it->data))
      snprintf(problem, sizeof problem, "tensor %" PRId64 " (%s) has %" PRId64 " elements, its shape %" PRId64,
               i, pt.names[i], hx_array_len(it->data), elems);
    else if (pt.name_lens[i] > UINT32_MAX)
      snprintf(problem, sizeof problem, "tensor %" PRId64 " has a name too long", i);
    else
      size += 4 + pt.name_lens[i] + 4 + 8 * (size_t)it->rank + (size_t)elems * (size_t)type_size(kind);
  }
  va_end(ap);
  uint8_t *bytes = problem[0] ? NULL : malloc(size);
  if (problem[0] || !bytes) {
    char msg[1200];
    snprintf(msg, sizeof msg, "cannot write checkpoint \"%s\": %s", pt.path, problem[0] ? problem : "out of memory");
    free(items);
    packed_free(&pt);
    hxrt_raise(ctx, problem[0] ? HX_ERR_ARGUMENT : HX_ERR_OUT_OF_MEMORY, msg, loc);
  }

  uint8_t *w = bytes;
  uint32_t u32 = (uint32_t)count, zero32 = 0;
  put(&w, kMagic, 8);
  put(&w, &u32, 4);
  put(&w, &zero32, 4);
  for (int64_t i = 0; i < count; i++) {
    const save_item *it = &items[i];
    int kind = hx_array_kind(it->data);
    u32 = (uint32_t)pt.name_lens[i];
    put(&w, &u32, 4);
    put(&w, pt.names[i], pt.name_lens[i]);
    uint8_t head[4] = {(uint8_t)kind, (uint8_t)it->rank, 0, 0};
    put(&w, head, 4);
    put(&w, it->dims, 8 * (size_t)it->rank);
    put(&w, hx_array_cdata(it->data), (size_t)hx_array_len(it->data) * (size_t)type_size(kind));
  }
  uint64_t h = fnv1a64(bytes, (size_t)(w - bytes));
  put(&w, &h, 8);
  int err = write_atomically(pt.path, bytes, size);
  free(bytes);
  free(items);
  if (err) {
    char msg[4200];
    snprintf(msg, sizeof msg, "could not write checkpoint \"%s\": %s", pt.path, strerror(err));
    packed_free(&pt);
    hxrt_raise(ctx, HX_ERR_ARGUMENT, msg, loc);
  }
  packed_free(&pt);
  return 0;
}

/* Reads a whole file; returns 0 or an errno value. */
static int read_file(const char *path, uint8_t **out, size_t *out_size) {
  *out = NULL;
  *out_size = 0;
  FILE *fp = fopen(path, "rb");
  if (!fp) return errno;
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap);
  int err = buf ? 0 : ENOMEM;
  while (!err) {
    if (n == cap) {
      uint8_t *bigger = realloc(buf, cap * 2);
      if (!bigger) {
        err = ENOMEM;
        break;
      }
      buf = bigger;
      cap *= 2;
    }
    size_t got = fread(buf + n, 1, cap - n, fp);
    n += got;
    if (got == 0) {
      if (ferror(fp)) err = errno ? errno : EIO;
      break;
    }
  }
  fclose(fp);
  if (err) {
    free(buf);
    return err;
  }
  *out = buf;
  *out_size = n;
  return 0;
}

/* One tensor's header inside a checkpoint's bytes. */
typedef struct {
  const char *name;
  size_t name_len;
  int64_t type, rank, dims[MAX_RANK], elems;
  const uint8_t *data;
} ckpt_entry;

/* Walks a checkpoint's bytes; fills entry `want` (if in range). Returns the
 * tensor count, -1 for a foreign file, -2 for a truncated or corrupt one. */
static int64_t parse_checkpoint(const uint8_t *b, size_t size, int64_t want, ckpt_entry *found) {
  if (size < 8) return memcmp(b, kMagic, size) == 0 ? -2 : -1;
  if (memcmp(b, kMagic, 8) != 0) return -1;
  if (size < 8 + 8 + 8) return -2;
  uint64_t stored;
  memcpy(&stored, b + size - 8, 8);
  size_t body = size - 8;
  if (fnv1a64(b, body) != stored) return -2;
  uint32_t count, reserved;
  memcpy(&count, b + 8, 4);
  memcpy(&reserved, b + 12, 4);
  if (reserved != 0) return -2;
  size_t at = 16;
  for (uint32_t i = 0; i < count; i++) {
    ckpt_entry e;
    uint32_t name_len;
    if (body - at < 4) return -2;
    memcpy(&name_len, b + at, 4);
    at += 4;
    if (body - at < (size_t)name_len + 4) return -2;
    e.name = (const char *)b + at;
    e.name_len = name_len;
    at += name_len;
    e.type = b[at];
    e.rank = b[at + 1];
    if (type_size(e.type) == 0 || e.rank > MAX_RANK || b[at + 2] != 0 || b[at + 3] != 0) return -2;
    at += 4;
    if (body - at < 8 * (size_t)e.rank) return -2;
    e.elems = 1;
    for (int64_t d = 0; d < e.rank; d++) {
      memcpy(&e.dims[d], b + at, 8);
      at += 8;
      if (e.dims[d] < 0 || (e.dims[d] > 0 && e.elems > INT64_MAX / 8 / e.dims[d])) return -2;
      e.elems *= e.dims[d];
    }
    size_t bytes = (size_t)e.elems * (size_t)type_size(e.type);
    if (body - at < bytes) return -2;
    e.data = b + at;
    at += bytes;
    if ((int64_t)i == want) *found = e;
  }
  return at == body ? (int64_t)count : -2;
}

hx_array *hxrt_checkpoint_load(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t index,
                               int64_t count, int64_t kind, int64_t rank, int64_t d0, int64_t d1, int64_t d2,
                               int64_t d3) {
  int64_t dims[MAX_RANK] = {d0, d1, d2, d3};
  int64_t elems = 1;
  int args_ok = type_size(kind) != 0 && rank >= 0 && rank <= MAX_RANK && index >= 0 && index < count;
  for (int64_t d = 0; args_ok && d < rank; d++) {
    if (dims[d] < 0 || (dims[d] > 0 && elems > INT64_MAX / 8 / dims[d])) args_ok = 0;
    else elems *= dims[d];
  }
  if (!args_ok)
    raisef(ctx, loc, "checkpoint_load: cannot load tensor %" PRId64 " of %" PRId64 " as kind %" PRId64
           " rank %" PRId64, index, count, kind, rank);
  /* The result first: it is tracked, so every raise below frees it, and the
   * buffers held here are released before raising. */
  hx_array *out = hxrt_alloc(ctx, (int)kind, elems);
  packed_text pt;
  if (unpack_text(text, 1, &pt) != 0)
    raisef(ctx, loc, "checkpoint_load: expected a path and a tensor name, got %s%s%s", text ? "\"" : "",
           text ? text : "none", text ? "\"" : "");
  char msg[4600];
  uint8_t *bytes = NULL;
  size_t size = 0;
  int err = read_file(pt.path, &bytes, &size);
  if (err) {
    snprintf(msg, sizeof msg, "could not read checkpoint \"%s\": %s", pt.path, strerror(err));
  } else {
    ckpt_entry e;
    memset(&e, 0, sizeof e);
    int64_t held = parse_checkpoint(bytes, size, index, &e);
    int same = held == count && e.name_len == pt.name_lens[0] && memcmp(e.name, pt.names[0], e.name_len) == 0 &&
               e.type == kind && e.rank == rank;
    for (int64_t d = 0; same && d < rank; d++) same = e.dims[d] == dims[d];
    if (same) {
      memcpy(out->data, e.data, (size_t)elems * (size_t)type_size(kind));
      free(bytes);
      packed_free(&pt);
      return out;
    }
    if (held == -1) {
      snprintf(msg, sizeof msg, "\"%s\" is not a hastec checkpoint", pt.path);
    } else if (held == -2) {
      snprintf(msg, sizeof msg, "checkpoint \"%s\" is truncated or corrupt", pt.path);
    } else if (held != count) {
      snprintf(msg, sizeof msg, "checkpoint \"%s\" holds %" PRId64 " tensor%s, expected %" PRId64, pt.path, held,
               held == 1 ? "" : "s", count);
    } else {
      char is[1200], expected[1200];
      describe(is, sizeof is, e.name, e.name_len, e.type, e.rank, e.dims);
      describe(expected, sizeof expected, pt.names[0], pt.name_lens[0], kind, rank, dims);
      snprintf(msg, sizeof msg, "checkpoint \"%s\": tensor %" PRId64 " is %s, expected %s", pt.path, index, is,
               expected);
    }
  }
  free(bytes);
  packed_free(&pt);
  hxrt_raise(ctx, HX_ERR_ARGUMENT, msg, loc);
}

/* ---- the chart --------------------------------------------------------- */

/* The SVG is plain text built in a growing buffer, then written atomically
 * like a checkpoint. Every number goes through fmt_num, so no "nan" or
 * locale-dependent text can appear; the Elixir twin formats the same way
 * (exact decimal rounding, half to even), so both write the same bytes. */
typedef struct {
  char *p;
  size_t len, cap;
  int oom;
} sbuf;

static void __attribute__((format(printf, 2, 3))) sb_printf(sbuf *s, const char *fmt, ...) {
  if (s->oom) return;
  for (;;) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(s->p + s->len, s->cap - s->len, fmt, ap);
    va_end(ap);
    if (n < 0) {
      s->oom = 1;
      return;
    }
    if ((size_t)n < s->cap - s->len) {
      s->len += (size_t)n;
      return;
    }
    size_t cap = (s->cap + (size_t)n + 1) * 2;
    char *p = realloc(s->p, cap);
    if (!p) {
      s->oom = 1;
      return;
    }
    s->p = p;
    s->cap = cap;
  }
}

/* A coordinate or label: %.*f of a finite value ("0" for anything else),
 * with "-0.00" written as "0.00". */
static const char *fmt_num(char *buf, size_t cap, double v, int decimals) {
  if (!isfinite(v)) v = 0;
  snprintf(buf, cap, "%.*f", decimals, v);
  if (buf[0] == '-') {
    int zero = 1;
    for (const char *c = buf + 1; *c; c++)
      if (*c != '0' && *c != '.') zero = 0;
    if (zero) memmove(buf, buf + 1, strlen(buf));
  }
  for (char *c = buf; *c; c++)
    if (*c == ',') *c = '.'; /* a decimal comma from an exotic LC_NUMERIC */
  return buf;
}

/* A coordinate as text, alive until the end of the full expression that
 * calls num() (C11 temporaries with an array member), so several can be
 * arguments of one sb_printf. */
typedef struct {
  char s[40];
} numtxt;

static numtxt num(double v) {
  numtxt t;
  fmt_num(t.s, sizeof t.s, v, 2);
  return t;
}
#define NUM(v) (num(v).s)

/* A "nice" axis: ticks lo, lo + step, ..., hi with step 1, 2 or 5 x 10^k. */
typedef struct {
  double lo, hi, step;
  int ticks, decimals;
} axis;

static axis nice_axis(double lo, double hi, int target, int integer_steps) {
  axis a;
  double raw = (hi - lo) / target;
  int e = (int)floor(log10(raw));
  double p = pow(10.0, e);
  double f = raw / p;
  double nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  if (nf == 10) {
    nf = 1;
    e += 1;
    p = pow(10.0, e);
  }
  a.step = nf * p;
  a.decimals = e < 0 ? -e : 0;
  if (integer_steps && a.step < 1) {
    a.step = 1;
    a.decimals = 0;
  }
  a.lo = floor(lo / a.step) * a.step;
  a.hi = ceil(hi / a.step) * a.step;
  a.ticks = (int)floor((a.hi - a.lo) / a.step + 0.5) + 1;
  return a;
}

enum { CHART_W = 960, CHART_H = 420, PANEL_W = 480, PLOT_L = 64, PLOT_R = 24, PLOT_T = 64, PLOT_B = 56 };

static const char *const kSeriesColor[2] = {"#1f77b4", "#ff7f0e"};
static const char *const kSeriesName[2] = {"train", "validation"};

/* One panel: columns c0 (train) and c0 + 2 (validation) of history. */
static void chart_panel(sbuf *s, const double *h, int64_t epochs, int panel, const char *title, int column,
                        int is_accuracy) {
  double x0 = panel * PANEL_W + PLOT_L, pw = PANEL_W - PLOT_L - PLOT_R;
  double y0 = PLOT_T, ph = CHART_H - PLOT_T - PLOT_B;
  int present[2] = {0, 0};
  double lo = INFINITY, hi = -INFINITY;
  for (int k = 0; k < 2; k++)
    for (int64_t i = 0; i < epochs; i++) {
      double v = h[i * 4 + column + 2 * k];
      if (!isfinite(v)) continue;
      present[k] = 1;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  int any = present[0] || present[1];
  if (is_accuracy) {
    lo = any && lo < 0 ? lo : 0;
    hi = any && hi > 1 ? hi : 1;
  } else if (!any || !isfinite(hi - lo)) {
    lo = 0, hi = 1;
  } else if (hi - lo <= fabs(hi) * 1e-9) {
    double pad = hi != 0 ? fabs(hi) * 0.1 : 1;
    lo -= pad, hi += pad;
  }
  axis ya = nice_axis(lo, hi, 5, 0);
  double xlo = epochs > 1 ? 1 : 0.5, xhi = epochs > 1 ? (double)epochs : 1.5;
  axis xa = nice_axis(xlo, xhi, 6, 1);

  sb_printf(s, "<g>\n<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">%s</text>\n",
            NUM(x0 + pw / 2), NUM(y0 - 14), title);
  sb_printf(s, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"#fafafa\" stroke=\"#444\"/>\n", NUM(x0),
            NUM(y0), NUM(pw), NUM(ph));
  for (int t = 0; t < ya.ticks; t++) {
    double v = ya.lo + t * ya.step;
    double y = y0 + ph - (v - ya.lo) / (ya.hi - ya.lo) * ph;
    char label[64];
    fmt_num(label, sizeof label, v, ya.decimals);
    sb_printf(s, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#ddd\"/>\n", NUM(x0), NUM(y), NUM(x0 + pw),
              NUM(y));
    sb_printf(s, "<text x=\"%s\" y=\"%s\" text-anchor=\"end\" font-size=\"11\">%s</text>\n", NUM(x0 - 6),
              NUM(y + 4), label);
  }
  for (int t = 0; t < xa.ticks; t++) {
    double v = xa.lo + t * xa.step;
    if (v < xlo - 1e-9 || v > xhi + 1e-9) continue;
    double x = x0 + (v - xlo) / (xhi - xlo) * pw;
    char label[64];
    fmt_num(label, sizeof label, v, 0);
    sb_printf(s, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"#444\"/>\n", NUM(x), NUM(y0 + ph), NUM(x),
              NUM(y0 + ph + 4));
    sb_printf(s, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"11\">%s</text>\n", NUM(x),
              NUM(y0 + ph + 17), label);
  }
  sb_printf(s, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"12\">epoch</text>\n", NUM(x0 + pw / 2),
            NUM(y0 + ph + 36));
  if (!any)
    sb_printf(s, "<text x=\"%s\" y=\"%s\" text-anchor=\"middle\" font-size=\"13\" fill=\"#888\">no data</text>\n",
              NUM(x0 + pw / 2), NUM(y0 + ph / 2));

  int marks = epochs <= 40;
  for (int k = 0; k < 2; k++) {
    if (!present[k]) continue;
    const char *dash = k ? " stroke-dasharray=\"6 4\"" : "";
    /* Runs of finite values are polylines; a NaN breaks the line. */
    int64_t i = 0;
    while (i < epochs) {
      while (i < epochs && !isfinite(h[i * 4 + column + 2 * k])) i++;
      int64_t start = i;
      while (i < epochs && isfinite(h[i * 4 + column + 2 * k])) i++;
      if (i - start >= 2) {
        sb_printf(s, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"", kSeriesColor[k], dash);
        for (int64_t j = start; j < i; j++) {
          double x = x0 + ((double)(j + 1) - xlo) / (xhi - xlo) * pw;
          double y = y0 + ph - (h[j * 4 + column + 2 * k] - ya.lo) / (ya.hi - ya.lo) * ph;
          sb_printf(s, "%s%s,%s", j > start ? " " : "", NUM(x), NUM(y));
        }
        sb_printf(s, "\"/>\n");
      }
      if (marks || i - start == 1)
        for (int64_t j = start; j < i; j++) {
          double x = x0 + ((double)(j + 1) - xlo) / (xhi - xlo) * pw;
          double y = y0 + ph - (h[j * 4 + column + 2 * k] - ya.lo) / (ya.hi - ya.lo) * ph;
          sb_printf(s, "<circle cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"%s\"/>\n", NUM(x), NUM(y), kSeriesColor[k]);
        }
    }
  }
  /* The legend, inside the plot where the curves usually are not: top
   * right for the loss (falling), bottom right for the accuracy (rising). */
  int np = present[0] + present[1];
  if (np) {
    double lx = x0 + pw - 118;
    double ly = is_accuracy ? y0 + ph - 12 - (np - 1) * 18 : y0 + 16;
    sb_printf(s,
              "<rect x=\"%s\" y=\"%s\" width=\"118\" height=\"%s\" fill=\"white\" fill-opacity=\"0.85\" "
              "stroke=\"#ccc\"/>\n",
              NUM(lx - 8), NUM(ly - 12), NUM(np * 18 + 6));
    for (int k = 0; k < 2; k++) {
      if (!present[k]) continue;
      sb_printf(s, "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", NUM(lx),
                NUM(ly), NUM(lx + 24), NUM(ly), kSeriesColor[k], k ? " stroke-dasharray=\"6 4\"" : "");
      sb_printf(s, "<text x=\"%s\" y=\"%s\" font-size=\"12\">%s</text>\n", NUM(lx + 30), NUM(ly + 4),
                kSeriesName[k]);
      ly += 18;
    }
  }
  sb_printf(s, "</g>\n");
}

int64_t hxrt_loop_chart(hx_context *ctx, const hx_srcloc *loc, const char *text, hx_array *history, int64_t epochs) {
  if (!text || !text[0]) raisef(ctx, loc, "chart: no output path given");
  if (!history || hx_array_kind(history) != HX_KIND_F64)
    raisef(ctx, loc, "chart \"%s\": the history must be a list of floats", text);
  if (epochs < 0 || epochs > hx_array_len(history) / 4)
    raisef(ctx, loc, "chart \"%s\": %" PRId64 " epochs, but the history holds %" PRId64 " values (4 per epoch)",
           text, epochs, hx_array_len(history));
  const double *h = hx_array_cdata(history);
  sbuf s = {NULL, 0, 0, 0};
  s.cap = 1 << 14;
  s.p = malloc(s.cap);
  if (!s.p) hxrt_raise(ctx, HX_ERR_OUT_OF_MEMORY, "cannot allocate the chart", loc);
  sb_printf(&s,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
            "font-family=\"sans-serif\">\n",
            CHART_W, CHART_H, CHART_W, CHART_H);
  sb_printf(&s, "<title>Training curves</title>\n<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", CHART_W,
            CHART_H);
  sb_printf(&s,
            "<text x=\"%d\" y=\"26\" text-anchor=\"middle\" font-size=\"18\">Training curves (%" PRId64
            " epoch%s)</text>\n",
            CHART_W / 2, epochs, epochs == 1 ? "" : "s");
  chart_panel(&s, h, epochs, 0, "Loss", 0, 0);
  chart_panel(&s, h, epochs, 1, "Accuracy", 1, 1);
  sb_printf(&s, "</svg>\n");
  if (s.oom) {
    free(s.p);
    hxrt_raise(ctx, HX_ERR_OUT_OF_MEMORY, "cannot allocate the chart", loc);
  }
  int err = write_atomically(text, (const uint8_t *)s.p, s.len);
  free(s.p);
  if (err) raisef(ctx, loc, "could not write chart \"%s\": %s", text, strerror(err));
  return 0;
}
