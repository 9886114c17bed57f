/// \file FuseHorizontal.cpp
/// Horizontal fusion: sibling reductions over one source become one loop.
///
///   let a = fold sum(xs) in let b = fold max(xs) in {a, b}
///   ==>
///   let h = multifold(fold sum(xs), fold max(xs)) in
///   let a = elem(h, 0) in let b = elem(h, 1) in {a, b}
///
/// Candidates are Folds (sum/product/count/min/max) and Lengths of a
/// Map/Filter chain that a let-chain evaluates unconditionally (not inside
/// an if branch, a lambda or another list operation's arguments). Below
/// their Map/Filter stages they must read the same *base*: a list variable,
/// a range over constants and variables, or an element of a tuple variable
/// (a tensor's data); such a base never raises, so evaluating it once
/// changes nothing. A let binds the MultiFold in front of the first
/// sibling's statement; each sibling becomes an element of it.
///
/// Moving a later sibling up to the first one is safe when it depends on
/// nothing computed from there on (no sibling's result, no value bound in
/// between) -- and when the move cannot change which error is raised. The
/// rule, with the raise kinds of IR-level analysis (`kinds`):
/// - a sibling with an effect (an Extern in a lambda) is never moved, and
///   no sibling moves past an effect or a call (Extern never moves);
/// - when two or more of {the siblings, the expressions evaluated from the
///   start of the first sibling's statement up to the last sibling} may
///   raise (all of them are passed by the move), they must all raise the
///   same kind (all ArithmeticError, or all Enum.EmptyError). Then the
///   fused program raises exactly when the original does, the same kind of
///   error; the reported line may be a sibling's other than the one Elixir
///   names (IR.h: fusion interleaves the work).
/// An unfiltered min/max raises Enum.EmptyError only when the base is
/// empty, when no sibling's stage runs at all: it counts as a raiser only
/// when a filter is in its chain or something raising lies in between.
///
/// Materialised maps (a let's value, a tuple's element, the result: not a
/// fold's or another list operation's operand) of one base fuse by the same
/// rules into a MultiMap: one loop writes every list.
///
/// `--remarks=fusion` reports every fusion and every refused reduction
/// (maps over different lists are the common case: no remark).
#include "IRPrinter.h"
#include "Mutator.h"
#include "Passes.h"

#include <map>
#include <set>

