/* \file opencl.c
 * libhxrt's OpenCL runner (hxrt_cl.h): device choice, kernel builds with
 * an in-process and an on-disk cache, and launches.
 *
 * No usable device (no ICD, an ICD without devices, an HX_DEVICE that
 * matches nothing, a device that will not open) and a float kernel on a
 * device without fp64 are the library's policy to settle: built with
 * --fallback=cpu (its hx_opencl_fallback symbol is 1), the CPU path runs
 * after one "hastec: warning:" line; otherwise hxrt_cl_run raises a
 * RuntimeError that names the reason, the .hx function and line, and the
 * fix. Everything else that goes wrong here -- a build error, a launch
 * error -- is soft: HXRT_CL_UNAVAILABLE and the compiled code runs its CPU
 * path, which gives the same answer, with the driver's message on stderr
 * ("hastec: OpenCL" prefix).
 *
 * The disk cache holds program binaries under a key made of the source,
 * the build options, the platform, device and driver version. Each file
 * stores that key in full and a checksum of the binary; a file whose key
 * or checksum does not match, or that the driver refuses, is deleted and
 * the program is built from source again. The checksum catches stale and
 * damaged files, not a deliberate forgery by someone who can write to the
 * cache directory (they could as well edit the compiled .so).
 */
#define _GNU_SOURCE /* dladdr */
#define CL_TARGET_OPENCL_VERSION 120
#include "hxrt_cl.h"

#include "hxrt_internal.h"

#include <CL/cl.h>
#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ---- state ---------------------------------------------------------------- */

typedef struct program_entry {
  struct program_entry *next;
  char *src, *options, *kernel_name;
  cl_program program;
  cl_kernel kernel;
  size_t kernel_wg; /* CL_KERNEL_WORK_GROUP_SIZE */
  int async;        /* "// hx-async:": a store that can only fail a bounds check (launched without waiting) */
} program_entry;

/* A device copy of an array's elements, equal to them: the buffer a kernel
 * or GEMM wrote it into (and read back from), or the one an earlier launch
 * uploaded it to. hastec's arrays never change once built (the one
 * exception, an owned list sorted in place, calls hxrt_cl_array_freed
 * first), so a later launch that reads the array uses the buffer and skips
 * the copy. Keyed by the elements' address; an entry lives until the array
 * is freed (hxrt.c's free paths call hxrt_cl_array_freed on arrays flagged
 * HX_ARRAY_CL_MIRROR) or is evicted to keep the total under
 * HX_CL_MIRROR_MB. Only arrays of the running call (HX_ARRAY_TRACKED) get
 * or use one: an array handed to the caller may be written through
 * hx_array_data before it comes back. */
typedef struct mirror {
  const void *data; /* the key: the array's elements */
  hx_array *array;
  cl_mem mem;
  size_t bytes;
  uint64_t launch;              /* the last launch that used it: never evicted during that one */
  struct mirror *next;          /* hash chain */
  struct mirror *newer, *older; /* use order, for eviction */
} mirror;
#define MIRROR_BUCKETS 4096
#define BUF_POOL 64

static struct {
  int ok;
  cl_platform_id platform;
  cl_device_id device;
  cl_context context;
  cl_command_queue queue;
  int platform_index, device_index;
  char platform_name[256], device_name[256], driver[128];
  cl_device_type type;
  cl_uint compute_units;
  size_t max_wg;
  int fp64;
  program_entry *programs;
  hxrt_cl_stats stats;
  uint64_t warned_fp64[16];
  int nwarned_fp64;
  /* Why no device is in use (ok == 0), for messages: the reason, which
   * kind of reason (the fix differs), and the devices there are. */
  char why[512];
  enum { WHY_NONE, WHY_NO_PLATFORM, WHY_NO_DEVICES, WHY_NO_MATCH, WHY_OPEN_FAILED } why_kind;
  char listing[768];
  int warned_no_device;
  cl_ulong global_mem;
  cl_ulong local_mem; /* CL_DEVICE_LOCAL_MEM_SIZE: the sort's tiles fit in it */
  int profiling; /* HX_CL_PROFILE: the queue records kernel times */
  /* Kept across launches: the error flag and the fold partials. */
  cl_mem flag_buf, partials_buf;
  size_t partials_cap;
  /* Device mirrors of arrays (see struct mirror). */
  mirror *mirror_tab[MIRROR_BUCKETS];
  mirror *newest, *oldest;
  size_t mirror_cap; /* bytes; 0: no mirrors */
  uint64_t launch;   /* counts hxrt_cl_run and hxrt_cl_gemm calls */
  /* Results left on the device (HX_ARRAY_CL_STALE): how many arrays are
   * stale now (read without the lock as a fast path, so atomics). */
  int64_t stale;
  /* The error flag of kernels launched without waiting (async stores):
   * zero while none failed; read at the next wait (deferred_failed). */
  cl_mem deferred_buf;
  int deferred_pending;
  /* Device buffers let go of (a freed array's mirror, a launch's scratch),
   * kept for the next buffer of the same size: allocating device memory
   * costs more than a small launch. The queue is in order, so a buffer
   * handed out again is written only after the commands that used it. */
  struct { cl_mem mem; size_t bytes; } pool[BUF_POOL];
  int npool;
  size_t pool_bytes;
} S;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int debug_on(void) {
  static int v = -1;
  if (v < 0) {
    const char *s = getenv("HX_CL_DEBUG");
    v = s && *s && strcmp(s, "0") != 0;
  }
  return v;
}

static void debug(const char *fmt, ...) {
  if (!debug_on()) return;
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "hastec: OpenCL: ");
  vfprintf(stderr, fmt, ap);
  fprintf(stderr, "\n");
  va_end(ap);
}

static const char *cl_error_name(cl_int e) {
  switch (e) {
  case CL_DEVICE_NOT_FOUND: return "CL_DEVICE_NOT_FOUND";
  case CL_DEVICE_NOT_AVAILABLE: return "CL_DEVICE_NOT_AVAILABLE";
  case CL_COMPILER_NOT_AVAILABLE: return "CL_COMPILER_NOT_AVAILABLE";
  case CL_MEM_OBJECT_ALLOCATION_FAILURE: return "CL_MEM_OBJECT_ALLOCATION_FAILURE";
  case CL_OUT_OF_RESOURCES: return "CL_OUT_OF_RESOURCES";
  case CL_OUT_OF_HOST_MEMORY: return "CL_OUT_OF_HOST_MEMORY";
  case CL_BUILD_PROGRAM_FAILURE: return "CL_BUILD_PROGRAM_FAILURE";
  case CL_INVALID_VALUE: return "CL_INVALID_VALUE";
  case CL_INVALID_BINARY: return "CL_INVALID_BINARY";
  case CL_INVALID_BUILD_OPTIONS: return "CL_INVALID_BUILD_OPTIONS";
  case CL_INVALID_KERNEL_NAME: return "CL_INVALID_KERNEL_NAME";
  case CL_INVALID_ARG_INDEX: return "CL_INVALID_ARG_INDEX";
  case CL_INVALID_ARG_VALUE: return "CL_INVALID_ARG_VALUE";
  case CL_INVALID_ARG_SIZE: return "CL_INVALID_ARG_SIZE";
  case CL_INVALID_KERNEL_ARGS: return "CL_INVALID_KERNEL_ARGS";
  case CL_INVALID_WORK_GROUP_SIZE: return "CL_INVALID_WORK_GROUP_SIZE";
  case CL_INVALID_BUFFER_SIZE: return "CL_INVALID_BUFFER_SIZE";
  case CL_INVALID_GLOBAL_WORK_SIZE: return "CL_INVALID_GLOBAL_WORK_SIZE";
  default: return "an OpenCL error";
  }
}

static void report(const char *what, cl_int e) {
  fprintf(stderr, "hastec: OpenCL: %s failed (%d %s); running on the CPU instead\n", what, (int)e, cl_error_name(e));
}

