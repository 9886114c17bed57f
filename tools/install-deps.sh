#!/usr/bin/env bash
# Installs what hastec needs on Debian 12. Idempotent: skips apt when all is present.
set -euo pipefail
PKGS=(cmake ninja-build g++ llvm-15-dev libclang-15-dev libclang-cpp15-dev clang-15
      lld-15 liblld-15-dev llvm-15-tools zlib1g-dev libzstd-dev libedit-dev libcurl4-openssl-dev
      libantlr4-runtime-dev antlr4 uuid-dev catch2 opencl-headers ocl-icd-opencl-dev
      pocl-opencl-icd clinfo libcli11-dev libfmt-dev libomp-15-dev elixir python3-numpy)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
