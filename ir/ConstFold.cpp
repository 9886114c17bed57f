/// \file ConstFold.cpp
/// Constant folding and propagation. Integer arithmetic folds with the
/// same wrapping semantics as generated code; an operation that would raise
/// (division by zero) is left for run time, where it raises at its line.
#include "Mutator.h"
#include "Passes.h"

#include <cmath>
#include <map>

namespace hx::ir {
namespace {

bool is_const(const ExprRef& e) {
  return e->kind == ExprKind::IntConst || e->kind == ExprKind::FloatConst || e->kind == ExprKind::BoolConst;
}

int64_t wrap_add(int64_t a, int64_t b) { return int64_t(uint64_t(a) + uint64_t(b)); }
int64_t wrap_sub(int64_t a, int64_t b) { return int64_t(uint64_t(a) - uint64_t(b)); }
int64_t wrap_mul(int64_t a, int64_t b) { return int64_t(uint64_t(a) * uint64_t(b)); }

/// A float result folds only when finite: otherwise the operation raises
/// ArithmeticError at run time, at its line, as Elixir does.
ExprRef finite_const(const ExprRef& e, double v) {
  if (!std::isfinite(v)) return e;
  return float_const(e->loc, v, e->type);
}

ExprRef fold_binary(const ExprRef& e) {
  const ExprRef &a = e->args[0], &b = e->args[1];
  if (!is_const(a) || !is_const(b)) return e;
  Loc l = e->loc;
  if (a->kind == ExprKind::IntConst && e->type == int_type()) {
    int64_t x = a->int_value, y = b->int_value;
    switch (e->binop) {
      case BinOp::Add: return int_const(l, wrap_add(x, y));
      case BinOp::Sub: return int_const(l, wrap_sub(x, y));
      case BinOp::Mul: return int_const(l, wrap_mul(x, y));
      case BinOp::IDiv:
        if (y == 0) return e;
        return int_const(l, y == -1 ? wrap_sub(0, x) : x / y);
      case BinOp::Rem:
        if (y == 0) return e;
        return int_const(l, y == -1 ? 0 : x % y);
      case BinOp::Min: return int_const(l, std::min(x, y));
      case BinOp::Max: return int_const(l, std::max(x, y));
      default: break;
    }
  }
  if (a->kind == ExprKind::IntConst && e->type == bool_type()) {
    int64_t x = a->int_value, y = b->int_value;
    switch (e->binop) {
      case BinOp::Eq: return bool_const(l, x == y);
      case BinOp::Ne: return bool_const(l, x != y);
      case BinOp::Lt: return bool_const(l, x < y);
      case BinOp::Le: return bool_const(l, x <= y);
      case BinOp::Gt: return bool_const(l, x > y);
      case BinOp::Ge: return bool_const(l, x >= y);
      default: break;
    }
  }
  if (a->kind == ExprKind::FloatConst && e->type == float_type()) {
    double x = a->float_value, y = b->float_value;
    switch (e->binop) {
      case BinOp::Add: return finite_const(e, x + y);
      case BinOp::Sub: return finite_const(e, x - y);
      case BinOp::Mul: return finite_const(e, x * y);
      case BinOp::FDiv:
        if (y == 0) return e;
        return finite_const(e, x / y);
      default: break;
    }
  }
  if (a->kind == ExprKind::BoolConst) {
    bool x = a->int_value, y = b->int_value;
    switch (e->binop) {
      case BinOp::And: return bool_const(l, x && y);
      case BinOp::Or: return bool_const(l, x || y);
      case BinOp::Eq: return bool_const(l, x == y);
      case BinOp::Ne: return bool_const(l, x != y);
      default: break;
    }
  }
  return e;
}

ExprRef fold_unary(const ExprRef& e) {
  const ExprRef& a = e->args[0];
  if (!is_const(a)) return e;
  Loc l = e->loc;
  switch (e->unop) {
    case UnOp::Neg:
      if (a->kind == ExprKind::IntConst && e->type == int_type()) return int_const(l, wrap_sub(0, a->int_value));
      if (a->kind == ExprKind::FloatConst && e->type == float_type()) return float_const(l, -a->float_value);
      break;
    case UnOp::Not:
      if (a->kind == ExprKind::BoolConst) return bool_const(l, !a->int_value);
      break;
    case UnOp::ToFloat:
      if (a->kind == ExprKind::IntConst && e->type == float_type()) return float_const(l, double(a->int_value));
      break;
    case UnOp::Trunc:
    case UnOp::Round:
      // trunc/1, round/1 (half away from zero) of a float within int64
      if (a->kind == ExprKind::FloatConst && a->type == float_type() && e->type == int_type()) {
        double r = e->unop == UnOp::Trunc ? std::trunc(a->float_value) : std::round(a->float_value);
        if (r >= -9223372036854775808.0 && r < 9223372036854775808.0) return int_const(l, int64_t(r));
      }
      break;
    default:
      break;
  }
  return e;
}

/// Replaces uses of v by c (a constant) in e.
ExprRef substitute(const ExprRef& e, const VarRef& v, const ExprRef& c) {
  return rewrite(e, [&](const ExprRef& n) -> ExprRef {
    if (n->kind == ExprKind::VarUse && n->var == v) return c;
    return n;
  });
}

/// Values whose evaluation cannot raise, allocate or loop: constants,
/// variables and members of such tuples.
bool is_trivial(const ExprRef& e) {
  switch (e->kind) {
    case ExprKind::IntConst: case ExprKind::FloatConst: case ExprKind::BoolConst: case ExprKind::VarUse:
      return true;
    case ExprKind::TupleGet: return is_trivial(e->args[0]);
    case ExprKind::Tuple:
      for (auto& a : e->args)
        if (!is_trivial(a)) return false;
      return true;
    default: return false;
  }
}

/// Counts the uses of v in e: outside lambda bodies, and whether any is inside one.
void count_uses(const ExprRef& e, const VarRef& v, int& outside, bool& in_lambda, bool inside = false) {
  if (e->kind == ExprKind::VarUse && e->var == v) {
    if (inside) in_lambda = true;
    else outside++;
  }
  for (auto& a : e->args) count_uses(a, v, outside, in_lambda, inside);
  for (auto& l : e->lambdas) count_uses(l->body, v, outside, in_lambda, true);
}

/// Is v the first thing body evaluates (its use sits on the chain of
/// first-evaluated operands from the root)? Then binding it first or in place
/// evaluates the same things in the same order. A reduce or scan with an
/// initial value is not followed: code generation evaluates the init first.
bool first_evaluated(const ExprRef& body, const VarRef& v) {
  for (ExprRef e = body;;) {
    if (e->kind == ExprKind::VarUse) return e->var == v;
    if (e->args.empty()) return false;
    if ((e->kind == ExprKind::Reduce || e->kind == ExprKind::Scan) && e->args.size() > 1) return false;
    e = e->args[0];
  }
}

/// A tuple of constants and atoms (`{:f, 32}`): propagated like a constant,
/// so matching it against a pattern folds.
bool is_const_tuple(const ExprRef& e) {
  if (e->kind != ExprKind::Tuple || is_tensor(e->type)) return false;
  for (auto& a : e->args)
    if (!is_const(a) && !is_const_tuple(a)) return false;
  return true;
}

ExprRef fold(const ExprRef& e);
ExprRef fold(const ExprRef& e) {
  switch (e->kind) {
    case ExprKind::Binary: return fold_binary(e);
    case ExprKind::Unary: return fold_unary(e);
    case ExprKind::If:
      if (e->args[0]->kind == ExprKind::BoolConst) return e->args[0]->int_value ? e->args[1] : e->args[2];
      return e;
    case ExprKind::GuardTry:
      if (e->args[0]->kind == ExprKind::BoolConst) return e->args[0];
      return e;
    case ExprKind::TupleGet: {
      // elem({a, b, c}, 1) is b when dropping a and c changes nothing.
      const ExprRef& t = e->args[0];
      // elem(let x = a in b, i) is let x = a in elem(b, i): the same order of
      // evaluation, and the tuple the let builds can then fold away (an
      // owned list read out of a temporary tuple is otherwise never freed).
      if (t->kind == ExprKind::Let)
        return let(t->loc, t->var, t->args[0], fold(tuple_get(e->loc, t->args[1], int(e->int_value))));
      if (t->kind != ExprKind::Tuple) return e;
      for (size_t i = 0; i < t->args.size(); i++)
        if (int64_t(i) != e->int_value && !is_trivial(t->args[i])) return e;
      return t->args[size_t(e->int_value)];
    }
    case ExprKind::Let:
      // Constants and copies (`let y = x`, left by inlining) are propagated.
      if (is_const(e->args[0]) || is_const_tuple(e->args[0]) || e->args[0]->kind == ExprKind::VarUse)
        return rewrite(substitute(e->args[1], e->var, e->args[0]), [](const ExprRef& x) { return fold(x); });
      // A list (or a tuple holding one, like a tensor) used once, by the
      // first thing the body does, moves to its use, where the consumer's
      // loop fuses it instead of reading a materialised array. This is what
      // inlining a function that takes a list leaves behind.
      if (e->args[0]->type->kind == TypeKind::List || e->args[0]->type->kind == TypeKind::Tuple) {
        int outside = 0;
        bool in_lambda = false;
        count_uses(e->args[1], e->var, outside, in_lambda);
        // A value that cannot raise moves to its one use wherever it is:
        // nothing observable changes order (a tensor expression's operands,
        // `a / (sqrt(b) + eps)`, all fuse into the consumer's loop).
        if (outside == 1 && !in_lambda && (first_evaluated(e->args[1], e->var) || never_raises(e->args[0])))
          return rewrite(substitute(e->args[1], e->var, e->args[0]), [](const ExprRef& x) { return fold(x); });
      }
      return e;
    default:
      return e;
  }
}

}  // namespace

ExprRef fold_node(const ExprRef& e) { return fold(e); }

Program const_fold(const Program& p) {
  return rewrite_program(p, [](const ExprRef& e) { return fold(e); });
}

}  // namespace hx::ir
