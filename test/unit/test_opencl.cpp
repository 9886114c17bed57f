/// \file test_opencl.cpp
/// The OpenCL backend end to end: kernels emitted from IR built by hand,
/// checked with Clang (validate), run through hxrt_cl_run on whatever
/// device the process finds (PoCL's CPU device in CI), and compared with
/// values computed here in C++ the way the CPU path computes them.
#include <catch2/catch.hpp>

#include "OpenCL.h"
#include "hxrt.h"
#include "hxrt_cl.h"
#include "hxrt_gemm.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <dirent.h>
#include <limits>
#include <random>
#include <string>
#include <tuple>
#include <type_traits>
#include <unistd.h>
#include <vector>

using namespace hx::ir;
using namespace hx::opencl;

namespace {

/// Removes dir and everything under it (the test's private cache).
void remove_tree(const std::string& dir) {
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n == "." || n == "..") continue;
      std::string path = dir + "/" + n;
      if (unlink(path.c_str()) != 0) remove_tree(path);
    }
    closedir(d);
  }
  rmdir(dir.c_str());
}

// Kernel binaries go to a fresh directory, set before the runtime first
// looks (static initialisation runs before any test), removed at exit.
const std::string cache_root = [] {
  char tmpl[] = "/tmp/hx_opencl_test_XXXXXX";
  const char* d = mkdtemp(tmpl);
  if (!d) return std::string("/tmp");
  static std::string dir = d;
  setenv("HX_CACHE_DIR", d, 1);
  std::atexit([] { remove_tree(dir); });
  return dir;
}();

hx::Loc at(uint32_t line) { return hx::Loc{0, line, 1}; }
ExprRef I(int64_t v, uint32_t l = 1) { return int_const(at(l), v); }
ExprRef F(double v, uint32_t l = 1) { return float_const(at(l), v); }
ExprRef use(const VarRef& v, uint32_t l = 1) { return var_use(at(l), v); }
ExprRef op(BinOp o, const ExprRef& a, const ExprRef& b, uint32_t l = 1) {
  Type t = a->type;
  switch (o) {
    case BinOp::Eq: case BinOp::Ne: case BinOp::Lt: case BinOp::Le: case BinOp::Gt: case BinOp::Ge:
      t = bool_type();
      break;
    default:
      break;
  }
  return binary(at(l), o, a, b, t);
}
LambdaRef fn(const VarRef& x, const ExprRef& body) { return std::make_shared<Lambda>(Lambda{{x}, body}); }

bool indexable(const ExprRef& e) {
  switch (e->kind) {
    case ExprKind::Filter: return false;
    case ExprKind::Map: case ExprKind::WithIndex: case ExprKind::Reverse: case ExprKind::Take:
    case ExprKind::Drop:
      return indexable(e->args[0]);
    case ExprKind::Zip: return indexable(e->args[0]) && indexable(e->args[1]);
    default: return true;
  }
}

/// LLVMCodegen's decompose: map/filter stages over an indexable base.
ExprRef decompose(const ExprRef& e, std::vector<const Expr*>& stages) {
  ExprRef cur = e;
  while ((cur->kind == ExprKind::Map || cur->kind == ExprKind::Filter) && !indexable(cur)) {
    stages.push_back(cur.get());
    cur = cur->args[0];
  }
  std::reverse(stages.begin(), stages.end());
  return cur;
}

KernelSpec fold_spec(const std::string& name, FoldKind k, Type t, const ExprRef& chain) {
  KernelSpec s;
  s.name = name;
  s.fold = k;
  s.acc_type = t;
  s.base = decompose(chain, s.stages);
  s.free_vars = kernel_free_vars(s.base, s.stages);
  s.leaves = leaf_exprs(s.base);
  s.source_path = "test.hx";
  s.function_display = "T.f/1";
  return s;
}

KernelSpec store_spec(const std::string& name, const ExprRef& chain) {
  KernelSpec s;
  s.name = name;
  s.store = true;
  s.acc_type = chain->type->elem;
  s.base = chain;
  s.free_vars = kernel_free_vars(s.base, s.stages);
  s.leaves = leaf_exprs(s.base);
  s.source_path = "test.hx";
  s.function_display = "T.f/1";
  return s;
}

/// Argument values for hxrt_cl_run; deques keep the addresses stable.
struct Args {
  std::vector<int> kinds;
  std::vector<void*> values;
  std::deque<int64_t> i64s;
  std::deque<double> f64s;
  std::deque<uint8_t> bools;
  std::deque<int32_t> i32s;
  std::deque<float> f32s;
  std::deque<hx_array*> lists;
  Args& i(int64_t v) { i64s.push_back(v); return add(HXRT_CL_ARG_I64, &i64s.back()); }
  Args& d(double v) { f64s.push_back(v); return add(HXRT_CL_ARG_F64, &f64s.back()); }
  Args& b(bool v) { bools.push_back(v); return add(HXRT_CL_ARG_BOOL, &bools.back()); }
  Args& i32(int32_t v) { i32s.push_back(v); return add(HXRT_CL_ARG_I32, &i32s.back()); }
  Args& f32(float v) { f32s.push_back(v); return add(HXRT_CL_ARG_F32, &f32s.back()); }
  Args& list(hx_array* a) { lists.push_back(a); return add(HXRT_CL_ARG_LIST, &lists.back()); }
  Args& add(int k, void* p) {
    kinds.push_back(k);
    values.push_back(p);
    return *this;
  }
};

struct Ctx {
  hx_context* c = hx_context_new();
  std::vector<hx_array*> arrays;
  ~Ctx() {
    for (auto* a : arrays) hx_array_free(c, a);
    hx_context_free(c);
  }
  hx_array* keep(hx_array* a) {
    arrays.push_back(a);
    return a;
  }
  hx_array* i64s(const std::vector<int64_t>& v) { return keep(hx_array_from_i64(c, v.data(), int64_t(v.size()))); }
  hx_array* f64s(const std::vector<double>& v) { return keep(hx_array_from_f64(c, v.data(), int64_t(v.size()))); }
  hx_array* bools(const std::vector<uint8_t>& v) {
    hx_array* a = keep(hx_array_new(c, HX_KIND_BOOL, int64_t(v.size())));
    if (!v.empty()) std::memcpy(hx_array_data(a), v.data(), v.size());
    return a;
  }
  hx_array* i32s(const std::vector<int32_t>& v) {
    hx_array* a = keep(hx_array_new(c, HX_KIND_I32, int64_t(v.size())));
    if (!v.empty()) std::memcpy(hx_array_data(a), v.data(), v.size() * 4);
    return a;
  }
  hx_array* f32s(const std::vector<float>& v) {
    hx_array* a = keep(hx_array_new(c, HX_KIND_F32, int64_t(v.size())));
    if (!v.empty()) std::memcpy(hx_array_data(a), v.data(), v.size() * 4);
    return a;
  }
  hx_array* out(int kind, int64_t n) { return keep(hx_array_new(c, kind, n)); }
};

/// supported(), emit_kernel() and validate(), each required to succeed
/// without so much as a warning.
std::string checked_kernel(const KernelSpec& s) {
  std::string why;
  bool ok = supported(s, why);
  INFO("unsupported: " << why);
  REQUIRE(ok);
  std::string src = emit_kernel(s);
  if (std::getenv("HX_TEST_DUMP_KERNELS")) std::printf("%s\n", src.c_str());
  std::string log;
  bool valid = validate(src, log);
  INFO(src);
  INFO(log);
  REQUIRE(valid);
  REQUIRE(log.empty());
  return src;
}

template <class T>
T wrap_add(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return T(U(a) + U(b));
  } else {
    return a + b;
  }
}
template <class T>
T wrap_mul(T a, T b) {
  if constexpr (std::is_integral_v<T>) {
    using U = std::make_unsigned_t<T>;
    return T(U(a) * U(b));
  } else {
    return a * b;
  }
}

template <class T>
struct Folded {
  int rc = -1;
  bool seen = false;
  T value{};
  int64_t groups = -1;
};

/// Runs a fold kernel and combines its partials in group order, as the
/// host does with fold_step.
template <class T>
Folded<T> run_fold(const KernelSpec& s, Args& a, int64_t n) {
  std::string src = checked_kernel(s);
  int64_t ps = partial_size(s.acc_type);
  REQUIRE(ps == int64_t(2 * sizeof(T)));
  std::vector<unsigned char> parts(size_t(HXRT_CL_MAX_GROUPS * ps), 0xAB);
  Folded<T> r;
  r.rc = hxrt_cl_run(nullptr, src.c_str(), s.name.c_str(), n, int(a.kinds.size()), a.kinds.data(), a.values.data(),
                     parts.data(), ps, &r.groups, nullptr);
  if (r.rc != HXRT_CL_OK) return r;
  REQUIRE(r.groups >= 0);
  REQUIRE(r.groups <= HXRT_CL_MAX_GROUPS);
  FoldKind k = s.fold == FoldKind::Count ? FoldKind::Sum : s.fold;
  r.value = k == FoldKind::Product ? T(1) : T(0);
  for (int64_t g = 0; g < r.groups; g++) {
    const unsigned char* p = parts.data() + g * ps;
    T x;
    std::memcpy(&x, p, sizeof x);
    REQUIRE(p[sizeof(T)] <= 1);
    if (!p[sizeof(T)]) continue;
    switch (k) {
      case FoldKind::Sum: r.value = wrap_add(r.value, x); break;
      case FoldKind::Product: r.value = wrap_mul(r.value, x); break;
      case FoldKind::Min: if (!r.seen || x < r.value) r.value = x; break;
      case FoldKind::Max: if (!r.seen || x > r.value) r.value = x; break;
      case FoldKind::Count: break;
    }
    r.seen = true;
  }
  return r;
}

int run_store(const KernelSpec& s, Args& a, int64_t n, hx_array* out) {
  std::string src = checked_kernel(s);
  return hxrt_cl_run(nullptr, src.c_str(), s.name.c_str(), n, int(a.kinds.size()), a.kinds.data(), a.values.data(),
                     nullptr, 0, nullptr, out);
}

template <class T>
std::vector<T> contents(hx_array* a) {
  std::vector<T> v(size_t(hx_array_len(a)));
  if (!v.empty()) std::memcpy(v.data(), hx_array_cdata(a), v.size() * sizeof(T));
  return v;
}

/// Deterministic pseudo-random doubles in [0, 1).
std::vector<double> doubles(size_t n, uint64_t seed) {
  std::vector<double> v(n);
  for (auto& x : v) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    x = double(seed >> 11) / double(1ULL << 53);
  }
  return v;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

struct Env {
  std::string name;
  Env(const char* n, const char* v) : name(n) { setenv(n, v, 1); }
  ~Env() { unsetenv(name.c_str()); }
};

}  // namespace

TEST_CASE("an OpenCL device is available and listed") {
  REQUIRE(hxrt_cl_available());
  char buf[8192];
  int n = hxrt_cl_devices(buf, sizeof buf);
  REQUIRE(n > 0);
  std::string s = buf;
  INFO(s);
  REQUIRE(s.find("* ") != std::string::npos);  // the chosen device
  REQUIRE(s.find("compute units") != std::string::npos);
  REQUIRE(s.find("fp64 ") != std::string::npos);
  REQUIRE(s.find("driver ") != std::string::npos);
  // A short buffer is truncated, NUL-terminated, and the full length returned.
  char small[8];
  REQUIRE(hxrt_cl_devices(small, sizeof small) == n);
  REQUIRE(std::strlen(small) == 7);
}

TEST_CASE("a sum over a range counts up or down and wraps like the CPU") {
  Program p;
  auto lo = new_var(p, "lo", int_type());
  auto hi = new_var(p, "hi", int_type());
  auto x = new_var(p, "x", int_type());
  ExprRef chain = map(at(4), range(at(3), use(lo, 3), use(hi, 3)), fn(x, op(BinOp::Mul, use(x, 4), use(x, 4), 4)));
  KernelSpec s = fold_spec("sum_squares", FoldKind::Sum, int_type(), chain);
  REQUIRE(s.stages.empty());
  REQUIRE(s.leaves.size() == 2);
  REQUIRE(s.free_vars.empty());  // lo and hi are leaves, evaluated by the host

  auto expect = [](int64_t a, int64_t b) {
    uint64_t sum = 0;
    int64_t step = a <= b ? 1 : -1;
    for (int64_t v = a;; v += step) {
      sum += uint64_t(v) * uint64_t(v);
      if (v == b) break;
    }
    return int64_t(sum);
  };
  struct Case { int64_t a, b; };
  for (Case c : {Case{1, 1000}, Case{1, 4000000}, Case{10, -5}, Case{7, 7}, Case{-3000000, 3000000}}) {
    int64_t n = (c.a <= c.b ? c.b - c.a : c.a - c.b) + 1;
    Args a;
    a.i(c.a).i(c.b);
    Folded<int64_t> r = run_fold<int64_t>(s, a, n);
    INFO(c.a << ".." << c.b);
    REQUIRE(r.rc == HXRT_CL_OK);
    REQUIRE(r.seen);
    REQUIRE(r.value == expect(c.a, c.b));
  }
  // Odd launch shapes, and both loop layouts (GPU: strided; CPU: contiguous
  // runs), give the same integer result.
  for (const char* contiguous : {"0", "1"})
    for (auto [wg, groups] : {std::pair{"1", "3"}, std::pair{"4", "1000"}, std::pair{"64", "1"}}) {
      Env e0("HX_CL_CONTIGUOUS", contiguous), e1("HX_CL_WG", wg), e2("HX_CL_GROUPS", groups);
      Args a;
      a.i(1).i(100001);
      Folded<int64_t> r = run_fold<int64_t>(s, a, 100001);
      INFO("contiguous " << contiguous << " wg " << wg << " groups " << groups);
      REQUIRE(r.rc == HXRT_CL_OK);
      REQUIRE(r.value == expect(1, 100001));
    }
}

TEST_CASE("map, filter and sum with a free variable") {
  Program p;
  auto n = new_var(p, "n", int_type());
  auto k = new_var(p, "k", int_type());
  auto x = new_var(p, "x", int_type());
  auto y = new_var(p, "y", int_type());
  auto z = new_var(p, "z", int_type());
  ExprRef m1 = map(at(4), range(at(3), I(1, 3), use(n, 3)),
                   fn(x, op(BinOp::Add, op(BinOp::Mul, use(x, 4), use(x, 4), 4), use(k, 4), 4)));
  ExprRef f = filter(at(5), m1, fn(y, op(BinOp::Eq, op(BinOp::Rem, use(y, 5), I(7, 5), 5), I(3, 5), 5)));
  ExprRef m2 = map(at(6), f, fn(z, op(BinOp::Sub, use(z, 6), use(k, 6), 6)));
  KernelSpec s = fold_spec("map_filter_sum", FoldKind::Sum, int_type(), m2);
  REQUIRE(s.stages.size() == 2);
  REQUIRE(s.free_vars.size() == 1);
  REQUIRE(s.free_vars[0]->id == k->id);

  for (int64_t kv : {int64_t(0), int64_t(5), int64_t(-12)}) {
    int64_t N = 300001;
    Args a;
    a.i(kv).i(1).i(N);  // free vars, then leaves
    Folded<int64_t> r = run_fold<int64_t>(s, a, N);
    int64_t want = 0;
    for (int64_t i = 1; i <= N; i++) {
      int64_t v = i * i + kv;
      if (v % 7 == 3) want += v - kv;
    }
    REQUIRE(r.rc == HXRT_CL_OK);
    REQUIRE(r.value == want);
  }
}

