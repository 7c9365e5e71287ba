"""Strings of the Regression lesson (pages/regression.py)."""

STRINGS = {
    "regression.intro": {
        "en": "The course's first network: 100 points of y = x² + 0.2·U(0, 1) and a net with one "
              "hidden layer of 10 ReLU units, trained by SGD on the mean squared error. Move a "
              "setting, press **Train**, and watch the red line bend towards the points.",
        "zh": "课程中的第一个网络：100 个点 y = x² + 0.2·U(0, 1)，一个含 10 个 ReLU 单元的隐藏层，"
              "用 SGD 最小化均方误差。调整设置，点击 **训练**，看红线向数据点弯曲。",
    },
    "regression.off_chart": {
        "en": "{share:.0%} of the fitted line is off the chart (it runs from {low:.3g} to "
              "{high:.3g}); it is drawn along the chart's edge.",
        "zh": "拟合线有 {share:.0%} 超出了图表范围（取值从 {low:.3g} 到 {high:.3g}）；超出部分沿图表边缘绘制。"},
    "regression.now": {"en": "Now: Net({net}), {points} points of {data}.",
                       "zh": "当前：Net({net})，{points} 个点，{data}。"},
    "regression.own_points": {"en": "your own data", "zh": "你自己的数据"},
    "nav.regression": {"en": "Regression", "zh": "回归"},
    "home.regression": {"en": "Fit y = x² + noise with Net(1→10→1) and watch the red line bend.",
                        "zh": "用 Net(1→10→1) 拟合 y = x² + 噪声，看红线慢慢弯曲。"},
    "help.regression.batch_size": {"en": "0 = the whole training set every step, as the course.",
                                   "zh": "0 表示每一步使用全部训练数据，与课程相同。"},
    "help.regression.steps": {"en": "Optimizer updates.", "zh": "优化器更新的次数。"},
    "help.regression.target": {"en": "The curve the network must fit.", "zh": "网络要拟合的曲线。"},
    "help.regression.noise": {"en": "y = f(x) + noise·U(0, 1), as the course (0.2).",
                              "zh": "y = f(x) + 噪声·U(0, 1)，课程中为 0.2。"},
    "help.regression.test_fraction": {"en": "Points held out for testing; the course fits all 100.",
                                      "zh": "留作测试的数据比例；课程用全部 100 个点拟合。"},
    "help.regression.points": {"en": "Points on x in [-1, 1]; the course uses 100.",
                               "zh": "x 在 [-1, 1] 上的点数；课程中为 100。"},
}
