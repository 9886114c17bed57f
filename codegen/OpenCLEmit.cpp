/// \file OpenCLEmit.cpp
/// IR -> OpenCL C 1.2 kernel text for one parallel loop site (OpenCL.h has
/// the kernel ABI). The traversal of the source mirrors LLVMCodegen's
/// open_src exactly -- the same leaves in the same order, the same index
/// arithmetic -- and the scalar code mirrors emit_unary/emit_binary/
/// emit_math: wrapping integers (through unsigned helpers, since signed
/// overflow is undefined in OpenCL C as in C), truncating div/rem with
/// MIN / -1 defined, Bitwise shifts by any count, saturating float->int,
/// round half away from zero, and a finiteness check after every float
/// operation unless the spec is unchecked. Where the CPU code raises, the
/// kernel jumps to `raised`, which sets the error flag; the host then runs
/// the CPU path, which raises the exact Elixir error.
///
/// The text is meant to be read: Elixir variables keep their names (with
/// the IR id appended, so names never clash), and every statement carries
/// the .hx line it came from.
#include "OpenCL.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>

namespace hx::opencl {
namespace {

using namespace hx::ir;

// ---- what a kernel can hold --------------------------------------------------


/// Scalars and tuples of them: what lambdas may compute in a kernel.
bool is_value(Type t) {
  if (is_scalar(t)) return true;
  if (is_atom(t)) return false;  // zero-size: OpenCL C has no empty structs (the loop stays on the CPU)
  if (t->kind != TypeKind::Tuple) return false;
  for (auto m : t->members)
    if (!is_value(m)) return false;
  return true;
}

bool is_list_of_scalars(Type t) { return t->kind == TypeKind::List && is_scalar(t->elem); }

/// An Nx tensor {[elem] data, d0, ...} with scalar elements: a kernel gets
/// it as its data buffer and its dimensions (HXRT_CL_ARG_TENSOR).
bool is_passable_tensor(Type t) {
  if (!is_tensor(t) || t->members.empty() || !is_list_of_scalars(t->members[0])) return false;
  for (size_t i = 1; i < t->members.size(); i++)
    if (t->members[i] != int_type()) return false;
  return true;
}

/// A list a kernel can read: a list variable passed to it, or the data of
/// a tensor variable passed to it (`elem(t, 0)`).
bool is_list_ref(const ExprRef& e, const std::set<int>& list_vars) {
  if (e->kind == ExprKind::VarUse) return list_vars.count(e->var->id) && is_list_of_scalars(e->type);
  return e->kind == ExprKind::TupleGet && e->int_value == 0 && e->args[0]->kind == ExprKind::VarUse &&
         list_vars.count(e->args[0]->var->id) && is_passable_tensor(e->args[0]->type);
}

/// LLVMCodegen's indexable(): can e be opened without materialising a filter?
bool indexable(const ExprRef& e) {
  switch (e->kind) {
    case ExprKind::Filter: return false;
    case ExprKind::Map: return indexable(e->args[0]);
    default: return true;  // zip, reverse, take, drop materialise what they must
  }
}

/// LLVMCodegen's is_array_op and has_lambdas: does the list e compute
/// elements with functions?
bool has_lambdas(const ExprRef& e) {
  if (!e->lambdas.empty()) return true;
  switch (e->kind) {
    case ExprKind::Range: case ExprKind::ListLit: case ExprKind::Map: case ExprKind::Filter: case ExprKind::Zip:
    case ExprKind::WithIndex: case ExprKind::Reverse: case ExprKind::Take: case ExprKind::Drop: case ExprKind::Sort:
    case ExprKind::Scan:
      break;
    default:
      return false;
  }
  for (auto& a : e->args)
    if (has_lambdas(a)) return true;
  return false;
}

/// How open_src treats e: which case it takes, or Leaf for an array the
/// host evaluates (anything not indexable, and every other kind). The
/// operands of zip, reverse, take and drop are opened "eagerly"
/// (LLVMCodegen's open_eager): one that computes with functions, or is not
/// indexable, is materialised by the host first (Elixir evaluates the
/// whole list before those look at it) and reaches the kernel as a leaf.
enum class SrcKind { Range, Map, Zip, WithIndex, Reverse, Take, Drop, Leaf };

SrcKind src_kind(const ExprRef& e, bool eager = false) {
  if (eager && (has_lambdas(e) || !indexable(e))) return SrcKind::Leaf;
  switch (e->kind) {
    case ExprKind::Range: return SrcKind::Range;
    case ExprKind::Map: return indexable(e->args[0]) ? SrcKind::Map : SrcKind::Leaf;
    case ExprKind::Zip: return SrcKind::Zip;
    case ExprKind::WithIndex: return SrcKind::WithIndex;
    case ExprKind::Reverse: return SrcKind::Reverse;
    case ExprKind::Take: return SrcKind::Take;
    case ExprKind::Drop: return SrcKind::Drop;
    default: return SrcKind::Leaf;
  }
}

/// Whether open_src opens operand 0 (or 1) of a source of kind k eagerly.
bool eager_operands(SrcKind k) {
  return k == SrcKind::Zip || k == SrcKind::Reverse || k == SrcKind::Take || k == SrcKind::Drop;
}

void collect_leaves(const ExprRef& e, std::vector<ExprRef>& out, bool eager = false) {
  SrcKind k = src_kind(e, eager);
  bool ea = eager_operands(k);
  switch (k) {
    case SrcKind::Range: out.push_back(e->args[0]); out.push_back(e->args[1]); return;
    case SrcKind::Map: case SrcKind::Reverse: collect_leaves(e->args[0], out, ea); return;
    case SrcKind::Zip: collect_leaves(e->args[0], out, ea); collect_leaves(e->args[1], out, ea); return;
    case SrcKind::WithIndex: case SrcKind::Take: case SrcKind::Drop:
      collect_leaves(e->args[0], out, ea);
      out.push_back(e->args[1]);
      return;
    case SrcKind::Leaf: out.push_back(e); return;
  }
}

/// The lambdas the kernel runs: indexable Maps inside the base, then the stages.
void kernel_lambdas(const ExprRef& e, std::vector<LambdaRef>& out, bool eager = false) {
  SrcKind k = src_kind(e, eager);
  bool ea = eager_operands(k);
  switch (k) {
    case SrcKind::Map: kernel_lambdas(e->args[0], out, ea); out.push_back(e->lambdas[0]); return;
    case SrcKind::Reverse: case SrcKind::WithIndex: case SrcKind::Take: case SrcKind::Drop:
      kernel_lambdas(e->args[0], out, ea);
      return;
    case SrcKind::Zip: kernel_lambdas(e->args[0], out, ea); kernel_lambdas(e->args[1], out, ea); return;
    default: return;
  }
}

void free_vars_of(const ExprRef& e, std::set<int>& bound, std::map<int, VarRef>& out) {
  if (e->kind == ExprKind::VarUse && !bound.count(e->var->id)) out[e->var->id] = e->var;
  if (e->kind == ExprKind::Let) bound.insert(e->var->id);
  for (auto& a : e->args) free_vars_of(a, bound, out);
  for (auto& l : e->lambdas) {
    for (auto& p : l->params) bound.insert(p->id);
    free_vars_of(l->body, bound, out);
  }
}

const std::set<std::string>& math_functions() {
  // All are OpenCL C built-ins with the C library's meaning (round: half
  // away from zero, as Elixir's).
  static const std::set<std::string> fs = {"sqrt", "exp", "log", "log2", "log10", "pow", "sin", "cos",
                                           "tan",  "tanh", "atan", "atan2", "floor", "ceil", "round", "fmod"};
  return fs;
}

std::string lambda_problem(const ExprRef& e, const std::set<int>& list_vars);

/// Why the chain under a fold inside a lambda cannot be a loop in the
/// kernel, or "": map/filter stages over a range or a list passed to the
/// kernel (a tensor's axis reduction, a dot product's inner sum).
std::string nested_source_problem(const ExprRef& e, const std::set<int>& list_vars) {
  switch (e->kind) {
    case ExprKind::Range:
      if (e->args.size() != 2) return "a range with a step inside a lambda";
      for (auto& a : e->args) {
        if (a->type != int_type()) return "a range bound of type " + type_name(a->type);
        std::string p = lambda_problem(a, list_vars);
        if (!p.empty()) return p;
      }
      return "";
    case ExprKind::VarUse: case ExprKind::TupleGet:
      if (!is_list_ref(e, list_vars)) return "a fold over a " + type_name(e->type) + " inside a lambda";
      return "";
    case ExprKind::Map: case ExprKind::Filter: {
      std::string p = nested_source_problem(e->args[0], list_vars);
      if (!p.empty()) return p;
      const LambdaRef& f = e->lambdas[0];
      if (f->params.size() != 1 || !is_value(f->params[0]->type)) return "a nested function over a " + type_name(e->args[0]->type->elem);
      return lambda_problem(f->body, list_vars);
    }
    default:
      return "a list operation inside a lambda";
  }
}

std::string nested_fold_problem(const ExprRef& e, const std::set<int>& list_vars) {
  Type t = e->type;
  if (!is_integer(t) && !is_floating(t)) return "a fold into a " + type_name(t) + " inside a lambda";
  if (e->fold != FoldKind::Count && e->args[0]->type->elem != t)
    return "a fold of " + type_name(e->args[0]->type->elem) + " elements into " + type_name(t) + " inside a lambda";
  return nested_source_problem(e->args[0], list_vars);
}

/// Why a lambda body cannot run in a kernel, or "" when it can.
std::string lambda_problem(const ExprRef& e, const std::set<int>& list_vars) {
  switch (e->kind) {
    case ExprKind::Length:
      if (is_list_ref(e->args[0], list_vars)) return "";
      return "length/1 of a list computed inside a lambda";
    case ExprKind::TupleGet:
      // A tensor's dimension (its data only through Index, Length, folds).
      if (e->args[0]->kind == ExprKind::VarUse && list_vars.count(e->args[0]->var->id) && e->int_value > 0) return "";
      break;
    case ExprKind::Call: return "a call to " + e->callee + " inside a lambda";
    case ExprKind::GuardTry: return "a guard inside a lambda";
    case ExprKind::Index:
      // A load from a list passed to the kernel (tensor broadcasting, gathers).
      if (!is_list_ref(e->args[0], list_vars)) return "an element access of a list computed inside a lambda";
      if (!is_scalar(e->type)) return "an element access of a " + type_name(e->args[0]->type);
      if (e->args[1]->type != int_type()) return "an element access with a " + type_name(e->args[1]->type) + " index";
      return lambda_problem(e->args[1], list_vars);
    case ExprKind::Fold: return nested_fold_problem(e, list_vars);
    case ExprKind::MatMul: return "a matrix product inside a lambda";
    case ExprKind::Extern: return "a runtime call (" + e->callee + ") inside a lambda";
    case ExprKind::Range: case ExprKind::ListLit: case ExprKind::Map: case ExprKind::Filter: case ExprKind::Zip:
    case ExprKind::WithIndex: case ExprKind::Reverse: case ExprKind::Take: case ExprKind::Drop: case ExprKind::Sort:
    case ExprKind::Scan: case ExprKind::Reduce: case ExprKind::FoldBy: case ExprKind::AllAny:
      return "a list operation inside a lambda";
    case ExprKind::Math:
      if (!math_functions().count(e->text)) return ":math." + e->text + " (no OpenCL equivalent here)";
      for (auto& a : e->args)
        if (!is_floating(a->type)) return ":math." + e->text + " of a " + type_name(a->type);
      break;
    case ExprKind::Binary: {
      Type t = e->args[0]->type;
      bool numeric = is_integer(t) || is_floating(t);
      switch (e->binop) {
        case BinOp::And: case BinOp::Or:
          if (t != bool_type()) return std::string(binop_name(e->binop)) + " of a " + type_name(t);
          break;
        case BinOp::Eq: case BinOp::Ne: case BinOp::Lt: case BinOp::Le: case BinOp::Gt: case BinOp::Ge:
          if (!is_scalar(t)) return "a comparison of " + type_name(t) + " values";
          break;
        case BinOp::BAnd: case BinOp::BOr: case BinOp::BXor: case BinOp::Shl: case BinOp::Shr:
        case BinOp::IDiv: case BinOp::Rem:
          if (!is_integer(t)) return std::string(binop_name(e->binop)) + " of a " + type_name(t);
          break;
        case BinOp::FDiv:
          if (!is_floating(t)) return std::string(binop_name(e->binop)) + " of a " + type_name(t);
          break;
        default:
          if (!numeric) return std::string(binop_name(e->binop)) + " of a " + type_name(t);
      }
      if (e->args[1]->type != t) return std::string(binop_name(e->binop)) + " of mixed types";
      break;
    }
    case ExprKind::Unary: {
      Type t = e->args[0]->type;
      bool ok = true;
      switch (e->unop) {
        case UnOp::Not: ok = t == bool_type(); break;
        case UnOp::BNot: ok = is_integer(t); break;
        case UnOp::Trunc: case UnOp::Round: ok = is_floating(t) && is_integer(e->type); break;
        case UnOp::ToFloat: ok = (is_integer(t) || is_floating(t)) && is_floating(e->type); break;
        case UnOp::Cast: ok = (is_integer(t) || is_floating(t)) && (is_integer(e->type) || is_floating(e->type)); break;
        default: ok = is_integer(t) || is_floating(t); break;
      }
      if (!ok) return std::string(unop_name(e->unop)) + " of a " + type_name(t);
      break;
    }
    case ExprKind::Let:
      if (!is_value(e->var->type)) return "a " + type_name(e->var->type) + " variable inside a lambda";
      break;
    case ExprKind::VarUse:
      if (!is_value(e->type)) return "a " + type_name(e->type) + " value inside a lambda";
      break;
    default:
      break;
  }
  if (!is_value(e->type) && e->kind != ExprKind::Raise && e->kind != ExprKind::RaiseValue)
    return "a " + type_name(e->type) + " value inside a lambda";
  for (auto& a : e->args) {
    std::string p = lambda_problem(a, list_vars);
    if (!p.empty()) return p;
  }
  if (!e->lambdas.empty()) return "a nested function inside a lambda";
  return "";
}

std::string sanitize(const std::string& name) {
  std::string s;
  for (char c : name) s += (std::isalnum(static_cast<unsigned char>(c)) || c == '_') ? c : '_';
  if (s.empty() || s[0] == '_' || std::isdigit(static_cast<unsigned char>(s[0]))) s = "v" + s;
  return s;
}

std::string var_cname(const VarRef& v) { return sanitize(v->name) + "_" + std::to_string(v->id); }

/// "sum(filter(map(range)))": the shape of the site, for the header comment.
std::string describe(const ExprRef& e, bool eager = false) {
  SrcKind k = src_kind(e, eager);
  bool ea = eager_operands(k);
  switch (k) {
    case SrcKind::Range: return "range";
    case SrcKind::Map: return "map(" + describe(e->args[0]) + ")";
    case SrcKind::Zip: return "zip(" + describe(e->args[0], ea) + ", " + describe(e->args[1], ea) + ")";
    case SrcKind::WithIndex: return "with_index(" + describe(e->args[0]) + ")";
    case SrcKind::Reverse: return "reverse(" + describe(e->args[0], ea) + ")";
    case SrcKind::Take: return "take(" + describe(e->args[0], ea) + ")";
    case SrcKind::Drop: return "drop(" + describe(e->args[0], ea) + ")";
    case SrcKind::Leaf:
      return e->kind == ExprKind::VarUse ? e->var->name : std::string("list");
  }
  return "?";
}

std::string fold_word(FoldKind k) {
  switch (k) {
    case FoldKind::Sum: return "sum";
    case FoldKind::Product: return "product";
    case FoldKind::Count: return "count";
    case FoldKind::Min: return "min";
    case FoldKind::Max: return "max";
  }
  return "?";
}

// ---- the writer ------------------------------------------------------------------

/// A C expression and whether it is a name or literal (safe to repeat).
struct Val {
  std::string text;
  bool simple = false;
  bool finite = false;  ///< a float checked to be finite (not NaN)
};

/// An opened source: its element count (a C name, declared in the
/// prologue the first time someone asks) and a way to emit element i into
/// the current block.
struct Source {
  std::function<std::string()> count;
  Type elem = nullptr;
  std::function<Val(const std::string&)> at;
};

class Writer {
 public:
  explicit Writer(const KernelSpec& s) : spec_(s) {}

