/* Driver of tail_call_no_leak.hx: each entry runs on a thread with a
 * 256 KiB stack (a self tail call that is not a loop overflows it long
 * before 1,000,000 iterations) and must leave hxrt_live_arrays as it was
 * once its result is freed. */
#include "tail_call_no_leak.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static hx_context *ctx;
static int64_t live0;

static void print_list(const hx_array *a) {
  char buf[256];
  hx_inspect(buf, sizeof buf, "[i]", &a);
  printf(" %s", buf);
}

static void live(const char *what, int rc) {
  if (rc != HX_OK) printf("%s rc %d", what, rc);
  printf(" live %lld\n", (long long)(hxrt_live_arrays(ctx) - live0));
  if (rc != HX_OK) printf("%s\n", hx_context_error(ctx));
  fflush(stdout);
}

static void *run(void *unused) {
  (void)unused;
  int64_t xs0[] = {1, 2, 3}, ks0[] = {5, 1, 4, 2, 3}, ys0[] = {1, 2}, zs0[] = {10};
  hx_array *xs = hx_array_from_i64(ctx, xs0, 3), *ks = hx_array_from_i64(ctx, ks0, 5);
  hx_array *ys = hx_array_from_i64(ctx, ys0, 2), *zs = hx_array_from_i64(ctx, zs0, 1);
  live0 = hxrt_live_arrays(ctx);
  hx_array *out = NULL;
  int64_t i = 0;
  struct {
    hx_array *a, *b;
  } two = {0, 0};
  struct {
    int64_t s;
    hx_array *a;
  } si = {0, 0};

  int rc = TailNoLeak_b(ctx, &out, 1000000, xs);
  printf("b");
  if (rc == HX_OK) print_list(out), hx_array_free(ctx, out);
  live("", rc);

  rc = TailNoLeak_swap(ctx, &two, 1000001, ys, zs);
  printf("swap");
  if (rc == HX_OK) print_list(two.a), print_list(two.b), hx_array_free(ctx, two.a), hx_array_free(ctx, two.b);
  live("", rc);

  rc = TailNoLeak_dup(ctx, &i, 1000000, xs);
  printf("dup %lld", (long long)i);
  live("", rc);

  rc = TailNoLeak_keep(ctx, &out, 1000000, ks);
  printf("keep");
  if (rc == HX_OK) print_list(out), hx_array_free(ctx, out);
  live("", rc);

  rc = TailNoLeak_ct(ctx, &si, 1000000, xs);
  printf("ct {%lld,", (long long)si.s);
  if (rc == HX_OK) print_list(si.a), hx_array_free(ctx, si.a);
  printf("}");
  live("", rc);

  struct {
    hx_array *a;
    int64_t c;
  } lc = {0, 0};
  rc = TailNoLeak_tl(ctx, &lc, 1000000, ys);
  printf("tl");
  if (rc == HX_OK) print_list(lc.a), hx_array_free(ctx, lc.a);
  printf(" %lld", (long long)lc.c);
  live("", rc);

  rc = TailNoLeak_tz(ctx, &lc, 1000000, ys);
  printf("tz");
  if (rc == HX_OK) print_list(lc.a), hx_array_free(ctx, lc.a);
  printf(" %lld", (long long)lc.c);
  live("", rc);

  rc = TailNoLeak_p(ctx, &i, 300);
  printf("p %lld", (long long)i);
  live("", rc);

  rc = TailNoLeak_r(ctx, &i, 1000000, xs);
  printf("r");
  live("", rc);

  hx_array_free(ctx, xs);
  hx_array_free(ctx, ks);
  hx_array_free(ctx, ys);
  hx_array_free(ctx, zs);
  return NULL;
}

int main(void) {
  ctx = hx_context_new();
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256 * 1024);
  pthread_t t;
  if (pthread_create(&t, &attr, run, NULL) != 0) {
    printf("cannot start a thread\n");
    return 1;
  }
  pthread_join(t, NULL);
  hx_context_free(ctx);
  printf("done\n");
  return 0;
}
