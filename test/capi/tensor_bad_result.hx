# A tensor @spec whose result is not what the body computes: `hastec build`
# must say so (tensor_run.sh checks the `# ERROR:` lines, as for
# tensor_bad_spec.hx).
# ERROR: tensor_bad_result.hx:10:3: error: TensorBadResult.g/1 returns Nx.Tensor f32[2] but its @spec says Nx.Tensor f32[3]
# ERROR: tensor_bad_result.hx:13:3: error: TensorBadResult.h/1 returns Nx.Tensor f32[2] but its @spec says Nx.Tensor s32[2]
defmodule TensorBadResult do
  import Nx.Defn

  @spec g(Hx.tensor(:f32, {2, 3})) :: Hx.tensor(:f32, {3})
  defn g(x), do: Nx.sum(x, axes: [1])

  @spec h(Hx.tensor(:s32, {2})) :: Hx.tensor(:s32, {2})
  defn h(x), do: x / 2
end
