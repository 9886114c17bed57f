/// \file Sema.cpp
/// Gives the Elixir-shaped AST its meaning and lowers it to typed IR.
///
/// Types flow from the entry points' @spec (or from the literal arguments of
/// `hastec run -e`) into the bodies; every user function is specialised per
/// argument types, and every lambda is instantiated where it is used (an
/// `Enum.map` knows its element type), so lambdas never exist at run time.
///
/// Recursion: a call to a specialisation still being lowered has no known
/// result type yet. That throws UnknownResult; an `if` or clause set that
/// catches it in one branch lowers the others and rethrows with their type
/// as a hint; the function retries with the hint and checks it afterwards.
#include "Sema.h"

#include <functional>
#include <optional>
#include <map>
#include <set>
#include <sstream>

namespace hx {

using namespace ir;

std::string entry_symbol(const std::string& module, const std::string& name) {
  std::string s;
  for (char c : module) s += (c == '.') ? '_' : c;
  s += '_';
  for (char c : name) {
    if (c == '?') s += "_p";
    else if (c == '!') s += "_x";
    else s += c;
  }
  return s;
}

namespace {

struct SemaError {};  ///< thrown after a diagnostic; caught per clause
struct UnknownResult {
  std::string key;
  Type hint = nullptr;
};

using AttrMap = std::map<std::string, NodeRef>;

struct ClauseDef {
  std::vector<NodeRef> params;
  NodeRef guard;
  NodeRef body;
  Loc loc;
  std::shared_ptr<const AttrMap> attrs;
};

struct Module;
struct FunDef {
  const Module* module = nullptr;
  std::string name;
  size_t arity = 0;
  bool priv = false;
  std::vector<ClauseDef> clauses;
  Loc loc;
  bool has_spec = false;
  std::vector<Type> spec_args;
  Type spec_result = nullptr;
  Loc spec_loc;
  std::string display() const;
};

struct Module {
  std::string name;
  Loc loc;
  std::map<std::string, FunDef> funs;  ///< key: name/arity
  std::vector<std::string> order;
  bool bitwise = false;
};

std::string FunDef::display() const { return module->name + "." + name + "/" + std::to_string(arity); }

struct LambdaVal;
struct Binding {
  VarRef var;
  std::shared_ptr<const LambdaVal> fn;
};
using Env = std::map<std::string, Binding>;

/// A lambda known at compile time: its clauses and the scope it closes over.
struct LambdaVal {
  std::vector<ClauseDef> clauses;  ///< each with params/guard/body
  Env env;
  const FunDef* context = nullptr;
  Loc loc;
  size_t arity() const { return clauses.empty() ? 0 : clauses[0].params.size(); }
};

/// The result of lowering an expression: a value or a compile-time lambda.
struct Value {
  ExprRef e;
  std::shared_ptr<const LambdaVal> fn;
};

struct SpecState {
  bool done = false;
  Type result = nullptr;
};

const std::set<std::string> kEnumFuns = {"map", "filter", "reject", "reduce", "sum", "product",
                                         "count", "min", "max", "to_list"};

}  // namespace

struct Sema::Impl {
  const SourceManager& sm;
  Diagnostics& diags;
  std::map<std::string, Module> modules;
  std::vector<std::string> module_order;
  Program prog;
  std::map<std::string, SpecState> specs;
  std::set<std::string> attempted;  ///< display names of functions Sema tried to type
  std::vector<EntryInfo> entries;

  // The function whose clause is being lowered, for names in diagnostics.
  const FunDef* cur = nullptr;
  std::shared_ptr<const AttrMap> cur_attrs;

  Impl(const SourceManager& s, Diagnostics& d) : sm(s), diags(d) {}

  [[noreturn]] void fail(Loc loc, const std::string& msg) {
    diags.error(loc, msg);
    throw SemaError{};
  }

  // ---- collection ------------------------------------------------------------

  static std::string alias_name(const NodeRef& n) {
    if (n && n->kind == NodeKind::Alias) return n->name;
    return "";
  }

  /// Statements of a do-block or a single expression.
  static std::vector<NodeRef> stmts_of(const NodeRef& n) {
    if (!n) return {};
    if (n->kind == NodeKind::Block) return n->args;
    return {n};
  }

  void collect_module(const NodeRef& call) {
    if (call->args.size() != 2 || alias_name(call->args[0]).empty() || !call->keyword("do")) {
      diags.error(call->loc, "defmodule needs a module name and a do-block: defmodule Name do ... end");
      return;
    }
    std::string name = alias_name(call->args[0]);
    if (modules.count(name)) {
      diags.error(call->loc, "module " + name + " is defined twice");
      return;
    }
    Module& m = modules[name];
    m.name = name;
    m.loc = call->loc;
    module_order.push_back(name);
    auto attrs = std::make_shared<AttrMap>();
    std::vector<NodeRef> pending_specs;
    for (auto& s : stmts_of(call->keyword("do"))) {
      if (s->kind == NodeKind::Call && !s->target && (s->name == "def" || s->name == "defp")) {
        collect_def(m, s, attrs);
      } else if (s->kind == NodeKind::Unary && s->name == "@") {
        collect_attr(m, s, attrs, pending_specs);
      } else if (s->kind == NodeKind::Call && !s->target && s->name == "import") {
        if (s->args.size() == 1 && alias_name(s->args[0]) == "Bitwise") m.bitwise = true;
        else diags.error(s->loc, "only `import Bitwise` is supported in hastec's Elixir subset");
      } else if (s->kind == NodeKind::Call && !s->target &&
                 (s->name == "defmacro" || s->name == "defmacrop" || s->name == "defstruct" ||
                  s->name == "defprotocol" || s->name == "defimpl" || s->name == "use" ||
                  s->name == "alias" || s->name == "require" || s->name == "defdelegate" ||
                  s->name == "defguard" || s->name == "defexception" || s->name == "defmodule")) {
        diags.error(s->loc, "`" + s->name + "` is not supported in hastec's Elixir subset");
      } else {
        diags.error(s->loc, "a module body may contain only def, defp, module attributes and `import Bitwise`");
      }
    }
    for (auto& s : pending_specs) apply_spec(m, s);
  }

  void collect_attr(Module& m, const NodeRef& s, std::shared_ptr<AttrMap>& attrs,
                    std::vector<NodeRef>& pending_specs) {
    const NodeRef& a = s->args[0];
    if (a->kind == NodeKind::Call && !a->target && a->args.size() == 1) {
      const std::string& n = a->name;
      if (n == "spec") {
        pending_specs.push_back(a->args[0]);
        return;
      }
      if (n == "doc" || n == "moduledoc" || n == "typedoc" || n == "impl" || n == "compile") return;
      if (n == "type" || n == "typep" || n == "opaque" || n == "callback") {
        diags.error(s->loc, "@" + n + " is not supported in hastec's Elixir subset");
        return;
      }
      // @name value: a constant. Copy-on-write so earlier defs keep their view.
      auto next = std::make_shared<AttrMap>(*attrs);
      (*next)[n] = a->args[0];
      attrs = next;
      return;
    }
    diags.error(s->loc, "a module attribute needs a value: @name value");
  }