static void set_why(int kind, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_why(int kind, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(S.why, sizeof S.why, fmt, ap);
  va_end(ap);
  S.why_kind = kind;
}

/* ---- device choice ------------------------------------------------------------ */

#define MAX_PLATFORMS 16
#define MAX_DEVICES 64

typedef struct {
  cl_platform_id platform;
  cl_device_id device;
  int pi, di;
} device_ref;

/* Every device of every platform, in `hastec devices` order; *nplatforms
 * (may be NULL) gets the platform count. */
static int list_devices(device_ref *out, int cap, cl_uint *nplatforms) {
  cl_platform_id ps[MAX_PLATFORMS];
  cl_uint np = 0;
  if (nplatforms) *nplatforms = 0;
  if (clGetPlatformIDs(MAX_PLATFORMS, ps, &np) != CL_SUCCESS) return 0; /* no ICD: CL_PLATFORM_NOT_FOUND_KHR */
  if (np > MAX_PLATFORMS) np = MAX_PLATFORMS;
  if (nplatforms) *nplatforms = np;
  int n = 0;
  for (cl_uint p = 0; p < np; p++) {
    cl_device_id ds[MAX_DEVICES];
    cl_uint nd = 0;
    if (clGetDeviceIDs(ps[p], CL_DEVICE_TYPE_ALL, MAX_DEVICES, ds, &nd) != CL_SUCCESS) continue;
    if (nd > MAX_DEVICES) nd = MAX_DEVICES;
    for (cl_uint d = 0; d < nd && n < cap; d++) {
      out[n].platform = ps[p];
      out[n].device = ds[d];
      out[n].pi = (int)p;
      out[n].di = (int)d;
      n++;
    }
  }
  return n;
}

static cl_device_type device_type(cl_device_id d) {
  cl_device_type t = 0;
  clGetDeviceInfo(d, CL_DEVICE_TYPE, sizeof t, &t, NULL);
  return t;
}

static void device_string(cl_device_id d, cl_device_info what, char *buf, size_t cap) {
  buf[0] = 0;
  if (clGetDeviceInfo(d, what, cap, buf, NULL) != CL_SUCCESS) buf[0] = 0;
  buf[cap - 1] = 0;
}

static int device_fp64(cl_device_id d) {
  cl_device_fp_config c = 0;
  if (clGetDeviceInfo(d, CL_DEVICE_DOUBLE_FP_CONFIG, sizeof c, &c, NULL) == CL_SUCCESS && c) return 1;
  char ext[4096];
  device_string(d, CL_DEVICE_EXTENSIONS, ext, sizeof ext);
  return strstr(ext, "cl_khr_fp64") != NULL;
}

static int contains_nocase(const char *hay, const char *needle) {
  size_t n = strlen(needle);
  for (; *hay; hay++)
    if (strncasecmp(hay, needle, n) == 0) return 1;
  return n == 0;
}

/* HX_DEVICE: gpu, cpu, <platform>:<device>, or a piece of the platform or
 * device name ("nvidia", "pthread"). Unset: the first GPU, else the first
 * device. Returns the index into refs, or -1. */
static int choose(const device_ref *refs, int n) {
  const char *want = getenv("HX_DEVICE");
  if (!want || !*want) {
    for (int i = 0; i < n; i++)
      if (device_type(refs[i].device) & CL_DEVICE_TYPE_GPU) return i;
    return n > 0 ? 0 : -1;
  }
  if (strcasecmp(want, "gpu") == 0 || strcasecmp(want, "cpu") == 0) {
    cl_device_type t = strcasecmp(want, "gpu") == 0 ? CL_DEVICE_TYPE_GPU : CL_DEVICE_TYPE_CPU;
    for (int i = 0; i < n; i++)
      if (device_type(refs[i].device) & t) return i;
    set_why(WHY_NO_MATCH, "HX_DEVICE=%s matched nothing", want);
    return -1;
  }
  int p, d;
  char tail;
  if (sscanf(want, "%d:%d%c", &p, &d, &tail) == 2) {
    for (int i = 0; i < n; i++)
      if (refs[i].pi == p && refs[i].di == d) return i;
    set_why(WHY_NO_MATCH, "HX_DEVICE=%s matched nothing", want);
    return -1;
  }
  for (int i = 0; i < n; i++) {
    char pname[256], dname[256];
    pname[0] = 0;
    clGetPlatformInfo(refs[i].platform, CL_PLATFORM_NAME, sizeof pname, pname, NULL);
    pname[sizeof pname - 1] = 0;
    device_string(refs[i].device, CL_DEVICE_NAME, dname, sizeof dname);
    if (contains_nocase(pname, want) || contains_nocase(dname, want)) return i;
  }
  set_why(WHY_NO_MATCH, "HX_DEVICE=%s matched nothing", want);
  return -1;
}

static const char *type_word(cl_device_type t) {
  if (t & CL_DEVICE_TYPE_GPU) return "gpu";
  if (t & CL_DEVICE_TYPE_CPU) return "cpu";
  if (t & CL_DEVICE_TYPE_ACCELERATOR) return "accelerator";
  return "other";
}

/* Where the ICD loader looks for drivers, for messages. */
static const char *vendors_dir(void) {
  const char *v = getenv("OCL_ICD_VENDORS");
  return v && *v ? v : "/etc/OpenCL/vendors";
}

/* "0:0 NAME (cpu), 0:1 ..." into S.listing, for the HX_DEVICE message. */
static void short_listing(const device_ref *refs, int n) {
  size_t len = 0;
  S.listing[0] = 0;
  for (int i = 0; i < n && len + 1 < sizeof S.listing; i++) {
    char dname[256];
    device_string(refs[i].device, CL_DEVICE_NAME, dname, sizeof dname);
    int k = snprintf(S.listing + len, sizeof S.listing - len, "%s%d:%d %s (%s)", i ? ", " : "", refs[i].pi,
                     refs[i].di, dname, type_word(device_type(refs[i].device)));
    if (k < 0) break;
    len += (size_t)k;
  }
  if (len >= sizeof S.listing) strcpy(S.listing + sizeof S.listing - 5, "...");
}

static void init(void) {
  device_ref refs[MAX_DEVICES];
  cl_uint np = 0;
  int n = list_devices(refs, MAX_DEVICES, &np);
  if (np == 0) {
    set_why(WHY_NO_PLATFORM, "no OpenCL driver is installed: %s has no ICD", vendors_dir());
    debug("%s", S.why);
    return;
  }
  if (n == 0) {
    cl_platform_id p;
    char pname[256] = "";
    if (np == 1 && clGetPlatformIDs(1, &p, NULL) == CL_SUCCESS) {
      clGetPlatformInfo(p, CL_PLATFORM_NAME, sizeof pname, pname, NULL);
      pname[sizeof pname - 1] = 0;
    }
    if (np == 1)
      set_why(WHY_NO_DEVICES, "the OpenCL platform \"%s\" has no devices", pname);
    else
      set_why(WHY_NO_DEVICES, "none of the %u OpenCL platforms has a device", (unsigned)np);
    debug("%s", S.why);
    return;
  }
  int i = choose(refs, n);
  if (i < 0) {
    short_listing(refs, n);
    debug("%s", S.why);
    return;
  }
  S.platform = refs[i].platform;
  S.device = refs[i].device;
  S.platform_index = refs[i].pi;
  S.device_index = refs[i].di;
  clGetPlatformInfo(S.platform, CL_PLATFORM_NAME, sizeof S.platform_name, S.platform_name, NULL);
  S.platform_name[sizeof S.platform_name - 1] = 0;
  device_string(S.device, CL_DEVICE_NAME, S.device_name, sizeof S.device_name);
  device_string(S.device, CL_DRIVER_VERSION, S.driver, sizeof S.driver);
  S.type = device_type(S.device);
  clGetDeviceInfo(S.device, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof S.compute_units, &S.compute_units, NULL);
  clGetDeviceInfo(S.device, CL_DEVICE_MAX_WORK_GROUP_SIZE, sizeof S.max_wg, &S.max_wg, NULL);
  if (S.compute_units == 0) S.compute_units = 1;
  if (S.max_wg == 0) S.max_wg = 1;
  S.fp64 = device_fp64(S.device);
  cl_int e;
  cl_context_properties props[] = {CL_CONTEXT_PLATFORM, (cl_context_properties)S.platform, 0};
  S.context = clCreateContext(props, 1, &S.device, NULL, NULL, &e);
  if (e != CL_SUCCESS) {
    set_why(WHY_OPEN_FAILED, "clCreateContext failed on %d:%d %s (%d %s)", S.platform_index, S.device_index,
            S.device_name, (int)e, cl_error_name(e));
    return;
  }
  const char *prof = getenv("HX_CL_PROFILE");
  S.profiling = prof && *prof && strcmp(prof, "0") != 0;
  clGetDeviceInfo(S.device, CL_DEVICE_GLOBAL_MEM_SIZE, sizeof S.global_mem, &S.global_mem, NULL);
  clGetDeviceInfo(S.device, CL_DEVICE_LOCAL_MEM_SIZE, sizeof S.local_mem, &S.local_mem, NULL);
  S.queue = clCreateCommandQueue(S.context, S.device, S.profiling ? CL_QUEUE_PROFILING_ENABLE : 0, &e);
  if (e != CL_SUCCESS) {
    set_why(WHY_OPEN_FAILED, "clCreateCommandQueue failed on %d:%d %s (%d %s)", S.platform_index, S.device_index,
            S.device_name, (int)e, cl_error_name(e));
    clReleaseContext(S.context);
    return;
  }
  S.ok = 1;
  debug("device %d:%d %s | %s | driver %s | %u compute units | max work-group %zu | fp64 %s", S.platform_index,
        S.device_index, S.platform_name, S.device_name, S.driver, S.compute_units, S.max_wg, S.fp64 ? "yes" : "no");
}

int hxrt_cl_available(void) {
  pthread_once(&init_once, init);
  return S.ok;
}

const char *hxrt_cl_unavailable_reason(void) {
  return hxrt_cl_available() ? "" : S.why;
}

/* ---- hastec devices ---------------------------------------------------------------- */

typedef struct {
  char *buf;
  size_t cap, len;
} text;

static void put(text *t, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  size_t room = t->len < t->cap ? t->cap - t->len : 0;
  int k = vsnprintf(room ? t->buf + t->len : NULL, room, fmt, ap);
  va_end(ap);
  if (k > 0) t->len += (size_t)k;
}

int hxrt_cl_devices(char *buf, size_t cap) {
  hxrt_cl_available();
  text t = {buf, cap, 0};
  if (buf && cap) buf[0] = 0;
  device_ref refs[MAX_DEVICES];
  int n = list_devices(refs, MAX_DEVICES, NULL);
  if (n == 0) put(&t, "no OpenCL devices: %s\n", S.why[0] ? S.why : "none found");
  for (int i = 0; i < n; i++) {
    char pname[256], dname[256], driver[128];
    pname[0] = 0;
    clGetPlatformInfo(refs[i].platform, CL_PLATFORM_NAME, sizeof pname, pname, NULL);
    pname[sizeof pname - 1] = 0;
    device_string(refs[i].device, CL_DEVICE_NAME, dname, sizeof dname);
    device_string(refs[i].device, CL_DRIVER_VERSION, driver, sizeof driver);
    cl_uint cu = 0;
    clGetDeviceInfo(refs[i].device, CL_DEVICE_MAX_COMPUTE_UNITS, sizeof cu, &cu, NULL);
    int chosen = S.ok && refs[i].device == S.device;
    put(&t, "%c %d:%d  %s | %s | %s | %u compute units | fp64 %s | driver %s\n", chosen ? '*' : ' ', refs[i].pi,
        refs[i].di, pname, dname, type_word(device_type(refs[i].device)), cu,
        device_fp64(refs[i].device) ? "yes" : "no", driver);
  }
  if (n > 0 && !S.ok) put(&t, "no device chosen: %s\n", S.why);
  if (buf && cap) buf[t.len < cap ? t.len : cap - 1] = 0;
  return (int)t.len;
}

/* ---- hashing ------------------------------------------------------------------------- */

static uint64_t fnv1a(const void *p, size_t n, uint64_t h) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++) {
    h ^= s[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}
#define FNV_BASIS 0xcbf29ce484222325ULL

/* ---- the disk cache ---------------------------------------------------------------------- */

static int mkdir_p(char *path) {
  for (char *p = path + 1; *p; p++) {
    if (*p != '/') continue;
    *p = 0;
    int r = mkdir(path, 0755);
    *p = '/';
    if (r != 0 && errno != EEXIST) return -1;
  }
  return mkdir(path, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

/* The cache directory, created; "" when there is none. */
static const char *cache_dir(void) {
  static char dir[1024];
  static int done = 0;
  if (done) return dir;
  done = 1;
  dir[0] = 0;
  const char *off = getenv("HX_CL_NO_DISK_CACHE");
  if (off && *off && strcmp(off, "0") != 0) return dir;
  const char *hx = getenv("HX_CACHE_DIR");
  const char *xdg = getenv("XDG_CACHE_HOME");
  const char *home = getenv("HOME");
  int k;
  if (hx && *hx)
    k = snprintf(dir, sizeof dir, "%s/opencl", hx);
  else if (xdg && *xdg)
    k = snprintf(dir, sizeof dir, "%s/hastec/opencl", xdg);
  else if (home && *home)
    k = snprintf(dir, sizeof dir, "%s/.cache/hastec/opencl", home);
  else
    k = -1;
  if (k < 0 || (size_t)k >= sizeof dir || mkdir_p(dir) != 0) dir[0] = 0;
  return dir;
}

/* Everything a binary depends on, spelled out: stored in the file and
 * compared byte for byte on load. */
static char *cache_key(const char *src, const char *options) {
  size_t n = strlen(src);
  const char *fmt = "hastec-opencl-cache 1\nplatform %s\ndevice %s\ndriver %s\noptions %s\nsource %016llx %zu\n";
  unsigned long long h = (unsigned long long)fnv1a(src, n, FNV_BASIS);
  int k = snprintf(NULL, 0, fmt, S.platform_name, S.device_name, S.driver, options, h, n);
  char *key = malloc((size_t)k + 1);
  if (key) snprintf(key, (size_t)k + 1, fmt, S.platform_name, S.device_name, S.driver, options, h, n);
  return key;
}

static void cache_path(char *out, size_t cap, const char *key) {
  snprintf(out, cap, "%s/%016llx.bin", cache_dir(), (unsigned long long)fnv1a(key, strlen(key), FNV_BASIS));
}

static const char MAGIC[8] = {'H', 'X', 'C', 'L', 'B', 'I', 'N', '1'};

/* File: MAGIC, u32 key length, key, u64 binary length, u64 checksum of the
 * binary, binary. Returns the binary (malloc'd) when every part checks. */
static unsigned char *cache_load(const char *path, const char *key, size_t *bin_len, int *existed) {
  *existed = 0;
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  *existed = 1;
  unsigned char *bin = NULL;
  char magic[8];
  uint32_t klen;
  uint64_t blen, sum;
  size_t want = strlen(key);
  char *k = NULL;
  if (fread(magic, 1, 8, f) != 8 || memcmp(magic, MAGIC, 8) != 0) goto bad;
  if (fread(&klen, sizeof klen, 1, f) != 1 || klen != want) goto bad;
  k = malloc(klen);
  if (!k || fread(k, 1, klen, f) != klen || memcmp(k, key, klen) != 0) goto bad;
  if (fread(&blen, sizeof blen, 1, f) != 1 || fread(&sum, sizeof sum, 1, f) != 1) goto bad;
  if (blen == 0 || blen > ((uint64_t)1 << 32)) goto bad;
  bin = malloc(blen);
  if (!bin || fread(bin, 1, blen, f) != blen) goto bad;
  if (fgetc(f) != EOF) goto bad; /* trailing bytes: not a file we wrote */
  if (fnv1a(bin, blen, FNV_BASIS) != sum) goto bad;
  free(k);
  fclose(f);
  *bin_len = blen;
  return bin;
bad:
  free(k);
  free(bin);
  fclose(f);
  return NULL;
}

static void cache_store(const char *path, const char *key, const unsigned char *bin, size_t len) {
  char tmp[1300];
  snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "wb");
  if (!f) return;
  uint32_t klen = (uint32_t)strlen(key);
  uint64_t blen = len, sum = fnv1a(bin, len, FNV_BASIS);
  int ok = fwrite(MAGIC, 1, 8, f) == 8 && fwrite(&klen, sizeof klen, 1, f) == 1 && fwrite(key, 1, klen, f) == klen &&
           fwrite(&blen, sizeof blen, 1, f) == 1 && fwrite(&sum, sizeof sum, 1, f) == 1 &&
           fwrite(bin, 1, len, f) == len;
  ok = fclose(f) == 0 && ok;
  /* rename is atomic: a concurrent reader sees the old file or the new one. */
  if (!ok || rename(tmp, path) != 0) unlink(tmp);
}

/* ---- builds ------------------------------------------------------------------------------ */

static void print_build_log(cl_program p, const char *kernel_name) {
  size_t n = 0;
  clGetProgramBuildInfo(p, S.device, CL_PROGRAM_BUILD_LOG, 0, NULL, &n);
  char *log = malloc(n + 1);
  if (!log) return;
  log[0] = 0;
  clGetProgramBuildInfo(p, S.device, CL_PROGRAM_BUILD_LOG, n, log, NULL);
  log[n] = 0;
  fprintf(stderr, "hastec: OpenCL: building kernel %s for %s failed; running on the CPU instead. Build log:\n%s\n",
          kernel_name, S.device_name, log);
  free(log);
}

static cl_program build_from_binary(const unsigned char *bin, size_t len, const char *options) {
  cl_int e, status;
  cl_program p = clCreateProgramWithBinary(S.context, 1, &S.device, &len, &bin, &status, &e);
  if (e != CL_SUCCESS || status != CL_SUCCESS) {
    if (p) clReleaseProgram(p);
    return NULL;
  }
  if (clBuildProgram(p, 1, &S.device, options, NULL, NULL) != CL_SUCCESS) {
    clReleaseProgram(p);
    return NULL;
  }
  return p;
}

static void save_binary(cl_program p, const char *path, const char *key) {
  size_t len = 0;
  if (clGetProgramInfo(p, CL_PROGRAM_BINARY_SIZES, sizeof len, &len, NULL) != CL_SUCCESS || len == 0) return;
  unsigned char *bin = malloc(len);
  if (!bin) return;
  if (clGetProgramInfo(p, CL_PROGRAM_BINARIES, sizeof bin, &bin, NULL) == CL_SUCCESS) cache_store(path, key, bin, len);
  free(bin);
}

/* A built program for (src, options): from this process, the disk, or source. */
static cl_program get_program(const char *src, const char *options, const char *kernel_name) {
  const char *dir = cache_dir();
  char *key = NULL;
  char path[1200];
  if (*dir) {
    key = cache_key(src, options);
    if (key) {
      cache_path(path, sizeof path, key);
      size_t len = 0;
      int existed = 0;
      unsigned char *bin = cache_load(path, key, &len, &existed);
      cl_program p = bin ? build_from_binary(bin, len, options) : NULL;
      free(bin);
      if (p) {
        S.stats.disk_hits++;
        debug("kernel %s: loaded from %s", kernel_name, path);
        free(key);
        return p;
      }
      if (existed) {
        S.stats.disk_rejects++;
        debug("kernel %s: cache entry %s is stale or damaged; rebuilding", kernel_name, path);
        unlink(path);
      }
    }
  }
  cl_int e;
  size_t n = strlen(src);
  cl_program p = clCreateProgramWithSource(S.context, 1, &src, &n, &e);
  if (e != CL_SUCCESS) {
    report("clCreateProgramWithSource", e);
    free(key);
    return NULL;
  }
  e = clBuildProgram(p, 1, &S.device, options, NULL, NULL);
  if (e != CL_SUCCESS) {
    print_build_log(p, kernel_name);
    clReleaseProgram(p);
    free(key);
    return NULL;
  }
  S.stats.source_builds++;
  debug("kernel %s: built from source (%s)", kernel_name, options);
  if (key) save_binary(p, path, key);
  free(key);
  return p;
}

/* The kernel object for (src, options, name), built once per process. */
static program_entry *get_kernel(const char *src, const char *options, const char *kernel_name) {
  for (program_entry *e = S.programs; e; e = e->next)
    if (strcmp(e->kernel_name, kernel_name) == 0 && strcmp(e->options, options) == 0 && strcmp(e->src, src) == 0) {
      S.stats.memory_hits++;
      return e;
    }
  /* Another kernel of the same program (the sort's four): share it. */
  cl_program p = NULL;
  for (program_entry *e = S.programs; e && !p; e = e->next)
    if (strcmp(e->options, options) == 0 && strcmp(e->src, src) == 0 && clRetainProgram(e->program) == CL_SUCCESS)
      p = e->program;
  if (!p) p = get_program(src, options, kernel_name);
  if (!p) return NULL;
  cl_int err;
  cl_kernel k = clCreateKernel(p, kernel_name, &err);
  if (err != CL_SUCCESS) {
    report("clCreateKernel", err);
    clReleaseProgram(p);
    return NULL;
  }
  program_entry *e = calloc(1, sizeof *e);
  if (!e) {
    clReleaseKernel(k);
    clReleaseProgram(p);
    return NULL;
  }
  e->src = strdup(src);
  e->options = strdup(options);
  e->kernel_name = strdup(kernel_name);
  e->program = p;
  e->kernel = k;
  e->async = strstr(src, "\n// hx-async:") != NULL;
  if (clGetKernelWorkGroupInfo(k, S.device, CL_KERNEL_WORK_GROUP_SIZE, sizeof e->kernel_wg, &e->kernel_wg, NULL) !=
      CL_SUCCESS)
    e->kernel_wg = S.max_wg;
  e->next = S.programs;
  S.programs = e;
  return e;
}

void hxrt_cl_forget_programs(void) {
  pthread_mutex_lock(&lock);
  program_entry *e = S.programs;
  while (e) {
    program_entry *next = e->next;
    clReleaseKernel(e->kernel);
    clReleaseProgram(e->program);
    free(e->src);
    free(e->options);
    free(e->kernel_name);
    free(e);
    e = next;
  }
  S.programs = NULL;
  pthread_mutex_unlock(&lock);
}

void hxrt_cl_get_stats(hxrt_cl_stats *out) {
  pthread_mutex_lock(&lock);
  *out = S.stats;
  pthread_mutex_unlock(&lock);
}

/* ---- device mirrors of arrays (struct mirror) ------------------------------------- */

/* All of these run under `lock`. */

static size_t mirror_bucket(const void *data) {
  uintptr_t p = (uintptr_t)data >> 6; /* elements are 64-byte aligned */
  return (size_t)((p ^ (p >> 12)) % MIRROR_BUCKETS);
}

static mirror *mirror_find(const void *data) {
  for (mirror *m = S.mirror_tab[mirror_bucket(data)]; m; m = m->next)
    if (m->data == data) return m;
  return NULL;
}

static void mirror_unlink_order(mirror *m) {
  if (m->newer) m->newer->older = m->older; else S.newest = m->older;
  if (m->older) m->older->newer = m->newer; else S.oldest = m->newer;
  m->newer = m->older = NULL;
}

static void mirror_push_newest(mirror *m) {
  m->older = S.newest;
  m->newer = NULL;
  if (S.newest) S.newest->newer = m; else S.oldest = m;
  S.newest = m;
}

/* A device buffer of exactly `bytes` bytes: a pooled one, or a new one. */
static cl_mem buf_take(size_t bytes, cl_int *err) {
  *err = CL_SUCCESS;
  for (int i = S.npool - 1; i >= 0; i--)
    if (S.pool[i].bytes == bytes) {
      cl_mem m = S.pool[i].mem;
      S.pool[i] = S.pool[--S.npool];
      S.pool_bytes -= bytes;
      S.stats.pool_hits++;
      return m;
    }
  return clCreateBuffer(S.context, CL_MEM_READ_WRITE, bytes, NULL, err);
}

/* Gives a buffer back: pooled while the pool holds at most BUF_POOL buffers
 * and an eighth of the mirrors' cap, else released (the oldest first). */
static void buf_give(cl_mem m, size_t bytes) {
  if (!m) return;
  size_t cap = S.mirror_cap / 8;
  if (bytes == 0 || bytes > cap) {
    clReleaseMemObject(m);
    return;
  }
  while (S.npool > 0 && (S.npool == BUF_POOL || S.pool_bytes + bytes > cap)) {
    clReleaseMemObject(S.pool[0].mem);
    S.pool_bytes -= S.pool[0].bytes;
    memmove(&S.pool[0], &S.pool[1], (size_t)(--S.npool) * sizeof S.pool[0]);
  }
  S.pool[S.npool].mem = m;
  S.pool[S.npool].bytes = bytes;
  S.npool++;
  S.pool_bytes += bytes;
}

/* Forgets mirror m and returns its buffer, whose reference passes to the
 * caller (hxrt_cl_sort sorts in it; mirror_drop pools it). The array is no
 * longer stale: its elements are in that buffer now, the caller's to keep. */
static cl_mem mirror_detach(mirror *m) {
  mirror **pp = &S.mirror_tab[mirror_bucket(m->data)];
  while (*pp != m) pp = &(*pp)->next;
  *pp = m->next;
  mirror_unlink_order(m);
  if (m->array->flags & HX_ARRAY_CL_STALE) __atomic_sub_fetch(&S.stale, 1, __ATOMIC_RELAXED);
  __atomic_and_fetch(&m->array->flags, ~(uint32_t)(HX_ARRAY_CL_MIRROR | HX_ARRAY_CL_STALE), __ATOMIC_RELAXED);
  S.stats.mirrors--;
  S.stats.mirror_bytes -= (int64_t)m->bytes;
  cl_mem mem = m->mem;
  free(m);
  return mem;
}

static void mirror_drop(mirror *m) {
  /* Commands still queued on the buffer run before any new use (in order). */
  size_t bytes = m->bytes;
  buf_give(mirror_detach(m), bytes);
}

/* Reads a stale array's elements back from its mirror (blocking: the
 * in-order queue finishes the kernels before it) and clears the flag. */
static cl_int download(mirror *m) {
  hx_array *a = m->array;
  if (!(a->flags & HX_ARRAY_CL_STALE)) return CL_SUCCESS;
  cl_int e = clEnqueueReadBuffer(S.queue, m->mem, CL_TRUE, 0, m->bytes, a->data, 0, NULL, NULL);
  if (e != CL_SUCCESS) return e;
  __atomic_and_fetch(&a->flags, ~(uint32_t)HX_ARRAY_CL_STALE, __ATOMIC_RELAXED);
  __atomic_sub_fetch(&S.stale, 1, __ATOMIC_RELAXED);
  S.stats.downloads++;
  S.stats.download_bytes += (int64_t)m->bytes;
  S.stats.stale_reads++;
  return CL_SUCCESS;
}

/* HX_CL_RESIDENT=0: read every result back at once and wait for every
 * launch, as before results stayed on the device (for comparisons). */
static int resident(void) {
  const char *r = getenv("HX_CL_RESIDENT");
  return !(r && strcmp(r, "0") == 0);
}

/* Marks a (whose mirror a launch just wrote) as held on the device only. */
static void mark_stale(hx_array *a) {
  __atomic_or_fetch(&a->flags, (uint32_t)HX_ARRAY_CL_STALE, __ATOMIC_RELAXED);
  __atomic_add_fetch(&S.stale, 1, __ATOMIC_RELAXED);
}

/* 1 when a kernel launched without waiting (an async store) has set the
 * deferred error flag since the last check (the flag is cleared). Waits
 * for the queue when one is pending. */
static int deferred_failed(void) {
  if (!S.deferred_pending) return 0;
  S.deferred_pending = 0;
  cl_int v = 0;
  if (clEnqueueReadBuffer(S.queue, S.deferred_buf, CL_TRUE, 0, sizeof v, &v, 0, NULL, NULL) != CL_SUCCESS) return 0;
  if (!v) return 0;
  static const cl_int zero = 0;
  clEnqueueWriteBuffer(S.queue, S.deferred_buf, CL_TRUE, 0, sizeof zero, &zero, 0, NULL, NULL);
  return 1;
}

/* The device buffer holding a's elements, or NULL. Only arrays of the
 * running call count (see struct mirror): a mirror of an array that went
 * back to the caller is dropped. A stale array's elements are read back
 * first (its mirror is their only copy). */
static cl_mem mirror_get(hx_array *a, size_t bytes) {
  if (!a || !(a->flags & HX_ARRAY_CL_MIRROR)) return NULL;
  mirror *m = mirror_find(a->data);
  if (!m) return NULL;
  if (!(a->flags & HX_ARRAY_TRACKED) || m->array != a || m->bytes != bytes) {
    if (m->array == a && download(m) != CL_SUCCESS) return NULL;
    mirror_drop(m);
    return NULL;
  }
  mirror_unlink_order(m);
  mirror_push_newest(m);
  m->launch = S.launch;
  S.stats.mirror_hits++;
  return m->mem;
}

/* Makes mem (holding a's elements, or about to: the queue is in order) a's
 * mirror, taking the caller's reference. Returns 0, and leaves mem to the
 * caller, when a may not have one. */
static int mirror_put(hx_array *a, cl_mem mem, size_t bytes) {
  if (!a || !(a->flags & HX_ARRAY_TRACKED) || bytes == 0 || bytes > S.mirror_cap) return 0;
  if (a->flags & HX_ARRAY_CL_MIRROR) {
    mirror *old = mirror_find(a->data);
    if (old) mirror_drop(old);
  }
  /* Evict the least recently used, but none this launch uses (its
   * buffers are set as kernel arguments already) and no stale one (the
   * only copy of its array's elements). */
  for (mirror *v = S.oldest; v && (size_t)S.stats.mirror_bytes + bytes > S.mirror_cap;) {
    mirror *newer = v->newer;
    if (v->launch != S.launch && !(v->array->flags & HX_ARRAY_CL_STALE)) mirror_drop(v);
    v = newer;
  }
  if ((size_t)S.stats.mirror_bytes + bytes > S.mirror_cap) return 0;
  mirror *m = malloc(sizeof *m);
  if (!m) return 0;
  m->data = a->data;
  m->array = a;
  m->mem = mem;
  m->bytes = bytes;
  m->launch = S.launch;
  size_t b = mirror_bucket(a->data);
  m->next = S.mirror_tab[b];
  S.mirror_tab[b] = m;
  mirror_push_newest(m);
  a->flags |= HX_ARRAY_CL_MIRROR;
  S.stats.mirrors++;
  S.stats.mirror_bytes += (int64_t)bytes;
  return 1;
}

void hxrt_cl_array_freed(hx_array *a) {
  pthread_mutex_lock(&lock);
  mirror *m = mirror_find(a->data);
  if (m && m->array == a) mirror_drop(m);
  a->flags &= ~(uint32_t)HX_ARRAY_CL_MIRROR;
  pthread_mutex_unlock(&lock);
}

void hxrt_cl_drop_mirrors(void) {
  pthread_mutex_lock(&lock);
  while (S.oldest) {
    download(S.oldest);
    mirror_drop(S.oldest);
  }
  pthread_mutex_unlock(&lock);
}

/* After hxrt_cl_host(_all) let go of the lock: raise what went wrong. */
static void raise_host_failure(hx_context *ctx, cl_int e, int bug) {
  if ((bug || e != CL_SUCCESS) && !ctx) {
    fprintf(stderr, "hastec: OpenCL: %s\n", bug ? "a kernel read outside a list (a hastec bug)" : "reading a result back failed");
    return;
  }
  if (bug)
    hxrt_raise(ctx, HX_ERR_DEVICE,
               "internal error: an OpenCL kernel read outside a list (a hastec bug, please report it); "
               "build without --target=opencl to run it on the CPU",
               NULL);
  if (e != CL_SUCCESS) {
    char msg[160];
    snprintf(msg, sizeof msg, "OpenCL: reading a result back from the device failed (%d %s)", (int)e,
             cl_error_name(e));
    hxrt_raise(ctx, HX_ERR_DEVICE, msg, NULL);
  }
}

void hxrt_cl_host(hx_context *ctx, hx_array *a) {
  if (!a || !(__atomic_load_n(&a->flags, __ATOMIC_RELAXED) & HX_ARRAY_CL_STALE)) return;
  pthread_mutex_lock(&lock);
  cl_int e = CL_SUCCESS;
  if (a->flags & HX_ARRAY_CL_STALE) {
    mirror *m = mirror_find(a->data);
    if (m && m->array == a) {
      e = download(m);
      if (debug_on()) { /* who needs it on the host: the calling function */
        Dl_info info;
        void *from = __builtin_return_address(0);
        int found = dladdr(from, &info);
        debug("result of %zu bytes read back for the host by %s (%s+0x%zx)", m->bytes,
              found && info.dli_sname ? info.dli_sname : "?", found && info.dli_fname ? info.dli_fname : "?",
              found ? (size_t)((char *)from - (char *)info.dli_fbase) : (size_t)0);
      }
    }
  }
  int bug = deferred_failed();
  pthread_mutex_unlock(&lock);
  raise_host_failure(ctx, e, bug);
}

void hxrt_cl_host_all(hx_context *ctx) {
  if (!__atomic_load_n(&S.stale, __ATOMIC_RELAXED) && !__atomic_load_n(&S.deferred_pending, __ATOMIC_RELAXED))
    return;
  pthread_mutex_lock(&lock);
  cl_int e = CL_SUCCESS;
  for (mirror *m = S.oldest; m && e == CL_SUCCESS; m = m->newer) e = download(m);
  int bug = deferred_failed();
  pthread_mutex_unlock(&lock);
  raise_host_failure(ctx, e, bug);
}

/* The array whose elements start at data, among the last arrays the
 * running call allocated (a GEMM gets element pointers; its result was
 * allocated just before it, its operands usually shortly before), or NULL.
 * Only follows the call's own list of arrays, so a pointer into memory
 * that is no array (a C caller's, a test's) is never dereferenced. The
 * GEMM runs on the call's own thread, outside parallel loops: nothing
 * else changes this context's list meanwhile. */
static hx_array *recent_array_of(hx_context *ctx, const void *data) {
  if (!ctx || !ctx->tracked || !data) return NULL;
  int steps = 0;
  for (hx_link *l = ctx->tracked->prev; l != ctx->tracked && steps < 64; l = l->prev, steps++) {
    hx_array *a = (hx_array *)((char *)l - offsetof(struct hx_array, link));
    if (a->data == data) return a;
  }
  return NULL;
}

/* The array whose elements start at data: one with a mirror (the table is
 * keyed by the address, nothing is dereferenced to find it; a stale operand
 * is always found this way), else recent_array_of. */
static hx_array *array_at(hx_context *ctx, const void *data) {
  mirror *m = data ? mirror_find(data) : NULL;
  if (m && m->array->data == data) return m->array;
  return recent_array_of(ctx, data);
}

/* A buffer holding `bytes` bytes of a's elements (data: where they are on
 * the host): the mirror, or a new buffer with the copy queued (not waited
 * for: the in-order queue runs it before the kernel), then kept as a's
 * mirror when a may have one. *release gets 1 when the caller must release
 * the buffer after the launch. NULL on failure, with *err set. */
static cl_mem device_copy_of(hx_array *a, const void *data, size_t bytes, int *release, cl_int *err) {
  *release = 0;
  cl_mem m = mirror_get(a, bytes);
  if (m) return m;
  cl_mem b = buf_take(bytes ? bytes : 8, err);
  if (*err != CL_SUCCESS) return NULL;
  if (bytes) {
    *err = clEnqueueWriteBuffer(S.queue, b, CL_FALSE, 0, bytes, data, 0, NULL, NULL);
    if (*err != CL_SUCCESS) {
      clReleaseMemObject(b);
      return NULL;
    }
    S.stats.uploads++;
    S.stats.upload_bytes += (int64_t)bytes;
  }
  if (!mirror_put(a, b, bytes)) *release = 1;
  return b;
}

/* A new launch (under the lock): its number, and the mirrors' cap, read
 * each time like HX_CL_MIN_N: HX_CL_MIRROR_MB, else a quarter of the
 * device's memory (on a CPU device that is host memory, held twice). A
 * lower cap evicts at the next new mirror. */
static void begin_launch(void) {
  S.launch++;
  const char *mb = getenv("HX_CL_MIRROR_MB");
  S.mirror_cap = mb && *mb ? (size_t)strtoull(mb, NULL, 10) << 20 : (size_t)(S.global_mem / 4);
}

/* The device time of a finished kernel's event, in ns (0 unless profiling). */
static int64_t event_ns(cl_event ev) {
  cl_ulong t0 = 0, t1 = 0;
  if (!ev || !S.profiling) return 0;
  if (clGetEventProfilingInfo(ev, CL_PROFILING_COMMAND_START, sizeof t0, &t0, NULL) != CL_SUCCESS ||
      clGetEventProfilingInfo(ev, CL_PROFILING_COMMAND_END, sizeof t1, &t1, NULL) != CL_SUCCESS || t1 < t0)
    return 0;
  return (int64_t)(t1 - t0);
}

/* ---- launches --------------------------------------------------------------------------- */

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int64_t env_int(const char *name) {
  const char *s = getenv(name);
  return s && *s ? strtoll(s, NULL, 10) : 0;
}

static size_t floor_pow2(size_t v) {
  size_t p = 1;
  while (p * 2 <= v) p *= 2;
  return p;
}

static int64_t elem_size(int kind) {
  switch (kind) {
  case HX_KIND_I64: case HX_KIND_F64: return 8;
  case HX_KIND_I32: case HX_KIND_F32: return 4;
  case HX_KIND_BOOL: return 1;
  default: return 0;
  }
}

/* ---- no device, no fp64: --fallback=cpu or a RuntimeError ------------------------ */

/* The --fallback policy of the library whose kernel src is: codegen gives
 * every --target=opencl library an exported `const int32_t
 * hx_opencl_fallback` (1: --fallback=cpu). src is one of that library's
 * constants, so dladdr finds the library and dlsym its symbol. A library
 * without the symbol (or src not in a library: tests) gets 0. */
static int fallback_to_cpu(const char *src) {
  Dl_info info;
  if (!dladdr(src, &info) || !info.dli_fname || !*info.dli_fname) return 0;
  void *h = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
  if (!h) return 0;
  const int32_t *v = (const int32_t *)dlsym(h, "hx_opencl_fallback");
  int cpu = v && *v == 1;
  dlclose(h);
  return cpu;
}

/* Where a kernel comes from, read from its first line
 * "// hastec OpenCL kernel K for M.f/1 (model.hx:11)" (OpenCLEmit's
 * header): fills loc (pointing into fn/file) and returns 1, or returns 0. */
static int kernel_site(const char *src, hx_srcloc *loc, char *fn, size_t fn_cap, char *file, size_t file_cap) {
  static const char head[] = "// hastec OpenCL kernel ";
  if (strncmp(src, head, sizeof head - 1) != 0) return 0;
  const char *eol = strchr(src, '\n');
  if (!eol) eol = src + strlen(src);
  const char *open = NULL, *close = NULL, *colon = NULL;
  for (const char *c = src; c < eol; c++)
    if (*c == '(') open = c;
  if (!open) return 0;
  for (const char *c = open; c < eol && !close; c++)
    if (*c == ')') close = c;
  for (const char *c = open; close && c < close; c++)
    if (*c == ':') colon = c;
  if (!close || !colon) return 0;
  fn[0] = 0;
  const char *for_ = strstr(src, " for ");
  if (for_ && for_ < open) {
    int k = (int)(open - (for_ + 5)) - 1; /* up to the space before '(' */
    if (k > 0) snprintf(fn, fn_cap, "%.*s", k, for_ + 5);
  }
  snprintf(file, file_cap, "%.*s", (int)(colon - open - 1), open + 1);
  loc->file = file;
  loc->line = (int32_t)strtol(colon + 1, NULL, 10);
  loc->function = fn;
  return 1;
}

/* Raises the RuntimeError of a --target=opencl library that cannot run as
 * built, at the kernel's .hx site. Never returns; holds no lock. */
static void raise_device_error(hx_context *ctx, const char *src, const char *message) __attribute__((noreturn));
static void raise_device_error(hx_context *ctx, const char *src, const char *message) {
  hx_srcloc loc;
  char fn[256], file[1024];
  int have = kernel_site(src, &loc, fn, sizeof fn, file, sizeof file);
  hxrt_raise(ctx, HX_ERR_DEVICE, message, have ? &loc : NULL);
}

/* No usable device: the CPU path after one warning per process
 * (--fallback=cpu, or no ctx to raise in), else a RuntimeError. */
static int no_device(hx_context *ctx, const char *src) {
  if (ctx && !fallback_to_cpu(src)) {
    char fix[1024];
    switch (S.why_kind) {
    case WHY_NO_MATCH:
      snprintf(fix, sizeof fix,
               "set HX_DEVICE to gpu, cpu, <platform>:<device> or part of a device name (the devices: %s; "
               "`hastec devices` lists them)",
               S.listing);
      break;
    case WHY_OPEN_FAILED:
      snprintf(fix, sizeof fix, "choose another device with HX_DEVICE (`hastec devices` lists them)");
      break;
    default:
      snprintf(fix, sizeof fix,
               "install an OpenCL driver (pocl-opencl-icd runs kernels on the CPU; a GPU needs its vendor's ICD)");
    }
    char msg[2048];
    snprintf(msg, sizeof msg, "no OpenCL device (%s): %s, or build with --fallback=cpu to run on the CPU", S.why,
             fix);
    raise_device_error(ctx, src, msg);
  }
  pthread_mutex_lock(&lock);
  int first = !S.warned_no_device;
  S.warned_no_device = 1;
  pthread_mutex_unlock(&lock);
  if (first) {
    fprintf(stderr, "hastec: warning: no OpenCL device (%s); running on the CPU\n", S.why);
    fflush(stderr);
  }
  return HXRT_CL_UNAVAILABLE;
}

/* 1 when src needs cl_khr_fp64 and the device has none. */
static int lacks_fp64(const char *src) {
  const char *pretend = getenv("HX_CL_NO_FP64"); /* tests: act as a device without fp64 */
  int fp64 = S.fp64 && !(pretend && *pretend && strcmp(pretend, "0") != 0);
  return !fp64 && strstr(src, "cl_khr_fp64") != NULL;
}

/* A float kernel on a device without fp64: name the function and the .hx
 * lines that use 64-bit floats (the kernel's "hx-fp64:" comment). With
 * --fallback=cpu (or no ctx), a warning once per kernel and the CPU path;
 * else a RuntimeError. */
static int no_fp64(hx_context *ctx, const char *src, const char *kernel_name) {
  hx_srcloc loc;
  char fn[256], file[1024], who[512];
  if (kernel_site(src, &loc, fn, sizeof fn, file, sizeof file) && fn[0])
    snprintf(who, sizeof who, "%s's kernel %s", fn, kernel_name);
  else
    snprintf(who, sizeof who, "kernel %s", kernel_name);
  const char *uses = strstr(src, "// hx-fp64: ");
  int len = 0;
  if (uses) {
    uses += strlen("// hx-fp64: ");
    while (uses[len] && uses[len] != '\n') len++;
  } else {
    uses = "uses float (64-bit) values";
    len = (int)strlen(uses);
  }
  if (ctx && !fallback_to_cpu(src)) {
    char msg[2048];
    snprintf(msg, sizeof msg,
             "OpenCL device %s has no 64-bit floats (cl_khr_fp64), but %s %.*s: use Hx.f32() there, choose a "
             "device with fp64 through HX_DEVICE (`hastec devices` lists them), or build with --fallback=cpu to "
             "run it on the CPU",
             S.device_name, who, len, uses);
    raise_device_error(ctx, src, msg);
  }
  uint64_t h = fnv1a(src, strlen(src), FNV_BASIS);
  pthread_mutex_lock(&lock);
  int seen = 0;
  for (int i = 0; i < S.nwarned_fp64; i++) seen |= S.warned_fp64[i] == h;
  if (!seen && S.nwarned_fp64 < 16) S.warned_fp64[S.nwarned_fp64++] = h;
  pthread_mutex_unlock(&lock);
  if (!seen) {
    fprintf(stderr,
            "hastec: warning: OpenCL device %s has no 64-bit floats (cl_khr_fp64), but %s %.*s (Hx.f32 values run "
            "there); running it on the CPU\n",
            S.device_name, who, len, uses);
    fflush(stderr);
  }
  return HXRT_CL_UNAVAILABLE;
}

/* A compaction's join on the device: work-group g copies the run of
 * runs[2g + 1] survivors at the start of block g (g * per) to runs[2g], its
 * place in the result, so the filtered list can stay on the device. */
static const char join_src[] =
    "// hastec OpenCL compaction join (runtime/opencl.c): work-group g moves block g's run into place\n"
    "__kernel void hx_join(__global const T* src, __global T* dst, __global const long* runs, long per) {\n"
    "  const long g = get_group_id(0);\n"
    "  const long from = g * per, to = runs[2 * g], count = runs[2 * g + 1];\n"
    "  for (long j = get_local_id(0); j < count; j += get_local_size(0)) dst[to + j] = src[from + j];\n"
    "}\n";

/* After a compaction kernel (under the lock, its counts read): joins the
 * groups' runs of obuf into a new buffer of exactly the survivors, made
 * out's mirror with out stale, and leaves the total in counts[0]. 0 when it
 * cannot (an element size it has no copy for, a failed build or launch, the
 * mirrors full): the caller then reads obuf back for the host's join. */
static int join_on_device(hx_array *out, cl_mem obuf, int64_t n, int64_t g, int64_t *counts) {
  int64_t esize = elem_size(hx_array_kind(out));
  const char *t = esize == 1 ? "uchar" : esize == 4 ? "uint" : esize == 8 ? "ulong" : NULL;
  if (!t || g < 1) return 0;
  int64_t per = (n + g - 1) / g, total = 0;
  cl_long *runs = malloc((size_t)g * 2 * sizeof *runs);
  if (!runs) return 0;
  for (int64_t i = 0; i < g; i++) {
    runs[2 * i] = total;
    runs[2 * i + 1] = counts[i];
    total += counts[i];
  }
  int ok = 0;
  cl_int e = CL_SUCCESS;
  cl_mem rbuf = NULL, jbuf = NULL;
  size_t jbytes = (size_t)(total * esize);
  char options[64];
  snprintf(options, sizeof options, "-cl-std=CL1.2 -DT=%s", t);
  if (total == 0) { /* nothing survived: nothing to join or read */
    counts[0] = 0;
    free(runs);
    return 1;
  }
  program_entry *k = get_kernel(join_src, options, "hx_join");
  if (!k) goto out;
  rbuf = clCreateBuffer(S.context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, (size_t)g * 2 * sizeof *runs, runs, &e);
  if (e != CL_SUCCESS) {
    rbuf = NULL;
    goto out;
  }
  jbuf = buf_take(jbytes, &e);
  if (e != CL_SUCCESS) {
    jbuf = NULL;
    goto out;
  }
  cl_long cper = per;
  if (clSetKernelArg(k->kernel, 0, sizeof obuf, &obuf) != CL_SUCCESS ||
      clSetKernelArg(k->kernel, 1, sizeof jbuf, &jbuf) != CL_SUCCESS ||
      clSetKernelArg(k->kernel, 2, sizeof rbuf, &rbuf) != CL_SUCCESS ||
      clSetKernelArg(k->kernel, 3, sizeof cper, &cper) != CL_SUCCESS)
    goto out;
  size_t local = floor_pow2(k->kernel_wg < 256 ? k->kernel_wg : 256), global = (size_t)g * local;
  if ((e = clEnqueueNDRangeKernel(S.queue, k->kernel, 1, NULL, &global, &local, 0, NULL, NULL)) != CL_SUCCESS) {
    report("clEnqueueNDRangeKernel (compaction join)", e);
    goto out;
  }
  S.stats.runs++;
  S.stats.async_runs++;
  if (!mirror_put(out, jbuf, jbytes)) goto out; /* the queued join still runs; its result is not used */
  jbuf = NULL;
  mark_stale(out);
  counts[0] = total;
  ok = 1;
  debug("compaction join: %lld survivors of %lld in %lld runs, left on the device", (long long)total, (long long)n,
        (long long)g);
out:
  if (rbuf) clReleaseMemObject(rbuf); /* released once the join has run (OpenCL counts it) */
  buf_give(jbuf, jbytes);
  free(runs);
  return ok;
}

int hxrt_cl_run(hx_context *ctx, const char *src, const char *kernel_name, int64_t n, int nargs,
                const int *arg_kinds, void **arg_values, void *partials, int64_t partial_size, int64_t *groups,
                hx_array *out) {
  if (groups) *groups = 0;
  /* Whether the library can run as built is settled before n is looked
   * at, so it never depends on the input's size. */
  if (!hxrt_cl_available()) return no_device(ctx, src);
  if (lacks_fp64(src)) return no_fp64(ctx, src, kernel_name);
  if (n <= 0) return HXRT_CL_OK; /* nothing to fold or store */
  if (n < env_int("HX_CL_MIN_N")) return HXRT_CL_UNAVAILABLE; /* too small to be worth a launch */
  if (!out && (!partials || partial_size <= 0 || !groups)) return HXRT_CL_UNAVAILABLE;
  if (out && hx_array_len(out) < n) return HXRT_CL_UNAVAILABLE;
  /* A compaction (a filter's kernel) writes out and one count per group. */
  const int compact = out && partials && partial_size > 0 && groups;

  pthread_mutex_lock(&lock);
  begin_launch();
  double t_start = seconds();
  int result = HXRT_CL_UNAVAILABLE;
  cl_mem bufs[64 + 3];
  int nbufs = 0;
  cl_mem pbuf = NULL, ebuf = NULL, obuf = NULL;
  cl_event kev = NULL;
  int64_t up0 = S.stats.upload_bytes, hits0 = S.stats.mirror_hits;
  cl_int e = CL_SUCCESS;
  const char *step = "";
  int must_wait = 1; /* 0: an async store that copied nothing in (no host memory is still being read) */
  size_t obytes = 0; /* a store's result */
  int bug = 0;       /* an earlier async store failed (deferred_failed) */

  /* Work-group size: HX_CL_WG or 256, within the device's and the kernel's
   * limits, a power of two (the tree reduction halves it). */
  int64_t want_wg = env_int("HX_CL_WG");
  size_t wg = floor_pow2(want_wg > 0 ? (size_t)want_wg : 256);
  if (wg > S.max_wg) wg = floor_pow2(S.max_wg);
  /* GPUs read coalesced with strided loops; CPUs want each work-item on
   * one contiguous run (a stride of HX_WG elements misses the cache). */
  int64_t want_runs = env_int("HX_CL_CONTIGUOUS");
  const char *runs_env = getenv("HX_CL_CONTIGUOUS");
  int contiguous = runs_env && *runs_env ? want_runs != 0 : !(S.type & CL_DEVICE_TYPE_GPU);
  program_entry *k = NULL;
  for (int tries = 0; tries < 4; tries++) {
    char options[160];
    snprintf(options, sizeof options,
             "-cl-std=CL1.2 -cl-fp32-correctly-rounded-divide-sqrt -DHX_WG=%zu -DHX_CONTIGUOUS=%d", wg, contiguous);
    k = get_kernel(src, options, kernel_name);
    if (!k) goto done;
    if (k->kernel_wg >= wg) break;
    wg = floor_pow2(k->kernel_wg); /* too many registers for wg work-items: rebuild smaller */
    k = NULL;
  }
  if (!k) goto done;

  /* Groups: enough to fill the device a few times over, each with at
   * least a work-group's worth of elements; HX_CL_GROUPS overrides. */
  int64_t g = env_int("HX_CL_GROUPS");
  if (g <= 0) {
    int64_t per_cu = (S.type & CL_DEVICE_TYPE_GPU) ? 8 : 4;
    g = (int64_t)S.compute_units * per_cu;
    int64_t need = (n + (int64_t)wg - 1) / (int64_t)wg;
    if (g > need) g = need;
  }
  if (g < 1) g = 1;
  if (g > HXRT_CL_MAX_GROUPS) g = HXRT_CL_MAX_GROUPS;

  cl_kernel kern = k->kernel;
  /* The error flag and the partials live in buffers kept across launches
   * (a store's kernel gets the partials buffer too and never writes it). */
  size_t pbytes = out && !compact ? 1 : (size_t)(g * partial_size);
  step = "clCreateBuffer";
  if (pbytes > S.partials_cap) {
    if (S.partials_buf) clReleaseMemObject(S.partials_buf);
    S.partials_cap = 0;
    size_t cap = (size_t)HXRT_CL_MAX_GROUPS * 16;
    if (cap < pbytes) cap = pbytes;
    S.partials_buf = clCreateBuffer(S.context, CL_MEM_READ_WRITE, cap, NULL, &e);
    if (e != CL_SUCCESS) {
      S.partials_buf = NULL;
      goto fail;
    }
    S.partials_cap = cap;
  }
  pbuf = S.partials_buf;
  if (!S.flag_buf) {
    S.flag_buf = clCreateBuffer(S.context, CL_MEM_READ_WRITE, sizeof(cl_int), NULL, &e);
    if (e != CL_SUCCESS) {
      S.flag_buf = NULL;
      goto fail;
    }
  }
  static const cl_int zero = 0; /* static: a queued write reads it later */
  /* An async store (its only raise sites are bounds checks the frontend
   * proved) is not waited for: it sets the deferred flag, read at the next
   * wait, where a set flag is a compiler bug (raise_host_failure). */
  const int keep = resident();
  const int async = keep && out && !compact && k->async && (out->flags & HX_ARRAY_TRACKED) && hx_array_len(out) == n;
  if (async && !S.deferred_buf) {
    S.deferred_buf = clCreateBuffer(S.context, CL_MEM_READ_WRITE, sizeof(cl_int), NULL, &e);
    if (e != CL_SUCCESS) {
      S.deferred_buf = NULL;
      goto fail;
    }
    step = "clEnqueueWriteBuffer";
    if ((e = clEnqueueWriteBuffer(S.queue, S.deferred_buf, CL_TRUE, 0, sizeof zero, &zero, 0, NULL, NULL)) !=
        CL_SUCCESS)
      goto fail;
  }
  ebuf = async ? S.deferred_buf : S.flag_buf;
  step = "clEnqueueWriteBuffer";
  if (!async && (e = clEnqueueWriteBuffer(S.queue, ebuf, CL_FALSE, 0, sizeof zero, &zero, 0, NULL, NULL)) != CL_SUCCESS)
    goto fail;
  cl_uint ai = 0;
  cl_long cn = n;
  step = "clSetKernelArg";
  if ((e = clSetKernelArg(kern, ai++, sizeof pbuf, &pbuf)) != CL_SUCCESS) goto fail;
  if ((e = clSetKernelArg(kern, ai++, sizeof ebuf, &ebuf)) != CL_SUCCESS) goto fail;
  if ((e = clSetKernelArg(kern, ai++, sizeof cn, &cn)) != CL_SUCCESS) goto fail;
  if (nargs > 64) goto done;
  for (int i = 0; i < nargs; i++) {
    /* Only a tensor's code carries more than its kind: its rank. */
    if ((arg_kinds[i] & 0xff) != HXRT_CL_ARG_TENSOR && arg_kinds[i] >> 8) goto done;
    switch (arg_kinds[i] & 0xff) {
    case HXRT_CL_ARG_I64: {
      cl_long v = *(const int64_t *)arg_values[i];
      e = clSetKernelArg(kern, ai++, sizeof v, &v);
      break;
    }
    case HXRT_CL_ARG_F64: {
      cl_double v = *(const double *)arg_values[i];
      e = clSetKernelArg(kern, ai++, sizeof v, &v);
      break;
    }
    case HXRT_CL_ARG_BOOL: {
      cl_uchar v = *(const uint8_t *)arg_values[i] ? 1 : 0;
      e = clSetKernelArg(kern, ai++, sizeof v, &v);
      break;
    }
    case HXRT_CL_ARG_I32: {
      cl_int v = *(const int32_t *)arg_values[i];
      e = clSetKernelArg(kern, ai++, sizeof v, &v);
      break;
    }
    case HXRT_CL_ARG_F32: {
      cl_float v = *(const float *)arg_values[i];
      e = clSetKernelArg(kern, ai++, sizeof v, &v);
      break;
    }
    case HXRT_CL_ARG_LIST:
    case HXRT_CL_ARG_TENSOR: {
      hx_array *a = *(hx_array **)arg_values[i];
      int64_t len = a ? hx_array_len(a) : 0;
      int64_t size = a ? elem_size(hx_array_kind(a)) : 0;
      if (a && size == 0) goto done; /* lists of lists or tuples never reach a kernel */
      size_t bytes = (size_t)(len * size);
      step = "copying an argument to the device";
      int release = 0;
      cl_mem b = device_copy_of(a, a ? a->data : NULL, bytes, &release, &e);
      if (!b) goto fail;
      if (release) bufs[nbufs++] = b;
      step = "clSetKernelArg";
      cl_long cl_len = len;
      if ((e = clSetKernelArg(kern, ai++, sizeof b, &b)) != CL_SUCCESS) goto fail;
      e = clSetKernelArg(kern, ai++, sizeof cl_len, &cl_len);
      /* A tensor: its dimensions follow the data. */
      const int rank = (arg_kinds[i] & 0xff) == HXRT_CL_ARG_TENSOR ? arg_kinds[i] >> 8 : 0;
      for (int d = 0; d < rank && e == CL_SUCCESS; d++) {
        cl_long dim = ((const int64_t *)((const char *)arg_values[i] + sizeof(hx_array *)))[d];
        e = clSetKernelArg(kern, ai++, sizeof dim, &dim);
      }
      break;
    }
    default:
      goto done;
    }
    if (e != CL_SUCCESS) goto fail;
  }
  if (out) {
    obytes = (size_t)(n * elem_size(hx_array_kind(out)));
    if (obytes == 0) goto done;
    step = "clCreateBuffer";
    obuf = buf_take(obytes, &e);
    if (e != CL_SUCCESS) goto fail;
    step = "clSetKernelArg";
    if ((e = clSetKernelArg(kern, ai++, sizeof obuf, &obuf)) != CL_SUCCESS) goto fail;
  }

  size_t local = wg, global = (size_t)g * wg;
  double t_args = seconds();
  step = "clEnqueueNDRangeKernel";
  if ((e = clEnqueueNDRangeKernel(S.queue, kern, 1, NULL, &global, &local, 0, NULL, S.profiling ? &kev : NULL)) !=
      CL_SUCCESS)
    goto fail;
  /* A store's result stays on the device as out's mirror (out is stale
   * until hxrt_cl_host reads it back), unless out is no array of the
   * running call, longer than n (the rest is not on the device) or the
   * mirrors are full: then it is read back here. */
  int on_device = 0;
  if (async) {
    S.deferred_pending = 1;
    S.stats.async_runs++;
    if (hx_array_len(out) == n && mirror_put(out, obuf, obytes)) {
      obuf = NULL;
      mark_stale(out);
      on_device = 1;
      /* Nothing to wait for, unless a copy in is still reading host memory. */
      must_wait = S.stats.upload_bytes != up0;
    } else {
      step = "reading the results";
      if ((e = clEnqueueReadBuffer(S.queue, obuf, CL_TRUE, 0, obytes, out->data, 0, NULL, NULL)) !=
          CL_SUCCESS)
        goto fail;
      S.stats.downloads++;
      S.stats.download_bytes += (int64_t)obytes;
    }
    S.stats.runs++;
    if (S.profiling) { /* HX_CL_PROFILE measures: it waits to read the kernel's time */
      clFinish(S.queue);
      S.stats.kernel_ns += event_ns(kev);
    }
    debug("kernel %s: n=%lld, %lld groups of %zu; build+arguments %.3f ms, not waited for (%s); %lld bytes up, %lld "
          "arguments on the device",
          kernel_name, (long long)n, (long long)g, wg, (t_args - t_start) * 1e3,
          on_device ? "result on the device" : "result read back", (long long)(S.stats.upload_bytes - up0),
          (long long)(S.stats.mirror_hits - hits0));
    result = HXRT_CL_OK;
    goto done;
  }
  /* The error flag (and a fold's partials) come back in one wait: when the
   * flag is set the results are not used (the CPU path recomputes them). */
  cl_int flag = 0;
  step = "reading the error flag";
  if ((e = clEnqueueReadBuffer(S.queue, ebuf, CL_FALSE, 0, sizeof flag, &flag, 0, NULL, NULL)) != CL_SUCCESS) goto fail;
  step = "reading the results";
  /* A compaction's counts come back; its runs are joined on the device
   * (join_on_device) or come back too, for the host to move together. */
  const int join_here = compact && keep && (out->flags & HX_ARRAY_TRACKED) && hx_array_len(out) == n &&
                        partial_size == (int64_t)sizeof(int64_t);
  if (compact && !join_here &&
      (e = clEnqueueReadBuffer(S.queue, obuf, CL_FALSE, 0, obytes, out->data, 0, NULL, NULL)) != CL_SUCCESS)
    goto fail;
  if ((!out || compact) &&
      (e = clEnqueueReadBuffer(S.queue, pbuf, CL_FALSE, 0, pbytes, partials, 0, NULL, NULL)) != CL_SUCCESS)
    goto fail;
  step = "clFinish";
  if ((e = clFinish(S.queue)) != CL_SUCCESS) goto fail;
  bug = deferred_failed();
  double t_kernel = seconds();
  S.stats.runs++;
  int64_t dev_ns = event_ns(kev);
  S.stats.kernel_ns += dev_ns;
  if (flag) {
    debug("kernel %s: n=%lld, %lld groups of %zu: raised", kernel_name, (long long)n, (long long)g, wg);
    result = HXRT_CL_RAISED;
    goto done;
  }
  if (join_here) {
    if (join_on_device(out, obuf, n, g, (int64_t *)partials)) {
      *groups = 1; /* partials[0] holds the total: the host's join moves nothing */
      on_device = 1;
    } else {
      step = "reading the results";
      if ((e = clEnqueueReadBuffer(S.queue, obuf, CL_TRUE, 0, obytes, out->data, 0, NULL, NULL)) != CL_SUCCESS)
        goto fail;
      *groups = g;
    }
  }
  if (out && !compact) {
    if (keep && hx_array_len(out) == n && mirror_put(out, obuf, obytes)) {
      obuf = NULL;
      mark_stale(out);
      on_device = 1;
    } else {
      step = "reading the results";
      if ((e = clEnqueueReadBuffer(S.queue, obuf, CL_TRUE, 0, obytes, out->data, 0, NULL, NULL)) !=
          CL_SUCCESS)
        goto fail;
      /* On the host and the device alike (HX_CL_RESIDENT=0): still a mirror. */
      if (hx_array_len(out) == n && mirror_put(out, obuf, obytes)) obuf = NULL;
    }
  }
  /* A compaction's obuf holds the runs before the host moves them together: no mirror. */
  int64_t down = (out && !on_device ? (int64_t)obytes : 0) + (!out || compact ? (int64_t)pbytes : 0);
  if (down) {
    S.stats.downloads++;
    S.stats.download_bytes += down;
  }
  if (groups && (!out || (compact && !join_here))) *groups = g;
  debug("kernel %s: n=%lld, %lld groups of %zu; build+arguments %.3f ms, kernel+wait %.3f ms%s; "
        "device %.3f ms, %lld bytes up, %lld arguments on the device",
        kernel_name, (long long)n, (long long)g, wg, (t_args - t_start) * 1e3, (t_kernel - t_args) * 1e3,
        on_device ? ", result on the device" : "", dev_ns * 1e-6, (long long)(S.stats.upload_bytes - up0),
        (long long)(S.stats.mirror_hits - hits0));
  result = HXRT_CL_OK;
  goto done;

fail:
  report(step, e);
  must_wait = 1;
done:
  /* No queued copy may outlive the host memory it reads; an async store
   * that copied nothing in is only flushed. Buffers released here live on
   * until their queued commands are done (OpenCL counts them). */
  if (must_wait) clFinish(S.queue);
  else clFlush(S.queue);
  if (kev) clReleaseEvent(kev);
  for (int i = 0; i < nbufs; i++) clReleaseMemObject(bufs[i]);
  buf_give(obuf, obytes);
  pthread_mutex_unlock(&lock);
  if (bug) raise_host_failure(ctx, CL_SUCCESS, 1);
  return result;
}

/* ---- matrix products (Nx.dot of matrices) ---------------------------------------- */

/* C = A * B, row-major. A work-group of 16 x 16 work-items computes a
 * tile of C of (16 R) x (16 R) elements, each work-item R x R of them (rows
 * ty + 16 i, columns tx + 16 j: reads of the staged tiles are broadcasts or
 * consecutive, stores coalesced), held in registers while the group walks K
 * in steps of 16, staging a (16 R) x 16 tile of A and a 16 x (16 R) tile of
 * B in local memory (loaded along K and along N: coalesced). R (HX_R) is
 * 4, or 2 or 1 when that leaves too few groups to fill the device.
 * Each element sums its K products in order (floats with fma), so the
 * result never depends on R or the launch shape; a partial last step is
 * summed only over its real columns (no padding products, which could
 * meet an Inf: Inf * 0 is NaN). Integers wrap, as Nx's integer dot does. */
static const char gemm_src[] =
    "// hastec OpenCL matrix product (runtime/opencl.c)\n"
    "#ifdef HX_GEMM_FP64\n"
    "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n"
    "#endif\n"
    "#pragma OPENCL FP_CONTRACT OFF\n"
    "#ifdef HX_GEMM_INT\n"
    "#define MAD(x, y, acc) ((T)((UT)(acc) + (UT)(x) * (UT)(y)))\n"
    "#else\n"
    "#define MAD(x, y, acc) fma((x), (y), (acc))\n"
    "#endif\n"
    "#define BK 16\n"
    "#define BM (16 * HX_R)\n"
    "__kernel __attribute__((reqd_work_group_size(16, 16, 1)))\n"
    "void hx_gemm(long m, long n, long k, __global const T* a, __global const T* b, __global T* c) {\n"
    "  __local T as[BK][BM + 1];\n"
    "  __local T bs[BK][BM];\n"
    "  const int tx = get_local_id(0), ty = get_local_id(1), tid = ty * 16 + tx;\n"
    "  const long row0 = (long)get_group_id(1) * BM, col0 = (long)get_group_id(0) * BM;\n"
    "  T acc[HX_R][HX_R];\n"
    "  for (int i = 0; i < HX_R; i++)\n"
    "    for (int j = 0; j < HX_R; j++) acc[i][j] = 0;\n"
    "  for (long t = 0; t < k; t += BK) {\n"
    "    for (int l = 0; l < HX_R; l++) {\n"
    "      const int e = tid + 256 * l;\n"
    "      const int r = e / BK, q = e % BK;\n"
    "      as[q][r] = row0 + r < m && t + q < k ? a[(row0 + r) * k + t + q] : 0;\n"
    "      const int q2 = e / BM, cc = e % BM;\n"
    "      bs[q2][cc] = t + q2 < k && col0 + cc < n ? b[(t + q2) * n + col0 + cc] : 0;\n"
    "    }\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    const int w = k - t < BK ? (int)(k - t) : BK;\n"
    "    for (int q = 0; q < w; q++) {\n"
    "      T av[HX_R], bv[HX_R];\n"
    "      for (int i = 0; i < HX_R; i++) av[i] = as[q][ty + 16 * i];\n"
    "      for (int j = 0; j < HX_R; j++) bv[j] = bs[q][tx + 16 * j];\n"
    "      for (int i = 0; i < HX_R; i++)\n"
    "        for (int j = 0; j < HX_R; j++) acc[i][j] = MAD(av[i], bv[j], acc[i][j]);\n"
    "    }\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "  }\n"
    "  for (int i = 0; i < HX_R; i++)\n"
    "    for (int j = 0; j < HX_R; j++) {\n"
    "      const long r = row0 + ty + 16 * i, cc = col0 + tx + 16 * j;\n"
    "      if (r < m && cc < n) c[r * n + cc] = acc[i][j];\n"
    "    }\n"
    "}\n";

#define GEMM_TS 16 /* the work-group is GEMM_TS x GEMM_TS */

/* The largest R (4, 2, 1) whose tiles still give every compute unit a
 * group; HX_CL_GEMM_R overrides (tests). */
static int gemm_r(int64_t m, int64_t n) {
  int64_t want = env_int("HX_CL_GEMM_R");
  if (want == 1 || want == 2 || want == 4) return (int)want;
  for (int r = 4; r > 1; r /= 2) {
    int64_t t = GEMM_TS * r;
    if (((m + t - 1) / t) * ((n + t - 1) / t) >= (int64_t)S.compute_units) return r;
  }
  return 1;
}

int hxrt_cl_gemm(hx_context *ctx, const char *site, int kind, int64_t m, int64_t n, int64_t k, const void *a,
                 const void *b, void *c) {
  const char *type, *extra = "";
  int64_t size;
  switch (kind) {
  case HX_KIND_F32: type = "float"; size = 4; break;
  case HX_KIND_F64: type = "double"; size = 8; extra = " -DHX_GEMM_FP64"; break;
  case HX_KIND_I32: type = "int"; size = 4; extra = " -DHX_GEMM_INT -DUT=uint"; break;
  case HX_KIND_I64: type = "long"; size = 8; extra = " -DHX_GEMM_INT -DUT=ulong"; break;
  default: return HXRT_CL_UNAVAILABLE;
  }
  if (m < 0 || n < 0 || k < 0) return HXRT_CL_UNAVAILABLE;
  if (!hxrt_cl_available()) return no_device(site ? ctx : NULL, site ? site : "");
  if (kind == HX_KIND_F64) {
    const char *pretend = getenv("HX_CL_NO_FP64");
    if (!S.fp64 || (pretend && *pretend && strcmp(pretend, "0") != 0)) return HXRT_CL_UNAVAILABLE; /* the CPU's GEMM */
  }
  if (m == 0 || n == 0) return HXRT_CL_OK;
  if (k == 0) return HXRT_CL_UNAVAILABLE; /* zeros: the CPU's GEMM writes them */
  if (m * n < env_int("HX_CL_MIN_N")) return HXRT_CL_UNAVAILABLE;
  if (!a || !b || !c) return HXRT_CL_UNAVAILABLE;

  pthread_mutex_lock(&lock);
  begin_launch();
  double t_start = seconds();
  int result = HXRT_CL_UNAVAILABLE;
  cl_mem ab = NULL, bb = NULL, cb = NULL;
  int release_a = 0, release_b = 0;
  cl_event kev = NULL;
  int64_t up0 = S.stats.upload_bytes, hits0 = S.stats.mirror_hits;
  cl_int e = CL_SUCCESS;
  const char *step = "";
  int must_wait = 1, bug = 0;
  size_t cbytes = 0;
  char options[160];
  program_entry *pk = NULL;
  int r = gemm_r(m, n);
  for (;; r /= 2) { /* a device that cannot hold R x R accumulators for 256 work-items: smaller R */
    snprintf(options, sizeof options, "-cl-std=CL1.2 -DT=%s -DHX_R=%d%s", type, r, extra);
    pk = get_kernel(gemm_src, options, "hx_gemm");
    if (pk && pk->kernel_wg >= GEMM_TS * GEMM_TS) break;
    if (r == 1) goto done;
  }
  cl_kernel kern = pk->kernel;
  size_t abytes = (size_t)(m * k * size), bbytes = (size_t)(k * n * size);
  cbytes = (size_t)(m * n * size);
  /* The operands and the product as arrays of the running call, where
   * they are (codegen passes their elements): then the operands may be on
   * the device already, and the product stays there as a mirror. */
  hx_array *aa = array_at(ctx, a), *ba = array_at(ctx, b), *ca = array_at(ctx, c);
  if (aa && (size_t)hx_array_len(aa) * (size_t)size != abytes) aa = NULL;
  if (ba && (size_t)hx_array_len(ba) * (size_t)size != bbytes) ba = NULL;
  if (ca && (size_t)hx_array_len(ca) * (size_t)size != cbytes) ca = NULL;
  step = "copying an operand to the device";
  ab = device_copy_of(aa, a, abytes, &release_a, &e);
  if (!ab) goto fail;
  bb = device_copy_of(ba, b, bbytes, &release_b, &e);
  if (!bb) goto fail;
  step = "clCreateBuffer";
  cb = buf_take(cbytes, &e);
  if (e != CL_SUCCESS) goto fail;
  cl_long cm = m, cn = n, ck = k;
  step = "clSetKernelArg";
  if ((e = clSetKernelArg(kern, 0, sizeof cm, &cm)) != CL_SUCCESS) goto fail;
  if ((e = clSetKernelArg(kern, 1, sizeof cn, &cn)) != CL_SUCCESS) goto fail;
  if ((e = clSetKernelArg(kern, 2, sizeof ck, &ck)) != CL_SUCCESS) goto fail;
  if ((e = clSetKernelArg(kern, 3, sizeof ab, &ab)) != CL_SUCCESS) goto fail;
  if ((e = clSetKernelArg(kern, 4, sizeof bb, &bb)) != CL_SUCCESS) goto fail;
  if ((e = clSetKernelArg(kern, 5, sizeof cb, &cb)) != CL_SUCCESS) goto fail;
  size_t local[2] = {GEMM_TS, GEMM_TS};
  const int64_t tile = GEMM_TS * r;
  size_t global[2] = {(size_t)((n + tile - 1) / tile * GEMM_TS), (size_t)((m + tile - 1) / tile * GEMM_TS)};
  double t_args = seconds();
  step = "clEnqueueNDRangeKernel";
  if ((e = clEnqueueNDRangeKernel(S.queue, kern, 2, NULL, global, local, 0, NULL, S.profiling ? &kev : NULL)) !=
      CL_SUCCESS)
    goto fail;
  /* The product stays on the device as C's mirror (C stale until
   * hxrt_cl_host), not waited for unless an operand was copied in from host
   * memory; C that is no array of the running call is read back here. */
  int on_device = 0;
  if (resident() && mirror_put(ca, cb, cbytes)) {
    cb = NULL;
    mark_stale(ca);
    on_device = 1;
    must_wait = S.stats.upload_bytes != up0;
    S.stats.async_runs++;
  } else {
    step = "reading the product";
    if ((e = clEnqueueReadBuffer(S.queue, cb, CL_TRUE, 0, cbytes, c, 0, NULL, NULL)) != CL_SUCCESS) goto fail;
    S.stats.downloads++;
    S.stats.download_bytes += (int64_t)cbytes;
    bug = deferred_failed();
    if (mirror_put(ca, cb, cbytes)) cb = NULL; /* on the host and the device alike */
  }
  double t_kernel = seconds();
  S.stats.runs++;
  /* HX_CL_PROFILE measures: it waits for the product to read its time. */
  if (on_device && S.profiling) clFinish(S.queue);
  int64_t dev_ns = event_ns(kev);
  S.stats.kernel_ns += dev_ns;
  debug("gemm %s %lldx%lldx%lld: build+copies in %.3f ms, %s %.3f ms; device %.3f ms, %lld "
        "bytes up, %lld operands on the device",
        type, (long long)m, (long long)k, (long long)n, (t_args - t_start) * 1e3,
        on_device ? "product left on the device, enqueued in" : "kernel and result", (t_kernel - t_args) * 1e3,
        dev_ns * 1e-6, (long long)(S.stats.upload_bytes - up0), (long long)(S.stats.mirror_hits - hits0));
  result = HXRT_CL_OK;
  goto done;

fail:
  report(step, e);
  must_wait = 1;
done:
  if (must_wait) clFinish(S.queue);
  else clFlush(S.queue);
  if (kev) clReleaseEvent(kev);
  if (ab && release_a) clReleaseMemObject(ab);
  if (bb && release_b) clReleaseMemObject(bb);
  buf_give(cb, cbytes);
  pthread_mutex_unlock(&lock);
  if (bug) raise_host_failure(ctx, CL_SUCCESS, 1);
  return result;
}

/* ---- sorting (Enum.sort of a list of numbers or booleans) ------------------------- */

/* An LSD radix sort, 4 bits a pass, of the elements' bits U (ulong, uint,
 * uchar) under an order-preserving unsigned key: integers with the sign bit
 * flipped; floats with every bit flipped when negative, else the sign bit,
 * and -0.0 first made 0.0 (they are equal, so they keep their order, as in
 * Elixir); booleans as they are; :desc complements the key (a kernel
 * argument, so both directions share one program). Every pass is
 * stable, so the sort is, ascending and descending alike. The values move,
 * never the keys: -0.0 stays -0.0. No float arithmetic, so f64 lists sort
 * on devices without fp64.
 *
 * hx_sort_stats: per group, the OR and AND of the keys and whether a NaN
 * is there; a digit equal in every key needs no pass, and a NaN (which
 * Elixir's comparisons treat as equal to everything) sends the list to the
 * CPU's merge sort, whose order it decides. Each pass: hx_sort_count
 * (per-group digit counts into hist[digit * groups + group]), hx_sort_scan
 * (an exclusive scan of hist: where each group's elements of each digit
 * go), hx_sort_scatter (each group walks its block in tiles of WG * ITEMS
 * elements: ranks them within the tile by a scan of 16 one-hot counters
 * packed in 16-bit lanes of a ulong4, sorts the tile in local memory, then
 * writes it out in order, so each digit's run is written by consecutive
 * work-items). Group g owns [g * per, (g + 1) * per): blocks are
 * contiguous and in order, which is what makes the passes stable. */
static const char sort_src[] =
    "// hastec OpenCL radix sort (runtime/opencl.c)\n"
    "#define SIGN ((U)((U)1 << (sizeof(U) * 8 - 1)))\n"
    "#define EXPBITS ((U)(sizeof(U) == 8 ? 0x7FF0000000000000UL : 0x7F800000UL))\n"
    "inline U key_of(U x, U flip) {\n"
    "#if HX_KEY == 1\n"
    "  U k = (U)(x ^ SIGN);                          // signed integer\n"
    "#elif HX_KEY == 2\n"
    "  if (x == SIGN) x = 0;                         // -0.0 == 0.0: one key\n"
    "  U k = (x & SIGN) ? (U)~x : (U)(x ^ SIGN);      // float\n"
    "#else\n"
    "  U k = x;                                      // boolean\n"
    "#endif\n"
    "  return (U)(k ^ flip);                         // all ones for :desc\n"
    "}\n"
    "#define DIGIT(x, shift) ((uint)(key_of(x, flip) >> (shift)) & 15u)\n"
    "// 16 counters of 16 bits: lane d of a ulong4\n"
    "inline ulong4 one_hot(uint d) {\n"
    "  ulong v = 1UL << ((d & 3u) * 16u);\n"
    "  uint q = d >> 2;\n"
    "  return (ulong4)(q == 0 ? v : 0, q == 1 ? v : 0, q == 2 ? v : 0, q == 3 ? v : 0);\n"
    "}\n"
    "inline uint lane(ulong4 c, uint d) {\n"
    "  ulong w = d < 8 ? (d < 4 ? c.s0 : c.s1) : (d < 12 ? c.s2 : c.s3);\n"
    "  return (uint)(w >> ((d & 3u) * 16u)) & 0xffffu;\n"
    "}\n"
    "\n"
    "__kernel __attribute__((reqd_work_group_size(WG, 1, 1)))\n"
    "void hx_sort_stats(__global const U* a, long n, long per, __global ulong* out, ulong desc) {\n"
    "  const U flip = (U)desc;\n"
    "  __local ulong lor[WG], land[WG];\n"
    "  __local uint lnan;\n"
    "  const int lid = get_local_id(0);\n"
    "  const long g = get_group_id(0), lo = g * per, hi = min(n, lo + per);\n"
    "  U o = 0, an = (U)~(U)0;\n"
    "  uint nan = 0;\n"
    "  for (long i = lo + lid; i < hi; i += WG) {\n"
    "    U x = a[i], k = key_of(x, flip);\n"
    "    o |= k;\n"
    "    an &= k;\n"
    "#if HX_KEY == 2\n"
    "    nan |= (x & (U)~SIGN) > EXPBITS;\n"
    "#endif\n"
    "  }\n"
    "  if (lid == 0) lnan = 0;\n"
    "  lor[lid] = o;\n"
    "  land[lid] = an;\n"
    "  barrier(CLK_LOCAL_MEM_FENCE);\n"
    "  if (nan) atomic_or(&lnan, 1u);\n"
    "  for (int s = WG / 2; s > 0; s >>= 1) {\n"
    "    if (lid < s) {\n"
    "      lor[lid] |= lor[lid + s];\n"
    "      land[lid] &= land[lid + s];\n"
    "    }\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "  }\n"
    "  if (lid == 0) {\n"
    "    out[3 * g] = lor[0];\n"
    "    out[3 * g + 1] = land[0];\n"
    "    out[3 * g + 2] = lnan;\n"
    "  }\n"
    "}\n"
    "\n"
    "inline void flush_counts(__local uint* h, ulong4 c) {\n"
    "  for (uint d = 0; d < 16; d++) {\n"
    "    uint v = lane(c, d);\n"
    "    if (v) atomic_add(&h[d], v);\n"
    "  }\n"
    "}\n"
    "\n"
    "__kernel __attribute__((reqd_work_group_size(WG, 1, 1)))\n"
    "void hx_sort_count(__global const U* a, long n, long per, uint shift, __global long* hist, ulong desc) {\n"
    "  const U flip = (U)desc;\n"
    "  __local uint h[16];\n"
    "  const int lid = get_local_id(0);\n"
    "  const long g = get_group_id(0), groups = get_num_groups(0), lo = g * per, hi = min(n, lo + per);\n"
    "  if (lid < 16) h[lid] = 0;\n"
    "  barrier(CLK_LOCAL_MEM_FENCE);\n"
    "  ulong4 c = 0;\n"
    "  int since = 0;\n"
    "  for (long i = lo + lid; i < hi; i += WG) {\n"
    "    c += one_hot(DIGIT(a[i], shift));\n"
    "    if (++since == 65535) {  // before a 16-bit lane overflows\n"
    "      flush_counts(h, c);\n"
    "      c = 0;\n"
    "      since = 0;\n"
    "    }\n"
    "  }\n"
    "  flush_counts(h, c);\n"
    "  barrier(CLK_LOCAL_MEM_FENCE);\n"
    "  if (lid < 16) hist[lid * groups + g] = h[lid];\n"
    "}\n"
    "\n"
    "// One work-group: hist (digit-major) becomes its exclusive prefix sums.\n"
    "__kernel __attribute__((reqd_work_group_size(WG, 1, 1)))\n"
    "void hx_sort_scan(__global long* hist, long total) {\n"
    "  __local long s[WG];\n"
    "  const int lid = get_local_id(0);\n"
    "  const long chunk = (total + WG - 1) / WG, lo = min(total, lid * chunk), hi = min(total, lo + chunk);\n"
    "  long sum = 0;\n"
    "  for (long i = lo; i < hi; i++) sum += hist[i];\n"
    "  s[lid] = sum;\n"
    "  barrier(CLK_LOCAL_MEM_FENCE);\n"
    "  for (int off = 1; off < WG; off <<= 1) {\n"
    "    long t = lid >= off ? s[lid - off] : 0;\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    s[lid] += t;\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "  }\n"
    "  long run = s[lid] - sum;\n"
    "  for (long i = lo; i < hi; i++) {\n"
    "    long v = hist[i];\n"
    "    hist[i] = run;\n"
    "    run += v;\n"
    "  }\n"
    "}\n"
    "\n"
    "__kernel __attribute__((reqd_work_group_size(WG, 1, 1)))\n"
    "void hx_sort_scatter(__global const U* a, __global U* b, long n, long per, uint shift,\n"
    "                     __global const long* offs, ulong desc) {\n"
    "  const U flip = (U)desc;\n"
    "  __local U v[WG * ITEMS];   // the tile, then the tile sorted by digit\n"
    "  __local ulong4 s[WG];       // per work-item digit counts, scanned\n"
    "  __local long base[16];      // where this group's next element of each digit goes\n"
    "  __local uint start[16], tot[16];\n"
    "  const int lid = get_local_id(0);\n"
    "  const long g = get_group_id(0), groups = get_num_groups(0), lo = g * per, hi = min(n, lo + per);\n"
    "  if (lid < 16) base[lid] = offs[lid * groups + g];\n"
    "  for (long t = lo; t < hi; t += WG * ITEMS) {\n"
    "    const int cnt = (int)min((long)(WG * ITEMS), hi - t);\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    for (int j = 0; j < ITEMS; j++) {  // coalesced loads\n"
    "      const int e = j * WG + lid;\n"
    "      if (e < cnt) v[e] = a[t + e];\n"
    "    }\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    // work-item lid ranks tile elements lid * ITEMS .. + ITEMS - 1, in order\n"
    "    U x[ITEMS];\n"
    "    uint d[ITEMS];\n"
    "    ulong4 mine = 0;\n"
    "    for (int j = 0; j < ITEMS; j++) {\n"
    "      const int e = lid * ITEMS + j;\n"
    "      x[j] = e < cnt ? v[e] : 0;\n"
    "      d[j] = DIGIT(x[j], shift);\n"
    "      if (e < cnt) mine += one_hot(d[j]);\n"
    "    }\n"
    "    s[lid] = mine;\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    for (int off = 1; off < WG; off <<= 1) {  // inclusive scan over work-items\n"
    "      ulong4 p = lid >= off ? s[lid - off] : (ulong4)0;\n"
    "      barrier(CLK_LOCAL_MEM_FENCE);\n"
    "      s[lid] += p;\n"
    "      barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    }\n"
    "    ulong4 rank = s[lid] - mine;  // elements of each digit before this work-item's\n"
    "    if (lid < 16) tot[lid] = lane(s[WG - 1], lid);\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    if (lid == 0) {\n"
    "      uint r = 0;\n"
    "      for (int q = 0; q < 16; q++) {\n"
    "        start[q] = r;\n"
    "        r += tot[q];\n"
    "      }\n"
    "    }\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    for (int j = 0; j < ITEMS; j++) {  // the tile sorted by digit, stably\n"
    "      if (lid * ITEMS + j < cnt) {\n"
    "        v[start[d[j]] + lane(rank, d[j])] = x[j];\n"
    "        rank += one_hot(d[j]);\n"
    "      }\n"
    "    }\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    for (int j = 0; j < ITEMS; j++) {  // written out in order: runs of a digit are consecutive\n"
    "      const int e = j * WG + lid;\n"
    "      if (e < cnt) {\n"
    "        U y = v[e];\n"
    "        uint q = DIGIT(y, shift);\n"
    "        b[base[q] + (e - start[q])] = y;\n"
    "      }\n"
    "    }\n"
    "    barrier(CLK_LOCAL_MEM_FENCE);\n"
    "    if (lid < 16) base[lid] += tot[lid];\n"
    "  }\n"
    "}\n";

