# lit configuration for hastec's golden tests.
# Each .hx file under test/lit is a test: its `# RUN:` lines run hastec and
# pipe the output through FileCheck. Tool paths come from --param (set by
# test/CMakeLists.txt) so the suite runs against the build tree.
import os
import lit.formats

config.name = "hastec"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".hx", ".test", ".c"]
config.excludes = ["Inputs", "lit.cfg.py"]
config.test_source_root = os.path.dirname(__file__)

hastec = lit_config.params.get("hastec")
llvm_bin = lit_config.params.get("llvm_bin", "/usr/lib/llvm-15/bin")
if not hastec:
    lit_config.fatal("pass --param hastec=/path/to/hastec")
bindir = os.path.dirname(os.path.abspath(hastec))
config.test_exec_root = lit_config.params.get("exec_root", os.path.join(bindir, "..", "lit-out"))

config.substitutions.append(("%hastec", hastec))
config.substitutions.append(("%rtinclude", lit_config.params.get("rtinclude", "")))
config.substitutions.append(("%rtlib", os.path.join(bindir, "..", "lib")))
config.environment["PATH"] = os.pathsep.join([llvm_bin, bindir, config.environment.get("PATH", "/usr/bin:/bin")])
# A private compile cache, so tests never see a stale user cache.
config.environment["HX_CACHE_DIR"] = os.path.join(config.test_exec_root, "cache")
config.environment["HOME"] = os.environ.get("HOME", "/root")
