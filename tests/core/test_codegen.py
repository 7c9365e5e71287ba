"""Generated scripts run on their own and print the same final loss as `train` (1e-6)."""
import ast
import inspect
import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from core import codegen
from core.__main__ import main
from core.config import from_strings
from core.registry import get_task
from core.train import continued

CASES = [
    ("regression", []),
    ("classification", []),
    ("regression", ["--test-fraction", "0.25", "--activation", "gelu", "--optimizer", "RMSprop",
                    "--batch-size", "20", "--lr", "0.01", "--steps", "40", "--hidden", "10,10"]),
    ("classification", ["--dataset", "spiral", "--classes", "3", "--optimizer", "Adam",
                        "--batch-size", "16", "--features", "x1,x2,sin(x1),x1*x2",
                        "--dropout", "0.2", "--activation", "tanh", "--steps", "40"]),
    ("classification", ["--dataset", "moons", "--optimizer", "Momentum", "--weight-decay", "0.01",
                        "--test-fraction", "0", "--activation", "leaky_relu", "--steps", "30"]),
    ("classification", ["--dataset", "circles", "--optimizer", "Adagrad", "--activation",
                        "sigmoid", "--lr", "0.5", "--steps", "30", "--hidden", "6"]),
    # per-layer widths, L1, another data seed, and a run continued by 25 steps (the page's
    # Continue): the script of a continued run is the script of the longer run
    ("classification", ["--dataset", "spiral", "--hidden", "8,4,2", "--l1", "0.002",
                        "--optimizer", "Adam", "--lr", "0.01", "--steps", "30",
                        "--data-seed", "7", "--batch-size", "32", "--more", "25"]),
    ("regression", ["--hidden", "6,3", "--l1", "0.01", "--steps", "20", "--more", "1"]),
]


def train_final_loss(capsys, name, flags):
    main(["train", name, *flags, "--json"])
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])["final_loss"]


def script_for(name, flags):
    values = {flags[i].lstrip("-"): flags[i + 1] for i in range(0, len(flags), 2)}
    more = values.pop("more", None)
    cfg, _ = from_strings(get_task(name).config, values)
    if more is not None:
        cfg = continued(cfg, int(more))
    return get_task(name).code(cfg)


def test_scripts_import_only_torch_numpy_and_the_standard_library():
    allowed = {"torch", "numpy", "math", "random", "inspect"}
    for name, flags in CASES:
        tree = ast.parse(script_for(name, flags))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree)
                    if isinstance(node, (ast.Import, ast.ImportFrom))
                    for alias in (node.names if isinstance(node, ast.Import) else [ast.alias(node.module)])}
        assert imported <= allowed, imported
        assert "core" not in imported and "streamlit" not in imported


def test_scripts_reproduce_the_final_loss(tmp_path, capsys):
    expected, paths = [], []
    for i, (name, flags) in enumerate(CASES):
        expected.append(train_final_loss(capsys, name, flags))
        path = tmp_path / f"script_{i}.py"
        path.write_text(script_for(name, flags))
        paths.append(path)
    # Each script runs as its own process, from a directory where `core` is not importable.
    runner = ("import runpy, sys\n"
              "for p in sys.argv[1:]:\n"
              "    runpy.run_path(p, run_name='__main__')\n"
              "    print('END')\n"
              "assert 'core' not in sys.modules\n")
    proc = subprocess.run([sys.executable, "-c", runner, *map(str, paths)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    outputs = proc.stdout.split("END\n")[:-1]
    assert len(outputs) == len(CASES)
    for (name, flags), out, want in zip(CASES, outputs, expected, strict=True):
        last_line = out.strip().splitlines()[-1]
        assert last_line.startswith("final_loss ")
        assert abs(float(last_line.split()[1]) - want) <= 1e-6, (name, flags)


def test_the_cli_prints_the_script(capsys):
    assert main(["code", "regression", "--lr", "0.1"]) == 0
    out = capsys.readouterr().out
    assert "lr=0.1" in out and "python -m core code regression --lr 0.1" in out
    compile(out, "regression.py", "exec")


class _First:
    """A class whose source is looked up by the test below."""


class _Second:
    pass


def _third() -> None:
    pass


def test_sources_are_read_once_and_by_one_thread_at_a_time(monkeypatch):
    # inspect finds a class's source by parsing its module with `ast`, which Python 3.11 cannot
    # do in two threads at once (CPython gh-106905): 30 sessions generating their scripts
    # together sometimes got "SystemError: AST constructor recursion depth mismatch".
    real, inside, reads = inspect.getsource, [0], []

    def slow_getsource(obj):
        inside[0] += 1
        reads.append((obj, inside[0]))
        time.sleep(0.02)  # time for the other threads to come in
        try:
            return real(obj)
        finally:
            inside[0] -= 1

    monkeypatch.setattr(codegen.inspect, "getsource", slow_getsource)
    objects = [_First, _Second, _third] * 20
    with ThreadPoolExecutor(12) as pool:
        sources = list(pool.map(codegen.source_of, objects))
    assert sources == [real(obj) for obj in objects]
    assert sorted(obj.__name__ for obj, _ in reads) == ["_First", "_Second", "_third"]
    assert all(at_once == 1 for _, at_once in reads)
