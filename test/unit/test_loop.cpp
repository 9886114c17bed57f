/// \file test_loop.cpp
/// Unit tests of the fit loop's runtime (runtime/loop.c, hxrt_loop.h): the
/// seeded permutation (golden values shared with the Elixir twin
/// stdlib/ref/loop.exs), checkpoint round trips (bit-exact) and every load
/// error with its message, the SVG chart, and the exact progress lines.
#include <catch2/catch.hpp>

#include "hxrt_loop.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

struct Ctx {
  hx_context* ctx = hx_context_new();
  ~Ctx() { hx_context_free(ctx); }
  operator hx_context*() const { return ctx; }
};

const hx_srcloc kLoc = {"train.hx", 12, "Train.run/0"};

std::string tmp_dir() {
  static std::string dir;
  if (dir.empty()) {
    char tmpl[] = "/tmp/hx_test_loop_XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    dir = tmpl;
  }
  return dir;
}

std::string read_bytes(const std::string& path) {
  FILE* fp = std::fopen(path.c_str(), "rb");
  REQUIRE(fp);
  std::string s;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, fp)) > 0) s.append(buf, n);
  std::fclose(fp);
  return s;
}

void write_bytes(const std::string& path, const std::string& bytes) {
  FILE* fp = std::fopen(path.c_str(), "wb");
  REQUIRE(fp);
  REQUIRE(std::fwrite(bytes.data(), 1, bytes.size(), fp) == bytes.size());
  std::fclose(fp);
}

