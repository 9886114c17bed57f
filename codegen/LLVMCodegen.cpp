/// \file LLVMCodegen.cpp
/// Lowers the IR to LLVM IR, optimises it for the target CPU with the new
/// pass manager, and emits assembly or an object file.
///
/// Array operations are compiled push-style: a chain such as
/// fold(filter(map(range(1, n), f), p)) becomes ONE counted loop over the
/// chain's base (a range is never materialised; a list is read in place),
/// with each element pushed through the stages (map: apply f; filter: skip
/// unless p) into the consumer. Arrays are materialised only where a list
/// value is needed (a let-bound list used later, a call argument, a result).
///
/// Ownership of arrays is tracked per value with an i1 flag: `owned` means
/// this code must free it or hand it on. Variables and parameters are
/// borrowed; results of array operations and calls are owned. A function
/// never returns a borrowed array (it copies), so callers can always free.
#include "Codegen.h"
#include "Mutator.h"
#include "OpenCL.h"
#include "hxrt.h"
#include "hxrt_cl.h"

#include <llvm/ADT/StringMap.h>
#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/Analysis/VectorUtils.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/IntrinsicsX86.h>
#include <llvm/IR/LegacyPassManager.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/IR/Verifier.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Transforms/Scalar/TailRecursionElimination.h>
#include <llvm/Transforms/Utils/Mem2Reg.h>
#include <llvm/Support/Host.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/Target/TargetOptions.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <set>

namespace hx::codegen {
namespace {

using namespace hx::ir;
using llvm::BasicBlock;
using llvm::IRBuilder;
using llvm::LLVMContext;

/// A value in generated code. For arrays, owned is an i1 (maybe constant).
struct CgValue {
  llvm::Value* v = nullptr;
  llvm::Value* owned = nullptr;
};

struct TargetInfo {
  std::string triple, cpu, features;
};

std::string join_features(const llvm::StringMap<bool>& fs) {
  std::string s;
  for (auto& f : fs) {
    if (!s.empty()) s += ",";
    s += (f.second ? "+" : "-") + f.first().str();
  }
  return s;
}

TargetInfo target_for(const std::string& cpu) {
  TargetInfo t;
  t.triple = llvm::sys::getProcessTriple();
  if (cpu == "native") {
    // getHostCPUName() says "generic" on some EPYCs: the features carry the truth.
    t.cpu = llvm::sys::getHostCPUName().str();
    llvm::StringMap<bool> fs;
    if (llvm::sys::getHostCPUFeatures(fs)) t.features = join_features(fs);
  } else {
    t.cpu = cpu;
  }
  return t;
}

class Codegen {
 public:
  Codegen(const Program& p, const Options& o, LLVMContext& c, llvm::Module& m, const TargetInfo& t)
      : prog_(p), opts_(o), ctx_(c), mod_(m), b_(c), target_(t) {
    i1_ = b_.getInt1Ty();
    i8_ = b_.getInt8Ty();
    i32_ = b_.getInt32Ty();
    i64_ = b_.getInt64Ty();
    f64_ = b_.getDoubleTy();
    f32_ = b_.getFloatTy();
    ptr_ = llvm::PointerType::get(ctx_, 0);
    srcloc_ty_ = llvm::StructType::create(ctx_, {ptr_, i32_, ptr_}, "hx_srcloc");
    // W lanes of 64 bits: the target's widest integer vectors (loops whose
    // values are all 32 bits or narrower take 2W: see LaneWidth).
    if (o.opt_level > 0 && o.vectorize) {
      const std::string& f = t.features;
      static const std::set<std::string> avx512 = {"x86-64-v4", "skylake-avx512", "cascadelake",
                                                   "icelake-server", "sapphirerapids", "znver4"};
      static const std::set<std::string> avx2 = {"x86-64-v3", "haswell", "broadwell", "skylake",
                                                 "znver1", "znver2", "znver3"};
      bool v512 = f.find("+avx512f") != std::string::npos || avx512.count(t.cpu);
      bool v256 = f.find("+avx2") != std::string::npos || avx2.count(t.cpu);
      lanes64_ = v512 ? 8 : v256 ? 4 : 2;
      lanes_ = lanes64_;
    }
  }

  bool run(std::string& err) {
    declare_runtime();
    for (auto& f : prog_.functions) declare_function(*f);
    for (auto& f : prog_.functions) define_function(*f);
    for (auto& f : prog_.functions)
      if (f->is_entry) define_entry(*f);
    define_manifest();
    std::string verr;
    llvm::raw_string_ostream os(verr);
    if (llvm::verifyModule(mod_, &os)) {
      err = "generated LLVM IR is invalid: " + os.str();
      return false;
    }
    return true;
  }

 private:
  const Program& prog_;
  const Options& opts_;
  LLVMContext& ctx_;
  llvm::Module& mod_;
  IRBuilder<> b_;
  TargetInfo target_;
  llvm::Type *i1_, *i8_, *i32_, *i64_, *f64_, *f32_;
  llvm::PointerType* ptr_;
  llvm::StructType* srcloc_ty_;
  llvm::FunctionCallee rt_alloc_, rt_alloc_tuples_, rt_release_, rt_raise_, rt_raise_value_, rt_invoke_, rt_kind_,
      rt_sort_, rt_parallel_for_, rt_parallel_try_, rt_cl_run_, rt_layout_ok_;
 public:
  /// Every OpenCL kernel emitted (for --emit=opencl).
  std::string kernels_;
  /// Kernels that failed Clang's check (an internal error at build time).
  std::string kernel_errors_;
 private:
  int kernel_count_ = 0;
  std::map<std::string, llvm::Function*> funcs_;
  std::map<std::string, llvm::Constant*> strings_;
  std::map<std::pair<std::string, int>, llvm::Constant*> srclocs_;

  // Per function being defined.
  llvm::Function* fn_ = nullptr;
  const Function* irfn_ = nullptr;
  llvm::Value* rtctx_ = nullptr;
  std::map<int, CgValue> env_;

  // ---- types ---------------------------------------------------------------

  llvm::Type* ty(Type t) {
    switch (t->kind) {
      case TypeKind::Int: return i64_;
      case TypeKind::Float: return f64_;
      case TypeKind::Bool: return i1_;
      case TypeKind::I32: return i32_;
      case TypeKind::F32: return f32_;
      case TypeKind::List: return ptr_;
      case TypeKind::Tuple: {
        std::vector<llvm::Type*> ms;
        for (auto m : t->members) ms.push_back(ty(m));
        return llvm::StructType::get(ctx_, ms);
      }
    }
    return nullptr;
  }
  /// In memory (array elements, C ABI): booleans are bytes; tuples are C
  /// structs of their members' memory types (natural alignment).
  llvm::Type* mem_ty(Type t) {
    if (t == bool_type()) return i8_;
    if (t->kind == TypeKind::Tuple) {
      std::vector<llvm::Type*> ms;
      for (auto m : t->members) ms.push_back(mem_ty(m));
      return llvm::StructType::get(ctx_, ms);
    }
    return ty(t);
  }
  int kind_of(Type elem) {
    switch (elem->kind) {
      case TypeKind::Int: return HX_KIND_I64;
      case TypeKind::Float: return HX_KIND_F64;
      case TypeKind::Bool: return HX_KIND_BOOL;
      case TypeKind::I32: return HX_KIND_I32;
      case TypeKind::F32: return HX_KIND_F32;
      case TypeKind::List: return HX_KIND_ARRAY;
      case TypeKind::Tuple: return HX_KIND_TUPLE;
    }
    return HX_KIND_TUPLE;  // not reached: every kind is listed above
  }
  llvm::Value* to_mem(llvm::Value* v, Type t) {
    if (t == bool_type()) return b_.CreateZExt(v, i8_);
    if (t->kind == TypeKind::Tuple) {
      llvm::Value* r = llvm::UndefValue::get(mem_ty(t));
      for (unsigned i = 0; i < t->members.size(); i++)
        r = b_.CreateInsertValue(r, to_mem(b_.CreateExtractValue(v, {i}), t->members[i]), {i});
      return r;
    }
    return v;
  }
  llvm::Value* from_mem(llvm::Value* v, Type t) {
    if (t == bool_type()) return b_.CreateICmpNE(v, llvm::ConstantInt::get(i8_, 0));
    if (t->kind == TypeKind::Tuple) {
      llvm::Value* r = llvm::UndefValue::get(ty(t));
      for (unsigned i = 0; i < t->members.size(); i++)
        r = b_.CreateInsertValue(r, from_mem(b_.CreateExtractValue(v, {i}), t->members[i]), {i});
      return r;
    }
    return v;
  }

  // ---- runtime declarations ---------------------------------------------------

  void declare_runtime() {
    auto fty = [&](llvm::Type* r, std::vector<llvm::Type*> ps) { return llvm::FunctionType::get(r, ps, false); };
    rt_alloc_ = mod_.getOrInsertFunction("hxrt_alloc", fty(ptr_, {ptr_, i32_, i64_}));
    rt_release_ = mod_.getOrInsertFunction("hxrt_release", fty(b_.getVoidTy(), {ptr_, ptr_}));
    rt_raise_ = mod_.getOrInsertFunction("hxrt_raise", fty(b_.getVoidTy(), {ptr_, i32_, ptr_, ptr_}));
    rt_invoke_ = mod_.getOrInsertFunction("hxrt_invoke", fty(i32_, {ptr_, ptr_, ptr_, ptr_}));
    rt_kind_ = mod_.getOrInsertFunction("hx_array_kind", fty(i32_, {ptr_}));
    rt_alloc_tuples_ = mod_.getOrInsertFunction("hxrt_alloc_tuples", fty(ptr_, {ptr_, i32_, ptr_, i64_}));
    rt_layout_ok_ = mod_.getOrInsertFunction("hxrt_tuple_layout_ok", fty(i32_, {ptr_, i32_, ptr_}));
    rt_raise_value_ =
        mod_.getOrInsertFunction("hxrt_raise_value", fty(b_.getVoidTy(), {ptr_, i32_, ptr_, ptr_, ptr_, ptr_}));
    rt_sort_ = mod_.getOrInsertFunction("hxrt_sort", fty(b_.getVoidTy(), {ptr_, ptr_, i32_}));
    rt_parallel_for_ =
        mod_.getOrInsertFunction("hxrt_parallel_for", fty(i64_, {ptr_, i64_, i64_, ptr_, ptr_, ptr_, i64_}));
    rt_parallel_try_ =
        mod_.getOrInsertFunction("hxrt_parallel_try", fty(i64_, {ptr_, i64_, i64_, ptr_, ptr_, ptr_, i64_}));
    rt_cl_run_ = mod_.getOrInsertFunction(
        "hxrt_cl_run", fty(i32_, {ptr_, ptr_, ptr_, i64_, i32_, ptr_, ptr_, ptr_, i64_, ptr_, ptr_}));
    if (auto* f = llvm::dyn_cast<llvm::Function>(rt_raise_value_.getCallee())) {
      f->setDoesNotReturn();
      f->addFnAttr(llvm::Attribute::Cold);
    }
    if (auto* f = llvm::dyn_cast<llvm::Function>(rt_raise_.getCallee())) {
      f->setDoesNotReturn();
      f->addFnAttr(llvm::Attribute::Cold);
    }
  }

  llvm::Constant* cstring(const std::string& s) {
    auto it = strings_.find(s);
    if (it != strings_.end()) return it->second;
    llvm::Constant* g = b_.CreateGlobalStringPtr(s, ".str", 0, &mod_);
    strings_[s] = g;
    return g;
  }

  llvm::Constant* srcloc(Loc loc) {
    std::string fname = origin_ ? *origin_ : irfn_ ? irfn_->display : "";
    auto key = std::make_pair(fname, int(loc.line));
    auto it = srclocs_.find(key);
    if (it != srclocs_.end()) return it->second;
    auto* init = llvm::ConstantStruct::get(
        srcloc_ty_, {cstring(opts_.source_path), llvm::ConstantInt::get(i32_, loc.line), cstring(fname)});
    auto* g = new llvm::GlobalVariable(mod_, srcloc_ty_, true, llvm::GlobalValue::PrivateLinkage, init, ".loc");
    srclocs_[key] = g;
    return g;
  }

  // ---- helpers ---------------------------------------------------------------

  llvm::AllocaInst* entry_alloca(llvm::Type* t, const char* name) {
    IRBuilder<> eb(&fn_->getEntryBlock(), fn_->getEntryBlock().begin());
    return eb.CreateAlloca(t, nullptr, name);
  }

  BasicBlock* block(const char* name) { return BasicBlock::Create(ctx_, name, fn_); }

  /// While emitting a guard: where its raise sites go (the guard is false).
  BasicBlock* guard_fail_ = nullptr;

  /// Emits a call to hxrt_raise; code after it goes to a fresh dead block.
  void emit_raise(int code, const std::string& msg, Loc loc) {
    if (guard_fail_) {
      b_.CreateBr(guard_fail_);
      b_.SetInsertPoint(block("after.raise"));
      return;
    }
    llvm::Value* m = msg.empty() ? llvm::ConstantPointerNull::get(ptr_) : cstring(msg);
    b_.CreateCall(rt_raise_, {rtctx_, llvm::ConstantInt::get(i32_, code), m, srcloc(loc)});
    b_.CreateUnreachable();
    b_.SetInsertPoint(block("after.raise"));
  }

  /// if (cond) raise(...): the raise sits in a cold block off the hot path.
  void raise_if(llvm::Value* cond, int code, Loc loc) {
    BasicBlock* ok = block("ok");
    if (guard_fail_) {
      b_.CreateCondBr(cond, guard_fail_, ok);
      b_.SetInsertPoint(ok);
      return;
    }
    BasicBlock* bad = block("raise");
    b_.CreateCondBr(cond, bad, ok);
    b_.SetInsertPoint(bad);
    b_.CreateCall(rt_raise_, {rtctx_, llvm::ConstantInt::get(i32_, code), llvm::ConstantPointerNull::get(ptr_),
                              srcloc(loc)});
    b_.CreateUnreachable();
    b_.SetInsertPoint(ok);
  }

  // Type-based alias tags: an array's header (len, data) and its elements
  // never share memory, so a store of an element cannot change a header.
  // Tagged, a loop that writes an output array keeps its inputs' data
  // pointers in registers instead of reloading them after every store, which
  // is what kept LLVM from vectorising elementwise loops (a bias add over
  // 1437 x 128 ran scalar). Untagged accesses still alias everything.
  llvm::MDNode* tbaa_header_ = nullptr;
  llvm::MDNode* tbaa_elem_ = nullptr;
  void make_tbaa() {
    llvm::MDBuilder md(ctx_);
    llvm::MDNode* root = md.createTBAARoot("hastec arrays");
    llvm::MDNode* header = md.createTBAAScalarTypeNode("hx array header", root);
    llvm::MDNode* elem = md.createTBAAScalarTypeNode("hx array element", root);
    tbaa_header_ = md.createTBAAStructTagNode(header, header, 0);
    tbaa_elem_ = md.createTBAAStructTagNode(elem, elem, 0);
  }
  template <class I>
  I* header_access(I* inst) {
    if (!tbaa_header_) make_tbaa();
    inst->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_header_);
    return inst;
  }
  llvm::StoreInst* elem_store(llvm::StoreInst* st) {
    if (!tbaa_elem_) make_tbaa();
    st->setMetadata(llvm::LLVMContext::MD_tbaa, tbaa_elem_);
    return st;
  }

  llvm::Value* arr_len(llvm::Value* a) { return header_access(b_.CreateLoad(i64_, a, "len")); }
  /// Where a's elements are, for the host to read or write them. With
  /// --target=opencl a kernel's or GEMM's result may still be on the
  /// device only (HX_ARRAY_CL_STALE in the header's flags): read it back
  /// first (hxrt_cl_host; rare, so a cold branch on one flag test).
  llvm::Value* arr_data(llvm::Value* a) {
    if (opts_.opencl) host_view(a);
    return device_data(a);
  }
  /// a's element pointer as it is, stale or not: for hxrt_cl_gemm, which
  /// finds a stale operand's device copy by that address.
  llvm::Value* device_data(llvm::Value* a) {
    return header_access(b_.CreateLoad(ptr_, b_.CreateConstInBoundsGEP1_64(i8_, a, 8), "data"));
  }
  void host_view(llvm::Value* a) {
    constexpr int64_t kFlagsOffset = 28;  // struct hx_array (runtime/hxrt_internal.h): flags
    constexpr int64_t kStale = 4;         // HX_ARRAY_CL_STALE
    llvm::Value* flags = header_access(b_.CreateLoad(i32_, b_.CreateConstInBoundsGEP1_64(i8_, a, kFlagsOffset), "flags"));
    llvm::Value* stale = b_.CreateICmpNE(b_.CreateAnd(flags, llvm::ConstantInt::get(i32_, kStale)),
                                         llvm::ConstantInt::get(i32_, 0));
    BasicBlock* get = block("cl.host");
    BasicBlock* go = block("cl.host.done");
    llvm::MDBuilder md(ctx_);
    b_.CreateCondBr(stale, get, go, md.createBranchWeights(1, 1000));
    b_.SetInsertPoint(get);
    llvm::FunctionCallee host = mod_.getOrInsertFunction(
        "hxrt_cl_host", llvm::FunctionType::get(b_.getVoidTy(), {ptr_, ptr_}, false));
    b_.CreateCall(host, {rtctx_, a});
    b_.CreateBr(go);
    b_.SetInsertPoint(go);
  }
  /// Does a value of type t hold lists (a runtime call given it may read them)?
  static bool holds_lists(Type t) {
    if (t->kind == TypeKind::List) return true;
    for (Type m : t->members)
      if (holds_lists(m)) return true;
    return false;
  }
  void set_len(llvm::Value* a, llvm::Value* n) { header_access(b_.CreateStore(n, a)); }

  void release_if(const CgValue& v) {
    if (!v.owned) return;
    if (auto* c = llvm::dyn_cast<llvm::ConstantInt>(v.owned)) {
      if (c->isZero()) return;
      b_.CreateCall(rt_release_, {rtctx_, v.v});
      return;
    }
    BasicBlock* rel = block("release");
    BasicBlock* done = block("released");
    b_.CreateCondBr(v.owned, rel, done);
    b_.SetInsertPoint(rel);
    b_.CreateCall(rt_release_, {rtctx_, v.v});
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
  }

  llvm::Value* alloc_array(Type elem, llvm::Value* n) {
    return b_.CreateCall(rt_alloc_, {rtctx_, llvm::ConstantInt::get(i32_, kind_of(elem)), n}, "arr");
  }

  /// A fresh copy of array a (whose elements are scalars, or tuples of
  /// them: one copy per column).
  llvm::Value* copy_array(llvm::Value* a, Type elem) {
    llvm::Value* n = arr_len(a);
    llvm::Value* c = alloc_for(elem, n);
    std::vector<llvm::Value*> from = columns(a, elem), to = columns(c, elem);
    std::vector<Leaf> ls = leaves(elem);
    for (size_t j = 0; j < ls.size(); j++) {
      uint64_t size = mod_.getDataLayout().getTypeAllocSize(mem_ty(ls[j].type));
      b_.CreateMemCpy(to[j], llvm::MaybeAlign(64), from[j], llvm::MaybeAlign(64),
                      b_.CreateMul(n, llvm::ConstantInt::get(i64_, size)));
    }
    return c;
  }

  // ---- lists of tuples: columns ---------------------------------------------
  // A list of tuples is one array whose data holds one column per leaf of the
  // tuple type (nested tuples flattened), each 64-byte aligned and laid out
  // from the array's capacity (header offset 16), so a shortened array keeps
  // its columns in place (runtime/include/hxrt.h, "lists of tuples"). Loops
  // read and write columns with plain loads and stores, which LLVM vectorises.

  /// A leaf of a tuple type: its index path in the LLVM struct and its type.
  struct Leaf {
    std::vector<unsigned> path;
    Type type;
  };
  std::vector<Leaf> leaves(Type t) {
    std::vector<Leaf> out;
    std::vector<unsigned> path;
    std::function<void(Type)> walk = [&](Type m) {
      if (m->kind != TypeKind::Tuple) {
        out.push_back({path, m});
        return;
      }
      for (unsigned i = 0; i < m->members.size(); i++) {
        path.push_back(i);
        walk(m->members[i]);
        path.pop_back();
      }
    };
    walk(t);
    return out;
  }
  /// The column kinds of a list of tuples of type t (a private i32 array).
  std::map<Type, llvm::Constant*> col_kinds_;
  llvm::Constant* column_kinds(Type t) {
    auto it = col_kinds_.find(t);
    if (it != col_kinds_.end()) return it->second;
    std::vector<llvm::Constant*> ks;
    for (auto& l : leaves(t)) ks.push_back(llvm::ConstantInt::get(i32_, kind_of(l.type)));
    auto* aty = llvm::ArrayType::get(i32_, ks.size());
    auto* g = new llvm::GlobalVariable(mod_, aty, true, llvm::GlobalValue::PrivateLinkage,
                                       llvm::ConstantArray::get(aty, ks), ".cols");
    return col_kinds_[t] = g;
  }
  /// Where the elements of array a (of element type elem) live: its data
  /// for a list of scalars, the start of each column for a list of tuples.
  /// host: false where the host only takes the address (a parallel site's
  /// source opened on the host: src_on_device_), so a result still on the
  /// device is not read back for it.
  std::vector<llvm::Value*> columns(llvm::Value* a, Type elem, bool host = true) {
    llvm::Value* data = host ? arr_data(a) : device_data(a);
    if (elem->kind != TypeKind::Tuple) return {data};
    llvm::Value* cap = header_access(b_.CreateLoad(i64_, b_.CreateConstInBoundsGEP1_64(i8_, a, 16), "cap"));
    std::vector<Leaf> ls = leaves(elem);
    std::vector<llvm::Value*> cols;
    llvm::Value* p = data;
    for (size_t j = 0; j < ls.size(); j++) {
      cols.push_back(p);
      if (j + 1 == ls.size()) break;
      uint64_t size = mod_.getDataLayout().getTypeAllocSize(mem_ty(ls[j].type));
      llvm::Value* bytes = b_.CreateAnd(b_.CreateAdd(b_.CreateMul(cap, c64(int64_t(size))), c64(63)), c64(~int64_t(63)));
      p = b_.CreateInBoundsGEP(i8_, p, bytes, "col");
    }
    return cols;
  }
  /// Element i of an array whose columns are cols.
  llvm::Value* load_elem(const std::vector<llvm::Value*>& cols, Type elem, llvm::Value* i, const char* name = "x") {
    if (elem->kind != TypeKind::Tuple) {
      llvm::Type* et = mem_ty(elem);
      return from_mem(b_.CreateLoad(et, b_.CreateInBoundsGEP(et, cols[0], i), name), elem);
    }
    std::vector<Leaf> ls = leaves(elem);
    llvm::Value* r = llvm::UndefValue::get(ty(elem));
    for (size_t j = 0; j < ls.size(); j++) {
      llvm::Type* mt = mem_ty(ls[j].type);
      llvm::Value* v = from_mem(b_.CreateLoad(mt, b_.CreateInBoundsGEP(mt, cols[j], i), name), ls[j].type);
      r = b_.CreateInsertValue(r, v, ls[j].path);
    }
    return r;
  }

  /// for (i = 0; i < n; i++) body(i)
  void counted_loop(llvm::Value* n, const std::function<void(llvm::Value*)>& body,
                    llvm::AllocaInst* stop = nullptr, llvm::Value* start = nullptr) {
    llvm::AllocaInst* iv = entry_alloca(i64_, "i");
    b_.CreateStore(start ? start : llvm::ConstantInt::get(i64_, 0), iv);
    BasicBlock* head = block("loop.head");
    BasicBlock* bodyb = block("loop.body");
    BasicBlock* exit = block("loop.exit");
    b_.CreateBr(head);
    b_.SetInsertPoint(head);
    llvm::Value* i = b_.CreateLoad(i64_, iv, "i");
    llvm::Value* go = b_.CreateICmpSLT(i, n);
    if (stop) go = b_.CreateAnd(go, b_.CreateNot(b_.CreateLoad(i1_, stop)));
    b_.CreateCondBr(go, bodyb, exit);
    b_.SetInsertPoint(bodyb);
    body(i);
    llvm::Value* i2 = b_.CreateLoad(i64_, iv);
    b_.CreateStore(b_.CreateAdd(i2, llvm::ConstantInt::get(i64_, 1)), iv);
    b_.CreateBr(head);
    b_.SetInsertPoint(exit);
  }

  // ---- array sources ------------------------------------------------------------

  /// An indexable list: count elements, element i computed on demand. Ranges,
  /// maps over indexable lists, zips, with_index, reverse, take and drop are
  /// indexable without materialising anything; everything else is read from
  /// an array (materialised first when it is a filter chain).
  struct Src {
    llvm::Value* count = nullptr;
    std::function<llvm::Value*(llvm::Value*)> elem;
    /// Elements i .. i+W-1 as one vector, when the source vectorises.
    std::function<llvm::Value*(llvm::Value*)> velem;
    /// Every value velem computes (elements, lambda intermediates) is at
    /// most 32 bits wide: the loop may run 2W lanes (see LaneWidth).
    bool narrow = false;
    std::vector<CgValue> owned;  ///< arrays to release after the loop
  };

  static bool is_array_op(ExprKind k) {
    switch (k) {
      case ExprKind::Range: case ExprKind::ListLit: case ExprKind::Map: case ExprKind::Filter:
      case ExprKind::Zip: case ExprKind::WithIndex: case ExprKind::Reverse: case ExprKind::Take:
      case ExprKind::Drop: case ExprKind::Sort: case ExprKind::Scan:
        return true;
      default:
        return false;
    }
  }

  /// Can e be opened as a Src without materialising a filter?
  static bool indexable(const ExprRef& e) {
    switch (e->kind) {
      case ExprKind::Filter: return false;
      case ExprKind::Map: return indexable(e->args[0]);
      // These index their input, materialising it first when it is a
      // filter chain (open_src / open_eager), so they are always indexable.
      default: return true;
    }
  }

  Src array_src(const CgValue& v, Type elem) {
    Src s;
    s.count = arr_len(v.v);
    std::vector<llvm::Value*> cols = columns(v.v, elem, !src_on_device_);
    llvm::Value* data = cols[0];
    llvm::Type* et = mem_ty(elem);
    s.elem = [this, cols, elem](llvm::Value* i) { return load_elem(cols, elem, i); };
    if (lanes_ && vec_type_ok(elem)) {
      s.velem = [this, data, et, elem](llvm::Value* i) {
        auto* vt = llvm::FixedVectorType::get(et, lanes_);
        llvm::Value* v = b_.CreateAlignedLoad(vt, b_.CreateInBoundsGEP(et, data, i), llvm::Align(1), "xv");
        if (elem == bool_type()) return b_.CreateICmpNE(v, llvm::Constant::getNullValue(vt));
        return v;
      };
      s.narrow = narrow_type(elem);
    }
    s.owned.push_back(v);
    return s;
  }

  llvm::Value* smin(llvm::Value* a, llvm::Value* b) { return b_.CreateSelect(b_.CreateICmpSLT(a, b), a, b); }
  llvm::Value* smax(llvm::Value* a, llvm::Value* b) { return b_.CreateSelect(b_.CreateICmpSGT(a, b), a, b); }
  llvm::Value* c64(int64_t v) { return llvm::ConstantInt::get(i64_, v, true); }

