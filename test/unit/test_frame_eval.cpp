// Unit tests of the frame-recipe evaluator (runtime/frame_eval.c,
// hxrt_frame_eval.h): every op and operator, the errors, and the penguins
// cleansing of samples/penguins.hx written as a recipe. Expected values come
// from the reference shim (stdlib/ref/explorer.exs) run under Elixir, e.g.
//   elixir -r stdlib/ref/nx.exs -r stdlib/ref/explorer.exs -e '...'
// Every test also checks that no array leaks, on success and on error.
#include <catch2/catch.hpp>

#include "hxrt_frame_eval.h"
#include "hxrt_loop.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>
#include <zlib.h>

namespace {

const hx_srcloc kLoc = {"model.hx", 9, "Model.load/0"};

std::string write_file(const std::string& name, const std::string& text) {
  static std::string dir;
  if (dir.empty()) {
    char tmpl[] = "/tmp/hx_test_frame_eval_XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    dir = tmpl;
  }
  std::string path = dir + "/" + name;
  FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f);
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  return path;
}

/// The repository root, from this file's path (CMake compiles it by its full path).
std::string repo_root() {
  std::string f = __FILE__;
  return f.substr(0, f.rfind("/test/unit/"));
}

/// One recipe line: fields joined by US.
std::string L(const std::vector<std::string>& fields) {
  std::string s;
  for (size_t i = 0; i < fields.size(); i++) s += (i ? "\x1f" : "") + fields[i];
  return s + "\n";
}
/// A list or an expression: items joined by RS.
std::string X(const std::vector<std::string>& items) {
  std::string s;
  for (size_t i = 0; i < items.size(); i++) s += (i ? "\x1e" : "") + items[i];
  return s;
}

/// The small frame most tests start from (NA is nil):
///   a s64 [1, -3, nil, 7]; b f64 [2.5, nil, 0.0, -1.5];
///   s string ["x", "y", "x", nil]; t boolean [true, false, nil, true]
std::string ops_csv() {
  static std::string p = write_file("ops.csv", "a,b,s,t\n1,2.5,x,true\n-3,NA,y,false\nNA,0.0,x,NA\n7,-1.5,NA,true\n");
  return L({"csv", p, "1", ",", "NA"});
}

std::string num(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char b[64];
  hx_format_float(b, sizeof b, x);
  return b;
}

/// A column as "dtype [v, ...]": floats as Elixir prints them, strings quoted.
std::string show(const hx_frame* f, const std::string& name) {
  int64_t c = hx_frame_column_index(f, name.c_str());
  if (c < 0) return "no column " + name;
  int dt = hx_frame_column_dtype(f, c);
  std::string s = std::string(hx_dtype_name(dt)) + " [";
  const uint8_t* v = hx_frame_valid(f, c);
  for (int64_t i = 0; i < hx_frame_n_rows(f); i++) {
    if (i) s += ", ";
    if (!v[i]) {
      s += "nil";
      continue;
    }
    switch (dt) {
    case HX_DT_F64: s += num(hx_frame_f64(f, c)[i]); break;
    case HX_DT_S64: s += std::to_string(hx_frame_s64(f, c)[i]); break;
    case HX_DT_BOOL: s += hx_frame_bool(f, c)[i] ? "true" : "false"; break;
    default: {
      int64_t len = 0;
      const char* t = hx_frame_string(f, c, i, &len);
      s += "\"" + std::string(t, (size_t)len) + "\"";
    }
    }
  }
  return s + "]";
}

std::string names(const hx_frame* f) {
  std::string s;
  for (int64_t c = 0; c < hx_frame_n_columns(f); c++) s += (c ? "," : "") + std::string(hx_frame_column_name(f, c));
  return s;
}

/// A context whose arrays are all freed again by the end of the test.
struct Ctx {
  hx_context* ctx = hx_context_new();
  int64_t live = hxrt_live_arrays(nullptr);
  ~Ctx() {
    hx_context_free(ctx);
    CHECK(hxrt_live_arrays(nullptr) == live);
  }
  /// Evaluates a recipe that must succeed; the frame is freed with the Ctx.
  hx_frame* ok(const std::string& recipe) {
    hx_frame* f = nullptr;
    int rc = hx_frame_eval(ctx, recipe.c_str(), &f);
    INFO(hx_context_error(ctx));
    REQUIRE(rc == HX_OK);
    REQUIRE(f != nullptr);
    frames.push_back(f);
    return f;
  }
  /// Evaluates a recipe that must fail with ArgumentError; its message.
  std::string err(const std::string& recipe) {
    hx_frame* f = reinterpret_cast<hx_frame*>(1);
    int rc = hx_frame_eval(ctx, recipe.c_str(), &f);
    CHECK(f == nullptr);
    CHECK(rc == HX_ERR_ARGUMENT);
    return hx_context_error(ctx);
  }
  /// The column `name` of one mutate over the ops frame.
  std::string mutate(const std::string& expr) {
    return show(ok(ops_csv() + L({"mutate", "x", expr})), "x");
  }
  std::string mutate_err(const std::string& expr) { return err(ops_csv() + L({"mutate", "x", expr})); }
  std::vector<hx_frame*> frames;
  void free_frames() {
    for (hx_frame* f : frames) hx_frame_free(ctx, f);
    frames.clear();
  }
};

struct Scope : Ctx {
  ~Scope() { free_frames(); }
};

const char* kArg = "** (ArgumentError) ";

}  // namespace

