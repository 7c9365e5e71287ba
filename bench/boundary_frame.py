"""One 100×100 decision-boundary frame, server side: model evaluation + heat map rects.

The frame is what the classification page computes for every live picture: the softmax of the
trained network over a 100×100 grid (core.tasks.classification.class_probabilities), in 30
shades, turned into colours and rects of equal colour (ui.raster, ui.charts.plane.heatmap_frame).
Measured on the weights of a finished default run.

For context it also times the rest of a live frame as the page builds it: the boundary and
loss-curve charts as ui.frames fills them (a Vega-Lite spec compiled once, new data per
frame), and, for comparison, the same two charts built with Altair and validated every frame.

    OMP_NUM_THREADS=1 .venv/bin/python bench/boundary_frame.py
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script or imported
from bench.common import load_average, median, show

RESOLUTION = 100
REPEATS = 40


def _timed(fn, repeats: int = REPEATS) -> float:
    fn()  # first-call costs (allocations, caches) are paid at server start, not per frame
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return 1000 * median(times)


def measure() -> dict:
    import torch

    torch.set_num_threads(1)
    import numpy as np
    import pandas as pd

    from core.registry import get_task
    from core.snapshots import run_to_end
    from core.tasks.classification import class_probabilities, problem
    from ui.charts import Columns
    from ui.charts.curves import curves_frame, curves_layers, line_curves
    from ui.charts.plane import boundary_chart, boundary_layers, heatmap_frame
    from ui.frames import Plot, as_dataframe, compiled
    from ui.raster import probabilities_to_rgb, quantize

    task = get_task("classification")
    cfg = task.config()
    history, last = run_to_end(task.train(cfg))
    extent = problem(cfg).extent
    prob = problem(cfg)

    def frame() -> Columns:  # as the page makes them
        probs = class_probabilities(cfg, last.weights, extent, RESOLUTION)
        return heatmap_frame(probabilities_to_rgb(quantize(probs)), extent)

    load = load_average()
    frame_ms = _timed(frame)
    eval_ms = _timed(lambda: class_probabilities(cfg, last.weights, extent, RESOLUTION))

    dots = pd.DataFrame({"x": np.r_[prob.x_train[:, 0], prob.x_test[:, 0]],
                         "y": np.r_[prob.x_train[:, 1], prob.x_test[:, 1]],
                         "label": np.r_[prob.y_train, prob.y_test].astype(str),
                         "split": ["train"] * len(prob.y_train) + ["test"] * len(prob.y_test)})
    heatmap = frame()
    rgb = probabilities_to_rgb(quantize(class_probabilities(cfg, last.weights, extent,
                                                            RESOLUTION)))
    steps = [s.step for s in history]
    series = {"train": [s.scalars["train_loss"] for s in history],
              "test": [s.scalars.get("test_loss", np.nan) for s in history]}
    def compiled_frame() -> None:
        boundary = Plot(boundary_layers, (heatmap, dots), {"extent": extent})
        cursor = {"step": []}
        curves = Plot(curves_layers, (curves_frame(steps, series), cursor), {"x_max": 100})
        for plot in (boundary, curves):
            compiled(plot).fill(plot.frames)

    charts_ms = _timed(compiled_frame)
    altair_ms = _timed(lambda: (boundary_chart(rgb, extent, dots).to_dict(),
                                line_curves(as_dataframe(curves_frame(steps, series)),
                                            x_max=100).to_dict()),
                       repeats=5)

    show("boundary_frame_ms (100x100: evaluate + heat map rects)", frame_ms,
         f"goal <= 20; evaluation alone {eval_ms:.1f} ms; load {load}")
    show("  + the frame's two charts, compiled once (ms)", charts_ms,
         f"built with Altair each frame instead: {altair_ms:.0f} ms")
    return {"boundary_frame_ms": frame_ms,
            "details": {"evaluation_ms": eval_ms, "charts_templated_ms": charts_ms,
                        "charts_altair_ms": altair_ms,
                        "heatmap_rects": len(heatmap["x"]), "load": load}}


if __name__ == "__main__":
    measure()
