# Tensor @specs that `hastec build` must refuse with a clear message.
# tensor_run.sh checks that the build fails and that each `# ERROR:` line
# below appears in its output (file:line:col: error: ...).
# ERROR: tensor_bad_spec.hx:16:21: error: Nx.Tensor.t() has no shape or type: write Hx.tensor(:f32, {2, 3}) (entry points are compiled per shape)
# ERROR: tensor_bad_spec.hx:19:21: error: expected a tensor type :f32, :f64, :s32, :s64 or :u8 (or {:f, 32} ...) in Hx.tensor/2
# ERROR: tensor_bad_spec.hx:22:27: error: expected a static shape in Hx.tensor/2: a tuple of 0 to 4 positive integers, such as {2, 3} or {} (hastec compiles per shape, as defn does)
# ERROR: tensor_bad_spec.hx:25:27: error: expected a static shape in Hx.tensor/2
# ERROR: tensor_bad_spec.hx:28:27: error: expected a static shape in Hx.tensor/2
# ERROR: tensor_bad_spec.hx:31:21: error: expected a tensor type :f32, :f64, :s32, :s64 or :u8 (or {:f, 32} ...) in Hx.tensor/2
# ERROR: tensor_bad_spec.hx:34:15: error: tensors inside tuples are not supported in entry points yet
# ERROR: tensor_bad_spec.hx:37:11: error: lists of tensors are not supported in entry points yet
# ERROR: 8 errors
defmodule TensorBadSpec do
  import Nx.Defn

  @spec a(Nx.Tensor.t()) :: Nx.Tensor.t()
  defn a(x), do: x + 1

  @spec b(Hx.tensor(:f16, {2})) :: Hx.tensor(:f32, {2})
  defn b(x), do: x + 1

  @spec c(Hx.tensor(:f32, {2, 0})) :: Hx.tensor(:f32, {2, 0})
  defn c(x), do: x + 1

  @spec i(Hx.tensor(:f32, {1, 1, 1, 1, 1})) :: Hx.tensor(:f32, {})
  defn i(x), do: Nx.sum(x)

  @spec j(Hx.tensor(:f32, n)) :: Hx.tensor(:f32, {})
  defn j(x), do: Nx.sum(x)

  @spec d(Hx.tensor(:u16, {2})) :: Hx.tensor(:u16, {2})
  defn d(x), do: x

  @spec e({Hx.tensor(:f32, {2}), integer()}) :: integer()
  def e(t), do: elem(t, 1)

  @spec f([Hx.tensor(:f32, {2})]) :: integer()
  def f(ts), do: length(ts)
end
