# Nx.Random compiled (Nx 0.9 API): threefry2x32 keys, split(key, parts: n),
# uniform/normal returning {sample, new_key} and their *_split variants;
# hastec against the reference shim stdlib/ref/nx.exs. Keys and split are
# exact; floats within the Nx corpus tolerance. Compile-time errors (bad
# key types, integer sample types) are in test/lit/nx/random_errors.hx.
defmodule NxhRandom do
  import Nx.Defn
  def key(seed), do: Nx.Random.key(seed)
  def uniform(seed), do: Nx.Random.uniform(Nx.Random.key(seed))
  def uniform_value(seed), do: (({u, _key} = Nx.Random.uniform(Nx.Random.key(seed))); u)
  def uniform_split(seed), do: Nx.Random.uniform_split(Nx.Random.key(seed))
  def split(seed), do: Nx.Random.split(Nx.Random.key(seed))
  def split3(seed), do: Nx.Random.split(Nx.Random.key(seed), parts: 3)
  def split_uniform(), do: (keys = Nx.Random.split(Nx.Random.key(12)); [Nx.Random.uniform_split(keys[0]), Nx.Random.uniform_split(keys[1])])
  def chain(seed) do
    {a, k1} = Nx.Random.uniform(Nx.Random.key(seed), shape: {2})
    {b, k2} = Nx.Random.normal(k1, shape: {2})
    {c, k3} = Nx.Random.uniform(k2, 5, 10)
    {a, b, c, k3}
  end
  def normal(seed), do: Nx.Random.normal(Nx.Random.key(seed))
  def normal_split(seed), do: Nx.Random.normal_split(Nx.Random.key(seed))
  def normal_stats(), do: (n = Nx.Random.normal_split(Nx.Random.key(1337), 10, 5, shape: {1_000}); [Nx.mean(n), Nx.standard_deviation(n)])
  def uniform_stats(seed), do: (u = Nx.Random.uniform_split(Nx.Random.key(seed), shape: {4_097}); [Nx.mean(u), Nx.reduce_min(u), Nx.reduce_max(u)])
  def uniform_shape(), do: Nx.Random.uniform_split(Nx.Random.key(3), shape: {2, 3})
  def uniform_range(lo, hi), do: Nx.Random.uniform_split(Nx.Random.key(5), lo, hi, shape: {5})
  def uniform_tensor_range(), do: Nx.Random.uniform_split(Nx.Random.key(5), Nx.tensor(-1.0, type: :f64), Nx.tensor(3), shape: {4})
  def uniform_f64(), do: Nx.Random.uniform_split(Nx.Random.key(7), shape: {3}, type: :f64)
  def uniform_f64_tuple(), do: Nx.Random.uniform(Nx.Random.key(7), 1, 3, shape: {2, 2}, type: {:f, 64})
  def normal_shape(), do: Nx.Random.normal_split(Nx.Random.key(9), 0.0, 1.0, shape: {2, 2})
  def normal_f64(), do: Nx.Random.normal(Nx.Random.key(9), 1.0, 2.0, shape: {3}, type: :f64)
  def normal_large(seed), do: Nx.Random.normal_split(Nx.Random.key(seed), shape: {7, 3})
  def odd_count(), do: Nx.Random.uniform_split(Nx.Random.key(0), shape: {3})
  def key_tensor(), do: Nx.Random.key(Nx.tensor(77))
  def keys_rows(seed), do: (keys = Nx.Random.split(Nx.Random.key(seed), parts: 4); {keys[2], keys[-1], keys[0][1]})
  # keys through defn, if and a helper; a sample is a constant under grad
  defn draw(key), do: Nx.Random.uniform_split(key, shape: {3})
  defn both(key) do
    {u, k} = Nx.Random.uniform(key, shape: {2})
    {n, _} = Nx.Random.normal(k)
    u + n
  end
  def defn_keys(seed), do: {draw(Nx.Random.key(seed)), both(Nx.Random.key(seed))}
  def pick(seed, flag) do
    key = if flag, do: Nx.Random.key(seed), else: Nx.Random.split(Nx.Random.key(seed))[1]
    helper(key)
  end
  defp helper(k), do: Nx.Random.normal_split(k, shape: {2})
  defn loss(x, key), do: Nx.sum(x * Nx.Random.uniform_split(key, shape: {3}))
  defn grad_loss(x, key), do: grad(x, &loss(&1, key))
  def grad_const(seed), do: grad_loss(Nx.tensor([1.0, 2.0, 3.0]), Nx.Random.key(seed))
end
# CALL: NxhRandom.key(12)
# CALL: NxhRandom.key(-1)
# CALL: NxhRandom.key(2_147_483_647)
# CALL: NxhRandom.key(-2_147_483_648)
# CALL: NxhRandom.key(2_147_483_648)
# CALL: NxhRandom.key(-5_000_000_000)
# CALL: NxhRandom.uniform(12)
# CALL: NxhRandom.uniform_value(12)
# CALL: NxhRandom.uniform_split(12)
# CALL: NxhRandom.uniform_split(1701)
# CALL: NxhRandom.split(12)
# CALL: NxhRandom.split(1701)
# CALL: NxhRandom.split3(42)
# CALL: NxhRandom.split_uniform()
# CALL: NxhRandom.chain(4)
# CALL: NxhRandom.normal(42)
# CALL: NxhRandom.normal_split(42)
# CALL: NxhRandom.normal_stats()
# CALL: NxhRandom.uniform_stats(2024)
# CALL: NxhRandom.uniform_shape()
# CALL: NxhRandom.uniform_range(-2.0, 2.0)
# CALL: NxhRandom.uniform_range(1, 4)
# CALL: NxhRandom.uniform_tensor_range()
# CALL: NxhRandom.uniform_f64()
# CALL: NxhRandom.uniform_f64_tuple()
# CALL: NxhRandom.normal_shape()
# CALL: NxhRandom.normal_f64()
# CALL: NxhRandom.normal_large(31)
# CALL: NxhRandom.odd_count()
# CALL: NxhRandom.key_tensor()
# CALL: NxhRandom.keys_rows(3)
# CALL: NxhRandom.defn_keys(5)
# CALL: NxhRandom.pick(3, true)
# CALL: NxhRandom.pick(3, false)
# CALL: NxhRandom.grad_const(7)
