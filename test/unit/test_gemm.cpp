/// \file test_gemm.cpp
/// Unit tests of libhxrt's matrix product (hxrt_gemm.h): every transposition,
/// odd and non-square sizes, leading dimensions wider than the rows, every
/// kernel family this CPU runs, exact wrapping integer products, the
/// argument checks, and bitwise independence from the thread count.
///
/// Float tolerance: the classic bound for a dot product of length k summed
/// in any order with FMA or separate rounding is |c - ref| <= gamma_k *
/// sum_p |a_ip * b_pj| with gamma_k ~ k * u (u = 2^-24 for f32, 2^-53 for
/// f64). We allow 2 * k * u * sum|a*b| against a reference summed in double
/// (f32) or long double (f64). Integers must match exactly.
#include <catch2/catch.hpp>

#include "hxrt.h"
#include "hxrt_gemm.h"

#include <omp.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace {

/// A row-major matrix with a leading dimension wider than its rows; the
/// padding holds a sentinel so a test can see that nothing wrote there.
template <class T>
struct Mat {
  int64_t rows, cols, ld;
  std::vector<T> v;
  Mat(int64_t r, int64_t c, int64_t pad, T fill) : rows(r), cols(c), ld(c + pad), v((size_t)(r * (c + pad)) + 1, fill) {}
  T& at(int64_t i, int64_t j) { return v[(size_t)(i * ld + j)]; }
  T at(int64_t i, int64_t j) const { return v[(size_t)(i * ld + j)]; }
  T* data() { return v.data(); }
};

template <class T>
T sentinel() {
  if constexpr (std::is_floating_point<T>::value)
    return std::numeric_limits<T>::quiet_NaN();
  else
    return (T)0x5A5A5A5A;
}

template <class T>
bool same_bits(T a, T b) {
  return std::memcmp(&a, &b, sizeof(T)) == 0;
}

int gemm(int64_t m, int64_t n, int64_t k, const float* a, int64_t lda, int ta, const float* b, int64_t ldb, int tb,
         float* c, int64_t ldc) {
  return hxrt_gemm_f32(m, n, k, a, lda, ta, b, ldb, tb, c, ldc);
}
int gemm(int64_t m, int64_t n, int64_t k, const double* a, int64_t lda, int ta, const double* b, int64_t ldb, int tb,
         double* c, int64_t ldc) {
  return hxrt_gemm_f64(m, n, k, a, lda, ta, b, ldb, tb, c, ldc);
}
int gemm(int64_t m, int64_t n, int64_t k, const int64_t* a, int64_t lda, int ta, const int64_t* b, int64_t ldb, int tb,
         int64_t* c, int64_t ldc) {
  return hxrt_gemm_s64(m, n, k, a, lda, ta, b, ldb, tb, c, ldc);
}
int gemm(int64_t m, int64_t n, int64_t k, const int32_t* a, int64_t lda, int ta, const int32_t* b, int64_t ldb, int tb,
         int32_t* c, int64_t ldc) {
  return hxrt_gemm_s32(m, n, k, a, lda, ta, b, ldb, tb, c, ldc);
}

template <class T>
T random_value(std::mt19937_64& rng) {
  if constexpr (std::is_floating_point<T>::value)
    return (T)std::uniform_real_distribution<double>(-1.0, 1.0)(rng);
  else
    return (T)rng(); /* full range: products and sums wrap */
}

/// op(A) is m x k and op(B) is k x n; A and B are stored transposed when asked.
template <class T>
struct Problem {
  int64_t m, n, k;
  int ta, tb;
  Mat<T> a, b, c;
  Problem(int64_t m_, int64_t n_, int64_t k_, int ta_, int tb_, int64_t pad, uint64_t seed)
      : m(m_), n(n_), k(k_), ta(ta_), tb(tb_), a(ta_ ? k_ : m_, ta_ ? m_ : k_, pad, sentinel<T>()),
        b(tb_ ? n_ : k_, tb_ ? k_ : n_, pad, sentinel<T>()), c(m_, n_, pad, sentinel<T>()) {
    std::mt19937_64 rng(seed);
    for (int64_t i = 0; i < a.rows; i++)
      for (int64_t j = 0; j < a.cols; j++) a.at(i, j) = random_value<T>(rng);
    for (int64_t i = 0; i < b.rows; i++)
      for (int64_t j = 0; j < b.cols; j++) b.at(i, j) = random_value<T>(rng);
  }
  T opa(int64_t i, int64_t p) const { return ta ? a.at(p, i) : a.at(i, p); }
  T opb(int64_t p, int64_t j) const { return tb ? b.at(j, p) : b.at(p, j); }
  int run() { return gemm(m, n, k, a.data(), a.ld, ta, b.data(), b.ld, tb, c.data(), c.ld); }
};

