# RUN: %hastec check --emit=ast %s | FileCheck %s
# Variables and rebinding.

x = 1
x = x + 1
_ignored = x
{a, _} = {x, 2}

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var x 4:1)
# CHECK-NEXT:   (int 1 4:5))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var x 5:1)
# CHECK-NEXT:   (binary + 5:7
# CHECK-NEXT:     (var x 5:5)
# CHECK-NEXT:     (int 1 5:9)))
# CHECK-NEXT: (binary = 6:10
# CHECK-NEXT:   (var _ignored 6:1)
# CHECK-NEXT:   (var x 6:12))
# CHECK-NEXT: (binary = 7:8
# CHECK-NEXT:   (tuple 7:1
# CHECK-NEXT:     (var a 7:2)
# CHECK-NEXT:     (var _ 7:5))
# CHECK-NEXT:   (tuple 7:10
# CHECK-NEXT:     (var x 7:11)
# CHECK-NEXT:     (int 2 7:14)))
