# RUN: %hastec check --emit=ast %s | FileCheck %s
# Binary operators: precedence and associativity as in Elixir.

x = 1 + 2 * 3 - 4 / 5
x = a ++ b ++ c
x = a <> b <> c
x = a == b and c != d or not e
x = a && b || c
x = a < b == c
x = x in [1, 2]
x = x not in y
a = b = c
x = 2 ** 3 ** 2

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var x 4:1)
# CHECK-NEXT:   (binary - 4:15
# CHECK-NEXT:     (binary + 4:7
# CHECK-NEXT:       (int 1 4:5)
# CHECK-NEXT:       (binary * 4:11
# CHECK-NEXT:         (int 2 4:9)
# CHECK-NEXT:         (int 3 4:13)))
# CHECK-NEXT:     (binary / 4:19
# CHECK-NEXT:       (int 4 4:17)
# CHECK-NEXT:       (int 5 4:21))))
# CHECK-NEXT: (binary = 5:3
# CHECK-NEXT:   (var x 5:1)
# CHECK-NEXT:   (binary ++ 5:7
# CHECK-NEXT:     (var a 5:5)
# CHECK-NEXT:     (binary ++ 5:12
# CHECK-NEXT:       (var b 5:10)
# CHECK-NEXT:       (var c 5:15))))
# CHECK-NEXT: (binary = 6:3
# CHECK-NEXT:   (var x 6:1)
# CHECK-NEXT:   (binary <> 6:7
# CHECK-NEXT:     (var a 6:5)
# CHECK-NEXT:     (binary <> 6:12
# CHECK-NEXT:       (var b 6:10)
# CHECK-NEXT:       (var c 6:15))))
# CHECK-NEXT: (binary = 7:3
# CHECK-NEXT:   (var x 7:1)
# CHECK-NEXT:   (binary or 7:23
# CHECK-NEXT:     (binary and 7:12
# CHECK-NEXT:       (binary == 7:7
# CHECK-NEXT:         (var a 7:5)
# CHECK-NEXT:         (var b 7:10))
# CHECK-NEXT:       (binary != 7:18
# CHECK-NEXT:         (var c 7:16)
# CHECK-NEXT:         (var d 7:21)))
# CHECK-NEXT:     (unary not 7:26
# CHECK-NEXT:       (var e 7:30))))
# CHECK-NEXT: (binary = 8:3
# CHECK-NEXT:   (var x 8:1)
# CHECK-NEXT:   (binary || 8:12
# CHECK-NEXT:     (binary && 8:7
# CHECK-NEXT:       (var a 8:5)
# CHECK-NEXT:       (var b 8:10))
# CHECK-NEXT:     (var c 8:15)))
# CHECK-NEXT: (binary = 9:3
# CHECK-NEXT:   (var x 9:1)
# CHECK-NEXT:   (binary == 9:11
# CHECK-NEXT:     (binary < 9:7
# CHECK-NEXT:       (var a 9:5)
# CHECK-NEXT:       (var b 9:9))
# CHECK-NEXT:     (var c 9:14)))
# CHECK-NEXT: (binary = 10:3
# CHECK-NEXT:   (var x 10:1)
# CHECK-NEXT:   (binary in 10:7
# CHECK-NEXT:     (var x 10:5)
# CHECK-NEXT:     (list 10:10
# CHECK-NEXT:       (int 1 10:11)
# CHECK-NEXT:       (int 2 10:14))))
# CHECK-NEXT: (binary = 11:3
# CHECK-NEXT:   (var x 11:1)
# CHECK-NEXT:   (unary not 11:7
# CHECK-NEXT:     (binary in 11:11
# CHECK-NEXT:       (var x 11:5)
# CHECK-NEXT:       (var y 11:14))))
# CHECK-NEXT: (binary = 12:3
# CHECK-NEXT:   (var a 12:1)
# CHECK-NEXT:   (binary = 12:7
# CHECK-NEXT:     (var b 12:5)
# CHECK-NEXT:     (var c 12:9)))
# CHECK-NEXT: (binary = 13:3
# CHECK-NEXT:   (var x 13:1)
# CHECK-NEXT:   (binary ** 13:12
# CHECK-NEXT:     (binary ** 13:7
# CHECK-NEXT:       (int 2 13:5)
# CHECK-NEXT:       (int 3 13:10))
# CHECK-NEXT:     (int 2 13:15)))
