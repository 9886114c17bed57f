/// \file test_ir.cpp
/// Unit tests for the IR: type interning, the verifier, and the passes.
#include <catch2/catch.hpp>

#include "IRPrinter.h"
#include "Passes.h"

using namespace hx::ir;

namespace {
hx::Loc L{0, 1, 1};

/// A program with one function f(n) = body, built by make(p, n).
template <typename F>
Program one_function(F make) {
  Program p;
  auto n = new_var(p, "n", int_type());
  auto f = std::make_shared<Function>();
  f->key = "M.f/1(integer)";
  f->display = "M.f/1";
  f->params = {n};
  f->body = make(p, n);
  f->result = f->body->type;
  p.functions.push_back(f);
  return p;
}

LambdaRef add_one(Program& p) {
  auto x = new_var(p, "x", int_type());
  return std::make_shared<Lambda>(Lambda{{x}, binary(L, BinOp::Add, var_use(L, x), int_const(L, 1), int_type())});
}

int count_kind(const ExprRef& e, ExprKind k) {
  int c = e->kind == k;
  for (auto& a : e->args) c += count_kind(a, k);
  for (auto& l : e->lambdas) c += count_kind(l->body, k);
  return c;
}
}  // namespace

TEST_CASE("types are interned and named as Elixir names them") {
  REQUIRE(list_type(int_type()) == list_type(int_type()));
  REQUIRE(list_type(int_type()) != list_type(float_type()));
  REQUIRE(type_name(list_type(float_type())) == "[float]");
  REQUIRE(type_name(tuple_type({int_type(), bool_type()})) == "{integer, boolean}");
  REQUIRE(type_descriptor(list_type(bool_type())) == "[b]");
}

TEST_CASE("each atom is its own interned, zero-member type") {
  REQUIRE(atom_type("ok") == atom_type("ok"));
  REQUIRE(atom_type("ok") != atom_type("error"));
  REQUIRE(atom_type("ok") != tuple_type({}));  // not the empty tuple
  REQUIRE(is_atom(atom_type("f")));
  REQUIRE(!is_plain_tuple(atom_type("f")));
  REQUIRE(atom_type("f")->members.empty());
  Type t = tuple_type({atom_type("f"), int_type()});
  REQUIRE(type_name(t) == "{:f, integer}");
  REQUIRE(type_descriptor(t) == "{:f,i}");
  REQUIRE(contains_atom(map_type({"s"}, {t})));
  REQUIRE(!contains_atom(tuple_type({int_type(), float_type()})));
  REQUIRE(atom_value(hx::Loc{}, atom_type("ok"))->type == atom_type("ok"));
}

TEST_CASE("the verifier accepts a well-formed program and rejects out-of-scope variables") {
  Program ok = one_function([](Program& p, VarRef n) {
    return fold(L, FoldKind::Sum, map(L, range(L, int_const(L, 1), var_use(L, n)), add_one(p)), int_type());
  });
  REQUIRE(verify(ok).empty());
  Program bad = one_function([](Program& p, VarRef) {
    auto stray = new_var(p, "y", int_type());
    return var_use(L, stray);
  });
  REQUIRE(verify(bad).find("out of scope") != std::string::npos);
}

TEST_CASE("fuse-maps turns map(map(xs, f), g) into one map") {
  Program p = one_function([](Program& p, VarRef n) {
    ExprRef xs = range(L, int_const(L, 1), var_use(L, n));
    ExprRef m = xs;
    for (int i = 0; i < 10; i++) m = map(L, m, add_one(p));
    return fold(L, FoldKind::Sum, m, int_type());
  });
  REQUIRE(count_kind(p.functions[0]->body, ExprKind::Map) == 10);
  Program q = fuse_maps(p);
  REQUIRE(verify(q).empty());
  REQUIRE(count_kind(q.functions[0]->body, ExprKind::Map) == 1);
}

TEST_CASE("const-fold folds arithmetic but leaves division by zero to run time") {
  Program p = one_function([](Program&, VarRef) {
    return binary(L, BinOp::Add, int_const(L, 2), binary(L, BinOp::Mul, int_const(L, 3), int_const(L, 4), int_type()),
                  int_type());
  });
  Program q = const_fold(p);
  REQUIRE(q.functions[0]->body->kind == ExprKind::IntConst);
  REQUIRE(q.functions[0]->body->int_value == 14);

  Program d = one_function([](Program&, VarRef) {
    return binary(L, BinOp::IDiv, int_const(L, 1), int_const(L, 0), int_type());
  });
  REQUIRE(const_fold(d).functions[0]->body->kind == ExprKind::Binary);
}

