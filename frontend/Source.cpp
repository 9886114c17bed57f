/// \file Source.cpp
/// Source files: loading, line tables and UTF-8 decoding.
#include "Source.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace hx {

std::string SourceFile::line(uint32_t line) const {
  if (line == 0 || line > line_starts.size()) return {};
  size_t start = line_starts[line - 1];
  size_t end = text.find('\n', start);
  if (end == std::string::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return text.substr(start, end - start);
}

uint32_t SourceManager::add(std::string path, std::string text) {
  auto f = std::make_unique<SourceFile>();
  f->path = std::move(path);
  f->text = std::move(text);
  f->line_starts.push_back(0);
  for (size_t i = 0; i < f->text.size(); ++i)
    if (f->text[i] == '\n') f->line_starts.push_back(i + 1);
  files_.push_back(std::move(f));
  return static_cast<uint32_t>(files_.size() - 1);
}

bool SourceManager::load(const std::string& path, uint32_t& id, std::string& err) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    err = "cannot open '" + path + "': " + std::strerror(errno);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    err = "cannot open '" + path + "': is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err = "cannot open '" + path + "': " + std::strerror(errno);
    return false;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) {
    err = "cannot read '" + path + "'";
    return false;
  }
  id = add(path, buf.str());
  return true;
}

bool next_code_point(const std::string& s, size_t& i, uint32_t& cp) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) {
    cp = c;
    ++i;
    return true;
  }
  size_t len;
  uint32_t min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, cp = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, cp = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, cp = c & 0x07, min = 0x10000;
  } else {
    cp = 0xFFFD;
    ++i;
    return false;
  }
  if (i + len > s.size()) {
    cp = 0xFFFD;
    ++i;
    return false;
  }
  uint32_t v = cp;
  for (size_t k = 1; k < len; ++k) {
    unsigned char cc = byte(i + k);
    if ((cc & 0xC0) != 0x80) {
      cp = 0xFFFD;
      ++i;
      return false;
    }
    v = (v << 6) | (cc & 0x3F);
  }
  // Overlong forms, UTF-16 surrogates and values past U+10FFFF are invalid.
  if (v < min || (v >= 0xD800 && v <= 0xDFFF) || v > 0x10FFFF) {
    cp = 0xFFFD;
    ++i;
    return false;
  }
  cp = v;
  i += len;
  return true;
}

}  // namespace hx