  void collect_def(Module& m, const NodeRef& s, const std::shared_ptr<AttrMap>& attrs) {
    if (s->args.empty()) {
      diags.error(s->loc, s->name + " needs a function head: " + s->name + " name(args) do ... end");
      return;
    }
    NodeRef head = s->args[0];
    NodeRef guard;
    if (head->kind == NodeKind::Binary && head->name == "when") {
      guard = head->args[1];
      head = head->args[0];
    }
    std::string name;
    std::vector<NodeRef> params;
    if (head->kind == NodeKind::Call && !head->target) {
      name = head->name;
      params = head->args;
    } else if (head->kind == NodeKind::Var) {
      name = head->name;
    } else {
      diags.error(head->loc, "expected a function name and parameters after " + s->name);
      return;
    }
    NodeRef body = s->keyword("do");
    if (!body) {
      diags.error(s->loc, "function " + name + " has no body (`do: expr` or `do ... end`)");
      return;
    }
    if (s->keyword("rescue") || s->keyword("catch") || s->keyword("after")) {
      diags.error(s->loc, "try/rescue in a function body is not supported in hastec's Elixir subset");
      return;
    }
    for (auto& p : params) {
      if (p->kind == NodeKind::Binary && p->name == "\\\\") {
        diags.error(p->loc, "default arguments (\\\\) are not supported in hastec's Elixir subset");
        return;
      }
    }
    std::string key = name + "/" + std::to_string(params.size());
    auto it = m.funs.find(key);
    if (it == m.funs.end()) {
      FunDef f;
      f.module = &m;
      f.name = name;
      f.arity = params.size();
      f.priv = s->name == "defp";
      f.loc = s->loc;
      it = m.funs.emplace(key, std::move(f)).first;
      m.order.push_back(key);
    } else if (it->second.priv != (s->name == "defp")) {
      diags.error(s->loc, "function " + key + " is defined with both def and defp");
      return;
    }
    it->second.clauses.push_back(ClauseDef{params, guard, body, s->loc, attrs});
  }

  void apply_spec(Module& m, const NodeRef& spec) {
    if (!(spec->kind == NodeKind::Binary && spec->name == "::" && spec->args[0]->kind == NodeKind::Call &&
          !spec->args[0]->target)) {
      diags.error(spec->loc, "expected @spec name(type, ...) :: type");
      return;
    }
    const NodeRef& head = spec->args[0];
    std::string key = head->name + "/" + std::to_string(head->args.size());
    auto it = m.funs.find(key);
    if (it == m.funs.end()) {
      diags.error(spec->loc, "@spec for " + key + ", which " + m.name + " does not define");
      return;
    }
    FunDef& f = it->second;
    std::vector<Type> args;
    for (auto& a : head->args) {
      Type t = spec_type(a);
      if (!t) return;
      args.push_back(t);
    }
    Type r = spec_type(spec->args[1]);
    if (!r) return;
    f.has_spec = true;
    f.spec_args = args;
    f.spec_result = r;
    f.spec_loc = spec->loc;
  }

  /// integer() float() boolean() [t] list(t) {t, u} Hx.i32() Hx.f32()
  Type spec_type(const NodeRef& n) {
    if (n->kind == NodeKind::Call && !n->target && n->args.empty()) {
      if (n->name == "integer") return int_type();
      if (n->name == "float") return float_type();
      if (n->name == "boolean") return bool_type();
    }
    if (n->kind == NodeKind::Call && !n->target && n->name == "list" && n->args.size() == 1) {
      Type e = spec_type(n->args[0]);
      return e ? list_type(e) : nullptr;
    }
    if (n->kind == NodeKind::List && n->args.size() == 1) {
      Type e = spec_type(n->args[0]);
      return e ? list_type(e) : nullptr;
    }
    if (n->kind == NodeKind::Tuple && n->args.size() >= 1) {
      std::vector<Type> ms;
      for (auto& a : n->args) {
        Type t = spec_type(a);
        if (!t) return nullptr;
        ms.push_back(t);
      }
      return tuple_type(ms);
    }
    std::string what = n->kind == NodeKind::Call ? n->name + "()" : "this type";
    diags.error(n->loc, "unsupported type in @spec: " + what +
                            " (hastec knows integer(), float(), boolean(), [t] and list(t))");
    return nullptr;
  }

  // ---- lowering: helpers -------------------------------------------------------

  Env base_env() { return {}; }

  const FunDef* find_fun(const std::string& module, const std::string& name, size_t arity) {
    auto m = modules.find(module);
    if (m == modules.end()) return nullptr;
    auto f = m->second.funs.find(name + "/" + std::to_string(arity));
    return f == m->second.funs.end() ? nullptr : &f->second;
  }

  ExprRef expect_value(const Value& v, Loc loc) {
    if (!v.e) fail(loc, "a function value cannot be used here: call it through Enum.map and friends");
    return v.e;
  }

  ExprRef to_float(ExprRef e) {
    if (e->type == float_type()) return e;
    return unary(e->loc, UnOp::ToFloat, e, float_type());
  }

  ExprRef need_bool(const ExprRef& e, Loc loc, const char* what) {
    if (e->type != bool_type())
      fail(loc, std::string(what) + " needs a boolean, got " + type_name(e->type) +
                    " (hastec has no truthiness for other types)");
    return e;
  }

  /// Numeric operands of the same type; integers meet floats as floats.
  void unify_numeric(ExprRef& a, ExprRef& b, Loc loc, const std::string& op) {
    if (!is_numeric(a->type) || !is_numeric(b->type))
      fail(loc, "`" + op + "` needs numbers, got " + type_name(a->type) + " and " + type_name(b->type));
    if (a->type != b->type) {
      a = to_float(a);
      b = to_float(b);
    }
  }

  /// Evaluates e for its effects (it may raise) and then yields body.
  ExprRef sequence(Loc loc, ExprRef e, ExprRef body) {
    return let(loc, new_var(prog, "_", e->type), e, body);
  }

  // ---- lowering: expressions ---------------------------------------------------

