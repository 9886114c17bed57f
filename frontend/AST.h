/// \file AST.h
/// The parsed program, shaped like Elixir's own quoted form: everything is a
/// literal, a variable, an operator or a call. `def f(x), do: x` is a call to
/// `def` whose last argument is the keyword list `[do: x]`; a do-block
/// becomes the same keyword list (`do:`, `else:`); `a -> b` clauses (fn,
/// case, cond) are Clause nodes. Sema (frontend/Sema.cpp) gives these calls
/// their meaning, so the grammar stays small and every unsupported Elixir
/// construct still parses and gets a precise message there.
///
/// Shapes the parser produces (frontend/ASTBuilder.cpp), as in Elixir:
///  - `f(x) do a end`, `if c do a else b end`: the call's last argument is a
///    KeywordList of Pairs `do:`, `else:` (also `after:`, `rescue:`,
///    `catch:`), each value a Block, even for one expression. `do: x` and
///    `if c, do: a, else: b` give the same KeywordList holding the bare
///    expressions instead.
///  - A do-block of `->` clauses (`case`, `cond`, ...) is a Block whose args
///    are all Clause nodes. A Clause's body is always a Block.
///  - `fn x when g -> b end`: Fn of Clauses; `x, y when g ->` gives
///    patterns [x, y] and guard g.
///  - `@name v`: Unary("@", Call(name, [v], no parens)); `@name`:
///    Unary("@", Var name).
///  - `&f/1`: Unary("&", Binary("/", Var f, Int 1)); `&M.f/1` likewise with
///    Call(.f, target Alias M, no parens); `&(&1 * 2)`: Unary("&", ...)
///    around CaptureArg nodes.
///  - `a not in b`: Unary("not", Binary("in", a, b)).
///  - `a..b//s`: Binary("//", Binary("..", a, b), s).
///  - `m[k]`: Call(target Alias "Access", "get", [m, k], parens), as Elixir
///    quotes it. `f.(x)`: Call with target f and an empty name.
///  - `M.f` and `m.k` without parentheses: Call with target, no args,
///    has_parens false.
///  - `(x)` is x; `(a; b)` and `()` are Blocks.
///  - `-1` is Unary("-", Int 1), except that -9223372036854775808 is one
///    Int (its magnitude does not fit in int64).
///  - `@spec f(x) :: t when x: u`: the right side of `when` is a
///    KeywordList.
///  - Maps: args are Pairs (`k: v`) and Binary("=>") nodes (`k => v`);
///    `%{m | ...}` sets target to m; `%Name{...}` sets name to "Name".
///  - Strings hold their decoded contents; heredocs have the closing
///    delimiter's indentation removed, as in Elixir.
///
/// Nodes are immutable after construction and shared through NodeRef.
#pragma once
#include "Source.h"
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hx {

struct Node;
using NodeRef = std::shared_ptr<const Node>;

enum class NodeKind {
  Int,        ///< int_value; text keeps the spelling (`1_000`, `0xFF`)
  Float,      ///< float_value; text keeps the spelling
  Atom,       ///< name without the colon: `:ok` -> "ok"; true/false/nil are Atoms
  String,     ///< name holds the unescaped contents
  Var,        ///< an identifier used as a value: name (`x`, `_`, `_acc`)
  Alias,      ///< a module name: name is the full dotted name ("Enum", "A.B")
  List,       ///< args: the elements. A trailing keyword list `[a, k: v]` is
              ///< stored as elements followed by a KeywordList in args.back()
  Tuple,      ///< args: the elements
  KeywordList,///< args: Pair nodes, key in Pair's name (`do`, `else`, `axes`)
  Pair,       ///< name: the key; args[0]: the value. In KeywordList and Map
  Map,        ///< `%{k: v}`: args are Pairs (or Binary "=>" for `k => v`);
              ///< `%{m | k: v}`: target is m; `%S{}`: name is "S"
  Unary,      ///< name: the operator ("-", "+", "!", "not", "@", "&", "^",
              ///< "~~~"); args[0]: the operand
  Binary,     ///< name: the operator ("+", "|>", "..", "=", "when", "::",
              ///< "and", "//", "<>", "++", "in", ...); args[0], args[1]
  Call,       ///< name: the function; target: null for a local call, else
              ///< the module or value on the left of the dot (Alias, Atom
              ///< like `:math`, or any expression for `m.k`); args; has_parens
  CaptureArg, ///< `&1`: int_value is the index, text the spelling
  Fn,         ///< `fn clauses end`: args are Clause nodes
  Clause,     ///< `pats when guard -> body`: args are the patterns, target
              ///< the guard (or null), body the body (a Block)
  Block,      ///< args: expressions in order; value of the last
  Error,      ///< placeholder after a syntax error (never reaches Sema)
};

struct Node {
  NodeKind kind;
  Loc loc;
  std::string name;    ///< identifier, operator, atom text, key, string data
  std::string text;    ///< original spelling of numeric literals
  int64_t int_value = 0;
  double float_value = 0;
  bool has_parens = false;  ///< Call: written with parentheses
  NodeRef target;      ///< Call: receiver; Clause: guard; Map: updated map
  NodeRef body;        ///< Clause: body
  std::vector<NodeRef> args;

  /// For Call/List nodes: the value of keyword `key` in a trailing
  /// KeywordList argument (`do:`, `else:`), or null.
  NodeRef keyword(const std::string& key) const;
  bool is_atom(const char* s) const { return kind == NodeKind::Atom && name == s; }
};

/// Constructors used by the AST builder and by tests.
NodeRef make_node(NodeKind kind, Loc loc, std::string name = {}, std::vector<NodeRef> args = {});
NodeRef make_int(Loc loc, int64_t v, std::string text);
NodeRef make_float(Loc loc, double v, std::string text);
NodeRef make_call(Loc loc, NodeRef target, std::string name, std::vector<NodeRef> args, bool parens);
NodeRef make_clause(Loc loc, std::vector<NodeRef> pats, NodeRef guard, NodeRef body);

/// A parsed file: its top-level expressions (normally `defmodule` calls).
struct FileAST {
  uint32_t file = 0;
  std::vector<NodeRef> top;
};

/// Prints the AST as an indented S-expression, one node per line, with
/// `line:col`. Stable output for golden tests (`--emit=ast`).
std::string print_ast(const FileAST& ast, bool with_locs = true);
std::string print_node(const NodeRef& n, bool with_locs = true);

class Diagnostics;
class SourceManager;
/// Parses one file with the ANTLR grammar and builds its AST. Syntax errors
/// are reported to diags (file:line:col, source line, caret, plain words);
/// returns false when any was. Never throws, never crashes, bounded time.
bool parse_file(const SourceManager& sm, uint32_t file, Diagnostics& diags, FileAST& out);

}  // namespace hx
