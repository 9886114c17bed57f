# Printing as Nx's inspect: ranks 0-4 of every type, more than 50 elements
# (run_diff prints with limit: :infinity), f32 values
# as their exact double expansion, -0.0, Inf/NaN, tuples of tensors (also
# nested and mixed with numbers), and tensors inside lists.
defmodule NxhPrint do
  def r0(), do: {Nx.tensor(1), Nx.tensor(1.0), Nx.tensor(1, type: :s64), Nx.tensor(0.1, type: :f64)}
  def r1_50(), do: Nx.iota({50})
  def r1_long(), do: Nx.iota({60})
  def r1_long_f(), do: Nx.divide(Nx.iota({55}), 7)
  def r2_long(), do: Nx.iota({2, 30}, type: :s64)
  def float_text(), do: {Nx.tensor([49900.0, 1.0e6, 0.5, 123456.0, 1.0e-4], type: :f64), Nx.tensor([49900.0, 1.0e6, 1.0e15])}
  def r1_50_f(), do: Nx.divide(Nx.iota({50}), 7)
  def r2_wide(), do: Nx.iota({2, 25}, type: :s64)
  def r3(), do: Nx.iota({2, 2, 3}, type: :f64)
  def r4(), do: Nx.iota({2, 2, 2, 2})
  def r4_f32(), do: Nx.divide(Nx.iota({1, 2, 1, 3}), 3)
  def floats(), do: Nx.tensor([0.1, 1.0e-7, 1.0e20, 123456.789, -0.0, 3.4e38, 1.5e-45])
  def floats_f64(), do: Nx.tensor([0.1, 1.0e-7, 1.0e20, 123456.789, -0.0, 1.7976931348623157e308, 5.0e-324], type: :f64)
  def ints(), do: Nx.tensor([0, -1, 2_147_483_647, -2_147_483_648])
  def specials(), do: {Nx.tensor([:nan, :infinity, :neg_infinity]), Nx.tensor([[:nan], [1.0]], type: :f64)}
  def tuple2(), do: {Nx.tensor([1, 2]), Nx.tensor([[1.5]])}
  def nested(), do: {Nx.tensor(1), {Nx.tensor([2.0]), Nx.iota({2, 2})}}
  def mixed(), do: {1, Nx.tensor([1]), 2.5}
  def in_list(), do: [Nx.tensor([1]), Nx.tensor([2])]
  def empty_axis_sum(), do: Nx.sum(Nx.iota({2, 3}), axes: [0, 1], keep_axes: true)
end
# CALL: NxhPrint.r0()
# CALL: NxhPrint.r1_50()
# CALL: NxhPrint.r1_50_f()
# CALL: NxhPrint.r1_long()
# CALL: NxhPrint.r1_long_f()
# CALL: NxhPrint.r2_long()
# CALL: NxhPrint.float_text()
# CALL: NxhPrint.r2_wide()
# CALL: NxhPrint.r3()
# CALL: NxhPrint.r4()
# CALL: NxhPrint.r4_f32()
# CALL: NxhPrint.floats()
# CALL: NxhPrint.floats_f64()
# CALL: NxhPrint.ints()
# CALL: NxhPrint.specials()
# CALL: NxhPrint.tuple2()
# CALL: NxhPrint.nested()
# CALL: NxhPrint.mixed()
# CALL: NxhPrint.in_list()
# CALL: NxhPrint.empty_axis_sum()
