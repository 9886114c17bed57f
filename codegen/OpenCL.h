/// \file OpenCL.h
/// The OpenCL backend's kernel side: one OpenCL C 1.2 kernel per parallel
/// loop site (a built-in fold or an indexable materialisation), emitted from
/// the same IR the CPU chunk function is made from. LLVM-free on purpose:
/// OpenCLEmit.cpp is plain C++; CLValidate.cpp is the only file that
/// includes Clang. The runtime half is runtime/opencl.c (hxrt_cl.h).
///
/// How a site runs (docs/opencl.md has the whole story): the host opens the
/// loop's source as the CPU path does, evaluating every *leaf* (range
/// bounds, with_index offsets, take/drop counts, arrays), and calls
/// hxrt_cl_run with the kernel's source, the loop's free variables and the
/// leaves. When that returns anything but 0 -- no device, a failed build,
/// or a raise inside the kernel -- the host runs the CPU chunk path, which
/// raises the exact Elixir error. Kernels therefore only set an error flag.
///
/// ## Kernel ABI
///
///     __kernel void NAME(__global hx_partial* partials,  // folds (compactions: long); unused by stores
///                        __global int* err,               // set to 1 on any raise
///                        long n,                          // elements of the source
///                        <free vars...>,                  // KernelSpec::free_vars order
///                        <leaves...>,                     // open_src traversal order
///                        [__global T* out])               // stores and compactions
///
/// Scalars are passed by value: integer `long`, float `double`, boolean
/// `uchar` (0 or 1), Hx.i32 `int`, Hx.f32 `float`. A list (free variable or
/// leaf) is two parameters, `__global const T* name, long name_len`, with
/// booleans as `uchar` elements. Tuples and lists of tuples or lists are
/// not passed (supported() refuses them).
///
/// Folds: work-group g owns the contiguous block [g*per, min(n, (g+1)*per))
/// of the source (per = ceil(n / groups)), and its work-items stride through
/// it by the work-group size HX_WG (a power of two, a build option;
/// default 256), so reads coalesce. Each work-item folds its elements;
/// a tree reduction in __local memory combines them (Min/Max break ties by
/// source position, so "the first of equal elements" wins as in Enum.min),
/// and work-item 0 writes the group's partial
///
///     typedef struct { T acc; uchar seen; uchar pad[sizeof(T) - 1]; } hx_partial;
///
/// to partials[group] -- the layout of the host's LLVM struct {T, i1}, so
/// the host combines partials in group order with its own fold step, as it
/// does CPU chunk partials. Integer results equal the CPU's exactly; float
/// sums and products may differ in rounding (a different association).
///
/// Stores: out[i] = elem(i) for i in [0, n), grid-stride.
///
/// Compactions (KernelSpec::compact: map/filter stages over the base,
/// materialised as a list): `partials` is `__global long*` and `out` has n
/// elements. Work-group g owns the folds' block [begin, end) and walks it
/// in tiles of HX_WG elements, one per work-item; an exclusive prefix sum
/// (Blelloch) of the keep flags in __local memory gives each survivor its
/// slot, so the block's survivors land in order at out[begin ...], and
/// partials[g] gets their count. The host moves the blocks' runs together
/// (LLVMCodegen's compact_runs, which does the same for CPU chunks).
///
/// Scans (KernelSpec::scan): two kernels over the same blocks as folds.
/// Each work-group walks its block in tiles of HX_WG elements and scans a
/// tile in __local memory (Blelloch's work-efficient up-sweep/down-sweep,
/// on {value, seen} pairs so no identity element is needed), carrying the
/// running accumulator from tile to tile. The totals kernel writes the
/// block's total to partials[group]; the host scans those into one carry
/// per group and passes them to the store kernel as two more parameters
/// after the leaves, `__global const T* carries, long carries_len,
/// long first_carried` (groups before first_carried start with nothing:
/// scan/2 before its first element), which writes out[i]. A store kernel
/// launched with another group count than the carries sets err.
///
/// Errors: div/rem by zero, `/` by zero, a non-finite float result (unless
/// `unchecked`), integer overflow under `check_overflow`, and any
/// Raise/RaiseValue reached set *err (atomic_or) and the work-item stops
/// contributing. A float partial that overflows in the tree also sets it.
#pragma once
#include "IR.h"

