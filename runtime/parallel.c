/* \file parallel.c
 * Parallel loops for generated code, on OpenMP's runtime.
 *
 * [0, n) is cut into chunks by n and the grain alone, never by the thread
 * count: each chunk's partial result, and the order in which the caller
 * combines them, are the same on 1 thread or 16, so even float sums are
 * reproducible across HX_NUM_THREADS. Inputs below one grain run inline on
 * the calling thread.
 *
 * Errors: a chunk that raises is stopped by its own trap (hxrt_raise sees
 * hxrt_tl_worker); after the loop the error of the lowest failing chunk is
 * raised on the calling thread. Within a chunk elements run in order, so
 * that is the error a sequential run reports first, as Elixir would.
 */
#include "hxrt.h"
#include "hxrt_internal.h"

#include <omp.h>
#include <stdlib.h>
#include <string.h>

#define HX_MAX_CHUNKS 256

static int thread_count(void) {
  static int cached = 0;
  if (!cached) {
    const char *s = getenv("HX_NUM_THREADS");
    int n = s ? atoi(s) : 0;
    cached = n > 0 ? n : omp_get_max_threads();
  }
  return cached;
}

int64_t hxrt_chunk_count(int64_t n, int64_t grain) {
  if (n <= 0) return 1;
  if (grain < 1) grain = 1;
  int64_t c = (n + grain - 1) / grain;
  return c < 1 ? 1 : c > HX_MAX_CHUNKS ? HX_MAX_CHUNKS : c;
}

/* Runs one chunk under its own trap; returns its error (HX_OK if none). */
static int run_chunk(hx_context *ctx, hxrt_chunk_fn fn, void *env, int64_t b, int64_t e, void *partial,
                     char **text) {
  hxrt_worker w;
  w.code = HX_OK;
  w.text = NULL;
  hxrt_tl_worker = &w;
  if (setjmp(w.trap) == 0) fn(ctx, env, b, e, partial);
  hxrt_tl_worker = NULL;
  *text = w.text;
  return w.code;
}

/* Runs one chunk under its own trap, keeping the thread's trap around it
 * (the loop may run inside another parallel chunk); returns 1 if it raised. */
static int try_chunk(hx_context *ctx, hxrt_chunk_fn fn, void *env, int64_t b, int64_t e, void *partial) {
  hxrt_worker *outer = hxrt_tl_worker;
  char *text = NULL;
  int code = run_chunk(ctx, fn, env, b, e, partial, &text);
  hxrt_tl_worker = outer;
  free(text);
  return code != HX_OK;
}

int64_t hxrt_parallel_try(hx_context *ctx, int64_t n, int64_t grain, hxrt_chunk_fn fn, void *env, void *partials,
                          int64_t partial_size) {
  int64_t chunks = hxrt_chunk_count(n, grain);
  if (n < 0) n = 0;
  int64_t per = chunks > 0 ? (n + chunks - 1) / chunks : n;
  int failed = 0;
  if (chunks == 1 || thread_count() == 1 || hxrt_tl_worker) {
    for (int64_t c = 0; c < chunks && !failed; c++) {
      int64_t b = c * per, e = b + per < n ? b + per : n;
      failed = try_chunk(ctx, fn, env, b, e, (char *)partials + c * partial_size);
    }
    return failed ? -1 : chunks;
  }
  const hxrt_fpmode fpmode = hxrt_fpmode_get();
#pragma omp parallel for schedule(dynamic, 1) num_threads(thread_count()) reduction(| : failed)
  for (int64_t c = 0; c < chunks; c++) {
    int64_t b = c * per, e = b + per < n ? b + per : n;
    hxrt_fpmode own = hxrt_fpmode_get();
    hxrt_fpmode_set(fpmode);
    failed |= try_chunk(ctx, fn, env, b, e, (char *)partials + c * partial_size);
    hxrt_fpmode_set(own);
  }
  return failed ? -1 : chunks;
}

int64_t hxrt_parallel_for(hx_context *ctx, int64_t n, int64_t grain, hxrt_chunk_fn fn, void *env, void *partials,
                          int64_t partial_size) {
  int64_t chunks = hxrt_chunk_count(n, grain);
  if (n < 0) n = 0;
  int64_t per = chunks > 0 ? (n + chunks - 1) / chunks : n;
  if (chunks == 1 || thread_count() == 1 || hxrt_tl_worker) {
    /* Inline: errors unwind through the caller's own trap as usual. */
    for (int64_t c = 0; c < chunks; c++) {
      int64_t b = c * per, e = b + per < n ? b + per : n;
      fn(ctx, env, b, e, (char *)partials + c * partial_size);
    }
    return chunks;
  }
  int64_t failed = chunks; /* lowest failing chunk */
  int code = HX_OK;
  char *text = NULL;
  const hxrt_fpmode fpmode = hxrt_fpmode_get(); /* workers compute in the caller's mode */
#pragma omp parallel for schedule(dynamic, 1) num_threads(thread_count())
  for (int64_t c = 0; c < chunks; c++) {
    int64_t b = c * per, e = b + per < n ? b + per : n;
    char *wtext = NULL;
    hxrt_fpmode own = hxrt_fpmode_get();
    hxrt_fpmode_set(fpmode);
    int wcode = run_chunk(ctx, fn, env, b, e, (char *)partials + c * partial_size, &wtext);
    hxrt_fpmode_set(own);
    if (wcode != HX_OK) {
#pragma omp critical(hxrt_parallel_error)
      {
        if (c < failed) {
          free(text);
          failed = c;
          code = wcode;
          text = wtext;
        } else {
          free(wtext);
        }
      }
    }
  }
  if (failed < chunks) hxrt_raise_text(ctx, code, text);
  return chunks;
}
