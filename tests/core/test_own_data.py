"""Reading your own CSV: against pandas' own reading of the same files, and every bad input."""
import io

import numpy as np
import pandas as pd
import pytest

from core.own_data import (
    MAX_BYTES,
    MAX_ROWS,
    OwnDataError,
    classification_from_points,
    escape_cell,
    read_classification,
    read_regression,
    regression_from_points,
    sniff,
    to_csv,
)

RNG = np.random.default_rng(0)
XS = RNG.normal(size=(60, 2)).round(6)
LABELS = np.where(XS[:, 0] > 0, "cat", "dog")


def table_bytes(sep=",", header=("a", "b", "label"), bom=False, crlf=False, labels=LABELS):
    names = header or ("a", "b", "label")
    frame = pd.DataFrame({names[0]: XS[:, 0], names[1]: XS[:, 1], names[2]: labels})
    text = frame.to_csv(index=False, sep=sep, header=header is not None,
                        lineterminator="\r\n" if crlf else "\n")
    return ("\ufeff" if bom else "").encode() + text.encode("utf-8")


@pytest.mark.parametrize("sep", [",", ";", "\t"])
@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("crlf", [False, True])
def test_classification_matches_pandas(sep, bom, crlf):
    raw = table_bytes(sep, bom=bom, crlf=crlf)
    own = read_classification(raw)
    reference = pd.read_csv(io.BytesIO(raw), sep=sep, encoding="utf-8-sig")
    x, y = own.points()
    np.testing.assert_allclose(x.numpy(), reference[["a", "b"]].to_numpy(np.float32), rtol=0)
    names = sorted(reference["label"].unique())
    assert own.classes == tuple(names) == ("cat", "dog")
    assert (np.array(names)[y.numpy()] == reference["label"].to_numpy()).all()
    assert own.fmt.delimiter == sep and own.features == ("a", "b") and own.target == "label"


def test_no_header_numeric_labels_sorted_by_value():
    labels = np.where(XS[:, 0] > 0, 10, 9)
    raw = table_bytes(header=None, labels=labels)
    own = read_classification(raw)
    reference = pd.read_csv(io.BytesIO(raw), header=None)
    assert own.fmt.names == ("column 1", "column 2", "column 3") and "no_header" in own.notices
    assert own.classes == ("9", "10")  # 9 before 10: by value, not as text
    x, y = own.points()
    np.testing.assert_allclose(x.numpy(), reference[[0, 1]].to_numpy(np.float32), rtol=0)
    assert (y.numpy() == (reference[2].to_numpy() == 10)).all()


def test_chinese_names_and_column_choice():
    frame = pd.DataFrame({"编号": range(60), "横坐标": XS[:, 0], "纵坐标": XS[:, 1],
                          "类别": np.where(LABELS == "cat", "猫", "狗"), "备注": "x"})
    raw = frame.to_csv(index=False).encode("utf-8-sig")
    own = read_classification(raw, x_columns=["横坐标", "纵坐标"], label_column="类别")
    assert own.classes == tuple(sorted(["猫", "狗"])) and own.describe()["points"] == 60
    np.testing.assert_allclose(own.points()[0].numpy(), XS.astype(np.float32), rtol=0)
    with pytest.raises(OwnDataError, match="no column named '高度'"):
        read_classification(raw, x_columns=["横坐标", "高度"], label_column="类别")


def test_regression_matches_pandas_and_standardizes():
    frame = pd.DataFrame({"t": XS[:, 0] * 10 + 3, "v": XS[:, 1] * 100})
    raw = frame.to_csv(index=False, sep=";").encode()
    own = read_regression(raw, standardize=True)
    reference = pd.read_csv(io.BytesIO(raw), sep=";")
    x, y = own.points()
    expected = (reference - reference.mean()) / reference.std()  # pandas: also the n-1 std
    np.testing.assert_allclose(x.numpy().ravel(), expected["t"], atol=1e-6)
    np.testing.assert_allclose(y.numpy().ravel(), expected["v"], atol=1e-6)
    mean, std = own.scaling()["t"]
    assert mean == pytest.approx(reference["t"].mean())
    assert std == pytest.approx(reference["t"].std())


def test_export_reads_back_to_the_same_tensors():
    raw = table_bytes(";", bom=True, crlf=True)
    own = read_classification(raw, standardize=True)
    again = read_classification(to_csv(own), standardize=True)
    for a, b in zip(own.points(), again.points(), strict=True):
        assert (a == b).all()
    drawn = classification_from_points(XS, (XS[:, 1] > 0).astype(int), 3)
    x, y = read_classification(to_csv(drawn)).points()
    assert (x.numpy() == XS.astype(np.float32)).all() and (y.numpy() == (XS[:, 1] > 0)).all()
    assert drawn.classes == ("0", "1", "2")  # the empty third class stays a class


