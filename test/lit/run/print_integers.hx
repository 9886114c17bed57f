# RUN: %hastec run %s -e 'PrintInt.double(21)' | FileCheck %s --check-prefix=POS
# RUN: %hastec run %s -e 'PrintInt.negate(5)' | FileCheck %s --check-prefix=NEG
# RUN: %hastec run %s -e 'PrintInt.negate(-7)' | FileCheck %s --check-prefix=NEGARG
# RUN: %hastec run %s -e 'PrintInt.double(0)' | FileCheck %s --check-prefix=ZERO
# RUN: %hastec run %s -e 'PrintInt.double(4611686018427387904)' | FileCheck %s --check-prefix=WRAP
# Integers print in decimal, negative ones with a minus sign; 64-bit
# arithmetic wraps (the documented difference from Elixir's bignums).

defmodule PrintInt do
  @spec double(integer()) :: integer()
  def double(x), do: x * 2

  @spec negate(integer()) :: integer()
  def negate(x), do: 0 - x
end

# POS:    {{^}}42{{$}}
# NEG:    {{^}}-5{{$}}
# NEGARG: {{^}}7{{$}}
# ZERO:   {{^}}0{{$}}
# WRAP:   {{^}}-9223372036854775808{{$}}
