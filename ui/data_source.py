"""Where the Classification and Regression pages' points come from: built in, your CSV, or drawn.

:func:`data_source` draws the choice above the Train button and returns the page's config with
your points attached (``cfg.own``, see core/own_data.py), or an error that disables Train.

* Upload: the file stays in this session's memory (Streamlit keeps uploads in memory; nothing is
  written to the server's disk), is read by core, and any problem is said in words.
* Draw: clicks on the plane. Streamlit 1.67 returns an Altair selection to Python
  (``st.altair_chart(on_select="rerun")``); an invisible grid layer carries a
  ``selection_point(fields=["x", "y"], on="click", nearest=True)``, so a click anywhere
  selects the nearest grid point. A click near an existing point removes it; otherwise a point
  of the chosen class is added there. Each edit gives the chart a new key, which clears the
  selection (else the same click would be applied again on every rerun).
* Export: the points in use, whatever their source, download as CSV (formula-like text escaped).

Your points are never in the page's link (only the source is, so that whoever opens the link
is told the points are not included).
"""
from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from core import own_data
from core.own_data import OwnData, OwnDataError
from ui.i18n import t
from ui.raster import CLASS_HEX

SOURCES = ("builtin", "upload", "draw")
URL_KEY = "source"  # the only trace of your data in a link: where it came from
GRID = 41  # clickable grid points per side of the drawing plane
REMOVE_RADIUS = 1.5  # a click within this many grid steps of a point removes it
CHART_SIZE = 380


def error_text(err: OwnDataError) -> str:
    return t(f"own.error.{err.code}", **err.params)


def _builtin_csv(builtin: Callable[[Any], OwnData], cfg: Any) -> bytes:
    return own_data.to_csv(builtin(cfg))


def data_source(page: str, cfg: Any, builtin: Callable[[Any], OwnData]) -> tuple[Any, str | None]:
    """Draw the data source panel; return (cfg with ``own`` set or None, error or None).

    ``builtin(cfg)`` gives the built-in points as OwnData (for export and to start a drawing).
    """
    key = f"{page}.source"
    from_link = st.query_params.get(URL_KEY)
    if key not in st.session_state:
        st.session_state[key] = from_link if from_link in SOURCES else "builtin"
        if from_link in SOURCES[1:]:
            st.session_state[f"{page}.from_link"] = True
    box = st.container(border=True)
    names = {s: t(f"own.source.{s}") for s in SOURCES}  # now, in this run's language
    source = box.radio(t("own.source"), SOURCES, format_func=names.get, horizontal=True, key=key)
    if source == "builtin":
        st.query_params.pop(URL_KEY, None)
        # The file is made when the button is clicked (a callable as data), not on every
        # rerun: making the built-in points and their CSV was 15% of a classroom rerun.
        box.download_button(t("own.export"), functools.partial(_builtin_csv, builtin, cfg),
                            file_name=f"{page}_points.csv", mime="text/csv",
                            key=f"{page}.export")
        return cfg, None
    st.query_params[URL_KEY] = source
    if st.session_state.pop(f"{page}.from_link", False):
        box.info(t("own.link_without_data"))
    box.caption(t("own.not_in_link"))
    try:
        if source == "upload":
            own = _upload(page, box)
        else:
            own = _draw(page, cfg, builtin, box)
    except OwnDataError as err:
        box.error(error_text(err))
        return cfg, error_text(err)
    if own is None:
        return cfg, t("own.nothing_yet")
    box.download_button(t("own.export"), functools.partial(own_data.to_csv, own),
                        file_name=f"{page}_points.csv", mime="text/csv", key=f"{page}.export")
    return dataclasses.replace(cfg, own=own), None