  Value lower(const NodeRef& n, Env& env) {
    switch (n->kind) {
      case NodeKind::Int: return {int_const(n->loc, n->int_value)};
      case NodeKind::Float: return {float_const(n->loc, n->float_value)};
      case NodeKind::Atom:
        if (n->name == "true" || n->name == "false") return {bool_const(n->loc, n->name == "true")};
        if (n->name == "nil") fail(n->loc, "nil is not supported in hastec's Elixir subset (values are typed)");
        fail(n->loc, "atoms (:" + n->name + ") are not supported here");
      case NodeKind::String:
        fail(n->loc, "strings are not supported in hastec's Elixir subset yet");
      case NodeKind::Var: return lower_var(n, env);
      case NodeKind::CaptureArg: {
        std::string name = "&" + std::to_string(n->int_value);
        auto it = env.find(name);
        if (it == env.end()) fail(n->loc, "&" + std::to_string(n->int_value) + " outside a capture &(...)");
        return {var_use(n->loc, it->second.var)};
      }
      case NodeKind::List: return lower_list(n, env);
      case NodeKind::Tuple: {
        std::vector<ExprRef> es;
        for (auto& a : n->args) es.push_back(expect_value(lower(a, env), a->loc));
        if (es.size() < 2) fail(n->loc, "tuples of fewer than two elements are not supported");
        return {tuple(n->loc, es)};
      }
      case NodeKind::Block: return {lower_block(n->args, 0, env)};
      case NodeKind::Unary: return lower_unary(n, env);
      case NodeKind::Binary: return lower_binary(n, env);
      case NodeKind::Call: return lower_call(n, env);
      case NodeKind::Fn: return {nullptr, make_lambda(n, env)};
      case NodeKind::Alias:
        fail(n->loc, "a module name (" + n->name + ") is not a value");
      case NodeKind::Map:
        fail(n->loc, "maps are not supported in hastec's Elixir subset");
      case NodeKind::KeywordList: case NodeKind::Pair:
        fail(n->loc, "keyword lists are not supported here");
      default:
        fail(n->loc, "this construct is not supported in hastec's Elixir subset");
    }
  }

  Value lower_var(const NodeRef& n, Env& env) {
    if (n->name == "_" || (n->name.size() > 1 && n->name[0] == '_' && !env.count(n->name)))
      fail(n->loc, "the underscored variable " + n->name + " cannot be read");
    auto it = env.find(n->name);
    if (it == env.end()) {
      // `def f do` style zero-arity local calls look like variables.
      if (cur && find_fun(cur->module->name, n->name, 0))
        return lower_user_call(n, cur->module->name, n->name, {}, env, false);
      std::vector<std::string> names;
      for (auto& [k, _] : env) names.push_back(k);
      std::string msg = "undefined variable " + n->name;
      std::string close = closest_name(n->name, names);
      if (!close.empty()) msg += " (did you mean " + close + "?)";
      fail(n->loc, msg);
    }
    if (it->second.fn) return {nullptr, it->second.fn};
    return {var_use(n->loc, it->second.var)};
  }

  Value lower_list(const NodeRef& n, Env& env) {
    std::vector<ExprRef> es;
    for (auto& a : n->args) {
      if (a->kind == NodeKind::KeywordList) fail(a->loc, "keyword lists are not supported here");
      if (a->kind == NodeKind::Binary && a->name == "|")
        fail(a->loc, "[head | tail] lists are not supported in hastec's Elixir subset");
      es.push_back(expect_value(lower(a, env), a->loc));
    }
    if (es.empty()) fail(n->loc, "the type of an empty list literal is unknown here; hastec needs typed lists");
    Type t = es[0]->type;
    bool any_float = false, all_num = true;
    for (auto& e : es) {
      any_float |= e->type == float_type();
      all_num &= is_numeric(e->type);
      if (e->type != t && !(all_num && is_numeric(t)))
        fail(e->loc, "list elements must share one type: " + type_name(t) + " and " + type_name(e->type));
    }
    if (any_float && all_num && t != float_type())
      fail(n->loc, "list mixes integers and floats; hastec lists hold one type (write 1.0 for 1)");
    return {list_lit(n->loc, t, es)};
  }

  Value lower_unary(const NodeRef& n, Env& env) {
    const std::string& op = n->name;
    if (op == "@") return lower_attr(n);
    if (op == "&") return {nullptr, make_capture(n, env)};
    if (op == "^") fail(n->loc, "the pin operator ^ is only allowed in patterns");
    ExprRef a = expect_value(lower(n->args[0], env), n->args[0]->loc);
    if (op == "-") {
      if (!is_numeric(a->type)) fail(n->loc, "unary - needs a number, got " + type_name(a->type));
      return {unary(n->loc, UnOp::Neg, a, a->type)};
    }
    if (op == "+") {
      if (!is_numeric(a->type)) fail(n->loc, "unary + needs a number, got " + type_name(a->type));
      return {a};
    }
    if (op == "not" || op == "!") return {unary(n->loc, UnOp::Not, need_bool(a, n->loc, op.c_str()), bool_type())};
    fail(n->loc, "the operator " + op + " is not supported in hastec's Elixir subset");
  }

  Value lower_attr(const NodeRef& n) {
    const NodeRef& a = n->args[0];
    if (a->kind != NodeKind::Var) fail(n->loc, "module attributes can only be set at the module's top level");
    if (!cur_attrs || !cur_attrs->count(a->name)) {
      std::vector<std::string> names;
      if (cur_attrs)
        for (auto& [k, _] : *cur_attrs) names.push_back(k);
      std::string msg = "module attribute @" + a->name + " is not set before this function";
      std::string close = closest_name(a->name, names);
      if (!close.empty()) msg += " (did you mean @" + close + "?)";
      fail(n->loc, msg);
    }
    Env empty;
    Value v = lower(cur_attrs->at(a->name), empty);
    if (!v.e || v.e->kind == ExprKind::Call) fail(n->loc, "module attribute @" + a->name + " must be a constant");
    return v;
  }

