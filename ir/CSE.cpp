/// \file CSE.cpp
/// Common-subexpression elimination: a subexpression that occurs twice or
/// more is evaluated once, bound by a `Let` to a fresh variable `cse%N`, and
/// its occurrences become uses of that variable.
///
/// Equality is structural: kind, type, payload (operator, constant, callee,
/// message...), arguments and lambdas, with variables bound inside the
/// expression (lambda parameters, inner lets) compared up to renaming, so
/// `map(xs, fn a -> a * a)` equals `map(xs, fn b -> b * b)`. Variables bound
/// outside compare by identity: `x + 1` before and after `x = x * 2` are two
/// different expressions. Source locations are not compared: the bound value
/// is the first occurrence itself, so any error it raises keeps its line.
///
/// Where the let goes (IR.h: strict left-to-right evaluation; If evaluates
/// one branch; a lambda body runs once per element, maybe never): at the
/// innermost node S that contains all the occurrences (the let is then in the
/// scope of every variable the expression uses), and only if
/// - the expression cannot raise and is evaluated on every evaluation of S
///   (in S's strict part, in the If condition, or in both branches of an
///   If), never only inside a lambda body: so `if c, do: band(x, y) + 1,
///   else: band(x, y) - 1` computes `band(x, y)` once before the if; or
/// - it may raise, and its first occurrence O1 (in evaluation order) is
///   evaluated unconditionally from S (not in an If branch, a lambda body or
///   a guard, whose errors are caught). Whatever S evaluates before O1 and
///   may raise is let-bound first, in the original order (lets on the way
///   are floated up with it): the same error is raised first, at the same
///   line, and nothing is evaluated that was not evaluated before.
/// When S does not qualify, the occurrences are split by S's children and
/// each group is tried deeper. "May raise" is conservative: integer + - *
/// and negation count, because `--check-overflow` makes them raise, so an
/// integer `x * y` in both branches of an if stays in each branch.
///
/// Policy for what is a candidate:
/// - Scalars (integer, float, boolean, i32, f32), everywhere, lambda bodies
///   included. This covers the results of array reductions: a repeated
///   `Enum.sum(Enum.map(xs, f))` is one loop instead of two.
/// - Tuples: never (building one is free, and a tuple-typed let in a lambda
///   body would stop the vector code generator).
/// - Lists: only outside lambda bodies, and only when reusing the list beats
///   recomputing it. Codegen fuses a map/filter chain into its consumer
///   without an array; binding it to a variable materialises it (a store
///   and a load per element, an allocation, and the consumers read memory
///   instead of fusing). So a list is shared only when it is materialised
///   anyway (the chain contains a sort, a scan or a call), or when its
///   per-element work is expensive: estimated cost >= kExpensiveElement
///   below, about two divisions by a non-constant, or :math and a division,
///   or a nested array operation. Measured (Xeon, 16 cores, 1e8 elements,
///   `Enum.sum(l) / Enum.max(l)` with l shared vs built twice, best of 3,
///   1 thread / 16 threads): l = map(1..n, x * x + 3): shared 1.60 s / 0.179
///   s, twice 0.29 s / 0.030 s; one `rem(22 * x * (x + 1), p)`: shared 2.80 /
///   0.279, twice 3.37 / 0.264 (break-even); three of them chained: shared
///   7.57 / 0.587, twice 12.84 / 0.859. So `Enum.sum(Enum.map(xs, f)) /
///   Enum.count(Enum.map(xs, f))` keeps its two fused loops unless f is
///   expensive.
/// The let for a list never wraps a list-typed node (a consumer whose
/// source is a let does not fuse): it goes above, to the nearest node that
/// is not a list.
#include "Mutator.h"
#include "Passes.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <unordered_map>

