# RUN: cd %S/../../.. && env HX_PROGRESS=0 %hastec run samples/penguins_classifier.hx -e 'PenguinsClassifier.run("samples/data/penguins.csv")' | FileCheck %s
# RUN: cd %S/../../.. && env HX_PROGRESS=0 %hastec run --target=opencl samples/penguins_classifier.hx -e 'PenguinsClassifier.run("samples/data/penguins.csv")' | FileCheck %s
# samples/penguins_classifier.hx: the penguins cleansed by compiled Explorer
# verbs (drop_nil, fill_missing, dummies, standardising mutate, filter by
# year), a 10-16-3 MLP trained by the fit loop: at least 95% of the 119 test
# birds right (118 here), on the CPU and on OpenCL (PoCL in CI).

# CHECK: {{[{][{]}}223, 10}, {119, 10}, {{[01]\.[0-9]+}}, 0.9{{[5-9][0-9]*}}}
