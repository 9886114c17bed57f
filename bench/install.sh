#!/usr/bin/env bash
# \file install.sh
# Installs what bench/run.sh's peers need, from Debian 12 packages, and
# nothing else: a C compiler with OpenMP (gcc), NumPy and Numba for
# /usr/bin/python3, Elixir, and for bench/train PyTorch (CPU) and scikit-learn
# (Debian 12: python3-torch 1.13.1, python3-sklearn 1.2.1; bench-only, CI does
# not need them). Idempotent: skips apt when everything is there.
# Run as root (or with sudo). The hastec build's own dependencies are
# tools/install-deps.sh's business.
set -euo pipefail

missing=()
command -v cc >/dev/null 2>&1 || missing+=(gcc)
command -v ninja >/dev/null 2>&1 || missing+=(ninja-build)
[ -x /usr/bin/python3 ] || missing+=(python3)
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || missing+=(python3-numpy)
/usr/bin/python3 -c 'import numba' >/dev/null 2>&1 || missing+=(python3-numba)
command -v elixir >/dev/null 2>&1 || missing+=(elixir)
/usr/bin/python3 -c 'import torch' >/dev/null 2>&1 || missing+=(python3-torch)
/usr/bin/python3 -c 'import sklearn, threadpoolctl' >/dev/null 2>&1 || missing+=(python3-sklearn)

if [ ${#missing[@]} -eq 0 ]; then
  echo "bench/install.sh: everything present"
  exit 0
fi
echo "bench/install.sh: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y --no-install-recommends "${missing[@]}"; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
