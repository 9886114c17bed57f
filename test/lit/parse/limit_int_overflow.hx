# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Valid Elixir (a bignum), but hastec integers are 64-bit.

x = 9223372036854775808

# CHECK:      {{^}}{{.*}}/limit_int_overflow.hx:4:5: error: integer literal 9223372036854775808 does not fit in 64 bits{{$}}
# CHECK-NEXT: {{^}}    x = 9223372036854775808{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
