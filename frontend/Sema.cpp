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

#include "Passes.h"
#include "hxrt_frame_eval.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
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
  bool numerical = false;  ///< defn/defnp: numbers in, tensors out (Nx.Defn)
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
  bool defn = false;  ///< import Nx.Defn
  /// `require Explorer.DataFrame, as: DF`, `alias Explorer.Series`: short -> full name
  std::map<std::string, std::string> aliases;
};

std::string FunDef::display() const { return module->name + "." + name + "/" + std::to_string(arity); }

struct LambdaVal;
struct Value;
/// A tuple holding a function somewhere (`{init_fn, update_fn}`): known at
/// compile time, its members lowered one by one.
using StaticTuple = std::vector<Value>;
struct Binding {
  VarRef var;
  std::shared_ptr<const LambdaVal> fn;
  std::shared_ptr<const StaticTuple> tup;
};
using Env = std::map<std::string, Binding>;

/// A lambda known at compile time: its clauses and the scope it closes over,
/// or a lambda the compiler provides (Polaris's optimizers), which lowers a
/// call itself.
struct LambdaVal {
  std::vector<ClauseDef> clauses;  ///< each with params/guard/body
  Env env;
  const FunDef* context = nullptr;
  Loc loc;
  std::function<ExprRef(const std::vector<ExprRef>&, Loc)> native;
  size_t native_arity = 0;
  std::string native_key;  ///< a native lambda's identity: its name and constants
  size_t arity() const { return native ? native_arity : clauses.empty() ? 0 : clauses[0].params.size(); }
};

/// The result of lowering an expression: a value, a compile-time lambda or a
/// compile-time tuple holding lambdas.
struct Value {
  ExprRef e;
  std::shared_ptr<const LambdaVal> fn;
  std::shared_ptr<const StaticTuple> tup;
  Value(ExprRef x = nullptr, std::shared_ptr<const LambdaVal> f = nullptr,
        std::shared_ptr<const StaticTuple> t = nullptr)
      : e(std::move(x)), fn(std::move(f)), tup(std::move(t)) {}
};

struct SpecState {
  bool done = false;
  Type result = nullptr;
};

const std::set<std::string> kEnumFuns = {
    "map",   "filter",     "reject", "reduce",  "sum",  "product", "count",   "min",    "max",
    "to_list", "zip",      "zip_with", "with_index", "all?", "any?", "scan", "take", "drop",
    "reverse", "sort",     "min_by", "max_by"};
const std::set<std::string> kMathFuns = {"sqrt", "exp",  "log", "log2", "log10", "pow", "sin",
                                         "cos",  "tan",  "tanh", "atan", "atan2", "pi"};

}  // namespace

