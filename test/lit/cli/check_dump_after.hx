#
# RUN: %hastec check %s --dump-after=fuse-maps 2>&1 | FileCheck %s
# `check` accepts --dump-after (its --help says "print the IR after this
# pass (or 'all') to stderr"), so it should print the IR after the pass.
# (Fixed; this was a bug: without --emit=ir, cmd_check in driver/hastec.cpp never runs the
# pipeline and the option is silently ignored (no output, exit 0).

defmodule CheckDump do
  @spec f(integer()) :: integer()
  def f(n), do: Enum.map(1..n, &(&1 + 1)) |> Enum.map(&(&1 * 2)) |> Enum.sum()
end

# CHECK: ; IR after fuse-maps