# ------------------------------------------------------------------------------------ upload
def _upload(page: str, box) -> OwnData | None:
    mb = own_data.MAX_BYTES // 2**20
    # Streamlit 1.67 draws the box's own words ("Upload", "5MB per file • CSV, TXT, TSV") in
    # English whatever the language; the label, the help and this caption are ours. The limit
    # is passed on, so the box states the real one, not the server's 200 MB.
    file = box.file_uploader(t("own.upload"), type=["csv", "txt", "tsv"], key=f"{page}.upload",
                             help=t("own.upload_help", mb=mb, rows=f"{own_data.MAX_ROWS:,}"),
                             max_upload_size=mb)
    box.caption(t("own.upload_how", mb=mb))
    if file is None:
        return None
    if file.size > own_data.MAX_BYTES:  # refused before reading it
        raise OwnDataError("too_big", size_mb=f"{file.size / 2**20:.1f}",
                           limit_mb=f"{own_data.MAX_BYTES / 2**20:g}")
    raw = file.getvalue()
    table, _ = own_data.read_table(raw)
    columns = [str(c) for c in table.columns]
    needed = 3 if page == "classification" else 2
    if len(columns) < needed:  # say it before offering column choices that cannot work
        raise OwnDataError("too_few_columns", found=len(columns), needed=needed,
                           what=t(f"own.needs.{page}"))
    left, middle, right = box.columns(3)
    suffix = file.file_id  # a new file: fresh column choices
    standardize = right.toggle(t("own.standardize"), key=f"{page}.standardize",
                               help=t("own.standardize_help"))
    if page == "classification":
        label = left.selectbox(t("own.label_column"), columns, index=len(columns) - 1,
                               key=f"{page}.label.{suffix}")
        others = [c for c in columns if c != label]
        features = middle.multiselect(t("own.feature_columns"), others, default=others[:2],
                                      max_selections=2, key=f"{page}.features.{suffix}")
        own = _cached(page, (file.file_id, label, tuple(features), standardize),
                      lambda: own_data.read_classification(raw, file.name, features, label,
                                                           standardize))
        box.success(t("own.read_classes", points=len(own), classes=len(own.classes),
                      names=", ".join(own.classes), file=file.name))
    else:
        x = left.selectbox(t("own.x_column"), columns, index=0, key=f"{page}.x.{suffix}")
        others = [c for c in columns if c != x]
        y = middle.selectbox(t("own.y_column"), others, index=0, key=f"{page}.y.{suffix}")
        own = _cached(page, (file.file_id, x, y, standardize),
                      lambda: own_data.read_regression(raw, file.name, x, y, standardize))
        box.success(t("own.read_points", points=len(own), file=file.name))
    if "no_header" in own.notices:
        box.caption(t("own.notice.no_header"))
    scaling = own.scaling()
    if scaling:
        box.caption(t("own.standardized", detail="; ".join(
            f"{name}: {mean:.4g} ± {std:.4g}" for name, (mean, std) in scaling.items())))
    return own


def _cached(page: str, key: tuple, read: Callable[[], OwnData]) -> OwnData:
    """The last file read by this session's page (a rerun does not parse it again)."""
    slot = f"{page}.own_cache"
    kept = st.session_state.get(slot)
    if kept is None or kept[0] != key:
        kept = (key, read())
        st.session_state[slot] = kept
    return kept[1]


# -------------------------------------------------------------------------------------- draw
def _drawing(page: str) -> dict:
    return st.session_state.setdefault(f"{page}.drawn", {"points": [], "history": [], "edits": 0})


def _edit(drawing: dict, points: list) -> None:
    drawing["history"].append(drawing["points"])
    drawing["points"] = points
    drawing["edits"] += 1  # a new chart key: the click just applied is forgotten


def _fresh_chart(page: str) -> None:
    """A new chart key: the plane starts without a pending selection (e.g. after a class change)."""
    _drawing(page)["edits"] += 1


def _undo(page: str) -> None:
    drawing = _drawing(page)
    if drawing["history"]:
        drawing["points"] = drawing["history"].pop()
        drawing["edits"] += 1


def _clear(page: str) -> None:
    _edit(_drawing(page), [])


def _start_from(page: str, points: list) -> None:
    _edit(_drawing(page), points)


def as_points(own: OwnData) -> list[tuple[float, float, int]]:
    """(x, y, label) rows to draw with: classification (x1, x2, class), regression (x, y, 0)."""
    x, y = own.points()
    if own.task == "classification":
        return [(float(a), float(b), int(c)) for (a, b), c in zip(x.tolist(), y.tolist(), strict=False)]
    return [(float(a), float(b), 0) for a, b in zip(x.ravel().tolist(), y.ravel().tolist(), strict=False)]


def drawing_extent(page: str, points: list) -> tuple[float, float, float, float]:
    """The plane to draw on: the built-in datasets' range, widened to hold every point."""
    x0, x1, y0, y1 = (-6.0, 6.0, -6.0, 6.0) if page == "classification" else (-1.2, 1.2, -0.4, 1.6)
    if points:
        xs, ys = np.array([p[0] for p in points]), np.array([p[1] for p in points])
        x0, x1 = min(x0, xs.min()), max(x1, xs.max())
        y0, y1 = min(y0, ys.min()), max(y1, ys.max())
    return float(x0), float(x1), float(y0), float(y1)


