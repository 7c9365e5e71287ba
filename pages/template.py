"""Training template: the five parts of a real project next to their code;
per-epoch curves; checkpoints in a folder of this browser session, downloadable; resume."""
import os
import shutil
from pathlib import Path

import streamlit as st
import torch

from core import mnist
from core.config import ConfigError
from core.registry import TaskUnavailable
from core.tasks import template as task
from ui.charts.curves import epoch_chart, epoch_frame
from ui.controls import set_settings
from ui.i18n import t
from ui.training_page import Frame, TrainingPage, Unavailable, forget_run, render

GROUPS = [
    ("settings.data", ["data", "train_images", "test_images"]),
    ("settings.network", ["hidden_size"]),
    ("settings.training", ["optimizer", "lr", "batch_size", "epochs", "resume_epoch", "run_id",
                           "seed", "device"]),
]
PART_HELP = ("template.part1", "template.part2", "template.part3", "template.part4",
             "template.part5")


def session_settings(number: int) -> dict:
    """Every browser session its own checkpoint folder, whatever a link says (a shared link
    must not make two students write into one folder): run_id is the session's number."""
    return {"run_id": number}


def session_folder(frame: Frame) -> Path:
    """Where this session's checkpoints are: where its last run wrote them (the training may
    run in a worker process), else the folder its run_id names."""
    if frame.snapshot is not None and "folder" in frame.snapshot.extra:
        return Path(frame.snapshot.extra["folder"])
    return Path(task.checkpoint_folder(frame.cfg))


def checkpoints(folder: Path) -> list[int]:
    """Epochs that have a checkpoint file in the folder, in order."""
    if not folder.is_dir():
        return []
    return sorted(int(p.stem) for p in folder.glob("*.pth") if p.stem.isdigit())


def view(cfg):
    try:
        data = task.load_data(cfg)
        if cfg.resume_epoch:
            task.check_resume(cfg, task.checkpoint_folder(cfg))  # before Train could fail
        return data
    except TaskUnavailable as err:
        return Unavailable(t("mnist.unavailable", error=str(err)))
    except ConfigError as err:  # nothing to resume from: say so before Train can fail
        return Unavailable(t("template.cannot_resume", error=str(err)))


def picture(frame: Frame):
    """The whole per-epoch curve, earlier epochs (from the checkpoint) included."""
    cfg, snap = frame.cfg, frame.snapshot
    if snap is None:
        return None
    names = {"train_loss": t("series.train_loss"), "test_loss": t("series.test_loss"),
             "accuracy": t("series.accuracy")}
    history = snap.extra.get("history", [])
    if not history:
        return None
    return epoch_chart(epoch_frame(history, names), title=t("template.curve"),
                       y_title=t("mnist.curve_axis"), x_title=t("template.epoch"),
                       epochs=cfg.epochs, resumed_after=snap.extra.get("resumed_from", 0),
                       order=list(names.values()))


def export(frame: Frame):
    snap = frame.snapshot
    path = snap.picture["checkpoint"] if snap.picture else None
    if path is None or not os.path.isfile(path):
        return {}
    return torch.load(path, map_location="cpu", weights_only=True)["model_state_dict"]


def resume_from(epoch: int, epochs: int) -> None:
    """Button callback: settings that continue from this checkpoint for a few more epochs."""
    later = {"epochs": min(epoch + 2, 100)} if epochs <= epoch else {}
    set_settings(task.TemplateConfig, "template", {"resume_epoch": epoch, **later})


def clear(folder: Path) -> None:
    """Button callback: delete this session's checkpoints; nothing left to resume from."""
    shutil.rmtree(folder, ignore_errors=True)
    forget_run("template")
    set_settings(task.TemplateConfig, "template", {"resume_epoch": 0})


def checkpoint_section(frame: Frame) -> None:
    folder = session_folder(frame)
    st.subheader(t("template.checkpoints"))
    saved = checkpoints(folder)
    if not saved:
        st.caption(t("template.no_checkpoints"))
        return
    st.markdown(t("template.saved", epochs=", ".join(map(str, saved)), folder=folder))
    latest = saved[-1]
    c1, c2, c3 = st.columns([1, 1, 1])
    c1.download_button(t("template.download", epoch=latest), (folder / f"{latest}.pth").read_bytes(),
                       file_name=f"checkpoint_epoch{latest}.pth",
                       mime="application/octet-stream", key="template.dl_checkpoint")
    c2.button(t("template.resume", epoch=latest), key="template.resume", on_click=resume_from,
              args=(latest, frame.cfg.epochs))
    c3.button(t("template.clear"), key="template.clear", on_click=clear, args=(folder,))
    # said until a run with these settings is on screen (then it has resumed)
    if frame.cfg.resume_epoch and (frame.run is None or frame.run.cfg != frame.cfg):
        st.info(t("template.resume_set", epoch=frame.cfg.resume_epoch, epochs=frame.cfg.epochs))
    st.caption(t("template.tensorboard", folder=folder / "events"))


def parts_section(cfg) -> None:
    st.subheader(t("template.parts"))
    for (title, source), help_key in zip(task.code_parts(cfg), PART_HELP, strict=False):
        left, right = st.columns([1, 3])
        left.markdown(f"**{title}**")
        left.markdown(t(help_key))
        right.code(source.strip(), language="python")


shown = render(TrainingPage(task="template", picture=picture, view=view, groups=GROUPS,
                            export=export, curves=("train_loss", "test_loss", "accuracy"),
                            metrics=("train_loss", "test_loss", "accuracy"), picture_width=1.0,
                            session_settings=session_settings, rest_shows_runs=True,
                            step_title="template.epoch",
                            progress_text="template.progress", done_text="template.done"))
checkpoint_section(shown)
try:
    _data = mnist.load_mnist(shown.cfg.data)
    st.sidebar.caption(t("mnist.sidebar", name=t(f"mnist.name.{_data.source}"),
                         train=f"{_data.n_train:,}", test=f"{_data.n_test:,}"))
except mnist.DataUnavailable:
    pass  # the page already said why
parts_section(shown.cfg)
