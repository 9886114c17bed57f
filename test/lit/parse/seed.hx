# RUN: %hastec check --emit=ast %s | FileCheck %s
# The issue's seed program.

defmodule LogisticMap do
  @p 6_700_417
  @spec run(integer()) :: [integer()]
  def run(n) do
    1..n
    |> Enum.map(&step/1)
    |> Enum.sum()
  end
  defp step(x), do: rem(22 * x * (x + 1), @p)
end

# CHECK:      (call defmodule 4:1
# CHECK-NEXT:   (alias LogisticMap 4:11)
# CHECK-NEXT:   (kw 4:23
# CHECK-NEXT:     (pair do 4:23
# CHECK-NEXT:       (block 4:23
# CHECK-NEXT:         (unary @ 5:3
# CHECK-NEXT:           (call p 5:4
# CHECK-NEXT:             (int 6_700_417 6700417 5:6)))
# CHECK-NEXT:         (unary @ 6:3
# CHECK-NEXT:           (call spec 6:4
# CHECK-NEXT:             (binary :: 6:24
# CHECK-NEXT:               (call run() 6:9
# CHECK-NEXT:                 (call integer() 6:13))
# CHECK-NEXT:               (list 6:27
# CHECK-NEXT:                 (call integer() 6:28)))))
# CHECK-NEXT:         (call def 7:3
# CHECK-NEXT:           (call run() 7:7
# CHECK-NEXT:             (var n 7:11))
# CHECK-NEXT:           (kw 7:14
# CHECK-NEXT:             (pair do 7:14
# CHECK-NEXT:               (block 7:14
# CHECK-NEXT:                 (binary |> 10:5
# CHECK-NEXT:                   (binary |> 9:5
# CHECK-NEXT:                     (binary .. 8:6
# CHECK-NEXT:                       (int 1 8:5)
# CHECK-NEXT:                       (var n 8:8))
# CHECK-NEXT:                     (call .map() 9:13
# CHECK-NEXT:                       (alias Enum 9:8)
# CHECK-NEXT:                       (unary & 9:17
# CHECK-NEXT:                         (binary / 9:22
# CHECK-NEXT:                           (var step 9:18)
# CHECK-NEXT:                           (int 1 9:23)))))
# CHECK-NEXT:                   (call .sum() 10:13
# CHECK-NEXT:                     (alias Enum 10:8)))))))
# CHECK-NEXT:         (call defp 12:3
# CHECK-NEXT:           (call step() 12:8
# CHECK-NEXT:             (var x 12:13))
# CHECK-NEXT:           (kw 12:17
# CHECK-NEXT:             (pair do 12:17
# CHECK-NEXT:               (call rem() 12:21
# CHECK-NEXT:                 (binary * 12:32
# CHECK-NEXT:                   (binary * 12:28
# CHECK-NEXT:                     (int 22 12:25)
# CHECK-NEXT:                     (var x 12:30))
# CHECK-NEXT:                   (binary + 12:37
# CHECK-NEXT:                     (var x 12:35)
# CHECK-NEXT:                     (int 1 12:39)))
# CHECK-NEXT:                 (unary @ 12:43
# CHECK-NEXT:                   (var p 12:44))))))))))
