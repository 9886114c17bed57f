/// \file Pipeline.cpp
/// The IR pipeline, in one readable table.
#include "IRPrinter.h"
#include "Passes.h"

namespace hx::ir {

namespace {
const PipelineOptions* g_remark_opts = nullptr;  // set while run_pipeline runs
}

void remark(const char* kind, Loc loc, const std::string& message) {
  const PipelineOptions* o = g_remark_opts;
  if (!o || !o->remark_out || o->remarks != kind) return;
  *o->remark_out << (o->loc_text ? o->loc_text(loc) : std::to_string(loc.line) + ":" + std::to_string(loc.col))
                 << ": remark: " << message << "\n";
}


const std::vector<Pass>& pass_table() {
  // Order: inline first, so that loop bodies are single expressions the
  // other passes (and the vector code generator) can see through; fold
  // constants so fusion sees simple lambdas; fuse; fold again because fusion
  // puts producer bodies next to consumer bodies; fuse sibling reductions
  // last, once CSE has made equal sources one variable and vertical fusion
  // has given each reduction its final map/filter chain (no later pass
  // rewrites a multifold, so its members keep sharing one base node); drop
  // what inlining left unreachable.
  static const std::vector<Pass> passes = {
      {"inline", "inline every non-recursive function into its callers", inline_functions, 1},
      {"const-fold", "fold constants, propagate constant lets", const_fold, 1},
      {"cse", "share repeated subexpressions through lets (ir/CSE.cpp)", cse, 1},
      {"fuse-maps", "map(map(xs, f), g) -> map(xs, g . f)", fuse_maps, 1},
      {"const-fold-2", "fold constants exposed by fusion", const_fold, 1},
      {"fuse-horizontal", "sibling reductions over one source -> one multifold loop (ir/FuseHorizontal.cpp)",
       fuse_horizontal, 1},
      {"dead-functions", "remove functions no entry point reaches", remove_dead_functions, 1},
  };
  return passes;
}

bool run_pipeline(Program& p, const PipelineOptions& opts, std::string& err) {
  if (std::string e = verify(p); !e.empty()) {
    err = "IR from the frontend is invalid: " + e;
    return false;
  }
  struct Scope {
    explicit Scope(const PipelineOptions* o) { g_remark_opts = o; }
    ~Scope() { g_remark_opts = nullptr; }
  } scope(&opts);
  for (auto& pass : pass_table()) {
    if (opts.opt_level < pass.min_opt_level) continue;
    Program next = pass.run(p);
    if (std::string e = verify(next); !e.empty()) {
      err = std::string("pass '") + pass.name + "' produced invalid IR: " + e;
      return false;
    }
    bool changed = next.functions != p.functions;
    p = std::move(next);
    if (opts.dump && (opts.dump_after == "all" || opts.dump_after == pass.name)) {
      *opts.dump << "; IR after " << pass.name << (changed ? "" : " (unchanged)") << "\n"
                 << print_program(p);
    }
    if (opts.stop_after == pass.name) break;
  }
  return true;
}

}  // namespace hx::ir
