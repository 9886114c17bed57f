# RUN: %hastec check %s 2>&1 | FileCheck --allow-empty %s
# Strings are compile-time values (file paths, column names): a function no
# entry reaches may hold one; only a string used as run-time data is an
# error (unsupported_string.hx).

defmodule M do
  @spec f(integer()) :: integer()
  def f(x), do: x

  def g(_x), do: "s"
end

# CHECK-NOT: error
