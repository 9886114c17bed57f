# RUN: %hastec run %S/../../../samples/minibatch_xor.hx -e 'MinibatchXor.train(150)' | FileCheck %s
# The mini-batch sample (Adam, Nx.slice at run-time offsets) learns the XOR
# quadrants: the epoch loss falls from 1.047 to 0.045 and all 256 points
# are classified right (the shim gives the same digits for 15 epochs).

# CHECK: {1.04690836{{[0-9]+}}, 0.0454{{[0-9]+}}, 1.0}
