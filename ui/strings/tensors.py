"""Strings of the Tensors & NumPy lesson (pages/tensors.py)."""

STRINGS = {
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
    "nav.tensors": {"en": "Tensors & NumPy", "zh": "张量与 NumPy"},
    "home.tensors": {"en": "from_numpy shares memory; the same math in NumPy and torch; a shape lab.",
                     "zh": "from_numpy 共享内存；NumPy 与 torch 的同一运算；形状实验室。"},
}
