/// \file ASTBuilder.cpp
/// parse_file: source text -> tokens -> token filter -> ANTLR parse -> AST.
///
/// The steps, and why each one is there:
///  1. Decode UTF-8 here: ANTLR's own decoder throws on invalid input. Each
///     invalid byte becomes U+FFFD (one column, as in the caret printer) and
///     the first one is reported.
///  2. Lex with the generated HxLexer. ERRCHAR and the BAD_* rules turn every
///     lexical problem into a token, so the lexer itself never fails.
///  3. Filter the tokens (Filter below; Hx.g4's header lists what it
///     decides): significant newlines, calls with and without parentheses,
///     which call owns a `do`, bracket balance with plain-words messages
///     ("missing 'end' for 'do' opened at 3:14"), and a bound on nesting.
///     Lexical, bracket and depth errors stop here: the parser would only
///     repeat them less clearly.
///  4. Parse (ParseRun) with SLL prediction and a bail-out strategy; only if
///     that fails, parse again with full LL, stopping at the first error and
///     wording it for people (FirstError). SLL succeeds on nearly all
///     correct input and is several times faster. After a syntax error,
///     report_units parses each statement on its own to report one error
///     per statement, since ANTLR's own recovery does poorly here.
///  5. Build the AST from the parse tree (Builder); literal checks (integer
///     range, escapes, heredoc layout) happen here. Skipped after syntax
///     errors, so the builder never sees a partial tree.
/// Steps 2-5 run on a thread with a large stack and under catch(...), so
/// neither deep input nor an exception can take the compiler down. The
/// depth bound (kMaxDepth) keeps the AST shallow enough for the recursive
/// passes after the parser, which run on an ordinary stack.
///
/// HX_DEBUG_PARSE=1 in the environment reports on stderr when SLL fails and
/// where the first syntax error was found.
#include "AST.h"
#include "Diagnostics.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <functional>
#include <pthread.h>

// The ANTLR runtime headers trip -Wattributes; they are not ours to fix.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wattributes"
#include "HxLexer.h"
#include "HxParser.h"
#include "antlr4-runtime.h"
#pragma GCC diagnostic pop

namespace hx {
namespace {

using antlr4::Token;
using hxg::HxLexer;
using hxg::HxParser;
using P = hxg::HxParser;  // token type constants: P::IDENT, ...

/// Expressions nested deeper than this are rejected. Counted per statement
/// as open brackets/blocks plus operators (see Filter::count_op), an upper
/// bound on the depth of the AST built for it.
constexpr size_t kMaxDepth = 1000;
/// Stack for the parser thread: ANTLR's recursive descent and its
/// prediction use a few KB per nesting level; kMaxDepth levels of any
/// construct fit in 4 MB (measured), so this leaves a wide margin.
constexpr size_t kParseStack = size_t(64) << 20;
constexpr int kEof = -1;
/// ANTLR's parse tree costs about half a KB per token; beyond this many
/// tokens a file is refused rather than risk exhausting memory. Ten times a
/// 100 000-line program.
constexpr size_t kMaxTokens = 1000000;
/// Bigger sources are refused before decoding (which takes 8 bytes per
/// code point, twice).
constexpr size_t kMaxSourceBytes = size_t(64) << 20;

// ---------------------------------------------------------------------------
// Reporting
// ---------------------------------------------------------------------------

struct Reporter {
  Diagnostics& diags;
  uint32_t file;
  bool failed = false;
  Loc last{};

  /// line is 1-based, col0 0-based (ANTLR's convention).
  void error(size_t line, size_t col0, std::string msg) {
    Loc loc{file, static_cast<uint32_t>(line), static_cast<uint32_t>(col0 + 1)};
    failed = true;
    // Error recovery can trip over the same token twice; say it once.
    if (loc.line == last.line && loc.col == last.col && last.valid()) return;
    last = loc;
    diags.error(loc, std::move(msg));
  }
  void error(Loc loc, std::string msg) {
    failed = true;
    if (loc.valid() && loc.line == last.line && loc.col == last.col) return;
    if (loc.valid()) last = loc;
    diags.error(loc, std::move(msg));
  }
};

/// Shortens what a message quotes from the source (a 10 MB literal must not
/// become a 10 MB message) and makes control characters visible.
std::string excerpt(const std::string& s, size_t max = 40) {
  std::string out;
  size_t i = 0, n = 0;
  while (i < s.size()) {
    if (n == max) {
      out += "...";
      break;
    }
    size_t at = i;
    uint32_t cp;
    if (!next_code_point(s, i, cp) || cp < 0x20 || cp == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned char>(s[at]));
      out += cp == '\n' ? "\\n" : cp == '\t' ? "\\t" : buf;
    } else {
      out.append(s, at, i - at);
    }
    ++n;
  }
  return out;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Step 1: UTF-8 to code points, reporting the first invalid byte.
std::u32string decode(const std::string& text, Reporter& rep) {
  std::u32string out;
  out.reserve(text.size());
  size_t i = 0, line = 1, col = 0;
  bool reported = false;
  while (i < text.size()) {
    size_t at = i;
    uint32_t cp;
    if (!next_code_point(text, i, cp) && !reported) {
      reported = true;
      char buf[64];
      std::snprintf(buf, sizeof buf, "invalid UTF-8 byte 0x%02X in source",
                    static_cast<unsigned char>(text[at]));
      rep.error(line, col, buf);
    }
    out.push_back(static_cast<char32_t>(cp));
    if (cp == '\n') {
      ++line;
      col = 0;
    } else {
      ++col;
    }
  }
  return out;
}

/// ANTLR input over code points we decoded ourselves.
class CodePointStream : public antlr4::ANTLRInputStream {
 public:
  CodePointStream(std::u32string data, const std::string& source_name) {
    _data = std::move(data);
    p = 0;
    name = source_name;
  }
};

// ---------------------------------------------------------------------------
// Step 3: the token filter
// ---------------------------------------------------------------------------

/// A token as the filter sees it: 24 bytes, so that a file of millions of
/// one-character tokens stays affordable.
struct Tok {
  int type;
  uint32_t start, stop;  ///< code point indices, inclusive
  uint32_t line, col;    ///< 1-based line, 0-based column
  uint16_t lvl = 0;      ///< open brackets/blocks around it; an opener and its closer share it
  bool semi = false;     ///< an EOL that was written as ';'
  bool unit_end = false; ///< the EOF that ends one statement parsed alone: reads as end of line
};

/// Lexer with a few tokens of lookahead.
class TokenReader {
 public:
  explicit TokenReader(HxLexer& lx) : lx_(lx) {}
  const Tok& peek(size_t k) {
    while (buf_.size() <= k) fill();
    return buf_[k];
  }
  Tok next() {
    peek(0);
    Tok t = buf_.front();
    buf_.pop_front();
    return t;
  }