TEST_CASE("frame_eval: csv, select and discard", "[frame_eval]") {
  Scope t;
  hx_frame* f = t.ok(ops_csv());
  CHECK(names(f) == "a,b,s,t");
  CHECK(show(f, "a") == "s64 [1, -3, nil, 7]");
  CHECK(show(f, "b") == "f64 [2.5, nil, 0.0, -1.5]");
  CHECK(show(f, "s") == "string [\"x\", \"y\", \"x\", nil]");
  CHECK(show(f, "t") == "boolean [true, false, nil, true]");
  CHECK(names(t.ok(ops_csv() + L({"select", X({"t", "a", "t"})}))) == "t,a");
  CHECK(names(t.ok(ops_csv() + L({"discard", X({"s", "a"})}))) == "b,t");
  CHECK(names(t.ok(ops_csv() + L({"select", ""}))) == "");
  CHECK(t.err(ops_csv() + L({"select", X({"a", "zz"})})) == std::string(kArg) + "the data frame has no column \"zz\"");
  CHECK(t.err(ops_csv() + L({"discard", X({"bb"})})) ==
        std::string(kArg) + "the data frame has no column \"bb\" (did you mean \"b\"?)");
  // Without a header, other delimiter, other nil values.
  std::string p = write_file("semi.csv", "1;x\n-;y\n");
  hx_frame* g = t.ok(L({"csv", p, "0", ";", X({"-", "y"})}));
  CHECK(show(g, "column_1") == "s64 [1, nil]");
  CHECK(show(g, "column_2") == "string [\"x\", nil]");
  // Identical csv lines share one read (and one set of arrays): still freed once.
  hx_frame* h = t.ok(ops_csv() + ops_csv() + L({"concat", "2"}));
  CHECK(names(h) == "a,b,s,t,a_1,b_1,s_1,t_1");
  CHECK(show(h, "s_1") == show(h, "s"));
}

TEST_CASE("frame_eval: csv errors name the file, line and column", "[frame_eval]") {
  Scope t;
  std::string bad = write_file("bad.csv", "a,b\n1,2\n3\n");
  CHECK(t.err(L({"csv", bad, "1", ",", ""})) == std::string(kArg) + bad + ":3:2: expected 2 fields, found 1");
  std::string missing = bad + ".nope";
  std::string e = t.err(L({"csv", missing, "1", ",", ""}));
  CHECK(e.find(missing + ": ") != std::string::npos);
}

TEST_CASE("frame_eval: drop_nil, filter, slice, shuffle", "[frame_eval]") {
  Scope t;
  CHECK(show(t.ok(ops_csv() + L({"drop_nil", ""})), "a") == "s64 [1]");
  CHECK(show(t.ok(ops_csv() + L({"drop_nil", X({"a"})})), "a") == "s64 [1, -3, 7]");
  CHECK(show(t.ok(ops_csv() + L({"drop_nil", X({"a", "s"})})), "s") == "string [\"x\", \"y\"]");
  // filter: nil is false.
  hx_frame* f = t.ok(ops_csv() + L({"filter", X({"o:>", "c:a", "i:0"})}));
  CHECK(show(f, "a") == "s64 [1, 7]");
  CHECK(show(f, "s") == "string [\"x\", nil]");
  CHECK(hx_frame_n_rows(t.ok(ops_csv() + L({"filter", "b:1"}))) == 4);
  CHECK(hx_frame_n_rows(t.ok(ops_csv() + L({"filter", "b:0"}))) == 0);
  CHECK(hx_frame_n_rows(t.ok(ops_csv() + L({"filter", X({"o:>", "o:mean", "c:a", "i:100"})}))) == 0);
  CHECK(t.err(ops_csv() + L({"filter", "c:a"})) ==
        std::string(kArg) +
            "expecting the function to return a boolean LazySeries, but instead it returned a LazySeries of type "
            "{:s, 64}");
  CHECK(t.err(ops_csv() + L({"filter", "i:1"})) ==
        std::string(kArg) +
            "expecting the function to return a single or a list of boolean LazySeries, but instead it "
            "contains:\n1");
  // slice: Polars' clamped window (shim: {[-3, nil], [nil, 7], [], []}).
  CHECK(show(t.ok(ops_csv() + L({"slice", "-3", "2"})), "a") == "s64 [-3, nil]");
  CHECK(show(t.ok(ops_csv() + L({"slice", "2", "10"})), "a") == "s64 [nil, 7]");
  CHECK(show(t.ok(ops_csv() + L({"slice", "-10", "2"})), "a") == "s64 []");
  CHECK(show(t.ok(ops_csv() + L({"slice", "9", "2"})), "a") == "s64 []");
  CHECK(t.err(ops_csv() + L({"slice", "0", "-1"})).find("length must be >= 0") != std::string::npos);
  // shuffle: row i is row p[i], p = hxrt_loop_permutation(n, seed, 0); the shim's
  // DF.shuffle(seed: 42) of 0..9 gives [4, 2, 8, 6, 7, 1, 5, 9, 3, 0].
  std::string ten = write_file("ten.csv", "i,s\n0,r0\n1,r1\n2,r2\n3,r3\n4,r4\n5,r5\n6,r6\n7,r7\n8,r8\n9,r9\n");
  hx_frame* s = t.ok(L({"csv", ten, "1", ",", ""}) + L({"shuffle", "42"}));
  CHECK(show(s, "i") == "s64 [4, 2, 8, 6, 7, 1, 5, 9, 3, 0]");
  CHECK(show(s, "s") == "string [\"r4\", \"r2\", \"r8\", \"r6\", \"r7\", \"r1\", \"r5\", \"r9\", \"r3\", \"r0\"]");
  CHECK(show(t.ok(L({"csv", ten, "1", ",", ""}) + L({"shuffle", "-5"})), "i") ==
        "s64 [2, 3, 8, 7, 9, 6, 0, 4, 1, 5]");
  // shuffle without a seed: some permutation of the rows
  const int64_t* r = hx_frame_s64(t.ok(L({"csv", ten, "1", ",", ""}) + L({"shuffle", "random"})), 0);
  std::vector<int64_t> seen(r, r + 10);
  std::sort(seen.begin(), seen.end());
  for (int64_t i = 0; i < 10; i++) CHECK(seen[size_t(i)] == i);
}

