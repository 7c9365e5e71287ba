"""Strings of the CIFAR-10 lesson (pages/cifar10.py)."""

STRINGS = {
    "nav.cifar10": {"en": "CIFAR-10", "zh": "CIFAR-10"},
    "home.cifar10": {"en": "LeNet on small colour photos of ten classes.",
                     "zh": "LeNet 识别十类彩色小图片。"},
    "cifar10.intro": {
        "en": "The course's image classifier: 32×32 colour photos of 10 classes, normalized to "
              "[-1, 1] (`Normalize(0.5, 0.5)`), and LeNet (two convolutions with pooling, then "
              "three fully connected layers), trained with SGD (lr 0.001, momentum 0.9) on "
              "batches of 4 for 2 epochs. After each epoch the net is tested on the test images, "
              "class by class. The full 50,000 images take minutes per epoch on a CPU: cap the "
              "training images for a quick look.",
        "zh": "课程中的图像分类器：10 类 32×32 彩色图片，归一化到 [-1, 1]（`Normalize(0.5, 0.5)`），"
              "用 LeNet（两层卷积加池化，再接三层全连接）训练，SGD（学习率 0.001，动量 0.9），每批 4 张，"
              "共 2 轮。每轮结束后在测试集上按类别测试。完整的 50,000 张图片在 CPU 上每轮要几分钟："
              "想快速看看效果，可以限制训练图片数。",
    },
    "cifar10.no_data": {
        "en": "CIFAR-10 is not on this machine. The page reads torchvision's files from "
              "`{folder}`. To get them: download [the python version]({url}) (163 MB), extract it "
              "into `{root}` or upload it below; or, on a machine that is online, press the button below or run "
              "`torchvision.datasets.CIFAR10('{root}', download=True)`. Set the environment "
              "variable `PLAYGROUND_DATA` to use another folder. The model is shown below anyway.",
        "zh": "本机没有 CIFAR-10。本页从 `{folder}` 读取 torchvision 的数据文件。获取方法：下载"
              "[python 版本]({url})（163 MB），解压到 `{root}`，或在下面上传；或在联网的机器上点击下面的按钮，或运行 "
              "`torchvision.datasets.CIFAR10('{root}', download=True)`。设置环境变量 "
              "`PLAYGROUND_DATA` 可以换一个文件夹。下面仍然展示模型。",
    },
    "cifar10.download": {"en": "Download CIFAR-10 (163 MB)", "zh": "下载 CIFAR-10（163 MB）"},
    "cifar10.downloading": {"en": "Downloading CIFAR-10 …", "zh": "正在下载 CIFAR-10 …"},
    "cifar10.download_ok": {"en": "Done: {detail}", "zh": "完成：{detail}"},
    "cifar10.download_failed": {"en": "No download: {detail}", "zh": "未能下载：{detail}"},
    "cifar10.reload": {"en": "Open the data", "zh": "读取数据"},
    "cifar10.import": {"en": "Offline? Upload the official {name}",
                       "zh": "离线？上传官方的 {name}"},
    "cifar10.import_help": {
        "en": "The 163 MB file from a USB stick. Its md5 is checked against the official one, "
              "then its seven data files are unpacked into the data folder.",
        "zh": "从 U 盘拷来的 163 MB 文件。先用 md5 核对它是官方文件，再把其中七个数据文件解压到数据文件夹。",
    },
    "cifar10.importing": {"en": "Checking and unpacking the archive …",
                          "zh": "正在校验并解压压缩包 …"},
    "cifar10.import_ok": {"en": "CIFAR-10 is ready in `{folder}`.",
                          "zh": "CIFAR-10 已就绪：`{folder}`。"},
    "cifar10.archive.md5": {
        "en": "This is not the official CIFAR-10 archive, so nothing was unpacked: its md5 is "
              "`{md5}`, the official one `{official}`.",
        "zh": "这不是官方的 CIFAR-10 压缩包，所以什么都没有解压：它的 md5 是 `{md5}`，官方的是 `{official}`。",
    },
    "cifar10.archive.too_large": {
        "en": "Refused, nothing was written: `{name}` has {size:,} bytes, more than any part of "
              "the official archive ({limit:,}).",
        "zh": "已拒绝，没有写入任何文件：`{name}` 有 {size:,} 字节，超过官方压缩包的任何部分（{limit:,}）。",
    },
    "cifar10.archive.unreadable": {
        "en": "The archive cannot be read to its end (a copy cut short?), so nothing was "
              "written: `{detail}`",
        "zh": "压缩包无法完整读取（复制不完整？），所以没有写入任何文件：`{detail}`",
    },
    "cifar10.archive.outside": {
        "en": "Refused, nothing was written: `{name}` points outside the archive's folder.",
        "zh": "已拒绝，没有写入任何文件：`{name}` 指向压缩包文件夹之外。",
    },
    "cifar10.archive.link": {
        "en": "Refused, nothing was written: `{name}` is a link, and the official archive has "
              "none.",
        "zh": "已拒绝，没有写入任何文件：`{name}` 是一个链接，而官方压缩包里没有链接。",
    },
    "cifar10.archive.special": {
        "en": "Refused, nothing was written: `{name}` is not a plain file (a device or a pipe).",
        "zh": "已拒绝，没有写入任何文件：`{name}` 不是普通文件（设备或管道）。",
    },
    "cifar10.archive.incomplete": {
        "en": "The archive lacks {missing}, so nothing was written.",
        "zh": "压缩包缺少 {missing}，所以没有写入任何文件。",
    },
    "cifar10.unreadable": {"en": "The CIFAR-10 files cannot be read: {error}",
                           "zh": "CIFAR-10 文件无法读取：{error}"},
    "cifar10.data_used": {
        "en": "Data: **{name}**, {train} training and {test} test images, read from `{location}`.",
        "zh": "数据：**{name}**，{train} 张训练图片、{test} 张测试图片，读取自 `{location}`。",
    },
    "cifar10.official": {"en": "CIFAR-10 (official files, md5 checked)",
                         "zh": "CIFAR-10（官方文件，已校验 md5）"},
    "cifar10.unofficial": {"en": "files in the CIFAR-10 format (not the official ones)",
                           "zh": "CIFAR-10 格式的文件（非官方原始文件）"},
    "cifar10.samples": {"en": "Sample training images", "zh": "训练图片示例"},
    "cifar10.model": {"en": "The model: LeNet", "zh": "模型：LeNet"},
    "cifar10.model_help": {
        "en": "One row per layer call for a 3×32×32 image (the pool layer is used twice). "
              "`relu` and `view` have no weights and are not layers here; `view` flattens the "
              "16 maps of 5×5 into the 400 inputs of fc1.",
        "zh": "对一张 3×32×32 的图片，每次调用一层占一行（池化层用了两次）。`relu` 和 `view` 没有权重，"
              "这里不算作层；`view` 把 16 张 5×5 的特征图展平成 fc1 的 400 个输入。",
    },
    "cifar10.col.layer": {"en": "layer", "zh": "层"},
    "cifar10.col.module": {"en": "module", "zh": "模块"},
    "cifar10.col.input": {"en": "input shape", "zh": "输入形状"},
    "cifar10.col.output": {"en": "output shape", "zh": "输出形状"},
    "cifar10.col.params": {"en": "parameters", "zh": "参数个数"},
    "cifar10.total_params": {"en": "Parameters in total: **{n:,}**", "zh": "参数总数：**{n:,}**"},
    "cifar10.per_class": {"en": "Test accuracy per class after epoch {epoch}",
                          "zh": "第 {epoch} 轮后各类别的测试准确率"},
    "cifar10.waiting": {"en": "The per-class accuracy appears after the first epoch.",
                        "zh": "第一轮结束后显示各类别的准确率。"},
    "cifar10.predictions": {"en": "First test images: predicted class (✓ right, ✗ wrong: true class)",
                            "zh": "前几张测试图片：预测类别（✓ 正确，✗ 错误：括号内为真实类别）"},
    "cifar10.right": {"en": "{pred} ✓", "zh": "{pred} ✓"},
    "cifar10.wrong": {"en": "{pred} ✗ ({true})", "zh": "{pred} ✗（{true}）"},
    "cifar10.class.airplane": {"en": "airplane", "zh": "飞机"},
    "cifar10.class.automobile": {"en": "automobile", "zh": "汽车"},
    "cifar10.class.bird": {"en": "bird", "zh": "鸟"},
    "cifar10.class.cat": {"en": "cat", "zh": "猫"},
    "cifar10.class.deer": {"en": "deer", "zh": "鹿"},
    "cifar10.class.dog": {"en": "dog", "zh": "狗"},
    "cifar10.class.frog": {"en": "frog", "zh": "青蛙"},
    "cifar10.class.horse": {"en": "horse", "zh": "马"},
    "cifar10.class.ship": {"en": "ship", "zh": "船"},
    "cifar10.class.truck": {"en": "truck", "zh": "卡车"},
    "cifar10.accuracy_axis": {"en": "test accuracy", "zh": "测试准确率"},
}
