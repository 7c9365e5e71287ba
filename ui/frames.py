"""Cheap live frames: compile an Altair chart once, then only swap its data.

Building an Altair chart and turning it into Vega-Lite costs 100-300 ms of Python (schema
objects, validation), and Streamlit converts Altair charts under one process-wide lock, so in a
classroom every session would queue behind it. A live frame does not need any of that: its
chart has the same structure as the previous frame, only the data differ.

A :class:`Plot` names a pure chart builder from ``ui.charts``, its data frames (one per layer,
in the builder's layer order) and its other options. A frame is a pandas DataFrame or, for
what is made anew with every live frame, plain :data:`Columns` (a dict of equal-length arrays):
building a DataFrame (type inference, an index, string arrays) costs 0.1-2 ms each, and in a
class of 100 the DataFrames of the final view were about a fifth of the server's time. Only
Altair needs DataFrames, once per chart structure, to compile it. :func:`draw` compiles the
builder's chart to a Vega-Lite dict once per structure (builder + options + column names) and,
for every frame, hands Streamlit that dict with the new data frames as its named datasets
(``alt.NamedData``; sent as Arrow).
Compiled specs hold no data, so they are shared between sessions safely.

Drawn with ``width="content"``, a chart must set its own width (``.properties(width=...)``):
without one, Vega-Lite sizes it from data that the compiled spec does not carry and it draws empty.

A :class:`Slot` is the place a chart is drawn into, again and again, like ``st.empty()``, but
without first sending an empty element: the browser then keeps the chart already on screen
and only swaps its data (an ``st.empty()`` in between makes it build the chart anew).
"""
from __future__ import annotations

import copy
import threading
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import pyarrow as pa

from ui.charts import Columns

DataFrameLike = pd.DataFrame | Columns

_COMPILED: dict[tuple, CompiledPlot] = {}
_LOCK = threading.Lock()  # guards _COMPILED
_COMPILING = threading.Lock()  # held while a spec is compiled
MAX_COMPILED = 256


@dataclass(frozen=True)
class Plot:
    """A chart as data: ``builder(*frames, **options)`` would build it with Altair."""

    builder: Callable[..., alt.TopLevelMixin]
    frames: tuple[DataFrameLike, ...]
    options: dict[str, Any] = field(default_factory=dict)

    def chart(self) -> alt.TopLevelMixin:
        """The full Altair chart (slow path; used to compile it once and in tests)."""
        return self.builder(*map(as_dataframe, self.frames), **self.options)

    @property
    def key(self) -> tuple:
        # a DataFrame's columns, or a Columns dict's keys (iterating either gives its names)
        columns = tuple(tuple(map(str, f)) for f in self.frames)
        return (self.builder.__module__, self.builder.__qualname__,
                _freeze(self.options), columns)


@dataclass(frozen=True)
class CompiledPlot:
    spec: dict  # Vega-Lite, datasets removed
    names: tuple[str, ...]  # dataset name of each frame, in order

    def fill(self, frames: tuple[DataFrameLike, ...]) -> dict:
        spec = copy.copy(self.spec)  # shallow: only "datasets" is replaced
        spec["datasets"] = {name: arrow_table(frame)
                            for name, frame in zip(self.names, frames, strict=False)}
        return spec


def as_dataframe(frame: DataFrameLike) -> pd.DataFrame:
    """A frame as a DataFrame (Columns become one; a DataFrame stays itself)."""
    return frame if isinstance(frame, pd.DataFrame) else pd.DataFrame(frame)


def arrow_table(frame: DataFrameLike) -> pa.Table:
    """The Arrow table Streamlit would send for ``frame`` (its columns, same types, NaN as null),
    made column by column.

    Streamlit hands a DataFrame to ``pa.Table.from_pandas``, whose pandas bridge (schema
    metadata, the index, type checks) costs 0.2-0.8 ms a frame whatever its size: about a
    quarter of a scrub step's script time, for the dozen frames a step redraws. The index is
    left out: a chart reads only the columns its spec names.
    """
    def values(column: pd.Series):  # an Arrow-backed column as it is, a NumPy one as an array
        extension = isinstance(column.dtype, pd.api.extensions.ExtensionDtype)
        return column.array if extension else column.to_numpy()

    if isinstance(frame, pd.DataFrame):
        return pa.table({str(name): pa.array(values(column), from_pandas=True)
                         for name, column in frame.items()})
    return pa.table({str(name): _as_pandas_would(pa.array(column, from_pandas=True))
                     for name, column in frame.items()})


def _as_pandas_would(array: pa.Array) -> pa.Array:
    """A column typed as pandas types it, so Columns and the DataFrame made of them give the
    same table: text as Arrow-backed strings (large_string), an empty list as float64."""
    if pa.types.is_string(array.type):
        return array.cast(pa.large_string())
    if pa.types.is_null(array.type) and len(array) == 0:
        return array.cast(pa.float64())
    return array