 private:
  void fill() {
    if (!buf_.empty() && buf_.back().type == kEof) {
      buf_.push_back(buf_.back());
      return;
    }
    std::unique_ptr<Token> t = lx_.nextToken();
    Tok k;
    k.type = t->getType() == Token::EOF ? kEof : static_cast<int>(t->getType());
    k.start = static_cast<uint32_t>(t->getStartIndex());
    k.stop = static_cast<uint32_t>(t->getStopIndex());
    k.line = static_cast<uint32_t>(t->getLine());
    k.col = static_cast<uint32_t>(t->getCharPositionInLine());
    buf_.push_back(k);
  }
  HxLexer& lx_;
  std::deque<Tok> buf_;
};

bool is_keyword(int t) {
  switch (t) {
    case P::DO: case P::END: case P::FN: case P::WHEN: case P::AND: case P::OR:
    case P::NOT: case P::IN: case P::TRUE: case P::FALSE: case P::NIL: case P::ELSE:
    case P::AFTER: case P::CATCH: case P::RESCUE:
      return true;
    default:
      return false;
  }
}

bool is_literal(int t) {
  switch (t) {
    case P::INT: case P::HEX: case P::BIN: case P::OCT: case P::FLOAT: case P::CHAR:
    case P::STRING: case P::HEREDOC: case P::CHARLIST: case P::SIGIL_W: case P::ATOM: case P::QATOM:
    case P::TRUE: case P::FALSE: case P::NIL: case P::CAPTURE_ARG:
    case P::BAD_NUMBER: case P::BAD_STRING: case P::BAD_HEREDOC: case P::BAD_CHARLIST:
      return true;
    default:
      return false;
  }
}

/// Tokens after which an expression can be complete, so a newline there
/// ends it.
bool ends_expr(int t) {
  switch (t) {
    case P::IDENT: case P::ALIAS: case P::RPAREN: case P::RBRACKET: case P::RBRACE:
    case P::END:
      return true;
    default:
      return is_literal(t);
  }
}

/// Binary operators that cannot start an expression: a line that begins
/// with one continues the previous line (`|>` pipelines). `+` and `-` are
/// not here: `x\n-1` is two expressions, as in Elixir.
bool binary_only(int t) {
  switch (t) {
    case P::PIPE: case P::STAR: case P::SLASH: case P::POW: case P::PLUSPLUS:
    case P::MINUSMINUS: case P::PLUS3: case P::MINUS3: case P::CONCAT: case P::RANGE:
    case P::SLASHSLASH: case P::XOR3: case P::IN: case P::LSHIFT3: case P::RSHIFT3:
    case P::LSHIFTTILDE: case P::RSHIFTTILDE: case P::LTILDE: case P::TILDEGT:
    case P::LTILDEGT: case P::LT: case P::GT: case P::LE: case P::GE: case P::EQ:
    case P::NE: case P::SEQ: case P::SNE: case P::MATCHOP: case P::ANDAND: case P::AND3:
    case P::AND: case P::OROR: case P::OR3: case P::OR: case P::ASSIGN: case P::FATARROW:
    case P::BAR: case P::TYPEOP: case P::WHEN: case P::LARROW: case P::BACKSLASH2:
    case P::DOT:
      return true;
    default:
      return false;
  }
}

/// Local names that take `-x`/`+x` as a no-parens argument (`raise -1`);
/// for any other name `f -1` is a subtraction.
bool takes_signed_arg(const std::string& name) {
  static const char* const kNames[] = {
      "def", "defp", "defmodule", "defn", "defnp", "defmacro", "defmacrop", "if",
      "unless", "import", "require", "alias", "use", "case", "cond", "raise", "spec",
      "doc", "moduledoc", "type", "typep", "for", "with", "try", "receive", "throw"};
  for (const char* n : kNames)
    if (name == n) return true;
  return false;
}

enum class Lvl { Top, Do, Fn, Group, Call, Bracket, Brace };

/// The token that closes a level.
const char* closer_of(Lvl k) {
  switch (k) {
    case Lvl::Do: case Lvl::Fn: return "end";
    case Lvl::Bracket: return "]";
    case Lvl::Brace: return "}";
    default: return ")";
  }
}

struct Level {
  Lvl kind;
  uint32_t line, col;        ///< where the opener is
  const char* opener;        ///< "do", "(", ...
  long pending_np = -1;      ///< out index of the statement's first no-parens call
  size_t ops = 0;            ///< operators in the current statement at this level
};

class Filter {
 public:
  Filter(HxLexer& lx, const std::u32string& src, Reporter& rep) : rd_(lx), src_(src), rep_(rep) {}

  /// Fills out; returns false when it reported an error.
  bool run();
  std::vector<Tok> out;

 private:
  Level& top() { return stack_.back(); }
  bool newline_matters() const {
    Lvl k = stack_.back().kind;
    return k == Lvl::Top || k == Lvl::Do || k == Lvl::Fn || k == Lvl::Group;
  }
  std::string text(const Tok& t) const {
    std::string s;
    for (uint32_t i = t.start; i <= t.stop && i < src_.size(); ++i) append_utf8(s, src_[i]);
    return s;
  }
  bool continues_line(int t) {
    if (binary_only(t)) return true;
    switch (t) {
      case P::END: case P::ELSE: case P::AFTER: case P::CATCH: case P::RESCUE:
      case P::RPAREN: case P::RBRACKET: case P::RBRACE:
        return true;
      case P::NOT:
        return rd_.peek(0).type == P::IN;  // `not in` at the start of a line
      default:
        return false;
    }
  }
  bool np_head(const Tok& t);
  void end_statement() {
    depth_ -= top().ops;
    top().ops = 0;
    top().pending_np = -1;
  }
  void end_expr() {
    depth_ -= top().ops;
    top().ops = 0;
  }
  bool count_op(const Tok& t) {
    ++top().ops;
    return bump(t);
  }
  bool push(const Tok& t, Lvl kind, const char* opener) {
    stack_.push_back({kind, t.line, t.col, opener});
    return bump(t);
  }
  bool bump(const Tok& t) {
    if (++depth_ <= kMaxDepth) return true;
    rep_.error(t.line, t.col,
               "expression nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)");
    return false;
  }
  void pop() {
    depth_ -= 1 + top().ops;
    stack_.pop_back();
  }
  bool close(const Tok& t);
  void lexical_check(const Tok& t);
  std::pair<uint32_t, uint32_t> end_of(const Tok& t) const;

