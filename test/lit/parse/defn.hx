# RUN: %hastec check --emit=ast %s | FileCheck %s
# defn, pins, module-qualified types in specs.

defmodule K do
  import Nx.Defn
  @spec scale(Hx.f32(), Hx.f32()) :: Hx.f32()
  defn scale(t, s) do
    t * s
  end
  def pin(x, y) do
    ^x = y
  end
end

# CHECK:      (call defmodule 4:1
# CHECK-NEXT:   (alias K 4:11)
# CHECK-NEXT:   (kw 4:13
# CHECK-NEXT:     (pair do 4:13
# CHECK-NEXT:       (block 4:13
# CHECK-NEXT:         (call import 5:3
# CHECK-NEXT:           (alias Nx.Defn 5:10))
# CHECK-NEXT:         (unary @ 6:3
# CHECK-NEXT:           (call spec 6:4
# CHECK-NEXT:             (binary :: 6:35
# CHECK-NEXT:               (call scale() 6:9
# CHECK-NEXT:                 (call .f32() 6:18
# CHECK-NEXT:                   (alias Hx 6:15))
# CHECK-NEXT:                 (call .f32() 6:28
# CHECK-NEXT:                   (alias Hx 6:25)))
# CHECK-NEXT:               (call .f32() 6:41
# CHECK-NEXT:                 (alias Hx 6:38)))))
# CHECK-NEXT:         (call defn 7:3
# CHECK-NEXT:           (call scale() 7:8
# CHECK-NEXT:             (var t 7:14)
# CHECK-NEXT:             (var s 7:17))
# CHECK-NEXT:           (kw 7:20
# CHECK-NEXT:             (pair do 7:20
# CHECK-NEXT:               (block 7:20
# CHECK-NEXT:                 (binary * 8:7
# CHECK-NEXT:                   (var t 8:5)
# CHECK-NEXT:                   (var s 8:9))))))
# CHECK-NEXT:         (call def 10:3
# CHECK-NEXT:           (call pin() 10:7
# CHECK-NEXT:             (var x 10:11)
# CHECK-NEXT:             (var y 10:14))
# CHECK-NEXT:           (kw 10:17
# CHECK-NEXT:             (pair do 10:17
# CHECK-NEXT:               (block 10:17
# CHECK-NEXT:                 (binary = 11:8
# CHECK-NEXT:                   (unary ^ 11:5
# CHECK-NEXT:                     (var x 11:6))
# CHECK-NEXT:                   (var y 11:10))))))))))