  Value lower_binary(const NodeRef& n, Env& env) {
    const std::string& op = n->name;
    Loc loc = n->loc;
    if (op == "|>") return lower_pipe(n, env);
    if (op == "=") fail(loc, "a match (=) must be a statement of its own in hastec's Elixir subset");
    if (op == "and" || op == "or" || op == "&&" || op == "||") {
      ExprRef a = need_bool(expect_value(lower(n->args[0], env), loc), n->args[0]->loc, op.c_str());
      ExprRef b = need_bool(expect_value(lower(n->args[1], env), loc), n->args[1]->loc, op.c_str());
      bool is_and = op == "and" || op == "&&";
      // Short-circuit: the right side runs only when needed (it may raise).
      return {is_and ? if_(loc, a, b, bool_const(loc, false), bool_type())
                     : if_(loc, a, bool_const(loc, true), b, bool_type())};
    }
    if (op == "..") {
      ExprRef a = expect_value(lower(n->args[0], env), loc);
      ExprRef b = expect_value(lower(n->args[1], env), loc);
      if (a->type != int_type() || b->type != int_type())
        fail(loc, "ranges need integer bounds, got " + type_name(a->type) + ".." + type_name(b->type));
      return {range(loc, a, b)};
    }
    static const std::map<std::string, BinOp> arith = {
        {"+", BinOp::Add}, {"-", BinOp::Sub}, {"*", BinOp::Mul}};
    static const std::map<std::string, BinOp> cmp = {
        {"==", BinOp::Eq}, {"!=", BinOp::Ne}, {"<", BinOp::Lt}, {"<=", BinOp::Le},
        {">", BinOp::Gt},  {">=", BinOp::Ge}, {"===", BinOp::Eq}, {"!==", BinOp::Ne}};
    if (arith.count(op) || cmp.count(op) || op == "/") {
      ExprRef a = expect_value(lower(n->args[0], env), n->args[0]->loc);
      ExprRef b = expect_value(lower(n->args[1], env), n->args[1]->loc);
      if (op == "/") {
        unify_numeric(a, b, loc, op);
        return {binary(loc, BinOp::FDiv, to_float(a), to_float(b), float_type())};
      }
      if (arith.count(op)) {
        unify_numeric(a, b, loc, op);
        return {binary(loc, arith.at(op), a, b, a->type)};
      }
      BinOp c = cmp.at(op);
      bool strict = op == "===" || op == "!==";
      if (a->type == bool_type() && b->type == bool_type() && (c == BinOp::Eq || c == BinOp::Ne))
        return {binary(loc, c, a, b, bool_type())};
      if (strict && is_numeric(a->type) && is_numeric(b->type) && a->type != b->type) {
        // 1 === 1.0 is false: the types differ. Still evaluate both sides.
        return {sequence(loc, a, sequence(loc, b, bool_const(loc, c == BinOp::Ne)))};
      }
      unify_numeric(a, b, loc, op);
      return {binary(loc, c, a, b, bool_type())};
    }
    if (op == "when") fail(loc, "`when` guards are only allowed in function heads and fn clauses");
    if (op == "<>") fail(loc, "strings (<>) are not supported in hastec's Elixir subset");
    if (op == "++" || op == "--") fail(loc, "list " + op + " is not supported in hastec's Elixir subset yet");
    if (op == "in") fail(loc, "`in` is not supported in hastec's Elixir subset yet");
    if (op == "//") fail(loc, "ranges with a step (a..b//s) are not supported yet");
    fail(loc, "the operator " + op + " is not supported in hastec's Elixir subset");
  }

  Value lower_pipe(const NodeRef& n, Env& env) {
    const NodeRef& rhs = n->args[1];
    if (rhs->kind != NodeKind::Call)
      fail(rhs->loc, "the right side of |> must be a function call, like Enum.map(&f/1)");
    auto c = std::make_shared<Node>(*rhs);
    c->args.insert(c->args.begin(), n->args[0]);
    c->has_parens = true;
    return lower_call(c, env);
  }

  // ---- calls ---------------------------------------------------------------

  std::vector<Value> lower_args(const std::vector<NodeRef>& args, Env& env) {
    std::vector<Value> vs;
    for (auto& a : args) vs.push_back(lower(a, env));
    return vs;
  }

  Value lower_call(const NodeRef& n, Env& env) {
    if (!n->target) {
      const std::string& f = n->name;
      if (f == "if" || f == "unless") return {lower_if(n, env)};
      if (f == "case" || f == "cond" || f == "with" || f == "for" || f == "receive" || f == "try" ||
          f == "raise" || f == "throw" || f == "spawn" || f == "send" || f == "quote")
        fail(n->loc, "`" + f + "` is not supported in hastec's Elixir subset yet");
      if (f == "def" || f == "defp" || f == "defmodule")
        fail(n->loc, "`" + f + "` is only allowed at the top of a module");
      if (auto v = lower_kernel(n, f, env)) return *v;
      if (cur && find_fun(cur->module->name, f, n->args.size()))
        return lower_user_call(n, cur->module->name, f, n->args, env, false);
      undefined_function(n, cur ? cur->module->name : "", f, n->args.size(), true);
    }
    const NodeRef& t = n->target;
    if (t->kind == NodeKind::Alias) {
      if (t->name == "Enum" || t->name == "Flow") return lower_enum(n, env);
      if (t->name == "Kernel") {
        if (auto v = lower_kernel(n, n->name, env)) return *v;
        fail(n->loc, "Kernel." + n->name + "/" + std::to_string(n->args.size()) +
                         " is not supported in hastec's Elixir subset");
      }
      if (modules.count(t->name)) {
        const FunDef* f = find_fun(t->name, n->name, n->args.size());
        if (!f) undefined_function(n, t->name, n->name, n->args.size(), false);
        if (f->priv && (!cur || cur->module->name != t->name))
          fail(n->loc, t->name + "." + n->name + "/" + std::to_string(n->args.size()) +
                           " is private (defp); it cannot be called from another module");
        return lower_user_call(n, t->name, n->name, n->args, env, false);
      }
      std::vector<std::string> names(module_order);
      names.push_back("Enum");
      std::string msg = "module " + t->name + " is not available in hastec (it is not defined in this program";
      msg += " and is not part of the supported library)";
      std::string close = closest_name(t->name, names);
      if (!close.empty()) msg += "; did you mean " + close + "?";
      fail(t->loc, msg);
    }
    if (t->kind == NodeKind::Atom)
      fail(n->loc, "the Erlang module :" + t->name + " is not supported yet");
    fail(n->loc, "calling a function value or reading a field (x.f) is not supported in hastec's Elixir subset");
  }

  [[noreturn]] void undefined_function(const NodeRef& n, const std::string& module, const std::string& name,
                                       size_t arity, bool local) {
    std::string full = (local ? "" : module + ".") + name + "/" + std::to_string(arity);
    std::string msg = "undefined function " + full;
    auto m = modules.find(module);
    std::vector<std::string> same_name, names;
    if (m != modules.end())
      for (auto& [k, f] : m->second.funs) {
        names.push_back(f.name);
        if (f.name == name) same_name.push_back(k);
      }
    static const char* kernel[] = {"div", "rem", "abs", "min", "max", "length", "trunc", "round", "is_integer", "is_float"};
    if (local)
      for (auto k : kernel) names.push_back(k);
    if (!same_name.empty()) {
      msg += " (" + module + " defines " + same_name[0];
      for (size_t i = 1; i < same_name.size(); i++) msg += ", " + same_name[i];
      msg += ": wrong number of arguments)";
    } else {
      std::string close = closest_name(name, names);
      if (!close.empty()) msg += " (did you mean " + close + "?)";
      else if (m != modules.end()) msg += " (there is no such function in " + module + ")";
    }
    fail(n->loc, msg);
  }