namespace hx::ir {
namespace {

// ---- what evaluating an expression may raise -----------------------------------

enum : unsigned {
  kArith = 1,   ///< ArithmeticError
  kEmpty = 2,   ///< Enum.EmptyError
  kOther = 4,   ///< any other error (an explicit raise, a call)
  kEffect = 8,  ///< an effect: never reordered
};

/// What the node itself may raise, ignoring its operands.
unsigned own_kinds(const ExprRef& e) {
  switch (e->kind) {
    case ExprKind::Binary:
      switch (e->binop) {
        case BinOp::Add: case BinOp::Sub: case BinOp::Mul: case BinOp::FDiv:
          // IEEE tensor arithmetic never raises; integer +-* may under --check-overflow.
          return is_floating(e->type) && e->int_value == 1 ? 0 : kArith;
        case BinOp::IDiv: case BinOp::Rem: return kArith;
        default: return 0;
      }
    case ExprKind::Unary:
      switch (e->unop) {
        case UnOp::Neg: case UnOp::Abs: return is_floating(e->type) ? 0 : kArith;
        case UnOp::Trunc: case UnOp::Round: return kArith;
        default: return 0;
      }
    case ExprKind::Math: return e->int_value == 1 ? 0 : kArith;
    case ExprKind::Fold:
      if (e->fold == FoldKind::Min || e->fold == FoldKind::Max) return kEmpty;
      if (e->fold == FoldKind::Count) return 0;
      return e->int_value == 1 ? 0 : kArith;
    case ExprKind::Reduce: return e->args.size() == 1 ? kEmpty : 0;
    case ExprKind::FoldBy: return kEmpty;
    case ExprKind::Raise: case ExprKind::RaiseValue: return kOther;
    case ExprKind::Call: return kOther | kEffect;  // a recursive function: unknown
    case ExprKind::Extern: return kOther | kEffect;
    default: return 0;
  }
}

/// What evaluating e may raise, operands and lambdas included.
unsigned kinds(const ExprRef& e) {
  if (e->kind == ExprKind::GuardTry) return kinds(e->args[0]) & kEffect;  // a guard traps errors
  unsigned k = own_kinds(e);
  for (auto& a : e->args) k |= kinds(a);
  for (auto& l : e->lambdas) k |= kinds(l->body);
  return k;
}

const char* kind_names(unsigned k) {
  if ((k & (kArith | kEmpty)) == (kArith | kEmpty)) return "ArithmeticError and Enum.EmptyError";
  if (k & kOther) return "errors of several kinds";
  return "errors";
}

// ---- candidates ------------------------------------------------------------

/// A materialised map (a let's value, a tuple's element, a result): a
/// chain of maps, no filter, over its base. Siblings of these become one
/// MultiMap (one loop writing every list).
bool is_map_candidate(const ExprRef& e) {
  if (e->kind != ExprKind::Map) return false;
  ExprRef cur = e;
  while (cur->kind == ExprKind::Map) cur = cur->args[0];
  return cur->kind != ExprKind::Filter;
}

bool is_candidate(const ExprRef& e) {
  if (e->kind == ExprKind::Fold) return true;
  return e->kind == ExprKind::Length &&
         (e->args[0]->kind == ExprKind::Map || e->args[0]->kind == ExprKind::Filter);
}

/// A base evaluated once for all siblings: it must not raise and must be
/// cheap and equal by structure.
bool shareable(const ExprRef& b) {
  auto leafy = [](const ExprRef& x) { return x->kind == ExprKind::VarUse || x->kind == ExprKind::IntConst; };
  switch (b->kind) {
    case ExprKind::VarUse: return true;
    case ExprKind::Range: return leafy(b->args[0]) && leafy(b->args[1]);
    case ExprKind::TupleGet: return b->args[0]->kind == ExprKind::VarUse;
    default: return false;
  }
}

bool same_base(const ExprRef& a, const ExprRef& b) {
  if (a->kind != b->kind || a->type != b->type || a->int_value != b->int_value) return false;
  switch (a->kind) {
    case ExprKind::VarUse: return a->var->id == b->var->id;
    case ExprKind::IntConst: return true;
    case ExprKind::Range: case ExprKind::TupleGet:
      for (size_t i = 0; i < a->args.size(); i++)
        if (!same_base(a->args[i], b->args[i])) return false;
      return true;
    default: return false;
  }
}

std::string leaf_text(const ExprRef& x) {
  return x->kind == ExprKind::VarUse ? x->var->name : std::to_string(x->int_value);
}

std::string base_text(const ExprRef& b) {
  switch (b->kind) {
    case ExprKind::VarUse: return "`" + b->var->name + "`";
    case ExprKind::Range:
      if (!shareable(b)) return "a range";
      return "the range " + leaf_text(b->args[0]) + ".." + leaf_text(b->args[1]);
    case ExprKind::TupleGet:
      if (b->args[0]->kind != ExprKind::VarUse) return b->args[0]->type->tensor ? "a tensor's data" : "a tuple's element";
      return b->args[0]->type->tensor ? "the tensor `" + b->args[0]->var->name + "`"
                                      : "elem(`" + b->args[0]->var->name + "`, " + std::to_string(b->int_value) + ")";
    case ExprKind::Map: case ExprKind::Filter: return "a list";  // only when fused through a zip
    default: return "a list computed in place (not a variable or a range)";
  }
}

std::string op_text(const ExprRef& c) {
  if (c->kind == ExprKind::Length) return "Enum.count";
  if (c->kind == ExprKind::Map) return "Enum.map";
  // Nx reductions are IEEE folds (int_value 1) of a tensor's data.
  return std::string(c->int_value == 1 ? "the tensor " : "Enum.") + fold_name(c->fold);
}

/// A sibling's base and its stages (innermost first): a reduction's list
/// below its maps and filters, or a map chain's source (the map itself is
/// its last stage).
ExprRef chain_base(const ExprRef& c, std::vector<const Expr*>* stages) {
  if (c->kind != ExprKind::Map) return reduction_base(c, stages);
  std::vector<const Expr*> st;
  ExprRef cur = c;
  while (cur->kind == ExprKind::Map) {
    st.push_back(cur.get());
    cur = cur->args[0];
  }
  if (stages) *stages = std::vector<const Expr*>(st.rbegin(), st.rend());
  return cur;
}

/// The base siblings are grouped by: the reduction's base, except that
/// zip(b, b) followed by a map counts as b (Nx lowers `x * x` to a map over
/// zip(data, data)); the fusion rewrites that map to read b directly.
ExprRef group_base(const ExprRef& c) {
  std::vector<const Expr*> st;
  ExprRef b = chain_base(c, &st);
  if (b->kind == ExprKind::Zip && !st.empty() && st[0]->kind == ExprKind::Map && same_base(b->args[0], b->args[1]) &&
      shareable(b->args[0]))
    return b->args[0];
  return b;
}

bool has_filter(const ExprRef& c) {
  std::vector<const Expr*> st;
  chain_base(c, &st);
  for (auto* s : st)
    if (s->kind == ExprKind::Filter) return true;
  return false;
}

/// What one sibling may raise inside the loop: its stages' lambdas and its
/// accumulation (an unfiltered min/max's EmptyError is separate: see top).
unsigned loop_kinds(const ExprRef& c) {
  std::vector<const Expr*> st;
  chain_base(c, &st);
  unsigned k = 0;
  for (auto* s : st) k |= kinds(s->lambdas[0]->body);
  if (c->kind == ExprKind::Fold) k |= own_kinds(c) & ~kEmpty;
  return k;
}
bool min_max(const ExprRef& c) {
  return c->kind == ExprKind::Fold && (c->fold == FoldKind::Min || c->fold == FoldKind::Max);
}

// ---- one let-chain ---------------------------------------------------------------

struct Stmt {
  VarRef var;
  ExprRef value;
  Loc loc;
};

/// Evaluation-order events of a let-chain: a candidate, or an opaque
/// expression with what it may raise.
struct Event {
  ExprRef cand;       ///< a candidate reduction or materialised map, or null
  unsigned kinds = 0; ///< otherwise: what this step may raise
  size_t stmt = 0;    ///< index of the statement (stmts.size(): the body)
};
struct CondCand {
  ExprRef cand;
  const Expr* branch;  ///< the outermost if branch it is in
};

class Region {
 public:
  Region(Program& p, std::set<std::string>& said) : prog_(p), said_(said) {}

