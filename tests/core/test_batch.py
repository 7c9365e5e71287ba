"""Batch training (core.tasks.batch): the real DataLoader's batches against a hand-made reference."""
from __future__ import annotations

import math
import runpy

import numpy as np
import pytest
import torch

from core.__main__ import main as cli_main
from core.config import ConfigError, validate
from core.snapshots import run_to_end
from core.tasks import batch
from core.tasks.batch import BatchConfig, assign_batches, batches_per_epoch


def reference_plan(n: int, batch_size: int, epochs: int, seed: int, shuffle: bool = True,
                   drop_last: bool = False) -> list[list[list[int]]]:
    """Batches per epoch, written without DataLoader: torch's protocol by hand.

    At the start of every epoch the loader draws one int64 (its workers' base seed) from the
    generator; then the sampler draws randperm(n) from the same generator: the epoch's order.
    When the epoch's last index has been read, the sampler draws one more randperm(n) that it
    never uses (RandomSampler ends with ``randperm(n)[:num_samples % n]``, an empty slice).
    """
    g = torch.Generator().manual_seed(seed)
    plan = []
    for _ in range(epochs):
        torch.empty((), dtype=torch.int64).random_(generator=g)
        order = torch.randperm(n, generator=g).tolist() if shuffle else list(range(n))
        if shuffle:
            torch.randperm(n, generator=g)  # drawn and thrown away as the epoch ends
        groups = [order[i:i + batch_size] for i in range(0, n, batch_size)]
        if drop_last and len(groups[-1]) < batch_size:
            groups = groups[:-1]
        plan.append(groups)
    return plan


def as_plan(records, epochs):
    return [[list(r.indices) for r in records if r.epoch == e] for e in range(epochs)]


@pytest.mark.parametrize("seed", [0, 1, 7, 12345])
@pytest.mark.parametrize("batch_size,drop_last", [(5, False), (8, False), (8, True), (3, True), (1, False)])
def test_loader_batches_match_the_hand_made_reference(seed, batch_size, drop_last):
    cfg = BatchConfig(batch_size=batch_size, drop_last=drop_last, seed=seed)
    got = as_plan(assign_batches(cfg), cfg.epochs)
    assert got == reference_plan(10, batch_size, 3, seed, drop_last=drop_last)


def test_each_epoch_is_a_permutation_in_batches_of_five_and_epochs_differ():
    records = assign_batches(BatchConfig())  # the course: batch 5, shuffle, 3 epochs
    plan = as_plan(records, 3)
    for groups in plan:
        assert [len(g) for g in groups] == [5, 5]
        assert sorted(i for g in groups for i in g) == list(range(10))
    assert plan[0] != plan[1] and plan[1] != plan[2]  # reshuffled every epoch
    # the values travel with their indices: x = 1..10, y = 10..1
    for r in records:
        assert r.x == tuple(float(i + 1) for i in r.indices)
        assert r.y == tuple(float(10 - i) for i in r.indices)


def test_seed_1_first_epoch_is_the_courses_printout():
    """The course (torch.manual_seed(1)) prints epoch 0 as x = [5 7 10 3 4], [2 1 8 9 6]."""
    first = [r.x for r in assign_batches(BatchConfig(seed=1)) if r.epoch == 0]
    assert first == [(5.0, 7.0, 10.0, 3.0, 4.0), (2.0, 1.0, 8.0, 9.0, 6.0)]


def test_batch_eight_gives_a_smaller_last_batch_unless_dropped():
    keep = as_plan(assign_batches(BatchConfig(batch_size=8)), 3)
    drop = as_plan(assign_batches(BatchConfig(batch_size=8, drop_last=True)), 3)
    for kept, dropped in zip(keep, drop, strict=True):
        assert [len(g) for g in kept] == [8, 2]
        assert dropped == kept[:1]  # same order, the 2 left-over samples are skipped
    assert batches_per_epoch(BatchConfig(batch_size=8)) == 2
    assert batches_per_epoch(BatchConfig(batch_size=8, drop_last=True)) == 1


def test_without_shuffle_every_epoch_is_in_order():
    plan = as_plan(assign_batches(BatchConfig(shuffle=False, batch_size=4)), 3)
    assert plan == [[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]] * 3


def test_same_seed_same_batches_other_seed_other_batches():
    assert assign_batches(BatchConfig(seed=3)) == assign_batches(BatchConfig(seed=3))
    assert assign_batches(BatchConfig(seed=3)) != assign_batches(BatchConfig(seed=4))