  /// Kernel functions that hastec compiles directly. Returns nothing when f
  /// is not one of them.
  std::optional<Value> lower_kernel(const NodeRef& n, const std::string& f, Env& env) {
    size_t k = n->args.size();
    Loc loc = n->loc;
    auto arg = [&](size_t i) { return expect_value(lower(n->args[i], env), n->args[i]->loc); };
    if ((f == "div" || f == "rem") && k == 2) {
      ExprRef a = arg(0), b = arg(1);
      if (!is_integer(a->type) || !is_integer(b->type) || a->type != b->type)
        fail(loc, f + "/2 needs two integers, got " + type_name(a->type) + " and " + type_name(b->type));
      return Value{binary(loc, f == "div" ? BinOp::IDiv : BinOp::Rem, a, b, a->type)};
    }
    if (f == "abs" && k == 1) {
      ExprRef a = arg(0);
      if (!is_numeric(a->type)) fail(loc, "abs/1 needs a number, got " + type_name(a->type));
      return Value{unary(loc, UnOp::Abs, a, a->type)};
    }
    if ((f == "min" || f == "max") && k == 2) {
      ExprRef a = arg(0), b = arg(1);
      if (!is_numeric(a->type) || !is_numeric(b->type))
        fail(loc, f + "/2 needs numbers, got " + type_name(a->type) + " and " + type_name(b->type));
      if (a->type != b->type)
        fail(loc, f + "/2 of " + type_name(a->type) + " and " + type_name(b->type) +
                      " returns either type in Elixir; convert one side first (x * 1.0 or trunc(x))");
      return Value{binary(loc, f == "min" ? BinOp::Min : BinOp::Max, a, b, a->type)};
    }
    if (f == "length" && k == 1) {
      ExprRef a = arg(0);
      if (a->type->kind != TypeKind::List) fail(loc, "length/1 needs a list, got " + type_name(a->type));
      return Value{ir::length(loc, a)};
    }
    return std::nullopt;
  }

  Value lower_user_call(const NodeRef& n, const std::string& module, const std::string& name,
                        const std::vector<NodeRef>& args, Env& env, bool) {
    const FunDef* f = find_fun(module, name, args.size());
    std::vector<ExprRef> es;
    std::vector<Type> ts;
    for (auto& a : args) {
      Value v = lower(a, env);
      if (!v.e)
        fail(a->loc, "passing a function to " + f->display() +
                         " is not supported yet; functions can be passed to Enum functions");
      es.push_back(v.e);
      ts.push_back(v.e->type);
    }
    std::string key = specialise(*f, ts, n->loc);
    return {call(n->loc, key, es, specs.at(key).result)};
  }

  // ---- Enum ------------------------------------------------------------------

  ExprRef list_arg(const Value& v, const NodeRef& n, const std::string& fname) {
    if (!v.e || v.e->type->kind != TypeKind::List)
      fail(n->loc, fname + " needs a list or range as its first argument, got " +
                       (v.e ? type_name(v.e->type) : std::string("a function")));
    return v.e;
  }

  std::shared_ptr<const LambdaVal> fn_arg(const Value& v, const NodeRef& n, const std::string& fname, size_t arity) {
    if (!v.fn) fail(n->loc, fname + " needs a function (fn x -> ... end or &f/1) here");
    if (v.fn->arity() != arity)
      fail(n->loc, fname + " needs a function of " + std::to_string(arity) + " argument" +
                       (arity == 1 ? "" : "s") + ", got one of " + std::to_string(v.fn->arity()));
    return v.fn;
  }

  Value lower_enum(const NodeRef& n, Env& env) {
    const std::string& m = n->target->name;
    const std::string& f = n->name;
    size_t k = n->args.size();
    std::string fname = m + "." + f + "/" + std::to_string(k);
    Loc loc = n->loc;
    if (m == "Flow") fail(loc, "Flow is not supported yet; write the same pipeline with Enum");
    if (!kEnumFuns.count(f)) {
      std::vector<std::string> names(kEnumFuns.begin(), kEnumFuns.end());
      std::string msg = fname + " is not supported by hastec";
      std::string close = closest_name(f, names);
      if (!close.empty()) msg += " (did you mean Enum." + close + "?)";
      fail(loc, msg);
    }
    if (k == 0) fail(loc, fname + " is undefined");
    std::vector<Value> vs = lower_args(n->args, env);
    ExprRef xs = list_arg(vs[0], n->args[0], fname);
    Type elem = xs->type->elem;
    if ((f == "map" || f == "filter" || f == "reject") && k == 2) {
      auto lv = fn_arg(vs[1], n->args[1], fname, 1);
      LambdaRef l = instantiate(*lv, {elem}, loc);
      if (f == "map") return {map(loc, xs, l)};
      if (l->body->type != bool_type())
        fail(n->args[1]->loc, fname + " needs a function returning a boolean, got " + type_name(l->body->type));
      if (f == "reject") l = std::make_shared<Lambda>(Lambda{l->params, unary(loc, UnOp::Not, l->body, bool_type())});
      return {filter(loc, xs, l)};
    }
    if (f == "reduce" && k == 3) {
      ExprRef init = expect_value(vs[1], n->args[1]->loc);
      auto lv = fn_arg(vs[2], n->args[2], fname, 2);
      LambdaRef l = instantiate(*lv, {elem, init->type}, loc);
      if (l->body->type != init->type && init->type == int_type() && l->body->type == float_type()) {
        // The accumulator becomes a float after the first step, as in Elixir.
        init = to_float(init);
        l = instantiate(*lv, {elem, float_type()}, loc);
      }
      if (l->body->type != init->type)
        fail(n->args[2]->loc, fname + ": the function returns " + type_name(l->body->type) +
                                  " but the accumulator is " + type_name(init->type));
      return {reduce(loc, xs, init, l)};
    }
    if (k == 1 && (f == "sum" || f == "product" || f == "min" || f == "max")) {
      if (!is_numeric(elem)) fail(loc, fname + " needs a list of numbers, got " + type_name(xs->type));
      FoldKind fk = f == "sum" ? FoldKind::Sum : f == "product" ? FoldKind::Product
                  : f == "min" ? FoldKind::Min : FoldKind::Max;
      return {fold(loc, fk, xs, elem)};
    }
    if (f == "count" && k == 1) return {ir::length(loc, xs)};
    if (f == "count" && k == 2) {
      auto lv = fn_arg(vs[1], n->args[1], fname, 1);
      LambdaRef l = instantiate(*lv, {elem}, loc);
      if (l->body->type != bool_type())
        fail(n->args[1]->loc, fname + " needs a function returning a boolean, got " + type_name(l->body->type));
      return {ir::length(loc, filter(loc, xs, l))};
    }
    if (f == "to_list" && k == 1) return {xs};
    fail(loc, fname + " is not supported by hastec (wrong number of arguments?)");
  }

