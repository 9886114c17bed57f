/// \file test_frame_inspect.cpp
/// Unit tests of runtime/frame_inspect.c: hx_frame_describe, hx_frame_inspect
/// and hx_series_inspect against the reference shim, byte for byte.
///
/// Every expected text below is the shim's own output, pasted. It was made
/// by writing each case's CSV to a file and running, from the repo root,
///
///   elixir -r stdlib/ref/nx.exs -r stdlib/ref/explorer.exs -e '
///     require Explorer.DataFrame, as: DF
///     df = DF.from_csv!(PATH, OPTS)   # OPTS: nil_values: ["NA"] / dtypes: [{COL, :category}]
///     d = DF.describe(df)
///     # one step per letter of the case's parts, in this order:
///     IO.inspect(df)                                   # F
///     IO.inspect(d)                                    # D
///     for n <- tl(d.names), do: IO.inspect(d[n])       # S
///     for n <- df.names, do: IO.inspect(df[n])' </dev/null   # C
///
/// with Elixir 1.14.0 on OTP 25. dump() below does the same steps through
/// the C API. Long runs are spelled @X5000@ (5000 'x'), @X4096@ (4096 'x')
/// and @C2x60@ (60 bytes 0x02) in the CSVs and texts and expanded at run time.
#include <catch2/catch.hpp>

#include "hxrt_frame_inspect.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include <unistd.h>

namespace {

struct Ctx {
  hx_context* ctx = hx_context_new();
  ~Ctx() { hx_context_free(ctx); }
  operator hx_context*() const { return ctx; }
};

/// The repository root, from this file's path (CMake compiles it by its absolute path).
std::string repo_root() {
  std::string self = __FILE__;
  size_t at = self.rfind("/test/unit/");
  REQUIRE(at != std::string::npos);
  return self.substr(0, at);
}

std::string tmp_dir() {
  static std::string dir;
  if (dir.empty()) {
    char tmpl[] = "/tmp/hx_test_frame_inspect_XXXXXX";
    REQUIRE(mkdtemp(tmpl) != nullptr);
    dir = tmpl;
  }
  return dir;
}

std::string expand(std::string s) {
  const struct {
    const char* token;
    std::string text;
  } runs[] = {{"@X5000@", std::string(5000, 'x')}, {"@X4096@", std::string(4096, 'x')},
              {"@C2x60@", std::string(60, '\x02')}};
  for (const auto& r : runs)
    for (size_t at; (at = s.find(r.token)) != std::string::npos;) s.replace(at, std::strlen(r.token), r.text);
  return s;
}

std::string write_file(const std::string& name, const std::string& text) {
  std::string path = tmp_dir() + "/" + name + ".csv";
  FILE* fp = std::fopen(path.c_str(), "wb");
  REQUIRE(fp);
  REQUIRE(std::fwrite(text.data(), 1, text.size(), fp) == text.size());
  std::fclose(fp);
  return path;
}

/// Takes a malloc'ed result of the API.
std::string take(char* s) {
  REQUIRE(s != nullptr);
  std::string r = s;
  std::free(s);
  return r;
}

/// What the shim prints for the case's parts (see the file comment).
std::string dump(hx_context* ctx, const hx_frame* f, const std::string& parts) {
  std::string out;
  hx_frame* d = nullptr;
  REQUIRE(hx_frame_describe(ctx, f, &d) == HX_OK);
  REQUIRE(d != nullptr);
  if (parts.find('F') != std::string::npos) out += take(hx_frame_inspect(f)) + "\n";
  if (parts.find('D') != std::string::npos) out += take(hx_frame_inspect(d)) + "\n";
  if (parts.find('S') != std::string::npos)
    for (int64_t c = 1; c < hx_frame_n_columns(d); c++) out += take(hx_series_inspect(d, c)) + "\n";
  if (parts.find('C') != std::string::npos)
    for (int64_t c = 0; c < hx_frame_n_columns(f); c++) out += take(hx_series_inspect(f, c)) + "\n";
  hx_frame_free(ctx, d);
  return out;
}

struct Case {
  const char* name;
  const char* csv; /* nullptr: samples/data/penguins.csv */
  bool na;         /* nil_values: ["NA"] */
  const char* category;
  const char* parts;
  const char* expected;
};

void check_case(const Case& c) {
  Ctx ctx;
  int64_t live = hxrt_live_arrays(ctx);
  std::string path = c.csv ? write_file(c.name, expand(c.csv)) : repo_root() + "/samples/data/penguins.csv";
  hxrt_csv_options o;
  hxrt_csv_options_init(&o);
  const char* nils[] = {"NA"};
  if (c.na) o.nil_values = nils, o.n_nil_values = 1;
  hxrt_csv_dtype cat = {c.category, 0, HX_DT_CATEGORY};
  if (c.category) o.dtypes = &cat, o.n_dtypes = 1;
  hx_frame* f = nullptr;
  INFO(hx_context_error(ctx));
  REQUIRE(hx_csv_read(ctx, path.c_str(), &o, &f) == HX_OK);
  std::string got = dump(ctx, f, c.parts);
  hx_frame_free(ctx, f);
  CHECK(got == expand(c.expected) + "\n");
  CHECK(hxrt_live_arrays(ctx) == live);
}

}  // namespace

