"""Strings of the RNN classifier lesson (pages/lstm.py)."""

STRINGS = {
    "nav.lstm": {"en": "RNN classifier", "zh": "RNN 分类"},
    "home.lstm": {"en": "An LSTM reads a digit row by row and names it.",
                  "zh": "LSTM 一行一行地读数字图片并识别它。"},
    "param.num_layers": {"en": "LSTM layers", "zh": "LSTM 层数"},
    "lstm.intro": {
        "en": "An LSTM reads each digit **row by row**: 28 time steps, each a row of 28 pixels. "
              "Its hidden state (64 numbers) carries what it has seen so far; after the last row "
              "Linear(64 → 10) names the digit. Adam, learning rate 0.01, batches of 64 (the "
              "course: about 94.6 % after one epoch of full MNIST).",
        "zh": "LSTM **一行一行**地读数字：28 个时间步，每步是一行 28 个像素。隐藏状态（64 个数）记住"
              "目前为止看到的内容；读完最后一行后，Linear(64 → 10) 给出数字。Adam，学习率 0.01，批大小 "
              "64（课程：完整 MNIST 训练 1 轮约 94.6%）。",
    },
    "lstm.hidden": {"en": "Hidden state row by row: test digit #{i} (label {label}, says {guess})",
                    "zh": "逐行的隐藏状态：第 {i} 个测试数字（标签 {label}，判断为 {guess}）"},
    "lstm.row": {"en": "row read (time step)", "zh": "已读的行（时间步）"},
    "lstm.unit": {"en": "{n} hidden units", "zh": "{n} 个隐藏单元"},
    "lstm.follow": {"en": "Follow one digit", "zh": "跟踪一个数字"},
    "lstm.answers": {"en": "The answer so far, after each row", "zh": "每读一行后的当前答案"},
    "lstm.answers_help": {
        "en": "Darker = more probable. The network only has to be right after row 28, yet its "
              "answer often settles once the distinctive strokes have been read.",
        "zh": "颜色越深概率越大。网络只需在读完第 28 行时答对，但往往读到关键笔画后答案就已确定。",
    },
    "lstm.rows_help": {
        "en": "Each image is a sequence: `x.view(-1, 28, 28)` turns (batch, 1, 28, 28) into "
              "(batch, 28 time steps, 28 features) for an LSTM with `batch_first=True`.",
        "zh": "每张图片都是一个序列：`x.view(-1, 28, 28)` 把 (batch, 1, 28, 28) 变为 "
              "(batch, 28 个时间步, 28 个特征)，交给 `batch_first=True` 的 LSTM。",
    },
    "lstm.probabilities": {"en": "Class probabilities: {digit} ({p:.1%})",
                           "zh": "各类别概率：{digit}（{p:.1%}）"},
}
