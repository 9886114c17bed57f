/// \file test_csv.cpp
/// Unit tests of libhxrt's data frames and CSV reader/writer (runtime/csv.c):
/// RFC 4180 quoting, CRLF, BOM, UTF-8, Explorer's options and type
/// inference, every error with its line:column, exact float parsing, the
/// parallel parse against a sequential one, streaming, and write -> read.
#include <catch2/catch.hpp>

#include <algorithm>

#include "hxrt_frame.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <unistd.h>

namespace {

struct Ctx {
  hx_context* ctx = hx_context_new();
  ~Ctx() { hx_context_free(ctx); }
  operator hx_context*() const { return ctx; }
};

std::string tmp_dir() {
  static std::string dir;
  if (dir.empty()) {
    char tmpl[] = "/tmp/hx_test_csv_XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    dir = tmpl;
  }
  return dir;
}

std::string write_file(const std::string& name, const std::string& text) {
  std::string path = tmp_dir() + "/" + name;
  FILE* fp = std::fopen(path.c_str(), "wb");
  REQUIRE(fp);
  REQUIRE(std::fwrite(text.data(), 1, text.size(), fp) == text.size());
  std::fclose(fp);
  return path;
}

std::string read_text(const std::string& path) {
  FILE* fp = std::fopen(path.c_str(), "rb");
  REQUIRE(fp);
  std::string s;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, fp)) > 0) s.append(buf, n);
  std::fclose(fp);
  return s;
}

/// A frame that frees itself.
struct Frame {
  hx_context* ctx;
  hx_frame* f = nullptr;
  explicit Frame(hx_context* c, hx_frame* fr = nullptr) : ctx(c), f(fr) {}
  Frame(const Frame&) = delete;
  ~Frame() { hx_frame_free(ctx, f); }
  hx_frame* operator->() const { return f; }
  int64_t col(const char* name) const {
    int64_t c = hx_frame_column_index(f, name);
    REQUIRE(c >= 0);
    return c;
  }
  bool valid(const char* name, int64_t row) const { return hx_frame_valid(f, col(name))[row] != 0; }
  double f64(const char* name, int64_t row) const {
    REQUIRE(hx_frame_f64(f, col(name)));
    return hx_frame_f64(f, col(name))[row];
  }
  int64_t s64(const char* name, int64_t row) const {
    REQUIRE(hx_frame_s64(f, col(name)));
    return hx_frame_s64(f, col(name))[row];
  }
  bool boolean(const char* name, int64_t row) const {
    REQUIRE(hx_frame_bool(f, col(name)));
    return hx_frame_bool(f, col(name))[row] != 0;
  }
  /// The row's text, or "<nil>" when missing.
  std::string str(const char* name, int64_t row) const {
    int64_t len = 0;
    const char* s = hx_frame_string(f, col(name), row, &len);
    return s ? std::string(s, (size_t)len) : std::string("<nil>");
  }
  int dtype(const char* name) const { return hx_frame_column_dtype(f, col(name)); }
};

/// Options with Explorer's defaults.
hxrt_csv_options defaults() {
  hxrt_csv_options o;
  hxrt_csv_options_init(&o);
  return o;
}

hx_frame* read_ok(hx_context* ctx, const std::string& path, const hxrt_csv_options* o = nullptr) {
  hx_frame* f = nullptr;
  int rc = hx_csv_read(ctx, path.c_str(), o, &f);
  INFO(hx_context_error(ctx));
  REQUIRE(rc == HX_OK);
  REQUIRE(f);
  return f;
}

/// The error text of a read that must fail with ArgumentError, without the
/// "** (ArgumentError) " prefix and with the temp folder replaced by "T".
std::string read_err(hx_context* ctx, const std::string& path, const hxrt_csv_options* o = nullptr) {
  hx_frame* f = nullptr;
  int64_t live = hxrt_live_arrays(ctx);
  int rc = hx_csv_read(ctx, path.c_str(), o, &f);
  CHECK(f == nullptr);
  CHECK(rc == HX_ERR_ARGUMENT);
  CHECK(hxrt_live_arrays(ctx) == live);  // a failed read frees what it made
  std::string m = hx_context_error(ctx);
  const std::string prefix = "** (ArgumentError) ";
  REQUIRE(m.compare(0, prefix.size(), prefix) == 0);
  m = m.substr(prefix.size());
  size_t at = m.find(tmp_dir());
  if (at != std::string::npos) m.replace(at, tmp_dir().size(), "T");
  return m;
}

std::string err_of(const std::string& name, const std::string& text, const hxrt_csv_options* o = nullptr) {
  Ctx ctx;
  return read_err(ctx, write_file(name, text), o);
}

uint64_t bits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, 8);
  return b;
}

/// Two frames hold the same columns and values (floats bit for bit).
void require_same(const hx_frame* a, const hx_frame* b) {
  REQUIRE(hx_frame_n_columns(a) == hx_frame_n_columns(b));
  REQUIRE(hx_frame_n_rows(a) == hx_frame_n_rows(b));
  int64_t n = hx_frame_n_rows(a);
  for (int64_t c = 0; c < hx_frame_n_columns(a); c++) {
    INFO("column " << hx_frame_column_name(a, c));
    REQUIRE(std::string(hx_frame_column_name(a, c)) == hx_frame_column_name(b, c));
    int dt = hx_frame_column_dtype(a, c);
    REQUIRE(dt == hx_frame_column_dtype(b, c));
    REQUIRE(std::memcmp(hx_frame_valid(a, c), hx_frame_valid(b, c), (size_t)n) == 0);
    for (int64_t i = 0; i < n; i++) {
      INFO("row " << i);
      switch (dt) {
      case HX_DT_F64: REQUIRE(bits(hx_frame_f64(a, c)[i]) == bits(hx_frame_f64(b, c)[i])); break;
      case HX_DT_S64: REQUIRE(hx_frame_s64(a, c)[i] == hx_frame_s64(b, c)[i]); break;
      case HX_DT_BOOL: REQUIRE(hx_frame_bool(a, c)[i] == hx_frame_bool(b, c)[i]); break;
      default: {
        int64_t la = 0, lb = 0;
        const char* sa = hx_frame_string(a, c, i, &la);
        const char* sb = hx_frame_string(b, c, i, &lb);
        REQUIRE((sa == nullptr) == (sb == nullptr));
        if (sa) REQUIRE(std::string(sa, (size_t)la) == std::string(sb, (size_t)lb));
        if (dt == HX_DT_CATEGORY) REQUIRE(hx_frame_category_codes(a, c)[i] == hx_frame_category_codes(b, c)[i]);
      }
      }
    }
  }
}

/// A deterministic generator (splitmix64).
struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  int64_t below(int64_t n) { return (int64_t)(next() % (uint64_t)n); }
};

/// The instruction sets the reader's scanners and number parsers are built
/// for (HX_CSV_SIMD picks one; a set the CPU lacks falls back to the best it
/// has). "" is the default: the best.
const char* const kSimdLevels[] = {"", "scalar", "sse2", "avx2", "avx512"};

/// Sets HX_CSV_SIMD for the reads made while it lives.
struct SimdLevel {
  explicit SimdLevel(const char* level) {
    if (*level) setenv("HX_CSV_SIMD", level, 1);
    else unsetenv("HX_CSV_SIMD");
  }
  ~SimdLevel() { unsetenv("HX_CSV_SIMD"); }
};

/// Sets HX_CSV_PATH while it lives: "direct" turns the reader's fallback
/// (when the first pass's row counts do not hold) into an error, so a test
/// sees that the counts held; "verify" forces the guess-and-verify parse.
struct ReadPath {
  explicit ReadPath(const char* path) { setenv("HX_CSV_PATH", path, 1); }
  ~ReadPath() { unsetenv("HX_CSV_PATH"); }
};

}  // namespace

