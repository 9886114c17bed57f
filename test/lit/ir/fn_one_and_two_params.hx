# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s
# fn with one parameter (map) and with two (reduce); a fn bound to a
# variable is instantiated where it is used.

defmodule Fns do
  @spec one(integer()) :: [integer()]
  def one(n) do
    inc = fn x -> x + 1 end
    Enum.map(1..n, inc)
  end

  @spec two(integer()) :: integer()
  def two(n), do: Enum.reduce(1..n, 1, fn x, acc -> x * acc end)
end

# CHECK-LABEL: entry Fns.one/1(integer) as Fns_one
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> [integer]
# CHECK-NEXT:    map : [integer]
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:        add([[X]], 1)
# CHECK-EMPTY:
# CHECK-LABEL: entry Fns.two/1(integer) as Fns_two
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    reduce : integer
# CHECK-NEXT:      range : [integer]
# CHECK-NEXT:        1
# CHECK-NEXT:        [[N]]
# CHECK-NEXT:      1
# CHECK-NEXT:      fn [[X:x%[0-9]+]]: integer, [[ACC:x%[0-9]+]]: integer ->
# CHECK-NEXT:        mul([[X]], [[ACC]])
