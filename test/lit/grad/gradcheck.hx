# RUN: %hastec run %s -e 'GradCheck.all()' | FileCheck %s
# Every vector-Jacobian rule of grad (frontend/Sema.cpp, "grad" section)
# against a central finite difference in f64: for a direction v,
# (f(x + h v) - f(x - h v)) / 2h must equal sum(grad(f)(x) * v) within a
# relative 1e-6 (h = 1e-5; the truncation error is O(h^2)). Each check
# returns 1 (u8) when it holds. Inputs avoid ties and kinks (max, abs,
# clip), where a finite difference is not a derivative.

defmodule GradCheck do
  import Nx.Defn

  defn ok(fd, an), do: Nx.abs(fd - an) <= 1.0e-6 * Nx.max(Nx.abs(an), 1.0)

  # + - * / with broadcasting (y is a row broadcast over x's rows)
  defn f_arith(x, y), do: Nx.sum((x + y) * (x - y) / (y + 3.0) - 2.0 * x + x / 4)
  defn c_arith(x, y, v, u) do
    {gx, gy} = grad({x, y}, fn {a, b} -> f_arith(a, b) end)
    h = 1.0e-5
    fd = (f_arith(x + h * v, y + h * u) - f_arith(x - h * v, y - h * u)) / (2 * h)
    ok(fd, Nx.sum(gx * v) + Nx.sum(gy * u))
  end

  defn f_pow(x, y), do: Nx.sum(Nx.pow(x, 3.0) + Nx.pow(2.0, x) + Nx.pow(y + 2.0, x) + x ** 2)
  defn c_pow(x, y, v, u) do
    {gx, gy} = grad({x, y}, fn {a, b} -> f_pow(a, b) end)
    h = 1.0e-5
    fd = (f_pow(x + h * v, y + h * u) - f_pow(x - h * v, y - h * u)) / (2 * h)
    ok(fd, Nx.sum(gx * v) + Nx.sum(gy * u))
  end

  defn f_unary(x) do
    Nx.sum(Nx.exp(x) + Nx.log(x * x + 1.0) + Nx.sqrt(x * x + 1.0) + Nx.tanh(x) + Nx.sigmoid(x) - Nx.negate(x) +
             Nx.sin(x) * Nx.cos(x) + Nx.atan(x) + Nx.tan(x / 4) + Nx.rsqrt(x * x + 2.0))
  end
  defn c_unary(x, v) do
    g = grad(x, &f_unary/1)
    h = 1.0e-5
    ok((f_unary(x + h * v) - f_unary(x - h * v)) / (2 * h), Nx.sum(g * v))
  end

  defn f_select(x, y) do
    Nx.sum(Nx.max(x, 0.3) * Nx.min(x, y) + Nx.abs(x) + Nx.clip(x, -0.5, 0.5) + Nx.select(x > 0, x * x, -x) +
             Nx.max(x, y))
  end
  defn c_select(x, y, v, u) do
    {gx, gy} = grad({x, y}, fn {a, b} -> f_select(a, b) end)
    h = 1.0e-5
    fd = (f_select(x + h * v, y + h * u) - f_select(x - h * v, y - h * u)) / (2 * h)
    ok(fd, Nx.sum(gx * v) + Nx.sum(gy * u))
  end

  defn f_reduce(x) do
    Nx.sum(Nx.reduce_max(x, axes: [1])) + Nx.sum(Nx.mean(x * x, axes: [0], keep_axes: true) * x) +
      Nx.reduce_min(x) + Nx.sum(Nx.logsumexp(x, axes: [1])) + Nx.variance(x) +
      Nx.sum(Nx.standard_deviation(x, axes: [1])) + Nx.mean(x) + Nx.sum(Nx.sum(x, axes: [1], keep_axes: true) * x)
  end
  defn c_reduce(x, v) do
    g = grad(x, &f_reduce/1)
    h = 1.0e-5
    ok((f_reduce(x + h * v) - f_reduce(x - h * v)) / (2 * h), Nx.sum(g * v))
  end

  defn f_dot(x, w, v) do
    Nx.sum(Nx.tanh(Nx.dot(x, w))) + Nx.sum(Nx.dot(x, v) * Nx.tensor([1.0, 2.0], type: :f64)) +
      Nx.sum(Nx.dot(v, w) * Nx.dot(v, w)) + Nx.dot(v, v)
  end
  defn c_dot(x, w, v, dx, dw, dv) do
    {gx, gw, gv} = grad({x, w, v}, fn {a, b, c} -> f_dot(a, b, c) end)
    h = 1.0e-5
    fd = (f_dot(x + h * dx, w + h * dw, v + h * dv) - f_dot(x - h * dx, w - h * dw, v - h * dv)) / (2 * h)
    ok(fd, Nx.sum(gx * dx) + Nx.sum(gw * dw) + Nx.sum(gv * dv))
  end

  defn f_shape(x, y) do
    c = Nx.tensor([[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [6.0, 5.0, 4.0, 3.0, 2.0, 1.0]], type: :f64)
    Nx.sum(Nx.transpose(x) * Nx.reshape(x, {3, 2})) + Nx.sum(Nx.slice(x, [0, 1], [2, 2]) ** 2) +
      Nx.sum(Nx.concatenate([x, x * 2], axis: 1) * c) + Nx.sum(Nx.broadcast(y, {2, 3}) * x) +
      Nx.sum(Nx.squeeze(Nx.new_axis(x, 0)) * Nx.exp(x)) + Nx.sum(Nx.stack([y, y * y]) * x) +
      Nx.sum(Nx.slice_along_axis(x, 0, 2, axis: 1, strides: 2) * 3.0) +
      Nx.sum(Nx.take(x, Nx.tensor([2, 0, 2]), axis: 1) * x) + Nx.sum(Nx.take(x, Nx.tensor([1, 1])) ** 2)
  end
  defn c_shape(x, y, v, u) do
    {gx, gy} = grad({x, y}, fn {a, b} -> f_shape(a, b) end)
    h = 1.0e-5
    fd = (f_shape(x + h * v, y + h * u) - f_shape(x - h * v, y - h * u)) / (2 * h)
    ok(fd, Nx.sum(gx * v) + Nx.sum(gy * u))
  end

  # A two-layer network's loss (the shape of samples/and_gate.hx).
  defn f_mlp(w1, b1, w2, x, t) do
    hid = Nx.tanh(Nx.dot(x, w1) + b1)
    p = Nx.sigmoid(Nx.dot(hid, w2))
    -Nx.mean(t * Nx.log(p) + (1 - t) * Nx.log(1 - p))
  end
  defn c_mlp(w1, b1, w2, d1, e1, d2, x, t) do
    {g1, gb, g2} = grad({w1, b1, w2}, fn {a, b, c} -> f_mlp(a, b, c, x, t) end)
    h = 1.0e-5
    fd = (f_mlp(w1 + h * d1, b1 + h * e1, w2 + h * d2, x, t) - f_mlp(w1 - h * d1, b1 - h * e1, w2 - h * d2, x, t)) /
           (2 * h)
    ok(fd, Nx.sum(g1 * d1) + Nx.sum(gb * e1) + Nx.sum(g2 * d2))
  end

  def all() do
    x = Nx.tensor([[0.7, -1.3, 0.2], [1.1, 0.45, -0.6]], type: :f64)
    y = Nx.tensor([0.25, -0.8, 1.4], type: :f64)
    v = Nx.tensor([[0.3, 0.5, -0.2], [-0.7, 0.1, 0.9]], type: :f64)
    u = Nx.tensor([-0.4, 0.6, 0.15], type: :f64)
    xp = Nx.tensor([[0.7, 1.3, 0.2], [1.1, 0.45, 0.6]], type: :f64)
    w = Nx.tensor([[0.1, -0.2, 0.3, 0.4], [0.5, 0.6, -0.7, 0.8], [-0.9, 1.0, 0.11, 0.12]], type: :f64)
    dw = Nx.tensor([[0.3, 0.1, -0.2, 0.4], [0.2, -0.6, 0.7, 0.1], [0.9, 0.4, -0.3, 0.5]], type: :f64)
    xs = Nx.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], type: :f64)
    t = Nx.tensor([[0.0], [0.0], [0.0], [1.0]], type: :f64)
    w1 = Nx.tensor([[0.5, -0.4, 0.3], [0.2, 0.7, -0.6]], type: :f64)
    b1 = Nx.tensor([0.1, -0.1, 0.05], type: :f64)
    w2 = Nx.tensor([[0.3], [-0.8], [0.6]], type: :f64)
    d1 = Nx.tensor([[0.1, 0.2, -0.3], [0.4, -0.5, 0.6]], type: :f64)
    e1 = Nx.tensor([0.7, 0.8, -0.9], type: :f64)
    d2 = Nx.tensor([[-0.2], [0.3], [0.4]], type: :f64)
    {c_arith(x, y, v, u), c_pow(xp, y, v, u), c_unary(x, v), c_select(x, y, v, u), c_reduce(x, v),
     c_dot(x, w, y, v, dw, u), c_shape(x, y, v, u), c_mlp(w1, b1, w2, d1, e1, d2, xs, t)}
  end
end

# CHECK: {{^ *}}u8{{$}}
# CHECK-NEXT: {{^ *}}1{{$}}
# CHECK: {{^ *}}u8{{$}}
# CHECK-NEXT: {{^ *}}1{{$}}
# CHECK: {{^ *}}u8{{$}}
# CHECK-NEXT: {{^ *}}1{{$}}
# CHECK: {{^ *}}u8{{$}}
# CHECK-NEXT: {{^ *}}1{{$}}
# CHECK: {{^ *}}u8{{$}}
# CHECK-NEXT: {{^ *}}1{{$}}
# CHECK: {{^ *}}u8{{$}}
# CHECK-NEXT: {{^ *}}1{{$}}
# CHECK: {{^ *}}u8{{$}}
# CHECK-NEXT: {{^ *}}1{{$}}
# CHECK: {{^ *}}u8{{$}}
# CHECK-NEXT: {{^ *}}1{{$}}
