/// \file FuseMaps.cpp
/// Vertical fusion of maps: map(map(xs, f), g) -> map(xs, fn x -> let y =
/// f(x) in g(y)). Lambdas are pure apart from raising, so the only
/// observable change is which of several raising elements is reported.
/// Map chains feeding folds, filters and reductions need no pass: codegen
/// pushes each element through the whole chain (see LLVMCodegen.cpp).
#include "Mutator.h"
#include "Passes.h"

namespace hx::ir {
namespace {

/// let v = (let x = a in b) in c  ==>  let x = a in let v = b in c.
/// Variables are unique, so floating the inner let out captures nothing;
/// it keeps fused chains flat (one let per stage) instead of a staircase.
ExprRef flat_let(Loc loc, const VarRef& v, const ExprRef& value, const ExprRef& body) {
  if (value->kind != ExprKind::Let) return let(loc, v, value, body);
  return let(value->loc, value->var, value->args[0], flat_let(loc, v, value->args[1], body));
}

const char* op_name(const ExprRef& e) {
  switch (e->kind) {
    case ExprKind::Map: return "Enum.map";
    case ExprKind::Filter: return "Enum.filter";
    case ExprKind::Fold: return "the reduction";
    case ExprKind::Reduce: return "Enum.reduce";
    case ExprKind::Length: return "Enum.count";
    default: return "this operation";
  }
}

/// Explains why a list operation's input is a materialised array rather
/// than fused into the same loop (--remarks=fusion).
void explain(const ExprRef& e) {
  if (e->kind != ExprKind::Map && e->kind != ExprKind::Filter && e->kind != ExprKind::Fold &&
      e->kind != ExprKind::Reduce && e->kind != ExprKind::Length)
    return;
  const ExprRef& src = e->args[0];
  switch (src->kind) {
    case ExprKind::VarUse:
      remark("fusion", e->loc, std::string("not fused: ") + op_name(e) + " reads the list `" + src->var->name +
                                   "`, a variable: it is built once and read from memory (bind fewer lists to "
                                   "variables, or use it only once, to fuse)");
      break;
    case ExprKind::Call:
      remark("fusion", e->loc, std::string("not fused: ") + op_name(e) + " reads the list returned by " +
                                   src->callee.substr(0, src->callee.find('(')) +
                                   ", a recursive or large function that was not inlined");
      break;
    case ExprKind::Sort:
      remark("fusion", e->loc, std::string("not fused: ") + op_name(e) +
                                   " reads the result of Enum.sort, which must be complete before it can be read");
      break;
    case ExprKind::Scan:
      // codegen streams the scan's results into the consumer (LLVMCodegen's scan_streams) unless both
      // sides can raise, where Elixir's order (the whole scan first) decides which error is reported
      remark("fusion", e->loc, std::string("fused: ") + op_name(e) + " consumes Enum.scan's results as they are "
                                   "computed, in one sequential loop (unless both can raise: then the scan's list "
                                   "is built first, as Elixir's order of errors needs)");
      break;
    case ExprKind::If: case ExprKind::Let:
      remark("fusion", e->loc, std::string("not fused: ") + op_name(e) + " reads a list chosen by an if/let");
      break;
    default:
      break;
  }
}

}  // namespace

Program fuse_maps(const Program& p) {
  return rewrite_program(p, [](const ExprRef& e) -> ExprRef {
    explain(e);
    if (e->kind != ExprKind::Map || e->args[0]->kind != ExprKind::Map) return e;
    const ExprRef& inner = e->args[0];
    const LambdaRef& f = inner->lambdas[0];
    const LambdaRef& g = e->lambdas[0];
    auto body = flat_let(e->loc, g->params[0], f->body, g->body);
    auto fused = std::make_shared<Lambda>(Lambda{f->params, body});
    return map(e->loc, inner->args[0], fused);
  });
}

}  // namespace hx::ir
