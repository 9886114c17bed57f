# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Letters glued to a number.

x = 1e3

# CHECK:      {{^}}{{.*}}/err_bad_number.hx:4:5: error: invalid number '1e3'{{$}}
# CHECK-NEXT: {{^}}    x = 1e3{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