  std::string run() {
    std::vector<ExprRef> leaves = spec_.leaves.empty() ? leaf_exprs(spec_.base) : spec_.leaves;
    leaves_ = leaves;
    line_ = spec_.base->loc.line;

    // Parameters and prologue: free variables, then the source (its leaves).
    out_ = &prologue_;
    indent_ = 1;
    for (auto& v : spec_.free_vars) add_free_var(v);
    Source src = open(spec_.base);

    out_ = &body_;
    if (spec_.scan)
      write_scan(src);
    else if (spec_.compact)
      write_compact(src);
    else if (spec_.store)
      write_store(src);
    else
      write_fold(src);
    return assemble();
  }

  /// After run(): the parameters after n as the host passes them.
  const std::vector<KernelParam>& host_params() const { return host_params_; }

 private:
  const KernelSpec& spec_;
  std::vector<ExprRef> leaves_;
  size_t next_leaf_ = 0;
  int next_source_ = 0;
  int next_temp_ = 0;

  std::ostringstream prologue_, body_;
  std::ostringstream* out_ = nullptr;
  int indent_ = 1;
  uint32_t line_ = 0;

  std::vector<std::string> params_;        ///< C parameter declarations after n
  std::vector<KernelParam> host_params_;   ///< the same, as the host passes them (a list once)
  std::map<int, std::string> names_;       ///< Var::id -> C name
  std::map<int, int> bindings_;            ///< Var::id -> how often bound so far
  bool raises_ = false;                    ///< some path jumps to `raised`
  bool raises_checked_ = false;            ///< ... other than a bounds check the frontend proved
  /// Set while emitting a Binary or Math node with int_value 1 (Nx tensor
  /// arithmetic): IEEE, nothing raises, min/max propagate NaN -- as
  /// LLVMCodegen's ieee_.
  bool ieee_ = false;
  int next_loop_ = 0;                      ///< loops of folds inside lambdas: j1, j2, ...
  std::set<uint32_t> f64_lines_;           ///< where 64-bit floats appear
  bool f64_ = false;

  std::vector<std::string> helper_order_;  ///< definitions, dependencies first
  std::set<std::string> helpers_;
  std::map<Type, std::string> tuples_;     ///< tuple type -> typedef name

  // ---- text -------------------------------------------------------------------

  /// A statement on its own line, with the .hx line in a comment.
  void stmt(const std::string& s) {
    std::string text = std::string(size_t(indent_) * 2, ' ') + s;
    if (line_) {
      if (text.size() < 52) text += std::string(52 - text.size(), ' ');
      else text += "  ";
      text += "// line " + std::to_string(line_);
    }
    *out_ << text << "\n";
  }
  /// A line with no statement of its own (a brace, a comment).
  void raw(const std::string& s) { *out_ << std::string(size_t(indent_) * 2, ' ') << s << "\n"; }

  struct LineScope {
    Writer& w;
    uint32_t saved;
    LineScope(Writer& w, Loc loc) : w(w), saved(w.line_) {
      if (loc.valid()) w.line_ = loc.line;
    }
    ~LineScope() { w.line_ = saved; }
  };

  /// A prologue constant, declared the first time the returned function is called.
  std::function<std::string()> lazy(const std::string& name, std::function<std::string()> value) {
    auto done = std::make_shared<bool>(false);
    uint32_t line = line_;
    return [this, name, value, done, line] {
      if (!*done) {
        *done = true;
        std::string v = value();
        uint32_t saved = line_;
        line_ = line;
        stmt("const long " + name + " = " + v + ";");
        line_ = saved;
      }
      return name;
    };
  }

  /// "(a + b)" -> "a + b" where the parentheses are the outermost pair.
  static std::string unparen(const std::string& s) {
    if (s.size() < 2 || s.front() != '(' || s.back() != ')') return s;
    int depth = 0;
    for (size_t i = 0; i + 1 < s.size(); i++) {
      depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
      if (depth == 0) return s;  // "(a) + (b)": not one pair
    }
    return s.substr(1, s.size() - 2);
  }

  /// The C name for a variable being bound. The IR may share a subtree
  /// (the same lambda twice in one source), so a second binding of the
  /// same variable gets a fresh name rather than a redeclaration.
  std::string declare(const VarRef& v) {
    std::string n = var_cname(v);
    int& uses = bindings_[v->id];
    if (uses++) n += "_b" + std::to_string(uses);
    names_[v->id] = n;
    return n;
  }

  std::string temp() { return "tmp" + std::to_string(++next_temp_); }

  Val bind(Type t, const Val& v) {
    if (v.simple) return v;
    std::string n = temp();
    stmt(ctype(t) + " " + n + " = " + unparen(v.text) + ";");
    return {n, true};
  }

