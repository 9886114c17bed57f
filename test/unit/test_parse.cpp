/// \file test_parse.cpp
/// The grammar, the token filter and the AST builder: AST shapes (checked
/// against Elixir's own quoted form, see the comments), syntax error
/// messages, and inputs meant to crash, hang or exhaust the parser.
#include <catch2/catch.hpp>

#include "AST.h"
#include "Diagnostics.h"

#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

using namespace hx;

namespace {

struct Parsed {
  bool ok = false;
  FileAST ast;
  std::string dump;   ///< print_ast without locations
  std::string diags;  ///< every diagnostic, printed
};

Parsed parse(const std::string& src, const std::string& path = "t.hx") {
  SourceManager sm;
  Diagnostics d(sm);
  uint32_t id = sm.add(path, src);
  Parsed p;
  p.ok = parse_file(sm, id, d, p.ast);
  p.dump = print_ast(p.ast, false);
  std::ostringstream os;
  d.print(os);
  p.diags = os.str();
  return p;
}

/// A compact one-line form for shape checks: `(= x (+ x 1))`,
/// `(call f() x)`, `(call Enum.map() xs f)`, `(-> x when g (block ..))`.
std::string sx(const NodeRef& n) {
  if (!n) return "null";
  auto list = [](std::string head, const std::vector<NodeRef>& a) {
    for (const NodeRef& x : a) head += " " + sx(x);
    return "(" + head + ")";
  };
  switch (n->kind) {
    case NodeKind::Int: return std::to_string(n->int_value);
    case NodeKind::Float: {
      std::ostringstream o;
      o << n->float_value;
      return o.str() + "f";
    }
    case NodeKind::Atom: return ":" + n->name;
    case NodeKind::String: return "\"" + n->name + "\"";
    case NodeKind::Var: return n->name;
    case NodeKind::Alias: return n->name;
    case NodeKind::List: return list("list", n->args);
    case NodeKind::Tuple: return list("tuple", n->args);
    case NodeKind::KeywordList: return list("kw", n->args);
    case NodeKind::Pair: return list(n->name + ":", n->args);
    case NodeKind::Map: {
      std::string h = "map";
      if (!n->name.empty()) h += " %" + n->name;
      if (n->target) h += " | " + sx(n->target);
      return list(h, n->args);
    }
    case NodeKind::Unary: return list(n->name, n->args);
    case NodeKind::Binary: return list(n->name, n->args);
    case NodeKind::Call: {
      std::string h = n->target ? sx(n->target) + "." + n->name : n->name;
      if (n->has_parens) h += "()";
      return list("call " + h, n->args);
    }
    case NodeKind::CaptureArg: return "&" + std::to_string(n->int_value);
    case NodeKind::Fn: return list("fn", n->args);
    case NodeKind::Clause: {
      std::string s = "(->";
      for (const NodeRef& p : n->args) s += " " + sx(p);
      if (n->target) s += " when " + sx(n->target);
      return s + " " + sx(n->body) + ")";
    }
    case NodeKind::Block: return list("block", n->args);
    case NodeKind::Error: return "error";
  }
  return "?";
}

/// The compact form of a snippet that must parse; all top-level
/// expressions, separated by "; ".
std::string S(const std::string& src) {
  Parsed p = parse(src);
  INFO("source: " << src);
  INFO(p.diags);
  REQUIRE(p.ok);
  REQUIRE(p.diags.empty());
  std::string out;
  for (const NodeRef& n : p.ast.top) out += (out.empty() ? "" : "; ") + sx(n);
  return out;
}

/// The printed diagnostics of a snippet that must fail.
std::string E(const std::string& src) {
  Parsed p = parse(src);
  INFO("source: " << src);
  REQUIRE_FALSE(p.ok);
  REQUIRE_FALSE(p.diags.empty());
  return p.diags;
}

/// The first diagnostic's first line without the path.
std::string E1(const std::string& src) {
  std::string d = E(src);
  std::string first = d.substr(0, d.find('\n'));
  return first.substr(first.find(':') + 1);  // "1:5: error: ..."
}

const char* kSeed = R"(defmodule LogisticMap do
  @p 6_700_417
  @spec run(integer()) :: [integer()]
  def run(n) do
    1..n
    |> Enum.map(&step/1)
    |> Enum.sum()
  end
  defp step(x), do: rem(22 * x * (x + 1), @p)
end
)";

}  // namespace

// ===========================================================================
// The seed sample, in full, with locations: the dump format is a contract.
// ===========================================================================

TEST_CASE("seed sample parses to the documented dump", "[parse][golden]") {
  SourceManager sm;
  Diagnostics d(sm);
  FileAST ast;
  REQUIRE(parse_file(sm, sm.add("seed.hx", kSeed), d, ast));
  REQUIRE_FALSE(d.has_errors());
  CHECK(print_ast(ast) == R"((call defmodule 1:1
  (alias LogisticMap 1:11)
  (kw 1:23
    (pair do 1:23
      (block 1:23
        (unary @ 2:3
          (call p 2:4
            (int 6_700_417 6700417 2:6)))
        (unary @ 3:3
          (call spec 3:4
            (binary :: 3:24
              (call run() 3:9
                (call integer() 3:13))
              (list 3:27
                (call integer() 3:28)))))
        (call def 4:3
          (call run() 4:7
            (var n 4:11))
          (kw 4:14
            (pair do 4:14
              (block 4:14
                (binary |> 7:5
                  (binary |> 6:5
                    (binary .. 5:6
                      (int 1 5:5)
                      (var n 5:8))
                    (call .map() 6:13
                      (alias Enum 6:8)
                      (unary & 6:17
                        (binary / 6:22
                          (var step 6:18)
                          (int 1 6:23)))))
                  (call .sum() 7:13
                    (alias Enum 7:8)))))))
        (call defp 9:3
          (call step() 9:8
            (var x 9:13))
          (kw 9:17
            (pair do 9:17
              (call rem() 9:21
                (binary * 9:32
                  (binary * 9:28
                    (int 22 9:25)
                    (var x 9:30))
                  (binary + 9:37
                    (var x 9:35)
                    (int 1 9:39)))
                (unary @ 9:43
                  (var p 9:44))))))))))
)");
  const Node& mod = *ast.top[0];
  REQUIRE(mod.kind == NodeKind::Call);
  NodeRef body = mod.keyword("do");
  REQUIRE(body);
  CHECK(body->kind == NodeKind::Block);
  CHECK(body->args.size() == 4);
  CHECK_FALSE(mod.keyword("else"));
}

