/// \file Sema.h
/// From ASTs to typed IR: module and function collection, name resolution,
/// type inference from the entry points' @spec and from literals, and
/// specialisation of every helper per argument types (a `def step(x)` used
/// on integers and on floats becomes two IR functions).
#pragma once
#include "AST.h"
#include "Diagnostics.h"
#include "IR.h"

#include <memory>
#include <string>
#include <vector>

namespace hx {

/// A request for an exported entry point.
struct EntryRequest {
  std::string module;
  std::string name;
  std::vector<ir::Type> args;  ///< empty with from_spec: take them from @spec
  bool from_spec = true;
  Loc loc;
};

/// What `hastec run -e` and the header generator need to know about an entry.
struct EntryInfo {
  std::string module, name, symbol, key;
  std::vector<ir::Type> args;
  ir::Type result;
};

class Sema {
 public:
  Sema(const SourceManager& sm, Diagnostics& diags);
  ~Sema();
  /// Collects the modules of a parsed file. Call once per file.
  void add_file(const FileAST& ast);
  /// Lowers every @spec'd public function plus the extra entries to IR.
  /// Returns false when any error was reported.
  bool lower(const std::vector<EntryRequest>& extra, ir::Program& out);
  /// The entry points of the last lower(), in order.
  const std::vector<EntryInfo>& entries() const;
  /// Does module.name/arity exist and is it public? (for `hastec run -e`)
  bool has_public(const std::string& module, const std::string& name, size_t arity) const;
  /// The @spec types of module.name/arity, if it has one.
  bool spec_of(const std::string& module, const std::string& name, size_t arity,
               std::vector<ir::Type>& args, ir::Type& result) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The C symbol of an entry point: "LogisticMap.run" -> "LogisticMap_run";
/// `?` and `!` in names become `_p` and `_x`.
std::string entry_symbol(const std::string& module, const std::string& name);

}  // namespace hx
