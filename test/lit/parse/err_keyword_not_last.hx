# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# Keyword pairs come after positional arguments.

f(a: 1, b)

# CHECK:      {{^}}{{.*}}/err_keyword_not_last.hx:4:9: error: keyword pairs must come last; wrap them in [ ] to pass a keyword list earlier{{$}}
# CHECK-NEXT: {{^}}    f(a: 1, b){{$}}
# CHECK-NEXT: {{^}}            ^{{$}}
# CHECK-NOT:  error