TEST_CASE("min, max and count over floats; the first of equal elements wins") {
  Ctx ctx;
  Program p;
  auto xs = new_var(p, "xs", list_type(float_type()));
  auto x = new_var(p, "x", float_type());
  ExprRef src = use(xs, 2);
  KernelSpec mn = fold_spec("min_floats", FoldKind::Min, float_type(), src);
  KernelSpec mx = fold_spec("max_floats", FoldKind::Max, float_type(), src);
  ExprRef big = filter(at(3), src, fn(x, op(BinOp::Gt, use(x, 3), F(0.5, 3), 3)));
  KernelSpec cnt = fold_spec("count_big", FoldKind::Count, int_type(), big);

  std::vector<double> v = doubles(100003, 42);
  for (auto& d : v) d += 1.0;  // all in [1, 2)
  v[70001] = 0.5;
  v[90001] = 2.5;
  for (const char* contiguous : {"0", "1"}) {
    for (bool negative_first : {false, true}) {
      Env layout("HX_CL_CONTIGUOUS", contiguous);
      // 0.0 and -0.0 tie: Enum.min keeps the one that comes first.
      v[500] = negative_first ? -0.0 : 0.0;
      v[80000] = negative_first ? 0.0 : -0.0;
      hx_array* arr = ctx.f64s(v);
      int64_t n = int64_t(v.size());
      Args a;
      a.list(arr);
      Folded<double> r = run_fold<double>(mn, a, n);
      REQUIRE(r.rc == HXRT_CL_OK);
      REQUIRE(r.value == 0.0);
      REQUIRE(std::signbit(r.value) == negative_first);
      Folded<double> q = run_fold<double>(mx, a, n);
      REQUIRE(q.rc == HXRT_CL_OK);
      REQUIRE(q.value == 2.5);
      Folded<int64_t> c = run_fold<int64_t>(cnt, a, n);
      int64_t want = 0;
      for (double d : v) want += d > 0.5;
      REQUIRE(c.rc == HXRT_CL_OK);
      REQUIRE(c.value == want);
    }
  }
  // Integers too, over a mapped range, with a filter that drops everything.
  auto i = new_var(p, "i", int_type());
  auto j = new_var(p, "j", int_type());
  ExprRef scrambled = map(at(5), range(at(5), I(1), I(2)), fn(i, op(BinOp::Rem, op(BinOp::Mul, use(i), I(7919)), I(100003))));
  KernelSpec imin = fold_spec("min_scrambled", FoldKind::Min, int_type(), scrambled);
  KernelSpec imax = fold_spec("max_scrambled", FoldKind::Max, int_type(), scrambled);
  ExprRef none = filter(at(6), scrambled, fn(j, op(BinOp::Lt, use(j), I(-1))));
  KernelSpec empty = fold_spec("min_none", FoldKind::Min, int_type(), none);
  Args a;
  a.i(1).i(200000);
  int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (int64_t t = 1; t <= 200000; t++) {
    lo = std::min(lo, t * 7919 % 100003);
    hi = std::max(hi, t * 7919 % 100003);
  }
  REQUIRE(run_fold<int64_t>(imin, a, 200000).value == lo);
  REQUIRE(run_fold<int64_t>(imax, a, 200000).value == hi);
  Folded<int64_t> e = run_fold<int64_t>(empty, a, 200000);
  REQUIRE(e.rc == HXRT_CL_OK);
  REQUIRE_FALSE(e.seen);  // the host raises Enum.EmptyError
}

TEST_CASE("an empty source launches nothing") {
  Program p;
  auto x = new_var(p, "x", int_type());
  ExprRef chain = map(at(2), range(at(2), I(1), I(0)), fn(x, use(x)));
  KernelSpec s = fold_spec("sum_nothing", FoldKind::Sum, int_type(), chain);
  Args a;
  a.i(1).i(0);
  Folded<int64_t> r = run_fold<int64_t>(s, a, 0);
  REQUIRE(r.rc == HXRT_CL_OK);
  REQUIRE(r.groups == 0);
}

TEST_CASE("store: a map over an array, for every element type") {
  Ctx ctx;
  Program p;
  std::vector<double> dv = doubles(5000, 7);
  SECTION("float: x * 1.5 + 0.25 rounds exactly as on the CPU (no fma)") {
    auto xs = new_var(p, "xs", list_type(float_type()));
    auto x = new_var(p, "x", float_type());
    ExprRef m = map(at(3), use(xs), fn(x, op(BinOp::Add, op(BinOp::Mul, use(x), F(1.5)), F(0.25))));
    KernelSpec s = store_spec("affine", m);
    hx_array* out = ctx.out(HX_KIND_F64, int64_t(dv.size()));
    Args a;
    a.list(ctx.f64s(dv));
    REQUIRE(run_store(s, a, int64_t(dv.size()), out) == HXRT_CL_OK);
    std::vector<double> got = contents<double>(out);
    for (size_t i = 0; i < dv.size(); i++) {
      volatile double prod = dv[i] * 1.5;  // two roundings, as the CPU does them
      REQUIRE(same_bits(got[i], prod + 0.25));
    }
  }
  SECTION("integer: x * x wraps") {
    auto xs = new_var(p, "xs", list_type(int_type()));
    auto x = new_var(p, "x", int_type());
    std::vector<int64_t> iv = {0, 3, -4, INT64_MAX, INT64_MIN, 3037000500LL, -3037000500LL};
    ExprRef m = map(at(3), use(xs), fn(x, op(BinOp::Mul, use(x), use(x))));
    hx_array* out = ctx.out(HX_KIND_I64, int64_t(iv.size()));
    Args a;
    a.list(ctx.i64s(iv));
    REQUIRE(run_store(store_spec("squares", m), a, int64_t(iv.size()), out) == HXRT_CL_OK);
    std::vector<int64_t> got = contents<int64_t>(out);
    for (size_t i = 0; i < iv.size(); i++) REQUIRE(got[i] == wrap_mul(iv[i], iv[i]));
  }
  SECTION("boolean: x > 3, stored as bytes 0 and 1") {
    auto xs = new_var(p, "xs", list_type(int_type()));
    auto x = new_var(p, "x", int_type());
    std::vector<int64_t> iv = {1, 5, 3, 4, -9, 100};
    ExprRef m = map(at(3), use(xs), fn(x, op(BinOp::Gt, use(x), I(3))));
    hx_array* out = ctx.out(HX_KIND_BOOL, int64_t(iv.size()));
    Args a;
    a.list(ctx.i64s(iv));
    REQUIRE(run_store(store_spec("bigger", m), a, int64_t(iv.size()), out) == HXRT_CL_OK);
    REQUIRE(contents<uint8_t>(out) == std::vector<uint8_t>{0, 1, 0, 1, 0, 1});
  }
  SECTION("i32 and f32: wrap at 32 bits; division rounds correctly") {
    auto xs = new_var(p, "xs", list_type(i32_type()));
    auto x = new_var(p, "x", i32_type());
    std::vector<int32_t> iv = {1, -7, INT32_MAX, INT32_MIN, 123456789};
    ExprRef m = map(at(3), use(xs), fn(x, binary(at(3), BinOp::Mul, use(x), int_const(at(3), 3, i32_type()), i32_type())));
    hx_array* out = ctx.out(HX_KIND_I32, int64_t(iv.size()));
    Args a;
    a.list(ctx.i32s(iv));
    KernelSpec s = store_spec("triple_i32", m);
    REQUIRE(run_store(s, a, int64_t(iv.size()), out) == HXRT_CL_OK);
    std::vector<int32_t> got = contents<int32_t>(out);
    for (size_t i = 0; i < iv.size(); i++) REQUIRE(got[i] == wrap_mul(iv[i], int32_t(3)));
    REQUIRE(emit_kernel(s).find("cl_khr_fp64") == std::string::npos);

    auto fs = new_var(p, "fs", list_type(f32_type()));
    auto f = new_var(p, "f", f32_type());
    std::vector<float> fv;
    for (double d : dv) fv.push_back(float(d * 100));
    ExprRef q = map(at(4), use(fs), fn(f, binary(at(4), BinOp::FDiv, use(f), float_const(at(4), 3.0, f32_type()), f32_type())));
    KernelSpec fsx = store_spec("third_f32", q);
    REQUIRE(emit_kernel(fsx).find("cl_khr_fp64") == std::string::npos);
    hx_array* fout = ctx.out(HX_KIND_F32, int64_t(fv.size()));
    Args b;
    b.list(ctx.f32s(fv));
    REQUIRE(run_store(fsx, b, int64_t(fv.size()), fout) == HXRT_CL_OK);
    std::vector<float> fgot = contents<float>(fout);
    for (size_t i = 0; i < fv.size(); i++) {
      volatile float want = fv[i] / 3.0f;
      REQUIRE(std::memcmp(&fgot[i], (const void*)&want, 4) == 0);
    }
  }
}

TEST_CASE("compaction: a filter chain's survivors land at the start of each group's block, counts in partials") {
  Ctx ctx;
  Program p;
  auto xs = new_var(p, "xs", list_type(int_type()));
  auto x = new_var(p, "x", int_type());
  auto y = new_var(p, "y", int_type());
  ExprRef m = map(at(3), use(xs, 3), fn(x, op(BinOp::Mul, use(x, 3), I(3, 3), 3)));
  ExprRef f = filter(at(4), m, fn(y, op(BinOp::Ne, op(BinOp::Rem, use(y, 4), I(4, 4), 4), I(1, 4), 4)));
  KernelSpec s;
  s.name = "compact_thirds";
  s.compact = true;
  s.acc_type = int_type();
  s.base = decompose(f, s.stages);
  s.free_vars = kernel_free_vars(s.base, s.stages);
  s.leaves = leaf_exprs(s.base);
  REQUIRE(s.stages.size() == 1);
  std::string src = checked_kernel(s);
  REQUIRE(src.find("__local int slot[HX_WG];") != std::string::npos);
  // Sizes around the tile and the block; groups and work-group sizes that
  // leave partial tiles and uneven blocks.
  for (int64_t n : {int64_t(1), int64_t(255), int64_t(256), int64_t(257), int64_t(5003)}) {
    std::vector<int64_t> in;
    for (int64_t i = 0; i < n; i++) in.push_back((i * 7919) % 1013 - 500);
    for (const char* shape : {"3,64", "1,256", "16,32", "7,1"}) {
      std::string sh(shape);
      Env groups("HX_CL_GROUPS", sh.substr(0, sh.find(',')).c_str());
      Env wg("HX_CL_WG", sh.substr(sh.find(',') + 1).c_str());
      INFO("n = " << n << ", groups,wg = " << shape);
      hx_array* out = ctx.out(HX_KIND_I64, n);
      Args a;
      a.list(ctx.i64s(in));
      std::vector<int64_t> counts(HXRT_CL_MAX_GROUPS, -1);
      int64_t g = 0;
      REQUIRE(hxrt_cl_run(nullptr, src.c_str(), s.name.c_str(), n, int(a.kinds.size()), a.kinds.data(),
                          a.values.data(), counts.data(), 8, &g, out) == HXRT_CL_OK);
      REQUIRE(g >= 1);
      REQUIRE(hx_array_len(out) == n);  // the caller joins the runs and sets the length
      std::vector<int64_t> got = contents<int64_t>(out);
      int64_t per = (n + g - 1) / g;
      for (int64_t b = 0; b < g; b++) {
        std::vector<int64_t> block;
        for (int64_t i = b * per; i < std::min(n, (b + 1) * per); i++) {
          int64_t v = in[size_t(i)] * 3;
          if (v % 4 != 1) block.push_back(v);
        }
        REQUIRE(counts[size_t(b)] == int64_t(block.size()));
        for (size_t j = 0; j < block.size(); j++) REQUIRE(got[size_t(b * per) + j] == block[j]);
      }
    }
  }
}

TEST_CASE("float math is close to libm; round goes half away from zero; float->int saturates") {
  Ctx ctx;
  Program p;
  auto xs = new_var(p, "xs", list_type(float_type()));
  std::vector<double> v = doubles(2000, 3);
  for (auto& d : v) d = d * 10 + 0.01;
  struct M { const char* fn; double (*ref)(double); double tol; };
  for (M m : {M{"sqrt", [](double d) { return std::sqrt(d); }, 0.0},
              M{"exp", [](double d) { return std::exp(d); }, 1e-15},
              M{"log", [](double d) { return std::log(d); }, 1e-15},
              M{"sin", [](double d) { return std::sin(d); }, 1e-15},
              M{"tanh", [](double d) { return std::tanh(d); }, 1e-15},
              M{"floor", [](double d) { return std::floor(d); }, 0.0}}) {
    auto x = new_var(p, "x", float_type());
    ExprRef e = map(at(3), use(xs), fn(x, math(at(3), m.fn, {use(x)}, float_type())));
    hx_array* out = ctx.out(HX_KIND_F64, int64_t(v.size()));
    Args a;
    a.list(ctx.f64s(v));
    REQUIRE(run_store(store_spec(std::string("math_") + m.fn, e), a, int64_t(v.size()), out) == HXRT_CL_OK);
    std::vector<double> got = contents<double>(out);
    for (size_t i = 0; i < v.size(); i++) {
      INFO(m.fn << "(" << v[i] << ")");
      double want = m.ref(v[i]);
      REQUIRE(std::fabs(got[i] - want) <= m.tol * std::fabs(want) * 4);
    }
  }
  auto x = new_var(p, "x", float_type());
  ExprRef pw = map(at(3), use(xs), fn(x, math(at(3), "pow", {use(x), F(1.5)}, float_type())));
  hx_array* pout = ctx.out(HX_KIND_F64, int64_t(v.size()));
  Args pa;
  pa.list(ctx.f64s(v));
  REQUIRE(run_store(store_spec("math_pow", pw), pa, int64_t(v.size()), pout) == HXRT_CL_OK);
  std::vector<double> pg = contents<double>(pout);
  for (size_t i = 0; i < v.size(); i++) REQUIRE(pg[i] == Approx(std::pow(v[i], 1.5)).epsilon(1e-14));

  std::vector<double> r = {2.5, -2.5, 0.5, -0.5, 3.7, -3.2, 1e30, -1e30, 0.49999999999999994};
  std::vector<int64_t> rounded = {3, -3, 1, -1, 4, -3, INT64_MAX, INT64_MIN, 0};
  std::vector<int64_t> truncated = {2, -2, 0, 0, 3, -3, INT64_MAX, INT64_MIN, 0};
  for (UnOp u : {UnOp::Round, UnOp::Trunc}) {
    auto y = new_var(p, "y", float_type());
    ExprRef e = map(at(5), use(xs), fn(y, unary(at(5), u, use(y), int_type())));
    hx_array* out = ctx.out(HX_KIND_I64, int64_t(r.size()));
    Args a;
    a.list(ctx.f64s(r));
    REQUIRE(run_store(store_spec(u == UnOp::Round ? "rounds" : "truncs", e), a, int64_t(r.size()), out) == HXRT_CL_OK);
    REQUIRE(contents<int64_t>(out) == (u == UnOp::Round ? rounded : truncated));
  }
}

