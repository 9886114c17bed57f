/// \file Codegen.h
/// IR -> LLVM -> object code -> shared object, and the C header. This
/// header is LLVM-free on purpose: only codegen/*.cpp include LLVM.
#pragma once
#include "IR.h"
#include <string>

namespace hx::codegen {

enum class Emit { LLVM, Asm, Object, OpenCL };

struct Options {
  int opt_level = 2;          ///< 0..3
  std::string cpu = "native"; ///< native, x86-64, x86-64-v2, -v3, -v4, or an LLVM CPU name
  std::string source_path;    ///< for error locations baked into the code
  bool check_overflow = false; ///< raise ArithmeticError on integer overflow
  bool unchecked = false;      ///< IEEE inf/NaN instead of Elixir's float errors
  bool parallel = true;        ///< multicore loops (hxrt_parallel_for)
  bool vectorize = true;       ///< explicit vector loops (W lanes)
  /// --target=opencl: parallel loops also get an OpenCL kernel, run on the
  /// device when one is there (the CPU loop stays as the fallback).
  bool opencl = false;
  /// --fallback=cpu: when no OpenCL device can run the kernels (none there,
  /// HX_DEVICE matches nothing, no fp64 for a float kernel), run the CPU
  /// loop after one warning instead of raising a RuntimeError. The library
  /// exports it as `const int32_t hx_opencl_fallback` (with --target=opencl).
  bool opencl_fallback_cpu = false;
  /// --flush-denormals: entry points run with subnormal floats flushed to
  /// zero (x86 MXCSR FTZ and DAZ), parallel workers too; hxrt_invoke gives
  /// the caller its own mode back.
  bool flush_denormals = false;
};

/// Compiles p to LLVM IR text, assembly text or an ELF object (bytes in out).
/// Returns false with err set on an internal error.
bool compile(const ir::Program& p, const Options& opts, Emit what, std::string& out, std::string& err);

/// Links an object into a shared object against libhxrt in runtime_dir,
/// with lld in-process. Returns false with err set (lld's messages).
bool link_shared(const std::string& object_path, const std::string& so_path, const std::string& runtime_dir,
                 std::string& err);

/// The C header declaring each entry point of p (see docs/c-abi.md).
std::string generate_header(const ir::Program& p, const std::string& stem);

/// Why p's entry points cannot be declared in C ("" when they can): an atom
/// in an entry point's parameters or result has no C representation.
std::string header_problem(const ir::Program& p);

}  // namespace hx::codegen
