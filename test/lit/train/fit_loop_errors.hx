# RUN: not %hastec run %s -e 'FitErr.a()' 2>&1 | FileCheck %s --check-prefix=OPTION
# RUN: not %hastec run %s -e 'FitErr.b(3)' 2>&1 | FileCheck %s --check-prefix=NOTCONST
# RUN: not %hastec run %s -e 'FitErr.c()' 2>&1 | FileCheck %s --check-prefix=BATCH
# RUN: not %hastec run %s -e 'FitErr.d()' 2>&1 | FileCheck %s --check-prefix=MODEL
# RUN: not %hastec run %s -e 'FitErr.e()' 2>&1 | FileCheck %s --check-prefix=LOSS
# RUN: not %hastec run %s -e 'FitErr.f()' 2>&1 | FileCheck %s --check-prefix=ROWS
# RUN: not %hastec run %s -e 'FitErr.g()' 2>&1 | FileCheck %s --check-prefix=SPARSE
# RUN: not %hastec run %s -e 'FitErr.h()' 2>&1 | FileCheck %s --check-prefix=PATH
# RUN: not %hastec run %s -e 'FitErr.i()' 2>&1 | FileCheck %s --check-prefix=BOTH
# RUN: not %hastec run %s -e 'FitErr.j()' 2>&1 | FileCheck %s --check-prefix=VALSHAPE
# Hx.Loop used wrongly: compile errors at the call, in plain words.

defmodule FitErr do
  import Nx.Defn

  defn model(p, x), do: Nx.dot(x, p)
  defn mse(y, p), do: Nx.mean((y - p) * (y - p))
  def x, do: Nx.iota({8, 2}, type: :f32)
  def y, do: Nx.iota({8, 1}, type: :f32)
  def p0, do: Nx.broadcast(0.0, {2, 1})
  def tr, do: Hx.Loop.trainer(&model/2, &mse/2, Polaris.Optimizers.sgd(learning_rate: 0.1))

  def a do
    Hx.Loop.run(tr(), {x(), y()}, p0(), epochs: 2, learning_rate: 0.1)
    # OPTION: fit_loop_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: Hx.Loop.run has no option learning_rate: here (hastec supports this subset)
  end

  def b(n) do
    Hx.Loop.run(tr(), {x(), y()}, p0(), epochs: n)
    # NOTCONST: fit_loop_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: Hx.Loop.run's epochs: needs a number known at compile time here (a literal or a module attribute)
  end

  def c do
    Hx.Loop.run(tr(), {x(), y()}, p0(), batch_size: 16)
    # BATCH: fit_loop_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: Hx.Loop.run/4: 8 training rows cannot fill one batch of 16 (lower batch_size: or validation_split:)
  end

  def d do
    Hx.Loop.trainer(fn x -> x end, &mse/2, Polaris.Optimizers.sgd())
    # MODEL: fit_loop_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: Hx.Loop.trainer/3 needs the model as a function of 2 arguments (params, x), e.g. &predict/2
  end

  def e do
    Hx.Loop.trainer(&model/2, :hinge, Polaris.Optimizers.sgd())
    # LOSS: fit_loop_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: unknown loss :hinge (hastec's fit loop has :mean_squared_error, :binary_cross_entropy, :categorical_cross_entropy, or pass a function of (y_true, y_pred))
  end

  def f do
    Hx.Loop.run(tr(), {x(), Nx.iota({7, 1}, type: :f32)}, p0(), batch_size: 4)
    # ROWS: fit_loop_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: Hx.Loop.run/4: x and y need the same number of rows (their first axis), got Nx.Tensor f32[8][2] and Nx.Tensor f32[7][1]
  end

  def g do
    t = Hx.Loop.trainer(&model/2, :categorical_cross_entropy, Polaris.Optimizers.sgd())
    Hx.Loop.run(t, {x(), Nx.iota({8})}, p0(), batch_size: 4)
    # SPARSE: fit_loop_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: :categorical_cross_entropy needs one-hot labels y (floats, one column per class); for integer labels pass a loss function of (y_true, y_pred)
  end

  def h do
    Hx.Loop.run(tr(), {x(), y()}, p0(), batch_size: 4, chart: "")
    # PATH: fit_loop_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: chart:: the string must be non-empty and on one line
  end

  def i do
    Hx.Loop.run(tr(), {x(), y()}, p0(), batch_size: 4, validation_split: 0.25, validation_data: {x(), y()})
    # BOTH: fit_loop_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: give validation_split: or validation_data:, not both
  end

  def j do
    Hx.Loop.run(tr(), {x(), y()}, p0(), batch_size: 4, validation_data: {Nx.iota({3, 3}, type: :f32), y()})
    # VALSHAPE: fit_loop_errors.hx:[[@LINE-1]]:{{[0-9]+}}: error: validation_data: needs x and y like the training data's (the same types and shapes but the first axis), got Nx.Tensor f32[3][3] and Nx.Tensor f32[8][1]
  end
end
