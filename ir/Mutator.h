/// \file Mutator.h
/// Bottom-up rewriting: rebuild children first, then let the pass look at
/// the node. Unchanged subtrees keep their identity, so a pass can tell
/// whether it changed anything (and `--dump-after` prints only changes).
#pragma once
#include "IR.h"

namespace hx::ir {

/// f(node-with-rewritten-children) -> replacement (or the node itself).
template <typename F>
ExprRef rewrite(const ExprRef& e, F&& f) {
  bool changed = false;
  std::vector<ExprRef> args;
  args.reserve(e->args.size());
  for (auto& a : e->args) {
    args.push_back(rewrite(a, f));
    changed |= args.back() != a;
  }
  std::vector<LambdaRef> lambdas;
  for (auto& l : e->lambdas) {
    ExprRef b = rewrite(l->body, f);
    if (b != l->body) {
      changed = true;
      lambdas.push_back(std::make_shared<Lambda>(Lambda{l->params, b}));
    } else {
      lambdas.push_back(l);
    }
  }
  ExprRef n = changed ? with_args(e, std::move(args), std::move(lambdas)) : e;
  return f(n);
}

/// Applies rewrite to every function body; returns p itself when nothing changed.
template <typename F>
Program rewrite_program(const Program& p, F&& f, bool* changed = nullptr) {
  Program out = p;
  bool any = false;
  for (auto& fn : out.functions) {
    ExprRef b = rewrite(fn->body, f);
    if (b != fn->body) {
      auto nf = std::make_shared<Function>(*fn);
      nf->body = b;
      fn = nf;
      any = true;
    }
  }
  if (changed) *changed = any;
  return out;
}

}  // namespace hx::ir