TEST_CASE("frame_eval: csv's columns and dtypes", "[frame_eval]") {
  Scope t;
  std::string p = write_file("opts.csv", "a,b,c\n1,x,2.5\n3,y,NA\n");
  // by name, in the order given; b read as a category, a as f64
  hx_frame* f = t.ok(L({"csv", p, "1", ",", "NA", X({"s:c", "s:b", "s:a"}), X({"b\x1d" "category", "a\x1d" "f64"})}));
  CHECK(names(f) == "c,b,a");
  CHECK(show(f, "a") == "f64 [1.0, 3.0]");
  CHECK(hx_frame_column_dtype(f, 1) == HX_DT_CATEGORY);
  // by 0-based index
  CHECK(names(t.ok(L({"csv", p, "1", ",", "", X({"i:2", "i:0"}), ""}))) == "c,a");
  CHECK(t.err(L({"csv", p, "1", ",", "", X({"s:zz"}), ""})).find("zz") != std::string::npos);
  CHECK(t.err(L({"csv", p, "1", ",", "", "", X({"a\x1d" "u8"})})).find("malformed") != std::string::npos);
}

TEST_CASE("frame_eval: mutate puts columns in order, all computed from the input", "[frame_eval]") {
  Scope t;
  // a replaced in place; w (from the old a) and k appended (the shim: a [2, -2, nil, 8], w [1, -3, nil, 7]).
  hx_frame* f = t.ok(ops_csv() + L({"mutate", "a", X({"o:+", "c:a", "i:1"}), "w", "c:a", "k", "f:0.5"}));
  CHECK(names(f) == "a,b,s,t,w,k");
  CHECK(show(f, "a") == "s64 [2, -2, nil, 8]");
  CHECK(show(f, "w") == "s64 [1, -3, nil, 7]");
  CHECK(show(f, "k") == "f64 [0.5, 0.5, 0.5, 0.5]");
  // A later pair with the same name replaces the earlier one.
  CHECK(show(t.ok(ops_csv() + L({"mutate", "q", "i:1", "q", "s:z"})), "q") == "string [\"z\", \"z\", \"z\", \"z\"]");
  // A nil column may live in between, but not in the result.
  CHECK(show(t.ok(ops_csv() + L({"mutate", "z", "n:"}) + L({"mutate", "z", X({"o:fill_missing", "c:z", "i:3"})})),
             "z") == "s64 [3, 3, 3, 3]");
  CHECK(t.err(ops_csv() + L({"mutate", "z", "n:"})).find("column \"z\" has dtype null") != std::string::npos);
}

TEST_CASE("frame_eval: arithmetic follows the shim's dtypes, nils and IEEE rules", "[frame_eval]") {
  Scope t;
  CHECK(t.mutate(X({"o:+", "c:a", "c:b"})) == "f64 [3.5, nil, nil, 5.5]");
  CHECK(t.mutate(X({"o:/", "c:a", "i:2"})) == "f64 [0.5, -1.5, nil, 3.5]");
  CHECK(t.mutate(X({"o:**", "c:a", "i:2"})) == "s64 [1, 9, nil, 49]");
  CHECK(t.mutate(X({"o:-", "c:a", "i:1"})) == "s64 [0, -4, nil, 6]");
  CHECK(t.mutate(X({"o:*", "c:b", "f:2"})) == "f64 [5.0, nil, 0.0, -3.0]");
  CHECK(t.mutate(X({"o:/", "c:b", "i:0"})) == "f64 [inf, nil, NaN, -inf]");
  CHECK(t.mutate(X({"o:**", "c:b", "f:0.5"})) == "f64 [1.5811388300841898, nil, 0.0, NaN]");
  CHECK(t.mutate(X({"o:neg", "c:a"})) == "s64 [-1, 3, nil, -7]");
  CHECK(t.mutate(X({"o:neg", "c:b"})) == "f64 [-2.5, nil, -0.0, 1.5]");
  CHECK(t.mutate(X({"o:+", "c:a", "n:"})) == "s64 [nil, nil, nil, nil]");
  // Integers wrap; scalars combine into a scalar, repeated.
  CHECK(t.mutate(X({"o:+", "i:9223372036854775807", "i:1"})) ==
        "s64 [-9223372036854775808, -9223372036854775808, -9223372036854775808, -9223372036854775808]");
  CHECK(t.mutate(X({"o:**", "i:2", "i:63"})) ==
        "s64 [-9223372036854775808, -9223372036854775808, -9223372036854775808, -9223372036854775808]");
  // ** on floats: NaN for a negative base with a fractional exponent, +inf where Elixir raises.
  CHECK(t.mutate(X({"o:**", "f:-8.0", "o:/", "i:1", "i:3"})) == "f64 [NaN, NaN, NaN, NaN]");
  CHECK(t.mutate(X({"o:**", "f:10.0", "i:400"})) == "f64 [inf, inf, inf, inf]");
  CHECK(t.mutate(X({"o:**", "f:0.0", "i:-1"})) == "f64 [inf, inf, inf, inf]");
  CHECK(t.mutate(X({"o:**", "f:inf", "i:2"})) == "f64 [NaN, NaN, NaN, NaN]");
  CHECK(t.mutate(X({"o:**", "f:-10.0", "i:401"})) == "f64 [inf, inf, inf, inf]");  // C's pow: -inf
  CHECK(t.mutate(X({"o:**", "f:-0.0", "i:-1"})) == "f64 [inf, inf, inf, inf]");
  CHECK(t.mutate(X({"o:**", "f:-2.0", "i:3"})) == "f64 [-8.0, -8.0, -8.0, -8.0]");
  CHECK(t.mutate(X({"o:**", "i:2", "f:-1.0"})) == "f64 [0.5, 0.5, 0.5, 0.5]");
  CHECK(t.mutate(X({"o:+", "f:inf", "f:-inf"})) == "f64 [NaN, NaN, NaN, NaN]");
  CHECK(t.mutate_err(X({"o:**", "c:a", "i:-1"})) == std::string(kArg) + "negative exponent with an integer base");
  CHECK(t.mutate_err(X({"o:+", "c:a", "c:s"})) ==
        std::string(kArg) + "cannot invoke Explorer.Series.add/2 with mismatched dtypes: {:s, 64} and :string");
  CHECK(t.mutate_err(X({"o:neg", "c:t"})) ==
        std::string(kArg) + "cannot invoke Explorer.Series.multiply/2 with mismatched dtypes: :boolean and {:s, 64}");
}

