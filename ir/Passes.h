/// \file Passes.h
/// Every IR-to-IR pass, one function each, and the pass table that the
/// driver turns into `--dump-after=NAME` / `--stop-after=NAME`.
#pragma once
#include "IR.h"
#include <ostream>
#include <string>
#include <vector>

namespace hx::ir {

/// Checks scoping and typing of a whole program. Returns "" when valid, else
/// a description of the first problem. Runs after every pass.
std::string verify(const Program& p);

/// Folds operations on constants, propagates constant lets and takes the
/// known branch of constant ifs. Never folds an operation that raises.
Program const_fold(const Program& p);
/// One step of const_fold on e alone (its operands already folded): the
/// frontend folds what must be known at compile time (`DF.slice(df, 0,
/// round(n * 0.8))`) with the same rules.
ExprRef fold_node(const ExprRef& e);
/// Common-subexpression elimination through lets (policy: ir/CSE.cpp).
Program cse(const Program& p);
/// Vertical fusion: map(map(xs, f), g) becomes map(xs, g . f).
Program fuse_maps(const Program& p);
/// Horizontal fusion: sibling reductions of one source in a let-chain
/// become one MultiFold (one loop); policy in ir/FuseHorizontal.cpp.
Program fuse_horizontal(const Program& p);
/// Inlines every non-recursive function into its callers (fresh variables).
Program inline_functions(const Program& p);
/// Drops functions that no entry point reaches.
Program remove_dead_functions(const Program& p);

/// Optimisation remarks (`--remarks=fusion`): a pass explains a decision
/// at a source location. A no-op unless the pipeline was given a sink.
void remark(const char* kind, Loc loc, const std::string& message);

struct Pass {
  const char* name;
  const char* description;
  Program (*run)(const Program&);
  int min_opt_level;  ///< runs at -O<level> and above
};
/// The passes, in pipeline order.
const std::vector<Pass>& pass_table();

struct PipelineOptions {
  int opt_level = 2;
  std::string dump_after;   ///< a pass name, or "all"
  std::string stop_after;   ///< a pass name
  std::ostream* dump = nullptr;
  std::string remarks;            ///< "fusion", or empty
  std::ostream* remark_out = nullptr;
  /// Formats a location for remarks ("file:line:col").
  std::string (*loc_text)(Loc) = nullptr;
};
/// Runs the pass table over p. Returns false (with err set) when the
/// verifier rejects a pass's output; err names the pass.
bool run_pipeline(Program& p, const PipelineOptions& opts, std::string& err);

}  // namespace hx::ir
