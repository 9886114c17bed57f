/// \file test_runtime.cpp
/// Unit tests of libhxrt: arrays, the invoke/raise error trap (and that a
/// raise frees what the failed call allocated), and the printer, whose
/// expected strings were produced by real Elixir 1.14 with
/// IO.inspect(v, limit: :infinity, width: :infinity).
#include <catch2/catch.hpp>

#include "hxrt.h"
#include "hxrt_gemm.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

std::string inspect(const char* type, const void* value) {
  size_t n = hx_inspect(nullptr, 0, type, value);
  std::string s(n + 1, '\0');
  REQUIRE(hx_inspect(&s[0], s.size(), type, value) == n);
  s.resize(n);
  return s;
}

std::string fmt(double v) {
  char buf[64];
  size_t n = hx_format_float(buf, sizeof buf, v);
  REQUIRE(n == std::strlen(buf));
  return buf;
}

/// RAII for a context, so that failing REQUIREs do not leak.
struct Ctx {
  hx_context* ctx = hx_context_new();
  ~Ctx() { hx_context_free(ctx); }
  operator hx_context*() const { return ctx; }
};

hx_array* i64_list(hx_context* ctx, std::vector<int64_t> v) {
  return hx_array_from_i64(ctx, v.data(), (int64_t)v.size());
}

const hx_srcloc kLoc = {"samples/m.hx", 7, "M.f/1"};

size_t kind_bytes(int32_t k) { return k == HX_KIND_BOOL ? 1 : k == HX_KIND_I32 || k == HX_KIND_F32 ? 4 : 8; }

/// A list of tuples (stored as columns) from C structs of the members at
/// the given offsets: what a C user of the columns API writes.
template <class S>
hx_array* tuples_of(hx_context* ctx, std::vector<int32_t> kinds, const std::vector<S>& rows,
                    std::vector<size_t> offsets) {
  hx_array* a = hx_array_new_tuples(ctx, (int32_t)kinds.size(), kinds.data(), (int64_t)rows.size());
  REQUIRE(a);
  for (size_t j = 0; j < kinds.size(); j++) {
    char* col = (char*)hx_array_column(a, (int32_t)j);
    for (size_t i = 0; i < rows.size(); i++)
      std::memcpy(col + i * kind_bytes(kinds[j]), (const char*)&rows[i] + offsets[j], kind_bytes(kinds[j]));
  }
  return a;
}

}  // namespace

// ---- lists of tuples: struct-of-arrays -----------------------------------------

TEST_CASE("hx_inspect prints atoms, zero-size members of tuples and maps") {
  struct {
    int64_t n;
  } ok_n = {3};
  CHECK(inspect("{:ok,i}", &ok_n) == "{:ok, 3}");
  CHECK(inspect("{i,:ok?}", &ok_n) == "{3, :ok?}");
  CHECK(inspect("%{n:i,s::done}", &ok_n) == "%{n: 3, s: :done}");
  CHECK(inspect("{:error,{:not_found,i},:Foo}", &ok_n) == "{:error, {:not_found, 3}, :Foo}");
  char none = 0;
  CHECK(inspect(":ok", &none) == ":ok");
  CHECK(inspect(":", &none).empty());  // no name: an invalid descriptor prints nothing
}

TEST_CASE("lists of tuples: one 64-byte aligned column per leaf, laid out from the capacity", "[array][soa]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  const int32_t kinds[5] = {HX_KIND_I64, HX_KIND_BOOL, HX_KIND_F32, HX_KIND_ARRAY, HX_KIND_I32};
  hx_array* a = hx_array_new_tuples(ctx, 5, kinds, 5);
  REQUIRE(a);
  CHECK(hx_array_kind(a) == HX_KIND_TUPLE);
  CHECK(hx_array_len(a) == 5);
  CHECK(hx_array_capacity(a) == 5);
  CHECK(hx_array_columns(a) == 5);
  const char* base = (const char*)hx_array_data(a);
  // column j + 1 = column j + round_up(capacity * size_j, 64)
  const ptrdiff_t expect[5] = {0, 64, 128, 192, 256};
  for (int32_t j = 0; j < 5; j++) {
    INFO("column " << j);
    CHECK(hx_array_column_kind(a, j) == kinds[j]);
    CHECK((const char*)hx_array_column(a, j) - base == expect[j]);
    CHECK((uintptr_t)hx_array_column(a, j) % 64 == 0);
    for (int64_t i = 0; i < 5 * (int64_t)kind_bytes(kinds[j]); i++)
      CHECK(((const char*)hx_array_ccolumn(a, j))[i] == 0);  // zero-filled
  }
  CHECK(hx_array_column(a, 5) == nullptr);
  CHECK(hx_array_column(a, -1) == nullptr);
  CHECK(hx_array_column_kind(a, 5) == 0);
  hx_array_free(ctx, a);

  // Wider columns: 100 x 8 bytes = 800, rounded to 832.
  const int32_t fi[2] = {HX_KIND_F64, HX_KIND_I64};
  hx_array* b = hx_array_new_tuples(ctx, 2, fi, 100);
  CHECK((char*)hx_array_column(b, 1) - (char*)hx_array_column(b, 0) == 832);
  CHECK(*(const int64_t*)((const char*)b + 16) == 100);  // generated code reads the capacity here
  hx_array_free(ctx, b);

  // Scalar arrays have no columns.
  hx_array* s = hx_array_new(ctx, HX_KIND_I64, 3);
  CHECK(hx_array_columns(s) == 0);
  CHECK(hx_array_column(s, 0) == nullptr);
  CHECK(hx_array_capacity(s) == 3);
  hx_array_free(ctx, s);

  // Not a layout: no columns, or a kind that is not a leaf.
  const int32_t bad[2] = {HX_KIND_I64, 99};
  CHECK(hx_array_new_tuples(ctx, 2, bad, 3) == nullptr);
  CHECK(hx_array_new_tuples(ctx, 0, kinds, 3) == nullptr);
  const int32_t nested[1] = {HX_KIND_TUPLE};
  CHECK(hx_array_new_tuples(ctx, 1, nested, 3) == nullptr);
  CHECK(hxrt_live_arrays(ctx) == live);
}