namespace hx::ir {
namespace {

/// Estimated per-element cost (in simple arithmetic operations) from which
/// recomputing a list costs more than storing and reloading it (measured:
/// see the header; one division by a variable, cost 23, is break-even).
constexpr int kExpensiveElement = 40;
/// Bound on rewrites per function (each removes a repeated occurrence, so
/// the loop ends anyway; this bounds the time on huge inlined bodies).
constexpr int kMaxRewrites = 2000;

using Path = std::vector<size_t>;  ///< child indices from a root; lambda i is args.size() + i

const ExprRef& child(const ExprRef& e, size_t i) {
  return i < e->args.size() ? e->args[i] : e->lambdas[i - e->args.size()]->body;
}
size_t child_count(const ExprRef& e) { return e->args.size() + e->lambdas.size(); }
bool is_lambda_edge(const ExprRef& e, size_t i) { return i >= e->args.size(); }

const ExprRef& at(const ExprRef& root, const Path& p, size_t len) {
  const ExprRef* e = &root;
  for (size_t i = 0; i < len; i++) e = &child(*e, p[i]);
  return *e;
}

/// root with the node at p[from..] replaced by n.
ExprRef replace_at(const ExprRef& root, const Path& p, size_t from, const ExprRef& n) {
  if (from == p.size()) return n;
  std::vector<ExprRef> args = root->args;
  std::vector<LambdaRef> lambdas = root->lambdas;
  size_t i = p[from];
  if (i < args.size()) {
    args[i] = replace_at(args[i], p, from + 1, n);
  } else {
    const LambdaRef& l = lambdas[i - args.size()];
    lambdas[i - args.size()] = std::make_shared<Lambda>(Lambda{l->params, replace_at(l->body, p, from + 1, n)});
  }
  return with_args(root, std::move(args), std::move(lambdas));
}


bool is_const(const ExprRef& e) {
  return e->kind == ExprKind::IntConst || e->kind == ExprKind::FloatConst || e->kind == ExprKind::BoolConst;
}

// ---- what may raise ---------------------------------------------------------------

/// Whether the node's own operation (not its operands) may raise or not
/// return. Unknown kinds may.
bool node_may_raise(const ExprRef& e) {
  switch (e->kind) {
    case ExprKind::IntConst: case ExprKind::FloatConst: case ExprKind::BoolConst: case ExprKind::VarUse:
    case ExprKind::Let: case ExprKind::If: case ExprKind::Tuple: case ExprKind::TupleGet:
    case ExprKind::ListLit: case ExprKind::Map: case ExprKind::Filter: case ExprKind::Length:
    case ExprKind::Zip: case ExprKind::WithIndex: case ExprKind::Reverse: case ExprKind::Take:
    case ExprKind::Drop: case ExprKind::Sort: case ExprKind::Scan: case ExprKind::AllAny:
    case ExprKind::GuardTry:
      return false;
    case ExprKind::Range: return e->args.size() > 2;  // a step argument may be 0
    case ExprKind::Reduce: return e->args.size() == 1;  // reduce/2 of an empty list
    case ExprKind::Fold: return e->fold != FoldKind::Count;  // empty min/max; overflow of sums
    case ExprKind::Unary:
      switch (e->unop) {
        case UnOp::Neg: case UnOp::Abs: return is_integer(e->type);  // --check-overflow
        case UnOp::Cast: return is_floating(e->type) && is_floating(e->args[0]->type);  // f64 -> f32 overflow
        default: return false;
      }
    case ExprKind::Binary:
      switch (e->binop) {
        case BinOp::Add: case BinOp::Sub: case BinOp::Mul: case BinOp::FDiv:
          return true;  // float overflow, division by zero; integer overflow under --check-overflow
        case BinOp::IDiv: {
          const ExprRef& d = e->args[1];
          return !(d->kind == ExprKind::IntConst && d->int_value != 0 && d->int_value != -1);
        }
        case BinOp::Rem: {
          const ExprRef& d = e->args[1];
          return !(d->kind == ExprKind::IntConst && d->int_value != 0);
        }
        default: return false;
      }
    default:
      return true;  // Call, Raise, RaiseValue, Math, FoldBy, and kinds added later
  }
}

struct Analysis {
  std::unordered_map<const Expr*, bool> raise_memo;

  /// Whether evaluating e may raise (a guard catches what its condition raises).
  bool may_raise(const ExprRef& e) {
    auto it = raise_memo.find(e.get());
    if (it != raise_memo.end()) return it->second;
    bool r = false;
    if (e->kind != ExprKind::GuardTry) {
      r = node_may_raise(e);
      for (size_t i = 0; !r && i < child_count(e); i++) r = may_raise(child(e, i));
    }
    raise_memo[e.get()] = r;
    return r;
  }
};

// ---- structural hashing and equality -------------------------------------------------

size_t mix(size_t h, size_t v) { return h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)); }

