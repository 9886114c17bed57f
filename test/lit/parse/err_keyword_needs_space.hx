# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A keyword key must be followed by a space.

if x, do:1

# CHECK:      {{^}}{{.*}}/err_keyword_needs_space.hx:4:7: error: keyword 'do:' must be followed by a space{{$}}
# CHECK-NEXT: {{^}}    if x, do:1{{$}}
# CHECK-NEXT: {{^}}          ^{{$}}
# CHECK-NOT:  error