TEST_CASE("frame_eval: comparisons, Kleene logic, nils", "[frame_eval]") {
  Scope t;
  CHECK(t.mutate(X({"o:>", "c:b", "f:0.0"})) == "boolean [true, nil, false, false]");
  CHECK(t.mutate(X({"o:==", "c:s", "s:x"})) == "boolean [true, false, true, nil]");
  CHECK(t.mutate(X({"o:<", "c:s", "s:y"})) == "boolean [true, false, true, nil]");
  CHECK(t.mutate(X({"o:!=", "c:a", "i:1"})) == "boolean [false, true, nil, true]");
  CHECK(t.mutate(X({"o:<=", "c:a", "c:b"})) == "boolean [true, nil, nil, false]");
  // NaN is above every number and equal to itself (Polars' total order).
  CHECK(t.mutate(X({"o:>=", "c:b", "o:/", "c:b", "i:0"})) == "boolean [false, nil, false, true]");
  CHECK(t.mutate(X({"o:==", "f:nan", "f:nan"})) == "boolean [true, true, true, true]");
  CHECK(t.mutate(X({"o:<", "f:inf", "f:nan"})) == "boolean [true, true, true, true]");
  CHECK(t.mutate(X({"o:and", "c:t", "o:>", "c:a", "i:0"})) == "boolean [true, false, nil, true]");
  CHECK(t.mutate(X({"o:or", "c:t", "o:>", "c:a", "i:0"})) == "boolean [true, false, nil, true]");
  CHECK(t.mutate(X({"o:and", "c:t", "b:0"})) == "boolean [false, false, false, false]");
  CHECK(t.mutate(X({"o:or", "c:t", "b:1"})) == "boolean [true, true, true, true]");
  CHECK(t.mutate(X({"o:or", "c:t", "n:"})) == "boolean [true, nil, nil, true]");
  CHECK(t.mutate(X({"o:not", "c:t"})) == "boolean [false, true, nil, false]");
  CHECK(t.mutate(X({"o:is_nil", "c:a"})) == "boolean [false, false, true, false]");
  CHECK(t.mutate(X({"o:is_not_nil", "c:s"})) == "boolean [true, true, true, false]");
  CHECK(t.mutate_err(X({"o:<", "c:a", "c:s"})) ==
        std::string(kArg) + "cannot invoke Explorer.Series.less/2 with mismatched dtypes: {:s, 64} and :string");
  CHECK(t.mutate_err(X({"o:and", "c:t", "c:a"})) ==
        std::string(kArg) + "cannot invoke Explorer.Series.and/2 with mismatched dtypes: :boolean and {:s, 64}");
  CHECK(t.mutate_err(X({"o:not", "c:a"})).find("Explorer.Series.not/1 expects a boolean series") !=
        std::string::npos);
}

TEST_CASE("frame_eval: element-wise functions and aggregations", "[frame_eval]") {
  Scope t;
  CHECK(t.mutate(X({"o:abs", "c:a"})) == "s64 [1, 3, nil, 7]");
  CHECK(t.mutate(X({"o:sqrt", "c:b"})) == "f64 [1.5811388300841898, nil, 0.0, NaN]");
  CHECK(t.mutate(X({"o:exp", "c:b"})) == "f64 [12.182493960703473, nil, 1.0, 0.22313016014842982]");
  CHECK(t.mutate(X({"o:log", "c:b"})) == "f64 [0.9162907318741551, nil, -inf, NaN]");
  // The shim's numbers for b = [2.5, nil, 0.0, -1.5] and a = [1, -3, nil, 7].
  auto one = [&](const std::string& e) {
    std::string s = t.mutate(e);
    return s.substr(0, s.find(',')) + "]";
  };
  CHECK(one(X({"o:mean", "c:b"})) == "f64 [0.3333333333333333]");
  CHECK(one(X({"o:standard_deviation", "c:b"})) == "f64 [2.02072594216369]");
  CHECK(one(X({"o:variance", "c:b"})) == "f64 [4.083333333333332]");
  CHECK(one(X({"o:min", "c:b"})) == "f64 [-1.5]");
  CHECK(one(X({"o:max", "c:b"})) == "f64 [2.5]");
  CHECK(one(X({"o:sum", "c:b"})) == "f64 [1.0]");
  CHECK(one(X({"o:count", "c:b"})) == "s64 [3]");
  CHECK(one(X({"o:nil_count", "c:b"})) == "s64 [1]");
  CHECK(one(X({"o:median", "c:b"})) == "f64 [0.0]");
  CHECK(one(X({"o:mean", "c:a"})) == "f64 [1.6666666666666667]");
  CHECK(one(X({"o:standard_deviation", "c:a"})) == "f64 [5.033222956847167]");
  CHECK(one(X({"o:sum", "c:a"})) == "s64 [5]");
  CHECK(one(X({"o:min", "c:a"})) == "s64 [-3]");
  CHECK(one(X({"o:median", "c:a"})) == "f64 [1.0]");
  CHECK(one(X({"o:min", "c:s"})) == "string [\"x\"]");
  CHECK(one(X({"o:max", "c:s"})) == "string [\"y\"]");
  CHECK(one(X({"o:max", "o:/", "c:b", "i:0"})) == "f64 [NaN]");  // NaN is the largest
  CHECK(one(X({"o:min", "o:/", "c:b", "i:0"})) == "f64 [-inf]");
  // Aggregations of aggregations' arithmetic stay scalars.
  CHECK(one(X({"o:-", "o:mean", "c:b", "i:1"})) == "f64 [-0.6666666666666667]");
  CHECK(t.mutate_err(X({"o:sum", "c:s"})) ==
        std::string(kArg) +
            "Explorer.Series.sum/1 not implemented for dtype :string. Valid dtypes are {:f, 64} and {:s, 64}");
  CHECK(t.mutate_err(X({"o:standard_deviation", "c:t"})) ==
        std::string(kArg) +
            "Explorer.Series.variance/1 not implemented for dtype :boolean. Valid dtypes are {:f, 64} and {:s, 64}");
  CHECK(t.mutate_err(X({"o:min", "c:t"})) == std::string(kArg) + "Explorer.Series.min/1 !implemented for dtype :boolean");
  CHECK(t.mutate_err(X({"o:mean", "i:1"})).find("Explorer.Series.mean/1 expects a series") != std::string::npos);
}

