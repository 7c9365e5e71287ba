"""``python -m core class ...``: the contract checks rely on (JSON last lines, exit 2 one-liners)."""
import csv
import io
import json

import pytest

from core.__main__ import main


@pytest.fixture
def cli(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_DB_URL", f"sqlite:///{tmp_path / 'board.sqlite3'}")

    def run(*argv):
        try:
            code = main(["class", *argv])
        except SystemExit as exit_:
            code = exit_.code
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def made(cli):
    code, out, _ = cli("new", "--json")
    assert code == 0
    return json.loads(out.strip().splitlines()[-1])


def test_new_submit_board_round_trip(cli, made):
    hostile = "<img src=x onerror=alert(1)> **b** 👩‍👧"
    code, out, _ = cli("submit", made["code"], "--name", hostile, "--page", "classification",
                       "--lr", "0.1", "--metrics", '{"accuracy": 0.9}', "--json")
    assert code == 0 and json.loads(out.splitlines()[-1])["duplicate"] is False
    code, out, _ = cli("board", made["code"], "--json")
    entries = json.loads(out.strip().splitlines()[-1])["entries"]
    assert code == 0 and len(entries) == 1
    entry = entries[0]
    assert entry["nickname"] == hostile and entry["page"] == "classification"
    assert entry["settings"]["lr"] == "0.1" and entry["metrics"] == {"accuracy": 0.9}


def test_submit_without_metrics_trains(cli, made):
    code, out, _ = cli("submit", made["code"], "--name", "ann", "--page", "regression",
                       "--steps", "5", "--seed", "2", "--json")
    metrics = json.loads(out.splitlines()[-1])["metrics"]
    assert code == 0 and metrics["steps"] == 5 and metrics["final_loss"] > 0
    _, out, _ = cli("board", made["code"], "--json")
    stored = json.loads(out.strip().splitlines()[-1])["entries"][0]
    assert stored["settings"]["steps"] == "5" and stored["metrics"]["final_loss"] == \
        metrics["final_loss"]


def test_the_same_submission_id_is_stored_once(cli, made):
    for _ in range(2):
        cli("submit", made["code"], "--name", "ann", "--page", "regression", "--id", "abc-1",
            "--metrics", '{"final_loss": 0.1}')
    _, out, _ = cli("board", made["code"], "--json")
    assert len(json.loads(out.strip().splitlines()[-1])["entries"]) == 1


def test_export_csv_escapes_formulas(cli, made):
    names = ["=HYPERLINK(\"http://x\")", "+1+2", "-3+4", "@SUM(A1)", "ann"]
    for name in names:
        code, _, err = cli("submit", made["code"], f"--name={name}", "--page", "regression",
                           "--metrics", '{"final_loss": -0.5}')
        assert code == 0, err
    code, out, _ = cli("export", made["code"], "--key", made["key"])
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(names)
    assert [r["nickname"] for r in rows] == ["'" + n for n in names[:4]] + ["ann"]
    assert {r["metric.final_loss"] for r in rows} == {"-0.5"}  # a number stays a number
    assert rows[0]["setting.lr"] == "0.2"


def test_teacher_verbs(cli, made):
    cli("submit", made["code"], "--name", "ann", "--page", "regression", "--metrics", "{}")
    key = made["key"]
    assert cli("hide", made["code"], "--key", key, "--entry", "1")[0] == 0
    _, out, _ = cli("board", made["code"], "--json")
    assert json.loads(out.strip().splitlines()[-1])["entries"] == []
    _, out, _ = cli("board", made["code"], "--key", key, "--json")
    assert json.loads(out.strip().splitlines()[-1])["entries"][0]["hidden"] is True
    assert cli("clear", made["code"], "--key", key)[1].startswith("1 entries")
    assert cli("close", made["code"], "--key", key)[0] == 0
    code, _, err = cli("submit", made["code"], "--name", "bob", "--page", "regression",
                       "--metrics", "{}")
    assert code == 2 and "closed" in err


@pytest.mark.parametrize("argv, fragment", [
    (["export", "{code}", "--key", "wrong"], "wrong teacher key"),
    (["export", "{code}"], "--key"),
    (["hide", "{code}", "--key", "{key}", "--entry", "99"], "no entry 99"),
    (["submit", "{code}", "--name", "a", "--page", "regression", "--lr", "99"], "above the maximum"),
    (["submit", "{code}", "--name", "a", "--page", "regression", "--bogus", "1"], "unrecognized"),
    (["submit", "{code}", "--name", "a", "--page", "nosuch"], "invalid choice"),
    (["submit", "{code}", "--name", "a", "--page", "regression", "--metrics", "{x"], "not JSON"),
    (["submit", "{code}", "--name", "a", "--page", "regression", "--metrics", "[1]"], "object"),
    (["submit", "{code}", "--name", "x" * 10_000, "--page", "regression", "--metrics", "{}"],
     "at most 40"),
    (["submit", "{code}", "--name", "a", "--page", "regression", "--metrics",
      '{"a": "' + "x" * 100 + '"}'], "short word"),
    (["board", "ZZZZZZZZ"], "no class"),
    (["board", "12"], "8 letters"),
    (["board", "{code}", "--db", "mysql://u@h/db"], "database driver"),
    (["board", "{code}", "--db", "::"], "database URL"),
    (["fly"], "class needs one of"),
])
def test_bad_input_one_line_exit_2(cli, made, argv, fragment):
    argv = [a.replace("{code}", made["code"]).replace("{key}", made["key"]) for a in argv]
    code, _, err = cli(*argv)
    assert code == 2 and fragment in err, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
