"""Strings of the Classification lesson (pages/classification.py)."""

STRINGS = {
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
    "nav.classification": {"en": "Classification", "zh": "分类"},
    "home.classification": {"en": "Separate point clouds; the decision boundary moves as it learns.",
                            "zh": "分开两团点云；决策边界随学习移动。"},
    "param.dataset": {"en": "Dataset", "zh": "数据集"},
    "param.classes": {"en": "Classes (spiral)", "zh": "类别数（螺旋）"},
    "param.features": {"en": "Input features", "zh": "输入特征"},
    "help.classification.batch_size": {"en": "0 = the whole training set every step, as the course.",
                                       "zh": "0 表示每一步使用全部训练数据，与课程相同。"},
    "help.classification.steps": {"en": "Optimizer updates.", "zh": "优化器更新的次数。"},
    "help.classification.noise": {"en": "How much the classes overlap; 0.5 gives the course's blobs (σ = 1).",
                                  "zh": "类别之间的重叠程度；0.5 即课程中的两团点（σ = 1）。"},
    "help.classification.classes": {"en": "Number of spiral arms (the spiral dataset only).",
                                    "zh": "螺旋的臂数（仅螺旋数据集）。"},
    "help.classification.points": {"en": "Points in all; the course uses 100 per class.",
                                   "zh": "数据点总数；课程中每类 100 个。"},
    "help.classification.test_fraction": {"en": "Points held out to measure generalization.",
                                          "zh": "留出用于衡量泛化能力的数据比例。"},
    "choice.blobs": {"en": "two blobs (course)", "zh": "两团点（课程）"},
    "choice.moons": {"en": "moons", "zh": "月牙"},
    "choice.circles": {"en": "circles", "zh": "同心圆"},
    "choice.xor": {"en": "XOR", "zh": "异或"},
    "choice.spiral": {"en": "spiral", "zh": "螺旋"},
    "metric.train_accuracy": {"en": "Train accuracy", "zh": "训练准确率"},
}