  Src open_src(const ExprRef& e) {
    switch (e->kind) {
      case ExprKind::Range: {
        llvm::Value* lo = leaf(e->args[0]).v;
        llvm::Value* hi = leaf(e->args[1]).v;
        // Elixir: a..b counts down when a > b (1..0 is [1, 0]); a..b//1
        // (int_value 1) is empty then.
        llvm::Value* up = b_.CreateICmpSLE(lo, hi);
        llvm::Value* step = e->int_value == 1 ? c64(1) : b_.CreateSelect(up, c64(1), c64(-1));
        llvm::Value* span = b_.CreateSelect(up, b_.CreateSub(hi, lo), b_.CreateSub(lo, hi));
        Src s;
        s.count = b_.CreateAdd(span, c64(1), "count");
        if (e->int_value == 1) s.count = b_.CreateSelect(up, s.count, c64(0));
        s.elem = [this, lo, step](llvm::Value* i) { return b_.CreateAdd(lo, b_.CreateMul(i, step), "x"); };
        if (lanes_) {
          bool up1 = e->int_value == 1;
          s.velem = [this, lo, step, up1](llvm::Value* i) {
            llvm::Value* iv = b_.CreateAdd(b_.CreateVectorSplat(lanes_, i), iota());
            llvm::Value* v =
                b_.CreateAdd(b_.CreateVectorSplat(lanes_, lo), b_.CreateMul(iv, b_.CreateVectorSplat(lanes_, step)));
            if (up1) consec_.insert(v);  // lanes x, x+1, ..., x+W-1
            return v;
          };
        }
        return s;
      }
      case ExprKind::Map: {
        if (!indexable(e->args[0])) break;
        Src s = open_src(e->args[0]);
        auto inner = s.elem;
        LambdaRef f = e->lambdas[0];
        s.elem = [this, inner, f](llvm::Value* i) { return apply_lambda(f, {inner(i)}); };
        if (s.velem && vec_lambda_ok(f)) {
          auto vinner = s.velem;
          s.velem = [this, vinner, f](llvm::Value* i) { return vapply(f, {vinner(i)}, all_lanes()); };
          s.narrow = s.narrow && narrow_lambda(f);
        } else {
          s.velem = nullptr;
          s.narrow = false;
        }
        return s;
      }
      case ExprKind::Zip: {
        Src a = open_eager(e->args[0]);
        Src b = open_eager(e->args[1]);
        Src s;
        s.count = smin(a.count, b.count);
        llvm::Type* tt = ty(e->type->elem);
        auto ea = a.elem, eb = b.elem;
        s.elem = [this, ea, eb, tt](llvm::Value* i) {
          llvm::Value* t = llvm::UndefValue::get(tt);
          t = b_.CreateInsertValue(t, ea(i), {0});
          return b_.CreateInsertValue(t, eb(i), {1});
        };
        s.owned = a.owned;
        s.owned.insert(s.owned.end(), b.owned.begin(), b.owned.end());
        return s;
      }
      case ExprKind::WithIndex: {
        Src a = open_src(e->args[0]);
        llvm::Value* off = leaf(e->args[1]).v;
        llvm::Type* tt = ty(e->type->elem);
        auto ea = a.elem;
        a.velem = nullptr;  // lanes of tuples: scalar
        a.narrow = false;
        a.elem = [this, ea, off, tt](llvm::Value* i) {
          llvm::Value* t = llvm::UndefValue::get(tt);
          t = b_.CreateInsertValue(t, ea(i), {0});
          return b_.CreateInsertValue(t, b_.CreateAdd(i, off), {1});
        };
        return a;
      }
      case ExprKind::Reverse: {
        Src a = open_eager(e->args[0]);
        a.velem = nullptr;  // the vector path reads forward only
        a.narrow = false;
        auto ea = a.elem;
        llvm::Value* last = b_.CreateSub(a.count, c64(1));
        a.elem = [this, ea, last](llvm::Value* i) { return ea(b_.CreateSub(last, i)); };
        return a;
      }
      case ExprKind::Take:
      case ExprKind::Drop: {
        Src a = open_eager(e->args[0]);
        a.velem = nullptr;  // the vector path reads from 0 only
        a.narrow = false;
        llvm::Value* k = leaf(e->args[1]).v;
        llvm::Value* neg = b_.CreateICmpSLT(k, c64(0));
        llvm::Value *n, *start;
        if (e->kind == ExprKind::Take) {
          // take(k >= 0): the first k; take(-k): the last k.
          n = smin(a.count, b_.CreateSelect(neg, b_.CreateSub(c64(0), k), k));
          start = b_.CreateSelect(neg, b_.CreateSub(a.count, n), c64(0));
        } else {
          // drop(k >= 0): all but the first k; drop(-k): all but the last k.
          llvm::Value* kp = smin(b_.CreateSelect(neg, b_.CreateSub(c64(0), k), k), a.count);
          n = b_.CreateSub(a.count, kp);
          start = b_.CreateSelect(neg, c64(0), kp);
        }
        auto ea = a.elem;
        a.count = n;
        a.elem = [this, ea, start](llvm::Value* i) { return ea(b_.CreateAdd(start, i)); };
        return a;
      }
      default:
        break;
    }
    return array_src(leaf(e), e->type->elem);
  }


  // ---- explicit vectors -------------------------------------------------------------
  //
  // Loops over vectorisable chains run W lanes at a time (W = 8 for 64-bit
  // elements with AVX-512, 16 when every value is 32 bits or narrower: see
  // LaneWidth): each lambda body is emitted once on vectors.
  // Everything that could raise (division by zero, float overflow, a raise
  // in a branch) becomes a lane mask, never a branch in the hot loop; if any
  // active lane would raise -- or an integer division's fast path cannot
  // prove its result exact -- that group of W elements is run again by the
  // scalar code, which raises at the first failing element exactly as a
  // sequential run (and Elixir) would.

  unsigned lanes_ = 0;                 ///< W of the loop being emitted; 0 disables vector code
  unsigned lanes64_ = 0;               ///< W for 64-bit elements: the target's widest integer vectors
  llvm::Value* vbad_ = nullptr;        ///< lanes that need the scalar path
  std::map<int, llvm::Value*> venv_;   ///< lambda variables bound to vectors
  /// Vectors known to hold consecutive integers x, x+1, ... (ascending
  /// ranges and invariant offsets of them): Index through them is a load.
  std::set<llvm::Value*> consec_;

  static bool vec_type_ok(Type t) {
    return t->kind == TypeKind::Int || t->kind == TypeKind::Float || t->kind == TypeKind::Bool ||
           t->kind == TypeKind::I32 || t->kind == TypeKind::F32;
  }

  static bool vec_math_ok(const std::string& f) {
    static const std::set<std::string> ok = {"sqrt", "floor", "ceil", "round", "exp", "log", "sin", "cos", "pow"};
    return ok.count(f) > 0;
  }

  /// q >= 0: e is in the body of an inner fold over q (vec_inner_fold_ok).
  bool vec_ok(const ExprRef& e, int q = -1) const {
    if (!vec_type_ok(e->type)) return false;
    switch (e->kind) {
      case ExprKind::Fold:
        return q < 0 && vec_inner_fold_ok(e);
      case ExprKind::IntConst: case ExprKind::FloatConst: case ExprKind::BoolConst: case ExprKind::VarUse:
      case ExprKind::Raise:
        return true;
      case ExprKind::Let: case ExprKind::Unary: case ExprKind::Binary: case ExprKind::If:
        for (auto& a : e->args)
          if (!vec_ok(a, q)) return false;
        return true;
      case ExprKind::Math:
        if (!vec_math_ok(e->text)) return false;
        for (auto& a : e->args)
          if (!vec_ok(a, q)) return false;
        return true;
      case ExprKind::Index:
        // In an inner fold only reads at (q-dependent offset) + an outer lane
        // variable: consecutive across the lanes when the outer loop's index
        // is that variable, one vector load per q. Anything else would be a
        // gather per q (a row sum's lanes are C apart): the inner fold then
        // stays scalar, vectorised along q by fold_range where it can be.
        if (q >= 0)
          return e->type->kind != TypeKind::Bool && (e->args[0]->kind == ExprKind::VarUse || tuple_part(e->args[0])) &&
                 lane_offset_index(e->args[1], q);
        // A gather from a list bound outside the loop (tensor broadcasting);
        // from a part of a tuple bound outside it (a tensor's data, elem(t, 0))
        // only at the loop's own index or its rem (elementwise ops and bias
        // adds: vector loads, see vemit). Measured on the digits MLP
        // (Cascade Lake): other gathers from tensors, such as column sums
        // at stride 128, ran 2x slower than the scalar loop.
        if (e->type->kind == TypeKind::Bool || !vec_ok(e->args[1])) return false;
        return e->args[0]->kind == ExprKind::VarUse || (tuple_part(e->args[0]) && row_index(e->args[1]));
      default:
        return false;
    }
  }

  /// A fold inside a vector lambda, run per lane (vinner_fold): a sum or
  /// product over fn q -> body mapped on a range whose bounds the
  /// lanes share (constants or variables bound outside the loop), with a
  /// vectorisable body. Sema's axis reductions are such folds: a column sum
  /// (Nx.sum(x, axes: [0]), a bias gradient) is a map over columns j of a fold
  /// over rows q of x[q * C + j]. Checked integer folds raise at the exact
  /// element: scalar.
  bool vec_inner_fold_ok(const ExprRef& e) const {
    if (e->fold != FoldKind::Sum && e->fold != FoldKind::Product) return false;
    if (!is_floating(e->type) && opts_.check_overflow) return false;
    const ExprRef& m = e->args[0];
    if (m->kind != ExprKind::Map || m->args[0]->kind != ExprKind::Range) return false;
    for (auto& bd : m->args[0]->args)
      if (!invariant_bound(bd)) return false;
    const LambdaRef& f = m->lambdas[0];
    return f->params.size() == 1 && vec_type_ok(f->params[0]->type) && vec_ok(f->body, f->params[0]->id);
  }
  /// a + v or v + a, v a variable of the outer lambda (not q, not bound
  /// outside the loop) and a the same for every lane (invariant_bound, or q).
  bool lane_offset_index(const ExprRef& e, int q) const {
    if (e->kind != ExprKind::Binary || e->binop != BinOp::Add) return false;
    auto lane_var = [&](const ExprRef& v) {
      return v->kind == ExprKind::VarUse && v->var->id != q && !env_.count(v->var->id);
    };
    return (lane_var(e->args[1]) && invariant_bound(e->args[0], q)) ||
           (lane_var(e->args[0]) && invariant_bound(e->args[1], q));
  }
  /// An integer made of constants and variables bound outside the loop
  /// being emitted (and the inner fold's own variable q, a splat, if given).
  bool invariant_bound(const ExprRef& e, int q = -1) const {
    switch (e->kind) {
      case ExprKind::IntConst: return true;
      case ExprKind::VarUse: return e->var->id == q || env_.count(e->var->id) > 0;
      case ExprKind::Binary:
        return (e->binop == BinOp::Add || e->binop == BinOp::Sub || e->binop == BinOp::Mul) &&
               invariant_bound(e->args[0], q) && invariant_bound(e->args[1], q);
      default: return false;
    }
  }

  /// elem(...(elem(v, i)...), j) of a variable: no work, cannot raise; a
  /// list or tuple variable is never a vector, so it is loop-invariant.
  static bool tuple_part(const ExprRef& e) {
    const Expr* x = e.get();
    if (x->kind != ExprKind::TupleGet) return false;
    while (x->kind == ExprKind::TupleGet) x = x->args[0].get();
    return x->kind == ExprKind::VarUse;
  }
  /// A variable, or rem(variable, constant > 0).
  static bool row_index(const ExprRef& e) {
    if (e->kind == ExprKind::VarUse) return true;
    return e->kind == ExprKind::Binary && e->binop == BinOp::Rem && e->args[0]->kind == ExprKind::VarUse &&
           e->args[1]->kind == ExprKind::IntConst && e->args[1]->int_value > 0;
  }

  bool vec_lambda_ok(const LambdaRef& l) {
    if (!lanes_) return false;
    for (auto& p : l->params)
      if (!vec_type_ok(p->type)) return false;
    return vec_ok(l->body);
  }

  bool vec_stages_ok(const std::vector<const Expr*>& stages) {
    for (auto* st : stages)
      if (!vec_lambda_ok(st->lambdas[0])) return false;
    return true;
  }

  // Lane count per loop. A register holds twice as many 32-bit values as
  // 64-bit ones, so a loop in which every element value is f32, Hx.i32 or a
  // boolean runs 2W lanes (16 with AVX-512: <16 x float> in one zmm). One
  // 64-bit value anywhere (a range's elements, an integer() or float()
  // intermediate, an i64 accumulator such as count's) keeps W: a <2W x i64>
  // would take two registers per operation and gain nothing. The loop index
  // stays i64; only the element values decide.

  static bool narrow_type(Type t) {
    return t->kind == TypeKind::I32 || t->kind == TypeKind::F32 || t->kind == TypeKind::Bool;
  }

  /// Every node of e (so every intermediate, let-bound or captured value) is narrow.
  static bool narrow_expr(const ExprRef& e) {
    if (!narrow_type(e->type)) return false;
    for (auto& a : e->args)
      if (!narrow_expr(a)) return false;
    return true;
  }

  static bool narrow_lambda(const LambdaRef& l) {
    for (auto& p : l->params)
      if (!narrow_type(p->type)) return false;
    return narrow_expr(l->body);
  }

  static bool narrow_stages(const std::vector<const Expr*>& stages) {
    for (auto* st : stages)
      if (!narrow_lambda(st->lambdas[0])) return false;
    return true;
  }

  /// Sets lanes_ for one loop (2W when `narrow`), restoring it after.
  struct LaneWidth {
    Codegen& cg;
    unsigned saved;
    LaneWidth(Codegen& c, bool narrow) : cg(c), saved(c.lanes_) {
      if (c.lanes_) c.lanes_ = narrow ? 2 * c.lanes64_ : c.lanes64_;
    }
    ~LaneWidth() { cg.lanes_ = saved; }
  };

  llvm::Value* iota() {
    std::vector<llvm::Constant*> cs;
    for (unsigned j = 0; j < lanes_; j++) cs.push_back(llvm::ConstantInt::get(i64_, j));
    return llvm::ConstantVector::get(cs);
  }
  llvm::Value* all_lanes() { return llvm::ConstantInt::getTrue(llvm::FixedVectorType::get(i1_, lanes_)); }
  llvm::Value* no_lanes() { return llvm::ConstantInt::getFalse(llvm::FixedVectorType::get(i1_, lanes_)); }
  llvm::Value* splat(llvm::Value* v) { return b_.CreateVectorSplat(lanes_, v); }
  llvm::Type* vty(Type t) { return llvm::FixedVectorType::get(ty(t), lanes_); }
  void mark_bad(llvm::Value* m) { vbad_ = vbad_ ? b_.CreateOr(vbad_, m) : m; }

  llvm::Value* vapply(const LambdaRef& l, const std::vector<llvm::Value*>& args, llvm::Value* mask) {
    for (size_t i = 0; i < args.size(); i++) venv_[l->params[i]->id] = args[i];
    return vemit(l->body, mask);
  }

  /// Lanes where a float result is inf or NaN (Elixir raises there).
  void vcheck_float(llvm::Value* r, llvm::Value* mask) {
    if (opts_.unchecked || ieee_) return;
    llvm::Value* a = b_.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, r);
    llvm::Value* inf = llvm::ConstantFP::getInfinity(r->getType());
    mark_bad(b_.CreateAnd(mask, b_.CreateNot(b_.CreateFCmpOLT(a, inf))));
  }

  llvm::Value* vemit(const ExprRef& e, llvm::Value* mask) {
    if (e->kind == ExprKind::Binary || e->kind == ExprKind::Math || e->kind == ExprKind::Fold) {
      bool saved = ieee_;
      ieee_ = e->int_value == 1;
      llvm::Value* r = vemit_node(e, mask);
      ieee_ = saved;
      return r;
    }
    return vemit_node(e, mask);
  }

  llvm::Value* vemit_node(const ExprRef& e, llvm::Value* mask) {
    switch (e->kind) {
      case ExprKind::IntConst: case ExprKind::FloatConst: case ExprKind::BoolConst:
        return splat(emit(e).v);
      case ExprKind::VarUse: {
        auto it = venv_.find(e->var->id);
        if (it != venv_.end()) return it->second;
        return splat(env_.at(e->var->id).v);  // a loop-invariant value
      }
      case ExprKind::Let:
        venv_[e->var->id] = vemit(e->args[0], mask);
        return vemit(e->args[1], mask);
      case ExprKind::If: {
        llvm::Value* c = vemit(e->args[0], mask);
        llvm::Value* t = vemit(e->args[1], b_.CreateAnd(mask, c));
        llvm::Value* f = vemit(e->args[2], b_.CreateAnd(mask, b_.CreateNot(c)));
        return b_.CreateSelect(c, t, f);
      }
      case ExprKind::Raise:
        mark_bad(mask);
        return llvm::PoisonValue::get(vty(e->type));
      case ExprKind::Fold: return vinner_fold(e, mask);
      case ExprKind::Unary: return vunary(e, mask);
      case ExprKind::Binary: return vbinary(e, mask);
      case ExprKind::Math: return vmath(e, mask);
      case ExprKind::Index: {
        llvm::Value* idx = vemit(e->args[1], mask);
        llvm::Value* base =
            arr_data(e->args[0]->kind == ExprKind::VarUse ? env_.at(e->args[0]->var->id).v : emit(e->args[0]).v);
        llvm::Type* mt = mem_ty(e->type);
        llvm::Align align(mt->getPrimitiveSizeInBits() / 8);
        auto load_at = [&](llvm::Value* first) {
          return b_.CreateMaskedLoad(vty(e->type), b_.CreateInBoundsGEP(mt, base, first), align, mask,
                                     llvm::PoisonValue::get(vty(e->type)));
        };
        // consecutive indices: one (masked) vector load, not a gather
        if (consec_.count(idx)) return load_at(b_.CreateExtractElement(idx, uint64_t(0)));
        const ExprRef& ix = e->args[1];
        if (ix->kind == ExprKind::Binary && ix->binop == BinOp::Rem && ix->args[1]->kind == ExprKind::IntConst &&
            ix->args[1]->int_value >= int64_t(lanes_)) {
          llvm::Value* x = vemit(ix->args[0], mask);
          if (consec_.count(x)) {
            // rem(x, C) of consecutive x >= 0 (a row-broadcast operand, a
            // bias): consecutive too unless the group wraps past a multiple of
            // C, which one group in C / W does; that one gathers.
            llvm::Value* x0 = b_.CreateExtractElement(x, uint64_t(0));
            llvm::Value* r0 = b_.CreateExtractElement(idx, uint64_t(0));
            llvm::Value* flat = b_.CreateAnd(b_.CreateICmpSGE(x0, c64(0)),
                                             b_.CreateICmpSLE(r0, c64(ix->args[1]->int_value - int64_t(lanes_))));
            BasicBlock* lin = block("vidx.linear");
            BasicBlock* gat = block("vidx.gather");
            BasicBlock* join = block("vidx.join");
            b_.CreateCondBr(flat, lin, gat);
            b_.SetInsertPoint(lin);
            llvm::Value* v1 = load_at(r0);
            b_.CreateBr(join);
            b_.SetInsertPoint(gat);
            llvm::Value* v2 = b_.CreateMaskedGather(vty(e->type), b_.CreateInBoundsGEP(mt, base, idx), align, mask,
                                                    llvm::PoisonValue::get(vty(e->type)));
            b_.CreateBr(join);
            b_.SetInsertPoint(join);
            llvm::PHINode* phi = b_.CreatePHI(v1->getType(), 2);
            phi->addIncoming(v1, lin);
            phi->addIncoming(v2, gat);
            return phi;
          }
        }
        llvm::Value* ptrs = b_.CreateInBoundsGEP(mt, base, idx);
        return b_.CreateMaskedGather(vty(e->type), ptrs, align, mask, llvm::PoisonValue::get(vty(e->type)));
      }
      default:
        hxrt_internal("vemit: unexpected node");
    }
  }

  /// A fold inside a vector lambda (vec_inner_fold_ok), "outside in": a
  /// scalar loop over the inner range whose body is vector code, each lane
  /// folding its own sequence in order -- the scalar fold's operations, so
  /// the same bits. The lanes are the outer loop's elements: for a column sum
  /// W consecutive columns, so each row is one vector load (the index is
  /// q * C + j, consecutive in j) instead of a strided scalar walk per column.
  llvm::Value* vinner_fold(const ExprRef& e, llvm::Value* mask) {
    const ExprRef& rg = e->args[0]->args[0];
    const LambdaRef& f = e->args[0]->lambdas[0];
    bool fl = is_floating(e->type);
    bool prod = e->fold == FoldKind::Product;
    llvm::Value* lo = emit(rg->args[0]).v;
    llvm::Value* hi = emit(rg->args[1]).v;
    // the range as open_src counts it: a..b counts down when a > b, a..b//1 is then empty
    llvm::Value* up = b_.CreateICmpSLE(lo, hi);
    llvm::Value* step = rg->int_value == 1 ? c64(1) : b_.CreateSelect(up, c64(1), c64(-1));
    llvm::Value* n = b_.CreateAdd(b_.CreateSelect(up, b_.CreateSub(hi, lo), b_.CreateSub(lo, hi)), c64(1));
    if (rg->int_value == 1) n = b_.CreateSelect(up, n, c64(0));
    llvm::Type* vt = vty(e->type);
    llvm::AllocaInst* acc = entry_alloca(vt, "vfold.acc");
    llvm::AllocaInst* bad = entry_alloca(llvm::FixedVectorType::get(i1_, lanes_), "vfold.bad");
    b_.CreateStore(prod ? (fl ? llvm::ConstantFP::get(vt, 1.0) : llvm::ConstantInt::get(vt, 1))
                        : llvm::Constant::getNullValue(vt),
                   acc);
    b_.CreateStore(no_lanes(), bad);
    // The body's lanes that would raise are collected across iterations (an
    // SSA value made inside the loop does not reach past it).
    llvm::Value* outer_bad = vbad_;
    counted_loop(n, [&](llvm::Value* i) {
      vbad_ = no_lanes();
      llvm::Value* x = vapply(f, {splat(b_.CreateAdd(lo, b_.CreateMul(i, step)))}, mask);
      llvm::Value* cur = b_.CreateLoad(vt, acc);
      llvm::Value* r = prod ? (fl ? b_.CreateFMul(cur, x) : b_.CreateMul(cur, x))
                            : (fl ? b_.CreateFAdd(cur, x) : b_.CreateAdd(cur, x));
      if (fl) vcheck_float(r, mask);  // fold_step's checked_float (off for Nx's IEEE folds)
      b_.CreateStore(r, acc);
      b_.CreateStore(b_.CreateOr(b_.CreateLoad(bad->getAllocatedType(), bad), vbad_), bad);
    });
    vbad_ = outer_bad;
    mark_bad(b_.CreateAnd(mask, b_.CreateLoad(bad->getAllocatedType(), bad)));
    return b_.CreateLoad(vt, acc);
  }

  [[noreturn]] static void hxrt_internal(const char* what) {
    std::fprintf(stderr, "hastec internal error: %s\n", what);
    std::abort();
  }

  llvm::Value* vunary(const ExprRef& e, llvm::Value* mask) {
    llvm::Value* a = vemit(e->args[0], mask);
    Type from = e->args[0]->type;
    bool fl = is_floating(from);
    llvm::Type* to = vty(e->type);
    switch (e->unop) {
      case UnOp::Neg: return fl ? b_.CreateFNeg(a) : b_.CreateSub(llvm::Constant::getNullValue(a->getType()), a);
      case UnOp::Not: case UnOp::BNot: return b_.CreateNot(a);
      case UnOp::Abs:
        if (fl) return b_.CreateSelect(b_.CreateFCmpOLT(a, llvm::Constant::getNullValue(a->getType())), b_.CreateFNeg(a), a);
        return b_.CreateSelect(b_.CreateICmpSLT(a, llvm::Constant::getNullValue(a->getType())),
                               b_.CreateSub(llvm::Constant::getNullValue(a->getType()), a), a);
      case UnOp::ToFloat: return b_.CreateSIToFP(a, to);
      case UnOp::Trunc: case UnOp::Round: {
        llvm::Value* x = e->unop == UnOp::Round ? b_.CreateUnaryIntrinsic(llvm::Intrinsic::round, a) : a;
        // --check-overflow: lanes beyond the integer type go to the scalar path, which raises
        if (opts_.check_overflow) mark_bad(b_.CreateAnd(mask, b_.CreateNot(int_range_ok(x, e->type))));
        llvm::Function* f = llvm::Intrinsic::getDeclaration(&mod_, llvm::Intrinsic::fptosi_sat, {to, a->getType()});
        return b_.CreateCall(f, {x});
      }
      case UnOp::Cast:
        if (is_integer(from) && is_integer(e->type)) return b_.CreateSExtOrTrunc(a, to);
        if (is_floating(from) && is_floating(e->type)) return b_.CreateFPCast(a, to);
        if (is_integer(from)) return b_.CreateSIToFP(a, to);
        return b_.CreateCall(llvm::Intrinsic::getDeclaration(&mod_, llvm::Intrinsic::fptosi_sat, {to, a->getType()}),
                             {a});
    }
    return nullptr;
  }

  /// div/rem on vectors without a hardware divide: the quotient estimated in
  /// double precision, the remainder computed exactly in integers and
  /// corrected once. Lanes whose result the check cannot confirm (|a| near
  /// 2^63, a zero divisor) go to the scalar path.
  llvm::Value* vdivrem(bool is_div, llvm::Value* a, llvm::Value* b, llvm::Value* mask) {
    llvm::Type* vt = a->getType();
    auto* vi = llvm::cast<llvm::FixedVectorType>(vt);
    auto C = [&](int64_t v) { return llvm::ConstantInt::get(vt, v, true); };
    // A constant power-of-two divisor (a tensor's row length): LLVM's sdiv /
    // srem, which truncate like div / rem, become shifts; nothing can fail.
    if (auto* bc = llvm::dyn_cast<llvm::Constant>(b))
      if (auto* sv = llvm::dyn_cast_or_null<llvm::ConstantInt>(bc->getSplatValue()))
        if (sv->getValue().isStrictlyPositive() && sv->getValue().isPowerOf2())
          return is_div ? b_.CreateSDiv(a, b) : b_.CreateSRem(a, b);
    llvm::Value* zero = b_.CreateICmpEQ(b, C(0));
    mark_bad(b_.CreateAnd(mask, zero));
    llvm::Value* bs = b_.CreateSelect(zero, C(1), b);
    unsigned bits = vi->getElementType()->getIntegerBitWidth();
    llvm::Type* ft = llvm::FixedVectorType::get(bits > 32 ? f64_ : f64_, lanes_);
    llvm::Value* af = b_.CreateSIToFP(a, ft);
    llvm::Value* bf = b_.CreateSIToFP(bs, ft);
    // Plain fptosi (one vcvttpd2qq); out-of-range lanes give poison, frozen
    // to some value, and those lanes (|a| >= 2^62) are sent to the scalar path.
    // a * (1 / b): when b is loop-invariant the reciprocal is hoisted out of
    // the loop, leaving a multiply where a divide would cost 16+ cycles.
    llvm::Value* recip = b_.CreateFDiv(llvm::ConstantFP::get(ft, 1.0), bf);
    llvm::Value* q = b_.CreateFreeze(b_.CreateFPToSI(b_.CreateFMul(af, recip), vt));
    llvm::Value* r = b_.CreateSub(a, b_.CreateMul(q, bs));
    llvm::Value* bneg = b_.CreateICmpSLT(bs, C(0));
    llvm::Value* babs = b_.CreateSelect(bneg, b_.CreateSub(C(0), bs), bs);
    llvm::Value* sgn = b_.CreateSelect(bneg, C(-1), C(1));
    llvm::Value* apos = b_.CreateICmpSGE(a, C(0));
    // For a >= 0 the remainder lies in [0, |b|); for a < 0 in (-|b|, 0].
    llvm::Value* low = b_.CreateSelect(apos, b_.CreateICmpSLT(r, C(0)), b_.CreateICmpSLE(r, b_.CreateSub(C(0), babs)));
    r = b_.CreateSelect(low, b_.CreateAdd(r, babs), r);
    q = b_.CreateSelect(low, b_.CreateSub(q, sgn), q);
    llvm::Value* high = b_.CreateSelect(apos, b_.CreateICmpSGE(r, babs), b_.CreateICmpSGT(r, C(0)));
    r = b_.CreateSelect(high, b_.CreateSub(r, babs), r);
    q = b_.CreateSelect(high, b_.CreateAdd(q, sgn), q);
    llvm::Value* ok = b_.CreateSelect(apos, b_.CreateAnd(b_.CreateICmpSGE(r, C(0)), b_.CreateICmpSLT(r, babs)),
                                      b_.CreateAnd(b_.CreateICmpSLE(r, C(0)), b_.CreateICmpSGT(r, b_.CreateSub(C(0), babs))));
    // |a| >= 2^62 (and MIN / -1): the estimate may be far off; let the scalar path decide.
    if (bits == 64) {
      llvm::Value* big = b_.CreateOr(b_.CreateICmpSGE(a, C(int64_t(1) << 62)), b_.CreateICmpSLE(a, C(-(int64_t(1) << 62))));
      ok = b_.CreateAnd(ok, b_.CreateNot(big));
    }
    mark_bad(b_.CreateAnd(mask, b_.CreateNot(ok)));
    return is_div ? q : r;
  }

