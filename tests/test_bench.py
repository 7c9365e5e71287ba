"""The in-process benchmarks of `make bench` still run against the code they measure (their
figures are not checked here: benchmarks are not tests). The boundary frame's benchmark once
broke only under `make bench`, when live frames became Columns."""
from bench import boundary_frame, core_vs_bare


def test_the_boundary_frame_benchmark_runs():
    figures = boundary_frame.measure()
    assert figures["boundary_frame_ms"] > 0 and figures["details"]["heatmap_rects"] > 0


def test_the_core_loop_benchmark_runs_in_a_fresh_process():
    figures = core_vs_bare.measure(processes=1, repeats=1)
    assert figures["core_loop_vs_bare"] > 0
    classification = figures["details"]["per_task"]["classification"]
    assert classification["steps"] == 100 and len(classification["processes"]) == 1
