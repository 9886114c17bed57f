/// \file Diagnostics.h
/// User-facing compile errors: `file:line:col: error: message`, then the
/// source line and a caret under the column. Several errors are collected
/// per run; the driver exits 1 when any was reported.
#pragma once
#include "Source.h"
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace hx {

enum class Severity { Error, Warning, Note };

struct Diagnostic {
  Severity severity;
  Loc loc;
  std::string message;
};

class Diagnostics {
 public:
  explicit Diagnostics(const SourceManager& sm) : sm_(sm) {}
  void error(Loc loc, std::string msg);
  void warning(Loc loc, std::string msg);
  void note(Loc loc, std::string msg);
  bool has_errors() const { return errors_ > 0; }
  size_t error_count() const { return errors_ + dropped_; }
  /// Stops collecting after this many errors (protects against cascades).
  bool too_many() const { return errors_ >= max_errors_; }
  const std::vector<Diagnostic>& all() const { return diags_; }
  /// Prints every diagnostic, in the order reported, in the format above.
  void print(std::ostream& os) const;
  /// Formats a single diagnostic.
  std::string format(const Diagnostic& d) const;

 private:
  const SourceManager& sm_;
  std::vector<Diagnostic> diags_;
  size_t errors_ = 0;
  size_t max_errors_ = 20;
  size_t dropped_ = 0;  ///< errors past max_errors_, counted but not kept
};

/// Levenshtein distance, for "did you mean" suggestions.
size_t edit_distance(const std::string& a, const std::string& b);
/// The candidate closest to name, or "" when none is close enough.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace hx
