# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A call without parentheses inside a list cannot take several arguments.

x = [if a, do: b]

# CHECK:      {{^}}{{.*}}/err_ambiguous_comma.hx:4:6: error: parentheses are required around the arguments of 'if' here: its commas are ambiguous{{$}}
# CHECK-NEXT: {{^}}    x = [if a, do: b]{{$}}
# CHECK-NEXT: {{^}}         ^{{$}}
# CHECK-NOT:  error
