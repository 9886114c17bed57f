// Unit tests of hxrt_frame_tensor (runtime/frame_tensor.c): the run-time
// half of a data frame compiled as a recipe. The compiler typed the frame
// from the file; the program reads it again and must notice when the file
// no longer matches.
#include <catch2/catch.hpp>

#include "hxrt_frame.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <zlib.h>

namespace {

const hx_srcloc kLoc = {"model.hx", 7, "Model.load/0"};

std::string write_file(const std::string& name, const std::string& text) {
  static std::string dir;
  if (dir.empty()) {
    char tmpl[] = "/tmp/hx_test_frame_XXXXXX";
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

struct Args {
  std::string text;
  int64_t rows, kind, axis_last;
};

void body(hx_context* ctx, void** args, void* ret) {
  auto* a = static_cast<Args*>(args[0]);
  *static_cast<hx_array**>(ret) = hxrt_frame_tensor(ctx, &kLoc, a->text.c_str(), a->rows, a->kind, a->axis_last);
}

/// path, header, the kept columns (indices, names): the recipe text.
std::string recipe(const std::string& path, bool header, const std::string& cols, const std::string& names,
                   const std::string& nils = "") {
  return path + "\n" + (header ? "1" : "0") + "\n,\n" + nils + "\n" + cols + "\n" + names;
}

int run(hx_context* ctx, Args a, hx_array** out) {
  void* args[] = {&a};
  *out = nullptr;
  return hxrt_invoke(ctx, body, args, out);
}

}  // namespace

TEST_CASE("frame_tensor: kept columns, row-major or column-major, as s64 or f64", "[frame_tensor]") {
  hx_context* ctx = hx_context_new();
  std::string p = write_file("a.csv", "a,b,name\n1,2.5,x\n3,4.0,y\n");
  hx_array* out;
  REQUIRE(run(ctx, {recipe(p, true, "1,0", "b\x1f" "a"), 2, HX_KIND_F64, 1}, &out) == HX_OK);
  const double* d = static_cast<const double*>(hx_array_cdata(out));
  REQUIRE(hx_array_len(out) == 4);
  CHECK(d[0] == 2.5);
  CHECK(d[1] == 1.0);
  CHECK(d[2] == 4.0);
  CHECK(d[3] == 3.0);
  hx_array_free(ctx, out);
  REQUIRE(run(ctx, {recipe(p, true, "0", "a"), 2, HX_KIND_I64, 0}, &out) == HX_OK);
  const int64_t* s = static_cast<const int64_t*>(hx_array_cdata(out));
  CHECK(s[0] == 1);
  CHECK(s[1] == 3);
  hx_array_free(ctx, out);
  hx_context_free(ctx);
}

TEST_CASE("frame_tensor: gzip-compressed files read as plain ones", "[frame_tensor]") {
  hx_context* ctx = hx_context_new();
  std::string p = write_file("d.csv.gz", "");
  gzFile g = gzopen(p.c_str(), "wb");
  REQUIRE(g);
  gzputs(g, "0,1,2\n3,4,5\n");
  gzclose(g);
  hx_array* out;
  REQUIRE(run(ctx, {recipe(p, false, "0,2", "column_1\x1f" "column_3"), 2, HX_KIND_I64, 1}, &out) == HX_OK);
  const int64_t* s = static_cast<const int64_t*>(hx_array_cdata(out));
  CHECK(s[0] == 0);
  CHECK(s[1] == 2);
  CHECK(s[2] == 3);
  CHECK(s[3] == 5);
  hx_array_free(ctx, out);
  hx_context_free(ctx);
}

TEST_CASE("frame_tensor: a file that changed since compile time raises ArgumentError", "[frame_tensor]") {
  hx_context* ctx = hx_context_new();
  hx_array* out;
  std::string p = write_file("b.csv", "a,b\n1,x\n2,\n3,z\n");
  CHECK(run(ctx, {recipe(p, true, "0", "a"), 2, HX_KIND_I64, 1}, &out) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)) ==
        "** (ArgumentError) " + p + " has 3 rows, but it had 2 when the program was compiled (hastec's tensors "
        "have static shapes: compile the program again)\n    model.hx:7: Model.load/0");
  CHECK(run(ctx, {recipe(p, true, "1", "b"), 3, HX_KIND_I64, 1}, &out) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)).find("column b is string now, but it held numbers") != std::string::npos);
  std::string q = write_file("c.csv", "a\n1\nNA\n");
  CHECK(run(ctx, {recipe(q, true, "0", "a", "NA"), 2, HX_KIND_I64, 1}, &out) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)).find("column a has a missing value in row 2") != std::string::npos);
  CHECK(run(ctx, {recipe(p + ".nope", true, "0", "a"), 2, HX_KIND_I64, 1}, &out) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)).find("cannot open") != std::string::npos);
  hx_context_free(ctx);
}