// ---- reading ----------------------------------------------------------------

TEST_CASE("csv: header, inference of s64/f64/boolean/string, values", "[csv]") {
  Ctx ctx;
  Frame f(ctx, read_ok(ctx, write_file("basic.csv",
                                       "id,price,ok,name\n"
                                       "1,2.5,true,apple\n"
                                       "-7,3,FALSE,pear\n"
                                       "42,1e3,True,fig\n")));
  REQUIRE(hx_frame_n_rows(f.f) == 3);
  REQUIRE(hx_frame_n_columns(f.f) == 4);
  CHECK(std::string(hx_frame_column_name(f.f, 0)) == "id");
  CHECK(f.dtype("id") == HX_DT_S64);
  CHECK(f.dtype("price") == HX_DT_F64);
  CHECK(f.dtype("ok") == HX_DT_BOOL);
  CHECK(f.dtype("name") == HX_DT_STRING);
  CHECK(f.s64("id", 1) == -7);
  CHECK(f.f64("price", 1) == 3.0);
  CHECK(f.f64("price", 2) == 1000.0);
  CHECK(f.boolean("ok", 0));
  CHECK_FALSE(f.boolean("ok", 1));
  CHECK(f.boolean("ok", 2));
  CHECK(f.str("name", 2) == "fig");
  CHECK(std::string(hx_dtype_name(HX_DT_BOOL)) == "boolean");
}

TEST_CASE("csv: quoted fields hold delimiters, newlines and doubled quotes", "[csv]") {
  Ctx ctx;
  Frame f(ctx, read_ok(ctx, write_file("quoted.csv",
                                       "a,b\n"
                                       "\"x,y\",\"line1\nline2\"\n"
                                       "\"say \"\"hi\"\"\",\"\"\n"
                                       "\"12\",plain\n")));
  REQUIRE(hx_frame_n_rows(f.f) == 3);
  CHECK(f.dtype("a") == HX_DT_STRING);
  CHECK(f.str("a", 0) == "x,y");
  CHECK(f.str("b", 0) == "line1\nline2");
  CHECK(f.str("a", 1) == "say \"hi\"");
  CHECK(f.str("b", 1) == "");  // quoted empty: an empty string, present
  CHECK(f.valid("b", 1));
  CHECK(f.str("a", 2) == "12");
}

TEST_CASE("csv: a quoted number parses as its column's number", "[csv]") {
  Ctx ctx;
  Frame f(ctx, read_ok(ctx, write_file("qnum.csv", "x,y\n\"1\",\"2.5\"\n3,4\n")));
  CHECK(f.dtype("x") == HX_DT_S64);
  CHECK(f.s64("x", 0) == 1);
  CHECK(f.f64("y", 0) == 2.5);
}

TEST_CASE("csv: CRLF line ends, a BOM, no trailing newline", "[csv]") {
  Ctx ctx;
  Frame f(ctx, read_ok(ctx, write_file("crlf.csv", "\xEF\xBB\xBFk,v\r\n1,\"a\r\nb\"\r\n2,c\r\n3,d")));
  REQUIRE(hx_frame_n_rows(f.f) == 3);
  CHECK(std::string(hx_frame_column_name(f.f, 0)) == "k");  // the BOM is not part of the name
  CHECK(f.str("v", 0) == "a\r\nb");
  CHECK(f.str("v", 1) == "c");
  CHECK(f.str("v", 2) == "d");
  CHECK(f.s64("k", 2) == 3);
  Frame g(ctx, read_ok(ctx, write_file("crlf_end.csv", "k,v\r\n1,x\r\n")));
  CHECK(hx_frame_n_rows(g.f) == 1);
  CHECK(g.str("v", 0) == "x");
}

TEST_CASE("csv: UTF-8 text is kept byte for byte", "[csv]") {
  Ctx ctx;
  Frame f(ctx, read_ok(ctx, write_file("utf8.csv", "städte,n\nZürich,1\n東京,2\n\"🦀,x\",3\n")));
  CHECK(hx_frame_column_index(f.f, "städte") == 0);
  CHECK(f.str("städte", 0) == "Zürich");
  CHECK(f.str("städte", 1) == "東京");
  CHECK(f.str("städte", 2) == "🦀,x");
}

TEST_CASE("csv: without a header columns are column_1..column_N", "[csv]") {
  Ctx ctx;
  hxrt_csv_options o = defaults();
  o.header = false;
  hxrt_csv_dtype dt[] = {{"column_2", 0, HX_DT_F64}};
  o.dtypes = dt;
  o.n_dtypes = 1;
  Frame f(ctx, read_ok(ctx, write_file("nohead.csv", "1,2,x\n3,4,y\n"), &o));
  REQUIRE(hx_frame_n_rows(f.f) == 2);
  CHECK(std::string(hx_frame_column_name(f.f, 0)) == "column_1");
  CHECK(std::string(hx_frame_column_name(f.f, 2)) == "column_3");
  CHECK(f.dtype("column_1") == HX_DT_S64);
  CHECK(f.dtype("column_2") == HX_DT_F64);
  CHECK(f.f64("column_2", 1) == 4.0);
  CHECK(f.str("column_3", 0) == "x");
}

TEST_CASE("csv: nil_values and empty fields are missing", "[csv]") {
  Ctx ctx;
  hxrt_csv_options o = defaults();
  const char* nils[] = {"NA", "n/a"};
  o.nil_values = nils;
  o.n_nil_values = 2;
  Frame f(ctx, read_ok(ctx, write_file("nil.csv",
                                       "i,x,s,b\n"
                                       "1,1.5,a,true\n"
                                       "NA,,NA,n/a\n"
                                       ",NA,,false\n"
                                       "4,\"NA\",\"\",\n"),
                       &o));
  CHECK(f.dtype("i") == HX_DT_S64);
  CHECK(f.dtype("x") == HX_DT_F64);
  CHECK(f.dtype("s") == HX_DT_STRING);
  CHECK(f.dtype("b") == HX_DT_BOOL);
  CHECK_FALSE(f.valid("i", 1));
  CHECK(f.s64("i", 1) == 0);
  CHECK_FALSE(f.valid("i", 2));
  CHECK_FALSE(f.valid("x", 1));
  CHECK_FALSE(f.valid("x", 2));
  CHECK_FALSE(f.valid("x", 3));  // quoted nil values are nil too
  CHECK(f.str("s", 1) == "<nil>");
  CHECK(f.str("s", 2) == "<nil>");
  CHECK(f.str("s", 3) == "");  // "" is an empty string
  CHECK_FALSE(f.valid("b", 1));
  CHECK_FALSE(f.valid("b", 3));
  CHECK(f.valid("i", 3));
  // Without nil_values, "NA" is text: the column is a string column.
  Frame g(ctx, read_ok(ctx, write_file("nil2.csv", "i\n1\nNA\n")));
  CHECK(g.dtype("i") == HX_DT_STRING);
}

TEST_CASE("csv: dtypes force a column's dtype, category codes follow first appearance", "[csv]") {
  Ctx ctx;
  hxrt_csv_options o = defaults();
  hxrt_csv_dtype dt[] = {{"n", 0, HX_DT_F64}, {"c", 0, HX_DT_CATEGORY}, {nullptr, 2, HX_DT_STRING}};
  o.dtypes = dt;
  o.n_dtypes = 3;
  Frame f(ctx, read_ok(ctx, write_file("dtypes.csv", "n,c,t\n1,red,1\n2,blue,2\n3,,3\n4,red,4\n5,green,5\n"), &o));
  CHECK(f.dtype("n") == HX_DT_F64);
  CHECK(f.f64("n", 4) == 5.0);
  CHECK(f.dtype("t") == HX_DT_STRING);
  CHECK(f.str("t", 0) == "1");
  int64_t c = f.col("c");
  REQUIRE(f.dtype("c") == HX_DT_CATEGORY);
  REQUIRE(hx_frame_n_categories(f.f, c) == 3);
  const int32_t* codes = hx_frame_category_codes(f.f, c);
  CHECK(codes[0] == 0);
  CHECK(codes[1] == 1);
  CHECK(codes[2] == -1);
  CHECK(codes[3] == 0);
  CHECK(codes[4] == 2);
  int64_t len = 0;
  const char* green = hx_frame_category(f.f, c, 2, &len);
  CHECK(std::string(green, (size_t)len) == "green");
  CHECK(hx_frame_category(f.f, c, 3, &len) == nullptr);
  CHECK(f.str("c", 3) == "red");
  CHECK(f.str("c", 2) == "<nil>");
}