  /// bounds: the check of an index the frontend proved in range (a failure
  /// is a compiler bug, not an Elixir error the CPU path would raise).
  void goto_raised(const std::string& cond, bool bounds = false) {
    raises_ = true;
    raises_checked_ = raises_checked_ || !bounds;
    stmt(cond.empty() ? "goto raised;" : "if (" + cond + ") goto raised;");
  }

  // ---- types ----------------------------------------------------------------

  std::string ctype(Type t) {
    switch (t->kind) {
      case TypeKind::Int: return "long";
      case TypeKind::Float:
        f64_ = true;
        if (line_) f64_lines_.insert(line_);
        return "double";
      case TypeKind::Bool: return "bool";
      case TypeKind::I32: return "int";
      case TypeKind::F32: return "float";
      case TypeKind::Tuple: return tuple_name(t);
      case TypeKind::List: break;
    }
    return "?";
  }
  /// In memory (kernel arguments, arrays): booleans are bytes.
  std::string mtype(Type t) { return t == bool_type() ? "uchar" : ctype(t); }

  static std::string suffix(Type t) {
    switch (t->kind) {
      case TypeKind::Int: return "l";
      case TypeKind::I32: return "i";
      case TypeKind::Float: return "d";
      case TypeKind::F32: return "f";
      default: return "?";
    }
  }

  std::string tuple_name(Type t) {
    auto it = tuples_.find(t);
    if (it != tuples_.end()) return it->second;
    std::vector<std::string> ms;
    for (auto m : t->members) ms.push_back(ctype(m));  // members' typedefs first
    std::string name = "hx_tuple" + std::to_string(tuples_.size());
    tuples_[t] = name;
    std::string def = "typedef struct {";
    for (size_t i = 0; i < ms.size(); i++) def += " " + ms[i] + " m" + std::to_string(i) + ";";
    def += " } " + name + ";  // " + type_name(t) + "\n";
    def += "static inline " + name + " hx_make_" + name.substr(3) + "(";
    for (size_t i = 0; i < ms.size(); i++) def += (i ? ", " : "") + ms[i] + " m" + std::to_string(i);
    def += ") {\n  " + name + " t;\n";
    for (size_t i = 0; i < ms.size(); i++) def += "  t.m" + std::to_string(i) + " = m" + std::to_string(i) + ";\n";
    def += "  return t;\n}\n";
    add_helper(name, def);
    return name;
  }

  // ---- helpers (emitted only when used) -------------------------------------------

  void add_helper(const std::string& name, const std::string& def) {
    if (helpers_.insert(name).second) helper_order_.push_back(def);
  }

  /// hx_<op>_<suffix>: the wrapping/exact integer operations, and min/max.
  std::string helper(const std::string& op, Type t) {
    std::string s = suffix(t);
    std::string T = ctype(t);
    std::string U = t->kind == TypeKind::Int ? "ulong" : "uint";
    std::string bits = t->kind == TypeKind::Int ? "64" : "32";
    std::string name = "hx_" + op + "_" + s;
    if (helpers_.count(name)) return name;
    std::string sig = "static inline " + T + " " + name;
    std::string def;
    if (op == "add" || op == "sub" || op == "mul") {
      std::string c = op == "add" ? "+" : op == "sub" ? "-" : "*";
      def = sig + "(" + T + " a, " + T + " b) { return (" + T + ")((" + U + ")a " + c + " (" + U + ")b); }\n";
    } else if (op == "neg") {
      def = sig + "(" + T + " a) { return (" + T + ")((" + U + ")0 - (" + U + ")a); }\n";
    } else if (op == "abs" && is_floating(t)) {
      // Not fabs: Erlang's abs(-0.0) is -0.0 (it negates only values below zero).
      def = "// Negates only values below zero: abs(-0.0) is -0.0, as in Erlang.\n" + sig + "(" + T + " a) { return a < 0 ? -a : a; }\n";
    } else if (op == "abs") {
      def = sig + "(" + T + " a) { return a < 0 ? (" + T + ")((" + U + ")0 - (" + U + ")a) : a; }\n";
    } else if ((op == "div" || op == "rem") && t->kind == TypeKind::Int) {
      // GPUs have no 64-bit integer divide (it is a long software loop).
      // Estimate the quotient in double precision, correct the remainder
      // exactly in integers, and check it; only a failed check (|a| near
      // 2^62 and beyond) pays for the real division. With |a| < 2^62 no
      // product below can overflow, so a passing check is the exact answer.
      bool div = op == "div";
      def = std::string("// ") + (div ? "Truncating division" : "Remainder with the sign of the dividend") +
            "; the caller has ruled out b == 0.\n" + sig + "(long a, long b) {\n"
            "  if (b == -1) return " + (div ? "(long)((ulong)0 - (ulong)a)" : "0") + ";\n"
            "  if (a < (1L << 62) && a > -(1L << 62)) {\n"
            "    long q = (long)((double)a * (1.0 / (double)b));\n"
            "    long r = a - q * b;\n"
            "    long babs = b < 0 ? -b : b, sgn = b < 0 ? -1 : 1;\n"
            "    if (a >= 0 ? r < 0 : r <= -babs) { r += babs; q -= sgn; }\n"
            "    if (a >= 0 ? r >= babs : r > 0) { r -= babs; q += sgn; }\n"
            "    if (a >= 0 ? (r >= 0 && r < babs) : (r <= 0 && r > -babs)) return " + (div ? "q" : "r") + ";\n"
            "  }\n"
            "  return a " + (div ? "/" : "%") + " b;\n}\n";
    } else if (op == "div") {
      def = "// Truncating; the caller has ruled out b == 0. MIN / -1 wraps to MIN.\n" + sig + "(" + T + " a, " + T +
            " b) { return b == -1 ? (" + T + ")((" + U + ")0 - (" + U + ")a) : a / b; }\n";
    } else if (op == "rem") {
      def = "// Sign of the dividend; the caller has ruled out b == 0. MIN rem -1 is 0.\n" + sig + "(" + T + " a, " +
            T + " b) { return b == -1 ? 0 : a % b; }\n";
    } else if (op == "bsl" || op == "bsr") {
      // Bitwise.bsl/bsr: a negative count shifts the other way; counts of
      // the width or more give 0 (or -1 for a right shift of a negative).
      def = sig + "(" + T + " a, " + T + " b) {\n  " + U + " mag = b < 0 ? (" + U + ")0 - (" + U + ")b : (" + U +
            ")b;\n  " + U + " amt = mag >= " + bits + " ? " + bits + " - 1 : mag;\n  " + T + " left = mag >= " +
            bits + " ? 0 : (" + T + ")((" + U + ")a << amt);\n  " + T +
            " right = a >> amt;  // OpenCL C: sign-filling\n  return b < 0 ? " + (op == "bsl" ? "right : left" : "left : right") +
            ";\n}\n";
      if (op == "bsl")
        def = "// Bitwise.bsl/bsr: a negative count shifts the other way; counts of\n"
              "// the width or more shift everything out (-1 for bsr of a negative).\n" + def;
    } else if (op == "tanh") {
      // Beyond 9.1 (f32) or 19.1 (f64), tanh rounds to +-1.0 exactly.
      std::string lim = t->kind == TypeKind::F32 ? "9.1f" : "19.1";
      def = "// tanh, exactly +-1.0 where it rounds there (some drivers' is an ulp short).\n" + sig + "(" + T +
            " a) { return fabs(a) > " + lim + " ? copysign((" + T + ")1, a) : tanh(a); }\n";
    } else if (op == "nanmin" || op == "nanmax") {
      // Nx's max/min (IEEE tensor arithmetic): a NaN operand wins, as a + b
      // gives it on the CPU; otherwise Kernel.min/max.
      def = "// Nx.min/max: a NaN operand propagates; otherwise the first on ties.\n" + sig + "(" + T + " a, " + T +
            " b) { return isnan(a) || isnan(b) ? a + b : a " + (op == "nanmin" ? "<=" : ">=") + " b ? a : b; }\n";
    } else if (op == "min" || op == "max") {
      // Kernel.min/max: the first argument on ties (and when comparing with NaN, the second).
      def = sig + "(" + T + " a, " + T + " b) { return a " + (op == "min" ? "<=" : ">=") + " b ? a : b; }\n";
    } else if (op == "add_overflows" || op == "sub_overflows") {
      std::string base = helper(op == "add_overflows" ? "add" : "sub", t);
      std::string test = op == "add_overflows" ? "((a ^ r) & (b ^ r)) < 0" : "((a ^ b) & (a ^ r)) < 0";
      def = "static inline bool " + name + "(" + T + " a, " + T + " b) { " + T + " r = " + base + "(a, b); return " +
            test + "; }\n";
    } else if (op == "mul_overflows") {
      if (t->kind == TypeKind::Int) {
        std::string mul = helper("mul", t);
        def = "static inline bool " + name + "(long a, long b) { long r = " + mul +
              "(a, b); return mul_hi(a, b) != (r >> 63); }\n";
      } else {
        def = "static inline bool " + name + "(int a, int b) { long r = (long)a * (long)b; return r != (long)(int)r; }\n";
      }
    }
    add_helper(name, def);
    return name;
  }

  // ---- literals ---------------------------------------------------------------

  static std::string int_literal(int64_t v, Type t) {
    bool i32 = t->kind == TypeKind::I32;
    std::string sfx = i32 ? "" : "L";
    if (!i32 && v == INT64_MIN) return "LONG_MIN";  // OpenCL C's <limits.h> names
    if (i32 && v == INT32_MIN) return "INT_MIN";
    if (v < 0) return "(" + std::to_string(v) + sfx + ")";
    return std::to_string(v) + sfx;
  }

  static std::string float_literal(double d, Type t) {
    bool f32 = t->kind == TypeKind::F32;
    if (std::isnan(d)) return f32 ? "NAN" : "(double)NAN";
    if (std::isinf(d)) return std::string(d < 0 ? "(-" : "(") + (f32 ? "INFINITY" : "(double)INFINITY") + ")";
    char buf[64];
    if (f32)
      std::snprintf(buf, sizeof buf, "%.9g", double(float(d)));
    else
      std::snprintf(buf, sizeof buf, "%.17g", d);
    std::string s = buf;
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    if (f32) s += "f";
    return d < 0 || (d == 0 && std::signbit(d)) ? "(" + s + ")" : s;
  }

  /// A value of type t for code after a raise, which never runs.
  std::string dead_value(Type t) {
    if (t->kind != TypeKind::Tuple) return zero_of(t);
    std::string s = "hx_make_" + tuple_name(t).substr(3) + "(";
    for (size_t i = 0; i < t->members.size(); i++) s += (i ? ", " : "") + dead_value(t->members[i]);
    return s + ")";
  }

