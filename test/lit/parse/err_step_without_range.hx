# RUN: not %hastec check %s 2>&1 | FileCheck --strict-whitespace %s
# '//' is only a range step.

x = a // b

# CHECK:      {{^}}{{.*}}/err_step_without_range.hx:4:7: error: the step operator '//' must follow a range, as in first..last//step{{$}}
# CHECK-NEXT: {{^}}    x = a // b{{$}}
# CHECK-NEXT: {{^}}          ^{{$}}
# CHECK-NOT:  error
