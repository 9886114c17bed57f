# RUN: not %hastec build %s --emit=header 2>&1 | FileCheck %s
# RUN: rm -rf %t && mkdir -p %t && not %hastec build %s -o %t/libm.so 2>&1 | FileCheck %s
# RUN: %hastec run %s -e 'M.tag(4)' | FileCheck %s --check-prefix=OUT
# An atom in an entry point's signature has no C representation: the
# header generator refuses it (hastec run still calls it and prints it).

defmodule M do
  @spec tag(integer()) :: {:ok, integer()}
  def tag(x), do: {:ok, x + 1}
end

# CHECK: error: entry point M.tag/1: its result {:ok, integer} holds an atom ({:ok, integer}), which has no C representation (hastec's atoms are known at compile time); return or take numbers, booleans, lists, tuples of them or tensors instead, or call it through `hastec run`
# OUT-NOT: error
# OUT: {:ok, 5}