  // ---- lambdas -------------------------------------------------------------

  std::shared_ptr<const LambdaVal> make_lambda(const NodeRef& fn, Env& env) {
    auto lv = std::make_shared<LambdaVal>();
    lv->env = env;
    lv->context = cur;
    lv->loc = fn->loc;
    for (auto& c : fn->args) {
      NodeRef g = c->target;
      lv->clauses.push_back(ClauseDef{c->args, g, c->body, c->loc, cur_attrs});
      if (c->args.size() != fn->args[0]->args.size())
        fail(c->loc, "all clauses of an anonymous function must take the same number of arguments");
    }
    if (lv->clauses.empty()) fail(fn->loc, "empty fn");
    return lv;
  }

  /// &f/1, &M.f/1, &(&1 * 2), &rem(&1, 3): becomes an ordinary lambda.
  std::shared_ptr<const LambdaVal> make_capture(const NodeRef& n, Env& env) {
    const NodeRef& e = n->args[0];
    Loc loc = n->loc;
    auto lv = std::make_shared<LambdaVal>();
    lv->env = env;
    lv->context = cur;
    lv->loc = loc;
    if (e->kind == NodeKind::Binary && e->name == "/" && e->args[1]->kind == NodeKind::Int) {
      // &name/arity
      const NodeRef& fnode = e->args[0];
      int64_t arity = e->args[1]->int_value;
      if (arity < 0 || arity > 16) fail(e->args[1]->loc, "bad arity in capture");
      std::vector<NodeRef> params, cargs;
      for (int64_t i = 1; i <= arity; i++) {
        NodeRef v = make_node(NodeKind::Var, loc, "&" + std::to_string(i));
        params.push_back(v);
        cargs.push_back(v);
      }
      NodeRef target;
      std::string name;
      if (fnode->kind == NodeKind::Var) {
        name = fnode->name;
      } else if (fnode->kind == NodeKind::Call && !fnode->has_parens && fnode->args.empty()) {
        target = fnode->target;
        name = fnode->name;
      } else {
        fail(fnode->loc, "expected &name/arity or &Module.name/arity");
      }
      NodeRef body = make_call(loc, target, name, cargs, true);
      lv->clauses.push_back(ClauseDef{params, nullptr, body, loc, cur_attrs});
      return lv;
    }
    // &(expr with &1, &2 ...)
    int64_t max_arg = 0;
    std::function<void(const NodeRef&)> scan = [&](const NodeRef& x) {
      if (!x) return;
      if (x->kind == NodeKind::CaptureArg) max_arg = std::max(max_arg, x->int_value);
      if (x->kind == NodeKind::Unary && x->name == "&" ) return;  // nested capture: its own args
      if (x->kind == NodeKind::Fn) return;
      for (auto& a : x->args) scan(a);
      scan(x->target);
      scan(x->body);
    };
    scan(e);
    if (max_arg == 0) fail(loc, "a capture &(...) must use &1 (or name a function: &f/1)");
    std::vector<NodeRef> params;
    for (int64_t i = 1; i <= max_arg; i++) params.push_back(make_node(NodeKind::Var, loc, "&" + std::to_string(i)));
    lv->clauses.push_back(ClauseDef{params, nullptr, e, loc, cur_attrs});
    return lv;
  }

  LambdaRef instantiate(const LambdaVal& lv, const std::vector<Type>& types, Loc use) {
    if (lv.arity() != types.size()) fail(use, "function of the wrong arity");
    std::vector<VarRef> params;
    for (size_t i = 0; i < types.size(); i++) params.push_back(new_var(prog, "x", types[i]));
    const FunDef* saved = cur;
    auto saved_attrs = cur_attrs;
    cur = lv.context;
    ExprRef body;
    try {
      body = lower_clauses(lv.clauses, params, lv.env, lv.loc, "anonymous function", /*fn_clause=*/true);
    } catch (...) {
      cur = saved;
      cur_attrs = saved_attrs;
      throw;
    }
    cur = saved;
    cur_attrs = saved_attrs;
    // Name params after the source when the lambda has one clause of plain variables.
    return std::make_shared<Lambda>(Lambda{params, body});
  }

  // ---- clauses and patterns ------------------------------------------------

  /// Binds params to the clause's patterns; returns the match condition
  /// (null when the clause always matches).
  ExprRef match_patterns(const ClauseDef& c, const std::vector<VarRef>& params, Env& env) {
    ExprRef cond;
    auto add = [&](ExprRef e) {
      cond = cond ? if_(e->loc, cond, e, bool_const(e->loc, false), bool_type()) : e;
    };
    std::set<std::string> bound;
    for (size_t i = 0; i < params.size(); i++) {
      const NodeRef& p = c.params[i];
      const VarRef& v = params[i];
      Loc l = p->loc;
      if (p->kind == NodeKind::Var) {
        if (p->name[0] == '_') continue;
        if (bound.count(p->name)) {
          ExprRef a = var_use(l, env.at(p->name).var), b = var_use(l, v);
          if (a->type != b->type) add(bool_const(l, false));
          else add(binary(l, BinOp::Eq, a, b, bool_type()));
          continue;
        }
        bound.insert(p->name);
        env[p->name] = Binding{v, nullptr};
        continue;
      }
      NodeRef lit = p;
      bool neg = false;
      if (p->kind == NodeKind::Unary && p->name == "-" &&
          (p->args[0]->kind == NodeKind::Int || p->args[0]->kind == NodeKind::Float)) {
        lit = p->args[0];
        neg = true;
      }
      if (lit->kind == NodeKind::Int) {
        // A pattern 0 never matches 0.0: Elixir matches types exactly.
        if (v->type != int_type()) { add(bool_const(l, false)); continue; }
        add(binary(l, BinOp::Eq, var_use(l, v), int_const(l, neg ? -lit->int_value : lit->int_value), bool_type()));
        continue;
      }
      if (lit->kind == NodeKind::Float) {
        if (v->type != float_type()) { add(bool_const(l, false)); continue; }
        add(binary(l, BinOp::Eq, var_use(l, v), float_const(l, neg ? -lit->float_value : lit->float_value), bool_type()));
        continue;
      }
      if (p->kind == NodeKind::Atom && (p->name == "true" || p->name == "false")) {
        if (v->type != bool_type()) { add(bool_const(l, false)); continue; }
        add(binary(l, BinOp::Eq, var_use(l, v), bool_const(l, p->name == "true"), bool_type()));
        continue;
      }
      fail(l, "this pattern is not supported yet; hastec matches variables, _ and number or boolean literals");
    }
    return cond;
  }

