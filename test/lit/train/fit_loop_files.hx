# RUN: rm -rf %t && mkdir -p %t && cd %t
# RUN: cd %t && env HX_PROGRESS=plain %hastec run %s -e 'FitFiles.train()' 2>%t/log | FileCheck %s --check-prefix=RESULT
# RUN: FileCheck %s --check-prefix=LOG < %t/log
# RUN: cd %t && %hastec run %s -e 'FitFiles.reload()' | FileCheck %s --check-prefix=RESULT
# RUN: head -c 4 %t/fit.svg | FileCheck %s --check-prefix=SVG
# RUN: cd %t && not %hastec run %s -e 'FitFiles.wrong_shape()' 2>&1 | FileCheck %s --check-prefix=SHAPE
# RUN: cd %t && env HX_PROGRESS=0 %hastec run %s -e 'FitFiles.train()' 2>%t/quiet
# RUN: count 0 < %t/quiet
# The fit loop writes the best parameters (checkpoint:) and the curves
# (chart:), prints one plain line per epoch when stderr is not a terminal,
# stops early, and the checkpoint loads back to the same parameters.

defmodule FitFiles do
  import Nx.Defn

  defn data do
    gx = Nx.reshape(Nx.iota({16, 16}, axis: 0, type: :f32), {256, 1}) / 7.5 - 1.0
    gy = Nx.reshape(Nx.iota({16, 16}, axis: 1, type: :f32), {256, 1}) / 7.5 - 1.0
    {Nx.concatenate([gx, gy], axis: 1), Nx.as_type(Nx.greater(gx * gy, 0.0), :f32)}
  end

  defn init do
    w1 = Nx.tanh(Nx.iota({2, 16}, type: :f32) * 1.3 - 9.0) * 0.8
    w2 = Nx.tanh(Nx.iota({16, 1}, type: :f32) * 0.7 - 5.0) * 0.5
    %{w1: w1, b1: Nx.broadcast(0.0, {16}), w2: w2, b2: Nx.broadcast(0.0, {1})}
  end

  defn prob(p, x), do: Nx.sigmoid(Nx.dot(Nx.tanh(Nx.dot(x, p.w1) + p.b1), p.w2) + p.b2)

  defn score(p, x, y), do: Nx.sum(p.w2) + Nx.mean(Nx.equal(Nx.greater(prob(p, x), 0.5), y))

  def train do
    {x, y} = data()
    p =
      Hx.Loop.trainer(&prob/2, :binary_cross_entropy, Polaris.Optimizers.adam(learning_rate: 0.2))
      |> Hx.Loop.run({x, y}, init(), epochs: 30, batch_size: 16, validation_split: 0.2, patience: 2, seed: 11,
                     checkpoint: "best.ckpt", chart: "fit.svg")
    Nx.to_number(score(p, x, y))
  end

  def reload do
    {x, y} = data()
    Nx.to_number(score(Hx.Checkpoint.load!("best.ckpt", init()), x, y))
  end

  def wrong_shape do
    p = Hx.Checkpoint.load!("best.ckpt", {Nx.broadcast(0.0, {2, 16}), Nx.broadcast(0.0, {16})})
    Nx.to_number(Nx.sum(elem(p, 0)))
  end
end

# RESULT: -1.3919{{[0-9]+}}

# LOG: Epoch 1/30: loss {{[0-9.]+}} acc {{[0-9.]+}} val_loss {{[0-9.]+}} val_acc {{[0-9.]+}} ({{[0-9.]+}} s)
# LOG-NEXT: Saved checkpoint best.ckpt (epoch 1)
# LOG: Early stopping after epoch [[E:[0-9]+]]: val_loss did not improve for 2 epochs (best {{[0-9.]+}} at epoch {{[0-9]+}})
# LOG-NOT: Epoch

# SVG: <svg

# SHAPE: ** (ArgumentError) checkpoint "best.ckpt" holds 4 tensors, expected 2
# SHAPE-NEXT: fit_loop_files.hx:[[@LINE-15]]: FitFiles.wrong_shape/0