  TokenReader rd_;
  const std::u32string& src_;
  Reporter& rep_;
  std::vector<Level> stack_;
  size_t depth_ = 0;
  bool bracket_error_ = false;
  bool unterminated_ = false;
};

/// Whether identifier t starts a call without parentheses: the next token is
/// on the same line, after a space, and can only be an argument. `f (x)` and
/// `f [x]` are calls, `f[x]` is access, `f -1` is a call only for the names
/// in takes_signed_arg.
bool Filter::np_head(const Tok& t) {
  const Tok& n = rd_.peek(0);
  if (n.type == kEof || n.start <= t.stop + 1) return false;
  switch (n.type) {
    case P::IDENT: case P::ALIAS: case P::KW: case P::LBRACE: case P::MAP_OPEN:
    case P::PERCENT: case P::FN: case P::AT: case P::BANG: case P::CARET: case P::AMP:
    case P::TILDE3: case P::LPAREN: case P::LBRACKET:
      return true;
    case P::NOT:
      return rd_.peek(1).type != P::IN;
    case P::MINUS:
    case P::PLUS: {
      const Tok& n2 = rd_.peek(1);
      // `@neg -7` sets an attribute to -7, as in Elixir.
      bool attr = !out.empty() && out.back().type == P::AT;
      return n2.type != kEof && n2.type != P::NL && n2.start == n.stop + 1 &&
             (takes_signed_arg(text(t)) || attr);
    }
    default:
      return is_literal(n.type) && n.type != P::BAD_NUMBER;
  }
}

/// The (line, 0-based column) just past token t.
std::pair<uint32_t, uint32_t> Filter::end_of(const Tok& t) const {
  uint32_t line = t.line, col = t.col;
  for (uint32_t i = t.start; i <= t.stop && i < src_.size(); ++i) {
    if (src_[i] == U'\n') {
      ++line;
      col = 0;
    } else {
      ++col;
    }
  }
  return {line, col};
}

bool Filter::close(const Tok& t) {
  const char* want = t.type == P::RPAREN ? ")" : t.type == P::RBRACKET ? "]" : t.type == P::RBRACE ? "}" : "end";
  Level& l = top();
  bool ok = false;
  switch (l.kind) {
    case Lvl::Group: case Lvl::Call: ok = t.type == P::RPAREN; break;
    case Lvl::Bracket: ok = t.type == P::RBRACKET; break;
    case Lvl::Brace: ok = t.type == P::RBRACE; break;
    case Lvl::Do: case Lvl::Fn: ok = t.type == P::END; break;
    case Lvl::Top: break;
  }
  if (ok) {
    pop();
    return true;
  }
  bracket_error_ = true;
  // A closer that matches an outer level means the inner ones were left
  // open; one that matches none is simply extra.
  bool closes_outer = false;
  for (const Level& o : stack_) {
    bool match = t.type == P::RPAREN   ? o.kind == Lvl::Group || o.kind == Lvl::Call
                 : t.type == P::RBRACKET ? o.kind == Lvl::Bracket
                 : t.type == P::RBRACE   ? o.kind == Lvl::Brace
                                         : o.kind == Lvl::Do || o.kind == Lvl::Fn;
    closes_outer = closes_outer || match;
  }
  if (!closes_outer) {
    rep_.error(t.line, t.col, std::string("unexpected token '") + want + "'");
  } else {
    rep_.error(t.line, t.col, std::string("missing '") + closer_of(l.kind) + "' for '" + l.opener +
                                  "' opened at " + std::to_string(l.line) + ":" + std::to_string(l.col + 1));
  }
  return false;
}

void Filter::lexical_check(const Tok& t) {
  switch (t.type) {
    case P::ERRCHAR: {
      char32_t c = src_[t.start];
      if (c == 0xFFFD) return;  // an invalid UTF-8 byte: decode() reported it
      char buf[64];
      if (c >= 0x21 && c < 0x7F)
        std::snprintf(buf, sizeof buf, "unexpected character '%c'", static_cast<char>(c));
      else if (c < 0x80)
        std::snprintf(buf, sizeof buf, "unexpected character U+%04X", static_cast<unsigned>(c));
      else
        std::snprintf(buf, sizeof buf, "unexpected character '%s' (U+%04X)", text(t).c_str(),
                      static_cast<unsigned>(c));
      rep_.error(t.line, t.col, buf);
      return;
    }
    case P::BAD_STRING:
      unterminated_ = true;
      rep_.error(t.line, t.col, "unterminated string: missing '\"' for the string that starts here");
      return;
    case P::BAD_HEREDOC:
      unterminated_ = true;
      rep_.error(t.line, t.col, "unterminated heredoc: missing '\"\"\"' for the heredoc that starts here");
      return;
    case P::BAD_CHARLIST:
      unterminated_ = true;
      rep_.error(t.line, t.col, "unterminated charlist: missing \"'\" for the charlist that starts here");
      return;
    case P::BAD_NUMBER:
      rep_.error(t.line, t.col, "invalid number '" + excerpt(text(t)) + "'");
      return;
    case P::KW: {
      uint32_t next = t.stop + 1;
      if (next < src_.size() && src_[next] != U' ' && src_[next] != U'\t' && src_[next] != U'\n' &&
          src_[next] != U'\r')
        rep_.error(t.line, t.col, "keyword '" + excerpt(text(t)) + "' must be followed by a space");
      return;
    }
    default:
      return;
  }
}

bool Filter::run() {
  stack_.push_back({Lvl::Top, 1, 0, ""});
  depth_ = 1;
  bool pending = false;  // a newline or ';' since the last token
  Tok pend{};
  for (;;) {
    Tok t = rd_.next();
    if (t.type == kEof) break;
    if (bracket_error_) {  // after a bracket error only lexical errors are worth reporting
      lexical_check(t);
      continue;
    }
    if (t.type == P::NL || t.type == P::SEMI) {
      if (newline_matters()) {
        if (!pending) pend = t;
        pend.semi = pend.semi || t.type == P::SEMI;
        pending = true;
      } else if (t.type == P::SEMI) {
        out.push_back(t);  // `;` inside brackets: let the parser report it
      }
      continue;
    }
    if (!out.empty() && out.back().type == P::DOT && is_keyword(t.type)) t.type = P::IDENT;
    if (pending) {
      pending = false;
      if (!out.empty() && ends_expr(out.back().type) && !continues_line(t.type)) {
        Tok e = pend;
        e.type = P::EOL;
        e.stop = e.start;
        e.lvl = static_cast<uint16_t>(stack_.size());
        out.push_back(e);
        end_statement();
      }
    }
    lexical_check(t);

    t.lvl = static_cast<uint16_t>(stack_.size());
    bool ok = true;
    switch (t.type) {
      case P::IDENT: {
        const Tok& n = rd_.peek(0);
        if (n.type == P::LPAREN && n.start == t.stop + 1) {
          t.type = P::CALL_IDENT;
        } else if (np_head(t)) {
          t.type = P::NP_IDENT;
          if (top().pending_np < 0) top().pending_np = static_cast<long>(out.size());
          ok = count_op(t);
        }
        break;
      }
      case P::LPAREN: {
        bool call = !out.empty() && (out.back().type == P::CALL_IDENT || out.back().type == P::DOT);
        ok = push(t, call ? Lvl::Call : Lvl::Group, "(");
        break;
      }
      case P::LBRACKET:
        if (!out.empty() && ends_expr(out.back().type) && out.back().stop + 1 == t.start)
          t.type = P::ACCESS_LBRACKET;
        ok = push(t, Lvl::Bracket, "[");
        break;
      case P::LBRACE:
        ok = push(t, Lvl::Brace, "{");
        break;
      case P::MAP_OPEN:
        ok = push(t, Lvl::Brace, "%{");
        break;
      case P::DO:
        // A `do` belongs to the first no-parens call of its statement
        // (`def f(x) when x > 0 do`, `if foo(x) do`); otherwise to the call
        // right before it (`foo(x) do`, `cond do`).
        if (top().pending_np >= 0) {
          out[static_cast<size_t>(top().pending_np)].type = P::NPD_IDENT;
          top().pending_np = -1;
          t.type = P::DO_NP;
        }
        ok = push(t, Lvl::Do, "do");
        break;
      case P::FN:
        ok = push(t, Lvl::Fn, "fn");
        break;
      case P::RPAREN: case P::RBRACKET: case P::RBRACE: case P::END:
        if (!close(t)) continue;
        t.lvl = static_cast<uint16_t>(stack_.size());
        break;
      case P::COMMA:
        end_expr();
        break;
      case P::ARROW: case P::ELSE: case P::AFTER: case P::CATCH: case P::RESCUE:
        end_statement();  // a clause body or block section starts
        break;
      default:
        if (!is_literal(t.type) && t.type != P::ALIAS && t.type != P::ERRCHAR) ok = count_op(t);
        break;
    }
    if (!ok) return false;
    if (out.size() >= kMaxTokens) {
      rep_.error(t.line, t.col, "file too large: more than " + std::to_string(kMaxTokens) +
                                    " tokens; split it into several files");
      return false;
    }
    out.push_back(t);
  }

  // The end of the file, placed just after the last token so that a caret
  // under it points at a real line.
  Tok eof{};
  eof.type = kEof;
  eof.start = static_cast<uint32_t>(src_.size());
  eof.stop = eof.start ? eof.start - 1 : 0;
  eof.line = 1;
  eof.lvl = 1;
  if (!out.empty()) {
    auto e = end_of(out.back());
    eof.line = e.first;
    eof.col = e.second;
  }
  // An unterminated string ran to the end of the file: the blocks it
  // swallowed are not really open.
  if (!bracket_error_ && !unterminated_ && stack_.size() > 1) {
    const Level& l = top();
    rep_.error(eof.line, eof.col, std::string("unexpected end of file: missing '") + closer_of(l.kind) +
                                      "' for '" + l.opener + "' opened at " + std::to_string(l.line) + ":" +
                                      std::to_string(l.col + 1));
  }
  out.push_back(eof);
  return !rep_.failed;
}

// ---------------------------------------------------------------------------
// Feeding the filtered tokens to ANTLR
// ---------------------------------------------------------------------------

struct StreamCtx {
  HxLexer* lexer;
  antlr4::CharStream* input;  ///< what the lexer read (non-ASCII folded)
  const std::u32string* text; ///< the real code points
};

/// A token that reads its text from the input on demand: small, because a
/// file can have millions of them.
class LiteToken final : public antlr4::WritableToken {
 public:
  LiteToken(const Tok& t, const StreamCtx* cx)
      : type_(t.type == kEof ? Token::EOF : static_cast<size_t>(t.type)),
        start_(t.start), stop_(t.stop), line_(t.line), col_(t.col), semi_(t.semi), unit_end_(t.unit_end),
        cx_(cx) {}
  std::string getText() const override {
    if (type_ == Token::EOF) return unit_end_ ? "\n" : "<EOF>";
    if (type_ == P::EOL) return semi_ ? ";" : "\n";
    std::string s;
    for (size_t i = start_; i <= stop_ && i < cx_->text->size(); ++i) append_utf8(s, (*cx_->text)[i]);
    return s;
  }
  size_t getType() const override { return type_; }
  size_t getLine() const override { return line_; }
  size_t getCharPositionInLine() const override { return col_; }
  size_t getChannel() const override { return Token::DEFAULT_CHANNEL; }
  size_t getTokenIndex() const override { return index_; }
  size_t getStartIndex() const override { return start_; }
  size_t getStopIndex() const override { return stop_; }
  antlr4::TokenSource* getTokenSource() const override { return cx_->lexer; }
  antlr4::CharStream* getInputStream() const override { return cx_->input; }
  std::string toString() const override { return getText(); }
  void setText(const std::string&) override {}
  void setType(size_t t) override { type_ = t; }
  void setLine(size_t l) override { line_ = static_cast<uint32_t>(l); }
  void setCharPositionInLine(size_t c) override { col_ = static_cast<uint32_t>(c); }
  void setChannel(size_t) override {}
  void setTokenIndex(size_t i) override { index_ = i; }

