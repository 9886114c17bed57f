/// \file AST.cpp
/// AST constructors and the `--emit=ast` printer.
///
/// Dump format (golden tests depend on it; keep it stable):
///
///   One node per line, as `(kind fields... line:col`, children on the
///   following lines indented two more spaces, and the node's `)` at the end
///   of its last child's line. With with_locs=false the `line:col` is left
///   out. Kinds and fields:
///
///     (int VALUE)            (int SPELLING VALUE) when the spelling differs:
///                            (int 0xFF 255), (int 1_000 1000), (int ?a 97)
///     (float VALUE)          (float SPELLING VALUE) likewise: (float 1.0e-3 0.001)
///     (atom NAME)            true/false/nil are atoms; odd names quoted: (atom "a b")
///     (string "ESCAPED")     C-style escapes: \n \t \" \\ \xNN
///     (var NAME)
///     (alias A.B)
///     (list ...)  (tuple ...)  (kw ...)  (block ...)  (fn CLAUSES...)
///     (pair KEY VALUE)
///     (map ...)              `%{m | ...}`: (map | ...), first child the map m;
///                            `%Name{...}`: (map %Name ...)
///     (unary OP X)  (binary OP L R)
///     (call NAME ARGS...)    no parentheses: `def f(x)`, `@p 1`
///     (call NAME() ARGS...)  with parentheses: `f(x)`, `f()`
///     (call .NAME[()] TARGET ARGS...)  remote: `Enum.map(...)`, `m.k`;
///                            the first child is the target
///     (call .() F ARGS...)   anonymous call `f.(x)`
///     (capture-arg N)        `&N`
///     (clause N [when] PATS... [GUARD] BODY)  N patterns, then the guard
///                            when "when" is shown, then the body (a block)
///     (error)
///
/// Example, `def f(x), do: x + 1` at 1:1:
///
///   (call def 1:1
///     (call f() 1:5
///       (var x 1:7))
///     (kw 1:11
///       (pair do 1:11
///         (binary + 1:17
///           (var x 1:15)
///           (int 1 1:19)))))
#include "AST.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace hx {

NodeRef Node::keyword(const std::string& key) const {
  if ((kind != NodeKind::Call && kind != NodeKind::List) || args.empty()) return nullptr;
  const NodeRef& last = args.back();
  if (!last || last->kind != NodeKind::KeywordList) return nullptr;
  for (const NodeRef& p : last->args)
    if (p && p->kind == NodeKind::Pair && p->name == key && !p->args.empty()) return p->args[0];
  return nullptr;
}

NodeRef make_node(NodeKind kind, Loc loc, std::string name, std::vector<NodeRef> args) {
  auto n = std::make_shared<Node>();
  n->kind = kind;
  n->loc = loc;
  n->name = std::move(name);
  n->args = std::move(args);
  return n;
}

NodeRef make_int(Loc loc, int64_t v, std::string text) {
  auto n = std::make_shared<Node>();
  n->kind = NodeKind::Int;
  n->loc = loc;
  n->int_value = v;
  n->text = std::move(text);
  return n;
}

NodeRef make_float(Loc loc, double v, std::string text) {
  auto n = std::make_shared<Node>();
  n->kind = NodeKind::Float;
  n->loc = loc;
  n->float_value = v;
  n->text = std::move(text);
  return n;
}

NodeRef make_call(Loc loc, NodeRef target, std::string name, std::vector<NodeRef> args, bool parens) {
  auto n = std::make_shared<Node>();
  n->kind = NodeKind::Call;
  n->loc = loc;
  n->target = std::move(target);
  n->name = std::move(name);
  n->args = std::move(args);
  n->has_parens = parens;
  return n;
}

NodeRef make_clause(Loc loc, std::vector<NodeRef> pats, NodeRef guard, NodeRef body) {
  auto n = std::make_shared<Node>();
  n->kind = NodeKind::Clause;
  n->loc = loc;
  n->args = std::move(pats);
  n->target = std::move(guard);
  n->body = std::move(body);
  return n;
}

