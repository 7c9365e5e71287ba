"""CIFAR-10 page through AppTest: no data (explained, model still shown) and a small fake set.

The fake set is written in the real format (tests/core/cifar_files.py) into a temporary folder
named by PLAYGROUND_DATA; AppTest runs the page in this process, so it sees the variable.
"""
import pytest

from tests.app.conftest import no_exceptions, open_page, texts
from tests.core.cifar_files import write_cifar10


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
