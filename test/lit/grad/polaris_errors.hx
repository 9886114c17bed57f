# RUN: not %hastec run %s -e 'PolErr.a()' 2>&1 | FileCheck %s --check-prefix=UNKNOWN
# RUN: not %hastec run %s -e 'PolErr.b(0.1)' 2>&1 | FileCheck %s --check-prefix=NOTCONST
# RUN: not %hastec run %s -e 'PolErr.c()' 2>&1 | FileCheck %s --check-prefix=OPTION
# RUN: not %hastec run %s -e 'PolErr.d()' 2>&1 | FileCheck %s --check-prefix=STATE
# RUN: not %hastec run %s -e 'PolErr.e()' 2>&1 | FileCheck %s --check-prefix=MERGE
# RUN: not %hastec run %s -e 'PolErr.f()' 2>&1 | FileCheck %s --check-prefix=UPDATES
# Polaris outside hastec's subset, or used wrongly: compile errors at the line.

defmodule PolErr do
  def p, do: %{w: Nx.tensor([1.0, 2.0])}

  def a do
    {init, _} = Polaris.Optimizers.rmsprop(learning_rate: 0.1)
    # UNKNOWN: polaris_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: Polaris.Optimizers.rmsprop/1 is not supported by hastec (Polaris.Optimizers.sgd/1, adam/1 and adamw/1 are, with keyword options)
    init.(p())
  end

  def b(lr) do
    {init, _} = Polaris.Optimizers.sgd(learning_rate: lr)
    # NOTCONST: polaris_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: Polaris.Optimizers.sgd's learning_rate: needs a number known at compile time here (a literal or a module attribute)
    init.(p())
  end

  def c do
    {init, _} = Polaris.Optimizers.adam(momentum: 0.9)
    # OPTION: polaris_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: Polaris.Optimizers.adam has no option momentum: here (hastec supports this subset)
    init.(p())
  end

  def d do
    {_, update} = Polaris.Optimizers.adam()
    {u, _} = update.(p(), {1.0, 2.0}, p())
    # STATE: polaris_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: this optimizer's state must be what its init function returned, got {float, float}
    u
  end

  def e do
    Polaris.Updates.apply_updates(p(), {Nx.tensor([1.0, 2.0]), Nx.tensor(1.0)})
    # MERGE: polaris_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: unable to merge arguments with incompatible structure
  end

  def f do
    Polaris.Updates.scale_by_adam([])
    # UPDATES: polaris_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: Polaris.Updates.scale_by_adam/1 is not supported by hastec (Polaris.Updates.apply_updates/2 is; the optimizers are Polaris.Optimizers.sgd/adam/adamw)
  end
end