TEST_CASE("lists of tuples: a list shortened after allocation keeps its columns", "[array][soa]") {
  // A filter's output is allocated at the input's length and shortened in
  // place (generated code stores len at offset 0): columns stay where the
  // capacity put them, and readers follow the capacity, not the length.
  Ctx ctx;
  const int32_t kinds[2] = {HX_KIND_I64, HX_KIND_F64};
  hx_array* a = hxrt_alloc_tuples(ctx, 2, kinds, 10);
  int64_t* k = (int64_t*)hx_array_column(a, 0);
  double* v = (double*)hx_array_column(a, 1);
  CHECK((char*)v - (char*)k == 128);  // round_up(10 * 8, 64)
  for (int i = 0; i < 10; i++) k[i] = i, v[i] = i + 0.5;
  *(int64_t*)a = 3;  // len
  CHECK(hx_array_len(a) == 3);
  CHECK(hx_array_capacity(a) == 10);
  CHECK(hx_array_column(a, 1) == v);
  CHECK(inspect("[{i,f}]", &a) == "[{0, 0.5}, {1, 1.5}, {2, 2.5}]");
  CHECK(hxrt_tuple_layout_ok(a, 2, kinds) == 1);
  const int32_t other[2] = {HX_KIND_I64, HX_KIND_I64};
  CHECK(hxrt_tuple_layout_ok(a, 2, other) == 0);
  CHECK(hxrt_tuple_layout_ok(a, 1, kinds) == 0);
  hx_array* plain = hx_array_new(ctx, HX_KIND_I64, 3);
  CHECK(hxrt_tuple_layout_ok(plain, 1, other) == 0);
  hx_array_free(ctx, plain);
  // A short list sorts its first len rows only.
  k[0] = 2, k[1] = 0, k[2] = 1;
  hxrt_sort(ctx, a, 0);
  CHECK(inspect("[{i,f}]", &a) == "[{0, 1.5}, {1, 2.5}, {2, 0.5}]");
  CHECK(k[3] == 3);
  hxrt_release(ctx, a);
}

TEST_CASE("lists of tuples: printing gathers nested tuples from their columns", "[inspect][soa]") {
  Ctx ctx;
  // [{i32, {f, b}}]: three columns i32, f64, bool.
  const int32_t kinds[3] = {HX_KIND_I32, HX_KIND_F64, HX_KIND_BOOL};
  hx_array* a = hx_array_new_tuples(ctx, 3, kinds, 2);
  int32_t* x = (int32_t*)hx_array_column(a, 0);
  double* y = (double*)hx_array_column(a, 1);
  uint8_t* z = (uint8_t*)hx_array_column(a, 2);
  x[0] = -1, y[0] = 0.25, z[0] = 1;
  x[1] = 7, y[1] = 1e21, z[1] = 0;
  CHECK(inspect("[{i32,{f,b}}]", &a) == "[{-1, {0.25, true}}, {7, {1.0e21, false}}]");
  // A descriptor that does not match the columns prints a marker, never garbage.
  CHECK(inspect("[{i,f}]", &a) == "[#<list of tuples with another layout>]");
  CHECK(inspect("[{i32,f,i}]", &a) == "[#<list of tuples with another layout>]");
  hx_array_free(ctx, a);
}

TEST_CASE("lists of tuples: hxrt_sort orders rows as Elixir's term order, stably", "[ops][soa]") {
  Ctx ctx;
  const int32_t kinds[3] = {HX_KIND_I64, HX_KIND_F64, HX_KIND_BOOL};
  struct R {
    int64_t a;
    double b;
    bool c;
  };
  std::vector<R> rows = {{2, 1.0, true}, {1, 5.0, false}, {2, 0.5, true}, {1, 5.0, true},
                         {2, 1.0, false}, {-3, 0.0, true}, {1, -0.0, false}, {1, 0.0, false}};
  std::vector<size_t> offs = {offsetof(R, a), offsetof(R, b), offsetof(R, c)};
  hx_array* a = tuples_of(ctx, {kinds[0], kinds[1], kinds[2]}, rows, offs);
  hxrt_sort(ctx, a, 0);
  // {1, -0.0, false} and {1, 0.0, false} compare equal: they keep their order.
  CHECK(inspect("[{i,f,b}]", &a) ==
        "[{-3, 0.0, true}, {1, -0.0, false}, {1, 0.0, false}, {1, 5.0, false}, {1, 5.0, true}, "
        "{2, 0.5, true}, {2, 1.0, false}, {2, 1.0, true}]");
  hx_array_free(ctx, a);
  a = tuples_of(ctx, {kinds[0], kinds[1], kinds[2]}, rows, offs);
  hxrt_sort(ctx, a, 1);
  CHECK(inspect("[{i,f,b}]", &a) ==
        "[{2, 1.0, true}, {2, 1.0, false}, {2, 0.5, true}, {1, 5.0, true}, {1, 5.0, false}, "
        "{1, -0.0, false}, {1, 0.0, false}, {-3, 0.0, true}]");
  hx_array_free(ctx, a);

  // Many rows with few distinct keys (merges, ties) against std::stable_sort.
  const int32_t ki[2] = {HX_KIND_I32, HX_KIND_I64};
  const int n = 20000;
  hx_array* big = hx_array_new_tuples(ctx, 2, ki, n);
  int32_t* c0 = (int32_t*)hx_array_column(big, 0);
  int64_t* c1 = (int64_t*)hx_array_column(big, 1);
  std::vector<std::pair<int32_t, int64_t>> ref;
  uint64_t r = 42;
  for (int i = 0; i < n; i++) {
    r = r * 6364136223846793005ull + 1442695040888963407ull;
    c0[i] = int32_t(r >> 60) - 8;
    c1[i] = int64_t(r >> 20 & 1023) - 512;
    ref.push_back({c0[i], c1[i]});
  }
  hxrt_sort(ctx, big, 0);
  std::stable_sort(ref.begin(), ref.end());
  bool same = true;
  for (int i = 0; i < n; i++) same = same && c0[i] == ref[i].first && c1[i] == ref[i].second;
  CHECK(same);
  hx_array_free(ctx, big);
}

// ---- arrays ------------------------------------------------------------------