TEST_CASE("print_ast shows every kind", "[parse][golden]") {
  CHECK(parse("x = 0xFF + 1.0e-3 + 2.5").dump ==
        "(binary =\n  (var x)\n  (binary +\n    (binary +\n      (int 0xFF 255)\n      (float 1.0e-3 0.001))\n"
        "    (float 2.5)))\n");
  CHECK(parse(":ok; :\"a b\"; \"q\\\"\\n\"; ?a; nil").dump ==
        "(atom ok)\n(atom \"a b\")\n(string \"q\\\"\\n\")\n(int ?a 97)\n(atom nil)\n");
  CHECK(parse("f.(1); m.k; M.f(); &1").dump ==
        "(call .()\n  (var f)\n  (int 1))\n(call .k\n  (var m))\n(call .f()\n  (alias M))\n(capture-arg 1)\n");
  CHECK(parse("%{m | a: 1}; %P{}; {1}; [k: 2]").dump ==
        "(map |\n  (var m)\n  (pair a\n    (int 1)))\n(map %P)\n(tuple\n  (int 1))\n(list\n  (kw\n    (pair k\n      (int 2))))\n");
  CHECK(parse("fn x when x > 0 -> x end").dump ==
        "(fn\n  (clause 1 when\n    (var x)\n    (binary >\n      (var x)\n      (int 0))\n    (block\n      (var x))))\n");
  CHECK(print_node(make_node(NodeKind::Error, Loc{}), true) == "(error)\n");
  CHECK(print_node(make_float(Loc{0, 2, 3}, 1.0, "1.0"), true) == "(float 1.0 2:3)\n");
  CHECK(print_node(make_float(Loc{}, 1e300 * 10, "x"), false) == "(float x 1e+301)\n");
}

// ===========================================================================
// Shapes. Each expectation was checked against Code.string_to_quoted/1 of
// Elixir 1.14 (the quoted form written next to it where it is not obvious).
// ===========================================================================

TEST_CASE("operator precedence and associativity follow Elixir", "[parse][ops]") {
  CHECK(S("x = x + 1") == "(= x (+ x 1))");
  CHECK(S("a = b = c") == "(= a (= b c))");
  CHECK(S("1 + 2 * 3 - 4 / 5") == "(- (+ 1 (* 2 3)) (/ 4 5))");
  CHECK(S("2 ** 3 ** 2") == "(** (** 2 3) 2)");  // left in Elixir 1.14
  CHECK(S("-2 ** 2") == "(** (- 2) 2)");
  CHECK(S("a ++ b ++ c") == "(++ a (++ b c))");
  CHECK(S("a <> b <> c") == "(<> a (<> b c))");
  CHECK(S("a -- b") == "(-- a b)");
  CHECK(S("1..n") == "(.. 1 n)");
  CHECK(S("1..10//2") == "(// (.. 1 10) 2)");
  CHECK(S("a..b + 1") == "(.. a (+ b 1))");
  CHECK(S("x in 1..3") == "(in x (.. 1 3))");
  CHECK(S("x not in y") == "(not (in x y))");
  CHECK(S("a |> f() |> g()") == "(|> (|> a (call f())) (call g()))");
  CHECK(S("a + b |> f()") == "(|> (+ a b) (call f()))");
  CHECK(S("a < b == c") == "(== (< a b) c)");
  CHECK(S("a == b and c != d") == "(and (== a b) (!= c d))");
  CHECK(S("a === b or c !== d") == "(or (=== a b) (!== c d))");
  CHECK(S("a && b || c") == "(|| (&& a b) c)");
  CHECK(S("a && b and c") == "(and (&& a b) c)");
  CHECK(S("a or b and c") == "(or a (and b c))");
  CHECK(S("x = a || b") == "(= x (|| a b))");
  CHECK(S("not a == b") == "(== (not a) b)");  // unary binds tightest
  CHECK(S("!a && b") == "(&& (! a) b)");
  CHECK(S("a and not b") == "(and a (not b))");
  CHECK(S("- - a") == "(- (- a))");
  CHECK(S("1 - -1") == "(- 1 (- 1))");
  CHECK(S("^x = y") == "(= (^ x) y)");
  CHECK(S("~~~x &&& 1") == "(&&& (~~~ x) 1)");
  CHECK(S("bnot ~~~ 6") == "(call bnot (~~~ 6))");
  CHECK(S("a ||| b &&& c") == "(||| a (&&& b c))");
  CHECK(S("a <<< 2 + 1") == "(<<< a (+ 2 1))");
  CHECK(S("x :: integer") == "(:: x integer)");
  CHECK(S("x :: y :: z") == "(:: x (:: y z))");
  CHECK(S("a | b | c") == "(| a (| b c))");
  CHECK(S("x when y when z") == "(when x (when y z))");
  CHECK(S("a |> b when c") == "(when (|> a b) c)");
  CHECK(S("x \\\\ 1") == "(\\\\ x 1)");
  CHECK(S("a <- b") == "(<- a b)");
  CHECK(S("a =~ b") == "(=~ a b)");
}

TEST_CASE("subtraction is not a call without parentheses", "[parse][ops]") {
  // Elixir reads `x -1` as the call x(-1); hastec reads it as arithmetic
  // except for the names in the fixed list (raise, if, def, ...).
  CHECK(S("x -1") == "(- x 1)");
  CHECK(S("x - 1") == "(- x 1)");
  CHECK(S("x-1") == "(- x 1)");
  CHECK(S("x +1") == "(+ x 1)");
  // After @, a signed number is the attribute's value, as Elixir reads it
  // (`@neg -7` sets @neg to -7).
  CHECK(S("@p +1") == "(@ (call p (+ 1)))");
  CHECK(S("@p + 1") == "(+ (@ p) 1)");
  CHECK(S("raise -1") == "(call raise (- 1))");
  CHECK(S("if -x > 0, do: 1") == "(call if (> (- x) 0) (kw (do: 1)))");
}

TEST_CASE("literals", "[parse][literals]") {
  CHECK(S("1_000_000") == "1000000");
  CHECK(S("0xFF") == "255");
  CHECK(S("0xff_ff") == "65535");
  CHECK(S("0b101") == "5");
  CHECK(S("0o17") == "15");
  CHECK(S("9223372036854775807") == "9223372036854775807");
  CHECK(S("-9223372036854775808") == "-9223372036854775808");
  CHECK(S("1.5") == "1.5f");
  CHECK(S("1.0e-3") == "0.001f");
  CHECK(S("1_000.5") == "1000.5f");
  CHECK(S("2.5E+2") == "250f");
  CHECK(S("true; false; nil") == ":true; :false; :nil");
  CHECK(S(":asc; :ok?; :\"with space\"; :Foo") == ":asc; :ok?; :with space; :Foo");
  CHECK(S("?a; ?\\n") == "97; 10");
  CHECK(S("\"a\\tb\\\\c\\\"\"") == "\"a\tb\\c\"\"");
  CHECK(S("\"\\x41\\u0042\\u{1F600}\\s\"") == "\"AB\xF0\x9F\x98\x80 \"");
  CHECK(S("\"caf\xC3\xA9\"") == "\"caf\xC3\xA9\"");
  CHECK(S("\"a#b\"") == "\"a#b\"");
  CHECK(S("\"esc \\#{x}\"") == "\"esc #{x}\"");
  CHECK(S("\"multi\nline\"") == "\"multi\nline\"");

  Parsed p = parse("x = 1_000");
  REQUIRE(p.ok);
  const NodeRef& lit = p.ast.top[0]->args[1];
  CHECK(lit->kind == NodeKind::Int);
  CHECK(lit->text == "1_000");
  CHECK(lit->int_value == 1000);
  CHECK(lit->loc.line == 1);
  CHECK(lit->loc.col == 5);
}

