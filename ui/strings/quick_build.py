"""Strings of the Quick build lesson (pages/quick_build.py)."""

STRINGS = {
    "nav.quick_build": {"en": "Quick build", "zh": "快速搭建"},
    "home.quick_build": {"en": "The same net as a Module subclass and as nn.Sequential.",
                         "zh": "同一个网络：继承 Module 的写法与 nn.Sequential 写法。"},
    "quick_build.intro": {
        "en": "The same network written twice. `net1` is a `torch.nn.Module` subclass: its layers "
              "are attributes (`hidden`, `predict`) and `forward` says how data flows, ReLU "
              "included. `net2` is one `torch.nn.Sequential(...)` expression: the layers run in "
              "the order given, ReLU as a layer of its own.",
        "zh": "同一个网络的两种写法。`net1` 是 `torch.nn.Module` 的子类：层是它的属性"
              "（`hidden`、`predict`），`forward` 写明数据怎样流过（包括 ReLU）。`net2` 是一个 "
              "`torch.nn.Sequential(...)` 表达式：各层按给出的顺序执行，ReLU 本身也是一层。",
    },
    "quick_build.module_title": {"en": "net1: nn.Module subclass", "zh": "net1：nn.Module 子类"},
    "quick_build.sequential_title": {"en": "net2: nn.Sequential", "zh": "net2：nn.Sequential"},
    "quick_build.code": {"en": "The code", "zh": "代码"},
    "quick_build.printed": {"en": "`print(net)`", "zh": "`print(net)`"},
    "quick_build.parameters": {"en": "Parameters", "zh": "参数个数"},
    "quick_build.formula": {
        "en": "(inputs + 1)·hidden + (hidden + 1)·outputs = ({n_feature} + 1)·{n_hidden} + "
              "({n_hidden} + 1)·{n_output} = {value}",
        "zh": "（输入 + 1）·隐藏 + （隐藏 + 1）·输出 = ({n_feature} + 1)·{n_hidden} + "
              "({n_hidden} + 1)·{n_output} = {value}",
    },
    "quick_build.why_relu": {
        "en": "`net2` prints the ReLU, `net1` does not: in `net1` the activation is a function "
              "called inside `forward`, not a module. That is the subclass's advantage: "
              "`forward` can do anything (loops, branches, an RNN's hidden state), while "
              "`Sequential` can only chain layers.",
        "zh": "`net2` 打印出了 ReLU，而 `net1` 没有：在 `net1` 中激励函数是在 `forward` 里调用的函数，"
              "不是一个模块。这正是子类写法的好处：`forward` 里可以写任何东西（循环、分支、RNN 的隐藏状态），"
              "而 `Sequential` 只能把层串起来。",
    },
    "quick_build.keys_title": {"en": "Copying the weights: the state_dict keys",
                               "zh": "复制权重：state_dict 的键"},
    "quick_build.keys_help": {
        "en": "The tensors have the same shapes under other names; `load_state_dict` is strict "
              "about names, so the keys are renamed first. The ReLU holds no parameters: the "
              "output layer is number 2.",
        "zh": "两边的张量形状相同，只是名字不同；`load_state_dict` 要求名字完全一致，所以先改键名。"
              "ReLU 没有参数：输出层的编号是 2。",
    },
    "quick_build.col.net1": {"en": "net1 key", "zh": "net1 的键"},
    "quick_build.col.net2": {"en": "net2 key", "zh": "net2 的键"},
    "quick_build.col.shape": {"en": "shape", "zh": "形状"},
    "quick_build.copy": {"en": "Copy net1's weights into net2", "zh": "把 net1 的权重复制到 net2"},
    "quick_build.outputs": {"en": "Outputs on the same inputs", "zh": "相同输入下的输出"},
    "quick_build.diff": {"en": "max |net1 − net2|", "zh": "最大差值 max |net1 − net2|"},
    "quick_build.same": {
        "en": "Identical outputs: after the copy both nets compute exactly the same function "
              "(difference {diff}).",
        "zh": "输出完全相同：复制之后两个网络计算的是同一个函数（差值 {diff}）。",
    },
    "quick_build.different": {
        "en": "Different outputs: each net starts from its own random weights (largest "
              "difference {diff:.4f}). Copy the weights to make them equal.",
        "zh": "输出不同：两个网络各自从随机权重开始（最大差值 {diff:.4f}）。复制权重后它们就相同了。",
    },
    "quick_build.chart_title": {"en": "Both nets' output over x (output 1)",
                                "zh": "两个网络在 x 上的输出（第 1 个输出）"},
    "quick_build.col.input": {"en": "input", "zh": "输入"},
}
