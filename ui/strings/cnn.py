"""Strings of the CNN on MNIST lesson (pages/cnn.py)."""

STRINGS = {
    "nav.cnn": {"en": "CNN on MNIST", "zh": "CNN 识别 MNIST"},
    "home.cnn": {"en": "A convolutional net reads handwritten digits; see its filters.",
                 "zh": "卷积网络识别手写数字；看看它学到的卷积核。"},
    "param.conv1_channels": {"en": "Filters in conv 1", "zh": "卷积层 1 的卷积核数"},
    "param.conv2_channels": {"en": "Filters in conv 2", "zh": "卷积层 2 的卷积核数"},
    "mnist.download": {"en": "Download full MNIST (70,000 digits, about 11 MB)",
                       "zh": "下载完整 MNIST（70000 个数字，约 11 MB）"},
    "mnist.downloading": {"en": "Downloading MNIST with torchvision…",
                          "zh": "正在用 torchvision 下载 MNIST……"},
    "mnist.test_digit": {"en": "test digit #{i} (label {label})",
                         "zh": "第 {i} 个测试数字（标签 {label}）"},
    "cnn.intro": {
        "en": "The course's convolutional network: two convolutions (16 and 32 filters of 5×5, "
              "padding 2), each followed by ReLU and 2×2 max pooling, then one Linear layer from "
              "32·7·7 numbers to 10 class scores. Adam, learning rate 0.001, batches of 50. On "
              "full MNIST one epoch reaches about 98 %; the embedded 5,000 digits need a few "
              "epochs (6 by default) for 96 % or more.",
        "zh": "课程中的卷积网络：两个卷积层（16 和 32 个 5×5 卷积核，padding 2），各接 ReLU 和 2×2 最大"
              "池化，最后一个全连接层把 32·7·7 个数变成 10 个类别得分。Adam，学习率 0.001，批大小 50。"
              "在完整 MNIST 上训练 1 轮约达 98%；内置的 5000 个数字需要多训练几轮（默认 6 轮）才能达到 "
              "96% 以上。",
    },
    "cnn.filters": {"en": "The {n} learned 5×5 filters of the first convolution",
                    "zh": "第一个卷积层学到的 {n} 个 5×5 卷积核"},
    "cnn.filters_help": {
        "en": "Blue: positive weights, orange: negative. Each filter slides over the digit and "
              "lights up where the picture looks like it (edges, strokes in one direction).",
        "zh": "蓝色为正权重，橙色为负权重。每个卷积核在图片上滑动，在图案与它相似的地方（边缘、某个方向的"
              "笔画）产生强响应。",
    },
    "cnn.maps": {"en": "Feature maps of one digit", "zh": "一个数字的特征图"},
    "cnn.maps1": {"en": "After conv 1 + ReLU: {c} maps of {h}×{h}",
                  "zh": "卷积层 1 + ReLU 之后：{c} 张 {h}×{h} 的特征图"},
    "cnn.maps2": {"en": "After pooling, conv 2 + ReLU: {c} maps of {h}×{h}",
                  "zh": "池化、卷积层 2 + ReLU 之后：{c} 张 {h}×{h} 的特征图"},
    "cnn.try": {"en": "Try a digit", "zh": "试一个数字"},
    "cnn.try_help": {
        "en": "Upload a picture of one handwritten digit (dark on light or light on dark), or "
              "use the test digit picked above. It is centred and scaled like MNIST first.",
        "zh": "上传一张手写数字图片（白底黑字或黑底白字均可），或使用上面选中的测试数字。"
              "图片会先像 MNIST 一样居中、缩放。",
    },
    "cnn.upload": {"en": "Picture of a digit", "zh": "数字图片"},
    "cnn.uploaded": {"en": "your digit, as the network sees it", "zh": "你的数字（网络看到的样子）"},
    "cnn.bad_image": {"en": "This file is not a picture that can be read.",
                      "zh": "这个文件不是可以读取的图片。"},
    "cnn.probabilities": {"en": "Class probabilities: {digit} ({p:.1%})",
                          "zh": "各类别概率：{digit}（{p:.1%}）"},
}