size_t payload_hash(const ExprRef& e) {
  size_t h = mix(size_t(e->kind), std::hash<const void*>()(e->type));
  h = mix(h, std::hash<int64_t>()(e->int_value));
  uint64_t bits;
  std::memcpy(&bits, &e->float_value, sizeof bits);
  h = mix(h, bits);
  h = mix(h, size_t(e->unop) * 131 + size_t(e->binop) * 7 + size_t(e->fold));
  h = mix(h, std::hash<std::string>()(e->callee));
  h = mix(h, std::hash<std::string>()(e->text));
  return mix(h, e->args.size() * 16 + e->lambdas.size());
}

bool same_payload(const ExprRef& a, const ExprRef& b) {
  if (a->kind == ExprKind::Extern || b->kind == ExprKind::Extern) return a == b;  // effects happen each time
  uint64_t x, y;
  std::memcpy(&x, &a->float_value, sizeof x);
  std::memcpy(&y, &b->float_value, sizeof y);
  return a->kind == b->kind && a->type == b->type && a->int_value == b->int_value && x == y &&
         a->unop == b->unop && a->binop == b->binop && a->fold == b->fold && a->callee == b->callee &&
         a->text == b->text && a->args.size() == b->args.size() && a->lambdas.size() == b->lambdas.size();
}

/// Structural equality up to renaming of the variables bound inside a and b
/// (`ren` maps a's binders to b's).
bool alpha_eq(const ExprRef& a, const ExprRef& b, std::unordered_map<int, int>& ren) {
  if (a == b && ren.empty()) return true;
  if (!same_payload(a, b)) return false;
  if (a->kind == ExprKind::VarUse) {
    auto it = ren.find(a->var->id);
    if (it != ren.end()) return it->second == b->var->id;
    for (auto& [from, to] : ren)
      if (to == b->var->id) return false;  // b's variable is bound inside b, a's is not
    return a->var->id == b->var->id;
  }
  if (a->kind == ExprKind::Let) {
    if (!alpha_eq(a->args[0], b->args[0], ren)) return false;
    if (a->var->type != b->var->type) return false;
    ren[a->var->id] = b->var->id;
    bool r = alpha_eq(a->args[1], b->args[1], ren);
    ren.erase(a->var->id);
    return r;
  }
  for (size_t i = 0; i < a->args.size(); i++)
    if (!alpha_eq(a->args[i], b->args[i], ren)) return false;
  for (size_t i = 0; i < a->lambdas.size(); i++) {
    const Lambda &la = *a->lambdas[i], &lb = *b->lambdas[i];
    if (la.params.size() != lb.params.size()) return false;
    for (size_t j = 0; j < la.params.size(); j++) {
      if (la.params[j]->type != lb.params[j]->type) return false;
      ren[la.params[j]->id] = lb.params[j]->id;
    }
    bool r = alpha_eq(la.body, lb.body, ren);
    for (auto& p : la.params) ren.erase(p->id);
    if (!r) return false;
  }
  return true;
}

bool alpha_eq(const ExprRef& a, const ExprRef& b) {
  std::unordered_map<int, int> ren;
  return alpha_eq(a, b, ren);
}

// ---- the list policy ---------------------------------------------------------------

/// Estimated work per element of the lambdas in e (nested array operations
/// in a lambda count as expensive).
int element_cost(const ExprRef& e, bool in_lambda) {
  int c = 0;
  if (in_lambda) {
    switch (e->kind) {
      case ExprKind::IntConst: case ExprKind::FloatConst: case ExprKind::BoolConst: case ExprKind::VarUse:
      case ExprKind::Let: case ExprKind::If: case ExprKind::Tuple: case ExprKind::TupleGet:
        break;
      case ExprKind::Binary:
        if (e->binop == BinOp::IDiv || e->binop == BinOp::Rem)
          c += is_const(e->args[1]) ? 4 : 20;  // a constant divisor is a multiply
        else
          c += e->binop == BinOp::FDiv ? 10 : 1;
        break;
      case ExprKind::Unary: c += 1; break;
      case ExprKind::Math: c += 20; break;
      case ExprKind::Call: c += 50; break;
      default:
        c += e->type->kind == TypeKind::List || e->lambdas.size() ? 100 : 2;
        break;
    }
  }
  for (auto& a : e->args) c += element_cost(a, in_lambda);
  for (auto& l : e->lambdas) c += element_cost(l->body, true);
  return c;
}

/// Whether the spine of a list chain holds something materialised anyway.
bool materialised(const ExprRef& e) {
  if (e->kind == ExprKind::Sort || e->kind == ExprKind::Scan || e->kind == ExprKind::Call) return true;
  for (auto& a : e->args)
    if (a->type->kind == TypeKind::List && materialised(a)) return true;
  return false;
}

