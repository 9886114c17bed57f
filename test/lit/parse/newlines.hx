# RUN: %hastec check --emit=ast %s | FileCheck %s
# Newlines end expressions; `;` separates; brackets continue lines.

a = 1; b = 2
c = a +
  b
d = foo(
  a,
  b
)
e = a
|> f()
# a comment line
g = (
  a
  b
)

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var a 4:1)
# CHECK-NEXT:   (int 1 4:5))
# CHECK-NEXT: (binary = 4:10
# CHECK-NEXT:   (var b 4:8)
# CHECK-NEXT:   (int 2 4:12))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var c 5:1)
# CHECK-NEXT:   (binary + 5:7
# CHECK-NEXT:     (var a 5:5)
# CHECK-NEXT:     (var b 6:3)))
# CHECK-NEXT: (binary = 7:3
# CHECK-NEXT:   (var d 7:1)
# CHECK-NEXT:   (call foo() 7:5
# CHECK-NEXT:     (var a 8:3)
# CHECK-NEXT:     (var b 9:3)))
# CHECK-NEXT: (binary = 11:3
# CHECK-NEXT:   (var e 11:1)
# CHECK-NEXT:   (binary |> 12:1
# CHECK-NEXT:     (var a 11:5)
# CHECK-NEXT:     (call f() 12:4)))
# CHECK-NEXT: (binary = 14:3
# CHECK-NEXT:   (var g 14:1)
# CHECK-NEXT:   (block 14:5
# CHECK-NEXT:     (var a 15:3)
# CHECK-NEXT:     (var b 16:3)))
