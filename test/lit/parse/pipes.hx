# RUN: %hastec check --emit=ast %s | FileCheck %s
# Pipelines continue on lines that start with |>.

def f(n) do
  1..n
  |> Enum.map(&step/1)
  |> Enum.sum()
end

# CHECK:      (call def 4:1
# CHECK-NEXT:   (call f() 4:5
# CHECK-NEXT:     (var n 4:7))
# CHECK-NEXT:   (kw 4:10
# CHECK-NEXT:     (pair do 4:10
# CHECK-NEXT:       (block 4:10
# CHECK-NEXT:         (binary |> 7:3
# CHECK-NEXT:           (binary |> 6:3
# CHECK-NEXT:             (binary .. 5:4
# CHECK-NEXT:               (int 1 5:3)
# CHECK-NEXT:               (var n 5:6))
# CHECK-NEXT:             (call .map() 6:11
# CHECK-NEXT:               (alias Enum 6:6)
# CHECK-NEXT:               (unary & 6:15
# CHECK-NEXT:                 (binary / 6:20
# CHECK-NEXT:                   (var step 6:16)
# CHECK-NEXT:                   (int 1 6:21)))))
# CHECK-NEXT:           (call .sum() 7:11
# CHECK-NEXT:             (alias Enum 7:6)))))))