bool list_worth_sharing(const ExprRef& e) {
  return materialised(e) || element_cost(e, false) >= kExpensiveElement;
}

bool candidate(const ExprRef& e, bool in_lambda) {
  switch (e->kind) {
    case ExprKind::IntConst: case ExprKind::FloatConst: case ExprKind::BoolConst: case ExprKind::VarUse:
    case ExprKind::Raise: case ExprKind::RaiseValue:
      return false;
    default:
      break;
  }
  if (is_scalar(e->type)) return true;
  if (e->type->kind == TypeKind::List) return !in_lambda && list_worth_sharing(e);
  return false;
}

// ---- one function ----------------------------------------------------------------

struct Class {
  ExprRef rep;
  std::vector<Path> occs;  ///< in evaluation order
  size_t size;
};

class FunctionCSE {
 public:
  FunctionCSE(Program& p, ExprRef body) : prog_(p), body_(std::move(body)) {}

  ExprRef run() {
    while (rewrites_ < kMaxRewrites && step()) {
    }
    if (created_.empty()) return body_;
    // Rounds share disjoint regions independently, so a later round can
    // bind `let cse2 = cse1` (the same value let-bound in two regions):
    // such copies are dropped. Then
    // let a = (let cse = x in b) in c  ==>  let cse = x in let a = b in c:
    // variables are unique, so nothing is captured, and the order of
    // evaluation is the same; it reads as a flat sequence.
    std::map<int, VarRef> copies;
    std::function<VarRef(const VarRef&)> target = [&](const VarRef& v) {
      auto it = copies.find(v->id);
      return it == copies.end() ? v : target(it->second);
    };
    std::function<void(const ExprRef&)> find_copies = [&](const ExprRef& e) {
      if (e->kind == ExprKind::Let && created_.count(e->var->id) && e->args[0]->kind == ExprKind::VarUse)
        copies[e->var->id] = e->args[0]->var;
      for (size_t i = 0; i < child_count(e); i++) find_copies(child(e, i));
    };
    find_copies(body_);
    return rewrite(body_, [&](const ExprRef& e) -> ExprRef {
      if (e->kind == ExprKind::VarUse && copies.count(e->var->id)) return var_use(e->loc, target(e->var));
      if (e->kind == ExprKind::Let && copies.count(e->var->id)) return e->args[1];
      return flatten(e);
    });
  }

 private:
  Program& prog_;
  ExprRef body_;
  Analysis an_;
  std::set<int> created_;  ///< variables this pass introduced
  std::vector<Path> done_; ///< nodes rewritten in this round
  int rewrites_ = 0;

  ExprRef flatten(const ExprRef& e) {
    if (e->kind != ExprKind::Let || e->args[0]->kind != ExprKind::Let || !created_.count(e->args[0]->var->id))
      return e;
    const ExprRef& inner = e->args[0];
    return let(inner->loc, inner->var, inner->args[0], flatten(let(e->loc, e->var, inner->args[1], e->args[1])));
  }

  /// Adds e's candidates to classes; returns e's structural hash and size.
  /// Variables hash by name and type (alpha-equivalent expressions must
  /// collide; alpha_eq decides).
  std::pair<size_t, size_t> collect(const ExprRef& e, Path& path, bool in_lambda,
                                    std::unordered_map<size_t, std::vector<size_t>>& buckets,
                                    std::vector<Class>& classes) {
    size_t h = payload_hash(e), size = 1;
    if (e->kind == ExprKind::VarUse) h = mix(h, std::hash<std::string>()(e->var->name));
    for (size_t i = 0; i < child_count(e); i++) {
      path.push_back(i);
      auto [ch, cs] = collect(child(e, i), path, in_lambda || is_lambda_edge(e, i), buckets, classes);
      path.pop_back();
      h = mix(h, ch);
      size += cs;
    }
    if (candidate(e, in_lambda)) {
      auto& b = buckets[h];
      bool found = false;
      for (size_t ci : b) {
        if (alpha_eq(classes[ci].rep, e)) {
          classes[ci].occs.push_back(path);
          found = true;
          break;
        }
      }
      if (!found) {
        b.push_back(classes.size());
        classes.push_back(Class{e, {path}, size});
      }
    }
    return {h, size};
  }

