/// \file Source.h
/// Source files and locations. Every AST and IR node carries a Loc, so a
/// runtime error in fused code can still name the `.hx` line it came from.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hx {

/// A position in a source file: 1-based line and column. file indexes
/// SourceManager; 0 with line 0 means "no location" (compiler-made nodes).
struct Loc {
  uint32_t file = 0;
  uint32_t line = 0;
  uint32_t col = 0;
  bool valid() const { return line != 0; }
};

struct SourceFile {
  std::string path;  ///< as the user named it
  std::string text;
  std::vector<size_t> line_starts;  ///< byte offset of each line
  std::string line(uint32_t line) const;  ///< the text of a 1-based line, no newline
};

/// Owns the text of every file the compiler has read.
class SourceManager {
 public:
  /// Adds a file from memory; returns its id.
  uint32_t add(std::string path, std::string text);
  /// Reads a file from disk; returns false (and sets err) when it cannot.
  bool load(const std::string& path, uint32_t& id, std::string& err);
  const SourceFile& file(uint32_t id) const { return *files_.at(id); }
  /// How many files were added; valid ids are 0 .. size()-1.
  size_t size() const { return files_.size(); }

 private:
  std::vector<std::unique_ptr<SourceFile>> files_;
};

/// Decodes the UTF-8 code point at s[i] and advances i past it. Returns
/// false, with cp = U+FFFD and i advanced by one byte, for a byte that does
/// not start a valid, shortest-form sequence. Columns (Loc::col) count what
/// this function steps over, so the lexer and the caret printer agree.
bool next_code_point(const std::string& s, size_t& i, uint32_t& cp);

}  // namespace hx
