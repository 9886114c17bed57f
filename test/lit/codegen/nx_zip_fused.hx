# RUN: %hastec build %s --emit=llvm | FileCheck %s
# RUN: %hastec build --target=opencl %s -o %t.so
# RUN: %hastec build --target=opencl %S/../../../bench/train/mlp_gpu.hx -o %t.mlp.so
# RUN: %hastec run %s -e 'NxZip.f(Nx.tensor([1.0, 4.0, 9.0]), Nx.tensor([4.0, 16.0, 0.0]))' | FileCheck %s --check-prefix=OUT
# Nx's IEEE arithmetic cannot raise, so an elementwise operation of two
# computed tensors reads both operands lazily in its own loop: only the
# result is allocated (f: the result, and a copy only taken on the path that
# returns a borrowed array), where Enum.zip of two maps that may raise
# builds both lists first, as Elixir does (g: three arrays). With
# --target=opencl the kernels still read materialised operands (the CPU
# loop and the kernel must open the same leaves: building the GPU training
# benchmark, bench/train/mlp_gpu.hx, once crashed there).

defmodule NxZip do
  import Nx.Defn

  @spec f(Hx.tensor(:f32, {3}), Hx.tensor(:f32, {3})) :: Hx.tensor(:f32, {3})
  defn f(a, b), do: (a * 2.0) / (Nx.sqrt(b) + 1.0)

  @spec g([float()], [float()]) :: [float()]
  def g(xs, ys), do: Enum.zip_with(Enum.map(xs, &(&1 * 2.0)), Enum.map(ys, &(1.0 / &1)), &(&1 + &2))
end

# CHECK-LABEL: define internal void @hxb.NxZip_f(
# CHECK-COUNT-2: call ptr @hxrt_alloc(
# CHECK-NOT: call ptr @hxrt_alloc(
# CHECK-LABEL: define i32 @hxe_NxZip_f(
# CHECK-LABEL: define internal void @hxb.NxZip_g(
# CHECK-COUNT-3: call ptr @hxrt_alloc(
# CHECK-LABEL: define i32 @hxe_NxZip_g(
# OUT: #Nx.Tensor<
# OUT-NEXT: f32[3]
# OUT-NEXT: [0.6666666865348816, 1.600000023841858, 18.0]
