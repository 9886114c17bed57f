#!/usr/bin/env bash
# The whole test suite on a fresh machine: install what is missing, build
# everything (compiler, runtime, tests), then run unit tests (Catch2),
# golden tests (lit + FileCheck), differential tests against real Elixir
# and the C ABI test, all through ctest.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/tools/install-deps.sh"
"$root/tools/build.sh"
cd "$root/build"
# `slow` tests (the whole Nx corpus on PoCL, ~35 min) run with: ctest -L slow
ctest --output-on-failure -j2 -LE slow "$@"
