"""Devices & GPU: what this machine has, how fast the same work runs on each device, and what
happens when a model and its data sit on different devices.

Only CPU is guaranteed. Every CUDA call below is guarded by ``torch.cuda.is_available()`` or by
the device list of :mod:`core.devices`, so that this module imports and runs on any machine.
"""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from collections.abc import Callable

import torch
from torch import nn

from core import devices as _devices  # module reference: tests monkeypatch its functions

# ----------------------------------------------------------------------------------------------
# 1. Inventory
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GpuInfo:
    index: int
    name: str
    total_memory_gib: float
    free_memory_gib: float | None  # None when the driver cannot say
    capability: tuple[int, int]  # compute capability (major, minor), e.g. (9, 0) for H100
    multiprocessors: int


@dataclass(frozen=True)
class Inventory:
    torch_version: str
    cuda_build: str | None  # the CUDA version torch was built with (None: a CPU-only build)
    cuda_available: bool
    device_count: int
    current_device: int | None
    gpus: list[GpuInfo]
    mps_available: bool
    cpu_threads: int  # threads torch uses for CPU work
    usable: tuple[str, ...]  # what the device controls offer (core.devices.available_devices)


def inventory() -> Inventory:
    """Ask torch what is there. Touches CUDA only when ``torch.cuda.is_available()``."""
    cuda = torch.cuda.is_available()
    gpus: list[GpuInfo] = []
    count = 0
    current = None
    if cuda:
        count = torch.cuda.device_count()
        current = torch.cuda.current_device()
        for i in range(count):
            props = torch.cuda.get_device_properties(i)
            try:
                free, _total = torch.cuda.mem_get_info(i)
                free_gib: float | None = free / 2**30
            except RuntimeError:  # e.g. a device in exclusive mode held by another process
                free_gib = None
            gpus.append(
                GpuInfo(
                    index=i,
                    name=torch.cuda.get_device_name(i),
                    total_memory_gib=props.total_memory / 2**30,
                    free_memory_gib=free_gib,
                    capability=tuple(torch.cuda.get_device_capability(i)),  # type: ignore[arg-type]
                    multiprocessors=int(props.multi_processor_count),
                )
            )
    mps = getattr(torch.backends, "mps", None)
    return Inventory(
        torch_version=torch.__version__,
        cuda_build=torch.version.cuda,
        cuda_available=cuda,
        device_count=count,
        current_device=current,
        gpus=gpus,
        mps_available=bool(mps is not None and mps.is_available()),
        cpu_threads=torch.get_num_threads(),
        usable=tuple(_devices.available_devices()),
    )


# ----------------------------------------------------------------------------------------------
# 2. Timing the same work on each device
# ----------------------------------------------------------------------------------------------


def time_call(fn: Callable[[], object], device: torch.device, repeats: int = 3, warmup: int = 1) -> float:
    """Median seconds of ``fn()`` on ``device``.

    GPU calls return before the GPU has finished (they only queue work), so the clock is read
    after :func:`core.devices.synchronize`. The warm-up runs absorb one-time costs: CUDA context
    creation, kernel selection, memory-pool growth. The median ignores a stray slow run.
    """
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    for _ in range(warmup):
        fn()
    _devices.synchronize(device)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        _devices.synchronize(device)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# What time_call does, as the page shows it (with a GPU in mind).
TIMING_CODE = """a = torch.randn(n, n).to(device)
b = torch.randn(n, n).to(device)
a @ b                          # warm-up: the first call pays one-time costs
torch.cuda.synchronize()       # wait until the queue is empty
start = time.perf_counter()
a @ b                          # on a GPU this only *queues* the work...
torch.cuda.synchronize()       # ...so wait for it before reading the clock
seconds = time.perf_counter() - start   # repeated 3 times, the median is kept"""


@dataclass(frozen=True)
class Timing:
    device: str
    work: str  # "matmul" or "cnn"
    size: int  # matrix side n, or the CNN batch size
    seconds: float  # median of the repeats
    rate: float  # GFLOP/s for matmul, images/s for the CNN


def time_matmul(device: str, sizes: tuple[int, ...] = (128, 256, 512, 1024), repeats: int = 3,
                seed: int = 0) -> list[Timing]:
    """``a @ b`` for two n x n float32 matrices on ``device``: 2 n^3 floating-point operations."""
    dev = torch.device(device)
    gen = torch.Generator().manual_seed(seed)
    out = []
    for n in sizes:
        a = torch.randn(n, n, generator=gen).to(dev)  # made on the CPU, then moved: same numbers everywhere
        b = torch.randn(n, n, generator=gen).to(dev)
        seconds = time_call(lambda a=a, b=b: a @ b, dev, repeats)  # this n's matrices
        out.append(Timing(device, "matmul", n, seconds, 2 * n**3 / seconds / 1e9))
    return out


def course_cnn() -> nn.Module:
    """The course's MNIST CNN (page 11): two conv+relu+pool blocks and a linear layer."""
    return nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=5, stride=1, padding=2),  # (B,1,28,28) -> (B,16,28,28)
        nn.ReLU(),
        nn.MaxPool2d(2),  # -> (B,16,14,14)
        nn.Conv2d(16, 32, kernel_size=5, stride=1, padding=2),  # -> (B,32,14,14)
        nn.ReLU(),
        nn.MaxPool2d(2),  # -> (B,32,7,7)
        nn.Flatten(),
        nn.Linear(32 * 7 * 7, 10),
    )


