# Regression test for a hastec bug (found 2026-11, issue v0): the capture
# &(&1 / 4) was taken for &name/arity and rejected with "expected
# &name/arity or &Module.name/arity".
defmodule BugCaptureDiv do
  def quarter(xs), do: Enum.map(xs, &(&1 / 4))
  def halve_all(xs), do: Enum.map(xs, &(&1 / 2))
end
# CALL: BugCaptureDiv.quarter([1, 2])
# CALL: BugCaptureDiv.quarter([1.0, 6.0])
# CALL: BugCaptureDiv.halve_all([3])