TEST_CASE("frame_eval: fill_missing by value and by strategy", "[frame_eval]") {
  Scope t;
  auto fill = [&](const std::string& col, const std::string& v) {
    return t.mutate(X({"o:fill_missing", "c:" + col, v}));
  };
  CHECK(fill("a", "a:mean") == "s64 [1, -3, 1, 7]");  // the mean 1.67 truncated
  CHECK(fill("b", "a:forward") == "f64 [2.5, 2.5, 0.0, -1.5]");
  CHECK(fill("b", "a:backward") == "f64 [2.5, 0.0, 0.0, -1.5]");
  CHECK(fill("b", "a:min") == "f64 [2.5, -1.5, 0.0, -1.5]");
  CHECK(fill("s", "a:max") == "string [\"x\", \"y\", \"x\", \"y\"]");
  CHECK(fill("s", "a:min") == "string [\"x\", \"y\", \"x\", \"x\"]");
  CHECK(fill("t", "b:1") == "boolean [true, false, true, true]");
  CHECK(fill("a", "f:2.5") == "f64 [1.0, -3.0, 2.5, 7.0]");
  CHECK(fill("a", "i:0") == "s64 [1, -3, 0, 7]");
  CHECK(fill("b", "i:4") == "f64 [2.5, 4.0, 0.0, -1.5]");
  CHECK(fill("s", "s:zz") == "string [\"x\", \"y\", \"x\", \"zz\"]");
  CHECK(fill("a", "n:") == "s64 [1, -3, nil, 7]");
  CHECK(fill("b", X({"o:mean", "c:b"})) == "f64 [2.5, 0.3333333333333333, 0.0, -1.5]");
  // Leading nils stay with forward, trailing ones with backward.
  std::string p = write_file("holes.csv", "v\nNA\n2\nNA\n");
  auto holes = [&](const std::string& strategy) {
    return show(t.ok(L({"csv", p, "1", ",", "NA"}) + L({"mutate", "v", X({"o:fill_missing", "c:v", strategy})})),
                "v");
  };
  CHECK(holes("a:forward") == "s64 [nil, 2, 2]");
  CHECK(holes("a:backward") == "s64 [2, 2, nil]");
  CHECK(t.mutate_err(X({"o:fill_missing", "c:a", "s:zz"})) ==
        std::string(kArg) +
            "cannot invoke Explorer.Series.fill_missing/2 with mismatched dtypes: {:s, 64} and \"zz\"");
  CHECK(t.mutate_err(X({"o:fill_missing", "c:t", "f:1.5"})) ==
        std::string(kArg) + "cannot invoke Explorer.Series.fill_missing/2 with mismatched dtypes: :boolean and 1.5");
  CHECK(t.mutate_err(X({"o:fill_missing", "c:s", "a:mean"})) ==
        std::string(kArg) +
            "Explorer.Series.mean/1 not implemented for dtype :string. Valid dtypes are {:f, 64} and {:s, 64}");
}

TEST_CASE("frame_eval: cast", "[frame_eval]") {
  Scope t;
  hx_frame* f = t.ok(ops_csv() + L({"cast", "a", "string"}) + L({"cast", "b", "s64"}) + L({"cast", "t", "category"}));
  CHECK(show(f, "a") == "string [\"1\", \"-3\", nil, \"7\"]");
  CHECK(show(f, "b") == "s64 [2, nil, 0, -1]");
  CHECK(show(f, "t") == "category [\"true\", \"false\", nil, \"true\"]");
  int64_t tc = hx_frame_column_index(f, "t");
  CHECK(hx_frame_n_categories(f, tc) == 2);
  const int32_t* codes = hx_frame_category_codes(f, tc);
  CHECK((codes[0] == 0 && codes[1] == 1 && codes[2] == -1 && codes[3] == 0));
  CHECK(show(t.ok(ops_csv() + L({"cast", "b", "string"})), "b") == "string [\"2.5\", nil, \"0.0\", \"-1.5\"]");
  CHECK(show(t.ok(ops_csv() + L({"cast", "a", "f64"})), "a") == "f64 [1.0, -3.0, nil, 7.0]");
  // Floats as text are Polars' (the shim's csv_float): shortest digits, 1e16, 1e-7.
  std::string p = write_file("floats.csv", "x\n1e-7\n1e16\n123.456\n1.5e21\n0.00001\n-0.0\n100.0\n");
  CHECK(show(t.ok(L({"csv", p, "1", ",", ""}) + L({"cast", "x", "string"})), "x") ==
        "string [\"1e-7\", \"1e16\", \"123.456\", \"1.5e21\", \"0.00001\", \"-0.0\", \"100.0\"]");
  // Categories keep their dictionary through row ops (the shim's categories list).
  hx_frame* g = t.ok(ops_csv() + L({"cast", "s", "category"}) + L({"slice", "1", "1"}));
  CHECK(show(g, "s") == "category [\"y\"]");
  CHECK(hx_frame_n_categories(g, hx_frame_column_index(g, "s")) == 2);
  CHECK(hx_frame_category_codes(g, hx_frame_column_index(g, "s"))[0] == 1);
  CHECK(t.err(ops_csv() + L({"cast", "s", "f64"})) ==
        std::string(kArg) + "cannot cast series of dtype :string to {:f, 64} in the reference shim");
  CHECK(t.err(ops_csv() + L({"cast", "s", "u8"})).find("unsupported dtype \"u8\"") != std::string::npos);
  CHECK(t.err(ops_csv() + L({"mutate", "b", X({"o:/", "c:b", "i:0"})}) + L({"cast", "b", "s64"})) ==
        std::string(kArg) + "cannot cast Inf to s64");
}

