"""Devices lab on a machine without a GPU; CUDA is simulated by monkeypatching torch.cuda."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import torch

from core import device_lab as dl
from core import devices


@pytest.fixture
def no_gpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)

    def must_not_be_called(*a, **k):
        raise AssertionError("CUDA was queried although it is not available")

    for name in ("device_count", "current_device", "get_device_properties", "get_device_name", "mem_get_info"):
        monkeypatch.setattr(torch.cuda, name, must_not_be_called)
    monkeypatch.setattr(devices, "available_devices", lambda: ("cpu",))


@pytest.fixture
def two_fake_gpus(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda i: f"Fake GPU {i}")
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda i: (9, 0))
    monkeypatch.setattr(
        torch.cuda, "get_device_properties",
        lambda i: SimpleNamespace(total_memory=80 * 2**30, multi_processor_count=132)
    )
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda i: (60 * 2**30, 80 * 2**30))
    monkeypatch.setattr(devices, "available_devices", lambda: ("cpu", "cuda:0", "cuda:1"))


def test_inventory_without_gpu(no_gpu):
    inv = dl.inventory()
    assert not inv.cuda_available and inv.device_count == 0 and inv.gpus == []
    assert inv.current_device is None and inv.usable == ("cpu",)
    assert inv.cpu_threads == torch.get_num_threads()


def test_inventory_reads_every_gpu(two_fake_gpus):
    inv = dl.inventory()
    assert inv.cuda_available and inv.device_count == 2 and inv.current_device == 0
    assert [g.name for g in inv.gpus] == ["Fake GPU 0", "Fake GPU 1"]
    g = inv.gpus[1]
    assert (g.total_memory_gib, g.free_memory_gib, g.capability, g.multiprocessors) == (80.0, 60.0, (9, 0), 132)
    assert inv.usable == ("cpu", "cuda:0", "cuda:1")


def test_time_call_warms_up_and_synchronizes_after_each_run(monkeypatch):
    events = []
    monkeypatch.setattr(devices, "synchronize", lambda dev: events.append(("sync", str(dev))))
    dl.time_call(lambda: events.append("run"), torch.device("cuda:0"), repeats=3, warmup=2)
    # warm-up runs, a sync so they do not leak into the first timing, then run+sync per repeat
    assert events == ["run", "run", ("sync", "cuda:0")] + ["run", ("sync", "cuda:0")] * 3


def test_cpu_matmul_timing_is_measured():
    timings = dl.time_matmul("cpu", sizes=(16, 64), repeats=2)
    assert [t.size for t in timings] == [16, 64]
    for t in timings:
        assert t.seconds > 0 and t.rate == pytest.approx(2 * t.size**3 / t.seconds / 1e9)


def test_compare_on_a_cpu_only_machine(no_gpu):
    c = dl.compare(sizes=(32,), batch=4, repeats=1)
    assert {t.device for t in c.timings} == {"cpu"}
    assert [(t.work, t.size) for t in c.timings] == [("matmul", 32), ("cnn", 4)]
    assert c.speedups == {}


def test_compare_speedup_is_cpu_time_over_device_time(two_fake_gpus, monkeypatch):
    # simulated timings: cuda takes a quarter of the cpu time for matmul, half for the CNN
    def fake_matmul(device, sizes, repeats):
        return [dl.Timing(device, "matmul", n, 1.0 if device == "cpu" else 0.25, 0.0) for n in sizes]

    def fake_cnn(device, batch, repeats):
        return dl.Timing(device, "cnn", batch, 0.2 if device == "cpu" else 0.1, 0.0)

    monkeypatch.setattr(dl, "time_matmul", fake_matmul)
    monkeypatch.setattr(dl, "time_cnn", fake_cnn)
    c = dl.compare(sizes=(32, 64), batch=4, repeats=1)  # devices: cpu, cuda:0, cuda:1
    assert c.speedups == {
        "cuda:0": {"matmul 32": 4.0, "matmul 64": 4.0, "cnn 4": 2.0},
        "cuda:1": {"matmul 32": 4.0, "matmul 64": 4.0, "cnn 4": 2.0},
    }
    assert dl.compare(devices=("cuda:0",), sizes=(32,), batch=4).timings[0].device == "cpu"  # cpu added


def test_course_cnn_shapes():
    out = dl.course_cnn()(torch.zeros(2, 1, 28, 28))
    assert out.shape == (2, 10)


def test_mixed_devices_error_is_real_and_fixed(no_gpu):
    model_dev, data_dev = dl.mixed_pair()
    assert (model_dev, data_dev) == ("meta", "cpu")
    r = dl.mixed_device_error(model_dev, data_dev)
    assert "device" in r.error and "meta" in r.error and "cpu" in r.error
    assert r.fixed_output_shape == (3, 2) and r.fixed_output_device == "meta"
    assert dl.mixed_device_error("cpu", "cpu").error == ""


def test_mixed_pair_prefers_a_real_gpu(two_fake_gpus):
    assert dl.mixed_pair() == ("cuda:0", "cpu")


def test_data_parallel_split_and_absence():
    assert dl.data_parallel_split(64, 2) == [32, 32]
    assert dl.data_parallel_split(10, 3) == [4, 4, 2]
    assert dl.data_parallel_split(3, 4) == [1, 1, 1]  # fewer pieces than GPUs: one sits idle


def test_data_parallel_needs_two_gpus(no_gpu, monkeypatch):
    assert dl.data_parallel_run() is None
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 1)
    assert dl.data_parallel_run() is None
