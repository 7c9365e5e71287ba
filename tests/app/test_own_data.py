"""Your own points on the Classification and Regression pages, through AppTest: upload (good
and bad files), draw's buttons, export, the code with its data file, links without data."""
import io

import numpy as np
import pandas as pd
import pytest

from core.own_data import MAX_ROWS
from tests.app.conftest import no_exceptions, open_page, texts

RNG = np.random.default_rng(5)


def points_csv(n=80) -> bytes:
    x = RNG.normal(size=(n, 2)) * [2, 1] + [20, -3]
    label = np.where(x[:, 0] - 20 > x[:, 1] + 3, "=猫", "狗")
    frame = pd.DataFrame({"编号": range(n), "长": x[:, 0], "宽": x[:, 1], "种类": label})
    return frame.to_csv(index=False, sep=";").encode("utf-8-sig")


def upload(at, name, raw, page="classification"):
    at.radio(key=f"{page}.source").set_value("upload").run()
    at.file_uploader(key=f"{page}.upload").set_value((name, raw, "text/csv")).run()
    no_exceptions(at)
    return at


def test_upload_train_export_and_code():
    at = upload(open_page("classification"), "animals.csv", points_csv())
    assert "Read 80 points of 2 classes (=猫, 狗) from animals.csv" in texts(at)
    # the label column defaults to the last one; features: the first two others (编号, 长)
    features = next(m for m in at.multiselect if m.key.startswith("classification.features."))
    assert features.value == ["编号", "长"]
    features.set_value(["长", "宽"]).run()
    at.toggle(key="classification.standardize").set_value(True).run()
    assert "Standardized" in texts(at)
    assert at.query_params["source"] in (["upload"], "upload")
    assert "not in the page's link" in texts(at)
    at.button(key="classification.train").click().run()
    no_exceptions(at)
    run = at.session_state["classification.run"]
    assert run.cfg.own is not None and len(run.cfg.own) == 80 and run.cfg.own.standardize
    assert "Finished" in at.success[-1].value
    code = next(c.value for c in at.code if "DATA_FILE" in c.value)
    assert "DATA_FILE = 'classification_data.csv'" in code and "standardize=True" in code


@pytest.mark.parametrize("raw, fragment", [
    (b"", "The file is empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(300), "a PNG image, not a CSV"),
    (("a,b,label\n" + "".join(f"{i % 7},{i % 5},{i % 2}\n" for i in range(200_000))).encode(),
     f"the limit is {MAX_ROWS}"),
    (b"value\n1\n2\n3\n4\n", "Found 1 column(s); 3 are needed"),
    (b"a,b,label\n1,2,0\n3,x,1\n4,5,0\n6,7,1\n", "'x' is not a number"),
    (b"a,b,label\n1,2,0\n3,4,0\n4,5,0\n6,7,0\n", "Every point has the label '0'"),
    (("a,b,label\n" + "".join(f"{i},{i * 2},{i}\n" for i in range(9))).encode(), "9 different"),
    (b"a,b,label\n1,2,0\n1,2,1\n1,2,0\n1,2,1\n", "at the same place"),
    (b"a,b,label\n1,2,0\n3,4,1\n4,5,0\n6,7", "last line looks cut off"),
    ("a,b,label\n1,2,é\n3,4,x\n".encode() + "5,6,é\n".encode("latin-1"), "not UTF-8"),
])
def test_bad_uploads_say_why_and_disable_train(raw, fragment):
    at = upload(open_page("classification"), "bad.csv", raw)
    assert fragment in texts(at), texts(at)
    assert at.button(key="classification.train").disabled
    at.radio(key="classification.source").set_value("builtin").run()  # the page keeps working
    assert not at.button(key="classification.train").disabled


def test_a_50_mb_file_is_refused_with_the_limit():
    at = upload(open_page("classification"), "big.csv", b"1,2,3\n" * (50 * 2**20 // 6))
    assert "the limit is 5 MB" in texts(at)


def test_errors_in_chinese():
    at = open_page("classification", lang="zh", query={"source": "upload"})
    at.file_uploader(key="classification.upload").set_value(("bad.csv", b"", "text/csv")).run()
    no_exceptions(at)
    assert "文件是空的" in texts(at)


def test_regression_upload_trains_on_the_file():
    frame = pd.DataFrame({"t": np.linspace(100, 200, 50), "v": np.linspace(100, 200, 50) ** 0.5})
    at = upload(open_page("regression"), "curve.csv", frame.to_csv(index=False).encode(),
                page="regression")
    assert "Read 50 points from curve.csv" in texts(at)
    at.toggle(key="regression.standardize").set_value(True).run()
    at.button(key="regression.train").click().run()
    no_exceptions(at)
    assert len(at.session_state["regression.run"].cfg.own) == 50


@pytest.mark.parametrize("page, points", [("classification", 200), ("regression", 100)])
def test_draw_start_from_builtin_undo_clear_train(page, points):
    at = open_page(page)
    at.radio(key=f"{page}.source").set_value("draw").run()
    no_exceptions(at)
    assert at.button(key=f"{page}.train").disabled  # nothing drawn yet
    at.button(key=f"{page}.start").click().run()
    assert f"{points} points drawn" in texts(at)
    assert not at.button(key=f"{page}.train").disabled
    at.button(key=f"{page}.clear").click().run()
    assert "0 points drawn" in texts(at)
    at.button(key=f"{page}.undo").click().run()
    assert f"{points} points drawn" in texts(at)
    at.button(key=f"{page}.train").click().run()
    no_exceptions(at)
    assert len(at.session_state[f"{page}.run"].cfg.own) == points
    assert "Finished" in at.success[-1].value


def test_drawing_clicks_add_and_remove():
    """What a click does (the browser test clicks for real)."""
    from ui.data_source import apply_click

    extent = (-6.0, 6.0, -6.0, 6.0)  # grid step 0.3
    points = apply_click([], (1.0, 1.0), 2, extent)
    points = apply_click(points, (-3.0, 2.0), 0, extent)
    assert points == [(1.0, 1.0, 2), (-3.0, 2.0, 0)]
    assert apply_click(points, (1.3, 1.2), 1, extent) == [(-3.0, 2.0, 0)]  # near: removed
    assert len(apply_click(points, (2.0, 1.0), 1, extent)) == 3  # 3.3 grid steps away: added


def test_builtin_export_and_formula_escaping():
    from ui.data_source import data_source  # noqa: F401  (the page's panel)

    at = open_page("classification")
    exported = [d for d in at.get("download_button") if "export" in str(d.proto.id)]
    assert exported, "the built-in points can be downloaded"
    # made when clicked, not on every rerun of every student's page
    assert exported[0].proto.deferred_file_id and not exported[0].proto.url
    at = upload(open_page("classification"), "animals.csv", points_csv())
    own = at.session_state["classification.own_cache"][1]
    from core.own_data import to_csv
    frame = pd.read_csv(io.BytesIO(to_csv(own)), dtype=str)
    assert set(frame["种类"]) == {"'=猫", "狗"}  # formula-like text escaped for spreadsheets


def test_a_link_with_own_data_says_the_data_are_not_in_it():
    at = open_page("classification", query={"source": "upload", "lr": "0.1"})
    no_exceptions(at)
    assert "points are never part of a link" in texts(at)
    assert at.radio(key="classification.source").value == "upload"
