"""Devices page through the router, without a GPU, and with two simulated ones."""
from types import SimpleNamespace

import pytest
import torch

from core import device_lab, devices
from tests.app.conftest import no_exceptions, open_page, texts


@pytest.fixture
def no_gpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(devices, "available_devices", lambda: ("cpu",))


@pytest.fixture
def two_fake_gpus(monkeypatch):
    """CUDA answers as if two GPUs were there; the timings of 'cuda' are simulated too."""
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "device_count", lambda: 2)
    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda i: f"Fake GPU {i}")
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda i: (9, 0))
    monkeypatch.setattr(torch.cuda, "get_device_properties",
                        lambda i: SimpleNamespace(total_memory=80 * 2**30, multi_processor_count=132))
    monkeypatch.setattr(torch.cuda, "mem_get_info", lambda i: (60 * 2**30, 80 * 2**30))
    monkeypatch.setattr(devices, "available_devices", lambda: ("cpu", "cuda:0", "cuda:1"))
    monkeypatch.setattr(device_lab, "time_matmul", lambda d, sizes, r: [
        device_lab.Timing(d, "matmul", n, 1e-3 if d == "cpu" else 1e-4, 1.0) for n in sizes])
    monkeypatch.setattr(device_lab, "time_cnn", lambda d, b, r: device_lab.Timing(
        d, "cnn", b, 2e-2 if d == "cpu" else 5e-3, 1.0))


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_without_gpu_the_page_works_and_shows_cpu_figures(no_gpu):
    at = open_page("devices")
    no_exceptions(at)
    assert metric(at, "CUDA available") == "no" and metric(at, "GPU count") == "0"
    assert "No GPU on this machine" in at.info[0].value
    table = at.dataframe[0].value
    assert set(table.iloc[:, 0]) == {"cpu"} and len(table) == 4 + 1  # 4 sizes + the CNN step
    assert all(float(ms) > 0 for ms in table["ms"])
    assert "Only the CPU was timed" in texts(at)
    assert "[16, 16, 16, 16]" in texts(at)  # DataParallel: 64 samples on 4 GPUs


def test_changing_sizes_retimes(no_gpu):
    at = open_page("devices")
    at.multiselect(key="devices.sizes").set_value([64]).run()
    no_exceptions(at)
    table = at.dataframe[0].value
    assert len(table) == 2 and "matmul 64×64" in table.iloc[0].tolist()


def test_mixed_devices_error_is_shown_and_explained(no_gpu):
    at = open_page("devices")
    at.button(key="devices.mixed.run").click().run()
    no_exceptions(at)
    assert "is not on the expected device" in at.error[0].value
    assert "Move the data to the model's device" in texts(at)


def test_two_simulated_gpus_show_the_table_and_speedups(two_fake_gpus):
    at = open_page("devices")
    no_exceptions(at)
    assert metric(at, "GPU count") == "2"
    gpus = at.dataframe[0].value
    assert gpus.iloc[:, 1].tolist() == ["Fake GPU 0", "Fake GPU 1"]
    timings = at.dataframe[1].value
    assert set(timings.iloc[:, 0]) == {"cpu", "cuda:0", "cuda:1"}
    assert "Speed-up = CPU time / device time" in texts(at)


def test_chinese(no_gpu):
    at = open_page("devices", lang="zh")
    no_exceptions(at)
    assert at.title[0].value == "设备与 GPU"
    assert "没有 GPU" in at.info[0].value
