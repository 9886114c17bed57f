#
# RUN: sh -c '%hastec run %s -e "ListArg.total([1.0])"; echo "exit=$?"' 2>&1 | FileCheck %s
# A one-element list of floats where the @spec wants [integer] is a usage
# error (exit 2) that should say the argument's type does not match the
# @spec. BUG: the message claims the list's elements do not share one type
# ("list elements must share one type: integer and float"), which is false
# for a one-element list: literal_arg in driver/hastec.cpp seeds the element
# type from the @spec and reports the mismatch as a mixed list.

defmodule ListArg do
  @spec total([integer()]) :: integer()
  def total(xs), do: Enum.sum(xs)
end

# CHECK:     hastec: error: argument 1 of ListArg.total{{.*}}@spec says {{.*}}integer
# CHECK-NOT: share one type
# CHECK:     exit=2