TEST_CASE("heredocs drop the closing delimiter's indentation", "[parse][literals]") {
  CHECK(S("@moduledoc \"\"\"\n  hi\n    there\n  \"\"\"") == "(@ (call moduledoc \"hi\n  there\n\"))");
  CHECK(S("x = \"\"\"\n  a\n \"\"\"") == "(= x \" a\n\")");
  CHECK(S("x = \"\"\"   \n  a\n\n  b\n  \"\"\"") == "(= x \"a\n\nb\n\")");
  CHECK(S("x = \"\"\"\n  say \"hi\"\n  \"\"\"") == "(= x \"say \"hi\"\n\")");
  CHECK(S("x = \"\"\"\n\"\"\"") == "(= x \"\")");
  CHECK(E1("x = \"\"\"text\n  \"\"\"") == "1:5: error: a heredoc must start a new line after its opening \"\"\"");
  CHECK(E1("x = \"\"\"\n  text\"\"\"") == "2:7: error: the closing \"\"\" of a heredoc must be on its own line");
}

TEST_CASE("calls: local, remote, zero-arity, field access", "[parse][calls]") {
  CHECK(S("f(x)") == "(call f() x)");
  CHECK(S("f()") == "(call f())");
  CHECK(S("Enum.map(xs, f)") == "(call Enum.map() xs f)");
  CHECK(S(":math.sqrt(x)") == "(call :math.sqrt() x)");
  CHECK(S("A.B.f(x)") == "(call A.B.f() x)");
  CHECK(S("M.f") == "(call M.f)");
  CHECK(S("m.k") == "(call m.k)");
  CHECK(S("a.b.c") == "(call (call a.b).c)");
  CHECK(S("a.b(c).d") == "(call (call a.b() c).d)");
  CHECK(S("a\n.b") == "(call a.b)");
  CHECK(S("f.(x)") == "(call f.() x)");
  CHECK(S("x.(1).(2)") == "(call (call x.() 1).() 2)");
  CHECK(S("Kernel.not(x)") == "(call Kernel.not() x)");
  CHECK(S("x.end") == "(call x.end)");
  CHECK(S("m[k]") == "(call Access.get() m k)");
  CHECK(S("t[0][1]") == "(call Access.get() (call Access.get() t 0) 1)");
  CHECK(S("@x.y(1)") == "(call (@ x).y() 1)");
  CHECK(S("Hx.f32()") == "(call Hx.f32())");
  CHECK(S("Nx.sum(t, axes: [1])") == "(call Nx.sum() t (kw (axes: (list 1))))");
  CHECK(S("f(a, b: 1, c: 2)") == "(call f() a (kw (b: 1) (c: 2)))");
  CHECK(S("f(b: 1)") == "(call f() (kw (b: 1)))");
  CHECK(S("empty?(x); raise!(e)") == "(call empty?() x); (call raise!() e)");
}

TEST_CASE("calls without parentheses", "[parse][calls]") {
  CHECK(S("import Bitwise") == "(call import Bitwise)");
  CHECK(S("require Explorer.DataFrame, as: DF") == "(call require Explorer.DataFrame (kw (as: DF)))");
  CHECK(S("alias A.B") == "(call alias A.B)");
  CHECK(S("IO.puts \"x\"") == "(call IO.puts \"x\")");
  CHECK(S("foo bar, baz") == "(call foo bar baz)");
  CHECK(S("foo a: 1") == "(call foo (kw (a: 1)))");
  CHECK(S("foo (1)") == "(call foo 1)");
  CHECK(S("foo [1]") == "(call foo (list 1))");
  CHECK(S("foo[1]") == "(call Access.get() foo 1)");
  CHECK(S("foo :a; foo @a; foo !a; foo ^a; foo &a; foo not a") ==
        "(call foo :a); (call foo (@ a)); (call foo (! a)); (call foo (^ a)); (call foo (& a)); (call foo (not a))");
  CHECK(S("a b c") == "(call a (call b c))");
  CHECK(S("x = foo 1 + 2") == "(= x (call foo (+ 1 2)))");
  CHECK(S("foo(bar a, b)") == "(call foo() (call bar a b))");
  CHECK(S("if a, do: (if b, do: c)") == "(call if a (kw (do: (call if b (kw (do: c))))))");
  // A no-parentheses call needs its first argument on the same line.
  CHECK(S("foo\n1") == "foo; 1");
}

TEST_CASE("module attributes", "[parse][calls]") {
  CHECK(S("@p 6_700_417") == "(@ (call p 6700417))");
  CHECK(S("@p") == "(@ p)");
  CHECK(S("@p + 1") == "(+ (@ p) 1)");
  CHECK(S("@doc false") == "(@ (call doc :false))");
  CHECK(S("@doc \"Adds.\"") == "(@ (call doc \"Adds.\"))");
  CHECK(S("@spec run(integer()) :: [integer()]") == "(@ (call spec (:: (call run() (call integer())) (list (call integer())))))");
  CHECK(S("@spec f(integer(), [float()]) :: list(integer())") ==
        "(@ (call spec (:: (call f() (call integer()) (list (call float()))) (call list() (call integer())))))");
  CHECK(S("@spec f(x) :: Hx.f32()") == "(@ (call spec (:: (call f() x) (call Hx.f32()))))");
  CHECK(S("@spec f(x) :: y when x: t") == "(@ (call spec (when (:: (call f() x) y) (kw (x: t)))))");
  CHECK(S("@foo.bar") == "(call (@ foo).bar)");
}

