"""Training template: the five parts of a real project next to their code;
per-epoch curves; checkpoints in a folder of this browser session, downloadable; resume."""
import os
import secrets
import shutil
from pathlib import Path

import streamlit as st
import torch

from core import mnist
from core.config import ConfigError, specs, validate
from core.registry import TaskUnavailable
from core.tasks import template as task
from ui.charts.curves import epoch_chart, epoch_frame
from ui.i18n import t
from ui.training_page import TrainingPage, render, run_key

GROUPS = [
    ("settings.data", ["data", "train_images", "test_images"]),
    ("settings.network", ["hidden_size"]),
    ("settings.training", ["optimizer", "lr", "batch_size", "epochs", "resume_epoch", "run_id",
                           "seed", "device"]),
]
PART_HELP = ("template.part1", "template.part2", "template.part3", "template.part4",
             "template.part5")


def session_run_id() -> int:
    """A random run_id drawn once per browser session: its own checkpoint folder."""
    if "template.session_run_id" not in st.session_state:
        st.session_state["template.session_run_id"] = secrets.randbelow(900_000_000) + 100_000_000
    return st.session_state["template.session_run_id"]


def pin_run_id() -> None:
    """Before the widgets are drawn: always this session's run_id, whatever a link or a click
    said (a shared link must not make two students write into one folder). The very first run
    of the page has not read the URL into the widgets yet; nothing can train in that run."""
    if st.session_state.get("template.__from_url"):
        st.session_state["template.run_id"] = session_run_id()


def session_folder() -> Path:
    """Where this session's checkpoints are: where its last run wrote them (the training may
    run in a worker process), else the folder its run_id names."""
    run = st.session_state.get(run_key("template"))
    if run is not None and run.snapshots and "folder" in run.last.extra:
        return Path(run.last.extra["folder"])
    return Path(task.checkpoint_folder(task.TemplateConfig(run_id=session_run_id())))


def checkpoints(folder: Path) -> list[int]:
    """Epochs that have a checkpoint file in the folder, in order."""
    if not folder.is_dir():
        return []
    return sorted(int(p.stem) for p in folder.glob("*.pth") if p.stem.isdigit())


def view(cfg):
    try:
        data = task.load_data(cfg)
        if cfg.resume_epoch:
            task.check_resume(cfg, str(session_folder()))  # before Train could fail
        return data
    except TaskUnavailable as err:
        st.error(t("mnist.unavailable", error=str(err)))
    except ConfigError as err:  # nothing to resume from: say so before Train can fail
        st.error(t("template.cannot_resume", error=str(err)))
    checkpoint_section(session_folder())
    st.stop()


def current_cfg():
    """The settings as the sidebar holds them now (the course's when they do not fit)."""
    values = {s.name: st.session_state.get(f"template.{s.name}", s.default)
              for s in specs(task.TemplateConfig)}
    try:
        cfg = task.TemplateConfig(**values)
        validate(cfg)
        return cfg
    except (ConfigError, TypeError, ValueError):
        return task.TemplateConfig()


def picture(cfg, data, snap):
    """The whole per-epoch curve, earlier epochs (from the checkpoint) included."""
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


def export(cfg, snap):
    path = snap.picture["checkpoint"] if snap.picture else None
    if path is None or not os.path.isfile(path):
        return {}
    return torch.load(path, map_location="cpu", weights_only=True)["model_state_dict"]


def resume_from(epoch: int) -> None:
    """Button callback: settings that continue from this checkpoint for a few more epochs."""
    st.session_state["template.resume_epoch"] = epoch
    if st.session_state.get("template.epochs", task.TemplateConfig().epochs) <= epoch:
        st.session_state["template.epochs"] = min(epoch + 2, 100)


def clear(folder: Path) -> None:
    """Button callback: delete this session's checkpoints; nothing left to resume from."""
    shutil.rmtree(folder, ignore_errors=True)
    st.session_state.pop(run_key("template"), None)
    st.session_state["template.resume_epoch"] = 0


def checkpoint_section(folder: Path) -> None:
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
              args=(latest,))
    c3.button(t("template.clear"), key="template.clear", on_click=clear, args=(folder,))
    if st.session_state.get("template.resume_epoch"):
        st.info(t("template.resume_set", epoch=st.session_state["template.resume_epoch"],
                  epochs=st.session_state.get("template.epochs")))
    st.caption(t("template.tensorboard", folder=folder / "events"))


def parts_section(cfg) -> None:
    st.subheader(t("template.parts"))
    for (title, source), help_key in zip(task.code_parts(cfg), PART_HELP, strict=False):
        left, right = st.columns([1, 3])
        left.markdown(f"**{title}**")
        left.markdown(t(help_key))
        right.code(source.strip(), language="python")


pin_run_id()
render(TrainingPage(task="template", picture=picture, view=view, groups=GROUPS,
                    export=export, curves=("train_loss", "test_loss", "accuracy"),
                    curve_y_title=t("mnist.curve_axis"),
                    metrics=("train_loss", "test_loss", "accuracy"), picture_width=1.0))
checkpoint_section(session_folder())
try:
    _data = mnist.load_mnist(st.session_state.get("template.data", "auto"))
    st.sidebar.caption(t("mnist.sidebar", name=t(f"mnist.name.{_data.source}"),
                         train=f"{_data.n_train:,}", test=f"{_data.n_test:,}"))
except mnist.DataUnavailable:
    pass  # the page already said why
parts_section(current_cfg())
