/// \file Diagnostics.cpp
/// Collecting and printing compile errors.
///
/// Format (one diagnostic):
///
///     file.hx:3:14: error: unexpected token ')'
///         x = foo(1, )
///                    ^
///
/// The source line is indented by four spaces; the caret line is four
/// spaces, then one character per code point before the column: a tab where
/// the source has a tab, a space otherwise, so the caret lines up in any
/// terminal. Control characters and invalid UTF-8 bytes in the source line
/// show as '?'. Lines longer than kLongLine code points show a window
/// around the column, marked with "...".
#include "Diagnostics.h"

#include <algorithm>

namespace hx {
namespace {

constexpr size_t kLongLine = 240;  ///< longer lines are shown as a window
constexpr size_t kWindow = 100;    ///< code points shown each side of the caret

/// One displayed column of a source line.
struct Unit {
  std::string text;  ///< what to print for it
  bool tab = false;
};

Unit unit_at(const std::string& line, size_t& i) {
  size_t start = i;
  uint32_t cp;
  bool ok = next_code_point(line, i, cp);
  Unit u;
  if (!ok || cp < 0x20 || cp == 0x7F) {
    u.tab = cp == '\t';
    u.text = u.tab ? "\t" : "?";
  } else {
    u.text = line.substr(start, i - start);
  }
  return u;
}

size_t count_units(const std::string& line) {
  size_t n = 0, i = 0;
  uint32_t cp;
  while (i < line.size()) next_code_point(line, i, cp), ++n;
  return n;
}

/// The units [begin, end) of a line; a 10 MB line is walked, not copied.
std::vector<Unit> units_in(const std::string& line, size_t begin, size_t end) {
  std::vector<Unit> units;
  size_t i = 0, n = 0;
  uint32_t cp;
  while (i < line.size() && n < begin) next_code_point(line, i, cp), ++n;
  while (i < line.size() && n < end) units.push_back(unit_at(line, i)), ++n;
  return units;
}

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

}  // namespace

void Diagnostics::error(Loc loc, std::string msg) {
  if (errors_ >= max_errors_) {
    ++dropped_;
    return;
  }
  diags_.push_back({Severity::Error, loc, std::move(msg)});
  ++errors_;
}

void Diagnostics::warning(Loc loc, std::string msg) {
  diags_.push_back({Severity::Warning, loc, std::move(msg)});
}

void Diagnostics::note(Loc loc, std::string msg) {
  diags_.push_back({Severity::Note, loc, std::move(msg)});
}

std::string Diagnostics::format(const Diagnostic& d) const {
  std::string out;
  const SourceFile* file = d.loc.valid() && d.loc.file < sm_.size() ? &sm_.file(d.loc.file) : nullptr;
  if (file) {
    out += file->path + ":" + std::to_string(d.loc.line) + ":" + std::to_string(d.loc.col) + ": ";
  }
  out += severity_name(d.severity);
  out += ": ";
  out += d.message;
  out += '\n';
  if (!file || d.loc.line > file->line_starts.size()) return out;

  std::string line = file->line(d.loc.line);
  size_t total = count_units(line);
  size_t caret = d.loc.col > 0 ? d.loc.col - 1 : 0;
  size_t begin = 0, end = total;
  if (total > kLongLine) {
    size_t c = std::min(caret, total);
    begin = c > kWindow ? c - kWindow : 0;
    end = std::min(total, c + kWindow);
  }
  std::vector<Unit> units = units_in(line, begin, end);
  std::string src = "    ", mark = "    ";
  if (begin > 0) src += "...", mark += "   ";
  for (const Unit& u : units) src += u.text;
  if (end < total) src += "...";
  for (size_t i = begin; i < caret; ++i) mark += i - begin < units.size() && units[i - begin].tab ? '\t' : ' ';
  out += src + '\n' + mark + "^\n";
  return out;
}

void Diagnostics::print(std::ostream& os) const {
  for (const Diagnostic& d : diags_) os << format(d);
  if (dropped_ > 0)
    os << "error: too many errors; " << dropped_ << " more not shown\n";
}

size_t edit_distance(const std::string& a, const std::string& b) {
  // One row of the Levenshtein table at a time.
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      size_t sub = diag + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({up + 1, row[j - 1] + 1, sub});
      diag = up;
    }
  }
  return row[b.size()];
}

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
  size_t limit = std::max<size_t>(1, name.size() / 3);
  std::string best;
  size_t best_dist = limit + 1;
  for (const std::string& c : candidates) {
    // Cheap reject: the length difference alone is a lower bound.
    size_t diff = c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
    if (diff >= best_dist) continue;
    size_t d = edit_distance(name, c);
    if (d < best_dist) {
      best_dist = d;
      best = c;
    }
  }
  return best;
}

}  // namespace hx