bool exists(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::vector<int64_t> to_vec(hx_array* a) {
  const int64_t* p = static_cast<const int64_t*>(hx_array_cdata(a));
  return std::vector<int64_t>(p, p + hx_array_len(a));
}

// ---- calls inside hxrt_invoke (the functions raise through longjmp, so no
// C++ object with a destructor may live in these bodies) ----

struct PermArgs {
  int64_t n, seed, epoch;
};

void perm_body(hx_context* ctx, void** args, void* ret) {
  auto* a = static_cast<PermArgs*>(args[0]);
  *static_cast<hx_array**>(ret) = hxrt_loop_permutation(ctx, &kLoc, nullptr, a->n, a->seed, a->epoch);
}

/// Runs hxrt_loop_permutation; returns the error code, the array in *out.
int permutation(hx_context* ctx, int64_t n, int64_t seed, int64_t epoch, hx_array** out) {
  PermArgs a{n, seed, epoch};
  void* args[] = {&a};
  *out = nullptr;
  return hxrt_invoke(ctx, perm_body, args, out);
}

/// The four tensors of the round-trip test.
struct Model {
  hx_array *w, *s, *v, *q;  // f32 [2][3], f64 scalar, s64 [5], s32 [4][4][2][2]
  std::string text;         // "path\nw\nscale\nsteps\nq"
};

void save_body(hx_context* ctx, void** args, void*) {
  auto* m = static_cast<Model*>(args[0]);
  hxrt_checkpoint_save(ctx, &kLoc, m->text.c_str(), 4, m->w, (int64_t)2, (int64_t)2, (int64_t)3, (int64_t)1,
                       (int64_t)1, m->s, (int64_t)0, (int64_t)1, (int64_t)1, (int64_t)1, (int64_t)1, m->v,
                       (int64_t)1, (int64_t)5, (int64_t)1, (int64_t)1, (int64_t)1, m->q, (int64_t)4, (int64_t)4,
                       (int64_t)4, (int64_t)2, (int64_t)2);
}

struct LoadArgs {
  std::string text;
  int64_t index, count, kind, rank, d[4];
};

void load_body(hx_context* ctx, void** args, void* ret) {
  auto* a = static_cast<LoadArgs*>(args[0]);
  *static_cast<hx_array**>(ret) = hxrt_checkpoint_load(ctx, &kLoc, a->text.c_str(), a->index, a->count, a->kind,
                                                       a->rank, a->d[0], a->d[1], a->d[2], a->d[3]);
}

int load(hx_context* ctx, const std::string& path, const char* name, int64_t index, int64_t count, int64_t kind,
         std::vector<int64_t> dims, hx_array** out) {
  LoadArgs a{path + "\n" + name, index, count, kind, (int64_t)dims.size(), {1, 1, 1, 1}};
  for (size_t i = 0; i < dims.size(); i++) a.d[i] = dims[i];
  void* args[] = {&a};
  *out = nullptr;
  return hxrt_invoke(ctx, load_body, args, out);
}

/// The error text of a failed load of tensor `index` (whatever it is).
std::string load_error(hx_context* ctx, const std::string& path, const char* name, int64_t index, int64_t count,
                       int64_t kind, std::vector<int64_t> dims) {
  hx_array* out = nullptr;
  int rc = load(ctx, path, name, index, count, kind, dims, &out);
  CHECK(rc == HX_ERR_ARGUMENT);
  CHECK(out == nullptr);
  return hx_context_error(ctx);
}

std::string arg_error(const std::string& msg) {
  return "** (ArgumentError) " + msg + "\n    train.hx:12: Train.run/0";
}

struct ModelData {
  float w[6];
  double s;
  int64_t v[5];
  int32_t q[64];
};

ModelData sample_data() {
  ModelData d;
  const float nanf_payload = [] {
    uint32_t bits = 0x7FC01234u;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
  }();
  float w[6] = {1.5f, -0.0f, 3.4028235e38f, 1e-45f, std::numeric_limits<float>::infinity(), nanf_payload};
  std::memcpy(d.w, w, sizeof w);
  d.s = 0.1;
  int64_t v[5] = {0, -1, INT64_MAX, INT64_MIN, 42};
  std::memcpy(d.v, v, sizeof v);
  for (int i = 0; i < 64; i++) d.q[i] = (i * 2654435761u) ^ 0x80000000u;
  return d;
}

/// Writes the 4-tensor sample checkpoint to path (inside hxrt_invoke).
void save_sample(hx_context* ctx, const std::string& path) {
  ModelData d = sample_data();
  Model m;
  m.w = hx_array_new(ctx, HX_KIND_F32, 6);
  m.s = hx_array_new(ctx, HX_KIND_F64, 1);
  m.v = hx_array_new(ctx, HX_KIND_I64, 5);
  m.q = hx_array_new(ctx, HX_KIND_I32, 64);
  std::memcpy(hx_array_data(m.w), d.w, sizeof d.w);
  std::memcpy(hx_array_data(m.s), &d.s, sizeof d.s);
  std::memcpy(hx_array_data(m.v), d.v, sizeof d.v);
  std::memcpy(hx_array_data(m.q), d.q, sizeof d.q);
  m.text = path + "\nw\nscale\nsteps\nq";
  void* args[] = {&m};
  int rc = hxrt_invoke(ctx, save_body, args, nullptr);
  INFO(hx_context_error(ctx));
  REQUIRE(rc == HX_OK);
  hx_array_free(ctx, m.w);
  hx_array_free(ctx, m.s);
  hx_array_free(ctx, m.v);
  hx_array_free(ctx, m.q);
}

struct ChartArgs {
  std::string path;
  hx_array* history;
  int64_t epochs;
};

void chart_body(hx_context* ctx, void** args, void*) {
  auto* a = static_cast<ChartArgs*>(args[0]);
  hxrt_loop_chart(ctx, &kLoc, a->path.c_str(), a->history, a->epochs);
}

int chart(hx_context* ctx, const std::string& path, const std::vector<double>& h, int64_t epochs) {
  hx_array* hist = hx_array_from_f64(ctx, h.data(), (int64_t)h.size());
  ChartArgs a{path, hist, epochs};
  void* args[] = {&a};
  int rc = hxrt_invoke(ctx, chart_body, args, nullptr);
  hx_array_free(ctx, hist);
  return rc;
}

/// What hxrt_loop_report_to writes for a sequence of events.
struct Capture {
  FILE* fp = std::tmpfile();
  ~Capture() { std::fclose(fp); }
  std::string text() {
    std::fflush(fp);
    long n = std::ftell(fp);
    std::string s((size_t)n, '\0');
    std::rewind(fp);
    REQUIRE(std::fread(&s[0], 1, (size_t)n, fp) == (size_t)n);
    std::fseek(fp, 0, SEEK_END);
    return s;
  }
};

const double NaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

// ---- permutation ------------------------------------------------------------

TEST_CASE("permutation: golden values, shared with stdlib/ref/loop.exs", "[loop][permutation]") {
  Ctx ctx;
  hx_array* p;
  // Elixir: Hx.Loop.Runtime.permutation(10, 42, 1) and (7, 0, 3).
  REQUIRE(permutation(ctx, 10, 42, 1, &p) == HX_OK);
  CHECK(hx_array_kind(p) == HX_KIND_I64);
  CHECK(to_vec(p) == std::vector<int64_t>{6, 8, 2, 4, 3, 0, 7, 1, 9, 5});
  hx_array_free(ctx, p);
  REQUIRE(permutation(ctx, 7, 0, 3, &p) == HX_OK);
  CHECK(to_vec(p) == std::vector<int64_t>{6, 1, 0, 5, 4, 3, 2});
  hx_array_free(ctx, p);
}

TEST_CASE("permutation: a permutation for n = 0, 1, 1000, and epochs and seeds differ", "[loop][permutation]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  for (int64_t n : {0, 1, 2, 1000}) {
    hx_array* p;
    REQUIRE(permutation(ctx, n, 7, 0, &p) == HX_OK);
    REQUIRE(hx_array_len(p) == n);
    std::vector<int64_t> v = to_vec(p);
    std::set<int64_t> seen(v.begin(), v.end());
    CHECK((int64_t)seen.size() == n);
    if (n > 0) {
      CHECK(*seen.begin() == 0);
      CHECK(*seen.rbegin() == n - 1);
    }
    hx_array_free(ctx, p);
  }
  hx_array *a, *b, *c, *a2;
  REQUIRE(permutation(ctx, 1000, 1, 1, &a) == HX_OK);
  REQUIRE(permutation(ctx, 1000, 1, 2, &b) == HX_OK);
  REQUIRE(permutation(ctx, 1000, 2, 1, &c) == HX_OK);
  REQUIRE(permutation(ctx, 1000, 1, 1, &a2) == HX_OK);
  CHECK(to_vec(a) == to_vec(a2));
  CHECK(to_vec(a) != to_vec(b));
  CHECK(to_vec(a) != to_vec(c));
  for (hx_array* x : {a, b, c, a2}) hx_array_free(ctx, x);
  // Negative seeds and epochs wrap as uint64_t (the Elixir twin masks them).
  REQUIRE(permutation(ctx, 5, -1, -3, &a) == HX_OK);
  hx_array_free(ctx, a);
  CHECK(hxrt_live_arrays(ctx) == live);
}

