#
# RUN: rm -rf %t.cache %t.other && mkdir -p %t.other
# RUN: env HX_CACHE_DIR=%t.cache %hastec run %s -e 'CacheHit.f(20)' | FileCheck %s --check-prefix=FIRST
# RUN: sed -e 's/x + 22/x + 1000/' %s > %t.other/cache_hit_reuses_library.hx
# RUN: %hastec build %t.other/cache_hit_reuses_library.hx -o %t.other/libother.so
# RUN: cp %t.other/libother.so %t.cache/*/lib.so
# RUN: env HX_CACHE_DIR=%t.cache %hastec run %s -e 'CacheHit.f(20)' | FileCheck %s --check-prefix=SECOND
# A second `hastec run` of an unchanged file must be served from the cache:
# it loads the cached lib.so instead of compiling again. To observe that,
# the cached library is replaced by one computing x + 1000; a cache hit
# then prints 1020. BUG: the key stored in key.txt has a "ret ..." line
# appended (cache_store in driver/hastec.cpp), so cache_lookup never
# matches and every run recompiles (printing 42 again).

defmodule CacheHit do
  @spec f(integer()) :: integer()
  def f(x), do: x + 22
end

# FIRST:  {{^}}42{{$}}
# SECOND: {{^}}1020{{$}}