TEST_CASE("const-fold wraps integer overflow like generated code") {
  Program p = one_function([](Program&, VarRef) {
    return binary(L, BinOp::Add, int_const(L, INT64_MAX), int_const(L, 1), int_type());
  });
  REQUIRE(const_fold(p).functions[0]->body->int_value == INT64_MIN);
  Program q = one_function([](Program&, VarRef) {
    return binary(L, BinOp::IDiv, int_const(L, INT64_MIN), int_const(L, -1), int_type());
  });
  REQUIRE(const_fold(q).functions[0]->body->int_value == INT64_MIN);
}

TEST_CASE("the printer shows one line per array operation") {
  Program p = one_function([](Program& p, VarRef n) {
    return fold(L, FoldKind::Sum, map(L, range(L, int_const(L, 1), var_use(L, n)), add_one(p)), int_type());
  });
  std::string s = print_program(p);
  REQUIRE(s.find("fold sum : integer") != std::string::npos);
  REQUIRE(s.find("map : [integer]") != std::string::npos);
  REQUIRE(s.find("add(x%1, 1)") != std::string::npos);
}

// ---- cse (ir/CSE.cpp) ----------------------------------------------------------------


namespace {
/// sum(map(1..n, fn x -> let y = x + 1 in a(x, y) * b(x, y))) with fresh
/// variables: `second_is_y` picks whether the product's right operand is y or x.
ExprRef sum_of_squares(Program& p, const VarRef& n, bool second_is_y) {
  auto x = new_var(p, "x", int_type());
  auto y = new_var(p, "y", int_type());
  ExprRef body = let(L, y, binary(L, BinOp::Add, var_use(L, x), int_const(L, 1), int_type()),
                     binary(L, BinOp::Mul, var_use(L, y), var_use(L, second_is_y ? y : x), int_type()));
  return fold(L, FoldKind::Sum, map(L, range(L, int_const(L, 1), var_use(L, n)),
                                    std::make_shared<Lambda>(Lambda{{x}, body})),
              int_type());
}
}  // namespace

TEST_CASE("cse shares reductions over lambdas equal up to renaming, inner lets included") {
  Program p = one_function([](Program& p, VarRef n) {
    return binary(L, BinOp::Add, sum_of_squares(p, n, true), sum_of_squares(p, n, true), int_type());
  });
  Program q = cse(p);
  REQUIRE(verify(q).empty());
  const ExprRef& b = q.functions[0]->body;
  REQUIRE(b->kind == ExprKind::Let);
  REQUIRE(count_kind(b, ExprKind::Fold) == 1);
  REQUIRE(print_expr(b->args[1], 0) == "add(cse%" + std::to_string(b->var->id) + ", cse%" +
                                           std::to_string(b->var->id) + ")\n");
}

TEST_CASE("cse keeps lambdas apart that differ only in which variable is used") {
  // y * y against y * x: same shape, different binding.
  Program p = one_function([](Program& p, VarRef n) {
    return binary(L, BinOp::Add, sum_of_squares(p, n, true), sum_of_squares(p, n, false), int_type());
  });
  REQUIRE(count_kind(cse(p).functions[0]->body, ExprKind::Fold) == 2);
  // fn x -> x + n against fn y -> y + y: n is free in one, y bound in the other.
  Program q = one_function([](Program& p, VarRef n) {
    auto x = new_var(p, "x", int_type());
    auto y = new_var(p, "y", int_type());
    auto xs = [&] { return range(L, int_const(L, 1), var_use(L, n)); };
    auto f = std::make_shared<Lambda>(
        Lambda{{x}, binary(L, BinOp::Add, var_use(L, x), var_use(L, n), int_type())});
    auto g = std::make_shared<Lambda>(
        Lambda{{y}, binary(L, BinOp::Add, var_use(L, y), var_use(L, y), int_type())});
    return binary(L, BinOp::Add, fold(L, FoldKind::Sum, map(L, xs(), f), int_type()),
                  fold(L, FoldKind::Sum, map(L, xs(), g), int_type()), int_type());
  });
  Program r = cse(q);
  REQUIRE(count_kind(r.functions[0]->body, ExprKind::Fold) == 2);
  REQUIRE(r.functions[0] == q.functions[0]);  // nothing to share: the function is kept as is
}