TEST_CASE("permutation: n < 0 raises an ArgumentError", "[loop][permutation][error]") {
  Ctx ctx;
  hx_array* p;
  CHECK(permutation(ctx, -1, 0, 0, &p) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)) ==
        arg_error("cannot shuffle -1 elements: the count must be >= 0"));
}

// ---- checkpoints --------------------------------------------------------------

TEST_CASE("checkpoint: save then load 4 tensors, bit-exact, atomically", "[loop][checkpoint]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  std::string path = tmp_dir() + "/model.ckpt";
  save_sample(ctx, path);
  CHECK(exists(path));
  CHECK_FALSE(exists(path + ".tmp"));

  // The exact layout: header, first tensor's header, final size.
  std::string bytes = read_bytes(path);
  REQUIRE(bytes.size() == 8 + 8 + (4 + 1 + 4 + 16 + 24) + (4 + 5 + 4 + 0 + 8) + (4 + 5 + 4 + 8 + 40) +
                              (4 + 1 + 4 + 32 + 256) + 8);
  CHECK(bytes.substr(0, 8) == "HXCKPT01");
  CHECK(bytes.substr(8, 8) == std::string("\x04\0\0\0\0\0\0\0", 8));
  CHECK(bytes.substr(16, 9) == std::string("\x01\0\0\0w\x05\x02\0\0", 9));
  CHECK(bytes.substr(25, 16) == std::string("\x02\0\0\0\0\0\0\0\x03\0\0\0\0\0\0\0", 16));

  ModelData d = sample_data();
  hx_array* out;
  REQUIRE(load(ctx, path, "w", 0, 4, HX_KIND_F32, {2, 3}, &out) == HX_OK);
  REQUIRE(hx_array_kind(out) == HX_KIND_F32);
  REQUIRE(hx_array_len(out) == 6);
  CHECK(std::memcmp(hx_array_cdata(out), d.w, sizeof d.w) == 0);  // NaN payload and -0.0 included
  hx_array_free(ctx, out);
  REQUIRE(load(ctx, path, "scale", 1, 4, HX_KIND_F64, {}, &out) == HX_OK);
  REQUIRE(hx_array_len(out) == 1);
  CHECK(std::memcmp(hx_array_cdata(out), &d.s, sizeof d.s) == 0);
  hx_array_free(ctx, out);
  REQUIRE(load(ctx, path, "steps", 2, 4, HX_KIND_I64, {5}, &out) == HX_OK);
  REQUIRE(hx_array_len(out) == 5);
  CHECK(std::memcmp(hx_array_cdata(out), d.v, sizeof d.v) == 0);
  hx_array_free(ctx, out);
  REQUIRE(load(ctx, path, "q", 3, 4, HX_KIND_I32, {4, 4, 2, 2}, &out) == HX_OK);
  REQUIRE(hx_array_len(out) == 64);
  CHECK(std::memcmp(hx_array_cdata(out), d.q, sizeof d.q) == 0);
  hx_array_free(ctx, out);

  // Saving again replaces the file (rename over it).
  save_sample(ctx, path);
  CHECK(read_bytes(path) == bytes);
  CHECK(hxrt_live_arrays(ctx) == live);
}