TEST_CASE("arrays: new, from, len, kind, data, free", "[array]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);

  hx_array* a = hx_array_new(ctx, HX_KIND_F64, 5);
  REQUIRE(a);
  CHECK(hx_array_len(a) == 5);
  CHECK(hx_array_kind(a) == HX_KIND_F64);
  CHECK((uintptr_t)hx_array_data(a) % 64 == 0);
  for (int i = 0; i < 5; i++) CHECK(((double*)hx_array_data(a))[i] == 0.0);
  // The layout generated code reads directly.
  CHECK(*(int64_t*)a == 5);
  CHECK(*(void**)((char*)a + 8) == hx_array_data(a));
  CHECK(hxrt_live_arrays(ctx) == live + 1);
  hx_array_free(ctx, a);
  CHECK(hxrt_live_arrays(ctx) == live);

  int64_t iv[] = {1, -2, 3};
  hx_array* b = hx_array_from_i64(ctx, iv, 3);
  CHECK(hx_array_kind(b) == HX_KIND_I64);
  CHECK(std::memcmp(hx_array_cdata(b), iv, sizeof iv) == 0);
  hx_array_free(ctx, b);

  double dv[] = {0.5, -1.25};
  hx_array* c = hx_array_from_f64(ctx, dv, 2);
  CHECK(hx_array_kind(c) == HX_KIND_F64);
  CHECK(((double*)hx_array_data(c))[1] == -1.25);
  hx_array_free(ctx, c);

  bool bv[] = {true, false, true};
  hx_array* d = hx_array_from_bool(ctx, bv, 3);
  CHECK(hx_array_kind(d) == HX_KIND_BOOL);
  CHECK(((uint8_t*)hx_array_data(d))[0] == 1);
  CHECK(((uint8_t*)hx_array_data(d))[1] == 0);
  hx_array_free(ctx, d);

  for (int kind : {HX_KIND_I64, HX_KIND_F64, HX_KIND_BOOL, HX_KIND_I32, HX_KIND_F32,
                   HX_KIND_ARRAY}) {
    hx_array* z = hx_array_new(ctx, kind, 0);
    REQUIRE(z);
    CHECK(hx_array_len(z) == 0);
    CHECK(hx_array_data(z) != nullptr);
    hx_array_free(ctx, z);
  }
  const int32_t ifb[3] = {HX_KIND_I64, HX_KIND_F64, HX_KIND_BOOL};
  hx_array* t = hx_array_new_tuples(ctx, 3, ifb, 3);
  CHECK(hx_array_kind(t) == HX_KIND_TUPLE);
  CHECK((uintptr_t)hx_array_data(t) % 64 == 0);
  hx_array_free(ctx, t);

  CHECK(hx_array_new(ctx, HX_KIND_I64, -1) == nullptr);
  CHECK(hx_array_new(ctx, 99, 1) == nullptr);
  CHECK(hx_array_new(ctx, HX_KIND_I64, INT64_MAX / 2) == nullptr);
  hx_array_free(ctx, nullptr);
  CHECK(hxrt_live_arrays(ctx) == live);
}

TEST_CASE("arrays: freeing a list of lists frees each inner list once", "[array]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  hx_array* inner = i64_list(ctx, {1, 2});
  hx_array* other = i64_list(ctx, {3});
  hx_array* outer = hx_array_new(ctx, HX_KIND_ARRAY, 3);
  auto** e = (hx_array**)hx_array_data(outer);
  e[0] = inner;
  e[1] = other;
  e[2] = inner;  // shared: must not be freed twice
  CHECK(hxrt_live_arrays(ctx) == live + 3);
  hx_array_free(ctx, outer);
  CHECK(hxrt_live_arrays(ctx) == live);
}

// ---- invoke / raise -----------------------------------------------------------

namespace {

void body_ok(hx_context* ctx, void** args, void* ret) {
  int64_t n = *(int64_t*)args[0];
  hx_array* tmp = hxrt_alloc(ctx, HX_KIND_I64, 100);
  hx_array* out = hxrt_alloc(ctx, HX_KIND_I64, n);
  auto* d = (int64_t*)hx_array_data(out);
  for (int64_t i = 0; i < n; i++) d[i] = i * i;
  hxrt_release(ctx, tmp);
  *(hx_array**)ret = out;
}

void body_raise(hx_context* ctx, void** args, void* ret) {
  (void)args;
  (void)ret;
  for (int i = 0; i < 10; i++) hxrt_alloc(ctx, HX_KIND_F64, 1000);
  hxrt_raise(ctx, HX_ERR_ARITHMETIC, nullptr, &kLoc);
}

struct RaiseCase {
  int code;
  const char* message;
  const char* text;
};

void body_raise_code(hx_context* ctx, void** args, void* ret) {
  (void)ret;
  auto* rc = (const RaiseCase*)args[0];
  hxrt_raise(ctx, rc->code, rc->message, nullptr);
}

void body_huge(hx_context* ctx, void** args, void* ret) {
  (void)ret;
  hxrt_alloc(ctx, HX_KIND_I64, 4);
  hxrt_alloc(ctx, HX_KIND_I64, *(int64_t*)args[0]);
}

}  // namespace

TEST_CASE("invoke: success hands the tracked result to the caller", "[invoke]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  int64_t n = 5;
  void* args[] = {&n};
  hx_array* out = nullptr;
  REQUIRE(hxrt_invoke(ctx, body_ok, args, &out) == HX_OK);
  CHECK(hx_context_error_code(ctx) == HX_OK);
  CHECK(std::string(hx_context_error(ctx)) == "");
  REQUIRE(out);
  CHECK(inspect("[i]", &out) == "[0, 1, 4, 9, 16]");
  CHECK(hxrt_live_arrays(ctx) == live + 1);  // tmp released, out kept
  hx_array_free(ctx, out);
  CHECK(hxrt_live_arrays(ctx) == live);
}

TEST_CASE("invoke: raise frees the call's arrays and reports Elixir's text", "[invoke]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  int64_t dummy = 0;
  void* args[] = {&dummy};
  int64_t ret = 0;
  REQUIRE(hxrt_invoke(ctx, body_raise, args, &ret) == HX_ERR_ARITHMETIC);
  CHECK(hx_context_error_code(ctx) == HX_ERR_ARITHMETIC);
  CHECK(std::string(hx_context_error(ctx)) ==
        "** (ArithmeticError) bad argument in arithmetic expression\n"
        "    samples/m.hx:7: M.f/1");
  CHECK(hxrt_live_arrays(ctx) == live);

  // The next call starts clean.
  int64_t n = 2;
  void* args2[] = {&n};
  hx_array* out = nullptr;
  REQUIRE(hxrt_invoke(ctx, body_ok, args2, &out) == HX_OK);
  CHECK(std::string(hx_context_error(ctx)) == "");
  hx_array_free(ctx, out);
  hx_context_clear_error(ctx);
  CHECK(hxrt_live_arrays(ctx) == live);
}

TEST_CASE("invoke: every error kind's name and default message", "[invoke]") {
  Ctx ctx;
  const RaiseCase cases[] = {
      {HX_ERR_ARITHMETIC, nullptr, "** (ArithmeticError) bad argument in arithmetic expression"},
      {HX_ERR_EMPTY, nullptr, "** (Enum.EmptyError) empty error"},
      {HX_ERR_FUNCTION_CLAUSE, nullptr, "** (FunctionClauseError) no function clause matching"},
      {HX_ERR_CASE_CLAUSE, nullptr, "** (CaseClauseError) no case clause matching"},
      {HX_ERR_COND_CLAUSE, nullptr,
       "** (CondClauseError) no cond clause evaluated to a truthy value"},
      {HX_ERR_MATCH, nullptr, "** (MatchError) no match of right hand side value"},
      {HX_ERR_ARGUMENT, nullptr, "** (ArgumentError) argument error"},
      {HX_ERR_OUT_OF_MEMORY, nullptr, "** (SystemLimitError) out of memory"},
      {HX_ERR_CASE_CLAUSE, "no case clause matching: 3",
       "** (CaseClauseError) no case clause matching: 3"},
  };
  for (const RaiseCase& rc : cases) {
    void* args[] = {(void*)&rc};
    CHECK(hxrt_invoke(ctx, body_raise_code, args, nullptr) == rc.code);
    CHECK(std::string(hx_context_error(ctx)) == rc.text);
  }
}