  llvm::Value* vbinary(const ExprRef& e, llvm::Value* mask) {
    llvm::Value* a = vemit(e->args[0], mask);
    llvm::Value* b = vemit(e->args[1], mask);
    bool fl = is_floating(e->args[0]->type);
    llvm::Type* vt = a->getType();
    auto overflow = [&](llvm::Intrinsic::ID id) {
      llvm::Value* r = b_.CreateCall(llvm::Intrinsic::getDeclaration(&mod_, id, {vt}), {a, b});
      mark_bad(b_.CreateAnd(mask, b_.CreateExtractValue(r, {1})));
      return b_.CreateExtractValue(r, {0});
    };
    llvm::Value* r = nullptr;
    // lane-invariant integer arithmetic (an inner fold's row offset q * C) stays
    // a splat, so that adding consecutive lanes to it is known consecutive
    if (!fl && !opts_.check_overflow &&
        (e->binop == BinOp::Add || e->binop == BinOp::Sub || e->binop == BinOp::Mul)) {
      llvm::Value* sa = llvm::getSplatValue(a);
      llvm::Value* sb = llvm::getSplatValue(b);
      if (sa && sb) {
        auto op = e->binop == BinOp::Add ? llvm::Instruction::Add
                : e->binop == BinOp::Sub ? llvm::Instruction::Sub : llvm::Instruction::Mul;
        return splat(b_.CreateBinOp(op, sa, sb));
      }
    }
    switch (e->binop) {
      case BinOp::Add:
        if (fl) { r = b_.CreateFAdd(a, b); vcheck_float(r, mask); return r; }
        r = opts_.check_overflow ? overflow(llvm::Intrinsic::sadd_with_overflow) : b_.CreateAdd(a, b);
        // consecutive + invariant is consecutive (tensor index arithmetic)
        if ((consec_.count(a) && llvm::getSplatValue(b)) || (consec_.count(b) && llvm::getSplatValue(a)))
          consec_.insert(r);
        return r;
      case BinOp::Sub:
        if (fl) { r = b_.CreateFSub(a, b); vcheck_float(r, mask); return r; }
        r = opts_.check_overflow ? overflow(llvm::Intrinsic::ssub_with_overflow) : b_.CreateSub(a, b);
        if (consec_.count(a) && llvm::getSplatValue(b)) consec_.insert(r);
        return r;
      case BinOp::Mul:
        if (fl) { r = b_.CreateFMul(a, b); vcheck_float(r, mask); return r; }
        return opts_.check_overflow ? overflow(llvm::Intrinsic::smul_with_overflow) : b_.CreateMul(a, b);
      case BinOp::FDiv:
        if (!opts_.unchecked && !ieee_)
          mark_bad(b_.CreateAnd(mask, b_.CreateFCmpOEQ(b, llvm::Constant::getNullValue(vt))));
        r = b_.CreateFDiv(a, b);
        vcheck_float(r, mask);
        return r;
      case BinOp::IDiv: return vdivrem(true, a, b, mask);
      case BinOp::Rem: return vdivrem(false, a, b, mask);
      case BinOp::Min: return min_max(true, fl, a, b);
      case BinOp::Max: return min_max(false, fl, a, b);
      case BinOp::Eq: return fl ? b_.CreateFCmpOEQ(a, b) : b_.CreateICmpEQ(a, b);
      case BinOp::Ne: return fl ? b_.CreateFCmpUNE(a, b) : b_.CreateICmpNE(a, b);
      case BinOp::Lt: return fl ? b_.CreateFCmpOLT(a, b) : b_.CreateICmpSLT(a, b);
      case BinOp::Le: return fl ? b_.CreateFCmpOLE(a, b) : b_.CreateICmpSLE(a, b);
      case BinOp::Gt: return fl ? b_.CreateFCmpOGT(a, b) : b_.CreateICmpSGT(a, b);
      case BinOp::Ge: return fl ? b_.CreateFCmpOGE(a, b) : b_.CreateICmpSGE(a, b);
      case BinOp::And: case BinOp::BAnd: return b_.CreateAnd(a, b);
      case BinOp::Or: case BinOp::BOr: return b_.CreateOr(a, b);
      case BinOp::BXor: return b_.CreateXor(a, b);
      case BinOp::Shl: case BinOp::Shr: {
        unsigned w = vt->getScalarSizeInBits();
        llvm::Value* zero = llvm::Constant::getNullValue(vt);
        llvm::Value* neg = b_.CreateICmpSLT(b, zero);
        llvm::Value* mag = b_.CreateSelect(neg, b_.CreateSub(zero, b), b);
        llvm::Value* big = b_.CreateICmpUGE(mag, llvm::ConstantInt::get(vt, w));
        llvm::Value* amt = b_.CreateSelect(big, llvm::ConstantInt::get(vt, w - 1), mag);
        llvm::Value* left = b_.CreateSelect(big, zero, b_.CreateShl(a, amt));
        llvm::Value* right = b_.CreateAShr(a, amt);
        bool shl = e->binop == BinOp::Shl;
        return b_.CreateSelect(neg, shl ? right : left, shl ? left : right);
      }
    }
    return nullptr;
  }

  llvm::Value* vmath(const ExprRef& e, llvm::Value* mask) {
    std::vector<llvm::Value*> as;
    for (auto& a : e->args) as.push_back(vemit(a, mask));
    llvm::Type* vt = as[0]->getType();
    static const std::map<std::string, llvm::Intrinsic::ID> native = {
        {"sqrt", llvm::Intrinsic::sqrt}, {"floor", llvm::Intrinsic::floor},
        {"ceil", llvm::Intrinsic::ceil}, {"round", llvm::Intrinsic::round}};
    llvm::Value* r;
    auto it = native.find(e->text);
    if (it != native.end()) {
      r = b_.CreateCall(llvm::Intrinsic::getDeclaration(&mod_, it->second, {vt}), as);
    } else {
      // glibc's libmvec: _ZGV<isa>N<lanes><v...>_<name>[f]
      bool f32 = e->type == f32_type();
      char isa = lanes_ * (f32 ? 32 : 64) >= 512 ? 'e' : lanes_ * (f32 ? 32 : 64) >= 256 ? 'd' : 'b';
      std::string name = std::string("_ZGV") + isa + "N" + std::to_string(lanes_) + std::string(as.size(), 'v') +
                         "_" + e->text + (f32 ? "f" : "");
      std::vector<llvm::Type*> ps(as.size(), vt);
      llvm::FunctionCallee f = mod_.getOrInsertFunction(name, llvm::FunctionType::get(vt, ps, false));
      r = b_.CreateCall(f, as);
    }
    vcheck_float(r, mask);
    return r;
  }

  /// Runs the chain [begin, end): W elements at a time through vsink(xv,
  /// mask, i), the rest (and any group that needs it) through ssink(x).
  void vector_run(Src& s, const std::vector<const Expr*>& stages, llvm::Value* begin, llvm::Value* end,
                  const std::function<void(llvm::Value*, llvm::Value*, llvm::Value*)>& vsink,
                  const std::function<void(llvm::Value*, llvm::Value*)>& ssink) {
    llvm::AllocaInst* iv = entry_alloca(i64_, "vi");
    b_.CreateStore(begin, iv);
    BasicBlock* head = block("vloop.head");
    BasicBlock* body = block("vloop.body");
    BasicBlock* tail = block("vloop.tail");
    b_.CreateBr(head);
    b_.SetInsertPoint(head);
    llvm::Value* i = b_.CreateLoad(i64_, iv, "vi");
    b_.CreateCondBr(b_.CreateICmpSLE(b_.CreateAdd(i, c64(lanes_)), end), body, tail);
    b_.SetInsertPoint(body);
    vbad_ = no_lanes();
    venv_.clear();
    llvm::Value* xv = s.velem(i);
    llvm::Value* mask = all_lanes();
    for (auto* st : stages) {
      if (st->kind == ExprKind::Map) {
        xv = vapply(st->lambdas[0], {xv}, mask);
      } else {
        llvm::Value* keep = vapply(st->lambdas[0], {xv}, mask);
        mask = b_.CreateAnd(mask, keep);
      }
    }
    llvm::Value* bad = b_.CreateOrReduce(vbad_);
    vbad_ = nullptr;
    BasicBlock* slow = block("vloop.scalar");
    BasicBlock* commit = block("vloop.commit");
    BasicBlock* next = block("vloop.next");
    b_.CreateCondBr(bad, slow, commit, llvm::MDBuilder(ctx_).createBranchWeights(1, 1000));
    b_.SetInsertPoint(commit);
    vsink(xv, mask, i);
    b_.CreateBr(next);
    b_.SetInsertPoint(slow);
    counted_loop(b_.CreateAdd(i, c64(lanes_)), [&](llvm::Value* j) {
      push(stages, 0, s.elem(j), [&](llvm::Value* x) { ssink(x, j); });
    }, nullptr, i);
    b_.CreateBr(next);
    b_.SetInsertPoint(next);
    b_.CreateStore(b_.CreateAdd(i, c64(lanes_)), iv);
    b_.CreateBr(head);
    b_.SetInsertPoint(tail);
    counted_loop(end, [&](llvm::Value* j) {
      push(stages, 0, s.elem(j), [&](llvm::Value* x) { ssink(x, j); });
    }, nullptr, b_.CreateLoad(i64_, iv));
  }

  /// A built-in fold's vector accumulator: W lanes of partial results and
  /// the lanes that have seen an element. fold_range and the fused loops of
  /// a MultiFold share it, so a member's result is computed exactly as the
  /// same fold alone would compute it (at the same lane count).
  struct VFold {
    FoldKind k;
    Type t;
    llvm::Type* vt;
    llvm::AllocaInst* vacc;
    llvm::AllocaInst* vseen;
    llvm::Value* ident;
  };

  /// Can fold k into t run on vector lanes? (Checked integer sums and
  /// products raise at the exact element: scalar.)
  bool vfold_ok(FoldKind k, Type t) {
    bool checked_int_fold = opts_.check_overflow && !is_floating(t) && (k == FoldKind::Sum || k == FoldKind::Product);
    return vec_type_ok(t) && !checked_int_fold;
  }

  VFold vfold_begin(FoldKind k, Type t) {
    bool fl = is_floating(t);
    VFold f{k, t, vty(t), nullptr, nullptr, nullptr};
    f.vacc = entry_alloca(f.vt, "vacc");
    f.vseen = entry_alloca(llvm::FixedVectorType::get(i1_, lanes_), "vseen");
    f.ident = k == FoldKind::Product ? (fl ? llvm::ConstantFP::get(f.vt, 1.0) : llvm::ConstantInt::get(f.vt, 1))
                                     : llvm::Constant::getNullValue(f.vt);
    b_.CreateStore(f.ident, f.vacc);
    b_.CreateStore(no_lanes(), f.vseen);
    return f;
  }

  /// Folds the active lanes (mask) of xv into the vector accumulator.
  void vfold_step(const VFold& f, llvm::Value* xv, llvm::Value* mask) {
    bool fl = is_floating(f.t);
    llvm::Type* vt = f.vt;
    llvm::Value* ident = f.ident;
    llvm::Value* cur = b_.CreateLoad(vt, f.vacc);
    llvm::Value* next = nullptr;
    switch (f.k) {
      case FoldKind::Sum: next = fl ? b_.CreateFAdd(cur, b_.CreateSelect(mask, xv, ident)) : b_.CreateAdd(cur, b_.CreateSelect(mask, xv, ident)); break;
      case FoldKind::Product: next = fl ? b_.CreateFMul(cur, b_.CreateSelect(mask, xv, ident)) : b_.CreateMul(cur, b_.CreateSelect(mask, xv, ident)); break;
      case FoldKind::Count: next = b_.CreateAdd(cur, b_.CreateZExt(mask, vt)); break;
      case FoldKind::Min: case FoldKind::Max: {
        bool mn = f.k == FoldKind::Min;
        llvm::Value* better = fl ? (mn ? b_.CreateFCmpOLT(xv, cur) : b_.CreateFCmpOGT(xv, cur))
                                 : (mn ? b_.CreateICmpSLT(xv, cur) : b_.CreateICmpSGT(xv, cur));
        if (fl && ieee_) better = b_.CreateOr(better, b_.CreateFCmpUNO(xv, xv));  // a NaN sticks (Nx)
        llvm::Value* sn = b_.CreateLoad(llvm::FixedVectorType::get(i1_, lanes_), f.vseen);
        llvm::Value* take = b_.CreateAnd(mask, b_.CreateOr(b_.CreateNot(sn), better));
        next = b_.CreateSelect(take, xv, cur);
        break;
      }
    }
    b_.CreateStore(next, f.vacc);
    b_.CreateStore(b_.CreateOr(b_.CreateLoad(llvm::FixedVectorType::get(i1_, lanes_), f.vseen), mask), f.vseen);
  }

  /// Folds the vector accumulator's lanes into the scalar one {acc, seen}.
  void vfold_end(const VFold& f, llvm::AllocaInst* acc, llvm::AllocaInst* seen, Loc loc) {
    FoldKind k = f.k;
    Type t = f.t;
    llvm::Type* vt = f.vt;
    llvm::Value* v = b_.CreateLoad(vt, f.vacc);
    llvm::Value* sv = b_.CreateLoad(llvm::FixedVectorType::get(i1_, lanes_), f.vseen);
    FoldKind combine = k == FoldKind::Count ? FoldKind::Sum : k;
    if (is_integer(t)) {
      // Wrapping integer sums and products, min and max do not depend on the
      // order: one llvm.vector.reduce.* (lanes never seen hold the identity
      // for sum and product, and are masked out for min and max).
      llvm::Value* r = nullptr;
      switch (k) {
        case FoldKind::Sum: case FoldKind::Count: r = b_.CreateAddReduce(v); break;
        case FoldKind::Product: r = b_.CreateMulReduce(v); break;
        case FoldKind::Min:
          r = b_.CreateIntMinReduce(b_.CreateSelect(sv, v, llvm::ConstantInt::get(vt, llvm::APInt::getSignedMaxValue(
                                                                                          vt->getScalarSizeInBits()))),
                                    true);
          break;
        case FoldKind::Max:
          r = b_.CreateIntMaxReduce(b_.CreateSelect(sv, v, llvm::ConstantInt::get(vt, llvm::APInt::getSignedMinValue(
                                                                                          vt->getScalarSizeInBits()))),
                                    true);
          break;
      }
      BasicBlock* use = block("lanes");
      BasicBlock* skip = block("lanes.next");
      b_.CreateCondBr(b_.CreateOrReduce(sv), use, skip);
      b_.SetInsertPoint(use);
      fold_step(combine, t, acc, seen, r, loc);
      b_.CreateBr(skip);
      b_.SetInsertPoint(skip);
      return;
    }
    // Float lanes are folded into the scalar accumulator in lane order, so a
    // sum depends on the lane count (see LaneWidth) but never on the threads.
    for (unsigned j = 0; j < lanes_; j++) {
      BasicBlock* use = block("lane");
      BasicBlock* skip = block("lane.next");
      b_.CreateCondBr(b_.CreateExtractElement(sv, uint64_t(j)), use, skip);
      b_.SetInsertPoint(use);
      fold_step(combine, t, acc, seen, b_.CreateExtractElement(v, uint64_t(j)), loc);
      b_.CreateBr(skip);
      b_.SetInsertPoint(skip);
    }
  }

  /// A built-in fold over [begin, end) of a chain, vectorised when it can be.
  void fold_range(FoldKind k, Type t, Src& s, const std::vector<const Expr*>& stages, llvm::Value* begin,
                  llvm::Value* end, llvm::AllocaInst* acc, llvm::AllocaInst* seen, Loc loc) {
    auto ssink = [&](llvm::Value* x) { fold_step(k, t, acc, seen, x, loc); };
    if (!s.velem || !vec_stages_ok(stages) || !vfold_ok(k, t)) {
      counted_loop(end, [&](llvm::Value* i) { push(stages, 0, s.elem(i), ssink); }, nullptr, begin);
      return;
    }
    LaneWidth width(*this, s.narrow && narrow_stages(stages) && narrow_type(t));
    VFold vf = vfold_begin(k, t);
    vector_run(s, stages, begin, end, [&](llvm::Value* xv, llvm::Value* mask, llvm::Value*) {
      vfold_step(vf, xv, mask);
    }, [&](llvm::Value* x, llvm::Value*) { ssink(x); });
    vfold_end(vf, acc, seen, loc);
  }

  // ---- horizontal fusion (MultiFold) --------------------------------------------
  //
  // The members of a MultiFold (ir/FuseHorizontal.cpp) read one base: one
  // loop opens it once and pushes each element through every member's own
  // map/filter stages into that member's accumulators, in member order. Each
  // member accumulates exactly as the fold alone would (fold_step, VFold,
  // the same chunking and the same chunk-order combine), so integer results
  // never depend on the threads and float results are the single fold's --
  // except that all members share one lane count: a narrow (f32) member
  // next to a 64-bit one runs W lanes, not 2W.

  struct Member {
    ExprRef e;
    FoldKind k;
    Type t;
    std::vector<const Expr*> stages;
    llvm::AllocaInst* acc = nullptr;
    llvm::AllocaInst* seen = nullptr;
  };

  /// Runs f with the member's IEEE mode and origin (what emit() sets for a Fold node).
  void as_member(const Member& m, const std::function<void()>& f) {
    const std::string* so = origin_;
    bool si = ieee_;
    if (!m.e->origin.empty()) origin_ = &m.e->origin;
    ieee_ = m.e->kind == ExprKind::Fold && m.e->int_value == 1;
    f();
    origin_ = so;
    ieee_ = si;
  }

  void member_init(Member& m) {
    m.acc = entry_alloca(ty(m.t), "macc");
    m.seen = entry_alloca(i1_, "mseen");
    b_.CreateStore(fold_init(m.k, m.t), m.acc);
    b_.CreateStore(b_.getFalse(), m.seen);
  }

  /// All members over [begin, end) of s in one loop, vectorised when every member can be.
  void multi_range(std::vector<Member>& ms, Src& s, llvm::Value* begin, llvm::Value* end) {
    auto scalar = [&](llvm::Value* j) {
      llvm::Value* x = s.elem(j);
      for (auto& m : ms)
        as_member(m, [&] {
          push(m.stages, 0, x, [&](llvm::Value* y) { fold_step(m.k, m.t, m.acc, m.seen, y, m.e->loc); });
        });
    };
    bool vec = s.velem != nullptr;
    bool narrow = s.narrow;
    for (auto& m : ms) {
      vec = vec && vec_stages_ok(m.stages) && vfold_ok(m.k, m.t);
      narrow = narrow && narrow_stages(m.stages) && narrow_type(m.t);
    }
    if (!vec) {
      counted_loop(end, scalar, nullptr, begin);
      return;
    }
    LaneWidth width(*this, narrow);
    std::vector<VFold> vf;
    for (auto& m : ms) vf.push_back(vfold_begin(m.k, m.t));
    // vector_run, with one sink per member.
    llvm::AllocaInst* iv = entry_alloca(i64_, "vi");
    b_.CreateStore(begin, iv);
    BasicBlock* head = block("mloop.head");
    BasicBlock* body = block("mloop.body");
    BasicBlock* tail = block("mloop.tail");
    b_.CreateBr(head);
    b_.SetInsertPoint(head);
    llvm::Value* i = b_.CreateLoad(i64_, iv, "vi");
    b_.CreateCondBr(b_.CreateICmpSLE(b_.CreateAdd(i, c64(lanes_)), end), body, tail);
    b_.SetInsertPoint(body);
    vbad_ = no_lanes();
    venv_.clear();
    llvm::Value* xv0 = s.velem(i);
    std::vector<std::pair<llvm::Value*, llvm::Value*>> outs;
    for (auto& m : ms)
      as_member(m, [&] {
        llvm::Value* xv = xv0;
        llvm::Value* mask = all_lanes();
        for (auto* st : m.stages) {
          if (st->kind == ExprKind::Map) {
            xv = vapply(st->lambdas[0], {xv}, mask);
          } else {
            mask = b_.CreateAnd(mask, vapply(st->lambdas[0], {xv}, mask));
          }
        }
        outs.push_back({xv, mask});
      });
    llvm::Value* bad = b_.CreateOrReduce(vbad_);
    vbad_ = nullptr;
    BasicBlock* slow = block("mloop.scalar");
    BasicBlock* commit = block("mloop.commit");
    BasicBlock* next = block("mloop.next");
    b_.CreateCondBr(bad, slow, commit, llvm::MDBuilder(ctx_).createBranchWeights(1, 1000));
    b_.SetInsertPoint(commit);
    for (size_t k = 0; k < ms.size(); k++) as_member(ms[k], [&] { vfold_step(vf[k], outs[k].first, outs[k].second); });
    b_.CreateBr(next);
    b_.SetInsertPoint(slow);
    counted_loop(b_.CreateAdd(i, c64(lanes_)), scalar, nullptr, i);
    b_.CreateBr(next);
    b_.SetInsertPoint(next);
    b_.CreateStore(b_.CreateAdd(i, c64(lanes_)), iv);
    b_.CreateBr(head);
    b_.SetInsertPoint(tail);
    counted_loop(end, scalar, nullptr, b_.CreateLoad(i64_, iv));
    for (size_t k = 0; k < ms.size(); k++) as_member(ms[k], [&] { vfold_end(vf[k], ms[k].acc, ms[k].seen, ms[k].e->loc); });
  }

  /// A MultiMap: one loop over the base writes every member's list (the
  /// element loop of materialise_parallel, with one store per member).
  CgValue emit_multimap(const ExprRef& e) {
    // --target=opencl: each map is its own store kernel, as before fusion
    // (a tuple of the members is exactly that).
    if (opts_.opencl) return emit(tuple(e->loc, e->args));
    std::vector<std::vector<const Expr*>> stages;
    std::vector<Type> elems;
    ExprRef base;
    for (auto& a : e->args) {
      stages.emplace_back();
      ExprRef cur = a;
      while (cur->kind == ExprKind::Map) {
        stages.back().push_back(cur.get());
        cur = cur->args[0];
      }
      std::reverse(stages.back().begin(), stages.back().end());
      base = cur;
      elems.push_back(a->type->elem);
    }
    size_t k = elems.size();
    std::vector<llvm::Value*> outs(k);
    // every member's columns, one after another in the flat list the chunks get
    std::vector<size_t> col0(k), ncols(k);
    for (size_t m = 0, at = 0; m < k; m++) {
      col0[m] = at;
      ncols[m] = elems[m]->kind == TypeKind::Tuple ? leaves(elems[m]).size() : 1;
      at += ncols[m];
    }
    auto run = [&](Src& cs, llvm::Value* b, llvm::Value* end, const std::vector<llvm::Value*>& cols) {
      std::vector<llvm::Value*> data(k);
      for (size_t m = 0; m < k; m++) data[m] = cols[col0[m]];
      auto scalar = [&](llvm::Value* j) {
        llvm::Value* x = cs.elem(j);
        for (size_t m = 0; m < k; m++) {
          llvm::Value* y = x;
          for (auto* st : stages[m]) y = apply_lambda(st->lambdas[0], {y});
          store_elem(std::vector<llvm::Value*>(cols.begin() + long(col0[m]), cols.begin() + long(col0[m] + ncols[m])),
                     elems[m], j, y);
        }
      };
      bool vec = cs.velem != nullptr;
      bool narrow = cs.narrow;
      for (size_t m = 0; m < k; m++) {
        vec = vec && vec_stages_ok(stages[m]) && vec_type_ok(elems[m]) && elems[m] != bool_type();
        narrow = narrow && narrow_stages(stages[m]) && narrow_type(elems[m]);
      }
      if (!vec) {
        counted_loop(end, scalar, nullptr, b);
        return;
      }
      LaneWidth width(*this, narrow);
      llvm::AllocaInst* iv = entry_alloca(i64_, "vi");
      b_.CreateStore(b, iv);
      BasicBlock* head = block("mmap.head");
      BasicBlock* body = block("mmap.body");
      BasicBlock* tail = block("mmap.tail");
      b_.CreateBr(head);
      b_.SetInsertPoint(head);
      llvm::Value* i = b_.CreateLoad(i64_, iv, "vi");
      b_.CreateCondBr(b_.CreateICmpSLE(b_.CreateAdd(i, c64(lanes_)), end), body, tail);
      b_.SetInsertPoint(body);
      vbad_ = no_lanes();
      venv_.clear();
      llvm::Value* xv0 = cs.velem(i);
      std::vector<llvm::Value*> ys;
      for (size_t m = 0; m < k; m++) {
        llvm::Value* xv = xv0;
        for (auto* st : stages[m]) xv = vapply(st->lambdas[0], {xv}, all_lanes());
        ys.push_back(xv);
      }
      llvm::Value* bad = b_.CreateOrReduce(vbad_);
      vbad_ = nullptr;
      BasicBlock* slow = block("mmap.scalar");
      BasicBlock* commit = block("mmap.commit");
      BasicBlock* next = block("mmap.next");
      b_.CreateCondBr(bad, slow, commit, llvm::MDBuilder(ctx_).createBranchWeights(1, 1000));
      b_.SetInsertPoint(commit);
      for (size_t m = 0; m < k; m++)
        elem_store(b_.CreateAlignedStore(ys[m], b_.CreateInBoundsGEP(mem_ty(elems[m]), data[m], i), llvm::Align(1)));
      b_.CreateBr(next);
      b_.SetInsertPoint(slow);
      counted_loop(b_.CreateAdd(i, c64(lanes_)), scalar, nullptr, i);
      b_.CreateBr(next);
      b_.SetInsertPoint(next);
      b_.CreateStore(b_.CreateAdd(i, c64(lanes_)), iv);
      b_.CreateBr(head);
      b_.SetInsertPoint(tail);
      counted_loop(end, scalar, nullptr, b_.CreateLoad(i64_, iv));
    };
    auto prepare = [&](Src& src) {
      std::vector<llvm::Value*> cols;
      for (size_t m = 0; m < k; m++) {
        outs[m] = alloc_for(elems[m], src.count);
        for (llvm::Value* c : columns(outs[m], elems[m])) cols.push_back(c);
      }
      return cols;
    };
    Src s;
    if (parallel_ok()) {
      parallel_loop(e, base, s, prepare, nullptr, 0, nullptr,
                    [&](Src& cs, llvm::Value* b, llvm::Value* end, llvm::Value*, const std::vector<llvm::Value*>& extra) {
                      run(cs, b, end, extra);
                    });
    } else {
      s = open_src(base);
      std::vector<llvm::Value*> data = prepare(s);
      run(s, c64(0), s.count, data);
    }
    close_src(s);
    // The tuple owns its lists (as a Tuple node of fresh lists does).
    llvm::Value* t = llvm::UndefValue::get(ty(e->type));
    std::vector<CgValue> lists;
    for (size_t m = 0; m < k; m++) {
      t = b_.CreateInsertValue(t, outs[m], {unsigned(m)});
      lists.push_back(CgValue{outs[m], b_.getTrue()});
    }
    tuple_lists_[t] = lists;
    return {t};
  }