void save_one_body(hx_context* ctx, void** args, void*) {
  hxrt_checkpoint_save(ctx, &kLoc, static_cast<const char*>(args[0]), 1, static_cast<hx_array*>(args[1]),
                       (int64_t)1, (int64_t)2, (int64_t)1, (int64_t)1, (int64_t)1);
}

TEST_CASE("checkpoint: the example of docs/training.md, byte for byte", "[loop][checkpoint]") {
  Ctx ctx;
  std::string path = tmp_dir() + "/doc.ckpt";
  std::string text = path + "\nb";
  float v[2] = {1.0f, 2.0f};
  hx_array* b = hx_array_new(ctx, HX_KIND_F32, 2);
  std::memcpy(hx_array_data(b), v, sizeof v);
  void* args[] = {(void*)text.c_str(), b};
  REQUIRE(hxrt_invoke(ctx, save_one_body, args, nullptr) == HX_OK);
  hx_array_free(ctx, b);
  std::string hex;
  for (unsigned char c : read_bytes(path)) {
    char h[3];
    std::snprintf(h, sizeof h, "%02x", c);
    hex += h;
  }
  CHECK(hex ==
        "4858434b50543031" "0100000000000000" "0100000062" "05010000" "0200000000000000" "0000803f00000040"
        "87d1b36e67a19a90");
}

