# Calls for run_diff_batch.hx: the second does not compile (hastec exits 1),
# so the batched run fails and each call runs on its own.
# CALL: RdErr.one(1)
# CALL: RdErr.one(1) + RdErr.missing()
defmodule RdErr do
  @spec one(integer()) :: integer()
  def one(x), do: x + 1
end