  CgValue emit_multifold(const ExprRef& e) {
    llvm::Value* tup = llvm::UndefValue::get(ty(e->type));
    if (opts_.opencl) {
      // --target=opencl: each member stays its own kernel (with its CPU
      // fallback), as before fusion; the fused loop has no kernel form yet.
      static const bool cl_remarks = [] {
        const char* v = std::getenv("HX_CL_REMARKS");
        return v && *v && std::string(v) != "0";
      }();
      if (cl_remarks && !in_chunk_)
        std::fprintf(stderr, "%s:%u: remark: %s: %zu fused reductions run as %zu separate kernels (a multifold has no OpenCL kernel form)\n",
                     opts_.source_path.empty() ? "<source>" : opts_.source_path.c_str(), e->loc.line,
                     irfn_ ? irfn_->display.c_str() : "", e->args.size(), e->args.size());
      for (size_t i = 0; i < e->args.size(); i++) tup = b_.CreateInsertValue(tup, emit(e->args[i]).v, {unsigned(i)});
      return {tup};
    }
    std::vector<Member> ms;
    ExprRef base;
    for (auto& a : e->args) {
      Member m;
      m.e = a;
      m.k = a->kind == ExprKind::Length ? FoldKind::Count : a->fold;
      m.t = a->type;
      base = reduction_base(a, &m.stages);
      member_init(m);
      ms.push_back(std::move(m));
    }
    if (parallel_ok()) {
      // Per chunk: {acc, seen} of every member; combined in chunk order.
      std::vector<llvm::Type*> fields;
      for (auto& m : ms) {
        fields.push_back(ty(m.t));
        fields.push_back(i1_);
      }
      auto* partty = llvm::StructType::get(ctx_, fields);
      llvm::AllocaInst* partials = entry_alloca(llvm::ArrayType::get(partty, 256), "partials");
      uint64_t psize = mod_.getDataLayout().getTypeAllocSize(partty);
      Src s;
      llvm::Value* nch = parallel_loop(
          e, base, s, [](Src&) { return std::vector<llvm::Value*>{}; }, partials, psize, nullptr,
          [&](Src& cs, llvm::Value* b, llvm::Value* end, llvm::Value* part, const std::vector<llvm::Value*>&) {
            std::vector<Member> cm = ms;
            for (auto& m : cm) member_init(m);
            multi_range(cm, cs, b, end);
            for (size_t k = 0; k < cm.size(); k++) {
              b_.CreateStore(b_.CreateLoad(ty(cm[k].t), cm[k].acc), b_.CreateStructGEP(partty, part, unsigned(2 * k)));
              b_.CreateStore(b_.CreateLoad(i1_, cm[k].seen), b_.CreateStructGEP(partty, part, unsigned(2 * k + 1)));
            }
          });
      close_src(s);
      counted_loop(nch, [&](llvm::Value* c) {
        llvm::Value* p = b_.CreateInBoundsGEP(partty, partials, c);
        for (size_t k = 0; k < ms.size(); k++) {
          Member& m = ms[k];
          as_member(m, [&] {
            llvm::Value* pseen = b_.CreateLoad(i1_, b_.CreateStructGEP(partty, p, unsigned(2 * k + 1)));
            BasicBlock* use = block("combine");
            BasicBlock* skip = block("combine.next");
            b_.CreateCondBr(pseen, use, skip);
            b_.SetInsertPoint(use);
            fold_step(m.k == FoldKind::Count ? FoldKind::Sum : m.k, m.t, m.acc, m.seen,
                      b_.CreateLoad(ty(m.t), b_.CreateStructGEP(partty, p, unsigned(2 * k))), m.e->loc);
            b_.CreateBr(skip);
            b_.SetInsertPoint(skip);
          });
        }
      });
    } else {
      Src s = open_src(base);
      multi_range(ms, s, c64(0), s.count);
      close_src(s);
    }
    for (auto& m : ms)
      if (m.k == FoldKind::Min || m.k == FoldKind::Max)
        as_member(m, [&] { raise_if(b_.CreateNot(b_.CreateLoad(i1_, m.seen)), HX_ERR_EMPTY, m.e->loc); });
    for (size_t k = 0; k < ms.size(); k++)
      tup = b_.CreateInsertValue(tup, b_.CreateLoad(ty(ms[k].t), ms[k].acc), {unsigned(k)});
    return {tup};
  }

  // ---- parallel loops -------------------------------------------------------------
  //
  // A parallel loop runs chunks of an indexable source in an outlined chunk
  // function (hxrt_parallel_for calls it on OpenMP threads). The source is
  // opened twice with the same traversal: once in the caller, which
  // evaluates every leaf (range bounds, arrays, counts) and records it, and
  // once in the chunk function, which replays the recorded leaves from an
  // environment struct instead of evaluating them again.

  struct LeafLog {
    std::vector<CgValue> vals;
  };
  LeafLog* leaf_log_ = nullptr;             ///< recording: the caller's side
  std::vector<llvm::Value*> leaf_replay_;   ///< replaying: the chunk's side
  size_t leaf_next_ = 0;
  bool replaying_ = false;
  bool in_chunk_ = false;

  CgValue leaf(const ExprRef& e) {
    if (replaying_) {
      llvm::Value* v = leaf_replay_.at(leaf_next_++);
      return {v, e->type->kind == TypeKind::List ? b_.getFalse() : nullptr};
    }
    // Evaluating a leaf may open other sources (an if choosing a filtered
    // list, a scan's lambda): their leaves are theirs, not this loop's.
    LeafLog* log = leaf_log_;
    leaf_log_ = nullptr;
    CgValue v = emit(e);
    leaf_log_ = log;
    if (log) log->vals.push_back(v);
    return v;
  }

  bool parallel_ok() const { return opts_.opt_level > 0 && opts_.parallel && !in_chunk_; }

  /// Runs body(begin, end) in chunks of the indexable `base` on all cores.
  /// `extra` values are passed to the chunk function too (an output array's
  /// data). Returns the chunk count; partials has room for 256 chunks.
  llvm::Value* parallel_loop(const ExprRef& chain, const ExprRef& base, Src& src_out,
                             const std::function<std::vector<llvm::Value*>(Src&)>& prepare, llvm::Value* partials,
                             uint64_t partial_size, const opencl::KernelSpec* kernel,
                             const std::function<void(Src&, llvm::Value*, llvm::Value*, llvm::Value*,
                                                      const std::vector<llvm::Value*>&)>& body) {
    std::set<int> bound;
    std::map<int, VarRef> fv;
    free_vars(chain, bound, fv);
    bool try_chunks = parallel_try_;  // this loop's, not those its leaves or prepare emit
    parallel_try_ = false;
    LeafLog log;
    leaf_log_ = &log;
    src_on_device_ = true;
    src_out = open_src(base);
    src_on_device_ = false;
    leaf_log_ = nullptr;
    log_ = &log;
    std::vector<llvm::Value*> extra = prepare(src_out);
    // --target=opencl: try the device first; on any failure (no device, a
    // raise in the kernel) fall through to the CPU chunks below.
    llvm::Value* gpu_groups = nullptr;
    BasicBlock* gpu_done = nullptr;
    BasicBlock* gpu_from = nullptr;
    if (kernel) {
      llvm::AllocaInst* groups = entry_alloca(i64_, "cl.groups");
      b_.CreateStore(c64(0), groups);
      llvm::Value* out_arr = kernel->store || kernel->compact ? store_target_ : llvm::ConstantPointerNull::get(ptr_);
      llvm::Value* rc = cl_run(*kernel, src_out.count, {}, partials, partial_size, groups, out_arr);
      BasicBlock* ok = block("cl.ok");
      BasicBlock* cpu = block("cl.cpu");
      gpu_done = block("cl.done");
      b_.CreateCondBr(b_.CreateICmpEQ(rc, llvm::ConstantInt::get(i32_, 0)), ok, cpu);
      b_.SetInsertPoint(ok);
      gpu_groups = b_.CreateLoad(i64_, groups);
      gpu_from = b_.GetInsertBlock();
      b_.CreateBr(gpu_done);
      b_.SetInsertPoint(cpu);
    }
    std::vector<llvm::Type*> fields;
    std::vector<llvm::Value*> vals;
    std::vector<int> ids;
    for (auto& [id, v] : fv) {
      if (!env_.count(id)) continue;  // bound inside a leaf we evaluate here
      fields.push_back(ty(v->type));
      vals.push_back(env_.at(id).v);
      ids.push_back(id);
    }
    size_t nfree = vals.size();
    for (auto& v : log.vals) {
      fields.push_back(v.v->getType());
      vals.push_back(v.v);
    }
    for (auto* v : extra) {
      fields.push_back(v->getType());
      vals.push_back(v);
    }
    auto* envty = llvm::StructType::get(ctx_, fields);
    llvm::AllocaInst* envp = entry_alloca(envty, "env");
    for (size_t i = 0; i < vals.size(); i++) b_.CreateStore(vals[i], b_.CreateStructGEP(envty, envp, unsigned(i)));

    // The chunk function: void chunk(ctx, env, begin, end, partial).
    auto* cty = llvm::FunctionType::get(b_.getVoidTy(), {ptr_, ptr_, i64_, i64_, ptr_}, false);
    auto* chunk = llvm::Function::Create(cty, llvm::GlobalValue::InternalLinkage,
                                         fn_->getName() + ".chunk", mod_);
    set_target_attrs(chunk);
    llvm::Function* saved_fn = fn_;
    llvm::Value* saved_ctx = rtctx_;
    auto saved_env = env_;
    auto saved_ip = b_.saveIP();
    fn_ = chunk;
    b_.SetInsertPoint(BasicBlock::Create(ctx_, "entry", chunk));
    auto ai = chunk->arg_begin();
    rtctx_ = &*ai++;
    llvm::Value* cenv = &*ai++;
    llvm::Value* cb = &*ai++;
    llvm::Value* ce = &*ai++;
    llvm::Value* cpart = &*ai++;
    std::vector<llvm::Value*> loaded;
    for (size_t i = 0; i < fields.size(); i++)
      loaded.push_back(b_.CreateLoad(fields[i], b_.CreateStructGEP(envty, cenv, unsigned(i))));
    env_.clear();
    for (size_t i = 0; i < nfree; i++) env_[ids[i]] = CgValue{loaded[i], nullptr};
    leaf_replay_.assign(loaded.begin() + nfree, loaded.begin() + nfree + log.vals.size());
    std::vector<llvm::Value*> cextra(loaded.begin() + nfree + log.vals.size(), loaded.end());
    leaf_next_ = 0;
    replaying_ = true;
    in_chunk_ = true;
    Src cs = open_src(base);
    replaying_ = false;
    body(cs, cb, ce, cpart, cextra);
    b_.CreateRetVoid();
    in_chunk_ = false;
    fn_ = saved_fn;
    rtctx_ = saved_ctx;
    env_ = saved_env;
    b_.restoreIP(saved_ip);

    last_chunk_ = chunk;
    last_env_ = envp;
    llvm::Value* nch = b_.CreateCall(try_chunks ? rt_parallel_try_ : rt_parallel_for_,
                                     {rtctx_, src_out.count, c64(kGrain), chunk, envp,
                                      partials ? partials : llvm::ConstantPointerNull::get(ptr_),
                                      c64(int64_t(partial_size))},
                                     "chunks");
    if (!kernel) return nch;
    BasicBlock* cpu_from = b_.GetInsertBlock();
    b_.CreateBr(gpu_done);
    b_.SetInsertPoint(gpu_done);
    llvm::PHINode* phi = b_.CreatePHI(i64_, 2);
    phi->addIncoming(gpu_groups, gpu_from);
    phi->addIncoming(nch, cpu_from);
    return phi;
  }

  /// Emits kernel's source (validated, and kept for --emit=opencl) and a
  /// call of hxrt_cl_run on it, from inside parallel_loop (its leaves in
  /// log_): the kernel's free variables, the leaves, then extra (typed
  /// values: a scan's carries). Returns the call's result code.
  llvm::Value* cl_run(const opencl::KernelSpec& kernel, llvm::Value* n,
                      const std::vector<std::pair<Type, llvm::Value*>>& extra, llvm::Value* partials,
                      uint64_t partial_size, llvm::Value* groups, llvm::Value* out) {
    std::string src = opencl::emit_kernel(kernel);
    std::string log;
    if (!opencl::validate(src, log)) kernel_errors_ += "kernel " + kernel.name + ":\n" + log + "\n" + src;
    kernels_ += src + "\n";
    std::vector<std::pair<Type, llvm::Value*>> args;
    for (auto& v : kernel.free_vars) args.push_back({v->type, env_.at(v->id).v});
    std::vector<ExprRef> leaves = opencl::leaf_exprs(kernel.base);
    const std::vector<CgValue>& lv = log_vals_for(log_);
    for (size_t i = 0; i < lv.size(); i++) args.push_back({leaves[i]->type, lv[i].v});
    args.insert(args.end(), extra.begin(), extra.end());
    unsigned nargs = unsigned(args.size());
    auto* kinds_ty = llvm::ArrayType::get(i32_, std::max(1u, nargs));
    auto* vals_ty = llvm::ArrayType::get(ptr_, std::max(1u, nargs));
    llvm::AllocaInst* kinds = entry_alloca(kinds_ty, "cl.kinds");
    llvm::AllocaInst* argv = entry_alloca(vals_ty, "cl.args");
    for (unsigned i = 0; i < nargs; i++) {
      Type t = args[i].first;
      b_.CreateStore(llvm::ConstantInt::get(i32_, opencl::runtime_arg_kind(t)), b_.CreateConstInBoundsGEP2_32(kinds_ty, kinds, 0, i));
      llvm::AllocaInst* cell = entry_alloca(mem_ty(t), "cl.arg");
      b_.CreateStore(to_mem(args[i].second, t), cell);
      b_.CreateStore(cell, b_.CreateConstInBoundsGEP2_32(vals_ty, argv, 0, i));
    }
    llvm::Value* null = llvm::ConstantPointerNull::get(ptr_);
    return b_.CreateCall(rt_cl_run_, {rtctx_, cstring(src), cstring(kernel.name), n, llvm::ConstantInt::get(i32_, nargs),
                                      kinds, argv, partials ? partials : null, c64(int64_t(partial_size)),
                                      groups ? groups : null, out ? out : null});
  }

  bool parallel_try_ = false;            ///< parallel_loop calls hxrt_parallel_try (-1: a chunk raised)
  llvm::Value* last_chunk_ = nullptr;    ///< the chunk function and environment of the last parallel_loop
  llvm::Value* last_env_ = nullptr;
  llvm::Value* store_target_ = nullptr;  ///< the output array of a store kernel
  LeafLog* log_ = nullptr;               ///< the leaves recorded by the current parallel_loop
  /// Set while parallel_loop opens its source on the host: the host never
  /// reads those elements (the chunk reopens the source; a kernel reads the
  /// device copy), so array_src takes their address without reading a
  /// result still on the device back. emit() clears it for what leaves compute.
  bool src_on_device_ = false;
  static const std::vector<CgValue>& log_vals_for(LeafLog* l) { return l->vals; }

  /// The kernel for a parallel site, or null when not targeting OpenCL or
  /// the site has something kernels don't support (then it stays on CPU).
  std::unique_ptr<opencl::KernelSpec> kernel_for(const ExprRef& base0, const std::vector<const Expr*>& stages0,
                                                 bool store, FoldKind k, Type t, Loc loc, bool compact = false) {
    if (!opts_.opencl || in_chunk_) return nullptr;
    ExprRef base = base0;
    std::vector<const Expr*> stages = stages0;
    pass_tuple_parts(base, stages);
    auto spec = std::make_unique<opencl::KernelSpec>();
    spec->name = "hx_k" + std::to_string(kernel_count_);
    spec->store = store;
    spec->compact = compact;
    spec->fold = k;
    spec->acc_type = t;
    spec->base = base;
    spec->stages = stages;
    spec->free_vars = opencl::kernel_free_vars(base, stages);
    spec->leaves = opencl::leaf_exprs(base);
    spec->loc = loc;
    spec->unchecked = opts_.unchecked;
    spec->check_overflow = opts_.check_overflow;
    spec->source_path = opts_.source_path;
    spec->function_display = irfn_ ? irfn_->display : "";
    std::string why;
    if (!opencl::supported(*spec, why)) return nullptr;
    for (auto& v : spec->free_vars)
      if (!env_.count(v->id)) return nullptr;
    kernel_count_++;
    return spec;
  }
  static constexpr int64_t kGrain = 8192;

  /// Kernels take tensors, lists and scalars, not tuples: a tuple variable
  /// bound outside the kernel (a map of tensors: a training step's
  /// parameters, `p.b1`) is passed as the parts its lambdas use. Each
  /// `elem(v, i)` of such a variable becomes a variable of its own (parts of
  /// parts too), bound here on the host to the extracted part; the kernel's
  /// copy of the IR (base, stages) is rewritten to use them, while the CPU
  /// chunk keeps the original. Whole-tuple uses stay, and supported() then
  /// refuses the kernel as before.
  void pass_tuple_parts(ExprRef& base, std::vector<const Expr*>& stages) {
    std::map<int, VarRef> tuples;  // non-tensor tuple variables bound outside the kernel
    for (auto& v : opencl::kernel_free_vars(base, stages))
      if (v->type->kind == TypeKind::Tuple && !v->type->tensor && env_.count(v->id)) tuples[v->id] = v;
    if (tuples.empty()) return;
    std::map<std::pair<int, int64_t>, VarRef> parts;
    bool changed = false;
    auto part_of = [&](const ExprRef& n) -> ExprRef {
      if (n->kind != ExprKind::TupleGet || n->args[0]->kind != ExprKind::VarUse) return n;
      const VarRef& v = n->args[0]->var;
      auto it = tuples.find(v->id);
      if (it == tuples.end()) return n;
      VarRef& pv = parts[{v->id, n->int_value}];
      if (!pv) {
        pv = std::make_shared<Var>(Var{v->name + "_" + std::to_string(n->int_value), n->type, next_part_id_++});
        env_[pv->id] = CgValue{b_.CreateExtractValue(env_.at(v->id).v, {unsigned(n->int_value)}, pv->name), nullptr};
        if (pv->type->kind == TypeKind::Tuple && !pv->type->tensor) tuples[pv->id] = pv;  // a part of a part
      }
      changed = true;
      return var_use(n->loc, pv);
    };
    ExprRef nb = ir::rewrite(base, part_of);
    std::vector<const Expr*> ns;
    for (const Expr* st : stages) {
      ExprRef body = ir::rewrite(st->lambdas[0]->body, part_of);
      if (body == st->lambdas[0]->body) {
        ns.push_back(st);
        continue;
      }
      auto copy = std::make_shared<Expr>(*st);
      copy->lambdas = {std::make_shared<Lambda>(Lambda{st->lambdas[0]->params, body})};
      kernel_ir_.push_back(copy);
      ns.push_back(copy.get());
    }
    if (!changed) return;
    kernel_ir_.push_back(nb);
    base = nb;
    stages = ns;
  }
  std::vector<ExprRef> kernel_ir_;  ///< rewritten kernel IR (pass_tuple_parts), kept alive for the specs
  int next_part_id_ = 1 << 30;      ///< ids of the part variables: above any of the program's

  /// out[i] = src[i] for an indexable source, on all cores.
  /// A row gather: Nx.take of whole rows of a row-major matrix, as Sema
  /// writes it,
  ///   map(0..n-1, fn j -> at(S, let i = V in if P then i * C + rem(j, C) else raise))
  /// where j appears in V only as div(j, C) and not at all in S or P. The
  /// C elements of one output row are then C consecutive elements of S, so
  /// a chunk copies each row segment with one memcpy, evaluating V, P (and the
  /// raise) once per row at the segment's first element: the same elements,
  /// and the same error as the element loop meets first (V and P do not vary
  /// within a row). The digits MLP's batch gather (32 x 64 f32 per step).
  struct RowGather {
    const Lambda* lam;
    ExprRef src;    ///< S: a variable or an element of a tuple variable
    ExprRef index;  ///< the Let: element j's index into S (or the raise)
    int64_t width;  ///< C
  };

  static bool mentions(const ExprRef& e, int id) {
    if (e->kind == ExprKind::VarUse && e->var->id == id) return true;
    for (auto& a : e->args)
      if (mentions(a, id)) return true;
    for (auto& l : e->lambdas)
      if (mentions(l->body, id)) return true;
    return false;
  }
  /// j appears in e only as div(j, C).
  static bool only_div(const ExprRef& e, int id, int64_t c) {
    if (e->kind == ExprKind::Binary && e->binop == BinOp::IDiv && e->args[0]->kind == ExprKind::VarUse &&
        e->args[0]->var->id == id && e->args[1]->kind == ExprKind::IntConst && e->args[1]->int_value == c)
      return true;
    if (e->kind == ExprKind::VarUse) return e->var->id != id;
    for (auto& a : e->args)
      if (!only_div(a, id, c)) return false;
    for (auto& l : e->lambdas)
      if (mentions(l->body, id)) return false;
    return true;
  }
  static bool is_var_or_elem(const ExprRef& e) {
    return e->kind == ExprKind::VarUse || (e->kind == ExprKind::TupleGet && e->args[0]->kind == ExprKind::VarUse);
  }
  static std::optional<RowGather> row_gather(const ExprRef& e) {
    if (e->kind != ExprKind::Map || e->lambdas.size() != 1 || e->lambdas[0]->params.size() != 1) return {};
    const ExprRef& r = e->args[0];
    // 0..m ascending: a literal 0 start and a literal end >= 0 (or the //1 step)
    if (r->kind != ExprKind::Range || r->args[0]->kind != ExprKind::IntConst || r->args[0]->int_value != 0 ||
        !(r->int_value == 1 || (r->args[1]->kind == ExprKind::IntConst && r->args[1]->int_value >= 0)))
      return {};
    Type elem = e->type->elem;
    if (!(is_floating(elem) || is_integer(elem))) return {};
    const Lambda* lam = e->lambdas[0].get();
    int j = lam->params[0]->id;
    const ExprRef& at = lam->body;
    if (at->kind != ExprKind::Index || !is_var_or_elem(at->args[0]) || mentions(at->args[0], j)) return {};
    const ExprRef& let = at->args[1];
    if (let->kind != ExprKind::Let) return {};
    const ExprRef& ife = let->args[1];
    if (ife->kind != ExprKind::If) return {};
    const ExprRef& off = ife->args[1];  // add(mul(i, C), rem(j, C))
    if (off->kind != ExprKind::Binary || off->binop != BinOp::Add) return {};
    const ExprRef& mul = off->args[0];
    const ExprRef& rem = off->args[1];
    if (mul->kind != ExprKind::Binary || mul->binop != BinOp::Mul || mul->args[0]->kind != ExprKind::VarUse ||
        mul->args[0]->var->id != let->var->id || mul->args[1]->kind != ExprKind::IntConst)
      return {};
    int64_t c = mul->args[1]->int_value;
    if (c <= 0 || rem->kind != ExprKind::Binary || rem->binop != BinOp::Rem ||
        rem->args[0]->kind != ExprKind::VarUse || rem->args[0]->var->id != j ||
        rem->args[1]->kind != ExprKind::IntConst || rem->args[1]->int_value != c)
      return {};
    const ExprRef& els = ife->args[2];
    if (els->kind != ExprKind::Raise && els->kind != ExprKind::RaiseValue) return {};
    if (!only_div(let->args[0], j, c) || mentions(ife->args[0], j) || mentions(els, j)) return {};
    return RowGather{lam, at->args[0], let, c};
  }

  /// Elements [b, end) of a row gather into data: one memcpy per row segment.
  void emit_row_gather(const RowGather& g, Type elem, llvm::Value* b, llvm::Value* end, llvm::Value* data) {
    llvm::Type* et = mem_ty(elem);
    uint64_t esz = mod_.getDataLayout().getTypeAllocSize(et);
    llvm::Value* c = c64(g.width);
    llvm::Value* rfirst = b_.CreateSDiv(b, c);
    llvm::Value* rend = b_.CreateSDiv(b_.CreateAdd(end, c64(g.width - 1)), c);
    counted_loop(rend, [&](llvm::Value* r) {
      llvm::Value* rs = b_.CreateMul(r, c);
      llvm::Value* j0 = b_.CreateSelect(b_.CreateICmpSGT(b, rs), b, rs);
      llvm::Value* re = b_.CreateAdd(rs, c);
      llvm::Value* j1 = b_.CreateSelect(b_.CreateICmpSLT(end, re), end, re);
      env_[g.lam->params[0]->id] = CgValue{j0, nullptr};
      llvm::Value* off = emit(g.index).v;  // element j0's index into S, or the raise
      llvm::Value* src = arr_data(emit(g.src).v);
      b_.CreateMemCpy(b_.CreateInBoundsGEP(et, data, j0), llvm::MaybeAlign(esz), b_.CreateInBoundsGEP(et, src, off),
                      llvm::MaybeAlign(esz), b_.CreateMul(b_.CreateSub(j1, j0), c64(int64_t(esz))));
    }, nullptr, rfirst);
  }

  CgValue materialise_parallel(const ExprRef& e) {
    Type elem = e->type->elem;
    Src s;
    llvm::Value* out = nullptr;
    std::optional<RowGather> gather;
    if (elem->kind != TypeKind::Tuple) gather = row_gather(e);
    parallel_loop(
        e, e, s,
        [&](Src& src) -> std::vector<llvm::Value*> {
          out = alloc_for(elem, src.count);
          store_target_ = out;
          return columns(out, elem);
        },
        nullptr, 0, kernel_for(e, {}, true, FoldKind::Sum, elem, e->loc).get(),
        [&](Src& cs, llvm::Value* b, llvm::Value* end, llvm::Value*, const std::vector<llvm::Value*>& extra) {
          llvm::Value* data = extra[0];
          const std::vector<llvm::Value*>& cols = extra;
          if (gather) {
            emit_row_gather(*gather, elem, b, end, data);
          } else if (cs.velem && vec_type_ok(elem) && elem != bool_type()) {
            LaneWidth width(*this, cs.narrow && narrow_type(elem));
            vector_run(cs, {}, b, end, [&](llvm::Value* xv, llvm::Value*, llvm::Value* i) {
              elem_store(b_.CreateAlignedStore(xv, b_.CreateInBoundsGEP(mem_ty(elem), data, i), llvm::Align(1)));
            }, [&](llvm::Value* x, llvm::Value* j) { store_elem(cols, elem, j, x); });
          } else {
            counted_loop(end, [&](llvm::Value* i) { store_elem(cols, elem, i, cs.elem(i)); }, nullptr, b);
          }
        });
    close_src(s);
    return {out, b_.getTrue()};
  }

  /// A filter chain (map/filter stages over an indexable base) materialised
  /// on all cores, or as an OpenCL compaction kernel. The output gets the
  /// base's count as capacity; chunk (or work-group) c owns the block
  /// [c*per, min(n, (c+1)*per)) of the base, per = ceil(n / chunks) (the
  /// chunking of hxrt_parallel_for and of the kernels alike), and writes its
  /// survivors compacted from the start of its own block, returning their
  /// count as its partial. compact_runs then moves the runs together.
  /// Errors: elements run in order within a chunk, and hxrt_parallel_for
  /// raises the lowest failing chunk's error, so the first raise in element
  /// order wins, as in the sequential loop.
  CgValue materialise_compact(const ExprRef& e, const ExprRef& base, const std::vector<const Expr*>& stages) {
    Type elem = e->type->elem;
    auto kernel = kernel_for(base, stages, false, FoldKind::Sum, elem, e->loc, true);
    if (!kernel) return materialise_counted(e, base, stages);
    auto* arrty = llvm::ArrayType::get(i64_, kernel ? HXRT_CL_MAX_GROUPS : 256);
    llvm::AllocaInst* counts = entry_alloca(arrty, "kept");
    Src s;
    llvm::Value* out = nullptr;
    std::vector<llvm::Value*> cols;
    llvm::Value* nch = parallel_loop(
        e, base, s,
        [&](Src& src) -> std::vector<llvm::Value*> {
          out = alloc_for(elem, src.count);  // the base's count bounds the result
          store_target_ = out;
          cols = columns(out, elem);
          return cols;
        },
        counts, 8, kernel.get(),
        [&](Src& cs, llvm::Value* b, llvm::Value* end, llvm::Value* part, const std::vector<llvm::Value*>& ccols) {
          llvm::AllocaInst* k = entry_alloca(i64_, "k");
          b_.CreateStore(b, k);
          counted_loop(end, [&](llvm::Value* i) {
            push(stages, 0, cs.elem(i), [&](llvm::Value* x) {
              llvm::Value* kv = b_.CreateLoad(i64_, k);
              store_elem(ccols, elem, kv, x);
              b_.CreateStore(b_.CreateAdd(kv, c64(1)), k);
            });
          }, nullptr, b);
          b_.CreateStore(b_.CreateSub(b_.CreateLoad(i64_, k), b), part);
        });
    compact_runs(out, elem, cols, s.count, nch, counts);
    close_src(s);
    return {out, b_.getTrue()};
  }