TEST_CASE("def forms and guards", "[parse][blocks]") {
  CHECK(S("def f(x), do: x") == "(call def (call f() x) (kw (do: x)))");
  CHECK(S("defp f(x), do: x + 1") == "(call defp (call f() x) (kw (do: (+ x 1))))");
  CHECK(S("def f(x) do\n  x\nend") == "(call def (call f() x) (kw (do: (block x))))");
  CHECK(S("def f(x) when x > 0 do\n  x\nend") == "(call def (when (call f() x) (> x 0)) (kw (do: (block x))))");
  CHECK(S("def f(x) when x > 0, do: x") == "(call def (when (call f() x) (> x 0)) (kw (do: x)))");
  CHECK(S("def f(x \\\\ 1), do: x") == "(call def (call f() (\\\\ x 1)) (kw (do: x)))");
  CHECK(S("def f, do: 1") == "(call def f (kw (do: 1)))");
  CHECK(S("def f do\n1\nend") == "(call def f (kw (do: (block 1))))");
  CHECK(S("defmodule A.B do\nend") == "(call defmodule A.B (kw (do: (block))))");
  CHECK(S("defmodule A do\n  def f, do: 1\nend\ndefmodule B do\n  def g, do: 2\nend") ==
        "(call defmodule A (kw (do: (block (call def f (kw (do: 1))))))); "
        "(call defmodule B (kw (do: (block (call def g (kw (do: 2)))))))");
}

TEST_CASE("do-blocks bind to the outermost call of their statement", "[parse][blocks]") {
  CHECK(S("if c do\n  a\nelse\n  b\nend") == "(call if c (kw (do: (block a)) (else: (block b))))");
  CHECK(S("if c do a else b end") == "(call if c (kw (do: (block a)) (else: (block b))))");
  CHECK(S("if c, do: a, else: b") == "(call if c (kw (do: a) (else: b)))");
  CHECK(S("unless c do a end") == "(call unless c (kw (do: (block a))))");
  CHECK(S("if a do end") == "(call if a (kw (do: (block))))");
  CHECK(S("if foo(x) do 1 end") == "(call if (call foo() x) (kw (do: (block 1))))");
  CHECK(S("if foo bar do 1 end") == "(call if (call foo bar) (kw (do: (block 1))))");
  CHECK(S("if cond do 1 end") == "(call if cond (kw (do: (block 1))))");
  CHECK(S("x = if a do b end") == "(= x (call if a (kw (do: (block b)))))");
  CHECK(S("foo(x) do 1 end") == "(call foo() x (kw (do: (block 1))))");
  CHECK(S("foo(a, b: 1) do x end") == "(call foo() a (kw (b: 1)) (kw (do: (block x))))");
  CHECK(S("foo do 1 end") == "(call foo (kw (do: (block 1))))");
  CHECK(S("Foo.bar x do 1 end") == "(call Foo.bar x (kw (do: (block 1))))");
  CHECK(S("Foo.bar(x) do 1 end") == "(call Foo.bar() x (kw (do: (block 1))))");
  CHECK(S("x.foo do 1 end") == "(call x.foo (kw (do: (block 1))))");
  CHECK(S("if if a do b end") == "(call if (call if a) (kw (do: (block b))))");
  CHECK(E1("if if a do b end do c end") == "1:18: error: unexpected token 'do'");  // Elixir agrees
  CHECK(S("[if a do b end, 2]") == "(list (call if a (kw (do: (block b)))) 2)");
  CHECK(S("f(fn x ->\n  y = x\n  y\nend)") == "(call f() (fn (-> x (block (= y x) y))))");
  CHECK(S("try do\n a\nrescue\n e -> e\nafter\n b\nend") ==
        "(call try (kw (do: (block a)) (rescue: (block (-> e (block e)))) (after: (block b))))");
}

TEST_CASE("clauses: case, cond, fn", "[parse][blocks]") {
  CHECK(S("case x do\n  1 -> a\n  b\n  2 -> c\nend") ==
        "(call case x (kw (do: (block (-> 1 (block a b)) (-> 2 (block c))))))");
  CHECK(S("case x do\n  {:ok, v} ->\n    v\n  _ -> nil\nend") ==
        "(call case x (kw (do: (block (-> (tuple :ok v) (block v)) (-> _ (block :nil))))))");
  CHECK(S("case x do\n  n when n > 0 -> n\nend") == "(call case x (kw (do: (block (-> n when (> n 0) (block n))))))");
  CHECK(S("cond do\n  x > 1 -> 2\n  true -> 3\nend") ==
        "(call cond (kw (do: (block (-> (> x 1) (block 2)) (-> :true (block 3))))))");
  CHECK(S("fn x -> x * 2 end") == "(fn (-> x (block (* x 2))))");
  CHECK(S("fn x, acc -> x + acc end") == "(fn (-> x acc (block (+ x acc))))");
  CHECK(S("fn -> 1 end") == "(fn (-> (block 1)))");
  CHECK(S("fn () -> 1 end") == "(fn (-> (block 1)))");
  CHECK(S("fn (x, y) -> x end") == "(fn (-> x y (block x)))");
  CHECK(S("fn x, y when x > y -> x end") == "(fn (-> x y when (> x y) (block x)))");
  CHECK(S("fn (x) when x > 0 -> x end") == "(fn (-> x when (> x 0) (block x)))");
  CHECK(S("x = fn\n  0 -> :zero\n  n when n < 0 -> :neg\n  _ -> :pos\nend") ==
        "(= x (fn (-> 0 (block :zero)) (-> n when (< n 0) (block :neg)) (-> _ (block :pos))))");
  CHECK(S("fn {a, b} -> a end") == "(fn (-> (tuple a b) (block a)))");
  CHECK(S("x = fn -> end") == "(= x (fn (-> (block))))");
}

TEST_CASE("captures", "[parse][captures]") {
  CHECK(S("&step/1") == "(& (/ step 1))");
  CHECK(S("&M.f/1") == "(& (/ (call M.f) 1))");
  CHECK(S("&(&1 * 2)") == "(& (* &1 2))");
  CHECK(S("&rem(&1, 3)") == "(& (call rem() &1 3))");
  CHECK(S("&1") == "&1");
  CHECK(S("x = &1") == "(= x &1)");
  CHECK(S("&(&1)") == "(& &1)");
  CHECK(S("&x |> y") == "(& (|> x y))");
  CHECK(S("Enum.map(xs, &(&1 + &2))") == "(call Enum.map() xs (& (+ &1 &2)))");
}

TEST_CASE("containers", "[parse][containers]") {
  CHECK(S("[1, 2, 3]") == "(list 1 2 3)");
  CHECK(S("[]") == "(list)");
  CHECK(S("[1, 2,]") == "(list 1 2)");
  CHECK(S("[h | t]") == "(list (| h t))");
  CHECK(S("[axes: [1]]") == "(list (kw (axes: (list 1))))");
  CHECK(S("[1, a: 1]") == "(list 1 (kw (a: 1)))");
  CHECK(S("{a, b}") == "(tuple a b)");
  CHECK(S("{}") == "(tuple)");
  CHECK(S("{1}") == "(tuple 1)");
  CHECK(S("%{a: 1}") == "(map (a: 1))");
  CHECK(S("%{}") == "(map)");
  CHECK(S("%{\"a\" => 1, b: 2}") == "(map (=> \"a\" 1) (b: 2))");
  CHECK(S("%{m | k: v}") == "(map | m (k: v))");
  CHECK(S("%{m | \"k\" => v}") == "(map | m (=> \"k\" v))");
  CHECK(S("%Point{x: 1}") == "(map %Point (x: 1))");
  CHECK(S("%A.B{}") == "(map %A.B)");
  CHECK(S("(a; b)") == "(block a b)");
  CHECK(S("()") == "(block)");
  CHECK(S("(x)") == "x");

  Parsed p = parse("Nx.sum(t, axes: [1])");
  REQUIRE(p.ok);
  NodeRef axes = p.ast.top[0]->keyword("axes");
  REQUIRE(axes);
  CHECK(sx(axes) == "(list 1)");
  Parsed l = parse("[1, a: 2]");
  REQUIRE(l.ok);
  CHECK(sx(l.ast.top[0]->keyword("a")) == "2");
}