  static std::string zero_of(Type t) {
    switch (t->kind) {
      case TypeKind::Bool: return "false";
      case TypeKind::Float: return "0.0";
      case TypeKind::F32: return "0.0f";
      case TypeKind::Int: return "0L";
      default: return "0";
    }
  }

  // ---- parameters ------------------------------------------------------------

  void add_free_var(const VarRef& v) {
    LineScope ls(*this, Loc{});
    std::string n = var_cname(v);
    names_[v->id] = n;
    if (v->type->kind == TypeKind::List) {
      params_.push_back("__global const " + mtype(v->type->elem) + "* " + n);
      params_.push_back("long " + n + "_len");
      host_params_.push_back({n, v->type});
    } else if (is_passable_tensor(v->type)) {
      // A tensor: its data (elem(t, 0) is `n`) and its dimensions n_d0, ...
      params_.push_back("__global const " + mtype(v->type->members[0]->elem) + "* " + n);
      params_.push_back("long " + n + "_len");
      for (size_t i = 1; i < v->type->members.size(); i++) params_.push_back("long " + n + "_d" + std::to_string(i - 1));
      host_params_.push_back({n, v->type});
    } else if (v->type == bool_type()) {
      params_.push_back("uchar " + n + "_u8");
      host_params_.push_back({n + "_u8", v->type});
      stmt("const bool " + n + " = " + n + "_u8 != 0;");
    } else {
      params_.push_back(ctype(v->type) + " " + n);
      host_params_.push_back({n, v->type});
    }
  }

  /// The next leaf as a kernel parameter named l<k>_<what>.
  std::string scalar_leaf(const std::string& what) {
    size_t k = next_leaf_++;
    std::string n = "l" + std::to_string(k) + "_" + what;
    params_.push_back(ctype(leaves_.at(k)->type) + " " + n);
    host_params_.push_back({n, leaves_.at(k)->type});
    return n;
  }

  // ---- sources (LLVMCodegen's open_src, replayed) ---------------------------------

  Source open(const ExprRef& e, bool eager = false) {
    LineScope ls(*this, e->loc);
    SrcKind kind = src_kind(e, eager);
    bool ea = eager_operands(kind);
    // Sources with values of their own in the prologue get a name, s0, s1, ...
    std::string s;
    if (kind != SrcKind::Map && kind != SrcKind::WithIndex && kind != SrcKind::Leaf)
      s = "s" + std::to_string(next_source_++);
    switch (kind) {
      case SrcKind::Range: {
        std::string lo = scalar_leaf("first"), hi = scalar_leaf("last");
        std::string add = helper("add", int_type());
        Source r;
        r.elem = int_type();
        if (e->int_value == 1) {
          // lo..hi//1 (a tensor's index space): ascending, empty when hi < lo.
          r.count = lazy(s + "_count", [this, add, lo, hi] {
            return lo + " <= " + hi + " ? " + add + "(" + helper("sub", int_type()) + "(" + hi + ", " + lo + "), 1L) : 0L";
          });
          r.at = [add, lo](const std::string& i) -> Val { return {add + "(" + lo + ", " + i + ")", false}; };
          return r;
        }
        // Elixir: a..b counts down when a > b (1..0 is [1, 0]).
        std::string mul = helper("mul", int_type());
        stmt("const long " + s + "_step = " + lo + " <= " + hi + " ? 1L : -1L;");
        r.count = lazy(s + "_count", [this, add, lo, hi] {
          std::string sub = helper("sub", int_type());
          return add + "(" + lo + " <= " + hi + " ? " + sub + "(" + hi + ", " + lo + ") : " + sub + "(" + lo + ", " +
                 hi + "), 1L)";
        });
        r.at = [add, mul, lo, s](const std::string& i) -> Val {
          return {add + "(" + lo + ", " + mul + "(" + i + ", " + s + "_step))", false};
        };
        return r;
      }
      case SrcKind::Map: {
        Source inner = open(e->args[0]);
        LambdaRef f = e->lambdas[0];
        Loc loc = e->loc;
        Source r;
        r.count = inner.count;
        r.elem = f->body->type;
        r.at = [this, inner, f, loc](const std::string& i) -> Val {
          Val x = inner.at(i);
          LineScope ls(*this, loc);
          return apply(f, x);
        };
        return r;
      }
      case SrcKind::Zip: {
        Source a = open(e->args[0], ea);
        Source b = open(e->args[1], ea);
        Type tt = e->type->elem;
        std::string make = "hx_make_" + tuple_name(tt).substr(3);
        Source r;
        r.count = lazy(s + "_count", [a, b] { return "min(" + a.count() + ", " + b.count() + ")"; });
        r.elem = tt;
        r.at = [a, b, make](const std::string& i) -> Val {
          Val x = a.at(i);  // a's statements (and raises) come first
          Val y = b.at(i);
          return {make + "(" + x.text + ", " + y.text + ")", false};
        };
        return r;
      }
      case SrcKind::WithIndex: {
        Source a = open(e->args[0], ea);
        std::string off = scalar_leaf("offset");
        Type tt = e->type->elem;
        std::string make = "hx_make_" + tuple_name(tt).substr(3);
        std::string add = helper("add", int_type());
        Source r = a;
        r.elem = tt;
        r.at = [a, make, add, off](const std::string& i) -> Val {
          Val x = a.at(i);
          return {make + "(" + x.text + ", " + add + "(" + i + ", " + off + "))", false};
        };
        return r;
      }
      case SrcKind::Reverse: {
        Source a = open(e->args[0], ea);
        std::string sub = helper("sub", int_type());
        stmt("const long " + s + "_last = " + sub + "(" + a.count() + ", 1L);");
        Source r = a;
        r.at = [a, sub, s](const std::string& i) { return a.at(sub + "(" + s + "_last, " + i + ")"); };
        return r;
      }
      case SrcKind::Take:
      case SrcKind::Drop: {
        Source a = open(e->args[0], ea);
        std::string k = scalar_leaf("count");
        std::string neg = helper("neg", int_type()), sub = helper("sub", int_type()), add = helper("add", int_type());
        std::string mag = "(" + k + " < 0 ? " + neg + "(" + k + ") : " + k + ")";
        if (e->kind == ExprKind::Take) {
          // take(k >= 0): the first k; take(-k): the last k.
          stmt("const long " + s + "_count = min(" + a.count() + ", " + mag + ");");
          stmt("const long " + s + "_start = " + k + " < 0 ? " + sub + "(" + a.count() + ", " + s + "_count) : 0L;");
        } else {
          // drop(k >= 0): all but the first k; drop(-k): all but the last k.
          stmt("const long " + s + "_skip = min(" + mag + ", " + a.count() + ");");
          stmt("const long " + s + "_count = " + sub + "(" + a.count() + ", " + s + "_skip);");
          stmt("const long " + s + "_start = " + k + " < 0 ? 0L : " + s + "_skip;");
        }
        Source r = a;
        std::string count = s + "_count";
        r.count = [count] { return count; };
        r.at = [a, add, s](const std::string& i) { return a.at(add + "(" + s + "_start, " + i + ")"); };
        return r;
      }
      case SrcKind::Leaf: {
        size_t k = next_leaf_++;
        std::string what = e->kind == ExprKind::VarUse ? sanitize(e->var->name) : "list";
        std::string n = "l" + std::to_string(k) + "_" + what;
        Type elem = e->type->elem;
        params_.push_back("__global const " + mtype(elem) + "* " + n);
        params_.push_back("long " + n + "_len");
        host_params_.push_back({n, e->type});
        Source r;
        r.count = [n] { return n + "_len"; };
        r.elem = elem;
        bool is_bool = elem == bool_type();
        r.at = [n, is_bool](const std::string& i) -> Val {
          return {is_bool ? "(" + n + "[" + i + "] != 0)" : n + "[" + i + "]", false};
        };
        return r;
      }
    }
    return {};
  }

  // ---- lambdas and expressions ------------------------------------------------------

  /// The C name of a list the kernel was passed (is_list_ref): a list
  /// variable, or a tensor variable's data.
  std::string list_name(const ExprRef& e) {
    return names_.at(e->kind == ExprKind::TupleGet ? e->args[0]->var->id : e->var->id);
  }

  Val apply(const LambdaRef& f, const Val& x) {
    const VarRef& p = f->params[0];
    std::string n = declare(p);
    stmt(ctype(p->type) + " " + n + " = " + unparen(x.text) + ";");
    return expr(f->body);
  }

  /// A float result: named, and checked unless unchecked (or IEEE).
  Val checked(Type t, const std::string& text) {
    if (spec_.unchecked || ieee_) return {text, false};
    std::string n = temp();
    stmt(ctype(t) + " " + n + " = " + unparen(text) + ";");
    goto_raised("!isfinite(" + n + ")");
    return {n, true, true};
  }

  Val expr(const ExprRef& e) {
    if (e->kind == ExprKind::Binary || e->kind == ExprKind::Math) {
      bool saved = ieee_;
      ieee_ = e->int_value == 1;
      Val v = expr_node(e);
      ieee_ = saved;
      return v;
    }
    return expr_node(e);
  }