def compile_plot(plot: Plot) -> CompiledPlot:
    """Vega-Lite of ``plot.chart()`` whose layers read named datasets, one per frame.

    The builder must hand each frame unchanged to one chart or layer as its data; that data
    becomes ``alt.NamedData("frame-<i>")``, filled in by :meth:`CompiledPlot.fill`. So
    nothing is embedded (Altair's 5,000-row guard never applies), and the spec must not depend
    on the rows themselves: a builder takes scale domains from its options, never the data.
    """
    names = tuple(f"frame-{i}" for i in range(len(plot.frames)))
    frames = tuple(map(as_dataframe, plot.frames))
    chart = plot.builder(*frames, **plot.options)
    named = 0
    for part in _charts_in(chart):
        for i, frame in enumerate(frames):
            if part.data is frame:
                part.data = alt.NamedData(names[i])
                named += 1
    if named < len(plot.frames):
        raise ValueError(f"{plot.builder.__qualname__}: each frame must be one layer's data")
    spec = chart.to_dict()
    spec.pop("datasets", None)  # none left: every layer reads a frame
    return CompiledPlot(spec, names)


def _charts_in(chart: alt.TopLevelMixin) -> list:
    """The chart and every chart layered or concatenated in it."""
    found = [chart]
    for attr in ("layer", "hconcat", "vconcat", "concat"):
        for part in getattr(chart, attr, None) or []:
            found.extend(_charts_in(part))
    return found


def compiled(plot: Plot) -> CompiledPlot:
    """The plot's compiled spec, compiled by the first session that needs it.

    Sessions wanting a spec not compiled yet wait for the one compiling it: a class pressing
    Train together would otherwise compile the same chart once per student (all under one GIL,
    so 30 compilations at once finish no sooner than 30 in a row), measured as a third of the
    server's time in a 30-student CNN class.
    """
    key = plot.key
    with _LOCK:
        entry = _COMPILED.get(key)
    if entry is not None:
        return entry
    with _COMPILING:
        with _LOCK:
            entry = _COMPILED.get(key)
        if entry is None:
            entry = compile_plot(plot)
            with _LOCK:
                if len(_COMPILED) >= MAX_COMPILED:
                    _COMPILED.clear()
                _COMPILED[key] = entry
    return entry


def draw(slot, plot: Plot | alt.TopLevelMixin, config: dict | None = None,
         height: int | None = None, **kwargs) -> None:
    """Draw into a Streamlit slot: a Plot by the fast path, an Altair chart as is.

    ``config``: Vega-Lite config merged over the chart's own; ``height``: the chart scaled to
    this height, its aspect kept (presenter mode's big type and big charts)."""
    if isinstance(plot, Plot):
        spec = compiled(plot).fill(plot.frames)
    elif config is None and height is None:
        slot.altair_chart(plot, **kwargs)
        return
    else:
        spec = plot.to_dict()
    if config is not None:
        spec["config"] = {**spec.get("config", {}),
                          **{k: {**spec.get("config", {}).get(k, {}), **v}
                             for k, v in config.items()}}
    if height is not None and isinstance(spec.get("height"), (int, float)):
        factor = height / spec["height"]
        spec["height"] = height
        if isinstance(spec.get("width"), (int, float)):
            spec["width"] = round(spec["width"] * factor)
    slot.vega_lite_chart(spec=spec, **kwargs)


class Slot:
    """A chart's place in the page, drawn again in place: ``draw(slot, plot)``.

    ``st.empty()`` sends an empty element first and the chart later: in between, the browser
    may replace the chart of the previous script run with nothing, and then build the new one
    from scratch (Vega-Lite compiled and the view built again, for every chart of a scrub
    step). A slot is a container instead, which the browser keeps, with its chart, from one
    script run to the next; the first drawing of a script run takes the old chart's place, and
    the next ones (live frames) replace it through the element call's own placeholder.
    Unlike an empty ``st.empty()``, a slot nothing was drawn into still takes the layout's gap.
    """

    def __init__(self, parent) -> None:
        self._box = parent.container()
        self._element = None  # the placeholder of what this script run drew here, if any

    def vega_lite_chart(self, **kwargs) -> None:
        self._draw("vega_lite_chart", **kwargs)

    def altair_chart(self, chart: alt.TopLevelMixin, **kwargs) -> None:
        self._draw("altair_chart", chart, **kwargs)

    def _draw(self, method: str, *args, **kwargs) -> None:
        target = self._box if self._element is None else self._element
        self._element = getattr(target, method)(*args, **kwargs)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value
