"""The digits data set and its fixed train/test split, shared by bench/train's peers.

The split is defined so that any language can rebuild it without a NumPy or
PyTorch random generator (hastec's samples/digits_mlp.hx uses the same one):

  1. Rows are numbered 0..1796 in file order (samples/data/digits.csv.gz, no header).
  2. Keys: MINSTD (Park-Miller, multiplier 48271, modulus 2^31 - 1), seeded with
     SPLIT_SEED = 42: k_0 = 48271 * 42 mod (2^31 - 1), k_{i+1} = 48271 * k_i mod (2^31 - 1).
     Row i gets key k_i. All products stay below 2^47, so i64 and bignum arithmetic agree.
     The first 1797 keys are distinct (MINSTD's period is 2^31 - 2), so there are no ties.
  3. The shuffled order is the rows sorted by ascending key. (In a language whose sort
     takes plain integers only: sort k_i * 2048 + i and take rem(_, 2048).)
  4. Train = the first 1437 rows of that order (floor(0.8 * 1797)), test = the other 360,
     each kept in the shuffled order.
  5. Features: the 64 pixel values (0..16) divided by 16.0, as float32; label = column 65.

`python3 bench/train/digits_data.py` prints the sizes, the first test indices and a
checksum, so another implementation can be compared with this one.
"""
import gzip
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DIGITS = os.path.join(ROOT, "samples", "data", "digits.csv.gz")
SPLIT_SEED = 42
MINSTD_A = 48271
MINSTD_M = 2147483647  # 2^31 - 1
N_ROWS = 1797
N_TRAIN = 1437  # floor(0.8 * 1797)


def load_rows(path=DIGITS):
    """Rows of 65 ints (64 pixels 0..16, then the label 0..9), in file order."""
    rows = []
    with gzip.open(path, "rt") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            vals = [int(float(v)) for v in line.split(",")]
            if len(vals) != 65:
                raise ValueError(f"{path}:{lineno}: {len(vals)} columns, expected 65")
            rows.append(vals)
    if len(rows) != N_ROWS:
        raise ValueError(f"{path}: {len(rows)} rows, expected {N_ROWS}")
    return rows


def minstd_keys(n, seed=SPLIT_SEED):
    keys, k = [], seed
    for _ in range(n):
        k = (MINSTD_A * k) % MINSTD_M
        keys.append(k)
    return keys


def split_indices(n=N_ROWS, n_train=N_TRAIN, seed=SPLIT_SEED):
    """(train_idx, test_idx): row numbers in the shuffled order described above."""
    keys = minstd_keys(n, seed)
    if len(set(keys)) != n:
        raise AssertionError("MINSTD keys collide; the split would be ambiguous")
    order = sorted(range(n), key=lambda i: keys[i])
    return order[:n_train], order[n_train:]


def load_split_numpy():
    """(x_train, y_train, x_test, y_test) as float32 / int64 NumPy arrays."""
    import numpy as np
    rows = np.asarray(load_rows(), dtype=np.int64)
    tr, te = split_indices()
    x = rows[:, :64].astype(np.float32) / np.float32(16.0)
    y = rows[:, 64]
    return x[tr], y[tr], x[te], y[te]


def checksum(idx):
    """Order-sensitive: sum over positions p of (p + 1) * idx[p]."""
    return sum((p + 1) * i for p, i in enumerate(idx))


def main(argv):
    tr, te = split_indices()
    rows = load_rows()
    assert sorted(tr + te) == list(range(N_ROWS)), "split is not a partition of the rows"
    assert len(tr) == N_TRAIN and len(te) == N_ROWS - N_TRAIN
    print(f"rows {N_ROWS}, train {len(tr)}, test {len(te)}, seed {SPLIT_SEED}")
    print(f"first keys: {minstd_keys(3)}")
    print(f"first 10 train rows: {tr[:10]}")
    print(f"first 10 test rows: {te[:10]}")
    print(f"checksum sum((p+1)*row) train {checksum(tr)}, test {checksum(te)}")
    counts = [0] * 10
    for i in te:
        counts[rows[i][64]] += 1
    print(f"test labels per class 0..9: {counts}")
    if "--indices" in argv:
        print("train", " ".join(map(str, tr)))
        print("test", " ".join(map(str, te)))


if __name__ == "__main__":
    main(sys.argv[1:])
