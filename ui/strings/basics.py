"""Strings of the Tensors & NumPy, Autograd, Activation functions and Devices & GPU pages."""

STRINGS = {
    # ================================================================== Tensors & NumPy
    "tensors.intro": {
        "en": "Torch calls itself the NumPy of neural networks: a tensor is an n-dimensional array "
              "like NumPy's, but it can live on a GPU and it can remember how it was computed. "
              "Converting between the two is cheap because, on the CPU, they can share the very "
              "same memory.",
        "zh": "Torch 自称神经网络界的 NumPy：张量（tensor）和 NumPy 的数组一样是 n 维数组，但它可以放在 "
              "GPU 上，还能记住自己是怎么算出来的。两者之间的转换几乎不花时间，因为在 CPU 上它们可以共享"
              "同一块内存。",
    },
    "tensors.tab.share": {"en": "Shared memory", "zh": "共享内存"},
    "tensors.tab.math": {"en": "The same math", "zh": "同样的运算"},
    "tensors.tab.shape": {"en": "Shape lab", "zh": "形状实验室"},
    "tensors.tab.dtype": {"en": "dtypes and .to()", "zh": "数据类型与 .to()"},
    "tensors.yes": {"en": "yes", "zh": "是"},
    "tensors.no": {"en": "no", "zh": "否"},
    "tensors.bad_input": {"en": "Cannot use this input: {error}", "zh": "无法使用这个输入：{error}"},
    "tensors.share.explain": {
        "en": "Each row builds an array `a` and a tensor `t` from your numbers in a different way, "
              "then writes the new value into one of them. When the two share memory, the other "
              "one shows the new value too; when one is a copy, it keeps the old numbers.",
        "zh": "每一行用不同的方式从你的数字构造数组 `a` 和张量 `t`，然后把新值写进其中一个。如果两者共享"
              "内存，另一个也会显示新值；如果其中一个是副本，它会保留原来的数字。",
    },
    "tensors.share.values": {"en": "Numbers", "zh": "数字"},
    "tensors.share.index": {"en": "Index to edit", "zh": "要修改的下标"},
    "tensors.share.new_value": {"en": "New value", "zh": "新值"},
    "tensors.share.device": {"en": "Device for .to()", "zh": ".to() 的设备"},
    "tensors.share.col.code": {"en": "code", "zh": "代码"},
    "tensors.share.col.numpy": {"en": "a (NumPy) afterwards", "zh": "之后的 a（NumPy）"},
    "tensors.share.col.torch": {"en": "t (torch) afterwards", "zh": "之后的 t（torch）"},
    "tensors.share.col.shares": {"en": "same memory", "zh": "同一内存"},
    "tensors.share.col.changed": {"en": "other side changed", "zh": "另一方改变"},
    "tensors.share.why.from_numpy": {
        "en": "`torch.from_numpy` wraps the array's buffer: no copy, so an edit of `a` is an edit of `t`.",
        "zh": "`torch.from_numpy` 直接包装数组的缓冲区，没有复制，所以修改 `a` 就是修改 `t`。",
    },
    "tensors.share.why.numpy": {
        "en": "`.numpy()` on a CPU tensor returns a view of the tensor's memory: an in-place edit "
              "of `t` shows in `a`.",
        "zh": "对 CPU 张量调用 `.numpy()` 得到的是张量内存的视图：原地修改 `t`，`a` 也会变。",
    },
    "tensors.share.why.tensor_copy": {
        "en": "`torch.tensor(a)` always copies the data, so the two are independent from then on.",
        "zh": "`torch.tensor(a)` 总是复制数据，此后两者互不影响。",
    },
    "tensors.share.why.clone": {
        "en": "`.clone()` copies into new memory: the way to get a tensor you can change freely.",
        "zh": "`.clone()` 复制到新的内存：想要一个可以随意修改的张量，就用它。",
    },
    "tensors.share.why.dtype_copy": {
        "en": "float64 numbers take 8 bytes and float32 numbers 4, so changing the dtype needs "
              "new memory: a copy.",
        "zh": "float64 每个数占 8 字节，float32 占 4 字节，所以改变数据类型需要新的内存，也就是复制。",
    },
    "tensors.share.why.to_cpu": {
        "en": "`.to('cpu')` on a tensor that is already on the CPU does nothing and returns the same "
              "tensor, so the memory is still shared. On a GPU, `.to('cuda')` copies into GPU memory "
              "and the link is gone.",
        "zh": "对已经在 CPU 上的张量调用 `.to('cpu')` 什么也不做，返回的是同一个张量，所以仍然共享内存。"
              "如果是 GPU，`.to('cuda')` 会复制到显存，联系就断开了。",
    },
    "tensors.share.why.to_gpu": {
        "en": "`.to()` another device copies the numbers into that device's memory: the GPU tensor "
              "no longer sees edits of the NumPy array.",
        "zh": "`.to()` 到另一个设备会把数字复制到该设备的内存：GPU 上的张量不再看到 NumPy 数组的修改。",
    },
    "tensors.math.explain": {
        "en": "The course's comparison: the same functions in NumPy and in torch give the same "
              "numbers. The course builds `torch.FloatTensor(data)` (float32) while NumPy computes in "
              "float64, so a few results differ in the 8th digit.",
        "zh": "课程中的对比：NumPy 和 torch 的同名函数给出同样的结果。课程用 `torch.FloatTensor(data)`"
              "（float32），而 NumPy 用 float64 计算，所以少数结果在第 8 位有效数字上略有不同。",
    },
    "tensors.math.data": {"en": "data (a vector)", "zh": "data（向量）"},
    "tensors.math.matrix": {"en": "matrix (rows separated by ';')", "zh": "矩阵（行之间用 ';' 分隔）"},
    "tensors.math.col.numpy_code": {"en": "NumPy", "zh": "NumPy"},
    "tensors.math.col.numpy": {"en": "NumPy result", "zh": "NumPy 结果"},
    "tensors.math.col.torch_code": {"en": "torch", "zh": "torch"},
    "tensors.math.col.torch": {"en": "torch result", "zh": "torch 结果"},
    "tensors.math.col.diff": {"en": "max |difference|", "zh": "最大 |差值|"},
    "tensors.math.diff_note": {
        "en": "Largest difference between the two libraries here: {worst} (float32 against float64).",
        "zh": "这里两个库之间的最大差值：{worst}（float32 对 float64）。",
    },
    "tensors.math.mm_vs_mul": {
        "en": "Mind the two products: `torch.mm(t, t)` and `t @ t` are the matrix product (rows "
              "times columns, summed), while `t * t` multiplies entry by entry. For [[1, 2], [3, 4]] "
              "that is [[7, 10], [15, 22]] against [[1, 4], [9, 16]].",
        "zh": "注意两种乘法：`torch.mm(t, t)` 和 `t @ t` 是矩阵乘法（行乘列再求和），而 `t * t` 是逐元素"
              "相乘。对 [[1, 2], [3, 4]] 来说，结果分别是 [[7, 10], [15, 22]] 和 [[1, 4], [9, 16]]。",
    },
    "tensors.shape.explain": {
        "en": "Choose a shape and an operation. The input is `torch.arange(n)` laid out in that shape, "
              "so every value tells you where it came from. You see the result's shape, strides and "
              "values, or torch's real error message with an explanation.",
        "zh": "选一个形状和一个操作。输入是按该形状排列的 `torch.arange(n)`，所以每个值都能说明它来自哪里。"
              "你会看到结果的形状、步长（stride）和数值，或者 torch 真实的报错信息以及解释。",
    },
    "tensors.shape.shape": {"en": "Shape of x", "zh": "x 的形状"},
    "tensors.shape.op": {"en": "Operation", "zh": "操作"},
    "tensors.shape.arg": {"en": "Argument", "zh": "参数"},
    "tensors.shape.arg_help": {
        "en": "Sizes or dims separated by commas; for index, Python syntax such as 0, 1:3 or ..., None.",
        "zh": "用逗号分隔的尺寸或维度；index 使用 Python 语法，例如 0, 1:3 或 ..., None。",
    },
    "tensors.shape.transposed": {"en": "Start from a transposed x", "zh": "从转置后的 x 开始"},
    "tensors.shape.transposed_help": {
        "en": "The same shape, built by transposing a contiguous tensor: its strides are not row-major.",
        "zh": "形状相同，但由一个连续张量转置得到：它的步长不是按行优先排列的。",
    },
    "tensors.shape.input": {"en": "Input", "zh": "输入"},
    "tensors.shape.result": {"en": "Result", "zh": "结果"},
    "tensors.shape.facts": {
        "en": "shape `{shape}` · strides `{strides}` · contiguous: {contiguous}",
        "zh": "形状 `{shape}` · 步长 `{strides}` · 连续：{contiguous}",
    },
    "tensors.shape.view": {
        "en": "**A view**: the result reads x's memory, nothing was copied; writing into it writes into x.",
        "zh": "**视图**：结果读取的是 x 的内存，没有复制；向它写入就是向 x 写入。",
    },
    "tensors.shape.copy": {
        "en": "**A copy**: the result has memory of its own.",
        "zh": "**副本**：结果拥有自己的内存。",
    },
    "tensors.shape.error": {"en": "torch says: {error}", "zh": "torch 报错：{error}"},
    "tensors.shape.strides_note": {
        "en": "Strides: how many elements to skip in memory to move one step along each dim. "
              "A tensor of shape (2, 3) stored row by row has strides (3, 1); its transpose has "
              "shape (3, 2) and strides (1, 3), the same memory read in another order.",
        "zh": "步长：沿每个维度移动一步，在内存中要跳过多少个元素。按行存储的 (2, 3) 张量步长是 (3, 1)；"
              "它的转置形状是 (3, 2)、步长是 (1, 3)，是用另一种顺序读取同一块内存。",
    },
    "tensors.op.view": {
        "en": "view: the same memory read with a new shape (-1 = inferred). Needs compatible strides.",
        "zh": "view：用新的形状读取同一块内存（-1 表示自动推断）。要求步长兼容。",
    },
    "tensors.op.reshape": {
        "en": "reshape: like view when possible, otherwise it copies. Always works if the sizes match.",
        "zh": "reshape：能用 view 时就是 view，否则复制。只要元素个数相同总能成功。",
    },
    "tensors.op.squeeze": {
        "en": "squeeze: removes dims of size 1 (all of them, or the given one if its size is 1).",
        "zh": "squeeze：去掉大小为 1 的维度（全部，或指定的那个，若其大小为 1）。",
    },
    "tensors.op.unsqueeze": {
        "en": "unsqueeze: inserts a dim of size 1 at the given position.",
        "zh": "unsqueeze：在指定位置插入一个大小为 1 的维度。",
    },
    "tensors.op.expand": {
        "en": "expand: repeats size-1 dims without copying (stride 0). -1 keeps a size.",
        "zh": "expand：不复制地扩展大小为 1 的维度（步长为 0）。-1 表示保持原大小。",
    },
    "tensors.op.repeat": {
        "en": "repeat: tiles the tensor, copying the data, like NumPy's np.tile.",
        "zh": "repeat：把张量平铺复制，类似 NumPy 的 np.tile。",
    },
    "tensors.op.transpose": {
        "en": "transpose: swaps two dims by swapping their strides; no copy.",
        "zh": "transpose：交换两个维度（交换它们的步长），不复制。",
    },
    "tensors.op.permute": {
        "en": "permute: puts all dims in a new order (every dim exactly once); no copy.",
        "zh": "permute：把所有维度按新顺序排列（每个维度恰好出现一次），不复制。",
    },
    "tensors.op.cat": {
        "en": "cat: joins (x, x) along an existing dim, which grows.",
        "zh": "cat：沿已有的维度拼接 (x, x)，该维度变长。",
    },
    "tensors.op.stack": {
        "en": "stack: joins (x, x) along a new dim inserted at the given position.",
        "zh": "stack：沿在指定位置插入的新维度堆叠 (x, x)。",
    },
    "tensors.op.index": {
        "en": "indexing: x[...] with ints (drop a dim), slices a:b:c, ... and None (new dim).",
        "zh": "索引：x[...]，可用整数（去掉该维）、切片 a:b:c、... 和 None（新维度）。",
    },
    "tensors.op.masked_select": {
        "en": "masked_select: the entries where x > threshold, as a 1-D copy.",
        "zh": "masked_select：取出 x > 阈值 的元素，结果是一维副本。",
    },
    "tensors.op.take": {
        "en": "take: entries by position in the flattened tensor (row-major order).",
        "zh": "take：按展平后（行优先）的位置取元素。",
    },
    "tensors.op.contiguous": {
        "en": "contiguous: a row-major copy if the tensor is not contiguous, otherwise x itself.",
        "zh": "contiguous：若张量不连续，则复制成行优先排列；否则就是 x 本身。",
    },
    "tensors.err.view_stride": {
        "en": "view never copies, and this tensor's elements are not laid out row by row (look at "
              "its strides), so no new shape can be read off the same memory. Use `.reshape(...)`, "
              "or `.contiguous().view(...)`, which copy first.",
        "zh": "view 从不复制，而这个张量的元素不是按行排列的（看它的步长），所以无法在同一块内存上读出"
              "新形状。请用 `.reshape(...)` 或 `.contiguous().view(...)`，它们会先复制。",
    },
    "tensors.err.infer_twice": {
        "en": "Only one size can be -1: with two unknowns the new shape is not determined.",
        "zh": "只能有一个尺寸是 -1：两个未知数无法确定新形状。",
    },
    "tensors.err.numel_mismatch": {
        "en": "The new shape must hold exactly as many elements as x has (the product of the sizes). "
              "Use -1 for one size to let torch work it out.",
        "zh": "新形状的元素个数（各尺寸之积）必须与 x 相同。可以把一个尺寸写成 -1 让 torch 自动计算。",
    },
    "tensors.err.dim_out_of_range": {
        "en": "That dim does not exist: a tensor with k dims has dims 0 … k-1 (or -k … -1 from the end).",
        "zh": "该维度不存在：k 维张量的维度编号是 0 … k-1（或从末尾数 -k … -1）。",
    },
    "tensors.err.expand_mismatch": {
        "en": "expand can only grow dims of size 1 (it repeats them with stride 0). To copy a "
              "larger dim several times, use repeat.",
        "zh": "expand 只能扩展大小为 1 的维度（以步长 0 重复）。要把较大的维度复制多次，请用 repeat。",
    },
    "tensors.err.expand_too_few": {
        "en": "expand needs at least one size per dim of x (it can add new dims in front, never drop one).",
        "zh": "expand 需要为 x 的每个维度给出尺寸（可以在前面增加新维度，但不能减少）。",
    },
    "tensors.err.repeat_too_few": {
        "en": "repeat needs one count per dim of x (at least): give e.g. `1, 2` for a 2-D tensor.",
        "zh": "repeat 至少要为 x 的每个维度给一个次数：例如二维张量写 `1, 2`。",
    },
    "tensors.err.permute_dims": {
        "en": "permute needs every dim of x exactly once, e.g. `2, 0, 1` for a 3-D tensor.",
        "zh": "permute 需要 x 的每个维度恰好出现一次，例如三维张量写 `2, 0, 1`。",
    },
    "tensors.err.too_many_indices": {
        "en": "More indices than x has dims: each int or slice consumes one dim.",
        "zh": "索引个数超过了 x 的维数：每个整数或切片占用一个维度。",
    },
    "tensors.err.index_out_of_range": {
        "en": "An index is past the end: along a dim of size n, valid indices are 0 … n-1 (or -n … -1).",
        "zh": "索引越界：在大小为 n 的维度上，合法的索引是 0 … n-1（或 -n … -1）。",
    },
    "tensors.err.negative_size": {
        "en": "Sizes must be positive; only -1 has a meaning (infer this size).",
        "zh": "尺寸必须为正；只有 -1 有特殊含义（自动推断该尺寸）。",
    },
    "tensors.err.bad_argument": {
        "en": "The argument could not be read: see the operation's description above for its format.",
        "zh": "无法读取参数：格式请看上方该操作的说明。",
    },
    "tensors.err.other": {
        "en": "torch refused this combination; the message above is torch's own.",
        "zh": "torch 拒绝了这个组合；上面是 torch 自己的报错信息。",
    },
    "tensors.dtype.explain": {
        "en": "A dtype fixes how each number is stored. The same values converted with `.to(dtype)`: "
              "floats round to their precision (float16 overflows above 65504), integers cut the "
              "fraction towards zero, bool keeps only zero / non-zero.",
        "zh": "数据类型决定每个数怎样存储。同样的数值用 `.to(dtype)` 转换：浮点数按精度舍入（float16 超过 "
              "65504 会溢出），整数向零截断小数部分，bool 只保留是否为零。",
    },
    "tensors.dtype.values": {"en": "Values (float64)", "zh": "数值（float64）"},
    "tensors.dtype.col.bytes": {"en": "bytes each", "zh": "每个字节数"},
    "tensors.dtype.col.values": {"en": "after .to(dtype)", "zh": ".to(dtype) 之后"},
    "tensors.dtype.col.error": {"en": "max round-trip error", "zh": "往返最大误差"},
    "tensors.dtype.col.eps": {"en": "step after 1 (eps)", "zh": "1 之后的间隔（eps）"},
    "tensors.dtype.col.max": {"en": "largest value", "zh": "最大值"},
    "tensors.dtype.note": {
        "en": "Round-trip error: convert to the dtype and back to float64, compare. Neural networks "
              "train in float32 by default; float16 and bfloat16 halve the memory.",
        "zh": "往返误差：转换成该类型再转回 float64 后比较。神经网络默认用 float32 训练；float16 和 "
              "bfloat16 可以把内存减半。",
    },
    "tensors.dtype.promotion": {"en": "Type promotion", "zh": "类型提升"},
    "tensors.dtype.promotion_explain": {
        "en": "When two dtypes meet, the result gets a type that can hold both; each line below was "
              "computed just now.",
        "zh": "两种类型相遇时，结果取能容纳两者的类型；下面每一行都是刚刚计算出来的。",
    },
    "tensors.dtype.col.op": {"en": "operation", "zh": "运算"},
    "tensors.dtype.col.result": {"en": "result dtype", "zh": "结果类型"},
    "tensors.to.title": {"en": ".to(device) and .to(dtype)", "zh": ".to(device) 与 .to(dtype)"},
    "tensors.to.same": {
        "en": "Nothing had to change, so `.to()` returned the very same tensor object: no copy.",
        "zh": "没有什么需要改变，所以 `.to()` 返回的是同一个张量对象：没有复制。",
    },
    "tensors.to.copy": {
        "en": "`.to()` made a new tensor on {device}; the original stays where it was.",
        "zh": "`.to()` 在 {device} 上创建了新张量；原来的张量留在原处。",
    },
    # ================================================================== Autograd
    "autograd.intro": {
        "en": "A tensor created with `requires_grad=True` is watched: every operation on it is "
              "recorded in a graph, and `backward()` walks that graph from the result back to the "
              "inputs, applying the chain rule. The gradients land in `.grad` of the inputs.",
        "zh": "用 `requires_grad=True` 创建的张量会被追踪：对它的每个运算都记录在一张计算图里，"
              "`backward()` 从结果沿着这张图反向走回输入，应用链式法则。梯度保存在输入的 `.grad` 中。",
    },
    "autograd.bad_input": {"en": "Cannot use this input: {error}", "zh": "无法使用这个输入：{error}"},
    "autograd.course.title": {"en": "The course's example", "zh": "课程中的例子"},
    "autograd.course.v": {"en": "Entries of v (edit them):", "zh": "v 的元素（可编辑）："},
    "autograd.course.w": {"en": "Entries of w (2 × 1):", "zh": "w 的元素（2 × 1）："},
    "autograd.course.expression": {"en": "Expression", "zh": "表达式"},
    "autograd.course.result": {
        "en": "out = **{out}** · gradient v.grad = `{grad}`",
        "zh": "out = **{out}** · 梯度 v.grad = `{grad}`",
    },
    "autograd.course.check": {
        "en": "out = (1/4)·Σ v², so ∂out/∂v = 2v/4 = v/2 = `{half}`. Same as autograd: {equal}.",
        "zh": "out = (1/4)·Σ v²，所以 ∂out/∂v = 2v/4 = v/2 = `{half}`。与 autograd 一致：{equal}。",
    },
    "autograd.course.w_grad": {"en": "w.grad = `{grad}`", "zh": "w.grad = `{grad}`"},
    "autograd.graph.title": {"en": "The graph autograd recorded", "zh": "autograd 记录的计算图"},
    "autograd.graph.explain": {
        "en": "Each box is a `grad_fn`: the function that knows how to send a gradient back through "
              "one operation. Blue boxes are the leaves you created; `AccumulateGrad` adds the "
              "gradient into their `.grad`. Arrows follow the forward pass; backward runs them in "
              "reverse. Two arrows from v into `MulBackward0` mean v was used twice (v * v).",
        "zh": "每个方框是一个 `grad_fn`：知道如何把梯度反向传过某一个运算的函数。蓝色方框是你创建的叶子"
              "张量；`AccumulateGrad` 把梯度累加到它们的 `.grad` 中。箭头沿前向计算的方向，反向传播逆着"
              "箭头走。从 v 指向 `MulBackward0` 的两条箭头表示 v 用了两次（v * v）。",
    },
    "autograd.vector.title": {"en": "backward(gradient) on a non-scalar", "zh": "对非标量调用 backward(gradient)"},
    "autograd.vector.explain": {
        "en": "`backward()` without arguments needs a single number. For a tensor output y, pass "
              "a `gradient` of y's shape: autograd then computes the gradient of Σ gradient·y, a "
              "vector-Jacobian product. With 1/4 everywhere it is exactly what `mean` does.",
        "zh": "不带参数的 `backward()` 要求输出是一个数。对于张量输出 y，需要传入与 y 形状相同的 `gradient`："
              "autograd 会计算 Σ gradient·y 的梯度，即向量-雅可比积。全部取 1/4 时正好就是 `mean` 所做的事。",
    },
    "autograd.vector.gradient": {"en": "gradient (same shape as y):", "zh": "gradient（与 y 形状相同）："},
    "autograd.vector.result": {
        "en": "Result: v.grad = 2 · v · gradient = `{grad}`",
        "zh": "结果：v.grad = 2 · v · gradient = `{grad}`",
    },
    "autograd.tracking.title": {"en": "no_grad and detach", "zh": "no_grad 与 detach"},
    "autograd.tracking.explain": {
        "en": "Inside `with torch.no_grad():` nothing is recorded: used for evaluation and for "
              "updating weights. `v.detach()` gives the same numbers (the same memory) without "
              "history, so nothing computed from it flows back into v.",
        "zh": "在 `with torch.no_grad():` 中不记录任何运算：用于模型评估和更新权重。`v.detach()` 给出"
              "相同的数（同一块内存）但没有计算历史，因此由它算出的东西不会把梯度传回 v。",
    },
    "autograd.tracking.col.code": {"en": "code", "zh": "代码"},
    "autograd.tracking.col.shares": {"en": "same memory as v", "zh": "与 v 同一内存"},
    "autograd.accumulate.title": {"en": "Gradients accumulate", "zh": "梯度会累加"},
    "autograd.accumulate.explain": {
        "en": "`backward()` adds into `.grad`; it never overwrites. Call it several times on "
              "mean(v*v) and v.grad grows: v/2, then v, then 3v/2 … That is why every training "
              "loop calls `optimizer.zero_grad()` before `loss.backward()`.",
        "zh": "`backward()` 是往 `.grad` 里累加，而不是覆盖。对 mean(v*v) 多次调用，v.grad 会变大："
              "v/2、v、3v/2……所以每个训练循环都在 `loss.backward()` 之前调用 `optimizer.zero_grad()`。",
    },
    "autograd.accumulate.calls": {"en": "backward() calls", "zh": "backward() 调用次数"},
    "autograd.accumulate.zero": {"en": "zero .grad before each call", "zh": "每次调用前清零 .grad"},
    "autograd.accumulate.col.call": {"en": "after call", "zh": "第几次调用后"},
    "autograd.accumulate.summed": {
        "en": "Without zeroing, after {calls} calls v.grad = {calls} · v/2.",
        "zh": "不清零时，{calls} 次调用后 v.grad = {calls} · v/2。",
    },
    "autograd.accumulate.zeroed": {
        "en": "Zeroed each time: v.grad is v/2 after every call.",
        "zh": "每次都清零：每次调用后 v.grad 都是 v/2。",
    },
    "autograd.dynamic.title": {"en": "Dynamic graph", "zh": "动态图"},
    "autograd.dynamic.explain": {
        "en": "PyTorch records the graph while your Python code runs, so loops and `if`s that "
              "depend on the data simply work: how often the loop below runs, and which branch "
              "is taken, depend on x, and each x gets its own graph.",
        "zh": "PyTorch 在 Python 代码运行时记录计算图，所以依赖数据的循环和 `if` 可以直接使用：下面的循环"
              "执行几次、走哪个分支都取决于 x，每个 x 得到自己的计算图。",
    },
    "autograd.dynamic.x": {"en": "x", "zh": "x"},
    "autograd.dynamic.limit": {"en": "limit", "zh": "limit"},
    "autograd.dynamic.result": {
        "en": "The loop doubled **{doublings}** times in all, the `if` took the **{branch}** branch, "
              "so x.grad = `{grad}` (±2 to the power {doublings}).",
        "zh": "总共翻倍了 **{doublings}** 次，`if` 走了 **{branch}** 分支，所以 x.grad = `{grad}`"
              "（±2 的 {doublings} 次方）。",
    },
    "autograd.dynamic.branch.sum": {"en": "out = y.sum()", "zh": "out = y.sum()"},
    "autograd.dynamic.branch.neg_sum": {"en": "out = (-y).sum()", "zh": "out = (-y).sum()"},
    "autograd.dynamic.static": {
        "en": "**Static graph (TensorFlow 1):** the graph is built once, before any data exists, "
              "then run many times in a session. A data-dependent loop or `if` must be written "
              "with special graph operators (`tf.while_loop`, `tf.cond`). The reward: the whole "
              "graph can be saved and optimised, and run without the Python that built it. "
              "**Dynamic graph (PyTorch):** define by run: plain Python, rebuilt on every pass, "
              "easy to debug with print.",
        "zh": "**静态图（TensorFlow 1）：** 在数据出现之前先把图建好，然后在 session 中多次运行。依赖数据的"
              "循环或 `if` 必须用专门的图运算（`tf.while_loop`、`tf.cond`）来写。好处是整张图可以保存、优化，"
              "并且可以脱离构建它的 Python 代码运行。**动态图（PyTorch）：** 边运行边定义，就是普通的 Python，"
              "每次前向都重新构建，用 print 就能调试。",
    },
    "autograd.three.title": {"en": "One network, three ways", "zh": "同一个网络，三种写法"},
    "autograd.three.explain": {
        "en": "A two-layer ReLU net (N=64 samples, D_in=1000, H=100, D_out=10, no biases, sum of "
              "squared errors, plain gradient descent) trained from the same random weights: "
              "with NumPy and gradients written by hand, with torch tensors and autograd, and "
              "with `nn.Sequential` + `optim.SGD`. All three run in float64; the curves lie on "
              "top of each other.",
        "zh": "一个两层 ReLU 网络（N=64 个样本，D_in=1000，H=100，D_out=10，无偏置，误差平方和，普通梯度"
              "下降）从相同的随机权重开始训练：用 NumPy 手写梯度、用 torch 张量加 autograd、用 "
              "`nn.Sequential` + `optim.SGD`。三者都用 float64 计算，三条曲线完全重合。",
    },
    "autograd.three.steps": {"en": "Steps", "zh": "步数"},
    "autograd.three.lr": {"en": "Learning rate", "zh": "学习率"},
    "autograd.three.seed": {"en": "Random seed", "zh": "随机种子"},
    "autograd.three.train": {"en": "Train all three", "zh": "三种写法都训练"},
    "autograd.three.press": {
        "en": "Press **Train all three**: the three loss curves and their largest difference appear here.",
        "zh": "点击 **三种写法都训练**：三条损失曲线及它们的最大差值会显示在这里。",
    },
    "autograd.three.stale": {
        "en": "The settings changed since this run: press the button to train with them.",
        "zh": "设置在这次训练之后已改变：点击按钮用新设置训练。",
    },
    "autograd.three.running": {"en": "Training three times…", "zh": "正在训练三次……"},
    "autograd.three.numpy": {"en": "NumPy, by hand", "zh": "NumPy 手写梯度"},
    "autograd.three.autograd": {"en": "torch autograd", "zh": "torch autograd"},
    "autograd.three.module": {"en": "nn.Module + optim", "zh": "nn.Module + optim"},
    "autograd.three.first": {"en": "First loss", "zh": "初始损失"},
    "autograd.three.last": {"en": "Last loss", "zh": "最终损失"},
    "autograd.three.max_diff": {"en": "Max |difference|", "zh": "最大 |差值|"},
    "autograd.three.max_rel": {"en": "Max relative difference", "zh": "最大相对差值"},
    "autograd.three.loss": {"en": "loss (log scale)", "zh": "损失（对数坐标）"},
    "autograd.three.diff_explain": {
        "en": "How far apart are they? Below, |loss − NumPy's loss| at every step: rounding noise "
              "from adding numbers in a different order, far below the 1e-5 the lesson promises.",
        "zh": "它们相差多少？下图是每一步的 |损失 − NumPy 的损失|：只是加法顺序不同带来的舍入噪声，"
              "远小于本课承诺的 1e-5。",
    },
    "autograd.three.diff_axis": {"en": "|difference| (log scale)", "zh": "|差值|（对数坐标）"},
    "autograd.three.diverged": {
        "en": "The loss became inf or NaN: this learning rate is too large. Try 1e-6.",
        "zh": "损失变成了 inf 或 NaN：学习率太大。试试 1e-6。",
    },
    "autograd.three.timing": {
        "en": "Wall time on this machine: NumPy {numpy:.2f} s · autograd {autograd:.2f} s · "
              "nn.Module {module:.2f} s.",
        "zh": "本机耗时：NumPy {numpy:.2f} 秒 · autograd {autograd:.2f} 秒 · nn.Module {module:.2f} 秒。",
    },
    # ================================================================== Activation functions
    "activations.intro": {
        "en": "Without an activation function a stack of linear layers is still one linear map. "
              "The activation bends it. Below, each function (red) and its derivative (blue, "
              "dashed) computed by autograd, on the course's grid `torch.linspace(-5, 5, 200)` "
              "and with the course's y ranges.",
        "zh": "没有激活函数，多个线性层叠在一起仍然只是一个线性变换；激活函数让它弯曲。下面是每个函数（红色）"
              "和 autograd 算出的导数（蓝色虚线），使用课程中的网格 `torch.linspace(-5, 5, 200)` 和课程的 y 轴范围。",
    },
    "activations.choose": {"en": "Functions", "zh": "函数"},
    "activations.slope": {"en": "leaky_relu slope", "zh": "leaky_relu 斜率"},
    "activations.alpha": {"en": "elu alpha", "zh": "elu 的 alpha"},
    "activations.range": {"en": "x range", "zh": "x 范围"},
    "activations.none": {"en": "Pick at least one function.", "zh": "请至少选择一个函数。"},
    "activations.bad_range": {"en": "The x range must not be empty.", "zh": "x 范围不能为空。"},
    "activations.f": {"en": "f(x)", "zh": "f(x)"},
    "activations.df": {"en": "f'(x) (autograd)", "zh": "f'(x)（autograd）"},
    "activations.ranges_note": {
        "en": "y axes: relu (-1, 5), sigmoid (-0.2, 1.2), tanh (-1.2, 1.2), softplus (-0.2, 6) as "
              "in the course. The formula under each chart is the textbook derivative; the blue "
              "curve was not drawn from it but computed by `backward()`.",
        "zh": "y 轴范围与课程一致：relu (-1, 5)、sigmoid (-0.2, 1.2)、tanh (-1.2, 1.2)、softplus (-0.2, 6)。"
              "每张图下方是教科书上的导数公式；蓝色曲线不是用公式画的，而是 `backward()` 算出来的。",
    },
    "activations.probe": {"en": "Read one point", "zh": "读取一个点"},
    "activations.col.name": {"en": "function", "zh": "函数"},
    "activations.why_derivative": {
        "en": "Why the derivative matters: backpropagation multiplies by f'(x) at every layer. "
              "sigmoid's is at most 0.25 and tanh's vanishes for large |x| (vanishing gradients); "
              "relu's is exactly 1 for x > 0 but 0 for x < 0 (a unit can die), which leaky relu "
              "and elu avoid.",
        "zh": "导数为什么重要：反向传播在每一层都要乘以 f'(x)。sigmoid 的导数最大只有 0.25，tanh 的导数在 "
              "|x| 很大时趋于零（梯度消失）；relu 在 x > 0 时导数恰好为 1，但 x < 0 时为 0（神经元可能"
              "“死掉”），leaky relu 和 elu 可以避免这一点。",
    },
    "activations.bad_input": {"en": "Cannot use this input: {error}", "zh": "无法使用这个输入：{error}"},
    "activations.softmax.title": {"en": "Softmax", "zh": "Softmax"},
    "activations.softmax.explain": {
        "en": "Softmax turns any vector of scores into probabilities: exponentiate, then divide by "
              "the sum. It acts on the whole vector at once, so it is not drawn as a curve. "
              "Dividing the scores by a temperature T first sharpens (T < 1) or flattens (T > 1) "
              "the result.",
        "zh": "Softmax 把任意一组分数变成概率：先取指数，再除以总和。它作用于整个向量，所以不能画成一条曲线。"
              "先把分数除以温度 T，会让结果更尖锐（T < 1）或更平坦（T > 1）。",
    },
    "activations.softmax.logits": {"en": "Scores z", "zh": "分数 z"},
    "activations.softmax.temperature": {"en": "Temperature T", "zh": "温度 T"},
    "activations.softmax.p": {"en": "probability", "zh": "概率"},
    "activations.softmax.sum": {"en": "Sum of probabilities", "zh": "概率之和"},
    "activations.softmax.entropy": {"en": "Entropy (nats)", "zh": "熵（nats）"},
    "activations.softmax.temperature_note": {
        "en": "Entropy 0 means all probability on one entry; log(n) means all equal. "
              "T → 0 approaches argmax, T → ∞ the uniform distribution.",
        "zh": "熵为 0 表示概率全在一个元素上；log(n) 表示全部相等。T → 0 趋近 argmax，T → ∞ 趋近均匀分布。",
    },
    # ================================================================== Devices & GPU
    "devices.intro": {
        "en": "Tensors and models live on a device: the CPU, an NVIDIA GPU (`cuda:0`, `cuda:1`, …) "
              "or an Apple GPU (`mps`). A GPU runs thousands of multiply-adds at once, so big "
              "matrix products and convolutions get much faster; everything taking part in one "
              "operation must sit on the same device.",
        "zh": "张量和模型都位于某个设备上：CPU、NVIDIA GPU（`cuda:0`、`cuda:1`……）或 Apple GPU（`mps`）。"
              "GPU 能同时进行成千上万次乘加运算，所以大矩阵乘法和卷积会快得多；参与同一个运算的所有东西"
              "必须在同一个设备上。",
    },
    "devices.yes": {"en": "yes", "zh": "是"},
    "devices.no": {"en": "no", "zh": "否"},
    "devices.cuda": {"en": "CUDA available", "zh": "CUDA 可用"},
    "devices.count": {"en": "GPU count", "zh": "GPU 数量"},
    "devices.current": {"en": "Current device", "zh": "当前设备"},
    "devices.cpu_build": {"en": "none (CPU-only build)", "zh": "无（仅 CPU 版本）"},
    "devices.build": {
        "en": "torch {torch} · built with CUDA {cuda} · CPU threads used by torch: {threads} · "
              "devices offered on the training pages: {usable}",
        "zh": "torch {torch} · 编译所用 CUDA {cuda} · torch 使用的 CPU 线程数：{threads} · "
              "训练页面提供的设备：{usable}",
    },
    "devices.col.index": {"en": "device", "zh": "设备"},
    "devices.col.name": {"en": "name", "zh": "名称"},
    "devices.col.memory": {"en": "memory (GiB)", "zh": "显存（GiB）"},
    "devices.col.free": {"en": "free (GiB)", "zh": "可用（GiB）"},
    "devices.col.capability": {"en": "compute capability", "zh": "计算能力"},
    "devices.col.sms": {"en": "multiprocessors", "zh": "多处理器数"},
    "devices.col.device": {"en": "device", "zh": "设备"},
    "devices.col.work": {"en": "work", "zh": "任务"},
    "devices.col.rate": {"en": "rate", "zh": "速率"},
    "devices.no_gpu": {
        "en": "No GPU on this machine: every page runs on the CPU, and the figures below are CPU "
              "figures. A GPU would add a `cuda:0` choice to every device control; big matrix "
              "products typically run tens of times faster there, while tiny ones are no faster "
              "(launching the work costs more than doing it).",
        "zh": "这台机器没有 GPU：所有页面都在 CPU 上运行，下面的数字都是 CPU 的数字。有 GPU 时，每个设备"
              "选择框都会多出 `cuda:0`；大矩阵乘法通常能快几十倍，而很小的运算不会更快（启动运算的开销比"
              "运算本身还大）。",
    },
    "devices.timing.title": {"en": "The same work on each device", "zh": "同样的任务在各设备上的耗时"},
    "devices.timing.explain": {
        "en": "n × n matrix products (2n³ floating-point operations each) and one training step "
              "of the course's CNN (page 11) on a batch of 28 × 28 images. Timed properly: a "
              "warm-up run first, then the clock is read only after `synchronize`, because GPU "
              "calls return before the GPU has finished; the median of the repeats is kept.",
        "zh": "n × n 矩阵乘法（每次 2n³ 次浮点运算），以及课程 CNN（第 11 页）在一批 28 × 28 图片上的一次"
              "训练步骤。正确的计时方法：先预热一次，只有在 `synchronize` 之后才读时钟，因为 GPU 调用在 GPU "
              "完成之前就返回了；取多次重复的中位数。",
    },
    "devices.timing.sizes": {"en": "Matrix sizes n", "zh": "矩阵大小 n"},
    "devices.timing.batch": {"en": "CNN batch", "zh": "CNN 批大小"},
    "devices.timing.repeats": {"en": "Repeats", "zh": "重复次数"},
    "devices.timing.devices": {"en": "Devices", "zh": "设备"},
    "devices.timing.again": {"en": "Measure again", "zh": "重新测量"},
    "devices.timing.running": {"en": "Timing…", "zh": "正在计时……"},
    "devices.timing.no_sizes": {"en": "Pick at least one matrix size.", "zh": "请至少选择一个矩阵大小。"},
    "devices.timing.n": {"en": "n (matrix is n × n)", "zh": "n（矩阵为 n × n）"},
    "devices.timing.seconds": {"en": "seconds per product (log)", "zh": "每次乘法的秒数（对数）"},
    "devices.timing.cnn_step": {"en": "CNN step, batch {batch}", "zh": "CNN 一步，批大小 {batch}"},
    "devices.timing.images": {"en": "{rate:.0f} images/s", "zh": "{rate:.0f} 张图片/秒"},
    "devices.timing.speedup": {"en": "speed-up over CPU (×)", "zh": "相对 CPU 的加速比（×）"},
    "devices.timing.speedup_explain": {
        "en": "Speed-up = CPU time / device time for the same work. Small products gain little "
              "or even lose: each GPU call has a fixed launch cost of several microseconds.",
        "zh": "加速比 = 同样任务的 CPU 时间 / 设备时间。小矩阵收益很小甚至更慢：每次 GPU 调用都有几微秒的"
              "固定启动开销。",
    },
    "devices.timing.cpu_only": {
        "en": "Only the CPU was timed, so there is no speed-up to show. On a machine with a GPU "
              "this section adds a curve per GPU and a speed-up chart.",
        "zh": "只测了 CPU，所以没有加速比可显示。在有 GPU 的机器上，这里会为每个 GPU 增加一条曲线和一张"
              "加速比图。",
    },
    "devices.timing.threads": {
        "en": "CPU figures use {threads} torch thread(s): this app gives each user's work one thread.",
        "zh": "CPU 数字使用 {threads} 个 torch 线程：本应用为每个用户的任务分配一个线程。",
    },
    "devices.mixed.title": {"en": "Model and data on different devices", "zh": "模型和数据在不同设备上"},
    "devices.mixed.explain": {
        "en": "The most common GPU mistake: the model was moved with `.to(device)` but a batch of "
              "data was not (or the other way round). Press the button to run it for real.",
        "zh": "最常见的 GPU 错误：模型用 `.to(device)` 移过去了，但某一批数据没有移（或者反过来）。点击按钮真实运行一次。",
    },
    "devices.mixed.meta": {
        "en": "No GPU here, so the model goes to the \"meta\" device instead: a device every torch "
              "build has, whose tensors have shapes but no numbers. It trips the same device check "
              "that `cuda:0` against `cpu` trips on a GPU machine.",
        "zh": "这里没有 GPU，所以把模型放到 “meta” 设备上：每个 torch 版本都有这个设备，它的张量只有形状没有数值。"
              "它会触发与 GPU 机器上 `cuda:0` 对 `cpu` 相同的设备检查。",
    },
    "devices.mixed.run": {"en": "Run model(x)", "zh": "运行 model(x)"},
    "devices.mixed.running": {"en": "Running…", "zh": "正在运行……"},
    "devices.mixed.why": {
        "en": "The weights are on **{model}** and the input on **{data}**: torch never moves data "
              "behind your back, because a silent copy between devices would be slow and easy to "
              "miss. Move the data to the model's device:",
        "zh": "权重在 **{model}** 上，输入在 **{data}** 上：torch 从不在背后偷偷搬运数据，因为设备之间的"
              "隐式复制既慢又不容易察觉。把数据移到模型所在的设备上：",
    },
    "devices.dp.explain": {
        "en": "`nn.DataParallel(model)` copies the model to every GPU, splits each batch along "
              "dim 0 into one piece per GPU, runs the pieces in parallel and gathers the outputs "
              "on the first GPU. (For serious multi-GPU training, PyTorch recommends "
              "DistributedDataParallel.)",
        "zh": "`nn.DataParallel(model)` 把模型复制到每个 GPU，把每批数据沿第 0 维切成每个 GPU 一份，并行运行，"
              "再把输出收集到第一个 GPU 上。（正式的多 GPU 训练，PyTorch 推荐使用 DistributedDataParallel。）",
    },
    "devices.dp.none": {
        "en": "This machine has {count} GPU(s); DataParallel needs at least two. Here is how it "
              "would split a batch:",
        "zh": "这台机器有 {count} 个 GPU；DataParallel 至少需要两个。下面是它切分一批数据的方式：",
    },
    "devices.dp.batch": {"en": "Batch size", "zh": "批大小"},
    "devices.dp.gpus": {"en": "GPUs", "zh": "GPU 数量"},
    "devices.dp.split": {
        "en": "A batch of {batch} on {gpus} GPUs: pieces of `{split}` samples (torch.chunk along dim 0).",
        "zh": "{gpus} 个 GPU 上的一批 {batch} 个样本：切成 `{split}` 个样本的几份（沿第 0 维 torch.chunk）。",
    },
    "devices.dp.run": {"en": "Run the CNN with DataParallel", "zh": "用 DataParallel 运行 CNN"},
    "devices.dp.result": {
        "en": "device_ids {ids}; each replica saw {batches} samples; output {shape} on {device}.",
        "zh": "device_ids {ids}；各副本分别处理了 {batches} 个样本；输出 {shape}，位于 {device}。",
    },
}
