/// \file Inline.cpp
/// Inlining of every non-recursive user function into its callers, and the
/// removal of functions no entry point reaches any more. After this pass a
/// lambda body in a loop is one expression tree with no calls (unless it
/// calls a recursive function), which is what the vector code generator
/// needs. Inlined bodies get fresh variables, so every variable is still
/// bound exactly once.
#include "Mutator.h"
#include "Passes.h"

#include <functional>
#include <map>
#include <set>

namespace hx::ir {
namespace {

void calls_of(const ExprRef& e, std::set<std::string>& out) {
  if (e->kind == ExprKind::Call) out.insert(e->callee);
  for (auto& a : e->args) calls_of(a, out);
  for (auto& l : e->lambdas) calls_of(l->body, out);
}

/// Functions that can reach themselves through calls.
std::set<std::string> recursive_functions(const Program& p) {
  std::map<std::string, std::set<std::string>> graph;
  for (auto& f : p.functions) calls_of(f->body, graph[f->key]);
  std::set<std::string> rec;
  for (auto& f : p.functions) {
    std::set<std::string> seen;
    std::vector<std::string> work(graph[f->key].begin(), graph[f->key].end());
    while (!work.empty()) {
      std::string k = work.back();
      work.pop_back();
      if (k == f->key) {
        rec.insert(f->key);
        break;
      }
      if (!seen.insert(k).second) continue;
      for (auto& c : graph[k]) work.push_back(c);
    }
  }
  return rec;
}

/// A copy of e in which every variable bound inside e is replaced by a fresh
/// one (and uses of variables in m by their replacement).
ExprRef rename(const ExprRef& e, std::map<int, VarRef>& m, Program& p) {
  if (e->kind == ExprKind::VarUse) {
    auto it = m.find(e->var->id);
    return it == m.end() ? e : var_use(e->loc, it->second);
  }
  if (e->kind == ExprKind::Let) {
    ExprRef v = rename(e->args[0], m, p);
    VarRef nv = new_var(p, e->var->name, e->var->type);
    m[e->var->id] = nv;
    return let(e->loc, nv, v, rename(e->args[1], m, p));
  }
  std::vector<ExprRef> args;
  for (auto& a : e->args) args.push_back(rename(a, m, p));
  std::vector<LambdaRef> lambdas;
  for (auto& l : e->lambdas) {
    std::vector<VarRef> ps;
    for (auto& prm : l->params) {
      VarRef nv = new_var(p, prm->name, prm->type);
      m[prm->id] = nv;
      ps.push_back(nv);
    }
    lambdas.push_back(std::make_shared<Lambda>(Lambda{ps, rename(l->body, m, p)}));
  }
  return with_args(e, std::move(args), std::move(lambdas));
}

/// Marks every node of an inlined body (that has no origin yet) as coming
/// from the function `origin`.
ExprRef stamp(const ExprRef& e, const std::string& origin) {
  std::vector<ExprRef> args;
  for (auto& a : e->args) args.push_back(stamp(a, origin));
  std::vector<LambdaRef> lambdas;
  for (auto& l : e->lambdas) lambdas.push_back(std::make_shared<Lambda>(Lambda{l->params, stamp(l->body, origin)}));
  auto n = std::make_shared<Expr>(*with_args(e, std::move(args), std::move(lambdas)));
  if (n->origin.empty()) n->origin = origin;
  return n;
}

size_t node_count(const ExprRef& e) {
  size_t n = 1;
  for (auto& a : e->args) n += node_count(a);
  for (auto& l : e->lambdas) n += node_count(l->body);
  return n;
}

}  // namespace

Program inline_functions(const Program& in) {
  Program p = in;
  std::set<std::string> rec = recursive_functions(p);
  std::map<std::string, FunctionRef> byKey;
  for (auto& f : p.functions) byKey[f->key] = f;
  // Generous: pipelines are small, and a call left in a loop body blocks
  // vectorisation. Very large helpers stay calls.
  const size_t kMaxInline = 2000;
  std::function<ExprRef(const ExprRef&)> inline_in = [&](const ExprRef& body) -> ExprRef {
    return rewrite(body, [&](const ExprRef& e) -> ExprRef {
      if (e->kind != ExprKind::Call || rec.count(e->callee)) return e;
      const FunctionRef& f = byKey.at(e->callee);
      if (node_count(f->body) > kMaxInline) return e;
      std::map<int, VarRef> m;
      std::vector<VarRef> ps;
      for (auto& prm : f->params) {
        VarRef nv = new_var(p, prm->name, prm->type);
        m[prm->id] = nv;
        ps.push_back(nv);
      }
      ExprRef b = inline_in(stamp(rename(f->body, m, p), f->display));
      for (size_t i = ps.size(); i-- > 0;) b = let(e->loc, ps[i], e->args[i], b);
      return b;
    });
  };
  for (auto& f : p.functions) {
    ExprRef b = inline_in(f->body);
    if (b != f->body) {
      auto nf = std::make_shared<Function>(*f);
      nf->body = b;
      f = nf;
    }
  }
  return p;
}

Program remove_dead_functions(const Program& in) {
  std::map<std::string, FunctionRef> byKey;
  for (auto& f : in.functions) byKey[f->key] = f;
  std::set<std::string> live;
  std::vector<std::string> work;
  for (auto& f : in.functions)
    if (f->is_entry) work.push_back(f->key);
  while (!work.empty()) {
    std::string k = work.back();
    work.pop_back();
    if (!live.insert(k).second) continue;
    std::set<std::string> cs;
    calls_of(byKey.at(k)->body, cs);
    for (auto& c : cs) work.push_back(c);
  }
  Program out = in;
  out.functions.clear();
  for (auto& f : in.functions)
    if (live.count(f->key)) out.functions.push_back(f);
  return out;
}

}  // namespace hx::ir
