# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# A list left open at the end of the file.

x = [1, 2

# CHECK:      {{^}}{{.*}}/err_missing_bracket_at_eof.hx:4:10: error: unexpected end of file: missing ']' for '[' opened at 4:5{{$}}
# CHECK-NEXT: {{^}}    x = [1, 2{{$}}
# CHECK-NEXT: {{^}}             ^{{$}}
# CHECK-NOT:  error
