# RUN: %hastec run %s -e 'PrintBool.pos?(3)' | FileCheck %s --check-prefix=TRUE
# RUN: %hastec run %s -e 'PrintBool.pos?(-3)' | FileCheck %s --check-prefix=FALSE
# RUN: %hastec run %s -e 'PrintBool.flags(2)' | FileCheck %s --check-prefix=LIST
# Booleans print as true and false.

defmodule PrintBool do
  @spec pos?(integer()) :: boolean()
  def pos?(x), do: x > 0

  @spec flags(integer()) :: [boolean()]
  def flags(n), do: Enum.map(0..n, fn x -> rem(x, 2) == 0 end)
end

# TRUE:  {{^}}true{{$}}
# FALSE: {{^}}false{{$}}
# LIST:  {{^}}[true, false, true]{{$}}
