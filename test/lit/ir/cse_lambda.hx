# RUN: %hastec check %s --emit=ir --stop-after=cse | FileCheck %s
# RUN: %hastec check %s --emit=ir | FileCheck %s --check-prefix=FULL
# CSE in a lambda body: a repeated scalar expression of the element is
# computed once per element, let-bound inside the lambda (never hoisted out
# of it, which would evaluate it when the list is empty). A loop-invariant
# expression repeated in the same body is shared there too. The let is a
# scalar, so the loop body still vectorises; fusion then runs as before.

defmodule CseLambda do
  @spec f(integer()) :: integer()
  def f(n) do
    1..n
    |> Enum.map(fn x -> rem(x * 7 + 1, 13) + rem(x * 7 + 1, 13) * 2 end)
    |> Enum.map(fn y -> y + n * n - n * n end)
    |> Enum.sum()
  end
end

# CHECK-LABEL: entry CseLambda.f/1(integer) as CseLambda_f
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    fold sum : integer
# CHECK-NEXT:      map : [integer]
# CHECK-NEXT:        map : [integer]
# CHECK-NEXT:          range : [integer]
# CHECK-NEXT:            1
# CHECK-NEXT:            [[N]]
# CHECK-NEXT:          fn [[X:x%[0-9]+]]: integer ->
# CHECK-NEXT:            let [[C:cse%[0-9]+]]: integer = rem(add(mul([[X]], 7), 1), 13)
# CHECK-NEXT:            add([[C]], mul([[C]], 2))
# CHECK-NEXT:        fn [[Y:[a-z]+%[0-9]+]]: integer ->
# CHECK-NEXT:          let [[D:cse%[0-9]+]]: integer = mul([[N]], [[N]])
# CHECK-NEXT:          sub(add([[Y]], [[D]]), [[D]])

# After fusion both lets sit in the one fused lambda.
# FULL-LABEL: entry CseLambda.f/1(integer) as CseLambda_f
# FULL:         fn [[X:x%[0-9]+]]: integer ->
# FULL-NEXT:      let [[C:cse%[0-9]+]]: integer = rem(add(mul([[X]], 7), 1), 13)
# FULL-NEXT:      let [[Y:[a-z]+%[0-9]+]]: integer = add([[C]], mul([[C]], 2))
# FULL-NEXT:      let [[D:cse%[0-9]+]]: integer = mul(n%{{[0-9]+}}, n%{{[0-9]+}})
# FULL-NEXT:      sub(add([[Y]], [[D]]), [[D]])
