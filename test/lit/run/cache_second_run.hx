# RUN: rm -rf %t.cache
# RUN: env HX_CACHE_DIR=%t.cache %hastec run %s -e 'Cached.f(20)' | FileCheck %s
# RUN: ls %t.cache/*/lib.so
# RUN: env HX_CACHE_DIR=%t.cache %hastec run %s -e 'Cached.f(20)' | FileCheck %s
# RUN: env HX_CACHE_DIR=%t.cache %hastec run --no-cache %s -e 'Cached.f(20)' | FileCheck %s
# RUN: env HX_CACHE_DIR=%t.cache %hastec run %s -e 'Cached.f(1)' | FileCheck %s --check-prefix=OTHER
# `hastec run` compiles into a cache directory (HX_CACHE_DIR); running the
# same call again, or with --no-cache, prints the same result, and another
# argument reuses the same compiled entry.

defmodule Cached do
  @spec f(integer()) :: integer()
  def f(x), do: x + 22
end

# CHECK: {{^}}42{{$}}
# OTHER: {{^}}23{{$}}