TEST_CASE("frame_eval: dummies and concat", "[frame_eval]") {
  Scope t;
  // The shim: dummies(["s", "a"]) after filling s with "z" and a with 1.
  std::string filled = ops_csv() + L({"mutate", "s", X({"o:fill_missing", "c:s", "s:z"}), "a",
                                      X({"o:fill_missing", "c:a", "i:1"})});
  hx_frame* d = t.ok(filled + L({"dummies", X({"s", "a"})}));
  CHECK(names(d) == "s_x,s_y,s_z,a_1,a_-3,a_7");
  CHECK(show(d, "s_x") == "s64 [1, 0, 1, 0]");
  CHECK(show(d, "s_z") == "s64 [0, 0, 0, 1]");
  CHECK(show(d, "a_-3") == "s64 [0, 1, 0, 0]");
  CHECK(show(d, "a_1") == "s64 [1, 0, 1, 0]");
  hx_frame* b = t.ok(ops_csv() + L({"drop_nil", X({"t"})}) + L({"dummies", X({"t"})}));
  CHECK(names(b) == "t_true,t_false");
  CHECK(t.err(ops_csv() + L({"dummies", X({"s"})})) ==
        std::string(kArg) +
            "dummies/2: column \"s\" has nil values; fill or drop them first (hastec's Explorer subset does not "
            "name a column after nil)");
  CHECK(t.err(ops_csv() + L({"drop_nil", ""}) + L({"dummies", X({"b"})})).find("column \"b\" is f64") !=
        std::string::npos);
  CHECK(t.err(filled + L({"dummies", X({"s", "s"})})) == std::string(kArg) + "duplicate column name \"s_x\"");
  // concat: the shim's names for [df, df[a, s], df[a]].
  hx_frame* c = t.ok(ops_csv() + ops_csv() + L({"select", X({"a", "s"})}) + ops_csv() + L({"select", X({"a"})}) +
                     L({"concat", "3"}));
  CHECK(names(c) == "a,b,s,t,a_1,s_1,a_2");
  CHECK(t.err(ops_csv() + ops_csv() + L({"slice", "0", "2"}) + L({"concat", "2"})) ==
        std::string(kArg) + "concat_columns/1 expects frames with the same number of rows, got 4 and 2");
}

TEST_CASE("frame_eval: rows and columns assert what the compiler saw", "[frame_eval]") {
  Scope t;
  std::string p = write_file("grow.csv", "a,b\n1,x\n2,y\n");
  std::string r = L({"csv", p, "1", ",", ""}) + L({"rows", "2"}) + L({"columns", X({"a", "b"})}) +
                  L({"filter", X({"o:>", "c:a", "i:1"})}) + L({"rows", "1"});
  CHECK(hx_frame_n_rows(t.ok(r)) == 1);
  write_file("grow.csv", "a,b\n1,x\n2,y\n3,z\n");
  CHECK(t.err(r) == std::string(kArg) + p +
                        ": the data frame has 3 rows now but had 2 when the program was compiled (tensors have "
                        "static shapes: recompile the program)");
  write_file("grow.csv", "b,a\n1,x\n2,y\n");
  CHECK(t.err(r) == std::string(kArg) + p +
                        ": the data frame has the columns [b, a] now but had [a, b] when the program was compiled "
                        "(recompile the program)");
  CHECK(t.err(L({"rows", "2"})).rfind(std::string(kArg) + "internal error: malformed frame recipe", 0) == 0);
}

TEST_CASE("frame_eval: a malformed recipe is an internal error, never a crash", "[frame_eval]") {
  Scope t;
  const std::string internal = std::string(kArg) + "internal error: malformed frame recipe";
  for (std::string r : {L({"bogus"}), ops_csv() + L({"select"}), L({"select", "a"}), ops_csv() + ops_csv(),
                        std::string(""), ops_csv() + L({"concat", "2"}), ops_csv() + L({"mutate", "x"}),
                        ops_csv() + L({"filter", X({"o:>", "c:a"})}), ops_csv() + L({"filter", X({"b:1", "b:0"})}),
                        ops_csv() + L({"filter", "q:1"}), ops_csv() + L({"mutate", "x", "o:frobnicate"}),
                        ops_csv() + L({"mutate", "x", "i:12x"}), ops_csv() + L({"shuffle", "x"}),
                        ops_csv() + L({"mutate", "x", "a:forward"}), L({"csv", "a.csv", "2", ",", ""})}) {
    INFO(r);
    CHECK(t.err(r).rfind(internal, 0) == 0);
  }
}

