# RUN: not %hastec run %s -e 'EmptyMax.f(3)' 2>&1 | FileCheck --strict-whitespace %s
# RUN: not %hastec run %s -e 'EmptyMax.g(3)' 2>&1 | FileCheck --strict-whitespace %s --check-prefix=MIN
# RUN: sh -c '%hastec run %s -e "EmptyMax.f(3)"; echo "exit=$?"' 2>&1 | FileCheck %s --check-prefix=EXIT
# Enum.max and Enum.min of an empty list raise Enum.EmptyError.

defmodule EmptyMax do
  @spec f(integer()) :: integer()
  def f(n), do: Enum.max(Enum.filter(1..n, fn x -> x > 10 end))

  @spec g(integer()) :: float()
  def g(n), do: Enum.min(Enum.map(Enum.filter(1..n, fn x -> x > 10 end), fn x -> x * 0.5 end))
end

# CHECK:      {{^}}** (Enum.EmptyError) empty error{{$}}
# CHECK-NEXT: {{^}}    {{.*}}error_enum_max_empty.hx:8: EmptyMax.f/1{{$}}
# MIN:        {{^}}** (Enum.EmptyError) empty error{{$}}
# MIN-NEXT:   {{^}}    {{.*}}error_enum_max_empty.hx:11: EmptyMax.g/1{{$}}
# EXIT:       exit=3
