"""\\file pandas_bench.py
The pandas side of the CSV benchmark: read_csv on the same file with the
same meaning as csv_bench.c ("NA" is missing, region a category, the other
dtypes inferred). Prints the line csv_bench prints.

    python3 pandas_bench.py FILE.csv [REPS]
"""
import os
import sys
import time

import pandas as pd


def main():
    path = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    best, best_cpu, df = None, None, None
    for _ in range(reps):
        t0, c0 = time.perf_counter(), time.process_time()
        df = pd.read_csv(path, na_values=["NA"], keep_default_na=False, dtype={"region": "category"})
        t, c = time.perf_counter() - t0, time.process_time() - c0
        if best is None or t < best:
            best, best_cpu = t, c
    mb = os.path.getsize(path) / 1e6
    missing = int(df.isna().sum().sum())
    print(f"seconds {best:.4f} MB/s {mb / best:.1f} cpu_seconds {best_cpu:.4f} MB/cpu_s {mb / best_cpu:.1f} "
          f"rows {len(df)} missing {missing} checksum -")


if __name__ == "__main__":
    main()
