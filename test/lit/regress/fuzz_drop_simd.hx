# RUN: %hastec run %s -e 'DropSimd.drop3([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])' 2>&1 | FileCheck %s --check-prefix=DROP
# RUN: %hastec run %s -e 'DropSimd.rev([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0])' 2>&1 | FileCheck %s --check-prefix=REV
# RUN: %hastec run %s -e 'DropSimd.last([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])' 2>&1 | FileCheck %s --check-prefix=LAST
# RUN: %hastec run %s --cpu=x86-64-v2 -e 'DropSimd.last2([0, 0, 1])' 2>&1 | FileCheck %s --check-prefix=LAST2
#
# Found by the differential fuzzer (test/fuzz). Materialising Enum.drop,
# Enum.reverse or Enum.take with a negative count of 8 or more numbers: the
# vector loop reads whole W-lane groups from the untransformed source (open_src
# rewrites `elem` for Reverse/Take/Drop but keeps the inner `velem`), so only
# the scalar tail is right. Seen with AVX-512 (W = 8):
#   drop3 -> [1, 2, 3, 4, 5, 6, 7, 8, 12]
#   rev   -> [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 2.0, 1.0]
# and with --cpu=x86-64-v2 (W = 2) from 2 elements on: last2 -> [0, 0].

defmodule DropSimd do
  @spec drop3([integer()]) :: [integer()]
  def drop3(xs), do: Enum.drop(xs, 3)

  @spec rev([float()]) :: [float()]
  def rev(xs), do: Enum.reverse(xs)

  @spec last([integer()]) :: [integer()]
  def last(xs), do: Enum.take(xs, -10)

  @spec last2([integer()]) :: [integer()]
  def last2(xs), do: Enum.take(xs, -2)
end

# DROP: {{^}}[4, 5, 6, 7, 8, 9, 10, 11, 12]{{$}}
# REV:  {{^}}[10.0, 9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0]{{$}}
# LAST: {{^}}[3, 4, 5, 6, 7, 8, 9, 10, 11, 12]{{$}}
# LAST2: {{^}}[0, 1]{{$}}
