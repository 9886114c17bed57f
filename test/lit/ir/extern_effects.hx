# RUN: %hastec check %s --emit=ir --stop-after=cse | FileCheck %s
# RUN: %hastec run %s -e 'Eff.twice()' | FileCheck %s --check-prefix=RESULT
# Calls into the runtime with effects (IR Extern: the clock, progress
# output, files) are never merged by CSE nor dropped: two reads of the
# clock stay two, and both run.

defmodule Eff do
  @spec twice() :: boolean()
  def twice do
    a = Hx.Loop.Runtime.clock()
    b = Hx.Loop.Runtime.clock()
    b - a >= 0.0
  end
end

# CHECK: extern hxrt_loop_clock : float
# CHECK: extern hxrt_loop_clock : float
# RESULT: true
