# RUN: %hastec run %s -e 'PrintFloat.add(0.1, 0.2)' | FileCheck %s --check-prefix=SUM
# RUN: %hastec run %s -e 'PrintFloat.div(1, 100000)' | FileCheck %s --check-prefix=SMALL
# RUN: %hastec run %s -e 'PrintFloat.mul(1.0, 1.0e16)' | FileCheck %s --check-prefix=BIG
# RUN: %hastec run %s -e 'PrintFloat.mul(1.0, 1.0e15)' | FileCheck %s --check-prefix=E15
# RUN: %hastec run %s -e 'PrintFloat.div(2, 3)' | FileCheck %s --check-prefix=THIRDS
# RUN: %hastec run %s -e 'PrintFloat.div(4, 2)' | FileCheck %s --check-prefix=WHOLE
# RUN: %hastec run %s -e 'PrintFloat.mul(0.0, -1.0)' | FileCheck %s --check-prefix=NEGZERO
# RUN: %hastec run %s -e 'PrintFloat.list()' | FileCheck %s --check-prefix=LIST
# Floats print as Elixir 1.14 prints them: the shortest round-trip digits,
# in decimal for exponents -4..15 (-4 only with one digit), else d.de[-]E.

defmodule PrintFloat do
  @spec add(float(), float()) :: float()
  def add(a, b), do: a + b

  @spec div(integer(), integer()) :: float()
  def div(a, b), do: a / b

  @spec mul(float(), float()) :: float()
  def mul(a, b), do: a * b

  @spec list() :: [float()]
  def list(), do: [0.0001, 1.23e-4, 100000.0, 123456789012345680.0, 5.0e-324, 1.7976931348623157e308]
end

# SUM:     {{^}}0.30000000000000004{{$}}
# SMALL:   {{^}}1.0e-5{{$}}
# BIG:     {{^}}1.0e16{{$}}
# E15:     {{^}}1000000000000000.0{{$}}
# THIRDS:  {{^}}0.6666666666666666{{$}}
# WHOLE:   {{^}}2.0{{$}}
# NEGZERO: {{^}}-0.0{{$}}
# LIST:    {{^}}[0.0001, 1.23e-4, 100000.0, 1.2345678901234568e17, 5.0e-324, 1.7976931348623157e308]{{$}}
