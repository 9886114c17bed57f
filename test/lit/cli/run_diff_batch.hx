# RUN: rm -rf %t && mkdir -p %t
# RUN: not python3 %S/../../diff/run_diff.py --hastec %hastec --work %t/batch -v %S/Inputs/batch_ok.hx %S/Inputs/batch_compile_error.hx > %t/batch.out 2> %t/batch.err
# RUN: not python3 %S/../../diff/run_diff.py --hastec %hastec --work %t/single --no-batch -v %S/Inputs/batch_ok.hx %S/Inputs/batch_compile_error.hx > %t/single.out
# RUN: diff %t/batch.out %t/single.out
# RUN: FileCheck %s < %t/batch.out
# RUN: FileCheck %s --check-prefix=ERR < %t/batch.err
# test/diff/run_diff.py runs all calls of a file in one `hastec run` with
# several -e and reports exactly what one run per call (--no-batch) reports;
# a file whose batch fails to compile falls back to one run per call.

# CHECK: ok   {{.*}}batch_ok.hx: RdBatch.sum(4)
# CHECK-NEXT: ok   {{.*}}batch_ok.hx: RdBatch.ratio([4, 2, 0])
# CHECK-NEXT: ok   {{.*}}batch_ok.hx: RdBatch.twice(3)
# CHECK-NEXT: ok   {{.*}}batch_ok.hx: RdBatch.twice(1.5)
# CHECK-NEXT: ok   {{.*}}batch_ok.hx: elem({RdBatch.sum(2), 0}, 0)
# CHECK-NEXT: ok   {{.*}}batch_ok.hx: RdBatch.ratio([4, 200])
# CHECK-NEXT: ok   {{.*}}batch_compile_error.hx: RdErr.one(1)
# CHECK-NEXT: FAIL {{.*}}batch_compile_error.hx: RdErr.one(1) + RdErr.missing(): expected {{.*}} got '<hastec exit 1> {{.*}}undefined function{{.*}}
# CHECK-NEXT: 7 passed, 1 failed

# ERR-NOT: batch_ok.hx
# ERR: run_diff: {{.*}}batch_compile_error.hx: one run per call (the batched run failed: exit 1: {{.*}}undefined function
