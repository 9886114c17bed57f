# RUN: %hastec build %s --emit=llvm -O0 | FileCheck %s
# Each entry point gets: an internal typed body hxf.<key>, an internal
# unpacking wrapper hxb.SYM, the generic C entry hxe_SYM(ctx, args, ret)
# that runs hxb.SYM under hxrt_invoke, and the typed C entry SYM(ctx, out,
# args...) (booleans as i8). hx_manifest lists the entries, one per line:
# display, symbol, result descriptor, argument descriptors.

defmodule Entry do
  @spec scale(float(), integer()) :: float()
  def scale(x, k), do: x * k

  @spec evens([integer()]) :: [integer()]
  def evens(xs), do: Enum.filter(xs, &(rem(&1, 2) == 0))

  @spec flip?(boolean()) :: boolean()
  def flip?(b), do: not b
end

# CHECK:     [[MSG:@.str.[0-9]+]] = private unnamed_addr constant [{{[0-9]+}} x i8] c"argument 1 of Entry.evens/1 must be a list of integer\00"
# CHECK:     @hx_manifest = constant [{{[0-9]+}} x i8] c"Entry.scale/2\09Entry_scale\09f\09f,i\0AEntry.evens/1\09Entry_evens\09[i]\09[i]\0AEntry.flip?/1\09Entry_flip_p\09b\09b\0A\00"
# CHECK-DAG: declare ptr @hxrt_alloc(ptr, i32, i64)
# CHECK-DAG: declare void @hxrt_raise(ptr, i32, ptr, ptr)
# CHECK-DAG: declare i32 @hxrt_invoke(ptr, ptr, ptr, ptr)

# CHECK:     define internal double @"hxf.Entry.scale/2(float,integer)"(ptr %0, double %x, i64 %k)
# CHECK:     define internal ptr @"hxf.Entry.evens/1([integer])"(ptr %0, ptr %xs)
# CHECK:     define internal i1 @"hxf.Entry.flip?/1(boolean)"(ptr %0, i1 %b)

# CHECK-LABEL: define internal void @hxb.Entry_scale(ptr %0, ptr %1, ptr %2)
# CHECK:         call double @"hxf.Entry.scale/2(float,integer)"(
# CHECK-LABEL: define i32 @hxe_Entry_scale(ptr %0, ptr %1, ptr %2)
# CHECK-NEXT:  entry:
# CHECK-NEXT:    [[R:%[0-9]+]] = {{(tail )?}}call i32 @hxrt_invoke(ptr %0, ptr @hxb.Entry_scale, ptr %1, ptr %2)
# CHECK-NEXT:    ret i32 [[R]]
# CHECK-LABEL: define i32 @Entry_scale(ptr %0, ptr %1, double %2, i64 %3)
# CHECK:         call i32 @hxrt_invoke(ptr %0, ptr @hxb.Entry_scale,

# CHECK-LABEL: define internal void @hxb.Entry_evens(ptr %0, ptr %1, ptr %2)
# CHECK:         call void @hxrt_raise(ptr %0, i32 {{[0-9]+}}, ptr [[MSG]], ptr null)
# CHECK:         call i32 @hx_array_kind(
# CHECK-LABEL: define i32 @hxe_Entry_evens(ptr %0, ptr %1, ptr %2)
# CHECK-LABEL: define i32 @Entry_evens(ptr %0, ptr %1, ptr %2)

# CHECK-LABEL: define internal void @hxb.Entry_flip_p(ptr %0, ptr %1, ptr %2)
# CHECK-LABEL: define i32 @hxe_Entry_flip_p(ptr %0, ptr %1, ptr %2)
# CHECK-LABEL: define i32 @Entry_flip_p(ptr %0, ptr %1, i8 %2)
