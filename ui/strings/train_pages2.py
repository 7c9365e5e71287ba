"""Strings of the Batch training, Quick build and Save & restore pages."""

STRINGS = {
    # ----------------------------------------------------------------- settings (new fields)
    "param.shuffle": {"en": "Shuffle every epoch", "zh": "每轮打乱顺序"},
    "param.drop_last": {"en": "Drop the last smaller batch", "zh": "丢弃最后不满的批"},
    "param.num_workers": {"en": "Loader worker processes", "zh": "加载数据的子进程数"},
    "param.n_feature": {"en": "Inputs (n_feature)", "zh": "输入数（n_feature）"},
    "param.n_hidden": {"en": "Hidden units (n_hidden)", "zh": "隐藏单元数（n_hidden）"},
    "param.n_output": {"en": "Outputs (n_output)", "zh": "输出数（n_output）"},
    "param.samples": {"en": "Input rows to compare", "zh": "用于比较的输入行数"},
    # ------------------------------------------------------------------------ batch training
    "batch.intro": {
        "en": "The course wraps x = 1…10 and y = 10…1 in a `TensorDataset` and lets a "
              "`DataLoader` cut each epoch into mini-batches of 5, in a new random order every "
              "epoch. Press **Train**: each square is one sample, its colour the batch that took "
              "it, its number its place in that batch. Try batch size 8: the second batch only "
              "gets the 2 samples that are left, unless *drop last* throws them away. Every batch "
              "also makes one SGD step of a tiny model y = w·x + b, the course's "
              "\"train your data…\".",
        "zh": "课程把 x = 1…10 和 y = 10…1 放进 `TensorDataset`，再由 `DataLoader` 把每一轮"
              "（epoch）切成每批 5 个的小批量，每轮都重新随机打乱。点击 **训练**：每个方块是一个样本，"
              "颜色表示取走它的批，数字是它在该批中的位置。试试批大小 8：第二批只得到剩下的 2 个样本，"
              "除非开启“丢弃最后不满的批”。每一批还会让一个小模型 y = w·x + b 做一步 SGD，"
              "也就是课程中的“train your data…”。",
    },
    "batch.grid_x": {"en": "sample index (x = index + 1 for 10 points)",
                     "zh": "样本序号（10 个点时 x = 序号 + 1）"},
    "batch.grid_y": {"en": "epoch", "zh": "轮次（epoch）"},
    "batch.curve_y": {"en": "loss of y = w·x + b on the batch", "zh": "该批上 y = w·x + b 的损失"},
    "batch.summary": {
        "en": "{per_epoch} batches per epoch, sizes {sizes}; {total} batches in {epochs} epochs.",
        "zh": "每轮 {per_epoch} 批，各批大小 {sizes}；{epochs} 轮共 {total} 批。",
    },
    "batch.dropped": {
        "en": "drop_last skips samples {dropped} in epoch {epoch}: a different set every epoch "
              "when shuffling.",
        "zh": "drop_last 在第 {epoch} 轮跳过了样本 {dropped}：打乱顺序时每轮跳过的样本都不同。",
    },
    "batch.table_title": {"en": "Batches delivered so far", "zh": "目前已取出的批"},
    "batch.col.epoch": {"en": "Epoch", "zh": "轮次"},
    "batch.col.step": {"en": "Step", "zh": "步"},
    "batch.col.indices": {"en": "Sample indices", "zh": "样本序号"},
    "batch.col.x": {"en": "batch x", "zh": "batch x"},
    "batch.col.y": {"en": "batch y", "zh": "batch y"},
    "batch.printout": {"en": "The course's printout for these settings",
                       "zh": "这些设置下课程脚本的输出"},
    "batch.seed_note": {
        "en": "The shuffling draws from the loader's own `torch.Generator`, seeded with the "
              "seed: the same seed gives the same batches every time. With seed 1 the first "
              "epoch is exactly the course's printout ([5 7 10 3 4], [2 1 8 9 6]); later "
              "epochs differ from the course because today's torch draws its random numbers in "
              "another order. Worker processes only load the samples: the order is decided in "
              "the main process, so it does not change with their number.",
        "zh": "打乱顺序所用的随机数来自 DataLoader 自己的 `torch.Generator`，由随机种子初始化："
              "同一个种子每次得到同样的批。种子为 1 时，第一轮与课程的输出完全相同"
              "（[5 7 10 3 4]、[2 1 8 9 6]）；之后几轮与课程不同，因为现在的 torch 取随机数的顺序不一样。"
              "子进程只负责读取样本，顺序由主进程决定，所以子进程数不影响顺序。",
    },
    # ---------------------------------------------------------------------------- quick build
    "quick_build.intro": {
        "en": "The same network written twice. `net1` is a `torch.nn.Module` subclass: its layers "
              "are attributes (`hidden`, `predict`) and `forward` says how data flows, ReLU "
              "included. `net2` is one `torch.nn.Sequential(...)` expression: the layers run in "
              "the order given, ReLU as a layer of its own.",
        "zh": "同一个网络的两种写法。`net1` 是 `torch.nn.Module` 的子类：层是它的属性"
              "（`hidden`、`predict`），`forward` 写明数据怎样流过（包括 ReLU）。`net2` 是一个 "
              "`torch.nn.Sequential(...)` 表达式：各层按给出的顺序执行，ReLU 本身也是一层。",
    },
    "quick_build.module_title": {"en": "net1: nn.Module subclass", "zh": "net1：nn.Module 子类"},
    "quick_build.sequential_title": {"en": "net2: nn.Sequential", "zh": "net2：nn.Sequential"},
    "quick_build.code": {"en": "The code", "zh": "代码"},
    "quick_build.printed": {"en": "`print(net)`", "zh": "`print(net)`"},
    "quick_build.parameters": {"en": "Parameters", "zh": "参数个数"},
    "quick_build.formula": {
        "en": "(inputs + 1)·hidden + (hidden + 1)·outputs = ({n_feature} + 1)·{n_hidden} + "
              "({n_hidden} + 1)·{n_output} = {value}",
        "zh": "（输入 + 1）·隐藏 + （隐藏 + 1）·输出 = ({n_feature} + 1)·{n_hidden} + "
              "({n_hidden} + 1)·{n_output} = {value}",
    },
    "quick_build.why_relu": {
        "en": "`net2` prints the ReLU, `net1` does not: in `net1` the activation is a function "
              "called inside `forward`, not a module. That is the subclass's advantage: "
              "`forward` can do anything (loops, branches, an RNN's hidden state), while "
              "`Sequential` can only chain layers.",
        "zh": "`net2` 打印出了 ReLU，而 `net1` 没有：在 `net1` 中激励函数是在 `forward` 里调用的函数，"
              "不是一个模块。这正是子类写法的好处：`forward` 里可以写任何东西（循环、分支、RNN 的隐藏状态），"
              "而 `Sequential` 只能把层串起来。",
    },
    "quick_build.keys_title": {"en": "Copying the weights: the state_dict keys",
                               "zh": "复制权重：state_dict 的键"},
    "quick_build.keys_help": {
        "en": "The tensors have the same shapes under other names; `load_state_dict` is strict "
              "about names, so the keys are renamed first. The ReLU holds no parameters: the "
              "output layer is number 2.",
        "zh": "两边的张量形状相同，只是名字不同；`load_state_dict` 要求名字完全一致，所以先改键名。"
              "ReLU 没有参数：输出层的编号是 2。",
    },
    "quick_build.col.net1": {"en": "net1 key", "zh": "net1 的键"},
    "quick_build.col.net2": {"en": "net2 key", "zh": "net2 的键"},
    "quick_build.col.shape": {"en": "shape", "zh": "形状"},
    "quick_build.copy": {"en": "Copy net1's weights into net2", "zh": "把 net1 的权重复制到 net2"},
    "quick_build.outputs": {"en": "Outputs on the same inputs", "zh": "相同输入下的输出"},
    "quick_build.diff": {"en": "max |net1 − net2|", "zh": "最大差值 max |net1 − net2|"},
    "quick_build.same": {
        "en": "Identical outputs: after the copy both nets compute exactly the same function "
              "(difference {diff}).",
        "zh": "输出完全相同：复制之后两个网络计算的是同一个函数（差值 {diff}）。",
    },
    "quick_build.different": {
        "en": "Different outputs: each net starts from its own random weights (largest "
              "difference {diff:.4f}). Copy the weights to make them equal.",
        "zh": "输出不同：两个网络各自从随机权重开始（最大差值 {diff:.4f}）。复制权重后它们就相同了。",
    },
    "quick_build.chart_title": {"en": "Both nets' output over x (output 1)",
                                "zh": "两个网络在 x 上的输出（第 1 个输出）"},
    "quick_build.col.input": {"en": "input", "zh": "输入"},
    # ------------------------------------------------------------------------ save & restore
    "save_restore.intro": {
        "en": "Train the course's net (1 → 10 → 1, SGD 0.5, 100 steps), then save it two ways: "
              "`torch.save(net1)` pickles the whole model, `torch.save(net1.state_dict())` "
              "only its weights. `net2` is restored from the whole model, `net3` is built in "
              "code and given the state_dict. Their three lines below are the same line.",
        "zh": "训练课程中的网络（1 → 10 → 1，SGD 0.5，100 步），再用两种方式保存："
              "`torch.save(net1)` 序列化整个模型，`torch.save(net1.state_dict())` 只保存参数。"
              "`net2` 由整个模型还原，`net3` 先用代码搭好再载入 state_dict。下面三条线是同一条线。",
    },
    "save_restore.net1": {"en": "net1 (trained)", "zh": "net1（训练所得）"},
    "save_restore.net2": {"en": "net2 = torch.load(whole model)", "zh": "net2 = torch.load(整个模型)"},
    "save_restore.net3": {"en": "net3.load_state_dict(...)", "zh": "net3.load_state_dict(...)"},
    "save_restore.three_title": {"en": "Saved and restored", "zh": "保存与还原"},
    "save_restore.identical": {
        "en": "net2 and net3 predict exactly what net1 predicts (bit for bit).",
        "zh": "net2 和 net3 的预测与 net1 完全相同（逐位相等）。",
    },
    "save_restore.not_identical": {
        "en": "The restored nets predict something else than net1: whole model {whole}, "
              "state_dict {state}.",
        "zh": "还原的网络与 net1 的预测不同：整个模型 {whole}，state_dict {state}。",
    },
    "save_restore.sizes": {
        "en": "Whole model: {whole} bytes; state_dict: {state} bytes.",
        "zh": "整个模型：{whole} 字节；state_dict：{state} 字节。",
    },
    "save_restore.default_refuses": {
        "en": "Since torch 2.6 a plain `torch.load` of the whole-model file refuses it "
              "(`weights_only=True` is the default); the course's `torch.load('net.pkl')` now "
              "needs `weights_only=False`, which you should only write for your own files.",
        "zh": "从 torch 2.6 起，直接 `torch.load` 整个模型的文件会被拒绝（默认 `weights_only=True`）；"
              "课程里的 `torch.load('net.pkl')` 现在需要写 `weights_only=False`，只应对自己的文件这样做。",
    },
    "save_restore.scrub_to_end": {
        "en": "The nets are saved at the end of the run: scrub to the last step to see them.",
        "zh": "网络在训练结束时保存：拖到最后一步即可看到。",
    },
    "save_restore.download_whole": {"en": "Whole model (.pt, pickle)", "zh": "整个模型（.pt，pickle）"},
    "save_restore.unsafe_title": {"en": "Why a whole-model file from a stranger is dangerous",
                                  "zh": "为什么陌生人给的整个模型文件很危险"},
    "save_restore.unsafe_explain": {
        "en": "`torch.save(model)` writes a *pickle*: not data, but a small program for Python's "
              "unpickler (\"import this class, call it with these arguments\"). Loading it with "
              "`weights_only=False` runs that program, and a crafted file can just as well say "
              "\"import `os.system` and call it with `rm -rf ~`\": the command runs while the file "
              "loads, before you can look at the model. A state_dict needs nothing but tensors, "
              "so this page loads uploads with `torch.load(file, weights_only=True)`: a "
              "restricted unpickler that rebuilds tensors and plain containers and refuses every "
              "other import. Nothing in an uploaded file is ever executed. Share weights as a "
              "state_dict (or safetensors), never as a whole pickled model.",
        "zh": "`torch.save(model)` 写出的是 *pickle*：它不是数据，而是给 Python 反序列化器的一段小程序"
              "（“导入这个类，用这些参数调用它”）。用 `weights_only=False` 加载就会执行这段程序，"
              "而精心构造的文件完全可以写“导入 `os.system`，用 `rm -rf ~` 调用它”：命令在加载文件时就执行了，"
              "你还来不及看模型。state_dict 只需要张量，所以本页用 `torch.load(file, weights_only=True)` "
              "加载上传的文件：这是一个受限的反序列化器，只重建张量和普通容器，拒绝任何其他导入。"
              "上传文件中的任何内容都不会被执行。分享权重请用 state_dict（或 safetensors），"
              "不要分享整个 pickle 模型。",
    },
    "save_restore.upload_title": {"en": "Restore from a .pt state_dict", "zh": "从 .pt state_dict 还原"},
    "save_restore.upload_label": {"en": "Upload a state_dict (.pt)", "zh": "上传 state_dict（.pt）"},
    "save_restore.upload_help": {
        "en": "It must fit the network of the current settings: {architecture}. The download "
              "above fits.",
        "zh": "它必须与当前设置的网络相符：{architecture}。上面下载的文件就相符。",
    },
    "save_restore.upload_fit": {"en": "The uploaded weights on the course's data",
                                "zh": "上传的权重在课程数据上的拟合"},
    "save_restore.upload_loss": {"en": "MSE of the uploaded weights on these points: {loss:.6f}",
                                 "zh": "上传的权重在这些点上的均方误差：{loss:.6f}"},
    # one message per outcome of core.checkpoint_io.load_state_dict_upload
    "save_restore.upload.ok": {
        "en": "Loaded {name}: every tensor fits the network ({count} tensors).",
        "zh": "已载入 {name}：所有张量都与网络相符（共 {count} 个张量）。",
    },
    "save_restore.upload.ok_course_names": {
        "en": "Loaded {name}, the course's `Net`: its `hidden.*` tensors went into layer {first} "
              "and `predict.*` into layer {last} of the `nn.Sequential` ({count} tensors). Same "
              "tensors, other names.",
        "zh": "已载入 {name}（课程的 `Net`）：它的 `hidden.*` 张量放进了 `nn.Sequential` 的第 {first} 层，"
              "`predict.*` 放进了第 {last} 层（共 {count} 个张量）。张量相同，只是名字不同。",
    },
    "save_restore.upload.empty": {"en": "{name} is empty.", "zh": "{name} 是空文件。"},
    "save_restore.upload.too_large": {
        "en": "{name} is too large ({size} bytes; the limit is {limit} bytes).",
        "zh": "{name} 太大（{size} 字节；上限 {limit} 字节）。",
    },
    "save_restore.upload.unsafe_pickle": {
        "en": "Refused {name}: it is a pickle that would import and run {names}. It was opened "
              "with weights_only=True, so none of it was executed.",
        "zh": "已拒绝 {name}：这是一个会导入并执行 {names} 的 pickle。它是用 weights_only=True "
              "打开的，所以其中任何内容都没有被执行。",
    },
    "save_restore.upload.whole_model": {
        "en": "Refused {name}: it is a whole pickled model ({names}), not a state_dict. Loading "
              "it would run the pickle's code; save `model.state_dict()` instead.",
        "zh": "已拒绝 {name}：这是整个 pickle 模型（{names}），不是 state_dict。加载它会执行 pickle "
              "中的代码；请改为保存 `model.state_dict()`。",
    },
    "save_restore.upload.not_torch": {
        "en": "{name} is not a PyTorch file ({reason}).",
        "zh": "{name} 不是 PyTorch 文件（{reason}）。",
    },
    "save_restore.upload.not_state_dict": {
        "en": "{name} holds a {what}, not a state_dict (a dict of named tensors).",
        "zh": "{name} 里是 {what}，不是 state_dict（由名字到张量的字典）。",
    },
    "save_restore.upload.wrong_keys": {
        "en": "The tensor names in {name} do not fit this network. Missing: {missing}. "
              "Unexpected: {unexpected}.",
        "zh": "{name} 中的张量名与这个网络不符。缺少：{missing}。多出：{unexpected}。",
    },
    "save_restore.upload.wrong_shapes": {
        "en": "The shapes in {name} do not fit this network (file ≠ network): {mismatches}. "
              "Change the hidden units or layers to match the file.",
        "zh": "{name} 中的形状与这个网络不符（文件 ≠ 网络）：{mismatches}。请调整隐藏单元数或层数以匹配文件。",
    },
    "save_restore.upload.not_finite": {
        "en": "The weights in {name} contain NaN or infinity ({names}).",
        "zh": "{name} 中的权重含有 NaN 或无穷大（{names}）。",
    },
}
