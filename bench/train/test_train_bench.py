"""Tests for bench/train's data split and table (no PyTorch or scikit-learn needed).

    python3 bench/train/test_train_bench.py

The golden values pin the split that samples/digits_mlp.hx must reproduce: change them only
together with that sample and bench/train/README.md.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import digits_data  # noqa: E402


class Split(unittest.TestCase):
    def test_minstd_reference_value(self):
        # C++ std::minstd_rand (a = 48271) from seed 1: the 10000th value is 399268537.
        self.assertEqual(digits_data.minstd_keys(10000, seed=1)[-1], 399268537)
        self.assertEqual(digits_data.minstd_keys(3), [2027382, 1226992407, 551494037])

    def test_partition_and_sizes(self):
        tr, te = digits_data.split_indices()
        self.assertEqual((len(tr), len(te)), (1437, 360))
        self.assertEqual(sorted(tr + te), list(range(1797)))

    def test_golden_split(self):
        tr, te = digits_data.split_indices()
        self.assertEqual(tr[:10], [1290, 0, 13, 136, 113, 1161, 944, 194, 851, 1119])
        self.assertEqual(te[:10], [272, 130, 628, 262, 1422, 450, 1104, 1467, 625, 1483])
        self.assertEqual(digits_data.checksum(tr), 927639889)
        self.assertEqual(digits_data.checksum(te), 55468658)

    def test_integer_sort_form_matches(self):
        # The form for a sort over plain integers: sort k_i * 2048 + i, take rem(_, 2048).
        keys = digits_data.minstd_keys(1797)
        packed = sorted(k * 2048 + i for i, k in enumerate(keys))
        self.assertEqual([p % 2048 for p in packed], digits_data.split_indices()[0] + digits_data.split_indices()[1])
        self.assertLess(max(packed), 2 ** 63)

    def test_data_file(self):
        rows = digits_data.load_rows()
        self.assertEqual(len(rows), 1797)
        self.assertTrue(all(0 <= v <= 16 for r in rows for v in r[:64]))
        self.assertEqual(sorted({r[64] for r in rows}), list(range(10)))
        te = digits_data.split_indices()[1]
        counts = [0] * 10
        for i in te:
            counts[rows[i][64]] += 1
        self.assertEqual(counts, [36, 45, 30, 40, 43, 26, 36, 40, 38, 26])

    def test_bad_file_is_a_clear_error(self):
        import gzip
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "bad.csv.gz")
            with gzip.open(p, "wt") as f:
                f.write("1,2,3\n")
            with self.assertRaisesRegex(ValueError, r"bad.csv.gz:1: 3 columns, expected 65"):
                digits_data.load_rows(p)


class Report(unittest.TestCase):
    def table(self, rows):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")
        try:
            return subprocess.run([sys.executable, os.path.join(HERE, "report.py"), f.name, "--epochs", "20"],
                                  capture_output=True, text=True, check=True).stdout
        finally:
            os.unlink(f.name)

    def peer(self, label, t, ms, impl="pytorch"):
        return {"label": label, "impl": impl, "version": "9.9", "ms_per_epoch": ms, "ms_per_epoch_min": ms / 2,
                "cpu_ms_per_epoch": ms, "test_accuracy": 0.97,
                "machine": {"threads": t, "cpus": 2, "cpu": "X", "python": "3"}}

    def test_hastec_slot_without_number(self):
        out = self.table([self.peer("PyTorch {v} eager (CPU)", 1, 40.0),
                          {"label": "scikit-learn {v} MLPClassifier", "error": "exit 1, see x.log",
                           "machine": {"threads": 1}}])
        self.assertIn("| **hastec** (`samples/digits_mlp.hx`) | 1 | TODO: n/a until `grad` compiles", out)
        self.assertIn("| PyTorch 9.9 eager (CPU) | 1 | 40.00 | 20.00 | 40.00 | 97.00 % | — |", out)
        self.assertIn("| scikit-learn MLPClassifier | 1 | n/a (exit 1, see x.log)", out)

    def test_hastec_ratio_uses_min(self):
        out = self.table([self.peer("hastec", 2, 4.0, impl="hastec"), self.peer("PyTorch {v} eager (CPU)", 2, 40.0)])
        self.assertIn("| **hastec** | 2 | 4.00 | 2.00 |", out)
        self.assertIn("| 97.00 % | 10.00× |", out)
        self.assertNotIn("TODO", out)


if __name__ == "__main__":
    unittest.main()