TEST_CASE("newlines end expressions except where Elixir continues them", "[parse][newlines]") {
  CHECK(S("1..n\n|> Enum.map(&step/1)\n|> Enum.sum()") ==
        "(|> (|> (.. 1 n) (call Enum.map() (& (/ step 1)))) (call Enum.sum()))");
  CHECK(S("x\n|> f()") == "(|> x (call f()))");
  CHECK(S("a\n+ b") == "a; (+ b)");  // `+` can start an expression
  CHECK(S("a\n- 1") == "a; (- 1)");
  CHECK(S("a\nand b") == "(and a b)");
  CHECK(S("a\n== b") == "(== a b)");
  CHECK(S("x\nin y") == "(in x y)");
  CHECK(S("x\nnot in y") == "(not (in x y))");
  CHECK(S("x\nwhen y") == "(when x y)");
  CHECK(S("1 +\n2") == "(+ 1 2)");
  CHECK(S("x =\n  1") == "(= x 1)");
  CHECK(S("x |>\n  f()") == "(|> x (call f()))");
  CHECK(S("foo(\n  a,\n  b\n)") == "(call foo() a b)");
  CHECK(S("[\n1,\n2\n]") == "(list 1 2)");
  CHECK(S("%{\n  a: 1,\n  b: 2\n}") == "(map (a: 1) (b: 2))");
  CHECK(S("if a,\n  do: b,\n  else: c") == "(call if a (kw (do: b) (else: c)))");
  CHECK(S("(\na\nb\n)") == "(block a b)");
  CHECK(S("a = 1; b = 2") == "(= a 1); (= b 2)");
  CHECK(S("; x ;; y;") == "x; y");
  CHECK(S("a # comment\nb # another") == "a; b");
  CHECK(S("x\r\ny") == "x; y");
  CHECK(S("\n\n  x  \n\n") == "x");
}

TEST_CASE("empty and trivial files", "[parse][robust]") {
  for (const char* src : {"", "\n", "   \n\t\n", "# only a comment", "# c\n# d\n", ";", "\r\n"}) {
    Parsed p = parse(src);
    INFO(src);
    CHECK(p.ok);
    CHECK(p.ast.top.empty());
    CHECK(p.diags.empty());
  }
}

// ===========================================================================
// Syntax errors: plain words, the offending token's location, and the
// exact printed format.
// ===========================================================================

TEST_CASE("diagnostic format", "[parse][errors]") {
  CHECK(E("x = foo(1, )") == "t.hx:1:12: error: unexpected token ')'\n    x = foo(1, )\n               ^\n");
  CHECK(E("defmodule A do\n  def f do\n    x = foo(1, )\n  end\nend\n") ==
        "t.hx:3:16: error: unexpected token ')'\n        x = foo(1, )\n                   ^\n");
  // Tabs are reproduced in the caret line so that it lines up.
  CHECK(E("\tx = )") == "t.hx:1:6: error: unexpected token ')'\n    \tx = )\n    \t    ^\n");
}

TEST_CASE("syntax error messages", "[parse][errors]") {
  CHECK(E1("x = )") == "1:5: error: unexpected token ')'");
  CHECK(E1("foo(,)") == "1:5: error: unexpected token ','");
  CHECK(E1("foo(1 2)") == "1:7: error: unexpected token '2'");
  CHECK(E1("x = 1 +") == "1:8: error: unexpected end of file");
  CHECK(E1("x = 1 +*2") == "1:8: error: unexpected token '*'");
  CHECK(E1("[1, , 2]") == "1:5: error: unexpected token ','; expected ']'");
  CHECK(E1("case x do\n 1 2\nend") == "2:4: error: unexpected token '2'");
  CHECK(E1("fn x end") == "1:6: error: missing '->' before token 'end'");
  CHECK(E1("1 do end") == "1:3: error: unexpected token 'do'");
  CHECK(E1("x = 1e3") == "1:5: error: invalid number '1e3'");
  CHECK(E1("x = 1_") == "1:5: error: invalid number '1_'");
  CHECK(E1("x = $") == "1:5: error: unexpected character '$'");
  CHECK(E1("x = ~r/a/") == "1:5: error: unexpected character '~'");
  CHECK(E1("x = \xC3\xA9") == "1:5: error: unexpected character '\xC3\xA9' (U+00E9)");
  CHECK(E1("[do:1]") == "1:2: error: keyword 'do:' must be followed by a space");
  CHECK(E1("f(a: 1, b)") == "1:9: error: keyword pairs must come last; wrap them in [ ] to pass a keyword list earlier");
  CHECK(E1("%{a: 1, 2}") == "1:9: error: keyword pairs must come last; wrap them in [ ] to pass a keyword list earlier");
  CHECK(E1("%{1}") == "1:3: error: expected 'key => value' or 'key: value' in a map");
  CHECK(E1("1..2//3//4") == "1:8: error: the step operator '//' must follow a range, as in first..last//step");
  CHECK(E1("x = 'abc'") == "1:5: error: charlists ('...') are not supported; use a string (\"...\")");
  CHECK(E1("\"a #{x} b\"") == "1:4: error: string interpolation is not supported yet");
  CHECK(E1("\"\\u{D800}\"") == "1:2: error: invalid escape '\\u': expected \\uXXXX or \\u{X...} naming a Unicode code point");
  CHECK(E1("x = &300") == "1:5: error: capture argument &300 is out of range");
  CHECK(E1("x = 1.0e999") == "1:5: error: float literal 1.0e999 is out of range");
}

TEST_CASE("ambiguous commas of calls without parentheses", "[parse][errors]") {
  // Elixir: "unexpected comma. Parentheses are required to solve ambiguity".
  for (const char* src : {"[if a, do: b]", "{if a, do: b}", "%{k: if a, do: b}", "[foo a, b]", "[x + foo a, b]",
                          "foo(a, bar b, c)", "foo a, bar b, c", "foo(a, if b, do: c)", "[a: if b, do: c]",
                          "foo(k: if b, do: c)", "%{m | a: if x, do: 1, else: 2}"}) {
    INFO(src);
    CHECK(E(src).find("parentheses are required around the arguments of") != std::string::npos);
  }
  for (const char* src : {"foo(if a, do: b)", "foo(if a, do: b, else: c)", "foo(bar a, b)", "foo bar a, b",
                          "x = if a, do: b, else: c", "if a, do: if b, do: c, else: d", "[foo a]"}) {
    INFO(src);
    CHECK(parse(src).ok);
  }
}