  /// One round: the repeated expressions that can be shared, largest first,
  /// each at a node disjoint from those already rewritten in this round.
  bool step() {
    std::unordered_map<size_t, std::vector<size_t>> buckets;
    std::vector<Class> classes;
    Path path;
    collect(body_, path, false, buckets, classes);
    std::vector<const Class*> rep;
    for (auto& c : classes)
      if (c.occs.size() >= 2) rep.push_back(&c);
    // Largest first (sharing it shares its parts too); ties in evaluation
    // order, so the output never depends on pointers or hashes.
    std::stable_sort(rep.begin(), rep.end(), [](const Class* a, const Class* b) { return a->size > b->size; });
    done_.clear();
    for (const Class* c : rep) {
      if (rewrites_ >= kMaxRewrites) break;
      std::vector<const Path*> occs;
      for (auto& o : c->occs) occs.push_back(&o);
      try_group(*c, occs, 0);
    }
    return !done_.empty();
  }

  /// occs share their first `from` path steps.
  void try_group(const Class& c, const std::vector<const Path*>& occs, size_t from) {
    if (occs.size() < 2) return;
    size_t lca = occs[0]->size();
    for (auto* o : occs) {
      size_t k = from;
      while (k < lca && k < o->size() && (*o)[k] == (*occs[0])[k]) k++;
      lca = k;
    }
    if (try_bind(c, occs, lca)) return;
    // Split by the child of the common ancestor that holds them.
    std::map<size_t, std::vector<const Path*>> groups;
    for (auto* o : occs) groups[(*o)[lca]].push_back(o);
    for (auto& [i, g] : groups) try_group(c, g, lca + 1);
  }

  /// Whether the node at p is disjoint from every node rewritten this round.
  bool untouched(const Path& p, size_t len) const {
    for (auto& d : done_) {
      size_t n = std::min(len, d.size()), k = 0;
      while (k < n && p[k] == d[k]) k++;
      if (k == n) return false;  // one is an ancestor of the other
    }
    return true;
  }

  /// Whether every evaluation of e evaluates an occurrence of rep.
  bool anticipated(const ExprRef& e, const ExprRef& rep) {
    if (alpha_eq(e, rep)) return true;
    if (e->kind == ExprKind::If)
      return anticipated(e->args[0], rep) || (anticipated(e->args[1], rep) && anticipated(e->args[2], rep));
    for (auto& a : e->args)  // lambda bodies may run zero times
      if (anticipated(a, rep)) return true;
    return false;
  }

