"""Own data through the CLI and "show the code": the script reads the CSV and reproduces
train's final loss to 1e-6 (run in a subprocess)."""
import dataclasses
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from core.__main__ import main
from core.own_data import read_classification, to_csv
from core.registry import get_task
from core.snapshots import last

RNG = np.random.default_rng(3)


def write_points(path):
    x = RNG.normal(size=(90, 2)) * [3, 1] + [10, -5]
    label = np.select([x[:, 0] > 11, x[:, 1] > -5], ["=cat", "dog"], "鸟")
    pd.DataFrame({"id": range(90), "长": x[:, 0], "宽": x[:, 1], "种类": label}).to_csv(
        path, sep=";", index=False, encoding="utf-8-sig", lineterminator="\r\n")
    pd.DataFrame({"t": x[:, 0], "v": x[:, 1] * 50}).to_csv(path.with_name("reg.csv"), index=False)


def cli(capsys, *argv):
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = exit_.code
    return (code, *capsys.readouterr())


def run_script(tmp_path, script):
    path = tmp_path / "script.py"
    path.write_text(script, encoding="utf-8")
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, check=False,
                          cwd=tmp_path, timeout=300, env={"OMP_NUM_THREADS": "1", "PATH": ""})
    assert done.returncode == 0, done.stderr
    return float(done.stdout.strip().splitlines()[-1].split()[1])


@pytest.mark.parametrize("page, flags", [
    ("classification", ["--x-columns", "长,宽", "--label-column", "种类", "--standardize",
                        "--optimizer", "Adam", "--steps", "40", "--batch-size", "16",
                        "--features", "x1,x2,x1*x2"]),
    ("regression", ["--x-column", "t", "--y-column", "v", "--standardize", "--steps", "40",
                    "--test-fraction", "0.2"]),
])
def test_train_reports_the_data_and_the_script_reproduces_it(tmp_path, capsys, page, flags):
    write_points(tmp_path / "points.csv")
    data = str(tmp_path / ("points.csv" if page == "classification" else "reg.csv"))
    code, out, err = cli(capsys, "train", page, "--data", data, *flags, "--json")
    figures = json.loads(out.strip().splitlines()[-1])
    assert code == 0, err
    assert figures["data"]["points"] == 90 and figures["data"]["standardized"] is True
    if page == "classification":
        assert figures["data"]["classes"] == 3
        assert figures["data"]["class_names"] == ["=cat", "dog", "鸟"]
    code, script, err = cli(capsys, "code", page, "--data", data, *flags)
    assert code == 0, err
    assert f"--data {data}" in script and "pd.read_csv(DATA_FILE, sep=" in script
    assert run_script(tmp_path, script) == pytest.approx(figures["final_loss"], abs=1e-6)


def test_the_pages_script_reads_the_exported_file(tmp_path):
    """The page offers the script and the exported CSV (escaped names) side by side."""
    write_points(tmp_path / "points.csv")
    own = read_classification((tmp_path / "points.csv").read_bytes(), "points.csv",
                              ["长", "宽"], "种类")
    task = get_task("classification")
    cfg = dataclasses.replace(task.config(steps=30, test_fraction=0.25), own=own)
    expected = task.result(cfg, last(task.train(cfg)))["final_loss"]
    exported = own.exported("classification_data.csv")
    (tmp_path / "classification_data.csv").write_bytes(to_csv(exported))
    script = task.code(dataclasses.replace(cfg, own=exported))
    assert "CLASSES = [\"'=cat\", 'dog', '鸟']" in script  # escaped in the file, and here
    assert run_script(tmp_path, script) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("argv, fragment", [
    (["train", "classification", "--data", "/nonexistent.csv"], "cannot read /nonexistent.csv"),
    (["train", "classification", "--x-columns", "a,b"], "need --data"),
    (["train", "classification", "--data", "PNG"], "a PNG image, not a CSV"),
    (["train", "classification", "--data", "CSV", "--x-columns", "长,高"], "no column named '高'"),
    (["train", "regression", "--data", "CSV", "--x-columns", "t,v"], "choose 1 feature"),
    (["train", "classification", "--data", "CSV", "--test-fraction", "0.5", "--x-columns",
      "长,宽", "--label-column", "id"], "different values"),
    (["train", "batch", "--data", "CSV"], "unrecognized arguments"),
])
def test_bad_data_is_one_line_and_exit_2(tmp_path, capsys, argv, fragment):
    write_points(tmp_path / "points.csv")
    (tmp_path / "x.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    argv = [{"PNG": str(tmp_path / "x.csv"), "CSV": str(tmp_path / "points.csv")}.get(a, a)
            for a in argv]
    code, _, err = cli(capsys, *argv)
    assert code == 2 and fragment in err and len(err.strip().splitlines()) == 1, err