#include <string>
#include <vector>

namespace hx::opencl {

/// One kernel parameter as the host passes it.
struct KernelParam {
  std::string name;
  ir::Type type;
};

/// What to emit for one parallel site.
struct KernelSpec {
  std::string name;                       ///< unique C identifier
  bool store = false;                     ///< false: fold into partials; true: out[i] = elem(i) (no stages)
  bool compact = false;                   ///< a filter chain materialised: stages' survivors compacted per group
  ir::FoldKind fold = ir::FoldKind::Sum;  ///< for folds (Count counts elements)
  ir::Type acc_type = nullptr;            ///< fold accumulator / stored element type
  ir::ExprRef base;                       ///< the indexable source
  std::vector<const ir::Expr*> stages;    ///< Map/Filter stages on top, innermost first (folds only)
  /// Variables the kernel's lambdas use, in the order the host passes them
  /// (kernel_free_vars() gives the canonical list).
  std::vector<ir::VarRef> free_vars;
  /// Leaf expressions in open_src traversal order (leaf_exprs() gives
  /// them). Empty: taken from leaf_exprs(base).
  std::vector<ir::ExprRef> leaves;
  hx::Loc loc;                            ///< the Fold / Length / materialised list: its line marks the fold step
  /// Enum.scan (docs/opencl.md, "Scans"): 0 none; 1 the totals kernel (a
  /// fold's ABI: partials[g] = the scan of work-group g's block); 2 the
  /// store kernel (out[i] = the running accumulator, each block from its
  /// carry). scan_fn is the scan's lambda, fn x, acc -> x OP acc (or acc OP
  /// x) with OP associative (LLVMCodegen's scan_operator decides), acc_type
  /// its type; no stages (maps fuse into base).
  int scan = 0;
  ir::LambdaRef scan_fn;
  bool unchecked = false;                 ///< --unchecked: no float finiteness checks
  bool check_overflow = false;            ///< --check-overflow: raise on integer overflow in lambdas
  std::string source_path, function_display;  ///< for comments
};

/// Can this site run as a kernel? On false, why names the construct
/// ("a call to M.g/1 in a lambda", "a list of tuples", ...).
bool supported(const KernelSpec& spec, std::string& why);

/// The OpenCL C 1.2 source of the kernel (supported(spec) must hold).
std::string emit_kernel(const KernelSpec& spec);

/// Checks src with Clang as a library (-x cl -cl-std=CL1.2, spir64):
/// true when it has no errors; log gets Clang's diagnostics either way.
bool validate(const std::string& src, std::string& log);

/// The leaves of `base`, in the order LLVMCodegen's open_src evaluates
/// them with leaf(): range bounds, with_index offsets, take/drop counts,
/// and the arrays under non-indexable parts. The host passes their values
/// in this order.
std::vector<ir::ExprRef> leaf_exprs(const ir::ExprRef& base);

/// Variables used by the lambdas the kernel runs (the indexable Maps inside
/// `base` and the stages) and bound outside them, ordered by Var::id.
/// Leaves are evaluated on the host, so variables used only there are not
/// included: pass these as KernelSpec::free_vars.
std::vector<ir::VarRef> kernel_free_vars(const ir::ExprRef& base, const std::vector<const ir::Expr*>& stages);

/// The kernel's parameters after partials, err and n, in the order the host
/// passes them: free variables, then leaves, with their C names (a list
/// counts once here; in C it is `name` and `name_len`).
std::vector<KernelParam> kernel_params(const KernelSpec& spec);

/// hxrt_cl_run's arg_kinds code for a value of type t (HXRT_CL_ARG_*:
/// 1 i64, 2 f64, 3 bool, 4 i32, 5 f32, 6 list); 0 when not passable.
int runtime_arg_kind(ir::Type t);

/// Bytes of one fold partial {acc, seen} for an accumulator of type t
/// (16 for integer/float, 8 for i32/f32): hxrt_cl_run's partial_size.
int64_t partial_size(ir::Type acc_type);

}  // namespace hx::opencl
