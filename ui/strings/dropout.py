"""Strings of the Dropout vs overfitting lesson (pages/dropout.py)."""

STRINGS = {
    "nav.dropout": {"en": "Dropout vs overfitting", "zh": "Dropout 与过拟合"},
    "home.dropout": {"en": "Two big nets on 20 points: one overfits, one uses dropout.",
                     "zh": "两个大网络拟合 20 个点：一个过拟合，一个使用 dropout。"},
    "dropout.intro": {
        "en": "20 training points and 20 test points on the line y = x, each with its own noise "
              "0.3·N(0, 1). Two networks 1 → 300 → 300 → 1 are far too big for 20 points. The "
              "**overfit** net (red) bends through the training points, noise included: its "
              "training loss keeps falling while its test loss goes up. The **dropout** net "
              "(blue, dashed) zeroes each hidden unit with probability p at every training step "
              "and scales the survivors by 1/(1 − p), so no unit can rely on another; its line "
              "stays closer to y = x. Both start from the same weights, Adam lr 0.01, 500 steps.",
        "zh": "直线 y = x 上的 20 个训练点和 20 个测试点，各自带有噪声 0.3·N(0, 1)。两个 "
              "1 → 300 → 300 → 1 的网络对 20 个点来说大得多。**过拟合**网络（红色）穿过训练点，"
              "连噪声也一起学了：训练损失一直下降，测试损失却上升。**dropout** 网络（蓝色虚线）在"
              "每一步训练中以概率 p 把每个隐藏单元置零，并把保留下来的单元放大 1/(1 − p)，"
              "使任何单元都不能依赖别的单元；它的曲线更接近 y = x。两个网络从同样的权重出发，"
              "Adam 学习率 0.01，训练 500 步。",
    },
    "dropout.train_mode": {"en": "Also draw the dropout net in train() mode",
                           "zh": "同时画出 train() 模式下的 dropout 网络"},
    "dropout.train_mode_help": {
        "en": "train(): dropout on, a fresh random mask at every forward pass. eval(): every unit "
              "kept, no rescaling; the same input always gives the same answer.",
        "zh": "train()：dropout 开启，每次前向传播都随机生成新的掩码。eval()：保留所有单元、"
              "不再缩放；同样的输入总是得到同样的输出。",
    },
    "dropout.explain": {
        "en": "**train() vs eval().** The lines and the test losses use `model.eval()`: dropout "
              "is off and the prediction is deterministic. In `model.train()` mode the same "
              "network draws a new random mask at every call: at this step its prediction "
              "differs from the eval() line by {gap:.3f} on average (the light blue line when "
              "the toggle is on). Forgetting `model.eval()` before testing means testing a "
              "randomly thinned network.",
        "zh": "**train() 与 eval()。** 曲线和测试损失都使用 `model.eval()`：dropout 关闭，预测是"
              "确定的。在 `model.train()` 模式下，同一个网络每次调用都会随机生成新的掩码：在这一步，"
              "它的预测与 eval() 曲线平均相差 {gap:.3f}（打开开关后显示为浅蓝色曲线）。测试前忘记 "
              "`model.eval()`，就等于在测试一个被随机删减的网络。",
    },
    "dropout.verdict_better": {
        "en": "Test loss: dropout {drop:.4f} < overfit {ofit:.4f}: dropout generalizes better here.",
        "zh": "测试损失：dropout {drop:.4f} < 过拟合 {ofit:.4f}：这里 dropout 的泛化更好。",
    },
    "dropout.verdict_worse": {
        "en": "Test loss: dropout {drop:.4f} ≥ overfit {ofit:.4f}: with only 20 noisy points the "
              "draw matters; try another seed (dropout wins for 7 of seeds 0–9 at the defaults).",
        "zh": "测试损失：dropout {drop:.4f} ≥ 过拟合 {ofit:.4f}：只有 20 个带噪声的点时，随机抽样"
              "的影响很大；换个种子试试（默认设置下种子 0–9 中有 7 个 dropout 更好）。",
    },
    "dropout.split.train": {"en": "train", "zh": "训练"},
    "dropout.split.test": {"en": "test", "zh": "测试"},
    "dropout.line.overfit": {"en": "overfit", "zh": "过拟合"},
    "dropout.line.dropout": {"en": "dropout (eval)", "zh": "dropout（eval）"},
    "dropout.line.train_mode": {"en": "dropout (train mode)", "zh": "dropout（train 模式）"},
    "series.overfit_train": {"en": "overfit, train", "zh": "过拟合，训练"},
    "series.dropout_train": {"en": "dropout, train", "zh": "dropout，训练"},
    "series.overfit_test": {"en": "overfit, test", "zh": "过拟合，测试"},
    "series.dropout_test": {"en": "dropout, test", "zh": "dropout，测试"},
    "metric.overfit_test": {"en": "Overfit test loss", "zh": "过拟合测试损失"},
    "metric.dropout_test": {"en": "Dropout test loss", "zh": "Dropout 测试损失"},
    "metric.overfit_train": {"en": "Overfit train loss", "zh": "过拟合训练损失"},
    "metric.dropout_train": {"en": "Dropout train loss", "zh": "Dropout 训练损失"},
}
