"""CIFAR-10 page through AppTest: no data (explained, model still shown) and a small fake set.

The fake set is written in the real format (tests/core/cifar_files.py) into a temporary folder
named by PLAYGROUND_DATA; AppTest runs the page in this process, so it sees the variable.
"""
import hashlib
import tarfile

import pytest

from core import cifar
from tests.app.conftest import no_exceptions, open_page, texts
from tests.core.cifar_files import write_archive, write_cifar10


@pytest.fixture
def no_data(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_DATA", str(tmp_path / "nothing"))
    return tmp_path / "nothing"


@pytest.fixture
def small_set(tmp_path, monkeypatch):
    write_cifar10(tmp_path, per_batch=20, n_test=30)
    monkeypatch.setenv("PLAYGROUND_DATA", str(tmp_path))
    return tmp_path


def images(at):
    return list(at.get("image"))  # one element per st.image call (a list of images each)


def test_without_data_it_says_how_to_get_it_and_shows_the_model(no_data):
    at = open_page("cifar10")
    no_exceptions(at)
    warning = at.warning[0].value
    assert "CIFAR-10 is not on this machine" in warning
    assert str(no_data / "cifar-10-batches-py") in warning and "cifar-10-python.tar.gz" in warning
    table = at.dataframe[0].value
    assert list(table["layer"]) == ["conv1", "pool", "conv2", "pool", "fc1", "fc2", "fc3"]
    assert list(table["output shape"]) == ["1 × 6 × 28 × 28", "1 × 6 × 14 × 14", "1 × 16 × 10 × 10",
                                           "1 × 16 × 5 × 5", "1 × 120", "1 × 84", "1 × 10"]
    assert list(table["parameters"]) == [456, 0, 2416, 0, 48120, 10164, 850]
    assert "Parameters in total: **62,006**" in texts(at)
    assert not [b for b in at.button if b.key == "cifar10.train"]  # nothing to train on


def test_without_data_in_chinese(no_data):
    at = open_page("cifar10", lang="zh")
    no_exceptions(at)
    assert "本机没有 CIFAR-10" in at.warning[0].value
    assert "参数个数" in at.dataframe[0].value.columns


def test_small_dataset_trains_and_shows_accuracy_per_class(small_set):
    at = open_page("cifar10", query={"epochs": "2", "train_images": "40"})
    no_exceptions(at)
    text = texts(at)
    assert "files in the CIFAR-10 format (not the official ones)" in text
    assert "100 training and 30 test images" in text
    samples = images(at)
    assert samples, "no sample images"
    at.button(key="cifar10.train").click().run()
    no_exceptions(at)
    assert "Finished 20 steps" in at.success[0].value  # 2 epochs of 40 images in batches of 4
    run = at.session_state["cifar10.run"]
    per_class = run.last.extra["per_class"]
    assert len(per_class) == 10 and all(0 <= a <= 1 for a in per_class.values())
    accuracy = next(m.value for m in at.metric if m.label == "Test accuracy")
    assert accuracy == f"{run.last.scalars['test_accuracy']:.1%}"
    assert "First test images: predicted class" in texts(at)
    assert len(images(at)) == len(samples) + 1  # the predictions grid came in addition


def test_a_changed_setting_reaches_the_run(small_set):
    at = open_page("cifar10", query={"epochs": "1", "train_images": "40"})
    at.select_slider(key="cifar10.lr").set_value(0.01).run()
    at.button(key="cifar10.train").click().run()
    no_exceptions(at)
    assert at.session_state["cifar10.run"].cfg.lr == 0.01
    assert at.query_params["lr"] in ("0.01", ["0.01"])


def test_unreadable_files_are_explained(small_set):
    (small_set / "cifar-10-batches-py" / "batches.meta").write_bytes(b"broken")
    at = open_page("cifar10")
    no_exceptions(at)
    assert "cannot be read" in at.error[0].value
    assert at.dataframe, "the model table is still shown"


def upload_archive(at, raw):
    at.file_uploader(key="cifar10.archive").set_value(
        ("cifar-10-python.tar.gz", raw, "application/gzip")).run()
    no_exceptions(at)
    return at


def test_offline_upload_of_the_official_archive_opens_the_data(no_data, tmp_path, monkeypatch):
    raw = write_archive(tmp_path / "usb.tar.gz", per_batch=20, n_test=30)
    monkeypatch.setattr(cifar, "ARCHIVE_MD5", hashlib.md5(raw).hexdigest())  # pretend official
    at = upload_archive(open_page("cifar10"), raw)
    assert "CIFAR-10 is ready in" in at.success[0].value
    at.button(key="cifar10.reload_imported").click().run()
    no_exceptions(at)
    assert [b for b in at.button if b.key == "cifar10.train"]  # the training page now


def test_a_wrong_or_hostile_archive_says_why_in_both_languages(no_data, tmp_path, monkeypatch):
    raw = write_archive(tmp_path / "usb.tar.gz")
    at = upload_archive(open_page("cifar10"), raw)  # the real md5 check: not the official bytes
    assert "This is not the official CIFAR-10 archive" in at.error[0].value
    link = tarfile.TarInfo("cifar-10-batches-py/data_batch_1")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    raw = write_archive(tmp_path / "usb.tar.gz", extra=[(link, None)])
    monkeypatch.setattr(cifar, "ARCHIVE_MD5", hashlib.md5(raw).hexdigest())
    at = upload_archive(open_page("cifar10", lang="zh"), raw)
    assert at.error[0].value == ("已拒绝，没有写入任何文件：`cifar-10-batches-py/data_batch_1` "
                                 "是一个链接，而官方压缩包里没有链接。")
    assert not no_data.exists() or not any(no_data.rglob("*"))
    assert at.dataframe[0].value is not None  # the page goes on: the model is still shown