TEST_CASE("csv: columns keeps a subset, by name or index, in the order given", "[csv]") {
  Ctx ctx;
  std::string path = write_file("cols.csv", "a,b,c\n1,x,2.5\n2,y,3.5\n");
  hxrt_csv_options o = defaults();
  const char* names[] = {"c", "a"};
  o.columns = names;
  o.n_columns = 2;
  Frame f(ctx, read_ok(ctx, path, &o));
  REQUIRE(hx_frame_n_columns(f.f) == 2);
  CHECK(std::string(hx_frame_column_name(f.f, 0)) == "c");
  CHECK(std::string(hx_frame_column_name(f.f, 1)) == "a");
  CHECK(f.f64("c", 1) == 3.5);
  CHECK(f.s64("a", 1) == 2);

  hxrt_csv_options p = defaults();
  int64_t idx[] = {1};
  p.column_indices = idx;
  p.n_column_indices = 1;
  Frame g(ctx, read_ok(ctx, path, &p));
  REQUIRE(hx_frame_n_columns(g.f) == 1);
  CHECK(g.str("b", 0) == "x");

  const char* bad[] = {"zz"};
  o.columns = bad;
  o.n_columns = 1;
  CHECK(read_err(ctx, path, &o) == "T/cols.csv: columns: no column named \"zz\"");
  int64_t far[] = {3};
  p.column_indices = far;
  CHECK(read_err(ctx, path, &p) == "T/cols.csv: columns: no column at index 3 (the file has 3)");
}

TEST_CASE("csv: inference follows Polars' regexes", "[csv]") {
  Ctx ctx;
  Frame f(ctx, read_ok(ctx, write_file("infer.csv",
                                       "big,dot,plus,mix,none,lead,nan\n"
                                       "99999999999999999999,1.,+5,1,,.5,NaN\n"
                                       "1,2,6,true,,1,1.5\n")));
  CHECK(f.dtype("big") == HX_DT_F64);  // past int64: a float
  CHECK(f.f64("big", 0) == 1e20);
  CHECK(f.dtype("dot") == HX_DT_F64);  // "1." is a float
  CHECK(f.dtype("plus") == HX_DT_STRING);  // "+5" is no integer to Polars
  CHECK(f.dtype("mix") == HX_DT_STRING);   // integers and booleans mixed
  CHECK(f.dtype("none") == HX_DT_STRING);  // only missing values: string
  CHECK_FALSE(f.valid("none", 0));
  CHECK(f.dtype("lead") == HX_DT_F64);
  CHECK(f.f64("lead", 0) == 0.5);
  CHECK(f.dtype("nan") == HX_DT_F64);
  CHECK(std::isnan(f.f64("nan", 0)));
}

TEST_CASE("csv: dtypes are inferred from infer_schema_length rows", "[csv]") {
  Ctx ctx;
  std::string path = write_file("sample.csv", "x\n1\n2\n3.5\n");
  hxrt_csv_options o = defaults();
  o.infer_schema_length = 2;
  CHECK(read_err(ctx, path, &o) ==
        "T/sample.csv:4:1: \"3.5\" is not a valid s64 (column \"x\", dtype inferred from the first 2 rows)");
  o.infer_schema_length = 0;  // all rows
  Frame f(ctx, read_ok(ctx, path, &o));
  CHECK(f.dtype("x") == HX_DT_F64);
  CHECK(f.f64("x", 2) == 3.5);
}

TEST_CASE("csv: max_rows stops early", "[csv]") {
  Ctx ctx;
  hxrt_csv_options o = defaults();
  o.max_rows = 2;
  Frame f(ctx, read_ok(ctx, write_file("max.csv", "x\n1\n2\n3\nbad,row\n"), &o));
  REQUIRE(hx_frame_n_rows(f.f) == 2);
  CHECK(f.s64("x", 1) == 2);
}

TEST_CASE("csv: empty files, header-only files, blank lines", "[csv]") {
  Ctx ctx;
  Frame e(ctx, read_ok(ctx, write_file("empty.csv", "")));
  CHECK(hx_frame_n_columns(e.f) == 0);
  CHECK(hx_frame_n_rows(e.f) == 0);
  Frame h(ctx, read_ok(ctx, write_file("head.csv", "a,b\n")));
  CHECK(hx_frame_n_columns(h.f) == 2);
  CHECK(hx_frame_n_rows(h.f) == 0);
  CHECK(h.dtype("a") == HX_DT_STRING);
  Frame b(ctx, read_ok(ctx, write_file("blank.csv", "\na,b\n\n1,2\n\r\n3,4\n\n")));
  CHECK(hx_frame_n_rows(b.f) == 2);
  CHECK(b.s64("b", 1) == 4);
  // One column: a blank line is a missing value (the writer writes it so).
  Frame one(ctx, read_ok(ctx, write_file("one.csv", "v\n1\n\n3\n")));
  REQUIRE(hx_frame_n_rows(one.f) == 3);
  CHECK_FALSE(one.valid("v", 1));
  CHECK(one.s64("v", 2) == 3);
}

TEST_CASE("csv: duplicate header names are renamed as Polars does", "[csv]") {
  Ctx ctx;
  Frame f(ctx, read_ok(ctx, write_file("dup.csv", "a,a,b\n1,2,3\n")));
  CHECK(std::string(hx_frame_column_name(f.f, 1)) == "a_duplicated_0");
}

// ---- errors ------------------------------------------------------------------

TEST_CASE("csv errors: each names the file, line and column", "[csv][error]") {
  CHECK(err_of("few.csv", "a,b,c\n1,2,3\n4,5\n") == "T/few.csv:3:4: expected 3 fields, found 2");
  CHECK(err_of("many.csv", "a,b\n1,2,3,4\n") == "T/many.csv:2:5: expected 2 fields, found 4");
  CHECK(err_of("unterminated.csv", "a,b\n1,\"xy\n2,3\n") == "T/unterminated.csv:2:3: unterminated quoted field");
  CHECK(err_of("stray.csv", "a,b\n1,x\"y\n") ==
        "T/stray.csv:2:4: unexpected quote in an unquoted field (quote the whole field)");
  CHECK(err_of("after.csv", "a,b\n1,\"x\"y\n") == "T/after.csv:2:6: unexpected character after a closing quote");
  CHECK(err_of("utf8.csv", "a,b\n1,ok\n2,é,\xff\n") == "T/utf8.csv:3:5: expected 2 fields, found 3");
  CHECK(err_of("utf8b.csv", "a,b\n1,ok\n2,\"é\xff\"\n") == "T/utf8b.csv:3:5: invalid UTF-8");
  CHECK(err_of("utf8c.csv", "a,b\n1,ok\n2,\xc0\xaf\n") == "T/utf8c.csv:3:3: invalid UTF-8");  // overlong
  CHECK(err_of("head.csv", "a,\xed\xa0\x80\n1,2\n") == "T/head.csv:1:3: invalid UTF-8");    // a surrogate
  // An error in a quoted field spanning lines is placed on its own line.
  CHECK(err_of("late.csv", "a,b\n\"x\ny\",1\n\"p\nq\",2,3\n") == "T/late.csv:5:6: expected 2 fields, found 3");
  Ctx ctx;
  std::string missing = tmp_dir() + "/no_such.csv";
  CHECK(read_err(ctx, missing) == "T/no_such.csv: cannot open: No such file or directory");
  CHECK(read_err(ctx, tmp_dir()) == "T: is a directory");
}

