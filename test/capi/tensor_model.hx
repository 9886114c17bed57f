# The model behind test/capi's tensor test: entry points that take and
# return Nx tensors (Hx.tensor(type, shape) in the @spec), built with
# `hastec build` and called from C through hx_tensor handles. Elementwise
# chains with broadcasting, dot (GEMM and vector), reductions, every
# element type, rank 0, a tensor beside numbers and lists, an entry that
# returns (a reshape of) its argument, and a runtime error.
defmodule TensorModel do
  import Nx.Defn

  @spec affine(Hx.tensor(:f32, {2, 3}), Hx.tensor(:f32, {3})) :: Hx.tensor(:f32, {2, 3})
  defn affine(x, b), do: x * 2.0 + b

  @spec matmul(Hx.tensor(:f64, {2, 3}), Hx.tensor(:f64, {3, 2})) :: Hx.tensor(:f64, {2, 2})
  defn matmul(a, b), do: Nx.dot(a, b)

  @spec vdot(Hx.tensor(:f32, {4}), Hx.tensor(:f32, {4})) :: Hx.tensor(:f32, {})
  defn vdot(a, b), do: Nx.dot(a, b)

  @spec softmax(Hx.tensor(:f32, {4})) :: Hx.tensor(:f32, {4})
  defn softmax(x), do: Nx.exp(x) / Nx.sum(Nx.exp(x))

  @spec total(Hx.tensor(:s64, {2, 2})) :: Hx.tensor(:s64, {})
  defn total(x), do: Nx.sum(x)

  @spec row_max(Hx.tensor(:s32, {2, 3})) :: Hx.tensor(:s32, {2})
  defn row_max(x), do: Nx.reduce_max(x, axes: [1])

  @spec col_mean(Hx.tensor(:f64, {3, 2})) :: Hx.tensor(:f64, {2})
  defn col_mean(x), do: Nx.mean(x, axes: [0])

  @spec positive(Hx.tensor(:f64, {4})) :: Hx.tensor(:u8, {4})
  defn positive(x), do: x > 0

  @spec brighten(Hx.tensor(:u8, {4})) :: Hx.tensor(:u8, {4})
  defn brighten(x), do: x + 100

  @spec same_u8(Hx.tensor(:u8, {2, 2})) :: Hx.tensor(:u8, {2, 2})
  defn same_u8(x), do: x

  @spec u8_mean(Hx.tensor(:u8, {4})) :: Hx.tensor(:f32, {})
  defn u8_mean(x), do: Nx.mean(x)

  @spec scale(Hx.tensor(:f64, {3}), float()) :: Hx.tensor(:f64, {3})
  defn scale(x, k), do: x * k

  @spec same(Hx.tensor(:s32, {3})) :: Hx.tensor(:s32, {3})
  defn same(x), do: x

  @spec flat(Hx.tensor(:s64, {2, 2})) :: Hx.tensor(:s64, {4})
  def flat(x), do: Nx.reshape(x, {4})

  @spec norm2(Hx.tensor(:f64, {3})) :: float()
  def norm2(x), do: Nx.to_number(Nx.sum(Nx.multiply(x, x)))

  @spec share(Hx.tensor(:s64, {3}), integer()) :: integer()
  def share(x, n), do: div(Nx.to_number(Nx.sum(x)), n)

  @spec weights(integer()) :: Hx.tensor(:f32, {2, 2})
  def weights(k), do: Nx.multiply(Nx.iota({2, 2}, type: :f32), k)

  @spec count_over(Hx.tensor(:f64, {4}), [float()]) :: integer()
  def count_over(x, ts), do: Enum.count(ts, fn t -> Nx.to_number(Nx.sum(x)) > t end)
end
