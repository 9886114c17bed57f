# RUN: not %hastec run %s -e 'CaseErr.c(3)' 2>&1 | FileCheck --strict-whitespace %s
# RUN: %hastec run %s -e 'CaseErr.c(0)' | FileCheck %s --check-prefix=OK
# A case with no matching clause raises CaseClauseError with the value.

defmodule CaseErr do
  @spec c(integer()) :: integer()
  def c(x) do
    case x do
      0 -> 10
      n when n > 5 -> n
    end
  end
end

# CHECK:      {{^}}** (CaseClauseError) no case clause matching: 3{{$}}
# CHECK-NEXT: {{^}}    {{.*}}error_case_clause.hx:8: CaseErr.c/1{{$}}
# OK:         {{^}}10{{$}}
