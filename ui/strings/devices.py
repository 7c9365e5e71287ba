"""Strings of the Devices & GPU lesson (pages/devices.py)."""

STRINGS = {
    "devices.intro": {
        "en": "Tensors and models live on a device: the CPU, an NVIDIA GPU (`cuda:0`, `cuda:1`, …) "
              "or an Apple GPU (`mps`). A GPU runs thousands of multiply-adds at once, so big "
              "matrix products and convolutions get much faster; everything taking part in one "
              "operation must sit on the same device.",
        "zh": "张量和模型都位于某个设备上：CPU、NVIDIA GPU（`cuda:0`、`cuda:1`……）或 Apple GPU（`mps`）。"
              "GPU 能同时进行成千上万次乘加运算，所以大矩阵乘法和卷积会快得多；参与同一个运算的所有东西"
              "必须在同一个设备上。",
    },
    "devices.yes": {"en": "yes", "zh": "是"},
    "devices.no": {"en": "no", "zh": "否"},
    "devices.cuda": {"en": "CUDA available", "zh": "CUDA 可用"},
    "devices.count": {"en": "GPU count", "zh": "GPU 数量"},
    "devices.current": {"en": "Current device", "zh": "当前设备"},
    "devices.cpu_build": {"en": "none (CPU-only build)", "zh": "无（仅 CPU 版本）"},
    "devices.build": {
        "en": "torch {torch} · built with CUDA {cuda} · CPU threads used by torch: {threads} · "
              "devices offered on the training pages: {usable}",
        "zh": "torch {torch} · 编译所用 CUDA {cuda} · torch 使用的 CPU 线程数：{threads} · "
              "训练页面提供的设备：{usable}",
    },
    "devices.col.index": {"en": "device", "zh": "设备"},
    "devices.col.name": {"en": "name", "zh": "名称"},
    "devices.col.memory": {"en": "memory (GiB)", "zh": "显存（GiB）"},
    "devices.col.free": {"en": "free (GiB)", "zh": "可用（GiB）"},
    "devices.col.capability": {"en": "compute capability", "zh": "计算能力"},
    "devices.col.sms": {"en": "multiprocessors", "zh": "多处理器数"},
    "devices.col.device": {"en": "device", "zh": "设备"},
    "devices.col.work": {"en": "work", "zh": "任务"},
    "devices.col.rate": {"en": "rate", "zh": "速率"},
    "devices.no_gpu": {
        "en": "No GPU on this machine: every page runs on the CPU, and the figures below are CPU "
              "figures. A GPU would add a `cuda:0` choice to every device control; big matrix "
              "products typically run tens of times faster there, while tiny ones are no faster "
              "(launching the work costs more than doing it).",
        "zh": "这台机器没有 GPU：所有页面都在 CPU 上运行，下面的数字都是 CPU 的数字。有 GPU 时，每个设备"
              "选择框都会多出 `cuda:0`；大矩阵乘法通常能快几十倍，而很小的运算不会更快（启动运算的开销比"
              "运算本身还大）。",
    },
    "devices.timing.title": {"en": "The same work on each device", "zh": "同样的任务在各设备上的耗时"},
    "devices.timing.explain": {
        "en": "n × n matrix products (2n³ floating-point operations each) and one training step "
              "of the course's CNN (page 11) on a batch of 28 × 28 images. Timed properly: a "
              "warm-up run first, then the clock is read only after `synchronize`, because GPU "
              "calls return before the GPU has finished; the median of the repeats is kept.",
        "zh": "n × n 矩阵乘法（每次 2n³ 次浮点运算），以及课程 CNN（第 11 页）在一批 28 × 28 图片上的一次"
              "训练步骤。正确的计时方法：先预热一次，只有在 `synchronize` 之后才读时钟，因为 GPU 调用在 GPU "
              "完成之前就返回了；取多次重复的中位数。",
    },
    "devices.timing.sizes": {"en": "Matrix sizes n", "zh": "矩阵大小 n"},
    "devices.timing.batch": {"en": "CNN batch", "zh": "CNN 批大小"},
    "devices.timing.repeats": {"en": "Repeats", "zh": "重复次数"},
    "devices.timing.devices": {"en": "Devices", "zh": "设备"},
    "devices.timing.again": {"en": "Measure again", "zh": "重新测量"},
    "devices.timing.running": {"en": "Timing…", "zh": "正在计时……"},
    "devices.timing.no_sizes": {"en": "Pick at least one matrix size.", "zh": "请至少选择一个矩阵大小。"},
    "devices.timing.n": {"en": "n (matrix is n × n)", "zh": "n（矩阵为 n × n）"},
    "devices.timing.seconds": {"en": "seconds per product (log)", "zh": "每次乘法的秒数（对数）"},
    "devices.timing.cnn_step": {"en": "CNN step, batch {batch}", "zh": "CNN 一步，批大小 {batch}"},
    "devices.timing.images": {"en": "{rate:.0f} images/s", "zh": "{rate:.0f} 张图片/秒"},
    "devices.timing.speedup": {"en": "speed-up over CPU (×)", "zh": "相对 CPU 的加速比（×）"},
    "devices.timing.speedup_explain": {
        "en": "Speed-up = CPU time / device time for the same work. Small products gain little "
              "or even lose: each GPU call has a fixed launch cost of several microseconds.",
        "zh": "加速比 = 同样任务的 CPU 时间 / 设备时间。小矩阵收益很小甚至更慢：每次 GPU 调用都有几微秒的"
              "固定启动开销。",
    },
    "devices.timing.cpu_only": {
        "en": "Only the CPU was timed, so there is no speed-up to show. On a machine with a GPU "
              "this section adds a curve per GPU and a speed-up chart.",
        "zh": "只测了 CPU，所以没有加速比可显示。在有 GPU 的机器上，这里会为每个 GPU 增加一条曲线和一张"
              "加速比图。",
    },
    "devices.timing.threads": {
        "en": "CPU figures use {threads} torch thread(s): this app gives each user's work one thread.",
        "zh": "CPU 数字使用 {threads} 个 torch 线程：本应用为每个用户的任务分配一个线程。",
    },
    "devices.mixed.title": {"en": "Model and data on different devices", "zh": "模型和数据在不同设备上"},
    "devices.mixed.explain": {
        "en": "The most common GPU mistake: the model was moved with `.to(device)` but a batch of "
              "data was not (or the other way round). Press the button to run it for real.",
        "zh": "最常见的 GPU 错误：模型用 `.to(device)` 移过去了，但某一批数据没有移（或者反过来）。点击按钮真实运行一次。",
    },
    "devices.mixed.meta": {
        "en": "No GPU here, so the model goes to the \"meta\" device instead: a device every torch "
              "build has, whose tensors have shapes but no numbers. It trips the same device check "
              "that `cuda:0` against `cpu` trips on a GPU machine.",
        "zh": "这里没有 GPU，所以把模型放到 “meta” 设备上：每个 torch 版本都有这个设备，它的张量只有形状没有数值。"
              "它会触发与 GPU 机器上 `cuda:0` 对 `cpu` 相同的设备检查。",
    },
    "devices.mixed.run": {"en": "Run model(x)", "zh": "运行 model(x)"},
    "devices.mixed.running": {"en": "Running…", "zh": "正在运行……"},
    "devices.mixed.why": {
        "en": "The weights are on **{model}** and the input on **{data}**: torch never moves data "
              "behind your back, because a silent copy between devices would be slow and easy to "
              "miss. Move the data to the model's device:",
        "zh": "权重在 **{model}** 上，输入在 **{data}** 上：torch 从不在背后偷偷搬运数据，因为设备之间的"
              "隐式复制既慢又不容易察觉。把数据移到模型所在的设备上：",
    },
    "devices.dp.explain": {
        "en": "`nn.DataParallel(model)` copies the model to every GPU, splits each batch along "
              "dim 0 into one piece per GPU, runs the pieces in parallel and gathers the outputs "
              "on the first GPU. (For serious multi-GPU training, PyTorch recommends "
              "DistributedDataParallel.)",
        "zh": "`nn.DataParallel(model)` 把模型复制到每个 GPU，把每批数据沿第 0 维切成每个 GPU 一份，并行运行，"
              "再把输出收集到第一个 GPU 上。（正式的多 GPU 训练，PyTorch 推荐使用 DistributedDataParallel。）",
    },
    "devices.dp.none": {
        "en": "This machine has {count} GPU(s); DataParallel needs at least two. Here is how it "
              "would split a batch:",
        "zh": "这台机器有 {count} 个 GPU；DataParallel 至少需要两个。下面是它切分一批数据的方式：",
    },
    "devices.dp.batch": {"en": "Batch size", "zh": "批大小"},
    "devices.dp.gpus": {"en": "GPUs", "zh": "GPU 数量"},
    "devices.dp.split": {
        "en": "A batch of {batch} on {gpus} GPUs: pieces of `{split}` samples (torch.chunk along dim 0).",
        "zh": "{gpus} 个 GPU 上的一批 {batch} 个样本：切成 `{split}` 个样本的几份（沿第 0 维 torch.chunk）。",
    },
    "devices.dp.run": {"en": "Run the CNN with DataParallel", "zh": "用 DataParallel 运行 CNN"},
    "devices.dp.result": {
        "en": "device_ids {ids}; each replica saw {batches} samples; output {shape} on {device}.",
        "zh": "device_ids {ids}；各副本分别处理了 {batches} 个样本；输出 {shape}，位于 {device}。",
    },
    "nav.devices": {"en": "Devices & GPU", "zh": "设备与 GPU"},
    "home.devices": {"en": "What hardware is here, and how much a GPU speeds things up.",
                     "zh": "这台机器有什么硬件，GPU 能加速多少。"},
}