TEST_CASE("div and rem: zero divisors set the error flag; MIN div -1 wraps") {
  Ctx ctx;
  Program p;
  auto x = new_var(p, "x", int_type());
  SECTION("div(100, x) over -3..3 raises") {
    ExprRef m = map(at(7), range(at(7), I(-3), I(3)), fn(x, op(BinOp::IDiv, I(100, 7), use(x, 7), 7)));
    hx_array* out = ctx.out(HX_KIND_I64, 7);
    Args a;
    a.i(-3).i(3);
    REQUIRE(run_store(store_spec("div_by_range", m), a, 7, out) == HXRT_CL_RAISED);
    KernelSpec f = fold_spec("sum_div_by_range", FoldKind::Sum, int_type(), m);
    Args b;
    b.i(-3).i(3);
    REQUIRE(run_fold<int64_t>(f, b, 7).rc == HXRT_CL_RAISED);
    Args c;  // 1..1000 never divides by zero
    c.i(1).i(1000);
    Folded<int64_t> ok = run_fold<int64_t>(f, c, 1000);
    int64_t want = 0;
    for (int64_t i = 1; i <= 1000; i++) want += 100 / i;
    REQUIRE(ok.rc == HXRT_CL_OK);
    REQUIRE(ok.value == want);
  }
  SECTION("a divisor from a free variable; MIN / -1 and truncation") {
    auto xs = new_var(p, "xs", list_type(int_type()));
    auto d = new_var(p, "d", int_type());
    std::vector<int64_t> v = {INT64_MIN, 7, -7, 0, INT64_MAX};
    ExprRef dv = map(at(3), use(xs), fn(x, op(BinOp::IDiv, use(x), use(d))));
    auto y = new_var(p, "y", int_type());
    ExprRef rv = map(at(4), use(xs), fn(y, op(BinOp::Rem, use(y), use(d))));
    KernelSpec ds = store_spec("div_by_d", dv), rs = store_spec("rem_by_d", rv);
    REQUIRE(ds.free_vars.size() == 1);
    for (int64_t dd : {int64_t(-1), int64_t(2), int64_t(-3), int64_t(0)}) {
      hx_array* o1 = ctx.out(HX_KIND_I64, 5);
      hx_array* o2 = ctx.out(HX_KIND_I64, 5);
      Args a;
      a.i(dd).list(ctx.i64s(v));
      int rc1 = run_store(ds, a, 5, o1);
      int rc2 = run_store(rs, a, 5, o2);
      INFO("d = " << dd);
      if (dd == 0) {
        REQUIRE(rc1 == HXRT_CL_RAISED);
        REQUIRE(rc2 == HXRT_CL_RAISED);
        continue;
      }
      REQUIRE(rc1 == HXRT_CL_OK);
      REQUIRE(rc2 == HXRT_CL_OK);
      std::vector<int64_t> q = contents<int64_t>(o1), r = contents<int64_t>(o2);
      for (size_t i = 0; i < v.size(); i++) {
        int64_t wq = dd == -1 ? int64_t(0 - uint64_t(v[i])) : v[i] / dd;
        int64_t wr = dd == -1 ? 0 : v[i] % dd;
        REQUIRE(q[i] == wq);
        REQUIRE(r[i] == wr);
      }
    }
  }
  SECTION("bsl and bsr follow Bitwise for any count") {
    auto as = new_var(p, "as", list_type(int_type()));
    auto bs = new_var(p, "bs", list_type(int_type()));
    auto t = new_var(p, "t", tuple_type({int_type(), int_type()}));
    std::vector<int64_t> av, bv;
    for (int64_t a : {int64_t(1), int64_t(-1), int64_t(12345), int64_t(-12345), INT64_MIN, INT64_MAX})
      for (int64_t b : {int64_t(0), int64_t(1), int64_t(3), int64_t(63), int64_t(64), int64_t(65), int64_t(-1),
                        int64_t(-3), int64_t(-64), int64_t(-100), INT64_MIN, INT64_MAX}) {
        av.push_back(a);
        bv.push_back(b);
      }
    auto ref = [](int64_t a, int64_t b, bool left) {
      bool neg = b < 0;
      uint64_t mag = neg ? 0 - uint64_t(b) : uint64_t(b);
      bool shl = left != neg;
      if (shl) return mag >= 64 ? int64_t(0) : int64_t(uint64_t(a) << mag);
      return mag >= 64 ? (a < 0 ? int64_t(-1) : int64_t(0)) : (a >> mag);
    };
    for (BinOp o : {BinOp::Shl, BinOp::Shr}) {
      ExprRef z = zip(at(3), use(as), use(bs));
      ExprRef m = map(at(4), z,
                      fn(t, op(o, tuple_get(at(4), use(t), 0), tuple_get(at(4), use(t), 1), 4)));
      KernelSpec s = store_spec(o == BinOp::Shl ? "bsl_pairs" : "bsr_pairs", m);
      hx_array* out = ctx.out(HX_KIND_I64, int64_t(av.size()));
      Args a;
      a.list(ctx.i64s(av)).list(ctx.i64s(bv));
      REQUIRE(run_store(s, a, int64_t(av.size()), out) == HXRT_CL_OK);
      std::vector<int64_t> got = contents<int64_t>(out);
      for (size_t i = 0; i < av.size(); i++) {
        INFO(av[i] << (o == BinOp::Shl ? " bsl " : " bsr ") << bv[i]);
        REQUIRE(got[i] == ref(av[i], bv[i], o == BinOp::Shl));
      }
    }
  }
}

TEST_CASE("float errors: / by zero and overflow raise unless unchecked") {
  Ctx ctx;
  Program p;
  auto xs = new_var(p, "xs", list_type(float_type()));
  auto x = new_var(p, "x", float_type());
  std::vector<double> v = {1.0, 2.0, 0.0, 4.0};
  ExprRef inv = map(at(3), use(xs), fn(x, op(BinOp::FDiv, F(1.0), use(x))));
  KernelSpec s = store_spec("inverse", inv);
  Args a;
  a.list(ctx.f64s(v));
  REQUIRE(run_store(s, a, 4, ctx.out(HX_KIND_F64, 4)) == HXRT_CL_RAISED);
  s.unchecked = true;
  s.name = "inverse_unchecked";
  hx_array* out = ctx.out(HX_KIND_F64, 4);
  REQUIRE(run_store(s, a, 4, out) == HXRT_CL_OK);
  REQUIRE(std::isinf(contents<double>(out)[2]));

  auto y = new_var(p, "y", float_type());
  ExprRef huge = map(at(4), use(xs), fn(y, op(BinOp::Mul, use(y), F(1e308))));
  KernelSpec sum = fold_spec("sum_huge", FoldKind::Sum, float_type(), huge);
  Args b;
  b.list(ctx.f64s({1.0, 1.5}));  // each product is finite; the sum overflows
  REQUIRE(run_fold<double>(sum, b, 2).rc == HXRT_CL_RAISED);
  sum.unchecked = true;
  sum.name = "sum_huge_unchecked";
  Folded<double> r = run_fold<double>(sum, b, 2);
  REQUIRE(r.rc == HXRT_CL_OK);
  REQUIRE(std::isinf(r.value));
}

TEST_CASE("a raise on the taken branch sets the flag; check_overflow raises on overflow") {
  Program p;
  auto x = new_var(p, "x", int_type());
  ExprRef body = if_(at(5), op(BinOp::Gt, use(x, 5), I(50, 5), 5), raise(at(6), HX_ERR_ARITHMETIC, "too big", int_type()),
                     op(BinOp::Mul, use(x, 7), I(2, 7), 7), int_type());
  ExprRef m = map(at(4), range(at(3), I(1), I(2)), fn(x, body));
  KernelSpec s = fold_spec("raise_when_big", FoldKind::Sum, int_type(), m);
  Args ok, bad;
  ok.i(1).i(50);
  bad.i(1).i(51);
  Folded<int64_t> r = run_fold<int64_t>(s, ok, 50);
  REQUIRE(r.rc == HXRT_CL_OK);
  REQUIRE(r.value == 50 * 51);
  REQUIRE(run_fold<int64_t>(s, bad, 51).rc == HXRT_CL_RAISED);

  auto y = new_var(p, "y", int_type());
  ExprRef sq = map(at(9), range(at(9), I(1), I(2)), fn(y, op(BinOp::Mul, use(y), use(y))));
  KernelSpec w = fold_spec("square_wraps", FoldKind::Max, int_type(), sq);
  KernelSpec c = w;
  c.name = "square_checked";
  c.check_overflow = true;
  Args small, large;
  small.i(3037000000).i(3037000499);  // the last square that fits
  large.i(3037000000).i(3037000500);
  REQUIRE(run_fold<int64_t>(c, small, 500).rc == HXRT_CL_OK);
  REQUIRE(run_fold<int64_t>(c, large, 501).rc == HXRT_CL_RAISED);
  REQUIRE(run_fold<int64_t>(w, large, 501).rc == HXRT_CL_OK);
}

TEST_CASE("check_overflow: negation, abs, MIN div -1 and the running sum raise") {
  Ctx ctx;
  Program p;
  auto xs = new_var(p, "xs", list_type(int_type()));
  auto x = new_var(p, "x", int_type());
  auto y = new_var(p, "y", int_type());
  auto z = new_var(p, "z", int_type());
  auto store = [&](const std::string& name, LambdaRef f, std::vector<int64_t> v, bool checked) {
    KernelSpec s = store_spec(name + (checked ? "_checked" : ""), map(at(2), use(xs), f));
    s.check_overflow = checked;
    Args a;
    a.list(ctx.i64s(v));
    hx_array* out = ctx.out(HX_KIND_I64, int64_t(v.size()));
    int rc = run_store(s, a, int64_t(v.size()), out);
    return std::pair{rc, rc == HXRT_CL_OK ? contents<int64_t>(out) : std::vector<int64_t>{}};
  };
  LambdaRef neg = fn(x, unary(at(2), UnOp::Neg, use(x), int_type()));
  LambdaRef ab = fn(y, unary(at(2), UnOp::Abs, use(y), int_type()));
  LambdaRef dm1 = fn(z, op(BinOp::IDiv, use(z), I(-1)));
  for (LambdaRef f : {neg, ab, dm1}) {
    REQUIRE(store("ovf", f, {5, -7, INT64_MAX}, true).first == HXRT_CL_OK);
    REQUIRE(store("ovf", f, {5, INT64_MIN}, true).first == HXRT_CL_RAISED);
    auto wrapped = store("ovf", f, {5, INT64_MIN}, false);
    REQUIRE(wrapped.first == HXRT_CL_OK);
    REQUIRE(wrapped.second[1] == INT64_MIN);
  }
  // The running sum: every step is checked, in the kernel and in its tree.
  KernelSpec sum = fold_spec("sum_checked", FoldKind::Sum, int_type(), use(xs));
  sum.check_overflow = true;
  Args ok, bad;
  ok.list(ctx.i64s({INT64_MAX - 10, 5, 5}));
  bad.list(ctx.i64s({INT64_MAX - 10, 5, 6}));
  Folded<int64_t> r = run_fold<int64_t>(sum, ok, 3);
  REQUIRE(r.rc == HXRT_CL_OK);
  REQUIRE(r.value == INT64_MAX);
  REQUIRE(run_fold<int64_t>(sum, bad, 3).rc == HXRT_CL_RAISED);
  // One group, both loop layouts: the overflow lands in the tree or in the
  // loop. (Across groups the host's combine, a checked fold_step, sees it.)
  for (const char* contiguous : {"0", "1"}) {
    Env layout("HX_CL_CONTIGUOUS", contiguous), one("HX_CL_GROUPS", "1");
    std::vector<int64_t> big(3000, int64_t(1) << 52);
    Args many;
    many.list(ctx.i64s(big));
    REQUIRE(run_fold<int64_t>(sum, many, 3000).rc == HXRT_CL_RAISED);
  }
}

TEST_CASE("abs(-0.0) is -0.0, as in Erlang") {
  Ctx ctx;
  Program p;
  auto xs = new_var(p, "xs", list_type(float_type()));
  auto x = new_var(p, "x", float_type());
  ExprRef m = map(at(2), use(xs), fn(x, unary(at(2), UnOp::Abs, use(x), float_type())));
  hx_array* out = ctx.out(HX_KIND_F64, 3);
  Args a;
  a.list(ctx.f64s({-0.0, -2.5, 3.0}));
  REQUIRE(run_store(store_spec("abs_floats", m), a, 3, out) == HXRT_CL_OK);
  std::vector<double> got = contents<double>(out);
  REQUIRE(got[0] == 0.0);
  REQUIRE(std::signbit(got[0]));
  REQUIRE(got[1] == 2.5);
  REQUIRE(got[2] == 3.0);
}

