/// \file IR.h
/// hastec's IR: an immutable, typed dataflow IR of array operations over
/// scalar lambdas (Futhark's SOACs are the model).
///
/// Semantics every pass relies on:
/// - Values are immutable; an Expr is a tree whose leaves are constants and
///   variables bound by Let, by a Lambda or as function parameters. Scoping
///   is lexical, and a lambda body may refer to any variable in scope
///   (closures are free: codegen emits lambda bodies inline in loops).
/// - Evaluation is strict and left to right, except If, which evaluates one
///   branch. `and`/`or` are lowered to If by the frontend.
/// - Integers are 64-bit two's complement and wrap on overflow (the one
///   intended difference from Elixir's bignums). `div`/`rem` truncate and
///   raise ArithmeticError on a zero divisor; `/` always gives a float and
///   raises on a zero divisor, as Elixir does.
/// - A list is an array value of a known element type. Range, Map, Filter
///   and ListLit produce lists; Reduce consumes one. Order is Enum order.
///   An array op may raise; when several elements would raise, which error
///   is reported may differ from Elixir (fusion interleaves the work).
/// - Raise never returns; its type is whatever its context needs.
#pragma once
#include "Source.h"
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace hx::ir {

// ---- types -----------------------------------------------------------------

enum class TypeKind { Int, Float, Bool, I32, F32, List, Tuple };
/// Nx's narrow integer element types (held as 64-bit integers).
enum class NxInt : uint8_t { None, U8, U16, U32, S8, S16 };
/// "u8" ... "s16"; "" for None.
const char* nx_int_name(NxInt k);
/// Bits of the type (8, 16, 32); 0 for None.
int nx_int_bits(NxInt k);
inline bool nx_int_signed(NxInt k) { return k == NxInt::S8 || k == NxInt::S16; }

/// Interned: two equal types are the same pointer, so compare with ==.
struct TypeNode {
  TypeKind kind;
  const TypeNode* elem = nullptr;            ///< List; a tensor's element type
  std::vector<const TypeNode*> members;      ///< Tuple
  /// A tensor (Nx) is a Tuple {[elem] data, d0, ..., d(r-1)} (row-major data,
  /// integer dimensions) with this tag: passes and codegen treat it as the
  /// tuple it is; the frontend, the printer and the C header know it is a
  /// tensor. dims holds what is known at compile time: -1 for a dimension
  /// only known at run time.
  bool tensor = false;
  std::vector<int64_t> dims;
  /// Nx's narrow integer types (u8, u16, u32, s8, s16) are Int storage
  /// holding exactly the values of the type; the frontend wraps the results
  /// of arithmetic to the width (Nx.Random's keys are u32). None for every
  /// other tensor (s64 and f64 are Int and Float, s32 and f32 I32 and F32;
  /// a Bool tensor is Nx's u8 of a comparison, 0 or 1).
  NxInt nx = NxInt::None;
  /// A map with atom keys (`%{b: 1, w: 2}`) is a Tuple of its values, in the
  /// order of keys (sorted, as Elixir prints small maps); the keys are part
  /// of the type. Empty for plain tuples.
  std::vector<std::string> keys;
  /// An atom (`:ok`): a Tuple with no members whose name is this (without
  /// the colon). Each atom is its own type, so which atom a value holds is
  /// known at compile time: the value is zero-size, `==` on atoms is decided
  /// by the types, and an atom pattern matches by type. Empty otherwise.
  std::string atom;
};
using Type = const TypeNode*;

Type int_type();
Type float_type();
Type bool_type();
Type i32_type();
Type f32_type();
Type list_type(Type elem);
Type tuple_type(const std::vector<Type>& members);
/// An Nx tensor of elem (Int, Float, I32, F32) and rank dims.size().
Type tensor_type(Type elem, const std::vector<int64_t>& dims);
inline bool is_tensor(Type t) { return t && t->tensor; }
/// A tensor of a narrow integer type k (Int storage); tensor_type(int_type(),
/// dims) when k is None.
Type narrow_tensor_type(NxInt k, const std::vector<int64_t>& dims);
/// A u32 tensor of rank dims.size() (Int storage, values 0..2^32-1).
inline Type u32_tensor_type(const std::vector<int64_t>& dims) { return narrow_tensor_type(NxInt::U32, dims); }
inline NxInt tensor_nx_int(Type t) { return t && t->tensor ? t->nx : NxInt::None; }
inline bool is_u32_tensor(Type t) { return tensor_nx_int(t) == NxInt::U32; }
/// An atom-key map: keys sorted and distinct, one member per key.
Type map_type(const std::vector<std::string>& keys, const std::vector<Type>& members);
inline bool is_map(Type t) { return t && !t->keys.empty(); }
/// The type of the atom :name (name as Elixir prints it after the colon;
/// true, false and nil are not atoms here: booleans are Bool).
Type atom_type(const std::string& name);
inline bool is_atom(Type t) { return t && !t->atom.empty(); }
/// Does t hold an atom anywhere (t itself, a member, a list's elements)?
bool contains_atom(Type t);
/// A plain tuple: neither a tensor, a map nor an atom.
inline bool is_plain_tuple(Type t) {
  return t && t->kind == TypeKind::Tuple && !t->tensor && t->keys.empty() && t->atom.empty();
}
/// Nx's name of a tensor's element type: s64 f64 s32 f32 u8 (narrow
/// integer tensors: nx_tensor_type_name).
std::string nx_type_name(Type elem);
/// Nx's name of a tensor type's element type, narrow integers included.
std::string nx_tensor_type_name(Type tensor);
bool is_numeric(Type t);
bool is_scalar(Type t);   ///< a number or a boolean
bool is_integer(Type t);  ///< Int or I32
bool is_floating(Type t); ///< Float or F32
/// The Elixir spelling: integer, float, boolean, [integer], {integer, float},
/// :ok (an atom is its own type).
std::string type_name(Type t);
/// The runtime printer's descriptor (hxrt.h): i, f, b, i32, f32, [T], {T,T},
/// :ok (an atom: a zero-size value printed as its name).
std::string type_descriptor(Type t);

// ---- expressions -------------------------------------------------------------

/// A variable: bound once (rebinding `x = x + 1` makes a new Var).
struct Var {
  std::string name;  ///< the source name, for printing
  Type type;
  int id;            ///< unique within a program
};
using VarRef = std::shared_ptr<const Var>;

enum class ExprKind {
  IntConst, FloatConst, BoolConst,
  VarUse,    ///< var
  Let,       ///< var = args[0]; value of args[1]
  Unary,     ///< op, args[0]
  Binary,    ///< op, args[0], args[1]
  If,        ///< args[0] ? args[1] : args[2]
  Call,      ///< callee(args...)
  Raise,     ///< error (an hx_error code) with message text
  Tuple,     ///< {args...}
  TupleGet,  ///< args[0].index
  // array operations
  Range,     ///< args[0]..args[1] (step +1 or -1, Elixir semantics); with
             ///< int_value 1, args[0]..args[1]//1 (empty when args[1] < args[0])
  ListLit,   ///< [args...]
  Map,       ///< [f(x) for x in args[0]]; lambdas[0] has one parameter
  Filter,    ///< [x for x in args[0] if f(x)]
  Reduce,    ///< fold args[0] from args[1] with lambdas[0](x, acc) (Elixir order)
  Fold,      ///< a built-in reduction `fold` over args[0]; int_value 1: IEEE
             ///< (tensor sums: inf and NaN are values, nothing raises)
  Length,    ///< number of elements of args[0]
  Zip,       ///< [{a, b} ...] of args[0], args[1]; stops at the shorter
  WithIndex, ///< [{x, i + args[1]} for x in args[0]]
  Reverse,   ///< args[0] reversed
  Take,      ///< Enum.take(args[0], args[1]): a negative count takes from the end
  Drop,      ///< Enum.drop(args[0], args[1]): a negative count drops from the end
  Sort,      ///< args[0] sorted; int_value 1 for descending (stable)
  Scan,      ///< Enum.scan: running lambdas[0](x, acc); args[1] is the initial
             ///< accumulator, or absent (scan/2 starts from the first element)
  FoldBy,    ///< min_by/max_by (fold Min/Max) of args[0] by key lambdas[0]
  AllAny,    ///< Enum.all? (int_value 1) / any? (0) of lambdas[0] over args[0]
  Math,      ///< text: sqrt exp log log2 log10 pow sin cos tan tanh atan atan2
             ///< floor ceil; raises ArithmeticError on a non-finite result
  RaiseValue,///< like Raise, and the message ends with args[0] printed
  GuardTry,  ///< a guard: args[0] (boolean), or false where it would raise
             ///< (an error in a guard fails the clause, as in Elixir)
  Index,     ///< element args[1] (0-based) of the list args[0]; the frontend
             ///< only builds it with indices known to be in bounds (tensors)
  MatMul,    ///< row-major product of args[0] (m x k) and args[1] (k x n), sizes
             ///< args[2..4] = m, k, n: a list of m*n (the runtime's GEMM)
  Extern,    ///< a libhxrt function with effects (clock, progress output,
             ///< files): callee is its C symbol, called as
             ///< callee(ctx, srcloc, text or NULL, args...) with scalar and
             ///< list arguments; int_value 1: declared variadic. Never
             ///< merged, moved past another effect, or dropped.
  MultiFold, ///< horizontal fusion (ir/FuseHorizontal.cpp): the tuple
             ///< {args[0], ..., args[k-1]} of k >= 2 sibling reductions
             ///< computed in ONE loop over their common source. Invariants
             ///< (the verifier checks them): each member is a Fold, or a
             ///< Length of a Map/Filter; below its Map/Filter stages each
             ///< member's list is the SAME node (one shared ExprRef, the
             ///< base, which is neither a Map nor a Filter and is evaluated
             ///< once); the type is the tuple of the members' types.
             ///< Semantics: every member's value is what it would be alone;
             ///< the base's elements are visited once, each pushed through
             ///< every member's stages in member order; Enum.EmptyError of
             ///< an empty min/max is raised after the loop, in member order.
  MultiMap,  ///< horizontal fusion of materialised maps: the tuple of the
             ///< lists {args[0], ..., args[k-1]} (k >= 2), each a chain of
             ///< Maps (no Filter) over the same shared base node (as for
             ///< MultiFold), written by ONE loop over the base; element i of
             ///< every list is computed before element i + 1 of any.
};

/// Cast converts between numeric types (int<->i32 wraps, float<->f32
/// rounds, int->float); Trunc and Round turn floats into integers (Round
/// goes half away from zero, as Elixir's round/1).
enum class UnOp { Neg, Not, Abs, ToFloat, Trunc, Round, BNot, Cast };
enum class BinOp {
  Add, Sub, Mul,
  FDiv,   ///< `/`: floats; raises on zero divisor
  IDiv,   ///< `div`: truncating; raises on zero divisor
  Rem,    ///< `rem`: sign of the dividend; raises on zero divisor
  Min, Max,
  Eq, Ne, Lt, Le, Gt, Ge,
  And, Or,  ///< strict boolean ops on already-evaluated operands (no raise)
  BAnd, BOr, BXor,
  Shl, Shr, ///< Bitwise.bsl/bsr: a negative count shifts the other way;
            ///< counts of 64 or more give 0 (or -1 for bsr of a negative)
};
/// Built-in reductions. Min/Max raise Enum.EmptyError on an empty list.
enum class FoldKind { Sum, Product, Count, Min, Max };

struct Expr;
using ExprRef = std::shared_ptr<const Expr>;
struct Function;

/// A scalar function used by an array operation: parameters and a body.
struct Lambda {
  std::vector<VarRef> params;
  ExprRef body;
};
using LambdaRef = std::shared_ptr<const Lambda>;

struct Expr {
  ExprKind kind;
  Type type;
  Loc loc;
  int64_t int_value = 0;   ///< IntConst, BoolConst (0/1), TupleGet index, Raise code
  double float_value = 0;  ///< FloatConst
  VarRef var;              ///< VarUse, Let
  UnOp unop = UnOp::Neg;
  BinOp binop = BinOp::Add;
  FoldKind fold = FoldKind::Sum;
  std::string callee;      ///< Call: the specialised function's key
  std::string text;        ///< Raise: the message (empty: the default)
  /// The function ("M.f/1") this node was written in, once inlining has
  /// moved it into another; empty: the enclosing function. Runtime errors
  /// name it, as Elixir's stack trace would.
  std::string origin;
  std::vector<ExprRef> args;
  std::vector<LambdaRef> lambdas;
};

// Constructors: the only way passes make nodes. They check arity and types
// with internal asserts; user errors are the frontend's job.
ExprRef int_const(Loc loc, int64_t v, Type t = nullptr);
ExprRef float_const(Loc loc, double v, Type t = nullptr);
ExprRef bool_const(Loc loc, bool v);
ExprRef var_use(Loc loc, VarRef v);
ExprRef let(Loc loc, VarRef v, ExprRef value, ExprRef body);
ExprRef unary(Loc loc, UnOp op, ExprRef a, Type result);
ExprRef binary(Loc loc, BinOp op, ExprRef a, ExprRef b, Type result);
ExprRef if_(Loc loc, ExprRef c, ExprRef t, ExprRef e, Type result);
ExprRef call(Loc loc, std::string callee, std::vector<ExprRef> args, Type result);
ExprRef raise(Loc loc, int code, std::string message, Type result);
ExprRef tuple(Loc loc, std::vector<ExprRef> elems);
ExprRef tuple_get(Loc loc, ExprRef t, int index);
ExprRef range(Loc loc, ExprRef lo, ExprRef hi);
/// lo..hi//1: ascending, empty when hi < lo (tensor index spaces).
ExprRef range_up(Loc loc, ExprRef lo, ExprRef hi);
/// list[i] (no bounds check: the caller proves 0 <= i < length).
ExprRef index(Loc loc, ExprRef list, ExprRef i);
/// The row-major matrix product a (m x k) . b (k x n) as a list of m*n.
ExprRef matmul(Loc loc, ExprRef a, ExprRef b, ExprRef m, ExprRef k, ExprRef n);
/// A call into libhxrt with effects (ExprKind::Extern); result is an
/// integer, a float or a list the runtime allocates.
ExprRef extern_call(Loc loc, std::string symbol, std::string text, std::vector<ExprRef> args, Type result,
                    bool variadic = false);
/// A tensor value of type tt from its data and dimensions.
ExprRef tensor_value(Loc loc, Type tt, ExprRef data, std::vector<ExprRef> dims);
/// A map value of map type mt from its values (in key order).
ExprRef map_value(Loc loc, Type mt, std::vector<ExprRef> values);
/// The value of the atom type at (a Tuple node with no arguments).
ExprRef atom_value(Loc loc, Type at);

/// Can evaluating e never raise (and do nothing else observable), whatever
/// the compile options? IEEE float arithmetic, comparisons, float casts and
/// data movement; conservative otherwise (code generation knows the options
/// and proves more). Such expressions may be moved before or after others.
bool never_raises(const ExprRef& e);
ExprRef list_lit(Loc loc, Type elem, std::vector<ExprRef> elems);
ExprRef map(Loc loc, ExprRef src, LambdaRef f);
ExprRef filter(Loc loc, ExprRef src, LambdaRef pred);
ExprRef reduce(Loc loc, ExprRef src, ExprRef init, LambdaRef f);
/// Enum.reduce/2: the first element is the initial accumulator; an empty
/// list raises Enum.EmptyError. A Reduce node with one argument.
ExprRef reduce1(Loc loc, ExprRef src, LambdaRef f);
ExprRef fold(Loc loc, FoldKind k, ExprRef src, Type result);
ExprRef length(Loc loc, ExprRef src);
/// The MultiFold of sibling reductions over one shared base (see ExprKind).
ExprRef multi_fold(Loc loc, std::vector<ExprRef> members);
/// The MultiMap of sibling map chains over one shared base (see ExprKind).
ExprRef multi_map(Loc loc, std::vector<ExprRef> members);
/// The base a reduction reads below its Map/Filter stages (a Fold's or
/// Length's list with every Map and Filter peeled off); stages, when
/// given, receives those stages innermost first.
ExprRef reduction_base(const ExprRef& reduction, std::vector<const Expr*>* stages = nullptr);
ExprRef zip(Loc loc, ExprRef a, ExprRef b);
ExprRef with_index(Loc loc, ExprRef src, ExprRef offset);
ExprRef list_op(Loc loc, ExprKind k, ExprRef src, std::vector<ExprRef> extra = {}, int64_t flag = 0);
ExprRef scan(Loc loc, ExprRef src, ExprRef init /* may be null */, LambdaRef f);
ExprRef fold_by(Loc loc, FoldKind k, ExprRef src, LambdaRef key);
ExprRef all_any(Loc loc, bool all, ExprRef src, LambdaRef pred);
ExprRef math(Loc loc, std::string fn, std::vector<ExprRef> args, Type result);
ExprRef raise_value(Loc loc, int code, std::string message, ExprRef value, Type result);
ExprRef guard_try(Loc loc, ExprRef cond);
/// A copy of e with new children (same kind, payload, type and loc).
ExprRef with_args(const ExprRef& e, std::vector<ExprRef> args, std::vector<LambdaRef> lambdas);

const char* unop_name(UnOp op);
const char* binop_name(BinOp op);
const char* fold_name(FoldKind k);

// ---- functions and programs -------------------------------------------------

struct Function {
  std::string key;           ///< unique: "M.f/1(integer)" for a specialisation
  std::string display;       ///< as Elixir names it in errors: "M.f/1"
  std::vector<VarRef> params;
  Type result = nullptr;
  ExprRef body;
  Loc loc;
  bool is_entry = false;     ///< exported through the C ABI (has a @spec)
  std::string symbol;        ///< C symbol of the entry point: "M_f"
};
using FunctionRef = std::shared_ptr<const Function>;

struct Program {
  std::vector<FunctionRef> functions;  ///< entries first, then helpers
  int next_var_id = 0;
  const Function* find(const std::string& key) const;
};

/// Fresh variables for passes.
VarRef new_var(Program& p, std::string name, Type t);

/// Adds to out the variables e uses that are not bound inside it (nor in
/// bound, which collects e's own bindings as the walk goes), keyed by id.
void free_vars(const ExprRef& e, std::set<int>& bound, std::map<int, VarRef>& out);

}  // namespace hx::ir
