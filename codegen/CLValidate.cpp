/// \file CLValidate.cpp
/// Checks generated OpenCL C with Clang as a library, before any driver
/// sees it: `-x cl -cl-std=CL1.2 -triple spir64-unknown-unknown
/// -finclude-default-header -fdeclare-opencl-builtins`, parsed and lowered
/// to LLVM IR in memory (2-3 ms a kernel; see shared/TOOLCHAIN.md). The
/// only file of the project that includes Clang headers.
#include "OpenCL.h"

#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Basic/Version.h>
#include <clang/CodeGen/CodeGenAction.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/CompilerInvocation.h>
#include <clang/Frontend/TextDiagnosticPrinter.h>
#include <clang/Lex/PreprocessorOptions.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

#include <dlfcn.h>
#include <cstdlib>

namespace hx::opencl {
namespace {

bool has_opencl_headers(const std::string& dir) {
  llvm::SmallString<256> p(dir);
  llvm::sys::path::append(p, "include", "opencl-c-base.h");
  return llvm::sys::fs::exists(p);
}

/// Clang's resource directory (its include/ holds opencl-c-base.h):
/// $HX_CLANG_RESOURCE_DIR, else next to the libclang-cpp this process
/// loaded (<libdir>/clang/<version>), else the Debian path.
const std::string& resource_dir() {
  static const std::string dir = [] {
    if (const char* e = std::getenv("HX_CLANG_RESOURCE_DIR")) return std::string(e);
    Dl_info info;
    if (dladdr(reinterpret_cast<void*>(&clang::getClangFullVersion), &info) && info.dli_fname) {
      llvm::SmallString<256> lib;
      if (!llvm::sys::fs::real_path(info.dli_fname, lib)) {
        llvm::SmallString<256> p = llvm::sys::path::parent_path(lib);
        llvm::sys::path::append(p, "clang", CLANG_VERSION_STRING);
        if (has_opencl_headers(std::string(p))) return std::string(p);
      }
    }
    return "/usr/lib/llvm-" + std::to_string(LLVM_VERSION_MAJOR) + "/lib/clang/" + CLANG_VERSION_STRING;
  }();
  return dir;
}

}  // namespace

bool validate(const std::string& src, std::string& log) {
  log.clear();
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::IntrusiveRefCntPtr<clang::DiagnosticOptions> printer_opts = new clang::DiagnosticOptions();
  auto* printer = new clang::TextDiagnosticPrinter(os, printer_opts.get());

  clang::CompilerInstance ci;
  ci.createDiagnostics(printer, /*ShouldOwnClient=*/true);
  const std::string inc = resource_dir() + "/include";
  const char* file = "hx_kernel.cl";
  std::vector<const char*> args = {"-x", "cl", "-cl-std=CL1.2", "-triple", "spir64-unknown-unknown",
                                   "-finclude-default-header", "-fdeclare-opencl-builtins",
                                   "-internal-isystem", inc.c_str(), file};
  auto inv = std::make_shared<clang::CompilerInvocation>();
  if (!clang::CompilerInvocation::CreateFromArgs(*inv, args, ci.getDiagnostics())) {
    os.flush();
    log = "cannot set up Clang for OpenCL C: " + text;
    return false;
  }
  // No "N errors generated." on stderr: the log is the caller's to show.
  inv->getDiagnosticOpts().ShowCarets = false;
  ci.setInvocation(inv);
  ci.getPreprocessorOpts().addRemappedFile(file, llvm::MemoryBuffer::getMemBufferCopy(src, file).release());

  llvm::LLVMContext ctx;
  clang::EmitLLVMOnlyAction action(&ctx);
  bool ok = ci.ExecuteAction(action) && !ci.getDiagnostics().hasErrorOccurred();
  os.flush();
  log = text;
  return ok;
}

}  // namespace hx::opencl