/// Checks C against the reference and that C's row padding is untouched.
template <class T>
void check(const Problem<T>& pr) {
  const T sent = sentinel<T>();
  int64_t bad = 0;
  for (int64_t i = 0; i < pr.m; i++) {
    for (int64_t j = 0; j < pr.n; j++) {
      T got = pr.c.at(i, j);
      bool ok;
      if constexpr (std::is_floating_point<T>::value) {
        long double ref = 0, mag = 0;
        for (int64_t p = 0; p < pr.k; p++) {
          long double x = (long double)pr.opa(i, p) * (long double)pr.opb(p, j);
          ref += x;
          mag += std::fabs(x);
        }
        const long double u = std::numeric_limits<T>::epsilon() / 2;
        long double tol = 2 * (long double)pr.k * u * mag + std::numeric_limits<T>::denorm_min();
        ok = std::fabs((long double)got - ref) <= tol;
        if (!ok && bad < 5)
          UNSCOPED_INFO("C[" << i << "][" << j << "] = " << (double)got << ", reference " << (double)ref << " +- "
                             << (double)tol);
      } else {
        using U = typename std::make_unsigned<T>::type;
        U ref = 0;
        for (int64_t p = 0; p < pr.k; p++) ref += (U)pr.opa(i, p) * (U)pr.opb(p, j);
        ok = (U)got == ref;
        if (!ok && bad < 5) UNSCOPED_INFO("C[" << i << "][" << j << "] = " << got << ", reference " << (T)ref);
      }
      bad += !ok;
    }
    for (int64_t j = pr.n; j < pr.c.ld; j++)
      if (!same_bits(pr.c.at(i, j), sent)) {
        if (bad < 5) UNSCOPED_INFO("padding C[" << i << "][" << j << "] was written");
        bad++;
      }
  }
  CHECK(bad == 0);
}

const int64_t kSizes[] = {1, 7, 17, 63, 65, 129};

struct Shape {
  int64_t m, n, k;
};
/// Non-square shapes: edges in every direction, K over one slice (384),
/// more rows than one block, N over one 4096-wide panel.
const Shape kShapes[] = {{1, 129, 7},   {129, 1, 65},  {3, 5, 1000},   {65, 33, 400},
                         {200, 17, 3},  {13, 70, 1},   {31, 4101, 5},  {100, 90, 800}};

template <class T>
void all_shapes(const char* what) {
  uint64_t seed = 1;
  for (int ta = 0; ta < 2; ta++)
    for (int tb = 0; tb < 2; tb++) {
      for (int64_t s : kSizes) {
        for (int64_t pad : {0, 5}) {
          INFO(what << " n=m=k=" << s << " trans_a=" << ta << " trans_b=" << tb << " ld pad " << pad);
          Problem<T> pr(s, s, s, ta, tb, pad, seed++);
          REQUIRE(pr.run() == HX_OK);
          check(pr);
        }
      }
      for (const Shape& sh : kShapes) {
        INFO(what << " m=" << sh.m << " n=" << sh.n << " k=" << sh.k << " trans_a=" << ta << " trans_b=" << tb);
        Problem<T> pr(sh.m, sh.n, sh.k, ta, tb, 3, seed++);
        REQUIRE(pr.run() == HX_OK);
        check(pr);
      }
    }
}

/// Runs `body` once per kernel family this CPU runs, then restores the one
/// that was in use.
template <class F>
void each_isa(F body) {
  const std::string before = hxrt_gemm_isa();
  int ran = 0;
  for (const char* isa : {"generic", "avx2", "avx512"}) {
    if (hxrt_gemm_set_isa(isa) != 0) {
      WARN("kernel family " << isa << " is not supported by this CPU: not tested here");
      continue;
    }
    REQUIRE(std::string(hxrt_gemm_isa()) == isa);
    INFO("kernel family " << isa);
    body(isa);
    ran++;
  }
  REQUIRE(hxrt_gemm_set_isa(before.c_str()) == 0);
  REQUIRE(ran >= 1);
}

/// Bitwise comparison of one product run with 1 and with 2 threads.
template <class T>
void thread_independent(int64_t m, int64_t n, int64_t k, int ta, int tb) {
  INFO("m=" << m << " n=" << n << " k=" << k << " trans_a=" << ta << " trans_b=" << tb);
  Problem<T> p1(m, n, k, ta, tb, 1, 42), p2(m, n, k, ta, tb, 1, 42);
  omp_set_num_threads(1);
  REQUIRE(p1.run() == HX_OK);
  omp_set_num_threads(2);
  REQUIRE(p2.run() == HX_OK);
  CHECK(std::memcmp(p1.c.data(), p2.c.data(), sizeof(T) * p1.c.v.size()) == 0);
}

}  // namespace