TEST_CASE("invoke: absurd allocation raises SystemLimitError", "[invoke]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  for (int64_t n : {(int64_t)-1, INT64_MAX, (int64_t)1 << 60}) {
    void* args[] = {&n};
    CHECK(hxrt_invoke(ctx, body_huge, args, nullptr) == HX_ERR_OUT_OF_MEMORY);
    CHECK(std::string(hx_context_error(ctx)) ==
          "** (SystemLimitError) cannot allocate a list of " + std::to_string(n) + " elements");
    CHECK(hxrt_live_arrays(ctx) == live);
  }
}

namespace {

struct Nested {
  int inner_rc = -1;
  hx_array* inner_result = nullptr;
  bool raise_after = false;
};

void inner_fail(hx_context* ctx, void** args, void* ret) {
  (void)args;
  (void)ret;
  hxrt_alloc(ctx, HX_KIND_I64, 10);
  hxrt_raise(ctx, HX_ERR_MATCH, nullptr, nullptr);
}

void outer_body(hx_context* ctx, void** args, void* ret) {
  auto* st = (Nested*)args[0];
  hx_array* mine = hxrt_alloc(ctx, HX_KIND_I64, 3);
  // A nested call that fails frees only its own arrays...
  st->inner_rc = hxrt_invoke(ctx, inner_fail, nullptr, nullptr);
  // ...and one that succeeds hands its result to this (outer) call.
  int64_t n = 4;
  void* inner_args[] = {&n};
  REQUIRE(hxrt_invoke(ctx, body_ok, inner_args, &st->inner_result) == HX_OK);
  if (st->raise_after) hxrt_raise(ctx, HX_ERR_EMPTY, nullptr, &kLoc);
  *(hx_array**)ret = mine;
}

}  // namespace

TEST_CASE("invoke: nested invokes unwind only their own work", "[invoke]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);

  Nested ok;
  void* args[] = {&ok};
  hx_array* out = nullptr;
  REQUIRE(hxrt_invoke(ctx, outer_body, args, &out) == HX_OK);
  CHECK(ok.inner_rc == HX_ERR_MATCH);
  CHECK(inspect("[i]", &ok.inner_result) == "[0, 1, 4, 9]");
  CHECK(hxrt_live_arrays(ctx) == live + 2);
  hx_array_free(ctx, out);
  hx_array_free(ctx, ok.inner_result);
  CHECK(hxrt_live_arrays(ctx) == live);

  // The outer call fails after the inner one succeeded: the inner result
  // was the outer call's, so it goes too.
  Nested bad;
  bad.raise_after = true;
  void* args2[] = {&bad};
  CHECK(hxrt_invoke(ctx, outer_body, args2, &out) == HX_ERR_EMPTY);
  CHECK(std::string(hx_context_error(ctx)) ==
        "** (Enum.EmptyError) empty error\n    samples/m.hx:7: M.f/1");
  CHECK(hxrt_live_arrays(ctx) == live);
}

TEST_CASE("hxrt_alloc outside an invoke is untracked", "[invoke]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  hx_array* a = hxrt_alloc(ctx, HX_KIND_I32, 7);
  CHECK(hx_array_len(a) == 7);
  CHECK(hx_array_kind(a) == HX_KIND_I32);
  const int32_t ii[2] = {HX_KIND_I64, HX_KIND_I64};
  hx_array* t = hxrt_alloc_tuples(ctx, 2, ii, 2);
  CHECK(hx_array_kind(t) == HX_KIND_TUPLE);
  hxrt_release(ctx, a);
  hxrt_release(ctx, t);
  CHECK(hxrt_live_arrays(ctx) == live);
}

TEST_CASE("arrays: a freed block is reused for the next array of its size, zeroed by hx_array_new", "[array]") {
  // runtime/hxrt.c's block cache (HX_MALLOC_TUNE=0 turns it off, as for the unit-test run of that setting).
  const char* tune = std::getenv("HX_MALLOC_TUNE");
  bool cache_on = !(tune && tune[0] == '0');
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  hx_array* a = hxrt_alloc(ctx, HX_KIND_F32, 1000);
  std::memset(hx_array_data(a), 0xAB, 1000 * sizeof(float));
  void* block = a;
  hxrt_release(ctx, a);
  CHECK(hxrt_live_arrays(ctx) == live);
  hx_array* b = hx_array_new(ctx, HX_KIND_F32, 1000);  // same bytes: the same block, zeroed again
  if (cache_on) CHECK((void*)b == block);
  CHECK(hx_array_len(b) == 1000);
  CHECK(hx_array_kind(b) == HX_KIND_F32);
  CHECK((reinterpret_cast<uintptr_t>(hx_array_data(b)) & 63) == 0);
  const float* bd = static_cast<const float*>(hx_array_cdata(b));
  bool zero = true;
  for (int i = 0; i < 1000; i++) zero = zero && bd[i] == 0.0f;
  CHECK(zero);
  CHECK(hxrt_live_arrays(ctx) == live + 1);
  // A different size never gets it.
  hx_array_free(ctx, b);
  hx_array* c = hxrt_alloc(ctx, HX_KIND_F32, 5000);
  CHECK((void*)c != block);
  CHECK(hx_array_len(c) == 5000);
  // Many sizes freed and taken again: contents are each array's own.
  std::vector<hx_array*> v;
  for (int r = 0; r < 3; r++) {
    for (int64_t n = 1; n <= 200; n++) {
      hx_array* x = hxrt_alloc(ctx, HX_KIND_I64, n * 37);
      int64_t* d = static_cast<int64_t*>(hx_array_data(x));
      for (int64_t i = 0; i < n * 37; i++) d[i] = n * 1000 + i;
      v.push_back(x);
    }
    bool ok = true;
    for (hx_array* x : v) {
      const int64_t* d = static_cast<const int64_t*>(hx_array_cdata(x));
      int64_t n = hx_array_len(x) / 37;
      for (int64_t i = 0; i < hx_array_len(x); i++) ok = ok && d[i] == n * 1000 + i;
    }
    CHECK(ok);
    for (hx_array* x : v) hxrt_release(ctx, x);
    v.clear();
  }
  hxrt_release(ctx, c);
  CHECK(hxrt_live_arrays(ctx) == live);
}