TEST_CASE("unbalanced brackets and blocks", "[parse][errors]") {
  CHECK(E1("defmodule A do\n  def f(x) do\n    x\n  end\n") ==
        "4:6: error: unexpected end of file: missing 'end' for 'do' opened at 1:13");
  CHECK(E("def f do\n  x\n") ==
        "t.hx:2:4: error: unexpected end of file: missing 'end' for 'do' opened at 1:7\n      x\n       ^\n");
  CHECK(E1("def f(x) do\n  foo(x\nend") == "3:1: error: missing ')' for '(' opened at 2:6");
  CHECK(E1("def f(x) do\n  foo(x)\n)") == "3:1: error: unexpected token ')'");  // closes nothing
  CHECK(E1("g(if x do 1)") == "1:12: error: missing 'end' for 'do' opened at 1:8");
  CHECK(E1("foo(fn x -> x)") == "1:14: error: missing 'end' for 'fn' opened at 1:5");
  CHECK(E1("x = fn y -> y") == "1:14: error: unexpected end of file: missing 'end' for 'fn' opened at 1:5");
  CHECK(E1("[1, 2") == "1:6: error: unexpected end of file: missing ']' for '[' opened at 1:1");
  CHECK(E1("{1, 2]") == "1:6: error: unexpected token ']'");
  CHECK(E1("[{1, 2]") == "1:7: error: missing '}' for '{' opened at 1:2");
  CHECK(E1("%{a: 1") == "1:7: error: unexpected end of file: missing '}' for '%{' opened at 1:1");
  CHECK(E1("end") == "1:1: error: unexpected token 'end'");
  CHECK(E1("x)") == "1:2: error: unexpected token ')'");
  CHECK(E1("\"abc") == "1:1: error: unterminated string: missing '\"' for the string that starts here");
  CHECK(E1("x = \"\"\"\nabc\n") == "1:5: error: unterminated heredoc: missing '\"\"\"' for the heredoc that starts here");
  CHECK(E1("x = 'abc") == "1:5: error: unterminated charlist: missing \"'\" for the charlist that starts here");
  CHECK(E1("x = \"a\nb\nc") == "1:5: error: unterminated string: missing '\"' for the string that starts here");
}

TEST_CASE("several errors: one per statement", "[parse][errors]") {
  std::string d = E(
      "defmodule A do\n"
      "  def f(x) do\n"
      "    x = 1 +* 2\n"
      "    y = foo(1, )\n"
      "    z\n"
      "  end\n"
      "  def g(y), do: y ++ ++\n"
      "  def h(), do: 1\n"
      "end\n"
      "defmodule B do\n"
      "  def k(), do: (1 ,)\n"
      "end\n");
  CHECK(d.find("t.hx:3:12: error: unexpected token '*'") != std::string::npos);
  CHECK(d.find("t.hx:4:16: error: unexpected token ')'") != std::string::npos);
  CHECK(d.find("t.hx:7:22: error: unexpected token '++'") != std::string::npos);
  CHECK(d.find("t.hx:11:19: error: unexpected token ','") != std::string::npos);
  size_t errors = 0;
  for (size_t i = d.find(": error: "); i != std::string::npos; i = d.find(": error: ", i + 1)) ++errors;
  CHECK(errors == 4);
}

TEST_CASE("integer literals must fit in 64 bits", "[parse][errors]") {
  CHECK(E1("x = 9223372036854775808") == "1:5: error: integer literal 9223372036854775808 does not fit in 64 bits");
  CHECK(E1("x = -9223372036854775809") == "1:6: error: integer literal 9223372036854775809 does not fit in 64 bits");
  CHECK(E1("x = 0xFFFFFFFFFFFFFFFFF") == "1:5: error: integer literal 0xFFFFFFFFFFFFFFFFF does not fit in 64 bits");
  CHECK(E1("x = 99999999999999999999999999") ==
        "1:5: error: integer literal 99999999999999999999999999 does not fit in 64 bits");
  // A huge literal is named by its first digits only.
  std::string huge = "x = " + std::string(100000, '7');
  std::string msg = E1(huge);
  CHECK(msg.size() < 200);
  CHECK(msg.find("does not fit in 64 bits") != std::string::npos);
}

// ===========================================================================
// Adversarial input: never throw, crash or hang.
// ===========================================================================