  /// A filter chain materialised on the CPU in two parallel passes over the
  /// same chunks: the first counts each chunk's survivors (a Count fold of
  /// the whole chain, explicit SIMD where fold_range can), the host turns
  /// the counts into each chunk's first slot (an exclusive prefix sum) and
  /// allocates exactly the result, and the second writes every chunk's
  /// survivors straight to their slots. Twice the chain's arithmetic, but no
  /// run is moved afterwards and no page beyond the result is touched: on
  /// 2^24 elements the one-pass compaction (each chunk compacting into its
  /// own block, then compact_runs) spent as much time in its memmoves and
  /// page faults as in the chain. Errors: the first pass runs every stage
  /// (a map's raise included), chunk by chunk in element order, so it raises
  /// what a sequential run raises first; the second pass then cannot raise.
  CgValue materialise_counted(const ExprRef& e, const ExprRef& base, const std::vector<const Expr*>& stages) {
    Type elem = e->type->elem;
    auto* arrty = llvm::ArrayType::get(i64_, 256);
    llvm::AllocaInst* slots = entry_alloca(arrty, "slots");
    Src s;
    llvm::Value* nch = parallel_loop(
        e, base, s, [](Src&) { return std::vector<llvm::Value*>{}; }, slots, 8, nullptr,
        [&](Src& cs, llvm::Value* b, llvm::Value* end, llvm::Value* part, const std::vector<llvm::Value*>&) {
          llvm::AllocaInst* cnt = entry_alloca(i64_, "cnt");
          llvm::AllocaInst* seen = entry_alloca(i1_, "seen");
          b_.CreateStore(c64(0), cnt);
          b_.CreateStore(b_.getFalse(), seen);
          fold_range(FoldKind::Count, int_type(), cs, stages, b, end, cnt, seen, e->loc);
          b_.CreateStore(b_.CreateLoad(i64_, cnt), part);
        });
    close_src(s);
    // Counts -> first slots, in place.
    llvm::AllocaInst* total = entry_alloca(i64_, "total");
    b_.CreateStore(c64(0), total);
    counted_loop(nch, [&](llvm::Value* c) {
      llvm::Value* p = b_.CreateInBoundsGEP(i64_, slots, c);
      llvm::Value* t = b_.CreateLoad(i64_, total);
      b_.CreateStore(b_.CreateAdd(t, b_.CreateLoad(i64_, p)), total);
      b_.CreateStore(t, p);
    });
    llvm::Value* out = alloc_for(elem, b_.CreateLoad(i64_, total));
    parallel_loop(
        e, base, s, [&](Src&) { return columns(out, elem); }, slots, 8, nullptr,
        [&](Src& cs, llvm::Value* b, llvm::Value* end, llvm::Value* part, const std::vector<llvm::Value*>& ccols) {
          llvm::AllocaInst* k = entry_alloca(i64_, "k");
          b_.CreateStore(b_.CreateLoad(i64_, part), k);
          counted_loop(end, [&](llvm::Value* i) {
            push(stages, 0, cs.elem(i), [&](llvm::Value* x) {
              llvm::Value* kv = b_.CreateLoad(i64_, k);
              store_elem(ccols, elem, kv, x);
              b_.CreateStore(b_.CreateAdd(kv, c64(1)), k);
            });
          }, nullptr, b);
        });
    close_src(s);
    return {out, b_.getTrue()};
  }

  /// The host's half of a compaction: chunk c's kept[c] survivors sit at
  /// the start of its block [c*per, ...), per = ceil(n / chunks); moves each
  /// run down to the running total of the counts before it (in chunk order:
  /// a run may land on the one before's old place), every column of a list
  /// of tuples alike, and sets the array's length to the total. The one
  /// place that turns per-chunk runs into the result, for the CPU chunks and
  /// the OpenCL kernel's work-groups alike.
  void compact_runs(llvm::Value* out, Type elem, const std::vector<llvm::Value*>& cols, llvm::Value* n,
                    llvm::Value* chunks, llvm::Value* kept) {
    llvm::Value* nonempty = b_.CreateICmpSGT(chunks, c64(0));
    llvm::Value* safe = b_.CreateSelect(nonempty, chunks, c64(1));
    llvm::Value* per = b_.CreateSDiv(b_.CreateAdd(n, b_.CreateSub(safe, c64(1))), safe, "per");
    std::vector<Leaf> ls = leaves(elem);
    llvm::AllocaInst* total = entry_alloca(i64_, "total");
    b_.CreateStore(c64(0), total);
    counted_loop(chunks, [&](llvm::Value* c) {
      llvm::Value* cnt = b_.CreateLoad(i64_, b_.CreateInBoundsGEP(i64_, kept, c));
      llvm::Value* from = b_.CreateMul(c, per);
      llvm::Value* to = b_.CreateLoad(i64_, total);
      BasicBlock* mv = block("compact.move");
      BasicBlock* next = block("compact.next");
      b_.CreateCondBr(b_.CreateAnd(b_.CreateICmpNE(from, to), b_.CreateICmpSGT(cnt, c64(0))), mv, next);
      b_.SetInsertPoint(mv);
      for (size_t j = 0; j < ls.size(); j++) {
        llvm::Type* mt = mem_ty(ls[j].type);
        uint64_t size = mod_.getDataLayout().getTypeAllocSize(mt);
        b_.CreateMemMove(b_.CreateInBoundsGEP(mt, cols[j], to), llvm::MaybeAlign(size),
                         b_.CreateInBoundsGEP(mt, cols[j], from), llvm::MaybeAlign(size),
                         b_.CreateMul(cnt, c64(int64_t(size))));
      }
      b_.CreateBr(next);
      b_.SetInsertPoint(next);
      b_.CreateStore(b_.CreateAdd(to, cnt), total);
    });
    set_len(out, b_.CreateLoad(i64_, total));
  }

  /// The accumulator step of a built-in fold.
  void fold_step(FoldKind k, Type t, llvm::AllocaInst* acc, llvm::AllocaInst* seen, llvm::Value* x, Loc loc) {
    llvm::Type* lt = ty(t);
    bool fl = is_floating(t);
    llvm::Value* cur = b_.CreateLoad(lt, acc);
    llvm::Value* next = nullptr;
    switch (k) {
      case FoldKind::Sum:
        next = fl ? checked_float(b_.CreateFAdd(cur, x), loc)
             : opts_.check_overflow ? checked_int(llvm::Intrinsic::sadd_with_overflow, cur, x, loc)
                                    : b_.CreateAdd(cur, x);
        break;
      case FoldKind::Product:
        next = fl ? checked_float(b_.CreateFMul(cur, x), loc)
             : opts_.check_overflow ? checked_int(llvm::Intrinsic::smul_with_overflow, cur, x, loc)
                                    : b_.CreateMul(cur, x);
        break;
      case FoldKind::Count: next = b_.CreateAdd(cur, llvm::ConstantInt::get(lt, 1)); break;
      case FoldKind::Min: case FoldKind::Max: {
        bool mn = k == FoldKind::Min;
        // Enum.min keeps the first of equal elements: replace only when strictly better.
        llvm::Value* better = fl ? (mn ? b_.CreateFCmpOLT(x, cur) : b_.CreateFCmpOGT(x, cur))
                                 : (mn ? b_.CreateICmpSLT(x, cur) : b_.CreateICmpSGT(x, cur));
        if (fl && ieee_) better = b_.CreateOr(better, b_.CreateFCmpUNO(x, x));  // a NaN sticks (Nx)
        llvm::Value* sn = b_.CreateLoad(i1_, seen);
        next = b_.CreateSelect(b_.CreateOr(b_.CreateNot(sn), better), x, cur);
        break;
      }
    }
    b_.CreateStore(next, acc);
    b_.CreateStore(b_.getTrue(), seen);
  }

  llvm::Value* fold_init(FoldKind k, Type t) {
    llvm::Type* lt = ty(t);
    bool fl = is_floating(t);
    switch (k) {
      case FoldKind::Sum: case FoldKind::Count:
        return fl ? llvm::ConstantFP::get(lt, 0.0) : llvm::ConstantInt::get(lt, 0);
      case FoldKind::Product:
        return fl ? llvm::ConstantFP::get(lt, 1.0) : llvm::ConstantInt::get(lt, 1);
      default:
        return llvm::UndefValue::get(lt);
    }
  }

  /// A built-in fold on all cores: per-chunk partials {acc, seen}, combined
  /// in chunk order (so the result does not depend on the thread count).
  void fold_parallel(FoldKind k, Type t, const ExprRef& chain, llvm::AllocaInst* acc, llvm::AllocaInst* seen,
                     Loc loc) {
    std::vector<const Expr*> stages;
    ExprRef base = decompose(chain, stages);
    auto* partty = llvm::StructType::get(ctx_, {ty(t), i1_});
    auto* arrty = llvm::ArrayType::get(partty, 256);
    llvm::AllocaInst* partials = entry_alloca(arrty, "partials");
    uint64_t psize = mod_.getDataLayout().getTypeAllocSize(partty);
    Src s;
    auto kernel = kernel_for(base, stages, false, k, t, loc);
    auto* cl_arrty = llvm::ArrayType::get(partty, HXRT_CL_MAX_GROUPS);
    if (kernel) partials = entry_alloca(cl_arrty, "partials");
    llvm::Value* nch = parallel_loop(
        chain, base, s, [](Src&) { return std::vector<llvm::Value*>{}; }, partials, psize, kernel.get(),
        [&](Src& cs, llvm::Value* b, llvm::Value* end, llvm::Value* part, const std::vector<llvm::Value*>&) {
          llvm::AllocaInst* pacc = entry_alloca(ty(t), "pacc");
          llvm::AllocaInst* pseen = entry_alloca(i1_, "pseen");
          b_.CreateStore(fold_init(k, t), pacc);
          b_.CreateStore(b_.getFalse(), pseen);
          fold_range(k, t, cs, stages, b, end, pacc, pseen, loc);
          b_.CreateStore(b_.CreateLoad(ty(t), pacc), b_.CreateStructGEP(partty, part, 0));
          b_.CreateStore(b_.CreateLoad(i1_, pseen), b_.CreateStructGEP(partty, part, 1));
        });
    close_src(s);
    // Combine: Count adds counts; the others fold the chunks' results.
    FoldKind combine = k == FoldKind::Count ? FoldKind::Sum : k;
    counted_loop(nch, [&](llvm::Value* c) {
      llvm::Value* p = b_.CreateInBoundsGEP(partty, partials, c);
      llvm::Value* pseen = b_.CreateLoad(i1_, b_.CreateStructGEP(partty, p, 1));
      BasicBlock* use = block("combine");
      BasicBlock* skip = block("combine.next");
      b_.CreateCondBr(pseen, use, skip);
      b_.SetInsertPoint(use);
      fold_step(combine, t, acc, seen, b_.CreateLoad(ty(t), b_.CreateStructGEP(partty, p, 0)), loc);
      b_.CreateBr(skip);
      b_.SetInsertPoint(skip);
    });
  }

  static bool has_lambdas(const ExprRef& e) {
    if (!e->lambdas.empty()) return true;
    if (!is_array_op(e->kind)) return false;
    for (auto& a : e->args)
      if (has_lambdas(a)) return true;
    return false;
  }

  /// Elixir computes a list completely before take/drop/reverse/zip look at
  /// it, so every element's function runs (and may raise): a source with
  /// lambdas that may raise is materialised first instead of indexed lazily.
  /// Lambdas that cannot raise (Nx's IEEE tensor arithmetic) are fused, on
  /// the CPU target: with --target=opencl the kernel's sources
  /// (OpenCLEmit.cpp, collect_leaves) still materialise them, and both sides
  /// must open the same leaves.
  Src open_eager(const ExprRef& e) {
    bool lazy = !opts_.opencl && cannot_raise(e);
    if ((has_lambdas(e) && !lazy) || !indexable(e)) return array_src(leaf(e), e->type->elem);
    return open_src(e);
  }

  void close_src(const Src& s) {
    for (auto& v : s.owned) release_if(v);
  }

  llvm::Value* apply_lambda(const LambdaRef& l, const std::vector<llvm::Value*>& args) {
    for (size_t i = 0; i < args.size(); i++) env_[l->params[i]->id] = CgValue{args[i], nullptr};
    return emit(l->body).v;
  }

  /// Splits e into map/filter stages (innermost first) over an indexable base.
  /// e as map/filter stages over an Enum.scan (the scan, stages in order),
  /// or null when e's chain does not end in a scan.
  static ExprRef scan_chain(const ExprRef& e, std::vector<const Expr*>& stages) {
    stages.clear();
    ExprRef cur = e;
    while (cur->kind == ExprKind::Map || cur->kind == ExprKind::Filter) {
      stages.push_back(cur.get());
      cur = cur->args[0];
    }
    std::reverse(stages.begin(), stages.end());
    return cur->kind == ExprKind::Scan ? cur : nullptr;
  }

  static ExprRef decompose(const ExprRef& e, std::vector<const Expr*>& stages) {
    ExprRef cur = e;
    while ((cur->kind == ExprKind::Map || cur->kind == ExprKind::Filter) && !indexable(cur)) {
      stages.push_back(cur.get());
      cur = cur->args[0];
    }
    std::reverse(stages.begin(), stages.end());
    return cur;
  }

  /// Pushes x through stages[k..] into sink.
  void push(const std::vector<const Expr*>& stages, size_t k, llvm::Value* x,
            const std::function<void(llvm::Value*)>& sink) {
    if (k == stages.size()) {
      sink(x);
      return;
    }
    const Expr* s = stages[k];
    if (s->kind == ExprKind::Map) {
      push(stages, k + 1, apply_lambda(s->lambdas[0], {x}), sink);
      return;
    }
    llvm::Value* keep = apply_lambda(s->lambdas[0], {x});
    BasicBlock* yes = block("filter.keep");
    BasicBlock* next = block("filter.next");
    b_.CreateCondBr(keep, yes, next);
    b_.SetInsertPoint(yes);
    push(stages, k + 1, x, sink);
    b_.CreateBr(next);
    b_.SetInsertPoint(next);
  }

  /// Runs sink on every element of the list expression e, in order, in one
  /// loop. With stop, the loop ends early once *stop is true.
  void for_each(const ExprRef& e, const std::function<void(llvm::Value*)>& sink,
                llvm::AllocaInst* stop = nullptr) {
    std::vector<const Expr*> stages;
    ExprRef base = decompose(e, stages);
    Src s = open_src(base);
    counted_loop(s.count, [&](llvm::Value* i) { push(stages, 0, s.elem(i), sink); }, stop);
    close_src(s);
  }

  llvm::Value* alloc_for(Type elem, llvm::Value* n) {
    if (elem->kind == TypeKind::Tuple)
      return b_.CreateCall(rt_alloc_tuples_, {rtctx_, llvm::ConstantInt::get(i32_, leaves(elem).size()),
                                              column_kinds(elem), n}, "arr");
    return alloc_array(elem, n);
  }

  /// Stores x as element i of an array whose columns are cols.
  void store_elem(const std::vector<llvm::Value*>& cols, Type elem, llvm::Value* i, llvm::Value* x) {
    if (elem->kind != TypeKind::Tuple) {
      llvm::Type* et = mem_ty(elem);
      elem_store(b_.CreateStore(to_mem(x, elem), b_.CreateInBoundsGEP(et, cols[0], i)));
      return;
    }
    std::vector<Leaf> ls = leaves(elem);
    for (size_t j = 0; j < ls.size(); j++) {
      llvm::Type* mt = mem_ty(ls[j].type);
      llvm::Value* v = to_mem(b_.CreateExtractValue(x, ls[j].path), ls[j].type);
      elem_store(b_.CreateStore(v, b_.CreateInBoundsGEP(mt, cols[j], i)));
    }
  }

  /// Materialises a list expression into a new array.
  CgValue materialise(const ExprRef& e) {
    Type elem = e->type->elem;
    if (e->kind == ExprKind::ListLit) {
      llvm::Value* a = alloc_for(elem, c64(int64_t(e->args.size())));
      std::vector<llvm::Value*> cols = columns(a, elem);
      for (size_t i = 0; i < e->args.size(); i++) {
        llvm::Value* v = emit(e->args[i]).v;
        store_elem(cols, elem, c64(int64_t(i)), v);
      }
      return {a, b_.getTrue()};
    }
    if (e->kind == ExprKind::Sort) {
      CgValue v = emit(e->args[0]);
      // Sort a copy unless the list is ours to change.
      llvm::Value* mine = v.owned ? v.owned : b_.getFalse();
      BasicBlock* cp = block("sort.copy");
      BasicBlock* go = block("sort");
      BasicBlock* from = b_.GetInsertBlock();
      b_.CreateCondBr(mine, go, cp);
      b_.SetInsertPoint(cp);
      llvm::Value* c = copy_array(v.v, elem);
      BasicBlock* cpend = b_.GetInsertBlock();
      b_.CreateBr(go);
      b_.SetInsertPoint(go);
      llvm::PHINode* arr = b_.CreatePHI(ptr_, 2);
      arr->addIncoming(v.v, from);
      arr->addIncoming(c, cpend);
      llvm::Value* desc = llvm::ConstantInt::get(i32_, e->int_value);
      BasicBlock* done = nullptr;
      if (opts_.opencl && !in_chunk_ && elem->kind != TypeKind::List && elem->kind != TypeKind::Tuple) {
        // --target=opencl: the device's radix sort (hxrt_cl_sort), in place
        // like hxrt_sort; on anything but HXRT_CL_OK (a NaN, a failed build,
        // fewer than HX_CL_MIN_N elements) the CPU's below. The site string
        // carries the --fallback policy and the .hx line, as for the GEMM.
        llvm::FunctionCallee clsort =
            mod_.getOrInsertFunction("hxrt_cl_sort", llvm::FunctionType::get(i32_, {ptr_, ptr_, ptr_, i32_}, false));
        llvm::Value* rc = b_.CreateCall(clsort, {rtctx_, cstring(device_site("sort", e)), arr, desc});
        BasicBlock* cpu = block("sort.cpu");
        done = block("sort.done");
        b_.CreateCondBr(b_.CreateICmpEQ(rc, llvm::ConstantInt::get(i32_, 0)), done, cpu);
        b_.SetInsertPoint(cpu);
      }
      b_.CreateCall(rt_sort_, {rtctx_, arr, desc});
      if (done) {
        b_.CreateBr(done);
        b_.SetInsertPoint(done);
      }
      return {arr, b_.getTrue()};
    }
    if (e->kind == ExprKind::Scan) return materialise_scan(e);
    {
      // maps and filters of a scan: stored as the scan computes them, in one loop
      std::vector<const Expr*> stages;
      ExprRef base = scan_chain(e, stages);
      if (base && !stages.empty() && scan_streams(base, stages, false)) {
        llvm::Value* out = nullptr;
        std::vector<llvm::Value*> cols;
        llvm::AllocaInst* k = entry_alloca(i64_, "k");
        b_.CreateStore(c64(0), k);
        scan_each(base, [&](Src& s) {
          out = alloc_for(elem, s.count);  // the scan's length bounds the result
          cols = columns(out, elem);
        }, [&](llvm::Value* x) {
          push(stages, 0, x, [&](llvm::Value* v) {
            llvm::Value* kv = b_.CreateLoad(i64_, k);
            store_elem(cols, elem, kv, v);
            b_.CreateStore(b_.CreateAdd(kv, c64(1)), k);
          });
        });
        set_len(out, b_.CreateLoad(i64_, k));
        return {out, b_.getTrue()};
      }
    }
    if (indexable(e) && parallel_ok()) return materialise_parallel(e);
    if (indexable(e)) {
      Src s = open_src(e);
      llvm::Value* out = alloc_for(elem, s.count);
      std::vector<llvm::Value*> cols = columns(out, elem);
      counted_loop(s.count, [&](llvm::Value* i) { store_elem(cols, elem, i, s.elem(i)); });
      close_src(s);
      return {out, b_.getTrue()};
    }
    std::vector<const Expr*> stages;
    ExprRef base = decompose(e, stages);
    if (parallel_ok()) return materialise_compact(e, base, stages);
    Src s = open_src(base);
    // The base's count bounds the result; filters shrink it below.
    llvm::Value* out = alloc_for(elem, s.count);
    std::vector<llvm::Value*> cols = columns(out, elem);
    llvm::AllocaInst* k = entry_alloca(i64_, "k");
    b_.CreateStore(c64(0), k);
    counted_loop(s.count, [&](llvm::Value* i) {
      push(stages, 0, s.elem(i), [&](llvm::Value* x) {
        llvm::Value* kv = b_.CreateLoad(i64_, k);
        store_elem(cols, elem, kv, x);
        b_.CreateStore(b_.CreateAdd(kv, c64(1)), k);
      });
    });
    set_len(out, b_.CreateLoad(i64_, k));
    close_src(s);
    return {out, b_.getTrue()};
  }

  /// One step of scan/2 from the accumulator in acc: the first element
  /// itself when nothing is seen yet, else f(x, acc). Sets seen; the caller
  /// stores the result in acc.
  llvm::Value* scan_step(const LambdaRef& f, llvm::AllocaInst* acc, llvm::AllocaInst* seen, llvm::Value* x) {
    BasicBlock* first = block("scan.first");
    BasicBlock* step = block("scan.step");
    BasicBlock* done = block("scan.done");
    b_.CreateCondBr(b_.CreateLoad(i1_, seen), step, first);
    b_.SetInsertPoint(first);
    b_.CreateStore(b_.getTrue(), seen);
    b_.CreateBr(done);
    b_.SetInsertPoint(step);
    llvm::Value* r = apply_lambda(f, {x, b_.CreateLoad(acc->getAllocatedType(), acc)});
    BasicBlock* stepend = b_.GetInsertBlock();
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
    llvm::PHINode* phi = b_.CreatePHI(x->getType(), 2);
    phi->addIncoming(x, first);
    phi->addIncoming(r, stepend);
    return phi;
  }

  /// The operator node of a scan whose lambda is `acc OP x` or `x OP acc`
  /// with OP associative on the scan's numbers: + * min max on integers and
  /// floats, band bor bxor on integers; null for any other scan. Integers
  /// wrap, so every association gives the sequential answer bit for bit;
  /// float + and * reassociate (docs/opencl.md, "Scans"). min/max keep the
  /// first (`max(acc, x)`) or the last (`max(x, acc)`) of equal values, which
  /// is associative too as long as the chunks are combined with the lambda
  /// itself; a NaN would not be, so unchecked and IEEE floats stay sequential.
  static const Expr* scan_operator(const ExprRef& e, bool unchecked) {
    if (e->kind != ExprKind::Scan || e->lambdas.size() != 1) return nullptr;
    const Lambda& f = *e->lambdas[0];
    Type t = e->type->elem;
    if (f.params.size() != 2 || !(is_integer(t) || is_floating(t))) return nullptr;
    if (f.params[0]->type != t || f.params[1]->type != t) return nullptr;
    const ExprRef& op = f.body;
    if (op->kind != ExprKind::Binary || op->type != t) return nullptr;
    switch (op->binop) {
      case BinOp::Add: case BinOp::Mul: case BinOp::Min: case BinOp::Max: break;
      case BinOp::BAnd: case BinOp::BOr: case BinOp::BXor: break;  // integers only in Sema
      default: return nullptr;
    }
    if (is_floating(t) && (unchecked || op->int_value == 1)) return nullptr;
    auto param = [&](const ExprRef& a, size_t k) { return a->kind == ExprKind::VarUse && a->var->id == f.params[k]->id; };
    const ExprRef& a = op->args[0];
    const ExprRef& b = op->args[1];
    if (!((param(a, 0) && param(b, 1)) || (param(a, 1) && param(b, 0)))) return nullptr;
    return op.get();
  }

  /// Does materialise_scan run e on all cores (materialise_scan_parallel)?
  /// An associative operator over an indexable source (maps fuse into the
  /// element; a filter keeps the scan sequential), unless the initial value
  /// and the list can both raise (Elixir evaluates the list first: the
  /// sequential loop materialises it before the initial value).
  bool scan_parallel(const ExprRef& e) {
    if (!parallel_ok() || !scan_operator(e, opts_.unchecked) || !indexable(e->args[0])) return false;
    return e->args.size() < 2 || cannot_raise(e->args[1]) || cannot_raise(e->args[0]);
  }

  /// Enum.scan with an associative operator (scan_operator) on all cores, in
  /// the three phases of a parallel scan over hxrt_parallel_for's chunks
  /// (the same chunks, by n alone, for any thread count):
  ///  1. each chunk folds its elements with the lambda into its partial;
  ///  2. the host scans the partials in chunk order, from the initial value
  ///     (scan/3) or from nothing (scan/2), leaving in each chunk's slot the
  ///     accumulator before that chunk (its carry);
  ///  3. each chunk scans its range again from its carry and stores.
  /// One chunk function runs both 1 and 3 (a phase flag in its environment).
  /// Both go through hxrt_parallel_try: when any chunk raises -- an element's
  /// error, or the operator's (float overflow, --check-overflow) on a chunk
  /// total the sequential order never forms -- the scan runs again
  /// sequentially into the same array, and that run raises what Elixir
  /// raises, where it does (or finishes: the other order did not overflow).
  /// The host's combine in 2 raises directly: with no element error found in
  /// 1, an overflow of the carry is one the sequential scan meets too
  /// (integers exactly; floats up to the reassociation).
  CgValue materialise_scan_parallel(const ExprRef& e) {
    Type elem = e->type->elem;
    llvm::Type* t = ty(elem);
    const LambdaRef& f = e->lambdas[0];
    bool has_init = e->args.size() == 2;
    auto* partty = llvm::StructType::get(ctx_, {t, i1_});
    llvm::AllocaInst* partials = entry_alloca(llvm::ArrayType::get(partty, 256), "scan.partials");
    uint64_t psize = mod_.getDataLayout().getTypeAllocSize(partty);
    llvm::AllocaInst* rescan = entry_alloca(i1_, "scan.rescan");  // false: phase 1, true: phase 3
    b_.CreateStore(b_.getFalse(), rescan);
    llvm::AllocaInst* on_device = entry_alloca(i1_, "scan.on.device");  // the kernels did it all
    b_.CreateStore(b_.getFalse(), on_device);
    llvm::AllocaInst* acc = entry_alloca(t, "acc");  // the host's carry
    llvm::AllocaInst* seen = entry_alloca(i1_, "seen");
    b_.CreateStore(b_.getInt1(has_init), seen);
    // --target=opencl: the totals and store kernels (docs/opencl.md, "Scans")
    std::unique_ptr<opencl::KernelSpec> totals, stores;
    if (opts_.opencl) {
      totals = kernel_for(e->args[0], {}, false, FoldKind::Sum, elem, e->loc);
      if (totals) stores = kernel_for(e->args[0], {}, true, FoldKind::Sum, elem, e->loc);
      if (stores) {
        totals->scan = 1;
        stores->scan = 2;
        totals->scan_fn = stores->scan_fn = f;
      } else {
        totals.reset();
      }
    }
    llvm::Value* out = nullptr;
    Src s;
    parallel_try_ = true;
    llvm::Value* nch = parallel_loop(
        e, e->args[0], s,
        [&](Src& src) -> std::vector<llvm::Value*> {
          if (has_init) b_.CreateStore(emit(e->args[1]).v, acc);  // after the list's leaves, as Elixir
          out = alloc_for(elem, src.count);
          if (totals) scan_on_device(*totals, *stores, src.count, partty, acc, seen, out, on_device);
          return {rescan, on_device, columns(out, elem)[0]};
        },
        partials, psize, nullptr,
        [&](Src& cs, llvm::Value* b, llvm::Value* end, llvm::Value* part, const std::vector<llvm::Value*>& extra) {
          llvm::AllocaInst* pacc = entry_alloca(t, "pacc");
          llvm::AllocaInst* pseen = entry_alloca(i1_, "pseen");
          llvm::Value* accp = b_.CreateStructGEP(partty, part, 0);
          llvm::Value* seenp = b_.CreateStructGEP(partty, part, 1);
          BasicBlock* run = block("scan.chunk");
          BasicBlock* fold = block("scan.fold");
          BasicBlock* store = block("scan.store");
          BasicBlock* done = block("scan.chunk.done");
          b_.CreateCondBr(b_.CreateLoad(i1_, extra[1]), done, run);
          b_.SetInsertPoint(run);
          b_.CreateCondBr(b_.CreateLoad(i1_, extra[0]), store, fold);
          // Both phases: with nothing seen yet (phase 1; phase 3 of scan/2's
          // first chunk) the chunk's first element is the accumulator itself;
          // the loop over the rest is the lambda alone (no per-element branch,
          // so phase 1's reduction can vectorise).
          auto rest = [&](llvm::Value* out) {
            BasicBlock* first = block("scan.first.elem");
            BasicBlock* loop = block("scan.rest");
            BasicBlock* from = b_.GetInsertBlock();
            b_.CreateCondBr(b_.CreateOr(b_.CreateLoad(i1_, pseen), b_.CreateICmpSGE(b, end)), loop, first);
            b_.SetInsertPoint(first);
            llvm::Value* x0 = cs.elem(b);
            b_.CreateStore(x0, pacc);
            b_.CreateStore(b_.getTrue(), pseen);
            if (out) elem_store(b_.CreateStore(to_mem(x0, elem), b_.CreateInBoundsGEP(mem_ty(elem), out, b)));
            llvm::Value* second = b_.CreateAdd(b, c64(1));
            BasicBlock* firstend = b_.GetInsertBlock();
            b_.CreateBr(loop);
            b_.SetInsertPoint(loop);
            llvm::PHINode* start = b_.CreatePHI(i64_, 2);
            start->addIncoming(b, from);
            start->addIncoming(second, firstend);
            counted_loop(end, [&](llvm::Value* i) {
              llvm::Value* next = apply_lambda(f, {cs.elem(i), b_.CreateLoad(t, pacc)});
              b_.CreateStore(next, pacc);
              if (out) elem_store(b_.CreateStore(to_mem(next, elem), b_.CreateInBoundsGEP(mem_ty(elem), out, i)));
            }, nullptr, start);
          };
          b_.SetInsertPoint(fold);  // phase 1: this chunk's total
          b_.CreateStore(b_.getFalse(), pseen);
          rest(nullptr);
          b_.CreateStore(b_.CreateLoad(t, pacc), accp);
          b_.CreateStore(b_.CreateLoad(i1_, pseen), seenp);
          b_.CreateBr(done);
          b_.SetInsertPoint(store);  // phase 3: from the carry
          b_.CreateStore(b_.CreateLoad(t, accp), pacc);
          b_.CreateStore(b_.CreateLoad(i1_, seenp), pseen);
          rest(extra[2]);
          b_.CreateBr(done);
          b_.SetInsertPoint(done);
        });
    llvm::Value* chunk = last_chunk_;
    llvm::Value* env = last_env_;
    BasicBlock* carries = block("scan.carries");
    BasicBlock* seq = block("scan.sequential");
    BasicBlock* cpu = block("scan.cpu");
    BasicBlock* done = block("scan.done");
    b_.CreateCondBr(b_.CreateLoad(i1_, on_device), done, cpu);
    b_.SetInsertPoint(cpu);
    b_.CreateCondBr(b_.CreateICmpSLT(nch, c64(0)), seq, carries);
    b_.SetInsertPoint(carries);  // phase 2: each chunk's slot gets the accumulator before it
    scan_carries(f, partty, partials, nch, acc, seen, [&](llvm::Value*, llvm::Value* p) {
      b_.CreateStore(b_.CreateLoad(t, acc), b_.CreateStructGEP(partty, p, 0));
      b_.CreateStore(b_.CreateLoad(i1_, seen), b_.CreateStructGEP(partty, p, 1));
    });
    b_.CreateStore(b_.getTrue(), rescan);
    llvm::Value* nch3 = b_.CreateCall(rt_parallel_try_, {rtctx_, s.count, c64(kGrain), chunk, env, partials,
                                                        c64(int64_t(psize))}, "chunks");
    b_.CreateCondBr(b_.CreateICmpSLT(nch3, c64(0)), seq, done);
    b_.SetInsertPoint(seq);  // a chunk raised: the sequential scan decides
    llvm::AllocaInst* k = entry_alloca(i64_, "k");
    b_.CreateStore(c64(0), k);
    std::vector<llvm::Value*> cols = columns(out, elem);
    scan_each(e, [](Src&) {}, [&](llvm::Value* next) {
      llvm::Value* kv = b_.CreateLoad(i64_, k);
      store_elem(cols, elem, kv, next);
      b_.CreateStore(b_.CreateAdd(kv, c64(1)), k);
    });
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
    close_src(s);
    return {out, b_.getTrue()};
  }