TEST_CASE("checkpoint: every load error names the path, and frees everything", "[loop][checkpoint][error]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  std::string dir = tmp_dir();
  std::string good = dir + "/good.ckpt";
  save_sample(ctx, good);
  std::string bytes = read_bytes(good);

  SECTION("missing file") {
    std::string p = dir + "/missing.ckpt";
    CHECK(load_error(ctx, p, "w", 0, 4, HX_KIND_F32, {2, 3}) ==
          arg_error("could not read checkpoint \"" + p + "\": No such file or directory"));
  }
  SECTION("a directory") {
    CHECK(load_error(ctx, dir, "w", 0, 4, HX_KIND_F32, {2, 3}) ==
          arg_error("could not read checkpoint \"" + dir + "\": Is a directory"));
  }
  SECTION("bad magic") {
    std::string p = dir + "/foreign.ckpt";
    write_bytes(p, "PK\x03\x04 this is a zip file, not a checkpoint........");
    CHECK(load_error(ctx, p, "w", 0, 4, HX_KIND_F32, {2, 3}) == arg_error("\"" + p + "\" is not a hastec checkpoint"));
    write_bytes(p, "HX");
    CHECK(load_error(ctx, p, "w", 0, 4, HX_KIND_F32, {2, 3}) ==
          arg_error("checkpoint \"" + p + "\" is truncated or corrupt"));
    write_bytes(p, "nope");
    CHECK(load_error(ctx, p, "w", 0, 4, HX_KIND_F32, {2, 3}) == arg_error("\"" + p + "\" is not a hastec checkpoint"));
  }
  SECTION("truncated, at every length") {
    std::string p = dir + "/cut.ckpt";
    for (size_t len = 0; len < bytes.size(); len += (len < 40 ? 1 : 37)) {
      write_bytes(p, bytes.substr(0, len));
      INFO("length " << len);
      CHECK(load_error(ctx, p, "w", 0, 4, HX_KIND_F32, {2, 3}) ==
            arg_error("checkpoint \"" + p + "\" is truncated or corrupt"));
    }
    write_bytes(p, bytes + "x");  // trailing garbage
    CHECK(load_error(ctx, p, "w", 0, 4, HX_KIND_F32, {2, 3}) ==
          arg_error("checkpoint \"" + p + "\" is truncated or corrupt"));
  }
  SECTION("a flipped bit anywhere after the magic") {
    std::string p = dir + "/flip.ckpt";
    for (size_t at : {(size_t)8, (size_t)12, (size_t)20, (size_t)30, bytes.size() / 2, bytes.size() - 9,
                      bytes.size() - 1}) {
      std::string b = bytes;
      b[at] ^= 0x10;
      write_bytes(p, b);
      INFO("byte " << at);
      CHECK(load_error(ctx, p, "w", 0, 4, HX_KIND_F32, {2, 3}) ==
            arg_error("checkpoint \"" + p + "\" is truncated or corrupt"));
    }
  }
  SECTION("a different tensor count") {
    CHECK(load_error(ctx, good, "w", 0, 5, HX_KIND_F32, {2, 3}) ==
          arg_error("checkpoint \"" + good + "\" holds 4 tensors, expected 5"));
  }
  SECTION("a different name, type or shape") {
    CHECK(load_error(ctx, good, "w", 0, 4, HX_KIND_F32, {3, 2}) ==
          arg_error("checkpoint \"" + good + "\": tensor 0 is w f32[2][3], expected w f32[3][2]"));
    CHECK(load_error(ctx, good, "w", 0, 4, HX_KIND_F32, {6}) ==
          arg_error("checkpoint \"" + good + "\": tensor 0 is w f32[2][3], expected w f32[6]"));
    CHECK(load_error(ctx, good, "w1", 0, 4, HX_KIND_F32, {2, 3}) ==
          arg_error("checkpoint \"" + good + "\": tensor 0 is w f32[2][3], expected w1 f32[2][3]"));
    CHECK(load_error(ctx, good, "w", 0, 4, HX_KIND_F64, {2, 3}) ==
          arg_error("checkpoint \"" + good + "\": tensor 0 is w f32[2][3], expected w f64[2][3]"));
    CHECK(load_error(ctx, good, "scale", 1, 4, HX_KIND_F32, {}) ==
          arg_error("checkpoint \"" + good + "\": tensor 1 is scale f64, expected scale f32"));
    CHECK(load_error(ctx, good, "q", 3, 4, HX_KIND_I32, {4, 4, 2, 1}) ==
          arg_error("checkpoint \"" + good + "\": tensor 3 is q s32[4][4][2][2], expected q s32[4][4][2][1]"));
    CHECK(load_error(ctx, good, "steps", 3, 4, HX_KIND_I64, {5}) ==
          arg_error("checkpoint \"" + good + "\": tensor 3 is q s32[4][4][2][2], expected steps s64[5]"));
  }
  SECTION("bad arguments from the caller") {
    CHECK(load_error(ctx, good, "w", 4, 4, HX_KIND_F32, {2, 3}) ==
          arg_error("checkpoint_load: cannot load tensor 4 of 4 as kind 5 rank 2"));
    CHECK(load_error(ctx, good, "w", 0, 4, HX_KIND_BOOL, {2, 3}) ==
          arg_error("checkpoint_load: cannot load tensor 0 of 4 as kind 3 rank 2"));
  }
  CHECK(hxrt_live_arrays(ctx) == live);
}

