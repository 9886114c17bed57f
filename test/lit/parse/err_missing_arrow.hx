# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A fn clause without '->'.

f = fn x end

# CHECK:      {{^}}{{.*}}/err_missing_arrow.hx:4:10: error: missing '->' before token 'end'{{$}}
# CHECK-NEXT: {{^}}    f = fn x end{{$}}
# CHECK-NEXT: {{^}}             ^{{$}}
# CHECK-NOT:  error