namespace {

/// Shortest decimal spelling that reads back as the same double.
std::string float_repr(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  char buf[64];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, v);
    if (std::strtod(buf, nullptr) == v) break;
  }
  std::string s = buf;
  if (s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\x%02X", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

/// Names that print bare: identifiers, aliases, operators without spaces.
bool plain_name(const std::string& s) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (c <= ' ' || c == '(' || c == ')' || c == '"' || c == 0x7F) return false;
  return true;
}

std::string name_text(const std::string& s) { return plain_name(s) ? s : quote(s); }

const char* kind_name(NodeKind k) {
  switch (k) {
    case NodeKind::Int: return "int";
    case NodeKind::Float: return "float";
    case NodeKind::Atom: return "atom";
    case NodeKind::String: return "string";
    case NodeKind::Var: return "var";
    case NodeKind::Alias: return "alias";
    case NodeKind::List: return "list";
    case NodeKind::Tuple: return "tuple";
    case NodeKind::KeywordList: return "kw";
    case NodeKind::Pair: return "pair";
    case NodeKind::Map: return "map";
    case NodeKind::Unary: return "unary";
    case NodeKind::Binary: return "binary";
    case NodeKind::Call: return "call";
    case NodeKind::CaptureArg: return "capture-arg";
    case NodeKind::Fn: return "fn";
    case NodeKind::Clause: return "clause";
    case NodeKind::Block: return "block";
    case NodeKind::Error: return "error";
  }
  return "?";
}

std::string head(const Node& n) {
  std::string h = kind_name(n.kind);
  switch (n.kind) {
    case NodeKind::Int: {
      std::string v = std::to_string(n.int_value);
      if (!n.text.empty() && n.text != v) h += " " + n.text;
      h += " " + v;
      break;
    }
    case NodeKind::Float: {
      std::string v = float_repr(n.float_value);
      if (!n.text.empty() && n.text != v) h += " " + n.text;
      h += " " + v;
      break;
    }
    case NodeKind::String:
      h += " " + quote(n.name);
      break;
    case NodeKind::Atom:
    case NodeKind::Var:
    case NodeKind::Alias:
    case NodeKind::Pair:
    case NodeKind::Unary:
    case NodeKind::Binary:
      h += " " + name_text(n.name);
      break;
    case NodeKind::Map:
      if (!n.name.empty()) h += " %" + n.name;
      if (n.target) h += " |";
      break;
    case NodeKind::Call:
      h += " ";
      if (n.target) h += ".";
      if (!n.name.empty()) h += name_text(n.name);
      if (n.has_parens || n.name.empty()) h += "()";
      break;
    case NodeKind::CaptureArg:
      h += " " + std::to_string(n.int_value);
      break;
    case NodeKind::Clause:
      h += " " + std::to_string(n.args.size());
      if (n.target) h += " when";
      break;
    default:
      break;
  }
  return h;
}

void print(const NodeRef& np, int indent, bool locs, std::string& out) {
  out.append(static_cast<size_t>(indent), ' ');
  if (!np) {
    out += "(null)";
    return;
  }
  const Node& n = *np;
  out += "(" + head(n);
  if (locs && n.loc.valid()) out += " " + std::to_string(n.loc.line) + ":" + std::to_string(n.loc.col);
  std::vector<const NodeRef*> kids;
  // Targets print first: a call's receiver, a map update's map. A clause
  // prints its patterns, then its guard, then its body.
  if (n.kind == NodeKind::Clause) {
    for (const NodeRef& a : n.args) kids.push_back(&a);
    if (n.target) kids.push_back(&n.target);
  } else {
    if (n.target) kids.push_back(&n.target);
    for (const NodeRef& a : n.args) kids.push_back(&a);
  }
  if (n.body) kids.push_back(&n.body);
  for (const NodeRef* k : kids) {
    out += '\n';
    print(*k, indent + 2, locs, out);
  }
  out += ')';
}

}  // namespace

std::string print_node(const NodeRef& n, bool with_locs) {
  std::string out;
  print(n, 0, with_locs, out);
  out += '\n';
  return out;
}

std::string print_ast(const FileAST& ast, bool with_locs) {
  std::string out;
  for (const NodeRef& n : ast.top) {
    print(n, 0, with_locs, out);
    out += '\n';
  }
  return out;
}

}  // namespace hx