TEST_CASE("zip, with_index, reverse, take and drop replay open_src") {
  Ctx ctx;
  Program p;
  auto xs = new_var(p, "xs", list_type(int_type()));
  auto t = new_var(p, "t", tuple_type({int_type(), int_type()}));
  ExprRef d = I(0), k = I(0), off = I(0);  // leaves: the values come from Args
  ExprRef chain = list_op(at(3), ExprKind::Drop, use(xs), {d});
  chain = list_op(at(3), ExprKind::Take, chain, {k});
  chain = list_op(at(3), ExprKind::Reverse, chain);
  chain = with_index(at(3), chain, off);
  ExprRef m = map(at(4), chain,
                  fn(t, op(BinOp::Add, op(BinOp::Mul, tuple_get(at(4), use(t), 0), I(1000)), tuple_get(at(4), use(t), 1))));
  KernelSpec s = store_spec("shuffled", m);
  REQUIRE(s.leaves.size() == 4);  // xs, the drop count, the take count, the offset: open_src's order
  std::vector<KernelParam> ps = kernel_params(s);
  REQUIRE(ps.size() == 4);
  REQUIRE(ps[0].name == "l0_xs");
  REQUIRE(ps[0].type == list_type(int_type()));
  REQUIRE(ps[1].name == "l1_count");
  REQUIRE(ps[3].name == "l3_offset");
  for (size_t i = 0; i < ps.size(); i++) REQUIRE(runtime_arg_kind(ps[i].type) == (i == 0 ? HXRT_CL_ARG_LIST : HXRT_CL_ARG_I64));
  REQUIRE(s.leaves[0]->kind == ExprKind::VarUse);
  REQUIRE(s.leaves[1] == d);
  REQUIRE(s.leaves[2] == k);
  REQUIRE(s.leaves[3] == off);

  std::vector<int64_t> v;
  for (int64_t i = 0; i < 1000; i++) v.push_back(i * 3 + 1);
  auto take = [](std::vector<int64_t> a, int64_t n) {
    int64_t len = int64_t(a.size());
    int64_t m = std::min(len, n < 0 ? -n : n);
    return n < 0 ? std::vector<int64_t>(a.end() - m, a.end()) : std::vector<int64_t>(a.begin(), a.begin() + m);
  };
  auto drop = [](std::vector<int64_t> a, int64_t n) {
    int64_t len = int64_t(a.size());
    int64_t m = std::min(n < 0 ? -n : n, len);
    return n < 0 ? std::vector<int64_t>(a.begin(), a.end() - m) : std::vector<int64_t>(a.begin() + m, a.end());
  };
  hx_array* arr = ctx.i64s(v);
  for (auto [dv, kv, ov] : {std::tuple{int64_t(10), int64_t(500), int64_t(0)}, std::tuple{int64_t(-10), int64_t(-37), int64_t(5)},
                            std::tuple{int64_t(2000), int64_t(3), int64_t(-1)}, std::tuple{int64_t(0), int64_t(5000), int64_t(100)}}) {
    std::vector<int64_t> w = take(drop(v, dv), kv);
    std::reverse(w.begin(), w.end());
    std::vector<int64_t> want;
    for (size_t i = 0; i < w.size(); i++) want.push_back(w[i] * 1000 + int64_t(i) + ov);
    int64_t n = int64_t(want.size());
    hx_array* out = ctx.out(HX_KIND_I64, n);
    Args a;
    a.list(arr).i(dv).i(kv).i(ov);
    INFO("drop " << dv << " take " << kv << " offset " << ov);
    REQUIRE(run_store(s, a, n, out) == HXRT_CL_OK);
    REQUIRE(contents<int64_t>(out) == want);
  }

  // zip stops at the shorter side; a range against an array.
  auto u = new_var(p, "u", tuple_type({int_type(), int_type()}));
  ExprRef z = zip(at(6), range(at(6), I(0), I(0)), use(xs));
  ExprRef zm = map(at(7), z, fn(u, op(BinOp::Sub, tuple_get(at(7), use(u), 0), tuple_get(at(7), use(u), 1))));
  KernelSpec zs = fold_spec("zip_sum", FoldKind::Sum, int_type(), zm);
  REQUIRE(zs.leaves.size() == 3);
  Args a;
  a.i(100).i(-10000).list(arr);  // 100..-10000 is longer than xs
  Folded<int64_t> r = run_fold<int64_t>(zs, a, 1000);
  int64_t want = 0;
  for (int64_t i = 0; i < 1000; i++) want += (100 - i) - v[size_t(i)];
  REQUIRE(r.rc == HXRT_CL_OK);
  REQUIRE(r.value == want);
}

TEST_CASE("tuples: booleans inside, nested, and built in branches that may raise") {
  Ctx ctx;
  Program p;
  auto bs = new_var(p, "bs", list_type(bool_type()));
  auto xs = new_var(p, "xs", list_type(int_type()));
  Type pair = tuple_type({bool_type(), int_type()});
  Type nested = tuple_type({pair, int_type()});
  auto t = new_var(p, "t", nested);
  auto q = new_var(p, "q", pair);
  // with_index(zip(bs, xs), 10) |> map(fn {{b, x}, i} -> r = if x < 0, do: raise, else: {b, x * i}; ... end)
  ExprRef src = with_index(at(2), zip(at(2), use(bs), use(xs)), I(10));
  ExprRef first = tuple_get(at(3), use(t, 3), 0);
  ExprRef made = if_(at(4), op(BinOp::Lt, tuple_get(at(4), first, 1), I(0), 4),
                     raise_value(at(4), HX_ERR_ARGUMENT, "negative: ", tuple_get(at(4), first, 1), pair),
                     tuple(at(5), {tuple_get(at(5), first, 0),
                                   op(BinOp::Mul, tuple_get(at(5), first, 1), tuple_get(at(5), use(t, 5), 1), 5)}),
                     pair);
  ExprRef body = let(at(6), q, made,
                     if_(at(7), tuple_get(at(7), use(q, 7), 0), tuple_get(at(7), use(q, 7), 1), I(0), int_type()));
  ExprRef m = map(at(3), src, fn(t, body));
  KernelSpec s = fold_spec("tuples_sum", FoldKind::Sum, int_type(), m);
  std::vector<uint8_t> bv;
  std::vector<int64_t> xv;
  for (int i = 0; i < 5000; i++) {
    bv.push_back(i % 2);
    xv.push_back(i * 3);
  }
  Args a;
  a.list(ctx.bools(bv)).list(ctx.i64s(std::vector<int64_t>(xv.begin(), xv.end() - 1))).i(10);
  Folded<int64_t> r = run_fold<int64_t>(s, a, 4999);  // zip stops at the shorter list
  int64_t want = 0;
  for (int64_t i = 0; i < 4999; i++)
    if (bv[size_t(i)]) want += xv[size_t(i)] * (i + 10);
  REQUIRE(r.rc == HXRT_CL_OK);
  REQUIRE(r.value == want);
  xv[77] = -1;
  Args b;
  b.list(ctx.bools(bv)).list(ctx.i64s(xv)).i(10);
  REQUIRE(run_fold<int64_t>(s, b, 5000).rc == HXRT_CL_RAISED);
}

TEST_CASE("a subtree the IR shares appears twice in one kernel") {
  Ctx ctx;
  Program p;
  auto xs = new_var(p, "xs", list_type(int_type()));
  auto x = new_var(p, "x", int_type());
  auto y = new_var(p, "y", int_type());
  auto t = new_var(p, "t", tuple_type({int_type(), int_type()}));
  // The same map node (same lambda, same variables) on both sides of a zip.
  ExprRef twice = map(at(2), use(xs), fn(x, let(at(2), y, op(BinOp::Mul, use(x), I(3)), op(BinOp::Add, use(y), I(1)))));
  ExprRef m = map(at(3), zip(at(3), twice, twice),
                  fn(t, op(BinOp::Sub, tuple_get(at(3), use(t), 0), tuple_get(at(3), use(t), 1))));
  KernelSpec s = fold_spec("shared_subtree", FoldKind::Sum, int_type(), m);
  REQUIRE(s.leaves.size() == 2);
  Args a;
  a.list(ctx.i64s({1, 2, 3})).list(ctx.i64s({1, 2, 3}));
  Folded<int64_t> r = run_fold<int64_t>(s, a, 3);
  REQUIRE(r.rc == HXRT_CL_OK);
  REQUIRE(r.value == 0);
}

TEST_CASE("booleans, i32 and f32 folds, and length of a free list") {
  Ctx ctx;
  Program p;
  auto bs = new_var(p, "bs", list_type(bool_type()));
  auto flag = new_var(p, "flag", bool_type());
  auto b = new_var(p, "b", bool_type());
  // count(filter(bs, fn b -> b and flag end))
  ExprRef kept = filter(at(3), use(bs), fn(b, op(BinOp::And, use(b), use(flag))));
  KernelSpec cs = fold_spec("count_flags", FoldKind::Count, int_type(), kept);
  std::vector<uint8_t> bv;
  for (int i = 0; i < 10000; i++) bv.push_back(i % 3 == 0);
  hx_array* barr = ctx.bools(bv);
  for (bool fv : {true, false}) {
    Args a;
    a.b(fv).list(barr);
    Folded<int64_t> r = run_fold<int64_t>(cs, a, 10000);
    REQUIRE(r.rc == HXRT_CL_OK);
    REQUIRE(r.value == (fv ? 3334 : 0));
  }

  auto is = new_var(p, "is", list_type(i32_type()));
  std::vector<int32_t> iv;
  for (int i = 0; i < 100000; i++) iv.push_back(INT32_MAX - i);
  KernelSpec is32 = fold_spec("sum_i32", FoldKind::Sum, i32_type(), use(is));
  Args a32;
  a32.list(ctx.i32s(iv));
  int32_t want32 = 0;
  for (int32_t x : iv) want32 = wrap_add(want32, x);
  Folded<int32_t> r32 = run_fold<int32_t>(is32, a32, int64_t(iv.size()));
  REQUIRE(r32.rc == HXRT_CL_OK);
  REQUIRE(r32.value == want32);

  auto fs = new_var(p, "fs", list_type(f32_type()));
  std::vector<float> fv;
  for (double d : doubles(50000, 11)) fv.push_back(float(d));
  KernelSpec sf = fold_spec("sum_f32", FoldKind::Sum, f32_type(), use(fs));
  Args af;
  af.list(ctx.f32s(fv));
  double wantf = 0;
  for (float f : fv) wantf += f;
  Folded<float> rf = run_fold<float>(sf, af, int64_t(fv.size()));
  REQUIRE(rf.rc == HXRT_CL_OK);
  REQUIRE(double(rf.value) == Approx(wantf).epsilon(1e-4));  // a different association

  // map(1..n, fn x -> x + length(ys) end): ys is a free list, not a leaf.
  auto ys = new_var(p, "ys", list_type(int_type()));
  auto x = new_var(p, "x", int_type());
  ExprRef plus = map(at(9), range(at(9), I(1), I(2)), fn(x, op(BinOp::Add, use(x), length(at(9), use(ys)))));
  KernelSpec ls = fold_spec("plus_length", FoldKind::Sum, int_type(), plus);
  REQUIRE(ls.free_vars.size() == 1);
  Args al;
  al.list(ctx.i64s({5, 6, 7})).i(1).i(10);
  Folded<int64_t> rl = run_fold<int64_t>(ls, al, 10);
  REQUIRE(rl.rc == HXRT_CL_OK);
  REQUIRE(rl.value == 55 + 30);
}

TEST_CASE("kernels are readable: Elixir names, .hx lines, only the helpers used") {
  Program p;
  auto n = new_var(p, "n", int_type());
  auto x = new_var(p, "x", int_type());
  ExprRef m = map(at(4), range(at(3), I(1, 3), use(n, 3)), fn(x, op(BinOp::Add, use(x, 4), I(1, 4), 4)));
  KernelSpec s = fold_spec("readable", FoldKind::Sum, int_type(), m);
  std::string src = emit_kernel(s);
  INFO(src);
  REQUIRE(src.find("// hastec OpenCL kernel readable for T.f/1 (test.hx:4)") == 0);
  REQUIRE(src.find("// sum(map(range)) : integer") != std::string::npos);
  REQUIRE(src.find("__kernel void readable(__global hx_partial* partials, __global int* err, long n,") !=
          std::string::npos);
  REQUIRE(src.find("long x_" + std::to_string(x->id) + " = ") != std::string::npos);
  REQUIRE(src.find("// line 3") != std::string::npos);
  REQUIRE(src.find("// line 4") != std::string::npos);
  REQUIRE(src.find("hx_add_l") != std::string::npos);
  REQUIRE(src.find("hx_div_l") == std::string::npos);  // unused helpers stay out
  REQUIRE(src.find("cl_khr_fp64") == std::string::npos);
  REQUIRE(src.find("goto raised") == std::string::npos);  // nothing here can raise
  REQUIRE(src.find("FP_CONTRACT OFF") != std::string::npos);
  // Every statement line in the loop carries its line.
  size_t loop = src.find("for (long i = first; i < last;");
  REQUIRE(loop != std::string::npos);
  size_t end = src.find("\n  }\n", loop);
  std::string body = src.substr(loop, end - loop);
  size_t pos = body.find('\n') + 1;
  while (pos < body.size()) {
    size_t nl = body.find('\n', pos);
    std::string line = body.substr(pos, nl - pos);
    INFO(line);
    REQUIRE(line.find("// line ") != std::string::npos);
    pos = nl == std::string::npos ? body.size() : nl + 1;
  }

  auto y = new_var(p, "y", float_type());
  auto xs = new_var(p, "xs", list_type(float_type()));
  ExprRef f = map(at(8), use(xs, 8), fn(y, math(at(9), "sqrt", {use(y, 9)}, float_type())));
  std::string fsrc = emit_kernel(store_spec("roots", f));
  INFO(fsrc);
  REQUIRE(fsrc.find("// hx-fp64: uses float (64-bit) at lines 8, 9 of test.hx") != std::string::npos);
  REQUIRE(fsrc.find("#pragma OPENCL EXTENSION cl_khr_fp64 : enable") != std::string::npos);
  REQUIRE(fsrc.find("if (!isfinite(") != std::string::npos);
}

TEST_CASE("supported() refuses what a kernel cannot hold, and says why") {
  Program p;
  auto x = new_var(p, "x", int_type());
  auto xs = new_var(p, "xs", list_type(int_type()));
  std::string why;

  ExprRef called = map(at(2), use(xs), fn(x, call(at(2), "M.g/1(integer)", {use(x)}, int_type())));
  REQUIRE_FALSE(supported(store_spec("k1", called), why));
  REQUIRE(why.find("a call to M.g/1(integer)") != std::string::npos);

  auto ys = new_var(p, "ys", list_type(int_type()));
  ExprRef pairs = zip(at(3), use(xs), use(ys));
  REQUIRE_FALSE(supported(store_spec("k2", pairs), why));
  REQUIRE(why.find("list of {integer, integer}") != std::string::npos);

  auto tv = new_var(p, "tv", tuple_type({int_type(), int_type()}));
  ExprRef uses_tuple = map(at(4), use(xs), fn(x, op(BinOp::Add, use(x), tuple_get(at(4), use(tv), 0))));
  REQUIRE_FALSE(supported(store_spec("k3", uses_tuple), why));
  REQUIRE(why.find("tuples are not passed") != std::string::npos);

  auto zs = new_var(p, "zs", list_type(int_type()));
  // (A fold over zs itself is a loop in the kernel; over sort(zs) it is not.)
  ExprRef nested =
      map(at(5), use(xs), fn(x, fold(at(5), FoldKind::Sum, list_op(at(5), ExprKind::Sort, use(zs)), int_type())));
  REQUIRE_FALSE(supported(store_spec("k4", nested), why));
  REQUIRE(why.find("list operation inside a lambda") != std::string::npos);

  auto ts = new_var(p, "ts", list_type(tuple_type({int_type(), float_type()})));
  REQUIRE_FALSE(supported(fold_spec("k5", FoldKind::Count, int_type(), use(ts)), why));
  REQUIRE(why.find("a source that is a [{integer, float}]") != std::string::npos);

  KernelSpec missing = store_spec("k6", uses_tuple);
  missing.free_vars.clear();
  REQUIRE_FALSE(supported(missing, why));
  REQUIRE(why.find("tv is used by a lambda but not passed") != std::string::npos);

  KernelSpec badname = store_spec("not a name", use(xs));
  REQUIRE_FALSE(supported(badname, why));

  KernelSpec fine = store_spec("k7", map(at(6), use(xs), fn(x, op(BinOp::Add, use(x), I(1)))));
  REQUIRE(supported(fine, why));
}

