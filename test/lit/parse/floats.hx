# RUN: %hastec check --emit=ast %s | FileCheck %s
# Float literals: digits on both sides of the dot.

x = 1.5
x = 1.0e-3
x = 1_000.5
x = 2.5E+2

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var x 4:1)
# CHECK-NEXT:   (float 1.5 4:5))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var x 5:1)
# CHECK-NEXT:   (float 1.0e-3 0.001 5:5))
# CHECK-NEXT: (binary = 6:3
# CHECK-NEXT:   (var x 6:1)
# CHECK-NEXT:   (float 1_000.5 1000.5 6:5))
# CHECK-NEXT: (binary = 7:3
# CHECK-NEXT:   (var x 7:1)
# CHECK-NEXT:   (float 2.5E+2 2.5e+02 7:5))