def apply_click(points: list, click: tuple[float, float], label: int,
                extent: tuple[float, float, float, float]) -> list:
    """The points after a click: the nearest point within REMOVE_RADIUS grid steps goes away,
    else a point of ``label`` is added at the click."""
    x0, x1, y0, y1 = extent
    step = np.array([(x1 - x0) / (GRID - 1), (y1 - y0) / (GRID - 1)])
    if points:
        xy = np.array([p[:2] for p in points])
        distance = np.hypot(*((xy - np.array(click)) / step).T)  # in grid steps
        nearest = int(distance.argmin())
        if distance[nearest] <= REMOVE_RADIUS:
            return points[:nearest] + points[nearest + 1:]
    return points + [(float(click[0]), float(click[1]), int(label))]


def draw_chart(page: str, points: list, extent: tuple[float, float, float, float]) -> alt.Chart:
    """The clickable plane: an invisible grid carrying the click selection, and the points."""
    x0, x1, y0, y1 = extent
    gx, gy = np.meshgrid(np.linspace(x0, x1, GRID), np.linspace(y0, y1, GRID))
    grid = pd.DataFrame({"x": gx.ravel().round(6), "y": gy.ravel().round(6)})
    x_scale = alt.Scale(domain=[x0, x1], nice=False)
    y_scale = alt.Scale(domain=[y0, y1], nice=False)
    click = alt.selection_point(name="click", fields=["x", "y"], on="click", nearest=True,
                                empty=False)
    clickable = alt.Chart(grid).mark_point(opacity=0, size=20).encode(
        x=alt.X("x:Q", scale=x_scale, title="x1" if page == "classification" else "x"),
        y=alt.Y("y:Q", scale=y_scale, title="x2" if page == "classification" else "y"),
    ).add_params(click)
    dots = pd.DataFrame(points, columns=["x", "y", "label"]).astype({"label": str})
    labels = [str(i) for i in range(len(CLASS_HEX))]
    drawn = alt.Chart(dots).mark_circle(size=70, opacity=0.9, stroke="white", strokeWidth=1)
    if page == "classification":
        drawn = drawn.encode(color=alt.Color("label:N", scale=alt.Scale(domain=labels,
                                                                       range=CLASS_HEX),
                                             legend=alt.Legend(orient="bottom", title=None)))
    else:
        drawn = drawn.encode(color=alt.value(CLASS_HEX[1]))
    drawn = drawn.encode(x=alt.X("x:Q", scale=x_scale), y=alt.Y("y:Q", scale=y_scale))
    return alt.layer(clickable, drawn).properties(width=CHART_SIZE, height=CHART_SIZE)


def _draw(page: str, cfg: Any, builtin: Callable[[Any], OwnData], box) -> OwnData | None:
    drawing = _drawing(page)
    points = drawing["points"]
    box.caption(t(f"own.draw_help.{page}"))
    left, right = box.columns([3, 2])
    label = 0
    if page == "classification":
        classes = {c: t("own.class_n", n=c) for c in range(len(CLASS_HEX))}
        label = right.radio(t("own.draw_class"), list(classes), horizontal=True,
                            format_func=classes.get, key=f"{page}.draw_class",
                            on_change=_fresh_chart, args=(page,))
    right.button(t("own.undo"), key=f"{page}.undo", on_click=_undo, args=(page,),
                 disabled=not drawing["history"])
    right.button(t("own.clear"), key=f"{page}.clear", on_click=_clear, args=(page,),
                 disabled=not points)
    right.button(t("own.start_builtin"), key=f"{page}.start", on_click=_start_from,
                 args=(page, as_points(builtin(cfg))))
    extent = drawing_extent(page, points)
    event = left.altair_chart(draw_chart(page, points, extent), on_select="rerun",
                              width="content", key=f"{page}.draw.{drawing['edits']}")
    clicked = (event.selection or {}).get("click") if event else None
    if clicked:
        _edit(drawing, apply_click(points, (clicked[0]["x"], clicked[0]["y"]), label, extent))
        st.rerun()
    right.caption(t("own.drawn_count", n=len(points)))
    if not points:
        return None
    xy = np.array([p[:2] for p in points])
    labels = np.array([p[2] for p in points])
    if page == "classification":
        return own_data.classification_from_points(xy, labels, int(labels.max()) + 1,
                                                   f"{page}_points.csv")
    return own_data.regression_from_points(xy[:, 0], xy[:, 1], f"{page}_points.csv")
