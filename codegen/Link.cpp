/// \file Link.cpp
/// Links an object into a shared object with lld, in-process (no `cc`
/// needed on the user's machine). The .so records libhxrt as a dependency
/// with a RUNPATH to the runtime directory and to $ORIGIN, so it loads both
/// from the build tree and when shipped next to libhxrt.so.
#include "Codegen.h"

#include <lld/Common/CommonLinkerContext.h>
#include <lld/Common/Driver.h>
#include <llvm/Support/raw_ostream.h>

#include <mutex>

namespace hx::codegen {

bool link_shared(const std::string& object_path, const std::string& so_path, const std::string& runtime_dir,
                 std::string& err) {
  static std::mutex mu;  // lld keeps global state: one link at a time
  std::lock_guard<std::mutex> lock(mu);
  std::string rpath = runtime_dir + ":$ORIGIN";
  std::string soname = so_path.substr(so_path.find_last_of('/') + 1);
  std::vector<std::string> args = {
      "ld.lld", "-shared", "--hash-style=gnu", "--build-id", "-z", "relro", "-z", "now",
      "-o", so_path, "-soname", soname, object_path,
      "-L" + runtime_dir, "-lhxrt",
      "-L/usr/lib/x86_64-linux-gnu", "-L/lib/x86_64-linux-gnu",
      "--as-needed", "-lm", "-lc", "--no-as-needed",
      "-rpath", rpath, "--no-undefined",
  };
  std::vector<const char*> argv;
  for (auto& a : args) argv.push_back(a.c_str());
  std::string out_text, err_text;
  llvm::raw_string_ostream out(out_text), errs(err_text);
  bool ok = lld::elf::link(argv, out, errs, /*exitEarly=*/false, /*disableOutput=*/false);
  lld::CommonLinkerContext::destroy();
  errs.flush();
  if (!ok) err = "linking " + so_path + " failed:\n" + err_text;
  return ok;
}

}  // namespace hx::codegen
