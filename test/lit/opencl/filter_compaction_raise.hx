# RUN: %hastec build %s --emit=opencl | FileCheck %s
# A raise inside a compaction kernel's chain sets the error flag and keeps
# nothing, but the work-item stays for every barrier of the tile.

defmodule CompactRaise do
  @spec quotients([integer()], integer()) :: [integer()]
  def quotients(xs, d), do: xs |> Enum.map(fn x -> div(x, d) end) |> Enum.filter(fn q -> q > 2 end)
end

# CHECK:       __kernel void {{.*}}(__global long* partials, __global int* err, long n,
# CHECK:           if (i < end) do {
# CHECK:             goto raised;
# CHECK:             continue;
# CHECK:           } while (0);
# CHECK-NEXT:      goto scan;
# CHECK-NEXT:  raised:
# CHECK-NEXT:      atomic_or(err, 1);
# CHECK-NEXT:      keep = 0;
# CHECK-NEXT:  scan:
# CHECK-NEXT:      // Exclusive prefix sum
# CHECK-NEXT:      slot[lid] = keep;
# CHECK-NEXT:      barrier(CLK_LOCAL_MEM_FENCE);
