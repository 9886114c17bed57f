/// \file hastec.cpp
/// The compiler driver. The phases run in a straight line:
///   parse (grammar/, frontend/ASTBuilder) -> Sema (frontend/Sema: types,
///   specialisation, lowering) -> IR passes (ir/Pipeline) -> LLVM
///   (codegen/LLVMCodegen) -> lld (codegen/Link) -> lib<stem>.so + <stem>.h.
/// `hastec run` then execs hx-run, which loads the .so without LLVM.
///
/// Exit codes: 0 success, 1 compile error, 2 usage error, 3 runtime error.
#include "AST.h"
#include "Cache.h"
#include "Codegen.h"
#include "Diagnostics.h"
#include "IRPrinter.h"
#include "Passes.h"
#include "Sema.h"

#include <cmath>
#include <CLI/CLI.hpp>

#include <climits>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#ifndef HASTEC_VERSION
#define HASTEC_VERSION "0.0.0"
#endif

namespace hx {
extern const char* const kStdlibLoop;  ///< stdlib/hx/loop.hx (cmake/embed.cmake)
}

namespace {

using namespace hx;

constexpr int kExitCompile = 1;
constexpr int kExitUsage = 2;

struct Options {
  std::string input;
  std::string output;
  std::string emit;
  std::vector<std::string> exprs;  ///< hastec run -e (repeatable)
  std::string separator;           ///< hastec run --separator
  std::string cpu = "native";
  std::string dump_after, stop_after;
  int opt = 2;
  bool no_cache = false;
  bool check_overflow = false;
  bool unchecked = false;
  bool flush_denormals = false;
  std::string remarks;
  std::string target = "cpu";
  std::string fallback = "none";  ///< --fallback: none or cpu (--target=opencl only)
};

std::string exe_dir() {
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return ".";
  buf[n] = 0;
  std::string p(buf);
  return p.substr(0, p.find_last_of('/'));
}
std::string runtime_dir() { return exe_dir() + "/../lib"; }

/// Identifies this very compiler build, so a rebuilt hastec never reuses
/// shared objects that an older build put in the cache.
std::string build_identity() {
  std::string id;
  for (std::string p : {std::string("/proc/self/exe"), runtime_dir() + "/libhxrt.so"}) {
    struct stat st;
    if (stat(p.c_str(), &st) == 0)
      id += std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
            std::to_string(st.st_mtim.tv_nsec) + " ";
  }
  return id;
}

std::string stem_of(const std::string& path) {
  std::string base = path.substr(path.find_last_of('/') + 1);
  auto dot = base.find_last_of('.');
  return dot == std::string::npos ? base : base.substr(0, dot);
}

/// Everything one compilation needs, in pipeline order.
struct Compiler {
  Options opts;
  SourceManager sm;
  Diagnostics diags{sm};
  FileAST ast;
  std::unique_ptr<Sema> sema;
  ir::Program prog;

  bool parse() {
    uint32_t id;
    std::string err;
    if (!sm.load(opts.input, id, err)) {
      std::cerr << "hastec: error: " << err << "\n";
      return false;
    }
    bool ok = parse_file(sm, id, diags, ast);
    return ok && !diags.has_errors();
  }

  std::vector<const FileAST*> more;  ///< e.g. the -e expression's module
  FileAST stdlib_loop;
  bool stdlib_parsed = false;

  /// The .hx standard library (stdlib/hx/loop.hx: Hx.Loop), parsed only for
  /// programs that name it.
  void add_stdlib() {
    bool used = false;
    for (size_t i = 0; i < sm.size() && !used; i++) {
      const std::string& t = sm.file(uint32_t(i)).text;
      used = t.find("Hx.Loop") != std::string::npos || t.find("Hx.Checkpoint") != std::string::npos;
    }
    if (!used) return;
    if (!stdlib_parsed) {
      uint32_t id = sm.add("<hastec>/stdlib/hx/loop.hx", kStdlibLoop);
      parse_file(sm, id, diags, stdlib_loop);
      stdlib_parsed = true;
    }
    sema->add_file(stdlib_loop);
  }

  bool lower(const std::vector<EntryRequest>& extra) {
    sema = std::make_unique<Sema>(sm, diags);
    sema->add_file(ast);
    for (auto* f : more) sema->add_file(*f);
    add_stdlib();
    if (diags.has_errors()) return false;
    return sema->lower(extra, prog) && !diags.has_errors();
  }

  bool optimise(std::string& err) {
    ir::PipelineOptions po;
    po.opt_level = opts.opt;
    po.dump_after = opts.dump_after;
    po.stop_after = opts.stop_after;
    po.dump = &std::cerr;
    po.remarks = opts.remarks;
    po.remark_out = &std::cerr;
    static const SourceManager* remark_sm;
    remark_sm = &sm;
    po.loc_text = [](Loc l) {
      return remark_sm->file(l.file).path + ":" + std::to_string(l.line) + ":" + std::to_string(l.col);
    };
    return ir::run_pipeline(prog, po, err);
  }

