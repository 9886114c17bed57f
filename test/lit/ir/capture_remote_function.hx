# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# &M.f/1 captures a function of another module.

defmodule CapRemote do
  @spec f(integer()) :: [integer()]
  def f(n), do: Enum.map(1..n, &CapRemote.Util.triple/1)
end

defmodule CapRemote.Util do
  def triple(x), do: x * 3
end

# CHECK-LABEL: entry CapRemote.f/1(integer) as CapRemote_f
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> [integer]
# CHECK-NEXT:    map : [integer]
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        call CapRemote.Util.triple/1(integer)([[X]])
# CHECK-EMPTY:
# CHECK-NEXT:  func CapRemote.Util.triple/1(integer)
# CHECK-SAME:  ([[Y:x%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    mul([[Y]], 3)