TEST_CASE("checkpoint: a write failure raises and leaves nothing behind", "[loop][checkpoint][error]") {
  Ctx ctx;
  std::string p = tmp_dir() + "/no/such/dir/best.ckpt";
  Model m;
  m.w = hx_array_new(ctx, HX_KIND_F32, 6);
  m.s = hx_array_new(ctx, HX_KIND_F64, 1);
  m.v = hx_array_new(ctx, HX_KIND_I64, 5);
  m.q = hx_array_new(ctx, HX_KIND_I32, 64);
  m.text = p + "\nw\nscale\nsteps\nq\n";  // a trailing newline is fine
  void* args[] = {&m};
  CHECK(hxrt_invoke(ctx, save_body, args, nullptr) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)) ==
        arg_error("could not write checkpoint \"" + p + "\": No such file or directory"));
  CHECK_FALSE(exists(p + ".tmp"));

  // A tensor whose length does not match its shape is refused.
  std::string q = tmp_dir() + "/bad.ckpt";
  m.text = q + "\nw\nscale\nsteps\nq";
  hx_array_free(ctx, m.v);
  m.v = hx_array_new(ctx, HX_KIND_I64, 4);
  CHECK(hxrt_invoke(ctx, save_body, args, nullptr) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)) ==
        arg_error("cannot write checkpoint \"" + q + "\": tensor 2 (steps) has 4 elements, its shape 5"));
  CHECK_FALSE(exists(q));
  // Too few names.
  m.text = q + "\nw\nscale";
  CHECK(hxrt_invoke(ctx, save_body, args, nullptr) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)).find("expected a path and 4 tensor names") != std::string::npos);
  for (hx_array* a : {m.w, m.s, m.v, m.q}) hx_array_free(ctx, a);
}

// ---- the chart ------------------------------------------------------------------

TEST_CASE("chart: an SVG for full, partial, single-epoch, constant and empty histories", "[loop][chart]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  std::string dir = tmp_dir();
  auto check_svg = [&](const std::string& p) {
    std::string s = read_bytes(p);
    CHECK(s.rfind("<svg", 0) == 0);
    CHECK(s.size() >= 7);
    CHECK(s.substr(s.size() - 7) == "</svg>\n");
    CHECK(s.find("nan") == std::string::npos);
    CHECK(s.find("inf") == std::string::npos);
    CHECK(s.find("<script") == std::string::npos);
    CHECK_FALSE(exists(p + ".tmp"));
    return s;
  };

  std::vector<double> h;
  for (int e = 0; e < 20; e++) {
    double loss = 1.0 / (e + 1), acc = 1 - loss / 2;
    h.insert(h.end(), {loss, acc, loss * 1.2, acc - 0.05});
  }
  std::string p = dir + "/curves.svg";
  REQUIRE(chart(ctx, p, h, 20) == HX_OK);
  std::string s = check_svg(p);
  CHECK(s.find("Training curves (20 epochs)") != std::string::npos);
  CHECK(s.find("stroke-dasharray") != std::string::npos);  // validation is dashed
  CHECK(s.find(">validation</text>") != std::string::npos);
  CHECK(s.find(">Accuracy</text>") != std::string::npos);

  // No validation and no accuracy; a NaN in the middle breaks the line.
  std::vector<double> t;
  for (int e = 0; e < 5; e++) t.insert(t.end(), {e == 2 ? NaN : 2.0 - e * 0.1, NaN, NaN, NaN});
  REQUIRE(chart(ctx, p, t, 5) == HX_OK);
  s = check_svg(p);
  CHECK(s.find(">validation</text>") == std::string::npos);
  CHECK(s.find("no data") != std::string::npos);  // the accuracy panel

  // One epoch, constant values, zero values, everything absent, infinities.
  REQUIRE(chart(ctx, p, {0.5, 0.5, 0.5, 0.5}, 1) == HX_OK);
  s = check_svg(p);
  CHECK(s.find("<circle") != std::string::npos);
  CHECK(s.find("(1 epoch)") != std::string::npos);
  REQUIRE(chart(ctx, p, {0, 1, 0, 1, 0, 1, 0, 1}, 2) == HX_OK);
  check_svg(p);
  REQUIRE(chart(ctx, p, {NaN, NaN, NaN, NaN}, 1) == HX_OK);
  check_svg(p);
  REQUIRE(chart(ctx, p, {}, 0) == HX_OK);
  check_svg(p);
  double inf = std::numeric_limits<double>::infinity();
  REQUIRE(chart(ctx, p, {inf, 0.5, -inf, 0.5, 1e300, 0.5, -1e300, 0.5}, 2) == HX_OK);
  check_svg(p);
  // Rows beyond epochs are not drawn.
  REQUIRE(chart(ctx, p, {1, 0.5, NaN, NaN, 9999, 0.5, NaN, NaN}, 1) == HX_OK);
  CHECK(check_svg(p).find("9999") == std::string::npos);
  CHECK(hxrt_live_arrays(ctx) == live);
}

