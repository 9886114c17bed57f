"""NumPy side of bench/tensors: the same kernels, best of R runs, milliseconds."""
import sys, time
import numpy as np

R = int(sys.argv[1]) if len(sys.argv) > 1 else 5

def best(f):
    t = []
    for _ in range(R):
        s = time.perf_counter(); f(); t.append(time.perf_counter() - s)
    return 1e3 * min(t)

n = 1 << 24
x = (np.arange(n, dtype=np.float32) / np.float32(n))
a = (np.arange(1 << 20, dtype=np.float32).reshape(1024, 1024) / np.float32(1 << 20))
b = np.ascontiguousarray(a.T)
m = (np.arange(4096 * 1024, dtype=np.float32).reshape(4096, 1024) / np.float32(4096 * 1024))

def softmax():
    y = m + np.float32(3)
    e = np.exp(y - y.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)).sum()

print("chain", best(lambda: np.sqrt((x + np.float32(3)) * np.float32(2) + np.float32(1)).sum()))
print("gemm", best(lambda: (a @ b).sum()))
print("softmax", best(softmax))