/* Elements per work-item in a scatter tile: 8, or fewer where the tile and
 * the scan's counters would not fit in the device's local memory. */
static int sort_items(size_t wg, size_t esize) {
  for (int items = 8; items > 1; items /= 2)
    if (wg * (size_t)items * esize + wg * 32 + 512 <= S.local_mem) return items;
  return 1;
}

/* The device buffer of a's mirror, now the caller's, or NULL; either way
 * a has no mirror afterwards: it is about to change in place. */
static cl_mem mirror_take(hx_array *a, size_t bytes) {
  cl_mem mem = mirror_get(a, bytes); /* NULL: none usable (one that is not is dropped) */
  mirror *m = (a->flags & HX_ARRAY_CL_MIRROR) ? mirror_find(a->data) : NULL;
  if (m && m->array == a) {
    if (mem) return mirror_detach(m);
    mirror_drop(m);
  }
  a->flags &= ~(uint32_t)HX_ARRAY_CL_MIRROR;
  return NULL;
}

static cl_int set_args(cl_kernel k, int nargs, const size_t *sizes, const void **values) {
  cl_int e = CL_SUCCESS;
  for (int i = 0; i < nargs && e == CL_SUCCESS; i++) e = clSetKernelArg(k, (cl_uint)i, sizes[i], values[i]);
  return e;
}

