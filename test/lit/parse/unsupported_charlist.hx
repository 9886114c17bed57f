# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Valid Elixir; hastec has no charlists.

x = 'abc'

# CHECK:      {{^}}{{.*}}/unsupported_charlist.hx:4:5: error: charlists ('...') are not supported; use a string ("..."){{$}}
# CHECK-NEXT: {{^}}    x = 'abc'{{$}}
# CHECK-NEXT: {{^}}        ^{{$}}
# CHECK-NOT:  error