namespace {

/// Parses without a REQUIRE on the outcome; returns whether it succeeded.
bool survives(const std::string& src, std::string* diags = nullptr) {
  Parsed p;
  REQUIRE_NOTHROW(p = parse(src));
  if (diags) *diags = p.diags;
  // A failed parse always says why.
  if (!p.ok) CHECK_FALSE(p.diags.empty());
  return p.ok;
}

double seconds_to_parse(const std::string& src, bool* ok = nullptr) {
  auto t0 = std::chrono::steady_clock::now();
  bool r = survives(src);
  if (ok) *ok = r;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("binary garbage", "[parse][robust]") {
  std::string d;
  CHECK_FALSE(survives(std::string("x = \0 1", 7), &d));
  CHECK(d.find("1:5: error: unexpected character U+0000") != std::string::npos);
  CHECK_FALSE(survives(std::string(1000, '\0'), &d));
  CHECK_FALSE(survives("x = \xFF\xFE", &d));
  CHECK(d.find("1:5: error: invalid UTF-8 byte 0xFF in source") != std::string::npos);
  CHECK_FALSE(survives("# comment \xC0\x80\nx", &d));  // overlong encoding
  CHECK(d.find("invalid UTF-8 byte 0xC0") != std::string::npos);
  CHECK_FALSE(survives("\"\xED\xA0\x80\"", &d));  // a UTF-16 surrogate
  CHECK_FALSE(survives("x = \"\xF4\x90\x80\x80\"", &d));  // past U+10FFFF
  CHECK(survives("# caf\xC3\xA9 \xF0\x9F\x98\x80\nx"));  // valid UTF-8 in a comment

  std::mt19937 rng(12345);
  for (int round = 0; round < 200; ++round) {
    std::string s(static_cast<size_t>(rng() % 400), ' ');
    for (char& c : s) c = static_cast<char>(rng() & 0xFF);
    survives(s);
  }
  // Printable ASCII soup: lexes fully, exercises the filter and the parser.
  const std::string alphabet = "abcxyz ABC (){}[]+-*/=<>|&,.;:\n\"#'@%^!?0123456789_ \t\\~do end fn when ->";
  for (int round = 0; round < 300; ++round) {
    std::string s(static_cast<size_t>(rng() % 300), ' ');
    for (char& c : s) c = alphabet[rng() % alphabet.size()];
    survives(s);
  }
}

TEST_CASE("token soup and mutations of a valid program", "[parse][robust]") {
  const std::vector<std::string> vocab = {
      "x", "foo", "Enum", ".", "map", "(", ")", "[", "]", "{", "}", "%{", "do", "end", "fn", "->", ",", ";", "\n",
      "+", "-", "*", "|>", "=", "when", "::", "@", "&", "&1", "1", "2.5", "\"s\"", ":a", "if", "else", "case",
      "def", "defmodule", "A", "k: ", "do: ", "..", "//", "not", "in", "|", "=>", "\\\\", "^", "!", " "};
  std::mt19937 rng(99);
  for (int round = 0; round < 300; ++round) {
    std::string s;
    size_t n = rng() % 60;
    for (size_t i = 0; i < n; ++i) s += vocab[rng() % vocab.size()] + (rng() % 2 ? " " : "");
    survives(s);
  }
  const std::string seed = kSeed;
  for (int round = 0; round < 300; ++round) {
    std::string s = seed;
    for (int k = 0; k < 3; ++k) {
      size_t at = rng() % s.size();
      switch (rng() % 3) {
        case 0: s.erase(at, 1 + rng() % 4); break;
        case 1: s.insert(at, vocab[rng() % vocab.size()]); break;
        default: s[at] = seed[rng() % seed.size()]; break;
      }
    }
    survives(s);
  }
}

TEST_CASE("deep nesting is refused, not overflowed", "[parse][robust]") {
  const int n = 100000;
  std::string d;
  CHECK_FALSE(survives("x = " + std::string(n, '(') + "1" + std::string(n, ')'), &d));
  CHECK(d.find("error: expression nested too deeply (more than 1000 levels)") != std::string::npos);
  CHECK(d.find("t.hx:1:1003:") == 0);
  CHECK_FALSE(survives(std::string(n, '[') + std::string(n, ']')));
  CHECK_FALSE(survives(std::string(n, '{') + std::string(n, '}')));
  CHECK_FALSE(survives("x = " + std::string(n, '(')));  // unbalanced too
  CHECK_FALSE(survives(std::string(n, ')')));
  std::string calls, fns, dos, unary, right, left, at, dots, np;
  for (int i = 0; i < n; ++i) {
    calls += "f(";
    fns += "fn -> ";
    dos += "if x do\n";
    unary += "-";
    right += "a = ";
    left += "1 + ";
    at += "@";
    dots += ".a";
    np += "foo ";
  }
  CHECK_FALSE(survives(calls + "1" + std::string(n, ')')));
  CHECK_FALSE(survives(fns));
  CHECK_FALSE(survives(dos));
  CHECK_FALSE(survives("x = " + unary + "1", &d));
  CHECK(d.find("nested too deeply") != std::string::npos);
  CHECK_FALSE(survives(right + "1"));
  CHECK_FALSE(survives(left + "1"));  // builds an equally deep AST
  CHECK_FALSE(survives(at + "x"));
  CHECK_FALSE(survives("x" + dots));
  CHECK_FALSE(survives(np + "1"));
  CHECK_FALSE(survives("x = " + std::string(n, '!') + "y"));

  // Just under the limit parses, and the AST can be printed and freed.
  Parsed p = parse("x = " + std::string(990, '(') + "1" + std::string(990, ')'));
  CHECK(p.ok);
  std::string nested = "x = ";
  for (int i = 0; i < 400; ++i) nested += "[f(";
  nested += "1";
  for (int i = 0; i < 400; ++i) nested += ")]";
  CHECK(parse(nested).ok);
}

TEST_CASE("huge lines and files", "[parse][robust]") {
  // One 10 MB token; the other long tokens at 2 MB keep the test quick (the
  // cost is linear: about 0.1 s per MB).
  const size_t mb10 = 10u << 20, mb2 = 2u << 20;
  bool ok = false;
  CHECK(seconds_to_parse("x = " + std::string(mb10, 'a'), &ok) < 10);
  CHECK(ok);
  CHECK(seconds_to_parse("x = \"" + std::string(mb2, 'a') + "\"", &ok) < 5);
  CHECK(ok);
  CHECK(seconds_to_parse("x = 1 # " + std::string(mb2, 'c'), &ok) < 5);
  CHECK(ok);
  std::string e;  // a two-byte character, over and over
  for (size_t i = 0; i < mb2 / 2; ++i) e += "\xC3\xA9";
  CHECK(seconds_to_parse("x = \"" + e + "\"", &ok) < 5);
  CHECK(ok);

  std::string list = "x = [";
  while (list.size() < mb10) list += "1, ";
  list += "1]";
  std::string d;
  CHECK_FALSE(survives(list, &d));
  CHECK(d.find("error: file too large: more than 1000000 tokens") != std::string::npos);
  // A caret in a 10 MB line shows a window, not the line.
  CHECK(d.size() < 1000);

  std::string sum = "x = ";
  while (sum.size() < mb10) sum += "1 + ";
  sum += "1";
  CHECK_FALSE(survives(sum));

  CHECK(E1(std::string(65u << 20, ' ')) == "1:1: error: file too large: 68157440 bytes (the limit is 64 MB); split it into several files");

  std::string many_errors;  // stops collecting after 20
  for (int i = 0; i < 10000; ++i) many_errors += "$";
  CHECK_FALSE(survives(many_errors, &d));
  CHECK(d.find("error: too many errors; 9980 more not shown\n") != std::string::npos);
}

// Not a benchmark (timings live in bench/): a guard against pathological,
// super-linear parsing, with a bound far above the ~0.25 s it takes.
TEST_CASE("a 10 000-line file parses in linear time", "[parse][perf]") {
  const std::string mod =
      "defmodule Bench%d do\n"
      "  @moduledoc \"\"\"\n"
      "  Module %d.\n"
      "  \"\"\"\n"
      "  import Bitwise\n"
      "  @p 6_700_417\n"
      "  @spec run(integer()) :: [integer()]\n"
      "  def run(n) do\n"
      "    1..n\n"
      "    |> Enum.map(&step/1)\n"
      "    |> Enum.sum()\n"
      "  end\n"
      "\n"
      "  defp step(x), do: rem(22 * x * (x + 1), @p)\n"
      "\n"
      "  def classify(x) when x > 0 do\n"
      "    case rem(x, 3) do\n"
      "      0 -> :zero\n"
      "      1 ->\n"
      "        y = x * 2\n"
      "        {:one, y}\n"
      "      _ -> :other\n"
      "    end\n"
      "  end\n"
      "\n"
      "  def pick(a, b) do\n"
      "    if a > b, do: a, else: b\n"
      "  end\n"
      "\n"
      "  def scale(xs, f) do\n"
      "    Enum.map(xs, fn x -> x * f + 1.5e-3 end)\n"
      "    |> Enum.filter(&(&1 > 0))\n"
      "    |> Enum.reduce(0, fn x, acc -> x + acc end)\n"
      "  end\n"
      "\n"
      "  def mat(t) do\n"
      "    t = Nx.sum(t, axes: [1])\n"
      "    m = %{a: 1, b: [1, 2, 3]}\n"
      "    %{m | a: t}\n"
      "  end\n"
      "end\n"
      "\n";
  std::string src;
  int lines = 0;
  for (int i = 0; lines < 10000; ++i) {
    std::string m = mod;
    for (size_t at; (at = m.find("%d")) != std::string::npos;) m.replace(at, 2, std::to_string(i));
    src += m;
    lines += 42;
  }
  // CPU time, not wall time: other builds on the machine must not make the
  // test flaky. It covers the cold start of ANTLR's prediction caches.
  std::clock_t c0 = std::clock();
  bool ok = survives(src);
  double t = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  CHECK(ok);
  INFO("CPU seconds: " << t);
  CHECK(t < 20.0);
}

// ===========================================================================
// Diagnostics and sources on their own.
// ===========================================================================

TEST_CASE("Diagnostics formats severities and locations", "[diagnostics]") {
  SourceManager sm;
  uint32_t id = sm.add("m.hx", "line one\n\tx = y\nlast");
  Diagnostics d(sm);
  d.error(Loc{id, 1, 6}, "first");
  d.warning(Loc{id, 2, 6}, "second");
  d.note(Loc{id, 3, 1}, "third");
  d.error(Loc{}, "no location");
  d.note(Loc{id, 9, 1}, "past the end");
  CHECK(d.has_errors());
  CHECK(d.error_count() == 2);
  std::ostringstream os;
  d.print(os);
  CHECK(os.str() ==
        "m.hx:1:6: error: first\n    line one\n         ^\n"
        "m.hx:2:6: warning: second\n    \tx = y\n    \t    ^\n"
        "m.hx:3:1: note: third\n    last\n    ^\n"
        "error: no location\n"
        "m.hx:9:1: note: past the end\n");
}

TEST_CASE("Diagnostics stops collecting after 20 errors", "[diagnostics]") {
  SourceManager sm;
  Diagnostics d(sm);
  for (int i = 0; i < 25; ++i) d.error(Loc{}, "e" + std::to_string(i));
  CHECK(d.too_many());
  CHECK(d.all().size() == 20);
  std::ostringstream os;
  d.print(os);
  CHECK(os.str().find("error: too many errors; 5 more not shown\n") != std::string::npos);
}

TEST_CASE("Diagnostics shows a window of a long line", "[diagnostics]") {
  SourceManager sm;
  std::string line(5000, 'a');
  line[3000] = 'X';
  uint32_t id = sm.add("l.hx", line);
  Diagnostics d(sm);
  d.error(Loc{id, 1, 3001}, "here");
  std::string out = d.format(d.all()[0]);
  std::string src = out.substr(out.find('\n') + 1);
  std::string caret = src.substr(src.find('\n') + 1);
  src = src.substr(0, src.find('\n'));
  CHECK(src.size() < 300);
  CHECK(src.find("    ...") == 0);
  CHECK(caret.find('^') < src.size());
  CHECK(src[caret.find('^')] == 'X');
}

TEST_CASE("Diagnostics counts columns in code points", "[diagnostics]") {
  SourceManager sm;
  uint32_t id = sm.add("u.hx", "\"\xC3\xA9\xC3\xA9\" + \x01x");
  Diagnostics d(sm);
  d.error(Loc{id, 1, 8}, "at the control character");
  CHECK(d.format(d.all()[0]) == "u.hx:1:8: error: at the control character\n    \"\xC3\xA9\xC3\xA9\" + ?x\n           ^\n");
}

TEST_CASE("closest_name and edit_distance", "[diagnostics]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("map", "map") == 0);
  CHECK(closest_name("mapp", {"map", "reduce", "sum"}) == "map");
  CHECK(closest_name("reduse", {"map", "reduce", "sum"}) == "reduce");
  CHECK(closest_name("xyz", {"map", "reduce", "sum"}).empty());
  CHECK(closest_name("sun", {"sum", "sin"}) == "sum");  // ties: the first
  CHECK(closest_name("a", {"b"}) == "b");               // max(1, len/3)
  CHECK(closest_name("ab", {"xy"}).empty());
  CHECK(closest_name("x", {}).empty());
}

TEST_CASE("SourceManager", "[source]") {
  SourceManager sm;
  uint32_t a = sm.add("a.hx", "one\r\ntwo\n\nfour");
  CHECK(sm.size() == 1);
  const SourceFile& f = sm.file(a);
  CHECK(f.line(1) == "one");
  CHECK(f.line(2) == "two");
  CHECK(f.line(3).empty());
  CHECK(f.line(4) == "four");
  CHECK(f.line(0).empty());
  CHECK(f.line(5).empty());

  uint32_t id = 99;
  std::string err;
  CHECK_FALSE(sm.load("/nonexistent/x.hx", id, err));
  CHECK(err.find("cannot open '/nonexistent/x.hx'") == 0);
  CHECK_FALSE(sm.load("/tmp", id, err));
  CHECK(err.find("is a directory") != std::string::npos);

  std::string path = "/tmp/hx_test_parse_source.hx";
  {
    std::ofstream out(path, std::ios::binary);
    out << kSeed;
  }
  REQUIRE(sm.load(path, id, err));
  CHECK(id == 1);
  CHECK(sm.file(id).text == kSeed);
  CHECK(sm.file(id).path == path);
  std::remove(path.c_str());

  Diagnostics d(sm);
  FileAST ast;
  CHECK_FALSE(parse_file(sm, 42, d, ast));  // no such file: an error, not a throw
  CHECK(d.has_errors());
}

TEST_CASE("next_code_point", "[source]") {
  std::string s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xFF";
  size_t i = 0;
  uint32_t cp = 0;
  CHECK(next_code_point(s, i, cp));
  CHECK(cp == 'a');
  CHECK(next_code_point(s, i, cp));
  CHECK(cp == 0xE9);
  CHECK(next_code_point(s, i, cp));
  CHECK(cp == 0x20AC);
  CHECK(next_code_point(s, i, cp));
  CHECK(cp == 0x1F600);
  CHECK_FALSE(next_code_point(s, i, cp));
  CHECK(cp == 0xFFFD);
  CHECK(i == s.size());
  std::string truncated = "\xE2\x82";
  i = 0;
  CHECK_FALSE(next_code_point(truncated, i, cp));
  CHECK(i == 1);
}