TEST_CASE("csv errors: a value that does not parse as its forced dtype", "[csv][error]") {
  hxrt_csv_options o = defaults();
  hxrt_csv_dtype dt[] = {{"b", 0, HX_DT_S64}, {"c", 0, HX_DT_BOOL}, {"d", 0, HX_DT_F64}};
  o.dtypes = dt;
  o.n_dtypes = 3;
  CHECK(err_of("bad_s64.csv", "a,b,c,d\nx,1,true,1\ny,2x,false,1\n", &o) ==
        "T/bad_s64.csv:3:3: \"2x\" is not a valid s64 (column \"b\")");
  CHECK(err_of("big_s64.csv", "a,b,c,d\nx,9223372036854775808,true,1\n", &o) ==
        "T/big_s64.csv:2:3: \"9223372036854775808\" is not a valid s64 (column \"b\")");
  CHECK(err_of("bad_bool.csv", "a,b,c,d\nx,1,yes,1\n", &o) ==
        "T/bad_bool.csv:2:5: \"yes\" is not a valid boolean (column \"c\")");
  CHECK(err_of("bad_f64.csv", "a,b,c,d\nx,1,true,\"1.2.3\"\n", &o) ==
        "T/bad_f64.csv:2:10: \"1.2.3\" is not a valid f64 (column \"d\")");
  CHECK(err_of("bad_f64b.csv", "a,b,c,d\nx,1,true,0x10\n", &o) ==
        "T/bad_f64b.csv:2:10: \"0x10\" is not a valid f64 (column \"d\")");
  Ctx ctx;
  hxrt_csv_dtype unknown[] = {{"zz", 0, HX_DT_S64}};
  o.dtypes = unknown;
  o.n_dtypes = 1;
  CHECK(read_err(ctx, write_file("dt.csv", "a\n1\n"), &o) == "T/dt.csv: dtypes: no column named \"zz\"");
}

TEST_CASE("csv errors: hxrt_csv_read raises inside hxrt_invoke and frees everything", "[csv][error]") {
  Ctx ctx;
  std::string good = write_file("inv_ok.csv", "a,b\n1,x\n2,y\n");
  std::string bad = write_file("inv_bad.csv", "a,b\n1,x\n2\n");
  int64_t live = hxrt_live_arrays(ctx);
  struct Args {
    const char* path;
    hx_frame* out;
  } args{bad.c_str(), nullptr};
  void* argv[] = {&args};
  auto body = [](hx_context* c, void** a, void*) {
    Args* x = (Args*)a[0];
    x->out = hxrt_csv_read(c, x->path, nullptr);
    hxrt_raise(c, HX_ERR_ARITHMETIC, nullptr, nullptr);  // a later error in the same call
  };
  CHECK(hxrt_invoke(ctx, body, argv, nullptr) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)).find("inv_bad.csv:3:2: expected 2 fields, found 1") != std::string::npos);
  CHECK(hxrt_live_arrays(ctx) == live);
  // Read fine, then a raise in the same call: the frame's arrays are freed too.
  args.path = good.c_str();
  CHECK(hxrt_invoke(ctx, body, argv, nullptr) == HX_ERR_ARITHMETIC);
  CHECK(hxrt_live_arrays(ctx) == live);
  // Success: the frame belongs to the caller, and hx_frame_free frees it all.
  auto ok_body = [](hx_context* c, void** a, void*) {
    Args* x = (Args*)a[0];
    x->out = hxrt_csv_read(c, x->path, nullptr);
  };
  CHECK(hxrt_invoke(ctx, ok_body, argv, nullptr) == HX_OK);
  REQUIRE(args.out);
  CHECK(hx_frame_n_rows(args.out) == 2);
  CHECK(hxrt_live_arrays(ctx) > live);
  hx_frame_free(ctx, args.out);
  CHECK(hxrt_live_arrays(ctx) == live);
}

// ---- numbers -------------------------------------------------------------------

TEST_CASE("csv: floats equal strtod's bit for bit", "[csv][float]") {
  Rng rng{12345};
  std::vector<std::string> texts = {"0",         "-0.0",       "0.1",          "1e-7",     "5e-324",
                                    "2.2250738585072011e-308", "1.7976931348623157e308", "1e309",
                                    "123456789012345678901234567890", "0.30000000000000004",
                                    "9007199254740993", "1e22", "1e23", "4.9e-324", "2.5e-324",
                                    "-123.456e-7", ".5", "5.", "1E+5", "7e0"};
  for (int i = 0; i < 20000; i++) {
    std::string s;
    if (rng.below(4) == 0) s += "-";
    int nd = 1 + (int)rng.below(rng.below(3) == 0 ? 25 : 17);
    int point = (int)rng.below(nd + 1);
    for (int k = 0; k < nd; k++) {
      if (k == point && k > 0) s += ".";
      s += (char)('0' + rng.below(10));
    }
    if (rng.below(3) == 0) s += "e" + std::to_string((int)rng.below(700) - 350);
    texts.push_back(s);
  }
  std::string csv = "x\n";
  for (auto& t : texts) csv += t + "\n";
  Ctx ctx;
  hxrt_csv_options o = defaults();
  hxrt_csv_dtype dt[] = {{"x", 0, HX_DT_F64}};
  o.dtypes = dt;
  o.n_dtypes = 1;
  std::string path = write_file("floats.csv", csv);
  for (const char* level : kSimdLevels) {
    INFO("HX_CSV_SIMD=" << level);
    SimdLevel simd(level);
    Frame f(ctx, read_ok(ctx, path, &o));
    REQUIRE(hx_frame_n_rows(f.f) == (int64_t)texts.size());
    for (size_t i = 0; i < texts.size(); i++) {
      INFO(texts[i]);
      REQUIRE(bits(f.f64("x", (int64_t)i)) == bits(std::strtod(texts[i].c_str(), nullptr)));
    }
  }
}

TEST_CASE("csv: numbers at the edges of the one-shot number parser", "[csv][float]") {
  // The fast parser takes [-]digits[.digits] of at most 15 digits ending
  // within 16 bytes; everything else goes to the general parsers. Both
  // sides of each limit, in a row with other fields after (a delimiter
  // ends the number) and last in the row (a line end does).
  std::vector<std::string> f64s = {"0", "-0", "12.", ".5", "-.5", "5", "-7.25", "123456789012345",
                                   "1234567890123456", "12345678901234567", "-123456789012345",
                                   "9007199254740992", "9007199254740993", "900719925474099.3",
                                   "99999999999999.9", "0.00000000000001", "0.000000000000001",
                                   "123456789.123456", "000000000000012.5", "0.1234567890123456789",
                                   "1e5", "1.5E-3", "-2.5e+2", "+1.5", "1.", "66.281054", "-76.651054",
                                   "0.000492989186", "108.227476"};
  std::vector<std::string> s64s = {"0", "-0", "007", "+5", "999999999999999", "-999999999999999",
                                   "1000000000000000", "-1000000000000000", "9223372036854775807",
                                   "-9223372036854775808", "123456789012345678", "1"};
  std::string csv = "x,n,tail\n";
  for (size_t i = 0; i < std::max(f64s.size(), s64s.size()); i++)
    csv += f64s[i % f64s.size()] + "," + s64s[i % s64s.size()] + ",t\n";
  std::string last = "n,x\n";
  for (size_t i = 0; i < std::max(f64s.size(), s64s.size()); i++)
    last += s64s[i % s64s.size()] + "," + f64s[i % f64s.size()] + (i % 2 ? "\r\n" : "\n");
  last += "1,2.5";  // no line end at all
  Ctx ctx;
  hxrt_csv_options o = defaults();
  hxrt_csv_dtype dt[] = {{"x", 0, HX_DT_F64}, {"n", 0, HX_DT_S64}};
  o.dtypes = dt;
  o.n_dtypes = 2;
  std::string p1 = write_file("edges.csv", csv), p2 = write_file("edges_last.csv", last);
  for (const char* level : kSimdLevels) {
    INFO("HX_CSV_SIMD=" << level);
    SimdLevel simd(level);
    for (const std::string& path : {p1, p2}) {
      Frame f(ctx, read_ok(ctx, path, &o));
      int64_t n = (int64_t)std::max(f64s.size(), s64s.size());
      REQUIRE(hx_frame_n_rows(f.f) == n + (path == p2));
      for (int64_t i = 0; i < n; i++) {
        const std::string& fx = f64s[(size_t)i % f64s.size()];
        const std::string& sn = s64s[(size_t)i % s64s.size()];
        INFO(fx << " / " << sn);
        REQUIRE(bits(f.f64("x", i)) == bits(std::strtod(fx.c_str(), nullptr)));
        REQUIRE(f.s64("n", i) == std::strtoll(sn.c_str(), nullptr, 10));
      }
    }
  }
}

