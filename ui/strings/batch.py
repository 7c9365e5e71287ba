"""Strings of the Batch training lesson (pages/batch.py)."""

STRINGS = {
    "nav.batch": {"en": "Batch training", "zh": "批训练"},
    "home.batch": {"en": "Which samples land in which batch: the real DataLoader, shuffled.",
                   "zh": "哪些样本落入哪个批次：真实的 DataLoader，打乱顺序。"},
    "param.shuffle": {"en": "Shuffle every epoch", "zh": "每轮打乱顺序"},
    "param.drop_last": {"en": "Drop the last smaller batch", "zh": "丢弃最后不满的批"},
    "param.num_workers": {"en": "Loader worker processes", "zh": "加载数据的子进程数"},
    "batch.now": {"en": "Now: {points} points in batches of {size}: {batches} batches per epoch, "
                        "{epochs} epochs.",
                  "zh": "当前：{points} 个样本，每批 {size} 个：每轮 {batches} 批，共 {epochs} 轮。"},
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
    "batch.grid_x": {"en": "sample index", "zh": "样本序号"},
    "batch.grid_y": {"en": "epoch", "zh": "轮次（epoch）"},
    "batch.legend": {"en": "batch", "zh": "批"},
    "batch.legend_dropped": {"en": "dropped", "zh": "被丢弃"},
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
}