TEST_CASE("validate() returns Clang's diagnostics, quickly") {
  std::string log;
  REQUIRE_FALSE(validate("__kernel void k(__global long* p) { p[0] = undefined_name; }\n", log));
  INFO(log);
  REQUIRE(log.find("undefined_name") != std::string::npos);
  REQUIRE(log.find("error") != std::string::npos);
  REQUIRE(validate("__kernel void k(__global long* p) { p[0] = 1; }\n", log));
  auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; i++) validate("__kernel void k(__global double* p) { p[0] = sqrt(p[1]); }\n", log);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count() / 20;
  WARN("validate: " << ms << " ms per kernel");
  REQUIRE(ms < 200);
}

TEST_CASE("the disk cache: built once, then loaded; damaged entries are rebuilt") {
  if (getenv("HX_CL_NO_DISK_CACHE")) return;
  Program p;
  auto x = new_var(p, "x", int_type());
  ExprRef m = map(at(2), range(at(2), I(1), I(2)), fn(x, op(BinOp::Mul, use(x), I(3))));
  KernelSpec s = fold_spec("cached_triple", FoldKind::Sum, int_type(), m);
  auto run = [&] {
    Args a;
    a.i(1).i(1000);
    Folded<int64_t> r = run_fold<int64_t>(s, a, 1000);
    REQUIRE(r.rc == HXRT_CL_OK);
    REQUIRE(r.value == 3 * 500500);
  };
  auto stats = [] {
    hxrt_cl_stats st;
    hxrt_cl_get_stats(&st);
    return st;
  };
  auto entries = [] {
    std::vector<std::string> fs;
    std::string dir = cache_root + "/opencl";
    if (DIR* d = opendir(dir.c_str())) {
      while (dirent* e = readdir(d)) {
        std::string n = e->d_name;
        if (n.size() > 4 && n.substr(n.size() - 4) == ".bin") fs.push_back(dir + "/" + n);
      }
      closedir(d);
    }
    return fs;
  };
  hxrt_cl_forget_programs();
  auto before_files = entries();
  hxrt_cl_stats s0 = stats();
  run();
  hxrt_cl_stats s1 = stats();
  REQUIRE(s1.source_builds == s0.source_builds + 1);
  auto after_files = entries();
  REQUIRE(after_files.size() == before_files.size() + 1);
  std::string file;
  for (auto& f : after_files)
    if (std::find(before_files.begin(), before_files.end(), f) == before_files.end()) file = f;

  run();  // this process already has it
  REQUIRE(stats().memory_hits == s1.memory_hits + 1);

  hxrt_cl_forget_programs();
  run();  // from disk
  hxrt_cl_stats s2 = stats();
  REQUIRE(s2.disk_hits == s1.disk_hits + 1);
  REQUIRE(s2.source_builds == s1.source_builds);

  // Flip one byte of the binary: the checksum catches it.
  {
    FILE* f = std::fopen(file.c_str(), "r+b");
    REQUIRE(f);
    std::fseek(f, -5, SEEK_END);
    int c = std::fgetc(f);
    std::fseek(f, -5, SEEK_END);
    std::fputc(c ^ 0x5a, f);
    std::fclose(f);
  }
  hxrt_cl_forget_programs();
  run();
  hxrt_cl_stats s3 = stats();
  REQUIRE(s3.disk_rejects == s2.disk_rejects + 1);
  REQUIRE(s3.source_builds == s2.source_builds + 1);

  // Cut short: also rejected. The rebuilt entry then loads again.
  REQUIRE(truncate(file.c_str(), 40) == 0);
  hxrt_cl_forget_programs();
  run();
  hxrt_cl_stats s4 = stats();
  REQUIRE(s4.disk_rejects == s3.disk_rejects + 1);
  hxrt_cl_forget_programs();
  run();
  REQUIRE(stats().disk_hits == s4.disk_hits + 1);
}

namespace {
/// Runs f with stderr going to a file; returns what was written.
template <class F>
std::string capture_stderr(F f) {
  std::fflush(stderr);
  char path[] = "/tmp/hx_opencl_stderr_XXXXXX";
  int fd = mkstemp(path);
  int saved = dup(2);
  dup2(fd, 2);
  f();
  std::fflush(stderr);
  dup2(saved, 2);
  close(saved);
  std::string text;
  char buf[4096];
  lseek(fd, 0, SEEK_SET);
  for (ssize_t k; (k = read(fd, buf, sizeof buf)) > 0;) text.append(buf, size_t(k));
  close(fd);
  unlink(path);
  return text;
}
}  // namespace

TEST_CASE("without fp64, a float kernel falls back with a message naming its lines") {
  Ctx ctx;
  Program p;
  auto xs = new_var(p, "xs", list_type(float_type()));
  auto fs = new_var(p, "fs", list_type(f32_type()));
  KernelSpec d = fold_spec("needs_fp64", FoldKind::Sum, float_type(), use(xs, 12));
  KernelSpec f = fold_spec("f32_only", FoldKind::Sum, f32_type(), use(fs, 13));
  Env e("HX_CL_NO_FP64", "1");
  Args a, b;
  a.list(ctx.f64s({1.0, 2.0}));
  b.list(ctx.f32s({1.0f, 2.0f}));
  int rc = -1;
  std::string err = capture_stderr([&] { rc = run_fold<double>(d, a, 2).rc; });
  REQUIRE(rc == HXRT_CL_UNAVAILABLE);
  INFO(err);
  REQUIRE(err.find("has no 64-bit floats") != std::string::npos);
  REQUIRE(err.find("needs_fp64 uses float (64-bit) at line 12 of test.hx") != std::string::npos);
  REQUIRE(err.find("Hx.f32") != std::string::npos);
  Folded<float> r = run_fold<float>(f, b, 2);  // f32 and integers need no fp64
  REQUIRE(r.rc == HXRT_CL_OK);
  REQUIRE(r.value == 3.0f);
}

TEST_CASE("HX_CL_MIN_N keeps small loops on the CPU") {
  Program p;
  auto x = new_var(p, "x", int_type());
  KernelSpec s = fold_spec("small_loop", FoldKind::Sum, int_type(), map(at(2), range(at(2), I(1), I(2)), fn(x, use(x))));
  Env e("HX_CL_MIN_N", "1000");
  Args a, b;
  a.i(1).i(999);
  b.i(1).i(1000);
  REQUIRE(run_fold<int64_t>(s, a, 999).rc == HXRT_CL_UNAVAILABLE);
  REQUIRE(run_fold<int64_t>(s, b, 1000).value == 500500);
}

TEST_CASE("a kernel the driver cannot build reports unavailable, not a crash") {
  const char* src = "__kernel void broken(__global int* p) { p[0] = nope; }\n";
  int64_t groups = 0;
  unsigned char parts[16 * HXRT_CL_MAX_GROUPS];
  REQUIRE(hxrt_cl_run(nullptr, src, "broken", 10, 0, nullptr, nullptr, parts, 16, &groups, nullptr) ==
          HXRT_CL_UNAVAILABLE);
}

// ---- tensors: Index, lo..hi//1, folds inside lambdas, IEEE nodes, GEMM ----

namespace {

/// e with int_value 1: an Nx (IEEE) Binary, Math or Fold node.
ExprRef ieee(const ExprRef& e) {
  auto c = std::make_shared<Expr>(*e);
  c->int_value = 1;
  return c;
}
ExprRef up(const ExprRef& lo, const ExprRef& hi, uint32_t l = 1) { return range_up(at(l), lo, hi); }

/// out[i] = a[i div 3] * 10 + b[i rem 3] for i in 0..5: a {2,1} tensor plus a {3} one.
ExprRef broadcast_add(Program& p) {
  auto a = new_var(p, "a", list_type(int_type()));
  auto b = new_var(p, "b", list_type(int_type()));
  auto i = new_var(p, "i", int_type());
  ExprRef body = op(BinOp::Add, op(BinOp::Mul, index(at(7), use(a, 7), op(BinOp::IDiv, use(i, 7), I(3, 7), 7)), I(10, 7), 7),
                    index(at(7), use(b, 7), op(BinOp::Rem, use(i, 7), I(3, 7), 7)), 7);
  return map(at(7), up(I(0, 6), I(5, 6), 6), fn(i, body));
}

}  // namespace

TEST_CASE("broadcasting: Index reads a list passed to the kernel, over lo..hi//1") {
  Ctx ctx;
  Program p;
  KernelSpec s = store_spec("bc_add", broadcast_add(p));
  REQUIRE(s.free_vars.size() == 2);
  std::string src = checked_kernel(s);
  INFO(src);
  // a load from the list parameter, behind a bounds check that sets the error flag
  REQUIRE(src.find("__global const long* a_") != std::string::npos);
  REQUIRE(src.find(">= (ulong)a_") != std::string::npos);
  REQUIRE(src.find("goto raised") != std::string::npos);
  REQUIRE(src.find("s0_step") == std::string::npos);  // lo..hi//1 needs no step

  Args args;
  args.list(ctx.i64s({1, 2})).list(ctx.i64s({5, 6, 7})).i(0).i(5);
  hx_array* out = ctx.out(HX_KIND_I64, 6);
  REQUIRE(run_store(s, args, 6, out) == HXRT_CL_OK);
  REQUIRE(contents<int64_t>(out) == std::vector<int64_t>{15, 16, 17, 25, 26, 27});

  // An index past the end (the frontend never builds one) raises on the
  // device instead of reading out of bounds; the CPU path then decides.
  Args short_b;
  short_b.list(ctx.i64s({1, 2})).list(ctx.i64s({5, 6})).i(0).i(5);
  REQUIRE(run_store(s, short_b, 6, ctx.out(HX_KIND_I64, 6)) == HXRT_CL_RAISED);
}

TEST_CASE("a tensor variable passes its data and dimensions; a range_up base counts up only") {
  Ctx ctx;
  Program p;
  Type tt = tensor_type(f32_type(), {2, 3});
  auto t = new_var(p, "t", tt);
  auto i = new_var(p, "i", int_type());
  // out[i] = t.data[i] * (float)(d1): reads elem(t, 0) and elem(t, 2).
  ExprRef data = tuple_get(at(3), use(t, 3), 0);
  ExprRef body = op(BinOp::Mul, index(at(3), data, use(i, 3)),
                    unary(at(3), UnOp::Cast, tuple_get(at(3), use(t, 3), 2), f32_type()), 3);
  ExprRef chain = map(at(3), up(I(0, 3), I(5, 3), 3), fn(i, body));
  KernelSpec s = store_spec("tensor_arg", chain);
  REQUIRE(s.free_vars.size() == 1);
  REQUIRE(runtime_arg_kind(tt) == HXRT_CL_ARG_TENSOR_OF_RANK(2));
  std::string src = checked_kernel(s);
  INFO(src);
  REQUIRE(src.find("long t_" + std::to_string(t->id) + "_d1") != std::string::npos);

  struct { hx_array* data; int64_t dims[2]; } tv = {ctx.f32s({1, 2, 3, 4, 5, 6}), {2, 3}};
  Args args;
  args.add(HXRT_CL_ARG_TENSOR_OF_RANK(2), &tv);
  args.i(0).i(5);
  hx_array* out = ctx.out(HX_KIND_F32, 6);
  REQUIRE(run_store(s, args, 6, out) == HXRT_CL_OK);
  REQUIRE(contents<float>(out) == std::vector<float>{3, 6, 9, 12, 15, 18});
  // A code with a rank on a kind that has none is refused, not misread.
  Args bad;
  bad.add(HXRT_CL_ARG_I64 | 2 << 8, &tv).i(0).i(5);
  REQUIRE(hxrt_cl_run(nullptr, src.c_str(), "tensor_arg", 6, 3, bad.kinds.data(), bad.values.data(), nullptr, 0,
                      nullptr, out) == HXRT_CL_UNAVAILABLE);
}

TEST_CASE("axis reductions: a fold inside a lambda is a loop in the work-item") {
  Ctx ctx;
  Program p;
  auto d = new_var(p, "d", list_type(float_type()));
  auto o = new_var(p, "o", int_type());
  auto j = new_var(p, "j", int_type());
  const int64_t rows = 37, cols = 1001;
  auto row_chain = [&](FoldKind k, bool tensor) {
    ExprRef elem = index(at(5), use(d, 5), op(BinOp::Add, op(BinOp::Mul, use(o, 5), I(cols, 5), 5), use(j, 5), 5));
    ExprRef inner = map(at(5), up(I(0, 5), I(cols - 1, 5), 5), fn(j, elem));
    ExprRef f = fold(at(5), k, inner, float_type());
    return map(at(4), up(I(0, 4), I(rows - 1, 4), 4), fn(o, tensor ? ieee(f) : f));
  };
  std::vector<double> v = doubles(size_t(rows * cols), 7);
  v[5 * cols + 17] = std::nan("");  // row 5 has a NaN
  v[9 * cols + 3] = -1.0;
  hx_array* arr = ctx.f64s(v);
  auto run = [&](const KernelSpec& s, hx_array* out) {
    Args args;
    args.list(arr).i(0).i(rows - 1);
    return run_store(s, args, rows, out);
  };

  // Nx's reduce_max (IEEE): a NaN sticks in its row, the others are exact.
  KernelSpec mx = store_spec("row_max", row_chain(FoldKind::Max, true));
  hx_array* out = ctx.out(HX_KIND_F64, rows);
  REQUIRE(run(mx, out) == HXRT_CL_OK);
  std::vector<double> got = contents<double>(out);
  for (int64_t r = 0; r < rows; r++) {
    double want = v[size_t(r * cols)];
    bool nan = false;
    for (int64_t c = 0; c < cols; c++) {
      double x = v[size_t(r * cols + c)];
      nan |= std::isnan(x);
      if (x > want) want = x;
    }
    INFO("row " << r);
    if (nan) REQUIRE(std::isnan(got[size_t(r)]));
    else REQUIRE(same_bits(got[size_t(r)], want));
  }
  // Nx.sum over axis 1, summed in order as the CPU's scalar loop does.
  KernelSpec sum = store_spec("row_sum", row_chain(FoldKind::Sum, true));
  REQUIRE(run(sum, out) == HXRT_CL_OK);
  got = contents<double>(out);
  for (int64_t r = 0; r < rows; r++) {
    double want = 0;
    for (int64_t c = 0; c < cols; c++) want += v[size_t(r * cols + c)];
    INFO("row " << r);
    if (r == 5) REQUIRE(std::isnan(got[size_t(r)]));
    else REQUIRE(std::fabs(got[size_t(r)] - want) <= 1e-12 * std::fabs(want));
  }
  // The same sum as Enum.sum (not IEEE): the NaN raises, so the CPU reruns it.
  KernelSpec checked = store_spec("row_sum_checked", row_chain(FoldKind::Sum, false));
  REQUIRE(run(checked, out) == HXRT_CL_RAISED);
}