namespace {

/// The penguins cleansing of samples/penguins.hx (Penguins.cleaned/1) as a recipe.
std::string penguins() {
  std::string p = repo_root() + "/samples/data/penguins.csv";
  std::string base = L({"csv", p, "1", ",", "NA"}) +
                     L({"drop_nil", X({"bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"})}) +
                     L({"mutate", "sex", X({"o:fill_missing", "c:sex", "s:unknown"})});
  std::vector<std::string> mutate = {"mutate"};
  for (std::string c : {"bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"}) {
    mutate.push_back(c);
    mutate.push_back(X({"o:/", "o:-", "c:" + c, "o:mean", "c:" + c, "o:standard_deviation", "c:" + c}));
  }
  return base + L({"discard", X({"island", "sex"})}) + base + L({"dummies", X({"island", "sex"})}) +
         L({"concat", "2"}) + L(mutate);
}

const char* kFeatures[] = {"bill_depth_mm",  "bill_length_mm",   "body_mass_g", "flipper_length_mm",
                           "island_Biscoe",  "island_Dream",     "island_Torgersen", "sex_female",
                           "sex_male",       "sex_unknown"};

double col_mean(const hx_frame* f, const char* name) {
  int64_t c = hx_frame_column_index(f, name);
  const double* d = hx_frame_f64(f, c);
  double s = 0.0;
  for (int64_t i = 0; i < hx_frame_n_rows(f); i++) s += d[i];
  return s / (double)hx_frame_n_rows(f);
}

}  // namespace

TEST_CASE("frame_eval: the penguins cleansing matches the shim", "[frame_eval]") {
  Scope t;
  hx_frame* f = t.ok(penguins());
  CHECK(hx_frame_n_rows(f) == 342);
  CHECK(names(f) ==
        "species,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,year,island_Torgersen,island_Biscoe,"
        "island_Dream,sex_male,sex_female,sex_unknown");
  // The shim's mean (left-to-right sum / n), exactly.
  CHECK(col_mean(f, "bill_length_mm") == -3.9533029221886425e-15);
  CHECK(col_mean(f, "bill_depth_mm") == -2.9411171354105024e-15);
  CHECK(col_mean(f, "flipper_length_mm") == -9.109022827772484e-16);
  CHECK(col_mean(f, "body_mass_g") == 1.2725363323188928e-16);
  // Row 0 and row 341, as the shim prints them.
  auto row = [&](int64_t i) {
    std::string s;
    for (int64_t c = 0; c < hx_frame_n_columns(f); c++) {
      std::string col = show(f, hx_frame_column_name(f, c));
      col = col.substr(col.find('[') + 1);
      for (int64_t k = 0; k < i; k++) col = col.substr(col.find(", ") + 2);
      s += (c ? ", " : "") + col.substr(0, col.find_first_of(",]"));
    }
    return s;
  };
  CHECK(row(0) == "\"Adelie\", -0.8832046685650126, 0.7843000691035998, -1.4162715251128202, -0.563316704196533, "
                  "2007, 1, 0, 0, 1, 0, 0");
  CHECK(row(341) == "\"Chinstrap\", 1.1499173754629346, 0.7843000691035998, -0.2073150360501375, "
                    "-0.5321428671681812, 2009, 0, 0, 1, 0, 1, 0");
  // Through the evaluator's own aggregations too.
  hx_frame* s = t.ok(penguins() + L({"mutate", "m", X({"o:mean", "c:bill_length_mm"}), "sd",
                                      X({"o:standard_deviation", "c:body_mass_g"}), "n",
                                      X({"o:sum", "c:sex_unknown"})}) +
                     L({"slice", "0", "1"}));
  CHECK(show(s, "m") == "f64 [-3.9533029221886425e-15]");
  CHECK(show(s, "sd") == "f64 [0.9999999999999996]");
  CHECK(show(s, "n") == "s64 [9]");
  // The train split (year < 2009) and the shim's shuffled head.
  CHECK(hx_frame_n_rows(t.ok(penguins() + L({"filter", X({"o:<", "c:year", "i:2009"})}))) == 223);
  hx_frame* sh = t.ok(penguins() + L({"shuffle", "42"}) + L({"slice", "0", "274"}) + L({"slice", "0", "3"}));
  CHECK(show(sh, "bill_length_mm") == "f64 [1.4979292568731235, -0.9198374981871382, 0.4722100274536185]");
  CHECK(show(sh, "year") == "s64 [2009, 2007, 2007]");
  CHECK(show(sh, "species") == "string [\"Gentoo\", \"Adelie\", \"Gentoo\"]");
  // The raw file's statistics (shim: 43.921929824561424, 4050.0, 197.73179160021266, 11).
  std::string raw = L({"csv", repo_root() + "/samples/data/penguins.csv", "1", ",", "NA"});
  hx_frame* r = t.ok(raw + L({"mutate", "m", X({"o:mean", "c:bill_length_mm"}), "md", X({"o:median", "c:body_mass_g"}),
                               "v", X({"o:variance", "c:flipper_length_mm"}), "nc", X({"o:nil_count", "c:sex"}),
                               "mi", X({"o:min", "c:species"}), "mx", X({"o:max", "c:island"})}) +
                     L({"slice", "0", "1"}));
  CHECK(show(r, "m") == "f64 [43.921929824561424]");
  CHECK(show(r, "md") == "f64 [4050.0]");
  CHECK(show(r, "v") == "f64 [197.73179160021266]");
  CHECK(show(r, "nc") == "s64 [11]");
  CHECK(show(r, "mi") == "string [\"Adelie\"]");
  CHECK(show(r, "mx") == "string [\"Torgersen\"]");
}

namespace {

struct TArgs {
  std::string text;
  int64_t rows, kind, axis_last;
};

void tensor_body(hx_context* ctx, void** args, void* ret) {
  auto* a = static_cast<TArgs*>(args[0]);
  *static_cast<hx_array**>(ret) =
      hxrt_frame_recipe_tensor(ctx, &kLoc, a->text.c_str(), a->rows, a->kind, a->axis_last);
}

void rows_body(hx_context* ctx, void** args, void* ret) {
  *static_cast<int64_t*>(ret) = hxrt_frame_recipe_rows(ctx, &kLoc, static_cast<const char*>(args[0]));
}

int tensor(hx_context* ctx, TArgs a, hx_array** out) {
  void* args[] = {&a};
  *out = nullptr;
  return hxrt_invoke(ctx, tensor_body, args, out);
}

std::string train_features() {
  std::vector<std::string> f(std::begin(kFeatures), std::end(kFeatures));
  return penguins() + L({"filter", X({"o:<", "c:year", "i:2009"})}) + L({"select", X(f)});
}

}  // namespace

