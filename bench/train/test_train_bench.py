"""Tests for bench/train's data split, table and hastec harness (no PyTorch, scikit-learn or hastec needed;
HASTEC=path/to/hastec adds a short run of the real fit loop).

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

    def hastec(self, t, ms, **kw):
        r = self.peer("hastec", t, ms, impl="hastec")
        r.update({"program": "samples/digits_mlp.hx", "synthetic": False, "epochs": 20, "git": "abc1234",
                  "note": "program samples/digits_mlp.hx, call DigitsMlp.train()"})
        r.update(kw)
        return r

    def test_hastec_slot_without_number(self):
        out = self.table([self.peer("PyTorch {v} eager (CPU)", 1, 40.0),
                          {"label": "scikit-learn {v} MLPClassifier", "error": "exit 1, see x.log",
                           "machine": {"threads": 1}}])
        self.assertIn("| **hastec** (`samples/digits_mlp.hx`) | 1 | n/a (not run) |", out)
        self.assertIn("| PyTorch 9.9 eager (CPU) | 1 | 40.00 | 20.00 | 40.00 | 97.00 % | — |", out)
        self.assertIn("| scikit-learn MLPClassifier | 1 | n/a (exit 1, see x.log)", out)
        self.assertNotIn("TODO", out)

    def test_hastec_ratio_uses_min(self):
        out = self.table([self.hastec(2, 4.0), self.peer("PyTorch {v} eager (CPU)", 2, 40.0)])
        self.assertIn("| **hastec** (`samples/digits_mlp.hx`) | 2 | 4.00 | 2.00 | 4.00 | 97.00 % | 1× |", out)
        self.assertIn("| 97.00 % | 10.00× |", out)
        self.assertIn("- hastec 9.9 (git abc1234): program samples/digits_mlp.hx", out)
        self.assertIn("- peers: pytorch 9.9;", out)    # hastec is not a peer
        self.assertIn("44 steps", out)
        self.assertNotIn("TODO", out)

    def test_hastec_error_row(self):
        out = self.table([{"label": "hastec", "error": "exit 1, see hastec-1.log", "machine": {"threads": 1}},
                          self.peer("PyTorch {v} eager (CPU)", 1, 40.0)])
        self.assertIn("| **hastec** (`samples/digits_mlp.hx`) | 1 | n/a (exit 1, see hastec-1.log) |", out)
        self.assertIn("| PyTorch 9.9 eager (CPU) | 1 | 40.00 | 20.00 | 40.00 | 97.00 % | — |", out)

    def test_hastec_stand_in_and_other_epochs(self):
        out = self.table([self.hastec(1, 8.0, program="bench/train/digits_fit_synth.hx", synthetic=True,
                                      epochs=5, test_accuracy=1.0),
                          self.hastec(1, 6.0, label="hastec, OMP_WAIT_POLICY=passive", test_accuracy=None)])
        self.assertIn("| **hastec** (stand-in `bench/train/digits_fit_synth.hx`, synthetic data), 5 epochs | 1 | "
                      "8.00 | 4.00 | 8.00 | — (synthetic data) | 1× |", out)
        self.assertIn("| hastec, OMP_WAIT_POLICY=passive | 1 | 6.00 | 3.00 | 6.00 | — | 0.75× |", out)


FAKE_HASTEC = r'''#!/usr/bin/env python3
# a stand-in for the compiler: `run FILE -e CALL` prints a fit loop's plain progress lines, one per
# `epochs: K` in FILE's def of the called function, each after >= 40 ms of work and saying 0.04 s, then the "accuracy"; FAKE_FAIL=1 fails like a runtime error
import os, re, sys, time
if sys.argv[1] == "--version":
    print("hastec 9.9.9"); sys.exit(0)
assert sys.argv[1] == "run" and sys.argv[3] == "-e", sys.argv
if os.environ.get("FAKE_FAIL"):
    sys.stderr.write("** (ArgumentError) bad\n"); sys.exit(3)
fun = re.search(r"\.(\w+)\(", sys.argv[4]).group(1)
k = int(re.search(r"def " + fun + r"\b.*?epochs: (\d+)", open(sys.argv[2]).read(), re.S).group(1))
if os.environ.get("HX_PROGRESS") == "plain" and not os.environ.get("FAKE_QUIET"):
    for e in range(1, k + 1):
        t = time.perf_counter()
        while time.perf_counter() - t < 0.04:
            pass
        sys.stderr.write(f"Epoch {e}/{k}: loss {1.0 / e:.4f} acc 0.5000 (0.04 s)\n")   # fixed: a busy machine may take longer
        sys.stderr.flush()
print("0.875")
'''


class HastecHarness(unittest.TestCase):
    """bench/train/hastec_digits.sh against a fake compiler (the parsing, the timing, the JSON, the errors)."""

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        d = self.dir.name
        self.hx = os.path.join(d, "hastec")
        with open(self.hx, "w") as f:
            f.write(FAKE_HASTEC)
        os.chmod(self.hx, 0o755)
        self.prog = os.path.join(d, "fit.hx")
        with open(self.prog, "w") as f:
            f.write("def train do\n  Hx.Loop.run(t, d, p, epochs: 4, batch_size: 32)\nend\n")

    def tearDown(self):
        self.dir.cleanup()

    def harness(self, *args, **env):
        return subprocess.run([os.path.join(HERE, "hastec_digits.sh"), "--hastec", self.hx, *args],
                              capture_output=True, text=True, env={**os.environ, "HX_NUM_THREADS": "1", **env})

    def json_line(self, p):
        self.assertEqual(p.returncode, 0, p.stderr)
        lines = [l for l in p.stdout.splitlines() if l.startswith("JSON ")]
        self.assertEqual(len(lines), 1, p.stdout)
        return json.loads(lines[0][5:])

    def test_json_line(self):
        r = self.json_line(self.harness("--program", self.prog, "--call", "Fit.train()"))
        self.assertEqual((r["impl"], r["version"], r["epochs"], r["machine"]["threads"]), ("hastec", "9.9.9", 4, 1))
        self.assertEqual(r["test_accuracy"], 0.875)
        self.assertEqual((r["final_loss"], r["train_accuracy"], r["synthetic"]), (0.25, 0.5, False))
        self.assertEqual(len(r["epoch_ms_stamped"]), 3)                  # epochs 2..4
        self.assertEqual(r["epoch_ms_printed"], [40.0, 40.0, 40.0])
        # within the printed seconds +- 5 ms whatever the scheduler did
        for x in r["epoch_ms_stamped"]:
            self.assertTrue(35.0 <= x <= 45.0, r)
        self.assertAlmostEqual(r["ms_per_epoch"], sorted(r["epoch_ms_stamped"])[1], places=2)   # the median
        self.assertAlmostEqual(r["ms_per_epoch_min"], min(r["epoch_ms_stamped"]), places=2)
        self.assertGreater(r["cpu_ms_per_epoch"], 0.0)                   # the fake spins 40 ms per epoch
        self.assertIn("call Fit.train()", r["note"])

    def test_printed_timing_and_epochs_copy(self):
        r = self.json_line(self.harness("--program", self.prog, "--call", "Fit.train()", "--epochs", "3",
                                        "--timing", "printed"))
        self.assertEqual(r["epochs"], 3)                                  # ran a copy with epochs: 3
        self.assertIn("a copy with epochs: 3 (the file says 4)", r["note"])
        self.assertEqual((r["ms_per_epoch"], r["ms_per_epoch_min"]), (40.0, 40.0))
        with open(self.prog) as f:
            self.assertIn("epochs: 4", f.read())                          # the original is untouched

    def test_epochs_of_the_called_function(self):
        with open(self.prog, "w") as f:
            f.write("def quick do\n  run(epochs: 1)\nend\n\ndef train do\n  run(epochs: 2)\nend\n")
        r = self.json_line(self.harness("--program", self.prog, "--call", "Fit.train()", "--epochs", "3"))
        self.assertEqual(r["epochs"], 3)
        self.assertIn("a copy with epochs: 3 (the file says 2)", r["note"])
        with open(self.prog, "a") as f:
            f.write("def train2 do\n  run(epochs: 2)\n  run(epochs: 5)\nend\n")
        r = self.json_line(self.harness("--program", self.prog, "--call", "Fit.train2()", "--epochs", "3"))
        self.assertEqual(r["epochs"], 2)                                  # two in train2: its own count ran
        self.assertIn("--epochs 3 ignored", r["note"])

    def test_relative_paths(self):
        r = self.json_line(subprocess.run(
            [os.path.join(HERE, "hastec_digits.sh"), "--hastec", "./hastec", "--program", "fit.hx", "--call", "F.train()"],
            cwd=self.dir.name, capture_output=True, text=True, env={**os.environ, "HX_NUM_THREADS": "1"}))
        self.assertEqual(r["epochs"], 4)

    def test_default_program_and_its_note(self):
        r = self.json_line(self.harness())
        ours = os.path.exists(os.path.join(HERE, "..", "..", "samples", "digits_mlp.hx"))
        self.assertEqual(r["synthetic"], not ours)
        self.assertIn("samples/digits_mlp.hx" if ours else "stand-in bench/train/digits_fit_synth.hx", r["note"])

    def test_errors_are_clear(self):
        p = self.harness("--program", self.prog, "--call", "Fit.train()", FAKE_FAIL="1")
        self.assertEqual(p.returncode, 1)
        self.assertIn("** (ArgumentError) bad", p.stderr)
        self.assertIn("failed (exit 3) before timing", p.stderr)
        p = self.harness("--program", self.prog, "--call", "Fit.train()", FAKE_QUIET="1")
        self.assertEqual(p.returncode, 1)
        self.assertIn("printed 0 `Epoch k/N: ... (S s)` lines", p.stderr)
        p = self.harness("--epochs", "1")
        self.assertEqual(p.returncode, 2)
        self.assertIn("--epochs must be a whole number of at least 2", p.stderr)
        p = subprocess.run([os.path.join(HERE, "hastec_digits.sh"), "--hastec", "/nonexistent/hastec"],
                           capture_output=True, text=True)
        self.assertEqual(p.returncode, 1)
        self.assertIn("no hastec compiler (/nonexistent/hastec)", p.stderr)

    @unittest.skipUnless(os.environ.get("HASTEC"), "set HASTEC=path/to/hastec to run the real fit loop (~30 s)")
    def test_real_compiler_stand_in(self):
        p = subprocess.run([os.path.join(HERE, "hastec_digits.sh"), "--epochs", "3", "--program",
                            os.path.join(HERE, "digits_fit_synth.hx"), "--call", "DigitsFitSynth.train()"],
                           capture_output=True, text=True, env={**os.environ, "HX_NUM_THREADS": "1"})
        r = self.json_line(p)
        self.assertEqual((r["epochs"], r["synthetic"]), (3, True))
        self.assertGreater(r["ms_per_epoch"], 0.0)
        self.assertTrue(0.0 <= r["test_accuracy"] <= 1.0)
        self.assertLess(r["final_loss"], 2.3026)                          # below log(10): it learns


if __name__ == "__main__":
    unittest.main()