 private:
  size_t type_;
  size_t index_ = 0;
  uint32_t start_, stop_, line_, col_;
  bool semi_, unit_end_;
  const StreamCtx* cx_;
};

class FilteredSource final : public antlr4::TokenSource {
 public:
  FilteredSource(std::vector<Tok> toks, const StreamCtx* cx) : toks_(std::move(toks)), cx_(cx) {}
  std::unique_ptr<Token> nextToken() override {
    const Tok& t = toks_[i_];
    if (i_ + 1 < toks_.size()) ++i_;  // the last token is EOF; repeat it
    return std::make_unique<LiteToken>(t, cx_);
  }
  size_t getLine() const override { return toks_[i_].line; }
  size_t getCharPositionInLine() override { return toks_[i_].col; }
  antlr4::CharStream* getInputStream() override { return cx_->input; }
  std::string getSourceName() override { return cx_->input->getSourceName(); }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override {
    return antlr4::CommonTokenFactory::DEFAULT.get();
  }

 private:
  std::vector<Tok> toks_;
  size_t i_ = 0;
  const StreamCtx* cx_;
};

// ---------------------------------------------------------------------------
// Step 4: syntax errors in plain words
// ---------------------------------------------------------------------------

std::string describe(Token* t) {
  if (!t) return "end of file";
  if (t->getType() == Token::EOF) return t->getText() == "\n" ? "end of line" : "end of file";
  if (t->getType() == P::EOL) return t->getText() == ";" ? "token ';'" : "end of line";
  return "token '" + excerpt(t->getText(), 30) + "'";
}

/// How an expected token is named in a message, or "" for ones that would
/// not help ("expected an identifier" after every operator).
std::string expected_name(size_t type) {
  switch (type) {
    case P::RPAREN: return "')'";
    case P::RBRACKET: return "']'";
    case P::RBRACE: return "'}'";
    case P::END: return "'end'";
    case P::ARROW: return "'->'";
    case P::COMMA: return "','";
    default: return "";
  }
}

/// The first syntax error of a parse, in plain words.
struct SyntaxError {
  bool set = false;
  size_t line = 0, col = 0;
  size_t index = 0;  ///< of the offending token
  std::string message;
};

/// Remembers the furthest token the parser has looked at. ANTLR detects
/// some errors while predicting far ahead and then blames the token where
/// the prediction started (`def f(), do: (1 ,)` would blame the first
/// ','); the furthest token examined is where the input actually stopped
/// making sense.
class TrackingTokenStream : public antlr4::CommonTokenStream {
 public:
  using antlr4::CommonTokenStream::CommonTokenStream;
  Token* LT(ssize_t k) override {
    Token* t = antlr4::CommonTokenStream::LT(k);
    if (t && k > 0 && t->getTokenIndex() > furthest) furthest = t->getTokenIndex();
    return t;
  }
  size_t furthest = 0;
};

/// Thrown to abandon a parse at its first error (not a RecognitionException,
/// so the generated rules do not catch it).
struct StopParse {};

/// Records the first error in plain words ("unexpected token ')'", "missing
/// '->' before token 'end'") and stops. ANTLR's own recovery resynchronises
/// badly on this grammar (one error, then silence or nonsense); several
/// errors come from parsing statement by statement instead (report_units).
class FirstError : public antlr4::DefaultErrorStrategy {
 public:
  FirstError(SyntaxError& err, const TrackingTokenStream& tokens) : err_(err), tokens_(tokens) {}
  /// How far the parser had looked when it met the error, before this
  /// strategy peeked further.
  size_t furthest = 0;

  void recover(antlr4::Parser*, std::exception_ptr) override { throw StopParse{}; }
  void sync(antlr4::Parser*) override {}
  Token* recoverInline(antlr4::Parser* p) override {
    snapshot();
    // Name a single missing or extra token when that explains the error.
    if (!singleTokenDeletion(p) && !singleTokenInsertion(p))
      record(p->getCurrentToken(), hint(p->getExpectedTokens()));
    throw StopParse{};
  }

 protected:
  void reportNoViableAlternative(antlr4::Parser*, const antlr4::NoViableAltException& e) override {
    snapshot();
    record(e.getOffendingToken(), "");
  }
  void reportInputMismatch(antlr4::Parser*, const antlr4::InputMismatchException& e) override {
    snapshot();
    record(e.getOffendingToken(), hint(e.getExpectedTokens()));
  }
  void reportFailedPredicate(antlr4::Parser*, const antlr4::FailedPredicateException& e) override {
    snapshot();
    record(e.getOffendingToken(), "");
  }
  void reportUnwantedToken(antlr4::Parser* p) override { record(p->getCurrentToken(), ""); }
  void reportMissingToken(antlr4::Parser* p) override {
    Token* t = p->getCurrentToken();
    antlr4::misc::IntervalSet want = getExpectedTokens(p);
    std::string name = want.size() == 1 ? expected_name(static_cast<size_t>(want.getMinElement())) : "";
    if (name.empty())
      record(t, "");
    else
      set(t, "missing " + name + " before " + describe(t));
  }

 private:
  static std::string hint(const antlr4::misc::IntervalSet& want) {
    if (want.size() != 1) return "";
    std::string name = expected_name(static_cast<size_t>(want.getMinElement()));
    return name.empty() ? "" : "; expected " + name;
  }
  void snapshot() {
    if (!snapped_) furthest = tokens_.furthest;
    snapped_ = true;
  }
  void record(Token* t, const std::string& hint) { set(t, "unexpected " + describe(t) + hint); }
  void set(Token* t, std::string msg) {
    if (err_.set) return;
    err_.set = true;
    err_.line = t ? t->getLine() : 1;
    err_.col = t ? t->getCharPositionInLine() : 0;
    err_.index = t ? t->getTokenIndex() : 0;
    err_.message = std::move(msg);
  }
  SyntaxError& err_;
  const TrackingTokenStream& tokens_;
  bool snapped_ = false;
};

/// One ANTLR parse of a token sequence. Owns the parse tree.
class ParseRun {
 public:
  ParseRun(std::vector<Tok> toks, const StreamCtx* cx)
      : source_(std::move(toks), cx), tokens_(&source_), parser_(&tokens_) {
    parser_.removeErrorListeners();
  }

  /// SLL prediction first, full LL only if that fails: SLL succeeds on
  /// nearly all correct input and is several times faster. Returns null,
  /// with err set, on a syntax error.
  HxParser::FileContext* run(SyntaxError& err) {
    auto* sim = parser_.getInterpreter<antlr4::atn::ParserATNSimulator>();
    sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser_.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      return parser_.file();
    } catch (antlr4::ParseCancellationException&) {
    }
    if (std::getenv("HX_DEBUG_PARSE")) std::fprintf(stderr, "hx parse: SLL failed, retrying with LL\n");
    parser_.reset();
    tokens_.furthest = 0;
    sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
    auto strategy = std::make_shared<FirstError>(err, tokens_);
    parser_.setErrorHandler(strategy);
    HxParser::FileContext* tree = nullptr;
    try {
      tree = parser_.file();
    } catch (StopParse&) {
      tree = nullptr;
    }
    if (!err.set) return tree;
    if (std::getenv("HX_DEBUG_PARSE"))
      std::fprintf(stderr, "hx parse: error at token %zu (%s), furthest token seen %zu\n", err.index,
                   err.message.c_str(), strategy->furthest);
    if (strategy->furthest > err.index) {
      Token* t = tokens_.get(strategy->furthest);
      err.line = t->getLine();
      err.col = t->getCharPositionInLine();
      err.index = strategy->furthest;
      err.message = "unexpected " + describe(t);
    }
    return nullptr;
  }

