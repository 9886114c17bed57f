# REQUIRES: opencl-device
# Results stay on the device between launches (docs/opencl.md, "Results on the
# device"): a GEMM's product and a store kernel's result are not read back until
# the host reads them; a store that can only fail a bounds check is not waited
# for ("hx-async"); the parts of a map of tensors (p.w, p.b) are passed to
# kernels, so the bias add runs on the device too.
# RUN: env HX_CL_REMARKS=1 %hastec build --target=opencl %s -o %t.so 2>&1 | FileCheck %s --check-prefix=REMARKS --allow-empty
# RUN: %hastec build --target=opencl --emit=opencl %s | FileCheck %s --check-prefix=CL
# RUN: env HX_CL_DEBUG=1 %hastec run --target=opencl %s -e 'Dev.layer(Nx.iota({4, 3}, type: :f32))' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=DEV
# RUN: env HX_CL_RESIDENT=0 %hastec run --target=opencl %s -e 'Dev.layer(Nx.iota({4, 3}, type: :f32))' 2>&1 \
# RUN:   | FileCheck %s --check-prefix=VALUE
# RUN: %hastec run %s -e 'Dev.layer(Nx.iota({4, 3}, type: :f32))' 2>&1 | FileCheck %s --check-prefix=VALUE

defmodule Dev do
  import Nx.Defn

  defn params() do
    %{w: Nx.iota({3, 2}, type: :f32) - 2.0, b: Nx.tensor([0.5, -20.0], type: :f32)}
  end

  defn forward(p, x) do
    Nx.max(Nx.dot(x, p.w) + p.b, 0.0)
  end

  @spec layer(Hx.tensor(:f32, {4, 3})) :: Hx.tensor(:f32, {4, 2})
  def layer(x), do: forward(params(), x)
end

# REMARKS-NOT: tuples are not passed
# REMARKS-NOT: stays on the CPU

# The bias add reads p.b as a tensor parameter of its own, and only bounds checks can fail.
# CL: // out[i] = map(range)[i]
# CL-NEXT: // hx-async: raises nothing but a failed bounds check
# CL: __global const float* p_{{[0-9_]+}},

# DEV: gemm float 4x3x2: {{.*}}product left on the device
# DEV: not waited for (result on the device)
# DEV: f32[4][2]
# VALUE:      f32[4][2]
# VALUE-NEXT: [
# VALUE-NEXT:   [4.5, 0.0],
# VALUE-NEXT:   [4.5, 0.0],
# VALUE-NEXT:   [4.5, 5.0],
# VALUE-NEXT:   [4.5, 14.0]
# VALUE-NEXT: ]