  codegen::Options cg_opts() const {
    codegen::Options o;
    o.opt_level = opts.opt;
    o.cpu = opts.cpu;
    o.source_path = opts.input;
    o.check_overflow = opts.check_overflow;
    o.unchecked = opts.unchecked;
    o.flush_denormals = opts.flush_denormals;
    o.opencl = opts.target == "opencl";
    o.opencl_fallback_cpu = opts.fallback == "cpu";
    return o;
  }

  /// Builds the .so at so_path. Returns an exit code.
  int build_so(const std::string& so_path) {
    std::string obj, err;
    if (!codegen::compile(prog, cg_opts(), codegen::Emit::Object, obj, err)) {
      std::cerr << "hastec: internal error: " << err << "\n";
      return kExitCompile;
    }
    std::string obj_path = so_path + ".o";
    if (!write_file(obj_path, obj)) {
      std::cerr << "hastec: error: cannot write " << obj_path << "\n";
      return kExitCompile;
    }
    bool ok = codegen::link_shared(obj_path, so_path, runtime_dir(), err);
    std::remove(obj_path.c_str());
    if (!ok) {
      std::cerr << "hastec: error: " << err << "\n";
      return kExitCompile;
    }
    return 0;
  }

  int report() {
    diags.print(std::cerr);
    if (diags.error_count() > 1) std::cerr << diags.error_count() << " errors\n";
    return kExitCompile;
  }
};

int cmd_check(Options& o) {
  Compiler c{o};
  if (!c.parse()) return c.report();
  if (o.emit == "ast") {
    std::cout << print_ast(c.ast);
    return 0;
  }
  if (!c.lower({})) return c.report();
  if (o.emit == "ir" || !o.dump_after.empty() || !o.stop_after.empty() || !o.remarks.empty()) {
    std::string err;
    if (!c.optimise(err)) {
      std::cerr << "hastec: internal error: " << err << "\n";
      return kExitCompile;
    }
    if (o.emit == "ir") std::cout << ir::print_program(c.prog);
  }
  return 0;
}

int cmd_build(Options& o) {
  Compiler c{o};
  if (!c.parse()) return c.report();
  if (o.emit == "ast") {
    std::cout << print_ast(c.ast);
    return 0;
  }
  if (!c.lower({})) return c.report();
  if (c.sema->entries().empty())
    std::cerr << "hastec: warning: " << o.input << " has no entry points (public functions with a @spec)\n";
  std::string err;
  if (!c.optimise(err)) {
    std::cerr << "hastec: internal error: " << err << "\n";
    return kExitCompile;
  }
  std::string stem = stem_of(o.input);
  if (o.emit == "ir") {
    std::cout << ir::print_program(c.prog);
    return 0;
  }
  if (o.emit == "header" || o.emit.empty()) {
    if (std::string why = codegen::header_problem(c.prog); !why.empty()) {
      std::cerr << o.input << ": error: " << why << "\n";
      return kExitCompile;
    }
  }
  if (o.emit == "header") {
    std::cout << codegen::generate_header(c.prog, stem);
    return 0;
  }
  if (o.emit == "llvm" || o.emit == "asm" || o.emit == "opencl") {
    std::string out;
    codegen::Options cgo = c.cg_opts();
    if (o.emit == "opencl") cgo.opencl = true;
    codegen::Emit what = o.emit == "llvm" ? codegen::Emit::LLVM
                       : o.emit == "asm"  ? codegen::Emit::Asm
                                          : codegen::Emit::OpenCL;
    if (!codegen::compile(c.prog, cgo, what, out, err)) {
      std::cerr << "hastec: internal error: " << err << "\n";
      return kExitCompile;
    }
    std::cout << out;
    return 0;
  }
  std::string so = o.output.empty() ? "lib" + stem + ".so" : o.output;
  if (int rc = c.build_so(so)) return rc;
  std::string dir = so.find('/') == std::string::npos ? "" : so.substr(0, so.find_last_of('/') + 1);
  std::string header = dir + stem + ".h";
  if (!write_file(header, codegen::generate_header(c.prog, stem))) {
    std::cerr << "hastec: error: cannot write " << header << "\n";
    return kExitCompile;
  }
  return 0;
}

// ---- hastec run -e 'M.f(args)' ------------------------------------------------

struct ArgValue {
  ir::Type type = nullptr;
  std::string text;  ///< hx-run's encoding
};

std::string float_hex(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%a", d);
  return buf;
}

/// The number of a tensor literal's leaf (maybe negated).
bool tensor_leaf(const NodeRef& n, double& f, int64_t& i, bool& is_float) {
  bool neg = false;
  NodeRef x = n;
  if (x->kind == NodeKind::Unary && x->name == "-") {
    neg = true;
    x = x->args[0];
  }
  if (x->kind == NodeKind::Int) {
    i = neg ? -x->int_value : x->int_value;
    f = double(i);
    is_float = false;
    return true;
  }
  if (x->kind == NodeKind::Float) {
    f = neg ? -x->float_value : x->float_value;
    is_float = true;
    return true;
  }
  if (x->kind == NodeKind::Atom && !neg && (x->name == "infinity" || x->name == "neg_infinity" || x->name == "nan")) {
    f = x->name == "nan" ? std::nan("") : x->name == "infinity" ? HUGE_VAL : -HUGE_VAL;
    is_float = true;
    return true;
  }
  return false;
}

bool tensor_flatten(const NodeRef& n, size_t depth, std::vector<int64_t>& dims, std::vector<NodeRef>& leaves,
                    std::string& err) {
  if (n->kind == NodeKind::List) {
    if (depth == dims.size() && leaves.empty()) dims.push_back(int64_t(n->args.size()));
    else if (depth >= dims.size() || dims[depth] != int64_t(n->args.size())) {
      err = "Nx.tensor: lists must be nested to the same depth and have equal lengths";
      return false;
    }
    if (n->args.empty()) {
      err = "Nx.tensor: empty lists are not supported";
      return false;
    }
    for (auto& a : n->args)
      if (!tensor_flatten(a, depth + 1, dims, leaves, err)) return false;
    return true;
  }
  if (depth != dims.size()) {
    err = "Nx.tensor: lists must be nested to the same depth";
    return false;
  }
  leaves.push_back(n);
  return true;
}

/// Nx.tensor(nested list[, type: t]) as an argument: {[data], d0, ...}.
bool tensor_arg(const NodeRef& n, ArgValue& out, std::string& err) {
  std::vector<int64_t> dims;
  std::vector<NodeRef> leaves;
  if (!tensor_flatten(n->args[0], 0, dims, leaves, err)) return false;
  std::vector<double> fs;
  std::vector<int64_t> is;
  bool any_float = false;
  for (auto& l : leaves) {
    double f;
    int64_t i;
    bool fl;
    if (!tensor_leaf(l, f, i, fl)) {
      err = "Nx.tensor needs number literals";
      return false;
    }
    any_float = any_float || fl;
    fs.push_back(f);
    is.push_back(i);
  }
  ir::Type t = any_float ? ir::f32_type() : ir::i32_type();  // Nx >= 0.10's defaults
  ir::NxInt nk = ir::NxInt::None;
  if (n->args.size() == 2) {
    const NodeRef& kw = n->args[1];
    std::string name;
    if (kw->kind == NodeKind::KeywordList && kw->args.size() == 1 && kw->args[0]->name == "type") {
      const NodeRef& v = kw->args[0]->args[0];
      if (v->kind == NodeKind::Atom) name = v->name;
      else if (v->kind == NodeKind::Tuple && v->args.size() == 2 && v->args[0]->kind == NodeKind::Atom &&
               v->args[1]->kind == NodeKind::Int)
        name = v->args[0]->name + std::to_string(v->args[1]->int_value);
    }
    if (name == "f32") t = ir::f32_type();
    else if (name == "f64") t = ir::float_type();
    else if (name == "s64") t = ir::int_type();
    else if (name == "s32") t = ir::i32_type();
    else if (name == "u8") nk = ir::NxInt::U8;
    else if (name == "u16") nk = ir::NxInt::U16;
    else if (name == "u32") nk = ir::NxInt::U32;
    else if (name == "s8") nk = ir::NxInt::S8;
    else if (name == "s16") nk = ir::NxInt::S16;
    else {
      err = "Nx.tensor's options: type: :f32, :f64, :s32, :s64, :u8, :u16, :u32, :s8 or :s16";
      return false;
    }
    if (nk != ir::NxInt::None) t = ir::int_type();
  }
  if (any_float && ir::is_integer(t)) {
    err = "Nx.tensor: a float cannot be stored in an integer tensor (" + std::string(nk != ir::NxInt::None
          ? ir::nx_int_name(nk) : ir::nx_type_name(t).c_str()) + "): Nx raises ArgumentError";
    return false;
  }
  if (nk != ir::NxInt::None)  // Nx keeps the low bits (sign-extended for s8, s16)
    for (auto& v : is) {
      int bits = ir::nx_int_bits(nk);
      uint64_t m = uint64_t(v) & ((uint64_t(1) << bits) - 1);
      if (ir::nx_int_signed(nk) && (m >> (bits - 1))) m -= uint64_t(1) << bits;
      v = int64_t(m);
    }
  std::string text = "{[";
  for (size_t i = 0; i < leaves.size(); i++) {
    if (i) text += ",";
    if (t == ir::f32_type()) text += float_hex(double(float(fs[i])));
    else if (t == ir::float_type()) text += float_hex(fs[i]);
    else if (t == ir::i32_type()) text += std::to_string(int64_t(int32_t(any_float ? int64_t(fs[i]) : is[i])));
    else text += std::to_string(any_float ? int64_t(fs[i]) : is[i]);
  }
  text += "]";
  for (int64_t d : dims) text += "," + std::to_string(d);
  out = {nk != ir::NxInt::None ? ir::narrow_tensor_type(nk, dims) : ir::tensor_type(t, dims), text + "}"};
  return true;
}

/// A literal argument: integer, float, boolean, list of them (maybe negative).
bool literal_arg(const NodeRef& n, ir::Type want, ArgValue& out, std::string& err) {
  if (n->kind == NodeKind::Int && want == ir::i32_type()) {
    if (n->int_value < INT32_MIN || n->int_value > INT32_MAX) {
      err = "the integer " + n->text + " does not fit Hx.i32()";
      return false;
    }
    out = {ir::i32_type(), std::to_string(n->int_value)};
    return true;
  }
  if (n->kind == NodeKind::Float && want == ir::f32_type()) {
    out = {ir::f32_type(), float_hex(double(float(n->float_value)))};
    return true;
  }
  if (n->kind == NodeKind::Int) {
    if (want == ir::float_type() || want == ir::f32_type()) {
      err = "expected a float (the @spec says float()), got the integer " + n->text + "; write " + n->text + ".0";
      return false;
    }
    out = {ir::int_type(), std::to_string(n->int_value)};
    return true;
  }
  if (n->kind == NodeKind::Float) {
    out = {ir::float_type(), float_hex(n->float_value)};
    return true;
  }
  if (n->kind == NodeKind::Unary && n->name == "-" &&
      (n->args[0]->kind == NodeKind::Int || n->args[0]->kind == NodeKind::Float)) {
    ArgValue v;
    if (!literal_arg(n->args[0], want, v, err)) return false;
    if (ir::is_integer(v.type)) v.text = std::to_string(-n->args[0]->int_value);
    else v.text = float_hex(v.type == ir::f32_type() ? double(-float(n->args[0]->float_value))
                                                     : -n->args[0]->float_value);
    out = v;
    return true;
  }
  if (n->kind == NodeKind::Atom && (n->name == "true" || n->name == "false")) {
    out = {ir::bool_type(), n->name};
    return true;
  }
  if (n->kind == NodeKind::Atom && n->name != "nil") {
    // an atom: its own type (known at compile time), a zero-size value
    for (char c : n->name)
      if (!std::isalnum((unsigned char)c) && c != '_' && c != '@' && c != '?' && c != '!') {
        err = "the atom :\"" + n->name + "\" needs quotes when printed; hastec supports atoms that are plain names";
        return false;
      }
    out = {ir::atom_type(n->name), ":" + n->name};
    return true;
  }
  if (n->kind == NodeKind::List) {
    ir::Type elem_want = want && want->kind == ir::TypeKind::List ? want->elem : nullptr;
    std::string text = "[";
    ir::Type elem = elem_want;
    for (size_t i = 0; i < n->args.size(); i++) {
      ArgValue v;
      if (!literal_arg(n->args[i], elem, v, err)) return false;
      if (elem && v.type != elem) {
        err = elem_want ? "element " + std::to_string(i + 1) + " is " + ir::type_name(v.type) +
                              " but the @spec says " + ir::type_name(want)
                        : "list elements must share one type: " + ir::type_name(elem) + " and " +
                              ir::type_name(v.type);
        return false;
      }
      elem = v.type;
      text += (i ? "," : "") + v.text;
    }
    if (!elem) {
      err = "cannot tell the element type of []: give the function a @spec";
      return false;
    }
    out = {ir::list_type(elem), text + "]"};
    return true;
  }
  if (n->kind == NodeKind::Tuple && n->args.size() >= 2) {
    bool typed = want && want->kind == ir::TypeKind::Tuple && want->members.size() == n->args.size();
    std::vector<ir::Type> ms;
    std::string text = "{";
    for (size_t i = 0; i < n->args.size(); i++) {
      ArgValue v;
      if (!literal_arg(n->args[i], typed ? want->members[i] : nullptr, v, err)) return false;
      ms.push_back(v.type);
      text += (i ? "," : "") + v.text;
    }
    out = {ir::tuple_type(ms), text + "}"};
    return true;
  }
  if (n->kind == NodeKind::Call && n->target && n->target->kind == NodeKind::Alias && n->target->name == "Nx" &&
      n->name == "tensor" && !n->args.empty())
    return tensor_arg(n, out, err);
  err = "arguments of -e must be literals (integers, floats, booleans, lists, tuples, Nx.tensor(...))";
  return false;
}

/// Files the program names in string literals (`DF.from_csv!("data.csv")`,
/// read at compile time to type the frame), with their size and time of
/// change: a cached build of the program is stale once one changes.
std::string data_files_key(const std::string& text) {
  std::string key;
  for (size_t p = text.find('"'); p != std::string::npos; p = text.find('"', p + 1)) {
    size_t q = text.find_first_of("\"\n", p + 1);
    if (q == std::string::npos || text[q] != '"') continue;
    std::string path = text.substr(p + 1, q - p - 1);
    struct stat st;
    if (!path.empty() && path.size() < 4096 && stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
      key += "\ndata " + path + " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
             std::to_string(st.st_mtim.tv_nsec);
    p = q;
  }
  return key;
}

/// One -e expression and how it runs: an entry point called with literal
/// arguments, or (anything else) the expression compiled as a function of
/// the throwaway module HxRun.
struct RunCall {
  std::string expr;
  FileAST east;  ///< the expression parsed as the body of HxRun.main/0
  NodeRef call;
  bool wrapped = false, has_spec = false;
  std::string mod, fun;
  size_t arity = 0;
  std::vector<ArgValue> args;
  std::vector<ir::Type> types, spec_args;
  ir::Type spec_ret = nullptr;
  std::string main = "main";  ///< the HxRun function of a wrapped call
  std::string symbol;         ///< the entry point's symbol, without hxe_
};

/// Parses rc.expr as Elixir, inside a throwaway module. False on a syntax error.
bool parse_call(Compiler& c, RunCall& rc) {
  uint32_t eid = c.sm.add("-e", "defmodule HxRun do\ndef main do\n" + rc.expr + "\nend\nend\n");
  if (!parse_file(c.sm, eid, c.diags, rc.east) || c.diags.has_errors()) return false;
  if (rc.east.top.size() == 1) {
    NodeRef def = rc.east.top[0]->keyword("do");
    if (def && def->kind == NodeKind::Block && def->args.size() == 1) def = def->args[0];
    if (def && def->kind == NodeKind::Call && def->name == "def") {
      NodeRef body = def->keyword("do");
      if (body && body->kind == NodeKind::Block && body->args.size() == 1) body = body->args[0];
      rc.call = body;
    }
  }
  return true;
}

Loc call_loc(const RunCall& rc) { return rc.call ? rc.call->loc : Loc{}; }

/// Decides how rc runs (c.sema answers has_public/spec_of). Returns 0, or
/// kExitUsage after printing why the call cannot be made.
int resolve_call(Compiler& c, RunCall& rc) {
  const NodeRef& call = rc.call;
  // Anything but Module.function(args) (elem(M.f(1), 0), a block) is
  // compiled as HxRun.main/0.
  bool remote = call && call->kind == NodeKind::Call && call->target && call->target->kind == NodeKind::Alias;
  rc.mod = remote ? call->target->name : "HxRun";
  rc.fun = remote ? call->name : "main";
  rc.arity = remote ? call->args.size() : 0;
  if (remote && !c.sema->has_public(rc.mod, rc.fun, rc.arity)) {
    std::cerr << "hastec: error: " << rc.mod << "." << rc.fun << "/" << rc.arity << " is not a public function of "
              << c.opts.input << "\n";
    return kExitUsage;
  }
  rc.has_spec = c.sema->spec_of(rc.mod, rc.fun, rc.arity, rc.spec_args, rc.spec_ret);
  // Arguments that are not literals (M.f(M.init(), Nx.iota({3}))): the
  // whole expression is compiled as HxRun.main/0 instead.
  rc.wrapped = !remote;
  for (size_t i = 0; i < rc.arity && !rc.wrapped; i++) {
    ArgValue v;
    std::string err;
    if (!literal_arg(call->args[i], rc.has_spec ? rc.spec_args[i] : nullptr, v, err)) {
      bool literal_shaped = true;
      std::function<void(const NodeRef&)> scan = [&](const NodeRef& n) {
        if (!n) return;
        if (n->kind == NodeKind::Call && !(n->name == "tensor" && n->target && n->target->kind == NodeKind::Alias &&
                                           n->target->name == "Nx"))
          literal_shaped = false;
        // strings are compile-time values (file paths): such a call is compiled whole
        if (n->kind == NodeKind::Var || n->kind == NodeKind::Map || n->kind == NodeKind::String)
          literal_shaped = false;
        for (auto& a : n->args) scan(a);
      };
      scan(call->args[i]);
      if (!literal_shaped) {
        rc.wrapped = true;
        break;
      }
      std::cerr << "hastec: error: argument " << i + 1 << " of " << rc.mod << "." << rc.fun << ": " << err << "\n";
      return kExitUsage;
    }
    if (rc.has_spec && v.type != rc.spec_args[i]) {
      std::cerr << "hastec: error: argument " << i + 1 << " of " << rc.mod << "." << rc.fun << " is "
                << ir::type_name(v.type) << " but its @spec says " << ir::type_name(rc.spec_args[i]) << "\n";
      return kExitUsage;
    }
    rc.args.push_back(v);
    rc.types.push_back(v.type);
  }
  if (rc.wrapped) {
    rc.args.clear();
    rc.types.clear();
  }
  return 0;
}

/// The part of a run's cache key that every call shares: everything but
/// the calls that changes the .so.
std::string run_key_prefix(const Options& o) {
  return std::string("hastec ") + HASTEC_VERSION + " " + build_identity() + "\nopt " + std::to_string(o.opt) +
         "\ncpu " + o.cpu + "\nflags " + std::to_string(o.check_overflow) + std::to_string(o.unchecked) +
         std::to_string(o.flush_denormals) + " " + o.target + " fallback=" + o.fallback + "\nrt " + runtime_dir() +
         "\npath " + o.input;
}

/// The argument types of a call, for a cache key: type_name too, since a
/// tensor's descriptor leaves out its dimensions and its name does not.
std::string types_key(const std::vector<ir::Type>& types) {
  std::string key;
  for (auto t : types) key += " " + ir::type_descriptor(t) + " " + ir::type_name(t);
  return key;
}

/// Compiles c (lowered with extra) into dir/lib.so unless the cache has
/// it, and writes dir/ret.txt: the result descriptor of each symbol, one a
/// line. rets: the results known before compiling (nullptr: look it up).
int compile_cached(Compiler& c, const std::vector<EntryRequest>& extra, const std::string& dir,
                   const std::string& key, const std::vector<std::string>& symbols, std::vector<ir::Type> rets) {
  if (!c.opts.no_cache && cache_lookup(dir, key)) return 0;
  if (!c.lower(extra)) return c.report();
  std::string err;
  if (!c.optimise(err)) {
    std::cerr << "hastec: internal error: " << err << "\n";
    return kExitCompile;
  }
  for (size_t i = 0; i < symbols.size(); i++)
    for (auto& e : c.sema->entries())
      if (e.symbol == symbols[i]) rets[i] = e.result;
  if (!make_dirs(dir)) {
    std::cerr << "hastec: error: cannot create the cache directory " << dir << "\n";
    return kExitCompile;
  }
  if (int rc = c.build_so(dir + "/lib.so")) return rc;
  // ret.txt first: a key.txt on disk promises a complete entry.
  std::string text;
  for (size_t i = 0; i < rets.size(); i++) text += (i ? "\n" : "") + ir::type_descriptor(rets[i]);
  write_file(dir + "/ret.txt", text);
  cache_store(dir, key);
  return 0;
}

/// The result descriptors of dir/ret.txt, n of them; prints the error and
/// returns false when the entry is incomplete.
bool read_rets(const std::string& dir, size_t n, std::vector<std::string>& out) {
  std::ifstream f(dir + "/ret.txt");
  std::string line;
  while (out.size() < n && std::getline(f, line)) out.push_back(line);
  for (auto& r : out)
    if (r.empty()) out.clear();
  if (out.size() == n) return true;
  std::cerr << "hastec: error: the cache entry " << dir << " is incomplete; run again with --no-cache\n";
  return false;
}

/// Replaces this process with hx-run: the compiled code runs in a process
/// without LLVM. Returns only when exec fails.
int exec_runner(std::vector<std::string> argv) {
  std::string runner = exe_dir() + "/hx-run";
  argv.insert(argv.begin(), runner);
  std::vector<char*> cargv;
  for (auto& s : argv) cargv.push_back(s.data());
  cargv.push_back(nullptr);
  std::cout.flush();
  // libgomp's idle workers spin ~300,000 pauses (milliseconds) after every
  // parallel region; on a shared machine they take the core the main thread
  // needs (2 threads 4x slower than 1 on the digits benchmark: bench/RESULTS.md).
  // A short spin then sleep, unless the user chose a policy.
  if (!getenv("GOMP_SPINCOUNT") && !getenv("OMP_WAIT_POLICY")) setenv("GOMP_SPINCOUNT", "1000", 1);
  execv(runner.c_str(), cargv.data());
  std::cerr << "hastec: error: cannot run " << runner << ": " << std::strerror(errno) << "\n";
  return kExitCompile;
}

/// `hastec run FILE -e CALL`: one call, printed as Elixir would.
int run_one(Compiler& c, RunCall& rc) {
  const Options& o = c.opts;
  std::vector<EntryRequest> extra;
  if (rc.wrapped) {
    c.more.push_back(&rc.east);
    extra.push_back(EntryRequest{"HxRun", "main", {}, false, call_loc(rc)});
  } else if (!rc.has_spec) {
    extra.push_back(EntryRequest{rc.mod, rc.fun, rc.types, false, call_loc(rc)});
  }
  std::string key = run_key_prefix(o) + "\nentry " + rc.mod + "." + rc.fun;
  if (rc.wrapped) key += "\nexpr " + rc.expr;
  key += types_key(rc.types);
  key += "\n" + c.sm.file(0).text;
  key += data_files_key(c.sm.file(0).text);
  if (rc.wrapped) key += data_files_key(rc.expr);
  std::string dir = cache_dir() + "/" + content_hash(key);
  std::string symbol = rc.wrapped ? "hx_run_" + entry_symbol("HxRun", "main")
                                  : (rc.has_spec ? "" : "hx_run_") + entry_symbol(rc.mod, rc.fun);
  if (int code = compile_cached(c, extra, dir, key, {symbol}, {rc.wrapped ? nullptr : rc.spec_ret})) return code;
  std::vector<std::string> rets;
  if (!read_rets(dir, 1, rets)) return kExitCompile;
  std::vector<std::string> argv = {dir + "/lib.so", "hxe_" + symbol, rets[0]};
  for (auto& a : rc.args) {
    argv.push_back(ir::type_descriptor(a.type));
    argv.push_back(a.text);
  }
  return exec_runner(argv);
}

/// `hastec run FILE -e A -e B ... --separator TEXT`: one library with an
/// entry for every call, run in order by one hx-run (docs/cli.md).
int run_batch(Compiler& c, std::vector<RunCall>& calls) {
  const Options& o = c.opts;
  std::vector<EntryRequest> extra;
  std::string hxrun = "defmodule HxRun do\n";
  // Sema names the entry of a function without @spec after the function
  // alone (hx_run_M_f) and makes one per name: a second call with other
  // argument types is compiled as its own HxRun function instead.
  std::map<std::string, std::string> specialised;
  bool any_wrapped = false;
  for (size_t i = 0; i < calls.size(); i++) {
    RunCall& rc = calls[i];
    if (!rc.wrapped && !rc.has_spec) {
      rc.symbol = "hx_run_" + entry_symbol(rc.mod, rc.fun);
      auto [it, fresh] = specialised.emplace(rc.symbol, types_key(rc.types));
      if (fresh) extra.push_back(EntryRequest{rc.mod, rc.fun, rc.types, false, call_loc(rc)});
      else if (it->second != types_key(rc.types)) {
        rc.wrapped = true;
        rc.args.clear();
        rc.types.clear();
      }
    } else if (!rc.wrapped) {
      rc.symbol = entry_symbol(rc.mod, rc.fun);
    }
    if (rc.wrapped) {
      rc.main = "main_" + std::to_string(i);
      rc.symbol = "hx_run_" + entry_symbol("HxRun", rc.main);
      hxrun += "def " + rc.main + " do\n" + rc.expr + "\nend\n";
      extra.push_back(EntryRequest{"HxRun", rc.main, {}, false, call_loc(rc)});
      any_wrapped = true;
    }
  }
  FileAST hxrun_ast;
  if (any_wrapped) {
    uint32_t id = c.sm.add("-e", hxrun + "end\n");
    if (!parse_file(c.sm, id, c.diags, hxrun_ast) || c.diags.has_errors()) return c.report();
    c.more.push_back(&hxrun_ast);
  }

  std::string key = run_key_prefix(o) + "\nbatch " + std::to_string(calls.size());
  for (auto& rc : calls) {
    key += rc.wrapped ? "\ncall " + rc.main + " " + rc.expr : "\ncall " + rc.mod + "." + rc.fun;
    key += types_key(rc.types);
  }
  key += "\n" + c.sm.file(0).text;
  key += data_files_key(c.sm.file(0).text);
  for (auto& rc : calls)
    if (rc.wrapped) key += data_files_key(rc.expr);
  std::string dir = cache_dir() + "/" + content_hash(key);
  std::vector<std::string> symbols;
  std::vector<ir::Type> known;
  for (auto& rc : calls) {
    symbols.push_back(rc.symbol);
    known.push_back(rc.wrapped ? nullptr : rc.spec_ret);
  }
  if (int code = compile_cached(c, extra, dir, key, symbols, known)) return code;
  std::vector<std::string> rets;
  if (!read_rets(dir, calls.size(), rets)) return kExitCompile;

  std::vector<std::string> argv = {"--separator", o.separator, dir + "/lib.so"};
  std::vector<size_t> values;  // argv's indices of argument values
  size_t total = 0;
  for (size_t i = 0; i < calls.size(); i++) {
    if (i) argv.push_back("--");
    argv.push_back("hxe_" + calls[i].symbol);
    argv.push_back(rets[i]);
    for (auto& a : calls[i].args) {
      argv.push_back(ir::type_descriptor(a.type));
      values.push_back(argv.size());
      argv.push_back(a.text);
      total += a.text.size();
    }
  }
  // Linux caps one argument at 128 KiB and all of them at about 2 MiB:
  // then the values go through files (hx-run reads @FILE).
  bool big = total > (1u << 20);
  for (size_t v : values) big = big || argv[v].size() > (64u << 10);
  for (size_t n = 0; big && n < values.size(); n++) {
    std::string& s = argv[values[n]];
    if (s.size() <= 256) continue;
    // named by content: a concurrent run with other values never overwrites it
    std::string path = dir + "/arg-" + content_hash(s) + ".txt";
    if (!write_file(path, s)) {
      std::cerr << "hastec: error: cannot write " << path << "\n";
      return kExitCompile;
    }
    s = "@" + path;
  }
  return exec_runner(argv);
}

int cmd_run(Options& o) {
  if (o.exprs.size() > 1 && o.separator.empty()) {
    std::cerr << "hastec: error: several -e need --separator TEXT (the line printed after each result)\n";
    return kExitUsage;
  }
  if (o.separator.find('\n') != std::string::npos) {
    std::cerr << "hastec: error: --separator must be one line\n";
    return kExitUsage;
  }
  Compiler c{o};
  if (!c.parse()) return c.report();
  std::vector<RunCall> calls(o.exprs.size());
  for (size_t i = 0; i < calls.size(); i++) {
    calls[i].expr = o.exprs[i];
    if (!parse_call(c, calls[i])) return c.report();
  }
  c.sema = std::make_unique<Sema>(c.sm, c.diags);
  c.sema->add_file(c.ast);
  c.add_stdlib();
  if (c.diags.has_errors()) return c.report();
  for (auto& rc : calls)
    if (int code = resolve_call(c, rc)) return code;
  if (o.separator.empty()) return run_one(c, calls[0]);
  return run_batch(c, calls);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hastec: compiles data-parallel Elixir (.hx) pipelines to native shared objects"};
  app.set_version_flag("--version", std::string("hastec ") + HASTEC_VERSION);
  app.require_subcommand(1);
  Options o;
  auto common = [&](CLI::App* sc) {
    sc->add_option("file", o.input, "the .hx source file")->required();
    sc->add_option("-O", o.opt, "optimisation level 0..3")->check(CLI::Range(0, 3));
    sc->add_option("--cpu", o.cpu, "target CPU: native (default), x86-64, x86-64-v2, x86-64-v3, x86-64-v4")
        ->check(CLI::IsMember({"native", "x86-64", "x86-64-v2", "x86-64-v3", "x86-64-v4", "haswell", "broadwell",
                               "skylake", "skylake-avx512", "cascadelake", "icelake-server", "sapphirerapids",
                               "znver1", "znver2", "znver3", "znver4"}));
    sc->add_option("--dump-after", o.dump_after, "print the IR after this pass (or 'all') to stderr");
    sc->add_option("--stop-after", o.stop_after, "stop the IR pipeline after this pass");
    sc->add_option("--target", o.target,
                   "cpu (default), or opencl: parallel loops run as OpenCL kernels on HX_DEVICE "
                   "(no usable device is a runtime error unless --fallback=cpu)")
        ->check(CLI::IsMember({"cpu", "opencl"}));
    sc->add_option("--fallback", o.fallback,
                   "with --target=opencl, when no OpenCL device can run the kernels: none (default: a runtime "
                   "error) or cpu (run the CPU code, with a warning)")
        ->check(CLI::IsMember({"none", "cpu"}));
    sc->add_option("--remarks", o.remarks, "explain optimisation decisions: fusion")
        ->check(CLI::IsMember({"fusion"}));
    sc->add_flag("--check-overflow", o.check_overflow,
                 "raise ArithmeticError on 64-bit integer overflow (default: wrap)");
    sc->add_flag("--unchecked", o.unchecked,
                 "give IEEE inf/NaN instead of raising ArithmeticError on float overflow and division by zero");
    sc->add_flag("--flush-denormals", o.flush_denormals,
                 "entry points compute with subnormal floats flushed to zero (x86 FTZ/DAZ; fast training "
                 "loops whose values underflow; results may differ from Elixir below 2.2e-308, 1.2e-38 in f32)");
  };
  auto* build = app.add_subcommand("build", "compile FILE into lib<stem>.so and <stem>.h");
  common(build);
  build->add_option("-o", o.output, "the shared object to write (default lib<stem>.so)");
  build->add_option("--emit", o.emit, "print a stage instead: ast, ir, llvm, asm, header, opencl")
      ->check(CLI::IsMember({"ast", "ir", "llvm", "asm", "header", "opencl"}));
  auto* check = app.add_subcommand("check", "parse and type-check FILE");
  common(check);
  check->add_option("--emit", o.emit, "print a stage: ast, ir")->check(CLI::IsMember({"ast", "ir"}));
  auto* devices = app.add_subcommand("devices", "list the OpenCL devices (HX_DEVICE picks one)");
  auto* run = app.add_subcommand("run", "compile FILE (cached) and print the value of -e 'Mod.fun(args)'");
  common(run);
  run->add_option("-e", o.exprs,
                  "the call to evaluate, with literal arguments; repeat it to run several calls compiled "
                  "into one library, in one process (needs --separator)")
      ->required()
      ->allow_extra_args(false);
  run->add_option("--separator", o.separator,
                  "with several -e: the line printed after each call's result (a call that raised prints "
                  "'TEXT raised' and Elixir's error text instead of its result)");
  run->add_flag("--no-cache", o.no_cache, "always recompile");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "hastec: error: " << e.what() << "\nRun with --help for more information.\n";
    return kExitUsage;
  }
  if (o.fallback != "none" && o.target != "opencl") {
    std::cerr << "hastec: error: --fallback=" << o.fallback << " needs --target=opencl\n";
    return kExitUsage;
  }
  if (!o.stop_after.empty() || !o.dump_after.empty()) {
    bool found_stop = o.stop_after.empty(), found_dump = o.dump_after.empty() || o.dump_after == "all";
    for (auto& p : ir::pass_table()) {
      found_stop |= o.stop_after == p.name;
      found_dump |= o.dump_after == p.name;
    }
    if (!found_stop || !found_dump) {
      std::cerr << "hastec: error: unknown pass; the passes are:";
      for (auto& p : ir::pass_table()) std::cerr << " " << p.name;
      std::cerr << "\n";
      return kExitUsage;
    }
  }
  if (*build) return cmd_build(o);
  if (*check) return cmd_check(o);
  if (*run) return cmd_run(o);
  if (*devices) {
    // Listed by hx-run, so OpenCL drivers never load next to LLVM.
    std::string runner = exe_dir() + "/hx-run";
    char* argv2[] = {runner.data(), const_cast<char*>("--devices"), nullptr};
    execv(runner.c_str(), argv2);
    std::cerr << "hastec: error: cannot run " << runner << "\n";
    return kExitCompile;
  }
  return kExitUsage;
}
