/// \file CsvSchema.cpp
/// A CSV file's schema at compile time (CsvSchema.h). Small and strict; the
/// fast multicore reader is the runtime's (runtime/csv.c).
#include "CsvSchema.h"

#include <zlib.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace hx {
namespace {

bool read_all(const std::string& path, std::string& text, std::string& err) {
  gzFile g = gzopen(path.c_str(), "rb");  // reads plain files as they are
  if (!g) {
    err = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  char buf[1 << 16];
  int n;
  while ((n = gzread(g, buf, sizeof buf)) > 0) text.append(buf, size_t(n));
  if (n < 0) {
    int e;
    err = path + ": cannot read: " + gzerror(g, &e);
    gzclose(g);
    return false;
  }
  gzclose(g);
  return true;
}

/// The fields of the record at p (advances p past it); false at a stray quote.
bool record(const std::string& t, size_t& p, char delim, std::vector<std::string>& fields) {
  fields.clear();
  std::string f;
  bool quoted = false, was_quoted = false;
  while (p < t.size()) {
    char c = t[p];
    if (quoted) {
      if (c == '"' && p + 1 < t.size() && t[p + 1] == '"') f += '"', p += 2;
      else if (c == '"') quoted = false, p++;
      else f += c, p++;
      continue;
    }
    if (c == '"' && f.empty() && !was_quoted) {
      quoted = was_quoted = true, p++;
    } else if (c == delim) {
      fields.push_back(f), f.clear(), was_quoted = false, p++;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && p + 1 < t.size() && t[p + 1] == '\n') p++;
      p++;
      break;
    } else {
      f += c, p++;
    }
  }
  if (quoted) return false;
  fields.push_back(f);
  return true;
}

bool is_int(const std::string& s) {
  size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  if (i == s.size() || s.size() - i > 18) return false;
  for (; i < s.size(); i++)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

bool is_number(const std::string& s) {
  char* end = nullptr;
  errno = 0;
  std::strtod(s.c_str(), &end);
  return end && *end == 0 && !s.empty() && !std::isspace(static_cast<unsigned char>(s[0]));
}

}  // namespace

bool read_csv_schema(const std::string& path, bool header, char delim, const std::vector<std::string>& nil_values,
                     CsvSchema& out, std::string& err) {
  std::string t;
  if (!read_all(path, t, err)) return false;
  size_t p = 0;
  int64_t line = 0;
  std::vector<std::string> f;
  out = CsvSchema{};
  bool first = true;
  while (p < t.size()) {
    line++;
    if (!record(t, p, delim, f)) {
      err = path + ":" + std::to_string(line) + ": a quoted field is not closed";
      return false;
    }
    if (f.size() == 1 && f[0].empty()) continue;  // a blank line
    if (first) {
      first = false;
      for (size_t j = 0; j < f.size(); j++) {
        out.names.push_back(header ? f[j] : "column_" + std::to_string(j + 1));
        out.dtypes.push_back(CsvSchema::S64);
        out.missing.push_back(false);
      }
      if (header) continue;
    }
    if (f.size() != out.names.size()) {
      err = path + ":" + std::to_string(line) + ": " + std::to_string(f.size()) + " fields, expected " +
            std::to_string(out.names.size());
      return false;
    }
    out.rows++;
    for (size_t j = 0; j < f.size(); j++) {
      const std::string& v = f[j];
      bool nil = v.empty();
      for (auto& n : nil_values) nil = nil || v == n;
      if (nil) {
        out.missing[j] = true;
        continue;
      }
      if (out.dtypes[j] == CsvSchema::S64 && !is_int(v)) out.dtypes[j] = CsvSchema::F64;
      if (out.dtypes[j] == CsvSchema::F64 && !is_number(v)) out.dtypes[j] = CsvSchema::String;
    }
  }
  if (first) {
    err = path + ": the file is empty";
    return false;
  }
  return true;
}

}  // namespace hx