TEST_CASE("penguins.csv with NA as nil: frame, describe, its columns, every column as a series", "[frame_inspect]") {
  check_case({"penguins",
      nullptr,
      true, nullptr, "FDSC",
      R"~(#Explorer.DataFrame<
  Polars[344 x 8]
  species string ["Adelie", "Adelie", "Adelie", "Adelie", "Adelie", ...]
  island string ["Torgersen", "Torgersen", "Torgersen", "Torgersen",
   "Torgersen", ...]
  bill_length_mm f64 [39.1, 39.5, 40.3, nil, 36.7, ...]
  bill_depth_mm f64 [18.7, 17.4, 18.0, nil, 19.3, ...]
  flipper_length_mm s64 [181, 186, 195, nil, 193, ...]
  body_mass_g s64 [3750, 3800, 3250, nil, 3450, ...]
  sex string ["male", "female", "female", nil, "female", ...]
  year s64 [2007, 2007, 2007, 2007, 2007, ...]
>
#Explorer.DataFrame<
  Polars[9 x 9]
  describe string ["count", "nil_count", "mean", "std", "min", ...]
  species string ["344", "0", nil, nil, nil, ...]
  island string ["344", "0", nil, nil, nil, ...]
  bill_length_mm f64 [342.0, 2.0, 43.921929824561424, 5.4595837139265315, 32.1,
   ...]
  bill_depth_mm f64 [342.0, 2.0, 17.15116959064328, 1.9747931568167818, 13.1,
   ...]
  flipper_length_mm f64 [342.0, 2.0, 200.91520467836258, 14.061713679356888,
   172.0, ...]
  body_mass_g f64 [342.0, 2.0, 4201.754385964912, 801.9545356980958, 2.7e3, ...]
  sex string ["333", "11", nil, nil, nil, ...]
  year f64 [344.0, 0.0, 2008.0290697674418, 0.8183559254837027, 2007.0, ...]
>
#Explorer.Series<
  Polars[9]
  string ["344", "0", nil, nil, nil, nil, nil, nil, nil]
>
#Explorer.Series<
  Polars[9]
  string ["344", "0", nil, nil, nil, nil, nil, nil, nil]
>
#Explorer.Series<
  Polars[9]
  f64 [342.0, 2.0, 43.921929824561424, 5.4595837139265315, 32.1, 39.2, 44.5,
   48.5, 59.6]
>
#Explorer.Series<
  Polars[9]
  f64 [342.0, 2.0, 17.15116959064328, 1.9747931568167818, 13.1, 15.6, 17.3,
   18.7, 21.5]
>
#Explorer.Series<
  Polars[9]
  f64 [342.0, 2.0, 200.91520467836258, 14.061713679356888, 172.0, 190.0, 197.0,
   213.0, 231.0]
>
#Explorer.Series<
  Polars[9]
  f64 [342.0, 2.0, 4201.754385964912, 801.9545356980958, 2.7e3, 3550.0, 4050.0,
   4750.0, 6.3e3]
>
#Explorer.Series<
  Polars[9]
  string ["333", "11", nil, nil, nil, nil, nil, nil, nil]
>
#Explorer.Series<
  Polars[9]
  f64 [344.0, 0.0, 2008.0290697674418, 0.8183559254837027, 2007.0, 2007.0,
   2008.0, 2009.0, 2009.0]
>
#Explorer.Series<
  Polars[344]
  string ["Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie",
   "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie",
   "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie",
   "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie",
   "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie",
   "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie",
   "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie", "Adelie",
   "Adelie", ...]
>
#Explorer.Series<
  Polars[344]
  string ["Torgersen", "Torgersen", "Torgersen", "Torgersen", "Torgersen",
   "Torgersen", "Torgersen", "Torgersen", "Torgersen", "Torgersen", "Torgersen",
   "Torgersen", "Torgersen", "Torgersen", "Torgersen", "Torgersen", "Torgersen",
   "Torgersen", "Torgersen", "Torgersen", "Biscoe", "Biscoe", "Biscoe",
   "Biscoe", "Biscoe", "Biscoe", "Biscoe", "Biscoe", "Biscoe", "Biscoe",
   "Dream", "Dream", "Dream", "Dream", "Dream", "Dream", "Dream", "Dream",
   "Dream", "Dream", "Dream", "Dream", "Dream", "Dream", "Dream", "Dream",
   "Dream", "Dream", "Dream", "Dream", ...]
>
#Explorer.Series<
  Polars[344]
  f64 [39.1, 39.5, 40.3, nil, 36.7, 39.3, 38.9, 39.2, 34.1, 42.0, 37.8, 37.8,
   41.1, 38.6, 34.6, 36.6, 38.7, 42.5, 34.4, 46.0, 37.8, 37.7, 35.9, 38.2, 38.8,
   35.3, 40.6, 40.5, 37.9, 40.5, 39.5, 37.2, 39.5, 40.9, 36.4, 39.2, 38.8, 42.2,
   37.6, 39.8, 36.5, 40.8, 36.0, 44.1, 37.0, 39.6, 41.1, 37.5, 36.0, 42.3, ...]
>
#Explorer.Series<
  Polars[344]
  f64 [18.7, 17.4, 18.0, nil, 19.3, 20.6, 17.8, 19.6, 18.1, 20.2, 17.1, 17.3,
   17.6, 21.2, 21.1, 17.8, 19.0, 20.7, 18.4, 21.5, 18.3, 18.7, 19.2, 18.1, 17.2,
   18.9, 18.6, 17.9, 18.6, 18.9, 16.7, 18.1, 17.8, 18.9, 17.0, 21.1, 20.0, 18.5,
   19.3, 19.1, 18.0, 18.4, 18.5, 19.7, 16.9, 18.8, 19.0, 18.9, 17.9, 21.2, ...]
>
#Explorer.Series<
  Polars[344]
  s64 [181, 186, 195, nil, 193, 190, 181, 195, 193, 190, 186, 180, 182, 191,
   198, 185, 195, 197, 184, 194, 174, 180, 189, 185, 180, 187, 183, 187, 172,
   180, 178, 178, 188, 184, 195, 196, 190, 180, 181, 184, 182, 195, 186, 196,
   185, 190, 182, 179, 190, 191, ...]
>
#Explorer.Series<
  Polars[344]
  s64 [3750, 3800, 3250, nil, 3450, 3650, 3625, 4675, 3475, 4250, 3300, 3700,
   3200, 3800, 4400, 3700, 3450, 4500, 3325, 4200, 3400, 3600, 3800, 3950, 3800,
   3800, 3550, 3200, 3150, 3950, 3250, 3900, 3300, 3900, 3325, 4150, 3950, 3550,
   3300, 4650, 3150, 3900, 3100, 4400, 3000, 4600, 3425, 2975, 3450, 4150, ...]
>
#Explorer.Series<
  Polars[344]
  string ["male", "female", "female", nil, "female", "male", "female", "male",
   nil, nil, nil, nil, "female", "male", "male", "female", "female", "male",
   "female", "male", "female", "male", "female", "male", "male", "female",
   "male", "female", "female", "male", "female", "male", "female", "male",
   "female", "male", "male", "female", "female", "male", "female", "male",
   "female", "male", "female", "male", "male", nil, "female", "male", ...]
>
#Explorer.Series<
  Polars[344]
  s64 [2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007,
   2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007,
   2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007,
   2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, 2007, ...]
>)~"});
}

TEST_CASE("quotes, unicode, booleans, missing values, NaN/Inf/-0.0/1e16/0.1", "[frame_inspect]") {
  check_case({"edge",
      "a,b,c,d,e\n"
      "1,-0.0,true,\"he said \"\"hi\"\"\",x\n"
      "2,NaN,false,héllo ☃,\n"
      ",inf,,\"tab\there\",z\n"
      "4,-inf,true,,y\n"
      "5,1e16,false,\"a\\b #{x}\",w\n"
      "6,0.1,true,\"line\n"
      "break\",v\n",
      false, nullptr, "FDSC",
      R"~(#Explorer.DataFrame<
  Polars[6 x 5]
  a s64 [1, 2, nil, 4, 5, ...]
  b f64 [-0.0, NaN, Inf, -Inf, 1.0e16, ...]
  c boolean [true, false, nil, true, false, ...]
  d string ["he said \"hi\"", "héllo ☃", "tab\there", nil, "a\\b \#{x}", ...]
  e string ["x", nil, "z", "y", "w", ...]
>
#Explorer.DataFrame<
  Polars[9 x 6]
  describe string ["count", "nil_count", "mean", "std", "min", ...]
  a f64 [5.0, 1.0, 3.6, 2.073644135332772, 1.0, ...]
  b f64 [6.0, 0.0, NaN, NaN, -Inf, ...]
  c string ["5", "1", nil, nil, nil, ...]
  d string ["5", "1", nil, nil, nil, ...]
  e string ["5", "1", nil, nil, nil, ...]
>
#Explorer.Series<
  Polars[9]
  f64 [5.0, 1.0, 3.6, 2.073644135332772, 1.0, 2.0, 4.0, 5.0, 6.0]
>
#Explorer.Series<
  Polars[9]
  f64 [6.0, 0.0, NaN, NaN, -Inf, -0.0, 1.0e16, Inf, NaN]
>
#Explorer.Series<
  Polars[9]
  string ["5", "1", nil, nil, nil, nil, nil, nil, nil]
>
#Explorer.Series<
  Polars[9]
  string ["5", "1", nil, nil, nil, nil, nil, nil, nil]
>
#Explorer.Series<
  Polars[9]
  string ["5", "1", nil, nil, nil, nil, nil, nil, nil]
>
#Explorer.Series<
  Polars[6]
  s64 [1, 2, nil, 4, 5, 6]
>
#Explorer.Series<
  Polars[6]
  f64 [-0.0, NaN, Inf, -Inf, 1.0e16, 0.1]
>
#Explorer.Series<
  Polars[6]
  boolean [true, false, nil, true, false, true]
>
#Explorer.Series<
  Polars[6]
  string ["he said \"hi\"", "héllo ☃", "tab\there", nil, "a\\b \#{x}",
   "line\nbreak"]
>
#Explorer.Series<
  Polars[6]
  string ["x", nil, "z", "y", "w", "v"]
>)~"});
}

TEST_CASE("long column names and values: container_doc wraps at width 80", "[frame_inspect]") {
  check_case({"long_names",
      "a_really_long_column_name_that_goes_on_and_on_and_on_forever_and_ever_x,short\n"
      "1234567.891,s\n"
      "2469135.782,ss\n"
      "3703703.6730000004,sss\n"
      "4938271.564,ssss\n"
      "6172839.455,sssss\n"
      "7407407.346000001,ssssss\n"
      "8641975.237,sssssss\n"
      "9876543.128,ssssssss\n",
      false, nullptr, "FDC",
      R"~(#Explorer.DataFrame<
  Polars[8 x 2]
  a_really_long_column_name_that_goes_on_and_on_and_on_forever_and_ever_x f64 [1234567.891,
   2469135.782, 3703703.6730000004, 4938271.564, 6172839.455, ...]
  short string ["s", "ss", "sss", "ssss", "sssss", ...]
>
#Explorer.DataFrame<
  Polars[9 x 3]
  describe string ["count", "nil_count", "mean", "std", "min", ...]
  a_really_long_column_name_that_goes_on_and_on_and_on_forever_and_ever_x f64 [8.0,
   0.0, 5555555.5095, 3024061.3857739605, 1234567.891, ...]
  short string ["8", "0", nil, nil, nil, ...]
>
#Explorer.Series<
  Polars[8]
  f64 [1234567.891, 2469135.782, 3703703.6730000004, 4938271.564, 6172839.455,
   7407407.346000001, 8641975.237, 9876543.128]
>
#Explorer.Series<
  Polars[8]
  string ["s", "ss", "sss", "ssss", "sssss", "ssssss", "sssssss", "ssssssss"]
>)~"});
}

TEST_CASE("a frame of 30 columns and its describe", "[frame_inspect]") {
  check_case({"wide",
      "c0,c1,c2,c3,c4,c5,c6,c7,c8,c9,c10,c11,c12,c13,c14,c15,c16,c17,c18,c19,c20,c21,c22,c23,c24,c25,c26,c27,c28,c29\n"
      "-40,-33,-26,-19,-12,-5,2,9,16,23,30,37,44,51,-39,-32,-25,-18,-11,-4,3,10,17,24,31,38,45,52,-38,-31\n"
      "-9,-2,5,12,19,26,33,40,47,54,-36,-29,-22,-15,-8,-1,6,13,20,27,34,41,48,55,-35,-28,-21,-14,-7,0\n"
      "22,29,36,43,50,-40,-33,-26,-19,-12,-5,2,9,16,23,30,37,44,51,-39,-32,-25,-18,-11,-4,3,10,17,24,31\n"
      "53,-37,-30,-23,-16,-9,-2,5,12,19,26,33,40,47,54,-36,-29,-22,-15,-8,-1,6,13,20,27,34,41,48,55,-35\n"
      "-13,-6,1,8,15,22,29,36,43,50,-40,-33,-26,-19,-12,-5,2,9,16,23,30,37,44,51,-39,-32,-25,-18,-11,-4\n"
      "18,25,32,39,46,53,-37,-30,-23,-16,-9,-2,5,12,19,26,33,40,47,54,-36,-29,-22,-15,-8,-1,6,13,20,27\n"
      "49,56,-34,-27,-20,-13,-6,1,8,15,22,29,36,43,50,-40,-33,-26,-19,-12,-5,2,9,16,23,30,37,44,51,-39\n",
      false, nullptr, "FD",
      R"~(#Explorer.DataFrame<
  Polars[7 x 30]
  c0 s64 [-40, -9, 22, 53, -13, ...]
  c1 s64 [-33, -2, 29, -37, -6, ...]
  c2 s64 [-26, 5, 36, -30, 1, ...]
  c3 s64 [-19, 12, 43, -23, 8, ...]
  c4 s64 [-12, 19, 50, -16, 15, ...]
  c5 s64 [-5, 26, -40, -9, 22, ...]
  c6 s64 [2, 33, -33, -2, 29, ...]
  c7 s64 [9, 40, -26, 5, 36, ...]
  c8 s64 [16, 47, -19, 12, 43, ...]
  c9 s64 [23, 54, -12, 19, 50, ...]
  c10 s64 [30, -36, -5, 26, -40, ...]
  c11 s64 [37, -29, 2, 33, -33, ...]
  c12 s64 [44, -22, 9, 40, -26, ...]
  c13 s64 [51, -15, 16, 47, -19, ...]
  c14 s64 [-39, -8, 23, 54, -12, ...]
  c15 s64 [-32, -1, 30, -36, -5, ...]
  c16 s64 [-25, 6, 37, -29, 2, ...]
  c17 s64 [-18, 13, 44, -22, 9, ...]
  c18 s64 [-11, 20, 51, -15, 16, ...]
  c19 s64 [-4, 27, -39, -8, 23, ...]
  c20 s64 [3, 34, -32, -1, 30, ...]
  c21 s64 [10, 41, -25, 6, 37, ...]
  c22 s64 [17, 48, -18, 13, 44, ...]
  c23 s64 [24, 55, -11, 20, 51, ...]
  c24 s64 [31, -35, -4, 27, -39, ...]
  c25 s64 [38, -28, 3, 34, -32, ...]
  c26 s64 [45, -21, 10, 41, -25, ...]
  c27 s64 [52, -14, 17, 48, -18, ...]
  c28 s64 [-38, -7, 24, 55, -11, ...]
  c29 s64 [-31, 0, 31, -35, -4, ...]
>
#Explorer.DataFrame<
  Polars[9 x 31]
  describe string ["count", "nil_count", "mean", "std", "min", ...]
  c0 f64 [7.0, 0.0, 11.428571428571429, 34.04338968070572, -40.0, ...]
  c1 f64 [7.0, 0.0, 4.571428571428571, 34.04338968070572, -37.0, ...]
  c2 f64 [7.0, 0.0, -2.2857142857142856, 28.986860734444754, -34.0, ...]
  c3 f64 [7.0, 0.0, 4.714285714285714, 28.986860734444754, -27.0, ...]
  c4 f64 [7.0, 0.0, 11.714285714285714, 28.986860734444754, -20.0, ...]
  c5 f64 [7.0, 0.0, 4.857142857142857, 30.764853168448415, -40.0, ...]
  c6 f64 [7.0, 0.0, -2.0, 27.09243436828813, -37.0, ...]
  c7 f64 [7.0, 0.0, 5.0, 27.09243436828813, -30.0, ...]
  c8 f64 [7.0, 0.0, 12.0, 27.09243436828813, -23.0, ...]
  c9 f64 [7.0, 0.0, 19.0, 27.09243436828813, -16.0, ...]
  c10 f64 [7.0, 0.0, -1.7142857142857142, 28.986860734444758, -40.0, ...]
  c11 f64 [7.0, 0.0, 5.285714285714286, 28.986860734444758, -33.0, ...]
  c12 f64 [7.0, 0.0, 12.285714285714286, 28.986860734444758, -26.0, ...]
  c13 f64 [7.0, 0.0, 19.285714285714285, 28.986860734444758, -19.0, ...]
  c14 f64 [7.0, 0.0, 12.428571428571429, 34.04338968070572, -39.0, ...]
  c15 f64 [7.0, 0.0, -8.285714285714286, 28.986860734444754, -40.0, ...]
  c16 f64 [7.0, 0.0, -1.2857142857142858, 28.986860734444754, -33.0, ...]
  c17 f64 [7.0, 0.0, 5.714285714285714, 28.986860734444754, -26.0, ...]
  c18 f64 [7.0, 0.0, 12.714285714285714, 28.986860734444754, -19.0, ...]
  c19 f64 [7.0, 0.0, 5.857142857142857, 30.764853168448415, -39.0, ...]
  c20 f64 [7.0, 0.0, -1.0, 27.09243436828813, -36.0, ...]
  c21 f64 [7.0, 0.0, 6.0, 27.09243436828813, -29.0, ...]
  c22 f64 [7.0, 0.0, 13.0, 27.09243436828813, -22.0, ...]
  c23 f64 [7.0, 0.0, 20.0, 27.09243436828813, -15.0, ...]
  c24 f64 [7.0, 0.0, -0.7142857142857143, 28.986860734444758, -39.0, ...]
  c25 f64 [7.0, 0.0, 6.285714285714286, 28.986860734444758, -32.0, ...]
  c26 f64 [7.0, 0.0, 13.285714285714286, 28.986860734444758, -25.0, ...]
  c27 f64 [7.0, 0.0, 20.285714285714285, 28.986860734444758, -18.0, ...]
  c28 f64 [7.0, 0.0, 13.428571428571429, 34.04338968070572, -38.0, ...]
  c29 f64 [7.0, 0.0, -7.285714285714286, 28.986860734444754, -39.0, ...]
>)~"});
}

TEST_CASE("a frame of 0 rows: [] values, describe counts 0", "[frame_inspect]") {
  check_case({"no_rows",
      "a,b\n",
      false, nullptr, "FDSC",
      R"~(#Explorer.DataFrame<
  Polars[0 x 2]
  a string []
  b string []
>
#Explorer.DataFrame<
  Polars[9 x 3]
  describe string ["count", "nil_count", "mean", "std", "min", ...]
  a string ["0", "0", nil, nil, nil, ...]
  b string ["0", "0", nil, nil, nil, ...]
>
#Explorer.Series<
  Polars[9]
  string ["0", "0", nil, nil, nil, nil, nil, nil, nil]
>
#Explorer.Series<
  Polars[9]
  string ["0", "0", nil, nil, nil, nil, nil, nil, nil]
>
#Explorer.Series<
  Polars[0]
  string []
>
#Explorer.Series<
  Polars[0]
  string []
>)~"});
}

TEST_CASE("one row: std is nil, every quantile is the value", "[frame_inspect]") {
  check_case({"one_row",
      "x,y,z,b\n"
      "3.5,-7,hello,true\n",
      false, nullptr, "FDSC",
      R"~(#Explorer.DataFrame<
  Polars[1 x 4]
  x f64 [3.5]
  y s64 [-7]
  z string ["hello"]
  b boolean [true]
>
#Explorer.DataFrame<
  Polars[9 x 5]
  describe string ["count", "nil_count", "mean", "std", "min", ...]
  x f64 [1.0, 0.0, 3.5, nil, 3.5, ...]
  y f64 [1.0, 0.0, -7.0, nil, -7.0, ...]
  z string ["1", "0", nil, nil, nil, ...]
  b string ["1", "0", nil, nil, nil, ...]
>
#Explorer.Series<
  Polars[9]
  f64 [1.0, 0.0, 3.5, nil, 3.5, 3.5, 3.5, 3.5, 3.5]
>
#Explorer.Series<
  Polars[9]
  f64 [1.0, 0.0, -7.0, nil, -7.0, -7.0, -7.0, -7.0, -7.0]
>
#Explorer.Series<
  Polars[9]
  string ["1", "0", nil, nil, nil, nil, nil, nil, nil]
>
#Explorer.Series<
  Polars[9]
  string ["1", "0", nil, nil, nil, nil, nil, nil, nil]
>
#Explorer.Series<
  Polars[1]
  f64 [3.5]
>
#Explorer.Series<
  Polars[1]
  s64 [-7]
>
#Explorer.Series<
  Polars[1]
  string ["hello"]
>
#Explorer.Series<
  Polars[1]
  boolean [true]
>)~"});
}

TEST_CASE("exactly 5 rows: no ellipsis in the frame", "[frame_inspect]") {
  check_case({"five_rows",
      "x,y\n"
      "0.0,0\n"
      "0.3333333333333333,1\n"
      "0.6666666666666666,2\n"
      "1.0,3\n"
      "1.3333333333333333,4\n",
      false, nullptr, "FC",
      R"~(#Explorer.DataFrame<
  Polars[5 x 2]
  x f64 [0.0, 0.3333333333333333, 0.6666666666666666, 1.0, 1.3333333333333333]
  y s64 [0, 1, 2, 3, 4]
>
#Explorer.Series<
  Polars[5]
  f64 [0.0, 0.3333333333333333, 0.6666666666666666, 1.0, 1.3333333333333333]
>
#Explorer.Series<
  Polars[5]
  s64 [0, 1, 2, 3, 4]
>)~"});
}

TEST_CASE("6 rows: the frame shows 5 values and an ellipsis", "[frame_inspect]") {
  check_case({"six_rows",
      "x,y\n"
      "0.0,0\n"
      "0.3333333333333333,1\n"
      "0.6666666666666666,2\n"
      "1.0,3\n"
      "1.3333333333333333,4\n"
      "1.6666666666666667,5\n",
      false, nullptr, "FC",
      R"~(#Explorer.DataFrame<
  Polars[6 x 2]
  x f64 [0.0, 0.3333333333333333, 0.6666666666666666, 1.0, 1.3333333333333333,
   ...]
  y s64 [0, 1, 2, 3, 4, ...]
>
#Explorer.Series<
  Polars[6]
  f64 [0.0, 0.3333333333333333, 0.6666666666666666, 1.0, 1.3333333333333333,
   1.6666666666666667]
>
#Explorer.Series<
  Polars[6]
  s64 [0, 1, 2, 3, 4, 5]
>)~"});
}

TEST_CASE("strings: escapes, wide characters, non-printable as <<...>>, printable_limit", "[frame_inspect]") {
  check_case({"strings",
      "name,v\n"
      "\"日本語テキスト日本語テキスト日本語テキスト\",1\n"
      "\"a\x01""b\",2\n"
      "\"@X5000@\",3\n"
      "\"éèêëēėę ☃☃☃ 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉\",4\n"
      "\"\x7f""\x1b""\x07""\",5\n"
      "\"@C2x60@\",6\n"
      "\"bom\uFEFFx\",7\n"
      "\"c1\u0085x\",8\n",
      false, nullptr, "FC",
      R"~(#Explorer.DataFrame<
  Polars[8 x 2]
  name string ["日本語テキスト日本語テキスト日本語テキスト",
   <<97, 1, 98>>,
   "@X4096@" <> ...,
   "éèêëēėę ☃☃☃ 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉",
   "\d\e\a", ...]
  v s64 [1, 2, 3, 4, 5, ...]
>
#Explorer.Series<
  Polars[8]
  string ["日本語テキスト日本語テキスト日本語テキスト",
   <<97, 1, 98>>,
   "@X4096@" <> ...,
   "éèêëēėę ☃☃☃ 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉",
   "\d\e\a",
   <<2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, ...>>,
   "bom\uFEFFx", <<99, 49, 194, 133, 120>>]
>
#Explorer.Series<
  Polars[8]
  s64 [1, 2, 3, 4, 5, 6, 7, 8]
>)~"});
}

TEST_CASE("Float.to_string layout (2.7e3, 3550.0, 2^53) and NaN/Inf in describe", "[frame_inspect]") {
  check_case({"floats",
      "f\n"
      "0.1\n"
      "1e16\n"
      "1.5e15\n"
      "123456789.0\n"
      "0.0001\n"
      "1e-5\n"
      "2700\n"
      "3550\n"
      "-0.0\n"
      "1e308\n"
      "5e-324\n"
      "NaN\n"
      "inf\n"
      "-inf\n"
      "100\n"
      "12000\n"
      "-2.5e-7\n"
      "9007199254740993\n",
      false, nullptr, "FSC",
      R"~(#Explorer.DataFrame<
  Polars[18 x 1]
  f f64 [0.1, 1.0e16, 1.5e15, 123456789.0, 0.0001, ...]
>
#Explorer.Series<
  Polars[9]
  f64 [18.0, 0.0, NaN, NaN, -Inf, 1.0e-5, 3550.0, 9.007199254740992e15, NaN]
>
#Explorer.Series<
  Polars[18]
  f64 [0.1, 1.0e16, 1.5e15, 123456789.0, 0.0001, 1.0e-5, 2.7e3, 3550.0, -0.0,
   1.0e308, 5.0e-324, NaN, Inf, -Inf, 100.0, 1.2e4, -2.5e-7,
   9.007199254740992e15]
>)~"});
}

TEST_CASE("s64 extremes and their f64 statistics", "[frame_inspect]") {
  check_case({"ints",
      "i\n"
      "9223372036854775807\n"
      "-9223372036854775808\n"
      "0\n"
      "-1\n"
      "42\n"
      "9007199254740993\n",
      false, nullptr, "FSC",
      R"~(#Explorer.DataFrame<
  Polars[6 x 1]
  i s64 [9223372036854775807, -9223372036854775808, 0, -1, 42, ...]
>
#Explorer.Series<
  Polars[9]
  f64 [6.0, 0.0, 1501199875790172.0, 5.833373827700422e18,
   -9.223372036854776e18, -1.0, 42.0, 9.007199254740992e15,
   9.223372036854776e18]
>
#Explorer.Series<
  Polars[6]
  s64 [9223372036854775807, -9223372036854775808, 0, -1, 42, 9007199254740993]
>)~"});
}

TEST_CASE("booleans with missing values; describe gives counts only", "[frame_inspect]") {
  check_case({"bools",
      "b,n\n"
      "true,1\n"
      ",2\n"
      "false,\n"
      "true,4\n"
      ",\n"
      "false,6\n"
      "true,7\n",
      false, nullptr, "FDC",
      R"~(#Explorer.DataFrame<
  Polars[7 x 2]
  b boolean [true, nil, false, true, nil, ...]
  n s64 [1, 2, nil, 4, nil, ...]
>
#Explorer.DataFrame<
  Polars[9 x 3]
  describe string ["count", "nil_count", "mean", "std", "min", ...]
  b string ["5", "2", nil, nil, nil, ...]
  n f64 [5.0, 2.0, 4.0, 2.5495097567963922, 1.0, ...]
>
#Explorer.Series<
  Polars[7]
  boolean [true, nil, false, true, nil, false, true]
>
#Explorer.Series<
  Polars[7]
  s64 [1, 2, nil, 4, nil, 6, 7]
>)~"});
}

TEST_CASE("a series of 57 values shows 50 and an ellipsis", "[frame_inspect]") {
  check_case({"long_series",
      "v,f,s\n"
      "-500000,0.0,\n"
      "-492081,195.71428571428572,w\n"
      "-484162,391.42857142857144,ww\n"
      "-476243,587.1428571428571,www\n"
      "-468324,782.8571428571429,wwww\n"
      "-460405,978.5714285714286,wwwww\n"
      "-452486,1174.2857142857142,wwwwww\n"
      "-444567,1370.0,wwwwwww\n"
      "-436648,1565.7142857142858,wwwwwwww\n"
      "-428729,1761.4285714285713,wwwwwwwww\n"
      "-420810,1957.142857142857,wwwwwwwwww\n"
      "-412891,2152.8571428571427,wwwwwwwwwww\n"
      "-404972,2348.5714285714284,wwwwwwwwwwww\n"
      "-397053,2544.285714285714,\n"
      "-389134,2740.0,w\n"
      "-381215,2935.714285714286,ww\n"
      "-373296,3131.4285714285716,www\n"
      "-365377,3327.1428571428573,wwww\n"
      "-357458,3522.8571428571427,wwwww\n"
      "-349539,3718.5714285714284,wwwwww\n"
      "-341620,3914.285714285714,wwwwwww\n"
      "-333701,4110.0,wwwwwwww\n"
      "-325782,4305.714285714285,wwwwwwwww\n"
      "-317863,4501.428571428572,wwwwwwwwww\n"
      "-309944,4697.142857142857,wwwwwwwwwww\n"
      "-302025,4892.857142857143,wwwwwwwwwwww\n"
      "-294106,5088.571428571428,\n"
      "-286187,5284.285714285715,w\n"
      "-278268,5480.0,ww\n"
      "-270349,5675.714285714285,www\n"
      "-262430,5871.428571428572,wwww\n"
      "-254511,6067.142857142857,wwwww\n"
      "-246592,6262.857142857143,wwwwww\n"
      "-238673,6458.571428571428,wwwwwww\n"
      "-230754,6654.285714285715,wwwwwwww\n"
      "-222835,6850.0,wwwwwwwww\n"
      "-214916,7045.714285714285,wwwwwwwwww\n"
      "-206997,7241.428571428572,wwwwwwwwwww\n"
      "-199078,7437.142857142857,wwwwwwwwwwww\n"
      "-191159,7632.857142857143,\n"
      "-183240,7828.571428571428,w\n"
      "-175321,8024.285714285715,ww\n"
      "-167402,8220.0,www\n"
      "-159483,8415.714285714286,wwww\n"
      "-151564,8611.42857142857,wwwww\n"
      "-143645,8807.142857142857,wwwwww\n"
      "-135726,9002.857142857143,wwwwwww\n"
      "-127807,9198.57142857143,wwwwwwww\n"
      "-119888,9394.285714285714,wwwwwwwww\n"
      "-111969,9590.0,wwwwwwwwww\n"
      "-104050,9785.714285714286,wwwwwwwwwww\n"
      "-96131,9981.42857142857,wwwwwwwwwwww\n"
      "-88212,10177.142857142857,\n"
      "-80293,10372.857142857143,w\n"
      "-72374,10568.57142857143,ww\n"
      "-64455,10764.285714285714,www\n"
      "-56536,10960.0,wwww\n",
      false, nullptr, "SC",
      R"~(#Explorer.Series<
  Polars[9]
  f64 [57.0, 0.0, -278268.0, 131441.08777509414, -5.0e5, -389134.0, -278268.0,
   -167402.0, -56536.0]
>
#Explorer.Series<
  Polars[9]
  f64 [57.0, 0.0, 5480.000000000001, 3248.503423085147, 0.0, 2740.0, 5480.0,
   8220.0, 10960.0]
>
#Explorer.Series<
  Polars[9]
  string ["52", "5", nil, nil, nil, nil, nil, nil, nil]
>
#Explorer.Series<
  Polars[57]
  s64 [-500000, -492081, -484162, -476243, -468324, -460405, -452486, -444567,
   -436648, -428729, -420810, -412891, -404972, -397053, -389134, -381215,
   -373296, -365377, -357458, -349539, -341620, -333701, -325782, -317863,
   -309944, -302025, -294106, -286187, -278268, -270349, -262430, -254511,
   -246592, -238673, -230754, -222835, -214916, -206997, -199078, -191159,
   -183240, -175321, -167402, -159483, -151564, -143645, -135726, -127807,
   -119888, -111969, ...]
>
#Explorer.Series<
  Polars[57]
  f64 [0.0, 195.71428571428572, 391.42857142857144, 587.1428571428571,
   782.8571428571429, 978.5714285714286, 1174.2857142857142, 1370.0,
   1565.7142857142858, 1761.4285714285713, 1957.142857142857,
   2152.8571428571427, 2348.5714285714284, 2544.285714285714, 2740.0,
   2935.714285714286, 3131.4285714285716, 3327.1428571428573,
   3522.8571428571427, 3718.5714285714284, 3914.285714285714, 4110.0,
   4305.714285714285, 4501.428571428572, 4697.142857142857, 4892.857142857143,
   5088.571428571428, 5284.285714285715, 5480.0, 5675.714285714285,
   5871.428571428572, 6067.142857142857, 6262.857142857143, 6458.571428571428,
   6654.285714285715, 6850.0, 7045.714285714285, 7241.428571428572,
   7437.142857142857, 7632.857142857143, 7828.571428571428, 8024.285714285715,
   8220.0, 8415.714285714286, 8611.42857142857, 8807.142857142857,
   9002.857142857143, 9198.57142857143, 9394.285714285714, 9590.0, ...]
>
#Explorer.Series<
  Polars[57]
  string [nil, "w", "ww", "www", "wwww", "wwwww", "wwwwww", "wwwwwww",
   "wwwwwwww", "wwwwwwwww", "wwwwwwwwww", "wwwwwwwwwww", "wwwwwwwwwwww", nil,
   "w", "ww", "www", "wwww", "wwwww", "wwwwww", "wwwwwww", "wwwwwwww",
   "wwwwwwwww", "wwwwwwwwww", "wwwwwwwwwww", "wwwwwwwwwwww", nil, "w", "ww",
   "www", "wwww", "wwwww", "wwwwww", "wwwwwww", "wwwwwwww", "wwwwwwwww",
   "wwwwwwwwww", "wwwwwwwwwww", "wwwwwwwwwwww", nil, "w", "ww", "www", "wwww",
   "wwwww", "wwwwww", "wwwwwww", "wwwwwwww", "wwwwwwwww", "wwwwwwwwww", ...]
>)~"});
}

TEST_CASE("min/max keep the first of equal zeros, quantiles use a stable sort", "[frame_inspect]") {
  check_case({"signed_zeros",
      "x,y\n"
      "0.0,-0.0\n"
      "-0.0,0.0\n"
      "0.0,-0.0\n"
      "0.0,0.0\n",
      false, nullptr, "S",
      R"~(#Explorer.Series<
  Polars[9]
  f64 [4.0, 0.0, 0.0, 0.0, 0.0, -0.0, 0.0, 0.0, 0.0]
>
#Explorer.Series<
  Polars[9]
  f64 [4.0, 0.0, 0.0, 0.0, -0.0, 0.0, -0.0, -0.0, -0.0]
>)~"});
}

TEST_CASE("a category column (dtypes option)", "[frame_inspect]") {
  check_case({"category",
      "s,n\n"
      "b,1\n"
      "a,2\n"
      "b,3\n"
      ",4\n"
      "\"c ☃\",5\n"
      "b,6\n"
      "a,7\n",
      false, "s", "FDC",
      R"~(#Explorer.DataFrame<
  Polars[7 x 2]
  s category ["b", "a", "b", nil, "c ☃", ...]
  n s64 [1, 2, 3, 4, 5, ...]
>
#Explorer.DataFrame<
  Polars[9 x 3]
  describe string ["count", "nil_count", "mean", "std", "min", ...]
  s string ["6", "1", nil, nil, nil, ...]
  n f64 [7.0, 0.0, 4.0, 2.160246899469287, 1.0, ...]
>
#Explorer.Series<
  Polars[7]
  category ["b", "a", "b", nil, "c ☃", "b", "a"]
>
#Explorer.Series<
  Polars[7]
  s64 [1, 2, 3, 4, 5, 6, 7]
>)~"});
}

TEST_CASE("an all-nil column is a string column", "[frame_inspect]") {
  check_case({"all_missing",
      "a,b,c\n"
      "1,NA,x\n"
      "2,NA,y\n",
      true, nullptr, "FD",
      R"~(#Explorer.DataFrame<
  Polars[2 x 3]
  a s64 [1, 2]
  b string [nil, nil]
  c string ["x", "y"]
>
#Explorer.DataFrame<
  Polars[9 x 4]
  describe string ["count", "nil_count", "mean", "std", "min", ...]
  a f64 [2.0, 0.0, 1.5, 0.7071067811865476, 1.0, ...]
  b string ["0", "2", nil, nil, nil, ...]
  c string ["2", "0", nil, nil, nil, ...]
>)~"});
}

/// 1000 rows with many equal values (0.0 and -0.0 among them), NaN, infinities
/// and nils: the quantiles come from selection, and must pick what the shim's
/// stable sort puts at each rank. The CSV is what the loop below writes.
TEST_CASE("quantiles of 1000 rows with ties, signed zeros and NaN", "[frame_inspect]") {
  const char* pool[] = {"0.0", "-0.0", "NaN", "inf", "-inf", "1.5", "-2.25", "3.0", "NA"};
  std::string csv = "a,b\n";
  for (int i = 0; i < 1000; i++)
    csv += std::string(pool[(i * 7) % 9]) + "," + (i % 13 == 0 ? "NA" : std::to_string((i * 37) % 11 - 5)) + "\n";
  check_case({"selection", csv.c_str(), true, nullptr, "FS",
              R"~(#Explorer.DataFrame<
  Polars[1000 x 2]
  a f64 [0.0, 3.0, 1.5, Inf, -0.0, ...]
  b s64 [nil, -1, 3, -4, 0, ...]
>
#Explorer.Series<
  Polars[9]
  f64 [889.0, 111.0, NaN, NaN, -Inf, 0.0, 0.0, 3.0, NaN]
>
#Explorer.Series<
  Polars[9]
  f64 [923.0, 77.0, -0.0021668472372697724, 3.165019570058988, -5.0, -3.0, 0.0,
   3.0, 5.0]
>)~"});
}

/// Frames made with hx_frame_new: a numeric column without any present value
/// gives an s64 describe column (the shim infers the dtype from [0, 0, nil...]).
/// Expected from the shim: DF.new(x: Series.from_list([], dtype: :s64),
/// y: Series.from_list([], dtype: :f64)), then IO.inspect(df), IO.inspect(d),
/// IO.inspect(d["y"]) for d = DF.describe(df); then DF.new([]).
TEST_CASE("hx_frame_new frames: empty numeric columns, no columns", "[frame_inspect]") {
  Ctx ctx;
  const char* names[] = {"x", "y"};
  int dtypes[] = {HX_DT_S64, HX_DT_F64};
  hx_frame* f = hx_frame_new(ctx, 0, 2, names, dtypes);
  REQUIRE(f);
  CHECK(take(hx_frame_inspect(f)) == R"(#Explorer.DataFrame<
  Polars[0 x 2]
  x s64 []
  y f64 []
>)");
  hx_frame* d = nullptr;
  REQUIRE(hx_frame_describe(ctx, f, &d) == HX_OK);
  CHECK(take(hx_frame_inspect(d)) == R"(#Explorer.DataFrame<
  Polars[9 x 3]
  describe string ["count", "nil_count", "mean", "std", "min", ...]
  x s64 [0, 0, nil, nil, nil, ...]
  y s64 [0, 0, nil, nil, nil, ...]
>)");
  CHECK(hx_frame_column_dtype(d, 2) == HX_DT_S64);
  CHECK(take(hx_series_inspect(d, 2)) == R"(#Explorer.Series<
  Polars[9]
  s64 [0, 0, nil, nil, nil, nil, nil, nil, nil]
>)");
  hx_frame_free(ctx, d);
  hx_frame_free(ctx, f);

  f = hx_frame_new(ctx, 0, 0, nullptr, nullptr);
  REQUIRE(f);
  CHECK(take(hx_frame_inspect(f)) == "#Explorer.DataFrame<\n  Polars[0 x 0]\n>");
  hx_frame_free(ctx, f);
}

TEST_CASE("describe errors are clear errors, never a crash", "[frame_inspect]") {
  Ctx ctx;
  hx_frame* d = reinterpret_cast<hx_frame*>(1);
  hx_frame* none = hx_frame_new(ctx, 3, 0, nullptr, nullptr);
  REQUIRE(none);
  CHECK(hx_frame_describe(ctx, none, &d) == HX_ERR_ARGUMENT);
  CHECK(d == nullptr);
  CHECK(std::string(hx_context_error(ctx)) ==
        "** (ArgumentError) cannot describe a DataFrame without any columns");
  hx_frame_free(ctx, none);

  // DF.describe(DF.new(describe: [1, 2])) in the shim.
  const char* names[] = {"describe"};
  int dtypes[] = {HX_DT_S64};
  hx_frame* f = hx_frame_new(ctx, 2, 1, names, dtypes);
  REQUIRE(f);
  CHECK(hx_frame_describe(ctx, f, &d) == HX_ERR_ARGUMENT);
  CHECK(std::string(hx_context_error(ctx)) == "** (ArgumentError) duplicate column name \"describe\"");
  CHECK(hx_frame_describe(ctx, nullptr, &d) == HX_ERR_ARGUMENT);
  CHECK(hx_frame_describe(ctx, f, nullptr) == HX_ERR_ARGUMENT);
  CHECK(hx_frame_describe(nullptr, f, &d) == HX_ERR_ARGUMENT);
  CHECK(hx_frame_inspect(nullptr) == nullptr);
  CHECK(hx_series_inspect(nullptr, 0) == nullptr);
  CHECK(hx_series_inspect(f, 1) == nullptr);
  CHECK(hx_series_inspect(f, -1) == nullptr);
  hx_frame_free(ctx, f);
}

TEST_CASE("describe's values and dtypes, read through the frame API", "[frame_inspect]") {
  Ctx ctx;
  std::string path = write_file("api", "a,b,s\n3,2.5,x\n,NA,\n1,-1.0,y\n2,7.5,\n");
  hxrt_csv_options o;
  hxrt_csv_options_init(&o);
  const char* nils[] = {"NA"};
  o.nil_values = nils, o.n_nil_values = 1;
  hx_frame* f = nullptr;
  REQUIRE(hx_csv_read(ctx, path.c_str(), &o, &f) == HX_OK);
  hx_frame* d = nullptr;
  REQUIRE(hx_frame_describe(ctx, f, &d) == HX_OK);
  REQUIRE(hx_frame_n_rows(d) == 9);
  REQUIRE(hx_frame_n_columns(d) == 4);
  CHECK(std::string(hx_frame_column_name(d, 0)) == "describe");
  CHECK(hx_frame_column_dtype(d, 0) == HX_DT_STRING);
  CHECK(hx_frame_column_dtype(d, 1) == HX_DT_F64);
  CHECK(hx_frame_column_dtype(d, 2) == HX_DT_F64);
  CHECK(hx_frame_column_dtype(d, 3) == HX_DT_STRING);
  int64_t len = 0;
  const char* s = hx_frame_string(d, 0, 8, &len);
  CHECK(std::string(s, (size_t)len) == "max");
  const double* a = hx_frame_f64(d, 1);
  const uint8_t* av = hx_frame_valid(d, 1);
  // a = [3, nil, 1, 2]: count 3, nil_count 1, mean 2, std 1, min 1; of the
  // sorted [1, 2, 3], 25% is at round(0.5) = 1, 50% at 1, 75% at round(1.5) = 2.
  const double want[9] = {3, 1, 2, 1, 1, 2, 2, 3, 3};
  for (int i = 0; i < 9; i++) {
    CHECK(av[i] == 1);
    CHECK(a[i] == want[i]);
  }
  s = hx_frame_string(d, 3, 0, &len);
  CHECK(std::string(s, (size_t)len) == "2");
  s = hx_frame_string(d, 3, 1, &len);
  CHECK(std::string(s, (size_t)len) == "2");
  CHECK(hx_frame_string(d, 3, 2, &len) == nullptr);  // nil
  hx_frame_free(ctx, d);
  hx_frame_free(ctx, f);
}
