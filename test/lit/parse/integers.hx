# RUN: %hastec check --emit=ast %s | FileCheck %s
# Integer literals in every base; int64 limits.

x = 1_000_000
x = 0xFF
x = 0b101
x = 0o17
x = ?a
x = 9223372036854775807
x = -9223372036854775808

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var x 4:1)
# CHECK-NEXT:   (int 1_000_000 1000000 4:5))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var x 5:1)
# CHECK-NEXT:   (int 0xFF 255 5:5))
# CHECK-NEXT: (binary = 6:3
# CHECK-NEXT:   (var x 6:1)
# CHECK-NEXT:   (int 0b101 5 6:5))
# CHECK-NEXT: (binary = 7:3
# CHECK-NEXT:   (var x 7:1)
# CHECK-NEXT:   (int 0o17 15 7:5))
# CHECK-NEXT: (binary = 8:3
# CHECK-NEXT:   (var x 8:1)
# CHECK-NEXT:   (int ?a 97 8:5))
# CHECK-NEXT: (binary = 9:3
# CHECK-NEXT:   (var x 9:1)
# CHECK-NEXT:   (int 9223372036854775807 9:5))
# CHECK-NEXT: (binary = 10:3
# CHECK-NEXT:   (var x 10:1)
# CHECK-NEXT:   (int -9223372036854775808 10:5))
