# RUN: not %hastec check %s 2>&1 | FileCheck %s
# What hastec's compile-time atoms refuse, each with its reason.

defmodule M do
  @spec lists(integer()) :: integer()
  def lists(x), do: length([:a, :a]) + x

  @spec order(integer()) :: boolean()
  def order(_x), do: :a < :b

  @spec quoted(integer()) :: integer()
  def quoted(x), do: elem({:"a b", x}, 1)
end

# CHECK-DAG: atoms_errors.hx:6:28: error: a list holding atoms ([:a]) is not supported by hastec yet; atoms may be values, in tuples and maps, but not list elements
# CHECK-DAG: atoms_errors.hx:9:25: error: `<` on atoms (:a, :b) is not supported by hastec; == and != are
# CHECK-DAG: atoms_errors.hx:12:28: error: the atom :"a b" needs quotes when printed; hastec supports atoms that are plain names (:ok, :error, :f)
