# RUN: %hastec check --emit=ast %s | FileCheck %s
# def/defp with do-blocks and `, do:`, guards, defaults.

defmodule M do
  def f(x) do
    x
  end
  defp g(x), do: x + 1
  def h(x) when x > 0 do
    x
  end
  def k(x, y \\ 2) when is_integer(x) and y > 0, do: x * y
end

# CHECK:      (call defmodule 4:1
# CHECK-NEXT:   (alias M 4:11)
# CHECK-NEXT:   (kw 4:13
# CHECK-NEXT:     (pair do 4:13
# CHECK-NEXT:       (block 4:13
# CHECK-NEXT:         (call def 5:3
# CHECK-NEXT:           (call f() 5:7
# CHECK-NEXT:             (var x 5:9))
# CHECK-NEXT:           (kw 5:12
# CHECK-NEXT:             (pair do 5:12
# CHECK-NEXT:               (block 5:12
# CHECK-NEXT:                 (var x 6:5)))))
# CHECK-NEXT:         (call defp 8:3
# CHECK-NEXT:           (call g() 8:8
# CHECK-NEXT:             (var x 8:10))
# CHECK-NEXT:           (kw 8:14
# CHECK-NEXT:             (pair do 8:14
# CHECK-NEXT:               (binary + 8:20
# CHECK-NEXT:                 (var x 8:18)
# CHECK-NEXT:                 (int 1 8:22)))))
# CHECK-NEXT:         (call def 9:3
# CHECK-NEXT:           (binary when 9:12
# CHECK-NEXT:             (call h() 9:7
# CHECK-NEXT:               (var x 9:9))
# CHECK-NEXT:             (binary > 9:19
# CHECK-NEXT:               (var x 9:17)
# CHECK-NEXT:               (int 0 9:21)))
# CHECK-NEXT:           (kw 9:23
# CHECK-NEXT:             (pair do 9:23
# CHECK-NEXT:               (block 9:23
# CHECK-NEXT:                 (var x 10:5)))))
# CHECK-NEXT:         (call def 12:3
# CHECK-NEXT:           (binary when 12:20
# CHECK-NEXT:             (call k() 12:7
# CHECK-NEXT:               (var x 12:9)
# CHECK-NEXT:               (binary \\ 12:14
# CHECK-NEXT:                 (var y 12:12)
# CHECK-NEXT:                 (int 2 12:17)))
# CHECK-NEXT:             (binary and 12:39
# CHECK-NEXT:               (call is_integer() 12:25
# CHECK-NEXT:                 (var x 12:36))
# CHECK-NEXT:               (binary > 12:45
# CHECK-NEXT:                 (var y 12:43)
# CHECK-NEXT:                 (int 0 12:47))))
# CHECK-NEXT:           (kw 12:50
# CHECK-NEXT:             (pair do 12:50
# CHECK-NEXT:               (binary * 12:56
# CHECK-NEXT:                 (var x 12:54)
# CHECK-NEXT:                 (var y 12:58)))))))))
