"""Strings of the Activation functions lesson (pages/activations.py)."""

STRINGS = {
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
    "nav.activations": {"en": "Activation functions", "zh": "激活函数"},
    "home.activations": {"en": "ReLU, sigmoid, tanh, softplus and friends, with their derivatives.",
                         "zh": "ReLU、sigmoid、tanh、softplus 等激活函数及其导数。"},
}
