"""The headless CLI contract: list, train --json, code; bad input -> one line, exit 2."""
import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run_cli




def test_list_names_each_trainable_page(capsys):
    code, out, _ = run_cli(capsys, "list")
    names = [line.split()[0] for line in out.splitlines()]
    assert code == 0 and names[:2] == ["regression", "classification"]


def test_train_json_last_line(capsys):
    code, out, _ = run_cli(capsys, "train", "classification", "--steps", "30", "--seed", "3",
                           "--json")
    figures = json.loads(out.strip().splitlines()[-1])
    assert code == 0
    assert {"final_loss", "accuracy", "steps", "device", "seconds"} <= set(figures)
    assert figures["steps"] == 30 and figures["device"] == "cpu"


def test_every_field_is_a_flag(capsys):
    code, out, _ = run_cli(capsys, "train", "regression", "--hidden", "5,5", "--l1", "0.001",
                           "--activation", "gelu", "--dropout", "0.1", "--batch-size", "16",
                           "--optimizer", "Adam", "--weight-decay", "0.001", "--steps", "10",
                           "--target", "sin", "--points", "50", "--noise", "0.1",
                           "--test-fraction", "0.2", "--lr", "0.01", "--seed", "1", "--data-seed", "2",
                           "--device", "cpu", "--json")
    figures = json.loads(out.strip().splitlines()[-1])
    assert code == 0 and figures["steps"] == 10 and "test_loss" in figures


def test_divergence_is_reported_not_raised(capsys):
    code, out, _ = run_cli(capsys, "train", "regression", "--lr", "10", "--json")
    figures = json.loads(out.strip().splitlines()[-1])
    assert code == 1 and figures["final_loss"] is None
    assert figures["diverged"]["step"] >= 1 and "learning rate" in figures["diverged"]["hint"]


@pytest.mark.parametrize("argv, fragment", [
    (["train", "nosuchpage"], "unknown page"),
    (["train", "regression", "--bogus", "1"], "unrecognized arguments"),
    (["train", "regression", "--lr", "99"], "above the maximum"),
    (["train", "regression", "--hidden", "ten"], "cannot read"),
    (["train", "regression", "--device", "cuda:7"], "not one of"),
    (["code", "classification", "--features", "x9"], "not one of"),
    (["fly"], "unknown command"),
    (["train"], "needs a page name"),
])
def test_bad_input_one_line_exit_2(capsys, argv, fragment):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and fragment in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("argv", [
    ["train", "regression", "--se", "3"],  # a prefix of --seed
    ["train", "regression", "--test-frac", "0.2"],  # a prefix of --test-fraction
    ["train", "cnn", "--dat", "subset"],  # a prefix of --data
    ["code", "classification", "--feat", "x1"],  # a prefix of --features
])
def test_abbreviated_flags_are_refused_not_guessed(capsys, argv):
    code, out, err = run_cli(capsys, *argv)
    assert code == 2 and "unrecognized arguments" in err and argv[2] in err
    assert out == "" and len(err.strip().splitlines()) == 1


def test_real_process_exit_code_and_no_traceback():
    proc = subprocess.run([sys.executable, "-m", "core", "train", "regression", "--lr", "-1"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("error:") and "Traceback" not in proc.stderr
