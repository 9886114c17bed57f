# RUN: not %hastec check %s --dump-after=bogus 2>&1 | FileCheck %s
# RUN: not %hastec check %s --stop-after=bogus 2>&1 | FileCheck %s
# RUN: sh -c '%hastec build %s --dump-after=bogus; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=EXIT
# An unknown pass name is a usage error (exit 2) that lists the passes.

defmodule Bogus do
  @spec f(integer()) :: integer()
  def f(x), do: x
end

# CHECK: hastec: error: unknown pass; the passes are: inline const-fold cse fuse-maps const-fold-2 fuse-horizontal dead-functions
# EXIT:  exit=2
