"""scikit-learn peer: digits MLP 64-128-10, batch 32, Adam(lr 1e-3), ms per epoch.

    HX_NUM_THREADS=2 python3 bench/train/sklearn_digits.py [--epochs 20] [--reps 3] [--seed 0]

MLPClassifier(hidden_layer_sizes=(128,), activation='relu', solver='adam', batch_size=32,
learning_rate_init=1e-3, alpha=0.0, max_iter=--epochs, shuffle=True, random_state=--seed,
tol=0.0, n_iter_no_change=--epochs + 1): exactly --epochs epochs (no early stop), the same
loss as the PyTorch peer (softmax cross-entropy, no L2 term: alpha=0 instead of sklearn's
default 1e-4; --alpha sets it). Split and scaling: bench/train/digits_data.py.

ms per epoch = wall time of fit() / n_iter_, one fit per repetition (--reps, each a fresh
estimator with the same seed); the median and min over the repetitions are reported. fit()
includes sklearn's input checks and weight initialisation (well under 1 ms here). NumPy's
BLAS (OpenBLAS on Debian) is limited to HX_NUM_THREADS threads with threadpoolctl.
"""
import argparse
import os
import sys
import time
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchcommon  # noqa: E402

THREADS = benchcommon.set_threads()

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.neural_network import MLPClassifier  # noqa: E402
from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402

import digits_data  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--alpha", type=float, default=0.0)
    args = ap.parse_args()
    if args.epochs < 1 or args.reps < 1:
        raise SystemExit("--epochs and --reps must be at least 1")

    xtr, ytr, xte, yte = digits_data.load_split_numpy()
    per_epoch, cpu_per_epoch = [], []
    with threadpool_limits(limits=THREADS), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter reached: that is the point
        blas = ", ".join(f"{p['internal_api']} {p['version']} ({p['num_threads']} threads)"
                         for p in threadpool_info())
        for _ in range(args.reps):
            clf = MLPClassifier(hidden_layer_sizes=(128,), activation="relu", solver="adam",
                                batch_size=32, learning_rate_init=1e-3, alpha=args.alpha,
                                max_iter=args.epochs, shuffle=True, random_state=args.seed,
                                tol=0.0, n_iter_no_change=args.epochs + 1)
            w0, c0 = time.perf_counter(), time.process_time()
            clf.fit(xtr, ytr)
            w1, c1 = time.perf_counter(), time.process_time()
            if clf.n_iter_ != args.epochs:
                raise SystemExit(f"MLPClassifier ran {clf.n_iter_} epochs, expected {args.epochs}")
            per_epoch.append((w1 - w0) / clf.n_iter_)
            cpu_per_epoch.append((c1 - c0) / clf.n_iter_)
        acc = float(np.mean(clf.predict(xte) == yte))
        train_acc = float(np.mean(clf.predict(xtr) == ytr))

    t = benchcommon.summary(per_epoch)
    cpu_med = 1e3 * float(np.median(cpu_per_epoch))
    m = benchcommon.machine(THREADS)
    print(f"machine: {m['cpu']}, {m['cpus']} CPUs, load average {m['loadavg']}")
    print(f"scikit-learn {sklearn.__version__}, NumPy {np.__version__}, BLAS: {blas or 'none found'}; "
          f"threads {THREADS} ({m['threads_from']})")
    print(f"digits MLPClassifier 64-128-10, batch 32, adam lr 1e-3, alpha {args.alpha}, "
          f"{args.epochs} epochs x {args.reps} fits, train {len(ytr)} / test {len(yte)} rows")
    print(f"ms/epoch (fit time / n_iter_): median {t['median_ms']:.2f}, min {t['min_ms']:.2f} over {args.reps} fits; "
          f"CPU ms/epoch median {cpu_med:.2f}")
    print(f"final loss {clf.loss_:.4f}; train accuracy {100 * train_acc:.2f} %, test accuracy {100 * acc:.2f} %")
    benchcommon.emit({
        "impl": "sklearn", "version": sklearn.__version__, "mode": "MLPClassifier adam",
        "epochs": args.epochs, "ms_per_epoch": t["median_ms"], "ms_per_epoch_min": t["min_ms"],
        "cpu_ms_per_epoch": cpu_med, "test_accuracy": acc, "train_accuracy": train_acc,
        "final_loss": float(clf.loss_), "timing": f"fit time / n_iter_, median of {args.reps} fits",
        "blas": blas, "machine": m,
    })


if __name__ == "__main__":
    main()
