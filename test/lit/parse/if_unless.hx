# RUN: %hastec check --emit=ast %s | FileCheck %s
# if/unless with do-blocks and with keyword arguments.

x = if a > b do
  a
else
  b
end
y = if a, do: 1, else: 2
unless done do
  work()
end
z = if foo(x) do 1 end

# CHECK:      (binary = 4:3
# CHECK-NEXT:   (var x 4:1)
# CHECK-NEXT:   (call if 4:5
# CHECK-NEXT:     (binary > 4:10
# CHECK-NEXT:       (var a 4:8)
# CHECK-NEXT:       (var b 4:12))
# CHECK-NEXT:     (kw 4:14
# CHECK-NEXT:       (pair do 4:14
# CHECK-NEXT:         (block 4:14
# CHECK-NEXT:           (var a 5:3)))
# CHECK-NEXT:       (pair else 6:1
# CHECK-NEXT:         (block 6:1
# CHECK-NEXT:           (var b 7:3))))))
# CHECK-NEXT: (binary = 9:3
# CHECK-NEXT:   (var y 9:1)
# CHECK-NEXT:   (call if 9:5
# CHECK-NEXT:     (var a 9:8)
# CHECK-NEXT:     (kw 9:11
# CHECK-NEXT:       (pair do 9:11
# CHECK-NEXT:         (int 1 9:15))
# CHECK-NEXT:       (pair else 9:18
# CHECK-NEXT:         (int 2 9:24)))))
# CHECK-NEXT: (call unless 10:1
# CHECK-NEXT:   (var done 10:8)
# CHECK-NEXT:   (kw 10:13
# CHECK-NEXT:     (pair do 10:13
# CHECK-NEXT:       (block 10:13
# CHECK-NEXT:         (call work() 11:3)))))
# CHECK-NEXT: (binary = 13:3
# CHECK-NEXT:   (var z 13:1)
# CHECK-NEXT:   (call if 13:5
# CHECK-NEXT:     (call foo() 13:8
# CHECK-NEXT:       (var x 13:12))
# CHECK-NEXT:     (kw 13:15
# CHECK-NEXT:       (pair do 13:15
# CHECK-NEXT:         (block 13:15
# CHECK-NEXT:           (int 1 13:18))))))
