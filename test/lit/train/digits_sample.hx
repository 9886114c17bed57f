# RUN: cd %S/../../.. && env HX_PROGRESS=plain %hastec run samples/digits_mlp.hx -e 'DigitsMlp.train()' 2>%t.log | FileCheck %s
# RUN: FileCheck %s --check-prefix=LOG < %t.log
# samples/digits_mlp.hx: digits.csv.gz read with Explorer (compiled), the
# 64-128-10 MLP trained by the fit loop for 20 epochs: at least 95% of the
# 360 test images right (96.7% here).

# CHECK: 0.9{{[5-9][0-9]*}}
# LOG: Epoch 1/20: loss
# LOG: Epoch 20/20: loss