  Val expr_node(const ExprRef& e) {
    LineScope ls(*this, e->loc);
    switch (e->kind) {
      case ExprKind::IntConst: return {int_literal(e->int_value, e->type), true};
      case ExprKind::FloatConst: ctype(e->type); return {float_literal(e->float_value, e->type), true};
      case ExprKind::BoolConst: return {e->int_value ? "true" : "false", true};
      case ExprKind::VarUse: return {names_.at(e->var->id), true};
      case ExprKind::Let: {
        Val v = expr(e->args[0]);
        std::string n = declare(e->var);
        stmt(ctype(e->var->type) + " " + n + " = " + unparen(v.text) + ";");
        return expr(e->args[1]);
      }
      case ExprKind::If: {
        Val c = expr(e->args[0]);
        std::string r = temp();
        stmt(ctype(e->type) + " " + r + ";");
        stmt("if (" + unparen(c.text) + ") {");
        indent_++;
        branch(e->args[1], r);
        indent_--;
        raw("} else {");
        indent_++;
        branch(e->args[2], r);
        indent_--;
        raw("}");
        return {r, true};
      }
      case ExprKind::Raise:
        goto_raised("");
        return {dead_value(e->type), true};
      case ExprKind::RaiseValue:
        expr(e->args[0]);  // its own raises come first
        goto_raised("");
        return {dead_value(e->type), true};
      case ExprKind::Tuple: {
        std::vector<Val> ms;
        for (auto& a : e->args) ms.push_back(expr(a));  // statements (raises) in order; the texts are pure
        std::string s = "hx_make_" + tuple_name(e->type).substr(3) + "(";
        for (size_t i = 0; i < ms.size(); i++) s += (i ? ", " : "") + ms[i].text;
        return {s + ")", false};
      }
      case ExprKind::TupleGet: {
        if (e->args[0]->kind == ExprKind::VarUse && is_passable_tensor(e->args[0]->type))  // a dimension
          return {names_.at(e->args[0]->var->id) + "_d" + std::to_string(e->int_value - 1), true};
        // A member of a named tuple is as cheap to repeat as the name.
        Val t = bind(e->args[0]->type, expr(e->args[0]));
        return {t.text + ".m" + std::to_string(e->int_value), true};
      }
      case ExprKind::Length: return {list_name(e->args[0]) + "_len", true};
      case ExprKind::Index: {
        // The frontend proves 0 <= i < length; a kernel checks anyway (an
        // out-of-bounds read on a device is silent), as it checks divisors.
        Val i = bind(int_type(), expr(e->args[1]));
        std::string xs = list_name(e->args[0]);
        goto_raised("(ulong)" + i.text + " >= (ulong)" + xs + "_len", true);
        std::string at = xs + "[" + i.text + "]";
        return {e->type == bool_type() ? "(" + at + " != 0)" : at, false};
      }
      case ExprKind::Fold: return nested_fold(e);
      case ExprKind::Unary: return unary(e);
      case ExprKind::Binary: return binary(e);
      case ExprKind::Math: {
        // tanh saturates through a helper: some drivers' tanh (PoCL's f32)
        // gives 0.99999994 at +-Inf and for large arguments, where the
        // correctly rounded answer (the CPU's) is +-1.0.
        std::string s = (e->text == "tanh" ? helper("tanh", e->type) : e->text) + "(";
        for (size_t i = 0; i < e->args.size(); i++) s += (i ? ", " : "") + expr(e->args[i]).text;
        s += ")";
        ctype(e->type);
        return checked(e->type, s);
      }
      default:
        break;
    }
    return {"/* unsupported */", true};
  }

  /// A fold inside a lambda (an Nx axis reduction, the inner sum of a
  /// dot): a sequential loop in the work-item with the CPU's fold_step --
  /// the same finiteness and overflow checks, the same IEEE rules for
  /// tensor folds (int_value 1: nothing raises, a NaN sticks in min/max),
  /// and Enum.EmptyError (here: the error flag) for an empty min/max.
  Val nested_fold(const ExprRef& e) {
    FoldKind k = e->fold;
    Type t = e->type;
    std::string T = ctype(t);
    bool fl = is_floating(t);
    bool ieee = e->int_value == 1;
    std::string id = std::to_string(++next_loop_);
    std::string acc = "acc" + id, seen = "seen" + id;
    std::string init = k == FoldKind::Product ? (fl ? (t == f32_type() ? "1.0f" : "1.0") : (t == i32_type() ? "1" : "1L"))
                                              : zero_of(t);
    stmt(T + " " + acc + " = " + init + ";");
    stmt("bool " + seen + " = false;");
    inner_loop(e->args[0], id, [&](Val x) {
      LineScope ls(*this, e->loc);
      switch (k) {
        case FoldKind::Sum: case FoldKind::Product:
          if (fl) {
            stmt(acc + " = " + acc + (k == FoldKind::Sum ? " + " : " * ") + x.text + ";");
            if (!spec_.unchecked && !ieee) goto_raised("!isfinite(" + acc + ")");
          } else {
            std::string op = k == FoldKind::Sum ? "add" : "mul";
            if (spec_.check_overflow) {
              x = bind(t, x);
              goto_raised(helper(op + "_overflows", t) + "(" + acc + ", " + x.text + ")");
            }
            stmt(acc + " = " + helper(op, t) + "(" + acc + ", " + x.text + ");");
          }
          break;
        case FoldKind::Count:
          stmt(acc + " = " + acc + " + 1;");
          break;
        case FoldKind::Min: case FoldKind::Max: {
          // The first of equal elements wins; in a tensor fold a NaN sticks (Nx).
          x = bind(t, x);
          std::string cond = "!" + seen + " || " + x.text + (k == FoldKind::Min ? " < " : " > ") + acc;
          if (fl && ieee) cond += " || isnan(" + x.text + ")";
          stmt("if (" + cond + ") " + acc + " = " + x.text + ";");
          break;
        }
      }
      stmt(seen + " = true;");
    });
    if (k == FoldKind::Min || k == FoldKind::Max) goto_raised("!" + seen);  // Enum.EmptyError on the CPU
    return {acc, true};
  }

  /// One loop over the chain under a nested fold, calling sink with each
  /// element that passes the filters (LLVMCodegen's open_src and stages).
  void inner_loop(const ExprRef& src, const std::string& id, const std::function<void(Val)>& sink) {
    LineScope ls(*this, src->loc);
    std::string j = "j" + id;
    switch (src->kind) {
      case ExprKind::Range: {
        Val lo = bind(int_type(), expr(src->args[0]));
        Val hi = bind(int_type(), expr(src->args[1]));
        std::string add = helper("add", int_type()), sub = helper("sub", int_type());
        std::string cnt = "count" + id;
        if (src->int_value == 1) {  // lo..hi//1: empty when hi < lo
          stmt("const long " + cnt + " = " + lo.text + " <= " + hi.text + " ? " + add + "(" + sub + "(" + hi.text +
               ", " + lo.text + "), 1L) : 0L;");
          raw("for (long " + j + " = 0; " + j + " < " + cnt + "; " + j + "++) {");
          indent_++;
          sink({add + "(" + lo.text + ", " + j + ")", false});
        } else {  // Elixir: a..b counts down when a > b
          std::string mul = helper("mul", int_type());
          stmt("const long step" + id + " = " + lo.text + " <= " + hi.text + " ? 1L : -1L;");
          stmt("const long " + cnt + " = " + add + "(" + lo.text + " <= " + hi.text + " ? " + sub + "(" + hi.text +
               ", " + lo.text + ") : " + sub + "(" + lo.text + ", " + hi.text + "), 1L);");
          raw("for (long " + j + " = 0; " + j + " < " + cnt + "; " + j + "++) {");
          indent_++;
          sink({add + "(" + lo.text + ", " + mul + "(" + j + ", step" + id + "))", false});
        }
        indent_--;
        raw("}");
        return;
      }
      case ExprKind::VarUse: case ExprKind::TupleGet: {
        std::string xs = list_name(src);
        raw("for (long " + j + " = 0; " + j + " < " + xs + "_len; " + j + "++) {");
        indent_++;
        std::string at = xs + "[" + j + "]";
        sink({src->type->elem == bool_type() ? "(" + at + " != 0)" : at, false});
        indent_--;
        raw("}");
        return;
      }
      case ExprKind::Map: {
        LambdaRef f = src->lambdas[0];
        inner_loop(src->args[0], id, [&](Val x) {
          LineScope ls(*this, src->loc);
          sink(apply(f, x));
        });
        return;
      }
      case ExprKind::Filter: {
        LambdaRef f = src->lambdas[0];
        inner_loop(src->args[0], id, [&](Val x) {
          LineScope ls(*this, src->loc);
          Val keep = apply(f, x);
          stmt("if (!" + keep.text + ") continue;");
          sink({names_.at(f->params[0]->id), true});
        });
        return;
      }
      default:
        stmt("/* unsupported source */");
    }
  }

  void branch(const ExprRef& e, const std::string& result) {
    if (e->kind == ExprKind::Raise || e->kind == ExprKind::RaiseValue) {
      expr(e);
      return;
    }
    Val v = expr(e);
    LineScope ls(*this, e->loc);
    stmt(result + " = " + unparen(v.text) + ";");
  }

  Val unary(const ExprRef& e) {
    Val a = expr(e->args[0]);
    Type from = e->args[0]->type;
    Type to = e->type;
    bool fl = is_floating(from);
    switch (e->unop) {
      case UnOp::Neg:
        if (fl) return {"(-" + a.text + ")", false};
        if (spec_.check_overflow) {  // -MIN is the one negation that overflows
          a = bind(from, a);
          goto_raised(a.text + " == " + int_literal(from == i32_type() ? INT32_MIN : INT64_MIN, from));
        }
        return {helper("neg", from) + "(" + a.text + ")", false};
      case UnOp::Not: return {"(!" + a.text + ")", false};
      case UnOp::BNot: return {"(~" + a.text + ")", false};
      case UnOp::Abs:
        if (!fl && spec_.check_overflow) {  // as is abs(MIN)
          a = bind(from, a);
          goto_raised(a.text + " == " + int_literal(from == i32_type() ? INT32_MIN : INT64_MIN, from));
        }
        return {helper("abs", from) + "(" + a.text + ")", false};
      case UnOp::ToFloat: return {"((" + ctype(to) + ")" + a.text + ")", false};
      // Saturating, NaN -> 0: fptosi.sat on the CPU, convert_<T>_sat here.
      case UnOp::Trunc: return {"convert_" + ctype(to) + "_sat(" + a.text + ")", false};
      case UnOp::Round: return {"convert_" + ctype(to) + "_sat(round(" + a.text + "))", false};
      case UnOp::Cast:
        if (is_floating(from) && is_integer(to)) return {"convert_" + ctype(to) + "_sat(" + a.text + ")", false};
        return {"((" + ctype(to) + ")" + a.text + ")", false};
    }
    return a;
  }

