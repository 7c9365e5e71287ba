"""Strings of the Optimizers lesson (pages/optimizers.py)."""

STRINGS = {
    "nav.optimizers": {"en": "Optimizers", "zh": "优化器"},
    "home.optimizers": {"en": "SGD, Momentum, RMSprop, Adam and Adagrad race on the same data.",
                        "zh": "SGD、Momentum、RMSprop、Adam、Adagrad 在同一数据上赛跑。"},
    "param.optimizers": {"en": "Optimizers in the race", "zh": "参赛的优化器"},
    "param.rmsprop_alpha": {"en": "RMSprop: alpha", "zh": "RMSprop：alpha"},
    "param.adam_beta1": {"en": "Adam: beta1", "zh": "Adam：beta1"},
    "param.adam_beta2": {"en": "Adam: beta2", "zh": "Adam：beta2"},
    "optimizers.group.hyper": {"en": "Hyperparameters", "zh": "超参数"},
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
}
