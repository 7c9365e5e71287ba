"""Strings of the Autograd lesson (pages/autograd.py)."""

STRINGS = {
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
    "nav.autograd": {"en": "Autograd", "zh": "自动求导"},
    "home.autograd": {"en": "requires_grad, backward() and the graph autograd builds as you compute.",
                      "zh": "requires_grad、backward()，以及计算时 autograd 搭出的计算图。"},
}