  ExprRef lower_clauses(const std::vector<ClauseDef>& clauses, const std::vector<VarRef>& params,
                        const Env& base, Loc loc, const std::string& what, bool fn_clause) {
    struct Lowered {
      ExprRef cond, body;
    };
    std::vector<Lowered> ls;
    std::optional<UnknownResult> unknown;
    for (auto& c : clauses) {
      Env env = base;
      cur_attrs = c.attrs;
      ExprRef cond = match_patterns(c, params, env);
      if (c.guard) {
        ExprRef g = need_bool(expect_value(lower(c.guard, env), c.guard->loc), c.guard->loc, "a guard");
        cond = cond ? if_(g->loc, cond, g, bool_const(g->loc, false), bool_type()) : g;
      }
      try {
        ExprRef body = lower_body(c.body, env);
        ls.push_back({cond, body});
      } catch (UnknownResult& u) {
        if (!unknown) unknown = u;
        continue;
      }
      if (!cond) break;  // later clauses can never match
    }
    if (unknown) {
      for (auto& l : ls)
        if (!unknown->hint) unknown->hint = l.body->type;
      throw *unknown;
    }
    Type t = ls[0].body->type;
    for (auto& l : ls) {
      if (l.body->type != t) {
        if (is_numeric(t) && is_numeric(l.body->type))
          fail(l.body->loc, "the clauses of " + what + " return " + type_name(t) + " and " +
                                type_name(l.body->type) + "; hastec needs one type (write 1.0 for 1)");
        fail(l.body->loc, "the clauses of " + what + " return different types: " + type_name(t) + " and " +
                              type_name(l.body->type));
      }
    }
    ExprRef result;
    if (ls.back().cond) {
      std::string msg = "no function clause matching in ";
      if (fn_clause)
        msg += "anonymous fn/" + std::to_string(params.size()) + (cur ? " in " + cur->display() : "");
      else
        msg += what;
      result = raise(loc, 3 /* HX_ERR_FUNCTION_CLAUSE */, msg, t);
    }
    for (size_t i = ls.size(); i-- > 0;) {
      if (!ls[i].cond) result = ls[i].body;
      else result = if_(ls[i].body->loc, ls[i].cond, ls[i].body, result, t);
    }
    return result;
  }

  ExprRef lower_body(const NodeRef& body, Env& env) {
    if (body->kind == NodeKind::Block) {
      if (body->args.empty()) fail(body->loc, "empty function body (it would return nil)");
      return lower_block(body->args, 0, env);
    }
    return lower_block({body}, 0, env);
  }

  /// Statements i.. of a block: `x = e` binds x for the rest (rebinding makes
  /// a new variable); other non-final statements run for their effects.
  ExprRef lower_block(const std::vector<NodeRef>& stmts, size_t i, Env env) {
    if (stmts.empty()) fail(Loc{}, "empty block");
    const NodeRef& s = stmts[i];
    bool last = i + 1 == stmts.size();
    if (s->kind == NodeKind::Binary && s->name == "=") {
      const NodeRef& pat = s->args[0];
      Value v = lower(s->args[1], env);
      if (pat->kind != NodeKind::Var)
        fail(pat->loc, "only a variable can be bound with = in hastec's Elixir subset (patterns come later)");
      if (pat->name == "_" || pat->name[0] == '_') {
        if (last) fail(s->loc, "the last expression binds only _");
        if (!v.e) return lower_block(stmts, i + 1, env);
        return sequence(s->loc, v.e, lower_block(stmts, i + 1, env));
      }
      if (v.fn) {
        env[pat->name] = Binding{nullptr, v.fn};
        if (last) fail(s->loc, "a function cannot be the result of a function");
        return lower_block(stmts, i + 1, env);
      }
      VarRef var = new_var(prog, pat->name, v.e->type);
      env[pat->name] = Binding{var, nullptr};
      ExprRef rest = last ? var_use(s->loc, var) : lower_block(stmts, i + 1, env);
      return let(s->loc, var, v.e, rest);
    }
    Value v = lower(s, env);
    if (last) return expect_value(v, s->loc);
    if (!v.e) return lower_block(stmts, i + 1, env);
    return sequence(s->loc, v.e, lower_block(stmts, i + 1, env));
  }

  ExprRef lower_if(const NodeRef& n, Env& env) {
    bool unless = n->name == "unless";
    size_t plain = n->args.size() - (n->args.empty() || n->args.back()->kind != NodeKind::KeywordList ? 0 : 1);
    if (plain != 1) fail(n->loc, n->name + " needs a condition and a do: block");
    NodeRef t = n->keyword("do"), e = n->keyword("else");
    if (!t) fail(n->loc, n->name + " needs a do: block");
    if (!e) fail(n->loc, n->name + " without else gives nil when the condition fails; hastec needs an else branch");
    ExprRef c = need_bool(expect_value(lower(n->args[0], env), n->args[0]->loc), n->args[0]->loc, n->name.c_str());
    if (unless) std::swap(t, e);
    // Each branch has its own scope, as in Elixir.
    std::optional<ExprRef> a, b;
    std::optional<UnknownResult> unk;
    try {
      Env e1 = env;
      a = lower_body(t, e1);
    } catch (UnknownResult& u) { unk = u; }
    try {
      Env e2 = env;
      b = lower_body(e, e2);
    } catch (UnknownResult& u) {
      if (!unk) unk = u;
    }
    if (unk) {
      if (!unk->hint) unk->hint = a ? (*a)->type : b ? (*b)->type : nullptr;
      throw *unk;
    }
    if ((*a)->type != (*b)->type)
      fail(n->loc, "the branches of " + n->name + " have different types: " + type_name((*a)->type) + " and " +
                       type_name((*b)->type) + (is_numeric((*a)->type) && is_numeric((*b)->type)
                                                    ? " (hastec needs one type: write 1.0 for 1)"
                                                    : ""));
    return if_(n->loc, c, *a, *b, (*a)->type);
  }

  // ---- specialisation --------------------------------------------------------

