"""CNN page through AppTest, on the embedded subset with tiny settings."""
import io
import json

import numpy as np
import pytest
from PIL import Image

from core import mnist
from tests.app.conftest import no_exceptions, open_page, texts

TINY = {"data": "subset", "train_images": "100", "test_images": "50", "epochs": "1",
        "batch_size": "25", "eval_every": "2"}


@pytest.fixture(autouse=True)
def no_full_mnist(tmp_path, monkeypatch):
    monkeypatch.setenv(mnist.DATA_ENV, str(tmp_path / "data"))  # the subset, whatever is installed


def train(at):
    at.button(key="cnn.train").click().run()
    no_exceptions(at)
    return at


def test_before_training_it_says_which_data_and_shows_digits():
    at = open_page("cnn")
    no_exceptions(at)
    text = texts(at)
    assert "embedded MNIST subset" in text and "**4,000** training and **1,000** held-out" in text
    assert at.button(key="cnn.download")  # the way to full MNIST
    assert [str(k) for k in range(10)] * 2 == captions(at)[:20]  # interleaved: 0..9, 0..9


def test_tiny_run_shows_confusion_predictions_filters_maps_probabilities():
    at = train(open_page("cnn", query=TINY))
    assert "Finished 4 steps" in at.success[0].value
    run = at.session_state["cnn.run"]
    assert run.cfg.train_images == 100 and run.cfg.epochs == 1
    accuracy = next(m.value for m in at.metric if m.label == "Accuracy")
    assert accuracy == f"{run.last.scalars['accuracy']:.1%}"
    specs = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert any("Confusion matrix on 50 test digits" in s for s in specs)
    assert any("Class probabilities" in s for s in specs)
    # accuracy has its own chart: the curves' axis says loss, not "loss / accuracy"
    assert not any("loss / accuracy" in s for s in specs)
    text = texts(at)
    assert "Test digits and what the network says" in text
    assert "learned 5×5 filters" in text and "After conv 1 + ReLU: 16 maps of 28×28" in text
    predicted = run.last.picture["predicted"][:20]
    labels = list(range(10)) * 2  # the held-out digits are interleaved too
    marks = [c for c in captions(at) if c.startswith(("✓", "✗"))]
    assert marks == [f"✓ {p}" if p == y else f"✗ {p} (is {y})" for p, y in zip(predicted, labels, strict=True)]
    # a regular grid, 2 rows of 10 (one image flowing 20 digits wrapped 12 + 8 at 1280 px)
    cells = [column for column in at.columns
             if any(img.caption.startswith(("✓", "✗"))
                    for element in column.get("image") for img in element.proto.imgs)]
    assert len(cells) == 20
    assert all(len(c.get("image")) == 1 and c.weight == pytest.approx(0.1) for c in cells)
    # choose another digit for the feature maps: the same digit feeds the probabilities
    at.slider(key="cnn.digit").set_value(7).run()
    no_exceptions(at)
    assert "test digit #7 (label 7)" in captions(at)
    assert "final_loss" in at.code[0].value


def captions(at):
    """Every image caption on the page, in order."""
    return [img.caption for element in at.get("image") for img in element.proto.imgs]


def test_uploaded_digit_gets_class_probabilities():
    at = train(open_page("cnn", query=TINY))
    picture = np.full((40, 30), 255, np.uint8)
    picture[5:35, 12:18] = 0  # a dark "1" on white paper
    buffer = io.BytesIO()
    Image.fromarray(picture).save(buffer, format="PNG")
    at.get("file_uploader")[0].upload("one.png", buffer.getvalue(), "image/png").run()
    no_exceptions(at)
    assert "your digit, as the network sees it" in captions(at)
    specs = [c.proto.spec for c in at.get("vega_lite_chart")]
    assert any("Class probabilities" in s for s in specs)
    # a file that is not a picture is refused in words
    at.get("file_uploader")[0].set_value(("junk.png", b"not a picture", "image/png")).run()
    no_exceptions(at)
    assert "not a picture that can be read" in at.error[0].value


def test_a_changed_setting_reaches_the_run():
    at = open_page("cnn", query=TINY)
    at.slider(key="cnn.conv1_channels").set_value(4).run()
    train(at)
    run = at.session_state["cnn.run"]
    assert run.cfg.conv1_channels == 4
    assert run.last.weights["conv1.0.weight"].shape == (4, 1, 5, 5)
    assert "After conv 1 + ReLU: 4 maps of 28×28" in texts(at)


def test_full_mnist_missing_is_explained():
    at = open_page("cnn", query={**TINY, "data": "full"})
    no_exceptions(at)
    assert "MNIST is not in" in at.error[0].value
    assert at.button(key="cnn.download")


def test_chinese():
    at = train(open_page("cnn", lang="zh", query=TINY))
    assert "内置的 MNIST 子集" in texts(at)
    specs = [json.dumps(json.loads(c.proto.spec), ensure_ascii=False) for c in at.get("vega_lite_chart")]
    assert any("测试数字上的混淆矩阵" in s for s in specs)
    assert "训练" in at.button(key="cnn.train").label