  Val binary(const ExprRef& e) {
    Val a = expr(e->args[0]);
    Val b = expr(e->args[1]);
    Type t = e->args[0]->type;
    bool fl = is_floating(t);
    auto infix = [&](const char* op) { return Val{"(" + a.text + " " + op + " " + b.text + ")", false}; };
    auto call2 = [&](const std::string& f) { return Val{f + "(" + a.text + ", " + b.text + ")", false}; };
    switch (e->binop) {
      case BinOp::Add: case BinOp::Sub: case BinOp::Mul: {
        const char* op = e->binop == BinOp::Add ? "+" : e->binop == BinOp::Sub ? "-" : "*";
        if (fl) return checked(e->type, infix(op).text);
        std::string name = e->binop == BinOp::Add ? "add" : e->binop == BinOp::Sub ? "sub" : "mul";
        if (!spec_.check_overflow) return call2(helper(name, t));
        a = bind(t, a);
        b = bind(t, b);
        goto_raised(helper(name + "_overflows", t) + "(" + a.text + ", " + b.text + ")");
        return bind(t, call2(helper(name, t)));
      }
      case BinOp::FDiv: {
        // Elixir raises on a zero divisor instead of giving inf or NaN.
        const ExprRef& d = e->args[1];
        bool nonzero = d->kind == ExprKind::FloatConst && d->float_value != 0;
        if (!spec_.unchecked && !ieee_ && !nonzero) {
          b = bind(t, b);
          goto_raised(b.text + " == " + zero_of(t));
        }
        return checked(e->type, infix("/").text);
      }
      case BinOp::IDiv: case BinOp::Rem: {
        const ExprRef& d = e->args[1];
        bool may_be_m1 = d->kind != ExprKind::IntConst || d->int_value == -1;
        if (spec_.check_overflow && e->binop == BinOp::IDiv && may_be_m1) {
          // MIN div -1 is the one integer division that overflows.
          a = bind(t, a);
          b = bind(t, b);
          std::string mn = int_literal(t == i32_type() ? INT32_MIN : INT64_MIN, t);
          goto_raised(d->kind == ExprKind::IntConst ? a.text + " == " + mn
                                                    : a.text + " == " + mn + " && " + b.text + " == -1");
        }
        if (d->kind == ExprKind::IntConst && d->int_value != 0 && d->int_value != -1)
          return infix(e->binop == BinOp::IDiv ? "/" : "%");  // C's / and % truncate too
        b = bind(t, b);
        if (d->kind == ExprKind::IntConst && d->int_value == 0)
          goto_raised("");
        else if (d->kind != ExprKind::IntConst)
          goto_raised(b.text + " == 0");
        return call2(helper(e->binop == BinOp::IDiv ? "div" : "rem", t));
      }
      case BinOp::Min: return call2(helper(fl && ieee_ ? "nanmin" : "min", t));
      case BinOp::Max: return call2(helper(fl && ieee_ ? "nanmax" : "max", t));
      case BinOp::Eq: return infix("==");
      case BinOp::Ne: return infix("!=");
      case BinOp::Lt: return infix("<");
      case BinOp::Le: return infix("<=");
      case BinOp::Gt: return infix(">");
      case BinOp::Ge: return infix(">=");
      case BinOp::And: return infix("&&");
      case BinOp::Or: return infix("||");
      case BinOp::BAnd: return infix("&");
      case BinOp::BOr: return infix("|");
      case BinOp::BXor: return infix("^");
      case BinOp::Shl: return call2(helper("bsl", t));
      case BinOp::Shr: return call2(helper("bsr", t));
    }
    return a;
  }

  // ---- kernel bodies ------------------------------------------------------------------

  /// The element stream: source element i through the stages. Calls sink
  /// with the element that survives every filter.
  Val element(const Source& src, const std::string& i) {
    Val x = src.at(i);
    for (const Expr* st : spec_.stages) {
      LineScope ls(*this, st->loc);
      const LambdaRef& f = st->lambdas[0];
      if (st->kind == ExprKind::Map) {
        x = apply(f, x);
      } else {
        Val keep = apply(f, x);
        stmt("if (!" + keep.text + ") continue;");
        x = {names_.at(f->params[0]->id), true};  // the element, already named
      }
    }
    return x;
  }

  void write_store(const Source& src) {
    Type elem = spec_.acc_type ? spec_.acc_type : spec_.base->type->elem;
    params_.push_back("__global " + mtype(elem) + "* out");
    {
      LineScope ls(*this, spec_.loc);
      raw("// GPUs: a grid-stride loop (coalesced); CPUs: one contiguous run per work-item.");
      stmt("const long items = (long)get_global_size(0);");
      stmt("const long run = HX_CONTIGUOUS ? (n + items - 1) / items : 1;");
      stmt("const long first = (long)get_global_id(0) * run;");
      stmt("const long last = HX_CONTIGUOUS ? min(n, first + run) : n;");
    }
    raw("for (long i = first; i < last; i += HX_CONTIGUOUS ? 1 : items) {");
    indent_++;
    Val x = element(src, "i");
    LineScope ls(*this, spec_.loc);
    stmt(elem == bool_type() ? "out[i] = (uchar)" + x.text + ";" : "out[i] = " + unparen(x.text) + ";");
    indent_--;
    raw("}");
    if (raises_) {
      raw("return;");
      *out_ << "raised:\n";
      raw("atomic_or(err, 1);");
    }
  }

  /// A filter chain materialised: work-group g owns the fold kernels' block
  /// of the source and walks it in tiles of HX_WG elements, one element per
  /// work-item. An exclusive prefix sum of the keep flags in __local memory
  /// (Blelloch: an up-sweep and a down-sweep, 2 log2(HX_WG) steps) gives
  /// each survivor its slot; survivors go to out[begin + kept + slot], so
  /// the block's survivors end up compacted, in order, at the start of its
  /// block, and the group's count goes to partials[g]. The host moves the
  /// blocks' runs together (LLVMCodegen's compact_runs). Barriers are
  /// uniform: every work-item runs every tile, and one that raises sets
  /// the error flag and keeps nothing.
  void write_compact(const Source& src) {
    Type elem = spec_.acc_type ? spec_.acc_type : spec_.base->type->elem;
    params_.push_back("__global " + mtype(elem) + "* out");
    {
      LineScope ls(*this, spec_.loc);
      raw("// This work-group compacts one contiguous block of the source, a tile of");
      raw("// HX_WG elements at a time (work-item lid takes element tile + lid).");
      stmt("const long groups = (long)get_num_groups(0);");
      stmt("const long per = (n + groups - 1) / groups;");
      stmt("const long begin = (long)get_group_id(0) * per;");
      stmt("const long end = min(n, begin + per);");
      raw("// kept: the survivors of the tiles before this one.");
      stmt("long kept = 0;");
    }
    raw("for (long tile = begin; tile < end; tile += HX_WG) {");
    indent_++;
    {
      LineScope ls(*this, spec_.loc);
      stmt("const long i = tile + lid;");
      stmt("uchar keep = 0;");
      stmt(mtype(elem) + " x = " + zero_of(elem) + ";");
    }
    raw("// `continue` (a filter's no) leaves the do-while with keep = 0.");
    raw("if (i < end) do {");
    indent_++;
    Val x = element(src, "i");
    {
      LineScope ls(*this, spec_.loc);
      stmt(elem == bool_type() ? "x = (uchar)" + x.text + ";" : "x = " + unparen(x.text) + ";");
      stmt("keep = 1;");
    }
    indent_--;
    raw("} while (0);");
    LineScope ls(*this, spec_.loc);
    if (raises_) {
      raw("goto scan;");
      *out_ << "raised:\n";
      raw("atomic_or(err, 1);  // the host reruns this loop on the CPU, which raises");
      stmt("keep = 0;");
      *out_ << "scan:\n";
    }
    raw("// Exclusive prefix sum of keep over the tile (Blelloch): up-sweep...");
    stmt("slot[lid] = keep;");
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    raw("for (int d = 1; d < HX_WG; d <<= 1) {");
    indent_++;
    stmt("const int k = (lid + 1) * 2 * d - 1;");
    stmt("if (k < HX_WG) slot[k] += slot[k - d];");
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    indent_--;
    raw("}");
    raw("// The root holds the tile's survivors.");
    stmt("const int total = slot[HX_WG - 1];");
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    raw("// ...then the down-sweep from a cleared root.");
    stmt("if (lid == 0) slot[HX_WG - 1] = 0;");
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    raw("for (int d = HX_WG / 2; d > 0; d >>= 1) {");
    indent_++;
    stmt("const int k = (lid + 1) * 2 * d - 1;");
    raw("if (k < HX_WG) {");
    indent_++;
    stmt("const int left = slot[k - d];");
    stmt("slot[k - d] = slot[k];");
    stmt("slot[k] += left;");
    indent_--;
    raw("}");
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    indent_--;
    raw("}");
    raw("// Scatter: survivors in element order from the start of the block.");
    stmt("if (keep) out[begin + kept + slot[lid]] = x;");
    stmt("kept += total;");
    raw("// slot is rewritten by the next tile.");
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    indent_--;
    raw("}");
    stmt("if (lid == 0) partials[get_group_id(0)] = kept;");
  }

  /// The scan's operator as a C function of the accumulator before (a) and
  /// the value after (b): the lambda's Binary node with acc = a and x = b,
  /// in the lambda's operand order (min/max keep their first operand on
  /// ties). Errors it meets (float overflow, --check-overflow) set *bad:
  /// the work-group cannot leave its tile loop (barriers), so nothing jumps.
  /// hx_scan_join combines two partial scans, either of which may be empty.
  std::string scan_helpers() {
    const Lambda& f = *spec_.scan_fn;
    const Expr& op = *f.body;
    Type t = spec_.acc_type;
    std::string T = ctype(t);
    LineScope ls(*this, op.loc);
    auto side = [&](const ExprRef& e) { return e->var->id == f.params[1]->id ? std::string("a") : std::string("b"); };
    std::string l = side(op.args[0]), r = side(op.args[1]);
    std::string body;
    bool fl = is_floating(t);
    switch (op.binop) {
      case BinOp::Add: case BinOp::Mul: {
        std::string name = op.binop == BinOp::Add ? "add" : "mul";
        if (fl) {
          body = "  " + T + " r = " + l + (op.binop == BinOp::Add ? " + " : " * ") + r + ";\n";
          if (!spec_.unchecked) body += "  if (!isfinite(r)) *bad = 1;\n";
        } else {
          if (spec_.check_overflow) body = "  if (" + helper(name + "_overflows", t) + "(" + l + ", " + r + ")) *bad = 1;\n";
          body += "  " + T + " r = " + helper(name, t) + "(" + l + ", " + r + ");\n";
        }
        body += "  return r;\n";
        break;
      }
      case BinOp::Min: case BinOp::Max:
        body = "  return " + helper(op.binop == BinOp::Min ? "min" : "max", t) + "(" + l + ", " + r + ");\n";
        break;
      default: {
        const char* c = op.binop == BinOp::BAnd ? " & " : op.binop == BinOp::BOr ? " | " : " ^ ";
        body = "  return " + l + c + r + ";\n";
        break;
      }
    }
    add_helper("hx_scan_op", "// The scan's lambda (line " + std::to_string(op.loc.line) + "): acc = a, x = b.\n" +
                                 "static inline " + T + " hx_scan_op(" + T + " a, " + T + " b, uchar* bad) {\n" + body + "}\n");
    add_helper("hx_scan_join",
               "// a, then b, as partial scans: seen 0 is empty (no identity element needed).\n"
               "static inline " + T + " hx_scan_join(" + T + " a, uchar as, " + T + " b, uchar bs, uchar* bad) {\n"
               "  return !as ? b : !bs ? a : hx_scan_op(a, b, bad);\n}\n");
    return "hx_scan_join";
  }

