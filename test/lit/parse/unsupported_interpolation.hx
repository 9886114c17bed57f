# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Valid Elixir; hastec does not interpolate strings yet.

x = "n = #{n}"

# CHECK:      {{^}}{{.*}}/unsupported_interpolation.hx:4:10: error: string interpolation is not supported yet{{$}}
# CHECK-NEXT: {{^}}    x = "n = #{n}"{{$}}
# CHECK-NEXT: {{^}}             ^{{$}}
# CHECK-NOT:  error