TEST_CASE("chart: errors", "[loop][chart][error]") {
  Ctx ctx;
  std::string p = tmp_dir() + "/nodir/c.svg";
  CHECK(chart(ctx, p, {1, 1, 1, 1}, 1) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)) ==
        arg_error("could not write chart \"" + p + "\": No such file or directory"));
  CHECK(chart(ctx, tmp_dir() + "/c.svg", {1, 1, 1, 1}, 2) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)).find("2 epochs, but the history holds 4 values") != std::string::npos);
}

// ---- progress output --------------------------------------------------------

TEST_CASE("report: plain lines, exactly", "[loop][report]") {
  Capture c;
  int plain = HXRT_PROGRESS_PLAIN;
  hxrt_loop_report_to(c.fp, plain, nullptr, 0, 3, 20, 23, 45, 0.5, 0.5, NaN, NaN, 1.0);  // nothing
  CHECK(c.text() == "");
  hxrt_loop_report_to(c.fp, plain, nullptr, 1, 3, 20, 45, 45, 0.12344, 0.9375, 0.23449, 0.91, 0.123);
  CHECK(c.text() == "Epoch 3/20: loss 0.1234 acc 0.9375 val_loss 0.2345 val_acc 0.9100 (0.123 s)\n");
  Capture c2;
  hxrt_loop_report_to(c2.fp, plain, nullptr, 1, 1, 2, 9, 9, 2.5, NaN, NaN, NaN, 12.345);
  hxrt_loop_report_to(c2.fp, plain, nullptr, 1, 2, 2, 9, 9, NaN, NaN, 0.25, NaN, 0.005);
  hxrt_loop_report_to(c2.fp, plain, "val_loss", 2, 7, 20, 4, 3, 0.12345, NaN, NaN, NaN, 0);
  hxrt_loop_report_to(c2.fp, plain, "loss", 2, 2, 20, 1, 1, 0.5, NaN, NaN, NaN, 0);
  hxrt_loop_report_to(c2.fp, plain, "best.ckpt", 3, 4, 20, 0, 0, NaN, NaN, NaN, NaN, 0);
  CHECK(c2.text() ==
        "Epoch 1/2: loss 2.5000 (12.345 s)\n"  // 12.345 is 12.34500000000000063... in binary
        "Epoch 2/2: loss nan val_loss 0.2500 (0.005 s)\n"
        "Early stopping after epoch 7: val_loss did not improve for 3 epochs (best 0.1235 at epoch 4)\n"
        "Early stopping after epoch 2: loss did not improve for 1 epoch (best 0.5000 at epoch 1)\n"
        "Saved checkpoint best.ckpt (epoch 4)\n");
  Capture off;
  hxrt_loop_report_to(off.fp, HXRT_PROGRESS_OFF, "x", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
  CHECK(off.text() == "");
}

TEST_CASE("report: the bar redraws one line and ends it at the epoch", "[loop][report]") {
  Capture c;
  int bar = HXRT_PROGRESS_BAR;
  double t0 = hxrt_loop_clock(nullptr, nullptr, nullptr);
  hxrt_loop_report_to(c.fp, bar, nullptr, 0, 3, 20, 1, 45, 0.5, 0.75, NaN, NaN, 0.5);
  std::string first = "\rEpoch 3/20 [....................] 1/45 loss 0.5000 acc 0.7500 2.0 steps/s";
  CHECK(c.text() == first);
  // Within 0.1 s of the last draw: skipped, unless it is the last step.
  hxrt_loop_report_to(c.fp, bar, nullptr, 0, 3, 20, 2, 45, 0.5, 0.75, NaN, NaN, 1.0);
  hxrt_loop_report_to(c.fp, bar, nullptr, 0, 3, 20, 23, 45, 0.1234, NaN, NaN, NaN, 1.0);
  bool quick = hxrt_loop_clock(nullptr, nullptr, nullptr) - t0 < 0.09;  // a loaded machine may stall
  if (quick) CHECK(c.text() == first);
  hxrt_loop_report_to(c.fp, bar, nullptr, 0, 3, 20, 45, 45, 0.1234, NaN, NaN, NaN, 4.5);
  std::string last = "\rEpoch 3/20 [####################] 45/45 loss 0.1234 10.0 steps/s";
  if (quick) CHECK(c.text() == first + last + std::string(first.size() - last.size(), ' '));
  CHECK(c.text().find(last) != std::string::npos);
  Capture e;
  hxrt_loop_report_to(e.fp, bar, nullptr, 1, 3, 20, 45, 45, 0.1234, 0.9375, 0.2345, 0.91, 4.5);
  hxrt_loop_report_to(e.fp, bar, "best.ckpt", 3, 3, 20, 0, 0, NaN, NaN, NaN, NaN, 0);  // silent in bar mode
  CHECK(e.text() ==
        "\rEpoch 3/20 [####################] 45/45 loss 0.1234 acc 0.9375 10.0 steps/s val_loss 0.2345 val_acc "
        "0.9100\n");
  // An early stop after an unfinished bar starts on a new line.
  Capture s;
  hxrt_loop_report_to(s.fp, bar, nullptr, 0, 1, 5, 1, 10, 1.0, NaN, NaN, NaN, 0);
  hxrt_loop_report_to(s.fp, bar, "loss", 2, 1, 5, 1, 1, 1.0, NaN, NaN, NaN, 0);
  CHECK(s.text() ==
        "\rEpoch 1/5 [##..................] 1/10 loss 1.0000\n"
        "Early stopping after epoch 1: loss did not improve for 1 epoch (best 1.0000 at epoch 1)\n");
}

TEST_CASE("report: HX_PROGRESS picks the mode, and stderr gets the line", "[loop][report]") {
  const char* saved = std::getenv("HX_PROGRESS");
  std::string saved_value = saved ? saved : "";
  setenv("HX_PROGRESS", "off", 1);
  CHECK(hxrt_loop_progress_mode() == HXRT_PROGRESS_OFF);
  setenv("HX_PROGRESS", "0", 1);
  CHECK(hxrt_loop_progress_mode() == HXRT_PROGRESS_OFF);
  setenv("HX_PROGRESS", "bar", 1);
  CHECK(hxrt_loop_progress_mode() == HXRT_PROGRESS_BAR);
  setenv("HX_PROGRESS", "plain", 1);
  CHECK(hxrt_loop_progress_mode() == HXRT_PROGRESS_PLAIN);

  // Through the real entry, stderr redirected to a file.
  std::string p = tmp_dir() + "/stderr.txt";
  std::fflush(stderr);
  int saved_fd = dup(2);
  int fd = open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  REQUIRE(fd >= 0);
  dup2(fd, 2);
  close(fd);
  unsetenv("HX_PROGRESS");
  int unset_mode = hxrt_loop_progress_mode();  // stderr is a file now: plain
  setenv("HX_PROGRESS", "plain", 1);
  Ctx ctx;
  CHECK(hxrt_loop_report(ctx, &kLoc, nullptr, 1, 1, 3, 4, 4, 0.25, 0.5, NaN, NaN, 0.5) == 0);
  setenv("HX_PROGRESS", "off", 1);
  CHECK(hxrt_loop_report(ctx, &kLoc, nullptr, 1, 2, 3, 4, 4, 0.25, 0.5, NaN, NaN, 0.5) == 0);
  std::fflush(stderr);
  dup2(saved_fd, 2);
  close(saved_fd);
  if (saved) setenv("HX_PROGRESS", saved_value.c_str(), 1);
  else unsetenv("HX_PROGRESS");
  CHECK(unset_mode == HXRT_PROGRESS_PLAIN);
  CHECK(read_bytes(p) == "Epoch 1/3: loss 0.2500 acc 0.5000 (0.500 s)\n");
}

TEST_CASE("report: an unknown phase raises, and the clock is monotonic", "[loop][report][error]") {
  Ctx ctx;
  struct Body {
    static void run(hx_context* c, void**, void*) {
      hxrt_loop_report(c, &kLoc, nullptr, 9, 1, 1, 1, 1, 0, 0, 0, 0, 0);
    }
  };
  CHECK(hxrt_invoke(ctx, Body::run, nullptr, nullptr) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)) == arg_error("unknown progress phase 9 (expected 0 to 3)"));
  double a = hxrt_loop_clock(ctx, &kLoc, nullptr);
  double b = hxrt_loop_clock(ctx, &kLoc, nullptr);
  CHECK(a > 0);
  CHECK(b >= a);
}
