# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A do-block after something that is not a call.

x = 1 do
end

# CHECK:      {{^}}{{.*}}/err_unexpected_do.hx:4:7: error: unexpected token 'do'{{$}}
# CHECK-NEXT: {{^}}    x = 1 do{{$}}
# CHECK-NEXT: {{^}}          ^{{$}}
# CHECK-NOT:  error