TEST_CASE("csv: s64 limits", "[csv]") {
  Ctx ctx;
  Frame f(ctx, read_ok(ctx, write_file("s64.csv", "x\n9223372036854775807\n-9223372036854775808\n-0\n007\n")));
  CHECK(f.dtype("x") == HX_DT_S64);
  CHECK(f.s64("x", 0) == INT64_MAX);
  CHECK(f.s64("x", 1) == INT64_MIN);
  CHECK(f.s64("x", 2) == 0);
  CHECK(f.s64("x", 3) == 7);
}

TEST_CASE("csv: nil values that look like numbers are missing, in every number parser", "[csv]") {
  // The fast number parsers run before the nil check only when the field
  // cannot be a nil value (its first byte starts none): "-999" and "0"
  // here are nil, "-9.5", "-99", "00" and "0.0" are numbers.
  hxrt_csv_options o = defaults();
  const char* nils[] = {"-999", "0", "NA"};
  o.nil_values = nils;
  o.n_nil_values = 3;
  hxrt_csv_dtype dt[] = {{"x", 0, HX_DT_F64}, {"n", 0, HX_DT_S64}};
  o.dtypes = dt;
  o.n_dtypes = 2;
  std::string csv = "x,n,t\n";
  const char* rows[][2] = {{"-999", "-999"}, {"0", "0"}, {"-9.5", "-99"}, {"0.0", "00"},
                           {"\"-999\"", "\"0\""}, {"NA", "NA"}, {"1.5", "7"}};
  for (auto& r : rows) csv += std::string(r[0]) + "," + r[1] + ",t\n";
  std::string path = write_file("numeric_nils.csv", csv);
  Ctx ctx;
  for (const char* level : kSimdLevels) {
    INFO("HX_CSV_SIMD=" << level);
    SimdLevel simd(level);
    Frame f(ctx, read_ok(ctx, path, &o));
    REQUIRE(hx_frame_n_rows(f.f) == 7);
    CHECK_FALSE(f.valid("x", 0));
    CHECK_FALSE(f.valid("n", 0));
    CHECK_FALSE(f.valid("x", 1));
    CHECK_FALSE(f.valid("n", 1));
    CHECK(f.f64("x", 2) == -9.5);
    CHECK(f.s64("n", 2) == -99);
    CHECK(bits(f.f64("x", 3)) == bits(0.0));
    CHECK(f.s64("n", 3) == 0);
    CHECK_FALSE(f.valid("x", 4));  // quoted nil values are nil too
    CHECK_FALSE(f.valid("n", 4));
    CHECK_FALSE(f.valid("x", 5));
    CHECK_FALSE(f.valid("n", 5));
    CHECK(f.f64("x", 6) == 1.5);
    CHECK(f.s64("n", 6) == 7);
  }
}

TEST_CASE("csv: the fast row loop and the general path give the same values", "[csv][float][parallel]") {
  // Rows go through a fast loop while every field is plain and takes a
  // common path; a row it cannot finish is parsed again from its start by
  // the general path, and the text the fast loop appended to string
  // columns is taken back. Random rows mix both kinds at every field
  // position: quoted numbers and texts, exponents, 16 to 20 digit
  // mantissas (2^53 + 1 included), denormals, -0.0, a leading '+',
  // ".5" and "5.", nil values plain and quoted, empty fields, CRLF ends,
  // non-ASCII and long texts and categories. Every value is checked
  // against strtod/strtoll, with every SIMD level, in one chunk and in
  // small chunks (fields at chunk edges).
  Rng rng{2024};
  const std::vector<std::string> odd_f64 = {
      "1234567890123456", "9007199254740992", "9007199254740993", "12345678901234567", "123456789012345678",
      "1234567890.1234567890", "0.1234567890123456", "4.9e-324", "2.2250738585072011e-308", "1e-310",
      "-0.0", "-0", "+1.5", ".5", "-.5", "5.", "1e22", "1e23", "1.5E+3", "7e-5", "00012.50",
      "0.000000000000001", "179769313486231570000000000000000000000000000000000000000000000000000000000000"};
  const std::vector<std::string> odd_s64 = {"+42", "-0", "0000000000000000001", "1234567890123456",
                                            "12345678901234567", "-9223372036854775808", "9223372036854775807"};
  std::vector<std::string> xs, ns, ss, ts;
  std::vector<int> bs, cs, squoted;
  const char* cats[] = {"red", "green", "blue", "a_longer_category"};
  std::string csv = "s,x,n,b,c,t\n";
  auto quote = [](const std::string& v) { return "\"" + v + "\""; };
  for (int i = 0; i < 4000; i++) {
    std::string x, n, s, t;
    // f64: mostly short decimals, sometimes the odd shapes, nil or empty.
    int k = (int)rng.below(20);
    if (k < 12) {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.*f", (int)rng.below(8), ((double)(int64_t)rng.next() / 9.2e18) * 1e4);
      x = buf;
    } else if (k < 17) {
      x = odd_f64[(size_t)rng.below((int64_t)odd_f64.size())];
    } else if (k == 17) {
      x = "NA";
    } else {
      x = "";
    }
    int j = (int)rng.below(20);
    if (j < 14) n = std::to_string((int64_t)(rng.next() >> rng.below(64)) * (rng.below(2) ? 1 : -1));
    else if (j < 18) n = odd_s64[(size_t)rng.below((int64_t)odd_s64.size())];
    else n = j == 18 ? "NA" : "";
    s = rng.below(10) == 0 ? "" : "s" + std::to_string(rng.below(100000));
    if (rng.below(15) == 0) s += "é";
    int tk = (int)rng.below(8);
    t = tk == 0 ? "with,comma" : tk == 1 ? "a text longer than 16 bytes é " + std::to_string(i) : "t" + std::to_string(i);
    int b = (int)rng.below(3), c = (int)rng.below(5);
    xs.push_back(x), ns.push_back(n), ss.push_back(s), ts.push_back(t), bs.push_back(b), cs.push_back(c);
    // Quote some fields that need no quotes, so that any field can send
    // the row to the general path after the fast loop has stored others.
    squoted.push_back(rng.below(20) == 0);
    csv += squoted.back() ? quote(s) : s;
    csv += ",";
    csv += rng.below(20) == 0 && !x.empty() ? quote(x) : x;
    csv += ",";
    csv += rng.below(20) == 0 && !n.empty() ? quote(n) : n;
    csv += b == 0 ? ",true," : b == 1 ? ",FALSE," : ",NA,";
    csv += c < 4 ? cats[c] : "NA";
    csv += ",";
    csv += t.find(',') != std::string::npos || rng.below(20) == 0 ? quote(t) : t;
    csv += rng.below(4) == 0 ? "\r\n" : "\n";
  }
  std::string path = write_file("fast_vs_general.csv", csv);
  hxrt_csv_options o = defaults();
  const char* nils[] = {"NA"};
  o.nil_values = nils;
  o.n_nil_values = 1;
  hxrt_csv_dtype dt[] = {{"x", 0, HX_DT_F64}, {"n", 0, HX_DT_S64}, {"c", 0, HX_DT_CATEGORY},
                         {"b", 0, HX_DT_BOOL}, {"s", 0, HX_DT_STRING}};
  o.dtypes = dt;
  o.n_dtypes = 5;
  Ctx ctx;
  for (const char* level : kSimdLevels) {
    SimdLevel simd(level);
    for (int64_t chunk : {(int64_t)0, (int64_t)97, (int64_t)1000}) {
      INFO("HX_CSV_SIMD=" << level << ", chunk_bytes " << chunk);
      hxrt_csv_options par = o;
      par.threads = chunk ? 3 : 1;
      par.chunk_bytes = chunk;
      Frame f(ctx, read_ok(ctx, path, &par));
      REQUIRE(hx_frame_n_rows(f.f) == 4000);
      for (int i = 0; i < 4000; i++) {
        INFO("row " << i << ": " << ss[i] << " | " << xs[i] << " | " << ns[i] << " | " << ts[i]);
        bool xnil = xs[i].empty() || xs[i] == "NA", nnil = ns[i].empty() || ns[i] == "NA";
        REQUIRE(f.valid("x", i) == !xnil);
        if (!xnil) REQUIRE(bits(f.f64("x", i)) == bits(std::strtod(xs[i].c_str(), nullptr)));
        REQUIRE(f.valid("n", i) == !nnil);
        if (!nnil) REQUIRE(f.s64("n", i) == std::strtoll(ns[i].c_str(), nullptr, 10));
        REQUIRE(f.str("s", i) == (ss[i].empty() && !squoted[i] ? "<nil>" : ss[i]));  // "" is no nil
        REQUIRE(f.str("t", i) == ts[i]);
        REQUIRE(f.valid("b", i) == (bs[i] < 2));
        if (bs[i] < 2) REQUIRE(f.boolean("b", i) == (bs[i] == 0));
        REQUIRE(f.str("c", i) == (cs[i] < 4 ? cats[cs[i]] : "<nil>"));
      }
    }
  }
}

