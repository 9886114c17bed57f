/// \file IR.cpp
/// Type interning and the node constructors of IR.h.
#include "IR.h"

#include <map>
#include <mutex>
#include <tuple>

namespace hx::ir {

namespace {

[[noreturn]] void internal_error(const char* what) {
  std::fprintf(stderr, "hastec internal error: %s\n", what);
  std::abort();
}
#define IR_ASSERT(c, msg) \
  do {                    \
    if (!(c)) internal_error(msg); \
  } while (0)

struct TypeTable {
  std::mutex mu;
  std::map<std::pair<int, std::vector<const TypeNode*>>, std::unique_ptr<TypeNode>> nodes;
  Type get(TypeKind k, std::vector<const TypeNode*> parts) {
    std::lock_guard<std::mutex> lock(mu);
    auto key = std::make_pair(int(k), parts);
    auto it = nodes.find(key);
    if (it != nodes.end()) return it->second.get();
    auto n = std::make_unique<TypeNode>();
    n->kind = k;
    if (k == TypeKind::List) n->elem = parts.at(0);
    if (k == TypeKind::Tuple) n->members = parts;
    Type t = n.get();
    nodes.emplace(key, std::move(n));
    return t;
  }
};
TypeTable& types() {
  static TypeTable t;
  return t;
}

std::shared_ptr<Expr> node(ExprKind k, Loc loc, Type t) {
  auto e = std::make_shared<Expr>();
  e->kind = k;
  e->loc = loc;
  e->type = t;
  return e;
}

}  // namespace

Type int_type() { return types().get(TypeKind::Int, {}); }
Type float_type() { return types().get(TypeKind::Float, {}); }
Type bool_type() { return types().get(TypeKind::Bool, {}); }
Type i32_type() { return types().get(TypeKind::I32, {}); }
Type f32_type() { return types().get(TypeKind::F32, {}); }
Type list_type(Type elem) { return types().get(TypeKind::List, {elem}); }
Type tuple_type(const std::vector<Type>& m) { return types().get(TypeKind::Tuple, m); }

namespace {
Type make_tensor_type(Type elem, const std::vector<int64_t>& dims, NxInt nx) {
  IR_ASSERT(elem && (is_numeric(elem) || elem->kind == TypeKind::Bool), "tensor_type: bad element type");
  static std::mutex mu;
  static std::map<std::tuple<Type, std::vector<int64_t>, NxInt>, std::unique_ptr<TypeNode>> table;
  std::lock_guard<std::mutex> lock(mu);
  auto key = std::make_tuple(elem, dims, nx);
  auto it = table.find(key);
  if (it != table.end()) return it->second.get();
  std::vector<Type> ms = {list_type(elem)};
  for (size_t i = 0; i < dims.size(); i++) ms.push_back(int_type());
  auto n = std::make_unique<TypeNode>();
  n->kind = TypeKind::Tuple;
  n->members = ms;
  n->elem = elem;
  n->tensor = true;
  n->dims = dims;
  n->nx = nx;
  Type t = n.get();
  table.emplace(key, std::move(n));
  return t;
}
}  // namespace

Type tensor_type(Type elem, const std::vector<int64_t>& dims) { return make_tensor_type(elem, dims, NxInt::None); }
Type narrow_tensor_type(NxInt k, const std::vector<int64_t>& dims) { return make_tensor_type(int_type(), dims, k); }

const char* nx_int_name(NxInt k) {
  switch (k) {
    case NxInt::U8: return "u8";
    case NxInt::U16: return "u16";
    case NxInt::U32: return "u32";
    case NxInt::S8: return "s8";
    case NxInt::S16: return "s16";
    case NxInt::None: break;
  }
  return "";
}
int nx_int_bits(NxInt k) {
  switch (k) {
    case NxInt::U8: case NxInt::S8: return 8;
    case NxInt::U16: case NxInt::S16: return 16;
    case NxInt::U32: return 32;
    case NxInt::None: break;
  }
  return 0;
}

Type map_type(const std::vector<std::string>& keys, const std::vector<Type>& members) {
  IR_ASSERT(!keys.empty() && keys.size() == members.size(), "map_type: one member per key");
  for (size_t i = 1; i < keys.size(); i++) IR_ASSERT(keys[i - 1] < keys[i], "map_type: keys sorted and distinct");
  static std::mutex mu;
  static std::map<std::pair<std::vector<std::string>, std::vector<Type>>, std::unique_ptr<TypeNode>> table;
  std::lock_guard<std::mutex> lock(mu);
  auto key = std::make_pair(keys, members);
  auto it = table.find(key);
  if (it != table.end()) return it->second.get();
  auto n = std::make_unique<TypeNode>();
  n->kind = TypeKind::Tuple;
  n->members = members;
  n->keys = keys;
  Type t = n.get();
  table.emplace(key, std::move(n));
  return t;
}

Type atom_type(const std::string& name) {
  IR_ASSERT(!name.empty(), "atom_type: empty name");
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<TypeNode>> table;
  std::lock_guard<std::mutex> lock(mu);
  auto it = table.find(name);
  if (it != table.end()) return it->second.get();
  auto n = std::make_unique<TypeNode>();
  n->kind = TypeKind::Tuple;
  n->atom = name;
  Type t = n.get();
  table.emplace(name, std::move(n));
  return t;
}

bool contains_atom(Type t) {
  if (!t) return false;
  if (is_atom(t)) return true;
  if (t->kind == TypeKind::List) return contains_atom(t->elem);
  for (Type m : t->members)
    if (contains_atom(m)) return true;
  return false;
}

std::string nx_type_name(Type elem) {
  switch (elem->kind) {
    case TypeKind::Int: return "s64";
    case TypeKind::Float: return "f64";
    case TypeKind::I32: return "s32";
    case TypeKind::F32: return "f32";
    case TypeKind::Bool: return "u8";
    default: return "?";
  }
}

std::string nx_tensor_type_name(Type t) {
  return tensor_nx_int(t) != NxInt::None ? nx_int_name(t->nx) : nx_type_name(t->elem);
}

bool is_integer(Type t) { return t && (t->kind == TypeKind::Int || t->kind == TypeKind::I32); }
bool is_floating(Type t) { return t && (t->kind == TypeKind::Float || t->kind == TypeKind::F32); }
bool is_numeric(Type t) { return is_integer(t) || is_floating(t); }
bool is_scalar(Type t) { return is_numeric(t) || (t && t->kind == TypeKind::Bool); }

std::string type_name(Type t) {
  if (!t) return "unknown";
  switch (t->kind) {
    case TypeKind::Int: return "integer";
    case TypeKind::Float: return "float";
    case TypeKind::Bool: return "boolean";
    case TypeKind::I32: return "Hx.i32";
    case TypeKind::F32: return "Hx.f32";
    case TypeKind::List: return "[" + type_name(t->elem) + "]";
    case TypeKind::Tuple: {
      if (is_atom(t)) return ":" + t->atom;
      if (t->tensor) {
        std::string s = "Nx.Tensor " + nx_tensor_type_name(t);
        for (int64_t d : t->dims) s += d < 0 ? std::string("[?]") : "[" + std::to_string(d) + "]";
        return s;
      }
      if (is_map(t)) {
        std::string s = "%{";
        for (size_t i = 0; i < t->members.size(); i++) s += (i ? ", " : "") + t->keys[i] + ": " + type_name(t->members[i]);
        return s + "}";
      }
      std::string s = "{";
      for (size_t i = 0; i < t->members.size(); i++) s += (i ? ", " : "") + type_name(t->members[i]);
      return s + "}";
    }
  }
  return "?";
}

std::string type_descriptor(Type t) {
  switch (t->kind) {
    case TypeKind::Int: return "i";
    case TypeKind::Float: return "f";
    case TypeKind::Bool: return "b";
    case TypeKind::I32: return "i32";
    case TypeKind::F32: return "f32";
    case TypeKind::List: return "[" + type_descriptor(t->elem) + "]";
    case TypeKind::Tuple: {
      if (is_atom(t)) return ":" + t->atom;
      // a narrow integer tensor: "#u8{[i],i...}" (Int storage printed as u8 ... s16)
      std::string s = tensor_nx_int(t) != NxInt::None ? "#" + std::string(nx_int_name(t->nx)) + "{"
                      : t->tensor ? "#{" : is_map(t) ? "%{" : "{";
      for (size_t i = 0; i < t->members.size(); i++)
        s += (i ? "," : "") + (is_map(t) ? t->keys[i] + ":" : std::string()) + type_descriptor(t->members[i]);
      return s + "}";
    }
  }
  return "?";
}

ExprRef int_const(Loc loc, int64_t v, Type t) {
  auto e = node(ExprKind::IntConst, loc, t ? t : int_type());
  e->int_value = v;
  return e;
}
ExprRef float_const(Loc loc, double v, Type t) {
  auto e = node(ExprKind::FloatConst, loc, t ? t : float_type());
  e->float_value = v;
  return e;
}
ExprRef bool_const(Loc loc, bool v) {
  auto e = node(ExprKind::BoolConst, loc, bool_type());
  e->int_value = v;
  return e;
}
ExprRef var_use(Loc loc, VarRef v) {
  auto e = node(ExprKind::VarUse, loc, v->type);
  e->var = std::move(v);
  return e;
}
ExprRef let(Loc loc, VarRef v, ExprRef value, ExprRef body) {
  IR_ASSERT(v->type == value->type, "let: variable and value types differ");
  auto e = node(ExprKind::Let, loc, body->type);
  e->var = std::move(v);
  e->args = {std::move(value), std::move(body)};
  return e;
}
ExprRef unary(Loc loc, UnOp op, ExprRef a, Type result) {
  auto e = node(ExprKind::Unary, loc, result);
  e->unop = op;
  e->args = {std::move(a)};
  return e;
}
ExprRef binary(Loc loc, BinOp op, ExprRef a, ExprRef b, Type result) {
  auto e = node(ExprKind::Binary, loc, result);
  e->binop = op;
  e->args = {std::move(a), std::move(b)};
  return e;
}
ExprRef if_(Loc loc, ExprRef c, ExprRef t, ExprRef f, Type result) {
  IR_ASSERT(c->type == bool_type(), "if: condition is not boolean");
  auto e = node(ExprKind::If, loc, result);
  e->args = {std::move(c), std::move(t), std::move(f)};
  return e;
}
ExprRef call(Loc loc, std::string callee, std::vector<ExprRef> args, Type result) {
  auto e = node(ExprKind::Call, loc, result);
  e->callee = std::move(callee);
  e->args = std::move(args);
  return e;
}
ExprRef raise(Loc loc, int code, std::string message, Type result) {
  auto e = node(ExprKind::Raise, loc, result);
  e->int_value = code;
  e->text = std::move(message);
  return e;
}
ExprRef tuple(Loc loc, std::vector<ExprRef> elems) {
  std::vector<Type> ts;
  for (auto& x : elems) ts.push_back(x->type);
  auto e = node(ExprKind::Tuple, loc, tuple_type(ts));
  e->args = std::move(elems);
  return e;
}
ExprRef tuple_get(Loc loc, ExprRef t, int index) {
  IR_ASSERT(t->type->kind == TypeKind::Tuple && index >= 0 && size_t(index) < t->type->members.size(),
            "tuple_get: bad index");
  auto e = node(ExprKind::TupleGet, loc, t->type->members[index]);
  e->int_value = index;
  e->args = {std::move(t)};
  return e;
}
ExprRef range(Loc loc, ExprRef lo, ExprRef hi) {
  IR_ASSERT(lo->type == int_type() && hi->type == int_type(), "range: bounds must be integers");
  auto e = node(ExprKind::Range, loc, list_type(int_type()));
  e->args = {std::move(lo), std::move(hi)};
  return e;
}
ExprRef range_up(Loc loc, ExprRef lo, ExprRef hi) {
  auto e = std::const_pointer_cast<Expr>(range(loc, std::move(lo), std::move(hi)));
  e->int_value = 1;
  return e;
}
ExprRef index(Loc loc, ExprRef list, ExprRef i) {
  IR_ASSERT(list->type->kind == TypeKind::List && i->type == int_type(), "index: bad operands");
  auto e = node(ExprKind::Index, loc, list->type->elem);
  e->args = {std::move(list), std::move(i)};
  return e;
}
ExprRef matmul(Loc loc, ExprRef a, ExprRef b, ExprRef m, ExprRef k, ExprRef n) {
  IR_ASSERT(a->type == b->type && a->type->kind == TypeKind::List && is_numeric(a->type->elem),
            "matmul: operands are lists of one numeric type");
  auto e = node(ExprKind::MatMul, loc, a->type);
  e->args = {std::move(a), std::move(b), std::move(m), std::move(k), std::move(n)};
  return e;
}
ExprRef extern_call(Loc loc, std::string symbol, std::string text, std::vector<ExprRef> args, Type result,
                    bool variadic) {
  for (auto& a : args)
    IR_ASSERT(is_scalar(a->type) || a->type->kind == TypeKind::List, "extern_call: arguments are scalars or lists");
  IR_ASSERT(result == int_type() || result == float_type() || result->kind == TypeKind::List,
            "extern_call: the result is an integer, a float or a list");
  auto e = node(ExprKind::Extern, loc, result);
  e->callee = std::move(symbol);
  e->text = std::move(text);
  e->int_value = variadic ? 1 : 0;
  e->args = std::move(args);
  return e;
}
ExprRef tensor_value(Loc loc, Type tt, ExprRef data, std::vector<ExprRef> dims) {
  IR_ASSERT(is_tensor(tt) && data->type == tt->members[0] && dims.size() + 1 == tt->members.size(),
            "tensor_value: bad parts");
  auto e = node(ExprKind::Tuple, loc, tt);
  e->args.push_back(std::move(data));
  for (auto& d : dims) {
    IR_ASSERT(d->type == int_type(), "tensor_value: dimensions are integers");
    e->args.push_back(std::move(d));
  }
  return e;
}
ExprRef map_value(Loc loc, Type mt, std::vector<ExprRef> values) {
  IR_ASSERT(is_map(mt) && values.size() == mt->members.size(), "map_value: one value per key");
  for (size_t i = 0; i < values.size(); i++) IR_ASSERT(values[i]->type == mt->members[i], "map_value: value type");
  auto e = node(ExprKind::Tuple, loc, mt);
  e->args = std::move(values);
  return e;
}
ExprRef atom_value(Loc loc, Type at) {
  IR_ASSERT(is_atom(at), "atom_value: not an atom type");
  return node(ExprKind::Tuple, loc, at);
}
ExprRef list_lit(Loc loc, Type elem, std::vector<ExprRef> elems) {
  for (auto& x : elems) IR_ASSERT(x->type == elem, "list literal: element type differs");
  auto e = node(ExprKind::ListLit, loc, list_type(elem));
  e->args = std::move(elems);
  return e;
}
ExprRef map(Loc loc, ExprRef src, LambdaRef f) {
  IR_ASSERT(src->type->kind == TypeKind::List && f->params.size() == 1 &&
                f->params[0]->type == src->type->elem,
            "map: lambda does not take the element type");
  auto e = node(ExprKind::Map, loc, list_type(f->body->type));
  e->args = {std::move(src)};
  e->lambdas = {std::move(f)};
  return e;
}
ExprRef filter(Loc loc, ExprRef src, LambdaRef p) {
  IR_ASSERT(src->type->kind == TypeKind::List && p->params.size() == 1 &&
                p->params[0]->type == src->type->elem && p->body->type == bool_type(),
            "filter: bad predicate");
  auto e = node(ExprKind::Filter, loc, src->type);
  e->args = {std::move(src)};
  e->lambdas = {std::move(p)};
  return e;
}
ExprRef reduce(Loc loc, ExprRef src, ExprRef init, LambdaRef f) {
  IR_ASSERT(src->type->kind == TypeKind::List && f->params.size() == 2 &&
                f->params[0]->type == src->type->elem && f->params[1]->type == init->type &&
                f->body->type == init->type,
            "reduce: bad lambda");
  auto e = node(ExprKind::Reduce, loc, init->type);
  e->args = {std::move(src), std::move(init)};
  e->lambdas = {std::move(f)};
  return e;
}
ExprRef reduce1(Loc loc, ExprRef src, LambdaRef f) {
  IR_ASSERT(src->type->kind == TypeKind::List && f->params.size() == 2 && f->body->type == src->type->elem,
            "reduce/2: bad lambda");
  auto e = node(ExprKind::Reduce, loc, src->type->elem);
  e->args = {std::move(src)};
  e->lambdas = {std::move(f)};
  return e;
}
ExprRef fold(Loc loc, FoldKind k, ExprRef src, Type result) {
  IR_ASSERT(src->type->kind == TypeKind::List, "fold: not a list");
  auto e = node(ExprKind::Fold, loc, result);
  e->fold = k;
  e->args = {std::move(src)};
  return e;
}
ExprRef length(Loc loc, ExprRef src) {
  IR_ASSERT(src->type->kind == TypeKind::List, "length: not a list");
  auto e = node(ExprKind::Length, loc, int_type());
  e->args = {std::move(src)};
  return e;
}
ExprRef reduction_base(const ExprRef& reduction, std::vector<const Expr*>* stages) {
  ExprRef cur = reduction->args[0];
  std::vector<const Expr*> st;
  while (cur->kind == ExprKind::Map || cur->kind == ExprKind::Filter) {
    st.push_back(cur.get());
    cur = cur->args[0];
  }
  if (stages) *stages = std::vector<const Expr*>(st.rbegin(), st.rend());
  return cur;
}
ExprRef multi_fold(Loc loc, std::vector<ExprRef> members) {
  IR_ASSERT(members.size() >= 2, "multi_fold: fewer than two members");
  std::vector<Type> ts;
  for (auto& m : members) {
    IR_ASSERT(m->kind == ExprKind::Fold || m->kind == ExprKind::Length, "multi_fold: a member is not a reduction");
    ts.push_back(m->type);
  }
  auto e = node(ExprKind::MultiFold, loc, tuple_type(ts));
  e->args = std::move(members);
  return e;
}
ExprRef multi_map(Loc loc, std::vector<ExprRef> members) {
  IR_ASSERT(members.size() >= 2, "multi_map: fewer than two members");
  std::vector<Type> ts;
  for (auto& m : members) {
    IR_ASSERT(m->kind == ExprKind::Map, "multi_map: a member is not a map");
    ts.push_back(m->type);
  }
  auto e = node(ExprKind::MultiMap, loc, tuple_type(ts));
  e->args = std::move(members);
  return e;
}

ExprRef zip(Loc loc, ExprRef a, ExprRef b) {
  IR_ASSERT(a->type->kind == TypeKind::List && b->type->kind == TypeKind::List, "zip: not lists");
  auto e = node(ExprKind::Zip, loc, list_type(tuple_type({a->type->elem, b->type->elem})));
  e->args = {std::move(a), std::move(b)};
  return e;
}
ExprRef with_index(Loc loc, ExprRef src, ExprRef offset) {
  IR_ASSERT(src->type->kind == TypeKind::List && offset->type == int_type(), "with_index: bad operands");
  auto e = node(ExprKind::WithIndex, loc, list_type(tuple_type({src->type->elem, int_type()})));
  e->args = {std::move(src), std::move(offset)};
  return e;
}
ExprRef list_op(Loc loc, ExprKind k, ExprRef src, std::vector<ExprRef> extra, int64_t flag) {
  IR_ASSERT(src->type->kind == TypeKind::List, "list op on a non-list");
  auto e = node(k, loc, src->type);
  e->args = {std::move(src)};
  for (auto& x : extra) e->args.push_back(std::move(x));
  e->int_value = flag;
  return e;
}
ExprRef scan(Loc loc, ExprRef src, ExprRef init, LambdaRef f) {
  IR_ASSERT(src->type->kind == TypeKind::List && f->params.size() == 2, "scan: bad operands");
  auto e = node(ExprKind::Scan, loc, list_type(f->body->type));
  e->args = {std::move(src)};
  if (init) e->args.push_back(std::move(init));
  e->lambdas = {std::move(f)};
  return e;
}
ExprRef fold_by(Loc loc, FoldKind k, ExprRef src, LambdaRef key) {
  IR_ASSERT(src->type->kind == TypeKind::List && key->params.size() == 1, "fold_by: bad operands");
  auto e = node(ExprKind::FoldBy, loc, src->type->elem);
  e->fold = k;
  e->args = {std::move(src)};
  e->lambdas = {std::move(key)};
  return e;
}
ExprRef all_any(Loc loc, bool all, ExprRef src, LambdaRef pred) {
  IR_ASSERT(src->type->kind == TypeKind::List && pred->body->type == bool_type(), "all?/any?: bad predicate");
  auto e = node(ExprKind::AllAny, loc, bool_type());
  e->int_value = all;
  e->args = {std::move(src)};
  e->lambdas = {std::move(pred)};
  return e;
}
ExprRef math(Loc loc, std::string fn, std::vector<ExprRef> args, Type result) {
  auto e = node(ExprKind::Math, loc, result);
  e->text = std::move(fn);
  e->args = std::move(args);
  return e;
}
ExprRef raise_value(Loc loc, int code, std::string message, ExprRef value, Type result) {
  auto e = node(ExprKind::RaiseValue, loc, result);
  e->int_value = code;
  e->text = std::move(message);
  e->args = {std::move(value)};
  return e;
}

ExprRef guard_try(Loc loc, ExprRef cond) {
  IR_ASSERT(cond->type == bool_type(), "guard: not boolean");
  auto e = node(ExprKind::GuardTry, loc, bool_type());
  e->args = {std::move(cond)};
  return e;
}

ExprRef with_args(const ExprRef& e, std::vector<ExprRef> args, std::vector<LambdaRef> lambdas) {
  auto n = std::make_shared<Expr>(*e);
  n->args = std::move(args);
  n->lambdas = std::move(lambdas);
  if (n->kind == ExprKind::Map || n->kind == ExprKind::Scan) n->type = list_type(n->lambdas[0]->body->type);
  if (n->kind == ExprKind::Let) n->type = n->args[1]->type;
  return n;
}

const char* unop_name(UnOp op) {
  switch (op) {
    case UnOp::Neg: return "neg";
    case UnOp::Not: return "not";
    case UnOp::Abs: return "abs";
    case UnOp::ToFloat: return "to_float";
    case UnOp::Trunc: return "trunc";
    case UnOp::Round: return "round";
    case UnOp::BNot: return "bnot";
    case UnOp::Cast: return "cast";
  }
  return "?";
}
const char* binop_name(BinOp op) {
  switch (op) {
    case BinOp::Add: return "add";
    case BinOp::Sub: return "sub";
    case BinOp::Mul: return "mul";
    case BinOp::FDiv: return "fdiv";
    case BinOp::IDiv: return "div";
    case BinOp::Rem: return "rem";
    case BinOp::Min: return "min";
    case BinOp::Max: return "max";
    case BinOp::Eq: return "eq";
    case BinOp::Ne: return "ne";
    case BinOp::Lt: return "lt";
    case BinOp::Le: return "le";
    case BinOp::Gt: return "gt";
    case BinOp::Ge: return "ge";
    case BinOp::And: return "and";
    case BinOp::Or: return "or";
    case BinOp::BAnd: return "band";
    case BinOp::BOr: return "bor";
    case BinOp::BXor: return "bxor";
    case BinOp::Shl: return "bsl";
    case BinOp::Shr: return "bsr";
  }
  return "?";
}
const char* fold_name(FoldKind k) {
  switch (k) {
    case FoldKind::Sum: return "sum";
    case FoldKind::Product: return "product";
    case FoldKind::Count: return "count";
    case FoldKind::Min: return "min";
    case FoldKind::Max: return "max";
  }
  return "?";
}

const Function* Program::find(const std::string& key) const {
  for (auto& f : functions)
    if (f->key == key) return f.get();
  return nullptr;
}

VarRef new_var(Program& p, std::string name, Type t) {
  return std::make_shared<Var>(Var{std::move(name), t, p.next_var_id++});
}

/// Can evaluating e never raise (and do nothing else observable)? IEEE
/// float arithmetic (Nx tensors: Binary/Math with int_value 1), comparisons,
/// float casts and the array operations that only move data. Conservative:
/// integer arithmetic may raise under --check-overflow, calls and folds may.
bool never_raises(const ExprRef& e) {
  auto fl = [](const Type& t) { return is_floating(t); };
  switch (e->kind) {
    case ExprKind::IntConst: case ExprKind::FloatConst: case ExprKind::BoolConst: case ExprKind::VarUse:
    case ExprKind::Let: case ExprKind::If: case ExprKind::Tuple: case ExprKind::TupleGet: case ExprKind::ListLit:
    case ExprKind::Length: case ExprKind::Zip: case ExprKind::Map:
      break;
    case ExprKind::Binary:
      switch (e->binop) {
        case BinOp::Eq: case BinOp::Ne: case BinOp::Lt: case BinOp::Le: case BinOp::Gt: case BinOp::Ge:
        case BinOp::And: case BinOp::Or: case BinOp::Min: case BinOp::Max:
          break;
        default:
          if (!(fl(e->type) && e->int_value == 1)) return false;
      }
      break;
    case ExprKind::Math:
      if (e->int_value != 1) return false;
      break;
    case ExprKind::Unary:
      if (e->unop == UnOp::Not || e->unop == UnOp::ToFloat) break;
      if ((e->unop == UnOp::Neg || e->unop == UnOp::Abs) && fl(e->type)) break;
      if (e->unop == UnOp::Cast && fl(e->type) && fl(e->args[0]->type)) break;
      return false;
    default:
      return false;
  }
  for (auto& a : e->args)
    if (!never_raises(a)) return false;
  for (auto& l : e->lambdas)
    if (!never_raises(l->body)) return false;
  return true;
}

void free_vars(const ExprRef& e, std::set<int>& bound, std::map<int, VarRef>& out) {
  if (e->kind == ExprKind::VarUse && !bound.count(e->var->id)) out[e->var->id] = e->var;
  if (e->kind == ExprKind::Let) {
    free_vars(e->args[0], bound, out);
    bound.insert(e->var->id);
    free_vars(e->args[1], bound, out);
    return;
  }
  for (auto& a : e->args) free_vars(a, bound, out);
  for (auto& l : e->lambdas) {
    for (auto& p : l->params) bound.insert(p->id);
    free_vars(l->body, bound, out);
  }
}

}  // namespace hx::ir