TEST_CASE("frame_eval: hxrt_frame_recipe_tensor inside hxrt_invoke", "[frame_eval]") {
  Ctx t;
  hx_array* out;
  // x of Penguins.to_xy(train): f64 {223, 10}, row-major; the shim's x[0] and x[222].
  REQUIRE(tensor(t.ctx, {train_features(), 223, HX_KIND_F64, 1}, &out) == HX_OK);
  REQUIRE(hx_array_len(out) == 2230);
  const double* x = static_cast<const double*>(hx_array_cdata(out));
  const double x0[] = {0.7843000691035998, -0.8832046685650126, -0.563316704196533, -1.4162715251128202, 0, 0, 1, 0,
                       1, 0};
  const double x222[] = {-0.07654958197594491, 0.28904587934299264, -0.8750550744800514, -0.3495452112339825, 0, 1, 0,
                         1, 0, 0};
  for (int j = 0; j < 10; j++) {
    CHECK(x[j] == x0[j]);
    CHECK(x[222 * 10 + j] == x222[j]);
  }
  hx_array_free(t.ctx, out);
  // Column-major: element [j][r].
  REQUIRE(tensor(t.ctx, {train_features(), 223, HX_KIND_F64, 0}, &out) == HX_OK);
  x = static_cast<const double*>(hx_array_cdata(out));
  for (int j = 0; j < 10; j++) CHECK(x[j * 223 + 222] == x222[j]);
  hx_array_free(t.ctx, out);
  // y: species as category codes, s64 (shim: 99 Adelie, 80 Gentoo, 44 Chinstrap in train).
  std::string y = penguins() + L({"filter", X({"o:<", "c:year", "i:2009"})}) + L({"select", X({"species"})}) +
                  L({"cast", "species", "category"});
  REQUIRE(tensor(t.ctx, {y, 223, HX_KIND_I64, 1}, &out) == HX_OK);
  const int64_t* codes = static_cast<const int64_t*>(hx_array_cdata(out));
  int64_t counts[3] = {0, 0, 0};
  for (int i = 0; i < 223; i++) {
    REQUIRE((codes[i] >= 0 && codes[i] < 3));
    counts[codes[i]]++;
  }
  CHECK(counts[0] == 99);
  CHECK(counts[1] == 80);
  CHECK(counts[2] == 44);
  hx_array_free(t.ctx, out);
  // Booleans as 0/1; s64 converted to f64.
  std::string small = ops_csv() + L({"drop_nil", ""}) + L({"select", X({"t", "a"})});
  REQUIRE(tensor(t.ctx, {small, 1, HX_KIND_F64, 1}, &out) == HX_OK);
  CHECK(static_cast<const double*>(hx_array_cdata(out))[0] == 1.0);
  CHECK(static_cast<const double*>(hx_array_cdata(out))[1] == 1.0);
  hx_array_free(t.ctx, out);
  // The row count
  int64_t n = 0;
  std::string rec = penguins();
  void* args[] = {(void*)rec.c_str()};
  REQUIRE(hxrt_invoke(t.ctx, rows_body, args, &n) == HX_OK);
  CHECK(n == 342);
}

TEST_CASE("frame_eval: hxrt_frame_recipe_tensor errors", "[frame_eval]") {
  Ctx t;
  hx_array* out;
  std::string p = repo_root() + "/samples/data/penguins.csv";
  // The frame changed since the program was compiled.
  REQUIRE(tensor(t.ctx, {train_features(), 224, HX_KIND_F64, 1}, &out) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(t.ctx)) ==
        "** (ArgumentError) " + p +
            ": the data frame has 223 rows now but had 224 when the program was compiled (tensors have static "
            "shapes: recompile the program)\n    model.hx:9: Model.load/0");
  // A nil value: the column and the count of nils.
  std::string raw = L({"csv", p, "1", ",", "NA"}) + L({"select", X({"bill_length_mm", "year"})});
  REQUIRE(tensor(t.ctx, {raw, 344, HX_KIND_F64, 1}, &out) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(t.ctx))
            .find(": column \"bill_length_mm\" has nil values: cannot convert a series with nil values into a "
                  "tensor (2 of 344 are nil)\n    model.hx:9") != std::string::npos);
  // A string column.
  REQUIRE(tensor(t.ctx, {L({"csv", p, "1", ",", "NA"}), 344, HX_KIND_F64, 1}, &out) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(t.ctx)).find("column \"species\" is string") != std::string::npos);
  // User errors of the recipe are raised at the program's location.
  REQUIRE(tensor(t.ctx, {L({"csv", p + ".gone", "1", ",", ""}), 1, HX_KIND_F64, 1}, &out) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(t.ctx)).find("\n    model.hx:9: Model.load/0") != std::string::npos);
  REQUIRE(tensor(t.ctx, {L({"bogus"}), 1, HX_KIND_F64, 1}, &out) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(t.ctx)).find("internal error: malformed frame recipe") != std::string::npos);
}

TEST_CASE("frame_eval: gzip-compressed files read as plain ones", "[frame_eval]") {
  Ctx t;
  std::string p = write_file("d.csv.gz", "");
  gzFile g = gzopen(p.c_str(), "wb");
  REQUIRE(g);
  gzputs(g, "0,1,2\n3,4,5\n");
  gzclose(g);
  hx_array* out;
  std::string rec = L({"csv", p, "0", ",", ""}) + L({"select", X({"column_1", "column_3"})});
  REQUIRE(tensor(t.ctx, {rec, 2, HX_KIND_I64, 1}, &out) == HX_OK);
  const int64_t* s = static_cast<const int64_t*>(hx_array_cdata(out));
  CHECK(s[0] == 0);
  CHECK(s[1] == 2);
  CHECK(s[2] == 3);
  CHECK(s[3] == 5);
  hx_array_free(t.ctx, out);
}