// ---- parallel loops (runtime/parallel.c, OpenMP) ---------------------------------

namespace {
struct ParEnv {
  int fail_a, fail_b;        // chunks that raise (-1: none)
  std::atomic<int>* calls;   // chunk runs
  hx_array* out;             // element i = i * 3 + 1, written by its chunk
};

void par_chunk(hx_context* ctx, void* env, int64_t b, int64_t e, void* partial) {
  auto* p = static_cast<ParEnv*>(env);
  p->calls->fetch_add(1);
  int64_t c = b / 1000;  // grain 1000 and n a multiple of it: chunk c is [1000c, 1000c + 1000)
  int64_t* d = static_cast<int64_t*>(hx_array_data(p->out));
  int64_t sum = 0;
  for (int64_t i = b; i < e; i++) {
    d[i] = i * 3 + 1;
    sum += d[i];
  }
  // A GEMM inside a chunk runs on the chunk's thread (no nested parallel region).
  float x[4] = {1, 2, 3, 4}, y[4] = {1, 0, 0, 1}, z[4];
  hxrt_gemm_f32(2, 2, 2, x, 2, 0, y, 2, 0, z, 2);
  sum += (int64_t)(z[0] + z[1] + z[2] + z[3]) - 10;
  *static_cast<int64_t*>(partial) = sum;
  if (c == p->fail_a || c == p->fail_b) {
    char msg[64];
    std::snprintf(msg, sizeof msg, "chunk %d", (int)c);
    hxrt_raise(ctx, HX_ERR_ARGUMENT, msg, &kLoc);
  }
}

struct ParArgs {
  int fail_a, fail_b;
  std::atomic<int>* calls;
  int64_t partials[256];
};

/// par_chunk's 64 partials: each chunk's sum of i * 3 + 1.
void require_chunk_sums(const int64_t* partials) {
  for (int c = 0; c < 64; c++) {
    int64_t want = 0;
    for (int64_t i = c * 1000; i < c * 1000 + 1000; i++) want += i * 3 + 1;
    REQUIRE(partials[c] == want);
  }
}

void body_par(hx_context* ctx, void** args, void* ret) {
  auto* a = static_cast<ParArgs*>(args[0]);
  ParEnv env{a->fail_a, a->fail_b, a->calls, hxrt_alloc(ctx, HX_KIND_I64, 64000)};
  int64_t chunks = hxrt_parallel_for(ctx, 64000, 1000, par_chunk, &env, a->partials, sizeof(int64_t));
  const int64_t* d = static_cast<const int64_t*>(hx_array_cdata(env.out));
  int64_t bad = 0;
  for (int64_t i = 0; i < 64000; i++) bad += d[i] != i * 3 + 1;
  *static_cast<int64_t*>(ret) = chunks * 1000000 + bad;
  hxrt_release(ctx, env.out);
}
}  // namespace

TEST_CASE("parallel_for: every chunk once, partials by chunk, the lowest failing chunk's error", "[parallel]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  for (int rep = 0; rep < 300; rep++) {
    std::atomic<int> calls{0};
    ParArgs a{-1, -1, &calls, {}};
    void* args[] = {&a};
    int64_t r = -1;
    REQUIRE(hxrt_invoke(ctx, body_par, args, &r) == HX_OK);
    REQUIRE(r == 64 * 1000000);  // 64 chunks, no element wrong
    REQUIRE(calls.load() == 64);
    require_chunk_sums(a.partials);
    // Two chunks raise: the lower one's error, whichever thread ran which.
    std::atomic<int> calls2{0};
    ParArgs f{41 - rep % 7, 50 + rep % 5, &calls2, {}};
    void* fargs[] = {&f};
    REQUIRE(hxrt_invoke(ctx, body_par, fargs, &r) == HX_ERR_ARGUMENT);
    REQUIRE(std::string(hx_context_error(ctx)) ==
            "** (ArgumentError) chunk " + std::to_string(41 - rep % 7) + "\n    samples/m.hx:7: M.f/1");
    REQUIRE(hxrt_live_arrays(ctx) == live);
  }
}

namespace {
/// hxrt_parallel_try over par_chunk: the chunk count (or -1), then whether
/// the call still runs normally after a trapped raise.
void body_try(hx_context* ctx, void** args, void* ret) {
  auto* a = static_cast<ParArgs*>(args[0]);
  ParEnv env{a->fail_a, a->fail_b, a->calls, hxrt_alloc(ctx, HX_KIND_I64, 64000)};
  int64_t chunks = hxrt_parallel_try(ctx, 64000, 1000, par_chunk, &env, a->partials, sizeof(int64_t));
  *static_cast<int64_t*>(ret) = chunks;
  hxrt_release(ctx, env.out);
}
}  // namespace

TEST_CASE("parallel_try: the chunks of parallel_for; a raise is trapped and reported as -1", "[parallel]") {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  for (int rep = 0; rep < 100; rep++) {
    std::atomic<int> calls{0};
    ParArgs a{-1, -1, &calls, {}};
    void* args[] = {&a};
    int64_t r = 0;
    REQUIRE(hxrt_invoke(ctx, body_try, args, &r) == HX_OK);
    REQUIRE(r == 64);
    REQUIRE(calls.load() == 64);
    require_chunk_sums(a.partials);
    // Raising chunks: the call goes on (no error in ctx) and learns -1;
    // every chunk still ran once.
    std::atomic<int> calls2{0};
    ParArgs f{rep % 64, 63 - rep % 64, &calls2, {}};
    void* fargs[] = {&f};
    REQUIRE(hxrt_invoke(ctx, body_try, fargs, &r) == HX_OK);
    REQUIRE(r == -1);
    REQUIRE(calls2.load() == 64);
    REQUIRE(hxrt_live_arrays(ctx) == live);
  }
}

// ---- floats -------------------------------------------------------------------

