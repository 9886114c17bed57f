# RUN: env HX_REPORT_LIVE=1 %hastec run %s -e 'TLeak.twice(Nx.tensor([1.0, 2.0, 3.0, 4.0]))' 2>&1 | FileCheck %s
# RUN: env HX_REPORT_LIVE=1 %hastec run %s -e 'TLeak.loop(50)' 2>&1 | FileCheck %s
# RUN: env HX_REPORT_LIVE=1 %hastec run %s -e 'TLeak.nonterminal(5)' 2>&1 | FileCheck %s
# A tuple built in a body (a tensor: {data, dims}) owns the lists it was
# built from: a let binding it frees them, a tail call hands them on, a call
# argument frees them after the call. Before, every let-bound tensor used
# twice leaked its data (a training loop: all of each step's arrays).
# hx-run's HX_REPORT_LIVE counts arrays still allocated at exit.

defmodule TLeak do
  import Nx.Defn

  defn twice(w) do
    g = w * 2.0
    w - (g + g)
  end

  defn step(w) do
    g = Nx.broadcast(Nx.tensor(1.0), {4})
    w - 0.01 * (g * w + g * w)
  end

  def l(w, 0), do: w
  def l(w, n), do: l(step(w), n - 1)
  def loop(n), do: l(Nx.tensor([1.0, 2.0, 3.0, 4.0]), n)

  def nt(w, 0), do: w
  def nt(w, n), do: Nx.add(nt(step(w), n - 1), 0.0)
  def nonterminal(n), do: nt(Nx.tensor([1.0, 2.0, 3.0, 4.0]), n)
end

# CHECK: hx-run: 0 arrays live
