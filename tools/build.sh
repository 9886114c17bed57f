#!/usr/bin/env bash
# Configures and builds hastec into build/ (Ninja, all cores).
# The compiler ends up at build/bin/hastec.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${HX_BUILD_DIR:-$root/build}"
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${HX_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
fi
ninja -C "$build" "$@"
