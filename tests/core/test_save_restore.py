"""Save & restore (core.tasks.save_restore) and the safe upload loader (core.checkpoint_io)."""
from __future__ import annotations

import io
import json
import math
import os
import pickle
import runpy
import shlex
import zipfile

import numpy as np
import pytest
import torch
from torch import nn

from core import checkpoint_io
from core.__main__ import main as cli_main
from core.checkpoint_io import UPLOAD_KINDS, load_state_dict_upload, unsafe_imports
from core.data import make_regression
from core.quick_build import Net
from core.snapshots import run_to_end
from core.tasks import save_restore
from core.tasks.save_restore import SaveRestoreConfig, fresh_model


# ------------------------------------------------------------------------ training + saving
def course_reference(steps: int, seed: int = 0) -> tuple[float, nn.Module, torch.Tensor]:
    """The course's save() function written out: Sequential(1, 10, 1), SGD 0.5, MSE."""
    x, y = make_regression(100, "square", 0.2, torch.Generator().manual_seed(seed))
    torch.manual_seed(seed)
    net1 = nn.Sequential(nn.Linear(1, 10), nn.ReLU(), nn.Linear(10, 1))
    optimizer = torch.optim.SGD(net1.parameters(), lr=0.5)
    loss_func = nn.MSELoss()
    for _ in range(steps):
        prediction = net1(x)
        loss = loss_func(prediction, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item(), net1, x


def test_course_run_saves_and_restores_three_identical_nets():
    cfg = SaveRestoreConfig()  # the course: lr 0.5, 100 steps, hidden 10
    history, final = run_to_end(save_restore.train(cfg))
    assert final.step == 100 and final.divergence is None
    expected_loss, net1, x = course_reference(100)
    out = save_restore.result(cfg, final)
    assert abs(out["final_loss"] - expected_loss) < 1e-6
    assert out["final_loss"] < 0.2 * history[0].scalars["train_loss"]  # it did learn
    assert out["whole_model_equal"] is True and out["state_dict_equal"] is True
    assert out["default_load_refuses_whole_model"] is True
    assert out["state_dict_bytes"] < out["whole_model_bytes"]  # the course: smaller, faster
    json.dumps(out)  # JSON-able for the CLI

    restored = final.extra["restored"]
    with torch.no_grad():
        reference = net1(x).squeeze(1).numpy()
    for name in save_restore.NETS:
        np.testing.assert_array_equal(restored.predictions[name], reference)
    np.testing.assert_array_equal(restored.x, x.squeeze(1).numpy())
    # the downloadable state_dict holds exactly the course's tensors
    state = torch.load(io.BytesIO(restored.state_dict), weights_only=True)
    assert {k: tuple(v.shape) for k, v in state.items()} == {
        "0.weight": (10, 1), "0.bias": (10,), "2.weight": (1, 10), "2.bias": (1,)}
    assert all(torch.equal(state[k], v) for k, v in net1.state_dict().items())


def test_only_the_last_snapshot_carries_the_save():
    history, final = run_to_end(save_restore.train(SaveRestoreConfig(steps=5)))
    assert [("restored" in s.extra) for s in history] == [False] * 4 + [True]


def test_a_diverging_run_saves_nothing_and_reports_it():
    history, final = run_to_end(save_restore.train(SaveRestoreConfig(lr=10.0, hidden=(64,), steps=300)))
    assert final.divergence is not None and "restored" not in final.extra
    out = save_restore.result(SaveRestoreConfig(), final)
    assert not math.isfinite(out["final_loss"]) and "state_dict_equal" not in out
    assert "did not finish" in save_restore.report(SaveRestoreConfig(), final)


def test_dropout_and_two_layers_restore_identically():
    cfg = SaveRestoreConfig(steps=10, hidden=(6, 6), dropout=0.3, seed=4)
    out = save_restore.result(cfg, run_to_end(save_restore.train(cfg))[1])
    assert out["whole_model_equal"] and out["state_dict_equal"]


def test_cli_reports_the_final_loss_and_the_equality(capsys):
    assert cli_main(["train", "save_restore", "--steps", "20", "--json"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    figures = json.loads(lines[-1])
    assert abs(figures["final_loss"] - course_reference(20)[0]) < 1e-6
    assert figures["whole_model_equal"] is True and figures["state_dict_equal"] is True
    assert any("predictions identical" in line for line in lines)


def test_generated_script_reproduces_the_final_loss(tmp_path, monkeypatch, capsys):
    cfg = SaveRestoreConfig(steps=30, seed=2)
    script = tmp_path / "save_restore.py"
    script.write_text(save_restore.code(cfg))
    monkeypatch.chdir(tmp_path)  # the script writes net.pkl and net_params.pkl, as the course
    runpy.run_path(str(script), run_name="__main__")
    lines = capsys.readouterr().out.strip().splitlines()
    name, value = lines[-1].split()
    expected = save_restore.result(cfg, run_to_end(save_restore.train(cfg))[1])["final_loss"]
    assert name == "final_loss" and abs(float(value) - expected) < 1e-6
    assert "net2 (whole model) predicts the same: True" in lines
    assert "net3 (state_dict) predicts the same:  True" in lines
    assert (tmp_path / "net.pkl").exists() and (tmp_path / "net_params.pkl").exists()


# ------------------------------------------------------------------------------- uploads
class RunsACommand:
    """Unpickling this calls os.system(command): the classic malicious pickle."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self):
        return (os.system, (self.command,))


def touch(marker) -> str:
    return f"touch {shlex.quote(str(marker))}"


def torch_file(obj) -> bytes:
    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


def malicious_files(marker) -> dict[str, bytes]:
    command = touch(marker)
    with_weights = dict(fresh_model(SaveRestoreConfig()).state_dict())
    with_weights["0.bias"] = RunsACommand(command)  # hidden among real tensors
    return {
        "torch zip": torch_file(RunsACommand(command)),
        "torch zip, inside a state_dict": torch_file(with_weights),
        "raw pickle protocol 0": pickle.dumps(RunsACommand(command), protocol=0),
        "raw pickle protocol 2": pickle.dumps(RunsACommand(command), protocol=2),
        "raw pickle protocol 5": pickle.dumps(RunsACommand(command), protocol=5),
    }


def test_the_payloads_are_live_when_loaded_unsafely(tmp_path):
    """Control: without weights_only each file really runs its command (so the test below
    would notice if the loader ever executed one)."""
    for i, name in enumerate(malicious_files("/x")):
        marker = tmp_path / f"unsafe{i}"
        raw = malicious_files(marker)[name]
        try:
            if name.startswith("torch"):
                torch.load(io.BytesIO(raw), weights_only=False)
            else:
                pickle.loads(raw)
        except Exception:
            pass  # the command ran while unpickling; what follows may fail
        assert marker.exists(), name


@pytest.mark.parametrize("name", list(malicious_files("/x")))
def test_a_pickle_payload_is_refused_and_nothing_runs(tmp_path, name):
    marker = tmp_path / "pwned"
    raw = malicious_files(marker)[name]
    model = fresh_model(SaveRestoreConfig())
    before = {k: v.clone() for k, v in model.state_dict().items()}
    outcome = load_state_dict_upload(raw, model)
    assert outcome.kind == "unsafe_pickle" and not outcome.ok
    assert "system" in outcome.message and "none of it was executed" in outcome.message
    assert not marker.exists()
    assert all(torch.equal(model.state_dict()[k], v) for k, v in before.items())


def test_reading_a_pickles_imports_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    for raw in malicious_files(marker).values():
        assert [name for name in unsafe_imports(raw) if name.endswith(".system")]
    assert not marker.exists()


def test_a_whole_model_imports_only_torch_nn_and_a_state_dict_nothing_unsafe():
    model = fresh_model(SaveRestoreConfig())
    legacy = io.BytesIO()
    torch.save(model.state_dict(), legacy, _use_new_zipfile_serialization=False)
    assert unsafe_imports(torch_file(model.state_dict())) == []
    assert unsafe_imports(legacy.getvalue()) == []
    whole = unsafe_imports(torch_file(model))
    assert whole and all(name.startswith("torch.nn.") for name in whole)
    assert unsafe_imports(b"just some notes") is None


def wrong_files() -> dict[str, tuple[bytes, str, str]]:
    """name -> (bytes, expected kind, a piece of the expected message)."""
    cfg = SaveRestoreConfig()
    good = fresh_model(cfg)
    nan_state = {k: v.clone() for k, v in good.state_dict().items()}
    nan_state["2.bias"][0] = float("nan")
    legacy = io.BytesIO()
    torch.save(good.state_dict(), legacy, _use_new_zipfile_serialization=False)
    other_zip = io.BytesIO()
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("notes.txt", "not a model")
    return {
        "empty": (b"", "empty", "empty"),
        "random bytes": (np.random.default_rng(0).bytes(300), "not_torch", "not a PyTorch file"),
        "text": (b"just some notes\n", "not_torch", "not a PyTorch file"),
        "cut-off .pt": (torch_file(good.state_dict())[:200], "not_torch", "not a PyTorch file"),
        "zip, not torch": (other_zip.getvalue(), "not_torch", "not a PyTorch file"),
        "plain pickle of an int": (pickle.dumps(3), "not_torch", "not a PyTorch file"),
        "a tensor": (torch_file(torch.ones(3, 2)), "not_state_dict", "holds a torch.Tensor (3, 2)"),
        "a list": (torch_file([torch.ones(3)]), "not_state_dict", "holds a list,"),
        "a checkpoint": (torch_file({"model_state_dict": good.state_dict(), "epoch": 3}),
                         "not_state_dict", "dict {model_state_dict, epoch}"),
        "whole model": (torch_file(good), "whole_model", "whole pickled model"),
        "Net's names": (torch_file(Net(1, 10, 1).state_dict()), "ok_course_names",
                        "hidden.* tensors went into layer 0, predict.* into layer 2"),
        "Net, other width": (torch_file(Net(1, 20, 1).state_dict()), "wrong_shapes",
                             "0.weight (20, 1) ≠ (10, 1)"),
        "Net plus a tensor": (torch_file({**Net(1, 10, 1).state_dict(), "extra": torch.ones(1)}),
                              "wrong_keys", "Unexpected: hidden.weight"),
        "other width": (torch_file(fresh_model(SaveRestoreConfig(hidden=(20,))).state_dict()),
                        "wrong_shapes", "0.weight (20, 1) ≠ (10, 1), 0.bias (20,) ≠ (10,)"),
        "NaN weights": (torch_file(nan_state), "not_finite", "2.bias"),
        "legacy format": (legacy.getvalue(), "ok", "4 tensors"),
    }


@pytest.mark.parametrize("name", list(wrong_files()))
def test_each_kind_of_file_gets_its_message(name):
    raw, kind, piece = wrong_files()[name]
    model = fresh_model(SaveRestoreConfig())
    before = {k: v.clone() for k, v in model.state_dict().items()}
    outcome = load_state_dict_upload(raw, model)
    assert outcome.kind == kind, outcome.message
    assert piece in outcome.message
    assert outcome.kind in UPLOAD_KINDS
    if not outcome.ok:  # a refused file leaves the network as it was
        assert all(torch.equal(model.state_dict()[k], v) for k, v in before.items())


def test_a_good_state_dict_is_loaded_and_predicts_like_the_original():
    torch.manual_seed(3)
    original = fresh_model(SaveRestoreConfig())
    target = fresh_model(SaveRestoreConfig())
    outcome = load_state_dict_upload(torch_file(original.state_dict()), target)
    assert outcome.ok and outcome.message.startswith("Loaded")
    x = torch.linspace(-1, 1, 50).unsqueeze(1)
    with torch.no_grad():
        assert torch.equal(original(x), target(x))


def test_the_courses_own_net_is_accepted_and_predicts_the_same():
    """The course saves `Net` (self.hidden, self.predict): the same network as the page's
    nn.Sequential under other names, so its state_dict must load and predict identically."""
    torch.manual_seed(5)
    course = Net(1, 10, 1)
    target = fresh_model(SaveRestoreConfig())
    outcome = load_state_dict_upload(torch_file(course.state_dict()), target)
    assert outcome.ok and outcome.kind == "ok_course_names", outcome.message
    x = torch.linspace(-1, 1, 50).unsqueeze(1)
    with torch.no_grad():
        assert torch.equal(course(x), target(x))
    deeper = fresh_model(SaveRestoreConfig(hidden=(10, 10)))  # three Linear layers: no match
    assert load_state_dict_upload(torch_file(course.state_dict()), deeper).kind == "wrong_keys"


def test_a_too_large_file_is_refused_before_reading(monkeypatch):
    monkeypatch.setattr(checkpoint_io, "MAX_UPLOAD_BYTES", 100)
    outcome = load_state_dict_upload(b"x" * 101, fresh_model(SaveRestoreConfig()))
    assert outcome.kind == "too_large" and "101 bytes" in outcome.message


def test_the_loader_never_raises_on_damaged_files():
    good = torch_file(fresh_model(SaveRestoreConfig()).state_dict())
    rng = np.random.default_rng(1)
    kinds = set()
    for _ in range(40):
        raw = bytearray(good)
        for position in rng.integers(0, len(raw), size=int(rng.integers(1, 20))):
            raw[position] = int(rng.integers(0, 256))
        outcome = load_state_dict_upload(bytes(raw), fresh_model(SaveRestoreConfig()))
        assert outcome.kind in UPLOAD_KINDS and outcome.message
        kinds.add(outcome.kind)
    assert kinds - {"ok"}  # some damage was noticed
    assert load_state_dict_upload(None, fresh_model(SaveRestoreConfig())).kind == "empty"


def test_a_compressed_member_is_read_with_a_cap(monkeypatch):
    """A small zip whose data.pkl inflates beyond the upload limit is not unpacked for the
    explanation (memory), and the verdict is still a plain refusal."""
    monkeypatch.setattr(checkpoint_io, "MAX_UPLOAD_BYTES", 10_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("archive/data.pkl", b"\x80\x02" + b"N" * 50_000 + b".")
    raw = buffer.getvalue()
    assert len(raw) < 10_000
    assert checkpoint_io.unsafe_imports(raw) is None
    assert load_state_dict_upload(raw, fresh_model(SaveRestoreConfig())).kind == "not_torch"
