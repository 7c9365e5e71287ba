"""Strings of the Optimizers and Dropout vs overfitting pages."""

STRINGS = {
    # ----------------------------------------------------------------- settings (new fields)
    "param.optimizers": {"en": "Optimizers in the race", "zh": "参赛的优化器"},
    # "param.epochs" is defined in deep_mnist.py (same words)
    # "param.momentum" is left to the CIFAR-10 page's strings (its field has the same name);
    # until it exists the label falls back to "momentum".
    "param.rmsprop_alpha": {"en": "RMSprop: alpha", "zh": "RMSprop：alpha"},
    "param.adam_beta1": {"en": "Adam: beta1", "zh": "Adam：beta1"},
    "param.adam_beta2": {"en": "Adam: beta2", "zh": "Adam：beta2"},
    "optimizers.group.hyper": {"en": "Hyperparameters", "zh": "超参数"},
    # ----------------------------------------------------------------------- optimizers page
    "optimizers.intro": {
        "en": "The course's race: 1000 points of y = x² + 0.1·N(0, 1), one small net "
              "Net(1 → 20 → 1) copied once per optimizer, so **every optimizer starts from the "
              "same weights and sees the same mini-batches in the same order**; only the update "
              "rule differs. SGD takes plain steps down the gradient; Momentum (0.8) keeps "
              "rolling in the direction it was going; RMSprop (alpha 0.9) divides each step by a "
              "running size of recent gradients; Adam (betas 0.9, 0.99) does both; Adagrad "
              "divides by all past gradients, so its steps keep shrinking.",
        "zh": "课程中的比赛：1000 个点 y = x² + 0.1·N(0, 1)，一个小网络 Net(1 → 20 → 1) 为每个"
              "优化器各复制一份，因此**所有优化器从同样的权重出发，以同样的顺序看到同样的小批量**，"
              "唯一的差别是更新规则。SGD 沿梯度朴素地下降；Momentum（0.8）会沿原来的方向继续"
              "“滚动”；RMSprop（alpha 0.9）用近期梯度的大小去除每一步；Adam（betas 0.9, 0.99）"
              "两者兼有；Adagrad 用全部历史梯度去除，所以步子越来越小。",
    },
    "optimizers.race_title": {"en": "Loss per mini-batch: smoothed (bold) and raw (faint)",
                              "zh": "每个小批量的损失：平滑（粗线）与原始（细线）"},
    "optimizers.before": {"en": "The 1000 points every optimizer fits",
                          "zh": "每个优化器都要拟合的 1000 个点"},
    "optimizers.points": {"en": "data (at most 200 of the points)", "zh": "数据（最多显示 200 个点）"},
    "optimizers.chart": {"en": "Race chart", "zh": "比赛图表"},
    "optimizers.log": {"en": "Log scale (else y from 0 to 0.2, as the course)",
                       "zh": "对数坐标（否则 y 取 0 到 0.2，与课程相同）"},
    "optimizers.smoothing": {"en": "Smoothing", "zh": "平滑程度"},
    "optimizers.smoothing_help": {
        "en": "Exponential moving average of the batch losses: 0 = raw, 0.9 = very smooth.",
        "zh": "对小批量损失做指数滑动平均：0 = 原始，0.9 = 非常平滑。",
    },
    "optimizers.fits": {"en": "What each network has learned at this step",
                        "zh": "此步时每个网络学到的曲线"},
    "optimizers.final_table": {
        "en": "Mean squared error on all {points} points after training (lower is better):",
        "zh": "训练结束后在全部 {points} 个点上的均方误差（越低越好）：",
    },
    "optimizers.col_optimizer": {"en": "optimizer", "zh": "优化器"},
    "optimizers.col_loss": {"en": "final loss", "zh": "最终损失"},
    "optimizers.dropped": {
        "en": "{name} diverged at step {step} (its loss became NaN or infinite) and left the "
              "race; the others went on. Try a smaller learning rate.",
        "zh": "{name} 在第 {step} 步发散（损失变成 NaN 或无穷大），退出了比赛；其他优化器继续训练。"
              "试试更小的学习率。",
    },
    "optimizers.surface_title": {"en": "The same optimizers on a 2-D loss surface",
                                 "zh": "同样的优化器在二维损失曲面上"},
    "optimizers.surface_intro": {
        "en": "A network's loss lives in thousands of dimensions; here the weights are just a "
              "point (x, y) and the loss is a formula, so each optimizer's path can be drawn over "
              "the contour lines (the diamond is the minimum). These are the same torch "
              "optimizers with the hyperparameters of the sidebar. On the **bowl**, steep across "
              "and flat along, SGD zig-zags and crawls, Momentum gathers speed, RMSprop and Adam "
              "rescale each direction. On **Rosenbrock**'s curved valley, finding the valley is "
              "easy and following it is hard; there a step of about lr (RMSprop, Adam, Adagrad) "
              "is slow when lr is small.",
        "zh": "网络的损失存在于成千上万维的空间里；这里的“权重”只是一个点 (x, y)，损失是一个"
              "公式，所以可以把每个优化器走过的路径画在等高线上（菱形是最小值）。这些是同样的 torch "
              "优化器，超参数取自侧边栏。在**碗形**曲面上（横向陡、纵向平），SGD 来回震荡、缓慢"
              "前进，Momentum 越走越快，RMSprop 和 Adam 对每个方向分别缩放。在 **Rosenbrock** 的"
              "弯曲山谷里，找到谷底容易，沿谷底前进很难；学习率很小时，每步约为 lr 的 RMSprop、"
              "Adam、Adagrad 走得很慢。",
    },
    "optimizers.surface": {"en": "Surface", "zh": "曲面"},
    "optimizers.surface.bowl": {"en": "bowl 0.1·x² + 2·y²", "zh": "碗形 0.1·x² + 2·y²"},
    "optimizers.surface.rosenbrock": {"en": "Rosenbrock (1 − x)² + 100·(y − x²)²",
                                      "zh": "Rosenbrock (1 − x)² + 100·(y − x²)²"},
    "optimizers.surface_lr": {"en": "Learning rate (2-D)", "zh": "学习率（二维）"},
    "optimizers.surface_steps": {"en": "Steps (2-D)", "zh": "步数（二维）"},
    "optimizers.start_x": {"en": "Start x", "zh": "起点 x"},
    "optimizers.start_y": {"en": "Start y", "zh": "起点 y"},
    "optimizers.surface_result": {"en": "{name}: loss {loss:.4g} after {steps} steps",
                                  "zh": "{name}：{steps} 步后损失 {loss:.4g}"},
    "optimizers.surface_diverged": {
        "en": "{name} flew off the surface at step {step}: the step is too large for it here.",
        "zh": "{name} 在第 {step} 步飞出了曲面：对它来说这里的步长太大了。",
    },
    "optimizers.surface_none": {"en": "Pick at least one optimizer in the sidebar.",
                                "zh": "请在侧边栏中至少选择一个优化器。"},
    # -------------------------------------------------------------------------- dropout page
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
    "dropout.view": {"en": "Picture", "zh": "图像"},
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