  /// Phase 2 of a parallel scan, on the host: for each of count partials
  /// {total, seen} in order, put(c, slot) sees acc/seen as the accumulator
  /// before partial c; then the partial's total joins it (f(total, acc)).
  void scan_carries(const LambdaRef& f, llvm::StructType* partty, llvm::Value* partials, llvm::Value* count,
                    llvm::AllocaInst* acc, llvm::AllocaInst* seen,
                    const std::function<void(llvm::Value*, llvm::Value*)>& put) {
    counted_loop(count, [&](llvm::Value* c) {
      llvm::Value* p = b_.CreateInBoundsGEP(partty, partials, c);
      llvm::Value* total = b_.CreateLoad(partty->getElementType(0), b_.CreateStructGEP(partty, p, 0));
      llvm::Value* nonempty = b_.CreateLoad(i1_, b_.CreateStructGEP(partty, p, 1));
      put(c, p);
      BasicBlock* use = block("scan.carry");
      BasicBlock* next = block("scan.carry.next");
      b_.CreateCondBr(nonempty, use, next);
      b_.SetInsertPoint(use);
      b_.CreateStore(scan_step(f, acc, seen, total), acc);
      b_.CreateBr(next);
      b_.SetInsertPoint(next);
    });
  }

  /// --target=opencl, inside the scan's parallel_loop (source open, leaves
  /// recorded; acc/seen hold the initial accumulator): the totals kernel
  /// fills one partial per work-group, the host scans them into a carries
  /// list (and counts the groups before the first element: scan/2 gives
  /// them no carry), and the store kernel writes out. on_device is set when
  /// both succeed; otherwise the CPU phases run (and raise, if the kernel
  /// flagged an error).
  void scan_on_device(const opencl::KernelSpec& totals, const opencl::KernelSpec& stores, llvm::Value* n,
                      llvm::StructType* partty, llvm::AllocaInst* acc, llvm::AllocaInst* seen, llvm::Value* out,
                      llvm::AllocaInst* on_device) {
    Type elem = totals.acc_type;
    llvm::Type* t = ty(elem);
    llvm::AllocaInst* parts = entry_alloca(llvm::ArrayType::get(partty, HXRT_CL_MAX_GROUPS), "scan.cl.partials");
    uint64_t psize = uint64_t(opencl::partial_size(elem));
    llvm::AllocaInst* groups = entry_alloca(i64_, "cl.groups");
    b_.CreateStore(c64(0), groups);
    llvm::Value* rc = cl_run(totals, n, {}, parts, psize, groups, nullptr);
    BasicBlock* host = block("scan.cl.carries");
    BasicBlock* after = block("scan.cl.after");
    b_.CreateCondBr(b_.CreateICmpEQ(rc, llvm::ConstantInt::get(i32_, 0)), host, after);
    b_.SetInsertPoint(host);
    llvm::Value* ng = b_.CreateLoad(i64_, groups);
    llvm::Value* carries = alloc_array(elem, ng);
    llvm::Value* data = arr_data(carries);
    llvm::AllocaInst* cacc = entry_alloca(t, "scan.cl.acc");
    llvm::AllocaInst* cseen = entry_alloca(i1_, "scan.cl.seen");
    llvm::AllocaInst* first = entry_alloca(i64_, "scan.cl.first");  // groups before any element
    b_.CreateStore(b_.CreateLoad(t, acc), cacc);
    b_.CreateStore(b_.CreateLoad(i1_, seen), cseen);
    b_.CreateStore(c64(0), first);
    scan_carries(totals.scan_fn, partty, parts, ng, cacc, cseen, [&](llvm::Value* c, llvm::Value*) {
      elem_store(b_.CreateStore(to_mem(b_.CreateLoad(t, cacc), elem), b_.CreateInBoundsGEP(mem_ty(elem), data, c)));
      llvm::Value* none = b_.CreateZExt(b_.CreateNot(b_.CreateLoad(i1_, cseen)), i64_);
      b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, first), none), first);
    });
    llvm::Value* rc2 = cl_run(stores, n, {{list_type(elem), carries}, {int_type(), b_.CreateLoad(i64_, first)}},
                              nullptr, 0, nullptr, out);
    b_.CreateCall(rt_release_, {rtctx_, carries});
    b_.CreateStore(b_.CreateICmpEQ(rc2, llvm::ConstantInt::get(i32_, 0)), on_device);
    b_.CreateBr(after);
    b_.SetInsertPoint(after);
  }

  /// Enum.scan: the running accumulator after each element.
  CgValue materialise_scan(const ExprRef& e) {
    if (scan_parallel(e)) return materialise_scan_parallel(e);
    Type elem = e->type->elem;
    llvm::Value* out = nullptr;
    std::vector<llvm::Value*> cols;
    llvm::AllocaInst* k = entry_alloca(i64_, "k");
    b_.CreateStore(c64(0), k);
    scan_each(e, [&](Src& s) {
      out = alloc_for(elem, s.count);
      cols = columns(out, elem);
    }, [&](llvm::Value* next) {
      llvm::Value* kv = b_.CreateLoad(i64_, k);
      store_elem(cols, elem, kv, next);
      b_.CreateStore(b_.CreateAdd(kv, c64(1)), k);
    });
    set_len(out, b_.CreateLoad(i64_, k));
    return {out, b_.getTrue()};
  }

  /// Enum.scan's results in order, each handed to sink as it is computed
  /// (materialise_scan stores them; a fold or reduce over maps/filters of a
  /// scan consumes them in the same loop: scan_streams). opened runs once
  /// the scan's source is open (before the initial accumulator, as Elixir
  /// evaluates them).
  void scan_each(const ExprRef& e, const std::function<void(Src&)>& opened,
                 const std::function<void(llvm::Value*)>& sink) {
    Type elem = e->type->elem;
    llvm::Type* t = ty(elem);
    std::vector<const Expr*> stages;
    Src s;
    if (!open_before_init(e, stages, s)) s = open_src(decompose(e->args[0], stages));
    llvm::AllocaInst* acc = entry_alloca(t, "acc");
    llvm::AllocaInst* seen = entry_alloca(i1_, "seen");
    bool has_init = e->args.size() == 2;
    if (has_init) b_.CreateStore(emit(e->args[1]).v, acc);
    b_.CreateStore(b_.getFalse(), seen);
    opened(s);
    const LambdaRef& f = e->lambdas[0];
    counted_loop(s.count, [&](llvm::Value* i) {
      push(stages, 0, s.elem(i), [&](llvm::Value* x) {
        llvm::Value* next = has_init ? apply_lambda(f, {x, b_.CreateLoad(t, acc)}) : scan_step(f, acc, seen, x);
        b_.CreateStore(next, acc);
        sink(next);
      });
    });
    close_src(s);
  }

  /// Can a fold (or reduce) over stages(scan) consume the scan's results as
  /// they come instead of reading a complete list? Elixir completes the scan
  /// before the stages run, so a different error could surface first only
  /// when both sides can raise: stream when either side cannot.
  /// fold_raises: whether the consumer's own step can raise.
  bool scan_streams(const ExprRef& scan, const std::vector<const Expr*>& stages, bool fold_raises) {
    if (scan->kind != ExprKind::Scan || opts_.opencl) return false;
    bool consumer_safe = !fold_raises;
    for (const Expr* st : stages) consumer_safe = consumer_safe && cannot_raise(st->lambdas[0]->body);
    if (consumer_safe) return true;
    bool scan_safe = cannot_raise(scan->args[0]) && cannot_raise(scan->lambdas[0]->body) &&
                     (scan->args.size() < 2 || cannot_raise(scan->args[1]));
    return scan_safe;
  }

  // ---- expressions -------------------------------------------------------------

  /// The function a node came from (after inlining), for error locations.
  const std::string* origin_ = nullptr;

  /// Set while emitting a Binary or Math node with int_value 1: Nx tensor
  /// arithmetic, IEEE (inf and NaN are values, nothing raises).
  bool ieee_ = false;

  CgValue emit(const ExprRef& e) {
    node_tail_ = tail_next_;
    tail_next_ = false;
    const std::string* saved = origin_;
    bool saved_ieee = ieee_;
    bool saved_src = src_on_device_;
    src_on_device_ = false;  // what a leaf computes, it computes on the host
    if (!e->origin.empty()) origin_ = &e->origin;
    if (e->kind == ExprKind::Binary || e->kind == ExprKind::Math || e->kind == ExprKind::Fold)
      ieee_ = e->int_value == 1;
    CgValue v = emit_node(e);
    origin_ = saved;
    ieee_ = saved_ieee;
    src_on_device_ = saved_src;
    return v;
  }

  CgValue emit_node(const ExprRef& e) {
    switch (e->kind) {
      case ExprKind::IntConst: return {llvm::ConstantInt::get(ty(e->type), e->int_value, true)};
      case ExprKind::FloatConst: return {llvm::ConstantFP::get(ty(e->type), e->float_value)};
      case ExprKind::BoolConst: return {llvm::ConstantInt::get(i1_, e->int_value)};
      case ExprKind::VarUse: {
        CgValue v = env_.at(e->var->id);
        return {v.v, e->type->kind == TypeKind::List ? b_.getFalse() : nullptr};
      }
      case ExprKind::Let: return emit_let(e);
      case ExprKind::Unary: return {emit_unary(e)};
      case ExprKind::Binary: return {emit_binary(e)};
      case ExprKind::If: return emit_if(e);
      case ExprKind::Call: return emit_call(e);
      case ExprKind::Raise:
        emit_raise(int(e->int_value), e->text, e->loc);
        return {llvm::PoisonValue::get(ty(e->type)), e->type->kind == TypeKind::List ? b_.getFalse() : nullptr};
      case ExprKind::Tuple: {
        llvm::Value* t = llvm::UndefValue::get(ty(e->type));
        std::vector<CgValue> lists;
        for (size_t i = 0; i < e->args.size(); i++) {
          CgValue m = emit(e->args[i]);
          t = b_.CreateInsertValue(t, m.v, {unsigned(i)});
          // Remember which lists this tuple was built from and whether it
          // got them owned (a tensor's data); a let binding it frees them.
          if (e->args[i]->type->kind == TypeKind::List && m.owned) {
            lists.push_back(m);
          } else if (e->args[i]->type->kind == TypeKind::Tuple && builds_tuple(e->args[i])) {
            auto it = tuple_lists_.find(m.v);
            if (it != tuple_lists_.end()) lists.insert(lists.end(), it->second.begin(), it->second.end());
          }
        }
        if (!lists.empty() && !llvm::isa<llvm::Constant>(t)) tuple_lists_[t] = lists;
        return {t};
      }
      case ExprKind::TupleGet: {
        // A list read out of a tuple is borrowed (the tuple owns it) --
        // unless the tuple was built right here (elem(call(...), 0), a
        // tensor's data): then the part read moves out and the rest is freed.
        CgValue t = emit(e->args[0]);
        llvm::Value* m = b_.CreateExtractValue(t.v, {unsigned(e->int_value)});
        CgValue out{m, e->type->kind == TypeKind::List ? b_.getFalse() : nullptr};
        auto it = builds_tuple(e->args[0]) ? tuple_lists_.find(t.v) : tuple_lists_.end();
        if (it != tuple_lists_.end()) {
          std::vector<CgValue> lists = it->second, kept;
          for (auto& l : lists) {
            llvm::Value* in = e->type->kind == TypeKind::List    ? b_.CreateICmpEQ(m, l.v)
                              : e->type->kind == TypeKind::Tuple ? holds(m, e->type, l.v)
                                                                 : b_.getFalse();
            release_if(CgValue{l.v, b_.CreateAnd(l.owned, b_.CreateNot(in))});
            if (e->type->kind == TypeKind::List) out.owned = b_.CreateOr(out.owned, b_.CreateAnd(l.owned, in));
            else kept.push_back(CgValue{l.v, b_.CreateAnd(l.owned, in)});
          }
          if (!kept.empty() && !llvm::isa<llvm::Constant>(m)) tuple_lists_[m] = kept;
        }
        return out;
      }
      case ExprKind::Range: case ExprKind::ListLit: case ExprKind::Map: case ExprKind::Filter:
      case ExprKind::Zip: case ExprKind::WithIndex: case ExprKind::Reverse: case ExprKind::Take:
      case ExprKind::Drop: case ExprKind::Sort: case ExprKind::Scan:
        return materialise(e);
      case ExprKind::FoldBy: return {emit_fold_by(e)};
      case ExprKind::GuardTry: {
        // Raise sites inside branch to `fail`, which makes the guard false.
        BasicBlock* fail = block("guard.fail");
        BasicBlock* saved = guard_fail_;
        guard_fail_ = fail;
        llvm::Value* v = emit(e->args[0]).v;
        guard_fail_ = saved;
        BasicBlock* ok_end = b_.GetInsertBlock();
        BasicBlock* done = block("guard.done");
        b_.CreateBr(done);
        b_.SetInsertPoint(fail);
        b_.CreateBr(done);
        b_.SetInsertPoint(done);
        llvm::PHINode* phi = b_.CreatePHI(i1_, 2);
        phi->addIncoming(v, ok_end);
        phi->addIncoming(b_.getFalse(), fail);
        return {phi};
      }
      case ExprKind::AllAny: return {emit_all_any(e)};
      case ExprKind::Math: return {emit_math(e)};
      case ExprKind::RaiseValue: {
        CgValue v = emit(e->args[0]);
        llvm::AllocaInst* cell = entry_alloca(mem_ty(e->args[0]->type), "val");
        b_.CreateStore(to_mem(v.v, e->args[0]->type), cell);
        b_.CreateCall(rt_raise_value_, {rtctx_, llvm::ConstantInt::get(i32_, e->int_value), cstring(e->text),
                                        cstring(type_descriptor(e->args[0]->type)), cell, srcloc(e->loc)});
        b_.CreateUnreachable();
        b_.SetInsertPoint(block("after.raise"));
        return {llvm::PoisonValue::get(ty(e->type)), e->type->kind == TypeKind::List ? b_.getFalse() : nullptr};
      }
      case ExprKind::Reduce: return {emit_reduce(e)};
      case ExprKind::Fold: return {emit_fold(e)};
      case ExprKind::Length: return {emit_length(e)};
      case ExprKind::MultiFold: return emit_multifold(e);
      case ExprKind::MultiMap: return emit_multimap(e);
      case ExprKind::MatMul: return emit_matmul(e);
      case ExprKind::Extern: return emit_extern(e);
      case ExprKind::Index: {
        CgValue a = emit(e->args[0]);
        llvm::Value* i = emit(e->args[1]).v;
        llvm::Value* v = load_elem(columns(a.v, e->type), e->type, i, "at");
        release_if(a);
        return {v, e->type->kind == TypeKind::List ? b_.getFalse() : nullptr};
      }
    }
    return {};
  }

  /// min/max of scalars or vectors. Under IEEE tensor semantics a NaN
  /// operand wins, as in Nx (x86 has no NaN-propagating max that LLVM 15
  /// selects: a + b is that NaN).
  llvm::Value* min_max(bool is_min, bool fl, llvm::Value* a, llvm::Value* b) {
    llvm::Value* r = b_.CreateSelect(fl ? (is_min ? b_.CreateFCmpOLE(a, b) : b_.CreateFCmpOGE(a, b))
                                        : (is_min ? b_.CreateICmpSLE(a, b) : b_.CreateICmpSGE(a, b)),
                                     a, b);
    if (fl && ieee_) r = b_.CreateSelect(b_.CreateFCmpUNO(a, b), b_.CreateFAdd(a, b), r);
    return r;
  }

  /// Does the tuple value t (of type tt) hold the array a, at any depth?
  llvm::Value* holds(llvm::Value* t, Type tt, llvm::Value* a) {
    llvm::Value* in = b_.getFalse();
    for (unsigned i = 0; i < tt->members.size(); i++) {
      Type mt = tt->members[i];
      if (mt->kind == TypeKind::List) in = b_.CreateOr(in, b_.CreateICmpEQ(b_.CreateExtractValue(t, {i}), a));
      else if (mt->kind == TypeKind::Tuple) in = b_.CreateOr(in, holds(b_.CreateExtractValue(t, {i}), mt, a));
    }
    return in;
  }

  /// Every list reachable in v of type t (through tuples), with its type.
  void lists_in(llvm::Value* v, Type t, std::vector<std::pair<llvm::Value*, Type>>& out) {
    if (t->kind == TypeKind::List) out.push_back({v, t});
    if (t->kind == TypeKind::Tuple)
      for (unsigned i = 0; i < t->members.size(); i++) lists_in(b_.CreateExtractValue(v, {i}), t->members[i], out);
  }
  /// v (of type t) with every list that is one of `borrowed` replaced by a copy.
  llvm::Value* unborrow(llvm::Value* v, Type t, const std::vector<std::pair<llvm::Value*, Type>>& borrowed) {
    if (t->kind == TypeKind::Tuple) {
      for (unsigned i = 0; i < t->members.size(); i++) {
        Type mt = t->members[i];
        if (mt->kind != TypeKind::List && mt->kind != TypeKind::Tuple) continue;
        v = b_.CreateInsertValue(v, unborrow(b_.CreateExtractValue(v, {i}), mt, borrowed), {i});
      }
      return v;
    }
    if (t->kind != TypeKind::List) return v;
    llvm::Value* is = b_.getFalse();
    bool any = false;
    for (auto& [p, pt] : borrowed)
      if (pt == t) is = b_.CreateOr(is, b_.CreateICmpEQ(v, p)), any = true;
    return any ? copy_when(is, v, t->elem) : v;
  }
  /// The array v, or a copy of it where cond holds (at run time).
  llvm::Value* copy_when(llvm::Value* cond, llvm::Value* v, Type elem) {
    BasicBlock* cp = block("ret.copy");
    BasicBlock* done = block("ret.member");
    BasicBlock* from = b_.GetInsertBlock();
    b_.CreateCondBr(cond, cp, done);
    b_.SetInsertPoint(cp);
    llvm::Value* c = copy_array(v, elem);
    BasicBlock* cpend = b_.GetInsertBlock();
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
    llvm::PHINode* phi = b_.CreatePHI(ptr_, 2);
    phi->addIncoming(v, from);
    phi->addIncoming(c, cpend);
    return phi;
  }
  /// A call's result owns its lists (callees copy borrowed ones out).
  void own_call_result(llvm::Value* r, Type t) {
    std::vector<std::pair<llvm::Value*, Type>> ls;
    lists_in(r, t, ls);
    if (ls.empty() || llvm::isa<llvm::Constant>(r)) return;
    std::vector<CgValue> lists;
    for (auto& [v, _] : ls) lists.push_back(CgValue{v, b_.getTrue()});
    tuple_lists_[r] = lists;
  }
  /// Does e produce a fresh tuple (built here, or a call's result, or a
  /// part of one), whose lists tuple_lists_ records? Every producer of a
  /// tuple (a Tuple node, a call, TupleGet, a let, an if) and every consumer
  /// (a let, TupleGet, a tuple member, a call or tail call argument) asks
  /// this of the same node, so the two sides agree on who frees a tuple's
  /// lists: where it says no, the value is borrowed from a variable whose
  /// let (or the caller) frees them.
  static bool builds_tuple(const ExprRef& e) { return fresh_tuple(e.get(), {}); }

  /// builds_tuple, where `bound` maps the variables bound by the lets around
  /// x (in the same chain) to their values:
  /// - a let chain produces what its result produces;
  /// - a result that is such a variable, or a part of one (`let m = call(..)
  ///   in elem(m, 0)`, `let m = .. in let p = elem(m, 0) in p`), is fresh
  ///   when that variable's value is: the variable's let hands the lists the
  ///   result holds on to the chain's value (emit_let);
  /// - an if is fresh when either branch is (emit_if merges their lists).
  static bool fresh_tuple(const Expr* x, std::map<int, const Expr*> bound) {
    for (;;) {
      if (x->kind == ExprKind::Let) {
        bound[x->var->id] = x->args[0].get();
        x = x->args[1].get();
      } else if (x->kind == ExprKind::TupleGet) {
        x = x->args[0].get();
      } else if (x->kind == ExprKind::VarUse) {
        auto it = bound.find(x->var->id);
        if (it == bound.end()) return false;  // a parameter or a variable bound further out
        x = it->second;
      } else {
        break;
      }
    }
    if (x->kind == ExprKind::If) return fresh_tuple(x->args[1].get(), bound) || fresh_tuple(x->args[2].get(), bound);
    return x->kind == ExprKind::Tuple || x->kind == ExprKind::Call || x->kind == ExprKind::MultiMap;
  }

  /// The expression whose value a let-chain produces: let x = a in b -> b's.
  static const Expr* result_node(const ExprRef& e) {
    const Expr* x = e.get();
    while (x->kind == ExprKind::Let) x = x->args[1].get();
    return x;
  }

  CgValue emit_let(const ExprRef& e) {
    bool tail = node_tail_;
    CgValue v = emit(e->args[0]);
    env_[e->var->id] = v;
    if (e->var->type->kind == TypeKind::Tuple && builds_tuple(e->args[0])) {
      // A tuple built here (a tensor: {data, dims}) owns the lists it was
      // built from; free them when the let ends unless the result holds them.
      auto it = tuple_lists_.find(v.v);
      if (it != tuple_lists_.end()) {
        // The let owns them now: the body reads the tuple through the
        // variable (borrowed), and a result that is the variable itself
        // (`let t = {..} in t`) gets the kept ones below, once.
        std::vector<CgValue> lists = it->second;
        tuple_lists_.erase(it);
        // In tail position a self tail call jumps away: the jump frees or
        // hands on these lists, as it does for let-bound lists.
        if (tail)
          for (auto& m : lists) tail_owned_.push_back(m);
        tail_next_ = tail;
        CgValue r = emit(e->args[1]);
        if (tail) tail_owned_.resize(tail_owned_.size() - lists.size());
        bool fresh = e->type->kind == TypeKind::Tuple && builds_tuple(e);
        for (auto& m : lists) {
          llvm::Value* keep = b_.getFalse();
          if (e->type->kind == TypeKind::Tuple) {
            keep = holds(r.v, e->type, m.v);
            // a tuple result that holds it owns it from here on
            if (fresh && !llvm::isa<llvm::Constant>(r.v) && !llvm::isa<llvm::Constant>(keep))
              tuple_lists_[r.v].push_back(CgValue{m.v, b_.CreateAnd(m.owned, keep)});
          } else if (e->type->kind == TypeKind::List) {
            keep = b_.CreateICmpEQ(r.v, m.v);
            r.owned = b_.CreateOr(r.owned ? r.owned : b_.getFalse(), b_.CreateAnd(m.owned, keep));
          }
          release_if(CgValue{m.v, b_.CreateAnd(m.owned, b_.CreateNot(keep))});
        }
        return r;
      }
    }
    // In tail position the body may jump back to the loop head instead of
    // reaching the release below: the jump frees (or hands on) this list.
    bool track = tail && e->var->type->kind == TypeKind::List && v.owned;
    if (track) tail_owned_.push_back(v);
    tail_next_ = tail;
    CgValue r = emit(e->args[1]);
    if (track) tail_owned_.pop_back();
    if (e->var->type->kind != TypeKind::List || !v.owned) return r;
    if (e->type->kind == TypeKind::Tuple) {
      // A tuple result may hold the bound list, at any depth (a tensor in a
      // tuple): then the tuple keeps it.
      llvm::Value* inside = holds(r.v, e->type, v.v);
      release_if(CgValue{v.v, b_.CreateAnd(v.owned, b_.CreateNot(inside))});
      // ... and owns it from here on
      // (a constant tuple holds no list: nothing to own, and constants are shared keys)
      if (builds_tuple(e) && !llvm::isa<llvm::Constant>(r.v) && !llvm::isa<llvm::Constant>(inside))
        tuple_lists_[r.v].push_back(CgValue{v.v, b_.CreateAnd(v.owned, inside)});
      return r;
    }
    if (e->type->kind == TypeKind::List) {
      // The body may return the bound array itself: then ownership moves on.
      llvm::Value* same = b_.CreateICmpEQ(r.v, v.v);
      llvm::Value* free_it = b_.CreateAnd(v.owned, b_.CreateNot(same));
      release_if(CgValue{v.v, free_it});
      r.owned = b_.CreateOr(r.owned, b_.CreateAnd(v.owned, same));
      return r;
    }
    release_if(v);
    return r;
  }

  CgValue emit_if(const ExprRef& e) {
    bool tail = node_tail_;
    llvm::Value* c = emit(e->args[0]).v;
    BasicBlock* tb = block("if.then");
    BasicBlock* eb = block("if.else");
    BasicBlock* done = block("if.end");
    b_.CreateCondBr(c, tb, eb);
    b_.SetInsertPoint(tb);
    tail_next_ = tail;
    CgValue a = emit(e->args[1]);
    BasicBlock* tend = b_.GetInsertBlock();
    b_.CreateBr(done);
    b_.SetInsertPoint(eb);
    tail_next_ = tail;
    CgValue b = emit(e->args[2]);
    BasicBlock* eend = b_.GetInsertBlock();
    b_.CreateBr(done);
    b_.SetInsertPoint(done);
    llvm::PHINode* phi = b_.CreatePHI(ty(e->type), 2);
    phi->addIncoming(a.v, tend);
    phi->addIncoming(b.v, eend);
    CgValue r{phi};
    if (e->type->kind == TypeKind::List) {
      llvm::PHINode* own = b_.CreatePHI(i1_, 2);
      own->addIncoming(a.owned, tend);
      own->addIncoming(b.owned, eend);
      r.owned = own;
    }
    if (e->type->kind == TypeKind::Tuple) {
      // A branch that builds a tuple hands its fresh lists on to the if's
      // value: each becomes a list (and flag) merged here, null (and not
      // owned) where the other branch was taken.
      std::vector<CgValue> lists;
      auto merge = [&](const ExprRef& br, llvm::Value* v, BasicBlock* from, BasicBlock* other) {
        if (!builds_tuple(br)) return;
        auto it = tuple_lists_.find(v);
        if (it == tuple_lists_.end()) return;
        for (auto& l : it->second) {
          llvm::PHINode* lv = b_.CreatePHI(l.v->getType(), 2);
          lv->addIncoming(l.v, from);
          lv->addIncoming(llvm::Constant::getNullValue(l.v->getType()), other);
          llvm::PHINode* lf = b_.CreatePHI(i1_, 2);
          lf->addIncoming(l.owned, from);
          lf->addIncoming(b_.getFalse(), other);
          lists.push_back(CgValue{lv, lf});
        }
      };
      merge(e->args[1], a.v, tend, eend);
      merge(e->args[2], b.v, eend, tend);
      if (!lists.empty()) tuple_lists_[phi] = lists;
    }
    return r;
  }

  CgValue emit_call(const ExprRef& e) {
    if (node_tail_ && tail_head_ && fn_ == tail_fn_ && e->callee == irfn_->key) return emit_self_tail_call(e);
    std::vector<llvm::Value*> args{rtctx_};
    std::vector<CgValue> temps;
    std::vector<CgValue> tuple_temps;
    for (auto& a : e->args) {
      CgValue v = emit(a);
      args.push_back(v.v);
      if (v.owned) temps.push_back(v);
      if (a->type->kind == TypeKind::Tuple && builds_tuple(a)) {
        // the fresh lists of a tuple built for the call (a tensor argument)
        auto it = tuple_lists_.find(v.v);
        if (it != tuple_lists_.end()) tuple_temps.insert(tuple_temps.end(), it->second.begin(), it->second.end());
      }
    }
    llvm::Value* r = b_.CreateCall(funcs_.at(e->callee), args);
    if (e->type->kind == TypeKind::Tuple) own_call_result(r, e->type);
    // Callees never return a borrowed array, so temporaries can go now.
    for (auto& t : temps) release_if(t);
    // A callee may return a tuple argument's list inside its result (it
    // copies only list parameters): keep those.
    for (auto& t : tuple_temps) {
      llvm::Value* kept = e->type->kind == TypeKind::List    ? b_.CreateICmpEQ(r, t.v)
                          : e->type->kind == TypeKind::Tuple ? holds(r, e->type, t.v)
                                                             : b_.getFalse();
      release_if(CgValue{t.v, b_.CreateAnd(t.owned, b_.CreateNot(kept))});
    }
    return {r, e->type->kind == TypeKind::List ? b_.getTrue() : nullptr};
  }

  // ---- self tail calls ---------------------------------------------------------

  // A call of a function to itself (same specialisation) in tail position
  // -- the body, a let's body, an if's branches, which is where clauses,
  // case, cond and unless end up -- is a jump: the new arguments go into the
  // parameter slots and control goes back to the loop head at the function
  // entry. Elixir programs loop this way, so this never depends on LLVM's
  // TailCallElim (which gives up when argument code passes stack slots to
  // the runtime). Each list parameter, and each list member of a tuple
  // parameter, carries an ownership flag of its own: the caller's arrays are
  // borrowed; an array a jump passes in is owned by the loop, freed by the
  // next jump that does not pass it on, or at the return (unless the result
  // holds it).

  /// Set while emitting a function whose body has a self tail call.
  BasicBlock* tail_head_ = nullptr;
  llvm::Function* tail_fn_ = nullptr;
  std::vector<llvm::AllocaInst*> param_slot_;  ///< per parameter
  std::vector<llvm::Value*> param_val_;        ///< the parameters, loaded at the loop head
  /// A list parameter (member -1) or a tuple parameter's list member.
  struct OwnSlot {
    size_t param;
    std::vector<unsigned> path;  ///< where the list sits in the parameter (empty: it is the parameter)
    llvm::AllocaInst* flag;
    llvm::Value* v = nullptr;      ///< the list, at the loop head
    llvm::Value* owned = nullptr;  ///< its flag, loaded there
  };
  std::vector<OwnSlot> own_slots_;
  /// The next emit() is in tail position / the node being emitted is.
  bool tail_next_ = false, node_tail_ = false;
  /// Owned lists bound by the lets around the current tail position.
  std::vector<CgValue> tail_owned_;
  /// Tuples built by Tuple nodes -> the owned lists they were built from.
  std::map<llvm::Value*, std::vector<CgValue>> tuple_lists_;

  static bool has_self_tail_call(const ExprRef& e, const std::string& key) {
    switch (e->kind) {
      case ExprKind::Call: return e->callee == key;
      case ExprKind::Let: return has_self_tail_call(e->args[1], key);
      case ExprKind::If: return has_self_tail_call(e->args[1], key) || has_self_tail_call(e->args[2], key);
      default: return false;
    }
  }

  llvm::Value* slot_value(llvm::Value* param, const std::vector<unsigned>& path) {
    return path.empty() ? param : b_.CreateExtractValue(param, path);
  }
  /// One slot per list in a parameter of type t, at any depth (a tensor in a map).
  void add_own_slots(size_t param, Type t, std::vector<unsigned>& path) {
    if (t->kind == TypeKind::List) own_slots_.push_back({param, path, nullptr});
    if (t->kind == TypeKind::Tuple)
      for (unsigned m = 0; m < t->members.size(); m++) {
        path.push_back(m);
        add_own_slots(param, t->members[m], path);
        path.pop_back();
      }
  }

  CgValue emit_self_tail_call(const ExprRef& e) {
    // Every list this iteration owns -- loop-owned parameters, lets around
    // the call, fresh arrays of the arguments (also the list members of a
    // tuple written in the call) -- is handed on to the one new slot it
    // becomes, kept if a new tuple argument holds it deeper down (tuples
    // keep their lists), or freed.
    struct Owned {
      llvm::Value* v;
      llvm::Value* flag;
    };
    std::vector<Owned> own;
    std::vector<llvm::Value*> vals;
    for (auto& a : e->args) {
      if (a->kind == ExprKind::Tuple) {
        const std::string* saved = origin_;
        if (!a->origin.empty()) origin_ = &a->origin;
        llvm::Value* t = llvm::UndefValue::get(ty(a->type));
        for (size_t i = 0; i < a->args.size(); i++) {
          CgValue m = emit(a->args[i]);
          if (a->args[i]->type->kind == TypeKind::List && m.owned) own.push_back({m.v, m.owned});
          if (a->args[i]->type->kind == TypeKind::Tuple && builds_tuple(a->args[i])) {
            // a fresh tuple inside (a tensor in a map of parameters): its lists
            auto it = tuple_lists_.find(m.v);
            if (it != tuple_lists_.end())
              for (auto& l : it->second) own.push_back({l.v, l.owned});
          }
          t = b_.CreateInsertValue(t, m.v, {unsigned(i)});
        }
        origin_ = saved;
        vals.push_back(t);
        continue;
      }
      CgValue v = emit(a);
      if (a->type->kind == TypeKind::List && v.owned) own.push_back({v.v, v.owned});
      if (a->type->kind == TypeKind::Tuple && builds_tuple(a)) {
        // a tuple built under lets (an inlined tensor operation): its fresh lists
        auto it = tuple_lists_.find(v.v);
        if (it != tuple_lists_.end())
          for (auto& m : it->second) own.push_back({m.v, m.owned});
      }
      vals.push_back(v.v);
    }
    for (auto& s : own_slots_) own.push_back({s.v, s.owned});
    for (auto& t : tail_owned_) own.push_back({t.v, t.owned});
    std::vector<llvm::Value*> new_own;
    for (auto& s : own_slots_) {
      llvm::Value* nv = slot_value(vals[s.param], s.path);
      llvm::Value* f = b_.getFalse();
      for (auto& o : own) {
        llvm::Value* move = b_.CreateAnd(o.flag, b_.CreateICmpEQ(o.v, nv));
        f = b_.CreateOr(f, move);
        o.flag = b_.CreateAnd(o.flag, b_.CreateNot(move));
      }
      new_own.push_back(f);
    }
    const auto& ps = irfn_->params;
    for (size_t j = 0; j < vals.size(); j++)
      if (ps[j]->type->kind == TypeKind::Tuple)
        for (auto& o : own) o.flag = b_.CreateAnd(o.flag, b_.CreateNot(holds(vals[j], ps[j]->type, o.v)));
    for (auto& o : own) release_if(CgValue{o.v, o.flag});
    for (size_t j = 0; j < vals.size(); j++) b_.CreateStore(vals[j], param_slot_[j]);
    for (size_t k = 0; k < own_slots_.size(); k++) b_.CreateStore(new_own[k], own_slots_[k].flag);
    b_.CreateBr(tail_head_);
    b_.SetInsertPoint(block("after.tail"));
    return {llvm::PoisonValue::get(ty(e->type)), e->type->kind == TypeKind::List ? b_.getFalse() : nullptr};
  }

  llvm::Value* emit_unary(const ExprRef& e) {
    llvm::Value* a = emit(e->args[0]).v;
    bool fl = is_floating(e->args[0]->type);
    switch (e->unop) {
      case UnOp::Neg:
        if (fl) return b_.CreateFNeg(a);
        if (opts_.check_overflow)
          return checked_int(llvm::Intrinsic::ssub_with_overflow, llvm::ConstantInt::get(a->getType(), 0), a, e->loc);
        return b_.CreateSub(llvm::ConstantInt::get(a->getType(), 0), a);
      case UnOp::Not: return b_.CreateNot(a);
      case UnOp::Abs:
        // Not fabs: Erlang's abs(-0.0) is -0.0 (it negates only values below zero).
        if (fl) return b_.CreateSelect(b_.CreateFCmpOLT(a, llvm::ConstantFP::get(a->getType(), 0.0)), b_.CreateFNeg(a), a);
        if (opts_.check_overflow) {
          llvm::Value* neg = checked_int(llvm::Intrinsic::ssub_with_overflow, llvm::ConstantInt::get(a->getType(), 0), a, e->loc);
          return b_.CreateSelect(b_.CreateICmpSLT(a, llvm::ConstantInt::get(a->getType(), 0)), neg, a);
        }
        return b_.CreateSelect(b_.CreateICmpSLT(a, llvm::ConstantInt::get(a->getType(), 0)),
                               b_.CreateSub(llvm::ConstantInt::get(a->getType(), 0), a), a);
      case UnOp::ToFloat: return b_.CreateSIToFP(a, ty(e->type));
      case UnOp::Trunc:
      case UnOp::Round: {
        // Saturating: a float beyond 64 bits has no integer here (Elixir's
        // are unbounded); with --check-overflow it raises, as arithmetic does.
        llvm::Value* x = e->unop == UnOp::Round ? b_.CreateUnaryIntrinsic(llvm::Intrinsic::round, a) : a;
        if (opts_.check_overflow) raise_overflow_if(b_.CreateNot(int_range_ok(x, e->type)), e->loc);
        llvm::Function* f = llvm::Intrinsic::getDeclaration(&mod_, llvm::Intrinsic::fptosi_sat,
                                                             {ty(e->type), a->getType()});
        return b_.CreateCall(f, {x});
      }
      case UnOp::BNot: return b_.CreateNot(a);
      case UnOp::Cast: {
        llvm::Type* to = ty(e->type);
        Type from = e->args[0]->type;
        if (is_integer(from) && is_integer(e->type)) return b_.CreateSExtOrTrunc(a, to);
        if (is_floating(from) && is_floating(e->type)) return b_.CreateFPCast(a, to);
        if (is_integer(from)) return b_.CreateSIToFP(a, to);
        llvm::Function* f = llvm::Intrinsic::getDeclaration(&mod_, llvm::Intrinsic::fptosi_sat, {to, a->getType()});
        return b_.CreateCall(f, {a});
      }
    }
    return nullptr;
  }

  /// Structural equality of two values of type t (tuples member by member;
  /// floats compare as numbers, as Elixir's === does for equal types).
  llvm::Value* equal(llvm::Value* a, llvm::Value* b, Type t) {
    if (t->kind == TypeKind::Tuple) {
      llvm::Value* r = b_.getTrue();
      for (unsigned i = 0; i < t->members.size(); i++)
        r = b_.CreateAnd(r, equal(b_.CreateExtractValue(a, {i}), b_.CreateExtractValue(b, {i}), t->members[i]));
      return r;
    }
    return is_floating(t) ? b_.CreateFCmpOEQ(a, b) : b_.CreateICmpEQ(a, b);
  }

  llvm::Value* emit_binary(const ExprRef& e) {
    llvm::Value* a = emit(e->args[0]).v;
    llvm::Value* b = emit(e->args[1]).v;
    Type t = e->args[0]->type;
    if (t->kind == TypeKind::Tuple && (e->binop == BinOp::Eq || e->binop == BinOp::Ne)) {
      llvm::Value* eq = equal(a, b, t);
      return e->binop == BinOp::Eq ? eq : b_.CreateNot(eq);
    }
    bool fl = is_floating(t);
    llvm::Type* lt = a->getType();
    switch (e->binop) {
      case BinOp::Add:
        if (fl) return checked_float(b_.CreateFAdd(a, b), e->loc);
        return opts_.check_overflow ? checked_int(llvm::Intrinsic::sadd_with_overflow, a, b, e->loc) : b_.CreateAdd(a, b);
      case BinOp::Sub:
        if (fl) return checked_float(b_.CreateFSub(a, b), e->loc);
        return opts_.check_overflow ? checked_int(llvm::Intrinsic::ssub_with_overflow, a, b, e->loc) : b_.CreateSub(a, b);
      case BinOp::Mul:
        if (fl) return checked_float(b_.CreateFMul(a, b), e->loc);
        return opts_.check_overflow ? checked_int(llvm::Intrinsic::smul_with_overflow, a, b, e->loc) : b_.CreateMul(a, b);
      case BinOp::FDiv:
        // Elixir raises on a zero divisor (and on overflow) instead of giving inf or NaN.
        if (!opts_.unchecked && !ieee_)
          raise_if(b_.CreateFCmpOEQ(b, llvm::ConstantFP::get(lt, 0.0)), HX_ERR_ARITHMETIC, e->loc);
        return checked_float(b_.CreateFDiv(a, b), e->loc);
      case BinOp::BAnd: return b_.CreateAnd(a, b);
      case BinOp::BOr: return b_.CreateOr(a, b);
      case BinOp::BXor: return b_.CreateXor(a, b);
      case BinOp::Shl:
      case BinOp::Shr: {
        // A negative count shifts the other way; 64 or more shifts everything out.
        unsigned w = lt->getIntegerBitWidth();
        llvm::Value* zero = llvm::ConstantInt::get(lt, 0);
        llvm::Value* neg = b_.CreateICmpSLT(b, zero);
        llvm::Value* mag = b_.CreateSelect(neg, b_.CreateSub(zero, b), b);
        llvm::Value* big = b_.CreateICmpUGE(mag, llvm::ConstantInt::get(lt, w));
        llvm::Value* amt = b_.CreateSelect(big, llvm::ConstantInt::get(lt, w - 1), mag);
        llvm::Value* left = b_.CreateSelect(big, zero, b_.CreateShl(a, amt));
        llvm::Value* right = b_.CreateAShr(a, amt);
        bool shl = e->binop == BinOp::Shl;
        return b_.CreateSelect(neg, shl ? right : left, shl ? left : right);
      }
      case BinOp::IDiv:
      case BinOp::Rem: {
        raise_if(b_.CreateICmpEQ(b, llvm::ConstantInt::get(lt, 0)), HX_ERR_ARITHMETIC, e->loc);
        // MIN / -1 overflows in hardware; Elixir's answer wraps to MIN (div) and 0 (rem).
        llvm::Value* m1 = b_.CreateICmpEQ(b, llvm::ConstantInt::get(lt, -1, true));
        if (opts_.check_overflow && e->binop == BinOp::IDiv) {
          // MIN div -1 is the one integer division that overflows.
          llvm::Value* mn = llvm::ConstantInt::get(lt, llvm::APInt::getSignedMinValue(lt->getIntegerBitWidth()));
          llvm::Value* ov = b_.CreateAnd(m1, b_.CreateICmpEQ(a, mn));
          BasicBlock* bad = block("overflow");
          BasicBlock* ok = block("ok");
          b_.CreateCondBr(ov, bad, ok);
          b_.SetInsertPoint(bad);
          b_.CreateCall(rt_raise_, {rtctx_, llvm::ConstantInt::get(i32_, HX_ERR_ARITHMETIC),
                                    cstring("integer overflow"), srcloc(e->loc)});
          b_.CreateUnreachable();
          b_.SetInsertPoint(ok);
        }
        llvm::Value* safe = b_.CreateSelect(m1, llvm::ConstantInt::get(lt, 1), b);
        if (e->binop == BinOp::IDiv)
          return b_.CreateSelect(m1, b_.CreateSub(llvm::ConstantInt::get(lt, 0), a), b_.CreateSDiv(a, safe));
        return b_.CreateSelect(m1, llvm::ConstantInt::get(lt, 0), b_.CreateSRem(a, safe));
      }
      case BinOp::Min: return min_max(true, fl, a, b);
      case BinOp::Max: return min_max(false, fl, a, b);
      case BinOp::Eq: return fl ? b_.CreateFCmpOEQ(a, b) : b_.CreateICmpEQ(a, b);
      case BinOp::Ne: return fl ? b_.CreateFCmpUNE(a, b) : b_.CreateICmpNE(a, b);
      case BinOp::Lt: return fl ? b_.CreateFCmpOLT(a, b) : b_.CreateICmpSLT(a, b);
      case BinOp::Le: return fl ? b_.CreateFCmpOLE(a, b) : b_.CreateICmpSLE(a, b);
      case BinOp::Gt: return fl ? b_.CreateFCmpOGT(a, b) : b_.CreateICmpSGT(a, b);
      case BinOp::Ge: return fl ? b_.CreateFCmpOGE(a, b) : b_.CreateICmpSGE(a, b);
      case BinOp::And: return b_.CreateAnd(a, b);
      case BinOp::Or: return b_.CreateOr(a, b);
    }
    return nullptr;
  }

  /// Can evaluating e raise? (Conservative: only what surely cannot.) Lists
  /// built by maps and zips of such code cannot either.
  bool cannot_raise(const ExprRef& e) {
    auto all = [&] {
      for (auto& a : e->args)
        if (!cannot_raise(a)) return false;
      for (auto& l : e->lambdas)
        if (!cannot_raise(l->body)) return false;
      return true;
    };
    switch (e->kind) {
      case ExprKind::IntConst: case ExprKind::FloatConst: case ExprKind::BoolConst: case ExprKind::VarUse:
        return true;
      case ExprKind::Tuple: case ExprKind::TupleGet: case ExprKind::If: case ExprKind::Let: return all();
      case ExprKind::Map: case ExprKind::Zip: case ExprKind::Length: case ExprKind::ListLit: return all();
      case ExprKind::Math: return e->int_value == 1 && all();  // IEEE (Nx): inf/NaN are values
      case ExprKind::Index: return all();  // the frontend proves the index in bounds
      case ExprKind::Unary:
        switch (e->unop) {
          case UnOp::Not: case UnOp::Cast: case UnOp::ToFloat: case UnOp::BNot: return all();
          case UnOp::Neg: case UnOp::Abs: return (is_floating(e->type) || !opts_.check_overflow) && all();
          default: return false;
        }
      case ExprKind::Binary:
        switch (e->binop) {
          case BinOp::Eq: case BinOp::Ne: case BinOp::Lt: case BinOp::Le: case BinOp::Gt: case BinOp::Ge:
          case BinOp::And: case BinOp::Or: case BinOp::Min: case BinOp::Max: case BinOp::BAnd: case BinOp::BOr:
          case BinOp::BXor:
            return all();
          case BinOp::Add: case BinOp::Sub: case BinOp::Mul:
            if (is_floating(e->type)) return (opts_.unchecked || e->int_value == 1) && all();
            return !opts_.check_overflow && all();
          case BinOp::FDiv: return (opts_.unchecked || e->int_value == 1) && all();
          default: return false;
        }
      default: return false;
    }
  }

  /// Elixir evaluates a reduce's or scan's list before its initial value. A
  /// fused list would run after it, so when the init may raise the list is
  /// built first (and read from memory). Returns whether it did.
  bool open_before_init(const ExprRef& e, std::vector<const Expr*>& stages, Src& s) {
    if (e->args.size() < 2 || cannot_raise(e->args[1]) || !is_array_op(e->args[0]->kind)) return false;
    CgValue m = emit(e->args[0]);
    s = array_src(m, e->args[0]->type->elem);  // which releases m when closed
    stages.clear();
    return true;
  }

  llvm::Value* emit_reduce(const ExprRef& e) {
    llvm::Type* t = ty(e->type);
    llvm::AllocaInst* acc = entry_alloca(t, "acc");
    const LambdaRef& f = e->lambdas[0];
    // Elixir evaluates the enumerable before the initial accumulator.
    std::vector<const Expr*> stages;
    Src s;
    if (!open_before_init(e, stages, s)) s = open_src(decompose(e->args[0], stages));
    if (e->args.size() == 2) {
      b_.CreateStore(emit(e->args[1]).v, acc);
      counted_loop(s.count, [&](llvm::Value* i) {
        push(stages, 0, s.elem(i), [&](llvm::Value* x) {
          b_.CreateStore(apply_lambda(f, {x, b_.CreateLoad(t, acc)}), acc);
        });
      });
      close_src(s);
      return b_.CreateLoad(t, acc);
    }
    // reduce/2: the first element starts the accumulator.
    llvm::AllocaInst* seen = entry_alloca(i1_, "seen");
    b_.CreateStore(b_.getFalse(), seen);
    counted_loop(s.count, [&](llvm::Value* i) {
      push(stages, 0, s.elem(i), [&](llvm::Value* x) {
        BasicBlock* first = block("reduce.first");
        BasicBlock* step = block("reduce.step");
        BasicBlock* done = block("reduce.done");
        b_.CreateCondBr(b_.CreateLoad(i1_, seen), step, first);
        b_.SetInsertPoint(first);
        b_.CreateStore(b_.getTrue(), seen);
        b_.CreateStore(x, acc);
        b_.CreateBr(done);
        b_.SetInsertPoint(step);
        b_.CreateStore(apply_lambda(f, {x, b_.CreateLoad(t, acc)}), acc);
        b_.CreateBr(done);
        b_.SetInsertPoint(done);
      });
    });
    close_src(s);
    raise_if(b_.CreateNot(b_.CreateLoad(i1_, seen)), HX_ERR_EMPTY, e->loc);
    return b_.CreateLoad(t, acc);
  }

  llvm::Value* emit_fold(const ExprRef& e) {
    llvm::Type* t = ty(e->type);
    llvm::AllocaInst* acc = entry_alloca(t, "acc");
    llvm::AllocaInst* seen = entry_alloca(i1_, "seen");
    b_.CreateStore(b_.getFalse(), seen);
    b_.CreateStore(fold_init(e->fold, e->type), acc);
    std::vector<const Expr*> sstages;
    ExprRef sbase = scan_chain(e->args[0], sstages);
    bool fold_raises = (e->fold == FoldKind::Sum || e->fold == FoldKind::Product) &&
                       (is_floating(e->type) ? !(opts_.unchecked || e->int_value == 1) : opts_.check_overflow);
    if (sbase && scan_streams(sbase, sstages, fold_raises)) {
      // fold(stages(scan(xs))): one sequential loop, no scan list (remark: ir::remark in the frontend's passes)
      scan_each(sbase, [](Src&) {}, [&](llvm::Value* x) {
        push(sstages, 0, x, [&](llvm::Value* v) { fold_step(e->fold, e->type, acc, seen, v, e->loc); });
      });
    } else if (parallel_ok()) {
      fold_parallel(e->fold, e->type, e->args[0], acc, seen, e->loc);
    } else {
      std::vector<const Expr*> stages;
      ExprRef base = decompose(e->args[0], stages);
      Src s = open_src(base);
      fold_range(e->fold, e->type, s, stages, c64(0), s.count, acc, seen, e->loc);
      close_src(s);
    }
    if (e->fold == FoldKind::Min || e->fold == FoldKind::Max)
      raise_if(b_.CreateNot(b_.CreateLoad(i1_, seen)), HX_ERR_EMPTY, e->loc);
    return b_.CreateLoad(t, acc);
  }

  /// min_by / max_by: the first element with the least / greatest key.
  llvm::Value* emit_fold_by(const ExprRef& e) {
    Type kt = e->lambdas[0]->body->type;
    bool fl = is_floating(kt);
    llvm::AllocaInst* best = entry_alloca(ty(e->type), "best");
    llvm::AllocaInst* bestk = entry_alloca(ty(kt), "bestk");
    llvm::AllocaInst* seen = entry_alloca(i1_, "seen");
    b_.CreateStore(b_.getFalse(), seen);
    bool mn = e->fold == FoldKind::Min;
    for_each(e->args[0], [&](llvm::Value* x) {
      llvm::Value* k = apply_lambda(e->lambdas[0], {x});
      llvm::Value* cur = b_.CreateLoad(ty(kt), bestk);
      llvm::Value* better = fl ? (mn ? b_.CreateFCmpOLT(k, cur) : b_.CreateFCmpOGT(k, cur))
                               : (mn ? b_.CreateICmpSLT(k, cur) : b_.CreateICmpSGT(k, cur));
      llvm::Value* take = b_.CreateOr(b_.CreateNot(b_.CreateLoad(i1_, seen)), better);
      b_.CreateStore(b_.CreateSelect(take, k, cur), bestk);
      b_.CreateStore(b_.CreateSelect(take, x, b_.CreateLoad(ty(e->type), best)), best);
      b_.CreateStore(b_.getTrue(), seen);
    });
    raise_if(b_.CreateNot(b_.CreateLoad(i1_, seen)), HX_ERR_EMPTY, e->loc);
    return b_.CreateLoad(ty(e->type), best);
  }

  /// all? stops at the first false, any? at the first true, as Elixir does.
  llvm::Value* emit_all_any(const ExprRef& e) {
    bool all = e->int_value;
    llvm::AllocaInst* res = entry_alloca(i1_, "res");
    llvm::AllocaInst* stop = entry_alloca(i1_, "stop");
    b_.CreateStore(all ? b_.getTrue() : b_.getFalse(), res);
    b_.CreateStore(b_.getFalse(), stop);
    // all?/any? stop early, but Elixir has computed the whole list by then:
    // a source with functions in it is built completely first.
    Src s = open_eager(e->args[0]);
    counted_loop(s.count, [&](llvm::Value* i) {
      llvm::Value* x = s.elem(i);
      llvm::Value* p = apply_lambda(e->lambdas[0], {x});
      llvm::Value* decided = all ? b_.CreateNot(p) : p;
      b_.CreateStore(b_.CreateOr(b_.CreateLoad(i1_, stop), decided), stop);
      b_.CreateStore(all ? b_.CreateAnd(b_.CreateLoad(i1_, res), p) : b_.CreateOr(b_.CreateLoad(i1_, res), p), res);
    }, stop);
    close_src(s);
    return b_.CreateLoad(i1_, res);
  }

  /// A libhxrt function with effects: callee(ctx, srcloc, text, args...).
  /// Lists go as hx_array*, a list result is the runtime's (tracked) array.
  CgValue emit_extern(const ExprRef& e) {
    std::vector<llvm::Value*> vals{rtctx_, srcloc(e->loc),
                                   e->text.empty() ? llvm::ConstantPointerNull::get(ptr_) : cstring(e->text)};
    std::vector<llvm::Type*> params{ptr_, ptr_, ptr_};
    std::vector<CgValue> lists;
    bool reads_lists = false;
    for (auto& a : e->args) {
      CgValue v = emit(a);
      if (a->type->kind == TypeKind::List) lists.push_back(v);
      reads_lists = reads_lists || holds_lists(a->type);
      vals.push_back(v.v);
      params.push_back(vals.back()->getType());
    }
    // The runtime reads the elements: results still on an OpenCL device come back first.
    if (opts_.opencl && reads_lists)
      b_.CreateCall(mod_.getOrInsertFunction("hxrt_cl_host_all", llvm::FunctionType::get(b_.getVoidTy(), {ptr_}, false)),
                    {rtctx_});
    // variadic (hxrt_checkpoint_save): the fixed part is ctx, srcloc, text, count
    bool variadic = e->int_value == 1;
    if (variadic) params = {ptr_, ptr_, ptr_, i64_};
    llvm::FunctionType* ft = llvm::FunctionType::get(ty(e->type), params, variadic);
    llvm::FunctionCallee f = mod_.getOrInsertFunction(e->callee, ft);
    llvm::Value* r = b_.CreateCall(f, vals);
    for (auto& v : lists) release_if(v);
    return {r, e->type->kind == TypeKind::List ? b_.getTrue() : nullptr};
  }

  /// If `op` is the transpose of a stored matrix, the R x C list
  ///   map(0..R*C-1, fn i -> at(S, div(i, C) + rem(i, C) * R))
  /// (what Nx.transpose and the backward pass of Nx.dot lower to), S: the
  /// C x R matrix itself, a variable or a part of one (pure, cannot raise).
  /// GEMM then reads S with its trans flag instead of a materialised copy:
  /// the same elements in the same order of k, so the same bits.
  static ExprRef transposed_source(const ExprRef& op, int64_t R, int64_t C) {
    auto is_int = [](const ExprRef& x, int64_t v) { return x->kind == ExprKind::IntConst && x->int_value == v; };
    auto is_var = [](const ExprRef& x, const VarRef& v) { return x->kind == ExprKind::VarUse && x->var->id == v->id; };
    auto is_bin = [](const ExprRef& x, BinOp o) { return x->kind == ExprKind::Binary && x->binop == o; };
    if (op->kind != ExprKind::Map || R <= 0 || C <= 0 || op->lambdas.size() != 1) return nullptr;
    const ExprRef& range = op->args[0];
    if (range->kind != ExprKind::Range || !is_int(range->args[0], 0) || !is_int(range->args[1], R * C - 1))
      return nullptr;
    const LambdaRef& f = op->lambdas[0];
    if (f->params.size() != 1 || f->body->kind != ExprKind::Index) return nullptr;
    const VarRef& i = f->params[0];
    const ExprRef& idx = f->body->args[1];
    if (!is_bin(idx, BinOp::Add)) return nullptr;
    auto is_div = [&](const ExprRef& x) { return is_bin(x, BinOp::IDiv) && is_var(x->args[0], i) && is_int(x->args[1], C); };
    auto is_rem = [&](const ExprRef& x) { return is_bin(x, BinOp::Rem) && is_var(x->args[0], i) && is_int(x->args[1], C); };
    auto is_mul = [&](const ExprRef& x) {
      return is_bin(x, BinOp::Mul) && ((is_rem(x->args[0]) && is_int(x->args[1], R)) ||
                                       (is_int(x->args[0], R) && is_rem(x->args[1])));
    };
    if (!((is_div(idx->args[0]) && is_mul(idx->args[1])) || (is_mul(idx->args[0]) && is_div(idx->args[1]))))
      return nullptr;
    ExprRef src = f->body->args[0];
    for (const Expr* x = src.get();; x = x->args[0].get()) {
      if (x->kind == ExprKind::VarUse) break;
      if (x->kind != ExprKind::TupleGet) return nullptr;
    }
    if (src->type->kind != TypeKind::List || src->type->elem->kind != op->type->elem->kind) return nullptr;
    return src;
  }

  /// The site string of a runtime-owned device operation (hxrt_cl_gemm,
  /// hxrt_cl_sort): starts like a kernel's header, so the runtime finds the
  /// library's --fallback policy through it and names the .hx line.
  std::string device_site(const char* what, const ExprRef& e) {
    return std::string("// hastec OpenCL kernel ") + what + " for " + (irfn_ ? irfn_->display : "?") + " (" +
           opts_.source_path + ":" + std::to_string(e->loc.line) + ")\n";
  }

  /// Nx.dot of matrices: libhxrt's blocked, multithreaded GEMM (gemm.c).
  CgValue emit_matmul(const ExprRef& e) {
    // Transposed operands go to GEMM as they are stored (CPU target: the
    // OpenCL GEMM takes no trans flags).
    ExprRef ta_src, tb_src;
    const ExprRef &em = e->args[2], &ek = e->args[3], &en = e->args[4];
    if (!opts_.opencl && em->kind == ExprKind::IntConst && ek->kind == ExprKind::IntConst &&
        en->kind == ExprKind::IntConst) {
      ta_src = transposed_source(e->args[0], em->int_value, ek->int_value);
      tb_src = transposed_source(e->args[1], ek->int_value, en->int_value);
    }
    CgValue a = emit(ta_src ? ta_src : e->args[0]);
    CgValue b = emit(tb_src ? tb_src : e->args[1]);
    llvm::Value* m = emit(e->args[2]).v;
    llvm::Value* k = emit(e->args[3]).v;
    llvm::Value* n = emit(e->args[4]).v;
    Type et = e->type->elem;
    const char* fn = et->kind == TypeKind::F32 ? "hxrt_gemm_f32"
                     : et->kind == TypeKind::Float ? "hxrt_gemm_f64"
                     : et->kind == TypeKind::I32 ? "hxrt_gemm_s32" : "hxrt_gemm_s64";
    llvm::FunctionCallee gemm = mod_.getOrInsertFunction(
        fn, llvm::FunctionType::get(i32_, {i64_, i64_, i64_, ptr_, i64_, i32_, ptr_, i64_, i32_, ptr_, i64_}, false));
    llvm::Value* c = alloc_array(et, b_.CreateMul(m, n));
    llvm::Value* zero = llvm::ConstantInt::get(i32_, 0);
    BasicBlock* done = nullptr;
    if (opts_.opencl && !in_chunk_) {
      // --target=opencl: the device's GEMM (hxrt_cl_gemm); on anything but
      // HXRT_CL_OK (no fp64, a failed build, k == 0) the CPU's below. The
      // site string anchors the library's --fallback policy and names the
      // .hx line in a missing-device error, as a kernel's header does.
      llvm::FunctionCallee clgemm = mod_.getOrInsertFunction(
          "hxrt_cl_gemm", llvm::FunctionType::get(i32_, {ptr_, ptr_, i32_, i64_, i64_, i64_, ptr_, ptr_, ptr_}, false));
      // Operands as they are: one still on the device is found there by its address.
      llvm::Value* rc = b_.CreateCall(clgemm, {rtctx_, cstring(device_site("gemm", e)), llvm::ConstantInt::get(i32_, kind_of(et)), m, n, k,
                                               device_data(a.v), device_data(b.v), device_data(c)});
      BasicBlock* cpu = block("gemm.cpu");
      done = block("gemm.done");
      b_.CreateCondBr(b_.CreateICmpEQ(rc, zero), done, cpu);
      b_.SetInsertPoint(cpu);
    }
    llvm::Value* one = llvm::ConstantInt::get(i32_, 1);
    b_.CreateCall(gemm, {m, n, k, arr_data(a.v), ta_src ? m : k, ta_src ? one : zero, arr_data(b.v), tb_src ? k : n,
                         tb_src ? one : zero, arr_data(c), n});
    if (done) {
      b_.CreateBr(done);
      b_.SetInsertPoint(done);
    }
    release_if(a);
    release_if(b);
    return {c, b_.getTrue()};
  }

  llvm::Value* emit_length(const ExprRef& e) {
    const ExprRef& src = e->args[0];
    if (!is_array_op(src->kind)) {
      CgValue a = emit(src);
      llvm::Value* n = arr_len(a.v);
      release_if(a);
      return n;
    }
    llvm::AllocaInst* cnt = entry_alloca(i64_, "cnt");
    b_.CreateStore(c64(0), cnt);
    if (parallel_ok()) {
      llvm::AllocaInst* seen = entry_alloca(i1_, "seen");
      b_.CreateStore(b_.getFalse(), seen);
      fold_parallel(FoldKind::Count, int_type(), src, cnt, seen, e->loc);
      return b_.CreateLoad(i64_, cnt);
    }
    for_each(src, [&](llvm::Value*) { b_.CreateStore(b_.CreateAdd(b_.CreateLoad(i64_, cnt), c64(1)), cnt); });
    return b_.CreateLoad(i64_, cnt);
  }

  /// Elixir raises ArithmeticError where IEEE arithmetic would give an
  /// infinity or NaN (overflow, 1.0 / 0.0, :math.log(0.0)); --unchecked keeps
  /// the IEEE result instead.
  llvm::Value* checked_float(llvm::Value* r, Loc loc) {
    if (opts_.unchecked || ieee_) return r;
    llvm::Value* inf = llvm::ConstantFP::getInfinity(r->getType());
    llvm::Value* a = b_.CreateUnaryIntrinsic(llvm::Intrinsic::fabs, r);
    // !(|r| < inf) is true for inf and NaN.
    raise_if(b_.CreateNot(b_.CreateFCmpOLT(a, inf)), HX_ERR_ARITHMETIC, loc);
    return r;
  }

  /// Is the (integral) float x within the integer type t? -2^(n-1) <= x < 2^(n-1),
  /// false for NaN; scalar or vector.
  llvm::Value* int_range_ok(llvm::Value* x, Type t) {
    double lim = t == i32_type() ? 2147483648.0 : 9223372036854775808.0;
    llvm::Value* lo = llvm::ConstantFP::get(x->getType(), -lim);
    llvm::Value* hi = llvm::ConstantFP::get(x->getType(), lim);
    return b_.CreateAnd(b_.CreateFCmpOGE(x, lo), b_.CreateFCmpOLT(x, hi));
  }

  /// --check-overflow: `** (ArithmeticError) integer overflow` at the line.
  llvm::Value* checked_int(llvm::Intrinsic::ID id, llvm::Value* a, llvm::Value* b, Loc loc) {
    llvm::Function* f = llvm::Intrinsic::getDeclaration(&mod_, id, {a->getType()});
    llvm::Value* r = b_.CreateCall(f, {a, b});
    raise_overflow_if(b_.CreateExtractValue(r, {1}), loc);
    return b_.CreateExtractValue(r, {0});
  }

  /// `** (ArithmeticError) integer overflow` at the line where cond holds
  /// (inside a guard: the guard fails instead).
  void raise_overflow_if(llvm::Value* cond, Loc loc) {
    if (guard_fail_) {
      raise_if(cond, HX_ERR_ARITHMETIC, loc);
      return;
    }
    BasicBlock* bad = block("overflow");
    BasicBlock* ok = block("ok");
    b_.CreateCondBr(cond, bad, ok);
    b_.SetInsertPoint(bad);
    b_.CreateCall(rt_raise_, {rtctx_, llvm::ConstantInt::get(i32_, HX_ERR_ARITHMETIC), cstring("integer overflow"),
                              srcloc(loc)});
    b_.CreateUnreachable();
    b_.SetInsertPoint(ok);
  }

  llvm::Value* emit_math(const ExprRef& e) {
    std::vector<llvm::Value*> as;
    for (auto& a : e->args) as.push_back(emit(a).v);
    llvm::Type* t = ty(e->type);
    bool f32 = e->type == f32_type();
    static const std::map<std::string, llvm::Intrinsic::ID> intr = {
        {"sqrt", llvm::Intrinsic::sqrt},   {"exp", llvm::Intrinsic::exp},     {"log", llvm::Intrinsic::log},
        {"log2", llvm::Intrinsic::log2},   {"log10", llvm::Intrinsic::log10}, {"pow", llvm::Intrinsic::pow},
        {"sin", llvm::Intrinsic::sin},     {"cos", llvm::Intrinsic::cos},     {"floor", llvm::Intrinsic::floor},
        {"ceil", llvm::Intrinsic::ceil},   {"round", llvm::Intrinsic::round}};
    llvm::Value* r;
    auto it = intr.find(e->text);
    if (it != intr.end()) {
      llvm::Function* f = llvm::Intrinsic::getDeclaration(&mod_, it->second, {t});
      r = b_.CreateCall(f, as);
    } else {
      std::string name = e->text + (f32 ? "f" : "");
      std::vector<llvm::Type*> ps(as.size(), t);
      llvm::FunctionCallee f = mod_.getOrInsertFunction(name, llvm::FunctionType::get(t, ps, false));
      if (auto* fn = llvm::dyn_cast<llvm::Function>(f.getCallee())) {
        fn->setDoesNotThrow();
        fn->setOnlyReadsMemory();
      }
      r = b_.CreateCall(f, as);
    }
    return checked_float(r, e->loc);
  }

  // ---- functions ---------------------------------------------------------------

  void set_target_attrs(llvm::Function* f) {
    if (!target_.cpu.empty()) f->addFnAttr("target-cpu", target_.cpu);
    if (!target_.features.empty()) f->addFnAttr("target-features", target_.features);
    f->addFnAttr(llvm::Attribute::NoUnwind);
  }

  void declare_function(const Function& f) {
    std::vector<llvm::Type*> ps{ptr_};
    for (auto& p : f.params) ps.push_back(ty(p->type));
    auto* ft = llvm::FunctionType::get(ty(f.result), ps, false);
    auto* lf = llvm::Function::Create(ft, llvm::GlobalValue::InternalLinkage, "hxf." + f.key, mod_);
    set_target_attrs(lf);
    funcs_[f.key] = lf;
  }

  void define_function(const Function& f) {
    fn_ = funcs_.at(f.key);
    irfn_ = &f;
    env_.clear();
    BasicBlock* entry = BasicBlock::Create(ctx_, "entry", fn_);
    b_.SetInsertPoint(entry);
    auto ai = fn_->arg_begin();
    rtctx_ = &*ai++;
    for (auto& p : f.params) {
      llvm::Value* a = &*ai++;
      a->setName(p->name);
      env_[p->id] = CgValue{a, nullptr};
    }
    tail_head_ = nullptr;
    tail_fn_ = fn_;
    param_slot_.assign(f.params.size(), nullptr);
    param_val_.assign(f.params.size(), nullptr);
    own_slots_.clear();
    tail_owned_.clear();
    if (has_self_tail_call(f.body, f.key)) {
      // The parameters live in slots (registers after mem2reg); self tail
      // calls store into them and jump to the loop head.
      for (size_t i = 0; i < f.params.size(); i++) {
        Type t = f.params[i]->type;
        param_slot_[i] = entry_alloca(ty(t), "param");
        b_.CreateStore(env_.at(f.params[i]->id).v, param_slot_[i]);
        std::vector<unsigned> path;
        add_own_slots(i, t, path);
      }
      for (auto& s : own_slots_) {
        s.flag = entry_alloca(i1_, "param.owned");
        b_.CreateStore(b_.getFalse(), s.flag);
      }
      tail_head_ = block("tail.loop");
      b_.CreateBr(tail_head_);
      b_.SetInsertPoint(tail_head_);
      for (size_t i = 0; i < f.params.size(); i++) {
        const VarRef& p = f.params[i];
        param_val_[i] = b_.CreateLoad(ty(p->type), param_slot_[i], p->name);
        env_[p->id] = CgValue{param_val_[i], nullptr};
      }
      for (auto& s : own_slots_) {
        s.v = slot_value(param_val_[s.param], s.path);
        s.owned = b_.CreateLoad(i1_, s.flag, "owned");
      }
    }
    tail_next_ = true;
    CgValue r = emit(f.body);
    llvm::Value* result = r.v;
    if (f.result->kind == TypeKind::List)  // never return a borrowed array (rare: `def id(xs), do: xs`)
      result = copy_when(b_.CreateNot(r.owned), r.v, f.result->elem);
    if (f.result->kind == TypeKind::Tuple) {
      // A returned tuple must not hold a borrowed (parameter) list, at any
      // depth (a tensor parameter's data): copy it. Then callers own every
      // list of a call's result.
      std::vector<std::pair<llvm::Value*, Type>> plists;
      for (auto& prm : f.params) lists_in(env_.at(prm->id).v, prm->type, plists);
      result = unborrow(result, f.result, plists);
    }
    // Lists a self tail call handed to the loop are freed on the way out
    // (unless the result holds one: then it is the caller's).
    for (auto& s : own_slots_) {
      llvm::Value* kept = f.result->kind == TypeKind::List    ? b_.CreateICmpEQ(result, s.v)
                          : f.result->kind == TypeKind::Tuple ? holds(result, f.result, s.v)
                                                              : b_.getFalse();
      release_if(CgValue{s.v, b_.CreateAnd(s.owned, b_.CreateNot(kept))});
    }
    own_slots_.clear();
    tail_head_ = nullptr;
    b_.CreateRet(result);
  }

  /// hxb.SYM(ctx, args, ret): unpacks arguments, checks list kinds, calls.
  /// hxe_SYM(ctx, args, ret): the generic entry (hx-run uses it).
  /// SYM(ctx, out, a1, ...): the typed C entry point.
  void define_entry(const Function& f) {
    auto* body_ty = llvm::FunctionType::get(b_.getVoidTy(), {ptr_, ptr_, ptr_}, false);
    auto* body = llvm::Function::Create(body_ty, llvm::GlobalValue::InternalLinkage, "hxb." + f.symbol, mod_);
    set_target_attrs(body);
    fn_ = body;
    irfn_ = &f;
    b_.SetInsertPoint(BasicBlock::Create(ctx_, "entry", body));
    if (opts_.flush_denormals && mod_.getTargetTriple().rfind("x86_64", 0) == 0) {
      // MXCSR |= FTZ (bit 15) | DAZ (bit 6); hxrt_invoke restores the caller's.
      llvm::AllocaInst* csr = entry_alloca(i32_, "mxcsr");
      b_.CreateCall(llvm::Intrinsic::getDeclaration(&mod_, llvm::Intrinsic::x86_sse_stmxcsr), {csr});
      b_.CreateStore(b_.CreateOr(b_.CreateLoad(i32_, csr), llvm::ConstantInt::get(i32_, 0x8040)), csr);
      b_.CreateCall(llvm::Intrinsic::getDeclaration(&mod_, llvm::Intrinsic::x86_sse_ldmxcsr), {csr});
    }
    auto ai = body->arg_begin();
    rtctx_ = &*ai++;
    llvm::Value* args = &*ai++;
    llvm::Value* ret = &*ai++;
    std::vector<llvm::Value*> call_args{rtctx_};
    for (size_t i = 0; i < f.params.size(); i++) {
      Type t = f.params[i]->type;
      llvm::Value* slot = b_.CreateLoad(ptr_, b_.CreateConstInBoundsGEP1_64(ptr_, args, i));
      llvm::Value* v = from_mem(b_.CreateLoad(mem_ty(t), slot), t);
      if (t->kind == TypeKind::List) {
        llvm::Value* isnull = b_.CreateICmpEQ(v, llvm::ConstantPointerNull::get(ptr_));
        BasicBlock* bad = block("arg.bad");
        BasicBlock* chk = block("arg.kind");
        BasicBlock* ok = block("arg.ok");
        b_.CreateCondBr(isnull, bad, chk);
        b_.SetInsertPoint(chk);
        llvm::Value* k = b_.CreateCall(rt_kind_, {v});
        llvm::Value* good = b_.CreateICmpEQ(k, llvm::ConstantInt::get(i32_, kind_of(t->elem)));
        if (t->elem->kind == TypeKind::Tuple) {
          // A list of tuples must have exactly this tuple's columns.
          BasicBlock* cols = block("arg.columns");
          b_.CreateCondBr(good, cols, bad);
          b_.SetInsertPoint(cols);
          llvm::Value* lk = b_.CreateCall(
              rt_layout_ok_, {v, llvm::ConstantInt::get(i32_, leaves(t->elem).size()), column_kinds(t->elem)});
          good = b_.CreateICmpNE(lk, llvm::ConstantInt::get(i32_, 0));
        }
        b_.CreateCondBr(good, ok, bad);
        b_.SetInsertPoint(bad);
        std::string msg = "argument " + std::to_string(i + 1) + " of " + f.display + " must be a list of " +
                          type_name(t->elem);
        b_.CreateCall(rt_raise_, {rtctx_, llvm::ConstantInt::get(i32_, HX_ERR_ARGUMENT), cstring(msg),
                                  llvm::ConstantPointerNull::get(ptr_)});
        b_.CreateUnreachable();
        b_.SetInsertPoint(ok);
      }
      call_args.push_back(v);
    }
    llvm::Value* r = b_.CreateCall(funcs_.at(f.key), call_args);
    b_.CreateStore(to_mem(r, f.result), ret);
    b_.CreateRetVoid();

    auto* gen_ty = llvm::FunctionType::get(i32_, {ptr_, ptr_, ptr_}, false);
    auto* gen = llvm::Function::Create(gen_ty, llvm::GlobalValue::ExternalLinkage, "hxe_" + f.symbol, mod_);
    set_target_attrs(gen);
    b_.SetInsertPoint(BasicBlock::Create(ctx_, "entry", gen));
    auto gi = gen->arg_begin();
    llvm::Value* c = &*gi++;
    llvm::Value* a = &*gi++;
    llvm::Value* o = &*gi++;
    b_.CreateRet(b_.CreateCall(rt_invoke_, {c, body, a, o}));

    // Tuples travel by pointer (to a C struct of the members), the rest by value.
    // Tensors travel as hx_tensor* (hxrt_tensor.h): slot i holds the handle,
    // and hxrt_tensor_invoke checks and converts it (sig: its format).
    std::string tensor_sig;
    bool has_tensor = is_tensor(f.result);
    for (auto& p : f.params) has_tensor = has_tensor || is_tensor(p->type);
    auto sig_item = [](Type t) {
      if (!is_tensor(t)) return std::string(t->kind == TypeKind::List ? "L" : "-");
      std::string d = "#" + nx_tensor_type_name(t);
      for (int64_t n : t->dims) d += n < 0 ? std::string("[?]") : "[" + std::to_string(n) + "]";
      return d;
    };
    for (size_t i = 0; i < f.params.size(); i++) tensor_sig += (i ? "," : "") + sig_item(f.params[i]->type);
    tensor_sig += "->" + sig_item(f.result);
    std::vector<llvm::Type*> ps{ptr_, ptr_};
    for (auto& p : f.params) ps.push_back(p->type->kind == TypeKind::Tuple ? ptr_ : mem_ty(p->type));
    auto* typed = llvm::Function::Create(llvm::FunctionType::get(i32_, ps, false),
                                         llvm::GlobalValue::ExternalLinkage, f.symbol, mod_);
    set_target_attrs(typed);
    fn_ = typed;
    b_.SetInsertPoint(BasicBlock::Create(ctx_, "entry", typed));
    auto ti = typed->arg_begin();
    llvm::Value* tc = &*ti++;
    llvm::Value* out = &*ti++;
    llvm::Value* slots = b_.CreateAlloca(ptr_, llvm::ConstantInt::get(i64_, std::max<size_t>(1, f.params.size())));
    for (size_t i = 0; i < f.params.size(); i++) {
      llvm::Value* v = &*ti++;
      llvm::Value* cell = v;
      if (f.params[i]->type->kind != TypeKind::Tuple) {
        cell = b_.CreateAlloca(v->getType());
        b_.CreateStore(v, cell);
      }
      b_.CreateStore(cell, b_.CreateConstInBoundsGEP1_64(ptr_, slots, i));
    }
    if (has_tensor) {
      auto tinv = mod_.getOrInsertFunction("hxrt_tensor_invoke", i32_, ptr_, ptr_, ptr_, ptr_, ptr_, ptr_);
      b_.CreateRet(b_.CreateCall(tinv, {tc, body, cstring(f.display), cstring(tensor_sig), slots, out}));
      return;
    }
    b_.CreateRet(b_.CreateCall(rt_invoke_, {tc, body, slots, out}));
  }

  /// hx_manifest: one line per entry, "Module.fun/N<TAB>symbol<TAB>result<TAB>args".
  void define_manifest() {
    std::string m;
    for (auto& f : prog_.functions) {
      if (!f->is_entry) continue;
      m += f->display + "\t" + f->symbol + "\t" + type_descriptor(f->result) + "\t";
      for (size_t i = 0; i < f->params.size(); i++) m += (i ? "," : "") + type_descriptor(f->params[i]->type);
      m += "\n";
    }
    auto* init = llvm::ConstantDataArray::getString(ctx_, m, true);
    new llvm::GlobalVariable(mod_, init->getType(), true, llvm::GlobalValue::ExternalLinkage, init, "hx_manifest");
    // --target=opencl: what the runtime does when no device can run the
    // kernels (runtime/opencl.c reads it): 1 = --fallback=cpu, the CPU code
    // with a warning; 0 = a RuntimeError.
    if (opts_.opencl)
      new llvm::GlobalVariable(mod_, i32_, true, llvm::GlobalValue::ExternalLinkage,
                               llvm::ConstantInt::get(i32_, opts_.opencl_fallback_cpu ? 1 : 0), "hx_opencl_fallback");
  }
};