// ---- parallel ------------------------------------------------------------------

namespace {

/// A messy CSV: quoted fields with newlines, delimiters and quotes, CRLF
/// and LF rows, missing values. Returns the text; fills the expected ints.
std::string messy_csv(int rows, std::vector<int64_t>* ints, std::vector<std::string>* texts) {
  Rng rng{99};
  std::string s = "id,x,t,flag,cat\n";
  const char* cats[] = {"alpha", "beta", "gamma", "delta"};
  for (int i = 0; i < rows; i++) {
    int64_t id = (int64_t)rng.next() >> (rng.below(60));
    ints->push_back(id);
    s += std::to_string(id) + ",";
    if (rng.below(50) == 0) {
      s += "NA";
    } else {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.*g", 1 + (int)rng.below(17), (double)(int64_t)rng.next() / 1e9);
      s += buf;
    }
    s += ",";
    std::string t;
    int len = (int)rng.below(12);
    for (int k = 0; k < len; k++) {
      const char pool[] = "ab,\"\n\r xé";
      int pick = (int)rng.below(sizeof pool - 1);
      if (pool[pick] == '\xc3' || pool[pick] == '\xa9') t += "é";
      else t += pool[pick];
    }
    texts->push_back(t);
    bool quote = t.empty() || t.find_first_of(",\"\n\r") != std::string::npos;
    if (quote) {
      s += "\"";
      for (char c : t) {
        if (c == '"') s += "\"";
        s += c;
      }
      s += "\"";
    } else {
      s += t;
    }
    s += rng.below(2) ? ",true," : ",false,";
    s += cats[rng.below(4)];
    s += rng.below(3) == 0 ? "\r\n" : "\n";
  }
  return s;
}

}  // namespace

TEST_CASE("csv: a parallel parse in many chunks equals the sequential parse", "[csv][parallel]") {
  std::vector<int64_t> ints;
  std::vector<std::string> texts;
  std::string path = write_file("messy.csv", messy_csv(30000, &ints, &texts));
  Ctx ctx;
  hxrt_csv_options seq = defaults();
  const char* nils[] = {"NA"};
  hxrt_csv_dtype dt[] = {{"cat", 0, HX_DT_CATEGORY}};
  seq.nil_values = nils;
  seq.n_nil_values = 1;
  seq.dtypes = dt;
  seq.n_dtypes = 1;
  seq.threads = 1;
  seq.chunk_bytes = (int64_t)1 << 40;
  Frame a(ctx, read_ok(ctx, path, &seq));
  REQUIRE(hx_frame_n_rows(a.f) == 30000);
  CHECK(a.dtype("id") == HX_DT_S64);
  CHECK(a.dtype("x") == HX_DT_F64);
  CHECK(a.dtype("t") == HX_DT_STRING);
  CHECK(a.dtype("flag") == HX_DT_BOOL);
  for (int i = 0; i < 30000; i++) {
    REQUIRE(a.s64("id", i) == ints[(size_t)i]);
    REQUIRE(a.str("t", i) == texts[(size_t)i]);
  }
  for (int64_t chunk : {(int64_t)300, (int64_t)4096, (int64_t)65536}) {
    for (int threads : {2, 3}) {
      INFO("chunk_bytes " << chunk << ", threads " << threads);
      hxrt_csv_options par = seq;
      par.threads = threads;
      par.chunk_bytes = chunk;
      Frame b(ctx, read_ok(ctx, path, &par));
      require_same(a.f, b.f);
    }
  }
}

TEST_CASE("csv: a parallel parse reports the sequential parse's first error", "[csv][parallel][error]") {
  std::vector<int64_t> ints;
  std::vector<std::string> texts;
  std::string text = messy_csv(20000, &ints, &texts);
  // Two errors: a short row at 60%, and before it a stray quote at 40%
  // (after a row end), which a sequential parse meets first.
  size_t late = text.find('\n', text.size() * 6 / 10);
  text.insert(late + 1, "1,2\n");
  size_t early = text.find(",true,", text.size() * 4 / 10);  // always the flag field
  REQUIRE(early != std::string::npos);
  text.insert(early + 2, "\"");
  Ctx ctx;
  std::string path = write_file("messy_bad.csv", text);
  hxrt_csv_options seq = defaults();
  const char* nils[] = {"NA"};
  seq.nil_values = nils;
  seq.n_nil_values = 1;
  seq.threads = 1;
  seq.chunk_bytes = (int64_t)1 << 40;
  std::string want = read_err(ctx, path, &seq);
  CHECK(want.find("unexpected quote in an unquoted field") != std::string::npos);
  for (int64_t chunk : {(int64_t)500, (int64_t)8192}) {
    hxrt_csv_options par = seq;
    par.threads = 2;
    par.chunk_bytes = chunk;
    CHECK(read_err(ctx, path, &par) == want);
  }
}