 private:
  FilteredSource source_;
  TrackingTokenStream tokens_;
  HxParser parser_;
};

/// After a syntax error: parses the statements of toks[a, b) one by one, at
/// nesting level lvl, and reports the first error of each, so that errors in
/// different functions are all reported and none is a consequence of
/// another. A statement that ends in a plain do-block (`def f do ... end`,
/// `defmodule M do ... end`) is split further: its head with an empty block,
/// then each statement of the block. Blocks of `->` clauses and blocks with
/// `else` stay whole. Returns whether it reported anything.
bool report_units(const std::vector<Tok>& toks, size_t a, size_t b, uint16_t lvl, const StreamCtx* cx,
                  Reporter& rep) {
  bool reported = false;
  auto parse_alone = [&](std::vector<Tok> unit, const Tok& after) {
    Tok end = after;
    end.type = kEof;
    end.unit_end = after.type != kEof;
    unit.push_back(end);
    SyntaxError err;
    ParseRun run(std::move(unit), cx);
    if (!run.run(err) && err.set) {
      rep.error(err.line, err.col, err.message);
      reported = true;
    }
  };
  size_t s = a;
  while (s < b && !rep.diags.too_many()) {
    size_t e = s;
    while (e < b && !(toks[e].type == P::EOL && toks[e].lvl == lvl)) ++e;
    const Tok& after = toks[e < b ? e : b];
    // A statement ending in `do ... end` at this level: find its `do`.
    size_t do_at = e;
    if (e > s && toks[e - 1].type == P::END && toks[e - 1].lvl == lvl) {
      for (size_t i = e - 1; i-- > s;)
        if ((toks[i].type == P::DO || toks[i].type == P::DO_NP) && toks[i].lvl == lvl) {
          do_at = i;
          break;
        }
    }
    bool split = do_at < e;
    for (size_t i = do_at + 1; split && i + 1 < e; ++i) {
      const Tok& t = toks[i];
      if (t.lvl == lvl + 1 && (t.type == P::ARROW || t.type == P::ELSE || t.type == P::AFTER ||
                               t.type == P::CATCH || t.type == P::RESCUE))
        split = false;
      if (t.lvl == lvl && (t.type == P::DO || t.type == P::DO_NP)) split = false;  // not its do
    }
    if (split) {
      std::vector<Tok> head(toks.begin() + static_cast<long>(s), toks.begin() + static_cast<long>(do_at) + 1);
      head.push_back(toks[e - 1]);
      parse_alone(std::move(head), after);
      if (report_units(toks, do_at + 1, e - 1, static_cast<uint16_t>(lvl + 1), cx, rep)) reported = true;
    } else if (e > s) {
      parse_alone(std::vector<Tok>(toks.begin() + static_cast<long>(s), toks.begin() + static_cast<long>(e)), after);
    }
    s = e + 1;
  }
  return reported;
}

// ---------------------------------------------------------------------------
// Step 5: parse tree -> AST
// ---------------------------------------------------------------------------

bool hex_digit(char c, int& v) {
  if (c >= '0' && c <= '9') v = c - '0';
  else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
  else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
  else return false;
  return true;
}

/// The value of an integer token's spelling; false when it exceeds 64 bits
/// unsigned (the caller checks the signed range).
bool int_value(const std::string& s, size_t type, uint64_t& v) {
  unsigned base = 10;
  size_t pos = 0;
  if (type == P::HEX) base = 16, pos = 2;
  if (type == P::BIN) base = 2, pos = 2;
  if (type == P::OCT) base = 8, pos = 2;
  v = 0;
  for (size_t i = pos; i < s.size(); ++i) {
    if (s[i] == '_') continue;
    int d = 0;
    if (!hex_digit(s[i], d) || static_cast<unsigned>(d) >= base) return false;
    if (v > (UINT64_MAX - static_cast<uint64_t>(d)) / base) return false;
    v = v * base + static_cast<uint64_t>(d);
  }
  return true;
}

class Builder {
 public:
  Builder(Reporter& rep) : rep_(rep) {}

  void file(HxParser::FileContext* ctx, FileAST& out) {
    if (ctx->stmts())
      for (auto* e : ctx->stmts()->expr()) out.top.push_back(expr(e));
  }

 private:
  Loc L(Token* t) const {
    if (!t) return Loc{};
    return Loc{rep_.file, static_cast<uint32_t>(t->getLine()), static_cast<uint32_t>(t->getCharPositionInLine() + 1)};
  }
  Loc L(antlr4::tree::TerminalNode* n) const { return n ? L(n->getSymbol()) : Loc{}; }
  NodeRef error_node(Loc loc) { return make_node(NodeKind::Error, loc); }

  NodeRef expr(HxParser::ExprContext* ctx);
  NodeRef call_tail(HxParser::CallTailContext* ctx, NodeRef target);
  NodeRef primary(HxParser::PrimaryContext* ctx);
  enum class ArgsKind { Parens, NoParens, Container };
  void args(const std::vector<HxParser::ArgContext*>& items, std::vector<NodeRef>& out, ArgsKind kind);
  void args(HxParser::ArgsContext* c, std::vector<NodeRef>& out) {
    if (c) args(c->arg(), out, ArgsKind::Parens);
  }
  void args(HxParser::NpArgsContext* c, std::vector<NodeRef>& out) {
    if (c) args(c->arg(), out, ArgsKind::NoParens);
  }
  void args(HxParser::ElemsContext* c, std::vector<NodeRef>& out) {
    if (c) args(c->arg(), out, ArgsKind::Container);
  }
  NodeRef kw_list(HxParser::KwPairsContext* ctx);
  NodeRef pair(HxParser::KwPairContext* ctx);
  NodeRef do_block(Token* do_tok, HxParser::BlockBodyContext* body,
                   const std::vector<HxParser::BlockSectionContext*>& sections);
  NodeRef block_body(Loc loc, HxParser::BlockBodyContext* ctx);
  NodeRef block(Loc loc, HxParser::StmtsContext* ctx);
  NodeRef clause(HxParser::ClauseContext* ctx);
  NodeRef map_body(Loc loc, HxParser::MapBodyContext* ctx, std::string struct_name);
  NodeRef int_lit(Token* t);
  NodeRef string_lit(Token* t);
  std::string unescape(const std::string& s, Token* t, size_t offset);
  Loc loc_in(Token* t, const std::string& text, size_t offset) const;

