/// \file Verifier.cpp
/// The IR verifier: every variable used is in scope, every node's type is
/// consistent with its operands, every call names a function of the
/// program with matching parameter types.
#include "IRPrinter.h"
#include "Passes.h"

#include <set>

namespace hx::ir {
namespace {

struct Verifier {
  const Program& prog;
  std::set<int> scope;
  std::string err;

  bool fail(const ExprRef& e, const std::string& what) {
    if (err.empty()) err = what + " in:\n" + print_expr(e, 2);
    return false;
  }
  bool lambda(const LambdaRef& l) {
    for (auto& p : l->params) scope.insert(p->id);
    bool ok = expr(l->body);
    for (auto& p : l->params) scope.erase(p->id);
    return ok;
  }
  bool expr(const ExprRef& e) {
    if (!e || !e->type) return fail(e, "missing expression or type");
    if (e->kind == ExprKind::Let) {
      if (!expr(e->args[0])) return false;
      if (e->var->type != e->args[0]->type) return fail(e, "let binds a value of another type");
      scope.insert(e->var->id);
      bool ok = expr(e->args[1]);
      scope.erase(e->var->id);
      if (ok && e->type != e->args[1]->type) return fail(e, "let's type is not its body's");
      return ok;
    }
    for (auto& a : e->args)
      if (!expr(a)) return false;
    for (auto& l : e->lambdas)
      if (!lambda(l)) return false;
    auto& a = e->args;
    switch (e->kind) {
      case ExprKind::VarUse:
        if (!scope.count(e->var->id)) return fail(e, "variable used out of scope");
        if (e->type != e->var->type) return fail(e, "variable use has the wrong type");
        break;
      case ExprKind::Binary: {
        bool cmp = e->binop >= BinOp::Eq && e->binop <= BinOp::Ge;
        bool logic = e->binop == BinOp::And || e->binop == BinOp::Or;
        if (a[0]->type != a[1]->type) return fail(e, "binary operands differ in type");
        if (cmp && e->type != bool_type()) return fail(e, "comparison is not boolean");
        if (logic && a[0]->type != bool_type()) return fail(e, "logic on non-booleans");
        if (!cmp && !logic && e->type != a[0]->type) return fail(e, "arithmetic changes type");
        if ((e->binop == BinOp::IDiv || e->binop == BinOp::Rem) && !is_integer(e->type))
          return fail(e, "div/rem on non-integers");
        if (e->binop == BinOp::FDiv && !is_floating(e->type)) return fail(e, "/ on non-floats");
        break;
      }
      case ExprKind::If:
        if (a[1]->type != e->type || a[2]->type != e->type) return fail(e, "if branches differ in type");
        break;
      case ExprKind::Call: {
        const Function* f = prog.find(e->callee);
        if (!f) return fail(e, "call of unknown function " + e->callee);
        if (f->params.size() != a.size()) return fail(e, "call with the wrong arity");
        for (size_t i = 0; i < a.size(); i++)
          if (f->params[i]->type != a[i]->type) return fail(e, "call argument of the wrong type");
        if (f->result != e->type) return fail(e, "call result of the wrong type");
        break;
      }
      case ExprKind::Map:
        if (e->type != list_type(e->lambdas[0]->body->type)) return fail(e, "map type");
        if (e->lambdas[0]->params[0]->type != a[0]->type->elem) return fail(e, "map parameter type");
        break;
      case ExprKind::Filter:
        if (e->lambdas[0]->body->type != bool_type()) return fail(e, "filter predicate not boolean");
        break;
      case ExprKind::MultiFold: {
        if (a.size() < 2) return fail(e, "multifold with fewer than two members");
        std::vector<Type> ts;
        ExprRef base;
        for (auto& m : a) {
          if (m->kind != ExprKind::Fold && m->kind != ExprKind::Length)
            return fail(e, "multifold member is not a fold or length");
          if (m->kind == ExprKind::Length && m->args[0]->kind != ExprKind::Map && m->args[0]->kind != ExprKind::Filter)
            return fail(e, "multifold member is the length of a list that is no map or filter");
          ExprRef b = reduction_base(m);
          if (base && b != base) return fail(e, "multifold members do not share one base node");
          base = b;
          ts.push_back(m->type);
        }
        if (e->type != tuple_type(ts)) return fail(e, "multifold type is not the tuple of its members' types");
        break;
      }
      case ExprKind::MultiMap: {
        if (a.size() < 2) return fail(e, "multimap with fewer than two members");
        std::vector<Type> ts;
        const Expr* base = nullptr;
        for (auto& m : a) {
          const Expr* x = m.get();
          while (x->kind == ExprKind::Map) x = x->args[0].get();
          if (m->kind != ExprKind::Map || x->kind == ExprKind::Filter)
            return fail(e, "multimap member is not a chain of maps");
          if (base && x != base) return fail(e, "multimap members do not share one base node");
          base = x;
          ts.push_back(m->type);
        }
        if (e->type != tuple_type(ts)) return fail(e, "multimap type is not the tuple of its members' types");
        break;
      }
      default:
        break;
    }
    return true;
  }
};

}  // namespace

std::string verify(const Program& p) {
  for (auto& f : p.functions) {
    Verifier v{p, {}, {}};
    for (auto& prm : f->params) v.scope.insert(prm->id);
    if (!v.expr(f->body)) return "in " + f->key + ": " + v.err;
    if (f->body->type != f->result) return "in " + f->key + ": body type is not the result type";
  }
  return "";
}

}  // namespace hx::ir
