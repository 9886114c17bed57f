# Tensor benchmarks (issue 6): hastec's compiled Nx beside NumPy (bench/tensors/run.sh).
# Each entry runs its kernel k times on inputs made once, so that the time of
# `hastec run` itself (process start, argument parsing) cancels out between
# k = 1 and k = K runs.
defmodule TBench do
  import Nx.Defn

  defn chain(x), do: Nx.sum(Nx.sqrt(x * 2.0 + 1.0))
  defn softmax_rows(x) do
    e = Nx.exp(x - Nx.reduce_max(x, axes: [1], keep_axes: true))
    e / Nx.sum(e, axes: [1], keep_axes: true)
  end

  # 2^24 f32 elements: (x + k) * 2 + 1, sqrt, sum (k differs per run, so that
  # nothing is loop-invariant)
  @spec chain_k(integer()) :: float()
  def chain_k(k) do
    x = Nx.divide(Nx.iota({16_777_216}, type: :f32), 16_777_216)
    loop_chain(x, k, 0.0)
  end
  defp loop_chain(_x, 0, acc), do: acc
  defp loop_chain(x, k, acc), do: loop_chain(x, k - 1, acc + Nx.to_number(chain(Nx.add(x, k))))

  # 1024 x 1024 f32 matrix product
  @spec gemm_k(integer()) :: float()
  def gemm_k(k) do
    a = Nx.divide(Nx.iota({1024, 1024}, type: :f32), 1_048_576)
    b = Nx.transpose(a)
    loop_gemm(a, b, k, 0.0)
  end
  defp loop_gemm(_a, _b, 0, acc), do: acc
  defp loop_gemm(a, b, k, acc), do: loop_gemm(a, b, k - 1, acc + Nx.to_number(Nx.sum(Nx.dot(a, b))))

  # softmax over the rows of a 4096 x 1024 f32 matrix (axis reductions + broadcasting)
  @spec softmax_k(integer()) :: float()
  def softmax_k(k) do
    x = Nx.divide(Nx.iota({4096, 1024}, type: :f32), 4_194_304)
    loop_softmax(x, k, 0.0)
  end
  defp loop_softmax(_x, 0, acc), do: acc
  defp loop_softmax(x, k, acc), do: loop_softmax(x, k - 1, acc + Nx.to_number(Nx.sum(softmax_rows(Nx.add(x, k)))))
end