TEST_CASE("a fold inside a lambda: integers, filters, counts, and an empty min") {
  Ctx ctx;
  Program p;
  auto xs = new_var(p, "xs", list_type(int_type()));
  auto i = new_var(p, "i", int_type());
  auto x = new_var(p, "x", int_type());
  auto y = new_var(p, "y", int_type());
  // out[i] = count of x in xs with x rem (i + 2) == 0, plus min(i..0) (a counting-down range)
  ExprRef divisible = filter(at(3), use(xs, 3),
                             fn(x, op(BinOp::Eq, op(BinOp::Rem, use(x, 3), op(BinOp::Add, use(i, 3), I(2, 3), 3), 3), I(0, 3), 3)));
  ExprRef cnt = fold(at(3), FoldKind::Count, divisible, int_type());
  ExprRef down = map(at(4), range(at(4), use(i, 4), I(0, 4)), fn(y, op(BinOp::Mul, use(y, 4), I(3, 4), 4)));
  ExprRef mn = fold(at(4), FoldKind::Min, down, int_type());
  ExprRef chain = map(at(2), up(I(0, 2), I(99, 2), 2), fn(i, op(BinOp::Add, cnt, mn, 2)));
  KernelSpec s = store_spec("nested_ints", chain);
  std::vector<int64_t> v;
  for (int64_t k = -500; k < 500; k++) v.push_back(k * 7 + 1);
  Args args;
  args.list(ctx.i64s(v)).i(0).i(99);
  hx_array* out = ctx.out(HX_KIND_I64, 100);
  REQUIRE(run_store(s, args, 100, out) == HXRT_CL_OK);
  std::vector<int64_t> got = contents<int64_t>(out);
  for (int64_t r = 0; r < 100; r++) {
    int64_t c = 0;
    for (int64_t e : v) c += e % (r + 2) == 0;
    REQUIRE(got[size_t(r)] == c + 0);  // min of 3*r .. 0 is 0
  }
  // min over lo..hi//1 with hi < lo is empty: Enum.EmptyError on the CPU.
  auto z = new_var(p, "z", int_type());
  ExprRef empty = fold(at(5), FoldKind::Min, up(I(1, 5), use(z, 5), 5), int_type());
  KernelSpec e = store_spec("empty_min", map(at(5), up(I(0, 5), I(3, 5), 5), fn(z, empty)));
  Args ea;
  ea.i(0).i(3);
  REQUIRE(run_store(e, ea, 4, ctx.out(HX_KIND_I64, 4)) == HXRT_CL_RAISED);
}

TEST_CASE("IEEE tensor arithmetic: no raise on x / 0, NaN wins in Nx.max; Enum's rules otherwise") {
  Ctx ctx;
  Program p;
  auto xs = new_var(p, "xs", list_type(f32_type()));
  auto x = new_var(p, "x", f32_type());
  ExprRef zero = float_const(at(2), 0.0, f32_type());
  ExprRef nx = map(at(2), use(xs, 2),
                   fn(x, ieee(op(BinOp::Max, ieee(op(BinOp::FDiv, use(x, 2), zero, 2)), use(x, 2), 2))));
  KernelSpec s = store_spec("ieee_div_max", nx);
  std::vector<float> v = {1.0f, -2.0f, 0.0f, std::nanf("")};
  Args args;
  args.list(ctx.f32s(v));
  hx_array* out = ctx.out(HX_KIND_F32, 4);
  REQUIRE(run_store(s, args, 4, out) == HXRT_CL_OK);
  std::vector<float> got = contents<float>(out);
  REQUIRE(std::isinf(got[0]));
  REQUIRE(got[0] > 0);
  REQUIRE(got[1] == -2.0f);  // max(-Inf, -2.0)
  REQUIRE(std::isnan(got[2]));  // 0 / 0
  REQUIRE(std::isnan(got[3]));
  // The same division with Elixir's rules raises (the CPU path then does).
  ExprRef ex = map(at(2), use(xs, 2), fn(x, op(BinOp::FDiv, use(x, 2), zero, 2)));
  REQUIRE(run_store(store_spec("checked_div", ex), args, 4, ctx.out(HX_KIND_F32, 4)) == HXRT_CL_RAISED);
  // A float max fold meeting a NaN leaves it to the CPU (Enum.max and
  // Nx.reduce_max disagree about NaN, and the kernel cannot tell them apart).
  Folded<float> r = run_fold<float>(fold_spec("max_nan", FoldKind::Max, f32_type(), use(xs, 2)), args, 4);
  REQUIRE(r.rc == HXRT_CL_RAISED);
}

TEST_CASE("supported() explains what still stays on the CPU") {
  Program p;
  auto xs = new_var(p, "xs", list_type(int_type()));
  auto i = new_var(p, "i", int_type());
  auto y = new_var(p, "y", int_type());
  // an Index into a list made inside the lambda
  ExprRef made = map(at(2), use(xs, 2), fn(y, use(y, 2)));
  KernelSpec s = store_spec("made", map(at(2), up(I(0, 2), I(3, 2), 2), fn(i, index(at(2), made, use(i, 2)))));
  std::string why;
  REQUIRE_FALSE(supported(s, why));
  REQUIRE(why == "an element access of a list computed inside a lambda");
  // a fold over a sorted list inside a lambda
  ExprRef sorted = list_op(at(3), ExprKind::Sort, use(xs, 3));
  KernelSpec t = store_spec("sorted", map(at(3), up(I(0, 3), I(3, 3), 3), fn(i, fold(at(3), FoldKind::Sum, sorted, int_type()))));
  REQUIRE_FALSE(supported(t, why));
  REQUIRE(why == "a list operation inside a lambda");
}

namespace {

template <class T>
std::vector<T> cpu_gemm(int64_t m, int64_t n, int64_t k, const std::vector<T>& a, const std::vector<T>& b) {
  std::vector<T> c(size_t(m * n));
  if constexpr (std::is_same_v<T, float>) hxrt_gemm_f32(m, n, k, a.data(), k, 0, b.data(), n, 0, c.data(), n);
  else if constexpr (std::is_same_v<T, double>) hxrt_gemm_f64(m, n, k, a.data(), k, 0, b.data(), n, 0, c.data(), n);
  else if constexpr (std::is_same_v<T, int32_t>) hxrt_gemm_s32(m, n, k, a.data(), k, 0, b.data(), n, 0, c.data(), n);
  else hxrt_gemm_s64(m, n, k, a.data(), k, 0, b.data(), n, 0, c.data(), n);
  return c;
}

template <class T>
void check_gemm(int kind, int64_t m, int64_t n, int64_t k, uint64_t seed) {
  std::vector<double> ra = doubles(size_t(m * k), seed), rb = doubles(size_t(k * n), seed + 1);
  std::vector<T> a(ra.size()), b(rb.size());
  for (size_t q = 0; q < ra.size(); q++) a[q] = std::is_integral_v<T> ? T(int64_t(ra[q] * 2e9) - 1000000000) : T(ra[q] - 0.5);
  for (size_t q = 0; q < rb.size(); q++) b[q] = std::is_integral_v<T> ? T(int64_t(rb[q] * 2e9) - 1000000000) : T(rb[q] - 0.5);
  std::vector<T> want = cpu_gemm<T>(m, n, k, a, b);
  std::vector<T> got(size_t(m * n), T(77));
  INFO("gemm " << m << "x" << k << "x" << n << " kind " << kind);
  REQUIRE(hxrt_cl_gemm(nullptr, nullptr, kind, m, n, k, a.data(), b.data(), got.data()) == HXRT_CL_OK);
  for (size_t q = 0; q < got.size(); q++) {
    INFO("element " << q);
    if constexpr (std::is_integral_v<T>) REQUIRE(got[q] == want[q]);  // wrapping, exact
    else REQUIRE(std::fabs(double(got[q]) - double(want[q])) <= (sizeof(T) == 4 ? 1e-5 : 1e-13) * std::sqrt(double(k)));
  }
}

}  // namespace

TEST_CASE("the device GEMM matches the CPU's for every type and odd shapes") {
  for (auto [m, n, k] : {std::tuple<int64_t, int64_t, int64_t>{1, 1, 1}, {37, 19, 53}, {16, 16, 16}, {64, 3, 200}, {130, 70, 17}}) {
    check_gemm<float>(HX_KIND_F32, m, n, k, 1);
    check_gemm<double>(HX_KIND_F64, m, n, k, 2);
    check_gemm<int32_t>(HX_KIND_I32, m, n, k, 3);
    check_gemm<int64_t>(HX_KIND_I64, m, n, k, 4);
  }
  // Signed zeros as on the CPU; no padding products (Inf meets no 0 it shouldn't).
  std::vector<double> a = {-1.0, INFINITY}, b = {0.0, 1.0};
  std::vector<double> c(2, 5.0);
  REQUIRE(hxrt_cl_gemm(nullptr, nullptr, HX_KIND_F64, 2, 1, 1, a.data(), b.data(), c.data()) == HXRT_CL_OK);
  std::vector<double> cpu = cpu_gemm<double>(2, 1, 1, a, {0.0});
  REQUIRE(same_bits(c[0], cpu[0]));
  REQUIRE(std::isnan(c[1]));  // Inf * 0
  std::vector<double> one = {1.0};
  REQUIRE(hxrt_cl_gemm(nullptr, nullptr, HX_KIND_F64, 1, 1, 1, a.data() + 1, one.data(), c.data()) == HXRT_CL_OK);
  REQUIRE(std::isinf(c[0]));
  // k == 0 and unknown kinds are the CPU's; empty products are done.
  REQUIRE(hxrt_cl_gemm(nullptr, nullptr, HX_KIND_F64, 2, 2, 0, a.data(), b.data(), c.data()) == HXRT_CL_UNAVAILABLE);
  REQUIRE(hxrt_cl_gemm(nullptr, nullptr, HX_KIND_BOOL, 1, 1, 1, a.data(), b.data(), c.data()) == HXRT_CL_UNAVAILABLE);
  REQUIRE(hxrt_cl_gemm(nullptr, nullptr, HX_KIND_F64, 0, 2, 2, a.data(), b.data(), c.data()) == HXRT_CL_OK);
  {
    Env no64("HX_CL_NO_FP64", "1");
    REQUIRE(hxrt_cl_gemm(nullptr, nullptr, HX_KIND_F64, 1, 1, 1, a.data(), b.data(), c.data()) == HXRT_CL_UNAVAILABLE);
  }
  // Register tiles of 1x1, 2x2 and 4x4 elements per work-item (HX_CL_GEMM_R): the same
  // bits, since every element sums its products in order whatever the tiling.
  for (auto [m, n, k] : {std::tuple<int64_t, int64_t, int64_t>{130, 70, 17}, {37, 19, 53}, {65, 129, 33}}) {
    std::vector<double> ra = doubles(size_t(m * k), 9), rb = doubles(size_t(k * n), 10);
    std::vector<float> fa(ra.begin(), ra.end()), fb(rb.begin(), rb.end());
    std::vector<int64_t> ia(ra.size()), ib(rb.size());
    for (size_t q = 0; q < ra.size(); q++) ia[q] = int64_t(ra[q] * 1e18) - 400000000000000000LL;
    for (size_t q = 0; q < rb.size(); q++) ib[q] = int64_t(rb[q] * 1e18) - 400000000000000000LL;
    std::vector<float> f1, fr(size_t(m * n));
    std::vector<int64_t> i1, ir(size_t(m * n));
    for (const char* r : {"1", "2", "4"}) {
      Env tiles("HX_CL_GEMM_R", r);
      INFO("R = " << r << ", " << m << "x" << k << "x" << n);
      REQUIRE(hxrt_cl_gemm(nullptr, nullptr, HX_KIND_F32, m, n, k, fa.data(), fb.data(), fr.data()) == HXRT_CL_OK);
      REQUIRE(hxrt_cl_gemm(nullptr, nullptr, HX_KIND_I64, m, n, k, ia.data(), ib.data(), ir.data()) == HXRT_CL_OK);
      if (f1.empty()) {
        f1 = fr;
        i1 = ir;
        REQUIRE(i1 == cpu_gemm<int64_t>(m, n, k, ia, ib));
      }
      REQUIRE(std::memcmp(fr.data(), f1.data(), fr.size() * 4) == 0);
      REQUIRE(ir == i1);
    }
  }
  // HX_TEST_BENCH=1: a 512^3 f32 product, device (with copies) against the CPU GEMM.
  if (std::getenv("HX_TEST_BENCH")) {
    const int64_t N = 512;
    std::vector<float> x(size_t(N * N), 0.5f), y(size_t(N * N), 0.25f), z(size_t(N * N));
    hxrt_cl_gemm(nullptr, nullptr, HX_KIND_F32, N, N, N, x.data(), y.data(), z.data());  // build
    auto t0 = std::chrono::steady_clock::now();
    REQUIRE(hxrt_cl_gemm(nullptr, nullptr, HX_KIND_F32, N, N, N, x.data(), y.data(), z.data()) == HXRT_CL_OK);
    auto t1 = std::chrono::steady_clock::now();
    hxrt_gemm_f32(N, N, N, x.data(), N, 0, y.data(), N, 0, z.data(), N);
    auto t2 = std::chrono::steady_clock::now();
    double dev = std::chrono::duration<double>(t1 - t0).count(), cpu = std::chrono::duration<double>(t2 - t1).count();
    std::printf("gemm f32 %lld^3: device %.1f ms (%.2f GFLOP/s with copies), CPU %.1f ms (%.2f GFLOP/s)\n",
                (long long)N, dev * 1e3, 2.0 * N * N * N / dev * 1e-9, cpu * 1e3, 2.0 * N * N * N / cpu * 1e-9);
  }
}