TEST_CASE("hx_format_float matches Elixir", "[float]") {
  // {value, Elixir 1.14's inspect output}; values as C hex floats (exact).
  const struct {
    double v;
    const char* text;
  } table[] = {
      {0x0p+0, "0.0"},
      {-0x0p+0, "-0.0"},
      {0x1p+0, "1.0"},
      {-0x1p+0, "-1.0"},
      {0x1.999999999999ap-4, "0.1"},
      {0x1.999999999999ap-3, "0.2"},
      {0x1.3333333333334p-2, "0.30000000000000004"},
      {0x1.5555555555555p-2, "0.3333333333333333"},
      {0x1.5555555555555p-1, "0.6666666666666666"},
      {0x1.9p+6, "100.0"},
      {0x1.d6f3454p+26, "123456789.0"},
      {0x1.c6bf52634p+49, "1000000000000000.0"},
      {0x1.1c37937e08p+53, "1.0e16"},
      {0x1p+53, "9007199254740992.0"},
      {0x1.1c37937e07fffp+53, "9999999999999998.0"},
      {0x1.b69b4ba630f35p+56, "1.2345678901234568e17"},
      {0x1.b1ae4d6e2ef5p+69, "1.0e21"},
      {0x1.0f0cf064dd592p+73, "1.0e22"},
      {0x1.52d02c7e14af6p+76, "1.0e23"},
      {0x1.0bb084255aceep+70, "1.2345e21"},
      {0x1.0624dd2f1a9fcp-10, "0.001"},
      {0x1.a36e2eb1c432dp-14, "0.0001"},
      {0x1.4f8b588e368f1p-17, "1.0e-5"},
      {0x1.f75104d551d69p-17, "1.5e-5"},
      {0x1.01f31f46ed246p-13, "1.23e-4"},
      {0x1.f75104d551d69p-14, "1.2e-4"},
      {0x1.426fe718a86d7p-10, "0.00123"},
      {-0x1.0c6f7a0b5ed8dp-22, "-2.5e-7"},
      {0x0.0000000000001p-1022, "5.0e-324"},
      {0x0.0000000000002p-1022, "1.0e-323"},
      {0x1p-1022, "2.2250738585072014e-308"},
      {0x0.fffffffffffffp-1022, "2.225073858507201e-308"},
      {0x1.fffffffffffffp+1023, "1.7976931348623157e308"},
      {0x1p-52, "2.220446049250313e-16"},
      {0x1.921fb54442d18p+1, "3.141592653589793"},
      {0x1.5bf0a8b145769p+1, "2.718281828459045"},
      {-0x1.cb9f5c3f2eb84p+333, "-3.141592653589793e100"},
      {0x1.249ad2594c37dp+332, "1.0e100"},
      {0x1.bff2ee48e053p-333, "1.0e-100"},
      {0x1.f75104d551d69p-16, "3.0e-5"},
      {0x1.81cd6c8b43958p+13, "12345.678"},
      {0x1p-1, "0.5"},
      {0x1p-2, "0.25"},
      {0x1p-3, "0.125"},
      {0x1p-10, "9.765625e-4"},
      {0x1p+20, "1048576.0"},
      {0x1.1666666666666p+2, "4.35"},
      {0x1.5666666666666p+1, "2.675"},
      {0x1.1ccf385ebc8ap+1023, "1.0e308"},
      {0x1.1de784ap+28, "299792458.0"},
      {0x1.fe185ca57c517p+78, "6.02214076e23"},
      {0x1.7a4da290c1653p-63, "1.602176634e-19"},
      {0x1.e240c9fcb68c8p+16, "123456.7890123456"},
      {0x1.a36e2eb1c432dp-15, "5.0e-5"},
      {0x1.3a92a30553262p-12, "3.0000000000000003e-4"},
      {0x1.0a66666666666p+5, "33.3"},
      {0x1.5555555555555p+1022, "5.992310449541053e307"},
      {0x1p+52, "4503599627370496.0"},
      {0x1.8p-1021, "6.675221575521604e-308"},
      {0x1.333334p-2, "0.30000001192092896"},
      {0x1.99999ap-4, "0.10000000149011612"},
      {0x1.312dp+23, "10000000.0"},
      {0x1.ad7f29abcaf48p-24, "1.0e-7"},
      {0x1p+64, "1.8446744073709552e19"},
  };
  for (const auto& row : table) {
    INFO("value " << row.v);
    CHECK(fmt(row.v) == row.text);
  }
}

TEST_CASE("hx_format_float: truncation and length like snprintf", "[float]") {
  char buf[8];
  CHECK(hx_format_float(buf, sizeof buf, 0x1.921fb54442d18p+1) == 17);
  CHECK(std::string(buf) == "3.14159");
  CHECK(hx_format_float(nullptr, 0, 0x1.921fb54442d18p+1) == 17);
  CHECK(hx_format_float(buf, 1, 1.5) == 3);
  CHECK(buf[0] == '\0');
}

