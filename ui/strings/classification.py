"""Strings of the Classification lesson (pages/classification.py)."""

STRINGS = {
    "classification.intro": {
        "en": "The course starts from two clouds of points, N(+2, 1) and N(−2, 1), and "
              "Net(2 → 10 → 2) trained with cross-entropy. The background shows what the network "
              "predicts everywhere on the plane; filled points are training data, hollow squares "
              "are held out for testing. Try the spiral presets, as in TensorFlow Playground.",
        "zh": "课程从两团点 N(+2, 1) 与 N(−2, 1) 和用交叉熵训练的 Net(2 → 10 → 2) 开始。背景颜色是网络在"
              "平面上每一处的预测；实心点是训练数据，空心方块是留出的测试数据。试试螺旋的预设，"
              "就像 TensorFlow Playground 一样。",
    },
    "classification.now": {"en": "Now: Net({net}) on {data}, {points} points.",
                           "zh": "当前：Net({net})，数据为{data}，共 {points} 个点。"},
    "classification.own_points": {"en": "your own points", "zh": "你自己的数据点"},
    "classification.diagram": {"en": "The network: every neuron's output over the plane",
                               "zh": "网络：每个神经元在平面上的输出"},
    "classification.class_name": {"en": "class {n}", "zh": "类别 {n}"},
    # {n} stays in the text: ui.charts.network fills it in for each layer
    "classification.more_neurons": {"en": "+{n} more", "zh": "另有 {n} 个"},
    "classification.discretize": {"en": "Discretize output", "zh": "离散化输出"},
    "classification.discretize_help": {
        "en": "Colour each pixel all in its most likely class (training is unchanged).",
        "zh": "每个像素完全涂成最可能的类别颜色（训练不受影响）。"},
    "preset.spiral: features": {"en": "spiral: features (one layer, seven inputs)",
                                "zh": "螺旋：特征（一层，七个输入）"},
    "preset.spiral: deep net": {"en": "spiral: deep net (x1, x2, four layers)",
                                "zh": "螺旋：深层网络（x1、x2，四层）"},
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