  ExprRef run(const ExprRef& e);

 private:
  Program& prog_;
  std::set<std::string>& said_;  ///< remarks already made (a region is analysed until nothing changes)
  std::vector<Event> events_;
  std::vector<CondCand> cond_;

  void say(Loc loc, const std::string& msg) {
    std::string key = std::to_string(loc.file) + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col) + msg;
    if (said_.insert(key).second) remark("fusion", loc, msg);
  }

  ExprRef sub(const ExprRef& e);
  void walk(const ExprRef& e, size_t stmt, bool value_pos = false);
  void collect_cond(const ExprRef& e, const Expr* branch);
  bool fuse_one(std::vector<Stmt>& stmts, ExprRef& body);

  /// fn p -> body over zip(b, b) as fn x -> body over b: elem(p, 0) and
  /// elem(p, 1) become x (a p used otherwise is bound to {x, x}).
  LambdaRef unzip_lambda(const LambdaRef& f, Type elem) {
    const VarRef& p = f->params[0];
    VarRef x = new_var(prog_, "x", elem);
    ExprRef body = rewrite(f->body, [&](const ExprRef& n) -> ExprRef {
      if (n->kind == ExprKind::TupleGet && n->args[0]->kind == ExprKind::VarUse && n->args[0]->var->id == p->id)
        return var_use(n->loc, x);
      return n;
    });
    std::set<int> b;
    std::map<int, VarRef> fv;
    free_vars(body, b, fv);
    if (fv.count(p->id)) body = let(f->body->loc, p, tuple(f->body->loc, {var_use(f->body->loc, x), var_use(f->body->loc, x)}), body);
    return std::make_shared<Lambda>(Lambda{{x}, body});
  }
};

/// Rebuilds the sub-regions of an unconditional position: if branches and
/// nested let-chains are regions of their own. Lambdas and list operations'
/// operands are left alone (their folds run per element or inside a loop).
ExprRef Region::sub(const ExprRef& e) {
  if (e->kind == ExprKind::Let) {
    Region r(prog_, said_);
    return r.run(e);
  }
  if (e->kind == ExprKind::If) {
    ExprRef c = sub(e->args[0]);
    Region rt(prog_, said_), re(prog_, said_);
    ExprRef t = rt.run(e->args[1]);
    ExprRef f = re.run(e->args[2]);
    if (c == e->args[0] && t == e->args[1] && f == e->args[2]) return e;
    return with_args(e, {c, t, f}, e->lambdas);
  }
  if (!e->lambdas.empty() || is_candidate(e) || e->args.empty()) return e;
  switch (e->kind) {
    case ExprKind::Unary: case ExprKind::Binary: case ExprKind::Call: case ExprKind::Tuple: case ExprKind::TupleGet:
    case ExprKind::Math: case ExprKind::RaiseValue:
      break;
    default:
      return e;  // list operations and the rest: their operands are not this region's
  }
  std::vector<ExprRef> args;
  bool changed = false;
  for (auto& a : e->args) {
    args.push_back(sub(a));
    changed |= args.back() != a;
  }
  return changed ? with_args(e, std::move(args), e->lambdas) : e;
}

void Region::collect_cond(const ExprRef& e, const Expr* branch) {
  if (is_candidate(e)) {
    cond_.push_back({e, branch});
    return;
  }
  if (!e->lambdas.empty()) return;
  switch (e->kind) {
    case ExprKind::Let: case ExprKind::If: case ExprKind::Unary: case ExprKind::Binary: case ExprKind::Call:
    case ExprKind::Tuple: case ExprKind::TupleGet: case ExprKind::Math: case ExprKind::RaiseValue:
      for (auto& a : e->args) collect_cond(a, branch);
      break;
    default:
      break;
  }
}

/// Records e's evaluation, in order, as events.
void Region::walk(const ExprRef& e, size_t stmt, bool value_pos) {
  if (is_candidate(e) || (value_pos && is_map_candidate(e) && shareable(group_base(e)))) {
    events_.push_back({e, 0, stmt});
    return;
  }
  if (value_pos && e->kind == ExprKind::Tuple) {  // {Enum.map(xs, f), Enum.map(xs, g)}
    for (auto& a : e->args) walk(a, stmt, true);
    return;
  }
  switch (e->kind) {
    case ExprKind::If:
      walk(e->args[0], stmt);
      events_.push_back({nullptr, kinds(e->args[1]) | kinds(e->args[2]), stmt});
      collect_cond(e->args[1], e->args[1].get());
      collect_cond(e->args[2], e->args[2].get());
      return;
    case ExprKind::GuardTry: case ExprKind::Extern: case ExprKind::MultiFold: case ExprKind::MultiMap:
      break;  // a guard traps its errors; an effect is one opaque step; a multifold is done
    default: {
      // Operands first, left to right (a nested let: its value, then its
      // body; a list operation: its lists, then its loop over lambdas).
      for (auto& a : e->args) walk(a, stmt);
      unsigned k = own_kinds(e);
      for (auto& l : e->lambdas) k |= kinds(l->body);
      if (k) events_.push_back({nullptr, k, stmt});
      return;
    }
  }
  if (unsigned k = kinds(e)) events_.push_back({nullptr, k, stmt});  // opaque
}

/// Finds the first group of siblings (reductions, or materialised maps) that
/// may fuse and fuses it; reports the refused ones. Returns whether it
/// changed the chain.
bool Region::fuse_one(std::vector<Stmt>& stmts, ExprRef& body) {
  events_.clear();
  cond_.clear();
  for (size_t i = 0; i < stmts.size(); i++) walk(stmts[i].value, i, true);
  walk(body, stmts.size(), true);

  std::vector<size_t> cands;  // indices into events_
  for (size_t i = 0; i < events_.size(); i++)
    if (events_[i].cand) cands.push_back(i);

  // Siblings under a condition: they run only on one path.
  for (auto& c : cond_) {
    ExprRef cb = group_base(c.cand);
    if (!shareable(cb)) continue;
    bool other = false;
    for (size_t i : cands) other |= same_base(group_base(events_[i].cand), cb);
    for (auto& d : cond_) other |= d.branch != c.branch && same_base(group_base(d.cand), cb);
    if (other)
      say(c.cand->loc, "not fused horizontally: " + op_text(c.cand) + " over " + base_text(cb) +
                           " runs under a condition (an if branch), its siblings over the same list do not");
  }

  std::vector<bool> grouped(cands.size(), false);
  for (size_t gi = 0; gi < cands.size(); gi++) {
    if (grouped[gi]) continue;
    const ExprRef& first = events_[cands[gi]].cand;
    ExprRef base = group_base(first);
    if (!shareable(base)) continue;
    std::vector<size_t> group = {cands[gi]};
    for (size_t gj = gi + 1; gj < cands.size(); gj++) {
      const ExprRef& c = events_[cands[gj]].cand;
      if (!same_base(group_base(c), base) || c == first ||
          (c->kind == ExprKind::Map) != (first->kind == ExprKind::Map))
        continue;
      grouped[gj] = true;
      group.push_back(cands[gj]);
    }
    if (group.size() < 2) {
      if (first->kind == ExprKind::Map) continue;  // lists of other sources are the common case
      // Different sources: say so only when there are siblings at all.
      for (size_t gj : cands) {
        const ExprRef& c = events_[gj].cand;
        if (c == first || c->kind == ExprKind::Map) continue;
        say(first->loc, "not fused horizontally: " + op_text(first) + " reads " + base_text(base) +
                            ", and no sibling reduction reads the same list (" + op_text(c) + " at line " +
                            std::to_string(c->loc.line) + " reads " + base_text(group_base(c)) + ")");
        break;
      }
      continue;
    }
    // Scoping: every sibling moves to the start of the first one's
    // statement h and may only use what is bound before it. A first sibling
    // that uses a let inside its own statement cannot move at all: the next
    // one becomes the first.
    size_t h = 0;
    std::vector<size_t> members;
    std::vector<std::pair<Loc, std::string>> refused;
    while (group.size() >= 2) {
      h = events_[group[0]].stmt;
      std::map<int, size_t> bound_at;  // var id -> statement, for what is bound from h on
      auto lets_in = [&](const ExprRef& x, size_t i) {
        rewrite(x, [&](const ExprRef& n) -> ExprRef {
          if (n->kind == ExprKind::Let) bound_at[n->var->id] = i;
          return n;
        });
      };
      for (size_t i = h; i < stmts.size(); i++) {
        bound_at[stmts[i].var->id] = i;
        lets_in(stmts[i].value, i);
      }
      lets_in(body, stmts.size());
      members.clear();
      refused.clear();
      bool first_moves = true;
      for (size_t k = 0; k < group.size(); k++) {
        const ExprRef& c = events_[group[k]].cand;
        std::set<int> b;
        std::map<int, VarRef> fv;
        free_vars(c, b, fv);
        VarRef late;
        for (auto& [id, v] : fv)
          if (bound_at.count(id)) late = v;
        if (!late) {
          members.push_back(group[k]);
          continue;
        }
        if (k == 0) {
          first_moves = false;
          break;
        }
        // Is `late` computed from a sibling?
        bool from_sibling = false;
        for (size_t m : members) {
          size_t s = events_[m].stmt;
          from_sibling |= s < stmts.size() && stmts[s].var->id == late->id;
        }
        refused.push_back({c->loc, "not fused horizontally: " + op_text(c) + " over " + base_text(base) + " uses `" +
                                       late->name + "`, " +
                                       (from_sibling ? "the result of a sibling reduction" : "computed after its first sibling") +
                                       " (line " + std::to_string(events_[group[0]].cand->loc.line) + ")"});
      }
      if (first_moves) break;
      const ExprRef& c0 = events_[group[0]].cand;
      say(c0->loc, "not fused horizontally: " + op_text(c0) + " over " + base_text(base) +
                       " uses a value bound inside its own statement, so it cannot move in front of it");
      group.erase(group.begin());
      members.clear();
    }
    for (auto& [loc, msg] : refused) say(loc, msg);
    if (members.size() < 2) continue;
    const ExprRef& first_member = events_[members[0]].cand;
    // Errors: see the file comment. Every sibling moves to the start of
    // statement h, so "between" is all that statement h onwards evaluates
    // before the last sibling (in `{div(10, d), sum(xs), max(xs)}` the
    // div is passed too).
    size_t lo = members.front(), hi = members.back();
    while (lo > 0 && events_[lo - 1].stmt == h) lo--;
    std::set<size_t> mset(members.begin(), members.end());
    unsigned between = 0;
    int raisers = 0;
    for (size_t i = lo; i < hi; i++) {
      if (mset.count(i)) continue;
      unsigned k = events_[i].cand ? kinds(events_[i].cand) : events_[i].kinds;
      between |= k;
      raisers += k != 0;
    }
    unsigned all = between;
    std::string effect_in;
    for (size_t m : members) {
      const ExprRef& c = events_[m].cand;
      unsigned k = loop_kinds(c);
      if (min_max(c) && (has_filter(c) || between)) k |= kEmpty;
      if (k & kEffect) effect_in = op_text(c) + " at line " + std::to_string(c->loc.line);
      all |= k;
      raisers += k != 0;
    }
    std::string why;
    if (!effect_in.empty())
      why = effect_in + " has an effect (an Extern call in its lambda)";
    else if (between & kEffect)
      why = "an effect or a call (IO, a clock, a recursive function) lies between the siblings: nothing moves past it";
    else if (raisers >= 2 && all != kArith && all != kEmpty)
      why = std::string("the siblings and what lies between them may raise ") + kind_names(all) +
            ": fusing would change which is raised first";
    if (!why.empty()) {
      for (size_t m : members)
        say(events_[m].cand->loc, "not fused horizontally: " + op_text(events_[m].cand) + " over " + base_text(base) +
                                      ": " + why);
      continue;
    }
    // Fuse: one MultiFold in front of the first sibling's statement.
    std::vector<ExprRef> fused;
    std::string lines;
    for (size_t m : members) {
      const ExprRef& c = events_[m].cand;
      // Rebuild the member's chain over the one shared base node.
      std::vector<const Expr*> st;
      ExprRef own = chain_base(c, &st);
      ExprRef cur = base;
      for (size_t k = 0; k < st.size(); k++) {
        auto* s = st[k];
        LambdaRef f = s->lambdas[0];
        if (k == 0 && own->kind == ExprKind::Zip) f = unzip_lambda(f, base->type->elem);
        cur = with_args(std::make_shared<Expr>(*s), {cur}, {f});
      }
      fused.push_back(c->kind == ExprKind::Map ? cur : with_args(c, {cur}, c->lambdas));
      lines += (lines.empty() ? "" : ", ") + std::to_string(c->loc.line);
    }
    bool maps = first_member->kind == ExprKind::Map;
    ExprRef mf = maps ? multi_map(first_member->loc, fused) : multi_fold(first_member->loc, fused);
    VarRef hv = new_var(prog_, "hfuse", mf->type);
    std::map<const Expr*, ExprRef> repl;
    for (size_t k = 0; k < members.size(); k++) {
      const ExprRef& c = events_[members[k]].cand;
      repl[c.get()] = tuple_get(c->loc, var_use(c->loc, hv), int(k));
    }
    auto swap = [&](const ExprRef& n) -> ExprRef {
      auto it = repl.find(n.get());
      return it == repl.end() ? n : it->second;
    };
    for (size_t i = h; i < stmts.size(); i++) stmts[i].value = rewrite(stmts[i].value, swap);
    body = rewrite(body, swap);
    stmts.insert(stmts.begin() + long(h), Stmt{hv, mf, first_member->loc});
    say(first_member->loc, "fused horizontally: " + std::to_string(members.size()) + (maps ? " maps over " : " reductions over ") + base_text(base) +
                        " (lines " + lines + ") run in one loop");
    return true;
  }
  return false;
}

ExprRef Region::run(const ExprRef& e) {
  std::vector<Stmt> stmts;
  ExprRef cur = e;
  while (cur->kind == ExprKind::Let) {
    stmts.push_back({cur->var, sub(cur->args[0]), cur->loc});
    cur = cur->args[1];
  }
  ExprRef body = sub(cur);
  bool changed = false;
  while (fuse_one(stmts, body)) changed = true;
  // Reassemble; an untouched chain keeps its identity.
  if (!changed) {
    bool same = body == cur;
    ExprRef x = e;
    for (auto& s : stmts) {
      same &= s.value == x->args[0];
      x = x->args[1];
    }
    if (same) return e;
  }
  ExprRef out = body;
  for (size_t i = stmts.size(); i-- > 0;) out = let(stmts[i].loc, stmts[i].var, stmts[i].value, out);
  return out;
}

}  // namespace

Program fuse_horizontal(const Program& p) {
  Program out = p;
  std::set<std::string> said;
  for (auto& fn : out.functions) {
    Region r(out, said);
    ExprRef b = r.run(fn->body);
    if (b != fn->body) {
      auto nf = std::make_shared<Function>(*fn);
      nf->body = b;
      fn = nf;
    }
  }
  return out;
}

}  // namespace hx::ir