namespace {

/// The obviously-correct slow way: for each length, printf's correctly
/// rounded digits, or the neighbour on the far side of a lopsided interval;
/// the first that reads back wins. Returns the digits and exponent.
std::string reference_digits(double v) {
  for (int n = 1; n <= 17; n++) {
    char tmp[64];
    std::snprintf(tmp, sizeof tmp, "%.*e", n - 1, v);
    const char* e = std::strchr(tmp, 'e');
    std::string d;
    for (const char* p = tmp; p < e; p++)
      if (*p != '.') d += *p;
    int exp = std::atoi(e + 1);
    bool ok = std::strtod(tmp, nullptr) == v;
    if (!ok) {
      bool below = std::strtod(tmp, nullptr) < v;
      unsigned long long m = std::stoull(d), lo = 1;
      for (int i = 1; i < n; i++) lo *= 10;
      m = below ? m + 1 : m - 1;
      if (m == lo * 10) { m = lo; exp++; }
      if (m < lo) { m = lo * 10 - 1; exp--; }
      std::snprintf(tmp, sizeof tmp, "%llue%d", m, exp - n + 1);
      ok = std::strtod(tmp, nullptr) == v;
      d = std::to_string(m);
    }
    if (ok) {
      while (d.size() > 1 && d.back() == '0') d.pop_back();
      return d + "e" + std::to_string(exp);
    }
  }
  return "?";
}

/// Digits and exponent back out of hx_format_float's text.
std::string printed_digits(const std::string& s) {
  size_t epos = s.find('e');
  std::string mant = s.substr(0, epos);
  if (mant[0] == '-') mant.erase(0, 1);
  size_t dot = mant.find('.');
  std::string all = mant.substr(0, dot) + mant.substr(dot + 1);
  int exp = (int)dot - 1 + (epos == std::string::npos ? 0 : std::atoi(s.c_str() + epos + 1));
  size_t lead = all.find_first_not_of('0');
  exp -= (int)lead;
  all.erase(0, lead);
  while (all.size() > 1 && all.back() == '0') all.pop_back();
  return all + "e" + std::to_string(exp);
}

uint64_t splitmix(uint64_t& s) {
  uint64_t z = (s += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

TEST_CASE("hx_format_float: shortest digits agree with a printf search", "[float]") {
  // The layout is pinned by the Elixir table above and by
  // test/diff/float_format_check.sh; this pins the digit choice (Ryu) on
  // values of every magnitude, including every power of two.
  uint64_t seed = 42;
  std::vector<double> values;
  for (int e = -1074; e <= 1023; e++) values.push_back(std::ldexp(1.0, e));
  for (int i = 0; i < 60000; i++) {
    uint64_t b = splitmix(seed) & 0x7FFFFFFFFFFFFFFFull;
    double v;
    std::memcpy(&v, &b, 8);
    if (std::isfinite(v) && v != 0) values.push_back(v);
    values.push_back((double)(splitmix(seed) >> (splitmix(seed) % 64)) + 1);
  }
  int bad = 0;
  for (double v : values) {
    std::string want = reference_digits(v), got = printed_digits(fmt(v));
    if (want != got && bad++ < 10) FAIL_CHECK(fmt(v) << " for " << v << ": want " << want);
  }
  CHECK(bad == 0);
}

// ---- inspect -------------------------------------------------------------------

TEST_CASE("inspect: scalars", "[inspect]") {
  int64_t i = -5, big = INT64_MIN, max = INT64_MAX;
  double f = 2.5;
  bool t = true, fa = false;
  int32_t i32 = -2147483647 - 1;
  float f32 = 0.1f;
  CHECK(inspect("i", &i) == "-5");
  CHECK(inspect("i", &big) == "-9223372036854775808");
  CHECK(inspect("i", &max) == "9223372036854775807");
  CHECK(inspect("f", &f) == "2.5");
  CHECK(inspect("b", &t) == "true");
  CHECK(inspect("b", &fa) == "false");
  CHECK(inspect("i32", &i32) == "-2147483648");
  CHECK(inspect("f32", &f32) == "0.10000000149011612");
}

TEST_CASE("inspect: lists", "[inspect]") {
  Ctx ctx;
  hx_array* a = i64_list(ctx, {1, 2, 3});
  CHECK(inspect("[i]", &a) == "[1, 2, 3]");
  hx_array_free(ctx, a);

  hx_array* empty = hx_array_new(ctx, HX_KIND_I64, 0);
  CHECK(inspect("[i]", &empty) == "[]");
  CHECK(inspect("[f]", &empty) == "[]");
  hx_array_free(ctx, empty);

  double dv[] = {1.0, 2.5, -0.0};
  hx_array* fl = hx_array_from_f64(ctx, dv, 3);
  CHECK(inspect("[f]", &fl) == "[1.0, 2.5, -0.0]");
  hx_array_free(ctx, fl);

  bool bv[] = {true, false};
  hx_array* bl = hx_array_from_bool(ctx, bv, 2);
  CHECK(inspect("[b]", &bl) == "[true, false]");
  hx_array_free(ctx, bl);

  hx_array* il = hx_array_new(ctx, HX_KIND_I32, 3);
  int32_t* id = (int32_t*)hx_array_data(il);
  id[0] = -1;
  id[1] = 0;
  id[2] = 2000000000;
  CHECK(inspect("[i32]", &il) == "[-1, 0, 2000000000]");
  id[0] = 65;
  id[1] = 66;
  id[2] = 10;
  CHECK(inspect("[i32]", &il) == "'AB\\n'");
  hx_array_free(ctx, il);

  hx_array* f32 = hx_array_new(ctx, HX_KIND_F32, 2);
  ((float*)hx_array_data(f32))[0] = 0.5f;
  ((float*)hx_array_data(f32))[1] = 0.1f;
  CHECK(inspect("[f32]", &f32) == "[0.5, 0.10000000149011612]");
  hx_array_free(ctx, f32);

  // [[1, 2], [], [65]]
  hx_array* outer = hx_array_new(ctx, HX_KIND_ARRAY, 3);
  auto** e = (hx_array**)hx_array_data(outer);
  e[0] = i64_list(ctx, {1, 2});
  e[1] = hx_array_new(ctx, HX_KIND_I64, 0);
  e[2] = i64_list(ctx, {65});
  CHECK(inspect("[[i]]", &outer) == "[[1, 2], [], 'A']");
  hx_array_free(ctx, outer);

  // [[[7]]]
  hx_array* l3 = hx_array_new(ctx, HX_KIND_ARRAY, 1);
  hx_array* l2 = hx_array_new(ctx, HX_KIND_ARRAY, 1);
  ((hx_array**)hx_array_data(l3))[0] = l2;
  ((hx_array**)hx_array_data(l2))[0] = i64_list(ctx, {7});
  CHECK(inspect("[[[i]]]", &l3) == "[['\\a']]");
  hx_array_free(ctx, l3);
}

TEST_CASE("inspect: charlists as Elixir 1.14 prints them", "[inspect]") {
  Ctx ctx;
  const struct {
    std::vector<int64_t> v;
    const char* text;
  } table[] = {
      {{65, 66}, "'AB'"},
      {{7, 8}, "'\\a\\b'"},
      {{10}, "'\\n'"},
      {{32, 126}, "' ~'"},
      {{1000}, "[1000]"},
      {{104, 101, 108, 108, 111}, "'hello'"},
      {{127}, "[127]"},
      {{160}, "[160]"},
      {{0}, "[0]"},
      {{-1}, "[-1]"},
      {{6}, "[6]"},
      {{9, 10, 13, 32}, "'\\t\\n\\r '"},
      {{11, 12, 27}, "'\\v\\f\\e'"},
      {{11, 12, 13, 9, 8, 7, 27, 127}, "[11, 12, 13, 9, 8, 7, 27, 127]"},
      {{34, 39, 92}, "'\"\\'\\\\'"},
      {{35, 123}, "'\\#{'"},
      {{35}, "'#'"},
      {{35, 35, 123}, "'#\\#{'"},
      {{65, 0x110000}, "[65, 1114112]"},
  };
  for (const auto& row : table) {
    hx_array* a = i64_list(ctx, row.v);
    INFO(row.text);
    CHECK(inspect("[i]", &a) == row.text);
    hx_array_free(ctx, a);
  }
}

TEST_CASE("inspect: long charlists stop at printable_limit", "[inspect]") {
  Ctx ctx;
  auto check = [&](std::vector<int64_t> v, const std::string& want_tail, size_t want_len) {
    hx_array* a = i64_list(ctx, v);
    std::string s = inspect("[i]", &a);
    CHECK(s.size() == want_len);
    CHECK(s.substr(s.size() - want_tail.size()) == want_tail);
    hx_array_free(ctx, a);
  };
  // Lengths and endings as measured with elixir.
  check(std::vector<int64_t>(4096, 65), "AAA'", 4098);
  check(std::vector<int64_t>(4097, 65), "AAA' ++ ...", 4105);
  check(std::vector<int64_t>(4096, 10), "\\n\\n'", 8194);
  check(std::vector<int64_t>(4097, 10), "\\n' ++ ...", 8201);
  std::vector<int64_t> v(4095, 10);
  v.push_back(65);
  v.push_back(66);
  check(v, "\\nA' ++ ...", 8200);
  std::vector<int64_t> w(4095, 65);
  w.push_back(1000);
  w.push_back(66);
  check(w, "65, 1000, 66]", 16390);
  std::vector<int64_t> x(4096, 65);
  x.push_back(1000);
  check(x, "AA' ++ ...", 4105);
  std::vector<int64_t> y(4095, 65);
  y.push_back(35);
  y.push_back(123);
  check(y, "AA\\#{'", 4100);
}

TEST_CASE("inspect: charlist escapes past the checked prefix", "[inspect]") {
  // 2048 `#{` pairs use up the 4096 checked elements in 2048 steps, so
  // later elements print as Elixir escapes string characters.
  Ctx ctx;
  std::vector<int64_t> v;
  for (int i = 0; i < 2048; i++) {
    v.push_back('#');
    v.push_back('{');
  }
  for (int64_t c : {1000, 0, 200, 65279, 0x1F600, 0x85, 0xFFFE, 0xE000, 0x2028, 10, 65, 1, 127})
    v.push_back(c);
  hx_array* a = i64_list(ctx, v);
  std::string s = inspect("[i]", &a);
  // Elixir: ...\#{Ϩ\0È\uFEFF😀\x85\x{FFFE}<U+E000><U+2028>\nA\x01\d'
  CHECK(s.substr(s.rfind("\\#{") + 3) ==
        "\xCF\xA8\\0\xC3\x88\\uFEFF\xF0\x9F\x98\x80\\x85\\x{FFFE}\xEE\x80\x80"
        "\xE2\x80\xA8\\nA\\x01\\d'");
  hx_array_free(ctx, a);
}

TEST_CASE("inspect: tuples, lists of tuples, keyword lists", "[inspect]") {
  Ctx ctx;
  struct {
    int64_t a;
    double b;
  } t1 = {1, 2.0};
  CHECK(inspect("{i,f}", &t1) == "{1, 2.0}");
  CHECK(inspect("{}", &t1) == "{}");

  struct {
    int64_t a;
    struct {
      bool b;
      hx_array* l;
    } inner;
  } t2 = {1, {true, i64_list(ctx, {1})}};
  CHECK(inspect("{i,{b,[i]}}", &t2) == "{1, {true, [1]}}");
  hx_array_free(ctx, t2.inner.l);

  struct {
    int32_t a;
    bool b;
    float c;
    int64_t d;
  } t3 = {-3, false, 1.5f, 9223372036854775807};
  CHECK(inspect("{i32,b,f32,i}", &t3) == "{-3, false, 1.5, 9223372036854775807}");

  struct IF {
    int64_t a;
    double b;
  };
  hx_array* lt = tuples_of(ctx, {HX_KIND_I64, HX_KIND_F64}, std::vector<IF>{{1, 2.0}, {3, 4.0}},
                           {offsetof(IF, a), offsetof(IF, b)});
  CHECK(inspect("[{i,f}]", &lt) == "[{1, 2.0}, {3, 4.0}]");
  hx_array_free(ctx, lt);

  struct BI {
    bool k;
    int64_t v;
  };
  hx_array* kw = tuples_of(ctx, {HX_KIND_BOOL, HX_KIND_I64}, std::vector<BI>{{true, 1}, {false, 2}},
                           {offsetof(BI, k), offsetof(BI, v)});
  CHECK(inspect("[{b,i}]", &kw) == "[true: 1, false: 2]");
  hx_array_free(ctx, kw);

  struct BL {
    bool k;
    hx_array* v;
  };
  hx_array* inner = i64_list(ctx, {65});
  hx_array* kwl = tuples_of(ctx, {HX_KIND_BOOL, HX_KIND_ARRAY}, std::vector<BL>{{true, inner}},
                            {offsetof(BL, k), offsetof(BL, v)});
  CHECK(inspect("[{b,[i]}]", &kwl) == "[true: 'A']");
  hx_array_free(ctx, inner);
  hx_array_free(ctx, kwl);

  struct IB {
    int64_t a;
    bool b;
  };
  hx_array* nk = tuples_of(ctx, {HX_KIND_I64, HX_KIND_BOOL}, std::vector<IB>{{1, true}},
                           {offsetof(IB, a), offsetof(IB, b)});
  CHECK(inspect("[{i,b}]", &nk) == "[{1, true}]");
  hx_array_free(ctx, nk);

  struct BII {
    bool k;
    int64_t a, b;
  };
  hx_array* three = tuples_of(ctx, {HX_KIND_BOOL, HX_KIND_I64, HX_KIND_I64}, std::vector<BII>{{true, 1, 2}},
                              {offsetof(BII, k), offsetof(BII, a), offsetof(BII, b)});
  CHECK(inspect("[{b,i,i}]", &three) == "[{true, 1, 2}]");
  hx_array_free(ctx, three);

  struct {
    hx_array* a;
    hx_array* b;
  } t4 = {hx_array_new(ctx, HX_KIND_I64, 0), hx_array_new(ctx, HX_KIND_ARRAY, 1)};
  ((hx_array**)hx_array_data(t4.b))[0] = hx_array_new(ctx, HX_KIND_I64, 0);
  CHECK(inspect("{[i],[[i]]}", &t4) == "{[], [[]]}");
  hx_array_free(ctx, t4.a);
  hx_array_free(ctx, t4.b);
}

TEST_CASE("inspect: buffer handling like snprintf", "[inspect]") {
  Ctx ctx;
  hx_array* a = i64_list(ctx, {100, 200, 300});
  char buf[6];
  CHECK(hx_inspect(buf, sizeof buf, "[i]", &a) == 15);
  CHECK(std::string(buf) == "[100,");
  CHECK(hx_inspect(nullptr, 0, "[i]", &a) == 15);
  CHECK(hx_inspect(buf, 1, "[i]", &a) == 15);
  CHECK(buf[0] == '\0');
  // An invalid descriptor prints nothing.
  CHECK(hx_inspect(buf, sizeof buf, "[q]", &a) == 0);
  CHECK(hx_inspect(buf, sizeof buf, "[i", &a) == 0);
  CHECK(hx_inspect(buf, sizeof buf, "i x", &a) == 0);
  CHECK(buf[0] == '\0');
  hx_array_free(ctx, a);
}

TEST_CASE("inspect: millions of integers in linear time", "[inspect][perf]") {
  Ctx ctx;
  const int64_t n = 3000000;
  hx_array* a = hx_array_new(ctx, HX_KIND_I64, n);
  auto* d = (int64_t*)hx_array_data(a);
  for (int64_t i = 0; i < n; i++) d[i] = i - 5;
  std::string s = inspect("[i]", &a);
  CHECK(s.substr(0, 12) == "[-5, -4, -3,");
  CHECK(s.substr(s.size() - 10) == ", 2999994]");
  hx_array_free(ctx, a);
}
