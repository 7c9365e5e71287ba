"""Strings of the RNN regression lesson (pages/rnn.py)."""

STRINGS = {
    "nav.rnn": {"en": "RNN regression", "zh": "RNN 回归"},
    "home.rnn": {"en": "An RNN turns a sine wave into a cosine, window by window.",
                 "zh": "RNN 一段一段地把正弦波变成余弦波。"},
    "param.time_steps": {"en": "Time steps per window", "zh": "每个窗口的时间步数"},
    "param.windows": {"en": "Windows (training steps)", "zh": "窗口数（训练步数）"},
    "param.cell": {"en": "Recurrent cell", "zh": "循环单元"},
    "rnn.intro": {
        "en": "A recurrent network reads **sin(t)** and must output **cos(t)**. It sees one window "
              "of 10 points at a time, each window half a period long, [kπ, (k+1)π], and learns "
              "with Adam (lr 0.02) after every window. The same value of sin(t) comes once on the "
              "way up and once on the way down, with opposite cos(t): the net can only answer "
              "right by remembering where it is. That memory is the **hidden state**, handed from "
              "one window to the next and detached (`h_state = h_state.detach()`), so each "
              "backward pass stays one window long. Try LSTM or GRU instead of the plain RNN.",
        "zh": "循环神经网络读入 **sin(t)**，要输出 **cos(t)**。它每次只看一个窗口的 10 个点，每个窗口"
              "长半个周期 [kπ, (k+1)π]，每个窗口之后用 Adam（学习率 0.02）更新一次。同一个 sin(t) 值"
              "在上升和下降时各出现一次，对应的 cos(t) 符号相反：网络只有记住自己在波形中的位置才能"
              "答对。这份记忆就是**隐藏状态**，它从一个窗口传给下一个窗口，并被分离出计算图"
              "（`h_state = h_state.detach()`），所以每次反向传播只回溯一个窗口。试试用 LSTM 或 GRU "
              "代替普通 RNN。",
    },
    "rnn.series.target": {"en": "target cos(t)", "zh": "目标 cos(t)"},
    "rnn.series.prediction": {"en": "prediction", "zh": "预测"},
    "rnn.series.input": {"en": "input sin(t)", "zh": "输入 sin(t)"},
    "rnn.window_title": {"en": "Window {k} of {total}: t from {start}π to {end}π",
                         "zh": "第 {k} / {total} 个窗口：t 从 {start}π 到 {end}π"},
    "rnn.history": {"en": "The last windows, joined", "zh": "最近的几个窗口，连在一起"},
    "rnn.history_help": {
        "en": "Each window's prediction as it was made, before that window's update: early on "
              "the blue line wanders, then it follows the red one across window borders, because "
              "the hidden state carries over.",
        "zh": "每个窗口在更新之前做出的预测：开始时蓝线乱走，随后它能跨过窗口边界跟住红线，"
              "因为隐藏状态被传递了下来。",
    },
}