  void write_scan(const Source& src) {
    Type t = spec_.acc_type;
    std::string T = ctype(t);
    bool store = spec_.scan == 2;
    std::string join = scan_helpers();
    if (store) {
      params_.push_back("__global const " + mtype(t) + "* carries");
      params_.push_back("long carries_len");
      params_.push_back("long first_carried");
      params_.push_back("__global " + mtype(t) + "* out");
    }
    {
      LineScope ls(*this, spec_.loc);
      raw("// This work-group scans one contiguous block of the source, HX_WG");
      raw("// elements (a tile) at a time, from the accumulator before the block.");
      stmt("const long groups = (long)get_num_groups(0);");
      stmt("const long group = (long)get_group_id(0);");
      stmt("const long per = (n + groups - 1) / groups;");
      stmt("const long begin = group * per;");
      stmt("const long end = min(n, begin + per);");
      stmt("uchar bad = 0;  // an error: set err once the work-group is done");
      stmt(T + " carry = " + zero_of(t) + ";");
      stmt("uchar carried = 0;");
      if (store) {
        raw("// The host scanned the totals kernel's partials into one carry per group.");
        stmt("if (carries_len != groups) bad = 1;  // launched with another shape");
        raw("else if (group >= first_carried) {");
        indent_++;
        stmt("carry = carries[group];");
        stmt("carried = 1;");
        indent_--;
        raw("}");
      }
    }
    raw("for (long tile = begin; tile < end; tile += HX_WG) {");
    indent_++;
    {
      LineScope ls(*this, spec_.loc);
      stmt("const long i = tile + lid;");
      stmt(T + " x = " + zero_of(t) + ";");
      stmt("uchar has = 0;");
    }
    raw("if (i < end) {");
    indent_++;
    bool raised_before = raises_;
    raises_ = false;
    Val x = element(src, "i");
    bool element_raises = raises_;
    raises_ = raised_before;
    {
      LineScope ls(*this, spec_.loc);
      stmt("x = " + unparen(x.text) + ";");
      stmt("has = 1;");
    }
    indent_--;
    raw("}");
    if (element_raises) {
      raw("goto loaded;");
      *out_ << "raised:  // the element raised: the host reruns the scan on the CPU\n";
      raw("bad = 1;");
      *out_ << "loaded:\n";
    }
    LineScope ls(*this, spec_.loc);
    stmt("sv[lid] = x;");
    stmt("ss[lid] = has;");
    raw("// Up-sweep: sv[k] becomes the scan of the 2d elements ending at k.");
    raw("for (int d = 1; d < HX_WG; d <<= 1) {");
    indent_++;
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    stmt("const int k = (lid + 1) * 2 * d - 1;");
    raw("if (k < HX_WG) {");
    indent_++;
    stmt("sv[k] = " + join + "(sv[k - d], ss[k - d], sv[k], ss[k], &bad);");
    stmt("ss[k] = ss[k - d] | ss[k];");
    indent_--;
    raw("}");
    indent_--;
    raw("}");
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    stmt("const " + T + " total = sv[HX_WG - 1];  // the whole tile");
    stmt("const uchar total_seen = ss[HX_WG - 1];");
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    stmt("if (lid == 0) ss[HX_WG - 1] = 0;  // empty: the tile's first element has nothing before it");
    raw("// Down-sweep: sv[k] becomes the scan of the elements before k.");
    raw("for (int d = HX_WG / 2; d >= 1; d >>= 1) {");
    indent_++;
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    stmt("const int k = (lid + 1) * 2 * d - 1;");
    raw("if (k < HX_WG) {");
    indent_++;
    stmt("const " + T + " left = sv[k - d];");
    stmt("const uchar left_seen = ss[k - d];");
    stmt("sv[k - d] = sv[k];");
    stmt("ss[k - d] = ss[k];");
    stmt("sv[k] = " + join + "(sv[k], ss[k], left, left_seen, &bad);");
    stmt("ss[k] = ss[k] | left_seen;");
    indent_--;
    raw("}");
    indent_--;
    raw("}");
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    if (store) {
      raw("if (has) {");
      indent_++;
      stmt("const " + T + " before = " + join + "(carry, carried, sv[lid], ss[lid], &bad);");
      stmt("out[i] = " + join + "(before, carried | ss[lid], x, 1, &bad);");
      indent_--;
      raw("}");
    }
    stmt("carry = " + join + "(carry, carried, total, total_seen, &bad);");
    stmt("carried |= total_seen;");
    stmt("barrier(CLK_LOCAL_MEM_FENCE);  // sv is read before the next tile writes it");
    indent_--;
    raw("}");
    if (!store) {
      raw("if (lid == 0) {");
      indent_++;
      stmt("partials[group].acc = carry;");
      stmt("partials[group].seen = carried;");
      indent_--;
      raw("}");
    }
    stmt("if (bad) atomic_or(err, 1);  // the host reruns the scan on the CPU, which raises");
  }

  void write_fold(const Source& src) {
    FoldKind k = spec_.fold;
    Type t = spec_.acc_type;
    std::string T = ctype(t);
    bool fl = is_floating(t);
    bool minmax = k == FoldKind::Min || k == FoldKind::Max;
    bool by_pos = minmax && fl;  // ties are distinguishable (0.0 and -0.0)
    std::string init = k == FoldKind::Product ? (fl ? (t == f32_type() ? "1.0f" : "1.0") : (t == i32_type() ? "1" : "1L"))
                                              : zero_of(t);
    std::string better = k == FoldKind::Min ? "<" : ">";
    {
      LineScope ls(*this, spec_.loc);
      raw("// This work-group folds one contiguous block of the source. GPUs: its");
      raw("// work-items stride through the block HX_WG apart (coalesced reads);");
      raw("// CPUs (HX_CONTIGUOUS): each takes one contiguous run of it.");
      stmt("const long groups = (long)get_num_groups(0);");
      stmt("const long per = (n + groups - 1) / groups;");
      stmt("const long begin = (long)get_group_id(0) * per;");
      stmt("const long end = min(n, begin + per);");
      stmt("const long run = HX_CONTIGUOUS ? (end - begin + HX_WG - 1) / HX_WG : 1;");
      stmt("const long first = begin + lid * run;");
      stmt("const long last = HX_CONTIGUOUS ? min(end, first + run) : end;");
      stmt(T + " acc = " + init + ";");
      stmt("bool seen = false;");
      if (by_pos) stmt("long pos = 0;");
    }
    raw("for (long i = first; i < last; i += HX_CONTIGUOUS ? 1 : HX_WG) {");
    indent_++;
    Val x = element(src, "i");
    {
      LineScope ls(*this, spec_.loc.valid() ? spec_.loc : spec_.stages.empty() ? spec_.base->loc : spec_.stages.back()->loc);
      switch (k) {
        case FoldKind::Sum: case FoldKind::Product:
          if (fl) {
            stmt(std::string("acc = acc ") + (k == FoldKind::Sum ? "+" : "*") + " " + x.text + ";");
            if (!spec_.unchecked) goto_raised("!isfinite(acc)");
          } else {
            std::string op = k == FoldKind::Sum ? "add" : "mul";
            if (spec_.check_overflow) {  // --check-overflow covers the running sum too
              x = bind(t, x);
              goto_raised(helper(op + "_overflows", t) + "(acc, " + x.text + ")");
            }
            stmt("acc = " + helper(op, t) + "(acc, " + x.text + ");");
          }
          break;
        case FoldKind::Count:
          stmt("acc = acc + 1;");
          break;
        case FoldKind::Min: case FoldKind::Max:
          // Replace only when strictly better: the first of equal elements wins.
          x = bind(t, x);
          // A NaN: Enum.max skips it, Nx's reduce_max keeps it (the fold's
          // IEEE flag, which the kernel does not know): the CPU decides.
          if (fl && !x.finite) goto_raised("isnan(" + x.text + ")");
          stmt("if (!seen || " + x.text + " " + better + " acc) {");
          indent_++;
          stmt("acc = " + x.text + ";");
          if (by_pos) stmt("pos = i;");
          indent_--;
          raw("}");
          break;
      }
      stmt("seen = true;");
    }
    indent_--;
    raw("}");
    if (raises_) {
      raw("goto reduce;");
      *out_ << "raised:\n";
      raw("atomic_or(err, 1);  // the host reruns this loop on the CPU, which raises");
      *out_ << "reduce:\n";
    }
    LineScope ls(*this, spec_.loc);
    raw("// Tree reduction in local memory; lower work-items keep their place.");
    stmt("red_acc[lid] = acc;");
    stmt("red_seen[lid] = seen;");
    if (by_pos) stmt("red_pos[lid] = pos;");
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    raw("for (int s = HX_WG / 2; s > 0; s >>= 1) {");
    indent_++;
    raw("if (lid < s && red_seen[lid + s]) {");
    indent_++;
    stmt(T + " mine = red_acc[lid], other = red_acc[lid + s];");
    switch (k) {
      case FoldKind::Sum: case FoldKind::Product: case FoldKind::Count: {
        std::string comb;
        if (fl)
          comb = std::string("mine ") + (k == FoldKind::Product ? "*" : "+") + " other";
        else
          comb = helper(k == FoldKind::Product ? "mul" : "add", t) + "(mine, other)";
        if (!fl && k != FoldKind::Count && spec_.check_overflow)
          stmt("if (red_seen[lid] && " + helper(k == FoldKind::Product ? "mul_overflows" : "add_overflows", t) +
               "(mine, other)) atomic_or(err, 1);");
        stmt("red_acc[lid] = red_seen[lid] ? " + comb + " : other;");
        if (fl && !spec_.unchecked) stmt("if (!isfinite(red_acc[lid])) atomic_or(err, 1);");
        break;
      }
      case FoldKind::Min: case FoldKind::Max: {
        std::string cond = "!red_seen[lid] || other " + better + " mine";
        if (by_pos) cond += " || (other == mine && red_pos[lid + s] < red_pos[lid])";
        stmt("if (" + cond + ") {");
        indent_++;
        stmt("red_acc[lid] = other;");
        if (by_pos) stmt("red_pos[lid] = red_pos[lid + s];");
        indent_--;
        raw("}");
        break;
      }
    }
    stmt("red_seen[lid] = 1;");
    indent_--;
    raw("}");
    stmt("barrier(CLK_LOCAL_MEM_FENCE);");
    indent_--;
    raw("}");
    raw("if (lid == 0) {");
    indent_++;
    stmt("partials[get_group_id(0)].acc = red_acc[0];");
    stmt("partials[get_group_id(0)].seen = red_seen[0];");
    indent_--;
    raw("}");
  }