  Reporter& rep_;
};

NodeRef Builder::expr(HxParser::ExprContext* ctx) {
  if (!ctx) return error_node(Loc{});
  if (auto* c = dynamic_cast<HxParser::PrimContext*>(ctx)) return primary(c->primary());
  if (auto* c = dynamic_cast<HxParser::BinaryContext*>(ctx)) {
    NodeRef lhs = expr(c->expr(0)), rhs = expr(c->expr(1));
    std::string op = c->op->getText();
    if (c->op->getType() == P::SLASHSLASH && !(lhs->kind == NodeKind::Binary && lhs->name == ".."))
      rep_.error(L(c->op), "the step operator '//' must follow a range, as in first..last//step");
    NodeRef n = make_node(NodeKind::Binary, L(c->op), op, {lhs, rhs});
    if (c->not_) return make_node(NodeKind::Unary, L(c->not_), "not", {n});  // `a not in b`
    return n;
  }
  if (auto* c = dynamic_cast<HxParser::PrefixOpContext*>(ctx)) {
    // -9223372036854775808 is the one literal whose magnitude does not fit:
    // fold it rather than reject the smallest int64.
    if (c->op->getType() == P::MINUS)
      if (auto* pc = dynamic_cast<HxParser::PrimContext*>(c->expr()))
        if (auto* ic = dynamic_cast<HxParser::IntLitContext*>(pc->primary())) {
          uint64_t v;
          Token* t = ic->getStart();
          if (t->getType() != P::CHAR && int_value(t->getText(), t->getType(), v) && v == (uint64_t(1) << 63))
            return make_int(L(c->op), INT64_MIN, "-" + t->getText());
        }
    return make_node(NodeKind::Unary, L(c->op), c->op->getText(), {expr(c->expr())});
  }
  if (auto* c = dynamic_cast<HxParser::RemoteContext*>(ctx)) return call_tail(c->callTail(), expr(c->expr()));
  if (auto* c = dynamic_cast<HxParser::AnonCallContext*>(ctx)) {
    std::vector<NodeRef> a;
    args(c->args(), a);
    return make_call(L(c->DOT()), expr(c->expr()), "", std::move(a), true);
  }
  if (auto* c = dynamic_cast<HxParser::AccessContext*>(ctx)) {
    // `m[k]` is Access.get(m, k), as Elixir quotes it.
    Loc loc = L(c->ACCESS_LBRACKET());
    return make_call(loc, make_node(NodeKind::Alias, loc, "Access"), "get", {expr(c->expr(0)), expr(c->expr(1))}, true);
  }
  if (auto* c = dynamic_cast<HxParser::WhenKwContext*>(ctx))
    return make_node(NodeKind::Binary, L(c->WHEN()), "when", {expr(c->expr()), kw_list(c->kwPairs())});
  return error_node(L(ctx->getStart()));
}

NodeRef Builder::call_tail(HxParser::CallTailContext* ctx, NodeRef target) {
  if (auto* c = dynamic_cast<HxParser::ParenCallContext*>(ctx)) {
    std::vector<NodeRef> a;
    args(c->args(), a);
    if (auto* d = c->doBlock()) a.push_back(do_block(d->DO()->getSymbol(), d->blockBody(), d->blockSection()));
    Token* name = c->CALL_IDENT()->getSymbol();
    return make_call(L(name), std::move(target), name->getText(), std::move(a), true);
  }
  if (auto* c = dynamic_cast<HxParser::NpDoCallContext*>(ctx)) {
    std::vector<NodeRef> a;
    args(c->npArgs(), a);
    auto* d = c->npDoBlock();
    a.push_back(do_block(d->DO_NP()->getSymbol(), d->blockBody(), d->blockSection()));
    Token* name = c->NPD_IDENT()->getSymbol();
    return make_call(L(name), std::move(target), name->getText(), std::move(a), false);
  }
  if (auto* c = dynamic_cast<HxParser::NpCallContext*>(ctx)) {
    std::vector<NodeRef> a;
    args(c->npArgs(), a);
    Token* name = c->NP_IDENT()->getSymbol();
    return make_call(L(name), std::move(target), name->getText(), std::move(a), false);
  }
  if (auto* c = dynamic_cast<HxParser::BareCallContext*>(ctx)) {
    Token* name = c->IDENT()->getSymbol();
    if (auto* d = c->doBlock()) {
      std::vector<NodeRef> a{do_block(d->DO()->getSymbol(), d->blockBody(), d->blockSection())};
      return make_call(L(name), std::move(target), name->getText(), std::move(a), false);
    }
    if (target) return make_call(L(name), std::move(target), name->getText(), {}, false);
    return make_node(NodeKind::Var, L(name), name->getText());
  }
  return error_node(ctx ? L(ctx->getStart()) : Loc{});
}

/// The name token of a no-parentheses call with several arguments at the
/// right end of e (`if a, do: b`, `x + foo a, b`), or null. Inside a list,
/// or next to other arguments, its commas are ambiguous.
Token* multi_arg_np_call(HxParser::ExprContext* e) {
  while (e) {
    if (auto* b = dynamic_cast<HxParser::BinaryContext*>(e)) {
      e = b->expr(1);
      continue;
    }
    if (auto* u = dynamic_cast<HxParser::PrefixOpContext*>(e)) {
      e = u->expr();
      continue;
    }
    HxParser::CallTailContext* tail = nullptr;
    if (auto* r = dynamic_cast<HxParser::RemoteContext*>(e)) tail = r->callTail();
    if (auto* p = dynamic_cast<HxParser::PrimContext*>(e))
      if (auto* l = dynamic_cast<HxParser::LocalCallContext*>(p->primary())) tail = l->callTail();
    auto* np = dynamic_cast<HxParser::NpCallContext*>(tail);
    if (!np) return nullptr;
    auto items = np->npArgs()->arg();
    if (items.size() > 1) return np->NP_IDENT()->getSymbol();
    e = items[0]->expr() ? items[0]->expr() : items[0]->kwPair()->expr();
  }
  return nullptr;
}

/// Positional arguments, then one KeywordList for the trailing `k: v` pairs.
///
/// Where a call without parentheses may take several arguments follows
/// Elixir: never inside a list, tuple or map; in a call with parentheses
/// only as its sole positional argument (`foo(if a, do: b)`); in a call
/// without parentheses only as its sole positional argument or as a keyword
/// value (`if a, do: if b, do: c`). Elsewhere its commas are ambiguous.
void Builder::args(const std::vector<HxParser::ArgContext*>& items, std::vector<NodeRef>& out, ArgsKind kind) {
  for (auto* a : items) {
    bool kw = a->kwPair() != nullptr;
    bool check = kind == ArgsKind::Container || (kind == ArgsKind::Parens && (items.size() > 1 || kw)) ||
                 (kind == ArgsKind::NoParens && items.size() > 1 && !kw);
    Token* np = check ? multi_arg_np_call(kw ? a->kwPair()->expr() : a->expr()) : nullptr;
    if (np)
      rep_.error(L(np), "parentheses are required around the arguments of '" + np->getText() +
                            "' here: its commas are ambiguous");
  }
  std::vector<NodeRef> pairs;
  Loc kw_loc;
  for (auto* a : items) {
    if (auto* p = a->kwPair()) {
      if (pairs.empty()) kw_loc = L(p->KW());
      pairs.push_back(pair(p));
    } else if (!pairs.empty()) {
      rep_.error(L(a->getStart()), "keyword pairs must come last; wrap them in [ ] to pass a keyword list earlier");
      out.push_back(expr(a->expr()));
    } else {
      out.push_back(expr(a->expr()));
    }
  }
  if (!pairs.empty()) out.push_back(make_node(NodeKind::KeywordList, kw_loc, "", std::move(pairs)));
}

NodeRef Builder::pair(HxParser::KwPairContext* ctx) {
  std::string key = ctx->KW()->getText();
  key.pop_back();  // the ':'
  return make_node(NodeKind::Pair, L(ctx->KW()), key, {expr(ctx->expr())});
}

NodeRef Builder::kw_list(HxParser::KwPairsContext* ctx) {
  std::vector<NodeRef> pairs;
  for (auto* p : ctx->kwPair()) pairs.push_back(pair(p));
  return make_node(NodeKind::KeywordList, L(ctx->getStart()), "", std::move(pairs));
}

/// `do ... else ... end` -> [do: Block, else: Block], located at `do`.
NodeRef Builder::do_block(Token* do_tok, HxParser::BlockBodyContext* body,
                          const std::vector<HxParser::BlockSectionContext*>& sections) {
  Loc loc = L(do_tok);
  std::vector<NodeRef> pairs{make_node(NodeKind::Pair, loc, "do", {block_body(loc, body)})};
  for (auto* s : sections) {
    Loc sl = L(s->kw);
    pairs.push_back(make_node(NodeKind::Pair, sl, s->kw->getText(), {block_body(sl, s->blockBody())}));
  }
  return make_node(NodeKind::KeywordList, loc, "", std::move(pairs));
}

NodeRef Builder::block_body(Loc loc, HxParser::BlockBodyContext* ctx) {
  if (ctx && ctx->clauses()) {
    std::vector<NodeRef> cl;
    for (auto* c : ctx->clauses()->clause()) cl.push_back(clause(c));
    return make_node(NodeKind::Block, loc, "", std::move(cl));
  }
  return block(loc, ctx ? ctx->stmts() : nullptr);
}

NodeRef Builder::block(Loc loc, HxParser::StmtsContext* ctx) {
  std::vector<NodeRef> body;
  if (ctx)
    for (auto* e : ctx->expr()) body.push_back(expr(e));
  return make_node(NodeKind::Block, loc, "", std::move(body));
}

NodeRef Builder::clause(HxParser::ClauseContext* ctx) {
  std::vector<NodeRef> pats;
  NodeRef guard;
  auto* h = ctx->clauseHead();
  if (h) {
    for (auto* e : h->expr())
      if (e != h->guard) pats.push_back(expr(e));
    if (h->guard) {
      guard = expr(h->guard);
    } else if (!h->LPAREN() && !pats.empty() && pats.back()->kind == NodeKind::Binary &&
               pats.back()->name == "when") {
      // `x, y when x > y ->` parses as [x, (y when x > y)]: split the guard off.
      NodeRef w = pats.back();
      pats.back() = w->args[0];
      guard = w->args[1];
    }
  }
  Loc loc = h ? L(h->getStart()) : L(ctx->ARROW());
  return make_clause(loc, std::move(pats), std::move(guard), block(L(ctx->ARROW()), ctx->stmts()));
}

NodeRef Builder::map_body(Loc loc, HxParser::MapBodyContext* ctx, std::string struct_name) {
  NodeRef target;
  std::vector<NodeRef> entries;
  if (auto* u = dynamic_cast<HxParser::MapUpdateContext*>(ctx)) {
    target = expr(u->expr());
    for (auto* p : u->kwPairs()->kwPair()) {
      if (Token* np = multi_arg_np_call(p->expr()))
        rep_.error(L(np), "parentheses are required around the arguments of '" + np->getText() +
                              "' here: its commas are ambiguous");
      entries.push_back(pair(p));
    }
  } else if (auto* m = dynamic_cast<HxParser::MapPairsContext*>(ctx)) {
    std::vector<NodeRef> items;
    args(m->elems(), items);
    for (size_t i = 0; i < items.size(); ++i) {
      NodeRef it = items[i];
      if (it->kind == NodeKind::KeywordList) {
        for (const NodeRef& p : it->args) entries.push_back(p);
        continue;
      }
      if (i == 0 && it->kind == NodeKind::Binary && it->name == "|") {  // %{m | k => v}
        target = it->args[0];
        it = it->args[1];
      }
      if (it->kind != NodeKind::Binary || it->name != "=>") {
        rep_.error(it->loc, "expected 'key => value' or 'key: value' in a map");
        continue;
      }
      entries.push_back(it);
    }
  }
  auto n = std::make_shared<Node>();
  n->kind = NodeKind::Map;
  n->loc = loc;
  n->name = std::move(struct_name);
  n->target = std::move(target);
  n->args = std::move(entries);
  return n;
}

NodeRef Builder::primary(HxParser::PrimaryContext* ctx) {
  if (!ctx) return error_node(Loc{});
  Token* first = ctx->getStart();
  if (dynamic_cast<HxParser::IntLitContext*>(ctx)) return int_lit(first);
  if (dynamic_cast<HxParser::FloatLitContext*>(ctx)) {
    std::string text = first->getText(), digits;
    for (char c : text)
      if (c != '_') digits += c;
    double v = std::strtod(digits.c_str(), nullptr);
    if (!std::isfinite(v)) rep_.error(L(first), "float literal " + excerpt(text) + " is out of range");
    return make_float(L(first), v, text);
  }
  if (dynamic_cast<HxParser::StringLitContext*>(ctx)) return string_lit(first);
  if (dynamic_cast<HxParser::WordsLitContext*>(ctx)) {
    // ~w(a b c): a list of the whitespace-separated words, strings by
    // default, atoms with the a modifier
    std::string text = first->getText();
    size_t close = text.size() - 1;
    while (close > 0 && std::islower(static_cast<unsigned char>(text[close]))) close--;
    std::string mods = text.substr(close + 1), body = text.substr(3, close - 3);
    bool atoms = false;
    for (char m : mods) {
      if (m == 'a') atoms = true;
      else if (m != 's') {
        rep_.error(L(first), std::string("the ~w modifier '") + m + "' is not supported (s and a are)");
        return error_node(L(first));
      }
    }
    if (body.find('\\') != std::string::npos || body.find("#{") != std::string::npos) {
      rep_.error(L(first), "escapes and #{...} inside ~w are not supported; write a list of strings");
      return error_node(L(first));
    }
    std::vector<NodeRef> words;
    size_t i = 0;
    while (i < body.size()) {
      while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) i++;
      size_t j = i;
      while (j < body.size() && !std::isspace(static_cast<unsigned char>(body[j]))) j++;
      if (j > i) words.push_back(make_node(atoms ? NodeKind::Atom : NodeKind::String, loc_in(first, text, 3 + i),
                                           body.substr(i, j - i)));
      i = j;
    }
    return make_node(NodeKind::List, L(first), "", std::move(words));
  }
  if (dynamic_cast<HxParser::CharlistLitContext*>(ctx)) {
    rep_.error(L(first), "charlists ('...') are not supported; use a string (\"...\")");
    return error_node(L(first));
  }
  if (dynamic_cast<HxParser::AtomLitContext*>(ctx)) {
    std::string text = first->getText();
    std::string name = first->getType() == P::QATOM ? unescape(text.substr(2, text.size() - 3), first, 2)
                                                    : text.substr(1);
    return make_node(NodeKind::Atom, L(first), name);
  }
  if (dynamic_cast<HxParser::ConstLitContext*>(ctx)) return make_node(NodeKind::Atom, L(first), first->getText());
  if (dynamic_cast<HxParser::CaptureArgContext*>(ctx)) {
    std::string text = first->getText();
    uint64_t v;
    if (!int_value(text.substr(1), P::INT, v) || v > 255) {
      rep_.error(L(first), "capture argument " + excerpt(text) + " is out of range");
      v = 0;
    }
    auto n = std::make_shared<Node>();
    n->kind = NodeKind::CaptureArg;
    n->loc = L(first);
    n->int_value = static_cast<int64_t>(v);
    n->text = text;
    return n;
  }
  if (auto* c = dynamic_cast<HxParser::LocalCallContext*>(ctx)) return call_tail(c->callTail(), nullptr);
  if (auto* c = dynamic_cast<HxParser::AliasLitContext*>(ctx))
    return make_node(NodeKind::Alias, L(first), c->aliasName()->getText());
  if (auto* c = dynamic_cast<HxParser::ParensContext*>(ctx)) {
    // `(x)` is x; `(a; b)` and `()` are blocks, as in Elixir.
    NodeRef b = block(L(c->LPAREN()), c->stmts());
    return b->args.size() == 1 ? b->args[0] : b;
  }
  if (auto* c = dynamic_cast<HxParser::ListContext*>(ctx)) {
    std::vector<NodeRef> a;
    args(c->elems(), a);
    return make_node(NodeKind::List, L(first), "", std::move(a));
  }
  if (auto* c = dynamic_cast<HxParser::TupleContext*>(ctx)) {
    std::vector<NodeRef> a;
    args(c->elems(), a);
    return make_node(NodeKind::Tuple, L(first), "", std::move(a));
  }
  if (auto* c = dynamic_cast<HxParser::MapContext*>(ctx)) return map_body(L(first), c->mapBody(), "");
  if (auto* c = dynamic_cast<HxParser::StructContext*>(ctx))
    return map_body(L(first), c->mapBody(), c->aliasName()->getText());
  if (auto* c = dynamic_cast<HxParser::FnContext*>(ctx)) {
    std::vector<NodeRef> cl;
    for (auto* k : c->clauses()->clause()) cl.push_back(clause(k));
    return make_node(NodeKind::Fn, L(first), "", std::move(cl));
  }
  return error_node(L(first));
}