def time_cnn(device: str, batch: int = 50, repeats: int = 3, seed: int = 0) -> Timing:
    """One training step (forward, loss, backward) of the course CNN on a batch of 28x28 images."""
    dev = torch.device(device)
    torch.manual_seed(seed)
    model = course_cnn().to(dev)
    gen = torch.Generator().manual_seed(seed)
    images = torch.rand(batch, 1, 28, 28, generator=gen).to(dev)
    labels = torch.randint(0, 10, (batch,), generator=gen).to(dev)
    loss_fn = nn.CrossEntropyLoss()

    def step() -> None:
        model.zero_grad()
        loss_fn(model(images), labels).backward()

    seconds = time_call(step, dev, repeats)
    return Timing(device, "cnn", batch, seconds, batch / seconds)


@dataclass(frozen=True)
class Comparison:
    timings: list[Timing]
    speedups: dict[str, dict[str, float]] = field(default_factory=dict)  # device -> {"matmul 512": x}
    cpu_threads: int = 1


def compare(
    devices: tuple[str, ...] | None = None,
    sizes: tuple[int, ...] = (128, 256, 512, 1024),
    batch: int = 50,
    repeats: int = 3,
) -> Comparison:
    """Time the same matrix products and CNN step on each device; speed-up = cpu time / its time.

    ``devices`` defaults to what :func:`core.devices.available_devices` offers (cpu always).
    """
    devices = tuple(devices) if devices is not None else tuple(_devices.available_devices())
    if "cpu" not in devices:
        devices = ("cpu", *devices)  # the reference every speed-up is measured against
    timings: list[Timing] = []
    for dev in devices:
        timings.extend(time_matmul(dev, sizes, repeats))
        timings.append(time_cnn(dev, batch, repeats))
    cpu = {(t.work, t.size): t.seconds for t in timings if t.device == "cpu"}
    speedups: dict[str, dict[str, float]] = {}
    for t in timings:
        if t.device != "cpu":
            speedups.setdefault(t.device, {})[f"{t.work} {t.size}"] = cpu[(t.work, t.size)] / t.seconds
    return Comparison(timings, speedups, torch.get_num_threads())


# ----------------------------------------------------------------------------------------------
# 3. Model and data on different devices
# ----------------------------------------------------------------------------------------------


def mixed_pair() -> tuple[str, str]:
    """(model device, data device) that really differ on this machine.

    With a GPU: the model on cuda:0, the data left on the CPU, the everyday mistake. Without one,
    torch's "meta" device (tensors with a shape but no data, present in every build) trips the
    very same device check, so the real error can still be shown.
    """
    usable = _devices.available_devices()
    accel = [d for d in usable if d != "cpu"]
    return (accel[0], "cpu") if accel else ("meta", "cpu")


@dataclass(frozen=True)
class MixedDeviceResult:
    model_device: str
    data_device: str
    error: str  # torch's message; "" if the devices happened to agree
    fixed_output_shape: tuple[int, ...]  # after x = x.to(the model's device)
    fixed_output_device: str


def mixed_device_error(model_device: str, data_device: str) -> MixedDeviceResult:
    """Run ``nn.Linear(4, 2)`` on ``model_device`` with data on ``data_device``; then fix it."""
    if data_device == "meta":
        raise ValueError("meta tensors hold no data to move: use meta for the model, not the data")
    torch.manual_seed(0)
    model = nn.Linear(4, 2).to(model_device)
    x = torch.randn(3, 4).to(data_device)
    try:
        model(x)
        error = ""
    except RuntimeError as err:
        error = str(err).strip().splitlines()[0]
    param_device = next(model.parameters()).device
    y = model(x.to(param_device))  # the fix: move the data to where the weights are
    return MixedDeviceResult(model_device, data_device, error, tuple(y.shape), str(y.device))


# ----------------------------------------------------------------------------------------------
# 4. DataParallel
# ----------------------------------------------------------------------------------------------


def data_parallel_split(batch: int, gpus: int) -> list[int]:
    """How nn.DataParallel scatters a batch: along dim 0 in ``torch.chunk`` pieces, one per GPU."""
    if batch < 1 or gpus < 1:
        raise ValueError("batch and gpus must be at least 1")
    return [len(c) for c in torch.arange(batch).chunk(gpus)]


@dataclass(frozen=True)
class DataParallelRun:
    device_ids: list[int]
    replica_batches: list[int]  # batch size each replica saw, measured with a forward hook
    output_shape: tuple[int, ...]
    output_device: str


def data_parallel_run(batch: int = 64) -> DataParallelRun | None:
    """Run the course CNN under nn.DataParallel on every GPU; None with fewer than two GPUs."""
    if not torch.cuda.is_available() or torch.cuda.device_count() < 2:
        return None
    seen: list[tuple[int, int]] = []  # (device index, batch) per replica call

    def hook(module: nn.Module, inputs: tuple[torch.Tensor, ...]) -> None:
        seen.append((inputs[0].device.index, inputs[0].shape[0]))

    base = course_cnn().to("cuda:0")  # DataParallel wants the original on device_ids[0]
    base[0].register_forward_pre_hook(hook)  # replicas copy the hook along with the layer
    model = nn.DataParallel(base)
    images = torch.rand(batch, 1, 28, 28, device="cuda:0")
    with torch.no_grad():
        out = model(images)
    torch.cuda.synchronize()
    seen.sort()
    return DataParallelRun(list(model.device_ids), [b for _, b in seen], tuple(out.shape), str(out.device))
