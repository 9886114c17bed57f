# Nx.to_batched/2,3: the stream of batches along axis 0 (hastec: the list of
# them), read by Enum.reduce/map/zip/to_list; the last partial batch is
# filled from the start (leftover: :repeat, the default) or dropped (:discard).
defmodule NxhBatched do
  import Nx.Defn

  defn step(w, x, y), do: w - 0.1 * Nx.sum((Nx.dot(x, w) - y) * Nx.sum(x, axes: [1]))

  def total(), do: Enum.reduce(Nx.to_batched(Nx.iota({5, 2}), 2), Nx.tensor(0), fn b, acc -> Nx.add(acc, Nx.sum(b)) end)
  def sums(), do: Nx.iota({6}) |> Nx.to_batched(2) |> Enum.map(&Nx.sum/1)
  def batches(), do: Nx.iota({5}) |> Nx.to_batched(2) |> Enum.to_list()
  def matrix_batches(), do: Nx.iota({3, 2}, type: :f32) |> Nx.to_batched(2) |> Enum.to_list()
  def discard(), do: Nx.iota({5}) |> Nx.to_batched(2, leftover: :discard) |> Enum.map(&Nx.sum/1)
  def one_batch(), do: Nx.iota({2, 2}) |> Nx.to_batched(2) |> Enum.to_list()
  def zipped(), do: Enum.zip(Nx.to_batched(Nx.iota({4, 2}), 2), Nx.to_batched(Nx.iota({4}), 2)) |> Enum.reduce(Nx.tensor(0), fn {x, y}, acc -> Nx.add(acc, Nx.add(Nx.sum(x), Nx.sum(y))) end)

  def train(epochs) do
    x = Nx.divide(Nx.iota({8, 3}, type: :f32), 24.0)
    y = Nx.sum(x, axes: [1])
    Enum.reduce(1..epochs, Nx.tensor([0.0, 0.0, 0.0]), fn _, w ->
      Enum.zip(Nx.to_batched(x, 4), Nx.to_batched(y, 4))
      |> Enum.reduce(w, fn {xb, yb}, w -> step(w, xb, yb) end)
    end)
  end
end
# CALL: NxhBatched.total()
# CALL: NxhBatched.sums()
# CALL: NxhBatched.batches()
# CALL: NxhBatched.matrix_batches()
# CALL: NxhBatched.discard()
# CALL: NxhBatched.one_batch()
# CALL: NxhBatched.zipped()
# CALL: NxhBatched.train(3)