NodeRef Builder::int_lit(Token* t) {
  std::string text = t->getText();
  if (t->getType() == P::CHAR) {  // ?a, ?\n
    std::string v = text[1] == '\\' ? unescape(text.substr(1), t, 1) : text.substr(1);
    size_t i = 0;
    uint32_t cp = 0;
    if (!v.empty()) next_code_point(v, i, cp);
    return make_int(L(t), cp, text);
  }
  uint64_t v;
  if (!int_value(text, t->getType(), v) || v > static_cast<uint64_t>(INT64_MAX)) {
    rep_.error(L(t), "integer literal " + excerpt(text) + " does not fit in 64 bits");
    v = 0;
  }
  return make_int(L(t), static_cast<int64_t>(v), text);
}

/// Where byte `offset` of token t's text is in the file.
Loc Builder::loc_in(Token* t, const std::string& text, size_t offset) const {
  Loc loc = L(t);
  size_t i = 0;
  while (i < offset && i < text.size()) {
    uint32_t cp;
    next_code_point(text, i, cp);
    if (cp == '\n') {
      ++loc.line;
      loc.col = 1;
    } else {
      ++loc.col;
    }
  }
  return loc;
}

/// Decodes escapes in s, which starts at byte `offset` of token t's text.
std::string Builder::unescape(const std::string& s, Token* t, size_t offset) {
  std::string out;
  std::string whole;  // the token text, fetched only to place an error
  auto err = [&](size_t at, const std::string& msg) {
    if (whole.empty()) whole = t->getText();
    rep_.error(loc_in(t, whole, offset + at), msg);
  };
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '#' && i + 1 < s.size() && s[i + 1] == '{') {
      err(i, "string interpolation is not supported yet");
      out += c;
      continue;
    }
    if (c != '\\' || i + 1 >= s.size()) {
      out += c;
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '0': out += '\0'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'e': out += '\x1B'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 's': out += ' '; break;
      case '\n': break;  // a backslash at the end of a line joins the lines
      case '\r':
        if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        break;
      case 'x': {
        int v = 0, d;
        size_t n = 0;
        while (n < 2 && i + 1 < s.size() && hex_digit(s[i + 1], d)) v = v * 16 + d, ++i, ++n;
        if (n == 0) err(i - 1, "invalid escape '\\x': expected hexadecimal digits");
        append_utf8(out, static_cast<uint32_t>(v));
        break;
      }
      case 'u': {
        uint32_t v = 0;
        int d;
        size_t n = 0, at = i - 1;
        bool braced = i + 1 < s.size() && s[i + 1] == '{';
        if (braced) ++i;
        size_t max = braced ? 6 : 4;
        while (n < max && i + 1 < s.size() && hex_digit(s[i + 1], d)) v = v * 16 + static_cast<uint32_t>(d), ++i, ++n;
        bool ok = braced ? (n > 0 && i + 1 < s.size() && s[i + 1] == '}') : n == 4;
        if (braced && ok) ++i;
        if (!ok || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
          err(at, "invalid escape '\\u': expected \\uXXXX or \\u{X...} naming a Unicode code point");
          break;
        }
        append_utf8(out, v);
        break;
      }
      default:
        out += e;  // \" \\ \# and unknown escapes stand for the character
        break;
    }
  }
  return out;
}