def test_formula_like_names_and_labels_come_back_escaped():
    evil = "=cmd|' /C calc'!A0"
    labels = np.where(LABELS == "cat", "@SUM(1)", "-x")
    frame = pd.DataFrame({evil: XS[:, 0], "b": XS[:, 1], "label": labels})
    own = read_classification(frame.to_csv(index=False).encode())
    exported = pd.read_csv(io.BytesIO(to_csv(own)), dtype=str)
    assert list(exported.columns) == ["'" + evil, "b", "label"]
    assert set(exported["label"]) == {"'@SUM(1)", "'-x"}
    assert not exported["b"].str.startswith("'").any()  # negative numbers are not formulas
    assert escape_cell("-1.5") == "-1.5" and escape_cell("+x") == "'+x"
    again = own.exported("data.csv")
    assert (read_classification(to_csv(again), label_column="label").points()[1]
            == own.points()[1]).all()


def test_equality_by_content():
    a = read_classification(table_bytes())
    b = read_classification(table_bytes(";"))
    assert a.points()[0].equal(b.points()[0])
    assert a != b  # the delimiter is part of how a script reads it
    again = read_classification(table_bytes())
    assert a == again and hash(a) == hash(again)


# ----------------------------------------------------------------------------------- bad input
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def rows_bytes(n):
    return ("a,b,label\n" + "".join(f"{i % 7},{i % 5},{i % 2}\n" for i in range(n))).encode()


@pytest.mark.parametrize("raw, code", [
    (b"", "empty"),
    (b"\n\n  \n", "empty"),
    (PNG, "binary"),
    (b"abc\x00def,1,2\n", "binary"),
    (b"PK\x03\x04rest", "binary"),
    (b"a" * (MAX_BYTES + 1), "too_big"),
    (rows_bytes(MAX_ROWS + 1), "too_many_rows"),
    (b"value\n1\n2\n3\n4\n5\n", "too_few_columns"),
    (b"a,b,label\n1,2,0\n3,x,1\n4,5,0\n6,7,1\n", "not_numeric"),
    (b"a,b,label\n1,2,0\n3,,1\n4,5,0\n6,7,1\n", "missing"),
    (b"a,b,label\n1,2,0\n3,NaN,1\n4,5,0\n6,7,1\n", "missing"),
    (b"a,b,label\n1,2,0\n3,inf,1\n4,5,0\n6,7,1\n", "not_finite"),
    (b"a,b,label\n1,2,0\n3,4,\n4,5,0\n6,7,1\n", "missing"),
    (b"a,b,label\n1,2,0\n3,4,0\n4,5,0\n6,7,0\n", "one_class"),
    (("a,b,label\n" + "".join(f"{i},{i * 2},{i}\n" for i in range(9))).encode(),
     "too_many_classes"),
    (b"a,b,label\n1,2,0\n1,2,1\n1,2,0\n1,2,1\n", "identical"),
    (b"a,b,label\n1,2,0\n3,4,1\n", "too_few_points"),
    ("a,b,label\n1,2,é\n3,4,x\n".encode() + "5,6,é\n7,8,x\n".encode("latin-1"), "encoding"),
    ("a,b,label\n1,2,0\n".encode("utf-16"), "utf16"),
    (b"a,b,label\n1,2,0\n3,4,1\n4,5,0\n6,7", "truncated"),
])
def test_bad_classification_files(raw, code):
    with pytest.raises(OwnDataError) as err:
        read_classification(raw)
    assert err.value.code == code, str(err.value)
    assert str(err.value)  # an English sentence for the CLI


def test_messages_say_where_and_what():
    with pytest.raises(OwnDataError, match="column 'b', data row 2: 'x' is not a number"):
        read_classification(b"a,b,label\n1,2,0\n3,x,1\n4,5,0\n6,7,1\n")
    with pytest.raises(OwnDataError, match="line 4 is not UTF-8"):
        read_classification(b"a,b,label\n1,2,0\n3,4,1\n5,6,\xe9\n")
    with pytest.raises(OwnDataError, match=r"50\.0 MB; the limit is 5 MB"):
        sniff(b"1" * 50 * 2**20)
    with pytest.raises(OwnDataError, match="200000 rows; the limit is 10000"):
        read_classification(rows_bytes(200_000))


@pytest.mark.parametrize("raw, code", [
    (b"x\n1\n2\n3\n4\n", "too_few_columns"),
    (b"x,y\n1,2\n1,3\n1,4\n1,5\n", "constant_x"),
    (b"x,y\n1,2\n2,a\n3,4\n4,5\n", "not_numeric"),
])
def test_bad_regression_files(raw, code):
    with pytest.raises(OwnDataError) as err:
        read_regression(raw)
    assert err.value.code == code


def test_drawn_points_need_two_classes_and_spread():
    with pytest.raises(OwnDataError, match="every point has the label"):
        classification_from_points(XS[:5], np.zeros(5), 2)
    with pytest.raises(OwnDataError, match="at least 4"):
        regression_from_points([1, 2], [3, 4])
    own = regression_from_points(XS[:, 0], XS[:, 1])
    x, y = own.points()
    assert x.shape == (60, 1) and (y.numpy().ravel() == XS[:, 1].astype(np.float32)).all()
