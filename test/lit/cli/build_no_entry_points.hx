# RUN: rm -rf %t && mkdir -p %t
# RUN: %hastec build %s -o %t/libnone.so 2>&1 | FileCheck %s
# RUN: test -f %t/libnone.so
# A module without public @spec'd functions still builds, with a warning.

defmodule NoEntries do
  def f(x), do: x
end

# CHECK: hastec: warning: {{.*}}build_no_entry_points.hx has no entry points (public functions with a @spec)
