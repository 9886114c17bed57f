/// \file IRPrinter.h
/// Text form of the IR for `--emit=ir`, `--dump-after` and golden tests.
/// Scalar expressions print inline (`add(x%1, 1)`); array operations, lets
/// and ifs print as an indented tree, one operation per line, so a golden
/// test can count loops (`map`, `filter`, `fold`, `reduce`) after fusion.
#pragma once
#include "IR.h"
#include <string>

namespace hx::ir {
std::string print_program(const Program& p);
std::string print_function(const Function& f);
std::string print_expr(const ExprRef& e, int indent = 0);
}  // namespace hx::ir
