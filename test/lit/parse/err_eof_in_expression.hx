# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# The file ends in the middle of an expression.

x = 1 +

# CHECK:      {{^}}{{.*}}/err_eof_in_expression.hx:4:8: error: unexpected end of file{{$}}
# CHECK-NEXT: {{^}}    x = 1 +{{$}}
# CHECK-NEXT: {{^}}           ^{{$}}
# CHECK-NOT:  error