namespace {

/// What a call (run through hxrt_invoke, so its arrays are tracked, as
/// compiled code's are) saw of the device mirrors: counters after each step
/// and the values it computed. REQUIREs stay outside the call: Catch2's
/// exceptions must not cross hxrt_invoke's setjmp frame.
struct MirrorRun {
  std::string src;  // the store kernel "affine": out[i] = xs[i] * 1.5 + 0.25
  std::string name;
  std::vector<hxrt_cl_stats> st;
  std::vector<int> rc;
  std::vector<double> x, twice, sorted_affine;
  hx_array* kept = nullptr;  // an array the call hands back to its caller
};

hxrt_cl_stats cl_stats() {
  hxrt_cl_stats s;
  hxrt_cl_get_stats(&s);
  return s;
}

hx_array* affine(hx_context* c, MirrorRun& r, hx_array* xs) {
  hx_array* out = hxrt_alloc(c, HX_KIND_F64, hx_array_len(xs));
  int kind = HXRT_CL_ARG_LIST;
  void* value = &xs;
  r.rc.push_back(hxrt_cl_run(c, r.src.c_str(), r.name.c_str(), hx_array_len(xs), 1, &kind, &value, nullptr, 0,
                             nullptr, out));
  r.st.push_back(cl_stats());
  return out;
}

/// The store kernel `affine` runs: out[i] = xs[i] * 1.5 + 0.25 over a list of floats.
KernelSpec affine_spec() {
  Program p;
  auto xs = new_var(p, "xs", list_type(float_type()));
  auto x = new_var(p, "x", float_type());
  return store_spec("affine", map(at(3), use(xs), fn(x, op(BinOp::Add, op(BinOp::Mul, use(x), F(1.5)), F(0.25)))));
}

/// A MirrorRun of affine_spec()'s kernel s over n doubles in [-0.5, 0.5).
MirrorRun affine_run(const KernelSpec& s, size_t n, uint64_t seed) {
  MirrorRun r;
  r.src = checked_kernel(s);
  r.name = s.name;
  r.x = doubles(n, seed);
  for (double& v : r.x) v -= 0.5;
  return r;
}

void mirror_body(hx_context* c, void** args, void*) {
  MirrorRun& r = *static_cast<MirrorRun*>(args[0]);
  int64_t n = int64_t(r.x.size());
  hx_array* x = hxrt_alloc(c, HX_KIND_F64, n);
  std::memcpy(hx_array_data(x), r.x.data(), size_t(n) * 8);
  r.st.push_back(cl_stats());                   // 0: before
  hx_array* y1 = affine(c, r, x);               // 1: x uploaded once
  hx_array* y2 = affine(c, r, x);               // 2: x found on the device
  hx_array* z = affine(c, r, y1);               // 3: y1, a kernel's result, found on the device
  r.twice.assign((const double*)hx_array_cdata(z), (const double*)hx_array_cdata(z) + n);
  hxrt_release(c, y2);
  r.st.push_back(cl_stats());                   // 4: y2's mirror released with it
  hxrt_sort(c, z, 0);                           // in place: z's mirror is stale now
  r.st.push_back(cl_stats());                   // 5: dropped
  hx_array* w = affine(c, r, z);                // 6: the sorted z uploaded again
  r.sorted_affine.assign((const double*)hx_array_cdata(w), (const double*)hx_array_cdata(w) + n);
  hxrt_release(c, x);
  hxrt_release(c, y1);
  hxrt_release(c, z);
  hxrt_release(c, w);
  r.st.push_back(cl_stats());                   // 7: no mirror left
  r.kept = affine(c, r, r.kept);                // 8: r.kept goes back to the caller with its mirror
}

void raising_body(hx_context* c, void** args, void*) {
  MirrorRun& r = *static_cast<MirrorRun*>(args[0]);
  hx_array* x = hxrt_alloc(c, HX_KIND_F64, int64_t(r.x.size()));
  std::memcpy(hx_array_data(x), r.x.data(), r.x.size() * 8);
  affine(c, r, affine(c, r, x));
  hxrt_raise(c, HX_ERR_ARGUMENT, "boom", nullptr);  // the call's arrays are freed: their mirrors too
}

}  // namespace

namespace {

/// A store that can only fail a bounds check ("hx-async"), run inside a call:
/// the host does not wait for it, and a failed check surfaces as an internal
/// error at the next read instead of being ignored.
struct AsyncRun {
  std::string src, name;
  std::vector<int64_t> a, b;  // out[i] = a[i div 3] * 10 + b[i rem 3], i in 0..5
  int rc = -1;
  hxrt_cl_stats before{}, launched{}, read{};
  std::vector<int64_t> got;
};

void async_body(hx_context* c, void** args, void*) {
  AsyncRun& r = *static_cast<AsyncRun*>(args[0]);
  hx_array* a = hxrt_alloc(c, HX_KIND_I64, int64_t(r.a.size()));
  hx_array* b = hxrt_alloc(c, HX_KIND_I64, int64_t(r.b.size()));
  std::memcpy(hx_array_data(a), r.a.data(), r.a.size() * 8);
  std::memcpy(hx_array_data(b), r.b.data(), r.b.size() * 8);
  hx_array* out = hxrt_alloc(c, HX_KIND_I64, 6);
  int64_t lo = 0, hi = 5;
  int kinds[] = {HXRT_CL_ARG_LIST, HXRT_CL_ARG_LIST, HXRT_CL_ARG_I64, HXRT_CL_ARG_I64};
  void* values[] = {&a, &b, &lo, &hi};
  r.before = cl_stats();
  r.rc = hxrt_cl_run(c, r.src.c_str(), r.name.c_str(), 6, 4, kinds, values, nullptr, 0, nullptr, out);
  r.launched = cl_stats();
  hxrt_cl_host(c, out);  // raises here when the kernel failed its bounds check
  r.read = cl_stats();
  const int64_t* o = static_cast<const int64_t*>(hx_array_cdata(out));
  r.got.assign(o, o + 6);
}

}  // namespace

TEST_CASE("results on the device: a store that can only fail a bounds check is not waited for") {
  Program p;
  KernelSpec s = store_spec("bc_async", broadcast_add(p));
  AsyncRun r;
  r.src = checked_kernel(s);
  r.name = s.name;
  REQUIRE(r.src.find("// hx-async:") != std::string::npos);
  hx_context* c = hx_context_new();
  void* args[] = {&r};
  SECTION("in range: read back when the host reads it") {
    r.a = {1, 2};
    r.b = {5, 6, 7};
    REQUIRE(hxrt_invoke(c, async_body, args, nullptr) == HX_OK);
    REQUIRE(r.rc == HXRT_CL_OK);
    REQUIRE(r.launched.async_runs - r.before.async_runs == 1);
    REQUIRE(r.launched.downloads == r.before.downloads);
    REQUIRE(r.read.stale_reads - r.launched.stale_reads == 1);
    REQUIRE(r.got == std::vector<int64_t>{15, 16, 17, 25, 26, 27});
  }
  SECTION("a failed bounds check (a compiler bug) is an internal error at the next read") {
    r.a = {1, 2};
    r.b = {5, 6};  // b[2] is read: out of range
    REQUIRE(hxrt_invoke(c, async_body, args, nullptr) == HX_ERR_DEVICE);
    REQUIRE(r.rc == HXRT_CL_OK);
    REQUIRE(std::string(hx_context_error(c)).find("internal error: an OpenCL kernel read outside a list") !=
            std::string::npos);
  }
  hx_context_free(c);
}

TEST_CASE("device mirrors: an array used twice is uploaded once; freed, sorted or handed back, it is not reused") {
  KernelSpec s = affine_spec();
  MirrorRun r = affine_run(s, 4096, 11);
  hx_context* c = hx_context_new();
  r.kept = hx_array_from_f64(c, r.x.data(), int64_t(r.x.size()));  // the caller's: never mirrored as an input
  hx_array* caller_input = r.kept;
  hxrt_cl_drop_mirrors();
  void* args[] = {&r};
  REQUIRE(hxrt_invoke(c, mirror_body, args, nullptr) == HX_OK);
  for (int rc : r.rc) REQUIRE(rc == HXRT_CL_OK);
  const size_t bytes = r.x.size() * 8;
  auto d = [&](int i, int64_t hxrt_cl_stats::*f) { return r.st[size_t(i)].*f - r.st[size_t(i - 1)].*f; };
  // 1: x up once; x and y1 have mirrors; y1 stays on the device only (not read back)
  REQUIRE(d(1, &hxrt_cl_stats::uploads) == 1);
  REQUIRE(d(1, &hxrt_cl_stats::upload_bytes) == int64_t(bytes));
  REQUIRE(d(1, &hxrt_cl_stats::mirrors) == 2);
  REQUIRE(d(1, &hxrt_cl_stats::downloads) == 0);
  REQUIRE(d(1, &hxrt_cl_stats::async_runs) == 0);  // its float checks can raise: waited for
  // 2: x again: no copy in; 3: y1 (a result) as input: no copy in
  REQUIRE(d(2, &hxrt_cl_stats::uploads) == 0);
  REQUIRE(d(2, &hxrt_cl_stats::mirror_hits) == 1);
  REQUIRE(d(3, &hxrt_cl_stats::uploads) == 0);
  REQUIRE(d(3, &hxrt_cl_stats::mirror_hits) == 1);
  for (size_t i = 0; i < r.x.size(); i++) {
    volatile double a = r.x[i] * 1.5;
    volatile double b = a + 0.25;
    volatile double c2 = b * 1.5;
    REQUIRE(same_bits(r.twice[i], c2 + 0.25));
  }
  // 4: reading z through hx_array_cdata read it back (once: y1 and y2 never were);
  // a freed array's mirror is released; 5: sorting in place drops it
  REQUIRE(d(4, &hxrt_cl_stats::stale_reads) == 1);
  REQUIRE(d(4, &hxrt_cl_stats::download_bytes) == int64_t(bytes));
  REQUIRE(d(4, &hxrt_cl_stats::mirrors) == -1);
  REQUIRE(d(4, &hxrt_cl_stats::mirror_bytes) == -int64_t(bytes));
  REQUIRE(d(5, &hxrt_cl_stats::mirrors) == -1);
  // 6: the sorted z is read from the host again, and the result is of the sorted values
  REQUIRE(d(6, &hxrt_cl_stats::uploads) == 1);
  // ... into device buffers of the right size that y2's and z's mirrors left in the pool
  REQUIRE(d(6, &hxrt_cl_stats::pool_hits) == 2);
  std::vector<double> sorted = r.twice;
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size(); i++) {
    volatile double a = sorted[i] * 1.5;
    REQUIRE(same_bits(r.sorted_affine[i], a + 0.25));
  }
  // 7: the sorted z got a mirror again at 6; freeing the arrays released every one
  REQUIRE(d(6, &hxrt_cl_stats::mirrors) == 2);
  REQUIRE(r.st[7].mirrors == 0);
  REQUIRE(r.st[7].mirror_bytes == 0);
  // 8: the caller's own array was uploaded, not mirrored (it is not the call's)
  REQUIRE(d(8, &hxrt_cl_stats::uploads) == 1);
  REQUIRE(d(8, &hxrt_cl_stats::mirrors) == 1);  // only the result, which is the call's
  REQUIRE(r.st.back().mirrors == 1);
  // hxrt_invoke read the result it hands back from the device before returning
  REQUIRE(cl_stats().stale_reads - r.st.back().stale_reads == 1);
  for (size_t i = 0; i < r.x.size(); i++) {
    volatile double a = r.x[i] * 1.5;
    REQUIRE(same_bits(static_cast<const double*>(hx_array_cdata(r.kept))[i], a + 0.25));
  }
  hx_array_free(c, caller_input);
  // Back with the caller, the result may be written through hx_array_data: a
  // launch that reads it uploads it (its mirror is dropped), and so sees the change.
  hx_array* back = r.kept;
  static_cast<double*>(hx_array_data(back))[0] = 1000.0;
  hx_array* out = hx_array_new(c, HX_KIND_F64, hx_array_len(back));
  {
    Args a;
    a.list(back);
    hxrt_cl_stats s0 = cl_stats();
    REQUIRE(run_store(s, a, hx_array_len(back), out) == HXRT_CL_OK);
    hxrt_cl_stats s1 = cl_stats();
    REQUIRE(s1.uploads - s0.uploads == 1);
    REQUIRE(s1.mirrors - s0.mirrors == -1);
    REQUIRE(static_cast<const double*>(hx_array_cdata(out))[0] == 1000.0 * 1.5 + 0.25);
  }
  hx_array_free(c, back);
  hx_array_free(c, out);
  REQUIRE(cl_stats().mirrors == 0);
  REQUIRE(cl_stats().mirror_bytes == 0);

  SECTION("a call that raises frees its arrays and their mirrors") {
    MirrorRun q;
    q.src = r.src;
    q.name = r.name;
    q.x = r.x;
    void* qa[] = {&q};
    REQUIRE(hxrt_invoke(c, raising_body, qa, nullptr) == HX_ERR_ARGUMENT);
    REQUIRE(q.st.back().mirrors == 3);  // x and the two results, then all freed by the trap
    REQUIRE(cl_stats().mirrors == 0);
  }
  hx_context_free(c);
}

namespace {

struct GemmRun {
  std::vector<float> a, b;
  std::vector<int> rc;
  std::vector<hxrt_cl_stats> st;
  std::vector<float> c, d;
};

void gemm_body(hx_context* c, void** args, void*) {
  GemmRun& r = *static_cast<GemmRun*>(args[0]);
  const int64_t m = 37, k = 29, n = 41;
  hx_array* a = hxrt_alloc(c, HX_KIND_F32, m * k);
  hx_array* b = hxrt_alloc(c, HX_KIND_F32, k * n);
  std::memcpy(hx_array_data(a), r.a.data(), r.a.size() * 4);
  std::memcpy(hx_array_data(b), r.b.data(), r.b.size() * 4);
  r.st.push_back(cl_stats());
  hx_array* ab = hxrt_alloc(c, HX_KIND_F32, m * n);
  r.rc.push_back(hxrt_cl_gemm(c, nullptr, HX_KIND_F32, m, n, k, hx_array_cdata(a), hx_array_cdata(b), hx_array_data(ab)));
  r.st.push_back(cl_stats());  // a and b up, ab kept on the device
  hx_array* t = hxrt_alloc(c, HX_KIND_F32, n * m);  // (a b)^T by hand, on the host: a fresh array
  for (int64_t i = 0; i < m; i++)
    for (int64_t j = 0; j < n; j++)
      static_cast<float*>(hx_array_data(t))[j * m + i] = static_cast<const float*>(hx_array_cdata(ab))[i * n + j];
  hx_array* abt = hxrt_alloc(c, HX_KIND_F32, m * m);
  r.rc.push_back(hxrt_cl_gemm(c, nullptr, HX_KIND_F32, m, m, n, hx_array_cdata(ab), hx_array_cdata(t), hx_array_data(abt)));
  r.st.push_back(cl_stats());  // ab found on the device, t up
  r.c.assign((const float*)hx_array_cdata(ab), (const float*)hx_array_cdata(ab) + m * n);
  r.d.assign((const float*)hx_array_cdata(abt), (const float*)hx_array_cdata(abt) + m * m);
  for (hx_array* x : {a, b, ab, t, abt}) hxrt_release(c, x);
  r.st.push_back(cl_stats());
}

}  // namespace

TEST_CASE("device mirrors: a GEMM's operands and product stay on the device for the next launch") {
  GemmRun r;
  std::vector<double> ra = doubles(37 * 29, 5), rb = doubles(29 * 41, 6);
  for (double v : ra) r.a.push_back(float(v - 0.5));
  for (double v : rb) r.b.push_back(float(v - 0.5));
  hxrt_cl_drop_mirrors();
  hx_context* c = hx_context_new();
  void* args[] = {&r};
  REQUIRE(hxrt_invoke(c, gemm_body, args, nullptr) == HX_OK);
  hx_context_free(c);
  for (int rc : r.rc) REQUIRE(rc == HXRT_CL_OK);
  REQUIRE(r.st[1].uploads - r.st[0].uploads == 2);
  REQUIRE(r.st[1].mirrors - r.st[0].mirrors == 3);
  REQUIRE(r.st[2].uploads - r.st[1].uploads == 1);
  REQUIRE(r.st[2].mirror_hits - r.st[1].mirror_hits == 1);
  REQUIRE(r.st[3].mirrors == 0);
  std::vector<float> want = cpu_gemm<float>(37, 41, 29, r.a, r.b);
  for (size_t q = 0; q < want.size(); q++) REQUIRE(std::fabs(r.c[q] - want[q]) <= 1e-5 * std::sqrt(29.0));
  std::vector<float> t(size_t(41 * 37));
  for (int64_t i = 0; i < 37; i++)
    for (int64_t j = 0; j < 41; j++) t[size_t(j * 37 + i)] = r.c[size_t(i * 41 + j)];
  std::vector<float> want2 = cpu_gemm<float>(37, 37, 41, r.c, t);
  for (size_t q = 0; q < want2.size(); q++) REQUIRE(std::fabs(r.d[q] - want2[q]) <= 1e-5 * std::sqrt(41.0));
}