llvm::OptimizationLevel opt_level(int o) {
  switch (o) {
    case 0: return llvm::OptimizationLevel::O0;
    case 1: return llvm::OptimizationLevel::O1;
    case 2: return llvm::OptimizationLevel::O2;
    default: return llvm::OptimizationLevel::O3;
  }
}

}  // namespace

bool compile(const ir::Program& p, const Options& opts, Emit what, std::string& out, std::string& err) {
  static bool init = [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    return true;
  }();
  (void)init;
  TargetInfo ti = target_for(opts.cpu);
  std::string lookup_err;
  const llvm::Target* target = llvm::TargetRegistry::lookupTarget(ti.triple, lookup_err);
  if (!target) {
    err = "no LLVM target for " + ti.triple + ": " + lookup_err;
    return false;
  }
  llvm::TargetOptions to;
  auto cg_opt = opts.opt_level == 0 ? llvm::CodeGenOpt::None : llvm::CodeGenOpt::Aggressive;
  std::unique_ptr<llvm::TargetMachine> tm(
      target->createTargetMachine(ti.triple, ti.cpu, ti.features, to, llvm::Reloc::PIC_, llvm::None, cg_opt));
  if (!tm) {
    err = "cannot create a target machine for cpu '" + ti.cpu + "'";
    return false;
  }
  LLVMContext ctx;
  llvm::Module mod("hastec", ctx);
  mod.setTargetTriple(ti.triple);
  mod.setDataLayout(tm->createDataLayout());
  Codegen cg(p, opts, ctx, mod, ti);
  if (!cg.run(err)) return false;
  if (!cg.kernel_errors_.empty()) {
    // A kernel Clang rejects is a bug in hastec, caught here at build time.
    err = "generated OpenCL C does not compile:\n" + cg.kernel_errors_;
    return false;
  }
  if (what == Emit::OpenCL) {
    out = cg.kernels_;
    return true;
  }

  {
    llvm::LoopAnalysisManager lam;
    llvm::FunctionAnalysisManager fam;
    llvm::CGSCCAnalysisManager cgam;
    llvm::ModuleAnalysisManager mam;
    llvm::PipelineTuningOptions pto;
    pto.LoopVectorization = true;
    pto.SLPVectorization = true;
    llvm::PassBuilder pb(tm.get(), pto);
    pb.registerModuleAnalyses(mam);
    pb.registerCGSCCAnalyses(cgam);
    pb.registerFunctionAnalyses(fam);
    pb.registerLoopAnalyses(lam);
    pb.crossRegisterProxies(lam, fam, cgam, mam);
    llvm::ModulePassManager mpm;
    if (opts.opt_level > 0) {
      mpm = pb.buildPerModuleDefaultPipeline(opt_level(opts.opt_level));
    } else {
      // Self tail calls are jumps already (emit_self_tail_call); at -O0
      // TailCallElim stays as a backstop for tail calls in shapes the code
      // generator does not see as tail position (e.g. `r = f(n - 1); r`).
      llvm::FunctionPassManager fpm;
      fpm.addPass(llvm::PromotePass());
      fpm.addPass(llvm::TailCallElimPass());
      mpm.addPass(llvm::createModuleToFunctionPassAdaptor(std::move(fpm)));
    }
    mpm.run(mod, mam);
  }

  if (what == Emit::LLVM) {
    llvm::raw_string_ostream os(out);
    mod.print(os, nullptr);
    os.flush();
    return true;
  }
  llvm::SmallVector<char, 0> buf;
  llvm::raw_svector_ostream os(buf);
  llvm::legacy::PassManager pm;
  auto ft = what == Emit::Asm ? llvm::CGFT_AssemblyFile : llvm::CGFT_ObjectFile;
  if (tm->addPassesToEmitFile(pm, os, nullptr, ft)) {
    err = "the target cannot emit this file type";
    return false;
  }
  pm.run(mod);
  out.assign(buf.begin(), buf.end());
  return true;
}

}  // namespace hx::codegen