TEST_CASE("csv: streaming batches concatenate to the whole file", "[csv][stream]") {
  std::vector<int64_t> ints;
  std::vector<std::string> texts;
  std::string path = write_file("stream.csv", messy_csv(5000, &ints, &texts));
  Ctx ctx;
  hxrt_csv_options o = defaults();
  const char* nils[] = {"NA"};
  o.nil_values = nils;
  o.n_nil_values = 1;
  o.chunk_bytes = 2000;
  o.threads = 2;
  hxrt_csv_reader* r = nullptr;
  REQUIRE(hx_csv_open(ctx, path.c_str(), &o, &r) == HX_OK);
  int64_t row = 0;
  int batches = 0;
  for (;;) {
    hx_frame* b = nullptr;
    REQUIRE(hx_csv_next(ctx, r, 20000, &b) == HX_OK);
    if (!b) break;
    Frame fb(ctx, b);
    batches++;
    REQUIRE(hx_frame_n_columns(b) == 5);
    for (int64_t i = 0; i < hx_frame_n_rows(b); i++, row++) {
      REQUIRE(fb.s64("id", i) == ints[(size_t)row]);
      REQUIRE(fb.str("t", i) == texts[(size_t)row]);
    }
  }
  hx_csv_close(r);
  CHECK(row == 5000);
  CHECK(batches > 5);
}

TEST_CASE("csv: every SIMD level gives the same frame, in one chunk or many", "[csv][parallel]") {
  std::vector<int64_t> ints;
  std::vector<std::string> texts;
  std::string path = write_file("messy_simd.csv", messy_csv(8000, &ints, &texts));
  Ctx ctx;
  hxrt_csv_options o = defaults();
  const char* nils[] = {"NA"};
  hxrt_csv_dtype dt[] = {{"cat", 0, HX_DT_CATEGORY}};
  o.nil_values = nils;
  o.n_nil_values = 1;
  o.dtypes = dt;
  o.n_dtypes = 1;
  o.threads = 1;
  Frame want(ctx, read_ok(ctx, path, &o));
  REQUIRE(hx_frame_n_rows(want.f) == 8000);
  for (int i = 0; i < 8000; i++) REQUIRE(want.str("t", i) == texts[(size_t)i]);
  for (const char* level : kSimdLevels) {
    SimdLevel simd(level);
    ReadPath direct("direct");
    for (int64_t chunk : {(int64_t)0, (int64_t)333, (int64_t)5000}) {
      INFO("HX_CSV_SIMD=" << level << ", chunk_bytes " << chunk);
      hxrt_csv_options par = o;
      par.threads = 3;
      par.chunk_bytes = chunk;
      Frame b(ctx, read_ok(ctx, path, &par));
      require_same(want.f, b.f);
    }
  }
  // The guess-and-verify path (max_rows and the fallback use it) too.
  ReadPath verify("verify");
  for (int64_t chunk : {(int64_t)0, (int64_t)333}) {
    INFO("HX_CSV_PATH=verify, chunk_bytes " << chunk);
    hxrt_csv_options par = o;
    par.threads = 3;
    par.chunk_bytes = chunk;
    Frame b(ctx, read_ok(ctx, path, &par));
    require_same(want.f, b.f);
  }
}

TEST_CASE("csv: long rows of numbers before a text field", "[csv]") {
  // Text fields find their end through a 64-byte window of the row; rows
  // longer than the window, with the text far from the row's start.
  // The text starts 40 to 200 bytes into its row: before, inside and past
  // the second window of a chunk's first row.
  std::string csv;
  const int ncols = 12;
  for (int c = 0; c < ncols; c++) csv += "c" + std::to_string(c) + ",";
  csv += "name\n";
  Rng rng{3};
  std::vector<std::vector<std::string>> nums;
  for (int r = 0; r < 400; r++) {
    nums.emplace_back();
    for (int c = 0; c < ncols; c++) {
      std::string v = std::to_string(rng.below(1000)) + "." + std::string((size_t)rng.below(12), '5');
      nums.back().push_back(v);
      csv += v + ",";
    }
    csv += "row" + std::to_string(r) + "\n";
  }
  std::string path = write_file("wide.csv", csv);
  Ctx ctx;
  for (const char* level : kSimdLevels) {
    SimdLevel simd(level);
    ReadPath direct("direct");
    for (int64_t chunk : {(int64_t)0, (int64_t)150, (int64_t)1000}) {
      INFO("HX_CSV_SIMD=" << level << ", chunk_bytes " << chunk);
      hxrt_csv_options o = defaults();
      o.chunk_bytes = chunk;
      o.threads = 2;
      Frame f(ctx, read_ok(ctx, path, &o));
      REQUIRE(hx_frame_n_rows(f.f) == 400);
      for (int r = 0; r < 400; r++) {
        REQUIRE(f.str("name", r) == "row" + std::to_string(r));
        for (int c = 0; c < ncols; c++)
          REQUIRE(bits(f.f64(("c" + std::to_string(c)).c_str(), r)) ==
                  bits(std::strtod(nums[(size_t)r][(size_t)c].c_str(), nullptr)));
      }
    }
  }
}

TEST_CASE("csv: chunks that start inside quoted fields, long quoted fields, blank lines", "[csv][parallel]") {
  // Rows are counted per chunk before the parse (quotes' parity says which
  // '\n's end rows) and each chunk is parsed into its own slice of the
  // frame. Here chunk starts fall inside quoted fields, some chunks lie
  // wholly inside one quoted field, and blank lines (no rows) leave slices
  // to be moved together.
  Rng rng{7};
  std::string csv = "id,text,x\n";
  std::vector<std::string> want;
  for (int i = 0; i < 3000; i++) {
    std::string t;
    int kind = (int)rng.below(10);
    if (kind == 0) t = std::string((size_t)rng.below(900), '\n');              // many newlines
    else if (kind == 1) t = "a\"b" + std::string((size_t)rng.below(500), 'q');  // long, with a quote
    else if (kind < 5) t = "line\none,\r\ntwo";
    else t = "plain" + std::to_string(i);
    want.push_back(t);
    std::string q;
    for (char c : t) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    csv += std::to_string(i) + ",\"" + q + "\"," + std::to_string(i) + ".5\n";
    if (rng.below(7) == 0) csv += rng.below(2) ? "\n" : "\r\n";  // blank lines
  }
  std::string path = write_file("quoted_chunks.csv", csv);
  Ctx ctx;
  ReadPath direct("direct");
  for (int64_t chunk : {(int64_t)64, (int64_t)100, (int64_t)1000, (int64_t)0}) {
    for (int threads : {1, 2, 3}) {
      INFO("chunk_bytes " << chunk << ", threads " << threads);
      hxrt_csv_options o = defaults();
      o.chunk_bytes = chunk;
      o.threads = threads;
      Frame f(ctx, read_ok(ctx, path, &o));
      REQUIRE(hx_frame_n_rows(f.f) == 3000);
      for (int i = 0; i < 3000; i++) {
        REQUIRE(f.s64("id", i) == i);
        REQUIRE(f.str("text", i) == want[(size_t)i]);
        REQUIRE(f.f64("x", i) == i + 0.5);
      }
    }
  }
}

TEST_CASE("csv: a batch of mostly blank lines is read without allocating for them", "[csv][parallel]") {
  // The first pass counts blank lines as rows; when they outnumber what
  // the bytes could hold, the reader parses the other way (buffers that
  // grow), which must give the same frame.
  std::string csv = "a,b,c\n1,x,2.5\n" + std::string(100000, '\n') + "3,y,4.5\n" + std::string(50000, '\n') +
                    "\r\n5,z,6.5\n";
  std::string path = write_file("blank_lines.csv", csv);
  Ctx ctx;
  for (int threads : {1, 2}) {
    for (int64_t chunk : {(int64_t)0, (int64_t)1000}) {
      INFO("threads " << threads << ", chunk_bytes " << chunk);
      hxrt_csv_options o = defaults();
      o.threads = threads;
      o.chunk_bytes = chunk;
      Frame f(ctx, read_ok(ctx, path, &o));
      REQUIRE(hx_frame_n_rows(f.f) == 3);
      CHECK(f.s64("a", 1) == 3);
      CHECK(f.str("b", 2) == "z");
      CHECK(f.f64("c", 2) == 6.5);
    }
  }
}

