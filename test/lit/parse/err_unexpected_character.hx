# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A character that starts no token.

x = 1 $ 2

# CHECK:      {{^}}{{.*}}/err_unexpected_character.hx:4:7: error: unexpected character '$'{{$}}
# CHECK-NEXT: {{^}}    x = 1 $ 2{{$}}
# CHECK-NEXT: {{^}}          ^{{$}}
# CHECK-NOT:  error
