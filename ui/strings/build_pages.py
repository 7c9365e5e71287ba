"""Strings of the Regression and Classification pages."""

STRINGS = {
    "regression.intro": {
        "en": "The course's first network: 100 points of y = x² + 0.2·U(0, 1) and a net with one "
              "hidden layer of 10 ReLU units, trained by SGD on the mean squared error. Move a "
              "setting, press **Train**, and watch the red line bend towards the points.",
        "zh": "课程中的第一个网络：100 个点 y = x² + 0.2·U(0, 1)，一个含 10 个 ReLU 单元的隐藏层，"
              "用 SGD 最小化均方误差。调整设置，点击 **训练**，看红线向数据点弯曲。",
    },
    "classification.intro": {
        "en": "Two clouds of points, N(+2, 1) and N(−2, 1), and Net(2 → 10 → 2) trained with "
              "cross-entropy. The background shows what the network predicts everywhere on the "
              "plane; filled points are training data, hollow squares are held out for testing. "
              "Try the spiral with extra input features, as in TensorFlow Playground.",
        "zh": "两团点 N(+2, 1) 与 N(−2, 1)，用交叉熵训练 Net(2 → 10 → 2)。背景颜色是网络在平面上"
              "每一处的预测；实心点是训练数据，空心方块是留出的测试数据。试试螺旋数据加上额外输入特征，"
              "就像 TensorFlow Playground 一样。",
    },
    "classification.neurons": {"en": "Hidden units (first layer)", "zh": "隐藏单元（第一层）"},
    "classification.neurons_help": {
        "en": "Each small map shows one neuron's output over the plane: blue where it is "
              "positive, orange where negative, white near zero. The output combines them.",
        "zh": "每个小图显示一个神经元在平面上的输出：蓝色为正，橙色为负，接近零为白色。输出层把它们组合起来。",
    },
    "classification.neurons_more": {"en": "… and {n} more units.", "zh": "……还有 {n} 个单元。"},
    "classification.output": {"en": "output", "zh": "输出"},
}
