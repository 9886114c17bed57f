/* \file hxrt_loop.h
 * The runtime side of the training fit loop (Hx.Loop.run, docs/training.md):
 * a monotonic clock, progress output, the per-epoch shuffle, checkpoints and
 * the SVG chart of the training curves. The loop itself is compiled .hx code
 * that calls these; stdlib/ref/loop.exs (Hx.Loop.Runtime) is the plain-Elixir
 * twin of each, with the same output, permutation and file format.
 *
 * Every entry takes (ctx, loc, text) first: loc is the .hx location errors
 * are raised at, text a function-specific string (a path, names). Errors are
 * ArgumentErrors raised through hxrt_raise (so only inside hxrt_invoke).
 */
#ifndef HXRT_LOOP_H
#define HXRT_LOOP_H
#include "hxrt.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Seconds on CLOCK_MONOTONIC. text is unused. */
double hxrt_loop_clock(hx_context *ctx, const hx_srcloc *loc, const char *text);

/* Progress phases of hxrt_loop_report. */
enum hxrt_loop_phase {
  HXRT_LOOP_STEP = 0,       /* after a training step: seconds since the epoch began */
  HXRT_LOOP_EPOCH = 1,      /* end of an epoch: seconds the epoch took */
  HXRT_LOOP_EARLY_STOP = 2, /* step = best epoch, steps = patience, loss = best value,
                               text = the monitored metric's name */
  HXRT_LOOP_CHECKPOINT = 3  /* text = the checkpoint's path */
};

/* Writes one progress event to stderr (flushed) and returns 0. NaN means
 * "absent" for acc, val_loss and val_acc. The mode is HX_PROGRESS's: "0" or
 * "off" silent, "plain" lines, "bar" a redrawn progress bar; unset (or any
 * other value): bar when stderr is a terminal, else plain. The line formats
 * are in docs/training.md, "Progress output". */
int64_t hxrt_loop_report(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t phase, int64_t epoch,
                         int64_t epochs, int64_t step, int64_t steps, double loss, double acc, double val_loss,
                         double val_acc, double seconds);

/* Output modes of hxrt_loop_report_to. */
enum hxrt_progress_mode { HXRT_PROGRESS_OFF = 0, HXRT_PROGRESS_PLAIN = 1, HXRT_PROGRESS_BAR = 2 };

/* What hxrt_loop_report does once the mode is known, writing to out (for
 * tests and tools). In bar mode, phase 0 redraws at most every 0.1 s of
 * hxrt_loop_clock (always on the first and the last step). */
void hxrt_loop_report_to(FILE *out, int mode, const char *text, int64_t phase, int64_t epoch, int64_t epochs,
                         int64_t step, int64_t steps, double loss, double acc, double val_loss, double val_acc,
                         double seconds);

/* The mode HX_PROGRESS selects for stderr (enum hxrt_progress_mode). */
int hxrt_loop_progress_mode(void);

/* A permutation of 0..n-1 (HX_KIND_I64, n elements): Fisher-Yates driven by
 * splitmix64 seeded with seed * 0x9E3779B97F4A7C15 + epoch, so each epoch of
 * a seeded run shuffles differently and every run (and the Elixir twin)
 * shuffles identically. n < 0 raises. text is unused. */
hx_array *hxrt_loop_permutation(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t n, int64_t seed,
                                int64_t epoch);

/* Writes count tensors to a checkpoint file, atomically (PATH.tmp, then a
 * rename). text = "PATH\nNAME0\nNAME1\n..." (a trailing newline is allowed).
 * The varargs are, per tensor: hx_array *data, int64_t rank, int64_t d0,
 * int64_t d1, int64_t d2, int64_t d3 (dims at and beyond rank are ignored);
 * data's kind is the element type (HX_KIND_I64, F64, I32 or F32) and its
 * length the product of the dims. Returns 0. The byte layout is in
 * docs/training.md, "Checkpoint format". */
int64_t hxrt_checkpoint_save(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t count, ...);

/* Reads tensor `index` (0-based) of a checkpoint written by
 * hxrt_checkpoint_save (or Hx.Loop.Runtime.checkpoint_save) as a new array
 * of kind. text = "PATH\nNAME". The file must hold exactly count tensors and
 * tensor index must have this name, kind, rank and dims; every mismatch, a
 * missing file, a foreign file and a truncated or corrupt one (the trailing
 * FNV-1a hash) raise an ArgumentError naming the path. */
hx_array *hxrt_checkpoint_load(hx_context *ctx, const hx_srcloc *loc, const char *text, int64_t index,
                               int64_t count, int64_t kind, int64_t rank, int64_t d0, int64_t d1, int64_t d2,
                               int64_t d3);

/* Writes an SVG chart of the training curves to the path text: loss on the
 * left, accuracy (0..1) on the right, train solid, validation dashed.
 * history is HX_KIND_F64 with 4 values per epoch (loss, acc, val_loss,
 * val_acc; NaN = absent), of which the first epochs rows are drawn; a
 * series with no finite value is left out. Returns 0. */
int64_t hxrt_loop_chart(hx_context *ctx, const hx_srcloc *loc, const char *text, hx_array *history, int64_t epochs);

#ifdef __cplusplus
}
#endif
#endif /* HXRT_LOOP_H */
