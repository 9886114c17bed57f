# RUN: %hastec check --emit=ast %s | FileCheck %s
# Remote calls, zero-arity calls and field access.

Enum.map(xs, f)
:math.sqrt(x)
A.B.f(x)
M.f
m.k
f.(x)
IO.puts "hello"

# CHECK:      (call .map() 4:6
# CHECK-NEXT:   (alias Enum 4:1)
# CHECK-NEXT:   (var xs 4:10)
# CHECK-NEXT:   (var f 4:14))
# CHECK-NEXT: (call .sqrt() 5:7
# CHECK-NEXT:   (atom math 5:1)
# CHECK-NEXT:   (var x 5:12))
# CHECK-NEXT: (call .f() 6:5
# CHECK-NEXT:   (alias A.B 6:1)
# CHECK-NEXT:   (var x 6:7))
# CHECK-NEXT: (call .f 7:3
# CHECK-NEXT:   (alias M 7:1))
# CHECK-NEXT: (call .k 8:3
# CHECK-NEXT:   (var m 8:1))
# CHECK-NEXT: (call .() 9:2
# CHECK-NEXT:   (var f 9:1)
# CHECK-NEXT:   (var x 9:4))
# CHECK-NEXT: (call .puts 10:4
# CHECK-NEXT:   (alias IO 10:1)
# CHECK-NEXT:   (string "hello" 10:9))
