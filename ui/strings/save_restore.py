"""Strings of the Save & restore lesson (pages/save_restore.py)."""

STRINGS = {
    "nav.save_restore": {"en": "Save & restore", "zh": "保存与提取"},
    "home.save_restore": {"en": "Save a model, restore it, and upload a state_dict safely.",
                          "zh": "保存模型、提取模型，并安全地上传 state_dict。"},
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