  std::string assemble() {
    std::ostringstream os;
    std::string where = spec_.source_path.empty() ? "" : spec_.source_path;
    uint32_t line = spec_.base->loc.line;
    os << "// hastec OpenCL kernel " << spec_.name;
    if (!spec_.function_display.empty()) os << " for " << spec_.function_display;
    if (!where.empty() || line) {
      os << " (" << where << (where.empty() ? "line " : ":") << line << ")";
    }
    os << "\n";
    std::string what = describe(spec_.base);
    for (const Expr* st : spec_.stages) what = (st->kind == ExprKind::Map ? "map(" : "filter(") + what + ")";
    if (spec_.scan == 1)
      os << "// scan(" << what << ") : " << type_name(spec_.acc_type) << ", each work-group's total (scan phase 1 of 2)\n";
    else if (spec_.scan == 2)
      os << "// out[i] = scan(" << what << ")[i] : " << type_name(spec_.acc_type)
         << ", from each work-group's carry (scan phase 2 of 2)\n";
    else if (spec_.compact)
      os << "// out = " << what << ", compacted per work-group; partials[g] = the group's count\n";
    else if (spec_.store)
      os << "// out[i] = " << what << "[i]\n";
    else
      os << "// " << fold_word(spec_.fold) << "(" << what << ") : " << type_name(spec_.acc_type)
         << ", one partial per work-group\n";
    // The runtime launches such a store without waiting for it (the flag is
    // read at the next wait: a failed bounds check there is a compiler bug).
    // Not a compaction (the host needs its counts) nor a scan (its operator
    // flags overflow without a raise site).
    if (spec_.store && !spec_.compact && !spec_.scan && !raises_checked_)
      os << "// hx-async: raises nothing but a failed bounds check\n";
    if (f64_) {
      // The runtime quotes this line when the device has no fp64.
      os << "// hx-fp64: uses float (64-bit) at line";
      if (f64_lines_.size() > 1) os << "s";
      bool first = true;
      for (uint32_t l : f64_lines_) {
        os << (first ? " " : ", ") << l;
        first = false;
      }
      if (!where.empty()) os << " of " << where;
      os << "\n";
      os << "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n";
    }
    // a * b + c must round twice, as on the CPU: no contraction into fma.
    os << "#pragma OPENCL FP_CONTRACT OFF\n";
    if (!spec_.store || spec_.compact || spec_.scan) os << "#ifndef HX_WG\n#define HX_WG 256  // work-group size: a power of two\n#endif\n";
    os << "#ifndef HX_CONTIGUOUS\n#define HX_CONTIGUOUS 0  // 1 on CPU devices: work-items walk contiguous runs\n#endif\n";
    os << "\n";
    for (auto& h : helper_order_) os << h;
    if (!helper_order_.empty()) os << "\n";
    std::string partial = spec_.compact ? "long" : "uchar";
    if (!spec_.store && !spec_.compact) {
      std::string T = ctype(spec_.acc_type);
      int pad = partial_size(spec_.acc_type) / 2 - 1;
      os << "// The host's {" << T << ", i1}: acc, then seen, padded to " << partial_size(spec_.acc_type)
         << " bytes.\n";
      os << "typedef struct { " << T << " acc; uchar seen; uchar pad[" << pad << "]; } hx_partial;\n\n";
      partial = "hx_partial";
    }
    os << "__kernel void " << spec_.name << "(__global " << partial << "* partials, __global int* err, long n";
    for (auto& p : params_) os << ",\n    " << p;
    os << ") {\n";
    if (spec_.scan) {
      std::string T = ctype(spec_.acc_type);
      os << "  __local " << T << " sv[HX_WG];   // a tile's partial scans\n";
      os << "  __local uchar ss[HX_WG];  // ... and whether each holds any element\n";
      os << "  const int lid = get_local_id(0);\n";
    } else if (spec_.compact) {
      os << "  __local int slot[HX_WG];  // the tile's keep flags, then their exclusive prefix sum\n";
      os << "  const int lid = get_local_id(0);\n";
    } else if (!spec_.store) {
      std::string T = ctype(spec_.acc_type);
      os << "  __local " << T << " red_acc[HX_WG];\n";
      os << "  __local uchar red_seen[HX_WG];\n";
      if ((spec_.fold == FoldKind::Min || spec_.fold == FoldKind::Max) && is_floating(spec_.acc_type))
        os << "  __local long red_pos[HX_WG];\n";
      os << "  const int lid = get_local_id(0);\n";
    }
    os << prologue_.str() << body_.str() << "}\n";
    return os.str();
  }
};

}  // namespace

// ---- public ---------------------------------------------------------------------

std::vector<ExprRef> leaf_exprs(const ExprRef& base) {
  std::vector<ExprRef> out;
  collect_leaves(base, out);
  return out;
}

std::vector<VarRef> kernel_free_vars(const ExprRef& base, const std::vector<const Expr*>& stages) {
  std::vector<LambdaRef> ls;
  kernel_lambdas(base, ls);
  for (auto* st : stages) ls.push_back(st->lambdas[0]);
  std::set<int> bound;
  std::map<int, VarRef> fv;
  for (auto& l : ls) {
    for (auto& p : l->params) bound.insert(p->id);
    free_vars_of(l->body, bound, fv);
  }
  std::vector<VarRef> out;
  for (auto& [id, v] : fv)
    if (!bound.count(id)) out.push_back(v);
  return out;
}

int runtime_arg_kind(Type t) {
  switch (t->kind) {
    case TypeKind::Int: return 1;
    case TypeKind::Float: return 2;
    case TypeKind::Bool: return 3;
    case TypeKind::I32: return 4;
    case TypeKind::F32: return 5;
    case TypeKind::List: return is_scalar(t->elem) ? 6 : 0;
    case TypeKind::Tuple: return is_passable_tensor(t) ? 7 | int(t->members.size() - 1) << 8 : 0;
  }
  return 0;
}

int64_t partial_size(Type t) { return (t->kind == TypeKind::I32 || t->kind == TypeKind::F32) ? 8 : 16; }

std::vector<KernelParam> kernel_params(const KernelSpec& spec) {
  Writer w(spec);
  w.run();
  return w.host_params();
}

namespace {
bool supported_impl(const KernelSpec& spec, std::string& why);
}

bool supported(const KernelSpec& spec, std::string& why) {
  bool ok = supported_impl(spec, why);
  // HX_CL_REMARKS=1 (at build time): say which loops stay on the CPU and why.
  static const bool remarks = [] {
    const char* v = std::getenv("HX_CL_REMARKS");
    return v && *v && std::string(v) != "0";
  }();
  if (!ok && remarks)
    std::fprintf(stderr, "%s:%u: remark: %s: this loop stays on the CPU (no OpenCL kernel): %s\n",
                 spec.source_path.empty() ? "<source>" : spec.source_path.c_str(),
                 spec.loc.valid() ? spec.loc.line : spec.base ? spec.base->loc.line : 0,
                 spec.function_display.empty() ? spec.name.c_str() : spec.function_display.c_str(), why.c_str());
  return ok;
}

namespace {
bool supported_impl(const KernelSpec& spec, std::string& why) {
  if (!spec.base) return why = "no source", false;
  if (spec.name.empty() || !(std::isalpha(static_cast<unsigned char>(spec.name[0])) || spec.name[0] == '_'))
    return why = "the kernel needs a C identifier for a name", false;
  for (char c : spec.name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
      return why = "the kernel name '" + spec.name + "' is not a C identifier", false;

  // The source: every leaf must be passable, every lambda emittable.
  std::vector<ExprRef> leaves = leaf_exprs(spec.base);
  if (!spec.leaves.empty()) {
    if (spec.leaves.size() != leaves.size()) return why = "the leaves do not match the source's traversal", false;
    for (size_t i = 0; i < leaves.size(); i++)
      if (spec.leaves[i]->type != leaves[i]->type) return why = "the leaves do not match the source's traversal", false;
  }
  for (auto& l : leaves) {
    if (l->type->kind == TypeKind::List) {
      if (!is_list_of_scalars(l->type)) return why = "a source that is a " + type_name(l->type), false;
    } else if (l->type != int_type()) {
      return why = "a source bound of type " + type_name(l->type), false;
    }
  }
  if (spec.base->kind == ExprKind::Range && spec.base->args.size() != 2) return why = "a range with a step", false;

  std::set<int> list_vars;
  std::set<int> passed;
  for (auto& v : spec.free_vars) {
    passed.insert(v->id);
    if (v->type->kind == TypeKind::List) {
      if (!is_list_of_scalars(v->type)) return why = "variable " + v->name + " is a " + type_name(v->type), false;
      list_vars.insert(v->id);
    } else if (is_passable_tensor(v->type)) {
      list_vars.insert(v->id);
    } else if (!is_scalar(v->type)) {
      return why = "variable " + v->name + " is a " + type_name(v->type) + " (tuples are not passed to kernels)", false;
    }
  }
  for (auto& v : kernel_free_vars(spec.base, spec.stages))
    if (!passed.count(v->id)) return why = "variable " + v->name + " is used by a lambda but not passed", false;

  std::vector<LambdaRef> lambdas;
  kernel_lambdas(spec.base, lambdas);
  for (auto* st : spec.stages) {
    if (st->kind != ExprKind::Map && st->kind != ExprKind::Filter) return why = "a stage that is not map or filter", false;
    lambdas.push_back(st->lambdas[0]);
  }
  for (auto& l : lambdas) {
    if (l->params.size() != 1) return why = "a lambda with " + std::to_string(l->params.size()) + " parameters", false;
    if (!is_value(l->params[0]->type)) return why = "a lambda over " + type_name(l->params[0]->type), false;
    std::string p = lambda_problem(l->body, list_vars);
    if (!p.empty()) return why = p, false;
  }

  Type elem = spec.base->type->elem;
  for (auto* st : spec.stages)
    if (st->kind == ExprKind::Map) elem = st->lambdas[0]->body->type;
  if (spec.compact) {
    if (!is_scalar(elem)) return why = "a list of " + type_name(elem) + " as the result", false;
    if (spec.acc_type && spec.acc_type != elem) return why = "a stored type that differs from the elements", false;
    return true;
  }
  if (spec.store) {
    if (!spec.stages.empty()) return why = "a store with map/filter stages", false;
    if (!is_scalar(elem)) return why = "a list of " + type_name(elem) + " as the result", false;
    if (spec.acc_type && spec.acc_type != elem) return why = "a stored type that differs from the elements", false;
    return true;
  }
  Type t = spec.acc_type;
  if (!t || !(is_integer(t) || is_floating(t))) return why = "a fold whose result is not a number", false;
  if (spec.fold != FoldKind::Count && elem != t)
    return why = "a fold of " + type_name(elem) + " elements into " + type_name(t), false;
  return true;
}
}  // namespace

std::string emit_kernel(const KernelSpec& spec) {
  Writer w(spec);
  return w.run();
}

}  // namespace hx::opencl