  std::string specialise(const FunDef& f, const std::vector<Type>& args, Loc use) {
    attempted.insert(f.display());
    std::string key = f.display() + "(";
    for (size_t i = 0; i < args.size(); i++) key += (i ? "," : "") + type_name(args[i]);
    key += ")";
    auto it = specs.find(key);
    if (it != specs.end()) {
      if (it->second.result) return key;
      throw UnknownResult{key, nullptr};
    }
    if (specs.size() > 10000) fail(use, "too many specialisations of " + f.display() + " (types grow without end?)");
    SpecState& st = specs[key];
    if (f.has_spec && f.spec_args == args) st.result = f.spec_result;
    const FunDef* saved = cur;
    auto saved_attrs = cur_attrs;
    cur = &f;
    std::vector<VarRef> params;
    for (size_t i = 0; i < args.size(); i++) {
      std::string pname = "arg" + std::to_string(i);
      if (f.clauses.size() == 1 && f.clauses[0].params[i]->kind == NodeKind::Var)
        pname = f.clauses[0].params[i]->name;
      params.push_back(new_var(prog, pname, args[i]));
    }
    auto restore = [&] {
      cur = saved;
      cur_attrs = saved_attrs;
    };
    for (int attempt = 0;; attempt++) {
      try {
        ExprRef body = lower_clauses(f.clauses, params, base_env(), f.loc, f.display(), false);
        Type assumed = specs[key].result;
        if (assumed && body->type != assumed) {
          if (f.has_spec && f.spec_args == args)
            fail(f.loc, f.display() + " returns " + type_name(body->type) + " but its @spec says " +
                            type_name(assumed));
          fail(f.loc, "cannot infer the result type of the recursive function " + f.display() +
                          ": add a @spec");
        }
        auto fn = std::make_shared<Function>();
        fn->key = key;
        fn->display = f.display();
        fn->params = params;
        fn->result = body->type;
        fn->body = body;
        fn->loc = f.loc;
        specs[key].result = body->type;
        specs[key].done = true;
        prog.functions.push_back(fn);
        restore();
        return key;
      } catch (UnknownResult& u) {
        if (u.key != key || attempt > 0 || !u.hint) {
          specs.erase(key);
          restore();
          if (u.key == key)
            fail(f.loc, "cannot infer the result type of the recursive function " + f.display() +
                            ": add a @spec");
          throw;
        }
        specs[key].result = u.hint;
      } catch (...) {
        specs.erase(key);
        restore();
        throw;
      }
    }
  }

  /// Functions that no entry point reaches are never typed (their types
  /// come from callers), but constructs outside the subset are still
  /// reported in them, so `hastec check` finds them before any caller does.
  void check_unreached() {
    const std::set<std::string>& reached = attempted;
    static const std::set<std::string> unsupported = {"case", "cond", "with", "for", "receive", "try", "raise",
                                                      "throw", "spawn", "send", "quote"};
    std::function<void(const NodeRef&)> walk = [&](const NodeRef& n) {
      if (!n || diags.too_many()) return;
      if (n->kind == NodeKind::Call && !n->target && unsupported.count(n->name)) {
        diags.error(n->loc, "`" + n->name + "` is not supported in hastec's Elixir subset yet");
        return;
      }
      if (n->kind == NodeKind::String) {
        diags.error(n->loc, "strings are not supported in hastec's Elixir subset yet");
        return;
      }
      if (n->kind == NodeKind::Map) {
        diags.error(n->loc, "maps are not supported in hastec's Elixir subset");
        return;
      }
      for (auto& a : n->args) walk(a);
      walk(n->target);
      walk(n->body);
    };
    for (auto& mn : module_order)
      for (auto& [key, f] : modules.at(mn).funs)
        if (!reached.count(f.display()))
          for (auto& c : f.clauses) {
            walk(c.guard);
            walk(c.body);
          }
  }

  bool lower_all(const std::vector<EntryRequest>& extra, Program& out) {
    std::vector<EntryRequest> reqs;
    for (auto& mn : module_order) {
      const Module& m = modules.at(mn);
      for (auto& k : m.order) {
        const FunDef& f = m.funs.at(k);
        if (f.has_spec && !f.priv) reqs.push_back({m.name, f.name, f.spec_args, true, f.spec_loc});
      }
    }
    for (auto& r : extra) reqs.push_back(r);
    std::set<std::string> seen_symbols;
    for (auto& r : reqs) {
      const FunDef* f = find_fun(r.module, r.name, r.args.size());
      if (!f) {
        diags.error(r.loc, "undefined function " + r.module + "." + r.name + "/" + std::to_string(r.args.size()));
        continue;
      }
      std::string key;
      try {
        key = specialise(*f, r.args, r.loc);
      } catch (SemaError&) {
        continue;
      } catch (UnknownResult&) {
        diags.error(f->loc, "cannot infer the result type of " + f->display() + ": add a @spec");
        continue;
      }
      std::string sym = entry_symbol(r.module, r.name);
      if (!r.from_spec) sym = "hx_run_" + sym;
      if (!seen_symbols.insert(sym).second) continue;
      for (auto& fn : prog.functions) {
        if (fn->key == key) {
          auto nf = std::make_shared<Function>(*fn);
          nf->is_entry = true;
          nf->symbol = sym;
          fn = nf;
        }
      }
      entries.push_back(EntryInfo{r.module, r.name, sym, key, r.args, specs.at(key).result});
    }
    check_unreached();
    if (diags.has_errors()) return false;
    // Entries first, in request order; then helpers in creation order.
    Program p;
    p.next_var_id = prog.next_var_id;
    for (auto& e : entries)
      for (auto& fn : prog.functions)
        if (fn->key == e.key && fn->symbol == e.symbol) p.functions.push_back(fn);
    for (auto& fn : prog.functions)
      if (!fn->is_entry) p.functions.push_back(fn);
    out = std::move(p);
    return true;
  }
};

Sema::Sema(const SourceManager& sm, Diagnostics& diags) : impl_(std::make_unique<Impl>(sm, diags)) {}
Sema::~Sema() = default;

void Sema::add_file(const FileAST& ast) {
  for (auto& n : ast.top) {
    if (n->kind == NodeKind::Call && !n->target && n->name == "defmodule") {
      impl_->collect_module(n);
    } else {
      impl_->diags.error(n->loc, "only defmodule is allowed at the top level of a .hx file");
    }
  }
}

bool Sema::lower(const std::vector<EntryRequest>& extra, ir::Program& out) {
  // A clause that fails stops at its first error; other functions go on.
  try {
    return impl_->lower_all(extra, out);
  } catch (SemaError&) {
    return false;
  }
}

const std::vector<EntryInfo>& Sema::entries() const { return impl_->entries; }

bool Sema::has_public(const std::string& module, const std::string& name, size_t arity) const {
  const FunDef* f = impl_->find_fun(module, name, arity);
  return f && !f->priv;
}

bool Sema::spec_of(const std::string& module, const std::string& name, size_t arity,
                   std::vector<ir::Type>& args, ir::Type& result) const {
  const FunDef* f = impl_->find_fun(module, name, arity);
  if (!f || !f->has_spec) return false;
  args = f->spec_args;
  result = f->spec_result;
  return true;
}

}  // namespace hx