TEST_CASE("gemm f32: transpositions, odd sizes, wide leading dimensions, every kernel family", "[gemm]") {
  each_isa([](const char*) { all_shapes<float>("f32"); });
}

TEST_CASE("gemm f64: transpositions, odd sizes, wide leading dimensions, every kernel family", "[gemm]") {
  each_isa([](const char*) { all_shapes<double>("f64"); });
}

TEST_CASE("gemm s64 and s32 are exact and wrap like two's complement", "[gemm]") {
  each_isa([](const char*) {
    all_shapes<int64_t>("s64");
    all_shapes<int32_t>("s32");
  });
  // A known wrap: (2^62) * 4 + 1 * 1 == 1 in 64 bits; INT32_MAX * 2 == -2 in 32 bits.
  int64_t a64[2] = {INT64_C(1) << 62, 1}, b64[2] = {4, 1}, c64 = 7;
  REQUIRE(hxrt_gemm_s64(1, 1, 2, a64, 2, 0, b64, 1, 0, &c64, 1) == HX_OK);
  CHECK(c64 == 1);
  int32_t a32 = INT32_MAX, b32 = 2, c32 = 7;
  REQUIRE(hxrt_gemm_s32(1, 1, 1, &a32, 1, 0, &b32, 1, 0, &c32, 1) == HX_OK);
  CHECK(c32 == -2);
}

TEST_CASE("gemm result is bitwise the same on 1 and 2 threads", "[gemm][threads]") {
  if (std::getenv("HX_NUM_THREADS"))
    WARN("HX_NUM_THREADS is set: it overrides omp_set_num_threads, so both runs use the same thread count");
  const int before = omp_get_max_threads();
  each_isa([](const char*) {
    // Square (row blocks split), short and wide (N split), several K slices
    // and N panels; each is above the size that stays on one thread.
    thread_independent<float>(300, 301, 777, 0, 0);
    thread_independent<float>(5, 4200, 500, 1, 0);
    thread_independent<float>(601, 40, 450, 0, 1);
    thread_independent<double>(300, 301, 777, 1, 1);
    thread_independent<double>(7, 2000, 1000, 0, 0);
    thread_independent<int64_t>(150, 170, 300, 0, 1);
    thread_independent<int32_t>(9, 3000, 200, 1, 0);
    // k <= KC: the direct path, split by rows and by columns
    thread_independent<float>(1437, 128, 64, 0, 0);
    thread_independent<float>(3000, 10, 128, 1, 0);
    thread_independent<float>(5, 4200, 200, 0, 0);
    thread_independent<double>(700, 60, 100, 1, 1);
  });
  omp_set_num_threads(before);
}

/// The direct path (k <= KC: A and B read in place) against the packed one:
/// the same accumulation, so the same bits, for every family, transposition,
/// edge (rows and columns short of a tile) and leading dimension.
template <class T>
void direct_matches_packed() {
  const Shape shapes[] = {{32, 128, 64}, {32, 10, 128}, {32, 128, 10}, {64, 128, 32}, {128, 10, 32},
                          {1, 1, 1},     {13, 33, 7},   {25, 17, 256}, {12, 32, 5},   {7, 100, 300}};
  uint64_t seed = 99;
  for (const Shape& sh : shapes)
    for (int ta = 0; ta < 2; ta++)
      for (int tb = 0; tb < 2; tb++)
        for (int64_t pad : {0, 3}) {
          INFO("m=" << sh.m << " n=" << sh.n << " k=" << sh.k << " trans_a=" << ta << " trans_b=" << tb << " pad "
                    << pad);
          Problem<T> direct(sh.m, sh.n, sh.k, ta, tb, pad, seed), packed(sh.m, sh.n, sh.k, ta, tb, pad, seed);
          seed++;
          hxrt_gemm_set_direct(1);
          REQUIRE(direct.run() == HX_OK);
          hxrt_gemm_set_direct(0);
          REQUIRE(packed.run() == HX_OK);
          hxrt_gemm_set_direct(1);
          check(direct);
          CHECK(std::memcmp(direct.c.data(), packed.c.data(), sizeof(T) * direct.c.v.size()) == 0);
        }
}

TEST_CASE("gemm direct path (small k) gives the packed path's bits", "[gemm]") {
  const int before = hxrt_gemm_set_direct(1);
  each_isa([](const char*) {
    direct_matches_packed<float>();
    direct_matches_packed<double>();
  });
  // and the packed path alone still passes the whole shape sweep
  hxrt_gemm_set_direct(0);
  each_isa([](const char*) { all_shapes<float>("f32 packed"); });
  hxrt_gemm_set_direct(before);
}

