/// \file IRPrinter.cpp
#include "IRPrinter.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace hx::ir {
namespace {

std::string var_name(const VarRef& v) { return v->name + "%" + std::to_string(v->id); }

std::string float_text(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  std::string s = buf;
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

bool is_inline(const ExprRef& e) {
  switch (e->kind) {
    case ExprKind::IntConst: case ExprKind::FloatConst: case ExprKind::BoolConst:
    case ExprKind::VarUse: case ExprKind::Raise:
      return true;
    case ExprKind::Unary: case ExprKind::Binary: case ExprKind::Call: case ExprKind::Math:
    case ExprKind::RaiseValue:
    case ExprKind::Tuple: case ExprKind::TupleGet: case ExprKind::Index:
      for (auto& a : e->args)
        if (!is_inline(a)) return false;
      return true;
    default:
      return false;
  }
}

std::string inline_text(const ExprRef& e) {
  std::string s;
  auto args = [&](const char* open, const char* close) {
    std::string r = open;
    for (size_t i = 0; i < e->args.size(); i++) r += (i ? ", " : "") + inline_text(e->args[i]);
    return r + close;
  };
  switch (e->kind) {
    case ExprKind::IntConst:
      return std::to_string(e->int_value) + (e->type->kind == TypeKind::I32 ? ":i32" : "");
    case ExprKind::FloatConst:
      return float_text(e->float_value) + (e->type->kind == TypeKind::F32 ? ":f32" : "");
    case ExprKind::BoolConst: return e->int_value ? "true" : "false";
    case ExprKind::VarUse: return var_name(e->var);
    case ExprKind::Raise:
      return std::string("raise(") + std::to_string(e->int_value) +
             (e->text.empty() ? "" : ", \"" + e->text + "\"") + ")";
    case ExprKind::Unary:
      if (e->unop == UnOp::Cast) return "cast<" + type_name(e->type) + ">" + args("(", ")");
      return std::string(unop_name(e->unop)) + args("(", ")");
    case ExprKind::Math: return "math." + e->text + args("(", ")");
    case ExprKind::RaiseValue:
      return "raise(" + std::to_string(e->int_value) + ", \"" + e->text + "\", " + inline_text(e->args[0]) + ")";
    case ExprKind::Binary: return std::string(binop_name(e->binop)) + args("(", ")");
    case ExprKind::Call: return "call " + e->callee + args("(", ")");
    case ExprKind::Tuple: return is_atom(e->type) ? type_name(e->type) : args("{", "}");
    case ExprKind::TupleGet: return "elem(" + inline_text(e->args[0]) + ", " + std::to_string(e->int_value) + ")";
    case ExprKind::Index: return "at" + args("(", ")");
    default: return "?";
  }
}

void print(std::ostringstream& os, const ExprRef& e, int ind);

void print_lambda(std::ostringstream& os, const LambdaRef& f, int ind) {
  os << std::string(ind, ' ') << "fn";
  for (size_t i = 0; i < f->params.size(); i++)
    os << (i ? ", " : " ") << var_name(f->params[i]) << ": " << type_name(f->params[i]->type);
  os << " ->\n";
  print(os, f->body, ind + 2);
}

void print(std::ostringstream& os, const ExprRef& e, int ind) {
  std::string pad(ind, ' ');
  if (is_inline(e)) {
    os << pad << inline_text(e) << "\n";
    return;
  }
  switch (e->kind) {
    case ExprKind::Let:
      os << pad << "let " << var_name(e->var) << ": " << type_name(e->var->type) << " =";
      if (is_inline(e->args[0])) {
        os << " " << inline_text(e->args[0]) << "\n";
      } else {
        os << "\n";
        print(os, e->args[0], ind + 2);
      }
      print(os, e->args[1], ind);
      return;
    case ExprKind::If:
      os << pad << "if : " << type_name(e->type) << "\n";
      print(os, e->args[0], ind + 2);
      os << pad << "then\n";
      print(os, e->args[1], ind + 2);
      os << pad << "else\n";
      print(os, e->args[2], ind + 2);
      return;
    case ExprKind::Fold:
      os << pad << "fold " << fold_name(e->fold) << " : " << type_name(e->type) << "\n";
      break;
    case ExprKind::Unary: os << pad << unop_name(e->unop) << " : " << type_name(e->type) << "\n"; break;
    case ExprKind::Binary: os << pad << binop_name(e->binop) << " : " << type_name(e->type) << "\n"; break;
    case ExprKind::Call: os << pad << "call " << e->callee << " : " << type_name(e->type) << "\n"; break;
    case ExprKind::Tuple: os << pad << "tuple : " << type_name(e->type) << "\n"; break;
    case ExprKind::TupleGet: os << pad << "elem " << e->int_value << " : " << type_name(e->type) << "\n"; break;
    case ExprKind::Range:
      os << pad << (e->int_value == 1 ? "range_up : " : "range : ") << type_name(e->type) << "\n";
      break;
    case ExprKind::ListLit: os << pad << "list : " << type_name(e->type) << "\n"; break;
    case ExprKind::Map: os << pad << "map : " << type_name(e->type) << "\n"; break;
    case ExprKind::Filter: os << pad << "filter : " << type_name(e->type) << "\n"; break;
    case ExprKind::Reduce: os << pad << "reduce : " << type_name(e->type) << "\n"; break;
    case ExprKind::Length: os << pad << "length : " << type_name(e->type) << "\n"; break;
    case ExprKind::MultiFold: os << pad << "multifold : " << type_name(e->type) << "\n"; break;
    case ExprKind::MultiMap: os << pad << "multimap : " << type_name(e->type) << "\n"; break;
    case ExprKind::Index: os << pad << "at : " << type_name(e->type) << "\n"; break;
    case ExprKind::MatMul: os << pad << "matmul : " << type_name(e->type) << "\n"; break;
    case ExprKind::Extern:
      os << pad << "extern " << e->callee;
      if (!e->text.empty()) {
        std::string t;
        for (char c : e->text) t += c == '\n' ? std::string("\\n") : std::string(1, c);
        os << " \"" << t << "\"";
      }
      os << " : " << type_name(e->type) << "\n";
      break;
    case ExprKind::GuardTry: os << pad << "guard : boolean\n"; break;
    case ExprKind::Zip: os << pad << "zip : " << type_name(e->type) << "\n"; break;
    case ExprKind::WithIndex: os << pad << "with_index : " << type_name(e->type) << "\n"; break;
    case ExprKind::Reverse: os << pad << "reverse : " << type_name(e->type) << "\n"; break;
    case ExprKind::Take: os << pad << "take : " << type_name(e->type) << "\n"; break;
    case ExprKind::Drop: os << pad << "drop : " << type_name(e->type) << "\n"; break;
    case ExprKind::Sort:
      os << pad << "sort " << (e->int_value ? "desc" : "asc") << " : " << type_name(e->type) << "\n";
      break;
    case ExprKind::Scan: os << pad << "scan : " << type_name(e->type) << "\n"; break;
    case ExprKind::FoldBy: os << pad << "fold_by " << fold_name(e->fold) << " : " << type_name(e->type) << "\n"; break;
    case ExprKind::AllAny: os << pad << (e->int_value ? "all" : "any") << " : boolean\n"; break;
    case ExprKind::Math: os << pad << "math." << e->text << " : " << type_name(e->type) << "\n"; break;
    case ExprKind::RaiseValue: os << pad << "raise " << e->int_value << " : " << type_name(e->type) << "\n"; break;
    default: os << pad << "?\n"; break;
  }
  for (auto& a : e->args) print(os, a, ind + 2);
  for (auto& l : e->lambdas) print_lambda(os, l, ind + 2);
}

}  // namespace

std::string print_expr(const ExprRef& e, int indent) {
  std::ostringstream os;
  print(os, e, indent);
  return os.str();
}

std::string print_function(const Function& f) {
  std::ostringstream os;
  os << (f.is_entry ? "entry " : "func ") << f.key;
  if (f.is_entry) os << " as " << f.symbol;
  os << " (";
  for (size_t i = 0; i < f.params.size(); i++)
    os << (i ? ", " : "") << var_name(f.params[i]) << ": " << type_name(f.params[i]->type);
  os << ") -> " << type_name(f.result) << "\n";
  print(os, f.body, 2);
  return os.str();
}

std::string print_program(const Program& p) {
  std::string s;
  for (auto& f : p.functions) s += print_function(*f) + "\n";
  return s;
}

}  // namespace hx::ir