TEST_CASE("csv: a stray quote that upsets the row counts still gives the first error", "[csv][parallel][error]") {
  // A quote in an unquoted field flips the quote parity for the rest of
  // the file, so the first pass's row counts are wrong from there on; the
  // chunk holding the quote still starts right and is given room for the
  // row that holds it, so it reports the sequential parse's error.
  std::string head = "a,b\n", rows;
  for (int i = 0; i < 2000; i++) rows += std::to_string(i) + "," + std::to_string(i * 2) + "\n";
  std::string bad = head + rows + "3,x\"y\n" + rows + "1,2,3\n" + rows;
  std::string path = write_file("stray_count.csv", bad);
  Ctx ctx;
  ReadPath direct("direct");
  hxrt_csv_options seq = defaults();
  seq.threads = 1;
  std::string want = "T/stray_count.csv:2002:4: unexpected quote in an unquoted field (quote the whole field)";
  CHECK(read_err(ctx, path, &seq) == want);
  for (int64_t chunk : {(int64_t)100, (int64_t)4096, (int64_t)30000}) {
    for (int threads : {1, 2}) {
      INFO("chunk_bytes " << chunk << ", threads " << threads);
      hxrt_csv_options par = seq;
      par.threads = threads;
      par.chunk_bytes = chunk;
      CHECK(read_err(ctx, path, &par) == want);
    }
  }
  // A stray quote in a well-formed quoted field's place: "x" then more.
  std::string bad2 = head + rows + "3,\"x\"y\n" + rows;
  CHECK(read_err(ctx, write_file("stray_count2.csv", bad2), &seq) ==
        "T/stray_count2.csv:2002:6: unexpected character after a closing quote");
}

// ---- writing ------------------------------------------------------------------

TEST_CASE("csv write: floats as Polars prints them", "[csv][write]") {
  Ctx ctx;
  std::vector<double> v = {1.0, 0.1, 1e-7, 1.5e21, 1e16, 1234567890123456.0, 0.0001, -0.0, 123.456,
                           NAN,  INFINITY, -INFINITY, 5e-324, 1e15, 0.00001};
  const char* names[] = {"x"};
  int dts[] = {HX_DT_F64};
  Frame f(ctx, hx_frame_new(ctx, (int64_t)v.size(), 1, names, dts));
  REQUIRE(f.f);
  std::memcpy(hx_array_data(f->columns[0].data), v.data(), v.size() * sizeof(double));
  std::string path = tmp_dir() + "/floats_out.csv";
  REQUIRE(hx_csv_write(ctx, f.f, path.c_str(), ',') == HX_OK);
  CHECK(read_text(path) ==
        "x\n1.0\n0.1\n1e-7\n1.5e21\n1e16\n1234567890123456.0\n0.0001\n-0.0\n123.456\nNaN\ninf\n-inf\n5e-324\n"
        "1000000000000000.0\n0.00001\n");
}

TEST_CASE("csv write -> read round trip, every dtype and missing values", "[csv][write]") {
  Ctx ctx;
  const char* names[] = {"f", "i", "b", "s", "c"};
  int dts[] = {HX_DT_F64, HX_DT_S64, HX_DT_BOOL, HX_DT_STRING, HX_DT_CATEGORY};
  const int64_t n = 6;
  Frame f(ctx, hx_frame_new(ctx, n, 5, names, dts));
  REQUIRE(f.f);
  double fv[n] = {0.1, -2.5e-300, 1.7976931348623157e308, 3.0, 0, 123456.789};
  int64_t iv[n] = {INT64_MIN, INT64_MAX, 0, -1, 42, 7};
  uint8_t bv[n] = {1, 0, 1, 0, 1, 1};
  std::memcpy(hx_array_data(f->columns[0].data), fv, sizeof fv);
  std::memcpy(hx_array_data(f->columns[1].data), iv, sizeof iv);
  std::memcpy(hx_array_data(f->columns[2].data), bv, sizeof bv);
  const char* sv[n] = {"plain", "with,comma", "with \"quotes\"", "multi\nline", "", nullptr};
  const char* cv[n] = {"x", nullptr, "y", "x", "z,z", "y"};
  REQUIRE(hx_frame_set_strings(ctx, f.f, 3, sv) == HX_OK);
  REQUIRE(hx_frame_set_strings(ctx, f.f, 4, cv) == HX_OK);
  CHECK(hx_frame_n_categories(f.f, 4) == 3);
  for (int c = 0; c < 3; c++) ((uint8_t*)hx_array_data(f->columns[c].valid))[4] = 0;  // missing
  ((double*)hx_array_data(f->columns[0].data))[4] = 0;
  ((int64_t*)hx_array_data(f->columns[1].data))[4] = 0;
  ((uint8_t*)hx_array_data(f->columns[2].data))[4] = 0;
  std::string path = tmp_dir() + "/round.csv";
  REQUIRE(hx_csv_write(ctx, f.f, path.c_str(), ',') == HX_OK);
  CHECK(read_text(path) ==
        "f,i,b,s,c\n"
        "0.1,-9223372036854775808,true,plain,x\n"
        "-2.5e-300,9223372036854775807,false,\"with,comma\",\n"
        "1.7976931348623157e308,0,true,\"with \"\"quotes\"\"\",y\n"
        "3.0,-1,false,\"multi\nline\",x\n"
        ",,,\"\",\"z,z\"\n"
        "123456.789,7,true,,y\n");
  hxrt_csv_options o = defaults();
  hxrt_csv_dtype dt[] = {{"c", 0, HX_DT_CATEGORY}};
  o.dtypes = dt;
  o.n_dtypes = 1;
  Frame g(ctx, read_ok(ctx, path, &o));
  require_same(f.f, g.f);
  // The same with another delimiter.
  std::string tsv = tmp_dir() + "/round.tsv";
  REQUIRE(hx_csv_write(ctx, f.f, tsv.c_str(), '\t') == HX_OK);
  o.delimiter = '\t';
  Frame h(ctx, read_ok(ctx, tsv, &o));
  require_same(f.f, h.f);
}

TEST_CASE("csv write: a one-column frame with missing values round-trips", "[csv][write]") {
  Ctx ctx;
  const char* names[] = {"v"};
  int dts[] = {HX_DT_S64};
  Frame f(ctx, hx_frame_new(ctx, 3, 1, names, dts));
  ((int64_t*)hx_array_data(f->columns[0].data))[0] = 5;
  ((uint8_t*)hx_array_data(f->columns[0].valid))[1] = 0;
  ((int64_t*)hx_array_data(f->columns[0].data))[2] = 6;
  std::string path = tmp_dir() + "/one_out.csv";
  REQUIRE(hx_csv_write(ctx, f.f, path.c_str(), ',') == HX_OK);
  Frame g(ctx, read_ok(ctx, path));
  require_same(f.f, g.f);
}

TEST_CASE("csv write: errors", "[csv][write][error]") {
  Ctx ctx;
  const char* names[] = {"v"};
  int dts[] = {HX_DT_S64};
  Frame f(ctx, hx_frame_new(ctx, 1, 1, names, dts));
  std::string path = tmp_dir() + "/no/such/dir.csv";
  CHECK(hx_csv_write(ctx, f.f, path.c_str(), ',') == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)).find("dir.csv: cannot open for writing: No such file or directory") !=
        std::string::npos);
  CHECK(hx_csv_write(ctx, f.f, (tmp_dir() + "/q.csv").c_str(), '"') == HX_ERR_ARGUMENT);
  const char* bad[] = {"\xff"};
  const char* sn[] = {"s"};
  int sd[] = {HX_DT_STRING};
  Frame s(ctx, hx_frame_new(ctx, 1, 1, sn, sd));
  CHECK(hx_frame_set_strings(ctx, s.f, 0, bad) == HX_ERR_ARGUMENT);
}