  /// Binds the occurrences (all under the node at occs[0][0..s)) at that node.
  bool try_bind(const Class& c, const std::vector<const Path*>& occs, size_t s) {
    const Path& first = *occs[0];
    if (!untouched(first, s)) return false;  // paths into a node rewritten this round are stale
    // A list-typed node is not wrapped: a consumer whose source is a let
    // does not fuse. Go up to the nearest node that is not a list.
    while (s > 0 && at(body_, first, s)->type->kind == TypeKind::List) {
      if (is_lambda_edge(at(body_, first, s - 1), first[s - 1])) return false;
      s--;
    }
    if (!untouched(first, s)) return false;
    const ExprRef& S = at(body_, first, s);
    ExprRef value = at(body_, first, first.size());
    bool raises = an_.may_raise(value);

    // What S evaluates before the first occurrence and may raise is bound
    // first, in order; lets on the way float up with it.
    std::vector<Path> hoist;     // relative to S, in evaluation order
    std::vector<bool> is_float;  // a let floated up (else a subtree bound to a fresh variable)
    bool need_hoist = false;
    if (!raises) {
      if (!anticipated(S, c.rep)) return false;
    } else {
      const ExprRef* n = &S;
      for (size_t d = s; d < first.size(); d++) {
        size_t k = first[d];
        const ExprRef& N = *n;
        if (is_lambda_edge(N, k) || N->kind == ExprKind::GuardTry) return false;
        if (N->kind == ExprKind::If && k != 0) return false;  // conditional
        Path rel(first.begin() + s, first.begin() + d);
        if (N->kind == ExprKind::Let && k == 1) {
          hoist.push_back(rel);
          is_float.push_back(true);
          need_hoist |= an_.may_raise(N->args[0]);
        } else {
          for (size_t j = 0; j < k; j++) {
            if (!an_.may_raise(N->args[j])) continue;
            if (!is_scalar(N->args[j]->type) && N->args[j]->type->kind != TypeKind::Tuple)
              return false;  // binding a list would materialise it
            Path r = rel;
            r.push_back(j);
            hoist.push_back(r);
            is_float.push_back(false);
            need_hoist = true;
          }
        }
        n = &child(N, k);
      }
      if (!need_hoist) {
        hoist.clear();
        is_float.clear();
      }
    }
    std::set<int> floated;
    for (size_t i = 0; i < hoist.size(); i++)
      if (is_float[i]) floated.insert(at(S, hoist[i], hoist[i].size())->var->id);
    if (!in_scope(value, occs, s, floated)) return false;

    // Rewrite S: occurrences become the variable, hoisted subtrees their
    // variables, floated lets their bodies (deepest first, so the paths of
    // shallower ones stay valid).
    VarRef v = new_var(prog_, "cse", value->type);
    created_.insert(v->id);
    ExprRef ns = S;
    for (auto* o : occs) ns = replace_at(ns, *o, s, var_use(value->loc, v));
    std::vector<std::pair<VarRef, ExprRef>> binds;
    for (size_t i = 0; i < hoist.size(); i++) {
      if (is_float[i]) continue;
      const ExprRef& h = at(ns, hoist[i], hoist[i].size());
      VarRef hv = new_var(prog_, "pre", h->type);
      created_.insert(hv->id);
      binds.push_back({hv, h});
      ns = replace_at(ns, hoist[i], 0, var_use(h->loc, hv));
    }
    std::vector<std::pair<VarRef, ExprRef>> ordered;
    size_t bi = 0;
    for (size_t i = 0; i < hoist.size(); i++) {
      if (is_float[i]) {
        const ExprRef& l = at(ns, hoist[i], hoist[i].size());
        ordered.push_back({l->var, l->args[0]});
      } else {
        ordered.push_back(binds[bi++]);
      }
    }
    for (size_t i = hoist.size(); i-- > 0;) {
      if (!is_float[i]) continue;
      const ExprRef& l = at(ns, hoist[i], hoist[i].size());
      ns = replace_at(ns, hoist[i], 0, l->args[1]);
    }
    ns = let(value->loc, v, value, ns);
    for (size_t i = ordered.size(); i-- > 0;) ns = let(ordered[i].second->loc, ordered[i].first, ordered[i].second, ns);
    body_ = replace_at(body_, Path(first.begin(), first.begin() + s), 0, ns);
    an_.raise_memo.clear();
    done_.push_back(Path(first.begin(), first.begin() + s));
    rewrites_++;
    return true;
  }

  /// Whether the value's variables are in scope at S: none is bound between
  /// S and an occurrence, except by a let that floats above the new one.
  bool in_scope(const ExprRef& value, const std::vector<const Path*>& occs, size_t s, const std::set<int>& floated) {
    std::set<int> fv;
    std::set<int> bound;
    free_vars(value, bound, fv);
    if (fv.empty()) return true;
    for (auto* op : occs) {
      const Path& o = *op;
      const ExprRef* n = &at(body_, o, s);
      for (size_t d = s; d < o.size(); d++) {
        const ExprRef& N = *n;
        if (N->kind == ExprKind::Let && o[d] == 1 && fv.count(N->var->id) && !floated.count(N->var->id))
          return false;
        if (is_lambda_edge(N, o[d]))
          for (auto& prm : N->lambdas[o[d] - N->args.size()]->params)
            if (fv.count(prm->id)) return false;
        n = &child(N, o[d]);
      }
    }
    return true;
  }

  static void free_vars(const ExprRef& e, std::set<int>& bound, std::set<int>& out) {
    if (e->kind == ExprKind::VarUse) {
      if (!bound.count(e->var->id)) out.insert(e->var->id);
      return;
    }
    if (e->kind == ExprKind::Let) {
      free_vars(e->args[0], bound, out);
      bool added = bound.insert(e->var->id).second;
      free_vars(e->args[1], bound, out);
      if (added) bound.erase(e->var->id);
      return;
    }
    for (auto& a : e->args) free_vars(a, bound, out);
    for (auto& l : e->lambdas) {
      std::vector<int> added;
      for (auto& prm : l->params)
        if (bound.insert(prm->id).second) added.push_back(prm->id);
      free_vars(l->body, bound, out);
      for (int id : added) bound.erase(id);
    }
  }
};

}  // namespace

Program cse(const Program& in) {
  Program p = in;
  for (auto& f : p.functions) {
    ExprRef b = FunctionCSE(p, f->body).run();
    if (b != f->body) {
      auto nf = std::make_shared<Function>(*f);
      nf->body = b;
      f = nf;
    }
  }
  return p;
}

}  // namespace hx::ir
