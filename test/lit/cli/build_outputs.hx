# RUN: rm -rf %t && mkdir -p %t
# RUN: %hastec build %s -o %t/libx.so
# RUN: test -f %t/libx.so
# RUN: test -f %t/build_outputs.h
# RUN: FileCheck %s --input-file=%t/build_outputs.h
# RUN: llvm-nm -D --defined-only %t/libx.so | FileCheck %s --check-prefix=SYMS
# RUN: cd %t && %hastec build %s
# RUN: test -f %t/libbuild_outputs.so
# `build -o DIR/libx.so` writes the shared object there and the header
# <stem>.h next to it; without -o it writes lib<stem>.so and <stem>.h in
# the current directory. The .so exports hxe_SYM, SYM and hx_manifest.

defmodule BuildOut do
  @spec twice(integer()) :: integer()
  def twice(x), do: x * 2
end

# CHECK: int BuildOut_twice(hx_context *ctx, int64_t *out, int64_t x);
# SYMS-DAG: {{ T }}BuildOut_twice
# SYMS-DAG: {{ T }}hxe_BuildOut_twice
# SYMS-DAG: {{ [RD] }}hx_manifest
