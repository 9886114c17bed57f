# RUN: %hastec check %s --emit=ir --stop-after=fuse-maps | FileCheck %s
# RUN: %hastec check %s --emit=ir | FileCheck %s
# RUN: %hastec check %s --emit=ir -O0 | FileCheck %s --check-prefix=UNFUSED
# The seed's logistic-map pipeline (samples/logistic_map.hx): ten
# Enum.map calls over a range, then Enum.sum. fuse-maps leaves exactly ONE
# map over the range, whose lambda applies step ten times in order (each
# stage's let reads the previous stage's variable).

defmodule LogisticMap do
  @mu 22
  @p 6_700_417

  @spec sum(integer()) :: integer()
  def sum(n) do
    1..n
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.map(&step/1)
    |> Enum.sum()
  end

  defp step(x), do: rem(@mu * x * (x + 1), @p)
end

# CHECK-LABEL: entry LogisticMap.sum/1(integer) as LogisticMap_sum
# CHECK-SAME:  ([[N:n%[0-9]+]]: integer) -> integer
# CHECK-NEXT:    fold sum : integer
# CHECK-COUNT-1: map : [integer]
# CHECK-NEXT:        range : [integer]
# CHECK-NEXT:          1
# CHECK-NEXT:          [[N]]
# CHECK-NEXT:        fn [[X0:x%[0-9]+]]: integer ->
# CHECK-NEXT:          let [[X1:x%[0-9]+]]: integer = {{.*}}([[X0]]{{[,)].*}}
# CHECK-NEXT:          let [[X2:x%[0-9]+]]: integer = {{.*}}([[X1]]{{[,)].*}}
# CHECK-NEXT:          let [[X3:x%[0-9]+]]: integer = {{.*}}([[X2]]{{[,)].*}}
# CHECK-NEXT:          let [[X4:x%[0-9]+]]: integer = {{.*}}([[X3]]{{[,)].*}}
# CHECK-NEXT:          let [[X5:x%[0-9]+]]: integer = {{.*}}([[X4]]{{[,)].*}}
# CHECK-NEXT:          let [[X6:x%[0-9]+]]: integer = {{.*}}([[X5]]{{[,)].*}}
# CHECK-NEXT:          let [[X7:x%[0-9]+]]: integer = {{.*}}([[X6]]{{[,)].*}}
# CHECK-NEXT:          let [[X8:x%[0-9]+]]: integer = {{.*}}([[X7]]{{[,)].*}}
# CHECK-NEXT:          let [[X9:x%[0-9]+]]: integer = {{.*}}([[X8]]{{[,)].*}}
# CHECK-NEXT:          {{[a-z]+}}({{.*}}([[X9]]{{[,)].*}}
# CHECK-NOT:   map :

# UNFUSED-LABEL: entry LogisticMap.sum/1(integer)
# UNFUSED-NEXT:    fold sum : integer
# UNFUSED-COUNT-10: map : [integer]
# UNFUSED-NOT:     map :
# UNFUSED:       func LogisticMap.step/1(integer)