namespace {

struct CapRun {
  std::vector<float> a, b, c;
  int rc = -1;
  hxrt_cl_stats before{}, after{};
};

void cap_body(hx_context* ctx, void** args, void*) {
  CapRun& r = *static_cast<CapRun*>(args[0]);
  const int64_t m = 512, k = 256, n = 512;  // A and B 512 KiB each, C 1 MiB
  hx_array* a = hxrt_alloc(ctx, HX_KIND_F32, m * k);
  hx_array* b = hxrt_alloc(ctx, HX_KIND_F32, k * n);
  std::memcpy(hx_array_data(a), r.a.data(), r.a.size() * 4);
  std::memcpy(hx_array_data(b), r.b.data(), r.b.size() * 4);
  hx_array* c = hxrt_alloc(ctx, HX_KIND_F32, m * n);
  r.before = cl_stats();
  r.rc = hxrt_cl_gemm(ctx, nullptr, HX_KIND_F32, m, n, k, hx_array_cdata(a), hx_array_cdata(b), hx_array_data(c));
  r.after = cl_stats();
  r.c.assign((const float*)hx_array_cdata(c), (const float*)hx_array_cdata(c) + m * n);
  for (hx_array* x : {a, b, c}) hxrt_release(ctx, x);
}

}  // namespace

TEST_CASE("device mirrors: HX_CL_MIRROR_MB caps them, never evicting what the launch uses") {
  CapRun r;
  std::vector<double> ra = doubles(512 * 256, 21), rb = doubles(256 * 512, 22);
  for (double v : ra) r.a.push_back(float(v - 0.5));
  for (double v : rb) r.b.push_back(float(v - 0.5));
  hxrt_cl_drop_mirrors();
  Env cap("HX_CL_MIRROR_MB", "1");
  hx_context* c = hx_context_new();
  void* args[] = {&r};
  REQUIRE(hxrt_invoke(c, cap_body, args, nullptr) == HX_OK);
  hx_context_free(c);
  REQUIRE(r.rc == HXRT_CL_OK);
  // A and B fill the MiB; C would need them evicted while the GEMM reads them: it gets none.
  REQUIRE(r.after.uploads - r.before.uploads == 2);
  REQUIRE(r.after.mirrors - r.before.mirrors == 2);
  REQUIRE(r.after.mirror_bytes <= (int64_t(1) << 20));
  std::vector<float> want = cpu_gemm<float>(512, 512, 256, r.a, r.b);
  for (size_t q = 0; q < want.size(); q += 7) REQUIRE(std::fabs(r.c[q] - want[q]) <= 1e-5 * 16);
  REQUIRE(cl_stats().mirrors == 0);
}

// ---- Enum.sort on the device (hxrt_cl_sort) -----------------------------------------

namespace {

/// v sorted on the device and by hxrt_sort: the same bytes, so the same
/// order of 0.0 and -0.0 too. Returns the device's result.
template <class T>
std::vector<T> check_sort(int kind, const std::vector<T>& v, int desc, const std::string& what) {
  INFO(what << ", n = " << v.size() << (desc ? ", desc" : ", asc"));
  hx_context* c = hx_context_new();
  hx_array* dev = hx_array_new(c, kind, int64_t(v.size()));
  hx_array* cpu = hx_array_new(c, kind, int64_t(v.size()));
  if (!v.empty()) {
    std::memcpy(hx_array_data(dev), v.data(), v.size() * sizeof(T));
    std::memcpy(hx_array_data(cpu), v.data(), v.size() * sizeof(T));
  }
  int rc = hxrt_cl_sort(c, nullptr, dev, desc);
  hxrt_sort(c, cpu, desc);
  std::vector<T> got(v.size()), want(v.size());
  if (!v.empty()) {
    std::memcpy(got.data(), hx_array_cdata(dev), v.size() * sizeof(T));
    std::memcpy(want.data(), hx_array_cdata(cpu), v.size() * sizeof(T));
  }
  hx_array_free(c, dev);
  hx_array_free(c, cpu);
  hx_context_free(c);
  REQUIRE(rc == HXRT_CL_OK);
  size_t bad = 0;
  while (bad < v.size() && std::memcmp(&got[bad], &want[bad], sizeof(T)) == 0) bad++;
  INFO("first difference at " << bad);
  REQUIRE(bad == v.size());
  return got;
}

/// Random, sorted, reversed and all-equal lists of every size of interest,
/// both ways. gen(rng) makes one element.
template <class T, class Gen>
void check_sorts(int kind, Gen gen, const char* name, const std::vector<size_t>& sizes) {
  std::mt19937_64 rng(std::hash<std::string>{}(name));
  for (size_t n : sizes) {
    std::vector<T> v(n);
    for (T& x : v) x = gen(rng);
    for (int desc : {0, 1}) {
      std::vector<T> s = check_sort<T>(kind, v, desc, std::string(name) + " random");
      check_sort<T>(kind, s, desc, std::string(name) + " already sorted");
      std::reverse(s.begin(), s.end());
      check_sort<T>(kind, s, desc, std::string(name) + " reversed");
    }
    if (n > 0) check_sort<T>(kind, std::vector<T>(n, v[0]), 0, std::string(name) + " all equal");
  }
}

const std::vector<size_t> sort_sizes = {0, 1, 2, 255, 256, 257, 4097, 100003};

template <class F>
F special_float(std::mt19937_64& rng) {
  using L = std::numeric_limits<F>;
  switch (rng() % 16) {
  case 0: return F(0.0);
  case 1: return -F(0.0);
  case 2: return L::infinity();
  case 3: return -L::infinity();
  case 4: return L::denorm_min() * F(rng() % 1000);
  case 5: return -L::denorm_min() * F(rng() % 1000);
  case 6: return L::max();
  case 7: return L::lowest();
  case 8: return L::min();
  case 9: return F(int64_t(rng() % 7) - 3);  // repeats
  default: {
    F m = F(double(rng() >> 11) * 0x1.0p-53 - 0.5);
    return std::ldexp(m, int(rng() % 200) - 100);
  }
  }
}

}  // namespace

TEST_CASE("sort on the device: integers, floats, i32, f32 and booleans as hxrt_sort sorts them") {
  check_sorts<int64_t>(
      HX_KIND_I64,
      [](std::mt19937_64& r) -> int64_t {
        switch (r() % 8) {
        case 0: return std::numeric_limits<int64_t>::min();
        case 1: return std::numeric_limits<int64_t>::max();
        case 2: return int64_t(r() % 9) - 4;
        default: return int64_t(r());
        }
      },
      "i64", sort_sizes);
  check_sorts<int64_t>(HX_KIND_I64, [](std::mt19937_64& r) { return int64_t(r() % 1000); }, "i64 0..999", {100003});
  check_sorts<double>(HX_KIND_F64, special_float<double>, "f64", sort_sizes);
  check_sorts<int32_t>(
      HX_KIND_I32,
      [](std::mt19937_64& r) -> int32_t {
        switch (r() % 8) {
        case 0: return std::numeric_limits<int32_t>::min();
        case 1: return std::numeric_limits<int32_t>::max();
        default: return int32_t(uint32_t(r()));
        }
      },
      "i32", sort_sizes);
  check_sorts<float>(HX_KIND_F32, special_float<float>, "f32", sort_sizes);
  check_sorts<uint8_t>(HX_KIND_BOOL, [](std::mt19937_64& r) { return uint8_t(r() & 1); }, "bool", sort_sizes);
}

TEST_CASE("sort on the device is stable: 0.0 and -0.0 keep their order, both ways") {
  std::vector<double> z;
  for (int i = 0; i < 3000; i++) z.push_back(i % 3 == 0 ? -0.0 : i % 3 == 1 ? 0.0 : (i % 2 ? 1.0 : -1.0));
  for (int desc : {0, 1}) {
    std::vector<double> s = check_sort<double>(HX_KIND_F64, z, desc, "signed zeros");
    std::vector<int> signs;  // the zeros' signs in the result: the input's, in order
    for (double x : s)
      if (x == 0.0) signs.push_back(std::signbit(x));
    std::vector<int> want;
    for (double x : z)
      if (x == 0.0) want.push_back(std::signbit(x));
    REQUIRE(signs == want);
  }
  {  // the kernels move bits, never compute with doubles: no fp64 needed
    Env no64("HX_CL_NO_FP64", "1");
    check_sort<double>(HX_KIND_F64, z, 1, "signed zeros, a device without fp64");
  }
  std::vector<float> f = {0.0f, -0.0f, 1.0f, -0.0f, 0.0f, -1.0f};
  std::vector<float> s = check_sort<float>(HX_KIND_F32, f, 0, "f32 signed zeros");
  REQUIRE(std::signbit(s[1]) == false);
  REQUIRE(std::signbit(s[2]) == true);
  REQUIRE(std::signbit(s[3]) == true);
  REQUIRE(std::signbit(s[4]) == false);
}

TEST_CASE("sort on the device: small work-groups, many tiles per group, long runs of one digit") {
  Env wg("HX_CL_WG", "16");
  for (const char* groups : {"1", "3"}) {
    Env gs("HX_CL_GROUPS", groups);
    check_sorts<int64_t>(HX_KIND_I64, [](std::mt19937_64& r) { return int64_t(r()); }, "i64 wg 16", {4097, 100003});
    check_sorts<double>(HX_KIND_F64, special_float<double>, "f64 wg 16", {4097});
  }
  // One group of 16 work-items, each counting more than 65535 elements of one digit.
  Env gs("HX_CL_GROUPS", "1");
  std::mt19937_64 rng(7);
  std::vector<int32_t> v(16 * 80000);
  for (int32_t& x : v) x = int32_t(rng() % 8 == 0 ? rng() % 16 : 5);  // ~70600 fives per work-item
  check_sort<int32_t>(HX_KIND_I32, v, 0, "i32, 16 x 80000 in one group");
}

TEST_CASE("sort on the device: NaN, tuples and HX_CL_MIN_N go to the CPU; tiny lists are done") {
  hx_context* c = hx_context_new();
  std::vector<double> v = {3.0, NAN, 1.0, 2.0};
  hx_array* a = hx_array_from_f64(c, v.data(), int64_t(v.size()));
  REQUIRE(hxrt_cl_sort(c, nullptr, a, 0) == HXRT_CL_UNAVAILABLE);
  REQUIRE(std::memcmp(hx_array_cdata(a), v.data(), v.size() * 8) == 0);  // untouched
  hx_array_free(c, a);
  std::vector<float> fv = {3.0f, -NAN, 1.0f};
  hx_array* fa = hx_array_new(c, HX_KIND_F32, 3);
  std::memcpy(hx_array_data(fa), fv.data(), 12);
  REQUIRE(hxrt_cl_sort(c, nullptr, fa, 1) == HXRT_CL_UNAVAILABLE);
  hx_array_free(c, fa);
  std::vector<int64_t> iv = {5, 4, 3, 2, 1};
  hx_array* ia = hx_array_from_i64(c, iv.data(), 5);
  {
    Env min_n("HX_CL_MIN_N", "6");
    REQUIRE(hxrt_cl_sort(c, nullptr, ia, 0) == HXRT_CL_UNAVAILABLE);
    REQUIRE(static_cast<const int64_t*>(hx_array_cdata(ia))[0] == 5);
  }
  REQUIRE(hxrt_cl_sort(c, nullptr, ia, 0) == HXRT_CL_OK);
  REQUIRE(static_cast<const int64_t*>(hx_array_cdata(ia))[0] == 1);
  hx_array_free(c, ia);
  hx_array* one = hx_array_from_i64(c, iv.data(), 1);
  REQUIRE(hxrt_cl_sort(c, nullptr, one, 0) == HXRT_CL_OK);
  hx_array_free(c, one);
  hx_context_free(c);
}

namespace {

void sort_mirror_body(hx_context* c, void** args, void*) {
  MirrorRun& r = *static_cast<MirrorRun*>(args[0]);
  int64_t n = int64_t(r.x.size());
  hx_array* x = hxrt_alloc(c, HX_KIND_F64, n);
  std::memcpy(hx_array_data(x), r.x.data(), size_t(n) * 8);
  hx_array* y = affine(c, r, x);  // st[0]: y is a kernel's result: on the device
  r.twice.assign((const double*)hx_array_cdata(y), (const double*)hx_array_cdata(y) + n);
  r.rc.push_back(hxrt_cl_sort(c, nullptr, y, 1));
  r.st.push_back(cl_stats());     // st[1]: sorted from its mirror, the result its mirror
  hx_array* z = affine(c, r, y);  // st[2]: the sorted y found on the device
  r.sorted_affine.assign((const double*)hx_array_cdata(z), (const double*)hx_array_cdata(z) + n);
  for (hx_array* a : {x, y, z}) hxrt_release(c, a);
  r.st.push_back(cl_stats());     // st[3]
}

}  // namespace

TEST_CASE("device mirrors: a sort reads its list from the device and leaves the sorted list there") {
  MirrorRun r = affine_run(affine_spec(), 5000, 12);
  hxrt_cl_drop_mirrors();
  hx_context* c = hx_context_new();
  void* args[] = {&r};
  REQUIRE(hxrt_invoke(c, sort_mirror_body, args, nullptr) == HX_OK);
  hx_context_free(c);
  for (int rc : r.rc) REQUIRE(rc == HXRT_CL_OK);
  auto d = [&](int i, int64_t hxrt_cl_stats::*f) { return r.st[size_t(i)].*f - r.st[size_t(i - 1)].*f; };
  REQUIRE(d(1, &hxrt_cl_stats::uploads) == 0);
  REQUIRE(d(1, &hxrt_cl_stats::mirror_hits) == 1);
  REQUIRE(d(1, &hxrt_cl_stats::mirrors) == 0);  // the old mirror dropped, the sorted one kept
  REQUIRE(d(1, &hxrt_cl_stats::downloads) == 1);
  REQUIRE(d(2, &hxrt_cl_stats::uploads) == 0);
  REQUIRE(d(2, &hxrt_cl_stats::mirror_hits) == 1);
  REQUIRE(r.st[3].mirrors == 0);
  std::vector<double> sorted = r.twice;
  std::stable_sort(sorted.begin(), sorted.end(), [](double a, double b) { return a > b; });
  for (size_t i = 0; i < sorted.size(); i++) {
    volatile double a = sorted[i] * 1.5;
    REQUIRE(same_bits(r.sorted_affine[i], a + 0.25));
  }
}
