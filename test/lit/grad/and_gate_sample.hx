# RUN: %hastec run %S/../../../samples/and_gate.hx -e 'AndGate.run(400)' | FileCheck %s
# The AND-gate sample trains to 100%: the truth table 0 0 0 1 (the loss
# falls from 0.2856 to 0.0026; the shim gives the same digits to ~1e-6).

# CHECK: {0.2855833{{[0-9]+}}, 0.00256409{{[0-9]+}}, #Nx.Tensor<
# CHECK: u8[4][1]
# CHECK-NEXT: [
# CHECK-NEXT: [0],
# CHECK-NEXT: [0],
# CHECK-NEXT: [0],
# CHECK-NEXT: [1]