TEST_CASE("gemm never reads C: NaN in C before the call is overwritten", "[gemm]") {
  // Problem fills C with NaN; k == 0 must give zeros, not NaN * 0.
  Problem<float> pr(4, 5, 0, 0, 0, 2, 7);
  REQUIRE(pr.run() == HX_OK);
  for (int64_t i = 0; i < 4; i++)
    for (int64_t j = 0; j < 5; j++) CHECK(same_bits(pr.c.at(i, j), 0.0f));
  Problem<double> pd(3, 3, 0, 1, 1, 0, 7);
  REQUIRE(pd.run() == HX_OK);
  for (int64_t i = 0; i < 3; i++)
    for (int64_t j = 0; j < 3; j++) CHECK(pd.c.at(i, j) == 0.0);
}

TEST_CASE("gemm propagates NaN and infinity only where IEEE arithmetic puts them", "[gemm]") {
  // A NaN in row 2 of A poisons row 2 of C and nothing else: padded lanes of
  // the packed tiles must not leak into real elements.
  each_isa([](const char*) {
    Problem<float> pr(13, 35, 20, 0, 0, 1, 3);
    pr.a.at(2, 7) = std::numeric_limits<float>::quiet_NaN();
    pr.b.at(4, 33) = std::numeric_limits<float>::infinity();
    REQUIRE(pr.run() == HX_OK);
    for (int64_t i = 0; i < 13; i++)
      for (int64_t j = 0; j < 35; j++) {
        INFO("C[" << i << "][" << j << "] = " << pr.c.at(i, j));
        if (i == 2)
          CHECK(std::isnan(pr.c.at(i, j)));
        else if (j == 33)
          CHECK(std::isinf(pr.c.at(i, j)));  // +-inf from the one infinite b, the rest finite
        else
          CHECK(std::isfinite(pr.c.at(i, j)));
      }
  });
}

TEST_CASE("gemm rejects bad arguments and leaves C untouched", "[gemm]") {
  float a[16] = {1}, b[16] = {1}, c[16];
  auto reset = [&] {
    for (float& x : c) x = -3.0f;
  };
  auto untouched = [&] {
    for (float x : c)
      if (x != -3.0f) return false;
    return true;
  };
  reset();
  CHECK(hxrt_gemm_f32(-1, 2, 2, a, 2, 0, b, 2, 0, c, 2) == HX_ERR_ARGUMENT);
  CHECK(hxrt_gemm_f32(2, 2, -2, a, 2, 0, b, 2, 0, c, 2) == HX_ERR_ARGUMENT);
  CHECK(hxrt_gemm_f32(2, 3, 2, a, 2, 0, b, 3, 0, c, 2) == HX_ERR_ARGUMENT);  // ldc < n
  CHECK(hxrt_gemm_f32(2, 2, 3, a, 2, 0, b, 2, 0, c, 2) == HX_ERR_ARGUMENT);  // lda < k
  CHECK(hxrt_gemm_f32(3, 2, 2, a, 2, 1, b, 2, 0, c, 2) == HX_ERR_ARGUMENT);  // lda < m (A transposed)
  CHECK(hxrt_gemm_f32(2, 2, 3, a, 3, 0, b, 2, 1, c, 2) == HX_ERR_ARGUMENT);  // ldb < k (B transposed)
  CHECK(hxrt_gemm_f32(2, 2, 2, nullptr, 2, 0, b, 2, 0, c, 2) == HX_ERR_ARGUMENT);
  CHECK(hxrt_gemm_f64(2, 2, 2, nullptr, 2, 0, nullptr, 2, 0, nullptr, 2) == HX_ERR_ARGUMENT);
  int64_t i64[4] = {0};
  CHECK(hxrt_gemm_s64(2, 2, 2, i64, 1, 0, i64, 2, 0, i64, 2) == HX_ERR_ARGUMENT);
  int32_t i32[4] = {0};
  CHECK(hxrt_gemm_s32(2, 2, 2, i32, 2, 0, i32, 2, 0, nullptr, 2) == HX_ERR_ARGUMENT);
  CHECK(untouched());
  // Empty products are fine and write nothing.
  CHECK(hxrt_gemm_f32(0, 2, 2, nullptr, 2, 0, b, 2, 0, c, 2) == HX_OK);
  CHECK(hxrt_gemm_f32(2, 0, 2, a, 2, 0, nullptr, 0, 0, c, 0) == HX_OK);
  CHECK(untouched());
}

TEST_CASE("gemm kernel family selection", "[gemm]") {
  const std::string isa = hxrt_gemm_isa();
  CHECK((isa == "avx512" || isa == "avx2" || isa == "generic"));
  CHECK(hxrt_gemm_set_isa("sse9") == -1);
  CHECK(hxrt_gemm_set_isa(nullptr) == -1);
  CHECK(std::string(hxrt_gemm_isa()) == isa);
  CHECK(hxrt_gemm_set_isa("generic") == 0);  // every CPU runs the portable kernels
  CHECK(hxrt_gemm_set_isa(isa.c_str()) == 0);
}