def test_worker_processes_do_not_change_the_order():
    cfg = BatchConfig(epochs=2)
    assert assign_batches(BatchConfig(epochs=2, num_workers=1)) == assign_batches(cfg)


def test_drop_last_with_a_batch_larger_than_the_data_is_refused():
    with pytest.raises(ConfigError, match="no batch"):
        validate(BatchConfig(batch_size=12, drop_last=True))
    validate(BatchConfig(batch_size=12))  # without drop_last: one batch of 10


def reference_losses(cfg: BatchConfig) -> list[float]:
    """One SGD step of y = w·x + b per batch with the MSE gradient written out in NumPy."""
    torch.manual_seed(cfg.seed)
    init = torch.nn.Linear(1, 1)
    w, b = init.weight.item(), init.bias.item()
    losses = []
    for groups in reference_plan(cfg.points, cfg.batch_size, cfg.epochs, cfg.seed,
                                 cfg.shuffle, cfg.drop_last):
        for idx in groups:
            x = np.array(idx, dtype=np.float64) + 1.0
            y = 10.0 - np.array(idx, dtype=np.float64)
            err = w * x + b - y
            losses.append(float(np.mean(err ** 2)))
            w, b = w - cfg.lr * 2 * np.mean(err * x), b - cfg.lr * 2 * np.mean(err)
    return losses


@pytest.mark.parametrize("cfg", [BatchConfig(), BatchConfig(batch_size=8, epochs=4, lr=0.005),
                                 BatchConfig(batch_size=3, drop_last=True, seed=5)])
def test_one_snapshot_per_batch_with_the_sgd_loss_of_that_batch(cfg):
    history, final = run_to_end(batch.train(cfg))
    assert len(history) == cfg.epochs * batches_per_epoch(cfg) == final.total
    assert [s.step for s in history] == list(range(1, final.total + 1)) and final.done
    assert [s.picture for s in history] == assign_batches(cfg)
    got = [s.scalars["train_loss"] for s in history]
    np.testing.assert_allclose(got, reference_losses(cfg), rtol=1e-4)
    out = batch.result(cfg, final)
    assert out["final_loss"] == got[-1]
    assert out["batches"] == as_plan(assign_batches(cfg), cfg.epochs)


def test_a_too_large_learning_rate_stops_with_a_divergence():
    history, final = run_to_end(batch.train(BatchConfig(lr=1.0, epochs=20)))
    assert final.divergence is not None
    assert not math.isfinite(final.scalars["train_loss"])
    assert all(math.isfinite(s.scalars["train_loss"]) for s in history[:-1])
    assert "step" in final.divergence.message


def test_cli_prints_the_batch_assignment_per_epoch(capsys):
    assert cli_main(["train", "batch", "--batch-size", "8", "--json"]) == 0
    out = capsys.readouterr().out
    expected = reference_plan(10, 8, 3, 1)
    for epoch, groups in enumerate(expected):
        assert f"epoch {epoch}: sample indices {groups}" in out
    assert "Epoch: 0 | Step: 1 | batch x: [" in out


def test_generated_script_prints_the_same_batches_and_final_loss(tmp_path, capsys):
    cfg = BatchConfig(batch_size=8, epochs=4, seed=3)
    script = tmp_path / "batch_script.py"
    script.write_text(batch.code(cfg))
    runpy.run_path(str(script), run_name="__main__")
    lines = capsys.readouterr().out.strip().splitlines()
    name, value = lines[-1].split()
    expected = batch.result(cfg, run_to_end(batch.train(cfg))[1])["final_loss"]
    assert name == "final_loss" and abs(float(value) - expected) < 1e-6
    printed = [line for line in lines if line.startswith("Epoch:")]
    assert len(printed) == 8
    # NumPy prints [ 5.  7. 10.]; compare the numbers, not the spacing
    for line, record in zip(printed, assign_batches(cfg), strict=True):
        x_text = line.split("batch x:")[1].split("|")[0]
        assert [float(v) for v in x_text.strip(" []").split()] == list(record.x)


@pytest.mark.parametrize("points, size, drop", [(10, 5, False), (10, 8, False), (10, 8, True),
                                                (40, 3, False), (40, 3, True)])
def test_batches_per_epoch_is_what_the_loader_says(points, size, drop):
    from core.tasks.batch import BatchConfig, make_loader

    cfg = BatchConfig(points=points, batch_size=size, drop_last=drop)
    assert cfg.batches_per_epoch == len(make_loader(cfg))
