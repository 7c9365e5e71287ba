"""Strings of the Training template lesson (pages/template.py)."""

STRINGS = {
    "nav.template": {"en": "Training template", "zh": "训练模板"},
    "home.template": {"en": "The five parts of a real project, checkpoints and TensorBoard.",
                      "zh": "真实项目的五个部分、断点续训与 TensorBoard。"},
    "param.resume_epoch": {"en": "Resume from epoch (0 = start fresh)",
                           "zh": "从第几轮的检查点继续（0 = 从头开始）"},
    # the optimizers by their torch names, as on every other page (the values stay "sgd", "adam")
    "choice.sgd": {"en": "SGD", "zh": "SGD"},
    "choice.adam": {"en": "Adam", "zh": "Adam"},
    "param.run_id": {"en": "Checkpoint folder number (this browser session's own)",
                     "zh": "检查点文件夹编号（本浏览器会话专用）"},
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
    "template.epoch": {"en": "Epoch", "zh": "轮次"},
    "template.progress": {"en": "Epoch {step} of {total}", "zh": "第 {step} / {total} 轮"},
    "template.done": {"en": "Trained to epoch {total} in {seconds:.2f} s.",
                      "zh": "已训练到第 {total} 轮，用时 {seconds:.2f} 秒。"},
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