NodeRef Builder::string_lit(Token* t) {
  std::string text = t->getText();
  if (t->getType() == P::STRING)
    return make_node(NodeKind::String, L(t), unescape(text.substr(1, text.size() - 2), t, 1));

  // Heredoc: the opening """ ends its line; the closing """ sits on its own
  // line and its indentation is removed from every line of the content.
  std::string body = text.substr(3, text.size() - 6);
  size_t nl = body.find('\n');
  if (nl == std::string::npos || body.find_first_not_of(" \t\r") < nl) {
    rep_.error(L(t), "a heredoc must start a new line after its opening \"\"\"");
    return make_node(NodeKind::String, L(t), "");
  }
  size_t last_nl = body.rfind('\n');
  std::string indent = body.substr(last_nl + 1);
  if (indent.find_first_not_of(" \t") != std::string::npos) {
    rep_.error(loc_in(t, text, text.size() - 3), "the closing \"\"\" of a heredoc must be on its own line");
    return make_node(NodeKind::String, L(t), "");
  }
  std::string content;
  size_t pos = nl + 1;
  while (pos <= last_nl) {
    size_t end = body.find('\n', pos);
    std::string line = body.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t strip = 0;
    while (strip < indent.size() && strip < line.size() && (line[strip] == ' ' || line[strip] == '\t')) ++strip;
    content += line.substr(strip);
    content += '\n';
    pos = end + 1;
  }
  return make_node(NodeKind::String, L(t), unescape(content, t, 3 + nl + 1));
}

// ---------------------------------------------------------------------------
// Driving it
// ---------------------------------------------------------------------------

/// Steps 2-5, on whatever thread calls it.
void parse_here(const SourceFile& src, Reporter& rep, FileAST& out) {
  std::u32string text = decode(src.text, rep);
  if (rep.failed) return;  // not UTF-8: nothing after this would be reliable
  // The lexer sees every non-ASCII code point as U+007F. No rule names
  // either, so tokens come out the same, but ANTLR's lexer caches DFA edges
  // only for ASCII and would otherwise crawl through non-ASCII text. Token
  // text is read from the unfolded copy.
  std::u32string folded = text;
  for (char32_t& c : folded)
    if (c > 0x7F) c = 0x7F;
  CodePointStream input(std::move(folded), src.path);
  HxLexer lexer(&input);
  lexer.removeErrorListeners();
  Filter filter(lexer, text, rep);
  if (!filter.run() || rep.failed) return;

  StreamCtx cx{&lexer, &input, &text};
  std::vector<Tok> toks = std::move(filter.out);
  SyntaxError err;
  HxParser::FileContext* tree = nullptr;
  {
    // The whole file at once: the normal case.
    auto run = std::make_unique<ParseRun>(toks, &cx);
    tree = run->run(err);
    if (tree) {
      Builder(rep).file(tree, out);
      return;
    }
  }
  // A syntax error. Report one per statement; if splitting somehow hides
  // it, report the whole-file error.
  if (!report_units(toks, 0, toks.size() - 1, 1, &cx, rep) && err.set) rep.error(err.line, err.col, err.message);
  if (!rep.failed) rep.error(err.line ? err.line : 1, err.col, "syntax error");
}

void* thread_main(void* fn) {
  (*static_cast<std::function<void()>*>(fn))();
  return nullptr;
}

/// Runs fn on a thread with a kParseStack stack, or here if no thread can
/// be made (kMaxDepth still bounds the recursion then).
void run_with_big_stack(std::function<void()> fn) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) == 0) {
    pthread_t th;
    bool started = pthread_attr_setstacksize(&attr, kParseStack) == 0 &&
                   pthread_create(&th, &attr, thread_main, &fn) == 0;
    pthread_attr_destroy(&attr);
    if (started) {
      pthread_join(th, nullptr);
      return;
    }
  }
  fn();
}

}  // namespace

bool parse_file(const SourceManager& sm, uint32_t file, Diagnostics& diags, FileAST& out) {
  out.file = file;
  out.top.clear();
  Reporter rep{diags, file};
  if (file >= sm.size()) {
    rep.error(Loc{}, "internal error: no source file with id " + std::to_string(file));
    return false;
  }
  const SourceFile& src = sm.file(file);
  if (src.text.size() > kMaxSourceBytes) {
    rep.error(Loc{file, 1, 1}, "file too large: " + std::to_string(src.text.size()) + " bytes (the limit is " +
                                   std::to_string(kMaxSourceBytes >> 20) + " MB); split it into several files");
    return false;
  }
  run_with_big_stack([&] {
    try {
      parse_here(src, rep, out);
    } catch (const std::exception& e) {
      rep.error(Loc{file, 1, 1}, std::string("internal error in the parser: ") + e.what());
    } catch (...) {
      rep.error(Loc{file, 1, 1}, "internal error in the parser");
    }
  });
  return !rep.failed;
}

}  // namespace hx