struct Sema::Impl {
  const SourceManager& sm;
  Diagnostics& diags;
  std::map<std::string, Module> modules;
  std::vector<std::string> module_order;
  Program prog;
  std::map<std::string, SpecState> specs;
  std::set<std::string> attempted;  ///< display names of functions Sema tried to type
  std::set<std::string> rejected_defs;  ///< "M.f/N" of defs refused at collection
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
      if (s->kind == NodeKind::Call && !s->target &&
          (s->name == "def" || s->name == "defp" || s->name == "defn" || s->name == "defnp")) {
        collect_def(m, s, attrs);
      } else if (s->kind == NodeKind::Unary && s->name == "@") {
        collect_attr(m, s, attrs, pending_specs);
      } else if (s->kind == NodeKind::Call && !s->target && s->name == "import") {
        if (s->args.size() == 1 && alias_name(s->args[0]) == "Bitwise") m.bitwise = true;
        else if (s->args.size() == 1 && alias_name(s->args[0]) == "Nx.Defn") m.defn = true;
        else diags.error(s->loc, "only `import Bitwise` and `import Nx.Defn` are supported in hastec's Elixir subset");
      } else if (s->kind == NodeKind::Call && !s->target && (s->name == "alias" || s->name == "require") &&
                 !s->args.empty() && alias_name(s->args[0]).rfind("Explorer.", 0) == 0) {
        // require Explorer.DataFrame, as: DF / alias Explorer.Series
        std::string full = alias_name(s->args[0]);
        std::string as = full.substr(full.rfind('.') + 1);
        if (NodeRef a = s->keyword("as")) {
          if (alias_name(a).empty()) diags.error(a->loc, "as: needs a module name");
          else as = alias_name(a);
        }
        if (full != "Explorer.DataFrame" && full != "Explorer.Series")
          diags.error(s->loc, full + " is not part of hastec's Explorer subset (Explorer.DataFrame and "
                                     "Explorer.Series are)");
        m.aliases[as] = full;
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
    if ((s->name == "defn" || s->name == "defnp") && !m.defn) {
      diags.error(s->loc, s->name + " needs `import Nx.Defn` in the module");
      return;
    }
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
        rejected_defs.insert(m.name + "." + name + "/" + std::to_string(params.size()));
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
      f.priv = s->name == "defp" || s->name == "defnp";
      f.numerical = s->name == "defn" || s->name == "defnp";
      f.loc = s->loc;
      it = m.funs.emplace(key, std::move(f)).first;
      m.order.push_back(key);
    } else if (it->second.priv != (s->name == "defp" || s->name == "defnp")) {
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
      if (rejected_defs.count(m.name + "." + key)) return;  // already reported at the def
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

  /// An Nx tensor in a @spec: Hx.tensor(type, {d0, ...}), type :f32 :f64
  /// :s32 :s64 :u8 or {:f, 32}...; shapes are static (docs/c-abi.md).
  Type spec_tensor_type(const NodeRef& n) {
    const NodeRef& tn = n->args[0];
    std::string name;
    if (tn->kind == NodeKind::Atom) name = tn->name;
    else if (tn->kind == NodeKind::Tuple && tn->args.size() == 2 && tn->args[0]->kind == NodeKind::Atom &&
             tn->args[1]->kind == NodeKind::Int)
      name = tn->args[0]->name + std::to_string(tn->args[1]->int_value);
    Type elem = name == "f32" ? f32_type() : name == "f64" ? float_type() : name == "s32" ? i32_type()
              : name == "s64" ? int_type() : name == "u8" ? int_type() : nullptr;
    if (!elem) {
      diags.error(tn->loc, "expected a tensor type :f32, :f64, :s32, :s64 or :u8 (or {:f, 32} ...) in Hx.tensor/2");
      return nullptr;
    }
    const NodeRef& sn = n->args[1];
    std::vector<int64_t> dims;
    if (sn->kind == NodeKind::Tuple)
      for (auto& d : sn->args)
        if (d->kind == NodeKind::Int && d->int_value > 0) dims.push_back(d->int_value);
    if (sn->kind != NodeKind::Tuple || dims.size() != sn->args.size() || dims.size() > 4) {
      diags.error(sn->loc, "expected a static shape in Hx.tensor/2: a tuple of 0 to 4 positive integers, "
                           "such as {2, 3} or {} (hastec compiles per shape, as defn does)");
      return nullptr;
    }
    // u8: Nx's u8 (bytes across the C ABI, 64-bit integers inside: hxrt_tensor_invoke converts)
    return name == "u8" ? narrow_tensor_type(NxInt::U8, dims) : tensor_type(elem, dims);
  }

  /// integer() float() boolean() [t] list(t) {t, u} Hx.i32() Hx.f32()
  /// Hx.tensor(type, shape)
  Type spec_type(const NodeRef& n) {
    if (n->kind == NodeKind::Call && n->target && alias_name(n->target) == "Hx" && n->name == "tensor" &&
        n->args.size() == 2)
      return spec_tensor_type(n);
    if (n->kind == NodeKind::Call && n->target && alias_name(n->target) == "Nx.Tensor" && n->name == "t") {
      diags.error(n->loc, "Nx.Tensor.t() has no shape or type: write Hx.tensor(:f32, {2, 3}) "
                          "(entry points are compiled per shape)");
      return nullptr;
    }
    if (n->kind == NodeKind::Atom && n->name != "true" && n->name != "false" && n->name != "nil")
      return atom_type(n->name);  // an atom is its own type
    if (n->kind == NodeKind::Call && !n->target && n->args.empty()) {
      if (n->name == "atom") {
        diags.error(n->loc, "atom() in a @spec: hastec knows which atom a value holds at compile time; write the "
                            "atom itself (:ok)");
        return nullptr;
      }
      if (n->name == "integer") return int_type();
      if (n->name == "float") return float_type();
      if (n->name == "boolean") return bool_type();
    }
    if (n->kind == NodeKind::Call && n->target && alias_name(n->target) == "Hx" && n->args.empty()) {
      if (n->name == "i32") return i32_type();
      if (n->name == "f32") return f32_type();
    }
    if (n->kind == NodeKind::Call && !n->target && n->name == "list" && n->args.size() == 1) {
      Type e = spec_type(n->args[0]);
      if (is_tensor(e)) {
        diags.error(n->loc, "lists of tensors are not supported in entry points yet");
        return nullptr;
      }
      return e ? list_type(e) : nullptr;
    }
    if (n->kind == NodeKind::List && n->args.size() == 1) {
      Type e = spec_type(n->args[0]);
      if (is_tensor(e)) {
        diags.error(n->loc, "lists of tensors are not supported in entry points yet");
        return nullptr;
      }
      if (e && e->kind == TypeKind::List) {
        diags.error(n->loc, "lists of lists are not supported yet in hastec's Elixir subset");
        return nullptr;
      }
      return e ? list_type(e) : nullptr;
    }
    if (n->kind == NodeKind::Tuple && n->args.size() >= 1) {
      std::vector<Type> ms;
      for (auto& a : n->args) {
        Type t = spec_type(a);
        if (!t) return nullptr;
        if (is_tensor(t)) {
          diags.error(a->loc, "tensors inside tuples are not supported in entry points yet");
          return nullptr;
        }
        ms.push_back(t);
      }
      return tuple_type(ms);
    }
    std::string what = n->kind == NodeKind::Call ? n->name + "()" : "this type";
    diags.error(n->loc, "unsupported type in @spec: " + what +
                            " (hastec knows integer(), float(), boolean(), Hx.i32(), Hx.f32(), [t], list(t), tuples and atoms (:ok))");
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

  /// Why the compile-time value v (or a part of it) cannot be run-time data.
  std::string static_problem(const Value& v) const {
    if (v.tup) {
      for (auto& x : *v.tup)
        if (!x.e && !(x.fn && !x.fn->native)) {
          std::string p = static_problem(x);
          if (p.rfind("a function", 0) != 0) return p;
        }
    } else if (string_of(v)) {
      return "a string cannot be used here: strings are compile-time values in hastec's Elixir subset (file paths, "
             "column names and options), not run-time data yet";
    } else if (frame_of(v)) {
      return "a data frame cannot be used here: hastec's frames are compile-time recipes; make a tensor of it "
             "(Nx.stack(df, axis: -1), Explorer.Series.to_tensor/1)";
    } else if (is_atom_value(v)) {
      std::string a = v.fn->native_key.substr(5);
      return "atoms (:" + a + ") are not supported here: :" + a +
             " is what this call gives in Elixir; hastec has no run-time atoms";
    }
    return "a function value cannot be used here: call it (f.(x)), or pass it to a function or to Enum.map and "
           "friends";
  }

  ExprRef expect_value(const Value& v, Loc loc) {
    if (!v.e) fail(loc, static_problem(v));
    return v.e;
  }

  ExprRef to_float(ExprRef e) {
    if (is_floating(e->type)) return e;
    return cast_to(e, e->type == i32_type() ? f32_type() : float_type());
  }

  static bool is_literal(const ExprRef& e) {
    return e->kind == ExprKind::IntConst || e->kind == ExprKind::FloatConst;
  }

  /// Converts a number to type t: constants are retyped, values cast.
  ExprRef cast_to(const ExprRef& e, Type t) {
    if (e->type == t) return e;
    if (e->kind == ExprKind::IntConst) {
      if (is_integer(t)) return int_const(e->loc, t == i32_type() ? int64_t(int32_t(e->int_value)) : e->int_value, t);
      return float_const(e->loc, t == f32_type() ? double(float(e->int_value)) : double(e->int_value), t);
    }
    if (e->kind == ExprKind::FloatConst && is_floating(t))
      return float_const(e->loc, t == f32_type() ? double(float(e->float_value)) : e->float_value, t);
    return unary(e->loc, UnOp::Cast, e, t);
  }

  /// The atom :name as a value: its own type, zero-size. Only the atoms
  /// Elixir prints without quotes (:ok, :f, :ok?, :Foo, :a@b).
  ExprRef atom_literal(const NodeRef& n) {
    const std::string& a = n->name;
    bool ok = !a.empty() && (std::isalpha((unsigned char)a[0]) || a[0] == '_');
    for (size_t i = 1; ok && i < a.size(); i++) {
      unsigned char c = (unsigned char)a[i];
      bool last = i + 1 == a.size();
      ok = std::isalnum(c) || c == '_' || c == '@' || (last && (c == '?' || c == '!'));
    }
    if (!ok)
      fail(n->loc, "the atom :\"" + a + "\" needs quotes when printed; hastec supports atoms that are plain names "
                   "(:ok, :error, :f)");
    return ir::atom_value(n->loc, atom_type(a));
  }

  /// Why a value needing one type got two: names run-time atoms when the
  /// two types differ only in which atoms they hold.
  static std::string atom_hint(Type a, Type b) {
    if (!contains_atom(a) && !contains_atom(b)) return "";
    return " (an atom is known at compile time in hastec: one variable or result cannot hold different atoms, "
           "which needs run-time atoms)";
  }

  /// `a == b` (ne: `a != b`, strict: === / !==) where a or b holds tuples or
  /// atoms: member by member, as Elixir compares terms. Atoms are decided by
  /// their types at compile time, so is a size or type mismatch; the rest
  /// compares as scalars. Both sides are still evaluated, in order.
  ExprRef term_equal(Loc loc, ExprRef a, ExprRef b, bool ne, bool strict, const std::string& op) {
    std::vector<std::pair<VarRef, ExprRef>> lets;
    auto name = [&](ExprRef e) -> ExprRef {
      if (is_trivial_value(e)) return e;
      VarRef v = new_var(prog, "cmp", e->type);
      lets.push_back({v, e});
      return var_use(loc, v);
    };
    a = name(a);
    b = name(b);
    ExprRef r = term_equal_parts(loc, a, b, strict, op);
    if (ne) r = r->kind == ExprKind::BoolConst ? bool_const(loc, !r->int_value) : unary(loc, UnOp::Not, r, bool_type());
    return wrap_lets(lets, r);
  }
  static bool is_trivial_value(const ExprRef& e) {
    switch (e->kind) {
      case ExprKind::IntConst: case ExprKind::FloatConst: case ExprKind::BoolConst: case ExprKind::VarUse: return true;
      case ExprKind::Tuple:
        for (auto& x : e->args)
          if (!is_trivial_value(x)) return false;
        return !is_tensor(e->type);
      default: return false;
    }
  }
  ExprRef part(Loc loc, const ExprRef& t, size_t i) {
    return t->kind == ExprKind::Tuple ? t->args[i] : tuple_get(loc, t, int(i));
  }
  ExprRef term_equal_parts(Loc loc, const ExprRef& a, const ExprRef& b, bool strict, const std::string& op) {
    Type ta = a->type, tb = b->type;
    if (is_atom(ta) || is_atom(tb)) return bool_const(loc, ta == tb);
    bool tup_a = ta->kind == TypeKind::Tuple, tup_b = tb->kind == TypeKind::Tuple;
    if (tup_a || tup_b) {
      if (is_tensor(ta) || is_tensor(tb))
        fail(loc, "`" + op + "` on " + type_name(ta) + " and " + type_name(tb) + " is not supported by hastec");
      // maps: equal keys (sorted in the type), then values member by member
      if (!tup_a || !tup_b || ta->members.size() != tb->members.size() || ta->keys != tb->keys)
        return bool_const(loc, false);
      ExprRef r = bool_const(loc, true);
      for (size_t i = 0; i < ta->members.size(); i++) {
        ExprRef m = term_equal_parts(loc, part(loc, a, i), part(loc, b, i), strict, op);
        if (m->kind == ExprKind::BoolConst && !m->int_value) return bool_const(loc, false);
        if (r->kind == ExprKind::BoolConst) r = m;
        else if (m->kind != ExprKind::BoolConst) r = if_(loc, r, m, bool_const(loc, false), bool_type());
      }
      return r;
    }
    if (ta == bool_type() || tb == bool_type()) {
      if (ta != tb) return bool_const(loc, false);
      return binary(loc, BinOp::Eq, a, b, bool_type());
    }
    if (is_numeric(ta) && is_numeric(tb)) {
      if (strict && is_floating(ta) != is_floating(tb)) return bool_const(loc, false);
      ExprRef x = a, y = b;
      unify_numeric(x, y, loc, op);
      if (x->kind == ExprKind::IntConst && y->kind == ExprKind::IntConst) return bool_const(loc, x->int_value == y->int_value);
      return binary(loc, BinOp::Eq, x, y, bool_type());
    }
    fail(loc, "`" + op + "` on " + type_name(ta) + " and " + type_name(tb) + " is not supported by hastec");
  }

  ExprRef need_bool(const ExprRef& e, Loc loc, const char* what) {
    if (e->type != bool_type())
      fail(loc, std::string(what) + " needs a boolean, got " + type_name(e->type) +
                    " (hastec has no truthiness for other types)");
    return e;
  }

  /// Numeric operands of one type, as Elixir promotes: integers meet floats
  /// as floats. The narrow types (Hx.i32, Hx.f32) stay narrow against
  /// literals and each other, and widen against 64-bit values.
  void unify_numeric(ExprRef& a, ExprRef& b, Loc loc, const std::string& op) {
    if (!is_numeric(a->type) || !is_numeric(b->type))
      fail(loc, "`" + op + "` needs numbers, got " + type_name(a->type) + " and " + type_name(b->type));
    if (a->type == b->type) return;
    bool fl = is_floating(a->type) || is_floating(b->type);
    auto narrow = [&](const ExprRef& e) {
      return is_literal(e) || e->type == i32_type() || e->type == f32_type();
    };
    bool any_narrow_type = a->type == i32_type() || a->type == f32_type() || b->type == i32_type() ||
                           b->type == f32_type();
    bool stay_narrow = any_narrow_type && narrow(a) && narrow(b);
    Type t = fl ? (stay_narrow ? f32_type() : float_type()) : (stay_narrow ? i32_type() : int_type());
    a = cast_to(a, t);
    b = cast_to(b, t);
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
        return {atom_literal(n)};
      case NodeKind::String: return string_value(n->loc, n->name);
      case NodeKind::Var: return lower_var(n, env);
      case NodeKind::CaptureArg: {
        std::string name = "&" + std::to_string(n->int_value);
        auto it = env.find(name);
        if (it == env.end()) fail(n->loc, "&" + std::to_string(n->int_value) + " outside a capture &(...)");
        return binding_value(it->second, n->loc);  // a function, frame or string argument is static
      }
      case NodeKind::List: return lower_list(n, env);
      case NodeKind::Tuple: {
        std::vector<Value> vs;
        bool fns = false;
        for (auto& a : n->args) {
          vs.push_back(lower(a, env));
          fns |= !vs.back().e;
        }
        if (vs.size() < 2) fail(n->loc, "tuples of fewer than two elements are not supported");
        if (fns) return {nullptr, nullptr, std::make_shared<const StaticTuple>(std::move(vs))};
        std::vector<ExprRef> es;
        for (auto& v : vs) es.push_back(v.e);
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
        return {lower_map(n, env)};
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
    if (!it->second.var) return {nullptr, it->second.fn, it->second.tup};
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
    if (t->kind == TypeKind::List) fail(n->loc, "lists of lists are not supported yet in hastec's Elixir subset");
    bool any_float = false, all_num = true;
    for (auto& e : es) {
      any_float |= e->type == float_type();
      all_num &= is_numeric(e->type);
      if (e->type != t && !(all_num && is_numeric(t)))
        fail(e->loc, "list elements must share one type: " + type_name(t) + " and " + type_name(e->type));
    }
    if (any_float && all_num && t != float_type())
      fail(n->loc, "list mixes integers and floats; hastec lists hold one type (write 1.0 for 1)");
    for (auto& e : es)
      if (e->type != t) fail(e->loc, "list elements must share one type: " + type_name(t) + " and " + type_name(e->type));
    return {list_lit(n->loc, t, es)};
  }

  Value lower_unary(const NodeRef& n, Env& env) {
    const std::string& op = n->name;
    if (op == "@") return lower_attr(n);
    if (op == "&") return {nullptr, make_capture(n, env)};
    if (op == "^") fail(n->loc, "the pin operator ^ is only allowed in patterns");
    ExprRef a = expect_value(lower(n->args[0], env), n->args[0]->loc);
    if (op == "-" && is_tensor(a->type)) {
      if (!(cur && cur->numerical))
        fail(n->loc, "outside defn, unary `-` on a tensor raises ArithmeticError in Elixir: write Nx.negate/1, "
                     "or use the operator inside defn");
      return {nx_map1(n->loc, a, "negate")};
    }
    if (op == "-") {
      if (!is_numeric(a->type)) fail(n->loc, "unary - needs a number, got " + type_name(a->type));
      return {unary(n->loc, UnOp::Neg, a, a->type)};
    }
    if (op == "+") {
      if (!is_numeric(a->type)) fail(n->loc, "unary + needs a number, got " + type_name(a->type));
      return {a};
    }
    if (op == "~~~") {
      if (!cur || !cur->module->bitwise) fail(n->loc, "the operator ~~~ needs `import Bitwise` in the module");
      if (!is_integer(a->type)) fail(n->loc, "~~~ needs an integer, got " + type_name(a->type));
      return {unary(n->loc, UnOp::BNot, a, a->type)};
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
    if (string_of(v)) return v;  // a path or a name: a compile-time value
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
    if (op == "**" && cur && cur->numerical) {
      // inside defn, ** is Nx.pow (numbers become tensors, as defn's arguments do)
      ExprRef a = expect_value(lower(n->args[0], env), n->args[0]->loc);
      ExprRef b = expect_value(lower(n->args[1], env), n->args[1]->loc);
      return {nx_binary(loc, "pow", a, b)};
    }
    if (arith.count(op) || cmp.count(op) || op == "/") {
      ExprRef a = expect_value(lower(n->args[0], env), n->args[0]->loc);
      ExprRef b = expect_value(lower(n->args[1], env), n->args[1]->loc);
      if (is_tensor(a->type) || is_tensor(b->type)) {
        static const std::map<std::string, std::string> nx_ops = {
            {"+", "add"}, {"-", "subtract"}, {"*", "multiply"}, {"/", "divide"}, {"==", "equal"},
            {"!=", "not_equal"}, {"<", "less"}, {"<=", "less_equal"}, {">", "greater"}, {">=", "greater_equal"},
            {"**", "pow"}};
        if (!nx_ops.count(op)) fail(loc, "the operator " + op + " is not supported on tensors");
        if (cmp.count(op) && !(cur && cur->numerical))
          fail(loc, "outside defn, `" + op + "` compares tensors as Elixir terms (a boolean), not element by "
                    "element: write Nx." + nx_ops.at(op) + "/2, or use the operator inside defn");
        if (!(cur && cur->numerical))
          fail(loc, "outside defn, `" + op + "` on a tensor raises ArithmeticError in Elixir: write Nx." +
                        nx_ops.at(op) + "/2, or use the operator inside defn");
        return {nx_binary(loc, nx_ops.at(op), a, b)};
      }
      if (op == "/") {
        unify_numeric(a, b, loc, op);
        a = to_float(a);
        b = to_float(b);
        return {binary(loc, BinOp::FDiv, a, b, a->type)};
      }
      if (arith.count(op)) {
        unify_numeric(a, b, loc, op);
        return {binary(loc, arith.at(op), a, b, a->type)};
      }
      BinOp c = cmp.at(op);
      bool strict = op == "===" || op == "!==";
      if ((c == BinOp::Eq || c == BinOp::Ne) &&
          (a->type->kind == TypeKind::Tuple || b->type->kind == TypeKind::Tuple))
        return {term_equal(loc, a, b, c == BinOp::Ne, strict, op)};
      if (is_atom(a->type) || is_atom(b->type))
        fail(loc, "`" + op + "` on atoms (" + type_name(a->type) + ", " + type_name(b->type) +
                      ") is not supported by hastec; == and != are");
      if (a->type == bool_type() && b->type == bool_type() && (c == BinOp::Eq || c == BinOp::Ne))
        return {binary(loc, c, a, b, bool_type())};
      if (strict && is_numeric(a->type) && is_numeric(b->type) && a->type != b->type) {
        // 1 === 1.0 is false: the types differ. Still evaluate both sides.
        return {sequence(loc, a, sequence(loc, b, bool_const(loc, c == BinOp::Ne)))};
      }
      unify_numeric(a, b, loc, op);
      return {binary(loc, c, a, b, bool_type())};
    }
    static const std::map<std::string, std::string> bitops = {
        {"&&&", "band"}, {"|||", "bor"}, {"^^^", "bxor"}, {"<<<", "bsl"}, {">>>", "bsr"}};
    if (bitops.count(op)) {
      if (!cur || !cur->module->bitwise) fail(loc, "the operator " + op + " needs `import Bitwise` in the module");
      NodeRef c = make_call(loc, nullptr, bitops.at(op), {n->args[0], n->args[1]}, true);
      return *lower_bitwise(c, bitops.at(op), env);
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
      if (f == "case") return {lower_case(n, env)};
      if (f == "cond") return {lower_cond(n, env)};
      if (f == "with" || f == "for" || f == "receive" || f == "try" ||
          f == "raise" || f == "throw" || f == "spawn" || f == "send" || f == "quote")
        fail(n->loc, "`" + f + "` is not supported in hastec's Elixir subset yet");
      if (f == "def" || f == "defp" || f == "defmodule")
        fail(n->loc, "`" + f + "` is only allowed at the top of a module");
      if (cur && cur->module->defn && !find_fun(cur->module->name, f, n->args.size())) {
        // Nx.Defn.Kernel
        if (f == "grad" || f == "value_and_grad") return {lower_grad(n, env, f == "value_and_grad")};
        if (f == "stop_grad" && n->args.size() == 1) {
          ExprRef a = tape_in(expect_value(lower(n->args[0], env), n->args[0]->loc));
          return {tape_out(a, TapeNode{"stop_grad", n->loc, {a}})};
        }
      }
      if (auto v = lower_kernel(n, f, env)) return *v;
      if (cur && find_fun(cur->module->name, f, n->args.size()))
        return lower_user_call(n, cur->module->name, f, n->args, env, false);
      undefined_function(n, cur ? cur->module->name : "", f, n->args.size(), true);
    }
    const NodeRef& t = n->target;
    if (t->kind == NodeKind::Alias) {
      std::string full = module_alias(t->name);
      if (full == "Explorer.DataFrame" || full == "Explorer.Series") return lower_explorer(n, full, env);
      if (full == "IO" && n->name == "inspect" && n->args.size() == 1) return lower_inspect(n, env);
      if (t->name == "Access" && n->name == "get" && n->args.size() == 2) {
        Value v = lower(n->args[0], env);
        if (auto fr = frame_of(v)) return frame_select(n, *fr, n->args[1]);
      }
      if (t->name == "Enum" || t->name == "Flow") return lower_enum(n, env);
      if ((t->name == "Access" && n->name == "get" && n->args.size() == 2) ||
          (t->name == "Map" && (n->name == "get" || n->name == "fetch!") && n->args.size() == 2)) {
        // m[:k], Map.get(m, :k), Map.fetch!(m, :k) with a literal atom key
        ExprRef m = expect_value(lower(n->args[0], env), n->args[0]->loc);
        if (t->name == "Access" && is_tensor(m->type)) return {tensor_access(n, m, env)};
        if (!is_map(m->type))
          fail(n->loc, t->name + "." + n->name + "/2 needs a map here (hastec's maps have atom keys), got " +
                           type_name(m->type));
        if (n->args[1]->kind != NodeKind::Atom) fail(n->args[1]->loc, "hastec needs a literal atom key here (:k)");
        return {map_field(n->loc, m, n->args[1]->name)};
      }
      if (t->name == "Float") return lower_float_mod(n, env);
      if (t->name == "Nx.Random") return lower_nx_random(n, env);
      if (t->name == "Nx") return lower_nx(n, env);
      if (t->name == "Polaris.Optimizers" || t->name == "Polaris.Updates") return lower_polaris(n, env);
      if (t->name == "Hx.Loop" && (n->name == "run" || n->name == "trainer")) return lower_loop(n, env);
      if (t->name == "Hx.Loop.Runtime") return lower_loop_runtime(n, env);
      if (t->name == "Hx.Checkpoint") return lower_checkpoint(n, env);
      if (t->name == "Bitwise") {
        if (auto v = lower_bitwise(n, n->name, env)) return *v;
        fail(n->loc, "Bitwise." + n->name + "/" + std::to_string(n->args.size()) + " is not supported by hastec");
      }
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
    if (t->kind == NodeKind::Atom && t->name == "math") return lower_math(n, env);
    if (t->kind == NodeKind::Atom)
      fail(n->loc, "the Erlang module :" + t->name + " is not supported by hastec (only :math is)");
    if (!n->name.empty() && n->args.empty() && !n->has_parens) {
      // m.k: a map's field
      ExprRef m = expect_value(lower(t, env), t->loc);
      return {map_field(n->loc, m, n->name)};
    }
    if (n->name.empty() && n->has_parens) {
      // f.(args)
      Value fv = lower(t, env);
      if (!fv.fn)
        fail(t->loc, "f.(...) calls a function value (fn x -> ... end, &f/1), got " +
                         (fv.e ? type_name(fv.e->type) : std::string("a tuple")));
      std::vector<Value> as;
      for (auto& a : n->args) as.push_back(lower(a, env));
      return call_lambda(*fv.fn, as, n->loc);
    }
    fail(n->loc, "this call is not supported in hastec's Elixir subset");
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
      if (!is_integer(a->type) || !is_integer(b->type))
        fail(loc, f + "/2 needs two integers, got " + type_name(a->type) + " and " + type_name(b->type));
      unify_numeric(a, b, loc, f);  // Hx.i32 with a literal stays Hx.i32
      return Value{binary(loc, f == "div" ? BinOp::IDiv : BinOp::Rem, a, b, a->type)};
    }
    if (f == "then" && k == 2) {
      // Kernel.then(value, fun): fun.(value)
      Value x = lower(n->args[0], env);
      const NodeRef& g = n->args[1];
      if (!x.e && g->kind == NodeKind::Unary && g->name == "&" && g->args[0]->kind != NodeKind::Binary) {
        // then(df, &DF.concat_columns([&1, ...])): a compile-time value
        // (frame, string, function) goes through the capture's body directly
        Env inner = env;
        inner["&1"] = Binding{nullptr, x.fn, x.tup};
        return lower(g->args[0], inner);
      }
      Value fv = lower(n->args[1], env);
      if (!fv.fn || (fv.fn->native && fv.fn->native_arity == 0))
        fail(n->args[1]->loc, "then/2 needs a function of one argument (fn x -> ... end, &f(&1))");
      return call_lambda(*fv.fn, {x}, loc);
    }
    if (f == "abs" && k == 1) {
      ExprRef a = arg(0);
      if (!is_numeric(a->type)) fail(loc, "abs/1 needs a number, got " + type_name(a->type));
      return Value{unary(loc, UnOp::Abs, a, a->type)};
    }
    if ((f == "min" || f == "max") && k == 2) {
      ExprRef a = arg(0), b = arg(1);
      if ((is_tensor(a->type) || is_tensor(b->type)) && cur && cur->numerical) return Value{nx_binary(loc, f, a, b)};
      if (!is_numeric(a->type) || !is_numeric(b->type))
        fail(loc, f + "/2 needs numbers, got " + type_name(a->type) + " and " + type_name(b->type));
      if (a->type != b->type)
        fail(loc, f + "/2 of " + type_name(a->type) + " and " + type_name(b->type) +
                      " returns either type in Elixir; convert one side first (x * 1.0 or trunc(x))");
      return Value{binary(loc, f == "min" ? BinOp::Min : BinOp::Max, a, b, a->type)};
    }
    if ((f == "trunc" || f == "round") && k == 1) {
      ExprRef a = arg(0);
      if (is_integer(a->type)) return Value{a};
      if (!is_floating(a->type)) fail(loc, f + "/1 needs a number, got " + type_name(a->type));
      return Value{unary(loc, f == "trunc" ? UnOp::Trunc : UnOp::Round, a, int_type())};
    }
    if ((f == "is_integer" || f == "is_float" || f == "is_number" || f == "is_boolean") && k == 1) {
      ExprRef a = arg(0);
      bool r = f == "is_integer" ? is_integer(a->type)
             : f == "is_float"   ? is_floating(a->type)
             : f == "is_number"  ? is_numeric(a->type)
                                 : a->type == bool_type();
      return Value{sequence(loc, a, bool_const(loc, r))};
    }
    if (f == "elem" && k == 2) {
      ExprRef t = arg(0);
      if (t->type->kind != TypeKind::Tuple) fail(loc, "elem/2 needs a tuple, got " + type_name(t->type));
      const NodeRef& ix = n->args[1];
      if (ix->kind != NodeKind::Int)
        fail(ix->loc, "elem/2 needs a literal index in hastec (tuple members may differ in type)");
      if (ix->int_value < 0 || size_t(ix->int_value) >= t->type->members.size())
        fail(ix->loc, "elem/2 index " + std::to_string(ix->int_value) + " is out of range for a tuple of " +
                          std::to_string(t->type->members.size()));
      return Value{tuple_get(loc, t, int(ix->int_value))};
    }
    if (f == "tuple_size" && k == 1) {
      ExprRef t = arg(0);
      if (t->type->kind != TypeKind::Tuple) fail(loc, "tuple_size/1 needs a tuple, got " + type_name(t->type));
      return Value{sequence(loc, t, int_const(loc, int64_t(t->type->members.size())))};
    }
    if (cur && cur->module->bitwise) {
      if (auto v = lower_bitwise(n, f, env)) return v;
    }
    if (f == "length" && k == 1) {
      ExprRef a = arg(0);
      if (a->type->kind != TypeKind::List) fail(loc, "length/1 needs a list, got " + type_name(a->type));
      return Value{ir::length(loc, a)};
    }
    return std::nullopt;
  }

  /// Bitwise.band/bor/bxor/bnot/bsl/bsr (under `import Bitwise`, or called
  /// as Bitwise.f).
  std::optional<Value> lower_bitwise(const NodeRef& n, const std::string& f, Env& env) {
    static const std::map<std::string, BinOp> ops = {
        {"band", BinOp::BAnd}, {"bor", BinOp::BOr}, {"bxor", BinOp::BXor}, {"bsl", BinOp::Shl}, {"bsr", BinOp::Shr}};
    size_t k = n->args.size();
    if (f == "bnot" && k == 1) {
      ExprRef a = expect_value(lower(n->args[0], env), n->args[0]->loc);
      if (!is_integer(a->type)) fail(n->loc, "bnot/1 needs an integer, got " + type_name(a->type));
      return Value{unary(n->loc, UnOp::BNot, a, a->type)};
    }
    auto it = ops.find(f);
    if (it == ops.end() || k != 2) return std::nullopt;
    ExprRef a = expect_value(lower(n->args[0], env), n->args[0]->loc);
    ExprRef b = expect_value(lower(n->args[1], env), n->args[1]->loc);
    if (!is_integer(a->type) || !is_integer(b->type))
      fail(n->loc, f + "/2 needs integers, got " + type_name(a->type) + " and " + type_name(b->type));
    unify_numeric(a, b, n->loc, f);
    return Value{binary(n->loc, it->second, a, b, a->type)};
  }

  Value lower_math(const NodeRef& n, Env& env) {
    const std::string& f = n->name;
    size_t k = n->args.size();
    size_t want = f == "pi" ? 0 : (f == "pow" || f == "atan2") ? 2 : 1;
    if (!kMathFuns.count(f) || k != want) {
      std::vector<std::string> names(kMathFuns.begin(), kMathFuns.end());
      std::string msg = ":math." + f + "/" + std::to_string(k) + " is not supported by hastec";
      std::string close = closest_name(f, names);
      if (!close.empty()) msg += " (did you mean :math." + close + "?)";
      fail(n->loc, msg);
    }
    if (f == "pi") return {float_const(n->loc, 3.141592653589793)};
    std::vector<ExprRef> as;
    Type t = float_type();
    for (auto& a : n->args) {
      ExprRef e = expect_value(lower(a, env), a->loc);
      if (!is_numeric(e->type)) fail(a->loc, ":math." + f + " needs numbers, got " + type_name(e->type));
      as.push_back(e);
    }
    // Hx.f32 stays f32 when every operand is f32; everything else is float.
    bool all_f32 = true;
    for (auto& e : as) all_f32 &= e->type == f32_type();
    t = all_f32 ? f32_type() : float_type();
    for (auto& e : as) e = cast_to(e, t);
    return {math(n->loc, f, as, t)};
  }

  Value lower_float_mod(const NodeRef& n, Env& env) {
    const std::string& f = n->name;
    if ((f == "floor" || f == "ceil" || f == "round") && n->args.size() == 1) {
      ExprRef a = expect_value(lower(n->args[0], env), n->args[0]->loc);
      if (!is_floating(a->type)) fail(n->loc, "Float." + f + "/1 needs a float, got " + type_name(a->type));
      return {math(n->loc, f == "round" ? "round" : f, {a}, a->type)};
    }
    fail(n->loc, "Float." + f + "/" + std::to_string(n->args.size()) +
                     " is not supported by hastec (Float.floor/1, Float.ceil/1 and Float.round/1 are)");
  }

  Value lower_user_call(const NodeRef& n, const std::string& module, const std::string& name,
                        const std::vector<NodeRef>& args, Env& env, bool) {
    const FunDef* f = find_fun(module, name, args.size());
    if (tape_) return {trace_user_call(n, *f, args, env)};
    std::vector<Value> vs;
    bool statics = false;
    for (auto& a : args) {
      vs.push_back(lower(a, env));
      statics |= !vs.back().e;
    }
    if (returns_function(*f)) return inline_static_call(n, *f, vs);
    std::vector<ExprRef> es;
    std::vector<Type> ts;
    if (!statics) {
      for (auto& v : vs) es.push_back(v.e), ts.push_back(v.e->type);
      std::string key = specialise(*f, ts, n->loc);
      return {call(n->loc, key, es, specs.at(key).result)};
    }
    // Functions as arguments: the callee is specialised on them (closure
    // conversion): each function's code is part of the specialisation's
    // key, the runtime values it captures become extra parameters.
    Binds lets;
    for (auto& v : vs) v = settle(v, lets);
    std::vector<ExprRef> caps;
    std::string skey;
    for (auto& v : vs) {
      if (v.e) es.push_back(v.e), ts.push_back(v.e->type);
      else flatten(v, skey, caps, n->loc), ts.push_back(nullptr);
    }
    for (auto& c : caps) es.push_back(c), ts.push_back(c->type);
    std::string key = specialise(*f, ts, n->loc, &vs);
    return {wrap_lets(lets, call(n->loc, key, es, specs.at(key).result))};
  }

  // ---- functions as values -------------------------------------------------

  using Binds = std::vector<std::pair<VarRef, ExprRef>>;  ///< lets, outermost first

  /// Does f return a function, or a tuple holding one (`def adder(k), do: fn
  /// x -> x + k end`, `def opt, do: Polaris.Optimizers.adam()`)? Decided from
  /// the source: the last expression of its body is a fn, a capture, a tuple
  /// with one inside, an optimizer, a call of such a function, or a variable
  /// bound to one of these. Such functions are inlined at each call.
  std::map<const FunDef*, bool> returns_fn_;
  bool returns_function(const FunDef& f) {
    auto it = returns_fn_.find(&f);
    if (it != returns_fn_.end()) return it->second;
    returns_fn_[&f] = false;  // recursion: not (yet) known to
    bool r = false;
    for (auto& c : f.clauses) {
      std::vector<NodeRef> stmts = c.body->kind == NodeKind::Block ? c.body->args : std::vector<NodeRef>{c.body};
      if (!stmts.empty() && static_expr(stmts, stmts.size() - 1, stmts.back(), f)) r = true;
    }
    returns_fn_[&f] = r;
    return r;
  }
  bool static_expr(const std::vector<NodeRef>& stmts, size_t at, const NodeRef& e, const FunDef& f) {
    switch (e->kind) {
      case NodeKind::Fn: return true;
      case NodeKind::String: return true;  // a compile-time value, as functions
      case NodeKind::Unary: return e->name == "&";
      case NodeKind::Tuple:
        for (auto& a : e->args)
          if (static_expr(stmts, at, a, f)) return true;
        return false;
      case NodeKind::Var:
        // the last binding of the variable before this statement
        for (size_t j = at; j-- > 0;) {
          const NodeRef& st = stmts[j];
          if (st->kind == NodeKind::Binary && st->name == "=" && st->args[0]->kind == NodeKind::Var &&
              st->args[0]->name == e->name)
            return static_expr(stmts, j, st->args[1], f);
        }
        return false;
      case NodeKind::Binary:
        if (e->name == "|>" && e->args[1]->kind == NodeKind::Call) {
          // x |> g(a) is g(x, a)
          NodeRef c = e->args[1];
          std::vector<NodeRef> as = {e->args[0]};
          as.insert(as.end(), c->args.begin(), c->args.end());
          return static_expr(stmts, at, make_call(c->loc, c->target, c->name, as, true), f);
        }
        return false;
      case NodeKind::Call: {
        if (e->target && e->target->kind == NodeKind::Alias &&
            (e->target->name == "Polaris.Optimizers" || (e->target->name == "Hx.Loop" && e->name == "trainer")))
          return true;
        if (e->target && e->target->kind == NodeKind::Alias && returns_frame(f, e)) return true;
        if (!e->target && e->name == "then" && e->args.size() == 2) return static_expr(stmts, at, e->args[1], f);
        const FunDef* g = nullptr;
        if (!e->target) g = find_fun(f.module->name, e->name, e->args.size());
        else if (e->target->kind == NodeKind::Alias) g = find_fun(e->target->name, e->name, e->args.size());
        return g && returns_function(*g);
      }
      default:
        return false;
    }
  }

  /// Explorer calls that give a data frame or a series (a compile-time
  /// recipe, carried like a function value): the functions returning them
  /// are inlined too.
  static bool returns_frame(const FunDef& f, const NodeRef& call) {
    std::string mod = call->target->name;
    auto it = f.module->aliases.find(mod);
    if (it != f.module->aliases.end()) mod = it->second;
    if (mod == "Explorer.DataFrame") return call->name != "n_rows" && call->name != "n_columns";
    if (mod == "Explorer.Series") return call->name == "cast" || call->name == "fill_missing";
    if (mod == "Access" && call->name == "get" && call->args.size() == 2) {
      // df["col"], df[["a", "b"]]: string keys (hastec's maps have atom keys)
      const NodeRef& k = call->args[1];
      return k->kind == NodeKind::String ||
             (k->kind == NodeKind::List && !k->args.empty() && k->args[0]->kind == NodeKind::String);
    }
    return false;
  }

  /// A call of a function that returns a function: its one clause is lowered
  /// in place. Its bindings are made before the statement the call is in
  /// (pending_), so the values its lambdas capture are in scope wherever
  /// the returned function goes.
  Value inline_static_call(const NodeRef& n, const FunDef& f, std::vector<Value> args) {
    if (f.clauses.size() != 1)
      fail(n->loc, f.display() + " returns a function and has several clauses; hastec inlines functions that return "
                                 "functions, which needs one clause");
    if (inline_depth_ > 64) fail(n->loc, f.display() + " returns a function and calls itself; hastec cannot inline it");
    const ClauseDef& c = f.clauses[0];
    if (c.guard) fail(c.loc, f.display() + " returns a function; hastec inlines it, which needs a clause without a guard");
    Binds lets;
    for (auto& a : args) a = settle(a, lets);
    const FunDef* saved = cur;
    auto saved_attrs = cur_attrs;
    cur = &f;
    cur_attrs = c.attrs;
    inline_depth_++;
    Binds* saved_pending = pending_;
    pending_ = &lets;  // calls inlined inside bind after what precedes them here
    Value result;
    try {
      Env env = base_env();
      Match m;
      for (size_t i = 0; i < args.size(); i++) match_static(c.params[i], args[i], env, m);
      if (m.cond) fail(c.loc, f.display() + " returns a function; hastec inlines it, which needs patterns that always match");
      lets.insert(lets.end(), m.lets.begin(), m.lets.end());
      for (auto& [v, e] : m.lets) note_const(v, e);
      std::vector<NodeRef> stmts = c.body->kind == NodeKind::Block ? c.body->args : std::vector<NodeRef>{c.body};
      for (size_t i = 0; i + 1 < stmts.size(); i++) {
        const NodeRef& st = stmts[i];
        if (st->kind == NodeKind::Binary && st->name == "=" && st->args[0]->kind == NodeKind::Var) {
          Value v = settle(lower(st->args[1], env), lets);
          const std::string& name = st->args[0]->name;
          if (name[0] == '_') continue;
          if (v.e) {
            VarRef var = new_var(prog, name, v.e->type);
            lets.push_back({var, v.e});
            note_const(var, v.e);
            env[name] = Binding{var};
          } else {
            env[name] = Binding{nullptr, v.fn, v.tup};
          }
        } else if (st->kind == NodeKind::Binary && st->name == "=") {
          Value v = settle(lower(st->args[1], env), lets);
          Match pm;
          match_static(st->args[0], v, env, pm);
          if (pm.cond) fail(st->loc, "this pattern may not match; in a function that returns a function hastec needs "
                                     "patterns that always match");
          lets.insert(lets.end(), pm.lets.begin(), pm.lets.end());
        } else {
          Value v = lower(st, env);
          if (v.e) lets.push_back({new_var(prog, "_", v.e->type), v.e});
        }
      }
      result = settle(lower(stmts.back(), env), lets);
    } catch (...) {
      cur = saved;
      cur_attrs = saved_attrs;
      inline_depth_--;
      pending_ = saved_pending;
      throw;
    }
    cur = saved;
    cur_attrs = saved_attrs;
    inline_depth_--;
    pending_ = saved_pending;
    if (result.e) fail(n->loc, f.display() + " was expected to return a function here but returns " + type_name(result.e->type));
    if (tape_) {
      for (auto& l : lets) tape_->B.push_back(l);
    } else if (!lets.empty()) {
      if (!pending_) fail(n->loc, "bind the result of " + f.display() + " to a variable first");
      pending_->insert(pending_->end(), lets.begin(), lets.end());
    }
    return result;
  }
  int inline_depth_ = 0;
  /// Variables bound to number constants, for options that must be known at
  /// compile time (`lr = 0.1`, then `sgd(learning_rate: lr)`).
  std::map<int, ExprRef> const_vars_;
  void note_const(const VarRef& v, const ExprRef& e0) {
    ExprRef e = static_fold(e0);
    if (e->kind == ExprKind::IntConst || e->kind == ExprKind::FloatConst) const_vars_[v->id] = e;
  }

  /// v with every runtime part that is not a variable or a constant bound to
  /// a variable first (in order), so that copying the parts copies no work.
  Value settle(const Value& v, Binds& lets) {
    if (v.e) {
      if (trivial(v.e)) return v;
      VarRef t = new_var(prog, "arg", v.e->type);
      lets.push_back({t, v.e});
      note_const(t, v.e);
      return {var_use(v.e->loc, t)};
    }
    if (v.tup) {
      auto t = std::make_shared<StaticTuple>();
      for (auto& x : *v.tup) t->push_back(settle(x, lets));
      return {nullptr, nullptr, t};
    }
    return v;
  }

  /// The names a lambda's clauses read from the scope it closes over.
  static std::vector<std::string> captured(const LambdaVal& lv) {
    std::set<std::string> names;
    std::function<void(const NodeRef&)> walk = [&](const NodeRef& x) {
      if (!x) return;
      if (x->kind == NodeKind::Var && lv.env.count(x->name)) names.insert(x->name);
      for (auto& a : x->args) walk(a);
      walk(x->target);
      walk(x->body);
    };
    for (auto& c : lv.clauses) {
      for (auto& p : c.params) walk(p);
      walk(c.guard);
      walk(c.body);
    }
    return {names.begin(), names.end()};
  }
  static Value binding_value(const Binding& b, Loc loc) {
    return b.var ? Value{var_use(loc, b.var)} : Value{nullptr, b.fn, b.tup};
  }

  /// A compile-time value's identity (appended to key) and its runtime parts
  /// (appended to rt, depth first): a lambda is its source location and what
  /// it captures, a native lambda its name and constants.
  void flatten(const Value& v, std::string& key, std::vector<ExprRef>& rt, Loc loc) {
    if (v.e) {
      key += type_name(v.e->type);
      rt.push_back(v.e);
      return;
    }
    if (v.tup) {
      key += "{";
      for (size_t i = 0; i < v.tup->size(); i++) {
        if (i) key += ",";
        flatten((*v.tup)[i], key, rt, loc);
      }
      key += "}";
      return;
    }
    const LambdaVal& lv = *v.fn;
    if (lv.native) {
      key += lv.native_key;
      return;
    }
    key += "fn@" + std::to_string(lv.loc.file) + ":" + std::to_string(lv.loc.line) + ":" + std::to_string(lv.loc.col) + "[";
    bool first = true;
    for (auto& name : captured(lv)) {
      key += (first ? "" : ",") + name + "=";
      first = false;
      flatten(binding_value(lv.env.at(name), loc), key, rt, loc);
    }
    key += "]";
  }

  /// The value flatten() took apart, rebuilt over parameters (in the same
  /// order): the callee's view of a function argument.
  Value rebuild(const Value& v, const std::vector<VarRef>& ps, size_t& k, Loc loc) {
    if (v.e) return {var_use(loc, ps.at(k++))};
    if (v.tup) {
      auto t = std::make_shared<StaticTuple>();
      for (auto& x : *v.tup) t->push_back(rebuild(x, ps, k, loc));
      return {nullptr, nullptr, t};
    }
    if (v.fn->native) return v;
    auto lv = std::make_shared<LambdaVal>(*v.fn);
    lv->env.clear();
    for (auto& name : captured(*v.fn)) {
      Value r = rebuild(binding_value(v.fn->env.at(name), loc), ps, k, loc);
      lv->env[name] = r.e ? Binding{r.e->var} : Binding{nullptr, r.fn, r.tup};
    }
    return {nullptr, lv};
  }

  /// f.(args): a lambda's clauses lowered in place (its scope is the
  /// caller's, or rebuilt over parameters), a native lambda's own code.
  Value call_lambda(const LambdaVal& lv, std::vector<Value> args, Loc loc) {
    if (lv.arity() != args.size())
      fail(loc, "this function takes " + std::to_string(lv.arity()) + " argument" + (lv.arity() == 1 ? "" : "s") +
                    ", called with " + std::to_string(args.size()));
    if (lv.native) {
      std::vector<ExprRef> es;
      for (auto& a : args) {
        if (!a.e) fail(loc, "this function takes values, not functions");
        es.push_back(tape_in(a.e));
      }
      return {tape_in(lv.native(es, loc))};
    }
    Binds lets;
    for (auto& a : args) a = settle(a, lets);
    std::string what = "anonymous fn/" + std::to_string(args.size()) + (lv.context ? " in " + lv.context->display() : "");
    if (tape_) {
      for (auto& l : lets) tape_->B.push_back(l);
      if (lv.clauses.size() != 1)
        fail(loc, "grad: " + what + " has several clauses; hastec differentiates one-clause functions only");
      return {trace_clause(lv.clauses[0], args, lv.env, lv.context, what)};
    }
    const FunDef* saved = cur;
    auto saved_attrs = cur_attrs;
    cur = lv.context;
    ExprRef body;
    try {
      body = lower_clauses(lv.clauses, args, lv.env, lv.loc, what,
                           Fallback{3, "no function clause matching in " + what, nullptr});
    } catch (...) {
      cur = saved;
      cur_attrs = saved_attrs;
      throw;
    }
    cur = saved;
    cur_attrs = saved_attrs;
    return {wrap_lets(lets, body)};
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

  // ---- Nx tensors ----------------------------------------------------------
  // A tensor is an IR tuple {[elem] data, d0, ..., d(r-1)} with a tensor
  // type (IR.h): row-major data and its dimensions. Nx operations lower to
  // list operations over the data (Map, Zip, Fold, and Index over index
  // ranges where broadcasting or transposing moves elements), so an
  // elementwise chain ending in a reduction is one fused, vectorised,
  // multicore loop, as an Enum pipeline is. Shapes are static, as in Nx
  // (defn compiles per shape): literals, iota and `hastec run`'s arguments
  // give them. Tensor float arithmetic is IEEE (Binary/Math nodes with
  // int_value 1): Nx gives inf and NaN where Elixir's numbers raise.

  /// Reverse-mode differentiation (grad/value_and_grad, see the "grad"
  /// section below) traces the differentiated function: while a Tape is
  /// active, every Nx builder binds its operands and result to variables in
  /// the tape's flat list of bindings and records one node per operation,
  /// with the attributes its vector-Jacobian rule needs.
  struct TapeNode {
    std::string op;              ///< "add", "exp", "sum", "dot", "reshape", ...
    Loc loc;
    std::vector<ExprRef> in;     ///< operands: trivial expressions (variables, constants)
    std::vector<int64_t> ia;     ///< axes, permutation or slice starts
    std::vector<int64_t> ib;     ///< slice lengths
    std::vector<int64_t> ic;     ///< slice strides
    int kind = 0;                ///< FoldKind of a reduction
    bool mean = false, keep = false;
    VarRef out = nullptr;
  };
  struct Tape {
    Binds B;                          ///< the traced program, in order
    std::vector<TapeNode> nodes;
    std::map<int, size_t> node_of;    ///< result variable id -> node
    bool recording = true;            ///< false while the backward pass is emitted
    int inline_depth = 0;
  };
  Tape* tape_ = nullptr;
  /// Suspends tracing (lambda bodies, specialised functions) for a scope.
  struct TapeOff {
    Tape*& t;
    Tape* saved;
    explicit TapeOff(Tape*& tp) : t(tp), saved(tp) { t = nullptr; }
    ~TapeOff() { t = saved; }
  };
  bool tracing() const { return tape_ && tape_->recording; }
  /// Builds a composite operation recorded as one node (its parts are not).
  struct NoRecord {
    Tape* t;
    bool saved;
    explicit NoRecord(Tape* tp) : t(tp), saved(tp && tp->recording) { if (t) t->recording = false; }
    ~NoRecord() { if (t) t->recording = saved; }
  };
  ExprRef tape_in(const ExprRef& e) {
    if (!tracing() || trivial(e)) return e;
    VarRef v = new_var(prog, "t", e->type);
    tape_->B.push_back({v, e});
    return var_use(e->loc, v);
  }
  ExprRef tape_out(const ExprRef& r, TapeNode nd) {
    if (!tracing()) return r;
    VarRef v = new_var(prog, "y", r->type);
    tape_->B.push_back({v, r});
    nd.out = v;
    tape_->node_of[v->id] = tape_->nodes.size();
    tape_->nodes.push_back(std::move(nd));
    return var_use(r->loc, v);
  }

  /// A tensor or number operand, taken apart.
  struct NxT {
    Type elem = nullptr;
    std::vector<int64_t> sd;    ///< static dims
    std::vector<ExprRef> dims;  ///< the same as IR integers
    ExprRef data;               ///< [elem]; null for a number
    ExprRef scalar;             ///< a number operand (trivial)
    NxInt nk = NxInt::None;     ///< a narrow integer tensor's type (elem is Int)
    size_t rank() const { return sd.size(); }
  };
  /// An Nx element type: the IR's element type and, for Nx's narrow
  /// integers (Int storage), which one.
  struct NxElem {
    Type elem = nullptr;
    NxInt nk = NxInt::None;
  };

  static bool trivial(const ExprRef& e) {
    switch (e->kind) {
      case ExprKind::IntConst: case ExprKind::FloatConst: case ExprKind::BoolConst: case ExprKind::VarUse:
        return true;
      case ExprKind::TupleGet: return trivial(e->args[0]);
      default: return false;
    }
  }
  ExprRef bind(Binds& B, const ExprRef& e, const char* name) {
    if (trivial(e)) return e;
    VarRef v = new_var(prog, name, e->type);
    // While tracing, every binding is hoisted into the tape's flat program,
    // so that the backward pass can use any forward value.
    (tape_ ? tape_->B : B).push_back({v, e});
    return var_use(e->loc, v);
  }
  static LambdaRef lam(std::vector<VarRef> ps, ExprRef body) {
    auto l = std::make_shared<Lambda>();
    l->params = std::move(ps);
    l->body = std::move(body);
    return l;
  }
  /// A tensor reduction: IEEE sums and products (Inf and NaN are values).
  static ExprRef ieee_fold(ExprRef e) {
    std::const_pointer_cast<Expr>(e)->int_value = 1;
    return e;
  }
  static ExprRef ieee(ExprRef e) {
    if (e->kind == ExprKind::Binary || e->kind == ExprKind::Math) {
      auto m = std::const_pointer_cast<Expr>(e);
      m->int_value = 1;
    }
    return e;
  }
  ExprRef i64c(Loc loc, int64_t v) { return int_const(loc, v); }
  ExprRef imul(Loc loc, ExprRef a, ExprRef b) {
    if (a->kind == ExprKind::IntConst && a->int_value == 1) return b;
    if (b->kind == ExprKind::IntConst && b->int_value == 1) return a;
    if (a->kind == ExprKind::IntConst && b->kind == ExprKind::IntConst) return i64c(loc, a->int_value * b->int_value);
    return binary(loc, BinOp::Mul, a, b, int_type());
  }
  ExprRef iadd(Loc loc, ExprRef a, ExprRef b) {
    if (a->kind == ExprKind::IntConst && a->int_value == 0) return b;
    if (b->kind == ExprKind::IntConst && b->int_value == 0) return a;
    return binary(loc, BinOp::Add, a, b, int_type());
  }
  ExprRef idiv(Loc loc, ExprRef a, ExprRef b) {
    if (b->kind == ExprKind::IntConst && b->int_value == 1) return a;
    return binary(loc, BinOp::IDiv, a, b, int_type());
  }
  ExprRef irem(Loc loc, ExprRef a, ExprRef b) { return binary(loc, BinOp::Rem, a, b, int_type()); }
  ExprRef prod(Loc loc, const std::vector<ExprRef>& ds, size_t from = 0, size_t to = SIZE_MAX) {
    ExprRef p = i64c(loc, 1);
    for (size_t i = from; i < std::min(to, ds.size()); i++) p = imul(loc, p, ds[i]);
    return p;
  }
  static std::string shape_text(const std::vector<int64_t>& sd) {
    std::string s = "{";
    for (size_t i = 0; i < sd.size(); i++) s += (i ? ", " : "") + std::to_string(sd[i]);
    return s + "}";
  }

  NxT nx_operand(const ExprRef& e, Loc loc, Binds& B) {
    NxT t;
    if (is_numeric(e->type) || e->type == bool_type()) {
      t.elem = e->type;
      t.scalar = bind(B, static_fold(e), "s");  // a constant stays one: Nx types by its value
      return t;
    }
    if (!is_tensor(e->type)) fail(loc, "expected a tensor or a number, got " + type_name(e->type));
    t.elem = e->type->elem;
    t.nk = tensor_nx_int(e->type);
    t.sd = e->type->dims;
    ExprRef base = e->kind == ExprKind::Tuple ? e : bind(B, e, "t");
    for (size_t k = 0; k < t.sd.size(); k++)
      t.dims.push_back(t.sd[k] >= 0 ? i64c(loc, t.sd[k])
                                    : (base->kind == ExprKind::Tuple ? base->args[1 + k] : tuple_get(loc, base, int(1 + k))));
    t.data = base->kind == ExprKind::Tuple ? base->args[0] : tuple_get(loc, base, 0);
    return t;
  }
  ExprRef mk_tensor(Loc loc, Type elem, const std::vector<int64_t>& sd, const std::vector<ExprRef>& dims, ExprRef data,
                    NxInt nk = NxInt::None) {
    Type t = nk == NxInt::None ? tensor_type(elem, sd) : narrow_tensor_type(nk, sd);
    if (nk != NxInt::None && elem != int_type()) fail(loc, "internal: a narrow integer tensor of " + type_name(elem));
    return tensor_value(loc, t, std::move(data), dims);
  }
  /// v (an Int) wrapped to the narrow integer type nk, as Nx's fixed-width
  /// arithmetic wraps: the low bits, sign-extended for s8/s16.
  ExprRef nx_wrap(Loc loc, ExprRef v, NxInt nk) {
    if (nk == NxInt::None) return v;
    int bits = nx_int_bits(nk);
    ExprRef m = binary(loc, BinOp::BAnd, cast_to(v, int_type()), i64c(loc, (int64_t(1) << bits) - 1), int_type());
    if (!nx_int_signed(nk)) return m;
    ExprRef sign = i64c(loc, int64_t(1) << (bits - 1));
    return binary(loc, BinOp::Sub, binary(loc, BinOp::BXor, m, sign, int_type()), sign, int_type());
  }
  ExprRef wrap(const Binds& B, ExprRef body) { return wrap_lets(B, std::move(body)); }

  /// A number as a rank-0 tensor (defn returns tensors).
  ExprRef nx_result(const ExprRef& body, Loc loc) {
    if (is_numeric(body->type)) {
      // A number becomes a tensor of Nx's default type (s32 or f32).
      Binds B;
      Type t = is_floating(body->type) ? f32_type() : i32_type();
      ExprRef v = bind(B, cast_to(body, t), "r");
      return wrap(B, mk_tensor(loc, t, {}, {}, list_lit(loc, t, {v})));
    }
    if (body->type->kind == TypeKind::Tuple && !is_tensor(body->type)) {
      Binds B;
      ExprRef t = bind(B, body, "r");
      std::vector<ExprRef> ms;
      for (size_t i = 0; i < body->type->members.size(); i++) ms.push_back(nx_result(tuple_get(loc, t, int(i)), loc));
      return wrap(B, rebuild_like(body->type, loc, ms));
    }
    return body;
  }

  /// A tuple or map like type t (same keys) holding ms.
  ExprRef rebuild_like(Type t, Loc loc, std::vector<ExprRef> ms) {
    if (!is_map(t)) return tuple(loc, std::move(ms));
    std::vector<Type> ts;
    for (auto& m : ms) ts.push_back(m->type);
    return map_value(loc, map_type(t->keys, ts), std::move(ms));
  }

  /// An Nx type as Nx.Type spells it: kind 's', 'u' or 'f', and bits.
  struct NxTy {
    char k;
    int bits;
  };
  static NxTy nx_ty(Type elem, NxInt nk) {
    switch (nk) {
      case NxInt::U8: return {'u', 8};
      case NxInt::U16: return {'u', 16};
      case NxInt::U32: return {'u', 32};
      case NxInt::S8: return {'s', 8};
      case NxInt::S16: return {'s', 16};
      case NxInt::None: break;
    }
    if (elem == bool_type()) return {'u', 8};  // a comparison's 0/1
    if (elem == i32_type()) return {'s', 32};
    if (elem == f32_type()) return {'f', 32};
    if (elem == float_type()) return {'f', 64};
    return {'s', 64};
  }
  static NxTy nx_ty(const NxT& x) { return nx_ty(x.elem, x.nk); }
  NxElem nx_elem_of(NxTy t, Loc loc) {
    if (t.k == 'f') return {t.bits == 64 ? float_type() : f32_type()};
    if (t.k == 's' && t.bits == 64) return {int_type()};
    if (t.k == 's' && t.bits == 32) return {i32_type()};
    if (t.k == 's' && t.bits == 16) return {int_type(), NxInt::S16};
    if (t.k == 's' && t.bits == 8) return {int_type(), NxInt::S8};
    if (t.k == 'u' && t.bits == 8) return {int_type(), NxInt::U8};
    if (t.k == 'u' && t.bits == 16) return {int_type(), NxInt::U16};
    if (t.k == 'u' && t.bits == 32) return {int_type(), NxInt::U32};
    fail(loc, std::string("the tensor type ") + t.k + std::to_string(t.bits) +
                  " is not supported by hastec (u8 u16 u32 s8 s16 s32 s64 f32 f64 are)");
  }
  /// Nx.Type.merge of two tensors' types.
  static NxTy nx_type_merge(NxTy a, NxTy b) {
    if (a.k == b.k) return {a.k, std::max(a.bits, b.bits)};
    auto rank = [](char k) { return k == 'f' ? 3 : k == 's' ? 1 : 0; };
    if (rank(a.k) > rank(b.k)) std::swap(a, b);
    if (a.k == 'u' && b.k == 's') return {'s', std::max(std::min(a.bits * 2, 64), b.bits)};
    return b;
  }
  /// Nx.Type.merge_number: a tensor's type meeting an integer number.
  static NxTy nx_merge_int(NxTy t, int64_t i) {
    auto usize = [](int64_t x) { return x <= 1 ? 1 : x <= 255 ? 8 : x <= 65535 ? 16 : x <= 4294967295LL ? 32 : 64; };
    auto ssize = [](int64_t x) {
      if (x < 0) x = -(x + 1);
      return x <= 1 ? 1 : x <= 127 ? 8 : x <= 32767 ? 16 : x <= 2147483647LL ? 32 : 64;
    };
    if (t.k == 'u' && i >= 0) return {'u', std::max(usize(i), t.bits)};
    if (t.k == 'u') return nx_merge_int({'s', std::min(t.bits * 2, 64)}, i);
    if (t.k == 's') return {'s', std::max(ssize(i), t.bits)};
    return t;
  }
  /// The result type of an Nx operation on a and b (Nx's binary_type):
  /// Nx.Type.merge of two tensors; a number is "weak": merge_number (a
  /// float number meeting an integer tensor gives f32, Nx's default float;
  /// an integer literal widens an integer tensor only as far as it needs).
  NxElem nx_merge_elem(const NxT& a, const NxT& b, Loc loc) {
    bool wa = a.scalar != nullptr, wb = b.scalar != nullptr;
    if (wa && wb)  // two numbers: Nx's defaults, s32 and f32
      return {is_floating(a.elem) || is_floating(b.elem) ? f32_type() : i32_type()};
    if (!wa && !wb) return nx_elem_of(nx_type_merge(nx_ty(a), nx_ty(b)), loc);
    const NxT& t = wa ? b : a;
    const NxT& num = wa ? a : b;
    NxTy tt = nx_ty(t);
    if (is_floating(num.elem)) return tt.k == 'f' ? NxElem{t.elem} : NxElem{f32_type()};
    ExprRef v = static_fold(num.scalar);
    if (v->kind == ExprKind::IntConst || v->kind == ExprKind::BoolConst)
      return nx_elem_of(nx_merge_int(tt, v->int_value), loc);
    if (tt.k == 'u')
      fail(loc, std::string("Nx's result type for a ") + nx_int_name(t.nk == NxInt::None ? NxInt::U8 : t.nk) +
                    " tensor and an integer depends on the integer's value, which hastec only knows at run "
                    "time here: make it a literal, or a tensor of the type you want (Nx.tensor(n, type: :u8))");
    return nx_elem_of(tt, loc);  // an integer variable: assumed to fit the tensor's type
  }
  Type nx_merge(const NxT& a, const NxT& b, Loc loc) {
    NxElem e = nx_merge_elem(a, b, loc);
    if (e.nk != NxInt::None)
      fail(loc, std::string("this Nx operation on ") + nx_int_name(e.nk) +
                    " tensors is not supported by hastec yet (Nx.as_type to s32 or s64 first)");
    return e.elem;
  }
  static Type nx_float_of(Type t) { return is_floating(t) ? t : f32_type(); }

  /// out[i] = f(elements of xs at i), with NumPy broadcasting from the
  /// trailing axes. f gets each operand's element in its own type.
  ExprRef nx_elementwise(Loc loc, std::vector<NxT> xs, Type out_elem,
                         const std::function<ExprRef(const std::vector<ExprRef>&)>& f, Binds& B,
                         NxInt out_nk = NxInt::None) {
    size_t r = 0;
    for (auto& x : xs) r = std::max(r, x.rank());
    std::vector<int64_t> osd(r, 1);
    for (size_t k = 0; k < r; k++) {
      int64_t d = 1;
      for (auto& x : xs) {
        if (x.scalar || x.rank() + k < r) continue;
        int64_t xd = x.sd[x.rank() - r + k];
        if (xd == 1) continue;
        if (d != 1 && xd != d) {
          std::string msg = "cannot broadcast tensors of shapes";
          for (auto& y : xs)
            if (!y.scalar) msg += " " + shape_text(y.sd);
          fail(loc, msg);
        }
        d = xd;
      }
      osd[k] = d;
    }
    for (int64_t d : osd)
      if (d < 0) fail(loc, "tensors whose shapes are only known at run time are not supported yet");
    std::vector<ExprRef> odims;
    for (int64_t d : osd) odims.push_back(i64c(loc, d));
    ExprRef n = prod(loc, odims);
    // Classify: scalar-like (one element), flat (same shape), broadcast.
    std::vector<int> cls(xs.size());
    std::vector<ExprRef> sval(xs.size());
    int nflat = 0, nbc = 0;
    for (size_t j = 0; j < xs.size(); j++) {
      NxT& x = xs[j];
      int64_t size = 1;
      for (int64_t d : x.sd) size *= d;
      if (x.scalar) { cls[j] = 0; sval[j] = x.scalar; continue; }
      if (size == 1 && prod(loc, odims)->int_value != 1) {
        cls[j] = 0;
        sval[j] = bind(B, index(loc, bind(B, x.data, "d"), i64c(loc, 0)), "s");
        continue;
      }
      bool same = x.rank() == r;
      for (size_t k = 0; same && k < r; k++) same = x.sd[k] == osd[k];
      if (same) { cls[j] = 1; nflat++; } else { cls[j] = 2; nbc++; }
    }
    std::vector<ExprRef> el(xs.size());
    ExprRef src;
    VarRef p;
    if (nbc == 0 && nflat == 1) {
      for (size_t j = 0; j < xs.size(); j++)
        if (cls[j] == 1) {
          src = xs[j].data;
          p = new_var(prog, "x", xs[j].elem);
          el[j] = var_use(loc, p);
        }
    } else if (nbc == 0 && nflat == 2) {
      std::vector<size_t> fl;
      for (size_t j = 0; j < xs.size(); j++)
        if (cls[j] == 1) fl.push_back(j);
      src = zip(loc, xs[fl[0]].data, xs[fl[1]].data);
      p = new_var(prog, "p", src->type->elem);
      el[fl[0]] = tuple_get(loc, var_use(loc, p), 0);
      el[fl[1]] = tuple_get(loc, var_use(loc, p), 1);
    } else {
      src = range_up(loc, i64c(loc, 0), binary(loc, BinOp::Sub, n, i64c(loc, 1), int_type()));
      p = new_var(prog, "i", int_type());
      ExprRef i = var_use(loc, p);
      for (size_t j = 0; j < xs.size(); j++) {
        if (cls[j] == 0) continue;
        ExprRef d = bind(B, xs[j].data, "d");
        if (cls[j] == 1) { el[j] = index(loc, d, i); continue; }
        // broadcast: sum of the output coordinates times the operand's strides
        const NxT& x = xs[j];
        size_t off = r - x.rank();
        ExprRef idx = i64c(loc, 0);
        for (size_t a = 0; a < x.rank(); a++) {
          if (x.sd[a] == 1) continue;
          size_t k = a + off;
          ExprRef coord = idiv(loc, i, prod(loc, odims, k + 1));
          if (k > 0) coord = irem(loc, coord, odims[k]);
          idx = iadd(loc, idx, imul(loc, coord, prod(loc, x.dims, a + 1)));
        }
        el[j] = index(loc, d, idx);
      }
    }
    for (size_t j = 0; j < xs.size(); j++)
      if (cls[j] == 0) el[j] = sval[j];
    ExprRef body = f(el);
    if (body->type != out_elem) body = cast_to(body, out_elem);
    return mk_tensor(loc, out_elem, osd, odims, map(loc, src, lam({p}, body)), out_nk);
  }

  /// Elementwise functions of one tensor.
  /// A number operand as the rank-0 tensor Nx makes of it (s32 or f32).
  NxT nx_as_tensor(NxT x, Loc loc, Binds& B) {
    if (!x.scalar) return x;
    Type t = is_floating(x.elem) ? f32_type() : i32_type();
    ExprRef v = x.elem == bool_type() ? cast_bool(x.scalar) : x.scalar;
    return nx_operand(mk_tensor(loc, t, {}, {}, list_lit(loc, t, {cast_to(v, t)})), loc, B);
  }

  ExprRef nx_map1(Loc loc, ExprRef a, const std::string& fn) {
    a = tape_in(a);
    Binds B;
    NxT x = nx_as_tensor(nx_operand(a, loc, B), loc, B);
    Type t = x.elem == bool_type() ? int_type() : x.elem;
    NxInt nk = x.elem == bool_type() ? NxInt::U8 : x.nk;  // a comparison's 0/1 is Nx's u8
    auto num = [&](const ExprRef& v) { return v->type == bool_type() ? cast_bool(v) : v; };
    std::function<ExprRef(const std::vector<ExprRef>&)> f;
    Type out = t;
    static const std::set<std::string> floaty = {"exp", "log", "sqrt", "tanh", "sin", "cos", "sigmoid", "log1p",
                                                 "expm1", "rsqrt", "tan", "atan"};
    if (floaty.count(fn)) {
      out = nx_float_of(t);
      nk = NxInt::None;
      f = [&, fn, out](const std::vector<ExprRef>& e) -> ExprRef {
        ExprRef v = cast_to(num(e[0]), out);
        if (fn == "sigmoid") {
          ExprRef ex = ieee(math(loc, "exp", {unary(loc, UnOp::Neg, v, out)}, out));
          return ieee(binary(loc, BinOp::FDiv, float_const(loc, 1.0, out),
                             ieee(binary(loc, BinOp::Add, float_const(loc, 1.0, out), ex, out)), out));
        }
        if (fn == "rsqrt")
          return ieee(binary(loc, BinOp::FDiv, float_const(loc, 1.0, out), ieee(math(loc, "sqrt", {v}, out)), out));
        return ieee(math(loc, fn, {v}, out));
      };
    } else if (fn == "negate") {
      f = [&](const std::vector<ExprRef>& e) { return nx_wrap(loc, unary(loc, UnOp::Neg, num(e[0]), t), nk); };
    } else if (fn == "abs") {
      f = [&](const std::vector<ExprRef>& e) { return nx_wrap(loc, unary(loc, UnOp::Abs, num(e[0]), t), nk); };
    } else if (fn == "square") {
      f = [&](const std::vector<ExprRef>& e) {
        return nx_wrap(loc, ieee(binary(loc, BinOp::Mul, num(e[0]), num(e[0]), t)), nk);
      };
    } else if (fn == "floor" || fn == "ceil" || fn == "round") {
      // integers are already whole; round is half away from zero (llvm.round, Erlang's round)
      f = [&, fn](const std::vector<ExprRef>& e) -> ExprRef {
        return is_floating(t) ? ieee(math(loc, fn, {num(e[0])}, t)) : num(e[0]);
      };
    } else if (fn == "sign") {
      // -1, 0 or 1 of the same type; a zero (-0.0 too) or a NaN is itself
      f = [&](const std::vector<ExprRef>& e) -> ExprRef {
        ExprRef v = num(e[0]);
        ExprRef zero = cast_to(int_const(loc, 0), t);
        return if_(loc, binary(loc, BinOp::Lt, v, zero, bool_type()), cast_to(int_const(loc, -1), t),
                   if_(loc, binary(loc, BinOp::Gt, v, zero, bool_type()), cast_to(int_const(loc, 1), t), v, t), t);
      };
    } else {
      fail(loc, "Nx." + fn + "/1 is not supported by hastec");
    }
    return tape_out(wrap(B, nx_elementwise(loc, {x}, out, f, B, nk)), TapeNode{fn, loc, {a}});
  }
  /// A tensor element as Elixir sees it once it leaves the tensor
  /// (to_number, to_list): an integer or a 64-bit float.
  ExprRef elixir_number(const ExprRef& v) {
    if (v->type == bool_type()) return cast_bool(v);
    return cast_to(v, is_floating(v->type) ? float_type() : int_type());
  }
  ExprRef cast_bool(const ExprRef& v) {
    return if_(v->loc, v, int_const(v->loc, 1), int_const(v->loc, 0), int_type());
  }

  ExprRef nx_binary(Loc loc, const std::string& fn, ExprRef a, ExprRef b) {
    a = tape_in(a), b = tape_in(b);
    Binds B;
    NxT x = nx_operand(a, loc, B), y = nx_operand(b, loc, B);
    NxElem te = nx_merge_elem(x, y, loc);
    Type t = te.elem;
    auto num = [&](const ExprRef& v, Type to) { return cast_to(v->type == bool_type() ? cast_bool(v) : v, to); };
    static const std::map<std::string, BinOp> arith = {{"add", BinOp::Add}, {"subtract", BinOp::Sub},
                                                       {"multiply", BinOp::Mul}, {"max", BinOp::Max},
                                                       {"min", BinOp::Min}};
    static const std::map<std::string, BinOp> cmp = {{"equal", BinOp::Eq}, {"not_equal", BinOp::Ne},
                                                     {"less", BinOp::Lt}, {"less_equal", BinOp::Le},
                                                     {"greater", BinOp::Gt}, {"greater_equal", BinOp::Ge}};
    ExprRef r;
    if (arith.count(fn)) {
      BinOp op = arith.at(fn);
      r = nx_elementwise(loc, {x, y}, t, [&](const std::vector<ExprRef>& e) {
        return nx_wrap(loc, ieee(binary(loc, op, num(e[0], t), num(e[1], t), t)), te.nk);
      }, B, te.nk);
    } else if (cmp.count(fn)) {
      BinOp op = cmp.at(fn);
      r = nx_elementwise(loc, {x, y}, bool_type(), [&](const std::vector<ExprRef>& e) {
        return binary(loc, op, num(e[0], t), num(e[1], t), bool_type());
      }, B);
    } else if (fn == "divide") {
      Type ft = nx_float_of(t);
      r = nx_elementwise(loc, {x, y}, ft, [&](const std::vector<ExprRef>& e) {
        return ieee(binary(loc, BinOp::FDiv, num(e[0], ft), num(e[1], ft), ft));
      }, B);
    } else if (fn == "remainder" || fn == "quotient") {
      // integers: Elixir's rem and div (truncating; a zero divisor raises ArithmeticError);
      // floats: fmod (the dividend's sign; exact), as the binary backend's :math.fmod
      if (!is_integer(t) && fn == "quotient")
        fail(loc, "Nx.quotient/2 expects integer tensors as inputs and outputs an integer tensor, got: " + type_name(t));
      if (!is_integer(t)) {
        r = nx_elementwise(loc, {x, y}, t, [&](const std::vector<ExprRef>& e) {
          return ieee(math(loc, "fmod", {num(e[0], t), num(e[1], t)}, t));
        }, B);
        return tape_out(wrap(B, r), TapeNode{fn, loc, {a, b}});
      }
      BinOp op = fn == "remainder" ? BinOp::Rem : BinOp::IDiv;
      r = nx_elementwise(loc, {x, y}, t, [&](const std::vector<ExprRef>& e) {
        return nx_wrap(loc, binary(loc, op, num(e[0], t), num(e[1], t), t), te.nk);  // s8: -128 div -1
      }, B, te.nk);
    } else if (fn == "pow") {
      if (!is_floating(t)) fail(loc, "Nx.pow/2 of integer tensors is not supported by hastec yet (use floats)");
      r = nx_elementwise(loc, {x, y}, t, [&](const std::vector<ExprRef>& e) {
        return ieee(math(loc, "pow", {num(e[0], t), num(e[1], t)}, t));
      }, B);
    } else {
      fail(loc, "Nx." + fn + "/2 is not supported by hastec");
    }
    return tape_out(wrap(B, r), TapeNode{fn, loc, {a, b}});
  }

  /// An Nx type's name from its spellings :f32 or {:f, 32}; "" for anything else.
  static std::string nx_type_spelling(const NodeRef& n) {
    if (n->kind == NodeKind::Atom) return n->name;
    if (n->kind == NodeKind::Tuple && n->args.size() == 2 && n->args[0]->kind == NodeKind::Atom &&
        n->args[1]->kind == NodeKind::Int)
      return n->args[0]->name + std::to_string(n->args[1]->int_value);
    return "";
  }

  /// Nx's type spellings: :f32, {:f, 32}, :s64 ...
  NxElem nx_type_arg(const NodeRef& n, Env* env = nullptr) {
    std::string name = nx_type_spelling(n);
    if (env && n->kind == NodeKind::Call && n->target && n->target->kind == NodeKind::Alias &&
        n->target->name == "Nx" && n->name == "type" && n->args.size() == 1) {
      // Nx.type(t) where Nx takes a type: t's type, known at compile time
      ExprRef t = expect_value(lower(n->args[0], *env), n->args[0]->loc);
      if (is_tensor(t->type)) {
        if (t->type->elem == bool_type()) return {int_type(), NxInt::U8};
        return {t->type->elem, t->type->nx};
      }
      if (is_numeric(t->type)) return {is_floating(t->type) ? f32_type() : i32_type()};
      fail(n->args[0]->loc, "Nx.type/1 needs a tensor or a number, got " + type_name(t->type));
    }
    if (name == "f32") return {f32_type()};
    if (name == "f64") return {float_type()};
    if (name == "s32") return {i32_type()};
    if (name == "s64") return {int_type()};
    if (name == "u8") return {int_type(), NxInt::U8};
    if (name == "u16") return {int_type(), NxInt::U16};
    if (name == "u32") return {int_type(), NxInt::U32};
    if (name == "s8") return {int_type(), NxInt::S8};
    if (name == "s16") return {int_type(), NxInt::S16};
    if (name == "f16" || name == "bf16" || name == "u64" || name == "c64" || name == "c128" || name == "f8")
      fail(n->loc, "the tensor type " + name + " is not supported by hastec yet (u8 u16 u32 s8 s16 s32 s64 f32 f64 are)");
    fail(n->loc, "expected a tensor type such as :f32, {:f, 32}, :s64");
  }
  /// Options of an Nx call: its trailing keyword list.
  static NodeRef nx_opt(const NodeRef& n, const char* key) {
    if (n->args.empty() || n->args.back()->kind != NodeKind::KeywordList) return nullptr;
    for (auto& p : n->args.back()->args)
      if (p->name == key) return p->args[0];
    return nullptr;
  }
  static size_t nx_npos(const NodeRef& n) {
    return n->args.size() - (!n->args.empty() && n->args.back()->kind == NodeKind::KeywordList ? 1 : 0);
  }
  void nx_check_opts(const NodeRef& n, std::initializer_list<const char*> allowed, const std::string& mod = "Nx") {
    if (n->args.empty() || n->args.back()->kind != NodeKind::KeywordList) return;
    for (auto& p : n->args.back()->args) {
      bool ok = false;
      for (auto a : allowed) ok = ok || p->name == a;
      if (!ok) fail(p->loc, mod + "." + n->name + " has no option " + p->name + ": here (hastec supports this subset)");
    }
  }
  /// n, or the value of the module attribute n names (`@epochs`).
  NodeRef attr_node(const NodeRef& n) const {
    if (n->kind == NodeKind::Unary && n->name == "@" && n->args[0]->kind == NodeKind::Var && cur_attrs &&
        cur_attrs->count(n->args[0]->name))
      return cur_attrs->at(n->args[0]->name);
    return n;
  }
  /// A shape argument. A number is shape {} (Nx.shape/1: reshape,
  /// broadcast); iota and Nx.Random's shape: want a tuple (tuple_only);
  /// Nx.eye(n) is {n, n} (eye).
  enum class ShapeArg { Number, TupleOnly, Eye };
  std::vector<int64_t> nx_shape_arg(const NodeRef& n0, ShapeArg mode = ShapeArg::Number, Env* env = nullptr) {
    std::vector<int64_t> sd;
    NodeRef n = attr_node(n0);
    if (env && n->kind == NodeKind::Call && n->target && n->target->kind == NodeKind::Alias &&
        n->target->name == "Nx" && n->name == "shape" && n->args.size() == 1) {
      // Nx.shape(t): t's shape, known at compile time
      ExprRef t = expect_value(lower(n->args[0], *env), n->args[0]->loc);
      if (!is_tensor(t->type) && !is_numeric(t->type))
        fail(n->args[0]->loc, "Nx.shape/1 needs a tensor or a number, got " + type_name(t->type));
      return tdims(t);
    }
    if (n->kind == NodeKind::Int) {
      if (mode == ShapeArg::Eye) return {n->int_value, n->int_value};
      if (mode == ShapeArg::TupleOnly)
        fail(n0->loc, "invalid shape. shape is a n-element tuple with the size of each dimension. Got: " +
                          std::to_string(n->int_value));
      return {};
    }
    if (n->kind != NodeKind::Tuple) fail(n->loc, "expected a shape: a tuple of integers like {2, 3}");
    for (auto& a0 : n->args) {
      NodeRef a = attr_node(a0);
      if (a->kind != NodeKind::Int || a->int_value < 0)
        fail(a0->loc, "shape dimensions must be non-negative integers (literals or module attributes)");
      sd.push_back(a->int_value);
    }
    return sd;
  }
  std::vector<int64_t> nx_axes(const NodeRef& n, size_t rank) {
    std::vector<int64_t> ax;
    auto one = [&](const NodeRef& a) {
      int64_t v;
      if (a->kind == NodeKind::Int) v = a->int_value;
      else if (a->kind == NodeKind::Unary && a->name == "-" && a->args[0]->kind == NodeKind::Int) v = -a->args[0]->int_value;
      else fail(a->loc, "axes must be integer literals");
      if (v < 0) v += int64_t(rank);
      if (v < 0 || v >= int64_t(rank))
        fail(a->loc, "given axis (" + std::to_string(v) + ") invalid for shape with rank " + std::to_string(rank));
      ax.push_back(v);
    };
    if (n->kind == NodeKind::List) for (auto& a : n->args) one(a);
    else one(n);
    return ax;
  }

  /// Nx.tensor's literal: nested lists of numbers.
  void nx_flatten(const NodeRef& n, size_t depth, std::vector<int64_t>& sd, std::vector<NodeRef>& out) {
    if (n->kind == NodeKind::List) {
      if (depth == sd.size()) {
        if (!out.empty()) fail(n->loc, "Nx.tensor: lists must be nested to the same depth");
        sd.push_back(int64_t(n->args.size()));
      } else if (depth > sd.size() || sd[depth] != int64_t(n->args.size())) {
        fail(n->loc, "Nx.tensor: all lists at one depth must have the same length");
      }
      if (n->args.empty()) fail(n->loc, "Nx.tensor: empty lists are not supported");
      for (auto& a : n->args) nx_flatten(a, depth + 1, sd, out);
      return;
    }
    if (depth != sd.size()) fail(n->loc, "Nx.tensor: lists must be nested to the same depth");
    out.push_back(n);
  }

  ExprRef nx_tensor_lit(const NodeRef& n, Env& env) {
    std::vector<int64_t> sd;
    std::vector<NodeRef> leaves;
    nx_flatten(n->args[0], 0, sd, leaves);
    std::vector<ExprRef> vals;
    bool any_float = false;
    for (auto& l : leaves) {
      if (l->kind == NodeKind::Atom && (l->name == "infinity" || l->name == "neg_infinity" || l->name == "nan")) {
        double inf = std::numeric_limits<double>::infinity();
        vals.push_back(float_const(l->loc, l->name == "nan" ? std::numeric_limits<double>::quiet_NaN()
                                           : l->name == "infinity" ? inf : -inf));
        any_float = true;
        continue;
      }
      ExprRef v = expect_value(lower(l, env), l->loc);
      if (!is_numeric(v->type)) fail(l->loc, "Nx.tensor needs numbers, got " + type_name(v->type));
      any_float = any_float || is_floating(v->type);
      vals.push_back(v);
    }
    // Nx >= 0.10: integer literals are s32, floats f32 (stdlib/ref/README.md).
    Type t = any_float ? f32_type() : i32_type();
    NxInt nk = NxInt::None;
    if (NodeRef ty = nx_opt(n, "type")) {
      NxElem te = nx_type_arg(ty, &env);
      t = te.elem, nk = te.nk;
    }
    if (is_integer(t) || t == bool_type())
      for (size_t i = 0; i < vals.size(); i++)
        if (is_floating(vals[i]->type))
          fail(leaves[i]->loc, "Nx.tensor: a float cannot be stored in an integer tensor (" + nx_type_name(t) +
                                   "): Nx raises ArgumentError; write an integer or use a float type");
    for (auto& v : vals) v = static_fold(nx_wrap(n->loc, cast_to(v, t), nk));  // Nx stores the low bits
    std::vector<ExprRef> dims;
    for (int64_t d : sd) dims.push_back(i64c(n->loc, d));
    return mk_tensor(n->loc, t, sd, dims, list_lit(n->loc, t, vals), nk);
  }

  ExprRef nx_arg(const NodeRef& n, size_t i, Env& env) {
    if (i >= nx_npos(n)) fail(n->loc, "Nx." + n->name + " needs more arguments");
    return expect_value(lower(n->args[i], env), n->args[i]->loc);
  }

  ExprRef nx_reduce(Loc loc, const NodeRef& n, const ExprRef& a, FoldKind k, bool mean) {
    std::optional<std::vector<int64_t>> axes;
    size_t rank = is_tensor(a->type) ? a->type->dims.size() : 0;
    if (NodeRef ax = nx_opt(n, "axes")) axes = nx_axes(ax, rank);
    bool keep = false;
    if (NodeRef kp = nx_opt(n, "keep_axes")) keep = kp->kind == NodeKind::Atom && kp->name == "true";
    return nx_reduce_ax(loc, a, k, mean, axes, keep);
  }

  /// Reduces the axes (all when absent) of a with fold k (mean divides).
  ExprRef nx_reduce_ax(Loc loc, ExprRef a, FoldKind k, bool mean,
                       const std::optional<std::vector<int64_t>>& axes_opt, bool keep) {
    a = tape_in(a);
    Binds B;
    NxT x = nx_as_tensor(nx_operand(a, loc, B), loc, B);
    Type t = x.elem == bool_type() ? int_type() : x.elem;
    ExprRef data = x.elem == bool_type()
                       ? map(loc, x.data, [&] {
                           VarRef q = new_var(prog, "x", bool_type());
                           return lam({q}, cast_bool(var_use(loc, q)));
                         }())
                       : x.data;
    std::vector<int64_t> axes;
    if (axes_opt) axes = *axes_opt;
    else for (size_t i = 0; i < x.rank(); i++) axes.push_back(int64_t(i));
    std::vector<bool> red(x.rank(), false);
    for (int64_t a2 : axes) red[size_t(a2)] = true;
    TapeNode nd{"reduce", loc, {a}};
    nd.ia = axes;
    nd.kind = int(k);
    nd.mean = mean;
    nd.keep = keep;
    std::vector<int64_t> osd;
    std::vector<ExprRef> od, kd, rd;
    std::vector<size_t> kax, rax;
    for (size_t i = 0; i < x.rank(); i++) {
      if (red[i]) { rax.push_back(i); rd.push_back(x.dims[i]); if (keep) { osd.push_back(1); od.push_back(i64c(loc, 1)); } }
      else { kax.push_back(i); kd.push_back(x.dims[i]); osd.push_back(x.sd[i]); od.push_back(x.dims[i]); }
    }
    ExprRef rn = prod(loc, rd);
    Type out = mean ? nx_float_of(t) : t;
    // Nx.Type.to_aggregate: sums and products of u8/u16/u32 are u32, of s8/s16 s32; max/min keep the type
    NxInt onk = mean ? NxInt::None : x.nk;
    bool sums = k == FoldKind::Sum || k == FoldKind::Product;
    if (!mean && sums && (x.elem == bool_type() || (x.nk != NxInt::None && !nx_int_signed(x.nk)))) onk = NxInt::U32;
    if (!mean && sums && nx_int_signed(x.nk)) out = i32_type(), onk = NxInt::None;
    auto finish = [&](ExprRef folded) -> ExprRef {
      ExprRef v = folded;
      if (mean) v = ieee(binary(loc, BinOp::FDiv, cast_to(v, out), cast_to(rn, out), out));
      else if (sums) v = cast_to(nx_wrap(loc, v, onk), out);
      return v;
    };
    if (kax.empty()) {
      ExprRef v = finish(ieee_fold(fold(loc, k, data, t)));
      return tape_out(wrap(B, mk_tensor(loc, out, osd, od, list_lit(loc, out, {bind(B, v, "r")}), onk)), nd);
    }
    ExprRef d = bind(B, data, "d");
    ExprRef on = prod(loc, kd);
    VarRef o = new_var(prog, "o", int_type());
    VarRef q = new_var(prog, "j", int_type());
    // input index = sum over kept axes (coords of o) + reduced axes (coords of q)
    auto strides_in = [&](size_t axis) { return prod(loc, x.dims, axis + 1); };
    ExprRef idx = i64c(loc, 0);
    for (size_t j = 0; j < kax.size(); j++) {
      ExprRef c = idiv(loc, var_use(loc, o), prod(loc, kd, j + 1));
      if (j > 0) c = irem(loc, c, kd[j]);
      idx = iadd(loc, idx, imul(loc, c, strides_in(kax[j])));
    }
    for (size_t j = 0; j < rax.size(); j++) {
      ExprRef c = idiv(loc, var_use(loc, q), prod(loc, rd, j + 1));
      if (j > 0) c = irem(loc, c, rd[j]);
      idx = iadd(loc, idx, imul(loc, c, strides_in(rax[j])));
    }
    ExprRef inner = map(loc, range_up(loc, i64c(loc, 0), binary(loc, BinOp::Sub, rn, i64c(loc, 1), int_type())),
                        lam({q}, index(loc, d, idx)));
    ExprRef body = finish(ieee_fold(fold(loc, k, inner, t)));
    ExprRef outer = map(loc, range_up(loc, i64c(loc, 0), binary(loc, BinOp::Sub, on, i64c(loc, 1), int_type())),
                        lam({o}, body));
    return tape_out(wrap(B, mk_tensor(loc, out, osd, od, outer, onk)), nd);
  }

  /// A permutation of the axes (transpose) or a gather by index function.
  ExprRef nx_gather(Loc loc, const NxT& x, const std::vector<int64_t>& osd,
                    const std::function<ExprRef(const std::vector<ExprRef>& coords)>& in_index, Binds& B) {
    std::vector<ExprRef> od;
    for (int64_t d : osd) od.push_back(i64c(loc, d));
    ExprRef d = bind(B, x.data, "d");
    VarRef i = new_var(prog, "i", int_type());
    std::vector<ExprRef> coords;
    for (size_t k = 0; k < osd.size(); k++) {
      ExprRef c = idiv(loc, var_use(loc, i), prod(loc, od, k + 1));
      if (k > 0) c = irem(loc, c, od[k]);
      coords.push_back(c);
    }
    ExprRef n = prod(loc, od);
    ExprRef src = range_up(loc, i64c(loc, 0), binary(loc, BinOp::Sub, n, i64c(loc, 1), int_type()));
    return mk_tensor(loc, x.elem, osd, od, map(loc, src, lam({i}, index(loc, d, in_index(coords)))), x.nk);
  }

  ExprRef nx_dot(Loc loc, ExprRef a, ExprRef b) {
    a = tape_in(a), b = tape_in(b);
    size_t ra = tdims(a).size(), rb = tdims(b).size();
    if (is_tensor(a->type) && is_tensor(b->type) && ra > 0 && rb > 0 && (ra > 2 || rb > 2))
      // Nx: the last axis of a with the only axis of a vector b, else b's second to last
      return nx_dot_general(loc, a, {int64_t(ra) - 1}, b, {rb == 1 ? 0 : int64_t(rb) - 2}, {}, {});
    Binds B;
    NxT x = nx_operand(a, loc, B), y = nx_operand(b, loc, B);
    if (x.scalar || y.scalar || x.rank() == 0 || y.rank() == 0) return wrap(B, nx_binary(loc, "multiply", a, b));
    Type t = nx_merge(x, y, loc);
    auto num = [&](const ExprRef& v) { return cast_to(v->type == bool_type() ? cast_bool(v) : v, t); };
    int64_t kx = x.sd.back(), ky = y.sd[0];
    if (kx != ky)
      fail(loc, "dot/zip expects shapes to be compatible, dimension " + std::to_string(x.rank() - 1) +
                    " of left-side (" + std::to_string(kx) + ") does not equal dimension 0 of right-side (" +
                    std::to_string(ky) + ")");
    ExprRef K = i64c(loc, kx);
    int64_t m = x.rank() == 2 ? x.sd[0] : 1, nn = y.rank() == 2 ? y.sd[1] : 1;
    std::vector<int64_t> osd;
    if (x.rank() == 2) osd.push_back(m);
    if (y.rank() == 2) osd.push_back(nn);
    std::vector<ExprRef> od;
    for (int64_t d : osd) od.push_back(i64c(loc, d));
    if (x.rank() == 2) {
      // Matrices (and matrix . vector): the runtime's tuned GEMM.
      auto as_t = [&](const NxT& z) {
        if (z.elem == t) return z.data;
        VarRef q = new_var(prog, "x", z.elem);
        return map(loc, z.data, lam({q}, num(var_use(loc, q))));
      };
      ExprRef mm = matmul(loc, as_t(x), as_t(y), i64c(loc, m), K, i64c(loc, nn));
      return tape_out(wrap(B, mk_tensor(loc, t, osd, od, mm)), TapeNode{"dot", loc, {a, b}});
    }
    ExprRef da = bind(B, x.data, "a"), db = bind(B, y.data, "b");
    VarRef o = new_var(prog, "o", int_type()), kk = new_var(prog, "k", int_type());
    ExprRef row = idiv(loc, var_use(loc, o), i64c(loc, nn));
    ExprRef col = irem(loc, var_use(loc, o), i64c(loc, nn));
    ExprRef ai = iadd(loc, imul(loc, row, K), var_use(loc, kk));
    ExprRef bi = iadd(loc, imul(loc, var_use(loc, kk), i64c(loc, nn)), col);
    ExprRef prodv = ieee(binary(loc, BinOp::Mul, num(index(loc, da, ai)), num(index(loc, db, bi)), t));
    ExprRef inner = map(loc, range_up(loc, i64c(loc, 0), i64c(loc, kx - 1)), lam({kk}, prodv));
    ExprRef cell = fold(loc, FoldKind::Sum, inner, t);
    if (osd.empty()) {
      VarRef kv = new_var(prog, "k", int_type());
      ExprRef pv = ieee(binary(loc, BinOp::Mul, num(index(loc, da, var_use(loc, kv))),
                               num(index(loc, db, var_use(loc, kv))), t));
      ExprRef s2 = fold(loc, FoldKind::Sum, map(loc, range_up(loc, i64c(loc, 0), i64c(loc, kx - 1)), lam({kv}, pv)), t);
      return tape_out(wrap(B, mk_tensor(loc, t, {}, {}, list_lit(loc, t, {bind(B, s2, "r")}))),
                      TapeNode{"dot", loc, {a, b}});
    }
    ExprRef outer = map(loc, range_up(loc, i64c(loc, 0), i64c(loc, m * nn - 1)), lam({o}, cell));
    return tape_out(wrap(B, mk_tensor(loc, t, osd, od, outer)), TapeNode{"dot", loc, {a, b}});
  }


  /// Nx.dot/4 and /6: contract axes ca of a with cb of b (batch axes ba, bb
  /// first in the result, then a's free axes, then b's). Lowered to what
  /// the gradient already knows: transposes and reshapes into the
  /// [M, K] x [K, N] product of nx_dot (the runtime's GEMM), one product per
  /// batch element, stacked.
  ExprRef nx_dot_general(Loc loc, ExprRef a, std::vector<int64_t> ca, ExprRef b, std::vector<int64_t> cb,
                         std::vector<int64_t> ba, std::vector<int64_t> bb) {
    if (!is_tensor(a->type) || !is_tensor(b->type)) fail(loc, "Nx.dot/4 needs two tensors");
    std::vector<int64_t> sa = tdims(a), sb = tdims(b);
    auto axis_list = [](const std::vector<int64_t>& v) {
      std::string r = "[";
      for (size_t i = 0; i < v.size(); i++) r += (i ? ", " : "") + std::to_string(v[i]);
      return r + "]";
    };
    auto distinct = [&](const std::vector<int64_t>& u, const std::vector<int64_t>& v, const char* side) {
      std::vector<int64_t> all = u;
      all.insert(all.end(), v.begin(), v.end());
      std::vector<int64_t> s2 = all;
      std::sort(s2.begin(), s2.end());
      if (std::adjacent_find(s2.begin(), s2.end()) != s2.end())
        fail(loc, std::string("Nx.dot: the ") + side + " side's contraction and batch axes " + axis_list(all) +
                      " name an axis twice");
    };
    distinct(ca, ba, "left");
    distinct(cb, bb, "right");
    if (ca.size() != cb.size())
      fail(loc, "dot/zip expects the same number of contracting axes on both sides");
    if (ba.size() != bb.size()) fail(loc, "dot/zip expects the same number of batch axes on both sides");
    for (size_t i = 0; i < ca.size(); i++)
      if (sa[size_t(ca[i])] != sb[size_t(cb[i])])
        fail(loc, "dot/zip expects shapes to be compatible, dimension " + std::to_string(ca[i]) + " of left-side (" +
                      std::to_string(sa[size_t(ca[i])]) + ") does not equal dimension " + std::to_string(cb[i]) +
                      " of right-side (" + std::to_string(sb[size_t(cb[i])]) + ")");
    for (size_t i = 0; i < ba.size(); i++)
      if (sa[size_t(ba[i])] != sb[size_t(bb[i])])
        fail(loc, "dot/zip expects batch dimensions to be equal, dimension " + std::to_string(ba[i]) +
                      " of left-side (" + std::to_string(sa[size_t(ba[i])]) + ") does not equal dimension " +
                      std::to_string(bb[i]) + " of right-side (" + std::to_string(sb[size_t(bb[i])]) + ")");
    auto free_axes = [](size_t r, const std::vector<int64_t>& c, const std::vector<int64_t>& bt) {
      std::vector<int64_t> f;
      for (size_t i = 0; i < r; i++)
        if (std::find(c.begin(), c.end(), int64_t(i)) == c.end() && std::find(bt.begin(), bt.end(), int64_t(i)) == bt.end())
          f.push_back(int64_t(i));
      return f;
    };
    std::vector<int64_t> fa = free_axes(sa.size(), ca, ba), fb = free_axes(sb.size(), cb, bb);
    auto size_of = [](const std::vector<int64_t>& s, const std::vector<int64_t>& ax) {
      int64_t p = 1;
      for (int64_t i : ax) p *= s[size_t(i)];
      return p;
    };
    int64_t nbatch = size_of(sa, ba), M = size_of(sa, fa), K = size_of(sa, ca), N = size_of(sb, fb);
    auto permuted = [&](ExprRef t, const std::vector<int64_t>& sd, std::vector<int64_t> perm) {
      bool identity = true;
      for (size_t i = 0; i < perm.size(); i++) identity = identity && perm[i] == int64_t(i);
      return identity || sd.empty() ? t : nx_transpose(loc, t, perm);
    };
    // a as [batch..., free..., contracted...] and b as [batch..., contracted..., free...]
    std::vector<int64_t> pa = ba, pb = bb;
    pa.insert(pa.end(), fa.begin(), fa.end()), pa.insert(pa.end(), ca.begin(), ca.end());
    pb.insert(pb.end(), cb.begin(), cb.end()), pb.insert(pb.end(), fb.begin(), fb.end());
    Binds B;
    ExprRef at = bind(B, nx_reshape(loc, permuted(a, sa, pa), {nbatch, M, K}), "a");
    ExprRef bt = bind(B, nx_reshape(loc, permuted(b, sb, pb), {nbatch, K, N}), "b");
    if (nbatch > 256)
      fail(loc, "Nx.dot: " + std::to_string(nbatch) + " batch elements; hastec unrolls batched products and "
                    "supports at most 256 (reshape the batch into the free axes where the math allows)");
    std::vector<ExprRef> parts;
    for (int64_t i = 0; i < nbatch; i++) {
      ExprRef ai = nx_reshape(loc, nx_slice(loc, at, {i, 0, 0}, {1, M, K}, {1, 1, 1}), {M, K});
      ExprRef bi = nx_reshape(loc, nx_slice(loc, bt, {i, 0, 0}, {1, K, N}, {1, 1, 1}), {K, N});
      // a full contraction (M = N = 1) is a vector product: a fold, not a GEMM call
      ExprRef pi = M == 1 && N == 1 ? nx_reshape(loc, nx_dot(loc, nx_reshape(loc, ai, {K}), nx_reshape(loc, bi, {K})), {1, 1})
                                    : nx_dot(loc, ai, bi);
      parts.push_back(nbatch == 1 ? pi : nx_reshape(loc, pi, {1, M, N}));
    }
    ExprRef r = nbatch == 1 ? parts[0] : nx_concat(loc, parts, 0);
    std::vector<int64_t> osd;
    for (int64_t i : ba) osd.push_back(sa[size_t(i)]);
    for (int64_t i : fa) osd.push_back(sa[size_t(i)]);
    for (int64_t i : fb) osd.push_back(sb[size_t(i)]);
    return wrap(B, nx_reshape(loc, r, osd));
  }

  /// The same data under another static shape (sizes must agree).
  ExprRef nx_reshape(Loc loc, ExprRef a, const std::vector<int64_t>& sd) {
    a = tape_in(a);
    Binds B;
    NxT x = nx_operand(a, loc, B);
    int64_t p = 1, q = 1;
    for (int64_t d : x.sd) p *= d;
    for (int64_t d : sd) q *= d;
    if (x.scalar || p != q)
      fail(loc, "cannot reshape, current shape " + shape_text(x.sd) + " is not compatible with new shape " +
                    shape_text(sd));
    std::vector<ExprRef> od;
    for (int64_t d : sd) od.push_back(i64c(loc, d));
    return tape_out(wrap(B, mk_tensor(loc, x.elem, sd, od, x.data, x.nk)), TapeNode{"reshape", loc, {a}});
  }
  static std::vector<int64_t> tdims(const ExprRef& e) { return is_tensor(e->type) ? e->type->dims : std::vector<int64_t>{}; }

  /// t[i]: the slice at index i (known at compile time; negative counts
  /// from the end) of the first axis, that axis dropped, as Nx's Access.
  ExprRef tensor_access(const NodeRef& n, const ExprRef& t, Env& env) {
    std::vector<int64_t> sd = tdims(t);
    if (sd.empty()) fail(n->loc, "cannot index a scalar tensor (rank 0)");
    ExprRef ie = static_fold(expect_value(lower(n->args[1], env), n->args[1]->loc));
    if (ie->kind != ExprKind::IntConst || ie->type != int_type())
      fail(n->args[1]->loc, "tensor[i] needs an integer known at compile time in hastec (Nx.slice_along_axis or "
                            "Nx.take take run-time indices)");
    int64_t i = ie->int_value;
    if (i < -sd[0] || i >= sd[0])
      fail(n->args[1]->loc, "index " + std::to_string(i) + " is out of bounds for axis 0 in shape " + shape_text(sd));
    if (i < 0) i += sd[0];
    std::vector<int64_t> start(sd.size(), 0), len = sd, out(sd.begin() + 1, sd.end());
    start[0] = i;
    len[0] = 1;
    return nx_reshape(n->loc, nx_slice(n->loc, t, start, len, {}), out);
  }

  ExprRef nx_slice(Loc loc, ExprRef a, std::vector<int64_t> start, const std::vector<int64_t>& len,
                   std::vector<int64_t> stride) {
    a = tape_in(a);
    Binds B;
    NxT x = nx_operand(a, loc, B);
    if (x.scalar) fail(loc, "Nx.slice needs a tensor");
    size_t r = x.rank();
    if (start.size() != r) fail(loc, "invalid start indices rank for shape of rank " + std::to_string(r));
    if (len.size() != r) fail(loc, "invalid limit indices rank for shape of rank " + std::to_string(r));
    if (stride.empty()) stride.assign(r, 1);
    if (stride.size() != r) fail(loc, "invalid strides rank for shape of rank " + std::to_string(r));
    std::vector<int64_t> osd;
    for (size_t i = 0; i < r; i++) {
      if (len[i] < 1 || len[i] > x.sd[i])
        fail(loc, "length at axis " + std::to_string(i) + " must be between 1 and " + std::to_string(x.sd[i]) +
                      ", got: " + std::to_string(len[i]));
      if (stride[i] < 1) fail(loc, "stride at axis " + std::to_string(i) + " must be greater than or equal to 1");
      // Nx clamps the start so that the slice fits.
      start[i] = std::max<int64_t>(0, std::min(start[i], x.sd[i] - len[i]));
      osd.push_back((len[i] + stride[i] - 1) / stride[i]);
    }
    ExprRef g = nx_gather(loc, x, osd, [&](const std::vector<ExprRef>& c) {
      ExprRef idx = i64c(loc, 0);
      for (size_t i = 0; i < r; i++)
        idx = iadd(loc, idx, imul(loc, iadd(loc, i64c(loc, start[i]), imul(loc, c[i], i64c(loc, stride[i]))),
                                  prod(loc, x.dims, i + 1)));
      return idx;
    }, B);
    TapeNode nd{"slice", loc, {a}};
    nd.ia = start;
    nd.ib = osd;
    nd.ic = stride;
    return tape_out(wrap(B, g), nd);
  }

  /// Nx.take(t, indices, axis: a): the output's shape is t's with axis a
  /// replaced by the indices' shape; an index outside the axis raises
  /// ArgumentError (Nx's message names the index; hastec's the axis).
  /// Not differentiable yet.
  ExprRef nx_take(Loc loc, ExprRef a, ExprRef idx, int64_t axis) {
    a = tape_in(a), idx = tape_in(idx);
    Binds B;
    NxT x = nx_operand(a, loc, B);
    if (x.scalar) fail(loc, "Nx.take needs a tensor");
    NxT ix = nx_as_tensor(nx_operand(idx, loc, B), loc, B);
    if (!is_integer(ix.elem)) fail(loc, "indices must be an integer tensor, got " + type_name(ix.elem));
    size_t r = x.rank(), ri = ix.rank();
    for (int64_t d : x.sd)
      if (d < 0) fail(loc, "Nx.take needs a tensor of static shape");
    for (int64_t d : ix.sd)
      if (d < 0) fail(loc, "Nx.take needs indices of static shape");
    size_t ax = size_t(axis);
    std::vector<int64_t> osd(x.sd.begin(), x.sd.begin() + axis);
    osd.insert(osd.end(), ix.sd.begin(), ix.sd.end());
    osd.insert(osd.end(), x.sd.begin() + axis + 1, x.sd.end());
    ExprRef id = bind(B, ix.data, "idx");
    int64_t dim = x.sd[ax];
    std::string shape = "{" + std::to_string(dim);
    for (size_t i = 0; i < r; i++)
      if (i != ax) shape += ", " + std::to_string(x.sd[i]);
    shape += "}";
    ExprRef g = nx_gather(loc, x, osd, [&](const std::vector<ExprRef>& c) {
      // the position in the indices tensor, then the index it holds
      ExprRef ip = i64c(loc, 0);
      for (size_t k = 0; k < ri; k++) ip = iadd(loc, imul(loc, ip, i64c(loc, ix.sd[k])), c[ax + k]);
      ExprRef i = cast_to(index(loc, id, ip), int_type());
      VarRef iv = new_var(prog, "i", int_type());
      ExprRef use = var_use(loc, iv);
      ExprRef pos = i64c(loc, 0);
      for (size_t d = 0; d < r; d++) {
        ExprRef cd = d < ax ? c[d] : d == ax ? use : c[d + ri - 1];
        pos = iadd(loc, imul(loc, pos, i64c(loc, x.sd[d])), cd);
      }
      ExprRef ok = binary(loc, BinOp::And, binary(loc, BinOp::Ge, use, i64c(loc, 0), bool_type()),
                          binary(loc, BinOp::Lt, use, i64c(loc, dim), bool_type()), bool_type());
      ExprRef bad = raise_value(loc, 7 /* ArgumentError */, "index out of bounds for axis 0 in shape " + shape + ": ",
                                use, int_type());
      return let(loc, iv, i, if_(loc, ok, pos, bad, int_type()));
    }, B);
    TapeNode nd{"take", loc, {a, idx}};
    nd.ia = {axis};
    return tape_out(wrap(B, g), nd);
  }

  /// The adjoint of take: g's slices added back at the positions the
  /// indices name (a position taken twice gets both), zeros elsewhere.
  ExprRef nx_untake(Loc loc, const ExprRef& g, const ExprRef& idx, const std::vector<int64_t>& sd, int64_t axis) {
    Binds B;
    NxT gx = nx_operand(g, loc, B);
    NxT ix = nx_operand(idx, loc, B);
    size_t ax = size_t(axis), r = sd.size();
    int64_t nidx = 1, lead = 1, trail = 1;
    for (int64_t d : ix.sd) nidx *= d;
    for (size_t k = 0; k < ax; k++) lead *= sd[k];
    for (size_t k = ax + 1; k < r; k++) trail *= sd[k];
    std::vector<ExprRef> od;
    for (int64_t d : sd) od.push_back(i64c(loc, d));
    ExprRef gd = bind(B, gx.data, "g"), id = bind(B, ix.data, "idx");
    VarRef i = new_var(prog, "i", int_type()), k = new_var(prog, "k", int_type());
    ExprRef iu = var_use(loc, i);
    // position i of the input: (l, p, t) with l over the leading axes, p on
    // the axis, t over the trailing ones
    ExprRef t = irem(loc, iu, i64c(loc, trail));
    ExprRef p = irem(loc, idiv(loc, iu, i64c(loc, trail)), i64c(loc, sd[ax]));
    ExprRef l = idiv(loc, iu, i64c(loc, trail * sd[ax]));
    ExprRef ku = var_use(loc, k);
    ExprRef gpos = iadd(loc, imul(loc, iadd(loc, imul(loc, l, i64c(loc, nidx)), ku), i64c(loc, trail)), t);
    ExprRef hit = binary(loc, BinOp::Eq, cast_to(index(loc, id, ku), int_type()), p, bool_type());
    ExprRef v = if_(loc, hit, index(loc, gd, gpos), float_const(loc, 0.0, gx.elem), gx.elem);
    ExprRef ks = range_up(loc, i64c(loc, 0), i64c(loc, nidx - 1));
    ExprRef sum = ieee_fold(fold(loc, FoldKind::Sum, map(loc, ks, lam({k}, v)), gx.elem));
    ExprRef src = range_up(loc, i64c(loc, 0), i64c(loc, lead * sd[ax] * trail - 1));
    return wrap(B, mk_tensor(loc, gx.elem, sd, od, map(loc, src, lam({i}, sum))));
  }

  /// Nx.slice with start indices known only at run time: clamped as Nx does
  /// (the slice always fits), lengths static. Not differentiable yet.
  ExprRef nx_slice_dynamic(Loc loc, ExprRef a, const std::vector<ExprRef>& start, const std::vector<int64_t>& len,
                           std::vector<int64_t> stride) {
    if (tracing()) fail(loc, "grad: Nx.slice with run-time start indices inside a differentiated function is not "
                             "supported by hastec yet (slice outside it, or use literal starts)");
    Binds B;
    NxT x = nx_operand(a, loc, B);
    if (x.scalar) fail(loc, "Nx.slice needs a tensor");
    size_t r = x.rank();
    if (start.size() != r) fail(loc, "invalid start indices rank for shape of rank " + std::to_string(r));
    if (len.size() != r) fail(loc, "invalid limit indices rank for shape of rank " + std::to_string(r));
    if (stride.empty()) stride.assign(r, 1);
    if (stride.size() != r) fail(loc, "invalid strides rank for shape of rank " + std::to_string(r));
    std::vector<int64_t> osd;
    std::vector<ExprRef> st;
    for (size_t i = 0; i < r; i++) {
      if (x.sd[i] < 0) fail(loc, "Nx.slice with run-time start indices needs a tensor of static shape");
      if (len[i] < 1 || len[i] > x.sd[i])
        fail(loc, "length at axis " + std::to_string(i) + " must be between 1 and " + std::to_string(x.sd[i]) +
                      ", got: " + std::to_string(len[i]));
      if (stride[i] < 1) fail(loc, "stride at axis " + std::to_string(i) + " must be greater than or equal to 1");
      ExprRef hi = i64c(loc, x.sd[i] - len[i]);
      ExprRef clamped = binary(loc, BinOp::Max, i64c(loc, 0), binary(loc, BinOp::Min, start[i], hi, int_type()), int_type());
      st.push_back(bind(B, clamped, "start"));
      osd.push_back((len[i] + stride[i] - 1) / stride[i]);
    }
    ExprRef g = nx_gather(loc, x, osd, [&](const std::vector<ExprRef>& c) {
      ExprRef idx = i64c(loc, 0);
      for (size_t i = 0; i < r; i++)
        idx = iadd(loc, idx, imul(loc, iadd(loc, st[i], imul(loc, c[i], i64c(loc, stride[i]))),
                                  prod(loc, x.dims, i + 1)));
      return idx;
    }, B);
    return wrap(B, g);
  }

  ExprRef nx_concat(Loc loc, std::vector<ExprRef> ts, int64_t axis_in) {
    if (ts.empty()) fail(loc, "Nx.concatenate needs a non-empty list of tensors");
    for (auto& t : ts) t = tape_in(t);
    Binds B;
    std::vector<NxT> xs;
    for (auto& t : ts) {
      xs.push_back(nx_operand(t, loc, B));
      if (xs.back().scalar) fail(loc, "Nx.concatenate needs tensors");
    }
    size_t r = xs[0].rank();
    int64_t axis = axis_in < 0 ? axis_in + int64_t(r) : axis_in;
    if (axis < 0 || axis >= int64_t(r))
      fail(loc, "given axis (" + std::to_string(axis_in) + ") invalid for shape with rank " + std::to_string(r));
    NxT acc = xs[0];
    for (size_t j = 1; j < xs.size(); j++) {
      NxElem m = nx_merge_elem(acc, xs[j], loc);
      acc.elem = m.elem, acc.nk = m.nk;
      if (xs[j].rank() != r) fail(loc, "cannot concatenate tensors of different ranks");
      for (size_t i = 0; i < r; i++)
        if (int64_t(i) != axis && xs[j].sd[i] != xs[0].sd[i])
          fail(loc, "expected all shapes to match " + shape_text(xs[0].sd) + ", got unmatching shape: " +
                        shape_text(xs[j].sd));
    }
    Type t = acc.elem == bool_type() ? int_type() : acc.elem;
    NxInt tnk = acc.elem == bool_type() ? NxInt::U8 : acc.nk;
    std::vector<int64_t> osd = xs[0].sd;
    osd[size_t(axis)] = 0;
    for (auto& x : xs) osd[size_t(axis)] += x.sd[size_t(axis)];
    std::vector<ExprRef> od;
    for (int64_t d : osd) od.push_back(i64c(loc, d));
    std::vector<ExprRef> ds;
    for (auto& x : xs) ds.push_back(bind(B, x.data, "d"));
    VarRef iv = new_var(prog, "i", int_type());
    std::vector<ExprRef> c;
    for (size_t k = 0; k < r; k++) {
      ExprRef ck = idiv(loc, var_use(loc, iv), prod(loc, od, k + 1));
      if (k > 0) ck = irem(loc, ck, od[k]);
      c.push_back(ck);
    }
    auto num = [&](const ExprRef& v) { return cast_to(v->type == bool_type() ? cast_bool(v) : v, t); };
    // From the last operand backwards: if coord < offset_j then ... else operand j.
    VarRef cv = new_var(prog, "c", int_type());
    ExprRef cax = var_use(loc, cv);
    std::vector<int64_t> offs;
    int64_t off = 0;
    for (auto& x : xs) { offs.push_back(off); off += x.sd[size_t(axis)]; }
    ExprRef body;
    for (size_t j = xs.size(); j-- > 0;) {
      ExprRef idx = i64c(loc, 0);
      for (size_t k = 0; k < r; k++) {
        ExprRef ck = int64_t(k) == axis ? binary(loc, BinOp::Sub, cax, i64c(loc, offs[j]), int_type()) : c[k];
        idx = iadd(loc, idx, imul(loc, ck, prod(loc, xs[j].dims, k + 1)));
      }
      ExprRef v = num(index(loc, ds[j], idx));
      // if c < (where operand j+1 starts) then operand j else the later ones
      body = body ? if_(loc, binary(loc, BinOp::Lt, cax, i64c(loc, offs[j + 1]), bool_type()), v, body, t) : v;
    }
    body = let(loc, cv, c[size_t(axis)], body);
    ExprRef n = prod(loc, od);
    ExprRef src = range_up(loc, i64c(loc, 0), binary(loc, BinOp::Sub, n, i64c(loc, 1), int_type()));
    TapeNode nd{"concatenate", loc, ts};
    nd.ia = {axis};
    return tape_out(wrap(B, mk_tensor(loc, t, osd, od, map(loc, src, lam({iv}, body)), tnk)), nd);
  }

  /// argmax/argmin: the first index of the extreme (NaN wins, as Nx's).
  ExprRef nx_argext(Loc loc, const NodeRef& n, const ExprRef& a, bool is_max) {
    Binds B;
    NxT x = nx_operand(a, loc, B);
    if (x.scalar) fail(loc, "Nx." + n->name + " needs a tensor");
    Type it = i32_type();
    NxInt ink = NxInt::None;
    if (NodeRef ty = nx_opt(n, "type")) {
      NxElem te = nx_type_arg(ty);
      it = te.elem, ink = te.nk;
    }
    if (!is_integer(it)) fail(loc, "Nx." + n->name + "'s type: must be an integer type");
    if (NodeRef tb = nx_opt(n, "tie_break"))
      if (!(tb->kind == NodeKind::Atom && tb->name == "low"))
        fail(tb->loc, "Nx." + n->name + ": only tie_break: :low is supported by hastec");
    bool keep = false;
    if (NodeRef kp = nx_opt(n, "keep_axis")) keep = kp->kind == NodeKind::Atom && kp->name == "true";
    int64_t axis = -1;
    if (NodeRef ax = nx_opt(n, "axis")) axis = nx_axes(ax, x.rank())[0];
    Type et = x.elem == bool_type() ? int_type() : x.elem;
    ExprRef d = bind(B, x.data, "d");
    auto elem_at = [&](ExprRef i) {
      ExprRef v = index(loc, d, i);
      return x.elem == bool_type() ? cast_bool(v) : v;
    };
    // the index j of the extreme among elements base + j * step, j < len
    auto arg = [&](ExprRef base, ExprRef step, int64_t len) -> ExprRef {
      Type acct = tuple_type({et, int_type()});
      VarRef xv = new_var(prog, "j", int_type()), acc = new_var(prog, "acc", acct);
      ExprRef cur = tuple_get(loc, var_use(loc, acc), 0);
      ExprRef xj = elem_at(iadd(loc, base, imul(loc, var_use(loc, xv), step)));
      VarRef xval = new_var(prog, "x", et);
      ExprRef xe = var_use(loc, xval);
      ExprRef better = binary(loc, is_max ? BinOp::Gt : BinOp::Lt, xe, cur, bool_type());
      if (is_floating(et))
        better = if_(loc, binary(loc, BinOp::Ne, xe, xe, bool_type()), bool_const(loc, true), better, bool_type());
      ExprRef body = let(loc, xval, xj,
                         if_(loc, better, tuple(loc, {xe, var_use(loc, xv)}), var_use(loc, acc), acct));
      ExprRef init = tuple(loc, {elem_at(base), i64c(loc, 0)});
      ExprRef src = range_up(loc, i64c(loc, 1), i64c(loc, len - 1));
      return nx_wrap(loc, cast_to(tuple_get(loc, reduce(loc, src, init, lam({xv, acc}, body)), 1), it), ink);
    };
    if (axis < 0) {
      int64_t nn = 1;
      for (int64_t dd : x.sd) nn *= dd;
      ExprRef v = bind(B, arg(i64c(loc, 0), i64c(loc, 1), nn), "r");
      return wrap(B, mk_tensor(loc, it, {}, {}, list_lit(loc, it, {v}), ink));
    }
    std::vector<int64_t> osd;
    std::vector<ExprRef> kd;
    std::vector<size_t> kax;
    for (size_t i = 0; i < x.rank(); i++) {
      if (int64_t(i) == axis) { if (keep) osd.push_back(1); continue; }
      osd.push_back(x.sd[i]);
      kd.push_back(x.dims[i]);
      kax.push_back(i);
    }
    std::vector<ExprRef> od;
    for (int64_t dd : osd) od.push_back(i64c(loc, dd));
    VarRef o = new_var(prog, "o", int_type());
    ExprRef base = i64c(loc, 0);
    for (size_t j = 0; j < kax.size(); j++) {
      ExprRef c = idiv(loc, var_use(loc, o), prod(loc, kd, j + 1));
      if (j > 0) c = irem(loc, c, kd[j]);
      base = iadd(loc, base, imul(loc, c, prod(loc, x.dims, kax[j] + 1)));
    }
    ExprRef body = arg(base, prod(loc, x.dims, size_t(axis) + 1), x.sd[size_t(axis)]);
    ExprRef on = prod(loc, kd);
    ExprRef src = range_up(loc, i64c(loc, 0), binary(loc, BinOp::Sub, on, i64c(loc, 1), int_type()));
    return wrap(B, mk_tensor(loc, it, osd, od, map(loc, src, lam({o}, body)), ink));
  }

  ExprRef nx_as_type(Loc loc, ExprRef a, NxElem te) {
    Type t = te.elem;
    a = tape_in(a);
    Binds B;
    NxT x = nx_operand(a, loc, B);
    if (x.scalar) fail(loc, "Nx.as_type/2 needs a tensor");
    ExprRef r = nx_elementwise(loc, {x}, t, [&](const std::vector<ExprRef>& e) {
      ExprRef v = e[0]->type == bool_type() ? cast_bool(e[0]) : e[0];
      if (is_floating(v->type) && is_integer(t)) {
        // As Nx's binary backend converts: NaN is 0, an infinity the
        // type's bound, a finite value truncated and wrapped to the type
        // (EXLA saturates those; beyond s64's range hastec saturates too).
        bool wide = t == int_type();
        int64_t hi = wide ? INT64_MAX : INT32_MAX, lo = wide ? INT64_MIN : INT32_MIN;
        if (te.nk != NxInt::None) {  // Nx.Type.max_finite / min_finite of u8 ... s16
          int bits = nx_int_bits(te.nk);
          hi = nx_int_signed(te.nk) ? (int64_t(1) << (bits - 1)) - 1 : (int64_t(1) << bits) - 1;
          lo = nx_int_signed(te.nk) ? -(int64_t(1) << (bits - 1)) : 0;
        }
        double inf = std::numeric_limits<double>::infinity();
        ExprRef f = cast_to(v, float_type());
        ExprRef in = unary(loc, UnOp::Trunc, f, int_type());
        auto fge = [&](double c) { return binary(loc, BinOp::Ge, f, float_const(loc, c), bool_type()); };
        auto fle = [&](double c) { return binary(loc, BinOp::Le, f, float_const(loc, c), bool_type()); };
        ExprRef r = cast_to(if_(loc, fge(9223372036854775807.0), int_const(loc, INT64_MAX),
                                if_(loc, fle(-9223372036854775808.0), int_const(loc, INT64_MIN), in, int_type()),
                                int_type()),
                            t);
        r = nx_wrap(loc, r, te.nk);
        r = if_(loc, fge(inf), cast_to(int_const(loc, hi), t),
                if_(loc, fle(-inf), cast_to(int_const(loc, lo), t), r, t), t);
        return if_(loc, binary(loc, BinOp::Ne, f, f, bool_type()), cast_to(int_const(loc, 0), t), r, t);
      }
      return nx_wrap(loc, cast_to(v, t), te.nk);
    }, B, te.nk);
    return tape_out(wrap(B, r), TapeNode{"as_type", loc, {a}});
  }
  ExprRef nx_select(Loc loc, ExprRef pc, ExprRef pa, ExprRef pb) {
    pc = tape_in(pc), pa = tape_in(pa), pb = tape_in(pb);
    Binds B;
    NxT c = nx_operand(pc, loc, B), x = nx_operand(pa, loc, B), y = nx_operand(pb, loc, B);
    if (!c.scalar && c.rank() > 0)
      for (const NxT* o : {&x, &y}) {
        if (o->scalar) continue;
        bool ok = o->rank() <= c.rank();
        for (size_t i = 0; ok && i < o->rank(); i++) {
          int64_t d = o->sd[o->rank() - 1 - i], pd = c.sd[c.rank() - 1 - i];
          ok = d == pd || d == 1;
        }
        if (!ok)
          fail(loc, "cannot broadcast tensor of dimensions " + shape_text(o->sd) + " to " + shape_text(c.sd) +
                        " (Nx.select's result has the predicate's shape)");
      }
    NxElem te = nx_merge_elem(x, y, loc);
    Type t = te.elem;
    ExprRef r = nx_elementwise(loc, {c, x, y}, t, [&](const std::vector<ExprRef>& e) {
      ExprRef cv = e[0]->type == bool_type() ? e[0]
                   : binary(loc, BinOp::Ne, e[0], cast_to(int_const(loc, 0), e[0]->type), bool_type());
      auto num = [&](const ExprRef& v) { return cast_to(v->type == bool_type() ? cast_bool(v) : v, t); };
      return if_(loc, cv, num(e[1]), num(e[2]), t);
    }, B, te.nk);
    return tape_out(wrap(B, r), TapeNode{"select", loc, {pc, pa, pb}});
  }
  ExprRef nx_transpose(Loc loc, ExprRef a, const std::vector<int64_t>& perm) {
    a = tape_in(a);
    Binds B;
    NxT x = nx_operand(a, loc, B);
    std::vector<int64_t> osd;
    for (int64_t p : perm) osd.push_back(x.sd[size_t(p)]);
    ExprRef r = nx_gather(loc, x, osd, [&](const std::vector<ExprRef>& c) {
      ExprRef idx = i64c(loc, 0);
      for (size_t j = 0; j < perm.size(); j++)
        idx = iadd(loc, idx, imul(loc, c[j], prod(loc, x.dims, size_t(perm[j]) + 1)));
      return idx;
    }, B);
    TapeNode nd{"transpose", loc, {a}};
    nd.ia = perm;
    return tape_out(wrap(B, r), nd);
  }
  /// Nx.broadcast: the operand's axis i goes to output axis axes[i]
  /// (default: the trailing axes), where its size is the output's or 1.
  ExprRef nx_broadcast(Loc loc, ExprRef a, const std::vector<int64_t>& sd, std::vector<int64_t> axes = {}) {
    a = tape_in(a);
    Binds B;
    NxT x = nx_as_tensor(nx_operand(a, loc, B), loc, B);
    if (x.rank() > sd.size()) fail(loc, "cannot broadcast tensor of shape " + shape_text(x.sd) + " to " + shape_text(sd));
    if (axes.empty())
      for (size_t i = 0; i < x.rank(); i++) axes.push_back(int64_t(sd.size() - x.rank() + i));
    for (size_t i = 0; i < x.rank(); i++)
      if (x.sd[i] != 1 && x.sd[i] != sd[size_t(axes[i])])
        fail(loc, "cannot broadcast tensor of shape " + shape_text(x.sd) + " to " + shape_text(sd) +
                      " with axes " + shape_text(axes));
    TapeNode nd{"broadcast", loc, {a}};
    nd.ia = axes;
    if (x.sd == sd) return tape_out(wrap(B, mk_tensor(loc, x.elem, sd, x.dims, x.data, x.nk)), nd);
    ExprRef g = nx_gather(loc, x, sd, [&](const std::vector<ExprRef>& c) {
      ExprRef idx = i64c(loc, 0);
      for (size_t i = 0; i < x.rank(); i++)
        if (x.sd[i] != 1) idx = iadd(loc, idx, imul(loc, c[size_t(axes[i])], prod(loc, x.dims, i + 1)));
      return idx;
    }, B);
    return tape_out(wrap(B, g), nd);
  }

  Value lower_nx(const NodeRef& n, Env& env) {
    const std::string& f = n->name;
    Loc loc = n->loc;
    size_t k = nx_npos(n);
    static const std::set<std::string> unary_fns = {"exp", "log", "sqrt", "tanh", "sin", "cos", "sigmoid", "negate",
                                                    "abs", "square", "rsqrt", "tan", "atan", "floor", "ceil",
                                                    "round", "sign"};
    static const std::set<std::string> binary_fns = {"add", "subtract", "multiply", "divide", "pow", "max", "min",
                                                     "equal", "not_equal", "less", "less_equal", "greater",
                                                     "greater_equal", "remainder", "quotient"};
    if (f == "tensor" && k == 1) {
      nx_check_opts(n, {"type"});
      return {nx_tensor_lit(n, env)};
    }
    if (unary_fns.count(f) && k == 1) return {nx_map1(loc, nx_arg(n, 0, env), f)};
    if (binary_fns.count(f) && k == 2) return {nx_binary(loc, f, nx_arg(n, 0, env), nx_arg(n, 1, env))};
    if ((f == "sum" || f == "reduce_max" || f == "reduce_min" || f == "mean" || f == "product") && k == 1) {
      nx_check_opts(n, {"axes", "keep_axes"});
      FoldKind fk = f == "reduce_max" ? FoldKind::Max : f == "reduce_min" ? FoldKind::Min
                    : f == "product" ? FoldKind::Product : FoldKind::Sum;
      ExprRef a = nx_arg(n, 0, env);
      ExprRef r = nx_reduce(loc, n, a, fk, f == "mean");
      // the max/min of a u8 mask stays u8 (Nx keeps the type); the reduction computes on its 0/1 values
      if ((fk == FoldKind::Max || fk == FoldKind::Min) && is_tensor(a->type) && a->type->elem == bool_type())
        r = nx_binary(loc, "not_equal", r, int_const(loc, 0));
      return {r};
    }
    if ((f == "all" || f == "any") && k == 1) {
      // u8: whether every (any) element is nonzero (a NaN counts as nonzero), over axes:
      nx_check_opts(n, {"axes", "keep_axes"});
      ExprRef a = nx_arg(n, 0, env);
      ExprRef nz = nx_binary(loc, "not_equal", a, int_const(loc, 0));
      ExprRef r = nx_reduce(loc, n, nz, f == "all" ? FoldKind::Min : FoldKind::Max, false);
      return {nx_binary(loc, "not_equal", r, int_const(loc, 0))};
    }
    if (f == "iota" && k == 1) {
      nx_check_opts(n, {"type", "axis"});
      std::vector<int64_t> sd = nx_shape_arg(n->args[0], ShapeArg::TupleOnly, &env);
      NxElem te{i32_type()};
      if (NodeRef ty = nx_opt(n, "type")) te = nx_type_arg(ty, &env);
      Type t = te.elem;
      std::vector<ExprRef> od;
      for (int64_t d : sd) od.push_back(i64c(loc, d));
      VarRef i = new_var(prog, "i", int_type());
      ExprRef v = var_use(loc, i);
      if (NodeRef ax = nx_opt(n, "axis")) {
        size_t a = size_t(nx_axes(ax, sd.size())[0]);
        v = idiv(loc, v, prod(loc, od, a + 1));
        if (a > 0) v = irem(loc, v, od[a]);
      }
      ExprRef src = range_up(loc, i64c(loc, 0), binary(loc, BinOp::Sub, prod(loc, od), i64c(loc, 1), int_type()));
      return {mk_tensor(loc, t, sd, od, map(loc, src, lam({i}, nx_wrap(loc, cast_to(v, t), te.nk))), te.nk)};
    }
    if (f == "as_type" && k == 2) return {nx_as_type(loc, nx_arg(n, 0, env), nx_type_arg(n->args[1], &env))};
    if (f == "select" && k == 3)
      return {nx_select(loc, nx_arg(n, 0, env), nx_arg(n, 1, env), nx_arg(n, 2, env))};
    if (f == "clip" && k == 3) {
      ExprRef a = nx_arg(n, 0, env);
      ExprRef lo = nx_arg(n, 1, env), hi = nx_arg(n, 2, env);
      if (!tdims(lo).empty() || !tdims(hi).empty())
        fail(loc, std::string(!tdims(lo).empty() ? "min" : "max") + " value must be a non-vectorized scalar shape, got shape " +
                      shape_text(tdims(!tdims(lo).empty() ? lo : hi)) + " and vectorized axes []");
      a = tape_in(a), lo = tape_in(lo), hi = tape_in(hi);
      ExprRef r;
      {
        NoRecord nr(tape_);
        r = nx_binary(loc, "min", nx_binary(loc, "max", a, lo), hi);
      }
      return {tape_out(r, TapeNode{"clip", loc, {a, lo, hi}})};
    }
    if (f == "dot" && k == 2) return {nx_dot(loc, nx_arg(n, 0, env), nx_arg(n, 1, env))};
    if (f == "dot" && (k == 4 || k == 6)) {
      // dot(a, contract_a, b, contract_b) and dot(a, contract_a, batch_a, b, contract_b, batch_b)
      size_t bi = k == 4 ? 2 : 3;
      ExprRef a = nx_arg(n, 0, env), b = nx_arg(n, bi, env);
      if (!is_tensor(a->type) || !is_tensor(b->type)) fail(loc, "Nx.dot/" + std::to_string(k) + " needs two tensors");
      size_t ra = tdims(a).size(), rb = tdims(b).size();
      std::vector<int64_t> ca = nx_axes(n->args[1], ra), cb = nx_axes(n->args[bi + 1], rb), ba, bb;
      if (k == 6) ba = nx_axes(n->args[2], ra), bb = nx_axes(n->args[5], rb);
      return {nx_dot_general(loc, a, ca, b, cb, ba, bb)};
    }
    if (f == "outer" && k == 2) {
      ExprRef a = nx_arg(n, 0, env), b = nx_arg(n, 1, env);
      int64_t p = 1, q = 1;
      for (int64_t d : tdims(a)) p *= d;
      for (int64_t d : tdims(b)) q *= d;
      // a number stays a number: Nx.outer(t, 100) is {p, 1}
      return {nx_binary(loc, "multiply", is_tensor(a->type) ? nx_reshape(loc, a, {p, 1}) : a,
                        is_tensor(b->type) ? nx_reshape(loc, b, {1, q}) : b)};
    }
    if (f == "eye" && k == 1) {
      nx_check_opts(n, {"type"});
      std::vector<int64_t> sd = nx_shape_arg(n->args[0], ShapeArg::Eye, &env);
      if (sd.size() < 2)
        fail(n->args[0]->loc, "eye/2 expects a shape with at least 2 dimensions or an integer, got: " + shape_text(sd));
      NxElem te{i32_type()};
      if (NodeRef ty = nx_opt(n, "type")) te = nx_type_arg(ty, &env);
      Type t = te.elem;
      std::vector<ExprRef> od;
      for (int64_t d : sd) od.push_back(i64c(loc, d));
      size_t r = sd.size();
      VarRef i = new_var(prog, "i", int_type());
      ExprRef row = irem(loc, idiv(loc, var_use(loc, i), prod(loc, od, r - 1)), od[r - 2]);
      ExprRef col = irem(loc, var_use(loc, i), od[r - 1]);
      ExprRef v = if_(loc, binary(loc, BinOp::Eq, row, col, bool_type()), cast_to(int_const(loc, 1), t),
                      cast_to(int_const(loc, 0), t), t);
      ExprRef src = range_up(loc, i64c(loc, 0), binary(loc, BinOp::Sub, prod(loc, od), i64c(loc, 1), int_type()));
      return {mk_tensor(loc, t, sd, od, map(loc, src, lam({i}, v)), te.nk)};
    }
    if (f == "new_axis" && k == 2) {
      ExprRef a = nx_arg(n, 0, env);
      std::vector<int64_t> sd = tdims(a);
      std::vector<int64_t> ax = nx_axes(n->args[1], sd.size() + 1);
      sd.insert(sd.begin() + ax[0], 1);
      return {nx_reshape(loc, a, sd)};
    }
    if (f == "squeeze" && k == 1) {
      nx_check_opts(n, {"axes"});
      ExprRef a = nx_arg(n, 0, env);
      std::vector<int64_t> sd = tdims(a), out;
      std::vector<int64_t> ax;
      if (NodeRef axn = nx_opt(n, "axes")) ax = nx_axes(axn, sd.size());
      for (size_t i = 0; i < sd.size(); i++) {
        bool named = ax.empty() ? sd[i] == 1 : std::find(ax.begin(), ax.end(), int64_t(i)) != ax.end();
        if (!named) { out.push_back(sd[i]); continue; }
        if (sd[i] != 1)
          fail(loc, "cannot squeeze dimensions whose sizes are not 1, got " + std::to_string(sd[i]) +
                        " for dimension " + std::to_string(i));
      }
      return {nx_reshape(loc, a, out)};
    }
    if (f == "slice" && k == 3) {
      nx_check_opts(n, {"strides"});
      ExprRef a = nx_arg(n, 0, env);
      auto ints = [&](const NodeRef& l, const char* what) {
        std::vector<int64_t> v;
        if (l->kind != NodeKind::List) fail(l->loc, std::string("Nx.slice: ") + what + " must be a list of integer literals");
        for (auto& x : l->args) {
          if (x->kind == NodeKind::Int) {
            v.push_back(x->int_value);
            continue;
          }
          // a module attribute (or anything else that folds to an integer here)
          ExprRef e = x->kind == NodeKind::Unary && x->name == "@" ? expect_value(lower(x, env), x->loc) : nullptr;
          if (!e || e->kind != ExprKind::IntConst)
            fail(x->loc, std::string("Nx.slice: ") + what + " must be integer literals or module attributes");
          v.push_back(e->int_value);
        }
        return v;
      };
      std::vector<int64_t> st;
      if (NodeRef sn = nx_opt(n, "strides")) {
        if (sn->kind == NodeKind::Int) st.assign(tdims(a).size(), sn->int_value);
        else st = ints(sn, "strides");
      }
      const NodeRef& sl = n->args[1];
      bool literal = sl->kind == NodeKind::List;
      for (auto& x : sl->args) literal = literal && x->kind == NodeKind::Int;
      if (!literal && sl->kind == NodeKind::List) {
        // run-time start indices (a mini-batch: [i * 32, 0])
        std::vector<ExprRef> starts;
        for (auto& x : sl->args) {
          ExprRef e = expect_value(lower(x, env), x->loc);
          if (is_tensor(e->type) && e->type->dims.empty() && is_integer(e->type->elem)) {
            Binds B0;
            NxT t = nx_operand(e, x->loc, B0);
            e = wrap(B0, index(x->loc, bind(B0, t.data, "d"), i64c(x->loc, 0)));
          }
          if (!is_integer(e->type)) fail(x->loc, "Nx.slice: a start index must be an integer, got " + type_name(e->type));
          starts.push_back(cast_to(e, int_type()));
        }
        return {nx_slice_dynamic(loc, a, starts, ints(n->args[2], "lengths"), st)};
      }
      return {nx_slice(loc, a, ints(sl, "start indices"), ints(n->args[2], "lengths"), st)};
    }
    if (f == "take" && nx_npos(n) == 2) {
      nx_check_opts(n, {"axis"});
      ExprRef a = nx_arg(n, 0, env);
      ExprRef idx = nx_arg(n, 1, env);
      int64_t axis = 0;
      if (NodeRef ax = nx_opt(n, "axis")) axis = nx_axes(ax, tdims(a).size())[0];
      return {nx_take(loc, a, idx, axis)};
    }
    if (f == "axis_size" && k == 2) {
      ExprRef a = nx_arg(n, 0, env);
      std::vector<int64_t> sd = tdims(a);
      return {int_const(loc, sd[size_t(nx_axes(n->args[1], sd.size())[0])])};
    }
    if (f == "flatten" && k == 1) {
      ExprRef a = nx_arg(n, 0, env);
      int64_t p = 1;
      for (int64_t d : tdims(a)) p *= d;
      return {nx_reshape(loc, a, {p})};
    }
    if ((f == "is_nan" || f == "is_infinity") && k == 1) {
      // u8 masks (no gradient: a comparison's result)
      ExprRef a = nx_arg(n, 0, env);
      Binds B;
      NxT x = nx_as_tensor(nx_operand(a, loc, B), loc, B);
      bool nan = f == "is_nan";
      ExprRef r = nx_elementwise(loc, {x}, bool_type(), [&](const std::vector<ExprRef>& e) -> ExprRef {
        const ExprRef& v = e[0];
        if (!is_floating(v->type)) return bool_const(loc, false);
        if (nan) return binary(loc, BinOp::Ne, v, v, bool_type());
        ExprRef inf = float_const(loc, std::numeric_limits<double>::infinity(), v->type);
        return binary(loc, BinOp::Eq, unary(loc, UnOp::Abs, v, v->type), inf, bool_type());
      }, B);
      return {wrap(B, r)};
    }
    if (f == "to_batched" && k == 2) {
      // A stream of batches along axis 0; hastec makes it the list of them
      // (Enum.map/reduce/zip/to_list read it as Elixir reads the stream).
      // The last, partial batch is dropped (leftover: :discard) or filled
      // from the start of the tensor (:repeat, the default), as Nx does.
      nx_check_opts(n, {"leftover"});
      ExprRef a = nx_arg(n, 0, env);
      std::vector<int64_t> sd = tdims(a);
      if (!is_tensor(a->type) || sd.empty()) fail(loc, "cannot batch non-vectorized scalar tensor");
      ExprRef bs = opt_const(n->args[1], env, "Nx.to_batched's batch size");
      if (bs->kind != ExprKind::IntConst || bs->int_value < 1)
        fail(n->args[1]->loc, "Nx.to_batched: the batch size must be a positive integer known at compile time");
      bool repeat = true;
      if (NodeRef lo = nx_opt(n, "leftover")) {
        if (lo->kind != NodeKind::Atom || (lo->name != "repeat" && lo->name != "discard"))
          fail(lo->loc, "leftover: must be :repeat or :discard");
        repeat = lo->name == "repeat";
      }
      int64_t size = sd[0], b = bs->int_value;
      if (size < b) fail(loc, "cannot batch beyond original tensor");
      int64_t count = size / b + (repeat && size % b != 0 ? 1 : 0);
      Binds B;
      ExprRef t = bind(B, a, "t");
      VarRef i = new_var(prog, "i", int_type()), j = new_var(prog, "j", int_type());
      // rows i*b .. i*b + b - 1, wrapping to the start for :repeat's last batch
      ExprRef row = iadd(loc, imul(loc, var_use(loc, i), i64c(loc, b)), var_use(loc, j));
      if (size % b != 0 && repeat) row = irem(loc, row, i64c(loc, size));
      ExprRef rows = map(loc, range_up(loc, i64c(loc, 0), i64c(loc, b - 1)), lam({j}, row));
      ExprRef idx = mk_tensor(loc, int_type(), {b}, {i64c(loc, b)}, rows);
      ExprRef batch = nx_take(loc, t, idx, 0);
      return {wrap(B, map(loc, range_up(loc, i64c(loc, 0), i64c(loc, count - 1)), lam({i}, batch)))};
    }
    if (f == "slice_along_axis" && k == 3) {
      nx_check_opts(n, {"axis", "strides"});
      ExprRef a = nx_arg(n, 0, env);
      std::vector<int64_t> sd = tdims(a);
      int64_t axis = 0;
      if (NodeRef ax = nx_opt(n, "axis")) axis = nx_axes(ax, sd.size())[0];
      ExprRef s0 = opt_const(n->args[1], env, "Nx.slice_along_axis's start");
      ExprRef l0 = opt_const(n->args[2], env, "Nx.slice_along_axis's length");
      if (s0->type != int_type() || l0->type != int_type())
        fail(loc, "Nx.slice_along_axis: start and length must be integers known at compile time");
      std::vector<int64_t> st(sd.size(), 0), len = sd, stride(sd.size(), 1);
      st[size_t(axis)] = s0->int_value;
      len[size_t(axis)] = l0->int_value;
      if (NodeRef sn = nx_opt(n, "strides")) {
        if (sn->kind != NodeKind::Int) fail(sn->loc, "strides: must be an integer literal here");
        stride[size_t(axis)] = sn->int_value;
      }
      return {nx_slice(loc, a, st, len, stride)};
    }
    if (f == "stack" && k == 1 && n->args[0]->kind != NodeKind::List) {
      Value v = lower(n->args[0], env);
      if (auto fr = frame_of(v)) {
        nx_check_opts(n, {"axis"});
        int64_t axis = 0;
        if (NodeRef ax = nx_opt(n, "axis")) axis = nx_axes(ax, 2)[0];
        // Explorer's Nx.LazyContainer: the non-string columns in the order Nx
        // traverses their map, sorted by name (stdlib/ref/explorer.exs)
        std::vector<std::string> names;
        for (auto& c : fr->cols)
          if (c.dtype != HX_DT_STRING) names.push_back(c.name);
        std::sort(names.begin(), names.end());
        Value sel = frame_op(loc, *fr, {"select", join_list(names)}, "Nx.stack");
        return {frame_tensor(loc, *frame_of(sel), axis == 1, "Nx.stack")};
      }
    }
    if ((f == "concatenate" || f == "stack") && k == 1) {
      nx_check_opts(n, {"axis"});
      if (n->args[0]->kind != NodeKind::List)
        fail(n->args[0]->loc, "Nx." + f + " takes a list literal of tensors in hastec");
      std::vector<ExprRef> ts;
      for (auto& a : n->args[0]->args) ts.push_back(expect_value(lower(a, env), a->loc));
      int64_t axis = 0;
      NodeRef ax = nx_opt(n, "axis");
      if (f == "stack") {
        size_t r = ts.empty() ? 0 : tdims(ts[0]).size();
        if (ax) axis = nx_axes(ax, r + 1)[0];
        for (auto& t : ts) {
          std::vector<int64_t> sd = tdims(t);
          if (sd.size() != r) fail(loc, "Nx.stack: all tensors must have the same shape");
          sd.insert(sd.begin() + axis, 1);
          t = nx_reshape(loc, t, sd);
        }
      } else if (ax) {
        if (ax->kind == NodeKind::Int) axis = ax->int_value;
        else if (ax->kind == NodeKind::Unary && ax->name == "-" && ax->args[0]->kind == NodeKind::Int)
          axis = -ax->args[0]->int_value;
        else fail(ax->loc, "axis: must be an integer literal");
      }
      return {nx_concat(loc, ts, axis)};
    }
    if ((f == "argmax" || f == "argmin") && k == 1) {
      nx_check_opts(n, {"axis", "keep_axis", "tie_break", "type"});
      return {nx_argext(loc, n, nx_arg(n, 0, env), f == "argmax")};
    }
    if ((f == "variance" || f == "standard_deviation") && k == 1) {
      nx_check_opts(n, {"axes", "ddof", "keep_axes"});
      ExprRef a = nx_arg(n, 0, env);
      std::vector<int64_t> sd = tdims(a);
      std::optional<std::vector<int64_t>> axes;
      if (NodeRef ax = nx_opt(n, "axes")) axes = nx_axes(ax, sd.size());
      bool keep = false;
      if (NodeRef kp = nx_opt(n, "keep_axes")) keep = kp->kind == NodeKind::Atom && kp->name == "true";
      int64_t ddof = 0;
      if (NodeRef dd = nx_opt(n, "ddof")) {
        if (dd->kind != NodeKind::Int) fail(dd->loc, "ddof: must be an integer literal");
        ddof = dd->int_value;
      }
      int64_t total = 1;
      if (axes) for (int64_t x : *axes) total *= sd[size_t(x)];
      else for (int64_t x : sd) total *= x;
      Binds B;
      ExprRef av = bind(B, a, "t");
      ExprRef mean = nx_reduce_ax(loc, av, FoldKind::Sum, true, axes, true);
      ExprRef dev = nx_binary(loc, "subtract", av, mean);
      ExprRef dv = bind(B, dev, "dev");
      ExprRef sq = nx_binary(loc, "multiply", dv, dv);
      ExprRef var = nx_binary(loc, "divide", nx_reduce_ax(loc, sq, FoldKind::Sum, false, axes, keep),
                              int_const(loc, total - ddof));
      if (f == "standard_deviation") var = nx_map1(loc, var, "sqrt");
      return {wrap(B, var)};
    }
    if (f == "logsumexp" && k == 1) {
      nx_check_opts(n, {"axes", "keep_axes"});
      ExprRef a = nx_arg(n, 0, env);
      std::vector<int64_t> sd = tdims(a);
      std::optional<std::vector<int64_t>> axes;
      if (NodeRef ax = nx_opt(n, "axes")) axes = nx_axes(ax, sd.size());
      bool keep = false;
      if (NodeRef kp = nx_opt(n, "keep_axes")) keep = kp->kind == NodeKind::Atom && kp->name == "true";
      Binds B;
      ExprRef av = bind(B, a, "t");
      ExprRef mx = bind(B, nx_reduce_ax(loc, av, FoldKind::Max, false, axes, true), "m");
      // an infinite max is replaced by 0 (Nx), so that inf - inf does not poison the sum
      {
        Binds B2;
        NxT m = nx_operand(mx, loc, B2);
        Type mt = m.elem;
        ExprRef safe = nx_elementwise(loc, {m}, mt, [&](const std::vector<ExprRef>& e) -> ExprRef {
          if (!is_floating(mt)) return e[0];
          ExprRef inf = float_const(loc, std::numeric_limits<double>::infinity(), mt);
          ExprRef is_inf = binary(loc, BinOp::Eq, unary(loc, UnOp::Abs, e[0], mt), inf, bool_type());
          return if_(loc, is_inf, float_const(loc, 0.0, mt), e[0], mt);
        }, B2);
        mx = bind(B, wrap(B2, safe), "m");
        // the shift is a constant for the gradient (it cancels out)
        mx = tape_out(mx, TapeNode{"stop_grad", loc, {mx}});
      }
      ExprRef ex = nx_map1(loc, nx_binary(loc, "subtract", av, mx), "exp");
      ExprRef sm = nx_map1(loc, nx_reduce_ax(loc, ex, FoldKind::Sum, false, axes, keep), "log");
      std::vector<int64_t> msd = tdims(mx), ksd;
      if (!keep) {
        for (size_t i = 0; i < msd.size(); i++) {
          bool red = !axes || std::find(axes->begin(), axes->end(), int64_t(i)) != axes->end();
          if (!red) ksd.push_back(msd[i]);
        }
        mx = nx_reshape(loc, mx, ksd);
      }
      return {wrap(B, nx_binary(loc, "add", sm, mx))};
    }
    if (f == "reshape" && k == 2) return {nx_reshape(loc, nx_arg(n, 0, env), nx_shape_arg(n->args[1], ShapeArg::Number, &env))};
    if (f == "transpose" && k == 1) {
      nx_check_opts(n, {"axes"});
      ExprRef a = nx_arg(n, 0, env);
      size_t r = tdims(a).size();
      if (!is_tensor(a->type)) fail(loc, "Nx.transpose/1 needs a tensor");
      std::vector<int64_t> perm;
      if (NodeRef ax = nx_opt(n, "axes")) perm = nx_axes(ax, r);
      else for (size_t i = r; i-- > 0;) perm.push_back(int64_t(i));
      if (perm.size() != r) fail(loc, "Nx.transpose: axes must name every axis once");
      return {nx_transpose(loc, a, perm)};
    }
    if (f == "broadcast" && k == 2) {
      nx_check_opts(n, {"axes"});
      ExprRef a = nx_arg(n, 0, env);
      std::vector<int64_t> sd = nx_shape_arg(n->args[1], ShapeArg::Number, &env);
      std::vector<int64_t> axes;
      if (NodeRef ax = nx_opt(n, "axes")) {
        axes = nx_axes(ax, sd.size());
        if (axes.size() != tdims(a).size())
          fail(ax->loc, "Nx.broadcast: axes must name one output axis per axis of the tensor (" +
                            std::to_string(tdims(a).size()) + ")");
        for (size_t i = 1; i < axes.size(); i++)
          if (axes[i] <= axes[i - 1]) fail(ax->loc, "Nx.broadcast: axes must be in increasing order");
      }
      return {nx_broadcast(loc, a, sd, axes)};
    }
    if (f == "type" && k == 1) {
      // {:f, 32}: t's type, known at compile time (the argument is still evaluated)
      NodeRef tn = make_call(loc, make_node(NodeKind::Alias, loc, "Nx"), "type", {n->args[0]}, true);
      Env e1 = env;
      NxElem te = nx_type_arg(tn, &e1);
      std::string name = te.nk != NxInt::None ? nx_int_name(te.nk) : nx_type_name(te.elem);
      return {tuple(loc, {ir::atom_value(loc, atom_type(name.substr(0, 1))),
                          int_const(loc, std::stoll(name.substr(1)))})};
    }
    if ((f == "size" || f == "rank" || f == "shape" || f == "to_number" || f == "to_flat_list" || f == "to_list") &&
        k == 1) {
      Binds B;
      NxT x = nx_operand(nx_arg(n, 0, env), loc, B);
      if (x.scalar) fail(loc, "Nx." + f + "/1 needs a tensor");
      if (f == "size") return {wrap(B, prod(loc, x.dims))};
      if (f == "rank") return {wrap(B, i64c(loc, int64_t(x.rank())))};
      if (f == "shape") return {wrap(B, tuple(loc, x.dims))};  // {} and {n} too
      if (f == "to_number") {
        if (x.rank() != 0) fail(loc, "cannot convert tensor of shape " + shape_text(x.sd) + " to number");
        ExprRef v = index(loc, bind(B, x.data, "d"), i64c(loc, 0));
        return {wrap(B, elixir_number(v))};
      }
      if (f == "to_list" && x.rank() != 1)
        fail(loc, "Nx.to_list/1 of a tensor of rank " + std::to_string(x.rank()) +
                      " is not supported by hastec (lists of lists are not; Nx.to_flat_list/1 is)");
      if (x.elem == int_type() || x.elem == float_type()) return {wrap(B, x.data)};
      VarRef e = new_var(prog, "e", x.elem);
      return {wrap(B, map(loc, x.data, lam({e}, elixir_number(var_use(loc, e)))))};
    }
    fail(loc, "Nx." + f + "/" + std::to_string(n->args.size()) + " is not supported by hastec yet");
  }

  // ---- grad: reverse-mode differentiation of defn code ---------------------
  // `grad(data, fun)` and `value_and_grad(data, fun)` (Nx.Defn.Kernel) are
  // compile-time transformations. The function is traced: its body is
  // lowered with a Tape active, which inlines every call, hoists every
  // binding into one flat list and records one node per Nx operation
  // (TapeNode). The backward pass then walks the nodes in reverse and emits
  // each operation's vector-Jacobian product with the same Nx builders, into
  // the same flat list, so forward and backward become one IR expression and
  // fuse like any other tensor code (docs/grad.md). Shapes are static, so
  // broadcasting's adjoint (a sum over the broadcast axes) is known here.

  /// A tensor of one value, of static shape sd.
  // ---- Nx.Random -------------------------------------------------------------
  // Nx 0.9's Nx.Random (the reference is stdlib/ref/nx.exs): keys are u32[2]
  // tensors (Int storage holding 0..2^32-1, TypeNode::u32). threefry2x32 with
  // 20 rounds is an elementwise map over the counter index in 64-bit integers
  // masked to 32 bits, so it fuses and vectorises like any tensor map.
  // uniform/normal split the key and return {sample, keys[0]}, the sample
  // drawn from keys[1]; the *_split variants draw from the key as given.

  Value lower_nx_random(const NodeRef& n, Env& env) {
    const std::string& f = n->name;
    Loc loc = n->loc;
    size_t k = nx_npos(n);
    std::string what = "Nx.Random." + f + "/" + std::to_string(n->args.size());
    if (f == "key" && n->args.size() == 1) return {random_seed_key(loc, nx_arg(n, 0, env))};
    if (f == "split" && k == 1) {
      nx_check_opts(n, {"parts"}, "Nx.Random");
      int64_t parts = 2;
      if (NodeRef p = nx_opt(n, "parts")) {
        NodeRef a = attr_node(p);
        if (a->kind != NodeKind::Int || a->int_value < 1)
          fail(p->loc, "Nx.Random.split: parts: must be a positive integer literal (or module attribute) in hastec");
        parts = a->int_value;
      }
      return {random_split(loc, nx_arg(n, 0, env), parts)};
    }
    if (f == "split" && k == 2)
      fail(n->args[1]->loc, "Nx.Random.split/2 takes the number of keys as an option in Nx 0.9: split(key, parts: n)");
    bool uniform = f == "uniform" || f == "uniform_split", normal = f == "normal" || f == "normal_split";
    if ((uniform || normal) && k == 2)
      fail(n->args[1]->loc, what + " takes options as a keyword list; " +
                                (uniform ? "uniform(key, min, max, opts) gives a range" : "normal(key, mean, sd, opts) gives a mean and deviation"));
    if ((uniform || normal) && (k == 1 || k == 3)) {
      nx_check_opts(n, {"shape", "type", "names"}, "Nx.Random");
      if (NodeRef nm = nx_opt(n, "names")) fail(nm->loc, "named axes (:names) are outside the hastec Nx subset");
      std::vector<int64_t> sd;
      if (NodeRef s = nx_opt(n, "shape")) sd = nx_shape_arg(s, ShapeArg::TupleOnly, &env);
      Type t = random_float_type(n, normal);
      ExprRef key = nx_arg(n, 0, env);
      ExprRef a = float_const(loc, 0.0, f32_type()), b = float_const(loc, 1.0, f32_type());
      if (k == 3) {
        a = nx_arg(n, 1, env), b = nx_arg(n, 2, env);
        for (size_t i = 1; i <= 2; i++) {
          const ExprRef& v = i == 1 ? a : b;
          if (!(is_numeric(v->type) || (is_tensor(v->type) && tdims(v).empty() && !is_u32_tensor(v->type))))
            fail(n->args[i]->loc, what + ": " +
                                      (uniform ? (i == 1 ? "min_value" : "max_value") : (i == 1 ? "mean" : "standard_deviation")) +
                                      " must be a number or a scalar tensor in hastec, got " + type_name(v->type));
        }
      }
      auto draw = [&](const ExprRef& kk) {
        return uniform ? random_uniform(loc, kk, a, b, t, sd) : random_normal(loc, kk, a, b, t, sd);
      };
      if (f == "uniform_split" || f == "normal_split") return {draw(key)};
      // keys = split(key); {sample of keys[1], keys[0]}
      Binds B;
      ExprRef ks = bind(B, random_split(loc, key, 2), "keys");
      ExprRef kd = bind(B, tuple_get(loc, ks, 0), "kd");
      auto row = [&](int r) {
        return tensor_value(loc, u32_tensor_type({2}),
                            list_lit(loc, int_type(), {index(loc, kd, i64c(loc, 2 * r)), index(loc, kd, i64c(loc, 2 * r + 1))}),
                            {i64c(loc, 2)});
      };
      ExprRef sample = bind(B, draw(row(1)), "sample");
      return {wrap(B, tuple(loc, {sample, row(0)}))};
    }
    fail(loc, what + " is not supported by hastec yet (key/1, split/1,2, uniform/1,2,3,4, uniform_split/1,2,3,4, "
                     "normal/1,2,3,4 and normal_split/1,2,3,4 are)");
  }

  /// Nx's spelling of a tensor's (or number's) type in messages: {:s, 32}.
  static std::string nx_type_tuple(Type t) {
    std::string s = is_tensor(t) ? nx_tensor_type_name(t) : nx_type_name(t);
    return "{:" + s.substr(0, 1) + ", " + s.substr(1) + "}";
  }

  /// A let in a lambda body (bind() would hoist it onto the gradient tape).
  ExprRef local_let(Binds& L, Loc loc, ExprRef e, const char* name) {
    VarRef v = new_var(prog, name, e->type);
    L.push_back({v, e});
    return var_use(loc, v);
  }

  /// The :type option of uniform/normal: f32 (default) or f64; integer types
  /// are refused with Nx's message.
  Type random_float_type(const NodeRef& n, bool normal) {
    NodeRef ty = nx_opt(n, "type");
    if (!ty) return f32_type();
    std::string name = nx_type_spelling(ty);
    if (name == "f32") return f32_type();
    if (name == "f64") return float_type();
    static const std::set<std::string> ints = {"s8", "s16", "s32", "s64", "u8", "u16", "u32", "u64"};
    bool complex = name == "c64" || name == "c128";
    if (ints.count(name) || (complex && !normal)) {
      size_t d = name.find_first_of("0123456789");
      fail(ty->loc, std::string(normal ? "expected float or complex type" : "expected float type") + ", got type {:" +
                        name.substr(0, d) + ", " + name.substr(d) + "}");
    }
    if (complex || name == "f16" || name == "bf16" || name == "f8")
      fail(ty->loc, "Nx.Random." + n->name + ": the type " + name + " is not supported by hastec yet (f32 and f64 are)");
    fail(ty->loc, "expected a tensor type such as :f32 or {:f, 64}");
  }

  /// Nx.Random.key(seed): u32[2] [seed >>> 32, seed &&& 0xFFFFFFFF]. Seeds are
  /// s32 in the hastec Nx subset (as in the reference shim): a seed known at
  /// compile time is checked then, others when the key is made.
  ExprRef random_seed_key(Loc loc, ExprRef seed) {
    Binds B;
    if (is_tensor(seed->type)) {
      if (!tdims(seed).empty() || !is_integer(seed->type->elem) || is_u32_tensor(seed->type))
        fail(loc, "Nx.Random.key/1 needs an integer seed (a number or a scalar s32/s64 tensor), got " +
                      type_name(seed->type));
      ExprRef base = bind(B, seed, "seed");
      seed = index(loc, base->kind == ExprKind::Tuple ? base->args[0] : tuple_get(loc, base, 0), i64c(loc, 0));
    }
    if (!is_integer(seed->type)) fail(loc, "Nx.Random.key/1 needs an integer seed, got " + type_name(seed->type));
    bool narrow = seed->type == i32_type();
    seed = cast_to(seed, int_type());
    const std::string msg = "Nx.Random.key/1 seeds outside the s32 range are outside the hastec Nx subset, got: ";
    ExprRef sf = static_fold(seed);
    bool known = sf->kind == ExprKind::IntConst;
    if (known && (sf->int_value < INT32_MIN || sf->int_value > INT32_MAX))
      fail(loc, msg + std::to_string(sf->int_value));
    ExprRef s = bind(B, known ? sf : seed, "seed");
    ExprRef m32 = i64c(loc, 0xFFFFFFFF);
    ExprRef hi = binary(loc, BinOp::BAnd, binary(loc, BinOp::Shr, s, i64c(loc, 32), int_type()), m32, int_type());
    ExprRef lo = binary(loc, BinOp::BAnd, s, m32, int_type());
    Type kt = u32_tensor_type({2});
    ExprRef key = tensor_value(loc, kt, list_lit(loc, int_type(), {hi, lo}), {i64c(loc, 2)});
    if (known || narrow) return wrap(B, key);
    ExprRef bad = binary(loc, BinOp::Or, binary(loc, BinOp::Lt, s, i64c(loc, INT32_MIN), bool_type()),
                         binary(loc, BinOp::Gt, s, i64c(loc, INT32_MAX), bool_type()), bool_type());
    return wrap(B, if_(loc, bad, raise_value(loc, 7 /* ArgumentError */, msg, s, kt), key, kt));
  }

  /// Nx's assert_key!: a u32 tensor of shape {2} (shape checked first, as Nx
  /// does); its two words, bound in B.
  std::pair<ExprRef, ExprRef> random_key(Loc loc, const ExprRef& key, Binds& B) {
    if (!is_tensor(key->type) && !is_scalar(key->type))
      fail(loc, "expected a PRNG key (a u32[2] tensor from Nx.Random.key/1), got " + type_name(key->type));
    std::vector<int64_t> sd = tdims(key);
    if (sd != std::vector<int64_t>{2}) fail(loc, "expected key to have shape {2}, got tensor with shape " + shape_text(sd));
    if (!is_u32_tensor(key->type))
      fail(loc, "expected key with 32-bit unsigned integer type, got key with type " + nx_type_tuple(key->type));
    ExprRef base = bind(B, key, "key");
    ExprRef data = bind(B, base->kind == ExprKind::Tuple ? base->args[0] : tuple_get(loc, base, 0), "kd");
    return {bind(B, index(loc, data, i64c(loc, 0)), "k1"), bind(B, index(loc, data, i64c(loc, 1)), "k2")};
  }

  /// threefry2x32, 20 rounds, of the counter pair (x0, x1) under the key
  /// (k1, k2), with ks2 = k1 ^ k2 ^ 0x1BD11BDA: its lets are appended to L;
  /// returns the two output words (0..2^32-1; sums are masked to 32 bits).
  std::pair<ExprRef, ExprRef> threefry2x32(Loc loc, ExprRef k1, ExprRef k2, ExprRef ks2, ExprRef x0, ExprRef x1,
                                           Binds& L) {
    auto c = [&](int64_t v) { return i64c(loc, v); };
    auto m32 = [&](ExprRef e) { return binary(loc, BinOp::BAnd, e, c(0xFFFFFFFF), int_type()); };
    auto add = [&](ExprRef a, ExprRef b) { return binary(loc, BinOp::Add, a, b, int_type()); };
    static const int rot[2][4] = {{13, 15, 26, 6}, {17, 29, 16, 24}};
    const ExprRef ks[3] = {k2, ks2, k1};
    ExprRef a = local_let(L, loc, m32(add(x0, k1)), "x0"), b = local_let(L, loc, m32(add(x1, k2)), "x1");
    for (int i = 0; i < 5; i++) {
      for (int r : rot[i % 2]) {
        a = local_let(L, loc, m32(add(a, b)), "x0");
        ExprRef rotl = m32(binary(loc, BinOp::BOr, binary(loc, BinOp::Shl, b, c(r), int_type()),
                                  binary(loc, BinOp::Shr, b, c(32 - r), int_type()), int_type()));
        b = local_let(L, loc, binary(loc, BinOp::BXor, rotl, a, int_type()), "x1");
      }
      // key injection: the key schedule rotates left by one word each time
      a = local_let(L, loc, m32(add(ks[i % 3], a)), "x0");
      b = local_let(L, loc, m32(add(add(ks[(i + 1) % 3], c(i + 1)), b)), "x1");
    }
    return {a, b};
  }
  ExprRef random_ks2(Loc loc, const ExprRef& k1, const ExprRef& k2, Binds& B) {
    return bind(B, binary(loc, BinOp::BXor, binary(loc, BinOp::BXor, k1, k2, int_type()), i64c(loc, 0x1BD11BDA),
                          int_type()), "ks");
  }

  /// The n words of Nx's threefry2x32(key, iota({n})): the counts padded to
  /// an even length 2h (with 0) are the pairs (p, p + h); word j is y0 of
  /// pair j for j < h, else y1 of pair j - h.
  ExprRef random_words(Loc loc, ExprRef k1, ExprRef k2, ExprRef ks2, int64_t n) {
    int64_t h = (n + 1) / 2;
    auto c = [&](int64_t v) { return i64c(loc, v); };
    VarRef j = new_var(prog, "j", int_type());
    ExprRef jv = var_use(loc, j);
    Binds L;
    ExprRef first = local_let(L, loc, binary(loc, BinOp::Lt, jv, c(h), bool_type()), "first");
    ExprRef p = local_let(L, loc, if_(loc, first, jv, binary(loc, BinOp::Sub, jv, c(h), int_type()), int_type()), "p");
    ExprRef q = binary(loc, BinOp::Add, p, c(h), int_type());
    if (n % 2) q = if_(loc, binary(loc, BinOp::Lt, q, c(n), bool_type()), q, c(0), int_type());  // the padding count
    auto [y0, y1] = threefry2x32(loc, k1, k2, ks2, p, local_let(L, loc, q, "q"), L);
    ExprRef body = wrap_lets(L, if_(loc, first, y0, y1, int_type()));
    return map(loc, range_up(loc, c(0), c(n - 1)), lam({j}, body));
  }

  /// Nx.Random.split(key, parts: n): the u32[n][2] keys threefry2x32(key, iota({n, 2})).
  ExprRef random_split(Loc loc, const ExprRef& key, int64_t parts) {
    Binds B;
    auto [k1, k2] = random_key(loc, key, B);
    ExprRef ks2 = random_ks2(loc, k1, k2, B);
    ExprRef words = random_words(loc, k1, k2, ks2, 2 * parts);
    return wrap(B, tensor_value(loc, u32_tensor_type({parts, 2}), words, {i64c(loc, parts), i64c(loc, 2)}));
  }

  /// A sample tensor of type out and shape sd from the key: element j is
  /// finish(u_j), u_j Nx's bitcast((bits >>> 9) ||| 1.0f) - 1.0 in type t
  /// (f32; f64: 64 bits, >>> 12) computed without a bitcast: m * 2^-23 (or
  /// m * 2^-52) for the kept mantissa bits m, exact in f64 and then in t.
  /// One map: threefry2x32, the float step and the scaling fuse.
  ExprRef random_sample(Loc loc, const ExprRef& key, Type t, const std::vector<int64_t>& sd, Type out,
                        const std::function<ExprRef(ExprRef, Binds&)>& finish, Binds& B) {
    auto [k1, k2] = random_key(loc, key, B);
    ExprRef ks2 = random_ks2(loc, k1, k2, B);
    auto c = [&](int64_t v) { return i64c(loc, v); };
    int64_t n = 1;
    std::vector<ExprRef> od;
    for (int64_t d : sd) n *= d, od.push_back(c(d));
    auto scaled = [&](ExprRef m, int bits) {
      return cast_to(ieee(binary(loc, BinOp::Mul, cast_to(m, float_type()), float_const(loc, std::ldexp(1.0, -bits)),
                                 float_type())), t);
    };
    ExprRef data;
    Binds L;
    if (t == f32_type()) {
      VarRef b = new_var(prog, "bits", int_type());
      ExprRef u = local_let(L, loc, scaled(binary(loc, BinOp::Shr, var_use(loc, b), c(9), int_type()), 23), "u");
      ExprRef v = finish(u, L);
      data = map(loc, random_words(loc, k1, k2, ks2, n), lam({b}, wrap_lets(L, v)));
    } else {
      // 64 bits: words of iota({2n}); element j is (word j <<< 32) ||| word (n + j),
      // the two words of the pair (j, j + n)
      VarRef j = new_var(prog, "j", int_type());
      ExprRef jv = var_use(loc, j);
      ExprRef q = local_let(L, loc, binary(loc, BinOp::Add, jv, c(n), int_type()), "q");
      auto [hi, lo] = threefry2x32(loc, k1, k2, ks2, jv, q, L);
      ExprRef m = binary(loc, BinOp::BOr, binary(loc, BinOp::Shl, hi, c(20), int_type()),
                         binary(loc, BinOp::Shr, lo, c(12), int_type()), int_type());
      ExprRef u = local_let(L, loc, scaled(m, 52), "u");
      ExprRef v = finish(u, L);
      data = map(loc, range_up(loc, c(0), c(n - 1)), lam({j}, wrap_lets(L, v)));
    }
    return mk_tensor(loc, out, sd, od, data);
  }

  /// The value of a number or scalar tensor as Nx sees it in defn (numbers
  /// are s32 or f32 scalar tensors) and its type, bound in B.
  std::pair<ExprRef, Type> random_scalar(Loc loc, const ExprRef& v, Binds& B) {
    if (!is_tensor(v->type)) {
      Type ty = is_floating(v->type) ? f32_type() : i32_type();
      return {bind(B, cast_to(v, ty), "s"), ty};
    }
    ExprRef t = bind(B, v, "s");
    Type ty = t->type->elem;
    return {bind(B, index(loc, t->kind == ExprKind::Tuple ? t->args[0] : tuple_get(loc, t, 0), i64c(loc, 0)), "s"), ty};
  }
  /// Nx.Type.merge of two tensor types (neither weak).
  Type random_merge(Type a, Type b) {
    NxT x, y;
    x.elem = a, y.elem = b;
    return nx_merge(x, y, Loc{});
  }
  /// a op b in type t, as an Nx tensor op of that result type computes it.
  ExprRef random_op(Loc loc, BinOp op, ExprRef a, ExprRef b, Type t) {
    return ieee(binary(loc, op, cast_to(a, t), cast_to(b, t), t));
  }

  /// uniform_split's scaling, u * (max - min) + min then max(_, min), each
  /// step in Nx's result type: the constants bound in B.
  struct UniformChain {
    ExprRef span, min;
    Type mul_type, add_type;
  };
  UniformChain random_uniform_chain(Loc loc, const ExprRef& lo, const ExprRef& hi, Type t, Binds& B) {
    auto [mn, tmn] = random_scalar(loc, lo, B);
    auto [mx, tmx] = random_scalar(loc, hi, B);
    Type ts = random_merge(tmx, tmn);
    UniformChain ch;
    ch.span = bind(B, random_op(loc, BinOp::Sub, mx, mn, ts), "span");
    ch.min = mn;
    ch.mul_type = random_merge(t, ts);
    ch.add_type = random_merge(ch.mul_type, tmn);
    return ch;
  }
  ExprRef random_uniform_step(Loc loc, const UniformChain& ch, ExprRef u) {
    ExprRef v = random_op(loc, BinOp::Mul, u, ch.span, ch.mul_type);
    v = random_op(loc, BinOp::Add, v, ch.min, ch.add_type);
    return random_op(loc, BinOp::Max, v, ch.min, ch.add_type);
  }

  /// uniform_split(key, min, max, type: t, shape: sd).
  ExprRef random_uniform(Loc loc, const ExprRef& key, const ExprRef& lo, const ExprRef& hi, Type t,
                         const std::vector<int64_t>& sd) {
    Binds B;
    UniformChain ch = random_uniform_chain(loc, lo, hi, t, B);
    ExprRef r = random_sample(loc, key, t, sd, ch.add_type,
                              [&](ExprRef u, Binds&) { return random_uniform_step(loc, ch, u); }, B);
    return wrap(B, r);
  }

  /// normal_split: sqrt(2) * erf_inv(uniform_split(key, -1, 1)) * sd + mean,
  /// as the type, each step in Nx's result type. erf_inv as Nx's binary
  /// backend computes it (Complex.erf_inv: Giles' polynomials in f64), rounded
  /// to the type.
  ExprRef random_normal(Loc loc, const ExprRef& key, const ExprRef& mean, const ExprRef& sdev, Type t,
                        const std::vector<int64_t>& sd) {
    Binds B;
    UniformChain ch = random_uniform_chain(loc, int_const(loc, -1), int_const(loc, 1), t, B);
    Type tu = ch.add_type, t1 = random_merge(f32_type(), tu);
    auto [sv, tsd] = random_scalar(loc, sdev, B);
    auto [mv, tm] = random_scalar(loc, mean, B);
    Type t2 = random_merge(tsd, t1), t3 = random_merge(t2, tm);
    auto fc = [&](double v) { return float_const(loc, v); };
    auto fop = [&](BinOp op, ExprRef a, ExprRef b) { return ieee(binary(loc, op, a, b, float_type())); };
    auto poly = [&](ExprRef w, std::initializer_list<double> cs) {
      ExprRef acc;
      for (double cf : cs) acc = acc ? fop(BinOp::Add, fop(BinOp::Mul, acc, w), fc(cf)) : fc(cf);
      return acc;
    };
    auto finish = [&](ExprRef u, Binds& L) {
      ExprRef z = local_let(L, loc, cast_to(random_uniform_step(loc, ch, u), float_type()), "z");
      ExprRef w = local_let(L, loc, unary(loc, UnOp::Neg, ieee(math(loc, "log", {fop(BinOp::Mul, fop(BinOp::Sub, fc(1), z),
                                                                                       fop(BinOp::Add, fc(1), z))},
                                                                     float_type())), float_type()), "w");
      ExprRef small = poly(fop(BinOp::Sub, w, fc(2.5)), {2.81022636e-08, 3.43273939e-07, -3.5233877e-06, -4.39150654e-06,
                                                        0.00021858087, -0.00125372503, -0.00417768164, 0.246640727,
                                                        1.50140941});
      ExprRef large = poly(fop(BinOp::Sub, ieee(math(loc, "sqrt", {w}, float_type())), fc(3)),
                           {-0.000200214257, 0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773,
                            -0.0076224613, 0.00943887047, 1.00167406, 2.83297682});
      ExprRef p = if_(loc, binary(loc, BinOp::Lt, w, fc(5), bool_type()), small, large, float_type());
      double inf = std::numeric_limits<double>::infinity();
      ExprRef e = if_(loc, binary(loc, BinOp::Eq, z, fc(-1), bool_type()), fc(-inf),
                      if_(loc, binary(loc, BinOp::Eq, z, fc(1), bool_type()), fc(inf), fop(BinOp::Mul, p, z), float_type()),
                      float_type());
      // Nx.sqrt(2) is an f32 tensor
      ExprRef n1 = random_op(loc, BinOp::Mul, float_const(loc, double(float(std::sqrt(2.0))), f32_type()), cast_to(e, tu), t1);
      ExprRef n2 = random_op(loc, BinOp::Mul, sv, n1, t2);
      return cast_to(random_op(loc, BinOp::Add, n2, mv, t3), t);
    };
    return wrap(B, random_sample(loc, key, t, sd, t, finish, B));
  }

  ExprRef nx_fill(Loc loc, Type elem, const std::vector<int64_t>& sd, double v) {
    std::vector<ExprRef> od;
    for (int64_t d : sd) od.push_back(i64c(loc, d));
    ExprRef c = is_floating(elem) ? float_const(loc, v, elem) : cast_to(int_const(loc, int64_t(v)), elem);
    if (sd.empty()) return mk_tensor(loc, elem, sd, od, list_lit(loc, elem, {c}));
    VarRef i = new_var(prog, "i", int_type());
    ExprRef src = range_up(loc, i64c(loc, 0), binary(loc, BinOp::Sub, prod(loc, od), i64c(loc, 1), int_type()));
    return mk_tensor(loc, elem, sd, od, map(loc, src, lam({i}, c)));
  }

  /// The adjoint of a slice: g placed at the sliced positions of a tensor
  /// of shape sd, zeros elsewhere.
  ExprRef nx_unslice(Loc loc, const ExprRef& g, const std::vector<int64_t>& sd, const std::vector<int64_t>& start,
                     const std::vector<int64_t>& len, const std::vector<int64_t>& stride) {
    Binds B;
    NxT x = nx_operand(g, loc, B);
    std::vector<ExprRef> od;
    for (int64_t d : sd) od.push_back(i64c(loc, d));
    ExprRef d = bind(B, x.data, "d");
    VarRef i = new_var(prog, "i", int_type());
    ExprRef inside = bool_const(loc, true), idx = i64c(loc, 0);
    auto band = [&](ExprRef a, ExprRef b) { return if_(loc, a, b, bool_const(loc, false), bool_type()); };
    for (size_t k = 0; k < sd.size(); k++) {
      ExprRef c = idiv(loc, var_use(loc, i), prod(loc, od, k + 1));
      if (k > 0) c = irem(loc, c, od[k]);
      ExprRef rel = binary(loc, BinOp::Sub, c, i64c(loc, start[k]), int_type());
      ExprRef ok = binary(loc, BinOp::Ge, rel, i64c(loc, 0), bool_type());
      ok = band(ok, binary(loc, BinOp::Lt, rel, i64c(loc, len[k] * stride[k]), bool_type()));
      if (stride[k] != 1)
        ok = band(ok, binary(loc, BinOp::Eq, irem(loc, rel, i64c(loc, stride[k])), i64c(loc, 0), bool_type()));
      inside = k == 0 ? ok : band(inside, ok);
      idx = iadd(loc, idx, imul(loc, idiv(loc, rel, i64c(loc, stride[k])), prod(loc, x.dims, k + 1)));
    }
    // An index computed outside the slice may be out of range: read only inside.
    ExprRef v = if_(loc, inside, index(loc, d, idx), float_const(loc, 0.0, x.elem), x.elem);
    ExprRef src = range_up(loc, i64c(loc, 0), binary(loc, BinOp::Sub, prod(loc, od), i64c(loc, 1), int_type()));
    return wrap(B, mk_tensor(loc, x.elem, sd, od, map(loc, src, lam({i}, v))));
  }

  struct GradCtx {
    std::map<int, ExprRef> adj;          ///< variable id -> its adjoint (a tensor)
    std::map<int, ExprRef> value;        ///< variable id -> its bound value
    std::set<int> dep;                   ///< variables that depend on the parameters
    std::set<int> leaves;
    std::set<int> outputs;               ///< results of traced operations
  };

  static void free_var_ids(const ExprRef& e, std::set<int>& out) {
    if (e->kind == ExprKind::VarUse) out.insert(e->var->id);
    for (auto& a : e->args) free_var_ids(a, out);
    for (auto& l : e->lambdas) free_var_ids(l->body, out);
  }
  bool depends(const GradCtx& G, const ExprRef& e) {
    std::set<int> ids;
    free_var_ids(e, ids);
    for (int id : ids)
      if (G.dep.count(id)) return true;
    return false;
  }

  /// Adds contribution c to the adjoint of operand x (a trivial expression).
  void accumulate(GradCtx& G, const ExprRef& x, ExprRef c, Loc loc) {
    if (!depends(G, x)) return;
    if (!is_tensor(x->type)) {
      if (is_numeric(x->type)) return;  // numbers never depend on parameters
      fail(loc, "hastec cannot differentiate through a value of type " + type_name(x->type) + " here");
    }
    // The adjoint has the operand's shape and float type.
    std::vector<int64_t> xs = x->type->dims, cs = tdims(c);
    if (cs != xs) {
      size_t off = cs.size() - xs.size();
      std::vector<int64_t> axes;
      for (size_t i = 0; i < cs.size(); i++)
        if (i < off || (xs[i - off] == 1 && cs[i] != 1)) axes.push_back(int64_t(i));
      if (!axes.empty()) c = nx_reduce_ax(loc, c, FoldKind::Sum, false, axes, false);
      int64_t pc = 1, px = 1;
      for (int64_t d : tdims(c)) pc *= d;
      for (int64_t d : xs) px *= d;
      if (pc != px) c = nx_broadcast(loc, c, xs);
      else if (tdims(c) != xs) c = nx_reshape(loc, c, xs);
    }
    // As Nx: no casts; the gradient's type is what the rules compute from
    // the f32 seed (an f64 parameter may get an f32 gradient).
    ExprRef r = resolve_part(G, x);
    if (r->kind == ExprKind::VarUse) {
      auto& slot = G.adj[r->var->id];
      slot = slot ? nx_binary(loc, "add", slot, c) : c;
      return;
    }
    fail(loc, "hastec cannot differentiate through this expression yet (" + print_expr_kind(r) + ")");
  }
  /// Follows parts of containers (tuples, maps) and aliases to the variable
  /// that holds a tensor: elem(elem({a, {b, c}}, 1), 0) is b.
  ExprRef resolve_part(const GradCtx& G, const ExprRef& e) {
    if (e->kind == ExprKind::TupleGet) {
      ExprRef b = resolve_part(G, e->args[0]);
      if (b->kind == ExprKind::Tuple && !is_tensor(b->type)) return resolve_part(G, b->args[size_t(e->int_value)]);
      return e;
    }
    if (e->kind == ExprKind::VarUse && !G.leaves.count(e->var->id) && !G.outputs.count(e->var->id)) {
      auto it = G.value.find(e->var->id);
      if (it != G.value.end() && (it->second->kind == ExprKind::VarUse || it->second->kind == ExprKind::TupleGet ||
                                  (it->second->kind == ExprKind::Tuple && !is_tensor(it->second->type))))
        return resolve_part(G, it->second);
    }
    return e;
  }
  static std::string print_expr_kind(const ExprRef& e) {
    switch (e->kind) {
      case ExprKind::TupleGet: return "a part of a tuple";
      case ExprKind::Call: return "a function call";
      default: return "an expression of type " + type_name(e->type);
    }
  }

  /// Reduces g over the broadcast axes back to the shape of operand x.
  std::vector<int64_t> keep_shape(const std::vector<int64_t>& sd, const std::vector<int64_t>& axes) {
    std::vector<int64_t> k = sd;
    for (int64_t a : axes) k[size_t(a)] = 1;
    return k;
  }

  /// The vector-Jacobian product of one traced operation.
  void backprop(GradCtx& G, const TapeNode& nd, const ExprRef& g) {
    Loc loc = nd.loc;
    const std::string& op = nd.op;
    ExprRef o = var_use(loc, nd.out);
    auto in = [&](size_t i) { return nd.in[i]; };
    auto add = [&](size_t i, ExprRef c) { accumulate(G, in(i), std::move(c), loc); };
    auto B2 = [&](const char* f, ExprRef a, ExprRef b) { return nx_binary(loc, f, std::move(a), std::move(b)); };
    auto U = [&](const char* f, ExprRef a) { return nx_map1(loc, std::move(a), f); };
    auto F = [&](double v) { return float_const(loc, v, float_type()); };  // a weak number
    Type ot = is_tensor(o->type) ? o->type->elem : o->type;
    auto C = [&](double v) { return nx_fill(loc, is_floating(ot) ? ot : f32_type(), {}, v); };
    if (op == "add") { add(0, g); add(1, g); return; }
    if (op == "subtract") { add(0, g); add(1, U("negate", g)); return; }
    if (op == "multiply") { add(0, B2("multiply", g, in(1))); add(1, B2("multiply", g, in(0))); return; }
    if (op == "divide") {
      add(0, B2("divide", g, in(1)));
      if (depends(G, in(1))) add(1, U("negate", B2("multiply", g, B2("divide", o, in(1)))));
      return;
    }
    if (op == "pow") {
      // Nx.Defn.Grad: d/dx = g * y * x^(y-1) (exponent 1 where y is 0),
      // d/dy = g * log(x) * x^y (log 1 where x is 0)
      ExprRef x = in(0), y = in(1);
      if (depends(G, x)) {
        ExprRef ex;
        if (!is_tensor(y->type)) {
          ex = y->kind == ExprKind::FloatConst && y->float_value == 0.0 ? F(1.0)
             : y->kind == ExprKind::IntConst && y->int_value == 0    ? F(1.0)
                                                                      : binary(loc, BinOp::Sub, cast_to(y, float_type()), F(1.0), float_type());
        } else {
          ex = nx_select(loc, B2("equal", y, F(0.0)), F(1.0), B2("subtract", y, F(1.0)));
        }
        add(0, B2("multiply", g, B2("multiply", y, B2("pow", x, ex))));
      }
      if (depends(G, y))
        add(1, B2("multiply", g, B2("multiply", U("log", nx_select(loc, B2("equal", x, F(0.0)), F(1.0), x)), o)));
      return;
    }
    if (op == "max" || op == "min") {
      // Ties share the gradient equally (Nx.Defn.Grad).
      ExprRef ex = B2("equal", in(0), o), ey = B2("equal", in(1), o);
      ExprRef one = F(1.0), zero = F(0.0), two = F(2.0);
      ExprRef lhs = B2("divide", nx_select(loc, ex, one, zero), nx_select(loc, ey, two, one));
      ExprRef rhs = B2("divide", nx_select(loc, ey, one, zero), nx_select(loc, ex, two, one));
      add(0, B2("multiply", g, lhs));
      add(1, B2("multiply", g, rhs));
      return;
    }
    if (op == "negate") { add(0, U("negate", g)); return; }
    if (op == "floor" || op == "ceil" || op == "round" || op == "sign") return;  // zero almost everywhere (Nx)
    if (op == "exp") { add(0, B2("multiply", g, o)); return; }
    if (op == "log") { add(0, B2("divide", g, in(0))); return; }
    if (op == "sqrt") { add(0, B2("divide", B2("multiply", g, F(0.5)), o)); return; }
    if (op == "rsqrt") {
      add(0, B2("multiply", g, B2("multiply", F(-0.5), B2("divide", o, in(0)))));
      return;
    }
    if (op == "tanh") { add(0, B2("multiply", g, B2("subtract", F(1.0), B2("multiply", o, o)))); return; }
    if (op == "sigmoid") {  // exp(-x) * s * s keeps its precision where s rounds to 1
      add(0, B2("multiply", g, B2("multiply", B2("multiply", U("exp", U("negate", in(0))), o), o)));
      return;
    }
    if (op == "clip") {
      // The gradient passes strictly inside (min, max) (Nx.Defn.Grad; Nx 0.9
      // multiplies by g twice there, docs/grad.md)
      ExprRef x = in(0), lo = in(1), hi = in(2);
      ExprRef inside = nx_select(loc, B2("greater", x, lo), B2("less", x, hi), F(0.0));
      add(0, nx_select(loc, inside, g, F(0.0)));
      if (depends(G, lo)) add(1, nx_select(loc, B2("less", x, lo), g, F(0.0)));
      if (depends(G, hi)) add(2, nx_select(loc, B2("greater", x, hi), g, F(0.0)));
      return;
    }
    if (op == "square") { add(0, B2("multiply", g, B2("multiply", F(2.0), in(0)))); return; }
    if (op == "abs") {
      add(0, nx_select(loc, B2("greater_equal", in(0), F(0.0)), g, U("negate", g)));
      return;
    }
    if (op == "sin") { add(0, B2("multiply", g, U("cos", in(0)))); return; }
    if (op == "cos") { add(0, U("negate", B2("multiply", g, U("sin", in(0))))); return; }
    if (op == "tan") { add(0, B2("multiply", g, B2("add", F(1.0), B2("multiply", o, o)))); return; }
    if (op == "atan") {
      add(0, B2("divide", g, B2("add", F(1.0), B2("multiply", in(0), in(0)))));
      return;
    }
    if (op == "select") {
      ExprRef zero = C(0.0);
      add(1, nx_select(loc, in(0), g, zero));
      add(2, nx_select(loc, in(0), zero, g));
      return;
    }
    if (op == "as_type") { add(0, g); return; }
    if (op == "broadcast") {
      // sum over the output axes the operand does not map to, and over its size-1 axes
      std::vector<int64_t> xs = tdims(in(0)), gs = tdims(g), red;
      for (size_t k = 0; k < gs.size(); k++) {
        auto it = std::find(nd.ia.begin(), nd.ia.end(), int64_t(k));
        if (it == nd.ia.end() || (xs[size_t(it - nd.ia.begin())] == 1 && gs[k] != 1)) red.push_back(int64_t(k));
      }
      ExprRef c = red.empty() ? g : nx_reduce_ax(loc, g, FoldKind::Sum, false, red, false);
      if (is_tensor(in(0)->type) && tdims(c) != xs) c = nx_reshape(loc, c, xs);
      add(0, c);
      return;
    }
    if (op == "reshape") { add(0, nx_reshape(loc, g, in(0)->type->dims)); return; }
    if (op == "transpose") {
      std::vector<int64_t> inv(nd.ia.size());
      for (size_t j = 0; j < nd.ia.size(); j++) inv[size_t(nd.ia[j])] = int64_t(j);
      add(0, nx_transpose(loc, g, inv));
      return;
    }
    if (op == "slice") { add(0, nx_unslice(loc, g, in(0)->type->dims, nd.ia, nd.ib, nd.ic)); return; }
    if (op == "take") { add(0, nx_untake(loc, g, in(1), in(0)->type->dims, nd.ia[0])); return; }
    if (op == "concatenate") {
      int64_t axis = nd.ia[0], off = 0;
      std::vector<int64_t> gs = tdims(g);
      for (size_t j = 0; j < nd.in.size(); j++) {
        std::vector<int64_t> sd = nd.in[j]->type->dims;
        std::vector<int64_t> st(sd.size(), 0), stride(sd.size(), 1);
        st[size_t(axis)] = off;
        off += sd[size_t(axis)];
        if (depends(G, in(j))) add(j, nx_slice(loc, g, st, sd, stride));
      }
      return;
    }
    if (op == "reduce") {
      const std::vector<int64_t>& xs = in(0)->type->dims;
      std::vector<int64_t> ks = keep_shape(xs, nd.ia);
      auto expand = [&](ExprRef t) { return nx_broadcast(loc, nx_reshape(loc, std::move(t), ks), xs); };
      FoldKind k = FoldKind(nd.kind);
      if (k == FoldKind::Sum) {
        ExprRef gx = expand(g);
        if (nd.mean) {
          int64_t cnt = 1;
          for (int64_t a : nd.ia) cnt *= xs[size_t(a)];
          gx = B2("divide", gx, C(double(cnt)));
        }
        add(0, gx);
        return;
      }
      if (k == FoldKind::Max || k == FoldKind::Min) {
        // The gradient goes to the extreme elements, shared among ties (Nx.Defn.Grad).
        ExprRef locs = B2("equal", in(0), expand(o));
        ExprRef num = B2("multiply", expand(g), locs);
        ExprRef den = expand(nx_reduce_ax(loc, locs, FoldKind::Sum, false, nd.ia, true));
        add(0, B2("divide", num, den));
        return;
      }
      // product (Nx.Defn.Grad): ans / x, with zeros handled apart
      ExprRef x = in(0);
      ExprRef zero = B2("equal", x, F(0.0));
      ExprRef xnz = nx_select(loc, zero, F(1.0), x);
      ExprRef removed = nx_reduce_ax(loc, xnz, FoldKind::Product, false, nd.ia, true);
      ExprRef nzeros = nx_reduce_ax(loc, zero, FoldKind::Sum, false, nd.ia, true);
      ExprRef gk = nx_reshape(loc, g, ks), ok = nx_reshape(loc, o, ks);
      ExprRef dx = B2("multiply", gk, B2("divide", ok, xnz));
      dx = nx_select(loc, nx_select(loc, zero, B2("equal", nzeros, F(1.0)), F(0.0)), B2("multiply", gk, removed), dx);
      dx = nx_select(loc, nx_select(loc, zero, B2("greater", nzeros, F(1.0)), F(0.0)), F(0.0), dx);
      add(0, dx);
      return;
    }
    if (op == "dot") {
      ExprRef x = in(0), y = in(1);
      size_t rx = tdims(x).size(), ry = tdims(y).size();
      if (rx == 1 && ry == 1) {  // scalar result
        add(0, B2("multiply", g, y));
        add(1, B2("multiply", g, x));
        return;
      }
      if (rx == 2 && ry == 2) {
        if (depends(G, x)) add(0, nx_dot(loc, g, nx_transpose(loc, y, {1, 0})));
        if (depends(G, y)) add(1, nx_dot(loc, nx_transpose(loc, x, {1, 0}), g));
        return;
      }
      if (rx == 2 && ry == 1) {  // g[m]: dx = outer(g, y), dy = x^T g
        int64_t m = tdims(x)[0], kk = tdims(x)[1];
        if (depends(G, x)) add(0, B2("multiply", nx_reshape(loc, g, {m, 1}), nx_reshape(loc, y, {1, kk})));
        if (depends(G, y)) add(1, nx_dot(loc, nx_transpose(loc, x, {1, 0}), g));
        return;
      }
      if (rx == 1 && ry == 2) {  // g[n]: dx = y g, dy = outer(x, g)
        int64_t kk = tdims(y)[0], nn = tdims(y)[1];
        if (depends(G, x)) add(0, nx_dot(loc, y, g));
        if (depends(G, y)) add(1, B2("multiply", nx_reshape(loc, x, {kk, 1}), nx_reshape(loc, g, {1, nn})));
        return;
      }
      fail(loc, "hastec cannot differentiate this Nx.dot yet");
    }
    static const std::set<std::string> zero = {"equal", "not_equal", "less", "less_equal", "greater",
                                               "greater_equal", "stop_grad"};
    if (zero.count(op)) return;
    fail(loc, "hastec cannot differentiate Nx." + op + " yet");
  }

  /// The leaves of a parameter container (a tensor or nested tuples of
  /// tensors), each bound to its own variable; returns the rebuilt container.
  ExprRef grad_leaves(const ExprRef& c, Loc loc, std::vector<VarRef>& leaves) {
    if (is_numeric(c->type)) {
      Binds B;
      NxT t = nx_as_tensor(nx_operand(c, loc, B), loc, B);
      return grad_leaves(wrap(B, mk_tensor(loc, t.elem, t.sd, t.dims, t.data)), loc, leaves);
    }
    if (is_tensor(c->type)) {
      VarRef v = new_var(prog, "param", c->type);
      tape_->B.push_back({v, c});
      leaves.push_back(v);
      return var_use(loc, v);
    }
    if (c->type->kind == TypeKind::Tuple) {
      ExprRef t = bind(tape_->B, c, "params");
      std::vector<ExprRef> ms;
      for (size_t i = 0; i < c->type->members.size(); i++) ms.push_back(grad_leaves(tuple_get(loc, t, int(i)), loc, leaves));
      return rebuild_like(c->type, loc, ms);
    }
    fail(loc, "grad: the parameters must be a tensor or a tuple of tensors, got " + type_name(c->type));
  }
  ExprRef grad_rebuild(const ExprRef& c, Loc loc, const std::vector<ExprRef>& gs, size_t& i) {
    if (c->kind == ExprKind::Tuple && !is_tensor(c->type)) {
      std::vector<ExprRef> ms;
      for (auto& a : c->args) ms.push_back(grad_rebuild(a, loc, gs, i));
      return rebuild_like(c->type, loc, ms);
    }
    return gs[i++];
  }

  /// Lowers a one-clause function body inline while tracing: the pattern
  /// binds into the tape, the body's statements too.
  ExprRef trace_clause(const ClauseDef& c, const std::vector<Value>& args, Env env, const FunDef* ctx,
                       const std::string& what) {
    if (++tape_->inline_depth > 64) fail(c.loc, "grad: calls nested too deeply (recursion cannot be differentiated)");
    if (c.guard) fail(c.loc, "grad: " + what + " has a guard; hastec differentiates one-clause functions only");
    const FunDef* saved = cur;
    auto saved_attrs = cur_attrs;
    cur = ctx;
    cur_attrs = c.attrs;
    ExprRef body;
    try {
      Match m;
      for (size_t i = 0; i < args.size(); i++) match_static(c.params[i], args[i], env, m);
      if (m.cond) fail(c.loc, "grad: the patterns of " + what + " may not match; hastec needs patterns that always match");
      for (auto& l : m.lets) tape_->B.push_back(l);
      body = lower_body(c.body, env);
    } catch (...) {
      cur = saved;
      cur_attrs = saved_attrs;
      throw;
    }
    cur = saved;
    cur_attrs = saved_attrs;
    tape_->inline_depth--;
    return body;
  }

  /// A call to a user function while tracing: inlined.
  ExprRef trace_user_call(const NodeRef& n, const FunDef& f, const std::vector<NodeRef>& args, Env& env) {
    std::vector<Value> es;
    Binds lets;
    for (auto& a : args) {
      Value v = lower(a, env);
      es.push_back(v.e ? Value{tape_in(v.e)} : settle(v, lets));
    }
    for (auto& l : lets) tape_->B.push_back(l);
    if (f.clauses.size() != 1)
      fail(n->loc, "grad: " + f.display() + " has several clauses; hastec differentiates one-clause functions only");
    ExprRef body = trace_clause(f.clauses[0], es, base_env(), &f, f.display());
    if (f.numerical) body = nx_result(body, f.loc);
    return tape_in(body);
  }

  /// grad(data, fun), value_and_grad(data, fun).
  ExprRef lower_grad(const NodeRef& n, Env& env, bool with_value) {
    Loc loc = n->loc;
    std::string what = with_value ? "value_and_grad" : "grad";
    if (tape_) fail(loc, what + " inside a function being differentiated is not supported (no higher derivatives)");
    if (n->args.size() != 2 && !(with_value && n->args.size() == 3))
      fail(loc, what + "/" + std::to_string(n->args.size()) + " is not supported by hastec (" + what +
                    (with_value ? "/2 and /3 are)" : "/2 is)"));
    ExprRef data = expect_value(lower(n->args[0], env), n->args[0]->loc);
    Value fv = lower(n->args[1], env);
    if (!fv.fn || fv.fn->arity() != 1 || fv.fn->clauses.size() != 1)
      fail(n->args[1]->loc, what + " needs a function of one argument (fn params -> loss end or &loss(&1, x))");
    std::shared_ptr<const LambdaVal> transform;
    if (n->args.size() == 3) {
      Value tv = lower(n->args[2], env);
      if (!tv.fn || tv.fn->arity() != 1 || tv.fn->clauses.size() != 1)
        fail(n->args[2]->loc, what + "/3 needs a transform function of one argument");
      transform = tv.fn;
    }
    Tape T;
    struct Guard {
      Tape*& t;
      ~Guard() { t = nullptr; }
    } guard{tape_};
    tape_ = &T;
    std::vector<VarRef> leaves;
    ExprRef container = grad_leaves(data, loc, leaves);
    const ClauseDef& c = fv.fn->clauses[0];
    ExprRef body = trace_clause(c, {container}, fv.fn->env, fv.fn->context, "the function given to " + what);
    ExprRef value = body;
    if (is_numeric(value->type)) value = nx_result(value, loc);
    value = tape_in(value);
    ExprRef L = value;
    if (transform) {
      // value_and_grad/3: the gradient of transform.(value); the value itself is returned
      const ClauseDef& tc = transform->clauses[0];
      L = trace_clause(tc, {value}, transform->env, transform->context, "the transform of " + what);
      if (is_numeric(L->type)) L = nx_result(L, loc);
    }
    if (!is_tensor(L->type))
      fail(n->args[1]->loc, "can only compute gradients of tensor expressions, got " + type_name(L->type));
    L = tape_out(L, TapeNode{"identity", loc, {tape_in(L)}});
    T.recording = false;
    // Backward pass.
    GradCtx G;
    for (auto& l : leaves) G.dep.insert(l->id), G.leaves.insert(l->id);
    for (auto& [id, _] : T.node_of) G.outputs.insert(id);
    for (auto& [v, e] : T.B) {
      G.value[v->id] = e;
      if (!G.dep.count(v->id) && depends(G, e)) G.dep.insert(v->id);
    }
    size_t nforward = T.B.size();
    std::vector<std::pair<VarRef, ExprRef>> fwd(T.B.begin(), T.B.begin() + long(nforward));
    G.adj[L->var->id] = nx_fill(loc, f32_type(), L->type->dims, 1.0);  // Nx's seed: f32 ones
    for (size_t i = fwd.size(); i-- > 0;) {
      const VarRef& v = fwd[i].first;
      auto a = G.adj.find(v->id);
      if (a == G.adj.end() || G.leaves.count(v->id)) continue;
      ExprRef g = tape_in_force(a->second);
      auto nd = T.node_of.find(v->id);
      if (nd != T.node_of.end()) {
        const TapeNode& node = T.nodes[nd->second];
        if (node.op == "identity") accumulate(G, node.in[0], g, loc);
        else backprop(G, node, g);
        continue;
      }
      const ExprRef& e = fwd[i].second;
      if (e->kind == ExprKind::VarUse || e->kind == ExprKind::TupleGet) {
        accumulate(G, e, g, loc);
        continue;
      }
      // integer and boolean values (argmax, comparisons, ...) carry no gradient
      if (is_tensor(e->type) && !is_floating(e->type->elem)) continue;
      if (depends(G, e))
        fail(e->loc, "hastec cannot differentiate through this expression (" + print_expr_kind(e) +
                         "); grad supports the Nx operations listed in docs/grad.md");
    }
    std::vector<ExprRef> grads;
    for (auto& l : leaves) {
      auto a = G.adj.find(l->id);
      grads.push_back(a != G.adj.end() ? a->second : nx_fill(loc, f32_type(), l->type->dims, 0.0));
    }
    size_t i = 0;
    ExprRef result = grad_rebuild(container, loc, grads, i);
    if (with_value) result = tuple(loc, {value, result});
    Binds all = std::move(T.B);
    tape_ = nullptr;
    return wrap_lets(all, result);
  }
  /// Binds e to a variable of the tape even when the tape is not recording.
  ExprRef tape_in_force(const ExprRef& e) {
    if (trivial(e)) return e;
    VarRef v = new_var(prog, "g", e->type);
    tape_->B.push_back({v, e});
    return var_use(e->loc, v);
  }

  // ---- maps with atom keys ------------------------------------------------------
  // `%{w: a, b: c}` is a tuple of its values in key order whose type carries
  // the keys (ir::map_type): fields are known at compile time, so `m.k`,
  // `%{m | k: v}` and map patterns are tuple accesses.

  std::string map_key(const NodeRef& p, NodeRef& val) {
    if (p->kind == NodeKind::Pair) {
      val = p->args[0];
      return p->name;
    }
    if (p->kind == NodeKind::Binary && p->name == "=>" && p->args[0]->kind == NodeKind::Atom) {
      val = p->args[1];
      return p->args[0]->name;
    }
    fail(p->loc, "hastec's maps have atom keys only (%{k: v} or %{:k => v})");
  }

  ExprRef map_field(Loc loc, const ExprRef& m, const std::string& k) {
    if (!is_map(m->type))
      fail(loc, "reading a field (x." + k + ") needs a map, got " + type_name(m->type));
    auto it = std::find(m->type->keys.begin(), m->type->keys.end(), k);
    if (it == m->type->keys.end())
      fail(loc, "key :" + k + " not found in a map of type " + type_name(m->type));
    return tuple_get(loc, m, int(it - m->type->keys.begin()));
  }

  /// Builds a map value from keys and values (any order; sorted here).
  ExprRef make_map(Loc loc, std::vector<std::pair<std::string, ExprRef>> kv) {
    std::stable_sort(kv.begin(), kv.end(), [](auto& a, auto& b) { return a.first < b.first; });
    std::vector<std::string> keys;
    std::vector<Type> types;
    std::vector<ExprRef> vals;
    for (auto& [k, v] : kv) {
      keys.push_back(k);
      types.push_back(v->type);
      vals.push_back(v);
    }
    if (keys.empty()) fail(loc, "empty maps are not supported by hastec");
    return map_value(loc, map_type(keys, types), vals);
  }

  ExprRef lower_map(const NodeRef& n, Env& env) {
    if (!n->name.empty()) fail(n->loc, "structs (%" + n->name + "{}) are not supported in hastec's Elixir subset");
    Binds B;
    ExprRef base;
    if (n->target) {
      base = bind(B, expect_value(lower(n->target, env), n->target->loc), "m");
      if (!is_map(base->type)) fail(n->target->loc, "%{m | ...} needs a map, got " + type_name(base->type));
    }
    // Values are evaluated left to right, as written; a key given twice keeps the last.
    std::vector<std::pair<std::string, ExprRef>> kv;
    for (auto& p : n->args) {
      NodeRef val;
      std::string k = map_key(p, val);
      ExprRef v = bind(B, expect_value(lower(val, env), val->loc), "v");
      auto it = std::find_if(kv.begin(), kv.end(), [&](auto& x) { return x.first == k; });
      if (it != kv.end()) it->second = v;
      else kv.push_back({k, v});
      if (base && std::find(base->type->keys.begin(), base->type->keys.end(), k) == base->type->keys.end())
        fail(p->loc, "key :" + k + " not found in the map being updated (" + type_name(base->type) + ")");
    }
    if (base)
      for (size_t i = 0; i < base->type->keys.size(); i++) {
        const std::string& k = base->type->keys[i];
        if (std::find_if(kv.begin(), kv.end(), [&](auto& x) { return x.first == k; }) == kv.end())
          kv.push_back({k, tuple_get(n->loc, base, int(i))});
      }
    return wrap(B, make_map(n->loc, kv));
  }

  Value lower_enum(const NodeRef& n, Env& env) {
    const std::string& m = n->target->name;
    const std::string& f = n->name;
    size_t k = n->args.size();
    std::string fname = m + "." + f + "/" + std::to_string(k);
    Loc loc = n->loc;
    if (m == "Flow") {
      // Flow's results come in Enum order here (one of the orders Flow may
      // give); the parallelism is the compiler's job, as for Enum.
      if (f == "from_enumerable" && (k == 1 || k == 2)) {
        if (k == 2 && n->args[1]->kind != NodeKind::KeywordList && n->args[1]->kind != NodeKind::List)
          fail(n->args[1]->loc, "Flow.from_enumerable/2 takes options as a keyword list");
        Value v = lower(n->args[0], env);
        return {list_arg(v, n->args[0], "Flow.from_enumerable")};
      }
      if (f != "map" && f != "filter" && f != "reject" && f != "reduce")
        fail(loc, fname + " is not supported by hastec (Flow.from_enumerable, map, filter and reject are)");
      if (f == "reduce") fail(loc, "Flow.reduce/3 is not supported; use Enum.reduce/3 after Enum.to_list()");
    }
    if (!kEnumFuns.count(f)) {
      std::vector<std::string> names(kEnumFuns.begin(), kEnumFuns.end());
      std::string msg = fname + " is not supported by hastec";
      std::string close = closest_name(f, names);
      if (!close.empty()) msg += " (did you mean Enum." + close + "?)";
      fail(loc, msg);
    }
    if (k == 0) fail(loc, fname + " is undefined");
    std::vector<Value> vs;
    for (auto& a : n->args) {
      if (a->kind == NodeKind::Atom && a->name != "true" && a->name != "false") vs.push_back({});
      else if (a->kind == NodeKind::KeywordList) vs.push_back({});
      else vs.push_back(lower(a, env));
    }
    ExprRef xs = list_arg(vs[0], n->args[0], fname);
    Type elem = xs->type->elem;
    if ((f == "map" || f == "filter" || f == "reject") && k == 2) {
      auto lv = fn_arg(vs[1], n->args[1], fname, 1);
      LambdaRef l = instantiate(*lv, {elem}, loc);
      if (f == "map" && l->body->type->kind == TypeKind::List)
        fail(n->args[1]->loc, "lists of lists are not supported yet in hastec's Elixir subset "
                              "(this function returns " + type_name(l->body->type) + ")");
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
    if (f == "to_list" && k == 1) {
      // A range becomes a list value: an identity map marks it (and fuses away).
      if (xs->kind != ExprKind::Range) return {xs};
      VarRef x = new_var(prog, "x", elem);
      return {map(loc, xs, std::make_shared<Lambda>(Lambda{{x}, var_use(loc, x)}))};
    }
    if (f == "zip" && k == 2) return {zip(loc, xs, list_arg(vs[1], n->args[1], fname))};
    if (f == "zip_with" && k == 3) {
      ExprRef ys = list_arg(vs[1], n->args[1], fname);
      auto lv = fn_arg(vs[2], n->args[2], fname, 2);
      ExprRef z = zip(loc, xs, ys);
      LambdaRef l = instantiate(*lv, {elem, ys->type->elem}, loc);
      // zip_with(a, b, f) = map(zip(a, b), fn t -> f(elem(t, 0), elem(t, 1)))
      VarRef t = new_var(prog, "t", z->type->elem);
      ExprRef body = let(loc, l->params[0], tuple_get(loc, var_use(loc, t), 0),
                         let(loc, l->params[1], tuple_get(loc, var_use(loc, t), 1), l->body));
      return {map(loc, z, std::make_shared<Lambda>(Lambda{{t}, body}))};
    }
    if (f == "with_index" && (k == 1 || k == 2)) {
      ExprRef off = k == 2 ? expect_value(vs[1], n->args[1]->loc) : int_const(loc, 0);
      if (k == 2 && vs[1].fn) fail(n->args[1]->loc, "Enum.with_index/2 with a function is not supported yet");
      if (off->type != int_type()) fail(n->args[1]->loc, "Enum.with_index/2 needs an integer offset");
      return {with_index(loc, xs, off)};
    }
    if ((f == "all?" || f == "any?") && k == 2) {
      auto lv = fn_arg(vs[1], n->args[1], fname, 1);
      LambdaRef l = instantiate(*lv, {elem}, loc);
      if (l->body->type != bool_type())
        fail(n->args[1]->loc, fname + " needs a function returning a boolean, got " + type_name(l->body->type));
      return {all_any(loc, f == "all?", xs, l)};
    }
    if (f == "reduce" && k == 2) {
      auto lv = fn_arg(vs[1], n->args[1], fname, 2);
      LambdaRef l = instantiate(*lv, {elem, elem}, loc);
      if (l->body->type != elem)
        fail(n->args[1]->loc, fname + ": the function returns " + type_name(l->body->type) +
                                  " but the elements are " + type_name(elem));
      // reduce/2 = scan/2's last element; empty raises Enum.EmptyError.
      return {reduce1(loc, xs, l)};
    }
    if (f == "scan" && (k == 2 || k == 3)) {
      ExprRef init = k == 3 ? expect_value(vs[1], n->args[1]->loc) : nullptr;
      auto lv = fn_arg(vs[k - 1], n->args[k - 1], fname, 2);
      Type acc = init ? init->type : elem;
      LambdaRef l = instantiate(*lv, {elem, acc}, loc);
      if (l->body->type != acc && init && acc == int_type() && l->body->type == float_type()) {
        init = to_float(init);
        l = instantiate(*lv, {elem, float_type()}, loc);
        acc = float_type();
      }
      if (l->body->type != acc)
        fail(n->args[k - 1]->loc, fname + ": the function returns " + type_name(l->body->type) +
                                      " but the accumulator is " + type_name(acc));
      return {scan(loc, xs, init, l)};
    }
    if ((f == "take" || f == "drop") && k == 2) {
      ExprRef cnt = expect_value(vs[1], n->args[1]->loc);
      if (cnt->type != int_type()) fail(n->args[1]->loc, fname + " needs an integer count");
      return {list_op(loc, f == "take" ? ExprKind::Take : ExprKind::Drop, xs, {cnt})};
    }
    if (f == "reverse" && k == 1) return {list_op(loc, ExprKind::Reverse, xs)};
    if (f == "sort" && (k == 1 || k == 2)) {
      // Numbers, booleans, and tuples of them (Elixir's term order compares
      // same-size tuples member by member; the runtime sorts the columns).
      std::function<bool(Type)> sortable = [&](Type t) {
        if (t->kind == TypeKind::Tuple) {
          for (Type m : t->members)
            if (!sortable(m)) return false;
          return !t->members.empty();
        }
        return is_numeric(t) || t == bool_type();
      };
      if (!sortable(elem))
        fail(loc, fname + " sorts numbers, booleans and tuples of them in hastec; got " + type_name(xs->type));
      bool desc = false;
      if (k == 2) {
        const NodeRef& o = n->args[1];
        if (o->kind == NodeKind::Atom && (o->name == "asc" || o->name == "desc")) desc = o->name == "desc";
        else fail(o->loc, "Enum.sort/2 takes :asc or :desc in hastec (sorting functions are not supported yet)");
      }
      return {list_op(loc, ExprKind::Sort, xs, {}, desc)};
    }
    if ((f == "min_by" || f == "max_by") && k == 2) {
      auto lv = fn_arg(vs[1], n->args[1], fname, 1);
      LambdaRef l = instantiate(*lv, {elem}, loc);
      if (!is_numeric(l->body->type)) fail(n->args[1]->loc, fname + " needs a function returning a number");
      return {fold_by(loc, f == "min_by" ? FoldKind::Min : FoldKind::Max, xs, l)};
    }
    fail(loc, fname + " is not supported by hastec (wrong number of arguments?)");
  }

  // ---- Polaris (optimizers) -------------------------------------------------
  // Polaris.Optimizers.sgd/adam/adamw return {init_fn, update_fn}, as Polaris
  // 0.1 does. Both are native lambdas: their calls lower to Nx builders,
  // formula by formula as stdlib/ref/polaris.exs (the oracle) evaluates them.
  // The state is a tuple of one map per stage, outermost stage first:
  // {%{scale: -lr}}, {%{scale: -lr}, %{trace: t}} (momentum) or
  // {%{scale: -lr}, %{count: c, mu: m, nu: v}} (adam, adamw). Options are
  // numbers known at compile time; they enter the arithmetic as Nx numbers.

  struct OptSpec {
    std::string name;
    ExprRef lr;                        ///< a constant
    std::optional<double> momentum;
    bool nesterov = false;
    double b1 = 0.9, b2 = 0.999, eps = 1.0e-8, eps_root = 1.0e-15, decay = 0.0;
    std::string key() const {
      char buf[256];
      std::snprintf(buf, sizeof buf, "%s(lr=%s%.17g,m=%.17g%s,b1=%.17g,b2=%.17g,eps=%.17g,er=%.17g,wd=%.17g)",
                    name.c_str(), lr->kind == ExprKind::IntConst ? "i" : "", lr->kind == ExprKind::IntConst
                    ? double(lr->int_value) : lr->float_value, momentum ? *momentum : -1.0, nesterov ? "n" : "",
                    b1, b2, eps, eps_root, decay);
      return buf;
    }
  };

  /// A number option known at compile time: a literal, its negation, an @attribute.
  /// e with constant variables substituted and constant arithmetic folded
  /// (ir::fold_node's rules), where that makes a constant.
  ExprRef static_fold(const ExprRef& e) {
    if (e->kind == ExprKind::VarUse && const_vars_.count(e->var->id)) return const_vars_.at(e->var->id);
    if (e->kind != ExprKind::Unary && e->kind != ExprKind::Binary) return e;
    std::vector<ExprRef> as;
    for (auto& a : e->args) {
      as.push_back(static_fold(a));
      if (as.back()->kind != ExprKind::IntConst && as.back()->kind != ExprKind::FloatConst &&
          as.back()->kind != ExprKind::BoolConst)
        return e;
    }
    return ir::fold_node(with_args(e, as, e->lambdas));
  }

  ExprRef opt_const(const NodeRef& v, Env& env, const std::string& what) {
    ExprRef e = static_fold(expect_value(lower(v, env), v->loc));
    if (e->kind == ExprKind::Unary && e->unop == UnOp::Neg) {
      const ExprRef& a = e->args[0];
      if (a->kind == ExprKind::IntConst) e = int_const(e->loc, -a->int_value);
      else if (a->kind == ExprKind::FloatConst) e = float_const(e->loc, -a->float_value);
    }
    if ((e->kind != ExprKind::IntConst && e->kind != ExprKind::FloatConst) ||
        (e->type != int_type() && e->type != float_type()))
      fail(v->loc, what + " needs a number known at compile time here (a literal or a module attribute)");
    return e;
  }
  double opt_double(const NodeRef& v, Env& env, const std::string& what) {
    ExprRef e = opt_const(v, env, what);
    return e->kind == ExprKind::IntConst ? double(e->int_value) : e->float_value;
  }

  // ---- Explorer: data frames as compile-time recipes ---------------------------
  // (docs/frames.md, "Compiled"). hastec's tensors have static shapes, so a
  // data frame in a program is a recipe known at compile time: the file
  // `DF.from_csv!` names and the verbs applied to it (select, drop_nil,
  // mutate, filter, dummies, concat_columns, ...), as the text that
  // runtime/include/hxrt_frame_eval.h specifies. One evaluator in libhxrt
  // runs it: here, when the program is compiled, for the columns, dtypes and
  // row count of every frame; and in the compiled program, when a tensor is
  // made of a frame (Nx.stack, Series.to_tensor), which re-reads the file.
  // The recipe asserts the row count after every verb whose count depends on
  // the data, so a file that changed since raises instead of giving other
  // shapes. A frame value is carried as a native function value whose key
  // names the recipe, so it binds to variables and passes to functions.

  struct FrameRecipe {
    std::string text;  ///< the recipe (hxrt_frame_eval.h)
    std::string path;  ///< the first file it reads (messages)
    bool series = false;  ///< an Explorer.Series (one column)
    int64_t rows = 0;
    struct Col {
      std::string name;
      int dtype;  ///< enum hx_dtype
      bool missing;
    };
    std::vector<Col> cols;
    std::string key() const { return std::string(series ? "series:" : "frame:") + text; }
  };
  std::map<std::string, std::shared_ptr<const FrameRecipe>> frames_;  ///< by native_key

  std::string module_alias(const std::string& name) const {
    if (cur) {
      auto it = cur->module->aliases.find(name);
      if (it != cur->module->aliases.end()) return it->second;
    }
    return name;
  }

  /// Runs r.text through libhxrt's evaluator and records the result's
  /// columns and rows in r; a failure is a compile error at loc.
  void eval_frame(FrameRecipe& r, Loc loc, const std::string& what) {
    static hx_context* ctx = hx_context_new();
    hx_frame* f = nullptr;
    if (!ctx || hx_frame_eval(ctx, r.text.c_str(), &f) != HX_OK) {
      std::string msg = ctx ? hx_context_error(ctx) : "out of memory";
      if (msg.rfind("** (ArgumentError) ", 0) == 0) msg = msg.substr(19);
            fail(loc, what + ": " + msg +
                    " (hastec evaluates data frames when it compiles the program, since tensors have static shapes)");
    }
    r.rows = hx_frame_n_rows(f);
    r.cols.clear();
    for (int64_t j = 0; j < hx_frame_n_columns(f); j++) {
      const uint8_t* valid = hx_frame_valid(f, j);
      bool missing = false;
      for (int64_t i = 0; i < r.rows && !missing; i++) missing = !valid[i];
      r.cols.push_back({hx_frame_column_name(f, j), hx_frame_column_dtype(f, j), missing});
    }
    hx_frame_free(ctx, f);
  }

  /// A recipe field: no newline or separator bytes (they delimit the recipe).
  std::string recipe_field(const std::string& s, Loc loc, const std::string& what) {
    for (char c : s)
      if (c == '\n' || c == '\x1e' || c == '\x1f' || c == '\0')
        fail(loc, what + ": \"" + s + "\" holds a control character hastec cannot pass to its data-frame runtime");
    return s;
  }
  static std::string join_list(const std::vector<std::string>& xs) {
    std::string out;
    for (size_t i = 0; i < xs.size(); i++) out += (i ? "\x1e" : "") + xs[i];
    return out;
  }

  /// What a recipe asserts after an op whose result depends on the data:
  /// its row count, its column names (the compiled program raises if the
  /// file changed since).
  enum FrameCheck { kNoCheck = 0, kRows = 1, kColumns = 2 };
  static std::string columns_line(const FrameRecipe& r) {
    std::vector<std::string> names;
    for (auto& c : r.cols) names.push_back(c.name);
    return "columns\x1f" + join_list(names);
  }

  /// in's recipe followed by one more op (fields joined by 0x1f), evaluated.
  Value frame_op(Loc loc, const FrameRecipe& in, const std::vector<std::string>& fields, const std::string& what,
                 int checks = kNoCheck, bool series = false) {
    FrameRecipe r = in;
    r.series = series;
    std::string line;
    for (size_t i = 0; i < fields.size(); i++) line += (i ? "\x1f" : "") + fields[i];
    r.text = in.text.empty() ? line : in.text + "\n" + line;
    eval_frame(r, loc, what);
    if (checks & kRows) r.text += "\nrows\x1f" + std::to_string(r.rows);
    if (checks & kColumns) r.text += "\n" + columns_line(r);
    return frame_value(loc, std::move(r));
  }

  Value frame_value(Loc loc, FrameRecipe r) {
    auto fr = std::make_shared<const FrameRecipe>(std::move(r));
    auto lv = std::make_shared<LambdaVal>();
    lv->loc = loc;
    lv->native_arity = 0;
    lv->native_key = fr->key();
    lv->native = [this](const std::vector<ExprRef>&, Loc l) -> ExprRef {
      fail(l, "a data frame is not a function");
    };
    frames_[lv->native_key] = fr;
    return {nullptr, lv};
  }

  std::shared_ptr<const FrameRecipe> frame_of(const Value& v) const {
    if (!v.fn || !v.fn->native) return nullptr;
    auto it = frames_.find(v.fn->native_key);
    return it == frames_.end() ? nullptr : it->second;
  }

  std::shared_ptr<const FrameRecipe> frame_arg(const NodeRef& n, Env& env, const std::string& what,
                                               bool series = false) {
    Value v = lower(n, env);
    auto fr = frame_of(v);
    if (!fr || fr->series != series)
      fail(n->loc, what + " needs " + (series ? "a series (df[\"column\"])" : "a data frame (DF.from_csv!)") + " here");
    return fr;
  }

  /// An effect (an Extern call) bound before the statement being lowered,
  /// its value unused: what IO.inspect, to_csv! and n_rows's check need.
  void run_before(ExprRef effect, const char* name) {
    pending_->push_back({new_var(prog, name, effect->type), std::move(effect)});
  }

  /// The delimiter: option of from_csv!/to_csv!: one byte that cannot end a
  /// field's quoting, a line or a recipe field.
  std::string delimiter_opt(const NodeRef& n) {
    NodeRef d = nx_opt(n, "delimiter");
    if (!d) return ",";
    std::string delim = static_string(d, "delimiter:");
    if (delim.size() != 1 || delim[0] == '"' || delim[0] == '\n' || delim[0] == '\r' || delim[0] == '\x1e' ||
        delim[0] == '\x1f')
      fail(d->loc, "delimiter: needs one character (not a quote or a line break)");
    return delim;
  }

  /// A list literal of string literals (column names), or one string.
  std::vector<std::string> string_list(const NodeRef& n, const std::string& what) {
    NodeRef l = attr_node(n);
    std::vector<std::string> out;
    if (l->kind == NodeKind::String) return {recipe_field(l->name, n->loc, what)};
    if (l->kind != NodeKind::List) fail(n->loc, what + " needs a list of column names (strings) known at compile time");
    for (auto& a0 : l->args) {
      NodeRef a = attr_node(a0);
      if (a->kind != NodeKind::String) fail(a0->loc, what + " needs column names as string literals");
      out.push_back(recipe_field(a->name, a0->loc, what));
    }
    return out;
  }

  size_t frame_column(const FrameRecipe& fr, const std::string& name, Loc loc) {
    for (size_t j = 0; j < fr.cols.size(); j++)
      if (fr.cols[j].name == name) return j;
    std::vector<std::string> names;
    for (auto& c : fr.cols) names.push_back(c.name);
    std::string msg = "the data frame has no column \"" + name + "\"";
    std::string close = closest_name(name, names);
    if (!close.empty()) msg += " (did you mean \"" + close + "\"?)";
    fail(loc, msg);
  }

  Value frame_select(const NodeRef& n, const FrameRecipe& fr, const NodeRef& which) {
    NodeRef w = attr_node(which);
    if (w->kind == NodeKind::String) {
      frame_column(fr, w->name, which->loc);
      return frame_op(n->loc, fr, {"select", recipe_field(w->name, which->loc, "df[...]")}, "df[...]", kNoCheck, true);
    }
    std::vector<std::string> names = string_list(which, "df[...]");
    for (auto& name : names) frame_column(fr, name, which->loc);
    return frame_op(n->loc, fr, {"select", join_list(names)}, "df[...]");
  }

  /// The columns of fr as a tensor: {rows, k} (axis_last) or {k, rows}; a
  /// series as {rows}. s64 when every column is s64, boolean or category
  /// (its codes), else f64.
  ExprRef frame_tensor(Loc loc, const FrameRecipe& fr, bool axis_last, const std::string& what) {
    bool all_int = true;
    for (auto& c : fr.cols) {
      if (c.dtype == HX_DT_STRING)
        fail(loc, what + ": column \"" + c.name + "\" holds strings; a tensor needs numbers (cast it with "
                          "Explorer.Series.cast(s, :category), or one-hot it with DF.dummies)");
      if (c.missing)
        fail(loc, what + ": column \"" + c.name + "\" has missing values; a tensor cannot hold them (DF.drop_nil "
                          "or Explorer.Series.fill_missing first)");
      all_int = all_int && c.dtype != HX_DT_F64;
    }
    if (fr.cols.empty()) fail(loc, what + ": the data frame has no columns left");
    Type elem = all_int ? int_type() : float_type();
    int64_t k = int64_t(fr.cols.size());
    // the recipe ends asserting the columns, so a tensor never takes other ones
    ExprRef data = extern_call(effect_loc(loc), "hxrt_frame_recipe_tensor", fr.text + "\n" + columns_line(fr),
                               {int_const(loc, fr.rows), int_const(loc, all_int ? 1 : 2),
                                int_const(loc, axis_last ? 1 : 0)},
                               list_type(elem));
    std::vector<int64_t> sd = fr.series ? std::vector<int64_t>{fr.rows}
                              : axis_last ? std::vector<int64_t>{fr.rows, k} : std::vector<int64_t>{k, fr.rows};
    std::vector<ExprRef> dims;
    for (int64_t d : sd) dims.push_back(int_const(loc, d));
    return tensor_value(loc, tensor_type(elem, sd), data, dims);
  }

  /// The row count: the constant seen at compile time (so `DF.slice(df, 0,
  /// round(DF.n_rows(df) * 0.8))` is a recipe), and a run-time evaluation of
  /// the recipe before the statement, whose row assertions raise if the
  /// file changed since.
  ExprRef frame_rows(Loc loc, const FrameRecipe& fr) {
    ExprRef check = extern_call(effect_loc(loc), "hxrt_frame_recipe_rows", fr.text, {}, int_type());
    if (!pending_) return check;
    run_before(check, "rows");
    return int_const(loc, fr.rows);
  }

  // Explorer.Query: mutate's and filter's expressions, where bare names are
  // columns and ^x brings in a value known at compile time. Written as the
  // recipe's prefix tokens (hxrt_frame_eval.h).
  void query_tokens(const NodeRef& n0, Env& env, const FrameRecipe& fr, std::vector<std::string>& out) {
    static const std::map<std::string, std::string> binops = {
        {"+", "+"},   {"-", "-"},   {"*", "*"},   {"/", "/"},   {"**", "**"}, {"==", "=="}, {"!=", "!="},
        {"<", "<"},   {"<=", "<="}, {">", ">"},   {">=", ">="}, {"and", "and"}, {"or", "or"}};
    static const std::set<std::string> unary = {"is_nil", "is_not_nil", "abs", "sqrt", "exp", "log",
                                                "mean", "standard_deviation", "variance", "min", "max",
                                                "sum", "count", "nil_count", "median"};
    NodeRef n = attr_node(n0);
    auto leaf_number = [&](const ExprRef& e) -> bool {
      if (e->kind == ExprKind::IntConst && e->type == int_type()) {
        out.push_back("i:" + std::to_string(e->int_value));
        return true;
      }
      if (e->kind == ExprKind::FloatConst && e->type == float_type()) {
        char buf[40];
        snprintf(buf, sizeof buf, "%.17g", e->float_value);
        out.push_back(std::string("f:") + buf);
        return true;
      }
      if (e->kind == ExprKind::BoolConst) {
        out.push_back(e->int_value ? "b:1" : "b:0");
        return true;
      }
      return false;
    };
    switch (n->kind) {
    case NodeKind::Int: out.push_back("i:" + std::to_string(n->int_value)); return;
    case NodeKind::Float: leaf_number(float_const(n->loc, n->float_value)); return;
    case NodeKind::String: out.push_back("s:" + recipe_field(n->name, n->loc, "a query")); return;
    case NodeKind::Atom:
      if (n->name == "true" || n->name == "false") { out.push_back(n->name == "true" ? "b:1" : "b:0"); return; }
      if (n->name == "nil") { out.push_back("n:"); return; }
      break;
    case NodeKind::Var:
      frame_column(fr, n->name, n->loc);
      out.push_back("c:" + n->name);
      return;
    case NodeKind::Unary:
      if (n->name == "^") {
        NodeRef a = attr_node(n->args[0]);
        if (a->kind == NodeKind::String) { out.push_back("s:" + recipe_field(a->name, a->loc, "a query")); return; }
        Value pv = lower(n->args[0], env);
        if (const std::string* str = string_of(pv)) { out.push_back("s:" + recipe_field(*str, a->loc, "a query")); return; }
        ExprRef e = expect_value(pv, n->args[0]->loc);
        if (e->kind == ExprKind::VarUse && const_vars_.count(e->var->id)) e = const_vars_.at(e->var->id);
        if (leaf_number(e)) return;
        fail(n->loc, "^ in a data-frame query needs a value known at compile time here (a literal, a module "
                     "attribute or a variable bound to one): hastec evaluates frames when it compiles");
      }
      if (n->name == "-" || n->name == "not") {
        NodeRef a = n->args[0];
        if (n->name == "-" && a->kind == NodeKind::Int) { out.push_back("i:" + std::to_string(-a->int_value)); return; }
        if (n->name == "-" && a->kind == NodeKind::Float) { leaf_number(float_const(a->loc, -a->float_value)); return; }
        out.push_back(n->name == "-" ? "o:neg" : "o:not");
        query_tokens(a, env, fr, out);
        return;
      }
      break;
    case NodeKind::Binary: {
      auto it = binops.find(n->name);
      if (it == binops.end()) break;
      out.push_back("o:" + it->second);
      query_tokens(n->args[0], env, fr, out);
      query_tokens(n->args[1], env, fr, out);
      return;
    }
    case NodeKind::Call:
      if (n->target && n->target->kind == NodeKind::Alias && module_alias(n->target->name) != "Explorer.Series")
        break;
      if (!n->target && n->name == "col" && n->args.size() == 1) {
        NodeRef a = attr_node(n->args[0]);
        if (a->kind != NodeKind::String) fail(n->args[0]->loc, "col/1 needs a column name (a string literal)");
        frame_column(fr, a->name, a->loc);
        out.push_back("c:" + recipe_field(a->name, a->loc, "col/1"));
        return;
      }
      if (n->name == "fill_missing" && n->args.size() == 2) {
        out.push_back("o:fill_missing");
        query_tokens(n->args[0], env, fr, out);
        NodeRef v = attr_node(n->args[1]);
        static const std::set<std::string> strategies = {"forward", "backward", "mean", "min", "max"};
        if (v->kind == NodeKind::Atom && strategies.count(v->name)) out.push_back("a:" + v->name);
        else query_tokens(n->args[1], env, fr, out);
        return;
      }
      if (n->args.size() == 1 && unary.count(n->name)) {
        out.push_back("o:" + n->name);
        query_tokens(n->args[0], env, fr, out);
        return;
      }
      fail(n->loc, "a data-frame query cannot call " + n->name + "/" + std::to_string(n->args.size()) +
                       " in hastec (it compiles + - * / ** == != < <= > >= and or not, col/1, fill_missing/2, "
                       "is_nil, is_not_nil, abs, sqrt, exp, log, mean, standard_deviation, variance, min, max, sum, "
                       "count, nil_count, median; ^x for values)");
    default: break;
    }
    fail(n->loc, "this expression is not part of the data-frame queries hastec compiles (columns by bare name or "
                 "col/1, literals, ^x, operators and the Series functions listed in docs/frames.md)");
  }
  std::string query(const NodeRef& n, Env& env, const FrameRecipe& fr) {
    std::vector<std::string> toks;
    query_tokens(n, env, fr, toks);
    return join_list(toks);
  }

  int64_t static_int(const NodeRef& n, Env& env, const std::string& what) {
    ExprRef e = opt_const(n, env, what);
    if (e->kind != ExprKind::IntConst) fail(n->loc, what + " needs an integer");
    return e->int_value;
  }

  Value lower_explorer(const NodeRef& n, const std::string& mod, Env& env) {
    const std::string& f = n->name;
    size_t na = n->args.size();
    std::string full = mod + "." + f + "/" + std::to_string(na);
    Loc loc = n->loc;
    if (mod == "Explorer.DataFrame") {
      if (f == "from_csv!" && nx_npos(n) == 1) {
        nx_check_opts(n, {"header", "delimiter", "nil_values", "columns", "dtypes"}, "Explorer.DataFrame");
        FrameRecipe r;
        r.path = recipe_field(static_string(n->args[0], full + "'s path", false, &env), n->args[0]->loc, full);
        bool header = true;
        if (NodeRef h = nx_opt(n, "header")) {
          if (h->kind != NodeKind::Atom || (h->name != "true" && h->name != "false"))
            fail(h->loc, "header: needs true or false");
          header = h->name == "true";
        }
        std::string delim = delimiter_opt(n);
        std::vector<std::string> nils;
        if (NodeRef v = nx_opt(n, "nil_values")) nils = string_list(v, "nil_values:");
        std::vector<std::string> fields = {"csv", r.path, header ? "1" : "0", delim, join_list(nils)};
        NodeRef cols = nx_opt(n, "columns"), dts = nx_opt(n, "dtypes");
        if (cols || dts) {
          fields.push_back(join_list(csv_columns_opt(cols)));
          fields.push_back(join_list(csv_dtypes_opt(dts)));
        }
        return frame_op(loc, r, fields, full, kRows | kColumns);
      }
      if (f == "concat_columns") return frame_concat(n, env);
      if (na == 0) fail(loc, full + " needs a data frame");
      auto fr = frame_arg(n->args[0], env, full);
      if ((f == "discard" || f == "select") && na == 2) {
        std::vector<std::string> names = string_list(n->args[1], full);
        for (auto& nm : names) frame_column(*fr, nm, n->args[1]->loc);
        return frame_op(loc, *fr, {f, join_list(names)}, full);
      }
      if (f == "drop_nil" && (na == 1 || na == 2)) {
        std::vector<std::string> names;
        if (na == 2) {
          names = string_list(n->args[1], full);
          for (auto& nm : names) frame_column(*fr, nm, n->args[1]->loc);
          if (names.empty()) return frame_value(loc, *fr);
        }
        return frame_op(loc, *fr, {"drop_nil", join_list(names)}, full, kRows);
      }
      if (f == "mutate" && na == 2) {
        NodeRef kw = n->args[1];
        if (kw->kind == NodeKind::List && kw->args.size() == 1 && kw->args[0]->kind == NodeKind::KeywordList)
          kw = kw->args[0];
        if (kw->kind != NodeKind::KeywordList)
          fail(kw->loc, full + " takes new columns as a keyword list (name: expression) in hastec");
        std::vector<std::string> fields = {"mutate"};
        for (auto& p : kw->args) {
          fields.push_back(recipe_field(p->name, p->loc, full));
          fields.push_back(query(p->args[0], env, *fr));
        }
        return frame_op(loc, *fr, fields, full);
      }
      if (f == "filter" && na == 2) {
        NodeRef q = n->args[1];
        std::string expr;
        if (q->kind == NodeKind::List) {
          if (q->args.empty()) return frame_value(loc, *fr);
          std::vector<std::string> parts;
          for (auto& c : q->args) parts.push_back(query(c, env, *fr));
          expr = parts.back();
          for (size_t i = parts.size() - 1; i-- > 0;) expr = "o:and\x1e" + parts[i] + "\x1e" + expr;
        } else {
          expr = query(q, env, *fr);
        }
        return frame_op(loc, *fr, {"filter", expr}, full, kRows);
      }
      if (f == "dummies" && na == 2) {
        std::vector<std::string> names = string_list(n->args[1], full);
        for (auto& nm : names) frame_column(*fr, nm, n->args[1]->loc);
        return frame_op(loc, *fr, {"dummies", join_list(names)}, full, kColumns);
      }
      if (f == "shuffle" && nx_npos(n) == 1) {
        nx_check_opts(n, {"seed"}, "Explorer.DataFrame");
        // without seed: another order on every run (the compiler's evaluation
        // only needs the shape, which no order changes)
        NodeRef s = nx_opt(n, "seed");
        return frame_op(loc, *fr, {"shuffle", s ? std::to_string(static_int(s, env, "seed:")) : "random"}, full);
      }
      if (f == "slice" && na == 3) {
        int64_t off = static_int(n->args[1], env, full + "'s offset");
        int64_t len = static_int(n->args[2], env, full + "'s length");
        if (len < 0) fail(n->args[2]->loc, full + ": the length must be >= 0");
        return frame_op(loc, *fr, {"slice", std::to_string(off), std::to_string(len)}, full);
      }
      if ((f == "head" || f == "tail") && (na == 1 || na == 2)) {
        int64_t k = na == 2 ? static_int(n->args[1], env, full + "'s count") : 5;
        if (k < 0) fail(n->args[1]->loc, full + ": the count must be >= 0");
        return frame_op(loc, *fr, {"slice", std::to_string(f == "head" ? 0 : -k), std::to_string(k)}, full);
      }
      if (f == "describe" && na == 1) return frame_op(loc, *fr, {"describe"}, full);
      if (f == "to_csv!" && nx_npos(n) == 2) {
        // written when the program runs (never by the compiler); gives :ok
        nx_check_opts(n, {"delimiter"}, "Explorer.DataFrame");
        std::string path = recipe_field(static_string(n->args[1], full + "'s path", false, &env), n->args[1]->loc, full);
        std::string delim = delimiter_opt(n);
        if (!pending_) fail(loc, full + " cannot be used here");
        run_before(extern_call(effect_loc(loc), "hxrt_frame_recipe_to_csv", path + "\x1f" + delim + "\n" + fr->text,
                               {}, int_type()),
                   "to_csv");
        return atom_value(loc, "ok");
      }
      if (f == "n_rows" && na == 1) return {frame_rows(loc, *fr)};
      if (f == "n_columns" && na == 1) return {int_const(loc, int64_t(fr->cols.size()))};
      fail(loc, full + " is not compiled by hastec yet (from_csv!, select, discard, drop_nil, mutate, filter, "
                       "dummies, concat_columns, shuffle, slice, head, tail, describe, to_csv!, n_rows, n_columns, df[\"col\"], "
                       "df[[...]], Nx.stack(df, axis: -1) and Explorer.Series' cast, fill_missing, to_tensor and "
                       "size are; the rest of the Explorer subset runs under the reference shim "
                       "stdlib/ref/explorer.exs)");
    }
    // Explorer.Series
    if (f == "to_tensor" && na == 1) {
      auto fr = frame_arg(n->args[0], env, full, true);
      return {frame_tensor(loc, *fr, true, full)};
    }
    if (f == "size" && na == 1) return {frame_rows(loc, *frame_arg(n->args[0], env, full, true))};
    if (f == "cast" && na == 2) {
      auto fr = frame_arg(n->args[0], env, full, true);
      NodeRef d = attr_node(n->args[1]);
      if (d->kind != NodeKind::Atom || (d->name != "category" && d->name != "string"))
        fail(n->args[1]->loc, full + " casts to :category or :string in hastec");
      return frame_op(loc, *fr, {"cast", fr->cols[0].name, d->name}, full, kNoCheck, true);
    }
    if (f == "fill_missing" && na == 2) {
      auto fr = frame_arg(n->args[0], env, full, true);
      const std::string& name = fr->cols[0].name;
      std::string expr = "o:fill_missing\x1e" "c:" + name + "\x1e";
      NodeRef v = attr_node(n->args[1]);
      static const std::set<std::string> strategies = {"forward", "backward", "mean", "min", "max"};
      if (v->kind == NodeKind::Atom && strategies.count(v->name)) {
        expr += "a:" + v->name;
      } else {
        std::vector<std::string> toks;
        auto pinned = make_node(NodeKind::Unary, n->args[1]->loc, "^", {n->args[1]});
        query_tokens(v->kind == NodeKind::Var ? pinned : n->args[1], env, *fr, toks);
        expr += join_list(toks);
      }
      return frame_op(loc, *fr, {"mutate", name, expr}, full, kNoCheck, true);
    }
    static const std::set<std::string> aggregations = {"mean", "standard_deviation", "variance", "median", "sum",
                                                       "min", "max", "count", "nil_count"};
    if (aggregations.count(f) && na == 1) {
      // a number of the series, computed when the program runs
      auto fr = frame_arg(n->args[0], env, full, true);
      FrameRecipe r = *fr;
      Value agg = frame_op(loc, r, {"mutate", "value", "o:" + f + "\x1e" "c:" + fr->cols[0].name}, full);
      Value one = frame_op(loc, *frame_of(agg), {"select", "value"}, full);
      auto res = frame_of(one);
      int dt = res->cols[0].dtype;
      if (res->rows == 0 || res->cols[0].missing)
        fail(loc, full + ": the series has no value to aggregate (Explorer gives nil, which hastec cannot return)");
      if (dt != HX_DT_F64 && dt != HX_DT_S64)
        fail(loc, full + " of a " + hx_dtype_name(fr->cols[0].dtype) + " series is not compiled by hastec");
      bool flt = dt == HX_DT_F64;
      return {extern_call(effect_loc(loc), flt ? "hxrt_frame_recipe_f64" : "hxrt_frame_recipe_s64", res->text, {},
                          flt ? float_type() : int_type())};
    }
    fail(loc, full + " is not compiled by hastec yet (Explorer.Series' cast/2, fill_missing/2, to_tensor/1, size/1 "
                     "and the aggregations mean, standard_deviation, variance, median, sum, min, max, count and "
                     "nil_count are)");
  }

  /// IO.inspect(df): prints the frame (or series) as Explorer does, when the
  /// program runs, and gives it back. Frames only, yet.
  Value lower_inspect(const NodeRef& n, Env& env) {
    Value v = lower(n->args[0], env);
    auto fr = frame_of(v);
    if (!fr)
      fail(n->loc, "IO.inspect/1 is compiled for data frames and series only yet (return other values from the "
                   "entry point: hastec run prints them as Elixir does)");
    if (!pending_) fail(n->loc, "IO.inspect/1 of a data frame cannot be used here");
    run_before(extern_call(effect_loc(n->loc), "hxrt_frame_recipe_inspect", fr->text,
                           {int_const(n->loc, fr->series ? 1 : 0)}, int_type()),
               "inspect");
    return v;
  }

  /// from_csv!'s columns: [names] or [0-based indices] as recipe items.
  std::vector<std::string> csv_columns_opt(const NodeRef& v0) {
    std::vector<std::string> out;
    if (!v0) return out;
    NodeRef v = attr_node(v0);
    if (v->kind != NodeKind::List) fail(v0->loc, "columns: needs a list of column names or of indices");
    for (auto& a0 : v->args) {
      NodeRef a = attr_node(a0);
      if (a->kind == NodeKind::String) out.push_back("s:" + recipe_field(a->name, a0->loc, "columns:"));
      else if (a->kind == NodeKind::Int && a->int_value >= 0) out.push_back("i:" + std::to_string(a->int_value));
      else fail(a0->loc, "columns: takes column names (strings) or 0-based indices (integers)");
      if (out.back()[0] != out[0][0]) fail(a0->loc, "columns: takes names or indices, not both");
    }
    return out;
  }
  /// from_csv!'s dtypes: [{"name", dtype}] as recipe items (NAME 0x1d DTYPE).
  std::vector<std::string> csv_dtypes_opt(const NodeRef& v0) {
    std::vector<std::string> out;
    if (!v0) return out;
    NodeRef v = attr_node(v0);
    if (v->kind != NodeKind::List) fail(v0->loc, "dtypes: needs a list of {column, dtype} tuples");
    for (auto& p : v->args) {
      if (p->kind != NodeKind::Tuple || p->args.size() != 2)
        fail(p->loc, "dtypes: needs {column, dtype} tuples, e.g. {\"island\", :category}");
      NodeRef k = p->args[0], d = p->args[1];
      std::string name;
      if (k->kind == NodeKind::String || k->kind == NodeKind::Atom) name = recipe_field(k->name, k->loc, "dtypes:");
      else fail(k->loc, "dtypes: names a column by a string or an atom");
      if (name.find('\x1d') != std::string::npos) fail(k->loc, "dtypes: a column name with a control character");
      std::string dt;
      if (d->kind == NodeKind::Atom) {
        static const std::map<std::string, std::string> names = {
            {"f64", "f64"}, {"float", "f64"}, {"s64", "s64"}, {"integer", "s64"}, {"boolean", "boolean"},
            {"string", "string"}, {"category", "category"}};
        auto it = names.find(d->name);
        if (it != names.end()) dt = it->second;
      } else if (d->kind == NodeKind::Tuple && d->args.size() == 2 && d->args[0]->kind == NodeKind::Atom &&
                 d->args[1]->kind == NodeKind::Int && d->args[1]->int_value == 64) {
        if (d->args[0]->name == "f") dt = "f64";
        if (d->args[0]->name == "s") dt = "s64";
      }
      if (dt.empty())
        fail(d->loc, "dtypes: hastec reads columns as :f64, :s64, :boolean, :string or :category ({:f, 64} and "
                     "{:s, 64} too)");
      out.push_back(name + "\x1d" + dt);
    }
    return out;
  }

  /// DF.concat_columns([a, b, ...]) / concat_columns(a, b).
  Value frame_concat(const NodeRef& n, Env& env) {
    std::vector<NodeRef> parts = n->args;
    std::string full = "Explorer.DataFrame.concat_columns/" + std::to_string(n->args.size());
    if (parts.size() == 1) {
      if (parts[0]->kind != NodeKind::List) fail(parts[0]->loc, full + " takes a list literal of frames in hastec");
      parts = parts[0]->args;
    }
    if (parts.empty()) fail(n->loc, full + " needs at least one frame");
    FrameRecipe r;
    for (auto& p : parts) {
      auto fr = frame_arg(p, env, full);
      r.text += (r.text.empty() ? "" : "\n") + fr->text;
      if (r.path.empty()) r.path = fr->path;
    }
    return frame_op(n->loc, r, {"concat", std::to_string(parts.size())}, full);
  }

  // ---- fit loop: Hx.Loop, Hx.Loop.Runtime, Hx.Checkpoint ---------------------
  // (docs/training.md). Hx.Loop.run/4 reads its options at compile time and
  // instantiates the module Hx.Loop of stdlib/hx/loop.hx (parsed with the
  // program by the driver) under a new name, with its module attributes bound
  // to them: the loop is ordinary hastec code calling the user's model and
  // loss as function values. Hx.Loop.Runtime and Hx.Checkpoint lower to
  // Extern calls into libhxrt (runtime/loop.c).

  /// Instance module -> the user's Hx.Loop.run call (runtime errors and
  /// progress output of the loop point there).
  std::map<std::string, Loc> loop_sites_;
  /// Loss functions given as atoms to Hx.Loop.trainer: lambda -> atom.
  std::map<const LambdaVal*, std::string> loss_atoms_;
  std::map<std::string, std::string> loop_instances_;  ///< call site and attribute values -> instance module

  Loc effect_loc(Loc loc) const {
    if (cur) {
      auto it = loop_sites_.find(cur->module->name);
      if (it != loop_sites_.end()) return it->second;
    }
    return loc;
  }

  /// A string known at compile time: a literal, or a module attribute set to one.
  /// With env, also a variable or call whose value is a string (strings
  /// are compile-time values: string_value).
  std::string static_string(const NodeRef& n, const std::string& what, bool allow_empty = false,
                            Env* env = nullptr) {
    NodeRef v = attr_node(n);
    std::string text;
    if (v->kind == NodeKind::String) {
      text = v->name;
    } else if (const std::string* s = env ? string_of(lower(n, *env)) : nullptr) {
      text = *s;
    } else {
      fail(n->loc, what + " needs a string known at compile time here (a literal, a module attribute" +
                       (env ? std::string(" or a variable bound to one)") : std::string(")")));
    }
    if ((!allow_empty && text.empty()) || text.find('\n') != std::string::npos || text.find('\0') != std::string::npos)
      fail(n->loc, what + ": the string must be non-empty and on one line");
    return text;
  }

  // Strings are compile-time values (file paths, column names, options):
  // carried, like frames, as native function values keyed by their text,
  // so they bind to variables and pass to functions (which are specialised
  // on them) without a run-time string type.
  std::map<std::string, std::string> strings_;  ///< native_key -> text
  Value string_value(Loc loc, const std::string& text) {
    auto lv = std::make_shared<LambdaVal>();
    lv->loc = loc;
    lv->native_arity = 0;
    lv->native_key = "string:" + text;
    lv->native = [this](const std::vector<ExprRef>&, Loc l) -> ExprRef { fail(l, "a string is not a function"); };
    strings_[lv->native_key] = text;
    return {nullptr, lv};
  }
  /// An atom result of a library call (`DF.to_csv!` gives :ok): a
  /// compile-time value too, never run-time data.
  Value atom_value(Loc loc, const std::string& name) {
    auto lv = std::make_shared<LambdaVal>();
    lv->loc = loc;
    lv->native_arity = 0;
    lv->native_key = "atom:" + name;
    lv->native = [this, name](const std::vector<ExprRef>&, Loc l) -> ExprRef {
      fail(l, "atoms (:" + name + ") are not supported here");
    };
    return {nullptr, lv};
  }
  static bool is_atom_value(const Value& v) { return !v.e && v.fn && v.fn->native && v.fn->native_key.rfind("atom:", 0) == 0; }

  const std::string* string_of(const Value& v) const {
    if (!v.fn || !v.fn->native) return nullptr;
    auto it = strings_.find(v.fn->native_key);
    return it == strings_.end() ? nullptr : &it->second;
  }

  ExprRef int_arg(const NodeRef& n, Env& env, const std::string& what) {
    ExprRef e = expect_value(lower(n, env), n->loc);
    if (e->type == i32_type()) e = cast_to(e, int_type());
    if (e->type != int_type()) fail(n->loc, what + " needs an integer, got " + type_name(e->type));
    return e;
  }
  ExprRef float_arg(const NodeRef& n, Env& env, const std::string& what) {
    ExprRef e = expect_value(lower(n, env), n->loc);
    if (is_tensor(e->type) && e->type->dims.empty())
      e = elixir_number(index(n->loc, tuple_get(n->loc, e, 0), int_const(n->loc, 0)));
    if (!is_numeric(e->type)) fail(n->loc, what + " needs a number, got " + type_name(e->type));
    return cast_to(e, float_type());
  }

  Value lower_loop_runtime(const NodeRef& n, Env& env) {
    const std::string& f = n->name;
    size_t k = n->args.size();
    Loc loc = effect_loc(n->loc);
    std::string full = "Hx.Loop.Runtime." + f + "/" + std::to_string(k);
    if (f == "clock" && k == 0) return {extern_call(loc, "hxrt_loop_clock", "", {}, float_type())};
    if (f == "nan" && k == 0) return {float_const(n->loc, std::numeric_limits<double>::quiet_NaN())};
    if (f == "report" && k == 11) {
      std::vector<ExprRef> as;
      for (size_t i = 0; i < 5; i++) as.push_back(int_arg(n->args[i], env, full));
      for (size_t i = 5; i < 10; i++) as.push_back(float_arg(n->args[i], env, full));
      std::string text = static_string(n->args[10], full, true);
      return {extern_call(loc, "hxrt_loop_report", text, as, int_type())};
    }
    if (f == "permutation" && k == 4) {
      ExprRef cnt = opt_const(n->args[0], env, full + "'s count");
      if (cnt->type != int_type() || cnt->int_value < 1) fail(n->args[0]->loc, full + " needs a positive count");
      ExprRef seed = int_arg(n->args[1], env, full), epoch = int_arg(n->args[2], env, full);
      const NodeRef& sh = n->args[3];
      bool shuffle = true;
      if (sh->kind == NodeKind::Atom && (sh->name == "true" || sh->name == "false")) shuffle = sh->name == "true";
      else if (sh->kind == NodeKind::Unary && sh->name == "@") {
        ExprRef b = expect_value(lower(sh, env), sh->loc);
        if (b->kind != ExprKind::BoolConst) fail(sh->loc, full + " needs true or false");
        shuffle = b->int_value;
      } else fail(sh->loc, full + " needs true or false");
      int64_t m = cnt->int_value;
      Type tt = tensor_type(int_type(), {m});
      ExprRef data = shuffle ? extern_call(loc, "hxrt_loop_permutation", "", {cnt, seed, epoch}, list_type(int_type()))
                             : range_up(n->loc, int_const(n->loc, 0), int_const(n->loc, m - 1));
      return {tensor_value(n->loc, tt, data, {int_const(n->loc, m)})};
    }
    if (f == "chart" && k == 3) {
      std::string path = static_string(n->args[0], full + "'s path");
      ExprRef h = expect_value(lower(n->args[1], env), n->args[1]->loc);
      if (!is_tensor(h->type) || h->type->dims.size() != 2 || h->type->dims[1] != 4)
        fail(n->args[1]->loc, full + " needs the history, an {epochs, 4} tensor");
      ExprRef e = int_arg(n->args[2], env, full);
      Binds B;
      ExprRef h64 = bind(B, nx_as_type(n->loc, h, NxElem{float_type()}), "hist");
      return {wrap(B, extern_call(loc, "hxrt_loop_chart", path, {tuple_get(n->loc, h64, 0), e}, int_type()))};
    }
    fail(n->loc, full + " is not a function of hastec's fit loop runtime (it is internal to Hx.Loop)");
  }

  /// The tensors of a container (a tensor, or tuples and atom-key maps of
  /// them, nested), with their names: map keys and tuple indices joined by
  /// dots ("w1", "0.b"); a lone tensor is "tensor".
  void ckpt_leaves(const ExprRef& c, const std::string& name, Loc loc, Binds& B,
                   std::vector<std::pair<std::string, ExprRef>>& out, const std::string& what) {
    Type t = c->type;
    if (is_tensor(t)) {
      for (int64_t d : t->dims)
        if (d < 0) fail(loc, what + " needs tensors of static shapes");
      if (t->dims.size() > 4) fail(loc, what + ": tensors of rank above 4 are not supported");
      out.push_back({name.empty() ? "tensor" : name, c});
      return;
    }
    if (t->kind != TypeKind::Tuple)
      fail(loc, what + " needs a tensor, or a tuple or map of tensors (possibly nested), got " + type_name(t));
    ExprRef b = bind(B, c, "ckpt");
    for (size_t i = 0; i < t->members.size(); i++) {
      std::string key = is_map(t) ? t->keys[i] : std::to_string(i);
      ckpt_leaves(tuple_get(loc, b, int(i)), name.empty() ? key : name + "." + key, loc, B, out, what);
    }
  }

  ExprRef ckpt_load(const ExprRef& like, const std::string& path, const std::string& name, Loc loc, size_t& index,
                    size_t count, const std::string& what) {
    Type t = like->type;
    if (is_tensor(t)) {
      std::vector<ExprRef> as = {int_const(loc, int64_t(index++)), int_const(loc, int64_t(count)),
                                 int_const(loc, nx_kind(t->elem)), int_const(loc, int64_t(t->dims.size()))};
      std::vector<ExprRef> dims;
      for (size_t k = 0; k < 4; k++) as.push_back(int_const(loc, k < t->dims.size() ? t->dims[k] : 1));
      for (int64_t d : t->dims) dims.push_back(int_const(loc, d));
      ExprRef data = extern_call(loc, "hxrt_checkpoint_load", path + "\n" + (name.empty() ? "tensor" : name), as,
                                 t->members[0]);
      return tensor_value(loc, t, data, dims);
    }
    std::vector<ExprRef> ms;
    for (size_t i = 0; i < t->members.size(); i++) {
      std::string key = is_map(t) ? t->keys[i] : std::to_string(i);
      ms.push_back(ckpt_load(tuple_get(loc, like, int(i)), path, name.empty() ? key : name + "." + key, loc, index,
                             count, what));
    }
    return rebuild_like(t, loc, ms);
  }
  /// libhxrt's element kinds (hxrt.h): 1 s64, 2 f64, 4 s32, 5 f32.
  static int64_t nx_kind(Type elem) {
    return elem == float_type() ? 2 : elem == i32_type() ? 4 : elem == f32_type() ? 5 : 1;
  }

  Value lower_checkpoint(const NodeRef& n, Env& env) {
    const std::string& f = n->name;
    std::string full = "Hx.Checkpoint." + f + "/" + std::to_string(n->args.size());
    Loc loc = effect_loc(n->loc);
    if ((f == "save!" || f == "load!") && n->args.size() == 2) {
      bool save = f == "save!";
      ExprRef c = expect_value(lower(n->args[save ? 0 : 1], env), n->args[save ? 0 : 1]->loc);
      std::string path = static_string(n->args[save ? 1 : 0], full + "'s path");
      Binds B;
      std::vector<std::pair<std::string, ExprRef>> leaves;
      ckpt_leaves(c, "", n->loc, B, leaves, full);
      if (!save) {
        size_t index = 0;
        return {ckpt_load(c, path, "", loc, index, leaves.size(), full)};
      }
      std::string text = path;
      std::vector<ExprRef> as = {int_const(loc, int64_t(leaves.size()))};
      for (auto& [name, t] : leaves) {
        text += "\n" + name;
        ExprRef tb = bind(B, t, "leaf");
        as.push_back(tuple_get(loc, tb, 0));
        as.push_back(int_const(loc, int64_t(t->type->dims.size())));
        for (size_t k = 0; k < 4; k++)
          as.push_back(k < t->type->dims.size() ? tuple_get(loc, tb, int(k + 1)) : int_const(loc, 1));
      }
      ExprRef saved = extern_call(loc, "hxrt_checkpoint_save", text, as, int_type(), true);
      VarRef sv = new_var(prog, "saved", int_type());
      B.push_back({sv, saved});
      return {wrap(B, c)};
    }
    fail(n->loc, full + " is not supported (Hx.Checkpoint.save!/2 and load!/2 are)");
  }

  static NodeRef capture_node(Loc loc, const std::string& module, const std::string& fname, int64_t arity) {
    NodeRef call = make_call(loc, make_node(NodeKind::Alias, loc, module), fname, {}, false);
    return make_node(NodeKind::Unary, loc, "&",
                     {make_node(NodeKind::Binary, loc, "/", {call, make_int(loc, arity, std::to_string(arity))})});
  }

  Value lower_loop(const NodeRef& n, Env& env) {
    const std::string& f = n->name;
    std::string full = "Hx.Loop." + f + "/" + std::to_string(n->args.size());
    if (f == "trainer" && n->args.size() == 3) {
      Value model = lower(n->args[0], env);
      if (!model.fn || model.fn->arity() != 2)
        fail(n->args[0]->loc, full + " needs the model as a function of 2 arguments (params, x), e.g. &predict/2");
      Value loss;
      const NodeRef& ln = n->args[1];
      if (ln->kind == NodeKind::Atom) {
        static const std::set<std::string> atoms = {"mean_squared_error", "binary_cross_entropy",
                                                    "categorical_cross_entropy"};
        if (!atoms.count(ln->name))
          fail(ln->loc, "unknown loss :" + ln->name +
                            " (hastec's fit loop has :mean_squared_error, :binary_cross_entropy, "
                            ":categorical_cross_entropy, or pass a function of (y_true, y_pred))");
        loss = lower(capture_node(ln->loc, "Hx.Loop", ln->name, 2), env);
        loss_atoms_[loss.fn.get()] = ln->name;
      } else {
        loss = lower(ln, env);
        if (!loss.fn || loss.fn->arity() != 2)
          fail(ln->loc, full + " needs the loss as an atom or a function of 2 arguments (y_true, y_pred)");
      }
      Value opt = lower(n->args[2], env);
      if (!opt.tup || opt.tup->size() != 2 || !(*opt.tup)[0].fn || !(*opt.tup)[1].fn)
        fail(n->args[2]->loc, full + " needs an optimizer: {init_fn, update_fn}, e.g. Polaris.Optimizers.adam()");
      return {nullptr, nullptr, std::make_shared<const StaticTuple>(StaticTuple{model, loss, opt})};
    }
    if (f == "run" && nx_npos(n) == 3) return lower_loop_run(n, env);
    fail(n->loc, full + " is not supported (Hx.Loop.trainer/3 and Hx.Loop.run/4 are)");
  }

  Value lower_loop_run(const NodeRef& n, Env& env) {
    const std::string full = "Hx.Loop.run/4";
    Loc loc = n->loc;
    Value tr = lower(n->args[0], env);
    if (!tr.tup || tr.tup->size() != 3 || !(*tr.tup)[0].fn || !(*tr.tup)[1].fn)
      fail(n->args[0]->loc, full + " needs a trainer: Hx.Loop.trainer(model, loss, optimizer)");
    Binds B;
    ExprRef data = expect_value(lower(n->args[1], env), n->args[1]->loc);
    if (!is_plain_tuple(data->type) || data->type->members.size() != 2 || !is_tensor(data->type->members[0]) ||
        !is_tensor(data->type->members[1]))
      fail(n->args[1]->loc, full + " needs the data as a tuple {x, y} of tensors, got " + type_name(data->type));
    ExprRef db = bind(B, data, "data");
    ExprRef x = tuple_get(loc, db, 0), y = tuple_get(loc, db, 1);
    const auto& xd = x->type->dims;
    const auto& yd = y->type->dims;
    if (xd.empty() || yd.empty() || xd[0] < 1 || yd[0] != xd[0])
      fail(n->args[1]->loc, full + ": x and y need the same number of rows (their first axis), got " +
                                type_name(x->type) + " and " + type_name(y->type));
    Value params = lower(n->args[2], env);
    ExprRef pe = expect_value(params, n->args[2]->loc);
    // options
    nx_check_opts(n, {"epochs", "batch_size", "validation_split", "validation_data", "patience", "seed", "shuffle",
                      "checkpoint", "chart", "metrics"}, "Hx.Loop");
    auto int_opt = [&](const char* key, int64_t dflt, int64_t lo) {
      NodeRef v = nx_opt(n, key);
      if (!v) return dflt;
      ExprRef e = opt_const(v, env, std::string("Hx.Loop.run's ") + key + ":");
      if (e->type != int_type() || e->int_value < lo)
        fail(v->loc, std::string(key) + ": needs an integer >= " + std::to_string(lo));
      return e->int_value;
    };
    int64_t n_rows = xd[0];
    int64_t epochs = int_opt("epochs", 1, 1), batch = int_opt("batch_size", 32, 1);
    int64_t patience = int_opt("patience", 0, 0), seed = int_opt("seed", 0, INT64_MIN);
    double split = 0.0;
    if (NodeRef v = nx_opt(n, "validation_split")) {
      split = opt_double(v, env, "Hx.Loop.run's validation_split:");
      if (!(split >= 0.0 && split < 1.0)) fail(v->loc, "validation_split: needs a number in [0, 1)");
    }
    bool shuffle = true;
    if (NodeRef v = nx_opt(n, "shuffle")) {
      if (v->kind != NodeKind::Atom || (v->name != "true" && v->name != "false"))
        fail(v->loc, "shuffle: needs true or false");
      shuffle = v->name == "true";
    }
    std::string ckpt, chart;
    if (NodeRef v = nx_opt(n, "checkpoint")) ckpt = static_string(v, "checkpoint:");
    if (NodeRef v = nx_opt(n, "chart")) chart = static_string(v, "chart:");
    int accuracy = -1;  // -1 automatic, 0 off, 1 on
    if (NodeRef v = nx_opt(n, "metrics")) {
      if (v->kind != NodeKind::List || v->args.size() > 1 ||
          (v->args.size() == 1 && !v->args[0]->is_atom("accuracy")))
        fail(v->loc, "metrics: needs [:accuracy] or [] (the loss is always reported)");
      accuracy = v->args.empty() ? 0 : 1;
    }
    int64_t n_val = split > 0.0 ? std::max<int64_t>(1, int64_t(std::llround(double(n_rows) * split))) : 0;
    int64_t n_train = n_rows - n_val;
    // the rows: training, validation (a split of x and y, or validation_data:)
    auto rows = [&](const ExprRef& t, int64_t start, int64_t len) {
      const auto& d = t->type->dims;
      std::vector<int64_t> st(d.size(), 0), ln = d, stride(d.size(), 1);
      st[0] = start, ln[0] = len;
      return bind(B, nx_slice(loc, t, st, ln, stride), "rows");
    };
    ExprRef xt = n_val ? rows(x, 0, n_train) : x, yt = n_val ? rows(y, 0, n_train) : y;
    ExprRef xv = n_val ? rows(x, n_train, n_val) : x, yv = n_val ? rows(y, n_train, n_val) : y;
    bool val = n_val > 0;
    if (NodeRef vd = nx_opt(n, "validation_data")) {
      if (n_val) fail(vd->loc, "give validation_split: or validation_data:, not both");
      ExprRef v = expect_value(lower(vd, env), vd->loc);
      if (!is_plain_tuple(v->type) || v->type->members.size() != 2 || !is_tensor(v->type->members[0]) ||
          !is_tensor(v->type->members[1]))
        fail(vd->loc, "validation_data: needs a tuple {x, y} of tensors, got " + type_name(v->type));
      ExprRef vb = bind(B, v, "val");
      xv = tuple_get(loc, vb, 0), yv = tuple_get(loc, vb, 1);
      const auto& vx = xv->type->dims;
      const auto& vy = yv->type->dims;
      if (vx.size() != xd.size() || !std::equal(vx.begin() + 1, vx.end(), xd.begin() + 1) || vy.size() != yd.size() ||
          !std::equal(vy.begin() + 1, vy.end(), yd.begin() + 1) || vx[0] != vy[0] ||
          xv->type->elem != x->type->elem || yv->type->elem != y->type->elem)
        fail(vd->loc, "validation_data: needs x and y like the training data's (the same types and shapes but the "
                      "first axis), got " + type_name(xv->type) + " and " + type_name(yv->type));
      val = true;
    }
    if (n_train < batch)
      fail(loc, full + ": " + std::to_string(n_train) + " training rows cannot fill one batch of " +
                    std::to_string(batch) + " (lower batch_size: or validation_split:)");
    // accuracy: from the loss and the labels
    auto la = loss_atoms_.find((*tr.tup)[1].fn.get());
    std::string atom = la == loss_atoms_.end() ? "" : la->second;
    bool int_labels = is_integer(y->type->elem) && yd.size() == 1;
    std::string acc = "accuracy_none";
    if (atom == "categorical_cross_entropy" && int_labels)
      fail(n->args[1]->loc, ":categorical_cross_entropy needs one-hot labels y (floats, one column per class); for "
                            "integer labels pass a loss function of (y_true, y_pred)");
    if (accuracy != 0) {
      if (int_labels) acc = "accuracy_sparse";
      else if (atom == "binary_cross_entropy") acc = "accuracy_binary";
      else if (atom == "categorical_cross_entropy") acc = "accuracy_onehot";
      else if (accuracy == 1) acc = (yd.size() == 1 || yd.back() == 1) ? "accuracy_binary" : "accuracy_onehot";
    }
    // the instance
    const Module* tmpl = modules.count("Hx.Loop") ? &modules.at("Hx.Loop") : nullptr;
    if (!tmpl || !find_fun("Hx.Loop", "fit", 9)) fail(loc, "internal error: hastec's stdlib/hx/loop.hx is not loaded");
    auto a = [&](int64_t v) { return make_int(loc, v, std::to_string(v)); };
    auto b = [&](bool v) { return make_node(NodeKind::Atom, loc, v ? "true" : "false"); };
    auto s = [&](const std::string& v) { return make_node(NodeKind::String, loc, v); };
    AttrMap over = {{"epochs", a(epochs)}, {"batch_size", a(batch)}, {"steps", a(n_train / batch)},
                    {"n_train", a(n_train)}, {"val", b(val)},
                    {"monitor", s(val ? "val_loss" : "loss")}, {"patience", a(patience)}, {"seed", a(seed)},
                    {"shuffle", b(shuffle)}, {"has_ckpt", b(!ckpt.empty())}, {"ckpt", s(ckpt.empty() ? "-" : ckpt)},
                    {"has_chart", b(!chart.empty())}, {"chart", s(chart.empty() ? "-" : chart)}};
    // one instance per call site and set of attribute values (a function
    // holding the call may be specialised for several data shapes)
    std::string key = std::to_string(loc.file) + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
    for (auto& [k2, v2] : over) key += " " + k2 + "=" + (v2->kind == NodeKind::Int ? std::to_string(v2->int_value)
                                                                                 : v2->name);
    auto found = loop_instances_.find(key);
    std::string inst = found != loop_instances_.end()
                           ? found->second
                           : "Hx.Loop@" + std::to_string(loc.line) + ":" + std::to_string(loc.col) +
                                 (loop_instances_.empty() ? "" : "#" + std::to_string(loop_instances_.size()));
    if (found == loop_instances_.end()) {
      loop_instances_[key] = inst;
      Module& m = modules[inst];
      m = *tmpl;
      m.name = inst;
      for (auto& [fkey, fd] : m.funs) {
        fd.module = &m;
        for (auto& c : fd.clauses) {
          auto merged = std::make_shared<AttrMap>(c.attrs ? *c.attrs : AttrMap{});
          for (auto& [k2, v2] : over) (*merged)[k2] = v2;
          c.attrs = merged;
        }
      }
      loop_sites_[inst] = loc;
    }
    // the call: Hx.Loop@L:C.fit(model, loss, optimizer, &accuracy/2, xt, yt, xv, yv, params)
    Env e2 = env;
    auto put = [&](const std::string& name, const Value& v) {
      if (v.fn) e2[name] = Binding{nullptr, v.fn, nullptr};
      else if (v.tup) e2[name] = Binding{nullptr, nullptr, v.tup};
      else if (v.e->kind == ExprKind::VarUse) e2[name] = Binding{v.e->var, nullptr, nullptr};
      else {
        VarRef var = new_var(prog, name, v.e->type);
        B.push_back({var, v.e});
        e2[name] = Binding{var, nullptr, nullptr};
      }
      return make_node(NodeKind::Var, loc, name);
    };
    std::vector<NodeRef> args = {put("hx_model", (*tr.tup)[0]), put("hx_loss", (*tr.tup)[1]),
                                 put("hx_opt", (*tr.tup)[2]), capture_node(loc, inst, acc, 2),
                                 put("hx_xt", Value{xt}), put("hx_yt", Value{yt}), put("hx_xv", Value{xv}),
                                 put("hx_yv", Value{yv}), put("hx_params", Value{pe})};
    NodeRef call = make_call(loc, make_node(NodeKind::Alias, loc, inst), "fit", args, true);
    Value r = lower(call, e2);
    return {wrap(B, expect_value(r, loc))};
  }

  Value lower_polaris(const NodeRef& n, Env& env) {
    const std::string mod = n->target->name, f = n->name;
    std::string full = mod + "." + f + "/" + std::to_string(n->args.size());
    if (mod == "Polaris.Updates") {
      if (f == "apply_updates" && n->args.size() == 2) {
        ExprRef params = expect_value(lower(n->args[0], env), n->args[0]->loc);
        ExprRef updates = expect_value(lower(n->args[1], env), n->args[1]->loc);
        Binds B;
        ExprRef r = deep_merge(n->loc, {params, updates}, B, [&](const std::vector<ExprRef>& xs) {
          return nx_binary(n->loc, "add", xs[0], nx_as_type(n->loc, xs[1], NxElem{xs[0]->type->elem, tensor_nx_int(xs[0]->type)}));
        });
        return {wrap(B, r)};
      }
      fail(n->loc, full + " is not supported by hastec (Polaris.Updates.apply_updates/2 is; the optimizers are "
                          "Polaris.Optimizers.sgd/adam/adamw)");
    }
    if (mod != "Polaris.Optimizers" || (f != "sgd" && f != "adam" && f != "adamw") || nx_npos(n) != 0)
      fail(n->loc, full + " is not supported by hastec (Polaris.Optimizers.sgd/1, adam/1 and adamw/1 are, with "
                          "keyword options)");
    OptSpec o;
    o.name = f;
    std::string what = "Polaris.Optimizers." + f;
    if (f == "sgd") nx_check_opts(n, {"learning_rate", "momentum", "nesterov"}, mod);
    else if (f == "adam") nx_check_opts(n, {"learning_rate", "b1", "b2", "eps", "eps_root"}, mod);
    else nx_check_opts(n, {"learning_rate", "b1", "b2", "eps", "eps_root", "decay"}, mod);
    NodeRef lr = nx_opt(n, "learning_rate");
    o.lr = lr ? opt_const(lr, env, what + "'s learning_rate:")
              : float_const(n->loc, f == "sgd" ? 1.0e-2 : 1.0e-3);
    if (NodeRef v = nx_opt(n, "momentum")) o.momentum = opt_double(v, env, what + "'s momentum:");
    if (NodeRef v = nx_opt(n, "nesterov")) {
      if (v->kind != NodeKind::Atom || (v->name != "true" && v->name != "false"))
        fail(v->loc, "nesterov: needs true or false");
      o.nesterov = v->name == "true";
    }
    if (NodeRef v = nx_opt(n, "b1")) o.b1 = opt_double(v, env, what + "'s b1:");
    if (NodeRef v = nx_opt(n, "b2")) o.b2 = opt_double(v, env, what + "'s b2:");
    if (NodeRef v = nx_opt(n, "eps")) o.eps = opt_double(v, env, what + "'s eps:");
    if (NodeRef v = nx_opt(n, "eps_root")) o.eps_root = opt_double(v, env, what + "'s eps_root:");
    if (NodeRef v = nx_opt(n, "decay")) o.decay = opt_double(v, env, what + "'s decay:");
    auto init = std::make_shared<LambdaVal>();
    init->loc = n->loc;
    init->native_arity = 1;
    init->native_key = "Polaris." + o.key() + ".init";
    init->native = [this, o](const std::vector<ExprRef>& a, Loc loc) { return polaris_init(o, a[0], loc); };
    auto update = std::make_shared<LambdaVal>();
    update->loc = n->loc;
    update->native_arity = 3;
    update->native_key = "Polaris." + o.key() + ".update";
    update->native = [this, o](const std::vector<ExprRef>& a, Loc loc) {
      return polaris_update(o, a[0], a[1], a[2], loc);
    };
    return {nullptr, nullptr, std::make_shared<const StaticTuple>(StaticTuple{Value{nullptr, init}, Value{nullptr, update}})};
  }

  /// Polaris.Shared.deep_merge: f over the leaves at the same places of
  /// containers of one structure (tensors, numbers as tensors, tuples, maps).
  ExprRef deep_merge(Loc loc, const std::vector<ExprRef>& cs, Binds& B,
                     const std::function<ExprRef(const std::vector<ExprRef>&)>& f) {
    Type t0 = cs[0]->type;
    bool leaf = is_tensor(t0) || is_numeric(t0);
    for (auto& c : cs) {
      Type t = c->type;
      bool ok = leaf ? is_tensor(t) || is_numeric(t)
                     : t0->kind == TypeKind::Tuple && t->kind == TypeKind::Tuple && !is_tensor(t) &&
                           is_map(t) == is_map(t0) && t->members.size() == t0->members.size() && t->keys == t0->keys;
      if (!ok) {
        if (!leaf && t0->kind != TypeKind::Tuple)
          fail(loc, "expected a tensor, a number, or a tuple or map of them (possibly nested), got " + type_name(t0));
        fail(loc, "unable to merge arguments with incompatible structure: " + type_name(t0) + " and " + type_name(t));
      }
    }
    if (leaf) {
      std::vector<ExprRef> ls;
      for (auto& c : cs) ls.push_back(is_numeric(c->type) ? nx_result(c, loc) : c);
      return bind(B, f(ls), "leaf");
    }
    std::vector<ExprRef> bound;
    for (auto& c : cs) bound.push_back(bind(B, c, "c"));
    std::vector<ExprRef> ms;
    for (size_t i = 0; i < t0->members.size(); i++) {
      std::vector<ExprRef> parts;
      for (auto& c : bound) parts.push_back(tuple_get(loc, c, int(i)));
      ms.push_back(deep_merge(loc, parts, B, f));
    }
    return rebuild_like(t0, loc, ms);
  }

  ExprRef zeros_like(Loc loc, const ExprRef& params, Binds& B) {
    return deep_merge(loc, {params}, B, [&](const std::vector<ExprRef>& x) {
      for (int64_t d : x[0]->type->dims)
        if (d < 0) fail(loc, "Polaris: the optimizer state needs parameters of static shapes");
      return nx_fill(loc, f32_type(), x[0]->type->dims, 0.0);
    });
  }

  ExprRef polaris_init(const OptSpec& o, const ExprRef& params, Loc loc) {
    Binds B;
    ExprRef neg_lr = o.lr->kind == ExprKind::IntConst ? int_const(loc, -o.lr->int_value)
                                                       : float_const(loc, -o.lr->float_value);
    std::vector<ExprRef> stages = {make_map(loc, {{"scale", nx_result(neg_lr, loc)}})};
    if (o.name == "sgd" && o.momentum) {
      stages.push_back(make_map(loc, {{"trace", zeros_like(loc, params, B)}}));
    } else if (o.name != "sgd") {
      ExprRef count = nx_result(int_const(loc, 0), loc);
      stages.push_back(make_map(loc, {{"count", count}, {"mu", zeros_like(loc, params, B)},
                                      {"nu", zeros_like(loc, params, B)}}));
    }
    return wrap(B, tuple(loc, stages));
  }

  ExprRef polaris_update(const OptSpec& o, const ExprRef& grads, const ExprRef& state, const ExprRef& params, Loc loc) {
    Binds B;
    ExprRef st = bind(B, state, "state");
    Type stt = st->type;
    std::vector<std::vector<std::string>> want = {{"scale"}};
    if (o.name == "sgd" && o.momentum) want.push_back({"trace"});
    else if (o.name != "sgd") want.push_back({"count", "mu", "nu"});
    bool ok = stt->kind == TypeKind::Tuple && !is_map(stt) && !is_tensor(stt) && stt->members.size() == want.size();
    for (size_t i = 0; ok && i < want.size(); i++) ok = is_map(stt->members[i]) && stt->members[i]->keys == want[i];
    if (!ok) fail(loc, "this optimizer's state must be what its init function returned, got " + type_name(stt));
    ExprRef scale_map = bind(B, tuple_get(loc, st, 0), "scale");
    ExprRef scale = map_field(loc, scale_map, "scale");
    auto num = [&](double v) { return float_const(loc, v); };
    // Each stage's formula is applied per leaf, and the stages after the
    // state's moments are composed into one leaf function, so an update is
    // one fused loop per parameter (the values are the same: every step
    // rounds to the tensor type as Polaris's separate operations do).
    auto scaled = [&](ExprRef u) { return nx_binary(loc, "multiply", u, scale); };
    ExprRef x, inner;
    if (o.name == "sgd" && o.momentum) {
      double decay = *o.momentum;
      ExprRef tr = map_field(loc, bind(B, tuple_get(loc, st, 1), "inner"), "trace");
      auto step = [&](const ExprRef& g, const ExprRef& t) {
        return nx_binary(loc, "add", nx_binary(loc, "multiply", t, num(decay)), g);
      };
      ExprRef update_trace = bind(B, deep_merge(loc, {grads, tr}, B, [&](const std::vector<ExprRef>& gt) {
        return step(gt[0], gt[1]);
      }), "trace");
      if (o.nesterov)
        x = deep_merge(loc, {grads, update_trace}, B, [&](const std::vector<ExprRef>& gt) {
          return scaled(step(gt[0], gt[1]));
        });
      else
        x = deep_merge(loc, {update_trace}, B, [&](const std::vector<ExprRef>& t) { return scaled(t[0]); });
      inner = make_map(loc, {{"trace", update_trace}});
    } else if (o.name != "sgd") {
      ExprRef in = bind(B, tuple_get(loc, st, 1), "inner");
      ExprRef mu0 = map_field(loc, in, "mu"), nu0 = map_field(loc, in, "nu"), count = map_field(loc, in, "count");
      auto moment = [&](double decay, int order) {
        return [&, decay, order](const std::vector<ExprRef>& gz) {
          ExprRef g = order == 1 ? gz[0] : nx_binary(loc, "multiply", gz[0], gz[0]);  // Nx.pow(g, 2), exact
          return nx_binary(loc, "add", nx_binary(loc, "multiply", num(1 - decay), g),
                           nx_binary(loc, "multiply", num(decay), gz[1]));
        };
      };
      ExprRef mu = bind(B, deep_merge(loc, {grads, mu0}, B, moment(o.b1, 1)), "mu");
      ExprRef nu = bind(B, deep_merge(loc, {grads, nu0}, B, moment(o.b2, 2)), "nu");
      ExprRef count_inc = bind(B, nx_binary(loc, "add", count, int_const(loc, 1)), "count");
      auto correction = [&](double decay) {
        return bind(B, nx_binary(loc, "subtract", int_const(loc, 1), nx_binary(loc, "pow", num(decay), count_inc)), "bc");
      };
      ExprRef c1 = correction(o.b1), c2 = correction(o.b2);
      std::vector<ExprRef> ins = {mu, nu};
      if (o.name == "adamw") ins.push_back(params);
      x = deep_merge(loc, ins, B, [&](const std::vector<ExprRef>& l) {
        ExprRef mu_hat = nx_binary(loc, "divide", l[0], c1), nu_hat = nx_binary(loc, "divide", l[1], c2);
        ExprRef d = nx_binary(loc, "add", nx_map1(loc, nx_binary(loc, "add", nu_hat, num(o.eps_root)), "sqrt"), num(o.eps));
        ExprRef u = nx_binary(loc, "divide", mu_hat, d);
        if (o.name == "adamw") u = nx_binary(loc, "add", u, nx_binary(loc, "multiply", num(o.decay), l[2]));
        return scaled(u);
      });
      inner = make_map(loc, {{"count", count_inc}, {"mu", mu}, {"nu", nu}});
    } else {
      x = deep_merge(loc, {grads}, B, [&](const std::vector<ExprRef>& g) { return scaled(g[0]); });
    }
    std::vector<ExprRef> stages = {scale_map};
    if (inner) stages.push_back(inner);
    return wrap(B, tuple(loc, {x, tuple(loc, stages)}));
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
    bool named = e->kind == NodeKind::Binary && e->name == "/" && e->args[1]->kind == NodeKind::Int &&
                 (e->args[0]->kind == NodeKind::Var ||
                  (e->args[0]->kind == NodeKind::Call && !e->args[0]->has_parens && e->args[0]->args.empty()));
    if (named) {
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
    TapeOff no_tracing(tape_);  // a lambda body is a scope of its own
    std::vector<VarRef> params;
    for (size_t i = 0; i < types.size(); i++) params.push_back(new_var(prog, "x", types[i]));
    if (lv.native) {
      std::vector<ExprRef> uses;
      for (auto& p : params) uses.push_back(var_use(use, p));
      return std::make_shared<Lambda>(Lambda{params, lv.native(uses, use)});
    }
    const FunDef* saved = cur;
    auto saved_attrs = cur_attrs;
    cur = lv.context;
    ExprRef body;
    try {
      std::vector<Value> subjects;
      for (auto& p : params) subjects.push_back(var_use(lv.loc, p));
      std::string what = "anonymous fn/" + std::to_string(params.size()) + (cur ? " in " + cur->display() : "");
      body = lower_clauses(lv.clauses, subjects, lv.env, lv.loc, what,
                           Fallback{3, "no function clause matching in " + what, nullptr});
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

  /// What matching a pattern against a value needs: variables bound to
  /// parts of the value (as lets, outermost first) and a condition (null
  /// when the pattern always matches, given the static types).
  struct Match {
    std::vector<std::pair<VarRef, ExprRef>> lets;
    ExprRef cond;
    std::map<std::string, VarRef> bound;
    void add(ExprRef e) {
      // a pattern known not to match at compile time (an atom, a type) stays a constant false
      if (never()) return;
      if (e->kind == ExprKind::BoolConst && !e->int_value) cond = e;
      else cond = cond ? if_(e->loc, cond, e, bool_const(e->loc, false), bool_type()) : e;
    }
    bool never() const { return cond && cond->kind == ExprKind::BoolConst && !cond->int_value; }
  };

  static ExprRef wrap_lets(const std::vector<std::pair<VarRef, ExprRef>>& lets, ExprRef body) {
    for (size_t i = lets.size(); i-- > 0;) body = let(lets[i].second->loc, lets[i].first, lets[i].second, body);
    return body;
  }

  /// Matches pattern p against value (a variable or a part of one: cheap and
  /// pure), binding its variables in env. Elixir matches types exactly: the
  /// pattern 0 never matches 0.0, and {a, b} never matches an integer.
  void match(const NodeRef& p, const ExprRef& value, Env& env, Match& m) {
    Loc l = p->loc;
    Type vt = value->type;
    switch (p->kind) {
      case NodeKind::Var: {
        if (p->name[0] == '_') return;
        auto it = m.bound.find(p->name);
        if (it != m.bound.end()) {
          // The same variable twice: both places must hold equal values.
          if (it->second->type != vt) m.add(bool_const(l, false));
          else m.add(binary(l, BinOp::Eq, var_use(l, it->second), value, bool_type()));
          return;
        }
        VarRef v;
        if (value->kind == ExprKind::VarUse) {
          v = value->var;
        } else {
          v = new_var(prog, p->name, vt);
          m.lets.push_back({v, value});
        }
        m.bound[p->name] = v;
        env[p->name] = Binding{v, nullptr};
        return;
      }
      case NodeKind::Int: case NodeKind::Float: case NodeKind::Atom: case NodeKind::Unary: {
        if (p->kind == NodeKind::Unary && p->name == "^") {
          const NodeRef& x = p->args[0];
          if (x->kind != NodeKind::Var || !env.count(x->name) || !env.at(x->name).var)
            fail(l, "^ pins a variable that is already bound");
          VarRef pv = env.at(x->name).var;
          ExprRef pin = var_use(l, pv);
          if (pv->type != vt && ((is_integer(pv->type) && is_integer(vt)) || (is_floating(pv->type) && is_floating(vt)))) {
            // compare in the wider type
            Type w = (pv->type == int_type() || vt == int_type()) ? int_type()
                     : (pv->type == float_type() || vt == float_type()) ? float_type() : vt;
            m.add(binary(l, BinOp::Eq, cast_to(value, w), cast_to(pin, w), bool_type()));
          } else if (pv->type != vt) {
            m.add(bool_const(l, false));
          } else {
            m.add(binary(l, BinOp::Eq, value, pin, bool_type()));
          }
          return;
        }
        if (p->kind == NodeKind::Atom && p->name != "true" && p->name != "false" && p->name != "nil") {
          // which atom a value holds is its type: decided at compile time
          if (vt != atom_type(p->name)) m.add(bool_const(l, false));
          return;
        }
        ExprRef lit = literal_pattern(p);
        if (!lit) break;
        // A literal matches a narrow value of its kind (0 against Hx.i32,
        // 0.5 against Hx.f32): narrow types are hastec's, not Elixir's.
        if (lit->type != vt && ((is_integer(lit->type) && is_integer(vt)) || (is_floating(lit->type) && is_floating(vt))))
          lit = cast_to(lit, vt);
        if (lit->type != vt) m.add(bool_const(l, false));
        else m.add(binary(l, BinOp::Eq, value, lit, bool_type()));
        return;
      }
      case NodeKind::Map: {
        if (!p->name.empty() || p->target) break;
        if (!is_map(vt)) {
          m.add(bool_const(l, false));
          return;
        }
        for (auto& pr : p->args) {
          NodeRef val;
          std::string k = map_key(pr, val);
          auto it = std::find(vt->keys.begin(), vt->keys.end(), k);
          if (it == vt->keys.end()) {
            m.add(bool_const(l, false));
            return;
          }
          match(val, tuple_get(l, value, int(it - vt->keys.begin())), env, m);
        }
        return;
      }
      case NodeKind::Tuple: {
        if (vt->kind != TypeKind::Tuple || is_map(vt) || vt->members.size() != p->args.size()) {
          m.add(bool_const(l, false));
          return;
        }
        for (size_t i = 0; i < p->args.size(); i++) match(p->args[i], tuple_get(l, value, int(i)), env, m);
        return;
      }
      case NodeKind::Binary:
        if (p->name == "=") {
          match(p->args[0], value, env, m);
          match(p->args[1], value, env, m);
          return;
        }
        break;
      default:
        break;
    }
    fail(l, "this pattern is not supported yet; hastec matches variables, _, ^pins, tuples, maps, atoms "
            "and number or boolean literals");
  }

  /// Matches p against a value that may be known at compile time (a
  /// function, or a tuple holding one): variables bind it, tuple patterns
  /// take it apart; runtime parts are matched by match().
  void match_static(const NodeRef& p, const Value& v, Env& env, Match& m) {
    if (v.e) return match(p, v.e, env, m);
    Loc l = p->loc;
    switch (p->kind) {
      case NodeKind::Var:
        if (p->name[0] == '_') return;
        if (m.bound.count(p->name)) fail(l, "functions cannot be compared: " + p->name + " is bound twice here");
        env[p->name] = Binding{nullptr, v.fn, v.tup};
        return;
      case NodeKind::Tuple:
        if (!v.tup || v.tup->size() != p->args.size()) {
          m.add(bool_const(l, false));
          return;
        }
        for (size_t i = 0; i < p->args.size(); i++) match_static(p->args[i], (*v.tup)[i], env, m);
        return;
      case NodeKind::Binary:
        if (p->name == "=") {
          match_static(p->args[0], v, env, m);
          match_static(p->args[1], v, env, m);
          return;
        }
        break;
      default:
        break;
    }
    if (p->kind == NodeKind::Map || literal_pattern(p) || (p->kind == NodeKind::Atom && p->name != "nil")) {
      m.add(bool_const(l, false));  // a function is never a number, an atom or a map
      return;
    }
    fail(l, "this pattern cannot take a function apart; hastec matches functions with variables, _ and tuples");
  }

  /// A literal pattern as a constant, or null.
  ExprRef literal_pattern(const NodeRef& p) {
    Loc l = p->loc;
    if (p->kind == NodeKind::Int) return int_const(l, p->int_value);
    if (p->kind == NodeKind::Float) return float_const(l, p->float_value);
    if (p->kind == NodeKind::Atom && (p->name == "true" || p->name == "false")) return bool_const(l, p->name == "true");
    if (p->kind == NodeKind::Unary && p->name == "-" && p->args[0]->kind == NodeKind::Int)
      return int_const(l, int64_t(0 - uint64_t(p->args[0]->int_value)));
    if (p->kind == NodeKind::Unary && p->name == "-" && p->args[0]->kind == NodeKind::Float)
      return float_const(l, -p->args[0]->float_value);
    return nullptr;
  }

  /// A clause set (function, fn, case): the first clause whose patterns and
  /// guard match gives the value; none matching raises `fallback`.
  struct Fallback {
    int code;
    std::string message;
    ExprRef value;  ///< printed after the message (case), or null
  };

  ExprRef lower_clauses(const std::vector<ClauseDef>& clauses, const std::vector<Value>& subjects,
                        const Env& base, Loc loc, const std::string& what, const Fallback& fb) {
    struct Lowered {
      std::vector<std::pair<VarRef, ExprRef>> lets;
      ExprRef cond, body;
    };
    std::vector<Lowered> ls;
    std::optional<UnknownResult> unknown;
    // A clause whose patterns cannot match at compile time (another atom,
    // another type) is not lowered, so its body may be typed differently
    // (`{:f, _} -> 1.0`, `{:s, _} -> 1`), as Elixir never runs it. Should
    // every clause be dead, the first is lowered for the result's type.
    const ClauseDef* first_dead = nullptr;
    for (int pass = 0; pass < 2; pass++) {
    for (auto& c : clauses) {
      if (pass == 1 && &c != first_dead) continue;
      Env env = base;
      cur_attrs = c.attrs;
      Match m;
      if (c.params.size() != subjects.size()) fail(c.loc, "this clause takes the wrong number of arguments");
      for (size_t i = 0; i < subjects.size(); i++) match_static(c.params[i], subjects[i], env, m);
      if (m.never() && pass == 0) {
        if (!first_dead) first_dead = &c;
        continue;
      }
      if (c.guard) {
        ExprRef g = lower_guard(c.guard, env);
        m.add(g);
      }
      try {
        ExprRef body = lower_body(c.body, env);
        ls.push_back({m.lets, m.cond, body});
      } catch (UnknownResult& u) {
        if (!unknown) unknown = u;
        continue;
      }
      if (!m.cond) break;  // later clauses can never match
    }
    if (!ls.empty() || unknown || !first_dead) break;
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
                              type_name(l.body->type) + atom_hint(t, l.body->type));
      }
    }
    ExprRef result;
    if (ls.back().cond)
      result = fb.value ? raise_value(loc, fb.code, fb.message, fb.value, t) : raise(loc, fb.code, fb.message, t);
    for (size_t i = ls.size(); i-- > 0;) {
      ExprRef e = ls[i].cond ? if_(ls[i].body->loc, ls[i].cond, ls[i].body, result, t) : ls[i].body;
      result = wrap_lets(ls[i].lets, e);
    }
    return result;
  }

  /// Guards: boolean expressions; is_integer/is_float/is_number/is_boolean
  /// are known from the static types.
  ExprRef lower_guard(const NodeRef& g, Env& env) {
    ExprRef e = need_bool(expect_value(lower(g, env), g->loc), g->loc, "a guard");
    // An error inside a guard makes the guard fail instead of raising.
    std::function<bool(const ExprRef&)> can_raise = [&](const ExprRef& x) {
      switch (x->kind) {
        case ExprKind::Binary:
          if (x->binop == BinOp::IDiv || x->binop == BinOp::Rem || x->binop == BinOp::FDiv ||
              x->binop == BinOp::Add || x->binop == BinOp::Sub || x->binop == BinOp::Mul)
            return true;
          break;
        case ExprKind::Unary:
          if (x->unop == UnOp::Neg || x->unop == UnOp::Abs) return true;
          break;
        case ExprKind::Raise: case ExprKind::RaiseValue: case ExprKind::Math: case ExprKind::Call:
        case ExprKind::Fold: case ExprKind::Reduce: case ExprKind::FoldBy:
          return true;
        default:
          break;
      }
      for (auto& a : x->args)
        if (can_raise(a)) return true;
      for (auto& l : x->lambdas)
        if (can_raise(l->body)) return true;
      return false;
    };
    return can_raise(e) ? guard_try(g->loc, e) : e;
  }

  ExprRef lower_case(const NodeRef& n, Env& env) {
    if (tape_) fail(n->loc, "grad: `" + n->name + "` inside a function being differentiated is not supported by hastec yet (use Nx.select)");
    if (n->args.size() != 2 || !n->keyword("do")) fail(n->loc, "case needs a value and a do-block of clauses");
    ExprRef subject = expect_value(lower(n->args[0], env), n->args[0]->loc);
    VarRef sv = new_var(prog, "case", subject->type);
    std::vector<ClauseDef> cs = clauses_of(n->keyword("do"), "case", 1);
    ExprRef body = lower_clauses(cs, {var_use(n->loc, sv)}, env, n->loc, "case",
                                 Fallback{4, "no case clause matching: ", var_use(n->loc, sv)});
    return let(n->loc, sv, subject, body);
  }

  ExprRef lower_cond(const NodeRef& n, Env& env) {
    if (tape_) fail(n->loc, "grad: `" + n->name + "` inside a function being differentiated is not supported by hastec yet (use Nx.select)");
    if (n->args.size() != 1 || !n->keyword("do")) fail(n->loc, "cond needs a do-block of clauses");
    std::vector<ClauseDef> cs = clauses_of(n->keyword("do"), "cond", 1);
    struct Arm {
      ExprRef cond, body;
    };
    std::vector<Arm> arms;
    std::optional<UnknownResult> unknown;
    for (auto& c : cs) {
      Env e = env;
      ExprRef cond = need_bool(expect_value(lower(c.params[0], e), c.params[0]->loc), c.params[0]->loc,
                               "a cond clause");
      try {
        arms.push_back({cond, lower_body(c.body, e)});
      } catch (UnknownResult& u) {
        if (!unknown) unknown = u;
        continue;
      }
      if (cond->kind == ExprKind::BoolConst && cond->int_value) break;
    }
    if (unknown) {
      for (auto& a : arms)
        if (!unknown->hint) unknown->hint = a.body->type;
      throw *unknown;
    }
    Type t = arms[0].body->type;
    for (auto& a : arms)
      if (a.body->type != t)
        fail(a.body->loc, "the clauses of cond return different types: " + type_name(t) + " and " +
                              type_name(a.body->type));
    ExprRef result = raise(n->loc, 5, "no cond clause evaluated to a truthy value", t);
    for (size_t i = arms.size(); i-- > 0;) result = if_(arms[i].body->loc, arms[i].cond, arms[i].body, result, t);
    return result;
  }

  /// The `pat -> body` clauses of a do-block.
  std::vector<ClauseDef> clauses_of(const NodeRef& block, const std::string& what, size_t arity) {
    std::vector<ClauseDef> cs;
    for (auto& c : stmts_of(block)) {
      if (c->kind != NodeKind::Clause) fail(c->loc, what + " needs clauses of the form pattern -> expression");
      if (c->args.size() != arity) fail(c->loc, what + " clauses take exactly one pattern");
      cs.push_back(ClauseDef{c->args, c->target, c->body, c->loc, cur_attrs});
    }
    if (cs.empty()) fail(block->loc, what + " needs at least one clause");
    return cs;
  }

  ExprRef lower_body(const NodeRef& body, Env& env) {
    if (body->kind == NodeKind::Block) {
      if (body->args.empty()) fail(body->loc, "empty function body (it would return nil)");
      return lower_block(body->args, 0, env);
    }
    return lower_block({body}, 0, env);
  }

  /// Bindings a statement's expression left to be made before it (the body
  /// of an inlined function that returns a function: pending_lets()).
  Binds* pending_ = nullptr;

  /// Statements i.. of a block: `x = e` binds x for the rest (rebinding makes
  /// a new variable); other non-final statements run for their effects.
  ExprRef lower_block(const std::vector<NodeRef>& stmts, size_t i, Env env) {
    Binds pend;
    Binds* saved = pending_;
    pending_ = &pend;
    ExprRef r;
    try {
      r = lower_statement(stmts, i, env);
    } catch (...) {
      pending_ = saved;
      throw;
    }
    pending_ = saved;
    return wrap_lets(pend, r);
  }

  ExprRef lower_statement(const std::vector<NodeRef>& stmts, size_t i, Env env) {
    if (stmts.empty()) fail(Loc{}, "empty block");
    const NodeRef& s = stmts[i];
    bool last = i + 1 == stmts.size();
    if (s->kind == NodeKind::Binary && s->name == "=") {
      const NodeRef& pat = s->args[0];
      Value v = lower(s->args[1], env);
      if (pat->kind != NodeKind::Var && !v.e) {
        // {init_fn, update_fn} = Polaris.Optimizers.adam(...): the parts are
        // known at compile time; runtime members are bound as usual.
        if (last) fail(s->loc, "a function cannot be the result of a function");
        Binds lets;
        Value sv = settle(v, lets);
        Match m;
        match_static(pat, sv, env, m);
        if (m.cond) fail(s->loc, "this pattern may not match a tuple holding functions; hastec needs one that always matches");
        lets.insert(lets.end(), m.lets.begin(), m.lets.end());
        if (tape_) {
          for (auto& l : lets) tape_->B.push_back(l);
          return lower_block(stmts, i + 1, env);
        }
        return wrap_lets(lets, lower_block(stmts, i + 1, env));
      }
      if (pat->kind != NodeKind::Var) {
        // pattern = value: bind the parts, or raise MatchError.
        ExprRef val = expect_value(v, s->args[1]->loc);
        VarRef tmp = new_var(prog, "match", val->type);
        Match m;
        match(pat, var_use(s->loc, tmp), env, m);
        if (tape_) {
          // tracing for grad: bindings go to the tape's flat program
          if (m.cond) fail(s->loc, "grad: this pattern may not match; hastec needs patterns that always match here");
          tape_->B.push_back({tmp, val});
          for (auto& l : m.lets) tape_->B.push_back(l);
          return last ? var_use(s->loc, tmp) : lower_block(stmts, i + 1, env);
        }
        ExprRef rest;
        if (last) {
          rest = var_use(s->loc, tmp);
        } else {
          rest = lower_block(stmts, i + 1, env);
        }
        if (m.cond)
          rest = if_(s->loc, m.cond, rest,
                     raise_value(s->loc, 6, "no match of right hand side value: ", var_use(s->loc, tmp), rest->type),
                     rest->type);
        return let(s->loc, tmp, val, wrap_lets(m.lets, rest));
      }
      if (pat->name == "_" || pat->name[0] == '_') {
        if (last) fail(s->loc, "the last expression binds only _");
        if (!v.e) return lower_block(stmts, i + 1, env);
        return sequence(s->loc, v.e, lower_block(stmts, i + 1, env));
      }
      if (!v.e) {
        if (last) fail(s->loc, "a function cannot be the result of a function");
        Binds lets;
        Value sv = settle(v, lets);
        env[pat->name] = Binding{nullptr, sv.fn, sv.tup};
        if (tape_) {
          for (auto& l : lets) tape_->B.push_back(l);
          return lower_block(stmts, i + 1, env);
        }
        return wrap_lets(lets, lower_block(stmts, i + 1, env));
      }
      if (tape_) {
        ExprRef val = tape_in(v.e);
        if (val->kind == ExprKind::VarUse) {
          env[pat->name] = Binding{val->var, nullptr};
          return last ? val : lower_block(stmts, i + 1, env);
        }
      }
      VarRef var = new_var(prog, pat->name, v.e->type);
      note_const(var, v.e);
      env[pat->name] = Binding{var, nullptr};
      if (tape_) {
        tape_->B.push_back({var, v.e});
        return last ? var_use(s->loc, var) : lower_block(stmts, i + 1, env);
      }
      ExprRef rest = last ? var_use(s->loc, var) : lower_block(stmts, i + 1, env);
      return let(s->loc, var, v.e, rest);
    }
    Value v = lower(s, env);
    if (last) return expect_value(v, s->loc);
    if (!v.e) return lower_block(stmts, i + 1, env);
    return sequence(s->loc, v.e, lower_block(stmts, i + 1, env));
  }

  ExprRef lower_if(const NodeRef& n, Env& env) {
    if (tape_) fail(n->loc, "grad: `" + n->name + "` inside a function being differentiated is not supported by hastec yet (use Nx.select)");
    bool unless = n->name == "unless";
    size_t plain = n->args.size() - (n->args.empty() || n->args.back()->kind != NodeKind::KeywordList ? 0 : 1);
    if (plain != 1) fail(n->loc, n->name + " needs a condition and a do: block");
    NodeRef t = n->keyword("do"), e = n->keyword("else");
    if (!t) fail(n->loc, n->name + " needs a do: block");
    if (!e) fail(n->loc, n->name + " without else gives nil when the condition fails; hastec needs an else branch");
    ExprRef c = need_bool(expect_value(lower(n->args[0], env), n->args[0]->loc), n->args[0]->loc, n->name.c_str());
    if (unless) std::swap(t, e);
    if (c->kind == ExprKind::BoolConst) {
      // known at compile time (`Nx.type(t) == {:f, 32}`): only the branch
      // taken is lowered, so the branches may differ in type (other atoms)
      Env e1 = env;
      return lower_body(c->int_value ? t : e, e1);
    }
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
                                                    : atom_hint((*a)->type, (*b)->type)));
    return if_(n->loc, c, *a, *b, (*a)->type);
  }

  // ---- specialisation --------------------------------------------------------

  /// The function f specialised for argument types args. With statics (one
  /// per parameter), parameters holding functions are specialised on those
  /// functions: args has null there, and the types of the runtime values
  /// they capture follow the parameters' (see flatten/rebuild).
  std::string specialise(const FunDef& f, const std::vector<Type>& args, Loc use,
                         const std::vector<Value>* statics = nullptr) {
    attempted.insert(f.display());
    std::string key = f.display() + "(";
    size_t np = statics ? statics->size() : args.size();
    for (size_t i = 0; i < np; i++) {
      key += i ? "," : "";
      if (args[i]) {
        key += type_name(args[i]);
      } else {
        std::vector<ExprRef> ignored;
        flatten((*statics)[i], key, ignored, use);
      }
    }
    key += ")";
    auto it = specs.find(key);
    if (it != specs.end()) {
      if (it->second.result) return key;
      throw UnknownResult{key, nullptr};
    }
    if (specs.size() > 10000) fail(use, "too many specialisations of " + f.display() + " (types grow without end?)");
    TapeOff no_tracing(tape_);
    SpecState& st = specs[key];
    if (f.has_spec && f.spec_args == args) st.result = f.spec_result;
    const FunDef* saved = cur;
    auto saved_attrs = cur_attrs;
    cur = &f;
    std::vector<VarRef> params, caps;
    for (size_t i = 0; i < args.size(); i++) {
      if (!args[i]) continue;
      std::string pname = i < np ? "arg" + std::to_string(i) : "cap";
      if (i < np && f.clauses.size() == 1 && f.clauses[0].params[i]->kind == NodeKind::Var)
        pname = f.clauses[0].params[i]->name;
      params.push_back(new_var(prog, pname, args[i]));
      if (i >= np) caps.push_back(params.back());
    }
    auto restore = [&] {
      cur = saved;
      cur_attrs = saved_attrs;
    };
    for (int attempt = 0;; attempt++) {
      try {
        std::vector<Value> subjects;
        size_t k = 0, ci = 0;
        for (size_t i = 0; i < np; i++)
          subjects.push_back(args[i] ? Value{var_use(f.loc, params[k++])} : rebuild((*statics)[i], caps, ci, f.loc));
        ExprRef body = lower_clauses(f.clauses, subjects, base_env(), f.loc, f.display(),
                                     Fallback{3, "no function clause matching in " + f.display(), nullptr});
        if (f.numerical) body = nx_result(body, f.loc);
        Type assumed = specs[key].result;
        if (assumed && is_tensor(assumed) && assumed->nx == NxInt::U8 && is_tensor(body->type) &&
            body->type->elem == bool_type() && body->type->dims == assumed->dims)
          body = nx_as_type(f.loc, body, NxElem{int_type(), NxInt::U8});  // a comparison's 0/1 as the @spec's u8
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

  /// Calls whose arguments may be string literals (file paths).
  /// Functions that no entry point reaches are never typed (their types
  /// come from callers), but constructs outside the subset are still
  /// reported in them, so `hastec check` finds them before any caller does.
  /// Lists (and so tensors, list parameters, Enum results) of atoms would
  /// need a column per atom leaf in the struct-of-arrays layout: refused
  /// where the first such list is made, once per function.
  void check_atom_lists() {
    for (auto& fn : prog.functions) {
      bool reported = false;
      std::function<void(const ExprRef&)> walk = [&](const ExprRef& e) {
        if (reported || !e) return;
        if (e->type && e->type->kind == TypeKind::List && contains_atom(e->type)) {
          diags.error(e->loc.valid() ? e->loc : fn->loc,
                      "a list holding atoms (" + type_name(e->type) + ") is not supported by hastec yet; atoms may "
                      "be values, in tuples and maps, but not list elements");
          reported = true;
          return;
        }
        for (auto& a : e->args) walk(a);
        for (auto& l : e->lambdas) walk(l->body);
      };
      for (auto& p : fn->params)
        if (!reported && p->type->kind == TypeKind::List && contains_atom(p->type)) {
          diags.error(fn->loc, "a list holding atoms (" + type_name(p->type) + ") is not supported by hastec yet");
          reported = true;
        }
      walk(fn->body);
    }
  }

  void check_unreached() {
    const std::set<std::string>& reached = attempted;
    static const std::set<std::string> unsupported = {"with", "for", "receive", "try", "raise",
                                                      "throw", "spawn", "send", "quote"};
    std::function<void(const NodeRef&)> walk = [&](const NodeRef& n) {
      if (!n || diags.too_many()) return;
      if (n->kind == NodeKind::Call && !n->target && unsupported.count(n->name)) {
        diags.error(n->loc, "`" + n->name + "` is not supported in hastec's Elixir subset yet");
        return;
      }
      for (auto& a : n->args) walk(a);
      walk(n->target);
      walk(n->body);
    };
    for (auto& mn : module_order)
      for (auto& [key, f] : modules.at(mn).funs)
        if (!reached.count(f.display()) && mn != "Hx.Loop")  // stdlib/hx/loop.hx: a template (Hx.Loop.run)
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
      // Elixir would hand back a Range struct (printed 1..3); hastec's
      // ranges are lists, so say so instead of printing something else.
      std::function<bool(const ExprRef&)> returns_range = [&](const ExprRef& e) {
        if (e->kind == ExprKind::Range) return true;
        if (e->kind == ExprKind::Let) return returns_range(e->args[1]);
        if (e->kind == ExprKind::If) return returns_range(e->args[1]) || returns_range(e->args[2]);
        return false;
      };
      if (const Function* fn = prog.find(key); fn && returns_range(fn->body)) {
        diags.error(f->loc, f->display() + " returns a range, which Elixir prints as a range (1..3); "
                                           "hastec returns lists: write Enum.to_list(a..b)");
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
    check_atom_lists();
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