int hxrt_cl_sort(hx_context *ctx, const char *site, hx_array *arr, int desc) {
  if (!arr) return HXRT_CL_UNAVAILABLE;
  const char *type;
  int key; /* HX_KEY: 1 signed integer, 2 float, 0 boolean */
  const int kind = hx_array_kind(arr);
  switch (kind) {
  case HX_KIND_I64: type = "ulong"; key = 1; break;
  case HX_KIND_F64: type = "ulong"; key = 2; break;
  case HX_KIND_I32: type = "uint"; key = 1; break;
  case HX_KIND_F32: type = "uint"; key = 2; break;
  case HX_KIND_BOOL: type = "uchar"; key = 0; break;
  default: return HXRT_CL_UNAVAILABLE; /* lists of tuples: the CPU's row sort */
  }
  /* As for kernels: whether the library can run as built does not depend
   * on the list's length. */
  if (!hxrt_cl_available()) return no_device(site ? ctx : NULL, site ? site : "");
  const int64_t n = hx_array_len(arr);
  if (n < 2) return HXRT_CL_OK;
  if (n < env_int("HX_CL_MIN_N")) return HXRT_CL_UNAVAILABLE;
  const size_t esize = (size_t)elem_size(kind), bytes = (size_t)n * esize;

  pthread_mutex_lock(&lock);
  begin_launch();
  double t_start = seconds();
  int result = HXRT_CL_UNAVAILABLE;
  cl_mem src = NULL, dst = NULL, hist = NULL, red_buf = NULL;
  int was_stale = 0;
  cl_ulong *red = NULL;
  cl_event evs[1 + 3 * 16];
  int nev = 0, passes = 0;
  int64_t up0 = S.stats.upload_bytes, hits0 = S.stats.mirror_hits;
  cl_int e = CL_SUCCESS;
  const char *step = "";
  cl_event *ev = NULL;
#define NEXT_EVENT() (ev = S.profiling ? &evs[nev++] : NULL)

  /* Work-group: HX_CL_WG or 256, a power of two, at least 16 (the digits'
   * work-items), within the device's and every kernel's limit. */
  int64_t want_wg = env_int("HX_CL_WG");
  size_t wg = floor_pow2(want_wg > 0 ? (size_t)want_wg : 256);
  if (wg > S.max_wg) wg = floor_pow2(S.max_wg);
  static const char *const names[4] = {"hx_sort_stats", "hx_sort_count", "hx_sort_scan", "hx_sort_scatter"};
  program_entry *ks[4];
  int items;
  for (;;) {
    if (wg < 16 || wg > 32768) goto done;
    items = sort_items(wg, esize);
    while (wg * (size_t)items > 32768) items /= 2; /* a tile's counts fit the 16-bit lanes */
    char options[200];
    snprintf(options, sizeof options, "-cl-std=CL1.2 -DU=%s -DHX_KEY=%d -DWG=%zu -DITEMS=%d", type, key, wg, items);
    size_t fit = wg;
    for (int i = 0; i < 4; i++) {
      ks[i] = get_kernel(sort_src, options, names[i]);
      if (!ks[i]) goto done;
      if (ks[i]->kernel_wg < fit) fit = ks[i]->kernel_wg;
    }
    if (fit >= wg) break;
    wg = floor_pow2(fit) < wg ? floor_pow2(fit) : wg / 2;
  }

  /* Groups own runs of whole tiles: on a GPU one tile each (up to
   * HXRT_CL_MAX_GROUPS, which bounds the scanned histogram), elsewhere
   * compute units x 4; HX_CL_GROUPS overrides. */
  const int64_t tile = (int64_t)wg * items, tiles = (n + tile - 1) / tile;
  int64_t g = env_int("HX_CL_GROUPS");
  if (g <= 0) g = (S.type & CL_DEVICE_TYPE_GPU) ? tiles : (int64_t)S.compute_units * 4;
  if (g > tiles) g = tiles;
  if (g > HXRT_CL_MAX_GROUPS) g = HXRT_CL_MAX_GROUPS;
  if (g < 1) g = 1;
  const int64_t per = (tiles + g - 1) / g * tile;
  g = (n + per - 1) / per;
  if (per > (int64_t)UINT32_MAX) goto done; /* the counters are 32-bit per group */

  step = "copying the list to the device";
  /* A list still on the device only (a kernel's result): its mirror is
   * the one copy of its elements, and must end up on the host or a mirror. */
  was_stale = (arr->flags & HX_ARRAY_CL_STALE) != 0;
  src = mirror_take(arr, bytes);
  if (!src) {
    src = clCreateBuffer(S.context, CL_MEM_READ_WRITE, bytes, NULL, &e);
    if (e != CL_SUCCESS) {
      src = NULL;
      goto fail;
    }
    if ((e = clEnqueueWriteBuffer(S.queue, src, CL_FALSE, 0, bytes, arr->data, 0, NULL, NULL)) !=
        CL_SUCCESS)
      goto fail;
    S.stats.uploads++;
    S.stats.upload_bytes += (int64_t)bytes;
  }
  step = "clCreateBuffer";
  red_buf = clCreateBuffer(S.context, CL_MEM_READ_WRITE, (size_t)g * 3 * sizeof(cl_ulong), NULL, &e);
  if (e != CL_SUCCESS) {
    red_buf = NULL;
    goto fail;
  }
  red = malloc((size_t)g * 3 * sizeof(cl_ulong));
  if (!red) goto done;

  /* Which digits differ, and whether there is a NaN: one wait. */
  cl_long cn = n, cper = per;
  const cl_ulong flip = desc ? ~(cl_ulong)0 : 0; /* :desc: complemented keys */
  size_t global = (size_t)g * wg, one = wg;
  {
    const size_t sz[] = {sizeof src, sizeof cn, sizeof cper, sizeof red_buf, sizeof flip};
    const void *val[] = {&src, &cn, &cper, &red_buf, &flip};
    step = "clSetKernelArg";
    if ((e = set_args(ks[0]->kernel, 5, sz, val)) != CL_SUCCESS) goto fail;
  }
  step = "clEnqueueNDRangeKernel";
  if ((e = clEnqueueNDRangeKernel(S.queue, ks[0]->kernel, 1, NULL, &global, &wg, 0, NULL, NEXT_EVENT())) != CL_SUCCESS)
    goto fail;
  step = "reading the digit statistics";
  if ((e = clEnqueueReadBuffer(S.queue, red_buf, CL_TRUE, 0, (size_t)g * 3 * sizeof(cl_ulong), red, 0, NULL, NULL)) !=
      CL_SUCCESS)
    goto fail;
  cl_ulong any = 0, all = ~(cl_ulong)0, nan = 0;
  for (int64_t i = 0; i < g; i++) any |= red[3 * i], all &= red[3 * i + 1], nan |= red[3 * i + 2];
  if (nan) { /* Elixir compares NaN equal to everything: the CPU's merge sort decides */
    debug("sort of %lld elements holds a NaN: sorted on the CPU", (long long)n);
    goto done;
  }
  const cl_ulong differ = any ^ all;

  for (unsigned shift = 0; shift < esize * 8; shift += 4) {
    if (!((differ >> shift) & 15)) continue; /* the same digit everywhere: a pass would move nothing */
    cl_uint cshift = shift;
    cl_long total = 16 * g;
    step = "clCreateBuffer";
    if (!dst) {
      dst = clCreateBuffer(S.context, CL_MEM_READ_WRITE, bytes, NULL, &e);
      if (e != CL_SUCCESS) {
        dst = NULL;
        goto fail;
      }
      hist = clCreateBuffer(S.context, CL_MEM_READ_WRITE, (size_t)total * sizeof(cl_long), NULL, &e);
      if (e != CL_SUCCESS) {
        hist = NULL;
        goto fail;
      }
    }
    const size_t csz[] = {sizeof src, sizeof cn, sizeof cper, sizeof cshift, sizeof hist, sizeof flip};
    const void *cval[] = {&src, &cn, &cper, &cshift, &hist, &flip};
    const size_t ssz[] = {sizeof hist, sizeof total};
    const void *sval[] = {&hist, &total};
    const size_t xsz[] = {sizeof src, sizeof dst, sizeof cn, sizeof cper, sizeof cshift, sizeof hist, sizeof flip};
    const void *xval[] = {&src, &dst, &cn, &cper, &cshift, &hist, &flip};
    step = "clSetKernelArg";
    if ((e = set_args(ks[1]->kernel, 6, csz, cval)) != CL_SUCCESS) goto fail;
    step = "clEnqueueNDRangeKernel";
    if ((e = clEnqueueNDRangeKernel(S.queue, ks[1]->kernel, 1, NULL, &global, &wg, 0, NULL, NEXT_EVENT())) !=
        CL_SUCCESS)
      goto fail;
    step = "clSetKernelArg";
    if ((e = set_args(ks[2]->kernel, 2, ssz, sval)) != CL_SUCCESS) goto fail;
    step = "clEnqueueNDRangeKernel";
    if ((e = clEnqueueNDRangeKernel(S.queue, ks[2]->kernel, 1, NULL, &one, &wg, 0, NULL, NEXT_EVENT())) != CL_SUCCESS)
      goto fail;
    step = "clSetKernelArg";
    if ((e = set_args(ks[3]->kernel, 7, xsz, xval)) != CL_SUCCESS) goto fail;
    step = "clEnqueueNDRangeKernel";
    if ((e = clEnqueueNDRangeKernel(S.queue, ks[3]->kernel, 1, NULL, &global, &wg, 0, NULL, NEXT_EVENT())) !=
        CL_SUCCESS)
      goto fail;
    cl_mem t = src;
    src = dst;
    dst = t;
    passes++;
  }
  double t_kernel = seconds();
  /* The sorted list stays on the device as arr's mirror (arr stale) when
   * it can (docs/opencl.md, "Results on the device"); else it is read
   * back. The array's old contents are gone from both buffers, so a read
   * that fails part-way cannot fall back to the CPU's sort. */
  const int changed = passes || was_stale; /* the host's copy is not the sorted list */
  if (resident() && mirror_put(arr, src, bytes)) {
    src = NULL;
    if (changed) mark_stale(arr);
  } else {
    if (changed) {
      step = "reading the sorted list";
      e = clEnqueueReadBuffer(S.queue, src, CL_FALSE, 0, bytes, arr->data, 0, NULL, NULL);
      if (e == CL_SUCCESS) e = clFinish(S.queue);
      if (e != CL_SUCCESS) {
        report(step, e);
        hxrt_panic("OpenCL: reading a sorted list back from the device failed");
      }
      S.stats.downloads++;
      S.stats.download_bytes += (int64_t)bytes;
    }
    if (mirror_put(arr, src, bytes)) src = NULL; /* on the host and the device alike */
  }
  S.stats.runs++;
  for (int i = 0; i < nev; i++) S.stats.kernel_ns += event_ns(evs[i]);
  debug("sort %s of %lld elements: %d passes, %lld groups of %zu (tiles of %lld); build+copies+statistics %.3f ms, passes+result "
        "%.3f ms; %lld bytes up, %lld on the device",
        type, (long long)n, passes, (long long)g, wg, (long long)tile, (t_kernel - t_start) * 1e3,
        (seconds() - t_kernel) * 1e3, (long long)(S.stats.upload_bytes - up0),
        (long long)(S.stats.mirror_hits - hits0));
  result = HXRT_CL_OK;
  goto done;

fail:
  report(step, e);
  /* The CPU's sort runs next: a list that was on the device only comes
   * back first. src holds its elements as of the last whole pass (radix
   * passes are stable, so equal keys are still in the input's order). */
  if (was_stale && src) {
    if (clEnqueueReadBuffer(S.queue, src, CL_TRUE, 0, bytes, arr->data, 0, NULL, NULL) != CL_SUCCESS)
      hxrt_panic("OpenCL: reading a list back from the device failed");
  }
done:
#undef NEXT_EVENT
  clFinish(S.queue);
  for (int i = 0; i < nev; i++) clReleaseEvent(evs[i]);
  if (src) clReleaseMemObject(src);
  if (dst) clReleaseMemObject(dst);
  if (hist) clReleaseMemObject(hist);
  if (red_buf) clReleaseMemObject(red_buf);
  free(red);
  pthread_mutex_unlock(&lock);
  return result;
}
