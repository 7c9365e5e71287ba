"""Batch training: which samples the real DataLoader puts in which batch."""
import pandas as pd

from core.tasks import batch as task
from ui.charts.grids import batch_frame, batch_grid
from ui.i18n import t
from ui.training_page import Frame, TrainingPage, render

GROUPS = [
    ("settings.data", ["points", "batch_size", "shuffle", "drop_last", "epochs", "seed",
                       "num_workers"]),
    ("settings.training", ["lr", "device"]),
]


def view(cfg: task.BatchConfig) -> list[task.BatchRecord]:
    """The whole plan, read once from a fresh loader (the run's snapshots replay it)."""
    return task.assign_batches(cfg)


def picture(frame: Frame):
    # snapshot.step counts batches from 1: the grid shows the first step of them (before
    # training, no snapshot: the empty grid, epochs × samples)
    cfg, snap = frame.cfg, frame.snapshot
    grid = batch_frame(frame.view, cfg.points, cfg.epochs, 0 if snap is None else snap.step)
    return batch_grid(grid, batches_per_epoch=cfg.batches_per_epoch, x_title=t("batch.grid_x"),
                      y_title=t("batch.grid_y"), legend_title=t("batch.legend"),
                      dropped=t("batch.legend_dropped"))


def details(frame: Frame, box):
    """Below the pictures: sizes, what drop_last skipped, the batches as a table, the printout."""
    cfg, records, snap = frame.cfg, frame.view, frame.snapshot
    sizes = [len(r.indices) for r in records if r.epoch == 0]
    box.markdown(t("batch.summary", per_epoch=len(sizes), sizes=sizes, total=len(records),
                   epochs=cfg.epochs))
    if cfg.drop_last:
        for epoch in range(cfg.epochs):
            used = {i for r in records if r.epoch == epoch for i in r.indices}
            dropped = sorted(set(range(cfg.points)) - used)
            if dropped:
                box.caption(t("batch.dropped", dropped=dropped, epoch=epoch))
    shown = records[:snap.step]
    box.markdown(f"**{t('batch.table_title')}**")
    box.dataframe(pd.DataFrame({
        t("batch.col.epoch"): [r.epoch for r in shown],
        t("batch.col.step"): [r.step for r in shown],
        t("batch.col.indices"): [str(list(r.indices)) for r in shown],
        t("batch.col.x"): [str([round(v, 3) for v in r.x]) for r in shown],
        t("batch.col.y"): [str([round(v, 3) for v in r.y]) for r in shown],
    }), hide_index=True, width="stretch")
    box.markdown(f"**{t('batch.printout')}**")
    box.code("\n".join(task.format_record(r) for r in shown), language="text")
    box.caption(t("batch.seed_note"))


def export(frame: Frame):
    """The tiny model y = w·x + b after this batch, as a state_dict of nn.Linear(1, 1)."""
    return frame.snapshot.weights


def describe(cfg) -> str:
    """What these settings do (the intro tells the course's 10 points in batches of 5)."""
    return t("batch.now", points=cfg.points, size=cfg.batch_size, batches=cfg.batches_per_epoch,
             epochs=cfg.epochs)


render(TrainingPage(task="batch", picture=picture, view=view, groups=GROUPS, extra=details,
                    describe=describe,
                    export=export, curves=("train_loss",), metrics=("train_loss",),
                    curve_y_title=t("batch.curve_y"), picture_width=1.6))
